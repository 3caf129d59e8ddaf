//! The sheet format: one JSON document for the three table shapes of DOMAIN.md §2.
//!
//! Every number a user enters is kept as the text they typed (`"1,401.84"`, `"95%以上"`), so
//! loading then saving changes nothing and an unreadable cell is never lost: it is reported at
//! its place and kept for the user to correct. JSON numbers are accepted on load and become
//! their text. `docs/FORMAT.md` documents the format with examples.

use crate::comparison::Comparison;
use serde::{Deserialize, Deserializer, Serialize};

/// The value of the `format` field of every sheet file.
pub const FORMAT: &str = "jixiao-sheet";
/// The format version this build writes. Older versions are migrated on load.
pub const FORMAT_VERSION: u32 = 1;

/// One evaluation document: a project self-evaluation, a department-overall evaluation,
/// or a summary of many projects.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sheet {
    /// Always [`FORMAT`]; tells a sheet from any other JSON.
    pub format: String,
    /// The format version the file was written in.
    pub version: u32,
    pub kind: SheetKind,
    #[serde(default, skip_serializing_if = "Meta::is_empty")]
    pub meta: Meta,
    #[serde(default, skip_serializing_if = "Settings::is_default")]
    pub settings: Settings,
    /// 资金情况: budget against spending, e.g. 部门整体收支 and its 基本/项目 parts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub funds: Vec<FundsRow>,
    /// The indicator tree (一级 / 二级 / 三级 …, any depth).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub indicators: Vec<Node>,
    /// 汇总表 rows, one per project.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub projects: Vec<ProjectRow>,
}

impl Sheet {
    /// An empty sheet of the given kind with default settings.
    pub fn new(kind: SheetKind) -> Sheet {
        Sheet {
            format: FORMAT.to_string(),
            version: FORMAT_VERSION,
            kind,
            meta: Meta::default(),
            settings: Settings::default(),
            funds: Vec::new(),
            indicators: Vec::new(),
            projects: Vec::new(),
        }
    }

    /// Writes the canonical JSON form (pretty, fields in a fixed order, empty fields left out).
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }
}

/// The three table shapes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SheetKind {
    /// 项目支出绩效自评表: 预算执行率 plus 产出 / 效益 / 满意度 indicators.
    Project,
    /// 部门整体支出绩效自评表: a weighted tree with 分值 at every level.
    Department,
    /// 汇总表: one row per project and a 合计 row.
    Summary,
}

impl SheetKind {
    pub fn label(self) -> &'static str {
        match self {
            SheetKind::Project => "项目支出绩效自评表",
            SheetKind::Department => "部门整体支出绩效自评表",
            SheetKind::Summary => "绩效评价汇总表",
        }
    }
}

/// Who and what the sheet is about.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    /// The document's title as printed.
    #[serde(
        default,
        skip_serializing_if = "String::is_empty",
        deserialize_with = "text"
    )]
    pub title: String,
    /// 单位名称.
    #[serde(
        default,
        skip_serializing_if = "String::is_empty",
        deserialize_with = "text"
    )]
    pub unit: String,
    /// 项目名称 (project sheets).
    #[serde(
        default,
        skip_serializing_if = "String::is_empty",
        deserialize_with = "text"
    )]
    pub project: String,
    /// 年度.
    #[serde(
        default,
        skip_serializing_if = "String::is_empty",
        deserialize_with = "text"
    )]
    pub year: String,
    /// 年度总体目标 / 绩效目标.
    #[serde(
        default,
        skip_serializing_if = "String::is_empty",
        deserialize_with = "text"
    )]
    pub goal: String,
    /// Free notes (source, preparer, date).
    #[serde(
        default,
        skip_serializing_if = "String::is_empty",
        deserialize_with = "text"
    )]
    pub note: String,
    /// 问题: what the evaluation found (carried into the 汇总表).
    #[serde(
        default,
        skip_serializing_if = "String::is_empty",
        deserialize_with = "text"
    )]
    pub problems: String,
    /// 建议 (carried into the 汇总表).
    #[serde(
        default,
        skip_serializing_if = "String::is_empty",
        deserialize_with = "text"
    )]
    pub suggestions: String,
}

impl Meta {
    fn is_empty(&self) -> bool {
        *self == Meta::default()
    }
}

/// How the sheet is scored. Every field has the national default.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// What the top level's 分值 must add up to (normally 100).
    #[serde(
        default = "default_total_weight",
        skip_serializing_if = "is_default_total_weight",
        deserialize_with = "text"
    )]
    pub total_weight: String,
    /// Grade bands, highest first; a total at or above `min` gets `grade`.
    #[serde(
        default = "default_grade_bands",
        skip_serializing_if = "is_default_grade_bands"
    )]
    pub grade_bands: Vec<GradeBand>,
    /// Decimal places of scores, subtotals and the total.
    #[serde(default = "two", skip_serializing_if = "is_two")]
    pub score_decimals: u32,
    /// Decimal places of completion rates (as percent).
    #[serde(default = "two", skip_serializing_if = "is_two")]
    pub rate_decimals: u32,
    /// A completion rate at or above this (percent) is flagged: the target was probably too low.
    #[serde(
        default = "default_over_completion",
        skip_serializing_if = "is_default_over_completion",
        deserialize_with = "text"
    )]
    pub over_completion: String,
}

/// One grade band: totals ≥ `min` (and below the next band up) get `grade`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GradeBand {
    pub grade: String,
    #[serde(deserialize_with = "text")]
    pub min: String,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            total_weight: default_total_weight(),
            grade_bands: default_grade_bands(),
            score_decimals: 2,
            rate_decimals: 2,
            over_completion: default_over_completion(),
        }
    }
}

impl Settings {
    fn is_default(&self) -> bool {
        *self == Settings::default()
    }
}

fn default_total_weight() -> String {
    "100".to_string()
}
fn is_default_total_weight(s: &str) -> bool {
    s == "100"
}
/// 优 [90, …), 良 [80, 90), 中 [60, 80), 差 below 60.
pub fn default_grade_bands() -> Vec<GradeBand> {
    [("优", "90"), ("良", "80"), ("中", "60"), ("差", "0")]
        .into_iter()
        .map(|(grade, min)| GradeBand {
            grade: grade.to_string(),
            min: min.to_string(),
        })
        .collect()
}
fn is_default_grade_bands(bands: &[GradeBand]) -> bool {
    bands == default_grade_bands().as_slice()
}
fn two() -> u32 {
    2
}
fn is_two(n: &u32) -> bool {
    *n == 2
}
fn default_over_completion() -> String {
    "120%".to_string()
}
fn is_default_over_completion(s: &str) -> bool {
    s == "120%"
}

/// One row of 资金情况: a budget and what was spent of it (万元 as typed).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FundsRow {
    #[serde(deserialize_with = "text")]
    pub name: String,
    /// 预算数 (全年预算数).
    #[serde(
        default,
        skip_serializing_if = "String::is_empty",
        deserialize_with = "text"
    )]
    pub budget: String,
    /// 执行数 / 完成数.
    #[serde(
        default,
        skip_serializing_if = "String::is_empty",
        deserialize_with = "text"
    )]
    pub spent: String,
    #[serde(
        default,
        skip_serializing_if = "String::is_empty",
        deserialize_with = "text"
    )]
    pub note: String,
}

/// The text of an indicator's cell. Most cells are short (a number, a percentage, a short
/// name: 12 bytes hold `87,354.08`, `≥95%` or four Chinese characters), and such a text is
/// kept in the value itself, not in an allocation of its own: a sheet of 10,000 indicators
/// holds some 80,000 cell texts, and in the browser's first load every allocation is paid.
pub type Text = compact_str::CompactString;

/// A row of the indicator tree: a group (it has children) or a leaf indicator (it has none).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Node {
    /// An optional stable id, for files that refer to rows and for the page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Text>,
    /// 指标名称.
    #[serde(
        default,
        skip_serializing_if = "Text::is_empty",
        deserialize_with = "text"
    )]
    pub name: Text,
    /// 分值. On a group it may be left empty: it is then the sum of its children's.
    #[serde(
        default,
        skip_serializing_if = "Text::is_empty",
        deserialize_with = "text"
    )]
    pub weight: Text,
    /// How the leaf is scored; when absent, the comparison decides (定性 → qualitative,
    /// anything else → ratio).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<Rule>,
    /// 比较方式. When absent, a comparison written in the target (`≥90分`) is used, else ≥.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comparison: Option<Comparison>,
    /// 年度指标值.
    #[serde(
        default,
        skip_serializing_if = "Text::is_empty",
        deserialize_with = "text"
    )]
    pub target: Text,
    /// 实际完成值.
    #[serde(
        default,
        skip_serializing_if = "Text::is_empty",
        deserialize_with = "text"
    )]
    pub actual: Text,
    /// 计量单位.
    #[serde(
        default,
        skip_serializing_if = "Text::is_empty",
        deserialize_with = "text"
    )]
    pub unit: Text,
    /// The level chosen for a qualitative leaf.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<Level>,
    /// A score entered by hand (manual, qualitative and 加减分 leaves).
    #[serde(
        default,
        skip_serializing_if = "Text::is_empty",
        deserialize_with = "text"
    )]
    pub score: Text,
    /// Marked 不适用: the leaf leaves the table and the total is rescaled.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub not_applicable: bool,
    /// 偏差原因及改进措施 (or the reason for a manual score).
    #[serde(
        default,
        skip_serializing_if = "Text::is_empty",
        deserialize_with = "text"
    )]
    pub reason: Text,
    /// 备注 / 佐证材料.
    #[serde(
        default,
        skip_serializing_if = "Text::is_empty",
        deserialize_with = "text"
    )]
    pub note: Text,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<Node>,
}

impl Node {
    /// A group row with children.
    pub fn group(name: &str, weight: &str, children: Vec<Node>) -> Node {
        Node {
            name: name.into(),
            weight: weight.into(),
            children,
            ..Node::default()
        }
    }

    /// A leaf with a rule.
    pub fn leaf(name: &str, weight: &str, rule: Option<Rule>) -> Node {
        Node {
            name: name.into(),
            weight: weight.into(),
            rule,
            ..Node::default()
        }
    }

    pub fn is_group(&self) -> bool {
        !self.children.is_empty()
    }
}

/// The indicator tree as rows in printed order (a row, then its children), each with the index
/// of its parent and its depth: the layout the calculator works on. The rows' `children` are
/// empty. The quick reader builds this directly, so a large sheet's rows are never moved.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct IndicatorRows {
    pub nodes: Vec<Node>,
    /// The parent's index in `nodes`; [`IndicatorRows::TOP`] for a top-level row.
    pub parents: Vec<u32>,
    /// 0 for a top-level row.
    pub depths: Vec<u16>,
}

impl IndicatorRows {
    /// The parent of a top-level row.
    pub const TOP: u32 = u32::MAX;

    /// Lays a tree out in printed order, moving each row once. The walk keeps a stack of child
    /// iterators, so no depth of nesting can overflow the call stack.
    pub fn from_tree(tree: Vec<Node>) -> IndicatorRows {
        let count = count_rows(&tree);
        let mut rows = IndicatorRows {
            nodes: Vec::with_capacity(count),
            parents: Vec::with_capacity(count),
            depths: Vec::with_capacity(count),
        };
        let mut stack: Vec<(std::vec::IntoIter<Node>, u32, u16)> =
            vec![(tree.into_iter(), IndicatorRows::TOP, 0)];
        while let Some(top) = stack.last_mut() {
            let (parent, depth) = (top.1, top.2);
            let Some(mut node) = top.0.next() else {
                stack.pop();
                continue;
            };
            let id = rows.nodes.len() as u32;
            let children = std::mem::take(&mut node.children);
            rows.push(node, parent, depth);
            if !children.is_empty() {
                stack.push((children.into_iter(), id, depth.saturating_add(1)));
            }
        }
        rows
    }

    pub fn push(&mut self, node: Node, parent: u32, depth: u16) {
        self.nodes.push(node);
        self.parents.push(parent);
        self.depths.push(depth);
    }

    /// The nested tree again. Children come after their parent: walking backwards, every row
    /// has all its children when it is reached.
    pub fn into_tree(self) -> Vec<Node> {
        let mut children: Vec<Vec<Node>> = (0..self.nodes.len()).map(|_| Vec::new()).collect();
        let mut top = Vec::new();
        for (i, mut node) in self.nodes.into_iter().enumerate().rev() {
            let mut own = std::mem::take(&mut children[i]);
            own.reverse();
            node.children = own;
            // A parent comes before its children; anything else is taken as a top-level row.
            let parent = self.parents[i] as usize;
            match children.get_mut(parent) {
                Some(siblings) if parent < i => siblings.push(node),
                _ => top.push(node),
            }
        }
        top.reverse();
        top
    }
}

/// The number of rows in a tree, counted without recursion.
fn count_rows(tree: &[Node]) -> usize {
    let mut count = 0;
    let mut stack: Vec<&[Node]> = vec![tree];
    while let Some(level) = stack.pop() {
        count += level.len();
        stack.extend(
            level
                .iter()
                .filter(|n| !n.children.is_empty())
                .map(|n| n.children.as_slice()),
        );
    }
    count
}

/// How a leaf's score is computed (DOMAIN.md §4). Parameters are text, as typed.
/// Written as `{"kind": …, parameters}`; read through [`RuleFields`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Rule {
    /// Ratio scoring by the comparison: ≥ / > higher is better (W × A ÷ T, capped at W);
    /// ≤ / < lower is better in the variant named by `lower`; = as the national platform.
    Ratio {
        #[serde(default, skip_serializing_if = "LowerVariant::is_default")]
        lower: LowerVariant,
    },
    /// 预算执行率: target = 全年预算数, actual = 全年执行数; W × 执行数 ÷ 预算数, capped at W.
    BudgetExecution,
    /// Step deduction: start at W and take `points` off for each full `step` beyond `threshold`
    /// (the target when empty, else 0), in the bad direction of the comparison; floor 0.
    /// `inclusive` (默认 true) is "每增加5%（含）": reaching a step boundary counts.
    Step {
        #[serde(
            default,
            skip_serializing_if = "Text::is_empty",
            deserialize_with = "text"
        )]
        threshold: Text,
        #[serde(deserialize_with = "text")]
        step: Text,
        #[serde(deserialize_with = "text")]
        points: Text,
        #[serde(default = "yes", skip_serializing_if = "is_yes")]
        inclusive: bool,
    },
    /// Interval table: the band the value falls in gives the points.
    Interval {
        #[serde(default, skip_serializing_if = "IntervalBasis::is_default")]
        basis: IntervalBasis,
        bands: Vec<Band>,
    },
    /// W − points × count, floor 0 ("每发现一次扣1分"); the actual is the count.
    PerOccurrence {
        #[serde(deserialize_with = "text")]
        points: Text,
    },
    /// 定性: a level is chosen and the score entered by hand, checked against the level's band.
    Qualitative,
    /// 是 / 否: met gives W, not met gives 0; the actual holds the answer.
    YesNo,
    /// The score is entered by hand (0 ≤ score ≤ W), with its reason.
    Manual,
    /// 加减分: a bonus or penalty entered in `score`, within ±`bound`.
    Adjustment {
        #[serde(deserialize_with = "text")]
        bound: Text,
    },
}

impl Rule {
    /// The rule's name as users know it.
    pub fn label(&self) -> &'static str {
        match self {
            Rule::Ratio { .. } => "比率法",
            Rule::BudgetExecution => "预算执行率",
            Rule::Step { .. } => "阶梯扣分",
            Rule::Interval { .. } => "区间计分",
            Rule::PerOccurrence { .. } => "按次扣分",
            Rule::Qualitative => "定性评价",
            Rule::YesNo => "是否判断",
            Rule::Manual => "手动评分",
            Rule::Adjustment { .. } => "加减分",
        }
    }
}

/// The kinds of rule, as files name them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum RuleKind {
    Ratio,
    BudgetExecution,
    Step,
    Interval,
    PerOccurrence,
    Qualitative,
    YesNo,
    Manual,
    Adjustment,
}

impl RuleKind {
    /// The kind a file names, as serde reads it (`kind_names_are_what_serde_reads`), for the
    /// quick reader.
    ///
    /// Told by the length first, so that a name is compared with one candidate (two for six
    /// letters), not with each in turn: in the browser's first run each comparison is a call.
    #[inline(never)]
    pub(crate) fn from_name(name: &str) -> Option<RuleKind> {
        Some(match (name.len(), name) {
            (5, "ratio") => RuleKind::Ratio,
            (16, "budget_execution") => RuleKind::BudgetExecution,
            (4, "step") => RuleKind::Step,
            (8, "interval") => RuleKind::Interval,
            (14, "per_occurrence") => RuleKind::PerOccurrence,
            (11, "qualitative") => RuleKind::Qualitative,
            (6, "yes_no") => RuleKind::YesNo,
            (6, "manual") => RuleKind::Manual,
            (10, "adjustment") => RuleKind::Adjustment,
            _ => return None,
        })
    }
}

/// A rule as written: the kind and every parameter any kind has, read in one pass. (serde's
/// derive for a tagged enum buffers each rule object before choosing its variant; in the
/// browser that made rules the costliest part of opening a large sheet.) Each kind then takes
/// its own parameters and refuses the others, as the file format says.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RuleFields {
    pub(crate) kind: RuleKind,
    pub(crate) lower: Option<LowerVariant>,
    #[serde(default, deserialize_with = "some_text")]
    pub(crate) threshold: Option<Text>,
    #[serde(default, deserialize_with = "some_text")]
    pub(crate) step: Option<Text>,
    #[serde(default, deserialize_with = "some_text")]
    pub(crate) points: Option<Text>,
    pub(crate) inclusive: Option<bool>,
    pub(crate) basis: Option<IntervalBasis>,
    pub(crate) bands: Option<Vec<Band>>,
    #[serde(default, deserialize_with = "some_text")]
    pub(crate) bound: Option<Text>,
}

impl RuleFields {
    /// A rule of `kind` with no parameter given yet.
    pub(crate) fn of_kind(kind: RuleKind) -> RuleFields {
        RuleFields {
            kind,
            lower: None,
            threshold: None,
            step: None,
            points: None,
            inclusive: None,
            basis: None,
            bands: None,
            bound: None,
        }
    }

    pub(crate) fn into_rule<E: serde::de::Error>(self) -> Result<Rule, E> {
        const NAMES: [&str; 8] = [
            "lower",
            "threshold",
            "step",
            "points",
            "inclusive",
            "basis",
            "bands",
            "bound",
        ];
        // The parameters given and the ones the kind takes, one bit each in NAMES' order.
        let present = u8::from(self.lower.is_some())
            | u8::from(self.threshold.is_some()) << 1
            | u8::from(self.step.is_some()) << 2
            | u8::from(self.points.is_some()) << 3
            | u8::from(self.inclusive.is_some()) << 4
            | u8::from(self.basis.is_some()) << 5
            | u8::from(self.bands.is_some()) << 6
            | u8::from(self.bound.is_some()) << 7;
        let (allowed, names): (u8, &'static [&'static str]) = match self.kind {
            RuleKind::Ratio => (0b1, &["lower"]),
            RuleKind::Step => (0b11110, &["threshold", "step", "points", "inclusive"]),
            RuleKind::Interval => (0b110_0000, &["basis", "bands"]),
            RuleKind::PerOccurrence => (0b1000, &["points"]),
            RuleKind::Adjustment => (0b1000_0000, &["bound"]),
            _ => (0, &[]),
        };
        let refused = present & !allowed;
        if refused != 0 {
            return Err(E::unknown_field(
                NAMES[refused.trailing_zeros() as usize],
                names,
            ));
        }
        let required =
            |value: Option<Text>, name: &'static str| value.ok_or_else(|| E::missing_field(name));
        Ok(match self.kind {
            RuleKind::Ratio => Rule::Ratio {
                lower: self.lower.unwrap_or_default(),
            },
            RuleKind::BudgetExecution => Rule::BudgetExecution,
            RuleKind::Step => Rule::Step {
                threshold: self.threshold.unwrap_or_default(),
                step: required(self.step, "step")?,
                points: required(self.points, "points")?,
                inclusive: self.inclusive.unwrap_or(true),
            },
            RuleKind::Interval => Rule::Interval {
                basis: self.basis.unwrap_or_default(),
                bands: self.bands.ok_or_else(|| E::missing_field("bands"))?,
            },
            RuleKind::PerOccurrence => Rule::PerOccurrence {
                points: required(self.points, "points")?,
            },
            RuleKind::Qualitative => Rule::Qualitative,
            RuleKind::YesNo => Rule::YesNo,
            RuleKind::Manual => Rule::Manual,
            RuleKind::Adjustment => Rule::Adjustment {
                bound: required(self.bound, "bound")?,
            },
        })
    }
}

impl<'de> Deserialize<'de> for Rule {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Rule, D::Error> {
        RuleFields::deserialize(deserializer)?.into_rule()
    }
}

fn some_text<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Text>, D::Error> {
    text(deserializer).map(Some)
}

fn is_yes(b: &bool) -> bool {
    *b
}

/// The two lower-is-better formulas in use (DOMAIN.md §4).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LowerVariant {
    /// W × (1 − (A − T) ÷ T), 0 once A ≥ 2T (national platform).
    #[default]
    Linear,
    /// W × T ÷ A.
    Ratio,
}

impl LowerVariant {
    fn is_default(&self) -> bool {
        *self == LowerVariant::Linear
    }
}

/// What an interval table is applied to.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IntervalBasis {
    /// The actual value itself (e.g. 满意度 92%).
    #[default]
    Actual,
    /// The completion rate, actual ÷ target, in percent.
    Rate,
}

impl IntervalBasis {
    fn is_default(&self) -> bool {
        *self == IntervalBasis::Actual
    }
}

/// One band of an interval table: values in [min, max) get `points`; an empty bound is open.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Band {
    #[serde(
        default,
        skip_serializing_if = "Text::is_empty",
        deserialize_with = "text"
    )]
    pub min: Text,
    #[serde(
        default,
        skip_serializing_if = "Text::is_empty",
        deserialize_with = "text"
    )]
    pub max: Text,
    #[serde(deserialize_with = "text")]
    pub points: Text,
}

/// The level of a qualitative leaf and its band of the weight W.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Level {
    /// 达成: [0.8W, W].
    #[serde(
        rename = "达成",
        alias = "完全达成",
        alias = "全部达成",
        alias = "已达成"
    )]
    Met,
    /// 部分达成: [0.6W, 0.8W).
    #[serde(rename = "部分达成", alias = "基本达成")]
    Partly,
    /// 未达成: [0, 0.6W).
    #[serde(rename = "未达成", alias = "未完成")]
    NotMet,
}

impl Level {
    pub fn label(self) -> &'static str {
        match self {
            Level::Met => "达成",
            Level::Partly => "部分达成",
            Level::NotMet => "未达成",
        }
    }

    /// Reads a level as typed in an actual-value cell: the three levels, the official long
    /// labels (达成年度指标 …), and the grade words 自评表 use. A word goes to the band of the
    /// share of the weight it stands for: 优 (90+) and 良 (80–90) within [0.8W, W], 中 (60–80)
    /// is [0.6W, 0.8W), 差 below; 好 / 较好 / 一般 / 较差 / 差 as 100 / 80 / 60 / 40 / 20%.
    pub fn parse(text: &str) -> Option<Level> {
        let word: String = text
            .chars()
            .filter(|c| !c.is_whitespace() && !matches!(c, '，' | ',' | '、' | '。' | '；'))
            .collect();
        Some(match word.as_str() {
            "达成" | "完全达成" | "全部达成" | "已达成" | "达到" | "已完成" | "完成"
            | "达成年度指标" | "达成年度目标" | "好" | "较好" | "优" | "优秀" | "良" | "良好" => {
                Level::Met
            }
            "部分达成"
            | "基本达成"
            | "部分完成"
            | "基本完成"
            | "一般"
            | "中"
            | "中等"
            | "部分达成年度指标并具有一定效果"
            | "部分达成并具有一定效果" => Level::Partly,
            "未达成"
            | "未完成"
            | "未达到"
            | "较差"
            | "差"
            | "未达成年度指标且效果较差"
            | "未达成且效果较差" => Level::NotMet,
            _ => return None,
        })
    }
}

/// A row of the 汇总表 (seed 000): one evaluated project.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProjectRow {
    /// 序号.
    #[serde(
        default,
        skip_serializing_if = "String::is_empty",
        deserialize_with = "text"
    )]
    pub seq: String,
    /// 单位名称.
    #[serde(
        default,
        skip_serializing_if = "String::is_empty",
        deserialize_with = "text"
    )]
    pub unit: String,
    /// 项目名称.
    #[serde(
        default,
        skip_serializing_if = "String::is_empty",
        deserialize_with = "text"
    )]
    pub project: String,
    /// 绩效目标.
    #[serde(
        default,
        skip_serializing_if = "String::is_empty",
        deserialize_with = "text"
    )]
    pub goal: String,
    /// 预算数 (万元).
    #[serde(
        default,
        skip_serializing_if = "String::is_empty",
        deserialize_with = "text"
    )]
    pub budget: String,
    /// 完成数 (万元).
    #[serde(
        default,
        skip_serializing_if = "String::is_empty",
        deserialize_with = "text"
    )]
    pub spent: String,
    /// 分数.
    #[serde(
        default,
        skip_serializing_if = "String::is_empty",
        deserialize_with = "text"
    )]
    pub score: String,
    /// 等级 as printed; when empty it is computed from the score.
    #[serde(
        default,
        skip_serializing_if = "String::is_empty",
        deserialize_with = "text"
    )]
    pub grade: String,
    /// 问题.
    #[serde(
        default,
        skip_serializing_if = "String::is_empty",
        deserialize_with = "text"
    )]
    pub problems: String,
    /// 建议.
    #[serde(
        default,
        skip_serializing_if = "String::is_empty",
        deserialize_with = "text"
    )]
    pub suggestions: String,
}

/// Accepts a JSON string, or a number or boolean that becomes its text, for a text field.
fn text<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: for<'a> From<&'a str> + From<String>,
{
    struct TextVisitor<T>(std::marker::PhantomData<T>);
    impl<'de, T: for<'a> From<&'a str> + From<String>> serde::de::Visitor<'de> for TextVisitor<T> {
        type Value = T;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("text or a number")
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<T, E> {
            Ok(T::from(v))
        }
        fn visit_string<E: serde::de::Error>(self, v: String) -> Result<T, E> {
            Ok(T::from(v))
        }
        fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<T, E> {
            Ok(T::from(v.to_string()))
        }
        fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<T, E> {
            Ok(T::from(v.to_string()))
        }
        fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<T, E> {
            // The shortest text that reads back as the same float: 1401.84 stays "1401.84".
            // NaN and infinities become text that the cell reader reports at the cell.
            Ok(T::from(v.to_string()))
        }
        fn visit_unit<E: serde::de::Error>(self) -> Result<T, E> {
            Ok(T::from(""))
        }
        fn visit_none<E: serde::de::Error>(self) -> Result<T, E> {
            Ok(T::from(""))
        }
        fn visit_some<D2: Deserializer<'de>>(self, d: D2) -> Result<T, D2::Error> {
            d.deserialize_any(self)
        }
    }
    deserializer.deserialize_any(TextVisitor(std::marker::PhantomData))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_names_are_what_serde_reads() {
        for name in [
            "ratio",
            "budget_execution",
            "step",
            "interval",
            "per_occurrence",
            "qualitative",
            "yes_no",
            "manual",
            "adjustment",
            "Ratio",
            "yes-no",
            "yes_ne",
            "manuel",
            "stop",
            "",
        ] {
            let by_serde = serde_json::from_str::<RuleKind>(&format!("\"{name}\"")).ok();
            assert_eq!(RuleKind::from_name(name), by_serde, "{name}");
        }
    }

    #[test]
    fn numbers_in_json_become_text() {
        let node: Node =
            serde_json::from_str(r#"{"name":"x","weight":20,"target":1401.84,"actual":null}"#)
                .unwrap();
        assert_eq!(node.weight, "20");
        assert_eq!(node.target, "1401.84");
        assert_eq!(node.actual, "");
    }

    #[test]
    fn each_kind_takes_its_own_parameters_and_refuses_the_others() {
        let value = |name: &str| match name {
            "lower" => r#""ratio""#,
            "inclusive" => "true",
            "basis" => r#""rate""#,
            "bands" => r#"[{"points":"1"}]"#,
            _ => r#""1""#,
        };
        let takes: [(&str, &[&str]); 5] = [
            ("ratio", &["lower"]),
            ("step", &["threshold", "step", "points", "inclusive"]),
            ("interval", &["basis", "bands"]),
            ("per_occurrence", &["points"]),
            ("adjustment", &["bound"]),
        ];
        let all = [
            "lower",
            "threshold",
            "step",
            "points",
            "inclusive",
            "basis",
            "bands",
            "bound",
        ];
        for (kind, own) in takes {
            let given: String = own
                .iter()
                .map(|n| format!(r#","{n}":{}"#, value(n)))
                .collect();
            let read = serde_json::from_str::<Rule>(&format!(r#"{{"kind":"{kind}"{given}}}"#));
            assert!(read.is_ok(), "{kind}: {read:?}");
            for other in all.iter().filter(|n| !own.contains(n)) {
                let json = format!(r#"{{"kind":"{kind}"{given},"{other}":{}}}"#, value(other));
                let error = serde_json::from_str::<Rule>(&json).unwrap_err().to_string();
                assert!(
                    error.contains(&format!("unknown field `{other}`")),
                    "{json}: {error}"
                );
            }
        }
    }

    #[test]
    fn rules_are_tagged_by_kind() {
        let rule: Rule =
            serde_json::from_str(r#"{"kind":"step","step":"5%","points":"0.5"}"#).unwrap();
        assert_eq!(
            rule,
            Rule::Step {
                threshold: Text::default(),
                step: "5%".into(),
                points: "0.5".into(),
                inclusive: true
            }
        );
        assert_eq!(
            serde_json::to_string(&rule).unwrap(),
            r#"{"kind":"step","step":"5%","points":"0.5"}"#
        );
        let bad = serde_json::from_str::<Rule>(r#"{"kind":"step","step":"5%","pionts":"0.5"}"#);
        assert!(bad.is_err(), "a misspelt parameter is refused, not ignored");
    }

    #[test]
    fn default_settings_are_not_written() {
        let sheet = Sheet::new(SheetKind::Project);
        let json = sheet.to_json();
        assert!(!json.contains("settings"), "{json}");
        let back: Sheet = serde_json::from_str(&json).unwrap();
        assert_eq!(back, sheet);
    }
}
