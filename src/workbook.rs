//! A workbook: several evaluated sheets (projects) and their 汇总表 in one file.
//!
//! The 汇总表 has two kinds of rows: one per sheet of the workbook, derived from that sheet's
//! evaluation whenever it is shown (never stored, so it cannot fall out of date), and rows
//! typed directly (projects evaluated elsewhere, as in seed 000), kept in `summary.projects`.

use crate::arith;
use crate::engine::Calculator;
use crate::model::{ProjectRow, Rule, Sheet, SheetKind};
use crate::rules::BudgetExecution;
use serde::{Deserialize, Serialize};

/// The value of the `format` field of a workbook file.
pub const WORKBOOK_FORMAT: &str = "jixiao-workbook";
/// The workbook format version this build writes.
pub const WORKBOOK_VERSION: u32 = 1;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Workbook {
    pub format: String,
    pub version: u32,
    /// The workbook's name (e.g. "2023年度荔湾区重点评价").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// The evaluated sheets, one per project.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sheets: Vec<Sheet>,
    /// The 汇总表: its settings, meta and the rows typed directly.
    pub summary: Sheet,
}

impl Workbook {
    pub fn new(name: &str) -> Workbook {
        Workbook {
            format: WORKBOOK_FORMAT.to_string(),
            version: WORKBOOK_VERSION,
            name: name.to_string(),
            sheets: Vec::new(),
            summary: Sheet::new(SheetKind::Summary),
        }
    }

    /// Writes the canonical JSON form.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }

    /// The 汇总表 as shown: a row per sheet of the workbook (evaluated now), then the rows
    /// typed directly, under the summary's own settings and meta.
    pub fn summary_sheet(&self) -> Sheet {
        let mut summary = self.summary.clone();
        let mut rows: Vec<ProjectRow> = self
            .sheets
            .iter()
            .enumerate()
            .map(|(i, sheet)| row_from_sheet(i + 1, sheet))
            .collect();
        rows.append(&mut summary.projects);
        summary.projects = rows;
        summary.kind = SheetKind::Summary;
        summary
    }
}

/// The 汇总表 row of one evaluated sheet: its unit, project and goal from the meta, its budget
/// and spending from its 预算执行率 leaf (or else its first 资金 row), its total as the score
/// once every applicable indicator is scored.
pub fn row_from_sheet(seq: usize, sheet: &Sheet) -> ProjectRow {
    let (budget, spent) = budget_of(sheet);
    let calc = Calculator::new(sheet.clone());
    // A sheet still being filled in has no score yet: a partial total would count in the
    // grade distribution as if it were the project's result.
    let score = calc
        .total()
        .filter(|t| t.complete)
        .map(|t| arith::fixed(t.value, calc.settings().score_decimals))
        .unwrap_or_default();
    let meta = &sheet.meta;
    ProjectRow {
        seq: seq.to_string(),
        unit: meta.unit.clone(),
        project: if meta.project.is_empty() {
            meta.title.clone()
        } else {
            meta.project.clone()
        },
        goal: meta.goal.clone(),
        budget,
        spent,
        score,
        grade: String::new(),
        problems: meta.problems.clone(),
        suggestions: meta.suggestions.clone(),
    }
}

/// A sheet's budget and spending, as typed: the 预算执行率 leaf, or else the first 资金 row.
fn budget_of(sheet: &Sheet) -> (String, String) {
    let mut stack: Vec<&crate::model::Node> = sheet.indicators.iter().collect();
    while let Some(node) = stack.pop() {
        if matches!(node.rule, Some(Rule::BudgetExecution(BudgetExecution {}))) {
            return (node.target.to_string(), node.actual.to_string());
        }
        stack.extend(node.children.iter().rev());
    }
    sheet
        .funds
        .first()
        .map(|f| (f.budget.clone(), f.spent.clone()))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{FundsRow, Node};
    use crate::rules::Manual;

    fn project(unit: &str, budget: &str, spent: &str, score: &str) -> Sheet {
        let mut s = Sheet::new(SheetKind::Project);
        s.meta.unit = unit.into();
        s.meta.project = format!("{unit}的项目");
        s.funds = vec![FundsRow {
            name: "项目资金".into(),
            budget: budget.into(),
            spent: spent.into(),
            note: String::new(),
        }];
        let mut leaf = Node::leaf("综合评分", "100", Some(Rule::Manual(Manual {})));
        leaf.score = score.into();
        leaf.reason = "见报告".into();
        s.indicators = vec![leaf];
        s
    }

    #[test]
    fn the_summary_derives_a_row_per_sheet_then_the_typed_rows() {
        let mut wb = Workbook::new("示例");
        wb.sheets = vec![
            project("甲单位", "420.00", "404.25", "82.06"),
            project("乙单位", "2,000.00", "1,401.84", "88"),
        ];
        wb.summary.projects = vec![ProjectRow {
            seq: "3".into(),
            project: "外部评价项目".into(),
            budget: "100.00".into(),
            spent: "96.08".into(),
            score: "94.12".into(),
            ..ProjectRow::default()
        }];
        let summary = wb.summary_sheet();
        assert_eq!(summary.projects.len(), 3);
        assert_eq!(summary.projects[0].project, "甲单位的项目");
        assert_eq!(summary.projects[1].score, "88.00");
        let report = Calculator::new(summary).report();
        let s = report.summary.unwrap();
        assert_eq!(s.budget, "2,520.00");
        assert_eq!(s.rate.as_deref(), Some("75.48%")); // 1,902.17 ÷ 2,520.00
        assert_eq!(s.grades[0].count, 1);
        let back: Workbook = serde_json::from_str(&wb.to_json()).unwrap();
        assert_eq!(back, wb);
    }

    #[test]
    fn budget_comes_from_the_budget_execution_leaf_first() {
        let mut s = project("丙单位", "1", "1", "90");
        let mut leaf = Node::leaf(
            "预算执行率",
            "10",
            Some(Rule::BudgetExecution(BudgetExecution {})),
        );
        leaf.target = "634.00".into();
        leaf.actual = "554.75".into();
        s.indicators.push(leaf);
        let row = row_from_sheet(1, &s);
        assert_eq!(
            (row.budget.as_str(), row.spent.as_str()),
            ("634.00", "554.75")
        );
    }

    #[test]
    fn a_sheet_still_being_filled_in_has_no_score_yet() {
        let mut s = project("丁单位", "100", "90", "80");
        s.indicators.push(Node::leaf("满意度", "10", None));
        assert_eq!(row_from_sheet(1, &s).score, "");
        s.indicators[1].target = "90%".into();
        s.indicators[1].actual = "95%".into();
        assert_eq!(row_from_sheet(1, &s).score, "90.00");
    }
}
