// Chinese typed through an input method, as the browser gives it: pinyin composed letter by
// letter (Input.imeSetComposition), a pause to choose the word, the word committed
// (Input.insertText), and the keys an input method takes while composing (keyCode 229).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, ready, openSummary, projectInput, cell, rowNamed } from './harness.mjs';

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

/** Presses `key` in the focused field as a browser sends a key an input method takes: Chrome
 * on macOS while composing (isComposing), Safari's committing Enter (keyCode 229 alone).
 * Whether the page prevented it. */
const imeKeyDown = (page, key, { composing = true } = {}) => page.evaluate(({ key, composing }) => {
  const field = document.querySelector('#app').shadowRoot.activeElement;
  const e = new KeyboardEvent('keydown', { key, code: key, keyCode: 229, which: 229, isComposing: composing, bubbles: true, cancelable: true, composed: true });
  field.dispatchEvent(e);
  return e.defaultPrevented;
}, { key, composing });

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

test('in the Ctrl+F find bar, a word is searched once committed, and Enter and Esc while composing are the input method’s', async () => {
  const page = await env.page();
  await page.goto(env.url);
  await ready(page);
  const cdp = await page.context().newCDPSession(page);
  for (const group of ['数量指标', '质量指标']) await (await cell(page, (await rowNamed(page, group)) + 1, 'name')).fill('学校数量');
  await page.getByRole('button', { name: '查找', exact: true }).click();
  const find = page.getByLabel('在指标表中查找');
  const status = page.locator('.jx-find [role=status]');
  await find.waitFor();
  await compose(page, cdp, 'xuexiao', '学校');
  await status.filter({ hasText: / \/ 2$/ }).waitFor();
  const found = await status.innerText();
  // Half-typed pinyin is not searched for.
  await compose(page, cdp, 'shu', null);
  await page.waitForTimeout(200);
  assert.equal(await status.innerText(), found, 'not searched for 学校shu');
  // Enter while composing (Chrome), and Safari's committing Enter: no next match.
  assert.equal(await imeKeyDown(page, 'Enter'), false);
  assert.equal(await imeKeyDown(page, 'Enter', { composing: false }), false);
  assert.equal(await status.innerText(), found, 'Enter went to the input method');
  // Esc while composing drops the pinyin, not the find bar.
  assert.equal(await imeKeyDown(page, 'Escape'), false);
  assert.equal(await page.locator('.jx-find').isHidden(), false, 'the find bar stays open');
  assert.equal(await find.evaluate((el) => el === el.getRootNode().activeElement), true, 'the caret stays in it');
  await cdp.send('Input.insertText', { text: '数' });
  await page.waitForTimeout(200);
  assert.equal(await find.inputValue(), '学校数');
  assert.equal(await status.innerText(), found);
  // The keys themselves still work once the word is in.
  await page.keyboard.press('Enter');
  assert.equal(await status.innerText(), found === '1 / 2' ? '2 / 2' : '1 / 2');
  await page.keyboard.press('Escape');
  assert.equal(await page.locator('.jx-find').isHidden(), true);
  assert.deepEqual(page.errors, []);
});

test('the Enter that commits a word in a name of the 工作簿… dialog is not its 确定', async () => {
  const page = await env.page();
  await page.goto(env.url);
  await ready(page);
  const cdp = await page.context().newCDPSession(page);
  await page.getByRole('button', { name: '工作簿…' }).click();
  const fresh = page.getByRole('textbox', { name: '新工作簿名称' });
  await fresh.click();
  await compose(page, cdp, 'erlingerwu', '二〇二五');
  // Safari sends it after the word is in, with keyCode 229 alone; Chrome on macOS while composing.
  assert.equal(await imeKeyDown(page, 'Enter', { composing: false }), false);
  assert.equal(await imeKeyDown(page, 'Enter'), false);
  assert.equal(await page.locator('dialog[open]').count(), 1, 'the dialog stays open');
  await compose(page, cdp, 'nian', '年');
  assert.equal(await fresh.inputValue(), '二〇二五年');
  await page.keyboard.press('Enter');
  await page.locator('select[aria-label="当前工作簿"] option:checked', { hasText: '二〇二五年' }).waitFor({ state: 'attached' });
  assert.deepEqual(page.errors, []);
});

test('a word begun at once after another in a 计分参数 field keeps both', async () => {
  const page = await env.page();
  await page.goto(env.url);
  await ready(page);
  const row = (await rowNamed(page, '数量指标')) + 1;
  await (await cell(page, row, 'rule')).selectOption('interval');
  const low = page.getByLabel('第1档下限', { exact: true });
  await low.click();
  const field = await low.elementHandle();
  // An input method that commits on the next key: 八 committed and the next word begun in the
  // same task, as Chrome sends them (input while composing, then compositionend). Dispatched
  // here, not through CDP, whose calls may let a timer run between the two.
  await field.evaluate((input) => {
    const composing = (value) => {
      input.value = value;
      input.dispatchEvent(new InputEvent('input', { bubbles: true, isComposing: true }));
    };
    input.dispatchEvent(new CompositionEvent('compositionstart', { bubbles: true }));
    composing('b');
    composing('ba');
    composing('八');
    input.dispatchEvent(new CompositionEvent('compositionend', { bubbles: true, data: '八' }));
    input.dispatchEvent(new CompositionEvent('compositionstart', { bubbles: true }));
    composing('八s');
    composing('八sh');
  });
  await page.waitForTimeout(300);
  assert.equal(await field.evaluate((input) => input.isConnected && input.getRootNode().activeElement === input), true, 'the field composed in is kept, focused');
  assert.equal(await low.inputValue(), '八sh');
  await field.evaluate((input) => {
    input.value = '八十';
    input.dispatchEvent(new InputEvent('input', { bubbles: true, isComposing: true }));
    input.dispatchEvent(new CompositionEvent('compositionend', { bubbles: true, data: '十' }));
  });
  await page.waitForTimeout(300);
  assert.equal(await low.inputValue(), '八十');
  assert.equal(await page.evaluate(() => document.querySelector('#app').shadowRoot.activeElement?.getAttribute('aria-label')), '第1档下限');
  // The rule took the whole of it: the row drawn afresh shows it.
  await page.getByLabel('第1档上限', { exact: true }).click();
  await page.keyboard.type('9');
  assert.equal(await low.inputValue(), '八十');
  assert.deepEqual(page.errors, []);
});

test('the Enter that commits a word stays in a 资金 cell and a 汇总表 cell; a plain Enter moves down', async () => {
  const page = await env.page();
  await page.goto(env.url);
  await ready(page);
  const label = () => page.evaluate(() => document.querySelector('#app').shadowRoot.activeElement?.getAttribute('aria-label'));
  const fields = [
    [page.locator('#app [aria-label="资金第2行名称"]'), '资金第2行名称', '资金第3行名称'],
    [null, '项目第2行项目名称', '项目第3行项目名称'],
  ];
  for (const [locator, here, below] of fields) {
    let field = locator;
    if (!field) {
      await openSummary(page);
      await page.getByRole('button', { name: '＋ 添加项目' }).click();
      await page.getByRole('button', { name: '＋ 添加项目' }).click();
      field = await projectInput(page, 2, '项目名称');
    }
    await field.click();
    for (const composing of [true, false]) {
      assert.equal(await imeKeyDown(page, 'Enter', { composing }), false);
      assert.equal(await label(), here, `isComposing ${composing}`);
    }
    await page.keyboard.press('Enter');
    assert.equal(await label(), below);
  }
  assert.deepEqual(page.errors, []);
});
