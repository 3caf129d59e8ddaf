// The indicator table's columns and what each row takes: the column list with its widths,
// which cells of a row accept input by the row's rule, where a finding is shown, and when a
// cell's text must be clipped. Shared by the table (sheet-view.js), its rows (sheet-row.js),
// the keyboard (sheet-keys.js), the editor (sheet-editor.js) and the stylesheet.

/** The table's columns; `edit` columns take input; `em` is a
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

export const EDIT_COLUMNS = COLUMNS.filter((c) => c.edit).map((c) => c.key);

/** The columns a pasted block's cells fall on, left to right: every column with a value. */
export const PASTE_COLUMNS = COLUMNS.filter((c) => c.key !== 'menu').map((c) => c.key);

/** The rule kind a row is scored by, as the select shows it. */
export function ruleKind(data) {
  const kind = data.rule?.kind ?? '';
  if (kind === 'ratio') return '';
  if (!kind && data.comparison === '定性') return 'qualitative';
  return kind;
}

/** Which of a leaf's columns take input, by its rule (groups: name and 分值). */
export function editableKeys(node, data) {
  if (!node.leaf) return ['name', 'weight'];
  const kind = ruleKind(data);
  const keys = ['name', 'weight', 'rule'];
  if (kind === '' || kind === 'step' || kind === 'qualitative') keys.push('comparison');
  // A 预算执行率 scored from the 项目资金 block takes its figures there (the 10号 form).
  if (!(kind === 'budget_execution' && data.rule?.from_funds)) keys.push('target', 'actual');
  keys.push('unit');
  if (kind === 'manual' || kind === 'qualitative' || kind === 'adjustment') keys.push('score');
  keys.push('reason');
  return keys;
}

/** Which column a diagnostic's field is shown in. */
export function columnOf(field) {
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

/** The field a pasted cell of `column` writes for a row (none where the row takes no input). */
export function pasteField(row, column) {
  if (!editableKeys(row.node, row.data).includes(column)) return null;
  if (column === 'rule') return 'rule-kind';
  if (column === 'actual' && ruleKind(row.data) === 'qualitative') return 'level';
  return column;
}
