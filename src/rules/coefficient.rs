//! 得分系数法: the evaluator judges a coefficient between 0 and 1 (or 0% and 100%) and the score
//! is W × 系数, as tables with a 得分系数 column compute it. The coefficient is typed in the
//! row's 实际完成值 cell.

use super::leaf::{shown, Leaf};
use super::{Kind, KindFinding, RuleFinding, Scored};
use crate::arith::{plain, Overflow};
use crate::derivation::{result, Explained, Shown};
use crate::diagnostic::{Field, Problem, Severity};
use crate::model::Node;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Coefficient {}

/// The weight, the coefficient as typed, and the score.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Worked {
    weight: Decimal,
    coefficient: Shown,
    score: Decimal,
}

/// What only a coefficient row finds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Finding {
    /// A coefficient below 0 or above 1 (100%).
    OutOfRange,
}

impl KindFinding for Finding {
    fn code(&self) -> &'static str {
        "coefficient_out_of_range"
    }

    fn severity(&self) -> Severity {
        Severity::Error
    }

    fn write(&self, field: &str, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{field}应填写0到1之间的得分系数（如0.8或80%）")
    }
}

impl Kind for Coefficient {
    const NAME: &'static str = "coefficient";
    const LABEL: &'static str = "得分系数法";
    type Worked = Worked;
    type Finding = Finding;

    #[inline(never)]
    fn score(
        &self,
        leaf: &mut Leaf,
        weight: Option<Decimal>,
    ) -> Result<Option<Scored<Worked>>, Overflow> {
        let coefficient = leaf.required(Field::Actual, &leaf.node.actual);
        let (Some(w), Some(c)) = (weight, coefficient) else {
            return Ok(None);
        };
        let whole = whole(c.percent);
        if c.value.is_sign_negative() && !c.value.is_zero() || c.value > whole {
            leaf.find(
                Field::Actual,
                Problem::Rule(RuleFinding::Coefficient(Finding::OutOfRange)),
            );
            return Ok(None);
        }
        let score = leaf.score_of(w, c.value, whole)?;
        Ok(Some(Scored {
            score,
            rate: None,
            worked: Worked {
                weight: w,
                coefficient: shown(&c),
                score,
            },
        }))
    }

    fn raw(w: &Worked) -> Option<Decimal> {
        let whole = whole(w.coefficient.percent);
        crate::arith::mul_div(w.weight, w.coefficient.value, whole).ok()
    }

    /// The coefficient is how far the evaluator judged the target met: met at 1 (100%) only.
    fn met(w: &Worked) -> Option<bool> {
        Some(w.coefficient.value == whole(w.coefficient.percent))
    }

    fn explain(w: &Worked, _node: &Node) -> Explained {
        Explained {
            text: format!(
                "得分系数为{}，分值{}分，计算得{}分",
                w.coefficient,
                plain(w.weight),
                plain(w.score)
            ),
            formula: Some(format!(
                "{}×{}{}",
                plain(w.weight),
                w.coefficient,
                result(Self::raw(w), w.score)
            )),
        }
    }
}

/// A whole coefficient: 1, or 100 written with %.
fn whole(percent: bool) -> Decimal {
    if percent {
        Decimal::ONE_HUNDRED
    } else {
        Decimal::ONE
    }
}
