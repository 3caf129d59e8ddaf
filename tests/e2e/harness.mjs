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

/** An input of row `index` (printed order), by column key. */
export function cell(page, index, key) {
  return page.locator(`[data-index="${index}"] [data-key="${key}"]`);
}

/** The displayed score of row `index`. */
export async function score(page, index) {
  return (await page.locator(`[data-index="${index}"] .jx-score`).innerText()).trim();
}

/** The row index of the row whose name input has this value. */
export async function rowNamed(page, name) {
  const index = await page.locator('[data-index] [data-key="name"]').evaluateAll(
    (inputs, wanted) => inputs.findIndex((el) => el.value === wanted),
    name,
  );
  if (index < 0) throw new Error(`no row named ${name}`);
  return index;
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
