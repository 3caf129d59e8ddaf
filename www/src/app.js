// The calculator as a whole: `mount(element, options)` builds it inside `element` and keeps the
// sheet in the wasm core. Each keystroke goes to the core as one cell edit; the core re-scores
// that row and its ancestors and returns only what changed, which is all that is redrawn.
//
// App only puts the parts together: the open table (open-table.js), the indicator table and
// its editor (sheet-view.js, sheet-editor.js), the 汇总表 (summary-controller.js), the
// workbooks and their tabs (workbooks.js, workbook-tabs.js), files (file-import.js,
// file-export.js), the bar (bar.js, checks.js), the explanation (detail.js) and the rest; each
// part gets what it needs, and `page` below is what any of them may ask the page to redraw.
import { h, fill, keepFocus } from './dom.js';
import { loadEngine, spreadsheetsFor } from './engine.js';
import { adoptStyles, releaseStyles, printRules } from './styles.js';
import { History } from './history.js';
import { Store } from './storage.js';
import { guardEngine } from './guard.js';
import { OpenTable } from './open-table.js';
import { Notice } from './notice.js';
import { Edits } from './edits.js';
import { SheetView } from './sheet-view.js';
import { SheetEditor } from './sheet-editor.js';
import { BlockPaste } from './block-paste.js';
import { SummaryController } from './summary-controller.js';
import { Workbooks, SUMMARY } from './workbooks.js';
import { WorkbookTabs } from './workbook-tabs.js';
import { FileImport } from './file-import.js';
import { FileExport } from './file-export.js';
import { ReviewPanel } from './review-panel.js';
import { ReportPanel } from './report-panel.js';
import { LibraryPicker } from './library-picker.js';
import { MetaForm } from './meta-form.js';
import { Bar } from './bar.js';
import { Checks } from './checks.js';
import { Detail } from './detail.js';
import { FundsSection, funded } from './tables.js';
import { settingsDialog } from './settings-dialog.js';
import { stopAfterFault, recover } from './fault.js';

/**
 * Builds the calculator inside `element`. Options: `template` (id), `sheet` (object or JSON
 * text), `autosave` (true, or a storage key prefix: keep workbooks of sheets and their 汇总表
 * in localStorage; without it the calculator edits one sheet), `onChange(detail)` (after every
 * change; `detail.sheet`, `.evaluation`, `.json`, `.totals`: see `changeDetail`), `onError(error)` (the
 * `sheet` could not be read: an Error in Chinese, code 'load-failed'), `wasm` (URL or bytes
 * of the module, or a promise of it compiled), `xlsxWasm` (URL or bytes of the spreadsheet module, loaded on first use; by
 * default next to `wasm`), `shadow: false` (draw into `element`
 * itself instead of a shadow root of its own, letting the host's CSS apply), `layout: 'page'`
 * (the calculator is the whole page: its bar and explanation stay in view while scrolling),
 * `compact: true` (the narrow layout whatever the width, for a portal's side panel).
 * Returns a controller (see `api()`).
 */
/** Below this width (CSS pixels) the calculator lays itself out as in a phone. */
const NARROW = 560;

/** Why the table takes no edit while an older file's report keys are bound (`#bindLegacyReportKeys`). */
const HELD = '这张表格由旧版本保存，其自评报告中改写过的段落须由 Excel 组件对应到各自的指标，在此之前表格暂不能修改（以免改写落到别的指标上）';

/** What `onChange` is given: the sheet, evaluation, JSON text and totals, each worked out from
 * the calculator when first read (a keystroke makes none of them for a host that reads none)
 * and then kept, so a detail read twice gives the same. Read in the handler, they are that
 * change's; read after the table changed again (a host saving after an `await`), the table's
 * as it is then (`calc()`): read together, they agree. Read after another table was opened, a
 * field throws (`CLOSED`) rather than give that table's content as this one's. A detail is not
 * copied at each change so that it could be read late as it was: a copy costs the size of the
 * sheet at every keystroke. */
function changeDetail(calc) {
  const kept = new Map();
  const read = (key, work) => {
    if (!kept.has(key)) kept.set(key, work(calc()));
    return kept.get(key);
  };
  return {
    get sheet() {
      return read('sheet', (c) => c.sheet());
    },
    get evaluation() {
      return read('evaluation', (c) => c.report());
    },
    get json() {
      return read('json', (c) => c.toJson());
    },
    /** The total, grade and counts without the whole evaluation. */
    get totals() {
      return read('totals', (c) => c.totals());
    },
  };
}

/** Why a change's detail read after another table was opened gives nothing (`changeDetail`). */
const CLOSED = '这次修改所在的表格已不再打开（之后打开了另一张表格），无法读取其内容：请在 jixiao-change 的处理函数中读取要保存的内容';

/** The calculator whose 打印 started the print under way, if one did. */
let printing = null;

export function mount(element, options = {}) {
  return new App(element, options).api();
}

class App {
  constructor(host, opts) {
    this.host = host;
    this.opts = opts;
    this.history = new History();
    /** The undo steps of the sheets not open, by workbook and sheet (`#swapHistory`). */
    this.histories = new Map();
    this.historyOf = null;
    /** Set once the core has trapped (a panic): nothing calls it again. */
    this.engineState = { stopped: false };
    this.root = h('div', { class: 'jx', lang: 'zh-CN', 'data-layout': opts.layout === 'page' ? 'page' : 'embedded', 'data-compact': Boolean(opts.compact) });
    // Narrow by its own width (a side panel on a wide screen too), not the screen's.
    this.resized = typeof ResizeObserver === 'function'
      ? new ResizeObserver(([entry]) => {
        // Not yet in the page (width 0), or no change: nothing to do. The change itself waits
        // for the next frame, so that the new layout's height is not reported in this one.
        const width = entry.contentRect.width;
        const narrow = width < NARROW;
        if (!width || narrow === this.root.hasAttribute('data-narrow')) return;
        requestAnimationFrame(() => this.root.toggleAttribute('data-narrow', narrow));
      })
      : null;
    this.resized?.observe(this.root);
    this.table = new OpenTable(this.engineState, (error, failed) => this.#fault(error, failed));
    this.notice = new Notice(this.engineState);
    const spreadsheets = spreadsheetsFor(opts, this.notice);
    this.spreadsheets = spreadsheets;
    /** What any part may ask the page to redraw. */
    const page = {
      renderAll: (focus) => this.#renderAll(focus),
      totals: (t) => this.#totals(t),
      checks: () => this.checks.render(),
      detail: () => this.detail.show(),
      detailSoon: () => this.detail.showSoon(),
      funds: () => this.funds.render(this.table.calc.report(false)),
      changed: () => this.#changed(),
      /** On a workbook's 汇总表, how many leading rows come from its sheets. */
      linkedCount: () => (this.workbooks.onSummary ? this.workbooks.linkedCount : 0),
    };
    const store = opts.autosave ? new Store(typeof opts.autosave === 'string' ? opts.autosave : 'jixiao') : null;
    // The workbooks kept in this browser say on a line of their own that storage is full, so
    // that what was just done (a paste, a file's edited cells) is still said above it.
    this.workbooks = new Workbooks(store, this.table, this.notice.about('workbooks'), {
      replace: (calc, json) => this.#replace(calc, json),
      sealing: () => this.history.seal(),
      // The table on screen saved as a sheet of its own: its undo steps go with it.
      moved: () => {
        this.historyOf = { key: this.#historyKey() };
      },
      leaving: () => this.#keepHistory(),
      renderTabs: (force) => this.tabs.render(force),
      exportWorkbook: () => this.fileExport.workbook('json'),
      resetSummary: () => this.summary.reset(),
    });
    this.tabs = new WorkbookTabs(this.root, this.workbooks, this.table, this.notice);
    this.fileImport = new FileImport(this.root, this.table, this.workbooks, spreadsheets, this.notice);
    this.fileExport = new FileExport(this.root, this.table, this.workbooks, spreadsheets, this.notice,
      () => this.summary.shownJson());
    this.view = new SheetView({
      edit: (i, field, value, typed) => this.editor.edit(i, field, value, typed),
      focus: () => this.detail.show(),
      action: (name, i) => this.editor.action(name, i),
      refused: (i, key) => this.editor.refused(i, key),
      paste: (i, key, grid) => this.blockPaste.paste('indicators', i, grid, () => this.editor.paste(i, key, grid)),
      seal: () => this.history.seal(),
      explain: (i) => this.table.calc.explain(i),
      ruleWords: (i) => this.table.calc.ruleWords(i),
    });
    this.edits = new Edits(this.table, this.history, this.notice, this.view, page);
    this.editor = new SheetEditor(this.table, this.view, this.history, this.notice, this.edits, page);
    this.blockPaste = new BlockPaste(this.root, this.table, spreadsheets, this.history, this.notice, this.edits, {
      linkedCount: () => this.workbooks.linkedCount,
      focusProject: (row) => this.summary.focusRow(row),
      changed: page.changed,
    });
    this.summary = new SummaryController(this.table, this.history, this.notice, this.edits, this.blockPaste, {
      ...page,
      linked: () => ({ count: this.workbooks.linkedCount, names: this.workbooks.linkedNames, note: this.workbooks.leftOutNote }),
      // The link pressed goes with the 汇总表: the focus to the sheet's tab, not the page.
      openSheet: (row) => {
        this.workbooks.open(this.workbooks.workbook()?.sheets[this.workbooks.linkedSheets[row]]?.id);
        this.tabs.focusSelected();
      },
    });
    this.funds = new FundsSection(this.table, this.edits, this.view, this.notice, spreadsheets);
    this.library = new LibraryPicker(this.view, spreadsheets, (i, entry) => this.editor.takeFromLibrary(i, entry));
    this.review = new ReviewPanel(this.table, spreadsheets, this.history, this.notice, this.edits, page,
      () => this.fileExport.review(), (open) => this.#toggled(this.review, open));
    this.report = new ReportPanel(this.table, spreadsheets, this.history, this.notice, page,
      () => this.fileExport.report(), (open) => this.#toggled(this.report, open));
    this.meta = new MetaForm(this.table, this.history, page.changed, (field) => this.#metaChanged(field), this.notice);
    // Whether an input method is composing in 基本信息 (its text is not what is meant yet).
    this.meta.element.addEventListener('compositionstart', () => (this.composing = true));
    this.meta.element.addEventListener('compositionend', () => (this.composing = false));
    this.bar = new Bar();
    this.checks = new Checks(this.table, this.view, {
      funds: (row, field) => this.funds.focusCell(row, field),
      project: (row, field) => this.summary.focusCell(row, field),
      setting: () => this.#openSettings(),
    });
    this.detail = new Detail(this.table, this.view);
    this.#layout();
    /** 'loading', 'ready', 'failed' (the engine did not load) or 'destroyed'. */
    this.state = 'loading';
    this.ready = this.#start().then(() => {
      if (this.state === 'loading') this.state = 'ready';
    }, (error) => {
      if (this.state === 'loading') this.state = 'failed';
      this.failure = error;
      throw error;
    });
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
    this.styled = root instanceof ShadowRoot ? root : document;
    adoptStyles(this.styled, this);
    fill(this.container, this.root);
  }

  /**
   * The controller a host holds. The methods that read or change the sheet throw an Error in
   * Chinese, with a `code`, when there is no sheet to work on: 'not-ready' before `ready`,
   * 'failed' when the engine did not load, 'destroyed' after `destroy()` (docs/EMBED.md).
   * `setCompact` and `destroy` are always harmless.
   */
  api() {
    const live = (name, run) => (...args) => {
      if (this.state !== 'ready') throw this.#unusable(name);
      return run(...args);
    };
    return {
      ready: this.ready.then(() => undefined),
      /** The sheet as an object (the file format). */
      getSheet: live('getSheet', () => this.table.calc.sheet()),
      /** The sheet file, JSON text. */
      getJson: live('getJson', () => this.table.calc.toJson()),
      /** Loads a sheet (object or JSON text); throws with a Chinese message if it cannot, with
       * `code` 'load-failed', as `onError` says a sheet given to `mount` it could not read. */
      setSheet: live('setSheet', (sheet) => {
        try {
          this.fileImport.load(typeof sheet === 'string' ? sheet : JSON.stringify(sheet));
        } catch (error) {
          throw error instanceof Error && !error.code ? Object.assign(error, { code: 'load-failed' }) : error;
        }
      }),
      /** The whole evaluation. */
      report: live('report', () => this.table.calc.report()),
      loadTemplate: live('loadTemplate', (id) => {
        const calc = this.table.engine.Calculator.fromTemplate(id);
        const json = calc.toJson();
        calc.free();
        this.workbooks.addSheet(json);
      }),
      undo: live('undo', () => this.#undo()),
      redo: live('redo', () => this.#redo()),
      /** The compact layout (a side panel) on or off; narrow hosts get it anyway. */
      setCompact: (on) => {
        this.root.toggleAttribute('data-compact', Boolean(on));
      },
      /** Takes the calculator out of the page and lets its engine go; again: nothing. */
      destroy: () => {
        if (this.state !== 'destroyed') this.#destroy();
      },
    };
  }

  /** Why method `name` cannot be called now, as an Error with a `code`. */
  #unusable(name) {
    const [code, why] = {
      loading: ['not-ready', '计算器尚未加载完成，请在 ready 之后调用'],
      failed: ['failed', `计算器未能加载，无法使用。${this.failure?.message ?? this.failure}`],
      destroyed: ['destroyed', '计算器已销毁（已调用 destroy()），不能再使用；如需再用，请重新 mount()'],
    }[this.state];
    const error = new Error(`${name}()：${why}`);
    error.code = code;
    return error;
  }

  // ---------- building the page ----------

  #layout() {
    const button = (text, onclick, extra = {}) => h('button', { type: 'button', onclick, ...extra }, text);
    this.undoButton = button('撤销', () => this.#undo(), { title: 'Ctrl+Z', disabled: true });
    this.redoButton = button('重做', () => this.#redo(), { title: 'Ctrl+Y', disabled: true });
    const store = this.workbooks.store;

    // (Without a store there are no tabs: nothing is appended there, not the text "null".)
    this.root.append(...[
      this.header = h('header', { class: 'jx-bar' },
        h('span', { class: 'jx-brand' }, '绩效评分'),
        this.tabs.picker,
        h('div', { class: 'jx-group-buttons' },
          this.undoButton, this.redoButton,
          button('打开文件', () => this.fileImport.pick(), { title: '评分表或工作簿（.json）、Excel（.xlsx）、CSV' }),
          button('导出…', () => {
            // A 年度 just typed into the 汇总表 takes effect before it is exported.
            if (this.summaryYearTimer) this.#relinkForYear();
            this.fileExport.dialog();
          }),
          button('打印', () => {
            // This calculator's form alone: see onPrint. (The browser's print runs its
            // beforeprint and afterprint before it returns; one refused, it runs neither.)
            printing = this;
            try {
              window.print();
            } finally {
              printing = null;
            }
          }),
          this.settingsButton = button('设置', () => this.#openSettings()),
          this.report.button, this.review.button, this.checks.button, this.fileImport.input),
        this.bar.element),
      store ? this.tabs.element : null,
      this.notice.element,
      this.main = h('main', { class: 'jx-main' },
        this.meta.element,
        this.checks.panel,
        this.review.section,
        this.funds.element,
        this.report.section,
        this.editor.section,
        this.summary.section,
        this.meta.signature),
      this.detail.element].filter(Boolean));
    this.root.addEventListener('keydown', (e) => {
      this.#shortcut(e);
      // A key the calculator acted on (Esc restoring a cell or closing its dialog, Enter or an
      // arrow moving along the table, Ctrl+Z) is not the portal's too: its modal closing on the
      // Esc that closed 设置, its own undo.
      if (e.defaultPrevented || (e.key === 'Escape' && e.composedPath().some((el) => el.tagName === 'DIALOG'))) e.stopPropagation();
    });
    // On the hosted page, with nothing focused (after a button that went away with the view
    // drawn again, such as 本表按此约定计分), Ctrl+F is the page's own search and Ctrl+Z /
    // Ctrl+Y its undo and redo too.
    this.onPageKey = (e) => {
      if (e.target === document.body) this.#shortcut(e);
    };
    if (this.opts.layout === 'page') document.addEventListener('keydown', this.onPageKey);
    // On the hosted page the bar (and under it the search, while open), the line at the
    // bottom and a notice above it stay over the page as it scrolls: the page keeps clear of
    // them whatever it scrolls into view (a cell moved to with Enter or Tab, a cell typed into
    // after scrolling away, a match found), as tall as they are.
    const [find, notice] = [this.editor.find.element, this.notice.element];
    this.clearOfBars = this.opts.layout === 'page' && typeof ResizeObserver === 'function'
      ? new ResizeObserver(() => {
        const bar = this.header.offsetHeight;
        this.root.style.setProperty('--jx-bar-height', `${bar}px`);
        const page = document.documentElement.style;
        page.scrollPaddingTop = `${bar + find.offsetHeight}px`;
        const noticeTop = notice.offsetHeight ? notice.offsetHeight + parseFloat(getComputedStyle(notice).bottom) : 0;
        const below = Math.max(this.detail.element.offsetHeight, noticeTop);
        page.scrollPaddingBottom = `${below}px`;
        // Room below the last fields (the signature line), so that they scroll clear of a
        // notice showing over them instead of staying under it, out of reach of a click.
        this.root.style.setProperty('--jx-notice-room', `${noticeTop}px`);
        // What has the focus, covered by one of them grown after it was scrolled to (a notice
        // shown, the line at the bottom explaining a row with findings in three lines), moves
        // the page, not out of sight.
        const active = this.root.getRootNode().activeElement;
        const over = [this.header, find, notice, this.detail.element].some((stuck) => stuck.contains(active));
        const at = active && this.root.contains(active) && !over ? active.getBoundingClientRect() : null;
        if (at?.height && (at.bottom > window.innerHeight - below || at.top < bar + find.offsetHeight)) {
          active.scrollIntoView({ block: 'nearest' });
        }
      })
      : null;
    for (const stuck of [this.header, find, notice, this.detail.element]) this.clearOfBars?.observe(stuck);
    // Moving on ends a typing run; a row redrawn under the caret (see SheetEditor) does not.
    // A field drawn afresh under the caret (the 资金 table at each key, see keepFocus) is no
    // moving on: the focus is back in a field of the same name.
    this.root.addEventListener('focusout', (e) => {
      if (this.editor.redrawing) return;
      const left = e.target.getAttribute?.('aria-label');
      queueMicrotask(() => {
        if (!left || this.root.getRootNode().activeElement?.getAttribute?.('aria-label') !== left) this.history.seal();
      });
    });
    // Leaving the page (or its tab) ends what is being typed: a 审核 figure, which a field
    // takes when left, is taken, and a row renamed takes its rewritten paragraph of the 自评报告
    // with it (history.js `done`), before what waits to be saved is saved.
    this.flush = () => {
      if (this.state !== 'destroyed') {
        this.review.takeTyped();
        this.history.seal();
      }
      this.workbooks.flush();
    };
    window.addEventListener('pagehide', this.flush);
    document.addEventListener('visibilitychange', this.flush);
    // Another window saved: a 审核 figure being typed here is taken first, and a dialog open
    // over the table (设置, whose 保存 applies its copy of the settings) is let finish.
    this.onStorage = (e) => {
      if (e.storageArea !== localStorage) return;
      const heard = (key) => {
        if (this.state !== 'ready') return;
        this.review.takeTyped();
        this.workbooks.savedElsewhere(key);
      };
      const dialog = this.root.querySelector('dialog[open]');
      if (!dialog) return heard(e.key);
      // Each key once, when the dialog closes, however many saves came meanwhile.
      const waiting = (this.heardDuringDialog ??= new Set());
      if (!waiting.size) {
        dialog.addEventListener('close', () => {
          const keys = [...waiting];
          waiting.clear();
          keys.forEach(heard);
        }, { once: true });
      }
      waiting.add(e.key);
    };
    window.addEventListener('storage', this.onStorage);
    // Closing or reloading while the last edits could not be saved (storage full) asks first.
    this.onBeforeUnload = (e) => {
      this.flush();
      if (this.workbooks.pending) {
        e.preventDefault();
        e.returnValue = '';
      }
    };
    window.addEventListener('beforeunload', this.onBeforeUnload);
    this.onPrint = (e) => {
      const on = e.type === 'beforeprint';
      // Printed from another calculator's 打印 on this page: this one is not on that paper,
      // and has nothing to put back after it.
      if (on && printing !== null && printing !== this) this.printHidden = true;
      this.root.toggleAttribute('data-print-hidden', on && Boolean(this.printHidden));
      if (this.printHidden) {
        if (!on) this.printHidden = false;
        return;
      }
      // From its own 打印, the host page's other content is left off the paper too (the
      // portal's menus, another part of the page); a print the host starts is the host's page,
      // with this calculator in it printed as from here.
      const alone = printing === this;
      // A 年度 just typed into the 汇总表 takes effect before it is printed, and a figure being
      // typed into the 审核 is compared on the paper, as if the field were left.
      if (on && this.summaryYearTimer) this.#relinkForYear();
      if (on && this.review.open) {
        this.review.takeTyped();
        this.review.renderNow();
      }
      // From the 自评报告 view, the report alone, on A4 portrait as a 公文 is.
      const report = on && this.report.open;
      this.root.toggleAttribute('data-printing-report', report);
      printRules(on, report ? 'portrait' : 'landscape', alone ? this.root : null);
      // The small tables and the form's header fields: each input's value as printable text
      // (a figure as the core read it, where the field says so: `data-read`), never an input
      // box or its placeholder; the title the form's own when none was typed.
      for (const box of [this.funds.box, this.summary.box, this.review.section, this.meta.element, this.meta.signature]) {
        for (const el of box.querySelectorAll('.jx-print')) el.remove();
        if (!on) continue;
        for (const input of box.querySelectorAll('td > input, td > textarea, .jx-scell > input, .jx-scell > textarea, .jx-meta input, .jx-meta textarea')) {
          input.after(h('span', { class: 'jx-print', 'data-field': input.dataset.field }, input.dataset.read ?? (input.value || (input.dataset.computed ? input.placeholder : ''))));
        }
      }
      // The signature line closes the indicator table, when the table is the last thing above it.
      const signHere = on && !this.editor.section.hidden && this.summary.section.hidden;
      const signed = this.view.preparePrint(on, on ? this.table.calc.report(false) : null, signHere ? this.meta.signatureBox : null);
      this.meta.signature.classList.toggle('jx-on-paper', signed);
      this.summary.preparePrint(on);
      this.funds.preparePrint(on);
      // What 检查 still finds goes on the paper, after the table and above the signature
      // line, which closes a form's table as its last row.
      this.printedErrors?.remove();
      const found = on && !report && !this.review.open ? this.checks.paper() : null;
      const table = this.summary.section.hidden ? this.view.printed : this.summary.printed;
      const sign = table?.querySelector('tr.jx-paper-signature');
      this.printedErrors = found && sign
        ? h('tr', { class: 'jx-paper-findings' }, h('td', { colspan: sign.firstChild.colSpan }, found))
        : found;
      if (sign && found) sign.before(this.printedErrors);
      else if (found) (table ?? this.editor.section).after(found);
      // From the 审核 view, the review is the reviewer's: titled so, signed by the reviewer.
      const review = on && this.review.open;
      this.root.toggleAttribute('data-printing-review', review);
      if (on) {
        const title = this.meta.titleInput;
        const name = title.value || title.placeholder;
        title.after(h('div', { class: 'jx-print jx-print-title' }, review ? `审核表：${name}` : name));
      }
      if (review) {
        this.review.section.append(h('div', { class: 'jx-print jx-review-sign' },
          h('span', {}, '审核单位（盖章）：'), h('span', {}, '审核人：'), h('span', {}, '审核日期：')));
      }
    };
    window.addEventListener('beforeprint', this.onPrint);
    window.addEventListener('afterprint', this.onPrint);
  }

  async #start() {
    const engine = loadEngine(this.opts.wasm);
    // While the engine loads (its request goes out first, in the microtask queued before this
    // one's): the workbook left open, a browser's first read of its storage (milliseconds).
    await null;
    const workbooks = this.workbooks;
    workbooks.choose();
    // A 汇总表 left open: its drawing is fetched beside the engine, and there for the first frame.
    const summaryView = workbooks.summaryLeftOpen() ? this.summary.preload() : null;
    try {
      this.table.engine = guardEngine(await engine, (error, failed) => this.#fault(error, failed), this.engineState);
      performance.mark('jixiao-engine');
    } catch (error) {
      // Destroyed meanwhile: nothing to say, and nowhere to say it.
      if (this.state === 'destroyed') return;
      // In Chinese, saying what to do (engine.js, load-error.js). The buttons have no engine
      // to work with: pressed, they threw into the portal's page and said something else.
      this.notice.show(String(error?.message ?? error), 'error');
      for (const control of [this.header, this.tabs.element].flatMap((box) => [...box.querySelectorAll('button, select, input')])) control.disabled = true;
      this.#attach();
      throw error;
    }
    // Destroyed while the engine loaded (the element taken out, `destroy()`): no calculator is
    // built, as nothing would free it.
    if (this.state === 'destroyed') return;
    const { Calculator } = this.table.engine;
    const sheet = this.opts.sheet;
    let calc = sheet ? this.#openGiven(Calculator, sheet) : workbooks.savedTab();
    if (sheet && calc) workbooks.keepGiven(calc);
    if (!calc) calc = this.#openTemplate(Calculator);
    this.table.calc = calc;
    if (summaryView) await summaryView;
    if (workbooks.destroyed) return;
    recover(workbooks.store, workbooks, this.table, this.notice, () => workbooks.saveEdited());
    workbooks.keepNew();
    this.historyOf = { key: this.#historyKey() };
    this.#renderAll();
    this.tabs.render();
    this.#attach();
    this.#bindLegacyReportKeys();
  }

  /** The sheet the host gave `mount()`. One that cannot be read is said in the calculator and
   * to the host (`onError`, once the calculator is ready): the template drawn in its place is
   * no sheet of the host's to save over the one it holds. */
  #openGiven(Calculator, sheet) {
    try {
      return Calculator.fromJson(typeof sheet === 'string' ? sheet : JSON.stringify(sheet));
    } catch (error) {
      this.#loadFailed(String(error?.message ?? error));
      return null;
    }
  }

  /** What the host gave that could not be opened: said in the calculator and, once it is
   * ready, to the host (`onError`, code `load-failed`). */
  #loadFailed(message) {
    this.notice.show(message, 'error');
    const said = Object.assign(new Error(message), { code: 'load-failed' });
    this.ready.then(() => this.state === 'ready' && this.opts.onError?.(said), () => {});
  }

  #openSettings() {
    if (this.holding) return;
    settingsDialog(this.root, this.table.calc.settings(), (json) => this.edits.reshape(() => this.table.calc.setSettings(json)));
  }

  /** The template the host named; one there is not (a capital letter, a pinyin name) is said
   * in the calculator, with the project table opened in its place, and to the host. */
  #openTemplate(Calculator) {
    try {
      return Calculator.fromTemplate(this.opts.template || 'project');
    } catch (error) {
      this.#loadFailed(`${String(error?.message ?? error)}。已打开项目支出绩效自评表；请在嵌入本计算器的页面上改正 template 的值`);
      return Calculator.fromTemplate('project');
    }
  }

  /** The core trapped: the page stops calling it and keeps the edits since the last save. */
  #fault(error, failed) {
    const workbooks = this.workbooks;
    workbooks.cancelSave();
    stopAfterFault(this.root, { error, failed, store: workbooks.store, at: workbooks, journal: this.table.journal });
  }

  #destroy() {
    // What is being typed is taken, as when the page is left (see `flush`).
    if (this.state === 'ready') {
      this.review.takeTyped();
      this.history.seal();
    }
    this.state = 'destroyed';
    this.resized?.disconnect();
    if (this.clearOfBars) {
      this.clearOfBars.disconnect();
      document.documentElement.style.removeProperty('scroll-padding-top');
      document.documentElement.style.removeProperty('scroll-padding-bottom');
    }
    this.flush();
    window.removeEventListener('pagehide', this.flush);
    document.removeEventListener('visibilitychange', this.flush);
    window.removeEventListener('storage', this.onStorage);
    window.removeEventListener('beforeunload', this.onBeforeUnload);
    document.removeEventListener('keydown', this.onPageKey);
    this.workbooks.destroyed = true;
    this.detail.destroy();
    // The long tables stop watching the view (their observers would keep them alive).
    this.view.window.disconnect();
    this.summary.destroy();
    window.removeEventListener('beforeprint', this.onPrint);
    window.removeEventListener('afterprint', this.onPrint);
    this.table.close();
    // Its own drawing only: a calculator mounted on the same host since (a framework drawing
    // the new one before letting the old go) keeps its own.
    this.root.remove();
    if (this.styled) releaseStyles(this.styled, this);
  }

  // ---------- drawing ----------

  #renderAll(focus, json = null) {
    const table = this.table;
    const report = table.read(json);
    const sheet = table.sheet;
    const kind = sheet.kind;
    this.meta.render(sheet, report);
    const hasTree = kind !== 'summary' || report.nodes.length > 0;
    this.editor.section.hidden = !hasTree;
    this.summary.section.hidden = kind !== 'summary' && !(sheet.projects?.length);
    // 资金 rows: a department's; a project's 项目资金 (the 10号 form), which its 预算执行率 may be
    // scored from: shown while that row says so, even with every 资金 row deleted.
    this.funds.element.hidden = kind !== 'department' && !(sheet.funds?.length) && !funded(sheet.indicators);
    this.view.render(report.nodes, table.data, report.diagnostics);
    this.funds.render(report);
    this.summary.render(report);
    table.sheetDiagnostics = report.diagnostics.filter((d) => d.in !== 'node');
    this.#totals(report);
    this.checks.render();
    this.detail.show();
    this.#buttons();
    // A 汇总表 has no 自评报告 of its own.
    this.report.button.hidden = kind === 'summary';
    if (kind === 'summary' && this.report.open) this.report.toggle(false);
    if (this.review.open) this.#reviewMode();
    else if (this.report.open) this.#reportMode();
    else if (focus) this.view.focus(focus.index, focus.key, focus.caret);
  }

  /** Ctrl+F (the page's own search), Ctrl+Z and Ctrl+Y / Ctrl+Shift+Z (undo, redo). */
  #shortcut(e) {
    const key = e.key.toLowerCase();
    if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
    // In a dialog or the search, the keys are the field's own: the table's undo would change
    // it out of sight, behind them.
    if (key !== 'f' && e.composedPath().some((el) => el.tagName === 'DIALOG' || (el.tagName === 'INPUT' && el.type === 'search'))) return;
    if (key === 'f' && !e.shiftKey) {
      if (this.#find()) e.preventDefault();
    } else if (key === 'z' && !e.shiftKey) {
      e.preventDefault();
      // A 审核 figure being typed is a step of its own first, the one undone.
      this.review.takeTyped();
      this.#undo();
    } else if (key === 'y' || (key === 'z' && e.shiftKey)) {
      e.preventDefault();
      this.review.takeTyped();
      this.#redo();
    }
  }

  /** 审核 or 自评报告 opened (the other one closes) or closed. */
  #toggled(panel, open) {
    const other = panel === this.review ? this.report : this.review;
    if (open && other.open) other.toggle(false);
    if (open) panel === this.review ? this.#reviewMode() : this.#reportMode();
    else if (!other.open) this.#renderAll();
  }

  /**
   * A 项目名称, 实施单位 or 年度 typed: last year's sheet of the project is looked for again once
   * the typing pauses (it reads the workbook's sheets), and the findings redrawn if it changed.
   */
  #metaChanged(field) {
    if (field === 'year' && this.workbooks.onSummary) return this.#summaryYearChanged();
    if (!['project', 'unit', 'year'].includes(field)) return;
    clearTimeout(this.lastYearTimer);
    this.lastYearTimer = setTimeout(() => {
      const before = this.workbooks.lastYearFound;
      if (!this.table.calc || this.workbooks.holdToLastYear(this.table.calc) === before) return;
      // Only the sheet's findings change (a target below last year's actual), in 检查 and in
      // the explanation below the table: the fields being typed in are not redrawn.
      const report = this.table.calc.report();
      this.table.report = report;
      this.table.sheetDiagnostics = report.diagnostics.filter((d) => d.in !== 'node');
      this.#totals(report);
      this.checks.render();
      this.detail.show();
    }, 300);
  }

  /** The 审核 view in place of the tables it reviews. */
  #reviewMode() {
    this.editor.section.hidden = true;
    this.funds.element.hidden = true;
    this.summary.section.hidden = true;
    this.review.render();
  }

  /** The 自评报告 in place of the indicator table; 基本信息 and 项目资金 stay, and it follows them. */
  #reportMode() {
    this.editor.section.hidden = true;
    this.summary.section.hidden = true;
    this.report.render();
  }

  /** The total, its grade and the check counts in the bar. */
  #totals(t) {
    this.bar.show(t, this.table.shownSummary(this.view.rows));
    this.checks.count();
  }

  #buttons() {
    this.undoButton.disabled = this.holding || !this.history.canUndo;
    this.redoButton.disabled = this.holding || !this.history.canRedo;
    this.settingsButton.disabled = this.holding;
  }

  /**
   * A sheet opened whose 自评报告 keeps rewrites under an earlier version's keys (`…#2`,
   * numbered among the rows of one name): only the spreadsheet module's report writer knows
   * their rows, and an edit (a row moved or deleted, a score changed) would make such a key
   * name another row. They are bound through that module before the table takes an edit: the
   * table waits meanwhile (`holding`: the guard refuses every edit, saying so; its parts inert
   * where the browser knows `inert`, undo and 设置 off), and the sheet so bound is kept in its
   * place and saved. A module that does not load is said, with 再试一次; the table waits
   * still, the rewrites as the file has them. A sheet without such keys fetches nothing.
   */
  async #bindLegacyReportKeys() {
    const calc = this.table.calc;
    this.#hold(calc?.legacyReportKeys() ? `${HELD}：Excel 组件正在加载，请稍候再改` : null);
    if (!this.holding) return;
    let bound;
    try {
      const xlsx = await this.spreadsheets();
      if (this.table.calc !== calc) return; // another sheet opened meanwhile
      bound = xlsx.bindReportKeys(calc.toJson());
    } catch (error) {
      if (this.table.calc !== calc || this.state === 'destroyed') return;
      this.#hold(`${HELD}：Excel 组件未能加载，请按“再试一次”`);
      // On a line of its own: an edit refused meanwhile is said on the main line, and 再试一次
      // stays.
      this.notice.show(`${HELD}：${error?.message ?? error}`, 'error', { label: '再试一次', run: () => this.#bindLegacyReportKeys() }, 'report-keys');
      return;
    }
    this.#hold(null);
    if (bound) {
      this.edits.restore(bound);
      this.#changed();
    }
  }

  /** Whether the table waits for its report keys (`#bindLegacyReportKeys`). */
  get holding() {
    return Boolean(this.table.held);
  }

  /** The table made to wait for its report keys, `why` said of an edit refused meanwhile; or
   * let go (null). The attribute, not the property, so that a browser without `inert` still
   * shows the table dimmed (styles.js). */
  #hold(why) {
    this.table.held = why;
    this.main.toggleAttribute('inert', Boolean(why));
    if (!why) this.notice.hideIf(HELD);
    this.#buttons();
  }

  // ---------- changes ----------

  /** Ctrl+F: the indicator table's own search, which finds rows not drawn (find-bar.js); on a
   * 汇总表, its filter. False when neither is on screen: the browser's find runs. */
  #find() {
    if (!this.editor.section.hidden) {
      this.editor.find.open();
      return true;
    }
    return !this.summary.section.hidden && this.summary.focusSearch();
  }

  #undo() {
    if (this.holding) return;
    if (this.#step('撤销', () => this.history.undo())) this.#afterHistory();
    this.#buttons();
  }

  #redo() {
    if (this.holding) return;
    if (this.#step('重做', () => this.history.redo())) this.#afterHistory();
    this.#buttons();
  }

  /** An undo or redo, a failure said in Chinese rather than thrown to the console. */
  #step(name, run) {
    try {
      return run();
    } catch (error) {
      this.notice.show(`未能${name}这一步（${error?.message ?? error}）：请导出工作簿保存当前内容，再重新打开后继续。`, 'error');
      return false;
    }
  }

  /** After an undo or redo: what a notice said of the step no longer holds. */
  #afterHistory() {
    this.notice.hideInfo();
    this.#changed();
  }

  /** After every change: save, tell the host, refresh the undo buttons. */
  /** The sheet changed (`save`: and waits to be saved). */
  #changed({ save = true } = {}) {
    this.#buttons();
    this.review.renderSoon();
    this.report.renderSoon();
    if (save) this.workbooks.saveSoon();
    // A change the host's own handler makes (setting a sheet it was handed, normalised) is not
    // told back to it from inside that handler (`telling`): told, a store that writes back
    // what it is given would write again, without end.
    if (this.opts.onChange && !this.telling) {
      this.telling = true;
      try {
        const opened = this.opened;
        this.opts.onChange(changeDetail(() => {
          if (this.opened !== opened) throw Object.assign(new Error(CLOSED), { code: 'closed' });
          return this.table.calc;
        }));
      } finally {
        this.telling = false;
      }
    }
  }

  /** Opens `calc` in place of the open table: a fresh history, everything redrawn. */
  /** Another calculator on screen; `json`: its sheet's file if it was just written. */
  /** The 汇总表's 年度 typed: once typing pauses, its rows are those of the sheets that year
   * counts (`relinkForYear`), the focus kept in the field. */
  #summaryYearChanged() {
    clearTimeout(this.summaryYearTimer);
    this.summaryYearTimer = setTimeout(() => {
      // Mid-composition (pinyin being typed) the field does not hold the year yet.
      if (this.composing) return this.#summaryYearChanged();
      this.#relinkForYear();
    }, 300);
  }

  /** The 汇总表's rows made those of the sheets its 年度 counts, now. */
  #relinkForYear() {
    clearTimeout(this.summaryYearTimer);
    this.summaryYearTimer = null;
    if (this.state === 'destroyed') return;
    let relinked = false;
    // The field being typed in (年度, or one moved to since) keeps the focus and caret.
    keepFocus(this.root, () => (relinked = this.workbooks.relinkForYear()));
    if (!relinked) return;
    const year = String(this.table.calc.meta().year ?? '').trim();
    this.notice.show(`${year ? `已按年度“${year}”` : '年度未填：已按各项目最新年度的表格'}重新汇总工作簿中的表格（此前的撤销记录已清空）。`);
  }

  /**
   * A sheet's undo steps are kept while another tab is open and given back when it opens
   * again as it was left (a file opened in its place, or a 汇总表, whose rows follow the
   * sheets, starts afresh).
   */
  #swapHistory(calc) {
    this.#keepHistory();
    this.history.clear();
    const key = this.#historyKey();
    const kept = key && this.histories.get(key);
    if (kept) {
      this.histories.delete(key);
      if (kept.json === calc.toJson()) this.history.restore(kept.steps);
    }
    this.historyOf = { key };
  }

  /** The open sheet's undo steps put aside, with the sheet they apply to (before its
   * calculator is let go: a file opened into the workbook lets it go before it is replaced). */
  #keepHistory() {
    const left = this.historyOf;
    if (left?.key && this.table.calc && (this.history.canUndo || this.history.canRedo)) {
      this.histories.set(left.key, { steps: this.history.stash(), json: this.table.calc.toJson() });
    }
  }

  /** The open sheet's place among the kept histories; none for a 汇总表. */
  #historyKey() {
    const { workbookId, sheetId } = this.workbooks;
    return workbookId && sheetId && sheetId !== SUMMARY ? `${workbookId}/${sheetId}` : null;
  }

  #replace(calc, json = null) {
    // What a notice said of the table left behind is not of this one (a file opened now says
    // so after this); its errors, and a full storage's line, stay.
    this.notice.hideInfo();
    this.#swapHistory(calc);
    this.table.calc?.free();
    this.table.calc = calc;
    // Another table (or the same one read afresh): a change's detail of the one before reads no more.
    this.opened = (this.opened ?? 0) + 1;
    this.view.current = null;
    this.#renderAll(undefined, json);
    this.tabs.render();
    this.#bindLegacyReportKeys();
    // What opens was just saved or read from storage: writing it again (a large sheet's
    // tenth of a second) would only keep the page busy after it is drawn.
    this.#changed({ save: false });
  }
}
