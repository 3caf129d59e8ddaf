// The explanation at the bottom of the page: how the current indicator's score was reached
// (in words and in arithmetic) with its findings, a group's sum, or on a 汇总表 its 合计 as a
// division; with no row chosen, the sheet's own findings.
import { h } from './dom.js';

export class Detail {
  /** `table`: the open table (its report and findings outside the tree); `view`: the
   * indicator table (the current row and its findings). */
  constructor(table, view) {
    this.table = table;
    this.view = view;
    this.pending = false;
    this.destroyed = false;
    this.element = h('footer', { class: 'jx-detail', 'aria-live': 'off' });
  }

  /** The calculator is gone: an explanation still pending is not drawn. */
  destroy() {
    this.destroyed = true;
  }

  /**
   * The explanation, one frame after an edit. The keystroke's own frame then carries the edited
   * row, its groups and the total (the figures the user waits for); the explanation sits at the
   * bottom of the window, so repainting it in the same frame made the area the browser redraws
   * the whole window (measured at 1,000 leaves: the frame's draw 4–5 ms, without it about 2).
   */
  showSoon() {
    if (this.pending) return;
    this.pending = true;
    requestAnimationFrame(() => setTimeout(() => {
      this.pending = false;
      if (!this.destroyed) this.show();
    }));
  }

  /** Puts `parts` into the explanation unless it already shows exactly that. */
  #shows(...parts) {
    const next = h('div', {}, ...parts);
    if (next.innerHTML === this.element.innerHTML) return;
    this.element.replaceChildren(...next.childNodes);
  }

  show() {
    const view = this.view;
    const report = this.table.report;
    const sheetDiagnostics = this.table.sheetDiagnostics ?? [];
    const i = view.current;
    const node = i != null && view.rows[i] ? view.explained(i) : null;
    const summary = this.table.shownSummary(view.rows);
    if (summary) {
      // The 汇总表's one derived figure, explained like an indicator's score.
      const messages = sheetDiagnostics.filter((d) => d.in === 'sheet' || d.in === 'setting');
      this.#shows(
        h('span', { class: 'jx-detail-title' }, '合计'),
        h('span', {}, summary.rate
          ? `预算完成率 = 完成数合计 ÷ 预算数合计 = ${summary.spent} ÷ ${summary.budget} = ${summary.rate}`
          : '填入预算数与完成数后，合计行给出完成数合计 ÷ 预算数合计。'),
        h('div', { class: 'jx-formula' }, `${summary.rows.length} 个项目；${summary.grades.map((g) => `${g.grade} ${g.count} 个`).join('，')}${summary.mean_score ? `；平均分 ${summary.mean_score}` : ''}`),
        messages.length ? h('ul', { class: 'jx-messages' }, messages.map((d) => h('li', { 'data-severity': d.severity }, d.message))) : null);
      return;
    }
    if (!node) {
      // The bar already says when the total is incomplete.
      const messages = sheetDiagnostics.filter((d) => (d.in === 'sheet' || d.in === 'setting') && d.code !== 'incomplete');
      this.#shows(
        h('span', { class: 'jx-detail-title' }, '说明'),
        report?.rescale ? h('span', {}, report.rescale.text) : h('span', {}, '点选任一指标，可在此查看其得分的计算过程。'),
        messages.length ? h('ul', { class: 'jx-messages' }, messages.map((d) => h('li', { 'data-severity': d.severity }, d.message))) : null);
      return;
    }
    const messages = view.diagnosticsOf(i);
    this.#shows(
      h('span', { class: 'jx-detail-title' }, node.name || `第${i + 1}行`),
      node.leaf
        ? h('span', {}, node.derivation ?? '')
        : h('span', {}, `分组：分值 ${node.weight ?? '—'}，得分 ${node.score ?? '—'}（下级得分之和）`),
      node.formula ? h('div', { class: 'jx-formula' }, node.formula) : null,
      messages.length ? h('ul', { class: 'jx-messages' }, messages.map((d) => h('li', { 'data-severity': d.severity }, d.message))) : null);
  }
}
