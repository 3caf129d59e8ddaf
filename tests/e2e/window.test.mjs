// Issue 21, item 2: a long table draws only the rows near the view (row-window.js), and yet the
// keyboard, the page's own search (Ctrl+F), printing and screen readers see every row.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, ready, openFile, cell, total, screenshot } from './harness.mjs';
import { sheet, summary } from '../../scripts/workload.mjs';

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.close();
});

const LEAVES = 2000;

/** The indicator grid's rows in the document: their indices (data-index) and aria-rowindex. */
const drawnRows = (page) => page.locator('.jx-grid [data-index]').evaluateAll((rows) => rows.map((tr) => [Number(tr.dataset.index), Number(tr.getAttribute('aria-rowindex'))]));
const focused = (page) => page.evaluate(() => {
  const el = document.querySelector('#app').shadowRoot.activeElement;
  return el ? { index: Number(el.closest('[data-index]')?.dataset.index), key: el.dataset.key ?? null, label: el.getAttribute('aria-label') } : null;
});

async function openBig(page) {
  await page.goto(env.url);
  await ready(page);
  await openFile(page, 'big.json', JSON.stringify(sheet(LEAVES)));
  // 4 一级, 200 二级 and 2,000 leaves.
  await page.waitForSelector(`.jx-grid[aria-rowcount="${LEAVES + 204 + 1}"] [data-index="0"]`);
}

test('a sheet of 2,000 indicators: a few dozen rows drawn, the grid counts them all', async () => {
  const page = await env.page();
  await openBig(page);
  const rows = await drawnRows(page);
  assert.ok(rows.length >= 20 && rows.length <= 150, `${rows.length} rows drawn`);
  for (const [index, aria] of rows) assert.equal(aria, index + 2, 'aria-rowindex counts the header row');
  // A drawn leaf's score explains itself on hover: its explanation is asked for as it is drawn.
  assert.match(await page.locator('.jx-grid [data-index="2"] [data-cell="score"]').getAttribute('title'), /^指标0.+分$/);
  const totalAtOpen = await total(page);
  assert.match(totalAtOpen, /^\d+\.\d\d$/);

  // Scrolled to the end: the last rows are drawn, the first ones are let go.
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await page.waitForSelector(`.jx-grid [data-index="${LEAVES + 204 - 1}"]`);
  assert.match(await page.locator(`.jx-grid [data-index="${LEAVES + 204 - 1}"] [data-cell="score"]`).getAttribute('title'), /分$/);
  await page.waitForFunction(() => !document.querySelector('#app').shadowRoot.querySelector('.jx-grid [data-index="0"]'));
  assert.ok((await drawnRows(page)).length <= 150);
  await screenshot(page, '21-window-end');

  // The keyboard walks down a column from the top across the blocks: every row it reaches is
  // drawn for it, and what it leaves behind is let go.
  await page.evaluate(() => window.scrollTo(0, 0));
  const name = await cell(page, 0, 'name');
  await name.focus();
  for (let k = 0; k < 120; k++) await page.keyboard.press('Enter');
  assert.deepEqual(await focused(page), { index: 120, key: 'name', label: await page.locator('[data-index="120"] [data-key="name"]').getAttribute('aria-label') });
  // Typing there scores it: the total moves with the row's edit.
  const actual = await cell(page, 123, 'actual');
  await actual.fill('0');
  await page.waitForFunction((before) => document.querySelector('#app').shadowRoot.querySelector('.jx-total strong').textContent !== before, totalAtOpen);
  assert.ok((await drawnRows(page)).length <= 200);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('Ctrl+F finds a row that is not drawn, and Esc edits it', async () => {
  const page = await env.page();
  await openBig(page);
  const name = await cell(page, 0, 'name');
  await name.focus();
  await page.keyboard.press('Control+f');
  const find = page.getByLabel('在指标表中查找');
  assert.equal(await find.evaluate((el) => el === el.getRootNode().activeElement), true, 'the page\'s search, not the browser\'s');
  // 指标1777 is far below the rows drawn.
  assert.equal(await page.locator('.jx-grid [data-cell="name"]').filter({ hasText: /指标1777$/ }).count(), 0);
  await find.fill('指标1777');
  await page.waitForSelector('.jx-row-found');
  const found = page.locator('.jx-row-found');
  assert.match(await found.locator('[data-cell="name"]').innerText(), /指标1777$/);
  assert.ok(await found.isVisible());
  assert.equal(await page.getByRole('search').getByRole('status').innerText(), '1 / 1');
  // A search with several matches steps through them with Enter.
  await find.fill('指标177');
  assert.equal(await page.getByRole('search').getByRole('status').innerText(), '1 / 11');
  await page.keyboard.press('Enter');
  assert.equal(await page.getByRole('search').getByRole('status').innerText(), '2 / 11');
  assert.match(await page.locator('.jx-row-found [data-cell="name"]').innerText(), /指标1770$/);
  await page.keyboard.press('Escape');
  const at = await focused(page);
  assert.equal(at.key, 'name');
  assert.match(await page.locator(`[data-index="${at.index}"] [data-key="name"]`).inputValue(), /^指标1770$/);
  assert.equal(await page.getByRole('search').isVisible(), false);
  await screenshot(page, '21-window-found');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

/** Whether the focused element (or `selector` in the calculator) shows: nothing of the page
 * (the bar, the search, the line at the bottom) over its middle. */
const uncovered = (page, selector = null) => page.evaluate((selector) => {
  const root = document.querySelector('#app').shadowRoot;
  const el = selector ? root.querySelector(selector) : root.activeElement;
  const r = el.getBoundingClientRect();
  const hit = root.elementFromPoint(r.left + Math.min(20, r.width / 2), r.top + r.height / 2);
  return r.top >= 0 && r.bottom <= window.innerHeight && !!hit && (hit === el || el.contains(hit));
}, selector);

test('the cell moved to and the match found are never under the bar or the line at the bottom', async () => {
  const page = await env.page();
  await openBig(page);
  await (await cell(page, 2, 'actual')).focus();
  const covered = [];
  for (let k = 0; k < 60; k++) {
    await page.keyboard.press('Enter');
    if (!(await uncovered(page))) covered.push((await focused(page)).index);
  }
  assert.deepEqual(covered, [], 'rows whose cell had the focus out of sight');
  // Typed into after scrolling away, the cell comes back clear of the bar.
  await page.evaluate(() => window.scrollBy(0, 3000));
  await page.keyboard.type('9');
  assert.ok(await uncovered(page));
  // The page's search, typed a key at a time: it stays in view, and so does each first match.
  await page.keyboard.press('Control+f');
  await page.getByLabel('在指标表中查找').pressSequentially('指标99', { delay: 30 });
  assert.equal(await page.getByRole('search').getByRole('status').innerText(), '1 / 11');
  assert.ok(await uncovered(page), 'the search box');
  assert.match(await page.locator('.jx-row-found [data-cell="name"]').innerText(), /指标99$/);
  assert.ok(await uncovered(page, '.jx-row-found [data-cell="name"]'), 'the first match');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('printing a long sheet prints every row, drawn or not', async () => {
  const page = await env.page();
  await openBig(page);
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('.jx-paper tbody tr:not(.jx-paper-total, .jx-paper-findings, .jx-paper-signature)').count(), LEAVES + 204);
  assert.match(await page.locator('.jx-paper tbody tr').nth(LEAVES + 203).innerText(), /指标1999/);
  await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  await page.emulateMedia({ media: 'screen' });
  await page.waitForSelector('.jx-grid [data-index="0"]');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a 汇总表 of 3,000 projects: drawn in view, sorted, printed whole', async () => {
  const page = await env.page();
  await page.goto(env.url);
  await ready(page);
  const doc = summary(3000);
  await openFile(page, '汇总表.json', JSON.stringify(doc));
  const grid = '[aria-label="项目汇总表"]';
  await page.waitForSelector(`${grid}[aria-rowcount="3002"] [data-row="0"]`);
  assert.match(await page.locator('.jx-notice').innerText(), /已将“汇总表\.json”的 3000 个项目导入为新工作簿的汇总表/);
  const drawn = () => page.locator(`${grid} [data-row]`).count();
  assert.ok(await drawn() <= 200, `${await drawn()} rows drawn`);
  // The 合计 of 3,000 projects runs past 100亿: its amounts show whole, bold as they are.
  const totals = await page.locator(`${grid} [data-cell^="total-"] .jx-out`).evaluateAll((spans) => spans.map((s) => [s.textContent, s.scrollWidth <= s.parentElement.clientWidth]));
  assert.ok(totals.length === 3 && totals[0][0].length >= 16, JSON.stringify(totals));
  assert.deepEqual(totals.filter(([, whole]) => !whole), [], 'the 合计 figures cut off');
  // The score chart: stacks nine dots high, the top one counting the projects it stands for.
  const dots = await page.locator('svg.jx-chart circle').evaluateAll((circles) => circles.map((c) => [c.getAttribute('cx'), c.textContent]));
  assert.ok(dots.length < 700, `${dots.length} dots`);
  const perColumn = new Map();
  for (const [cx] of dots) perColumn.set(Math.round(Number(cx) / 7), (perColumn.get(Math.round(Number(cx) / 7)) ?? 0) + 1);
  assert.ok(Math.max(...perColumn.values()) <= 9);
  const standsFor = dots.reduce((sum, [, title]) => sum + 1 + Number(/及另外 (\d+) 个项目/.exec(title)?.[1] ?? 0), 0);
  assert.equal(standsFor, doc.projects.filter((p) => p.score).length);
  // Sorted by 分数 descending: the first row shown is the highest score, drawn at once.
  await page.getByRole('button', { name: /^分数/ }).click();
  await page.getByRole('button', { name: /^分数/ }).click();
  const scores = await page.locator(`${grid} [data-row] [data-cell="score"]`).evaluateAll((cells) => cells.slice(0, 5).map((td) => Number(td.textContent.replace(/,/g, ''))));
  assert.deepEqual(scores, [...scores].sort((a, b) => b - a));
  assert.equal(scores[0], Math.max(...doc.projects.map((p) => Number(p.score))), 'the highest score first');
  assert.ok(await drawn() <= 200);
  // Ctrl+F on a 汇总表 is its filter's search, which looks through every row.
  await page.getByRole('button', { name: /^分数/ }).focus();
  await page.keyboard.press('Control+f');
  const search = page.getByLabel('筛选项目');
  assert.equal(await search.evaluate((el) => el === el.getRootNode().activeElement), true);
  await search.fill('项目2999');
  await page.waitForFunction(() => document.querySelector('#app').shadowRoot.querySelectorAll('[aria-label="项目汇总表"] [data-row]').length === 1);
  assert.equal(await page.locator(`${grid} [data-row="2998"] [data-cell="project"]`).innerText(), '项目2999');
  await search.fill('');
  await page.waitForFunction(() => document.querySelector('#app').shadowRoot.querySelectorAll('[aria-label="项目汇总表"] [data-row]').length > 1);
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator(`.jx-paper[aria-label="项目汇总表"] tbody tr:not(.jx-paper-total)`).count(), 3000);
  // Sorted as the screen shows it, but headed without the screen's mark of it (分数▼).
  const heads = await page.locator('.jx-paper[aria-label="项目汇总表"] thead th').evaluateAll((ths) => ths.map((th) => th.textContent.trim()));
  assert.ok(heads.includes('分数') && !heads.some((t) => /[▲▼]/.test(t)), heads.join(' '));
  await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  await page.emulateMedia({ media: 'screen' });
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a sheet file opens from its bytes in UTF-8 with a BOM, and in UTF-16 as Notepad saves it', async () => {
  const page = await env.page();
  await page.goto(env.url);
  await ready(page);
  const doc = JSON.stringify({ ...sheet(30), meta: { project: '编码测试' } });
  await openFile(page, 'utf8-bom.json', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(doc)]));
  await page.locator('.jx-notice', { hasText: '已打开“utf8-bom.json”' }).waitFor();
  const first = await total(page);
  await openFile(page, 'utf16.json', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(doc, 'utf16le')]));
  await page.locator('.jx-notice', { hasText: '已打开“utf16.json”' }).waitFor();
  assert.equal(await page.getByRole('tab', { name: '编码测试' }).count(), 2);
  assert.equal(await total(page), first);
  assert.equal(await page.locator('.jx-notice[data-kind="error"]').count(), 0);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a sheet file in GBK is refused with the reason, not opened with its Chinese turned to �', async () => {
  const page = await env.page();
  await page.goto(env.url);
  await ready(page);
  const tabs = await page.getByRole('tab').count();
  // {"format":"jixiao-sheet","version":2,"kind":"project","meta":{"project":"项目"}} with 项目 in GBK.
  const gbk = Buffer.concat([Buffer.from('{"format":"jixiao-sheet","version":2,"kind":"project","meta":{"project":"'), Buffer.from([0xcf, 0xee, 0xc4, 0xbf]), Buffer.from('"}}')]);
  await openFile(page, 'gbk.json', gbk);
  const notice = page.locator('.jx-notice[data-kind="error"]');
  await notice.waitFor();
  assert.match(await notice.innerText(), /无法打开“gbk\.json”：文件不是 UTF-8 编码：第1行第\d+列/);
  assert.equal(await page.getByRole('tab').count(), tabs, 'nothing opened');
  await page.context().close();
});

test('a row renamed is named so in the footer, and the search finds rows again after rows move', async () => {
  const page = await env.page();
  await openBig(page);
  const name = await cell(page, 2, 'name');
  await name.fill('完工及时率');
  // (The footer follows once typing pauses.)
  await page.locator('.jx-detail', { hasText: '完工及时率' }).waitFor();
  // Ctrl+F, then a row inserted above the matches while the search is open: Enter still goes
  // to a row that matches.
  await page.keyboard.press('Control+f');
  const find = page.getByLabel('在指标表中查找');
  await find.fill('指标177');
  assert.equal(await page.getByRole('search').getByRole('status').innerText(), '1 / 11');
  await page.getByRole('button', { name: '＋ 在当前行下方插入' }).click();
  await page.waitForSelector(`.jx-grid[aria-rowcount="${LEAVES + 204 + 2}"]`);
  await find.focus();
  await page.keyboard.press('Enter');
  assert.match(await page.locator('.jx-row-found [data-cell="name"]').innerText(), /指标177\d?$/);
  await page.keyboard.press('Escape');
  const at = await focused(page);
  assert.match(await page.locator(`[data-index="${at.index}"] [data-key="name"]`).inputValue(), /^指标177\d?$/);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the rule parameters under an edited row are a cell of that row for screen readers', async () => {
  const page = await env.page();
  await page.goto(env.url);
  await ready(page);
  // The template's 成本 row is compared ≤: editing it shows how such a row is scored.
  const costRow = await page.locator('.jx-grid [data-index]').evaluateAll((rows) =>
    rows.map((tr) => Number(tr.dataset.index)).find((i) => document.querySelector('#app').shadowRoot
      .querySelector(`[data-index="${i}"] [data-cell="comparison"]`)?.textContent.includes('≤')));
  await (await cell(page, costRow, 'actual')).focus();
  const params = page.locator(`.jx-grid [data-params="${costRow}"]`);
  await params.waitFor();
  assert.equal(await params.getAttribute('role'), 'none');
  const owned = await params.locator('[role=gridcell]').getAttribute('id');
  assert.ok(owned);
  assert.equal(await page.locator(`.jx-grid [data-index="${costRow}"]`).getAttribute('aria-owns'), owned);
  // Every row the grid holds has its place in the whole.
  const rows = await page.locator('.jx-grid [role=row]').evaluateAll((all) => all.map((r) => r.getAttribute('aria-rowindex')));
  assert.ok(rows.length > 10);
  assert.deepEqual(rows.filter((r) => r === null), []);
  // Chromium's accessibility tree takes the owned cell into the row: the row's name, made
  // from its cells, ends with it (Playwright's snapshot lists the DOM's children only).
  const tree = await page.locator(`.jx-grid [data-index="${costRow}"]`).ariaSnapshot();
  assert.match(tree.split('\n')[0], /^- row ".* 计分规则的参数"/);
});

test('the edited row’s ⋯ menu shows whole, over the rows below, and works', async () => {
  const page = await env.page();
  await page.goto(env.url);
  await ready(page);
  const rows = page.locator('.jx-grid [data-index]');
  const count = await rows.count();
  const leaf = await rows.evaluateAll((all) => all.map((tr) => tr.classList.contains('jx-row-leaf')).indexOf(true, 1));
  await cell(page, leaf, 'weight');
  await page.locator(`.jx-grid [data-index="${leaf}"] .jx-menu > summary`).click();
  const items = page.locator('.jx-menu[open] .jx-menu-items button');
  await items.last().scrollIntoViewIfNeeded();
  // Every item is where the pointer finds it, over the rows below.
  const hits = await items.evaluateAll((buttons) => buttons.map((b) => {
    const r = b.getBoundingClientRect();
    return b.getRootNode().elementFromPoint(r.x + r.width / 2, r.y + r.height / 2) === b;
  }));
  assert.deepEqual(hits, hits.map(() => true));
  await screenshot(page, 'window-row-menu');
  assert.equal(await items.last().innerText(), '删除本行');
  page.once('dialog', (dialog) => dialog.accept());
  await items.last().click();
  await page.waitForFunction((n) => document.querySelector('#app').shadowRoot.querySelectorAll('.jx-grid [data-index]').length === n, count - 1);
});

test('on a screen about 1,080 px wide the ⋯ column stays in view at the table’s right edge, its menu over the rows', async () => {
  const page = await env.page({ width: 1080, height: 800 });
  await page.goto(env.url);
  await ready(page);
  const leaf = await page.locator('.jx-grid [data-index]').evaluateAll((all) => all.map((tr) => tr.classList.contains('jx-row-leaf')).indexOf(true, 1));
  await cell(page, leaf, 'weight');
  const summary = page.locator(`.jx-grid [data-index="${leaf}"] .jx-menu > summary`);
  /** Where the ⋯ is, against the table's box and the window, with the table scrolled to `left`. */
  const where = (left) => summary.evaluate((s, x) => {
    const scroller = s.closest('.jx-scroll');
    scroller.scrollLeft = x;
    const r = s.getBoundingClientRect();
    const box = scroller.getBoundingClientRect();
    const th = scroller.querySelector('.jx-th.jx-col-menu').getBoundingClientRect();
    return {
      wider: scroller.scrollWidth > scroller.clientWidth,
      inBox: r.left >= box.left && r.right <= box.right, inWindow: r.right <= innerWidth,
      found: s.getRootNode().elementFromPoint(r.x + r.width / 2, r.y + r.height / 2) === s,
      underHeader: Math.abs(th.left - r.left) < 2 && Math.abs(th.right - r.right) < 2,
    };
  }, left);
  await summary.evaluate((s) => s.scrollIntoView({ block: 'center', inline: 'nearest' }));
  const start = await where(0);
  assert.ok(start.wider, 'the table is wider than its box at this width');
  assert.deepEqual(start, { wider: true, inBox: true, inWindow: true, found: true, underHeader: true }, 'the ⋯ is in view unscrolled');
  assert.deepEqual(await where(100000), start, 'and scrolled to the end');
  // Tab to the last cell: it is scrolled clear of the ⋯ column, not left under it.
  await where(0);
  await (await cell(page, leaf, 'unit')).focus();
  await page.keyboard.press('Tab');
  const reason = await page.locator(`.jx-grid [data-index="${leaf}"] [data-key="reason"]`).evaluate((input) => {
    const menu = input.closest('[data-index]').querySelector('.jx-col-menu').getBoundingClientRect();
    return { focused: input.getRootNode().activeElement === input, right: input.getBoundingClientRect().right, menu: menu.left };
  });
  assert.ok(reason.focused && reason.right <= reason.menu + 0.5, JSON.stringify(reason));
  await where(0);
  await screenshot(page, 'window-row-menu-1080');
  // Opened with a click, its items lie over the rows below and work.
  await summary.click();
  const items = page.locator('.jx-menu[open] .jx-menu-items button');
  await items.first().waitFor();
  // (Its right end too, which lies over the ⋯ column of the rows below.)
  const hits = await items.evaluateAll((buttons) => buttons.map((b) => {
    const r = b.getBoundingClientRect();
    const at = (x) => b.getRootNode().elementFromPoint(x, r.y + r.height / 2) === b;
    return r.right <= innerWidth && at(r.x + r.width / 2) && at(r.right - 6);
  }));
  assert.deepEqual(hits, hits.map(() => true));
  await screenshot(page, 'window-row-menu-1080-open');
  const count = await page.locator('.jx-grid [data-index]').count();
  await items.filter({ hasText: '在下方插入同级指标' }).click();
  await page.waitForFunction((n) => document.querySelector('#app').shadowRoot.querySelectorAll('.jx-grid [data-index]').length === n, count + 1);
  assert.deepEqual(page.errors, []);
});

test('at 800 px a cell moved to with Tab, Shift+Tab or ←  is never left under the names or the ⋯ column', async () => {
  const page = await env.page({ width: 800, height: 700 });
  await page.goto(env.url);
  await ready(page);
  const leaf = await page.locator('.jx-grid [data-index]').evaluateAll((all) => all.map((tr) => tr.classList.contains('jx-row-leaf')).indexOf(true, 1));
  /** The focused cell's key and how far it lies clear of the sticky cells of its row (px). */
  const clear = () => page.evaluate(() => {
    const el = document.querySelector('#app').shadowRoot.activeElement;
    const row = el.closest('[data-index]');
    const r = el.getBoundingClientRect();
    return {
      key: el.dataset.key,
      left: Math.round(r.left - row.querySelector('.jx-col-name').getBoundingClientRect().right),
      right: Math.round(row.querySelector('.jx-col-menu').getBoundingClientRect().left - r.right),
    };
  });
  const walk = async (keys, press) => {
    const seen = [];
    for (let step = 0; step < keys; step++) {
      await page.keyboard.press(press);
      seen.push(await clear());
    }
    return seen;
  };
  const hidden = (seen) => seen.filter((at) => at.key !== 'name' && (at.left < 0 || at.right < 0));
  // From the last cell, scrolled to the right end, back to the name with Shift+Tab.
  await (await cell(page, leaf, 'reason')).focus();
  assert.ok(await page.locator('.jx-grid-scroll').evaluate((box) => box.scrollLeft > 0), 'the table is scrolled sideways');
  const back = await walk(7, 'Shift+Tab');
  assert.deepEqual(back.map((at) => at.key), ['unit', 'actual', 'target', 'comparison', 'rule', 'weight', 'name']);
  assert.deepEqual(hidden(back), [], JSON.stringify(back));
  // Forward with Tab: each cell clear of the ⋯ column, the last one too.
  const on = await walk(7, 'Tab');
  assert.deepEqual(on.map((at) => at.key), ['weight', 'rule', 'comparison', 'target', 'actual', 'unit', 'reason']);
  assert.deepEqual(hidden(on), [], JSON.stringify(on));
  // ← at the start of a cell's text moves to the cell before.
  await (await cell(page, leaf, 'reason')).press('Home');
  const left = await walk(4, 'ArrowLeft');
  assert.deepEqual(left.map((at) => at.key), ['unit', 'actual', 'target', 'comparison']);
  assert.deepEqual(hidden(left), [], JSON.stringify(left));
  await screenshot(page, 'window-sticky-name-800');
  assert.deepEqual(page.errors, []);
});
