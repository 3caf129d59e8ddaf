// The calculator as a whole: `mount(element, options)` builds it inside `element` and keeps the
// sheet in the wasm core. Each keystroke goes to the core as one cell edit; the core re-scores
// that row and its ancestors and returns only what changed, which is all that is redrawn.
import { h, fill, options as optionList, keepFocus } from './dom.js';
import { loadEngine, loadSpreadsheets } from './engine.js';
import { adoptStyles } from './styles.js';
import { History } from './history.js';
import { Store } from './storage.js';
import { guardEngine } from './guard.js';
import { OpenTable } from './open-table.js';
import { Notice } from './notice.js';
import { MetaForm } from './meta-form.js';
import { Bar } from './bar.js';
import { Checks } from './checks.js';
import { Detail } from './detail.js';
import { settingsDialog } from './settings-dialog.js';
import { stopAfterFault, recover } from './fault.js';
import { download, readText } from './files.js';
import { SheetView } from './sheet-view.js';
import { Edits } from './edits.js';
import { SheetEditor } from './sheet-editor.js';
import { BlockPaste } from './block-paste.js';
import { SummaryController } from './summary-controller.js';
import { fundsTable } from './tables.js';
import { openDialog } from './dialog.js';
import { mappingDialog } from './import-dialog.js';

/** The tab of a workbook's 汇总表 (sheets have generated ids that never equal it). */
const SUMMARY = 'summary';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Autosave waits for this pause in typing. */
const SAVE_AFTER_MS = 300;

/**
 * Builds the calculator inside `element`. Options: `template` (id), `sheet` (object or JSON
 * text), `autosave` (true, or a storage key prefix: keep workbooks of sheets and their 汇总表
 * in localStorage; without it the calculator edits one sheet), `onChange(detail)` (after every
 * change; `detail.sheet` and `detail.evaluation` are computed when read), `wasm` (URL or bytes
 * of the module), `xlsxWasm` (URL or bytes of the spreadsheet module, loaded on first use; by
 * default next to `wasm`), `shadow: false` (draw into `element`
 * itself instead of a shadow root of its own, letting the host's CSS apply), `layout: 'page'`
 * (the calculator is the whole page: its bar and explanation stay in view while scrolling).
 * Returns a controller (see `api()`).
 */
export function mount(element, options = {}) {
  return new App(element, options).api();
}

class App {
  constructor(host, opts) {
    this.host = host;
    this.opts = opts;
    this.history = new History();
    this.store = opts.autosave ? new Store(typeof opts.autosave === 'string' ? opts.autosave : 'jixiao') : null;
    this.workbookId = null;
    /** The open tab: a sheet's id, or SUMMARY. */
    this.sheetId = null;
    /** On the 汇总表: how many leading rows come from the workbook's sheets. */
    this.linkedCount = 0;
    this.linkedNames = [];
    /** Each sheet's 汇总表 row, kept while the sheet is unchanged. */
    this.rowCache = new Map();
    /** Set once the core has trapped (a panic): nothing calls it again. */
    this.engineState = { stopped: false };
    this.table = new OpenTable(this.engineState, (error, failed) => this.#fault(error, failed));
    this.notice = new Notice(this.engineState);
    this.destroyed = false;
    this.#skeleton();
    this.ready = this.#start();
  }

  /**
   * Puts the drawn calculator into the page, in a shadow root of its own unless already inside
   * one (<jixiao-calculator>) or asked not to. Done once, after the first drawing, so the
   * browser lays out and paints the page once (and the host's loading text shows until then).
   */
  #attach() {
    const host = this.host;
    const inShadow = host.getRootNode() instanceof ShadowRoot;
    this.container = !inShadow && this.opts.shadow !== false && host.attachShadow
      ? host.shadowRoot ?? host.attachShadow({ mode: 'open' })
      : host;
    const root = this.container instanceof ShadowRoot ? this.container : host.getRootNode();
    adoptStyles(root instanceof ShadowRoot ? root : document);
    fill(this.container, this.root);
  }

  api() {
    return {
      ready: this.ready.then(() => undefined),
      /** The sheet as an object (the file format). */
      getSheet: () => this.table.calc.sheet(),
      /** The sheet file, JSON text. */
      getJson: () => this.table.calc.toJson(),
      /** Loads a sheet (object or JSON text); throws with a Chinese message if it cannot. */
      setSheet: (sheet) => this.#load(typeof sheet === 'string' ? sheet : JSON.stringify(sheet)),
      /** The whole evaluation. */
      report: () => this.table.calc.report(),
      loadTemplate: (id) => {
        const calc = this.table.engine.Calculator.fromTemplate(id);
        const json = calc.toJson();
        calc.free();
        this.#addSheet(json);
      },
      undo: () => this.#undo(),
      redo: () => this.#redo(),
      destroy: () => this.#destroy(),
    };
  }

  // ---------- building the page ----------

  #skeleton() {
    const button = (text, onclick, extra = {}) => h('button', { type: 'button', onclick, ...extra }, text);
    this.fileInput = h('input', { type: 'file', accept: '.json,.xlsx,.xlsm,.csv,application/json', hidden: true, onchange: (e) => this.#import(e.target.files?.[0]) });
    this.workbookSelect = h('select', { 'aria-label': '当前工作簿', onchange: (e) => this.#openWorkbook(e.target.value) });
    this.tabs = h('nav', { class: 'jx-tabs jx-no-print', 'aria-label': '表格' });
    this.undoButton = button('撤销', () => this.#undo(), { title: 'Ctrl+Z', disabled: true });
    this.redoButton = button('重做', () => this.#redo(), { title: 'Ctrl+Y', disabled: true });
    this.fundsBox = h('div');
    this.root = h('div', { class: 'jx', lang: 'zh-CN', 'data-layout': this.opts.layout === 'page' ? 'page' : 'embedded' });
    /** What any part may ask the page to redraw. */
    const page = {
      renderAll: (focus) => this.#renderAll(focus),
      totals: (t) => this.#totals(t),
      checks: () => this.checks.render(),
      detail: () => this.detail.show(),
      detailSoon: () => this.detail.showSoon(),
      changed: () => this.#changed(),
    };

    this.view = new SheetView({
      edit: (i, field, value) => this.editor.edit(i, field, value),
      focus: () => this.detail.show(),
      action: (name, i) => this.editor.action(name, i),
      paste: (i, key, grid) => this.blockPaste.paste('indicators', i, grid, () => this.editor.paste(i, key, grid)),
      seal: () => this.history.seal(),
    });
    this.edits = new Edits(this.table, this.history, this.notice, this.view, page);
    this.editor = new SheetEditor(this.table, this.view, this.history, this.notice, this.edits, page);
    this.blockPaste = new BlockPaste(this.root, this.table, () => this.#spreadsheets(), this.history, this.notice, this.edits, {
      linkedCount: () => this.linkedCount,
      focusProject: (row) => this.summary.focusRow(row),
      changed: page.changed,
    });
    this.summary = new SummaryController(this.table, this.history, this.notice, this.edits, this.blockPaste, {
      ...page,
      linked: () => ({ count: this.linkedCount, names: this.linkedNames }),
      openSheet: (row) => this.#open(this.#workbook()?.sheets[row]?.id),
    });
    this.meta = new MetaForm(this.table, this.history, () => this.#changed());
    this.bar = new Bar();
    this.checks = new Checks(this.table, this.view);
    this.detail = new Detail(this.table, this.view);

    this.fundsSection = h('section', { class: 'jx-section' },
      h('h2', {}, '资金情况', h('span', { class: 'jx-hint' }, '执行率 = 执行数 ÷ 预算数'),
        button('＋ 添加一行', () => this.edits.tableEdit(() => this.table.calc.insertFund(1e9)), { class: 'jx-no-print' })),
      this.fundsBox);
    this.indicatorSection = h('section', { class: 'jx-section' },
      h('h2', {}, '绩效指标', h('span', { class: 'jx-hint' }, '每次输入即时计算；Enter / 方向键移动，可从 Excel 粘贴整块')),
      h('div', { class: 'jx-tools' },
        button('＋ 添加一级指标', () => this.edits.reshape(() => this.table.calc.insert(undefined, 1e9, '{}'))),
        button('＋ 在当前行下方插入', () => this.editor.action('insert-after', this.view.current ?? this.table.calc.length - 1)),
        button('＋ 插入下级指标', () => this.editor.action('insert-child', this.view.current ?? 0))),
      this.view.element);
    const sheetButtons = this.store
      ? h('div', { class: 'jx-group-buttons' },
        this.workbookSelect,
        button('工作簿…', () => this.#workbookDialog()))
      : null;

    this.root.append(
      h('header', { class: 'jx-bar' },
        h('span', { class: 'jx-brand' }, '绩效评分'),
        sheetButtons,
        h('div', { class: 'jx-group-buttons' },
          this.undoButton, this.redoButton,
          button('打开文件', () => this.fileInput.click(), { title: '评分表或工作簿（.json）、Excel（.xlsx）、CSV' }),
          button('导出…', () => this.#exportDialog()),
          button('打印', () => window.print()),
          button('设置', () => settingsDialog(this.root, this.table.calc.settings(), (json) => this.edits.reshape(() => this.table.calc.setSettings(json)))),
          this.checks.button, this.fileInput),
        this.bar.element),
      this.store ? this.tabs : null,
      this.notice.element,
      h('main', { class: 'jx-main' },
        this.meta.element,
        this.checks.panel,
        this.fundsSection,
        this.indicatorSection,
        this.summary.section),
      this.detail.element);
    this.root.addEventListener('keydown', (e) => {
      const key = e.key.toLowerCase();
      if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
      if (key === 'z' && !e.shiftKey) {
        e.preventDefault();
        this.#undo();
      } else if (key === 'y' || (key === 'z' && e.shiftKey)) {
        e.preventDefault();
        this.#redo();
      }
    });
    // Moving on ends a typing run; a row redrawn under the caret (see SheetEditor) does not.
    this.root.addEventListener('focusout', () => this.editor.redrawing || this.history.seal());
    this.flush = () => {
      if (this.saveTimer == null) return;
      clearTimeout(this.saveTimer);
      this.#save();
    };
    window.addEventListener('pagehide', this.flush);
    document.addEventListener('visibilitychange', this.flush);
    this.onPrint = (e) => {
      const on = e.type === 'beforeprint';
      this.view.preparePrint(on);
      // The small tables: each input's value as printable text.
      for (const box of [this.fundsBox, this.summary.box]) {
        for (const el of box.querySelectorAll('.jx-print')) el.remove();
        if (on) for (const input of box.querySelectorAll('td > input, .jx-scell > input')) input.after(h('span', { class: 'jx-print' }, input.value));
      }
    };
    window.addEventListener('beforeprint', this.onPrint);
    window.addEventListener('afterprint', this.onPrint);
  }

  async #start() {
    try {
      this.table.engine = guardEngine(await loadEngine(this.opts.wasm), (error, failed) => this.#fault(error, failed), this.engineState);
      performance.mark('jixiao-engine');
    } catch (error) {
      this.notice.show(`计算引擎无法加载：${error?.message ?? error}`, 'error');
      this.#attach();
      throw error;
    }
    const { Calculator } = this.table.engine;
    if (this.store) {
      if (!this.store.index().workbooks.length) this.store.createWorkbook('我的工作簿');
      const index = this.store.index();
      this.workbookId = index.current ?? index.workbooks[0]?.id ?? null;
    }
    let calc = null;
    if (this.opts.sheet) {
      calc = this.notice.attempt(() => Calculator.fromJson(typeof this.opts.sheet === 'string' ? this.opts.sheet : JSON.stringify(this.opts.sheet)));
    } else if (this.workbookId) {
      // The tab the user left open; a workbook not yet used starts with a sheet to fill in.
      const workbook = this.#workbook();
      const tab = workbook?.current;
      const used = workbook?.sheets.length || this.store.loadSummary(this.workbookId);
      if (tab === SUMMARY && used) {
        const doc = this.#summaryDocument();
        calc = this.notice.attempt(() => Calculator.fromJson(doc.json));
        if (calc) {
          this.sheetId = SUMMARY;
          this.linkedCount = doc.linkedCount;
          this.linkedNames = doc.names;
        }
      } else if (tab && tab !== SUMMARY) {
        const json = this.store.loadSheet(tab);
        calc = json ? this.notice.attempt(() => Calculator.fromJson(json)) : null;
        if (calc) this.sheetId = tab;
      }
    }
    if (!calc) calc = this.notice.attempt(() => Calculator.fromTemplate(this.opts.template || 'project')) ?? Calculator.fromTemplate('project');
    this.table.calc = calc;
    recover(this.store, this, this.table, this.notice, () => this.#save());
    if (this.store && !this.sheetId) {
      this.sheetId = Store.newId();
      this.#save();
      this.store.select(this.workbookId, this.sheetId);
    }
    this.#renderAll();
    this.#renderTabs();
    this.#attach();
  }

  /** The core trapped: the page stops calling it and keeps the edits since the last save. */
  #fault(error, failed) {
    clearTimeout(this.saveTimer);
    this.saveTimer = null;
    stopAfterFault(this.root, { error, failed, store: this.store, at: this, journal: this.table.journal });
  }

  #destroy() {
    this.flush();
    window.removeEventListener('pagehide', this.flush);
    document.removeEventListener('visibilitychange', this.flush);
    this.destroyed = true;
    this.detail.destroy();
    window.removeEventListener('beforeprint', this.onPrint);
    window.removeEventListener('afterprint', this.onPrint);
    this.table.close();
    this.container?.replaceChildren();
  }

  // ---------- drawing ----------

  #renderAll(focus) {
    const report = this.table.read();
    const sheet = this.table.sheet;
    const kind = sheet.kind;
    this.meta.render(sheet, report);
    const hasTree = kind !== 'summary' || report.nodes.length > 0;
    this.indicatorSection.hidden = !hasTree;
    this.summary.section.hidden = kind !== 'summary' && !(sheet.projects?.length);
    // A project sheet's 预算执行率 row holds its budget; 资金 rows are for department sheets.
    this.fundsSection.hidden = kind !== 'department' && !(sheet.funds?.length);
    this.view.render(report.nodes, this.table.data, report.diagnostics);
    this.#renderFunds(report);
    this.summary.render(report);
    this.table.sheetDiagnostics = report.diagnostics.filter((d) => d.in !== 'node');
    this.#totals(report);
    this.checks.render();
    this.detail.show();
    this.#buttons();
    if (focus) this.view.focus(focus.index, focus.key);
  }

  #renderFunds(report = this.table.calc.report()) {
    const calc = () => this.table.calc;
    keepFocus(this.fundsBox, () => fill(this.fundsBox, fundsTable(calc().sheet().funds ?? [], report.funds, report.diagnostics, {
      edit: (row, field, value) => this.edits.tableEdit(() => calc().setFund(row, field, value), `f:${row}:${field}`, () => this.#renderFunds()),
      remove: (row) => this.edits.tableEdit(() => calc().removeFund(row)),
    })));
  }

  /** The total, its grade and the check counts in the bar. */
  #totals(t) {
    this.bar.show(t, this.view.rows, this.table.shownSummary(this.view.rows));
    this.checks.count();
  }

  #buttons() {
    this.undoButton.disabled = !this.history.canUndo;
    this.redoButton.disabled = !this.history.canRedo;
  }

  // ---------- undo ----------

  #undo() {
    if (this.history.undo()) this.#afterHistory();
    this.#buttons();
  }

  #redo() {
    if (this.history.redo()) this.#afterHistory();
    this.#buttons();
  }

  /** After an undo or redo: what a notice said of the step no longer holds. */
  #afterHistory() {
    this.notice.hideInfo();
    this.#changed();
  }

  // ---------- workbooks, sheets, files ----------

  /** After every change: save, tell the host, refresh the undo buttons. */
  #changed() {
    this.#buttons();
    if (this.store) {
      // Saved once typing pauses (and at once when the page is hidden or closed), so saving
      // never competes with the keystrokes themselves.
      clearTimeout(this.saveTimer);
      this.saveTimer = setTimeout(() => this.#save(), SAVE_AFTER_MS);
    }
    if (this.opts.onChange) {
      const calc = this.table.calc;
      this.opts.onChange({
        get sheet() {
          return calc.sheet();
        },
        get evaluation() {
          return calc.report();
        },
        get json() {
          return calc.toJson();
        },
      });
    }
  }

  get #onSummary() {
    return this.sheetId === SUMMARY;
  }

  #workbook() {
    return this.store?.workbook(this.workbookId) ?? null;
  }

  /** A sheet's name: the one given when renamed, else its project, title or unit. */
  #nameOf(entry, sheet) {
    if (entry?.named && entry.name) return entry.name;
    const meta = sheet?.meta ?? {};
    return meta.project || meta.title || meta.unit || entry?.name || '未命名表格';
  }

  #sheetName() {
    if (this.#onSummary) return `${this.#workbook()?.name ?? ''}汇总表`;
    const entry = this.#workbook()?.sheets.find((s) => s.id === this.sheetId);
    return this.#nameOf(entry, this.table.calc?.sheet());
  }

  #save() {
    clearTimeout(this.saveTimer);
    this.saveTimer = null;
    if (!this.store || !this.table.calc || this.destroyed || !this.sheetId || this.engineState.stopped) return;
    const error = this.#onSummary
      ? this.store.saveSummary(this.workbookId, this.#typedSummaryJson())
      : this.store.saveSheet(this.workbookId, this.sheetId, this.#sheetName(), this.table.calc.toJson());
    if (error) {
      this.notice.show('浏览器存储空间已满或不可用，最近的修改没有自动保存。请先导出文件保存，以免丢失。', 'error',
        { label: '导出工作簿', run: () => this.#exportWorkbook('json') });
    } else {
      this.table.journal.length = 0;
    }
    this.#renderTabs();
  }

  /** The 汇总表 as saved: its settings, meta and only the rows typed into it. */
  #typedSummaryJson() {
    const sheet = this.table.calc.sheet();
    sheet.projects = (sheet.projects ?? []).slice(this.linkedCount);
    if (!sheet.projects.length) delete sheet.projects;
    return JSON.stringify(sheet);
  }

  /** The workbook selector and the tabs of its sheets; redrawn only when they changed. */
  #renderTabs() {
    if (!this.store) return;
    const index = this.store.index();
    const workbook = index.workbooks.find((w) => w.id === this.workbookId);
    const sheets = workbook?.sheets ?? [];
    const key = JSON.stringify([index.workbooks.map((w) => [w.id, w.name]), sheets.map((s) => [s.id, s.name, s.named]), this.sheetId, this.#sheetName()]);
    if (key === this.tabsKey) return;
    this.tabsKey = key;
    fill(this.workbookSelect, optionList(index.workbooks.map((w) => [w.id, w.name]), this.workbookId));
    const tab = (id, label, extra = {}) => h('button', {
      type: 'button', role: 'tab', class: 'jx-tab', 'aria-selected': String(id === this.sheetId), 'data-tab': id,
      onclick: () => this.#open(id), ...extra,
    }, label);
    const current = sheets.find((s) => s.id === this.sheetId);
    fill(this.tabs,
      h('div', { class: 'jx-tab-list', role: 'tablist', 'aria-label': '工作簿中的表格' },
        tab(SUMMARY, '汇总表', { class: 'jx-tab jx-tab-summary', title: `工作簿中 ${sheets.length} 张表格的汇总，及直接录入的项目` }),
        sheets.map((s) => tab(s.id, s.id === this.sheetId ? this.#sheetName() : this.#nameOf(s, null), { title: s.name }))),
      h('div', { class: 'jx-tab-tools' },
        h('button', { type: 'button', onclick: () => this.#newSheetDialog() }, '＋ 新建表格'),
        current ? h('button', { type: 'button', onclick: () => this.#renameDialog() }, '重命名') : null,
        current ? h('button', { type: 'button', onclick: () => this.#deleteSheet() }, '删除表格') : null));
  }

  /** Opens a tab of the current workbook: a sheet, or SUMMARY for the 汇总表. */
  #open(id) {
    if (id === this.sheetId) return;
    this.#save();
    if (id === SUMMARY) return this.#openSummary();
    const json = this.store.loadSheet(id);
    const next = json && this.notice.attempt(() => this.table.engine.Calculator.fromJson(json));
    if (!next) return this.#renderTabs();
    this.sheetId = id;
    this.linkedCount = 0;
    this.store.select(this.workbookId, id);
    this.#replace(next);
  }

  /**
   * The 汇总表 of the current workbook as one summary sheet: a row per sheet of the workbook
   * (evaluated by the core; unchanged sheets come from a cache), then the rows typed into it.
   */
  #summaryDocument() {
    const workbook = this.#workbook();
    const linked = (workbook?.sheets ?? []).map((entry, k) => {
      const cached = this.rowCache.get(entry.id);
      if (cached && cached.updated === entry.updated && cached.seq === k + 1) return cached.row;
      const json = this.store.loadSheet(entry.id);
      let row;
      try {
        row = this.table.engine.projectRow(json ?? '', k + 1);
      } catch (error) {
        row = { seq: String(k + 1), project: entry.name, problems: `（表格无法读取：${error?.message ?? error}）` };
      }
      this.rowCache.set(entry.id, { updated: entry.updated, seq: k + 1, row });
      return row;
    });
    let summary = null;
    const saved = this.store.loadSummary(this.workbookId);
    try {
      summary = saved ? JSON.parse(saved) : null;
    } catch {
      summary = null;
    }
    summary ??= { format: 'jixiao-sheet', version: 1, kind: 'summary', meta: { title: `${workbook?.name ?? ''}项目绩效评价汇总表` } };
    const typed = summary.projects ?? [];
    summary.kind = 'summary';
    summary.projects = [...linked, ...typed];
    return { json: JSON.stringify(summary), linkedCount: linked.length, names: (workbook?.sheets ?? []).map((s) => s.name) };
  }

  #openSummary() {
    const doc = this.#summaryDocument();
    const next = this.notice.attempt(() => this.table.engine.Calculator.fromJson(doc.json)) ?? this.table.engine.Calculator.empty('summary');
    this.sheetId = SUMMARY;
    this.linkedCount = doc.linkedCount;
    this.linkedNames = doc.names;
    this.store.select(this.workbookId, SUMMARY);
    this.#replace(next);
  }

  /** Opens a workbook: the tab it was left on, else its 汇总表. */
  #openWorkbook(id, tab) {
    this.#save();
    this.workbookId = id;
    this.sheetId = null;
    this.summary.reset();
    const workbook = this.#workbook();
    const target = tab ?? workbook?.current ?? SUMMARY;
    const json = target !== SUMMARY ? this.store.loadSheet(target) : null;
    const next = json && this.notice.attempt(() => this.table.engine.Calculator.fromJson(json));
    if (next) {
      this.sheetId = target;
      this.linkedCount = 0;
      this.store.select(id, target);
      this.#replace(next);
    } else {
      this.#openSummary();
    }
  }

  #replace(calc) {
    this.table.calc?.free();
    this.table.calc = calc;
    this.history.clear();
    this.view.current = null;
    this.#renderAll();
    this.#renderTabs();
    this.#changed();
  }

  /** Adds a sheet (JSON text) to the current workbook and opens it. */
  #addSheet(json, name) {
    const next = this.table.engine.Calculator.fromJson(json);
    if (!this.store) {
      this.linkedCount = 0;
      return this.#replace(next);
    }
    this.#save();
    this.sheetId = Store.newId();
    this.linkedCount = 0;
    this.table.calc?.free();
    this.table.calc = next;
    const error = this.store.saveSheet(this.workbookId, this.sheetId, name || this.#sheetName(), next.toJson());
    if (error) this.notice.show('浏览器存储空间已满，新表格没有保存。请先导出工作簿。', 'error');
    this.store.select(this.workbookId, this.sheetId);
    this.table.calc = null;
    this.#replace(next);
  }

  /** Creates a workbook from sheets and a 汇总表 (JSON texts) and opens its 汇总表. */
  #addWorkbook(name, sheets, summary) {
    this.#save();
    const id = this.store.createWorkbook(this.#uniqueWorkbookName(name || '导入的工作簿'));
    if (typeof id !== 'string') return this.notice.show('浏览器存储空间已满，无法新建工作簿。', 'error');
    for (const json of sheets) {
      const sheet = JSON.parse(json);
      this.store.saveSheet(id, Store.newId(), this.#nameOf(null, sheet), json);
    }
    if (summary) this.store.saveSummary(id, summary);
    this.#openWorkbook(id, SUMMARY);
  }

  #uniqueWorkbookName(name) {
    const names = new Set(this.store.index().workbooks.map((w) => w.name));
    let candidate = name;
    for (let n = 2; names.has(candidate); n++) candidate = `${name}（${n}）`;
    return candidate;
  }

  /** Loads a sheet through the API: it replaces the sheet on screen (a new sheet when saved). */
  #load(json) {
    const opened = this.table.engine.openDocument(json);
    if (opened.kind !== 'sheet') throw new Error('这是工作簿文件；请用“打开文件”导入');
    this.#addSheet(opened.sheets[0]);
  }

  /** Puts what a file held where it belongs: a sheet into this workbook, a 汇总表 or a
   * workbook into a new workbook (so nothing on screen is overwritten). */
  #place(opened, fileName) {
    const stem = fileName.replace(/\.[^.]+$/, '');
    if (opened.kind === 'workbook') {
      if (!this.store) throw new Error('嵌入的计算器一次只编辑一张表格，不能打开工作簿文件');
      this.#addWorkbook(opened.name || stem, opened.sheets, opened.summary);
      return `已打开工作簿“${opened.name || stem}”（${opened.sheets.length} 张表格）。`;
    }
    const sheet = JSON.parse(opened.sheets[0]);
    if (sheet.kind === 'summary' && this.store) {
      this.#addWorkbook(sheet.meta?.title || stem, [], opened.sheets[0]);
      return `已将“${fileName}”的 ${sheet.projects?.length ?? 0} 个项目导入为新工作簿的汇总表。`;
    }
    // A table from elsewhere often has no name: the file's name is the best it has.
    if (!sheet.meta?.project && !sheet.meta?.title) sheet.meta = { ...(sheet.meta ?? {}), title: stem };
    this.#addSheet(JSON.stringify(sheet));
    return `已打开“${fileName}”。`;
  }

  async #import(file) {
    this.fileInput.value = '';
    if (!file) return;
    const name = file.name;
    try {
      if (/\.(xlsx|xlsm|csv|txt|xls)$/i.test(name)) return await this.#importSpreadsheet(file);
      const text = await readText(file);
      this.notice.show(this.#place(this.table.engine.openDocument(text), name), 'info');
    } catch (error) {
      this.notice.show(`无法打开“${name}”：${error?.message ?? error}。当前表格未受影响。`, 'error');
    }
  }

  /** The spreadsheet module, loaded on first use (with a word while it loads). */
  async #spreadsheets() {
    const timer = setTimeout(() => this.notice.show('正在加载 Excel 组件…', 'info'), 150);
    try {
      const source = this.opts.xlsxWasm ?? (typeof this.opts.wasm === 'string' ? new URL('jixiao_xlsx_bg.wasm', new URL(this.opts.wasm, location.href)) : undefined);
      const module = await loadSpreadsheets(source);
      this.notice.hideIf('正在加载 Excel');
      return module;
    } catch (error) {
      throw new Error(`Excel 组件无法加载（${error?.message ?? error}）`);
    } finally {
      clearTimeout(timer);
    }
  }

  async #importSpreadsheet(file) {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const xlsx = await this.#spreadsheets();
    const preview = xlsx.previewSpreadsheet(bytes, file.name);
    if (preview.embedded || preview.form) {
      // A form this calculator wrote: its visible cells are read as they are now, and what
      // was edited in Excel is said.
      const opened = xlsx.importSpreadsheet(bytes, file.name);
      const placed = this.#place(opened, file.name);
      this.notice.show(opened.message ? `${placed}${opened.message}` : placed, 'info');
      return;
    }
    mappingDialog(this.root, {
      fileName: file.name,
      preview,
      roles: xlsx.columnRoles(),
      reguess: (choices) => xlsx.previewSpreadsheet(bytes, file.name, JSON.stringify(choices)),
      submit: (mapping) => {
        const opened = xlsx.importSpreadsheet(bytes, file.name, JSON.stringify(mapping));
        this.notice.show(this.#place(opened, file.name), 'info');
      },
    });
  }

  #fileName(extension, name = this.#sheetName()) {
    return `${name.replace(/[\\/:*?"<>|]+/g, '_')}.${extension}`;
  }

  #exportDialog() {
    const run = (fn) => async () => {
      try {
        await fn();
      } catch (error) {
        this.notice.show(`导出失败：${error?.message ?? error}`, 'error');
      }
    };
    const choice = (label, detail, fn) => h('button', { type: 'button', onclick: () => {
      dialog.close();
      run(fn)();
    } }, label, h('small', {}, detail));
    const current = this.#onSummary ? '汇总表' : '当前表格';
    const dialog = openDialog(this.root, '导出', h('div', { class: 'jx-choices' },
      h('div', { class: 'jx-choice-group' }, current),
      choice(`${current} → Excel（.xlsx）`, '按打印表格排版：合并的一级 / 二级指标、数值为数字，另附检查结果', () => this.#exportSheetXlsx()),
      this.#onSummary
        ? choice('汇总表 → CSV', '每个项目一行，含合计行，Excel 可直接打开', () => this.#exportSummaryCsv())
        : choice(`${current} → CSV`, '逐行列出指标、完成率与得分', () => this.#exportCsv()),
      choice(`${current} → JSON`, '评分表文件，可再次打开、继续编辑', () => this.#exportJson()),
      this.store ? [
        h('div', { class: 'jx-choice-group' }, `整个工作簿“${this.#workbook()?.name ?? ''}”`),
        this.#onSummary ? null : choice('汇总表 → Excel（.xlsx）', '工作簿中每张表格一行，加上直接录入的项目', () => this.#exportSummaryXlsx()),
        choice('工作簿 → Excel（.xlsx）', '第一页汇总表，之后每张表格一页', () => this.#exportWorkbook('xlsx')),
        choice('工作簿 → JSON', '全部表格与汇总表，一个文件备份或转交', () => this.#exportWorkbook('json')),
      ] : null),
    [['取消']]);
  }

  #exportJson() {
    download(this.#fileName('json'), this.#onSummary ? this.#typedSummaryJson() : this.table.calc.toJson(), 'application/json');
  }

  async #exportCsv() {
    const xlsx = await this.#spreadsheets();
    download(this.#fileName('csv'), xlsx.sheetCsv(this.table.calc.toJson()), 'text/csv;charset=utf-8');
  }

  async #exportSheetXlsx() {
    const xlsx = await this.#spreadsheets();
    download(this.#fileName('xlsx'), xlsx.sheetToXlsx(this.table.calc.toJson()), XLSX_TYPE);
  }

  async #exportSummaryCsv() {
    const xlsx = await this.#spreadsheets();
    download(this.#fileName('csv'), xlsx.summaryCsv(this.table.calc.toJson()), 'text/csv;charset=utf-8');
  }

  async #exportSummaryXlsx() {
    this.#save();
    const xlsx = await this.#spreadsheets();
    const doc = this.#summaryDocument();
    download(this.#fileName('xlsx', `${this.#workbook()?.name ?? ''}汇总表`), xlsx.sheetToXlsx(doc.json), XLSX_TYPE);
  }

  /** The current workbook as a workbook file (JSON text). The open table is taken as it is on
   * screen, not as stored: when storage is full, this export is what keeps the latest edits. */
  #workbookJson() {
    this.#save();
    const workbook = this.#workbook();
    const onSummary = this.#onSummary;
    const sheets = workbook.sheets
      .map((s) => (!onSummary && s.id === this.sheetId ? this.table.calc.toJson() : this.store.loadSheet(s.id)))
      .filter(Boolean);
    const summary = (onSummary ? this.#typedSummaryJson() : this.store.loadSummary(this.workbookId))
      ?? '{"format":"jixiao-sheet","version":1,"kind":"summary"}';
    return this.table.engine.workbookJson(workbook.name, sheets, summary);
  }

  async #exportWorkbook(kind) {
    const name = this.#workbook()?.name ?? '工作簿';
    if (kind === 'json') return download(this.#fileName('json', name), this.#workbookJson(), 'application/json');
    const xlsx = await this.#spreadsheets();
    download(this.#fileName('xlsx', name), xlsx.workbookToXlsx(this.#workbookJson()), XLSX_TYPE);
  }

  #newSheetDialog() {
    const choose = (make) => {
      const next = this.notice.attempt(make);
      if (next) {
        const json = next.toJson();
        next.free();
        this.#addSheet(json);
      }
      dialog.close();
    };
    const templates = this.table.engine.listTemplates();
    const dialog = openDialog(this.root, '新建表格', h('div', { class: 'jx-choices' },
      templates.map((t) => h('button', { type: 'button', onclick: () => choose(() => this.table.engine.Calculator.fromTemplate(t.id)) },
        t.name, h('small', {}, t.description))),
      h('button', { type: 'button', onclick: () => choose(() => this.table.engine.Calculator.empty('department')) }, '空白表格', h('small', {}, '从零开始搭建指标体系'))),
    [['取消']]);
  }

  #renameDialog() {
    const input = h('input', { type: 'text', value: this.#sheetName(), 'aria-label': '表格名称' });
    openDialog(this.root, '重命名表格', h('div', { class: 'jx-form' }, h('label', {}, '名称', input)), [
      ['取消'],
      ['确定', () => {
        const name = input.value.trim();
        if (!name) return false;
        this.store.renameSheet(this.workbookId, this.sheetId, name);
        this.#renderTabs();
      }, true],
    ]);
    input.select();
  }

  #deleteSheet() {
    if (!window.confirm(`删除表格“${this.#sheetName()}”？此操作不可撤销，建议先导出工作簿。`)) return;
    clearTimeout(this.saveTimer);
    this.saveTimer = null;
    this.store.removeSheet(this.workbookId, this.sheetId);
    this.rowCache.delete(this.sheetId);
    this.sheetId = null;
    this.#openWorkbook(this.workbookId);
  }

  #workbookDialog() {
    const name = h('input', { type: 'text', value: this.#workbook()?.name ?? '', 'aria-label': '工作簿名称' });
    const fresh = h('input', { type: 'text', value: '', placeholder: '例如：2023年度重点评价', 'aria-label': '新工作簿名称' });
    const count = this.#workbook()?.sheets.length ?? 0;
    openDialog(this.root, '工作簿', h('div', { class: 'jx-form' },
      h('p', { class: 'jx-hint' }, '一个工作簿放一批项目的评分表和它们的汇总表，例如一个年度、一次重点评价。'),
      h('label', {}, '当前工作簿名称', name),
      h('button', { type: 'button', class: 'jx-danger', onclick: (e) => {
        if (!window.confirm(`删除工作簿“${this.#workbook()?.name}”及其中 ${count} 张表格？此操作不可撤销，建议先导出工作簿。`)) return;
        e.target.closest('dialog').close();
        this.#deleteWorkbook();
      } }, `删除此工作簿（含 ${count} 张表格）`),
      h('label', {}, '新建工作簿', fresh)),
    [
      ['取消'],
      ['确定', () => {
        const renamed = name.value.trim();
        if (renamed && renamed !== this.#workbook()?.name) {
          this.store.renameWorkbook(this.workbookId, renamed);
          this.tabsKey = null;
          this.#renderTabs();
        }
        const created = fresh.value.trim();
        if (created) this.#newWorkbook(created);
      }, true],
    ]);
  }

  /** A new, empty workbook, opened at its 汇总表 (sheets are added with “新建表格”). */
  #newWorkbook(name) {
    this.#save();
    const id = this.store.createWorkbook(this.#uniqueWorkbookName(name));
    if (typeof id !== 'string') return this.notice.show('浏览器存储空间已满，无法新建工作簿。', 'error');
    this.#openWorkbook(id, SUMMARY);
  }

  #deleteWorkbook() {
    clearTimeout(this.saveTimer);
    this.saveTimer = null;
    this.store.removeWorkbook(this.workbookId);
    this.sheetId = null;
    const next = this.store.index().workbooks[0];
    if (next) this.#openWorkbook(next.id);
    else this.#newWorkbook('我的工作簿');
  }
}
