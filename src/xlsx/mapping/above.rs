//! What a table says above its header row: the lines naming its unit, project and year
//! (`实施单位：… 项目名称：…`, `年度 | 2023`), and a 资金 block (资金 / 预算数 / 执行数 / 执行率 /
//! 得分, a row per fund), as jixiao's CSV and many a unit's table write them.

use super::{half_width, normalize};
use crate::cell::normalize_char;
use crate::cell::unit_size::{money_power, unbracketed};
use crate::load::PROJECT_FUNDS_PARTS;
use crate::model::{Declared, FundsRow, Meta, Node, Rule, Sheet};
use crate::rules::BudgetExecution;
use crate::workbook::name_key;

/// Labels of the lines above a table that name its unit, project and year, its 年度总体目标,
/// its 主要问题 and 改进建议 (its row of the 汇总表) and who filled it in (the
/// [`SIGNATURE_LABELS`], which a form prints under its table as often as above it), longer
/// before any they hold.
const META_LABELS: [&str; 31] = [
    "填报单位（盖章）",
    "年度总体目标",
    "实际完成情况",
    "单位负责人",
    "财务负责人",
    "项目负责人",
    "主要问题",
    "改进建议",
    "单位名称",
    "主管部门",
    "实施单位",
    "填报单位",
    "预算单位",
    "项目名称",
    "评价年度",
    "联系电话",
    "填报日期",
    "填表日期",
    "填报时间",
    "填报人",
    "填表人",
    "制表人",
    "审核人",
    "负责人",
    "联系人",
    "经办人",
    "单位",
    "项目",
    "年度",
    "审核",
    "日期",
];

/// The labels of a signature line (`填报人：张三    联系电话：…    填报日期：…`, `单位负责人：李四
/// 审核人：王五`), as forms print it under their table or above it. Those with no field of the
/// sheet's (单位负责人, 联系人, …) are said when read, never dropped unsaid
/// ([`read_signature_lines`]). Not `日期`, too plain a word to start such a line: read after
/// one's first label all the same.
const SIGNATURE_LABELS: [&str; 17] = [
    "填报单位（盖章）",
    "单位负责人",
    "财务负责人",
    "项目负责人",
    "填报单位",
    "联系电话",
    "填报日期",
    "填表日期",
    "填报时间",
    "填报人",
    "填表人",
    "制表人",
    "审核人",
    "负责人",
    "联系人",
    "经办人",
    "审核",
];

/// The labels of [`META_LABELS`] whose values are free text, taken to the end of their cell.
const FREE_TEXT_LABELS: [&str; 4] = ["年度总体目标", "实际完成情况", "主要问题", "改进建议"];

/// The notes forms print in brackets after a signature line's label, `填报人（签字）：`,
/// `填报单位(盖章)：`: the label all the same.
const LABEL_NOTES: [&str; 5] = ["签字", "签名", "盖章", "签章", "签字盖章"];

/// The text after `label` where `text` starts with it as forms write labels: spaced out
/// (`填 报 人`), full-width or ASCII (`填报单位(盖章)`), a note after it (`填报人（签字）`, see
/// [`LABEL_NOTES`]); spaces after it skipped (`填报人 ：`). The one matcher of these lines'
/// labels, so that a line is read by the labels it is judged by.
fn after_label<'t>(text: &'t str, label: &str) -> Option<&'t str> {
    let mut chars = text.char_indices().peekable();
    for (k, wanted) in label.chars().enumerate() {
        if k > 0 {
            while chars.next_if(|(_, c)| c.is_whitespace()).is_some() {}
        }
        let (_, c) = chars.next()?;
        if half_width(c) != half_width(wanted) {
            return None;
        }
    }
    let rest = chars.peek().map_or("", |&(at, _)| &text[at..]).trim_start();
    Some(after_note(rest).unwrap_or(rest))
}

/// The text after a note of [`LABEL_NOTES`] in brackets it starts with (`（签字）：`, `(盖章)`),
/// spaces after it skipped.
fn after_note(text: &str) -> Option<&str> {
    let (note, after) = text.strip_prefix(['（', '('])?.split_once(['）', ')'])?;
    let note: String = note.split_whitespace().collect();
    LABEL_NOTES
        .contains(&note.as_str())
        .then(|| after.trim_start())
}

/// The label of `labels` a text starts with and its colon (`填报人：张三`, `填 报 人 :`), and
/// what follows the colon.
fn colon_label<'t>(text: &'t str, labels: &[&'static str]) -> Option<(&'static str, &'t str)> {
    labels.iter().find_map(|&label| {
        let value = after_label(text, label)?.strip_prefix(['：', ':'])?;
        Some((label, value))
    })
}

/// Whether a cell is a label (`单位`, `项目：`) or starts with one (`项目：老旧小区微改造`).
fn is_label(cell: &str) -> bool {
    let cell = cell.trim();
    bare_label(cell).is_some() || colon_label(cell, &META_LABELS).is_some()
}

/// The label a cell holds alone (`项目名称`, `项目名称：`, `填 报 人`), its value to come in the
/// next cell.
pub(in crate::xlsx) fn bare_label(cell: &str) -> Option<&'static str> {
    META_LABELS.iter().copied().find(|label| {
        after_label(cell.trim(), label)
            .is_some_and(|rest| rest.is_empty() || matches!(rest, "：" | ":"))
    })
}

/// The `label：value` pairs of a row: several in one cell (`单位名称：石井街道    年度：2023`),
/// or a label in a cell of its own with its value in the next one.
fn labelled(row: &[String]) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    for (c, cell) in row.iter().enumerate() {
        let text = cell.trim();
        // A cell that starts with a label of free text is that text to its end: its words may
        // hold a `项目：` or `年度：` of their own (jixiao's CSV writes one such label a cell).
        if let Some((label, value)) = colon_label(text, &FREE_TEXT_LABELS) {
            let value = value.trim();
            if !value.is_empty() {
                out.push((label, value.to_string()));
            }
            continue;
        }
        let found = colon_labels(text);
        if found.is_empty() {
            // A label alone in its cell, its value in the next one.
            if let Some(label) = bare_label(text) {
                if let Some(value) = row[c + 1..]
                    .iter()
                    .map(|v| v.trim())
                    .find(|v| !v.is_empty())
                {
                    if !is_label(value) && takes(label, value) && !is_blank_field(value) {
                        out.push((label, value.to_string()));
                    }
                }
            }
            continue;
        }
        for (k, &(_, label, start)) in found.iter().enumerate() {
            let end = found.get(k + 1).map_or(text.len(), |next| next.0);
            let value = text[start..end].trim();
            // `单位：` with nothing after it: its value is the next cell, unless that cell is a
            // label of its own (jixiao's CSV writes `单位：`, `项目：…` when no unit is named).
            let value = if value.is_empty() {
                row[c + 1..]
                    .iter()
                    .map(|v| v.trim())
                    .find(|v| !v.is_empty())
                    .filter(|v| !is_label(v) && takes(label, v))
                    .unwrap_or("")
            } else {
                value
            };
            if !value.is_empty() && !is_blank_field(value) {
                out.push((label, value.to_string()));
            }
        }
    }
    out
}

/// Every `label：` of [`META_LABELS`] in a cell's text, as (where it starts, the label, where
/// its value starts).
fn colon_labels(text: &str) -> Vec<(usize, &'static str, usize)> {
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(ch) = text[at..].chars().next() {
        // A label starts its words: 金额单位：万元 names no unit.
        let starts = text[..at]
            .chars()
            .next_back()
            .is_none_or(|ch| ch.is_whitespace() || matches!(ch, '，' | '；' | ','));
        if let Some((label, value)) = colon_label(&text[at..], &META_LABELS).filter(|_| starts) {
            let start = text.len() - value.len();
            found.push((at, label, start));
            at = start;
        } else {
            at += ch.len_utf8();
        }
    }
    found
}

/// Whether the text in the cell after a label with no value of its own (`填报人 | 张三`,
/// `审核人： | 李四`) is that label's value: not a figure after a label naming a person
/// (`填报人 | 90`: 90 is no one's name, see [`figure_in_digits`]). A 联系电话's or 联系人's is
/// one, a phone number.
fn takes(label: &str, value: &str) -> bool {
    let names_person = (label.ends_with('人') && label != "联系人") || label == "审核";
    !(names_person && figure_in_digits(value))
}

/// Whether a text is a figure written in digits (`90`, `９０分`), no word the cells' reader
/// takes for one (张三 for 3 张, 项目资金（千元） for 1000 元).
fn figure_in_digits(text: &str) -> bool {
    text.chars().any(|c| digit(c).is_some())
        && matches!(
            crate::cell::parse_cell(text),
            Ok(crate::cell::Cell::Number(_))
        )
}

/// Whether a text is a form's field left blank: a note alone where a seal or signature goes
/// (`（盖章）`, see [`LABEL_NOTES`]), or a date not filled in (`年  月  日`, `    年    月    日`).
/// Noise: no value, nothing to say.
fn is_blank_field(text: &str) -> bool {
    let blank_date = text.split_whitespace().collect::<String>() == "年月日";
    blank_date || after_note(text.trim()) == Some("")
}

/// A line naming the document a table is attached to (附件1, 附件 2, 附件三：), which units put
/// above its title: never the title.
pub(in crate::xlsx) fn is_attachment(text: &str) -> bool {
    text.trim().strip_prefix("附件").is_some_and(|rest| {
        rest.chars().all(|c| {
            c.is_whitespace()
                || c.is_ascii_digit()
                || ('０'..='９').contains(&c)
                || "一二三四五六七八九十-－—：:.、".contains(c)
        })
    })
}

/// What jixiao's CSV (and many a table) writes above its header: `单位：…`, `项目：…`, `年度：…`
/// cells, and a 资金 block (资金 / 预算数 / 执行数 / 执行率, a row per fund). True when a line
/// names a 实施单位, filled or not, as a project's form and CSV do, and what the lines say that
/// the sheet keeps no field for. `merged_with_above` tells a cell filled in from the one above
/// it by a merged region ([`super::super::Table::merged_with_above`]).
pub(in crate::xlsx) fn read_lines_above(
    rows: &[Vec<String>],
    merged_with_above: &dyn Fn(usize, usize) -> bool,
    sheet: &mut Sheet,
) -> ReadAbove {
    let implementer = rows.iter().flatten().any(|cell| {
        cell.trim()
            .strip_prefix("实施单位")
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(['：', ':']))
    });
    let mut untaken = Vec::new();
    // Which of the labels naming the unit meta.unit was taken from (see [`unit_rank`]).
    let mut unit_from = if sheet.meta.unit.is_empty() { 0 } else { 3 };
    // The form's 年度总体目标 block: 预期目标 | 实际完成情况 over the texts, a row a goal down
    // to a blank or labelled line or the indicator table's header (see [`goal_rows`]).
    let goal = rows.iter().enumerate().find_map(|(r, row)| {
        let at = |name: &str| row.iter().position(|c| normalize(c) == name);
        let (expected, achieved) = (at("预期目标")?, at("实际完成情况")?);
        (expected < achieved).then(|| (r, goal_rows(&rows[r + 1..], expected), expected, achieved))
    });
    if let Some((r, n, expected, achieved)) = goal {
        // A text merged down several rows is filled into each (read.rs): one text, not one a
        // row. The same text typed again on the next row is a goal of its own.
        let text = |from: usize, to: usize| {
            let lines = (r + 1..=r + n).filter_map(|at| {
                let row = &rows[at];
                let cells = row.get(from..to.min(row.len())).unwrap_or_default();
                let mut texts = cells.iter().map(|c| c.trim()).enumerate();
                let (c, text) = texts.find(|(_, t)| !t.is_empty())?;
                (!merged_with_above(at, from + c)).then_some(text)
            });
            lines.collect::<Vec<_>>().join("\n")
        };
        sheet.meta.goal = text(expected, achieved);
        sheet.meta.achieved = text(achieved, usize::MAX);
    }
    for (r, row) in rows.iter().enumerate() {
        // The goal block's rows are read: its labels are no values.
        if goal.is_some_and(|(at, n, ..)| (at..=at + n).contains(&r)) {
            continue;
        }
        for (label, value) in labelled(row) {
            let meta = &mut sheet.meta;
            if let Some(rank) = unit_rank(label, &value) {
                if rank > unit_from {
                    (meta.unit, unit_from) = (value, rank);
                }
                continue;
            }
            match field_of(meta, label) {
                Some(field) if field.is_empty() => *field = value,
                // A second value for a field (a second `项目名称：`) would be dropped unseen:
                // the first is kept, the other said. The same name written again is no news.
                Some(field) if same_value(label, field, &value) => {}
                _ => untaken.push(format!("{label}：{value}")),
            }
        }
    }
    // The 10号 form states its 年度 in its title (…自评表（2025年度）) or on a line of its own
    // under it: a line naming it wins. Not its project: `…项目支出绩效自评表` is the form's own
    // name as often as a project's (天河区2023年度项目…), which the title cannot tell.
    let meta = &mut sheet.meta;
    if meta.year.is_empty() {
        meta.year = year_under_title(rows, &meta.title)
            .or_else(|| title_year(&meta.title))
            .unwrap_or_default();
    }
    let funds_unread = read_funds(rows, sheet);
    ReadAbove {
        implementer,
        untaken,
        funds_unread,
    }
}

/// What [`read_lines_above`] tells besides the sheet it fills.
pub(in crate::xlsx) struct ReadAbove {
    /// A line names a 实施单位, filled or not, as a project's form and CSV do.
    pub implementer: bool,
    /// What the lines say that the sheet keeps no field for, as written (`项目负责人：李四`),
    /// or a second value for a field already filled, for the opening's notice to say, as
    /// [`read_signature_lines`] returns it.
    pub untaken: Vec<String>,
    /// What its 资金 block holds that is not read, in words, for the notice to say (see
    /// [`read_funds`]).
    pub funds_unread: Vec<String>,
}

/// The field of the sheet's 基本信息 a label names (`项目名称`, `填表人`); `None` for the unit's
/// labels ([`unit_rank`]) and those the sheet keeps no field for (单位负责人).
fn field_of<'m>(meta: &'m mut Meta, label: &str) -> Option<&'m mut String> {
    Some(match label {
        "项目名称" | "项目" => &mut meta.project,
        "评价年度" | "年度" => &mut meta.year,
        "主管部门" => &mut meta.department,
        "年度总体目标" => &mut meta.goal,
        "实际完成情况" => &mut meta.achieved,
        "主要问题" => &mut meta.problems,
        "改进建议" => &mut meta.suggestions,
        "填报人" | "填表人" | "制表人" => &mut meta.preparer,
        "审核人" | "审核" => &mut meta.reviewer,
        "联系电话" => &mut meta.phone,
        "填报日期" | "填表日期" | "填报时间" | "日期" => &mut meta.date,
        _ => return None,
    })
}

/// Whether a row is a signature line: its first text starts with one of the
/// [`SIGNATURE_LABELS`] and a colon (`填报人：张三    联系电话：…`, `填报人（签字）：`), whatever
/// follows (a date, `（盖章）`, a label of no field's: read or said by
/// [`read_signature_lines`]), or with `日期：` and a date ([`is_dated`]); or is one alone with
/// its value in a cell after it (`填 报 人 | 张三`) and its other cells are labelled values too
/// ([`unlabelled`]); or holds blank fields alone (`年  月  日`, [`is_blank_field`]). Never an
/// indicator nor a goal. A row starting with a label alone and holding a text no label takes
/// (`联系人 | 2 | 3`, `填报人 | 90`: figures) is an indicator's; so is a label that names no
/// field alone with one value (`负责人 | 张三`), as indicators can be named: kept a row, it is
/// shown, where a signature line no field takes is only said. A figure a person's label does
/// not take ([`takes`]) counts against a line only when it is all the line holds after that
/// label (`填报人 | 90`); among other labelled values it is said, not read as the name.
pub(in crate::xlsx) fn is_signature_line(row: &[String]) -> bool {
    let texts = line_texts(row);
    let Some((&first, rest)) = texts.split_first() else {
        return false;
    };
    if colon_label(first, &SIGNATURE_LABELS).is_some() || is_dated(first) {
        return true;
    }
    // A template's blank date or seal under the table, alone: noise, no indicator.
    if texts.iter().all(|t| is_blank_field(t)) {
        return true;
    }
    let Some(label) = SIGNATURE_LABELS
        .iter()
        .copied()
        .find(|&label| bare_label(first) == Some(label))
    else {
        return false;
    };
    let has_field =
        field_of(&mut Meta::default(), label).is_some() || unit_rank(label, "").is_some();
    let lone = unread_texts(&texts);
    let label_and_figure = texts.len() == 2 && !lone.is_empty();
    lone.iter().all(|&(_, refused_figure)| refused_figure)
        && !label_and_figure
        && !rest.is_empty()
        && (has_field || rest.iter().any(|t| is_label(t)))
}

/// Whether a line under a table's 总分 row is one of its 基本信息 that a form prints there
/// besides its signature lines, read as they are ([`read_signature_lines`]): one starting with
/// a label of free text (`主要问题：…`, `改进建议 | …`, see [`FREE_TEXT_LABELS`]), or a date
/// alone, the 填报日期 (`2024年3月5日`, beside a seal left blank). Only under the total: above
/// it a date alone may be an indicator's value on a row continued.
pub(in crate::xlsx) fn is_field_line_below(row: &[String]) -> bool {
    let texts = line_texts(row);
    let Some(&first) = texts.first() else {
        return false;
    };
    let free_text = colon_label(first, &FREE_TEXT_LABELS).is_some()
        || bare_label(first).is_some_and(|label| FREE_TEXT_LABELS.contains(&label));
    let dated =
        texts.iter().any(|t| is_date(t)) && texts.iter().all(|t| is_date(t) || is_blank_field(t));
    free_text || dated
}

/// The texts of a line that are neither a label nor a label's value as [`labelled`] reads
/// them: a text after a label with no value in its cell (`填报人`, `审核人：`) is that label's
/// value, unless the label refuses it ([`takes`]).
fn unlabelled<'t>(texts: &[&'t str]) -> Vec<&'t str> {
    unread_texts(texts).into_iter().map(|(t, _)| t).collect()
}

/// [`unlabelled`]'s texts, each with whether it is a figure the label before it refused as
/// naming a person (`90` in `填报人 | 王五 | 审核人 | 90`).
fn unread_texts<'t>(texts: &[&'t str]) -> Vec<(&'t str, bool)> {
    // The label a text ends with that has no value in it, its value the next text.
    let awaits = |text: &str| {
        let last = colon_labels(text).last().copied();
        let empty = last.filter(|&(_, _, start)| text[start..].trim().is_empty());
        bare_label(text).or(empty.map(|(_, label, _)| label))
    };
    let mut waiting = None;
    let mut out = Vec::new();
    for &text in texts {
        if is_label(text) {
            waiting = awaits(text);
        } else {
            match std::mem::take(&mut waiting) {
                Some(label) if takes(label, text) => {}
                Some(_) => out.push((text, true)),
                None => out.push((text, false)),
            }
        }
    }
    out
}

/// Whether a text is `日期：` and a date, or a blank one (`日期：2024-03-05`, `日期：年 月 日`):
/// the date of a signature line, which plain `日期` starts only so (not one of the
/// [`SIGNATURE_LABELS`]).
fn is_dated(text: &str) -> bool {
    colon_label(text, &["日期"]).is_some_and(|(_, value)| {
        let value = value.trim();
        value.is_empty() || is_date(value) || is_blank_field(value)
    })
}

/// Whether a text is a date alone: as a spreadsheet's date cell reads (`2024-03-05`, by the
/// cells' own reader, [`crate::cell::parse_cell`]) or as a form types one (`2024年3月5日`).
fn is_date(text: &str) -> bool {
    let dashed = text
        .strip_suffix(['日', '号'])
        .map(|day| day.replacen('年', "-", 1).replacen('月', "-", 1));
    let text = dashed.as_deref().unwrap_or(text);
    matches!(
        crate::cell::parse_cell(text),
        Err(crate::cell::CellError::Date(_))
    )
}

/// Reads signature lines ([`is_signature_line`]) into the 基本信息 the same way as the lines
/// above a table are read: each label's value into its field where that is blank, the
/// 填报单位 the unit where none is named, a date with no label (`填表人：张三 | 2024年3月5日`) the
/// 填报日期. Returns what none takes, as written (`单位负责人：李四`, a 填报人 other than the one
/// already read, a name with no label), for the opening's notice to say; a blank field
/// (`（盖章）`, where the seal goes, a date not filled in) says nothing ([`is_blank_field`]).
pub(in crate::xlsx) fn read_signature_lines<'r>(
    rows: impl IntoIterator<Item = &'r Vec<String>>,
    meta: &mut Meta,
) -> Vec<String> {
    let mut untaken = Vec::new();
    let mut keep = |field: Option<&mut String>, value: String, said: String| match field {
        Some(field) if field.is_empty() => *field = value,
        Some(field) if *field == value => {}
        _ => untaken.push(said),
    };
    for row in rows {
        for (label, value) in labelled(row) {
            let field = match unit_rank(label, &value) {
                Some(_) => Some(&mut meta.unit),
                None => field_of(meta, label),
            };
            let said = format!("{label}：{value}");
            keep(field, value, said);
        }
        for text in unlabelled(&line_texts(row)) {
            if is_blank_field(text) {
                continue;
            }
            let field = is_date(text).then_some(&mut meta.date);
            keep(field, text.to_string(), text.to_string());
        }
    }
    untaken
}

/// How many of `rows`, under a goal block's 预期目标 (at column `expected`), hold its texts:
/// those to a blank line, a labelled one (`填报人：`, `单位：万元`), a 资金 block's row
/// (`项目资金 | 年初预算数 | …`) or the indicator table's header, left of the texts nothing but
/// the block's label merged down its rows.
fn goal_rows(rows: &[Vec<String>], expected: usize) -> usize {
    let texts = |row: &Vec<String>| {
        if funds_header(std::slice::from_ref(row)).is_some() {
            return false;
        }
        let (left, texts) = row.split_at(expected.min(row.len()));
        let part = |c: &String| ends_goal_block(c) || starts_next_part(c);
        let left = left
            .iter()
            .all(|c| c.trim().is_empty() || normalize(c) == "年度总体目标");
        let texts = texts.iter().any(|c| !c.trim().is_empty()) && !texts.iter().any(part);
        left && texts
    };
    rows.iter().take_while(|row| texts(row)).count()
}

/// Whether a cell under a goal block's 预期目标 ends the block as a labelled line does
/// (`填报人：张三`, `单位：万元`, `项目名称：…`); not a goal written after a short label of its
/// own (`项目：完成3个站点建设`, `年度：…`), which is the goal as written.
fn ends_goal_block(cell: &str) -> bool {
    let text = normalize(cell);
    let label = bare_label(&text).or_else(|| colon_label(&text, &META_LABELS).map(|(l, _)| l));
    label.is_some_and(|label| !matches!(label, "项目" | "年度"))
}

/// Whether two values of a 基本信息 field say the same: names as people compare them
/// ([`name_key`]), a year by its digits (`2024`, `２０２４年`, `2024年度`).
fn same_value(label: &str, a: &str, b: &str) -> bool {
    let year = |v: &str| -> Option<String> {
        let v = v.trim().trim_end_matches("年度").trim_end_matches('年');
        let digits: Option<String> = v.chars().map(digit).collect();
        digits.filter(|d| !d.is_empty())
    };
    let years = matches!(label, "评价年度" | "年度");
    years && year(a).is_some_and(|y| Some(y) == year(b)) || name_key(a) == name_key(b)
}

/// A digit of a year, ASCII or full-width (２０２５年), as the cell reader maps it.
fn digit(c: char) -> Option<char> {
    Some(normalize_char(c)).filter(char::is_ascii_digit)
}

/// The year a title names (`…自评表（2025年度）`, `2023年…`), as ASCII digits; none where it
/// names none or several (`2023—2025年…`).
fn title_year(title: &str) -> Option<String> {
    let chars: Vec<char> = title.chars().collect();
    let is_digit = |i: usize| chars.get(i).is_some_and(|&c| digit(c).is_some());
    // Each number of four digits, and whether 年 follows it.
    let mut years = (0..chars.len()).filter_map(|i| {
        let alone = (i == 0 || !is_digit(i - 1)) && !is_digit(i + 4);
        let year: Option<String> = chars.get(i..i + 4)?.iter().map(|&c| digit(c)).collect();
        Some((year.filter(|_| alone)?, chars.get(i + 4) == Some(&'年')))
    });
    let (year, mut named) = years.next()?;
    for (other, after) in years {
        if other != year {
            return None;
        }
        named |= after;
    }
    named.then_some(year)
}

/// The texts of a line: its cells trimmed, the empty ones left out.
pub(in crate::xlsx) fn line_texts(row: &[String]) -> Vec<&str> {
    row.iter()
        .map(|c| c.trim())
        .filter(|c| !c.is_empty())
        .collect()
}

/// The year the line right under a title states alone, as the 10号 form prints it
/// (`（2025年度）`, `2025年度`, `（2025年）`), in ASCII digits; none where that line says more.
fn year_under_title(rows: &[Vec<String>], title: &str) -> Option<String> {
    let title = title.trim();
    let mut lines = rows.iter().map(|r| line_texts(r)).filter(|t| !t.is_empty());
    lines.find(|t| !title.is_empty() && t.contains(&title))?;
    // Its cells merged across the row may each hold it.
    let line = lines.next()?;
    let text = line.iter().all(|c| *c == line[0]).then_some(line[0])?;
    let text = text
        .strip_prefix(['（', '('])
        .and_then(|t| t.strip_suffix(['）', ')']))
        .unwrap_or(text)
        .trim();
    let year = text
        .strip_suffix("年度")
        .or_else(|| text.strip_suffix('年'))?;
    let digits: Option<String> = year.chars().map(digit).collect();
    digits.filter(|d| d.len() == 4)
}

/// How surely a line names the unit, `None` for one that does not: 单位名称, 实施单位 or
/// 预算单位 (3) before 填报单位, who may fill the form in for it (2), before a bare `单位` (1),
/// which the forms also print in a corner for the figures (`单位：万元`, `单位：分`: no unit's
/// name, and never one over the 实施单位 on the line below it).
fn unit_rank(label: &str, value: &str) -> Option<u8> {
    match label {
        "单位名称" | "实施单位" | "预算单位" => Some(3),
        "填报单位" | "填报单位（盖章）" => Some(2),
        "单位" => {
            let measure = money_power(value).is_some() || matches!(unbracketed(value), "分" | "%");
            (!measure).then_some(1)
        }
        _ => None,
    }
}

/// The money unit a text states for the figures under or beside it: a header's `预算数（元）`,
/// a block's label `项目资金（千元）`, a corner note `单位：元` or `金额单位：亿元`. `None` for a
/// unit that is no money (`单位：分`, `（%）`) and a text stating none.
pub(in crate::xlsx) fn stated_money(text: &str) -> Option<&str> {
    let text = text.trim();
    let unit = match text.strip_suffix(['）', ')']) {
        Some(inner) => inner
            .rsplit(['（', '('])
            .next()
            .filter(|_| inner.contains(['（', '('])),
        None => text.rfind("单位").map(|at| &text[at + "单位".len()..]),
    }?;
    let unit = unit.trim();
    let unit = match unit.find("单位") {
        Some(at) => unit[at + "单位".len()..].trim_start_matches(['：', ':']),
        None if text.ends_with(['）', ')']) => unit,
        None => unit.strip_prefix(['：', ':'])?,
    };
    let unit = unit.split_whitespace().next()?;
    money_power(unit).map(|_| unit)
}

/// The money unit a corner note among `rows` states for a table's figures (`单位：元`,
/// `金额单位：元` in a cell of its own or at the end of the title's line); see [`stated_money`].
pub(in crate::xlsx) fn corner_money(rows: &[Vec<String>]) -> Option<&str> {
    rows.iter()
        .flatten()
        .filter(|c| c.contains("单位"))
        .find_map(|c| stated_money(c))
}

/// A bare figure (`4,200,000`) in a column whose stated unit is `unit` (元, 千元, 亿元), written
/// with it (`4,200,000元`), so that it reads in 万元 exactly as one typed so does. A figure with
/// a unit of its own, one in 万元 (the forms' own unit), and any other text, is kept as it is.
pub(in crate::xlsx) fn with_unit(text: String, unit: Option<&str>) -> String {
    let unit = unit.filter(|u| money_power(u) != Some(4));
    let bare = |t: &str| {
        matches!(crate::cell::parse_cell(t.trim()),
            Ok(crate::cell::Cell::Number(q)) if q.unit.is_empty() && !q.percent)
    };
    match unit {
        Some(unit) if bare(&text) => format!("{}{unit}", text.trim()),
        _ => text,
    }
}

/// The header row of a 资金 block: its first cell `资金` or `项目资金` (the 10号 form's), a unit
/// note after it or not.
pub(in crate::xlsx) fn funds_header(rows: &[Vec<String>]) -> Option<usize> {
    rows.iter()
        .position(|r| r.first().is_some_and(|c| is_funds_label(c)))
}

/// Whether a cell is a 资金 block's label, `资金` or `项目资金`, its unit after it or not.
fn is_funds_label(cell: &str) -> bool {
    matches!(without_unit(cell).as_str(), "资金" | "项目资金")
}

/// A heading [`normalize`]d, without the money unit in brackets after it (`（千元）`, which
/// `normalize` leaves).
fn without_unit(cell: &str) -> String {
    let text = normalize(cell);
    match text.rfind('(') {
        Some(at) if stated_money(cell).is_some() && text.ends_with(')') => text[..at].to_string(),
        _ => text,
    }
}

/// What starts the parts of a form that may follow its 资金 block: the 年度总体目标 block, the
/// indicator table's header (绩效指标 over 一级指标, or 一级指标), the signature line. The block
/// ends at one, the blank row the form writes before it deleted in Excel or not.
const AFTER_FUNDS: [&str; 5] = [
    "年度总体目标",
    "预期目标",
    "绩效指标",
    "一级指标",
    "填报单位",
];

/// Whether a cell starts one of the parts of a form that follow a block ([`AFTER_FUNDS`]).
fn starts_next_part(cell: &str) -> bool {
    let cell = normalize(cell);
    AFTER_FUNDS.iter().any(|part| cell.starts_with(part))
}

/// Where a 资金 block's columns are: found by their headings, or for the 10号 form's block
/// copied without its header, by the form's order ([`FundsColumns::FORM`]).
struct FundsColumns {
    /// The first column of figures: the rows' names are left of it (none when it is the first).
    figures: usize,
    initial: Option<usize>,
    budget: Option<usize>,
    spent: Option<usize>,
    weight: Option<usize>,
    rate: Option<usize>,
    score: Option<usize>,
    reason: Option<usize>,
    note: Option<usize>,
}

/// The headings the 10号 form itself prints over its 资金 figures.
const FORM_FIGURES: [&str; 3] = ["年初预算数", "全年预算数", "全年执行数"];

impl FundsColumns {
    /// The 10号 form's columns after its `项目资金（万元）` label: the name, 年初预算数, 全年预算数,
    /// 全年执行数, 分值, 执行率, 得分.
    const FORM: Self = Self {
        figures: 2,
        initial: Some(2),
        budget: Some(3),
        spent: Some(4),
        weight: Some(5),
        rate: Some(6),
        score: Some(7),
        reason: None,
        note: None,
    };

    /// The columns of a header row led by a 资金 label (`项目资金（万元） | 年初预算数 | …`), when
    /// it names a budget column (年初预算数, 全年预算数 or their like): one rule for a file's
    /// block and a pasted one. A column it lacks (全年执行数) is read blank in a file, and a
    /// paste leaves the table's value.
    fn labelled(header: &[String]) -> Option<Self> {
        if !header.first().is_some_and(|c| is_funds_label(c)) {
            return None;
        }
        Self::named(header).filter(|c| c.initial.is_some() || c.budget.is_some())
    }

    /// A header row's columns (年初预算数, 全年预算数, 全年执行数, 分值, 执行率, 得分, 偏差原因,
    /// 备注, and their like: 预算数, 完成数); `None` where it names no figure.
    fn named(header: &[String]) -> Option<Self> {
        let header: Vec<String> = header.iter().map(|c| without_unit(c)).collect();
        let at = |names: &[&str]| header.iter().position(|h| names.contains(&h.as_str()));
        let [initial, budget, spent, weight, rate, score, reason, note] = FUNDS_HEADINGS.map(at);
        Some(Self {
            figures: [initial, budget, spent].into_iter().flatten().min()?,
            initial,
            budget,
            spent,
            weight,
            rate,
            score,
            reason,
            note,
        })
    }
}

/// The headings a 资金 block's columns are known by, in [`FundsColumns`]' order: 年初预算数,
/// 全年预算数, 全年执行数, 分值, 执行率, 得分, 偏差原因, 备注, each with its like.
const FUNDS_HEADINGS: [&[&str]; 8] = [
    &["年初预算数"],
    &["预算数", "全年预算数", "预算"],
    &["执行数", "全年执行数", "完成数"],
    &["分值"],
    &["执行率", "预算执行率", "完成率"],
    &["得分", "评分"],
    &["偏差原因及改进措施", "偏差原因分析及改进措施", "偏差原因"],
    &["备注"],
];

/// Whether a heading names a column of a 资金 block ([`FUNDS_HEADINGS`]), its unit after it or
/// not.
fn names_funds_column(heading: &str) -> bool {
    let heading = without_unit(heading);
    FUNDS_HEADINGS
        .iter()
        .any(|names| names.contains(&heading.as_str()))
}

/// The text of a row's cell in column `c`, trimmed; empty where there is none.
fn cell_at(row: &[String], c: Option<usize>) -> String {
    c.and_then(|c| row.get(c))
        .map_or("", |s| s.trim())
        .to_string()
}

/// The rows of a 资金 block from its first under the header (`rows`), each figure in the
/// money unit its column's heading (`header`, where the block has one) or the block
/// (`block_unit`) states: a row per fund to a blank one or the form's next part
/// ([`AFTER_FUNDS`]), each named by the last text left of its figures; a name starting `其中：`
/// is a 其中 row, and so is a 10号 form's part after one ([`PROJECT_FUNDS_PARTS`], which the
/// form prints unmarked under `其中：当年财政拨款`) or first in a block of several that marks
/// none, as a line naming it is ([`read_label_figure_funds`]): it stands under a total, which
/// [`total_first`] sees to. A
/// block without a column of names (its figures from the first column on) has rows without
/// names, to a blank row or one that starts the next part.
fn fund_rows(
    rows: &[Vec<String>],
    columns: &FundsColumns,
    header: Option<&[String]>,
    block_unit: Option<&str>,
    from: FundsFrom,
) -> Vec<FundsRow> {
    // The unit each column of figures is in, where one is stated: by its own
    // header (全年预算数（元）), the block's label (项目资金（元）) or a note above the block.
    let unit_of = |c: Option<usize>| {
        let own = header
            .zip(c)
            .and_then(|(h, c)| h.get(c))
            .and_then(|h| stated_money(h));
        own.or(block_unit)
    };
    let figure = |r: &[String], c: Option<usize>| with_unit(cell_at(r, c), unit_of(c));
    let named = columns.figures > 0;
    let mut lines = Vec::new();
    for row in rows {
        // The names are left of the figures, in whichever cell holds them: column A, or column B
        // beside the 10号 form's `项目资金（万元）` merged down the block's rows.
        let lead: Vec<&str> = row[..columns.figures.min(row.len())]
            .iter()
            .map(|c| c.trim())
            .filter(|c| !c.is_empty())
            .collect();
        let name = if named {
            let next_part = lead.iter().any(|c| starts_next_part(c));
            let label = |c: &&str| is_funds_label(c);
            match lead.into_iter().rfind(|c| !label(c)).filter(|_| !next_part) {
                Some(name) => name,
                None => break,
            }
        } else {
            let blank = row.iter().all(|c| c.trim().is_empty());
            if blank || row.iter().any(|c| starts_next_part(c)) {
                break;
            }
            ""
        };
        lines.push((name, row));
    }
    // A form's part unmarked first in a file's block stands under a total it lacks, unless
    // the block marks a part of its own (`当年财政拨款 | 其中：上年结转资金`: the first is the
    // total, as jixiao's forms write a total so named) and names no total (合计 after the
    // parts), or is that row alone under a header. Pasted, it is a part as before: a block
    // pasted over the table's total and parts fills the part of its name.
    let marks_parts = lines.iter().any(|(name, _)| part_of(name).is_some());
    let names_total = lines
        .iter()
        .any(|(name, _)| TOTAL_NAMES.contains(&normalize(name).as_str()));
    let alone = lines.len() == 1 && header.is_some();
    let own_total = from == FundsFrom::File && !names_total && (marks_parts || alone);
    let mut after_part = !own_total;
    let mut funds = Vec::new();
    for (name, row) in lines {
        let (name, part) = row_name(name, after_part);
        after_part = part;
        funds.push(FundsRow {
            name: name.to_string(),
            initial: figure(row, columns.initial),
            budget: figure(row, columns.budget),
            spent: figure(row, columns.spent),
            note: cell_at(row, columns.note),
            declared: Declared {
                rate: cell_at(row, columns.rate).into(),
                score: cell_at(row, columns.score).into(),
            },
            part,
        });
    }
    funds
}

/// A 资金 row's own name as a block names it, and whether it is a 其中 row: one whose name
/// starts `其中：`, or a 10号 form's part ([`PROJECT_FUNDS_PARTS`]) after one (`after_part`), as
/// the form prints `其中：` once, before 当年财政拨款, its other parts following unmarked.
fn row_name(name: &str, after_part: bool) -> (&str, bool) {
    match part_of(name) {
        Some(own) => (own, true),
        None => (name, after_part && PROJECT_FUNDS_PARTS.contains(&name)),
    }
}

/// A block's rows ([`fund_rows`]) with their total first, as the 10号 form prints it and the
/// 预算执行率 is scored from it: where they start with a 其中 row, a total written after the
/// parts (合计, [`TOTAL_NAMES`]) is moved first. Returns the index among the block's rows of
/// the total's, `None` where the block has 其中 rows and no total: never its first part, and
/// never the parts summed (the block may not list them all); the caller says it.
fn total_first(funds: &mut Vec<FundsRow>) -> Option<usize> {
    if !funds.first().is_some_and(|f| f.part) {
        return Some(0);
    }
    let total = funds
        .iter()
        .position(|f| !f.part && TOTAL_NAMES.contains(&normalize(&f.name).as_str()))?;
    let row = funds.remove(total);
    funds.insert(0, row);
    Some(total)
}

/// The 资金 block of a file, found by the rule a pasted block is ([`funds_block`]), then its
/// rows ([`fund_rows`]), the total first ([`total_first`]). A 分值 on the total's row
/// (年度资金总额) is the 预算执行率 the 10号 form scores there: a table without a 预算执行率 row
/// gets one, scored from that row. Returns what is not read, in words: a header whose
/// headings cannot be placed, a block without a column of names (a paste's rows keep the
/// table's; a file's would have none), headings beside known ones over cells not read
/// ([`unknown_columns`]); and a total the block lacks, left blank.
fn read_funds(rows: &[Vec<String>], sheet: &mut Sheet) -> Vec<String> {
    let block = match funds_block(rows, FundsFrom::File) {
        None => return read_label_figure_funds(rows, sheet),
        Some(Err(unread)) => {
            return vec![format!(
                "表格上方的项目资金栏未读入：{}后重新打开，或在“资金情况”表中填写",
                unread.said()
            )]
        }
        Some(Ok(block)) => block,
    };
    let FundsBlock {
        start,
        columns,
        header,
        unit,
    } = block;
    if columns.figures == 0 {
        return vec![
            "表格上方的项目资金栏没有资金名称列，未读入：请在数字左边加上一列名称（年度资金总额、其中：当年财政拨款等）后重新打开，或在“资金情况”表中填写"
                .to_string(),
        ];
    }
    let mut funds = fund_rows(&rows[start..], &columns, header, unit, FundsFrom::File);
    let unread = header.map_or_else(Vec::new, |header| {
        unknown_columns(header, &columns, &rows[start..start + funds.len()])
    });
    let mut said = Vec::from_iter((!unread.is_empty()).then(|| {
        format!(
            "表格上方项目资金栏表头中的“{}”列未能识别，未读入（要读入，请把列名改为“年初预算数”“全年预算数”“全年执行数”之一后重新打开）",
            unread.join("”“")
        )
    }));
    let read_some = !funds.is_empty();
    let total = total_first(&mut funds);
    if total.is_none() {
        funds.insert(
            0,
            FundsRow {
                name: "年度资金总额".to_string(),
                ..FundsRow::default()
            },
        );
        said.push(format!(
            "表格上方的项目资金栏没有年度资金总额（或合计）一行，{TOTAL_LEFT_BLANK}"
        ));
    }
    sheet.funds.extend(funds);
    // A 分值 on a part's line, where the block has no total, is kept: the 预算执行率 it makes
    // asks for the total left blank.
    let Some(total) = rows.get(start + total.unwrap_or(0)).filter(|_| read_some) else {
        return said;
    };
    let points = cell_at(total, columns.weight);
    score_budget_from_funds(sheet, &points, cell_at(total, columns.reason));
    said
}

/// A 分值 beside the 年度资金总额 row's figures: the 预算执行率 the 10号 form scores there, made a
/// row of the table scored from that 资金 row, where the table has no 预算执行率 row.
fn score_budget_from_funds(sheet: &mut Sheet, points: &str, reason: String) {
    if points.is_empty() || has_budget_row(&sheet.indicators) {
        return;
    }
    let mut leaf = Node::leaf(
        "预算执行率",
        points,
        Some(Rule::BudgetExecution(BudgetExecution { from_funds: true })),
    );
    leaf.reason = reason.into();
    sheet.indicators.insert(0, leaf);
}

/// 资金 headings each beside its figure, as a 基本信息 block lays them out, on one line
/// (`年初预算数 | 200 | 全年预算数 | 200 | 全年执行数 | 190`) or a line each, where the lines above a
/// file's table hold no 资金 block: the 年度资金总额 row's figures, as a clerk means them, in the
/// unit a heading or a corner note states. Read from every line holding a known 资金 heading
/// beside a figure ([`FUNDS_HEADINGS`], a colon after it or not, [`heading_and_figure`]): each
/// figure taken once (a second, different one is said), a 执行率 or 得分 as the row's declared
/// one, a 分值 as the 预算执行率 [`read_funds`] scores too. A line whose headings follow a name
/// (`当年财政拨款 | 全年预算数 | 150 | …`) is that row's, not the total's: a fund the 10号 form's
/// block names is read into its row, named as a block's is ([`row_name`]); a row of a 部门整体
/// 收支 table ([`NOT_PROJECT_FUNDS`]) is said, never read into the block nor summed into its
/// total; any other name (总计, 项目经费, `年度资金总额：`) is the total's, as on an unnamed line,
/// a name it does not know said. A unit the line's label or name states (`项目资金（元）`) is its
/// figures'. The
/// total is read where it names a budget (年初预算数 or 全年预算数): a 执行数 alone cannot be
/// its rate's, and is said. On those lines a 基本信息 label and its value are read elsewhere
/// ([`labelled`]), as is the note of the unit the figures are read in ([`corner_money`]); any
/// other text is said. Returns what was read and what not, in words, for the notice to say.
fn read_label_figure_funds(rows: &[Vec<String>], sheet: &mut Sheet) -> Vec<String> {
    let mut funds = vec![LineFund::new("年度资金总额", false)];
    let (mut unread, mut differing, mut refused) = (Vec::new(), Vec::new(), Vec::new());
    // Whether any line holds a 资金 figure (年初预算数, 全年预算数, 全年执行数): a line of a 分值 or
    // 得分 alone is none.
    let mut money = false;
    for (r, row) in rows.iter().enumerate() {
        let mut texts = line_texts(row);
        // A heading or a figure merged across cells fills each.
        texts.dedup();
        let texts: Vec<&str> = texts.into_iter().flat_map(heading_and_figure).collect();
        let pairs = texts.windows(2);
        if !pairs
            .into_iter()
            .any(|p| names_funds_column(p[0]) && figure_in_digits(p[1]))
        {
            continue;
        }
        let unit = corner_money(&rows[..=r]);
        // The line's headings with their figures, by FUNDS_HEADINGS' index, and the texts
        // before the first: the last of those names the line's row.
        let (mut pairs, mut lead) = (Vec::new(), Vec::new());
        // A unit the line's label or name states (`项目资金（元）`, `年度资金总额（元）`).
        let mut line_unit = None;
        let mut at = 0;
        while let Some(&text) = texts.get(at) {
            let next = texts.get(at + 1).copied();
            let figure = next.filter(|t| figure_in_digits(t));
            let known = FUNDS_HEADINGS[..LINE_FIGURES]
                .iter()
                .position(|names| names.contains(&without_unit(text).as_str()));
            match (known, figure) {
                (Some(i), Some(figure)) => {
                    let figure = if i < 3 {
                        with_unit(
                            figure.to_string(),
                            stated_money(text).or(line_unit).or(unit),
                        )
                    } else {
                        figure.to_string()
                    };
                    pairs.push((i, format!("{text} {figure}"), figure));
                    at += 2;
                }
                // A 基本信息 label with its value in the next cell (`项目名称 | 社区服务`), or in
                // its own (`项目名称：社区服务`).
                _ if bare_label(text).is_some() => {
                    let value = next.filter(|t| !is_label(t) && !names_funds_column(t));
                    at += 1 + usize::from(value.is_some());
                }
                _ if is_label(text) => at += 1,
                // The note of the unit the figures are read in (`（单位：万元）`).
                _ if text.contains("单位")
                    && stated_money(text).is_some_and(|u| Some(u) == unit) =>
                {
                    at += 1;
                }
                // A heading the reader cannot place, with its figure, or a 资金 heading with
                // its text (`备注 | 无`).
                (None, Some(value)) if !figure_in_digits(text) => {
                    unread.push(format!("{text} {value}"));
                    at += 2;
                }
                _ if names_funds_column(text)
                    && next.is_some_and(|t| !is_label(t) && !names_funds_column(t)) =>
                {
                    unread.push(format!("{text} {}", next.unwrap_or_default()));
                    at += 2;
                }
                // The block's label (`项目资金`) names no row, as in a block's column of names;
                // nor does `其中` in a cell of its own, or a 序号.
                _ if pairs.is_empty()
                    && (is_funds_label(text)
                        || without_colon(text) == "其中"
                        || lead.is_empty() && text.trim().chars().all(|c| c.is_ascii_digit())) =>
                {
                    line_unit = line_unit.or(stated_money(text));
                    at += 1;
                }
                _ if pairs.is_empty() && !figure_in_digits(text) => {
                    line_unit = stated_money(text).or(line_unit);
                    lead.push(text);
                    at += 1;
                }
                _ => {
                    unread.push(text.to_string());
                    at += 1;
                }
            }
        }
        let name = lead.pop().filter(|_| !pairs.is_empty());
        unread.extend(lead.into_iter().map(str::to_string));
        money |= pairs.iter().any(|&(i, ..)| i < 3);
        let written = name.unwrap_or_default();
        let at = match name.map(without_colon) {
            None => 0,
            Some(name) if TOTAL_NAMES.contains(&name.as_str()) => 0,
            // The lines give the total: a part of the form's block named alone stands under
            // it, as the form prints its parts after `其中：当年财政拨款`.
            Some(name) if names_fund_row(&name) => {
                let (name, part) = row_name(&name, true);
                let row = funds.iter().position(|f| f.name == name && f.part == part);
                row.unwrap_or_else(|| {
                    funds.push(LineFund {
                        written: written.to_string(),
                        ..LineFund::new(name, part)
                    });
                    funds.len() - 1
                })
            }
            // Any other name (总计, 项目经费, the project's): the total's line, as an unnamed
            // line is, the name said as not read.
            Some(name) if !NOT_PROJECT_FUNDS.contains(&name.as_str()) => {
                unread.push(written.to_string());
                0
            }
            Some(_) => {
                let pairs: Vec<String> = pairs.into_iter().map(|(_, pair, _)| pair).collect();
                refused.push(format!(
                    "表格上方“{written}”一行的“{}”未读入：“{written}”不是资金情况中的一项（年度资金总额及其中的当年财政拨款、上年结转资金、其他资金），未计入年度资金总额；如属其中一项，请在“资金情况”表中填写",
                    pairs.join("、")
                ));
                continue;
            }
        };
        for (i, pair, figure) in pairs {
            let fund = &mut funds[at];
            // The 10号 form scores its 预算执行率 on the total's line alone.
            if i == 3 && at > 0 {
                refused.push(format!(
                    "表格上方“{written}”一行的“{pair}”未读入：分值是年度资金总额一行的（预算执行率的分值），其中各项没有；如要计分，请把它写在年度资金总额的数旁"
                ));
            } else if fund.taken[i].is_empty() {
                fund.taken[i] = figure;
                fund.read.push(pair);
            } else if fund.taken[i] != figure {
                differing.push(pair);
            }
        }
    }
    if !money {
        return Vec::new();
    }
    let parts: Vec<LineFund> = funds.split_off(1);
    let parts: Vec<LineFund> = parts.into_iter().filter(|f| !f.read.is_empty()).collect();
    let total = funds.remove(0);
    let names_budget = !total.taken[0].is_empty() || !total.taken[1].is_empty();
    let mut said = Vec::new();
    if names_budget {
        let advice = if parts.is_empty() {
            "；如有当年财政拨款等其中各项，请在“资金情况”表中补填"
        } else {
            ""
        };
        said.push(format!(
            "表格上方的“{}”已作为资金情况中“年度资金总额”一行读入{advice}",
            total.read.join("、")
        ));
    } else if !total.read.is_empty() {
        said.push(format!(
            "表格上方的“{}”未读入：没有写明同一项的预算数（年初预算数或全年预算数），不能作为“年度资金总额”一行，也算不出执行率；请在其旁写明全年预算数后重新打开，或在“资金情况”表中填写",
            total.read.join("、")
        ));
    }
    if !names_budget && !parts.is_empty() {
        said.push(format!(
            "表格上方没有写明年度资金总额的预算数，{TOTAL_LEFT_BLANK}"
        ));
    }
    if names_budget || !parts.is_empty() {
        let points = total.taken[3].clone();
        let total = if names_budget {
            total.into_row()
        } else {
            LineFund::new("年度资金总额", false).into_row()
        };
        sheet.funds.push(total);
        if names_budget {
            score_budget_from_funds(sheet, &points, String::new());
        }
    }
    for part in parts {
        said.push(format!(
            "表格上方“{}”一行的“{}”已作为资金情况中“{}”一行读入",
            part.written,
            part.read.join("、"),
            fund_name(&part.name, part.part)
        ));
        sheet.funds.push(part.into_row());
    }
    if !differing.is_empty() {
        said.push(format!(
            "表格上方的“{}”与前面同名的数不同，未读入：请在“资金情况”表中核对",
            differing.join("、")
        ));
    }
    said.extend(refused);
    if !unread.is_empty() {
        said.push(format!(
            "表格上方资金各项旁的“{}”未能识别，未读入（要读入，请改为“年初预算数”“全年预算数”“全年执行数”之一，或在“资金情况”表中填写）",
            unread.join("”“")
        ));
    }
    said
}

/// How many of [`FUNDS_HEADINGS`] a line of headings beside their figures reads: 年初预算数,
/// 全年预算数, 全年执行数, 分值, 执行率, 得分 (no 偏差原因 nor 备注, which are texts).
const LINE_FIGURES: usize = 6;

/// The names a line or a block's row gives the 资金 total: the 10号 form's 年度资金总额, a
/// unit's 资金总额 or 合计.
const TOTAL_NAMES: [&str; 3] = ["年度资金总额", "资金总额", "合计"];

/// The rows of a 部门整体 收支 table (seed 001's), which split a department's spending otherwise
/// than the 项目资金 block: a line so named above a table is no row of the block, never its total.
const NOT_PROJECT_FUNDS: [&str; 4] = ["基本支出", "项目支出", "人员经费", "公用经费"];

/// A name [`without_unit`], without the colon after it (`年度资金总额（万元）：`).
fn without_colon(text: &str) -> String {
    without_unit(text.trim().trim_end_matches(['：', ':']))
}

/// What the notice says of the 年度资金总额 left blank where only 其中 rows are given, after
/// where: never a part's figures nor their sum, which may not be the whole.
const TOTAL_LEFT_BLANK: &str =
    "资金情况中“年度资金总额”一行留空（未由其中各项加总）：请在“资金情况”表中填写";

/// A 资金 row as [`read_label_figure_funds`] reads it from the lines above a table: its figures
/// by [`FUNDS_HEADINGS`]' index (see [`LINE_FIGURES`]), and the pairs they were read from, as
/// written, for the notice to say.
struct LineFund {
    name: String,
    part: bool,
    /// Its name as the line writes it, for the notice to say.
    written: String,
    taken: [String; LINE_FIGURES],
    read: Vec<String>,
}

impl LineFund {
    fn new(name: &str, part: bool) -> Self {
        Self {
            name: name.to_string(),
            part,
            written: name.to_string(),
            taken: Default::default(),
            read: Vec::new(),
        }
    }

    /// The row the sheet keeps; its 分值 is the 预算执行率's ([`score_budget_from_funds`]).
    fn into_row(self) -> FundsRow {
        let [initial, budget, spent, _, rate, score] = self.taken;
        FundsRow {
            name: self.name,
            initial,
            budget,
            spent,
            declared: Declared {
                rate: rate.into(),
                score: score.into(),
            },
            part: self.part,
            ..FundsRow::default()
        }
    }
}

/// A cell of a line of 资金 headings beside their figures as its texts: a heading with its
/// colon (`全年预算数：`) the heading alone, one with its figure after the colon
/// (`全年预算数：200`, `全年预算数（单位：元）：200`) the heading and the figure, as a clerk
/// writes them either way; any other cell as it is.
fn heading_and_figure(text: &str) -> Vec<&str> {
    let Some((heading, rest)) = text.rsplit_once(['：', ':']) else {
        return vec![text];
    };
    let (heading, rest) = (heading.trim(), rest.trim());
    if !names_funds_column(heading) {
        vec![text]
    } else if rest.is_empty() {
        vec![heading]
    } else if figure_in_digits(rest) {
        vec![heading, rest]
    } else {
        vec![text]
    }
}

/// A 资金 block pasted at the page's 资金情况 table, read by its columns.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct PastedFunds {
    /// Whether the block names its rows: a header over the figures alone names none, and the
    /// table's rows keep theirs.
    pub named: bool,
    /// Whether the block has a column of 年初预算数, of 全年预算数, of 全年执行数. A column it
    /// lacks leaves the table's figures as they are; a blank cell of one it has clears, as a
    /// blank cell pasted does.
    pub has_initial: bool,
    pub has_budget: bool,
    pub has_spent: bool,
    pub rows: Vec<FundsRow>,
    /// The lines above its header that hold text (a title, a 项目名称 line), a note of the
    /// figures' unit aside: no 资金 rows, so not read, which the page says.
    pub above: usize,
    /// The lines of the block after its 资金 rows that hold text (the form's 年度总体目标 copied
    /// with it): no 资金 rows, so not read, which the page says.
    pub left_out: usize,
    /// A 资金 header the reader cannot place (`项目资金（万元） | 本年预算 | 本年支出`): which
    /// column holds what cannot be told, so nothing is read (no rows) and the page says why,
    /// where written cell by cell the headings would fill a 资金 row and the figures columns
    /// they are not.
    pub unread_header: Option<UnreadHeader>,
    /// The headings right of the names its header has and the reader does not know (`实际支付`
    /// beside 年初预算数 and 全年预算数) over a column holding text: which of the table's
    /// columns they are cannot be told, so their cells are not read, which the page says.
    pub unread_columns: Vec<String>,
    /// Whether its rows are 其中 rows without their total ([`total_first`]): the table's first
    /// row is the total, which the page leaves as it is and says, writing the parts under it.
    pub no_total: bool,
}

/// Why a 资金 header is not read: see [`PastedFunds::unread_header`].
#[derive(Debug, PartialEq, Eq)]
pub struct UnreadHeader {
    /// Its headings the reader does not know (本年预算), over no column of names: a figure's
    /// column, which cannot be told.
    pub unknown: Vec<String>,
    /// Whether it names a budget column (年初预算数, 全年预算数), which a 资金 header must.
    pub names_budget: bool,
}

impl UnreadHeader {
    /// What the page says of it: the headings not known, or the budget column missing (a
    /// header of 全年执行数 alone has none to rename), and what to do, from `其表头…` to the
    /// advice, for the page to put in its sentence.
    pub fn said(&self) -> String {
        let unknown = self.unknown.join("”“");
        let fault = match (self.unknown.is_empty(), self.names_budget) {
            (false, true) => format!("其表头中的“{unknown}”未能识别"),
            (false, false) => {
                format!("其表头中的“{unknown}”未能识别，也未写明预算数列（年初预算数或全年预算数）")
            }
            (true, false) => "其表头未写明预算数列（年初预算数或全年预算数）".to_string(),
            (true, true) => "其表头未能识别".to_string(),
        };
        let fix = if self.unknown.is_empty() {
            "请在表头中加上“年初预算数”或“全年预算数”列".to_string()
        } else {
            format!("请把“{unknown}”改为“年初预算数”“全年预算数”“全年执行数”中对应的一个")
        };
        format!("{fault}，无法判断各列是资金表的哪一列。{fix}")
    }
}

/// Where the rows [`funds_block`] looks in come from.
#[derive(Clone, Copy, PartialEq, Eq)]
enum FundsFrom {
    /// The lines above a file's table, where 基本信息 lines stand too: a header is one only
    /// where it looks like one (see [`header_over_fund_names`]).
    File,
    /// A block the user pasted at the page's 资金 table: chosen as one.
    Paste,
}

/// Where a block's 资金 rows start and how its columns are read ([`funds_block`]).
struct FundsBlock<'r> {
    /// The first row under its header (or its first row, for the 10号 form's line copied
    /// without its header).
    start: usize,
    columns: FundsColumns,
    header: Option<&'r [String]>,
    /// The money unit its label or a note above it states.
    unit: Option<&'r str>,
}

/// The 资金 block among `rows`, by the one rule a file's lines above its table and a block
/// pasted at the page's 资金 table are read by: by its header, a 资金 label's naming a budget
/// column (`项目资金（万元） | 年初预算数 | 全年预算数 | …`), one naming two of the 10号 form's
/// own columns (年初预算数, 全年预算数, 全年执行数) over the figures alone, or one over rows the
/// forms' 资金 rows name (`资金来源 | 年初预算数 | …` over `年度资金总额 | …`), a unit note
/// (`单位：元`) above it or not; or, where the block starts with it, the 10号 form's line
/// copied without its header, by the form's order after its label, which must state its unit,
/// its cells there holding figures (`项目资金（万元） | 年度资金总额 | 420 | 420 | 404.25`: a row
/// named `项目资金` is a row of values). `Err` for a 资金 header whose headings cannot be placed
/// (never guessed: said), `None` where there is no 资金 block. A file's lines are held to
/// more ([`FundsFrom::File`]).
fn funds_block(
    rows: &[Vec<String>],
    from: FundsFrom,
) -> Option<Result<FundsBlock<'_>, UnreadHeader>> {
    let header = rows.iter().enumerate().find_map(|(r, row)| {
        // Headings alternating with their figures (`年初预算数 | 200 | 全年预算数 | 200`) are a
        // line of values, which a file's reader reads as such ([`read_label_figure_funds`]).
        if from == FundsFrom::File && line_texts(row).iter().any(|t| figure_in_digits(t)) {
            return None;
        }
        let columns = if row.first().is_some_and(|c| is_funds_label(c)) {
            FundsColumns::labelled(row)
        } else {
            let form_headings = row
                .iter()
                .filter(|c| FORM_FIGURES.contains(&without_unit(c).as_str()))
                .count();
            FundsColumns::named(row).filter(|_| form_headings >= 2)
        };
        Some((r, columns?))
    });
    // A header over rows the forms' 资金 rows name (年度资金总额, 其中：当年财政拨款), whatever
    // its first heading (资金来源): read by the columns it names, as a labelled one is.
    let header = header.or_else(|| {
        let r = header_over_fund_names(rows, from)?;
        let columns = FundsColumns::named(&rows[r]);
        let columns =
            columns.filter(|c| c.figures > 0 && (c.initial.is_some() || c.budget.is_some()));
        Some((r, columns?))
    });
    // A heading the reader does not know left of the figures, over no names (`年初预算` over
    // 200), would make its cells the rows' names (a fund named 200): which column holds what
    // cannot be told. One over the names (资金来源, 序号, the label repeated) is theirs.
    let header =
        header.filter(|&(r, ref columns)| unknown_headings(rows, r, columns.figures).is_empty());
    Some(Ok(match header {
        Some((r, columns)) => {
            let unit = rows[r].first().and_then(|c| stated_money(c));
            let unit = unit.or_else(|| corner_money(&rows[..=r]));
            FundsBlock {
                start: r + 1,
                columns,
                header: Some(rows[r].as_slice()),
                unit,
            }
        }
        None => match form_line_unit(rows) {
            Some(unit) => FundsBlock {
                start: 0,
                columns: FundsColumns::FORM,
                header: None,
                unit: Some(unit),
            },
            None => return unread_header(rows, from).map(Err),
        },
    }))
}

/// A block copied from Excel (rows of cells) read as a 资金 block, when it is one
/// ([`funds_block`], the rule a file's block is read by too). A 资金 header whose headings
/// cannot be placed is said ([`PastedFunds::unread_header`]). `None` for any other block,
/// values alone, which the page writes from the cell pasted at. The 执行率, 分值 and 得分 the
/// block prints are the table's to work out: read as a file's 资金 block reads them, not
/// written by the page.
pub fn pasted_funds(rows: &[Vec<String>]) -> Option<PastedFunds> {
    let FundsBlock {
        start,
        columns,
        header,
        unit: block_unit,
    } = match funds_block(rows, FundsFrom::Paste)? {
        Ok(block) => block,
        Err(unread_header) => {
            return Some(PastedFunds {
                unread_header: Some(unread_header),
                ..PastedFunds::default()
            })
        }
    };
    let holds_text = |row: &&Vec<String>| !line_texts(row).is_empty();
    // A note of the unit above the header is read (it states the figures' unit).
    let unit_note = |row: &&Vec<String>| line_texts(row).iter().all(|c| stated_money(c).is_some());
    let above = rows[..start.saturating_sub(1)]
        .iter()
        .filter(holds_text)
        .filter(|row| !unit_note(row))
        .count();
    let mut funds = fund_rows(
        &rows[start..],
        &columns,
        header,
        block_unit,
        FundsFrom::Paste,
    );
    let unread_columns = header.map_or_else(Vec::new, |header| {
        unknown_columns(header, &columns, &rows[start..start + funds.len()])
    });
    let after = &rows[start + funds.len()..];
    let no_total = total_first(&mut funds).is_none();
    Some(PastedFunds {
        named: columns.figures > 0,
        has_initial: columns.initial.is_some(),
        has_budget: columns.budget.is_some(),
        has_spent: columns.spent.is_some(),
        rows: funds,
        above,
        left_out: after.iter().filter(holds_text).count(),
        unread_header: None,
        unread_columns,
        no_total,
    })
}

/// The headings of `header` from its first column of figures on that name none of `columns`,
/// over a column holding text in `rows`: see [`PastedFunds::unread_columns`].
fn unknown_columns(header: &[String], columns: &FundsColumns, rows: &[Vec<String>]) -> Vec<String> {
    let known = [
        columns.initial,
        columns.budget,
        columns.spent,
        columns.weight,
        columns.rate,
        columns.score,
        columns.reason,
        columns.note,
    ];
    let filled = |c: usize| rows.iter().any(|row| !cell_at(row, Some(c)).is_empty());
    let unknown = header.iter().enumerate().skip(columns.figures);
    let unknown = unknown.filter(|&(c, h)| !h.trim().is_empty() && !known.contains(&Some(c)));
    unknown
        .filter(|&(c, _)| filled(c))
        .map(|(_, h)| h.trim().to_string())
        .collect()
}

/// The unit of a block's first line when it is the 10号 form's 项目资金 line copied without
/// its header: its label stating the unit, then a name and, in the form's columns
/// ([`FundsColumns::FORM`]), a figure or a dash. A label followed by headings (`项目资金（万元）
/// | 年初预算数 | 全年预算数`), or by headings each beside its figure (`项目资金（元） | 全年预算数
/// | 2,000,000 | …`, read by [`read_label_figure_funds`]), is no such line.
fn form_line_unit(rows: &[Vec<String>]) -> Option<&str> {
    let first = rows.first()?;
    let unit = stated_money(first.first().filter(|c| is_funds_label(c))?)?;
    if names_funds_column(&cell_at(first, Some(1))) {
        return None;
    }
    let form = FundsColumns::FORM;
    let figure = |c: Option<usize>| is_figure(&cell_at(first, c));
    [form.initial, form.budget, form.spent]
        .into_iter()
        .any(figure)
        .then_some(unit)
}

/// Whether a cell holds a figure (`420.00`, `4,200,000元`) or a dash for none (`—`): no
/// heading.
fn is_figure(text: &str) -> bool {
    !text.trim().is_empty() && crate::cell::parse_cell(text).is_ok()
}

/// Why a block's 资金 header is not read, where it has one: the first line led by a 资金
/// label, when that line is a header (two texts or more after the label, no figure), or the
/// header over the forms' 资金 rows ([`header_over_fund_names`]); see
/// [`PastedFunds::unread_header`].
fn unread_header(rows: &[Vec<String>], from: FundsFrom) -> Option<UnreadHeader> {
    let labelled = funds_header(rows).filter(|&r| {
        let headings = line_texts(&rows[r][1..]);
        headings.len() >= 2 && !headings.iter().any(|h| is_figure(h))
    });
    let r = labelled.or_else(|| header_over_fund_names(rows, from))?;
    let columns = FundsColumns::named(&rows[r]);
    Some(UnreadHeader {
        unknown: unknown_headings(rows, r, rows[r].len()),
        names_budget: columns.is_some_and(|c| c.initial.is_some() || c.budget.is_some()),
    })
}

/// The headings of the header `rows[r]` after its first cell and left of column `end` that
/// name no column the reader knows ([`names_funds_column`]) and stand over no column of names:
/// one that names the rows' names ([`heads_fund_names`]), or whose cells in the lines under
/// it, to a blank one, hold texts and no figure (序号 over 年度资金总额).
fn unknown_headings(rows: &[Vec<String>], r: usize, end: usize) -> Vec<String> {
    let under: Vec<&Vec<String>> = rows[r + 1..]
        .iter()
        .take_while(|row| !line_texts(row).is_empty())
        .collect();
    let over_names = |c: usize| {
        let cells: Vec<String> = under.iter().map(|row| cell_at(row, Some(c))).collect();
        let texts: Vec<&String> = cells.iter().filter(|t| !t.is_empty()).collect();
        !texts.is_empty() && !texts.iter().any(|t| is_figure(t))
    };
    let header = &rows[r];
    (1..end.min(header.len()))
        .filter(|&c| !header[c].trim().is_empty() && !names_funds_column(&header[c]))
        .filter(|&c| !heads_fund_names(&header[c]) && !over_names(c))
        .map(|c| header[c].trim().to_string())
        .collect()
}

/// Whether a heading stands over a 资金 block's names: the block's label (`项目资金（万元）`,
/// which the 10号 form merges across the names' columns), 资金来源 or 资金名称. Whatever the
/// rows are named (`来源一`, `2023年资金`: texts the cells' reader finds a figure in), the
/// column under it is theirs.
fn heads_fund_names(heading: &str) -> bool {
    is_funds_label(heading) || matches!(normalize(heading).as_str(), "资金来源" | "资金名称")
}

/// The names the 10号 form and units' tables give their 资金 rows ([`PROJECT_FUNDS_PARTS`]
/// among them), `其中：` before a part or not.
const FUND_ROW_NAMES: [&str; 6] = [
    "年度资金总额",
    "资金总额",
    "财政拨款",
    "当年财政拨款",
    "上年结转资金",
    "其他资金",
];

/// Whether a cell names a 资金 row as the forms do (年度资金总额, 其中：当年财政拨款).
fn names_fund_row(cell: &str) -> bool {
    let name = normalize(cell);
    FUND_ROW_NAMES.contains(&part_of(&name).unwrap_or(&name))
}

/// The header row of a block copied without its 资金 label, over rows whose first cell names
/// a 资金 row (`资金来源 | 年初预算 | 全年预算 | 实际支付` over `年度资金总额 | …`): the line
/// right above the first such row, when it holds headings after its first cell and no figure.
/// Its headings, known or not, are the block's, never a row of names and figures. Above a
/// file's table ([`FundsFrom::File`]) the line must look like a 资金 header itself: led by
/// the names' heading (资金来源, 资金名称), or most of its headings over figures known
/// ([`names_funds_column`]); a 基本信息 line of labels and values (`项目名称 | 社区服务 |
/// 主管部门 | 某局`) is none, whatever row is under it.
fn header_over_fund_names(rows: &[Vec<String>], from: FundsFrom) -> Option<usize> {
    let first = rows
        .iter()
        .position(|row| row.first().is_some_and(|c| names_fund_row(c)))?;
    let r = first.checked_sub(1)?;
    let headings = line_texts(rows[r].get(1..).unwrap_or_default());
    let header = !headings.is_empty() && !line_texts(&rows[r]).iter().any(|h| is_figure(h));
    let looks_like_funds = || {
        let names_heading = rows[r].first().is_some_and(|c| heads_fund_names(c));
        let known = headings.iter().filter(|h| names_funds_column(h)).count();
        names_heading || known > unknown_headings(rows, r, rows[r].len()).len()
    };
    (header && (from == FundsFrom::Paste || looks_like_funds())).then_some(r)
}

/// What starts a 其中 row's name on the 10号 form.
const PART_PREFIX: &str = "其中：";

/// A 其中 row's own name, when `name` is written as one: `其中：` as the form prints it, or
/// `其中:` as a clerk types it in Excel (the page's paste reads both the same way).
fn part_of(name: &str) -> Option<&str> {
    let rest = name.strip_prefix("其中")?;
    let rest = rest.strip_prefix('：').or_else(|| rest.strip_prefix(':'))?;
    Some(rest.trim())
}

/// A 资金 row's name as the forms and CSVs write it: `其中：` before a 其中 row's.
pub(in crate::xlsx) fn fund_name(name: &str, part: bool) -> String {
    if part {
        format!("{PART_PREFIX}{name}")
    } else {
        name.to_string()
    }
}

fn has_budget_row(nodes: &[Node]) -> bool {
    nodes
        .iter()
        .any(|n| matches!(n.rule, Some(Rule::BudgetExecution(_))) || has_budget_row(&n.children))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Diagnostic, Location};
    use crate::engine::Calculator;
    use crate::model::SheetKind;

    /// Rows of cells, one line a row, its cells between `|`.
    fn rows(lines: &[&str]) -> Vec<Vec<String>> {
        let cells = |l: &&str| l.split('|').map(str::to_string).collect();
        lines.iter().map(cells).collect()
    }

    /// [`rows`], a cell `^` merged with the one above it, filled in with its text as an .xlsx
    /// file's merged cells are; and whether a cell is so merged.
    fn merged_rows(lines: &[&str]) -> (Vec<Vec<String>>, impl Fn(usize, usize) -> bool) {
        let mut rows = rows(lines);
        let mut merged = Vec::new();
        for r in 1..rows.len() {
            for c in 0..rows[r].len() {
                if rows[r][c] == "^" {
                    rows[r][c] = rows[r - 1].get(c).cloned().unwrap_or_default();
                    merged.push((r, c));
                }
            }
        }
        (rows, move |r, c| merged.contains(&(r, c)))
    }

    /// The 资金 rows read (`其中：` before a part) and the findings at them.
    fn funds(lines: &[&str]) -> (String, Vec<&'static str>) {
        let mut sheet = Sheet::new(SheetKind::Project);
        read_lines_above(&rows(lines), &|_, _| false, &mut sheet);
        let names: Vec<String> = sheet
            .funds
            .iter()
            .map(|f| fund_name(&f.name, f.part))
            .collect();
        let calc = Calculator::new(sheet);
        let at_funds = |d: &&Diagnostic| matches!(d.at, Location::Funds { .. });
        let diagnostics = calc.diagnostics();
        let codes = diagnostics
            .iter()
            .filter(at_funds)
            .map(|d| d.problem.code());
        let codes = codes.collect();
        (names.join(" / "), codes)
    }

    /// The 基本信息 the lines name, as `field=value` for each one filled.
    fn meta(lines: &[&str]) -> String {
        let mut sheet = Sheet::new(SheetKind::Project);
        // Its title the first text not a 附件1, as `build` takes it.
        let text = lines
            .iter()
            .flat_map(|l| l.split('|'))
            .find(|c| !c.is_empty() && !is_attachment(c));
        sheet.meta.title = text.unwrap_or_default().to_string();
        let (rows, merged) = merged_rows(lines);
        read_lines_above(&rows, &merged, &mut sheet);
        let m = &sheet.meta;
        let fields = [
            ("单位", &m.unit),
            ("项目", &m.project),
            ("年度", &m.year),
            ("目标", &m.goal),
            ("完成", &m.achieved),
        ];
        let filled = fields.iter().filter(|(_, v)| !v.is_empty());
        let fields: Vec<String> = filled.map(|(k, v)| format!("{k}={v}")).collect();
        fields.join(" ")
    }

    /// A tester's report: `单位：万元` in a form's corner, above its 实施单位, was taken for the
    /// unit (实施单位 and 填报单位 read 万元, and so did the 汇总表's 单位名称).
    #[test]
    fn a_corner_note_of_the_figures_unit_is_no_units_name() {
        #[rustfmt::skip]
        let cases: [(&[&str], &str); 6] = [
            (&["|||||||||单位：万元", "主管部门|XX区民政局||||实施单位|XX街道办事处"], "单位=XX街道办事处"),
            (&["||单位：（万元）", "实施单位：XX街道办事处"], "单位=XX街道办事处"),
            (&["单位：分"], ""),
            (&["|单位：元", "单位名称：石井街道"], "单位=石井街道"),
            (&["单位：石井街道", "实施单位：荔湖街道"], "单位=荔湖街道"),
            (&["填报单位：荔湖街道", "单位：石井街道", "实施单位：XX中心"], "单位=XX中心"),
        ];
        for (lines, read) in cases {
            assert_eq!(meta(lines), read, "{lines:?}");
        }
    }

    /// A tester's report: the form's 年度总体目标 block (its label beside 预期目标 |
    /// 实际完成情况, the texts on the row below, as jixiao's own form writes it) read 预期目标 for
    /// the goal, and both texts were lost, unsaid.
    #[test]
    fn the_goal_block_reads_its_texts() {
        #[rustfmt::skip]
        let cases: [(&[&str], &str); 4] = [
            (&["年度总体目标|预期目标||||实际完成情况||", "年度总体目标|服务3000人|服务3000人|服务3000人||已服务3150人|已服务3150人|"], "目标=服务3000人 完成=已服务3150人"),
            (&["年度总体目标|||预期目标|||||||实际完成情况", "|||服务3000人|||||||已服务3150人"], "目标=服务3000人 完成=已服务3150人"),
            (&["年度总体目标|预期目标|实际完成情况", "|服务3000人|"], "目标=服务3000人"),
            (&["年度总体目标|完成维护15公里|||实际完成情况|完成14.2公里"], "目标=完成维护15公里 完成=完成14.2公里"),
        ];
        for (lines, read) in cases {
            assert_eq!(meta(lines), read, "{lines:?}");
        }
    }

    /// A reviewer's report: a goal block of several rows (a goal a row) lost all but its
    /// first, unsaid. Another's: a text merged down several rows, filled into each by the
    /// .xlsx reader, was read once a row (目标A\n目标A\n目标A); a block with no label column
    /// read the 资金 block under it as goals.
    #[test]
    fn the_goal_block_reads_each_of_its_rows() {
        #[rustfmt::skip]
        let cases: [(&[&str], &str); 9] = [
            (&["年度总体目标|预期目标||实际完成情况|", "|目标1：维护15公里||完成14.2公里|", "|目标2：完好率≥95%||完好率96%|"], "目标=目标1：维护15公里\n目标2：完好率≥95% 完成=完成14.2公里\n完好率96%"),
            (&["年度总体目标|预期目标|实际完成情况", "年度总体目标|目标1|完成1", "年度总体目标|目标2|", "年度总体目标||完成3"], "目标=目标1\n目标2 完成=完成1\n完成3"),
            (&["年度总体目标|预期目标|实际完成情况", "|目标1|完成1", "", "|目标2|完成2"], "目标=目标1 完成=完成1"),
            (&["年度总体目标|预期目标|实际完成情况", "|目标1|完成1", "|填报人：张三|"], "目标=目标1 完成=完成1"),
            (&["年度总体目标|预期目标|实际完成情况", "|目标1|完成1", "绩效指标|一级指标|二级指标"], "目标=目标1 完成=完成1"),
            (&["年度总体目标|预期目标|实际完成情况", "年度总体目标|目标A|完成A", "^|^|^", "^|^|^"], "目标=目标A 完成=完成A"),
            (&["年度总体目标|预期目标||实际完成情况", "|目标A|目标A|完成A", "|^|^|完成B", "|目标C||^"], "目标=目标A\n目标C 完成=完成A\n完成B"),
            (&["预期目标|实际完成情况", "目标A|完成A", "项目资金|年初预算数|全年预算数|全年执行数", "资金总额|200|200|180"], "目标=目标A 完成=完成A"),
            (&["预期目标|实际完成情况", "目标A|完成A", "项目资金（万元）|年度资金总额|200|200", "项目资金（万元）|其中：当年财政拨款|200|200"], "目标=目标A 完成=完成A"),
        ];
        for (lines, read) in cases {
            assert_eq!(meta(lines), read, "{lines:?}");
        }
    }

    /// A goal block's text that starts like a label (`项目：完成…`, `年度：…`) ended the block
    /// and was lost, the rest of the goal with it; the same goal typed on two rows (the
    /// block's rows are not merged) was read once. Each is kept as written; a signature line,
    /// a unit note or a line naming the project still ends the block.
    #[test]
    fn a_goal_is_kept_as_written() {
        #[rustfmt::skip]
        let cases: [(&[&str], &str); 6] = [
            (&["年度总体目标|预期目标||实际完成情况", "|项目：完成3个社区养老服务站建设||已完成3个", "|目标1：服务老人3000人次||服务3150人次"], "目标=项目：完成3个社区养老服务站建设\n目标1：服务老人3000人次 完成=已完成3个\n服务3150人次"),
            (&["年度总体目标|预期目标|实际完成情况", "|年度：完成道路维护15公里|完成14.2公里"], "目标=年度：完成道路维护15公里 完成=完成14.2公里"),
            (&["年度总体目标|预期目标|实际完成情况", "|开展培训2次|已开展2次", "|开展培训2次|已开展2次"], "目标=开展培训2次\n开展培训2次 完成=已开展2次\n已开展2次"),
            (&["年度总体目标|预期目标|实际完成情况", "|目标1|完成1", "|单位：万元|"], "目标=目标1 完成=完成1"),
            (&["年度总体目标|预期目标|实际完成情况", "|目标1|完成1", "|项目名称：道路维护|"], "项目=道路维护 目标=目标1 完成=完成1"),
            (&["年度总体目标|预期目标|实际完成情况", "|目标1|完成1", "|填报人：张三|"], "目标=目标1 完成=完成1"),
        ];
        for (lines, read) in cases {
            assert_eq!(meta(lines), read, "{lines:?}");
        }
    }

    /// Signature lines, as forms print them under their table: each label's value into its
    /// field, the labels the sheet keeps no field for returned as written; any other line is
    /// none.
    #[test]
    fn signature_lines_fill_their_fields_and_say_the_rest() {
        let lines = rows(&[
            "填报人：张三    联系电话：020-1234567    填报日期：2026年3月5日",
            "单位负责人：李四  审核人：王五",
            "填表人|赵六",
        ]);
        assert!(lines.iter().all(|row| is_signature_line(row)));
        let mut meta = Meta::default();
        let untaken = read_signature_lines(&lines, &mut meta);
        assert_eq!(
            [&meta.preparer, &meta.phone, &meta.date, &meta.reviewer],
            ["张三", "020-1234567", "2026年3月5日", "王五"]
        );
        assert_eq!(untaken, ["单位负责人：李四", "填表人：赵六"]);
        for other in [
            "产出指标|数量指标|负责人到岗率",
            "填报说明：按实际填写",
            "|审核人",
        ] {
            assert!(!is_signature_line(&rows(&[other])[0]), "{other}");
        }
    }

    /// A reviewer's: a signature line written as forms write it, its labels spaced out
    /// (`填 报 人`), a space before the colon, ASCII brackets (`填报单位(盖章)`) or a note after
    /// the label (`（签字）`), was judged a signature line but read into no field and said
    /// nowhere. Each is read as its plain form is; `填报人（签字）：` blank is a line to fill in.
    #[test]
    fn a_signature_line_is_read_as_it_is_judged() {
        #[rustfmt::skip]
        let cases: [(&str, [&str; 3], &[&str]); 7] = [
            ("填 报 人：张三||审 核 人：李四", ["张三", "李四", ""], &[]),
            ("填 报 人|张三|审 核 人|王五", ["张三", "王五", ""], &[]),
            ("填报人 ：张三", ["张三", "", ""], &[]),
            ("填报单位(盖章)：某区民政局办公室", ["", "", "某区民政局办公室"], &[]),
            ("单位负责人（签字）：李四    填报人(签名)：张三", ["张三", "", ""], &["单位负责人：李四"]),
            ("填报人（签字）：|审核人（签字）：", ["", "", ""], &[]),
            ("联系人 ：赵六", ["", "", ""], &["联系人：赵六"]),
        ];
        for (line, [preparer, reviewer, unit], said) in cases {
            let row = &rows(&[line])[0];
            assert!(is_signature_line(row), "{line}");
            let mut meta = Meta::default();
            let untaken = read_signature_lines([row], &mut meta);
            assert_eq!(
                [&meta.preparer, &meta.reviewer, &meta.unit],
                [preparer, reviewer, unit],
                "{line}"
            );
            assert_eq!(untaken, said, "{line}");
        }
    }

    /// A reviewer's: a line starting with a signature label and its colon was judged no
    /// signature line when it held anything but labelled values (a date with no label, a
    /// `日期：`, `（盖章）`, `填报时间：`, `审核：`), and was read as indicator rows, its names lost
    /// unsaid. It is one: the date read as the 填报日期, the rest said, a note alone ignored.
    #[test]
    fn a_line_starting_with_a_signature_label_and_colon_is_one_whatever_follows() {
        #[rustfmt::skip]
        let cases: [(&str, [&str; 4], &[&str]); 5] = [
            ("填表人：张三|审核人：李四|2024年3月5日", ["张三", "李四", "2024年3月5日", ""], &[]),
            ("填表人：张三|审核人：李四|日期：2024-03-05", ["张三", "李四", "2024-03-05", ""], &[]),
            ("填报单位（盖章）：某局|填报人：张三|（盖章）", ["张三", "", "", "某局"], &[]),
            ("单位负责人：王五|填报人：张三|联系电话：123|填报时间：2024-03-05", ["张三", "", "2024-03-05", ""], &["单位负责人：王五"]),
            ("填报人：张三||审核：李四", ["张三", "李四", "", ""], &[]),
        ];
        for (line, [preparer, reviewer, date, unit], said) in cases {
            let row = &rows(&[line])[0];
            assert!(is_signature_line(row), "{line}");
            let mut meta = Meta::default();
            let untaken = read_signature_lines([row], &mut meta);
            assert_eq!(
                [&meta.preparer, &meta.reviewer, &meta.date, &meta.unit],
                [preparer, reviewer, date, unit],
                "{line}"
            );
            assert_eq!(untaken, said, "{line}");
        }
        // What no field keeps is said: a name with no label, a second date.
        let row = &rows(&["填报日期：2024-03-05|2024年3月6日|王五"])[0];
        let mut meta = Meta::default();
        assert!(is_signature_line(row));
        let untaken = read_signature_lines([row], &mut meta);
        assert_eq!(meta.date, "2024-03-05");
        assert_eq!(untaken, ["2024年3月6日", "王五"]);
    }

    /// A reviewer's: a row whose first text is a label alone was taken for a signature line
    /// though it is an indicator's: figures after it (`联系人 | 2 | 3`), or a label naming no
    /// field with a single value (`负责人 | 张三`), which kept a row is shown, where a signature
    /// line no field takes is only said.
    #[test]
    fn a_row_of_an_indicator_named_like_a_label_is_no_signature_line() {
        for row in [
            "联系人|2|3",
            "负责人|张三",
            "填报人|张三|2",
            "|审核人",
            "审核人|90|85",
        ] {
            assert!(!is_signature_line(&rows(&[row])[0]), "{row}");
        }
        for row in [
            "负责人：张三",
            "负责人|张三|审核人|王五",
            "|||联系电话|13800000000",
        ] {
            assert!(is_signature_line(&rows(&[row])[0]), "{row}");
        }
    }

    /// From the last session's notes: a line under the table holding only a date after plain
    /// `日期：` was judged no signature line and read as an indicator row; a template's blank
    /// date (`年  月  日`) was one too, or said as a signature item not read, or written as the
    /// 填报日期 after `填报日期：`. The first is the 填报日期; a blank date is a field not
    /// filled in: read as nothing, said nowhere.
    #[test]
    fn a_date_line_is_a_signature_line_and_a_blank_date_is_noise() {
        #[rustfmt::skip]
        let cases: [(&str, [&str; 2]); 8] = [
            ("日期：2024-03-05", ["", "2024-03-05"]),
            ("||||日期：2024年3月5日", ["", "2024年3月5日"]),
            ("日 期 ：2024-03-05|填报人：张三", ["张三", "2024-03-05"]),
            ("年  月  日", ["", ""]),
            ("||||    年    月    日", ["", ""]),
            ("填报人：张三||年  月  日", ["张三", ""]),
            ("填报日期：    年  月  日", ["", ""]),
            ("日期：年 月 日|（盖章）", ["", ""]),
        ];
        for (line, [preparer, date]) in cases {
            let row = &rows(&[line])[0];
            assert!(is_signature_line(row), "{line}");
            let mut meta = Meta::default();
            let untaken = read_signature_lines([row], &mut meta);
            assert_eq!([&meta.preparer, &meta.date], [preparer, date], "{line}");
            assert_eq!(untaken, Vec::<String>::new(), "{line}");
        }
        for other in ["日期|按月统计", "日期：按月统计|10|9", "年度|2024"] {
            assert!(!is_signature_line(&rows(&[other])[0]), "{other}");
        }
    }

    /// From the last session's notes: `填报人 | 90` (a label alone, a figure in the next cell)
    /// was judged a signature line and its 90 read as the 填报人: a figure is no one's name,
    /// so the row is an indicator's. After a line's first label and colon it is said, not
    /// read as the name; a 联系电话 is still a figure. A reviewer's: so is a 联系人's, a phone
    /// number: `填报人 | 王五 | 联系人 | 13800000000` was no signature line (under a 总分 row,
    /// dropped unsaid), and a figure among other labelled values made the line an indicator's.
    #[test]
    fn a_figure_is_no_persons_name() {
        for row in ["填报人|90", "||审核人|85", "填报人|９０分"] {
            assert!(!is_signature_line(&rows(&[row])[0]), "{row}");
        }
        #[rustfmt::skip]
        let cases: [(&str, &str, &[&str]); 4] = [
            ("填报单位：某局|填报人|90|联系电话|13800000000", "", &["90"]),
            ("填报人：|90", "", &["90"]),
            ("负责人|张三|审核人|90", "", &["负责人：张三", "90"]),
            ("填报人|王五|联系人|13800000000", "王五", &["联系人：13800000000"]),
        ];
        for (line, preparer, said) in cases {
            let row = &rows(&[line])[0];
            assert!(is_signature_line(row), "{line}");
            let mut meta = Meta::default();
            let untaken = read_signature_lines([row], &mut meta);
            assert_eq!(meta.preparer, preparer, "{line}");
            assert_eq!(untaken, said, "{line}");
        }
    }

    /// A reviewer's: a signature item above the header that the sheet keeps no field for
    /// (`项目负责人：李四`) was cut off the line it was on and said nowhere. It is returned, to be
    /// said, as under the table.
    #[test]
    fn what_the_lines_above_keep_no_field_for_is_returned() {
        let mut sheet = Sheet::new(SheetKind::Project);
        let read = read_lines_above(
            &rows(&[
                "项目名称：道路维护    项目负责人：李四",
                "单位负责人：王五    联系人：赵六",
            ]),
            &|_, _| false,
            &mut sheet,
        );
        assert_eq!(sheet.meta.project, "道路维护");
        assert_eq!(
            read.untaken,
            ["项目负责人：李四", "单位负责人：王五", "联系人：赵六"]
        );
    }

    /// A second value for a field (two `项目名称：` lines, two 年度s) was dropped without a
    /// word. The first is kept and the other said; the same value written again is not.
    #[test]
    fn a_second_value_for_a_filled_field_is_said() {
        let mut sheet = Sheet::new(SheetKind::Project);
        let read = read_lines_above(
            &rows(&[
                "项目名称：道路维护    年度：2024",
                "项目名称：桥梁检测    评价年度：２０２４年度",
                "项目名称：道路 维护",
            ]),
            &|_, _| false,
            &mut sheet,
        );
        assert_eq!(
            (&*sheet.meta.project, &*sheet.meta.year),
            ("道路维护", "2024")
        );
        assert_eq!(read.untaken, ["项目名称：桥梁检测"]);
    }

    /// A signature line under a goal block with ASCII brackets (`填报单位(盖章)：某局`) was read
    /// into no field: it ends the block and names the unit, as its full-width form does.
    #[test]
    fn a_noted_signature_label_ends_the_goal_block() {
        let lines = [
            "年度总体目标|预期目标|实际完成情况",
            "|目标1|完成1",
            "|填报单位(盖章)：某局|",
        ];
        assert_eq!(meta(&lines), "单位=某局 目标=目标1 完成=完成1");
    }

    /// A tester's report: the year in a 10号 form's title, where alone it states it, was not
    /// read, so a project's forms of 2024 and 2025 were one project counted twice. A line naming
    /// it wins. A reviewer's: the project guessed from a title was the form's own name
    /// (天河区2023年度项目), so none is: the form is named by its 项目名称 line or its file.
    #[test]
    fn a_title_names_the_year_not_the_project() {
        #[rustfmt::skip]
        let cases: [(&[&str], &str); 11] = [
            (&["城市道路维护项目支出绩效自评表（2025年度）", "主管部门：XX局|实施单位：XX中心"], "单位=XX中心 年度=2025"),
            (&["城市道路维护项目支出绩效自评表（2024年度）", "项目名称|道路维护工程", "评价年度|2023"], "项目=道路维护工程 年度=2023"),
            (&["２０２４年度城市道路维护项目支出绩效自评表"], "年度=2024"),
            (&["天河区2023年度项目支出绩效自评表"], "年度=2023"),
            (&["XX街道办事处项目支出绩效自评表"], ""),
            (&["2023年度区级财政项目支出绩效自评表"], "年度=2023"),
            (&["2023年度项目支出绩效自评表"], "年度=2023"),
            (&["XX街道办事处2025年度部门整体支出绩效自评表"], "年度=2025"),
            (&["2023年度老旧小区微改造绩效自评表"], "年度=2023"),
            (&["2023—2025年城市更新绩效自评表"], ""),
            (&["项目支出绩效自评表", "年度：2023年"], "年度=2023年"),
        ];
        for (lines, read) in cases {
            assert_eq!(meta(lines), read, "{lines:?}");
        }
    }

    /// A reviewer's report: the 10号 form prints its 年度 on a line of its own under its title
    /// (`（2025年度）`), which was not read: a project's two years were one project.
    #[test]
    fn a_line_under_the_title_names_the_year() {
        #[rustfmt::skip]
        let cases: [(&[&str], &str); 8] = [
            (&["卫生服务项目自评表", "（2025年度）", "项目名称|社区卫生服务"], "项目=社区卫生服务 年度=2025"),
            (&["卫生服务项目自评表|||", "2025年度|2025年度|2025年度", "项目名称|社区卫生服务"], "项目=社区卫生服务 年度=2025"),
            (&["附件1", "卫生服务项目自评表", "", "(２０２５年)"], "年度=2025"),
            (&["卫生服务项目自评表", "（2025年度）", "年度|2024"], "年度=2024"),
            (&["卫生服务项目自评表", "项目名称|社区卫生服务", "（2025年度）"], "项目=社区卫生服务"),
            (&["卫生服务项目自评表", "（2025年度预算）"], ""),
            (&["卫生服务项目自评表", "（20255年度）"], ""),
            (&["卫生服务项目自评表", "2025年度|单位：万元"], ""),
        ];
        for (lines, read) in cases {
            assert_eq!(meta(lines), read, "{lines:?}");
        }
    }

    /// A tester's report: the 10号 form's 项目资金 block, its label merged down column A or its
    /// `其中：` printed once, lost its names or its parts, and 其他资金 0 / 0 was an error.
    #[test]
    fn the_forms_funds_block_keeps_its_names_and_parts() {
        let form = "年度资金总额 / 其中：当年财政拨款 / 其中：上年结转资金 / 其中：其他资金";
        #[rustfmt::skip]
        let cases: [(&[&str], &str); 3] = [
            (&["项目资金（万元）||年初预算数|全年预算数|全年执行数|分值", "项目资金（万元）|年度资金总额|420|420|404.25|10", "项目资金（万元）|其中：当年财政拨款|400|400|390|—", "项目资金（万元）|上年结转资金|20|20|14.25|—", "项目资金（万元）|其他资金|0|0|0|—", "年度总体目标|预期目标|||"], form),
            (&["项目资金|年初预算数|全年预算数|全年执行数|分值", "年度资金总额|634|634|554.75|10", "其中：当年财政拨款|600|600|530.75", "上年结转资金|34|34|24", "其他资金|0|0|0", ""], form),
            (&["资金|预算数|执行数", "全年预算|300|280", "其中：基本支出|300|280", "专项资金|50|40"], "全年预算 / 其中：基本支出 / 专项资金"),
        ];
        for (lines, read) in cases {
            assert_eq!(funds(lines), (read.to_string(), vec![]), "{lines:?}");
        }
    }

    /// A pasted block read as a 资金 block, as `name 年初 / 全年预算 / 全年执行` a row (`其中：`
    /// before a part; a row without names as `- …`; `·` for a column the block has not), `^N`
    /// for lines left out above it, `+N` after it, `!headings` for a header not read (the ones
    /// not known, `无预算列` where it names no budget column), `无总额` first for a block of
    /// 其中 rows without their total; `None`
    /// for values.
    fn pasted(lines: &[&str]) -> Option<String> {
        let read = pasted_funds(&rows(lines))?;
        if let Some(unread) = &read.unread_header {
            let unknown = unread.unknown.join("、");
            let no_budget = (!unread.names_budget).then_some("无预算列".to_string());
            let why: Vec<String> = [Some(unknown).filter(|u| !u.is_empty()), no_budget]
                .into_iter()
                .flatten()
                .collect();
            return Some(format!("!{}", why.join("; ")));
        }
        let row = |f: &FundsRow| {
            let name = if read.named {
                fund_name(&f.name, f.part)
            } else {
                "-".to_string()
            };
            let has = |has: bool, figure: &str| {
                if has {
                    figure.to_string()
                } else {
                    "·".to_string()
                }
            };
            let initial = has(read.has_initial, &f.initial);
            let budget = has(read.has_budget, &f.budget);
            let spent = has(read.has_spent, &f.spent);
            format!("{name} {initial} / {budget} / {spent}")
        };
        let mut out: Vec<String> = Vec::new();
        if read.no_total {
            out.push("无总额".to_string());
        }
        if read.above > 0 {
            out.push(format!("^{}", read.above));
        }
        out.extend(read.rows.iter().map(row));
        if read.left_out > 0 {
            out.push(format!("+{}", read.left_out));
        }
        if !read.unread_columns.is_empty() {
            out.push(format!("?{}", read.unread_columns.join("、")));
        }
        Some(out.join("; "))
    }

    /// The page's 资金 table read a block pasted into it in JavaScript, a second reader of the
    /// 资金 block: this one reads each block that did, the 10号 form's copied without its
    /// header (by its label and the form's order), and a header over the figures alone
    /// (without names: the table's rows keep theirs), which a file's reader never meets.
    #[test]
    fn a_pasted_block_is_read_by_its_label_or_header() {
        #[rustfmt::skip]
        let cases: [(&[&str], Option<&str>); 14] = [
            // The form's row copied without its header: by the form's order after its label.
            (&["项目资金（万元）|年度资金总额|420.00|420.00|404.25|10|96.25%|9.63"], Some("年度资金总额 420.00 / 420.00 / 404.25")),
            (&["项目资金（万元）|年度资金总额|420.00|420.00|404.25|10|96.25%|9.63", "|其中：当年财政拨款|400.00|400.00|390.00|||", "|上年结转资金|20|20|14.25|||"],
                Some("年度资金总额 420.00 / 420.00 / 404.25; 其中：当年财政拨款 400.00 / 400.00 / 390.00; 其中：上年结转资金 20 / 20 / 14.25")),
            // In 元, as its label says: each bare figure written in 元.
            (&["项目资金（元）|年度资金总额|4,200,000|4,200,000|4,042,500"], Some("年度资金总额 4,200,000元 / 4,200,000元 / 4,042,500元")),
            // With its header, as jixiao's Excel lays it out (merged cells copied blank).
            (&["项目资金（万元）|||年初预算数||全年预算数|全年执行数|分值", "年度资金总额|||300||320|299.70|10"], Some("年度资金总额 300 / 320 / 299.70")),
            // The header over the figures alone: no names; a unit note above it counts.
            (&["年初预算数|全年预算数|全年执行数", "100|96|90"], Some("- 100 / 96 / 90")),
            (&["单位：元", "年初预算数|全年预算数|全年执行数", "1000000|960000|900000"], Some("- 1000000元 / 960000元 / 900000元")),
            (&["|全年预算数（元）|全年执行数", "本级资金|50000|4"], Some("本级资金 · / 50000元 / 4")),
            // Values alone, and a row named 项目资金 (no unit: no label), are no 资金 block.
            (&["年度资金总额|300|320|299.70"], None),
            (&["项目资金|100|96|90"], None),
            (&["项目资金（万元）|年度资金总额"], None),
            // A 汇总表's 预算数 and 完成数 without a 资金 label: not the form's headings.
            (&["单位名称|项目名称|预算数|完成数", "石井街道|微改造|420|404.25"], None),
            // The form's next part ends the block, and is said as left out.
            (&["项目资金（万元）|年度资金总额|420|420|404.25", "年度总体目标|完成改造|||"], Some("年度资金总额 420 / 420 / 404.25; +1")),
            (&["年初预算数|全年预算数|全年执行数", "100|96|90", "", "绩效指标|一级指标|二级指标"], Some("- 100 / 96 / 90; +1")),
            // A header with no row under it: a block with no rows.
            (&["项目资金|年初预算数|全年预算数|全年执行数"], Some("")),
        ];
        for (lines, read) in cases {
            assert_eq!(pasted(lines).as_deref(), read, "{lines:?}");
        }
    }

    /// A property test's: a total named as a form's part (`当年财政拨款`, a project funded by it
    /// alone) came back from jixiao's form a 其中 row under a blank total added above it, its
    /// figures no longer the 预算执行率's. In a file, alone under its header, or above a part the
    /// block marks with no 合计 after them, it is the total; first of several the block leaves
    /// unmarked, a part still. Pasted, it is a part as before (it fills the table's part).
    #[test]
    fn a_total_named_as_a_forms_part_is_the_files_total() {
        let header = "项目资金|全年预算数|全年执行数";
        #[rustfmt::skip]
        let cases: [(&[&str], &str); 4] = [
            (&[header, "当年财政拨款|96|90"], "当年财政拨款"),
            (&[header, "当年财政拨款|96|90", "其中：上年结转资金|6|5"], "当年财政拨款 / 其中：上年结转资金"),
            (&[header, "当年财政拨款|96|90", "上年结转资金|6|5"], "年度资金总额 / 其中：当年财政拨款 / 其中：上年结转资金"),
            (&[header, "当年财政拨款|80|80", "其中：上年结转资金|10|10", "合计|90|90"], "合计 / 其中：当年财政拨款 / 其中：上年结转资金"),
        ];
        for (lines, read) in cases {
            assert_eq!(funds(lines).0, read, "{lines:?}");
        }
        #[rustfmt::skip]
        let pasted_cases: [(&[&str], Option<&str>); 2] = [
            (&[header, "当年财政拨款|96|90"], Some("无总额; 其中：当年财政拨款 · / 96 / 90")),
            (&["项目资金（万元）|其他资金|—|—|—"], Some("无总额; 其中：其他资金 — / — / —")),
        ];
        for (lines, read) in pasted_cases {
            assert_eq!(pasted(lines).as_deref(), read, "{lines:?}");
        }
    }

    /// A reviewer's report: a 资金 label's header without a 执行数 column, or with headings the
    /// reader does not know, was read by the form's order, as if it were the form's 项目资金
    /// line: a fund named 年初预算数 whose 年初预算数 was 全年预算数, another named 100. A header
    /// over the figures alone without 年初预算数 wrote a blank over the table's, and lines above
    /// a header (a title, 项目名称) were dropped unsaid.
    #[test]
    fn a_labelled_header_is_read_by_the_columns_it_names() {
        #[rustfmt::skip]
        let cases: [(&[&str], Option<&str>); 11] = [
            // A budget column named: read by the columns it names, the one it lacks not written.
            (&["项目资金（万元）|年初预算数|全年预算数", "年度资金总额|100|96"], Some("年度资金总额 100 / 96 / ·")),
            (&["项目资金|全年预算数", "年度资金总额|96"], Some("年度资金总额 · / 96 / ·")),
            (&["资金|预算数|执行数", "本级资金|96|90"], Some("本级资金 · / 96 / 90")),
            // No budget column it knows: no column can be placed, which is said.
            (&["项目资金（万元）|本年预算|本年支出", "年度资金总额|100|96"], Some("!本年预算、本年支出; 无预算列")),
            (&["项目资金（万元）|||本年预算||本年支出", "年度资金总额|||100||96"], Some("!本年预算、本年支出; 无预算列")),
            (&["项目资金|全年执行数|说明", "年度资金总额|90|"], Some("!说明; 无预算列")),
            // The form's line without its header holds figures (or dashes) after its name: a
            // part's, under the table's total.
            (&["项目资金（万元）|其他资金|—|—|—"], Some("无总额; 其中：其他资金 — / — / —")),
            // A header over the figures alone: a column it lacks is not written, a blank is.
            (&["全年预算数|全年执行数", "96|90"], Some("- · / 96 / 90")),
            (&["年初预算数|全年预算数|全年执行数", "|96|90"], Some("-  / 96 / 90")),
            // Lines above the header are said; a note of the unit is read, not left out.
            (&["社区卫生服务项目支出绩效自评表", "项目名称|社区卫生服务||", "单位：元", "项目资金|年初预算数|全年预算数|全年执行数", "年度资金总额|100|96|90"], Some("^2; 年度资金总额 100元 / 96元 / 90元")),
            (&["单位：元", "年初预算数|全年预算数|全年执行数", "100|96|90"], Some("- 100元 / 96元 / 90元")),
        ];
        for (lines, read) in cases {
            assert_eq!(pasted(lines).as_deref(), read, "{lines:?}");
        }
    }

    /// A tester's report: a 资金 header copied without its 项目资金 label, its headings not the
    /// form's (`资金来源 | 年初预算 | 全年预算 | 实际支付`), was no 资金 block: pasted at the 资金
    /// table it was written cell by cell, its headings over the table's names and figures.
    /// The rows' names (年度资金总额, 其中：财政拨款) tell it is one; its headings are read as a
    /// labelled header's, a heading not known before the figures (its cells no names) refused,
    /// one beside known ones said and not read.
    #[test]
    fn a_header_over_the_forms_fund_names_is_a_funds_header() {
        #[rustfmt::skip]
        let cases: [(&[&str], Option<&str>); 9] = [
            (&["资金来源|年初预算|全年预算|实际支付", "年度资金总额|200|200|190", "其中：财政拨款|200|200|190"], Some("!年初预算、全年预算、实际支付; 无预算列")),
            (&["|年初预算|全年预算|实际支付", "年度资金总额|200|200|190"], Some("!年初预算、全年预算、实际支付; 无预算列")),
            (&["资金来源|全年执行数", "其他资金|90"], Some("!无预算列")),
            // Headings it knows: read by them, the rows named.
            (&["资金来源|预算数|执行数", "年度资金总额|200|190", "其中:当年财政拨款|200|190", "上年结转资金|0|0"],
                Some("年度资金总额 · / 200 / 190; 其中：当年财政拨款 · / 200 / 190; 其中：上年结转资金 · / 0 / 0")),
            // One beside known ones: said, its cells not read.
            (&["资金来源|年初预算数|全年预算数|实际支付", "年度资金总额|200|200|190"], Some("年度资金总额 200 / 200 / ·; ?实际支付")),
            // One before the figures, after a 资金 label too: its cells would be names.
            (&["资金来源|年初预算|全年预算数|全年执行数", "年度资金总额|200|200|190"], Some("!年初预算")),
            (&["项目资金（万元）|年初预算|全年预算数|全年执行数", "年度资金总额|200|200|190"], Some("!年初预算")),
            // Names of other rows, or no header over them: no 资金 block.
            (&["指标|目标值|完成值", "服务人数|3000|3150"], None),
            (&["年度资金总额|200|200|190", "其中：财政拨款|200|200|190"], None),
        ];
        for (lines, read) in cases {
            assert_eq!(pasted(lines).as_deref(), read, "{lines:?}");
        }
    }

    /// A reviewer's report: refusing any heading left of the figures refused the name column's
    /// own (序号 | 资金来源, the 10号 form's label filled across A:B), read before: the header was
    /// written cell by cell over 资金 row 1, or refused as if 年初预算数 were not known. A
    /// heading over the names is theirs; only one over figures (or nothing) is refused, and
    /// the refusal names the headings not known, or the budget column missing, not the known.
    #[test]
    fn a_heading_over_the_names_is_read_and_a_refusal_names_what_is_wrong() {
        let total = Some("年度资金总额 200 / 200 / 190");
        #[rustfmt::skip]
        let cases: [(&[&str], Option<&str>); 8] = [
            (&["序号|资金来源|年初预算数|全年预算数|全年执行数", "1|年度资金总额|200|200|190"], total),
            (&["项目资金|资金来源|年初预算数|全年预算数|全年执行数", "|年度资金总额|200|200|190"], total),
            (&["项目资金（万元）|项目资金（万元）|年初预算数|全年预算数|全年执行数", "项目资金（万元）|年度资金总额|200|200|190"], total),
            (&["项目|资金名称|年初预算数|全年预算数|全年执行数", "社区卫生|年度资金总额|200|200|190"], total),
            // Over figures, or a column left blank: which it is cannot be told.
            (&["项目资金|资金来源|年初预算|全年预算数|全年执行数", "|年度资金总额|200|200|190"], Some("!年初预算")),
            (&["项目资金|资金来源|年初预算|全年预算数|全年执行数", "|年度资金总额||200|190"], Some("!年初预算")),
            // Known headings without a budget column: that is what is said.
            (&["资金来源|全年执行数", "其他资金|90"], Some("!无预算列")),
            (&["项目资金|资金来源|本年预算|全年执行数", "|年度资金总额|200|190"], Some("!本年预算; 无预算列")),
        ];
        for (lines, read) in cases {
            assert_eq!(pasted(lines).as_deref(), read, "{lines:?}");
        }
    }

    /// The same rule for a file's block: a 资金 label's header naming a budget column but no
    /// 执行数 is read (its 执行数 blank, which the table asks for), where it was dropped unsaid.
    #[test]
    fn a_files_funds_header_naming_a_budget_column_is_read() {
        let lines = [
            "项目资金（万元）|年初预算数|全年预算数",
            "年度资金总额|100|96",
        ];
        let mut sheet = Sheet::new(SheetKind::Project);
        read_lines_above(&rows(&lines), &|_, _| false, &mut sheet);
        let read: Vec<(&str, &str, &str, &str)> = sheet
            .funds
            .iter()
            .map(|f| (&*f.name, &*f.initial, &*f.budget, &*f.spent))
            .collect();
        assert_eq!(read, [("年度资金总额", "100", "96", "")]);
        let (names, _) = funds(&["项目资金|全年执行数|说明", "年度资金总额|90|"]);
        assert_eq!(names, "");
    }

    /// From the last session's notes: a file's 资金 block was read only under a 资金 label, where
    /// a paste reads a header over the forms' fund names (`资金来源 | 年初预算数 | …` over
    /// `年度资金总额 | …`): a CSV's was dropped unsaid. And a file guessed where a paste refuses:
    /// under `项目资金 | 年初预算 | …` it read a fund named 200. One rule for both now: what it
    /// cannot place is said, as the paste says it, never guessed.
    #[test]
    fn a_files_funds_block_is_read_by_the_pastes_rule() {
        let read = |lines: &[&str]| {
            let mut sheet = Sheet::new(SheetKind::Project);
            let above = read_lines_above(&rows(lines), &|_, _| false, &mut sheet);
            let funds: Vec<String> = sheet
                .funds
                .iter()
                .map(|f| {
                    format!(
                        "{} {}/{}/{}",
                        fund_name(&f.name, f.part),
                        f.initial,
                        f.budget,
                        f.spent
                    )
                })
                .collect();
            (funds.join("; "), above.funds_unread.join("\n"))
        };
        let (funds, said) = read(&[
            "社区卫生服务项目支出绩效自评表",
            "资金来源|年初预算数|全年预算数|全年执行数",
            "年度资金总额|200|200|190",
            "其中：财政拨款|150|150|140",
            "其他资金|50|50|50",
        ]);
        assert_eq!(
            funds,
            "年度资金总额 200/200/190; 其中：财政拨款 150/150/140; 其中：其他资金 50/50/50"
        );
        assert_eq!(said, "");
        #[rustfmt::skip]
        let refused: [(&[&str], &str); 3] = [
            (&["资金来源|年初预算|全年预算|实际支付", "年度资金总额|200|200|190"], "“年初预算”“全年预算”“实际支付”未能识别"),
            (&["项目资金（万元）|年初预算|全年预算数|全年执行数", "年度资金总额|200|200|190"], "“年初预算”未能识别"),
            (&["年初预算数|全年预算数|全年执行数", "200|200|190"], "没有资金名称列"),
        ];
        for (lines, why) in refused {
            let (funds, said) = read(lines);
            assert_eq!(funds, "", "{lines:?}");
            assert!(said.contains(why), "{lines:?}: {said}");
        }
        let (funds, said) = read(&[
            "资金来源|年初预算数|全年预算数|实际支付",
            "年度资金总额|200|200|190",
        ]);
        assert_eq!(funds, "年度资金总额 200/200/");
        assert!(said.contains("“实际支付”列未能识别"), "{said}");
    }

    /// A reviewer's: above a file's table, a 基本信息 line of labels and values over a line
    /// starting with a fund's name (`项目名称 | 社区服务 | 主管部门 | 某局` over `资金总额 | 200 |
    /// …`) was taken for a 资金 header, and the notice told the user to rename the project and
    /// department. And 资金 headings each beside its figure were refused as a block without
    /// names: they are the 年度资金总额 row's figures, read and said. A paste keeps its looser
    /// rule: the user chose the block as a 资金 one.
    #[test]
    fn a_basic_info_line_is_no_funds_header_and_headings_beside_figures_are_read() {
        let read = |lines: &[&str]| {
            let mut sheet = Sheet::new(SheetKind::Project);
            let above = read_lines_above(&rows(lines), &|_, _| false, &mut sheet);
            let funds: Vec<String> = sheet
                .funds
                .iter()
                .map(|f| format!("{} {}/{}/{}", f.name, f.initial, f.budget, f.spent))
                .collect();
            (funds.join("; "), above.funds_unread.join("\n"))
        };
        let basic = [
            "项目名称|社区服务|主管部门|某局",
            "资金总额|200|财政拨款|150",
        ];
        assert_eq!(read(&basic), (String::new(), String::new()));
        assert!(pasted_funds(&rows(&basic)).is_some_and(|p| p.unread_header.is_some()));

        let (funds, said) = read(&["年初预算数|200|全年预算数|200|全年执行数|190"]);
        assert_eq!(funds, "年度资金总额 200/200/190");
        assert!(
            said.contains("“年初预算数 200、全年预算数 200、全年执行数 190”已作为资金情况中“年度资金总额”一行读入"),
            "{said}"
        );
        let (funds, _) = read(&["单位：元", "全年预算数|2000000|全年执行数|1900000"]);
        assert_eq!(funds, "年度资金总额 /2000000元/1900000元");
    }

    /// A reviewer's: headings beside their figures were read from the first such line only,
    /// all of it or nothing, and the notice said what that line held as if it were all. A
    /// vertical 基本信息 block (a heading and its figure a line) came out `200//`; a line with a
    /// 执行率 or a 项目名称 besides was not read, unsaid. Every pair is read on every line, each
    /// figure once; what is not read is said.
    #[test]
    fn headings_beside_figures_are_read_on_every_line_and_what_is_not_is_said() {
        let read = |lines: &[&str]| {
            let mut sheet = Sheet::new(SheetKind::Project);
            let above = read_lines_above(&rows(lines), &|_, _| false, &mut sheet);
            let funds: Vec<String> = sheet
                .funds
                .iter()
                .map(|f| {
                    let (i, b, s, r) = (&f.initial, &f.budget, &f.spent, &f.declared.rate);
                    format!("{} {i}/{b}/{s} {r}", f.name)
                })
                .collect();
            (funds.join("; "), above.funds_unread, sheet.meta.project)
        };
        let said_read = |pairs: &str| {
            format!("表格上方的“{pairs}”已作为资金情况中“年度资金总额”一行读入；如有当年财政拨款等其中各项，请在“资金情况”表中补填")
        };
        let all = "年初预算数 200、全年预算数 200、全年执行数 190";
        #[rustfmt::skip]
        let cases: [(&[&str], &str, &str); 4] = [
            (&["年初预算数|200", "全年预算数|200", "全年执行数|190"], "年度资金总额 200/200/190 ", all),
            (&["年初预算数|200|全年预算数|200", "全年执行数|190|执行率|95%"],
                "年度资金总额 200/200/190 95%", "年初预算数 200、全年预算数 200、全年执行数 190、执行率 95%"),
            (&["年初预算数|200|全年预算数|200|全年执行数|190|执行率|95%"],
                "年度资金总额 200/200/190 95%", "年初预算数 200、全年预算数 200、全年执行数 190、执行率 95%"),
            (&["项目名称|社区服务|年初预算数|200|全年预算数|200|全年执行数|190"], "年度资金总额 200/200/190 ", all),
        ];
        for (lines, funds, pairs) in cases {
            let (read_funds, said, _) = read(lines);
            assert_eq!(read_funds, funds, "{lines:?}");
            assert_eq!(said, [said_read(pairs)], "{lines:?}");
        }
        assert_eq!(read(cases[3].0).2, "社区服务");

        // A second, different figure for one heading is said, not taken; the same one again
        // (a cell merged across two) is no second.
        let (funds, said, _) = read(&[
            "年初预算数|200|全年预算数|200",
            "全年预算数|210",
            "全年执行数|190|190",
        ]);
        assert_eq!(funds, "年度资金总额 200/200/190 ");
        assert_eq!(said[0], said_read(all));
        assert_eq!(
            said[1],
            "表格上方的“全年预算数 210”与前面同名的数不同，未读入：请在“资金情况”表中核对"
        );

        // A figure-bearing heading it cannot place, and a heading without its figure, are said.
        for (line, unread) in [
            ("年初预算数|200|资金总额|300", "资金总额 300"),
            ("年初预算数|200|备注|无", "备注 无"),
            ("年初预算数|200|全年预算数", "全年预算数"),
        ] {
            let (funds, said, _) = read(&[line]);
            assert_eq!(funds, "年度资金总额 200// ", "{line}");
            assert_eq!(said[0], said_read("年初预算数 200"), "{line}");
            assert!(
                said[1].starts_with(&format!("表格上方资金各项旁的“{unread}”未能识别")),
                "{said:?}"
            );
        }

        // A 分值 beside them is the 预算执行率 a 资金 block's is.
        let mut sheet = Sheet::new(SheetKind::Project);
        let lines = rows(&["全年预算数|200|全年执行数|190|分值|10"]);
        read_lines_above(&lines, &|_, _| false, &mut sheet);
        assert_eq!(sheet.indicators[0].name, "预算执行率");
        assert!(has_budget_row(&sheet.indicators));
    }

    /// The 资金 rows [`read_lines_above`] reads from `lines` (`其中：` before a part, each
    /// `年初预算数/全年预算数/全年执行数`) and what it says of them.
    fn line_funds(lines: &[&str]) -> (String, Vec<String>) {
        let mut sheet = Sheet::new(SheetKind::Project);
        let above = read_lines_above(&rows(lines), &|_, _| false, &mut sheet);
        let funds: Vec<String> = sheet
            .funds
            .iter()
            .map(|f| {
                let name = fund_name(&f.name, f.part);
                format!("{name} {}/{}/{}", f.initial, f.budget, f.spent)
            })
            .collect();
        (funds.join("; "), above.funds_unread)
    }

    /// A second review's: with the rule above, a total's line named otherwise than exactly
    /// 年度资金总额 or 合计 (a colon after it, a unit, 总计, the project's name) was refused and its
    /// figures lost, and a unit its label stated (`项目资金（元）`) was passed over: 2,000,000 read
    /// as 万元. A colon, a 序号 or a lone 其中 before a name was said as a name not known.
    #[test]
    fn a_total_line_named_otherwise_is_the_total_in_the_unit_it_states() {
        for (line, name_said) in [
            ("年度资金总额：|全年预算数|200|全年执行数|190", None),
            ("年度资金总额（万元）：|全年预算数|200|全年执行数|190", None),
            ("合计：|全年预算数|200|全年执行数|190", None),
            ("总计|全年预算数|200|全年执行数|190", Some("总计")),
            ("项目经费|全年预算数|200|全年执行数|190", Some("项目经费")),
            (
                "社区居家养老服务项目|全年预算数|200|全年执行数|190",
                Some("社区居家养老服务项目"),
            ),
        ] {
            let (funds, said) = line_funds(&[line]);
            assert_eq!(funds, "年度资金总额 /200/190", "{line}");
            assert!(
                said[0].contains("已作为资金情况中“年度资金总额”一行读入"),
                "{said:?}"
            );
            match name_said {
                Some(name) => assert!(
                    said.iter().any(|s| s.contains(&format!("“{name}”"))),
                    "{said:?}"
                ),
                None => assert_eq!(said.len(), 1, "{line}: {said:?}"),
            }
        }
        for line in [
            "项目资金（元）|全年预算数|2,000,000|全年执行数|1,900,000",
            "年度资金总额（元）|全年预算数|2,000,000|全年执行数|1,900,000",
        ] {
            let mut sheet = Sheet::new(SheetKind::Project);
            read_lines_above(&rows(&[line]), &|_, _| false, &mut sheet);
            let read = |t: &str| crate::cell::parse_number(t).unwrap().unwrap();
            let (budget, spent) = (read(&sheet.funds[0].budget), read(&sheet.funds[0].spent));
            assert_eq!((&*budget.unit, &*spent.unit), ("元", "元"), "{line}");
        }
        for line in [
            "其中：|当年财政拨款|全年预算数|150|全年执行数|140",
            "1|当年财政拨款|全年预算数|150|全年执行数|140",
        ] {
            let (funds, said) = line_funds(&["全年预算数|200|全年执行数|190", line]);
            assert_eq!(
                funds, "年度资金总额 /200/190; 其中：当年财政拨款 /150/140",
                "{line}"
            );
            assert!(said.iter().all(|s| !s.contains("未能识别")), "{said:?}");
        }
    }

    /// A reviewer's: a line naming a fund before its headings and figures
    /// (`当年财政拨款 | 全年预算数 | 150 | …`) was read as the 年度资金总额, its 预算执行率 scored
    /// from a part's figures, the next fund's called a different figure and the names not
    /// known; seed 001's 收支 lines (基本支出, 项目支出) made a total of 基本支出. A named line is
    /// its row's: the form's parts read into theirs, a 年度资金总额 or 合计 line the total, any
    /// other name said and never read into the block.
    #[test]
    fn a_line_naming_a_fund_is_that_funds_row_not_the_total() {
        let parts = [
            "当年财政拨款|全年预算数|150|全年执行数|140",
            "上年结转资金|全年预算数|50|全年执行数|45",
        ];
        let (funds, said) = line_funds(&parts);
        assert_eq!(
            funds,
            "年度资金总额 //; 其中：当年财政拨款 /150/140; 其中：上年结转资金 /50/45"
        );
        assert_eq!(
            said,
            [
                "表格上方没有写明年度资金总额的预算数，资金情况中“年度资金总额”一行留空（未由其中各项加总）：请在“资金情况”表中填写",
                "表格上方“当年财政拨款”一行的“全年预算数 150、全年执行数 140”已作为资金情况中“其中：当年财政拨款”一行读入",
                "表格上方“上年结转资金”一行的“全年预算数 50、全年执行数 45”已作为资金情况中“其中：上年结转资金”一行读入",
            ]
        );

        // Under a total, unnamed or named so: the total's figures are the 预算执行率's.
        for total in [
            "全年预算数|200|全年执行数|185|分值|10",
            "合计|全年预算数|200|全年执行数|185|分值|10",
            "年度资金总额|全年预算数|200|全年执行数|185|分值|10",
        ] {
            let lines = [
                total,
                "其中：当年财政拨款|全年预算数|150|全年执行数|140",
                parts[1],
            ];
            let (funds, said) = line_funds(&lines);
            assert_eq!(
                funds,
                "年度资金总额 /200/185; 其中：当年财政拨款 /150/140; 其中：上年结转资金 /50/45",
                "{total}"
            );
            assert_eq!(
                said[0],
                "表格上方的“全年预算数 200、全年执行数 185、分值 10”已作为资金情况中“年度资金总额”一行读入",
                "{total}"
            );
            assert_eq!(said.len(), 3, "{said:?}");
            let mut sheet = Sheet::new(SheetKind::Project);
            read_lines_above(&rows(&lines), &|_, _| false, &mut sheet);
            assert!(has_budget_row(&sheet.indicators));
            assert_eq!(
                (&*sheet.funds[0].budget, &*sheet.funds[0].spent),
                ("200", "185")
            );
        }

        // A 部门整体 收支 table's lines name no fund of the block: said, not read, not summed.
        let (funds, said) = line_funds(&[
            "基本支出|预算数|3929.15|执行数|3882.09",
            "项目支出|预算数|28412.66|执行数|27985.1",
        ]);
        assert_eq!(funds, "");
        assert_eq!(
            said,
            [
                "表格上方“基本支出”一行的“预算数 3929.15、执行数 3882.09”未读入：“基本支出”不是资金情况中的一项（年度资金总额及其中的当年财政拨款、上年结转资金、其他资金），未计入年度资金总额；如属其中一项，请在“资金情况”表中填写",
                "表格上方“项目支出”一行的“预算数 28412.66、执行数 27985.1”未读入：“项目支出”不是资金情况中的一项（年度资金总额及其中的当年财政拨款、上年结转资金、其他资金），未计入年度资金总额；如属其中一项，请在“资金情况”表中填写",
            ]
        );
        let (funds, said) = line_funds(&[
            "项目资金|全年预算数|200|全年执行数|190",
            "基本支出|预算数|150|执行数|140",
        ]);
        assert_eq!(funds, "年度资金总额 /200/190");
        assert_eq!(said.len(), 2, "{said:?}");
        assert!(said[1].starts_with("表格上方“基本支出”一行的“预算数 150、执行数 140”未读入"));

        // A 分值 is the total's: on a part's line it is said, not read.
        let (funds, said) = line_funds(&[
            "全年预算数|200|全年执行数|185",
            "其他资金|全年预算数|50|分值|5",
        ]);
        assert_eq!(funds, "年度资金总额 /200/185; 其中：其他资金 /50/");
        assert_eq!(said.len(), 3, "{said:?}");
        assert!(said[2].starts_with("表格上方“其他资金”一行的“分值 5”未读入"));
    }

    /// A reviewer's: the note of the unit beside the figures (`（单位：万元）`) was said to be not
    /// read while the figures were read in that very unit.
    #[test]
    fn a_unit_note_the_figures_are_read_in_is_not_said_unread() {
        let (funds, said) =
            line_funds(&["年初预算数|200|全年预算数|200|全年执行数|190|（单位：万元）"]);
        assert_eq!(funds, "年度资金总额 200/200/190");
        assert_eq!(
            said,
            ["表格上方的“年初预算数 200、全年预算数 200、全年执行数 190”已作为资金情况中“年度资金总额”一行读入；如有当年财政拨款等其中各项，请在“资金情况”表中补填"]
        );
        let (funds, said) = line_funds(&["（单位：元）|全年预算数|2000000|全年执行数|1900000"]);
        assert_eq!(funds, "年度资金总额 /2000000元/1900000元");
        assert_eq!(said.len(), 1, "{said:?}");
    }

    /// A reviewer's: headings with a colon (`全年预算数：| 200`, `全年预算数：200` in one cell)
    /// were dropped unsaid; and a 全年执行数 with no budget beside it, which cannot be the
    /// total's without one, too. The colon's are read as the colon-less; the lone 执行数 is said.
    #[test]
    fn headings_with_a_colon_are_read_and_a_lone_spent_figure_is_said() {
        let all = "表格上方的“年初预算数 200、全年预算数 200、全年执行数 190”已作为资金情况中“年度资金总额”一行读入；如有当年财政拨款等其中各项，请在“资金情况”表中补填";
        for lines in [
            &["年初预算数：|200|全年预算数：|200|全年执行数：|190"][..],
            &["年初预算数:200|全年预算数：200", "全年执行数： 190"],
        ] {
            let (funds, said) = line_funds(lines);
            assert_eq!(funds, "年度资金总额 200/200/190", "{lines:?}");
            assert_eq!(said, [all], "{lines:?}");
        }
        let (funds, _) = line_funds(&["全年预算数（单位：元）：2000000|全年执行数（元）：1900000"]);
        assert_eq!(funds, "年度资金总额 /2000000元/1900000元");

        for lines in [&["全年执行数|190"][..], &["全年执行数：190"]] {
            let (funds, said) = line_funds(lines);
            assert_eq!(funds, "", "{lines:?}");
            assert_eq!(
                said,
                ["表格上方的“全年执行数 190”未读入：没有写明同一项的预算数（年初预算数或全年预算数），不能作为“年度资金总额”一行，也算不出执行率；请在其旁写明全年预算数后重新打开，或在“资金情况”表中填写"],
                "{lines:?}"
            );
        }
        // A 得分 alone is no 资金 line: nothing to say of it here.
        assert_eq!(line_funds(&["得分|95"]), (String::new(), Vec::new()));
    }

    /// A reviewer's: a 资金 block whose rows are only its 其中 rows (`当年财政拨款 | 150 | 140`,
    /// `上年结转资金 | …`) had no total row: its first part was the 年度资金总额 the 预算执行率 is
    /// scored from, 140/150, unsaid. Its parts are read as parts, under a blank total, said; a
    /// total written after them (合计) is the total, first.
    #[test]
    fn a_block_of_parts_only_never_scores_a_part_as_the_total() {
        let blank = "表格上方的项目资金栏没有年度资金总额（或合计）一行，资金情况中“年度资金总额”一行留空（未由其中各项加总）：请在“资金情况”表中填写";
        let read = |lines: &[&str]| {
            let mut sheet = Sheet::new(SheetKind::Project);
            let above = read_lines_above(&rows(lines), &|_, _| false, &mut sheet);
            let funds: Vec<String> = sheet
                .funds
                .iter()
                .map(|f| format!("{} /{}/{}", fund_name(&f.name, f.part), f.budget, f.spent))
                .collect();
            let calc = Calculator::new(sheet.clone());
            let budget = calc.top_level().find(|&id| {
                calc.node(id)
                    .is_some_and(|n| matches!(n.rule, Some(Rule::BudgetExecution(_))))
            });
            let score = budget.and_then(|id| calc.score(id));
            (
                funds.join("; "),
                above.funds_unread,
                budget.is_some(),
                score,
            )
        };
        let parts = "年度资金总额 //; 其中：当年财政拨款 /150/140; 其中：上年结转资金 /50/45";
        for lines in [
            &[
                "资金来源|全年预算数|全年执行数|分值",
                "当年财政拨款|150|140|10",
                "上年结转资金|50|45|",
            ][..],
            &[
                "项目资金|全年预算数|全年执行数|分值",
                "其中：当年财政拨款|150|140|10",
                "上年结转资金|50|45|",
            ],
        ] {
            let (funds, said, budget_row, score) = read(lines);
            assert_eq!(funds, parts, "{lines:?}");
            assert_eq!(said, [blank], "{lines:?}");
            // The 分值 typed is kept: the 预算执行率 asks for the total, never scores 140/150.
            assert!(budget_row, "{lines:?}");
            assert_eq!(score, None, "{lines:?}");
        }

        // A 合计 after the parts is the total: read first, its 预算执行率 from it.
        let (funds, said, _, score) = read(&[
            "资金来源|全年预算数|全年执行数|分值",
            "当年财政拨款|150|140|",
            "上年结转资金|50|45|",
            "合计|200|185|10",
        ]);
        assert_eq!(
            funds,
            "合计 /200/185; 其中：当年财政拨款 /150/140; 其中：上年结转资金 /50/45"
        );
        assert_eq!(said, Vec::<String>::new());
        assert_eq!(score.map(|s| s.to_string()).as_deref(), Some("9.25"));

        // A block led by its total is read as before.
        let (funds, said, _, _) = read(&[
            "资金来源|全年预算数|全年执行数",
            "年度资金总额|200|185",
            "当年财政拨款|150|140",
        ]);
        assert_eq!(funds, "年度资金总额 /200/185; 当年财政拨款 /150/140");
        assert_eq!(said, Vec::<String>::new());

        // Pasted at the 资金 table: the parts, said to have no total, for the page to write
        // under the table's own.
        assert_eq!(
            pasted(&[
                "资金来源|全年预算数|全年执行数",
                "当年财政拨款|150|140",
                "上年结转资金|50|45"
            ])
            .as_deref(),
            Some("无总额; 其中：当年财政拨款 · / 150 / 140; 其中：上年结转资金 · / 50 / 45")
        );
    }
}
