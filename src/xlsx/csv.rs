//! CSV out, the one writer of both tables the page exports as CSV: an indicator sheet (its
//! title, 资金 rows, one line per indicator with its result and derivation, the total) and the
//! 汇总表 (its title, its rows with everything typed in them, the 合计), each with the form's
//! 计分设置 line where its settings are not the defaults. Both are UTF-8 with a byte-order mark, as Excel opens them, and
//! text that a spreadsheet would run as a formula is made inert.
//!
//! The two keep the dialects they were first written in: the sheet quotes every field and
//! ends its lines CRLF (it was written by the page), the 汇总表 quotes only where needed and
//! ends its lines LF. Every cell typed in a row is written, so that the file opens again
//! with it (tests/xlsx.rs `a_csv_opened_again_keeps_what_was_typed`).

use super::form::SUMMARY_HEADERS;
use super::SpreadsheetError;
use crate::engine::report::{NodeStatus, Report};
use crate::engine::Calculator;
use crate::model::{Sheet, SheetKind};
use std::borrow::Cow;

type Result<T> = std::result::Result<T, SpreadsheetError>;

fn write_error(e: impl std::fmt::Display) -> SpreadsheetError {
    SpreadsheetError::Write(e.to_string())
}

/// A CSV field that a spreadsheet would run as a formula (`=HYPERLINK(…)`, `@SUM(…)`, `-2+3`),
/// made inert with a leading apostrophe as Excel itself does. Numbers as the reports write
/// them (`-1,234.50`, `-3%`) are left alone; anything else after a minus (`-5%%`, `--5`) is not
/// a number.
/// What a spreadsheet would run as a formula at the start of a cell, and the apostrophe that
/// guards against it (itself guarded, so that reading the file back takes off only ours:
/// [`super::read`]).
pub(super) const GUARDED: [char; 7] = ['=', '+', '-', '@', '\t', '\r', '\''];

fn inert(text: &str) -> Cow<'_, str> {
    let starts_formula = text.starts_with(GUARDED);
    let is_number = {
        let t = text.strip_prefix('-').unwrap_or(text);
        let t = t.strip_suffix('%').unwrap_or(t);
        let (int, frac) = t.split_once('.').unwrap_or((t, "0"));
        !int.is_empty()
            && int.chars().all(|c| c.is_ascii_digit() || c == ',')
            && !frac.is_empty()
            && frac.chars().all(|c| c.is_ascii_digit())
    };
    if starts_formula && !is_number {
        format!("'{text}").into()
    } else {
        text.into()
    }
}

/// CSV text being written: records through the `csv` crate, each field made inert.
struct Lines {
    dialect: ::csv::WriterBuilder,
    /// How the dialect ends a line, for [`Lines::blank`].
    end: &'static [u8],
    out: ::csv::Writer<Vec<u8>>,
}

impl Lines {
    fn new(dialect: ::csv::WriterBuilder, end: &'static [u8]) -> Lines {
        let out = dialect.from_writer(Vec::new());
        Lines { dialect, end, out }
    }

    /// The sheet's dialect: every field quoted, lines of any length, ending CRLF.
    fn quoted() -> Lines {
        let mut dialect = ::csv::WriterBuilder::new();
        dialect
            .quote_style(::csv::QuoteStyle::Always)
            .terminator(::csv::Terminator::CRLF)
            .flexible(true);
        Lines::new(dialect, b"\r\n")
    }

    /// The 汇总表's dialect: fields quoted where needed, lines of any length, ending LF.
    fn plain() -> Lines {
        let mut dialect = ::csv::WriterBuilder::new();
        dialect.flexible(true);
        Lines::new(dialect, b"\n")
    }

    fn record<I, S>(&mut self, fields: I) -> Result<()>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        self.out
            .write_record(fields.into_iter().map(|f| inert(f.as_ref()).into_owned()))
            .map_err(write_error)
    }

    /// An empty line, with no field at all: the csv crate writes a record of none as `""`,
    /// so the line is added to the text written so far and writing goes on after it.
    fn blank(&mut self) -> Result<()> {
        let written = std::mem::replace(&mut self.out, self.dialect.from_writer(Vec::new()));
        let mut bytes = written.into_inner().map_err(write_error)?;
        bytes.extend_from_slice(self.end);
        self.out = self.dialect.from_writer(bytes);
        Ok(())
    }

    /// The text, behind a byte-order mark.
    fn finish(self) -> Result<String> {
        let bytes = self.out.into_inner().map_err(write_error)?;
        Ok(format!("\u{feff}{}", String::from_utf8_lossy(&bytes)))
    }
}

/// The columns of the sheet's 资金 lines (a sheet of 资金 alone is read back by them).
pub(super) const FUNDS_COLUMNS: [&str; 6] = [
    "资金",
    "年初预算数（万元）",
    "预算数（万元）",
    "执行数（万元）",
    "执行率",
    "备注",
];

/// The columns of the sheet's indicator lines (by which a sheet's CSV is known as this
/// calculator's when opened again: `form::read_form`).
pub(super) const INDICATOR_COLUMNS: [&str; 13] = [
    "层级",
    "指标名称",
    "分值",
    "计分方法",
    "比较方式",
    "年度指标值",
    "实际完成值",
    "计量单位",
    "完成率",
    "得分",
    "偏差原因及改进措施",
    "备注",
    "计分说明",
];

/// A row's level as the sheet's lines name it: 一级 … 六级, then 7级, 8级, ….
fn depth_label(depth: usize) -> Cow<'static, str> {
    const NAMES: [&str; 6] = ["一级", "二级", "三级", "四级", "五级", "六级"];
    match NAMES.get(depth) {
        Some(name) => Cow::Borrowed(name),
        None => Cow::Owned(format!("{}级", depth + 1)),
    }
}

/// A sheet as CSV, evaluated: the title (the table's kind when it has none) and its 单位 /
/// 项目 / 年度 line, the 资金 rows with their execution rates, a line per indicator in
/// printed order (level, what was typed, 完成率, 得分 and its derivation) followed by the total
/// and grade (and how it was rescaled), the 汇总表 rows a sheet may hold, with their 合计, and
/// its 计分设置 line.
pub fn sheet_csv(sheet: &Sheet) -> Result<String> {
    let calc = Calculator::new(sheet.clone());
    let report = calc.report();
    let meta = calc.meta();
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    let mut lines = Lines::quoted();
    lines.record([title(meta, report.kind_label)])?;
    if calc.kind() == SheetKind::Summary {
        // A 汇总表's 单位名称 and 评价年度 in one cell, as its form writes them and reads them back.
        let line = super::form::meta_line(meta, calc.kind());
        if !line.is_empty() {
            lines.record([line])?;
        }
    } else if calc.kind() == SheetKind::Project {
        // A project's unit is its 实施单位, as its form says: the line, written filled or not,
        // tells a project whose title does not name one from a department's when read back.
        lines.record([
            format!("实施单位：{}", meta.unit),
            format!("项目：{}", meta.project),
            format!("年度：{}", meta.year),
        ])?;
    } else if !(meta.unit.is_empty() && meta.project.is_empty() && meta.year.is_empty()) {
        lines.record([
            format!("单位：{}", meta.unit),
            format!("项目：{}", meta.project),
            format!("年度：{}", meta.year),
        ])?;
    }
    // The rest of the form's header and its signature line, where filled: a line each.
    for line in [
        &[("主管部门", &meta.department)][..],
        &[
            ("年度总体目标", &meta.goal),
            ("实际完成情况", &meta.achieved),
        ],
        &[
            ("主要问题", &meta.problems),
            ("改进建议", &meta.suggestions),
        ],
        &[
            ("填报人", &meta.preparer),
            ("审核人", &meta.reviewer),
            ("联系电话", &meta.phone),
            ("填报日期", &meta.date),
        ],
    ] {
        let cells: Vec<String> = line
            .iter()
            .filter(|(_, v)| !v.trim().is_empty())
            .map(|(k, v)| format!("{k}：{v}"))
            .collect();
        if !cells.is_empty() {
            lines.record(cells)?;
        }
    }
    if !report.funds.is_empty() {
        lines.blank()?;
        lines.record(FUNDS_COLUMNS)?;
        for (f, typed) in report.funds.iter().zip(calc.funds_rows()) {
            let name = super::mapping::fund_name(&f.name, f.part);
            lines.record([
                name,
                figure_cell(&typed.initial, &f.initial),
                figure_cell(&typed.budget, &f.budget),
                figure_cell(&typed.spent, &f.spent),
                text(&f.rate),
                typed.note.clone(),
            ])?;
        }
    }
    if !report.nodes.is_empty() {
        lines.blank()?;
        lines.record(INDICATOR_COLUMNS)?;
        for n in &report.nodes {
            let row = calc.node(n.index).expect("a row of the sheet");
            // What was typed, on leaves only; a 定性 row's level after its words, as the form
            // writes it.
            let typed = |value: &str| (if n.leaf { value } else { "" }).to_string();
            let actual = super::write::actual_cell(row);
            lines.record([
                depth_label(n.depth).into_owned(),
                n.name.clone(),
                // A 分值 that cannot be read is written as typed, not as nothing.
                figure_cell(&row.weight, &n.weight),
                // The rule with its parameters, in the words the form uses, so that the file
                // reads back to the same scores.
                typed(&crate::rule_text::describe(
                    row.rule.as_ref(),
                    row.comparison == Some(crate::comparison::Comparison::Qualitative),
                )),
                typed(row.comparison.map_or("", |c| c.symbol())),
                typed(&row.target),
                typed(&actual),
                typed(&row.unit),
                text(&n.rate),
                if n.status == NodeStatus::NotApplicable {
                    // A group all of whose indicators are: no score, and no flag to read back.
                    (if n.leaf || row.not_applicable {
                        "不适用"
                    } else {
                        ""
                    })
                    .to_string()
                } else {
                    score_cell(row, &n.score)
                },
                typed(&row.reason),
                row.note.to_string(),
                text(&n.derivation),
            ])?;
        }
        lines.blank()?;
        lines.record([
            "总分",
            &text(&report.totals.total),
            "等级",
            report.totals.final_grade().unwrap_or_default(),
        ])?;
        if let Some(rescale) = &report.totals.rescale {
            lines.record(["折算", rescale.text.as_str()])?;
        }
    }
    if report.summary.is_some() || calc.kind() == SheetKind::Summary {
        lines.blank()?;
        project_lines(&mut lines, &calc, &report)?;
    }
    settings_lines(&mut lines, sheet)?;
    lines.finish()
}

/// A 汇总表 as CSV: the form's first two lines when something is typed in them (its title,
/// and its 单位名称 and 评价年度 in one cell as the form writes them, which is how they are
/// read back), then a line per project, the 合计, its 计分设置 line (its grade bands decide
/// its grades, headed or not; `batch`'s has none), and the form's signature line when one of
/// 填报人, 审核人, 联系电话 or 填报日期 is filled. Without the first two the header comes first,
/// as `batch` has always written its 汇总表 for the programs that read it. `note`, which of its
/// workbook's sheets it leaves out (`Workbook::left_out_note`), comes after the 合计 of a 汇总表
/// headed as the form is; a table that starts with its header is for programs, for which a
/// line of words under it would be one more row.
pub fn summary_csv(summary: &Sheet, note: Option<&str>) -> Result<String> {
    let calc = Calculator::new(summary.clone());
    let report = calc.report();
    let meta = calc.meta();
    let mut lines = Lines::plain();
    let line = super::form::meta_line(meta, calc.kind());
    let headed = !(meta.title.trim().is_empty() && line.is_empty());
    if headed {
        // A title left blank stays blank: the kind's name would read back as typed.
        lines.record([meta.title.as_str()])?;
        if !line.is_empty() {
            lines.record([line])?;
        }
    }
    project_lines(&mut lines, &calc, &report)?;
    settings_lines(&mut lines, summary)?;
    if let Some(note) = note.filter(|_| headed) {
        lines.blank()?;
        lines.record([note])?;
    }
    if [&meta.preparer, &meta.reviewer, &meta.phone, &meta.date]
        .iter()
        .any(|v| !v.trim().is_empty())
    {
        lines.blank()?;
        lines.record([super::form::signature_line(meta)])?;
    }
    lines.finish()
}

/// The settings that differ from the national defaults, after a blank line, in the line the
/// form writes under its total (`form::settings_line`), which reading the file takes back as
/// the form's is: without it a sheet of its own grade bands opens again graded by the
/// national ones.
fn settings_lines(lines: &mut Lines, sheet: &Sheet) -> Result<()> {
    match super::form::settings_line(&sheet.settings) {
        Some(line) => {
            lines.blank()?;
            lines.record([line])
        }
        None => Ok(()),
    }
}

/// A figure as the table shows it (`7,143.45`), unless that would lose what was typed: more
/// places (a 执行数 of 12.345 shown as 12.35 opened again at another rate), or a cell that
/// cannot be read (shown as nothing). The same figure typed otherwise (`7143.45`, a row drawn
/// from a sheet's cells) is written as shown.
pub(super) fn figure_cell(typed: &str, shown: &Option<String>) -> String {
    match shown {
        Some(shown) if typed.trim().is_empty() || value(typed) == value(shown) => shown.clone(),
        _ => typed.to_string(),
    }
}

/// A cell's number, if it has one.
fn value(text: &str) -> Option<rust_decimal::Decimal> {
    crate::cell::parse_cell(text)
        .ok()?
        .number()
        .map(|q| q.value)
}

/// The 得分 of a row: a score typed by hand (a 定性 or manual row's) as typed, `7` and not
/// `7.00`, and kept even where the table refuses it (12 of 10); else the score shown.
fn score_cell(row: &crate::model::Node, shown: &Option<String>) -> String {
    if crate::rules::score_is_entered(row) && !row.score.trim().is_empty() {
        row.score.to_string()
    } else {
        shown.clone().unwrap_or_default()
    }
}

/// The table's title, or its kind when it has none.
fn title<'a>(meta: &'a crate::model::Meta, kind: &'a str) -> &'a str {
    if meta.title.is_empty() {
        kind
    } else {
        &meta.title
    }
}

/// The 汇总表's rows under the form's headers, everything typed in them included (绩效目标,
/// 问题, 建议), and the 合计.
fn project_lines(lines: &mut Lines, calc: &Calculator, report: &Report) -> Result<()> {
    let Some(s) = &report.summary else {
        // A blank 汇总表 still has its columns, to be filled in Excel and opened again.
        if calc.kind() == SheetKind::Summary {
            lines.record(SUMMARY_HEADERS)?;
        }
        return Ok(());
    };
    lines.record(SUMMARY_HEADERS)?;
    let o = |v: &Option<String>| v.clone().unwrap_or_default();
    for (r, typed) in s.rows.iter().zip(calc.projects()) {
        lines.record([
            r.seq.clone(),
            r.unit.clone(),
            r.project.clone(),
            typed.goal.clone(),
            figure_cell(&typed.budget, &r.budget),
            figure_cell(&typed.spent, &r.spent),
            o(&r.rate),
            // A 分数 is typed, and kept as typed (91 as 91, 88.00 as 88.00), as a row's score
            // typed by hand is (`score_cell`).
            if typed.score.trim().is_empty() {
                o(&r.score)
            } else {
                typed.score.clone()
            },
            o(&r.grade),
            typed.problems.clone(),
            typed.suggestions.clone(),
        ])?;
    }
    lines.record([
        "",
        "合计",
        "",
        "",
        &s.totals.budget,
        &s.totals.spent,
        s.totals.rate.as_deref().unwrap_or(""),
        "——",
        "——",
        "",
        "",
    ])
}

#[cfg(test)]
mod tests {
    use super::inert;

    #[test]
    fn csv_text_that_would_run_as_a_formula_is_made_inert() {
        for (text, written) in [
            ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("+1+2", "'+1+2"),
            ("-2+3", "'-2+3"),
            ("\t=1", "'\t=1"),
            ("=", "'="),
            ("-5%%", "'-5%%"),
            ("--5", "'--5"),
            ("-1.", "'-1."),
            ("-1,234.50", "-1,234.50"),
            ("-3%", "-3%"),
            ("97.15%", "97.15%"),
            ("（一）物业管理", "（一）物业管理"),
            ("", ""),
        ] {
            assert_eq!(inert(text), written, "{text}");
        }
    }
}
