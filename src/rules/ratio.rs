//! 比率法 (DOMAIN.md §4): by the comparison, higher is better (≥ >: W × A ÷ T, capped at W),
//! lower is better (≤ <: in the variant named by `lower`), = as the national platform.
//! A row without a rule is scored this way unless its comparison is 定性.

use super::leaf::{figure_written, shown, Leaf};
use super::{Kind, KindFinding, Scored};
use crate::arith::{self, plain, Overflow};
use crate::cell::Quantity;
use crate::comparison::Comparison;
use crate::derivation::{pct, result, subject, Explained, Shown};
use crate::diagnostic::{Field, Problem, Severity};
use crate::model::Node;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ratio {
    #[serde(default, skip_serializing_if = "LowerVariant::is_default")]
    pub lower: LowerVariant,
}

/// The two lower-is-better formulas in use (DOMAIN.md §4).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LowerVariant {
    /// W × (1 − (A − T) ÷ T), 0 once A ≥ 2T (national platform).
    #[default]
    Linear,
    /// W × T ÷ A.
    Ratio,
}

impl LowerVariant {
    fn is_default(&self) -> bool {
        *self == LowerVariant::Linear
    }
}

/// How a ratio score came about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Worked {
    /// Target met: W.
    Met {
        weight: Decimal,
        cmp: Comparison,
        target: Shown,
        actual: Shown,
    },
    /// A strict comparison (> or <) and the actual exactly at the target: not met, and the
    /// formula gives the full weight.
    StrictEqual {
        weight: Decimal,
        cmp: Comparison,
        target: Shown,
        actual: Shown,
    },
    /// Higher is better, target not met: W × A ÷ T.
    Short {
        weight: Decimal,
        target: Shown,
        actual: Shown,
        rate: Decimal,
        score: Decimal,
    },
    /// Lower is better, linear: W × (2T − A) ÷ T, floor 0.
    LowerLinear {
        weight: Decimal,
        cmp: Comparison,
        target: Shown,
        actual: Shown,
        score: Decimal,
    },
    /// Lower is better, ratio: W × T ÷ A.
    LowerRatio {
        weight: Decimal,
        cmp: Comparison,
        target: Shown,
        actual: Shown,
        score: Decimal,
    },
    /// The sheet's convention: a percentage actual is the coefficient, W × A (at most W),
    /// whatever the target; `met`, whether the actual still met it.
    ActualAsCoefficient {
        weight: Decimal,
        actual: Shown,
        score: Decimal,
        met: bool,
    },
    /// Target 0 (or below): full marks when the actual is on the right side of it, else 0.
    ZeroTarget {
        weight: Decimal,
        lower: bool,
        target: Shown,
        actual: Shown,
        met: bool,
    },
}

/// What only the ratio rule finds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Finding {
    /// A strict comparison (> or <) and an actual exactly at the target: not met, though the
    /// ratio formula gives the full weight.
    StrictNotExceeded { comparison: &'static str },
}

impl KindFinding for Finding {
    fn code(&self) -> &'static str {
        match self {
            Finding::StrictNotExceeded { .. } => "strict_not_exceeded",
        }
    }

    fn severity(&self) -> Severity {
        Severity::Warning
    }

    fn write(&self, _field: &str, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Finding::StrictNotExceeded { comparison } => write!(
                f,
                "实际完成值等于年度指标值，未满足“{comparison}”（不含等于）：比率法按完成率100%计满分，如应扣分请改用手动评分并写明理由"
            ),
        }
    }
}

type Result<T> = std::result::Result<T, Overflow>;

impl Kind for Ratio {
    const NAME: &'static str = "ratio";
    const LABEL: &'static str = "比率法";
    type Worked = Worked;
    type Finding = Finding;

    /// Each path is a function of its own (`#[inline(never)]`): in the browser, code first
    /// runs in V8's baseline compiler and the functions that run most are recompiled by its
    /// optimizing compiler on the page's other core while the sheet loads; a small function
    /// for the path most leaves take keeps that work small.
    fn score(&self, leaf: &mut Leaf, weight: Option<Decimal>) -> Result<Option<Scored<Worked>>> {
        let target = leaf.required(Field::Target, &leaf.node.target);
        let actual = leaf.required(Field::Actual, &leaf.node.actual);
        let cmp = leaf.comparison(target.as_ref(), Comparison::AtLeast);
        let (Some(w), Some(mut t), Some(mut a), Some(cmp)) = (weight, target, actual, cmp) else {
            return Ok(None);
        };
        leaf.in_percent(&mut t, &mut a)?;
        if !leaf.strictness(&t, &a)
            || !leaf.check_percent(&t, &a)
            || !leaf.check_unit_size(&t, &a, true)
        {
            return Ok(None);
        }
        match cmp {
            Comparison::AtLeast | Comparison::Greater | Comparison::Qualitative => {
                higher(leaf, w, &t, &a, cmp)
            }
            Comparison::Equal if t.value.is_zero() => Ok(Some(zero_target(leaf, w, &t, &a, true))),
            Comparison::Equal => higher(leaf, w, &t, &a, cmp),
            Comparison::AtMost | Comparison::Less => lower(leaf, w, &t, &a, cmp, self.lower),
        }
    }

    fn explain(worked: &Worked, node: &Node) -> Explained {
        let (target, actual) = match worked {
            Worked::Met { target, actual, .. }
            | Worked::StrictEqual { target, actual, .. }
            | Worked::Short { target, actual, .. }
            | Worked::LowerLinear { target, actual, .. }
            | Worked::LowerRatio { target, actual, .. }
            | Worked::ZeroTarget { target, actual, .. } => (Some(*target), *actual),
            Worked::ActualAsCoefficient { actual, .. } => (None, *actual),
        };
        let units = Units {
            target: target.map_or_else(String::new, |t| figure_written(&node.target, node, t)),
            actual: figure_written(&node.actual, node, actual),
        };
        explain(worked, subject(node, "实际完成值"), &units)
    }

    fn raw(worked: &Worked) -> Option<Decimal> {
        let (a, b, c) = match worked {
            Worked::Short {
                weight,
                target,
                actual,
                ..
            } => (*weight, actual.value, target.value),
            Worked::LowerLinear {
                weight,
                target,
                actual,
                ..
            } => {
                let twice = arith::add(target.value, target.value).ok()?;
                (*weight, arith::sub(twice, actual.value).ok()?, target.value)
            }
            Worked::LowerRatio {
                weight,
                target,
                actual,
                ..
            } => (*weight, target.value, actual.value),
            Worked::ActualAsCoefficient { weight, actual, .. } => {
                (*weight, actual.value, Decimal::ONE_HUNDRED)
            }
            _ => return None,
        };
        arith::mul_div(a, b, c).ok()
    }

    fn met(worked: &Worked) -> Option<bool> {
        Some(match worked {
            Worked::Met { .. } => true,
            Worked::ActualAsCoefficient { met, .. } | Worked::ZeroTarget { met, .. } => *met,
            Worked::StrictEqual { .. }
            | Worked::Short { .. }
            | Worked::LowerLinear { .. }
            | Worked::LowerRatio { .. } => false,
        })
    }
}

fn met(
    w: Decimal,
    cmp: Comparison,
    t: &Quantity,
    a: &Quantity,
    rate: Option<Decimal>,
) -> Scored<Worked> {
    Scored {
        score: w,
        rate,
        worked: Worked::Met {
            weight: w,
            cmp,
            target: shown(t),
            actual: shown(a),
        },
    }
}

/// Target 0 or below, where no ratio means anything: met (the actual on the good side of
/// the target, e.g. a growth rate of −6% against ≤ −5%) gives W, else 0.
#[inline(never)]
fn zero_target(
    leaf: &mut Leaf,
    w: Decimal,
    t: &Quantity,
    a: &Quantity,
    lower: bool,
) -> Scored<Worked> {
    leaf.find(Field::Target, Problem::ZeroTarget);
    let met = if lower {
        a.value <= t.value
    } else {
        a.value >= t.value
    };
    Scored {
        score: if met { w } else { Decimal::ZERO },
        rate: None,
        worked: Worked::ZeroTarget {
            weight: w,
            lower,
            target: shown(t),
            actual: shown(a),
            met,
        },
    }
}

/// Higher is better: A ≥ T → W, else W × A ÷ T (never below 0). Rate A ÷ T uncapped.
#[inline(never)]
fn higher(
    leaf: &mut Leaf,
    w: Decimal,
    t: &Quantity,
    a: &Quantity,
    cmp: Comparison,
) -> Result<Option<Scored<Worked>>> {
    if arith::is_not_positive(t.value) {
        return Ok(Some(zero_target(leaf, w, t, a, false)));
    }
    let rate = leaf.rate_of(a.value, t.value)?;
    leaf.check_over_completion(rate);
    if leaf.settings.actual_as_coefficient && a.percent {
        let met = cmp.met(t.value, a.value);
        return actual_as_coefficient(leaf, w, a, rate, met).map(Some);
    }
    if cmp == Comparison::Greater && a.value == t.value {
        return Ok(Some(strict_equal(leaf, w, t, a, cmp, Some(rate))));
    }
    if a.value >= t.value {
        return Ok(Some(met(w, cmp, t, a, Some(rate))));
    }
    let score = leaf.score_at_least_zero(w, a.value, t.value)?;
    Ok(Some(Scored {
        score,
        rate: Some(rate),
        worked: Worked::Short {
            weight: w,
            target: shown(t),
            actual: shown(a),
            rate,
            score,
        },
    }))
}

/// The sheet's convention that a percentage actual is the coefficient: W × A ÷ 100, at most W
/// and never below 0.
#[inline(never)]
fn actual_as_coefficient(
    leaf: &mut Leaf,
    w: Decimal,
    a: &Quantity,
    rate: Decimal,
    met: bool,
) -> Result<Scored<Worked>> {
    let score = if a.value >= Decimal::ONE_HUNDRED {
        leaf.round(w)
    } else {
        leaf.score_at_least_zero(w, a.value, Decimal::ONE_HUNDRED)?
    };
    Ok(Scored {
        score,
        rate: Some(rate),
        worked: Worked::ActualAsCoefficient {
            weight: w,
            actual: shown(a),
            score,
            met,
        },
    })
}

/// A strict comparison (> or <) with the actual exactly at the target: not met, and said
/// so; every ratio formula gives the full weight there (A ÷ T = 1), which is the score.
#[inline(never)]
fn strict_equal(
    leaf: &mut Leaf,
    w: Decimal,
    t: &Quantity,
    a: &Quantity,
    cmp: Comparison,
    rate: Option<Decimal>,
) -> Scored<Worked> {
    leaf.find(
        Field::Actual,
        Problem::Rule(super::RuleFinding::Ratio(Finding::StrictNotExceeded {
            comparison: cmp.symbol(),
        })),
    );
    Scored {
        score: leaf.round(w),
        rate,
        worked: Worked::StrictEqual {
            weight: w,
            cmp,
            target: shown(t),
            actual: shown(a),
        },
    }
}

/// Lower is better: A ≤ T → W; else linear W × (2T − A) ÷ T (0 once A ≥ 2T) or ratio W × T ÷ A.
#[inline(never)]
fn lower(
    leaf: &mut Leaf,
    w: Decimal,
    t: &Quantity,
    a: &Quantity,
    cmp: Comparison,
    variant: LowerVariant,
) -> Result<Option<Scored<Worked>>> {
    if arith::is_not_positive(t.value) {
        if a.value <= t.value {
            return Ok(Some(met(w, cmp, t, a, None)));
        }
        return Ok(Some(zero_target(leaf, w, t, a, true)));
    }
    if cmp == Comparison::Less && a.value == t.value {
        return Ok(Some(strict_equal(leaf, w, t, a, cmp, None)));
    }
    if a.value <= t.value {
        return Ok(Some(met(w, cmp, t, a, None)));
    }
    let (target, actual) = (shown(t), shown(a));
    Ok(Some(match variant {
        LowerVariant::Linear => {
            let room = arith::sub(arith::add(t.value, t.value)?, a.value)?;
            // 0 once A ≥ 2T, the rate as the score: a 完成率 of −33.33% means nothing on a form.
            let rate = leaf.rate_of(room.max(Decimal::ZERO), t.value)?;
            let score = leaf.score_at_least_zero(w, room, t.value)?;
            Scored {
                score,
                rate: Some(rate),
                worked: Worked::LowerLinear {
                    weight: w,
                    cmp,
                    target,
                    actual,
                    score,
                },
            }
        }
        LowerVariant::Ratio => {
            let rate = leaf.rate_of(t.value, a.value)?;
            let score = leaf.score_of(w, t.value, a.value)?;
            Scored {
                score,
                rate: Some(rate),
                worked: Worked::LowerRatio {
                    weight: w,
                    cmp,
                    target,
                    actual,
                    score,
                },
            }
        }
    }))
}

fn is_hundred_percent(s: &Shown) -> bool {
    s.percent && s.value == Decimal::ONE_HUNDRED
}

/// The target and the actual as a derivation's words write them, each in its unit
/// ([`figure_written`]; not in its formula, which is arithmetic).
struct Units {
    target: String,
    actual: String,
}

fn explain(worked: &Worked, subject: &str, units: &Units) -> Explained {
    let (ut, ua) = (&units.target, &units.actual);
    let raw = Ratio::raw(worked);
    match worked {
        Worked::Met {
            weight,
            cmp,
            target: _,
            actual: _,
        } => {
            let verb = if cmp.lower_is_better() {
                "未超过"
            } else {
                "达到"
            };
            Explained::text(format!(
                "{subject}实际完成{ua}，{verb}年度指标值{cmp}{ut}，得满分{}分",
                plain(*weight)
            ))
        }
        Worked::StrictEqual {
            weight,
            cmp,
            target: _,
            actual: _,
        } => Explained::text(format!(
            "{subject}实际完成{ua}，等于年度指标值，未满足“{cmp}{ut}”（不含等于）；按比率计算完成率100%，得{}分",
            plain(*weight)
        )),
        Worked::Short {
            weight,
            target,
            actual,
            rate,
            score,
        } => {
            let text = if is_hundred_percent(target) {
                format!("{subject}为{ua}，未达100%，计算得{}分", plain(*score))
            } else {
                format!(
                    "{subject}实际完成{ua}，年度指标值{ut}，完成率{}，计算得{}分",
                    pct(*rate),
                    plain(*score)
                )
            };
            let formula = format!(
                "{}×{}÷{}{}",
                plain(*weight),
                plain(actual.value),
                plain(target.value),
                result(raw, *score)
            );
            Explained {
                text,
                formula: Some(formula),
            }
        }
        Worked::LowerLinear {
            weight,
            cmp,
            target,
            actual,
            score,
        } => {
            let text = if score.is_zero() {
                format!("{subject}实际完成{ua}，超过年度指标值{cmp}{ut}一倍及以上，得0分")
            } else {
                format!(
                    "{subject}实际完成{ua}，超过年度指标值{cmp}{ut}，按超出比例扣减，计算得{}分",
                    plain(*score)
                )
            };
            let formula = format!(
                "{}×(2×{}−{})÷{}{}",
                plain(*weight),
                plain(target.value),
                plain(actual.value),
                plain(target.value),
                result(raw, *score)
            );
            Explained {
                text,
                formula: Some(formula),
            }
        }
        Worked::LowerRatio {
            weight,
            cmp,
            target,
            actual,
            score,
        } => Explained {
            text: format!(
                "{subject}实际完成{ua}，超过年度指标值{cmp}{ut}，按指标值与实际值之比计算得{}分",
                plain(*score)
            ),
            formula: Some(format!(
                "{}×{}÷{}{}",
                plain(*weight),
                plain(target.value),
                plain(actual.value),
                result(raw, *score)
            )),
        },
        Worked::ActualAsCoefficient {
            weight,
            actual,
            score,
            ..
        } => Explained {
            text: format!(
                "{subject}实际完成{ua}，按本表约定以实际完成值为得分系数（不论指标值），计算得{}分",
                plain(*score)
            ),
            formula: Some(format!(
                "{}×{}{}",
                plain(*weight),
                actual,
                if raw.is_some_and(|r| r > *weight) {
                    format!("，超过分值按{}分计", plain(*weight))
                } else {
                    result(raw, *score)
                }
            )),
        },
        Worked::ZeroTarget {
            weight,
            lower,
            target: _,
            actual: _,
            met,
        } => Explained::text(if *met {
            let side = if *lower { "未超过" } else { "不低于" };
            format!(
                "年度指标值为{ut}，实际完成{ua}，{side}{ut}，得满分{}分",
                plain(*weight)
            )
        } else {
            format!("年度指标值为{ut}，实际完成{ua}，未达到要求，得0分")
        }),
    }
}
