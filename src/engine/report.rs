//! The evaluation as data for other programs: the CLI's JSON and the page's results.
//!
//! Every decimal leaves as a string already rounded and written the way the reports write it
//! ("94.90", "97.15%", "23,460.84"), so no consumer ever rounds it again.

use super::{Calculator, Changed, EditError, NodeId, ProjectField};
use crate::arith::{amount, fixed, percent, plain};
use crate::comparison::Comparison;
use crate::derivation::Derivation;
use crate::diagnostic::{money, Field};
use crate::diagnostic::{Diagnostic, Location, Severity};
use crate::model::SheetKind;
use serde::ser::{SerializeStruct, Serializer};
use serde::Serialize;

/// A whole evaluation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    pub kind: SheetKind,
    /// The table's name: 项目支出绩效自评表, ….
    pub kind_label: &'static str,
    pub totals: TotalReport,
    /// What the top-level 分值 should add up to.
    pub expected_weight: String,
    pub nodes: Vec<NodeReport>,
    pub funds: Vec<FundsReport>,
    pub summary: Option<SummaryReport>,
    pub diagnostics: Vec<DiagnosticReport>,
}

/// The sheet's total and how many findings it has, as a [`Report`] and an [`Update`] both
/// carry them (written as fields of theirs: see [`TotalReport::write`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TotalReport {
    /// The total shown (rescaled when some leaves are 不适用); absent with nothing to total.
    pub total: Option<String>,
    /// Σ of the displayed leaf scores.
    pub raw_total: Option<String>,
    pub grade: Option<String>,
    /// False when some applicable leaves could not be scored.
    pub complete: bool,
    pub rescale: Option<RescaleReport>,
    /// Σ of the top-level 分值.
    pub top_weight: String,
    pub errors: usize,
    pub warnings: usize,
    /// 提示 (reviewers' points about the indicators themselves).
    pub hints: usize,
    /// Leaves scored, and applicable leaves not scored yet: kept by the calculator as edits
    /// go, so a view shows them without walking its rows.
    pub scored: u32,
    pub unscored: u32,
}

/// One row of the indicator tree, evaluated.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NodeReport {
    /// Position in printed order; diagnostics refer to rows by it.
    pub index: NodeId,
    pub parent: Option<NodeId>,
    /// 0 for 一级, 1 for 二级, …
    pub depth: usize,
    pub id: Option<String>,
    pub name: String,
    pub leaf: bool,
    pub status: NodeStatus,
    pub weight: Option<String>,
    /// The 分值 cell as the printed form shows it when it is a plain figure in another dress
    /// (`１０`, `10分`, ` 2.50 ` as 10, 10, 2.50: its places as typed); `None` when blank,
    /// unreadable, or saying more than a figure (`≤5分`, `5（扣分）`), which prints as typed.
    pub weight_read: Option<String>,
    pub score: Option<String>,
    /// Completion rate, e.g. "93.66%".
    pub rate: Option<String>,
    /// The rule's name (leaves).
    pub rule: Option<&'static str>,
    /// The derivation in words (leaves).
    pub derivation: Option<String>,
    /// The arithmetic behind it, where there is any.
    pub formula: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NodeStatus {
    Group,
    Scored,
    Unscored,
    NotApplicable,
}

/// The words of the rescaling's note ([`RescaleReport::text`]), by which a table read back
/// knows the note under its total for the calculator's own, worked out again.
pub const RESCALED: &str = "按适用指标分值折算";

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RescaleReport {
    pub not_applicable: u32,
    pub scored: String,
    pub full_weight: String,
    pub applicable_weight: String,
    pub adjustment: String,
    /// The rescaling in words, with its arithmetic.
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FundsReport {
    pub name: String,
    /// A 其中 row.
    pub part: bool,
    pub initial: Option<String>,
    pub budget: Option<String>,
    pub spent: Option<String>,
    /// The amounts with every place read (`1.2345` where `budget` says 1.23): the figures the
    /// rate is computed from, as the printed form and Excel show them.
    pub initial_exact: Option<String>,
    pub budget_exact: Option<String>,
    pub spent_exact: Option<String>,
    pub rate: Option<String>,
    /// 分值 and 得分 on the row a 预算执行率 is scored from (the 10号 form's 年度资金总额).
    pub weight: Option<String>,
    pub score: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SummaryReport {
    pub rows: Vec<ProjectReport>,
    #[serde(flatten)]
    pub totals: SummaryTotals,
}

/// The 汇总表's 合计 row and grade distribution (written as fields of a [`SummaryReport`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SummaryTotals {
    /// The sums with every place read (`2.2345` of 万元 rows typed to the 元, never 2.23), as
    /// the printed rows and the exported cells hold them: a 合计 that is not their sum on paper
    /// is a discrepancy to a reviewer.
    pub budget: String,
    pub spent: String,
    pub rate: Option<String>,
    pub grades: Vec<GradeCount>,
    /// Projects in no grade: no score (a sheet not yet fully scored or with errors, whose 分数
    /// says 待定; a typed row's 分数 left blank) and no grade typed (`summary::SummaryResult`).
    pub no_score: usize,
    pub mean_score: Option<String>,
    pub min_score: Option<String>,
    pub max_score: Option<String>,
}

impl SummaryTotals {
    /// The grade distribution as the 合计 states it in every form and table: each grade with
    /// its count, then 无分数 with the projects in no grade, when there are any.
    pub fn distribution(&self) -> impl Iterator<Item = (&str, usize)> {
        let none = (self.no_score > 0).then_some((crate::summary::NO_SCORE, self.no_score));
        self.grades
            .iter()
            .map(|g| (g.grade.as_str(), g.count))
            .chain(none)
    }
}

/// What typing in one 汇总表 row changed: the row, the 合计, that row's findings and the
/// sheet's own (in no row), and the sheet's total and counts (written as fields of its own).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProjectUpdate {
    /// Other rows' findings changed too (a row's names now repeat, or no longer repeat,
    /// another's): the page reads the whole evaluation again.
    pub full: bool,
    pub row: ProjectReport,
    pub summary: SummaryTotals,
    pub diagnostics: Vec<DiagnosticReport>,
    pub totals: TotalReport,
}

/// The headers of a [`ProjectReport`]'s figures as printed, in the order of its fields (the
/// 汇总表's own forms add 绩效目标, 问题 and 建议).
pub const PROJECT_HEADERS: [&str; 8] = [
    "序号",
    "单位名称",
    "项目名称",
    "预算数",
    "完成数",
    "预算完成率",
    "分数",
    "等级",
];

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ProjectReport {
    pub seq: String,
    pub unit: String,
    pub project: String,
    pub budget: Option<String>,
    pub spent: Option<String>,
    /// The amounts with every place read (`420.1234` where `budget` says 420.12), as the
    /// printed form shows them and the 合计 adds them.
    pub budget_exact: Option<String>,
    pub spent_exact: Option<String>,
    pub rate: Option<String>,
    pub score: Option<String>,
    /// The score with every place read (`87.995` where `score` says 88.00), as printed.
    pub score_exact: Option<String>,
    pub grade: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct GradeCount {
    pub grade: String,
    pub count: usize,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DiagnosticReport {
    pub severity: Severity,
    pub code: &'static str,
    #[serde(flatten)]
    pub at: Location,
    pub message: String,
}

/// What one edit changed, for a view to redraw only that: what the changed rows show in the
/// table, their diagnostics, and the sheet's new total and counts. With `full`, redraw
/// everything from `report()`. A row's explanation is not in it: it is worked out when it is
/// shown ([`Calculator::explain`]), which the page does for one row, not for every keystroke's
/// path to the total (building it and handing it over as objects cost most of an edit).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Update {
    pub full: bool,
    pub changed: Vec<RowUpdate>,
    /// Diagnostics of the changed rows and of the whole sheet (its settings and total).
    pub diagnostics: Vec<DiagnosticReport>,
    pub totals: TotalReport,
    /// The 比较方式 this edit set on its row, when a typed target said how to compare
    /// (`≤3天` on a ≥ row): the view shows the change and undoes it with the target.
    pub comparison_set: Option<ComparisonChange>,
}

/// What an edit changed in one row, as the table shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RowUpdate {
    pub index: NodeId,
    pub status: NodeStatus,
    pub weight: Option<String>,
    pub score: Option<String>,
    pub rate: Option<String>,
}

/// How a leaf's score came about, in words and in arithmetic (none for a group).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Explanation {
    pub derivation: Option<String>,
    pub formula: Option<String>,
}

/// A row's 比较方式 before and after an edit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct ComparisonChange {
    pub before: Option<Comparison>,
    pub after: Option<Comparison>,
}

impl TotalReport {
    const FIELDS: usize = 12;

    /// The grade as a result a form may state: once every applicable indicator is scored and
    /// the table has no errors (分值 that do not add up, a duplicate 编号…). Until then the
    /// page shows the grade as provisional and every printed or exported form leaves it out.
    /// Results carry it as `final_grade`, so no view writes this rule again.
    pub fn final_grade(&self) -> Option<&str> {
        self.grade
            .as_deref()
            .filter(|_| self.complete && self.errors == 0)
    }

    /// Why the grade is not yet one a form may state (尚有1项指标未计分, 表中有2处错误), as the
    /// 自评报告 and the Word file say it; `None` once it is final.
    pub fn pending(&self) -> Option<String> {
        if self.final_grade().is_some() {
            None
        } else if self.scored == 0 {
            Some("尚未计分".to_string())
        } else if self.unscored > 0 {
            Some(format!("尚有{}项指标未计分", self.unscored))
        } else {
            Some(format!("表中有{}处错误", self.errors))
        }
    }

    /// Writes the fields into a report's or an update's own. Not `#[serde(flatten)]`: that
    /// writes the whole result as a map, whose every key the page's binding builds afresh as
    /// JavaScript text, while a struct's keys are made once (measured: the totals alone took
    /// 4.4 µs flattened, twice a bare edit).
    fn write<S: SerializeStruct>(&self, s: &mut S) -> Result<(), S::Error> {
        s.serialize_field("total", &self.total)?;
        s.serialize_field("raw_total", &self.raw_total)?;
        s.serialize_field("grade", &self.grade)?;
        s.serialize_field("final_grade", &self.final_grade())?;
        s.serialize_field("complete", &self.complete)?;
        s.serialize_field("rescale", &self.rescale)?;
        s.serialize_field("top_weight", &self.top_weight)?;
        s.serialize_field("errors", &self.errors)?;
        s.serialize_field("warnings", &self.warnings)?;
        s.serialize_field("hints", &self.hints)?;
        s.serialize_field("scored", &self.scored)?;
        s.serialize_field("unscored", &self.unscored)
    }
}

impl Serialize for Report {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Report", 7 + TotalReport::FIELDS)?;
        s.serialize_field("kind", &self.kind)?;
        s.serialize_field("kind_label", &self.kind_label)?;
        self.totals.write(&mut s)?;
        s.serialize_field("expected_weight", &self.expected_weight)?;
        s.serialize_field("nodes", &self.nodes)?;
        s.serialize_field("funds", &self.funds)?;
        s.serialize_field("summary", &self.summary)?;
        s.serialize_field("diagnostics", &self.diagnostics)?;
        s.end()
    }
}

impl Serialize for Update {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Update", 4 + TotalReport::FIELDS)?;
        s.serialize_field("full", &self.full)?;
        s.serialize_field("changed", &self.changed)?;
        s.serialize_field("diagnostics", &self.diagnostics)?;
        self.totals.write(&mut s)?;
        s.serialize_field("comparison_set", &self.comparison_set)?;
        s.end()
    }
}

impl Serialize for ProjectUpdate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("ProjectUpdate", 4 + TotalReport::FIELDS)?;
        s.serialize_field("full", &self.full)?;
        s.serialize_field("row", &self.row)?;
        s.serialize_field("summary", &self.summary)?;
        s.serialize_field("diagnostics", &self.diagnostics)?;
        self.totals.write(&mut s)?;
        s.end()
    }
}

impl From<&Diagnostic> for DiagnosticReport {
    fn from(d: &Diagnostic) -> DiagnosticReport {
        DiagnosticReport {
            severity: d.severity(),
            code: d.problem.code(),
            at: d.at,
            message: d.message(),
        }
    }
}

impl Calculator {
    /// The whole evaluation.
    pub fn report(&self) -> Report {
        self.report_with(true)
    }

    /// The whole evaluation; without `explanations` the rows carry no derivation or formula
    /// (`explain` gives a row's when it is shown): writing them out was most of the time and
    /// size of a large sheet's report, for a page that shows the rows in view.
    pub fn report_with(&self, explanations: bool) -> Report {
        let diagnostics: Vec<DiagnosticReport> = self
            .diagnostics()
            .iter()
            .map(DiagnosticReport::from)
            .collect();
        let count = |s| diagnostics.iter().filter(|d| d.severity == s).count();
        let counts = (
            count(Severity::Error),
            count(Severity::Warning),
            count(Severity::Hint),
        );
        Report {
            kind: self.kind(),
            kind_label: self.kind().label(),
            totals: self.total_report(counts),
            expected_weight: plain(self.settings().total_weight),
            nodes: (0..self.len())
                .map(|i| self.node_report_with(i, explanations))
                .collect(),
            funds: self.funds_report(),
            summary: self.summary_report(),
            diagnostics,
        }
    }

    /// The total as displayed (`update().total`), without building anything else.
    pub fn total_shown(&self) -> Option<String> {
        self.total()
            .map(|t| fixed(t.value, self.settings().score_decimals))
    }

    /// Changes one field of one row ([`Calculator::set`]) and reports what changed, with the
    /// 比较方式 a typed target set.
    pub fn edit(&mut self, id: NodeId, field: Field, value: &str) -> Result<Update, EditError> {
        let comparison = |calc: &Calculator| calc.node(id).and_then(|n| n.comparison);
        let before = comparison(self);
        let changed = self.set(id, field, value)?;
        let after = comparison(self);
        let mut update = self.update(&changed);
        if field != Field::Comparison && before != after {
            update.comparison_set = Some(ComparisonChange { before, after });
        }
        Ok(update)
    }

    /// What an edit changed (see [`Update`]).
    pub fn update(&self, changed: &Changed) -> Update {
        let (rows, full) = match changed {
            Changed::Rows(rows) => (rows.as_slice(), false),
            Changed::All => (&[][..], true),
        };
        let mut diagnostics: Vec<DiagnosticReport> = rows
            .iter()
            .flat_map(|&i| self.diagnostics_at(i))
            .map(|d| DiagnosticReport::from(&d))
            .collect();
        let sheet = self.sheet_level_diagnostics();
        diagnostics.extend(sheet.iter().map(DiagnosticReport::from));
        Update {
            full,
            changed: rows.iter().map(|&i| self.row_update(i)).collect(),
            diagnostics,
            totals: self.total_report(self.severity_counts(&sheet)),
            comparison_set: None,
        }
    }

    /// The totals and counts, given the errors, warnings and hints.
    fn total_report(&self, (errors, warnings, hints): (usize, usize, usize)) -> TotalReport {
        let total = self.total();
        let dp = self.settings().score_decimals;
        let (scored, unscored) = self.leaf_counts();
        TotalReport {
            total: total.as_ref().map(|t| fixed(t.value, dp)),
            raw_total: total.as_ref().map(|t| fixed(t.raw, dp)),
            grade: total.as_ref().map(|t| t.grade.clone()),
            complete: total.as_ref().is_none_or(|t| t.complete),
            rescale: total.as_ref().and_then(|t| self.rescale_report(t)),
            top_weight: plain(self.top_weight()),
            errors,
            warnings,
            hints,
            scored,
            unscored,
        }
    }

    /// What row `i` shows in the table after an edit.
    fn row_update(&self, i: NodeId) -> RowUpdate {
        let rate = self
            .leaf_rate(i)
            .map(|r| percent(r, self.settings().rate_decimals));
        let status = self.status(i);
        RowUpdate {
            index: i,
            status,
            weight: self.weight(i).map(plain),
            score: self.shown_score(i, status),
            rate,
        }
    }

    fn status(&self, i: NodeId) -> NodeStatus {
        if self.not_applicable_row(i) {
            NodeStatus::NotApplicable
        } else if !self.is_leaf(i) {
            NodeStatus::Group
        } else if self.score(i).is_some() {
            NodeStatus::Scored
        } else {
            NodeStatus::Unscored
        }
    }

    /// Whether row `i` is 不适用: a leaf marked so or under a group marked so, or a group none
    /// of whose leaves applies, whose subtotal of 0 is no score (it read as scored 0 of its
    /// 分值). Walks a group's rows only until one applies: the first leaf, mostly.
    fn not_applicable_row(&self, i: NodeId) -> bool {
        self.is_not_applicable(i)
            || !self.is_leaf(i) && self.children(i).all(|c| self.not_applicable_row(c))
    }

    /// The score row `i` shows: none for a row that is 不适用.
    fn shown_score(&self, i: NodeId, status: NodeStatus) -> Option<String> {
        let score = self
            .score(i)
            .filter(|_| status != NodeStatus::NotApplicable);
        score.map(|s| fixed(s, self.settings().score_decimals))
    }

    /// How row `i`'s score came about; `None` when there is no such row.
    pub fn explain(&self, i: NodeId) -> Option<Explanation> {
        self.node(i)?;
        let report = self.node_report(i);
        Some(Explanation {
            derivation: report.derivation,
            formula: report.formula,
        })
    }

    /// Leaf `i`'s rule in words with its parameters, as the forms' 计分方法 column writes it
    /// (`阶梯扣分（每5%扣0.5分，含边界）`): what scores it, on paper; `None` for a group.
    pub fn rule_words(&self, i: NodeId) -> Option<String> {
        let node = self.node(i)?;
        let qualitative = node.comparison == Some(Comparison::Qualitative);
        self.is_leaf(i)
            .then(|| crate::rule_text::describe(node.rule.as_ref(), qualitative))
    }

    /// One row's results, e.g. for the rows an edit changed.
    pub fn node_report(&self, i: NodeId) -> NodeReport {
        self.node_report_with(i, true)
    }

    fn node_report_with(&self, i: NodeId, explanations: bool) -> NodeReport {
        let node = self.node(i).expect("a row of this sheet");
        let leaf = self.is_leaf(i);
        // The rule is worked out again only for the words of its explanation.
        let outcome = if explanations { self.outcome(i) } else { None };
        let explained = outcome.as_ref().map(|o| {
            let mut explained = o.derivation.explain(node);
            // A sheet's own rounding convention changes every figure a rule works out.
            if let (Derivation::Rule(_), Some(words)) =
                (&o.derivation, self.settings().rounding_words())
            {
                explained.text.push_str(&format!("（{words}）"));
            }
            explained
        });
        let status = self.status(i);
        NodeReport {
            index: i,
            parent: self.parent(i),
            depth: self.depth(i),
            id: node.id.as_deref().map(str::to_string),
            name: node.name.to_string(),
            leaf,
            status,
            weight: self.weight(i).map(plain),
            weight_read: self
                .weight_read(i)
                .and_then(|_| plain_figure_as_read(&node.weight)),
            score: self.shown_score(i, status),
            rate: self
                .leaf_rate(i)
                .map(|r| percent(r, self.settings().rate_decimals)),
            rule: leaf.then(|| rule_label(node)),
            derivation: explained.as_ref().map(|e| e.text.clone()),
            formula: explained.and_then(|e| e.formula),
        }
    }

    fn rescale_report(&self, t: &crate::engine::Total) -> Option<RescaleReport> {
        let dp = self.settings().score_decimals;
        t.rescale.as_ref().map(|r| {
            // The exact figure, then the total it rounds to (=78.775→78.78), as a leaf's
            // formula shows its rounding.
            let exact = crate::arith::mul_div(r.scored, r.full_weight, r.applicable_weight)
                .and_then(|x| crate::arith::add(x, r.adjustment));
            let written = fixed(t.value, dp);
            let result = match exact {
                Ok(exact) => crate::derivation::result_written(exact, t.value, &written),
                Err(_) => format!("={written}"),
            };
            RescaleReport {
                not_applicable: r.not_applicable,
                scored: fixed(r.scored, dp),
                full_weight: plain(r.full_weight),
                applicable_weight: plain(r.applicable_weight),
                adjustment: fixed(r.adjustment, dp),
                text: format!(
                    "有{}项指标不适用，{RESCALED}：{}×{}÷{}{}{result}",
                    r.not_applicable,
                    fixed(r.scored, dp),
                    plain(r.full_weight),
                    plain(r.applicable_weight),
                    // A 加减分 taken off is written −0.50, as the formulas write a minus.
                    if r.adjustment.is_zero() {
                        String::new()
                    } else if r.adjustment.is_sign_negative() {
                        format!("−{}", fixed(r.adjustment.abs(), dp))
                    } else {
                        format!("+{}", fixed(r.adjustment, dp))
                    },
                ),
            }
        })
    }

    fn funds_report(&self) -> Vec<FundsReport> {
        let rate_dp = self.settings().rate_decimals;
        let funded = self.funded_leaf();
        self.funds_rows()
            .iter()
            .zip(&self.funds().rows)
            .enumerate()
            .map(|(i, (row, line))| {
                let scored = funded.filter(|_| i == 0);
                FundsReport {
                    name: row.name.clone(),
                    part: row.part,
                    initial: line.initial.map(|b| amount(b, 2)),
                    budget: line.budget.map(|b| amount(b, 2)),
                    spent: line.spent.map(|s| amount(s, 2)),
                    initial_exact: line.initial.as_ref().map(money),
                    budget_exact: line.budget.as_ref().map(money),
                    spent_exact: line.spent.as_ref().map(money),
                    rate: line.rate.map(|r| percent(r, rate_dp)),
                    weight: scored.and_then(|id| self.weight(id)).map(plain),
                    score: scored
                        .and_then(|id| self.score(id))
                        .map(|s| fixed(s, self.settings().score_decimals)),
                }
            })
            .collect()
    }

    fn summary_report(&self) -> Option<SummaryReport> {
        if self.projects().is_empty() {
            return None;
        }
        Some(SummaryReport {
            rows: (0..self.projects().len())
                .filter_map(|i| self.project_report(i))
                .collect(),
            totals: self.summary_totals(),
        })
    }

    /// One 汇总表 row as evaluated.
    fn project_report(&self, i: usize) -> Option<ProjectReport> {
        let (row, line) = (self.projects().get(i)?, self.summary().rows.get(i)?);
        let dp = self.settings().score_decimals;
        Some(ProjectReport {
            seq: row.seq.clone(),
            unit: row.unit.clone(),
            project: row.project.clone(),
            budget: line.money.budget.map(|b| amount(b, 2)),
            spent: line.money.spent.map(|v| amount(v, 2)),
            budget_exact: line.money.budget.as_ref().map(money),
            spent_exact: line.money.spent.as_ref().map(money),
            rate: line
                .money
                .rate
                .map(|r| percent(r, self.settings().rate_decimals)),
            score: line.score.map(|v| fixed(v, dp)),
            // The row's score is the typed one rounded to the setting (said at the cell); the
            // form prints the one typed, every place read.
            score_exact: line
                .score
                .and(crate::cell::parse_number(&row.score).ok().flatten())
                .map(|q| fixed(q.value, q.value.normalize().scale().max(dp))),
            grade: line.grade.clone(),
        })
    }

    /// Changes one field of one 汇总表 row ([`Calculator::set_project`]) and reports what
    /// changed: that row, the 合计 and the row's findings, nothing of the other rows.
    pub fn edit_project(
        &mut self,
        row: usize,
        field: ProjectField,
        value: &str,
    ) -> Result<ProjectUpdate, EditError> {
        // Only a row's names and 序号 can change which rows repeat another's (`set_project`):
        // an amount typed, the keystroke that must stay cheap, compares nothing.
        let names = matches!(
            field,
            ProjectField::Seq | ProjectField::Unit | ProjectField::Project
        );
        let same_before = names.then(|| self.summary().same_project.clone());
        self.set_project(row, field, value)?;
        let sheet = self.sheet_level_diagnostics();
        let counts = self.severity_counts(&sheet);
        let at_row = self
            .summary()
            .diagnostics
            .iter()
            .chain(&self.summary().same_project)
            .filter(|d| matches!(d.at, Location::Project { row: r, .. } if r == row));
        Ok(ProjectUpdate {
            full: same_before.is_some_and(|before| self.summary().same_project != before),
            row: self.project_report(row).expect("the row just set"),
            summary: self.summary_totals(),
            // The sheet's own findings with the row's: the 合计's (the rows it leaves out)
            // move with any row.
            diagnostics: at_row.chain(&sheet).map(DiagnosticReport::from).collect(),
            totals: self.total_report(counts),
        })
    }

    fn summary_totals(&self) -> SummaryTotals {
        let s = self.summary();
        let dp = self.settings().score_decimals;
        let rate_dp = self.settings().rate_decimals;
        SummaryTotals {
            budget: money(&s.budget),
            spent: money(&s.spent),
            rate: s.rate.map(|r| percent(r, rate_dp)),
            grades: s
                .grades
                .iter()
                .map(|(grade, count)| GradeCount {
                    grade: grade.clone(),
                    count: *count,
                })
                .collect(),
            no_score: s.no_score,
            mean_score: s.mean_score.map(|v| fixed(v, dp)),
            min_score: s.min_score.map(|v| fixed(v, dp)),
            max_score: s.max_score.map(|v| fixed(v, dp)),
        }
    }
}

/// `text` as a half-width figure with its places as typed (`１０` is 10, ` 2.50分 ` is 2.50),
/// when it is nothing but a figure in the dress the cell reader takes off (full-width forms,
/// other spaces and minus signs, [`crate::cell::normalize_char`]) and a 分; `None` when it says
/// more (a cap, a sign, a note in brackets, Chinese numerals): a form printing `5` for `≤5分`,
/// `±5` or `5（扣分）` loses what the cell means.
fn plain_figure_as_read(text: &str) -> Option<String> {
    let figure = crate::cell::parse_number(text).ok()??.value.to_string();
    let dressed: String = text
        .chars()
        .map(crate::cell::normalize_char)
        .filter(|c| !c.is_whitespace())
        .collect();
    (dressed.strip_suffix('分').unwrap_or(&dressed) == figure).then_some(figure)
}

/// The rule a leaf is scored by, including the one its comparison implies.
fn rule_label(node: &crate::model::Node) -> &'static str {
    match &node.rule {
        Some(rule) => rule.label(),
        None if node.comparison == Some(crate::comparison::Comparison::Qualitative) => "定性评价",
        None => "比率法",
    }
}

#[cfg(test)]
mod tests {
    use super::plain_figure_as_read;

    #[test]
    fn a_weight_prints_as_read_only_when_it_is_a_plain_figure() {
        for (typed, printed) in [
            ("１０", Some("10")),
            (" 10分 ", Some("10")),
            ("2.50", Some("2.50")),
            ("２．５０分", Some("2.50")),
            ("≤5分", None),
            ("不超过5分", None),
            ("5（扣分）", None),
            ("10分（满分）", None),
            ("十", None),
            ("±5", None),
            ("+5", None),
            ("＋５分", None),
            ("5分（满分）", None),
            ("-5", Some("-5")),
            ("", None),
        ] {
            assert_eq!(plain_figure_as_read(typed).as_deref(), printed, "{typed}");
        }
    }
}
