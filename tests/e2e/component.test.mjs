// The component and mount() as a portal's own script uses them, on a bare host page of the
// test's own: what they report of a blank table, how they say they could not load, what their
// methods do once destroyed, and what they leave in the host's document.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { start, cell, rowNamed } from './harness.mjs';
import { root } from '../../scripts/setup.mjs';

const fixture = JSON.parse(readFileSync(path.join(root, 'tests', 'fixtures', 'filled_project.json'), 'utf8'));

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

/** Nothing in English before the brackets (but file names and, for the site's administrator,
 * the two settings that say where the files are); the browser's words, if any, in them at the
 * end. */
function assertSaidInChinese(message, what) {
  const [, said] = message.match(/^(.*?)(?:（[^（）]*[A-Za-z][^（）]*）)?$/s);
  assert.match(said, new RegExp(`^${what}未能加载：`), message);
  assert.match(said, /请/, `says what to do: ${message}`);
  const named = /[\w-]+\.(?:wasm|js)|WebAssembly|wasm 属性|window\.JIXIAO_BASE/g;
  assert.doesNotMatch(said.replace(named, ''), /[A-Za-z]{2,}/, `no English before the brackets: ${message}`);
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
    const mounted = await calc.ready.then(() => 'loaded', (e) => e.message);
    // Its buttons, which have no engine to work with, cannot be pressed.
    const live = [...el.shadowRoot.querySelectorAll('.jx-bar button, .jx-bar select')].filter((b) => !b.disabled).map((b) => b.textContent);
    return { event: await event, shown: el.shadowRoot.querySelector('.jx-notice').textContent, mount: mounted, live };
  });
  assert.deepEqual(said.live, []);
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

test('a portal whose policy does not let the page fetch the engine is told to add it to connect-src', async () => {
  const page = await env.page();
  await page.route('**/csp-host.html', (r) => r.fulfill({
    contentType: 'text/html; charset=utf-8',
    body: '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">'
      + `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; connect-src https://api.portal.example.gov.cn; style-src 'self'">`
      + '<script type="module" src="./jixiao.js"></script></head><body><jixiao-calculator template="project"></jixiao-calculator></body></html>',
  }));
  await page.goto(`${env.url}csp-host.html`);
  const said = await page.evaluate(() => customElements.whenDefined('jixiao-calculator')
    .then(() => document.querySelector('jixiao-calculator').ready.then(() => 'loaded', (e) => e.message)));
  assert.match(said, /^计算引擎未能加载：本页的安全策略（Content-Security-Policy）的 connect-src 不允许下载 jixiao_bg\.wasm。请网站管理员在 connect-src 中加上 http:\/\/127\.0\.0\.1:\d+（或 'self'）。$/);
  await page.context().close();

  // The portal's own request its policy refused meanwhile is not the engine's: a missing wasm
  // is said as missing.
  const other = await env.page();
  await other.route('**/jixiao_bg.wasm', (r) => r.fulfill({ status: 404, contentType: 'text/plain', body: 'Not Found' }));
  await other.route('**/beacon.js', (r) => r.fulfill({ contentType: 'text/javascript', body: "const beat = setInterval(() => fetch('https://analytics.portal.example.gov.cn/hit').catch(() => {}), 5); setTimeout(() => clearInterval(beat), 3000);" }));
  await other.route('**/csp-host2.html', (r) => r.fulfill({
    contentType: 'text/html; charset=utf-8',
    body: '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">'
      + `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; style-src 'self'">`
      + '<script type="module" src="./beacon.js"></script><script type="module" src="./jixiao.js"></script></head><body><jixiao-calculator template="project"></jixiao-calculator></body></html>',
  }));
  await other.goto(`${env.url}csp-host2.html`);
  const missing = await other.evaluate(() => customElements.whenDefined('jixiao-calculator')
    .then(() => document.querySelector('jixiao-calculator').ready.then(() => 'loaded', (e) => e.message)));
  assert.match(missing, /jixiao_bg\.wasm（404）/);
  assert.doesNotMatch(missing, /connect-src/);
  await other.context().close();
});

test('a page whose own script cannot load says so in Chinese, with what to do, instead of loading for ever', async () => {
  for (const [address, script, answer, words] of [
    ['', 'app.js', { status: 404, contentType: 'text/plain', body: 'Not Found' }, /服务器上没有文件 app\.js（404）。请告知网站管理员/],
    ['', 'app.js', { status: 503, contentType: 'text/plain', body: 'Busy' }, /服务器未能送出文件 app\.js（状态码 503）。请稍后刷新页面再试/],
    ['', 'app.js', { status: 200, contentType: 'text/html', body: '<!doctype html><p>登录</p>' }, /app\.js 没有标明是脚本.*请告知网站管理员.*（Content-Type: text\/html, expected text\/javascript）$/],
    ['embed.html', 'embed.js', { status: 404, contentType: 'text/plain', body: 'Not Found' }, /服务器上没有文件 embed\.js（404）/],
  ]) {
    const page = await env.page();
    await page.route(`**/${script}`, (r) => r.fulfill(answer));
    await page.goto(`${env.url}${address}`);
    const shown = page.locator('#app[data-ready="failed"] [role="alert"]');
    await shown.waitFor({ timeout: 5000 });
    const text = await shown.innerText();
    assertSaidInChinese(text, '计算器');
    assert.match(text, words);
    // Its inline script ran under the page's strict policy (a script refused would say so).
    assert.deepEqual(page.errors.filter((e) => !/Failed to load resource|MIME type/.test(e)), [], `${address || 'index.html'}, ${answer.status}`);
    await page.context().close();
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

test('mount()’s methods before ready, after a failed load and after destroy() throw in Chinese, with a code', async () => {
  const page = await host();
  const got = await page.evaluate(async () => {
    const { mount } = await import('./jixiao.js');
    const METHODS = ['getSheet', 'getJson', 'report', 'setSheet', 'loadTemplate', 'undo', 'redo'];
    const ARGS = { setSheet: [{ format: 'jixiao-sheet', version: 2, kind: 'project' }], loadTemplate: ['project'] };
    const attempt = (calc) => Object.fromEntries(METHODS.map((m) => {
      try {
        calc[m](...(ARGS[m] ?? []));
        return [m, 'done'];
      } catch (e) {
        return [m, { name: e.name, code: e.code, message: e.message }];
      }
    }));
    // (First: an engine loaded once is every calculator's, whatever its `wasm` says.)
    const failing = mount(document.getElementById('slot').appendChild(document.createElement('div')), { wasm: './nowhere.wasm' });
    await failing.ready.catch(() => {});
    const failed = attempt(failing).getSheet;
    const changes = [];
    const box = document.getElementById('slot').appendChild(document.createElement('div'));
    const calc = mount(box, { template: 'project', onChange: () => changes.push('change') });
    const early = attempt(calc);
    await calc.ready;
    const working = calc.getSheet().kind;
    calc.destroy();
    const destroyed = attempt(calc);
    const harmless = [() => calc.setCompact(true), () => calc.destroy()].map((run) => {
      try {
        return run() === undefined ? 'quiet' : 'returned';
      } catch (e) {
        return e.message;
      }
    });
    return { early, working, destroyed, harmless, failed, changes: changes.length, left: box.shadowRoot.childNodes.length };
  });
  for (const [when, code, words] of [['early', 'not-ready', /尚未加载完成，请在 ready 之后调用$/], ['destroyed', 'destroyed', /已销毁.*请重新 mount\(\)$/]]) {
    for (const [method, thrown] of Object.entries(got[when])) {
      assert.equal(thrown.name, 'Error', `${when} ${method}: ${JSON.stringify(thrown)}`);
      assert.equal(thrown.code, code, `${when} ${method}`);
      assert.ok(thrown.message.startsWith(`${method}()：`), thrown.message);
      assert.match(thrown.message, words);
    }
  }
  assert.equal(got.working, 'project');
  assert.deepEqual(got.harmless, ['quiet', 'quiet']);
  assert.equal(got.failed.code, 'failed');
  assert.match(got.failed.message, /^getSheet\(\)：计算器未能加载，无法使用。计算引擎未能加载：服务器上没有文件 nowhere\.wasm（404）/);
  assert.equal(got.changes, 0, 'nothing opened after destroy()');
  assert.equal(got.left, 0, 'the destroyed calculator is out of the page');
  assert.deepEqual(page.errors.filter((e) => !/404/.test(e)), []);
  await page.context().close();
});

/** Counts the calculators the core builds and frees (window.calculators), at the wasm
 * module's exports as the glue calls them. */
function countCalculators(page) {
  return page.addInitScript(() => {
    window.calculators = { built: 0, freed: 0 };
    const wrap = (result) => {
      if (!result?.instance?.exports?.__wbg_calculator_free) return result;
      const exports = { ...result.instance.exports };
      for (const [name, run] of Object.entries(exports)) {
        const counted = name === '__wbg_calculator_free' ? 'freed' : /^calculator_(from[A-Z]\w*|empty)$/.test(name) ? 'built' : null;
        if (counted) {
          exports[name] = (...args) => {
            const value = run(...args);
            window.calculators[counted]++;
            return value;
          };
        }
      }
      return { instance: { exports }, module: result.module };
    };
    const streaming = WebAssembly.instantiateStreaming;
    WebAssembly.instantiateStreaming = async (...args) => wrap(await streaming.apply(WebAssembly, args));
  });
}

test('a calculator taken out of the page or destroyed while its engine loads leaves no calculator behind', async () => {
  const page = await host(countCalculators);
  const got = await page.evaluate(async () => {
    const { mount } = await import('./jixiao.js');
    const slot = document.getElementById('slot');
    const el = slot.appendChild(document.createElement('jixiao-calculator'));
    el.remove();
    const calc = mount(slot.appendChild(document.createElement('div')), {});
    calc.destroy();
    await calc.ready;
    await new Promise((done) => setTimeout(done, 300));
    const gone = { ...window.calculators };
    // One kept, to show the count sees calculators.
    const kept = mount(slot.appendChild(document.createElement('div')), {});
    await kept.ready;
    return { gone, kept: { ...window.calculators }, left: el.shadowRoot?.firstChild?.childNodes.length ?? 0 };
  });
  assert.equal(got.gone.built - got.gone.freed, 0, `built ${got.gone.built}, freed ${got.gone.freed}`);
  assert.equal(got.kept.built - got.kept.freed, 1, JSON.stringify(got.kept));
  assert.equal(got.left, 0, 'nothing drawn into the element taken out');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a sheet set on the element before ready: a failed load or a sheet that cannot be read is said, never left unhandled', async () => {
  const missing = (page) => page.route('**/jixiao_bg.wasm', (r) => r.fulfill({ status: 404, contentType: 'text/plain', body: 'Not Found' }));
  for (const [route, sheet, words] of [
    [missing, { format: 'jixiao-sheet', version: 2, kind: 'project', meta: { project: '未能打开的表' } }, /^计算引擎未能加载：服务器上没有文件 jixiao_bg\.wasm（404）/],
    [null, '{"format": "jixiao-sheet", "version": 2, "kind": ', /[\u4e00-\u9fff]/],
  ]) {
    const page = await host(route);
    const got = await page.evaluate(async (value) => {
      const unhandled = [];
      window.addEventListener('unhandledrejection', (e) => unhandled.push(String(e.reason?.message ?? e.reason)));
      await import('./jixiao.js');
      const el = document.createElement('jixiao-calculator');
      const said = [];
      el.addEventListener('jixiao-error', (e) => said.push(e.detail.message));
      document.getElementById('slot').append(el);
      el.sheet = value;
      await el.ready.catch(() => {});
      await new Promise((done) => setTimeout(done, 300));
      return { said, unhandled, shown: el.shadowRoot.querySelector('.jx-notice')?.textContent ?? '' };
    }, sheet);
    assert.deepEqual(got.unhandled, [], 'no unhandled rejection');
    assert.equal(got.said.length, 1, `said once: ${JSON.stringify(got.said)}`);
    assert.match(got.said[0], words);
    if (route) assert.ok(got.shown.startsWith(got.said[0]), 'and shown in the calculator, as the failed load is');
    assert.deepEqual(page.errors.filter((e) => !/404/.test(e)), []);
    await page.context().close();
  }
});

test('the element taken out of the page before it was ready keeps a sheet set meanwhile', async () => {
  const page = await host();
  const project = await page.evaluate(async () => {
    await import('./jixiao.js');
    const el = document.createElement('jixiao-calculator');
    const slot = document.getElementById('slot');
    slot.append(el);
    el.sheet = { format: 'jixiao-sheet', version: 2, kind: 'project', meta: { project: '移走前设的表' } };
    el.remove();
    await new Promise((done) => setTimeout(done, 300));
    slot.append(el);
    await el.ready;
    await new Promise((done) => setTimeout(done, 50));
    return el.sheet?.meta?.project;
  });
  assert.equal(project, '移走前设的表');
  // Set before it was put in (as a tab widget or a rebuilt modal does), then taken out before
  // ready: the sheet it was opening stays its sheet while out, and opens when put back (the
  // blank template opened instead, without a word).
  const before = await page.evaluate(async () => {
    const el = document.createElement('jixiao-calculator');
    const slot = document.getElementById('slot');
    el.sheet = { format: 'jixiao-sheet', version: 2, kind: 'project', meta: { project: '放入前设的表' } };
    slot.append(el);
    el.remove();
    await new Promise((done) => setTimeout(done, 100));
    const whileOut = el.sheet?.meta?.project ?? null;
    slot.append(el);
    await el.ready;
    await new Promise((done) => setTimeout(done, 50));
    return { whileOut, opened: el.sheet?.meta?.project ?? null };
  });
  assert.deepEqual(before, { whileOut: '放入前设的表', opened: '放入前设的表' });
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a change’s sheet set back by a binding catching up is not opened again; set back later, as a 恢复, it is', async () => {
  const page = await host();
  await page.evaluate(async () => {
    await import('./jixiao.js');
    const el = document.createElement('jixiao-calculator');
    el.setAttribute('template', 'project');
    document.getElementById('slot').append(el);
    await el.ready;
    window.changes = [];
    el.addEventListener('jixiao-change', (e) => window.changes.push(e.detail.sheet));
    el.sheet = { format: 'jixiao-sheet', version: 2, kind: 'project', meta: { project: '甲' } };
    window.el = el;
  });
  await page.waitForFunction(() => window.changes.length > 0);
  const field = page.getByRole('textbox', { name: '项目名称', exact: true });
  await field.fill('乙');
  const project = () => page.evaluate(() => window.el.sheet.meta.project);
  // A binding handing back the sheets it was given, the last or one before it, at once.
  await page.evaluate(() => {
    window.el.sheet = window.changes.at(-1);
    window.el.sheet = window.changes[0];
  });
  assert.equal(await project(), '乙');
  // The portal's 恢复到上次保存, once the calculator has been still a while: opened.
  await page.waitForTimeout(1100);
  await page.evaluate(() => {
    window.el.sheet = window.changes[0];
  });
  assert.equal(await project(), '甲');
  assert.equal(await field.inputValue(), '甲');
  // Switched to another record and straight back: the one switched back to opens.
  const back = await page.evaluate(async () => {
    const was = window.changes.at(-1);
    window.el.sheet = { format: 'jixiao-sheet', version: 2, kind: 'project', meta: { project: '丙' } };
    window.el.sheet = was;
    return window.el.sheet.meta.project;
  });
  assert.equal(back, '甲');
  // Another calculator's sheet set on this one: opened, not taken for this one's echo.
  const other = await page.evaluate(async () => {
    const b = document.createElement('jixiao-calculator');
    b.setAttribute('template', 'project');
    document.getElementById('slot').append(b);
    await b.ready;
    const fromB = await new Promise((resolve) => {
      b.addEventListener('jixiao-change', (e) => resolve(e.detail.sheet), { once: true });
      b.sheet = { format: 'jixiao-sheet', version: 2, kind: 'project', meta: { project: '丁' } };
    });
    window.el.sheet = fromB;
    return window.el.sheet.meta.project;
  });
  assert.equal(other, '丁');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

/** The element on a bare host page with `sheet` open, as `window.el`. */
async function withSheet(sheet) {
  const page = await host();
  await page.evaluate(async (opened) => {
    await import('./jixiao.js');
    const el = document.createElement('jixiao-calculator');
    document.getElementById('slot').append(el);
    await el.ready;
    el.sheet = opened;
    window.el = el;
  }, sheet);
  return page;
}

test('a change’s detail keeps what was read of it; read late, its fields agree with each other', async () => {
  const page = await withSheet(fixture);
  const calc = page.locator('jixiao-calculator');
  await page.evaluate(() => {
    window.details = [];
    window.el.addEventListener('jixiao-change', (e) => window.details.push(e.detail));
  });
  const row = await rowNamed(calc, '完成改造面积');
  await (await cell(calc, row, 'actual')).fill('3');
  // A detail whose sheet and total a portal read at once (its save).
  const atThree = await page.evaluate(() => {
    window.read = window.details.at(-1);
    return { actual: window.read.sheet.indicators[1].children[0].children[0].actual, total: window.read.totals.total };
  });
  assert.equal(atThree.actual, '3');
  // The next change's detail, kept unread; then the table changes again.
  await (await cell(calc, row, 'actual')).fill('0.3');
  await page.evaluate(() => {
    window.unread = window.details.at(-1);
  });
  await (await cell(calc, row, 'actual')).fill('0.5');
  const now = await page.evaluate(() => window.el.evaluation.total);
  assert.notEqual(now, atThree.total, 'the states score apart');
  const late = await page.evaluate(() => [window.read, window.unread].map((d) => {
    const pick = (x) => ({ actual: x.sheet.indicators[1].children[0].children[0].actual, total: x.totals.total,
      evaluation: x.evaluation.total, json: JSON.parse(x.json).indicators[1].children[0].children[0].actual });
    return [pick(d), pick(d)];
  }));
  // What was read in the handler is kept: the change's own sheet and total, read again later.
  assert.deepEqual([late[0][0].actual, late[0][0].total], ['3', atThree.total]);
  // Read first after the table moved on, every field is of the table as it is then, together.
  assert.deepEqual(late[1][0], { actual: '0.5', total: now, evaluation: now, json: '0.5' });
  for (const [first, again] of late) assert.deepEqual(again, first, 'read twice, the same');
  // Read first after the portal opened another sheet: no field gives that sheet as this one.
  const closed = await page.evaluate(() => {
    const kept = window.details.at(-1);
    window.el.sheet = { format: 'jixiao-sheet', version: 2, kind: 'project', meta: { project: '另一个项目' } };
    return ['json', 'sheet', 'totals', 'evaluation'].map((field) => {
      try {
        return [field, kept[field] && 'read'];
      } catch (error) {
        return [field, error.code, /已不再打开/.test(error.message)];
      }
    });
  });
  assert.deepEqual(closed, [['json', 'closed', true], ['sheet', 'closed', true], ['totals', 'closed', true], ['evaluation', 'closed', true]]);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a change handler writing back a copy of its sheet, as a store does, loops not and loses nothing typed', async () => {
  const page = await withSheet(fixture);
  const calc = page.locator('jixiao-calculator');
  const row = await rowNamed(calc, '完成改造面积');
  for (const [copy, typed] of [['structuredClone', '甲乙丙'], ['JSON.parse', '戊己']]) {
    await page.evaluate((how) => {
      window.changes = 0;
      window.store = (e) => {
        window.changes += 1;
        window.el.sheet = how === 'JSON.parse' ? JSON.parse(e.detail.json) : structuredClone(e.detail.sheet);
      };
      window.el.addEventListener('jixiao-change', window.store);
    }, copy);
    const reason = await cell(calc, row, 'reason');
    await reason.fill('');
    await reason.focus();
    await page.keyboard.type(typed, { delay: 20 });
    await page.keyboard.press('Alt+Enter');
    await page.keyboard.type('丁', { delay: 20 });
    const after = await page.evaluate(() => ({
      reason: window.el.sheet.indicators[1].children[0].children[0].reason,
      focused: window.el.shadowRoot.activeElement?.dataset.key ?? null,
      changes: window.changes,
    }));
    assert.equal(after.reason, `${typed}\n丁`, `${copy}: every character typed is kept`);
    assert.equal(after.focused, 'reason', `${copy}: the caret stays in the cell`);
    assert.ok(after.changes >= 4 && after.changes < 20, `${copy}: one change a keystroke, none nested: ${after.changes}`);
    await page.evaluate(() => window.el.removeEventListener('jixiao-change', window.store));
  }
  // A sheet set by the host while such a handler listens: opened once, its change told once; the
  // handler's own write of a normalised copy (here, another 项目名称) is opened, not told back.
  const set = await page.evaluate((opened) => {
    let told = 0;
    window.el.addEventListener('jixiao-change', (e) => {
      told += 1;
      window.el.sheet = { ...JSON.parse(e.detail.json), meta: { ...e.detail.sheet.meta, project: '规范化的名称' } };
    });
    window.el.sheet = { ...opened, meta: { ...opened.meta, project: '门户设的表' } };
    return { told, project: window.el.sheet.meta.project };
  }, fixture);
  assert.deepEqual(set, { told: 1, project: '规范化的名称' });
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('打印 from inside a portal’s modal prints the whole calculator, not the part the modal shows', async () => {
  const page = await host();
  await page.evaluate(async () => {
    const { mount } = await import('./jixiao.js');
    document.head.append(Object.assign(document.createElement('style'), {
      textContent: 'html, body { height: 100%; overflow: hidden } .mask { position: fixed; inset: 0 } .box { margin: 40px auto; width: 1000px; height: 300px; overflow: auto }',
    }));
    const box = document.body.appendChild(Object.assign(document.createElement('div'), { className: 'mask' }))
      .appendChild(Object.assign(document.createElement('div'), { className: 'box' }));
    const calc = mount(box.appendChild(Object.assign(document.createElement('div'), { id: 'in-modal' })), { template: 'project' });
    await calc.ready;
    window.print = () => window.dispatchEvent(new Event('beforeprint'));
  });
  await page.locator('#in-modal').getByRole('button', { name: '打印', exact: true }).click();
  await page.emulateMedia({ media: 'print' });
  const paper = await page.evaluate(() => {
    const calc = document.getElementById('in-modal');
    const clipped = [];
    for (let at = calc.parentElement; at; at = at.parentElement) {
      const style = getComputedStyle(at);
      if (style.overflow !== 'visible' || style.position === 'fixed' || at.getBoundingClientRect().height < calc.getBoundingClientRect().height) clipped.push(at.className || at.tagName);
    }
    return { clipped, tall: calc.getBoundingClientRect().height > 300 };
  });
  assert.deepEqual(paper, { clipped: [], tall: true });
  await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  await page.emulateMedia({ media: null });
  assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('.box')).overflow), 'auto', 'the portal’s boxes as they were after');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('Esc that closes the calculator’s dialog or restores a cell does not also close the portal’s modal', async () => {
  const page = await host();
  await page.evaluate(async () => {
    const { mount } = await import('./jixiao.js');
    const modal = document.body.appendChild(Object.assign(document.createElement('div'), { id: 'modal' }));
    window.closedBy = [];
    modal.addEventListener('keydown', (e) => e.key === 'Escape' && window.closedBy.push(e.composedPath()[0].tagName));
    const calc = mount(modal.appendChild(Object.assign(document.createElement('div'), { id: 'calc' })), { template: 'project' });
    await calc.ready;
  });
  await page.locator('#calc').getByRole('button', { name: '设置', exact: true }).click();
  await page.getByRole('dialog').waitFor();
  await page.keyboard.press('Escape');
  await page.getByRole('dialog').waitFor({ state: 'detached' });
  // A cell of the table typed into (an indicator's 年度指标值), then Esc, which restores it.
  const cell = page.locator('#calc .jx-grid [data-index="3"] [data-cell="target"]');
  await cell.click();
  await page.keyboard.type('9');
  await page.keyboard.press('Escape');
  // Esc in a field the calculator does nothing with is the portal's, as before.
  await page.locator('#calc').getByRole('textbox', { name: '项目名称', exact: true }).click();
  await page.keyboard.press('Escape');
  assert.deepEqual(await page.evaluate(() => window.closedBy), ['TEXTAREA'], 'an Esc the calculator did nothing with is the portal’s');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('with autosave, a portal setting its sheet at every visit keeps it once, not a copy a visit', async () => {
  const page = await host();
  const visit = (how) => page.evaluate(async (way) => {
    const { mount } = await import('./jixiao.js');
    const sheet = { format: 'jixiao-sheet', version: 2, kind: 'project', meta: { project: '河道清淤', year: '2023' },
      funds: [{ name: '年度资金总额', budget: '200', spent: '190' }] };
    const slot = document.getElementById('slot');
    const calc = mount(slot, { autosave: 'portal', ...(way === 'option' ? { sheet } : {}) });
    await calc.ready;
    if (way === 'set') calc.setSheet(sheet);
    await new Promise((done) => setTimeout(done, 1200));
    const index = JSON.parse(localStorage.getItem('portal:index'));
    const names = index.workbooks[0].sheets.map((s) => JSON.parse(localStorage.getItem(`portal:sheet:${s.id}`)).meta?.project ?? '');
    calc.destroy();
    return names;
  }, how);
  assert.deepEqual(await visit('set'), ['河道清淤'], 'the untouched starting sheet made way for it');
  await page.reload();
  assert.deepEqual(await visit('set'), ['河道清淤']);
  await page.reload();
  assert.deepEqual(await visit('option'), ['河道清淤']);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('mount(…, { shadow: false }) takes its style sheet off the host document when the last such calculator goes', async () => {
  const page = await host();
  const got = await page.evaluate(async () => {
    const { mount } = await import('./jixiao.js');
    // The host's own adopted sheet, which must stay.
    const own = new CSSStyleSheet();
    own.replaceSync('#slot { outline: 1px solid green; }');
    document.adoptedStyleSheets = [own];
    const sheets = () => document.adoptedStyleSheets.length;
    const slot = document.getElementById('slot');
    const boxes = [0, 1].map(() => slot.appendChild(document.createElement('div')));
    const [first, second] = boxes.map((box) => mount(box, { shadow: false }));
    const shadowed = mount(slot.appendChild(document.createElement('div')), {});
    await Promise.all([first.ready, second.ready, shadowed.ready]);
    const styled = (box) => getComputedStyle(box.querySelector('.jx-grade')).borderRadius;
    const both = sheets();
    first.destroy();
    const one = { sheets: sheets(), styled: styled(boxes[1]) };
    shadowed.destroy();
    const shadowGone = sheets();
    second.destroy();
    return { both, one, shadowGone, none: sheets(), ownKept: document.adoptedStyleSheets[0] === own };
  });
  assert.deepEqual(got, { both: 2, one: { sheets: 2, styled: '8px' }, shadowGone: 2, none: 1, ownKept: true });
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('in a portal’s page: its body text styles stay out, a stored sheet that cannot be read is said, and ready waits for the element', async () => {
  const page = await host();
  const got = await page.evaluate(async () => {
    // An old portal's reset of body text, which a shadow root lets through by inheritance.
    const portal = new CSSStyleSheet();
    portal.replaceSync('body { text-align: center; letter-spacing: 3px; text-transform: uppercase; text-indent: 2em; white-space: nowrap; }');
    document.adoptedStyleSheets = [portal];
    const { mount } = await import('./jixiao.js');
    const bad = '{"format":"jixiao-sheet","version":2,"kind":"project","portalId":7}';
    // The element made and given the stored sheet before it is put in the page.
    const el = document.createElement('jixiao-calculator');
    const said = [];
    el.addEventListener('jixiao-error', (e) => said.push(e.detail.message));
    el.sheet = bad;
    const ready = el.ready;
    document.getElementById('slot').append(el);
    await ready;
    // Set once ready, the setter throws, with the code onError gives such a sheet.
    let thrown = null;
    try {
      el.sheet = bad;
    } catch (error) {
      thrown = [error.code, error.message];
    }
    const label = el.shadowRoot.querySelector('.jx-meta label');
    const style = getComputedStyle(label);
    // mount() told the same, once ready.
    const errors = [];
    const calc = mount(document.getElementById('slot').appendChild(document.createElement('div')), { sheet: bad, onError: (e) => errors.push([e.code, e.message]) });
    await calc.ready;
    await new Promise((done) => setTimeout(done, 50));
    // A closed side panel hides by visibility (Bootstrap's offcanvas): the calculator in it too.
    const panel = document.getElementById('slot').appendChild(document.createElement('div'));
    panel.style.visibility = 'hidden';
    const inPanel = mount(panel.appendChild(document.createElement('div')), {});
    await inPanel.ready;
    const hiddenInPanel = !panel.firstChild.shadowRoot.querySelector('.jx').checkVisibility({ visibilityProperty: true });
    return {
      hiddenInPanel,
      evaluation: el.evaluation !== null,
      said,
      errors,
      thrown,
      style: [style.textAlign, style.letterSpacing, style.textTransform, style.textIndent, style.whiteSpace],
    };
  });
  assert.equal(got.evaluation, true, 'ready asked for before the element was in the page waits until it is drawn');
  assert.equal(got.hiddenInPanel, true, 'hidden with the panel it is in');
  assert.equal(got.said.length, 1, JSON.stringify(got.said));
  assert.match(got.said[0], /portalId/);
  assert.deepEqual(got.errors.map(([code]) => code), ['load-failed']);
  assert.deepEqual(got.thrown, ['load-failed', got.said[0]]);
  assert.equal(got.errors[0][1], got.said[0]);
  assert.deepEqual(got.style, ['start', 'normal', 'none', '0px', 'normal']);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('two calculators on one page: 打印 in one prints it alone, and the older of two mounted on one host goes without the newer', async () => {
  const page = await host();
  await page.evaluate(async () => {
    const { mount } = await import('./jixiao.js');
    document.body.prepend(Object.assign(document.createElement('nav'), { id: 'portal-menu', textContent: '门户菜单' }));
    const slot = document.getElementById('slot');
    const a = mount(slot.appendChild(Object.assign(document.createElement('div'), { id: 'a' })), { template: 'project' });
    const b = mount(slot.appendChild(Object.assign(document.createElement('div'), { id: 'b' })), { template: 'summary' });
    await Promise.all([a.ready, b.ready]);
    // Printing is the browser's dialog: its events, as Ctrl+P or window.print() sends them.
    window.print = () => window.dispatchEvent(new Event('beforeprint'));
  });
  const printButton = page.locator('#a').getByRole('button', { name: '打印', exact: true });
  await printButton.click();
  await page.emulateMedia({ media: 'print' });
  const shown = await page.evaluate(() => ({
    a: document.getElementById('a').shadowRoot.querySelector('.jx').checkVisibility(),
    b: document.getElementById('b').shadowRoot.querySelector('.jx').checkVisibility(),
    menu: document.getElementById('portal-menu').checkVisibility(),
  }));
  assert.deepEqual(shown, { a: true, b: false, menu: false });
  await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  // The portal's own print (Ctrl+P on its page) is the portal's page: every part of it.
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  const own = await page.evaluate(() => ({
    b: document.getElementById('b').shadowRoot.querySelector('.jx').checkVisibility(),
    menu: document.getElementById('portal-menu').checkVisibility(),
  }));
  assert.deepEqual(own, { b: true, menu: true });
  await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  assert.equal(await page.evaluate(() => document.adoptedStyleSheets.length), 0, 'the page rule only while printing');
  await page.emulateMedia({ media: null });

  // A framework drawing the new calculator before letting the old one go.
  const left = await page.evaluate(async () => {
    const { mount } = await import('./jixiao.js');
    const box = document.getElementById('slot').appendChild(document.createElement('div'));
    const old = mount(box, { template: 'project' });
    await old.ready;
    const fresh = mount(box, { template: 'key-evaluation' });
    await fresh.ready;
    old.destroy();
    return [box.shadowRoot.querySelectorAll('.jx').length, fresh.getSheet().kind];
  });
  assert.deepEqual(left, [1, 'project']);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('in a portal’s flex, grid or table layout the calculator fits its column and does not widen the page', async () => {
  const page = await host();
  await page.setViewportSize({ width: 900, height: 700 });
  const got = await page.evaluate(async () => {
    await import('./jixiao.js');
    const slot = document.getElementById('slot');
    const widths = {};
    for (const [kind, shell] of [
      ['flex', '<div style="display:flex"><nav style="width:240px;flex:none">菜单</nav><main style="flex:1"></main></div>'],
      ['grid', '<div style="display:grid;grid-template-columns:240px 1fr"><nav>菜单</nav><main></main></div>'],
      ['table', '<table style="width:100%"><tr><td style="width:240px">菜单</td><td><main></main></td></tr></table>'],
    ]) {
      slot.innerHTML = shell;
      const el = document.createElement('jixiao-calculator');
      slot.querySelector('main').append(el);
      await el.ready;
      await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
      widths[kind] = { page: document.documentElement.scrollWidth, calculator: Math.round(el.getBoundingClientRect().width) };
      el.remove();
    }
    return widths;
  });
  for (const [kind, { page: width, calculator }] of Object.entries(got)) {
    assert.ok(width <= 900, `${kind}: the page is ${width} px wide in a 900 px window`);
    assert.ok(calculator <= 900 - 240, `${kind}: the calculator is ${calculator} px wide beside a 240 px menu`);
  }
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a template attribute naming none there is is said to the portal and the user, with the ids there are', async () => {
  const page = await host();
  const got = await page.evaluate(async () => {
    await import('./jixiao.js');
    const el = document.createElement('jixiao-calculator');
    el.setAttribute('template', 'Project');
    const said = [];
    el.addEventListener('jixiao-error', (e) => said.push(e.detail.message));
    document.getElementById('slot').append(el);
    await el.ready;
    await new Promise((done) => setTimeout(done, 300));
    return { said, shown: el.shadowRoot.querySelector('.jx-notice')?.textContent ?? '', kind: el.sheet?.kind };
  });
  // It said only 没有模板“Project”, to the user alone, who could do nothing about it.
  assert.equal(got.said.length, 1, JSON.stringify(got.said));
  assert.match(got.said[0], /^没有模板“Project”；可用模板：project、key-evaluation、department-efficiency、department-management、summary。已打开项目支出绩效自评表；请在嵌入本计算器的页面上改正 template 的值$/);
  assert.ok(got.shown.startsWith(got.said[0]), got.shown);
  assert.equal(got.kind, 'project');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
