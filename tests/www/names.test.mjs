// The names the page gives what it writes out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { summaryName } from '../../www/src/workbooks.js';

test('a workbook named for its 汇总表 does not get the word twice', () => {
  assert.equal(summaryName('2023年荔湾区重点绩效评价项目汇总表'), '2023年荔湾区重点绩效评价项目汇总表');
  assert.equal(summaryName('2023年街道项目'), '2023年街道项目汇总表');
  assert.equal(summaryName(''), '汇总表');
});
