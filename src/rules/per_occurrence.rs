//! 按次扣分 (DOMAIN.md §4): W − points × count, never below 0 ("每发现一次扣1分"); the
//! actual is the count.

use super::leaf::Leaf;
use super::{Kind, KindFinding, RuleFinding, Scored};
use crate::arith::{self, plain, Overflow};
use crate::derivation::Explained;
use crate::diagnostic::{Field, Problem, Severity};
use crate::model::{Node, Text};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PerOccurrence {
    #[serde(deserialize_with = "crate::model::text")]
    pub points: Text,
}

/// What people write in a count cell for "none found".
const NONE_FOUND: &[&str] = &["无", "没有", "未发现", "未发生", "无问题"];

/// How a per-occurrence deduction came about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Worked {
    weight: Decimal,
    count: Decimal,
    points: Decimal,
    /// W − points × count, before the floor at 0.
    left: Decimal,
    score: Decimal,
}

/// What only per-occurrence deduction finds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Finding {
    /// A count that is not a whole number ≥ 0.
    NotACount,
}

impl KindFinding for Finding {
    fn code(&self) -> &'static str {
        "not_a_count"
    }

    fn severity(&self) -> Severity {
        Severity::Error
    }

    fn write(&self, field: &str, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{field}应为不小于0的整数次数")
    }
}

impl Kind for PerOccurrence {
    const NAME: &'static str = "per_occurrence";
    const LABEL: &'static str = "按次扣分";
    type Worked = Worked;
    type Finding = Finding;

    #[inline(never)]
    fn score(
        &self,
        leaf: &mut Leaf,
        weight: Option<Decimal>,
    ) -> Result<Option<Scored<Worked>>, Overflow> {
        let points = leaf.parameter(&self.points);
        let text = leaf.node.actual.trim();
        let count = if NONE_FOUND.contains(&text) {
            Some(Decimal::ZERO)
        } else {
            match leaf.required(Field::Actual, text) {
                Some(q)
                    if !arith::is_negative(q.value) && q.value.fract().is_zero() && !q.percent =>
                {
                    Some(q.value.trunc())
                }
                Some(_) => {
                    leaf.find(
                        Field::Actual,
                        Problem::Rule(RuleFinding::PerOccurrence(Finding::NotACount)),
                    );
                    None
                }
                None => None,
            }
        };
        let (Some(w), Some(points), Some(count)) = (weight, points, count) else {
            return Ok(None);
        };
        let left = arith::sub(w, arith::mul(points.value, count)?)?;
        let score = leaf.round(arith::at_least_zero(left));
        Ok(Some(Scored {
            score,
            rate: None,
            worked: Worked {
                weight: w,
                count,
                points: points.value,
                left,
                score,
            },
        }))
    }

    /// Every occurrence is a deduction: met with none (one deduction of 0.001 rounds away).
    fn met(w: &Worked) -> Option<bool> {
        Some(w.count.is_zero())
    }

    fn explain(w: &Worked, _node: &Node) -> Explained {
        if w.count.is_zero() {
            return Explained::text(format!("未发现扣分情形，得满分{}分", plain(w.weight)));
        }
        Explained {
            text: format!(
                "发现{}次，每次扣{}分，得{}分",
                plain(w.count),
                plain(w.points),
                plain(w.score)
            ),
            formula: Some(format!(
                "{}−{}×{}{}",
                plain(w.weight),
                plain(w.points),
                plain(w.count),
                super::deducted(w.left, w.score)
            )),
        }
    }
}
