// The calculator as a whole: `mount(element, options)` builds it inside `element` and keeps the
// sheet in the wasm core. Each keystroke goes to the core as one cell edit; the core re-scores
// that row and its ancestors and returns only what changed, which is all that is redrawn.
import { h, fill, options as optionList } from './dom.js';
import { loadEngine } from './engine.js';
import { adoptStyles } from './styles.js';
import { History } from './history.js';
import { Store } from './storage.js';
import { download, readText, toCsv } from './files.js';
import { SheetView, RULES, EDIT_COLUMNS, pasteField, ruleKind } from './sheet-view.js';
import { fundsTable, projectsTable } from './tables.js';

/** Autosave waits for this pause in typing. */
const SAVE_AFTER_MS = 300;

/** Parameters a newly chosen rule starts with. */
const NEW_RULE = {
  step: { step: '', points: '' },
  interval: { bands: [{ min: '', max: '', points: '' }] },
  per_occurrence: { points: '' },
  adjustment: { bound: '5' },
};

const META_FIELDS = {
  project: [['unit', '单位名称'], ['project', '项目名称'], ['year', '年度']],
  department: [['unit', '单位名称'], ['year', '年度']],
  summary: [['unit', '单位名称'], ['year', '年度']],
};

/** Rows of a nested tree in printed order, each without its children. */
function flatten(nodes, out = []) {
  for (const node of nodes ?? []) {
    const { children, ...own } = node;
    out.push(own);
    flatten(children, out);
  }
  return out;
}

/**
 * Builds the calculator inside `element`. Options: `template` (id), `sheet` (object or JSON
 * text), `autosave` (true, or a storage key prefix: keep named sheets in localStorage),
 * `onChange(detail)` (after every change; `detail.sheet` and `detail.evaluation` are computed
 * when read), `wasm` (URL or bytes of the module), `shadow: false` (draw into `element`
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
    this.sheetId = null;
    this.calc = null;
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
      getSheet: () => this.calc.sheet(),
      /** The sheet file, JSON text. */
      getJson: () => this.calc.toJson(),
      /** Loads a sheet (object or JSON text); throws with a Chinese message if it cannot. */
      setSheet: (sheet) => this.#load(typeof sheet === 'string' ? sheet : JSON.stringify(sheet)),
      /** The whole evaluation. */
      report: () => this.calc.report(),
      loadTemplate: (id) => this.#replace(this.engine.Calculator.fromTemplate(id), { fresh: true }),
      undo: () => this.#undo(),
      redo: () => this.#redo(),
      destroy: () => this.#destroy(),
    };
  }

  // ---------- building the page ----------

  #skeleton() {
    const button = (text, onclick, extra = {}) => h('button', { type: 'button', onclick, ...extra }, text);
    this.fileInput = h('input', { type: 'file', accept: '.json,application/json', hidden: true, onchange: (e) => this.#import(e.target.files?.[0]) });
    this.sheetSelect = h('select', { 'aria-label': '当前表格', onchange: (e) => this.#switchTo(e.target.value) });
    this.undoButton = button('撤销', () => this.#undo(), { title: 'Ctrl+Z', disabled: true });
    this.redoButton = button('重做', () => this.#redo(), { title: 'Ctrl+Y', disabled: true });
    this.checkButton = button('检查', () => this.#toggleProblems(), { class: 'jx-checks', 'aria-expanded': 'false' });
    this.totalValue = h('strong', {}, '—');
    this.gradeBadge = h('span', { class: 'jx-grade', 'data-grade': '' }, '—');
    this.incomplete = h('span', { class: 'jx-incomplete' });
    this.live = h('span', { class: 'jx-sr', 'aria-live': 'polite' });
    this.notice = h('div', { class: 'jx-notice', role: 'alert', hidden: true });
    this.titleInput = h('input', { class: 'jx-title', type: 'text', 'aria-label': '表格标题', oninput: (e) => this.#editMeta('title', e.target.value) });
    this.metaBox = h('div', { class: 'jx-meta' });
    this.problems = h('section', { class: 'jx-problems', hidden: true, 'aria-label': '检查结果' });
    this.fundsBox = h('div');
    this.projectsBox = h('div');
    this.detail = h('footer', { class: 'jx-detail', 'aria-live': 'off' });

    this.view = new SheetView({
      edit: (i, field, value) => this.#edit(i, field, value),
      focus: () => this.#showDetail(),
      action: (name, i) => this.#action(name, i),
      paste: (i, key, grid) => this.#paste(i, key, grid),
      seal: () => this.history.seal(),
    });

    this.fundsSection = h('section', { class: 'jx-section' },
      h('h2', {}, '资金情况', h('span', { class: 'jx-hint' }, '执行率 = 执行数 ÷ 预算数'),
        button('＋ 添加一行', () => this.#tableEdit(() => this.calc.insertFund(1e9)), { class: 'jx-no-print' })),
      this.fundsBox);
    this.indicatorSection = h('section', { class: 'jx-section' },
      h('h2', {}, '绩效指标', h('span', { class: 'jx-hint' }, '每次输入即时计算；Enter / 方向键移动，可从 Excel 粘贴整块')),
      h('div', { class: 'jx-tools' },
        button('＋ 添加一级指标', () => this.#reshape(() => this.calc.insert(undefined, 1e9, '{}'))),
        button('＋ 在当前行下方插入', () => this.#action('insert-after', this.view.current ?? this.calc.length - 1)),
        button('＋ 插入下级指标', () => this.#action('insert-child', this.view.current ?? 0))),
      this.view.element);
    this.projectSection = h('section', { class: 'jx-section' },
      h('h2', {}, '项目汇总', h('span', { class: 'jx-hint' }, '合计行的完成率 = 完成数合计 ÷ 预算数合计'),
        button('＋ 添加项目', () => this.#tableEdit(() => this.calc.insertProject(1e9)), { class: 'jx-no-print' })),
      this.projectsBox);

    const sheetButtons = this.store
      ? h('div', { class: 'jx-group-buttons' },
        this.sheetSelect,
        button('新建', () => this.#newSheetDialog()),
        button('重命名', () => this.#renameDialog()),
        button('删除', () => this.#deleteSheet()))
      : null;

    this.root = h('div', { class: 'jx', lang: 'zh-CN', 'data-layout': this.opts.layout === 'page' ? 'page' : 'embedded' },
      h('header', { class: 'jx-bar' },
        h('span', { class: 'jx-brand' }, '绩效评分'),
        sheetButtons,
        h('div', { class: 'jx-group-buttons' },
          this.undoButton, this.redoButton,
          button('打开文件', () => this.fileInput.click()),
          button('导出 JSON', () => this.#exportJson()),
          button('导出 CSV', () => this.#exportCsv()),
          button('打印', () => window.print()),
          button('设置', () => this.#settingsDialog()),
          this.checkButton, this.fileInput),
        h('div', { class: 'jx-result', role: 'status' },
          h('span', { class: 'jx-total' }, '总分', this.totalValue),
          this.gradeBadge, this.incomplete, this.live)),
      this.notice,
      h('main', { class: 'jx-main' },
        h('section', { class: 'jx-section', 'aria-label': '基本信息' }, this.titleInput, this.metaBox),
        this.problems,
        this.fundsSection,
        this.indicatorSection,
        this.projectSection),
      this.detail);
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
    this.root.addEventListener('focusout', () => this.history.seal());
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
      for (const box of [this.fundsBox, this.projectsBox]) {
        for (const el of box.querySelectorAll('.jx-print')) el.remove();
        if (on) for (const input of box.querySelectorAll('td > input')) input.after(h('span', { class: 'jx-print' }, input.value));
      }
    };
    window.addEventListener('beforeprint', this.onPrint);
    window.addEventListener('afterprint', this.onPrint);
  }

  async #start() {
    try {
      this.engine = await loadEngine(this.opts.wasm);
      performance.mark('jixiao-engine');
    } catch (error) {
      this.#notify(`计算引擎无法加载：${error?.message ?? error}`, 'error');
      this.#attach();
      throw error;
    }
    const { Calculator } = this.engine;
    let calc = null;
    if (this.opts.sheet) {
      calc = this.#try(() => Calculator.fromJson(typeof this.opts.sheet === 'string' ? this.opts.sheet : JSON.stringify(this.opts.sheet)));
    }
    if (!calc && this.store) {
      const index = this.store.index();
      const id = index.current ?? index.sheets[0]?.id;
      const json = id ? this.store.load(id) : null;
      if (json) {
        calc = this.#try(() => Calculator.fromJson(json));
        if (calc) this.sheetId = id;
      }
    }
    if (!calc) calc = this.#try(() => Calculator.fromTemplate(this.opts.template || 'project')) ?? Calculator.fromTemplate('project');
    this.calc = calc;
    if (this.store && !this.sheetId) {
      this.sheetId = Store.newId();
      this.#save();
    }
    this.#renderAll();
    this.#refreshSheetList();
    this.#attach();
  }

  #try(fn) {
    try {
      return fn();
    } catch (error) {
      this.#notify(error?.message ?? String(error), 'error');
      return null;
    }
  }

  #destroy() {
    this.flush();
    window.removeEventListener('pagehide', this.flush);
    document.removeEventListener('visibilitychange', this.flush);
    this.destroyed = true;
    window.removeEventListener('beforeprint', this.onPrint);
    window.removeEventListener('afterprint', this.onPrint);
    this.calc?.free();
    this.calc = null;
    this.container?.replaceChildren();
  }

  // ---------- drawing ----------

  #renderAll(focus) {
    const report = this.calc.report();
    const sheet = this.calc.sheet();
    this.sheet = sheet;
    this.report = report;
    this.data = flatten(sheet.indicators);
    const kind = sheet.kind;
    this.titleInput.value = sheet.meta?.title ?? '';
    this.titleInput.placeholder = report.kind_label;
    fill(this.metaBox, ...(META_FIELDS[kind] ?? META_FIELDS.project).map(([key, label]) => h('label', {}, label,
      h('input', { type: 'text', value: sheet.meta?.[key] ?? '', 'data-meta': key, oninput: (e) => this.#editMeta(key, e.target.value) }))));
    const hasTree = kind !== 'summary' || report.nodes.length > 0;
    this.indicatorSection.hidden = !hasTree;
    this.projectSection.hidden = kind !== 'summary' && !(sheet.projects?.length);
    // A project sheet's 预算执行率 row holds its budget; 资金 rows are for department sheets.
    this.fundsSection.hidden = kind !== 'department' && !(sheet.funds?.length);
    this.view.render(report.nodes, this.data, report.diagnostics);
    this.#renderFunds(report);
    this.#renderProjects(report);
    this.sheetDiagnostics = report.diagnostics.filter((d) => d.in !== 'node');
    this.#totals(report);
    this.#renderProblems();
    this.#showDetail();
    this.#buttons();
    if (focus) this.view.focus(focus.index, focus.key);
  }

  #renderFunds(report = this.calc.report()) {
    this.#keepFocus(this.fundsBox, () => fill(this.fundsBox, fundsTable(this.calc.sheet().funds ?? [], report.funds, report.diagnostics, {
      edit: (row, field, value) => this.#tableEdit(() => this.calc.setFund(row, field, value), `f:${row}:${field}`, () => this.#renderFunds()),
      remove: (row) => this.#tableEdit(() => this.calc.removeFund(row)),
    })));
  }

  #renderProjects(report = this.calc.report()) {
    this.#keepFocus(this.projectsBox, () => fill(this.projectsBox, projectsTable(this.calc.sheet().projects ?? [], report.summary, report.diagnostics, {
      edit: (row, field, value) => this.#tableEdit(() => this.calc.setProject(row, field, value), `p:${row}:${field}`, () => this.#renderProjects()),
      remove: (row) => this.#tableEdit(() => this.calc.removeProject(row)),
    })));
  }

  /** Redraws a container without losing the caret of the input being typed into. */
  #keepFocus(container, draw) {
    const active = this.root.getRootNode().activeElement;
    const label = container.contains(active) ? active.getAttribute('aria-label') : null;
    const caret = label ? [active.selectionStart, active.selectionEnd] : null;
    draw();
    if (!label) return;
    const again = [...container.querySelectorAll('input')].find((el) => el.getAttribute('aria-label') === label);
    if (again) {
      again.focus();
      if (caret[0] != null) again.setSelectionRange(caret[0], caret[1]);
    }
  }

  /** The total, its grade and the check counts in the bar. */
  #totals(t) {
    // Before anything is scored there is no total; while some leaves are unscored the grade is
    // shown as provisional, not as a verdict.
    let scored = 0;
    let unscored = 0;
    for (const row of this.view.rows) {
      if (row.node.status === 'scored') scored++;
      else if (row.node.status === 'unscored') unscored++;
    }
    const none = this.view.rows.length > 0 && scored === 0;
    const total = none ? '—' : t.total ?? '—';
    const grade = none ? '' : t.grade ?? '';
    if (this.totalValue.textContent !== total) this.totalValue.textContent = total;
    this.gradeBadge.textContent = grade || '—';
    this.gradeBadge.dataset.grade = grade;
    this.gradeBadge.toggleAttribute('data-pending', !!grade && unscored > 0);
    this.gradeBadge.setAttribute('aria-label', grade ? `等级：${grade}${unscored ? '（未完成）' : ''}` : '等级：暂无');
    this.incomplete.textContent = unscored ? `未完成：${unscored} 项待计分` : t.rescale ? '已按适用指标折算' : '';
    this.#checkCounts();
    clearTimeout(this.announceTimer);
    this.announceTimer = setTimeout(() => {
      this.live.textContent = total !== '—' ? `总分 ${total}，${grade}${unscored ? '，尚未完成' : ''}` : '';
    }, 800);
  }

  /** The check button counts real errors, things to look at, and cells not filled yet. */
  #checkCounts() {
    let errors = 0;
    let warnings = 0;
    let missing = 0;
    for (const d of this.#allDiagnostics()) {
      if (d.code === 'missing') missing++;
      else if (d.code === 'incomplete' || d.severity === 'info') continue;
      else if (d.severity === 'error') errors++;
      else warnings++;
    }
    const parts = [errors && `${errors} 处错误`, warnings && `${warnings} 处提示`, missing && `${missing} 项待填`].filter(Boolean);
    this.checkButton.textContent = parts.length ? `检查（${parts.join('，')}）` : '检查 ✓';
    this.checkButton.dataset.errors = String(errors);
  }

  #showDetail() {
    const i = this.view.current;
    const node = i != null ? this.view.rows[i]?.node : null;
    if (!node) {
      // The bar already says when the total is incomplete.
      const messages = (this.sheetDiagnostics ?? []).filter((d) => (d.in === 'sheet' || d.in === 'setting') && d.code !== 'incomplete');
      fill(this.detail,
        h('span', { class: 'jx-detail-title' }, '说明'),
        this.report?.rescale ? h('span', {}, this.report.rescale.text) : h('span', {}, '点选任一指标，可在此查看其得分的计算过程。'),
        messages.length ? h('ul', { class: 'jx-messages' }, messages.map((d) => h('li', { 'data-severity': d.severity }, d.message))) : null);
      return;
    }
    const messages = this.view.diagnosticsOf(i);
    fill(this.detail,
      h('span', { class: 'jx-detail-title' }, node.name || `第${i + 1}行`),
      node.leaf
        ? h('span', {}, node.derivation ?? '')
        : h('span', {}, `分组：分值 ${node.weight ?? '—'}，得分 ${node.score ?? '—'}（下级得分之和）`),
      node.formula ? h('div', { class: 'jx-formula' }, node.formula) : null,
      messages.length ? h('ul', { class: 'jx-messages' }, messages.map((d) => h('li', { 'data-severity': d.severity }, d.message))) : null);
  }

  #allDiagnostics() {
    const rows = [...this.view.diagnostics.values()].flat().sort((a, b) => a.node - b.node);
    return [...(this.sheetDiagnostics ?? []), ...rows];
  }

  #toggleProblems() {
    this.problems.hidden = !this.problems.hidden;
    this.checkButton.setAttribute('aria-expanded', String(!this.problems.hidden));
    this.#renderProblems();
  }

  #renderProblems() {
    if (this.problems.hidden) return;
    const list = this.#allDiagnostics().filter((d) => d.severity !== 'info');
    const place = (d) => {
      if (d.in === 'node') return `“${this.view.rows[d.node]?.node.name || `第${d.node + 1}行`}”`;
      if (d.in === 'funds') return `资金第${d.row + 1}行`;
      if (d.in === 'project') return `项目第${d.row + 1}行`;
      if (d.in === 'setting') return '设置';
      return '全表';
    };
    fill(this.problems,
      h('h2', {}, list.length ? `需要注意的 ${list.length} 处` : '没有发现问题'),
      h('ul', {}, list.map((d) => h('li', { 'data-severity': d.severity },
        h('button', { type: 'button', onclick: () => d.in === 'node' && this.view.focus(d.node, d.field === 'level' ? 'actual' : d.field) },
          `${place(d)}：${d.message}`)))));
  }

  #buttons() {
    this.undoButton.disabled = !this.history.canUndo;
    this.redoButton.disabled = !this.history.canRedo;
  }

  #notify(message, kind = 'info', action) {
    fill(this.notice, h('span', {}, message), action ? h('button', { type: 'button', onclick: action.run }, action.label) : null,
      h('button', { type: 'button', onclick: () => (this.notice.hidden = true) }, '关闭'));
    this.notice.dataset.kind = kind;
    this.notice.hidden = false;
  }

  // ---------- editing ----------

  /** The current text of a row's field, as the history needs it. */
  #value(i, field) {
    const data = this.view.rows[i]?.data ?? {};
    if (field === 'rule') return data.rule ? JSON.stringify(data.rule) : '';
    if (field === 'not_applicable') return data.not_applicable ? 'true' : 'false';
    return data[field] ?? '';
  }

  #edit(i, field, value) {
    if (field === 'rule-kind') {
      const kind = value;
      field = 'rule';
      value = kind ? JSON.stringify({ kind, ...(NEW_RULE[kind] ?? {}) }) : '';
    }
    const before = this.#value(i, field);
    if (before === value) return;
    if (!this.#set(i, field, value)) return;
    const key = `n:${i}:${field}`;
    const entry = {
      key: field === 'rule' || field === 'comparison' || field === 'level' || field === 'not_applicable' ? null : key,
      before,
      after: value,
      undo: () => this.#set(i, field, entry.before, { focus: true }),
      redo: () => this.#set(i, field, entry.after, { focus: true }),
      merge: (previous) => {
        entry.before = previous.before;
        return entry;
      },
    };
    this.history.push(entry);
    this.#changed();
  }

  /** Sends one cell to the core and redraws what changed. Returns false when refused. */
  #set(i, field, value, { focus = false } = {}) {
    let update;
    try {
      update = this.calc.set(i, field, value);
    } catch (error) {
      this.#notify(error?.message ?? String(error), 'error');
      const input = this.view.rows[i]?.inputs[field];
      if (input) input.value = this.#value(i, field);
      return false;
    }
    const row = this.view.rows[i];
    if (field === 'rule') row.data.rule = value ? JSON.parse(value) : undefined;
    else if (field === 'not_applicable') row.data.not_applicable = value === 'true';
    else row.data[field] = value;
    const position = this.view.position();
    if (update.full) {
      this.#renderAll(focus ? { index: i, key: field } : position);
      return true;
    }
    this.view.apply(update);
    if (field === 'rule' || field === 'comparison' || field === 'level') {
      this.view.rebuild(i);
      if (position?.index === i) this.view.focus(i, position.key);
    } else if (focus) {
      const input = row.inputs[field];
      if (input && input.value !== value) input.value = value;
      this.view.focus(i, field);
    }
    this.sheetDiagnostics = [
      ...update.diagnostics.filter((d) => d.in === 'sheet' || d.in === 'setting'),
      ...(this.sheetDiagnostics ?? []).filter((d) => d.in === 'funds' || d.in === 'project'),
    ];
    this.#totals(update);
    this.report = { ...this.report, total: update.total, grade: update.grade, rescale: update.rescale };
    this.#showDetail();
    this.#renderProblems();
    return true;
  }

  /** Edits outside the tree (资金, 汇总表, meta): redraw that table, with undo as a snapshot. */
  #tableEdit(apply, key, redraw) {
    const before = this.calc.toJson();
    if (this.#try(apply) === null && !key) return;
    const after = this.calc.toJson();
    if (before === after) return;
    const entry = this.#snapshot(before, after, key);
    this.history.push(entry);
    if (redraw) {
      redraw();
      const t = this.calc.totals();
      this.sheetDiagnostics = this.calc.report().diagnostics.filter((d) => d.in !== 'node');
      this.#totals(t);
      this.#renderProblems();
    } else {
      this.#renderAll();
    }
    this.#changed();
  }

  #editMeta(field, value) {
    const before = this.sheet?.meta?.[field] ?? '';
    this.calc.setMeta(field, value);
    this.sheet.meta = { ...(this.sheet.meta ?? {}), [field]: value };
    const entry = {
      key: `m:${field}`,
      before,
      undo: () => this.#setMeta(field, entry.before),
      redo: () => this.#setMeta(field, value),
      merge: (previous) => {
        entry.before = previous.before;
        return entry;
      },
    };
    this.history.push(entry);
    this.#changed();
  }

  #setMeta(field, value) {
    this.calc.setMeta(field, value);
    this.sheet.meta = { ...(this.sheet.meta ?? {}), [field]: value };
    const input = field === 'title' ? this.titleInput : this.metaBox.querySelector(`[data-meta="${field}"]`);
    if (input) {
      input.value = value;
      input.focus();
    }
  }

  /** An undo entry that restores whole sheets: for changes to the tree's shape and tables. */
  #snapshot(before, after, key = null) {
    const entry = {
      key,
      before,
      after,
      undo: () => this.#restore(entry.before),
      redo: () => this.#restore(entry.after),
      merge: (previous) => {
        entry.before = previous.before;
        return entry;
      },
    };
    return entry;
  }

  #restore(json) {
    const position = this.view.position();
    const next = this.#try(() => this.engine.Calculator.fromJson(json));
    if (!next) return;
    this.calc.free();
    this.calc = next;
    this.#renderAll(position);
  }

  /** A change of the tree's shape: one undo step, everything redrawn, focus on `result`. */
  #reshape(apply) {
    const before = this.calc.toJson();
    let focusIndex;
    try {
      focusIndex = apply();
    } catch (error) {
      this.#notify(error?.message ?? String(error), 'error');
      return;
    }
    this.history.push(this.#snapshot(before, this.calc.toJson()));
    this.#renderAll(typeof focusIndex === 'number' ? { index: focusIndex, key: 'name' } : null);
    this.#changed();
  }

  #action(name, i) {
    const rows = this.view.rows;
    switch (name) {
      case 'insert-after': {
        if (!rows.length) return this.#reshape(() => this.calc.insert(undefined, 0, '{}'));
        const parent = rows[i]?.node.parent ?? undefined;
        const siblings = rows.filter((r) => r.node.parent === rows[i].node.parent).map((r) => r.node.index);
        return this.#reshape(() => this.calc.insert(parent ?? undefined, siblings.indexOf(i) + 1, '{}'));
      }
      case 'insert-child':
        if (!rows.length) return this.#reshape(() => this.calc.insert(undefined, 0, '{}'));
        return this.#reshape(() => this.calc.insert(i, 1e9, '{}'));
      case 'indent':
        return this.#reshape(() => this.calc.indent(i));
      case 'outdent':
        return this.#reshape(() => this.calc.outdent(i));
      case 'up':
        return this.#reshape(() => this.calc.moveBy(i, -1));
      case 'down':
        return this.#reshape(() => this.calc.moveBy(i, 1));
      case 'remove': {
        const name = rows[i]?.node.name || `第${i + 1}行`;
        const below = rows[i]?.node.leaf ? '' : '及其全部下级指标';
        if (!window.confirm(`删除“${name}”${below}？（可撤销）`)) return;
        return this.#reshape(() => {
          this.calc.remove(i);
          return Math.min(i, this.calc.length - 1);
        });
      }
      case 'toggle-na':
        return this.#edit(i, 'not_applicable', rows[i]?.data.not_applicable ? 'false' : 'true');
    }
  }

  /** Writes a pasted block into the table from row `start`, column `column` on. */
  #paste(start, column, grid) {
    const before = this.calc.toJson();
    const firstColumn = EDIT_COLUMNS.indexOf(column);
    let written = 0;
    let refused = 0;
    const labels = new Map(RULES.map(([kind, label]) => [label, kind]));
    grid.forEach((cells, r) => {
      const row = this.view.rows[start + r];
      if (!row) return;
      cells.forEach((text, c) => {
        const key = EDIT_COLUMNS[firstColumn + c];
        const field = key && pasteField(row, key);
        if (!field) return;
        let value = text.trim();
        let target = field;
        if (field === 'rule-kind') {
          const kind = labels.get(value) ?? (RULES.some(([k]) => k === value) ? value : null);
          if (kind == null) return refused++;
          target = 'rule';
          value = kind ? JSON.stringify({ kind, ...(NEW_RULE[kind] ?? {}) }) : '';
        }
        try {
          this.calc.set(start + r, target, value);
          written++;
        } catch {
          refused++;
        }
      });
    });
    const after = this.calc.toJson();
    if (after !== before) this.history.push(this.#snapshot(before, after));
    this.#renderAll({ index: start, key: column });
    if (refused) this.#notify(`已粘贴 ${written} 个单元格；${refused} 个无法写入（如比较方式、计分方法不可识别），已跳过。`, 'info');
    this.#changed();
  }

  #undo() {
    if (this.history.undo()) this.#changed();
    this.#buttons();
  }

  #redo() {
    if (this.history.redo()) this.#changed();
    this.#buttons();
  }

  // ---------- sheets, files, settings ----------

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
      const calc = this.calc;
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

  #sheetName() {
    const entry = this.store?.index().sheets.find((s) => s.id === this.sheetId);
    if (entry?.name) return entry.name;
    const meta = this.calc.sheet().meta ?? {};
    return meta.project || meta.title || meta.unit || '未命名表格';
  }

  #save() {
    this.saveTimer = null;
    if (!this.store || !this.calc || this.destroyed) return;
    const error = this.store.save(this.sheetId, this.#sheetName(), this.calc.toJson());
    if (error) {
      this.#notify('浏览器存储空间已满或不可用，最近的修改没有自动保存。请先导出文件保存，以免丢失。', 'error',
        { label: '导出 JSON', run: () => this.#exportJson() });
    }
    this.#refreshSheetList();
  }

  /** The list of saved sheets; redrawn only when it changed. */
  #refreshSheetList() {
    if (!this.store) return;
    const list = this.store.index().sheets.map((s) => [s.id, s.name]);
    const key = JSON.stringify([list, this.sheetId]);
    if (key === this.sheetListKey) return;
    this.sheetListKey = key;
    fill(this.sheetSelect, optionList(list, this.sheetId));
  }

  #switchTo(id) {
    if (id === this.sheetId) return;
    this.#save();
    const json = this.store.load(id);
    const next = json && this.#try(() => this.engine.Calculator.fromJson(json));
    if (!next) return this.#refreshSheetList();
    this.sheetId = id;
    this.store.select(id);
    this.#replace(next);
  }

  #replace(calc, { fresh = false } = {}) {
    this.calc?.free();
    this.calc = calc;
    this.history.clear();
    if (fresh && this.store) {
      this.sheetId = Store.newId();
      this.#save();
    }
    this.view.current = null;
    this.#renderAll();
    this.#changed();
  }

  #load(json) {
    const next = this.engine.Calculator.fromJson(json);
    this.#replace(next, { fresh: true });
  }

  async #import(file) {
    this.fileInput.value = '';
    if (!file) return;
    try {
      const text = await readText(file);
      const next = this.engine.Calculator.fromJson(text);
      this.#replace(next, { fresh: true });
      this.#notify(`已打开“${file.name}”。`, 'info');
    } catch (error) {
      this.#notify(`无法打开“${file.name}”：${error?.message ?? error}。当前表格未受影响。`, 'error');
    }
  }

  #fileName(extension) {
    const name = this.#sheetName().replace(/[\\/:*?"<>|]+/g, '_');
    return `${name}.${extension}`;
  }

  #exportJson() {
    download(this.#fileName('json'), this.calc.toJson(), 'application/json');
  }

  #exportCsv() {
    const report = this.calc.report();
    const sheet = this.calc.sheet();
    const data = flatten(sheet.indicators);
    download(this.#fileName('csv'), toCsv({
      report,
      rows: report.nodes.map((node, i) => ({ node, data: data[i] ?? {} })),
      meta: sheet.meta ?? {},
      funds: report.funds,
    }), 'text/csv;charset=utf-8');
  }

  #dialog(title, body, actions) {
    const dialog = h('dialog', { class: 'jx-dialog', 'aria-label': title },
      h('h3', {}, title), body,
      h('footer', {}, ...actions.map(([label, run, primary]) => h('button', { type: 'button', class: primary ? 'jx-primary' : '', onclick: () => {
        if (run?.() !== false) dialog.close();
      } }, label))));
    dialog.addEventListener('close', () => dialog.remove());
    this.root.append(dialog);
    dialog.showModal();
    return dialog;
  }

  #newSheetDialog() {
    const choose = (make) => {
      const next = this.#try(make);
      if (next) {
        this.#save();
        this.#replace(next, { fresh: true });
      }
      dialog.close();
    };
    const templates = this.engine.listTemplates();
    const dialog = this.#dialog('新建表格', h('div', { class: 'jx-choices' },
      templates.map((t) => h('button', { type: 'button', onclick: () => choose(() => this.engine.Calculator.fromTemplate(t.id)) },
        t.name, h('small', {}, t.description))),
      h('button', { type: 'button', onclick: () => choose(() => this.engine.Calculator.empty('department')) }, '空白表格', h('small', {}, '从零开始搭建指标体系'))),
    [['取消']]);
  }

  #renameDialog() {
    const input = h('input', { type: 'text', value: this.#sheetName(), 'aria-label': '表格名称' });
    this.#dialog('重命名表格', h('div', { class: 'jx-form' }, h('label', {}, '名称', input)), [
      ['取消'],
      ['确定', () => {
        const name = input.value.trim();
        if (!name) return false;
        this.store.rename(this.sheetId, name);
        this.#refreshSheetList();
      }, true],
    ]);
    input.select();
  }

  #deleteSheet() {
    if (!window.confirm(`删除已保存的表格“${this.#sheetName()}”？此操作不可撤销，建议先导出。`)) return;
    this.store.remove(this.sheetId);
    const index = this.store.index();
    const json = index.current ? this.store.load(index.current) : null;
    const next = (json && this.#try(() => this.engine.Calculator.fromJson(json))) || this.engine.Calculator.fromTemplate('project');
    this.sheetId = json ? index.current : null;
    this.#replace(next, { fresh: !json });
    this.#refreshSheetList();
  }

  #settingsDialog() {
    const settings = this.calc.settings();
    const field = (label, value, hint) => h('label', {}, label, h('input', { type: 'text', value: value ?? '', placeholder: hint }));
    const total = field('总分值（一级指标分值合计）', settings.total_weight ?? '100', '100');
    const over = field('完成率达到多少时提示“指标值可能偏低”', settings.over_completion ?? '120%', '120%');
    const decimals = field('得分小数位', String(settings.score_decimals ?? 2), '2');
    const bands = h('div', { class: 'jx-bands' });
    const bandRows = (settings.grade_bands ?? [{ grade: '优', min: '90' }, { grade: '良', min: '80' }, { grade: '中', min: '60' }, { grade: '差', min: '0' }]).map((b) => ({ ...b }));
    const drawBands = () => fill(bands, h('span', {}, '等级'), h('span', {}, '最低分（含）'), h('span'),
      bandRows.map((b, k) => [
        h('input', { type: 'text', value: b.grade, 'aria-label': `第${k + 1}档等级`, oninput: (e) => (b.grade = e.target.value) }),
        h('input', { type: 'text', value: b.min, 'aria-label': `第${k + 1}档最低分`, oninput: (e) => (b.min = e.target.value) }),
        h('button', { type: 'button', 'aria-label': `删除第${k + 1}档`, onclick: () => {
          bandRows.splice(k, 1);
          drawBands();
        } }, '×'),
      ]),
      h('button', { type: 'button', onclick: () => {
        bandRows.push({ grade: '', min: '' });
        drawBands();
      } }, '＋ 加一档'));
    drawBands();
    this.#dialog('设置', h('div', { class: 'jx-form' }, total, h('div', {}, '等级区间（半开区间：达到最低分即为该等级）'), bands, over, decimals), [
      ['取消'],
      ['保存', () => {
        const value = (label) => label.querySelector('input').value.trim();
        const next = {
          total_weight: value(total) || '100',
          grade_bands: bandRows.filter((b) => b.grade.trim() || b.min.trim()),
          score_decimals: Number.parseInt(value(decimals), 10) || 0,
          rate_decimals: settings.rate_decimals ?? 2,
          over_completion: value(over) || '120%',
        };
        this.#reshape(() => this.calc.setSettings(JSON.stringify(next)));
      }, true],
    ]);
  }
}
