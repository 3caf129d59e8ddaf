//! 资金情况: budgets against spending and their execution rates (seed 001's 部门整体收支,
//! seed 004's 重点工作任务), and the rate computation the 汇总表 shares.

use crate::arith;
use crate::cell::{parse_cell, Cell};
use crate::diagnostic::{Diagnostic, Location, Problem, RowField};
use crate::model::FundsRow;
use crate::settings::Resolved;
use rust_decimal::Decimal;

/// A budget, what was spent of it, and the rate.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BudgetLine {
    /// 年初预算数, where the row has one.
    pub initial: Option<Decimal>,
    pub budget: Option<Decimal>,
    pub spent: Option<Decimal>,
    /// 执行数 ÷ 预算数 in percent, rounded, uncapped.
    pub rate: Option<Decimal>,
}

/// The evaluated 资金情况 rows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FundsResult {
    pub rows: Vec<BudgetLine>,
    pub diagnostics: Vec<Diagnostic>,
}

pub fn evaluate(rows: &[FundsRow], settings: &Resolved) -> FundsResult {
    let mut diagnostics = Vec::new();
    let lines: Vec<BudgetLine> = rows
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let mut found = Vec::new();
            let mut report = |field, problem| found.push((field, problem));
            let initial = amount(&row.initial, RowField::Initial, &mut report);
            let line = BudgetLine {
                initial,
                ..budget_line(&row.budget, &row.spent, settings, &mut report)
            };
            // A 其中 row of nothing (上年结转资金 0 of 0) is a part that is empty, not a budget
            // whose rate is missing.
            let zero = |v: Option<Decimal>| v.is_some_and(|v| v.is_zero());
            let empty_part = row.part && zero(line.budget) && zero(line.spent);
            diagnostics.extend(
                found
                    .into_iter()
                    .filter(|(_, problem)| !(empty_part && *problem == Problem::ZeroBudget))
                    .map(|(field, problem)| {
                        Diagnostic::new(Location::Funds { row: i, field }, problem)
                    }),
            );
            line
        })
        .collect();
    diagnostics.extend(parts_mismatches(rows, &lines));
    FundsResult {
        rows: lines,
        diagnostics,
    }
}

/// One column of a budget line.
type Figure = fn(&BudgetLine) -> Option<Decimal>;

/// The 其中 rows against the row they are part of, column by column: where the row and at
/// least one of its parts have a figure, the parts (a blank one counting as 0) must add up to
/// it exactly.
fn parts_mismatches(rows: &[FundsRow], lines: &[BudgetLine]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < rows.len() {
        let parts = rows[i + 1..].iter().take_while(|r| r.part).count();
        if rows[i].part || parts == 0 {
            i += 1;
            continue;
        }
        let columns: [(RowField, Figure); 3] = [
            (RowField::Initial, |l| l.initial),
            (RowField::Budget, |l| l.budget),
            (RowField::Spent, |l| l.spent),
        ];
        for (field, figure) in columns {
            let Some(total) = figure(&lines[i]) else {
                continue;
            };
            let figures: Vec<Decimal> =
                lines[i + 1..=i + parts].iter().filter_map(figure).collect();
            if figures.is_empty() {
                continue;
            }
            let Some(sum) = figures
                .iter()
                .try_fold(Decimal::ZERO, |a, b| a.checked_add(*b))
            else {
                continue;
            };
            if sum != total {
                out.push(Diagnostic::new(
                    Location::Funds { row: i, field },
                    Problem::FundsPartsMismatch { parts: sum, total },
                ));
            }
        }
        i += parts + 1;
    }
    out
}

/// Reads an amount; blank is `None`, an unreadable or negative amount is reported.
pub fn amount(
    text: &str,
    field: RowField,
    report: &mut dyn FnMut(RowField, Problem),
) -> Option<Decimal> {
    match parse_cell(text) {
        Ok(Cell::Blank) => None,
        Ok(Cell::Number(q)) if q.value < Decimal::ZERO => {
            report(field, Problem::Negative);
            None
        }
        // The forms' amounts are in 万元: 12,345,678.90元 or 95% typed there would count as
        // that many 万元.
        Ok(Cell::Number(q))
            if q.percent
                || !q.unit.is_empty()
                    && !matches!(crate::cell::unit_size::split(&q.unit), (4, "" | "元")) =>
        {
            let written = text.trim().to_string();
            report(field, Problem::AmountNotInWan { written });
            None
        }
        Ok(Cell::Number(q)) => Some(q.value),
        Err(e) => {
            report(field, Problem::Unreadable(e));
            None
        }
    }
}

/// Reads a budget and its spending and computes the rate (multiply before dividing).
/// A budget of 0 has no rate, with a message; spending above budget is flagged.
pub fn budget_line(
    budget: &str,
    spent: &str,
    settings: &Resolved,
    report: &mut dyn FnMut(RowField, Problem),
) -> BudgetLine {
    let b = amount(budget, RowField::Budget, report);
    let s = amount(spent, RowField::Spent, report);
    let rate = match (b, s) {
        (Some(b), Some(_)) if b.is_zero() => {
            report(RowField::Budget, Problem::ZeroBudget);
            None
        }
        (Some(b), Some(s)) => {
            if s > b {
                report(RowField::Spent, Problem::SpentOverBudget);
            }
            match arith::mul_div(s, Decimal::ONE_HUNDRED, b) {
                Ok(r) => Some(settings.round_rate(r)),
                Err(_) => {
                    report(RowField::Spent, Problem::Overflow);
                    None
                }
            }
        }
        _ => None,
    };
    BudgetLine {
        initial: None,
        budget: b,
        spent: s,
        rate,
    }
}
