// A TypeScript consumer of the wasm build, compiled with `tsc --strict --noEmit` by npm test:
// the hand-written types must be complete enough to use without casts.
import init, { Calculator, evaluate, listTemplates, readCell, type Report, type Update, type RowUpdate, type Explanation, type NodeReport, type Diagnostic, type Sheet } from '../../pkg/jixiao.js';

export async function example(sheetJson: string, file: Uint8Array): Promise<string> {
  await init();
  const calc: Calculator = Calculator.fromJson(sheetJson);
  const opened: Calculator = Calculator.fromBytes(file);
  opened.free();
  const report: Report = calc.report();
  const firstLeaf: NodeReport | undefined = report.nodes.find((n) => n.leaf);
  let total: string | null = report.total;
  if (firstLeaf) {
    const update: Update = calc.set(firstLeaf.index, 'actual', '95%');
    const edited: string | undefined = calc.editTotal(firstLeaf.index, 'actual', '96%');
    const again: Update = calc.recalculate();
    console.log(edited?.length, again.total);
    total = update.total;
    const scores: (string | null)[] = update.changed.map((row: RowUpdate) => row.score);
    const explained: Explanation = calc.explain(firstLeaf.index);
    console.log(scores.join(','), explained.derivation ?? '', update.scored, update.unscored, update.hints);
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

import initSpreadsheets, { previewSpreadsheet, importSpreadsheet, sheetToXlsx, reviewToXlsx, reviewTable, applyConvention, sheetCsv, columnRoles, type Mapping, type SpreadsheetPreview, type OpenedDocument, type ReviewTable, type ReviewRow, type FigureStatus } from '../../pkg/jixiao_xlsx.js';

/** The spreadsheet module: an exported sheet read back, and a foreign table mapped by hand. */
export async function spreadsheets(sheetJson: string, csv: Uint8Array): Promise<string[]> {
  await initSpreadsheets();
  const bytes: Uint8Array = sheetToXlsx(sheetJson);
    const reviewed: Uint8Array = reviewToXlsx(sheetJson);
  const review: ReviewTable = reviewTable(sheetJson);
  const slips: ReviewRow[] = review.rows.filter((r) => r.score.status === 'unexplained' || r.rate.status === 'unexplained');
  const statuses: FigureStatus[] = slips.map((r) => r.score.status);
  const node = slips.map((r) => (r.place.in === 'node' ? r.place.node : -1));
  const applied: string | undefined = review.conventions.length > 0 ? applyConvention(sheetJson, review.conventions[0].index) : undefined;
  console.log(reviewed.length, statuses.join(), node.join(), applied?.length, review.sheet_errors.length);
  const sheetText: string = sheetCsv(sheetJson);
  const back: OpenedDocument = importSpreadsheet(bytes, 'x.xlsx');
  const preview: SpreadsheetPreview = previewSpreadsheet(csv, 'y.csv', JSON.stringify([{ header_row: 0, kind: 'summary' }]));
  const guessed: Mapping | null = preview.tables[0]?.mapping ?? null;
  const labels = columnRoles().filter((r) => r.kind === 'summary').map((r) => r.label);
  if (guessed) guessed.roles[0] = 'project';
  const mapped = guessed ? importSpreadsheet(csv, 'y.csv', JSON.stringify(guessed)).sheets : [];
  return [back.kind, sheetText, ...back.sheets, ...labels, ...mapped];
}
