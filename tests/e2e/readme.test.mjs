// The README's embedding blocks for a portal without a build of its own, run as written: the
// element and mount() from dist/ served under /jixiao/, and the iframe mode with the portal and
// the calculator on two origins. `sheetFromServer` is a filled sheet; `saveToServer` keeps what
// it is given in window.saved.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { start } from './harness.mjs';
import { serve } from '../../scripts/serve.mjs';
import { root } from '../../scripts/setup.mjs';
import { snippet } from '../snippets.mjs';

const fixture = readFileSync(path.join(root, 'tests', 'fixtures', 'filled_project.json'), 'utf8');
const portalGlobals = `<script>
  const sheetFromServer = ${fixture};
  const saveToServer = (sheet) => { window.saved = sheet; };
</script>`;

let env;
let portal;
let portalDir;
before(async () => {
  env = await start(); // the calculator's site: dist/ at its root (for the iframe)
  // The portal: its own pages, with dist/ as /jixiao/.
  portalDir = mkdtempSync(path.join(tmpdir(), 'jixiao-readme-'));
  symlinkSync(path.join(root, 'dist'), path.join(portalDir, 'jixiao'), 'dir');
  portal = await serve({ port: 0, dir: portalDir });
});
after(async () => {
  await env?.close();
  await portal?.close();
});

async function open(name, html) {
  writeFileSync(path.join(portalDir, `${name}.html`), `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>门户</title><link rel="icon" href="data:,"></head><body>${portalGlobals}\n${html}</body></html>`);
  const page = await env.page();
  await page.goto(`${portal.url}${name}.html`);
  return page;
}

const savedProject = (page) => page.waitForFunction(() => window.saved?.meta?.project, null, { timeout: 20000 }).then((h) => h.jsonValue());

test('the element, from /jixiao/jixiao.js', async () => {
  const page = await open('element', snippet('README.md', 'element'));
  assert.equal(await savedProject(page), '老旧小区微改造');
  assert.equal(await page.evaluate(() => document.querySelector('jixiao-calculator').evaluation.total), '94.51');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('mount(), from /jixiao/jixiao.js', async () => {
  const page = await open('mount', `<div id="box"></div>\n<script type="module">\n${snippet('README.md', 'mount')}\nwindow.done = true;\n</script>`);
  assert.equal(await savedProject(page), '老旧小区微改造');
  await page.waitForFunction(() => window.done, null, { timeout: 20000 });
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the iframe, the calculator on another origin', async () => {
  const calculatorOrigin = new URL(env.url).origin;
  const code = snippet('README.md', 'iframe')
    .replaceAll('https://calc.example.gov.cn/jixiao/embed.html', `${env.url}embed.html`)
    .replaceAll('https://calc.example.gov.cn', calculatorOrigin)
    .replaceAll('https://portal.example.gov.cn', new URL(portal.url).origin);
  assert.notEqual(calculatorOrigin, new URL(portal.url).origin);
  const page = await open('iframe', code);
  assert.equal(await savedProject(page), '老旧小区微改造');
  await page.waitForFunction(() => parseFloat(document.getElementById('calculator').style.height) > 600);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('every block of the README’s embedding section is one the tests run', () => {
  const text = readFileSync(path.join(root, 'README.md'), 'utf8');
  const section = text.slice(text.indexOf('## Embedding in a portal'), text.indexOf('\n## ', text.indexOf('## Embedding in a portal') + 1));
  const names = [...section.matchAll(/^```(\w*)(?: +([\w-]+))?\n[\s\S]*?^```$/gm)].map((m) => m[2] ?? '(unnamed)');
  // Run here (element, mount, iframe), in frameworks.test.mjs (vue3, react, vue2) and in
  // tests/www/package.test.mjs (npm-engine).
  assert.deepEqual(names, ['npm-engine', 'vue3', 'react', 'vue2', 'element', 'mount', 'iframe']);
});
