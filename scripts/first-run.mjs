// The README's first command, as a newcomer runs it: `npm start` in this checkout (on CI a
// fresh clone: no node_modules, pkg/, dist/ or target/), then the URL it prints opened in
// headless Chromium until the page shows a total. Run by .ci/run before `npm test`, because
// `npm test` installs and builds in its own order and so cannot tell whether `npm start` works.
// Only Node's own modules are imported up here: playwright-core comes from the node_modules
// that `npm start` installs.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { root, chromiumPath, ensureChromium } from './setup.mjs';

// The first build on a fresh machine installs wasm-bindgen-cli (~5 min) and compiles two
// wasm modules on two cores.
const startTimeout = 25 * 60_000;
const pageTimeout = 60_000;
const minutes = (ms) => `${(ms / 60_000).toFixed(1)} 分钟`;

const present = ['node_modules', 'pkg', 'dist', 'target'].filter((dir) => existsSync(path.join(root, dir)));
if (present.length) console.log(`注意：${present.join('、')} 已存在，这不是全新检出的首次运行`);

ensureChromium(); // before `npm start`, so that the build's output is not held up by apt

console.log('▶ 首次运行：npm start');
const began = Date.now();
// A process group of its own, so that stopping it also stops npm's child node and whatever
// the build is running.
const child = spawn('npm', ['start'], { cwd: root, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
let output = '';
let exited = null; // the exit status once `npm start` has stopped
// 'close', not 'exit': by then all of its output has been read.
const exit = new Promise((resolve) => child.on('close', (code, signal) => resolve((exited = signal ?? code))));
for (const [stream, sink] of [[child.stdout, process.stdout], [child.stderr, process.stderr]]) {
  stream.setEncoding('utf8');
  stream.on('data', (text) => {
    output += text;
    sink.write(text);
  });
}
const stop = () => {
  if (exited === null) {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {}
  }
};
// Whatever happens below, `npm start` does not outlive this script (its group gets no Ctrl+C).
process.on('exit', stop);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(1));

/** Resolves to the calculator's URL once `npm start` prints it. */
async function printedUrl() {
  while (Date.now() - began < startTimeout) {
    const url = output.match(/计算器：\s*(http:\/\/\S+)/)?.[1];
    if (url && /按 Ctrl\+C 停止/.test(output)) return url;
    if (exited !== null) throw new Error(`npm start 未打印网址就退出了（${exited}）`);
    await new Promise((done) => setTimeout(done, 500));
  }
  throw new Error(`npm start ${minutes(startTimeout)}内未打印网址`);
}

let browser;
try {
  const url = await printedUrl();
  console.log(`\n▶ npm start 用时 ${minutes(Date.now() - began)}，打开 ${url}`);

  // What npm start announces besides the page.
  const offline = path.join(root, 'dist', 'jixiao-offline.html');
  if (!existsSync(offline) || statSync(offline).size === 0) throw new Error('npm start 所说的 dist/jixiao-offline.html 不存在或为空');
  for (const example of ['embed-example.html', 'iframe-example.html']) {
    const embed = await fetch(new URL(example, url));
    if (!embed.ok) throw new Error(`嵌入示例 ${embed.url} 返回 ${embed.status}`);
  }

  const { chromium } = await import('playwright-core');
  // The flags of tests/e2e/harness.mjs (see ../shared/TOOLCHAIN.md).
  browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run'],
  });
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(url, { timeout: pageTimeout });
  await page.waitForSelector('#app[data-ready]', { timeout: pageTimeout });
  if ((await page.getAttribute('#app', 'data-ready')) !== 'true') throw new Error('页面未能加载计算引擎');

  // A blank template has no total yet; seed 001 through 打开文件, as a user would, has 94.90 优.
  const total = () => page.locator('.jx-total strong').innerText();
  if ((await total()).trim() !== '—') throw new Error(`空白模板不应有总分，页面显示 ${await total()}`);
  const seed001 = readFileSync(path.join(root, 'tests', 'fixtures', 'seed001_department.sheet.json'));
  await page.setInputFiles('input[type=file]', { name: 'seed001.json', mimeType: 'application/json', buffer: seed001 });
  await page.waitForFunction(() => document.querySelector('#app').shadowRoot.querySelector('.jx-total strong')?.textContent === '94.90', null, { timeout: pageTimeout })
    .catch(async () => {
      throw new Error(`打开 seed 001 后页面 ${pageTimeout / 1000} 秒内未显示总分 94.90，显示的是 ${await total()}`);
    });
  const grade = (await page.locator('.jx-grade').innerText()).trim();
  if (grade !== '优') throw new Error(`总分 94.90 的等级应为“优”，页面显示“${grade}”`);
  if (errors.length) throw new Error(`页面报错：\n${errors.join('\n')}`);

  console.log(`✔ 首次运行通过：npm start 打印 ${url}，页面显示总分 94.90（优），dist/jixiao-offline.html 已生成`);
} catch (error) {
  console.error(`\n✖ 首次运行检查失败：${error.message ?? error}`);
  console.error(exited === null ? '（npm start 的输出见上）' : `（npm start 已退出：${exited}；其输出见上）`);
  process.exitCode = 1;
} finally {
  await browser?.close().catch(() => {});
  if (exited === null) {
    process.kill(-child.pid, 'SIGTERM');
    const late = setTimeout(stop, 10_000); // SIGKILL if it has not stopped by then
    await exit;
    clearTimeout(late);
  }
}
