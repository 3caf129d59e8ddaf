// The indicator table: one row per indicator in printed order, groups as section rows with
// their subtotal, computed 完成率 / 得分, and every finding at its cell. It only draws and
// reports edits; the app decides what an edit does.
//
// Like a spreadsheet, rows show their values as text and only the row being edited holds
// inputs: a page of form controls costs the browser a frame of rendering per keystroke, text
// costs almost nothing (measured with npm run bench). Clicking a cell, or moving to it with
// the keyboard, turns its row into inputs. Only the rows near the view are in the document
// (row-window.js); the rest are drawn from `rows` when they come near it, when the keyboard
// moves to them, when the page's search finds them, and for print.
//
// The rows themselves are drawn by sheet-row.js, the keys handled by sheet-keys.js, the
// columns described by sheet-columns.js.
import { h, isField } from './dom.js';
import { pastedBlock } from './clipboard.js';
import { COLUMNS, editableKeys } from './sheet-columns.js';
import { buildRow, showResults, showFindings } from './sheet-row.js';
import { sheetKeydown } from './sheet-keys.js';
import { paperTable } from './paper.js';
import { RowWindow } from './row-window.js';
import { keepFocusClearOfSticky } from './clear-of-sticky.js';

/** Rows per block drawn or emptied together (row-window.js). */
const CHUNK = 25;

/** On paper, the text columns' shares of the width (see paper.js): 指标名称 and 偏差原因及改进措施,
 * the one given all of it when no row has a 偏差原因. The figures and the short words beside them
 * (计分方法, 比较, 单位), given none, take only their widest, kept on one line: with widths of
 * their own they were broken (16,061.0 over 2, 场（次） over three lines) while the names took
 * four or five lines beside an empty 偏差原因 column. A form with nothing filled in is printed
 * to be filled in by hand: room is left to write the figures and the 偏差原因 in. */
const PAPER_SHARES = { name: 1, reason: 1 };
const BLANK_SHARES = { name: 3, target: 1, actual: 1, reason: 3 };

/** A row out of the document: its elements are let go (drawn again from its data). */
function undraw(row) {
  if (!row) return;
  row.tr = null;
  row.params = null;
  row.cells = {};
  row.inputs = {};
}

export class SheetView {
  /**
   * `on.edit(index, field, value, typed)`, `on.focus(index)`, `on.action(name, index)`,
   * `on.refused(index, columnKey)` (keys typed on a cell that takes no input),
   * `on.paste(index, columnKey, grid)`, `on.seal()`, `on.explain(index)` (a row's derivation
   * and formula, asked for when the row is drawn or explained), `on.ruleWords(index)` (a leaf's
   * rule with its parameters, for paper).
   */
  constructor(on) {
    this.on = on;
    this.rows = [];
    this.diagnostics = new Map();
    this.current = null;
    this.active = null;
    /** The row the page's search (find-bar.js) shows, or null. */
    this.found = null;
    this.uid = Math.random().toString(36).slice(2, 7);
    // A tree grid of div rows sharing one column template; the rows far from the view are not
    // drawn, and aria-rowcount / aria-rowindex tell screen readers where a row is in the whole.
    this.table = h('div', { class: 'jx-grid', role: 'treegrid', 'aria-label': '绩效指标表', tabindex: '0' });
    this.window = new RowWindow({
      size: CHUNK,
      rowHeight: 35,
      draw: (i) => {
        this.#explain(i);
        buildRow(this, i, this.active === i);
        return [this.rows[i].tr, this.rows[i].params].filter(Boolean);
      },
      drop: (i) => undraw(this.rows[i]),
      keep: (i) => i === this.active,
    });
    this.body = h('div', { class: 'jx-tbody', role: 'rowgroup' });
    this.table.append(
      h('div', { class: 'jx-thead', role: 'rowgroup' }, h('div', { class: 'jx-tr jx-head', role: 'row', 'aria-rowindex': 1 },
        COLUMNS.map((c) => h('div', { role: 'columnheader', class: ['jx-th', c.cls, c.num ? 'jx-num' : ''].filter(Boolean).join(' ') }, c.label || h('span', { class: 'jx-sr' }, '操作'))))),
      this.body,
    );
    this.element = h('div', { class: 'jx-scroll jx-grid-scroll' }, this.table);
    // A cell moved to is scrolled clear of the names and the ⋯ menus, not left under them.
    keepFocusClearOfSticky(this.element, { cell: '.jx-td', stuck: '.jx-col-name, .jx-col-menu' });
    this.table.addEventListener('keydown', (e) => sheetKeydown(this, e));
    this.table.addEventListener('paste', (e) => this.#paste(e));
    // A press on a text cell edits it at once. Without preventDefault the press would first
    // focus the grid itself, whose focus handler (for keyboard entry) would move elsewhere.
    this.table.addEventListener('mousedown', (e) => this.#press(e));
    this.table.addEventListener('focus', (e) => {
      // The grid is one tab stop: entering it edits the current (or first) row.
      if (e.target === this.table && this.rows.length) this.focus(this.current ?? 0, 'name');
    });
    this.table.addEventListener('focusin', (e) => {
      const tr = e.target.closest('[data-index]');
      if (tr) this.#setCurrent(Number(tr.dataset.index));
      // Inside, the inputs take Tab; the grid itself is a tab stop only from outside.
      if (e.target !== this.table) this.table.tabIndex = -1;
    });
    this.table.addEventListener('focusout', (e) => {
      if (!this.table.contains(e.relatedTarget)) this.table.tabIndex = 0;
    });
  }

  /** Draws the rows in view. `data[i]` is row i as entered, `nodes[i]` its evaluation (without
   * its explanation: `on.explain` gives that when the row is drawn). */
  render(nodes, data, diagnostics) {
    // The cell being typed in (another window's save read in): its caret goes back to the row of
    // the same place once drawn again, when the sheet's rows are shaped as they were.
    const at = this.position();
    const input = at && this.table.getRootNode().activeElement;
    const shape = (rows) => rows.map((n) => `${n.depth}${n.leaf ? 'l' : ''}`).join();
    const same = at && shape(this.rows.map((row) => row.node)) === shape(nodes);
    this.rows = nodes.map((node, i) => ({ node, data: data[i] ?? {}, cells: {}, inputs: {}, explained: false }));
    this.diagnostics = new Map();
    for (const d of diagnostics) {
      if (d.in !== 'node') continue;
      if (!this.diagnostics.has(d.node)) this.diagnostics.set(d.node, []);
      this.diagnostics.get(d.node).push(d);
    }
    if (this.current != null && this.current >= this.rows.length) this.current = null;
    this.active = null;
    this.table.setAttribute('aria-rowcount', String(this.rows.length + 1));
    // Rows inserted, removed or moved: what the search found is found again.
    this.found = null;
    this.onRender?.();
    this.window.mount(this.body, this.rows.length, this.current);
    if (!this.rows.length) {
      // Said on screen, not on paper: a form printed before its indicators are added.
      this.body.append(h('div', { class: 'jx-tr jx-empty jx-no-print', role: 'row' }, h('div', { class: 'jx-td jx-wide', role: 'gridcell' }, '表中还没有指标：点“添加一级指标”开始，或从 Excel 复制后粘贴。')));
    }
    if (same && !input.isConnected) this.focus(at.index, at.key, isField(input) ? input.selectionStart : null);
  }

  /** Applies what an edit changed: those rows' results and findings. A changed leaf's
   * explanation is left to be asked for when it is shown (`explained`). */
  apply(update) {
    for (const node of update.changed) this.diagnostics.delete(node.index);
    for (const d of update.diagnostics) {
      if (d.in !== 'node') continue;
      if (!this.diagnostics.has(d.node)) this.diagnostics.set(d.node, []);
      this.diagnostics.get(d.node).push(d);
    }
    for (const node of update.changed) {
      const row = this.rows[node.index];
      if (!row) continue;
      // An edit's rows carry only their figures; the name is the one typed.
      row.node = { ...row.node, ...node, name: row.data.name ?? '', derivation: null, formula: null };
      row.explained = false;
      if (!row.tr) continue; // drawn from `node` when it comes into view
      // The row being edited is explained by the footer, when it shows it (detail.js).
      if (node.index !== this.current) this.#explain(node.index);
      showResults(this, node.index);
      showFindings(this, node.index);
    }
  }

  /** Rebuilds one row in place, keeping it in edit mode if it was (its inputs follow its rule). */
  rebuild(index) {
    const row = this.rows[index];
    if (!row?.tr) return;
    const old = [row.tr, row.params].filter(Boolean);
    buildRow(this, index, this.active === index);
    old[0].replaceWith(...[row.tr, row.params].filter(Boolean));
    old[1]?.remove();
  }

  /** Edits a row's field: the row becomes inputs and the field gets the focus, its text
   * selected, or with `caret` the caret there (typing goes on where it was). */
  focus(index, key, caret = null) {
    const row = this.rows[index];
    if (!row) return;
    this.window.ensure(index);
    this.#activate(index);
    // A figure the table works out (得分 by its rule, 完成率, a group's 小计) holds the focus
    // itself: its row is explained below, and typing there is said to go nowhere
    // (sheet-keys.js), where it once went into the 指标名称, selected, renaming it unseen.
    const cell = row.inputs[key] ? null : row.cells[key];
    if (cell && key !== 'menu' && !editableKeys(row.node, row.data).includes(key)) {
      cell.tabIndex = -1;
      cell.focus();
      return;
    }
    const input = row.inputs[key] ?? row.inputs.name;
    input?.focus();
    if (!(input && isField(input))) return;
    if (caret != null) input.setSelectionRange(caret, caret);
    else input.select();
  }

  /** Where the focus is: row index and column key. */
  position() {
    const el = this.table.getRootNode().activeElement;
    // (Another calculator's table, drawn in the same document, is not this one.)
    if (!el || !this.table.contains(el)) return null;
    const tr = el.closest?.('[data-index]');
    if (!tr) return null;
    return { index: Number(tr.dataset.index), key: el.dataset.key ?? el.dataset.cell ?? 'name' };
  }

  /** Marks row `index` as the one the page's search found (null: none), drawn and scrolled
   * into view; the focus stays in the search. */
  showFound(index) {
    this.rows[this.found]?.tr?.classList.remove('jx-row-found');
    this.found = index;
    const row = this.rows[index];
    if (!row) return;
    this.window.ensure(index);
    row.tr.classList.add('jx-row-found');
    row.tr.scrollIntoView({ block: 'center' });
  }

  /** Row `index`'s evaluation with its explanation, asked for once since its last change
   * (its score's tooltip is drawn with it). */
  explained(index) {
    const row = this.rows[index];
    if (row && this.#explain(index) && row.tr) {
      showResults(this, index);
      showFindings(this, index);
    }
    return row?.node;
  }

  /** Fetches row `index`'s explanation if it has not got it; whether it fetched. */
  #explain(index) {
    const row = this.rows[index];
    if (!row || row.explained) return false;
    row.explained = true;
    if (!row.node.leaf) return false;
    Object.assign(row.node, this.on.explain?.(index));
    return true;
  }

  diagnosticsOf(index) {
    return this.diagnostics.get(index) ?? [];
  }

  /** On paper every row is text: the row being edited is drawn as text for the print.
   * `signature`, the form's signature line (its fields already printable text), is printed as
   * the table's last row, kept on the page of its last rows; whether it was (the app then
   * leaves out the line itself). `report`: the calculator's, without explanations, asked for
   * at the print (its totals and the rows' 分值 as read). */
  preparePrint(on, report = null, signature = null) {
    // The cell being typed in gets the focus back after the print, its caret where it was.
    const at = on ? this.position() : null;
    if (at) {
      const input = this.table.getRootNode().activeElement;
      this.printFocus = { ...at, caret: (input && isField(input)) ? input.selectionStart : null };
    }
    if (this.active != null && this.rows[this.active]?.tr) {
      const index = this.active;
      const row = this.rows[index];
      const old = [row.tr, row.params].filter(Boolean);
      buildRow(this, index, !on);
      if (on) this.active = index; // still the row to return to
      old[0].replaceWith(...[row.tr, row.params].filter(Boolean));
      old[1]?.remove();
    }
    if (!on && this.printFocus) {
      const { index, key, caret } = this.printFocus;
      this.printFocus = null;
      this.focus(index, key, caret);
    }
    this.printed?.remove();
    this.printed = on && this.rows.length ? this.#paperTable(report) : null;
    if (this.printed) this.element.append(this.printed);
    // On paper the real table stands in for the grid.
    this.table.classList.toggle('jx-on-paper', Boolean(this.printed));
    if (!this.printed || !signature) return false;
    // A line after the table could be left alone on a page of its own: Chromium moves no row
    // of a table over to the next page to keep a block after it company (break-before: avoid),
    // but does so for the table's own last row.
    const line = signature.cloneNode(true);
    for (const el of line.querySelectorAll('input, textarea')) el.remove();
    const columns = this.printed.querySelector('tr')?.children.length ?? 1;
    this.printed.tBodies[0].append(h('tr', { class: 'jx-paper-signature' }, h('td', { colspan: columns }, line)));
    return true;
  }

  /** Every row as a real table, for paper only (see paper.js); built at the print. It closes
   * with 总分 and 自评等级 (`report`'s totals), as the 10号 form does, and the
   * rescaling when rows are 不适用. */
  #paperTable(report) {
    // Every row, drawn or not: the rows out of view are drawn as text for the print only.
    const rows = this.rows.map((row, i) => {
      if (row.tr) return row.tr;
      buildRow(this, i, false);
      const tr = row.tr;
      undraw(row);
      return tr;
    });
    const blank = this.#blank();
    const table = paperTable('绩效指标表', this.table.querySelector('.jx-head'), rows, [], ['jx-tr', 'jx-td', 'jx-th', 'jx-head'],
      blank ? { shares: BLANK_SHARES, blank: true } : { shares: PAPER_SHARES });
    // A subtotal over indicators none of which is scored yet is no 0.00 to sign under: blank,
    // to be filled in by hand. One over some still unscored is provisional, as the 总分 is.
    const printed = table.tBodies[0].rows;
    this.rows.forEach((row, i) => {
      if (row.node.leaf) return;
      // A group's heading goes to the page of its first rows, not alone at a page's foot; a
      // chain of them over a first row too tall for the room left takes the 绩效指标 heading
      // with it (`.jx-section-head`), never leaving it or a group alone there.
      printed[i]?.classList.add('jx-paper-group');
      const score = printed[i]?.querySelector('[data-cell="score"]');
      const { scored, unscored } = this.#leavesUnder(i);
      if (!score || (scored && !unscored)) return;
      score.textContent = scored ? `${score.textContent.trim()}（待定）` : '';
    });
    // A 分值 typed `１０` or `10分` prints as the core read it (10), as every other figure on the
    // form; one that says more (`≤5分`, `5（扣分）`) or that it could not read prints as typed,
    // the latter's error said on screen. (得分 is the core's already; 指标值 and 实际值 are
    // text with their units, as typed.)
    this.rows.forEach((row, i) => {
      const read = (row.data.weight ?? '').trim() && report?.nodes[i]?.weight_read;
      const shown = read && printed[i]?.querySelector('[data-cell="weight"] > .jx-out');
      if (shown) shown.textContent = read;
    });
    // What scores a leaf, with its parameters (阶梯扣分（每5%扣0.5分，含边界）), as the Excel
    // form writes it: the screen's 计分方法 names only the kind, which left a score on paper
    // that no one could check. The kind stays on its line, its parameters in small type under it.
    this.rows.forEach((row, i) => {
      const td = row.node.leaf ? printed[i]?.querySelector('[data-cell="rule"]') : null;
      const words = td && this.on.ruleWords?.(i);
      if (!words || words === td.textContent.trim()) return;
      const at = words.indexOf('（');
      const kind = td.firstElementChild ?? td;
      kind.textContent = at < 0 ? words : words.slice(0, at);
      if (at >= 0) td.append(h('span', { class: 'jx-rule-params' }, words.slice(at)));
    });
    // A 年度指标值 or 实际完成值 that is one short run, with Chinese characters only as a short
    // unit after it (16,061.02, ≥95%, 2023-11-30, ≥12,345人次), is a figure, kept on one line:
    // a unit after it let it break inside the figure (9,876, / 543,210 / 人次). Words (a 定性
    // row's, a list of standards such as GB 50300-2013, GB 50204-2015) wrap where words part, a
    // run too long for a column anywhere, and so does a long 计量单位: kept whole, they crushed
    // 指标名称 to a character a line, or pushed the form off the page.
    for (const td of table.querySelectorAll('td:is([data-cell="target"], [data-cell="actual"], [data-cell="unit"])')) {
      const text = td.textContent.trim();
      const figure = td.dataset.cell === 'unit' ? text.length <= 6 : /^[^\u3400-\u9fff\s]+[\u3400-\u9fff]{0,4}$/.test(text) && text.length <= 20;
      td.classList.add(figure ? 'jx-whole' : 'jx-wraps');
    }
    if (report) {
      const before = COLUMNS.findIndex((c) => c.key === 'score');
      // Nothing scored yet (a blank form printed to fill by hand): no 0.00 to sign under. A
      // total before every indicator is scored, or over a table with errors, is said to be
      // provisional, as the screen and the 自评报告 say it, and why.
      const total = !report.scored || (blank && /^0(\.0+)?$/.test(report.total ?? '')) ? null : report.total;
      const pending = total != null && !report.final_grade
        ? report.unscored ? `尚有${report.unscored}项指标未计分` : `表中有${report.errors}处错误` : null;
      table.tBodies[0].append(h('tr', { class: 'jx-paper-total' },
        h('td', { colspan: before }, '总分'), h('td', { class: 'jx-num' }, total == null ? '—' : pending ? `${total}（待定）` : total),
        h('td', {}, pending ? `自评等级：待定（${pending}）` : `自评等级：${report.final_grade ?? '—'}`)));
      // With 不适用 rows the scores above add up to less than the 总分: the rescaling says how.
      if (report.rescale) {
        const columns = table.querySelector('tr')?.children.length ?? before + 2;
        table.tBodies[0].append(h('tr', { class: 'jx-paper-rescale' }, h('td', { colspan: columns }, report.rescale.text)));
      }
    }
    return table;
  }

  /** How many indicators under group `i` are scored, and how many are still to be (不适用
   * ones are neither). */
  #leavesUnder(i) {
    const depth = this.rows[i].node.depth;
    const count = { scored: 0, unscored: 0 };
    for (let j = i + 1; j < this.rows.length && this.rows[j].node.depth > depth; j++) {
      const { leaf, status } = this.rows[j].node;
      if (leaf && status in count) count[status]++;
    }
    return count;
  }

  /** Whether no row has a 实际完成值, a level or a 得分 typed: a form to be filled in by hand. */
  #blank() {
    return this.rows.every(({ data }) => !['actual', 'level', 'score'].some((key) => String(data[key] ?? '').trim()));
  }

  /** Turns row `index` into inputs, and the row edited before back into text. */
  #activate(index) {
    if (this.active === index) return;
    const previous = this.active;
    this.active = index;
    if (previous != null && this.rows[previous]) {
      this.active = null;
      this.rebuild(previous);
      this.active = index;
    }
    this.rebuild(index);
  }

  #setCurrent(index) {
    if (this.current === index) return;
    this.rows[this.current]?.tr?.classList.remove('jx-row-current');
    this.current = index;
    this.rows[index]?.tr?.classList.add('jx-row-current');
    this.on.focus(index);
  }

  #press(e) {
    if (e.button !== 0) return;
    const td = e.target.closest('[data-cell]');
    const tr = td?.closest('[data-index]');
    if (!tr || e.target.closest('input, textarea, select, button, summary, details')) return;
    e.preventDefault();
    this.focus(Number(tr.dataset.index), td.dataset.cell);
  }

  /** A block copied from Excel (tab-separated rows) is written into the table at the cursor. */
  #paste(e) {
    const target = e.target;
    const tr = target.closest?.('[data-index]');
    if (!tr) return;
    // A cell that takes no input (a 得分 its rule gives) takes no paste either: said, as typing is.
    if (!target.dataset.key && target.dataset.cell) {
      e.preventDefault();
      this.on.refused?.(Number(tr.dataset.index), target.dataset.cell);
      return;
    }
    if (!target.dataset.key) return;
    // A select (a 定性 row's level) has no paste of its own: one cell is written as a block.
    const single = target instanceof HTMLSelectElement;
    pastedBlock((grid) => this.on.paste(Number(tr.dataset.index), target.dataset.key, grid), { single })(e);
  }
}
