//! Review mode: a unit's declared figures (完成率, 得分, 小计, 总分, 等级, 执行率) compared with
//! what the calculator works out, each difference explained: a local convention that
//! reproduces it (named, and whether it explains the whole table), the consequence of a
//! difference further down (a wrong leaf → its subtotal → the total → the grade, reported once
//! at its origin), or an arithmetic slip. docs/REVIEW.md documents the result.

mod conventions;
mod figures;
mod table;

pub use conventions::{Convention, CONVENTIONS};
pub use figures::{FigureField, Place};
pub use table::{
    apply_convention, table, ConventionFound, FigureStatus, ReviewFigure, ReviewRow, ReviewTable,
    RowPlace,
};

use crate::arith;
use crate::diagnostic::{Problem, Severity};
use crate::engine::Calculator;
use crate::model::Sheet;
use figures::{
    agrees, computed, declared, entered_problem, nothing_to_compare, path_of, paths, same_grade,
    written, Figure, Value,
};
use rust_decimal::Decimal;
use serde::Serialize;

/// One sheet reviewed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Review {
    /// Declared figures compared; each is counted once in one of the three below.
    pub figures: usize,
    pub reproduced: usize,
    /// Reproduced by a named convention, or following from a difference so reproduced.
    pub explained: usize,
    /// Slips, and what follows from them.
    pub unexplained: usize,
    /// Of the unexplained, the slips themselves, each at its origin; the rest only follow
    /// from one (a subtotal that adds up the unit's own wrong leaf), listed under it.
    pub slips: usize,
    /// Each difference at its origin, with what follows from it.
    pub differences: Vec<Difference>,
    /// Errors in the sheet itself (weights that do not add up …): said, but not differences.
    pub sheet_errors: Vec<String>,
    /// Declared figures with nothing to compare them with (a 完成率 on a row its rule scores
    /// without one): said, not counted among `figures`.
    pub not_compared: Vec<NotCompared>,
}

/// A declared figure where the table has none to compare it with, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NotCompared {
    #[serde(rename = "where")]
    pub at: String,
    pub name: String,
    pub field: FigureField,
    pub declared: String,
    pub message: String,
    #[serde(skip)]
    pub place: Place,
}

impl Review {
    /// The differences a convention reproduces that other figures of the table contradict (a
    /// 9.6 read as rounded to one place, under a declared total that adds up only with 9.63):
    /// the table is not explained by it.
    pub fn contradicted(&self) -> usize {
        self.differences.iter().filter(|d| d.doubtful()).count()
    }
}

/// Which of the unexplained are slips and which only follow from one, as the 审核 says it after
/// their count, on the page (review-panel.js), in its workbook and in `jixiao check`:
/// `（差错 1 处，另有 2 处因之不同）`.
pub fn slips_said(unexplained: usize, slips: usize) -> String {
    match (unexplained, unexplained.saturating_sub(slips)) {
        (0, _) => String::new(),
        (_, 0) => format!("（差错 {slips} 处）"),
        (_, follow) => format!("（差错 {slips} 处，另有 {follow} 处因之不同）"),
    }
}

/// A declared figure that differs from ours, at its origin.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Difference {
    #[serde(rename = "where")]
    pub at: String,
    pub name: String,
    pub field: FigureField,
    pub declared: String,
    /// Under the sheet's own settings; `None` where the calculator has no figure there.
    pub computed: Option<String>,
    /// The convention that reproduces it; `None` for a slip.
    pub convention: Option<&'static str>,
    pub message: String,
    pub consequences: Vec<Consequence>,
    #[serde(skip)]
    pub place: Place,
    /// The convention's variant, to apply it to the sheet ([`CONVENTIONS`]).
    #[serde(skip)]
    pub convention_index: Option<usize>,
    /// How many figures the table prints as we compute them would differ under that
    /// convention: when any, adopting it would make the table worse.
    #[serde(skip)]
    pub contradicted: usize,
}

impl Difference {
    /// Reproduced by a convention that other figures of the table contradict.
    pub fn doubtful(&self) -> bool {
        self.convention.is_some() && self.contradicted > 0
    }
}

/// A declared figure that differs only because a figure it adds up differs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Consequence {
    #[serde(rename = "where")]
    pub at: String,
    pub name: String,
    pub field: FigureField,
    pub declared: String,
    pub computed: Option<String>,
    #[serde(skip)]
    pub place: Place,
}

/// How one declared figure came out.
#[derive(Clone, Debug)]
enum Status {
    Reproduced,
    /// The conventions (indices into [`CONVENTIONS`]) under which it is reproduced.
    Convention(Vec<usize>),
    /// It follows from these figures' differences.
    Consequence(Vec<usize>),
    /// Nothing reproduces it: the reason, in words.
    Slip(String),
}

/// Compares every figure the sheet declares with the calculator's.
pub fn check(sheet: &Sheet) -> Review {
    compare(sheet).0
}

/// [`check`], with the evaluated sheet and the figures it declares, for the review laid out
/// row by row ([`table`]) without evaluating the sheet again.
fn compare(sheet: &Sheet) -> (Review, Calculator, Vec<Figure>) {
    let calc = Calculator::new(sheet.clone());
    let mut figures = Vec::new();
    let mut aside = Vec::new();
    for f in declared(sheet, &calc) {
        match nothing_to_compare(&calc, sheet, &f) {
            Some(why) => aside.push((f, why)),
            None => figures.push(f),
        }
    }
    let mut status: Vec<Status> = figures
        .iter()
        .map(|f| {
            if agrees(&calc, f) {
                Status::Reproduced
            } else {
                Status::Slip(String::new())
            }
        })
        .collect();
    let differing: Vec<usize> = (0..figures.len())
        .filter(|&i| !matches!(status[i], Status::Reproduced))
        .collect();
    // The sheet scored each other way, one at a time and only when something differs: which
    // differences each reproduces, and what in the table it contradicts.
    let mut reproduces: Vec<Vec<usize>> = vec![Vec::new(); CONVENTIONS.len()];
    let mut against = vec![Against::default(); CONVENTIONS.len()];
    if !differing.is_empty() {
        let errors = |c: &Calculator| {
            c.diagnostics()
                .iter()
                .filter(|d| d.severity() == Severity::Error)
                .count()
        };
        let before = errors(&calc);
        for (k, convention) in CONVENTIONS.iter().enumerate() {
            let Some(other) = convention.apply(sheet).map(Calculator::new) else {
                continue;
            };
            // A score typed by hand is checked against its band: a rounding convention would
            // only round it into one.
            reproduces[k] = differing
                .iter()
                .copied()
                .filter(|&i| !(figures[i].entered && convention.rounds()))
                .filter(|&i| figures[i].value.is_some() && agrees(&other, &figures[i]))
                .filter(|&i| grade_of_declared_total(&other, &figures, i))
                .collect();
            if !reproduces[k].is_empty() {
                against[k] = Against {
                    figures: (0..figures.len())
                        .filter(|&i| {
                            matches!(status[i], Status::Reproduced) && !agrees(&other, &figures[i])
                        })
                        .collect(),
                    // A 预算执行率 weighted 20 in a table of 100 no longer adds up.
                    new_errors: errors(&other).saturating_sub(before),
                };
            }
        }
    }
    // Whether a figure follows from others needs only whether they differ, known by now.
    let sums = Sums::new(&calc, &figures, &status);
    let mut named: Vec<Vec<usize>> = vec![Vec::new(); figures.len()];
    for (k, list) in reproduces.iter().enumerate() {
        for &i in list {
            named[i].push(k);
        }
    }
    for i in differing {
        let conventions = std::mem::take(&mut named[i]);
        status[i] = explain(&calc, &figures, &status, &sums, i, conventions);
    }
    let chosen = choose_conventions(&status, &against);
    let mut review = review(&calc, &figures, &status, &chosen, &against);
    let paths = paths(&calc);
    review.not_compared = aside
        .into_iter()
        .map(|(f, message)| NotCompared {
            at: path_of(&paths, f.place, f.field),
            name: f.name,
            field: f.field,
            declared: f.text,
            message,
            place: f.place,
        })
        .collect();
    (review, calc, figures)
}

/// What in the table a convention contradicts.
#[derive(Clone, Debug, Default)]
struct Against {
    /// Figures reproduced as the sheet stands that it does not reproduce.
    figures: Vec<usize>,
    /// Errors the sheet would have under it that it does not have now.
    new_errors: usize,
}

impl Against {
    fn count(&self) -> usize {
        self.figures.len() + self.new_errors
    }
}

/// Why figure `i` differs: what it follows from, a convention, or a slip.
fn explain(
    calc: &Calculator,
    figures: &[Figure],
    status: &[Status],
    sums: &Sums,
    i: usize,
    conventions: Vec<usize>,
) -> Status {
    let f = &figures[i];
    if f.left_blank() {
        let ours = computed(calc, f).map_or_else(String::new, |v| {
            format!("，计算得{}", written(calc, f.field, &v))
        });
        let what = if f.text.is_empty() {
            "未填写".to_string()
        } else {
            format!("填写为“{}”", f.text)
        };
        return Status::Slip(format!(
            "{}{what}{ours}，请补填或核对",
            f.field.describe(&f.name)
        ));
    }
    if f.value.is_none() {
        // What to type instead: a grade is any words, so only a figure can be unreadable.
        let example = if f.field.is_rate() { "96.5%" } else { "9.5" };
        return Status::Slip(format!(
            "{}申报“{}”无法识别：请填写数值，如“{example}”；未申报的请留空",
            f.field.describe(&f.name),
            f.text
        ));
    }
    if let Some(causes) = follows_from(calc, figures, status, sums, i) {
        return Status::Consequence(causes);
    }
    if !conventions.is_empty() {
        return Status::Convention(conventions);
    }
    Status::Slip(slip_words(calc, figures, sums, i))
}

/// The declared figures below a group (or at the top, for the total) that differ, when the
/// figure equals the sum of its parts as the unit declared them: it is then right by its own
/// parts and differs only because they do. Likewise a grade that is the grade of the declared
/// total, and a score that is W × the declared rate.
fn follows_from(
    calc: &Calculator,
    figures: &[Figure],
    status: &[Status],
    sums: &Sums,
    i: usize,
) -> Option<Vec<usize>> {
    let f = &figures[i];
    let Some(Value::Number(declared)) = &f.value else {
        return grade_follows(calc, figures, status, i);
    };
    // The unit's sum with each 得分 it left blank as ours (it added up figures it did not
    // print), else as nothing (it added up what it printed).
    let follows = |rows: Vec<usize>, total: bool| -> Option<Vec<usize>> {
        let (blank, left) = sums.blank_in(&rows)?;
        let sum = |less| {
            if total {
                declared_total(calc, sums, less)
            } else {
                let (sum, causes) = sums.of(&mut rows.iter().copied())?;
                Some((arith::sub(sum, less).ok()?, causes))
            }
        };
        let (as_ours, causes) = sum(Decimal::ZERO)?;
        if as_ours == *declared && !causes.is_empty() {
            return Some(causes);
        }
        let (as_nothing, causes) = sum(blank)?;
        (!left.is_empty() && as_nothing == *declared).then(|| [causes, left].concat())
    };
    match (f.place, f.field) {
        (Place::Node(g), FigureField::Subtotal) => follows(calc.children(g).collect(), false),
        (Place::Sheet, FigureField::Total) => follows(calc.top_level().collect(), true),
        (Place::Node(n), FigureField::Score) if !f.entered => {
            // W × the declared rate, at most W, rounded as the sheet rounds.
            let rate_at = sums.index.get(n)?.rate?;
            let Some(Value::Number(rate)) = figures[rate_at].value else {
                return None;
            };
            if matches!(status[rate_at], Status::Reproduced) {
                return None;
            }
            let outcome = calc.outcome(n)?;
            outcome.rate?;
            let w = outcome.weight?;
            let score = arith::mul_div(w, rate, Decimal::ONE_HUNDRED).ok()?.min(w);
            (calc.settings().round_score(score) == *declared).then(|| vec![rate_at])
        }
        _ => None,
    }
}

/// The total as the unit's own figures make it: the top level's sum (`less` the 得分 it left
/// blank, where it added up only what it printed), rescaled for 不适用 rows as the sheet's
/// total is (Σ ÷ applicable weight × full weight, then the 加减分); and the declared figures
/// in it that differ.
fn declared_total(calc: &Calculator, sums: &Sums, less: Decimal) -> Option<(Decimal, Vec<usize>)> {
    let (sum, causes) = sums.of(&mut calc.top_level())?;
    let sum = arith::sub(sum, less).ok()?;
    let Some(r) = calc.total()?.rescale else {
        return Some((sum, causes));
    };
    let scored = arith::sub(sum, r.adjustment).ok()?;
    let rescaled = arith::mul_div(scored, r.full_weight, r.applicable_weight).ok()?;
    let total = arith::add(calc.settings().round_score(rescaled), r.adjustment).ok()?;
    Some((total, causes))
}

/// Where each row's declared figures are in the list.
#[derive(Clone, Copy, Debug, Default)]
struct RowFigures {
    rate: Option<usize>,
    /// A declared score or subtotal.
    score: Option<usize>,
    /// A score typed by hand on the row.
    entered: Option<usize>,
}

/// Every row's score as the unit's table adds it up: its declared score or subtotal, else for
/// a group the sum of its rows' so taken, else ours; and the declared figures in it that differ.
struct Sums {
    index: Vec<RowFigures>,
    value: Vec<Option<Decimal>>,
    causes: Vec<Vec<usize>>,
    /// Whether the row's value rests on a score or subtotal the unit declared, not only ours.
    declared: Vec<bool>,
    /// Ours of the 得分 the unit left blank in the row's value, and those figures.
    blank: Vec<(Decimal, Vec<usize>)>,
}

impl Sums {
    fn new(calc: &Calculator, figures: &[Figure], status: &[Status]) -> Sums {
        let n = calc.len();
        let mut index = vec![RowFigures::default(); n];
        for (k, f) in figures.iter().enumerate() {
            if let Place::Node(i) = f.place {
                let slot = &mut index[i];
                match (f.field, f.entered) {
                    (FigureField::Rate, _) => slot.rate = Some(k),
                    (_, true) => slot.entered = Some(k),
                    _ => slot.score = Some(k),
                }
            }
        }
        let mut sums = Sums {
            index,
            value: vec![None; n],
            causes: vec![Vec::new(); n],
            declared: vec![false; n],
            blank: vec![(Decimal::ZERO, Vec::new()); n],
        };
        let differs = |k: usize| !matches!(status[k], Status::Reproduced);
        // Rows after their parents: backwards, every row's children are done before it.
        for i in (0..n).rev() {
            let row = sums.index[i];
            let declared = row.score.and_then(|k| match &figures[k].value {
                Some(Value::Number(v)) => Some((k, *v)),
                _ => None,
            });
            sums.blank[i] = match row.score {
                Some(k) if figures[k].left_blank() => {
                    (calc.score(i).unwrap_or(Decimal::ZERO), vec![k])
                }
                _ if declared.is_none() && !calc.is_leaf(i) => {
                    let rows: Vec<usize> = calc.children(i).collect();
                    sums.blank_in(&rows).unwrap_or_default()
                }
                _ => (Decimal::ZERO, Vec::new()),
            };
            let (value, causes) = match declared {
                Some((k, v)) => (Some(v), if differs(k) { vec![k] } else { Vec::new() }),
                None if calc.is_leaf(i) => {
                    let entered = row.entered.filter(|&k| differs(k));
                    let value = calc.score(i).or_else(|| match row.entered {
                        Some(k) => match &figures[k].value {
                            Some(Value::Number(v)) => Some(*v),
                            _ => None,
                        },
                        None => None,
                    });
                    (value, entered.into_iter().collect())
                }
                None => match sums.of(&mut calc.children(i)) {
                    Some((v, c)) => (Some(v), c),
                    None => (None, Vec::new()),
                },
            };
            sums.value[i] = value;
            sums.causes[i] = causes;
            sums.declared[i] = declared.is_some()
                || !calc.is_leaf(i) && calc.children(i).any(|c| sums.declared[c]);
        }
        sums
    }

    /// Ours of the 得分 the unit left blank in these rows' values, and those figures.
    fn blank_in(&self, rows: &[usize]) -> Option<(Decimal, Vec<usize>)> {
        let mut sum = Decimal::ZERO;
        let mut left = Vec::new();
        for &row in rows {
            let (value, figures) = self.blank.get(row)?;
            sum = arith::add(sum, *value).ok()?;
            left.extend_from_slice(figures);
        }
        Some((sum, left))
    }

    /// Whether any of these rows' values rests on a figure the unit declared.
    fn any_declared(&self, mut rows: impl Iterator<Item = usize>) -> bool {
        rows.any(|row| self.declared.get(row).copied().unwrap_or(false))
    }

    /// Whether every row that applies under `row` (or it, a leaf) has a figure: a sum of them
    /// is the whole of it, not a part. A 加减分 row we cannot score is not known: its typed
    /// figure read as a number loses its sign (扣6分), and a rescaled total treats it apart.
    fn known(&self, calc: &Calculator, row: usize) -> bool {
        let adjustment_unscored = || {
            calc.score(row).is_none()
                && calc
                    .node(row)
                    .is_some_and(|n| matches!(n.rule, Some(crate::model::Rule::Adjustment(_))))
        };
        calc.is_not_applicable(row)
            || if calc.is_leaf(row) {
                self.value.get(row).is_some_and(Option::is_some) && !adjustment_unscored()
            } else {
                calc.children(row).all(|c| self.known(calc, c))
            }
    }

    /// The sum of these rows (不适用 rows left out), and the differing figures in it.
    fn of(&self, rows: &mut dyn Iterator<Item = usize>) -> Option<(Decimal, Vec<usize>)> {
        let mut sum = Decimal::ZERO;
        let mut causes = Vec::new();
        for row in rows {
            let Some(v) = self.value.get(row)? else {
                continue;
            };
            sum = arith::add(sum, *v).ok()?;
            causes.extend_from_slice(&self.causes[row]);
        }
        Some((sum, causes))
    }
}

/// A declared subtotal (or total) where the rows below do not add up to its 分值 (a row added
/// in Excel and the 分值 left): our sum of their scores can then exceed the 分值, so the figure
/// cannot be checked, and is not an addition error. Says so, and whether the unit scaled the
/// rows' sum to the 分值. `parts` is the sum of the rows as the unit declared them.
fn weights_apart(calc: &Calculator, f: &Figure, parts: Option<Decimal>) -> Option<String> {
    let (weight, parts_weight, who, level) = match (f.place, f.field) {
        (Place::Node(g), FigureField::Subtotal) => {
            let (weight, children) =
                calc.diagnostics_at(g)
                    .into_iter()
                    .find_map(|d| match d.problem {
                        Problem::WeightMismatch { declared, children } => {
                            Some((declared, children))
                        }
                        _ => None,
                    })?;
            (weight, children, format!("{}小计", f.name), "下级指标")
        }
        (Place::Sheet, FigureField::Total) => {
            let (expected, found) =
                calc.diagnostics()
                    .into_iter()
                    .find_map(|d| match d.problem {
                        Problem::TotalWeightMismatch { expected, found } => Some((expected, found)),
                        _ => None,
                    })?;
            (expected, found, "总分".to_string(), "一级指标")
        }
        _ => return None,
    };
    let Some(Value::Number(declared)) = f.value else {
        return None;
    };
    let sum = parts.or_else(|| match computed(calc, f)? {
        Value::Number(v) => Some(v),
        _ => None,
    })?;
    let scaled = arith::mul_div(sum, weight, parts_weight)
        .ok()
        .map(|v| calc.settings().round_score(v));
    let (sum, weight, parts_weight) = (
        arith::plain(sum),
        arith::plain(weight),
        arith::plain(parts_weight),
    );
    let how = if scaled == Some(declared) {
        format!("，是其下各项得分{sum}按分值折算（{sum}×{weight}÷{parts_weight}）")
    } else {
        format!("，其下各项得分合计{sum}")
    };
    Some(format!(
        "{who}申报{}{how}；{level}分值合计{parts_weight}与分值{weight}不一致，本表无法核对{}：请先调整分值，使{level}分值合计为{weight}",
        f.text,
        f.field.label()
    ))
}

/// Whether figure `i`, when it is the declared grade, is the grade `calc` gives the declared
/// total (true for any other figure, or with no total declared). A way of scoring that gives
/// the declared grade from another total (良 for seed 003 once every score is cut, while the
/// unit's own 总分 90.25 is 优) does not reproduce it: the grade contradicts the unit's total.
fn grade_of_declared_total(calc: &Calculator, figures: &[Figure], i: usize) -> bool {
    let f = &figures[i];
    let (Some(Value::Grade(grade)), Place::Sheet) = (&f.value, f.place) else {
        return true;
    };
    let total = figures
        .iter()
        .find(|t| t.place == Place::Sheet && t.field == FigureField::Total);
    match total.and_then(|t| t.value.as_ref()) {
        Some(Value::Number(total)) => same_grade(calc.settings().grade(*total), grade),
        _ => true,
    }
}

/// A declared grade that is the grade of the declared total.
fn grade_follows(
    calc: &Calculator,
    figures: &[Figure],
    status: &[Status],
    i: usize,
) -> Option<Vec<usize>> {
    let f = &figures[i];
    let (Some(Value::Grade(grade)), Place::Sheet) = (&f.value, f.place) else {
        return None;
    };
    let total_at = figures
        .iter()
        .position(|t| t.place == Place::Sheet && t.field == FigureField::Total)?;
    let Some(Value::Number(total)) = figures[total_at].value else {
        return None;
    };
    let differs = !matches!(status[total_at], Status::Reproduced);
    (differs && same_grade(calc.settings().grade(total), grade)).then(|| vec![total_at])
}

/// The mean of a 汇总表's rows' 预算完成率, as its rates are rounded: the 合计 rate a table
/// gives when it averages the column instead of dividing its sums (DOMAIN.md §2).
fn mean_of_rates(calc: &Calculator) -> Option<Value> {
    let rates: Vec<Decimal> = calc
        .summary()
        .rows
        .iter()
        .filter_map(|r| r.money.rate)
        .collect();
    let n = Decimal::from(u32::try_from(rates.len()).ok().filter(|&n| n > 1)?);
    let sum = rates
        .iter()
        .try_fold(Decimal::ZERO, |s, r| arith::add(s, *r).ok())?;
    let mean = arith::mul_div(sum, Decimal::ONE, n).ok()?;
    Some(Value::Number(calc.settings().round_rate(mean)))
}

/// A slip in words: what was declared, what it should be, and where the difference lies.
fn slip_words(calc: &Calculator, figures: &[Figure], sums: &Sums, i: usize) -> String {
    let f = &figures[i];
    let label = f.field.label();
    if f.entered {
        let problem = entered_problem(calc, f).unwrap_or_default();
        return format!(
            "{}得分{}：{problem}；任何已知计分约定下都不在此范围内",
            f.name, f.text
        );
    }
    let ours = computed(calc, f).map(|v| written(calc, f.field, &v));
    // An addition error needs parts the unit declared: with none, the sum below is ours.
    // Not computed here (a row below cannot be scored), a sum is still checked against the
    // rows as the unit filled them (a score typed on a 手动评分 row too), as a reviewer would
    // add them up by hand, once every row under it has a figure.
    let parts_of = |declared: &dyn Fn(&[usize]) -> bool| match (f.place, f.field) {
        (Place::Node(g), FigureField::Subtotal) if declared(&Vec::from_iter(calc.children(g))) => {
            sums.of(&mut calc.children(g))
        }
        (Place::Sheet, FigureField::Total) if declared(&Vec::from_iter(calc.top_level())) => {
            declared_total(calc, sums, Decimal::ZERO)
        }
        _ => None,
    };
    let rescaled =
        f.field == FigureField::Total && calc.total().is_some_and(|t| t.rescale.is_some());
    let summed = if rescaled {
        "扣除不适用项后折算为"
    } else {
        "合计"
    };
    let Some(ours) = ours else {
        let who = f.field.describe(&f.name);
        let parts = parts_of(&|rows| rows.iter().all(|&r| sums.known(calc, r)));
        // Rows whose 分值 do not add up to the group's: no sum of theirs checks it.
        if let Some(words) = weights_apart(calc, f, parts.as_ref().map(|(sum, _)| *sum)) {
            return words;
        }
        return match parts {
            Some((sum, _)) if f.value != Some(Value::Number(sum)) => format!(
                "{who}申报{}，其下各项得分（按申报数）{summed}{}：{label}加总有误（其下有未能计分的行，本表此处无法计算）",
                f.text,
                arith::plain(sum)
            ),
            _ => format!(
                "{who}申报{}，本表此处无法计算：请先处理检查中指出的问题",
                f.text
            ),
        };
    };
    let parts = parts_of(&|rows| sums.any_declared(rows.iter().copied()));
    if let Some(words) = weights_apart(calc, f, parts.as_ref().map(|(sum, _)| *sum)) {
        return words;
    }
    if let Some((sum, _)) = parts {
        return format!(
            "{}申报{}，其下各项得分（按申报数）{summed}{}，按本表计算为{ours}：{label}加总有误",
            if f.field == FigureField::Total {
                "总分".to_string()
            } else {
                format!("{}小计", f.name)
            },
            f.text,
            arith::plain(sum)
        );
    }
    match (f.place, f.field) {
        (Place::Sheet, FigureField::Rate) if f.value.as_ref() == mean_of_rates(calc).as_ref() => {
            let s = calc.summary();
            format!(
                "合计预算完成率申报{}，是各项目完成率的简单平均；合计行应按合计数计算：完成数合计{} ÷ 预算数合计{} = {ours}：计算方法有误",
                f.text,
                crate::diagnostic::money(&s.spent),
                crate::diagnostic::money(&s.budget)
            )
        }
        (Place::Sheet, FigureField::Grade) | (Place::Project(_), FigureField::Grade) => format!(
            "{}申报“{}”，按{}与等级区间应为“{ours}”：等级与分数不符",
            if f.place == Place::Sheet {
                "等级"
            } else {
                f.name.as_str()
            },
            f.text,
            if f.place == Place::Sheet {
                "总分"
            } else {
                "分数"
            }
        ),
        (Place::Node(n), FigureField::Score | FigureField::Rate) => {
            let how = calc.node_report(n).derivation.unwrap_or_default();
            // A score above the row's 分值 is none its rule gives, where the rule stops at the
            // 分值 (a sheet whose 预算执行率 is not capped scores above it itself).
            let capped = calc
                .weight(n)
                .filter(|&w| calc.score(n).is_some_and(|s| s <= w));
            let over = match (f.field, &f.value, capped) {
                (FigureField::Score, Some(Value::Number(v)), Some(w)) if *v > w => {
                    format!("，超过分值{}", arith::plain(w))
                }
                _ => String::new(),
            };
            format!(
                "{}申报{}{over}，按本表规则应为{ours}（{how}）；没有已知计分约定能复现：应属计算或填报差错",
                f.field.describe(&f.name),
                f.text
            )
        }
        _ => format!(
            "{}申报{}，按本表计算为{ours}；没有已知计分约定能复现：应属计算或填报差错",
            f.field.describe(&f.name),
            f.text
        ),
    }
}

/// For each figure a convention reproduces, the one convention to name: of those that
/// reproduce it, the one the rest of the table contradicts least, then the one reproducing the
/// most differences of the table (ties: the first listed).
fn choose_conventions(status: &[Status], against: &[Against]) -> Vec<Option<usize>> {
    let mut reach = vec![0usize; CONVENTIONS.len()];
    for s in status {
        if let Status::Convention(ks) = s {
            for &k in ks {
                reach[k] += 1;
            }
        }
    }
    status
        .iter()
        .map(|s| match s {
            Status::Convention(ks) => ks.iter().copied().max_by_key(|&k| {
                (
                    std::cmp::Reverse(against[k].count()),
                    reach[k],
                    std::cmp::Reverse(k),
                )
            }),
            _ => None,
        })
        .collect()
}

/// The figures at the root of figure `i`'s difference (itself, unless it follows from others).
fn roots(status: &[Status], i: usize) -> Vec<usize> {
    let mut out = Vec::new();
    let mut stack = vec![i];
    let mut seen = std::collections::HashSet::new();
    while let Some(k) = stack.pop() {
        if !seen.insert(k) {
            continue;
        }
        match &status[k] {
            Status::Consequence(causes) => stack.extend(causes),
            _ => out.push(k),
        }
    }
    out.sort_unstable();
    out
}

fn review(
    calc: &Calculator,
    figures: &[Figure],
    status: &[Status],
    chosen: &[Option<usize>],
    against: &[Against],
) -> Review {
    let paths = paths(calc);
    let computed_text = |f: &Figure| computed(calc, f).map(|v| written(calc, f.field, &v));
    let origins: Vec<usize> = (0..figures.len())
        .filter(|&i| matches!(status[i], Status::Convention(_) | Status::Slip(_)))
        .collect();
    let mut out = Review {
        figures: figures.len(),
        reproduced: 0,
        explained: 0,
        unexplained: 0,
        slips: 0,
        differences: Vec::new(),
        // As the page's 检查 counts them: rows not scored yet are 待填, not errors of the table.
        sheet_errors: calc
            .diagnostics()
            .iter()
            .filter(|d| d.severity() == Severity::Error && d.problem.code() != "incomplete")
            .map(|d| format!("{}：{}", calc.place(&d.at), d.message()))
            .collect(),
        not_compared: Vec::new(),
    };
    // How many differences each convention (variant) is named for.
    let mut named = vec![0usize; CONVENTIONS.len()];
    for k in origins.iter().filter_map(|&o| chosen[o]) {
        named[k] += 1;
    }
    let mut under: Vec<Vec<usize>> = vec![Vec::new(); figures.len()];
    for (i, s) in status.iter().enumerate() {
        match s {
            Status::Reproduced => out.reproduced += 1,
            Status::Convention(_) => out.explained += 1,
            Status::Slip(_) => {
                out.unexplained += 1;
                out.slips += 1;
            }
            Status::Consequence(_) => {
                let from = roots(status, i);
                if from
                    .iter()
                    .all(|&r| matches!(status[r], Status::Convention(_)))
                {
                    out.explained += 1;
                } else {
                    out.unexplained += 1;
                }
                for r in from {
                    under[r].push(i);
                }
            }
        }
    }
    for &i in &origins {
        let f = &figures[i];
        let computed = computed_text(f);
        let message = match (&status[i], chosen[i]) {
            (Status::Slip(words), _) => words.clone(),
            (_, Some(k)) => {
                let c = &CONVENTIONS[k];
                let same = named[k];
                let reach = match (against[k].figures.first(), against[k].new_errors) {
                    (Some(&o), _) => format!(
                        "但本表另有{}处申报数按此约定并不成立，如{}申报{}：此约定不能解释整张表",
                        against[k].figures.len(),
                        figures[o].field.describe(&figures[o].name),
                        figures[o].text
                    ),
                    (None, n) if n > 0 => format!(
                        "但按此约定本表会多出{n}处错误（如分值合计不符）：此约定不能解释整张表"
                    ),
                    _ if same == origins.len() => {
                        format!("本表全部{}处差异均由此约定复现", origins.len())
                    }
                    _ => format!(
                        "此约定复现本表{}处差异中的{same}处，与其余申报数不矛盾",
                        origins.len()
                    ),
                };
                format!(
                    "{}申报{}，按本表设置计算为{}；按“{}”可复现（{reach}）",
                    f.field.describe(&f.name),
                    f.text,
                    computed.as_deref().unwrap_or("—"),
                    c.label
                )
            }
            _ => String::new(),
        };
        // In the order the difference travels: the nearest group first, up to the total, then
        // the grade.
        let mut travel = under[i].clone();
        travel.sort_by_key(|&c| {
            let f = &figures[c];
            let step = match (f.place, f.field) {
                (Place::Node(n), _) => usize::MAX / 2 - calc.depth(n),
                (Place::Funds(_) | Place::Project(_), _) => usize::MAX / 2,
                (Place::Sheet, FigureField::Grade) => usize::MAX,
                (Place::Sheet, _) => usize::MAX - 1,
            };
            (step, c)
        });
        let consequences = travel
            .iter()
            .map(|&c| {
                let cf = &figures[c];
                Consequence {
                    at: path_of(&paths, cf.place, cf.field),
                    name: cf.name.clone(),
                    field: cf.field,
                    declared: cf.text.clone(),
                    computed: computed_text(cf),
                    place: cf.place,
                }
            })
            .collect();
        out.differences.push(Difference {
            at: path_of(&paths, f.place, f.field),
            name: f.name.clone(),
            field: f.field,
            declared: f.text.clone(),
            computed: if f.entered { None } else { computed },
            convention: chosen[i].map(|k| CONVENTIONS[k].id),
            message,
            consequences,
            place: f.place,
            convention_index: chosen[i],
            contradicted: chosen[i].map_or(0, |k| against[k].count()),
        });
    }
    out
}
