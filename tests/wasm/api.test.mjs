// The JavaScript API of the wasm build, in Node.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Calculator, catalog, listTemplates, readCell, readLevelCell, evaluate, version, fixture } from './load.mjs';

test('a fixture evaluates to its published figures, decimals as strings', () => {
  const calc = Calculator.fromJson(fixture('seed003_department.sheet.json'));
  const report = calc.report();
  assert.equal(report.total, '90.25');
  assert.equal(report.grade, '优');
  const byName = new Map(report.nodes.map((n) => [n.name, n]));
  assert.equal(byName.get('管理效能').score, '42.25');
  assert.equal(byName.get('资金管理').score, '15.33');
  assert.equal(byName.get('预算完成率').rate, '93.66%');
  assert.equal(byName.get('预算完成率').derivation, '预算完成率为93.66%，未达100%，计算得1.87分');
  for (const n of report.nodes) {
    for (const key of ['weight', 'score', 'rate']) {
      assert.ok(n[key] === null || typeof n[key] === 'string', `${n.name}.${key} crosses as a string`);
    }
  }
  assert.equal(report.funds[0].rate, '93.66%');
  calc.free();
});

test('an edit returns the changed rows up to the total, and the new total', () => {
  const calc = Calculator.fromJson(fixture('seed003_department.sheet.json'));
  const report = calc.report();
  const leaf = report.nodes.find((n) => n.name === '一般公共预算支出年度平均执行率');
  const update = calc.set(leaf.index, 'actual', '90%');
  assert.equal(update.full, false);
  const path = ['一般公共预算支出年度平均执行率', '资金管理', '管理效能'].map((name) => report.nodes.find((n) => n.name === name).index);
  assert.deepEqual(update.changed.map((n) => n.index), path);
  assert.deepEqual(update.changed[0], { index: leaf.index, status: 'scored', weight: leaf.weight, score: '1.80', rate: '90.00%' });
  // The explanation is asked for when it is shown, and is the one the whole report gives.
  const explained = calc.explain(leaf.index);
  const node = calc.report().nodes[leaf.index];
  assert.deepEqual(explained, { derivation: node.derivation, formula: node.formula });
  assert.match(explained.derivation, /90(\.00)?%/);
  assert.deepEqual(calc.explain(update.changed[1].index), { derivation: null, formula: null }, 'a group has none');
  assert.throws(() => calc.explain(9999), /没有第9999行指标/);
  // A leaf's rule with its parameters, as the form's 计分方法 column writes it (for paper).
  const step = calc.report().nodes.find((n) => n.leaf && n.rule === '阶梯扣分');
  assert.match(calc.ruleWords(step.index), /^阶梯扣分（.*每\d+(\.\d+)?%扣\d+(\.\d+)?分，含边界）$/);
  assert.equal(calc.ruleWords(update.changed[1].index), undefined, 'a group has none');
  assert.throws(() => calc.ruleWords(9999), /没有第9999行指标/);
  // report(false): the same evaluation, its rows without explanations (the page's).
  const full = calc.report();
  const lean = calc.report(false);
  assert.deepEqual(lean.nodes.map((n) => [n.derivation, n.formula]).filter(([d, f]) => d != null || f != null), []);
  assert.deepEqual(lean, { ...full, nodes: full.nodes.map((n) => ({ ...n, derivation: null, formula: null })) });
  // The counts the bar shows, kept by the core, agree with the rows.
  const after = calc.report();
  const count = (status) => after.nodes.filter((n) => n.status === status).length;
  assert.deepEqual([update.scored, update.unscored], [count('scored'), count('unscored')]);
  assert.equal(update.hints, after.diagnostics.filter((d) => d.severity === 'hint').length);
  assert.equal(update.total, '90.09');
  assert.equal(update.grade, '优');
  // 89.99 → 良: the grade edge.
  const again = calc.set(leaf.index, 'actual', '10%');
  assert.equal(again.total, '88.49');
  assert.equal(again.grade, '良');
  assert.ok(again.diagnostics.some((d) => d.in === 'node' && d.node === leaf.index && d.code === 'missing_reason') === false, 'the leaf has a reason');
  calc.free();
});

test('editTotal returns the new total only; recalculate agrees with the edits', () => {
  const calc = Calculator.fromJson(fixture('seed003_department.sheet.json'));
  const leaf = calc.report().nodes.find((n) => n.name === '一般公共预算支出年度平均执行率');
  assert.equal(calc.editTotal(leaf.index, 'actual', '90%'), '90.09');
  assert.equal(calc.editTotal(leaf.index, 'actual', '10%'), '88.49');
  assert.throws(() => calc.editTotal(9999, 'actual', '1'), /没有/);
  const before = calc.report();
  assert.equal(calc.recalculate().total, '88.49');
  assert.deepEqual(calc.report(), before);
  calc.free();
});

test('a file opened as bytes is the same sheet as its text', () => {
  const text = fixture('seed003_department.sheet.json');
  const bytes = new TextEncoder().encode(text);
  const fromText = Calculator.fromJson(text);
  const fromBytes = Calculator.fromBytes(bytes);
  assert.deepEqual(fromBytes.report(), fromText.report());
  assert.equal(fromBytes.toJson(), fromText.toJson());
  assert.deepEqual(Calculator.fromBytes(bytes.buffer).report(), fromText.report(), 'an ArrayBuffer too');
  // GBK bytes where UTF-8 belongs: said where, not read as replacement characters.
  const gbk = Uint8Array.from([...new TextEncoder().encode('{"format":"jixiao-sheet",\n"name":"'), 0xd6, 0xb8, 0xb1, 0xea, 0x22, 0x7d]);
  assert.throws(() => Calculator.fromBytes(gbk), /文件不是 UTF-8 编码：第2行第10列/);
  assert.throws(() => Calculator.fromBytes(new TextEncoder().encode('{"a":1}')), /这不是 jixiao 评分表文件/);
  for (const [value, kind] of [[text, '文本'], [undefined, 'undefined'], [null, 'null'], [[1, 2], '对象'], [12, '其他类型的值']]) {
    assert.throws(() => Calculator.fromBytes(value), new RegExp(`参数 bytes 应为 Uint8Array（文件的字节），收到的是 ${kind}`), String(value));
  }
  fromText.free();
  fromBytes.free();
});

test('bad input is an Error with a Chinese message, never a crash', () => {
  assert.throws(() => Calculator.fromJson('{"format":"jixiao-sheet",'), /不是有效的 JSON 文件/);
  assert.throws(() => Calculator.fromJson('{"a":1}'), /这不是 jixiao 评分表文件/);
  assert.throws(() => Calculator.fromTemplate('nope'), /^Error: 没有模板“nope”；可用模板：project、key-evaluation、/);
  const calc = Calculator.fromTemplate('project');
  assert.throws(() => calc.set(0, 'colour', 'x'), /没有“colour”这个字段/);
  assert.throws(() => calc.set(0, 'comparison', '大概'), /比较方式“大概”无法识别/);
  assert.throws(() => calc.set(999, 'actual', '1'), /没有第999行指标/);
  assert.throws(() => calc.indent(0), /上方没有同级指标/);
  // After refused edits the calculator still works.
  const update = calc.set(3, 'target', '1e400');
  const d = update.diagnostics.find((x) => x.in === 'node' && x.node === 3 && x.field === 'target');
  assert.equal(d.message, '年度指标值无法识别：不支持科学计数法（如 1e5），请写出完整数字');
  assert.equal(calc.report().kind, 'project');
  // The shape without the report, named as the file and the report name it.
  for (const kind of ['project', 'department', 'summary']) assert.equal(Calculator.empty(kind).kind, kind);
  calc.free();
});

test('wrong JavaScript arguments are ordinary Errors, never a trap that stops the module', () => {
  const calc = Calculator.fromTemplate('project');
  // A number where text belongs is taken as its text; NaN and Infinity are refused.
  assert.equal(calc.set(3, 'target', 200).changed[0].index, 3);
  assert.equal(calc.node(3).target, '200');
  for (const [value, message] of [[NaN, /不能是 NaN/], [Infinity, /不能是 Infinity/], [-Infinity, /不能是 Infinity/],
    [undefined, /应为文本，收到的是 undefined/], [null, /收到的是 null/], [{}, /收到的是 对象/], [true, /收到的是 true\/false/]]) {
    assert.throws(() => calc.set(0, 'actual', value), message, String(value));
  }
  // Row positions: NaN, negatives and fractions would otherwise edit row 0 or row 4294967295.
  for (const index of [NaN, -1, 1.5, Infinity]) {
    assert.throws(() => calc.set(index, 'actual', '1'), /应为不小于 0 的整数/, String(index));
    assert.throws(() => calc.remove(index), /应为不小于 0 的整数/, String(index));
  }
  assert.throws(() => calc.moveBy(1, 0.5), /应为整数/);
  assert.throws(() => calc.insert(undefined, 0, '{"name":"甲","wieght":"5"}'), /指标行格式不对：未知字段“wieght”/);
  assert.throws(() => calc.setSettings('{"total_weight":'), /设置格式不对：JSON 格式错误/);
  assert.throws(() => Calculator.fromJson(12), /没有找到|不是有效|这不是/);
  assert.throws(() => Calculator.fromJson(undefined), /应为文本/);
  assert.throws(() => readCell({}), /应为文本/);
  assert.throws(() => evaluate(null), /应为文本/);
  // The module is still alive and the sheet unchanged by the refusals.
  assert.equal(calc.node(3).target, '200');
  // The 10号 form: 预算执行率 (row 0) is scored from the 项目资金 block's 年度资金总额, and
  // typing there returns the row it re-scored.
  assert.equal(calc.setFund(0, 'budget', '200').changed[0].score, null, 'no 全年执行数 yet');
  const funded = calc.setFund(0, 'spent', '190');
  assert.deepEqual([funded.changed[0].index, funded.changed[0].score], [0, '9.50']);
  assert.equal(calc.report().funds[0].score, '9.50');
  calc.free();
});

test('the tree can be reshaped, and the sheet read back', () => {
  const calc = Calculator.fromTemplate('project');
  const before = calc.length;
  const id = calc.insert(undefined, 1, JSON.stringify({ name: '新增一级', weight: '5' }));
  assert.equal(id, 1);
  assert.equal(calc.length, before + 1);
  assert.equal(calc.node(1).name, '新增一级');
  const moved = calc.moveBy(1, -1);
  assert.equal(moved, 0);
  assert.equal(calc.sheet().indicators[0].name, '新增一级');
  calc.remove(0);
  assert.equal(calc.length, before);
  const json = calc.toJson();
  assert.equal(Calculator.fromJson(json).toJson(), json, 'save, load, save: unchanged');
  // The compact form (storage) is the same file on one line.
  const compact = calc.toJson(true);
  assert.ok(!compact.includes('\n') && compact.length < json.length);
  assert.deepEqual(JSON.parse(compact), JSON.parse(json));
  assert.equal(Calculator.fromJson(compact).toJson(), json);
  calc.setMeta('unit', '某单位');
  assert.equal(calc.sheet().meta.unit, '某单位');
  calc.free();
});

test('settings, funds and projects', () => {
  const calc = Calculator.fromTemplate('summary');
  const row = calc.insertProject(0);
  calc.setProject(row, 'budget', '2,000.00');
  calc.setProject(row, 'spent', '1,401.84');
  const update = calc.setProject(row, 'score', '88.00');
  // Only the row typed in, the 合计, that row's findings and the sheet's own come back.
  assert.deepEqual([update.row.rate, update.row.grade, update.summary.rate, update.summary.budget], ['70.09%', '良', '70.09%', '2,000.00']);
  assert.equal(update.summary.grades.find((g) => g.grade === '良').count, 1);
  assert.equal('rows' in update.summary, false);
  // A 完成数 blanked: asked for at the row, and the 合计 says it leaves the row out.
  assert.deepEqual(calc.setProject(row, 'spent', '').diagnostics.map((d) => [d.in, d.row, d.field, d.code]),
    [['project', row, 'spent', 'missing'], ['sheet', undefined, undefined, 'out_of_sums']]);
  calc.setProject(row, 'spent', '1,401.84');
  let summary = calc.report().summary;
  assert.equal(summary.rows[0].rate, '70.09%');
  assert.equal(summary.rows[0].grade, '良');
  calc.setSettings(JSON.stringify({ grade_bands: [{ grade: '优秀', min: '85' }, { grade: '合格', min: '60' }, { grade: '不合格', min: '0' }] }));
  summary = calc.report().summary;
  assert.equal(summary.rows[0].grade, '优秀');
  const f = calc.insertFund(0);
  calc.setFund(f, 'budget', '7,704.69');
  calc.setFund(f, 'spent', '7,663.69');
  assert.equal(calc.report().funds[0].rate, '99.47%');
  assert.throws(() => calc.setSettings('{"grade_bands": 5}'), /设置格式不对/);
  calc.free();
});

test('templates, cell reading, one-shot evaluation, version', () => {
  const templates = listTemplates();
  assert.deepEqual(templates.map((t) => t.id), ['project', 'key-evaluation', 'department-efficiency', 'department-management', 'summary']);
  assert.equal(templates[0].name, '项目支出绩效自评表');
  assert.deepEqual(readCell('９５％以上'), { blank: false, value: '95', percent: true, comparison: '≥', unit: '', from_chinese_numeral: false, error: null });
  assert.equal(readCell('——').blank, true);
  assert.deepEqual(readCell('一千二百万'), { blank: false, value: '1200', percent: false, comparison: null, unit: '万', from_chinese_numeral: true, error: null });
  assert.deepEqual(readLevelCell('2023-11-30前出台（部分达成）'), { words: '2023-11-30前出台', level: '部分达成' });
  assert.deepEqual(readLevelCell('达成'), { words: '达成', level: '达成' });
  assert.deepEqual(readLevelCell('已完成'), { words: '已完成', level: null });
  assert.equal(readCell('共1487宗其中1宗超期').error, '含有多个数字（1487、1），无法判断取哪一个');
  const report = evaluate(fixture('seed000_summary.sheet.json'));
  assert.equal(report.summary.rate, '97.15%');
  assert.deepEqual(report.summary.grades.map((g) => [g.grade, g.count]), [['优', 3], ['良', 8], ['中', 0], ['差', 0]]);
  assert.match(version(), /^\d+\.\d+\.\d+$/);
});

test('the catalog the page offers its choices from is the core\'s', () => {
  const { rules, comparisons, levels, grade_bands, hints } = catalog();
  assert.deepEqual(hints.map(([code]) => code), ['conservative_target', 'unmeasurable_target', 'placeholder_value', 'percent_over_100',
    'no_satisfaction', 'missing_dimension', 'cost_direction', 'execution_gap']);
  assert.deepEqual(rules, [
    ['ratio', '比率法'], ['budget_execution', '预算执行率'], ['step', '阶梯扣分'], ['interval', '区间计分'],
    ['per_occurrence', '按次扣分'], ['qualitative', '定性评价'], ['yes_no', '是否判断'], ['manual', '手动评分'], ['coefficient', '得分系数法'],
    ['adjustment', '加减分'],
  ]);
  assert.deepEqual(comparisons, ['≥', '>', '=', '≤', '<', '定性']);
  assert.deepEqual(levels, ['达成', '部分达成', '未达成']);
  assert.deepEqual(grade_bands, [{ grade: '优', min: '90' }, { grade: '良', min: '80' }, { grade: '中', min: '60' }, { grade: '差', min: '0' }]);
  // Every kind it names is one a sheet file can use, and reports the same label.
  for (const [kind, label] of rules) {
    const rule = { kind, ...(kind === 'step' ? { step: '1', points: '1' } : {}), ...(kind === 'interval' ? { bands: [{ points: '1' }] } : {}),
      ...(kind === 'per_occurrence' ? { points: '1' } : {}), ...(kind === 'adjustment' ? { bound: '5' } : {}) };
    const report = evaluate(JSON.stringify({ format: 'jixiao-sheet', version: 1, kind: 'project', indicators: [{ name: 'a', weight: '10', rule }] }));
    assert.equal(report.nodes[0].rule, label, kind);
  }
});

test('the same edits give the same results as a fresh evaluation', () => {
  const calc = Calculator.fromJson(fixture('seed001_department.sheet.json'));
  const leaves = calc.report().nodes.filter((n) => n.leaf);
  let k = 0;
  for (const leaf of leaves) {
    calc.set(leaf.index, 'score', ['1', '0.5', '', 'abc', '3'][k++ % 5]);
  }
  const fresh = Calculator.fromJson(calc.toJson());
  assert.deepEqual(calc.report(), fresh.report());
  calc.free();
  fresh.free();
});
