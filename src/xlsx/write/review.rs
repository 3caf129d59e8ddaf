//! The review as a workbook the reviewer hands back: a 审核表 with, for every row, the unit's
//! figures beside ours, what each difference is and the 审核意见, then the unit's form as
//! scored, and the sheet itself hidden inside so that the file opens again in the calculator.

use super::page::{write_value, Formats, Page};
use super::{add_sheet, embed, err, Form, Result};
use crate::model::Sheet;
use crate::review::{self, FigureStatus, ReviewRow};
use rust_xlsxwriter::{Color, Format, Workbook as XlsxBook};

/// The review's worksheet, and its header row (read back by `merge`).
pub(in crate::xlsx) const REVIEW_WORKSHEET: &str = "审核表";
pub(in crate::xlsx) const REVIEW_HEADERS: [&str; 9] = [
    "指标",
    "分值",
    "自评完成率",
    "审核完成率",
    "自评得分",
    "审核得分",
    "结论",
    "差异说明",
    "审核意见",
];
/// The same for a 汇总表's review, whose rows are projects graded from their 分数 (as the
/// page heads it).
pub(in crate::xlsx) const SUMMARY_REVIEW_HEADERS: [&str; 9] = [
    "项目",
    "分数",
    "自评完成率",
    "审核完成率",
    "自评等级",
    "审核等级",
    "结论",
    "差异说明",
    "审核意见",
];
const WIDTHS: [f64; 9] = [34.0, 7.0, 11.0, 11.0, 10.0, 10.0, 12.0, 60.0, 30.0];

/// What a row's figures come to, in a word, and the colour it is marked with.
fn verdict(row: &ReviewRow) -> (&'static str, Option<u32>) {
    let statuses = [row.rate.status, row.score.status];
    let has = |s: FigureStatus| statuses.contains(&s);
    if has(FigureStatus::Unexplained) {
        ("差错", Some(0xF8D7DA))
    } else if has(FigureStatus::Doubtful) {
        ("约定存疑", Some(0xFCE4D6))
    } else if has(FigureStatus::Explained) {
        ("约定可复现", Some(0xFFF3CD))
    } else if has(FigureStatus::Follows) {
        ("随上游差异", Some(0xFDE9D9))
    } else if has(FigureStatus::Reproduced) {
        ("一致", None)
    } else if has(FigureStatus::NotCompared) {
        // Declared where the table has nothing to compare it with, as the page marks it.
        (
            if row.not_applicable {
                "不适用·不核对"
            } else {
                "不核对"
            },
            None,
        )
    } else {
        ("", None)
    }
}

/// The review workbook of `sheet`.
pub fn review_to_xlsx(sheet: &Sheet) -> Result<Vec<u8>> {
    let fmt = Formats::new();
    let table = review::table(sheet);
    let mut book = XlsxBook::new();
    let ws = book.add_worksheet();
    ws.set_name(REVIEW_WORKSHEET).map_err(err)?;
    let title = if sheet.meta.title.is_empty() {
        sheet.kind.label()
    } else {
        sheet.meta.title.as_str()
    };
    let last = REVIEW_HEADERS.len() as u16 - 1;
    ws.merge((0, 0), (0, last), &format!("审核表：{title}"), &fmt.title)?;
    // Which unit's table, of which project and year: what a reviewer files it by.
    let named: String = [
        ("单位", &sheet.meta.unit),
        ("项目", &sheet.meta.project),
        ("年度", &sheet.meta.year),
    ]
    .iter()
    .filter(|(_, v)| !v.trim().is_empty())
    .map(|(k, v)| format!("{k}：{}    ", v.trim()))
    .collect();
    let counts = match table.counts.as_str() {
        "" => format!("{named}表中没有单位填报的完成率、得分、小计、总分或等级"),
        said => format!("{named}{said}"),
    };
    ws.merge((1, 0), (1, last), &counts, &fmt.meta)?;
    // The way of scoring the review was done by (a convention adopted with 本表按此约定计分):
    // on the signed form, why a figure scored so was accepted.
    if let Some(line) = crate::xlsx::form::settings_line(&sheet.settings) {
        ws.merge((2, 0), (2, last), &line, &fmt.meta)?;
    }
    let projects = table
        .rows
        .iter()
        .any(|r| matches!(r.place, review::RowPlace::Project { .. }));
    let headers = if projects {
        SUMMARY_REVIEW_HEADERS
    } else {
        REVIEW_HEADERS
    };
    for (c, h) in headers.iter().enumerate() {
        ws.text(3, c as u16, h, &fmt.header)?;
    }
    ws.print_setup(&WIDTHS, Some(4))?;
    let mut row = 4;
    for r in &table.rows {
        let (word, colour) = verdict(r);
        let marked = |f: &Format| match colour {
            Some(c) => f.clone().set_background_color(Color::RGB(c)),
            None => f.clone(),
        };
        let indent = u8::try_from(r.depth.min(8)).unwrap_or(0);
        let name_format = marked(&if r.leaf {
            fmt.text.clone()
        } else {
            fmt.group.clone()
        })
        .set_indent(indent)
        .set_align(rust_xlsxwriter::FormatAlign::Left);
        ws.text(row, 0, &r.name, &name_format)?;
        write_value(ws, row, 1, r.weight.as_deref().unwrap_or(""), &fmt)?;
        for (c, text) in [
            (2, r.rate.declared.as_str()),
            (3, r.rate.computed.as_deref().unwrap_or("")),
            (4, r.score.declared.as_str()),
            (5, r.score.computed.as_deref().unwrap_or("")),
        ] {
            write_value(ws, row, c, text, &fmt)?;
        }
        ws.text(row, 6, word, &marked(&fmt.text))?;
        ws.text(row, 7, &r.notes.join("\n"), &fmt.text)?;
        ws.text(row, 8, &r.opinion, &fmt.text)?;
        row += 1;
    }
    if !table.sheet_errors.is_empty() {
        row += 1;
        ws.merge(
            (row, 0),
            (row, last),
            "表中错误（不影响审核结论）：",
            &fmt.meta,
        )?;
        for e in &table.sheet_errors {
            row += 1;
            ws.merge((row, 0), (row, last), e, &fmt.meta)?;
        }
    }
    // The reviewer signs the review, and the 财政局 seals it, as the unit its form.
    row += 2;
    ws.merge(
        (row, 0),
        (row, last),
        "审核单位（盖章）：                    审核人：                    审核日期：",
        &fmt.meta,
    )?;
    add_sheet(&mut book, &Form::alone(sheet, None), &fmt)?;
    embed(&mut book, &sheet.to_json())?;
    book.save_to_buffer().map_err(err)
}
