//! Which cells of a returned form are compared with the sheet it was written from, field by
//! field: each with its label, how to read it from a row and how to write it back.

use crate::comparison::Comparison;
use crate::model::{FundsRow, Meta, Node, ProjectRow};
use crate::xlsx::read::Spreadsheet;

/// A visible field of an indicator row: its header and how to read and write it as text.
pub(super) struct NodeField {
    pub(super) label: &'static str,
    pub(super) get: fn(&Node) -> String,
    pub(super) set: fn(&mut Node, &Node),
}

pub(super) const NODE_FIELDS: [NodeField; 9] = [
    NodeField {
        label: "指标名称",
        get: |n| n.name.to_string(),
        set: |n, from| n.name = from.name.clone(),
    },
    NodeField {
        label: "分值",
        get: |n| n.weight.to_string(),
        set: |n, from| n.weight = from.weight.clone(),
    },
    NodeField {
        label: "计分方法",
        get: |n| form_rule(n),
        set: |n, from| n.rule = from.rule.clone(),
    },
    NodeField {
        label: "比较方式",
        get: |n| n.comparison.map_or("", Comparison::symbol).to_string(),
        set: |n, from| n.comparison = from.comparison,
    },
    NodeField {
        label: "年度指标值",
        get: |n| n.target.to_string(),
        set: |n, from| n.target = from.target.clone(),
    },
    NodeField {
        label: "实际完成值",
        // The cell as the form writes it: a 定性 row's words with its level after them, so that
        // an edit of either is one.
        get: |n| crate::xlsx::write::actual_cell(n).into_owned(),
        // As the form's reader splits the cell (`Level::split_cell`): a level named alone or
        // after the words is the row's; other words (较好) stay as typed, the row's level not
        // chosen, as when the form is read without its copy.
        set: |n, from| {
            n.level = from.level;
            n.actual = from.actual.clone();
        },
    },
    NodeField {
        label: "计量单位",
        get: |n| n.unit.to_string(),
        set: |n, from| n.unit = from.unit.clone(),
    },
    NodeField {
        label: "得分",
        get: |n| {
            if n.not_applicable {
                "不适用".to_string()
            } else {
                n.score.to_string()
            }
        },
        set: |n, from| {
            n.not_applicable = from.not_applicable;
            n.score = from.score.clone();
        },
    },
    NodeField {
        label: "偏差原因及改进措施",
        get: |n| n.reason.to_string(),
        set: |n, from| n.reason = from.reason.clone(),
    },
];

/// A row's rule as the form's 计分方法 column reads back, for comparing.
pub(super) fn form_rule(node: &Node) -> String {
    serde_json::to_string(&node.rule).unwrap_or_default()
}

/// A visible text field of a row of `T`, by the header that names it.
pub(super) struct TextField<T> {
    pub(super) label: &'static str,
    pub(super) get: fn(&T) -> &String,
    pub(super) set: fn(&mut T) -> &mut String,
}

/// The form's header lines, its 年度总体目标 and its signature line.
pub(super) const META_FIELDS: [TextField<Meta>; 11] = [
    TextField {
        label: "标题",
        get: |m| &m.title,
        set: |m| &mut m.title,
    },
    TextField {
        label: "单位名称",
        get: |m| &m.unit,
        set: |m| &mut m.unit,
    },
    TextField {
        label: "项目名称",
        get: |m| &m.project,
        set: |m| &mut m.project,
    },
    TextField {
        label: "年度",
        get: |m| &m.year,
        set: |m| &mut m.year,
    },
    TextField {
        label: "主管部门",
        get: |m| &m.department,
        set: |m| &mut m.department,
    },
    TextField {
        label: "年度总体目标",
        get: |m| &m.goal,
        set: |m| &mut m.goal,
    },
    TextField {
        label: "实际完成情况",
        get: |m| &m.achieved,
        set: |m| &mut m.achieved,
    },
    TextField {
        label: "填报人",
        get: |m| &m.preparer,
        set: |m| &mut m.preparer,
    },
    TextField {
        label: "审核人",
        get: |m| &m.reviewer,
        set: |m| &mut m.reviewer,
    },
    TextField {
        label: "联系电话",
        get: |m| &m.phone,
        set: |m| &mut m.phone,
    },
    TextField {
        label: "填报日期",
        get: |m| &m.date,
        set: |m| &mut m.date,
    },
];

pub(super) const FUNDS_FIELDS: [TextField<FundsRow>; 5] = [
    TextField {
        label: "资金",
        get: |f| &f.name,
        set: |f| &mut f.name,
    },
    TextField {
        label: "年初预算数",
        get: |f| &f.initial,
        set: |f| &mut f.initial,
    },
    TextField {
        label: "全年预算数",
        get: |f| &f.budget,
        set: |f| &mut f.budget,
    },
    TextField {
        label: "全年执行数",
        get: |f| &f.spent,
        set: |f| &mut f.spent,
    },
    TextField {
        label: "备注",
        get: |f| &f.note,
        set: |f| &mut f.note,
    },
];

pub(super) const PROJECT_FIELDS: [TextField<ProjectRow>; 10] = [
    TextField {
        label: "序号",
        get: |p| &p.seq,
        set: |p| &mut p.seq,
    },
    TextField {
        label: "单位名称",
        get: |p| &p.unit,
        set: |p| &mut p.unit,
    },
    TextField {
        label: "项目名称",
        get: |p| &p.project,
        set: |p| &mut p.project,
    },
    TextField {
        label: "绩效目标",
        get: |p| &p.goal,
        set: |p| &mut p.goal,
    },
    TextField {
        label: "预算数",
        get: |p| &p.budget,
        set: |p| &mut p.budget,
    },
    TextField {
        label: "完成数",
        get: |p| &p.spent,
        set: |p| &mut p.spent,
    },
    TextField {
        label: "分数",
        get: |p| &p.score,
        set: |p| &mut p.score,
    },
    TextField {
        label: "等级",
        get: |p| &p.grade,
        set: |p| &mut p.grade,
    },
    TextField {
        label: "问题",
        get: |p| &p.problems,
        set: |p| &mut p.problems,
    },
    TextField {
        label: "建议",
        get: |p| &p.suggestions,
        set: |p| &mut p.suggestions,
    },
];

/// The table of `spreadsheet` named `name`.
pub(super) fn table_named(spreadsheet: &Spreadsheet, name: &str) -> Option<usize> {
    spreadsheet.tables.iter().position(|t| t.name == name)
}
