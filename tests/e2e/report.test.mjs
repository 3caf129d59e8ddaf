// The 自评报告 on the page: written from the table, the table's parts marked, the words edited
// in place, the table's parts following the table, undone, kept, and exported as written.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { start, ready, total, screenshot, openFile, ownRequestsOnly, cell, rowNamed, shown, projectInput } from './harness.mjs';
import { root } from '../../scripts/setup.mjs';

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.close();
});

const project = readFileSync(path.join(root, 'tests', 'fixtures', 'filled_project.json'), 'utf8');
const FUNDS = '[data-key="basics/funds/年度资金总额"]';

/** A fresh page with the filled project (总分 94.51) opened as a user would, its 自评报告 shown. */
async function openReport() {
  const page = await env.page();
  await page.goto(env.url);
  await ready(page);
  await openFile(page, 'filled_project.json', project);
  await page.waitForFunction(() => document.querySelector('#app').shadowRoot.querySelector('.jx-total strong').textContent === '94.51');
  await page.getByRole('button', { name: '自评报告', exact: true }).click();
  return page;
}

/** The text of each paragraph of a .docx's document part. */
function docxParagraphs(file) {
  const xml = strFromU8(unzipSync(readFileSync(file))['word/document.xml']);
  return [...xml.matchAll(/<w:p\b[^>]*>(.*?)<\/w:p>/g)]
    .map((m) => [...m[1].matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''));
}

test('the report is edited in place, follows the table, and is exported as written', async () => {
  const page = await openReport();
  const paragraph = page.locator(FUNDS);
  await paragraph.waitFor();
  assert.equal(await page.locator('.jx-report-title').innerText(), '2023年度老旧小区微改造绩效自评报告');
  assert.equal(await page.getByRole('button', { name: '自评报告', exact: true }).getAttribute('aria-pressed'), 'true');
  assert.equal(await page.locator('.jx-grid').isVisible(), false, 'the report in place of the indicator table');
  // The parts from the table are marked and cannot be typed into.
  const rate = paragraph.locator('[data-table="rate"]');
  assert.equal(await rate.getAttribute('contenteditable'), 'false');
  assert.match(await rate.getAttribute('title'), /来自表格/);
  const rateBefore = await rate.innerText();
  assert.match(rateBefore, /^\d+\.\d{2}%$/);
  assert.equal(await page.locator('[data-key="conclusion/total"] [data-table="total"]').innerText(), '94.51');

  // The user's words at the end of the paragraph.
  await paragraph.click();
  await page.keyboard.press('End');
  await page.keyboard.type('资金均按进度拨付');
  await page.keyboard.press('Enter'); // a paragraph stays one paragraph
  assert.match(await paragraph.innerText(), /资金均按进度拨付$/);
  assert.equal(await paragraph.locator('br, div').count(), 0);
  // Pasted HTML comes in as its text only.
  await page.evaluate((selector) => {
    const p = document.querySelector('#app').shadowRoot.querySelector(selector);
    const data = new DataTransfer();
    data.setData('text/html', '<b onclick="alert(1)">，无</b><img src=x>滞留');
    data.setData('text/plain', '，无\n滞留');
    p.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, FUNDS);
  assert.match(await paragraph.innerText(), /资金均按进度拨付，无\n滞留$/);
  assert.equal(await paragraph.locator('b, img').count(), 0, 'no markup pasted');
  assert.ok(await page.locator(`.jx-edited ${FUNDS}`).isVisible(), 'marked as rewritten');
  await screenshot(page, 'report-01-edited');

  // The table changes: the figure in the user's paragraph follows, the words stay.
  const spent = page.getByLabel('资金第1行全年执行数');
  await spent.fill('80');
  await page.waitForFunction(([selector, before]) => {
    const r = document.querySelector('#app').shadowRoot.querySelector(`${selector} [data-table="rate"]`);
    return r && r.textContent !== before;
  }, [FUNDS, rateBefore]);
  assert.match(await paragraph.innerText(), /全年执行数为80\.00万元/);
  assert.match(await paragraph.innerText(), /资金均按进度拨付，无\n滞留$/);
  const totalAfter = await total(page);
  assert.equal(await page.locator('[data-key="conclusion/total"] [data-table="total"]').innerText(), totalAfter);

  // A paragraph of one's own under 五、改进措施.
  await page.getByRole('button', { name: /在“改进措施”末尾添加段落/ }).click();
  await page.keyboard.type('下一年度细化绩效目标，按季度跟踪执行。');
  const added = page.locator('[data-key="measures/added/1"]');
  assert.equal(await added.innerText(), '下一年度细化绩效目标，按季度跟踪执行。');

  // Exported as written.
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 30000 }),
    page.getByRole('button', { name: '导出自评报告（Word）' }).click(),
  ]);
  const written = docxParagraphs(await download.path());
  const funds = written.find((p) => p.startsWith('年度资金总额'));
  assert.match(funds, /全年执行数为80\.00万元.*资金均按进度拨付，无滞留$/);
  const measures = written.indexOf('五、改进措施');
  assert.ok(written.slice(measures).includes('下一年度细化绩效目标，按季度跟踪执行。'), written.slice(measures).join('\n'));

  // Kept with the sheet: after a reload the report reads as the user left it.
  await page.waitForTimeout(1200);
  await page.reload();
  await ready(page);
  await page.getByRole('button', { name: '自评报告', exact: true }).click();
  await paragraph.waitFor();
  assert.match(await paragraph.innerText(), /全年执行数为80\.00万元.*资金均按进度拨付，无\n滞留$/s);
  assert.equal(await added.innerText(), '下一年度细化绩效目标，按季度跟踪执行。');

  // Undo, paragraph by paragraph; 还原 gives the generated paragraph back.
  await page.locator(`.jx-report-para:has(${FUNDS}) button`).click();
  assert.doesNotMatch(await paragraph.innerText(), /资金均按进度拨付/);
  assert.equal(await page.locator(`.jx-edited ${FUNDS}`).count(), 0);
  await page.keyboard.press('Control+z');
  await page.waitForFunction((selector) => /资金均按进度拨付/.test(document.querySelector('#app').shadowRoot.querySelector(selector).textContent), FUNDS);
  await screenshot(page, 'report-02-after-reload', { fullPage: true });

  // Back to the table.
  await page.getByRole('button', { name: '自评报告', exact: true }).click();
  assert.ok(await page.locator('.jx-grid').isVisible());
  assert.equal(await page.locator('.jx-report').isVisible(), false);
  assert.deepEqual(ownRequestsOnly(page, env.origin), []);
});

test('a line break pasted into a paragraph stays one, in the Word file too; a typed space is a space', async () => {
  const page = await openReport();
  const paragraph = page.locator(FUNDS);
  await paragraph.waitFor();
  await paragraph.click();
  await page.keyboard.press('End');
  await page.keyboard.type(' two  spaces ');
  await page.evaluate((selector) => {
    const p = document.querySelector('#app').shadowRoot.querySelector(selector);
    const data = new DataTransfer();
    data.setData('text/plain', 'First line\r\n\r\n  second line\n');
    p.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, FUNDS);
  await page.keyboard.type('。');
  assert.match(await paragraph.innerText(), /。 two {2}spaces First line\nsecond line。$/);
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 30000 }),
    page.getByRole('button', { name: '导出自评报告（Word）' }).click(),
  ]);
  const xml = strFromU8(unzipSync(readFileSync(await download.path()))['word/document.xml']);
  assert.match(xml, / two {2}spaces First line<\/w:t><w:br\/><w:t[^>]*>second line。</, 'the break a line break; the spaces plain spaces');
  assert.ok(!xml.includes('\u00a0'), 'no non-breaking space');
  // 改进建议 not typed: its section still asks for them, marked in the file and said, so that
  // the request is not handed in as the report's words.
  assert.match(xml, /<w:highlight w:val="yellow"\/><\/w:rPr><w:t[^>]*>（尚未填写改进措施：/);
  assert.equal((xml.match(/w:highlight/g) ?? []).length, 1, 'only the paragraph still to write');
  assert.match(await page.locator('.jx-notice').innerText(), /自评报告已导出，但“五、改进措施”尚未填写：Word 文件中已用黄色标出/);
  // Kept so: after a reload the paragraph reads as it was left.
  await page.waitForTimeout(1200);
  await page.reload();
  await ready(page);
  await page.getByRole('button', { name: '自评报告', exact: true }).click();
  await paragraph.waitFor();
  assert.match(await paragraph.innerText(), /。 two {2}spaces First line\nsecond line。$/);
  assert.deepEqual(page.errors, []);
});

test('a click on a part from the table puts the caret beside it, where typing works', async () => {
  const page = await openReport();
  const paragraph = page.locator(FUNDS);
  await paragraph.waitFor();
  // Chromium leaves the caret inside the part clicked, where nothing can be typed.
  const click = async (part, side) => {
    const box = await paragraph.locator(`[data-table="${part}"]`).boundingBox();
    await page.mouse.click(box.x + box.width * (side === 'right' ? 0.75 : 0.25), box.y + box.height / 2);
  };
  await click('rate', 'right');
  await page.keyboard.type('左右');
  assert.match(await paragraph.innerText(), /执行率为93\.65%左右，预算执行率/);
  await click('spent', 'left');
  await page.keyboard.type('约');
  assert.match(await paragraph.innerText(), /全年执行数为约187\.30万元/);
  assert.equal(await paragraph.locator('[data-table="spent"]').innerText(), '187.30', 'the part itself unchanged');
});

test('undo walks back paragraph by paragraph; typing back is no edit; a renamed row takes its paragraph', async () => {
  const page = await openReport();
  const area = page.locator('[data-key="goals/row/完成改造面积"]');
  const total = page.locator('[data-key="conclusion/total"]');
  await area.waitFor();
  const areaText = await area.innerText();
  const totalText = await total.innerText();
  assert.equal(await area.locator('[data-table="status"]').innerText(), '已完成', 'the verdict is the table’s');

  // Typed and deleted back: the paragraph is as generated, not an edit.
  await area.click();
  await page.keyboard.press('End');
  await page.keyboard.type('X');
  assert.equal(await page.locator('.jx-edited [data-key="goals/row/完成改造面积"]').count(), 1);
  await page.keyboard.press('Backspace');
  assert.equal(await page.locator('.jx-edited [data-key="goals/row/完成改造面积"]').count(), 0);
  // Bold is not the report's: the paragraph stays plain text.
  await page.keyboard.press('Control+b');
  await page.keyboard.type('甲');
  assert.equal(await area.locator('b, strong').count(), 0);
  await total.click();
  await page.keyboard.press('End');
  await page.keyboard.type('乙');
  // Two steps undone from the keyboard, one paragraph each.
  await page.keyboard.press('Control+z');
  await page.waitForFunction(([t]) => document.querySelector('#app').shadowRoot.querySelector('[data-key="conclusion/total"]').innerText === t, [totalText]);
  await page.keyboard.press('Control+z');
  await page.waitForFunction(([t]) => document.querySelector('#app').shadowRoot.querySelector('[data-key="goals/row/完成改造面积"]').innerText === t, [areaText]);

  // A rewritten paragraph whose row is renamed follows it, whole (it was left behind, its
  // parts marked missing), and comes back with the name.
  await area.click();
  await page.keyboard.press('End');
  await page.keyboard.type('（已验收）');
  await page.getByRole('button', { name: '自评报告', exact: true }).click();
  const nameCell = page.locator('[data-index] [data-cell="name"]').filter({ hasText: '完成改造面积' });
  await nameCell.click();
  await page.keyboard.press('End');
  await page.keyboard.type('（一期）');
  await page.getByRole('button', { name: '自评报告', exact: true }).click();
  const renamed = page.locator('[data-key="goals/row/完成改造面积（一期）"]');
  await renamed.waitFor();
  assert.equal(await renamed.locator('.jx-from-missing').count(), 0, 'nothing of it is missing');
  assert.equal(await renamed.innerText(), `${areaText.replace('完成改造面积', '完成改造面积（一期）')}（已验收）`);
  const restore = page.locator('.jx-report-para:has([data-key="goals/row/完成改造面积（一期）"]) button');
  assert.equal(await restore.innerText(), '还原');
  // Named with its paragraph for a screen reader, which heard only 还原.
  assert.match(await restore.getAttribute('aria-label'), /^还原为表中生成的文字：完成改造面积（一期）/);
  assert.equal(await page.locator('[data-key="goals/row/完成改造面积"]').count(), 0, 'nothing left behind');
  await screenshot(page, 'report-03-renamed-row');
  const orphan = page.locator('[data-key="goals/row/完成改造面积"]');
  await page.getByRole('button', { name: '自评报告', exact: true }).click();
  await nameCell.click();
  await page.keyboard.press('End');
  for (let k = 0; k < 4; k += 1) await page.keyboard.press('Backspace');
  await page.getByRole('button', { name: '自评报告', exact: true }).click();
  await orphan.waitFor();
  assert.equal(await orphan.innerText(), `${areaText}（已验收）`);

  // A new paragraph says what it is.
  await page.getByRole('button', { name: /在“改进措施”末尾添加段落/ }).click();
  assert.equal(await page.locator('[data-key="measures/added/1"]').getAttribute('data-placeholder'), '（新段落：在此输入；空段落导出时略去）');
});

test('a 资金 row or a line of 主要问题 renamed takes its rewritten paragraph, and undo takes it back', async () => {
  const page = await openReport();
  const funds = page.locator(FUNDS);
  await funds.waitFor();
  await funds.click();
  await page.keyboard.press('End');
  await page.keyboard.type('（已结清）');
  const rewritten = await funds.innerText();
  await page.getByRole('button', { name: '自评报告', exact: true }).click();
  // Typed a key at a time into the 资金 row's name, then left.
  const name = page.getByLabel('资金第1行名称', { exact: true });
  await name.click();
  await page.keyboard.press('End');
  for (let k = 0; k < 2; k += 1) await page.keyboard.press('Backspace');
  await page.keyboard.type('合计');
  await page.getByLabel('资金第1行全年预算数', { exact: true }).click();
  await page.getByRole('button', { name: '自评报告', exact: true }).click();
  const renamed = page.locator('[data-key="basics/funds/年度资金合计"]');
  await renamed.waitFor();
  assert.equal(await renamed.innerText(), rewritten.replace('年度资金总额', '年度资金合计'));
  assert.equal(await page.locator(FUNDS).count(), 0, 'nothing left behind');
  // Undone: the name, and the rewrite with it.
  await page.getByRole('button', { name: '自评报告', exact: true }).click();
  await name.click();
  await page.keyboard.press('Control+z');
  assert.equal(await name.inputValue(), '年度资金总额', 'the typing undone as one step');
  await page.getByRole('button', { name: '自评报告', exact: true }).click();
  await page.locator(FUNDS).waitFor();
  assert.equal(await page.locator(FUNDS).innerText(), rewritten);
  assert.deepEqual(page.errors, []);
});

test('a line of 改进建议 corrected while the report is open keeps its rewrite in view', async () => {
  const page = await env.page();
  await page.goto(env.url);
  await ready(page);
  await openFile(page, 'filled_project.json', project);
  const field = page.getByRole('textbox', { name: '改进建议', exact: true });
  await field.fill('加快拨付');
  await page.getByRole('button', { name: '自评报告', exact: true }).click();
  const line = page.locator('[data-key="measures/typed/加快拨付"]');
  await line.click();
  await page.keyboard.press('End');
  await page.keyboard.type('（已建立台账）');
  // The line corrected in its field, the report open beside it, then another field clicked.
  await field.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('，按月通报');
  await page.getByRole('textbox', { name: '项目名称', exact: true }).click();
  const moved = page.locator('[data-key="measures/typed/加快拨付，按月通报"]');
  // (The line's paragraph is there as written from the table while it is typed; the rewrite
  // moves to it once the field is left, and the report is drawn again.)
  await page.waitForFunction(() => document.querySelector('#app').shadowRoot
    .querySelector('[data-key="measures/typed/加快拨付，按月通报"]')?.textContent.includes('已建立台账'), null, { timeout: 5000 }).catch(() => {});
  assert.equal(await moved.innerText(), '加快拨付，按月通报。（已建立台账）');
  assert.equal(await page.locator('.jx-report .jx-from-missing').count(), 0, 'nothing shown as gone');
  // Typed into as shown, the words stay.
  await moved.click();
  await page.keyboard.press('End');
  await page.keyboard.type('。');
  await page.getByRole('button', { name: '自评报告', exact: true }).click();
  await page.getByRole('button', { name: '自评报告', exact: true }).click();
  await page.locator('[data-key="measures/typed/加快拨付，按月通报"]').waitFor();
  assert.equal(await page.locator('[data-key="measures/typed/加快拨付，按月通报"]').innerText(), '加快拨付，按月通报。（已建立台账）。');
  assert.deepEqual(page.errors, []);
});

/** The .docx the page exports, its paragraphs' text. */
async function exported(page) {
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 30000 }),
    page.getByRole('button', { name: '导出自评报告（Word）' }).click(),
  ]);
  return docxParagraphs(await download.path());
}

test('a rewrite whose row is still in the table but not in its section says so, and is not exported', async () => {
  const page = await openReport();
  const key = '[data-key="problems/reason/服务对象满意度"]';
  const reason = page.locator(key);
  await reason.waitFor();
  await reason.click();
  await page.keyboard.press('End');
  await page.keyboard.type('（丙段）');
  assert.ok((await exported(page)).includes('服务对象满意度：宣传不足。（丙段）'));
  // In the table, the row reaches its target: at full marks it has no reason among the problems.
  await page.getByRole('button', { name: '自评报告', exact: true }).click();
  const actual = await cell(page, await rowNamed(page, '服务对象满意度'), 'actual');
  await actual.fill('95%');
  await page.keyboard.press('Tab');
  await page.getByRole('button', { name: '自评报告', exact: true }).click();
  await reason.waitFor();
  const para = page.locator(`.jx-report-para:has(${key})`);
  const said = await para.innerText();
  assert.match(said, /该项仍在表中，但已不在本节（如指标已满分或不适用），本段导出时略去；改回即恢复/);
  assert.doesNotMatch(said, /表格中已没有这一项|表中已无此项/, 'the row is not gone');
  const parts = reason.locator('[data-table]');
  // Still in the table: its name and 偏差原因 are shown, so it says which indicator it was about.
  assert.deepEqual(await parts.allInnerTexts(), ['服务对象满意度', '宣传不足']);
  assert.match(await parts.first().getAttribute('title'), /来自表格/);
  await screenshot(page, 'report-04-set-aside');
  const written = await exported(page);
  assert.ok(!written.some((p) => p.includes('（丙段）') || p.startsWith('：')), written.join('\n'));
  // Back short of its target: the paragraph is whole again, in its place.
  await page.getByRole('button', { name: '自评报告', exact: true }).click();
  await (await cell(page, await rowNamed(page, '服务对象满意度'), 'actual')).fill('87.65%');
  await page.keyboard.press('Tab');
  await page.getByRole('button', { name: '自评报告', exact: true }).click();
  await reason.waitFor();
  assert.equal(await reason.innerText(), '服务对象满意度：宣传不足。（丙段）');
  assert.equal(await page.locator(`.jx-report-para:has(${key}) .jx-report-aside`).count(), 0);
  assert.deepEqual(page.errors, []);
});

test('a rewrite of one of two rows of one name stays with its row when it is moved', async () => {
  const page = await env.page();
  await page.goto(env.url);
  await ready(page);
  const seed = readFileSync(path.join(root, 'tests', 'fixtures', 'seed001_department.sheet.json'), 'utf8');
  await openFile(page, 'seed001_department.sheet.json', seed);
  await page.getByRole('button', { name: '自评报告', exact: true }).click();
  const second = page.locator('[data-key="goals/row/@采购意向公开合规性-2"]');
  await second.waitFor();
  await second.click();
  await page.keyboard.press('End');
  await page.keyboard.type('（部分部门未按时公示，扣1分）');
  const rewritten = await second.innerText();
  assert.match(rewritten, /^采购意向公开合规性：未完全完成。（部分部门未按时公示，扣1分）$/);
  // In the table, the row moved above the other of its name (Alt+↑).
  await page.getByRole('button', { name: '自评报告', exact: true }).click();
  await page.keyboard.press('Control+f');
  const find = page.getByLabel('在指标表中查找');
  await find.fill('采购意向公开合规性');
  assert.equal(await page.getByRole('search').getByRole('status').innerText(), '1 / 2');
  await page.keyboard.press('Enter');
  assert.equal(await page.getByRole('search').getByRole('status').innerText(), '2 / 2');
  await page.keyboard.press('Escape');
  const index = Number(await page.locator('.jx-grid [data-index]:has([data-key="name"]:focus)').getAttribute('data-index'));
  await page.keyboard.press('Alt+ArrowUp');
  await page.waitForFunction((i) => document.querySelector('#app').shadowRoot.querySelector(`[data-index="${i - 1}"] [data-key="name"]`)?.value === '采购意向公开合规性'
    && document.querySelector('#app').shadowRoot.querySelector(`[data-index="${i - 1}"] [data-key="weight"]`)?.value === '1.5', index);
  await page.getByRole('button', { name: '自评报告', exact: true }).click();
  await second.waitFor();
  assert.equal(await second.innerText(), rewritten);
  const all = await page.locator('.jx-report-text').allInnerTexts();
  assert.equal(all.filter((t) => t.includes('扣1分）')).length, 1);
  assert.ok(!all.some((t) => /已完成。（部分部门未按时公示/.test(t)), all.join('\n'));
  assert.deepEqual(page.errors, []);
});

test('the Word file is named as the report is titled, not with 自评报告 said twice', async () => {
  const page = await env.page();
  await page.goto(env.url);
  await ready(page);
  const seed = readFileSync(path.join(root, 'tests', 'fixtures', 'seed001_department.sheet.json'), 'utf8');
  await openFile(page, 'seed001.json', seed);
  await page.getByRole('button', { name: '自评报告', exact: true }).click();
  // Once written (the spreadsheet module loads first: 正在生成自评报告…).
  await page.waitForFunction(() => /报告$/.test(document.querySelector('#app').shadowRoot.querySelector('.jx-report-title').textContent.trim()));
  const title = (await page.locator('.jx-report-title').innerText()).trim();
  assert.match(title, /自评报告$/);
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 30000 }),
    page.getByRole('button', { name: '导出自评报告（Word）' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), `${title}.docx`);
  assert.doesNotMatch(download.suggestedFilename(), /自评报告自评报告/);
  assert.deepEqual(page.errors, []);
});

test('a rewrite of a paragraph whose 基本信息 field is emptied says so, not that its row is elsewhere', async () => {
  const page = await env.page();
  await page.goto(env.url);
  await ready(page);
  await openFile(page, 'filled_project.json', project);
  const field = page.getByRole('textbox', { name: '年度总体目标（预期目标）', exact: true });
  await field.fill('完成老旧小区改造');
  await page.getByRole('button', { name: '自评报告', exact: true }).click();
  const goal = page.locator('[data-key="goals/goal"]');
  await goal.click();
  await page.keyboard.press('End');
  await page.keyboard.type('惠及居民三百户。');
  await field.fill('');
  await page.getByRole('textbox', { name: '项目名称', exact: true }).click();
  const para = page.locator('.jx-report-para:has([data-key="goals/goal"])');
  await para.locator('.jx-report-aside').waitFor();
  const said = await para.innerText();
  assert.match(said, /表格中暂无本段所写的内容（如基本信息中的该项已清空、总分尚未算出），本段导出时略去；填回即恢复/);
  assert.doesNotMatch(said, /仍在表中|表格中已没有这一项/);
  assert.deepEqual(await goal.locator('[data-table]').allInnerTexts(), ['〔表中暂无〕']);
  assert.ok(!(await exported(page)).some((p) => p.includes('惠及居民三百户')));
  // Filled back in, the paragraph is whole again.
  await field.fill('完成老旧小区改造');
  await page.getByRole('textbox', { name: '项目名称', exact: true }).click();
  await page.waitForFunction(() => document.querySelector('#app').shadowRoot.querySelector('[data-key="goals/goal"]')?.innerText.startsWith('年度总体目标：完成老旧小区改造'));
  assert.equal(await para.locator('.jx-report-aside').count(), 0);
  assert.deepEqual(page.errors, []);
});

test('a file from before row ids keeps its rewrite on its row once the report is shown', async () => {
  const page = await env.page();
  await page.goto(env.url);
  await ready(page);
  const sheet = {
    format: 'jixiao-sheet', version: 2, kind: 'project',
    indicators: [{ name: '产出指标', weight: '100', children: [
      { name: '验收合格率', weight: '50', comparison: '≥', target: '100%', actual: '90%', reason: '返工' },
      { name: '验收合格率', weight: '50', comparison: '≥', target: '100%', actual: '80%', reason: '抽检不合格' },
    ] }],
    report: [{ key: 'problems/reason/验收合格率#2', text: [{ table: 'reason' }, { words: '（关于抽检）' }] }],
  };
  await openFile(page, 'old.json', JSON.stringify(sheet));
  await page.getByRole('button', { name: '自评报告', exact: true }).click();
  const edited = page.locator('.jx-report-para.jx-edited .jx-report-text');
  await edited.first().waitFor();
  assert.deepEqual(await edited.allInnerTexts(), ['抽检不合格（关于抽检）'], 'the second row’s reason, not the first’s');
  // Kept so placed: the sheet saved holds it under the row's id.
  await page.waitForFunction(() => {
    const index = JSON.parse(localStorage.getItem('jixiao:index'));
    const entry = index.workbooks.find((w) => w.id === index.current).sheets.find((s) => s.id === index.workbooks.find((w) => w.id === index.current).current);
    return JSON.parse(localStorage.getItem(`jixiao:sheet:${entry.id}`)).report?.[0]?.key.includes('@');
  });
  assert.deepEqual(page.errors, []);
});

/** The report keys of the sheet this page has open, as saved in its storage. */
function storedKeys(page) {
  return page.evaluate(() => {
    const index = JSON.parse(localStorage.getItem('jixiao:index'));
    const workbook = index.workbooks.find((w) => w.id === index.current);
    return (JSON.parse(localStorage.getItem(`jixiao:sheet:${workbook.current}`)).report ?? []).map((e) => e.key);
  });
}

/** Waits until the sheet saved holds its rewrite under its row's id. */
function placedInStorage(page) {
  return page.waitForFunction(() => {
    const index = JSON.parse(localStorage.getItem('jixiao:index'));
    const workbook = index.workbooks.find((w) => w.id === index.current);
    return JSON.parse(localStorage.getItem(`jixiao:sheet:${workbook.current}`)).report?.[0]?.key.startsWith('problems/reason/@');
  });
}

/** Whether the table (and the parts around it) takes input: not while it waits for its report
 * keys to be placed. */
const editable = (page) => page.evaluate(() => !document.querySelector('#app').shadowRoot.querySelector('.jx-main').inert);

/** A sheet of a version before row ids: two rows of one name, the second's reason rewritten. */
const OLD_SHEET = JSON.stringify({
  format: 'jixiao-sheet', version: 1, kind: 'project',
  indicators: [{ name: '产出指标', weight: '100', children: [
    { name: '验收合格率', weight: '50', comparison: '≥', target: '100%', actual: '90%', reason: '返工' },
    { name: '验收合格率', weight: '50', comparison: '≥', target: '100%', actual: '80%', reason: '抽检不合格' },
  ] }],
  report: [{ key: 'problems/reason/验收合格率#2', text: [{ table: 'reason' }, { words: '（关于抽检）' }] }],
});

test('a file from before row ids has its rewrite placed before the table takes an edit', async () => {
  const page = await env.page();
  await page.goto(env.url);
  await ready(page);
  // The spreadsheet module, which places the rewrite, held back until the test lets it go.
  let release;
  const held = new Promise((done) => (release = done));
  await page.route('**/jixiao_xlsx_bg.wasm', async (route) => {
    await held;
    await route.continue();
  });
  await openFile(page, 'old.json', OLD_SHEET);
  const first = await rowNamed(page, '验收合格率');
  assert.equal(await editable(page), false, 'the table waits for the module');
  assert.deepEqual(await storedKeys(page), ['problems/reason/验收合格率#2']);
  release();
  await page.waitForFunction(() => !document.querySelector('#app').shadowRoot.querySelector('.jx-main').inert);
  await placedInStorage(page); // kept so placed
  // The second row (抽检不合格) moved above the first before the report is ever shown.
  await (await cell(page, first + 1, 'name')).click();
  await page.keyboard.press('Alt+ArrowUp');
  await page.waitForFunction((i) => document.querySelector('#app').shadowRoot.querySelector(`[data-index="${i}"] [data-key="actual"]`)?.value === '80%', first);
  await page.getByRole('button', { name: '自评报告', exact: true }).click();
  const edited = page.locator('.jx-report-para.jx-edited .jx-report-text');
  await edited.first().waitFor();
  assert.deepEqual(await edited.allInnerTexts(), ['抽检不合格（关于抽检）'], 'the rewrite stays with its row');
  assert.equal(await page.locator('.jx-report-para.jx-set-aside').count(), 0);
  assert.deepEqual(page.errors, []);
});

/** The page as a browser without `inert` has it (Chrome < 102, Firefox < 112, within the
 * floor): neither the property nor the attribute does anything, so the table takes clicks and
 * keys while it waits. */
function withoutInert(page) {
  return page.addInitScript(() => {
    delete HTMLElement.prototype.inert;
    for (const method of ['setAttribute', 'toggleAttribute']) {
      const own = Element.prototype[method];
      Element.prototype[method] = function (name, ...rest) {
        return String(name).toLowerCase() === 'inert' ? false : own.call(this, name, ...rest);
      };
    }
  });
}

test('without inert, an edit made while the rewrite is being placed is refused and said; the rewrite stays on its row', async () => {
  const page = await env.page();
  await withoutInert(page);
  await page.goto(env.url);
  await ready(page);
  let release;
  const held = new Promise((done) => (release = done));
  await page.route('**/jixiao_xlsx_bg.wasm', async (route) => {
    await held;
    await route.continue();
  });
  // With a 资金 row, for a block pasted into the 资金 table.
  await openFile(page, 'old.json', JSON.stringify({ ...JSON.parse(OLD_SHEET), funds: [{ name: '年度资金总额', budget: '200', spent: '190' }] }));
  const first = await rowNamed(page, '验收合格率');
  assert.equal(await page.evaluate(() => document.querySelector('#app').shadowRoot.querySelector('.jx-main').hasAttribute('inert')), false,
    'as an old browser: nothing inert');
  // The second row (抽检不合格) moved above the first: refused, said.
  await (await cell(page, first + 1, 'name')).click();
  await page.keyboard.press('Alt+ArrowUp');
  const notice = page.getByText(/表格暂不能修改.*Excel 组件正在加载/);
  await notice.waitFor();
  assert.equal(await shown(page, first, 'actual'), '90%', 'not moved');
  assert.equal(await shown(page, first + 1, 'actual'), '80%');
  // A cell typed: refused, the cell shows what the sheet holds.
  await (await cell(page, first, 'actual')).fill('95%');
  assert.equal(await shown(page, first, 'actual'), '90%');
  // So is a 基本信息 field.
  const title = page.getByLabel('表格标题', { exact: true });
  const titleBefore = await title.inputValue();
  await title.fill('新标题');
  assert.equal(await title.inputValue(), titleBefore);
  // A figure pasted from Excel at the 资金 table: refused, and the refusal stays said, not
  // replaced by what a paste written would say (the figure as Excel holds it).
  const spent = page.getByLabel('资金第1行全年执行数', { exact: true });
  const spentBefore = await spent.inputValue();
  await spent.evaluate((input) => {
    input.focus();
    const data = new DataTransfer();
    data.setData('text/plain', '180.1\t10');
    data.setData('text/html', '<table><tr><td x:num="180.125">180.1</td><td>10</td></tr></table>');
    input.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  });
  await page.waitForTimeout(300);
  assert.equal(await page.getByText('已粘贴到资金表').count(), 0, 'nothing was pasted');
  assert.equal(await notice.isVisible(), true);
  assert.equal(await spent.inputValue(), spentBefore);
  // A 资金 cell typed: refused, the cell shows what the sheet holds, not a figure it does not.
  await spent.fill('185');
  assert.equal(await spent.inputValue(), spentBefore);
  assert.equal(await notice.isVisible(), true);
  assert.deepEqual(await storedKeys(page), ['problems/reason/验收合格率#2']);
  release();
  await placedInStorage(page);
  assert.equal(await notice.isVisible(), false, 'what was refused is no longer said once the table takes edits');
  assert.equal(await shown(page, first, 'actual'), '90%');
  await page.getByRole('button', { name: '自评报告', exact: true }).click();
  const edited = page.locator('.jx-report-para.jx-edited .jx-report-text');
  await edited.first().waitFor();
  assert.deepEqual(await edited.allInnerTexts(), ['抽检不合格（关于抽检）'], 'the second row’s reason, not the first’s');
  assert.deepEqual(page.errors, []);
});

test('without inert, a 汇总表 cell typed while the rewrite is being placed is refused and said; the cell shows what the 汇总表 holds', async () => {
  const page = await env.page();
  await withoutInert(page);
  await page.goto(env.url);
  await ready(page);
  let release;
  const held = new Promise((done) => (release = done));
  await page.route('**/jixiao_xlsx_bg.wasm', async (route) => {
    await held;
    await route.continue();
  });
  // With two 汇总表 rows, every column typed.
  const projects = [
    { seq: '1', unit: '甲单位', project: '甲项目', goal: '完成改造', budget: '100', spent: '90', score: '88', grade: '良', problems: '进度偏慢', suggestions: '加快进度' },
    { seq: '2', unit: '乙单位', project: '乙项目', goal: '完成采购', budget: '50', spent: '50', score: '95', grade: '优', problems: '无', suggestions: '无' },
  ];
  await openFile(page, 'old.json', JSON.stringify({ ...JSON.parse(OLD_SHEET), projects }));
  await rowNamed(page, '验收合格率');
  const notice = page.getByText(/表格暂不能修改.*Excel 组件正在加载/);
  assert.equal(await notice.count(), 0, 'nothing refused yet');
  const columns = [['seq', '序号'], ['unit', '单位名称'], ['project', '项目名称'], ['goal', '绩效目标'], ['budget', '预算数（万元）'],
    ['spent', '完成数（万元）'], ['score', '分数'], ['grade', '等级'], ['problems', '问题'], ['suggestions', '建议']];
  for (const [key, label] of columns) {
    // Typed: refused and said, the cell shows what the 汇总表 holds, not what it did not take.
    const input = await projectInput(page, 1, label);
    await input.fill('99');
    assert.equal(await input.inputValue(), projects[0][key], label);
    assert.equal(await notice.isVisible(), true, label);
  }
  // On to the next row: the first is text again, as the 汇总表 holds it.
  await page.keyboard.press('Enter');
  await page.getByLabel('项目第2行建议', { exact: true }).waitFor();
  const texts = await page.locator('[aria-label="项目汇总表"] [data-row="0"]').evaluate((tr, keys) =>
    keys.map((key) => tr.querySelector(`[data-cell="${key}"]`).textContent), columns.map(([key]) => key));
  assert.deepEqual(texts, columns.map(([key]) => projects[0][key]));
  // A block pasted from Excel: refused, and the refusal stays said, not replaced by what a
  // paste written would say (cells it could not write).
  const unit = await projectInput(page, 2, '单位名称');
  await unit.evaluate((input) => {
    input.focus();
    const data = new DataTransfer();
    data.setData('text/plain', '丙单位\t丙项目');
    input.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  });
  await page.waitForTimeout(300);
  assert.equal(await page.getByText(/已粘贴/).count(), 0, 'nothing was pasted');
  assert.equal(await notice.isVisible(), true);
  assert.equal(await unit.inputValue(), projects[1].unit);
  release();
  await placedInStorage(page);
  assert.deepEqual(await page.evaluate(() => {
    const index = JSON.parse(localStorage.getItem('jixiao:index'));
    const workbook = index.workbooks.find((w) => w.id === index.current);
    return JSON.parse(localStorage.getItem(`jixiao:sheet:${workbook.current}`)).projects;
  }), projects, 'the 汇总表 saved as it was');
  assert.deepEqual(page.errors, []);
});

test('a sheet without such keys fetches no spreadsheet module; one that does not load is said, the rewrite kept', async () => {
  const page = await env.page();
  await page.goto(env.url);
  await ready(page);
  await page.route('**/jixiao_xlsx_bg.wasm', (r) => r.fulfill({ status: 404, contentType: 'text/plain', body: 'Not Found' }));
  await openFile(page, 'filled_project.json', project);
  await page.waitForFunction(() => document.querySelector('#app').shadowRoot.querySelector('.jx-total strong').textContent === '94.51');
  await page.waitForTimeout(300);
  assert.deepEqual(page.requests.filter((u) => u.includes('jixiao_xlsx')), [], 'nothing of the spreadsheet module');
  assert.equal(await editable(page), true);

  await openFile(page, 'old.json', OLD_SHEET);
  const notice = page.getByText(/这张表格由旧版本保存/);
  await notice.waitFor();
  assert.match(await notice.innerText(), /暂不能修改.*Excel 组件未能加载/s);
  assert.equal(await editable(page), false, 'no edit can move the rewrite’s row meanwhile');
  assert.deepEqual(await storedKeys(page), ['problems/reason/验收合格率#2'], 'the rewrite kept as the file has it');
  // Tried again once the module is there: placed, and the table takes edits.
  await page.unroute('**/jixiao_xlsx_bg.wasm');
  await page.getByRole('button', { name: '再试一次' }).click();
  await page.waitForFunction(() => !document.querySelector('#app').shadowRoot.querySelector('.jx-main').inert);
  await placedInStorage(page);
  assert.equal(await notice.isVisible(), false, 'what failed is no longer said');
  page.errors = page.errors.filter((e) => !/404|Not Found/.test(e));
  assert.deepEqual(page.errors, []);
});

test('a rewritten 总分 paragraph says the total and grade are 待定 while a row is unscored, and the Word file too', async () => {
  const page = await openReport();
  const key = '[data-key="conclusion/total"]';
  const conclusion = page.locator(key);
  await conclusion.waitFor();
  await conclusion.click();
  await page.keyboard.press('End');
  await page.keyboard.type('总体完成良好。');
  assert.equal(await conclusion.innerText(), '经自评，老旧小区微改造总分94.51分，等级为“优”。总体完成良好。');
  // In the table, a row is left unscored.
  await page.getByRole('button', { name: '自评报告', exact: true }).click();
  const row = await rowNamed(page, '服务对象满意度');
  const actual = await shown(page, row, 'actual');
  await (await cell(page, row, 'actual')).fill('');
  await page.keyboard.press('Tab');
  const provisional = await total(page);
  await page.getByRole('button', { name: '自评报告', exact: true }).click();
  await conclusion.waitFor();
  const figure = provisional.replace(/\.?0+$/, '');
  // The 分 typed after the total goes before the marker, on the page as in the Word file.
  const said = `经自评，老旧小区微改造总分${figure}分（待定），等级为“待定（尚有1项指标未计分）”。总体完成良好。`;
  assert.equal(await conclusion.innerText(), said);
  assert.match(await conclusion.locator('[data-table="total"]').getAttribute('title'), /才作数/);
  const written = await exported(page);
  assert.ok(written.includes(said), written.join('\n'));
  assert.ok(!written.some((p) => p.includes('〔')), written.join('\n'));
  // Edited meanwhile, the paragraph keeps that 分 as the user's word: the total final again,
  // it follows the figure as typed.
  await conclusion.click();
  await page.keyboard.press('End');
  await page.keyboard.type('特此报告。');
  await page.getByRole('button', { name: '自评报告', exact: true }).click();
  await (await cell(page, row, 'actual')).fill(actual);
  await page.keyboard.press('Tab');
  assert.equal(await total(page), '94.51');
  await page.getByRole('button', { name: '自评报告', exact: true }).click();
  await conclusion.waitFor();
  assert.equal(await conclusion.innerText(), '经自评，老旧小区微改造总分94.51分，等级为“优”。总体完成良好。特此报告。');
  assert.deepEqual(page.errors, []);
});
