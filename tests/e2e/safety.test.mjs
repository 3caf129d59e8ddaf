// Nothing typed is lost: each case as a clerk filling a sheet met it (a rule's parameters
// typed key by key, an input method's word in the 资金 table, two tabs of the page open,
// storage full, keys pressed in a dialog over the table).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, ready, cell, rowNamed, openFile, openSummary } from './harness.mjs';

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.close();
});

/** The open workbook's sheets as stored, once the page has saved them. */
function stored(page) {
  return page.evaluate(() => {
    const index = JSON.parse(localStorage.getItem('jixiao:index'));
    const workbook = index.workbooks.find((w) => w.id === index.current);
    return workbook.sheets.map((s) => JSON.parse(localStorage.getItem(`jixiao:sheet:${s.id}`) ?? 'null'));
  });
}

/** Waits until `check(sheets as stored)` holds; returns the last sheets read. */
async function storedWhen(page, check) {
  let sheets;
  for (let k = 0; k < 50; k++) {
    sheets = await stored(page);
    if (check(sheets)) return sheets;
    await page.waitForTimeout(100);
  }
  return sheets;
}

/** The template's first leaf under the group named `group`. */
async function leafUnder(page, group) {
  return (await rowNamed(page, group)) + 1;
}

function leaves(nodes, out = []) {
  for (const n of nodes ?? []) {
    if (n.children?.length) leaves(n.children, out);
    else out.push(n);
  }
  return out;
}

test('a rule’s parameters are typed key by key, and undone as one step each', async () => {
  const page = await env.page();
  await page.goto(env.url);
  await ready(page);
  const row = await leafUnder(page, '数量指标');
  await (await cell(page, row, 'rule')).selectOption('step');
  const start = page.locator('#app input[aria-label="计分参数：起点"]');
  await start.click();
  await page.keyboard.type('100%');
  // The row is drawn again at each key: the focus and the text typed stay.
  await page.keyboard.press('Tab');
  await page.keyboard.type('5%');
  assert.equal(await start.inputValue(), '100%');
  assert.equal(await page.locator('#app input[aria-label="计分参数：每"]').inputValue(), '5%');
  const rule = (sheets) => leaves(sheets[0]?.indicators).find((n) => n.rule?.kind === 'step')?.rule;
  let sheets = await storedWhen(page, (s) => rule(s)?.step === '5%');
  assert.deepEqual({ threshold: rule(sheets).threshold, step: rule(sheets).step }, { threshold: '100%', step: '5%' });
  // One step back takes back the 5% typed, not its last key.
  await page.keyboard.press('Control+z');
  sheets = await storedWhen(page, (s) => rule(s)?.step === '');
  assert.deepEqual({ threshold: rule(sheets).threshold, step: rule(sheets).step }, { threshold: '100%', step: '' });
  assert.deepEqual(page.errors, []);
});

test('a word of an input method typed in 资金情况 is the word, without its pinyin', async () => {
  const page = await env.page();
  await page.goto(env.url);
  await ready(page);
  const cdp = await page.context().newCDPSession(page);
  const name = page.locator('#app [aria-label="资金第2行名称"]');
  await name.click();
  await page.keyboard.press('End');
  const before = await name.inputValue();
  for (const pinyin of ['z', 'zh', 'zho', 'zhon', 'zhong']) {
    await cdp.send('Input.imeSetComposition', { text: pinyin, selectionStart: pinyin.length, selectionEnd: pinyin.length });
  }
  await cdp.send('Input.insertText', { text: '中央' });
  assert.equal(await name.inputValue(), `${before}中央`);
  let sheets = await storedWhen(page, (s) => s[0]?.funds?.[1]?.name === `${before}中央`);
  assert.equal(sheets[0].funds[1].name, `${before}中央`);
  // A word still being composed when the next field is clicked: the click's field keeps the
  // focus, and what is typed there lands there.
  await name.press('End');
  await cdp.send('Input.imeSetComposition', { text: 'zh', selectionStart: 2, selectionEnd: 2 });
  const next = page.locator('#app [aria-label="资金第3行名称"]');
  await next.click();
  await page.keyboard.type('Z');
  assert.match(await next.inputValue(), /Z$/);
  sheets = await storedWhen(page, (s) => /Z$/.test(s[0]?.funds?.[2]?.name ?? ''));
  assert.match(sheets[0].funds[2].name, /Z$/);
  assert.deepEqual(page.errors, []);
});

test('keys pressed in 设置 are the dialog’s, and places it cannot read are said there', async () => {
  const page = await env.page();
  await page.goto(env.url);
  await ready(page);
  const row = await leafUnder(page, '数量指标');
  await (await cell(page, row, 'name')).pressSequentially('培训人次');
  await page.keyboard.press('Enter');
  await page.locator('#app button', { hasText: '设置' }).click();
  const weight = page.locator('#app dialog label', { hasText: '总分值' }).locator('input');
  await weight.click();
  await page.keyboard.press('End');
  await page.keyboard.type('0');
  await page.keyboard.press('Control+z');
  // The field's own undo took the 0 back; the row behind the dialog keeps its name.
  assert.equal(await weight.inputValue(), '100');
  const decimals = page.locator('#app dialog label', { hasText: '得分小数位' }).locator('input');
  await decimals.fill('三位');
  await page.locator('#app dialog button', { hasText: '保存' }).click();
  const message = page.locator('#app dialog .jx-dialog-error');
  assert.match(await message.textContent(), /得分小数位“三位”无法识别：请填 0 到 6 之间的整数/);
  await decimals.fill('3');
  await page.locator('#app dialog button', { hasText: '保存' }).click();
  assert.equal(await page.locator('#app dialog').count(), 0);
  const sheets = await storedWhen(page, (s) => s[0]?.settings?.score_decimals === 3);
  assert.equal(sheets[0].settings.score_decimals, 3);
  assert.ok(leaves(sheets[0].indicators).some((n) => n.name === '培训人次'), 'the row keeps its name');
  assert.deepEqual(page.errors, []);
});

test('what is being typed when the page is left is kept: a 审核 opinion, a rename’s paragraph', async () => {
  const page = await env.page();
  await page.goto(env.url);
  await ready(page);
  // A rewritten paragraph of the 自评报告, then its row renamed, the page reloaded mid-name.
  await page.locator('#app button', { hasText: '自评报告' }).first().click();
  const paragraph = page.locator('#app .jx-report-text').first();
  await paragraph.click();
  await page.keyboard.press('End');
  await page.keyboard.type('用户写的说明');
  await page.locator('#app button', { hasText: '自评报告' }).first().click();
  const name = await cell(page, 1, 'name');
  await name.press('End');
  await page.keyboard.type('（改）');
  await page.waitForTimeout(500);
  await page.reload();
  await ready(page);
  let sheet = (await stored(page))[0];
  const report = JSON.stringify(sheet.report ?? {});
  assert.match(report, /用户写的说明/);
  assert.ok(!report.includes('〔表中已无此项〕'), report);
  // Kept under the row's id, which the renamed row keeps.
  const keys = (sheet.report ?? []).map((p) => p.key);
  const ids = keys.map((key) => key.split('@')[1]).filter(Boolean);
  const named = (nodes) => nodes.flatMap((n) => [[n.id, n.name], ...named(n.children ?? [])]);
  const renamed = named(sheet.indicators).filter(([id]) => ids.includes(id)).map(([, n]) => n);
  assert.ok(renamed.some((n) => n.includes('（改）')), `the paragraph follows the rename: ${keys} ${renamed}`);
  // A 审核 opinion typed, the page reloaded before leaving the field.
  await page.locator('#app button', { hasText: '审核' }).first().click();
  const opinion = page.locator('#app [data-field="opinion"]').first();
  await opinion.click();
  await page.keyboard.type('资金使用规范');
  await page.reload();
  await ready(page);
  sheet = (await stored(page))[0];
  assert.match(JSON.stringify(sheet), /资金使用规范/);
  assert.deepEqual(page.errors, []);
});

/** Fills this origin's localStorage to the last byte (a page's keys stay as they are). */
function fillStorage(page) {
  return page.evaluate(() => {
    let n = 0;
    for (let chunk = 1 << 20; chunk >= 1;) {
      try {
        localStorage.setItem(`filler${n}`, 'x'.repeat(chunk));
        n++;
      } catch {
        chunk = Math.floor(chunk / 2);
      }
    }
  });
}

function emptyFiller(page) {
  return page.evaluate(() => {
    for (const key of Object.keys(localStorage)) if (key.startsWith('filler')) localStorage.removeItem(key);
  });
}

/** Row `index`'s name as shown: typed in its input, or as text. */
function nameShown(page, index) {
  return page.locator(`[data-index="${index}"] [data-cell="name"]`).evaluate((td) => td.querySelector('textarea')?.value ?? td.querySelector('.jx-text').textContent);
}

test('a second window of the page shows what the first saved, and never saves its older copy over it', async () => {
  const first = await env.page();
  await first.goto(env.url);
  await ready(first);
  const second = await first.context().newPage();
  second.errors = [];
  second.on('pageerror', (e) => second.errors.push(e.message));
  await second.goto(env.url);
  await ready(second);
  const row = await leafUnder(first, '数量指标');
  await (await cell(first, row, 'name')).pressSequentially('一小时的工作');
  await first.keyboard.press('Enter');
  await storedWhen(first, (s) => leaves(s[0]?.indicators).some((n) => n.name === '一小时的工作'));
  // The second window, left open on the same sheet, follows and says so.
  await second.locator('.jx-notice', { hasText: '已在另一个窗口中修改' }).waitFor();
  assert.equal((await nameShown(second, row)).trim(), '一小时的工作');
  // Only looking at another tab there writes nothing; typing there goes on from the newer copy.
  await openSummary(second);
  await second.getByRole('tab', { selected: false }).first().click();
  await second.getByRole('tab', { name: '汇总表', selected: false }).waitFor();
  const other = await leafUnder(second, '质量指标');
  await (await cell(second, other, 'name')).pressSequentially('第二个窗口');
  await second.keyboard.press('Enter');
  const sheets = await storedWhen(first, (s) => leaves(s[0]?.indicators).some((n) => n.name === '第二个窗口'));
  const names = leaves(sheets[0].indicators).map((n) => n.name);
  assert.ok(names.includes('一小时的工作') && names.includes('第二个窗口'), names.join('、'));
  assert.deepEqual([...first.errors, ...second.errors], []);
});

test('with storage full, what was typed stays on screen: no tab, file or workbook takes its place', async () => {
  const page = await env.page();
  await page.goto(env.url);
  await ready(page);
  const row = await leafUnder(page, '数量指标');
  await fillStorage(page);
  await (await cell(page, row, 'name')).pressSequentially('存储满时输入的名称');
  await page.keyboard.press('Enter');
  await page.locator('.jx-notice', { hasText: '存储空间已满' }).waitFor();
  // Another tab: refused, said, and the table stays with what was typed.
  await page.getByRole('tab', { name: '汇总表' }).click();
  await page.locator('.jx-notice', { hasText: '仍停留在当前表格' }).waitFor();
  assert.equal((await nameShown(page, row)).trim(), '存储满时输入的名称');
  // A file opened: refused the same way (it used to replace the sheet, called untouched).
  const file = JSON.stringify({ format: 'jixiao-sheet', version: 2, kind: 'project', meta: { project: '小文件' }, indicators: [{ name: '甲', weight: '100', target: '1', actual: '1' }] });
  await openFile(page, 'small.json', file);
  await page.locator('.jx-notice', { hasText: '无法打开“small.json”' }).waitFor();
  assert.equal((await nameShown(page, row)).trim(), '存储满时输入的名称');
  // A workbook file: refused whole, not opened with some of its sheets.
  const workbook = JSON.stringify({ format: 'jixiao-workbook', version: 2, name: '三张表', sheets: [JSON.parse(file), JSON.parse(file), JSON.parse(file)] });
  await openFile(page, 'three.json', workbook);
  await page.locator('.jx-notice', { hasText: '无法打开“three.json”' }).waitFor();
  // Room made: the table is saved, and then the tab opens.
  await emptyFiller(page);
  await page.getByRole('tab', { name: '汇总表' }).click();
  await page.getByRole('tab', { name: '汇总表', selected: true }).waitFor();
  const sheets = await stored(page);
  assert.ok(leaves(sheets[0].indicators).some((n) => n.name === '存储满时输入的名称'));
  const index = await page.evaluate(() => JSON.parse(localStorage.getItem('jixiao:index')));
  assert.deepEqual(index.workbooks.map((w) => w.name), ['我的工作簿']);
  assert.deepEqual(page.errors, []);
});

test('↑ / ↓ on a list in the table move along its column, not through its choices', async () => {
  const page = await env.page();
  await page.goto(env.url);
  await ready(page);
  const row = await leafUnder(page, '数量指标');
  const rule = await cell(page, row, 'rule');
  await rule.selectOption('step');
  await page.locator('#app input[aria-label="计分参数：每"]').fill('5%');
  await rule.focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  const comparison = await cell(page, row, 'comparison');
  const before = await comparison.inputValue();
  await comparison.focus();
  await page.keyboard.press('ArrowDown');
  const sheets = await storedWhen(page, (s) => leaves(s[0]?.indicators).some((n) => n.rule?.step === '5%'));
  const leaf = leaves(sheets[0].indicators).find((n) => n.rule?.kind === 'step');
  assert.deepEqual({ kind: leaf.rule.kind, step: leaf.rule.step }, { kind: 'step', step: '5%' });
  assert.equal(leaf.comparison ?? '', before);
  // The focus went down the column.
  const focused = await page.evaluate(() => document.querySelector('#app').shadowRoot.activeElement?.dataset.key);
  assert.equal(focused, 'comparison');
  assert.deepEqual(page.errors, []);
});

test('← / → on a list in the table go to the cell beside it, not through its choices', async () => {
  const page = await env.page();
  await page.goto(env.url);
  await ready(page);
  const row = await leafUnder(page, '数量指标');
  const rule = await cell(page, row, 'rule');
  const comparison = await cell(page, row, 'comparison');
  const was = { rule: await rule.inputValue(), comparison: await comparison.inputValue() };
  const key = () => page.evaluate(() => document.querySelector('#app').shadowRoot.activeElement?.dataset.key);
  await (await cell(page, row, 'weight')).focus();
  const path = [];
  for (const arrow of ['End', 'ArrowRight', 'ArrowRight', 'ArrowRight', 'ArrowLeft', 'ArrowLeft', 'ArrowLeft']) {
    await page.keyboard.press(arrow);
    if (arrow !== 'End') path.push(await key());
  }
  // (→ stepped 比率法 → 预算执行率 → 阶梯扣分 → 区间计分, which wiped the comparison.)
  assert.deepEqual(path, ['rule', 'comparison', 'target', 'comparison', 'rule', 'weight']);
  assert.deepEqual({ rule: await rule.inputValue(), comparison: await comparison.inputValue() }, was);
  assert.deepEqual(page.errors, []);
});

test('closing with edits storage could not take asks first; a Word file opened says what to open', async () => {
  const page = await env.page();
  await page.goto(env.url);
  await ready(page);
  await openFile(page, '自评报告.docx', Buffer.from('PK\x03\x04 not a table'));
  await page.locator('.jx-notice', { hasText: '这是 Word 文档，不是表格：请打开 Excel（.xlsx）、CSV 或本计算器保存的 .json 文件' }).waitFor();
  const row = await leafUnder(page, '数量指标');
  await fillStorage(page);
  await (await cell(page, row, 'name')).pressSequentially('存储满时输入的名称');
  await page.keyboard.press('Enter');
  await page.locator('.jx-notice', { hasText: '存储空间已满' }).waitFor();
  const asked = page.waitForEvent('dialog');
  await page.close({ runBeforeUnload: true });
  const dialog = await asked;
  assert.equal(dialog.type(), 'beforeunload');
  await dialog.dismiss();
  assert.equal((await nameShown(page, row)).trim(), '存储满时输入的名称', 'the page stays, with what was typed');
  await emptyFiller(page);
  await page.close();
});

test('Enter and ↑ / ↓ move along a column of 资金情况, as in the indicator table', async () => {
  const page = await env.page();
  await page.goto(env.url);
  await ready(page);
  const budget = (n) => page.locator(`#app input[aria-label="资金第${n}行全年预算数"]`);
  await budget(1).click();
  await page.keyboard.type('100');
  await page.keyboard.press('Enter');
  await page.keyboard.type('60');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.type('40');
  await page.keyboard.press('Shift+Enter');
  const focused = await page.evaluate(() => document.querySelector('#app').shadowRoot.activeElement?.getAttribute('aria-label'));
  assert.equal(focused, '资金第2行全年预算数');
  assert.deepEqual([await budget(1).inputValue(), await budget(2).inputValue(), await budget(3).inputValue()], ['100', '60', '40']);
  assert.deepEqual(page.errors, []);
});

test('with workbooks stored by a newer version, nothing is written over them and the export offered works', async () => {
  const page = await env.page();
  await page.goto(env.url);
  await ready(page);
  const newer = JSON.stringify({ version: 3, current: 'w1', books: [] });
  await page.evaluate((index) => {
    localStorage.clear();
    localStorage.setItem('jixiao:index', index);
  }, newer);
  await page.reload();
  await ready(page);
  const row = await leafUnder(page, '数量指标');
  await (await cell(page, row, 'name')).pressSequentially('这里输入的');
  await page.keyboard.press('Enter');
  const line = page.locator('.jx-notice', { hasText: '由更新版本的计算器写入' });
  await line.waitFor();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    line.getByRole('button', { name: '导出工作簿' }).click(),
  ]);
  const { readFileSync } = await import('node:fs');
  const exported = JSON.parse(readFileSync(await download.path(), 'utf8'));
  assert.match(JSON.stringify(exported.sheets), /这里输入的/);
  assert.equal(await page.evaluate(() => localStorage.getItem('jixiao:index')), newer);
  assert.deepEqual(page.errors, []);
});
