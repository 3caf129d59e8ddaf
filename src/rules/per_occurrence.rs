//! 按次扣分 (DOMAIN.md §4): W − points × count, never below 0 ("每发现一次扣1分"); the
//! actual is the count. A target (`≤3次`) does not change the score, only whether it was met.

use super::leaf::{chosen_comparison, Leaf};
use super::{Kind, KindFinding, RuleFinding, Scored};
use crate::arith::{self, plain, Overflow};
use crate::cell::{parse_cell, row_unit, unit_size, Cell};
use crate::comparison::Comparison;
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
    /// Whether the count is within the row's target, where it has one to compare with.
    within_target: Option<bool>,
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
        // The count, and the unit it is written in ("" for 无 or a bare figure).
        let count = if NONE_FOUND.contains(&text) {
            Some((Decimal::ZERO, Text::default()))
        } else {
            match leaf.required(Field::Actual, text) {
                Some(q)
                    if !arith::is_negative(q.value) && q.value.fract().is_zero() && !q.percent =>
                {
                    Some((q.value.trunc(), q.unit))
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
        let (Some(w), Some(points), Some((count, unit))) = (weight, points, count) else {
            return Ok(None);
        };
        let within_target = within_target(leaf.node, count, &unit);
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
                within_target,
            },
        }))
    }

    /// Met as the count compares with the row's target (2 within `≤3次`, though each of them
    /// is deducted); without a target to compare with, met with none found (one deduction of
    /// 0.001 rounds away).
    fn met(w: &Worked) -> Option<bool> {
        Some(w.within_target.unwrap_or(w.count.is_zero()))
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

/// Whether `count` (written in `unit`) is within the row's target, exactly, by the comparison
/// its column or its target says ([`chosen_comparison`]; ≤ where neither says one, every
/// occurrence being a deduction; = as ≤ too, `=0次` meaning none, not ≥ 0). `None` where the
/// target is blank, not a figure, in %, in a unit the count does not compare with as written
/// ([`unit_size::compare_as_written`]; a bare figure on either side is in the row's 计量单位,
/// else in the other's), or its comparison contradicts the column's: `≤3起` against `2次`
/// compare, `≤3天` against `2次` do not, nor `≤3万人次` against `2人`, which is not scaled, as
/// no rule scales it (`unit_size_mismatch`). The score takes no target, so it is read for this
/// alone, without a finding.
fn within_target(node: &Node, count: Decimal, unit: &str) -> Option<bool> {
    let Ok(Cell::Number(target)) = parse_cell(&node.target) else {
        return None;
    };
    let row = row_unit(&node.unit);
    let target_unit: &str = if target.unit.is_empty() {
        row
    } else {
        &target.unit
    };
    let count_unit = if unit.is_empty() { row } else { unit };
    let alike = unit_size::compare_as_written(target_unit, count_unit);
    if target.percent || !alike {
        return None;
    }
    let cmp = match chosen_comparison(node.comparison, target.comparison, Comparison::AtMost) {
        Ok(Comparison::Equal) => Comparison::AtMost,
        Ok(cmp) => cmp,
        Err(_) => return None,
    };
    Some(cmp.met(target.value, count))
}
