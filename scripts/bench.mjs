// `npm run bench`: the page's speed and size, measured in this machine's headless Chromium,
// and the core's native benchmark (`cargo bench`). Prints figures; asserts nothing.
//   keystroke → total: a 1,000-leaf sheet (and 10,000), one key at a time, from the keydown
//     to the updated total in the DOM, and from the key to the frame showing it presented;
//   ready: navigation to a usable calculator (cold: a new browser context each time), and to
//     the frame after it, which lays out and paints it;
//   bytes: what the hosted page loads, raw and gzipped, and the offline single file;
//   peers: jixiao side by side with HyperFormula, IronCalc and a plain-JS float scorer on the
//     same sheets, interleaved (scripts/peers/bench.mjs), written to bench-results/peers.{json,md}.
// `--peers-only` runs only the side-by-side comparison, `--page-only` skips it and cargo bench,
// `--ready-only` measures only the bytes and the navigations.
import { spawnSync } from 'node:child_process';
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { root, chromiumPath, ensureChromium } from './setup.mjs';
import { build } from './build.mjs';
import { serve } from './serve.mjs';
import { sheet, summary } from './workload.mjs';
import { markdown, runPeers } from './peers/bench.mjs';
import { traceKeys } from './latency.mjs';
import os from 'node:os';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))];
const ms = (x) => (x == null ? '—' : `${x.toFixed(2)} ms`);
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const readyOnly = process.argv.includes('--ready-only');

await build();
ensureChromium();
const server = await serve({ port: 0 });
const browser = await chromium.launch({
  executablePath: chromiumPath,
  args: [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
    // The side-by-side memory figures: a full collection before each reading, exact heap sizes.
    '--js-flags=--expose-gc', '--enable-precise-memory-info',
  ],
});
const machine = `${os.cpus()[0].model.trim()}，${os.cpus().length} 核，${(os.totalmem() / 2 ** 30).toFixed(0)} GB 内存，${os.type()}；Chromium ${browser.version()} headless，软件渲染`;
const out = path.join(root, 'bench-results');
mkdirSync(out, { recursive: true });

if (!process.argv.includes('--page-only') && !readyOnly) {
  console.log('\n对比（同一 Chromium 会话，轮流交错）');
  const peers = await runPeers(browser, { log: (line) => console.log(line) });
  const table = markdown(peers, machine);
  console.log(`\n${table}\n`);
  writeFileSync(path.join(out, 'peers.json'), `${JSON.stringify(peers, null, 2)}\n`);
  writeFileSync(path.join(out, 'peers.md'), `${table}\n`);
  if (process.argv.includes('--peers-only')) {
    await browser.close();
    await server.close();
    process.exit(0);
  }
}
const results = {};

// Bytes shipped.
const pageFiles = ['index.html', 'app.js', 'jixiao_bg.wasm'];
let raw = 0;
let gz = 0;
for (const f of pageFiles) {
  const bytes = readFileSync(path.join(root, 'dist', f));
  raw += bytes.length;
  gz += gzipSync(bytes, { level: 9 }).length;
}
const offline = readFileSync(path.join(root, 'dist', 'jixiao-offline.html'));
results.bytes = { page_raw: raw, page_gzip: gz, offline_raw: offline.length, offline_gzip: gzipSync(offline, { level: 9 }).length };

// Ready after navigation, cold.
// `ready`: the page's mark once the calculator is built and usable; `drawn`: the frame after
// it (requestAnimationFrame, then a task), which includes the page's first layout and paint.
const readies = [];
const drawns = [];
for (let i = 0; i < 15; i++) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(() => {
    new MutationObserver((_, observer) => {
      if (document.getElementById('app')?.dataset.ready !== 'true') return;
      observer.disconnect();
      requestAnimationFrame(() => setTimeout(() => performance.mark('bench-drawn')));
    }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-ready'] });
  });
  await page.goto(server.url);
  await page.waitForSelector('#app[data-ready="true"]');
  await page.waitForFunction(() => performance.getEntriesByName('bench-drawn').length > 0);
  readies.push(await page.evaluate(() => performance.getEntriesByName('jixiao-ready')[0].startTime));
  drawns.push(await page.evaluate(() => performance.getEntriesByName('bench-drawn')[0].startTime));
  await context.close();
}
results.ready_ms = { median: median(readies), p95: p95(readies) };
results.drawn_ms = { median: median(drawns), p95: p95(drawns) };
const readyLine = () => `就绪：中位 ${ms(results.ready_ms.median)}，p95 ${ms(results.ready_ms.p95)}（${readies.map(Math.round).join(' ')}）；其后一帧：中位 ${ms(results.drawn_ms.median)}，p95 ${ms(results.drawn_ms.p95)}（就绪的目标：中位 < 80 ms）`;
if (readyOnly) {
  console.log(`体积：页面 gzip ${kb(gz)}；${readyLine()}`);
  await browser.close();
  await server.close();
  process.exit(0);
}

/**
 * Types `count` keys into the focused input (a digit, then Backspace, and again) and measures
 * each: from the keydown to the bar's figure changing in the DOM (our code), and from the key
 * to the frame that shows it presented on screen (Chromium's EventLatency, scripts/latency.mjs),
 * with that frame's main-thread stages. Event Timing, which the page itself can read, counts
 * the keys of 16 ms or more as a cross-check. Closes the page's context.
 */
async function measureKeys(page, count, { dom: watchDom = true } = {}) {
  await page.evaluate((watch) => {
    window.__dom = [];
    window.__slow = 0;
    if (watch) {
      const shadow = document.querySelector('#app').shadowRoot;
      const total = shadow.querySelector('.jx-total strong');
      let start = 0;
      shadow.addEventListener('keydown', () => {
        start = performance.now();
      }, { capture: true });
      new MutationObserver(() => window.__dom.push(performance.now() - start)).observe(total, { characterData: true, childList: true, subtree: true });
    }
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (e.name === 'keydown') window.__slow++;
    }).observe({ type: 'event', durationThreshold: 16 });
  }, watchDom);
  const screen = await traceKeys(page.context(), page, async () => {
    for (let i = 0; i < count; i++) {
      await page.keyboard.press(i % 2 === 0 ? '5' : 'Backspace');
      if (watchDom) await page.waitForFunction((n) => window.__dom.length >= n, i + 1);
      await page.waitForTimeout(100);
    }
    await page.waitForTimeout(300);
  });
  const { dom, slow } = await page.evaluate(() => ({ dom: window.__dom, slow: window.__slow }));
  await page.context().close();
  const totals = screen.map((l) => l.total);
  const stage = (name) => median(screen.map((l) => l.stages[name] ?? 0));
  return {
    keystrokes: count,
    dom_median: watchDom ? median(dom) : null,
    dom_p95: watchDom ? p95(dom) : null,
    screen_median: median(totals),
    screen_p95: p95(totals),
    screen_keys: totals.length,
    under_16: totals.filter((t) => t < 16).length,
    main_median: stage('RendererMainProcessing'),
    frame_median: stage('RendererMainFinishedToCommit'),
    present_median: stage('SubmitCompositorFrameToPresentationCompositorFrame'),
    event_timing_16: slow,
  };
}

/** A fresh page (its own context) with `doc` opened through 打开文件, timed until `selector`
 * matches `n` elements. */
/**
 * A new page with `doc` opened as a user opens a file, timed in the page from the file input's
 * change event to the frame that shows the table of `rows` rows (`table`, a selector of its
 * grid, with aria-rowcount rows + 1) with its rows in view; `after_ms`: the long tasks (over
 * 50 ms) in the second after that frame, which would keep the page from answering.
 */
async function pageWith(doc, table, rows) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  await page.goto(server.url);
  await page.waitForSelector('#app[data-ready="true"]');
  // A person chooses a file some time after the page is up, not in the same millisecond.
  await page.waitForTimeout(500);
  await page.evaluate(([grid, count]) => {
    const shadow = document.querySelector('#app').shadowRoot;
    shadow.querySelector('input[type=file]').addEventListener('change', () => {
      const start = performance.now();
      const long = [];
      new PerformanceObserver((list) => long.push(...list.getEntries())).observe({ type: 'longtask' });
      const drawn = () => {
        const el = shadow.querySelector(grid);
        return el?.getAttribute('aria-rowcount') === String(count + 1) && el.querySelector('[role="row"][aria-rowindex]');
      };
      const check = () => {
        if (!drawn()) return requestAnimationFrame(check);
        // The frame this callback precedes shows the table; the task after it follows that frame.
        setTimeout(() => {
          const at = performance.now();
          setTimeout(() => {
            const after = long.filter((t) => t.startTime >= at);
            window.openedResult = { ms: at - start, after_ms: after.reduce((sum, t) => sum + t.duration, 0), after_tasks: after.length };
          }, 1000);
        });
      };
      requestAnimationFrame(check);
    }, { capture: true, once: true });
  }, [table, rows]);
  await page.setInputFiles('input[type=file]', { name: 'bench.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(doc)) });
  const opened = await (await page.waitForFunction(() => window.openedResult, null, { timeout: 60000 })).jsonValue();
  return { page, loadMs: Math.round(opened.ms), open: opened };
}

/** Scrolls block `block` of the table `grid` (row-window.js draws rows in blocks) into view
 * and waits for its rows to be drawn; the block is marked `jx-revealed`. */
async function reveal(page, grid, block) {
  await page.evaluate(([sel, b]) => {
    const el = document.querySelector('#app').shadowRoot.querySelector(`${sel} .jx-chunk[data-block="${b}"]`);
    el.classList.add('jx-revealed');
    el.scrollIntoView({ block: 'center' });
  }, [grid, block]);
  await page.waitForFunction(([sel, b]) => document.querySelector('#app').shadowRoot.querySelector(`${sel} .jx-chunk[data-block="${b}"] [role="row"]`), [grid, block]);
}

// A file opened into the page, five times each: 1,000 and 10,000 indicators, 10,000 projects.
async function opens(doc, table, rows) {
  const times = [];
  let after = 0;
  for (let i = 0; i < 5; i++) {
    const { page, open } = await pageWith(doc, table, rows);
    times.push(open.ms);
    after = Math.max(after, open.after_ms);
    await page.context().close();
  }
  return { median_ms: median(times), max_ms: Math.max(...times), long_tasks_after_ms: after };
}
const indicatorRows = (leaves) => leaves + Math.ceil(leaves / 10) + Math.min(4, Math.ceil(leaves / 10));
results.open = {
  sheet_1000: await opens(sheet(1000), '[aria-label="绩效指标表"]', indicatorRows(1000)),
  sheet_10000: await opens(sheet(10000), '[aria-label="绩效指标表"]', indicatorRows(10000)),
  summary_10000: await opens(summary(10000), '[aria-label="项目汇总表"]', 10001),
};

// Keystroke to updated total: in the DOM (our code: the key, the core, the redraw of what
// changed) and on screen (Chromium's EventLatency: from the key to the frame that shows it).
async function keystrokes(leaves, count) {
  const { page, loadMs, open } = await pageWith(sheet(leaves), '[aria-label="绩效指标表"]', indicatorRows(leaves));
  // A leaf in the middle of the sheet whose score moves with every digit.
  await reveal(page, '[aria-label="绩效指标表"]', Math.floor(leaves / 2 / 25));
  // (A ratio leaf: an amount as its target, ≥ — workload.mjs.)
  const index = await page.evaluate(() => {
    const rows = [...document.querySelector('#app').shadowRoot.querySelectorAll('.jx-chunk.jx-revealed .jx-row-leaf')]
      .filter((tr) => /^[\d,]+\.\d\d$/.test(tr.querySelector('[data-cell="target"]').textContent) && tr.querySelector('[data-cell="comparison"]').textContent === '≥');
    return Number(rows[Math.floor(rows.length / 2)].dataset.index);
  });
  await page.locator(`[data-index="${index}"] [data-cell="actual"]`).click();
  const input = page.locator(`[data-index="${index}"] [data-key="actual"]`);
  await input.fill('1');
  await input.focus();
  await page.keyboard.press('End');
  await page.waitForTimeout(500);
  return { leaves, load_ms: loadMs, load_after_ms: open.after_ms, ...(await measureKeys(page, count)) };
}
results.keystroke = [await keystrokes(1000, 60), await keystrokes(10000, 30)];

// The same in a 汇总表 of typed rows: a keystroke in one row's 完成数 to the 合计 rate in the
// bar (the rate, the 合计 row, the grade counts and the chart are all redrawn).
async function summaryKeystrokes(projects, count) {
  // Its rows: the projects and the 合计.
  const { page, loadMs } = await pageWith(summary(projects), '[aria-label="项目汇总表"]', projects + 1);
  const row = Math.floor(projects / 2);
  await reveal(page, '[aria-label="项目汇总表"]', Math.floor(row / 50));
  // Rows show text until edited: the cell is clicked, as a user would.
  const cell = page.locator(`[aria-label="项目汇总表"] [data-row="${row}"] [data-cell="spent"]`);
  await cell.scrollIntoViewIfNeeded();
  await cell.click();
  const input = page.getByLabel(`项目第${row + 1}行完成数（万元）`, { exact: true });
  // Without its thousands separators, so that a digit typed in front keeps it a readable
  // amount, ten times larger, which moves the 合计 rate every time.
  await input.fill((await input.inputValue()).replace(/,/g, ''));
  await input.focus();
  await page.keyboard.press('Home');
  await page.waitForTimeout(500);
  return { projects, load_ms: loadMs, ...(await measureKeys(page, count)) };
}
results.summary_keystroke = [await summaryKeystrokes(100, 30), await summaryKeystrokes(1000, 30)];

// A 汇总表 of 10,000 projects sorted by 分数 and filtered by grade, each
// from the click (or choice) to the frame after the table is redrawn.
async function summaryBig(projects) {
  // (Its opening is timed with the others, in `results.open`.)
  const { page } = await pageWith(summary(projects), '[aria-label="项目汇总表"]', projects + 1);
  const timed = (act) => page.evaluate((what) => new Promise((done) => {
    const shadow = document.querySelector('#app').shadowRoot;
    const start = performance.now();
    if (what === 'sort') [...shadow.querySelectorAll('.jx-sort')].find((b) => b.textContent.startsWith('分数')).click();
    else {
      const select = shadow.querySelector('[aria-label="按等级筛选"]');
      select.value = what;
      select.dispatchEvent(new Event('change', { bubbles: true }));
    }
    requestAnimationFrame(() => setTimeout(() => done(performance.now() - start)));
  }), act);
  const sort = [await timed('sort'), await timed('sort'), await timed('sort')];
  const filter = [await timed('优'), await timed(''), await timed('良')];
  await page.context().close();
  return { projects, sort_ms: median(sort), filter_ms: median(filter) };
}
results.summary_big = await summaryBig(10000);

// The floor: a bare page with one input and one updated number, in the same browser.
{
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  await page.setContent('<input id=i><b id=t>0</b>');
  await page.evaluate(() => {
    const i = document.getElementById('i');
    i.addEventListener('input', () => {
      document.getElementById('t').textContent = String(i.value.length);
    });
  });
  await page.focus('#i');
  results.floor = await measureKeys(page, 30, { dom: false });
}

const version = browser.version();
await browser.close();
await server.close();

console.log(`\n页面（${version ? `Chromium ${version}` : 'Chromium'} headless，软件渲染，本机 ${(await import('node:os')).cpus().length} 核）`);
console.log(`  体积：页面 ${kb(raw)}，gzip ${kb(gz)}（目标 ≤ 150 KB，issue 21）；离线单文件 ${kb(offline.length)}，gzip ${kb(results.bytes.offline_gzip)}`);
console.log(`  导航到可用：${readyLine()}`);
const screen = (k) => `屏幕（按键到显示它的那一帧呈现，Chromium EventLatency）中位 ${ms(k.screen_median)} p95 ${ms(k.screen_p95)}，${k.under_16}/${k.screen_keys} 次 < 16 ms（主线程：处理按键 ${ms(k.main_median)}，到提交该帧 ${ms(k.frame_median)}，合成到呈现 ${ms(k.present_median)}；Event Timing ≥ 16 ms：${k.event_timing_16} 次）`;
for (const k of results.keystroke) {
  console.log(`  按键到总分（${k.leaves} 个指标，${k.keystrokes} 次按键）：DOM 已更新 中位 ${ms(k.dom_median)} p95 ${ms(k.dom_p95)}；${screen(k)}（目标 < 16 ms）；载入 ${k.load_ms} ms`);
}
{
  const o = results.open;
  const line = (x) => `中位 ${ms(x.median_ms)}（最慢 ${ms(x.max_ms)}；其后长任务 ${ms(x.long_tasks_after_ms)}）`;
  console.log(`  打开文件（change 事件到显示总分与可见行的那一帧，各 5 次）：1000 个指标 ${line(o.sheet_1000)}；10000 个指标 ${line(o.sheet_10000)}（目标 < 150 ms）；10000 个项目的汇总表 ${line(o.summary_10000)}（目标 < 300 ms）`);
}
for (const k of results.summary_keystroke) {
  console.log(`  汇总表按键到合计（${k.projects} 个项目，${k.keystrokes} 次按键）：DOM 已更新 中位 ${ms(k.dom_median)} p95 ${ms(k.dom_p95)}；${screen(k)}${k.projects === 1000 ? '（目标：p95 < 16 ms）' : ''}；载入 ${k.load_ms} ms`);
}
{
  const b = results.summary_big;
  console.log(`  汇总表（${b.projects} 个项目）：按分数排序 中位 ${ms(b.sort_ms)}；按等级筛选 中位 ${ms(b.filter_ms)}（到重绘后的下一帧；目标 < 50 ms）`);
}
console.log(`  对照：只有一个输入框的空白页：${screen(results.floor)}（本机浏览器的下限）`);
writeFileSync(path.join(out, 'page.json'), `${JSON.stringify(results, null, 2)}\n`);

if (!process.argv.includes('--page-only')) {
  console.log('\n核心（原生，cargo bench）');
  const run = spawnSync('cargo', ['bench', '--bench', 'evaluate', '--bench', 'batch', '--', '--warm-up-time', '1', '--measurement-time', '3'], { stdio: 'inherit', cwd: root });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
