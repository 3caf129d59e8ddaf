// Workbooks, the 汇总表 and Excel in and out, through the page's UI in headless Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { unzipSync, strFromU8 } from 'fflate';
import path from 'node:path';
import { start, ready, cell, projectInput, total, screenshot, exportAs, openFile, openSummary, ownRequestsOnly } from './harness.mjs';
import { root } from '../../scripts/setup.mjs';

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.close();
});

const seed000 = JSON.parse(readFileSync(path.join(root, 'tests/fixtures/seed000_summary.sheet.json'), 'utf8'));

/** Σ spent ÷ Σ budget as a percentage with two decimals, half away from zero, in integers. */
function rateOf(rows) {
  const cents = (text) => BigInt(text.replace(/[,.]/g, ''));
  const budget = rows.reduce((sum, r) => sum + cents(r.budget), 0n);
  const spent = rows.reduce((sum, r) => sum + cents(r.spent), 0n);
  const q = (2n * spent * 10000n + budget) / (2n * budget);
  return `${q / 100n}.${String(q % 100n).padStart(2, '0')}%`;
}

const summaryRows = (page) => page.locator('[role=table][aria-label="项目汇总表"] [role=row][data-row]');
const totalRate = (page) => page.locator('[aria-label="项目汇总表"] .jx-total-row:not(.jx-filtered-row) [data-cell="total-rate"]').innerText();
const chartCount = (page, grade) => page.locator(`svg.jx-chart g[data-grade="${grade}"] .jx-chart-count`).textContent();

async function newWorkbook(page, name) {
  await page.getByRole('button', { name: '工作簿…' }).click();
  await page.getByLabel('新工作簿名称').fill(name);
  await page.getByRole('dialog', { name: '工作簿' }).getByRole('button', { name: '确定' }).click();
  await page.getByRole('tab', { name: '汇总表', selected: true }).waitFor();
}

test('seed 000 typed and pasted into the 汇总表 gives 97.15% and 优 3 / 良 8; sorting, filtering, reload', async () => {
  const page = await env.page();
  await page.goto(env.url);
  await ready(page);
  await newWorkbook(page, '2023年度荔湾区重点评价');
  assert.equal(await summaryRows(page).count(), 0, 'a new workbook has no projects');
  // The first three projects typed cell by cell…
  for (const [i, p] of seed000.projects.slice(0, 3).entries()) {
    await page.getByRole('button', { name: '＋ 添加项目' }).click();
    for (const [key, label] of [['seq', '序号'], ['unit', '单位名称'], ['project', '项目名称'], ['budget', '预算数（万元）'], ['spent', '完成数（万元）'], ['score', '分数']]) {
      await page.getByLabel(`项目第${i + 1}行${label}`, { exact: true }).pressSequentially(p[key]);
    }
  }
  assert.equal(await totalRate(page), rateOf(seed000.projects.slice(0, 3)));
  // … the other eight pasted as a block copied from the printed table in Excel: 序号 to 建议,
  // the computed 预算完成率 column included, a 问题 cell with a line break (quoted by Excel).
  const rest = seed000.projects.slice(3).map((p, k) => [p.seq, p.unit, p.project, '', p.budget, p.spent, '99.99%', p.score, p.grade,
    k === 0 ? `"${p.problems.replace('（二）', '\n（二）')}"` : p.problems, p.suggestions, k === 0 ? '另附整改台账' : ''].join('\t')).join('\r\n');
  await page.getByRole('button', { name: '＋ 添加项目' }).click();
  const first = page.getByLabel('项目第4行序号', { exact: true });
  await first.focus();
  await page.evaluate((text) => {
    const input = document.querySelector('#app').shadowRoot.activeElement;
    const data = new DataTransfer();
    data.setData('text/plain', text);
    input.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, `${rest}\r\n`);
  await page.waitForFunction(() => document.querySelector('#app').shadowRoot.querySelectorAll('[aria-label="项目汇总表"] [data-row]').length === 11);
  // A note in a column past 建议 is said, not dropped unseen.
  assert.match(await page.locator('.jx-notice').innerText(), /1 个超出表格最右一列，未粘贴/);
  assert.equal(await totalRate(page), '97.15%');
  assert.equal(await page.locator('.jx-total-row [data-cell="total-budget"]').first().innerText(), '23,460.84');
  assert.equal(await page.locator('.jx-total-row [data-cell="total-spent"]').first().innerText(), '22,793.18');
  assert.equal(await total(page), '97.15%', 'the bar shows the 合计 rate');
  assert.equal(await chartCount(page, '优'), '3');
  assert.equal(await chartCount(page, '良'), '8');
  assert.equal(await chartCount(page, '中'), '0');
  // The quoted cell with a line break stayed one cell, its line break kept: the columns after
  // it did not shift.
  assert.match(await page.getByLabel('项目第4行问题', { exact: true }).inputValue(), /^（一）.*\n（二）/);
  assert.equal(await page.getByLabel('项目第4行建议', { exact: true }).inputValue(), seed000.projects[3].suggestions);
  assert.equal(await (await projectInput(page, 11, '单位名称')).inputValue(), seed000.projects[10].unit);
  await screenshot(page, '10-summary-seed000', { fullPage: true });

  // Sorting by 分数: lowest first, then highest first; the data keeps its order.
  const byScore = [...seed000.projects].sort((a, b) => Number(a.score) - Number(b.score));
  await page.getByRole('button', { name: /^分数/ }).click();
  const firstProject = async () => (await summaryRows(page).first().locator('[data-cell="project"]').textContent()).trim();
  assert.equal(await firstProject(), byScore[0].project);
  await page.getByRole('button', { name: /^分数/ }).click();
  assert.equal(await firstProject(), byScore.at(-1).project);
  assert.equal(await page.locator('[role=columnheader][aria-sort="descending"]').innerText(), '分数▼');
  // Filtering by grade: the shown rows and their own 合计, computed like the full one.
  await page.getByLabel('按等级筛选').selectOption('优');
  assert.equal(await summaryRows(page).count(), 3);
  const excellent = seed000.projects.filter((p) => p.grade === '优');
  assert.equal(await page.locator('.jx-filtered-row [data-cell="total-rate"]').innerText(), rateOf(excellent));
  assert.match(await page.locator('.jx-filtered-row').innerText(), /筛选出的 3 个项目合计/);
  // The whole table's 合计 under them says it is the whole table's, and so does the chart.
  assert.match(await page.locator('.jx-total-row:not(.jx-filtered-row)').innerText(), /^全部 11 个项目合计/);
  assert.equal(await page.locator('.jx-chart-title').first().textContent(), '等级分布（全部 11 个项目）');
  // A row typed out of the filter stays in view, but its 合计 and count no longer hold it.
  const leaving = seed000.projects.findIndex((p) => p.grade === '优');
  const score = await projectInput(page, leaving + 1, '分数');
  await score.fill('80.00');
  await page.locator('.jx-filtered-row', { hasText: '筛选出的 2 个项目合计' }).waitFor();
  assert.equal(await page.locator('.jx-filtered-row [data-cell="total-rate"]').innerText(), rateOf(excellent.filter((_, k) => k !== 0)));
  await page.keyboard.press('Control+z');
  await page.locator('.jx-filtered-row', { hasText: '筛选出的 3 个项目合计' }).waitFor();
  assert.equal(await totalRate(page), '97.15%', 'the table’s 合计 stays the whole table’s');
  // Exported as shown: those rows, in that order, with their own 合计.
  const shownCsv = readFileSync((await exportAs(page, /汇总表（按当前排序与筛选）→ CSV/)).file, 'utf8').split(/\r?\n/);
  // Under the 汇总表's title, as the form begins.
  assert.equal(shownCsv[0], '\ufeff项目绩效评价汇总表');
  const header = shownCsv.findIndex((l) => l.startsWith('序号,'));
  const shownProjects = excellent.sort((a, b) => Number(b.score) - Number(a.score)).map((p) => p.project);
  assert.deepEqual(shownCsv.slice(header + 1, header + 4).map((l) => shownProjects.findIndex((name) => l.includes(name))), [0, 1, 2], shownCsv.join('\n'));
  assert.match(shownCsv[header + 4], new RegExp(`合计.*${rateOf(excellent).replace('.', '\\.')}`));
  const shownXlsx = await exportAs(page, /汇总表（按当前排序与筛选）→ Excel/);
  assert.equal(readFileSync(shownXlsx.file).subarray(0, 2).toString(), 'PK');
  await page.getByLabel('按等级筛选').selectOption('');
  await page.getByLabel('筛选项目').pressSequentially('街道');
  const streets = seed000.projects.filter((p) => p.unit.includes('街道')).length;
  await page.getByText(`显示 ${streets} / 11 个项目`).waitFor();
  assert.equal(await summaryRows(page).count(), streets);
  await screenshot(page, '11-summary-filtered', { fullPage: true });
  await page.getByLabel('筛选项目').fill('');
  await page.getByText('共 11 个项目').waitFor();

  // An edit after sorting: the typed score changes the grade counts at once.
  await (await projectInput(page, 3, '分数')).fill('89.99');
  assert.equal(await chartCount(page, '优'), '2');
  await page.keyboard.press('Control+z');
  assert.equal(await chartCount(page, '优'), '3');

  // Everything is saved in the browser.
  await page.waitForTimeout(400);
  await page.reload();
  await ready(page);
  assert.equal(await totalRate(page), '97.15%');
  assert.equal(await page.getByLabel('当前工作簿').inputValue().then(() => page.getByLabel('当前工作簿').locator('option:checked').innerText()), '2023年度荔湾区重点评价');
  assert.deepEqual(page.errors, []);
  assert.deepEqual(ownRequestsOnly(page, env.origin), []);
});

/** A project sheet as its evaluators filled it: 预算执行率 (10) and the group's score (90). */
function projectSheet(unit, project, budget, spent, rest) {
  return JSON.stringify({
    format: 'jixiao-sheet', version: 1, kind: 'project', meta: { unit, project },
    indicators: [
      { name: '预算执行率', weight: '10', rule: { kind: 'budget_execution' }, target: budget, actual: spent, unit: '万元', reason: '见报告' },
      { name: '产出及效益（评价组评分）', weight: '90', rule: { kind: 'manual' }, score: rest, reason: '见报告' },
    ],
  });
}

test('a sheet’s edits can still be undone after another tab was open', async () => {
  const page = await env.page();
  await page.goto(env.url);
  await ready(page);
  await openFile(page, 'a.json', projectSheet('东漖街道办事处', '街道环境综合整治经费', '100.00', '84.31', '74.65'));
  await page.waitForFunction(() => document.querySelector('#app').shadowRoot.querySelector('.jx-total strong').textContent === '83.08');
  await openFile(page, 'b.json', projectSheet('商务和投资促进局', '荔湾区服务贸易专题', '100.00', '96.08', '84.51'));
  await page.waitForFunction(() => document.querySelector('#app').shadowRoot.querySelector('.jx-total strong').textContent === '94.12');
  await (await cell(page, 1, 'score')).fill('70.00');
  assert.equal(await total(page), '79.61');
  // To the other sheet and the 汇总表, an edit there, and back: the edit here still undoes.
  await page.getByRole('tab', { name: '街道环境综合整治经费' }).click();
  await page.getByRole('tab', { name: '街道环境综合整治经费', selected: true }).waitFor();
  assert.equal(await page.getByRole('button', { name: '撤销' }).isDisabled(), true, 'this sheet has no edits');
  await (await cell(page, 1, 'score')).fill('75.00');
  await openSummary(page);
  await page.getByRole('tab', { name: '荔湾区服务贸易专题' }).click();
  await page.getByRole('tab', { name: '荔湾区服务贸易专题', selected: true }).waitFor();
  assert.equal(await total(page), '79.61');
  await page.getByRole('button', { name: '撤销' }).click();
  assert.equal(await total(page), '94.12');
  // And the other sheet's own edit, there.
  await page.getByRole('tab', { name: '街道环境综合整治经费' }).click();
  await page.getByRole('tab', { name: '街道环境综合整治经费', selected: true }).waitFor();
  assert.equal(await total(page), '83.43');
  await page.keyboard.press('Control+z');
  assert.equal(await total(page), '83.08');
  // A file opened into the workbook (a new tab) lets the sheet's calculator go first: its
  // steps are kept all the same.
  await (await cell(page, 1, 'score')).fill('75.00');
  await openFile(page, 'c.json', projectSheet('金花街道办事处', '社区服务经费', '100.00', '90.00', '80.00'));
  await page.getByRole('tab', { name: '社区服务经费', selected: true }).waitFor();
  await page.getByRole('tab', { name: '街道环境综合整治经费' }).click();
  await page.getByRole('tab', { name: '街道环境综合整治经费', selected: true }).waitFor();
  assert.equal(await total(page), '83.43');
  await page.getByRole('button', { name: '撤销' }).click();
  assert.equal(await total(page), '83.08');
  assert.deepEqual(page.errors, []);
});

test('a sheet made from a template by keyboard leaves the focus on its tab', async () => {
  const page = await env.page();
  await page.goto(env.url);
  await ready(page);
  await page.getByRole('button', { name: '＋ 新建表格' }).focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: '新建表格' });
  await dialog.waitFor();
  await dialog.getByRole('button', { name: /^项目支出绩效评价表/ }).focus();
  await page.keyboard.press('Enter');
  await dialog.waitFor({ state: 'detached' });
  const focused = () => page.evaluate(() => {
    const el = document.querySelector('#app').shadowRoot.activeElement;
    return el ? `${el.getAttribute('role')} ${el.getAttribute('aria-selected')} ${el.textContent}` : document.activeElement.tagName;
  });
  assert.match(await focused(), /^tab true 项目支出绩效评价表/);
  assert.deepEqual(page.errors, []);
});

test('a workbook’s sheets feed its 汇总表; the workbook goes to Excel and back', async () => {
  const page = await env.page();
  page.on('dialog', (d) => d.accept());
  await page.goto(env.url);
  await ready(page);
  // Two projects of seed 000 opened as sheet files: 10 × 84.31 ÷ 100 = 8.43, + 74.65 = 83.08;
  // 10 × 96.08 ÷ 100 = 9.61, + 84.51 = 94.12.
  await openFile(page, 'a.json', projectSheet('广州市荔湾区人民政府东漖街道办事处', '街道环境综合整治经费', '100.00', '84.31', '74.65'));
  await page.waitForFunction(() => document.querySelector('#app').shadowRoot.querySelector('.jx-total strong').textContent === '83.08');
  // The blank sheet the page started with, never typed into, gave way to it: the 汇总表
  // counted it as a project ("7 个项目" for 6 files).
  await page.locator('.jx-notice', { hasText: '已打开“a.json”，代替了未填写过的初始表格。' }).waitFor();
  assert.equal(await page.getByRole('tab', { name: '项目支出绩效自评表' }).count(), 0);
  await openFile(page, 'b.json', projectSheet('广州市荔湾区商务和投资促进局', '荔湾区服务贸易专题', '100.00', '96.08', '84.51'));
  await page.waitForFunction(() => document.querySelector('#app').shadowRoot.querySelector('.jx-total strong').textContent === '94.12');
  // The same file opened again is said, since the 汇总表 would count it twice; deleted here.
  await openFile(page, 'a.json', projectSheet('广州市荔湾区人民政府东漖街道办事处', '街道环境综合整治经费', '100.00', '84.31', '74.65'));
  await page.locator('.jx-notice', { hasText: '工作簿中已有一张与它完全相同的表格“街道环境综合整治经费”' }).waitFor();
  await page.getByRole('button', { name: '删除表格' }).click();
  await page.getByRole('tab', { name: '街道环境综合整治经费' }).waitFor();
  assert.equal(await page.getByRole('tab', { name: '街道环境综合整治经费' }).count(), 1);
  // So is another version of the same project (a unit's corrected file), which would too.
  await openFile(page, 'a-corrected.json', projectSheet('广州市荔湾区人民政府东漖街道办事处', '街道环境综合整治经费', '100.00', '85.00', '74.65'));
  await page.locator('.jx-notice', { hasText: '工作簿中已有同一项目的表格“街道环境综合整治经费”（单位、项目相同，年度未填）' }).waitFor();
  await page.getByRole('button', { name: '删除表格' }).click();
  await page.getByRole('tab', { name: '街道环境综合整治经费' }).waitFor();
  assert.equal(await page.getByRole('tab', { name: '街道环境综合整治经费' }).count(), 1);
  // Another project of the same unit is no version of it: opened without a word.
  await openFile(page, 'c.json', projectSheet('广州市荔湾区人民政府东漖街道办事处', '社区服务经费', '100.00', '90.00', '80.00'));
  await page.locator('.jx-notice', { hasText: '已打开“c.json”。' }).waitFor();
  assert.doesNotMatch(await page.locator('.jx-notice').innerText(), /已有/);
  await page.getByRole('button', { name: '删除表格' }).click();
  await page.getByRole('tab', { name: '社区服务经费' }).waitFor({ state: 'detached' });
  await openSummary(page);
  assert.equal(await summaryRows(page).count(), 2);
  assert.equal(await totalRate(page), '90.20%'); // 180.39 ÷ 200.00 = 90.195%
  const grades = (await summaryRows(page).locator('[data-cell="grade"]').allTextContents()).map((t) => t.trim());
  assert.deepEqual(grades, ['良', '优']);
  // A typed row sits under the sheets' rows.
  await page.getByRole('button', { name: '＋ 添加项目' }).click();
  await page.getByLabel('项目第3行项目名称', { exact: true }).fill('外部评价项目');
  await page.getByLabel('项目第3行预算数（万元）', { exact: true }).fill('200.00');
  await page.getByLabel('项目第3行完成数（万元）', { exact: true }).fill('182.74');
  await page.getByLabel('项目第3行分数', { exact: true }).fill('85.57');
  assert.equal(await totalRate(page), rateOf([{ budget: '100.00', spent: '84.31' }, { budget: '100.00', spent: '96.08' }, { budget: '200.00', spent: '182.74' }]));
  assert.match(await page.locator('.jx-detail').innerText(), /完成数合计 ÷ 预算数合计 = 363\.13 ÷ 400\.00 = 90\.78%/, 'the 合计 explained');
  // A 预算数 that cannot be read leaves its row out of the 合计: said with the 合计, as the
  // keys are typed, and no longer once it is read.
  await page.getByLabel('项目第3行预算数（万元）', { exact: true }).fill('约200');
  await page.locator('.jx-detail', { hasText: '合计未计入1个项目：其预算数、完成数有一项空着或无法识别' }).waitFor();
  assert.match(await page.locator('.jx-detail').innerText(), /= 180\.39 ÷ 200\.00 = 90\.20%/);
  await page.getByLabel('项目第3行预算数（万元）', { exact: true }).fill('200.00');
  await page.locator('.jx-detail', { hasText: '= 363.13 ÷ 400.00 = 90.78%' }).waitFor();
  assert.doesNotMatch(await page.locator('.jx-detail').innerText(), /合计未计入/);
  await screenshot(page, '12-workbook-summary', { fullPage: true });

  // Opening a project from its row, changing its score, and the 汇总表 follows.
  await page.getByRole('button', { name: '荔湾区服务贸易专题' }).click();
  await page.getByRole('tab', { name: '荔湾区服务贸易专题', selected: true }).waitFor();
  await (await cell(page, 1, 'score')).fill('70.00');
  assert.equal(await total(page), '79.61');
  await openSummary(page);
  // The cells' text, not their rendering: rows scrolled out of view are not laid out
  // (content-visibility), and innerText of such a row is empty on a slow machine.
  const regraded = (await summaryRows(page).locator('[data-cell="grade"]').allTextContents()).map((t) => t.trim());
  // The typed row's grade is the one computed from its score (85.57), until one is typed.
  assert.deepEqual(regraded, ['良', '中', '良']);
  assert.equal((await summaryRows(page).nth(1).locator('[data-cell="score"]').textContent()).trim(), '79.61');
  // The 汇总表 as a file of its own: every row on screen, its sheets' as well as the typed one
  // (once, only the typed one: opened again, it had no project from a sheet).
  const summaryFile = await exportAs(page, /汇总表 → JSON/);
  const summaryJson = JSON.parse(readFileSync(summaryFile.file, 'utf8'));
  assert.deepEqual(summaryJson.projects.map((p) => [p.project, p.budget, p.spent, p.score]), [
    ['街道环境综合整治经费', '100.00', '84.31', '83.08'], ['荔湾区服务贸易专题', '100.00', '96.08', '79.61'], ['外部评价项目', '200.00', '182.74', '85.57']]);
  // Opened again its rows are typed: none keeps the grade of a sheet it no longer comes from.
  assert.deepEqual(summaryJson.projects.filter((p) => 'sheet_grade' in p), []);

  // The whole workbook to Excel: the 汇总表 first, then a worksheet per sheet; opening the file
  // gives the workbook back as a new workbook, its figures unchanged.
  const book = await exportAs(page, /工作簿 → Excel/);
  assert.match(book.name, /\.xlsx$/);
  const json = await exportAs(page, /工作簿 → JSON/);
  const exported = JSON.parse(readFileSync(json.file, 'utf8'));
  assert.equal(exported.format, 'jixiao-workbook');
  assert.equal(exported.sheets.length, 2);
  assert.equal(exported.summary.projects.length, 1, 'only the typed row is stored in the 汇总表');
  await openFile(page, '工作簿.xlsx', readFileSync(book.file));
  await page.waitForFunction(() => document.querySelector('#app').shadowRoot.querySelector('.jx-notice')?.textContent.includes('已打开工作簿'));
  await page.getByRole('tab', { name: '汇总表', selected: true }).waitFor();
  const names = await page.getByLabel('当前工作簿').locator('option').allInnerTexts();
  assert.equal(names.length, 2, `a second workbook: ${names}`);
  assert.equal(await summaryRows(page).count(), 3);
  assert.deepEqual((await summaryRows(page).locator('[data-cell="grade"]').allTextContents()).map((t) => t.trim()), ['良', '中', '良']);
  const again = await exportAs(page, /工作簿 → JSON/);
  const back = JSON.parse(readFileSync(again.file, 'utf8'));
  assert.deepEqual(back.sheets, exported.sheets, 'the sheets come back exactly');
  assert.deepEqual(back.summary, exported.summary);

  // One sheet to Excel and back: the same sheet, as a new sheet of this workbook.
  await page.getByRole('tab', { name: '街道环境综合整治经费' }).click();
  const sheetJson = readFileSync((await exportAs(page, /当前表格 → JSON/)).file, 'utf8');
  const sheetXlsx = await exportAs(page, /当前表格 → Excel/);
  await openFile(page, sheetXlsx.name, readFileSync(sheetXlsx.file));
  await page.getByRole('tab', { name: '街道环境综合整治经费' }).nth(1).waitFor();
  assert.equal(await page.getByRole('tab', { selected: true }).count(), 1);
  assert.equal(readFileSync((await exportAs(page, /当前表格 → JSON/)).file, 'utf8'), sheetJson);
  // The 汇总表's file opened again: a new workbook whose 汇总表 has the three projects.
  await openFile(page, summaryFile.name, readFileSync(summaryFile.file));
  await page.locator('.jx-notice', { hasText: `已将“${summaryFile.name}”的 3 个项目导入为新工作簿的汇总表` }).waitFor();
  assert.equal(await summaryRows(page).count(), 3);
  assert.equal(await totalRate(page), '90.78%');
  assert.deepEqual(page.errors, []);
  assert.deepEqual(ownRequestsOnly(page, env.origin), []);
});

test('last year’s sheet kept beside this year’s is left out of the 汇总表, which says so', async () => {
  const page = await env.page();
  await page.goto(env.url);
  await ready(page);
  const dated = (year, spent, rest) => {
    const sheet = JSON.parse(projectSheet('东漖街道办事处', '街道环境综合整治经费', '100.00', spent, rest));
    sheet.meta.year = year;
    return JSON.stringify(sheet);
  };
  await openFile(page, '2022.json', dated('2022', '60.00', '70.00'));
  await page.waitForFunction(() => document.querySelector('#app').shadowRoot.querySelector('.jx-total strong').textContent === '76.00');
  await openFile(page, '2023.json', dated('2023年', '84.31', '74.65'));
  await page.waitForFunction(() => document.querySelector('#app').shadowRoot.querySelector('.jx-total strong').textContent === '83.08');
  await openFile(page, 'b.json', projectSheet('商务和投资促进局', '荔湾区服务贸易专题', '100.00', '96.08', '84.51'));
  await page.waitForFunction(() => document.querySelector('#app').shadowRoot.querySelector('.jx-total strong').textContent === '94.12');
  await openSummary(page);
  const said = '未计入本汇总表：“街道环境综合整治经费”（东漖街道办事处）的2022年度表格（计入的是它2023年度的表格）';
  await page.getByRole('note').filter({ hasText: said }).waitFor();
  // The project's money once in the 合计: (84.31 + 96.08) ÷ 200.00, not with 2022's 60.00.
  assert.equal(await summaryRows(page).count(), 2);
  assert.equal(await totalRate(page), '90.20%');
  // The files people read say it as well, under the 合计.
  const csv = readFileSync((await exportAs(page, '汇总表 → CSV')).file, 'utf8');
  assert.match(csv, new RegExp(`合计,[^\n]*\n\n${said}`), csv);
  const xlsx = unzipSync(readFileSync((await exportAs(page, /^汇总表 → Excel/)).file));
  assert.ok(strFromU8(xlsx['xl/sharedStrings.xml']).includes(said), 'the note is in the Excel 汇总表');
  // A 汇总表 of 2022, said while it is open: 2022's sheet counts, 2023's is left out. What
  // was typed into it just before stays, and the field moved to keeps the keys.
  await page.getByRole('button', { name: '＋ 添加项目' }).click();
  await page.getByLabel('项目第3行项目名称', { exact: true }).fill('外部评价项目');
  const year = page.locator('[data-meta="year"]');
  await year.fill('2022');
  await page.getByLabel('填报人', { exact: true }).focus();
  await page.keyboard.type('张三');
  await page.getByRole('note').filter({ hasText: '未计入本汇总表：“街道环境综合整治经费”（东漖街道办事处）的2023年度表格（计入的是它2022年度的表格）' }).waitFor();
  await page.keyboard.type('丰');
  assert.equal(await page.getByLabel('填报人', { exact: true }).inputValue(), '张三丰', 'the keys went on into 填报人');
  assert.equal(await year.inputValue(), '2022');
  assert.equal(await summaryRows(page).filter({ hasText: '外部评价项目' }).count(), 1, 'the typed row stays');
  assert.equal(await totalRate(page), '78.04%'); // (60.00 + 96.08) ÷ 200.00
  // Pinyin being composed after the year (2022年) is no year yet: nothing is redrawn under it.
  await year.focus();
  const composed = await year.elementHandle();
  await year.evaluate((input) => {
    input.dispatchEvent(new CompositionEvent('compositionstart', { bubbles: true }));
    input.value = '2022n';
    input.dispatchEvent(new InputEvent('input', { bubbles: true, isComposing: true }));
  });
  await page.waitForTimeout(700);
  assert.equal(await composed.evaluate((input) => input.isConnected && input.getRootNode().activeElement === input), true, 'the field composed in stays');
  await composed.evaluate((input) => {
    input.value = '2022年';
    input.dispatchEvent(new CompositionEvent('compositionend', { bubbles: true, data: '年' }));
    input.dispatchEvent(new InputEvent('input', { bubbles: true }));
  });
  await page.waitForTimeout(700);
  assert.equal(await totalRate(page), '78.04%', '2022年 is 2022');
  // Exported at once after typing it, the file is of the year typed.
  await year.fill('');
  const atOnce = readFileSync((await exportAs(page, '汇总表 → CSV')).file, 'utf8');
  assert.ok(atOnce.includes(said), atOnce);
  await page.getByRole('note').filter({ hasText: said }).waitFor();
  assert.equal(await totalRate(page), '90.20%');
  await page.locator('.jx-notice', { hasText: '年度未填：已按各项目最新年度的表格重新汇总' }).waitFor();
  // Its row opens this year's sheet, the one it was computed from.
  await summaryRows(page).first().getByRole('button', { name: '街道环境综合整治经费' }).click();
  await page.waitForFunction(() => document.querySelector('#app').shadowRoot.querySelector('.jx-total strong').textContent === '83.08');
  // Last year's file opened twice: neither copy counts, so neither is said to count twice.
  await openFile(page, '2022.json', dated('2022', '60.00', '70.00'));
  const notice = page.locator('.jx-notice', { hasText: '已打开“2022.json”。' });
  await notice.waitFor();
  assert.match(await notice.innerText(), /汇总表计入的是该项目另一年度的表格，这两张都未计入/);
  assert.doesNotMatch(await notice.innerText(), /两张都计入/);
  assert.deepEqual(page.errors, []);
});

test('a finding of the 汇总表 names its project', async () => {
  const page = await env.page();
  await page.goto(env.url);
  await ready(page);
  await openSummary(page);
  await page.getByRole('button', { name: '＋ 添加项目' }).click();
  // The starting sheet is row 1; the typed project row 2, its grade not its score's.
  await page.getByLabel('项目第2行项目名称', { exact: true }).fill('外部评价项目');
  await page.getByLabel('项目第2行分数', { exact: true }).fill('85.57');
  await page.getByLabel('项目第2行等级', { exact: true }).fill('优');
  await page.getByRole('button', { name: /^检查/ }).click();
  assert.match(await page.getByRole('region', { name: '检查结果' }).innerText(), /“外部评价项目”：/);
  // And by its 序号, as the 检查结果 worksheet names it (`Calculator::place`).
  await page.getByLabel('项目第2行序号', { exact: true }).fill('7');
  await page.getByRole('region', { name: '检查结果' }).getByText('“外部评价项目”（序号7）：').waitFor();
  assert.deepEqual(page.errors, []);
});

test('a starting sheet typed into stays when a file is opened', async () => {
  const page = await env.page();
  await page.goto(env.url);
  await ready(page);
  await page.locator('[data-meta="project"]').fill('本单位的项目');
  await openFile(page, 'a.json', projectSheet('东漖街道办事处', '街道环境综合整治经费', '100.00', '84.31', '74.65'));
  await page.locator('.jx-notice', { hasText: '已打开“a.json”。' }).waitFor();
  assert.equal(await page.getByRole('tab', { name: '本单位的项目' }).count(), 1);
  assert.deepEqual(page.errors, []);
});

test('a CSV from elsewhere goes through the column-mapping step; bad files are refused', async () => {
  const page = await env.page();
  await page.goto(env.url);
  await ready(page);
  // Headers as another department writes them: “资金预算” is not a name the calculator knows.
  const lines = ['编号,预算单位,项目,资金预算（万元）,完成数（万元）,评价得分', ...seed000.projects.map((p) => [p.seq, p.unit, p.project, `"${p.budget}"`, `"${p.spent}"`, p.score].join(',')), ',合计,,"23,460.84","22,793.18",'];
  await openFile(page, '其他部门汇总.csv', `\ufeff${lines.join('\r\n')}\r\n`);
  const dialog = page.getByRole('dialog', { name: '导入“其他部门汇总.csv”' });
  await dialog.waitFor();
  assert.equal(await dialog.getByLabel('表格类型').inputValue(), 'summary');
  assert.equal(await dialog.getByLabel('第1列（编号）的含义').inputValue(), 'seq');
  assert.equal(await dialog.getByLabel('第3列（项目）的含义').inputValue(), 'project');
  assert.equal(await dialog.getByLabel('第4列（资金预算（万元））的含义').inputValue(), '', 'not recognised');
  await screenshot(page, '13-import-mapping');
  await dialog.getByLabel('第4列（资金预算（万元））的含义').selectOption('budget');
  await dialog.getByRole('button', { name: '导入' }).click();
  await page.getByRole('tab', { name: '汇总表', selected: true }).waitFor();
  assert.equal(await summaryRows(page).count(), 11, 'the 合计 line is not a project');
  assert.equal(await totalRate(page), '97.15%');
  assert.equal(await chartCount(page, '优'), '3');
  assert.equal(await page.getByLabel('当前工作簿').locator('option:checked').innerText(), '其他部门汇总');

  // An indicator table from a report (group names repeated down their rows, as merged cells
  // read): it becomes a sheet of this workbook, with its groups and their 分值.
  const table = ['表2 部门整体绩效指标评分表,,,,,,', '一级指标,分值,二级指标,分值,三级指标,分值,得分',
    '履职效能,50,整体效能,50,部门整体绩效目标产出指标完成情况,20,19.99',
    '履职效能,50,整体效能,50,部门预算资金支出率,10,9.91',
    '履职效能,50,整体效能,50,部门整体绩效目标效益指标完成情况,20,19.00',
    '管理效率,50,预算编制,10,新增预算项目事前绩效评估,10,10',
    '管理效率,50,预算执行,40,结转结余率,40,36.5',
    '合计,,,,,,95.40'].join('\n');
  await openFile(page, '表2.csv', table);
  const indicators = page.getByRole('dialog', { name: '导入“表2.csv”' });
  assert.equal(await indicators.getByLabel('表格类型').inputValue(), 'indicators');
  assert.equal(await indicators.getByLabel('表头所在行').inputValue(), '2');
  assert.equal(await indicators.getByLabel('第2列（分值）的含义').inputValue(), 'level1_weight');
  await indicators.getByRole('button', { name: '导入' }).click();
  await page.getByRole('tab', { name: '表2 部门整体绩效指标评分表', selected: true }).waitFor();
  assert.equal(await total(page), '95.40');
  assert.equal(await page.locator('[data-index] .jx-level').first().innerText(), '一级');
  await page.getByRole('tab', { name: '汇总表' }).click();
  assert.equal(await summaryRows(page).count(), 12, 'the sheet’s row joins the typed ones');

  // A broken .xlsx and an empty .csv: a clear message, nothing else changes.
  await openFile(page, '损坏.xlsx', Buffer.from('PK\u0003\u0004 this is not a workbook'));
  await page.waitForSelector('.jx-notice[data-kind="error"]');
  assert.match(await page.locator('.jx-notice').innerText(), /无法打开“损坏\.xlsx”：这不是有效的 Excel 文件/);
  await openFile(page, '空.csv', '');
  await page.waitForFunction(() => document.querySelector('#app').shadowRoot.querySelector('.jx-notice').textContent.includes('空.csv'));
  assert.match(await page.locator('.jx-notice').innerText(), /文件是空的/);
  assert.equal(await summaryRows(page).count(), 12);
  // A table with no header row at all: the user can still choose one, and is told what is missing.
  await openFile(page, '无表头.csv', '甲,乙\n1,2\n');
  const bare = page.getByRole('dialog', { name: '导入“无表头.csv”' });
  await bare.getByRole('button', { name: '导入' }).click();
  assert.match(await bare.getByRole('alert').innerText(), /请至少指定“指标名称”列/);
  await bare.getByRole('button', { name: '取消' }).click();
  assert.deepEqual(page.errors, []);
  assert.deepEqual(ownRequestsOnly(page, env.origin), []);
});

test('sheets saved before workbooks existed open in the first workbook', async () => {
  const page = await env.page();
  await page.goto(env.url);
  await ready(page);
  const seed001 = readFileSync(path.join(root, 'tests/fixtures/seed001_department.sheet.json'), 'utf8');
  await page.evaluate((json) => {
    localStorage.clear();
    localStorage.setItem('jixiao:index', JSON.stringify({ current: 'sold', sheets: [{ id: 'sold', name: '荔湖街道', updated: '2026-01-01T00:00:00Z' }] }));
    localStorage.setItem('jixiao:sheet:sold', json);
  }, seed001);
  await page.reload();
  await ready(page);
  assert.equal(await total(page), '94.90');
  assert.equal(await page.getByLabel('当前工作簿').locator('option:checked').innerText(), '我的工作簿');
  await page.getByRole('tab', { name: '汇总表' }).click();
  assert.equal(await summaryRows(page).count(), 1);
  assert.equal((await summaryRows(page).first().locator('[data-cell="score"]').textContent()).trim(), '94.90');
  assert.deepEqual(page.errors, []);
});

test('a project named twice in a 汇总表 is said at its row as the name is typed', async () => {
  const page = await env.page();
  await page.goto(env.url);
  await ready(page);
  await openFile(page, '汇总表.json', readFileSync(path.join(root, 'tests/fixtures/seed000_summary.sheet.json'), 'utf8'));
  await page.waitForFunction(() => document.querySelector('#app').shadowRoot.querySelectorAll('[aria-label="项目汇总表"] [data-row]').length === 11);
  const [first] = seed000.projects;
  await (await projectInput(page, 2, '单位名称')).fill(first.unit);
  const name = await projectInput(page, 2, '项目名称');
  await name.fill('');
  await name.pressSequentially(first.project);
  const td = summaryRows(page).nth(1).locator('[data-cell="project"]');
  await page.waitForFunction((el) => el.dataset.severity === 'warning', await td.elementHandle());
  assert.match(await td.getAttribute('title'), /与第1行的单位名称、项目名称相同：同一项目计入两次/);
  // Typing went on in the cell: every character is there, the caret in it.
  assert.equal(await name.inputValue(), first.project);
  assert.equal(await page.evaluate(() => document.querySelector('#app').shadowRoot.activeElement.getAttribute('aria-label')), '项目第2行项目名称');
  await name.press('End');
  await name.pressSequentially('二期');
  await page.waitForFunction((el) => !el.dataset.severity, await td.elementHandle());
  assert.deepEqual(page.errors, []);
});

test('rows pasted from another 汇总表 keep their 序号, and one given twice is said at its cell', async () => {
  const page = await env.page();
  await page.goto(env.url);
  await ready(page);
  const projects = [['甲', '1'], ['乙', '2'], ['丙', '3']]
    .map(([name, seq]) => ({ seq, unit: `${name}街道`, project: `${name}项目`, budget: '1.00', spent: '1.00', score: '80' }));
  await openFile(page, '汇总表.json', JSON.stringify({ format: 'jixiao-sheet', version: 2, kind: 'summary', projects }));
  await page.waitForFunction(() => document.querySelector('#app').shadowRoot.querySelectorAll('[aria-label="项目汇总表"] [data-row]').length === 3);
  // Two rows copied from another 汇总表, its 序号 from 1, pasted under these.
  await page.getByRole('button', { name: '＋ 添加项目' }).click();
  await (await projectInput(page, 4, '序号')).focus();
  await page.evaluate((text) => {
    const input = document.querySelector('#app').shadowRoot.activeElement;
    const data = new DataTransfer();
    data.setData('text/plain', text);
    input.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, '1\t丁街道\t丁项目\r\n2\t戊街道\t戊项目\r\n');
  await page.waitForFunction(() => document.querySelector('#app').shadowRoot.querySelectorAll('[aria-label="项目汇总表"] [data-row]').length === 5);
  const seq = (k) => summaryRows(page).nth(k).locator('[data-cell="seq"]');
  // What was pasted stays as pasted; the repeat is said where it is, with what to do.
  assert.deepEqual(await summaryRows(page).locator('[data-cell="seq"]').evaluateAll((tds) => tds.map((td) => td.querySelector('input')?.value ?? td.textContent.trim())), ['1', '2', '3', '1', '2']);
  await page.waitForFunction((el) => el.dataset.severity === 'warning', await seq(3).elementHandle());
  assert.equal(await seq(3).getAttribute('title'), '序号“1”与第1行的相同，打印出的汇总表会有两个“1”：请改为本行在表中的序号（从别的汇总表粘贴来的行带着它在原表中的序号）');
  assert.match(await seq(4).getAttribute('title'), /^序号“2”与第2行的相同/);
  assert.equal(await seq(0).getAttribute('data-severity'), null);
  // Numbered anew, it is gone.
  const fourth = await projectInput(page, 4, '序号');
  await fourth.fill('4');
  await page.waitForFunction((el) => !el.dataset.severity, await seq(3).elementHandle());
  assert.equal(await seq(4).getAttribute('data-severity'), 'warning');
  assert.deepEqual(page.errors, []);
});

test('two tables that name no 单位, 项目 or 年度 are not said to be one project', async () => {
  const page = await env.page();
  page.on('dialog', (d) => d.accept());
  await page.goto(env.url);
  await ready(page);
  // One unit's indicator table with the form's caption and nothing else to name it, then
  // another's (or the same, its figures corrected) under the same caption.
  const table = (score) => ['表2 部门整体绩效指标评分表,,,,,,', '一级指标,分值,二级指标,分值,三级指标,分值,得分',
    '履职效能,50,整体效能,50,部门整体绩效目标产出指标完成情况,20,19.99',
    '履职效能,50,整体效能,50,部门预算资金支出率,10,9.91',
    '履职效能,50,整体效能,50,部门整体绩效目标效益指标完成情况,20,19.00',
    '管理效率,50,预算编制,10,新增预算项目事前绩效评估,10,10',
    `管理效率,50,预算执行,40,结转结余率,40,${score}`].join('\n');
  for (const [file, score] of [['甲.csv', '36.5'], ['乙.csv', '30']]) {
    await openFile(page, file, table(score));
    await page.getByRole('dialog', { name: `导入“${file}”` }).getByRole('button', { name: '导入' }).click();
    await page.locator('.jx-notice', { hasText: `已打开“${file}”` }).waitFor();
  }
  const said = await page.locator('.jx-notice').innerText();
  assert.doesNotMatch(said, /都相同|同一单位|同一项目/);
  assert.match(said, /工作簿中已有表名相同的(部门整体)?表格“表2 部门整体绩效指标评分表”（[^）]*未填）：汇总表会把两张都计入；如这是修改后的版本，合计会重复，请删除旧的一张；如是不同的(单位|项目)，请在基本信息中填写/);
  assert.deepEqual(page.errors, []);
});

test('a block pasted into a sorted or filtered 汇总表 goes down the rows shown, never into rows hidden', async () => {
  const page = await env.page();
  await page.goto(env.url);
  await ready(page);
  const projects = [['甲', '70'], ['乙', '90'], ['丙', '80'], ['丁', '60'], ['戊', '85']]
    .map(([name, score], k) => ({ seq: String(k + 1), unit: `${name}街道`, project: `${name}项目`, budget: '1.00', spent: '1.00', score }));
  await openFile(page, '汇总表.json', JSON.stringify({ format: 'jixiao-sheet', version: 2, kind: 'summary', projects }));
  await page.waitForFunction(() => document.querySelector('#app').shadowRoot.querySelectorAll('[aria-label="项目汇总表"] [data-row]').length === 5);
  const paste = async (row, text) => {
    await (await projectInput(page, row, '预算数（万元）')).focus();
    await page.evaluate((text) => {
      const input = document.querySelector('#app').shadowRoot.activeElement;
      const data = new DataTransfer();
      data.setData('text/plain', text);
      input.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, text);
  };
  const budgets = async () => JSON.parse(readFileSync((await exportAs(page, /汇总表 → JSON/)).file, 'utf8')).projects
    .map((p) => `${p.project ?? ""} ${p.budget}`);
  // By 分数, ascending: 丁 60, 甲 70, 丙 80, 戊 85, 乙 90.
  await page.locator('[data-sort="score"]').click();
  await page.waitForFunction(() => document.querySelector('#app').shadowRoot.querySelector('[aria-label="项目汇总表"] [data-row]').dataset.row === '3');
  await paste(4, '11\r\n22\r\n33\r\n');
  await page.waitForFunction(() => document.querySelector('#app').shadowRoot.querySelector('[aria-label="项目汇总表"] [data-cell="total-budget"]').textContent === '68.00');
  assert.deepEqual((await budgets()).sort(), ['丁项目 11', '丙项目 33', '乙项目 1.00', '戊项目 1.00', '甲项目 22'].sort());
  // Filtered to 乙 alone: its row, then a new project, never the rows hidden.
  await page.getByRole('searchbox', { name: '筛选项目' }).fill('乙');
  await page.waitForFunction(() => document.querySelector('#app').shadowRoot.querySelectorAll('[aria-label="项目汇总表"] [data-row]').length === 1);
  await paste(2, '44\r\n55\r\n');
  await page.getByText('1 行在显示的各行之后，已添加为新项目，列在全表末尾').waitFor();
  await page.getByRole('searchbox', { name: '筛选项目' }).fill('');
  await page.waitForFunction(() => document.querySelector('#app').shadowRoot.querySelectorAll('[aria-label="项目汇总表"] [data-row]').length === 6);
  assert.deepEqual((await budgets()).sort(), [' 55', '丁项目 11', '丙项目 33', '乙项目 44', '戊项目 1.00', '甲项目 22'].sort());
  assert.deepEqual(page.errors, []);
});

test('a 汇总表 finding of a project named twice goes to its 项目名称', async () => {
  const page = await env.page();
  await page.goto(env.url);
  await ready(page);
  const project = { unit: '甲街道', project: '甲项目', budget: '1', spent: '1', score: '80' };
  await openFile(page, '汇总表.json', JSON.stringify({ format: 'jixiao-sheet', version: 2, kind: 'summary', projects: [project, project] }));
  await page.getByRole('button', { name: /^检查/ }).click();
  await page.getByRole('region', { name: '检查结果' }).getByRole('button', { name: /相同/ }).first().click();
  assert.match(await page.evaluate(() => document.querySelector('#app').shadowRoot.activeElement?.getAttribute('aria-label')), /^项目第[12]行项目名称$/);
  assert.deepEqual(page.errors, []);
});

test('a big 汇总表 shows text, one row of inputs at a time, and moves as a spreadsheet does', async () => {
  const { summary } = await import('../../scripts/workload.mjs');
  const page = await env.page();
  await page.goto(env.url);
  await ready(page);
  const projects = summary(300);
  await openFile(page, '汇总表.json', JSON.stringify(projects));
  await page.waitForFunction(() => document.querySelector('#app').shadowRoot.querySelector('[aria-label="项目汇总表"][aria-rowcount="302"] [data-row]'));
  // Only the rows near the view are drawn; the table says how many there are.
  const drawn = await page.evaluate(() => document.querySelector('#app').shadowRoot.querySelectorAll('[aria-label="项目汇总表"] [data-row]').length);
  assert.ok(drawn >= 20 && drawn < 300, `${drawn} rows drawn`);
  const inputs = () => page.locator('[aria-label="项目汇总表"] :is(input, textarea)').count();
  assert.equal(await inputs(), 0, 'every row as text');
  const before = await totalRate(page);
  // A click on a cell: that row takes inputs, the caret in the cell clicked.
  const spent = await projectInput(page, 5, '完成数（万元）');
  assert.equal(await inputs(), 10);
  assert.equal(await page.evaluate(() => document.querySelector('#app').shadowRoot.activeElement.getAttribute('aria-label')), '项目第5行完成数（万元）');
  await spent.press('Home');
  await spent.press('9'); // a digit in front: the 合计 moves
  await page.waitForFunction((rate) => document.querySelector('#app').shadowRoot
    .querySelector('[aria-label="项目汇总表"] .jx-total-row [data-cell="total-rate"]').textContent !== rate, before);
  // Down a column: the next row takes the inputs, the row left shows what was typed.
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.evaluate(() => document.querySelector('#app').shadowRoot.activeElement.getAttribute('aria-label')), '项目第6行完成数（万元）');
  assert.equal(await inputs(), 10);
  const row5 = summaryRows(page).nth(4).locator('[data-cell="spent"]');
  assert.equal((await row5.textContent()).trim(), `9${projects.projects[4].spent}`);
  // Enter goes down too; Tab from the last column to the next row's first.
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.querySelector('#app').shadowRoot.activeElement.getAttribute('aria-label')), '项目第7行完成数（万元）');
  await (await projectInput(page, 7, '建议')).focus();
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.querySelector('#app').shadowRoot.activeElement.getAttribute('aria-label')), '项目第8行序号');
  // Undo puts the figure back, in its row, with the caret there.
  await page.keyboard.press('Control+z');
  await page.waitForFunction((rate) => document.querySelector('#app').shadowRoot
    .querySelector('[aria-label="项目汇总表"] .jx-total-row [data-cell="total-rate"]').textContent === rate, before);
  assert.equal(await page.evaluate(() => document.querySelector('#app').shadowRoot.activeElement.getAttribute('aria-label')), '项目第5行完成数（万元）');
  assert.equal(await (await projectInput(page, 5, '完成数（万元）')).inputValue(), projects.projects[4].spent);
  // The keyboard into the table from the filter above it: the row last edited.
  await page.getByLabel('按等级筛选').focus();
  await page.keyboard.press('Tab');
  assert.match(await page.evaluate(() => document.querySelector('#app').shadowRoot.activeElement.getAttribute('aria-label')), /^项目第5行/);
  // Back out of the table with Shift+Tab from its headers: not sent into a row again.
  await page.getByRole('button', { name: /^序号/ }).focus();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+Tab');
  assert.equal(await page.evaluate(() => document.querySelector('#app').shadowRoot.activeElement.closest('[aria-label="项目汇总表"]')), null);
  // A click on the 合计 row edits nothing and stays where it is.
  const sum = page.locator('[aria-label="项目汇总表"] .jx-total-row [data-cell="total-rate"]');
  await sum.scrollIntoViewIfNeeded();
  const scrolled = await page.evaluate(() => window.scrollY);
  await sum.click();
  assert.equal(await page.locator('[aria-label="项目汇总表"] :is(input, textarea)').count(), 10, 'still the one row of inputs');
  assert.equal(await page.evaluate(() => document.querySelector('#app').shadowRoot.activeElement?.matches('input, textarea')), false);
  assert.ok(Math.abs((await page.evaluate(() => window.scrollY)) - scrolled) < 400, 'no jump to the first row');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a workbook named for its 汇总表 exports under a name of its own, beside the 汇总表’s file', async () => {
  const page = await env.page();
  await page.goto(env.url);
  await ready(page);
  await openFile(page, '汇总表.json', JSON.stringify(seed000));
  await page.getByRole('tab', { name: '汇总表', selected: true }).waitFor();
  const summary = await exportAs(page, /^汇总表 → Excel/);
  const book = await exportAs(page, /工作簿 → Excel/);
  assert.equal(summary.name, '2023年度荔湾区财政支出项目绩效重点评价汇总表.xlsx');
  assert.equal(book.name, '2023年度荔湾区财政支出项目绩效重点评价汇总表（工作簿）.xlsx');
  assert.deepEqual(page.errors, []);
});

test('a sheet not yet fully scored is 待定 in the 汇总表, and the 合计 and chart say it is left out', async () => {
  const page = await env.page();
  await page.goto(env.url);
  await ready(page);
  await openFile(page, 'a.json', projectSheet('东漖街道办事处', '街道环境综合整治经费', '100.00', '84.31', '74.65'));
  await page.waitForFunction(() => document.querySelector('#app').shadowRoot.querySelector('.jx-total strong').textContent === '83.08');
  // Its 产出及效益 not yet scored.
  await openFile(page, 'b.json', projectSheet('商务和投资促进局', '荔湾区服务贸易专题', '100.00', '96.08', ''));
  await openSummary(page);
  const row = summaryRows(page).filter({ hasText: '荔湾区服务贸易专题' });
  assert.equal(await row.locator('[data-cell="score"]').innerText(), '待定');
  assert.match(await row.locator('[data-cell="score"] span').getAttribute('title'), /尚未全部计分/);
  const foot = page.locator('[aria-label="项目汇总表"] .jx-total-row');
  assert.match(await foot.innerText(), /均 83\.08[\s\S]*良 1　无分数 1/);
  assert.equal(await page.locator('.jx-chart-title').first().textContent(), '等级分布（全部 2 个项目，其中 1 个无分数未计入）');
  // In the files exported from it too, as the core writes every 汇总表: Excel agrees with the page.
  const csv = readFileSync((await exportAs(page, '汇总表 → CSV')).file, 'utf8').split(/\r?\n/);
  assert.equal(csv.find((l) => l.includes('荔湾区服务贸易专题')).split(',')[7], '待定');
  const xlsx = strFromU8(unzipSync(readFileSync((await exportAs(page, /^汇总表 → Excel/)).file))['xl/sharedStrings.xml']);
  assert.ok(xlsx.includes('<t>待定</t>'), 'the row says 待定 in Excel');
  assert.ok(xlsx.includes('等级分布：优 0 个，良 1 个，中 0 个，差 0 个，无分数 1 个'), xlsx);
  // On paper too.
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('.jx-summary-paper tr', { hasText: '荔湾区服务贸易专题' }).locator('[data-cell="score"]').innerText(), '待定');
  await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  assert.deepEqual(page.errors, []);
});

test('a workbook is not renamed to another’s name: the dialog says so and keeps what was typed', async () => {
  const page = await env.page();
  await page.goto(env.url);
  await ready(page);
  await newWorkbook(page, '2026年度');
  await newWorkbook(page, '2025年度');
  await page.getByRole('button', { name: '工作簿…' }).click();
  const dialog = page.getByRole('dialog', { name: '工作簿' });
  await dialog.getByLabel('工作簿名称', { exact: true }).fill('2026年度');
  await dialog.getByRole('button', { name: '确定' }).click();
  assert.equal(await dialog.getByRole('alert').innerText(), '已有名为“2026年度”的工作簿：请换一个名称，以免两个工作簿无法区分。');
  assert.equal(await dialog.getByLabel('工作簿名称', { exact: true }).inputValue(), '2026年度', 'what was typed stays, to be changed');
  await dialog.getByLabel('工作簿名称', { exact: true }).fill('2025年度（复核）');
  await dialog.getByRole('button', { name: '确定' }).click();
  await dialog.waitFor({ state: 'detached' });
  const names = (await page.getByLabel('当前工作簿').locator('option').allInnerTexts()).map((t) => t.trim());
  assert.ok(names.includes('2025年度（复核）') && names.includes('2026年度') && !names.includes('2025年度'), names.join('、'));
  assert.deepEqual(page.errors, []);
});

test('a CSV with one stray cell far to the right lists only the columns it has', async () => {
  const page = await env.page();
  await page.goto(env.url);
  await ready(page);
  // A cell left in the last column Excel has (XFD) gives the file 16,384 columns.
  const stray = `${','.repeat(16380)}备注`;
  const lines = [`编号,预算单位,项目,资金预算（万元）${stray}`, ...seed000.projects.slice(0, 3).map((p) => [p.seq, p.unit, p.project, `"${p.budget}"`].join(','))];
  await openFile(page, '带杂项.csv', `${lines.join('\r\n')}\r\n`);
  const dialog = page.getByRole('dialog', { name: '导入“带杂项.csv”' });
  await dialog.waitFor();
  assert.equal(await dialog.locator('select[data-column]').count(), 5, 'four columns and the stray one');
  assert.equal(await dialog.getByLabel('第3列（项目）的含义').inputValue(), 'project');
  assert.equal(await dialog.getByLabel('第16384列（备注）的含义').count(), 1);
  assert.match(await dialog.innerText(), /另有 16379 列没有表头，前几行也是空的，未列出，不导入。/);
  assert.deepEqual(page.errors, []);
});

test('another version of a project is found whatever brackets or spaces its names are written with', async () => {
  const page = await env.page();
  page.on('dialog', (d) => d.accept());
  await page.goto(env.url);
  await ready(page);
  await openFile(page, 'a.json', projectSheet('荔湾区东漖街道办事处（本级）', '街道环境综合整治经费', '100.00', '84.31', '74.65'));
  await page.locator('.jx-notice', { hasText: '已打开“a.json”' }).waitFor();
  // The unit's corrected file, typed on another machine: (本级) and a space in the project.
  await openFile(page, 'a-改.json', projectSheet('荔湾区东漖街道办事处(本级)', '街道环境 综合整治经费', '100.00', '85.00', '74.65'));
  await page.locator('.jx-notice', { hasText: '工作簿中已有同一项目的表格“街道环境综合整治经费”（单位、项目相同，年度未填）' }).waitFor();
  // A 部门整体 form is one a year by its 单位, whatever its title says.
  const department = (title, unit) => JSON.stringify({ format: 'jixiao-sheet', version: 2, kind: 'department', meta: { title, unit, year: '2023' },
    indicators: [{ name: '部门预算资金支出率', weight: '100', target: '100%', actual: '96%' }] });
  await openFile(page, 'd.json', department('2023年部门整体支出绩效自评报告', '广州市荔湾区财政局'));
  await page.locator('.jx-notice', { hasText: '已打开“d.json”。' }).waitFor();
  await openFile(page, 'd2.json', department('部门整体支出绩效自评表（修订）', '广州市荔湾区财政局 '));
  await page.locator('.jx-notice', { hasText: '工作簿中已有同一单位同一年度的部门整体表格' }).waitFor();
  assert.deepEqual(page.errors, []);
});
