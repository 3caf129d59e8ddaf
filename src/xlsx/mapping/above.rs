//! What a table says above its header row: the lines naming its unit, project and year
//! (`实施单位：… 项目名称：…`, `年度 | 2023`), and a 资金 block (资金 / 预算数 / 执行数 / 执行率 /
//! 得分, a row per fund), as jixiao's CSV and many a unit's table write them.

use super::normalize;
use crate::model::Sheet;

/// Labels of the lines above a table that name its unit, project and year, longest first.
const META_LABELS: [&str; 9] = [
    "单位名称",
    "实施单位",
    "填报单位",
    "预算单位",
    "项目名称",
    "评价年度",
    "单位",
    "项目",
    "年度",
];

/// The `label：value` pairs of a row: several in one cell (`单位名称：石井街道    年度：2023`),
/// or a label in a cell of its own with its value in the next one.
fn labelled(row: &[String]) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    for (c, cell) in row.iter().enumerate() {
        let text = cell.trim();
        // Every label that starts a `label：` here, by where it starts.
        let mut found: Vec<(usize, &'static str, usize)> = Vec::new();
        for label in META_LABELS {
            for (at, _) in text.match_indices(label) {
                let rest = &text[at + label.len()..];
                let colon = rest.chars().next().filter(|ch| matches!(ch, '：' | ':'));
                let taken = found.iter().any(|&(a, l, _)| a <= at && at < a + l.len());
                // A label starts its words: 金额单位：万元 names no unit.
                let starts = text[..at]
                    .chars()
                    .next_back()
                    .is_none_or(|ch| ch.is_whitespace() || matches!(ch, '，' | '；' | ','));
                if let (Some(colon), false, true) = (colon, taken, starts) {
                    found.push((at, label, at + label.len() + colon.len_utf8()));
                }
            }
        }
        found.sort_unstable();
        if found.is_empty() {
            // A label alone in its cell, its value in the next one.
            let bare = text.trim_end_matches(['：', ':']);
            if let Some(label) = META_LABELS.iter().find(|l| **l == bare) {
                if let Some(value) = row[c + 1..]
                    .iter()
                    .map(|v| v.trim())
                    .find(|v| !v.is_empty())
                {
                    if !META_LABELS.contains(&value.trim_end_matches(['：', ':'])) {
                        out.push((*label, value.to_string()));
                    }
                }
            }
            continue;
        }
        for (k, &(_, label, start)) in found.iter().enumerate() {
            let end = found.get(k + 1).map_or(text.len(), |next| next.0);
            let value = text[start..end].trim();
            let value = if value.is_empty() {
                row[c + 1..]
                    .iter()
                    .map(|v| v.trim())
                    .find(|v| !v.is_empty())
                    .unwrap_or("")
            } else {
                value
            };
            if !value.is_empty() {
                out.push((label, value.to_string()));
            }
        }
    }
    out
}

/// What jixiao's CSV (and many a table) writes above its header: `单位：…`, `项目：…`, `年度：…`
/// cells, and a 资金 block (资金 / 预算数 / 执行数 / 执行率, a row per fund).
pub(super) fn read_lines_above(rows: &[Vec<String>], sheet: &mut Sheet) {
    for row in rows {
        for (label, value) in labelled(row) {
            let meta = &mut sheet.meta;
            let field = match label {
                "项目名称" | "项目" => &mut meta.project,
                "评价年度" | "年度" => &mut meta.year,
                _ => &mut meta.unit,
            };
            if field.is_empty() {
                *field = value;
            }
        }
    }
    let Some(start) = rows
        .iter()
        .position(|r| r.first().is_some_and(|c| normalize(c) == "资金"))
    else {
        return;
    };
    let header: Vec<String> = rows[start].iter().map(|c| normalize(c)).collect();
    let at = |names: &[&str]| header.iter().position(|h| names.contains(&h.as_str()));
    let (Some(budget), Some(spent)) = (
        at(&["预算数", "全年预算数", "预算"]),
        at(&["执行数", "全年执行数", "完成数"]),
    ) else {
        return;
    };
    let rate = at(&["执行率", "预算执行率", "完成率"]);
    let score = at(&["得分", "评分"]);
    let cell = |r: &Vec<String>, c: usize| r.get(c).map_or("", |s| s.trim()).to_string();
    for row in &rows[start + 1..] {
        let name = cell(row, 0);
        if name.is_empty() {
            break;
        }
        sheet.funds.push(crate::model::FundsRow {
            name,
            budget: cell(row, budget),
            spent: cell(row, spent),
            declared: crate::model::Declared {
                rate: rate.map(|c| cell(row, c)).unwrap_or_default().into(),
                score: score.map(|c| cell(row, c)).unwrap_or_default().into(),
            },
            ..Default::default()
        });
    }
}
