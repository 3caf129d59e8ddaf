//! 资金情况: budgets against spending and their execution rates (seed 001's 部门整体收支,
//! seed 004's 重点工作任务), and the rate computation the 汇总表 shares.

use crate::arith;
use crate::cell::unit_size::{self, money_power};
use crate::cell::{parse_cell, Cell};
use crate::diagnostic::{Diagnostic, Field, Location, Problem, RowField};
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
    amount_written(text, field, report).map(|(value, ..)| value)
}

/// Reads an amount as [`amount`] does, with the unit it is written in (`""` for none, the
/// forms' 万元) and that unit's size in 元 as a power of ten.
fn amount_written(
    text: &str,
    field: RowField,
    report: &mut dyn FnMut(RowField, Problem),
) -> Option<(Decimal, crate::cell::Text, u32)> {
    let unit = |q: &crate::cell::Quantity| unit_size::unbracketed(&q.unit).trim().into();
    match parse_cell(text) {
        Ok(Cell::Blank) => None,
        Ok(Cell::Number(q)) if q.value < Decimal::ZERO => {
            report(field, Problem::Negative);
            None
        }
        // The forms' amounts are in 万元: 95% there is no amount, and one written in 元 or 亿元
        // (12,345,678.90元, as a 预算执行率 counted in 元 gives the 汇总表), or with a size
        // alone (1.2亿), is read in 万元 exactly, not counted as that many 万元; one in another
        // unit (100美元, 3天) is no amount.
        Ok(Cell::Number(q)) if q.percent => {
            let written = text.trim().to_string();
            report(field, Problem::AmountIsPercent { written });
            None
        }
        Ok(Cell::Number(q)) => match amount_power(&q.unit) {
            Some(4) => Some((q.value, unit(&q), 4)),
            Some(power) => match in_wan(q.value, power) {
                Some(value) => Some((value, unit(&q), power)),
                None => {
                    report(field, Problem::Overflow);
                    None
                }
            },
            None => {
                let written = text.trim().to_string();
                report(field, Problem::AmountNotYuan { written });
                None
            }
        },
        Err(e) => {
            report(field, Problem::Unreadable(e));
            None
        }
    }
}

/// The size in 元, as a power of ten, of an amount written with `unit`: `元`, `万元`, `（亿元）`,
/// and a size alone (`1.2亿`, `404.25万`, `3百万`), which counts 元 as the cell reader takes a
/// size alone to count what the other figure counts; no unit is the forms' 万元. `None` for
/// any other unit (`美元`, `天`).
fn amount_power(unit: &str) -> Option<u32> {
    let unit: String = unit_size::unbracketed(unit).split_whitespace().collect();
    match unit_size::split(&unit) {
        (0, "") => Some(4),
        (power, "") => Some(power),
        _ => money_power(&unit),
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
    let b = amount_written(budget, RowField::Budget, report);
    let s = amount_written(spent, RowField::Spent, report);
    // Figures in units of different size are read exactly, as a clerk may mean them
    // (`16,061.02万元` against `150,426,500元`), and scored; where they are then more than ten
    // times apart (`1032.43` against `781.59元`, 0.01%), a unit was more likely typed by habit
    // (the bound an indicator's actual without a unit is read by): said at the figure whose
    // unit is not the forms'.
    if let (Some((b_value, b_unit, b_power)), Some((s_value, s_unit, s_power))) = (&b, &s) {
        let apart = b_value > &Decimal::ZERO
            && s_value > &Decimal::ZERO
            && !arith::within_tenfold(*b_value, *s_value);
        if b_power != s_power && apart {
            let field = if *s_power == 4 {
                RowField::Budget
            } else {
                RowField::Spent
            };
            let (budget, spent) = (b_unit.to_string(), s_unit.to_string());
            report(field, Problem::AmountUnitsDiffer { budget, spent });
        }
    }
    let (b, s) = (b.map(|(v, ..)| v), s.map(|(v, ..)| v));
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

/// The unit a 资金 figure is in when its cell names none.
const FUNDS_UNIT: &str = "万元";

/// An amount of money read from a cell, with its unit (the cell's, else the row's) and that
/// unit's size in 元 as a power of ten.
struct Money {
    value: Decimal,
    unit: crate::cell::Text,
    power: u32,
}

impl Money {
    /// Whether two amounts are the same, read in 万元 as [`amount`] reads them.
    fn same(&self, other: &Money) -> bool {
        matches!(
            (in_wan(self.value, self.power), in_wan(other.value, other.power)),
            (Some(a), Some(b)) if a == b
        )
    }
}

/// An amount of 10^`power` 元 in 万元, exactly (a division by a power of ten is exact).
fn in_wan(value: Decimal, power: u32) -> Option<Decimal> {
    if power >= 4 {
        (4..power).try_fold(value, |v, _| v.checked_mul(Decimal::TEN))
    } else {
        (power..4).try_fold(value, |v, _| v.checked_div(Decimal::TEN))
    }
}

/// Reads a cell as an amount of money, in `default` when it names no unit; a blank, a
/// percentage, a figure in another unit or one that cannot be read is none (what is wrong
/// with the cell is said where the cell is read).
fn money(text: &str, default: &str) -> Option<Money> {
    let Ok(Cell::Number(q)) = parse_cell(text) else {
        return None;
    };
    if q.percent || q.value < Decimal::ZERO {
        return None;
    }
    let unit: crate::cell::Text = match unit_size::unbracketed(&q.unit) {
        "" => default.into(),
        unit => unit.into(),
    };
    Some(Money {
        value: q.value,
        power: amount_power(&unit)?,
        unit,
    })
}

/// A 预算执行率 row that is scored from its own 预算数 (`target`) and 执行数 (`actual`), not from
/// the 资金 block, against the block's first row (年度资金总额, the total the 自评报告's
/// 基本情况 states): each figure typed in both places that differs is a finding at the row's
/// cell, naming both. A figure blank on either side is not compared. Figures without a unit
/// are in the row's 计量单位 where that is money, else in 万元, as the 资金 block's are. A row
/// whose figures are another 资金 row's (a 项目支出 row's rate) is that row's rate, not the
/// total's.
pub fn disagreements(
    target: &str,
    actual: &str,
    row_unit: &str,
    rows: &[FundsRow],
) -> Vec<(Field, Problem)> {
    let Some(total) = rows.first() else {
        return Vec::new();
    };
    let row_unit = row_unit.trim();
    let own_unit = if money_power(row_unit).is_some() {
        row_unit
    } else {
        FUNDS_UNIT
    };
    let budget = money(target, own_unit);
    let spent = money(actual, own_unit);
    if budget.is_none() && spent.is_none() {
        return Vec::new();
    }
    // Where both sides have the figure, whether they agree; `None` where one is blank.
    let agree = |own: &Option<Money>, text: &str| -> Option<bool> {
        Some(own.as_ref()?.same(&money(text, FUNDS_UNIT)?))
    };
    let is_that_rows = |r: &FundsRow| {
        let found = [agree(&budget, &r.budget), agree(&spent, &r.spent)];
        found.contains(&Some(true)) && !found.contains(&Some(false))
    };
    if rows[1..].iter().any(is_that_rows) {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (field, own, text, spent) in [
        (Field::Target, &budget, total.budget.as_str(), false),
        (Field::Actual, &spent, total.spent.as_str(), true),
    ] {
        let (Some(own), Some(funds)) = (own, money(text, FUNDS_UNIT)) else {
            continue;
        };
        if !own.same(&funds) {
            out.push((
                field,
                Problem::FundsDisagree {
                    spent,
                    row: own.value,
                    row_unit: own.unit.to_string(),
                    funds: funds.value,
                    funds_unit: funds.unit.to_string(),
                    funds_name: total.name.trim().to_string(),
                },
            ));
        }
    }
    out
}
