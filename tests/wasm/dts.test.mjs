// The hand-written TypeScript types (src/wasm/calculator.rs) against the generated .d.ts and real results:
// no `any` anywhere, and every declared interface has exactly the fields results carry.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { Calculator, catalog, listTemplates, readCell, fixture, root } from './load.mjs';

const dts = readFileSync(path.join(root, 'pkg', 'jixiao.d.ts'), 'utf8');

test('the generated .d.ts files contain no `any`', () => {
  for (const file of readdirSync(path.join(root, 'pkg')).filter((f) => f.endsWith('.d.ts'))) {
    const text = readFileSync(path.join(root, 'pkg', file), 'utf8');
    const hits = text.split('\n').filter((line) => /\bany\b/.test(line));
    assert.deepEqual(hits, [], `${file} has \`any\``);
  }
  assert.match(dts, /report\(explanations\?: boolean \| null\): Report;/);
  assert.match(dts, /set\(node: number, field_name: NodeField, value: string\): Update;/);
});

/** The field names an interface declares, its base's included (optional fields marked). */
function declared(name) {
  const m = dts.match(new RegExp(`export interface ${name} (?:extends (\\w+) )?\\{([\\s\\S]*?)\\n?\\}`));
  assert.ok(m, `interface ${name} is declared`);
  const body = m[2].replace(/\/\*\*[\s\S]*?\*\//g, '');
  const own = [...body.matchAll(/(\w+)(\??):/g)].map(([, field, optional]) => ({ field, optional: optional === '?' }));
  return m[1] ? [...declared(m[1]), ...own] : own;
}

function assertShape(name, object) {
  const fields = declared(name);
  const required = fields.filter((f) => !f.optional).map((f) => f.field).sort();
  const all = fields.map((f) => f.field);
  const actual = Object.keys(object).sort();
  for (const key of actual) assert.ok(all.includes(key), `${name} does not declare “${key}”`);
  for (const key of required) assert.ok(actual.includes(key), `${name}.${key} is declared but missing`);
}

test('results have exactly the declared fields', () => {
  const calc = Calculator.fromJson(fixture('seed003_department.sheet.json'));
  const report = calc.report();
  assertShape('Report', report);
  assertShape('NodeReport', report.nodes[0]);
  assertShape('FundsReport', report.funds[0]);
  const update = calc.set(2, 'actual', '1');
  assertShape('Update', update);
  assertShape('RowUpdate', update.changed[0]);
  assertShape('Explanation', calc.explain(2));
  const ratio = report.nodes.findIndex((n) => n.name === '一般公共预算支出年度平均执行率');
  const typed = calc.set(ratio, 'target', '≤100%');
  assertShape('Update', typed);
  assertShape('ComparisonChange', typed.comparison_set);

  const rescaled = Calculator.fromJson(JSON.stringify({
    format: 'jixiao-sheet', version: 1, kind: 'department',
    indicators: [{ name: 'a', weight: '50', rule: { kind: 'manual' }, score: '40' }, { name: 'b', weight: '50', not_applicable: true }],
  })).report();
  assertShape('RescaleReport', rescaled.rescale);
  const summary = Calculator.fromJson(fixture('seed000_summary.sheet.json')).report().summary;
  assertShape('SummaryReport', summary);
  assertShape('ProjectReport', summary.rows[0]);
  assertShape('GradeCount', summary.grades[0]);
  const typedRow = Calculator.fromJson(fixture('seed000_summary.sheet.json')).setProject(0, 'spent', '1');
  assertShape('ProjectUpdate', typedRow);
  assertShape('SummaryTotals', typedRow.summary);
  assertShape('ProjectReport', typedRow.row);
  assertShape('TemplateInfo', listTemplates()[0]);
  assertShape('Catalog', catalog());
  assertShape('GradeBand', catalog().grade_bands[0]);
  assertShape('CellReading', readCell('95%'));
  const sheet = calc.sheet();
  assertShape('Sheet', sheet);
  assertShape('Meta', sheet.meta);
  assertShape('FundsRow', sheet.funds[0]);
  assertShape('IndicatorNode', sheet.indicators[0].children[0].children[0]);
  // Diagnostics: the place union plus severity, code and message.
  for (const d of report.diagnostics) {
    assert.deepEqual(Object.keys(d).filter((k) => !['in', 'node', 'field', 'row'].includes(k)).sort(), ['code', 'message', 'severity']);
  }
  calc.free();
});
