// The core's tables the page offers choices from: the rule kinds with their labels, the
// comparisons, the qualitative levels and the default grade bands. They are the core's
// (src/rules, src/model.rs), copied here once and nowhere else on the page, in the shape of the
// core's table (CORE), so that a later change can take CORE from the core itself; the lists the
// page's selects and settings use are derived from it below.

/** The core's table: rule kinds as [name in files, label], comparisons as written in files,
 * levels of a qualitative indicator, and the grade bands of a sheet that sets none. */
const CORE = {
  rules: [
    ['ratio', '比率法'],
    ['budget_execution', '预算执行率'],
    ['step', '阶梯扣分'],
    ['interval', '区间计分'],
    ['per_occurrence', '按次扣分'],
    ['qualitative', '定性评价'],
    ['yes_no', '是否判断'],
    ['manual', '手动评分'],
    ['adjustment', '加减分'],
  ],
  comparisons: ['≥', '>', '=', '≤', '<', '定性'],
  levels: ['达成', '部分达成', '未达成'],
  grade_bands: [{ grade: '优', min: '90' }, { grade: '良', min: '80' }, { grade: '中', min: '60' }, { grade: '差', min: '0' }],
};

/** The 计分方法 choices, [kind, label]. A row without a rule is scored by ratio, so the ratio
 * rule's kind is '' here (see ruleKind in sheet-columns.js). */
export const RULES = CORE.rules.map(([kind, label]) => [kind === 'ratio' ? '' : kind, label]);

/** The 比较 choices, [value, label], with '—' for none. */
export const COMPARISONS = [['', '—'], ...CORE.comparisons.map((c) => [c, c])];

/** The 达成程度 choices of a qualitative indicator, [value, label], with '—' for none. */
export const LEVELS = [['', '—'], ...CORE.levels.map((l) => [l, l])];

/** The grade bands of a sheet whose settings give none, from the highest grade down. */
export const DEFAULT_BANDS = CORE.grade_bands;
