// The element in the frameworks portals are built with, from npm, in the README's own blocks:
// Vue 3 binding the sheet both ways, React 18 through a ref-based wrapper, Vue 2 with the
// ES2017 build bundled as webpack 4 would. Typing in the
// calculator goes on undisturbed (the bound sheet handed back is not opened afresh), a sheet
// set from the framework opens, and the framework sees every total.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdirSync, copyFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/serve.mjs';
import { root, chromiumPath } from '../../scripts/setup.mjs';
import { parse } from 'acorn';
import { installed } from '../www/installed.mjs';
import { snippet } from '../snippets.mjs';

const fixture = readFileSync(path.join(root, 'tests', 'fixtures', 'filled_project.json'), 'utf8');

/** A README block as the portal's script: its `sheetFromServer` is the fixture, and what it
 * gives `saveToServer` is kept in window.saved. */
const portalScript = (name) => `const sheetFromServer = ${fixture};
const saveToServer = (sheet) => { window.saved = sheet; };
${snippet('README.md', name)}`;

let server;
let browser;
let vue2Bundle;
before(async () => {
  const { dir } = await installed();
  const esbuild = await import('esbuild');
  for (const [name, block] of [['react', 'react'], ['vue', 'vue3']]) {
    await esbuild.build({
      stdin: { contents: portalScript(block), resolveDir: dir, sourcefile: `${name}-source.js` },
      bundle: true, format: 'esm', outfile: path.join(dir, `${name}.js`), logLevel: 'warning',
      // The frameworks from this repository's node_modules; jixiao from the installed package,
      // loaded as its own module so that it finds its wasm beside it.
      nodePaths: [path.join(root, 'node_modules')],
      external: ['jixiao'],
      // Vue with its template compiler (the block's template is compiled in the page).
      alias: { vue: 'vue/dist/vue.esm-browser.prod.js' },
      define: { 'process.env.NODE_ENV': '"production"' },
    });
    writeFileSync(path.join(dir, `${name}.html`), `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<script type="importmap">{"imports": {"jixiao": "./node_modules/jixiao/jixiao.js"}}</script>
<script type="module" src="./${name}.js"></script></head><body><div id="app"></div></body></html>`);
  }
  // Vue 2 as webpack 4 builds it: everything, jixiao/legacy included, in one classic script,
  // ES2017 at most, and the wasm files copied to where the block's JIXIAO_BASE says.
  const vue2 = await esbuild.build({
    stdin: { contents: portalScript('vue2'), resolveDir: dir, sourcefile: 'vue2-source.js' },
    bundle: true, format: 'iife', target: 'es2017', write: false, logLevel: 'warning',
    nodePaths: [path.join(root, 'node_modules')],
    alias: { vue: path.join(root, 'node_modules', 'vue2', 'dist', 'vue.esm.js') },
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  vue2Bundle = vue2.outputFiles[0].text;
  writeFileSync(path.join(dir, 'vue2.js'), vue2Bundle);
  mkdirSync(path.join(dir, 'static', 'jixiao'), { recursive: true });
  for (const file of ['jixiao_bg.wasm', 'jixiao_xlsx_bg.wasm']) copyFileSync(path.join(dir, 'node_modules', 'jixiao', file), path.join(dir, 'static', 'jixiao', file));
  writeFileSync(path.join(dir, 'vue2.html'), `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"></head>
<body><div id="app"></div><script src="./vue2.js"></script></body></html>`);
  server = await serve({ port: 0, dir });
  browser = await chromium.launch({ executablePath: chromiumPath, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test('the Vue 2 bundle, jixiao/legacy inside, is ES2017 as webpack 4 needs', () => {
  assert.doesNotThrow(() => parse(vue2Bundle, { ecmaVersion: 2017 }));
  assert.match(vue2Bundle, /jixiao-calculator/);
});

for (const framework of ['vue', 'react', 'vue2']) {
  test(`${framework}: the sheet bound both ways, typing undisturbed, every total seen`, async () => {
    const page = await browser.newPage();
    const errors = [];
    const wasm = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('request', (r) => r.url().endsWith('.wasm') && wasm.push(new URL(r.url()).pathname));
    await page.goto(`${server.url}${framework}.html`);
    const element = page.locator('jixiao-calculator');
    await element.locator('.jx-total').waitFor();
    // The sheet the framework holds opens in the calculator.
    await page.waitForFunction(() => document.querySelector('jixiao-calculator').shadowRoot.querySelector('.jx-total strong').textContent === '94.51');
    // Typed key by key into a cell: each change goes out and its sheet comes back bound; the
    // caret stays and the whole value arrives.
    // Row 3 is 完成改造面积 (target 2000).
    await element.locator('[data-index="3"] [data-cell="actual"]').click();
    const input = element.locator('[data-index="3"] [data-key="actual"]');
    await input.fill('');
    await input.pressSequentially('1900');
    assert.equal(await input.inputValue(), '1900');
    const shown = await element.locator('.jx-total strong').innerText();
    await page.waitForFunction((t) => document.querySelector('output').textContent === t, shown);
    assert.notEqual(shown, '94.51');
    if (framework === 'vue2') {
      assert.equal(await page.evaluate(() => window.saved.meta.project), '老旧小区微改造', 'saveToServer got the sheet');
      assert.deepEqual(wasm, ['/static/jixiao/jixiao_bg.wasm'], 'the wasm where JIXIAO_BASE says');
    }
    // The same object, changed by the host and set back, is opened: it is not the change's.
    await page.evaluate(() => document.querySelector('jixiao-calculator')
      .addEventListener('jixiao-change', (e) => { window.lastSheet = e.detail.sheet; }));
    await input.pressSequentially('0');
    await page.evaluate(() => {
      window.lastSheet.meta.project = '改过名的项目';
      document.querySelector('jixiao-calculator').sheet = window.lastSheet;
    });
    await page.waitForFunction(() => document.querySelector('jixiao-calculator').sheet?.meta.project === '改过名的项目');
    assert.deepEqual(errors, []);
  });
}
