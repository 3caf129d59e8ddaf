// The installed npm package in a portal's page: the element from `import 'jixiao'`, and the
// engine from `jixiao/engine`, each finding its wasm inside node_modules by itself.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/serve.mjs';
import { chromiumPath } from '../../scripts/setup.mjs';
import { installed } from '../www/installed.mjs';

let server;
let browser;
before(async () => {
  const { dir } = await installed();
  writeFileSync(path.join(dir, 'index.html'), `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>门户</title>
<script type="importmap">{"imports": {"jixiao": "./node_modules/jixiao/jixiao.js", "jixiao/engine": "./node_modules/jixiao/engine.js"}}</script>
<script type="module">
  import 'jixiao';
  import { load, Calculator } from 'jixiao/engine';
  await load();
  const calc = Calculator.fromTemplate('project');
  document.body.dataset.engine = calc.totals().complete ? 'complete' : 'incomplete';
  calc.free();
</script></head>
<body><jixiao-calculator template="key-evaluation"></jixiao-calculator></body></html>`);
  server = await serve({ port: 0, dir });
  browser = await chromium.launch({ executablePath: chromiumPath, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test('a portal page uses the installed package: the element and the engine', async () => {
  const page = await browser.newPage();
  const requests = [];
  const errors = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(server.url);
  await page.waitForFunction(() => document.querySelector('jixiao-calculator')?.shadowRoot?.querySelector('.jx-total'));
  await page.waitForFunction(() => document.body.dataset.engine);
  assert.equal(await page.evaluate(() => document.body.dataset.engine), 'incomplete', 'the engine scored the empty template');
  assert.equal(await page.evaluate(async () => {
    const el = document.querySelector('jixiao-calculator');
    await el.ready;
    return el.sheet.meta.title;
  }), '项目支出绩效评价表');
  const wasm = requests.filter((u) => u.endsWith('.wasm')).map((u) => new URL(u).pathname);
  assert.ok(wasm.every((p) => p.startsWith('/node_modules/jixiao/')), wasm.join());
  assert.ok(requests.every((u) => u.startsWith(server.url)), requests.join('\n'));
  assert.deepEqual(errors, []);
});

test('embed.html works from the installed package, for a portal to frame', async () => {
  const page = await browser.newPage();
  const requests = [];
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  await page.goto(`${server.url}node_modules/jixiao/embed.html?template=project`);
  await page.waitForSelector('#app[data-ready="true"]', { timeout: 20000 });
  assert.equal(await page.locator('#app .jx-title').inputValue(), '项目支出绩效自评表');
  assert.ok(requests.every((p) => p.startsWith('/node_modules/jixiao/')), requests.join('\n'));
  await page.close();
});

test('the ES2017 build finds its wasm where the page says (window.JIXIAO_BASE)', async () => {
  const { serve: serveDist } = await import('../../scripts/serve.mjs');
  const dist = await serveDist({ port: 0 });
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const html = (base) => `<!doctype html><meta charset="utf-8">${base ? `<script>window.JIXIAO_BASE = '${base}';</script>` : ''}
      <script type="module" src="/jixiao.es2017.js"></script><jixiao-calculator template="project"></jixiao-calculator>`;
    // A page elsewhere on the site: the wasm is not next to it, so the page says where it is.
    await page.route('**/portal/legacy.html', (r) => r.fulfill({ body: html('/'), contentType: 'text/html' }));
    await page.goto(`${dist.url}portal/legacy.html`);
    await page.waitForFunction(() => document.querySelector('jixiao-calculator')?.shadowRoot?.querySelector('.jx-total'));
    assert.equal(await page.evaluate(async () => {
      const el = document.querySelector('jixiao-calculator');
      await el.ready;
      return el.sheet.kind;
    }), 'project');
    assert.deepEqual(errors, []);
    // Without it, the element says it could not load (its wasm is looked for next to the page).
    const failed = await browser.newPage();
    await failed.addInitScript(() => document.addEventListener('jixiao-error', (e) => { window.jixiaoError = e.detail.message; }));
    await failed.route('**/portal/bare.html', (r) => r.fulfill({ body: html(null), contentType: 'text/html' }));
    await failed.goto(`${dist.url}portal/bare.html`);
    await failed.waitForFunction(() => window.jixiaoError);
    await failed.close();
  } finally {
    await dist.close();
  }
});
