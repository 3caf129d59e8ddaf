// The page by keyboard alone, as a user without a mouse (or with a screen reader) meets it:
// every control reached, the focus never dropped to the page after an action.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, ready, cell, rowNamed, openFile, openSummary, projectInput, shown, exportAs } from './harness.mjs';
import { sheet } from '../../scripts/workload.mjs';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { root } from '../../scripts/setup.mjs';

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.close();
});

/** Opens a generated sheet of 1,000 indicators; resolves, once it is open (the template's rows
 * before it), to its number of rows. */
async function openLong(page) {
  await openFile(page, 'long.json', JSON.stringify(sheet(1000)));
  // aria-rowcount counts the header row too.
  await page.waitForFunction(() => Number(document.querySelector('#app').shadowRoot.querySelector('.jx-grid').getAttribute('aria-rowcount')) > 1000);
  return page.evaluate(() => Number(document.querySelector('#app').shadowRoot.querySelector('.jx-grid').getAttribute('aria-rowcount')) - 1);
}

/** The focused control's accessible label (or its text), inside the calculator or out. */
function focused(page) {
  return page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return el?.getAttribute('aria-label') ?? el?.labels?.[0]?.textContent.trim() ?? el?.textContent?.trim() ?? el?.tagName;
  });
}

test('Tab goes through a row’s 计分参数 and on to the next row, and Shift+Tab back', async () => {
  const page = await env.page();
  await page.goto(env.url);
  await ready(page);
  const row = (await rowNamed(page, '数量指标')) + 1;
  await (await cell(page, row, 'rule')).selectOption('step');
  await (await cell(page, row, 'reason')).focus();
  const forward = [];
  for (let k = 0; k < 5; k++) {
    await page.keyboard.press('Tab');
    forward.push(await focused(page));
  }
  assert.deepEqual(forward.slice(0, 4), ['计分参数：起点', '计分参数：每', '计分参数：扣', '含边界（每增加5%（含））']);
  assert.match(forward[4], /的指标名称$/, 'the next row after the last parameter');
  const back = [];
  for (let k = 0; k < 5; k++) {
    await page.keyboard.press('Shift+Tab');
    back.push(await focused(page));
  }
  assert.deepEqual(back.slice(0, 4), ['含边界（每增加5%（含））', '计分参数：扣', '计分参数：每', '计分参数：起点']);
  assert.match(back[4], /的偏差原因及改进措施$/, 'the row’s own last cell before its parameters');
  // A parameter typed from the keyboard alone scores the row.
  await page.keyboard.press('Tab');
  await page.keyboard.type('100%');
  assert.equal(await page.locator('#app input[aria-label="计分参数：起点"]').inputValue(), '100%');
  assert.deepEqual(page.errors, []);
});

test('after a print the cell being typed in has the focus again, its caret where it was', async () => {
  const page = await env.page();
  await page.goto(env.url);
  await ready(page);
  const row = (await rowNamed(page, '数量指标')) + 1;
  const target = await cell(page, row, 'target');
  await target.click();
  await page.keyboard.type('100');
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  assert.match(await focused(page), /的年度指标值$/);
  await page.keyboard.type('0');
  assert.equal(await (await cell(page, row, 'target')).inputValue(), '1000');
  assert.deepEqual(page.errors, []);
});

test('the total is read out once typing pauses, not at every key', async () => {
  const page = await env.page();
  await page.goto(env.url);
  await ready(page);
  const row = (await rowNamed(page, '数量指标')) + 1;
  await (await cell(page, row, 'target')).click();
  await page.keyboard.type('100');
  await (await cell(page, row, 'actual')).click();
  await page.keyboard.type('95');
  // Nothing around the figures that change at each key is a live region.
  const regions = await page.evaluate(() => {
    const found = [];
    let el = document.querySelector('#app').shadowRoot.querySelector('.jx-total strong');
    for (; el; el = el.parentElement) {
      if (el.hasAttribute('aria-live') || ['status', 'alert', 'log'].includes(el.getAttribute('role'))) found.push(el.className);
    }
    return found;
  });
  assert.deepEqual(regions, []);
  const live = page.locator('#app .jx-result [aria-live="polite"]');
  await page.waitForFunction(() => document.querySelector('#app').shadowRoot.querySelector('.jx-result [aria-live="polite"]').textContent.startsWith('总分 '));
  assert.match(await live.textContent(), /^总分 \d+\.\d{2}，差，未完成$/);
  assert.deepEqual(page.errors, []);
});

test('the focus stays where the keys were after a tab, a rename, a deletion, a search and a sort', async () => {
  const page = await env.page();
  await page.goto(env.url);
  await ready(page);
  const sheetTab = page.getByRole('tab', { selected: true });
  const sheetName = await sheetTab.innerText();
  // A tab chosen with Enter: the tab chosen has the focus.
  await page.getByRole('tab', { name: '汇总表' }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('tab', { name: '汇总表', selected: true }).waitFor();
  assert.equal(await focused(page), '汇总表');
  // A column of the 汇总表 sorted from the keys, twice.
  await page.locator('#app [data-sort="score"]').focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  assert.equal(await page.locator('#app [role="columnheader"][aria-sort="descending"] [data-sort="score"]').count(), 1);
  assert.equal(await page.evaluate(() => document.querySelector('#app').shadowRoot.activeElement?.dataset.sort), 'score');
  // Back to the sheet; renamed with Enter in the dialog.
  await page.getByRole('tab', { name: sheetName }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('tab', { name: sheetName, selected: true }).waitFor();
  assert.equal(await focused(page), sheetName);
  await page.getByRole('button', { name: '重命名' }).focus();
  await page.keyboard.press('Enter');
  await page.keyboard.type('乙表');
  await page.keyboard.press('Enter');
  await page.getByRole('tab', { name: '乙表', selected: true }).waitFor();
  assert.equal(await page.getByRole('dialog').count(), 0, 'Enter is 确定');
  assert.equal(await focused(page), '重命名');
  // A search from a field of 基本信息 that finds nothing, closed with Esc: back in the field.
  await page.getByRole('textbox', { name: '项目名称', exact: true }).focus();
  await page.keyboard.press('Control+f');
  await page.keyboard.type('无此指标');
  await page.keyboard.press('Escape');
  assert.equal(await focused(page), '项目名称');
  // The sheet deleted from its button: the tab now open has the focus.
  page.once('dialog', (d) => d.accept());
  await page.getByRole('button', { name: '删除表格' }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('tab', { name: '乙表' }).waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => document.querySelector('#app').shadowRoot.activeElement?.getAttribute('role')), 'tab');
  assert.deepEqual(page.errors, []);
});

test('a 资金 cell that cannot be read describes its finding to a screen reader', async () => {
  const page = await env.page();
  await page.goto(env.url);
  await ready(page);
  await page.getByLabel('资金第1行全年预算数', { exact: true }).fill('12,00x');
  await page.keyboard.press('Tab');
  const described = await page.evaluate(() => {
    const root = document.querySelector('#app').shadowRoot;
    const input = root.querySelector('input[aria-label="资金第1行全年预算数"]');
    const id = input.getAttribute('aria-describedby');
    return { invalid: input.getAttribute('aria-invalid'), text: id ? root.getElementById(id)?.textContent : null };
  });
  assert.equal(described.invalid, 'true');
  assert.match(described.text ?? '', /^全年预算数无法识别/);
  assert.deepEqual(page.errors, []);
});

test('at 200% zoom a cell moved to with Enter is never under the line at the bottom', async () => {
  // 1400 × 900 at 200%.
  const page = await env.page({ width: 700, height: 450 });
  await page.goto(env.url);
  await ready(page);
  await (await cell(page, 0, 'name')).focus();
  const covered = [];
  for (let k = 0; k < 14; k++) {
    await page.keyboard.press('Enter');
    // Once the line at the bottom has explained the row (and grown for its findings).
    await page.waitForTimeout(150);
    const at = await page.evaluate(() => {
      const root = document.querySelector('#app').shadowRoot;
      const el = root.activeElement;
      const r = el.getBoundingClientRect();
      const hit = root.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      return { label: el.getAttribute('aria-label'), clear: hit === el || el.contains(hit) };
    });
    if (!at.clear) covered.push(at.label);
  }
  assert.deepEqual(covered, []);
  assert.deepEqual(page.errors, []);
});

test('PageDown, PageUp, Ctrl+End and Ctrl+Home move along a column of a long table', async () => {
  const page = await env.page();
  await page.goto(env.url);
  await ready(page);
  const rows = await openLong(page);
  await (await cell(page, 0, 'name')).focus();
  const at = () => page.evaluate(() => {
    const el = document.querySelector('#app').shadowRoot.activeElement;
    return { index: Number(el.closest('[data-index]').dataset.index), key: el.dataset.key };
  });
  await page.keyboard.press('PageDown');
  const down = await at();
  assert.equal(down.key, 'name');
  assert.ok(down.index > 5, `a screenful down: row ${down.index}`);
  await page.keyboard.press('PageUp');
  assert.deepEqual(await at(), { index: 0, key: 'name' });
  await page.keyboard.press('Control+End');
  assert.deepEqual(await at(), { index: rows - 1, key: 'name' });
  await page.keyboard.press('Control+Home');
  assert.deepEqual(await at(), { index: 0, key: 'name' });
  assert.deepEqual(page.errors, []);
});

/** The row and column of the indicator table's cell that has the focus, and its selection. */
function cellAt(page) {
  return page.evaluate(() => {
    const el = document.querySelector('#app').shadowRoot.activeElement;
    return { index: Number(el.closest('[data-index]').dataset.index), key: el.dataset.key, selected: [el.selectionStart, el.selectionEnd] };
  });
}

/** Focuses `field` with the caret at `at` (a click in its text, as a user places it). */
const caretIn = (field, at) => field.evaluate((el, i) => {
  el.focus();
  el.setSelectionRange(i, i);
}, at);

// A tester's keys: clicked into a 偏差原因 of two lines, Ctrl+End went to the last row's, and
// the X typed next replaced that reason; on the last row, Ctrl+End then Y replaced the 指标名称
// being typed in. In a text being typed in they go to its end or start, as in a cell edited in
// Excel; from a cell moved to, or from the end of a one-line text, to the column's last row.
test('Ctrl+End and Ctrl+Home in a cell being typed in move in its text, never replacing another row’s', async () => {
  const page = await env.page();
  await page.goto(env.url);
  await ready(page);
  const leaf = (name, reason) => ({ name, weight: '25', comparison: '≥', target: '100', actual: '90', reason });
  const indicators = [{ name: '产出指标', weight: '100', children: [{ name: '数量指标', weight: '100', children: [
    leaf('甲指标', '原因甲'), leaf('乙指标', '原因一\n原因二'), leaf('丙指标', '原因丙'), leaf('末行指标', '末行原因')] }] }];
  await openFile(page, '项目.json', JSON.stringify({ format: 'jixiao-sheet', version: 2, kind: 'project', indicators }));
  const two = await rowNamed(page, '乙指标');
  const three = await rowNamed(page, '丙指标');
  const last = await rowNamed(page, '末行指标');
  const reason = await cell(page, two, 'reason');
  await caretIn(reason, 2);
  await page.keyboard.press('Control+End');
  assert.deepEqual(await cellAt(page), { index: two, key: 'reason', selected: [7, 7] }, 'to the end of the text');
  await page.keyboard.type('X');
  await page.keyboard.press('Control+Home');
  await page.keyboard.type('Y');
  // Pressed again at the text's end, or with it all selected: a text of several lines keeps
  // the keys, as a text area does.
  await page.keyboard.press('Control+End');
  await reason.evaluate((el) => el.select());
  await page.keyboard.press('Control+End');
  assert.deepEqual(await cellAt(page), { index: two, key: 'reason', selected: [9, 9] });
  assert.equal(await reason.inputValue(), 'Y原因一\n原因二X');
  // A one-line text: to its end first; from there, to the column's last row, its text
  // selected (typing replaces it, as in Excel's cell moved to); Ctrl+Home back from it, so.
  const name = await cell(page, three, 'name');
  await caretIn(name, 1);
  await page.keyboard.press('Control+End');
  assert.deepEqual(await cellAt(page), { index: three, key: 'name', selected: [3, 3] });
  await page.keyboard.press('Control+End');
  assert.deepEqual(await cellAt(page), { index: last, key: 'name', selected: [0, 4] });
  await page.keyboard.press('Control+Home');
  assert.equal((await cellAt(page)).key, 'name');
  assert.ok((await cellAt(page)).index < three, 'up to the column’s first row');
  // The last row's name typed in: Ctrl+End goes to its end, from inside it or at it, and
  // what is typed next goes on from there.
  const lastName = await cell(page, last, 'name');
  await caretIn(lastName, 2);
  await page.keyboard.press('Control+End');
  await page.keyboard.type('Y');
  await page.keyboard.press('Control+End');
  await page.keyboard.type('Z');
  assert.equal(await lastName.inputValue(), '末行指标YZ');
  assert.equal(await shown(page, last, 'reason'), '末行原因');
  assert.equal(await shown(page, three, 'name'), '丙指标');
  // A list on the last row: the keys are the grid's, never the list's (PageDown and End
  // would change its choice).
  const rule = await cell(page, last, 'rule');
  const chosen = await rule.inputValue();
  await rule.focus();
  await page.keyboard.press('PageDown');
  await page.keyboard.press('Control+End');
  assert.equal(await (await cell(page, last, 'rule')).inputValue(), chosen);
  assert.deepEqual(page.errors, []);
});

// As in the indicator table (the same rule, sheet-keys.js cellMove): Ctrl+End in a 汇总表
// 项目名称 of two lines, and on 资金's last row, stays in the text typed in.
test('Ctrl+End in a 汇总表 or 资金 cell being typed in moves in its text', async () => {
  const page = await env.page();
  await page.goto(env.url);
  await ready(page);
  const projects = [['甲', '泮塘五约\n核心区工作经费'], ['乙', '乙项目']]
    .map(([unit, project], k) => ({ seq: String(k + 1), unit: `${unit}街道`, project, budget: '1.00', spent: '1.00', score: '80' }));
  await openFile(page, '汇总表.json', JSON.stringify({ format: 'jixiao-sheet', version: 2, kind: 'summary', projects }));
  await page.waitForFunction(() => document.querySelector('#app').shadowRoot.querySelectorAll('[aria-label="项目汇总表"] [data-row]').length === 2);
  const project = await projectInput(page, 1, '项目名称');
  await caretIn(project, 2);
  await page.keyboard.press('Control+End');
  await page.keyboard.type('乙');
  assert.equal(await focused(page), '项目第1行项目名称');
  assert.equal(await project.inputValue(), '泮塘五约\n核心区工作经费乙');
  // On the last row, from the end of its one-line text: the text typed in stays, not selected.
  const lastProject = await projectInput(page, 2, '项目名称');
  await caretIn(lastProject, 3);
  await page.keyboard.press('Control+End');
  await page.keyboard.type('丙');
  assert.equal(await lastProject.inputValue(), '乙项目丙');
  assert.deepEqual(page.errors, []);
  // 资金 on a page of its own: the template's rows.
  const funds = await env.page();
  await funds.goto(env.url);
  await ready(funds);
  const names = funds.locator('table[aria-label="资金情况"] [aria-label$="行名称"]');
  const lastFunds = names.nth(await names.count() - 1);
  const before = await lastFunds.inputValue();
  await caretIn(lastFunds, before.length);
  await funds.keyboard.press('Control+End');
  await funds.keyboard.type('甲');
  assert.equal(await lastFunds.inputValue(), `${before}甲`);
  assert.deepEqual(funds.errors, []);
});

// A tester's keys: in 基本信息's fields of several lines, where Enter types a line break,
// 甲乙, Alt+Enter, 丙丁 gave 甲乙丙丁, where the 项目名称 and every cell of the grid take
// Alt+Enter as a line break, as Excel does.
test('Alt+Enter types a line break in 基本信息’s fields of several lines too', async () => {
  const page = await env.page();
  await page.goto(env.url);
  await ready(page);
  for (const key of ['goal', 'achieved']) {
    const field = page.locator(`#app [data-meta="${key}"]`);
    await field.click();
    await page.keyboard.type('甲乙');
    await page.keyboard.press('Alt+Enter');
    await page.keyboard.type('丙丁');
    assert.equal(await field.inputValue(), '甲乙\n丙丁');
  }
  const json = JSON.parse(readFileSync((await exportAs(page, /当前表格 → JSON/)).file, 'utf8'));
  assert.deepEqual([json.meta.goal, json.meta.achieved], ['甲乙\n丙丁', '甲乙\n丙丁']);
  assert.deepEqual(page.errors, []);
});

test('设置 opens with its first field focused, not its scrolling body', async () => {
  const page = await env.page({ width: 800, height: 450 });
  await page.goto(env.url);
  await ready(page);
  await page.getByRole('button', { name: '设置', exact: true }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('dialog').waitFor();
  const focused = await page.evaluate(() => {
    const el = document.querySelector('#app').shadowRoot.activeElement;
    return { tag: el.tagName, body: el.classList.contains('jx-dialog-body') };
  });
  assert.deepEqual([focused.body, ['INPUT', 'SELECT', 'TEXTAREA', 'BUTTON'].includes(focused.tag)], [false, true], JSON.stringify(focused));
  assert.deepEqual(page.errors, []);
});

test('at 360 px each section’s heading stays on one line', async () => {
  const page = await env.page({ width: 360, height: 700 });
  await page.goto(env.url);
  await ready(page);
  const lines = await page.evaluate(() => [...document.querySelector('#app').shadowRoot.querySelectorAll('.jx-section h2')]
    .filter((h2) => h2.checkVisibility())
    .map((h2) => {
      const range = document.createRange();
      range.selectNodeContents(h2.firstChild);
      return [h2.firstChild.textContent, new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size];
    }));
  assert.ok(lines.length >= 2, JSON.stringify(lines));
  assert.deepEqual(lines.filter(([, n]) => n > 1), []);
  assert.deepEqual(page.errors, []);
});

test('a section’s heading is named by its title alone, its hint and buttons beside it', async () => {
  const page = await env.page();
  await page.goto(env.url);
  await ready(page);
  // Read as a screen reader reads it: the accessible name, not the text around it.
  for (const name of ['绩效指标', '资金情况']) await page.getByRole('heading', { name, exact: true }).waitFor();
  await page.getByRole('tab', { name: '汇总表' }).click();
  await page.getByRole('heading', { name: '项目汇总', exact: true }).waitFor();
  await page.getByRole('button', { name: '＋ 添加项目' }).waitFor();
  assert.deepEqual(page.errors, []);
});

test('the workbook list opens a workbook on Enter from the keys, not at each arrow', async () => {
  const page = await env.page();
  await page.goto(env.url);
  await ready(page);
  for (const name of ['乙', '丙']) {
    await page.getByRole('button', { name: '工作簿…' }).click();
    await page.getByLabel('新工作簿名称').fill(name);
    await page.getByRole('dialog', { name: '工作簿' }).getByRole('button', { name: '确定' }).click();
    await page.getByRole('tab', { name: '汇总表', selected: true }).waitFor();
  }
  const list = page.getByRole('combobox', { name: '当前工作簿' });
  const open = () => page.evaluate(() => JSON.parse(localStorage.getItem('jixiao:index')).current);
  const before = await open();
  await list.focus();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  assert.equal(await open(), before, 'nothing opened on the way');
  await page.keyboard.press('Enter');
  await page.waitForFunction((was) => JSON.parse(localStorage.getItem('jixiao:index')).current !== was, before);
  assert.equal(await list.locator('option:checked').innerText(), '我的工作簿');
  // Arrowed to another, then left: the open one stays, and the list says so.
  await list.focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Tab');
  assert.equal(await list.locator('option:checked').innerText(), '我的工作簿');
  // Chosen with the mouse (selectOption, as a click in the list does): opened at once.
  await list.selectOption({ label: '丙' });
  await page.waitForFunction(() => document.querySelector('#app').shadowRoot.querySelector('select[aria-label="当前工作簿"] option:checked').textContent === '丙');
  assert.deepEqual(page.errors, []);
});

test('the page’s search says which row it found, for a screen reader', async () => {
  const page = await env.page();
  await page.goto(env.url);
  await ready(page);
  await openLong(page);
  await (await cell(page, 0, 'name')).focus();
  await page.keyboard.press('Control+f');
  await page.keyboard.type('指标17');
  const said = page.locator('#app [role="search"] [aria-live="polite"]');
  await page.waitForFunction(() => document.querySelector('#app').shadowRoot.querySelector('[role="search"] [aria-live="polite"]').textContent !== '');
  const first = await said.textContent();
  assert.match(first, /^第\d+行：指标17$/);
  await page.keyboard.press('Enter');
  await page.waitForFunction((was) => document.querySelector('#app').shadowRoot.querySelector('[role="search"] [aria-live="polite"]').textContent !== was, first);
  assert.match(await said.textContent(), /^第\d+行：指标17\d$/);
  assert.deepEqual(page.errors, []);
});

test('a field of the row being edited is described by what the row comes to', async () => {
  const page = await env.page();
  await page.goto(env.url);
  await ready(page);
  const row = (await rowNamed(page, '数量指标')) + 1;
  await (await cell(page, row, 'target')).fill('100');
  await (await cell(page, row, 'actual')).fill('95');
  const described = () => page.evaluate(() => {
    const root = document.querySelector('#app').shadowRoot;
    const input = root.activeElement;
    return (input.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean).map((id) => root.getElementById(id)?.textContent).join('；');
  });
  assert.match(await described(), /完成率 95\.00%，得分 \d+\.\d{2}$/);
  // As typing changes it.
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('100');
  await page.waitForFunction(() => document.querySelector('#app').shadowRoot.activeElement.value === '100');
  assert.match(await described(), /完成率 100\.00%，得分 \d+\.\d{2}$/);
  // The cell's own text is as it was.
  assert.doesNotMatch(await page.locator(`#app [data-index="${row}"] [data-cell="score"]`).innerText(), /完成率/);
  assert.deepEqual(page.errors, []);
});

test('a click on a figure the table works out holds the focus there; typing is said, not put into the name', async () => {
  const page = await env.page();
  await page.goto(env.url);
  await ready(page);
  const group = await rowNamed(page, '数量指标');
  const leaf = group + 1;
  await (await cell(page, leaf, 'name')).fill('完成改造面积');
  const at = () => page.evaluate(() => {
    const el = document.querySelector('#app').shadowRoot.activeElement;
    return `${el?.closest('[data-index]')?.dataset.index}:${el?.dataset.key ?? el?.dataset.cell}`;
  });
  // A ratio row's 得分 is its rule's: clicked and typed over, as in Excel.
  await page.locator(`[data-index="${leaf}"] [data-cell="score"]`).click();
  assert.equal(await at(), `${leaf}:score`);
  await page.keyboard.type('0.38');
  await page.locator('.jx-notice', { hasText: '“完成改造面积”：这一行的得分按计分方法算出；如需直接给分，请把计分方法改为“手工打分”，不能在此输入。' }).waitFor();
  assert.equal(await (await cell(page, leaf, 'name')).inputValue(), '完成改造面积', 'the name is not replaced');
  assert.match(await page.locator('.jx-detail-title').innerText(), /完成改造面积/, 'the row is explained below');
  // The arrows go on from there: ← to 完成率 (worked out too), ← again to 单位, which takes input.
  await page.keyboard.press('ArrowLeft');
  assert.equal(await at(), `${leaf}:rate`);
  await page.keyboard.press('ArrowLeft');
  assert.equal(await at(), `${leaf}:unit`);
  // A group's 小计: the same.
  await page.locator(`[data-index="${group}"] [data-cell="score"]`).click();
  await page.keyboard.type('3.5');
  await page.locator('.jx-notice', { hasText: '“数量指标”：分组的得分是下级指标得分之和，不能在此输入。' }).waitFor();
  assert.equal(await (await cell(page, group, 'name')).inputValue(), '数量指标');
  // Tab from it goes to the next row's first cell that takes input.
  await page.locator(`[data-index="${group}"] [data-cell="score"]`).click();
  await page.keyboard.press('Tab');
  assert.equal(await at(), `${leaf}:name`);
  // A figure pasted there is said to go nowhere, as one typed is.
  await page.locator(`[data-index="${leaf}"] [data-cell="score"]`).click();
  await page.evaluate(() => {
    const data = new DataTransfer();
    data.setData('text/plain', '0.38');
    document.querySelector('#app').shadowRoot.activeElement.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  });
  await page.locator('.jx-notice', { hasText: '“完成改造面积”：这一行的得分按计分方法算出' }).waitFor();
  // The row's own keys work from it: Ctrl+Enter inserts a row below.
  const rows = () => page.evaluate(() => document.querySelector('#app').shadowRoot.querySelector('.jx-grid').getAttribute('aria-rowcount'));
  const before = Number(await rows());
  await page.locator(`[data-index="${leaf}"] [data-cell="score"]`).click();
  await page.keyboard.press('Control+Enter');
  await page.waitForFunction((n) => Number(document.querySelector('#app').shadowRoot.querySelector('.jx-grid').getAttribute('aria-rowcount')) === n + 1, before);
  assert.deepEqual(page.errors, []);
});

test('after Ctrl+Z the caret is after the text brought back, and typing goes on from there', async () => {
  const page = await env.page();
  await page.goto(env.url);
  await ready(page);
  const leaf = (await rowNamed(page, '数量指标')) + 1;
  const reason = await cell(page, leaf, 'reason');
  await reason.fill('偏差原因说明');
  await page.keyboard.press('Enter'); // moves on: the text is one step
  await (await cell(page, leaf, 'reason')).focus();
  await page.keyboard.press('End');
  await page.keyboard.type('，已整改');
  await page.keyboard.press('Control+z');
  assert.equal(await (await cell(page, leaf, 'reason')).inputValue(), '偏差原因说明');
  await page.keyboard.type('补充');
  assert.equal(await (await cell(page, leaf, 'reason')).inputValue(), '偏差原因说明补充', 'the text brought back is kept');
  assert.deepEqual(page.errors, []);
});

test('a 资金 row added takes the keys typed next in its name', async () => {
  const page = await env.page();
  await page.goto(env.url);
  await ready(page);
  const rows = await page.locator('table[aria-label="资金情况"] tbody tr').count();
  await page.getByRole('button', { name: '＋ 添加一行' }).click();
  await page.keyboard.type('中央补助');
  assert.equal(await page.getByLabel(`资金第${rows + 1}行名称`, { exact: true }).inputValue(), '中央补助');
  assert.deepEqual(page.errors, []);
});

test('Tab and Enter through 资金 never delete a row, ↑ / ↓ move along it, and a row deleted is said', async () => {
  const page = await env.page();
  await page.goto(env.url);
  await ready(page);
  const names = () => page.locator('table[aria-label="资金情况"] [aria-label$="行名称"]').evaluateAll((els) => els.map((e) => e.value));
  const notice = () => page.locator('.jx-notice').innerText();
  const before = await names();
  assert.equal(before[0], '年度资金总额');
  // The tester's keys: a figure, Tab, a figure, Tab, Enter. The second Tab landed on the
  // row's 删除, and the Enter deleted 年度资金总额 unsaid.
  await page.getByLabel('资金第1行全年预算数', { exact: true }).click();
  await page.keyboard.type('420');
  await page.keyboard.press('Tab');
  await page.keyboard.type('404.25');
  await page.keyboard.press('Tab');
  assert.equal(await focused(page), '资金第2行名称', 'Tab passes the row’s 删除 by, to the next row');
  await page.keyboard.press('Enter');
  assert.deepEqual(await names(), before, 'no row deleted');
  assert.equal(await focused(page), '资金第3行名称');
  assert.equal(await page.getByLabel('资金第1行全年执行数', { exact: true }).inputValue(), '404.25');
  // ↑ / ↓ along a column, as in the indicator table.
  await page.getByLabel('资金第1行全年执行数', { exact: true }).focus();
  await page.keyboard.press('ArrowDown');
  assert.equal(await focused(page), '资金第2行全年执行数');
  await page.keyboard.press('ArrowDown');
  assert.equal(await focused(page), '资金第3行全年执行数');
  await page.keyboard.press('ArrowUp');
  assert.equal(await focused(page), '资金第2行全年执行数');
  // ← at a cell's start to the one beside it, Ctrl+End / Home to the column's last / first row.
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowLeft');
  assert.equal(await focused(page), '资金第2行全年预算数');
  await page.keyboard.press('Control+End');
  assert.equal(await focused(page), `资金第${before.length}行全年预算数`);
  await page.keyboard.press('Control+Home');
  assert.equal(await focused(page), '资金第1行全年预算数');
  await page.getByLabel('资金第2行全年执行数', { exact: true }).focus();
  // The row's 删除 by keyboard, as the indicator table's row actions: Shift+F10, Esc back.
  await page.keyboard.press('Shift+F10');
  assert.equal(await focused(page), '删除资金第2行');
  await page.keyboard.press('Escape');
  assert.equal(await focused(page), '资金第2行名称');
  await page.keyboard.press('Shift+F10');
  await page.keyboard.press('Enter');
  assert.deepEqual(await names(), [before[0], ...before.slice(2)]);
  assert.match(await notice(), /已删除资金第2行“当年财政拨款”。可撤销（Ctrl\+Z 或“撤销”）。/);
  await page.keyboard.press('Control+z');
  assert.deepEqual(await names(), before);
  // The first row, by the mouse: said, and that the 预算执行率 is now scored from the row
  // moved up in its place.
  await page.getByRole('button', { name: '删除资金第1行' }).click();
  assert.deepEqual(await names(), before.slice(1));
  assert.match(await notice(), /已删除资金第1行“年度资金总额”；第1行现为“当年财政拨款”，预算执行率按该行计分。可撤销/);
  assert.deepEqual(page.errors, []);
});

test('Tab and Enter through the 汇总表 never delete a row; its 删除 by Shift+F10, a row deleted is said', async () => {
  const page = await env.page();
  await page.goto(env.url);
  await ready(page);
  const projects = [['甲', '1'], ['乙', '2'], ['丙', '3']]
    .map(([name, seq]) => ({ seq, unit: `${name}街道`, project: `${name}项目`, budget: '1.00', spent: '1.00', score: '80' }));
  await openFile(page, '汇总表.json', JSON.stringify({ format: 'jixiao-sheet', version: 2, kind: 'summary', projects }));
  const rows = () => page.locator('#app [aria-label="项目汇总表"] [data-row] [data-cell="project"]').evaluateAll((els) => els.map((e) => e.querySelector('textarea')?.value ?? e.textContent.trim()));
  await page.waitForFunction(() => document.querySelector('#app').shadowRoot.querySelectorAll('[aria-label="项目汇总表"] [data-row]').length === 3);
  const notice = () => page.locator('.jx-notice').innerText();
  // The tester's keys: the last row's last cell, Tab, Enter. Tab landed on the row's 删除, and
  // the Enter deleted 丙项目 unsaid.
  await (await projectInput(page, 3, '建议')).focus();
  await page.keyboard.press('Tab');
  assert.doesNotMatch(await focused(page), /^删除/, 'Tab passes the row’s 删除 by');
  await page.keyboard.press('Enter');
  assert.deepEqual(await rows(), ['甲项目', '乙项目', '丙项目'], 'no row deleted');
  // Shift+Tab from a row's first cell to the row above's last, never its 删除.
  await (await projectInput(page, 2, '序号')).focus();
  await page.keyboard.press('Shift+Tab');
  assert.equal(await focused(page), '项目第1行建议');
  // The indicator table's and 资金情况's moves: → at a cell's end to the one beside, Ctrl+End
  // down the column, ↑ up it.
  await page.keyboard.press('Control+Home');
  assert.equal(await focused(page), '项目第1行建议');
  await (await projectInput(page, 1, '序号')).focus();
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowRight');
  assert.equal(await focused(page), '项目第1行单位名称');
  await page.keyboard.press('Control+End');
  assert.equal(await focused(page), '项目第3行单位名称');
  await page.keyboard.press('ArrowUp');
  assert.equal(await focused(page), '项目第2行单位名称');
  // The row's 删除 by keyboard, as a row's actions elsewhere: Shift+F10, Esc back to its first cell.
  await page.keyboard.press('Shift+F10');
  assert.equal(await focused(page), '删除项目第2行');
  await page.keyboard.press('Escape');
  assert.equal(await focused(page), '项目第2行序号');
  await page.keyboard.press('Shift+F10');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('#app').shadowRoot.querySelectorAll('[aria-label="项目汇总表"] [data-row]').length === 2);
  assert.deepEqual(await rows(), ['甲项目', '丙项目']);
  assert.match(await notice(), /已删除项目第2行“乙项目”。可撤销（Ctrl\+Z 或“撤销”）。/);
  // As said: Ctrl+Z brings it back.
  await page.keyboard.press('Control+z');
  await page.waitForFunction(() => document.querySelector('#app').shadowRoot.querySelectorAll('[aria-label="项目汇总表"] [data-row]').length === 3);
  assert.deepEqual(await rows(), ['甲项目', '乙项目', '丙项目']);
  // By the mouse: said too.
  await page.getByRole('button', { name: '删除项目第1行' }).click();
  await page.waitForFunction(() => document.querySelector('#app').shadowRoot.querySelectorAll('[aria-label="项目汇总表"] [data-row]').length === 2);
  assert.match(await notice(), /已删除项目第1行“甲项目”。可撤销/);
  assert.deepEqual(page.errors, []);
});

test('a control drawn afresh keeps the focus: 资金’s 删除, 设置’s grade bands, the column-mapping step', async () => {
  const page = await env.page();
  await page.goto(env.url);
  await ready(page);
  // 资金: the 删除 pressed goes with its row; the focus to the 删除 of the row now in its place.
  await page.getByRole('button', { name: '删除资金第2行' }).focus();
  await page.keyboard.press('Enter');
  assert.equal(await focused(page), '删除资金第2行');
  // The last row's: to the control now where it was, not the page.
  await page.getByRole('button', { name: '删除资金第3行' }).focus();
  await page.keyboard.press('Enter');
  assert.notEqual(await focused(page), 'BODY');
  // 设置: a band added takes the keys at its 等级; one deleted leaves the focus in the dialog.
  await page.getByRole('button', { name: '设置', exact: true }).click();
  await page.getByRole('button', { name: '＋ 加一档' }).focus();
  await page.keyboard.press('Enter');
  assert.equal(await focused(page), '第5档等级');
  await page.getByRole('button', { name: '删除第2档' }).focus();
  await page.keyboard.press('Enter');
  assert.equal(await focused(page), '删除第2档');
  await page.keyboard.press('Escape');
  // The column-mapping step: 表头所在行 and 表格类型 changed from the keys keep the focus.
  await openFile(page, '汇总.csv', '说明：某县2024年项目汇总\n单位,项目,预算,支出,得分\n甲局,道路,100,95,88\n');
  const headerRow = page.getByRole('spinbutton', { name: '表头所在行' });
  await headerRow.waitFor();
  await headerRow.focus();
  const row = await headerRow.inputValue();
  await page.keyboard.press('ArrowUp');
  await page.waitForFunction((was) => document.querySelector('#app').shadowRoot.querySelector('input[aria-label="表头所在行"]')?.value !== was, row);
  assert.equal(await focused(page), '表头所在行');
  await page.keyboard.press('Tab');
  await page.keyboard.press('ArrowDown');
  assert.equal(await focused(page), '表格类型');
  await page.keyboard.press('Escape');
  // A table none of whose headers is understood is not said to be 已按表头自动识别.
  await openFile(page, '考核.csv', '序号,考核内容,满分,目标,实际,得分说明\n1,道路维修长度,20,100公里,95公里,\n');
  const hint = page.locator('.jx-mapping .jx-hint').first();
  await hint.waitFor();
  assert.match(await hint.innerText(), /没有一列的表头能自动识别：请在每一列上方选择它的含义/);
  assert.deepEqual(page.errors, []);
});

test('检查 goes to a 资金 finding’s cell; Enter in 工作簿… is 确定; a sheet opened from the 汇总表 has its tab focused', async () => {
  const page = await env.page();
  await page.goto(env.url);
  await ready(page);
  await page.getByLabel('资金第1行全年预算数').fill('100');
  await page.getByLabel('资金第2行全年预算数').fill('50');
  await page.getByLabel('资金第2行全年预算数').press('Tab');
  await page.getByRole('button', { name: /^检查/ }).click();
  // (Enter on it did nothing: only an indicator row's finding went anywhere.)
  await page.locator('.jx-problems button', { hasText: '资金第1行：其中各行全年预算数合计50.00' }).press('Enter');
  assert.equal(await focused(page), '资金第1行全年预算数');
  // A finding about the whole table has no place: text, not a button that does nothing.
  const about = await page.evaluate(() => [...document.querySelector('#app').shadowRoot.querySelectorAll('.jx-problems li')]
    .filter((li) => li.textContent.startsWith('全表')).map((li) => li.firstElementChild.tagName));
  assert.ok(about.every((tag) => tag === 'SPAN'), about.join());

  await page.getByLabel('项目名称').fill('道路');
  await page.getByLabel('项目名称').press('Tab');
  await openSummary(page);
  await page.locator('.jx-link', { hasText: '道路' }).press('Enter');
  await page.getByRole('tab', { name: '道路', selected: true }).waitFor();
  assert.equal(await focused(page), '道路');

  await page.getByRole('button', { name: '工作簿…' }).click();
  await page.getByRole('textbox', { name: '新工作簿名称' }).fill('二〇二五年');
  await page.keyboard.press('Enter');
  await page.locator('select[aria-label="当前工作簿"] option:checked', { hasText: '二〇二五年' }).waitFor({ state: 'attached' });
  assert.deepEqual(page.errors, []);
});

test('a 汇总表 row deleted while sorted leaves the focus on the 删除 of the row now shown in its place', async () => {
  const page = await env.page();
  await page.goto(env.url);
  await ready(page);
  await openFile(page, 'seed000.json', readFileSync(path.join(root, 'tests', 'fixtures', 'seed000_summary.sheet.json')));
  await page.getByRole('tab', { name: '汇总表', selected: true }).waitFor();
  await page.locator('#app [data-sort="score"]').click();
  // The rows with a 删除 as shown (their stored index, their project), and the row focused.
  const shown = () => page.evaluate(() => {
    const root = document.querySelector('#app').shadowRoot;
    const rows = [...root.querySelectorAll('[aria-label="项目汇总表"] [data-row]')].filter((r) => r.querySelector('button[aria-label^="删除项目"]'));
    const project = (r) => r?.querySelector('[data-cell="project"]')?.textContent.trim();
    return { rows: rows.map((r) => [Number(r.dataset.row), project(r)]), focused: project(root.activeElement?.closest('[data-row]')) ?? null };
  });
  const before = await shown();
  // A row whose next shown is not the next kept: its 删除's label, 删除项目第N行, then names
  // the next kept row, shown elsewhere (or off screen), which the next Enter would delete unseen.
  const j = before.rows.findIndex(([row], k) => before.rows[k + 1] && before.rows[k + 1][0] !== row + 1);
  assert.ok(j >= 0);
  await page.locator(`#app [aria-label="项目汇总表"] [data-row="${before.rows[j][0]}"] button[aria-label^="删除项目"]`).focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction((n) => document.querySelector('#app').shadowRoot.querySelectorAll('[aria-label="项目汇总表"] button[aria-label^="删除项目"]').length < n, before.rows.length);
  const after = await shown();
  assert.equal(after.focused, before.rows[j + 1][1]);
  assert.deepEqual(page.errors, []);
});
