//! From a table of cells to a sheet: find the header row, guess what each column is (the
//! user can correct the guess), then build the indicator tree or the 汇总表 rows.

mod above;

use above::is_signature_line;
pub(super) use above::{fund_name, funds_header, is_attachment, read_lines_above};
pub use above::{pasted_funds, PastedFunds, UnreadHeader};
mod build;

use super::Spreadsheet;
pub use build::{build, build_counting, build_reading, build_reading_into, Against, Reading};
pub(super) use build::{
    comparison_in, counted_against, is_project_row, join_note, unread_rule, UNREAD_RULE,
};
use serde::{Deserialize, Serialize};

/// What a column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ColumnRole {
    // Indicator tables.
    /// 层级: each row's level written out (一级 / 二级 / 三级 …), as jixiao's CSV has it.
    Depth,
    Level1,
    Level1Weight,
    /// A 一级 group's own 得分 as printed: a declared subtotal.
    Level1Score,
    Level2,
    Level2Weight,
    Level2Score,
    Indicator,
    Weight,
    Rule,
    Comparison,
    Target,
    Actual,
    Unit,
    /// A leaf's 完成率 as printed: declared, compared, never scored.
    Rate,
    /// 得分系数: the evaluator's coefficient; the row is scored 分值 × 系数.
    Coefficient,
    /// A leaf's 得分: the score of a row scored by hand, else declared.
    Score,
    Reason,
    Note,
    /// 等级 (自评等级) as printed on the total row: declared, compared, never scored.
    DeclaredGrade,
    // 汇总表.
    Seq,
    UnitName,
    Project,
    Goal,
    Budget,
    Spent,
    /// 预算完成率 as printed.
    ProjectRate,
    ProjectScore,
    Grade,
    Problems,
    Suggestions,
}

/// Every role, in the order a mapping step offers them.
pub const ALL_ROLES: &[ColumnRole] = &[
    ColumnRole::Depth,
    ColumnRole::Level1,
    ColumnRole::Level1Weight,
    ColumnRole::Level1Score,
    ColumnRole::Level2,
    ColumnRole::Level2Weight,
    ColumnRole::Level2Score,
    ColumnRole::Indicator,
    ColumnRole::Weight,
    ColumnRole::Rule,
    ColumnRole::Comparison,
    ColumnRole::Target,
    ColumnRole::Actual,
    ColumnRole::Unit,
    ColumnRole::Rate,
    ColumnRole::Coefficient,
    ColumnRole::Score,
    ColumnRole::Reason,
    ColumnRole::Note,
    ColumnRole::DeclaredGrade,
    ColumnRole::Seq,
    ColumnRole::UnitName,
    ColumnRole::Project,
    ColumnRole::Goal,
    ColumnRole::Budget,
    ColumnRole::Spent,
    ColumnRole::ProjectRate,
    ColumnRole::ProjectScore,
    ColumnRole::Grade,
    ColumnRole::Problems,
    ColumnRole::Suggestions,
];

impl ColumnRole {
    /// The name users see in the mapping step.
    pub fn label(self) -> &'static str {
        match self {
            ColumnRole::Depth => "层级（一级 / 二级 / 三级）",
            ColumnRole::Level1 => "一级指标",
            ColumnRole::Level1Weight => "一级指标分值",
            ColumnRole::Level1Score => "一级指标得分（申报）",
            ColumnRole::Level2 => "二级指标",
            ColumnRole::Level2Weight => "二级指标分值",
            ColumnRole::Level2Score => "二级指标得分（申报）",
            ColumnRole::Indicator => "三级指标（指标名称）",
            ColumnRole::Weight => "分值",
            ColumnRole::Rule => "计分方法",
            ColumnRole::Comparison => "比较方式",
            ColumnRole::Target => "年度指标值",
            ColumnRole::Actual => "实际完成值",
            ColumnRole::Unit => "计量单位",
            ColumnRole::Rate => "完成率（申报）",
            ColumnRole::Coefficient => "得分系数",
            ColumnRole::Score => "得分",
            ColumnRole::Reason => "偏差原因及改进措施",
            ColumnRole::Note => "备注",
            ColumnRole::DeclaredGrade => "等级（申报）",
            ColumnRole::Seq => "序号",
            ColumnRole::UnitName => "单位名称",
            ColumnRole::Project => "项目名称",
            ColumnRole::Goal => "绩效目标",
            ColumnRole::Budget => "预算数",
            ColumnRole::Spent => "完成数",
            ColumnRole::ProjectRate => "预算完成率（申报）",
            ColumnRole::ProjectScore => "分数",
            ColumnRole::Grade => "等级",
            ColumnRole::Problems => "问题",
            ColumnRole::Suggestions => "建议",
        }
    }

    pub fn kind(self) -> ImportKind {
        use ColumnRole::*;
        match self {
            Seq | UnitName | Project | Goal | Budget | Spent | ProjectRate | ProjectScore
            | Grade | Problems | Suggestions => ImportKind::Summary,
            _ => ImportKind::Indicators,
        }
    }
}

/// What a table becomes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportKind {
    /// An indicator table: a sheet's tree.
    Indicators,
    /// A 汇总表: one row per project.
    Summary,
}

/// How to read one table: where its header is and what each column holds (`None`: skip).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mapping {
    pub table: usize,
    pub header_row: usize,
    /// The header is on two rows, `header_row` and the one above it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub stacked: bool,
    pub kind: ImportKind,
    pub roles: Vec<Option<ColumnRole>>,
}

/// What a file holds, with a guessed mapping for each table, for the user to confirm.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Preview {
    /// The file carries a jixiao sheet or workbook (a form jixiao wrote, with its hidden
    /// copy): it is read with no mapping.
    pub embedded: bool,
    /// The visible worksheets are jixiao's forms, without the hidden copy: read with no
    /// mapping too.
    pub form: bool,
    pub tables: Vec<TablePreview>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TablePreview {
    pub name: String,
    /// Rows in the table, header included.
    pub rows: usize,
    /// The guess; `None` when no header row was recognised.
    pub mapping: Option<Mapping>,
    /// The header row's cells (or the first row's).
    pub headers: Vec<String>,
    /// The first rows under the header.
    pub sample: Vec<Vec<String>>,
    /// For each column: its header is empty, names a role or names what a form computes
    /// (完成率): nothing in it goes unread unseen.
    pub understood: Vec<bool>,
    /// Every column is understood: read at once, without a mapping step.
    pub certain: bool,
}

impl TablePreview {
    /// The headings of the columns read for nothing although something is written under them
    /// (their heading names nothing, or a role an earlier column has): what an import no one
    /// confirmed leaves out, to be said.
    pub fn unread(&self, spreadsheet: &Spreadsheet) -> Vec<String> {
        let Some(mapping) = &self.mapping else {
            return Vec::new();
        };
        let rows = spreadsheet.tables.get(mapping.table).map_or(&[][..], |t| {
            t.rows.get(mapping.header_row + 1..).unwrap_or(&[])
        });
        // A signature line under the table is read into the 基本信息, whatever its columns.
        let written = |c: usize| {
            rows.iter()
                .filter(|r| !is_signature_line(r))
                .any(|r| r.get(c).is_some_and(|v| !v.trim().is_empty()))
        };
        (0..self.headers.len())
            .filter(|&c| !self.understood.get(c).copied().unwrap_or(true) && written(c))
            .map(|c| {
                self.headers[c]
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    }
}

/// How far down a header row is looked for (titles, 基本信息 and a 资金 block come first).
const HEADER_SEARCH_ROWS: usize = 40;

/// A full-width character as its ASCII form (`（` as `(`, `：` as `:`, `Ａ` as `A`), as
/// [`normalize`] and the labels of the lines around a table read it.
fn half_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

/// Header text without spaces, line breaks, full-width forms and unit notes: "预算\n完成率",
/// "预算数（万元）" and "分 值" read as "预算完成率", "预算数", "分值".
fn normalize(header: &str) -> String {
    let mut s: String = header
        .chars()
        .map(half_width)
        .filter(|c| !c.is_whitespace())
        .collect();
    for note in ["(万元)", "(元)", "(分)", "(%)", "(单位:万元)"] {
        s = s.replace(note, "");
    }
    s
}

/// A header without what units add to the words of a column: a note in brackets
/// ("实际完成值（2023年）", "年度指标值(2023年度)"), a year or 全年 in front ("2023年实际完成值",
/// "全年实际完成值"). `None` when there is nothing to take off.
fn unqualified(h: &str) -> Option<String> {
    let mut out = String::with_capacity(h.len());
    let mut depth = 0usize;
    for c in h.chars() {
        match c {
            '(' | '[' | '【' | '〔' => depth += 1,
            ')' | ']' | '】' | '〕' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    let digits = out.chars().take_while(char::is_ascii_digit).count();
    if digits == 4 {
        let after = &out[4..];
        let after = after
            .strip_prefix("年度")
            .or_else(|| after.strip_prefix('年'))
            .unwrap_or(after);
        out = after.to_string();
    }
    if let Some(rest) = out.strip_prefix("全年") {
        out = rest.to_string();
    }
    (out != h && !out.is_empty()).then_some(out)
}

/// Headers that name the indicators in general: a table's column of names when it has no
/// other, else a label beside it (the 10号 form's 绩效指标, down the left of its 一级 / 二级 /
/// 三级 columns, its cells empty).
const GENERAL_INDICATOR: [&str; 5] = ["绩效指标", "指标", "考核指标", "评价指标", "指标内容"];

/// Headers that name a 汇总表's 单位名称 only where no other column does (see [`roles_for`]):
/// a table listing its projects by 主管部门 alone has no other unit to give them.
const STANDING_IN: [&str; 2] = ["主管部门", "主管单位"];

/// The labels of a 等级, as a column's header and before a grade under the table (`自评等级：优`),
/// longest first, as a label is taken off the front of a cell.
pub(super) const GRADE_LABELS: [&str; 4] = ["自评等级", "评价等级", "绩效等级", "等级"];

/// The role a header names, given the kind of table and the column before it.
fn role_named(h: &str, kind: ImportKind, previous: Option<ColumnRole>) -> Option<ColumnRole> {
    use ColumnRole::*;
    match kind {
        ImportKind::Indicators => Some(match h {
            "层级" | "级次" | "指标层级" => Depth,
            "一级指标" | "一级" => Level1,
            "二级指标" | "二级" => Level2,
            "三级指标" | "三级" | "指标名称" => Indicator,
            h if GENERAL_INDICATOR.contains(&h) => Indicator,
            "分值" | "权重" | "标准分" | "满分" | "指标分值" => match previous {
                Some(Level1) => Level1Weight,
                Some(Level2) => Level2Weight,
                _ => Weight,
            },
            "计分方法" | "评分方法" | "计分规则" => Rule,
            "比较方式" | "比较" | "指标性质" => Comparison,
            "年度指标值" | "指标值" | "目标值" | "预期指标值" | "年度目标值" | "预期值" => {
                Target
            }
            "实际完成值" | "实际值" | "完成值" | "实际完成情况" | "年度实现值" | "实现值" => {
                Actual
            }
            "计量单位" | "单位" => Unit,
            "完成率" | "指标完成率" | "完成比例" | "完成程度" => Rate,
            "得分系数" | "评分系数" | "系数" => Coefficient,
            // A group's own 得分 column (as jixiao writes them): its subtotal as printed.
            "得分" | "自评得分" | "自评分" | "得分/自评分" | "评分" | "评价得分" => {
                match previous {
                    Some(Level1Weight) => Level1Score,
                    Some(Level2Weight) => Level2Score,
                    _ => Score,
                }
            }
            "偏差原因"
            | "偏差原因及改进措施"
            | "偏差原因分析及改进措施"
            | "原因分析及改进措施"
            | "偏差原因分析" => Reason,
            "备注" | "佐证材料" | "评分标准" => Note,
            h if GRADE_LABELS.contains(&h) => DeclaredGrade,
            _ => return None,
        }),
        ImportKind::Summary => Some(match h {
            "序号" | "编号" => Seq,
            "单位名称" | "单位" | "预算单位" | "部门" | "部门名称" => UnitName,
            // The department a project is listed under: its 单位 where no column names one.
            h if STANDING_IN.contains(&h) => UnitName,
            "项目名称" | "项目" => Project,
            "绩效目标" | "项目目标" => Goal,
            "预算数" | "全年预算数" | "预算" | "预算金额" | "预算资金" => Budget,
            "完成数" | "执行数" | "实际支出" | "全年执行数" | "支出数" => Spent,
            "预算完成率" | "完成率" | "执行率" | "预算执行率" => ProjectRate,
            "分数" | "得分" | "评价得分" | "总分" | "综合得分" | "自评得分" => {
                ProjectScore
            }
            h if GRADE_LABELS.contains(&h) => Grade,
            "问题" | "存在问题" | "主要问题" | "存在的问题" => Problems,
            "建议" | "改进建议" | "意见建议" | "建议措施" => Suggestions,
            _ => return None,
        }),
    }
}

/// The role each header of `row` names: as written, else without what units add to it
/// ([`unqualified`]).
pub(super) fn roles_for(row: &[String], kind: ImportKind) -> Vec<Option<ColumnRole>> {
    let mut roles = Vec::with_capacity(row.len());
    let mut qualified = Vec::with_capacity(row.len());
    let mut previous = None;
    for cell in row {
        let h = normalize(cell);
        let (role, by_words) = match role_named(&h, kind, previous) {
            Some(role) => (Some(role), STANDING_IN.contains(&h.as_str())),
            None => (
                unqualified(&h).and_then(|u| role_named(&u, kind, previous)),
                true,
            ),
        };
        roles.push(role);
        qualified.push(by_words && role.is_some());
        previous = role;
    }
    // A column named only once its qualifier is taken off is that column while no other
    // names the same: 实际完成值（2022年） beside 实际完成值（2023年） is for the user to choose.
    // So is 主管部门 beside 单位名称.
    let claims = |role: Option<ColumnRole>| roles.iter().filter(|r| **r == role).count();
    let ambiguous: Vec<bool> = (0..roles.len())
        .map(|i| qualified[i] && claims(roles[i]) > 1)
        .collect();
    for (role, ambiguous) in roles.iter_mut().zip(ambiguous) {
        if ambiguous {
            *role = None;
        }
    }
    // Beside a column of 三级指标, a 绩效指标 column is the form's label: the names are there.
    let general: Vec<bool> = row
        .iter()
        .map(|h| GENERAL_INDICATOR.contains(&normalize(h).as_str()))
        .collect();
    let indicator = Some(ColumnRole::Indicator);
    if (0..roles.len()).any(|c| roles[c] == indicator && !general[c]) {
        for (role, general) in roles.iter_mut().zip(general) {
            if *role == indicator && general {
                *role = None;
            }
        }
    }
    roles
}

/// Headers that name what a form computes or counts (完成率, 计分说明, a group's 得分, 序号):
/// not read, and known not to be.
const RESULT_HEADERS: [&str; 9] = [
    "完成率",
    "预算完成率",
    "执行率",
    "计分说明",
    "序号",
    "得分",
    "自评得分",
    "评分",
    "得分/自评分",
];

/// For each column of the header `row`: whether it is empty, has a role or is one of
/// [`RESULT_HEADERS`].
fn understood(row: &[String], roles: &[Option<ColumnRole>]) -> Vec<bool> {
    row.iter()
        .enumerate()
        .map(|(c, header)| {
            let h = normalize(header);
            h.is_empty()
                || roles.get(c).copied().flatten().is_some()
                || RESULT_HEADERS.contains(&h.as_str())
                || (GENERAL_INDICATOR.contains(&h.as_str())
                    && roles.contains(&Some(ColumnRole::Indicator)))
        })
        .collect()
}

/// Each role in one column: a table is read from the first column of a role alone, so a later
/// column naming it again (`指标值` merged over 年度指标值 and 实际完成值, and filled in both) is
/// left for the user to assign, not given a role it would not be read for.
fn one_column_each(mut roles: Vec<Option<ColumnRole>>) -> Vec<Option<ColumnRole>> {
    for c in 1..roles.len() {
        if roles[c].is_some() && roles[..c].contains(&roles[c]) {
            roles[c] = None;
        }
    }
    roles
}

/// The level a table's rows start at: 0 when it names 一级 groups, 1 when its groups start at
/// 二级, 2 when it holds indicators alone.
pub fn top_depth(mapping: &Mapping) -> usize {
    let has = |role| mapping.roles.contains(&Some(role));
    if has(ColumnRole::Level1) {
        0
    } else if has(ColumnRole::Level2) {
        1
    } else {
        2
    }
}

/// What a user fixed in the mapping step: the header row and what the table is. The columns
/// are then guessed again for that choice.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
pub struct Choice {
    pub header_row: Option<usize>,
    pub kind: Option<ImportKind>,
}

/// Guesses each table's header row and columns.
pub fn detect(spreadsheet: &Spreadsheet) -> Preview {
    detect_with(spreadsheet, &[])
}

/// Guesses each table's header row and columns, keeping what the user fixed for a table
/// (`choices[t]`; tables without a choice are guessed entirely).
pub fn detect_with(spreadsheet: &Spreadsheet, choices: &[Choice]) -> Preview {
    let tables = spreadsheet
        .tables
        .iter()
        .enumerate()
        .map(|(t, table)| {
            let choice = choices.get(t).copied().unwrap_or_default();
            let (mapping, header) = match guess(t, &table.rows, choice) {
                Some((mapping, header)) => (Some(mapping), Some(header)),
                None => (None, None),
            };
            let header_row = mapping.as_ref().map_or(0, |m| m.header_row);
            let headers =
                header.unwrap_or_else(|| table.rows.get(header_row).cloned().unwrap_or_default());
            TablePreview {
                name: table.name.clone(),
                rows: table.rows.len(),
                sample: table
                    .rows
                    .iter()
                    .skip(header_row + 1)
                    .filter(|r| r.iter().any(|c| !c.is_empty()))
                    .take(8)
                    .cloned()
                    .collect(),
                understood: mapping
                    .as_ref()
                    .map(|m| understood(&headers, &m.roles))
                    .unwrap_or_default(),
                certain: mapping
                    .as_ref()
                    .is_some_and(|m| understood(&headers, &m.roles).iter().all(|&u| u)),
                headers,
                mapping,
            }
        })
        .collect();
    Preview {
        embedded: spreadsheet.embedded.is_some(),
        form: false,
        tables,
    }
}

/// The best header row (the one naming the most columns) and its columns' roles, with the
/// header as read. A row the user chose is taken even when it names few columns, so they can
/// assign the rest.
pub(super) fn guess(
    table: usize,
    rows: &[Vec<String>],
    choice: Choice,
) -> Option<(Mapping, Vec<String>)> {
    let kinds: &[ImportKind] = match choice.kind {
        Some(ImportKind::Indicators) => &[ImportKind::Indicators],
        Some(ImportKind::Summary) => &[ImportKind::Summary],
        None => &[ImportKind::Indicators, ImportKind::Summary],
    };
    let candidates = match choice.header_row {
        Some(r) if r < rows.len() => r..r + 1,
        Some(_) => return None,
        None => 0..rows.len().min(HEADER_SEARCH_ROWS),
    };
    // A header on two rows (绩效指标 over 一级 / 二级 / 三级指标, 年度指标值 beside it spanning
    // both) is read as one, the lower row's words first; the rows start under it. The upper
    // row must be a header's: over a word of the lower row, a label merged across columns (a
    // word with blanks after it, or repeated beside it as an .xlsx file's merged cells are
    // filled in) or that same word (merged over both rows); over a blank, a word that names a
    // column. A row of other text above a header (单位 | XX局 | … | 备注) is not one.
    let stacked = |r: usize| -> Option<Vec<String>> {
        let (upper, lower) = (rows.get(r.checked_sub(1)?)?, rows.get(r)?);
        let width = upper.len().max(lower.len());
        let cell = |row: &Vec<String>, c: usize| row.get(c).cloned().unwrap_or_default();
        let blank = |row: &Vec<String>, c: usize| cell(row, c).trim().is_empty();
        let names = |c: usize| {
            let h = normalize(&cell(upper, c));
            RESULT_HEADERS.contains(&h.as_str())
                || kinds.iter().any(|&k| role_named(&h, k, None).is_some())
        };
        let header = (0..width).all(|c| match (blank(upper, c), blank(lower, c)) {
            (true, _) => true,
            (false, false) => {
                let beside = |d: usize| blank(upper, d) || cell(upper, d) == cell(upper, c);
                cell(upper, c) == cell(lower, c)
                    || (c + 1 < width && beside(c + 1))
                    || (c > 0 && cell(upper, c - 1) == cell(upper, c))
            }
            (false, true) => names(c),
        });
        header.then(|| {
            (0..width)
                .map(|c| match cell(lower, c) {
                    l if l.trim().is_empty() => cell(upper, c),
                    l => l,
                })
                .collect()
        })
    };
    let headers = candidates.clone().flat_map(|r| {
        let two = stacked(r).filter(|_| choice.header_row.is_none());
        std::iter::once((r, false, rows[r].clone())).chain(two.map(|h| (r, true, h)))
    });
    let mut best: Option<(usize, Mapping, Vec<String>)> = None;
    for (r, stacked, header) in headers {
        for &kind in kinds {
            let roles = one_column_each(roles_for(&header, kind));
            let found = roles.iter().flatten().count();
            let usable = match kind {
                ImportKind::Indicators => roles.iter().flatten().any(|r| {
                    matches!(
                        r,
                        ColumnRole::Indicator | ColumnRole::Level1 | ColumnRole::Level2
                    )
                }),
                ImportKind::Summary => roles.contains(&Some(ColumnRole::Project)),
            };
            let chosen = choice.header_row.is_some();
            let acceptable = chosen || (found >= 2 && usable);
            if acceptable && best.as_ref().is_none_or(|(n, _, _)| found > *n) {
                let mapping = Mapping {
                    table,
                    header_row: r,
                    stacked,
                    kind,
                    roles,
                };
                best = Some((found, mapping, header.clone()));
            }
        }
    }
    best.map(|(_, m, header)| (m, header))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Rule;
    use crate::rules::{Manual, Qualitative, YesNo};
    use crate::xlsx::SpreadsheetError;

    fn sheet(rows: &[&[&str]]) -> Spreadsheet {
        let cells = rows
            .iter()
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .collect();
        Spreadsheet::of_cells("表2", cells)
    }

    #[test]
    fn reads_seed001_table2_with_merged_group_cells_and_three_weight_columns() {
        // As calamine gives it once merged cells are filled: group names repeat.
        let s = sheet(&[
            &["表 2：部门整体绩效指标评分表", "", "", "", "", "", ""],
            &[
                "一级指标",
                "分值",
                "二级指标",
                "分值",
                "三级指标",
                "分值",
                "得分/自评分",
            ],
            &[
                "履职效能",
                "50",
                "整体效能",
                "50",
                "部门整体绩效目标产出指标完成情况",
                "20",
                "19.99",
            ],
            &[
                "履职效能",
                "50",
                "整体效能",
                "50",
                "部门预算资金支出率",
                "10",
                "9.91",
            ],
            &[
                "管理效率",
                "50",
                "预算编制",
                "3",
                "新增预算项目事前绩效评估",
                "3",
                "3",
            ],
            &["管理效率", "50", "预算执行", "4", "结转结余率", "2", "2"],
            &["合计", "", "", "", "", "", "94.90"],
        ]);
        let preview = detect(&s);
        let mapping = preview.tables[0].mapping.clone().unwrap();
        assert_eq!(mapping.header_row, 1);
        assert_eq!(mapping.kind, ImportKind::Indicators);
        use ColumnRole::*;
        assert_eq!(
            mapping.roles,
            vec![
                Some(Level1),
                Some(Level1Weight),
                Some(Level2),
                Some(Level2Weight),
                Some(Indicator),
                Some(Weight),
                Some(Score)
            ]
        );
        let built = build(&s, &mapping).unwrap();
        assert_eq!(built.meta.title, "表 2：部门整体绩效指标评分表");
        let tree = &built.indicators;
        assert_eq!(tree.len(), 2);
        assert_eq!(
            (tree[0].name.as_str(), tree[0].weight.as_str()),
            ("履职效能", "50")
        );
        assert_eq!(tree[0].children[0].children.len(), 2);
        assert_eq!(tree[1].children.len(), 2, "预算编制, 预算执行");
        let leaf = &tree[0].children[0].children[1];
        assert_eq!(
            (leaf.name.as_str(), leaf.score.as_str(), &leaf.rule),
            (
                "部门预算资金支出率",
                "9.91",
                &Some(crate::model::Rule::Manual(Manual {}))
            )
        );
    }

    #[test]
    fn reads_a_summary_and_skips_its_total_row() {
        let s = sheet(&[
            &[
                "序号",
                "单位名称",
                "项目名称",
                "预算数（万元）",
                "完成数（万元）",
                "预算\n完成率",
                "分数",
                "等级",
            ],
            &[
                "1",
                "昌华街道",
                "泮塘五约",
                "420.00",
                "404.25",
                "96.25%",
                "82.06",
                "良",
            ],
            &["", "合计", "", "420.00", "404.25", "96.25%", "——", "——"],
        ]);
        let mapping = detect(&s).tables[0].mapping.clone().unwrap();
        assert_eq!(mapping.kind, ImportKind::Summary);
        assert_eq!(
            mapping.roles[5],
            Some(ColumnRole::ProjectRate),
            "the rate as printed, to compare with ours"
        );
        let built = build(&s, &mapping).unwrap();
        assert_eq!(built.projects.len(), 1);
        assert_eq!(built.projects[0].spent, "404.25");
        assert_eq!(built.projects[0].declared.rate, "96.25%");
        assert_eq!(built.declared.rate, "96.25%", "the 合计's");
    }

    /// A reviewer's: under a table ending in a 合计 row, a signature line holding anything but
    /// labelled values (`填表人：张三 | 审核人：李四 | 2024年3月5日`) was read as indicators: a
    /// group 填表人：张三 with a leaf 审核人：李四 whose target was the date. Each line is read
    /// into the 基本信息 or said, and the indicators are the table's own.
    #[test]
    fn signature_lines_under_a_total_row_are_no_indicators() {
        let s = sheet(&[
            &[
                "一级指标",
                "二级指标",
                "三级指标",
                "分值",
                "年度指标值",
                "得分",
            ],
            &["产出指标", "数量指标", "维护里程", "100", "15公里", "90"],
            &["合计", "", "", "100", "", "90"],
            &["填表人：张三", "审核人：李四", "2024年3月5日", "", "", ""],
            &[
                "填表人：张三",
                "审核人：李四",
                "日期：2024-03-05",
                "",
                "",
                "",
            ],
            &[
                "填报单位（盖章）：某局",
                "填报人：张三",
                "（盖章）",
                "",
                "",
                "",
            ],
            &[
                "单位负责人：王五",
                "填报人：张三",
                "联系电话：123",
                "填报时间：2024-03-05",
                "",
                "",
            ],
            &["填报人：张三", "", "审核：李四", "", "", ""],
        ]);
        let mapping = detect(&s).tables[0].mapping.clone().unwrap();
        let (built, reading) = build_reading(&s, &mapping).unwrap();
        let names: Vec<&str> = built.indicators.iter().map(|n| n.name.as_str()).collect();
        assert_eq!(names, ["产出指标"]);
        let m = &built.meta;
        assert_eq!(
            [&m.preparer, &m.reviewer, &m.date, &m.phone, &m.unit],
            ["张三", "李四", "2024年3月5日", "123", "某局"]
        );
        assert_eq!(
            reading.signature_untaken,
            [
                "日期：2024-03-05",
                "单位负责人：王五",
                "填报时间：2024-03-05"
            ]
        );
    }

    /// From the last session's notes: a row under the 总分 row that is no signature line nor a
    /// grade (`填报人 | 90`, a figure being no one's name; a note) was dropped unsaid. A paste
    /// (tab-separated, as the page splits it) says each such row by its number and text; the
    /// blank row, the signature line and the 等级 line under it are read, not said.
    #[test]
    fn rows_under_the_total_row_that_nothing_reads_are_said() {
        let pasted = [
            "一级指标\t二级指标\t三级指标\t分值\t指标值\t实际完成值\t得分",
            "产出\t数量\t完成数\t50\t100\t100\t50",
            "效益\t满意度\t满意度\t50\t90%\t95%\t50",
            "总分\t\t\t100\t\t\t100",
            "填报人\t90",
            "\t\t",
            "说明：满意度按抽样调查",
            "填报人：张三\t联系电话：123",
            "等级\t优",
        ];
        let cells: Vec<Vec<String>> = pasted
            .iter()
            .map(|l| l.split('\t').map(str::to_string).collect())
            .collect();
        let s = Spreadsheet::of_cells("粘贴的内容", cells);
        let mapping = detect(&s).tables[0].mapping.clone().unwrap();
        let (built, reading) = build_reading(&s, &mapping).unwrap();
        let names: Vec<&str> = built.indicators.iter().map(|n| n.name.as_str()).collect();
        assert_eq!(names, ["产出", "效益"]);
        assert_eq!(
            (built.meta.preparer.as_str(), built.declared.grade.as_str()),
            ("张三", "优")
        );
        assert_eq!(
            reading.below,
            [
                (5, "填报人 90".to_string()),
                (7, "说明：满意度按抽样调查".into())
            ]
        );
        assert_eq!(
            reading.said(),
            ["表格总分行下方第5、7行未读入：“填报人 90”“说明：满意度按抽样调查”；如是指标，请移到总分行之上，其他内容如需要请写到备注或自评报告中"]
        );
    }

    /// The notice named the row a table ends at 总分行 when the table ends with 总计: the user
    /// looked for a row the table does not have. It names the row the table has.
    #[test]
    fn rows_under_a_total_are_said_under_the_label_it_has() {
        for (end, depth) in [("总计", false), ("总计", true), ("总分", true)] {
            let (by_depth, by_name) = (
                format!("{end}\t\t100\t90"),
                format!("{end}\t\t\t100\t\t\t90"),
            );
            let lines = if depth {
                [
                    "层级\t指标名称\t分值\t得分",
                    "一级\t完成数\t100\t90",
                    &by_depth,
                    "说明：抽样",
                ]
            } else {
                [
                    "一级指标\t二级指标\t三级指标\t分值\t指标值\t实际完成值\t得分",
                    "产出\t数量\t完成数\t100\t100\t90\t90",
                    &by_name,
                    "说明：抽样",
                ]
            };
            let cells: Vec<Vec<String>> = lines
                .iter()
                .map(|l| l.split('\t').map(str::to_string).collect())
                .collect();
            let s = Spreadsheet::of_cells("粘贴的内容", cells);
            let mapping = detect(&s).tables[0].mapping.clone().unwrap();
            let (_, reading) = build_reading(&s, &mapping).unwrap();
            assert_eq!(
                reading.said(),
                [format!("表格{end}行下方第4行未读入：“说明：抽样”；如是指标，请移到{end}行之上，其他内容如需要请写到备注或自评报告中")],
                "{end} {depth}"
            );
        }
    }

    /// The same under a table whose 层级 column gives its tree (as jixiao's CSV writes it):
    /// reading stopped at the 总分 row, and every row after it went unsaid. A second 等级 that
    /// differs from the 总分 row's is said; the 计分设置 line (read) and the calculator's own
    /// note on rescaling (worked out again) are not; a long text is cut.
    #[test]
    fn rows_under_the_total_of_a_table_by_depth_are_said() {
        let long = "说明：".to_string() + &"满意度按抽样调查".repeat(6);
        let s = sheet(&[
            &["层级", "指标名称", "分值", "实际完成值", "得分"],
            &["一级", "产出", "100", "", ""],
            &["二级", "完成数", "100", "100", "100"],
            &["总分", "100", "等级", "优", ""],
            &[
                "折算",
                "有1项指标不适用，按适用指标分值折算：90×100÷90=100",
                "",
                "",
                "",
            ],
            &["计分设置：得分保留1位小数", "", "", "", ""],
            &["等级", "优", "", "", ""],
            &["等级", "良", "", "", ""],
            &["完成数", "20", "", "", ""],
            &[long.as_str(), "", "", "", ""],
        ]);
        let mapping = detect(&s).tables[0].mapping.clone().unwrap();
        assert_eq!(mapping.roles[0], Some(ColumnRole::Depth));
        let (built, reading) = build_reading(&s, &mapping).unwrap();
        assert_eq!(built.declared.grade, "优");
        let cut: String = long.chars().take(40).collect();
        assert_eq!(
            reading.below,
            [
                (8, "等级 良".to_string()),
                (9, "完成数 20".into()),
                (10, format!("{cut}…")),
            ]
        );
    }

    /// A review's: under the 总分 row, a line the 基本信息 has a field for was said as not
    /// read: `主要问题：…`, `改进建议：…`, `年度总体目标 | …` (read into their fields above the
    /// table) and a date alone (the 填报日期 beside a signature label). Each is read as the
    /// signature lines are: into its field where that is blank, a free text to the end of its
    /// cell; one whose field holds another value (the 主要问题 above the header, the date
    /// read first) is said, never put in its place. A note is still said as unread.
    #[test]
    fn lines_under_the_total_with_a_field_are_read_into_it() {
        let pasted = [
            "主要问题：资金拨付慢",
            "一级指标\t二级指标\t三级指标\t分值\t指标值\t实际完成值\t得分",
            "产出\t数量\t完成数\t50\t100\t100\t50",
            "效益\t满意度\t满意度\t50\t90%\t95%\t50",
            "总分\t\t\t100\t\t\t100",
            "主要问题：进度偏慢",
            "改进建议：加快进度；项目：下年度继续",
            "年度总体目标\t完成3个站点建设",
            "\t\t\t\t（盖章）\t2024年3月5日",
            "2024-03-06",
            "说明：满意度按抽样调查",
        ];
        let cells: Vec<Vec<String>> = pasted
            .iter()
            .map(|l| l.split('\t').map(str::to_string).collect())
            .collect();
        let s = Spreadsheet::of_cells("粘贴的内容", cells);
        let mapping = detect(&s).tables[0].mapping.clone().unwrap();
        let (built, reading) = build_reading(&s, &mapping).unwrap();
        let names: Vec<&str> = built.indicators.iter().map(|n| n.name.as_str()).collect();
        assert_eq!(names, ["产出", "效益"]);
        let meta = &built.meta;
        assert_eq!(
            [&meta.problems, &meta.suggestions, &meta.goal, &meta.date],
            [
                "资金拨付慢",
                "加快进度；项目：下年度继续",
                "完成3个站点建设",
                "2024年3月5日"
            ]
        );
        assert_eq!(meta.project, "");
        assert_eq!(
            reading.signature_untaken,
            ["主要问题：进度偏慢", "2024-03-06"]
        );
        assert_eq!(reading.below, [(11, "说明：满意度按抽样调查".to_string())]);
    }

    /// From the last session's notes: under a table, a line of `日期：` and a date alone was read
    /// as an indicator (a group named 日期：2024-03-05), and a template's blank date as another
    /// or as a row of the indicator above it continued. The date is the 填报日期; the blank date
    /// is nothing, said nowhere.
    #[test]
    fn a_date_line_and_a_blank_date_under_the_table_are_no_indicators() {
        let s = sheet(&[
            &[
                "一级指标",
                "二级指标",
                "三级指标",
                "分值",
                "年度指标值",
                "得分",
            ],
            &["产出指标", "数量指标", "维护里程", "100", "15公里", "90"],
            &["年  月  日", "", "", "", "", ""],
            &["", "", "", "", "    年    月    日", ""],
            &["日期：2024-03-05", "", "", "", "", ""],
        ]);
        let mapping = detect(&s).tables[0].mapping.clone().unwrap();
        let (built, reading) = build_reading(&s, &mapping).unwrap();
        let names: Vec<&str> = built.indicators.iter().map(|n| n.name.as_str()).collect();
        assert_eq!(names, ["产出指标"]);
        assert_eq!(built.indicators[0].children[0].children.len(), 1);
        assert_eq!(built.meta.date, "2024-03-05");
        assert!(reading.signature_untaken.is_empty());
        assert!(reading.said().is_empty(), "{:?}", reading.said());
    }

    /// From the last session's notes: a CSV's 资金 block without the 项目资金 label (`资金来源 |
    /// 年初预算数 | …` over `年度资金总额 | …`), which a paste reads, was dropped unsaid: it is
    /// read by the paste's rule, its 分值 the 预算执行率; a heading that rule cannot place is
    /// said in the notice.
    #[test]
    fn a_csvs_funds_block_without_its_label_is_read_as_a_paste_is() {
        let table = |funds_header: &'static [&'static str]| {
            sheet(&[
                funds_header,
                &["年度资金总额", "200", "200", "190", "10", ""],
                &["其中：财政拨款", "200", "200", "190", "", ""],
                &["", "", "", "", "", ""],
                &[
                    "一级指标",
                    "二级指标",
                    "三级指标",
                    "分值",
                    "年度指标值",
                    "得分",
                ],
                &["产出指标", "数量指标", "维护里程", "90", "15公里", "90"],
            ])
        };
        let s = table(&[
            "资金来源",
            "年初预算数",
            "全年预算数",
            "全年执行数",
            "分值",
            "",
        ]);
        let mapping = detect(&s).tables[0].mapping.clone().unwrap();
        let (built, reading) = build_reading(&s, &mapping).unwrap();
        let funds: Vec<(&str, &str)> = built
            .funds
            .iter()
            .map(|f| (f.name.as_str(), f.spent.as_str()))
            .collect();
        assert_eq!(funds, [("年度资金总额", "190"), ("财政拨款", "190")]);
        assert_eq!(built.indicators[0].name, "预算执行率");
        assert!(reading.said().is_empty(), "{:?}", reading.said());
        let s = table(&[
            "资金来源",
            "本年预算",
            "全年预算数",
            "全年执行数",
            "分值",
            "",
        ]);
        let mapping = detect(&s).tables[0].mapping.clone().unwrap();
        let (built, reading) = build_reading(&s, &mapping).unwrap();
        assert!(built.funds.is_empty());
        assert_eq!(reading.said().len(), 1);
        assert!(
            reading.said()[0].contains("“本年预算”未能识别"),
            "{:?}",
            reading.said()
        );
    }

    /// A blank template saved as CSV: every row named down to 二级 and no further is an
    /// indicator not yet named, not an indicator called 数量指标.
    #[test]
    fn rows_named_down_to_the_second_level_are_unnamed_leaves() {
        let s = sheet(&[
            &["一级指标", "二级指标", "三级指标", "分值", "比较方式"],
            &["产出指标", "数量指标", "", "10", "≥"],
            &["", "数量指标", "", "10", "≥"],
            &["", "质量指标", "", "10", "≥"],
        ]);
        let tree = build(&s, &detect(&s).tables[0].mapping.clone().unwrap())
            .unwrap()
            .indicators;
        let groups: Vec<(&str, usize)> = tree[0]
            .children
            .iter()
            .map(|g| (g.name.as_str(), g.children.len()))
            .collect();
        assert_eq!(groups, [("数量指标", 2), ("质量指标", 1)]);
        assert!(tree[0].children[0]
            .children
            .iter()
            .all(|l| l.name.is_empty()));
    }

    /// Saved as CSV, a leaf at the 二级 level keeps its name in the 二级 column alone, the
    /// 二级 分值 and 三级 columns it was merged over left blank: that leaf, not a group of one
    /// unnamed leaf. A 二级 group with its 分值 and a leaf not yet named stays so.
    #[test]
    fn a_second_level_name_merged_over_the_group_weight_is_a_leaf() {
        let s = sheet(&[
            &[
                "一级指标",
                "二级指标",
                "分值",
                "三级指标",
                "分值",
                "计分方法",
            ],
            &["履职效能", "数量指标", "10", "", "10", "比率法"],
            &["", "工作表现加减分", "", "", "5", "加减分（±5分）"],
        ]);
        let tree = build(&s, &detect(&s).tables[0].mapping.clone().unwrap())
            .unwrap()
            .indicators;
        let rows: Vec<(&str, &str, usize)> = tree[0]
            .children
            .iter()
            .map(|n| (n.name.as_str(), n.weight.as_str(), n.children.len()))
            .collect();
        assert_eq!(rows, [("数量指标", "10", 1), ("工作表现加减分", "5", 0)]);
        assert!(matches!(
            tree[0].children[1].rule,
            Some(Rule::Adjustment(_))
        ));
    }

    #[test]
    fn a_unit_merged_over_its_projects_is_each_projects_unit() {
        let s = sheet(&[
            &["序号", "单位名称", "项目名称", "预算数", "完成数"],
            &["1", "区教育局", "校舍改造", "100", "90"],
            &["2", "", "课后服务", "50", "50"],
            &["3", "区卫健局", "义诊", "20", "20"],
        ]);
        let built = build(&s, &detect(&s).tables[0].mapping.clone().unwrap()).unwrap();
        let units: Vec<&str> = built.projects.iter().map(|p| p.unit.as_str()).collect();
        assert_eq!(units, ["区教育局", "区教育局", "区卫健局"]);
    }

    /// Headers as units qualify them (a year, 全年, a note in brackets) name the same columns;
    /// 实际完成值（2023年） lost the whole column, and a reviewer's check called every row a slip.
    #[test]
    fn headers_qualified_by_a_year_or_a_note_name_their_columns() {
        use ColumnRole::*;
        let indicators = |h: &str| roles_for(&[h.to_string()], ImportKind::Indicators)[0];
        for (header, role) in [
            ("实际完成值（2023年）", Actual),
            ("实际完成值(2023年)", Actual),
            ("全年实际完成值", Actual),
            ("2023年实际完成值", Actual),
            ("2023年度实际完成值", Actual),
            ("年度指标值（2023年）", Target),
            ("年度指标值", Target),
            ("得分（满分10分）", Score),
            ("备注【佐证材料】", Note),
        ] {
            assert_eq!(indicators(header), Some(role), "{header}");
        }
        for header in ["（2023年）", "2023年", "全年", "完成情况说明"] {
            assert_eq!(indicators(header), None, "{header}");
        }
        // Two columns that name one only by their qualifiers are left to the user.
        let two_years = roles_for(
            &["指标名称", "实际完成值（2022年）", "实际完成值（2023年）"].map(String::from),
            ImportKind::Indicators,
        );
        assert_eq!(two_years, [Some(Indicator), None, None]);
        let named_once = roles_for(
            &["指标名称", "实际完成值", "实际完成值（2022年）"].map(String::from),
            ImportKind::Indicators,
        );
        assert_eq!(named_once, [Some(Indicator), Some(Actual), None]);
        let summary = |h: &str| roles_for(&[h.to_string()], ImportKind::Summary)[0];
        assert_eq!(summary("全年预算数"), Some(Budget));
        assert_eq!(summary("2023年预算数（万元）"), Some(Budget));
        assert_eq!(summary("执行数(截至12月31日)"), Some(Spent));
    }

    /// A column naming a role an earlier one names is not read: it is left for the user to
    /// assign (not understood, so the mapping step is shown), never given a role it would be
    /// dropped for.
    #[test]
    fn a_role_is_given_to_one_column() {
        use ColumnRole::*;
        let s = sheet(&[
            &["指标名称", "分值", "指标值", "指标值", "备注", "佐证材料"],
            &["甲", "10", "100", "90", "", ""],
        ]);
        let table = &detect(&s).tables[0];
        let roles = &table.mapping.as_ref().unwrap().roles;
        assert_eq!(
            roles,
            &[
                Some(Indicator),
                Some(Weight),
                Some(Target),
                None,
                Some(Note),
                None
            ]
        );
        assert_eq!(table.understood, [true, true, true, false, true, false]);
        assert!(!table.certain);
    }

    /// A 汇总表 listing its projects by 主管部门: that column was left unread (不导入) and the
    /// projects came in without a unit. Beside a 单位名称 column it is still the user's choice.
    #[test]
    fn a_summarys_department_is_its_unit_where_it_names_none() {
        use ColumnRole::*;
        let s = sheet(&[
            &[
                "序号",
                "项目名称",
                "主管部门",
                "预算数",
                "执行数",
                "执行率",
                "自评得分",
                "等级",
            ],
            &[
                "1",
                "项目01",
                "XX区教育局",
                "100",
                "90",
                "90.00%",
                "85.5",
                "良",
            ],
        ]);
        let table = &detect(&s).tables[0];
        let mapping = table.mapping.clone().unwrap();
        assert_eq!(mapping.roles[2], Some(UnitName));
        assert!(table.certain);
        assert_eq!(build(&s, &mapping).unwrap().projects[0].unit, "XX区教育局");
        let summary = |h: [&str; 2]| roles_for(&h.map(String::from), ImportKind::Summary);
        assert_eq!(
            summary(["主管单位", "项目名称"]),
            [Some(UnitName), Some(Project)]
        );
        assert_eq!(summary(["主管部门", "单位名称"]), [None, Some(UnitName)]);
        assert_eq!(summary(["单位名称", "主管部门"]), [Some(UnitName), None]);
    }

    #[test]
    fn a_table_without_a_header_is_refused_clearly() {
        let s = sheet(&[&["a", "b"], &["1", "2"]]);
        assert!(detect(&s).tables[0].mapping.is_none());
        let mapping = Mapping {
            table: 0,
            header_row: 0,
            stacked: false,
            kind: ImportKind::Indicators,
            roles: vec![None, None],
        };
        assert_eq!(build(&s, &mapping), Err(SpreadsheetError::NoNameColumn));
        let summary = Mapping {
            kind: ImportKind::Summary,
            ..mapping
        };
        assert_eq!(build(&s, &summary), Err(SpreadsheetError::NoProjectColumn));
        assert!(matches!(
            build(
                &s,
                &Mapping {
                    table: 3,
                    ..summary
                }
            ),
            Err(SpreadsheetError::NoSuchTable(4))
        ));
    }

    /// A mapping giving one role to two columns (a portal calling the binding with its own)
    /// was read from the first of them, the other's figures dropped unsaid: refused, both
    /// columns named, as the mapping step names them.
    #[test]
    fn a_role_given_to_two_columns_is_refused_naming_both() {
        let s = sheet(&[
            &[
                "指标名称",
                "分值",
                "实际完成值",
                "",
                "实际完成值\n（2023年）",
            ],
            &["巡河率", "2", "90%", "", "100%"],
        ]);
        let mapping = Mapping {
            table: 0,
            header_row: 0,
            stacked: false,
            kind: ImportKind::Indicators,
            roles: vec![
                Some(ColumnRole::Indicator),
                Some(ColumnRole::Weight),
                Some(ColumnRole::Actual),
                Some(ColumnRole::Actual),
                None,
            ],
        };
        let refused = |roles: Vec<Option<ColumnRole>>| {
            build(
                &s,
                &Mapping {
                    roles,
                    ..mapping.clone()
                },
            )
            .unwrap_err()
            .to_string()
        };
        assert_eq!(
            refused(mapping.roles.clone()),
            "第3列（实际完成值）和第4列（无表头）都选为“实际完成值”，但一种含义只能由一列读入：请把其中一列改为“（不导入）”或别的含义"
        );
        assert_eq!(
            refused(vec![Some(ColumnRole::Indicator), None, Some(ColumnRole::Actual), None, Some(ColumnRole::Actual)]),
            "第3列（实际完成值）和第5列（实际完成值 （2023年））都选为“实际完成值”，但一种含义只能由一列读入：请把其中一列改为“（不导入）”或别的含义"
        );
        // One column each: read.
        let read = build(
            &s,
            &Mapping {
                roles: vec![
                    Some(ColumnRole::Indicator),
                    None,
                    None,
                    None,
                    Some(ColumnRole::Actual),
                ],
                ..mapping
            },
        );
        assert_eq!(read.unwrap().indicators[0].actual, "100%");
    }

    #[test]
    fn infers_rules_from_what_is_filled_in() {
        let s = sheet(&[
            &["指标名称", "分值", "年度指标值", "实际完成值", "得分"],
            &["巡河率", "2", "95%以上", "100%", ""],
            &["制度健全性", "3", "", "是", ""],
            &["产出完成情况", "20", "", "", "19.99"],
            &["长效机制", "10", "定性", "部分达成", "7"],
            &["群众获得感", "5", "", "较好", "4.5"],
            &["长效管护机制", "15", "长期", "基本建立", "12"],
        ]);
        let built = build(&s, &detect(&s).tables[0].mapping.clone().unwrap()).unwrap();
        let rules: Vec<_> = built.indicators.iter().map(|n| n.rule.clone()).collect();
        assert_eq!(
            rules,
            vec![
                None,
                Some(Rule::YesNo(YesNo {})),
                Some(Rule::Manual(Manual {})),
                Some(Rule::Qualitative(Qualitative {})),
                Some(Rule::Qualitative(Qualitative {})),
                Some(Rule::Qualitative(Qualitative {}))
            ]
        );
        // A level named in the 实际完成值 column is the row's level, its words kept; words read
        // as one (较好) or naming none (基本建立) leave it to be chosen.
        let levels: Vec<_> = built.indicators[3..]
            .iter()
            .map(|n| (n.level, n.actual.as_str()))
            .collect();
        assert_eq!(
            levels,
            [
                (Some(crate::model::Level::Partly), "部分达成"),
                (None, "较好"),
                (None, "基本建立"),
            ]
        );
    }

    /// The 10号 form copied with its 绩效指标 label down the left: that column was taken for the
    /// names, certain, and every indicator came in unnamed with nothing said.
    #[test]
    fn the_forms_label_column_is_not_the_names() {
        let s = sheet(&[
            &[
                "绩效指标",
                "一级指标",
                "二级指标",
                "三级指标",
                "分值",
                "年度指标值",
            ],
            &["", "产出指标", "数量指标", "培训人次", "20", "≥500人次"],
            &["", "", "质量指标", "培训合格率", "10", "≥95%"],
        ]);
        let preview = &detect(&s).tables[0];
        assert!(preview.certain);
        let mapping = preview.mapping.clone().unwrap();
        assert_eq!(mapping.roles[0], None);
        assert_eq!(mapping.roles[3], Some(ColumnRole::Indicator));
        let tree = build(&s, &mapping).unwrap().indicators;
        let leaves: Vec<&str> = tree[0]
            .children
            .iter()
            .flat_map(|g| g.children.iter().map(|n| n.name.as_str()))
            .collect();
        assert_eq!(leaves, ["培训人次", "培训合格率"]);
        // Its header on two rows, 绩效指标 over the three levels: one header, the rows under it.
        let two = sheet(&[
            &["绩效指标", "", "", "年度指标值", "分值"],
            &["一级指标", "二级指标", "三级指标", "", ""],
            &["产出指标", "数量指标", "培训人次", "≥500人次", "20"],
            &["", "质量指标", "培训合格率", "≥95%", "10"],
        ]);
        let preview = &detect(&two).tables[0];
        assert!(preview.certain);
        assert_eq!(
            preview.headers,
            ["一级指标", "二级指标", "三级指标", "年度指标值", "分值"]
        );
        let mapping = preview.mapping.clone().unwrap();
        assert_eq!((mapping.header_row, mapping.stacked), (1, true));
        let built = build(&two, &mapping).unwrap();
        assert_eq!(built.meta.title, "", "the header's upper row is no title");
        let tree = built.indicators;
        assert_eq!(tree.len(), 1);
        assert_eq!(tree[0].name, "产出指标");
        assert_eq!(tree[0].children[1].children[0].name, "培训合格率");
        assert_eq!(tree[0].children[1].children[0].target, "≥95%");
        // Seed 000's 汇总表, 资金情况（万元） over 预算数 / 完成数 / 预算完成率: its amounts were
        // left unread (不导入) and the projects came in without them.
        let summary = sheet(&[
            &[
                "序号",
                "单位名称",
                "项目名称",
                "资金情况（万元）",
                "",
                "",
                "分数",
                "等级",
            ],
            &["", "", "", "预算数", "完成数", "预算完成率", "", ""],
            &[
                "1",
                "昌华街道",
                "泮塘五约",
                "420.00",
                "404.25",
                "96.25%",
                "82.06",
                "良",
            ],
        ]);
        let preview = &detect(&summary).tables[0];
        assert!(preview.certain);
        let roles = &preview.mapping.as_ref().unwrap().roles;
        assert_eq!(roles[3], Some(ColumnRole::Budget));
        assert_eq!(roles[4], Some(ColumnRole::Spent));
        // Merged cells filled in, as an .xlsx file gives them: 指标值 over 年度指标值 and
        // 实际完成值, the labels merged over both rows repeated, 计量单位 on the upper row alone.
        let filled = sheet(&[
            &["一级指标", "三级指标", "指标值", "指标值", "计量单位"],
            &["一级指标", "三级指标", "年度指标值", "实际完成值", ""],
            &["产出指标", "培训人次", "≥500", "520", "人次"],
        ]);
        let mapping = detect(&filled).tables[0].mapping.clone().unwrap();
        assert_eq!((mapping.header_row, mapping.stacked), (1, true));
        assert_eq!(
            mapping.roles[2..],
            [
                Some(ColumnRole::Target),
                Some(ColumnRole::Actual),
                Some(ColumnRole::Unit)
            ]
        );
        let leaf = &build(&filled, &mapping).unwrap().indicators[0].children[0];
        assert_eq!((leaf.actual.as_str(), leaf.unit.as_str()), ("520", "人次"));
        // A row of other text above a header is no part of it.
        let above = sheet(&[
            &["单位", "石井街道", "", "", "备注"],
            &["一级指标", "二级指标", "三级指标", "分值", ""],
            &["产出指标", "数量指标", "培训人次", "20", ""],
        ]);
        let mapping = detect(&above).tables[0].mapping.clone().unwrap();
        assert_eq!((mapping.header_row, mapping.stacked), (1, false));
        // Alone, 绩效指标 is the column of names.
        let alone = sheet(&[&["绩效指标", "分值"], &["培训人次", "20"]]);
        let roles = detect(&alone).tables[0].mapping.clone().unwrap().roles;
        assert_eq!(roles[0], Some(ColumnRole::Indicator));
    }

    /// A 自评表 copied from Excel: merged 一级 / 二级 cells come as their text in the first row
    /// and blanks below; 预算执行率 spans the name columns, so its name is in the 一级 column.
    #[test]
    fn a_copied_block_with_blank_merged_cells() {
        let s = sheet(&[
            &[
                "一级指标",
                "二级指标",
                "三级指标",
                "分值",
                "年度指标值",
                "实际完成值",
            ],
            &["预算执行率", "", "", "10", "200.00", "187.30"],
            &["产出指标", "数量指标", "完成面积", "20", "≥2000", "2100"],
            &["", "", "完成户数", "10", "100", "100"],
            &["", "质量指标", "合格率", "10", "100%", "98%"],
            &[
                "效益指标",
                "社会效益指标",
                "受益人数",
                "20",
                "≥1000人",
                "950人",
            ],
            &["合计", "", "", "100", "", ""],
        ]);
        let mapping = detect(&s).tables[0].mapping.clone().unwrap();
        assert!(detect(&s).tables[0].certain);
        assert_eq!(top_depth(&mapping), 0);
        let (built, totals) = build_counting(&s, &mapping).unwrap();
        assert_eq!(totals, 1);
        let tree = built.indicators;
        let shape: Vec<(String, usize)> = tree
            .iter()
            .map(|n| (n.name.to_string(), n.children.len()))
            .collect();
        assert_eq!(
            shape,
            [
                ("预算执行率".to_string(), 0),
                ("产出指标".to_string(), 2),
                ("效益指标".to_string(), 1)
            ]
        );
        assert_eq!(tree[0].actual, "187.30");
        assert_eq!(
            tree[1].children[0].children.len(),
            2,
            "数量指标: two leaves"
        );
        // A header with a column nobody knows is not certain: the mapping step is shown.
        let odd = sheet(&[&["指标名称", "分值", "佐证编号"], &["甲", "10", "F-1"]]);
        assert!(!detect(&odd).tables[0].certain);
    }

    /// Seed 001's 采购管理 as Excel copies it: 采购意向公开合规性 is one name merged over two
    /// rows, each with its own 分值 and 得分, and the copy gives the name in the first alone.
    /// The second row was dropped unsaid (采购管理 8.5 of its 10, the total 0.5 short).
    #[test]
    fn a_blank_name_under_a_named_row_is_that_name_continued() {
        let header: &[&str] = &[
            "一级指标",
            "分值",
            "二级指标",
            "分值",
            "三级指标",
            "分值",
            "得分",
        ];
        let rows: &[&[&str]] = &[
            header,
            &[
                "管理效率",
                "50",
                "采购管理",
                "10",
                "采购意向公开合规性",
                "0.5",
                "0.5",
            ],
            &["", "", "", "", "", "1.5", "0.5"],
            &["", "", "", "", "采购内控制度建设", "1", "1"],
        ];
        let s = sheet(rows);
        let mapping = detect(&s).tables[0].mapping.clone().unwrap();
        let (built, reading) = build_reading(&s, &mapping).unwrap();
        let leaves: Vec<(&str, &str, &str)> = built.indicators[0].children[0]
            .children
            .iter()
            .map(|n| (n.name.as_str(), n.weight.as_str(), n.score.as_str()))
            .collect();
        assert_eq!(
            leaves,
            [
                ("采购意向公开合规性", "0.5", "0.5"),
                ("采购意向公开合规性", "1.5", "0.5"),
                ("采购内控制度建设", "1", "1"),
            ]
        );
        assert_eq!(reading.carried, [(3, "采购意向公开合规性".to_string())]);
        assert!(reading.said()[0]
            .starts_with("第3行指标名称为空，已沿用上一行的名称“采购意向公开合规性”"));

        // In an .xlsx file a merged cell is filled in: a name left blank there was typed
        // so, and nothing above it is carried down. The row is kept, unnamed, and said.
        let mut typed = sheet(rows);
        typed.tables[0].merged_cells_blank = false;
        let (built, reading) = build_reading(&typed, &mapping).unwrap();
        let leaves = &built.indicators[0].children[0].children;
        assert_eq!(leaves.len(), 3);
        assert_eq!(
            (leaves[1].name.as_str(), leaves[1].weight.as_str()),
            ("", "1.5")
        );
        assert_eq!(reading.unnamed, [3]);
        assert!(reading.carried.is_empty());

        // Figures with no name above them in their group (the group's 分值 already given):
        // a row of its own, unnamed, not the group's and not dropped.
        let first = sheet(&[
            header,
            &["管理效率", "50", "采购管理", "10", "", "", ""],
            &["", "", "", "", "", "1.5", "0.5"],
        ]);
        let (built, reading) = build_reading(&first, &mapping).unwrap();
        let group = &built.indicators[0].children[0];
        assert_eq!(group.weight, "10");
        assert_eq!(group.children.len(), 1);
        assert_eq!(
            (
                group.children[0].name.as_str(),
                group.children[0].weight.as_str()
            ),
            ("", "1.5")
        );
        assert_eq!(reading.unnamed, [3]);
        assert!(reading.said()[0].contains("第3行有数值但指标名称为空"));
    }

    /// A row with a blank name and only a 分值 and 得分 adding up the rows above it is their
    /// subtotal, left out as 小计 rows are: not a second 培训场次 of 分值 20 (the group worth
    /// 40), nor, from an .xlsx, an unnamed leaf. A 得分 not the rows' summed is said.
    #[test]
    fn a_blank_named_row_adding_up_the_rows_above_is_their_subtotal() {
        let table = |subtotal_score: &str| {
            sheet(&[
                &[
                    "一级指标",
                    "二级指标",
                    "三级指标",
                    "分值",
                    "指标值",
                    "实际完成值",
                    "得分",
                ],
                &[
                    "产出指标",
                    "数量指标",
                    "培训人数",
                    "10",
                    "≥100人",
                    "120人",
                    "10",
                ],
                &["", "", "培训场次", "10", "≥5场", "6场", "9"],
                &["", "", "", "20", "", "", subtotal_score],
                &["", "", "培训满意度", "10", "≥90%", "95%", "10"],
                &["", "", "培训合格率", "5", "≥90%", "95%", "5"],
                &["", "", "", "15", "", "", "15"],
                &[
                    "效益指标",
                    "社会效益指标",
                    "受益人数",
                    "20",
                    "≥1000人",
                    "1200人",
                    "20",
                ],
            ])
        };
        let pasted = table("19");
        let mapping = detect(&pasted).tables[0].mapping.clone().unwrap();
        let mut typed = table("19");
        typed.tables[0].merged_cells_blank = false;
        for s in [&pasted, &typed] {
            let (built, reading) = build_reading(s, &mapping).unwrap();
            let group = &built.indicators[0].children[0];
            let leaves: Vec<(&str, &str)> = group
                .children
                .iter()
                .map(|n| (n.name.as_str(), n.weight.as_str()))
                .collect();
            assert_eq!(
                leaves,
                [
                    ("培训人数", "10"),
                    ("培训场次", "10"),
                    ("培训满意度", "10"),
                    ("培训合格率", "5")
                ]
            );
            assert_eq!(reading.totals, 2);
            assert!(reading.carried.is_empty() && reading.unnamed.is_empty());
            assert!(reading.said().is_empty(), "{:?}", reading.said());
        }
        // Under one row of its 分值, a blank-named row is that name merged over two rows.
        let one = sheet(&[
            &["一级指标", "二级指标", "三级指标", "分值", "得分"],
            &["管理效率", "采购管理", "采购意向公开合规性", "0.5", "0.5"],
            &["", "", "", "0.5", "0.5"],
            &["", "", "政府采购执行率", "1", "1"],
        ]);
        let one_mapping = detect(&one).tables[0].mapping.clone().unwrap();
        let (built, reading) = build_reading(&one, &one_mapping).unwrap();
        let names: Vec<&str> = built.indicators[0].children[0]
            .children
            .iter()
            .map(|n| n.name.as_str())
            .collect();
        assert_eq!(
            names,
            ["采购意向公开合规性", "采购意向公开合规性", "政府采购执行率"]
        );
        assert_eq!(reading.totals, 0);
        let (_, reading) = build_reading(&table("18"), &mapping).unwrap();
        assert_eq!(
            reading.said(),
            ["第4行指标名称为空，只有分值20和得分，已作为上面各行的小计跳过；但它的得分18与上面各行得分之和19不符，请核对"]
        );
    }

    /// A table split over pages in Word or a PDF repeats its header: read as groups 一级指标 ›
    /// 二级指标 and a leaf 三级指标 of 分值 `分值`.
    #[test]
    fn a_header_repeated_under_the_first_is_skipped_and_counted() {
        let header: &[&str] = &[
            "一级指标",
            "分值",
            "二级指标",
            "分值",
            "三级指标",
            "分值",
            "得分/自评分",
        ];
        let s = sheet(&[
            header,
            &[
                "履职效能",
                "50",
                "整体效能",
                "50",
                "部门预算资金支出率",
                "50",
                "49",
            ],
            header,
            &[
                "管理效率",
                "50",
                "预算编制",
                "50",
                "新增预算项目事前绩效评估",
                "50",
                "50",
            ],
        ]);
        let mapping = detect(&s).tables[0].mapping.clone().unwrap();
        let (built, reading) = build_reading(&s, &mapping).unwrap();
        let groups: Vec<&str> = built.indicators.iter().map(|n| n.name.as_str()).collect();
        assert_eq!(groups, ["履职效能", "管理效率"]);
        assert_eq!(reading.headers, 1);
        // An indicator named with a header's word among its figures is no header.
        let named = sheet(&[
            header,
            &["履职效能", "50", "整体效能", "50", "得分", "50", "49"],
        ]);
        let (built, reading) = build_reading(&named, &mapping).unwrap();
        assert_eq!(built.indicators[0].children[0].children[0].name, "得分");
        assert_eq!(reading.headers, 0);
    }

    #[test]
    fn a_header_row_and_kind_the_user_chose_are_kept() {
        let s = sheet(&[
            &["2023年度项目汇总", "", ""],
            &["名称", "资金", "得分"],
            &["泮塘五约", "420.00", "82.06"],
        ]);
        assert!(
            detect(&s).tables[0].mapping.is_none(),
            "no header is recognised"
        );
        let choice = Choice {
            header_row: Some(1),
            kind: Some(ImportKind::Summary),
        };
        let preview = detect_with(&s, &[choice]);
        let mapping = preview.tables[0].mapping.clone().unwrap();
        assert_eq!((mapping.header_row, mapping.kind), (1, ImportKind::Summary));
        assert_eq!(
            mapping.roles,
            vec![None, None, Some(ColumnRole::ProjectScore)]
        );
        assert_eq!(preview.tables[0].headers, vec!["名称", "资金", "得分"]);
        assert_eq!(preview.tables[0].sample.len(), 1);
        // The user assigns the rest and imports.
        let mapping = Mapping {
            roles: vec![
                Some(ColumnRole::Project),
                Some(ColumnRole::Budget),
                Some(ColumnRole::ProjectScore),
            ],
            ..mapping
        };
        let built = build(&s, &mapping).unwrap();
        assert_eq!(built.projects[0].budget, "420.00");
        let beyond = Choice {
            header_row: Some(9),
            kind: None,
        };
        assert!(detect_with(&s, &[beyond]).tables[0].mapping.is_none());
    }

    /// A 合计 row whose label was lost (merged cells copied from Excel, or saved as CSV, keep
    /// the merge's first cell alone, here blank): a blank name, the table's 分值 and the unit's
    /// 总分. Its 得分 is the declared total, as 合计's is, kept as printed though the rows add
    /// up to 94 (审核 says the difference), and a grade line under it is read. The last group
    /// has one row, so it was that row's name continued: 受益人数 worth 100.
    #[test]
    fn a_blank_named_row_adding_up_the_whole_table_is_its_total() {
        let header: &[&str] = &[
            "一级指标",
            "二级指标",
            "三级指标",
            "分值",
            "年度指标值",
            "实际完成值",
            "计量单位",
            "得分",
        ];
        let grouped = sheet(&[
            header,
            &[
                "产出指标",
                "数量指标",
                "培训人数",
                "50",
                "≥100",
                "120",
                "人",
                "48",
            ],
            &["", "", "培训场次", "10", "≥5", "6", "场", "10"],
            &[
                "效益指标",
                "社会效益指标",
                "受益人数",
                "40",
                "≥1000",
                "900",
                "人",
                "36",
            ],
            &["", "", "", "100", "", "", "", "94.9"],
            &["自评等级：优", "", "", "", "", "", "", ""],
        ]);
        let mapping = detect(&grouped).tables[0].mapping.clone().unwrap();
        let (built, reading) = build_reading(&grouped, &mapping).unwrap();
        assert_eq!(
            (built.declared.total.as_str(), built.declared.grade.as_str()),
            ("94.9", "优")
        );
        let benefit = &built.indicators[1].children[0].children;
        assert_eq!(
            benefit
                .iter()
                .map(|n| (n.name.as_str(), n.weight.as_str()))
                .collect::<Vec<_>>(),
            [("受益人数", "40")]
        );
        assert_eq!(built.indicators.len(), 2, "the grade line is no indicator");
        assert_eq!(reading.totals, 1);
        assert!(reading.carried.is_empty() && reading.unnamed.is_empty());

        // With no group columns the row was skipped as the rows' subtotal, its 得分 lost.
        let flat = sheet(&[
            &["指标名称", "分值", "得分"],
            &["培训人数", "60", "58"],
            &["受益人数", "40", "36.9"],
            &["", "100", "94.9"],
        ]);
        let flat_mapping = detect(&flat).tables[0].mapping.clone().unwrap();
        let (built, reading) = build_reading(&flat, &flat_mapping).unwrap();
        assert_eq!(built.declared.total, "94.9");
        assert_eq!((built.indicators.len(), reading.totals), (2, 1));

        // The table's 分值 (100) where the rows add up to less, one row not read.
        let short = sheet(&[
            &["指标名称", "分值", "得分"],
            &["培训人数", "50", "48"],
            &["受益人数", "40", "36.9"],
            &["", "100", "94.9"],
        ]);
        let (built, _) = build_reading(&short, &flat_mapping).unwrap();
        assert_eq!(built.declared.total, "94.9");

        // Adding up the table so far with indicators under it, it was a subtotal: no total.
        let (built, reading) = build_reading(
            &sheet(&[
                header,
                &[
                    "产出指标",
                    "数量指标",
                    "培训人数",
                    "50",
                    "≥100",
                    "120",
                    "人",
                    "48",
                ],
                &["", "", "培训场次", "10", "≥5", "6", "场", "10"],
                &["", "", "", "60", "", "", "", "58"],
                &[
                    "效益指标",
                    "社会效益指标",
                    "受益人数",
                    "40",
                    "≥1000",
                    "900",
                    "人",
                    "36",
                ],
            ]),
            &mapping,
        )
        .unwrap();
        assert_eq!(built.declared.total, "");
        assert_eq!(built.indicators[1].children[0].children.len(), 1);
        assert_eq!(reading.totals, 1);
    }
}
