//! A form jixiao wrote, back from Excel: the visible cells are the document. A colleague who
//! fills in the returned form changes the cells they see; the hidden copy of the sheet that
//! travels in the file supplies only what the form does not show (ids, 备注, rule parameters
//! that do not read back, and the 汇总表's link to its sheets).
//!
//! Edits are found by writing the hidden copy's form again and reading both the same way: a
//! cell whose reading differs from the untouched form's was edited, whatever format Excel gave
//! it. Each edit of an input cell is taken into the document and listed; an edit of a result
//! (a computed 得分, 完成率, a subtotal, the 总分) cannot be taken and is listed as such.

mod columns;
mod fields;
mod matching;
mod review_sheet;

use fields::{table_named, TextField, FUNDS_FIELDS, META_FIELDS, NODE_FIELDS, PROJECT_FIELDS};
use matching::{match_keys, match_rows};

use super::form::{self, read_form};
use super::mapping::{fund_name, is_project_row, roles_for, unread_rule, ImportKind};
use super::read::{Spreadsheet, Table};
use super::write::{form_as_read, written_beside_forms};
use super::SpreadsheetError;
use crate::comparison::Comparison;
use crate::load::Document;
use crate::model::{Declared, DeclaredTotal, IndicatorRows, Node, ProjectRow, Sheet, Text};

/// The rules a 计分方法 cell may be written as, offered where one could not be read: each is
/// read back as written (a test holds them to `rule_text::parse`), so that a user following
/// the hint is not refused again.
const RULES_IN_WORDS: [&str; 8] = [
    "比率法",
    "阶梯扣分（每5%扣0.5分）",
    "区间计分（按完成率：90%≤x得5分；80%≤x<90%得4分）",
    "按次扣分（每次扣1分）",
    "定性评价",
    "是否判断",
    "手动评分",
    "加减分",
];

/// A file read, and what reading it took from the visible cells.
#[derive(Clone, Debug, PartialEq)]
pub struct Imported {
    pub document: Document,
    pub changes: Changes,
}

/// What differs between a returned form's cells and its hidden copy.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Changes {
    /// Input cells edited in the worksheet, taken into the document.
    pub adopted: Vec<CellChange>,
    /// Printed figures edited in the worksheet (a worked-out 得分, 完成率, a subtotal, the 总分,
    /// 等级, 执行率): kept as the unit's declared figures, compared with ours, never scored.
    pub declared: Vec<CellChange>,
    /// Other result cells edited in the worksheet (计分说明, a 合计's sums): not taken.
    pub ignored: Vec<CellChange>,
    /// Cells of a 汇总表 row that one of the workbook's sheets gives, edited in the 汇总表
    /// worksheet (its 完成数, 问题, 建议): not taken; the sheet is corrected in its own.
    pub from_sheets: Vec<CellChange>,
    /// 计分方法 cells whose words name no rule this reads (`区间法`): the rule kept.
    pub unread_rules: Vec<CellChange>,
    /// 审核意见 written in a review's row that keeps none (等级 under the 总分, a 资金 or 汇总表
    /// project row).
    pub opinions_elsewhere: Vec<CellChange>,
    /// Rows added to and removed from the worksheets' tables.
    pub rows_added: usize,
    pub rows_removed: usize,
    /// Worksheets of the hidden copy that the file no longer has: kept from the copy.
    pub missing: Vec<String>,
    /// A worksheet renamed in Excel (`自评表` → `Sheet1`), the one left and the one new: read
    /// under its new name.
    pub renamed: Vec<(String, String)>,
    /// Worksheets the file has besides the form's (a copied tab, `自评表 (2)`): not read.
    pub other_worksheets: Vec<String>,
    /// Columns the form does not have, with anything written in them (by worksheet, their
    /// heading or letter): not read; the form's own columns are found by their headings
    /// wherever they were moved.
    pub columns_left: Vec<(String, String)>,
    /// The headings of a table's columns read with no one to confirm them, with something
    /// written in them, that name nothing read (or what an earlier column names): not read.
    pub columns_unread: Vec<String>,
    /// Worksheets whose layout changed too much to be read cell by cell: kept from the copy.
    pub unreadable: Vec<String>,
    /// Worksheets of sheets deeper than the form's three name columns, edited: kept from the
    /// copy (their rows cannot be matched cell by cell).
    pub too_deep: Vec<String>,
    /// 汇总表 rows computed from the workbook's sheets, deleted in the worksheet: kept (a
    /// sheet is deleted in the calculator).
    pub kept: Vec<String>,
    /// The file was written by a jixiao of an older format, whose form was laid out otherwise:
    /// its cells cannot be compared with the form this one writes, so the hidden copy is taken
    /// as it is and the user is told to check what was changed in Excel.
    pub older_form: bool,
    /// A form this calculator wrote, without the hidden copy (its cells copied into another
    /// workbook, or saved by a program that drops hidden worksheets): read from its cells,
    /// without what they do not show, named here where they are an indicator table's.
    pub cells_alone: Option<&'static str>,
    /// The file is a CSV, which holds cells alone (no hidden copy to have lost): a form read
    /// from its cells is said as what a CSV is, with what it does not hold (`cells_alone`).
    pub csv: bool,
    /// 填报单位（盖章） edited in a signature line to other than the head's unit: not taken, the
    /// sheet keeping one unit, the head's (单位名称, a project's 实施单位).
    pub signature_units: Vec<CellChange>,
    /// What a foreign table's signature lines say that the sheet keeps no field for, as
    /// written (`单位负责人：李四`, a second 填报人): not read, said.
    pub signature_untaken: Vec<String>,
    /// A foreign table's rows read otherwise than it shows them, in words (`Reading::said`):
    /// a blank name taken from the row above, a row with figures kept unnamed.
    pub rows_said: Vec<String>,
    /// Rows of a foreign table that repeat its header (a table split over pages): not read.
    pub headers_repeated: usize,
    /// Rows of a foreign table left out as total rows (合计, 小计, 总分, a group's subtotal):
    /// counted as a paste counts them, so that no row looks lost.
    pub totals_skipped: usize,
    /// For a 汇总表, whose skipped 合计 keeps only its 完成率 as declared (`build_projects`), where
    /// an indicator table's keeps its 得分: whether one was kept (none when no 完成率 column, or
    /// only 小计 rows, each a unit's).
    pub summary_totals: Option<bool>,
    /// Why the hidden copy a form carries could not be read (another program re-saved it
    /// wrongly): the file was read from its cells alone, every edit in them taken.
    pub unreadable_copy: Option<String>,
}

/// One edited cell.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CellChange {
    pub worksheet: String,
    /// The row's indicator or project name.
    pub row: String,
    /// The column, as its header names it.
    pub field: &'static str,
    pub before: String,
    pub after: String,
}

impl CellChange {
    pub(super) fn new(
        worksheet: &str,
        row: &str,
        field: &'static str,
        before: &str,
        after: &str,
    ) -> CellChange {
        CellChange {
            worksheet: worksheet.to_string(),
            row: row.to_string(),
            field,
            before: before.to_string(),
            after: after.to_string(),
        }
    }

    fn describe(&self) -> String {
        let row = if self.row.is_empty() {
            String::new()
        } else {
            format!("（{}）", self.row)
        };
        let blank = |s: &str| if s.is_empty() { "空" } else { s }.to_string();
        format!(
            "{}{row} {} → {}",
            self.field,
            blank(&self.before),
            blank(&self.after)
        )
    }
}

/// What a foreign table's signature lines (and lines above its header, and 主要问题 or a date
/// under its 总分) say that the sheet keeps no field for, or one already holding another value
/// ([`Changes::signature_untaken`]), in words: for the opening's notice and a paste's. `None`
/// when there is none.
pub fn untaken_said(untaken: &[String]) -> Option<String> {
    (!untaken.is_empty()).then(|| {
        format!(
            "表格上方与签名栏中的“{}”未读入：基本信息中没有这一项，或这一项已填写了别的内容（每项只保存一处所填）；如需要请写到备注或自评报告中",
            untaken.join("”“")
        )
    })
}

/// How many changes a message lists before "等".
const LISTED: usize = 5;

fn listed(changes: &[CellChange]) -> String {
    let mut text: Vec<String> = changes
        .iter()
        .take(LISTED)
        .map(CellChange::describe)
        .collect();
    if changes.len() > LISTED {
        text.push(format!("等 {} 处", changes.len()));
    }
    text.join("；")
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        *self == Changes::default()
    }

    /// What the import says, in Chinese; `None` when the form came back as it was written.
    pub fn message(&self) -> Option<String> {
        let mut parts = Vec::new();
        if self.older_form {
            parts.push(
                "此表由旧版 jixiao 导出，表格版式已更新：已按文件中保存的原始数据打开，在 Excel 中做的修改未能逐格核对，如有修改请在此重新填写"
                    .to_string(),
            );
        }
        if let Some(why) = &self.unreadable_copy {
            let unshown = self.cells_alone.map_or(String::new(), |unshown| {
                format!("；表格中不显示的内容{unshown}未能带回，如需要请打开原文件")
            });
            parts.push(format!(
                "文件中随表保存的原始数据无法读取（{why}），已改按表格中的单元格读入，表格中的修改都已采用{unshown}"
            ));
        } else if let Some(unshown) = self.cells_alone.filter(|_| self.csv) {
            // All the CSV of a 汇总表 holds is in its cells: nothing to say.
            if !unshown.is_empty() {
                let unshown = unshown.trim_start_matches('（').trim_end_matches('）');
                parts.push(format!(
                    "CSV 文件只保存表格中的单元格，已按单元格读入，计分不受影响；{unshown}不在 CSV 中，如需要请打开本计算器保存的 .json 或 .xlsx 文件"
                ));
            }
        } else if let Some(unshown) = self.cells_alone {
            parts.push(format!(
                "此表由本计算器导出，但文件中已没有随表保存的原始数据（如只复制了单元格，或另存时丢失）：已按表格中的单元格读入，计分不受影响；表格中不显示的内容{unshown}未能带回，如需要请打开原文件"
            ));
        }
        if !self.adopted.is_empty() {
            parts.push(format!(
                "已采用表格中修改过的 {} 个单元格：{}",
                self.adopted.len(),
                listed(&self.adopted)
            ));
        }
        if self.rows_added + self.rows_removed > 0 {
            parts.push(format!(
                "表格中新增 {} 行、删除 {} 行，已按表格导入",
                self.rows_added, self.rows_removed
            ));
        }
        if !self.declared.is_empty() {
            parts.push(format!(
                "{} 个计算结果单元格被改动，已作为申报数保留（不参与计分，审核时与计算结果逐项对照；要改变得分，请改动填写的数值）：{}",
                self.declared.len(),
                listed(&self.declared)
            ));
        }
        if !self.unread_rules.is_empty() {
            parts.push(format!(
                "{} 个计分方法无法识别，未采用，计分方法不变（可写：{}；或在计算器中选择）：{}",
                self.unread_rules.len(),
                RULES_IN_WORDS.join("、"),
                listed(&self.unread_rules)
            ));
        }
        if !self.opinions_elsewhere.is_empty() {
            parts.push(format!(
                "{} 条审核意见写在等级、资金或汇总表项目的行，未采用（审核意见保存在各指标行和总分行（汇总表为合计行），请写到有关的行）：{}",
                self.opinions_elsewhere.len(),
                listed(&self.opinions_elsewhere)
            ));
        }
        if !self.signature_units.is_empty() {
            parts.push(format!(
                "签名栏的填报单位（盖章）被改动，未采用：计算器只保存一个单位名称，以表头的单位名称为准；如单位名称有误，请改表头的单位名称：{}",
                listed(&self.signature_units)
            ));
        }
        // The count first: a row said of after it (an unlabelled subtotal whose 得分 is not its
        // rows') reads as one of those counted.
        if self.totals_skipped > 0 {
            let kept = match self.summary_totals {
                Some(true) => {
                    "合计由计算器按各项目算出；表中的合计完成率作为申报数保留，供审核核对"
                }
                Some(false) => "合计由计算器按各项目算出",
                None => "合计、小计由计算器按各行算出；表中填写的得分作为申报数保留，供审核核对",
            };
            parts.push(format!(
                "跳过合计 / 小计 {} 行（{kept}）",
                self.totals_skipped
            ));
        }
        parts.extend(self.rows_said.iter().cloned());
        if self.headers_repeated > 0 {
            parts.push(format!(
                "表格中间重复的表头 {} 行已跳过（表格分页时重复的表头，不是指标）",
                self.headers_repeated
            ));
        }
        parts.extend(untaken_said(&self.signature_untaken));
        if !self.ignored.is_empty() {
            parts.push(format!(
                "{} 个计算结果单元格被改动，未采用（计分说明、合计由计分规则算出，请改动填写的数值）：{}",
                self.ignored.len(),
                listed(&self.ignored)
            ));
        }
        if !self.from_sheets.is_empty() {
            parts.push(format!(
                "汇总表中来自本工作簿表格的行有 {} 个单元格被改动，未采用（这些行由各项目的表格得出，请在该项目自己的工作表中修改）：{}",
                self.from_sheets.len(),
                listed(&self.from_sheets)
            ));
        }
        for name in &self.missing {
            parts.push(format!(
                "文件中没有工作表“{name}”，已按文件中保存的副本保留"
            ));
        }
        for (was, now) in &self.renamed {
            parts.push(format!(
                "工作表“{was}”已改名为“{now}”，已按改名后的工作表读取"
            ));
        }
        if !self.columns_left.is_empty() {
            let columns: Vec<String> = self
                .columns_left
                .iter()
                .map(|(sheet, heading)| format!("“{sheet}”的“{heading}”"))
                .collect();
            parts.push(format!(
                "表格中新增的列未读取：{}（计算器只读取它写出的各列，列的位置移动不影响读取）",
                columns.join("、")
            ));
        }
        if !self.columns_unread.is_empty() {
            parts.push(format!(
                "表格中有列未读取：“{}”（列名未能识别，或与前面一列对应同一内容；如要读取，请把列名改为计算器认识的名称，或在网页中导入并选择各列对应的内容）",
                self.columns_unread.join("”“")
            ));
        }
        if !self.other_worksheets.is_empty() {
            parts.push(format!(
                "文件中另有工作表“{}”，未读取：计算器只读取它导出的工作表；如要采用其中的内容，请把改动填回原工作表",
                self.other_worksheets.join("”“")
            ));
        }
        for name in &self.too_deep {
            parts.push(format!(
                "工作表“{name}”的指标超过三级，表格只能显示三级，其中的改动无法逐格对应，已按文件中保存的副本打开：请在计算器中修改"
            ));
        }
        if !self.kept.is_empty() {
            parts.push(format!(
                "汇总表中由工作簿的表格计算的 {} 行被删除，未采用：{}（如要删除，请在计算器中删除对应的表格）",
                self.kept.len(),
                self.kept.join("、")
            ));
        }
        for name in &self.unreadable {
            parts.push(format!(
                "工作表“{name}”的版式改动较大，无法逐格对应，已按文件中保存的副本打开"
            ));
        }
        (!parts.is_empty()).then(|| format!("{}。", parts.join("。")))
    }
}

/// The document of a form that carries its hidden copy, with the visible edits taken in.
pub fn merge(spreadsheet: &Spreadsheet, hidden: Document) -> Result<Imported, SpreadsheetError> {
    let untouched = form_as_read(&hidden)?;
    let named = |sheet: &Spreadsheet, name: &str| sheet.tables.iter().any(|t| t.name == name);
    let gone: Vec<usize> = (0..untouched.tables.len())
        .filter(|&i| !named(spreadsheet, &untouched.tables[i].name))
        .collect();
    let blank = |t: &Table| t.rows.iter().flatten().all(|c| c.trim().is_empty());
    let new: Vec<usize> = (0..spreadsheet.tables.len())
        .filter(|&i| {
            let table = &spreadsheet.tables[i];
            !named(&untouched, &table.name) && !written_beside_forms(&table.name) && !blank(table)
        })
        .collect();
    // One worksheet gone and one new that is its form (its 项目 / 单位 / 年度 line, the second,
    // as written; the title is the kind's, alike for every project): renamed in Excel. Another
    // sheet's copy is not.
    let line = |t: &Table| t.rows.get(1).and_then(|row| row.first()).cloned();
    let renamed = match (&gone[..], &new[..]) {
        (&[was], &[now]) if line(&untouched.tables[was]) == line(&spreadsheet.tables[now]) => {
            Some((was, now))
        }
        _ => None,
    };
    let mut changes = Changes::default();
    if renamed.is_none() {
        changes.other_worksheets = new
            .iter()
            .map(|&i| spreadsheet.tables[i].name.clone())
            .collect();
    }
    let mut merger = Merger {
        returned: spreadsheet,
        untouched: &untouched,
        changes,
        declaring: false,
        renamed,
    };
    let document = match hidden {
        Document::Sheet(mut sheet) => {
            // A review workbook: what was typed in its 审核表 first, on the sheet as written.
            review_sheet::take_review(spreadsheet, &mut sheet, &mut merger.changes);
            merger.sheet(0, &mut sheet, None);
            Document::Sheet(sheet)
        }
        Document::Workbook(mut workbook) => {
            // The rows of the sheets the 汇总表 counts (not a project's other years).
            let counted = workbook.counted_sheets();
            let derived: Vec<&Sheet> = counted.iter().map(|&i| &workbook.sheets[i]).collect();
            merger.sheet(0, &mut workbook.summary, Some(&derived));
            for (i, sheet) in workbook.sheets.iter_mut().enumerate() {
                merger.sheet(i + 1, sheet, None);
            }
            Document::Workbook(workbook)
        }
    };
    Ok(Imported {
        document,
        changes: merger.changes,
    })
}

/// Lists `change` unless it already is: a merged cell (a group's 得分 over its rows) is read
/// into every row it spans, one edit said once.
fn once(list: &mut Vec<CellChange>, change: CellChange) {
    if !list.contains(&change) {
        list.push(change);
    }
}

/// Whether an amount read as `now` is the one read as `was` as a form written before amounts
/// were written unrounded shows it: that writer put a 资金 or 汇总表 amount typed in 元
/// (`12,345,678.90元`, 1234.56789 万元) in its cell at the report's two places (`1,234.57`,
/// formatted `#,##0.00`), and today's writes it whole. Unedited, it is no edit; a figure typed
/// over it in a form written today shows the places of its cell's format (`1,234.57000`), and
/// one edited in the older form other digits, both edits still.
fn rounded_by_an_older_form(was: &str, now: &str) -> bool {
    let plain = |text: &str| {
        amount_cell(text)
            .filter(|q| q.unit.is_empty())
            .map(|q| q.value)
    };
    match (plain(was), plain(now)) {
        (Some(was), Some(now)) => {
            was.scale() > 2 && now.scale() == 2 && crate::arith::round(was, 2) == now
        }
        _ => false,
    }
}

/// Whether an amount read as `now` is `typed` as a form written before amounts were written in
/// 万元 shows it: that writer put an amount typed with more than two places in another unit
/// (`1.2345亿`, `12,345,678.905元`) in its 万元 cell as typed, the unit dropped (1.2345).
/// Unedited, it is no edit, not an amount 10⁴ times off; no one types the bare figure of
/// another unit over it in a form that shows it already.
fn unit_dropped_by_an_older_form(typed: &str, now: &str) -> bool {
    match (amount_cell(typed), amount_cell(now)) {
        (Some(typed), Some(now)) => {
            !typed.unit.is_empty()
                && now.unit.is_empty()
                && typed.value.normalize().scale() > 2
                && typed.value == now.value
        }
        _ => false,
    }
}

/// An amount cell's figure as read, with its unit: a number with no comparison, not a
/// percentage; `None` for anything else.
fn amount_cell(text: &str) -> Option<crate::cell::Quantity> {
    match crate::cell::parse_cell(text) {
        Ok(crate::cell::Cell::Number(q)) if q.comparison.is_none() && !q.percent => Some(q),
        _ => None,
    }
}

/// Whether the 汇总表 row `now` is the one computed from `sheet` as an older writer named it
/// (`engine::older_row_name`, its title where today's names it by its 单位). Unedited, it is no
/// edit, and the row is named as today; a name typed over it is still one.
fn named_by_an_older_writer(sheet: &Sheet, now: &ProjectRow) -> bool {
    let meta = &sheet.meta;
    crate::engine::older_row_name(sheet.kind, meta).is_some_and(|n| n == now.project.trim())
        && now.unit.trim() == meta.unit.trim()
}

/// A declared figure's label, and where it is in a `T` (the bottom line, a row).
type DeclaredField<T, V> = (&'static str, fn(&mut T) -> &mut V);

/// The lines of a 汇总表 form its reader takes for projects (`is_project_row`), in order; the
/// line its rows start on (just under the header) and its 合计's.
struct ProjectLines {
    first: usize,
    read: Vec<usize>,
    total: Option<usize>,
}

impl ProjectLines {
    fn of(table: &Table) -> Option<ProjectLines> {
        let header = form::summary_header_row(table)?;
        // The form's own columns, where its reader takes them (a reworded header included).
        let column = |name: &str| form::SUMMARY_HEADERS.iter().position(|h| *h == name);
        let project = column("项目名称")?;
        let budget = column("预算数（万元）");
        let rows = table.rows.iter().enumerate().skip(header + 1);
        Some(ProjectLines {
            first: header + 1,
            read: rows
                .clone()
                .filter(|(_, r)| is_project_row(r, project, budget))
                .map(|(i, _)| i)
                .collect(),
            total: rows
                .filter(|(_, r)| r.first().is_some_and(|c| c == "合计"))
                .map(|(i, _)| i)
                .next(),
        })
    }
}

struct Merger<'a> {
    returned: &'a Spreadsheet,
    untouched: &'a Spreadsheet,
    changes: Changes,
    /// The worksheet being taken declares a figure of its own (a 得分 typed over): every
    /// figure it prints is then the unit's, edited or not ([`Merger::declare_each`]).
    declaring: bool,
    /// A worksheet of the untouched form renamed in the returned one: their indices.
    renamed: Option<(usize, usize)>,
}

impl Merger<'_> {
    /// Takes the edits of worksheet `index` of the untouched form into `sheet`. A 汇总表 of a
    /// workbook has a row first for each of the `derived` sheets, computed from it: those are
    /// results.
    fn sheet(&mut self, index: usize, sheet: &mut Sheet, derived: Option<&[&Sheet]>) {
        // Whether it declares a figure, found by taking its edits into a copy first.
        let mut probe = Merger {
            returned: self.returned,
            untouched: self.untouched,
            changes: Changes::default(),
            declaring: false,
            renamed: self.renamed,
        };
        probe.take(index, &mut sheet.clone(), derived);
        self.declaring = !probe.changes.declared.is_empty();
        self.take(index, sheet, derived);
    }

    fn take(&mut self, index: usize, sheet: &mut Sheet, derived: Option<&[&Sheet]>) {
        let (untouched, returned) = (self.untouched, self.returned);
        let Some(untouched_table) = untouched.tables.get(index) else {
            return;
        };
        let name = untouched_table.name.clone();
        let renamed = self
            .renamed
            .filter(|&(was, _)| was == index)
            .map(|(_, now)| now);
        let Some(found) = table_named(returned, &name).or(renamed) else {
            self.changes.missing.push(name);
            return;
        };
        if renamed.is_some() {
            let now = returned.tables[found].name.clone();
            self.changes.renamed.push((name.clone(), now));
        }
        // Columns moved in Excel: put back in the form's order, then read as the form.
        // A column the form does not have is named, wherever it is.
        let realigned = columns::realigned(untouched_table, &returned.tables[found]).and_then(
            |(table, left)| {
                let columns = left.into_iter().map(|heading| (name.clone(), heading));
                self.changes.columns_left.extend(columns);
                let mut copy = returned.clone();
                copy.tables[found] = table?;
                Some(copy)
            },
        );
        let returned = realigned.as_ref().unwrap_or(returned);
        let before = read_form(untouched, index);
        let after = before
            .as_ref()
            .and_then(|before| form::read_returned_form(returned, found, before));
        let (Some(before), Some(after)) = (before, after) else {
            self.changes.unreadable.push(name);
            return;
        };
        let summary = before.kind == crate::model::SheetKind::Summary;
        let reshaped = self.changes.rows_added + self.changes.rows_removed;
        self.meta(&name, sheet, &before, &after);
        let signed = (
            form::signature_unit(untouched_table),
            form::signature_unit(&returned.tables[found]),
        );
        if let (Some(was), Some(now)) = signed {
            if was != now && now != sheet.meta.unit {
                let change = CellChange::new(&name, "", "填报单位（盖章）", &was, &now);
                self.changes.signature_units.push(change);
            }
        }
        self.bottom_line(&name, sheet, &before, &after);
        if before.settings != after.settings {
            let (was, now) = form::settings_change(&before.settings, &after.settings);
            self.adopt(&name, "", "计分设置", &was, &now);
            sheet.settings = after.settings.clone();
        }
        self.funds(&name, sheet, &before, &after);
        if summary {
            let lines = (
                ProjectLines::of(untouched_table),
                ProjectLines::of(&returned.tables[found]),
            );
            let forms = (&before, &after);
            match lines {
                (Some(was), Some(now))
                    if was.read.len() == before.projects.len()
                        && now.read.len() == after.projects.len() =>
                {
                    self.projects(&name, sheet, forms, (&was, &now), derived.unwrap_or(&[]));
                }
                // Not the rows the form's reader gave: the hidden copy's rows stand.
                _ => self.changes.unreadable.push(name.clone()),
            }
        } else {
            self.indicators(&name, sheet, before, after);
        }
        // Cell by cell only where the rows are the form's own.
        if self.changes.rows_added + self.changes.rows_removed == reshaped {
            self.results(&name, untouched_table, &returned.tables[found], summary);
        }
    }

    fn adopt(&mut self, worksheet: &str, row: &str, field: &'static str, from: &str, to: &str) {
        let change = CellChange::new(worksheet, row, field, from, to);
        self.changes.adopted.push(change);
    }

    /// A printed figure edited: kept as declared.
    fn declare(&mut self, worksheet: &str, row: &str, field: &'static str, from: &str, to: &str) {
        let change = CellChange::new(worksheet, row, field, from, to);
        once(&mut self.changes.declared, change);
    }

    /// The 总分, 等级 and a 汇总表's 合计 rate, edited.
    fn bottom_line(&mut self, worksheet: &str, sheet: &mut Sheet, before: &Sheet, after: &Sheet) {
        let fields: [DeclaredField<DeclaredTotal, String>; 3] = [
            ("总分", |d| &mut d.total),
            ("等级", |d| &mut d.grade),
            ("合计预算完成率", |d| &mut d.rate),
        ];
        let (was, now) = (&before.declared, &after.declared);
        self.declare_each(worksheet, "", &fields, &mut sheet.declared, was, now);
    }

    /// A row's printed figures (完成率, 得分), edited: kept as declared.
    fn declared(
        &mut self,
        worksheet: &str,
        row: &str,
        node: &mut Declared,
        was: &Declared,
        now: &Declared,
    ) {
        let fields: [DeclaredField<Declared, Text>; 2] =
            [("完成率", |d| &mut d.rate), ("得分", |d| &mut d.score)];
        self.declare_each(worksheet, row, &fields, node, was, now);
    }

    /// The `fields` of printed figures that differ between `was` and `now`: taken into `own`,
    /// each listed as declared. On a form that declares a figure of its own, the others too
    /// where `own` declares none, unsaid: a unit that typed its 得分 over ours prints the ones
    /// it left as its own as well, and a review compares them all, as it does reading the
    /// form's cells alone (a convention found must not contradict them). A figure the copy
    /// already declares (a unit's, kept by a reviewer who saved the sheet) stays; a form
    /// opened again with only its inputs edited declares nothing.
    fn declare_each<T: Clone, V: Clone + PartialEq + std::ops::Deref<Target = str>>(
        &mut self,
        worksheet: &str,
        row: &str,
        fields: &[DeclaredField<T, V>],
        own: &mut T,
        was: &T,
        now: &T,
    ) {
        let (mut was, mut now) = (was.clone(), now.clone());
        for &(label, field) in fields {
            let (a, b) = (field(&mut was).clone(), field(&mut now).clone());
            if a != b {
                self.declare(worksheet, row, label, &a, &b);
                *field(own) = b;
            } else if self.declaring && field(own).is_empty() {
                *field(own) = b;
            }
        }
    }

    fn ignore(&mut self, worksheet: &str, row: &str, field: &'static str, from: &str, to: &str) {
        let change = CellChange::new(worksheet, row, field, from, to);
        once(&mut self.changes.ignored, change);
    }

    /// Takes the text fields edited between `was` and `now` into `row`; with no `row` (a row
    /// computed from elsewhere) they are listed as results, not taken.
    fn texts<T>(
        &mut self,
        worksheet: &str,
        name: &str,
        fields: &[TextField<T>],
        was: &T,
        now: &T,
        mut row: Option<&mut T>,
    ) {
        for field in fields {
            let (a, b) = ((field.get)(was), (field.get)(now));
            if a == b {
                continue;
            }
            match row.as_deref_mut() {
                Some(row) => {
                    self.adopt(worksheet, name, field.label, a, b);
                    *(field.set)(row) = b.clone();
                }
                None => self.ignore(worksheet, name, field.label, a, b),
            }
        }
    }

    fn meta(&mut self, worksheet: &str, sheet: &mut Sheet, before: &Sheet, after: &Sheet) {
        let meta = Some(&mut sheet.meta);
        self.texts(worksheet, "", &META_FIELDS, &before.meta, &after.meta, meta);
    }

    fn funds(&mut self, worksheet: &str, sheet: &mut Sheet, before: &Sheet, after: &Sheet) {
        if before.funds.len() != after.funds.len() || sheet.funds.len() != before.funds.len() {
            if before.funds != after.funds {
                self.changes.rows_added += after.funds.len().saturating_sub(before.funds.len());
                self.changes.rows_removed += before.funds.len().saturating_sub(after.funds.len());
                sheet.funds = after.funds.clone();
            }
            return;
        }
        for ((row, was), now) in sheet.funds.iter_mut().zip(&before.funds).zip(&after.funds) {
            let name = row.name.clone();
            let mut now = now.clone();
            for (typed, was, now) in [
                (&row.initial, &was.initial, &mut now.initial),
                (&row.budget, &was.budget, &mut now.budget),
                (&row.spent, &was.spent, &mut now.spent),
            ] {
                if rounded_by_an_older_form(was, now) || unit_dropped_by_an_older_form(typed, now) {
                    now.clone_from(was);
                }
            }
            let now = &now;
            self.texts(worksheet, &name, &FUNDS_FIELDS, was, now, Some(row));
            // `其中：` typed or deleted before a name makes the row a part of the one above it,
            // or a row of its own: the form's cells alone read it so, and so is it taken.
            if was.part != now.part {
                let (a, b) = (
                    fund_name(&was.name, was.part),
                    fund_name(&now.name, now.part),
                );
                self.adopt(worksheet, &name, "资金", &a, &b);
                row.part = now.part;
            }
            self.declared(
                worksheet,
                &name,
                &mut row.declared,
                &was.declared,
                &now.declared,
            );
        }
    }

    /// The 汇总表's rows, matched by 单位 and 项目 (sorting or inserting rows in Excel moves
    /// them): typed rows take their edits, in the worksheet's order; the rows computed from
    /// the workbook's sheets (the first drawn, one for each of `sheets`) are results, and one
    /// deleted in Excel is kept. A typed row the form's reader passes over (blank, or without a
    /// 项目 and a 预算数: `lines`, where each row read was drawn) is in the hidden copy only:
    /// filled in on its line in Excel, it takes what was typed there; else it stays, after the
    /// row it followed.
    fn projects(
        &mut self,
        worksheet: &str,
        sheet: &mut Sheet,
        (before, after): (&Sheet, &Sheet),
        (was, now): (&ProjectLines, &ProjectLines),
        sheets: &[&Sheet],
    ) {
        let derived = sheets.len();
        // The place among the rows drawn of each row the untouched form was read with.
        let drawn = |b: usize| was.read[b] - was.first;
        // (Both in order: a 汇总表 may have thousands of rows.)
        let shown: Vec<usize> = (0..before.projects.len()).map(drawn).collect();
        let mut passed_over: Vec<usize> = (0..sheet.projects.len())
            .filter(|t| shown.binary_search(&(derived + t)).is_err())
            .collect();
        // No row inserted or deleted in Excel: the 合计 where it was, each line where it was.
        let in_place = was.total.is_some() && was.total == now.total;
        let key = |p: &ProjectRow| (p.unit.trim().to_string(), p.project.trim().to_string());
        let before_keys: Vec<_> = before.projects.iter().map(key).collect();
        // A sheet's row as an older writer named it is the row as named today, matched as such
        // wherever it was moved, and no edit.
        let known: std::collections::HashSet<_> = before_keys.iter().collect();
        let mut after_rows = after.projects.clone();
        for row in after_rows.iter_mut().filter(|r| !known.contains(&key(r))) {
            let sheet_row = sheets
                .iter()
                .position(|s| named_by_an_older_writer(s, row))
                .and_then(|d| shown.binary_search(&d).ok());
            if let Some(b) = sheet_row {
                row.project.clone_from(&before.projects[b].project);
            }
        }
        let after_keys: Vec<_> = after_rows.iter().map(key).collect();
        let matched = match_keys(&before_keys, &after_keys, |_, _| true);
        // Each typed row as it comes out, with its place among the hidden copy's typed rows.
        let mut typed: Vec<(Option<usize>, ProjectRow)> = Vec::with_capacity(after.projects.len());
        for (k, (now_row, m)) in after_rows.iter().zip(&matched).enumerate() {
            let Some(b) = *m else {
                let filled = (now.read[k] - now.first).checked_sub(derived);
                match filled.filter(|t| in_place && passed_over.binary_search(t).is_ok()) {
                    Some(t) => {
                        passed_over.retain(|&p| p != t);
                        let hidden = sheet.projects[t].clone();
                        let mut row = hidden.clone();
                        let name = now_row.project.clone();
                        self.texts(
                            worksheet,
                            &name,
                            &PROJECT_FIELDS,
                            &hidden,
                            now_row,
                            Some(&mut row),
                        );
                        typed.push((Some(t), row));
                    }
                    None => {
                        self.changes.rows_added += 1;
                        typed.push((None, now_row.clone()));
                    }
                }
                continue;
            };
            let was_row = &before.projects[b];
            // A typed row takes its edits; a row computed from a sheet takes none, each said
            // as the sheet's to correct.
            let ignored = self.changes.ignored.len();
            let t = drawn(b).checked_sub(derived);
            let mut row = t.map(|t| sheet.projects[t].clone());
            let mut now_row = now_row.clone();
            let typed_row = row.as_ref().unwrap_or(was_row);
            for (typed, was, now) in [
                (&typed_row.budget, &was_row.budget, &mut now_row.budget),
                (&typed_row.spent, &was_row.spent, &mut now_row.spent),
            ] {
                if rounded_by_an_older_form(was, now) || unit_dropped_by_an_older_form(typed, now) {
                    now.clone_from(was);
                }
            }
            let now_row = &now_row;
            let name = &was_row.project;
            self.texts(
                worksheet,
                name,
                &PROJECT_FIELDS,
                was_row,
                now_row,
                row.as_mut(),
            );
            if was_row.declared != now_row.declared {
                let (a, b) = (&was_row.declared.rate, &now_row.declared.rate);
                match row.as_mut() {
                    Some(row) => {
                        self.declare(worksheet, name, "预算完成率", a, b);
                        row.declared = now_row.declared.clone();
                    }
                    None => self.ignore(worksheet, name, "预算完成率", a, b),
                }
            }
            match row {
                Some(row) => typed.push((t, row)),
                None => {
                    let edited = self.changes.ignored.drain(ignored..);
                    self.changes.from_sheets.extend(edited);
                }
            }
        }
        let mut found = vec![false; before.projects.len()];
        for b in matched.iter().flatten() {
            found[*b] = true;
        }
        for (b, was_row) in before
            .projects
            .iter()
            .enumerate()
            .filter(|(b, _)| !found[*b])
        {
            if drawn(b) < derived {
                self.changes.kept.push(was_row.project.clone());
            } else {
                self.changes.rows_removed += 1;
            }
        }
        // The typed rows the form does not show, each after the row it followed.
        for t in passed_over {
            let after_row = typed
                .iter()
                .enumerate()
                .filter_map(|(at, (h, _))| h.filter(|&h| h < t).map(|h| (h, at)))
                .max()
                .map_or(0, |(_, at)| at + 1);
            typed.insert(after_row, (Some(t), sheet.projects[t].clone()));
        }
        sheet.projects = typed.into_iter().map(|(_, row)| row).collect();
    }

    /// The indicator rows: matched to the untouched form's by position when no row was added
    /// or removed, else by their names and their groups' names.
    fn indicators(&mut self, worksheet: &str, sheet: &mut Sheet, before: Sheet, after: Sheet) {
        let hidden = IndicatorRows::from_tree(std::mem::take(&mut sheet.indicators));
        let before = IndicatorRows::from_tree(before.indicators);
        let after = IndicatorRows::from_tree(after.indicators);
        if hidden.depths != before.depths {
            // Deeper than the form's three name columns: rows cannot be matched cell by cell.
            if before.nodes != after.nodes {
                self.changes.too_deep.push(worksheet.to_string());
            }
            sheet.indicators = hidden.into_tree();
            return;
        }
        let matched = match_rows(&before, &after);
        let mut rows = IndicatorRows::default();
        let mut last_at_depth: Vec<u32> = Vec::new();
        for (a, now) in after.nodes.iter().enumerate() {
            let depth = after.depths[a];
            let node = match matched[a] {
                Some(b) => {
                    let mut node = hidden.nodes[b].clone();
                    let was = &before.nodes[b];
                    self.fields(worksheet, &mut node, was, now);
                    node
                }
                None => {
                    self.changes.rows_added += 1;
                    now.clone()
                }
            };
            last_at_depth.truncate(depth as usize);
            let parent = last_at_depth.last().copied().unwrap_or(IndicatorRows::TOP);
            last_at_depth.push(rows.nodes.len() as u32);
            rows.push(node, parent, depth);
        }
        self.changes.rows_removed += before.nodes.len() - matched.iter().flatten().count();
        sheet.indicators = rows.into_tree();
    }

    /// Takes the edited fields of one row.
    fn fields(&mut self, worksheet: &str, node: &mut Node, was: &Node, now: &Node) {
        let row = if was.name.is_empty() {
            now.name.to_string()
        } else {
            was.name.to_string()
        };
        let describe = |n: &Node| {
            crate::rule_text::describe(
                n.rule.as_ref(),
                n.comparison == Some(Comparison::Qualitative),
            )
        };
        // 计分方法 typed in words that name no rule: said, and the rule kept, not guessed.
        let unread = unread_rule(now).filter(|w| unread_rule(was) != Some(*w));
        if let Some(words) = unread {
            let change = CellChange::new(worksheet, &row, "计分方法", &describe(was), words);
            once(&mut self.changes.unread_rules, change);
        }
        for field in &NODE_FIELDS {
            if field.label == "计分方法" && unread.is_some() {
                continue;
            }
            let (a, b) = ((field.get)(was), (field.get)(now));
            if a == b {
                continue;
            }
            let (a, b) = if field.label == "计分方法" {
                (describe(was), describe(now))
            } else {
                (a, b)
            };
            // 比率法 typed on a row its 比较方式 makes 定性: the rule it is scored by is the same.
            if a == b {
                continue;
            }
            // A computed score is a result; 不适用 is input either way.
            let result = field.label == "得分"
                && was.not_applicable == now.not_applicable
                && !crate::rules::score_is_entered(node);
            if result {
                self.ignore(worksheet, &row, field.label, &a, &b);
            } else {
                self.adopt(worksheet, &row, field.label, &a, &b);
                (field.set)(node, now);
            }
        }
        // 不适用 typed over the 得分 marks the row, as adopted above: its printed score was not
        // declared blank. (A score typed over 不适用 is the unit's, declared as ever.)
        let mut now_declared = now.declared.clone();
        if now.not_applicable && !was.not_applicable {
            now_declared.score = was.declared.score.clone();
        }
        self.declared(
            worksheet,
            &row,
            &mut node.declared,
            &was.declared,
            &now_declared,
        );
    }

    /// Result cells (a group's 得分, 完成率, 计分说明, 总分, a 汇总表's 预算完成率) edited in
    /// the worksheet: compared cell by cell where no row was added or removed.
    fn results(&mut self, worksheet: &str, untouched: &Table, returned: &Table, summary: bool) {
        // The table ends at its 总分 (a 汇总表's 合计) row, where both must have it: what is
        // under it (the grade lines, a 汇总表's note of the sheets it leaves out, the signature)
        // is no result, and a form written with a note this one is drawn without is still
        // compared. A 合计 row a unit typed above an indicator table's 总分 is a row added.
        let last = if summary { "合计" } else { "总分" };
        let end = |t: &Table| {
            t.rows
                .iter()
                .position(|r| r.first().is_some_and(|c| c == last))
        };
        match (end(untouched), end(returned)) {
            (Some(a), Some(b)) if a == b => {}
            (None, None) if untouched.rows.len() == returned.rows.len() => {}
            _ => return,
        }
        let headers = if summary {
            &form::SUMMARY_HEADERS[..]
        } else {
            &form::INDICATOR_HEADERS[..]
        };
        let Some(header) = untouched
            .rows
            .iter()
            .position(|r| r.iter().zip(headers).all(|(c, h)| c == h) && r.len() >= headers.len())
        else {
            return;
        };
        let kind = if summary {
            ImportKind::Summary
        } else {
            ImportKind::Indicators
        };
        let roles = roles_for(&untouched.rows[header], kind);
        // The name a result cell belongs to: a group's for its 分值 and 得分 columns.
        let name_columns = |c: usize| -> &[usize] {
            match (kind, c) {
                (ImportKind::Summary, _) => &[2],
                (_, 0..=2) => &[0],
                (_, 3..=5) => &[3],
                _ => &[6, 3, 0],
            }
        };
        for r in header + 1..untouched.rows.len() {
            let (was, now) = (&untouched.rows[r], &returned.rows[r]);
            // The 总分 (or 合计) row ends the table; its figures are all results, and the 总分,
            // 等级 and 合计 rate are declared figures, compared as such.
            let ends = was.first().is_some_and(|c| c == "总分" || c == "合计");
            for c in 0..was.len().max(now.len()) {
                if ends && (if summary { c == 6 } else { c == 14 || c == 15 }) {
                    continue;
                }
                let a = was.get(c).map_or("", |s| s.as_str());
                let b = now.get(c).map_or("", |s| s.as_str());
                let role = roles.get(c).copied().flatten();
                // A leaf's name spanning the name columns is the name, compared as such.
                let spans_name = |row: &Vec<String>, text: &str| {
                    !ends && !summary && c < 6 && row.get(6).is_some_and(|n| n == text)
                };
                if a == b || (role.is_some() && !ends) || (spans_name(was, a) && spans_name(now, b))
                {
                    continue;
                }
                let Some(label) = headers.get(c).copied().filter(|_| !ends) else {
                    if ends {
                        let label = if summary { "合计" } else { "总分" };
                        self.ignore(worksheet, "", label, a, b);
                    }
                    continue;
                };
                let row = name_columns(c)
                    .iter()
                    .map(|&n| was.get(n).map_or("", |s| s.as_str()))
                    .find(|n| !n.is_empty())
                    .unwrap_or("");
                self.ignore(worksheet, row, label, a, b);
            }
            if ends {
                break;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rules the message offers are read as they are written: 区间计分（≥90%得5分，…）, as
    /// it once offered, was refused when typed.
    #[test]
    fn every_rule_offered_in_words_is_read_back() {
        for words in RULES_IN_WORDS {
            assert!(
                crate::rule_text::parse(words).is_some(),
                "{words} is offered but not read"
            );
        }
    }
    use crate::model::{Node, Sheet, SheetKind};
    use crate::xlsx::{read, sheet_to_xlsx};

    fn sheet() -> Sheet {
        let leaf = |name: &str, target: &str, actual: &str| Node {
            name: name.into(),
            weight: "10".into(),
            comparison: Some(Comparison::AtLeast),
            target: target.into(),
            actual: actual.into(),
            ..Node::default()
        };
        let mut s = Sheet::new(SheetKind::Department);
        s.settings.total_weight = "30".into();
        let mut kept = leaf("乙", "100", "90");
        kept.id = Some("b".into());
        kept.note = "备注乙".into();
        s.indicators = vec![Node::group(
            "产出",
            "30",
            vec![leaf("甲", "100", "100"), kept, leaf("丙", "100", "80")],
        )];
        s
    }

    /// The row of `table` whose 三级指标 is `name`.
    fn row_of(table: &Table, name: &str) -> usize {
        table.rows.iter().position(|r| r[6] == name).unwrap()
    }

    /// Rows inserted and deleted in Excel: the visible rows are the document; a row that is
    /// still there keeps what the hidden copy has for it.
    #[test]
    fn rows_added_and_removed_in_the_worksheet() {
        let hidden = sheet();
        let written = sheet_to_xlsx(&hidden).unwrap();
        let mut returned = read(&written, "x.xlsx").unwrap();
        let table = &mut returned.tables[0];
        let first = row_of(table, "甲");
        table.rows.remove(first);
        // Leaves directly under 一级: the name spans the 二级 and 三级 columns.
        let mut added = table.rows[row_of(table, "丙")].clone();
        added[3..=6].fill("丁".into());
        added[11] = "70".into();
        let at = row_of(table, "丙") + 1;
        table.rows.insert(at, added);
        let imported = merge(&returned, Document::Sheet(hidden)).unwrap();
        let Document::Sheet(back) = imported.document else {
            panic!("a sheet");
        };
        let names: Vec<&str> = back.indicators[0]
            .children
            .iter()
            .map(|n| n.name.as_str())
            .collect();
        assert_eq!(names, ["乙", "丙", "丁"]);
        let kept = &back.indicators[0].children[0];
        assert_eq!(
            (kept.id.as_deref(), kept.note.as_str()),
            (Some("b"), "备注乙")
        );
        assert_eq!(back.indicators[0].children[2].actual, "70");
        assert_eq!(
            (imported.changes.rows_added, imported.changes.rows_removed),
            (1, 1)
        );
        assert_eq!(
            imported.changes.message().as_deref(),
            Some("表格中新增 1 行、删除 1 行，已按表格导入。")
        );
    }

    #[test]
    fn a_worksheet_renamed_is_read_and_one_gone_or_broken_is_kept_from_the_copy() {
        let hidden = sheet();
        let written = sheet_to_xlsx(&hidden).unwrap();
        let mut renamed = read(&written, "x.xlsx").unwrap();
        renamed.tables[0].name = "我的表".into();
        let imported = merge(&renamed, Document::Sheet(hidden.clone())).unwrap();
        assert_eq!(imported.document, Document::Sheet(hidden.clone()));
        assert_eq!(
            imported.changes.message().as_deref(),
            Some("工作表“自评表”已改名为“我的表”，已按改名后的工作表读取。")
        );
        let mut gone = read(&written, "x.xlsx").unwrap();
        gone.tables.retain(|t| t.name != "自评表");
        let imported = merge(&gone, Document::Sheet(hidden.clone())).unwrap();
        assert_eq!(imported.document, Document::Sheet(hidden.clone()));
        assert_eq!(
            imported.changes.message().as_deref(),
            Some("文件中没有工作表“自评表”，已按文件中保存的副本保留。")
        );
        let mut broken = read(&written, "x.xlsx").unwrap();
        for row in &mut broken.tables[0].rows {
            row.truncate(3);
        }
        let imported = merge(&broken, Document::Sheet(hidden.clone())).unwrap();
        assert_eq!(imported.document, Document::Sheet(hidden));
        assert!(imported.changes.message().unwrap().contains("版式改动较大"));
    }
}
