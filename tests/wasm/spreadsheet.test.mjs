// Workbooks and the spreadsheet module (.xlsx / .csv in and out) through their JavaScript API,
// in Node, as the page uses them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { unzipSync, zipSync, strFromU8, strToU8 } from 'fflate';
import {
  Calculator, openDocument, projectRow, otherYears, workbookJson, previewSpreadsheet, importSpreadsheet, columnRoles,
  sheetToXlsx, workbookToXlsx, summaryCsv, sheetCsv, previewTable, pasteTable, fixture, root,
  reviewTable, applyConvention, reviewToXlsx, reportToDocx, reportNarrative, bindReportKeys, searchIndicators, pastedFunds,
} from './load.mjs';

const dts = readFileSync(path.join(root, 'pkg', 'jixiao_xlsx.d.ts'), 'utf8');

function assertShape(name, object, text = dts) {
  const m = text.match(new RegExp(`export interface ${name} \\{([\\s\\S]*?)\\n?\\}`));
  assert.ok(m, `interface ${name} is declared`);
  const fields = [...m[1].replace(/\/\*\*[\s\S]*?\*\//g, '').matchAll(/(\w+)(\??):/g)].map(([, field, optional]) => ({ field, optional: optional === '?' }));
  const actual = Object.keys(object);
  for (const key of actual) assert.ok(fields.some((f) => f.field === key), `${name} does not declare “${key}”`);
  for (const f of fields.filter((x) => !x.optional)) assert.ok(actual.includes(f.field), `${name}.${f.field} is missing`);
}

test('a sheet goes to .xlsx and comes back exactly', () => {
  for (const name of ['seed001_department.sheet.json', 'seed003_department.sheet.json', 'seed000_summary.sheet.json']) {
    const json = fixture(name);
    const bytes = sheetToXlsx(json);
    assert.ok(bytes instanceof Uint8Array && bytes.length > 1000);
    const preview = previewSpreadsheet(bytes, 'out.xlsx');
    assert.equal(preview.embedded, true);
    const opened = importSpreadsheet(bytes, 'out.xlsx');
    assert.equal(opened.kind, 'sheet');
    assert.equal(opened.sheets[0], Calculator.fromJson(json).toJson(true), name);
  }
});

test('the printed form shows the figures Excel shows', () => {
  const bytes = sheetToXlsx(fixture('seed000_summary.sheet.json'));
  const preview = previewSpreadsheet(bytes, '汇总表.xlsx');
  assertShape('SpreadsheetPreview', preview);
  const table = preview.tables[0];
  assertShape('TablePreview', table);
  assert.equal(table.name, '汇总表');
  assertShape('Mapping', table.mapping);
  assert.equal(table.mapping.kind, 'summary');
  // Amounts with thousands separators and two decimals, rates as percentages: the numbers
  // are stored as numbers with the formats that show them so.
  assert.deepEqual(table.sample[0].slice(4, 9), ['420.00', '404.25', '96.25%', '82.06', '良']);
  assert.deepEqual(table.sample[7].slice(4, 7), ['200.00', '182.74', '91.37%']);
});

test('a table from elsewhere is mapped, and a mapping the user corrects is used', () => {
  const csv = '\ufeff编号,预算单位,项目,资金预算,完成数,评价得分\n1,昌华街道,泮塘五约,420.00,404.25,82.06\n2,东漖街道,环境整治,100.00,84.31,83.08\n';
  const bytes = new TextEncoder().encode(csv);
  const preview = previewSpreadsheet(bytes, 'x.csv');
  assert.equal(preview.embedded, false);
  const mapping = preview.tables[0].mapping;
  assert.deepEqual(mapping.roles, ['seq', 'unit_name', 'project', null, 'spent', 'project_score']);
  mapping.roles[3] = 'budget';
  const opened = importSpreadsheet(bytes, 'x.csv', JSON.stringify(mapping));
  assertShape('OpenedDocument', opened);
  const report = Calculator.fromJson(opened.sheets[0]).report();
  assert.equal(report.summary.rate, '93.95%'); // 488.56 ÷ 520.00
  // The user moves the header row: the columns are guessed again for that row.
  const again = previewSpreadsheet(bytes, 'x.csv', JSON.stringify([{ header_row: 1, kind: 'indicators' }]));
  assert.equal(again.tables[0].mapping.header_row, 1);
  assert.equal(again.tables[0].mapping.kind, 'indicators');
  const roles = columnRoles();
  assertShape('ColumnRoleInfo', roles[0]);
  assert.ok(roles.some((r) => r.role === 'budget' && r.label === '预算数' && r.kind === 'summary'));
});

test('malformed files are refused with a Chinese message, never a crash', () => {
  for (const [bytes, name, message] of [
    [new Uint8Array(), 'a.xlsx', /文件是空的/],
    [new TextEncoder().encode('PK\u0003\u0004 garbage'), 'b.xlsx', /这不是有效的 Excel 文件/],
    [new Uint8Array([0xd0, 0xcf, 0x11, 0xe0]), 'c.xls', /旧版 \.xls/],
    [new TextEncoder().encode('甲,乙\n1,2\n'), 'd.csv', /没有找到表头/],
  ]) {
    assert.throws(() => importSpreadsheet(bytes, name), message, name);
  }
  assert.throws(() => importSpreadsheet(new TextEncoder().encode('a,b\n'), 'e.csv', '{"table": 0}'), /列对应关系格式不对/);
  assert.throws(() => sheetToXlsx('{"format": "jixiao-sheet"'), /JSON/);
  // Wrong argument types are ordinary Errors (a number as `choices` or `mapping` used to trap).
  const csv = new TextEncoder().encode('序号,项目名称,预算数\n1,甲,100\n');
  assert.throws(() => previewSpreadsheet(csv, 'f.csv', 12), /表头选择格式不对/);
  assert.throws(() => importSpreadsheet(csv, 'f.csv', {}), /参数 mapping 应为文本，收到的是 对象/);
  assert.throws(() => previewSpreadsheet(csv, 42n), /参数 file_name 应为文本/);
  assert.equal(previewSpreadsheet(csv, 'f.csv', null).tables.length, 1);
  // The module still works after every refusal.
  assert.ok(sheetToXlsx(fixture('seed001_department.sheet.json')).length > 0);
});

test('a workbook’s sheets of a project’s other years are named with the one that stands, for the 汇总表 to leave out', () => {
  const project = (year) => JSON.stringify({ format: 'jixiao-sheet', version: 2, kind: 'project', meta: { unit: '甲单位', project: '甲项目', year } });
  // Unreadable text is passed over, keeping the others' places; the latest year stands.
  assert.deepEqual(otherYears([project('2023'), 'not json', project('2022年'), project('2021')], ''), [[2, 0], [3, 0]]);
  // The 汇总表's own 年度, when one of the project's sheets is of it.
  assert.deepEqual(otherYears([project('2023'), 'not json', project('2022年'), project('2021')], '2022年度'), [[0, 2], [3, 2]]);
  assert.deepEqual(otherYears([project('2023'), project('2023')], ''), []);
  assert.throws(() => otherYears([{}], ''), /参数 sheets 应为文本/);
});

test('a workbook: its sheets give the 汇总表 rows; JSON and .xlsx round trips', () => {
  const a = fixture('seed001_department.sheet.json');
  const b = fixture('seed003_department.sheet.json');
  const row = projectRow(a, 1);
  assert.equal(row.score, '94.90');
  assert.equal(row.budget, '32,341.81');
  const summary = JSON.stringify({ format: 'jixiao-sheet', version: 1, kind: 'summary', projects: [{ seq: '3', project: '外部项目', budget: '100.00', spent: '96.08', score: '94.12' }] });
  const json = workbookJson('示例工作簿', [a, b], summary);
  const opened = openDocument(json);
  assertShape('OpenedDocument', opened, readFileSync(path.join(root, 'pkg', 'jixiao.d.ts'), 'utf8'));
  assert.equal(opened.kind, 'workbook');
  assert.equal(opened.name, '示例工作簿');
  assert.equal(opened.sheets.length, 2);
  const back = importSpreadsheet(workbookToXlsx(json), '示例工作簿.xlsx');
  assert.deepEqual(back, opened);
  const sheetOnly = openDocument(a);
  assert.deepEqual([sheetOnly.kind, sheetOnly.sheets.length, sheetOnly.summary], ['sheet', 1, null]);
  assert.throws(() => workbookJson('x', ['{}'], summary), /第1个表格/);
  const csv = summaryCsv(fixture('seed000_summary.sheet.json'));
  // The form's first two lines, then its header: what opening it again takes them from.
  assert.ok(csv.startsWith('\ufeff2023年度荔湾区财政支出项目绩效重点评价汇总表\n单位名称：广州市荔湾区财政局    年度：2023\n序号,单位名称'), csv.slice(0, 120));
  assert.match(csv, /,合计,,,"23,460\.84","22,793\.18",97\.15%/);
});

test('a sheet as CSV, as 表格 → CSV writes it: every field quoted, CRLF, formulas made inert', () => {
  const csv = sheetCsv(fixture('seed001_department.sheet.json'));
  assert.ok(csv.startsWith('\ufeff"2023年广州市增城区人民政府荔湖街道办事处部门整体支出绩效自评报告"\r\n'));
  assert.match(csv, /\r\n"全年预算（收支合计）","","32,341\.81","31,435\.28","97\.20%",""\r\n/);
  assert.ok(csv.endsWith('\r\n\r\n"总分","94.90","等级","优"\r\n'));
  const calc = Calculator.fromTemplate('project');
  calc.setMeta('title', '=HYPERLINK("http://x")');
  assert.ok(sheetCsv(calc.toJson()).startsWith('\ufeff"\'=HYPERLINK(""http://x"")"\r\n'));
  calc.free();
  assert.throws(() => sheetCsv('{"hello": 1}'), /这不是 jixiao 评分表文件/);
});

test('a form returned from Excel opens with its edits and says which; without its hidden copy too', () => {
  const json = fixture('filled_project.json');
  const written = sheetToXlsx(json);
  const parts = unzipSync(written);
  const form = strFromU8(parts['xl/worksheets/sheet1.xml']);
  parts['xl/worksheets/sheet1.xml'] = strToU8(form.replace('<v>0.8765</v>', '<v>0.92</v>'));
  const opened = importSpreadsheet(zipSync(parts), 'returned.xlsx');
  assertShape('OpenedDocument', opened);
  assert.equal(opened.message, '已采用表格中修改过的 1 个单元格：实际完成值（服务对象满意度） 87.65% → 92.00%。');
  assert.equal(Calculator.fromJson(opened.sheets[0]).report().total, '94.77');
  assert.equal(importSpreadsheet(written, 'out.xlsx').message, null, 'untouched: nothing to say');
  // The hidden worksheet emptied: the visible form alone, read without a mapping step.
  const last = Object.keys(parts).filter((p) => /^xl\/worksheets\/sheet\d+\.xml$/.test(p)).sort().at(-1);
  parts[last] = strToU8(strFromU8(parts[last]).replace(/<sheetData>[\s\S]*<\/sheetData>/, '<sheetData/>'));
  const copy = zipSync(parts);
  const preview = previewSpreadsheet(copy, 'copy.xlsx');
  assert.deepEqual([preview.embedded, preview.form], [false, true]);
  const fromCells = importSpreadsheet(copy, 'copy.xlsx');
  assert.equal(Calculator.fromJson(fromCells.sheets[0]).report().total, '94.77');
  assert.match(fromCells.message, /已按表格中的单元格读入.*各指标的备注/, 'what the cells could not bring back is said');
});

test('a pasted block: its header is recognised and its rows read as a file’s would be', () => {
  const rows = [
    ['一级指标', '二级指标', '三级指标', '分值', '年度指标值', '实际完成值'],
    ['产出指标', '数量指标', '完成面积', '20', '≥2000', '2100'],
    ['', '质量指标', '合格率', '10', '100%', '98%'],
    ['合计', '', '', '30', '', ''],
  ];
  const preview = previewTable(JSON.stringify(rows));
  assertShape('SpreadsheetPreview', preview);
  const table = preview.tables[0];
  assert.deepEqual([table.certain, table.mapping.kind, table.mapping.header_row], [true, 'indicators', 0]);
  const empty = Calculator.empty('department');
  const result = pasteTable(JSON.stringify(rows), JSON.stringify(table.mapping), empty.toJson(), undefined);
  empty.free();
  assertShape('PastedTable', result);
  assertShape('Pasted', result.pasted);
  assert.equal(result.totals, 1);
  assert.deepEqual(result.pasted, { added: 5, filled: 0, from_sheets: 0, replaced: 0, overwritten: [], first: 0 });
  const calc = Calculator.fromJson(result.sheet);
  assert.deepEqual(calc.report().nodes.map((n) => n.name), ['产出指标', '数量指标', '完成面积', '质量指标', '合格率']);
  assert.equal(calc.node(2).comparison, '≥', 'pasting is typing: the target sets the comparison');
  // Pasted again after the first row, with one figure changed: updated, and said.
  rows[2][5] = '99%';
  const again = pasteTable(JSON.stringify(rows), JSON.stringify(table.mapping), calc.toJson(), 0);
  assert.deepEqual(again.pasted.overwritten, ['合格率的实际完成值 98% → 99%']);
  assert.equal(again.pasted.added, 0);
  // A 汇总表 pasted back into a workbook's, whose first row its sheet gives (`linked` 1): that
  // row is left as it is, the typed one updated, nothing added.
  const summaryRows = [
    ['序号', '单位名称', '项目名称', '预算数（万元）', '完成数（万元）', '分数'],
    ['1', '区教育局', '甲', '100', '90', '88'],
    ['2', '区教育局', '乙', '100', '90', '85'],
  ];
  const summaryTable = previewTable(JSON.stringify(summaryRows)).tables[0];
  assert.equal(summaryTable.mapping.kind, 'summary');
  const summary = Calculator.empty('summary');
  summary.insertProject(0);
  summary.insertProject(1);
  for (const [row, values] of [[0, ['区教育局', '甲', '100', '90', '70']], [1, ['区教育局', '乙', '100', '90', '80']]]) {
    ['unit', 'project', 'budget', 'spent', 'score'].forEach((field, k) => summary.setProject(row, field, values[k]));
  }
  const back = pasteTable(JSON.stringify(summaryRows), JSON.stringify(summaryTable.mapping), summary.toJson(), 1, 1);
  summary.free();
  assert.deepEqual([back.pasted.added, back.pasted.filled, back.pasted.from_sheets, back.pasted.overwritten], [0, 1, 1, ['乙的分数 80 → 85']]);
  assert.deepEqual(Calculator.fromJson(back.sheet).sheet().projects.map((p) => p.score), ['70', '85']);
  // The 10号 form's header on two rows, 绩效指标 over the three levels: one header, and the
  // mapping handed back to pasteTable places the rows under it, named.
  const form = [
    ['绩效指标', '', '', '年度指标值', '实际完成值', '分值'],
    ['一级指标', '二级指标', '三级指标', '', '', ''],
    ['产出指标', '数量指标', '培训人次', '≥500人次', '520人次', '20'],
  ];
  const stacked = previewTable(JSON.stringify(form)).tables[0];
  assert.deepEqual([stacked.certain, stacked.mapping.header_row, stacked.mapping.stacked], [true, 1, true]);
  const blank = Calculator.empty('project');
  const placed = Calculator.fromJson(pasteTable(JSON.stringify(form), JSON.stringify(stacked.mapping), blank.toJson(), undefined).sheet);
  blank.free();
  assert.deepEqual(placed.report().nodes.map((n) => n.name), ['产出指标', '数量指标', '培训人次']);
  placed.free();
  // Values without a header: nothing recognised, the page writes them cell by cell.
  assert.equal(previewTable(JSON.stringify([['100', '80'], ['200', '200']])).tables[0].mapping, null);
  assert.throws(() => previewTable('[[1,2]]'), /粘贴的单元格格式不对/);
  calc.free();
});

test('what a pasted table’s lines hold that no field keeps is said, as opening it says it', () => {
  const rows = [
    ['项目名称', '道路维护', '项目负责人：李四'],
    ['一级指标', '二级指标', '三级指标', '分值', '年度指标值', '实际完成值'],
    ['产出指标', '数量指标', '维护里程', '50', '15公里', '14.2公里'],
    ['填报人：张三', '单位负责人：王五', '', '', '', ''],
  ];
  const { mapping } = previewTable(JSON.stringify(rows)).tables[0];
  const empty = Calculator.empty('project');
  const result = pasteTable(JSON.stringify(rows), JSON.stringify(mapping), empty.toJson(), undefined);
  empty.free();
  assert.deepEqual(result.said, ['表格上方与签名栏中的“项目负责人：李四”“单位负责人：王五”未读入：基本信息中没有这一项，或这一项已填写了别的内容（每项只保存一处所填）；如需要请写到备注或自评报告中']);
  assert.equal(JSON.parse(result.sheet).meta.preparer, '张三');
});

test('a 资金 block pasted at the 资金 table is read by the core, by its label or header; values are not one', () => {
  const form = pastedFunds(JSON.stringify([
    ['项目资金（元）', '年度资金总额', '4,200,000', '4,200,000', '4,042,500', '10', '96.25%', '9.63'],
    ['', '其中：当年财政拨款', '4,000,000', '4,000,000', '3,900,000', '', '', ''],
    ['年度总体目标', '完成改造', '', '', '', '', '', ''],
  ]));
  assertShape('PastedFunds', form);
  assertShape('PastedFund', form.rows[0]);
  assert.deepEqual(form, {
    named: true,
    rows: [
      { name: '年度资金总额', initial: '4,200,000元', budget: '4,200,000元', spent: '4,042,500元', part: false },
      { name: '当年财政拨款', initial: '4,000,000元', budget: '4,000,000元', spent: '3,900,000元', part: true },
    ],
    above: 0,
    left_out: 1,
  });
  // The header over the figures alone: no names, the table's rows keep theirs.
  assert.deepEqual(pastedFunds(JSON.stringify([['年初预算数', '全年预算数', '全年执行数'], ['100', '96', '90']])),
    { named: false, rows: [{ name: '', initial: '100', budget: '96', spent: '90', part: false }], above: 0, left_out: 0 });
  assert.equal(pastedFunds(JSON.stringify([['年度资金总额', '300', '320', '299.70']])), undefined, 'values go where they are pasted');
  assert.throws(() => pastedFunds('[[1,2]]'), /粘贴的单元格格式不对/);
});

test('a pasted 资金 header is read by the columns it names: one it has not is absent, one it does not know is said', () => {
  // Without 全年执行数: read by its columns, not by the form's order (a fund named 年初预算数).
  assert.deepEqual(pastedFunds(JSON.stringify([['项目资金（万元）', '年初预算数', '全年预算数'], ['年度资金总额', '100', '96']])),
    { named: true, rows: [{ name: '年度资金总额', initial: '100', budget: '96', part: false }], above: 0, left_out: 0 });
  // Headings it does not know: nothing read, why and what to do given for the notice.
  assert.deepEqual(pastedFunds(JSON.stringify([['项目资金（万元）', '本年预算', '本年支出'], ['年度资金总额', '100', '96']])),
    { named: false, rows: [], above: 0, left_out: 0, unread_header: '其表头中的“本年预算”“本年支出”未能识别，也未写明预算数列（年初预算数或全年预算数），无法判断各列是资金表的哪一列。请把“本年预算”“本年支出”改为“年初预算数”“全年预算数”“全年执行数”中对应的一个' });
  // Over the figures alone without 年初预算数, a title and a 项目名称 line above it.
  const read = pastedFunds(JSON.stringify([['项目支出绩效自评表', ''], ['项目名称', '社区卫生服务'], ['全年预算数', '全年执行数'], ['96', '90']]));
  assertShape('PastedFunds', read);
  assert.deepEqual(read, { named: false, rows: [{ name: '', budget: '96', spent: '90', part: false }], above: 2, left_out: 0 });
});

test('review: the unit\'s figures beside ours, a convention applied, opinions kept', () => {
  const json = fixture('seed004_department.sheet.json');
  const review = reviewTable(json);
  assert.deepEqual([review.figures, review.reproduced, review.explained, review.doubtful, review.unexplained, review.slips], [6, 5, 1, 1, 0, 0]);
  const [first] = review.rows;
  assertShape('ReviewTable', review);
  assertShape('ReviewRow', first);
  assertShape('ReviewFigure', first.rate);
  assertShape('ConventionFound', review.conventions[0]);
  assert.deepEqual(first.place, { in: 'funds', row: 0 });
  // 93% is the rate cut to whole percents, but the table prints its other rates to the hundredth.
  assert.deepEqual(first.rate, { declared: '93%', computed: '93.90%', status: 'doubtful' });
  assert.equal(review.conventions[0].id, 'rate_truncated');
  const applied = applyConvention(json, review.conventions[0].index);
  assert.match(applied, /"rate_rounding": "truncate"/);
  assert.equal(reviewTable(applied).rows[0].rate.status, 'reproduced');
  assert.equal(applyConvention(applied, review.conventions[0].index), undefined, 'already so');
  assert.throws(() => applyConvention(json, -1), /index/);
  assert.throws(() => reviewTable('{'), /JSON|格式/);

  const calc = Calculator.fromJson(fixture('seed003_department.sheet.json'));
  const leaf = calc.report().nodes.find((n) => n.name === '预算完成率').index;
  calc.set(leaf, 'declared_score', '1.5');
  calc.set(leaf, 'opinion', '应为1.87分');
  assert.equal(calc.report().total, '90.25', 'a declared figure is never scored');
  const row = reviewTable(calc.toJson()).rows.find((r) => r.place.in === 'node' && r.place.node === leaf);
  assert.equal(row.score.status, 'unexplained');
  assert.equal(row.opinion, '应为1.87分');
  assert.ok(reviewToXlsx(calc.toJson()).length > 5000);
  calc.free();
});

test('the 自评报告 as a Word document, from the spreadsheet module', () => {
  const bytes = reportToDocx(fixture('seed003_department.sheet.json'));
  const parts = unzipSync(bytes);
  const document = strFromU8(parts['word/document.xml']);
  assert.match(document, /2021年度广州市白云区人民政府石井街道办事处部门整体支出绩效自评报告/);
  assert.match(document, /预算完成率为93\.66%，未达100%，计算得1\.87分/);
  assert.throws(() => reportToDocx('{"hello": 1}'), /这不是 jixiao 评分表文件/);
});

test('the 自评报告 as the page edits it: a paragraph rewritten keeps following the table', () => {
  const calc = Calculator.fromJson(fixture('filled_project.json'));
  const before = reportNarrative(calc.toJson());
  assertShape('Narrative', before);
  assertShape('ReportSection', before.sections[0]);
  const key = 'conclusion/total';
  const generated = before.sections[2].paragraphs.find((p) => p.key === key);
  assertShape('ReportParagraph', generated);
  assertShape('ReportSpan', generated.spans.find((s) => s.name === 'total'));
  calc.setReportParagraph(key, JSON.stringify([{ words: '本项目自评得' }, { table: 'total' }, { words: '分。' }]));
  const p = reportNarrative(calc.toJson()).sections[2].paragraphs.find((x) => x.key === key);
  assert.equal(p.edited, true);
  assert.equal(p.spans.map((s) => s.text).join(''), `本项目自评得${calc.totals().total}分。`);
  assert.deepEqual(JSON.parse(calc.toJson()).report, [{ key, text: [{ words: '本项目自评得' }, { table: 'total' }, { words: '分。' }] }]);
  assert.throws(() => calc.setReportParagraph(key, '{"not": "pieces"}'), /报告段落/);
  calc.setReportParagraph(key, null);
  assert.equal(JSON.parse(calc.toJson()).report, undefined);
  // A row's rewrite is kept under the row's id: renamed a key at a time, the row keeps it, and
  // the report shows it under the new name.
  const row = calc.report().nodes.find((n) => n.name === '完成改造面积').index;
  calc.setReportParagraph('goals/row/完成改造面积', JSON.stringify([{ words: '面积' }, { table: 'actual' }]));
  const kept = JSON.parse(calc.toJson()).report.map((e) => e.key);
  assert.match(kept[0], /^goals\/row\/@/);
  calc.set(row, 'name', '完');
  calc.set(row, 'name', '改造面积');
  calc.carryReport('row', '完成改造面积', '改造面积');
  assert.deepEqual(JSON.parse(calc.toJson()).report.map((e) => e.key), kept);
  const shown = reportNarrative(calc.toJson()).sections.flatMap((s) => s.paragraphs).find((x) => x.edited);
  assert.equal(shown.key, 'goals/row/改造面积');
  assert.match(shown.spans.map((s) => s.text).join(''), /^面积/);
  assert.throws(() => calc.carryReport('cell', 'a', 'b'), /改名的对象/);
  calc.free();
});

test('rewrites kept under the keys of a version before row ids are placed by the spreadsheet module', () => {
  // Two rows of one name, the second's reason rewritten as an older version kept it.
  const sheet = {
    format: 'jixiao-sheet', version: 2, kind: 'project',
    indicators: [{ name: '产出指标', weight: '100', children: [
      { name: '验收合格率', weight: '50', comparison: '≥', target: '100%', actual: '90%', reason: '返工' },
      { name: '验收合格率', weight: '50', comparison: '≥', target: '100%', actual: '80%', reason: '抽检不合格' },
    ] }],
    report: [{ key: 'problems/reason/验收合格率#2', text: [{ table: 'reason' }, { words: '（关于抽检）' }] }],
  };
  const json = JSON.stringify(sheet);
  // The calculator's own module leaves them as they are: it holds no report writer.
  const calc = Calculator.fromJson(json);
  assert.deepEqual(JSON.parse(calc.toJson()).report.map((e) => e.key), ['problems/reason/验收合格率#2']);
  // It says so, so that the page has them placed before the table takes an edit.
  assert.equal(calc.legacyReportKeys(), true);
  calc.free();
  const bound = bindReportKeys(json);
  assert.ok(bound, 'placed');
  const placed = Calculator.fromJson(bound);
  assert.equal(placed.legacyReportKeys(), false);
  placed.free();
  // A rewrite of a row kept under its name, the only row of that name: placed on loading.
  const named = Calculator.fromJson(JSON.stringify({ ...sheet, report: [{ key: 'goals/row/验收合格率', text: [{ words: '改写' }] }],
    indicators: [{ ...sheet.indicators[0], children: [sheet.indicators[0].children[0]] }] }));
  assert.equal(named.legacyReportKeys(), false);
  named.free();
  const keys = JSON.parse(bound).report.map((e) => e.key);
  assert.equal(keys.length, 1);
  assert.match(keys[0], /^problems\/reason\/@/);
  assert.equal(bindReportKeys(bound), undefined, 'placed once');
  const said = reportNarrative(bound).sections.flatMap((s) => s.paragraphs).find((p) => p.edited);
  assert.match(said.spans.map((s) => s.text).join(''), /^抽检不合格（关于抽检）/);
});

test('the 指标库 is searched by a typed name', () => {
  const found = searchIndicators('满意度', 3);
  assert.equal(found.length, 3);
  assertShape('LibraryEntry', found[0]);
  assert.deepEqual([found[0].name, found[0].comparison, found[0].target, found[0].unit], ['服务对象满意度', '≥', '90%', '%']);
  assert.deepEqual(searchIndicators('部门预算编制', 1)[0].rule, { kind: 'yes_no' });
  assert.deepEqual(searchIndicators('', 8), []);
  assert.throws(() => searchIndicators('满意度', -1), /limit/);
});
