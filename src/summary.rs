//! The 汇总表 (seed 000): one row per project, the 合计 row and the grade distribution.
//!
//! The 合计 rate is the rate of the sums, Σ完成数 ÷ Σ预算数, never the mean of the rates.
//!
//! A project without a score (and without a grade typed) is in no grade of the distribution:
//! the 合计 counts it apart, as 无分数 ([`SummaryResult::no_score`], [`NO_SCORE`]). A row that
//! comes from a workbook's sheet not yet fully scored, or with errors, says why in its 分数:
//! [`PENDING`], written by `engine::row_from_sheet`. A row typed into a 汇总表 is the user's and
//! is shown as typed: its 分数 left blank stays blank in every form, file and table (jixiao
//! does not know why it is blank), and it is counted as 无分数 all the same.

use crate::arith;
use crate::cell::{parse_cell, Cell, CellError};
use crate::diagnostic::{Diagnostic, Location, Problem, RowField};
use crate::funds::{budget_line, BudgetLine};
use crate::model::{GradeBand, ProjectRow};
use crate::settings::Resolved;
use crate::workbook::name_key;
use rust_decimal::Decimal;
use std::borrow::Cow;

/// The 分数 of a project that has no score yet: what a 汇总表 row from a workbook's sheet not
/// yet fully scored, or with errors, holds (`engine::row_from_sheet`), so that every form,
/// file and table written from the 汇总表 says it as the page does. Read back (a 汇总表 written
/// by jixiao, or typed by the user) as no score, without a finding.
pub const PENDING: &str = "待定";

/// What the 合计's grade distribution calls the projects in no grade (see
/// [`SummaryResult::no_score`]).
pub const NO_SCORE: &str = "无分数";

/// One evaluated project row.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProjectLine {
    pub money: BudgetLine,
    pub score: Option<Decimal>,
    /// The grade of the score (or the printed grade when there is no score).
    pub grade: Option<String>,
    /// Whether its amounts count in the 合计 (both readable, or both blank).
    pub in_sums: bool,
}

impl ProjectLine {
    /// Whether the row is in no grade of the distribution: no score, and no grade typed.
    pub fn no_score(&self) -> bool {
        self.grade.is_none()
    }
}

/// The evaluated 汇总表.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SummaryResult {
    pub rows: Vec<ProjectLine>,
    /// Σ预算数 over the rows with a readable budget.
    pub budget: Decimal,
    /// Σ完成数 over the rows with a readable amount.
    pub spent: Decimal,
    /// Σ完成数 ÷ Σ预算数, in percent.
    pub rate: Option<Decimal>,
    /// Count per grade, in the order of the grade bands (highest first).
    pub grades: Vec<(String, usize)>,
    /// How many rows are out of the sums (not [`ProjectLine::in_sums`]): a 预算数 or 完成数
    /// that cannot be read, or one of the two blank. The 合计 says it leaves them out.
    pub out_of_sums: usize,
    /// How many rows are in no grade ([`ProjectLine::no_score`]): a sheet not yet fully
    /// scored or with errors ([`PENDING`]), a typed row whose 分数 is blank, 待定 or cannot be
    /// read and whose 等级 is blank. The grades and these add up to the rows.
    pub no_score: usize,
    /// Mean, lowest and highest score over the rows with a score.
    pub mean_score: Option<Decimal>,
    pub min_score: Option<Decimal>,
    pub max_score: Option<Decimal>,
    pub diagnostics: Vec<Diagnostic>,
    /// Rows naming the 单位 and 项目 of an earlier row, or numbered by its 序号
    /// (`same_projects`), kept apart from the rows' own findings: an edit of one row's names
    /// or 序号 can change another's.
    pub same_project: Vec<Diagnostic>,
    /// Σ of the scores and how many rows have one, for the mean after one row changes.
    score_sum: Decimal,
    scored: usize,
}

pub fn evaluate(projects: &[ProjectRow], settings: &Resolved) -> SummaryResult {
    let out = SummaryResult {
        grades: settings
            .grade_bands
            .iter()
            .map(|(g, _)| (g.clone(), 0))
            .collect(),
        ..SummaryResult::default()
    };
    if projects.is_empty() {
        return out;
    }
    evaluate_projects(projects, settings, out)
}

/// The 汇总表 of a sheet that has one. Its own function, so that opening any other sheet does
/// not have the browser compile it (wasm functions are compiled when first called).
#[inline(never)]
fn evaluate_projects(
    projects: &[ProjectRow],
    settings: &Resolved,
    mut out: SummaryResult,
) -> SummaryResult {
    for (i, row) in projects.iter().enumerate() {
        let line = read_row(i, row, settings, &mut out.diagnostics);
        out.count(&line, Sign::Add);
        out.rows.push(line);
    }
    out.finish(settings);
    out.find_extremes();
    out.same_project = same_projects(projects);
    out
}

/// A row's 单位 and 项目 as two rows of one project compare (full- and half-width alike, spaces
/// left out: [`name_key`]); none for a row without a 项目名称. What the repeat check and a
/// pasted 汇总表 (the row it updates) both ask.
pub fn project_key(row: &ProjectRow) -> Option<(Cow<'_, str>, Cow<'_, str>)> {
    let project = name_key(&row.project);
    (!project.is_empty()).then(|| (name_key(&row.unit), project))
}

/// The rows that name the 单位 and 项目 of an earlier row (as compared by [`name_key`]): one
/// project counted twice in the 合计 and the grades (a unit's form opened beside the copy
/// already in the workbook). And those whose 序号 is an earlier row's (as compared the same
/// way: ３ and 3 are one): typed, it is kept as typed, and the duplicate said at the cell.
pub fn same_projects(projects: &[ProjectRow]) -> Vec<Diagnostic> {
    let mut first = std::collections::HashMap::new();
    let mut numbered = std::collections::HashMap::new();
    let mut out = Vec::new();
    for (i, row) in projects.iter().enumerate() {
        // A dash or `/` for no number is no 序号 either.
        let seq = match parse_cell(&row.seq) {
            Ok(Cell::Blank) => Cow::Borrowed(""),
            _ => name_key(&row.seq),
        };
        if !seq.is_empty() {
            if let Some(&at) = numbered.get(&seq) {
                out.push(Diagnostic::new(
                    Location::Project {
                        row: i,
                        field: RowField::Seq,
                    },
                    Problem::SameSeq {
                        first_row: at + 1,
                        seq: row.seq.trim().to_string(),
                    },
                ));
            } else {
                numbered.insert(seq, i);
            }
        }
        let Some(key) = project_key(row) else {
            continue;
        };
        if let Some(&at) = first.get(&key) {
            out.push(Diagnostic::new(
                Location::Project {
                    row: i,
                    field: RowField::Name,
                },
                Problem::SameProject { first_row: at + 1 },
            ));
        } else {
            first.insert(key, i);
        }
    }
    out
}

impl SummaryResult {
    /// Row `i` typed again: its line and findings replaced, and the 合计 adjusted by the
    /// difference, as a sheet's total is after one edit, so that a keystroke in a 汇总表 of
    /// thousands of projects costs the same as in one of ten. The same result as evaluating
    /// every row again (tested), which is what happens when a sum would overflow.
    pub fn replace(&mut self, i: usize, row: &ProjectRow, settings: &Resolved) {
        let mut found = Vec::new();
        let line = read_row(i, row, settings, &mut found);
        let old = std::mem::replace(&mut self.rows[i], line.clone());
        let banded = |l: &ProjectLine| {
            l.grade
                .as_ref()
                .is_none_or(|g| settings.grade_bands.iter().any(|(b, _)| b == g))
        };
        let recounted = !banded(&old)
            || !banded(&line)
            || !self.count(&old, Sign::Sub)
            || !self.count(&line, Sign::Add);
        if recounted {
            // A grade typed outside the bands is listed where it first occurs: count afresh.
            self.recount(settings);
        }
        let at = |d: &Diagnostic| matches!(d.at, Location::Project { row, .. } if row == i);
        let start = self
            .diagnostics
            .iter()
            .position(|d| matches!(d.at, Location::Project { row, .. } if row >= i))
            .unwrap_or(self.diagnostics.len());
        let end = start
            + self.diagnostics[start..]
                .iter()
                .take_while(|d| at(d))
                .count();
        self.diagnostics.splice(start..end, found);
        self.finish(settings);
        // The lowest and highest score move with the new one, unless the row held one of them
        // and its score changed: only then are the rows looked through again.
        let held = |s: Option<Decimal>| s.is_some() && (s == self.min_score || s == self.max_score);
        if recounted || (old.score != line.score && held(old.score)) {
            self.find_extremes();
        } else if let Some(s) = line.score {
            self.min_score = Some(self.min_score.map_or(s, |m| m.min(s)));
            self.max_score = Some(self.max_score.map_or(s, |m| m.max(s)));
        }
    }

    /// The sums, counts and scores of every row again (the rows' lines kept).
    fn recount(&mut self, settings: &Resolved) {
        self.budget = Decimal::ZERO;
        self.spent = Decimal::ZERO;
        self.score_sum = Decimal::ZERO;
        self.scored = 0;
        self.no_score = 0;
        self.out_of_sums = 0;
        self.grades = settings
            .grade_bands
            .iter()
            .map(|(g, _)| (g.clone(), 0))
            .collect();
        let rows = std::mem::take(&mut self.rows);
        for line in &rows {
            self.count(line, Sign::Add);
        }
        self.rows = rows;
    }

    /// Adds a row's figures to the 合计 (or takes them away). False when a sum would leave
    /// the range of a decimal, where only summing from the first row gives the figure shown.
    fn count(&mut self, line: &ProjectLine, sign: Sign) -> bool {
        let step = |sum: Decimal, x: Decimal| match sign {
            Sign::Add => sum.saturating_add(x),
            Sign::Sub => sum.checked_sub(x).unwrap_or(Decimal::MIN),
        };
        let extreme = |d: Decimal| d == Decimal::MAX || d == Decimal::MIN;
        if let Some(g) = &line.grade {
            match (self.grades.iter_mut().find(|(name, _)| name == g), sign) {
                (Some((_, n)), Sign::Add) => *n += 1,
                (Some((_, n)), Sign::Sub) => *n = n.saturating_sub(1),
                (None, Sign::Add) => self.grades.push((g.clone(), 1)),
                (None, Sign::Sub) => return false,
            }
        } else {
            self.no_score = match sign {
                Sign::Add => self.no_score + 1,
                Sign::Sub => self.no_score.saturating_sub(1),
            };
        }
        if let Some(s) = line.score {
            self.score_sum = step(self.score_sum, s);
            self.scored = match sign {
                Sign::Add => self.scored + 1,
                Sign::Sub => self.scored.saturating_sub(1),
            };
        }
        if line.in_sums {
            self.budget = step(self.budget, line.money.budget.unwrap_or_default());
            self.spent = step(self.spent, line.money.spent.unwrap_or_default());
        } else {
            self.out_of_sums = match sign {
                Sign::Add => self.out_of_sums + 1,
                Sign::Sub => self.out_of_sums.saturating_sub(1),
            };
        }
        ![self.budget, self.spent, self.score_sum]
            .into_iter()
            .any(extreme)
    }

    /// The rate of the sums and the mean score, from the sums.
    fn finish(&mut self, settings: &Resolved) {
        self.rate = (self.budget > Decimal::ZERO)
            .then(|| arith::mul_div(self.spent, Decimal::ONE_HUNDRED, self.budget).ok())
            .flatten()
            .map(|r| settings.round_rate(r));
        self.mean_score = (self.scored > 0)
            .then(|| arith::div(self.score_sum, Decimal::from(self.scored)).ok())
            .flatten()
            .map(|m| settings.round_score(m));
    }

    /// The lowest and highest score, from every row.
    fn find_extremes(&mut self) {
        let scores = || self.rows.iter().filter_map(|l| l.score);
        self.min_score = scores().min();
        self.max_score = scores().max();
    }
}

#[derive(Clone, Copy)]
enum Sign {
    Add,
    Sub,
}

/// One project row read: its amounts and rate, its score and grade, and its findings.
pub(crate) fn read_row(
    i: usize,
    row: &ProjectRow,
    settings: &Resolved,
    diagnostics: &mut Vec<Diagnostic>,
) -> ProjectLine {
    let mut report = |field, problem| {
        diagnostics.push(Diagnostic::new(
            Location::Project { row: i, field },
            problem,
        ))
    };
    let money = budget_line(&row.budget, &row.spent, settings, &mut report);
    let grades = || {
        let grades: Vec<&str> = settings
            .grade_bands
            .iter()
            .map(|(g, _)| g.as_str())
            .collect();
        grades.join("、")
    };
    let score = match parse_cell(&row.score) {
        _ if row.score.trim() == PENDING => None,
        Ok(Cell::Blank) => None,
        Ok(Cell::Number(q)) => {
            let rounded = settings.round_score(q.value);
            if rounded != q.value {
                let rounded = crate::arith::fixed(rounded, settings.score_decimals);
                report(
                    RowField::Score,
                    Problem::ScoreRounded {
                        rounded,
                        rounding: settings.score_rounding.label(),
                        from_sheet: row.sheet_grade.is_some(),
                    },
                );
            }
            Some(rounded)
        }
        Err(CellError::LevelWord(word)) => {
            let grade = settings.grade_bands.iter().any(|(g, _)| *g == word);
            let grades = grades();
            report(
                RowField::Score,
                Problem::GradeAsScore {
                    word,
                    grade,
                    grades,
                },
            );
            None
        }
        Err(e) => {
            report(RowField::Score, Problem::Unreadable(e));
            None
        }
    };
    let printed = row.grade.trim();
    // `—` and `——` say "not filled", as in every other cell: the score's grade stands, unsaid.
    let printed_blank = matches!(parse_cell(printed), Ok(Cell::Blank));
    let grade = match score {
        Some(s) => {
            let computed = settings.grade(s).to_string();
            if !printed_blank && printed != computed {
                report(
                    RowField::Grade,
                    Problem::GradeDiffers {
                        computed: computed.clone(),
                    },
                );
            }
            if let Some(own) = row.sheet_grade.as_ref().filter(|own| own.grade != computed) {
                // Graded otherwise by its sheet's own bands (not by a score rounded otherwise
                // here, said at the 分数): the 汇总表's grade stands, and is said.
                let min = |grade: &str| {
                    let band = settings.grade_bands.iter().find(|(g, _)| g == grade);
                    band.map(|(_, min)| arith::plain(*min))
                };
                if min(&own.grade).as_deref() != Some(own.min.as_str()) {
                    report(
                        RowField::Grade,
                        Problem::SheetGradeDiffers {
                            sheet: own.clone(),
                            band: GradeBand {
                                min: min(&computed).unwrap_or_default(),
                                grade: computed.clone(),
                            },
                        },
                    );
                }
            }
            Some(computed)
        }
        None if !printed_blank => {
            if !settings.grade_bands.iter().any(|(band, _)| band == printed) {
                report(RowField::Grade, Problem::UnknownGrade { grades: grades() });
            }
            Some(printed.to_string())
        }
        None => None,
    };
    // A row with an amount that cannot be read, or with one amount and not the other, stays
    // out of both sums: the rate of the sums would pair its spending with the other rows'
    // budgets.
    let blank = |text: &str| matches!(parse_cell(text), Ok(Cell::Blank));
    let unreadable = |text: &str, read: Option<Decimal>| read.is_none() && !blank(text);
    let one_only = blank(&row.budget) != blank(&row.spent);
    if one_only {
        let missing = if blank(&row.budget) {
            RowField::Budget
        } else {
            RowField::Spent
        };
        report(missing, Problem::Missing);
    }
    let in_sums =
        !one_only && !unreadable(&row.budget, money.budget) && !unreadable(&row.spent, money.spent);
    ProjectLine {
        money,
        score,
        grade,
        in_sums,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// What people type in a 汇总表's cells, the awkward included: blanks, words, negatives,
    /// the largest amounts a cell reads (15 integer digits; the sums cannot reach the edge of a
    /// decimal, which `replace` still guards), grades outside the bands.
    fn typed() -> impl Strategy<Value = String> {
        prop_oneof![
            Just(String::new()),
            Just("  ".to_string()),
            (0u32..100_000, 0u32..100).prop_map(|(a, b)| format!("{a}.{b:02}")),
            (0u32..101).prop_map(|a| a.to_string()),
            Just("-12.5".to_string()),
            Just("1,234.56".to_string()),
            Just("999,999,999,999,999.99".to_string()),
            Just("0.0000000001".to_string()),
            Just("不详".to_string()),
            Just("优".to_string()),
            Just("良".to_string()),
            Just("待定".to_string()),
            Just("—".to_string()),
        ]
    }

    fn project() -> impl Strategy<Value = ProjectRow> {
        (typed(), typed(), typed(), typed()).prop_map(|(budget, spent, score, grade)| ProjectRow {
            budget,
            spent,
            score,
            grade,
            ..ProjectRow::default()
        })
    }

    /// 待定 is a score not given yet, not a cell that cannot be read; a typed row with no
    /// score is kept as typed and counted as 无分数 like it, a grade typed alone is a grade.
    #[test]
    fn rows_without_a_score_are_counted_apart() {
        let row = |score: &str, grade: &str| ProjectRow {
            score: score.into(),
            grade: grade.into(),
            ..ProjectRow::default()
        };
        let rows = [
            row("92", ""),
            row(" 待定 ", ""),
            row("", ""),
            row("", "良"),
            row("不详", ""),
        ];
        let s = evaluate(&rows, &Resolved::default());
        assert_eq!(s.no_score, 3);
        let graded: usize = s.grades.iter().map(|(_, n)| n).sum();
        assert_eq!(graded + s.no_score, rows.len());
        let unread: Vec<usize> = s
            .diagnostics
            .iter()
            .filter_map(|d| match d.at {
                Location::Project { row, .. } => Some(row),
                _ => None,
            })
            .collect();
        assert_eq!(unread, [4], "{:?}", s.diagnostics);
    }

    /// One project typed twice, its 单位 written with other brackets or spaces: counted twice
    /// in the 合计, and said at the later row.
    #[test]
    fn a_project_typed_again_with_its_names_written_otherwise_is_said() {
        let row = |unit: &str, project: &str| ProjectRow {
            unit: unit.into(),
            project: project.into(),
            ..ProjectRow::default()
        };
        let rows = [
            row("昌华街道办事处（本级）", "社区环境整治"),
            row("白云区石井街道", "社区环境整治"),
            row("昌华街道办事处(本级)", "社区环境整治"),
            row("昌华街道办事处\u{3000}(本级)", " 社区环境 整治"),
        ];
        let said: Vec<(Location, Problem)> = same_projects(&rows)
            .into_iter()
            .map(|d| (d.at, d.problem))
            .collect();
        let at = |row| Location::Project {
            row,
            field: RowField::Name,
        };
        let first = Problem::SameProject { first_row: 1 };
        assert_eq!(said, [(at(2), first.clone()), (at(3), first)]);
    }

    proptest! {
        /// Row by row, the 合计 adjusted by the difference is the 合计 summed afresh.
        #[test]
        fn replacing_a_row_is_evaluating_every_row_again(
            mut rows in prop::collection::vec(project(), 1..12),
            edits in prop::collection::vec((any::<prop::sample::Index>(), 0..4usize, typed()), 1..24),
        ) {
            let settings = Resolved::default();
            let mut summary = evaluate(&rows, &settings);
            for (at, field, value) in edits {
                let i = at.index(rows.len());
                let row = &mut rows[i];
                *[&mut row.budget, &mut row.spent, &mut row.score, &mut row.grade][field] = value;
                summary.replace(i, &rows[i], &settings);
                prop_assert_eq!(&summary, &evaluate(&rows, &settings));
            }
        }
    }
}
