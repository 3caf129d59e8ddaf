// The 汇总表 on screen: its section with the filters, the table with its 合计 and the chart
// (drawn by summary-view.js), and what the user does there: typing in a typed row (one cell to
// the core, then only that row's computed cells, the 合计, the bar and the chart are redrawn),
// sorting, filtering, adding and deleting rows, and pasting a block from Excel.
import { h, fill, keepFocus, sectionHead } from './dom.js';
import { paperTable } from './paper.js';
import { cellStep } from './history.js';
import { DEFAULT_BANDS } from './catalog.js';
import { loadFailure } from './load-error.js';
import { TableHeld } from './guard.js';

/** summary-view.js, once loaded. Most sheets have no 汇总表, so it is fetched when one is first
 * shown (a file of its own in the hosted page), not with the first load. */
let view = null;
let loadingView = null;
function loadView() {
  loadingView ??= import('./summary-view.js').then((loaded) => {
    view = loaded;
    return loaded;
  }, (error) => {
    loadingView = null; // a failed download may be retried
    throw error;
  });
  return loadingView;
}

/** On paper, the text columns' shares of the width (see paper.js): 问题 and 建议, the longest,
 * about twice a name's. The figures, given none, take only their widest: given shares too, they
 * once took a quarter of the page and left 单位名称 five characters a line. */
const PAPER_SHARES = { unit: 13, project: 15, goal: 14, problems: 29, suggestions: 29 };

/** `diagnostics` with project row `row`'s findings replaced by `found`, in their place, and the
 * sheet's own (in no row) by those `found` holds. */
function withRowFindings(diagnostics, row, found) {
  const at = (d) => d.in === 'project' && d.row === row;
  // The sheet's own findings (the 合计 leaving rows out) come whole with every edit.
  const own = (d) => d.in === 'sheet' || d.in === 'setting';
  const rest = diagnostics.filter((d) => !own(d));
  // The core lists the 汇总表's findings last, by row.
  let start = rest.findIndex((d) => d.in === 'project' && d.row >= row);
  if (start < 0) start = rest.length;
  let end = start;
  while (end < rest.length && at(rest[end])) end++;
  return [...found.filter(own), ...rest.slice(0, start), ...found.filter((d) => !own(d)), ...rest.slice(end)];
}

/** The 汇总表's sort and filters as a workbook opens: none. */
const newSummaryState = () => ({ sort: null, text: '', grade: '' });

export class SummaryController {
  /**
   * `table`: the open table; `history`, `notice`; `edits`: whole-sheet undo steps (Edits);
   * `blockPaste`: a block pasted with its header (BlockPaste); `on`: `linked()` ({ count,
   * names } of the rows that come from the workbook's sheets, and `note`: what is said of the
   * sheets of a project's other years it leaves out, or null), `openSheet(row)`, and what the
   * page redraws: `renderAll()`, `totals(t)`, `checks()`, `detail()`, `changed()`.
   */
  constructor(table, history, notice, edits, blockPaste, on) {
    this.table = table;
    this.history = history;
    this.notice = notice;
    this.edits = edits;
    this.blockPaste = blockPaste;
    this.on = on;
    this.state = newSummaryState();
    /** The drawn table (summary-view.js), to update after a keystroke. */
    this.summaryTable = null;
    /** How many of the rows drawn came from the workbook's sheets. */
    this.linkedDrawn = null;
    this.chartKey = null;
    this.filterTimer = null;
    /** A render waits for summary-view.js (one at a time); the calculator was destroyed. */
    this.awaitingView = false;
    this.destroyed = false;
    this.box = h('div');
    this.chartBox = h('figure', { class: 'jx-chart-box' });
    this.section = h('section', { class: 'jx-section' },
      sectionHead('项目汇总', '合计行的完成率 = 完成数合计 ÷ 预算数合计；点列名排序',
        h('button', { type: 'button', onclick: () => this.#addProject(), class: 'jx-no-print' }, '＋ 添加项目')),
      this.box, this.chartBox);
  }

  /** The calculator is gone: nothing is drawn again, and the drawn rows stop watching. */
  destroy() {
    this.destroyed = true;
    this.summaryTable?.disconnect();
  }

  /** Fetches the table's drawing now, for a 汇总表 about to be shown; settles when it is in
   * (a failure is said when the 汇总表 is drawn). */
  preload() {
    return loadView().catch(() => {});
  }

  /** For a print (`on`) the table as a real table whose header row repeats on each page (see
   * paper.js), from the cells as they print; taken away after. */
  preparePrint(on) {
    this.printed?.remove();
    this.printed = null;
    const grid = this.box.querySelector('.jx-sgrid');
    grid?.classList.toggle('jx-on-paper', Boolean(on));
    if (!on || !grid) return;
    this.printed = paperTable('项目汇总表', grid.querySelector('.jx-shead > .jx-srow'),
      this.summaryTable?.printRows() ?? [], [...grid.querySelectorAll('.jx-sfoot .jx-srow')],
      ['jx-srow', 'jx-scell', 'jx-sth'], { kind: 'summary', shares: PAPER_SHARES });
    grid.after(this.printed);
  }

  /** The cell of a 汇总表 row's finding (检查), where it is typed; whether there was one. */
  focusCell(row, field) {
    // A project's own finding (named twice) is at its name: its 项目名称.
    return Boolean(this.summaryTable?.focus(row, field === 'name' ? 'project' : field));
  }

  /** Puts the caret in the filter's search (Ctrl+F); false when there is none. */
  focusSearch() {
    const search = this.box.querySelector('input[type="search"]');
    search?.focus();
    search?.select();
    return Boolean(search);
  }

  /** Another workbook: its 汇总表 is shown unsorted and unfiltered. */
  reset() {
    this.state = newSummaryState();
  }

  /** The filters, the table with its 合计, and the chart; nothing for a sheet without projects.
   * From the sheet and evaluation the page holds (kept current by every edit): a sort or a
   * filter asks the core for nothing but a filtered 合计. */
  render(report = this.table.report) {
    const sheet = this.table.sheet;
    this.summaryTable?.disconnect();
    const shown = sheet.kind === 'summary' || Boolean(sheet.projects?.length);
    if (!shown || !view) {
      this.summaryTable = null;
      this.chartKey = null;
      fill(this.box, shown ? h('p', { class: 'jx-hint' }, '正在加载汇总表…') : null);
      fill(this.chartBox);
      if (shown && !this.awaitingView) {
        // Drawn once it is in, from the sheet then open (unless the calculator is gone).
        this.awaitingView = true;
        loadView().then(() => {
          this.awaitingView = false;
          if (!this.destroyed) this.render();
        }, (error) => {
          this.awaitingView = false;
          const said = loadFailure('汇总表', 'summary-view.js', error, { retry: '重新打开本表' }).message;
          fill(this.box, h('p', { class: 'jx-dialog-error' }, said));
          this.notice.show(said, 'error');
        });
      }
      return;
    }
    const { summaryTable, summaryFilters } = view;
    const rows = sheet.projects ?? [];
    const editing = this.#editing();
    const bands = sheet.settings?.grade_bands ?? DEFAULT_BANDS;
    const gradeOrder = bands.map((b) => b.grade);
    const state = this.state;
    const linked = this.on.linked();
    const linkedBefore = this.linkedDrawn;
    this.linkedDrawn = linked.count;
    const table = summaryTable({
      rows, summary: report.summary, diagnostics: report.diagnostics, linked: linked.count, sheets: linked.names,
      state, filtered: this.#filteredTotals(sheet, report), gradeOrder,
      on: {
        edit: (row, field, value) => this.#edit(row, field, value),
        remove: (row) => this.#remove(row),
        open: (row) => this.on.openSheet(row),
        paste: (row, key, grid) => this.blockPaste.paste('summary', row, grid, () => this.#pasteByCell(row, key, grid)),
        sort: (key) => {
          const same = state.sort?.key === key;
          state.sort = same && state.sort.dir === 'desc' ? null : { key, dir: same ? 'desc' : 'asc' };
          this.render();
          // The header pressed is drawn again: it keeps the focus, to sort again from the keys.
          this.box.querySelector(`[data-sort="${key}"]`)?.focus();
        },
      },
    });
    this.summaryTable = table;
    const filters = summaryFilters(state, gradeOrder, { shown: table.shown, all: rows.length }, {
      filter: (change) => {
        // The state now: a search kept from an earlier drawing (below) outlives its state.
        Object.assign(this.state, change);
        // Typing a search redraws once the typing pauses, not at every key.
        clearTimeout(this.filterTimer);
        const redraw = () => keepFocus(this.box, () => this.render());
        if ('text' in change) this.filterTimer = setTimeout(redraw, 150);
        else redraw();
      },
    });
    // The sheets the 汇总表 leaves out, said where its 合计 is read (on paper too).
    const leftOut = linked.note ? h('p', { class: 'jx-left-out', role: 'note' }, linked.note) : null;
    keepFocus(this.box, () => {
      const drawn = this.#keepSearch(filters, state.text ?? '');
      if (drawn) {
        while (drawn.nextSibling) drawn.nextSibling.remove();
        drawn.after(...[leftOut, table.element].filter(Boolean));
      } else {
        fill(this.box, filters, leftOut, table.element);
      }
      table.placed();
      // The cell being typed in, drawn as text again: the caret goes back into it.
      if (editing && linkedBefore != null) this.#editAgain(editing, linkedBefore, rows, linked.count);
    });
    this.#renderChart(report.summary, bands);
  }

  /** The typed cell being edited (its row, column and caret, the row's 单位 and 项目 as typed),
   * or null. */
  #editing() {
    const input = this.box.getRootNode().activeElement;
    const row = this.box.contains(input) && input.dataset.key ? input.closest('[data-row]') : null;
    const typed = (key) => row.querySelector(`[data-key="${key}"]`)?.value ?? '';
    return row ? { row: Number(row.dataset.row), key: input.dataset.key, caret: [input.selectionStart, input.selectionEnd], unit: typed('unit'), project: typed('project') } : null;
  }

  /** Puts the caret back in the cell `at` of the rows drawn before (`before` of them from
   * sheets) among `rows` now (another window's save read in: rows added or deleted there, the
   * sheets linked too): the typed row of the same 单位 and 项目, else the one in the same place
   * among the typed rows. None there (deleted, or filtered out): the table's first typed cell,
   * never the control now where it was (a 删除). */
  #editAgain(at, before, rows, linked) {
    const named = (row) => (row.unit ?? '') === at.unit && (row.project ?? '') === at.project;
    const alike = at.unit || at.project ? rows.map((row, i) => i).filter((i) => i >= linked && named(rows[i])) : [];
    const place = linked + at.row - before;
    const row = alike.length === 1 ? alike[0] : place >= linked && place < rows.length ? place : null;
    const input = row != null ? this.summaryTable.focus(row, at.key) : null;
    if (input) input.setSelectionRange(...at.caret);
    else this.box.querySelector('[role="table"][tabindex]')?.focus();
  }

  /** The filter bar drawn before, brought up to date from `filters` (drawn afresh) but for
   * its search, which stays the element it is: replaced, a search being typed in would lose
   * the word an input method is composing in it, and its own undo (Ctrl+Z). Null when there is
   * none to keep; then `filters` is drawn. */
  #keepSearch(filters, text) {
    const drawn = this.box.firstElementChild;
    const search = drawn?.classList.contains('jx-filters') ? drawn.firstElementChild : null;
    if (search?.type !== 'search') return null;
    // Set when it is not being typed in (another workbook's 汇总表, unfiltered).
    if (search.value !== text && search.getRootNode().activeElement !== search) search.value = text;
    while (search.nextSibling) search.nextSibling.remove();
    search.after(...[...filters.children].slice(1));
    return drawn;
  }

  /** Whether the rows are shown sorted or filtered, not all in their own order. */
  #arranged() {
    const state = this.state;
    return Boolean(state.sort || state.text?.trim() || state.grade);
  }

  /** The 汇总表 as shown (the JSON text of the sheet with the rows a filter shows, in the
   * order a sort shows them), or null when every row shows in its own order. */
  shownJson() {
    if (!view || !this.#arranged()) return null;
    const sheet = this.table.calc.sheet();
    const report = this.table.calc.report();
    const state = this.state;
    if (!report.summary) return null;
    const gradeOrder = (sheet.settings?.grade_bands ?? DEFAULT_BANDS).map((b) => b.grade);
    const order = view.displayOrder(sheet.projects ?? [], report.summary.rows, state, gradeOrder);
    return JSON.stringify({ ...sheet, projects: order.map((i) => sheet.projects[i]) });
  }

  /** The 合计 of the rows a filter shows, computed by the core like the full 合计. */
  #filteredTotals(sheet, report) {
    const state = this.state;
    if (!view || !report.summary || !(state.text?.trim() || state.grade)) return null;
    const gradeOrder = (sheet.settings?.grade_bands ?? DEFAULT_BANDS).map((b) => b.grade);
    const order = view.displayOrder(sheet.projects ?? [], report.summary.rows, state, gradeOrder);
    if (order.length === (sheet.projects ?? []).length) return null;
    return this.notice.attempt(() => this.table.engine.evaluate(JSON.stringify({ ...sheet, projects: order.map((i) => sheet.projects[i]) })).summary);
  }

  /**
   * A keystroke in a typed row: one cell to the core, then only that row's computed cells,
   * the 合计 rows, the bar and (when a score or grade moved) the chart are redrawn. Undo
   * restores the cell, typing coalesced per cell as in the indicator table.
   */
  #edit(row, field, value) {
    const before = this.table.sheet?.projects?.[row]?.[field] ?? '';
    if (before === value) return;
    if (!this.#set(row, field, value)) return;
    this.history.push(cellStep(`p:${row}:${field}`, before, value, (v) => this.#set(row, field, v, { focus: true })));
    this.on.changed();
  }

  #set(row, field, value, { focus = false } = {}) {
    const table = this.table;
    let update;
    try {
      update = table.calc.setProject(row, field, value);
    } catch (error) {
      this.notice.show(error?.message ?? String(error), 'error');
      // Refused (the table waits, guard.js, or the core), said by the notice: the cell shows
      // what the 汇总表 still holds, as an indicator cell and a 资金 cell do. Left so, the row
      // drawn as text again would take what was typed into the page's copy of the rows.
      const input = this.box.querySelector(`[data-row="${row}"] [data-key="${field}"]`);
      if (input) input.value = table.sheet?.projects?.[row]?.[field] ?? '';
      return false;
    }
    const data = table.sheet?.projects?.[row];
    if (data) data[field] = value;
    // The core sends back this row, the 合计 and this row's findings: the evaluation the page
    // holds is brought up to date with them, not asked for again (a thousand rows each key).
    const report = table.report;
    const before = report?.summary?.rows[row];
    if (!before) return this.#setAfresh(focus, row, field, value);
    if (update.full) {
      // Other rows' findings changed too (this row's names now repeat another's, or no longer
      // do): every drawn row's findings are brought up to date in place, the caret kept.
      const fresh = table.calc.report();
      table.report = fresh;
      this.summaryTable?.update(fresh.summary, fresh.diagnostics, this.#filteredTotals(table.sheet, fresh));
      if (!this.summaryTable) this.render(fresh);
      this.#afterSet(focus, row, field, value, fresh);
      return true;
    }
    const { row: line, summary: sums, diagnostics, ...totals } = update;
    Object.assign(report, totals);
    Object.assign(report.summary, sums);
    report.summary.rows[row] = line;
    report.diagnostics = withRowFindings(report.diagnostics, row, diagnostics);
    if (this.summaryTable) {
      this.summaryTable.update(report.summary, report.diagnostics, this.#filteredTotals(table.sheet, report), row);
      // The chart shows scores and grades: redrawn only when this row's moved.
      if (before.score !== line.score || before.grade !== line.grade) this.#renderChart(report.summary, table.sheet.settings?.grade_bands ?? DEFAULT_BANDS);
    } else {
      this.render(report);
    }
    this.#afterSet(focus, row, field, value, report, diagnostics);
    return true;
  }

  /** The same without an evaluation to bring up to date (none drawn yet): asked afresh. */
  #setAfresh(focus, row, field, value) {
    const report = this.table.calc.report();
    this.table.report = report;
    this.render(report);
    this.#afterSet(focus, row, field, value, report);
    return true;
  }

  /** `found`: this row's findings after the edit, or null when `report` is fresh. */
  #afterSet(focus, row, field, value, report, found = null) {
    const table = this.table;
    if (focus) {
      const input = this.summaryTable?.focus(row, field);
      if (input && input.value !== value) input.value = value;
    }
    // The table's own findings are kept current by every edit; this row's are replaced.
    table.sheetDiagnostics = found && table.sheetDiagnostics
      ? withRowFindings(table.sheetDiagnostics, row, found)
      : report.diagnostics.filter((d) => d.in !== 'node');
    this.on.totals(report);
    this.on.checks();
    this.on.detail();
  }

  /** The chart, redrawn only when a score or grade (what it shows) changed. */
  #renderChart(summary, bands) {
    const key = summary ? JSON.stringify([bands, summary.grades, summary.rows.map((r) => [r.score, r.grade])]) : '';
    if (key === this.chartKey && this.chartBox.isConnected) return;
    this.chartKey = key;
    if (!summary?.rows.length) return fill(this.chartBox);
    const scores = summary.rows.map((r) => ({ score: r.score, grade: r.grade, label: r.project || r.unit || `第${r.seq}项` }));
    fill(this.chartBox, view.gradeChart(summary, bands, scores),
      h('figcaption', { class: 'jx-sr' }, `等级分布：${summary.grades.map((g) => `${g.grade} ${g.count} 个`).join('，')}`));
  }

  /** Row `row` deleted (by its 删除, from the mouse or the keys): one undo step, and said with
   * how to undo it, as 资金情况's is: a row and its figures went from the 合计 without a word. */
  #remove(row) {
    const calc = this.table.calc;
    const before = calc.sheet().projects ?? [];
    this.edits.tableEdit(() => calc.removeProject(row));
    // Refused (the table waits, guard.js), as the notice says already.
    if ((this.table.calc.sheet().projects ?? []).length === before.length) return;
    const { project, unit } = before[row] ?? {};
    const name = project?.trim() || unit?.trim();
    this.notice.show(`已删除项目第${row + 1}行${name ? `“${name}”` : ''}。可撤销（Ctrl+Z 或“撤销”）。`, 'info');
  }

  /** A new row at the end, its first cell ready for typing. */
  #addProject() {
    let row = null;
    this.edits.tableEdit(() => {
      row = this.table.calc.insertProject(1e9);
    });
    if (row != null) this.focusRow(row);
  }

  /** Puts the focus in row `row`'s first input, after a paste. */
  focusRow(row) {
    this.summaryTable?.focus(row, 'seq');
  }

  /** A block of values pasted from Excel: cell by cell from the cursor, adding rows as
   * needed; one undo step. */
  #pasteByCell(start, key, grid) {
    const calc = this.table.calc;
    const before = calc.toJson();
    let written = 0;
    let refused = 0;
    let beyond = 0;
    // Down the rows as shown, sorted or filtered, as Enter goes; past the last, new rows.
    const shown = this.summaryTable?.typedFrom(start) ?? [start];
    let length = calc.sheet().projects?.length ?? 0;
    let added = 0;
    try {
      grid.forEach((cells, r) => {
        let row = shown[r];
        if (row == null) {
          calc.insertProject(1e9);
          row = length++;
          added++;
        }
        const fields = view.pasteColumns(key, cells.length);
        beyond += cells.slice(fields.length).filter((text) => text.trim()).length;
        fields.forEach((field, c) => {
          if (!field) return;
          try {
            calc.setProject(row, field, cells[c].trim());
            written++;
          } catch (error) {
            if (error instanceof TableHeld) throw error;
            refused++;
          }
        });
      });
    } catch (error) {
      if (!(error instanceof TableHeld)) throw error;
      // Refused (the table waits, guard.js), nothing written: the refusal said is what
      // stands, not a paste of cells it could not write.
      this.notice.show(error.message, 'error');
      return;
    }
    const after = calc.toJson();
    if (after !== before) this.history.push(this.edits.snapshot(before, after));
    this.on.renderAll();
    this.summaryTable?.focus(start, key);
    const said = [];
    if (refused) said.push(`${refused} 个无法写入，已跳过`);
    if (beyond) said.push(`${beyond} 个超出表格最右一列，未粘贴`);
    if (added && this.#arranged()) said.push(`${added} 行在显示的各行之后，已添加为新项目，列在全表末尾`);
    if (grid.typed) said.push(`${grid.typed} 个数字按 Excel 中保存的值粘贴（Excel 显示的是四舍五入后的数）`);
    if (said.length) this.notice.show(`已粘贴 ${written} 个单元格；${said.join('；')}。可撤销。`, beyond ? 'error' : 'info');
    this.on.changed();
  }
}
