// The component and mount() as a portal's own script uses them, on a bare host page of the
// test's own: what they report of a blank table, how they say they could not load, what their
// methods do once destroyed, and what they leave in the host's document.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start } from './harness.mjs';

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.close();
});

/** A bare portal page at the server's origin, next to jixiao.js; `route(page)` may answer
 * some requests otherwise first (a missing file). */
async function host(route) {
  const page = await env.page();
  await page.route('**/host.html', (r) => r.fulfill({
    contentType: 'text/html; charset=utf-8',
    body: '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>宿主</title></head><body><div id="slot"></div></body></html>',
  }));
  await route?.(page);
  await page.goto(`${env.url}host.html`);
  return page;
}

test('a blank table: the element and mount() report its 0.00 and 差 as the frame does, with no final grade', async () => {
  const page = await host();
  const got = await page.evaluate(async () => {
    const { mount } = await import('./jixiao.js');
    const el = document.createElement('jixiao-calculator');
    el.setAttribute('template', 'project');
    document.getElementById('slot').append(el);
    await el.ready;
    const box = document.getElementById('slot').appendChild(document.createElement('div'));
    const changes = [];
    const calc = mount(box, { template: 'key-evaluation', onChange: (d) => changes.push(d.totals) });
    await calc.ready;
    calc.loadTemplate('project');
    const pick = ({ total, grade, final_grade }) => ({ total, grade, final_grade });
    return {
      element: pick(el.evaluation),
      mount: pick(calc.report()),
      change: pick(changes.at(-1)),
      shown: el.shadowRoot.querySelector('.jx-total strong').textContent,
    };
  });
  const blank = { total: '0.00', grade: '差', final_grade: null };
  assert.deepEqual(got, { element: blank, mount: blank, change: blank, shown: '—' });
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

/** Nothing in English before the brackets; the browser's words, if any, in them at the end. */
function assertSaidInChinese(message, what) {
  const [, said] = message.match(/^(.*?)(?:（[^（）]*[A-Za-z][^（）]*）)?$/s);
  assert.match(said, new RegExp(`^${what}未能加载：`), message);
  assert.match(said, /请/, `says what to do: ${message}`);
  assert.doesNotMatch(said.replace(/[\w-]+\.(?:wasm|js)|WebAssembly/g, ''), /[A-Za-z]{2,}/, `no English before the brackets: ${message}`);
}

test('an engine that cannot load is said in Chinese, with what to do: the element, mount(), the page and the frame', async () => {
  const missing = (page) => page.route('**/jixiao_bg.wasm', (r) => r.fulfill({ status: 404, contentType: 'text/plain', body: 'Not Found' }));
  const page = await host(missing);
  const said = await page.evaluate(async () => {
    const { mount } = await import('./jixiao.js');
    const el = document.createElement('jixiao-calculator');
    const event = new Promise((resolve) => el.addEventListener('jixiao-error', (e) => resolve(e.detail.message)));
    document.getElementById('slot').append(el);
    const box = document.getElementById('slot').appendChild(document.createElement('div'));
    const calc = mount(box, {});
    return {
      event: await event,
      shown: el.shadowRoot.querySelector('.jx-notice').textContent,
      mount: await calc.ready.then(() => 'loaded', (e) => e.message),
    };
  });
  assertSaidInChinese(said.event, '计算引擎');
  assert.match(said.event, /jixiao_bg\.wasm（404）.*网站管理员.*（failed to fetch Wasm: 404/);
  assert.ok(said.shown.startsWith(said.event), said.shown);
  assert.equal(said.mount, said.event);
  await page.context().close();

  // The hosted page, and the frame's `error` as the example portal shows it.
  for (const [address, where] of [['', '#app'], ['iframe-example.html', '#error']]) {
    const other = await env.page();
    await missing(other);
    await other.goto(`${env.url}${address}`);
    const text = where === '#app'
      ? await other.locator('#app .jx-notice').innerText()
      : (await other.locator('#error', { hasText: '未能加载' }).innerText());
    assertSaidInChinese(text.replace(/\n关闭$/, ''), '计算引擎');
    await other.context().close();
  }
});

test('a page part that cannot load (the 汇总表’s drawing) is said in Chinese, with what to do', async () => {
  const page = await env.page();
  await page.route('**/summary-view.js', (r) => r.fulfill({ status: 404, contentType: 'text/plain', body: 'Not Found' }));
  await page.goto(env.url);
  await page.waitForSelector('#app[data-ready="true"]');
  await page.getByRole('tab', { name: '汇总表' }).click();
  const notice = page.locator('#app .jx-notice', { hasText: '汇总表未能加载' });
  await notice.waitFor();
  const text = (await notice.innerText()).replace(/\n关闭$/, '');
  assertSaidInChinese(text, '汇总表');
  assert.match(text, /summary-view\.js.*重新打开本表/);
  await page.context().close();
});
