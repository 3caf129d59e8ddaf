// The result in the bar: the total (on a 汇总表, its 预算完成率 and counts of projects by
// grade), the grade, grey while some indicators are unscored or the table has errors (分值
// that do not add up, say), what is still missing, and a
// polite live region that reads the total out once typing pauses. Only what changed is
// written: an unchanged bar is neither laid out nor repainted.
import { h, setText, setAttr } from './dom.js';

export class Bar {
  constructor() {
    this.totalLabel = h('span', {}, '总分');
    this.totalValue = h('strong', {}, '—');
    this.gradeBadge = h('span', { class: 'jx-grade', 'data-grade': '' }, '—');
    this.incomplete = h('span', { class: 'jx-incomplete' });
    this.live = h('span', { class: 'jx-sr', 'aria-live': 'polite' });
    // Not a live region itself: its figures change at every key, which a screen reader would
    // read out at every key; `live` says the result once typing pauses.
    this.element = h('div', { class: 'jx-result', role: 'group', 'aria-label': '计算结果' },
      h('span', { class: 'jx-total' }, this.totalLabel, this.totalValue),
      this.gradeBadge, this.incomplete, this.live);
  }

  /**
   * Shows `t` (a report, or an edit's update: total, grade, rescale, and the leaves scored and
   * unscored, which the core keeps); `summary`, when given, is the 汇总表's evaluation shown
   * instead of a total.
   */
  show(t, summary) {
    setText(this.totalLabel, summary ? '预算完成率' : '总分');
    this.gradeBadge.hidden = !!summary;
    if (summary) {
      const rate = summary.rate ?? '—';
      setText(this.totalValue, rate);
      setText(this.incomplete, `${summary.rows.length} 个项目　${summary.grades.filter((g) => g.count).map((g) => `${g.grade} ${g.count}`).join('　')}`);
      setAttr(this.incomplete, 'data-kind', 'summary');
      return;
    }
    this.incomplete.removeAttribute('data-kind');
    // Before anything is scored there is no total; while some leaves are unscored, or the
    // table has errors, the grade is shown as provisional, not as a verdict.
    const { unscored, errors = 0 } = t;
    const none = t.scored === 0;
    const total = none ? '—' : t.total ?? '—';
    const grade = none ? '' : t.grade ?? '';
    // Provisional until the core says the grade is one a form may state (`final_grade`).
    const pending = !grade || t.final_grade ? '' : errors && !unscored ? '表中有错误' : '未完成';
    setText(this.totalValue, total);
    setText(this.gradeBadge, grade || '—');
    setAttr(this.gradeBadge, 'data-grade', grade);
    this.gradeBadge.toggleAttribute('data-pending', !!grade && !!pending);
    setAttr(this.gradeBadge, 'aria-label', grade ? `等级：${grade}${pending ? `（${pending}）` : ''}` : '等级：暂无');
    setText(this.incomplete, unscored ? `未完成：${unscored} 项待计分`
      : errors ? `表中有 ${errors} 处错误，更正后等级才作数` : t.rescale ? '已按适用指标折算' : '');
    clearTimeout(this.announceTimer);
    this.announceTimer = setTimeout(() => {
      this.live.textContent = total !== '—' ? `总分 ${total}，${grade}${pending ? `，${pending}` : ''}` : '';
    }, 800);
  }
}
