// The 指标库 while naming a new indicator: type part of a name, choose with the keys or the
// mouse, and the row takes the indicator's unit, comparison and typical target.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { start, ready, cell, shown, score, screenshot, openFile } from './harness.mjs';
import { root } from '../../scripts/setup.mjs';

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.close();
});

const options = (page) => page.locator('.jx-library [role="option"] strong').allInnerTexts();

test('typing 满意度 offers 服务对象满意度 ≥ 90%, and the row takes it', async () => {
  const page = await env.page();
  await page.goto(env.url);
  await ready(page);
  // The 项目支出 template: row 3 is the 数量指标 leaf, row 12 the 社会效益指标 leaf.
  const name = await cell(page, 12, 'name');
  await name.pressSequentially('满意度');
  const list = page.getByRole('listbox', { name: '指标库' });
  await list.waitFor();
  const offered = await options(page);
  assert.equal(offered[0], '服务对象满意度');
  assert.ok(offered.includes('城市环境提升满意度'), offered.join());
  assert.match(await list.locator('[role="option"]').first().innerText(), /≥ 90%[\s\S]*满意度指标\/服务对象满意度指标 · 模板/);
  assert.equal(await name.getAttribute('aria-expanded'), 'true');
  await screenshot(page, 'library-01-offered');
  // ↓ then Enter takes the first; the table's keys do not move the caret meanwhile.
  await page.keyboard.press('ArrowDown');
  assert.equal(await name.getAttribute('aria-activedescendant'), 'jx-library-0');
  await page.keyboard.press('Enter');
  assert.equal(await list.isVisible(), false);
  assert.equal(await shown(page, 12, 'name'), '服务对象满意度');
  assert.equal(await shown(page, 12, 'target'), '90%');
  assert.equal(await shown(page, 12, 'unit'), '%');
  assert.match(await page.locator('.jx-notice').innerText(), /已从指标库选用“服务对象满意度”，填入计量单位“%”、年度指标值“90%”/);
  // The caret is in 实际完成值, the next thing to fill.
  await page.keyboard.type('95%');
  assert.equal(await shown(page, 12, 'actual'), '95%');
  assert.equal(await score(page, 12), '20.00');
  // One undo step takes the library's fields back; the typed name stays as typed.
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  assert.equal(await shown(page, 12, 'target'), '');
  assert.equal(await shown(page, 12, 'name'), '满意度');
});

test('a click takes an indicator; Esc closes the list; a row with figures is left alone', async () => {
  const page = await env.page();
  await page.goto(env.url);
  await ready(page);
  const name = await cell(page, 3, 'name');
  await name.pressSequentially('培训');
  const list = page.getByRole('listbox', { name: '指标库' });
  await list.waitFor();
  assert.deepEqual((await options(page)).slice(0, 2), ['培训人次', '培训考核合格率']);
  await list.getByRole('option').filter({ hasText: '培训人次' }).click();
  assert.equal(await shown(page, 3, 'name'), '培训人次');
  assert.equal(await shown(page, 3, 'unit'), '人次');
  // No typical target for a count: the caret waits in 年度指标值.
  assert.equal(await shown(page, 3, 'target'), '');
  assert.equal(await page.evaluate(() => document.querySelector('#app').shadowRoot.activeElement?.dataset.key), 'target');

  const quality = await cell(page, 5, 'name');
  await quality.pressSequentially('合');
  await list.waitFor();
  // The page scrolled: the list, placed under its cell, closes rather than float elsewhere.
  await page.mouse.wheel(0, 120);
  await page.waitForFunction(() => document.querySelector('#app').shadowRoot.querySelector('.jx-library').hidden);
  await quality.pressSequentially('格');
  await list.waitFor();
  await page.keyboard.press('Escape');
  assert.equal(await list.isVisible(), false);
  assert.equal(await quality.inputValue(), '合格', 'the first Esc only closes the list');
  // ↓ with the list closed moves down the column, as before.
  await page.keyboard.press('ArrowDown');
  assert.notEqual(await page.evaluate(() => document.querySelector('#app').shadowRoot.activeElement?.closest('[data-index]')?.dataset.index), '5');

  // A row that already has a target is being renamed, not started: no list.
  await (await cell(page, 9, 'target')).fill('500');
  const cost = await cell(page, 9, 'name');
  await cost.pressSequentially('单位');
  await page.waitForTimeout(300);
  assert.equal(await list.isVisible(), false);
});

test('in a workbook with last year’s sheet of the project, a target below last year’s actual is a 提示', async () => {
  const page = await env.page();
  await page.goto(env.url);
  await ready(page);
  const thisYear = JSON.parse(readFileSync(path.join(root, 'tests', 'fixtures', 'filled_project.json'), 'utf8'));
  // A name with quotes, which the file escapes: found all the same.
  thisYear.meta.project = `"厕所革命"${thisYear.meta.project}`;
  const lastYear = structuredClone(thisYear);
  lastYear.meta.year = '2022';
  lastYear.indicators[1].children[0].children[0].actual = '2,500'; // 完成改造面积
  const workbook = { format: 'jixiao-workbook', version: 2, name: '两年', sheets: [lastYear, thisYear],
    summary: { format: 'jixiao-sheet', version: 2, kind: 'summary' } };
  await openFile(page, '两年.json', JSON.stringify(workbook));
  const tabs = page.getByRole('tab');
  await page.waitForFunction(() => document.querySelector('#app').shadowRoot.querySelectorAll('[role="tab"]').length >= 3);
  // The second sheet is 2023's.
  await tabs.nth(2).click();
  await page.waitForFunction(() => document.querySelector('#app').shadowRoot.querySelector('[data-meta="year"]')?.value === '2023');
  // With no row chosen, the explanation below the table lists the sheet's findings, this one
  // among them, until another 年度 is typed: a 2030 sheet is not held against 2022.
  const detail = page.locator('.jx-detail');
  assert.match(await detail.innerText(), /低于上年（2022年）/);
  await page.locator('[data-meta="year"]').fill('2030');
  await page.waitForFunction(() => !/低于上年/.test(document.querySelector('#app').shadowRoot.querySelector('.jx-detail').textContent));
  await page.locator('[data-meta="year"]').fill('2023');
  await page.waitForFunction(() => /低于上年/.test(document.querySelector('#app').shadowRoot.querySelector('.jx-detail').textContent));
  const checks = page.getByRole('button', { name: /^检查/ });
  assert.match(await checks.innerText(), /条指标建议/);
  await checks.click();
  // The list is headed as the button counts (it said 需要注意的 N 处, errors included).
  const counted = (await checks.innerText()).replace(/^检查（|）$/g, '');
  assert.equal(await page.getByRole('region', { name: '检查结果' }).getByRole('heading').innerText(), `检查结果：${counted}`);
  assert.match(await page.getByRole('region', { name: '检查结果' }).innerText(),
    /“完成改造面积”年度指标值2000低于上年（2022年）实际完成值2,500：目标设置偏保守，建议不低于上年实际水平/);
  const region = page.locator('section[aria-label="检查结果"]');
  const hinted = async () => /低于上年/.test(await region.evaluate((el) => el.textContent));
  // A whole-sheet step undone (a row inserted, then taken back) keeps it.
  await (await cell(page, 3, 'actual')).click();
  await page.keyboard.press('Control+Enter');
  await page.keyboard.press('Control+z');
  await page.waitForTimeout(100);
  assert.ok(await hinted(), 'still held against last year after an undo');
  // Another 年度: no sheet of the year before, no such hint; back to 2023, back again.
  const year = page.locator('[data-meta="year"]');
  await year.fill('2030');
  await page.waitForFunction(() => !/低于上年/.test(document.querySelector('#app').shadowRoot.querySelector('section[aria-label="检查结果"]').textContent));
  assert.equal(await year.inputValue(), '2030', 'the field typed in is not redrawn');
  await year.fill('2023');
  await page.waitForFunction(() => /低于上年/.test(document.querySelector('#app').shadowRoot.querySelector('section[aria-label="检查结果"]').textContent));
  // Last year's own sheet has no year before it in the workbook.
  await tabs.nth(1).click();
  await page.waitForFunction(() => document.querySelector('#app').shadowRoot.querySelector('[data-meta="year"]')?.value === '2022');
  const found = await region.evaluate((el) => el.textContent);
  assert.match(found, /“完成改造面积”：完成率125.00%/, 'the list is drawn for last year’s sheet');
  assert.doesNotMatch(found, /低于上年/);
});
