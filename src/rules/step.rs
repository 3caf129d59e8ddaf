//! 阶梯扣分 (DOMAIN.md §4): start at W and take `points` off for each full `step` beyond
//! `threshold` (the target when empty, else 0), in the bad direction of the comparison
//! (≤ by default: an increase is bad; = against a target of 0 as ≤, ≥ otherwise); never
//! below 0. `inclusive` (默认 true) is
//! "每增加5%（含）": reaching a step boundary counts.

use super::leaf::{shown, unit_written, Leaf};
use super::{Kind, KindFinding, RuleFinding, Scored};
use crate::arith::{self, plain, Overflow};
use crate::cell::{is_blank_text, Quantity};
use crate::comparison::Comparison;
use crate::derivation::{subject, Explained, Shown};
use crate::diagnostic::{Field, Problem, Severity};
use crate::model::{Node, Text};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    #[serde(
        default,
        skip_serializing_if = "Text::is_empty",
        deserialize_with = "crate::model::text"
    )]
    pub threshold: Text,
    #[serde(deserialize_with = "crate::model::text")]
    pub step: Text,
    #[serde(deserialize_with = "crate::model::text")]
    pub points: Text,
    #[serde(default = "yes", skip_serializing_if = "is_yes")]
    pub inclusive: bool,
}

fn yes() -> bool {
    true
}

fn is_yes(b: &bool) -> bool {
    *b
}

/// How a step deduction came about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Worked {
    weight: Decimal,
    actual: Shown,
    threshold: Shown,
    step: Shown,
    points: Decimal,
    inclusive: bool,
    increase_is_bad: bool,
    steps: Decimal,
    /// W − steps × points, before the floor at 0.
    left: Decimal,
    score: Decimal,
    /// Whether the actual met the row's target, where it has one (a first step may take
    /// nothing off a miss).
    met: Option<bool>,
}

/// What only step deduction finds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Finding {
    /// A step of zero or less.
    StepNotPositive,
}

impl KindFinding for Finding {
    fn code(&self) -> &'static str {
        "step_not_positive"
    }

    fn severity(&self) -> Severity {
        Severity::Error
    }

    fn write(&self, _field: &str, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "阶梯扣分的步长必须大于0")
    }
}

impl Kind for Step {
    const NAME: &'static str = "step";
    const LABEL: &'static str = "阶梯扣分";
    type Worked = Worked;
    type Finding = Finding;

    #[inline(never)]
    fn score(
        &self,
        leaf: &mut Leaf,
        weight: Option<Decimal>,
    ) -> Result<Option<Scored<Worked>>, Overflow> {
        let step = leaf.parameter(&self.step);
        let points = leaf.parameter(&self.points);
        let target = match leaf.optional(Field::Target, &leaf.node.target) {
            Ok(t) => t,
            Err(()) => return Ok(None),
        };
        let threshold = if is_blank_text(&self.threshold) {
            Some(target.clone().unwrap_or(Quantity {
                value: Decimal::ZERO,
                percent: false,
                comparison: None,
                unit: Default::default(),
                from_chinese_numeral: false,
            }))
        } else {
            leaf.required(Field::Rule, &self.threshold)
        };
        let actual = leaf.required(Field::Actual, &leaf.node.actual);
        let cmp = leaf.comparison(target.as_ref(), Comparison::AtMost);
        let (Some(w), Some(step), Some(points), Some(th), Some(a), Some(cmp)) =
            (weight, step, points, threshold, actual, cmp)
        else {
            return Ok(None);
        };
        if !leaf.strictness(&th, &a) {
            return Ok(None);
        }
        // Steps counted from a threshold on another scale (5% against 0.12) would be counted
        // wrong: the threshold is the target's, or the rule's; a default 0 has no scale.
        let threshold_field = if is_blank_text(&self.threshold) {
            target.is_some().then_some(Field::Target)
        } else {
            Some(Field::Rule)
        };
        if threshold_field.is_some_and(|field| !leaf.check_scale(&th, field, &a)) {
            return Ok(None);
        }
        // Steps counted from the target: the two in units of one size.
        if is_blank_text(&self.threshold)
            && target.is_some()
            && !leaf.check_unit_size(&th, &a, true)
        {
            return Ok(None);
        }
        if arith::is_not_positive(step.value) {
            leaf.find(
                Field::Rule,
                Problem::Rule(RuleFinding::Step(Finding::StepNotPositive)),
            );
            return Ok(None);
        }
        // = against a target of 0 is met from below (DOMAIN.md §4), so an increase is bad, as
        // its `met` says.
        let against = target.as_ref().map_or(th.value, |t| t.value);
        let increase_is_bad = cmp.lower_is_better_against(against);
        let beyond = if increase_is_bad {
            arith::sub(a.value, th.value)?
        } else {
            arith::sub(th.value, a.value)?
        };
        let steps = if arith::is_not_positive(beyond) {
            Decimal::ZERO
        } else {
            let whole = arith::whole_steps(beyond, step.value)?;
            // 不含: a step counts only once it is exceeded, so an exact boundary does not.
            if !self.inclusive && arith::mul(whole, step.value)? == beyond {
                whole - Decimal::ONE
            } else {
                whole
            }
        };
        let left = arith::sub(w, arith::mul(steps, points.value)?)?;
        let score = leaf.round(arith::at_least_zero(left));
        let met = target
            .as_ref()
            .and_then(|t| super::meets(cmp, t, &a, &leaf.node.unit));
        Ok(Some(Scored {
            score,
            rate: None,
            worked: Worked {
                weight: w,
                actual: shown(&a),
                threshold: shown(&th),
                step: shown(&step),
                points: points.value,
                inclusive: self.inclusive,
                increase_is_bad,
                steps,
                left,
                score,
                met,
            },
        }))
    }

    fn met(w: &Worked) -> Option<bool> {
        w.met
    }

    fn explain(w: &Worked, node: &Node) -> Explained {
        let subject = subject(node, "实际完成值");
        let actual = format!("{}{}", w.actual, unit_written(&node.actual, node));
        let direction = if w.increase_is_bad {
            "增加"
        } else {
            "减少"
        };
        let incl = if w.inclusive { "（含）" } else { "" };
        let from = if w.threshold.value.is_zero() {
            String::new()
        } else {
            format!("自{}起，", w.threshold)
        };
        let text = if w.steps.is_zero() {
            format!(
                "{subject}为{actual}，未达到扣分标准，得满分{}分",
                plain(w.weight)
            )
        } else {
            format!(
                "{subject}为{actual}，{from}每{direction}{}{incl}扣减{}分，计算得{}分",
                w.step,
                plain(w.points),
                plain(w.score)
            )
        };
        let formula = format!(
            "{}−{}×{}{}",
            plain(w.weight),
            plain(w.steps),
            plain(w.points),
            super::deducted(w.left, w.score)
        );
        Explained {
            text,
            formula: Some(formula),
        }
    }
}
