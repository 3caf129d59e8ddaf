// The page, through its UI, in headless Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { start, ready, cell, shown, score, rowNamed, total, grade, screenshot, exportAs, openFile } from './harness.mjs';
import { root } from '../../scripts/setup.mjs';

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.close();
});

/** No request may leave the page's own origin (data: and blob: URLs are the page's own). */
function assertOwnOrigin(page, origin) {
  const foreign = page.requests.filter((u) => !(u.startsWith(origin) || u.startsWith('data:') || u.startsWith('blob:')));
  assert.deepEqual(foreign, [], 'requests beyond the page’s own files');
}

test('a blank table is a project’s or a department’s, as chosen', async () => {
  const page = await env.page();
  await page.goto(env.url);
  await ready(page);
  for (const [button, field] of [['空白项目支出表', 'project'], ['空白部门整体支出表', 'unit']]) {
    await page.getByRole('button', { name: '新建' }).click();
    await page.getByRole('button', { name: new RegExp(`^${button}`) }).click();
    await page.waitForFunction((f) => document.querySelector('#app').shadowRoot.querySelector(`[data-meta="${f}"]`), field);
  }
  // The project's blank asks for its 项目名称; the department's has none (tabs: 汇总表, the
  // starting sheet, the two blanks).
  await page.getByRole('tab').nth(2).click();
  await page.waitForFunction(() => document.querySelector('#app').shadowRoot.querySelector('[data-meta="project"]'));
  await page.getByRole('tab').nth(3).click();
  await page.waitForFunction(() => !document.querySelector('#app').shadowRoot.querySelector('[data-meta="project"]'));
  assert.deepEqual(page.errors, []);
});

test('a notice of one table goes with it, and never keeps the signature fields from a click', async () => {
  const page = await env.page();
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(env.url);
  await ready(page);
  await page.getByRole('button', { name: '新建' }).click();
  await page.getByRole('button', { name: /^项目支出绩效自评表/ }).click();
  await page.getByRole('tab').nth(2).waitFor();
  // A target typed with 内 sets the row's comparison, and the notice says so.
  await (await cell(page, 3, 'target')).fill('3天内');
  const notice = page.locator('.jx-notice', { hasText: '比较方式已按年度指标值改为“≤”' });
  await notice.waitFor();
  // The fields at the very bottom scroll clear of it and take a click (it intercepted it).
  const phone = page.locator('[data-meta="phone"]');
  await phone.scrollIntoViewIfNeeded();
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await phone.click({ timeout: 5000 });
  await page.keyboard.type('12345678');
  assert.equal(await phone.inputValue(), '12345678');
  // Another table: what it said of this one goes.
  await page.getByRole('tab').nth(1).click();
  await notice.waitFor({ state: 'hidden' });
  assert.deepEqual(page.errors, []);
});

test('a row’s ⋯ menu by keyboard: Shift+F10, the arrows, Enter and Esc', async () => {
  const page = await env.page();
  await page.goto(env.url);
  await ready(page);
  const focused = () => page.evaluate(() => {
    const el = document.querySelector('#app').shadowRoot.activeElement;
    return el?.dataset?.key ?? el?.textContent;
  });
  const target = await cell(page, 3, 'target');
  await target.click();
  await page.keyboard.press('Shift+F10');
  assert.equal(await focused(), '在下方插入同级指标（Ctrl+Enter）');
  await page.keyboard.press('ArrowUp');
  assert.equal(await focused(), '删除本行');
  await page.keyboard.press('Escape');
  assert.equal(await focused(), 'name', 'back to the row');
  // 标记为不适用, the key a mouse-less user had no way to.
  await page.keyboard.press('Shift+F10');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  assert.equal(await focused(), '标记为不适用');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('#app').shadowRoot.querySelector('[data-index="3"]')?.classList.contains('jx-row-na'));
  // The keys are back in the row, not on the page: the menu again, and 取消“不适用”.
  assert.equal(await focused(), 'name');
  await page.keyboard.press('Shift+F10');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  assert.equal(await focused(), '取消“不适用”');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => !document.querySelector('#app').shadowRoot.querySelector('[data-index="3"]')?.classList.contains('jx-row-na'));
  assert.equal(await focused(), 'name');
  // Undone: 不适用 again, the keys in the row's name (not its caret put where "false" ends),
  // and the menu offering the way back.
  await page.keyboard.press('Control+z');
  await page.waitForFunction(() => document.querySelector('#app').shadowRoot.querySelector('[data-index="3"]')?.classList.contains('jx-row-na'));
  assert.equal(await focused(), 'name');
  await page.keyboard.press('Shift+F10');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  assert.equal(await focused(), '取消“不适用”');
  assert.deepEqual(page.errors, []);
});

test('不适用 undone or redone from another row takes the focus to the row changed', async () => {
  const page = await env.page();
  await page.goto(env.url);
  await ready(page);
  await (await cell(page, 3, 'target')).fill('100');
  await (await cell(page, 3, 'actual')).fill('87');
  await (await cell(page, 3, 'actual')).press('Shift+F10');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  const na = (on) => page.waitForFunction((on) => document.querySelector('#app').shadowRoot.querySelector('[data-index="3"]')?.classList.contains('jx-row-na') === on, on);
  await na(true);
  const focused = () => page.evaluate(() => {
    const el = document.querySelector('#app').shadowRoot.activeElement;
    return [el?.closest('[data-index]')?.dataset.index, el?.dataset?.key];
  });
  // As a typed cell's undo does, so that a change off screen is seen; 不适用 has no cell of its
  // own: the row's name.
  for (const key of ['Control+z', 'Control+y']) {
    await (await cell(page, 0, 'name')).click();
    await page.keyboard.press(key);
    await na(key === 'Control+y');
    assert.deepEqual(await focused(), ['3', 'name'], key);
  }
  assert.deepEqual(page.errors, []);
});

test('fill seed 003’s 管理效能 table through the UI and see 42.25', async () => {
  const page = await env.page();
  await page.goto(env.url);
  await ready(page);
  await screenshot(page, '01-new-project-sheet');
  await page.getByRole('button', { name: '新建' }).click();
  await page.getByRole('button', { name: /管理效能＋履职效能/ }).click();
  await page.waitForSelector('[data-index] [data-cell="name"]');
  const fill = async (name, key, value) => (await cell(page, await rowNamed(page, name), key)).fill(value);
  await fill('预算完成率', 'target', '16,061.02');
  // Typed key by key, as a user would: the score follows every keystroke.
  await (await cell(page, await rowNamed(page, '预算完成率'), 'actual')).pressSequentially('15,042.65');
  for (const name of ['部门预算编制情况', '专项资金管理情况', '部门预算及财务管理制度健全性', '政府采购执行率', '预决算信息公开合规性',
    '绩效信息公开情况', '资产管理制度健全性', '资产账务核对情况', '绩效目标合理性', '绩效指标明确性']) {
    await fill(name, 'actual', '是');
  }
  await fill('财政拨款收入预决算差异率', 'actual', '9.0%');
  await fill('一般公共预算支出年度平均执行率', 'actual', '97.95%');
  await fill('结转结余率', 'actual', '0%');
  await fill('固定资产利用率', 'actual', '99.93%');
  await fill('公用经费控制率', 'actual', '98.22%');
  await fill('“三公经费”控制率', 'actual', '64.59%');
  await fill('绩效管理制度建设', 'score', '2.5');
  await fill('绩效目标完成率', 'target', '25');
  await fill('绩效目标完成率', 'actual', '24');
  await fill('绩效监控和绩效评价开展情况', 'actual', '1');
  await fill('绩效结果应用', 'actual', '1');
  assert.equal(await score(page, await rowNamed(page, '预算完成率')), '1.87');
  assert.equal(await score(page, await rowNamed(page, '资金管理')), '15.33');
  assert.equal(await score(page, await rowNamed(page, '绩效管理')), '12.92');
  assert.equal(await score(page, await rowNamed(page, '管理效能')), '42.25');
  // The focused row explains its score.
  await (await cell(page, await rowNamed(page, '预算完成率'), 'actual')).focus();
  assert.match(await page.locator('.jx-detail').innerText(), /预算完成率为93\.66%，未达100%，计算得1\.87分/);
  await screenshot(page, '02-seed003-management-filled');
  assert.deepEqual(page.errors, []);
  assertOwnOrigin(page, env.origin);
});

/** Fills the project template so that it totals 89.00 (良). */
/** The 资金情况 table: a cell's value by row and column, and a block pasted at a cell named by
 * its label as Excel's copy pastes it (its text only). */
function fundsTable(page) {
  const value = (row, label) => page.getByLabel(`资金第${row}行${label}`, { exact: true }).inputValue();
  const paste = (label, text) => page.getByLabel(label, { exact: true }).evaluate((input, t) => {
    input.focus();
    const data = new DataTransfer();
    data.setData('text/plain', t);
    input.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
  return { value, paste };
}

async function fillProject(page) {
  // 预算执行率 10, scored from the 项目资金 block's 年度资金总额 (the 10号 form).
  await page.getByLabel('资金第1行全年预算数').fill('100');
  await page.getByLabel('资金第1行全年执行数').fill('100');
  const rows = {
    3: { name: '完成培训人次', target: '100', actual: '100' }, // 数量 20
    5: { name: '培训合格率', target: '100%', actual: '100%' }, // 质量 10
    7: { name: '按期完成率', target: '100%', actual: '100%' }, // 时效 10
    9: { name: '人均成本', target: '100', actual: '90' }, // 成本 10 (≤)
    12: { name: '覆盖社区数', target: '100', actual: '50', reason: '部分社区延期' }, // 社会效益 20 → 10
  };
  for (const [index, values] of Object.entries(rows)) {
    for (const [key, value] of Object.entries(values)) await (await cell(page, Number(index), key)).fill(value);
  }
  await (await cell(page, 14, 'name')).fill('长效机制建立');
  await (await cell(page, 14, 'actual')).selectOption('达成');
  await (await cell(page, 14, 'score')).fill('9');
  await (await cell(page, 14, 'reason')).fill('制度待完善');
  await (await cell(page, 17, 'actual')).fill('95%');
}

test('type into a 项目支出 sheet and see the grade change; reload and find the data', async () => {
  const page = await env.page();
  await page.goto(env.url);
  await ready(page);
  assert.equal(await total(page), '—', 'nothing is scored yet');
  await fillProject(page);
  assert.equal(await total(page), '89.00');
  assert.equal(await grade(page), '良');
  await screenshot(page, '03-project-good');
  // One more keystroke crosses into 优: 社会效益 20 × 60 ÷ 100 = 12.
  const actual = await cell(page, 12, 'actual');
  await actual.click();
  await actual.press('End');
  await actual.press('Backspace');
  await actual.press('Backspace');
  await actual.pressSequentially('60');
  assert.equal(await total(page), '91.00');
  assert.equal(await grade(page), '优');
  await screenshot(page, '04-project-excellent');

  await page.reload();
  await ready(page);
  assert.equal(await shown(page, 12, 'actual'), '60');
  assert.equal(await shown(page, 3, 'name'), '完成培训人次');
  assert.equal(await total(page), '91.00');
  assert.equal(await grade(page), '优');
  assert.deepEqual(page.errors, []);
  assertOwnOrigin(page, env.origin);
});

test('a name cleared with its figures left is asked for at its cell, and the ask goes as one is typed', async () => {
  const page = await env.page();
  await page.goto(env.url);
  await ready(page);
  await openFile(page, 'filled_project.json', readFileSync(path.join(root, 'tests', 'fixtures', 'filled_project.json'), 'utf8'));
  const row = await rowNamed(page, '完成改造面积');
  const checks = page.locator('.jx-checks');
  const warnings = async () => Number((await checks.textContent()).match(/(\d+) 处注意/)?.[1] ?? 0);
  const before = await warnings();
  await cell(page, row, 'name');
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Delete');
  const td = page.locator(`[data-index="${row}"] [data-cell="name"]`);
  await page.waitForFunction((i) => document.querySelector('#app').shadowRoot
    .querySelector(`[data-index="${i}"] [data-cell="name"]`).dataset.severity === 'warning', row);
  assert.match(await td.getAttribute('title'), /^请填写指标名称/);
  assert.equal(await warnings(), before + 1, 'counted as a thing to look at, not a cell to fill');
  assert.equal(await total(page), '94.51', 'the row still scores');
  // The first key of a name takes it away.
  await page.keyboard.type('完');
  await page.waitForFunction((i) => !document.querySelector('#app').shadowRoot
    .querySelector(`[data-index="${i}"] [data-cell="name"]`).hasAttribute('data-severity'), row);
  assert.equal(await td.getAttribute('title'), null);
  assert.equal(await warnings(), before);
  assert.deepEqual(page.errors, []);
});

test('a 得分 typed by hand that cannot be read shows as typed, as a 完成值 does', async () => {
  const page = await env.page();
  await page.goto(env.url);
  await ready(page);
  const row = (await rowNamed(page, '数量指标')) + 1;
  await (await cell(page, row, 'rule')).selectOption('manual');
  await (await cell(page, row, 'score')).fill('满分');
  await (await cell(page, row, 'actual')).fill('约100');
  const says = (key) => page.locator(`[data-index="${row}"] [data-cell="${key}"]`).getAttribute('title');
  assert.match(await says('score'), /得分无法识别：没有找到数字/);
  // Another row edited: this one is text, what was typed in both cells, not a bare —.
  await (await cell(page, row - 1, 'name')).click();
  assert.equal(await page.locator(`[data-index="${row}"] [data-key]`).count(), 0, 'the row is drawn as text');
  assert.equal(await shown(page, row, 'actual'), '约100');
  assert.equal(await shown(page, row, 'score'), '满分');
  assert.match(await says('score'), /得分无法识别：没有找到数字/);
  // One that reads is the score; none typed is still —.
  await (await cell(page, row, 'score')).fill('8');
  await (await cell(page, row - 1, 'name')).click();
  assert.equal(await shown(page, row, 'score'), '8.00');
  await (await cell(page, row, 'score')).fill('');
  await (await cell(page, row - 1, 'name')).click();
  assert.equal(await shown(page, row, 'score'), '—');
  assert.deepEqual(page.errors, []);
});

test('keyboard moves like a spreadsheet, a block pastes from Excel, undo and redo', async () => {
  const page = await env.page();
  await page.goto(env.url);
  await ready(page);
  await (await cell(page, 3, 'target')).click();
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.querySelector('#app').shadowRoot.activeElement?.closest("[data-index]")?.dataset.index), '5', 'Enter moves down to the next row with that column');
  await page.keyboard.press('ArrowUp');
  assert.equal(await page.evaluate(() => document.querySelector('#app').shadowRoot.activeElement?.closest("[data-index]")?.dataset.index), '3');

  // Paste a 2 × 2 block (年度指标值, 实际完成值) copied from Excel at row 3: its lines go to the
  // indicators, rows 3 and 5; the 二级 group at 4 between them (Excel's form has none) is
  // passed over, not handed a value it would drop.
  await (await cell(page, 3, 'target')).focus();
  await page.evaluate(() => {
    const target = document.querySelector('#app').shadowRoot.activeElement;
    const data = new DataTransfer();
    data.setData('text/plain', '100\t80\n200\t200\n');
    target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  });
  // Values without a header are written cell by cell, once the core has looked for a header.
  await page.waitForFunction(() => document.querySelector('#app').shadowRoot.querySelector('[data-index="3"] [data-key="actual"]')?.value === '80');
  assert.equal(await shown(page, 3, 'actual'), '80');
  assert.equal(await score(page, 3), '16.00');
  assert.equal(await shown(page, 5, 'target'), '200', 'the second line went to the next indicator');
  assert.equal(await score(page, 5), '10.00');

  // Ctrl+Z undoes the whole paste; Ctrl+Y brings it back.
  await page.keyboard.press('Control+z');
  assert.equal(await shown(page, 3, 'actual'), '');
  await page.keyboard.press('Control+y');
  assert.equal(await shown(page, 3, 'actual'), '80');

  // One empty cell copied from Excel (a line break alone) empties the cell, as in Excel.
  await (await cell(page, 3, 'actual')).focus();
  await page.evaluate(() => {
    const target = document.querySelector('#app').shadowRoot.activeElement;
    const data = new DataTransfer();
    data.setData('text/plain', '\r\n');
    target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  });
  await page.waitForFunction(() => document.querySelector('#app').shadowRoot.querySelector('[data-index="3"] [data-key="actual"]')?.value === '');
  await page.keyboard.press('Control+z');
  assert.equal(await shown(page, 3, 'actual'), '80');

  // Typing is undone word by word, not key by key.
  const reason = await cell(page, 3, 'reason');
  await reason.click();
  await reason.pressSequentially('进度滞后');
  await page.keyboard.press('Control+z');
  assert.equal(await shown(page, 3, 'reason'), '');
  await page.keyboard.press('Control+y');
  assert.equal(await shown(page, 3, 'reason'), '进度滞后');

  // A click on a row far down the page edits that row, where it is.
  const last = await page.locator('[data-index]').count() - 1;
  const far = page.locator(`[data-index="${last}"] [data-cell="actual"]`);
  await far.scrollIntoViewIfNeeded();
  await far.click();
  assert.equal(await page.evaluate(() => document.querySelector('#app').shadowRoot.activeElement?.closest('[data-index]')?.dataset.index), String(last));
  assert.equal(await page.evaluate(() => document.querySelector('#app').shadowRoot.activeElement?.dataset.key), 'actual');

  // Indent and outdent reshape the tree.
  await (await cell(page, 5, 'name')).focus();
  await page.keyboard.press('Alt+Shift+ArrowLeft');
  await page.waitForTimeout(50);
  const depth = await page.locator('[data-index] .jx-level').evaluateAll((tags) => tags.map((t) => t.textContent));
  assert.ok(depth.includes('三级'));
  assert.deepEqual(page.errors, []);
});

test('a block copied from Excel into 资金情况 fills its cells and rows, one undo step', async () => {
  const page = await env.page();
  await page.goto(env.url);
  await ready(page);
  const { value, paste } = fundsTable(page);
  const rows = await page.locator('table[aria-label="资金情况"] tbody tr').count();
  // Two lines of 全年预算数 and 全年执行数, from the template's last row on: a row is added.
  await paste(`资金第${rows}行全年预算数`, '1,000.00\t950.50\r\n300\t280\r\n');
  await page.waitForFunction((n) => document.querySelector('#app').shadowRoot.querySelectorAll('table[aria-label="资金情况"] tbody tr').length === n, rows + 1);
  assert.equal(await value(rows, '全年预算数'), '1,000.00');
  assert.equal(await value(rows, '全年执行数'), '950.50');
  assert.equal(await value(rows + 1, '全年预算数'), '300');
  assert.equal(await value(rows + 1, '全年执行数'), '280');
  // One step back undoes the whole block.
  await page.keyboard.press('Control+z');
  await page.waitForFunction((n) => document.querySelector('#app').shadowRoot.querySelectorAll('table[aria-label="资金情况"] tbody tr').length === n, rows);
  assert.equal(await value(rows, '全年预算数'), '');
  // Rows as the form prints them: a 其中 row is marked so, not named so.
  await paste(`资金第${rows}行名称`, '本级资金\t\t50\t40\r\n其中：专项资金\t\t50\t40\r\n');
  await page.waitForFunction((n) => document.querySelector('#app').shadowRoot.querySelectorAll('table[aria-label="资金情况"] tbody tr').length === n, rows + 1);
  assert.equal(await value(rows + 1, '名称'), '专项资金');
  assert.equal(await page.getByLabel(`资金第${rows + 1}行是其中行`).isChecked(), true);
  await page.keyboard.press('Control+z');
  // Cells to the right of the typed columns are said, not dropped unseen.
  await paste('资金第1行全年预算数', '200\t187.30\t93.65%');
  await page.locator('.jx-notice', { hasText: '1 个单元格在“全年执行数”右侧' }).waitFor();
  assert.equal(await value(1, '全年执行数'), '187.30');
  // The 10号 form's block copied whole, its 项目资金（万元） label down the left: each figure in
  // its column (it shifted by one: 执行率 100.00% where the figures give 96.25%).
  await paste('资金第1行名称', '项目资金（万元）\t年度资金总额\t420.00\t420.00\t404.25\t10\t96.25%\t9.63\r\n\t其中：当年财政拨款\t400.00\t400.00\t390.00\t\t\t\r\n');
  await page.locator('.jx-notice', { hasText: '已按表单的“项目资金”栏读入各列' }).waitFor();
  assert.deepEqual([await value(1, '名称'), await value(1, '年初预算数'), await value(1, '全年预算数'), await value(1, '全年执行数')],
    ['年度资金总额', '420.00', '420.00', '404.25']);
  assert.equal(await value(2, '名称'), '当年财政拨款');
  assert.equal(await page.getByLabel('资金第2行是其中行').isChecked(), true);
  // With its header row, as jixiao's own Excel lays it out (merged cells copied blank).
  await page.keyboard.press('Control+z');
  await paste('资金第1行名称', '项目资金（万元）\t\t\t年初预算数\t\t全年预算数\t全年执行数\t分值\r\n年度资金总额\t\t\t300.00\t\t320.00\t299.70\t10\r\n');
  await page.waitForFunction(() => document.querySelector('#app').shadowRoot.querySelector('[aria-label="资金第1行全年执行数"]')?.value === '299.70');
  assert.deepEqual([await value(1, '名称'), await value(1, '年初预算数'), await value(1, '全年预算数')], ['年度资金总额', '300.00', '320.00']);
  // The header over the figures alone, pasted at a name: the figures go in, the name stays.
  await paste('资金第1行名称', '年初预算数\t全年预算数\t全年执行数\r\n100\t96\t90\r\n');
  await page.waitForFunction(() => document.querySelector('#app').shadowRoot.querySelector('[aria-label="资金第1行全年执行数"]')?.value === '90');
  assert.deepEqual([await value(1, '名称'), await value(1, '年初预算数')], ['年度资金总额', '100']);
  // A block in 元, as its label says: each bare figure is written in 元, so the core reads it
  // in 万元 (4,200,000元 = 420 万元), never as 4,200,000 万元.
  await paste('资金第1行名称', '项目资金（元）\t年度资金总额\t4,200,000\t4,200,000\t4,042,500\r\n');
  await page.waitForFunction(() => document.querySelector('#app').shadowRoot.querySelector('[aria-label="资金第1行全年执行数"]')?.value.startsWith('4,042,500'));
  assert.deepEqual([await value(1, '全年预算数'), await value(1, '全年执行数')], ['4,200,000元', '4,042,500元']);
  const json = JSON.parse(readFileSync((await exportAs(page, /当前表格 → JSON/)).file, 'utf8'));
  assert.deepEqual([json.funds[0].budget, json.funds[0].spent], ['4,200,000元', '4,042,500元']);
  // 4,042,500 ÷ 4,200,000 = 96.25%: 预算执行率 9.63 of 10, the 汇总表's amounts 420.00 / 404.25.
  assert.equal(await score(page, 0), '9.63');
});

test('a 资金 header pasted is read by the columns it names, a column it has not left as it is; one not known is refused', async () => {
  const page = await env.page();
  await page.goto(env.url);
  await ready(page);
  const { value, paste } = fundsTable(page);
  const figures = async () => [await value(1, '名称'), await value(1, '年初预算数'), await value(1, '全年预算数'), await value(1, '全年执行数')];
  await page.getByLabel('资金第1行全年执行数', { exact: true }).fill('80');
  // A header without 全年执行数: read by the columns it names (not as the form's line, a fund
  // named 年初预算数), the 全年执行数 typed before kept.
  await paste('资金第1行名称', '项目资金（万元）\t年初预算数\t全年预算数\r\n年度资金总额\t100\t96\r\n');
  await page.waitForFunction(() => document.querySelector('#app').shadowRoot.querySelector('[aria-label="资金第1行全年预算数"]')?.value === '96');
  assert.deepEqual(await figures(), ['年度资金总额', '100', '96', '80']);
  // Headings the table does not know: nothing written, the notice says what to do.
  const rows = await page.locator('table[aria-label="资金情况"] tbody tr').count();
  await paste('资金第1行名称', '项目资金（万元）\t本年预算\t本年支出\r\n年度资金总额\t200\t190\r\n');
  await page.locator('.jx-notice', { hasText: '表头中的“本年预算”“本年支出”未能识别，也未写明预算数列' }).waitFor();
  assert.deepEqual(await figures(), ['年度资金总额', '100', '96', '80']);
  assert.equal(await page.locator('table[aria-label="资金情况"] tbody tr').count(), rows);
  // The figures alone under 全年预算数 | 全年执行数, a title copied above them: 年初预算数 kept,
  // the title said as not written.
  await paste('资金第1行名称', '社区卫生服务项目支出绩效自评表\r\n全年预算数\t全年执行数\r\n300\t280\r\n');
  await page.locator('.jx-notice', { hasText: '其上 1 行不是资金行（如标题、项目名称），未写入' }).waitFor();
  assert.deepEqual(await figures(), ['年度资金总额', '100', '300', '280']);
  assert.deepEqual(page.errors, []);
});

test('a 资金 header copied without its label, over the form’s 资金 names, is read by its headings, never written over the table', async () => {
  const page = await env.page();
  await page.goto(env.url);
  await ready(page);
  const { value, paste } = fundsTable(page);
  const figures = async (r) => [await value(r, '名称'), await value(r, '年初预算数'), await value(r, '全年预算数'), await value(r, '全年执行数')];
  await page.getByLabel('资金第1行全年预算数', { exact: true }).fill('96');
  await page.getByLabel('资金第1行全年执行数', { exact: true }).fill('80');
  const rows = await page.locator('table[aria-label="资金情况"] tbody tr').count();
  const before = [await figures(1), await figures(2)];
  // Headings the table does not know: refused, the table as it was, the notice says what to do.
  await paste('资金第1行名称', '资金来源\t年初预算\t全年预算\t实际支付\r\n年度资金总额\t200\t200\t190\r\n其中：财政拨款\t200\t200\t190\r\n');
  await page.locator('.jx-notice', { hasText: '表头中的“年初预算”“全年预算”“实际支付”未能识别' }).waitFor();
  assert.deepEqual([await figures(1), await figures(2)], before);
  assert.equal(await page.locator('table[aria-label="资金情况"] tbody tr').count(), rows);
  // Headings it knows beside one it does not: read by them, the other said, its cells not written.
  await paste('资金第1行名称', '资金来源\t年初预算数\t全年预算数\t实际支付\r\n年度资金总额\t200\t210\t190\r\n');
  await page.locator('.jx-notice', { hasText: '表头中的“实际支付”列未能识别，未写入' }).waitFor();
  assert.deepEqual(await figures(1), ['年度资金总额', '200', '210', '80']);
  assert.deepEqual(page.errors, []);
});

test('a block pasted at a 资金 name waits for the spreadsheet module; one that does not load is said, the block written cell by cell', async () => {
  const page = await env.page();
  const missing = (r) => r.fulfill({ status: 404, contentType: 'text/plain', body: 'Not Found' });
  await page.route('**/jixiao_xlsx_bg.wasm', missing);
  await page.goto(env.url);
  await ready(page);
  const { value, paste } = fundsTable(page);
  await paste('资金第1行名称', '本级资金\t\t50\t40\r\n');
  await page.locator('.jx-notice', { hasText: '未能按表单的“项目资金”栏识别（Excel 组件未能加载' }).waitFor();
  assert.deepEqual([await value(1, '名称'), await value(1, '全年预算数'), await value(1, '全年执行数')], ['本级资金', '50', '40']);
  // Loaded at the next paste, the form's block is read by its columns, and its next part,
  // copied with it, is said as not written.
  await page.unroute('**/jixiao_xlsx_bg.wasm', missing);
  await paste('资金第1行名称', '项目资金（万元）\t年度资金总额\t420.00\t420.00\t404.25\r\n年度总体目标\t完成改造\t\t\t\r\n');
  await page.locator('.jx-notice', { hasText: '其后 1 行不是资金行' }).waitFor();
  assert.deepEqual([await value(1, '名称'), await value(1, '年初预算数'), await value(1, '全年预算数'), await value(1, '全年执行数')],
    ['年度资金总额', '420.00', '420.00', '404.25']);
});

test('import, export JSON and CSV, print layout', async () => {
  const page = await env.page();
  await page.goto(env.url);
  await ready(page);
  const seed001 = readFileSync(path.join(root, 'tests/fixtures/seed001_department.sheet.json'), 'utf8');
  await openFile(page, 'seed001.json', seed001);
  await page.waitForFunction(() => document.querySelector('#app').shadowRoot.querySelector('.jx-total strong').textContent === '94.90');
  assert.equal(await grade(page), '优');
  const json = await exportAs(page, /当前表格 → JSON/);
  assert.equal(readFileSync(json.file, 'utf8'), seed001, 'exporting gives back the file as loaded');
  const csv = await exportAs(page, /当前表格 → CSV/);
  assert.match(csv.name, /\.csv$/);
  const text = readFileSync(csv.file, 'utf8');
  assert.ok(text.startsWith('\ufeff'), 'UTF-8 BOM for Excel');
  assert.match(text, /"总分","94\.90","等级","优"/);
  assert.match(text, /"全年预算（收支合计）","","32,341\.81","31,435\.28","97\.20%"/);
  // The unit's declared figures here (总分 94.9, 等级 优, the 资金 rates) are the calculator's,
  // which the CSV prints: nothing is left behind, nothing said.
  assert.doesNotMatch(await page.locator('.jx-notice').innerText(), /已导出 CSV/);
  // The 自评报告, written from the table.
  const report = await exportAs(page, /当前表格 → 自评报告（Word）/);
  assert.match(report.name, /自评报告\.docx$/);
  assert.equal(readFileSync(report.file).subarray(0, 2).toString(), 'PK', 'a .docx (zip) file');
  // A declared 总分 that differs (95.4) is not in a CSV, which prints the calculator's 94.90:
  // said, not lost unseen.
  const declared = JSON.parse(seed001);
  declared.declared.total = '95.4';
  declared.meta.project = '申报不同的表';
  await openFile(page, 'declared.json', JSON.stringify(declared));
  await page.waitForFunction(() => document.querySelector('#app').shadowRoot.querySelector('.jx-total strong').textContent === '94.90');
  await exportAs(page, /当前表格 → CSV/);
  await page.locator('.jx-notice', { hasText: '已导出 CSV。' }).waitFor();
  assert.match(await page.locator('.jx-notice').innerText(), /表中的与计算结果不同的单位自评数 1 项不在其中，打开 CSV 时不会带回：要完整保存，请导出 Excel（\.xlsx）或 JSON/);
  // A file that is not a sheet is refused with a message; the current sheet stays.
  await openFile(page, 'bad.json', '{"hello": 1}');
  await page.waitForSelector('.jx-notice[data-kind="error"]');
  assert.match(await page.locator('.jx-notice').innerText(), /无法打开“bad\.json”：这不是 jixiao 评分表文件/);
  assert.equal(await total(page), '94.90');
  await screenshot(page, '05-seed001-imported', { fullPage: true });
  // What Ctrl+P / window.print() do: the beforeprint event, then the print media.
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  await page.emulateMedia({ media: 'print' });
  await screenshot(page, '06-print-layout', { fullPage: true });
  assert.equal(await page.locator('.jx-tools').first().isVisible(), false, 'no buttons on paper');
  // The indicator table prints as a real table (its header row repeats on each page), every
  // row as text.
  const reason = page.locator('.jx-paper td').filter({ hasText: '部分部门未在规定时间内进行采购意向公示' });
  assert.ok(await reason.first().isVisible(), 'long text prints in full');
  assert.equal(await page.locator('.jx-paper tbody tr:not(.jx-paper-total, .jx-paper-findings, .jx-paper-signature)').count(), Number(await page.locator('.jx-grid').getAttribute('aria-rowcount')) - 1);
  assert.equal(await page.locator('.jx-paper :is(input, textarea)').count(), 0, 'every row prints as text');
  assert.equal(await page.locator('.jx-grid').isVisible(), false, 'the grid gives way to it');
  assert.match(await page.locator('.jx-paper-total').innerText(), /总分\s+94\.90\s+自评等级：优/);
  assert.ok(await page.locator('table[aria-label="资金情况"] .jx-print').first().isVisible(), 'the 资金 table prints its values');
  await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  await page.emulateMedia({ media: 'screen' });
  assert.equal(await page.locator('.jx-print').count(), 0);
  assert.equal(await page.locator('.jx-paper').count(), 0);
  assertOwnOrigin(page, env.origin);
});

test('a narrow laptop screen keeps the table in its own scroll area', async () => {
  const page = await env.page({ width: 1024, height: 700 });
  await page.goto(env.url);
  await ready(page);
  const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, view: window.innerWidth }));
  assert.ok(widths.page <= widths.view, `the page itself does not scroll sideways (${widths.page} > ${widths.view})`);
  await screenshot(page, '07-narrow-1024');
});

test('a name of thousands of characters scrolls in the explanation, which never covers the row typed in', async () => {
  const page = await env.page({ width: 1280, height: 720 });
  await page.goto(env.url);
  await ready(page);
  const name = await cell(page, 2, 'name');
  await name.fill('很长的指标名称'.repeat(700));
  await page.waitForFunction(() => document.querySelector('#app').shadowRoot.querySelector('.jx-detail-title')?.textContent.length > 4000);
  const box = await page.locator('.jx-detail').boundingBox();
  assert.ok(box.height <= 720 * 0.3 + 1, `the explanation is ${box.height} px tall`);
  await name.scrollIntoViewIfNeeded();
  const covered = await name.evaluate((input) => {
    const r = input.getBoundingClientRect();
    return input.getRootNode().elementFromPoint(r.left + 10, r.top + r.height / 2) !== input;
  });
  assert.equal(covered, false, 'the field typed in is not under the explanation');
  assert.deepEqual(page.errors, []);
});

test('a phone’s width and a side panel: nothing wider than the host, the table scrolls in its box', async () => {
  for (const file of ['', 'embed-example.html']) {
    const page = await env.page({ width: 375, height: 800 });
    await page.goto(env.url + file);
    await page.locator('.jx-total').first().waitFor();
    const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, view: window.innerWidth }));
    assert.ok(widths.page <= widths.view, `${file || 'index.html'} scrolls sideways at 375 px (${widths.page} > ${widths.view})`);
    // The indicator table scrolls inside its own box.
    const box = await page.locator('.jx-grid').first().evaluate((grid) => ({ grid: grid.scrollWidth, box: grid.parentElement.clientWidth, overflow: getComputedStyle(grid.parentElement).overflowX }));
    assert.ok(box.grid > box.box && box.overflow === 'auto', JSON.stringify(box));
    if (!file) {
      await screenshot(page, '08-phone-375');
      // The settings dialog fits too: its 保存 can be reached.
      await page.getByRole('button', { name: '设置' }).click();
      const save = await page.getByRole('dialog', { name: '设置' }).getByRole('button', { name: '保存' }).boundingBox();
      assert.ok(save.x + save.width <= 375, JSON.stringify(save));
    }
  }
  // A side panel on a wide screen: narrow by the calculator's own width, or by `compact`.
  const page = await env.page({ width: 1400, height: 900 });
  await page.addInitScript(() => {
    window.errorsSeen = [];
    window.addEventListener('error', (e) => window.errorsSeen.push(e.message));
  });
  await page.goto(env.url + 'embed-example.html');
  const element = page.locator('#calculator');
  await element.locator('.jx-total').waitFor();
  const columns = () => element.locator('.jx-meta').first().evaluate((m) => getComputedStyle(m).gridTemplateColumns.split(' ').length);
  assert.ok(await columns() > 1);
  await element.evaluate((el) => el.setAttribute('compact', ''));
  await page.waitForFunction(() => getComputedStyle(document.querySelector('#calculator').shadowRoot.querySelector('.jx-meta')).gridTemplateColumns.split(' ').length === 1);
  await element.evaluate((el) => el.removeAttribute('compact'));
  await page.waitForFunction(() => getComputedStyle(document.querySelector('#calculator').shadowRoot.querySelector('.jx-meta')).gridTemplateColumns.split(' ').length > 1);
  await element.evaluate((el) => { el.style.display = 'block'; el.style.width = '340px'; });
  await page.waitForFunction(() => document.querySelector('#calculator').shadowRoot.querySelector('.jx').hasAttribute('data-narrow'));
  assert.equal(await columns(), 1);
  assert.deepEqual(page.errors, []);
  // Not even the browser's "ResizeObserver loop" report, which error trackers pick up.
  assert.deepEqual(await page.evaluate(() => window.errorsSeen), []);
});

test('设置 fits a 360 × 640 phone: nothing sideways, its fields scroll between the title and the buttons', async () => {
  const page = await env.page({ width: 360, height: 640 });
  await page.goto(env.url);
  await ready(page);
  await page.getByRole('button', { name: '设置' }).click();
  const dialog = page.getByRole('dialog', { name: '设置' });
  await dialog.waitFor();
  const measure = () => dialog.evaluate((d) => {
    const box = d.getBoundingClientRect();
    // What scrolls: the part between the title and the buttons (the dialog itself before).
    const body = d.querySelector('.jx-dialog-body') ?? d;
    // Every field, label and button within the dialog's width (the body clips, so compare
    // with the dialog itself).
    const wider = [...d.querySelectorAll('*')].map((el) => [el, el.getBoundingClientRect()])
      .filter(([, r]) => r.width && (r.left < box.left - 0.5 || r.right > box.right + 0.5))
      .map(([el, r]) => `${el.tagName.toLowerCase()} ${el.textContent.slice(0, 12)} ${Math.round(r.left)}–${Math.round(r.right)}`);
    const save = [...d.querySelectorAll('footer button')].find((b) => b.textContent === '保存').getBoundingClientRect();
    return {
      box: box.toJSON(), wider, save: save.toJSON(),
      sideways: { dialog: d.scrollWidth - d.clientWidth, body: body.scrollWidth - body.clientWidth },
      scrolls: body.scrollHeight > body.clientHeight && getComputedStyle(body).overflowY === 'auto',
      page: document.documentElement.scrollWidth,
    };
  });
  const opened = await measure();
  await screenshot(page, '10-settings-360');
  assert.ok(opened.box.left >= 0 && opened.box.right <= 360 && opened.box.top >= 0 && opened.box.bottom <= 640, JSON.stringify(opened.box));
  assert.deepEqual(opened.wider, [], 'nothing wider than the dialog');
  assert.deepEqual(opened.sideways, { dialog: 0, body: 0 }, 'no sideways scrolling');
  assert.ok(opened.scrolls, 'the fields scroll inside the dialog');
  assert.ok(opened.save.bottom <= opened.box.bottom && opened.save.right <= opened.box.right, `保存 in view: ${JSON.stringify(opened.save)}`);
  assert.ok(opened.page <= 360, `the page is not widened: ${opened.page}`);
  // Scrolled to its last field, which can be used, and 保存 still in view.
  const last = dialog.getByRole('checkbox').last();
  await last.scrollIntoViewIfNeeded();
  await last.click();
  const scrolled = await measure();
  await screenshot(page, '10-settings-360-end');
  assert.deepEqual(scrolled.wider, []);
  assert.deepEqual(scrolled.save, opened.save, '保存 stays where it was');
  await dialog.getByRole('button', { name: '取消' }).click();
  assert.deepEqual(page.errors, []);
});

test('the single offline file computes when opened from file://', async () => {
  const page = await env.page();
  const file = pathToFileURL(path.join(root, 'dist', 'jixiao-offline.html')).href;
  await page.goto(file);
  await ready(page);
  // 预算执行率 is scored from the 项目资金 block, as on the 10号 form.
  await page.getByLabel('资金第1行全年预算数').fill('420.00');
  await page.getByLabel('资金第1行全年执行数').pressSequentially('404.25');
  assert.equal(await score(page, 0), '9.63');
  await screenshot(page, '08-offline-file');
  // Excel works offline too: the spreadsheet module is inside the file.
  const xlsx = await exportAs(page, /当前表格 → Excel/);
  assert.equal(readFileSync(xlsx.file).subarray(0, 2).toString(), 'PK', 'an .xlsx (zip) file');
  const foreign = page.requests.filter((u) => !(u.startsWith('file:') || u.startsWith('data:') || u.startsWith('blob:')));
  assert.deepEqual(foreign, [], 'the offline file requests nothing');
  assert.deepEqual(page.errors, []);
});

test('the embed example: the element isolates its styles and reports every change', async () => {
  const page = await env.page();
  await page.goto(`${env.url}embed-example.html`);
  await page.waitForSelector('body[data-ready="true"]');
  await page.locator('jixiao-calculator').evaluate((el) => el.ready);
  const element = page.locator('jixiao-calculator');
  const index = await rowNamed(element, '预算完成率');
  const input = await cell(element, index, 'target');
  await input.fill('16,061.02');
  await (await cell(element, index, 'actual')).fill('15,042.65');
  await page.waitForFunction(() => Number(document.getElementById('change-log').dataset.changes) >= 2);
  assert.match(await page.locator('#change-log').innerText(), /收到第 \d+ 次变更事件：总分/);
  // The portal's `input { font-size: 30px }` and `table { border: 3px solid red }` do not reach
  // inside: the element's inputs keep their size and its 资金 <table> keeps its border.
  assert.equal(await input.evaluate((el) => getComputedStyle(el).fontSize), '14px');
  const funds = element.locator('table[aria-label="资金情况"]');
  assert.notEqual(await funds.evaluate((el) => getComputedStyle(el).borderTopColor), 'rgb(255, 0, 0)');
  // Loading a sheet through the property, reading it back, and the event it fires.
  await page.getByRole('button', { name: '向组件载入一张评分表' }).click();
  await page.waitForFunction(() => document.getElementById('change-log').dataset.total === '95.54');
  await page.getByRole('button', { name: '读取组件中的评分表' }).click();
  const read = JSON.parse(await page.locator('#read-out').innerText());
  assert.equal(read.sheet.meta.project, '示例项目');
  assert.equal(read.total, '95.54'); // 10 × 182.74 ÷ 200 = 9.14, 90 × 480 ÷ 500 = 86.40
  // mount() on a plain element.
  const mounted = page.locator('#mounted');
  await mounted.getByLabel('资金第1行全年预算数').fill('100');
  await mounted.getByLabel('资金第1行全年执行数').fill('50');
  await page.waitForFunction(() => document.getElementById('mounted-log').textContent.includes('5.00'));
  await screenshot(page, '09-embed-example', { fullPage: true });
  assert.deepEqual(page.errors, []);
  assertOwnOrigin(page, env.origin);
});

test('the embed example shows what a portal stores: no total before any score, a grade only once final', async () => {
  const page = await env.page();
  await page.goto(`${env.url}embed-example.html`);
  await page.waitForSelector('body[data-ready="true"]');
  const log = page.locator('#change-log');
  await page.getByRole('button', { name: '向组件载入一张评分表' }).click();
  await page.waitForFunction(() => document.getElementById('change-log').dataset.total === '95.54');
  assert.match(await log.innerText(), /总分 95\.54，等级 优$/);
  // An indicator's 实际完成值 emptied: the total so far, its grade 暂定 (it logged 等级 差).
  const element = page.locator('jixiao-calculator');
  await (await cell(element, await rowNamed(element, '完成培训人次'), 'actual')).fill('');
  await page.waitForFunction(() => document.getElementById('change-log').dataset.total === '9.14');
  assert.match(await log.innerText(), /总分 9\.14，等级 差（暂定）$/);
  await page.getByRole('button', { name: '读取组件中的评分表' }).click();
  const read = JSON.parse(await page.locator('#read-out').innerText());
  assert.deepEqual([read.total, read.grade], ['9.14', '差（暂定）']);
  // mount()'s blank template, a 全年预算数 typed and nothing scored: — as the calculator shows,
  // not 0.00.
  await page.locator('#mounted').getByLabel('资金第1行全年预算数').fill('100');
  await page.waitForFunction(() => document.getElementById('mounted-log').textContent.startsWith('mount() 变更'));
  assert.equal(await page.locator('#mounted-log').innerText(), 'mount() 变更：总分 —，等级 —');
  assert.deepEqual(page.errors, []);
});

test('the element keeps its sheet as a portal moves it, re-renders it, or sets it early', async () => {
  const page = await env.page();
  await page.goto(`${env.url}embed-example.html`);
  await page.waitForSelector('body[data-ready="true"]');
  await page.getByRole('button', { name: '向组件载入一张评分表' }).click();
  await page.waitForFunction(() => document.getElementById('change-log').dataset.total === '95.54');
  const total = () => page.locator('jixiao-calculator').evaluate(async (el) => {
    await el.ready;
    return el.evaluation?.total;
  });
  // Moved elsewhere in the page, as a tab widget does: kept whole.
  await page.locator('jixiao-calculator').evaluate((el) => el.parentNode.prepend(el));
  assert.equal(await total(), '95.54');
  // Taken out for a while (a tab hidden by stashing its content) and put back: the sheet too.
  await page.locator('jixiao-calculator').evaluate(async (el) => {
    const home = el.parentNode;
    const stash = document.createDocumentFragment();
    stash.append(el);
    await new Promise((done) => setTimeout(done, 50));
    if (el.sheet?.meta?.project !== '示例项目') throw new Error(`out of the page: ${JSON.stringify(el.sheet?.meta)}`);
    home.append(el);
  });
  assert.equal(await total(), '95.54');
  // Its template attribute set again to the same (a framework rendering anew): the sheet stays.
  await page.locator('jixiao-calculator').evaluate((el) => el.setAttribute('template', el.getAttribute('template')));
  await page.waitForTimeout(100);
  assert.equal(await total(), '95.54');
  // A file of several tables opens its first, and says what it left: refused before.
  const sheetOf = (project) => ({ format: 'jixiao-sheet', version: 2, kind: 'project', meta: { project } });
  const workbook = { format: 'jixiao-workbook', version: 2, name: '两个项目', sheets: [sheetOf('甲项目'), sheetOf('乙项目')],
    summary: { format: 'jixiao-sheet', version: 2, kind: 'summary' } };
  await page.locator('jixiao-calculator input[type=file]').setInputFiles({ name: '两个项目.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(workbook)) });
  await page.locator('jixiao-calculator .jx-notice', { hasText: '文件中另有 1 张表格未打开' }).waitFor();
  assert.equal(await page.locator('jixiao-calculator').evaluate((el) => el.sheet.meta.project), '甲项目');
  // A sheet set by a script that ran before the element was defined is the one it opens.
  await page.goto(env.url);
  await ready(page);
  const early = await page.evaluate(async () => {
    const el = document.createElement('jixiao-calculator');
    el.sheet = { format: 'jixiao-sheet', version: 2, kind: 'project', meta: { project: '早设的表' } };
    document.body.append(el);
    await import('./jixiao.js');
    await customElements.whenDefined('jixiao-calculator');
    await el.ready;
    return el.sheet?.meta?.project;
  });
  assert.equal(early, '早设的表');
  // An engine that failed to load (a wrong address) is tried afresh by the next calculator:
  // one failure stopped every calculator of the page until it was reloaded.
  await page.goto(env.url);
  await ready(page);
  const retried = await page.evaluate(async () => {
    const { mount } = await import('./jixiao.js');
    const first = mount(document.body.appendChild(document.createElement('div')), { wasm: './nowhere.wasm' });
    const failed = await first.ready.then(() => 'loaded', () => 'failed');
    const second = mount(document.body.appendChild(document.createElement('div')), {});
    return [failed, await second.ready.then(() => 'loaded', (e) => String(e))];
  });
  assert.deepEqual(retried, ['failed', 'loaded']);
});
