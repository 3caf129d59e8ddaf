//! Building a sheet or 汇总表 rows from a table once its columns are known: the indicator
//! tree from the level columns (a name in 一级 / 二级 / 三级, values in the leaf's row), group
//! weights, totals rows left out, and the rule each row's values call for.

use super::{normalize, ColumnRole, ImportKind, Mapping};
use crate::comparison::Comparison;
use crate::model::{Node, ProjectRow, Rule, Sheet, SheetKind, Text};
use crate::rules::{Manual, Qualitative, YesNo};
use crate::xlsx::{Spreadsheet, SpreadsheetError};

/// Builds a sheet from a table as mapped: an indicator tree, or a 汇总表.
pub fn build(spreadsheet: &Spreadsheet, mapping: &Mapping) -> Result<Sheet, SpreadsheetError> {
    let table = spreadsheet
        .tables
        .get(mapping.table)
        .ok_or(SpreadsheetError::NoSuchTable(mapping.table + 1))?;
    let column = |role: ColumnRole| mapping.roles.iter().position(|r| *r == Some(role));
    let rows = table.rows.iter().skip(mapping.header_row + 1);
    let mut sheet = match mapping.kind {
        ImportKind::Indicators => {
            let mut sheet = Sheet::new(SheetKind::Department);
            sheet.indicators = build_tree(rows, &column)?;
            sheet
        }
        ImportKind::Summary => {
            let mut sheet = Sheet::new(SheetKind::Summary);
            sheet.projects = build_projects(rows, &column, table.merged_cells_blank)?;
            sheet
        }
    };
    // The first text above the header is the table's title.
    sheet.meta.title = table
        .rows
        .iter()
        .take(mapping.header_row)
        .flat_map(|r| r.iter())
        .find(|c| !c.trim().is_empty())
        .cloned()
        .unwrap_or_default();
    Ok(sheet)
}

/// A total row of the printed forms, not a project or an indicator.
pub(super) fn is_total(text: &str) -> bool {
    matches!(
        normalize(text).as_str(),
        "合计" | "总计" | "小计" | "总分" | "合计数"
    )
}

pub(super) fn build_projects<'a>(
    rows: impl Iterator<Item = &'a Vec<String>>,
    column: &dyn Fn(ColumnRole) -> Option<usize>,
    merged_cells_blank: bool,
) -> Result<Vec<ProjectRow>, SpreadsheetError> {
    let project = column(ColumnRole::Project).ok_or(SpreadsheetError::NoProjectColumn)?;
    let mut out: Vec<ProjectRow> = Vec::new();
    for row in rows {
        let get = |role: ColumnRole| {
            column(role)
                .and_then(|c| row.get(c))
                .cloned()
                .unwrap_or_default()
        };
        if row.iter().all(|c| c.trim().is_empty()) || row.iter().any(|c| is_total(c)) {
            continue;
        }
        if row.get(project).is_none_or(|c| c.trim().is_empty())
            && get(ColumnRole::Budget).is_empty()
        {
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
            declared: Default::default(),
        });
    }
    Ok(out)
}

/// The column of a group level's own 分值.
pub(super) fn group_weight_role(level: ColumnRole) -> ColumnRole {
    match level {
        ColumnRole::Level1 => ColumnRole::Level1Weight,
        _ => ColumnRole::Level2Weight,
    }
}

/// The row that ends an indicator table (what follows it, such as a note on rescaling, is
/// not an indicator).
pub(super) fn is_end(text: &str) -> bool {
    matches!(normalize(text).as_str(), "总分" | "总计")
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
pub(super) fn build_tree<'a>(
    rows: impl Iterator<Item = &'a Vec<String>>,
    column: &dyn Fn(ColumnRole) -> Option<usize>,
) -> Result<Vec<Node>, SpreadsheetError> {
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
    // The groups open at each level, outermost first.
    let mut open: Vec<Node> = Vec::new();
    let close_to = |open: &mut Vec<Node>, top: &mut Vec<Node>, depth: usize| {
        while open.len() > depth {
            let group = open.pop().expect("an open group");
            match open.last_mut() {
                Some(parent) => parent.children.push(group),
                None => top.push(group),
            }
        }
    };
    for row in rows {
        let cell = |c: usize| row.get(c).map(|s| s.trim()).unwrap_or("");
        let get = |role: ColumnRole| column(role).map(cell).unwrap_or("").to_string();
        if levels.iter().any(|&(_, c)| is_end(cell(c))) {
            break;
        }
        if row.iter().all(|c| c.trim().is_empty()) || levels.iter().any(|&(_, c)| is_total(cell(c)))
        {
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
        // of a leaf named only in the 一级 column (预算执行率 copied from a merged cell keeps
        // its text in the first cell): a new name there and nothing deeper, a leaf's values,
        // and no group 分值. A row named down to 二级 with no 三级 name is an unnamed leaf.
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
            if depth != 0 {
                return None;
            }
            let (role, c) = group_levels[depth];
            let new = open.get(depth).is_none_or(|g| g.name != cell(c));
            (new && get(group_weight_role(role)).is_empty()).then_some(depth)
        };
        let leaf_at = merged_from.or_else(named_in_group);
        let name = match leaf_at {
            Some(depth) => cell(group_levels[depth].1),
            None => name,
        };
        let groups = &group_levels[..leaf_at.unwrap_or(group_levels.len())];
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
                    open.push(Node::group(
                        group_name,
                        &get(group_weight_role(role)),
                        Vec::new(),
                    ));
                }
            }
        }
        if let Some(depth) = leaf_at {
            close_to(&mut open, &mut top, depth);
        }
        if name.is_empty() && !leaf_values {
            // A group's own row: its 分值 may be in the leaves' column.
            if let Some(group) = open.last_mut() {
                if group.weight.is_empty() && group.children.is_empty() {
                    group.weight = get(ColumnRole::Weight).into();
                }
            }
            continue;
        }
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
        // 不适用 where the score goes: the leaf leaves the table.
        if matches!(leaf.score.trim(), "不适用" | "N/A" | "n/a") {
            leaf.score = Text::default();
            leaf.not_applicable = true;
        }
        leaf.rule = rule_of(&get(ColumnRole::Rule), &leaf);
        match open.last_mut() {
            Some(group) => group.children.push(leaf),
            None => top.push(leaf),
        }
    }
    close_to(&mut open, &mut top, 0);
    Ok(top)
}

/// The rule a leaf is scored by: from the 计分方法 column when it names one (with its
/// parameters, as jixiao's forms write them), else from what was filled in (a score alone:
/// manual; 是 / 否 alone: yes / no; a level such as 部分达成, or a target of 定性: qualitative;
/// else by the comparison).
pub(super) fn rule_of(label: &str, leaf: &Node) -> Option<Rule> {
    if !label.trim().is_empty() {
        return crate::xlsx::rule_text::parse(label).flatten();
    }
    let has = |s: &str| !s.trim().is_empty();
    let yes_no = matches!(leaf.actual.trim(), "是" | "否");
    // Words where numbers would be (长期 / 基本建立) with a score given: judged, not computed.
    let words = |t: &str| has(t) && crate::cell::parse_cell(t).is_err();
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
