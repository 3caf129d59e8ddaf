// A TypeScript consumer of the wasm build, compiled with `tsc --strict --noEmit` by npm test:
// the hand-written types must be complete enough to use without casts.
import init, { Calculator, evaluate, listTemplates, readCell, type Report, type Update, type NodeReport, type Diagnostic, type Sheet } from '../../pkg/jixiao.js';

export async function example(sheetJson: string): Promise<string> {
  await init();
  const calc: Calculator = Calculator.fromJson(sheetJson);
  const report: Report = calc.report();
  const firstLeaf: NodeReport | undefined = report.nodes.find((n) => n.leaf);
  let total: string | null = report.total;
  if (firstLeaf) {
    const update: Update = calc.set(firstLeaf.index, 'actual', '95%');
    total = update.total;
    const messages: string[] = update.diagnostics.map((d: Diagnostic) => (d.in === 'node' ? `${d.node}:${d.field}:${d.message}` : d.message));
    console.log(messages.join('\n'));
  }
  const sheet: Sheet = calc.sheet();
  const names: string[] = (sheet.indicators ?? []).map((n) => n.name ?? '');
  const reading = readCell('95%以上');
  const templates = listTemplates().map((t) => `${t.id} ${t.name}`);
  const summary = evaluate(calc.toJson()).summary;
  calc.free();
  return [total ?? '', reading.comparison ?? '', ...names, ...templates, summary?.rate ?? ''].join(',');
}
