//! The sheet's settings, read once into numbers the engine can use.

use crate::arith;
use crate::cell::parse_number;
use crate::diagnostic::{Diagnostic, Location, Problem, SettingField};
use crate::model::{default_grade_bands, GradeBand, Settings};
use rust_decimal::Decimal;

/// Largest number of decimal places accepted for scores and rates.
pub const MAX_DECIMALS: u32 = 6;

/// Settings as numbers. An unreadable setting falls back to its default, with a diagnostic.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Resolved {
    pub total_weight: Decimal,
    /// (grade, min), highest min first.
    pub grade_bands: Vec<(String, Decimal)>,
    pub score_decimals: u32,
    pub rate_decimals: u32,
    /// Percent, e.g. 120.
    pub over_completion: Decimal,
}

impl Resolved {
    pub fn read(settings: &Settings) -> (Resolved, Vec<Diagnostic>) {
        let mut diagnostics = Vec::new();
        let mut number = |text: &str, field: SettingField, default: Decimal| -> Decimal {
            match parse_number(text) {
                Ok(Some(q)) if q.value >= Decimal::ZERO => q.value,
                _ => {
                    diagnostics.push(Diagnostic::new(
                        Location::Setting { field },
                        Problem::BadSetting,
                    ));
                    default
                }
            }
        };
        let total_weight = number(
            &settings.total_weight,
            SettingField::TotalWeight,
            Decimal::ONE_HUNDRED,
        );
        let over_completion = number(
            &settings.over_completion,
            SettingField::OverCompletion,
            Decimal::from(120),
        );
        let grade_bands = match read_bands(&settings.grade_bands) {
            Some(bands) => bands,
            None => {
                diagnostics.push(Diagnostic::new(
                    Location::Setting {
                        field: SettingField::GradeBands,
                    },
                    Problem::BadGradeBands,
                ));
                read_bands(&default_grade_bands()).expect("default bands are valid")
            }
        };
        let mut decimals = |n: u32| {
            if n > MAX_DECIMALS {
                diagnostics.push(Diagnostic::new(
                    Location::Setting {
                        field: SettingField::Decimals,
                    },
                    Problem::BadSetting,
                ));
                2
            } else {
                n
            }
        };
        let score_decimals = decimals(settings.score_decimals);
        let rate_decimals = decimals(settings.rate_decimals);
        (
            Resolved {
                total_weight,
                grade_bands,
                score_decimals,
                rate_decimals,
                over_completion,
            },
            diagnostics,
        )
    }

    /// The grade of a (rounded) total: the first band, from the top, whose minimum it reaches;
    /// below every minimum (a penalty can take a total under 0) it is the lowest band.
    pub fn grade(&self, total: Decimal) -> &str {
        self.grade_bands
            .iter()
            .find(|(_, min)| total >= *min)
            .or(self.grade_bands.last())
            .map(|(g, _)| g.as_str())
            .unwrap_or("")
    }

    pub fn round_score(&self, value: Decimal) -> Decimal {
        arith::round(value, self.score_decimals)
    }

    pub fn round_rate(&self, value: Decimal) -> Decimal {
        arith::round(value, self.rate_decimals)
    }
}

impl Default for Resolved {
    fn default() -> Resolved {
        Resolved::read(&Settings::default()).0
    }
}

/// Bands must each have a name and a readable minimum; they are sorted highest first.
fn read_bands(bands: &[GradeBand]) -> Option<Vec<(String, Decimal)>> {
    if bands.is_empty() {
        return None;
    }
    let mut out = Vec::with_capacity(bands.len());
    for band in bands {
        let min = parse_number(&band.min).ok()??.value;
        if band.grade.trim().is_empty() {
            return None;
        }
        out.push((band.grade.trim().to_string(), min));
    }
    out.sort_by_key(|band| std::cmp::Reverse(band.1));
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn grade_edges_are_half_open() {
        let s = Resolved::default();
        for (total, grade) in [
            ("89.99", "良"),
            ("90.00", "优"),
            ("100", "优"),
            ("104.5", "优"),
            ("80", "良"),
            ("79.99", "中"),
            ("60", "中"),
            ("59.99", "差"),
            ("0", "差"),
            ("-3", "差"),
        ] {
            assert_eq!(s.grade(Decimal::from_str(total).unwrap()), grade, "{total}");
        }
    }

    #[test]
    fn local_bands_and_bad_bands() {
        let mut settings = Settings {
            grade_bands: vec![
                GradeBand {
                    grade: "合格".into(),
                    min: "60".into(),
                },
                GradeBand {
                    grade: "优秀".into(),
                    min: "85".into(),
                },
                GradeBand {
                    grade: "不合格".into(),
                    min: "0".into(),
                },
            ],
            ..Settings::default()
        };
        let (s, d) = Resolved::read(&settings);
        assert!(d.is_empty());
        assert_eq!(s.grade(Decimal::from(85)), "优秀");
        assert_eq!(s.grade(Decimal::from(84)), "合格");
        settings.grade_bands[0].min = "及格线".into();
        let (s, d) = Resolved::read(&settings);
        assert_eq!(d.len(), 1);
        assert_eq!(
            s.grade(Decimal::from(90)),
            "优",
            "falls back to the defaults"
        );
    }
}
