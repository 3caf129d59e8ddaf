//! 预算执行率 (DOMAIN.md §4): target = 全年预算数, actual = 全年执行数; the rate is
//! 执行数 ÷ 预算数 and the score W × 执行数 ÷ 预算数, capped at W: spending over the budget
//! earns no more (unless the sheet says `budget_uncapped`, as the national platform computes).
//! On the 10号 form the figures are typed in the 项目资金 block, not on the row: a rule with
//! `from_funds` is given its sheet's 年度资金总额 row (the first 资金 row) by the engine.

use super::leaf::{shown, Leaf, Scales};
use super::{Kind, KindFinding, RuleFinding, Scored};
use crate::arith::{self, plain, Overflow};
use crate::derivation::{pct, result, subject, Explained, Shown};
use crate::diagnostic::{Field, Problem, Severity};
use crate::model::Node;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BudgetExecution {
    /// 全年预算数 and 全年执行数 are the first 资金 row's (年度资金总额), not the row's own.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub from_funds: bool,
}

/// How a 预算执行率 score came about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Worked {
    weight: Decimal,
    budget: Shown,
    spent: Shown,
    rate: Decimal,
    score: Decimal,
    /// Held at the 分值: spent over the budget, and the sheet caps (not `budget_uncapped`).
    capped: bool,
}

/// What only a 预算执行率 finds (its 预算数为0 and 超预算 are the 资金情况 rows' too:
/// crate::diagnostic has them).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Finding {
    /// A target read as an execution rate over 100% (the 预算数 `16,061.02` typed bare in a row
    /// counted in %, beside an actual of 93.66%, read as 16,061.02%): no rate is aimed there.
    /// `bare`: read as a rate by the row's 计量单位, not written with %.
    RateTargetOver100 { written: String, bare: bool },
}

impl KindFinding for Finding {
    fn code(&self) -> &'static str {
        match self {
            Finding::RateTargetOver100 { .. } => "rate_target_over_100",
        }
    }

    fn severity(&self) -> Severity {
        Severity::Error
    }

    fn write(&self, field: &str, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Finding::RateTargetOver100 { written, bare } = self;
        // Read as a rate by the row's % (the amount it may be is then plain to say), or
        // written as one.
        if *bare {
            write!(f, "计量单位为%，{field}“{written}”读作执行率{written}%")?;
        } else {
            write!(f, "{field}“{written}”是执行率")?;
        }
        f.write_str(
            "，执行率的指标值不会超过100%：如指执行率，请填写100%；如是全年预算数，请写成",
        )?;
        if *bare {
            write!(f, "“{written}万元”")?;
        } else {
            f.write_str("金额（带万元）")?;
        }
        f.write_str("，实际完成值也填写全年执行数（带万元）")
    }
}

impl Kind for BudgetExecution {
    const NAME: &'static str = "budget_execution";
    const LABEL: &'static str = "预算执行率";
    type Worked = Worked;
    type Finding = Finding;

    #[inline(never)]
    fn score(
        &self,
        leaf: &mut Leaf,
        weight: Option<Decimal>,
    ) -> Result<Option<Scored<Worked>>, Overflow> {
        let budget = leaf.required(Field::Target, &leaf.node.target);
        let spent = leaf.required(Field::Actual, &leaf.node.actual);
        let (Some(w), Some(b), Some(s)) = (weight, budget, spent) else {
            return Ok(None);
        };
        match leaf.scales(&b, Field::Target, &s) {
            Scales::Same => {}
            Scales::Fraction => return Ok(None),
            // A rate where an amount goes (执行数 93.66% against a 预算数 of 16,061.02): both
            // are amounts, or both the rates they give.
            Scales::Other => {
                let (field, text) = if s.percent {
                    (Field::Actual, &leaf.node.actual)
                } else {
                    (Field::Target, &leaf.node.target)
                };
                let written = text.trim().to_string();
                leaf.find(field, Problem::AmountIsPercent { written });
                return Ok(None);
            }
        }
        // Rates, one or both by the row's %: a target over 100% is a 预算数 read as a rate.
        if (b.percent || s.percent) && b.value > Decimal::ONE_HUNDRED {
            let finding = Finding::RateTargetOver100 {
                written: leaf.node.target.trim().into(),
                bare: !b.percent,
            };
            leaf.find(
                Field::Target,
                Problem::Rule(RuleFinding::BudgetExecution(finding)),
            );
            return Ok(None);
        }
        // A number without a unit is in the row's 计量单位 where that is an amount (万元):
        // 1200万 against 1,100 is the same size. A 计量单位 of % is the rate's, not the figures'.
        let in_row_unit =
            crate::cell::unit_size::money_power(crate::cell::row_unit(&leaf.node.unit)).is_some();
        if !leaf.check_unit_size(&b, &s, in_row_unit) {
            return Ok(None);
        }
        if arith::is_not_positive(b.value) {
            leaf.find(Field::Target, Problem::ZeroBudget);
            return Ok(None);
        }
        if arith::is_negative(s.value) {
            leaf.find(Field::Actual, Problem::Negative);
            return Ok(None);
        }
        if s.value > b.value {
            leaf.find(Field::Actual, Problem::SpentOverBudget);
        }
        let rate = leaf.rate_of(s.value, b.value)?;
        let capped = s.value > b.value && !leaf.settings.budget_uncapped;
        let score = if capped {
            leaf.round(w)
        } else {
            leaf.score_of(w, s.value, b.value)?
        };
        Ok(Some(Scored {
            score,
            rate: Some(rate),
            worked: Worked {
                weight: w,
                budget: shown(&b),
                spent: shown(&s),
                rate,
                score,
                capped,
            },
        }))
    }

    fn raw(w: &Worked) -> Option<Decimal> {
        arith::mul_div(w.weight, w.spent.value, w.budget.value).ok()
    }

    fn met(w: &Worked) -> Option<bool> {
        Some(w.spent.value >= w.budget.value)
    }

    fn explain(w: &Worked, node: &Node) -> Explained {
        let subject = subject(node, "预算执行率");
        let raw = Self::raw(w);
        let (weight, score) = (w.weight, w.score);
        // Said by what was spent, not by the score: 99.81% rounds to full marks, unreached.
        let text = if w.spent.value < w.budget.value {
            format!(
                "{subject}为{}，未达100%，计算得{}分",
                pct(w.rate),
                plain(score)
            )
        } else if score > weight {
            format!(
                "{subject}为{}，按本表约定不设上限，计算得{}分",
                pct(w.rate),
                plain(score)
            )
        } else {
            format!(
                "{subject}为{}，达到100%，得满分{}分",
                pct(w.rate),
                plain(weight)
            )
        };
        // Said only where the cap held it: under `budget_uncapped` a score over the 分值 by
        // less than its rounding (10.00025) is rounded, not capped.
        let capped = if w.capped && raw.is_some_and(|r| r > weight) {
            format!("，超过分值按{}分计", plain(weight))
        } else {
            String::new()
        };
        let formula = format!(
            "执行数{}÷预算数{}={}；{}×{}÷{}{}{capped}",
            w.spent,
            w.budget,
            pct(w.rate),
            plain(weight),
            plain(w.spent.value),
            plain(w.budget.value),
            if capped.is_empty() {
                result(raw, score)
            } else {
                result(raw, raw.unwrap_or(weight))
            }
        );
        Explained {
            text,
            formula: Some(formula),
        }
    }
}
