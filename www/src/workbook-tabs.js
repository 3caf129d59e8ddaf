// The workbook in the page: the workbook picker and 工作簿… dialog (rename, delete, create) in
// the bar, and under it the tabs of the open workbook (its 汇总表 first, then each sheet) with
// 新建表格 (from a template or blank), 重命名 and 删除表格.
import { h, fill, imeKey, options as optionList } from './dom.js';
import { openDialog } from './dialog.js';
import { SUMMARY } from './workbooks.js';

export class WorkbookTabs {
  /** `root`: where dialogs open; `workbooks`: the workbooks (Workbooks); `table`: the open
   * table (the engine makes new sheets); `notice`. */
  constructor(root, workbooks, table, notice) {
    this.root = root;
    this.workbooks = workbooks;
    this.table = table;
    this.notice = notice;
    this.tabsKey = null;
    // Chosen with the mouse, a workbook opens at once. The arrow keys on a closed list change
    // its choice at each press, which opened every workbook passed on the way: from the keys,
    // the one chosen opens on Enter, and leaving the list keeps the open one.
    let arrowed = false;
    const open = () => {
      arrowed = false;
      if (this.select.value !== this.workbooks.workbookId) this.workbooks.openWorkbook(this.select.value);
    };
    this.select = h('select', {
      'aria-label': '当前工作簿', title: '选择后打开；用方向键选择时按 Enter 打开',
      onchange: () => !arrowed && open(),
      onkeydown: (e) => {
        if (['ArrowUp', 'ArrowDown', 'Home', 'End', 'PageUp', 'PageDown'].includes(e.key) && !e.altKey) arrowed = true;
        else if (e.key === 'Enter' && arrowed) {
          e.preventDefault();
          open();
        }
      },
      onblur: () => {
        if (!arrowed) return;
        arrowed = false;
        this.select.value = this.workbooks.workbookId;
      },
    });
    /** The picker in the bar (none without a store). */
    this.picker = workbooks.store
      ? h('div', { class: 'jx-group-buttons' },
        this.select,
        h('button', { type: 'button', onclick: () => this.#workbookDialog() }, '工作簿…'))
      : null;
    this.element = h('nav', { class: 'jx-tabs jx-no-print', 'aria-label': '表格' });
  }

  /** The workbook picker and the tabs of its sheets; redrawn only when they changed. */
  /** Draws the tabs and the workbook picker when they changed (with `force`, anyway: a tab
   * or workbook chosen and refused shows as chosen until drawn again). */
  render(force = false) {
    const { store, workbookId, sheetId } = this.workbooks;
    if (!store) return;
    const index = store.index();
    const workbook = index.workbooks.find((w) => w.id === workbookId);
    const sheets = workbook?.sheets ?? [];
    const key = JSON.stringify([index.workbooks.map((w) => [w.id, w.name]), sheets.map((s) => [s.id, s.name, s.named]), sheetId, this.workbooks.sheetName()]);
    if (key === this.tabsKey && !force) return;
    this.tabsKey = key;
    fill(this.select, optionList(index.workbooks.map((w) => [w.id, w.name]), workbookId));
    const tab = (id, label, extra = {}) => h('button', {
      type: 'button', role: 'tab', class: 'jx-tab', 'aria-selected': String(id === sheetId), 'data-tab': id,
      onclick: () => this.workbooks.open(id), ...extra,
    }, label);
    const current = sheets.find((s) => s.id === sheetId);
    // A tab or tool pressed from the keyboard keeps the focus through the drawing: the tab
    // chosen (or the same tool) has it after, not the page.
    const active = this.element.getRootNode().activeElement;
    const had = active && this.element.contains(active) ? active.dataset.tab ?? active.dataset.tool : null;
    fill(this.element,
      h('div', { class: 'jx-tab-list', role: 'tablist', 'aria-label': '工作簿中的表格' },
        tab(SUMMARY, '汇总表', { class: 'jx-tab jx-tab-summary', title: `工作簿中 ${sheets.length} 张表格的汇总，及直接录入的项目` }),
        sheets.map((s) => tab(s.id, s.id === sheetId ? this.workbooks.sheetName() : this.workbooks.nameOf(s, null), { title: s.name }))),
      h('div', { class: 'jx-tab-tools' },
        h('button', { type: 'button', 'data-tool': 'new', onclick: () => this.#newSheetDialog() }, '＋ 新建表格'),
        current ? h('button', { type: 'button', 'data-tool': 'rename', onclick: () => this.#renameDialog() }, '重命名') : null,
        current ? h('button', { type: 'button', 'data-tool': 'delete', onclick: () => this.#deleteSheet() }, '删除表格') : null));
    if (had) this.#focus(had);
  }

  /** The focus on the tab chosen (a sheet opened from its name in the 汇总表, whose link
   * went with the 汇总表). */
  focusSelected() {
    this.element.querySelector('[role="tab"][aria-selected="true"]')?.focus();
  }

  /** The focus on the tab or tool `name` (a tab id, or `new` / `rename` / `delete`), else on
   * the tab chosen. */
  #focus(name) {
    const all = [...this.element.querySelectorAll('[data-tab], [data-tool]')];
    (all.find((el) => (el.dataset.tab ?? el.dataset.tool) === name) ?? this.element.querySelector('[aria-selected="true"]'))?.focus();
  }

  #newSheetDialog() {
    const { engine } = this.table;
    const choose = (make) => {
      const next = this.notice.attempt(make);
      if (next) {
        const json = next.toJson();
        next.free();
        this.notice.attempt(() => this.workbooks.addSheet(json));
      }
      dialog.close();
      // The button the dialog gives the focus back to was drawn again with the tabs: the
      // focus goes to the new sheet's tab, not to the page's body.
      if (next) this.element.querySelector('[role="tab"][aria-selected="true"]')?.focus();
    };
    const templates = engine.listTemplates();
    const dialog = openDialog(this.root, '新建表格', h('div', { class: 'jx-choices' },
      templates.map((t) => h('button', { type: 'button', onclick: () => choose(() => engine.Calculator.fromTemplate(t.id)) },
        t.name, h('small', {}, t.description))),
      // A blank table of either kind: a project's has its 项目名称 and 实施单位, a department's its
      // 单位名称 (a blank opened as a department's for a project had the wrong heading).
      h('button', { type: 'button', onclick: () => choose(() => engine.Calculator.empty('project')) }, '空白项目支出表', h('small', {}, '从零开始搭建一个项目的指标体系')),
      h('button', { type: 'button', onclick: () => choose(() => engine.Calculator.empty('department')) }, '空白部门整体支出表', h('small', {}, '从零开始搭建部门整体的指标体系'))),
    [['取消']]);
  }

  #renameDialog() {
    const workbooks = this.workbooks;
    const input = h('input', { type: 'text', value: workbooks.sheetName(), 'aria-label': '表格名称' });
    openDialog(this.root, '重命名表格', h('form', { class: 'jx-form', onsubmit: (e) => {
      // Enter in the name is 确定, as in any dialog with one field.
      e.preventDefault();
      e.target.closest('dialog').querySelector('footer .jx-primary').click();
    } }, h('label', {}, '名称', input)), [
      ['取消'],
      ['确定', () => {
        const name = input.value.trim();
        if (!name) return false;
        workbooks.store.renameSheet(workbooks.workbookId, workbooks.sheetId, name);
        this.render();
      }, true],
    ], { restore: () => this.#focus('rename') });
    input.select();
  }

  #deleteSheet() {
    if (!window.confirm(`删除表格“${this.workbooks.sheetName()}”？此操作不可撤销，建议先导出工作簿。`)) return;
    this.workbooks.deleteSheet();
    // The button pressed is gone with its sheet: the focus goes to the tab now open.
    this.#focus(null);
  }

  #workbookDialog() {
    const workbooks = this.workbooks;
    // Enter in either name is 确定, as in the rename dialog (it did nothing here); not the
    // Enter that commits a word typed through an input method (Safari's too).
    const ok = (e) => {
      if (e.key !== 'Enter' || imeKey(e)) return;
      e.preventDefault();
      e.target.closest('dialog').querySelector('footer .jx-primary').click();
    };
    const name = h('input', { type: 'text', value: workbooks.workbook()?.name ?? '', 'aria-label': '工作簿名称', onkeydown: ok });
    const fresh = h('input', { type: 'text', value: '', placeholder: '例如：2023年度重点评价', 'aria-label': '新工作簿名称', onkeydown: ok });
    const count = workbooks.workbook()?.sheets.length ?? 0;
    const message = h('p', { class: 'jx-dialog-error', role: 'alert', hidden: true });
    openDialog(this.root, '工作簿', h('div', { class: 'jx-form' },
      message,
      h('p', { class: 'jx-hint' }, '一个工作簿放一批项目的评分表和它们的汇总表，例如一个年度、一次重点评价。'),
      h('label', {}, '当前工作簿名称', name),
      h('button', { type: 'button', class: 'jx-danger', onclick: (e) => {
        if (!window.confirm(`删除工作簿“${workbooks.workbook()?.name}”及其中 ${count} 张表格？此操作不可撤销，建议先导出工作簿。`)) return;
        e.target.closest('dialog').close();
        workbooks.deleteWorkbook();
      } }, `删除此工作簿（含 ${count} 张表格）`),
      h('label', {}, '新建工作簿', fresh)),
    [
      ['取消'],
      ['确定', () => {
        const renamed = name.value.trim();
        // Two workbooks of one name cannot be told apart in the picker, nor when one is
        // deleted: a name taken is said here, and nothing is done (a new workbook of a taken
        // name is told apart by （2）, as an opened file's is).
        const taken = renamed !== workbooks.workbook()?.name && workbooks.store.index().workbooks.some((w) => w.name === renamed);
        message.hidden = !taken;
        if (taken) {
          message.textContent = `已有名为“${renamed}”的工作簿：请换一个名称，以免两个工作簿无法区分。`;
          name.focus();
          return false;
        }
        if (renamed && renamed !== workbooks.workbook()?.name) {
          workbooks.store.renameWorkbook(workbooks.workbookId, renamed);
          this.tabsKey = null;
          this.render();
        }
        const created = fresh.value.trim();
        if (created) workbooks.newWorkbook(created);
      }, true],
    ]);
  }
}
