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
