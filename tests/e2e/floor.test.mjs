// The browser floor run for real: Chromium 86 (package.json "browserslist"; the kernel of
// 360安全浏览器 13 and other 财政专版 browsers), fetched by scripts/setup.mjs. The hosted page
// and embed.html, whose strict policy that browser cannot honour for WebAssembly, open their
// twins and work; the ES2017 component works in a portal page; typing scores.
// Chromium 86 predates some of Playwright's element checks, so this drives it through the
// DevTools protocol, page.evaluate and the mouse and keyboard, not locator actions.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/serve.mjs';
import { root, ensureFloorChromium } from '../../scripts/setup.mjs';
import { floor } from '../../scripts/floor.mjs';

const fixture = readFileSync(path.join(root, 'tests', 'fixtures', 'filled_project.json'), 'utf8');

let server;
let process86;
let browser;
before(async () => {
  assert.equal(floor().chrome, 86, 'this test runs the floor’s Chromium: change both together');
  const { executable, env } = ensureFloorChromium();
  server = await serve({ port: 0 });
  process86 = spawn(executable, ['--headless', '--no-sandbox', '--disable-gpu', '--no-zygote', '--single-process', '--remote-debugging-port=0',
    `--user-data-dir=${mkdtempSync(path.join(tmpdir(), 'jixiao-c86-'))}`, 'about:blank'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  const endpoint = await new Promise((resolve, reject) => {
    let said = '';
    process86.stderr.on('data', (d) => {
      said += d;
      const m = said.match(/DevTools listening on (ws:\S+)/);
      if (m) resolve(m[1]);
    });
    process86.once('exit', (code) => reject(new Error(`Chromium 86 exited (${code}): ${said.slice(-1000)}`)));
  });
  // Through its HTTP endpoint, once it answers there (its WebSocket refuses a first caller
  // that comes too soon).
  const http = `http://${new URL(endpoint).host}`;
  for (let tries = 0; !browser; tries++) {
    try {
      await fetch(`${http}/json/version`);
      browser = await chromium.connectOverCDP(http);
    } catch (error) {
      if (tries > 50) throw error;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
});
after(async () => {
  await browser?.close().catch(() => {});
  process86?.kill();
  await server?.close();
});

async function open(url) {
  const context = browser.contexts()[0];
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(e.message));
  await page.goto(url);
  return page;
}

/** Clicks row `index`'s 实际完成值 cell with the mouse, as a person would: scrolled to the
 * middle of the window and drawn first (rows out of view are not laid out). */
async function clickCell(page, index) {
  const cell = (i) => {
    const shadow = document.querySelector('#app')?.shadowRoot ?? document.querySelector('jixiao-calculator')?.shadowRoot;
    return shadow?.querySelector(`[data-index="${i}"] [data-cell="actual"]`) ?? null;
  };
  await page.waitForFunction(`(${cell})(${index}) !== null`, null, { timeout: 20000 });
  const box = await page.evaluate(`new Promise((done) => {
    const td = (${cell})(${index});
    td.scrollIntoView({ block: 'center' });
    requestAnimationFrame(() => requestAnimationFrame(() => {
      const r = td.getBoundingClientRect();
      done({ x: r.x, y: r.y, width: r.width, height: r.height });
    }));
  })`);
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
}

test('the hosted page, strict policy and all, works in Chromium 86', async () => {
  assert.match(browser.version(), /^86\./);
  const page = await open(server.url);
  await page.waitForFunction(() => document.querySelector('#app')?.dataset.ready === 'true', null, { timeout: 20000 });
  assert.match(page.url(), /index-compat\.html$/, 'opened the twin that lets it compile WebAssembly');
  // Seed a sheet through the page's own file input, then type a figure.
  await page.setInputFiles('input[type=file]', { name: 'filled_project.json', mimeType: 'application/json', buffer: Buffer.from(fixture) });
  const total = () => page.evaluate(() => document.querySelector('#app').shadowRoot.querySelector('.jx-total strong').textContent);
  await page.waitForFunction(() => document.querySelector('#app').shadowRoot.querySelector('.jx-total strong').textContent === '94.51', null, { timeout: 20000 });
  // Row 3 is 完成改造面积 (target 2000, actual 2100).
  await clickCell(page, 3);
  await page.waitForFunction(() => document.querySelector('#app').shadowRoot.activeElement?.dataset.key === 'actual');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('1000');
  await page.waitForFunction(() => document.querySelector('#app').shadowRoot.querySelector('.jx-total strong').textContent !== '94.51');
  assert.equal(await total(), '84.51');
  // Undo goes through the history (no Array.prototype.at in Chromium 86).
  await page.keyboard.press('Control+Z');
  await page.waitForFunction(() => document.querySelector('#app').shadowRoot.querySelector('.jx-total strong').textContent === '94.51');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('embed.html works in Chromium 86, framed by a portal on another origin', async () => {
  const portal = await serve({ port: 0, dir: mkdtempSync(path.join(tmpdir(), 'jixiao-portal86-')) });
  try {
    const portalOrigin = new URL(portal.url).origin;
    const frame = `${server.url}embed.html?origin=${encodeURIComponent(portalOrigin)}#top`;
    const page = await browser.contexts()[0].newPage();
    page.errors = [];
    page.on('pageerror', (e) => page.errors.push(e.message));
    await page.route(`${portal.url}portal.html`, (route) => route.fulfill({ contentType: 'text/html', body: `<!doctype html><meta charset="utf-8">
      <link rel="icon" href="data:,"><iframe id="calculator" src="${frame}" style="width:900px;height:600px"></iframe>
      <script>
        window.got = [];
        const CALCULATOR = ${JSON.stringify(new URL(server.url).origin)};
        const frame = document.getElementById('calculator');
        window.addEventListener('message', (e) => {
          if (e.origin !== CALCULATOR || e.source !== frame.contentWindow) return;
          window.got.push(e.data);
          if (e.data.type === 'ready') frame.contentWindow.postMessage({ jixiao: 1, type: 'load', id: 7, sheet: ${fixture} }, CALCULATOR);
        });
      </script>` }));
    await page.goto(`${portal.url}portal.html`);
    const loaded = await page.waitForFunction(() => window.got.find((m) => m.type === 'loaded'), null, { timeout: 20000 }).then((h) => h.jsonValue());
    assert.deepEqual([loaded.id, loaded.total, loaded.grade], [7, '94.51', '优']);
    const framed = page.frames().find((f) => f.url().includes('embed-compat.html'));
    assert.ok(framed, 'the frame opened its twin');
    assert.equal(framed.url(), frame.replace('embed.html', 'embed-compat.html'), 'with its address parameters and fragment');
    assert.ok(!(await page.evaluate(() => window.got.some((m) => m.type === 'error'))), 'no false error while the twin opened');
    assert.deepEqual(page.errors, []);
    await page.close();
  } finally {
    await portal.close();
  }
});

test('the ES2017 component works in a portal page in Chromium 86', async () => {
  const context = browser.contexts()[0];
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(e.message));
  // A portal's page with no policy of its own, on the component's site.
  await page.route('**/portal.html', (route) => route.fulfill({ contentType: 'text/html', body: `<!doctype html><meta charset="utf-8">
    <link rel="icon" href="data:,"><jixiao-calculator template="project"></jixiao-calculator>
    <script type="module">
      import '/jixiao.es2017.js';
      const el = document.querySelector('jixiao-calculator');
      el.addEventListener('jixiao-change', (e) => { window.changed = e.detail.evaluation.total; });
      el.ready.then(() => { el.sheet = ${fixture}; });
    </script>` }));
  await page.goto(`${server.url}portal.html`);
  await page.waitForFunction(() => window.changed === '94.51', null, { timeout: 20000 });
  await clickCell(page, 3);
  await page.waitForFunction(() => document.querySelector('jixiao-calculator').shadowRoot.activeElement?.dataset.key === 'actual');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('1000');
  await page.waitForFunction(() => window.changed === '84.51', null, { timeout: 10000 });
  assert.deepEqual(page.errors, []);
  await page.close();
});
