//! The calculator: a sheet held as a flat tree, evaluated once in full and then kept up to
//! date edit by edit. Changing one cell re-scores that leaf and walks its ancestors to the
//! total, adjusting each sum by the difference, so an edit costs the depth of the tree, not
//! its size.
//!
//! Subtotals are exact sums of the rounded leaf scores (DOMAIN.md §3), which is what makes
//! updating by differences exact: nothing is rounded above the leaves except a rescaled total.

use crate::arith::{self, saturating_plus};
use crate::diagnostic::{Diagnostic, Location, Problem, SettingField};
use crate::funds::{self, FundsResult};
use crate::model::{IndicatorRows, Node, Settings, Sheet, SheetKind, FORMAT, FORMAT_VERSION};
use crate::rules::Outcome;
use crate::settings::Resolved;
use crate::summary::{self, SummaryResult};
use rust_decimal::Decimal;
use std::cell::OnceCell;
use thiserror::Error;

mod diagnostics;
mod edit;
mod hints;
pub mod last_year;
mod projects;
pub mod report;
mod row_state;
mod shape;
mod tables;
mod update_json;

pub use projects::{older_row_name, other_years, row_from_sheet, row_name};
use row_state::{
    check_group_weight, own_state, score_leaf, Contribution, Severities, Slot, State, Totals,
};

/// A row of the indicator tree: its index in printed (pre-)order, starting at 0.
pub type NodeId = usize;

const NONE: u32 = u32::MAX;

/// Why an edit was refused. The sheet is unchanged when this is returned.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum EditError {
    #[error("没有第{0}行指标")]
    NoSuchNode(NodeId),
    #[error("比较方式“{0}”无法识别，请填写 ≥、>、=、≤、< 或 定性")]
    BadComparison(String),
    #[error("达成程度“{0}”无法识别，请填写 达成、部分达成 或 未达成")]
    BadLevel(String),
    #[error("“不适用”应为 是 或 否")]
    BadFlag(String),
    #[error("计分规则无法识别：{0}")]
    BadRule(String),
    #[error("上方没有同级指标，无法降级")]
    CannotIndent,
    #[error("一级指标无法再升级")]
    CannotOutdent,
    #[error("已经是同级的第一行或最后一行，无法再移动")]
    CannotMove,
    #[error("没有第{0}行")]
    NoSuchRow(usize),
}

/// What an edit changed, so that a view can redraw only that.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Changed {
    /// These rows: the edited row and its ancestors up to the top level.
    Rows(Vec<NodeId>),
    /// Everything (the tree's shape, a flag that reaches a whole subtree, ids, settings).
    All,
}

/// A field of the sheet's 基本信息.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MetaField {
    Title,
    Unit,
    Project,
    Year,
    Department,
    Goal,
    Achieved,
    Note,
    Problems,
    Suggestions,
    Preparer,
    Reviewer,
    Phone,
    Date,
    /// The 总分, 等级 and (a 汇总表's 合计) 预算完成率 as the unit printed them: what a
    /// reviewer types from a paper form.
    DeclaredTotal,
    DeclaredGrade,
    DeclaredRate,
    /// The reviewer's 审核意见 on the bottom line.
    Opinion,
}

/// What a rename carries the 自评报告's rewrites for ([`Calculator::carry_report`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Carried {
    /// An indicator row or group, by its name.
    Row,
    /// A 资金 row, by its name.
    Funds,
    /// A line of 主要问题.
    Problems,
    /// A line of 改进建议.
    Suggestions,
}

/// A field of a 资金情况 row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FundField {
    Name,
    Initial,
    Budget,
    Spent,
    Note,
    /// Whether the row is a 其中 row (`true` / `false`).
    Part,
    /// Its 执行率 and 得分 as the unit printed them.
    DeclaredRate,
    DeclaredScore,
}

/// A field of a 汇总表 row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProjectField {
    Seq,
    Unit,
    Project,
    Goal,
    Budget,
    Spent,
    Score,
    Grade,
    Problems,
    Suggestions,
    /// Its 预算完成率 as the unit printed it.
    DeclaredRate,
}

/// The total after rescaling for 不适用 leaves.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Total {
    /// Σ of the displayed leaf scores, 加减分 included.
    pub raw: Decimal,
    /// The total shown: `raw`, or rescaled when some leaves are 不适用.
    pub value: Decimal,
    pub grade: String,
    pub rescale: Option<Rescale>,
    /// False when some applicable leaves could not be scored.
    pub complete: bool,
}

/// How a total was rescaled for 不适用 leaves: (Σ scores − 加减分) × full ÷ applicable + 加减分.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rescale {
    pub scored: Decimal,
    pub full_weight: Decimal,
    pub applicable_weight: Decimal,
    pub adjustment: Decimal,
    pub not_applicable: u32,
}

/// A sheet being evaluated.
#[derive(Clone, Debug)]
pub struct Calculator {
    kind: SheetKind,
    meta: crate::model::Meta,
    settings_source: Settings,
    settings: Resolved,
    setting_diagnostics: Vec<Diagnostic>,
    /// The rows' data in printed order, each with its `children` moved out into the links.
    nodes: Vec<Node>,
    slots: Vec<Slot>,
    first_top: u32,
    totals: Totals,
    duplicate_ids: Vec<(NodeId, String)>,
    funds_rows: Vec<crate::model::FundsRow>,
    funds: FundsResult,
    projects: Vec<crate::model::ProjectRow>,
    summary: SummaryResult,
    /// The 总分 and 等级 the unit printed: kept, not scored.
    declared: crate::model::DeclaredTotal,
    /// The 自评报告's paragraphs as the user wrote them.
    report_edits: Vec<crate::model::ReportEdit>,
    /// Last year's sheet of the same project, as its targets are held against it.
    last_year: Option<last_year::LastYear>,
    /// The 提示 about the tree's shape and wording (`hints.rs`), worked out when first asked
    /// for and kept until a row's name, 分值, rule, comparison, target or 不适用 changes, or the
    /// tree, the settings or last year's sheet: a figure typed (most keystrokes) does not walk
    /// the whole tree for them.
    structure_hints: OnceCell<Vec<Problem>>,
}

impl Calculator {
    /// Takes a sheet and evaluates all of it.
    pub fn new(mut sheet: Sheet) -> Calculator {
        let rows = IndicatorRows::from_tree(std::mem::take(&mut sheet.indicators));
        Calculator::from_rows(sheet, rows)
    }

    /// Takes a sheet whose indicators are given as rows in printed order (`sheet.indicators`
    /// is not read) and evaluates all of it; the rows are kept where they are.
    pub fn from_rows(sheet: Sheet, rows: IndicatorRows) -> Calculator {
        let (settings, setting_diagnostics) = Resolved::read(&sheet.settings);
        let mut setting_diagnostics = setting_diagnostics;
        if sheet.version != FORMAT_VERSION || sheet.format != FORMAT {
            // Loading migrates and checks both; a sheet built in code may still be off.
            setting_diagnostics.push(Diagnostic::new(
                Location::Setting {
                    field: SettingField::Version,
                },
                Problem::BadSetting,
            ));
        }
        let funds = funds::evaluate(&sheet.funds, &settings);
        let summary = summary::evaluate(&sheet.projects, &settings);
        let mut calc = Calculator {
            kind: sheet.kind,
            meta: sheet.meta,
            settings_source: sheet.settings,
            settings,
            setting_diagnostics,
            nodes: Vec::new(),
            slots: Vec::new(),
            first_top: NONE,
            totals: Totals::default(),
            duplicate_ids: Vec::new(),
            funds_rows: sheet.funds,
            funds,
            projects: sheet.projects,
            summary,
            declared: sheet.declared,
            report_edits: Calculator::unique_edits(sheet.report),
            last_year: None,
            structure_hints: OnceCell::new(),
        };
        calc.link(rows);
        calc.sum_up();
        // A rewrite kept by a name or an earlier version's key is its row's by the row's id.
        calc.bind_report_keys();
        calc
    }

    /// Takes the rows, links each to its parent, first child and next sibling, and gives each
    /// its own state (a leaf scored by its rule, a group's declared 分值) as it is placed: a
    /// row is written once, not placed empty and then scored (a slot is some 130 bytes, and in
    /// the browser's first load every byte written to fresh memory costs).
    fn link(&mut self, rows: IndicatorRows) {
        let IndicatorRows {
            nodes,
            parents,
            depths,
        } = rows;
        let count = nodes.len().min(parents.len()).min(depths.len());
        self.nodes = nodes;
        // Rows come in printed order; a parent that does not come first is taken as none.
        let parents: Vec<u32> = (0u32..)
            .zip(&parents[..count])
            .map(|(id, &p)| if p < id { p } else { NONE })
            .collect();
        let mut has_children = vec![false; count];
        for &p in &parents {
            if let Some(p) = has_children.get_mut(p as usize) {
                *p = true;
            }
        }
        self.slots.reserve_exact(count);
        let mut last_child: Vec<u32> = vec![NONE; count];
        let mut last_top = NONE;
        let rows = self
            .nodes
            .iter()
            .zip(&parents)
            .zip(&depths)
            .zip(&has_children);
        for (id, (((node, &parent), &depth), &has_children)) in (0u32..).zip(rows) {
            let not_applicable = node.not_applicable
                || self
                    .slots
                    .get(parent as usize)
                    .is_some_and(|p| p.not_applicable);
            let state = own_state(
                node,
                has_children,
                not_applicable,
                &self.settings,
                &self.funds_rows,
            );
            self.slots.push(Slot {
                parent,
                first_child: NONE,
                next_sibling: NONE,
                depth,
                not_applicable,
                state,
                score: Decimal::ZERO,
                unscored: 0,
                weight: Decimal::ZERO,
            });
            if parent == NONE {
                if last_top == NONE {
                    self.first_top = id;
                } else {
                    self.slots[last_top as usize].next_sibling = id;
                }
                last_top = id;
            } else {
                let prev = last_child[parent as usize];
                if prev == NONE {
                    self.slots[parent as usize].first_child = id;
                } else {
                    self.slots[prev as usize].next_sibling = id;
                }
                last_child[parent as usize] = id;
            }
        }
        // Rows given without links (fewer parents than rows) would have no slot: drop them.
        self.nodes.truncate(self.slots.len());
    }

    /// Evaluates every row again from what is entered, as a spreadsheet's full recalculation
    /// does. Edits never need it (they re-score one leaf and its ancestors); it is here so the
    /// cost of a full evaluation can be measured in place, against other tools' recalculation.
    pub fn reevaluate(&mut self) {
        self.evaluate_all();
    }

    /// Evaluates every row: leaves first, then the sums from the bottom up.
    /// Each pass is a function of its own (`#[inline(never)]`) for the browser's sake: V8
    /// optimizes a function that runs long while the sheet loads, on the machine's other core,
    /// and three small functions are optimized much sooner than one holding all three passes.
    fn evaluate_all(&mut self) {
        self.score_rows();
        self.sum_up();
    }

    /// Everything after each row's own state: the sums, the findings, the duplicate ids.
    fn sum_up(&mut self) {
        self.structure_hints.take();
        self.totals = Totals::default();
        self.roll_up();
        self.count_findings();
        self.find_duplicate_ids();
    }

    /// Every row's own state: a leaf scored by its rule, a group's declared 分值.
    #[inline(never)]
    fn score_rows(&mut self) {
        for i in 0..self.slots.len() {
            let parent = self.slots[i].parent;
            let node = &self.nodes[i];
            let not_applicable =
                node.not_applicable || parent != NONE && self.slots[parent as usize].not_applicable;
            let slot = &mut self.slots[i];
            slot.not_applicable = not_applicable;
            slot.score = Decimal::ZERO;
            slot.unscored = 0;
            slot.weight = Decimal::ZERO;
            slot.state = own_state(
                node,
                slot.first_child != NONE,
                not_applicable,
                &self.settings,
                &self.funds_rows,
            );
        }
    }

    /// Subtotals and totals. Children come after their parent in printed order: walking
    /// backwards, every row is complete when it is added to its parent.
    #[inline(never)]
    fn roll_up(&mut self) {
        for i in (0..self.slots.len()).rev() {
            let slot = &mut self.slots[i];
            match &slot.state {
                State::Leaf(o) => {
                    slot.score = o.score.unwrap_or_default();
                    slot.unscored = u32::from(!slot.not_applicable && o.score.is_none());
                    slot.weight = o.weight.unwrap_or_default();
                    let c = Contribution::of(slot);
                    self.totals.leaves += 1;
                    self.totals.add(c);
                }
                State::Group(g) => {
                    slot.weight = g.declared.unwrap_or(g.children_weight);
                }
            }
            let (score, unscored, weight, parent) =
                (slot.score, slot.unscored, slot.weight, slot.parent);
            if parent == NONE {
                self.totals.top_weight = saturating_plus(self.totals.top_weight, weight);
            } else {
                let p = &mut self.slots[parent as usize];
                p.score = saturating_plus(p.score, score);
                p.unscored += unscored;
                if let State::Group(g) = &mut p.state {
                    g.children_weight = saturating_plus(g.children_weight, weight);
                }
            }
        }
    }

    /// Each group's weight checked against its children's, and the errors and warnings counted.
    #[inline(never)]
    fn count_findings(&mut self) {
        let mut severities = Severities::default();
        for slot in &mut self.slots {
            if let State::Group(g) = &mut slot.state {
                check_group_weight(g);
            }
            slot.state
                .findings()
                .iter()
                .for_each(|(_, p)| severities.add(p));
        }
        self.totals.row_severities = severities;
    }

    /// Every row whose id an earlier row already has (sorted, not hashed: no hasher to ship).
    #[inline(never)]
    fn find_duplicate_ids(&mut self) {
        let mut ids: Vec<(&str, usize)> = self
            .nodes
            .iter()
            .enumerate()
            .filter_map(|(i, n)| n.id.as_deref().map(|id| (id, i)))
            .collect();
        ids.sort_unstable();
        let mut duplicates: Vec<(usize, String)> = ids
            .windows(2)
            .filter(|w| w[0].0 == w[1].0)
            .map(|w| (w[1].1, w[1].0.to_string()))
            .collect();
        duplicates.sort_unstable();
        self.duplicate_ids = duplicates;
    }

    /// Number of indicator rows.
    pub fn len(&self) -> usize {
        self.slots.len()
    }

    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    pub fn kind(&self) -> SheetKind {
        self.kind
    }

    pub fn settings(&self) -> &Resolved {
        &self.settings
    }

    /// The row with this id.
    pub fn find(&self, id: &str) -> Option<NodeId> {
        self.nodes.iter().position(|n| n.id.as_deref() == Some(id))
    }

    /// The row's data as entered.
    pub fn node(&self, id: NodeId) -> Option<&Node> {
        self.nodes.get(id)
    }

    pub fn parent(&self, id: NodeId) -> Option<NodeId> {
        self.slots
            .get(id)
            .and_then(|s| (s.parent != NONE).then_some(s.parent as usize))
    }

    pub fn depth(&self, id: NodeId) -> usize {
        self.slots.get(id).map_or(0, |s| s.depth as usize)
    }

    pub fn is_leaf(&self, id: NodeId) -> bool {
        matches!(self.slots.get(id).map(|s| &s.state), Some(State::Leaf(_)))
    }

    /// The children of a row, in order.
    pub fn children(&self, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        let first = self.slots.get(id).map_or(NONE, |s| s.first_child);
        std::iter::successors((first != NONE).then_some(first), move |&c| {
            let next = self.slots[c as usize].next_sibling;
            (next != NONE).then_some(next)
        })
        .map(|c| c as usize)
    }

    /// The top-level rows, in order.
    pub fn top_level(&self) -> impl Iterator<Item = NodeId> + '_ {
        std::iter::successors(
            (self.first_top != NONE).then_some(self.first_top),
            move |&c| {
                let next = self.slots[c as usize].next_sibling;
                (next != NONE).then_some(next)
            },
        )
        .map(|c| c as usize)
    }

    /// The row's score: a leaf's rounded score, or a group's sum of its leaves' scores.
    /// `None` for a leaf that could not be scored or is not applicable.
    pub fn score(&self, id: NodeId) -> Option<Decimal> {
        let slot = self.slots.get(id)?;
        match &slot.state {
            State::Leaf(o) => o.score,
            State::Group(_) => Some(slot.score),
        }
    }

    /// A leaf's completion rate, as its rule works it out; `None` for a group or a leaf without
    /// one.
    pub fn leaf_rate(&self, id: NodeId) -> Option<Decimal> {
        match &self.slots.get(id)?.state {
            State::Leaf(o) => o.rate,
            State::Group(_) => None,
        }
    }

    /// The row's 分值: as written, or for a group with an empty 分值 its children's sum.
    pub fn weight(&self, id: NodeId) -> Option<Decimal> {
        let slot = self.slots.get(id)?;
        match &slot.state {
            State::Leaf(o) => o.weight,
            State::Group(_) => Some(slot.weight),
        }
    }

    /// The row's 分值 cell as read (10 for `１０` or `10分`): `None` when it is blank or could
    /// not be read, where [`Calculator::weight`] gives a group its children's sum.
    pub fn weight_read(&self, id: NodeId) -> Option<Decimal> {
        match &self.slots.get(id)?.state {
            State::Leaf(o) => o.weight,
            State::Group(g) => g.declared,
        }
    }

    /// A group's 分值 as the sum of its children's (for display beside a mismatch).
    pub fn children_weight(&self, id: NodeId) -> Option<Decimal> {
        match &self.slots.get(id)?.state {
            State::Group(g) => Some(g.children_weight),
            State::Leaf(_) => None,
        }
    }

    /// A leaf's outcome (score, rate, derivation, findings), worked out again from the row.
    pub fn outcome(&self, id: NodeId) -> Option<Outcome> {
        let slot = self.slots.get(id)?;
        match &slot.state {
            State::Leaf(_) => Some(score_leaf(
                self.nodes.get(id)?,
                slot.not_applicable,
                &self.settings,
                &self.funds_rows,
            )),
            State::Group(_) => None,
        }
    }

    pub fn is_not_applicable(&self, id: NodeId) -> bool {
        self.slots.get(id).is_some_and(|s| s.not_applicable)
    }

    /// Applicable leaves under this row (itself included) that could not be scored.
    pub fn unscored(&self, id: NodeId) -> u32 {
        self.slots.get(id).map_or(0, |s| s.unscored)
    }

    /// The total, its grade and any rescaling; `None` when there is nothing to total.
    pub fn total(&self) -> Option<Total> {
        let t = &self.totals;
        if t.leaves == 0 {
            return None;
        }
        let complete = t.unscored == 0;
        if t.not_applicable_weight.is_zero() {
            return Some(Total {
                raw: t.score,
                value: t.score,
                grade: self.settings.grade(t.score).to_string(),
                rescale: None,
                complete,
            });
        }
        let applicable = t.regular_weight - t.not_applicable_weight;
        if applicable <= Decimal::ZERO {
            return None;
        }
        let scored = t.score - t.adjustment;
        let rescaled = arith::mul_div(scored, t.regular_weight, applicable).ok()?;
        let value = self.settings.round_score(rescaled) + t.adjustment;
        Some(Total {
            raw: t.score,
            value,
            grade: self.settings.grade(value).to_string(),
            rescale: Some(Rescale {
                scored,
                full_weight: t.regular_weight,
                applicable_weight: applicable,
                adjustment: t.adjustment,
                not_applicable: t.not_applicable,
            }),
            complete,
        })
    }

    /// Σ of the top-level rows' 分值.
    pub fn top_weight(&self) -> Decimal {
        self.totals.top_weight
    }

    pub fn funds(&self) -> &FundsResult {
        &self.funds
    }

    pub fn summary(&self) -> &SummaryResult {
        &self.summary
    }

    /// The sheet as it now stands, in the file format.
    pub fn to_sheet(&self) -> Sheet {
        Sheet {
            format: FORMAT.to_string(),
            version: FORMAT_VERSION,
            kind: self.kind,
            meta: self.meta.clone(),
            settings: self.settings_source.clone(),
            funds: self.funds_rows.clone(),
            indicators: self.tree(),
            projects: self.projects.clone(),
            declared: self.declared.clone(),
            report: self.report_edits.clone(),
        }
    }

    /// Rebuilds the nested tree from the flat rows, without recursion.
    fn tree(&self) -> Vec<Node> {
        // Build bottom-up: every row's children are complete before the row itself.
        let mut built: Vec<Option<Node>> = vec![None; self.slots.len()];
        for i in (0..self.slots.len()).rev() {
            let mut node = self.nodes[i].clone();
            node.children = self
                .children(i)
                .map(|c| built[c].take().unwrap_or_default())
                .collect();
            built[i] = Some(node);
        }
        self.top_level()
            .map(|t| built[t].take().unwrap_or_default())
            .collect()
    }

    pub fn meta(&self) -> &crate::model::Meta {
        &self.meta
    }

    pub fn funds_rows(&self) -> &[crate::model::FundsRow] {
        &self.funds_rows
    }

    pub fn projects(&self) -> &[crate::model::ProjectRow] {
        &self.projects
    }

    /// The 总分 and 等级 the unit printed.
    pub fn declared(&self) -> &crate::model::DeclaredTotal {
        &self.declared
    }
}
