// Workbooks kept in this browser (storage.js): which workbook and which tab (a sheet, or the
// 汇总表) is open, saving the open table once typing pauses, the 汇总表 drawn from the
// workbook's sheets (each evaluated by the core) and the rows typed into it, and opening,
// adding and deleting sheets and workbooks. Embedded without autosave there is no store and
// the calculator edits one sheet.
import { Store } from './storage.js';
import { download } from './files.js';

/** The tab of a workbook's 汇总表 (sheets have generated ids that never equal it). */
export const SUMMARY = 'summary';

/** The name of a workbook's 汇总表: the workbook's, with 汇总表 after it unless it says so
 * already (a workbook named 2023年项目汇总表 is not 2023年项目汇总表汇总表). */
export function summaryName(workbookName) {
  return workbookName.endsWith('汇总表') ? workbookName : `${workbookName}汇总表`;
}

/** What a 汇总表 says of the sheets it leaves out (each named with its year, once): on the page,
 * on paper and in the files exported from it; the core words it the same for a workbook
 * exported whole and for `jixiao batch` (`Workbook::left_out_note`). */
function leftOutNote(sheets) {
  return `未计入本汇总表：${sheets.join('；')}。同一项目有几个年度的表格时，汇总表只计一个年度的（汇总表填了年度的，计该年度；否则计最新的），以免资金重复计入合计。`;
}

/** A 汇总表 never typed into, as it opens (its typed part). */
function blankSummary() {
  return { format: 'jixiao-sheet', version: 2, kind: 'summary', meta: { title: '项目绩效评价汇总表' } };
}

/** Autosave waits for this pause in typing, */
const SAVE_AFTER_MS = 300;
/** but no longer than this after the first edit it has not saved: typing that never pauses
 * (a paragraph typed steadily) is saved as it goes, not lost if the browser is killed. */
const SAVE_AT_LATEST_MS = 2000;

/** Why the open table was not let go: what was typed in it could not be saved. */
const KEPT_UNSAVED = '浏览器存储空间已满或不可用，当前表格最近的修改无法保存，为免丢失，仍停留在当前表格。请先点“导出工作簿”保存到文件，之后即可打开其他表格';

export class Workbooks {
  /**
   * `store`: the Store, or null; `table`: the open table; `notice`; `on`: `replace(calc, json)`
   * (open a calculator in place of the open one; `json`, when given, its sheet's file as just
   * saved), `sealing()` (what is being typed ends: the open table is about to be left),
   * `leaving()` (the open calculator is about to be let go), `moved()` (it is now another
   * sheet, `sheetId`), `renderTabs(force)`,
   * `exportWorkbook()` (offered
   * when storage is full), `resetSummary()` (another workbook's 汇总表 starts unsorted).
   */
  constructor(store, table, notice, on) {
    this.store = store;
    this.table = table;
    this.notice = notice;
    this.on = on;
    /** The 年度 of last year's sheet the open sheet is held against, if any. */
    this.lastYearFound = undefined;
    // A sheet swapped in by an undo is held against last year as an opened one is.
    table.holdToLastYear = (calc) => this.holdToLastYear(calc);
    this.workbookId = null;
    /** The open tab: a sheet's id, or SUMMARY. */
    this.sheetId = null;
    /** On the 汇总表: how many leading rows come from the workbook's sheets, their names, the
     * sheet (its place among the tabs) each comes from, and what is said of the sheets left out
     * (a project's other years). */
    this.linkedCount = 0;
    this.linkedNames = [];
    this.linkedSheets = [];
    this.leftOutNote = null;
    /** The sheets of a project's other years, with the tabs' stamps and the 汇总表's 年度 they
     * were worked out for. */
    this.otherYearsCache = { stamp: null, pairs: [] };
    /** Each sheet's 汇总表 row, kept while the sheet is unchanged. */
    this.rowCache = new Map();
    this.saveTimer = null;
    /** The latest a waiting save is made (see SAVE_AT_LATEST_MS). */
    this.saveDeadline = null;
    /** The last save failed (storage full). */
    this.failed = false;
    /** The open table was edited since it was last saved or exported. */
    this.edited = false;
    /** The open sheet's text in storage as this window last read or wrote it: another text
     * there when it saves is another window's save, not to be written over. */
    this.known = null;
    /** The same of the 汇总表's stored text, while it is open, and the sheets it was built from. */
    this.knownSummary = null;
    this.summaryOf = null;
    /** The 汇总表's stored text when it cannot be read: kept aside before anything is saved
     * over it (`save`). */
    this.damagedSummary = null;
    this.destroyed = false;
  }

  get onSummary() {
    return this.sheetId === SUMMARY;
  }

  /** The open workbook's entry in the index, or null. */
  workbook() {
    return this.store?.workbook(this.workbookId) ?? null;
  }

  /** A sheet's name: the one given when renamed, else its project, title or unit. */
  nameOf(entry, sheet) {
    if (entry?.named && entry.name) return entry.name;
    const meta = sheet?.meta ?? {};
    return meta.project || meta.title || meta.unit || entry?.name || '未命名表格';
  }

  /** The open tab's name. */
  sheetName() {
    if (this.onSummary) return summaryName(this.workbook()?.name ?? '');
    const entry = this.workbook()?.sheets.find((s) => s.id === this.sheetId);
    // Its 基本信息 only: the whole sheet would be built and copied to name a tab.
    const calc = this.table.calc;
    return this.nameOf(entry, calc ? { meta: calc.meta() } : null);
  }

  // ---------- saving ----------

  /** Saved once typing pauses (and at once when the page is hidden or closed), so saving
   * never competes with the keystrokes themselves. */
  saveSoon() {
    if (!this.store) return;
    this.edited = true;
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => this.save(), SAVE_AFTER_MS);
    this.saveDeadline ??= setTimeout(() => this.save(), SAVE_AT_LATEST_MS);
  }

  /** Stops the timers of a save that waits. */
  #stopSaveTimers() {
    clearTimeout(this.saveTimer);
    clearTimeout(this.saveDeadline);
    this.saveTimer = null;
    this.saveDeadline = null;
  }

  /** Saves now edits made without typing (replayed after a fault), as typing's are. */
  saveEdited() {
    if (!this.store) return;
    this.edited = true;
    this.save();
  }

  /** Saves now what waits to be saved. */
  flush() {
    if (this.saveTimer == null) return;
    clearTimeout(this.saveTimer);
    this.save();
  }

  /** Drops a save that waits (the table is gone, or the engine stopped). */
  cancelSave() {
    this.#stopSaveTimers();
    this.failed = false;
    this.edited = false;
  }

  /** Whether the open table holds edits kept nowhere else: a save waits, or failed (a table
   * never typed into, which storage could not take, holds none; nor one just exported). */
  get pending() {
    return this.saveTimer != null || (this.failed && this.edited);
  }

  /** The open table, as on screen, was just written to a file (导出工作簿). */
  keptInFile() {
    this.edited = false;
  }

  /**
   * Before the open table is let go: saved if it holds anything not saved yet, and nothing
   * written otherwise (a table only looked at in a second window must not write its older copy
   * over the one saved from the first). False when it could not be saved: the table stays.
   */
  #leave() {
    this.on.sealing?.();
    if (!this.pending) return true;
    this.save();
    return !this.pending;
  }

  /** Why the open table stays: its last edits are kept nowhere else. */
  #keptUnsaved() {
    if (this.#workbookGone()) {
      return '这个工作簿已在另一个窗口中删除，当前表格的修改没有保存在本浏览器中，为免丢失，仍停留在当前表格。请先点“导出工作簿”保存到文件，之后即可打开其他表格';
    }
    return this.store?.foreign
      ? '本浏览器中已保存的工作簿由更新版本的计算器写入（或已损坏），此页面不保存修改；当前表格的修改没有保存在任何地方，为免丢失，仍停留在当前表格。请先点“导出工作簿”保存到文件，之后即可打开其他表格'
      : KEPT_UNSAVED;
  }

  /** The open workbook's sheets, as the 汇总表 is built from them. */
  #sheetIds() {
    return (this.workbook()?.sheets ?? []).map((entry) => entry.id).join();
  }

  /** Whether the open workbook was deleted (in another window). */
  #workbookGone() {
    return Boolean(this.store && this.workbookId && !this.store.foreign && !this.workbook());
  }

  /** The same, said on the notice line when the table stays; true when it may be let go. */
  #leaveOrSay() {
    if (this.#leave()) return true;
    this.notice.show(`${this.#keptUnsaved()}。`, 'error', { label: '导出工作簿', run: () => this.on.exportWorkbook() });
    // The tab or workbook chosen shows as chosen until drawn again.
    this.on.renderTabs(true);
    return false;
  }

  save() {
    this.#stopSaveTimers();
    if (!this.store || !this.table.calc || this.destroyed || !this.sheetId || this.table.engineState.stopped) return;
    let error;
    if (this.onSummary) {
      // One 汇总表 a workbook: typed into in another window too since this one read or wrote
      // it, both windows' changes are kept, merged (below); where both changed the same field
      // or row, or both changed the rows and one added or deleted some, this window's is
      // saved and the other's typing it replaces said.
      const stored = this.store.loadSummary(this.workbookId);
      const crossed = this.edited && stored != null && stored !== this.knownSummary && stored !== this.damagedSummary;
      // Typed into in another window too: the two windows' changes merged when they are to
      // different fields, or to different rows taken whole (`merge3`), the result saved and
      // shown here.
      const merged = crossed ? this.#mergeSummary(this.knownSummary, this.typedSummaryJson(), stored) : null;
      if (merged != null) {
        error = this.store.saveSummary(this.workbookId, merged);
        this.failed = Boolean(error);
        if (error) return this.#sayUnsaved();
        this.edited = false;
        this.table.journal.length = 0;
        this.openSummary({ select: false });
        this.notice.show('这张汇总表同时在另一个窗口中被修改：两个窗口的修改已合并保存，现在显示的是合并后的内容，请核对。', 'info');
        return;
      }
      const json = this.typedSummaryJson();
      // Stored text that could not be read is kept aside first, never just written over.
      const damaged = stored != null && stored === this.damagedSummary;
      error = damaged ? this.store.keepDamagedSummary(this.workbookId, stored) : null;
      error ??= this.store.saveSummary(this.workbookId, json);
      if (!error && damaged) {
        this.damagedSummary = null;
        this.notice.show('这张汇总表原来保存的内容已损坏，无法读取；它已原样另存一份在本浏览器中，现在保存的是本页上填写的内容。如需那一份，请点“导出损坏的汇总表”存为文件。',
          'error', this.#damagedActions());
      }
      if (!error) this.knownSummary = json;
      if (!error && crossed) {
        this.notice.show('这张汇总表同时在另一个窗口中被修改：已保存本窗口中的内容，另一窗口中同时所做的修改被它替换。请只在一个窗口中编辑同一张汇总表。', 'error');
      }
    } else {
      const stored = this.store.loadSheet(this.sheetId);
      // Nothing typed here, and the sheet is stored: nothing to write (its text written again
      // in another form would look to another window like a save of its own).
      if (stored != null && !this.edited) return;
      // Saved by another window since this one read or wrote it, its storage event not heard
      // yet (a dialog open here, or both saving at once): kept beside it, never written over.
      if (stored != null && this.known != null && stored !== this.known) return this.#keepAsCopy();
      // Deleted there: saved again as it stands here, and said.
      const deleted = stored == null && this.known != null;
      const json = this.table.calc.toJson(true);
      error = this.store.saveSheet(this.workbookId, this.sheetId, this.sheetName(), json);
      if (!error) this.known = json;
      if (!error && deleted) this.notice.show('这张表格已在另一个窗口中删除；本窗口中的修改已把它重新保存为一张表格。', 'info');
    }
    this.failed = Boolean(error);
    if (!error) this.edited = false;
    if (error) {
      this.#sayUnsaved();
    } else {
      this.table.journal.length = 0;
      // Saved after all (room was made): what said it was not holds no more.
      this.notice.hideIf('浏览器存储空间已满');
    }
    this.on.renderTabs();
  }

  /**
   * Another window of the page saved to this storage (a second tab; copies of the offline
   * file share it too), under `key`. The table open here, when it is the one saved (on the
   * 汇总表: one of its sheets), is read again: left as it was, its older copy would be saved
   * over the newer at the next edit here. What was typed here and not saved yet is saved
   * instead, and that is said. The tabs follow the other window's sheets added or renamed.
   */
  savedElsewhere(key) {
    if (!this.store || this.destroyed || !this.table.calc || this.table.engineState.stopped || key == null) return;
    const sheets = this.workbook()?.sheets ?? [];
    const mine = this.onSummary
      ? key === this.store.key(`summary:${this.workbookId}`) || sheets.some((entry) => key === this.store.key(`sheet:${entry.id}`))
      : key === this.store.key(`sheet:${this.sheetId}`);
    if (!mine) {
      if (key !== this.store.key('index')) return;
      this.on.renderTabs();
      if (this.#workbookGone()) {
        this.notice.show('这个工作簿已在另一个窗口中删除。此处仍显示当前表格，但其修改不会再保存在本浏览器中：如需保留，请导出。', 'error',
          { label: '导出工作簿', run: () => this.on.exportWorkbook() });
      } else if (this.onSummary && this.#sheetIds() !== this.summaryOf) {
        // A sheet added or deleted there: the 汇总表 is built again from the sheets there are.
        if (this.pending) this.save();
        if (this.pending) return;
        this.openSummary({ select: false });
        this.notice.show('工作簿中的表格已在另一个窗口中增删，汇总表已按现有的表格重新汇总。', 'info');
      }
      return;
    }
    const own = key === this.store.key(this.onSummary ? `summary:${this.workbookId}` : `sheet:${this.sheetId}`);
    const stored = !this.onSummary && own ? this.store.loadSheet(this.sheetId) : undefined;
    // What this window wrote itself (a save of its own heard late): nothing new.
    if (stored != null && stored === this.known) return;
    if (this.onSummary) {
      const text = own ? this.store.loadSummary(this.workbookId) : this.store.loadSheet(key.slice(this.store.key('sheet:').length));
      // Its own save heard late; or a key removed there (a sheet or the workbook deleted), which
      // the index's change that follows says and the 汇总表 is built again for.
      if (text == null || (own && text === this.knownSummary)) return;
    }
    if (stored === null) {
      // Deleted there. Typed into here, it is saved again as it stands (and said); else left.
      // Not at once: the other window's change of the index (the sheet, or its whole workbook,
      // deleted) comes in an event of its own after this one, and an index written back before
      // it is heard would undo it, and what that window did next (a workbook made).
      if (this.pending) return this.saveSoon();
      this.notice.show('这张表格已在另一个窗口中删除。此处仍显示它的内容：继续编辑会把它重新保存为一张表格；不需要的话，关闭此窗口即可。', 'info');
      return;
    }
    // Typed into here and there at once: neither copy is saved over the other.
    if (this.pending && own && !this.onSummary) return this.#keepAsCopy();
    if (this.pending) {
      // On the 汇总表: the rows typed here are saved (a crossed save of it said by `save`), and
      // the rows from its sheets read again below.
      this.save();
      // Storage full: its notice stands, with the export; nothing here was saved over anything.
      if (this.pending || own) return;
    }
    if (this.onSummary) {
      this.openSummary({ select: false });
      if (own) {
        // One 汇总表 a workbook: what was typed here, if that window saved over it, is not there.
        this.notice.show('这张汇总表已在另一个窗口中修改，现在显示的是那里保存的内容；本窗口刚才填写的内容如未出现，请重新填写。', 'info');
        return;
      }
    } else {
      const json = this.store.loadSheet(this.sheetId);
      const next = json != null && this.notice.attempt(() => this.table.engine.Calculator.fromJson(json));
      if (!next) return;
      this.known = json;
      this.holdToLastYear(next, this.sheetId);
      this.on.replace(next);
    }
    this.notice.show('这张表格已在另一个窗口中修改，现在显示的是修改后的内容。', 'info');
  }

  /**
   * The sheet shown here was typed into and, before it was saved, another window saved its
   * own copy: what is on screen becomes a sheet of its own beside it, named so, rather than
   * either window's typing being saved over the other's.
   */
  #keepAsCopy() {
    this.#stopSaveTimers();
    const name = `${this.sheetName()}（本窗口的修改）`;
    const id = Store.newId();
    const json = this.table.calc.toJson(true);
    this.failed = Boolean(this.store.saveSheet(this.workbookId, id, name, json));
    if (this.failed) return this.#sayUnsaved();
    this.known = json;
    this.store.renameSheet(this.workbookId, id, name);
    this.sheetId = id;
    this.edited = false;
    this.store.select(this.workbookId, id);
    this.on.moved?.();
    this.on.renderTabs();
    this.notice.show(`这张表格同时在另一个窗口中被修改。为免互相覆盖，本窗口中的内容已另存为“${name}”，另一窗口的修改留在原来的表格中；请核对后删除不需要的一张。`, 'error');
  }

  /**
   * The 汇总表 as typed here (`mine`) and as another window saved it since (`theirs`), both
   * changed from `base` (the text this window last read or wrote): one text with both windows'
   * changes, or null when they changed the same field or row, or both changed the rows and one
   * added or deleted some (or one cannot be read). All are first written as the core writes a
   * sheet, so that only what was typed differs.
   */
  #mergeSummary(base, mine, theirs) {
    const { Calculator } = this.table.engine;
    const compact = (text) => {
      const calc = Calculator.fromJson(text);
      try {
        return calc.toJson(true);
      } finally {
        calc.free();
      }
    };
    // Never saved before: it was blank when it opened.
    const read = (text) => JSON.parse(compact(text ?? JSON.stringify(blankSummary())));
    try {
      const merged = merge3(read(base), read(mine), read(theirs));
      return merged === CONFLICT ? null : compact(JSON.stringify(merged));
    } catch {
      return null;
    }
  }

  /** Says that what was typed is not saved: storage full, or a store this page cannot write. */
  #sayUnsaved() {
    const why = this.#workbookGone()
      ? '这个工作簿已在另一个窗口中删除，当前表格的修改没有保存在本浏览器中：如需保留，请导出。'
      : this.store.foreign
      ? '本浏览器中已保存的工作簿由更新版本的计算器写入（或已损坏），此页面无法读取；为免覆盖它们，此页面不保存任何修改。请改用最新版本的页面或离线文件；在此所做的修改请导出保存。'
      : '浏览器存储空间已满或不可用，最近的修改没有自动保存。请先导出文件保存，以免丢失。';
    this.notice.show(why, 'error', { label: '导出工作簿', run: () => this.on.exportWorkbook() });
  }

  /** The 汇总表 as saved: its settings, meta and only the rows typed into it. */
  typedSummaryJson() {
    // Every row typed: the file as it is, without building it as objects first.
    if (!this.linkedCount) return this.table.calc.toJson(true);
    const sheet = this.table.calc.sheet();
    sheet.projects = (sheet.projects ?? []).slice(this.linkedCount);
    if (!sheet.projects.length) delete sheet.projects;
    return JSON.stringify(sheet);
  }

  // ---------- opening ----------

  /** At start: the workbook left open (the first one created if there is none). */
  choose() {
    if (!this.store) return;
    if (!this.store.index().workbooks.length) this.store.createWorkbook('我的工作簿');
    const repaired = this.store.repaired;
    if (repaired) {
      this.store.repaired = null;
      const found = repaired.found ? `，其中 ${repaired.found} 份是目录中已没有、从本浏览器中找回的（放在“找回的…”工作簿中，或原工作簿的最后）` : '';
      this.notice.show(`本浏览器中保存的工作簿目录已损坏，已按本浏览器中保存的表格重建：现有 ${repaired.workbooks} 个工作簿、${repaired.sheets} 张表格${found}。表格的名称和顺序可能与原来不同，请逐一核对，并点“导出工作簿”另存一份；损坏的目录原样留在本浏览器中，未被删除。`, 'error');
    }
    // Reloaded after the engine stopped: the table this window was on, whatever another
    // window opened since (its unsaved edits are kept for that table, fault.js).
    const back = this.store.takeReopen();
    const left = back && this.store.workbook(back.workbookId);
    if (left) this.store.select(back.workbookId, left.sheets.some((s) => s.id === back.sheetId) ? back.sheetId : SUMMARY);
    const index = this.store.index();
    const current = index.workbooks.some((w) => w.id === index.current) ? index.current : null;
    this.workbookId = current ?? index.workbooks[0]?.id ?? null;
  }

  /** At start, before the engine is loaded: whether the tab left open is the 汇总表. */
  summaryLeftOpen() {
    return Boolean(this.workbookId) && this.workbook()?.current === SUMMARY;
  }

  /** At start: the tab the user left open, as a calculator, or null (a workbook not yet used
   * starts with a sheet to fill in). */
  savedTab() {
    if (!this.workbookId) return null;
    const workbook = this.workbook();
    const tab = workbook?.current;
    const used = workbook?.sheets.length || this.store.loadSummary(this.workbookId);
    let calc = null;
    let damaged = false;
    if (tab && tab !== SUMMARY) {
      const json = this.store.loadSheet(tab);
      calc = json ? this.#readStored(tab, json) : null;
      if (calc) {
        this.sheetId = tab;
        this.known = json;
        this.holdToLastYear(calc, tab);
        return calc;
      }
      // Damaged (and said): the 汇总表 opens, not a new sheet beside the damaged one.
      damaged = json != null;
    }
    if ((tab === SUMMARY || damaged) && used) {
      const built = this.#buildSummary();
      const doc = built.doc;
      calc = built.calc;
      if (calc) {
        this.sheetId = SUMMARY;
        this.knownSummary = this.store.loadSummary(this.workbookId);
        this.summaryOf = this.#sheetIds();
        this.takeLinked(doc);
      }
    }
    return calc;
  }

  /** Sheet `id` as stored (`json`) as a calculator, or null when its text is damaged: said,
   * with the text offered as a file and left where it is. */
  #readStored(id, json) {
    try {
      return this.table.engine.Calculator.fromJson(json);
    } catch (error) {
      this.#sayDamaged(id, error);
      return null;
    }
  }

  #sayDamaged(id, error) {
    const workbookId = this.workbookId;
    const name = this.workbook()?.sheets.find((s) => s.id === id)?.name || '未命名表格';
    const start = `表格“${name}”在本浏览器中保存的内容已损坏`;
    const why = String(error?.message ?? error).replace(/[。.]$/, '');
    this.notice.show(`${start}，无法打开（${why}）。它仍原样保存着，没有改动：请点“导出损坏的表格”存为文件留底（可交技术人员修复后用“打开文件”打开）；不再需要时，点“删除这张表格”。`, 'error', [
      {
        label: '导出损坏的表格',
        run: () => {
          const text = this.store.loadSheet(id);
          if (text != null) download(`${name}（已损坏）.json`, text, 'application/json');
        },
      },
      {
        label: '删除这张表格',
        run: () => {
          if (!window.confirm(`删除表格“${name}”？此操作不可撤销，建议先导出损坏的表格。`)) return;
          this.store.removeSheet(workbookId, id);
          this.rowCache.delete(id);
          this.notice.hideIf(start);
          if (this.onSummary && workbookId === this.workbookId && !this.pending) this.openSummary({ select: false });
          this.on.renderTabs(true);
        },
      },
    ]);
  }

  /**
   * Holds the sheet `calc` (the tab `id`) against last year's sheet of the same project in this
   * workbook, or against none (the core picks it: same 项目名称, 实施单位, the year before); only
   * sheets that name the project at all are read. Returns the 年度 found, or undefined; the
   * page calls it whenever a sheet is opened or swapped in (undo) and its 项目名称, 实施单位 or
   * 年度 changes.
   */
  holdToLastYear(calc, id = this.sheetId) {
    if (!this.store || !calc) return undefined;
    const project = calc.meta().project?.trim();
    const names = namedBy(project);
    const others = project
      ? (this.workbook()?.sheets ?? [])
        .filter((entry) => entry.id !== id)
        .map((entry) => this.store.loadSheet(entry.id))
        .filter((json) => json && names(json))
      : [];
    this.lastYearFound = this.notice.attempt(() => calc.setLastYear(others)) ?? undefined;
    return this.lastYearFound;
  }

  /** The sheet of this workbook kept as `calc` is, or null. */
  #keptAs(calc) {
    if (!this.store) return null;
    const text = calc.toJson(true);
    return (this.workbook()?.sheets ?? []).find((entry) => this.store.loadSheet(entry.id) === text) ?? null;
  }

  /** The sheet the host gave `mount()` (`calc`, not yet shown), kept: the one kept as it is
   * when there is one (given again at every visit), else a new one. */
  keepGiven(calc) {
    const kept = this.#keptAs(calc);
    if (kept) {
      this.sheetId = kept.id;
      this.known = this.store.loadSheet(kept.id);
      this.store.select(this.workbookId, kept.id);
    }
  }

  /** At start, a table that is no tab yet (a template, a sheet given): kept as a new sheet. */
  keepNew() {
    if (!this.store || this.sheetId) return;
    this.sheetId = Store.newId();
    this.save();
    this.store.select(this.workbookId, this.sheetId);
  }

  /** Opens a tab of the current workbook: a sheet, or SUMMARY for the 汇总表. */
  open(id) {
    if (id === this.sheetId) return;
    if (!this.#leaveOrSay()) return;
    // What a notice said of the table left behind (a comparison set, 可撤销) is not of this one.
    this.notice.hideInfo();
    if (id === SUMMARY) return this.openSummary();
    const json = this.store.loadSheet(id);
    const next = json && this.#readStored(id, json);
    if (!next) return this.on.renderTabs();
    this.holdToLastYear(next, id);
    this.sheetId = id;
    this.known = json;
    this.clearLinked();
    this.store.select(this.workbookId, id);
    this.on.replace(next);
  }

  /** Off the 汇总表: no rows from sheets. */
  clearLinked() {
    this.takeLinked({ linkedCount: 0, names: [], sheets: [], note: null });
  }

  /** What the 汇总表 just built says of its rows from sheets (see the constructor). */
  takeLinked(doc) {
    this.linkedCount = doc.linkedCount;
    this.linkedNames = doc.names;
    this.linkedSheets = doc.sheets;
    this.leftOutNote = doc.note;
  }

  /**
   * The workbook's sheets its 汇总表 (of `year`) leaves out as a project's other years, each
   * with the sheet that stands for the project (`[left out, standing]`, places among the tabs),
   * as the core decides (`otherYears`); worked out again only when a sheet or the year changed.
   */
  otherYears(entries, year) {
    const stamp = `${year}|${entries.map((e) => `${e.id}:${e.updated}`).join('|')}`;
    if (this.otherYearsCache.stamp !== stamp) {
      let pairs = [];
      try {
        pairs = entries.length > 1 ? this.table.engine.otherYears(entries.map((e) => this.store.loadSheet(e.id) ?? ''), year) : [];
      } catch {
        pairs = [];
      }
      this.otherYearsCache = { stamp, pairs };
    }
    return this.otherYearsCache.pairs;
  }

  /** The current workbook's 汇总表 as saved (its typed rows, settings and meta), or a blank one. */
  #typedSummary() {
    const saved = this.store.loadSummary(this.workbookId);
    try {
      if (saved) return JSON.parse(saved);
    } catch {
      // Unreadable: the 汇总表 starts blank, as on opening it.
    }
    return blankSummary();
  }

  /**
   * The current workbook's 汇总表 as a calculator, with the document it was built from. Its
   * stored text unreadable (damaged: cut short, a value of the wrong type), it opens with the
   * rows from the sheets and none typed, that is said, and the text is left where it is until
   * something is saved over it (`save` keeps it aside first).
   */
  #buildSummary() {
    const { Calculator } = this.table.engine;
    const saved = this.store.loadSummary(this.workbookId);
    // Read once: cut short, it is damaged (`why`), and the 汇总表 starts blank.
    let why = null;
    let typed = null;
    if (saved != null) {
      try {
        typed = JSON.parse(saved);
      } catch (error) {
        why = String(error?.message ?? error);
      }
    }
    let doc = this.summaryDocument(saved && typed ? typed : blankSummary());
    let calc = null;
    let failure = null;
    try {
      calc = Calculator.fromJson(doc.json);
    } catch (error) {
      failure = error;
    }
    // Not taken with the sheets' rows: the typed part alone says why (a value of the wrong
    // type), its rows numbered as typed.
    if (!calc && why == null && saved != null) {
      try {
        Calculator.fromJson(saved).free();
      } catch (error) {
        why = String(error?.message ?? error);
      }
    }
    if (why != null && !calc) {
      doc = this.summaryDocument(blankSummary());
      failure = null;
      try {
        calc = Calculator.fromJson(doc.json);
      } catch (error) {
        failure = error;
      }
    }
    this.damagedSummary = why != null ? saved : null;
    if (!calc) {
      this.notice.show(String(failure?.message ?? failure), 'error');
      return { calc: null, doc };
    }
    if (why != null) {
      this.notice.show(`这张汇总表在本浏览器中保存的内容已损坏，无法读取（${why.replace(/[。.]$/, '')}），现在只显示各表格汇总来的行，其中填写的项目和年度等设置没有显示。损坏的内容仍原样保存着：请先点“导出损坏的汇总表”存为文件留底；在此继续填写时，它会先另存一份，不会被覆盖。`,
        'error', this.#damagedActions());
    } else if (this.store.damagedSummary(this.workbookId) != null) {
      this.notice.show('这张汇总表曾经损坏，损坏的内容另存在本浏览器中。需要的话请点“导出损坏的汇总表”存为文件；不再需要时，点“删除损坏的内容”。',
        'info', [...this.#damagedActions(), { label: '删除损坏的内容', run: () => {
          this.store.dropDamagedSummary(this.workbookId);
          this.notice.hideIf('这张汇总表曾经损坏');
        } }]);
    }
    return { calc, doc };
  }

  /** The button that writes the 汇总表's damaged text (where it is kept now) to a file. */
  #damagedActions() {
    const workbookId = this.workbookId;
    const name = summaryName(this.workbook()?.name ?? '');
    return [{
      label: '导出损坏的汇总表',
      run: () => {
        const stored = this.store.loadSummary(workbookId);
        const text = this.store.damagedSummary(workbookId) ?? (stored === this.damagedSummary ? stored : null);
        if (text != null) download(`${name}（已损坏）.json`, text, 'application/json');
      },
    }];
  }

  /** Whether the 汇总表 leaves sheet `id` out, as another year of a project (`otherYears`). */
  isLeftOut(id) {
    const entries = this.workbook()?.sheets ?? [];
    const k = entries.findIndex((e) => e.id === id);
    const year = String(this.#typedSummary().meta?.year ?? '');
    return k >= 0 && this.otherYears(entries, year).some(([out]) => out === k);
  }

  /**
   * The 汇总表 of the current workbook as one summary sheet: a row per sheet of the workbook
   * (evaluated by the core; unchanged sheets come from a cache) but a project's other years
   * (last year's sheet kept for comparison: the 汇总表 is of one year, and its money would
   * count twice), then the rows typed into it.
   */
  summaryDocument(summary = this.#typedSummary()) {
    const entries = this.workbook()?.sheets ?? [];
    const others = this.otherYears(entries, String(summary.meta?.year ?? ''));
    const out = new Set(others.map(([o]) => o));
    const counted = entries.map((entry, k) => ({ entry, k })).filter(({ k }) => !out.has(k));
    const linked = counted.map(({ entry }, n) => {
      const seq = n + 1;
      const cached = this.rowCache.get(entry.id);
      if (cached && cached.updated === entry.updated && cached.seq === seq) return cached.row;
      const json = this.store.loadSheet(entry.id);
      let row;
      try {
        row = this.table.engine.projectRow(json ?? '', seq);
      } catch (error) {
        row = { seq: String(seq), project: entry.name, problems: `（表格无法读取：${error?.message ?? error}）` };
      }
      this.rowCache.set(entry.id, { updated: entry.updated, seq, row });
      return row;
    });
    const metaOf = (k) => {
      try {
        return JSON.parse(this.store.loadSheet(entries[k].id) ?? '{}').meta ?? {};
      } catch {
        return {};
      }
    };
    // Named as the core names them (`Workbook::left_out_note`), by the tab: with its 单位, as
    // 部门整体 forms of several units may share a name, and the year as a number.
    const yearOf = (meta) => String(meta.year ?? '').trim().replace(/\s*[年度]+$/, '')
      .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
    const named = (k) => {
      const unit = String(metaOf(k).unit ?? '').trim();
      const name = entries[k].name;
      return unit && !name.includes(unit) ? `“${name}”（${unit}）` : `“${name}”`;
    };
    const leftOut = [...new Set(others.map(([o, s]) => `${named(o)}的${yearOf(metaOf(o))}年度表格（计入的是它${yearOf(metaOf(s))}年度的表格）`))];
    const typed = summary.projects ?? [];
    summary.kind = 'summary';
    summary.projects = [...linked, ...typed];
    return {
      json: JSON.stringify(summary), linkedCount: linked.length, names: counted.map(({ entry }) => entry.name),
      sheets: counted.map(({ k }) => k), note: leftOut.length ? leftOutNote(leftOut) : null,
    };
  }

  /**
   * On the 汇总表, its 年度 just typed: when that year counts other sheets of a project than
   * the rows shown come from, opens it again as it is on screen (its typed rows, meta and
   * settings; the rows from sheets the ones that year counts) and saves it; true when it did.
   * A 汇总表 is of one year: its 合计 must not stay another year's. Built from the screen,
   * not from storage: a save that failed (storage full) loses nothing typed.
   */
  relinkForYear() {
    if (!this.onSummary || !this.store || !this.table.calc || this.destroyed || this.table.engineState.stopped) return false;
    const typed = JSON.parse(this.typedSummaryJson());
    const entries = this.workbook()?.sheets ?? [];
    const out = new Set(this.otherYears(entries, String(typed.meta?.year ?? '')).map(([o]) => o));
    const counted = entries.map((_, k) => k).filter((k) => !out.has(k));
    if (counted.join() === (this.linkedSheets ?? []).join()) return false;
    const doc = this.summaryDocument(typed);
    const next = this.notice.attempt(() => this.table.engine.Calculator.fromJson(doc.json));
    if (!next) return false;
    this.takeLinked(doc);
    this.on.replace(next);
    this.save();
    return true;
  }

  /** Opens the 汇总表; with `select` false, builds it again where it is open (another window
   * saved): nothing is written then, for this window may not have all that window wrote yet
   * (its storage events come a key at a time), and an index written back from it would undo
   * the rest (a sheet deleted there brought back). */
  openSummary({ select = true } = {}) {
    const { Calculator } = this.table.engine;
    const { calc, doc } = this.#buildSummary();
    const next = calc ?? Calculator.empty('summary');
    this.sheetId = SUMMARY;
    this.knownSummary = this.store.loadSummary(this.workbookId);
    this.summaryOf = this.#sheetIds();
    this.takeLinked(doc);
    if (select) this.store.select(this.workbookId, SUMMARY);
    this.on.replace(next);
  }

  /** Opens a workbook: the tab it was left on (or `tab`), else its 汇总表. */
  openWorkbook(id, tab) {
    if (!this.#leaveOrSay()) return;
    this.workbookId = id;
    this.sheetId = null;
    this.on.resetSummary();
    const workbook = this.workbook();
    const target = tab ?? workbook?.current ?? SUMMARY;
    const json = target !== SUMMARY ? this.store.loadSheet(target) : null;
    const next = json && this.#readStored(target, json);
    if (next) {
      this.holdToLastYear(next, target);
      this.sheetId = target;
      this.known = json;
      this.clearLinked();
      this.store.select(id, target);
      this.on.replace(next);
    } else {
      this.openSummary();
    }
  }

  // ---------- adding and deleting ----------

  /** Adds a sheet (JSON text) to the current workbook and opens it. */
  addSheet(json, name) {
    this.addCalculator(this.table.engine.Calculator.fromJson(json), name);
  }

  /** A sheet the host sets (`setSheet`, the element's `sheet`), kept once: set again as it is
   * kept (a portal setting its record at every visit) it opens the one kept, where adding a
   * copy each time had the 汇总表 count the project again at every visit. A new one takes the
   * place of the untouched starting sheet, as an opened file does. */
  setSheet(json) {
    const next = this.table.engine.Calculator.fromJson(json);
    const kept = this.#keptAs(next);
    if (kept && (kept.id !== this.sheetId || !this.pending)) {
      next.free();
      // Refused as a new one would be (the open table's last edits kept nowhere else): thrown
      // to the host, which would otherwise take the sheet for opened.
      if (kept.id !== this.sheetId && !this.#leave()) throw new Error(this.#keptUnsaved());
      this.open(kept.id);
      return;
    }
    this.addCalculator(next, undefined, true);
  }

  /** The same with the sheet already read into its calculator (an opened file: read once).
   * Returns `{ twin, unsaved }`: `twin` the sheet of this workbook it would be counted with
   * twice in the 汇总表, if any, `{ name, identical }`, the same table (a file opened twice) or
   * another version of the same project (the same kind, 单位, name and 年度, as the core's
   * `sameProjectIn` decides: a unit's corrected file opened beside the first); `unsaved` when
   * storage was full, which is said; `replaced` when, with `opened` (a file the user
   * opened), it took the place of the workbook's untouched starting sheet. */
  addCalculator(next, name, opened = false) {
    const table = this.table;
    if (!this.store) {
      this.clearLinked();
      this.on.replace(next);
      return { twin: null, unsaved: false, replaced: false, leftOut: false };
    }
    if (!this.#leave()) {
      next.free();
      throw new Error(this.#keptUnsaved());
    }
    this.on.leaving?.();
    const starter = opened ? this.#untouchedStarter() : null;
    const json = next.toJson(true);
    const same = this.#counterpart(next, json);
    this.sheetId = Store.newId();
    this.clearLinked();
    table.calc?.free();
    table.calc = next;
    const unsaved = !!this.store.saveSheet(this.workbookId, this.sheetId, name || this.sheetName(), json);
    this.known = unsaved ? null : json;
    // Only once the file's sheet is saved: with storage full the starting sheet stays.
    const replaced = !!starter && !unsaved;
    if (replaced) {
      this.store.removeSheet(this.workbookId, starter);
      this.rowCache.delete(starter);
    }
    // A sheet not saved is no tab, and opens no more after a reload: the tab open before stays
    // the one to reopen (else a blank sheet would be made in its place).
    if (!unsaved) this.store.select(this.workbookId, this.sheetId);
    table.calc = null;
    this.holdToLastYear(next);
    this.on.replace(next, json);
    if (unsaved) {
      this.notice.show('浏览器存储空间已满，这张表格没有保存在本浏览器中，刷新或关闭页面、打开其他表格就会丢失。请先导出工作簿保存。', 'error',
        { label: '导出工作簿', run: () => this.on.exportWorkbook() });
    }
    const leftOut = !!same && !unsaved && this.isLeftOut(this.sheetId);
    return { twin: same, unsaved, replaced, leftOut };
  }

  /** The workbook's only sheet when it is a template just as it was made (the sheet a first
   * visit starts with, never typed into): a file opened takes its place, else the 汇总表
   * counts an empty project beside the file's. */
  #untouchedStarter() {
    const sheets = this.workbook()?.sheets ?? [];
    if (sheets.length !== 1) return null;
    // As on screen: typed into but not saved (storage full) is typed into.
    const open = sheets[0].id === this.sheetId && this.table.calc;
    const text = open ? this.table.calc.toJson(true) : this.store.loadSheet(sheets[0].id);
    const { engine } = this.table;
    const untouched = engine.listTemplates().some((t) => {
      const calc = engine.Calculator.fromTemplate(t.id);
      try {
        return calc.toJson(true) === text;
      } finally {
        calc.free();
      }
    });
    return untouched ? sheets[0].id : null;
  }

  /** The sheet of this workbook that the sheet of `calc` (its compact text `json`) repeats. */
  #counterpart(calc, json) {
    const saved = (this.workbook()?.sheets ?? []).map((entry) => [entry, this.store.loadSheet(entry.id)]);
    const identical = saved.find(([, text]) => text === json);
    if (identical) return { name: identical[0].name, identical: true };
    // Only the sheets whose text may name the project (its 项目, a 部门整体 form its 单位,
    // else its title) are read again.
    const { project, title, unit } = calc.meta();
    const department = calc.kind === 'department';
    const named = (department ? unit?.trim() : project?.trim()) || title?.trim();
    // (A 部门整体 form with no 单位 is known by its title without the year it names, written
    // in words or figures: every sheet is asked about.)
    const names = department && !unit?.trim() ? () => true : namedBy(named);
    const candidates = named ? saved.filter(([, text]) => text && names(text)) : [];
    const found = candidates.length ? calc.sameProjectIn(candidates.map(([, text]) => text)) : undefined;
    return found === undefined ? null : { name: candidates[found][0].name, identical: false };
  }

  /** Creates a workbook from sheets and a 汇总表 (JSON texts) and opens its 汇总表. Throws,
   * with nothing kept, when storage cannot take all of it: a workbook missing some of its
   * sheets would count them nowhere, unseen. */
  addWorkbook(name, sheets, summary) {
    if (!this.#leave()) throw new Error(this.#keptUnsaved());
    const id = this.store.createWorkbook(this.#uniqueName(name || '导入的工作簿'));
    const full = `浏览器存储空间不足，无法保存这个工作簿的全部 ${sheets.length} 张表格${summary ? '和汇总表' : ''}，所以没有打开它。请删除不用的工作簿腾出空间后再打开`;
    if (typeof id !== 'string') throw new Error(full);
    const written = [];
    const failed = sheets.some((json) => {
      written.push(Store.newId());
      return this.store.saveSheet(id, written[written.length - 1], this.nameOf(null, JSON.parse(json)), json);
    }) || (summary && this.store.saveSummary(id, summary));
    if (failed) {
      // Each sheet written, listed or not (its index entry may be what did not fit).
      for (const sheet of written) this.store.removeSheet(id, sheet);
      this.store.removeWorkbook(id);
      this.store.select(this.workbookId, this.sheetId);
      throw new Error(full);
    }
    this.openWorkbook(id, SUMMARY);
  }

  #uniqueName(name) {
    const names = new Set(this.store.index().workbooks.map((w) => w.name));
    let candidate = name;
    for (let n = 2; names.has(candidate); n++) candidate = `${name}（${n}）`;
    return candidate;
  }

  /** A new, empty workbook, opened at its 汇总表 (sheets are added with “新建表格”). */
  newWorkbook(name) {
    if (!this.#leaveOrSay()) return;
    const id = this.store.createWorkbook(this.#uniqueName(name));
    if (typeof id !== 'string') return this.notice.show('浏览器存储空间已满，无法新建工作簿。', 'error');
    this.openWorkbook(id, SUMMARY);
    // Its 汇总表 stored at once: a workbook with neither sheets nor a 汇总表 is taken at the next
    // visit for one never used, and given a sheet to fill in.
    this.save();
  }

  /** Deletes the open sheet and opens what the workbook shows next. */
  deleteSheet() {
    this.cancelSave();
    this.store.removeSheet(this.workbookId, this.sheetId);
    this.rowCache.delete(this.sheetId);
    this.sheetId = null;
    this.openWorkbook(this.workbookId);
  }

  /** Deletes the open workbook and opens another (a new one when it was the last). */
  deleteWorkbook() {
    this.cancelSave();
    this.store.removeWorkbook(this.workbookId);
    this.sheetId = null;
    const next = this.store.index().workbooks[0];
    if (next) this.openWorkbook(next.id);
    else this.newWorkbook('我的工作簿');
  }
}

/**
 * Whether a sheet's JSON text may name `name` as the core compares names (`workbook::name_key`:
 * brackets, quotes and letters of either width alike, spaces ignored): it holds the name's
 * longest run of Chinese characters once spaces are taken out of both, whatever is around it
 * (a quote escaped in JSON). A quick look, so that the core reads only the sheets that may.
 */
function namedBy(name) {
  const runs = String(name ?? '').replace(/\s+/g, '').match(/\p{Script=Han}+/gu) ?? [];
  const longest = runs.reduce((a, b) => (b.length > a.length ? b : a), '');
  return (text) => text.replace(/\s+/g, '').includes(longest);
}

const CONFLICT = Symbol('conflict');

/** `mine` and `theirs`, each changed from `base`, as one, or CONFLICT. Objects (meta,
 * settings) are merged field by field: a field changed on one side only takes that side's
 * value. A list is merged by whole elements, never within one: an element changed on one side
 * only is taken whole from that side; one changed on both to different values, or lists whose
 * lengths differ, are a CONFLICT. Its rows are paired by place alone, and a row deleted on one
 * side moves the rows after it: merged field by field, one window's typing would land on
 * another project (a 问题 typed into 项目二 joined to the 项目三 that took its place). */
function merge3(base, mine, theirs) {
  const same = (a, b) => canonical(a) === canonical(b);
  const whole = (b, m, t) => (same(m, t) || same(t, b) ? m : same(m, b) ? t : CONFLICT);
  const taken = whole(base, mine, theirs);
  if (taken !== CONFLICT) return taken;
  const plain = (v) => v && typeof v === 'object' && !Array.isArray(v);
  if ([base, mine, theirs].every(plain)) {
    const out = {};
    for (const key of new Set([...Object.keys(mine), ...Object.keys(theirs)])) {
      const value = merge3(base[key], mine[key], theirs[key]);
      if (value === CONFLICT) return CONFLICT;
      if (value !== undefined) out[key] = value;
    }
    return out;
  }
  if ([base, mine, theirs].every(Array.isArray) && mine.length === base.length && theirs.length === base.length) {
    const out = [];
    for (let i = 0; i < base.length; i++) {
      const value = whole(base[i], mine[i], theirs[i]);
      if (value === CONFLICT) return CONFLICT;
      out.push(value);
    }
    return out;
  }
  return CONFLICT;
}

/** A value as JSON with its objects' keys in order: equal values, equal texts. */
function canonical(value) {
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return `[${value.map(canonical).join()}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().filter((k) => value[k] !== undefined).map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join()}}`;
  }
  return JSON.stringify(value);
}
