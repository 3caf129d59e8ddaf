//! Writing sheets, the 汇总表 and workbooks to .xlsx, laid out like the printed forms:
//! merged 一级 / 二级 cells over their indicators, numbers stored as numbers with the format
//! that shows them as the report does (2 decimals, percentages, thousands separators).

mod page;
mod review;

pub use review::review_to_xlsx;
pub(super) use review::{REVIEW_HEADERS, REVIEW_WORKSHEET, SUMMARY_REVIEW_HEADERS};

use page::{number, rate, write_number, write_value, Formats, Grid, Page};

use super::form::{
    meta_line, signature_line, FUNDS_COLUMNS, GOAL_COLUMNS, INDICATOR_HEADERS, SUMMARY_HEADERS,
};
use super::read::{Spreadsheet, Table};
use super::{SpreadsheetError, EMBEDDED_SHEET};
use crate::diagnostic::Location;
use crate::engine::report::{NodeReport, Report};
use crate::engine::Calculator;
use crate::load::Document;
use crate::model::{Node, Sheet};
use crate::workbook::Workbook;
use rust_decimal::Decimal;
use rust_xlsxwriter::{Workbook as XlsxBook, Worksheet};
use std::borrow::Cow;

type Result<T> = std::result::Result<T, SpreadsheetError>;

fn err(e: rust_xlsxwriter::XlsxError) -> SpreadsheetError {
    SpreadsheetError::Write(e.to_string())
}

/// The column of the deepest indicator names (三级指标).
const LEAF_NAME_COLUMN: u16 = 6;
const WIDTHS: [f64; 17] = [
    14.0, 6.0, 7.0, 14.0, 6.0, 7.0, 28.0, 6.0, 10.0, 6.0, 12.0, 12.0, 8.0, 9.0, 8.0, 30.0, 40.0,
];

/// Writes one evaluated sheet as a worksheet laid out like its printed form; the worksheet row
/// (from 0) each indicator row is on (a group's first), where the form draws it.
fn write_sheet(
    page: &mut impl Page,
    calc: &Calculator,
    settings: &crate::model::Settings,
    report: &Report,
    fmt: &Formats,
) -> Result<Vec<Option<u32>>> {
    let meta = calc.meta();
    let title = if meta.title.is_empty() {
        report.kind_label
    } else {
        meta.title.as_str()
    };
    let last_col = INDICATOR_HEADERS.len() as u16 - 1;
    page.merge((0, 0), (0, last_col), title, &fmt.title)?;
    page.merge(
        (1, 0),
        (1, last_col),
        &meta_line(meta, calc.kind()),
        &fmt.meta,
    )?;
    let mut row: u32 = 3;
    // The 预算执行率 scored from the 资金 block is drawn there, as the 10号 form has it: when it
    // is the table's first row and has a 分值, which is where and how the form reads it back.
    // Anywhere else it stays a row of the table, its 计分方法 saying where its figures are.
    let funded = calc
        .funded_leaf()
        .filter(|&i| i == 0 && report.nodes[i].weight.is_some() && !report.funds.is_empty());
    if !report.funds.is_empty() {
        row = write_funds(page, calc, report, funded, fmt, row)? + 1;
    }
    if calc.kind() == crate::model::SheetKind::Project
        || !meta.goal.is_empty()
        || !meta.achieved.is_empty()
    {
        row = write_goal(page, meta, fmt, row)? + 1;
    }

    if report.nodes.is_empty() {
        page.text(row, 0, &signature_line(meta), &fmt.meta)?;
        page.print_setup(&WIDTHS, None)?;
        return Ok(Vec::new());
    }
    for (c, h) in INDICATOR_HEADERS.iter().enumerate() {
        page.text(row, c as u16, h, &fmt.header)?;
    }
    page.print_setup(&WIDTHS, Some(row + 1))?;
    row += 1;
    let first_data = row;

    // A row per leaf; a group's cells span the rows of its leaves.
    let leaves: Vec<usize> = (0..report.nodes.len())
        .filter(|&i| report.nodes[i].leaf && Some(i) != funded)
        .collect();
    let mut leaf_row = std::collections::HashMap::new();
    let mut drawn = vec![None; report.nodes.len()];
    for (k, &i) in leaves.iter().enumerate() {
        leaf_row.insert(i, first_data + k as u32);
        drawn[i] = Some(first_data + k as u32);
    }
    for &i in &leaves {
        let n = &report.nodes[i];
        let node = calc.node(i).expect("a row of the sheet");
        let r = leaf_row[&i];
        let name_col: u16 = match n.depth {
            0 => 0,
            1 => 3,
            _ => 6,
        };
        // A leaf above the deepest level spans the name columns from its own on, as the
        // national form prints 预算执行率: read back, that is what tells it from a group.
        if name_col < LEAF_NAME_COLUMN {
            page.merge((r, name_col), (r, LEAF_NAME_COLUMN), &n.name, &fmt.text)?;
        } else {
            page.text(r, name_col, &n.name, &fmt.text)?;
        }
        write_figure(
            page,
            (r, 7),
            (r, 7),
            &node.weight,
            &n.weight,
            &fmt.number,
            fmt,
        )?;
        let qualitative = node.comparison == Some(crate::comparison::Comparison::Qualitative);
        page.text(
            r,
            8,
            &crate::rule_text::describe(node.rule.as_ref(), qualitative),
            &fmt.text,
        )?;
        page.text(r, 9, node.comparison.map_or("", |c| c.symbol()), &fmt.text)?;
        write_value(page, r, 10, &node.target, fmt)?;
        write_value(page, r, 11, &actual_cell(node), fmt)?;
        page.text(r, 12, node.unit.as_str(), &fmt.text)?;
        write_number(
            page,
            r,
            13,
            rate(n.rate.as_deref()).as_deref(),
            &fmt.percent,
            &fmt.text,
        )?;
        if n.status == crate::engine::report::NodeStatus::NotApplicable {
            page.text(r, 14, "不适用", &fmt.text)?;
        } else {
            // A score typed by hand is kept as the CSV keeps it (`score_cell`), one the table
            // refuses (12 of 10, or with no 分值 to score it against) included.
            let typed = if crate::rules::score_is_entered(node) {
                node.score.as_str()
            } else {
                ""
            };
            write_figure(page, (r, 14), (r, 14), typed, &n.score, &fmt.score, fmt)?;
        }
        page.text(r, 15, node.reason.as_str(), &fmt.text)?;
        let explain = match &n.formula {
            Some(f) => format!("{}\n{f}", n.derivation.as_deref().unwrap_or("")),
            None => n.derivation.clone().unwrap_or_default(),
        };
        page.text(r, 16, &explain, &fmt.text)?;
        // Empty group cells for leaves not under a group at that level.
        for c in 0..name_col {
            page.blank(r, c, &fmt.text)?;
        }
    }
    // Groups at depth 0 and 1: name, 分值 and 得分 over the rows of their leaves.
    for (i, n) in report.nodes.iter().enumerate() {
        if n.leaf || n.depth > 1 {
            continue;
        }
        let rows: Vec<u32> = leaves
            .iter()
            .filter(|&&l| is_under(&report.nodes, l, i))
            .map(|l| leaf_row[l])
            .collect();
        let (Some(&top), Some(&bottom)) = (rows.first(), rows.last()) else {
            continue;
        };
        drawn[i] = Some(top);
        let base: u16 = if n.depth == 0 { 0 } else { 3 };
        let typed = &calc.node(i).expect("a row of the sheet").weight;
        let score = n.score.as_deref().and_then(number);
        write_figure(
            page,
            (top, base + 1),
            (bottom, base + 1),
            typed,
            &n.weight,
            &fmt.number,
            fmt,
        )?;
        if top == bottom {
            page.text(top, base, &n.name, &fmt.group)?;
            write_number(
                page,
                top,
                base + 2,
                n.score.as_deref(),
                &fmt.group_score,
                &fmt.text,
            )?;
        } else {
            page.merge((top, base), (bottom, base), &n.name, &fmt.group)?;
            page.merge(
                (top, base + 2),
                (bottom, base + 2),
                "",
                &fmt.group_score.format,
            )?;
            if let Some(s) = score {
                page.number(top, base + 2, s, &fmt.group_score)?;
            }
        }
    }
    let mut row = first_data + leaves.len() as u32;
    page.merge((row, 0), (row, 13), "总分", &fmt.total_label)?;
    write_number(
        page,
        row,
        14,
        report.totals.total.as_deref(),
        &fmt.total,
        &fmt.text,
    )?;
    page.text(
        row,
        15,
        &format!("等级：{}", report.totals.final_grade().unwrap_or("—")),
        &fmt.total_label,
    )?;
    if let Some(r) = &report.totals.rescale {
        row += 1;
        page.merge((row, 0), (row, 16), &r.text, &fmt.meta)?;
    }
    if let Some(line) = super::form::settings_line(settings) {
        row += 1;
        page.merge((row, 0), (row, 16), &line, &fmt.meta)?;
    }
    page.text(row + 2, 0, &signature_line(meta), &fmt.meta)?;
    Ok(drawn)
}

/// A value over columns `first..=last` (one cell when they are the same).
fn span_number(
    page: &mut impl Page,
    row: u32,
    (first, last): (u16, u16),
    value: Option<&str>,
    format: &page::NumberFormat,
    fmt: &Formats,
) -> Result<()> {
    if first == last {
        return write_number(page, row, first, value, format, &fmt.text);
    }
    page.merge((row, first), (row, last), "", &format.format)?;
    match value.and_then(number) {
        Some(v) => page.number(row, first, v, format),
        None => Ok(()),
    }
}

/// An amount (a 资金 row's, a 汇总表 row's) as the calculator read it (`exact`, in 万元:
/// １．２３４５亿 is 12,345): a number as the form shows amounts (`#,##0.00`), with every
/// decimal beyond two (1.2345 万元 written as 1.23 would be read back, and summed in Excel, as
/// 1.23); what is not a number read (`约100`) as its text, as typed.
fn span_amount(
    page: &mut impl Page,
    row: u32,
    span: (u16, u16),
    typed: &str,
    exact: Option<Decimal>,
    fmt: &Formats,
) -> Result<()> {
    let Some(exact) = exact.map(|v| v.normalize()) else {
        if span.0 != span.1 {
            return page.merge((row, span.0), (row, span.1), typed.trim(), &fmt.text);
        }
        return page.text(row, span.0, typed.trim(), &fmt.text);
    };
    let value = Some(exact.to_string());
    if exact.scale() <= 2 {
        return span_number(page, row, span, value.as_deref(), &fmt.amount, fmt);
    }
    let code = format!("#,##0.{}", "0".repeat(exact.scale() as usize));
    let format = page::NumberFormat::new(&fmt.amount.format, &code);
    span_number(page, row, span, value.as_deref(), &format, fmt)
}

/// A row's 分值 or 得分 over the cells from `first` to `last`: the figure the calculator reads,
/// or, where that would lose what was typed (a 分值 it cannot read, `-3`, shown as nothing), the
/// text typed, as the CSV writes it ([`super::csv::figure_cell`]), so that the form read
/// from its cells has it.
fn write_figure(
    page: &mut impl Page,
    first: (u32, u16),
    last: (u32, u16),
    typed: &str,
    shown: &Option<String>,
    format: &page::NumberFormat,
    fmt: &Formats,
) -> Result<()> {
    let cell = super::csv::figure_cell(typed, shown);
    let number = shown.as_deref().filter(|s| *s == cell).and_then(number);
    if first == last {
        return match number {
            Some(w) => page.number(first.0, first.1, w, format),
            None if cell.trim().is_empty() => page.blank(first.0, first.1, &fmt.text),
            None => page.text(first.0, first.1, &cell, &fmt.text),
        };
    }
    match number {
        Some(w) => {
            page.merge(first, last, "", &format.format)?;
            page.number(first.0, first.1, w, format)
        }
        None if cell.trim().is_empty() => page.merge(first, last, "", &format.format),
        None => page.merge(first, last, &cell, &fmt.text),
    }
}

/// The columns each value of the 资金 block spans: to the next one's column.
fn funds_spans() -> [(u16, u16); 8] {
    std::array::from_fn(|k| {
        let first = FUNDS_COLUMNS[k].1;
        let last = FUNDS_COLUMNS.get(k + 1).map_or(first, |n| n.1 - 1);
        (first, last)
    })
}

/// How the form of a kind heads its 资金 block: what the block is called, and whether it has
/// the 分值 and 得分 columns of a 预算执行率 scored from its first row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct FundsHead {
    pub label: &'static str,
    pub scored_columns: bool,
}

/// The 资金 block's head on the form of `kind`: a project's is the 10号 form's 项目资金, with
/// 分值 and 得分 beside 执行率; a department's is its 资金 (收支), which scores nothing. The
/// spreadsheet keeps every column whatever the kind (its layout is read back by position);
/// the Word report leaves out those the form has not.
pub(super) fn funds_head(kind: crate::model::SheetKind) -> FundsHead {
    match kind {
        crate::model::SheetKind::Project => FundsHead {
            label: "项目资金（万元）",
            scored_columns: true,
        },
        _ => FundsHead {
            label: "资金（万元）",
            scored_columns: false,
        },
    }
}

/// The 资金 block as the 10号 form's 项目资金: 年初预算数, 全年预算数, 全年执行数, 分值, 执行率,
/// 得分 on its first row (年度资金总额) when a 预算执行率 is scored from it, and its 其中 rows.
/// Returns the row after it.
fn write_funds(
    page: &mut impl Page,
    calc: &Calculator,
    report: &Report,
    funded: Option<usize>,
    fmt: &Formats,
    mut row: u32,
) -> Result<u32> {
    let label = funds_head(calc.kind()).label;
    let spans = funds_spans();
    page.merge((row, 0), (row, 2), label, &fmt.header)?;
    for ((h, _), (first, last)) in FUNDS_COLUMNS.iter().zip(spans) {
        if first == last {
            page.text(row, first, h, &fmt.header)?;
        } else {
            page.merge((row, first), (row, last), h, &fmt.header)?;
        }
    }
    row += 1;
    for (i, (f, typed)) in report.funds.iter().zip(calc.funds_rows()).enumerate() {
        let name = super::mapping::fund_name(&f.name, f.part);
        page.merge((row, 0), (row, 2), &name, &fmt.text)?;
        let scored = funded.filter(|_| i == 0);
        let reason = scored
            .and_then(|id| calc.node(id))
            .map_or(String::new(), |n| n.reason.to_string());
        let read = calc.funds().rows.get(i).cloned().unwrap_or_default();
        for ((typed, value), span) in [
            (&typed.initial, read.initial),
            (&typed.budget, read.budget),
            (&typed.spent, read.spent),
        ]
        .into_iter()
        .zip(spans)
        {
            span_amount(page, row, span, typed, value, fmt)?;
        }
        let rate_shown = rate(f.rate.as_deref());
        let numbers: [(Option<&str>, &page::NumberFormat); 3] = [
            (
                f.weight.as_deref().filter(|_| scored.is_some()),
                &fmt.number,
            ),
            (rate_shown.as_deref(), &fmt.percent),
            (f.score.as_deref().filter(|_| scored.is_some()), &fmt.score),
        ];
        for ((value, format), span) in numbers.into_iter().zip(&spans[3..]) {
            span_number(page, row, *span, value, format, fmt)?;
        }
        page.text(row, spans[6].0, &reason, &fmt.text)?;
        page.text(row, spans[7].0, &typed.note, &fmt.text)?;
        row += 1;
    }
    Ok(row)
}

/// 年度总体目标: 预期目标 beside 实际完成情况. Returns the row after it.
fn write_goal(
    page: &mut impl Page,
    meta: &crate::model::Meta,
    fmt: &Formats,
    row: u32,
) -> Result<u32> {
    let [(label, _), (expected, at_expected), (achieved, at_achieved)] = GOAL_COLUMNS;
    page.merge((row, 0), (row + 1, at_expected - 1), label, &fmt.header)?;
    page.merge(
        (row, at_expected),
        (row, at_achieved - 1),
        expected,
        &fmt.header,
    )?;
    page.merge((row, at_achieved), (row, 16), achieved, &fmt.header)?;
    page.merge(
        (row + 1, at_expected),
        (row + 1, at_achieved - 1),
        &meta.goal,
        &fmt.text,
    )?;
    page.merge(
        (row + 1, at_achieved),
        (row + 1, 16),
        &meta.achieved,
        &fmt.text,
    )?;
    Ok(row + 2)
}

/// Whether row `leaf` lies under row `group`.
fn is_under(nodes: &[NodeReport], leaf: usize, group: usize) -> bool {
    let mut at = nodes[leaf].parent;
    while let Some(p) = at {
        if p == group {
            return true;
        }
        at = nodes[p].parent;
    }
    false
}

/// Writes a 汇总表 with its 合计 row, the grade distribution, its 计分设置 line where its
/// settings are not the defaults, and `note`: which of its workbook's sheets it leaves out
/// (`Workbook::left_out_note`).
fn write_summary(
    page: &mut impl Page,
    calc: &Calculator,
    settings: &crate::model::Settings,
    report: &Report,
    fmt: &Formats,
    note: Option<&str>,
) -> Result<()> {
    let title = if calc.meta().title.is_empty() {
        "绩效评价汇总表"
    } else {
        calc.meta().title.as_str()
    };
    page.merge((0, 0), (0, 10), title, &fmt.title)?;
    page.merge(
        (1, 0),
        (1, 10),
        &meta_line(calc.meta(), crate::model::SheetKind::Summary),
        &fmt.meta,
    )?;
    page.print_setup(
        &[
            5.0, 20.0, 26.0, 30.0, 13.0, 13.0, 10.0, 8.0, 6.0, 36.0, 36.0,
        ],
        Some(3),
    )?;
    for (c, h) in SUMMARY_HEADERS.iter().enumerate() {
        page.text(2, c as u16, h, &fmt.header)?;
    }
    let mut row = 3;
    // A 汇总表 with no project yet is its header and an empty 合计.
    let Some(s) = &report.summary else {
        page.merge((row, 0), (row, 3), "合计", &fmt.total_label)?;
        return Ok(());
    };
    for ((r, typed), read) in s.rows.iter().zip(calc.projects()).zip(&calc.summary().rows) {
        // A number, as typed, so that Excel sorts 1, 2, 10 (007 or 一 stays text).
        write_value(page, row, 0, &r.seq, fmt)?;
        page.text(row, 1, &r.unit, &fmt.text)?;
        page.text(row, 2, &r.project, &fmt.text)?;
        page.text(row, 3, &typed.goal, &fmt.text)?;
        span_amount(page, row, (4, 4), &typed.budget, read.money.budget, fmt)?;
        span_amount(page, row, (5, 5), &typed.spent, read.money.spent, fmt)?;
        write_number(
            page,
            row,
            6,
            rate(r.rate.as_deref()).as_deref(),
            &fmt.percent,
            &fmt.text,
        )?;
        // No score: the 分数 as the row holds it, 待定 for a sheet not yet fully scored (a
        // typed row's blank stays blank, its words stay as typed).
        match r.score.as_deref() {
            // A 分数 typed is written as typed (91 as 91, 88.00 as 88.00), as the CSV writes
            // it: read back from the cells, it is what was typed, not the 汇总表's places.
            Some(_) if !typed.score.trim().is_empty() => {
                write_value(page, row, 7, typed.score.trim(), fmt)?
            }
            Some(score) => write_number(page, row, 7, Some(score), &fmt.score, &fmt.text)?,
            None => page.text(row, 7, typed.score.trim(), &fmt.text)?,
        }
        page.text(row, 8, r.grade.as_deref().unwrap_or(""), &fmt.text)?;
        page.text(row, 9, &typed.problems, &fmt.text)?;
        page.text(row, 10, &typed.suggestions, &fmt.text)?;
        row += 1;
    }
    page.merge((row, 0), (row, 3), "合计", &fmt.total_label)?;
    // Shown with every place its rows have, as they are: on paper they add up to it.
    let sums = calc.summary();
    span_amount(page, row, (4, 4), "", Some(sums.budget), fmt)?;
    span_amount(page, row, (5, 5), "", Some(sums.spent), fmt)?;
    write_number(
        page,
        row,
        6,
        rate(s.totals.rate.as_deref()).as_deref(),
        &fmt.percent,
        &fmt.text,
    )?;
    for c in 7..=10 {
        page.text(row, c, "——", &fmt.text)?;
    }
    row += 2;
    let grades: Vec<String> = s
        .totals
        .distribution()
        .map(|(grade, count)| format!("{grade} {count} 个"))
        .collect();
    page.text(
        row,
        1,
        &format!("等级分布：{}", grades.join("，")),
        &fmt.meta,
    )?;
    if let (Some(mean), Some(min), Some(max)) = (
        &s.totals.mean_score,
        &s.totals.min_score,
        &s.totals.max_score,
    ) {
        page.text(
            row + 1,
            1,
            &format!("平均分 {mean}，最低 {min}，最高 {max}"),
            &fmt.meta,
        )?;
    }
    // One cell each, not merged: a reader fills a merged range with its text, which would
    // make it a row of the table.
    let mut row = row + 3;
    // The settings that differ from the national defaults (its grade bands), as a sheet's form
    // states them, read back by the same reader.
    if let Some(line) = super::form::settings_line(settings) {
        page.text(row, 0, &line, &fmt.meta)?;
        row += 2;
    }
    // The note a sentence a row, so that a line fits the printed width.
    if let Some(note) = note {
        for sentence in note.split_inclusive('。') {
            page.text(row, 0, sentence, &fmt.meta)?;
            row += 1;
        }
        row += 1;
    }
    page.text(row, 0, &signature_line(calc.meta()), &fmt.meta)?;
    Ok(())
}

/// The diagnostics, one per line, for the reviewer.
fn write_findings(ws: &mut Worksheet, drawn: &Drawn, fmt: &Formats) -> Result<()> {
    let Drawn { calc, report, rows } = drawn;
    ws.set_column_width(0, 8.0).map_err(err)?;
    ws.set_column_width(1, 30.0).map_err(err)?;
    ws.set_column_width(2, 80.0).map_err(err)?;
    for (c, h) in ["级别", "位置", "说明"].iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &fmt.header)
            .map_err(err)?;
    }
    for (k, d) in report.diagnostics.iter().enumerate() {
        let level = match d.severity {
            crate::diagnostic::Severity::Error => "错误",
            crate::diagnostic::Severity::Warning => "注意",
            crate::diagnostic::Severity::Info => "说明",
            crate::diagnostic::Severity::Hint => "提示",
        };
        // A row of the table by its row in the worksheet beside it, as Excel numbers them: its
        // name alone, or its place in the tree (第4行), would leave it to be looked for.
        let place = match d.at {
            Location::Node { node, .. } => {
                match (rows.get(node).copied().flatten(), calc.place(&d.at)) {
                    (Some(r), place) if place.starts_with('“') => {
                        format!("{place}（第{}行）", r + 1)
                    }
                    (Some(r), _) => format!("第{}行", r + 1),
                    (None, place) => place,
                }
            }
            _ => calc.place(&d.at),
        };
        let r = k as u32 + 1;
        ws.write_string_with_format(r, 0, level, &fmt.text)
            .map_err(err)?;
        ws.write_string_with_format(r, 1, &place, &fmt.text)
            .map_err(err)?;
        ws.write_string_with_format(r, 2, &d.message, &fmt.text)
            .map_err(err)?;
    }
    Ok(())
}

/// The hidden worksheet with the file itself, so that importing gives it back exactly.
fn embed(book: &mut XlsxBook, json: &str) -> Result<()> {
    let ws = book.add_worksheet();
    ws.set_name(EMBEDDED_SHEET).map_err(err)?;
    // A cell holds at most 32,767 UTF-16 units (a character beyond the basic plane, 𠀀, is
    // two): the text goes down the column in pieces of at most 30,000.
    let mut piece = String::new();
    let mut units = 0;
    let mut r = 0;
    for c in json.chars() {
        if units + c.len_utf16() > 30_000 {
            ws.write_string(r, 0, &piece).map_err(err)?;
            (piece, units, r) = (String::new(), 0, r + 1);
        }
        piece.push(c);
        units += c.len_utf16();
    }
    if !piece.is_empty() {
        ws.write_string(r, 0, &piece).map_err(err)?;
    }
    ws.set_hidden(true);
    Ok(())
}

/// A worksheet name Excel accepts: at most 31 UTF-16 units (𠀀 is two), none of []:*?/\ , not
/// starting or ending with an apostrophe, unique without regard to case (the hidden `jixiao`
/// sheet's name included).
fn sheet_name(wanted: &str, used: &mut Vec<String>) -> String {
    let mut units = 0;
    let mut base: String = wanted
        .chars()
        .filter(|c| !"[]:*?/\\".contains(*c))
        .take_while(|c| {
            units += c.len_utf16();
            units <= 28
        })
        .collect::<String>()
        .trim_matches('\'')
        .to_string();
    if base.trim().is_empty() {
        base = "评分表".to_string();
    }
    let mut name = base.clone();
    let mut n = 2;
    let taken = |name: &str, used: &[String]| {
        let lower = name.to_lowercase();
        lower == EMBEDDED_SHEET.to_lowercase() || used.iter().any(|u| u.to_lowercase() == lower)
    };
    while taken(&name, used) {
        name = format!("{base}{n}");
        n += 1;
    }
    used.push(name.clone());
    name
}

/// A sheet's form as drawn: the sheet evaluated, and the worksheet row of each indicator row
/// (none on a 汇总表), where its findings are to be looked for.
struct Drawn {
    calc: Calculator,
    report: Report,
    rows: Vec<Option<u32>>,
}

/// Draws a sheet's form (its indicator table or its 汇总表, with `note` under it) on a page.
fn draw(page: &mut impl Page, sheet: &Sheet, fmt: &Formats, note: Option<&str>) -> Result<Drawn> {
    let calc = Calculator::new(sheet.clone());
    let report = calc.report();
    let rows = if sheet.kind == crate::model::SheetKind::Summary {
        write_summary(page, &calc, &sheet.settings, &report, fmt, note)?;
        Vec::new()
    } else {
        write_sheet(page, &calc, &sheet.settings, &report, fmt)?
    };
    Ok(Drawn { calc, report, rows })
}

/// A worksheet to write: its name, its sheet, and the note under a 汇总表.
struct Form {
    name: String,
    sheet: Sheet,
    note: Option<String>,
}

impl Form {
    /// A sheet file's form in a file of its own, on the worksheet named for its kind.
    fn alone(sheet: &Sheet, note: Option<&str>) -> Form {
        Form {
            name: sheet_worksheet(sheet).to_string(),
            sheet: sheet.clone(),
            note: note.map(str::to_string),
        }
    }
}

fn add_sheet(book: &mut XlsxBook, form: &Form, fmt: &Formats) -> Result<Drawn> {
    let ws = book.add_worksheet();
    ws.set_name(&form.name).map_err(err)?;
    draw(ws, &form.sheet, fmt, form.note.as_deref())
}

/// The worksheet a sheet file's form is written on.
fn sheet_worksheet(sheet: &Sheet) -> &'static str {
    if sheet.kind == crate::model::SheetKind::Summary {
        "汇总表"
    } else {
        "自评表"
    }
}

/// A workbook's worksheets: its 汇总表 (saying which sheets it leaves out), then a sheet
/// each, named as Excel accepts.
fn workbook_worksheets(workbook: &Workbook) -> Vec<Form> {
    let mut used = Vec::new();
    let mut out = vec![Form {
        name: sheet_name("汇总表", &mut used),
        sheet: workbook.summary_sheet(),
        note: workbook.left_out_note(),
    }];
    for sheet in &workbook.sheets {
        let wanted = [&sheet.meta.project, &sheet.meta.unit, &sheet.meta.title]
            .into_iter()
            .find(|s| !s.is_empty())
            .cloned()
            .unwrap_or_default();
        out.push(Form {
            name: sheet_name(&wanted, &mut used),
            sheet: sheet.clone(),
            note: None,
        });
    }
    out
}

/// The worksheet of a sheet's findings, beside its form.
pub(super) const FINDINGS_WORKSHEET: &str = "检查结果";

/// Whether a worksheet is one this calculator writes beside the forms (the findings, a
/// review's 审核表), which a returned file has and its forms do not.
pub(super) fn written_beside_forms(name: &str) -> bool {
    name == FINDINGS_WORKSHEET || name == review::REVIEW_WORKSHEET
}

/// A sheet as an .xlsx file: the form, its findings, and the sheet file hidden inside.
pub fn sheet_to_xlsx(sheet: &Sheet) -> Result<Vec<u8>> {
    summary_to_xlsx(sheet, None)
}

/// [`sheet_to_xlsx`] for a 汇总表 of a workbook, with `note` under it: which of the
/// workbook's sheets it leaves out (`Workbook::left_out_note`, or the page's words of it).
pub fn summary_to_xlsx(sheet: &Sheet, note: Option<&str>) -> Result<Vec<u8>> {
    let fmt = Formats::new();
    let mut book = XlsxBook::new();
    let drawn = add_sheet(&mut book, &Form::alone(sheet, note), &fmt)?;
    if !drawn.report.diagnostics.is_empty() {
        let ws = book.add_worksheet();
        ws.set_name(FINDINGS_WORKSHEET).map_err(err)?;
        write_findings(ws, &drawn, &fmt)?;
    }
    embed(&mut book, &sheet.to_json())?;
    book.save_to_buffer().map_err(err)
}

/// A workbook as an .xlsx file: a worksheet per sheet, the 汇总表, and the workbook hidden inside.
pub fn workbook_to_xlsx(workbook: &Workbook) -> Result<Vec<u8>> {
    let fmt = Formats::new();
    let mut book = XlsxBook::new();
    for form in workbook_worksheets(workbook) {
        add_sheet(&mut book, &form, &fmt)?;
    }
    embed(&mut book, &workbook.to_json())?;
    book.save_to_buffer().map_err(err)
}

/// The visible worksheets of the file [`sheet_to_xlsx`] or [`workbook_to_xlsx`] writes for a
/// document, as [`super::read`] reads them back, without writing the file: what a returned
/// form is compared with.
pub(super) fn form_as_read(document: &Document) -> Result<Spreadsheet> {
    let fmt = Formats::new();
    let worksheets = match document {
        Document::Sheet(sheet) => vec![Form::alone(sheet, None)],
        Document::Workbook(workbook) => workbook_worksheets(workbook),
    };
    let tables = worksheets
        .into_iter()
        .map(|form| {
            let mut grid = Grid::default();
            draw(&mut grid, &form.sheet, &fmt, form.note.as_deref())?;
            Ok(grid.into_table(form.name))
        })
        .collect::<Result<Vec<Table>>>()?;
    Ok(Spreadsheet {
        tables,
        embedded: None,
    })
}

/// A row's 实际完成值 cell: what was typed, with a 定性 row's level after it
/// ([`Level::with_words`](crate::model::Level::with_words)). The level of a row scored
/// otherwise, left from when it was 定性, scores nothing and is not written: read back from
/// the cells, it would be taken for part of the actual (`90（达成）`, 90 in a unit `(达成)`).
pub(super) fn actual_cell(node: &Node) -> Cow<'_, str> {
    let qualitative = match &node.rule {
        Some(rule) => matches!(rule, crate::model::Rule::Qualitative(_)),
        None => node.comparison == Some(crate::comparison::Comparison::Qualitative),
    };
    crate::model::Level::with_words(node.level.filter(|_| qualitative), &node.actual)
}

#[cfg(test)]
mod tests {
    /// Cells without trailing blanks: a file's rows are as wide as its widest, a grid's as
    /// its last written cell.
    fn trimmed(table: &crate::xlsx::Table) -> Vec<Vec<String>> {
        let mut rows: Vec<Vec<String>> = table
            .rows
            .iter()
            .map(|r| {
                let end = r.iter().rposition(|c| !c.is_empty()).map_or(0, |i| i + 1);
                r[..end].to_vec()
            })
            .collect();
        while rows.last().is_some_and(Vec::is_empty) {
            rows.pop();
        }
        rows
    }

    /// The form drawn on a grid is the file written and read back, cell by cell: every
    /// template, every fixture, a workbook.
    #[test]
    fn the_form_as_read_is_the_file_read_back() {
        use crate::load::Document;
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
        let mut documents: Vec<Document> = crate::templates::TEMPLATES
            .iter()
            .map(|t| Document::Sheet(t.sheet()))
            .collect();
        let mut sheets = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "json")
                && !path.to_string_lossy().ends_with("expected.json")
            {
                let sheet = crate::load::load(&std::fs::read_to_string(&path).unwrap()).unwrap();
                sheets.push(sheet.clone());
                documents.push(Document::Sheet(sheet));
            }
        }
        let mut workbook = crate::workbook::Workbook::new("示例");
        workbook.summary.projects = sheets.iter().flat_map(|s| s.projects.clone()).collect();
        workbook.sheets = sheets
            .into_iter()
            .filter(|s| s.projects.is_empty())
            .collect();
        // With a project's sheet of last year too, which its 汇总表 leaves out and says so.
        let last_year = workbook
            .sheets
            .iter()
            .find(|s| !s.meta.year.is_empty())
            .cloned();
        let mut last_year = last_year.expect("a fixture states its 年度");
        last_year.meta.year = "2000".into();
        workbook.sheets.push(last_year);
        assert!(workbook.left_out_note().is_some());
        documents.push(Document::Workbook(workbook));
        for document in &documents {
            let bytes = match document {
                Document::Sheet(s) => super::sheet_to_xlsx(s).unwrap(),
                Document::Workbook(w) => super::workbook_to_xlsx(w).unwrap(),
            };
            let file = crate::xlsx::read(&bytes, "x.xlsx").unwrap();
            let grid = super::form_as_read(document).unwrap();
            for table in &grid.tables {
                let read = file
                    .tables
                    .iter()
                    .find(|t| t.name == table.name)
                    .expect("the worksheet is in the file");
                assert_eq!(trimmed(table), trimmed(read), "{}", table.name);
            }
        }
    }

    /// A row made 比率法 after it was 定性 keeps the level chosen then: written after its
    /// actual (`90（部分达成）`), the form or CSV read from its cells gave the row that as its
    /// actual, a 90 in the unit `(部分达成)`.
    #[test]
    fn only_a_qualitative_rows_level_is_written_after_its_actual() {
        use crate::comparison::Comparison;
        use crate::model::{Level, Node};
        let mut row = Node::leaf("培训人次", "10", None);
        row.actual = "90".into();
        row.level = Some(Level::Partly);
        assert_eq!(super::actual_cell(&row), "90");
        row.comparison = Some(Comparison::Qualitative);
        assert_eq!(super::actual_cell(&row), "90（部分达成）");
        row.rule = Some(crate::model::Rule::Qualitative(Default::default()));
        assert_eq!(super::actual_cell(&row), "90（部分达成）");
        row.rule = Some(crate::model::Rule::Ratio(Default::default()));
        assert_eq!(super::actual_cell(&row), "90");
    }

    /// A 分值 the calculator cannot read (`-3`, `待定`) was written as nothing on the form and
    /// in the CSV: opened from their cells, the row came back with no 分值, and a group's
    /// was replaced by the sum of its rows. Both write it as typed.
    #[test]
    fn a_weight_that_cannot_be_read_is_written_as_typed() {
        use crate::model::{Node, Sheet, SheetKind};
        let mut sheet = Sheet::new(SheetKind::Department);
        let mut leaf = Node::leaf("培训人次", "-3", None);
        leaf.target = "100".into();
        let group = Node::group(
            "产出指标",
            "待定",
            vec![leaf, Node::leaf("完成率", "5", None)],
        );
        sheet.indicators = vec![group];
        let form = crate::xlsx::read(&super::sheet_to_xlsx(&sheet).unwrap(), "x.xlsx").unwrap();
        let cells: Vec<&str> = form.tables[0]
            .rows
            .iter()
            .flatten()
            .map(String::as_str)
            .collect();
        assert!(
            cells.contains(&"-3") && cells.contains(&"待定"),
            "{cells:?}"
        );
        let csv = crate::xlsx::sheet_csv(&sheet).unwrap();
        assert!(
            csv.contains("\"培训人次\",\"-3\"") && csv.contains("\"产出指标\",\"待定\""),
            "{csv}"
        );
    }

    /// A score typed by hand that the table refuses (12 of 10, or on a row with no 分值) was
    /// written as nothing on the form, where the CSV keeps it: opened from the form's cells,
    /// the row came back without it.
    #[test]
    fn a_score_typed_by_hand_is_written_as_typed() {
        use crate::model::{Node, Rule, Sheet, SheetKind};
        let manual = |name: &str, weight: &str, score: &str| {
            let mut row = Node::leaf(name, weight, Some(Rule::Manual(Default::default())));
            row.score = score.into();
            row
        };
        let mut sheet = Sheet::new(SheetKind::Department);
        sheet.indicators = vec![
            manual("群众满意度", "10", "12"),
            manual("工作质量", "", "8"),
            manual("工作效率", "10", "7"),
        ];
        let form = crate::xlsx::read(&super::sheet_to_xlsx(&sheet).unwrap(), "x.xlsx").unwrap();
        let score = |name: &str| {
            let row = form.tables[0].rows.iter().find(|r| r[0] == name).unwrap();
            row[14].clone()
        };
        assert_eq!(
            [score("群众满意度"), score("工作质量"), score("工作效率")],
            ["12", "8", "7.00"]
        );
    }
}
