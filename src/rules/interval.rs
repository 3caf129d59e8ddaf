//! 区间计分 (DOMAIN.md §4): a table of bands; the band the value falls in gives the points.
//! The value is the actual itself (满意度 92%) or the completion rate A ÷ T in percent.

use super::leaf::{chosen_comparison, shown, unit_written, Leaf};
use super::{Kind, KindFinding, RuleFinding, Scored};
use crate::arith::{self, plain, Overflow};
use crate::cell::{parse_cell, Cell, Quantity};
use crate::derivation::{rounded_to, subject, Explained, Shown};
use crate::diagnostic::{Field, Problem, Severity};
use crate::model::{Node, Text};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Interval {
    #[serde(default, skip_serializing_if = "IntervalBasis::is_default")]
    pub basis: IntervalBasis,
    pub bands: Vec<Band>,
}

/// What an interval table is applied to.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IntervalBasis {
    /// The actual value itself (e.g. 满意度 92%).
    #[default]
    Actual,
    /// The completion rate, actual ÷ target, in percent.
    Rate,
}

impl IntervalBasis {
    fn is_default(&self) -> bool {
        *self == IntervalBasis::Actual
    }
}

/// One band of an interval table: values in [min, max) get `points`; an empty bound is open.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Band {
    #[serde(
        default,
        skip_serializing_if = "Text::is_empty",
        deserialize_with = "crate::model::text"
    )]
    pub min: Text,
    #[serde(
        default,
        skip_serializing_if = "Text::is_empty",
        deserialize_with = "crate::model::text"
    )]
    pub max: Text,
    #[serde(deserialize_with = "crate::model::text")]
    pub points: Text,
}

/// How an interval score came about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Worked {
    /// The band the value fell in, and its points as the score's places write them; `met`,
    /// whether the actual reached the target (a rate of 100.00% may be 99.996 of 100; 94.999%
    /// is in a band from 90% but short of 95%).
    InBand {
        value: Shown,
        min: Option<Shown>,
        max: Option<Shown>,
        points: Decimal,
        score: Decimal,
        met: Option<bool>,
    },
    /// The value fell in no band: 0.
    NoBand { value: Shown },
}

/// What only an interval table finds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Finding {
    /// A band whose points exceed the weight, or min ≥ max.
    BadBand { band: usize },
    /// The value falls in no band.
    NoBand,
    /// Two bands (by their places in the table, with their ranges in words) that overlap;
    /// `decides` where the value falls in both and they give different points: which one
    /// scores it is not ours to choose, and the leaf is not scored. (The first band was taken:
    /// ≥80% → 4 before ≥90% → 5 gave 95% 4 points.)
    Overlap {
        first: usize,
        second: usize,
        ranges: (String, String),
        decides: bool,
    },
}

impl KindFinding for Finding {
    fn code(&self) -> &'static str {
        match self {
            Finding::BadBand { .. } => "bad_band",
            Finding::NoBand => "no_band",
            Finding::Overlap { .. } => "bands_overlap",
        }
    }

    fn severity(&self) -> Severity {
        match self {
            Finding::BadBand { .. } => Severity::Error,
            Finding::NoBand => Severity::Warning,
            Finding::Overlap { decides, .. } => {
                if *decides {
                    Severity::Error
                } else {
                    Severity::Warning
                }
            }
        }
    }

    fn write(&self, _field: &str, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Finding::BadBand { band } => write!(
                f,
                "区间表第{}档无效：下限应小于上限，得分应在0到分值之间",
                band + 1
            ),
            Finding::NoBand => write!(f, "数值不在区间表的任何一档内，得0分"),
            Finding::Overlap {
                first,
                second,
                ranges: (a, b),
                decides,
            } => write!(
                f,
                "区间表第{}档（{a}）与第{}档（{b}）重叠{}：请调整各档的上下限，使各档互不重叠",
                first + 1,
                second + 1,
                if *decides {
                    "，数值落在这两档中，无法确定按哪一档计分"
                } else {
                    ""
                }
            ),
        }
    }
}

fn finding(f: Finding) -> Problem {
    Problem::Rule(RuleFinding::Interval(f))
}

/// By value, whether the actual met the row's target, where it has one written as the actual
/// is. The bands read neither target nor comparison, so they are read here for this alone,
/// without a finding: the comparison as a ratio row takes it, none where the two disagree.
fn met_by_value(node: &Node, a: &Quantity) -> Option<bool> {
    use crate::comparison::Comparison;
    let Ok(Cell::Number(t)) = parse_cell(&node.target) else {
        return None;
    };
    let cmp = chosen_comparison(node.comparison, t.comparison, Comparison::AtLeast).ok()?;
    super::meets(cmp, &t, a, &node.unit)
}

/// A band as numbers.
struct ReadBand {
    min: Option<Shown>,
    max: Option<Shown>,
    points: Decimal,
}

impl ReadBand {
    /// Whether `v` is in [min, max).
    fn holds(&self, v: Decimal) -> bool {
        self.min.is_none_or(|m| v >= m.value) && self.max.is_none_or(|m| v < m.value)
    }

    fn words(&self) -> String {
        range_words(self.min, self.max)
    }
}

/// A band's range as the derivations write it: 80%（含）至90%, 90%及以上, 60%以下.
fn range_words(min: Option<Shown>, max: Option<Shown>) -> String {
    match (min, max) {
        (Some(lo), Some(hi)) => format!("{lo}（含）至{hi}"),
        (Some(lo), None) => format!("{lo}及以上"),
        (None, Some(hi)) => format!("{hi}以下"),
        (None, None) => "任意值".to_string(),
    }
}

/// The first two bands, by their places in the table, whose ranges share a value: the
/// higher of their minima below the lower of their maxima (an open bound is no limit).
fn overlapping(bands: &[ReadBand]) -> Option<(usize, usize)> {
    let shared = |x: &ReadBand, y: &ReadBand| {
        let bound = |a: Option<Shown>, b: Option<Shown>, pick: fn(Decimal, Decimal) -> Decimal| {
            match (a, b) {
                (Some(a), Some(b)) => Some(pick(a.value, b.value)),
                (a, b) => a.or(b).map(|s| s.value),
            }
        };
        let lo = bound(x.min, y.min, Decimal::max);
        let hi = bound(x.max, y.max, Decimal::min);
        lo.zip(hi).is_none_or(|(lo, hi)| lo < hi)
    };
    (0..bands.len()).find_map(|i| {
        (i + 1..bands.len())
            .find(|&j| shared(&bands[i], &bands[j]))
            .map(|j| (i, j))
    })
}

impl Kind for Interval {
    const NAME: &'static str = "interval";
    const LABEL: &'static str = "区间计分";
    type Worked = Worked;
    type Finding = Finding;

    #[inline(never)]
    fn score(
        &self,
        leaf: &mut Leaf,
        weight: Option<Decimal>,
    ) -> Result<Option<Scored<Worked>>, Overflow> {
        let actual = leaf.required(Field::Actual, &leaf.node.actual);
        let target = match self.basis {
            IntervalBasis::Actual => None,
            IntervalBasis::Rate => leaf.required(Field::Target, &leaf.node.target),
        };
        let bands = read_bands(leaf, &self.bands, weight);
        // The weight only bounds the bands' points; a leaf without one is still unscored.
        let (Some(_), Some(a), Some(bands)) = (weight, actual, bands) else {
            return Ok(None);
        };
        let (value, rate, met) = match self.basis {
            IntervalBasis::Actual => (shown(&a), None, met_by_value(leaf.node, &a)),
            IntervalBasis::Rate => {
                let Some(t) = target else { return Ok(None) };
                if arith::is_not_positive(t.value) {
                    leaf.find(Field::Target, Problem::ZeroTarget);
                    return Ok(None);
                }
                if !leaf.check_percent(&t, &a) || !leaf.check_unit_size(&t, &a, true) {
                    return Ok(None);
                }
                // The band it falls in is judged by the rate as rounded for showing.
                let rate = leaf.rate(arith::mul_div(a.value, Decimal::ONE_HUNDRED, t.value)?);
                leaf.check_over_completion(rate);
                (
                    Shown {
                        value: rate,
                        percent: true,
                    },
                    Some(rate),
                    Some(a.value >= t.value),
                )
            }
        };
        if self.basis == IntervalBasis::Actual && !check_scale(leaf, &a, &bands) {
            return Ok(None);
        }
        // Bands that overlap where the value is, giving different points: the finding
        // `read_bands` made says so, and the leaf is not scored.
        for (_, problem) in &mut leaf.findings {
            if let Problem::Rule(RuleFinding::Interval(Finding::Overlap {
                first,
                second,
                decides,
                ..
            })) = problem
            {
                let (x, y) = (&bands[*first], &bands[*second]);
                *decides = x.holds(value.value) && y.holds(value.value) && x.points != y.points;
                if *decides {
                    return Ok(None);
                }
            }
        }
        let found = bands.iter().find(|b| b.holds(value.value));
        Ok(Some(match found {
            Some(band) => {
                let score = leaf.round(band.points);
                Scored {
                    score,
                    rate,
                    worked: Worked::InBand {
                        value,
                        min: band.min,
                        max: band.max,
                        points: band.points,
                        score,
                        met,
                    },
                }
            }
            None => {
                leaf.find(Field::Actual, finding(Finding::NoBand));
                Scored {
                    score: Decimal::ZERO,
                    rate,
                    worked: Worked::NoBand { value },
                }
            }
        }))
    }

    fn met(worked: &Worked) -> Option<bool> {
        match worked {
            Worked::InBand { met, .. } => *met,
            Worked::NoBand { .. } => None,
        }
    }

    fn explain(worked: &Worked, node: &Node) -> Explained {
        let subject = subject(node, "实际完成值");
        // The actual in its unit; a rate is its own.
        let written = |value: &Shown| {
            let unit = if value.percent {
                String::new()
            } else {
                unit_written(&node.actual, node)
            };
            format!("{value}{unit}")
        };
        Explained::text(match worked {
            Worked::InBand {
                value,
                min,
                max,
                points,
                score,
                ..
            } => {
                let band = range_words(*min, *max);
                let value = written(value);
                // Points with more places than the scores: the score they round to.
                let rounded = rounded_to(*points, *score);
                format!(
                    "{subject}为{value}，在“{band}”一档，得{}分{rounded}",
                    plain(*points)
                )
            }
            Worked::NoBand { value } => {
                let value = written(value);
                format!("{subject}为{value}，不在区间表任何一档，得0分")
            }
        })
    }
}

/// Reads an interval table; each band needs min < max and points within [0, W].
fn read_bands(leaf: &mut Leaf, bands: &[Band], weight: Option<Decimal>) -> Option<Vec<ReadBand>> {
    if bands.is_empty() {
        leaf.find(Field::Rule, Problem::Missing);
        return None;
    }
    let mut out = Vec::with_capacity(bands.len());
    let mut ok = true;
    for (i, band) in bands.iter().enumerate() {
        let min = leaf.optional(Field::Rule, &band.min);
        let max = leaf.optional(Field::Rule, &band.max);
        let points = leaf.required(Field::Rule, &band.points);
        let (Ok(min), Ok(max), Some(points)) = (min, max, points) else {
            ok = false;
            continue;
        };
        let ordered = match (&min, &max) {
            (Some(lo), Some(hi)) => lo.value < hi.value,
            _ => true,
        };
        let in_range =
            !arith::is_negative(points.value) && weight.is_none_or(|w| points.value <= w);
        if !ordered || !in_range {
            leaf.find(Field::Rule, finding(Finding::BadBand { band: i }));
            ok = false;
            continue;
        }
        out.push(ReadBand {
            min: min.as_ref().map(shown),
            max: max.as_ref().map(shown),
            points: points.value,
        });
    }
    if !ok {
        return None;
    }
    if let Some((i, j)) = overlapping(&out) {
        let ranges = (out[i].words(), out[j].words());
        let (first, second) = (i, j);
        let decides = false;
        leaf.find(
            Field::Rule,
            finding(Finding::Overlap {
                first,
                second,
                ranges,
                decides,
            }),
        );
    }
    Some(out)
}

/// The actual against the bands' bounds, where the bands are applied to the actual itself:
/// 0.92 against bands in % is 92% written as a fraction, which would fall in the lowest band.
/// Said as a target and an actual on two scales are ([`Leaf::check_scale`]), against the
/// bound that shows it; bands that mix `%` and plain bounds are left as written.
fn check_scale(leaf: &mut Leaf, a: &Quantity, bands: &[ReadBand]) -> bool {
    let bounds: Vec<Shown> = bands
        .iter()
        .flat_map(|b| [b.min, b.max])
        .flatten()
        .filter(|b| !b.value.is_zero())
        .collect();
    let Some(first) = bounds.first() else {
        return true;
    };
    if bounds.iter().any(|b| b.percent != first.percent) {
        return true;
    }
    let fraction = |b: &&Shown| {
        let (plain, percent) = if b.percent {
            (a.value, b.value)
        } else {
            (b.value, a.value)
        };
        super::leaf::fraction_meant(plain, percent).is_some()
    };
    let bound = bounds.iter().find(fraction).unwrap_or(first);
    let bound = Quantity {
        value: bound.value,
        percent: bound.percent,
        comparison: None,
        unit: Default::default(),
        from_chinese_numeral: false,
    };
    leaf.check_scale(&bound, Field::Rule, a)
}
