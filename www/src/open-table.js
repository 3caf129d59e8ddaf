// The table open on screen: its calculator in the wasm core, behind the guard (guard.js), with
// the journal of edits since the last save, and what the page last read from it: the sheet as
// entered, its evaluation, its rows in printed order, the findings outside the indicator tree.
// The page's parts share this one object instead of each keeping its own copy.
import { guard } from './guard.js';

/** Rows of a nested tree in printed order, each without its children. */
function flatten(nodes, out = []) {
  for (const node of nodes ?? []) {
    const { children, ...own } = node;
    out.push(own);
    flatten(children, out);
  }
  return out;
}

export class OpenTable {
  #calc = null;

  /** `engineState`: { stopped }, shared with the engine's guard; `onFault(error, failed)`:
   * called once when the core traps. */
  constructor(engineState, onFault) {
    this.engineState = engineState;
    this.onFault = onFault;
    /** The engine's exports (guarded), once loaded. */
    this.engine = null;
    /** Why the table takes no edit now (app.js: its report keys being bound), or null. The
     * guard refuses every edit meanwhile. */
    this.held = null;
    /** Edits since the last save, for replay after a fault. */
    this.journal = [];
    this.sheet = null;
    this.report = null;
    /** The indicator rows as entered, in printed order. */
    this.data = [];
    /** Findings outside the indicator tree: the sheet's, its settings', 资金 and 汇总表 rows'. */
    this.sheetDiagnostics = undefined;
  }

  /** The open table's calculator, behind the guard. */
  get calc() {
    return this.#calc;
  }

  set calc(calculator) {
    // A new calculator starts a journal of its own.
    this.journal = [];
    this.#calc = calculator ? guard(calculator, this.journal, this.onFault, this.engineState, () => this.held) : null;
  }

  /** Reads the sheet and its evaluation afresh; returns the evaluation. `json`: the sheet's
   * file if it was just written (read from it rather than written again). */
  read(json = null) {
    // The rows' explanations are asked for as they are shown (SheetView).
    const report = this.calc.report(false);
    const sheet = json ? JSON.parse(json) : this.calc.sheet();
    this.sheet = sheet;
    this.report = report;
    this.data = flatten(sheet.indicators);
    return report;
  }

  /** The 汇总表's evaluation when the open table is a 汇总表 without indicator `rows`: the bar
   * and the explanation then show its 合计. */
  shownSummary(rows) {
    return this.report?.kind === 'summary' && !rows.length ? this.report.summary : null;
  }

  /** Frees the calculator (a trapped one is not called again, not even to free it). */
  close() {
    if (this.engineState.stopped) this.#calc = null;
    this.calc?.free();
    this.calc = null;
  }
}
