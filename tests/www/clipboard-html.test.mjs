// What a block copied with its HTML reads as: Word's table, whose text does not quote a cell of
// several paragraphs; Excel's, whose text does; a paragraph with no table. The HTML is read by
// the browser's own parser (DOMParser), which Node lacks: clipboard.js runs in Chromium here.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { root, chromiumPath } from '../../scripts/setup.mjs';
import { cell, table2, wordCopy } from '../fixtures/word-clipboard.mjs';

let browser;
let page;
before(async () => {
  browser = await chromium.launch({ executablePath: chromiumPath, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  page = await browser.newPage();
  const source = readFileSync(path.join(root, 'www/src/clipboard.js'), 'utf8');
  await page.addScriptTag({ type: 'module', content: `${source}\nwindow.clipboard = { copiedBlock, asTyped };` });
  await page.waitForFunction(() => window.clipboard);
});
after(async () => {
  await browser?.close();
});

/** The block `copiedBlock` reads from a text and its HTML, and what `asTyped` then changed. */
const read = (text, html) => page.evaluate(([t, h]) => {
  const grid = window.clipboard.copiedBlock(t, h);
  return grid && { grid, typed: window.clipboard.asTyped(grid, h) };
}, [text, html]);

test('Word’s table: a cell of two paragraphs is one cell, the rows as the table has them', async () => {
  const { text, html } = table2();
  // Read from the text alone, the reason's second paragraph is a row of its own.
  assert.ok(text.includes('1.全年支出进度略低于序时进度。\r\n2.下一年度加强项目支出监控。\r\n管理效率'));
  const { grid } = await read(text, html);
  assert.equal(grid.length, 1 + 3 + 23 + 2, 'the header, 3 and 23 indicators, 合计, 评价等级');
  assert.deepEqual(grid[3], ['', '', '', '', '部门预算资金支出率', '10', '9.91', '1.全年支出进度略低于序时进度。\n2.下一年度加强项目支出监控。']);
  assert.deepEqual(grid[4].slice(0, 5), ['管理效率', '50', '预算编制', '3', '新增预算项目事前绩效评估']);
  // Word's empty paragraph (&nbsp;) is an empty line; an empty cell is empty, not a space.
  const use = grid.find((row) => row[4] === '绩效结果应用');
  assert.deepEqual(use, ['', '', '', '', '绩效结果应用', '3', '2', '部分评价结果未与预算安排挂钩。\n\n下一年度将评价结果作为预算安排的依据。']);
  assert.deepEqual(grid[2], ['', '', '', '', '部门整体绩效目标效益指标完成情况', '20', '19', '']);
  // A cell merged across is one cell in Word's text: laid out as the text has it.
  assert.deepEqual(grid.at(-1), ['评价等级', '优']);
  assert.deepEqual(grid.at(-2), ['合计', '100', '', '', '', '', '95.4', '']);
});

test('a table laid out as Excel does, with an empty cell after one merged across, and <br> breaks', async () => {
  // A web page's table copied in a browser: its text, like Word's, does not quote a cell.
  const html = '<table><tr><td colspan=2>甲<br>乙&nbsp;</td><td>3</td></tr><tr><td>a</td><td>b</td><td>c</td></tr></table>';
  assert.deepEqual(await read('甲\n乙 \t\t3\na\tb\tc\n', html), { grid: [['甲\n乙', '', '3'], ['a', 'b', 'c']], typed: 0 });
  // The same cells laid out as Word's text would: one cell for the merged one.
  assert.deepEqual((await read('甲\r\n乙\t3\r\na\tb\tc\r\n', html)).grid, [['甲\n乙', '3'], ['a', 'b', 'c']]);
});

test('Excel’s copy reads as before: quoted line breaks from its text, figures as held', async () => {
  const html = `<html xmlns:x="urn:schemas-microsoft-com:office:excel"><body><table><tr>
    <td>完成率</td><td x:num="0.955" style="mso-number-format:0%">96%</td><td>进度慢<br style='mso-data-placement:same-cell;'>已整改</td></tr>
    <tr><td rowspan=2>产出</td><td x:num>1</td><td>x</td></tr><tr><td x:num="2">2</td><td>y</td></tr></table></body></html>`;
  assert.deepEqual(await read('完成率\t96%\t"进度慢\n已整改"\r\n产出\t1\tx\r\n\t2\ty\r\n', html),
    { grid: [['完成率', '95.5%', '进度慢\n已整改'], ['产出', '1', 'x'], ['', '2', 'y']], typed: 1 });
});

test('text the HTML’s table does not explain is read from the text, as before', async () => {
  const { html } = wordCopy([[cell(['甲', '乙']), cell('1')]]);
  // Another count of breaks than the table's: the text is what was copied.
  assert.deepEqual((await read('甲\r\n乙\r\n丙\t1\r\n', html)).grid, [['甲'], ['乙'], ['丙', '1']]);
  // No HTML: rows down, as a column copied from a text file.
  assert.deepEqual((await read('1\r\n2\r\n', '')).grid, [['1'], ['2']]);
});

test('lines copied from Word or WPS with no table go down the rows, as Excel puts them', async () => {
  const html = `<html xmlns:w="urn:schemas-microsoft-com:office:word"><body><!--StartFragment-->
<p class=MsoNormal><span lang=EN-US>10</span></p>
<p class=MsoNormal><span lang=EN-US>20</span></p><!--EndFragment--></body></html>`;
  assert.deepEqual((await read('10\r\n20\r\n', html)).grid, [['10'], ['20']]);
});

test('a cell’s words are the text’s: Word’s HTML breaking its source inside a sentence adds no space', async () => {
  const html = `<html xmlns:w="urn:schemas-microsoft-com:office:word"><body><!--StartFragment--><table class=MsoTableGrid>
<tr><td><p class=MsoNormal>部门预算资金支出率</p></td><td><p class=MsoNormal>1.全年支出进度
略低于序时进度。</p><p class=MsoNormal>2.下一年度加强项目支出监控。</p></td></tr>
<tr><td><p class=MsoNormal>绩效结果应用</p></td><td><p class=MsoNormal>无</p></td></tr>
</table><!--EndFragment--></body></html>`;
  const text = '部门预算资金支出率\t1.全年支出进度略低于序时进度。\r\n2.下一年度加强项目支出监控。\r\n绩效结果应用\t无\r\n';
  assert.deepEqual((await read(text, html)).grid,
    [['部门预算资金支出率', '1.全年支出进度略低于序时进度。\n2.下一年度加强项目支出监控。'], ['绩效结果应用', '无']]);
});
