// The iframe mode as a portal on another origin uses it: dist/iframe-example.html on one
// origin frames dist/embed.html from a second, naming its own origin; they talk only through
// the message set of docs/EMBED.md. A page on a third origin, framed in the same portal page,
// posts to the calculator too: it is not answered and changes nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { start, cell, rowNamed, screenshot } from './harness.mjs';
import { serve } from '../../scripts/serve.mjs';
import { root } from '../../scripts/setup.mjs';
import { blocks, written, matches } from '../snippets.mjs';

const fixture = JSON.parse(readFileSync(path.join(root, 'tests', 'fixtures', 'filled_project.json'), 'utf8'));

let env;
let calculator; // origin A: the calculator's site (embed.html)
let stranger; // origin C: a page that is neither
before(async () => {
  env = await start(); // origin B: the portal (iframe-example.html)
  calculator = await serve({ port: 0 });
  const strangerDir = mkdtempSync(path.join(tmpdir(), 'jixiao-stranger-'));
  writeFileSync(path.join(strangerDir, 'stranger.html'), '<!doctype html><meta charset="utf-8"><title>第三方</title><p>第三方页面</p>');
  stranger = await serve({ port: 0, dir: strangerDir });
});
after(async () => {
  await env?.close();
  await calculator?.close();
  await stranger?.close();
});

/** The portal page with the calculator framed from origin A; resolves when it said `ready`. */
async function portal(options) {
  const page = await env.page(options);
  page.warnings = [];
  page.on('console', (m) => m.type() === 'warning' && page.warnings.push(m.text()));
  await page.goto(`${env.url}iframe-example.html?frame=${encodeURIComponent(`${calculator.url}embed.html`)}`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 20000 });
  const frame = page.frames().find((f) => f.url().startsWith(calculator.url));
  return { page, frame, calc: page.frameLocator('#calculator') };
}

/** Sends one request from the portal page and resolves to the answer with its id. */
async function ask(page, message) {
  return (await hearing(page, message)).at(-1);
}

/** Sends one request and resolves to every message the frame sent from then until the answer
 * with its id (the answer last), in the order the portal heard them (`height` left out). */
function hearing(page, message) {
  return page.evaluate((request) => new Promise((resolve) => {
    const frame = document.getElementById('calculator');
    const id = request.id ?? `t${Math.random()}`;
    const heard = [];
    const listen = (event) => {
      if (event.source !== frame.contentWindow || event.data?.type === 'height') return;
      heard.push(event.data);
      if (event.data?.id !== id) return;
      window.removeEventListener('message', listen);
      resolve(heard);
    };
    window.addEventListener('message', listen);
    frame.contentWindow.postMessage({ ...request, id }, new URL(frame.src).origin);
  }), message);
}

test('the portal frames the calculator from another origin and talks to it by message', async () => {
  const { page, frame, calc } = await portal();
  assert.notEqual(new URL(frame.url()).origin, new URL(page.url()).origin, 'two origins');
  assert.match(frame.url(), /origin=http%3A%2F%2F127\.0\.0\.1%3A\d+/);

  // `load` answers with the total; the sheet shows in the frame.
  const loaded = await ask(page, { jixiao: 1, type: 'load', sheet: fixture });
  assert.equal(loaded.type, 'loaded');
  assert.equal(loaded.jixiao, 1);
  assert.match(loaded.total, /^\d+\.\d\d$/);
  assert.equal(await calc.locator('[data-meta="project"]').inputValue(), '老旧小区微改造');

  // Typing in the frame: the portal hears `change` with the sheet and the new total.
  const heard = page.evaluate(() => new Promise((resolve) => {
    window.addEventListener('message', (event) => {
      if (event.data?.type === 'change') resolve(event.data);
    });
  }));
  const actual = await cell(calc, await rowNamed(calc, '完成改造面积'), 'actual');
  await actual.fill('1000');
  await actual.press('Tab');
  const change = await heard;
  // As docs/EMBED.md shows it.
  const documented = blocks('docs/EMBED.md').filter((b) => !b.code.includes('postMessage('))
    .flatMap((b) => b.code.match(/^\/\/ ← (\{ jixiao: 1, type: 'change'.*\})$/m)?.[1] ?? []);
  assert.equal(documented.length, 1);
  assert.ok(matches(change, written(documented[0])), `${JSON.stringify({ ...change, sheet: '…' })} is as documented: ${documented[0]}`);
  const typed = (sheet) => sheet.indicators[1].children[0].children[0];
  assert.deepEqual([typed(change.sheet).name, typed(change.sheet).actual], ['完成改造面积', '1000']);
  assert.notEqual(change.total, loaded.total);
  assert.equal(typeof change.grade, 'string');
  // Every indicator scored, no errors: the grade is the one a form states.
  assert.equal(change.final_grade, change.grade);
  assert.equal(typeof change.errors, 'number');
  await page.waitForFunction((t) => document.getElementById('status').dataset.total === t, change.total);

  // get-sheet and get-evaluation give back what is on screen.
  const sheet = await ask(page, { jixiao: 1, type: 'get-sheet' });
  assert.equal(sheet.type, 'sheet');
  assert.equal(typed(sheet.sheet).actual, '1000');
  const evaluation = await ask(page, { jixiao: 1, type: 'get-evaluation' });
  assert.equal(evaluation.type, 'evaluation');
  assert.equal(evaluation.evaluation.total, change.total);
  assert.ok(evaluation.evaluation.nodes.length >= 3);

  // Files come out of the frame as downloads, as on the calculator's own page.
  await calc.getByRole('button', { name: '导出…' }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 30000 }),
    calc.getByRole('dialog', { name: '导出' }).getByRole('button', { name: /当前表格 → JSON/ }).click(),
  ]);
  assert.equal(JSON.parse(readFileSync(await download.path(), 'utf8')).meta.project, '老旧小区微改造');

  // The frame is as tall as its content (`height`): no scroll bar of its own.
  await page.waitForFunction(() => {
    const el = document.getElementById('calculator');
    return Math.abs(el.getBoundingClientRect().height - parseFloat(el.style.height)) < 1 && parseFloat(el.style.height) > 600;
  });
  const inner = await frame.evaluate(() => ({ scroll: document.documentElement.scrollHeight, client: document.documentElement.clientHeight }));
  assert.ok(inner.scroll <= inner.client + 2, `no scrolling inside the frame: ${JSON.stringify(inner)}`);
  await screenshot(page, 'iframe-portal', { fullPage: true });
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('what the frame cannot do, it answers with an error in Chinese, and keeps the sheet', async () => {
  const { page } = await portal();
  await ask(page, { jixiao: 1, type: 'load', sheet: fixture });

  const bad = await ask(page, { jixiao: 1, type: 'load', sheet: '{"format":"jixiao-sheet","version":1,"kind":"project","indicators":[{"name":"x","weight":"abc"}' });
  assert.equal(bad.type, 'error');
  assert.equal(bad.code, 'load-failed');
  assert.match(bad.message, /[\u4e00-\u9fff]/);
  assert.equal((await ask(page, { jixiao: 1, type: 'get-sheet' })).sheet.meta.project, '老旧小区微改造', 'the sheet on screen is kept');

  const empty = await ask(page, { jixiao: 1, type: 'load' });
  assert.equal(empty.code, 'bad-message');
  const unknown = await ask(page, { jixiao: 1, type: 'delete-everything' });
  assert.deepEqual([unknown.type, unknown.code], ['error', 'unknown-type']);
  assert.match(unknown.message, /delete-everything/);
  const later = await ask(page, { jixiao: 2, type: 'get-sheet' });
  assert.deepEqual([later.type, later.code, later.versions], ['error', 'version', [1]]);
  assert.match(later.message, /版本是 1，收到的是版本 2$/);
  // The version as text (as a query string gives it), a type missing or not text: each told
  // why in Chinese, by its id.
  for (const [request, code, why] of [
    [{ jixiao: '1', type: 'get-sheet' }, 'version', /jixiao 应是数字 1.*收到的是文字“1”/],
    [{ jixiao: null, type: 'get-sheet' }, 'version', /jixiao 应是数字 1.*收到的是 null/],
    [{ jixiao: 1 }, 'bad-message', /^消息缺少 type（消息类型）；应为 hello、load、get-sheet、get-evaluation、print 之一$/],
    [{ jixiao: 1, type: 7 }, 'bad-message', /type 应是文字，收到的是 7/],
    [{ jixiao: 1, type: '' }, 'bad-message', /^消息的 type 是空的；应为 hello、/],
    [{ jixiao: 1, type: { name: 'load' } }, 'bad-message', /type 应是文字，收到的是一个对象/],
    // A tester's: a sheet and a template both given opened the sheet, the template unsaid; a
    // template given as a number was told to give one.
    [{ jixiao: 1, type: 'load', sheet: fixture, template: 'project' }, 'bad-message', /^load 消息只能有 sheet 或 template 之一/],
    [{ jixiao: 1, type: 'load', template: 5 }, 'bad-message', /template 应是模板编号（文字，如 'project'），收到的是 5$/],
  ]) {
    const id = `bad ${JSON.stringify(request)}`;
    const answer = await ask(page, { ...request, id });
    assert.deepEqual([answer.jixiao, answer.type, answer.id, answer.code], [1, 'error', id, code], JSON.stringify(answer));
    assert.match(answer.message, why);
    assert.doesNotMatch(answer.message, /undefined|\[object/);
  }

  const template = await ask(page, { jixiao: 1, type: 'load', template: 'department-management' });
  assert.equal(template.type, 'loaded');
  // A blank table's grade is provisional: no final grade to save.
  assert.deepEqual([typeof template.grade, template.final_grade], ['string', null]);
  assert.equal((await ask(page, { jixiao: 1, type: 'get-sheet' })).sheet.kind, 'department');
  const hello = await ask(page, { jixiao: 1, type: 'hello' });
  assert.deepEqual([hello.type, hello.versions], ['ready', [1]]);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a page on a third origin is not answered and changes nothing', async () => {
  const { page, frame } = await portal();
  await ask(page, { jixiao: 1, type: 'load', sheet: fixture });
  // The stranger is framed in the portal's own page, beside the calculator, and posts to it.
  await page.evaluate((src) => new Promise((loaded) => {
    const other = document.createElement('iframe');
    other.src = src;
    other.onload = loaded;
    document.body.append(other);
  }), `${stranger.url}stranger.html`);
  const strange = page.frames().find((f) => f.url().startsWith(stranger.url));
  const warned = page.waitForEvent('console', { predicate: (m) => /忽略/.test(m.text()), timeout: 10000 });
  await strange.evaluate(() => {
    window.heard = [];
    window.addEventListener('message', (event) => window.heard.push(event.data));
    const intruder = { format: 'jixiao-sheet', version: 1, kind: 'project', meta: { project: '陌生人的表' }, indicators: [] };
    parent.frames[0].postMessage({ jixiao: 1, type: 'load', id: 1, sheet: intruder }, '*');
    parent.frames[0].postMessage({ jixiao: 1, type: 'get-sheet', id: 2 }, '*');
  });
  // The frame looked at it and refused it (it says so in its own console, for the portal's
  // developers), then the portal's own request is answered with the sheet unchanged.
  assert.match((await warned).text(), new RegExp(`忽略.*${stranger.url.replace(/\/$/, '').replace(/[.:/]/g, '\\$&')}`));
  assert.equal((await ask(page, { jixiao: 1, type: 'get-sheet' })).sheet.meta.project, '老旧小区微改造');
  assert.deepEqual(await strange.evaluate(() => window.heard), [], 'nothing is sent to the stranger');
  assert.equal(await frame.evaluate(() => document.title), '绩效评分计算器');
  await page.context().close();
});

test('a frame that names another origin does not talk to this portal; a bad origin is shown', async () => {
  const page = await env.page();
  const heard = [];
  await page.exposeFunction('heard', (data) => heard.push(data));
  await page.goto(`${env.url}embed-example.css`); // any page of origin B
  await page.evaluate((src) => {
    window.addEventListener('message', (event) => window.heard(event.data));
    const frame = document.createElement('iframe');
    frame.src = src;
    document.body.append(frame);
  }, `${calculator.url}embed.html?origin=${encodeURIComponent(stranger.url)}&origin=*&origin=${encodeURIComponent(`${env.url}path`)}`);
  const frame = page.frameLocator('iframe');
  await frame.locator('#app[data-ready="true"]').waitFor({ timeout: 20000 });
  const banner = frame.locator('#embed-error');
  assert.match(await banner.innerText(), /“\*”.*不是一个来源/);
  assert.match(await banner.innerText(), /path/);
  const warned = page.waitForEvent('console', { predicate: (m) => /忽略/.test(m.text()), timeout: 10000 });
  await page.evaluate(() => document.querySelector('iframe').contentWindow.postMessage({ jixiao: 1, type: 'hello', id: 1 }, '*'));
  await warned;
  assert.deepEqual(heard, [], 'not ready, not height, no answer: this portal is not the one named');
  await page.context().close();
});

test('a portal named with capitals, a default port or a final slash is the portal: it is answered', async () => {
  const page = await env.page();
  const heard = [];
  await page.exposeFunction('heard', (data) => heard.push(data));
  await page.goto(`${env.url}embed-example.css`); // any page of origin B
  const port = new URL(env.url).port;
  const named = [`HTTP://127.0.0.1:${port}/`, 'HTTPS://Portal.Example.GOV.cn:443'];
  await page.evaluate((src) => {
    window.addEventListener('message', (event) => window.heard(event.data));
    const frame = document.createElement('iframe');
    frame.src = src;
    document.body.append(frame);
  }, `${calculator.url}embed.html?${named.map((o) => `origin=${encodeURIComponent(o)}`).join('&')}`);
  const frame = page.frameLocator('iframe');
  await frame.locator('#app[data-ready="true"]').waitFor({ timeout: 20000 });
  await page.evaluate(() => document.querySelector('iframe').contentWindow.postMessage({ jixiao: 1, type: 'hello', id: 'hi' }, '*'));
  await expectSoon(() => heard.some((m) => m.id === 'hi'));
  assert.deepEqual(heard.find((m) => m.id === 'hi'), { jixiao: 1, type: 'ready', id: 'hi', versions: [1] });
  assert.ok(heard.some((m) => m.type === 'ready' && m.id === undefined), 'the frame said ready by itself');
  assert.equal(await frame.locator('#embed-error').isHidden(), true, 'nothing refused');
  await page.context().close();
});

/** Waits (up to 10 s) until `check()` holds. */
async function expectSoon(check) {
  for (let waited = 0; !check(); waited += 50) {
    if (waited > 10000) throw new Error(`not so after 10 s: ${check}`);
    await new Promise((done) => setTimeout(done, 50));
  }
}

test('a dialog opens where the user is looking, in a frame taller than the window', async () => {
  const { page, calc } = await portal({ width: 1200, height: 700 });
  page.setDefaultTimeout(10000);
  await ask(page, { jixiao: 1, type: 'load', sheet: fixture });
  await page.waitForFunction(() => parseFloat(document.getElementById('calculator').style.height) > 1000);
  for (const scroll of [0, 900]) {
    await page.evaluate((y) => window.scrollTo(0, y), scroll);
    await page.waitForTimeout(300); // a person scrolls, then reaches for the button
    const band = await page.evaluate(() => {
      const r = document.getElementById('calculator').getBoundingClientRect();
      return { top: Math.max(0, -r.top), bottom: Math.min(r.height, window.innerHeight - r.top) };
    });
    // Opened without scrolling the portal (as a dialog opened from the middle of the table
    // is: a click through Playwright would first scroll the bar's button into view).
    await calc.getByRole('button', { name: '设置' }).evaluate((button) => button.click());
    const dialog = calc.getByRole('dialog', { name: '设置' });
    await dialog.waitFor();
    await page.waitForTimeout(100);
    const box = await dialog.evaluate((d) => d.getBoundingClientRect().toJSON());
    assert.ok(box.top >= band.top && box.bottom <= band.bottom, `scrolled ${scroll}: dialog ${box.top}–${box.bottom} within ${band.top}–${band.bottom}`);
    await screenshot(page, `iframe-dialog-${scroll}`);
    await dialog.getByRole('button', { name: '取消' }).click();
  }
  await page.context().close();
});

test('every postMessage on docs/EMBED.md is answered as the page says', async () => {
  const { page } = await portal();
  const examples = blocks('docs/EMBED.md').filter((b) => b.code.includes('calculator.postMessage('));
  assert.ok(examples.length >= 5, `${examples.length} examples`);
  let sent = 0;
  for (const { code } of examples) {
    // The request, what the frame sends before answering it (`// ←`, in that order), the answer.
    const [, request, before, answer] = code.match(/^calculator\.postMessage\((\{.*\}), CALCULATOR_ORIGIN\);\n((?:\/\/ ← \{.*\}\n)*)\/\/ → (\{.*\})$/m);
    await ask(page, { jixiao: 1, type: 'load', sheet: fixture });
    const message = new Function('sheetFromServer', `return (${request});`)(fixture);
    // Loading the sheet already open changes nothing (no `change`): a load starts from a blank one.
    if (message.type === 'load' && message.sheet) await ask(page, { jixiao: 1, type: 'load', template: 'project' });
    const heard = await hearing(page, message);
    const got = heard.at(-1);
    assert.ok(matches(got, written(answer)), `${request}\n  answered ${JSON.stringify(got).slice(0, 300)}\n  documented ${answer}`);
    const first = [...before.matchAll(/^\/\/ ← (\{.*\})$/gm)].map(([, m]) => m);
    const shown = JSON.stringify(heard.map(({ sheet, ...m }) => m));
    assert.equal(heard.length, first.length + 1, `${request}: heard ${shown}, documented ${first.join(' ')} first`);
    first.forEach((m, k) => assert.ok(matches(heard[k], written(m)), `${request}: heard ${shown}, documented ${m} as message ${k + 1}`));
    sent += first.length;
  }
  assert.ok(sent >= 1, 'the page shows what comes before an answer');
  await page.context().close();
});

test('`print` prints the form from the frame, and is answered once the print is done', async () => {
  const { page, frame } = await portal();
  await ask(page, { jixiao: 1, type: 'load', sheet: fixture });
  await frame.evaluate(() => {
    window.printed = [];
    window.print = () => {
      window.dispatchEvent(new Event('beforeprint'));
      window.printed.push(document.getElementById('app').shadowRoot.querySelector('.jx-paper')?.querySelectorAll('tbody tr').length ?? 0);
      window.dispatchEvent(new Event('afterprint'));
    };
  });
  const answer = await ask(page, { jixiao: 1, type: 'print' });
  assert.equal(answer.type, 'printed');
  const rows = await frame.evaluate(() => window.printed);
  assert.equal(rows.length, 1, 'printed once');
  assert.ok(rows[0] > 10, `every row of the form on the paper: ${rows[0]}`);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a sheet loaded says `change` before `loaded`; a blank table is graded 差, with no final grade', async () => {
  const { page } = await portal();
  for (const [request, total, grade, final] of [
    [{ jixiao: 1, type: 'load', sheet: fixture }, '94.51', '优', '优'],
    [{ jixiao: 1, type: 'load', template: 'project' }, '0.00', '差', null],
  ]) {
    const heard = await hearing(page, request);
    assert.deepEqual(heard.map((m) => m.type), ['change', 'loaded'], JSON.stringify(heard.map((m) => m.type)));
    for (const m of heard) assert.deepEqual([m.total, m.grade, m.final_grade], [total, grade, final], m.type);
    // `scored` says whether the total is one yet: none of a blank table's indicators is scored.
    for (const m of heard) assert.equal(m.scored > 0, total !== '0.00', `${m.type}: scored ${m.scored}`);
  }
  // On screen, a blank table has no total and no grade yet; nor in the example portal.
  const calc = page.frameLocator('#calculator');
  assert.equal((await calc.locator('.jx-total strong').innerText()).trim(), '—');
  assert.equal(await page.locator('#status').innerText(), '评分表已修改：总分 —，等级 —');
  // A load refused sends no change, only the error.
  const refused = await hearing(page, { jixiao: 1, type: 'load', template: 'no-such-template' });
  assert.deepEqual(refused.map((m) => [m.type, m.code]), [['error', 'load-failed']]);
  await page.context().close();
});
