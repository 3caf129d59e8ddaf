//! The 比较方式 column of an indicator table: ≥ > = ≤ < or 定性.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::fmt;

/// How the actual value is compared with the target (比较方式).
///
/// In files it is written as the symbol users see in the printed forms; the ASCII spellings
/// people paste (`>=`, `<=`), and `《=` and `》=` as a Chinese input method types ≤ and ≥, are
/// accepted on load.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Comparison {
    /// ≥: higher is better, meeting the target is enough.
    #[serde(rename = "≥", alias = ">=", alias = "≧", alias = "》=")]
    AtLeast,
    /// >: higher is better (scored like ≥).
    #[serde(rename = ">", alias = "＞", alias = "》")]
    Greater,
    /// =: the target itself.
    #[serde(rename = "=", alias = "＝")]
    Equal,
    /// ≤: lower is better.
    #[serde(rename = "≤", alias = "<=", alias = "≦", alias = "《=")]
    AtMost,
    /// <: lower is better (scored like ≤).
    #[serde(rename = "<", alias = "＜", alias = "《")]
    Less,
    /// 定性: judged by level (达成 / 部分达成 / 未达成), not by a number.
    #[serde(rename = "定性")]
    Qualitative,
}

impl Comparison {
    pub const ALL: [Comparison; 6] = [
        Comparison::AtLeast,
        Comparison::Greater,
        Comparison::Equal,
        Comparison::AtMost,
        Comparison::Less,
        Comparison::Qualitative,
    ];

    /// The symbol as printed in the forms.
    pub fn symbol(self) -> &'static str {
        match self {
            Comparison::AtLeast => "≥",
            Comparison::Greater => ">",
            Comparison::Equal => "=",
            Comparison::AtMost => "≤",
            Comparison::Less => "<",
            Comparison::Qualitative => "定性",
        }
    }

    /// The comparison printed as `symbol` (what [`Comparison::symbol`] gives), and nothing else.
    pub fn from_symbol(symbol: &str) -> Option<Comparison> {
        Some(match symbol {
            "≥" => Comparison::AtLeast,
            ">" => Comparison::Greater,
            "=" => Comparison::Equal,
            "≤" => Comparison::AtMost,
            "<" => Comparison::Less,
            "定性" => Comparison::Qualitative,
            _ => return None,
        })
    }

    /// Reads a symbol or a Chinese comparison word as typed in the 比较方式 column: 定性, or any
    /// word a cell reads before its number (`不超100人` is ≤), from the cell reader's one list.
    pub fn parse(text: &str) -> Option<Comparison> {
        match text.trim() {
            "定性" => Some(Comparison::Qualitative),
            word => crate::cell::comparison_word(word),
        }
    }

    /// Lower actual values are better: ≤ and < (and = against a target of 0, which
    /// [`Comparison::lower_is_better_against`] knows).
    pub fn lower_is_better(self) -> bool {
        matches!(self, Comparison::AtMost | Comparison::Less)
    }

    /// Whether lower actual values are better against `target`: ≤ and <, and = against a
    /// target of 0, which only an actual of 0 or less meets (DOMAIN.md §4, as the national
    /// platform scores 等于 0: 安全事故 = 0起); = against any other target reads as ≥.
    pub fn lower_is_better_against(self, target: Decimal) -> bool {
        self.lower_is_better() || self == Comparison::Equal && target.is_zero()
    }

    /// Whether `actual` meets `target` as this comparison reads them, exactly: > and < not at
    /// the target itself, ≤ (and = against 0) from below, = otherwise (and 定性) as ≥.
    pub fn met(self, target: Decimal, actual: Decimal) -> bool {
        match self {
            Comparison::Greater => actual > target,
            Comparison::Less => actual < target,
            _ if self.lower_is_better_against(target) => actual <= target,
            _ => actual >= target,
        }
    }
}

impl fmt::Display for Comparison {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.symbol())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_symbols_and_words() {
        for (text, expected) in [
            ("≥", Comparison::AtLeast),
            (">=", Comparison::AtLeast),
            (" 不低于 ", Comparison::AtLeast),
            (">", Comparison::Greater),
            ("=", Comparison::Equal),
            ("≤", Comparison::AtMost),
            ("不超过", Comparison::AtMost),
            ("<", Comparison::Less),
            ("低于", Comparison::Less),
            ("定性", Comparison::Qualitative),
            // As a Chinese input method types < and >.
            ("《=", Comparison::AtMost),
            ("《＝", Comparison::AtMost),
            ("》=", Comparison::AtLeast),
            ("《", Comparison::Less),
            ("》", Comparison::Greater),
        ] {
            assert_eq!(Comparison::parse(text), Some(expected), "{text}");
        }
        assert_eq!(Comparison::parse("约"), None);
    }

    /// The column reads the words a target cell reads before its number (`不超100人` is ≤),
    /// those that compare only there and those only after it (95%以上) too.
    #[test]
    fn parses_the_words_a_cell_reads() {
        for (text, expected) in [
            ("不超", Comparison::AtMost),
            ("未超", Comparison::AtMost),
            ("未超过", Comparison::AtMost),
            ("至多", Comparison::AtMost),
            ("最多", Comparison::AtMost),
            ("不多于", Comparison::AtMost),
            ("以内", Comparison::AtMost),
            ("及以下", Comparison::AtMost),
            ("至少", Comparison::AtLeast),
            ("最少", Comparison::AtLeast),
            ("及以上", Comparison::AtLeast),
            ("大于或等于", Comparison::AtLeast),
            ("多于", Comparison::Greater),
            ("不足", Comparison::Less),
            ("少于", Comparison::Less),
            ("=<", Comparison::AtMost),
            ("＜＝", Comparison::AtMost),
            ("　不超　", Comparison::AtMost),
        ] {
            assert_eq!(Comparison::parse(text), Some(expected), "{text}");
        }
        for other in ["不超100人", "超", "以", "《》", "定 性"] {
            assert_eq!(Comparison::parse(other), None, "{other}");
        }
    }

    #[test]
    fn equal_to_zero_is_met_from_below_and_otherwise_as_at_least() {
        let met = |t: &str, a: &str| Comparison::Equal.met(t.parse().unwrap(), a.parse().unwrap());
        assert!(met("0", "0"));
        assert!(met("0", "-1"));
        assert!(!met("0", "2")); // 安全事故 = 0起, 2起: was met
        assert!(!met("0.00", "0.01"));
        assert!(met("100", "120"));
        assert!(!met("100", "80"));
        assert!(met("-5", "-4")); // = against another target: as ≥
        assert!(Comparison::Equal.lower_is_better_against(Decimal::ZERO));
        assert!(!Comparison::Equal.lower_is_better_against(Decimal::ONE_HUNDRED));
    }

    #[test]
    fn a_symbol_reads_back_as_its_comparison() {
        for c in Comparison::ALL {
            assert_eq!(Comparison::from_symbol(c.symbol()), Some(c));
        }
        for other in [">=", "≧", "不低于", "", " ≥"] {
            assert_eq!(Comparison::from_symbol(other), None, "{other}");
        }
    }

    #[test]
    fn serde_uses_the_printed_symbols() {
        let json = serde_json::to_string(&Comparison::AtMost).unwrap();
        assert_eq!(json, "\"≤\"");
        let back: Comparison = serde_json::from_str("\"<=\"").unwrap();
        assert_eq!(back, Comparison::AtMost);
        let back: Comparison = serde_json::from_str("\"《=\"").unwrap();
        assert_eq!(back, Comparison::AtMost);
        let back: Comparison = serde_json::from_str("\"》=\"").unwrap();
        assert_eq!(back, Comparison::AtLeast);
    }
}
