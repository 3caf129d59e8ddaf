// Changes to the open table that are undone as a whole: a change of the tree's shape, an edit
// of a small table (资金, 汇总表 rows), a pasted block, the settings. Each is one undo step
// holding the sheet before and after (JSON text); undoing opens the sheet as it was.
import { cellStep } from './history.js';

export class Edits {
  /**
   * `table`: the open table; `history`: the undo history; `notice`: says why a change was
   * refused; `view`: the indicator table (where the focus was); `page`: what the page redraws:
   * `renderAll(focus)`, `totals(t)`, `checks()`, `changed()`.
   */
  constructor(table, history, notice, view, page) {
    this.table = table;
    this.history = history;
    this.notice = notice;
    this.view = view;
    this.page = page;
  }

  /** An undo step that restores whole sheets. */
  snapshot(before, after, key = null) {
    return cellStep(key, before, after, (json) => this.restore(json));
  }

  /** Opens the sheet `json` in place of the open one, the focus kept at `position`; returns
   * whether it did. An edit too (a block pasted, an undo): refused, as the guard refuses one,
   * while the table waits. */
  restore(json, position = this.view.position()) {
    const table = this.table;
    if (table.held) {
      this.notice.show(table.held, 'error');
      return false;
    }
    const next = this.notice.attempt(() => table.engine.Calculator.fromJson(json));
    if (!next) return false;
    table.holdToLastYear?.(next);
    table.calc.free();
    table.calc = next;
    table.journal.push(['replace', [json]]);
    this.page.renderAll(position);
    return true;
  }

  /**
   * Edits outside the tree (资金, 汇总表, settings): `apply()` changes the sheet, then that
   * table is redrawn by `redraw()` (or the whole page without it), with undo as a snapshot.
   * Steps with the same `key` (typing in one cell) merge. `carry` (`{ what, from, to }`), for
   * a cell that names something: once the typing is done, what the 自评报告 knows by the name
   * moves from the name it began with to the last (`carryReport`), in the step's snapshot too.
   */
  tableEdit(apply, key, redraw, carry = null) {
    const calc = this.table.calc;
    const before = calc.toJson();
    if (this.notice.attempt(apply) === null && !key) return;
    const after = calc.toJson();
    if (before === after) return;
    const step = this.snapshot(before, after, key);
    if (carry) {
      step.from = carry.from;
      const merge = step.merge;
      step.merge = (previous) => {
        merge(previous);
        step.from = previous.from ?? step.from;
        return step;
      };
      step.done = () => {
        this.table.calc.carryReport(carry.what, step.from, carry.to);
        step.after = this.table.calc.toJson();
        this.page.changed();
      };
    }
    this.history.push(step);
    if (redraw) {
      redraw();
      const t = calc.totals();
      this.table.sheetDiagnostics = calc.report().diagnostics.filter((d) => d.in !== 'node');
      this.page.totals(t);
      this.page.checks();
    } else {
      this.page.renderAll();
    }
    this.page.changed();
  }

  /** A change of the tree's shape: one undo step, everything redrawn, the focus on the row
   * whose index `apply()` returns. */
  reshape(apply) {
    const before = this.table.calc.toJson();
    let focusIndex;
    try {
      focusIndex = apply();
    } catch (error) {
      this.notice.show(error?.message ?? String(error), 'error');
      return;
    }
    const after = this.table.calc.toJson();
    // Nothing changed (设置 saved as it was): no step, or the first Ctrl+Z would do nothing.
    if (after !== before) this.history.push(this.snapshot(before, after));
    this.page.renderAll(typeof focusIndex === 'number' ? { index: focusIndex, key: 'name' } : null);
    this.page.changed();
  }
}
