//! Reading one indicator row's cells for its rule: each cell a rule needs, read with its
//! finding at its field; the comparison the row says; the checks that several rules share.
//! A rule file asks this for what it needs and never parses a cell itself.

use crate::arith::{self, Overflow};
use crate::cell::{parse_cell, Cell, CellError, Quantity};
use crate::comparison::Comparison;
use crate::derivation::Shown;
use crate::diagnostic::{Field, Problem};
use crate::model::Node;
use crate::settings::Resolved;
use rust_decimal::Decimal;

/// One leaf being scored: its row, the sheet's settings, and what was found so far.
pub(crate) struct Leaf<'a> {
    pub(crate) node: &'a Node,
    pub(crate) settings: &'a Resolved,
    pub(crate) findings: Vec<(Field, Problem)>,
    /// The column's comparison and the target's, where they differ only in strictness.
    strictness_differs: Option<(Comparison, Comparison)>,
}

/// The unit a number is in: the one written after it, else the row's 计量单位.
fn unit_of<'a>(q: &'a Quantity, row: &'a str) -> &'a str {
    if q.unit.is_empty() {
        row
    } else {
        q.unit.as_str()
    }
}

/// The unit a derivation writes after the number in `cell`: the one typed after it, else the
/// row's 计量单位 ("2100平方米", "950人"), else the target's (an actual `2` beside `3天内`); none
/// after a percentage, whose `%` is its unit. A rule keeps its numbers without units (most rows
/// are scored and never shown), so the unit is read from the cells again when the derivation
/// is put into words.
pub(crate) fn unit_written(cell: &str, node: &Node) -> String {
    let unit = |text: &str| match parse_cell(text) {
        Ok(Cell::Number(q)) if !q.percent => {
            Some(unit_of(&q, crate::cell::row_unit(&node.unit)).to_string())
        }
        _ => None,
    };
    match unit(cell) {
        Some(none) if none.is_empty() => unit(&node.target).unwrap_or(none),
        written => written.unwrap_or_default(),
    }
}

/// A figure written per hundred, per thousand or per ten thousand: how many places below 1 it
/// counts in (`%` 2, `‰` 3, `‱` 4, [`crate::cell::unit_size::percent_places`]) and the sign it
/// is written with (a bare number in a row whose 计量单位 is one of them counts in it); `None`
/// for any other.
fn per_hundred<'a>(q: &'a Quantity, row: &'a str) -> Option<(u32, &'a str)> {
    if q.percent {
        return Some((2, "%"));
    }
    let unit = crate::cell::unit_size::unbracketed(unit_of(q, row));
    Some((crate::cell::unit_size::percent_places(unit)?, unit))
}

/// The figure in `cell` as a derivation writes it: as `shown`, in its unit
/// ([`unit_written`]); one written in ‰ or ‱ and compared as the percentage it is, as written
/// and what it is, `3‰（即0.3%）`.
pub(crate) fn figure_written(cell: &str, node: &Node, shown: Shown) -> String {
    if shown.percent {
        if let Ok(Cell::Number(q)) = parse_cell(cell) {
            let row = crate::cell::row_unit(&node.unit);
            if let Some((3.., sign)) = per_hundred(&q, row) {
                return format!("{}{sign}（即{shown}）", q.value);
            }
        }
    }
    format!("{shown}{}", unit_written(cell, node))
}

/// A number as the derivation shows it.
pub(crate) fn shown(q: &Quantity) -> Shown {
    Shown {
        value: q.value,
        percent: q.percent,
    }
}

/// How two numbers a rule compares are written, one with `%` and one without.
pub(crate) enum Scales {
    /// On one scale: both with `%`, both without, or a bare number in a row counted in %.
    Same,
    /// The plain one is the percentage as a fraction (0.98 against 95%): said at its cell.
    Fraction,
    /// Some other plain number against a percentage (98 against 95%).
    Other,
}

/// The percentage `plain` is as a fraction of 1, where that puts it within a factor of two of
/// `percent` (0.98 against 95%: 98): one figure written on two scales.
pub(crate) fn fraction_meant(plain: Decimal, percent: Decimal) -> Option<Decimal> {
    if arith::is_not_positive(plain) || arith::is_not_positive(percent) {
        return None;
    }
    let twice = |v: Decimal| arith::add(v, v).ok();
    let meant = arith::mul(plain, Decimal::ONE_HUNDRED).ok()?;
    (twice(meant)? >= percent && meant <= twice(percent)?).then_some(meant)
}

impl<'a> Leaf<'a> {
    pub(crate) fn new(node: &'a Node, settings: &'a Resolved) -> Leaf<'a> {
        Leaf {
            node,
            settings,
            findings: Vec::new(),
            strictness_differs: None,
        }
    }

    pub(crate) fn find(&mut self, field: Field, problem: Problem) {
        self.findings.push((field, problem));
    }

    /// Reads a cell that holds a number; blank is `None` without a finding.
    pub(crate) fn optional(&mut self, field: Field, text: &str) -> Result<Option<Quantity>, ()> {
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
                    let unit = format!("{}{}", if q.percent { "%" } else { "" }, q.unit);
                    self.find(
                        field,
                        Problem::ChineseNumeral {
                            value: q.value,
                            unit,
                        },
                    );
                }
                Ok(Some(q))
            }
            Err(CellError::LevelWord(word))
                if matches!(field, Field::Target | Field::Actual)
                    && matches!(self.node.rule, Some(crate::model::Rule::BudgetExecution(_))) =>
            {
                self.find(field, Problem::LevelWordAsAmount { word });
                Err(())
            }
            Err(e) => {
                self.find(field, Problem::Unreadable(e));
                Err(())
            }
        }
    }

    /// Reads a cell the rule needs: blank is reported as missing.
    pub(crate) fn required(&mut self, field: Field, text: &str) -> Option<Quantity> {
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
    pub(crate) fn parameter(&mut self, text: &str) -> Option<Quantity> {
        let q = self.required(Field::Rule, text)?;
        if arith::is_negative(q.value) {
            self.find(Field::Rule, Problem::Negative);
            return None;
        }
        Some(q)
    }

    pub(crate) fn weight(&mut self, adjustment: bool) -> Option<Decimal> {
        let text = &self.node.weight;
        match self.optional(Field::Weight, text) {
            Ok(Some(q)) => match weight_problem(&q, text) {
                Some(problem) => {
                    self.find(Field::Weight, problem);
                    None
                }
                None => Some(q.value),
            },
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
    pub(crate) fn comparison(
        &mut self,
        target: Option<&Quantity>,
        default: Comparison,
    ) -> Option<Comparison> {
        let in_text = target.and_then(|t| t.comparison);
        match chosen_comparison(self.node.comparison, in_text, default) {
            Ok(chosen) => {
                if let (Some(column), Some(text)) = (self.node.comparison, in_text) {
                    if column != text && column != Comparison::Qualitative {
                        self.strictness_differs = Some((column, text));
                    }
                }
                Some(chosen)
            }
            Err((column, text)) => {
                self.conflict(column, text);
                None
            }
        }
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
    pub(crate) fn strictness(&mut self, t: &Quantity, a: &Quantity) -> bool {
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

    /// Target and actual written per hundred, per thousand or per ten thousand, not both
    /// alike (`0.45%` against `3‰`): compared as written that is 3 against 0.45. Both are
    /// taken as the percentages they are (3‰ is 0.3%), exactly; the derivation says so
    /// ([`figure_written`]).
    pub(crate) fn in_percent(&self, t: &mut Quantity, a: &mut Quantity) -> Result<(), Overflow> {
        let row = crate::cell::row_unit(&self.node.unit);
        let (Some((x, _)), Some((y, _))) = (per_hundred(t, row), per_hundred(a, row)) else {
            return Ok(());
        };
        if x == y {
            return Ok(());
        }
        for (q, places) in [(t, x), (a, y)] {
            if places > 2 {
                q.value = arith::mul(q.value, Decimal::new(1, places - 2))?;
            }
            q.percent = true;
            q.unit = Default::default();
        }
        Ok(())
    }

    /// Target and actual written one with `%` and one without. Where the plain number is the
    /// percentage as a fraction (95% against 0.98) the leaf is not scored: 0.98 ÷ 95 would be
    /// a score near 0 for a target met. Otherwise (95% against 98) a warning, unless the row's
    /// 计量单位 is % and says what the bare number is.
    pub(crate) fn check_percent(&mut self, target: &Quantity, actual: &Quantity) -> bool {
        self.check_scale(target, Field::Target, actual)
    }

    /// [`Leaf::check_percent`] with what the actual is measured against read from
    /// `target_field` (a step's threshold or an interval's bounds may be the rule's).
    pub(crate) fn check_scale(
        &mut self,
        target: &Quantity,
        target_field: Field,
        actual: &Quantity,
    ) -> bool {
        match self.scales(target, target_field, actual) {
            Scales::Same => true,
            Scales::Fraction => false,
            Scales::Other => {
                if target_field == Field::Target && !self.percent_of_one_measure(target, actual) {
                    return false;
                }
                let other = target_field.label();
                self.find(Field::Actual, Problem::PercentMismatch { other });
                true
            }
        }
    }

    /// A percentage against a figure written with a unit of another measure (`≥95%` against
    /// `98人`, `≥3000人次` against `105%`): said at the actual's cell as units of different
    /// measures, and `false`. A bare figure is left to the warning that the two differ in
    /// `%`: the row's 计量单位 does not say which of the two was meant.
    fn percent_of_one_measure(&mut self, target: &Quantity, actual: &Quantity) -> bool {
        let unit = |q: &Quantity| {
            if q.percent {
                "%".into()
            } else {
                q.unit.to_string()
            }
        };
        let (target, actual) = (unit(target), unit(actual));
        if !crate::cell::unit_size::measures_differ(&target, &actual) {
            return true;
        }
        self.find(Field::Actual, Problem::UnitKindMismatch { target, actual });
        false
    }

    /// How `target` (from `target_field`) and `actual` stand when one is written with `%`
    /// and one without: [`Scales::Fraction`] is said at the plain one's cell.
    pub(crate) fn scales(
        &mut self,
        target: &Quantity,
        target_field: Field,
        actual: &Quantity,
    ) -> Scales {
        // 成 (九成, tenths) is no unit this reads: against a figure not in 成 it is refused, not
        // compared as 9 against 90% or 90.
        let tenths = |q: &Quantity| crate::cell::unit_size::unbracketed(&q.unit) == "成";
        if tenths(target) != tenths(actual) {
            let (plain, field) = if tenths(actual) {
                (actual, Field::Actual)
            } else {
                (target, target_field)
            };
            if let Ok(meant) = arith::mul(plain.value, Decimal::TEN) {
                let value = plain.value;
                self.find(field, Problem::Tenths { value, meant });
                return Scales::Fraction;
            }
        }
        // ‰ or ‱ against % or each other, where the rule does not take them as percentages
        // ([`Leaf::in_percent`]): 3 against 0.45 would be compared.
        let budget = matches!(self.node.rule, Some(crate::model::Rule::BudgetExecution(_)));
        let row = if budget {
            ""
        } else {
            crate::cell::row_unit(&self.node.unit)
        };
        if let (Some(x), Some(y)) = (per_hundred(target, row), per_hundred(actual, row)) {
            if x.0 != y.0 {
                self.per_hundred_mismatch((target, x), target_field, (actual, y));
                return Scales::Fraction;
            }
        }
        if target.percent == actual.percent {
            return self.bare_in_percent_row(target, target_field, actual);
        }
        let (percent, plain, plain_field, other_field) = if target.percent {
            (target, actual, Field::Actual, target_field)
        } else {
            (actual, target, target_field, Field::Actual)
        };
        if let Some(meant) = fraction_meant(plain.value, percent.value) {
            self.scale_mismatch(
                plain_field,
                shown(plain).to_string(),
                meant,
                other_field,
                shown(percent),
            );
            return Scales::Fraction;
        }
        // 90 in a row whose 计量单位 is % is 90%, as a bare number is in the row's unit.
        if plain.unit.is_empty() && self.node.unit.trim() == "%" {
            Scales::Same
        } else {
            Scales::Other
        }
    }

    /// Figures per hundred and per thousand (or ten thousand) that a rule would compare as
    /// written: said at the actual's cell as units of different size where the other is the
    /// target; against a rule's bound in %, as the percentage it is (`如3‰指0.3%`).
    fn per_hundred_mismatch(
        &mut self,
        (target, x): (&Quantity, (u32, &str)),
        target_field: Field,
        (actual, y): (&Quantity, (u32, &str)),
    ) {
        let percent = (x.0 == 2)
            .then_some(target)
            .or((y.0 == 2).then_some(actual));
        if let (Field::Rule, Some(percent)) = (target_field, percent) {
            let (plain, field, other_field, (places, sign)) = if x.0 == 2 {
                (actual, Field::Actual, target_field, y)
            } else {
                (target, target_field, Field::Actual, x)
            };
            if let Ok(meant) = arith::mul(plain.value, Decimal::new(1, places - 2)) {
                let written = format!("{}{sign}", shown(plain));
                self.scale_mismatch(field, written, meant, other_field, shown(percent));
                return;
            }
        }
        self.find(
            Field::Actual,
            Problem::UnitSizeMismatch {
                target: x.1.into(),
                actual: y.1.into(),
            },
        );
    }

    /// `plain` (at `plain_field`) is `meant` written as a fraction of the percentage `other`
    /// (0.98 against 95%): said at its cell, with how to write it.
    fn scale_mismatch(
        &mut self,
        plain_field: Field,
        written: String,
        meant: Decimal,
        other_field: Field,
        other: Shown,
    ) {
        self.find(
            plain_field,
            Problem::ScaleMismatch {
                written,
                meant,
                other_field: other_field.label(),
                other,
            },
        );
    }

    /// Two bare numbers in a row whose 计量单位 is %: both percentages, as one bare number
    /// against one written with % is (95 is 95%). One that is the other as a fraction (0.98
    /// against 95) is said at its cell as it is against 95%, and not scored. A 预算执行率's %
    /// is its rate's, not its figures'.
    fn bare_in_percent_row(
        &mut self,
        target: &Quantity,
        target_field: Field,
        actual: &Quantity,
    ) -> Scales {
        let bare = |q: &Quantity| !q.percent && q.unit.is_empty();
        let budget = matches!(self.node.rule, Some(crate::model::Rule::BudgetExecution(_)));
        if budget || self.node.unit.trim() != "%" || !bare(target) || !bare(actual) {
            return Scales::Same;
        }
        for (plain, plain_field, other, other_field) in [
            (actual, Field::Actual, target, target_field),
            (target, target_field, actual, Field::Actual),
        ] {
            if let Some(meant) = fraction_meant(plain.value, other.value) {
                let other = Shown {
                    value: other.value,
                    percent: true,
                };
                self.scale_mismatch(
                    plain_field,
                    shown(plain).to_string(),
                    meant,
                    other_field,
                    other,
                );
                return Scales::Fraction;
            }
        }
        Scales::Same
    }

    /// Target and actual counted in units of different size (`1万人` against `9500人`, or
    /// `9500` in a row whose 计量单位 is 人), times in different units (`≤3天` against
    /// `2周`), or units that measure different things (`≤40万元` against `41个`): the numbers
    /// as written are not of one size or one thing, so the leaf is not scored. A
    /// number written without a unit is in the row's 计量单位 where
    /// that is what the row counts (`in_row_unit`; not a 预算执行率's, whose unit is its rate's),
    /// and an actual without one in a row without one is in the target's
    /// ([`bare_actual_in`]).
    pub(crate) fn check_unit_size(
        &mut self,
        target: &Quantity,
        actual: &Quantity,
        in_row_unit: bool,
    ) -> bool {
        let row = if in_row_unit {
            self.node.unit.as_str()
        } else {
            ""
        };
        let (target_unit, actual_unit) = (unit_of(target, row), unit_of(actual, row));
        let actual_unit = if actual_unit.is_empty() && bare_actual_in(target_unit, target, actual) {
            target_unit
        } else {
            actual_unit
        };
        let (target, actual) = (target_unit, actual_unit);
        let problem = if crate::cell::unit_size::differ(target, actual) {
            Problem::UnitSizeMismatch {
                target: target.into(),
                actual: actual.into(),
            }
        } else if crate::cell::unit_size::times_differ(target, actual) {
            Problem::TimeUnitMismatch {
                target: target.into(),
                actual: actual.into(),
            }
        } else if crate::cell::unit_size::measures_differ(target, actual) {
            Problem::UnitKindMismatch {
                target: target.into(),
                actual: actual.into(),
            }
        } else {
            return true;
        };
        self.find(Field::Actual, problem);
        false
    }

    pub(crate) fn check_over_completion(&mut self, rate: Decimal) {
        if rate >= self.settings.over_completion {
            self.find(
                Field::Actual,
                Problem::ConservativeTarget {
                    rate,
                    threshold: self.settings.over_completion,
                },
            );
        }
    }

    /// Whether `value`, a 分值 or a 加减分's bound (`bound`), can be written as a score in the
    /// sheet's places. One that cannot (2.5 where scores are whole numbers) is said at `field`,
    /// and the leaf is not scored: rounded, a score at it would be shown as one figure (3, above
    /// the 分值 or bound) and totalled as another. (A rule's points may have more places: a
    /// score they give is rounded and never passes a 分值 the places can write.)
    pub(crate) fn writable(&mut self, field: Field, value: Decimal, bound: bool) -> bool {
        let decimals = self.settings.score_decimals;
        let value = value.normalize();
        if value.scale() <= decimals {
            return true;
        }
        self.find(
            field,
            Problem::PlacesBeyondScore {
                value,
                decimals,
                bound,
            },
        );
        false
    }

    pub(crate) fn round(&self, v: Decimal) -> Decimal {
        self.settings.round_score(v)
    }

    pub(crate) fn rate(&self, v: Decimal) -> Decimal {
        self.settings.round_rate(v)
    }

    /// `a × b ÷ c` as a score, 四舍五入 to the score's places from the exact quotient (the
    /// 28-digit quotient a derivation shows is worked out only when it is shown).
    pub(crate) fn score_of(&self, a: Decimal, b: Decimal, c: Decimal) -> Result<Decimal, Overflow> {
        arith::mul_div_round(
            a,
            b,
            c,
            self.settings.score_decimals,
            self.settings.score_rounding,
        )
    }

    /// `W × b ÷ T` as a score, never below 0. With W ≥ 0 and T > 0, as the ratio rules have
    /// them here, only a negative `b` takes it there.
    #[inline(always)]
    pub(crate) fn score_at_least_zero(
        &self,
        w: Decimal,
        b: Decimal,
        t: Decimal,
    ) -> Result<Decimal, Overflow> {
        if arith::is_negative(b) {
            Ok(Decimal::ZERO)
        } else {
            self.score_of(w, b, t)
        }
    }

    /// `part ÷ whole` in percent, rounded as the settings say, computed exactly (a rate is only
    /// ever shown rounded). An interval's rate is not taken from here: the band it falls in is
    /// shown with the rate as computed.
    pub(crate) fn rate_of(&self, part: Decimal, whole: Decimal) -> Result<Decimal, Overflow> {
        arith::mul_div_round(
            part,
            Decimal::ONE_HUNDRED,
            whole,
            self.settings.rate_decimals,
            self.settings.rate_rounding,
        )
    }

    /// A score typed by hand, as typed; it must lie in [0, W]. The rule rounds it to the
    /// sheet's places (and says so), which cannot take it above W: a W those places cannot
    /// write leaves the leaf unscored ([`Leaf::writable`]), and rounding is monotonic.
    pub(crate) fn entered_score(&mut self, w: Decimal) -> Option<Decimal> {
        let q = self.required(Field::Score, &self.node.score)?;
        if super::adjustment::written_change(&self.node.score).is_some() {
            let text = self.node.score.trim().to_string();
            self.find(Field::Score, Problem::ScoreAsChange { text });
            return None;
        }
        if arith::is_negative(q.value) || q.value > w || q.percent {
            self.find(Field::Score, Problem::ScoreOutOfRange { max: w });
            return None;
        }
        Some(q.value)
    }
}

/// Whether an actual written without a unit, in a row with no 计量单位, is in the target's
/// `unit`: the row's unit is then the target's, as a form with no 计量单位 column writes it
/// (`≤40万元` against `39.07` is 39.07万元). Not where the unit is a size alone (`1.2万`
/// against `12000`: 万 counts nothing the actual could be in), nor where the actual so read
/// is below a tenth or above ten times the target (`50` against `≥1万人`, `0.95` against
/// `≥95万元`): it is then as likely counted without the unit's size, or a slip, and scoring
/// either reading would be a guess, so the pair is refused as one with a side unwritten.
fn bare_actual_in(unit: &str, target: &Quantity, actual: &Quantity) -> bool {
    let (_, counted) = crate::cell::unit_size::split(crate::cell::unit_size::unbracketed(unit));
    if counted.is_empty() {
        return false;
    }
    let (t, a) = (target.value, actual.value);
    if arith::is_not_positive(t) || arith::is_not_positive(a) {
        return true;
    }
    arith::within_tenfold(t, a)
}

/// What is wrong with a 分值 as read, for a leaf and a group alike: points, not a percentage,
/// not below zero, in 分 or no unit, at most a cap (`≤5分`, `不超过5分`: a 加减分's bound) and a
/// note in brackets (`5（扣分）`, `10分（满分）`). `≥20人次` is a target typed in the wrong column.
pub(crate) fn weight_problem(q: &Quantity, text: &str) -> Option<Problem> {
    use crate::comparison::Comparison;
    let unit = q.unit.split(['(', '（']).next().unwrap_or("").trim();
    let cap = matches!(
        q.comparison,
        None | Some(Comparison::AtMost | Comparison::Less)
    );
    if q.percent {
        Some(Problem::PercentWeight)
    } else if arith::is_negative(q.value) {
        Some(Problem::Negative)
    } else if !cap || !matches!(unit, "" | "分") {
        Some(Problem::WeightNotPoints {
            written: text.trim().to_string(),
        })
    } else {
        None
    }
}

/// The comparison a row is scored by: its 比较方式 column's, else (blank or 定性) the one
/// written in its target, else `default`; `Err((column, text))` where the two point different
/// ways (≥ against ≤, = against either). Differing only in strictness (≥ against >), the
/// column's.
pub(crate) fn chosen_comparison(
    column: Option<Comparison>,
    in_text: Option<Comparison>,
    default: Comparison,
) -> Result<Comparison, (Comparison, Comparison)> {
    match (column, in_text) {
        (None | Some(Comparison::Qualitative), text) => Ok(text.unwrap_or(default)),
        (Some(column), Some(text))
            if column.lower_is_better() != text.lower_is_better()
                || (column == Comparison::Equal) != (text == Comparison::Equal) =>
        {
            Err((column, text))
        }
        (Some(column), _) => Ok(column),
    }
}
