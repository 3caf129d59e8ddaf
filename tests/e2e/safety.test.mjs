// Nothing typed is lost: each case as a clerk filling a sheet met it (a rule's parameters
// typed key by key, an input method's word in the 资金 table, two tabs of the page open,
// storage full, keys pressed in a dialog over the table).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, ready, cell, rowNamed } from './harness.mjs';

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
  const name = page.locator('#app input[aria-label="资金第2行名称"]');
  await name.click();
  await page.keyboard.press('End');
  const before = await name.inputValue();
  for (const pinyin of ['z', 'zh', 'zho', 'zhon', 'zhong']) {
    await cdp.send('Input.imeSetComposition', { text: pinyin, selectionStart: pinyin.length, selectionEnd: pinyin.length });
  }
  await cdp.send('Input.insertText', { text: '中央' });
  assert.equal(await name.inputValue(), `${before}中央`);
  const sheets = await storedWhen(page, (s) => s[0]?.funds?.[1]?.name === `${before}中央`);
  assert.equal(sheets[0].funds[1].name, `${before}中央`);
  assert.deepEqual(page.errors, []);
});
