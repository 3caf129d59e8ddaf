//! The sheet's settings, read once into numbers the engine can use.

use crate::arith;
use crate::arith::Rounding;
use crate::cell::parse_number;
use crate::diagnostic::{Diagnostic, Location, Problem, SettingField};
use crate::model::{default_grade_bands, default_qualitative_bands, GradeBand, Settings};
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
    pub score_rounding: Rounding,
    pub rate_rounding: Rounding,
    /// Percent, e.g. 120.
    pub over_completion: Decimal,
    /// The lower edges of 达成 and 部分达成 as fractions of the weight (0.8, 0.6).
    pub qualitative_floors: (Decimal, Decimal),
    pub budget_uncapped: bool,
    pub actual_as_coefficient: bool,
    /// Hint codes switched off.
    pub hints_off: Vec<String>,
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
        let qualitative_floors = read_floors(&settings.qualitative_bands).unwrap_or_else(|| {
            diagnostics.push(Diagnostic::new(
                Location::Setting {
                    field: SettingField::QualitativeBands,
                },
                Problem::BadSetting,
            ));
            read_floors(&default_qualitative_bands()).expect("default bands are valid")
        });
        (
            Resolved {
                total_weight,
                grade_bands,
                score_decimals,
                rate_decimals,
                score_rounding: settings.score_rounding,
                rate_rounding: settings.rate_rounding,
                over_completion,
                qualitative_floors,
                budget_uncapped: settings.budget_uncapped,
                actual_as_coefficient: settings.actual_as_coefficient,
                hints_off: settings.hints_off.clone(),
            },
            diagnostics,
        )
    }

    /// Whether a finding is shown: every one but a hint this sheet switched off.
    pub fn shows(&self, problem: &crate::diagnostic::Problem) -> bool {
        problem.severity() != crate::diagnostic::Severity::Hint
            || !self.hints_off.iter().any(|c| c == problem.code())
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
        arith::round_with(value, self.score_decimals, self.score_rounding)
    }

    pub fn round_rate(&self, value: Decimal) -> Decimal {
        arith::round_with(value, self.rate_decimals, self.rate_rounding)
    }

    /// How this sheet's scores and rates are rounded, in words, where it is not the national
    /// 四舍五入 to two places; a derivation it changes says so.
    pub fn rounding_words(&self) -> Option<String> {
        let mut parts = Vec::new();
        let places = |mode: Rounding, dp: u32| match dp {
            0 => format!("{}取整", mode.label()),
            _ => format!("{}保留{dp}位小数", mode.label()),
        };
        if self.rate_rounding != Rounding::HalfUp || self.rate_decimals != 2 {
            parts.push(format!(
                "完成率{}",
                places(self.rate_rounding, self.rate_decimals)
            ));
        }
        if self.score_rounding != Rounding::HalfUp || self.score_decimals != 2 {
            parts.push(format!(
                "得分{}",
                places(self.score_rounding, self.score_decimals)
            ));
        }
        (!parts.is_empty()).then(|| format!("本表约定：{}", parts.join("，")))
    }
}

impl Default for Resolved {
    fn default() -> Resolved {
        Resolved::read(&Settings::default()).0
    }
}

/// Two shares of the weight, 达成's above 部分达成's, both in (0, 100%]: as fractions.
fn read_floors(bands: &[String]) -> Option<(Decimal, Decimal)> {
    let [met, partly] = bands else {
        return None;
    };
    let share = |text: &str| match parse_number(text) {
        Ok(Some(q)) if q.percent => Some(q.value / Decimal::ONE_HUNDRED),
        Ok(Some(q)) if q.value <= Decimal::ONE => Some(q.value),
        _ => None,
    };
    let (met, partly) = (share(met)?, share(partly)?);
    (Decimal::ZERO < partly && partly < met && met <= Decimal::ONE).then_some((met, partly))
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
