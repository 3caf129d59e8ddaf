//! A review workbook back from the reviewer's colleagues: the 审核意见 and the unit's figures
//! typed into its 审核表 worksheet are taken into the sheet, each listed; our own figures and
//! verdicts there are results and are drawn afresh.

use super::{table_named, CellChange, Changes};
use crate::model::{IndicatorRows, Sheet, Text};
use crate::review::{self, RowPlace};
use crate::xlsx::read::Spreadsheet;
use crate::xlsx::write::{REVIEW_HEADERS, REVIEW_WORKSHEET, SUMMARY_REVIEW_HEADERS};

/// The columns of the 审核表 that are typed: 自评完成率, 自评得分 (总分, 等级), 审核意见.
const RATE: usize = 2;
const SCORE: usize = 4;
const OPINION: usize = 8;

/// Takes what was typed into the 审核表 of `returned` into `sheet`, the sheet the workbook was
/// written from. Its rows are the review's rows in order; a row whose name no longer matches
/// (rows inserted or sorted in Excel) is left as it was, and said.
pub(super) fn take_review(returned: &Spreadsheet, sheet: &mut Sheet, changes: &mut Changes) {
    let Some(found) = table_named(returned, REVIEW_WORKSHEET) else {
        return;
    };
    let table = &returned.tables[found];
    let Some(header) = table.rows.iter().position(|r| {
        [REVIEW_HEADERS, SUMMARY_REVIEW_HEADERS]
            .iter()
            .any(|headers| r.len() >= headers.len() && r.iter().zip(headers).all(|(c, h)| c == h))
    }) else {
        changes.unreadable.push(REVIEW_WORKSHEET.to_string());
        return;
    };
    let expected = review::table(sheet).rows;
    let mut rows = IndicatorRows::from_tree(std::mem::take(&mut sheet.indicators));
    let cell = |r: &Vec<String>, c: usize| r.get(c).map_or("", |t| t.trim()).to_string();
    let mut moved = false;
    for (row, now) in expected.iter().zip(&table.rows[header + 1..]) {
        if cell(now, 0) != row.name.trim() {
            moved = true;
            continue;
        }
        let mut take = |field: &'static str, own: &mut Text, typed: String| {
            if own.trim() != typed {
                let change = CellChange::new(REVIEW_WORKSHEET, &row.name, field, own, &typed);
                changes.adopted.push(change);
                *own = typed.into();
            }
        };
        // The same for the plain text fields of the rows outside the tree.
        let mut take_text = |field: &'static str, own: &mut String, typed: String| {
            let mut text: Text = own.as_str().into();
            take(field, &mut text, typed);
            *own = text.to_string();
        };
        let opinion = cell(now, OPINION);
        if !row.takes_opinion && !opinion.is_empty() {
            // A row that keeps no opinion (a 资金 row, the 等级 under the 总分): one written
            // there is said, not lost without a word.
            let change = CellChange::new(REVIEW_WORKSHEET, &row.name, "审核意见", "", &opinion);
            changes.opinions_elsewhere.push(change);
        }
        match row.place {
            RowPlace::Node { node } => {
                let Some(n) = rows.nodes.get_mut(node) else {
                    continue;
                };
                if row.leaf {
                    take("自评完成率", &mut n.declared.rate, cell(now, RATE));
                }
                if !row.entered {
                    take("自评得分", &mut n.declared.score, cell(now, SCORE));
                }
                take("审核意见", &mut n.opinion, cell(now, OPINION));
            }
            RowPlace::Funds { row: k } => {
                if let Some(f) = sheet.funds.get_mut(k) {
                    take("自评执行率", &mut f.declared.rate, cell(now, RATE));
                    if k == 0 {
                        take("自评得分", &mut f.declared.score, cell(now, SCORE));
                    }
                }
            }
            RowPlace::Total | RowPlace::Grade | RowPlace::Summary => {
                let declared = &mut sheet.declared;
                let (field, own, column) = match row.place {
                    RowPlace::Total => ("自评总分", &mut declared.total, SCORE),
                    RowPlace::Grade => ("自评等级", &mut declared.grade, SCORE),
                    _ => ("自评完成率", &mut declared.rate, RATE),
                };
                take_text(field, own, cell(now, column));
                // The bottom line's opinion, on its first row.
                if row.takes_opinion {
                    take_text("审核意见", &mut declared.opinion, opinion.clone());
                }
            }
            RowPlace::Project { row: k } => {
                if let Some(p) = sheet.projects.get_mut(k) {
                    take_text("自评完成率", &mut p.declared.rate, cell(now, RATE));
                    take_text("自评等级", &mut p.grade, cell(now, SCORE));
                }
            }
        }
    }
    sheet.indicators = rows.into_tree();
    if moved {
        changes.unreadable.push(REVIEW_WORKSHEET.to_string());
    }
}
