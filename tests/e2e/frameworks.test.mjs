// The element in the frameworks portals are built with, from npm, as the README shows them:
// Vue 3 binding the sheet both ways, React 18 through a ref-based wrapper. Typing in the
// calculator goes on undisturbed (the bound sheet handed back is not opened afresh), a sheet
// set from the framework opens, and the framework sees every total.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/serve.mjs';
import { root, chromiumPath } from '../../scripts/setup.mjs';
import { installed } from '../www/installed.mjs';

const fixture = readFileSync(path.join(root, 'tests', 'fixtures', 'filled_project.json'), 'utf8');

const REACT = `
import React, { useEffect, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import 'jixiao';

/** <jixiao-calculator> for React 18: properties and events through a ref. */
function Jixiao({ template, sheet, onChange }) {
  const ref = useRef(null);
  useEffect(() => {
    const el = ref.current;
    const listen = (e) => onChange(e.detail);
    el.addEventListener('jixiao-change', listen);
    return () => el.removeEventListener('jixiao-change', listen);
  }, [onChange]);
  useEffect(() => {
    if (sheet) ref.current.sheet = sheet;
  }, [sheet]);
  return React.createElement('jixiao-calculator', { ref, template });
}

function Portal() {
  const [sheet, setSheet] = useState(null);
  const [total, setTotal] = useState('');
  const onChange = React.useCallback((d) => {
    setSheet(d.sheet);
    setTotal(d.evaluation.total ?? '');
  }, []);
  return React.createElement('div', null,
    React.createElement('button', { id: 'load', onClick: () => setSheet(JSON.parse(FIXTURE)) }, '载入'),
    React.createElement('output', { id: 'total' }, total),
    React.createElement(Jixiao, { template: 'project', sheet, onChange }));
}
createRoot(document.getElementById('app')).render(React.createElement(Portal));
`;

const VUE = `
import { createApp, h, ref } from 'vue';
import 'jixiao';

createApp({
  setup() {
    const sheet = ref(null);
    const total = ref('');
    return () => h('div', [
      h('button', { id: 'load', onClick: () => { sheet.value = JSON.parse(FIXTURE); } }, '载入'),
      h('output', { id: 'total' }, total.value),
      // v-model-style: the sheet goes in as a property and comes back with each change.
      h('jixiao-calculator', {
        template: 'project',
        sheet: sheet.value,
        'onJixiao-change': (e) => {
          sheet.value = e.detail.sheet;
          total.value = e.detail.evaluation.total ?? '';
        },
      }),
    ]);
  },
}).mount('#app');
`;

let server;
let browser;
before(async () => {
  const { dir } = await installed();
  const esbuild = await import('esbuild');
  for (const [name, source] of [['react', REACT], ['vue', VUE]]) {
    await esbuild.build({
      stdin: { contents: source, resolveDir: dir, sourcefile: `${name}-source.js` },
      bundle: true, format: 'esm', outfile: path.join(dir, `${name}.js`), logLevel: 'warning',
      // The frameworks from this repository's node_modules; jixiao from the installed package,
      // loaded as its own module so that it finds its wasm beside it.
      nodePaths: [path.join(root, 'node_modules')],
      external: ['jixiao'],
      alias: { vue: 'vue/dist/vue.runtime.esm-browser.prod.js' },
      define: { 'process.env.NODE_ENV': '"production"', FIXTURE: JSON.stringify(fixture) },
    });
    writeFileSync(path.join(dir, `${name}.html`), `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<script type="importmap">{"imports": {"jixiao": "./node_modules/jixiao/jixiao.js"}}</script>
<script type="module" src="./${name}.js"></script></head><body><div id="app"></div></body></html>`);
  }
  server = await serve({ port: 0, dir });
  browser = await chromium.launch({ executablePath: chromiumPath, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

for (const framework of ['vue', 'react']) {
  test(`${framework}: the sheet bound both ways, typing undisturbed, every total seen`, async () => {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.url}${framework}.html`);
    const element = page.locator('jixiao-calculator');
    await element.locator('.jx-total').waitFor();
    // A sheet set from the framework opens in the calculator.
    await page.click('#load');
    await page.waitForFunction(() => document.querySelector('jixiao-calculator').shadowRoot.querySelector('.jx-total strong').textContent === '94.51');
    // Typed key by key into a cell: each change goes out and its sheet comes back bound; the
    // caret stays and the whole value arrives.
    // Row 3 is 完成改造面积 (target 2000).
    await element.locator('[data-index="3"] [data-cell="actual"]').click();
    const input = element.locator('[data-index="3"] input[data-key="actual"]');
    await input.fill('');
    await input.pressSequentially('1900');
    assert.equal(await input.inputValue(), '1900');
    const shown = await element.locator('.jx-total strong').innerText();
    await page.waitForFunction((t) => document.querySelector('#total').textContent === t, shown);
    assert.notEqual(shown, '94.51');
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
