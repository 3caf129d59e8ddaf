// Issue 6 in the browser: a locked-down page, hostile text shown as text, an embedded
// component that leaves its host alone, and no work lost to a crashed tab or a full storage.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { start, ready, cell, score, total, screenshot, exportAs, openFile, ownRequestsOnly, trappable } from './harness.mjs';
import { root } from '../../scripts/setup.mjs';

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.close();
});

/** Records Content-Security-Policy violations (they also appear as console errors). */
async function recordViolations(page) {
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.effectiveDirective} ${e.blockedURI}`), true);
  });
}

const PROBE = `window.__probe = { eval: (() => { try { return String(eval('1 + 1')); } catch (e) { return e.name; } })() };
window.__probe.remote = fetch('https://example.com/x').then(() => 'fetched', (e) => e.name);`;

/**
 * Injected markup cannot run script, and a script of the page's own origin (served by the
 * test, as a tampered file would be) can neither eval nor reach another origin.
 */
async function assertLockedDown(page, { sameOriginScript }) {
  const inline = await page.evaluate(async () => {
    const script = document.createElement('script');
    script.textContent = 'window.__inline = true;';
    document.head.append(script);
    const img = document.createElement('img');
    img.src = 'https://example.com/pixel.png';
    document.body.append(img);
    await new Promise((done) => setTimeout(done, 100));
    return window.__inline ?? false;
  });
  assert.equal(inline, false, 'an injected inline script does not run');
  if (sameOriginScript) {
    await page.evaluate(() => new Promise((done) => {
      const script = document.createElement('script');
      script.src = './csp-probe.js';
      script.onload = done;
      document.head.append(script);
    }));
    const probe = await page.evaluate(async () => ({ eval: window.__probe.eval, remote: await window.__probe.remote }));
    assert.deepEqual(probe, { eval: 'EvalError', remote: 'TypeError' }, 'eval and a remote fetch are refused');
  }
  const violations = await page.evaluate(() => window.__violations);
  assert.ok(violations.some((v) => v.startsWith('script-src')), violations.join('\n'));
  assert.ok(violations.some((v) => v.startsWith('img-src') && v.includes('example.com')), violations.join('\n'));
  if (sameOriginScript) assert.ok(violations.some((v) => v.startsWith('connect-src')), violations.join('\n'));
}

test('the hosted page runs under a policy that allows no remote origin and no eval', async () => {
  const page = await env.page();
  await recordViolations(page);
  await page.route('**/csp-probe.js', (route) => route.fulfill({ contentType: 'text/javascript', body: PROBE }));
  await page.goto(env.url);
  await ready(page);
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.doesNotMatch(csp, /https?:|unsafe-inline|'unsafe-eval'|\*/);
  // Work through the page: edit, the spreadsheet module (fetched and compiled), export.
  await page.getByLabel('资金第1行全年预算数').fill('420.00');
  await page.getByLabel('资金第1行全年执行数').pressSequentially('404.25');
  assert.equal(await score(page, 0), '9.63');
  const xlsx = await exportAs(page, /当前表格 → Excel/);
  assert.equal(readFileSync(xlsx.file).subarray(0, 2).toString(), 'PK');
  assert.deepEqual(await page.evaluate(() => window.__violations), [], 'the page itself needs nothing the policy refuses');
  assert.deepEqual(page.errors, []);
  assert.deepEqual(ownRequestsOnly(page, env.origin), [], 'the page asked for nothing beyond its origin');
  await assertLockedDown(page, { sameOriginScript: true });
});

test('the offline file allows only its own script, by hash', async () => {
  const page = await env.page();
  await recordViolations(page);
  await page.goto(pathToFileURL(path.join(root, 'dist', 'jixiao-offline.html')).href);
  await ready(page);
  await page.getByLabel('资金第1行全年预算数').fill('100');
  await page.getByLabel('资金第1行全年执行数').fill('50');
  assert.equal(await score(page, 0), '5.00');
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  assert.match(csp, /script-src 'sha256-[A-Za-z0-9+/=]+' 'wasm-unsafe-eval'/);
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  assert.deepEqual(page.errors, []);
  await assertLockedDown(page, { sameOriginScript: false });
});

test('markup typed or imported is shown as text, never run', async () => {
  const page = await env.page();
  const dialogs = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    d.dismiss();
  });
  await page.goto(env.url);
  await ready(page);
  const hostile = '<img src=x onerror=alert(1)>';
  const sheet = {
    format: 'jixiao-sheet',
    version: 1,
    kind: 'department',
    meta: { unit: '<script>alert(2)</script>', project: '"><svg onload=alert(3)>', year: '2023' },
    settings: { total_weight: '10' },
    indicators: [{ name: hostile, weight: '10', target: '100', actual: '<b>80</b>', unit: '<i>天</i>', reason: '<a href="javascript:alert(4)">原因</a>' }],
  };
  await openFile(page, '"><img src=y onerror=alert(5)>.json', JSON.stringify(sheet));
  const name = page.locator('[data-index="0"] [data-cell="name"] .jx-text');
  await name.waitFor();
  assert.equal((await name.innerText()).trim(), hostile);
  // The bad actual is reported at its cell, in words, and shown as typed.
  assert.match(await page.locator('[data-index="0"] [data-cell="actual"]').innerText(), /<b>80<\/b>/);
  // Typed into a cell, too.
  await (await cell(page, 0, 'name')).fill('<iframe src="javascript:alert(6)"></iframe>');
  await page.keyboard.press('Enter');
  const injected = await page.locator('#app').evaluate((app) => {
    const root = app.shadowRoot ?? app;
    return root.querySelectorAll('img, script:not([type]), svg[onload], iframe, b, i, a[href^="javascript"]').length;
  });
  assert.equal(injected, 0, 'no element was created from user text');
  // The tab is named after the file's 项目 field, shown as text too.
  assert.match(await page.locator('[role="tablist"]').first().innerText(), /"><svg onload=alert\(3\)>/);
  await page.waitForTimeout(300);
  assert.deepEqual(dialogs, [], 'no script ran');
  await screenshot(page, '30-hostile-text');
});

test('the embedded component leaves its host page alone', async () => {
  const page = await env.page();
  // A host page of our own at the server's origin, with a strict policy of its own.
  await page.route('**/host.html', (route) => route.fulfill({
    contentType: 'text/html; charset=utf-8',
    body: `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
      <meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'">
      <title>宿主</title></head><body><p id="before">宿主内容</p><div id="slot"></div><p id="after">宿主页脚</p>
      <script type="module" src="./host.js"></script></body></html>`,
  }));
  await page.route('**/host.js', (route) => route.fulfill({
    contentType: 'text/javascript',
    body: `
      const snapshot = () => ({
        head: document.head.innerHTML,
        body: [...document.body.children].filter((e) => e.id !== 'slot').map((e) => e.outerHTML).join(''),
        globals: Object.getOwnPropertyNames(window).sort(),
        sheets: document.styleSheets.length + document.adoptedStyleSheets.length,
        storage: Object.keys(localStorage).sort(),
        bodyStyle: getComputedStyle(document.body).cssText,
      });
      window.hostBefore = snapshot();
      await import('./jixiao.js');
      const el = document.createElement('jixiao-calculator');
      el.setAttribute('template', 'project');
      document.getElementById('slot').append(el);
      await el.ready;
      window.hostSnapshot = snapshot;
      document.body.dataset.ready = 'true';
    `,
  }));
  await page.goto(`${env.url}host.html`);
  await page.waitForSelector('body[data-ready="true"]');
  const element = page.locator('jixiao-calculator');
  await element.getByLabel('资金第1行全年预算数').fill('100');
  await element.getByLabel('资金第1行全年执行数').fill('90');
  assert.equal(await score(element, 0), '9.00');
  const { before: was, after: now } = await page.evaluate(() => {
    const now = window.hostSnapshot();
    const was = { ...window.hostBefore, globals: window.hostBefore.globals.concat(['hostBefore', 'hostSnapshot']).sort() };
    return { before: was, after: now };
  });
  assert.equal(now.head, was.head, 'nothing added to <head>');
  assert.equal(now.body, was.body, 'the host’s own elements are untouched');
  assert.deepEqual(now.globals, was.globals, 'no global variables');
  assert.equal(now.sheets, was.sheets, 'no style sheets on the host document');
  assert.deepEqual(now.storage, was.storage, 'nothing stored without the autosave attribute');
  assert.equal(now.bodyStyle, was.bodyStyle);
  // Its light DOM stays empty: everything lives in its shadow root.
  assert.equal(await element.evaluate((el) => el.childNodes.length), 0);
  // Removed, it takes its window and document listeners with it.
  const cdp = await page.context().newCDPSession(page);
  const listeners = async () => {
    let count = 0;
    for (const expression of ['window', 'document']) {
      const { result } = await cdp.send('Runtime.evaluate', { expression });
      const { listeners: list } = await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId });
      count += list.length;
    }
    return count;
  };
  const attached = await listeners();
  await page.evaluate(() => document.querySelector('jixiao-calculator').remove());
  const detached = await listeners();
  assert.ok(attached > detached, `listeners while attached ${attached}, after removal ${detached}`);
  await page.evaluate(() => {
    const el = document.createElement('p');
    document.getElementById('slot').append(el);
  });
  const leftover = await listeners();
  assert.equal(leftover, detached);
  assert.deepEqual(page.errors, []);
});

test('a crashed tab loses nothing that was saved: reopening restores the sheet', async () => {
  const page = await env.page();
  await page.goto(env.url);
  await ready(page);
  await page.getByLabel('资金第1行全年预算数').fill('420.00');
  await page.getByLabel('资金第1行全年执行数').pressSequentially('404.25');
  assert.equal(await score(page, 0), '9.63');
  const saved = await total(page);
  // Autosave follows a pause of 300 ms; then the renderer dies without any unload event.
  await page.waitForTimeout(600);
  const cdp = await page.context().newCDPSession(page);
  const crashed = page.waitForEvent('crash');
  cdp.send('Page.crash').catch(() => {});
  await crashed;
  const again = await page.context().newPage();
  await again.goto(env.url);
  await ready(again);
  assert.equal(await score(again, 0), '9.63');
  assert.equal(await total(again), saved);
});

test('a full browser storage warns at once and offers the export', async () => {
  const page = await env.page();
  await page.goto(env.url);
  await ready(page);
  // From now on every write fails as a full localStorage does.
  await page.evaluate(() => {
    Storage.prototype.setItem = function setItem() {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  await page.getByLabel('资金第1行全年预算数').fill('100');
  await page.getByLabel('资金第1行全年执行数').fill('95');
  const alert = page.getByRole('alert').filter({ hasText: '浏览器存储空间已满或不可用' });
  await alert.waitFor({ timeout: 5000 });
  assert.match(await alert.innerText(), /请先导出文件保存，以免丢失/);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    alert.getByRole('button', { name: '导出工作簿' }).click(),
  ]);
  const file = JSON.parse(readFileSync(await download.path(), 'utf8'));
  assert.equal(file.format, 'jixiao-workbook');
  assert.equal(file.sheets[0].funds[0].spent, '95', `the export holds the edit storage refused: ${JSON.stringify(file).slice(0, 600)}`);
  await screenshot(page, '31-storage-full');
});

test('a full browser storage is said beside what a paste did, not in its place', async () => {
  const page = await env.page({ width: 1000, height: 800 });
  await page.goto(env.url);
  await ready(page);
  await page.waitForTimeout(600); // the starting sheet saved
  await page.evaluate(() => {
    window.roomySetItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function setItem() {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  // Three values from Excel pasted at the last indicator: two have no row to go to.
  const last = await page.locator('.jx-grid [data-index]').evaluateAll((rows) => rows.filter((tr) => tr.classList.contains('jx-row-leaf')).at(-1).dataset.index);
  await (await cell(page, Number(last), 'actual')).focus();
  await page.evaluate(() => {
    const data = new DataTransfer();
    data.setData('text/plain', '95%\r\n96%\r\n97%\r\n');
    document.querySelector('#app').shadowRoot.activeElement.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  });
  const notice = page.getByRole('alert');
  await notice.getByText('浏览器存储空间已满或不可用，最近的修改没有自动保存').waitFor({ timeout: 5000 });
  await screenshot(page, '31-storage-full-after-paste');
  assert.ok(await notice.getByText('已粘贴 1 个单元格；最后 2 行下面没有可填的行，未粘贴').isVisible(),
    `what the paste did is still said: ${await notice.innerText()}`);
  // Each is closed on its own.
  const pasted = notice.locator('.jx-notice-line', { hasText: '已粘贴' });
  const full = notice.locator('.jx-notice-line', { hasText: '浏览器存储空间已满' });
  await pasted.getByRole('button', { name: '关闭' }).click();
  assert.ok(await full.isVisible());
  assert.ok(await full.getByRole('button', { name: '导出工作簿' }).isVisible());
  // Room made (another workbook deleted, say): the next save says no more that it failed.
  await page.evaluate(() => (Storage.prototype.setItem = window.roomySetItem));
  await (await cell(page, Number(last), 'actual')).fill('96%');
  await full.waitFor({ state: 'hidden', timeout: 5000 });
  assert.equal(await page.locator('.jx-notice').isVisible(), false);
  assert.deepEqual(page.errors, []);
});

test('a file opened while storage is full is said to be unsaved, and the export keeps it', async () => {
  const page = await env.page();
  await page.goto(env.url);
  await ready(page);
  // A file opened before storage is full: what the notice said of it goes with it.
  await openFile(page, '街道.json', readFileSync(path.join(root, 'tests', 'fixtures', 'seed001_department.sheet.json')));
  await page.locator('.jx-notice', { hasText: '已打开“街道.json”' }).waitFor();
  await page.waitForTimeout(600); // saved
  const tabsBefore = await page.getByRole('tab').allInnerTexts();
  await page.evaluate(() => {
    Storage.prototype.setItem = function setItem() {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  const sheet = JSON.parse(readFileSync(path.join(root, 'tests', 'fixtures', 'filled_project.json'), 'utf8'));
  await openFile(page, '大表.json', JSON.stringify(sheet));
  await page.waitForFunction(() => document.querySelector('#app').shadowRoot.querySelector('.jx-total strong').textContent === '94.51');
  // Said as an error, on a line of its own: the sheet is in no tab and a reload loses it.
  // What opening it did is still said (of a form returned from Excel, its edited cells).
  const alert = page.getByRole('alert');
  const full = alert.locator('.jx-notice-line', { hasText: '这张表格没有保存在本浏览器中' });
  await full.waitFor({ timeout: 5000 });
  await page.waitForTimeout(300);
  assert.doesNotMatch(await full.innerText(), /已打开/);
  assert.ok(await alert.locator('.jx-notice-line', { hasText: '已打开“大表.json”。' }).isVisible());
  assert.deepEqual(await page.getByRole('tab').allInnerTexts(), tabsBefore);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    alert.getByRole('button', { name: '导出工作簿' }).click(),
  ]);
  const file = JSON.parse(readFileSync(await download.path(), 'utf8'));
  assert.deepEqual(file.sheets.map((s) => s.meta?.project ?? ''), [...file.sheets.slice(0, -1).map((s) => s.meta?.project ?? ''), sheet.meta.project],
    'the unsaved sheet is the last of the export');
  assert.equal(file.sheets.length, tabsBefore.filter((t) => t !== '汇总表').length + 1);
});

test('a panic in the core stops the engine with a clear message; a reload brings back every edit but that one', async () => {
  const page = await env.page();
  await trappable(page);
  await page.goto(env.url);
  await ready(page);
  await (await cell(page, 3, 'target')).fill('100');
  await page.waitForTimeout(600); // saved
  await (await cell(page, 3, 'actual')).fill('50'); // not yet saved: in the journal
  assert.equal(await score(page, 3), '10.00');
  await page.evaluate(() => {
    window.__trapNext = true;
  });
  await (await cell(page, 3, 'unit')).fill('元'); // this edit trips the fault
  const banner = page.locator('.jx-fault');
  await banner.waitFor();
  assert.match(await banner.innerText(), /计算已停止[\s\S]*内部错误[\s\S]*您的数据没有丢失/);
  assert.equal(await page.locator('.jx-main').evaluate((el) => el.closest('[inert]') !== null), true, 'the table no longer takes input');
  await screenshot(page, '32-engine-fault');
  await Promise.all([page.waitForEvent('load'), banner.getByRole('button', { name: '重新加载' }).click()]);
  await ready(page);
  assert.equal(await score(page, 3), '10.00', 'the unsaved edit before the fault is back');
  assert.notEqual(await page.locator('[data-index="3"] [data-cell="unit"]').innerText(), '元', 'the faulting edit is not');
  assert.match(await page.getByRole('alert').first().innerText(), /已恢复出错前尚未保存的 \d+ 项修改/);
  // The engine works again.
  await (await cell(page, 3, 'actual')).fill('100');
  assert.equal(await score(page, 3), '20.00');
});

test('a server that sends the module without application/wasm: the page still loads it', async () => {
  const page = await env.page();
  // As an intranet server without the .wasm type does: compileStreaming refuses such a reply.
  await page.route('**/jixiao_bg.wasm', async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), 'content-type': 'application/octet-stream' } });
  });
  await page.goto(env.url);
  await ready(page);
  assert.equal(await page.evaluate(() => window.jixiaoWasm), null, 'the early compile was refused');
  await (await cell(page, 3, 'target')).fill('100');
  await (await cell(page, 3, 'actual')).fill('100');
  assert.equal(await score(page, 3), '20.00');
  assert.deepEqual(page.errors.filter((e) => !/MIME type/.test(e)), []);
});
