//! Scoring one leaf by its rule (DOMAIN.md §4).
//!
//! Each formula has its one division last (`W × A ÷ T`, `W × (2T − A) ÷ T`), so a result that
//! is exactly a half cent rounds the way 四舍五入 says. Every operation is checked; a bad or
//! missing cell is reported at its field and leaves this leaf unscored, never the sheet.

use crate::arith::{self, Overflow};
use crate::cell::{is_blank_text, parse_cell, parse_number, Cell, Quantity};
use crate::comparison::Comparison;
use crate::derivation::{Derivation, Shown};
use crate::diagnostic::{Field, Problem};
use crate::model::{Band, IntervalBasis, Level, LowerVariant, Node, Rule};
use crate::settings::Resolved;
use rust_decimal::Decimal;

/// What evaluating one leaf gives.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    /// The leaf's 分值, when readable (also for a 不适用 leaf: the rescaling needs it).
    pub weight: Option<Decimal>,
    /// The score, rounded; `None` when the leaf cannot be scored or is not applicable.
    pub score: Option<Decimal>,
    /// The completion rate in percent, rounded, uncapped; where the rule has one.
    pub rate: Option<Decimal>,
    pub derivation: Derivation,
    pub findings: Vec<(Field, Problem)>,
    /// A 加减分 item: added to the total, outside the rescaling.
    pub adjustment: bool,
}

/// Scores a leaf.
pub fn evaluate_leaf(node: &Node, settings: &Resolved) -> Outcome {
    let adjustment = matches!(node.rule, Some(Rule::Adjustment { .. }));
    let mut cx = Leaf {
        node,
        settings,
        findings: Vec::new(),
        strictness_differs: None,
    };
    let weight = cx.weight(adjustment);
    let (score, rate, derivation) = if node.not_applicable {
        (None, None, Derivation::NotApplicable)
    } else {
        match cx.score(weight) {
            Ok(Some(scored)) => (Some(scored.score), scored.rate, scored.derivation),
            Ok(None) => (None, None, Derivation::Unscored),
            Err(Overflow) => {
                cx.find(Field::Actual, Problem::Overflow);
                (None, None, Derivation::Unscored)
            }
        }
    };
    if let (Some(s), Some(w)) = (score, weight) {
        if s < w && !adjustment && is_blank_text(&node.reason) {
            cx.find(Field::Reason, Problem::MissingReason);
        }
    }
    Outcome {
        weight,
        score,
        rate,
        derivation,
        findings: cx.findings,
        adjustment,
    }
}

/// The 比较方式 a target typed into `node` sets on its row: the comparison written in the
/// target (`≤3天`, `3天内`, `>95%`), where the row's rule compares at all (ratio and step
/// rules; a 定性 row keeps its column). A file's row is never changed this way: there a
/// column and a target that disagree are an error at the cell.
pub fn comparison_typed_in_target(node: &Node) -> Option<Comparison> {
    let compares = match &node.rule {
        None => node.comparison != Some(Comparison::Qualitative),
        Some(Rule::Ratio { .. } | Rule::Step { .. }) => true,
        Some(_) => false,
    };
    if !compares {
        return None;
    }
    match parse_cell(&node.target) {
        Ok(Cell::Number(q)) => q.comparison,
        _ => None,
    }
}

/// A score with its rate and derivation.
struct Scored {
    score: Decimal,
    rate: Option<Decimal>,
    derivation: Derivation,
}

struct Leaf<'a> {
    node: &'a Node,
    settings: &'a Resolved,
    findings: Vec<(Field, Problem)>,
    /// The column's comparison and the target's, where they differ only in strictness.
    strictness_differs: Option<(Comparison, Comparison)>,
}

fn shown(q: &Quantity) -> Shown {
    Shown {
        value: q.value,
        percent: q.percent,
    }
}

const YES: &[&str] = &[
    "是",
    "达成",
    "已达成",
    "完成",
    "已完成",
    "有",
    "符合",
    "满足",
    "合格",
    "通过",
    "按时",
    "已",
    "√",
    "✓",
    "✔",
    "y",
    "yes",
    "true",
    "1",
    "对",
];
const NO: &[&str] = &[
    "否",
    "未达成",
    "未完成",
    "无",
    "没有",
    "不符合",
    "不满足",
    "不合格",
    "未通过",
    "未按时",
    "未",
    "×",
    "✗",
    "✘",
    "x",
    "n",
    "no",
    "false",
    "0",
    "错",
];
/// What people write in a count cell for "none found".
const NONE_FOUND: &[&str] = &["无", "没有", "未发现", "未发生", "无问题"];

impl Leaf<'_> {
    fn find(&mut self, field: Field, problem: Problem) {
        self.findings.push((field, problem));
    }

    /// Reads a cell that holds a number; blank is `None` without a finding.
    fn optional(&mut self, field: Field, text: &str) -> Result<Option<Quantity>, ()> {
        match parse_cell(text) {
            Ok(Cell::Blank) => Ok(None),
            Ok(Cell::Number(q)) => {
                if let (Field::Actual, Some(c)) = (field, q.comparison) {
                    self.find(
                        field,
                        Problem::ComparisonInActual {
                            comparison: c.symbol(),
                        },
                    );
                    return Err(());
                }
                if q.from_chinese_numeral {
                    self.find(field, Problem::ChineseNumeral { value: q.value });
                }
                Ok(Some(q))
            }
            Err(e) => {
                self.find(field, Problem::Unreadable(e));
                Err(())
            }
        }
    }

    /// Reads a cell the rule needs: blank is reported as missing.
    fn required(&mut self, field: Field, text: &str) -> Option<Quantity> {
        match self.optional(field, text) {
            Ok(Some(q)) => Some(q),
            Ok(None) => {
                self.find(field, Problem::Missing);
                None
            }
            Err(()) => None,
        }
    }

    /// A rule parameter (points, step, bound): a number ≥ 0.
    fn parameter(&mut self, text: &str) -> Option<Quantity> {
        let q = self.required(Field::Rule, text)?;
        if arith::is_negative(q.value) {
            self.find(Field::Rule, Problem::Negative);
            return None;
        }
        Some(q)
    }

    fn weight(&mut self, adjustment: bool) -> Option<Decimal> {
        let text = &self.node.weight;
        match self.optional(Field::Weight, text) {
            Ok(Some(q)) if q.percent => {
                self.find(Field::Weight, Problem::PercentWeight);
                None
            }
            Ok(Some(q)) if arith::is_negative(q.value) => {
                self.find(Field::Weight, Problem::Negative);
                None
            }
            Ok(Some(q)) => Some(q.value),
            Ok(None) if adjustment => Some(Decimal::ZERO),
            Ok(None) => {
                self.find(Field::Weight, Problem::Missing);
                None
            }
            Err(()) => None,
        }
    }

    /// The comparison: the column, else one written in the target, else `default`. A column
    /// and a target that say opposite things (≥ and `≤3天`) are an error at the column:
    /// `None`, the leaf is not scored on a guess. Where they differ only in strictness (≥ and
    /// `>95%`) the column is used and a warning says so, unless the actual is exactly the
    /// target, the one case where the two give different answers ([`Leaf::strictness`]).
    fn comparison(&mut self, target: Option<&Quantity>, default: Comparison) -> Option<Comparison> {
        let in_text = target.and_then(|t| t.comparison);
        Some(match (self.node.comparison, in_text) {
            (Some(Comparison::Qualitative), t) => t.unwrap_or(default),
            (Some(column), Some(text)) if column != text => {
                let same_direction = column.lower_is_better() == text.lower_is_better()
                    && (column == Comparison::Equal) == (text == Comparison::Equal);
                if same_direction {
                    self.strictness_differs = Some((column, text));
                    return Some(column);
                }
                self.conflict(column, text);
                return None;
            }
            (Some(column), _) => column,
            (None, Some(text)) => text,
            (None, None) => default,
        })
    }

    fn conflict(&mut self, column: Comparison, text: Comparison) {
        self.find(
            Field::Comparison,
            Problem::ComparisonConflict {
                column: column.symbol(),
                in_text: text.symbol(),
            },
        );
    }

    /// A column and a target that differ only in strictness: a warning, and an error where the
    /// actual is exactly the target (≥ would give full marks as met, > says not met). Returns
    /// whether the leaf can be scored.
    fn strictness(&mut self, t: &Quantity, a: &Quantity) -> bool {
        let Some((column, text)) = self.strictness_differs else {
            return true;
        };
        if a.value == t.value {
            self.conflict(column, text);
            return false;
        }
        self.find(
            Field::Comparison,
            Problem::StrictnessDiffers {
                column: column.symbol(),
                in_text: text.symbol(),
            },
        );
        true
    }

    /// Target and actual written one with `%` and one without. Where the plain number is the
    /// percentage as a fraction (95% against 0.98) the leaf is not scored: 0.98 ÷ 95 would be
    /// a score near 0 for a target met. Otherwise (95% against 98) a warning.
    fn check_percent(&mut self, target: &Quantity, actual: &Quantity) -> bool {
        if target.percent == actual.percent {
            return true;
        }
        let (percent, plain, plain_field) = if target.percent {
            (target, actual, Field::Actual)
        } else {
            (actual, target, Field::Target)
        };
        // Within a factor of two of each other once the fraction is read as a percentage.
        let twice = |v: Decimal| arith::add(v, v).ok();
        let as_percent = arith::mul(plain.value, Decimal::ONE_HUNDRED).ok();
        let same_scale = match (as_percent, twice(percent.value)) {
            (Some(p), Some(twice_percent)) => {
                !arith::is_not_positive(plain.value)
                    && !arith::is_not_positive(percent.value)
                    && twice(p).is_some_and(|t| t >= percent.value)
                    && p <= twice_percent
            }
            _ => false,
        };
        let Some(as_percent) = as_percent.filter(|_| same_scale) else {
            self.find(Field::Actual, Problem::PercentMismatch);
            return true;
        };
        let other_field = if plain_field == Field::Actual {
            Field::Target
        } else {
            Field::Actual
        };
        self.find(
            plain_field,
            Problem::ScaleMismatch {
                written: shown(plain),
                meant: as_percent,
                other_field: other_field.label(),
                other: shown(percent),
            },
        );
        false
    }

    fn check_over_completion(&mut self, rate: Decimal) {
        if rate >= self.settings.over_completion {
            self.find(
                Field::Actual,
                Problem::OverCompletion {
                    rate,
                    threshold: self.settings.over_completion,
                },
            );
        }
    }

    fn round(&self, v: Decimal) -> Decimal {
        self.settings.round_score(v)
    }

    fn rate(&self, v: Decimal) -> Decimal {
        self.settings.round_rate(v)
    }

    /// `a × b ÷ c` as a score, 四舍五入 to the score's places from the exact quotient (the
    /// 28-digit quotient a derivation shows is worked out only when it is shown).
    fn score_of(&self, a: Decimal, b: Decimal, c: Decimal) -> Result<Decimal, Overflow> {
        arith::mul_div_round(a, b, c, self.settings.score_decimals)
    }

    /// `W × b ÷ T` as a score, never below 0. With W ≥ 0 and T > 0, as the ratio rules have
    /// them here, only a negative `b` takes it there.
    #[inline(always)]
    fn score_at_least_zero(&self, w: Decimal, b: Decimal, t: Decimal) -> Result<Decimal, Overflow> {
        if arith::is_negative(b) {
            Ok(Decimal::ZERO)
        } else {
            self.score_of(w, b, t)
        }
    }

    /// `part ÷ whole` in percent, rounded as the settings say, computed exactly (a rate is only
    /// ever shown rounded). An interval's rate is not taken from here: the band it falls in is
    /// shown with the rate as computed.
    fn rate_of(&self, part: Decimal, whole: Decimal) -> Result<Decimal, Overflow> {
        arith::mul_div_round(
            part,
            Decimal::ONE_HUNDRED,
            whole,
            self.settings.rate_decimals,
        )
    }

    /// Each rule is a function of its own (`#[inline(never)]`): in the browser, code first
    /// runs in V8's baseline compiler and the functions that run most are recompiled by its
    /// optimizing compiler on the page's other core while the sheet loads. One function holding
    /// every rule took that compiler some 40 ms on a two-core machine, time the load then lost to
    /// it; the rule most leaves use is small on its own.
    fn score(&mut self, weight: Option<Decimal>) -> Result<Option<Scored>, Overflow> {
        let node = self.node;
        match &node.rule {
            None if node.comparison == Some(Comparison::Qualitative) => self.qualitative(weight),
            None => self.ratio(weight, LowerVariant::Linear),
            Some(Rule::Ratio { lower }) => self.ratio(weight, *lower),
            Some(Rule::BudgetExecution) => self.budget(weight),
            Some(Rule::Step {
                threshold,
                step,
                points,
                inclusive,
            }) => self.step(weight, threshold, step, points, *inclusive),
            Some(Rule::Interval { basis, bands }) => self.interval(weight, *basis, bands),
            Some(Rule::PerOccurrence { points }) => self.per_occurrence(weight, points),
            Some(Rule::Qualitative) => self.qualitative(weight),
            Some(Rule::YesNo) => self.yes_no(weight),
            Some(Rule::Manual) => self.manual(weight),
            Some(Rule::Adjustment { bound }) => self.adjustment(bound),
        }
    }

    #[inline(never)]
    fn ratio(
        &mut self,
        weight: Option<Decimal>,
        lower: LowerVariant,
    ) -> Result<Option<Scored>, Overflow> {
        let target = self.required(Field::Target, &self.node.target);
        let actual = self.required(Field::Actual, &self.node.actual);
        let cmp = self.comparison(target.as_ref(), Comparison::AtLeast);
        let (Some(w), Some(t), Some(a), Some(cmp)) = (weight, target, actual, cmp) else {
            return Ok(None);
        };
        if !self.strictness(&t, &a) || !self.check_percent(&t, &a) {
            return Ok(None);
        }
        match cmp {
            Comparison::AtLeast | Comparison::Greater | Comparison::Qualitative => {
                self.higher(w, &t, &a, cmp)
            }
            Comparison::Equal if t.value.is_zero() => Ok(Some(self.zero_target(w, &t, &a, true))),
            Comparison::Equal => self.higher(w, &t, &a, cmp),
            Comparison::AtMost | Comparison::Less => self.lower(w, &t, &a, cmp, lower),
        }
    }

    /// Target 0 or below, where no ratio means anything: met (the actual on the good side of
    /// the target, e.g. a growth rate of −6% against ≤ −5%) gives W, else 0.
    #[inline(never)]
    fn zero_target(&mut self, w: Decimal, t: &Quantity, a: &Quantity, lower: bool) -> Scored {
        self.find(Field::Target, Problem::ZeroTarget);
        let met = if lower {
            a.value <= t.value
        } else {
            a.value >= t.value
        };
        Scored {
            score: if met { w } else { Decimal::ZERO },
            rate: None,
            derivation: Derivation::ZeroTarget {
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
        &mut self,
        w: Decimal,
        t: &Quantity,
        a: &Quantity,
        cmp: Comparison,
    ) -> Result<Option<Scored>, Overflow> {
        if arith::is_not_positive(t.value) {
            return Ok(Some(self.zero_target(w, t, a, false)));
        }
        let rate = self.rate_of(a.value, t.value)?;
        self.check_over_completion(rate);
        if cmp == Comparison::Greater && a.value == t.value {
            return Ok(Some(self.strict_equal(w, t, a, cmp, Some(rate))));
        }
        if a.value >= t.value {
            return Ok(Some(Scored {
                score: w,
                rate: Some(rate),
                derivation: Derivation::Met {
                    weight: w,
                    cmp,
                    target: shown(t),
                    actual: shown(a),
                },
            }));
        }
        let score = self.score_at_least_zero(w, a.value, t.value)?;
        Ok(Some(Scored {
            score,
            rate: Some(rate),
            derivation: Derivation::Short {
                weight: w,
                target: shown(t),
                actual: shown(a),
                rate,
                score,
            },
        }))
    }

    /// A strict comparison (> or <) with the actual exactly at the target: not met, and said
    /// so; every ratio formula gives the full weight there (A ÷ T = 1), which is the score.
    #[inline(never)]
    fn strict_equal(
        &mut self,
        w: Decimal,
        t: &Quantity,
        a: &Quantity,
        cmp: Comparison,
        rate: Option<Decimal>,
    ) -> Scored {
        self.find(
            Field::Actual,
            Problem::StrictNotExceeded {
                comparison: cmp.symbol(),
            },
        );
        Scored {
            score: self.round(w),
            rate,
            derivation: Derivation::StrictEqual {
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
        &mut self,
        w: Decimal,
        t: &Quantity,
        a: &Quantity,
        cmp: Comparison,
        variant: LowerVariant,
    ) -> Result<Option<Scored>, Overflow> {
        if arith::is_not_positive(t.value) {
            if a.value <= t.value {
                return Ok(Some(Scored {
                    score: w,
                    rate: None,
                    derivation: Derivation::Met {
                        weight: w,
                        cmp,
                        target: shown(t),
                        actual: shown(a),
                    },
                }));
            }
            return Ok(Some(self.zero_target(w, t, a, true)));
        }
        if cmp == Comparison::Less && a.value == t.value {
            return Ok(Some(self.strict_equal(w, t, a, cmp, None)));
        }
        if a.value <= t.value {
            return Ok(Some(Scored {
                score: w,
                rate: None,
                derivation: Derivation::Met {
                    weight: w,
                    cmp,
                    target: shown(t),
                    actual: shown(a),
                },
            }));
        }
        let (target, actual) = (shown(t), shown(a));
        Ok(Some(match variant {
            LowerVariant::Linear => {
                let room = arith::sub(arith::add(t.value, t.value)?, a.value)?;
                let rate = self.rate_of(room, t.value)?;
                // 0 once A ≥ 2T.
                let score = self.score_at_least_zero(w, room, t.value)?;
                Scored {
                    score,
                    rate: Some(rate),
                    derivation: Derivation::LowerLinear {
                        weight: w,
                        cmp,
                        target,
                        actual,
                        score,
                    },
                }
            }
            LowerVariant::Ratio => {
                let rate = self.rate_of(t.value, a.value)?;
                let score = self.score_of(w, t.value, a.value)?;
                Scored {
                    score,
                    rate: Some(rate),
                    derivation: Derivation::LowerRatio {
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

    /// 预算执行率: 执行数 ÷ 预算数, score W × rate capped at W.
    #[inline(never)]
    fn budget(&mut self, weight: Option<Decimal>) -> Result<Option<Scored>, Overflow> {
        let budget = self.required(Field::Target, &self.node.target);
        let spent = self.required(Field::Actual, &self.node.actual);
        let (Some(w), Some(b), Some(s)) = (weight, budget, spent) else {
            return Ok(None);
        };
        if arith::is_not_positive(b.value) {
            self.find(Field::Target, Problem::ZeroBudget);
            return Ok(None);
        }
        if arith::is_negative(s.value) {
            self.find(Field::Actual, Problem::Negative);
            return Ok(None);
        }
        if s.value > b.value {
            self.find(Field::Actual, Problem::SpentOverBudget);
        }
        let rate = self.rate_of(s.value, b.value)?;
        // W × 执行数 ÷ 预算数, capped at W: spending over the budget earns no more.
        let score = if s.value > b.value {
            self.round(w)
        } else {
            self.score_of(w, s.value, b.value)?
        };
        Ok(Some(Scored {
            score,
            rate: Some(rate),
            derivation: Derivation::Budget {
                weight: w,
                budget: shown(&b),
                spent: shown(&s),
                rate,
                score,
            },
        }))
    }

    #[inline(never)]
    fn step(
        &mut self,
        weight: Option<Decimal>,
        threshold: &str,
        step: &str,
        points: &str,
        inclusive: bool,
    ) -> Result<Option<Scored>, Overflow> {
        let step = self.parameter(step);
        let points = self.parameter(points);
        let target = match self.optional(Field::Target, &self.node.target) {
            Ok(t) => t,
            Err(()) => return Ok(None),
        };
        let threshold = if is_blank_text(threshold) {
            Some(target.clone().unwrap_or(Quantity {
                value: Decimal::ZERO,
                percent: false,
                comparison: None,
                unit: Default::default(),
                from_chinese_numeral: false,
            }))
        } else {
            self.required(Field::Rule, threshold)
        };
        let actual = self.required(Field::Actual, &self.node.actual);
        let cmp = self.comparison(target.as_ref(), Comparison::AtMost);
        let (Some(w), Some(step), Some(points), Some(th), Some(a), Some(cmp)) =
            (weight, step, points, threshold, actual, cmp)
        else {
            return Ok(None);
        };
        if !self.strictness(&th, &a) {
            return Ok(None);
        }
        if arith::is_not_positive(step.value) {
            self.find(Field::Rule, Problem::StepNotPositive);
            return Ok(None);
        }
        let increase_is_bad = cmp.lower_is_better();
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
            if !inclusive && arith::mul(whole, step.value)? == beyond {
                whole - Decimal::ONE
            } else {
                whole
            }
        };
        let left = arith::sub(w, arith::mul(steps, points.value)?)?;
        let score = self.round(arith::at_least_zero(left));
        Ok(Some(Scored {
            score,
            rate: None,
            derivation: Derivation::Step {
                weight: w,
                actual: shown(&a),
                threshold: shown(&th),
                step: shown(&step),
                points: points.value,
                inclusive,
                increase_is_bad,
                steps,
                left,
                score,
            },
        }))
    }

    #[inline(never)]
    fn interval(
        &mut self,
        weight: Option<Decimal>,
        basis: IntervalBasis,
        bands: &[Band],
    ) -> Result<Option<Scored>, Overflow> {
        let actual = self.required(Field::Actual, &self.node.actual);
        let target = match basis {
            IntervalBasis::Actual => None,
            IntervalBasis::Rate => self.required(Field::Target, &self.node.target),
        };
        let bands = self.bands(bands, weight);
        // The weight only bounds the bands' points; a leaf without one is still unscored.
        let (Some(_), Some(a), Some(bands)) = (weight, actual, bands) else {
            return Ok(None);
        };
        let (value, rate) = match basis {
            IntervalBasis::Actual => (shown(&a), None),
            IntervalBasis::Rate => {
                let Some(t) = target else { return Ok(None) };
                if arith::is_not_positive(t.value) {
                    self.find(Field::Target, Problem::ZeroTarget);
                    return Ok(None);
                }
                let rate = self.rate(arith::mul_div(a.value, Decimal::ONE_HUNDRED, t.value)?);
                self.check_over_completion(rate);
                (
                    Shown {
                        value: rate,
                        percent: true,
                    },
                    Some(rate),
                )
            }
        };
        let found = bands.iter().find(|b| {
            b.min.is_none_or(|m| value.value >= m.value)
                && b.max.is_none_or(|m| value.value < m.value)
        });
        Ok(Some(match found {
            Some(band) => Scored {
                score: self.round(band.points),
                rate,
                derivation: Derivation::Interval {
                    value,
                    min: band.min,
                    max: band.max,
                    points: band.points,
                },
            },
            None => {
                self.find(Field::Actual, Problem::NoBand);
                Scored {
                    score: Decimal::ZERO,
                    rate,
                    derivation: Derivation::NoBand { value },
                }
            }
        }))
    }

    /// Reads an interval table; each band needs min < max and points within [0, W].
    fn bands(&mut self, bands: &[Band], weight: Option<Decimal>) -> Option<Vec<ReadBand>> {
        if bands.is_empty() {
            self.find(Field::Rule, Problem::Missing);
            return None;
        }
        let mut out = Vec::with_capacity(bands.len());
        let mut ok = true;
        for (i, band) in bands.iter().enumerate() {
            let min = self.optional(Field::Rule, &band.min);
            let max = self.optional(Field::Rule, &band.max);
            let points = self.required(Field::Rule, &band.points);
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
                self.find(Field::Rule, Problem::BadBand { band: i });
                ok = false;
                continue;
            }
            out.push(ReadBand {
                min: min.as_ref().map(shown),
                max: max.as_ref().map(shown),
                points: points.value,
            });
        }
        ok.then_some(out)
    }

    #[inline(never)]
    fn per_occurrence(
        &mut self,
        weight: Option<Decimal>,
        points: &str,
    ) -> Result<Option<Scored>, Overflow> {
        let points = self.parameter(points);
        let text = self.node.actual.trim();
        let count = if NONE_FOUND.contains(&text) {
            Some(Decimal::ZERO)
        } else {
            match self.required(Field::Actual, text) {
                Some(q)
                    if !arith::is_negative(q.value) && q.value.fract().is_zero() && !q.percent =>
                {
                    Some(q.value.trunc())
                }
                Some(_) => {
                    self.find(Field::Actual, Problem::NotACount);
                    None
                }
                None => None,
            }
        };
        let (Some(w), Some(points), Some(count)) = (weight, points, count) else {
            return Ok(None);
        };
        let left = arith::sub(w, arith::mul(points.value, count)?)?;
        let score = self.round(arith::at_least_zero(left));
        Ok(Some(Scored {
            score,
            rate: None,
            derivation: Derivation::Occurrences {
                weight: w,
                count,
                points: points.value,
                left,
                score,
            },
        }))
    }

    /// A score typed by hand must lie in [0, W].
    fn entered_score(&mut self, w: Decimal) -> Option<Decimal> {
        let q = self.required(Field::Score, &self.node.score)?;
        if arith::is_negative(q.value) || q.value > w || q.percent {
            self.find(Field::Score, Problem::ScoreOutOfRange { max: w });
            return None;
        }
        Some(self.round(q.value))
    }

    #[inline(never)]
    fn qualitative(&mut self, weight: Option<Decimal>) -> Result<Option<Scored>, Overflow> {
        let level = self.node.level.or_else(|| Level::parse(&self.node.actual));
        let Some(w) = weight else {
            return Ok(None);
        };
        let Some(score) = self.entered_score(w) else {
            return Ok(None);
        };
        let tenth = |n: i64| arith::mul(w, Decimal::new(n, 1));
        let (low, high, inside) = match level {
            Some(Level::Met) => {
                let low = tenth(8)?;
                (low, w, score >= low && score <= w)
            }
            Some(Level::Partly) => {
                let (low, high) = (tenth(6)?, tenth(8)?);
                (low, high, score >= low && score < high)
            }
            Some(Level::NotMet) => {
                let high = tenth(6)?;
                (Decimal::ZERO, high, score < high)
            }
            None => {
                self.find(Field::Level, Problem::NoLevel);
                (Decimal::ZERO, w, true)
            }
        };
        if let (Some(level), false) = (level, inside) {
            self.find(
                Field::Score,
                Problem::OutsideLevelBand {
                    level,
                    low: low.normalize(),
                    high: high.normalize(),
                },
            );
        }
        Ok(Some(Scored {
            score,
            rate: None,
            derivation: Derivation::Qualitative {
                level,
                low,
                high,
                score,
            },
        }))
    }

    #[inline(never)]
    fn yes_no(&mut self, weight: Option<Decimal>) -> Result<Option<Scored>, Overflow> {
        let text = self.node.actual.trim().to_ascii_lowercase();
        let answer = if text.is_empty() || is_dash(&text) {
            self.find(Field::Actual, Problem::Missing);
            None
        } else if YES.contains(&text.as_str()) {
            Some(true)
        } else if NO.contains(&text.as_str()) {
            Some(false)
        } else {
            self.find(Field::Actual, Problem::NotYesNo);
            None
        };
        let (Some(w), Some(met)) = (weight, answer) else {
            return Ok(None);
        };
        Ok(Some(Scored {
            score: if met { w } else { Decimal::ZERO },
            rate: None,
            derivation: Derivation::YesNo { met, weight: w },
        }))
    }

    #[inline(never)]
    fn manual(&mut self, weight: Option<Decimal>) -> Result<Option<Scored>, Overflow> {
        let Some(w) = weight else { return Ok(None) };
        let Some(score) = self.entered_score(w) else {
            return Ok(None);
        };
        Ok(Some(Scored {
            score,
            rate: None,
            derivation: Derivation::Manual { score },
        }))
    }

    #[inline(never)]
    fn adjustment(&mut self, bound: &str) -> Result<Option<Scored>, Overflow> {
        let bound = self.parameter(bound);
        let value = match self.optional(Field::Score, &self.node.score) {
            Ok(Some(q)) => Some(q.value),
            Ok(None) => Some(Decimal::ZERO),
            Err(()) => None,
        };
        let (Some(bound), Some(value)) = (bound, value) else {
            return Ok(None);
        };
        if value.abs() > bound.value {
            self.find(
                Field::Score,
                Problem::AdjustmentOutOfBound { bound: bound.value },
            );
            return Ok(None);
        }
        let value = self.round(value);
        Ok(Some(Scored {
            score: value,
            rate: None,
            derivation: Derivation::Adjustment {
                value,
                bound: bound.value,
            },
        }))
    }
}

fn is_dash(text: &str) -> bool {
    matches!(parse_number(text), Ok(None))
}

struct ReadBand {
    min: Option<Shown>,
    max: Option<Shown>,
    points: Decimal,
}
