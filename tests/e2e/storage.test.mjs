// What the page keeps in this browser when things go wrong: a fault in the core with another
// window open, damaged stored text (an index, a 汇总表, a sheet), and two windows at once.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, ready, cell, score } from './harness.mjs';

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.close();
});

/** The next `set` the page calls traps, as a panic in the core does, once asked to. */
function trappable(context) {
  return context.addInitScript(() => {
    const wrap = (result) => {
      if (!result?.instance?.exports?.calculator_set) return result;
      const exports = { ...result.instance.exports };
      const set = exports.calculator_set;
      exports.calculator_set = (...args) => {
        if (window.__trapNext) {
          window.__trapNext = false;
          throw new WebAssembly.RuntimeError('unreachable');
        }
        return set(...args);
      };
      return { instance: { exports }, module: result.module };
    };
    const streaming = WebAssembly.instantiateStreaming;
    WebAssembly.instantiateStreaming = async (...args) => wrap(await streaming.apply(WebAssembly, args));
    const instantiate = WebAssembly.instantiate;
    WebAssembly.instantiate = async (...args) => {
      const result = await instantiate.apply(WebAssembly, args);
      return wrap(result instanceof WebAssembly.Instance ? { instance: result, module: args[0] } : result);
    };
  });
}

/** The messages shown (the notice's lines and the fault banner). */
function said(page) {
  return page.locator('[role=alert]').evaluateAll((els) => els.filter((e) => e.checkVisibility()).map((e) => e.textContent).join('\n'));
}

for (const other of ['reloads', 'opened another sheet']) {
  test(`after a fault the edits kept come back though another window ${other}`, async () => {
    const a = await env.page();
    const context = a.context();
    await trappable(context);
    await a.goto(env.url);
    await ready(a);
    const b = await context.newPage();
    await b.goto(env.url);
    await ready(b);
    // B opens a sheet of its own: the workbook's current tab is now B's.
    await b.getByRole('button', { name: '新建表格' }).click();
    await b.locator('dialog[open] button').filter({ hasText: '空白项目支出表' }).click();
    await b.waitForTimeout(800);
    await a.bringToFront();
    await (await cell(a, 3, 'target')).fill('100');
    await a.waitForTimeout(700); // saved
    await (await cell(a, 3, 'actual')).fill('50'); // not saved yet
    await a.evaluate(() => {
      window.__trapNext = true;
    });
    await (await cell(a, 3, 'unit')).fill('元');
    const banner = a.locator('.jx-fault');
    await banner.waitFor();
    assert.match(await banner.innerText(), /您的数据没有丢失/);
    if (other === 'reloads') {
      await b.reload();
      await ready(b);
    }
    await Promise.all([a.waitForEvent('load'), banner.getByRole('button', { name: '重新加载' }).click()]);
    await ready(a);
    assert.equal(await score(a, 3), '10.00', 'the edit kept is back, on the sheet A was on');
    assert.match(await said(a), /已恢复出错前尚未保存的 \d+ 项修改/);
    await a.waitForTimeout(500);
    const stored = await a.evaluate(() => Object.entries(localStorage).filter(([k, v]) => k.includes(':sheet:') && v.includes('"actual":"50"')).length);
    assert.equal(stored, 1, 'and saved');
    await context.close();
  });
}
