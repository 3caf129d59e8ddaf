//! The sheet format: one JSON document for the three table shapes of DOMAIN.md §2.
//!
//! Every number a user enters is kept as the text they typed (`"1,401.84"`, `"95%以上"`), so
//! loading then saving changes nothing and an unreadable cell is never lost: it is reported at
//! its place and kept for the user to correct. JSON numbers are accepted on load and become
//! their text. `docs/FORMAT.md` documents the format with examples.

pub use crate::arith::Rounding;
pub use crate::cell::Text;
use crate::comparison::Comparison;
pub use crate::rules::{Band, IntervalBasis, Level, LowerVariant, Rule};
use serde::{Deserialize, Deserializer, Serialize};

/// The value of the `format` field of every sheet file.
pub const FORMAT: &str = "jixiao-sheet";
/// The format version this build writes. Older versions are migrated on load.
pub const FORMAT_VERSION: u32 = 2;

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
    /// The 总分, 等级 (and a 汇总表's 合计 rate) as the unit printed them.
    #[serde(default, skip_serializing_if = "DeclaredTotal::is_empty")]
    pub declared: DeclaredTotal,
    /// The 自评报告's paragraphs as the user rewrote or added them (`crate::narrative`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub report: Vec<ReportEdit>,
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
            declared: DeclaredTotal::default(),
            report: Vec::new(),
        }
    }

    /// Writes the canonical JSON form (pretty, fields in a fixed order, empty fields left out).
    pub fn to_json(&self) -> String {
        pretty(&self.to_compact_json())
    }

    /// The same on one line: for the browser's storage and the page's own copies, where the
    /// pretty form's indentation doubled a large sheet (and the time to write and read it).
    pub fn to_compact_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// A file's compact JSON text laid out as the canonical, pretty form (and a final line break).
/// The text is re-read and written out again value by value (serde-transcode), rather than
/// each type being serialized once compact and once pretty: in the page's module, serde's
/// pretty writer compiled for every type of the format was 2.2 KB gzipped.
pub(crate) fn pretty(compact: &str) -> String {
    let mut out = Vec::with_capacity(compact.len() * 2);
    let mut reader = serde_json::Deserializer::from_str(compact);
    let mut writer = serde_json::Serializer::pretty(&mut out);
    // The text was just written by serde_json, so reading it again cannot fail, nor can
    // writing to memory; and what is written is UTF-8, as what was read.
    if serde_transcode::transcode(&mut reader, &mut writer).is_err() {
        return compact.to_string();
    }
    let mut text = String::from_utf8(out).unwrap_or_else(|_| compact.to_string());
    text.push('\n');
    text
}

/// The three table shapes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
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
    /// 主管部门 (the 10号 form's, above 实施单位).
    #[serde(
        default,
        skip_serializing_if = "String::is_empty",
        deserialize_with = "text"
    )]
    pub department: String,
    /// 年度总体目标 / 绩效目标: on the 10号 form, its 预期目标.
    #[serde(
        default,
        skip_serializing_if = "String::is_empty",
        deserialize_with = "text"
    )]
    pub goal: String,
    /// 年度总体目标's 实际完成情况 (the 10号 form's right-hand column).
    #[serde(
        default,
        skip_serializing_if = "String::is_empty",
        deserialize_with = "text"
    )]
    pub achieved: String,
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
    /// 填报人, printed on the signature line.
    #[serde(
        default,
        skip_serializing_if = "String::is_empty",
        deserialize_with = "text"
    )]
    pub preparer: String,
    /// 审核人.
    #[serde(
        default,
        skip_serializing_if = "String::is_empty",
        deserialize_with = "text"
    )]
    pub reviewer: String,
    /// 联系电话.
    #[serde(
        default,
        skip_serializing_if = "String::is_empty",
        deserialize_with = "text"
    )]
    pub phone: String,
    /// 填报日期, as typed.
    #[serde(
        default,
        skip_serializing_if = "String::is_empty",
        deserialize_with = "text"
    )]
    pub date: String,
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
    /// The 提示 (hint) codes this sheet does not want shown, e.g. `["no_satisfaction"]` for a
    /// project with no service users.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hints_off: Vec<String>,
    /// How scores are brought to their places (四舍五入 unless the sheet's own convention is
    /// 截位 or 进位).
    #[serde(default, skip_serializing_if = "Rounding::is_default")]
    pub score_rounding: Rounding,
    /// How completion rates are brought to their places.
    #[serde(default, skip_serializing_if = "Rounding::is_default")]
    pub rate_rounding: Rounding,
    /// The lower edges of 达成 and 部分达成 as shares of the weight: `["80%", "60%"]`
    /// nationally, `["80%", "50%"]` in some provinces.
    #[serde(
        default = "default_qualitative_bands",
        skip_serializing_if = "is_default_qualitative_bands"
    )]
    pub qualitative_bands: Vec<String>,
    /// 预算执行率 scored W × 执行率 without the cap at W (as the national platform computes it).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub budget_uncapped: bool,
    /// A ratio row whose actual is a percentage scores W × the actual, whatever the target
    /// (target 98%, actual 98%, weight 20 → 19.6): a convention some provinces' tables follow.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub actual_as_coefficient: bool,
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
            hints_off: Vec::new(),
            score_rounding: Rounding::HalfUp,
            rate_rounding: Rounding::HalfUp,
            qualitative_bands: default_qualitative_bands(),
            budget_uncapped: false,
            actual_as_coefficient: false,
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
/// 达成 from 80% of the weight, 部分达成 from 60% (财预〔2020〕10号).
pub fn default_qualitative_bands() -> Vec<String> {
    vec!["80%".to_string(), "60%".to_string()]
}
fn is_default_qualitative_bands(bands: &[String]) -> bool {
    bands == default_qualitative_bands().as_slice()
}

/// A row's figures as the unit printed them (完成率 / 执行率 and 得分; a group's 得分 is its
/// subtotal). Never used to score: kept as typed, saved, and compared with what the calculator
/// works out (`jixiao check`, the page's 审核 view).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Declared {
    #[serde(
        default,
        skip_serializing_if = "Text::is_empty",
        deserialize_with = "text"
    )]
    pub rate: Text,
    #[serde(
        default,
        skip_serializing_if = "Text::is_empty",
        deserialize_with = "text"
    )]
    pub score: Text,
}

impl Declared {
    pub fn is_empty(&self) -> bool {
        self.rate.is_empty() && self.score.is_empty()
    }
}

/// A 汇总表 row's 预算完成率 as printed (its 分数 and 等级 are the row's own cells).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeclaredRate {
    #[serde(
        default,
        skip_serializing_if = "String::is_empty",
        deserialize_with = "text"
    )]
    pub rate: String,
}

impl DeclaredRate {
    pub fn is_empty(&self) -> bool {
        self.rate.is_empty()
    }
}

/// The sheet's bottom line as the unit printed it: 总分 and 等级 (自评等级), and on a 汇总表 the
/// 合计 row's 预算完成率; and the reviewer's 审核意见 on it, as a row keeps its own.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeclaredTotal {
    #[serde(
        default,
        skip_serializing_if = "String::is_empty",
        deserialize_with = "text"
    )]
    pub total: String,
    #[serde(
        default,
        skip_serializing_if = "String::is_empty",
        deserialize_with = "text"
    )]
    pub grade: String,
    #[serde(
        default,
        skip_serializing_if = "String::is_empty",
        deserialize_with = "text"
    )]
    pub rate: String,
    /// 审核意见 on the bottom line (shown on the review's 总分 row, a 汇总表's 合计).
    #[serde(
        default,
        skip_serializing_if = "String::is_empty",
        deserialize_with = "text"
    )]
    pub opinion: String,
}

/// A paragraph of the 自评报告 as the user wrote it: the paragraph it replaces (its `key`), or
/// one the user added (a key no paragraph has, `<section>/…`), placed at the end of its section.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportEdit {
    pub key: String,
    /// The user's words, and the figures from the table they kept, which follow the table.
    pub text: Vec<ReportPiece>,
}

/// A piece of a rewritten paragraph: `{"words": "…"}` or `{"table": "rate"}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportPiece {
    /// Words the user wrote.
    Words(String),
    /// A part that comes from the table (a figure, a name, a derivation), by its name in the
    /// paragraph: written as the table now gives it.
    Table(String),
}

impl DeclaredTotal {
    pub fn is_empty(&self) -> bool {
        self.total.is_empty()
            && self.grade.is_empty()
            && self.rate.is_empty()
            && self.opinion.is_empty()
    }
}

/// One row of 资金情况: a budget and what was spent of it (万元 as typed).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FundsRow {
    #[serde(deserialize_with = "text")]
    pub name: String,
    /// 年初预算数: shown and checked against the 其中 rows, not scored.
    #[serde(
        default,
        skip_serializing_if = "String::is_empty",
        deserialize_with = "text"
    )]
    pub initial: String,
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
    /// 执行率 and 得分 as the unit printed them.
    #[serde(default, skip_serializing_if = "Declared::is_empty")]
    pub declared: Declared,
    /// A 其中 row: a part of the nearest row above that is not one. The parts of a row add
    /// up to it (当年财政拨款 + 上年结转资金 + 其他资金 = 年度资金总额).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub part: bool,
}

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
    /// 完成率 and 得分 (a group's subtotal) as the unit printed them.
    #[serde(default, skip_serializing_if = "Declared::is_empty")]
    pub declared: Declared,
    /// 审核意见: what the reviewer wrote about the row.
    #[serde(
        default,
        skip_serializing_if = "Text::is_empty",
        deserialize_with = "text"
    )]
    pub opinion: Text,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<Node>,
    /// The words of a table's 计分方法 that gave the row its `comparison`, none being typed
    /// (`每降低5%扣0.5分` is ≥, `rule_text::read`): a paste over a row with a 比较方式 of its
    /// own checks them against it rather than replacing it. Only a table being read has it.
    #[serde(skip)]
    pub comparison_from_rule: Option<Text>,
}

impl Node {
    /// A 预算执行率 whose 全年预算数 and 全年执行数 are the first 资金 row's (the 10号 form).
    pub fn scored_from_funds(&self) -> bool {
        matches!(&self.rule, Some(Rule::BudgetExecution(b)) if b.from_funds)
    }

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

    /// Whether nothing is typed into the row beyond what a template gives it (its 分值 and
    /// comparison): no 年度指标值, 实际完成值, level, 得分 or 偏差原因. Without a name too, it is a
    /// blank template row, not yet an indicator.
    pub fn nothing_typed(&self) -> bool {
        self.target.trim().is_empty()
            && self.actual.trim().is_empty()
            && self.score.trim().is_empty()
            && self.reason.trim().is_empty()
            && self.level.is_none()
    }
}

/// The indicator tree as rows in printed order (a row, then its children), each with the index
/// of its parent and its depth: the layout the calculator works on. The rows' `children` are
/// empty.
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
    /// 预算完成率 as printed.
    #[serde(default, skip_serializing_if = "DeclaredRate::is_empty")]
    pub declared: DeclaredRate,
    /// On a row computed from a workbook's sheet (`engine::row_from_sheet`), scored: the band
    /// of that sheet's own grade bands its total is graded in (`优`, `85`). The 汇总表 grades
    /// every row by its own bands, and says so at a row its sheet grades otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sheet_grade: Option<GradeBand>,
}

/// Accepts a JSON string, or a number or boolean that becomes its text, for a text field.
/// The text of a cell a file gives as a float: the shortest that reads back as the same float
/// (1401.84 stays "1401.84"). NaN and infinities become text that the cell reader reports at
/// the cell.
pub(crate) fn float_text(v: f64) -> String {
    v.to_string()
}

pub(crate) fn text<'de, D, T>(deserializer: D) -> Result<T, D::Error>
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
            Ok(T::from(float_text(v)))
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

    /// The canonical form written from the compact text is serde's pretty form, byte for byte.
    #[test]
    fn the_pretty_form_is_serdes() {
        let mut workbook = crate::workbook::Workbook::new("工作簿");
        for template in crate::templates::TEMPLATES {
            let sheet = template.sheet();
            let serde = serde_json::to_string_pretty(&sheet).unwrap() + "\n";
            assert_eq!(sheet.to_json(), serde, "{}", template.id);
            workbook.sheets.push(sheet);
        }
        let serde = serde_json::to_string_pretty(&workbook).unwrap() + "\n";
        assert_eq!(workbook.to_json(), serde);
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
            Rule::Step(crate::rules::Step {
                threshold: Text::default(),
                step: "5%".into(),
                points: "0.5".into(),
                inclusive: true
            })
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
