//! How a score came about, kept as numbers while evaluating and put into words only when shown,
//! the way section 二 of seed 003 writes them ("预算完成率为93.66%，未达100%，计算得1.87分").

use crate::arith::{self, amount, plain};
use crate::comparison::Comparison;
use crate::model::{Level, Node};
use rust_decimal::Decimal;

/// A number as it was written: its digits, and whether it was a percentage.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shown {
    pub value: Decimal,
    pub percent: bool,
}

impl std::fmt::Display for Shown {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.percent {
            write!(f, "{}%", self.value)
        } else if self.value.abs() >= Decimal::from(10_000) {
            f.write_str(&amount(self.value, self.value.scale()))
        } else {
            write!(f, "{}", self.value)
        }
    }
}

/// The structured derivation of a leaf's score.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Derivation {
    NotApplicable,
    /// No score: a needed cell is missing or unreadable (the diagnostics say which).
    Unscored,
    /// Ratio rule, target met.
    Met {
        weight: Decimal,
        cmp: Comparison,
        target: Shown,
        actual: Shown,
    },
    /// Ratio rule, a strict comparison (> or <) and the actual exactly at the target: not met,
    /// and the formula gives the full weight.
    StrictEqual {
        weight: Decimal,
        cmp: Comparison,
        target: Shown,
        actual: Shown,
    },
    /// Ratio rule, higher is better, target not met: W × A ÷ T.
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
    /// Target 0 (or below): full marks when the actual is on the right side of it, else 0.
    ZeroTarget {
        weight: Decimal,
        lower: bool,
        target: Shown,
        actual: Shown,
        met: bool,
    },
    /// 预算执行率 = 执行数 ÷ 预算数, score W × rate capped at W.
    Budget {
        weight: Decimal,
        budget: Shown,
        spent: Shown,
        rate: Decimal,
        score: Decimal,
    },
    /// Step deduction.
    Step {
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
    },
    /// Interval table: the band the value fell in.
    Interval {
        value: Shown,
        min: Option<Shown>,
        max: Option<Shown>,
        points: Decimal,
    },
    /// Interval table: the value fell in no band.
    NoBand {
        value: Shown,
    },
    /// Per-occurrence deduction.
    Occurrences {
        weight: Decimal,
        count: Decimal,
        points: Decimal,
        /// W − points × count, before the floor at 0.
        left: Decimal,
        score: Decimal,
    },
    Qualitative {
        level: Option<Level>,
        low: Decimal,
        high: Decimal,
        score: Decimal,
    },
    YesNo {
        met: bool,
        weight: Decimal,
    },
    Manual {
        score: Decimal,
    },
    Adjustment {
        value: Decimal,
        bound: Decimal,
    },
}

/// A derivation in words, and the arithmetic behind it where there is any.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Explained {
    pub text: String,
    pub formula: Option<String>,
}

/// The end of a formula: the exact result, and the rounded score when rounding changed it
/// ("=1.959→1.96", "≈1.8732→1.87", "=1.92").
fn result(raw: Option<Decimal>, score: Decimal) -> String {
    // Past exact decimal arithmetic (some 7.9 × 10²⁸ along the way) only the score is shown.
    let Some(raw) = raw else {
        return format!("→{}", plain(score));
    };
    let v = raw.normalize();
    let exact = if v.scale() <= 4 {
        format!("={}", plain(v))
    } else {
        format!("≈{}", crate::arith::fixed(v, 4))
    };
    if v == score.normalize() {
        exact
    } else {
        format!("{exact}→{}", plain(score))
    }
}

fn pct(rate: Decimal) -> String {
    crate::arith::percent(rate, 2)
}

fn is_hundred_percent(s: &Shown) -> bool {
    s.percent && s.value == Decimal::ONE_HUNDRED
}

impl Derivation {
    /// The score before rounding, where the rule divides (W × A ÷ T and the like), to 28
    /// digits. Worked out when shown, not kept: the score itself is rounded exactly from the
    /// same numbers ([`arith::mul_div_round`]), which spares a large sheet's first load a long
    /// division per leaf. `None` for a rule without one, or past exact decimal arithmetic.
    pub fn raw(&self) -> Option<Decimal> {
        let (a, b, c) = match self {
            Derivation::Short {
                weight,
                target,
                actual,
                ..
            } => (*weight, actual.value, target.value),
            Derivation::LowerLinear {
                weight,
                target,
                actual,
                ..
            } => {
                let twice = arith::add(target.value, target.value).ok()?;
                (*weight, arith::sub(twice, actual.value).ok()?, target.value)
            }
            Derivation::LowerRatio {
                weight,
                target,
                actual,
                ..
            } => (*weight, target.value, actual.value),
            Derivation::Budget {
                weight,
                budget,
                spent,
                ..
            } => (*weight, spent.value, budget.value),
            _ => return None,
        };
        arith::mul_div(a, b, c).ok()
    }

    /// Puts the derivation into words. `node` gives the indicator's name and reason.
    pub fn explain(&self, node: &Node) -> Explained {
        let name = node.name.trim();
        let subject = if name.is_empty() {
            "实际完成值"
        } else {
            name
        };
        let (text, formula) = match self {
            Derivation::NotApplicable => ("不适用，不参与计分".to_string(), None),
            Derivation::Unscored => ("未计分：请按提示补充或更正".to_string(), None),
            Derivation::Met {
                weight,
                cmp,
                target,
                actual,
            } => {
                let verb = if cmp.lower_is_better() {
                    "未超过"
                } else {
                    "达到"
                };
                (
                    format!(
                        "{subject}实际完成{actual}，{verb}年度指标值{cmp}{target}，得满分{}分",
                        plain(*weight)
                    ),
                    None,
                )
            }
            Derivation::StrictEqual {
                weight,
                cmp,
                target,
                actual,
            } => (
                format!(
                    "{subject}实际完成{actual}，等于年度指标值，未满足“{cmp}{target}”（不含等于）；按比率计算完成率100%，得{}分",
                    plain(*weight)
                ),
                None,
            ),
            Derivation::Short {
                weight,
                target,
                actual,
                rate,
                score,
            } => {
                let r = self.raw();
                let text = if is_hundred_percent(target) {
                    format!("{subject}为{actual}，未达100%，计算得{}分", plain(*score))
                } else {
                    format!(
                        "{subject}实际完成{actual}，年度指标值{target}，完成率{}，计算得{}分",
                        pct(*rate),
                        plain(*score)
                    )
                };
                let formula = format!(
                    "{}×{}÷{}{}",
                    plain(*weight),
                    plain(actual.value),
                    plain(target.value),
                    result(r, *score)
                );
                (text, Some(formula))
            }
            Derivation::LowerLinear {
                weight,
                cmp,
                target,
                actual,
                score,
            } => {
                let r = self.raw();
                let text = if score.is_zero() {
                    format!("{subject}实际完成{actual}，超过年度指标值{cmp}{target}一倍及以上，得0分")
                } else {
                    format!(
                        "{subject}实际完成{actual}，超过年度指标值{cmp}{target}，按超出比例扣减，计算得{}分",
                        plain(*score)
                    )
                };
                let formula = format!(
                    "{}×(2×{}−{})÷{}{}",
                    plain(*weight),
                    plain(target.value),
                    plain(actual.value),
                    plain(target.value),
                    result(r, *score)
                );
                (text, Some(formula))
            }
            Derivation::LowerRatio {
                weight,
                cmp,
                target,
                actual,
                score,
            } => (
                format!(
                    "{subject}实际完成{actual}，超过年度指标值{cmp}{target}，按指标值与实际值之比计算得{}分",
                    plain(*score)
                ),
                Some(format!(
                    "{}×{}÷{}{}",
                    plain(*weight),
                    plain(target.value),
                    plain(actual.value),
                    result(self.raw(), *score)
                )),
            ),
            Derivation::ZeroTarget {
                weight,
                lower,
                target,
                actual,
                met,
            } => {
                let text = if *met {
                    let side = if *lower { "未超过" } else { "不低于" };
                    format!(
                        "年度指标值为{target}，实际完成{actual}，{side}{target}，得满分{}分",
                        plain(*weight)
                    )
                } else {
                    format!("年度指标值为{target}，实际完成{actual}，未达到要求，得0分")
                };
                (text, None)
            }
            Derivation::Budget {
                weight,
                budget,
                spent,
                rate,
                score,
            } => {
                let r = self.raw();
                let subject = if name.is_empty() { "预算执行率" } else { name };
                let text = if score == weight {
                    format!(
                        "{subject}为{}，达到100%，得满分{}分",
                        pct(*rate),
                        plain(*weight)
                    )
                } else {
                    format!(
                        "{subject}为{}，未达100%，计算得{}分",
                        pct(*rate),
                        plain(*score)
                    )
                };
                let capped = if r.is_some_and(|r| r > *weight) {
                    format!("，超过分值按{}分计", plain(*weight))
                } else {
                    String::new()
                };
                let formula = format!(
                    "执行数{spent}÷预算数{budget}={}；{}×{}÷{}{}{capped}",
                    pct(*rate),
                    plain(*weight),
                    plain(spent.value),
                    plain(budget.value),
                    if capped.is_empty() {
                        result(r, *score)
                    } else {
                        result(r, r.unwrap_or(*weight))
                    }
                );
                (text, Some(formula))
            }
            Derivation::Step {
                weight,
                actual,
                threshold,
                step,
                points,
                inclusive,
                increase_is_bad,
                steps,
                left,
                score,
            } => {
                let direction = if *increase_is_bad { "增加" } else { "减少" };
                let incl = if *inclusive { "（含）" } else { "" };
                let from = if threshold.value.is_zero() {
                    String::new()
                } else {
                    format!("自{threshold}起，")
                };
                let text = if steps.is_zero() {
                    format!(
                        "{subject}为{actual}，未达到扣分标准，得满分{}分",
                        plain(*weight)
                    )
                } else {
                    format!(
                        "{subject}为{actual}，{from}每{direction}{step}{incl}扣减{}分，计算得{}分",
                        plain(*points),
                        plain(*score)
                    )
                };
                let formula = format!(
                    "{}−{}×{}={}{}",
                    plain(*weight),
                    plain(*steps),
                    plain(*points),
                    plain(*left),
                    if arith::is_negative(*left) {
                        "，不低于0分"
                    } else {
                        ""
                    }
                );
                (text, Some(formula))
            }
            Derivation::Interval {
                value,
                min,
                max,
                points,
            } => {
                let band = match (min, max) {
                    (Some(lo), Some(hi)) => format!("{lo}（含）至{hi}"),
                    (Some(lo), None) => format!("{lo}及以上"),
                    (None, Some(hi)) => format!("{hi}以下"),
                    (None, None) => "任意值".to_string(),
                };
                (
                    format!("{subject}为{value}，在“{band}”一档，得{}分", plain(*points)),
                    None,
                )
            }
            Derivation::NoBand { value } => (
                format!("{subject}为{value}，不在区间表任何一档，得0分"),
                None,
            ),
            Derivation::Occurrences {
                weight,
                count,
                points,
                left,
                score,
            } => {
                if count.is_zero() {
                    (
                        format!("未发现扣分情形，得满分{}分", plain(*weight)),
                        None,
                    )
                } else {
                    (
                        format!(
                            "发现{}次，每次扣{}分，得{}分",
                            plain(*count),
                            plain(*points),
                            plain(*score)
                        ),
                        Some(format!(
                            "{}−{}×{}={}{}",
                            plain(*weight),
                            plain(*points),
                            plain(*count),
                            plain(*left),
                            if arith::is_negative(*left) {
                                "，不低于0分"
                            } else {
                                ""
                            }
                        )),
                    )
                }
            }
            Derivation::Qualitative {
                level,
                low,
                high,
                score,
            } => {
                let text = match level {
                    Some(level) => format!(
                        "定性评价为“{}”（{}–{}分），评定得{}分",
                        level.label(),
                        plain(*low),
                        plain(*high),
                        plain(*score)
                    ),
                    None => format!("定性评价，评定得{}分", plain(*score)),
                };
                (text, None)
            }
            Derivation::YesNo { met, weight } => {
                let text = if *met {
                    format!("已达成，得满分{}分", plain(*weight))
                } else {
                    "未达成，得0分".to_string()
                };
                (text, None)
            }
            Derivation::Manual { score } => {
                let reason = node.reason.trim();
                let text = if reason.is_empty() {
                    format!("手动评分，得{}分", plain(*score))
                } else {
                    format!("手动评分，得{}分（{reason}）", plain(*score))
                };
                (text, None)
            }
            Derivation::Adjustment { value, bound } => {
                let text = if value.is_zero() {
                    "无加分项，无减分项，得0分".to_string()
                } else if value.is_sign_positive() {
                    format!("加{}分（上限{}分）", plain(*value), plain(*bound))
                } else {
                    format!("扣{}分（上限{}分）", plain(value.abs()), plain(*bound))
                };
                (text, None)
            }
        };
        Explained { text, formula }
    }
}
