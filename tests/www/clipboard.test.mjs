// What the page does with a block pasted from Excel or WPS, and how the 汇总表 orders rows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseBlock, singleCell } from '../../www/src/clipboard.js';
import { displayOrder, pasteColumns } from '../../www/src/summary-view.js';

test('a copied block: rows, tabs, quoted cells with line breaks and quotes', () => {
  for (const [text, rows] of [
    ['a\tb\nc\td\n', [['a', 'b'], ['c', 'd']]],
    ['a\tb\r\nc\td', [['a', 'b'], ['c', 'd']]],
    ['"line1\nline2"\tx\ny\tz', [['line1\nline2', 'x'], ['y', 'z']]],
    ['"say ""hi"""\t2', [['say "hi"', '2']]],
    ['a\t\tc', [['a', '', 'c']]],
    ['"unclosed\tb', [['"unclosed', 'b']]],
    ['1\n2\n3\n', [['1'], ['2'], ['3']]],
    ['a\t', [['a', '']]],
    ['single cell', null],
    ['single cell\n', null],
    ['\r\n', [['']]],
    ['\n', [['']]],
    ['', null],
  ]) {
    assert.deepEqual(parseBlock(text), rows, JSON.stringify(text));
  }
});

test('a pasted 汇总表 row skips the computed 预算完成率 column', () => {
  assert.deepEqual(pasteColumns('seq', 11), ['seq', 'unit', 'project', 'goal', 'budget', 'spent', null, 'score', 'grade', 'problems', 'suggestions']);
  assert.deepEqual(pasteColumns('budget', 2), ['budget', 'spent']);
  assert.deepEqual(pasteColumns('suggestions', 3), ['suggestions'], 'cells beyond the last column are dropped');
});

test('sorting and filtering the 汇总表 change only the order shown', () => {
  const rows = [
    { seq: '1', unit: '昌华街道', project: '乙' },
    { seq: '2', unit: '东漖街道', project: '甲' },
    { seq: '10', unit: '商务局', project: '丙' },
    { seq: '3', unit: '文化馆', project: '丁' },
  ];
  const reports = [
    { score: '82.06', grade: '良', budget: '420.00', rate: '96.25%' },
    { score: '94.12', grade: '优', budget: '2,000.00', rate: '84.31%' },
    { score: null, grade: null, budget: null, rate: null },
    { score: '83.08', grade: '良', budget: '100.00', rate: '100.00%' },
  ];
  const grades = ['优', '良', '中', '差'];
  const order = (state) => displayOrder(rows, reports, state, grades);
  assert.deepEqual(order({}), [0, 1, 2, 3]);
  assert.deepEqual(order({ sort: { key: 'score', dir: 'asc' } }), [0, 3, 1, 2], 'blanks last');
  assert.deepEqual(order({ sort: { key: 'score', dir: 'desc' } }), [1, 3, 0, 2], 'blanks last either way');
  assert.deepEqual(order({ sort: { key: 'budget', dir: 'desc' } }), [1, 0, 3, 2], 'thousands separators read');
  assert.deepEqual(order({ sort: { key: 'seq', dir: 'asc' } }), [0, 1, 3, 2], '10 after 3');
  assert.deepEqual(order({ sort: { key: 'grade', dir: 'asc' } }), [1, 0, 3, 2], 'grades in band order, ties kept');
  assert.deepEqual(order({ grade: '良' }), [0, 3]);
  assert.deepEqual(order({ grade: '未评' }), [2]);
  assert.deepEqual(order({ text: '街道' }), [0, 1]);
  assert.deepEqual(order({ text: '街道', sort: { key: 'score', dir: 'desc' } }), [1, 0]);
});

test('Excel quotes a cell only whole: a quote typed at its start stays', () => {
  assert.deepEqual(parseBlock('"放管服"改革事项办结率\t20\r\n'), [['"放管服"改革事项办结率', '20']]);
  assert.deepEqual(parseBlock('"甲\n乙"\t20\r\n'), [['甲\n乙', '20']]);
  // A quote typed at one cell's start and another at a later cell's end: each cell its own.
  assert.deepEqual(parseBlock('≥500\t"约520\t次\r\n≥95%\t96%\t%\r\n≤3\t2\t天"\r\n'),
    [['≥500', '"约520', '次'], ['≥95%', '96%', '%'], ['≤3', '2', '天"']]);
  assert.equal(singleCell('"通过\n提升""泮塘""。"\r\n'), '通过\n提升"泮塘"。');
  assert.equal(singleCell('年度目标\r\n'), '年度目标');
  assert.equal(singleCell('项目名称\t泮塘'), null, 'several cells');
  // A merged title copied from Excel: its text, then a tab for each column it spans.
  assert.equal(singleCell('2023年度项目支出绩效自评表\t\t\t\t\r\n'), '2023年度项目支出绩效自评表');
});

test('a figure Excel showed rounded is taken as held, and only such a figure', async () => {
  const { heldAs } = await import('../../www/src/clipboard.js');
  for (const [num, shown, held] of [
    ['0.955', '96%', '95.5%'],
    // Excel writes up to 17 digits for what it holds to 15.
    ['0.95499999999999996', '96%', '95.5%'],
    ['481.6', '482', '481.6'],
    ['-0.005', '-1%', '-0.5%'],
    ['1.2E-3', '0%', '0.12%'],
    ['0', ' - ', '0'],
    // Shown as held: nothing to take.
    ['0.96', '96%', null], ['1234.5', '1,234.50', null], ['007', '7', null],
    // Another figure shown (元 as 万元, thousands, a % typed after 95.5, a date): as shown.
    ['1234567', '123.4567', null], ['1234567', '1,234.57', null], ['95.5', '95.50%', null], ['45260', '20231130', null],
    // A formula's result: as shown. A dash over anything but 0: as shown.
    ['0.94354838709677424', '94%', null], ['5', ' - ', null],
  ]) assert.equal(heldAs(num, shown), held, `${num} shown ${shown}`);
});
