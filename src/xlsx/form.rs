//! The printed forms jixiao writes (src/xlsx/write.rs), read back from their visible cells
//! alone: the title, the line of 单位名称 / 项目名称 / 年度, the 资金 block, the indicator table
//! (through the column mapping every table goes through) and the line of settings that differ
//! from the national defaults. A worksheet copied out of its workbook, without the hidden copy
//! of the sheet, still opens to the same scores.

use super::mapping::{build, roles_for, ImportKind, Mapping};
use super::read::{Spreadsheet, Table};
use crate::load::Document;
use crate::model::{Declared, FundsRow, GradeBand, Meta, Rounding, Settings, Sheet, SheetKind};
use crate::workbook::Workbook;

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

/// The header row of a form's 资金 block, and the columns its values are in.
pub(super) const FUNDS_HEADERS: [(&str, u16); 4] = [
    ("资金", 0),
    ("预算数（万元）", 3),
    ("执行数（万元）", 6),
    ("执行率", 9),
];

const META_LABELS: [&str; 3] = ["单位名称", "项目名称", "年度"];
const SETTINGS_LABEL: &str = "计分设置：";

/// The line under the title: `单位名称：…    项目名称：…    年度：…`, the filled ones.
pub(super) fn meta_line(meta: &Meta) -> String {
    let parts: Vec<String> = META_LABELS
        .iter()
        .zip([&meta.unit, &meta.project, &meta.year])
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}：{v}"))
        .collect();
    parts.join("    ")
}

/// Reads [`meta_line`] back into `meta`.
fn read_meta_line(text: &str, meta: &mut Meta) {
    let found: Vec<(usize, usize)> = META_LABELS
        .iter()
        .enumerate()
        .filter_map(|(k, label)| text.find(&format!("{label}：")).map(|at| (at, k)))
        .collect();
    for &(at, k) in &found {
        let start = at + META_LABELS[k].len() + "：".len();
        let end = found
            .iter()
            .map(|&(other, _)| other)
            .filter(|&other| other > at)
            .min()
            .unwrap_or(text.len());
        let value = text[start..end].trim().to_string();
        match k {
            0 => meta.unit = value,
            1 => meta.project = value,
            _ => meta.year = value,
        }
    }
}

/// The settings that differ from the national defaults, as one line under the total
/// (`计分设置：总分值49.13；等级 优≥85、良≥75、中≥60、差≥0`); `None` when all are the defaults.
pub(super) fn settings_line(settings: &Settings) -> Option<String> {
    let defaults = Settings::default();
    let mut parts = Vec::new();
    if settings.total_weight != defaults.total_weight {
        parts.push(format!("总分值{}", settings.total_weight));
    }
    if settings.grade_bands != defaults.grade_bands {
        let bands: Vec<String> = settings
            .grade_bands
            .iter()
            .map(|b| format!("{}≥{}", b.grade, b.min))
            .collect();
        parts.push(format!("等级{}", bands.join("、")));
    }
    if settings.score_decimals != defaults.score_decimals {
        parts.push(format!("得分保留{}位小数", settings.score_decimals));
    }
    if settings.rate_decimals != defaults.rate_decimals {
        parts.push(format!("完成率保留{}位小数", settings.rate_decimals));
    }
    if settings.over_completion != defaults.over_completion {
        parts.push(format!("超额完成提示线{}", settings.over_completion));
    }
    if settings.score_rounding != defaults.score_rounding {
        parts.push(format!("得分{}", settings.score_rounding.label()));
    }
    if settings.rate_rounding != defaults.rate_rounding {
        parts.push(format!("完成率{}", settings.rate_rounding.label()));
    }
    if settings.qualitative_bands != defaults.qualitative_bands {
        parts.push(format!("定性分档{}", settings.qualitative_bands.join("、")));
    }
    if settings.budget_uncapped {
        parts.push(BUDGET_UNCAPPED.to_string());
    }
    if settings.actual_as_coefficient {
        parts.push(ACTUAL_AS_COEFFICIENT.to_string());
    }
    (!parts.is_empty()).then(|| format!("{SETTINGS_LABEL}{}", parts.join("；")))
}

const BUDGET_UNCAPPED: &str = "预算执行率得分不设上限";
const ACTUAL_AS_COEFFICIENT: &str = "百分比实际完成值作得分系数";

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

/// Where a row starts with `headers`.
fn header_row(table: &Table, headers: &[&str]) -> Option<usize> {
    table.rows.iter().position(|row| {
        row.len() >= headers.len() && row.iter().zip(headers).all(|(cell, h)| cell == h)
    })
}

fn cell(table: &Table, row: usize, column: usize) -> &str {
    table
        .rows
        .get(row)
        .and_then(|r| r.get(column))
        .map_or("", |c| c.trim())
}

/// Reads table `index` of `spreadsheet` as one of jixiao's forms; `None` when it is not one.
pub fn read_form(spreadsheet: &Spreadsheet, index: usize) -> Option<Sheet> {
    let table = spreadsheet.tables.get(index)?;
    let mapping = |header: usize, kind: ImportKind| Mapping {
        table: index,
        header_row: header,
        kind,
        roles: roles_for(&table.rows[header], kind),
    };
    let header = header_row(table, &INDICATOR_HEADERS);
    let mut sheet = match header {
        Some(h) => build(spreadsheet, &mapping(h, ImportKind::Indicators)).ok()?,
        None => match header_row(table, &SUMMARY_HEADERS) {
            Some(h) => {
                let mut summary = build(spreadsheet, &mapping(h, ImportKind::Summary)).ok()?;
                summary.meta.title = cell(table, 0, 0).to_string();
                return Some(summary);
            }
            // A sheet of 资金 alone (seed 002's execution rates) has no indicator table.
            None => Sheet::new(SheetKind::Department),
        },
    };
    sheet.meta.title = cell(table, 0, 0).to_string();
    read_meta_line(cell(table, 1, 0), &mut sheet.meta);
    sheet.funds = read_funds(table, header.unwrap_or(table.rows.len()));
    if header.is_none() && sheet.funds.is_empty() {
        return None;
    }
    if let Some(line) = (header.unwrap_or(0)..table.rows.len())
        .map(|r| cell(table, r, 0))
        .find_map(|c| c.strip_prefix(SETTINGS_LABEL))
    {
        sheet.settings = read_settings_line(line);
    }
    sheet.kind = if sheet.meta.title == SheetKind::Department.label() {
        SheetKind::Department
    } else if sheet.meta.title == SheetKind::Project.label() || !sheet.meta.project.is_empty() {
        SheetKind::Project
    } else {
        SheetKind::Department
    };
    Some(sheet)
}

/// The document a file's visible worksheets make when they are jixiao's forms: one sheet, or a
/// workbook (its 汇总表 and then one worksheet per sheet, as `workbook_to_xlsx` writes it).
pub fn visible_document(spreadsheet: &Spreadsheet) -> Option<Document> {
    let first = read_form(spreadsheet, 0)?;
    let sheets: Vec<Sheet> = (1..spreadsheet.tables.len())
        .map_while(|i| read_form(spreadsheet, i))
        .filter(|s| s.kind != SheetKind::Summary)
        .collect();
    if first.kind != SheetKind::Summary {
        return Some(Document::Sheet(first));
    }
    if sheets.is_empty() {
        return Some(Document::Sheet(first));
    }
    // The 汇总表 has a row per sheet, computed from it, and the rows typed into it: the typed
    // ones are those no sheet gives (by 单位 and 项目, wherever a sort in Excel put them).
    let mut from_sheets: Vec<(String, String)> = sheets
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let row = crate::engine::row_from_sheet(i + 1, s);
            (row.unit, row.project)
        })
        .collect();
    let mut workbook = Workbook::new("");
    workbook.summary.meta = first.meta;
    workbook.summary.projects = first
        .projects
        .into_iter()
        .filter(|p| {
            let key = (p.unit.clone(), p.project.clone());
            match from_sheets.iter().position(|k| *k == key) {
                Some(at) => {
                    from_sheets.remove(at);
                    false
                }
                None => true,
            }
        })
        .collect();
    workbook.sheets = sheets;
    Some(Document::Workbook(workbook))
}

/// The 资金 block above the indicator table: its header, then a row per fund to a blank row.
fn read_funds(table: &Table, before: usize) -> Vec<FundsRow> {
    let is_header = |r: usize| {
        FUNDS_HEADERS
            .iter()
            .all(|&(h, c)| cell(table, r, c as usize) == h)
    };
    let Some(start) = (0..before).find(|&r| is_header(r)) else {
        return Vec::new();
    };
    (start + 1..before)
        .map_while(|r| {
            let name = cell(table, r, 0);
            (!name.is_empty()).then(|| FundsRow {
                name: name.to_string(),
                budget: cell(table, r, FUNDS_HEADERS[1].1 as usize).to_string(),
                spent: cell(table, r, FUNDS_HEADERS[2].1 as usize).to_string(),
                declared: Declared {
                    rate: cell(table, r, FUNDS_HEADERS[3].1 as usize).into(),
                    ..Declared::default()
                },
                ..FundsRow::default()
            })
        })
        .collect()
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
        read_meta_line(&meta_line(&meta), &mut back);
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
        };
        let line = settings_line(&settings).unwrap();
        assert_eq!(
            line,
            "计分设置：总分值49.13；等级优≥85、合格≥0；得分保留1位小数；完成率保留1位小数；超额完成提示线130%；\
             得分截位；完成率进位；定性分档80%、50%；预算执行率得分不设上限；百分比实际完成值作得分系数"
        );
        assert_eq!(
            read_settings_line(line.strip_prefix(SETTINGS_LABEL).unwrap()),
            settings
        );
        assert_eq!(settings_line(&Settings::default()), None);
    }
}
