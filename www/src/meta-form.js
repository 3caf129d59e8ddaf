// 基本信息: the table's title and its fields by kind (单位, 项目, 年度, and the 绩效目标 / 主要问题
// / 改进建议 that feed the sheet's row of the 汇总表). Typing in a field is one undo step.
import { h, fill, lineField, lineBreakKey } from './dom.js';
import { cellStep } from './history.js';
import { singleCell } from './clipboard.js';

/**
 * One cell copied from Excel into a field goes in as its text: Excel quotes a cell holding a
 * line break (inner quotes doubled) and ends the copy with a line break, which the field's
 * own paste would keep.
 */
function pasteCell(e) {
  const text = e.clipboardData?.getData('text/plain');
  const cell = text == null ? null : singleCell(text);
  if (cell == null || cell === text) return;
  e.preventDefault();
  // The browser's own insertion keeps the caret and its undo.
  document.execCommand('insertText', false, cell);
}

/** 基本信息 by kind; the fields after the first row feed the sheet's row of the 汇总表. */
const META_FIELDS = {
  // The 10号 form's header: 项目名称, 主管部门, 实施单位, and 年度总体目标 as 预期 beside 实际.
  project: [['project', '项目名称'], ['department', '主管部门'], ['unit', '实施单位'], ['year', '年度'], ['goal', '年度总体目标（预期目标）', true], ['achieved', '实际完成情况', true], ['problems', '主要问题', true], ['suggestions', '改进建议', true]],
  department: [['unit', '单位名称'], ['year', '年度'], ['goal', '绩效目标', true], ['problems', '主要问题', true], ['suggestions', '改进建议', true]],
    summary: [['unit', '单位名称'], ['year', '年度']],
};

/** The fields of figures (年度, 填报日期), one line: any other takes words, which keep the line
 * breaks they may hold, pasted from a cell or read from a file (dom.js, lineField). */
const FIGURES = new Set(['year', 'date']);

/** A one-line field of `key`: a text input for a figure, else a text area one line high, as
 * high as the lines its text holds (a title or a name of two lines shows both, never its
 * first alone). */
function oneLine(key, props) {
  if (FIGURES.has(key)) return h('input', { type: 'text', ...props });
  const el = lineField(props);
  const fit = () => {
    el.rows = Math.min(4, el.value.split('\n').length);
  };
  fit();
  el.addEventListener('input', fit);
  return el;
}

/** The signature line of every form; 填报单位 is the 单位名称 (实施单位) above. */
const SIGNATURE_FIELDS = [['unit', '填报单位（盖章）'], ['preparer', '填报人'], ['reviewer', '审核人'], ['phone', '联系电话'], ['date', '填报日期']];

export class MetaForm {
  /** `table`: the open table; `history`: where each edit goes; `changed()`: after an edit;
   * `fieldChanged(field)`: after a field is typed, undone or redone; `notice`: says why an
   * edit was refused. */
  constructor(table, history, changed, fieldChanged = () => {}, notice = null) {
    this.table = table;
    this.notice = notice;
    this.history = history;
    this.changed = changed;
    this.fieldChanged = fieldChanged;
    this.titleInput = oneLine('title', { class: 'jx-title', 'aria-label': '表格标题', oninput: (e) => this.#edit('title', e.target.value), onpaste: pasteCell });
    this.box = h('div', { class: 'jx-meta' });
    this.element = h('section', { class: 'jx-section', 'aria-label': '基本信息' }, this.titleInput, this.box);
    // The form's signature lines, under the table: filled here, or left blank to sign on paper.
    this.signatureBox = h('div', { class: 'jx-meta jx-signature' });
    this.signature = h('section', { class: 'jx-section', 'aria-label': '填报信息' }, this.signatureBox);
  }

  /** Draws the fields of `sheet`, its kind's label (from `report`) as the title's placeholder. */
  render(sheet, report) {
    this.titleInput.value = sheet.meta?.title ?? '';
    this.titleInput.placeholder = report.kind_label;
    fill(this.box, ...(META_FIELDS[sheet.kind] ?? META_FIELDS.project).map(([key, label, long]) => h('label', { class: long ? 'jx-meta-long' : '' }, label,
      long
        ? h('textarea', { rows: 1, value: sheet.meta?.[key] ?? '', 'data-meta': key, placeholder: key === 'goal' ? '' : '评价结论，汇总表中显示', oninput: (e) => this.#edit(key, e.target.value), onpaste: pasteCell, onkeydown: lineBreakKey })
        : oneLine(key, { value: sheet.meta?.[key] ?? '', 'data-meta': key, oninput: (e) => this.#edit(key, e.target.value), onpaste: pasteCell }))));
    fill(this.signatureBox, ...SIGNATURE_FIELDS.map(([key, label]) => h('label', {}, label,
      key === 'unit'
        ? h('span', { class: 'jx-out', 'data-signature': 'unit' }, sheet.meta?.unit ?? '')
        : oneLine(key, { value: sheet.meta?.[key] ?? '', 'data-meta': key, oninput: (e) => this.#edit(key, e.target.value), onpaste: pasteCell }))));
  }

  #edit(field, value) {
    const sheet = this.table.sheet;
    const before = sheet?.meta?.[field] ?? '';
    try {
      this.table.calc.setMeta(field, value);
    } catch (error) {
      // Refused (the table waits, guard.js): the field shows what the sheet still holds.
      this.notice?.show(error?.message ?? String(error), 'error');
      const input = this.#input(field);
      if (input) input.value = before;
      return;
    }
    sheet.meta = { ...(sheet.meta ?? {}), [field]: value };
    // A line of 主要问题 or 改进建议 corrected keeps its rewritten paragraph of the 自评报告.
    const carried = { problems: 'problems', suggestions: 'suggestions' }[field];
    // The 自评报告 open beside the field is drawn again, and the move saved, as a row's rename.
    const carry = carried ? (from, to) => {
      this.table.calc.carryReport(carried, from, to);
      this.changed();
    } : null;
    this.history.push(cellStep(`m:${field}`, before, value, (v) => this.#set(field, v), carry));
    this.#signed(field, value);
    this.fieldChanged(field);
    this.changed();
  }

  /** The signature line's 填报单位 is the 单位名称: it follows a typed, undone or redone one. */
  #signed(field, value) {
    const unit = this.signatureBox.querySelector('[data-signature="unit"]');
    if (field === 'unit' && unit) unit.textContent = value;
  }

  /** Undo and redo: the value back in the core and in its field, which gets the focus. */
  #set(field, value) {
    const sheet = this.table.sheet;
    this.table.calc.setMeta(field, value);
    sheet.meta = { ...(sheet.meta ?? {}), [field]: value };
    this.#signed(field, value);
    this.fieldChanged(field);
    const input = this.#input(field);
    if (input) {
      input.value = value;
      input.focus();
    }
  }

  /** The input of `field`, if it is drawn. */
  #input(field) {
    return field === 'title' ? this.titleInput : this.element.querySelector(`[data-meta="${field}"]`) ?? this.signature.querySelector(`[data-meta="${field}"]`);
  }
}
