// 检查: the button that counts the findings (errors, things to look at, cells not filled yet)
// and the list it opens, each finding named by its place; a click on one edits its cell.
import { h, fill, setText, setAttr } from './dom.js';

/** The most findings the paper lists. */
const PAPER_FINDINGS = 10;

export class Checks {
  /** `table`: the open table (its findings outside the indicator tree); `view`: the
   * indicator table (its rows' findings, and the cell a finding is at); `goTo`, the places of
   * the other findings (below). */
  constructor(table, view, goTo = {}) {
    this.table = table;
    this.view = view;
    /** Where a finding away from the indicator rows is: `funds(row, field)`,
     * `project(row, field)`, `setting()`; each true when it found the place. */
    this.goTo = goTo;
    this.button = h('button', { type: 'button', class: 'jx-checks', 'aria-expanded': 'false', onclick: () => this.toggle() }, '检查');
    this.panel = h('section', { class: 'jx-problems', hidden: true, 'aria-label': '检查结果' });
  }

  /** Every finding: the sheet's, then the rows' in printed order. */
  all() {
    const rows = [...this.view.diagnostics.values()].flat().sort((a, b) => a.node - b.node);
    return [...(this.table.sheetDiagnostics ?? []), ...rows];
  }

  /** The button counts real errors, things to look at, and cells not filled yet. */
  count() {
    const { parts, errors } = this.#tally();
    setText(this.button, parts.length ? `检查（${parts.join('，')}）` : '检查 ✓');
    setAttr(this.button, 'data-errors', String(errors));
  }

  /** The counts the button shows and the list is headed with, in words, and the errors. */
  #tally() {
    let errors = 0;
    let warnings = 0;
    let missing = 0;
    let hints = 0;
    for (const d of this.all()) {
      if (d.code === 'missing') missing++;
      else if (d.code === 'incomplete' || d.severity === 'info') continue;
      else if (d.severity === 'error') errors++;
      else if (d.severity === 'hint') hints++;
      else warnings++;
    }
    // 提示 are the reviewer's points about the indicators themselves, counted apart.
    const parts = [errors && `${errors} 处错误`, warnings && `${warnings} 处注意`, hints && `${hints} 条指标建议`, missing && `${missing} 项待填`].filter(Boolean);
    return { parts, errors };
  }

  toggle() {
    this.panel.hidden = !this.panel.hidden;
    this.button.setAttribute('aria-expanded', String(!this.panel.hidden));
    this.render();
  }

  /** As the engine names a finding's place for the 检查结果 worksheet and a review
   * (`Calculator::place`), from the rows as the page holds them while they are typed. */
  #place(d) {
    if (d.in === 'node') {
      const name = this.view.rows[d.node]?.node.name?.trim();
      return name ? `“${name}”` : `第${d.node + 1}行`;
    }
    if (d.in === 'funds') return `资金第${d.row + 1}行`;
    if (d.in === 'project') {
      // By its name and 序号: a sorted 汇总表 shows its rows in another order than they are kept.
      const row = (this.table.sheet?.projects ?? [])[d.row];
      const name = row?.project?.trim();
      const seq = row?.seq?.trim();
      return !name ? `项目第${d.row + 1}行` : seq ? `“${name}”（序号${seq}）` : `“${name}”`;
    }
    if (d.in === 'setting') return '设置';
    return '全表';
  }

  /**
   * For the paper: the errors and the things to look at that 检查 still finds, each at its
   * place, so that a form printed with them does not look clean (分值 that do not add up, a
   * grade typed against its score); null when there are none. Cells not filled yet are said
   * by the 总分's 待定, and the 提示 on how indicators are set are the screen's.
   */
  paper() {
    const found = this.all().filter((d) => (d.severity === 'error' || d.severity === 'warning') && d.code !== 'missing' && d.code !== 'incomplete');
    if (!found.length) return null;
    const errors = found.filter((d) => d.severity === 'error').length;
    const counts = [errors && `错误 ${errors} 处`, found.length - errors && `需注意 ${found.length - errors} 处`].filter(Boolean);
    // The errors first; a long list is cut short, the rest left to 检查 on the screen.
    const listed = [...found].sort((a, b) => (a.severity === 'error' ? 0 : 1) - (b.severity === 'error' ? 0 : 1)).slice(0, PAPER_FINDINGS);
    return h('div', { class: 'jx-paper-errors' },
      h('p', {}, `检查发现尚未处理的问题（${counts.join('，')}）：`),
      h('ol', {}, listed.map((d) => h('li', {}, `${d.severity === 'error' ? '〔错误〕' : '〔注意〕'}${this.#place(d)}：${d.message}`))),
      found.length > listed.length ? h('p', {}, `另有 ${found.length - listed.length} 处未列出，见页面上的“检查”。`) : null);
  }

  /** The list, while it is open. */
  render() {
    if (this.panel.hidden) return;
    const list = this.all().filter((d) => d.severity !== 'info');
    const place = (d) => this.#place(d);
    fill(this.panel,
      // Headed as the button counts: an error is not one more thing "to look at".
      h('h2', {}, list.length ? `检查结果：${this.#tally().parts.join('，') || `${list.length} 条说明`}` : '没有发现问题'),
      // A finding at a place is a button that goes there; one about the whole table, with no
      // place to go, is its text (a button that did nothing).
      h('ul', {}, list.map((d) => h('li', { 'data-severity': d.severity }, this.#placed(d)
        ? h('button', { type: 'button', onclick: () => this.#go(d) }, `${place(d)}：${d.message}`)
        : h('span', { class: 'jx-problem-text' }, `${place(d)}：${d.message}`)))));
  }

  /** Whether a finding has a place to go to. */
  #placed(d) {
    return d.in === 'node' || (d.in === 'funds' && this.goTo.funds) || (d.in === 'project' && this.goTo.project) || (d.in === 'setting' && this.goTo.setting);
  }

  /** To the cell a finding is at (the 资金 row's, the 汇总表 row's), or 设置. */
  #go(d) {
    if (d.in === 'node') this.view.focus(d.node, d.field === 'level' ? 'actual' : d.field);
    else if (d.in === 'funds') this.goTo.funds(d.row, d.field);
    else if (d.in === 'project') this.goTo.project(d.row, d.field);
    else if (d.in === 'setting') this.goTo.setting();
  }
}
