//! The 自评报告 written from the table, in the seeds' structure: 一、基本情况, 二、绩效目标及完成情况,
//! 三、自评结论, 四、存在的问题及原因, 五、改进措施. A paragraph is spans, each saying where its
//! text comes from, so that every number in the report is the evaluation's (a `Figure`, written
//! as the report writes it, or a `Derivation`, the core's own words) or the user's (`Typed`);
//! the words around them (`Words`) hold none. A writer (a .docx, the page's editor) joins them,
//! and the page marks what came from the table.

use crate::engine::report::{NodeReport, NodeStatus, Report};
use crate::engine::Calculator;
use crate::model::{Sheet, SheetKind};
use serde::Serialize;

/// A piece of a paragraph, by where its text comes from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "from", content = "text", rename_all = "snake_case")]
pub enum Span {
    /// The report's wording around the figures; never a number.
    Words(String),
    /// A figure of the evaluation (a score, a rate, a total), as the report writes it.
    Figure(String),
    /// How a score came about, in the core's words.
    Derivation(String),
    /// What the user typed: a name, a target, a reason.
    Typed(String),
}

/// A paragraph of the report.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Paragraph {
    pub spans: Vec<Span>,
}

impl Paragraph {
    /// The paragraph's text.
    pub fn text(&self) -> String {
        self.spans
            .iter()
            .map(|s| match s {
                Span::Words(t) | Span::Figure(t) | Span::Derivation(t) | Span::Typed(t) => {
                    t.as_str()
                }
            })
            .collect()
    }
}

/// A part of the report under its heading.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Section {
    pub heading: String,
    pub paragraphs: Vec<Paragraph>,
}

/// The report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Narrative {
    pub title: String,
    pub sections: Vec<Section>,
}

/// Builds a paragraph from spans written one after another.
#[derive(Default)]
struct Writer {
    spans: Vec<Span>,
}

impl Writer {
    fn words(mut self, text: &str) -> Self {
        self.spans.push(Span::Words(text.to_string()));
        self
    }
    fn figure(mut self, text: &str) -> Self {
        self.spans.push(Span::Figure(text.to_string()));
        self
    }
    fn typed(mut self, text: &str) -> Self {
        self.spans.push(Span::Typed(text.trim().to_string()));
        self
    }
    fn derivation(mut self, text: &str) -> Self {
        self.spans.push(Span::Derivation(text.to_string()));
        self
    }
    fn done(self) -> Paragraph {
        Paragraph { spans: self.spans }
    }
}

fn w() -> Writer {
    Writer::default()
}

/// The 自评报告 of a sheet.
pub fn narrative(sheet: &Sheet) -> Narrative {
    let calc = Calculator::new(sheet.clone());
    let report = calc.report();
    let meta = calc.meta();
    let subject = if sheet.kind == SheetKind::Project && !meta.project.trim().is_empty() {
        meta.project.trim()
    } else {
        meta.unit.trim()
    };
    let title = if meta.title.contains("报告") {
        meta.title.trim().to_string()
    } else {
        let kind = if sheet.kind == SheetKind::Project {
            "绩效自评报告"
        } else {
            "部门整体支出绩效自评报告"
        };
        let year = meta.year.trim();
        let year = if year.is_empty() {
            String::new()
        } else {
            format!("{}年度", year.trim_end_matches(['年', '度']))
        };
        format!("{year}{subject}{kind}")
    };
    let funded = calc.funded_leaf();
    Narrative {
        title,
        sections: vec![
            basics(&calc, &report, sheet.kind),
            goals(&calc, &report, funded),
            conclusion(&calc, &report, subject),
            problems(&calc, &report),
            Section {
                heading: "五、改进措施".to_string(),
                paragraphs: lines(&meta.suggestions),
            },
        ],
    }
}

/// Each non-blank line of what the user typed, as a paragraph of its own.
fn lines(text: &str) -> Vec<Paragraph> {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| w().typed(l).done())
        .collect()
}

fn basics(calc: &Calculator, report: &Report, kind: SheetKind) -> Section {
    let meta = calc.meta();
    let mut paragraphs = Vec::new();
    let labelled: Vec<(&str, &str)> = if kind == SheetKind::Project {
        vec![
            ("项目名称：", &meta.project),
            ("主管部门：", &meta.department),
            ("实施单位：", &meta.unit),
        ]
    } else {
        vec![("单位名称：", &meta.unit)]
    };
    let mut p = w();
    for (label, value) in labelled.into_iter().filter(|(_, v)| !v.trim().is_empty()) {
        p = p.words(label).typed(value).words("。");
    }
    if !p.spans.is_empty() {
        paragraphs.push(p.done());
    }
    for f in &report.funds {
        let (Some(budget), Some(spent)) = (&f.budget, &f.spent) else {
            continue;
        };
        let mut p = w().words(if f.part { "其中" } else { "" }).typed(&f.name);
        if let Some(initial) = &f.initial {
            p = p.words("年初预算数").figure(initial).words("万元，");
        }
        p = p
            .words("全年预算数")
            .figure(budget)
            .words("万元，全年执行数")
            .figure(spent)
            .words("万元");
        if let Some(rate) = &f.rate {
            p = p.words("，执行率").figure(rate);
        }
        if let (Some(score), Some(weight)) = (&f.score, &f.weight) {
            p = p
                .words("，预算执行率指标得")
                .figure(score)
                .words("分（分值")
                .figure(weight)
                .words("分）");
        }
        paragraphs.push(p.words("。").done());
    }
    Section {
        heading: "一、基本情况".to_string(),
        paragraphs,
    }
}

fn goals(calc: &Calculator, report: &Report, funded: Option<usize>) -> Section {
    let meta = calc.meta();
    let mut paragraphs = Vec::new();
    if !meta.goal.trim().is_empty() {
        paragraphs.push(w().words("年度总体目标：").typed(&meta.goal).done());
    }
    if !meta.achieved.trim().is_empty() {
        paragraphs.push(w().words("实际完成情况：").typed(&meta.achieved).done());
    }
    for n in &report.nodes {
        if !n.leaf {
            // A 一级 or 二级 group heads the indicators under it.
            if n.depth <= 1 {
                let mut p = w().typed(&n.name);
                if let Some(weight) = &n.weight {
                    p = p.words("（分值").figure(weight).words("分）");
                }
                paragraphs.push(p.done());
            }
            continue;
        }
        if Some(n.index) == funded {
            continue;
        }
        let node = calc.node(n.index).expect("a row of the sheet");
        let mut p = w().typed(&n.name).words("：");
        if !node.target.trim().is_empty() {
            p = p.words("年度指标值").typed(&node.target).words("，");
        }
        let actual = node.actual.trim();
        if let (Some(level), true) = (&node.level, actual.is_empty()) {
            p = p.words("完成情况为“").typed(level.label()).words("”，");
        } else if !actual.is_empty() {
            p = p.words("实际完成").typed(actual);
            if !node.unit.trim().is_empty() && !actual.ends_with(node.unit.trim()) {
                p = p.typed(&node.unit);
            }
            p = p.words("，");
        }
        p = match n.status {
            NodeStatus::NotApplicable => p.words("本年度不适用。"),
            NodeStatus::Unscored => p.words("未能计分。"),
            _ if lost_points(calc, n) => p.words("未完全完成。"),
            _ => p.words("已完成。"),
        };
        paragraphs.push(p.done());
    }
    Section {
        heading: "二、绩效目标及完成情况".to_string(),
        paragraphs,
    }
}

fn conclusion(calc: &Calculator, report: &Report, subject: &str) -> Section {
    let mut paragraphs = Vec::new();
    let totals = &report.totals;
    if let Some(total) = &totals.total {
        let mut p = w()
            .words("经自评，")
            .typed(subject)
            .words("总分")
            .figure(total)
            .words("分");
        if let (true, Some(grade)) = (totals.complete, &totals.grade) {
            p = p.words("，等级为“").figure(grade).words("”");
        }
        paragraphs.push(p.words("。").done());
    }
    let tops: Vec<&NodeReport> = report.nodes.iter().filter(|n| n.depth == 0).collect();
    if tops.len() > 1 {
        let mut p = w().words("其中");
        for (k, n) in tops.iter().enumerate() {
            if k > 0 {
                p = p.words("，");
            }
            let not_applicable = calc.node(n.index).is_some_and(|node| node.not_applicable);
            p = p.typed(&n.name);
            p = match (&n.score, not_applicable) {
                (_, true) => p.words("本年度不适用"),
                (Some(s), false) => p.words("得").figure(s).words("分"),
                (None, false) => p.words("未计分"),
            };
            if let Some(weight) = &n.weight {
                p = p.words("（分值").figure(weight).words("分）");
            }
        }
        paragraphs.push(p.words("。").done());
    }
    for n in report
        .nodes
        .iter()
        .filter(|n| n.leaf && lost_points(calc, n))
    {
        if let Some(d) = &n.derivation {
            // A derivation names its indicator, but for a 定性 or hand-entered score.
            let named = d.starts_with(n.name.trim()) || n.name.trim().is_empty();
            let p = if named {
                w()
            } else {
                w().typed(&n.name).words("：")
            };
            paragraphs.push(p.derivation(d).words("。").done());
        }
    }
    if let Some(r) = &totals.rescale {
        paragraphs.push(w().derivation(&r.text).words("。").done());
    }
    Section {
        heading: "三、自评结论".to_string(),
        paragraphs,
    }
}

/// A scored leaf below its 分值 (a 加减分 item's 分值 is its bound, not points to lose).
fn lost_points(calc: &Calculator, n: &NodeReport) -> bool {
    let adjustment = calc
        .node(n.index)
        .is_some_and(|node| matches!(node.rule, Some(crate::model::Rule::Adjustment(_))));
    n.status == NodeStatus::Scored
        && !adjustment
        && matches!((calc.score(n.index), calc.weight(n.index)), (Some(s), Some(w)) if s < w)
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
            let reason = node.reason.trim();
            let p = w().typed(&n.name).words("：").typed(reason);
            let ended = reason.ends_with(['。', '；', '！', '.']);
            paragraphs.push(if ended { p } else { p.words("。") }.done());
        }
    }
    paragraphs.extend(lines(&calc.meta().problems));
    Section {
        heading: "四、存在的问题及原因".to_string(),
        paragraphs,
    }
}
