//! The 汇总表 (seed 000): one row per project, the 合计 row and the grade distribution.
//!
//! The 合计 rate is the rate of the sums, Σ完成数 ÷ Σ预算数, never the mean of the rates.

use crate::arith;
use crate::cell::{parse_cell, Cell};
use crate::diagnostic::{Diagnostic, Location, Problem, RowField};
use crate::funds::{budget_line, BudgetLine};
use crate::model::ProjectRow;
use crate::settings::Resolved;
use rust_decimal::Decimal;

/// One evaluated project row.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProjectLine {
    pub money: BudgetLine,
    pub score: Option<Decimal>,
    /// The grade of the score (or the printed grade when there is no score).
    pub grade: Option<String>,
}

/// The evaluated 汇总表.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SummaryResult {
    pub rows: Vec<ProjectLine>,
    /// Σ预算数 over the rows with a readable budget.
    pub budget: Decimal,
    /// Σ完成数 over the rows with a readable amount.
    pub spent: Decimal,
    /// Σ完成数 ÷ Σ预算数, in percent.
    pub rate: Option<Decimal>,
    /// Count per grade, in the order of the grade bands (highest first).
    pub grades: Vec<(String, usize)>,
    /// Mean, lowest and highest score over the rows with a score.
    pub mean_score: Option<Decimal>,
    pub min_score: Option<Decimal>,
    pub max_score: Option<Decimal>,
    pub diagnostics: Vec<Diagnostic>,
}

pub fn evaluate(projects: &[ProjectRow], settings: &Resolved) -> SummaryResult {
    let out = SummaryResult {
        grades: settings
            .grade_bands
            .iter()
            .map(|(g, _)| (g.clone(), 0))
            .collect(),
        ..SummaryResult::default()
    };
    if projects.is_empty() {
        return out;
    }
    evaluate_projects(projects, settings, out)
}

/// The 汇总表 of a sheet that has one. Its own function, so that opening any other sheet does
/// not have the browser compile it (wasm functions are compiled when first called).
#[inline(never)]
fn evaluate_projects(
    projects: &[ProjectRow],
    settings: &Resolved,
    mut out: SummaryResult,
) -> SummaryResult {
    let mut diagnostics = Vec::new();
    let mut scores = Vec::new();
    for (i, row) in projects.iter().enumerate() {
        let mut report = |field, problem| {
            diagnostics.push(Diagnostic::new(
                Location::Project { row: i, field },
                problem,
            ))
        };
        let money = budget_line(&row.budget, &row.spent, settings, &mut report);
        let score = match parse_cell(&row.score) {
            Ok(Cell::Blank) => None,
            Ok(Cell::Number(q)) => Some(settings.round_score(q.value)),
            Err(e) => {
                report(RowField::Score, Problem::Unreadable(e));
                None
            }
        };
        let printed = row.grade.trim();
        let grade = match score {
            Some(s) => {
                let computed = settings.grade(s).to_string();
                if !printed.is_empty() && printed != computed {
                    report(
                        RowField::Grade,
                        Problem::GradeDiffers {
                            computed: computed.clone(),
                        },
                    );
                }
                Some(computed)
            }
            None if !printed.is_empty() && !matches!(parse_cell(printed), Ok(Cell::Blank)) => {
                Some(printed.to_string())
            }
            None => None,
        };
        if let Some(g) = &grade {
            match out.grades.iter_mut().find(|(name, _)| name == g) {
                Some((_, n)) => *n += 1,
                None => out.grades.push((g.clone(), 1)),
            }
        }
        if let Some(s) = score {
            scores.push(s);
        }
        // A row with an amount that cannot be read, or with one amount and not the other,
        // stays out of both sums: the rate of the sums would pair its spending with the other
        // rows' budgets.
        let blank = |text: &str| matches!(parse_cell(text), Ok(Cell::Blank));
        let unreadable = |text: &str, read: Option<Decimal>| read.is_none() && !blank(text);
        let one_only = blank(&row.budget) != blank(&row.spent);
        if one_only {
            let missing = if blank(&row.budget) {
                RowField::Budget
            } else {
                RowField::Spent
            };
            report(missing, Problem::Missing);
        }
        if !one_only
            && !unreadable(&row.budget, money.budget)
            && !unreadable(&row.spent, money.spent)
        {
            out.budget = out.budget.saturating_add(money.budget.unwrap_or_default());
            out.spent = out.spent.saturating_add(money.spent.unwrap_or_default());
        }
        out.rows.push(ProjectLine {
            money,
            score,
            grade,
        });
    }
    if out.budget > Decimal::ZERO {
        out.rate = arith::mul_div(out.spent, Decimal::ONE_HUNDRED, out.budget)
            .ok()
            .map(|r| settings.round_rate(r));
    }
    if !scores.is_empty() {
        let sum = scores
            .iter()
            .fold(Decimal::ZERO, |acc, s| acc.saturating_add(*s));
        out.mean_score = arith::div(sum, Decimal::from(scores.len()))
            .ok()
            .map(|m| settings.round_score(m));
        out.min_score = scores.iter().min().copied();
        out.max_score = scores.iter().max().copied();
    }
    out.diagnostics = diagnostics;
    out
}
