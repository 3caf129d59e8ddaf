//! How a score came about, kept as numbers while evaluating and put into words only when shown,
//! the way section 二 of seed 003 writes them ("预算完成率为93.66%，未达100%，计算得1.87分").
//! Each rule kind words its own ([`crate::rules`]); here are the parts they share.

use crate::arith::{amount, fixed, percent, plain};
use crate::model::Node;
use crate::rules::Worked;
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
    /// Scored by its rule, which words it.
    Rule(Worked),
}

/// A derivation in words, and the arithmetic behind it where there is any.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Explained {
    pub text: String,
    pub formula: Option<String>,
}

impl Explained {
    /// Words without arithmetic.
    pub(crate) fn text(text: String) -> Explained {
        Explained {
            text,
            formula: None,
        }
    }
}

impl Derivation {
    /// The score before rounding, where the rule divides (W × A ÷ T and the like), to 28
    /// digits. Worked out when shown, not kept: the score itself is rounded exactly from the
    /// same numbers ([`crate::arith::mul_div_round`]), which spares a large sheet's first load
    /// a long division per leaf. `None` for a rule without one, or past exact arithmetic.
    pub fn raw(&self) -> Option<Decimal> {
        match self {
            Derivation::Rule(worked) => worked.raw(),
            _ => None,
        }
    }

    /// Puts the derivation into words. `node` gives the indicator's name and reason.
    pub fn explain(&self, node: &Node) -> Explained {
        match self {
            Derivation::NotApplicable => Explained::text("不适用，不参与计分".to_string()),
            Derivation::Unscored => Explained::text("未计分：请按提示补充或更正".to_string()),
            Derivation::Rule(worked) => worked.explain(node),
        }
    }
}

/// What a derivation calls the indicator: its name, or `otherwise` when it has none.
pub(crate) fn subject<'a>(node: &'a Node, otherwise: &'a str) -> &'a str {
    let name = node.name.trim();
    if name.is_empty() {
        otherwise
    } else {
        name
    }
}

/// The end of a formula: the exact result, and the rounded score when rounding changed it
/// ("=1.959→1.96", "≈1.8732→1.87", "=1.92").
pub(crate) fn result(raw: Option<Decimal>, score: Decimal) -> String {
    // Past exact decimal arithmetic (some 7.9 × 10²⁸ along the way) only the score is shown.
    let Some(raw) = raw else {
        return format!("→{}", plain(score));
    };
    result_written(raw, score, &plain(score))
}

/// [`result`] with the rounded figure written as the caller writes it (a total with the
/// sheet's places, "=78.775→78.78", "=80.00").
pub(crate) fn result_written(raw: Decimal, rounded: Decimal, written: &str) -> String {
    let v = raw.normalize();
    if v == rounded.normalize() {
        return format!("={written}");
    }
    let exact = if v.scale() <= 4 {
        format!("={}", plain(v))
    } else {
        format!("≈{}", fixed(v, 4))
    };
    format!("{exact}→{written}")
}

/// A rate as the derivations write it: two places, or fewer where the sheet rounds rates to
/// fewer (a rate leaves the rules already rounded to the sheet's places).
pub(crate) fn pct(rate: Decimal) -> String {
    percent(rate, rate.scale().min(2))
}

/// Points given or typed with more places than the sheet's scores, and the score they round
/// to: "，取整为5分", "，保留2位小数为20.00分"; nothing when rounding left them as they were.
/// (The score is already rounded, so its places are the sheet's.)
pub(crate) fn rounded_to(points: Decimal, score: Decimal) -> String {
    match score.scale() {
        _ if score == points => String::new(),
        0 => format!("，取整为{}分", plain(score)),
        places => format!("，保留{places}位小数为{}分", fixed(score, places)),
    }
}

/// "，不低于0分" after a deduction that went below zero.
pub(crate) fn floor_note(left: Decimal) -> &'static str {
    if crate::arith::is_negative(left) {
        "，不低于0分"
    } else {
        ""
    }
}
