// What the page keeps in this browser when things go wrong: a fault in the core with another
// window open, damaged stored text (an index, a 汇总表, a sheet), and two windows at once.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, ready, cell, score, projectInput, trappable } from './harness.mjs';

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.close();
});

/** A page's saves (the 300 ms pause after typing, or 2 s of typing without one) wait while
 * `window.__holdSaves` is set, until `window.__releaseSaves()`: two windows' typing lands in
 * storage in the order a test
 * says, however slow the machine. */
function holdableSaves(context) {
  return context.addInitScript(() => {
    const set = window.setTimeout;
    const clear = window.clearTimeout;
    const held = new Map();
    let next = -1;
    window.setTimeout = (run, ms, ...args) => {
      if (!window.__holdSaves || ![300, 2000].includes(ms)) return set(run, ms, ...args);
      held.set(next, () => run(...args));
      return next--;
    };
    window.clearTimeout = (id) => (held.delete(id) ? undefined : clear(id));
    window.__releaseSaves = () => {
      window.__holdSaves = false;
      for (const [id, run] of held) {
        held.delete(id);
        set(run, 0);
      }
    };
  });
}

/** The messages shown (the notice's lines and the fault banner). */
function said(page) {
  return page.locator('[role=alert]').evaluateAll((els) => els.filter((e) => e.checkVisibility()).map((e) => e.textContent).join('\n'));
}

/**
 * Two windows of one browser context on the page, `a` opened first, each ready. `init` are
 * init scripts for the context (trappable, holdableSaves); `first(a)` runs in `a` before `b`
 * opens, and what it returns is returned as `prepared`.
 */
async function twoWindows({ init = [], first } = {}) {
  const a = await env.page();
  const context = a.context();
  for (const add of init) await add(context);
  await a.goto(env.url);
  await ready(a);
  const prepared = await first?.(a);
  const b = await context.newPage();
  await b.goto(env.url);
  await ready(b);
  return { a, b, context, prepared };
}

/** Stores `projects` as the typed rows of `page`'s workbook's 汇总表, opened on reload;
 * returns the 汇总表's storage key. */
async function withSummary(page, projects) {
  const key = await page.evaluate((rows) => {
    const index = JSON.parse(localStorage.getItem('jixiao:index'));
    const workbook = index.workbooks[0];
    workbook.current = 'summary';
    localStorage.setItem('jixiao:index', JSON.stringify(index));
    localStorage.setItem(`jixiao:summary:${workbook.id}`, JSON.stringify({ format: 'jixiao-sheet', version: 2, kind: 'summary', meta: { title: '项目绩效评价汇总表' },
      projects: rows }));
    return `jixiao:summary:${workbook.id}`;
  }, projects);
  await page.reload();
  await ready(page);
  return key;
}

for (const other of ['reloads', 'opened another sheet']) {
  test(`after a fault the edits kept come back though another window ${other}`, async () => {
    const { a, b, context } = await twoWindows({ init: [trappable] });
    // B opens a sheet of its own: the workbook's current tab is now B's.
    await b.getByRole('button', { name: '新建表格' }).click();
    await b.locator('dialog[open] button').filter({ hasText: '空白项目支出表' }).click();
    await b.waitForTimeout(800);
    await a.bringToFront();
    await (await cell(a, 3, 'target')).fill('100');
    await a.waitForTimeout(700); // saved
    await (await cell(a, 3, 'actual')).fill('50'); // not saved yet
    await a.evaluate(() => {
      window.__trapNext = true;
    });
    await (await cell(a, 3, 'unit')).fill('元');
    const banner = a.locator('.jx-fault');
    await banner.waitFor();
    assert.match(await banner.innerText(), /您的数据没有丢失/);
    if (other === 'reloads') {
      await b.reload();
      await ready(b);
    }
    await Promise.all([a.waitForEvent('load'), banner.getByRole('button', { name: '重新加载' }).click()]);
    await ready(a);
    assert.equal(await score(a, 3), '10.00', 'the edit kept is back, on the sheet A was on');
    assert.match(await said(a), /已恢复出错前尚未保存的 \d+ 项修改/);
    await a.waitForTimeout(500);
    const stored = await a.evaluate(() => Object.entries(localStorage).filter(([k, v]) => k.includes(':sheet:') && v.includes('"actual":"50"')).length);
    assert.equal(stored, 1, 'and saved');
    await context.close();
  });
}

/** Opens the page, then stores `damage(summary text)` as the workbook's 汇总表, left open, and
 * reloads. Returns the page and the keys. */
async function withStoredSummary(damage) {
  const page = await env.page();
  await page.goto(env.url);
  await ready(page);
  const summary = JSON.stringify({ format: 'jixiao-sheet', version: 2, kind: 'summary', meta: { title: '项目绩效评价汇总表', year: '2024' },
    projects: [{ unit: '甲单位', project: '甲项目', budget: '100', spent: '90' }, { unit: '乙单位', project: '乙项目', budget: '50', spent: '40' }] });
  const stored = damage(summary);
  const key = await page.evaluate((text) => {
    const index = JSON.parse(localStorage.getItem('jixiao:index'));
    const workbook = index.workbooks[0];
    workbook.current = 'summary';
    localStorage.setItem('jixiao:index', JSON.stringify(index));
    localStorage.setItem(`jixiao:summary:${workbook.id}`, text);
    return `jixiao:summary:${workbook.id}`;
  }, stored);
  await page.reload();
  await ready(page);
  return { page, key, stored, backup: key.replace(':summary:', ':summary-damaged:') };
}

for (const [how, damage] of [['cut short', (text) => text.slice(0, -40)], ['with a value of the wrong type', (text) => text.replace('"budget":"100"', '"budget":{}')]]) {
  test(`a stored 汇总表 ${how} is said, exported on request, and kept aside before anything is saved over it`, async () => {
    const { page, key, stored, backup } = await withStoredSummary(damage);
    assert.match(await said(page), /汇总表在本浏览器中保存的内容已损坏[\s\S]*导出损坏的汇总表/);
    assert.equal(await page.locator('[role=tab]').count(), 2, 'no spare sheet is added');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出损坏的汇总表' }).first().click()]);
    const { readFile } = await import('node:fs/promises');
    assert.equal(await readFile(await download.path(), 'utf8'), stored, 'the export is the damaged text as stored');
    await page.getByLabel('单位名称').first().fill('财政局');
    await page.waitForTimeout(800);
    const after = await page.evaluate(([k, b]) => [localStorage.getItem(k), localStorage.getItem(b)], [key, backup]);
    assert.match(after[0], /财政局/, 'what is typed now is saved');
    assert.equal(after[1], stored, 'the damaged text is kept aside, whole');
    assert.match(await said(page), /已原样另存一份/);
    // Opened again, the 汇总表 says the damaged text is still kept, and lets it go on request.
    await page.reload();
    await ready(page);
    assert.match(await said(page), /曾经损坏/);
    await page.getByRole('button', { name: '删除损坏的内容' }).click();
    assert.equal(await page.evaluate((b) => localStorage.getItem(b), backup), null);
    await page.context().close();
  });
}

const damagedIndexes = {
  'without its list of sheets': (index) => JSON.stringify({ ...index, workbooks: index.workbooks.map(({ sheets, ...w }) => w) }),
  'with a sheet entry null': (index) => JSON.stringify({ ...index, workbooks: index.workbooks.map((w) => ({ ...w, sheets: w.sheets.map(() => null) })) }),
  'with its sheets an object': (index) => JSON.stringify({ ...index, workbooks: index.workbooks.map((w) => ({ ...w, sheets: {} })) }),
  'cut short': (index) => JSON.stringify(index).slice(0, 40),
};
for (const [how, damage] of Object.entries(damagedIndexes)) {
  test(`a stored index ${how}: rebuilt from the sheets stored, said, and the page works`, async () => {
    const page = await env.page();
    await page.goto(env.url);
    await ready(page);
    await (await cell(page, 3, 'target')).fill('100');
    await page.waitForTimeout(700);
    const raw = await page.evaluate((text) => {
      const index = JSON.parse(localStorage.getItem('jixiao:index'));
      localStorage.setItem('jixiao:index', text);
      return text;
    }, damage(await page.evaluate(() => JSON.parse(localStorage.getItem('jixiao:index')))));
    await page.reload();
    await ready(page);
    assert.match(await said(page), /工作簿目录已损坏，已按本浏览器中保存的表格重建/);
    await page.getByRole('tab', { name: /项目支出绩效自评表/ }).click();
    assert.equal(await page.locator('[data-index="3"] [data-cell="target"]').innerText(), '100', 'the sheet is back');
    assert.equal(await page.evaluate(() => localStorage.getItem('jixiao:index-damaged')), raw, 'the damaged index is kept aside');
    await page.context().close();
  });
}

test('a workbook deleted in one window while the other types in it: the first window’s new workbook stays', async () => {
  const { a, b, context } = await twoWindows();
  b.on('dialog', (d) => d.accept());
  await b.bringToFront();
  await b.getByRole('button', { name: '工作簿…' }).click();
  const remove = b.locator('dialog[open] button').filter({ hasText: '删除' }).first();
  await remove.waitFor();
  await a.bringToFront();
  await a.locator('[role=row][data-index="3"] [data-cell="target"]').click();
  await a.keyboard.type('66'); // saved 300 ms after: B deletes meanwhile
  await b.bringToFront();
  await remove.click();
  const confirm = b.locator('dialog[open] button').filter({ hasText: '删除' });
  if (await confirm.count()) await confirm.first().click();
  await b.waitForTimeout(500);
  await a.bringToFront();
  await a.keyboard.type('7');
  await a.waitForTimeout(800);
  const index = await b.evaluate(() => JSON.parse(localStorage.getItem('jixiao:index')));
  assert.equal(index.workbooks.length, 1);
  assert.equal(index.workbooks[0].sheets.length, 0, 'the workbook in the index is B’s new one, not the deleted one brought back');
  assert.ok(await b.evaluate((id) => localStorage.getItem(`jixiao:summary:${id}`) != null, index.workbooks[0].id));
  assert.doesNotMatch(await said(b), /已在另一个窗口中删除/, 'B is told nothing false');
  assert.match(await said(a), /这个工作簿已在另一个窗口中删除/, 'A is told its typing is not saved');
  await context.close();
});

test('typing that never pauses is saved as it goes, at most 2 s behind', async () => {
  const page = await env.page();
  await page.goto(env.url);
  await ready(page);
  const field = await cell(page, 3, 'reason');
  await field.click();
  // A key every 150 ms for 3.6 s: never the 300 ms pause the autosave waits for.
  await field.pressSequentially('资金拨付滞后导致部分工程未按期完工需要继续跟进', { delay: 150 });
  const stored = await page.evaluate(() => {
    const index = JSON.parse(localStorage.getItem('jixiao:index'));
    return localStorage.getItem(`jixiao:sheet:${index.workbooks[0].sheets[0].id}`) ?? '';
  });
  assert.match(stored, /资金拨付滞后/, 'what was typed 2 s before is in storage while the typing goes on');
  await page.context().close();
});

test('a damaged stored sheet is named, offered as a file and deletable, and no blank sheet is added in its place', async () => {
  const page = await env.page();
  await page.goto(env.url);
  await ready(page);
  await (await cell(page, 3, 'target')).fill('100');
  await page.waitForTimeout(700);
  const damaged = await page.evaluate(() => {
    const index = JSON.parse(localStorage.getItem('jixiao:index'));
    const workbook = index.workbooks[0];
    const text = localStorage.getItem(`jixiao:sheet:${workbook.sheets[0].id}`).slice(0, 300);
    workbook.sheets.push({ id: 'sdamaged', name: '项目乙', updated: new Date().toISOString() });
    workbook.current = 'sdamaged';
    localStorage.setItem('jixiao:sheet:sdamaged', text);
    localStorage.setItem('jixiao:index', JSON.stringify(index));
    return text;
  });
  await page.reload();
  await ready(page);
  assert.match(await said(page), /表格“项目乙”在本浏览器中保存的内容已损坏，无法打开[\s\S]*原样保存着/);
  assert.deepEqual((await page.locator('[role=tab]').allTextContents()).map((t) => t.trim()).length, 3, 'the 汇总表 and the two sheets, no new one');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出损坏的表格' }).click()]);
  const { readFile } = await import('node:fs/promises');
  assert.equal(await readFile(await download.path(), 'utf8'), damaged);
  page.on('dialog', (d) => d.accept());
  await page.getByRole('button', { name: '删除这张表格' }).click();
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => localStorage.getItem('jixiao:sheet:sdamaged')), null);
  assert.equal(await page.locator('[role=tab]').count(), 2);
  await page.context().close();
});

test('a 汇总表 typed into in two windows at once keeps both windows’ typing', async () => {
  const { a, b, context } = await twoWindows({
    first: async (page) => {
      await page.getByRole('tab', { name: /汇总表/ }).click();
      await page.waitForTimeout(500);
    },
  });
  await a.bringToFront();
  await a.getByRole('button', { name: '添加项目' }).click();
  await (await projectInput(a, 2, '单位名称')).fill('甲单位');
  // Within A's 300 ms before it saves.
  await b.bringToFront();
  await b.getByLabel('单位名称').first().fill('财政局');
  await a.waitForTimeout(1500);
  const stored = await a.evaluate(() => Object.entries(localStorage).find(([k]) => k.includes(':summary:'))[1]);
  assert.match(stored, /财政局/, 'B’s typing is kept');
  assert.match(stored, /甲单位/, 'A’s typing is kept');
  assert.match(await said(a) + await said(b), /两个窗口的修改已合并保存/);
  for (const page of [a, b]) assert.equal(await page.getByLabel('单位名称').first().inputValue(), '财政局');
  await context.close();
});

test('a 汇总表 typed into in two windows at once, a row deleted in one: no typing lands on another project', async () => {
  // The typed rows 项目一 and 项目二; window A deletes 项目一 and adds 项目三 (two rows still),
  // while B types a 问题 into 项目二. Paired by place, B's 问题 went onto 项目三.
  const { a, b, context, prepared: key } = await twoWindows({
    init: [holdableSaves],
    first: (page) => withSummary(page, [{ unit: '甲单位', project: '项目一', budget: '100', spent: '90', score: '85' },
      { unit: '乙单位', project: '项目二', budget: '200', spent: '150', score: '80' }]),
  });
  // Both type before either saves: A first, then B, as within A's 300 ms. Row 1 is the
  // workbook's sheet; the typed rows follow.
  for (const page of [a, b]) await page.evaluate(() => { window.__holdSaves = true; });
  await a.bringToFront();
  await a.getByRole('button', { name: '删除项目第2行' }).click();
  await a.getByRole('button', { name: '添加项目' }).click();
  await (await projectInput(a, 3, '单位名称')).fill('丙单位');
  await (await projectInput(a, 3, '项目名称')).fill('项目三');
  await b.bringToFront();
  await (await projectInput(b, 3, '问题')).fill('资金执行慢');
  // A saves; B, hearing it with its own typing unsaved, saves its own.
  await a.evaluate(() => window.__releaseSaves());
  await a.waitForTimeout(1000);
  await b.evaluate(() => window.__releaseSaves());
  await a.waitForTimeout(1000);
  const rows = JSON.parse(await a.evaluate((k) => localStorage.getItem(k), key)).projects
    .map((row) => [row.unit, row.project, row.problems ?? ''].join('/'));
  assert.deepEqual(rows, ['甲单位/项目一/', '乙单位/项目二/资金执行慢'], 'B’s rows whole: its 问题 stays on 项目二');
  assert.match(await said(b), /已保存本窗口中的内容，另一窗口中同时所做的修改被它替换/, 'B says it saved over A’s typing');
  assert.match(await said(a), /现在显示的是那里保存的内容/, 'and A that it shows what B saved');
  assert.equal(await (await projectInput(a, 3, '问题')).inputValue(), '资金执行慢');
  await context.close();
});

test('the edits kept after a fault go with their sheet or workbook when it is deleted', async () => {
  const { a, b, context } = await twoWindows({ init: [trappable, holdableSaves] });
  b.on('dialog', (d) => d.accept());
  await a.bringToFront();
  // Held, so that the 100 is still unsaved when the fault comes, however slow the machine.
  await a.evaluate(() => {
    window.__holdSaves = true;
  });
  await (await cell(a, 3, 'target')).fill('100');
  await a.evaluate(() => {
    window.__trapNext = true;
  });
  await (await cell(a, 3, 'actual')).fill('50');
  await a.locator('.jx-fault').waitFor();
  const recoveries = () => b.evaluate(() => Object.keys(localStorage).filter((k) => k.includes(':recovery:')).sort());
  await b.waitForFunction(() => Object.keys(localStorage).some((k) => k.includes(':recovery:')), null, { timeout: 10000 }).catch(() => {});
  const [kept] = await recoveries();
  assert.match(kept ?? '', /^jixiao:recovery:w\w+:s\w+$/, 'the fault kept the edits for the sheet');
  // B deletes the sheet A faulted on: its kept edits go with it.
  await b.bringToFront();
  await b.getByRole('button', { name: '删除表格' }).click();
  await b.getByRole('tab', { name: '汇总表', selected: true }).waitFor();
  assert.deepEqual(await recoveries(), []);
  // Kept for the 汇总表 and for a sheet no longer listed: they go with the workbook; another
  // workbook's stay.
  const workbookId = kept.split(':')[2];
  const planted = await b.evaluate((w) => {
    const keys = [`jixiao:recovery:${w}:summary`, `jixiao:recovery:${w}:sgone`, 'jixiao:recovery:wother:s1'];
    for (const k of keys) localStorage.setItem(k, JSON.stringify({ workbookId: k.split(':')[2], sheetId: k.split(':')[3], edits: [] }));
    return keys;
  }, workbookId);
  await b.getByRole('button', { name: '工作簿…' }).click();
  await b.locator('dialog[open] button').filter({ hasText: '删除此工作簿' }).click();
  await b.waitForFunction((w) => !JSON.parse(localStorage.getItem('jixiao:index')).workbooks.some((x) => x.id === w), workbookId);
  assert.deepEqual(await recoveries(), [planted[2]]);
  await context.close();
});

/** The control the focus is on in `page`: its label (or its tag), and the value typed in it. */
const focusOn = (page) => page.evaluate(() => {
  const el = document.querySelector('#app').shadowRoot.activeElement;
  return el ? { label: el.getAttribute('aria-label') ?? el.tagName, value: el.value ?? null } : null;
});

/** Two windows of one context on a workbook's 汇总表 typed with 项目1–3 of 甲单位 (row 1 of
 * the 汇总表 is the workbook's sheet). */
const twoWindowsOnSummary = () => twoWindows({
  first: (page) => withSummary(page, ['项目1', '项目2', '项目3'].map((project) => ({ unit: '甲单位', project }))),
});

test('another window’s save of the 汇总表 leaves the caret in the cell being typed in, never on a 删除', async () => {
  // Found by a walk: B's focus fell on the next control by place, 项目3's 删除, and the Enter that
  // ended B's typing deleted 项目3 in both windows.
  const { a, b, context } = await twoWindowsOnSummary();
  // Row 1 is the workbook's sheet; B edits 项目2 (第3行), A 项目1 (第2行).
  await b.bringToFront();
  await (await projectInput(b, 3, '项目名称')).click();
  await b.keyboard.press('Tab');
  await b.keyboard.press('Tab');
  await b.keyboard.type('1');
  assert.deepEqual(await focusOn(b), { label: '项目第3行预算数（万元）', value: '1' });
  await b.waitForTimeout(800); // B's own typing saved
  await a.bringToFront();
  await (await projectInput(a, 2, '预算数（万元）')).pressSequentially('420');
  await a.waitForTimeout(1000);
  assert.deepEqual(await focusOn(b), { label: '项目第3行预算数（万元）', value: '1' }, 'B is still in 项目2’s 预算数');
  await b.bringToFront();
  await b.keyboard.type('2000');
  await b.keyboard.press('Enter');
  await b.waitForTimeout(1000);
  const stored = (page) => page.evaluate(() => JSON.parse(Object.entries(localStorage).find(([k]) => k.includes(':summary:'))[1]).projects
    .map((row) => `${row.project}/${row.budget ?? ''}`));
  assert.deepEqual(await stored(b), ['项目1/420', '项目2/12000', '项目3/'], 'no row deleted; B’s typing in its own cell');
  assert.deepEqual(await focusOn(b), { label: '项目第4行预算数（万元）', value: '' }, 'Enter went on down the column');
  await context.close();
});

test('a 汇总表 row deleted above the one being typed in, in another window: the caret stays in its own row', async () => {
  const { a, b, context } = await twoWindowsOnSummary();
  await b.bringToFront();
  await (await projectInput(b, 3, '问题')).pressSequentially('慢');
  await b.waitForTimeout(800);
  await a.bringToFront();
  await a.getByRole('button', { name: '删除项目第2行' }).click(); // 项目1
  await a.waitForTimeout(1000);
  assert.deepEqual(await focusOn(b), { label: '项目第2行问题', value: '慢' }, 'B is in 项目2’s 问题, now the first typed row');
  await b.bringToFront();
  await b.keyboard.type('了');
  await b.waitForTimeout(800);
  const projects = JSON.parse(await a.evaluate(() => Object.entries(localStorage).find(([k]) => k.includes(':summary:'))[1])).projects;
  assert.deepEqual(projects.map((row) => `${row.project}/${row.problems ?? ''}`), ['项目2/慢了', '项目3/']);
  await context.close();
});

test('another window’s save of the sheet open leaves the caret in the cell being typed in', async () => {
  const { a, b, context } = await twoWindows();
  await b.bringToFront();
  await (await cell(b, 3, 'target')).fill('12');
  await b.waitForTimeout(800);
  await a.bringToFront();
  await (await cell(a, 3, 'name')).pressSequentially('甲');
  await a.waitForTimeout(1000);
  assert.deepEqual(await focusOn(b), { label: '“甲”的年度指标值', value: '12' }, 'B is still in its 目标值, the row renamed there');
  await b.bringToFront();
  await b.keyboard.type('3');
  await b.waitForTimeout(800);
  assert.equal(await (await cell(a, 3, 'target')).inputValue(), '123', 'what B typed next is in its cell, and saved');
  await context.close();
});
