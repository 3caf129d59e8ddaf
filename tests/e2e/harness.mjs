// Shared by the browser tests: Debian's Chromium driven by playwright-core, the page served
// from dist/ on localhost, every request recorded, screenshots saved for people to look at.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { serve } from '../../scripts/serve.mjs';
import { root, chromiumPath } from '../../scripts/setup.mjs';

export const shots = path.join(root, 'test-results', 'screenshots');
mkdirSync(shots, { recursive: true });

export async function start() {
  const server = await serve({ port: 0 });
  let browser;
  try {
    // Playwright starts every launch with a new, empty profile of its own.
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
        '--disable-sync', '--no-first-run'],
    });
  } catch (error) {
    await server.close();
    throw error;
  }
  return {
    url: server.url,
    origin: new URL(server.url).origin,
    browser,
    /** A fresh context (its own localStorage) and page, recording requests and errors. */
    async page({ width = 1400, height = 900 } = {}) {
      const context = await browser.newContext({ viewport: { width, height }, acceptDownloads: true });
      const page = await context.newPage();
      page.requests = [];
      page.errors = [];
      page.on('request', (r) => page.requests.push(r.url()));
      page.on('pageerror', (e) => page.errors.push(e.message));
      page.on('console', (m) => m.type() === 'error' && page.errors.push(m.text()));
      return page;
    },
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/** Waits until the calculator in the hosted page (or the offline file) is drawn. */
export async function ready(page) {
  await page.waitForSelector('#app[data-ready="true"]', { timeout: 15000 });
}

/** Clicks a table cell as a person would: the cell is scrolled to the middle of the screen
 * and a frame drawn first (the rows around it are drawn as they come near the view). */
async function clickDrawn(td) {
  await td.evaluate((el) => new Promise((done) => {
    el.scrollIntoView({ block: 'center' });
    requestAnimationFrame(() => requestAnimationFrame(done));
  }));
  await td.click();
}

/**
 * The input for row `index`'s `key` column (printed order). Rows show text until edited, so
 * the cell is clicked first, as a user would, turning its row into inputs. `scope` is the
 * page or a locator (e.g. a <jixiao-calculator>).
 */
export async function cell(scope, index, key) {
  const input = scope.locator(`[data-index="${index}"] [data-key="${key}"]`);
  if (!(await input.count())) await clickDrawn(scope.locator(`[data-index="${index}"] [data-cell="${key}"]`));
  await input.waitFor();
  return input;
}

/** The input for 汇总表 row `row`'s (counted from 1, as its label says) column `label`
 * (序号, 单位名称, 预算数（万元）, …). Rows show text until edited: the cell is clicked first,
 * as a user would. */
export async function projectInput(page, row, label) {
  const input = page.getByLabel(`项目第${row}行${label}`, { exact: true });
  if (!(await input.count())) {
    const key = { 序号: 'seq', 单位名称: 'unit', 项目名称: 'project', 绩效目标: 'goal', '预算数（万元）': 'budget', '完成数（万元）': 'spent',
      分数: 'score', 等级: 'grade', 问题: 'problems', 建议: 'suggestions' }[label];
    await clickDrawn(page.locator(`[aria-label="项目汇总表"] [data-row="${row - 1}"] [data-cell="${key}"]`));
  }
  await input.waitFor();
  return input;
}

/** What a cell shows: the input's value while its row is edited, else its text. */
export async function shown(scope, index, key) {
  return scope.locator(`[data-index="${index}"] [data-cell="${key}"]`).evaluate((td) => {
    const control = td.querySelector('input, select, textarea');
    if (control) return control.value;
    const text = td.querySelector('.jx-text, .jx-out');
    return text && !text.classList.contains('jx-placeholder') ? text.textContent : '';
  });
}

/** The displayed score of row `index`. */
export async function score(scope, index) {
  return (await scope.locator(`[data-index="${index}"] .jx-score`).innerText()).trim();
}

/** The row index of the row named `name`, waiting (as a locator does) for the table to draw
 * it: a file just chosen is read and drawn after `setInputFiles` returns. */
export async function rowNamed(scope, name, timeout = 10_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const index = await scope.locator('[data-index] [data-cell="name"]').evaluateAll((cells, wanted) => {
      const found = cells.find((td) => {
        const input = td.querySelector('textarea');
        const text = td.querySelector('.jx-text');
        return (input ? input.value : text && !text.classList.contains('jx-placeholder') ? text.textContent : '') === wanted;
      });
      return found ? Number(found.closest('[data-index]').dataset.index) : -1;
    }, name);
    if (index >= 0) return index;
    if (Date.now() > deadline) throw new Error(`no row named ${name}`);
    await new Promise((done) => setTimeout(done, 50));
  }
}

export async function total(page) {
  return (await page.locator('.jx-total strong').innerText()).trim();
}

export async function grade(page) {
  return (await page.locator('.jx-grade').innerText()).trim();
}

export async function screenshot(page, name, options = {}) {
  await page.screenshot({ path: path.join(shots, `${name}.png`), ...options });
}

/** No request may leave the page's own origin (data: and blob: URLs are the page's own). */
export function ownRequestsOnly(page, origin) {
  return page.requests.filter((u) => !(u.startsWith(origin) || u.startsWith('data:') || u.startsWith('blob:')));
}

/** Exports through the 导出… dialog, choosing the option whose label matches `choice`;
 * resolves to the download's path. */
export async function exportAs(page, choice) {
  await page.getByRole('button', { name: '导出…' }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 30000 }),
    page.getByRole('dialog', { name: '导出' }).getByRole('button', { name: choice }).click(),
  ]);
  const file = await download.path();
  return { file, name: download.suggestedFilename() };
}

/** Opens the workbook's 汇总表 tab and waits until it is the one shown. */
export async function openSummary(page) {
  await page.getByRole('tab', { name: '汇总表' }).click();
  await page.getByRole('tab', { name: '汇总表', selected: true }).waitFor();
}

/** Opens a file through the page's 打开文件 input. */
export async function openFile(page, name, content) {
  const buffer = Buffer.isBuffer(content) ? content : Buffer.from(content);
  await page.setInputFiles('input[type=file]', { name, mimeType: 'application/octet-stream', buffer });
}

/**
 * Makes the next `set` the page calls (once `window.__trapNext` is true) trap as a panic in
 * the core does: the wasm build aborts, and the call throws WebAssembly.RuntimeError
 * ("unreachable") at the boundary where a real one would surface. `target`: a page or a
 * browser context, before the page loads.
 */
export function trappable(target) {
  return target.addInitScript(() => {
    const wrap = (result) => {
      if (!result?.instance?.exports?.calculator_set) return result;
      const exports = { ...result.instance.exports };
      const set = exports.calculator_set;
      exports.calculator_set = (...args) => {
        if (window.__trapNext) {
          window.__trapNext = false;
          throw new WebAssembly.RuntimeError('unreachable');
        }
        return set(...args);
      };
      return { instance: { exports }, module: result.module };
    };
    const streaming = WebAssembly.instantiateStreaming;
    WebAssembly.instantiateStreaming = async (...args) => wrap(await streaming.apply(WebAssembly, args));
    const instantiate = WebAssembly.instantiate;
    // The hosted page hands over the module index.html compiled: instantiated, an Instance.
    WebAssembly.instantiate = async (...args) => {
      const result = await instantiate.apply(WebAssembly, args);
      return wrap(result instanceof WebAssembly.Instance ? { instance: result, module: args[0] } : result);
    };
  });
}
