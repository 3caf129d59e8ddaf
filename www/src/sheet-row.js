// One row of the indicator table, drawn: as text, or (the row being edited) as inputs and
// selects by its rule, with its ⋯ menu and its rule's parameter row; then its computed results
// (完成率, 得分, a group's derived 分值) and its findings at their cells. Each function takes the
// SheetView and the row's index; the row's elements are kept on `view.rows[i]`.
import { h, lineField, options, setText, setAttr } from './dom.js';
import { COLUMNS, TEXT_ROOM, mayOverflow, ruleKind, editableKeys, columnOf } from './sheet-columns.js';
import { RULES, COMPARISONS, LEVELS } from './catalog.js';
import { ruleParams } from './rule-params.js';

const LEVEL_TAGS = ['一级', '二级', '三级', '四级', '五级', '六级', '七级', '八级'];

const SEVERITY_ORDER = { error: 0, warning: 1, hint: 2, info: 3 };

/** A 定性 row's 实际完成值 as it shows (and prints) while not being edited: the level chosen,
 * after the words a unit typed where the actual goes (已完成, a date), kept as typed, so that
 * neither is hidden; the words alone where no level is chosen (the core reads one from them).
 * The forms and CSV write it so (the core's `Level::with_words`) and read it back. */
function levelShown(data) {
  const words = (data.actual ?? '').trim();
  const level = data.level ?? '';
  if (!words || words === level) return level;
  return level ? `${words}（${level}）` : words;
}

/** Writes a cell's text (when it changed) and clips it only if it may not fit its column. */
function showText(span, text, key) {
  setText(span, text);
  span.classList.toggle('jx-clip', mayOverflow(text, TEXT_ROOM[key]));
}

/** Draws row `i` afresh: `row.tr`, and under a leaf being edited, `row.params`. */
export function buildRow(view, i, editing) {
  const row = view.rows[i];
  const { node, data } = row;
  row.cells = {};
  row.inputs = {};
  const label = node.name || `第${i + 1}行`;
  const tr = h('div', {
    role: 'row',
    'aria-level': node.depth + 1,
    'aria-rowindex': i + 2,
    'data-index': i,
    class: ['jx-tr', `jx-depth-${Math.min(node.depth, 3)}`, node.leaf ? 'jx-row-leaf' : 'jx-row-group',
      editing ? 'jx-row-edit' : '', view.current === i ? 'jx-row-current' : '', view.found === i ? 'jx-row-found' : '',
      // Scored from the 项目资金 block: on paper its 分值 and 得分 are there, as on the 10号 form.
      node.depth === 0 && data.rule?.from_funds ? 'jx-funded' : ''].filter(Boolean).join(' '),
  });
  const keys = editableKeys(node, data);
  const kind = ruleKind(data);
  const cell = (key, content) => {
    const col = COLUMNS.find((c) => c.key === key);
    const td = h('div', {
      role: key === 'name' ? 'rowheader' : 'gridcell',
      'data-cell': key,
      class: ['jx-td', col.cls, col.num ? 'jx-num' : '', key === 'score' ? 'jx-score' : ''].filter(Boolean).join(' '),
    }, content);
    if (content?.classList?.contains('jx-out')) showText(content, content.textContent, key);
    row.cells[key] = td;
    tr.append(td);
    return td;
  };
  const text = (value, cls = '') => h('span', { class: `jx-out ${cls}`.trim() }, value ?? '');
  const input = (key, value, aria, extra = {}) => {
    // A cell of words keeps the line breaks it may hold (dom.js, lineField); a figure (分值,
    // 得分) is read as one, where a line break means nothing, and stays a text input.
    const props = { value: value ?? '', 'aria-label': `“${label}”的${aria}`, 'data-key': key, ...extra };
    const el = COLUMNS.find((c) => c.key === key).num ? h('input', { type: 'text', autocomplete: 'off', spellcheck: 'false', ...props }) : lineField(props);
    el.addEventListener('input', () => view.on.edit(i, key, el.value));
    el.addEventListener('focus', () => {
      el.dataset.before = el.value;
    });
    row.inputs[key] = el;
    return el;
  };
  const select = (key, list, value, aria, field = key) => {
    const el = h('select', { 'aria-label': `“${label}”的${aria}`, 'data-key': key }, options(list, value ?? ''));
    el.addEventListener('change', () => view.on.edit(i, field, el.value));
    row.inputs[key] = el;
    return el;
  };
  const labelOf = (list, value) => list.find(([v]) => v === (value ?? ''))?.[1] ?? value ?? '';

  const depthTag = LEVEL_TAGS[node.depth] ?? `${node.depth + 1}级`;
  cell('name', h('div', { class: 'jx-name', style: `padding-left:${node.depth * 14}px` },
    h('span', { class: 'jx-level', 'aria-hidden': 'true' }, depthTag),
    editing
      ? input('name', data.name, '指标名称', { placeholder: node.leaf ? '指标名称' : '分组名称' })
      : h('span', {
        // The level tag and the indent take about 3em + 1em a level of the column.
        class: `jx-text${data.name ? '' : ' jx-placeholder'}${mayOverflow(data.name ?? '', COLUMNS[0].em - 3.9 - node.depth) ? ' jx-clip' : ''}`,
      }, data.name || (node.leaf ? '指标名称' : '分组名称'))));

  const derived = !node.leaf && !(data.weight ?? '').trim();
  cell('weight', editing
    ? input('weight', data.weight, '分值', { inputmode: 'decimal', placeholder: derived && node.weight ? node.weight : '' })
    // A group's 分值 left blank is its children's sum: grey on screen, printed as a figure.
    : text(derived ? node.weight : data.weight, derived ? 'jx-placeholder jx-derived' : ''));

  if (node.leaf) {
    const budget = kind === 'budget_execution';
    cell('rule', editing ? select('rule', RULES, kind, '计分方法', 'rule-kind') : text(labelOf(RULES, kind), 'jx-left'));
    if (keys.includes('comparison')) {
      cell('comparison', editing ? select('comparison', COMPARISONS, data.comparison ?? '', '比较方式') : text(data.comparison ?? '', 'jx-left'));
    } else {
      cell('comparison');
    }
    if (budget && data.rule?.from_funds) {
      // Scored from the 项目资金 block (the 10号 form): its figures are typed there.
      cell('target', text('见项目资金', 'jx-left jx-placeholder'));
      cell('actual', text('见项目资金', 'jx-left jx-placeholder'));
    } else {
      cell('target', editing
        ? input('target', data.target, budget ? '全年预算数' : '年度指标值', { placeholder: budget ? '全年预算数' : '' })
        : text(data.target || (budget ? '全年预算数' : ''), `jx-left${!data.target && budget ? ' jx-placeholder' : ''}`));
      if (kind === 'qualitative') {
        cell('actual', editing ? select('actual', LEVELS, data.level ?? '', '达成程度', 'level') : text(levelShown(data), 'jx-left'));
      } else {
        const placeholder = { budget_execution: '全年执行数', yes_no: '是 / 否', per_occurrence: '次数' }[kind] ?? '';
        cell('actual', editing
          ? input('actual', data.actual, budget ? '全年执行数' : '实际完成值', { placeholder })
          : text(data.actual || placeholder, `jx-left${data.actual ? '' : ' jx-placeholder'}`));
      }
    }
    cell('unit', editing ? input('unit', data.unit, '计量单位') : text(data.unit, 'jx-left'));
    cell('rate', text(''));
    if (keys.includes('score') && editing) {
      cell('score', input('score', data.score, kind === 'adjustment' ? '加减分' : '得分', { inputmode: 'decimal', placeholder: kind === 'adjustment' ? '±' : '评分' }));
    } else {
      cell('score', text(''));
    }
    cell('reason', editing ? input('reason', data.reason, '偏差原因及改进措施') : text(data.reason, 'jx-left'));
  } else {
    for (const key of ['rule', 'comparison', 'target', 'actual', 'unit', 'rate']) cell(key);
    cell('score', text(''));
    cell('reason');
  }
  cell('menu', editing ? rowMenu(view, i, node) : null);
  row.tr = tr;
  row.params = editing && node.leaf ? ruleParams(view, i) : null;
  if (row.params) tr.setAttribute('aria-owns', row.params.firstChild.id);
  showResults(view, i);
  showFindings(view, i);
}

/** The ⋯ menu of the row being edited: the same actions as the keys. */
function rowMenu(view, i, node) {
  const item = (name, text) => h('button', { type: 'button', onclick: (e) => {
    e.target.closest('details').open = false;
    view.on.action(name, i);
  } }, text);
  // By keyboard (Shift+F10 from a cell, sheet-keys.js): ↑ / ↓ along the items, Esc back to
  // the row's first cell.
  const keys = (e) => {
    const items = [...e.currentTarget.querySelectorAll('.jx-menu-items button')];
    const at = items.indexOf(e.target);
    if (e.key === 'Escape') {
      e.preventDefault();
      e.currentTarget.open = false;
      view.focus(i, editableKeys(view.rows[i].node, view.rows[i].data)[0]);
    } else if ((e.key === 'ArrowDown' || e.key === 'ArrowUp') && at >= 0) {
      e.preventDefault();
      items[(at + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length].focus();
    }
  };
  // Open, its cell (kept at the table's right edge, above the rows) is raised over the rows below.
  const toggled = (e) => e.currentTarget.parentElement?.classList.toggle('jx-menu-open', e.currentTarget.open);
  return h('details', { class: 'jx-menu', onkeydown: keys, ontoggle: toggled },
    h('summary', { 'aria-label': `“${node.name || `第${i + 1}行`}”的操作` }, '⋯'),
    h('div', { class: 'jx-menu-items', role: 'group', 'aria-label': '行操作' },
      item('insert-after', '在下方插入同级指标（Ctrl+Enter）'),
      item('insert-child', '插入下级指标'),
      item('indent', '降级（Alt+Shift+→）'),
      item('outdent', '升级（Alt+Shift+←）'),
      item('up', '上移（Alt+↑）'),
      item('down', '下移（Alt+↓）'),
      node.leaf ? item('toggle-na', node.status === 'not_applicable' ? '取消“不适用”' : '标记为不适用') : null,
      item('remove', '删除本行')));
}

/** A row's computed results: 完成率, 得分, a group's derived 分值, its status. */
export function showResults(view, i) {
  const { node, cells, inputs, tr, data } = view.rows[i];
  tr.classList.toggle('jx-row-na', node.status === 'not_applicable');
  const rate = cells.rate?.firstChild;
  if (rate) {
    showText(rate, node.rate ?? '', 'rate');
    rate.classList.toggle('jx-over', view.diagnosticsOf(i).some((d) => d.code === 'conservative_target'));
  }
  const score = cells.score?.querySelector('.jx-out');
  // A 得分 typed by hand (手动评分, 加减分) that gives no score shows what was typed, as an
  // unreadable 完成值 does: its finding says why, and a bare — hid what is to be corrected.
  const typed = node.leaf && editableKeys(node, data).includes('score') ? (data.score ?? '').trim() : '';
  if (score) showText(score, node.status === 'not_applicable' ? '不适用' : node.score ?? (typed || '—'), 'score');
  if (cells.score) setAttr(cells.score, 'title', node.derivation ?? '');
  // The row being edited says what it comes to, to a screen reader at each of its fields: its
  // 完成率 and 得分 are no fields, and Tab passes them by.
  if (cells.score && Object.keys(inputs).length) {
    const id = `jx-r-${view.uid}-${i}`;
    let said = cells.score.querySelector(`#${id}`);
    // (Hidden: a description is read from it all the same, and the cell's text stays its own.)
    // Made once per drawing of the row, and named by its fields then; a key changes its text.
    if (!said) {
      cells.score.append(said = h('span', { hidden: true, id, 'data-result': '' }));
      describe(view, i);
    }
    const scored = node.status === 'not_applicable' ? '不适用' : node.score ? `${node.leaf ? '得分' : '小计'} ${node.score}` : '未计分';
    setText(said, node.rate ? `完成率 ${node.rate}，${scored}` : scored);
  }
  if (!node.leaf) {
    if (inputs.weight) inputs.weight.placeholder = node.weight ?? '';
    else if (!(data.weight ?? '').trim()) showText(cells.weight.firstChild, node.weight ?? '', 'weight');
  }
}

/** A row's findings at their cells: colour, tooltip and a description for screen readers. */
export function showFindings(view, i) {
  const row = view.rows[i];
  const byColumn = new Map();
  for (const d of view.diagnosticsOf(i)) {
    const key = columnOf(d.field);
    if (!byColumn.has(key)) byColumn.set(key, []);
    byColumn.get(key).push(d);
  }
  for (const [key, td] of Object.entries(row.cells)) {
    const list = byColumn.get(key);
    const input = row.inputs[key];
    td.querySelector(':scope > .jx-sr[data-finding]')?.remove();
    if (!list) {
      delete td.dataset.severity;
      if (key !== 'score') td.removeAttribute('title');
      input?.removeAttribute('aria-invalid');
      continue;
    }
    list.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
    // A cell that is only not filled yet is marked lightly, not like a problem.
    td.dataset.severity = list.every((d) => d.code === 'missing') ? 'missing' : list[0].severity;
    const message = list.map((d) => d.message).join('；');
    td.title = key === 'score' && row.node.derivation ? `${row.node.derivation}\n${message}` : message;
    const id = `jx-d-${view.uid}-${i}-${key}`;
    td.append(h('span', { class: 'jx-sr', id, 'data-finding': '' }, message));
    if (input) {
      if (list[0].severity === 'error') input.setAttribute('aria-invalid', 'true');
      else input.removeAttribute('aria-invalid');
    }
  }
  describe(view, i);
}

/** Each field of row `i` described by its cell's findings, then by what the row comes to. */
function describe(view, i) {
  const { cells, inputs } = view.rows[i];
  const result = cells.score?.querySelector(':scope > [data-result]')?.id;
  for (const [key, input] of Object.entries(inputs)) {
    const ids = [cells[key]?.querySelector(':scope > [data-finding]')?.id, result].filter(Boolean).join(' ');
    if (ids) input.setAttribute('aria-describedby', ids);
    else input.removeAttribute('aria-describedby');
  }
}
