// 资金情况: budgets against spending, a handful of rows re-drawn whole after an edit, and the
// section that holds them (its rows added, typed and deleted as undo steps, a deletion said);
// its keys move as the indicator table's do (sheet-keys.js).
import { h, fill, keepFocus, typedIn, imeKey, sectionHead, lineField } from './dom.js';
import { pastedBlock } from './clipboard.js';
import { actionsKey, cellMove, rowOfMove } from './sheet-keys.js';

/** The columns a 资金 row is typed in, left to right. */
const TYPED = ['name', 'initial', 'budget', 'spent'];

let described = 0;

/** A cell's findings: colour, tooltip, and the words in the cell for screen readers, which
 * its input names as its description (as the indicator table's cells do). */
function marks(td, input, list) {
  if (!list?.length) return;
  const worst = list.find((d) => d.severity === 'error') ?? list.find((d) => d.severity === 'warning') ?? list[0];
  const message = list.map((d) => d.message).join('；');
  td.dataset.severity = worst.severity;
  td.title = message;
  const id = `jx-funds-d${++described}`;
  td.append(h('span', { class: 'jx-sr', id }, message));
  input?.setAttribute('aria-describedby', id);
  if (input && worst.severity === 'error') input.setAttribute('aria-invalid', 'true');
}

function findings(diagnostics, place, row, field) {
  return diagnostics.filter((d) => d.in === place && d.row === row && d.field === field);
}

/**
 * A key in 资金情况, as in the indicator table (its moves are sheet-keys.js's): Enter /
 * Shift+Enter, ↑ / ↓, PageDown / PageUp and Ctrl+Home / End along a column, ← / → to the cell
 * beside at the ends of a cell's text; Shift+F10 (or the menu key) from a row's cell to its
 * 删除, which Tab passes by, and Esc from there back to the row's name. `count`: the rows.
 */
function fundsKeydown(e, count) {
  if (imeKey(e)) return;
  const table = e.currentTarget;
  const tr = e.target.closest('tr[data-row]');
  if (!tr) return;
  const i = Number(tr.dataset.row);
  const to = (row, key) => table.querySelector(`[data-funds="${row}:${key}"]`);
  if (actionsKey(e) || (e.key === 'Escape' && e.target.tagName === 'BUTTON')) {
    e.preventDefault();
    (e.key === 'Escape' ? to(i, 'name') : tr.querySelector('button'))?.focus();
    return;
  }
  const key = e.target.dataset.funds?.split(':')[1];
  const move = key && cellMove(e);
  if (!move) return;
  const next = move === 'right' || move === 'left'
    ? to(i, TYPED[TYPED.indexOf(key) + (move === 'right' ? 1 : -1)])
    : to(rowOfMove(move, i, count - 1), key);
  // Already there (Ctrl+End on the last row): the key is the text's, the cell typed in never
  // selected for the next key to replace.
  if (!next || next === e.target) return;
  e.preventDefault();
  next.focus();
  next.select();
}

/** 资金情况. `on.edit(row, field, value)`, `on.paste(row, field, grid)` (a block copied from
 * Excel), `on.part(row, isPart)`, `on.remove(row)`. */
export function fundsTable(rows, reports, diagnostics, on) {
  const body = h('tbody');
  // 分值 and 得分 where a 预算执行率 is scored from the first row (the 10号 form's 项目资金).
  const scored = reports.some((r) => r?.weight != null);
  rows.forEach((row, i) => {
    const report = reports[i] ?? {};
    const field = (key, label, num) => {
      // The name keeps the line breaks it may hold (dom.js, lineField); a figure is read as one.
      const input = (num ? (props) => h('input', { type: 'text', ...props }) : lineField)({
        value: row[key] ?? '', 'aria-label': `资金第${i + 1}行${label}`, 'data-funds': `${i}:${key}`, inputmode: num ? 'decimal' : null,
        // On paper, the figure as the core read it, in the form's style and with every place
        // read (２８，４１２．６６ and 28,412.66万元 print as 28,412.66, 1.2345 as 1.2345, as Excel
        // gets it and the rate is computed from it); one it cannot read prints as typed.
        'data-read': num ? report[`${key}_exact`] ?? null : null,
        // The table is drawn afresh at each edit.
        ...typedIn((value) => on.edit(i, key, value)),
        onpaste: pastedBlock((grid) => on.paste(i, key, grid)),
      });
      const td = h('td', { class: num ? 'jx-num' : '' }, input);
      marks(td, input, findings(diagnostics, 'funds', i, key === 'name' ? 'name' : key));
      return td;
    };
    const out = (text) => h('td', { class: 'jx-num' }, h('span', { class: 'jx-out' }, text ?? '—'));
    const rate = out(report.rate);
    marks(rate, null, findings(diagnostics, 'funds', i, 'spent').filter((d) => d.code === 'spent_over_budget'));
    const name = field('name', '名称');
    if (row.part) name.prepend(h('span', { class: 'jx-part' }, '其中：'));
    body.append(h('tr', { class: row.part ? 'jx-part-row' : '', 'data-row': i },
      name, field('initial', '年初预算数', true), field('budget', '全年预算数', true), field('spent', '全年执行数', true),
      scored ? out(report.weight ?? '') : null, rate, scored ? out(report.score ?? '') : null,
      h('td', { class: 'jx-no-print' },
        // A 其中 row is a part of the row above it that is not one; the parts add up to it.
        i > 0 ? h('label', { class: 'jx-check' }, h('input', { type: 'checkbox', checked: Boolean(row.part), 'aria-label': `资金第${i + 1}行是其中行`, onchange: (e) => on.part(i, e.target.checked) }), '其中') : null,
        // Out of the Tab order, as the indicator table's ⋯ menu is between its cells: Tab on
        // from the last figure and Enter, to go on typing, deleted the row. Shift+F10 from the
        // row's cells reaches it.
        h('button', { type: 'button', tabindex: '-1', 'aria-label': `删除资金第${i + 1}行`, 'aria-keyshortcuts': 'Shift+F10', onclick: () => on.remove(i) }, '删除'))));
  });
  const th = (text, num) => h('th', { scope: 'col', class: num ? 'jx-num' : '' }, text);
  return h('div', { class: 'jx-scroll' }, h('table', { class: 'jx-table jx-funds', 'aria-label': '资金情况', onkeydown: (e) => fundsKeydown(e, rows.length) },
    h('thead', {}, h('tr', {}, th('名称'), th('年初预算数（万元）', true), th('全年预算数（万元）', true), th('全年执行数（万元）', true), scored ? th('分值', true) : null, th('执行率', true), scored ? th('得分', true) : null, h('th', { scope: 'col', class: 'jx-no-print' }, h('span', { class: 'jx-sr' }, '操作')))),
    body));
}

/** Whether a 预算执行率 among `nodes` (a sheet's indicators) is scored from the first 资金
 * row (the 10号 form's 项目资金 block). */
export function funded(nodes = []) {
  return nodes.some((n) => (n.children?.length ? funded(n.children) : n.rule?.kind === 'budget_execution' && n.rule.from_funds));
}

/** The 资金情况 section of the page. */
export class FundsSection {
  /** `table`: the open table; `edits`: its edits as undo steps (Edits); `notice`;
   * `spreadsheets()`: the spreadsheet module, which reads a 资金 block pasted whole. */
  constructor(table, edits, view, notice, spreadsheets) {
    this.table = table;
    this.edits = edits;
    this.notice = notice;
    this.spreadsheets = spreadsheets;
    /** The indicator grid: a 预算执行率 scored from the first row is redrawn there. */
    this.view = view;
    this.box = h('div');
    this.element = h('section', { class: 'jx-section' },
      sectionHead('资金情况', '执行率 = 全年执行数 ÷ 全年预算数；其中各行之和须等于上方合计行',
        h('button', { type: 'button', onclick: () => this.#addRow(), class: 'jx-no-print' }, '＋ 添加一行')),
      this.box);
  }

  /** A row added at the end, its name focused to be typed, as a row added to the indicator
   * table is: the keys typed next went nowhere, the focus left on the button. */
  #addRow() {
    this.edits.tableEdit(() => this.table.calc.insertFund(1e9));
    const count = this.table.calc.sheet().funds?.length ?? 0;
    this.box.querySelector(`[aria-label="资金第${count}行名称"]`)?.focus();
  }

  /** The cell of a 资金 row's finding (检查), or the row's first; whether there was one. */
  focusCell(row, field) {
    const input = this.box.querySelector(`[data-funds="${row}:${field}"]`) ?? this.box.querySelector(`[data-funds^="${row}:"]`);
    input?.focus();
    return Boolean(input);
  }

  /** On paper a 预算执行率 scored from these rows is not a row of the indicator table, as on
   * the 10号 form: its 偏差原因 is printed under them, not lost with the row. */
  preparePrint(on) {
    this.printed?.remove();
    this.printed = null;
    const row = on ? (this.table.calc.sheet().indicators ?? []).find((n) => n.rule?.kind === 'budget_execution' && n.rule.from_funds) : null;
    if (!row?.reason?.trim()) return;
    this.printed = h('p', { class: 'jx-print' }, `${row.name || '预算执行率'}偏差原因及改进措施：${row.reason}`);
    this.element.append(this.printed);
  }

  /** Draws the rows as entered (`funds`) with their execution rates and findings from
   * `report`; by default, the page's copies as the last full read left them. */
  render(report = this.table.report, funds = this.table.sheet?.funds) {
    const calc = () => this.table.calc;
    keepFocus(this.box, () => fill(this.box, fundsTable(funds ?? [], report.funds, report.diagnostics, {
      edit: (row, field, value) => {
        let update;
        // A row renamed takes its rewritten paragraph of the 自评报告 with it, once typed.
        const carry = field === 'name' ? { what: 'funds', from: this.table.sheet?.funds?.[row]?.name ?? '', to: value } : null;
        this.edits.tableEdit(() => (update = calc().setFund(row, field, value)), `f:${row}:${field}`, () => {
          // The page's copy of the rows follows what was typed.
          const { funds } = calc().sheet();
          if (this.table.sheet) this.table.sheet.funds = funds;
          this.render(calc().report(false), funds);
          if (update?.changed?.length) this.view.apply(update);
        }, carry);
        // Refused (the table waits, guard.js), said by the notice: the cell shows what the
        // sheet still holds, as an indicator cell and a 基本信息 field do.
        if (update === undefined) {
          const input = this.box.querySelector(`[data-funds="${row}:${field}"]`);
          if (input) input.value = this.table.sheet?.funds?.[row]?.[field] ?? '';
        }
      },
      paste: (row, field, grid) => this.#paste(row, field, grid),
      part: (row, on) => this.edits.tableEdit(() => calc().setFund(row, 'part', String(on))),
      remove: (row) => this.#remove(row),
    })));
  }

  /** Row `row` deleted (by its 删除, from the mouse or the keys): one undo step, and said with
   * how to undo it, as a paste is: the row and its figures went without a word, and the
   * 预算执行率 scored from the first row was then scored from the row moved up in its place. */
  #remove(row) {
    const calc = this.table.calc;
    const before = calc.sheet().funds ?? [];
    this.edits.tableEdit(() => calc.removeFund(row));
    const { funds = [], indicators } = calc.sheet();
    // Refused (the table waits, guard.js), as the notice says already.
    if (funds.length === before.length) return;
    const name = before[row]?.name?.trim();
    const moved = row === 0 && funds.length && funded(indicators) ? `；第1行现为${funds[0].name?.trim() ? `“${funds[0].name.trim()}”` : '未命名的一行'}，预算执行率按该行计分` : '';
    this.notice.show(`已删除资金第${row + 1}行${name ? `“${name}”` : ''}${moved}。可撤销（Ctrl+Z 或“撤销”）。`, 'info');
  }

  /** A block copied from Excel pasted at row `row`, column `field`: at a name, the 10号
   * form's 资金 block copied whole (by its label or header) is read by its columns in the
   * spreadsheet module (the core's one reader of 资金 blocks, `pastedFunds`), which is waited
   * for; any other block is written cell by cell from that cell on. Rows are added as needed,
   * one undo step. What is not written (cells beyond the typed columns, a title above the
   * block, the form's next part) is said, not dropped unseen; so is a module that did not load,
   * the block then written cell by cell, a 资金 header whose columns the core cannot place,
   * nothing then written, and a column beside known ones it does not know, not written. A
   * block of 其中 rows without their total is written under the table's first row, the
   * total, which is left as it is (never a part's figures, nor their sum), and said. */
  async #paste(row, field, grid) {
    let form = null;
    let unread = null;
    if (field === 'name') {
      try {
        form = (await this.spreadsheets()).pastedFunds(JSON.stringify(grid)) ?? null;
      } catch (error) {
        unread = error?.message ?? String(error);
      }
    }
    // A 资金 header the core cannot place (no budget column it knows, or a heading it does
    // not know before the figures): written cell by cell, the headings would fill a 资金 row
    // and the figures columns they are not.
    if (form?.unread_header) {
      this.notice.show(`粘贴的资金栏，${form.unread_header}后再粘贴，或只复制数字，粘贴到资金表对应列的格中。未做任何改动。`, 'error');
      return;
    }
    if (form && !form.rows.length) {
      this.notice.show('粘贴的“项目资金”栏只有表头，没有资金行。未做任何改动。', 'error');
      return;
    }
    const said = [];
    if (unread) said.push(`未能按表单的“项目资金”栏识别（${unread}），已逐格粘贴`);
    if (form) {
      // Without a column of names, the rows keep theirs: written from 年初预算数 on. A figure
      // the block has no column for is absent: the table's stays.
      const fields = TYPED.filter((f) => form.named || f !== 'name');
      const rows = form.rows.map((fund) => ({ cells: fields.map((f) => fund[f]), part: fund.part }));
      const at = form.no_total && row === 0 ? 1 : row;
      // Refused (the table waits, guard.js): the refusal said is what stands, not a paste.
      if (this.#write(at, TYPED.indexOf(fields[0]), rows) == null) return;
      said.push('已按表单的“项目资金”栏读入各列（表头与“项目资金”标签未写入，执行率、分值、得分由表格算出）');
      if (form.no_total) said.push(`粘贴的资金栏没有年度资金总额（或合计）一行，其中各项写在第 ${at + 1} 行起，第 1 行（年度资金总额）未改动（未由其中各项加总）：请在该行填写或核对`);
      if (form.unread_columns) said.push(`表头中的“${form.unread_columns.join('”“')}”列未能识别，未写入（要写入，请把列名改为“年初预算数、全年预算数、全年执行数”之一再粘贴）`);
      if (form.above) said.push(`其上 ${form.above} 行不是资金行（如标题、项目名称），未写入`);
      if (form.left_out) said.push(`其后 ${form.left_out} 行不是资金行（如年度总体目标、绩效指标），未写入`);
      if (form.above || form.left_out) said.push('要一并读入，请把整张表粘贴到指标表，或以“打开文件”导入整张表');
    } else {
      // A 其中 row as the form prints it (its own export's too): marked so, not named so.
      const rows = grid.map((cells, r) => {
        const part = field === 'name' && row + r > 0 && /^其中[：:]/.exec(cells[0]?.trim() ?? '');
        return part ? { cells: [cells[0].trim().slice(part[0].length).trim(), ...cells.slice(1)], part: true } : { cells };
      });
      const beyond = this.#write(row, TYPED.indexOf(field), rows);
      if (beyond == null) return;
      if (beyond) said.push(`${beyond} 个单元格在“全年执行数”右侧，资金表没有可填的列，未写入（执行率、分值、得分由表格算出）`);
    }
    if (grid.typed) said.push(`${grid.typed} 个数字按 Excel 中保存的值粘贴（Excel 显示的是四舍五入后的数）`);
    if (said.length) this.notice.show(`已粘贴到资金表；${said.join('；')}。`, unread ? 'error' : 'info');
  }

  /** Writes `rows` (each its `cells` from column `from` of TYPED, and for a row of names
   * whether it is a 其中 row, `part`) from row `row` on, rows added as needed: one undo step.
   * The table's first row is no 其中 row: one pasted there keeps its name as written. A cell
   * that is undefined (a column the block has not) leaves the table's value; a blank one
   * clears it, as a blank cell pasted anywhere does. Returns how many filled cells fell beyond
   * the typed columns; null when the edit was refused (the table waits), which the notice
   * says. */
  #write(row, from, rows) {
    const calc = this.table.calc;
    let count = calc.sheet().funds?.length ?? 0;
    let beyond = 0;
    let written = false;
    this.edits.tableEdit(() => {
      rows.forEach(({ cells, part }, r) => {
        for (; count <= row + r; count++) calc.insertFund(1e9);
        if (from === 0 && part != null) {
          if (row + r > 0) calc.setFund(row + r, 'part', String(part));
          else if (part) cells = [`其中：${cells[0]}`, ...cells.slice(1)];
        }
        cells.forEach((value, c) => {
          if (value == null) return;
          const text = value.trim();
          if (from + c < TYPED.length) calc.setFund(row + r, TYPED[from + c], text);
          else if (text) beyond++;
        });
      });
      written = true;
    });
    return written ? beyond : null;
  }
}
