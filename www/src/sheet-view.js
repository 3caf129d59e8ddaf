// The indicator table: one row per indicator in printed order, groups as section rows with
// their subtotal, computed 完成率 / 得分, and every finding at its cell. It only draws and
// reports edits; the app decides what an edit does.
//
// Like a spreadsheet, rows show their values as text and only the row being edited holds
// inputs: a page of form controls costs the browser a frame of rendering per keystroke, text
// costs almost nothing (measured with npm run bench). Clicking a cell, or moving to it with
// the keyboard, turns its row into inputs.
import { h, fill, options, setText, setAttr } from './dom.js';
import { parseBlock } from './clipboard.js';
import { RULES, COMPARISONS, LEVELS } from './catalog.js';

const LEVEL_TAGS = ['一级', '二级', '三级', '四级', '五级', '六级', '七级', '八级'];

/** The table's columns; `edit` columns take input (and pasted cells, in this order); `em` is a
 * column's narrowest width on screen, `grow` its share of the spare width (see gridColumns). */
export const COLUMNS = [
  { key: 'name', label: '指标名称', cls: 'jx-col-name', edit: true, em: 15, grow: 1.7 },
  { key: 'weight', label: '分值', num: true, edit: true, em: 4.5 },
  { key: 'rule', label: '计分方法', edit: true, em: 7.5 },
  { key: 'comparison', label: '比较', edit: true, em: 4.6 },
  { key: 'target', label: '年度指标值', edit: true, em: 9 },
  { key: 'actual', label: '实际完成值', edit: true, em: 9 },
  { key: 'unit', label: '单位', edit: true, em: 5 },
  { key: 'rate', label: '完成率', num: true, em: 6.2 },
  { key: 'score', label: '得分', num: true, edit: true, em: 5.6 },
  { key: 'reason', label: '偏差原因及改进措施', edit: true, em: 12, grow: 1.3 },
  { key: 'menu', label: '', cls: 'jx-col-menu', em: 2.8 },
];
/**
 * The grid's column template from COLUMNS; `narrower` gives some columns another narrowest
 * width, or null to leave a column out (the 操作 column on paper).
 */
export function gridColumns(narrower = {}) {
  return COLUMNS.filter((c) => narrower[c.key] !== null)
    .map((c) => [narrower[c.key] ?? c.em, c.grow])
    .map(([em, grow]) => (grow ? `minmax(${em}em, ${grow}fr)` : `${em}em`))
    .join(' ');
}

/**
 * Whether `text` may be wider than `em` (in the cell font). A digit is counted 0.65em, a point
 * or comma 0.35em, anything else (a CJK character, a letter, %) 1em, each at least the fonts'
 * own width, so a text that may not fit is never left unclipped; a needless clip costs only
 * time, as its ellipsis shows only when the text really overflows. Only such texts are clipped
 * (class jx-clip): with every cell clipped, a keystroke's frame at 1,000 leaves spent 4–6 ms
 * compositing the clips, against about 1.5 ms with none.
 */
export function mayOverflow(text, em) {
  let width = 0;
  for (const ch of text) width += ch === '.' || ch === ',' ? 0.35 : ch >= '0' && ch <= '9' ? 0.65 : 1;
  return width > em;
}

/** The width a column leaves for a cell's text, in em: 16px of padding in a 14px font take 1.2em. */
export const TEXT_ROOM = Object.fromEntries(COLUMNS.map((c) => [c.key, c.em - 1.2]));

/** Writes a cell's text (when it changed) and clips it only if it may not fit its column. */
function showText(span, text, key) {
  setText(span, text);
  span.classList.toggle('jx-clip', mayOverflow(text, TEXT_ROOM[key]));
}

export const EDIT_COLUMNS = COLUMNS.filter((c) => c.edit).map((c) => c.key);

/** The rule kind a row is scored by, as the select shows it. */
export function ruleKind(data) {
  const kind = data.rule?.kind ?? '';
  if (kind === 'ratio') return '';
  if (!kind && data.comparison === '定性') return 'qualitative';
  return kind;
}

/** Which of a leaf's columns take input, by its rule (groups: name and 分值). */
function editableKeys(node, data) {
  if (!node.leaf) return ['name', 'weight'];
  const kind = ruleKind(data);
  const keys = ['name', 'weight', 'rule'];
  if (kind === '' || kind === 'step' || kind === 'qualitative') keys.push('comparison');
  keys.push('target', 'actual', 'unit');
  if (kind === 'manual' || kind === 'qualitative' || kind === 'adjustment') keys.push('score');
  keys.push('reason');
  return keys;
}

/** Which column a diagnostic's field is shown in. */
function columnOf(field) {
  switch (field) {
    case 'level':
      return 'actual';
    case 'id':
    case 'note':
    case 'not_applicable':
      return 'name';
    default:
      return field;
  }
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 };
/** Rows per chunk: a chunk out of view is skipped whole by layout and paint. */
const CHUNK = 25;

export class SheetView {
  /**
   * `on.edit(index, field, value)`, `on.focus(index)`, `on.action(name, index)`,
   * `on.paste(index, columnKey, grid)`, `on.seal()`.
   */
  constructor(on) {
    this.on = on;
    this.rows = [];
    this.diagnostics = new Map();
    this.current = null;
    this.active = null;
    this.uid = Math.random().toString(36).slice(2, 7);
    // A tree grid of div rows sharing one column template: rows off screen skip layout and
    // paint (content-visibility) yet stay in the document for screen readers, find and print.
    this.table = h('div', { class: 'jx-grid', role: 'treegrid', 'aria-label': '绩效指标表', tabindex: '0' });
    this.body = h('div', { class: 'jx-tbody', role: 'rowgroup' });
    this.table.append(
      h('div', { class: 'jx-thead', role: 'rowgroup' }, h('div', { class: 'jx-tr jx-head', role: 'row' },
        COLUMNS.map((c) => h('div', { role: 'columnheader', class: ['jx-th', c.cls, c.num ? 'jx-num' : ''].filter(Boolean).join(' ') }, c.label || h('span', { class: 'jx-sr' }, '操作'))))),
      this.body,
    );
    this.element = h('div', { class: 'jx-scroll' }, this.table);
    this.table.addEventListener('keydown', (e) => this.#keydown(e));
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

  /** Draws every row. `data[i]` is row i as entered, `nodes[i]` its evaluation. */
  render(nodes, data, diagnostics) {
    this.rows = nodes.map((node, i) => ({ node, data: data[i] ?? {}, cells: {}, inputs: {} }));
    this.diagnostics = new Map();
    for (const d of diagnostics) {
      if (d.in !== 'node') continue;
      if (!this.diagnostics.has(d.node)) this.diagnostics.set(d.node, []);
      this.diagnostics.get(d.node).push(d);
    }
    if (this.current != null && this.current >= this.rows.length) this.current = null;
    this.active = null;
    const fragment = document.createDocumentFragment();
    let chunk = null;
    for (let i = 0; i < this.rows.length; i++) {
      if (i % CHUNK === 0) {
        chunk = h('div', { class: 'jx-chunk', role: 'none' });
        fragment.append(chunk);
      }
      this.#build(i, false);
      chunk.append(this.rows[i].tr);
    }
    fill(this.body, fragment);
    if (!this.rows.length) {
      this.body.append(h('div', { class: 'jx-tr jx-empty', role: 'row' }, h('div', { class: 'jx-td jx-wide', role: 'gridcell' }, '表中还没有指标：点“添加一级指标”开始，或从 Excel 复制后粘贴。')));
    }
  }

  /** Applies what an edit changed: those rows' results and findings. */
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
      row.node = node;
      this.#results(node.index);
      this.#marks(node.index);
    }
  }

  /** Rebuilds one row in place, keeping it in edit mode if it was (its inputs follow its rule). */
  rebuild(index) {
    const row = this.rows[index];
    if (!row) return;
    const old = [row.tr, row.params].filter(Boolean);
    this.#build(index, this.active === index);
    old[0].replaceWith(...[row.tr, row.params].filter(Boolean));
    old[1]?.remove();
  }

  /** Edits a row's field: the row becomes inputs and the field gets the focus, its text
   * selected, or with `caret` the caret there (typing goes on where it was). */
  focus(index, key, caret = null) {
    const row = this.rows[index];
    if (!row) return;
    this.#activate(index);
    const input = row.inputs[key] ?? row.inputs.name;
    input?.focus();
    if (input?.tagName !== 'INPUT') return;
    if (caret != null) input.setSelectionRange(caret, caret);
    else input.select();
  }

  /** Where the focus is: row index and column key. */
  position() {
    const el = this.table.getRootNode().activeElement;
    const tr = el?.closest?.('[data-index]');
    if (!tr) return null;
    return { index: Number(tr.dataset.index), key: el.dataset.key ?? 'name' };
  }

  diagnosticsOf(index) {
    return this.diagnostics.get(index) ?? [];
  }

  /** On paper every row is text: the row being edited is drawn as text for the print. */
  preparePrint(on) {
    if (this.active == null) return;
    const index = this.active;
    const row = this.rows[index];
    const old = [row.tr, row.params].filter(Boolean);
    this.#build(index, !on);
    if (on) this.active = index; // still the row to return to
    old[0].replaceWith(...[row.tr, row.params].filter(Boolean));
    old[1]?.remove();
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
    this.rows[this.current]?.tr.classList.remove('jx-row-current');
    this.current = index;
    this.rows[index]?.tr.classList.add('jx-row-current');
    this.on.focus(index);
  }

  #press(e) {
    if (e.button !== 0) return;
    const td = e.target.closest('[data-cell]');
    const tr = td?.closest('[data-index]');
    if (!tr || e.target.closest('input, select, button, summary, details')) return;
    e.preventDefault();
    const index = Number(tr.dataset.index);
    const row = this.rows[index];
    const key = editableKeys(row.node, row.data).includes(td.dataset.cell) ? td.dataset.cell : 'name';
    this.focus(index, key);
  }

  #build(i, editing) {
    const row = this.rows[i];
    const { node, data } = row;
    row.cells = {};
    row.inputs = {};
    const label = node.name || `第${i + 1}行`;
    const tr = h('div', {
      role: 'row',
      'aria-level': node.depth + 1,
      'data-index': i,
      class: ['jx-tr', `jx-depth-${Math.min(node.depth, 3)}`, node.leaf ? 'jx-row-leaf' : 'jx-row-group',
        editing ? 'jx-row-edit' : '', this.current === i ? 'jx-row-current' : ''].filter(Boolean).join(' '),
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
      const el = h('input', { type: 'text', value: value ?? '', 'aria-label': `“${label}”的${aria}`, 'data-key': key, autocomplete: 'off', spellcheck: 'false', ...extra });
      el.addEventListener('input', () => this.on.edit(i, key, el.value));
      el.addEventListener('focus', () => {
        el.dataset.before = el.value;
      });
      row.inputs[key] = el;
      return el;
    };
    const select = (key, list, value, aria, field = key) => {
      const el = h('select', { 'aria-label': `“${label}”的${aria}`, 'data-key': key }, options(list, value ?? ''));
      el.addEventListener('change', () => this.on.edit(i, field, el.value));
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
      : text(derived ? node.weight : data.weight, derived ? 'jx-placeholder' : ''));

    if (node.leaf) {
      const budget = kind === 'budget_execution';
      cell('rule', editing ? select('rule', RULES, kind, '计分方法', 'rule-kind') : text(labelOf(RULES, kind), 'jx-left'));
      if (keys.includes('comparison')) {
        cell('comparison', editing ? select('comparison', COMPARISONS, data.comparison ?? '', '比较方式') : text(data.comparison ?? '', 'jx-left'));
      } else {
        cell('comparison');
      }
      cell('target', editing
        ? input('target', data.target, budget ? '全年预算数' : '年度指标值', { placeholder: budget ? '全年预算数' : '' })
        : text(data.target || (budget ? '全年预算数' : ''), `jx-left${!data.target && budget ? ' jx-placeholder' : ''}`));
      if (kind === 'qualitative') {
        cell('actual', editing ? select('actual', LEVELS, data.level ?? '', '达成程度', 'level') : text(data.level ?? '', 'jx-left'));
      } else {
        const placeholder = { budget_execution: '全年执行数', yes_no: '是 / 否', per_occurrence: '次数' }[kind] ?? '';
        cell('actual', editing
          ? input('actual', data.actual, budget ? '全年执行数' : '实际完成值', { placeholder })
          : text(data.actual || placeholder, `jx-left${data.actual ? '' : ' jx-placeholder'}`));
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
    cell('menu', editing ? this.#menu(i, node) : null);
    row.tr = tr;
    row.params = editing && node.leaf ? this.#params(i) : null;
    this.#results(i);
    this.#marks(i);
  }

  #menu(i, node) {
    const item = (name, text) => h('button', { type: 'button', onclick: (e) => {
      e.target.closest('details').open = false;
      this.on.action(name, i);
    } }, text);
    return h('details', { class: 'jx-menu' },
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

  /** The parameter row of a rule that has parameters, under the row being edited. */
  #params(i) {
    const { data } = this.rows[i];
    const kind = ruleKind(data);
    const rule = data.rule ?? {};
    const edit = (changes) => this.on.edit(i, 'rule', JSON.stringify({ ...rule, kind: rule.kind ?? 'ratio', ...changes }));
    const param = (label, key, placeholder) => h('label', {}, label,
      h('input', { type: 'text', value: rule[key] ?? '', placeholder, 'aria-label': `计分参数：${label}`, oninput: (e) => edit({ [key]: e.target.value }) }));
    let content = null;
    if (kind === 'step') {
      content = [
        param('起点', 'threshold', '默认为年度指标值'),
        param('每', 'step', '如 5%'),
        param('扣', 'points', '如 0.5'),
        h('label', {}, h('input', { type: 'checkbox', checked: rule.inclusive !== false, class: 'jx-check', onchange: (e) => edit({ inclusive: e.target.checked }) }), '含边界（每增加5%（含））'),
        h('span', {}, '方向按“比较”：≤ 时超出扣分，≥ 时不足扣分'),
      ];
    } else if (kind === 'per_occurrence') {
      content = [param('每次扣', 'points', '如 1'), h('span', {}, '实际完成值填次数；“无”为0次')];
    } else if (kind === 'adjustment') {
      content = [param('上限 ±', 'bound', '如 5'), h('span', {}, '得分栏填加分（+1）或减分（−0.5），留空为0')];
    } else if (kind === 'interval') {
      const bands = Array.isArray(rule.bands) && rule.bands.length ? rule.bands : [{ min: '', max: '', points: '' }];
      const setBand = (b, key, value) => edit({ bands: bands.map((band, k) => (k === b ? { ...band, [key]: value } : band)) });
      content = [
        h('label', {}, '依据', h('select', { 'aria-label': '区间依据', onchange: (e) => edit({ basis: e.target.value }) },
          options([['actual', '实际值'], ['rate', '完成率']], rule.basis ?? 'actual'))),
        ...bands.map((band, b) => h('span', { class: 'jx-band' },
          h('input', { type: 'text', value: band.min ?? '', placeholder: '下限(含)', 'aria-label': `第${b + 1}档下限`, oninput: (e) => setBand(b, 'min', e.target.value) }), '–',
          h('input', { type: 'text', value: band.max ?? '', placeholder: '上限', 'aria-label': `第${b + 1}档上限`, oninput: (e) => setBand(b, 'max', e.target.value) }), '得',
          h('input', { type: 'text', value: band.points ?? '', placeholder: '分', 'aria-label': `第${b + 1}档得分`, oninput: (e) => setBand(b, 'points', e.target.value) }),
          h('button', { type: 'button', 'aria-label': `删除第${b + 1}档`, onclick: () => {
            edit({ bands: bands.filter((_, k) => k !== b) });
            this.rebuild(i);
          } }, '×'))),
        h('button', { type: 'button', onclick: () => {
          edit({ bands: [...bands, { min: '', max: '', points: '' }] });
          this.rebuild(i);
        } }, '＋ 加一档'),
      ];
    } else if (!kind && (data.comparison === '≤' || data.comparison === '<')) {
      content = [h('label', {}, '反向指标计分', h('select', { 'aria-label': '反向指标计分方式', onchange: (e) => edit({ lower: e.target.value }) },
        options([['linear', '线性：分值×(2×指标值−实际值)÷指标值'], ['ratio', '比值：分值×指标值÷实际值']], rule.lower ?? 'linear')))];
    }
    if (!content) return null;
    return h('div', { class: 'jx-tr jx-params', role: 'row', 'data-params': i }, h('div', { class: 'jx-td jx-wide', role: 'gridcell' }, content));
  }

  /** A row's computed results: 完成率, 得分, a group's derived 分值, its status. */
  #results(i) {
    const { node, cells, inputs, tr, data } = this.rows[i];
    tr.classList.toggle('jx-row-na', node.status === 'not_applicable');
    const rate = cells.rate?.firstChild;
    if (rate) {
      showText(rate, node.rate ?? '', 'rate');
      rate.classList.toggle('jx-over', this.diagnosticsOf(i).some((d) => d.code === 'over_completion'));
    }
    const score = cells.score?.querySelector('.jx-out');
    if (score) showText(score, node.status === 'not_applicable' ? '不适用' : node.score ?? '—', 'score');
    if (cells.score) setAttr(cells.score, 'title', node.derivation ?? '');
    if (!node.leaf) {
      if (inputs.weight) inputs.weight.placeholder = node.weight ?? '';
      else if (!(data.weight ?? '').trim()) showText(cells.weight.firstChild, node.weight ?? '', 'weight');
    }
  }

  /** A row's findings at their cells: colour, tooltip and a description for screen readers. */
  #marks(i) {
    const row = this.rows[i];
    const byColumn = new Map();
    for (const d of this.diagnosticsOf(i)) {
      const key = columnOf(d.field);
      if (!byColumn.has(key)) byColumn.set(key, []);
      byColumn.get(key).push(d);
    }
    for (const [key, td] of Object.entries(row.cells)) {
      const list = byColumn.get(key);
      const input = row.inputs[key];
      td.querySelector(':scope > .jx-sr')?.remove();
      if (!list) {
        delete td.dataset.severity;
        if (key !== 'score') td.removeAttribute('title');
        input?.removeAttribute('aria-invalid');
        input?.removeAttribute('aria-describedby');
        continue;
      }
      list.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
      // A cell that is only not filled yet is marked lightly, not like a problem.
      td.dataset.severity = list.every((d) => d.code === 'missing') ? 'missing' : list[0].severity;
      const message = list.map((d) => d.message).join('；');
      td.title = key === 'score' && row.node.derivation ? `${row.node.derivation}\n${message}` : message;
      const id = `jx-d-${this.uid}-${i}-${key}`;
      td.append(h('span', { class: 'jx-sr', id }, message));
      if (input) {
        input.setAttribute('aria-describedby', id);
        if (list[0].severity === 'error') input.setAttribute('aria-invalid', 'true');
        else input.removeAttribute('aria-invalid');
      }
    }
  }

  /** The next row (in `step` direction) that can edit `key`, or null. */
  #rowWith(index, key, step) {
    for (let j = index + step; j >= 0 && j < this.rows.length; j += step) {
      const row = this.rows[j];
      if (editableKeys(row.node, row.data).includes(key)) return j;
    }
    return null;
  }

  /** Spreadsheet keys: Enter / arrows / Tab move between cells and rows; Alt+… reshape. */
  #keydown(e) {
    const target = e.target;
    const tr = target.closest?.('[data-index]');
    if (!tr || !(target instanceof HTMLInputElement || target instanceof HTMLSelectElement)) return;
    const index = Number(tr.dataset.index);
    const key = target.dataset.key;
    if (!key) return;
    if (e.altKey && e.shiftKey && (e.key === 'ArrowRight' || e.key === 'ArrowLeft')) {
      e.preventDefault();
      this.on.action(e.key === 'ArrowRight' ? 'indent' : 'outdent', index);
      return;
    }
    if (e.altKey && !e.shiftKey && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
      e.preventDefault();
      this.on.action(e.key === 'ArrowUp' ? 'up' : 'down', index);
      return;
    }
    if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
      e.preventDefault();
      this.on.action('insert-after', index);
      return;
    }
    if (e.key === 'Escape' && target instanceof HTMLInputElement && target.dataset.before != null && target.value !== target.dataset.before) {
      e.preventDefault();
      target.value = target.dataset.before;
      target.dispatchEvent(new Event('input', { bubbles: true }));
      return;
    }
    const isInput = target instanceof HTMLInputElement && target.type === 'text';
    const keys = EDIT_COLUMNS.filter((k) => this.rows[index].inputs[k]);
    let move = null;
    if (e.key === 'Enter' && !e.altKey) move = e.shiftKey ? 'up' : 'down';
    else if (e.key === 'ArrowDown' && isInput && !e.altKey) move = 'down';
    else if (e.key === 'ArrowUp' && isInput && !e.altKey) move = 'up';
    else if (e.key === 'ArrowRight' && isInput && target.selectionStart === target.value.length && target.selectionEnd === target.value.length) move = 'right';
    else if (e.key === 'ArrowLeft' && isInput && target.selectionStart === 0 && target.selectionEnd === 0) move = 'left';
    else if (e.key === 'Tab' && !e.altKey && !e.ctrlKey) {
      // Tab past the row's last cell goes on to the next row, as in a spreadsheet.
      if (!e.shiftKey && key === keys.at(-1)) move = 'next-row';
      else if (e.shiftKey && key === keys[0]) move = 'previous-row';
    }
    if (!move) return;
    if (move === 'next-row' || move === 'previous-row') {
      const j = index + (move === 'next-row' ? 1 : -1);
      const row = this.rows[j];
      if (!row) return; // past the first or last row, Tab leaves the table as usual
      e.preventDefault();
      this.on.seal?.();
      const rowKeys = editableKeys(row.node, row.data);
      this.focus(j, move === 'next-row' ? rowKeys[0] : rowKeys.at(-1));
      return;
    }
    e.preventDefault();
    this.on.seal?.();
    if (move === 'down' || move === 'up') {
      const j = this.#rowWith(index, key, move === 'down' ? 1 : -1);
      if (j != null) this.focus(j, key);
    } else {
      const next = keys[keys.indexOf(key) + (move === 'right' ? 1 : -1)];
      if (next) this.focus(index, next);
    }
  }

  /** A block copied from Excel (tab-separated rows) is written into the table at the cursor. */
  #paste(e) {
    const target = e.target;
    const tr = target.closest?.('[data-index]');
    if (!tr || !target.dataset.key) return;
    const grid = parseBlock(e.clipboardData?.getData('text/plain') ?? '');
    if (!grid) return;
    e.preventDefault();
    this.on.paste(Number(tr.dataset.index), target.dataset.key, grid);
  }
}

/** The field a pasted cell of `column` writes for a row (none where the row takes no input). */
export function pasteField(row, column) {
  if (!editableKeys(row.node, row.data).includes(column)) return null;
  if (column === 'rule') return 'rule-kind';
  if (column === 'actual' && ruleKind(row.data) === 'qualitative') return 'level';
  return column;
}
