//! The printed forms jixiao writes (src/xlsx/write.rs), read back from their visible cells
//! alone: the title, the line of 单位名称 / 项目名称 / 年度, the 资金 block, the indicator table
//! (through the column mapping every table goes through) and the line of settings that differ
//! from the national defaults. A worksheet copied out of its workbook, without the hidden copy
//! of the sheet, still opens to the same scores.

use super::mapping::{build, is_attachment, roles_for, ImportKind, Mapping};
use super::read::{Spreadsheet, Table};
use crate::load::Document;
use crate::model::{GradeBand, Meta, Rounding, Settings, Sheet, SheetKind};
use crate::workbook::Workbook;
use std::borrow::Cow;

/// The header row of a form's indicator table.
pub(super) const INDICATOR_HEADERS: [&str; 17] = [
    "一级指标",
    "分值",
    "得分",
    "二级指标",
    "分值",
    "得分",
    "三级指标",
    "分值",
    "计分方法",
    "比较方式",
    "年度指标值",
    "实际完成值",
    "计量单位",
    "完成率",
    "得分",
    "偏差原因及改进措施",
    "计分说明",
];

/// The header row of a form's 汇总表.
pub(super) const SUMMARY_HEADERS: [&str; 11] = [
    "序号",
    "单位名称",
    "项目名称",
    "绩效目标",
    "预算数（万元）",
    "完成数（万元）",
    "预算完成率",
    "分数",
    "等级",
    "问题",
    "建议",
];

/// The 10号 form's 项目资金 block (read back by `mapping`'s reader of the lines above a
/// table): its header cells, and the column each value is in (a
/// value spans to the next one's column). The first cell is `项目资金（万元）` on a project's
/// form and `资金（万元）` on others.
pub(super) const FUNDS_COLUMNS: [(&str, u16); 8] = [
    ("年初预算数", 3),
    ("全年预算数", 6),
    ("全年执行数", 7),
    ("分值", 10),
    ("执行率", 13),
    ("得分", 14),
    ("偏差原因及改进措施", 15),
    ("备注", 16),
];
/// The columns of the 年度总体目标 block: its label, 预期目标, 实际完成情况.
pub(super) const GOAL_COLUMNS: [(&str, u16); 3] =
    [("年度总体目标", 0), ("预期目标", 3), ("实际完成情况", 10)];

/// The 资金 block of forms written before the 10号 layout.
const OLD_FUNDS_HEADERS: [(&str, u16); 4] = [
    ("资金", 0),
    ("预算数（万元）", 3),
    ("执行数（万元）", 6),
    ("执行率", 9),
];

/// A project's form says 实施单位 where the others say 单位名称, as the 10号 form does.
const META_LABELS: [&str; 5] = ["项目名称", "主管部门", "实施单位", "单位名称", "年度"];
const SIGNATURE_LABELS: [&str; 5] = [
    "填报单位（盖章）",
    "填报人",
    "审核人",
    "联系电话",
    "填报日期",
];
const SETTINGS_LABEL: &str = "计分设置：";

/// The line under the title, the filled ones of `项目名称：…    主管部门：…    实施单位：…
/// 年度：…` (`单位名称` for a sheet that is not a project's).
pub(super) fn meta_line(meta: &Meta, kind: SheetKind) -> String {
    let none = String::new();
    let (implementer, unit) = if kind == SheetKind::Project {
        (&meta.unit, &none)
    } else {
        (&none, &meta.unit)
    };
    labelled_line(
        &META_LABELS,
        [
            &meta.project,
            &meta.department,
            implementer,
            unit,
            &meta.year,
        ],
        false,
    )
}

/// The signature line under the form: `填报单位（盖章）：…  填报人：…  审核人：…  联系电话：…
/// 填报日期：…`, a blank to sign on where nothing is typed.
pub(super) fn signature_line(meta: &Meta) -> String {
    labelled_line(
        &SIGNATURE_LABELS,
        [
            &meta.unit,
            &meta.preparer,
            &meta.reviewer,
            &meta.phone,
            &meta.date,
        ],
        true,
    )
}

fn labelled_line<const N: usize>(labels: &[&str; N], values: [&String; N], blanks: bool) -> String {
    let parts: Vec<String> = labels
        .iter()
        .zip(values)
        .filter(|(_, v)| blanks || !v.is_empty())
        .map(|(k, v)| {
            if v.is_empty() {
                format!("{k}：{}", "\u{3000}".repeat(6))
            } else {
                format!("{k}：{v}")
            }
        })
        .collect();
    parts.join("    ")
}

/// Reads [`meta_line`] back into `meta`; true when it names a 实施单位, as a project's does.
fn read_meta_line(text: &str, meta: &mut Meta) -> bool {
    let [project, department, implementer, unit, year] = read_labelled(text, &META_LABELS);
    let project_line = !implementer.is_empty();
    meta.unit = if unit.is_empty() { implementer } else { unit };
    meta.department = department;
    meta.project = project;
    meta.year = year;
    project_line
}

/// Whether a line is [`meta_line`]: it names one of its labels, a value after it or not.
fn is_meta_line(text: &str) -> bool {
    META_LABELS
        .iter()
        .any(|label| text.contains(&format!("{label}：")))
}

/// The fields [`meta_line`] carries, taken from `from`: a returned form's where its line is
/// not found.
fn keep_meta_line(from: &Meta, meta: &mut Meta) {
    meta.project.clone_from(&from.project);
    meta.department.clone_from(&from.department);
    meta.unit.clone_from(&from.unit);
    meta.year.clone_from(&from.year);
}

/// The rows of a form's title and of its [`meta_line`], above `top` (its first row of 资金,
/// 年度总体目标 or its table), each where found. The form writes them as its first two rows;
/// a unit attaching it to a document puts a line above them (附件1), or deletes one. The meta
/// line is the row naming its labels, the title the text nearest above it (or, with no such
/// line, the first text), never an attachment's line. A line not found (deleted, or cleared
/// whole) is not read as blank: a returned form keeps what was written there.
fn head_rows(table: &Table, top: usize) -> (Option<usize>, Option<usize>) {
    let text = |r: usize| cell(table, r, 0);
    let line = (0..top).find(|&r| is_meta_line(text(r)));
    let title = match line {
        Some(line) => (0..line).rev().find(|&r| !text(r).is_empty()),
        None => (0..top).find(|&r| !text(r).is_empty() && !is_attachment(text(r))),
    };
    (title.filter(|&r| !is_attachment(text(r))), line)
}

/// The form's signature line ([`signature_line`]), the first from row `from` on.
fn signature_line_in(table: &Table, from: usize) -> Option<&str> {
    (from..table.rows.len())
        .map(|r| cell(table, r, 0))
        .find(|c| c.starts_with(SIGNATURE_LABELS[0]))
}

/// The 填报单位（盖章） a form's signature line names, blank or not; `None` without the line.
/// The sheet keeps one unit, the head's: a returned form's edit of this one is said, not taken
/// over the head's (a project's 实施单位 need not be who fills its form in).
pub(super) fn signature_unit(table: &Table) -> Option<String> {
    let line = signature_line_in(table, 0)?;
    let [unit, ..] = read_labelled(line, &SIGNATURE_LABELS);
    Some(unit)
}

/// Reads [`signature_line`] back into `meta`; its 填报单位 is the 单位名称 when that is blank
/// (see [`signature_unit`]).
fn read_signature_line(text: &str, meta: &mut Meta) {
    let [unit, preparer, reviewer, phone, date] = read_labelled(text, &SIGNATURE_LABELS);
    if meta.unit.is_empty() {
        meta.unit = unit;
    }
    meta.preparer = preparer;
    meta.reviewer = reviewer;
    meta.phone = phone;
    meta.date = date;
}

/// The values after `label：` in a line of labels, each to the next label; a label missing
/// or followed by blanks only is empty.
fn read_labelled<const N: usize>(text: &str, labels: &[&str; N]) -> [String; N] {
    let found: Vec<(usize, usize)> = labels
        .iter()
        .enumerate()
        .filter_map(|(k, label)| text.find(&format!("{label}：")).map(|at| (at, k)))
        .collect();
    let mut out: [String; N] = std::array::from_fn(|_| String::new());
    for &(at, k) in &found {
        let start = at + labels[k].len() + "：".len();
        let end = found
            .iter()
            .map(|&(other, _)| other)
            .filter(|&other| other > at)
            .min()
            .unwrap_or(text.len());
        out[k] = text[start..end]
            .trim_matches(|c: char| c.is_whitespace())
            .to_string();
    }
    out
}

/// The settings that differ from the national defaults, as one line under the total
/// (`计分设置：总分值49.13；等级 优≥85、良≥75、中≥60、差≥0`); `None` when all are the defaults.
pub(super) fn settings_line(settings: &Settings) -> Option<String> {
    let parts: Vec<String> = setting_words(settings)
        .into_iter()
        .filter_map(|(other, words)| other.then_some(words))
        .collect();
    (!parts.is_empty()).then(|| format!("{SETTINGS_LABEL}{}", parts.join("；")))
}

/// The settings that differ between `before` and `after`, each in words, as they were and as
/// they are (`等级优≥85、良≥75、中≥60、差≥0，得分四舍五入` → `…，得分截位`): a 计分设置 line edited.
pub(super) fn settings_change(before: &Settings, after: &Settings) -> (String, String) {
    let (was, now): (Vec<String>, Vec<String>) = setting_words(before)
        .into_iter()
        .zip(setting_words(after))
        .filter(|((_, was), (_, now))| was != now)
        .map(|((_, was), (_, now))| (was, now))
        .unzip();
    (was.join("，"), now.join("，"))
}

/// Each setting in words (`得分保留1位小数`, the default's too), with whether it is other than
/// the national default, in the order of the 计分设置 line.
fn setting_words(settings: &Settings) -> [(bool, String); 11] {
    let (s, d) = (settings, Settings::default());
    let bands: Vec<String> = s
        .grade_bands
        .iter()
        .map(|b| format!("{}≥{}", b.grade, b.min))
        .collect();
    let either = |on: bool, yes: &str, no: &str| (on, if on { yes } else { no }.to_string());
    [
        (
            s.total_weight != d.total_weight,
            format!("总分值{}", s.total_weight),
        ),
        (
            s.grade_bands != d.grade_bands,
            format!("等级{}", bands.join("、")),
        ),
        (
            s.score_decimals != d.score_decimals,
            format!("得分保留{}位小数", s.score_decimals),
        ),
        (
            s.rate_decimals != d.rate_decimals,
            format!("完成率保留{}位小数", s.rate_decimals),
        ),
        (
            s.over_completion != d.over_completion,
            format!("超额完成提示线{}", s.over_completion),
        ),
        (
            s.score_rounding != d.score_rounding,
            format!("得分{}", s.score_rounding.label()),
        ),
        (
            s.rate_rounding != d.rate_rounding,
            format!("完成率{}", s.rate_rounding.label()),
        ),
        (
            s.qualitative_bands != d.qualitative_bands,
            format!("定性分档{}", s.qualitative_bands.join("、")),
        ),
        either(
            s.budget_uncapped,
            BUDGET_UNCAPPED,
            "预算执行率得分以分值为上限",
        ),
        either(
            s.actual_as_coefficient,
            ACTUAL_AS_COEFFICIENT,
            "百分比实际完成值不作得分系数",
        ),
        (
            !s.hints_off.is_empty(),
            if s.hints_off.is_empty() {
                "显示全部提示".to_string()
            } else {
                format!("{HINTS_OFF}{}", s.hints_off.join("、"))
            },
        ),
    ]
}

const BUDGET_UNCAPPED: &str = "预算执行率得分不设上限";
const ACTUAL_AS_COEFFICIENT: &str = "百分比实际完成值作得分系数";
const HINTS_OFF: &str = "不显示提示";

/// The settings a table's [`settings_line`] states, wherever it is (the form writes it under
/// its total); `None` when it has none.
pub(super) fn settings_in(rows: &[Vec<String>]) -> Option<Settings> {
    rows.iter()
        .find_map(|r| settings_text(r))
        .map(read_settings_line)
}

/// Whether a row is a [`settings_line`], which [`settings_in`] reads.
pub(super) fn is_settings_line(row: &[String]) -> bool {
    settings_text(row).is_some()
}

fn settings_text(row: &[String]) -> Option<&str> {
    row.first()?.trim().strip_prefix(SETTINGS_LABEL)
}

/// Reads [`settings_line`] back; what it does not name keeps its default.
fn read_settings_line(text: &str) -> Settings {
    let mut settings = Settings::default();
    let decimals = |s: &str| s.strip_suffix("位小数").and_then(|n| n.parse().ok());
    let rounding = |s: &str| {
        [Rounding::HalfUp, Rounding::Truncate, Rounding::Up]
            .into_iter()
            .find(|r| r.label() == s)
    };
    for part in text.split('；') {
        if let Some(r) = part.strip_prefix("得分").and_then(rounding) {
            settings.score_rounding = r;
        } else if let Some(r) = part.strip_prefix("完成率").and_then(rounding) {
            settings.rate_rounding = r;
        } else if let Some(v) = part.strip_prefix("定性分档") {
            settings.qualitative_bands = v.split('、').map(str::to_string).collect();
        } else if part == BUDGET_UNCAPPED {
            settings.budget_uncapped = true;
        } else if part == ACTUAL_AS_COEFFICIENT {
            settings.actual_as_coefficient = true;
        } else if let Some(v) = part.strip_prefix(HINTS_OFF) {
            settings.hints_off = v.split('、').map(str::to_string).collect();
        } else if let Some(v) = part.strip_prefix("总分值") {
            settings.total_weight = v.to_string();
        } else if let Some(v) = part.strip_prefix("等级") {
            let bands: Option<Vec<GradeBand>> = v
                .split('、')
                .map(|b| {
                    let (grade, min) = b.split_once('≥')?;
                    Some(GradeBand {
                        grade: grade.to_string(),
                        min: min.to_string(),
                    })
                })
                .collect();
            if let Some(bands) = bands {
                settings.grade_bands = bands;
            }
        } else if let Some(n) = part.strip_prefix("得分保留").and_then(decimals) {
            settings.score_decimals = n;
        } else if let Some(n) = part.strip_prefix("完成率保留").and_then(decimals) {
            settings.rate_decimals = n;
        } else if let Some(v) = part.strip_prefix("超额完成提示线") {
            settings.over_completion = v.to_string();
        }
    }
    settings
}

/// A unit may reword a header cell or two of a returned form, keeping its words (实际完成值（2023年）,
/// 2023年全年预算数) and its column: the columns are still the form's. A header that no longer
/// names its column (two swapped, 计分说明 turned into 备注) is no rewording: the table is then
/// not read as the form's.
const REWORDED: usize = 2;

/// The header row of a 汇总表 form, found as [`read_form`] finds it (a cell or two reworded).
pub(super) fn summary_header_row(table: &Table) -> Option<usize> {
    header_row(table, &positioned(&SUMMARY_HEADERS))
}

/// The first row holding `headers` at their columns, at most [`REWORDED`] of them reworded.
fn header_row(table: &Table, headers: &[(&str, usize)]) -> Option<usize> {
    (0..table.rows.len()).find(|&r| {
        let mut reworded = 0;
        table.rows[r].len() > headers.iter().map(|&(_, c)| c).max().unwrap_or(0)
            && headers.iter().all(|&(h, c)| {
                let text = cell(table, r, c);
                if text == h {
                    return true;
                }
                reworded += 1;
                text.contains(h)
            })
            && reworded <= REWORDED
    })
}

/// The columns of the form's worked-out figures: 一级 and 二级 得分, 完成率 and 得分 (a leaf's,
/// the 资金 block's 执行率 and 得分, the 总分). Typed over, they are what the unit declares,
/// and a declared figure is what its cell shows: 9.7389 in a `0.00` cell declares 9.74. But
/// a 得分 typed on a row scored by hand (定性, 手动, 加减分) is the row's input, read as typed,
/// and a sheet that keeps more than two places (its 计分设置 line says so) is read as typed.
const RESULT_COLUMNS: [usize; 4] = [2, 5, 13, 14];
/// The form's 得分, 计分方法 and 比较方式 columns.
const SCORE_COLUMN: usize = 14;
const RULE_COLUMN: usize = 8;
const COMPARISON_COLUMN: usize = 9;
/// The 汇总表 form's: 预算完成率.
const SUMMARY_RESULT_COLUMNS: [usize; 1] = [6];

/// Table `index` read as a form: its numbers as typed, but for the worked-out figures (see
/// [`RESULT_COLUMNS`]), and its header rows (the indicator table's or the 汇总表's, and the
/// 资金 block's) as the form wrote them, so that a reworded cell reads as the column it heads;
/// and the settings its 计分设置 line states (`written`'s without one), which say how many
/// places those figures keep.
fn with_form_headers<'a>(
    spreadsheet: &'a Spreadsheet,
    index: usize,
    written: Option<&Settings>,
) -> (Cow<'a, Spreadsheet>, Option<Settings>) {
    let Some(table) = spreadsheet.tables.get(index) else {
        return (Cow::Borrowed(spreadsheet), None);
    };
    let funds: Vec<(&str, usize)> = FUNDS_COLUMNS
        .iter()
        .map(|&(h, c)| (h, c as usize))
        .collect();
    let mut heads = Vec::new();
    for headers in [positioned(&INDICATOR_HEADERS), positioned(&SUMMARY_HEADERS)] {
        if let Some(r) = header_row(table, &headers) {
            heads.push((r, headers));
            break;
        }
    }
    if let Some(r) = header_row(table, &funds) {
        // Its first cell names the block (项目资金（万元）, 资金（万元）), which is how it is found;
        // reworded, it still says 资金 (资金情况（万元）).
        let label = cell(table, r, 0);
        if label.contains("资金") {
            let named = ["项目资金（万元）", "资金（万元）"].contains(&label);
            let label = (!named).then_some(("资金（万元）", 0));
            heads.push((r, label.into_iter().chain(funds).collect()));
        }
    }
    let summary = heads
        .first()
        .is_some_and(|(_, h)| h.len() == SUMMARY_HEADERS.len());
    let results: &[usize] = if summary {
        &SUMMARY_RESULT_COLUMNS
    } else {
        &RESULT_COLUMNS
    };
    let settings = settings_in(&table.rows).or_else(|| written.cloned());
    let more_places = settings
        .as_ref()
        .is_some_and(|s| s.score_decimals > 2 || s.rate_decimals > 2);
    // A row whose 得分 is typed by hand: its 计分方法 names such a rule, or it is 定性.
    let entered = |r: usize| {
        crate::rules::score_is_entered(&crate::model::Node {
            rule: crate::rule_text::parse(cell(table, r, RULE_COLUMN)).flatten(),
            comparison: crate::comparison::Comparison::parse(cell(table, r, COMPARISON_COLUMN)),
            ..Default::default()
        })
    };
    let typed = super::read::as_typed(spreadsheet, index, |r, c| {
        more_places || !results.contains(&c) || (!summary && c == SCORE_COLUMN && entered(r))
    });
    let reworded: Vec<(usize, usize, &str)> = heads
        .iter()
        .flat_map(|(r, headers)| headers.iter().map(move |&(h, c)| (*r, c, h)))
        .filter(|&(r, c, h)| cell(table, r, c) != h)
        .collect();
    if reworded.is_empty() {
        return (typed, settings);
    }
    let mut restored = typed.into_owned();
    for (r, c, h) in reworded {
        restored.tables[index].rows[r][c] = h.to_string();
    }
    (Cow::Owned(restored), settings)
}

/// Headers written from the first column on, each at its column.
fn positioned(headers: &[&'static str]) -> Vec<(&'static str, usize)> {
    headers.iter().enumerate().map(|(c, &h)| (h, c)).collect()
}

fn cell(table: &Table, row: usize, column: usize) -> &str {
    table
        .rows
        .get(row)
        .and_then(|r| r.get(column))
        .map_or("", |c| c.trim())
}

/// The header row of a sheet's CSV (`csv::sheet_csv`), by which it is known as this
/// calculator's: its indicator lines' header, as written.
pub(super) fn sheet_csv_header(table: &Table) -> Option<usize> {
    let header = super::csv::INDICATOR_COLUMNS;
    (0..table.rows.len()).find(|&r| {
        let row = &table.rows[r];
        row.len() >= header.len() && header.iter().zip(row).all(|(h, c)| c.trim() == *h)
    })
}

/// Reads table `index` of `spreadsheet` as one of jixiao's forms; `None` when it is not one.
pub fn read_form(spreadsheet: &Spreadsheet, index: usize) -> Option<Sheet> {
    read_form_over(spreadsheet, index, None)
}

/// [`read_form`] for a form returned from Excel, `written` being the form as it was written,
/// read: the lines of its head not found (its title, its line of 项目名称 / 年度, its 计分设置
/// line, deleted or moved beyond recognition) are `written`'s, not blanks the unit never typed.
pub(super) fn read_returned_form(
    spreadsheet: &Spreadsheet,
    index: usize,
    written: &Sheet,
) -> Option<Sheet> {
    read_form_over(spreadsheet, index, Some(written))
}

fn read_form_over(
    spreadsheet: &Spreadsheet,
    index: usize,
    written: Option<&Sheet>,
) -> Option<Sheet> {
    // A sheet's CSV: read as every mapped table is, its indicator lines by their header and
    // the head and 资金 lines above it, as a user confirming the columns the page guesses would
    // have it read.
    if let Some(table) = spreadsheet.tables.get(index) {
        if let Some(header) = sheet_csv_header(table) {
            let mapping = Mapping {
                table: index,
                header_row: header,
                stacked: false,
                kind: ImportKind::Indicators,
                roles: roles_for(&table.rows[header], ImportKind::Indicators),
            };
            return build(spreadsheet, &mapping).ok();
        }
    }
    let written_settings = written.map(|w| &w.settings);
    let (spreadsheet, settings) = with_form_headers(spreadsheet, index, written_settings);
    let settings = settings.unwrap_or_default();
    // The title and the meta line above `top`, as found, else `written`'s.
    let read_head = |table: &Table, top: usize, meta: &mut Meta| {
        let (title, line) = head_rows(table, top);
        let mut project_line = false;
        match (line, written) {
            (Some(r), _) => project_line = read_meta_line(cell(table, r, 0), meta),
            (None, Some(w)) => keep_meta_line(&w.meta, meta),
            (None, None) => {}
        }
        meta.title = match (title, written) {
            (Some(r), _) => cell(table, r, 0).to_string(),
            (None, Some(w)) => w.meta.title.clone(),
            (None, None) => String::new(),
        };
        project_line
    };
    let spreadsheet = &*spreadsheet;
    let table = spreadsheet.tables.get(index)?;
    let mapping = |header: usize, kind: ImportKind| Mapping {
        table: index,
        header_row: header,
        stacked: false,
        kind,
        roles: roles_for(&table.rows[header], kind),
    };
    // The header rows are the form's own by now (`with_form_headers`).
    let header = header_row(table, &positioned(&INDICATOR_HEADERS));
    let mut sheet = match header {
        Some(h) => build(spreadsheet, &mapping(h, ImportKind::Indicators)).ok()?,
        None => match header_row(table, &positioned(&SUMMARY_HEADERS)) {
            Some(h) => {
                let mut summary = build(spreadsheet, &mapping(h, ImportKind::Summary)).ok()?;
                // Its title and 单位 / 年度 line, where it has them above its header (a CSV
                // of a 汇总表 with neither starts with its header).
                read_head(table, h, &mut summary.meta);
                summary.settings = settings;
                if let Some(line) = signature_line_in(table, h) {
                    read_signature_line(line, &mut summary.meta);
                }
                return Some(summary);
            }
            // The form's indicator table, its columns moved: not read as the form's, never as
            // a form without one (which would drop every row).
            None if (0..table.rows.len()).any(|r| {
                let same = INDICATOR_HEADERS.iter().enumerate();
                same.filter(|&(c, h)| cell(table, r, c) == *h).count() * 2
                    >= INDICATOR_HEADERS.len()
            }) =>
            {
                return None
            }
            // A sheet of 资金 alone (seed 002's execution rates) has no indicator table.
            None => Sheet::new(SheetKind::Department),
        },
    };
    let before = header.unwrap_or(table.rows.len());
    if header.is_none() {
        // A form of 资金 alone: its block as jixiao writes it in a form or a CSV (or wrote it
        // before the 10号 layout), read like the lines above an indicator table's header; never
        // a table with an indicator table of its own, which the column mapping reads.
        let ours = |headers: &[(&str, usize)]| {
            (0..table.rows.len()).any(|r| headers.iter().all(|&(h, c)| cell(table, r, c) == h))
        };
        let layouts = [
            FUNDS_COLUMNS.map(|(h, c)| (h, c as usize)).to_vec(),
            OLD_FUNDS_HEADERS.map(|(h, c)| (h, c as usize)).to_vec(),
            positioned(&super::csv::FUNDS_COLUMNS),
        ];
        if !layouts.iter().any(|l| ours(l))
            || super::mapping::guess(index, &table.rows, Default::default()).is_some()
        {
            return None;
        }
        super::mapping::read_lines_above(
            &table.rows,
            &|r, c| table.merged_with_above(r, c),
            &mut sheet,
        );
        if sheet.funds.is_empty() {
            return None;
        }
    }
    let goal_block = (0..before).find(|&r| cell(table, r, 0) == GOAL_COLUMNS[0].0);
    let top = [
        goal_block,
        super::mapping::funds_header(&table.rows[..before]),
    ]
    .into_iter()
    .flatten()
    .fold(before, usize::min);
    let project_line = read_head(table, top, &mut sheet.meta);
    if let Some(r) = goal_block {
        sheet.meta.goal = cell(table, r + 1, GOAL_COLUMNS[1].1 as usize).to_string();
        sheet.meta.achieved = cell(table, r + 1, GOAL_COLUMNS[2].1 as usize).to_string();
    }
    // Only a project's form has the 年度总体目标 block with nothing in it.
    let project_head = project_line
        || goal_block.is_some() && sheet.meta.goal.is_empty() && sheet.meta.achieved.is_empty();
    sheet.settings = settings;
    if let Some(line) = signature_line_in(table, header.unwrap_or(0)) {
        read_signature_line(line, &mut sheet.meta);
    }
    sheet.kind = form_kind(&sheet.meta, project_head);
    Some(sheet)
}

/// Which table a form or an indicator table is, from what its head says: a 部门整体 title, or
/// a project's (a title naming a 项目, as 项目支出绩效评价表 does, a 项目名称, or `project_head`:
/// a 实施单位 or an empty 年度总体目标 block), else a department's. The one rule for the .xlsx
/// form and for every table read through a mapping (a CSV), so that a sheet's kind survives
/// either.
pub(super) fn form_kind(meta: &Meta, project_head: bool) -> SheetKind {
    if meta.title.contains("部门整体") {
        SheetKind::Department
    } else if meta.title.contains("项目") || !meta.project.is_empty() || project_head {
        SheetKind::Project
    } else {
        SheetKind::Department
    }
}

/// Whether [`form_kind`] told a table's kind (`read`, as built) from what its head says: a
/// project's by any of its signs, a department's by its 部门整体 title. A table with no such
/// head (a block copied from its header row down) is read as a department's for want of a
/// project's signs: a guess, which a paste does not change a sheet's kind by.
pub(super) fn kind_told(read: &Sheet) -> bool {
    read.kind == SheetKind::Project || read.meta.title.contains("部门整体")
}

/// The document a file's visible worksheets make when they are jixiao's forms: one sheet, or a
/// workbook (its 汇总表 and then one worksheet per sheet, as `workbook_to_xlsx` writes it, or
/// the forms of several projects a unit put in one file). Worksheets that are not forms (the
/// 检查结果 a form is written with, a unit's notes) are passed over.
pub fn visible_document(spreadsheet: &Spreadsheet) -> Option<Document> {
    let forms: Vec<Sheet> = (0..spreadsheet.tables.len())
        .filter_map(|i| read_form(spreadsheet, i))
        .collect();
    // The first 汇总表 is the workbook's, wherever it stands; the other forms are its sheets.
    let (mut summaries, sheets): (Vec<Sheet>, Vec<Sheet>) = forms
        .into_iter()
        .partition(|s| s.kind == SheetKind::Summary);
    let first = match (summaries.is_empty(), sheets.len()) {
        (true, 0) => return None,
        (true, 1) => return sheets.into_iter().next().map(Document::Sheet),
        (true, _) => {
            let mut workbook = Workbook::new("");
            workbook.sheets = sheets;
            return Some(Document::Workbook(workbook));
        }
        (false, 0) => return Some(Document::Sheet(summaries.swap_remove(0))),
        (false, _) => summaries.swap_remove(0),
    };
    // The 汇总表 has a row per sheet it counts (not a project's other years), computed from
    // it, and the rows typed into it: the typed ones are those no sheet gives (by 单位 and 项目
    // as compared for one project, `workbook::name_key`, wherever a sort in Excel put them):
    // each sheet's row by the name it takes today, then by the one an older writer gave it
    // (`engine::older_row_name`), so that a row typed under that name is not taken for it.
    // Its 计分设置 line (grade bands, places) is the 汇总表's own, as a 汇总表 read alone takes it.
    let mut workbook = Workbook::new("");
    workbook.summary.meta = first.meta;
    workbook.summary.settings = first.settings;
    workbook.sheets = sheets;
    let key = |unit: &str, project: &str| {
        let key = crate::workbook::name_key;
        (key(unit).into_owned(), key(project).into_owned())
    };
    let from_sheets: Vec<[Option<(String, String)>; 2]> = workbook
        .counted_sheets()
        .into_iter()
        .map(|i| {
            let sheet = &workbook.sheets[i];
            let unit = &sheet.meta.unit;
            let older = crate::engine::older_row_name(sheet.kind, &sheet.meta);
            [
                Some(key(unit, crate::engine::row_name(sheet.kind, &sheet.meta))),
                older.map(|name| key(unit, name)),
            ]
        })
        .collect();
    let mut given = vec![false; from_sheets.len()];
    let mut typed = vec![true; first.projects.len()];
    for named in 0..2 {
        for (p, typed) in first.projects.iter().zip(&mut typed).filter(|(_, t)| **t) {
            let key = Some(key(&p.unit, &p.project));
            let sheet = (0..from_sheets.len()).find(|&s| !given[s] && from_sheets[s][named] == key);
            if let Some(s) = sheet {
                (given[s], *typed) = (true, false);
            }
        }
    }
    workbook.summary.projects = first
        .projects
        .into_iter()
        .zip(typed)
        .filter_map(|(p, typed)| typed.then_some(p))
        .collect();
    Some(Document::Workbook(workbook))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lines_around_the_table_read_back() {
        let meta = Meta {
            unit: "石井街道".into(),
            project: "泮塘五约 微改造".into(),
            year: "2023".into(),
            ..Meta::default()
        };
        let mut back = Meta::default();
        read_meta_line(&meta_line(&meta, SheetKind::Department), &mut back);
        assert_eq!(back, meta);
        let meta = Meta {
            unit: "白云区石井街道办事处".into(),
            department: "广州市白云区人民政府".into(),
            project: "老旧小区微改造".into(),
            year: "2023".into(),
            preparer: "张三".into(),
            date: "2024年1月15日".into(),
            ..Meta::default()
        };
        let line = meta_line(&meta, SheetKind::Project);
        assert_eq!(
            line,
            "项目名称：老旧小区微改造    主管部门：广州市白云区人民政府    实施单位：白云区石井街道办事处    年度：2023"
        );
        let signature = signature_line(&meta);
        assert_eq!(
            signature,
            "填报单位（盖章）：白云区石井街道办事处    填报人：张三    审核人：\u{3000}\u{3000}\u{3000}\u{3000}\u{3000}\u{3000}    \
             联系电话：\u{3000}\u{3000}\u{3000}\u{3000}\u{3000}\u{3000}    填报日期：2024年1月15日"
        );
        let mut back = Meta::default();
        read_meta_line(&line, &mut back);
        read_signature_line(&signature, &mut back);
        assert_eq!(back, meta);
        let settings = Settings {
            total_weight: "49.13".into(),
            grade_bands: vec![
                GradeBand {
                    grade: "优".into(),
                    min: "85".into(),
                },
                GradeBand {
                    grade: "合格".into(),
                    min: "0".into(),
                },
            ],
            score_decimals: 1,
            rate_decimals: 1,
            over_completion: "130%".into(),
            score_rounding: Rounding::Truncate,
            rate_rounding: Rounding::Up,
            qualitative_bands: vec!["80%".into(), "50%".into()],
            budget_uncapped: true,
            actual_as_coefficient: true,
            hints_off: vec!["no_satisfaction".into(), "unmeasurable_target".into()],
        };
        let line = settings_line(&settings).unwrap();
        assert_eq!(
            line,
            "计分设置：总分值49.13；等级优≥85、合格≥0；得分保留1位小数；完成率保留1位小数；超额完成提示线130%；\
             得分截位；完成率进位；定性分档80%、50%；预算执行率得分不设上限；百分比实际完成值作得分系数；\
             不显示提示no_satisfaction、unmeasurable_target"
        );
        assert_eq!(
            read_settings_line(line.strip_prefix(SETTINGS_LABEL).unwrap()),
            settings
        );
        assert_eq!(settings_line(&Settings::default()), None);
    }
}
