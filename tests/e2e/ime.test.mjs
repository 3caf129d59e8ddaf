// Chinese typed through an input method, as the browser gives it: pinyin composed letter by
// letter (Input.imeSetComposition), a pause to choose the word, the word committed
// (Input.insertText), and the keys an input method takes while composing (keyCode 229).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, ready, openSummary, projectInput } from './harness.mjs';

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.close();
});

/** Composes `pinyin` letter by letter, `pause` ms after each, then commits `word` (unless null). */
async function compose(page, cdp, pinyin, word, pause = 0) {
  for (let i = 1; i <= pinyin.length; i++) {
    await cdp.send('Input.imeSetComposition', { text: pinyin.slice(0, i), selectionStart: i, selectionEnd: i });
    if (pause) await page.waitForTimeout(pause);
  }
  if (word != null) await cdp.send('Input.insertText', { text: word });
}

/** Marks the focused element, to tell later whether it is still the same one, focused. */
const mark = (page) => page.evaluate(() => {
  document.querySelector('#app').shadowRoot.activeElement.dataset.marked = 'yes';
});
const stillMarked = (page) => page.evaluate(() => document.querySelector('#app').shadowRoot.activeElement?.dataset.marked === 'yes');

test('a word typed through an input method into the 汇总表’s 筛选项目 filters by the word', async () => {
  const page = await env.page();
  await page.goto(env.url);
  await ready(page);
  const cdp = await page.context().newCDPSession(page);
  await openSummary(page);
  // The sheet's own row (项目支出绩效自评表), and two typed.
  await page.getByRole('button', { name: '＋ 添加项目' }).click();
  await (await projectInput(page, 2, '项目名称')).fill('教育经费');
  await page.getByRole('button', { name: '＋ 添加项目' }).click();
  await (await projectInput(page, 3, '项目名称')).fill('道路养护');
  const search = page.getByLabel('筛选项目', { exact: true });
  const status = page.locator('.jx-filters [role=status]');
  await status.filter({ hasText: '共 3 个项目' }).waitFor();
  await search.click();
  await mark(page);
  // A person's pace, and a pause to choose the word: longer than the filter waits.
  await compose(page, cdp, 'jiaoyu', null, 200);
  await page.waitForTimeout(400);
  assert.equal(await stillMarked(page), true, 'the field composed in is kept, focused');
  assert.equal(await search.inputValue(), 'jiaoyu');
  assert.equal(await status.innerText(), '共 3 个项目', 'pinyin filters nothing');
  await cdp.send('Input.insertText', { text: '教育' });
  await status.filter({ hasText: '显示 1 / 3 个项目' }).waitFor();
  assert.equal(await search.inputValue(), '教育');
  assert.equal(await stillMarked(page), true);
  // A second word begun at once after the first is filtered by, still in the same field.
  await compose(page, cdp, 'jingfei', '经费', 200);
  await status.filter({ hasText: '显示 1 / 3 个项目' }).waitFor();
  await page.waitForTimeout(300);
  assert.equal(await search.inputValue(), '教育经费');
  assert.equal(await stillMarked(page), true);
  // The field's own undo (Ctrl+Z in a search) takes back the last word.
  await page.keyboard.press('Control+z');
  assert.equal(await search.inputValue(), '教育');
  await status.filter({ hasText: '显示 1 / 3 个项目' }).waitFor();
  assert.deepEqual(page.errors, []);
});
