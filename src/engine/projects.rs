//! The 汇总表 rows of a workbook's sheets: each sheet evaluated, its total as the project's
//! score. The format (`crate::workbook`) stores only the rows typed directly.

use super::Calculator;
use crate::arith;
use crate::model::{Node, ProjectRow, Rule, Sheet, SheetKind};
use crate::workbook::Workbook;

impl Workbook {
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
        declared: Default::default(),
    }
}

/// A sheet's budget and spending, as typed: the 预算执行率 leaf's (the first 资金 row's when
/// the leaf takes them from there), or else the first 资金 row's.
fn budget_of(sheet: &Sheet) -> (String, String) {
    let mut stack: Vec<&Node> = sheet.indicators.iter().collect();
    while let Some(node) = stack.pop() {
        if let Some(Rule::BudgetExecution(b)) = &node.rule {
            if b.from_funds {
                break;
            }
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
    use crate::model::FundsRow;
    use crate::rules::BudgetExecution;
    use crate::rules::Manual;

    fn project(unit: &str, budget: &str, spent: &str, score: &str) -> Sheet {
        let mut s = Sheet::new(SheetKind::Project);
        s.meta.unit = unit.into();
        s.meta.project = format!("{unit}的项目");
        s.funds = vec![FundsRow {
            name: "项目资金".into(),
            budget: budget.into(),
            spent: spent.into(),
            ..FundsRow::default()
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
        assert_eq!(s.totals.budget, "2,520.00");
        assert_eq!(s.totals.rate.as_deref(), Some("75.48%")); // 1,902.17 ÷ 2,520.00
        assert_eq!(s.totals.grades[0].count, 1);
        let back: Workbook = serde_json::from_str(&wb.to_json()).unwrap();
        assert_eq!(back, wb);
    }

    #[test]
    fn budget_comes_from_the_budget_execution_leaf_first() {
        let mut s = project("丙单位", "1", "1", "90");
        let mut leaf = Node::leaf(
            "预算执行率",
            "10",
            Some(Rule::BudgetExecution(BudgetExecution::default())),
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
