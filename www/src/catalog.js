// The core's tables the page offers choices from: the rule kinds with their labels, the
// comparisons, the qualitative levels and the default grade bands. They come from the core
// (`catalog()`, src/rules/mod.rs), read once when the engine loads (engine.js), and are not
// written anywhere on the page; the lists the page's selects and settings use are derived here.
// Everything that reads them runs after the engine has loaded.

/** The 计分方法 choices, [kind, label]. A row without a rule is scored by ratio, so the ratio
 * rule's kind is '' here (see ruleKind in sheet-columns.js). */
export let RULES = [];

/** The 比较 choices, [value, label], with '—' for none. */
export let COMPARISONS = [];

/** The 达成程度 choices of a qualitative indicator, [value, label], with '—' for none. */
export let LEVELS = [];

/** The grade bands of a sheet whose settings give none, from the highest grade down. */
export let DEFAULT_BANDS = [];

/** The 提示 a sheet can switch off, [code, what it points out]. */
export let HINTS = [];

/** Takes the tables from the core's `catalog()`. */
export function useCatalog(core) {
  RULES = core.rules.map(([kind, label]) => [kind === 'ratio' ? '' : kind, label]);
  COMPARISONS = [['', '—'], ...core.comparisons.map((c) => [c, c])];
  LEVELS = [['', '—'], ...core.levels.map((l) => [l, l])];
  DEFAULT_BANDS = core.grade_bands;
  HINTS = core.hints;
}
