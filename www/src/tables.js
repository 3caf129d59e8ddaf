// The small tables: 资金情况 (budgets against spending) and the 汇总表 (one row per project).
// Both are re-drawn whole after an edit; they hold tens of rows, not thousands.
import { h, fill } from './dom.js';

function marks(td, input, list) {
  if (!list?.length) return;
  const worst = list.find((d) => d.severity === 'error') ?? list.find((d) => d.severity === 'warning') ?? list[0];
  td.dataset.severity = worst.severity;
  td.title = list.map((d) => d.message).join('；');
  if (input && worst.severity === 'error') input.setAttribute('aria-invalid', 'true');
}

function findings(diagnostics, place, row, field) {
  return diagnostics.filter((d) => d.in === place && d.row === row && d.field === field);
}

/** 资金情况. `on.edit(row, field, value)`, `on.add()`, `on.remove(row)`. */
export function fundsTable(rows, reports, diagnostics, on) {
  const body = h('tbody');
  rows.forEach((row, i) => {
    const report = reports[i] ?? {};
    const field = (key, label, num) => {
      const input = h('input', { type: 'text', value: row[key] ?? '', 'aria-label': `资金第${i + 1}行${label}`, inputmode: num ? 'decimal' : null, oninput: (e) => on.edit(i, key, e.target.value) });
      const td = h('td', { class: num ? 'jx-num' : '' }, input);
      marks(td, input, findings(diagnostics, 'funds', i, key === 'name' ? 'name' : key));
      return td;
    };
    const rate = h('td', { class: 'jx-num' }, h('span', { class: 'jx-out' }, report.rate ?? '—'));
    marks(rate, null, findings(diagnostics, 'funds', i, 'spent').filter((d) => d.code === 'spent_over_budget'));
    body.append(h('tr', {},
      field('name', '名称'), field('budget', '预算数', true), field('spent', '执行数', true), rate,
      h('td', { class: 'jx-no-print' }, h('button', { type: 'button', 'aria-label': `删除资金第${i + 1}行`, onclick: () => on.remove(i) }, '删除'))));
  });
  return h('div', { class: 'jx-scroll' }, h('table', { class: 'jx-table jx-small', 'aria-label': '资金情况' },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, '名称'), h('th', { scope: 'col', class: 'jx-num' }, '预算数（万元）'), h('th', { scope: 'col', class: 'jx-num' }, '执行数（万元）'), h('th', { scope: 'col', class: 'jx-num' }, '执行率'), h('th', { scope: 'col', class: 'jx-no-print' }, h('span', { class: 'jx-sr' }, '操作')))),
    body));
}

const PROJECT_COLUMNS = [
  ['seq', '序号', '3.5em'],
  ['unit', '单位名称', '12em'],
  ['project', '项目名称', '14em'],
  ['budget', '预算数', '8em', true],
  ['spent', '完成数', '8em', true],
  ['rate', '预算完成率', '7em', true, true],
  ['score', '分数', '5.5em', true],
  ['grade', '等级', '4em'],
  ['problems', '问题', '14em'],
  ['suggestions', '建议', '14em'],
];

/** The 汇总表 with its 合计 row. `on.edit(row, field, value)`, `on.add()`, `on.remove(row)`. */
export function projectsTable(rows, summary, diagnostics, on) {
  const body = h('tbody');
  rows.forEach((row, i) => {
    const report = summary?.rows[i] ?? {};
    const tr = h('tr', {});
    for (const [key, label, , num, computed] of PROJECT_COLUMNS) {
      if (computed) {
        tr.append(h('td', { class: 'jx-num' }, h('span', { class: 'jx-out' }, report.rate ?? '—')));
        continue;
      }
      const input = h('input', { type: 'text', value: row[key] ?? '', 'aria-label': `项目第${i + 1}行${label}`, inputmode: num ? 'decimal' : null, placeholder: key === 'grade' ? report.grade ?? '' : null, oninput: (e) => on.edit(i, key, e.target.value) });
      const td = h('td', { class: num ? 'jx-num' : '' }, input);
      const diagField = { budget: 'budget', spent: 'spent', score: 'score', grade: 'grade' }[key];
      if (diagField) marks(td, input, findings(diagnostics, 'project', i, diagField));
      tr.append(td);
    }
    tr.append(h('td', { class: 'jx-no-print' }, h('button', { type: 'button', 'aria-label': `删除项目第${i + 1}行`, onclick: () => on.remove(i) }, '删除')));
    body.append(tr);
  });
  if (summary) {
    body.append(h('tr', { class: 'jx-total-row' },
      h('td'), h('td', {}, h('span', { class: 'jx-out', style: 'text-align:left' }, '合计')), h('td'),
      h('td', { class: 'jx-num' }, h('span', { class: 'jx-out' }, summary.budget)),
      h('td', { class: 'jx-num' }, h('span', { class: 'jx-out' }, summary.spent)),
      h('td', { class: 'jx-num' }, h('span', { class: 'jx-out' }, summary.rate ?? '—')),
      h('td', { class: 'jx-num' }, h('span', { class: 'jx-out' }, summary.mean_score ? `均 ${summary.mean_score}` : '——')),
      h('td'), h('td'), h('td'), h('td', { class: 'jx-no-print' })));
  }
  const table = h('table', { class: 'jx-table', 'aria-label': '项目汇总表' },
    h('colgroup', {}, PROJECT_COLUMNS.map(([, , w]) => h('col', { style: `width:${w}` })), h('col', { style: 'width:4em' })),
    h('thead', {}, h('tr', {}, PROJECT_COLUMNS.map(([, label, , num]) => h('th', { scope: 'col', class: num ? 'jx-num' : '' }, label)), h('th', { scope: 'col', class: 'jx-no-print' }, h('span', { class: 'jx-sr' }, '操作')))),
    body);
  const dist = summary ? h('p', { class: 'jx-dist', 'aria-label': '等级分布' },
    summary.grades.map((g) => h('span', {}, `${g.grade} ${g.count} 个`)),
    summary.min_score ? h('span', {}, `分数 ${summary.min_score} – ${summary.max_score}`) : null) : null;
  return fill(h('div'), h('div', { class: 'jx-scroll' }, table), dist);
}
