// Saving and leaving the open table (www/src/workbooks.js) over a storage that fills up, and
// another window of the page saving to it: nothing typed is let go unsaved, and nothing is
// said to be saved that was not.
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { Store } from '../../www/src/storage.js';
import { Workbooks } from '../../www/src/workbooks.js';

/** localStorage with room for `room` characters of keys and values, as browsers count it. */
class Storage {
  constructor(room = 1e6) {
    this.room = room;
    this.items = new Map();
  }

  get used() {
    let n = 0;
    for (const [k, v] of this.items) n += k.length + v.length;
    return n;
  }

  getItem(key) {
    return this.items.has(key) ? this.items.get(key) : null;
  }

  setItem(key, value) {
    const before = this.items.get(key);
    const grown = key.length + String(value).length - (before == null ? 0 : key.length + before.length);
    if (this.used + grown > this.room) throw new Error('QuotaExceededError');
    this.items.set(key, String(value));
  }

  removeItem(key) {
    this.items.delete(key);
  }
}

/** A calculator as far as Workbooks uses one: its sheet's text. */
function calculator(json) {
  return {
    json,
    freed: false,
    // Written compact, as the core writes a sheet to keep it, whatever form it was read in.
    toJson: () => JSON.stringify(JSON.parse(json)),
    meta: () => JSON.parse(json).meta ?? {},
    sheet: () => JSON.parse(json),
    setLastYear: () => undefined,
    free() {
      this.freed = true;
    },
  };
}

const sheet = (project, more = '') => JSON.stringify({ format: 'jixiao-sheet', version: 2, kind: 'project', meta: { project }, note: more });

/** Workbooks over `storage`, with what it said and drew recorded. */
function workbooksOver() {
  const said = [];
  const replaced = [];
  const table = {
    calc: null,
    journal: [],
    engineState: { stopped: false },
    engine: { Calculator: { fromJson: calculator, empty: () => calculator('{"format":"jixiao-sheet","version":2,"kind":"summary"}') }, listTemplates: () => [] },
  };
  const notice = {
    show: (text, kind) => said.push([kind, text]),
    hideIf() {},
    hideInfo() {},
    attempt(fn) {
      try {
        return fn();
      } catch (error) {
        said.push(['error', error.message]);
        return null;
      }
    },
  };
  const workbooks = new Workbooks(new Store(), table, notice, {
    replace: (calc) => {
      table.calc = calc;
      replaced.push(calc.json);
    },
    renderTabs() {},
    exportWorkbook() {},
    resetSummary() {},
  });
  workbooks.choose();
  table.calc = calculator(sheet('一'));
  workbooks.keepNew();
  return { workbooks, table, said, replaced };
}

/** The page typing into the open table: its text changes and a save is asked for. */
function type(page, project, more = '') {
  page.table.calc = calculator(sheet(project, more));
  page.workbooks.saveSoon();
}

beforeEach(() => {
  globalThis.localStorage = new Storage();
});

test('with storage full, a table typed into stays until it is saved or exported', () => {
  const page = workbooksOver();
  const first = page.workbooks.sheetId;
  page.table.calc = calculator(sheet('二'));
  page.workbooks.addCalculator(calculator(sheet('二')), '二');
  const second = page.workbooks.sheetId;
  localStorage.room = localStorage.used;
  type(page, '二', '存储满时输入的很长很长的偏差原因');
  page.workbooks.open(first);
  assert.equal(page.workbooks.sheetId, second, 'the table stays');
  assert.match(page.said.at(-1)[1], /仍停留在当前表格/);
  assert.throws(() => page.workbooks.addCalculator(calculator(sheet('三')), '三', true), /仍停留在当前表格/);
  assert.equal(page.workbooks.sheetId, second);
  // Exported (the open table as on screen), it may be left.
  page.workbooks.keptInFile();
  page.workbooks.open(first);
  assert.equal(page.workbooks.sheetId, first);
});

test('a table never typed into that storage could not take can be left', () => {
  localStorage.room = 0;
  const page = workbooksOver();
  assert.equal(page.workbooks.failed, true);
  const result = page.workbooks.addCalculator(calculator(sheet('文件')), '文件', true);
  assert.equal(result.unsaved, true, 'said unsaved, as before');
  assert.equal(page.table.calc?.json ?? page.replaced.at(-1), sheet('文件'));
});

test('another window saving the table shown reads it again; typing unsaved here is kept beside it, or said unsaved', () => {
  const page = workbooksOver();
  const key = `jixiao:sheet:${page.workbooks.sheetId}`;
  // Nothing pending here: the other window's copy is read and shown.
  localStorage.setItem(key, sheet('另一窗口'));
  page.workbooks.savedElsewhere(key);
  assert.equal(page.replaced.at(-1), sheet('另一窗口'));
  assert.match(page.said.at(-1)[1], /已在另一个窗口中修改/);
  // Typing pending here too: neither is saved over the other; this window's becomes a sheet.
  const original = page.workbooks.sheetId;
  type(page, '本窗口');
  localStorage.setItem(key, sheet('另一窗口又改'));
  page.workbooks.savedElsewhere(key);
  assert.equal(localStorage.getItem(key), sheet('另一窗口又改'));
  assert.notEqual(page.workbooks.sheetId, original);
  assert.equal(localStorage.getItem(`jixiao:sheet:${page.workbooks.sheetId}`), sheet('本窗口'));
  const entries = JSON.parse(localStorage.getItem('jixiao:index')).workbooks[0].sheets;
  assert.deepEqual(entries.map((e) => e.name), ['一', '本窗口（本窗口的修改）']);
  assert.match(page.said.at(-1)[1], /另存为“本窗口（本窗口的修改）”/);
  assert.equal(page.workbooks.pending, false);
  // Deleted there: said as deleted, the table left on screen.
  const copy = `jixiao:sheet:${page.workbooks.sheetId}`;
  const shown = page.replaced.length;
  localStorage.removeItem(copy);
  page.workbooks.savedElsewhere(copy);
  assert.equal(page.replaced.length, shown);
  assert.match(page.said.at(-1)[1], /已在另一个窗口中删除/);
  // Storage full: not said to be saved; the storage-full line with its export stands.
  localStorage.room = localStorage.used;
  type(page, '本窗口', '存储满时输入的很长很长的偏差原因');
  page.workbooks.flush();
  const said = page.said.length;
  localStorage.room = localStorage.used + 200;
  const mine = `jixiao:sheet:${page.workbooks.sheetId}`;
  localStorage.setItem(mine, sheet('短'));
  page.workbooks.savedElsewhere(mine);
  assert.ok(!page.said.slice(said).some(([, text]) => /已保存本窗口/.test(text)), page.said.slice(said).join('\n'));
  assert.equal(page.workbooks.pending, true);
});

test('a workbook file storage cannot hold whole leaves nothing of itself behind', () => {
  const page = workbooksOver();
  const before = new Map(localStorage.items);
  localStorage.room = localStorage.used + 400;
  const big = sheet('大', 'x'.repeat(150));
  assert.throws(() => page.workbooks.addWorkbook('三张表', [big, big, big], null), /无法保存这个工作簿的全部 3 张表格/);
  const index = JSON.parse(localStorage.getItem('jixiao:index'));
  assert.deepEqual(index.workbooks.map((w) => w.name), ['我的工作簿']);
  assert.deepEqual([...localStorage.items.keys()].sort(), [...before.keys()].sort());
});

test('workbooks stored by a newer version of the page are not written over', () => {
  const index = JSON.stringify({ version: 3, current: 'w1', books: [{ id: 'w1' }] });
  localStorage.setItem('jixiao:index', index);
  localStorage.setItem('jixiao:sheet:s1', sheet('更新版本的表格'));
  const page = workbooksOver();
  type(page, '这里输入的');
  page.workbooks.flush();
  assert.equal(localStorage.getItem('jixiao:index'), index);
  assert.deepEqual([...localStorage.items.keys()].sort(), ['jixiao:index', 'jixiao:sheet:s1']);
  assert.match(page.said.at(-1)[1], /由更新版本的计算器写入/);
});

test('a save finds another window saved first, unheard, and keeps this one’s beside it', () => {
  const page = workbooksOver();
  const original = page.workbooks.sheetId;
  const key = `jixiao:sheet:${original}`;
  // Another window's save whose storage event this window has not heard (a dialog open here).
  type(page, '本窗口');
  localStorage.setItem(key, sheet('另一窗口'));
  page.workbooks.flush();
  assert.equal(localStorage.getItem(key), sheet('另一窗口'), 'not written over');
  assert.notEqual(page.workbooks.sheetId, original);
  assert.equal(localStorage.getItem(`jixiao:sheet:${page.workbooks.sheetId}`), sheet('本窗口'));
  // Nothing typed here: nothing is written either, and no copy made.
  const copies = JSON.parse(localStorage.getItem('jixiao:index')).workbooks[0].sheets.length;
  localStorage.setItem(`jixiao:sheet:${page.workbooks.sheetId}`, sheet('又一窗口'));
  page.workbooks.save();
  assert.equal(localStorage.getItem(`jixiao:sheet:${page.workbooks.sheetId}`), sheet('又一窗口'));
  assert.equal(JSON.parse(localStorage.getItem('jixiao:index')).workbooks[0].sheets.length, copies);
});

test('a workbook or sheet deleted in another window: typing here is kept and said, never stored out of sight', () => {
  const page = workbooksOver();
  const id = page.workbooks.sheetId;
  const key = `jixiao:sheet:${id}`;
  // The sheet deleted there while this window typed, its event not heard yet: saved again, said.
  type(page, '本窗口');
  localStorage.removeItem(key);
  page.workbooks.flush();
  assert.equal(localStorage.getItem(key), sheet('本窗口'));
  assert.match(page.said.at(-1)[1], /已在另一个窗口中删除；本窗口中的修改已把它重新保存/);
  // Its event heard late: this window's own write, nothing new, nothing said or read again.
  const said = page.said.length;
  const shown = page.replaced.length;
  page.workbooks.savedElsewhere(key);
  assert.deepEqual([page.said.length, page.replaced.length], [said, shown]);
  // The whole workbook deleted there: said; typing here is not stored where no tab lists it, and
  // stays unsaved, so that leaving asks first.
  const index = JSON.parse(localStorage.getItem('jixiao:index'));
  localStorage.setItem('jixiao:index', JSON.stringify({ ...index, workbooks: [] }));
  page.workbooks.savedElsewhere('jixiao:index');
  assert.match(page.said.at(-1)[1], /这个工作簿已在另一个窗口中删除/);
  type(page, '本窗口又改');
  page.workbooks.flush();
  assert.equal(localStorage.getItem(key), sheet('本窗口'));
  assert.equal(page.workbooks.pending, true);
  assert.match(page.said.at(-1)[1], /修改没有保存在本浏览器中/);
});

test('a table only looked at writes nothing when saved, whatever form it is stored in', () => {
  const page = workbooksOver();
  const key = `jixiao:sheet:${page.workbooks.sheetId}`;
  const pretty = JSON.stringify(JSON.parse(sheet('一')), null, 2);
  localStorage.setItem(key, pretty);
  page.workbooks.savedElsewhere(key);
  page.workbooks.save();
  assert.equal(localStorage.getItem(key), pretty);
});

test('the 汇总表 in two windows: a crossed save is said, a late event of its own is not taken for another’s', () => {
  const page = workbooksOver();
  page.workbooks.open('summary');
  assert.equal(page.workbooks.onSummary, true);
  const key = `jixiao:summary:${page.workbooks.workbookId}`;
  // Never stored before this: the other window's save is still crossed by this one's.
  type(page, '本窗口的汇总表');
  localStorage.setItem(key, sheet('另一窗口的汇总表'));
  page.workbooks.flush();
  assert.match(page.said.at(-1)[1], /这张汇总表同时在另一个窗口中被修改/);
  // This window's own save heard late: nothing new is read or said.
  const [said, shown] = [page.said.length, page.replaced.length];
  page.workbooks.savedElsewhere(key);
  assert.deepEqual([page.said.length, page.replaced.length], [said, shown]);
  // A sheet deleted there: the 汇总表 is built again from the sheets there are.
  const index = JSON.parse(localStorage.getItem('jixiao:index'));
  index.workbooks[0].sheets = [];
  localStorage.setItem('jixiao:index', JSON.stringify(index));
  page.workbooks.savedElsewhere('jixiao:index');
  assert.match(page.said.at(-1)[1], /汇总表已按现有的表格重新汇总/);
  assert.equal(page.replaced.length, shown + 1);
});

test('a workbook deleted elsewhere is never the one opened next, nor given a 汇总表', () => {
  const page = workbooksOver();
  const store = page.workbooks.store;
  const gone = page.workbooks.workbookId;
  const other = store.createWorkbook('乙');
  store.removeWorkbook(gone);
  store.select(gone, 'summary');
  assert.equal(store.index().current, other);
  assert.ok(store.saveSummary(gone, '{}') instanceof Error);
  assert.equal(localStorage.getItem(`jixiao:summary:${gone}`), null);
  // An index left pointing at it (by an older page) opens a workbook there is.
  localStorage.setItem('jixiao:index', JSON.stringify({ ...store.index(), current: gone }));
  const next = workbooksOver();
  assert.equal(next.workbooks.workbookId, other);
});

test('on the 汇总表, another window’s saves and deletions are heard without writing the index back', () => {
  const page = workbooksOver();
  const first = page.workbooks.sheetId;
  page.workbooks.addCalculator(calculator(sheet('二')), '二');
  page.workbooks.open('summary');
  const writes = [];
  const setItem = localStorage.setItem.bind(localStorage);
  localStorage.setItem = (key, value) => {
    writes.push(key);
    setItem(key, value);
  };
  try {
    // Another window saves sheet 一, then deletes it: this window hears each key before the
    // index that goes with it (Chromium's storage events come a key at a time).
    setItem(`jixiao:sheet:${first}`, sheet('一改'));
    page.workbooks.savedElsewhere(`jixiao:sheet:${first}`);
    localStorage.removeItem(`jixiao:sheet:${first}`);
    page.workbooks.savedElsewhere(`jixiao:sheet:${first}`);
    assert.deepEqual(writes, [], 'nothing written back from what this window has heard so far');
    const index = JSON.parse(localStorage.getItem('jixiao:index'));
    index.workbooks[0].sheets = index.workbooks[0].sheets.filter((entry) => entry.id !== first);
    setItem('jixiao:index', JSON.stringify(index));
    page.workbooks.savedElsewhere('jixiao:index');
    assert.deepEqual(writes, []);
    assert.match(page.said.at(-1)[1], /汇总表已按现有的表格重新汇总/);
    assert.deepEqual(JSON.parse(localStorage.getItem('jixiao:index')).workbooks[0].sheets.map((entry) => entry.name), ['二']);
  } finally {
    localStorage.setItem = setItem;
  }
});

test('a sheet the host sets again opens the one kept, and is refused aloud while the open table cannot be left', () => {
  const page = workbooksOver();
  const first = page.workbooks.sheetId;
  page.workbooks.setSheet(sheet('门户的表'));
  const kept = page.workbooks.sheetId;
  assert.notEqual(kept, first);
  page.workbooks.open(first);
  // Set again as it is kept: the one kept opens, no copy.
  page.workbooks.setSheet(sheet('门户的表'));
  assert.equal(page.workbooks.sheetId, kept);
  assert.equal(JSON.parse(localStorage.getItem('jixiao:index')).workbooks[0].sheets.length, 2);
  // Typed into the other table with storage full: the host is told, not answered as if opened.
  page.workbooks.open(first);
  localStorage.room = localStorage.used;
  type(page, '一', '存储满时输入的很长很长的偏差原因');
  assert.throws(() => page.workbooks.setSheet(sheet('门户的表')), /仍停留在当前表格/);
  assert.equal(page.workbooks.sheetId, first);
});
