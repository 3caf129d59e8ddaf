//! Building a sheet or 汇总表 rows from a table once its columns are known: the indicator
//! tree from the level columns (a name in 一级 / 二级 / 三级, values in the leaf's row) or from a
//! 层级 column, group weights, the rule each row's values call for, and the figures the table
//! prints (完成率, 得分, 小计, 总分, 等级) kept as the unit's declared figures.

use super::above::{
    bare_label, corner_money, funds_header, is_attachment, is_field_line_below, is_signature_line,
    line_texts, read_lines_above, read_signature_lines, stated_money, with_unit,
};
use super::{normalize, ColumnRole, ImportKind, Mapping, GRADE_LABELS};
use crate::comparison::Comparison;
use crate::model::{
    DeclaredRate, DeclaredTotal, Node, ProjectRow, Rule, Settings, Sheet, SheetKind, Text,
};
use crate::rules::{Manual, Qualitative, YesNo};
use crate::xlsx::{Spreadsheet, SpreadsheetError};

/// Builds a sheet from a table as mapped: an indicator tree, or a 汇总表.
pub fn build(spreadsheet: &Spreadsheet, mapping: &Mapping) -> Result<Sheet, SpreadsheetError> {
    build_reading(spreadsheet, mapping).map(|(sheet, _)| sheet)
}

/// [`build`], with how many rows under the header it left out as total rows (合计, 小计, 总分,
/// a group's subtotal by name): what a pasted block's notice counts, told by the same test in
/// the one pass.
pub fn build_counting(
    spreadsheet: &Spreadsheet,
    mapping: &Mapping,
) -> Result<(Sheet, usize), SpreadsheetError> {
    build_reading(spreadsheet, mapping).map(|(sheet, reading)| (sheet, reading.totals))
}

/// What reading a table's rows did that the sheet does not show: for the notice of a paste or
/// an opening, which say it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Reading {
    /// Rows left out as total rows (合计, 小计, 总分, a group's subtotal by name or, unlabelled,
    /// by its 分值).
    pub totals: usize,
    /// Rows left out as the table's header again (a table split over pages repeats it).
    pub headers: usize,
    /// Rows with figures and a blank name under a named row, read as that name continued
    /// (a merged name cell, blank below its first row when copied or saved as CSV): their
    /// row number in the table (from 1) and the name carried down.
    pub carried: Vec<(usize, String)>,
    /// Rows with figures and a blank name that no row above names: kept unnamed, by number.
    pub unnamed: Vec<usize>,
    /// Rows with a blank name read as a subtotal of the rows above (counted in `totals`)
    /// whose 得分 is not those rows' 得分 summed.
    pub subtotals_differing: Vec<SubtotalDiffering>,
    /// What the table's signature lines, and the lines above its header, say that the sheet
    /// keeps no field for (`单位负责人：李四`, see [`read_signature_lines`]).
    pub signature_untaken: Vec<String>,
    /// What the 资金 block above the header holds that is not read, in words (a header whose
    /// headings cannot be placed, see `read_lines_above`).
    pub funds_unread: Vec<String>,
    /// Rows under the table's 总分 row that nothing reads ([`unread_below`]): their row number
    /// in the table (from 1) and their text, briefly. An indicator typed there (`填报人 | 90`)
    /// or a note is said, never dropped unseen; a line the 基本信息 has a field for
    /// (`主要问题：…`, a date alone) is read with the signature lines, not kept here.
    pub below: Vec<(usize, String)>,
    /// A 合计 row whose 分值 is not the table's total 分值 (90 where the 10号 form scores its
    /// 预算执行率 in the 资金 block): its 分值, 得分 and the table's 分值; the sum of some rows,
    /// not the 自评总分, so not kept as declared (审核 would report a difference the unit
    /// never made).
    pub total_of_part: Option<(String, String, String)>,
    /// The label of the row that ended the table (总分 or 总计), which the notice of the rows
    /// [`below`](Self::below) it names them by.
    pub ended_by: String,
    /// Rows of a 汇总表 with a 完成数, 完成率 or 分数 but neither a 项目名称 nor a 预算数: not a
    /// project ([`is_project_row`]), by number.
    pub projects_unread: Vec<usize>,
    /// Rows whose 计分方法 names no rule this reads (`按完成比例计分`): their row number in the
    /// table (from 1) and the words, which 备注 keeps; the row is scored by what was filled in
    /// until a rule is chosen.
    pub rules_unread: Vec<(usize, String)>,
    /// Rows whose 计分方法 was read but counts the other way from the comparison the row
    /// states (`每增加5%扣0.5分` against `≥90%`): their row number in the table (from 1), the
    /// words, which 备注 keeps, and what states the comparison ([`Against`]).
    pub rules_against: Vec<(usize, String, Against)>,
}

/// Where a row states the comparison a 计分方法 counts the other way from: the field
/// (`比较方式`, `年度指标值`) and its cell as typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Against {
    pub field: &'static str,
    pub written: String,
}

impl Against {
    /// `计分方法“words”与…的比较方向相反，未采用；原文已保留在备注中`, what an opening and a
    /// paste say of such words.
    pub(in crate::xlsx) fn said(&self, words: &str) -> String {
        format!(
            "计分方法“{words}”与{}“{}”的比较方向相反，未采用；原文已保留在备注中",
            self.field, self.written
        )
    }
}

/// What a row's 计分方法 not taken was: words not read, or read counting against the row.
enum NotTaken {
    Unread(String),
    Against(String, Against),
}

impl Reading {
    /// Keeps the 计分方法 of table row `row` (from 1) that was not taken, for the notice.
    fn not_taken(&mut self, row: usize, not_taken: Option<NotTaken>) {
        match not_taken {
            Some(NotTaken::Unread(words)) => self.rules_unread.push((row, words)),
            Some(NotTaken::Against(words, against)) => {
                self.rules_against.push((row, words, against));
            }
            None => {}
        }
    }

    /// The rows read otherwise than the table shows them, in words: a name carried down, a
    /// row kept unnamed, a subtotal without a label whose 得分 is not its rows'; what the 资金
    /// block above the header leaves unread; the rows under the 总分 row read for nothing.
    pub fn said(&self) -> Vec<String> {
        let mut out = Vec::new();
        let numbers = |rows: &mut dyn Iterator<Item = usize>| {
            rows.map(|r| r.to_string()).collect::<Vec<_>>().join("、")
        };
        if !self.carried.is_empty() {
            let mut names: Vec<&str> = Vec::new();
            for (_, name) in &self.carried {
                if !names.contains(&name.as_str()) {
                    names.push(name);
                }
            }
            out.push(format!(
                "第{}行指标名称为空，已沿用上一行的名称“{}”（合并的单元格复制或另存为 CSV 后只有第一行有名称），各作为一行读入；如不是同一指标，请改名称",
                numbers(&mut self.carried.iter().map(|(r, _)| *r)),
                names.join("”“")
            ));
        }
        if !self.unnamed.is_empty() {
            out.push(format!(
                "第{}行有数值但指标名称为空，上面没有可沿用的名称：已作为未命名的指标读入，请填写指标名称",
                numbers(&mut self.unnamed.iter().copied())
            ));
        }
        for d in &self.subtotals_differing {
            out.push(format!(
                "第{}行指标名称为空，只有分值{}和得分，已作为上面各行的小计跳过；但它的得分{}与上面各行得分之和{}不符，请核对",
                d.row, d.weight, d.score, d.rows_score
            ));
        }
        if let Some((weight, score, table)) = &self.total_of_part {
            out.push(format!(
                "合计行的分值为{weight}，不是总分值{table}：其得分{score}只是其上各行的合计，未作为自评总分保留供审核核对（预算执行率等在资金部分计分的，总分按全表计算）"
            ));
        }
        if !self.projects_unread.is_empty() {
            out.push(format!(
                "第{}行有完成数、完成率或分数，但没有项目名称和预算数，未读入：如是项目，请补上项目名称和预算数后重新打开或粘贴",
                numbers(&mut self.projects_unread.iter().copied())
            ));
        }
        if !self.rules_unread.is_empty() {
            out.push(format!(
                "第{}行的计分方法未能识别：“{}”；原文已保留在备注中，暂按所填数值计分，请在计分方法列选择计分规则",
                numbers(&mut self.rules_unread.iter().map(|(r, _)| *r)),
                self.rules_unread
                    .iter()
                    .map(|(_, w)| w.as_str())
                    .collect::<Vec<_>>()
                    .join("”“"),
            ));
        }
        for (row, words, against) in &self.rules_against {
            out.push(format!(
                "第{row}行的{}，暂按所填数值计分，请改正计分方法或{}",
                against.said(words),
                against.field
            ));
        }
        out.extend(self.funds_unread.iter().cloned());
        if !self.below.is_empty() {
            out.push(format!(
                "表格{end}行下方第{}行未读入：“{}”；如是指标，请移到{end}行之上，其他内容如需要请写到备注或自评报告中",
                numbers(&mut self.below.iter().map(|(r, _)| *r)),
                self.below
                    .iter()
                    .map(|(_, t)| t.as_str())
                    .collect::<Vec<_>>()
                    .join("”“"),
                end = self.ended_by,
            ));
        }
        out
    }
}

/// A subtotal row without a label whose 得分 disagrees with the rows it adds up.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SubtotalDiffering {
    /// Its row number in the table, from 1.
    pub row: usize,
    /// Its 分值 and 得分 as typed.
    pub weight: String,
    pub score: String,
    /// The 得分 of the rows it adds up, summed.
    pub rows_score: String,
}

/// [`build`], with what reading its rows did that the sheet does not show ([`Reading`]).
pub fn build_reading(
    spreadsheet: &Spreadsheet,
    mapping: &Mapping,
) -> Result<(Sheet, Reading), SpreadsheetError> {
    build_reading_into(spreadsheet, mapping, &Settings::default())
}

/// [`build_reading`] for rows pasted into a sheet with `settings`: a block that states no
/// settings of its own is read against the sheet's, whose 总分值 tells a 合计 of the whole table
/// from one of part of it.
pub fn build_reading_into(
    spreadsheet: &Spreadsheet,
    mapping: &Mapping,
    settings: &Settings,
) -> Result<(Sheet, Reading), SpreadsheetError> {
    let mut reading = Reading::default();
    // What the unit typed in the cells it fills in (0.955 formatted `0%`, shown as 96%, is
    // 95.5%), as the calculator's own forms are read; what it printed as worked out (完成率,
    // 得分) as the cell shows it, as printed.
    let typed = crate::xlsx::read::as_typed(spreadsheet, mapping.table, |r, c| {
        r > mapping.header_row
            && mapping
                .roles
                .get(c)
                .copied()
                .flatten()
                .is_some_and(typed_in)
    });
    let spreadsheet = &*typed;
    let table = spreadsheet
        .tables
        .get(mapping.table)
        .ok_or(SpreadsheetError::NoSuchTable(mapping.table + 1))?;
    one_column_a_role(&table.rows, mapping)?;
    // The settings jixiao's CSV states under its table, read as its form's are.
    let stated = crate::xlsx::form::settings_in(&table.rows);
    let column = |role: ColumnRole| mapping.roles.iter().position(|r| *r == Some(role));
    // A signature line under the table (填报人：…    联系电话：…) is read into the 基本信息, never
    // as an indicator or a project; the header repeated (a table split over pages) is neither.
    let under = table.rows.iter().enumerate().skip(mapping.header_row + 1);
    let (signatures, rows): (Vec<_>, Vec<_>) = under.partition(|(_, row)| is_signature_line(row));
    let (headers, rows): (Vec<_>, Vec<_>) = rows
        .into_iter()
        .partition(|(_, row)| repeats_header(row, mapping));
    reading.headers = headers.len();
    let mut sheet = match mapping.kind {
        ImportKind::Indicators => {
            let mut sheet = Sheet::new(SheetKind::Department);
            (sheet.indicators, sheet.declared) = match column(ColumnRole::Depth) {
                Some(depth) => build_by_depth(rows.into_iter(), &column, depth, &mut reading)?,
                None => build_tree(
                    rows.into_iter(),
                    &column,
                    table.merged_cells_blank,
                    number(&stated.as_ref().unwrap_or(settings).total_weight),
                    &mut reading,
                )?,
            };
            sheet
        }
        ImportKind::Summary => {
            let mut sheet = Sheet::new(SheetKind::Summary);
            (sheet.projects, sheet.declared) = build_projects(
                rows.into_iter(),
                &column,
                table.merged_cells_blank,
                &mut reading,
            )?;
            in_stated_units(&mut sheet.projects, &table.rows, mapping, &column);
            sheet
        }
    };
    let top = mapping.header_row - usize::from(mapping.stacked && mapping.header_row > 0);
    let above = &table.rows[..top.min(table.rows.len())];
    sheet.meta.title = title(above).unwrap_or_default();
    let read = read_lines_above(above, &|r, c| table.merged_with_above(r, c), &mut sheet);
    // A line under the total that the 基本信息 has a field for (`主要问题：…`, a date alone)
    // is read with the signature lines, in the table's order, not said as unread.
    let (fields, below): (Vec<_>, Vec<_>) = std::mem::take(&mut reading.below)
        .into_iter()
        .partition(|&(r, _)| is_field_line_below(&table.rows[r - 1]));
    reading.below = below;
    let mut lines: Vec<usize> = signatures.into_iter().map(|(r, _)| r).collect();
    lines.extend(fields.into_iter().map(|(r, _)| r - 1));
    lines.sort_unstable();
    // What the lines above say that no field keeps, then what the signature lines say.
    reading.signature_untaken = read.untaken;
    reading.funds_unread = read.funds_unread;
    let untaken = read_signature_lines(lines.iter().map(|&r| &table.rows[r]), &mut sheet.meta);
    reading.signature_untaken.extend(untaken);
    if let Some(settings) = stated {
        sheet.settings = settings;
    }
    if sheet.kind == SheetKind::Department {
        sheet.kind = crate::xlsx::form::form_kind(&sheet.meta, read.implementer);
    }
    Ok((sheet, reading))
}

/// Whether a row under the header is the header again, as a table split over pages in Word or
/// a PDF repeats it: read by the rule that found the header ([`super::roles_for`]), it names
/// at least two of the mapping's roles in their columns, and nothing in it is other than a
/// header's words.
fn repeats_header(row: &[String], mapping: &Mapping) -> bool {
    let roles = super::roles_for(row, mapping.kind);
    let agreeing = roles
        .iter()
        .zip(&mapping.roles)
        .filter(|(own, mapped)| own.is_some() && own == mapped)
        .count();
    agreeing >= 2 && super::understood(row, &roles).iter().all(|u| *u)
}

/// Refuses a mapping that gives one role to two columns: the table is read from the first
/// column of a role alone, and the other's values would be lost unsaid. The mapping step
/// never leaves one so; a portal calling the binding directly might.
fn one_column_a_role(rows: &[Vec<String>], mapping: &Mapping) -> Result<(), SpreadsheetError> {
    for (second, role) in mapping.roles.iter().enumerate() {
        let Some(role) = *role else { continue };
        let Some(first) = mapping.roles[..second]
            .iter()
            .position(|r| *r == Some(role))
        else {
            continue;
        };
        // Each column as the mapping step labels it: its number, and its header or 无表头.
        let named = |c: usize| {
            let header = (mapping
                .header_row
                .saturating_sub(usize::from(mapping.stacked))
                ..=mapping.header_row)
                .rev()
                .filter_map(|r| rows.get(r)?.get(c))
                .map(|h| h.split_whitespace().collect::<Vec<_>>().join(" "))
                .find(|h| !h.is_empty())
                .unwrap_or_else(|| "无表头".into());
            format!("第{}列（{header}）", c + 1)
        };
        return Err(SpreadsheetError::RoleTwice {
            role: role.label(),
            first: named(first),
            second: named(second),
        });
    }
    Ok(())
}

/// A 汇总表's 预算数 and 完成数 in the unit their column states, where it is money other than
/// 万元: by its header (which wins over a note) (`预算数（元）`) or a note above the table (`金额单位：元`), each bare
/// figure written with it (see [`with_unit`]), so that it reads in 万元 exactly.
fn in_stated_units(
    projects: &mut [ProjectRow],
    rows: &[Vec<String>],
    mapping: &Mapping,
    column: &dyn Fn(ColumnRole) -> Option<usize>,
) {
    let top = mapping.header_row - usize::from(mapping.stacked && mapping.header_row > 0);
    let header = rows.get(top..=mapping.header_row).unwrap_or_default();
    let corner = corner_money(rows.get(..top).unwrap_or_default());
    let unit_of = |role| {
        let c = column(role)?;
        let own = header.iter().find_map(|r| stated_money(r.get(c)?));
        own.or(corner)
    };
    let (budget, spent) = (unit_of(ColumnRole::Budget), unit_of(ColumnRole::Spent));
    for p in projects {
        p.budget = with_unit(std::mem::take(&mut p.budget), budget);
        p.spent = with_unit(std::mem::take(&mut p.spent), spent);
    }
}

/// The table's title: the first text above its header (a 附件1 above it is not), a corner note
/// (`单位：万元`, `填报单位：…`) beside it or not. None where that line is no title, as a form
/// pasted from below its title starts: a label with its value beside it (`项目名称 | …`), a 资金
/// block's header (`项目资金（万元） | 年初预算数 | …`) or one of its rows (`资金总额 | 200 | …`).
fn title(above: &[Vec<String>]) -> Option<String> {
    let line: Vec<String> = above
        .iter()
        .map(|r| line_texts(r).into_iter().filter(|c| !is_attachment(c)))
        .map(|texts| texts.map(str::to_string).collect::<Vec<_>>())
        .find(|t| !t.is_empty())?;
    let text = line.first()?.clone();
    // A label alone names something only with its value beside it (`项目名称 | XX项目`);
    // `项目名称：XX项目` is a title typed so, which jixiao's CSV writes alone on its line.
    if bare_label(&text).is_some() || funds_header(std::slice::from_ref(&line)).is_some() {
        return None;
    }
    // A figure as a 资金 row types it, a bare number: not the `2023年…` a title starts with.
    let figure = |t: &&String| matches!(crate::cell::parse_cell(t), Ok(crate::cell::Cell::Number(q)) if q.unit.is_empty());
    (line[1..].iter().filter(figure).count() < 2).then_some(text)
}

/// Whether a column's cells are figures the unit fills in, read as typed (see [`build`]).
fn typed_in(role: ColumnRole) -> bool {
    use ColumnRole::*;
    matches!(
        role,
        Level1Weight
            | Level2Weight
            | Weight
            | Target
            | Actual
            | Coefficient
            | Budget
            | Spent
            | ProjectScore
    )
}

/// A total row of the printed forms, not a project or an indicator (`合计：` as `合计`).
pub(super) fn is_total(text: &str) -> bool {
    total_label(normalize(text).trim_end_matches(':')).is_some()
}

/// What a total's label alone sums (a label [`normalize`]d, its colon off): the one list of
/// them, which [`is_total`] and a 汇总表's [`summary_total`] read.
fn total_label(label: &str) -> Option<Sums> {
    match label {
        "合计" | "合计数" | "总分" => Some(Sums::All),
        "小计" => Some(Sums::Part),
        "总计" => Some(Sums::Grand),
        _ => None,
    }
}

/// How much of a 汇总表 a total row sums, least first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Sums {
    /// A 小计, or a unit's own total (`甲单位小计`, `甲单位合计`).
    Part,
    /// The 合计.
    All,
    /// A 总计 over 合计s.
    Grand,
}

/// What `row` of a 汇总表 sums, when it is a total row: labelled as [`is_total`] reads it, or,
/// in a row naming no project, by a label ending in one (`甲单位小计`), which read as a
/// project of its own would be summed again. A label merged across 序号 … 项目名称 (an .xlsx
/// fills each cell of the range) names no project either.
fn summary_total(row: &[String], project: usize) -> Option<Sums> {
    let named = row.get(project).map_or("", |c| c.trim());
    row.iter().enumerate().find_map(|(c, cell)| {
        let unnamed = named.is_empty() || c != project && cell.trim() == named;
        let label = normalize(cell);
        let label = label.trim_end_matches(':');
        match total_label(label) {
            Some(sums) => Some(sums),
            None if unnamed && label.ends_with("总计") => Some(Sums::Grand),
            None if unnamed && (label.ends_with("小计") || label.ends_with("合计")) => {
                Some(Sums::Part)
            }
            None => None,
        }
    })
}

/// Whether [`build_projects`] takes a row of cells for a project: not a total row (合计 …),
/// nor one without a 项目 and a 预算数 (a blank line, a unit's heading, the lines under the
/// table). A returned form's rows are matched by it to the lines they were drawn on.
pub(in crate::xlsx) fn is_project_row(
    row: &[String],
    project: usize,
    budget: Option<usize>,
) -> bool {
    let blank = |c: Option<usize>| c.and_then(|c| row.get(c)).is_none_or(|v| v.is_empty());
    let unnamed = row.get(project).is_none_or(|c| c.trim().is_empty()) && blank(budget);
    summary_total(row, project).is_none() && !unnamed
}

/// The 汇总表's rows, and its 合计 row's 预算完成率 as printed: the rate of the one row that sums
/// the most ([`Sums`]: a 总计 over units' 合计s, a 合计 over 小计s), none when two rows sum as
/// much and differ (each a unit's).
pub(super) fn build_projects<'a>(
    rows: impl Iterator<Item = (usize, &'a Vec<String>)>,
    column: &dyn Fn(ColumnRole) -> Option<usize>,
    merged_cells_blank: bool,
    reading: &mut Reading,
) -> Result<(Vec<ProjectRow>, DeclaredTotal), SpreadsheetError> {
    let project = column(ColumnRole::Project).ok_or(SpreadsheetError::NoProjectColumn)?;
    let mut out: Vec<ProjectRow> = Vec::new();
    let mut total = DeclaredTotal::default();
    let mut sums: Vec<(Sums, String)> = Vec::new();
    for (index, row) in rows {
        let get = |role: ColumnRole| {
            column(role)
                .and_then(|c| row.get(c))
                .cloned()
                .unwrap_or_default()
        };
        if let Some(what) = summary_total(row, project) {
            reading.totals += 1;
            sums.push((what, get(ColumnRole::ProjectRate).trim().to_string()));
            continue;
        }
        if !is_project_row(row, project, column(ColumnRole::Budget)) {
            // A unit's heading or a line under the table is nothing lost; figures are.
            let figures = [
                ColumnRole::Spent,
                ColumnRole::ProjectRate,
                ColumnRole::ProjectScore,
            ];
            if figures.into_iter().any(|role| !get(role).trim().is_empty()) {
                reading.projects_unread.push(index + 1);
            }
            continue;
        }
        // A 单位名称 merged over its projects comes blank below its first row when copied
        // from Excel (or saved as CSV): there a project's unit is the one above it.
        let unit = match get(ColumnRole::UnitName) {
            u if u.trim().is_empty() && merged_cells_blank => {
                out.last().map(|p| p.unit.clone()).unwrap_or_default()
            }
            u => u,
        };
        out.push(ProjectRow {
            seq: get(ColumnRole::Seq),
            unit,
            project: get(ColumnRole::Project),
            goal: get(ColumnRole::Goal),
            budget: get(ColumnRole::Budget),
            spent: get(ColumnRole::Spent),
            score: get(ColumnRole::ProjectScore),
            grade: get(ColumnRole::Grade),
            problems: get(ColumnRole::Problems),
            suggestions: get(ColumnRole::Suggestions),
            declared: DeclaredRate {
                rate: get(ColumnRole::ProjectRate).trim().to_string(),
            },
            sheet_grade: None,
        });
    }
    // Two that agree are one row printed twice (a table over pages).
    let most = sums.iter().map(|(what, _)| *what).max();
    let mut rates: Vec<&str> = sums
        .iter()
        .filter(|(what, _)| Some(*what) == most)
        .map(|(_, rate)| rate.as_str())
        .collect();
    rates.dedup();
    if let [rate] = rates[..] {
        total.rate = rate.to_string();
    }
    Ok((out, total))
}

/// The column of a group level's own 分值.
pub(super) fn group_weight_role(level: ColumnRole) -> ColumnRole {
    match level {
        ColumnRole::Level1 => ColumnRole::Level1Weight,
        _ => ColumnRole::Level2Weight,
    }
}

/// The column of a group level's own 得分 as printed.
fn group_score_role(level: ColumnRole) -> ColumnRole {
    match level {
        ColumnRole::Level1 => ColumnRole::Level1Score,
        _ => ColumnRole::Level2Score,
    }
}

/// A 等级 written in a row: `等级：优` in one cell (as jixiao prints it), or a cell naming
/// 等级 / 自评等级 followed by the grade.
fn grade_in(row: &[String]) -> Option<String> {
    for (c, cell) in row.iter().enumerate() {
        let t = normalize(cell);
        let Some(rest) = GRADE_LABELS.iter().find_map(|l| t.strip_prefix(l)) else {
            continue;
        };
        let rest = rest.trim_start_matches([':', '：']);
        if !rest.is_empty() {
            return Some(rest.to_string());
        }
        return row[c + 1..]
            .iter()
            .map(|n| n.trim())
            .find(|n| !n.is_empty())
            .map(str::to_string);
    }
    None
}

/// A row that only states the grade: its first filled cell is a 等级 label, alone or followed
/// by a colon (`自评等级：优`, `等级 | 优`), not an indicator named with the word (等级评定达标率).
fn grade_line(row: &[String]) -> Option<String> {
    let first = row.iter().find(|c| !c.trim().is_empty())?;
    let t = normalize(first);
    let labelled = GRADE_LABELS.iter().any(|l| {
        t.strip_prefix(l)
            .is_some_and(|r| r.is_empty() || r.starts_with([':', '：']))
    });
    labelled.then(|| grade_in(row)).flatten()
}

/// The row that ends an indicator table (what follows it, such as a note on rescaling, is
/// not an indicator).
pub(super) fn is_end(text: &str) -> bool {
    matches!(normalize(text).as_str(), "总分" | "总计")
}

/// How long a row under the table is quoted in the notice ([`unread_below`]) before `…`.
const QUOTED_CHARS: usize = 40;

/// A row under the table's end ([`is_end`]; signature lines are taken out before, and the
/// lines of the 基本信息 after, by `build_reading`) that nothing reads, as the notice quotes
/// it: its texts spaced, cut at [`QUOTED_CHARS`]. `None` for a blank row and one that is
/// read: a 等级 (into `grade` where it is blank; one that differs from the grade already read
/// is said), the 计分设置 line, and the calculator's own note on rescaling, worked out again
/// from the 不适用 rows.
fn unread_below(row: &[String], grade: &mut String) -> Option<String> {
    let texts: Vec<&str> = row
        .iter()
        .map(|c| c.trim())
        .filter(|c| !c.is_empty())
        .collect();
    let rescaling = || {
        texts
            .iter()
            .any(|t| t.contains(crate::engine::report::RESCALED))
    };
    if texts.is_empty() || crate::xlsx::form::is_settings_line(row) || rescaling() {
        return None;
    }
    if let Some(read) = grade_in(row) {
        if grade.is_empty() {
            *grade = read;
            return None;
        }
        if *grade == read {
            return None;
        }
    }
    let text = texts.join(" ");
    Some(match text.char_indices().nth(QUOTED_CHARS) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text,
    })
}

/// The tree from rows whose 一级 / 二级 columns name the groups (repeated or merged down the
/// rows of their leaves, or written once with the rows under it left blank) and whose deepest
/// name column names the leaves.
///
/// A leaf above the deepest level (预算执行率 directly under the table, as the national form
/// prints it) has its name merged across the name columns from its own level on: every name
/// column from there to the deepest, and every column between them, holds the same text. A
/// row with no leaf name but with a leaf's values (a comparison, a target …) is a leaf not yet
/// named, as a blank template has them; a row with only a group's name and 分值 is that group.
/// Where merged cells come blank (a CSV, a copy from Excel), the merged name is in its own
/// level's column alone, the columns up to the deepest name blank, the group's 分值 among them.
///
/// The figures the table prints are kept as declared, never scored: a leaf's 完成率 and a
/// worked-out 得分, a group's 得分, the 总分 (or 合计) row's and a 等级 under the table. A
/// 合计 row whose label was lost (see [`sums_table`]; `table_weight` the table's total 分值)
/// is read as 合计 when no row follows it.
pub(super) fn build_tree<'a>(
    rows: impl Iterator<Item = (usize, &'a Vec<String>)>,
    column: &dyn Fn(ColumnRole) -> Option<usize>,
    merged_cells_blank: bool,
    table_weight: Option<rust_decimal::Decimal>,
    reading: &mut Reading,
) -> Result<(Vec<Node>, DeclaredTotal), SpreadsheetError> {
    let levels: Vec<(ColumnRole, usize)> = [
        ColumnRole::Level1,
        ColumnRole::Level2,
        ColumnRole::Indicator,
    ]
    .into_iter()
    .filter_map(|r| column(r).map(|c| (r, c)))
    .collect();
    let Some(&(_, leaf_column)) = levels.last() else {
        return Err(SpreadsheetError::NoNameColumn);
    };
    let group_levels = &levels[..levels.len() - 1];
    let mut top: Vec<Node> = Vec::new();
    let mut total = DeclaredTotal::default();
    let mut ended = false;
    // Past a 合计 (or 小计) row: where a line stating the grade may stand.
    let mut past_total = false;
    // The groups open at each level, outermost first.
    let mut open: Vec<Node> = Vec::new();
    // Where the last unlabelled subtotal (see `unlabelled_subtotal`) left off: the depth of
    // the innermost open group then, and how many of its rows it covered.
    let mut subtotalled: Option<(usize, usize)> = None;
    // The 得分 and 等级 of the last unlabelled row adding up the table so far: its 合计, the
    // label lost, unless an indicator follows it (then it was a subtotal).
    let mut unlabelled_total: Option<(String, String)> = None;
    let close_to = |open: &mut Vec<Node>, top: &mut Vec<Node>, depth: usize| {
        while open.len() > depth {
            let group = open.pop().expect("an open group");
            match open.last_mut() {
                Some(parent) => parent.children.push(group),
                None => top.push(group),
            }
        }
    };
    for (index, row) in rows {
        let cell = |c: usize| row.get(c).map(|s| s.trim()).unwrap_or("");
        let get = |role: ColumnRole| column(role).map(cell).unwrap_or("").to_string();
        // Under the table, only a 等级 is read; anything else is said.
        if ended {
            if let Some(text) = unread_below(row, &mut total.grade) {
                reading.below.push((index + 1, text));
            }
            continue;
        }
        // What the row is labelled at each name column: its cell, and at the first one a label
        // typed to its left when that is blank (小计 in a 序号 column, merged across the name
        // columns, of which a CSV or a paste gives the first cell alone).
        let labels: Vec<&str> = levels
            .iter()
            .enumerate()
            .map(|(k, &(_, c))| match cell(c) {
                "" if k == 0 => (0..c).rev().map(cell).find(|t| !t.is_empty()).unwrap_or(""),
                own => own,
            })
            .collect();
        let end = labels.iter().find(|l| is_end(l));
        let total_row = labels.iter().any(|l| is_total(l));
        if end.is_some() || (total_row && labels.iter().any(|l| normalize(l) == "合计")) {
            let (weight, score) = (get(ColumnRole::Weight), get(ColumnRole::Score));
            let of_part = number(&weight)
                .zip(table_weight)
                .filter(|(w, t)| w != t && !score.is_empty());
            if total.total.is_empty() {
                match of_part {
                    Some((_, t)) => {
                        reading.total_of_part = Some((weight, score, crate::arith::plain(t)))
                    }
                    None => total.total = score,
                }
            }
            if total.grade.is_empty() {
                total.grade = Some(get(ColumnRole::DeclaredGrade))
                    .filter(|g| !g.is_empty())
                    .or_else(|| grade_in(row))
                    .unwrap_or_default();
            }
        }
        if let Some(label) = end {
            reading.ended_by = normalize(label);
            ended = true;
            reading.totals += 1;
            continue;
        }
        if total_row {
            past_total = true;
        }
        // A line of its own stating the grade (`自评等级：优` under a 合计 row): only under the
        // total, on a row with no 分值 or figures (an indicator may be named 评价等级).
        let figures = [ColumnRole::Weight, ColumnRole::Target, ColumnRole::Actual]
            .into_iter()
            .any(|r| !get(r).is_empty());
        if let Some(grade) = grade_line(row).filter(|_| past_total && !figures) {
            if total.grade.is_empty() {
                total.grade = grade;
            }
            continue;
        }
        // A row labelled with a group's name, 产出指标小计 or 产出合计, prints that group's
        // subtotal; not an indicator so named with its own figures, which is scored.
        let keys: Vec<String> = labels.iter().filter_map(|l| subtotal_of(l)).collect();
        let own_figures = || {
            [
                ColumnRole::Comparison,
                ColumnRole::Target,
                ColumnRole::Actual,
            ]
            .into_iter()
            .any(|r| !get(r).is_empty())
        };
        let named = (!keys.is_empty() && !own_figures())
            .then(|| named_group(&mut open, &mut top, &keys))
            .flatten();
        if let Some(group) = named {
            if group.declared.score.is_empty() {
                group.declared.score = get(ColumnRole::Score).into();
            }
            past_total = true;
            reading.totals += 1;
            continue;
        }
        let weights = || -> Vec<String> {
            [
                ColumnRole::Weight,
                ColumnRole::Level1Weight,
                ColumnRole::Level2Weight,
            ]
            .map(get)
            .into()
        };
        // A 小计 naming no group (本页小计) is the subtotal of the open group whose 分值 it
        // gives. Giving none, what it declares is kept in the 备注 of the row it is under, not
        // checked against any group's.
        if labels.iter().any(|l| names_no_group(l)) && !own_figures() {
            let gives = gives(&open, &weights());
            match (0..open.len()).rev().find(|&d| gives(d)) {
                Some(d) if open[d].declared.score.is_empty() => {
                    open[d].declared.score = get(ColumnRole::Score).into();
                }
                Some(_) => {}
                None => {
                    let label = labels.iter().find(|l| names_no_group(l)).unwrap_or(&"");
                    let figures: Vec<String> =
                        [("分值", ColumnRole::Weight), ("得分", ColumnRole::Score)]
                            .into_iter()
                            .filter(|(_, role)| !get(*role).is_empty())
                            .map(|(word, role)| format!("{word}{}", get(role)))
                            .collect();
                    let above = open.last_mut().or(top.last_mut());
                    if let (false, Some(node)) = (figures.is_empty(), above) {
                        let said = format!(
                            "{label}（{}）未写明是哪一组的小计，未核对",
                            figures.join("，")
                        );
                        node.note = join_note(&said, &node.note);
                    }
                }
            }
            past_total = true;
            reading.totals += 1;
            continue;
        }
        // A 小计 row under a group's rows prints its subtotal: of the group it sits under (see
        // `subtotal_group`).
        let labelled: Vec<bool> = labels.iter().map(|l| normalize(l) == "小计").collect();
        if labelled.contains(&true) {
            let weights = weights();
            if let Some(group) = subtotal_group(&open, &labelled, &weights).map(|d| &mut open[d]) {
                if group.declared.score.is_empty() {
                    group.declared.score = get(ColumnRole::Score).into();
                }
            }
        }
        if total_row {
            reading.totals += 1;
            continue;
        }
        if row.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let leaf_values = [
            ColumnRole::Rule,
            ColumnRole::Comparison,
            ColumnRole::Target,
            ColumnRole::Actual,
            ColumnRole::Unit,
            ColumnRole::Reason,
        ]
        .into_iter()
        .any(|r| !get(r).is_empty());
        let name = cell(leaf_column);
        // The depth of a leaf whose name is merged across the name columns (see above), or
        // of one whose merged name kept its text in the first cell alone (a CSV or a copy
        // from Excel): a new name in a group's column and nothing deeper, a leaf's values,
        // and no group 分值. In the 一级 column (预算执行率) that is enough. In the 二级 column
        // (工作表现加减分) the merge also left the group's own 分值 column blank, and every
        // cell up to the 三级 name: a row named down to 二级 with no 三级 name is otherwise an
        // unnamed leaf under it (a blank template's, its 分值 given to the 二级 group).
        let merged_from = (!name.is_empty())
            .then(|| {
                group_levels.iter().position(|&(_, c)| {
                    cell(c) == name && (c..=leaf_column).all(|between| cell(between) == name)
                })
            })
            .flatten();
        let named_in_group = || {
            if !name.is_empty() || !leaf_values {
                return None;
            }
            let depth = group_levels
                .iter()
                .rposition(|&(_, c)| !cell(c).is_empty())?;
            let (role, c) = group_levels[depth];
            let new = open.get(depth).is_none_or(|g| g.name != cell(c));
            let not_a_group = if depth == 0 {
                // Its 分值 in the group's column (the leaf's own left empty) is still its own.
                get(group_weight_role(role)).is_empty() || get(ColumnRole::Weight).is_empty()
            } else {
                let merged_over_group_weight = column(group_weight_role(role))
                    .is_some_and(|weight| c < weight && weight < leaf_column);
                merged_over_group_weight
                    && (c + 1..leaf_column).all(|between| cell(between).is_empty())
            };
            (new && not_a_group).then_some(depth)
        };
        let leaf_at = merged_from.or_else(named_in_group);
        let name = match leaf_at {
            Some(depth) => cell(group_levels[depth].1),
            None => name,
        };
        let groups = &group_levels[..leaf_at.unwrap_or(group_levels.len())];
        let mut opened_here = false;
        for (depth, &(role, c)) in groups.iter().enumerate() {
            let group_name = cell(c);
            if group_name.is_empty() {
                continue;
            }
            let same = open.get(depth).is_some_and(|g| g.name == group_name);
            if !same {
                close_to(&mut open, &mut top, depth);
                // A level may be skipped (a leaf directly under 一级): open no empty groups.
                if open.len() == depth {
                    let mut group =
                        Node::group(group_name, &get(group_weight_role(role)), Vec::new());
                    group.declared.score = get(group_score_role(role)).into();
                    open.push(group);
                    opened_here = true;
                }
            }
        }
        if let Some(depth) = leaf_at {
            close_to(&mut open, &mut top, depth);
        }
        let figures = [
            ColumnRole::Weight,
            ColumnRole::Score,
            ColumnRole::Target,
            ColumnRole::Actual,
        ]
        .into_iter()
        .any(|r| !get(r).is_empty());
        // A group's own row: the row that opens it, or one under it, before its rows, giving
        // only the 分值 and 得分 it lacks. Its 分值 and 得分 may be in the leaves' columns.
        let fills_group = |group: &Node| {
            let lacks = |own: &str, role| own.is_empty() || get(role).is_empty();
            group.children.is_empty()
                && lacks(&group.weight, ColumnRole::Weight)
                && lacks(&group.declared.score, ColumnRole::Score)
        };
        let groups_own = opened_here || open.last().is_some_and(fills_group);
        if name.is_empty() && !leaf_values && (groups_own || !figures) {
            if let Some(group) = open.last_mut() {
                if group.weight.is_empty() && group.children.is_empty() {
                    group.weight = get(ColumnRole::Weight).into();
                }
                if group.declared.score.is_empty() && group.children.is_empty() {
                    group.declared.score = get(ColumnRole::Score).into();
                }
            }
            continue;
        }
        if opened_here {
            subtotalled = None;
        }
        // A blank-named row with only a 分值 and 得分 that add up the rows above it: their
        // subtotal, not an indicator (nor the name above continued), skipped as 小计 rows are;
        // adding up the whole table, its 合计 (a grade line may stand under it).
        if !leaf_values && name.is_empty() {
            let since = subtotalled
                .filter(|(depth, _)| *depth == open.len())
                .map_or(0, |(_, covered)| covered);
            let group = open.last();
            let rows = group.map_or(&top, |g| &g.children);
            let weight = number(&get(ColumnRole::Weight));
            let whole_table = weight.is_some_and(|w| sums_table(&top, &open, w, table_weight));
            if whole_table {
                let grade = get(ColumnRole::DeclaredGrade);
                unlabelled_total = Some((get(ColumnRole::Score), grade));
                past_total = true;
            }
            if let Some(sum) = weight.and_then(|w| unlabelled_subtotal(group, rows, since, w)) {
                let printed = get(ColumnRole::Score);
                let score_sum = rows[sum.from..]
                    .iter()
                    .try_fold(rust_decimal::Decimal::ZERO, |s, n| {
                        s.checked_add(number(printed_score(n))?)
                    });
                if let (Some(declared), Some(score_sum)) = (number(&printed), score_sum) {
                    if declared != score_sum {
                        reading.subtotals_differing.push(SubtotalDiffering {
                            row: index + 1,
                            weight: get(ColumnRole::Weight),
                            score: printed.clone(),
                            rows_score: score_sum.normalize().to_string(),
                        });
                    }
                }
                subtotalled = Some((open.len(), rows.len()));
                if let Some(group) = open.last_mut().filter(|_| sum.whole_group) {
                    if group.declared.score.is_empty() {
                        group.declared.score = printed.into();
                    }
                }
                reading.totals += 1;
                continue;
            }
            if whole_table {
                reading.totals += 1;
                continue;
            }
        }
        // Figures under a named row with the name blank: a name merged over both rows, which
        // a copy from Excel (or a CSV) gives in its first row alone. The row is a leaf of its
        // own under that name; where no row above names it, it stays unnamed. Either is said.
        let name = match open.last().map_or(&top, |g| &g.children).last() {
            _ if !name.is_empty() || !figures => name,
            Some(above)
                if merged_cells_blank && above.children.is_empty() && !above.name.is_empty() =>
            {
                reading.carried.push((index + 1, above.name.to_string()));
                above.name.as_str()
            }
            _ => {
                reading.unnamed.push(index + 1);
                name
            }
        };
        let name = name.to_string();
        let name = name.as_str();
        let (mut leaf, not_taken) = leaf_of(name, &get);
        reading.not_taken(index + 1, not_taken);
        // Its 分值 in its level's 分值 column, its own left blank; not the name merged over
        // that column (jixiao's forms merge it to the deepest name), which is no 分值.
        if let (Some(depth), true) = (leaf_at, leaf.weight.trim().is_empty()) {
            let weight = get(group_weight_role(group_levels[depth].0));
            if weight != name {
                leaf.weight = weight.into();
            }
        }
        unlabelled_total = None;
        match open.last_mut() {
            Some(group) => group.children.push(leaf),
            None => top.push(leaf),
        }
    }
    close_to(&mut open, &mut top, 0);
    if let Some((score, grade)) = unlabelled_total {
        if total.total.is_empty() {
            total.total = score;
        }
        if total.grade.is_empty() {
            total.grade = grade;
        }
    }
    Ok((top, total))
}

/// The rows an unlabelled subtotal adds up: from `from` in its group's rows; `whole_group`
/// when its 分值 is the group's own, so that its 得分 is the group's as printed. (A sum of the
/// rows so far may be a page's, the group going on.)
struct SubtotalSpan {
    from: usize,
    whole_group: bool,
}

/// Whether a row with a blank name and only a 分值 (`weight`) and 得分 is a subtotal of the rows
/// above it in its group (`rows`, those from `since` not yet subtotalled): its 分值 is theirs
/// summed, or the group's own. Seed 001's second 采购意向公开合规性 row (1.5 under 0.5, in a
/// group of 10) is neither: a name merged over two rows, each scored.
fn unlabelled_subtotal(
    group: Option<&Node>,
    rows: &[Node],
    since: usize,
    weight: rust_decimal::Decimal,
) -> Option<SubtotalSpan> {
    let summed = |from: usize| {
        // Two rows at least: a blank-named row under one row of its 分值 is as likely that
        // name merged over two rows (采购意向公开合规性, 0.5 and 0.5), and read so it is kept.
        let rows = rows.get(from..).filter(|r| r.len() >= 2)?;
        rows.iter().try_fold(rust_decimal::Decimal::ZERO, |sum, n| {
            sum.checked_add(weight_of(n)?)
        })
    };
    let own = group.and_then(|g| number(&g.weight));
    let whole_group = own == Some(weight);
    if summed(since) == Some(weight) {
        return Some(SubtotalSpan {
            from: since,
            whole_group,
        });
    }
    (whole_group && !rows.is_empty()).then_some(SubtotalSpan {
        from: 0,
        whole_group,
    })
}

/// The 得分 a row prints: a leaf's score typed, or as worked out; a group's subtotal.
fn printed_score(node: &Node) -> &str {
    if node.score.is_empty() {
        &node.declared.score
    } else {
        &node.score
    }
}

/// The group a cell labelled `<name>小计` or `<name>合计` prints the subtotal of, by its
/// name's [`group_key`] (产出指标小计, 产出小计); `None` for any other cell.
pub(super) fn subtotal_of(text: &str) -> Option<String> {
    let t = normalize(text);
    let name = t.strip_suffix("小计").or_else(|| t.strip_suffix("合计"))?;
    Some(group_key(name)).filter(|k| !k.is_empty())
}

/// A group's name as a subtotal's label names it: without 指标 and spaces.
pub(super) fn group_key(name: &str) -> String {
    normalize(name).replace("指标", "")
}

/// The group read so far named by one of `keys` (by [`group_key`]): an open one, innermost
/// first, or one it or the table already holds, the last first.
fn named_group<'a>(
    open: &'a mut [Node],
    top: &'a mut [Node],
    keys: &[String],
) -> Option<&'a mut Node> {
    fn within<'a>(nodes: &'a mut [Node], keys: &[String]) -> Option<&'a mut Node> {
        nodes.iter_mut().rev().find_map(|n| {
            if !n.children.is_empty() && keys.contains(&group_key(&n.name)) {
                Some(n)
            } else {
                within(&mut n.children, keys)
            }
        })
    }
    let open = open.iter_mut().rev().find_map(|g| {
        if keys.contains(&group_key(&g.name)) {
            Some(g)
        } else {
            within(&mut g.children, keys)
        }
    });
    open.or_else(|| within(top, keys))
}

/// The open group (its depth) a 小计 row prints the subtotal of. Its label's column says
/// which: 小计 in the 一级 column after a 二级 group's rows is the 一级 group's, in the 二级
/// column the 二级 group's, unless the 分值 the row gives (`weights`) is not that group's and
/// is another open group's (a 小计 typed in the first column after each 二级 group). A label
/// merged from a group's column across the deeper ones to the leaves' says only that it is that
/// group's or a deeper one's, and one in the leaves' column alone (or in the column of a level
/// no group is open at) says nothing: then it is the innermost of those groups whose 分值 is
/// one the row gives, else the innermost open group. `labelled` is, for each name column in
/// order (the leaves' last), whether it holds the label.
fn subtotal_group(open: &[Node], labelled: &[bool], weights: &[String]) -> Option<usize> {
    let from = labelled.iter().position(|l| *l)?;
    let groups = labelled.len() - 1;
    let to_leaves = labelled[from..].iter().all(|l| *l);
    let gives = gives(open, weights);
    if from < open.len() && (from + 1 == groups || !to_leaves) {
        return Some(if gives(from) {
            from
        } else {
            (0..open.len()).rev().find(|&d| gives(d)).unwrap_or(from)
        });
    }
    let first = if from < open.len() { from } else { 0 };
    (first..open.len())
        .rev()
        .find(|&d| gives(d))
        .or(open.len().checked_sub(1))
}

/// Whether the open group at a depth has a 分值 among `weights`, those a 小计 row gives.
fn gives(open: &[Node], weights: &[String]) -> impl Fn(usize) -> bool {
    let weights: Vec<_> = weights.iter().filter_map(|w| number(w)).collect();
    let sums = open_weights(open);
    move |d| sums[d].is_some_and(|w| weights.contains(&w))
}

/// Each open group's 分值: its own, else its rows' (the deeper open group's among them, not
/// yet in its rows while open).
fn open_weights(open: &[Node]) -> Vec<Option<rust_decimal::Decimal>> {
    let mut sums = vec![None; open.len()];
    let mut deeper = Some(rust_decimal::Decimal::ZERO);
    for (d, group) in open.iter().enumerate().rev() {
        let rows = || {
            group
                .children
                .iter()
                .try_fold(deeper?, |sum, c| sum.checked_add(weight_of(c)?))
        };
        sums[d] = number(&group.weight).or_else(rows);
        deeper = sums[d];
    }
    sums
}

/// Whether a row with a blank name and only a 分值 (`weight`) and 得分 adds up the whole table
/// read so far (`top`, and the groups still `open`): its 分值 is the top level's summed, or the
/// table's total 分值 (`table_weight`, normally 100). Such a row under the table is its 合计
/// with the label lost. Two leaves at least, as for [`unlabelled_subtotal`]: under one leaf it
/// is as likely that leaf's name merged over two rows.
fn sums_table(
    top: &[Node],
    open: &[Node],
    weight: rust_decimal::Decimal,
    table_weight: Option<rust_decimal::Decimal>,
) -> bool {
    fn leaves(nodes: &[Node]) -> usize {
        nodes
            .iter()
            .map(|n| usize::from(n.children.is_empty()) + leaves(&n.children))
            .sum()
    }
    let read = leaves(top) + open.iter().map(|g| leaves(&g.children)).sum::<usize>();
    let open_weight = open_weights(open)
        .first()
        .copied()
        .unwrap_or(Some(rust_decimal::Decimal::ZERO));
    let top_weight = open_weight.and_then(|open| {
        top.iter()
            .try_fold(open, |sum, n| sum.checked_add(weight_of(n)?))
    });
    read >= 2 && (top_weight == Some(weight) || table_weight == Some(weight))
}

/// A 小计 (or 合计) label that names no group but a page or the rows above it: 本页小计,
/// 小计（本页）, 以上合计. Such a row is the subtotal of the open group whose 分值 it gives,
/// if one does: a page, or the rows above, need not be a group.
fn names_no_group(text: &str) -> bool {
    let t = normalize(text).replace(['(', ')'], "");
    ["小计", "合计"].iter().any(|word| {
        let (before, after) = t.split_once(word).unwrap_or((&t, "-"));
        ["本页", "以上", "上述"].contains(&[before, after].concat().as_str())
    })
}

/// A 分值 as a number; `None` for one blank or not read.
fn number(text: &str) -> Option<rust_decimal::Decimal> {
    crate::cell::parse_cell(text)
        .ok()?
        .number()
        .map(|q| q.value)
}

/// A row's 分值: its own, or for a group without one its rows'.
fn weight_of(node: &Node) -> Option<rust_decimal::Decimal> {
    match number(&node.weight) {
        Some(w) => Some(w),
        None if node.children.is_empty() => None,
        None => node
            .children
            .iter()
            .try_fold(rust_decimal::Decimal::ZERO, |sum, c| {
                sum.checked_add(weight_of(c)?)
            }),
    }
}

/// A leaf from its row's cells (`get` reads a role's cell). A worked-out 得分 and the 完成率 are
/// the table's figures for the row, kept as declared; a 得分 on a row scored by hand is its
/// input; 不适用 where the score goes takes the leaf out of the table. With it, a 计分方法 not
/// taken, whose words 备注 keeps.
fn leaf_of(name: &str, get: &dyn Fn(ColumnRole) -> String) -> (Node, Option<NotTaken>) {
    let mut leaf = Node {
        name: name.into(),
        weight: get(ColumnRole::Weight).into(),
        comparison: Comparison::parse(&get(ColumnRole::Comparison)),
        target: get(ColumnRole::Target).into(),
        actual: get(ColumnRole::Actual).into(),
        unit: get(ColumnRole::Unit).into(),
        score: get(ColumnRole::Score).into(),
        reason: get(ColumnRole::Reason).into(),
        note: get(ColumnRole::Note).into(),
        ..Node::default()
    };
    // A 等级 column is read as the total's on the total row; one given on a row of its own is
    // no figure of the model's, and is kept in 备注, not lost.
    let grade = get(ColumnRole::DeclaredGrade);
    if !grade.trim().is_empty() {
        leaf.note = join_note(&format!("等级：{}", grade.trim()), &leaf.note);
    }
    if matches!(leaf.score.trim(), "不适用" | "N/A" | "n/a") {
        leaf.score = Text::default();
        leaf.not_applicable = true;
    }
    let coefficient = get(ColumnRole::Coefficient);
    let label = get(ColumnRole::Rule);
    let mut not_taken = None;
    leaf.rule = if coefficient.trim().is_empty() {
        // A step in clerks' words counts in % (`每增加5%扣0.5分`): on figures not in %
        // (≤200万元 against 212万元) it would count 12 as 2 steps of 5, so it is not read.
        let in_percent = |text: &str| {
            crate::cell::parse_cell(text).is_ok_and(|c| c.number().is_some_and(|q| q.percent))
        };
        let read = crate::rule_text::read(&label).filter(|r| {
            r.comparison.is_none() || in_percent(&leaf.target) || in_percent(&leaf.actual)
        });
        // Words whose direction (`每降低5%扣0.5分`) the 比较方式 column or the target (`≤5%`)
        // contradicts are not taken: the step would count the other way.
        let typed = get(ColumnRole::Comparison);
        let against = (read.as_ref().and_then(|r| r.comparison))
            .and_then(|words| counted_against(words, leaf.comparison, &typed, &leaf.target));
        let read = read.filter(|_| against.is_none());
        // A 计分方法 in words this does not read (`按完成比例计分`, `区间法`) is kept in 备注,
        // and the rule is found from what was filled in, as for a blank one; the notice
        // says which rows (`Reading::rules_unread`, `rules_against`).
        let words = label.trim();
        if !words.is_empty() && read.is_none() {
            leaf.note = join_note(&format!("{UNREAD_RULE}{words}"), &leaf.note);
            not_taken = Some(match against {
                Some(against) => NotTaken::Against(words.to_string(), against),
                None => NotTaken::Unread(words.to_string()),
            });
        }
        // The step's words give the comparison only where the row states none.
        if leaf.comparison.is_none() && comparison_in(&leaf.target).is_none() {
            if let Some(implied) = read.as_ref().and_then(|r| r.comparison) {
                leaf.comparison = Some(implied);
                leaf.comparison_from_rule = Some(words.into());
            }
        }
        rule_of(read.and_then(|r| r.rule), &leaf)
    } else {
        // A 计分方法 written beside a 得分系数 describes it; kept in 备注.
        let described = crate::rule_text::parse(&label)
            .is_some_and(|r| matches!(r, Some(Rule::Coefficient(_))));
        if !label.trim().is_empty() && !described {
            leaf.note = join_note(&format!("{UNREAD_RULE}{label}"), &leaf.note);
        }
        // 分值 × 系数: the coefficient is what the row is scored by (typed where the rule reads
        // it); what the 实际完成值 column said is kept in 备注.
        let actual = std::mem::replace(&mut leaf.actual, coefficient.into());
        if !actual.trim().is_empty() {
            leaf.note = join_note(&format!("实际完成值：{actual}"), &leaf.note);
        }
        Some(Rule::Coefficient(crate::rules::Coefficient {}))
    };
    // A level named where the actual goes (达成, 部分达成, 未达成) is the row's level, as the
    // page's 达成程度 shows and edits it; it was scored from the words while the page showed
    // none chosen. Other words (较好, 基本完成) are only read as a level, a guess the row
    // does not state as its choice. The words stay as typed; a level named after them in
    // brackets (`2023-11-30前出台（达成）`, as the forms write both) is the row's too.
    if matches!(leaf.rule, Some(Rule::Qualitative(_))) && leaf.level.is_none() {
        let (words, level) = crate::model::Level::split_cell(&leaf.actual);
        if level.is_some() {
            leaf.actual = words.into();
            leaf.level = level;
        }
    }
    leaf.declared.rate = get(ColumnRole::Rate).into();
    if !crate::rules::score_is_entered(&leaf) {
        leaf.declared.score = std::mem::take(&mut leaf.score);
    }
    (leaf, not_taken)
}

/// What a row states its comparison in, its 比较方式 `column` (typed as `typed`) or its
/// `target` (`≥90%`), that a step in words implying `words` (`每增加` is ≤) counts the other
/// way from, as the step rule counts (= against 0 is better lower).
pub(in crate::xlsx) fn counted_against(
    words: Comparison,
    column: Option<Comparison>,
    typed: &str,
    target: &str,
) -> Option<Against> {
    // A target not read is no 0.
    let value = number(target).unwrap_or(rust_decimal::Decimal::ONE);
    [
        (column, "比较方式", typed),
        (comparison_in(target), "年度指标值", target),
    ]
    .into_iter()
    .find(|(stated, ..)| {
        stated.is_some_and(|c| c.lower_is_better_against(value) != words.lower_is_better())
    })
    .map(|(_, field, written)| Against {
        field,
        written: written.trim().to_string(),
    })
}

/// The comparison a target states (`≥90%`, `低于5%`).
pub(in crate::xlsx) fn comparison_in(target: &str) -> Option<Comparison> {
    crate::cell::parse_cell(target).ok()?.number()?.comparison
}

/// How 备注 starts the words of a 计分方法 that could not be read.
pub(in crate::xlsx) const UNREAD_RULE: &str = "计分方法：";

/// The words of a 计分方法 that could not be read, as 备注 keeps them.
pub(in crate::xlsx) fn unread_rule(node: &Node) -> Option<&str> {
    node.note
        .split('；')
        .find_map(|part| part.strip_prefix(UNREAD_RULE))
}

/// `first；note`, or either alone.
pub(in crate::xlsx) fn join_note(first: &str, note: &str) -> Text {
    if note.trim().is_empty() {
        first.into()
    } else {
        format!("{first}；{note}").into()
    }
}

/// A level as a 层级 cell writes it: 一级 … 六级, or `7级`; `None` for anything else.
fn depth_of(text: &str) -> Option<u16> {
    const NAMES: [&str; 6] = ["一级", "二级", "三级", "四级", "五级", "六级"];
    let t = normalize(text);
    if let Some(d) = NAMES.iter().position(|n| *n == t) {
        return u16::try_from(d).ok();
    }
    let n: u16 = t.strip_suffix('级')?.parse().ok()?;
    n.checked_sub(1)
}

/// The tree from a table whose 层级 column gives each row's level (jixiao's CSV): a row is a
/// group when the row after it is deeper. A row whose level cannot be read is taken one level
/// under the row before it, never dropped.
pub(super) fn build_by_depth<'a>(
    rows: impl Iterator<Item = (usize, &'a Vec<String>)>,
    column: &dyn Fn(ColumnRole) -> Option<usize>,
    depth_column: usize,
    reading: &mut Reading,
) -> Result<(Vec<Node>, DeclaredTotal), SpreadsheetError> {
    let name_column = column(ColumnRole::Indicator).ok_or(SpreadsheetError::NoNameColumn)?;
    let mut total = DeclaredTotal::default();
    let mut entries: Vec<(u16, Node)> = Vec::new();
    let mut ended = false;
    for (index, row) in rows {
        // Under the table, only a 等级 is read; anything else is said.
        if ended {
            if let Some(text) = unread_below(row, &mut total.grade) {
                reading.below.push((index + 1, text));
            }
            continue;
        }
        let cell = |c: usize| row.get(c).map(|s| s.trim()).unwrap_or("");
        let get = |role: ColumnRole| column(role).map(cell).unwrap_or("").to_string();
        let (level, name) = (cell(depth_column), cell(name_column));
        if [level, name].into_iter().any(is_end) {
            // The 得分 column's figure, or (`总分,94.51,等级,优`) the one beside the label.
            let at = if is_end(level) {
                depth_column
            } else {
                name_column
            };
            reading.ended_by = normalize(cell(at));
            total.total = Some(get(ColumnRole::Score))
                .filter(|t| !t.trim().is_empty())
                .unwrap_or_else(|| cell(at + 1).to_string());
            total.grade = grade_in(row).unwrap_or_default();
            reading.totals += 1;
            ended = true;
            continue;
        }
        if is_total(name) {
            reading.totals += 1;
            continue;
        }
        if row.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        // A level that cannot be read is the row before's: a sibling, never a new depth.
        let depth = depth_of(level)
            .or_else(|| entries.last().map(|(d, _)| *d))
            .unwrap_or(0);
        let (leaf, not_taken) = leaf_of(name, &get);
        reading.not_taken(index + 1, not_taken);
        entries.push((depth, leaf));
    }
    let mut rows = crate::model::IndicatorRows::default();
    // The rows open at each level: (depth, index in `rows`).
    let mut open: Vec<(u16, u32)> = Vec::new();
    let depths: Vec<u16> = entries.iter().map(|(d, _)| *d).collect();
    for (k, (depth, mut node)) in entries.into_iter().enumerate() {
        if depths.get(k + 1).is_some_and(|next| *next > depth) {
            // A group: no rule of its own, and its printed 得分 is its subtotal; whatever else
            // the row says is kept as typed.
            if node.declared.score.is_empty() {
                node.declared.score = std::mem::take(&mut node.score);
            }
            node.rule = None;
        }
        while open.last().is_some_and(|(d, _)| *d >= depth) {
            open.pop();
        }
        let parent = open
            .last()
            .map_or(crate::model::IndicatorRows::TOP, |(_, i)| *i);
        let at = rows.nodes.len() as u32;
        rows.push(node, parent, open.len() as u16);
        open.push((depth, at));
    }
    Ok((rows.into_tree(), total))
}

/// The rule a leaf is scored by: the one the 计分方法 column names (with its
/// parameters, as jixiao's forms write them), else from what was filled in (a score alone:
/// manual; 是 / 否 alone: yes / no; a level such as 部分达成, or a target of 定性: qualitative;
/// else by the comparison).
pub(super) fn rule_of(named: Option<Rule>, leaf: &Node) -> Option<Rule> {
    if named.is_some() {
        return named;
    }
    // The national form's 预算执行率 row: 执行数 ÷ 预算数, at most its 分值.
    if normalize(&leaf.name).starts_with("预算执行率") {
        return Some(Rule::BudgetExecution(
            crate::rules::BudgetExecution::default(),
        ));
    }
    let has = |s: &str| !s.trim().is_empty();
    let yes_no = matches!(leaf.actual.trim(), "是" | "否");
    // Words where numbers would be (长期 / 基本建立) with a score given: judged, not computed.
    // An approximation (约100人) is a figure, refused at its cell, not words.
    let words = |t: &str| {
        has(t)
            && crate::cell::parse_cell(t)
                .is_err_and(|e| !matches!(e, crate::cell::CellError::Approximate(..)))
    };
    let qualitative = leaf.target.trim() == "定性"
        || crate::model::Level::parse(&leaf.actual).is_some()
        || (has(&leaf.score) && words(&leaf.target) && words(&leaf.actual));
    if has(&leaf.score) && !has(&leaf.target) && !has(&leaf.actual) {
        Some(Rule::Manual(Manual {}))
    } else if yes_no && !has(&leaf.target) {
        Some(Rule::YesNo(YesNo {}))
    } else if qualitative {
        // A level achieved (部分达成, 较好 …) or a target of 定性: judged by level.
        Some(Rule::Qualitative(Qualitative {}))
    } else {
        None
    }
}
