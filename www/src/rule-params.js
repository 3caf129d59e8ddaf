// A rule's parameters: the row under the indicator being edited where they are set (阶梯扣分's
// step and points, 区间计分's bands, 按次扣分's points, 加减分's bound, how a lower-is-better
// ratio is scored, a 定性 row's words beside its level), and the parameters a newly chosen
// rule starts with.
import { h, options, typedIn } from './dom.js';
import { ruleKind } from './sheet-columns.js';

/** Parameters a newly chosen rule starts with. */
const NEW_RULE = {
  step: { step: '', points: '' },
  interval: { bands: [{ min: '', max: '', points: '' }] },
  per_occurrence: { points: '' },
  adjustment: { bound: '5' },
};

/** The rule field's text (JSON) for a row whose 计分方法 is set to `kind` ('' for none). */
export function newRule(kind) {
  return kind ? JSON.stringify({ kind, ...(NEW_RULE[kind] ?? {}) }) : '';
}

/**
 * The parameter row of row `i` of `view` (a SheetView) when its rule has parameters, else
 * null. A change goes to `view.on.edit(i, 'rule', json)` with the whole rule.
 */
export function ruleParams(view, i) {
  const { data } = view.rows[i];
  const kind = ruleKind(data);
  const rule = data.rule ?? {};
  // `typed`: the field a parameter is typed in, whose keys are one undo step.
  const edit = (changes, typed = null) => view.on.edit(i, 'rule', JSON.stringify({ ...rule, kind: rule.kind ?? 'ratio', ...changes }), typed);
  // The row is drawn afresh at each key; a field is named by its label.
  const typing = (apply) => typedIn((value, field) => apply(value, field.getAttribute('aria-label')));
  const param = (label, key, placeholder) => h('label', {}, label,
    h('input', { type: 'text', value: rule[key] ?? '', placeholder, 'aria-label': `计分参数：${label}`, ...typing((value, typed) => edit({ [key]: value }, typed)) }));
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
    content = [param('上限 ±', 'bound', '如 5'), h('span', {}, '得分栏填加分（+1 或 加1分）或扣分（−0.5 或 扣0.5分），留空为0')];
  } else if (kind === 'interval') {
    const bands = Array.isArray(rule.bands) && rule.bands.length ? rule.bands : [{ min: '', max: '', points: '' }];
    const bandTyped = (b, key) => typing((value, typed) => edit({ bands: bands.map((band, k) => (k === b ? { ...band, [key]: value } : band)) }, typed));
    content = [
      h('label', {}, '依据', h('select', { 'aria-label': '区间依据', onchange: (e) => edit({ basis: e.target.value }) },
        options([['actual', '实际值'], ['rate', '完成率']], rule.basis ?? 'actual'))),
      ...bands.map((band, b) => h('span', { class: 'jx-band' },
        h('input', { type: 'text', value: band.min ?? '', placeholder: '下限(含)', 'aria-label': `第${b + 1}档下限`, ...bandTyped(b, 'min') }), '–',
        h('input', { type: 'text', value: band.max ?? '', placeholder: '上限', 'aria-label': `第${b + 1}档上限`, ...bandTyped(b, 'max') }), '得',
        h('input', { type: 'text', value: band.points ?? '', placeholder: '分', 'aria-label': `第${b + 1}档得分`, ...bandTyped(b, 'points') }),
        h('button', { type: 'button', 'aria-label': `删除第${b + 1}档`, onclick: () => {
          edit({ bands: bands.filter((_, k) => k !== b) });
          view.rebuild(i);
        } }, '×'))),
      h('button', { type: 'button', onclick: () => {
        edit({ bands: [...bands, { min: '', max: '', points: '' }] });
        view.rebuild(i);
      } }, '＋ 加一档'),
    ];
  } else if (kind === 'qualitative') {
    // The cell above chooses the level; the words a form gives the actual (已完成, a date)
    // are typed here, and the table and the forms show them with the level after them.
    content = [h('label', { class: 'jx-words' }, '实际完成情况（文字，可不填）',
      h('input', { type: 'text', value: data.actual ?? '', placeholder: '如 2023-11-30前出台', 'aria-label': `“${data.name || `第${i + 1}行`}”的实际完成情况（文字）`,
        autocomplete: 'off', spellcheck: 'false', oninput: (e) => view.on.edit(i, 'actual', e.target.value) })),
    h('span', {}, '表中显示为“文字（达成程度）”；得分栏填分数')];
  } else if (!kind && (data.comparison === '≤' || data.comparison === '<')) {
    content = [h('label', {}, '反向指标计分', h('select', { 'aria-label': '反向指标计分方式', onchange: (e) => edit({ lower: e.target.value }) },
      options([['linear', '线性：分值×(2×指标值−实际值)÷指标值'], ['ratio', '比值：分值×指标值÷实际值']], rule.lower ?? 'linear')))];
  }
  if (!content) return null;
  // Shown under the row, but a cell of it for screen readers (the row owns it: buildRow), so
  // that every row of the grid is one the grid counts, with its aria-rowindex.
  return h('div', { class: 'jx-tr jx-params', role: 'none', 'data-params': i },
    h('div', { class: 'jx-td jx-wide', role: 'gridcell', id: `jx-params-${i}`, 'aria-label': '计分规则的参数' }, content));
}
