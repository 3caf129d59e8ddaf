//! The 自评报告 written from the table, in the seeds' structure: 一、基本情况, 二、绩效目标及完成情况,
//! 三、自评结论, 四、存在的问题及原因, 五、改进措施. A paragraph is spans, each saying where its
//! text comes from, so that every number in the report is the evaluation's (a `Figure`, written
//! as the report writes it, or a `Derivation`, the core's own words) or the user's (`Typed` in
//! the table, `Written` in the report); the report's own words (`Words`) hold none. A writer (a
//! .docx, the page's editor) joins them, and the page marks what came from the table.
//!
//! The user may rewrite a paragraph (the sheet's `report`, [`ReportEdit`]): the words become
//! theirs, and each part from the table they kept is named, so it is written as the table gives
//! it now. A paragraph is known by its key (`goals/row/服务对象满意度`); an edit whose paragraph
//! is gone, or one the user added, stands at the end of its section, so nothing written is lost.

use crate::engine::report::{NodeReport, NodeStatus, Report, TotalReport};
use crate::engine::Calculator;
use crate::model::{ReportEdit, ReportPiece, Sheet, SheetKind};
use crate::report_keys;
use serde::Serialize;
use std::collections::HashSet;

/// Where a span's text comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// The report's wording around the figures; never a number.
    Words,
    /// A figure of the evaluation (a score, a rate, a total), as the report writes it.
    Figure,
    /// How a score came about, in the core's words.
    Derivation,
    /// What the user typed in the table: a name, a target, a reason.
    Typed,
    /// What the evaluation says of an indicator, in words: 已完成, 未完全完成, ….
    Status,
    /// What the user wrote in the report.
    Written,
    /// A part from the table that a rewritten paragraph kept but the table no longer has (its
    /// row renamed or deleted): no text, kept by its name so that it comes back with the row.
    Missing,
    /// A part a rewritten paragraph kept that the table has but may not state yet: the grade
    /// while indicators are unscored or the table has errors. Its text says so, in brackets,
    /// so that a report written before the table was finished never states it, nor leaves
    /// an empty “” where it was.
    Pending,
}

impl Source {
    /// Whether the text comes from the table (and follows it).
    pub fn from_table(self) -> bool {
        matches!(
            self,
            Source::Figure | Source::Derivation | Source::Typed | Source::Status
        )
    }
}

/// A piece of a paragraph.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Span {
    pub from: Source,
    pub text: String,
    /// A part from the table, by its name in the paragraph (`rate`, `name`): an edit of the
    /// paragraph keeps it by this name.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub name: String,
}

/// A paragraph of the report.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Paragraph {
    /// `<section>/<what>`: which paragraph this is, for the user's edit of it.
    pub key: String,
    pub spans: Vec<Span>,
    /// Rewritten by the user.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub edited: bool,
    /// Written by the user where the table gives no paragraph (added, or its paragraph gone).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub added: bool,
}

impl Paragraph {
    /// The paragraph's text.
    pub fn text(&self) -> String {
        self.spans.iter().map(|s| s.text.as_str()).collect()
    }
}

/// A part of the report under its heading.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Section {
    /// `basics`, `goals`, `conclusion`, `problems` or `measures`.
    pub key: &'static str,
    pub heading: String,
    pub paragraphs: Vec<Paragraph>,
}

/// The report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Narrative {
    pub title: String,
    pub sections: Vec<Section>,
    /// The lines that close it, as a 公文 closes: who writes it and when (the table's 单位 and
    /// 填报日期), where the table names them.
    pub signed: Vec<String>,
}

/// Builds a paragraph from spans written one after another.
#[derive(Default)]
struct Writer {
    spans: Vec<Span>,
}

impl Writer {
    fn push(mut self, from: Source, name: &str, text: &str) -> Self {
        self.spans.push(Span {
            from,
            text: text.to_string(),
            name: name.to_string(),
        });
        self
    }
    fn words(self, text: &str) -> Self {
        self.push(Source::Words, "", text)
    }
    fn figure(self, name: &str, text: &str) -> Self {
        self.push(Source::Figure, name, text)
    }
    fn typed(self, name: &str, text: &str) -> Self {
        self.push(Source::Typed, name, text.trim())
    }
    fn derivation(self, name: &str, text: &str) -> Self {
        self.push(Source::Derivation, name, text)
    }
    /// A target or an actual as typed, with the row's 计量单位 after it when it needs one
    /// (`needs_unit`), as a part of its own.
    fn amount(self, name: &str, text: &str, unit_name: &str, unit: &str) -> Self {
        let p = self.typed(name, text);
        if needs_unit(text, unit) {
            p.typed(unit_name, crate::cell::row_unit(unit))
        } else {
            p
        }
    }
    fn status(self, text: &str) -> Self {
        self.push(Source::Status, "status", text)
    }
    fn done(self, key: String) -> Paragraph {
        Paragraph {
            key,
            spans: self.spans,
            ..Paragraph::default()
        }
    }
}

fn w() -> Writer {
    Writer::default()
}

/// The 自评报告 of a sheet, with the user's edits of it.
pub fn narrative(sheet: &Sheet) -> Narrative {
    let calc = Calculator::new(sheet.clone());
    let report = calc.report();
    let meta = calc.meta();
    let subject = if sheet.kind == SheetKind::Project && !meta.project.trim().is_empty() {
        meta.project.trim()
    } else {
        meta.unit.trim()
    };
    // A 重点评价's table (项目支出绩效评价表) is an evaluation's, not a 自评.
    let evaluation = sheet.kind == SheetKind::Project
        && meta.title.contains("评价表")
        && !meta.title.contains("自评");
    let title = if meta.title.contains("报告") {
        meta.title.trim().to_string()
    } else {
        let kind = match (sheet.kind, evaluation) {
            (SheetKind::Project, true) => "绩效评价报告",
            (SheetKind::Project, false) => "绩效自评报告",
            _ => "部门整体支出绩效自评报告",
        };
        let year = meta.year.trim().trim_end_matches(['年', '度']);
        // Not twice where the project's name begins with it (2023年老旧小区微改造项目).
        let year = if year.is_empty() || subject.starts_with(&format!("{year}年")) {
            String::new()
        } else {
            format!("{year}年度")
        };
        format!("{year}{subject}{kind}")
    };
    let funded = calc.funded_leaf();
    let mut sections = vec![
        basics(&calc, &report, sheet.kind),
        goals(&calc, &report, funded),
        conclusion(&calc, &report, subject, evaluation),
        problems(&calc, &report),
        Section {
            key: "measures",
            heading: "五、改进措施".to_string(),
            paragraphs: lines(report_keys::MEASURES, &meta.suggestions),
        },
    ];
    for section in &mut sections {
        unique_keys(section);
    }
    apply_edits(&mut sections, &sheet.report, &pending(&report.totals));
    let signed = [&meta.unit, &meta.date]
        .into_iter()
        .map(|line| line.trim().to_string())
        .filter(|line| !line.is_empty())
        .collect();
    Narrative {
        title,
        sections,
        signed,
    }
}

/// Two paragraphs of one key (two rows of one name) become `key`, `key#2`, … (a suffix no
/// other paragraph has: a row may be named `X#2` itself).
fn unique_keys(section: &mut Section) {
    let mut taken: HashSet<String> = HashSet::new();
    for p in &mut section.paragraphs {
        let base = p.key.clone();
        let mut n = 1;
        while !taken.insert(p.key.clone()) {
            n += 1;
            p.key = format!("{base}#{n}");
        }
    }
}

/// The parts the table has but does not state yet: the grade until it is final.
fn pending(totals: &TotalReport) -> Vec<Span> {
    totals
        .pending()
        .map(|why| Span {
            from: Source::Pending,
            text: format!("〔等级待定：{why}〕"),
            name: "grade".to_string(),
        })
        .into_iter()
        .collect()
}

/// The user's paragraphs in place of the generated ones; the rest at the end of their section
/// (the last section when the key names none). A part the table does not state yet is one of
/// `pending`.
fn apply_edits(sections: &mut [Section], edits: &[ReportEdit], pending: &[Span]) {
    let mut used = vec![false; edits.len()];
    for section in sections.iter_mut() {
        for p in &mut section.paragraphs {
            if let Some(k) = edits.iter().position(|e| e.key == p.key) {
                used[k] = true;
                p.spans = written(&edits[k].text, &p.spans, pending);
                p.edited = true;
            }
        }
    }
    let last = sections.len() - 1;
    for (edit, _) in edits.iter().zip(used).filter(|(_, used)| !used) {
        let at = sections
            .iter()
            .position(|s| edit.key.split('/').next() == Some(s.key))
            .unwrap_or(last);
        sections[at].paragraphs.push(Paragraph {
            key: edit.key.clone(),
            spans: written(&edit.text, &[], pending),
            edited: true,
            added: true,
        });
    }
}

/// An edit's pieces as spans: the user's words, and each part from the table as the table now
/// gives it (one of `pending` when it does not state it yet, a `Missing` span, without text,
/// when the table no longer has it).
fn written(text: &[ReportPiece], generated: &[Span], pending: &[Span]) -> Vec<Span> {
    text.iter()
        .map(|piece| match piece {
            ReportPiece::Words(t) => Span {
                from: Source::Written,
                text: t.clone(),
                name: String::new(),
            },
            ReportPiece::Table(table) => generated
                .iter()
                .find(|s| s.from.from_table() && &s.name == table)
                .or_else(|| pending.iter().find(|s| &s.name == table))
                .cloned()
                .unwrap_or_else(|| Span {
                    from: Source::Missing,
                    text: String::new(),
                    name: table.clone(),
                }),
        })
        .filter(|s| !s.text.is_empty() || s.from == Source::Missing)
        .collect()
}

/// Each non-blank line of what the user typed, as a paragraph of its own.
fn lines(section: &str, text: &str) -> Vec<Paragraph> {
    report_keys::lines(text)
        .map(|l| w().typed("text", l).done(report_keys::line_key(section, l)))
        .collect()
}

fn basics(calc: &Calculator, report: &Report, kind: SheetKind) -> Section {
    let meta = calc.meta();
    let mut paragraphs = Vec::new();
    let labelled: Vec<(&str, &str, &str)> = if kind == SheetKind::Project {
        vec![
            ("project", "项目名称：", &meta.project),
            ("department", "主管部门：", &meta.department),
            ("unit", "实施单位：", &meta.unit),
        ]
    } else {
        vec![("unit", "单位名称：", &meta.unit)]
    };
    let mut p = w();
    for (name, label, value) in labelled
        .into_iter()
        .filter(|(_, _, v)| !v.trim().is_empty())
    {
        p = p.words(label).typed(name, value).words("。");
    }
    if !p.spans.is_empty() {
        paragraphs.push(p.done("basics/names".to_string()));
    }
    for f in &report.funds {
        let (Some(budget), Some(spent)) = (&f.budget, &f.spent) else {
            continue;
        };
        let mut p = w()
            .words(if f.part { "其中" } else { "" })
            .typed("name", &f.name)
            .words("：");
        if let Some(initial) = &f.initial {
            p = p
                .words("年初预算数为")
                .figure("initial", initial)
                .words("万元，");
        }
        p = p
            .words("全年预算数为")
            .figure("budget", budget)
            .words("万元，全年执行数为")
            .figure("spent", spent)
            .words("万元");
        if let Some(rate) = &f.rate {
            p = p.words("，执行率为").figure("rate", rate);
        }
        if let (Some(score), Some(weight)) = (&f.score, &f.weight) {
            p = p
                .words("，预算执行率指标得")
                .figure("score", score)
                .words("分（分值")
                .figure("weight", weight)
                .words("分）");
        }
        paragraphs.push(
            p.words("。")
                .done(report_keys::key(report_keys::FUNDS, &f.name)),
        );
    }
    Section {
        key: "basics",
        heading: "一、基本情况".to_string(),
        paragraphs,
    }
}

fn goals(calc: &Calculator, report: &Report, funded: Option<usize>) -> Section {
    let meta = calc.meta();
    let mut paragraphs = Vec::new();
    if !meta.goal.trim().is_empty() {
        paragraphs.push(
            w().words("年度总体目标：")
                .typed("goal", &meta.goal)
                .done("goals/goal".to_string()),
        );
    }
    if !meta.achieved.trim().is_empty() {
        paragraphs.push(
            w().words("实际完成情况：")
                .typed("achieved", &meta.achieved)
                .done("goals/achieved".to_string()),
        );
    }
    for n in &report.nodes {
        let name = n.name.trim();
        if !n.leaf {
            // A 一级 or 二级 group heads the indicators under it.
            if n.depth <= 1 {
                let mut p = w().typed("name", name);
                if let Some(weight) = n.weight.as_ref().filter(|_| weighted(calc, n.index)) {
                    p = p.words("（分值").figure("weight", weight).words("分）");
                }
                paragraphs.push(p.done(report_keys::key(report_keys::GROUP, name)));
            }
            continue;
        }
        if Some(n.index) == funded {
            continue;
        }
        let node = calc.node(n.index).expect("a row of the sheet");
        let mut p = w().typed("name", name).words("：");
        if !node.target.trim().is_empty() {
            p = p
                .words("年度指标值")
                .amount("target", &node.target, "target_unit", &node.unit)
                .words("，");
        }
        let actual = node.actual.trim();
        // A 是否 row's actual is an answer (是, 按时, √), not an amount done.
        let yes_no = matches!(node.rule, Some(crate::model::Rule::YesNo(_)));
        if let (Some(level), true) = (&node.level, actual.is_empty()) {
            p = p
                .words("完成情况为“")
                .typed("level", level.label())
                .words("”，");
        } else if yes_no && !actual.is_empty() {
            p = p.words("完成情况为“").typed("actual", actual).words("”，");
        } else if !actual.is_empty() {
            // A 按次扣分 row counts what happened (problems found), not what was done.
            let counted = matches!(node.rule, Some(crate::model::Rule::PerOccurrence(_)));
            p = p
                .words(if counted {
                    "实际发生"
                } else {
                    "实际完成"
                })
                .amount("actual", actual, "unit", &node.unit)
                .words("，");
        }
        // A 定性 row rated 达成 is done, though its band scores it below full marks (4.5 of 5).
        let achieved = node.level == Some(crate::model::Level::Met);
        let adjustment = matches!(node.rule, Some(crate::model::Rule::Adjustment(_)));
        p = p.status(match n.status {
            NodeStatus::NotApplicable => "本年度不适用",
            NodeStatus::Unscored => "未能计分",
            // A 加减分 is no target to complete: what it did is said (the conclusion gives
            // how much).
            _ if adjustment => match calc.score(n.index) {
                Some(s) if s.is_sign_negative() && !s.is_zero() => "有扣分",
                Some(s) if !s.is_zero() => "有加分",
                _ => "无加减分",
            },
            _ if achieved => "已完成",
            // Answered 否: all or nothing.
            _ if yes_no && lost_points(calc, n) => "未完成",
            _ if lost_points(calc, n) => "未完全完成",
            _ => "已完成",
        });
        p = p.words("。");
        paragraphs.push(p.done(report_keys::key(report_keys::INDICATOR, name)));
    }
    Section {
        key: "goals",
        heading: "二、绩效目标及完成情况".to_string(),
        paragraphs,
    }
}

fn conclusion(calc: &Calculator, report: &Report, subject: &str, evaluation: bool) -> Section {
    let mut paragraphs = Vec::new();
    let totals = &report.totals;
    if let Some(total) = &totals.total {
        let mut p = w()
            .words(if evaluation {
                "经评价，"
            } else {
                "经自评，"
            })
            .typed("subject", subject)
            .words("总分")
            .figure("total", total)
            .words("分");
        if let Some(grade) = totals.final_grade() {
            p = p.words("，等级为“").figure("grade", grade).words("”");
        } else if totals.unscored > 0 {
            p = p.words("（表中尚有未计分的指标，总分与等级待定）");
        } else if totals.errors > 0 {
            p = p.words("（表中尚有错误，总分与等级待定）");
        }
        paragraphs.push(p.words("。").done("conclusion/total".to_string()));
    }
    let tops: Vec<&NodeReport> = report.nodes.iter().filter(|n| n.depth == 0).collect();
    if tops.len() > 1 {
        let mut p = w().words("其中");
        for (k, n) in tops.iter().enumerate() {
            if k > 0 {
                p = p.words("，");
            }
            let not_applicable = calc.node(n.index).is_some_and(|node| node.not_applicable);
            // Named by the group, not its place: a group moved keeps its figures.
            let group = n.name.trim();
            p = p.typed(&report_keys::key(report_keys::GROUP_NAME, group), group);
            p = match (&n.score, not_applicable) {
                (_, true) => p.words("本年度不适用"),
                (Some(s), false) => p
                    .words("得")
                    .figure(&report_keys::key(report_keys::GROUP_SCORE, group), s)
                    .words("分"),
                (None, false) => p.words("未计分"),
            };
            if let Some(weight) = n.weight.as_ref().filter(|_| weighted(calc, n.index)) {
                p = p
                    .words("（分值")
                    .figure(&report_keys::key(report_keys::GROUP_WEIGHT, group), weight)
                    .words("分）");
            }
        }
        paragraphs.push(p.words("。").done(report_keys::GROUPS.to_string()));
    }
    for n in report
        .nodes
        .iter()
        .filter(|n| n.leaf && lost_points(calc, n))
    {
        if let Some(d) = &n.derivation {
            // A derivation names its indicator, but for a 定性 or hand-entered score.
            let name = n.name.trim();
            let named = d.starts_with(name) || name.is_empty();
            let p = if named {
                w()
            } else {
                w().typed("name", name).words("：")
            };
            paragraphs.push(
                p.derivation("derivation", d)
                    .words("。")
                    .done(report_keys::key(report_keys::SCORE, name)),
            );
        }
    }
    if let Some(r) = &totals.rescale {
        paragraphs.push(
            w().derivation("rescale", &r.text)
                .words("。")
                .done("conclusion/rescale".to_string()),
        );
    }
    Section {
        key: "conclusion",
        heading: if evaluation {
            "三、评价结论"
        } else {
            "三、自评结论"
        }
        .to_string(),
        paragraphs,
    }
}

/// Whether a target or actual of the table needs the row's 计量单位 after it, to be read in a
/// sentence or a table without that column: not when the cell says its own unit (96.5%,
/// ９６．５％, 3天内, 2000平方米) or holds words rather than a figure, nor after words that
/// follow the figure (2000以上平方米 reads wrong).
pub(crate) fn needs_unit(text: &str, unit: &str) -> bool {
    let unit = crate::cell::row_unit(unit);
    // The figure ends the cell: in digits, or in Chinese numerals (两千).
    let ends = text
        .trim()
        .ends_with(|c: char| c.is_numeric() || "零〇一二两三四五六七八九十百千万亿".contains(c));
    !unit.is_empty()
        && ends
        && matches!(
            crate::cell::parse_cell(text.trim()),
            Ok(crate::cell::Cell::Number(q)) if !q.percent && q.unit.is_empty()
        )
}

/// A scored leaf below its 分值, or a 加减分 item taken off (its 分值 is its bound, not points
/// to lose).
fn lost_points(calc: &Calculator, n: &NodeReport) -> bool {
    let adjustment = calc
        .node(n.index)
        .is_some_and(|node| matches!(node.rule, Some(crate::model::Rule::Adjustment(_))));
    let score = calc.score(n.index);
    n.status == NodeStatus::Scored
        && if adjustment {
            score.is_some_and(|s| s.is_sign_negative() && !s.is_zero())
        } else {
            matches!((score, calc.weight(n.index)), (Some(s), Some(w)) if s < w)
        }
}

/// Whether a group offers points: a group of 加减分 alone has a 分值 of 0, which the report
/// does not write (工作表现加减分（分值0分）).
fn weighted(calc: &Calculator, id: usize) -> bool {
    calc.weight(id).is_some_and(|w| !w.is_zero())
}

/// Whether a row's completion is so far over its target that 检查 finds the target too low.
fn conservative(calc: &Calculator, id: usize) -> bool {
    calc.diagnostics_at(id).iter().any(|d| {
        matches!(
            d.problem,
            crate::diagnostic::Problem::ConservativeTarget { .. }
        )
    })
}

fn problems(calc: &Calculator, report: &Report) -> Section {
    let mut paragraphs = Vec::new();
    for n in report
        .nodes
        .iter()
        .filter(|n| n.leaf && lost_points(calc, n))
    {
        let node = calc.node(n.index).expect("a row of the sheet");
        if !node.reason.trim().is_empty() {
            let (name, reason) = (n.name.trim(), node.reason.trim());
            let p = w().typed("name", name).words("：").typed("reason", reason);
            let ended = reason.ends_with(['。', '；', '！', '.']);
            let p = if ended { p } else { p.words("。") };
            paragraphs.push(p.done(report_keys::key(report_keys::REASON, name)));
        }
    }
    // A target met many times over was set too low (seed 003: 完成率746.67%，指标值的设置过于
    // 保守): the finding 检查 gives at the row, unless the sheet switched it off.
    for n in report.nodes.iter().filter(|n| n.leaf) {
        let (Some(rate), true) = (&n.rate, conservative(calc, n.index)) else {
            continue;
        };
        let node = calc.node(n.index).expect("a row of the sheet");
        let name = n.name.trim();
        paragraphs.push(
            w().typed("name", name)
                .words("：年度指标值")
                .amount("target", &node.target, "target_unit", &node.unit)
                .words("，实际完成")
                .amount("actual", &node.actual, "unit", &node.unit)
                .words("，完成率")
                .figure("rate", rate)
                .words("，指标值设定偏保守。")
                .done(report_keys::key(report_keys::TARGET, name)),
        );
    }
    paragraphs.extend(lines(report_keys::PROBLEMS, &calc.meta().problems));
    Section {
        key: "problems",
        heading: "四、存在的问题及原因".to_string(),
        paragraphs,
    }
}
