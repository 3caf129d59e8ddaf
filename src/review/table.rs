//! The review as a table: every row of the sheet with the unit's figures beside ours, what each
//! difference is and the reviewer's 审核意见; the page's 审核 view and the review workbook are
//! drawn from it, so neither works out a figure or a verdict itself.

use super::figures::{computed, written, FigureField, Place, Value};
use super::{compare, Review, CONVENTIONS};
use crate::arith::plain;
use crate::model::Sheet;
use serde::Serialize;
use std::collections::HashMap;

/// One sheet reviewed, row by row.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ReviewTable {
    pub figures: usize,
    pub reproduced: usize,
    pub explained: usize,
    /// Of the explained, the differences whose convention other figures of the table
    /// contradict (`doubtful`).
    pub doubtful: usize,
    pub unexplained: usize,
    /// Of the unexplained, the slips themselves (the rest follow from them).
    pub slips: usize,
    /// Declared figures with nothing to compare them with, not counted in `figures`.
    pub not_compared: usize,
    /// The counts in words, as the 审核 heads the table with them on the page and in its
    /// workbook; empty when the table declares nothing.
    pub counts: String,
    pub rows: Vec<ReviewRow>,
    /// The conventions that reproduce some difference, most first: each can be applied to the
    /// sheet in one step.
    pub conventions: Vec<ConventionFound>,
    pub sheet_errors: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ConventionFound {
    /// Its place in the list of conventions, to apply it.
    pub index: usize,
    pub id: &'static str,
    pub label: &'static str,
    /// How many differences (at their origin) it reproduces, and of how many.
    pub reproduces: usize,
    pub of: usize,
    /// Figures the table prints as we compute them that would differ under it: when any,
    /// scoring the sheet by it would make the table worse.
    pub contradicts: usize,
}

/// Where a row of the review is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "in", rename_all = "snake_case")]
pub enum RowPlace {
    Node {
        node: usize,
    },
    Funds {
        row: usize,
    },
    Project {
        row: usize,
    },
    /// A 汇总表's 合计.
    Summary,
    Total,
    Grade,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ReviewRow {
    pub place: RowPlace,
    pub name: String,
    pub depth: usize,
    pub leaf: bool,
    pub weight: Option<String>,
    /// The 完成率 (执行率, 预算完成率).
    pub rate: ReviewFigure,
    /// The 得分 (a subtotal, the 总分; on the 等级 row and a 汇总表 row, the grade).
    pub score: ReviewFigure,
    /// The row's 得分 is typed by hand on the row (manual, 定性, 加减分): its own input,
    /// checked against its band, not a separate declared figure.
    pub entered: bool,
    /// The row is 不适用: what it declares is shown as written, not compared.
    pub not_applicable: bool,
    /// What each difference on the row is, in words.
    pub notes: Vec<String>,
    /// Whether the row keeps a 审核意见: every indicator's, and the bottom line's first row
    /// (a 汇总表's 合计, else the 总分), which holds the one the sheet keeps for it.
    pub takes_opinion: bool,
    pub opinion: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ReviewFigure {
    /// As the unit printed it; empty where nothing was declared.
    pub declared: String,
    /// Ours, under the sheet's settings.
    pub computed: Option<String>,
    pub status: FigureStatus,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FigureStatus {
    /// Nothing declared.
    #[default]
    None,
    Reproduced,
    /// Reproduced by a named convention.
    Explained,
    /// Reproduced by a named convention that other figures of the table contradict: it does
    /// not explain the table (`Difference::doubtful`).
    Doubtful,
    /// A slip.
    Unexplained,
    /// Differs because a figure it adds up differs.
    Follows,
    /// Declared where the table has no figure to compare it with (a 完成率 on a row its rule
    /// scores without one): shown, with why, and not counted.
    NotCompared,
}

/// The review of `sheet`, row by row.
pub fn table(sheet: &Sheet) -> ReviewTable {
    let (review, calc, figures) = compare(sheet);
    // The verdicts on each figure, by where it is: its own as an origin, and what it follows
    // from (a figure may follow from several).
    let mut verdicts: HashMap<(Place, FigureField), (FigureStatus, Vec<String>)> = HashMap::new();
    // A figure that follows from several differences is said once, naming them all (总分申报
    // 90.20，因预算完成率得分、…执行率得分的差异而不同): what it is, then the figures it follows.
    let mut follows: Vec<((Place, FigureField), String, Vec<String>)> = Vec::new();
    for d in &review.differences {
        let status = if d.doubtful() {
            FigureStatus::Doubtful
        } else if d.convention.is_some() {
            FigureStatus::Explained
        } else {
            FigureStatus::Unexplained
        };
        let entry = verdicts
            .entry((d.place, d.field))
            .or_insert((status, Vec::new()));
        entry.0 = status;
        entry.1.push(d.message.clone());
        for c in &d.consequences {
            let origin = d.field.describe(&d.name);
            match follows
                .iter_mut()
                .find(|(at, ..)| *at == (c.place, c.field))
            {
                Some((.., origins)) if origins.contains(&origin) => {}
                Some((.., origins)) => origins.push(origin),
                None => follows.push((
                    (c.place, c.field),
                    format!("{}申报{}", c.field.describe(&c.name), c.declared),
                    vec![origin],
                )),
            }
        }
    }
    for (at, figure, origins) in follows {
        let why = format!("{figure}，因{}的差异而不同", origins.join("、"));
        verdicts
            .entry(at)
            .or_insert((FigureStatus::Follows, Vec::new()))
            .1
            .push(why);
    }
    let by_place: HashMap<(Place, FigureField), usize> = figures
        .iter()
        .enumerate()
        .map(|(k, f)| ((f.place, f.field), k))
        .collect();
    let figure = |place: Place, fields: &[FigureField], notes: &mut Vec<String>| {
        let aside = review
            .not_compared
            .iter()
            .find(|n| n.place == place && fields.contains(&n.field));
        if let Some(n) = aside {
            notes.push(n.message.clone());
            return Some((n.declared.clone(), FigureStatus::NotCompared));
        }
        let f = fields
            .iter()
            .find_map(|field| by_place.get(&(place, *field)))
            .map(|&k| &figures[k])?;
        let mut status = FigureStatus::Reproduced;
        if let Some((s, why)) = verdicts.get(&(place, f.field)) {
            status = *s;
            notes.extend(why.iter().cloned());
        }
        Some((f.text.clone(), status))
    };
    let shown = |field: FigureField, v: Option<Value>| v.map(|v| written(&calc, field, &v));
    let make = |text_status: Option<(String, FigureStatus)>, computed: Option<String>| {
        let (declared, status) = text_status.unwrap_or_default();
        ReviewFigure {
            declared,
            computed,
            status,
        }
    };
    let mut rows = Vec::new();
    let other = |place: RowPlace, name: &str| ReviewRow {
        place,
        name: name.to_string(),
        depth: 0,
        leaf: true,
        weight: None,
        rate: ReviewFigure::default(),
        score: ReviewFigure::default(),
        entered: false,
        not_applicable: false,
        notes: Vec::new(),
        takes_opinion: false,
        opinion: String::new(),
    };
    // The 资金 block first, as the forms print it.
    for (k, fund) in sheet.funds.iter().enumerate() {
        let place = Place::Funds(k);
        let mut row = other(RowPlace::Funds { row: k }, &fund.name);
        let rate = figure(place, &[FigureField::FundsRate], &mut row.notes);
        let score = figure(place, &[FigureField::FundsScore], &mut row.notes);
        let ours = calc
            .funds()
            .rows
            .get(k)
            .and_then(|r| r.rate)
            .map(Value::Number);
        row.rate = make(rate, shown(FigureField::FundsRate, ours));
        if let Some(score) = score {
            let probe = figures
                .iter()
                .find(|f| f.place == place && f.field == FigureField::FundsScore);
            let ours = probe.and_then(|f| computed(&calc, f));
            row.score = make(Some(score), shown(FigureField::FundsScore, ours));
        }
        rows.push(row);
    }
    for i in 0..calc.len() {
        let Some(node) = calc.node(i) else { continue };
        let place = Place::Node(i);
        let mut notes = Vec::new();
        let not_applicable = calc.is_not_applicable(i);
        let (rate, score) = if not_applicable {
            // A row 不适用 has left the table: its figures are shown as the unit wrote them.
            let aside = |text: &str| {
                let text = text.trim();
                (!text.is_empty()).then(|| (text.to_string(), FigureStatus::NotCompared))
            };
            let figures = (aside(&node.declared.rate), aside(&node.declared.score));
            if figures.0.is_some() || figures.1.is_some() {
                notes.push("该指标不适用，所填自评数照录，不核对，不计入申报数".to_string());
            }
            figures
        } else {
            let rate = figure(place, &[FigureField::Rate], &mut notes);
            let score = figure(
                place,
                &[FigureField::Score, FigureField::Subtotal],
                &mut notes,
            );
            (rate, score)
        };
        let ours_rate = calc.outcome(i).and_then(|o| o.rate).map(Value::Number);
        let ours_score = calc.score(i).map(Value::Number);
        // A row 不适用 is said so where its score would be, as the form prints it.
        // A group partly scored shows the part, 待定, as the printed form does.
        let ours_score = match shown(FigureField::Score, ours_score) {
            None if calc.is_leaf(i) && calc.is_not_applicable(i) => Some("不适用".to_string()),
            Some(part) if calc.unscored(i) > 0 => Some(format!("{part}（待定）")),
            ours => ours,
        };
        rows.push(ReviewRow {
            place: RowPlace::Node { node: i },
            name: node.name.to_string(),
            depth: calc.depth(i),
            leaf: calc.is_leaf(i),
            weight: calc.weight(i).map(plain),
            rate: make(rate, shown(FigureField::Rate, ours_rate)),
            score: make(score, ours_score),
            entered: node.declared.score.is_empty() && crate::rules::score_is_entered(node),
            not_applicable,
            notes,
            takes_opinion: true,
            opinion: node.opinion.to_string(),
        });
    }
    for (k, project) in sheet.projects.iter().enumerate() {
        let place = Place::Project(k);
        let mut row = other(RowPlace::Project { row: k }, &project.project);
        let rate = figure(place, &[FigureField::Rate], &mut row.notes);
        let grade = figure(place, &[FigureField::Grade], &mut row.notes);
        let line = calc.summary().rows.get(k);
        let ours_rate = line.and_then(|l| l.money.rate).map(Value::Number);
        row.rate = make(rate, shown(FigureField::Rate, ours_rate));
        let ours_grade = line
            .and_then(|l| l.score)
            .map(|s| calc.settings().grade(s).to_string());
        row.score = make(grade, ours_grade);
        // Where a 分值 would be, the 分数 the grade is read from, as typed (89.00, not 89).
        row.weight = line
            .and_then(|l| l.score)
            .map(|score| match project.score.trim() {
                "" => plain(score),
                typed => typed.to_string(),
            });
        rows.push(row);
    }
    // A row of the bottom line is drawn where it has a figure, and where it holds the
    // reviewer's opinion on it (`keep`), which must not vanish with its figures.
    let mut bottom =
        |place: RowPlace, name: &str, field: FigureField, ours: Option<String>, keep: bool| {
            let mut row = other(place, name);
            let value = figure(Place::Sheet, &[field], &mut row.notes);
            if value.is_some() || ours.is_some() || keep {
                if field == FigureField::Rate {
                    row.rate = make(value, ours);
                } else {
                    row.score = make(value, ours);
                }
                rows.push(row);
            }
        };
    if !sheet.projects.is_empty() {
        let ours = calc
            .summary()
            .rate
            .map(|r| written(&calc, FigureField::Rate, &Value::Number(r)));
        let keep = !sheet.declared.opinion.trim().is_empty();
        bottom(RowPlace::Summary, "合计", FigureField::Rate, ours, keep);
    }
    if !calc.is_empty() {
        let total = calc.total().filter(|t| t.complete);
        let ours = total
            .as_ref()
            .map(|t| written(&calc, FigureField::Total, &Value::Number(t.value)));
        // The 总分 row always: the bottom line's opinion is typed there.
        bottom(RowPlace::Total, "总分", FigureField::Total, ours, true);
        bottom(
            RowPlace::Grade,
            "等级",
            FigureField::Grade,
            total.map(|t| t.grade),
            false,
        );
    }
    // The bottom line's first row keeps the reviewer's opinion on it.
    let bottom_line = |r: &ReviewRow| {
        matches!(
            r.place,
            RowPlace::Summary | RowPlace::Total | RowPlace::Grade
        )
    };
    if let Some(row) = rows.iter_mut().find(|r| bottom_line(r)) {
        row.takes_opinion = true;
        row.opinion = sheet.declared.opinion.clone();
    }
    // The 总分 row's 分值 is what the top level adds up to.
    if let Some(row) = rows.iter_mut().find(|r| r.place == RowPlace::Total) {
        row.weight = Some(plain(calc.top_weight()));
    }
    let mut table = ReviewTable {
        figures: review.figures,
        reproduced: review.reproduced,
        explained: review.explained,
        doubtful: review.contradicted(),
        unexplained: review.unexplained,
        slips: review.slips,
        not_compared: review.not_compared.len(),
        counts: String::new(),
        conventions: found(&review),
        rows,
        sheet_errors: review.sheet_errors,
    };
    table.counts = table.said();
    table
}

impl ReviewTable {
    fn said(&self) -> String {
        if self.figures == 0 {
            return match self.not_compared {
                0 => String::new(),
                n => format!("单位填报的 {n} 项均无可核对（见差异说明）"),
            };
        }
        let doubtful = match self.doubtful {
            0 => String::new(),
            n => format!("（其中 {n} 处所按约定与表中其他申报数矛盾，不能解释整张表）"),
        };
        let aside = match self.not_compared {
            0 => String::new(),
            n => format!("；另有 {n} 项无可核对（见差异说明）"),
        };
        format!(
            "申报数 {} 项：与计算一致 {}，按计分约定可复现 {}{doubtful}，无法解释 {}{}{aside}",
            self.figures,
            self.reproduced,
            self.explained,
            self.unexplained,
            super::slips_said(self.unexplained, self.slips)
        )
    }
}

/// The conventions named in a review, with how many of its differences each reproduces.
fn found(review: &Review) -> Vec<ConventionFound> {
    let of = review.differences.len();
    let mut out: Vec<ConventionFound> = Vec::new();
    for d in &review.differences {
        let Some(index) = d.convention_index else {
            continue;
        };
        match out.iter_mut().find(|c| c.index == index) {
            Some(c) => c.reproduces += 1,
            None => out.push(ConventionFound {
                index,
                id: CONVENTIONS[index].id,
                label: CONVENTIONS[index].label,
                reproduces: 1,
                of,
                contradicts: d.contradicted,
            }),
        }
    }
    out.sort_by_key(|c| (c.contradicts, std::cmp::Reverse(c.reproduces)));
    out
}

/// `sheet` scored by convention `index` ([`CONVENTIONS`]); `None` when there is no such
/// convention or the sheet already follows it.
pub fn apply_convention(sheet: &Sheet, index: usize) -> Option<Sheet> {
    CONVENTIONS.get(index)?.apply(sheet)
}
