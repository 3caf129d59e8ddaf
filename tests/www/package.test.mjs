// The npm package as a portal team meets it: packed, installed into an empty project, its
// engine used from Node, its types checked by TypeScript, its custom-elements.json true to the
// element. (A page using it in a browser: tests/e2e/package.test.mjs.)
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { installed } from './installed.mjs';
import { manifest } from '../../scripts/custom-elements.mjs';
import { root } from '../../scripts/setup.mjs';
import { snippet, written, matches } from '../snippets.mjs';

let project;
let packed;

before(async () => {
  ({ dir: project, report: packed } = await installed());
});

test('the package holds what a portal needs and nothing else', () => {
  const files = packed.files.map((f) => f.path).sort();
  assert.deepEqual(files, [
    'EMBED.md', 'FORMAT.md', 'README.md', 'custom-elements.json', 'embed-compat.html', 'embed.html', 'embed.js', 'engine.d.ts', 'engine.js', 'engine.node.js', 'jixiao.d.ts', 'jixiao.es2017.js', 'jixiao.js',
    'jixiao.node.js', 'jixiao_bg.wasm', 'jixiao_xlsx_bg.wasm', 'legacy.d.ts', 'legacy.js', 'package.json', 'pkg/jixiao.d.ts', 'pkg/jixiao_xlsx.d.ts',
    'spreadsheet.d.ts', 'spreadsheet.js', 'spreadsheet.node.js',
  ]);
  // One copy of each wasm module: under 1.5 MB packed (the Excel module, about 0.83 MB
  // gzipped, is most of it; a second copy of it would take the package past 2 MB).
  assert.ok(packed.size < 1.5e6, `${packed.size} bytes`);
  console.log(`npm pack: ${packed.filename}, ${files.length} files, ${(packed.size / 1024).toFixed(1)} KB packed, ${(packed.unpackedSize / 1024).toFixed(1)} KB unpacked`);
  // Every link between the package's documents leads to a file in it (EMBED.md linked to
  // FORMAT.md, which was left out).
  for (const doc of files.filter((f) => f.endsWith('.md'))) {
    const text = readFileSync(path.join(project, 'node_modules', 'jixiao', doc), 'utf8');
    for (const [, target] of text.matchAll(/\]\(([^)#:\s]+)(?:#[^)]*)?\)/g)) assert.ok(files.includes(target), `${doc} links to ${target}, not in the package`);
  }
  const meta = JSON.parse(readFileSync(path.join(project, 'node_modules', 'jixiao', 'package.json'), 'utf8'));
  assert.equal(meta.customElements, './custom-elements.json');
  assert.equal(meta.exports['.'].types, './jixiao.d.ts');
});

test('from Node: the engine is ready on import, the spreadsheet module too', () => {
  const script = `
    import { readFileSync } from 'node:fs';
    import { Calculator, readCell } from 'jixiao/engine';
    import { sheetCsv, searchIndicators } from 'jixiao/spreadsheet';
    import { mount, loadEngine } from 'jixiao';          // harmless in Node (server-side rendering)
    await import('jixiao/legacy');
    let refused = '';
    try { mount(); } catch (e) { refused = e.message; }
    const viaLoader = (await loadEngine()).Calculator === Calculator;
    const json = readFileSync(${JSON.stringify(path.join(root, 'tests', 'fixtures', 'filled_project.json'))}, 'utf8');
    const calc = Calculator.fromJson(json);
    const out = { total: calc.totals().total, grade: calc.totals().grade, cell: readCell('95%以上').value,
      csv: sheetCsv(json).includes('老旧小区微改造'), library: searchIndicators('满意度', 1)[0].name,
      refused: refused.includes('jixiao/engine'), viaLoader };
    calc.free();
    console.log(JSON.stringify(out));`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: project, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  assert.deepEqual(JSON.parse(run.stdout), { total: '94.51', grade: '优', cell: '95', csv: true, library: '服务对象满意度', refused: true, viaLoader: true });
});

test("the README's npm lines run in Node as written", () => {
  const code = snippet('README.md', 'npm-engine');
  const shown = written(code.match(/calc\.totals\(\); +\/\/ (\{.*\})$/m)[1]);
  const sheetJson = readFileSync(path.join(root, 'tests', 'fixtures', 'filled_project.json'), 'utf8');
  const script = `const sheetJson = ${JSON.stringify(sheetJson)};\n${code}\nconsole.log(JSON.stringify(calc.totals()));`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: project, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  assert.ok(matches(JSON.parse(run.stdout), shown), run.stdout);
});

test('a bundler keeps the element: importing it for its effect survives tree shaking', async () => {
  const esbuild = await import('esbuild');
  for (const entry of ['jixiao', 'jixiao/legacy']) {
    const out = await esbuild.build({
      stdin: { contents: `import '${entry}';`, resolveDir: project }, bundle: true, write: false, minify: true,
      format: 'esm', platform: 'browser', logLevel: 'silent',
    });
    assert.match(out.outputFiles[0].text, /jixiao-calculator/, entry);
  }
});

test('TypeScript sees the element, mount(), the engine and the events with their types', () => {
  writeFileSync(path.join(project, 'portal.ts'), `
    import { mount, loadEngine, type ChangeDetail } from 'jixiao';
    import { load, Calculator } from 'jixiao/engine';
    const el = document.querySelector('jixiao-calculator');
    el?.addEventListener('jixiao-change', (e) => {
      const detail: ChangeDetail = e.detail;
      const total: string | null = detail.evaluation.total;
      const grade: string | null = detail.totals.grade;
      console.log(total, grade, detail.sheet.kind);
    });
    const sheetKind: string | undefined = el?.sheet?.kind;
    const c = mount(document.body, { template: 'project', compact: true, onChange: (d) => d.json.length });
    c.setCompact(false);
    await load();
    const calc: Calculator = Calculator.fromJson('{}');
    const engine = await loadEngine();
    engine.readCell('1');
    // @ts-expect-error: the element has no such property
    el?.noSuchThing;
    export { sheetKind, calc };
  `);
  const tsc = spawnSync(path.join(root, 'node_modules', '.bin', 'tsc'), ['--noEmit', '--strict', '--target', 'es2022', '--module', 'es2022',
    '--moduleResolution', 'bundler', '--lib', 'es2022,dom', 'portal.ts'], { cwd: project, encoding: 'utf8' });
  assert.equal(tsc.status, 0, tsc.stdout + tsc.stderr);
});

test('a Node project in TypeScript, without the DOM’s types, compiles against the engine', () => {
  writeFileSync(path.join(project, 'server.ts'), `
    import { readFileSync } from 'node:fs';
    import { Calculator, load, type Report } from 'jixiao/engine';
    import { sheetCsv } from 'jixiao/spreadsheet';
    await load();
    const calc = Calculator.fromJson(readFileSync('sheet.json', 'utf8'));
    const report: Report = calc.report();
    const total: string | null = report.total;
    const csv: string = sheetCsv(calc.toJson());
    calc.free();
    export { total, csv };
  `);
  const tsc = spawnSync(path.join(root, 'node_modules', '.bin', 'tsc'), ['--noEmit', '--strict', '--target', 'es2022', '--module', 'nodenext',
    '--moduleResolution', 'nodenext', '--lib', 'es2022', '--types', 'node', '--typeRoots', path.join(root, 'node_modules', '@types'), 'server.ts'],
  { cwd: project, encoding: 'utf8' });
  assert.equal(tsc.status, 0, tsc.stdout + tsc.stderr);
});

test('custom-elements.json describes the element as www/src/element.js has it', () => {
  const source = readFileSync(path.join(root, 'www', 'src', 'element.js'), 'utf8');
  const element = manifest().modules[0].declarations.find((d) => d.customElement);
  const read = new Set([...source.matchAll(/(?:get|has)Attribute\('([\w-]+)'\)/g)].map((m) => m[1]));
  for (const name of source.match(/observedAttributes = \[([^\]]*)\]/)[1].matchAll(/'([\w-]+)'/g)) read.add(name[1]);
  assert.deepEqual(element.attributes.map((a) => a.name).sort(), [...read].sort());
  const events = new Set([...source.matchAll(/new CustomEvent\('([\w-]+)'/g)].map((m) => m[1]));
  assert.deepEqual(element.events.map((e) => e.name).sort(), [...events].sort());
  const properties = new Set([...source.matchAll(/^ {2}(?:get|set) (\w+)\(/gm)].map((m) => m[1]));
  assert.deepEqual(element.members.map((m) => m.name).sort(), [...properties].sort());
  const shipped = JSON.parse(readFileSync(path.join(project, 'node_modules', 'jixiao', 'custom-elements.json'), 'utf8'));
  assert.deepEqual(shipped, manifest());
});
