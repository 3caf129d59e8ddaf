// The 汇总表: one row per project. Rows from the workbook's sheets are evaluated from those
// sheets (shown here, edited there); rows typed directly are edited here, one cell at a time
// or by pasting a block from Excel. Sorting and filtering change only what is shown; every
// figure (rates, the 合计 and a filtered selection's 合计) comes from the core.
import { h, fill, typedIn, imeKey, lineField } from './dom.js';
import { pastedBlock } from './clipboard.js';
import { mayOverflow } from './sheet-columns.js';
import { actionsKey, cellMove, rowOfMove } from './sheet-keys.js';
import { RowWindow } from './row-window.js';

/** key, label, numeric, computed (shown from the evaluation, never typed). The widths are
 * the stylesheet's (--jx-scols). */
export const SUMMARY_COLUMNS = [
  ['seq', '序号'],
  ['unit', '单位名称'],
  ['project', '项目名称'],
  ['goal', '绩效目标'],
  ['budget', '预算数（万元）', true],
  ['spent', '完成数（万元）', true],
  ['rate', '预算完成率', true, true],
  ['score', '分数', true],
  ['grade', '等级'],
  ['problems', '问题'],
  ['suggestions', '建议'],
];

/** Rows per block drawn or emptied together (row-window.js). */
const CHUNK = 50;

const SORTABLE = new Set(['seq', 'unit', 'project', 'budget', 'spent', 'rate', 'score', 'grade']);

/** A figure as a number, for ordering rows only (never for arithmetic). */
function magnitude(text) {
  if (text == null || text === '') return null;
  const n = Number(String(text).replace(/[,%，\s]/g, ''));
  return Number.isFinite(n) ? n : null;
}

/** Chinese order for the text columns, made when a 汇总表 is first sorted: made at load, it
 * cost every visit up to 26 ms in a new browser context. */
let collator = null;

/**
 * The order rows are shown in: their indices, filtered by `state.text` (unit, project, goal,
 * problems, suggestions) and `state.grade`, then sorted by `state.sort` ({ key, dir }).
 */
export function displayOrder(rows, reports, state, gradeOrder) {
  const text = state.text?.trim().toLowerCase();
  let order = rows.map((_, i) => i).filter((i) => {
    const row = rows[i];
    const report = reports[i] ?? {};
    if (state.grade === '未评') {
      if (report.grade) return false;
    } else if (state.grade && report.grade !== state.grade) return false;
    if (!text) return true;
    return [row.unit, row.project, row.goal, row.problems, row.suggestions, row.seq].some((v) => v?.toLowerCase().includes(text));
  });
  const { key, dir } = state.sort ?? {};
  if (key) {
    const value = (i) => {
      const report = reports[i] ?? {};
      if (key === 'grade') {
        const k = gradeOrder.indexOf(report.grade);
        return k < 0 ? null : k;
      }
      if (key === 'unit' || key === 'project') return rows[i][key] || null;
      return magnitude(key === 'seq' ? rows[i].seq : report[key]);
    };
    const sign = dir === 'desc' ? -1 : 1;
    order = order.map((i) => [i, value(i)]).sort(([a, x], [b, y]) => {
      // Blanks last whichever the direction; ties keep the table's order.
      if (x == null || y == null) return x == null && y == null ? a - b : x == null ? 1 : -1;
      const c = typeof x === 'string' ? (collator ??= new Intl.Collator('zh-CN', { numeric: true })).compare(x, y) : x - y;
      return c !== 0 ? sign * c : a - b;
    }).map(([i]) => i);
  }
  return order;
}

/** A row's 预算数, 完成数 or 分数 as the core read it, for paper: a form filed shows every
 * figure in one style (`420.00万元`, `９６．０８`, ` 87.99分 ` print as 420.00, 96.08, 87.99),
 * the amounts and the score with every place read (87.995 is no 88.00 on paper). Null for another column or a cell
 * the core could not read, which prints as typed (its error said on screen). */
function readFigure(report, key) {
  if (key === 'budget' || key === 'spent') return report?.[`${key}_exact`] ?? null;
  if (key === 'score') return report?.score_exact ?? null;
  return null;
}

function findingsOf(diagnostics, row) {
  return diagnostics.filter((d) => d.in === 'project' && d.row === row);
}

/** Shows a cell's findings: colour, tooltip, and for errors the input marked invalid. */
function mark(td, list) {
  const input = td.querySelector(FIELD);
  delete td.dataset.severity;
  td.removeAttribute('title');
  input?.removeAttribute('aria-invalid');
  if (!list.length) return;
  const worst = list.find((d) => d.severity === 'error') ?? list.find((d) => d.severity === 'warning') ?? list[0];
  td.dataset.severity = worst.severity;
  td.title = list.map((d) => d.message).join('；');
  if (input && worst.severity === 'error') input.setAttribute('aria-invalid', 'true');
}

const PENDING = '这张表格尚未全部计分，或表中有错误（分值不平、无法识别的单元格等），还没有分数，不计入平均分和等级分布：点项目名称打开它补全';

/** A typed cell's field: a text input for a figure, else a text area (`inputFor`). */
const FIELD = 'input, textarea';

const cellOf = (props, ...children) => h('div', { role: 'cell', ...props, class: `jx-scell ${props.class ?? ''}` }, ...children);

/** The 合计's count of projects by grade, and the core's count of those in no grade
 * (`no_score`: a sheet still being filled in, or with errors; a typed row without a score),
 * which the mean and the grades leave out, named as every form names them. */
function gradeCounts(s) {
  return [...s.grades.filter((g) => g.count).map((g) => `${g.grade} ${g.count}`), s.no_score ? `无分数 ${s.no_score}` : null].filter(Boolean).join('　');
}

function totalRow(label, s, cls) {
  return h('div', { role: 'row', class: `jx-srow ${cls}` },
    cellOf({}), cellOf({ class: 'jx-span3' }, h('span', { class: 'jx-out jx-left' }, label)),
    cellOf({ class: 'jx-num', 'data-cell': 'total-budget' }, h('span', { class: 'jx-out' }, s.budget)),
    cellOf({ class: 'jx-num', 'data-cell': 'total-spent' }, h('span', { class: 'jx-out' }, s.spent)),
    cellOf({ class: 'jx-num', 'data-cell': 'total-rate' }, h('span', { class: 'jx-out' }, s.rate ?? '—')),
    cellOf({ class: 'jx-num' }, h('span', { class: 'jx-out' }, s.mean_score ? `均 ${s.mean_score}` : '——')),
    cellOf({ class: 'jx-span3' }, h('span', { class: 'jx-out jx-left' }, gradeCounts(s))),
    cellOf({ class: 'jx-no-print' }));
}

/** A column's room for text, in em (its width less the padding), for clipping only what may
 * not fit: a clip on every cell made each keystroke's frame cost more the more rows there
 * were. Flexible columns count their minimum. */
const ROOM = { seq: 2.3, unit: 7.8, project: 8.8, goal: 6.8, budget: 6.3, spent: 6.3, rate: 5.3, score: 4.3, grade: 2.8, problems: 7.8, suggestions: 7.8 };

/** A typed cell shown as text: its value, or (the grade) the computed one, in grey on screen
 * and printed as the grade. */
function typedText(key, value, num, computed) {
  const text = value ?? '';
  const cls = ['jx-out', num ? '' : 'jx-left', !text && computed ? 'jx-computed' : '', mayOverflow(text, ROOM[key] ?? 4) ? 'jx-clip' : ''];
  return h('span', { class: cls.filter(Boolean).join(' '), title: !num && text ? text : null }, text || computed || '');
}

/**
 * The table. `rows`: the projects as entered; `summary`: their evaluation; `linked`: how many
 * leading rows come from sheets (`sheets[i]` names each); `state`: sort and filter; `filtered`:
 * the evaluation of the rows shown when a filter is on. `on`: edit(row, key, value),
 * remove(row), open(row), paste(row, key, grid), sort(key).
 *
 * Drawn as a grid of rows (ARIA table roles), only those near the view (row-window.js): in a
 * <table>, typing in one cell makes the browser lay out every row again, which at a thousand
 * projects costs a tenth of a second per keystroke, and drawing ten thousand rows took seconds
 * at every sort (npm run bench). Rows show their
 * text; the row being edited holds inputs (a click on a cell, or the keyboard into the table),
 * so that a thousand rows are not ten thousand inputs for the browser to lay out and paint.
 * Arrow keys and Enter move up and down a column, Tab goes on to the next row, as in a
 * spreadsheet.
 *
 * Returns the element, `placed()`, to call once it is in the page, `update(summary,
 * diagnostics, filtered, row)`, which after a keystroke rewrites only that row's computed cells
 * and findings and the 合计 rows (the rows stay where they are until the table is sorted again,
 * as in a spreadsheet), `focus(row, key)`, which puts the caret in a typed cell, and
 * `printRows()`, every row shown as text for paper.
 */
export function summaryTable({ rows, summary, diagnostics, linked, sheets, state, filtered, gradeOrder, on }) {
  let reports = summary?.rows ?? [];
  const order = displayOrder(rows, reports, state, gradeOrder);
  const body = h('div', { role: 'rowgroup', class: 'jx-sbody' });
  const drawn = new Map();
  /** The row holding inputs (its index), if any. */
  let active = null;
  const typedKeys = SUMMARY_COLUMNS.filter((c) => !c[3]).map((c) => c[0]);
  const columnOf = (key) => SUMMARY_COLUMNS.find((c) => c[0] === key);
  const isTyped = (i, key) => i >= linked && typedKeys.includes(key);

  /** Row `i`'s typed cell `key` as a field: words keep the line breaks they may hold (dom.js,
   * lineField); a figure (序号, 预算数, 完成数, 分数) or a grade is one line, a text input. */
  const inputFor = (i, key) => {
    const [, label, num] = columnOf(key);
    const report = reports[i] ?? {};
    const words = !num && key !== 'grade' && key !== 'seq';
    return (words ? lineField : (props) => h('input', { type: 'text', ...props }))({
      value: rows[i][key] ?? '', 'aria-label': `项目第${i + 1}行${label}`, 'data-key': key,
      inputmode: num ? 'decimal' : null, placeholder: key === 'grade' ? report.grade ?? '' : null, autocomplete: 'off',
      // The grade shown is the one computed from the score until one is typed: printed so.
      'data-computed': key === 'grade' ? 'true' : null,
      oninput: (e) => on.edit(i, key, e.target.value),
      onpaste: pastedBlock((grid) => on.paste(i, key, grid)),
    });
  };
  /** On paper (`paper`), a figure as the core read it, not as typed: see `readFigure`. */
  const textFor = (i, key, paper = false) => typedText(key, (paper && readFigure(reports[i], key)) || rows[i][key], columnOf(key)[2], key === 'grade' ? reports[i]?.grade : null);

  /** Row `i`'s typed cells as inputs (`on`) or as text again. */
  const swap = (i, inputs) => {
    const cells = drawn.get(i);
    if (!cells) return;
    for (const key of typedKeys) {
      const td = cells[key];
      // What was typed stays as the row's text.
      if (!inputs && td.firstChild.matches(FIELD)) rows[i][key] = td.firstChild.value;
      td.firstChild.replaceWith(inputs ? inputFor(i, key) : textFor(i, key));
      if (td.dataset.severity) td.querySelector(FIELD)?.setAttribute('aria-invalid', String(td.dataset.severity === 'error'));
    }
  };
  const activate = (i) => {
    if (active === i) return;
    if (active != null) swap(active, false);
    active = drawn.has(i) && i >= linked ? i : null;
    if (active != null) swap(active, true);
  };
  const focus = (i, key) => {
    rowWindow.ensure(order.indexOf(i));
    activate(i);
    const input = drawn.get(i)?.[key]?.querySelector(FIELD);
    input?.focus();
    return input;
  };
  /** The typed row shown `k`th, else the first after it in direction `step`, if any. */
  const typedRowAt = (k, step) => {
    while (order[k] != null && order[k] < linked) k += step;
    return order[k];
  };
  /** The typed row `step` rows away from `i` in the order shown, if any. */
  const typedRowFrom = (i, step) => typedRowAt(order.indexOf(i) + step, step);

  /** The row shown `k`th (project `order[k]`) as text, and its cells by column; for paper
   * (`paper`), its figures as read (`readFigure`). */
  const buildRow = (k, paper = false) => {
    const i = order[k];
    const row = rows[i];
    const report = reports[i] ?? {};
    const fromSheet = i < linked;
    const tr = h('div', { role: 'row', 'aria-rowindex': k + 2, 'data-row': i, class: fromSheet ? 'jx-srow jx-linked' : 'jx-srow' });
    const cells = {};
    for (const [key, , num, computed] of SUMMARY_COLUMNS) {
      let content;
      if (computed || fromSheet) {
        const shown = (paper && readFigure(report, key)) || (computed || key === 'budget' || key === 'spent' || key === 'grade' || key === 'score' ? report[key] ?? row[key] : row[key]);
        content = key === 'project' && fromSheet
          ? h('button', { type: 'button', class: 'jx-link', title: '打开这张表格', onclick: () => on.open(i) }, row.project || sheets[i] || `表格${i + 1}`)
          // A sheet not yet fully scored, or with errors, has no score to count: its 分数 says
          // so as the core gives it (待定), with why.
          : key === 'score' && fromSheet && !report.score && row.score
            ? h('span', { class: 'jx-out jx-computed', title: PENDING }, row.score)
            : h('span', {
              class: [key === 'grade' ? 'jx-out jx-grade-cell' : num ? 'jx-out' : 'jx-out jx-left', mayOverflow(shown ?? '', ROOM[key] ?? 4) ? 'jx-clip' : ''].join(' ').trim(),
              'data-grade': key === 'grade' ? shown ?? '' : null, title: num || key === 'grade' ? null : shown,
            }, shown ?? (computed ? '—' : ''));
      } else {
        content = textFor(i, key, paper);
      }
      const td = cellOf({ class: num ? 'jx-num' : '', 'data-cell': key }, content);
      cells[key] = td;
      tr.append(td);
    }
    tr.append(cellOf({ class: 'jx-no-print jx-row-actions' }, fromSheet
      ? h('span', { class: 'jx-hint', title: '此行由工作簿中的表格计算得出，请在该表格中修改' }, '来自表格')
      // Out of the Tab order, as 资金情况's 删除 and the indicator table's ⋯ menu are: Tab on
      // from a row's last cell and Enter, to go on typing, deleted the row. Shift+F10 from the
      // row's cells reaches it.
      : h('button', { type: 'button', tabindex: '-1', 'aria-label': `删除项目第${i + 1}行`, 'aria-keyshortcuts': 'Shift+F10', onclick: () => on.remove(i) }, '删除')));
    return { tr, cells };
  };
  /** Each row's findings (by row index), as the last update left them. */
  const findings = new Map();
  /** Row `i`'s findings at its cells. */
  const showFindings = (i, cells) => {
    const found = findings.get(i) ?? [];
    for (const [key, td] of Object.entries(cells)) {
      const here = found.filter((d) => d.field === key || (key === 'project' && d.field === 'name') || (key === 'rate' && d.field === 'spent' && d.code === 'spent_over_budget'));
      if (here.length || td.dataset.severity) mark(td, here);
    }
  };
  const rowWindow = new RowWindow({
    size: CHUNK,
    rowHeight: 35,
    draw: (k) => {
      const { tr, cells } = buildRow(k);
      drawn.set(order[k], cells);
      showFindings(order[k], cells);
      return [tr];
    },
    drop: (k) => drawn.delete(order[k]),
    keep: (k) => order[k] === active,
  });
  if (!rows.length) {
    body.append(h('div', { role: 'row', class: 'jx-srow jx-sempty' }, cellOf({ class: 'jx-wide' },
      '还没有项目。在工作簿中新建表格，其得分会自动汇总到这里；也可以“添加项目”直接录入，或从 Excel 复制整块粘贴到第一行。')));
  }
  // A click on a typed cell edits it; the keys move as in a spreadsheet.
  let pointing = false;
  const table = h('div', { role: 'table', class: 'jx-sgrid', 'aria-label': '项目汇总表', tabindex: order.some((i) => i >= linked) ? '0' : null });
  table.addEventListener('mousedown', () => {
    pointing = true;
    setTimeout(() => {
      pointing = false;
    });
  });
  body.addEventListener('click', (e) => {
    const td = e.target.closest('[data-cell]');
    const tr = td?.closest('[data-row]');
    if (!tr || e.target.closest(`${FIELD}, button`)) return;
    const i = Number(tr.dataset.row);
    if (isTyped(i, td.dataset.cell)) focus(i, td.dataset.cell);
  });
  // The keys of the indicator table and 资金情况 (sheet-keys.js): Enter / Shift+Enter, ↑ / ↓,
  // PageDown / PageUp and Ctrl+Home / End along a column, ← / → at the ends of a cell's text to
  // the cell beside; Tab on from a row's last cell to the next row. Shift+F10 (or the menu key)
  // from a row's cell to its 删除, which Tab passes by; Esc from there back to the row's first.
  body.addEventListener('keydown', (e) => {
    if (imeKey(e)) return;
    const tr = e.target.closest('[data-row]');
    const i = Number(tr?.dataset.row);
    if (tr && i >= linked && (actionsKey(e) || (e.key === 'Escape' && e.target.tagName === 'BUTTON'))) {
      e.preventDefault();
      if (e.key === 'Escape') focus(i, typedKeys[0]);
      else tr.querySelector('button[aria-label^="删除"]')?.focus();
      return;
    }
    const input = e.target.closest('[data-key]');
    if (!input || active == null) return;
    const key = input.dataset.key;
    const move = cellMove(e);
    let to = null;
    if (move === 'right' || move === 'left') to = [active, typedKeys[typedKeys.indexOf(key) + (move === 'right' ? 1 : -1)]];
    // Along the column, rows from sheets passed over in the move's direction.
    else if (move) to = [typedRowAt(rowOfMove(move, order.indexOf(active), order.length - 1), move === 'down' || move === 'PageDown' || move === 'Home' ? 1 : -1), key];
    else if (e.key !== 'Tab' || e.altKey || e.ctrlKey || e.metaKey) to = null;
    else if (!e.shiftKey && key === typedKeys[typedKeys.length - 1]) to = [typedRowFrom(active, 1), typedKeys[0]];
    else if (e.shiftKey && key === typedKeys[0]) to = [typedRowFrom(active, -1), typedKeys[typedKeys.length - 1]];
    // Already there (Ctrl+End on the last row): the key is the text's, the cell typed in never
    // selected for the next key to replace.
    if (!to || to[0] == null || !to[1] || (to[0] === active && to[1] === key)) return;
    e.preventDefault();
    focus(to[0], to[1])?.select();
  });
  const foot = h('div', { role: 'rowgroup', class: 'jx-sfoot' });
  const header = (key, label, num) => {
    if (!SORTABLE.has(key)) return h('div', { role: 'columnheader', class: num ? 'jx-sth jx-num' : 'jx-sth' }, label);
    const sorted = state.sort?.key === key ? state.sort.dir : null;
    return h('div', { role: 'columnheader', class: num ? 'jx-sth jx-num' : 'jx-sth', 'aria-sort': sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none' },
      h('button', { type: 'button', class: 'jx-sort', title: '点击排序', 'data-sort': key, onclick: () => on.sort(key) }, label,
        h('span', { class: 'jx-sort-mark', 'aria-hidden': 'true' }, sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : '')));
  };
  table.append(
    h('div', { role: 'rowgroup', class: 'jx-shead' }, h('div', { role: 'row', 'aria-rowindex': 1, class: 'jx-srow' },
      SUMMARY_COLUMNS.map(([key, label, num]) => header(key, label, num)),
      h('div', { role: 'columnheader', class: 'jx-sth jx-no-print' }, h('span', { class: 'jx-sr' }, '操作')))),
    body, foot);

  // The keyboard into the table: the row last edited, else the first typed row shown.
  table.addEventListener('focus', (e) => {
    // A click (the cell clicked is the one to edit, or none), or Shift+Tab back from the
    // table's own headers on the way out: not the keyboard coming in.
    if (pointing || table.contains(e.relatedTarget)) return;
    const i = active ?? order.find((r) => r >= linked);
    if (i != null) focus(i, typedKeys[0]);
  });

  const update = (next, nextDiagnostics, nextFiltered, only = null) => {
    const nextReports = next?.rows ?? [];
    reports = nextReports;
    if (only == null) findings.clear();
    else findings.delete(only);
    for (const d of nextDiagnostics) {
      if (d.in !== 'project' || (only != null && d.row !== only)) continue;
      if (!findings.has(d.row)) findings.set(d.row, []);
      findings.get(d.row).push(d);
    }
    for (const [i, cells] of only == null ? drawn : [[only, drawn.get(only)]]) {
      if (!cells) continue;
      const report = nextReports[i] ?? {};
      const rate = cells.rate.firstChild;
      if (rate.textContent !== (report.rate ?? '—')) rate.textContent = report.rate ?? '—';
      const grade = cells.grade.firstChild;
      if (grade.tagName === 'INPUT' && grade.placeholder !== (report.grade ?? '')) grade.placeholder = report.grade ?? '';
      else if (!(rows[i].grade ?? '') && grade.tagName !== 'INPUT' && grade.textContent !== (report.grade ?? '')) {
        grade.textContent = report.grade ?? '';
        grade.classList.toggle('jx-computed', Boolean(report.grade));
      }
      showFindings(i, cells);
    }
    foot.replaceChildren();
    // Under rows a filter chose, the whole table's 合计 says it is the whole table's (on paper
    // nothing else says that a filter was on).
    const filtering = nextFiltered && order.length !== rows.length;
    if (next && rows.length) foot.append(totalRow(filtering ? `全部 ${rows.length} 个项目合计` : '合计', next, 'jx-total-row'));
    // Counted from the rows the filtered 合计 was computed from: a row typed out of the filter
    // since the table was drawn is still shown, but no longer in it.
    if (filtering) foot.append(totalRow(`筛选出的 ${nextFiltered.rows.length} 个项目合计`, nextFiltered, 'jx-total-row jx-filtered-row'));
    // The amount columns are as wide as the longest 合计 (in bold; a city's runs past 100亿),
    // worked out from its characters, not measured: reading the layout would cost each key.
    // Set only when it changes: a key typed that leaves the width as it was touches no style.
    const longest = Math.max(0, ...[next, nextFiltered].flatMap((s) => (s ? [s.budget, s.spent] : [])).map((t) => String(t ?? '').length));
    const width = `max(7.5em, calc(${longest}ch * 1.15 + 14px))`;
    if (table.style.getPropertyValue('--jx-amount') !== width) table.style.setProperty('--jx-amount', width);
    // Where each row is in the whole table, for screen readers: the header, the rows shown
    // (most of them not drawn), the 合计 rows.
    [...foot.children].forEach((tr, j) => tr.setAttribute('aria-rowindex', String(order.length + 2 + j)));
    table.setAttribute('aria-rowcount', String(order.length + 1 + foot.children.length));
  };
  update(summary, diagnostics, filtered);
  /** Every row shown, as text, for paper, each drawn for it: its figures as read, where the
   * screen's rows show them as typed. */
  const printRows = () => order.map((i, k) => {
    const { tr, cells } = buildRow(k, true);
    showFindings(i, cells);
    return tr;
  });
  return {
    element: h('div', { class: 'jx-scroll' }, table), shown: order.length, update, focus, printRows,
    /** The typed rows from row `i` on, in the order shown: where a block pasted at it goes. */
    typedFrom: (i) => order.slice(Math.max(order.indexOf(i), 0)).filter((r) => r >= linked),
    /** Draws the rows in view: called once the element is in the page. */
    placed: () => order.length && rowWindow.mount(body, order.length),
    disconnect: () => rowWindow.disconnect(),
  };
}

/** The filter bar above the table. `on.filter(change)` with { text } or { grade }. */
export function summaryFilters(state, grades, counts, on) {
  // An input method's word filters once committed: its pinyin would show no project.
  const search = h('input', { type: 'search', value: state.text ?? '', placeholder: '搜索单位、项目、问题…', 'aria-label': '筛选项目',
    ...typedIn((value) => on.filter({ text: value })) });
  const grade = h('select', { 'aria-label': '按等级筛选', onchange: (e) => on.filter({ grade: e.target.value }) },
    h('option', { value: '', selected: !state.grade }, '全部等级'),
    grades.map((g) => h('option', { value: g, selected: state.grade === g }, g)),
    h('option', { value: '未评', selected: state.grade === '未评' }, '未评分'));
  return h('div', { class: 'jx-filters jx-no-print' }, search, grade,
    h('span', { class: 'jx-hint', role: 'status' }, counts.shown === counts.all ? `共 ${counts.all} 个项目` : `显示 ${counts.shown} / ${counts.all} 个项目`));
}

const SVG = 'http://www.w3.org/2000/svg';

function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) if (v != null) el.setAttribute(k, String(v));
  for (const c of children.flat()) if (c != null) el.append(c instanceof Node ? c : String(c));
  return el;
}

const GRADE_COLOURS = ['#1e7b45', '#2f6fb3', '#b7791f', '#c0392b', '#6b7280', '#6b7280'];

/**
 * The grade distribution (bars of counts per grade) and the spread of scores (one dot per
 * project on a score axis, with the grade bands behind). `bands`: [{ grade, min }] from the
 * highest grade down; `scores`: [{ score, grade, label }].
 *
 * Two drawings side by side, each under a heading of its own in the page's text: drawn in
 * one SVG, a long heading (等级分布（全部 14 个项目，其中 2 个无分数未计入）) ran into the other's
 * and a tall bar's count into it, on screen and on paper. Headings wrap in their boxes, and
 * where the two do not fit side by side the second goes under the first.
 */
export function gradeChart(summary, bands, scores) {
  const counts = summary?.grades ?? [];
  const unscored = summary?.no_score ?? 0;
  const most = Math.max(1, ...counts.map((g) => g.count));
  const barsWidth = 250;
  const barW = Math.min(44, (barsWidth - 20) / Math.max(1, counts.length) - 14);
  // The tallest bar (110) leaves its count room above it, under the drawing's top.
  const base = 135;
  const colour = (grade) => GRADE_COLOURS[Math.max(0, bands.findIndex((b) => b.grade === grade))] ?? GRADE_COLOURS[4];
  const bars = counts.map((g, k) => {
    const x = 20 + k * (barW + 14);
    const hgt = Math.round((g.count / most) * 110);
    return s('g', { 'data-grade': g.grade },
      s('rect', { x, y: base - hgt, width: barW, height: Math.max(hgt, 1), fill: colour(g.grade), rx: 3 }),
      s('text', { x: x + barW / 2, y: base - hgt - 6, 'text-anchor': 'middle', class: 'jx-chart-count' }, String(g.count)),
      s('text', { x: x + barW / 2, y: base + 18, 'text-anchor': 'middle' }, g.grade));
  });

  // The score axis: from the lowest band's floor (or the lowest score) to the top score.
  const values = scores.map((p) => magnitude(p.score)).filter((v) => v != null);
  const mins = bands.map((b) => magnitude(b.min)).filter((v) => v != null);
  const top = Math.max(100, ...values);
  let low = Math.min(...values, top - 40);
  low = Math.max(0, Math.floor(low / 10) * 10);
  const x0 = 20;
  const x1 = 410;
  const at = (v) => x0 + ((v - low) / (top - low || 1)) * (x1 - x0);
  const bandsDrawn = bands.map((b, k) => {
    const from = Math.max(low, magnitude(b.min) ?? low);
    const to = k === 0 ? top : Math.min(top, magnitude(bands[k - 1].min) ?? top);
    if (to <= from) return null;
    return s('rect', { x: at(from), y: 20, width: at(to) - at(from), height: 80, fill: GRADE_COLOURS[k] ?? GRADE_COLOURS[4], opacity: 0.09 });
  });
  const ticks = [];
  for (let v = low; v <= top; v += 10) {
    ticks.push(s('line', { x1: at(v), x2: at(v), y1: 100, y2: 105, stroke: '#888' }),
      s('text', { x: at(v), y: 120, 'text-anchor': 'middle' }, String(v)));
  }
  for (const m of mins) if (m > low && m < top) ticks.push(s('line', { x1: at(m), x2: at(m), y1: 20, y2: 100, stroke: '#999', 'stroke-dasharray': '3 3' }));
  // Dots stacked where scores coincide, nine high; a full stack's top dot stands for the
  // projects above it too, and says how many (a thousand dots drawn on one another showed
  // nothing more, and took a tenth of a second to draw at ten thousand projects).
  const stacks = new Map();
  for (const p of scores) {
    const v = magnitude(p.score);
    if (v == null) continue;
    const slot = Math.round(at(v) / 7);
    if (!stacks.has(slot)) stacks.set(slot, []);
    stacks.get(slot).push([v, p]);
  }
  const named = (p) => `${p.label}：${p.score}${p.grade ? `（${p.grade}）` : ''}`;
  const dots = [...stacks.values()].flatMap((stack) => stack.slice(0, 9).map(([v, p], n) => {
    const more = n === 8 && stack.length > 9 ? `\n及另外 ${stack.length - 9} 个项目（${stack.slice(9).map(([, q]) => q.score).sort((a, b) => magnitude(a) - magnitude(b)).filter((x, k, all) => k === 0 || k === all.length - 1).join(' – ')} 分）` : '';
    return s('circle', { cx: at(v), cy: 88 - n * 8, r: 4, fill: colour(p.grade), stroke: '#fff', 'stroke-width': 1 },
      s('title', {}, named(p) + more));
  }));
  const stats = summary?.mean_score ? `平均 ${summary.mean_score}　最低 ${summary.min_score}　最高 ${summary.max_score}` : '暂无分数';
  const part = (cls, heading, drawing) => h('div', { class: `jx-chart-part ${cls}` }, h('div', { class: 'jx-chart-head' }, heading), drawing);
  return h('div', { class: 'jx-charts' },
    // Of every project, whatever the filter shows above it (on paper too).
    part('jx-chart-grades', h('span', { class: 'jx-chart-title' }, `等级分布（全部 ${scores.length} 个项目${unscored ? `，其中 ${unscored} 个无分数未计入` : ''}）`),
      s('svg', { viewBox: '0 0 260 160', class: 'jx-chart', role: 'img', 'aria-label': `等级分布：${counts.map((g) => `${g.grade} ${g.count} 个`).join('，')}` },
        s('line', { x1: 12, x2: barsWidth, y1: base, y2: base, stroke: '#888' }), bars)),
    part('jx-chart-scores', [h('span', { class: 'jx-chart-title' }, '分数分布'), h('span', { class: 'jx-chart-stats' }, stats)],
      s('svg', { viewBox: '0 0 430 130', class: 'jx-chart', role: 'img', 'aria-label': `分数：${stats}` },
        bandsDrawn, s('line', { x1: x0, x2: x1, y1: 100, y2: 100, stroke: '#888' }), ticks, dots)));
}

/** The columns a pasted block of `width` cells fills from column `key` on, as Excel pastes:
 * cell by cell; a cell landing on a computed column (预算完成率) is skipped (null). */
export function pasteColumns(key, width) {
  const from = SUMMARY_COLUMNS.findIndex((c) => c[0] === key);
  return SUMMARY_COLUMNS.slice(from, from + width).map((c) => (c[3] ? null : c[0]));
}
