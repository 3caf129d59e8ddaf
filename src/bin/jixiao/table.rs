//! The evaluation as tables for a terminal, laid out like the printed forms.

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{CellAlignment, ContentArrangement, Table};
use jixiao::diagnostic::Location;
use jixiao::engine::Calculator;
use jixiao::report::Report;
use std::fmt::Write;

const WIDTH: u16 = 150;

fn table(header: &[&str]) -> Table {
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(WIDTH)
        .set_header(header.to_vec());
    t
}

fn right(t: &mut Table, columns: &[usize]) {
    for &c in columns {
        if let Some(col) = t.column_mut(c) {
            col.set_cell_alignment(CellAlignment::Right);
        }
    }
}

pub fn render(calc: &Calculator, report: &Report) -> String {
    let mut out = String::new();
    let meta = calc.meta();
    let title = if meta.title.is_empty() {
        report.kind_label
    } else {
        meta.title.as_str()
    };
    let _ = writeln!(out, "{title}");
    let who: Vec<&str> = [
        meta.unit.as_str(),
        meta.project.as_str(),
        meta.year.as_str(),
    ]
    .into_iter()
    .filter(|s| !s.is_empty())
    .collect();
    if !who.is_empty() {
        let _ = writeln!(out, "{}", who.join("  "));
    }

    if !report.funds.is_empty() {
        let mut t = table(&["资金", "预算数（万元）", "执行数（万元）", "执行率"]);
        for f in &report.funds {
            t.add_row(vec![
                f.name.clone(),
                f.budget.clone().unwrap_or_default(),
                f.spent.clone().unwrap_or_default(),
                f.rate.clone().unwrap_or_else(|| "—".into()),
            ]);
        }
        right(&mut t, &[1, 2, 3]);
        let _ = writeln!(out, "\n{t}");
    }

    if !report.nodes.is_empty() {
        let mut t = table(&[
            "指标",
            "分值",
            "年度指标值",
            "实际完成值",
            "完成率",
            "得分",
            "说明",
        ]);
        for n in &report.nodes {
            let node = calc.node(n.index).expect("row");
            let name = format!("{}{}", "  ".repeat(n.depth), n.name);
            let (target, actual) = if n.leaf {
                (node.target.to_string(), node.actual.to_string())
            } else {
                (String::new(), String::new())
            };
            let mut explain = n.derivation.clone().unwrap_or_default();
            if let Some(f) = &n.formula {
                let _ = write!(explain, "\n{f}");
            }
            t.add_row(vec![
                name,
                n.weight.clone().unwrap_or_default(),
                target,
                actual,
                n.rate.clone().unwrap_or_default(),
                n.score.clone().unwrap_or_else(|| "—".into()),
                explain,
            ]);
        }
        right(&mut t, &[1, 4, 5]);
        let _ = writeln!(out, "\n{t}");
        match (&report.totals.total, &report.totals.grade) {
            (Some(total), Some(grade)) => {
                let _ = write!(out, "总分 {total}，等级：{grade}");
                // Said as the page says it: the grade stands only once it is final.
                if !report.totals.complete {
                    out.push_str("（暂定：有指标未能计分）");
                } else if report.totals.final_grade().is_none() {
                    let errors = report.totals.errors;
                    let _ = write!(out, "（暂定：表中有 {errors} 处错误，更正后等级才作数）");
                }
                out.push('\n');
                if let Some(r) = &report.totals.rescale {
                    let _ = writeln!(out, "{}", r.text);
                }
            }
            _ => out.push_str("总分：无法计算\n"),
        }
    }

    if let Some(s) = &report.summary {
        let mut t = table(&jixiao::report::PROJECT_HEADERS);
        for (r, typed) in s.rows.iter().zip(calc.projects()) {
            t.add_row(vec![
                r.seq.clone(),
                r.unit.clone(),
                r.project.clone(),
                // Every place read, as the 合计 under them adds them (and the form prints them).
                r.budget_exact.clone().unwrap_or_default(),
                r.spent_exact.clone().unwrap_or_default(),
                r.rate.clone().unwrap_or_else(|| "—".into()),
                // No score: the 分数 as the row holds it (待定, a sheet not yet fully scored).
                r.score
                    .clone()
                    .unwrap_or_else(|| typed.score.trim().to_string()),
                r.grade.clone().unwrap_or_default(),
            ]);
        }
        t.add_row(vec![
            String::new(),
            "合计".into(),
            String::new(),
            s.totals.budget.clone(),
            s.totals.spent.clone(),
            s.totals.rate.clone().unwrap_or_else(|| "—".into()),
            "——".into(),
            "——".into(),
        ]);
        right(&mut t, &[3, 4, 5, 6]);
        let _ = writeln!(out, "\n{t}");
        let grades: Vec<String> = s
            .totals
            .distribution()
            .map(|(grade, count)| format!("{grade} {count}"))
            .collect();
        let _ = writeln!(out, "等级分布：{}", grades.join("，"));
        if let (Some(mean), Some(min), Some(max)) = (
            &s.totals.mean_score,
            &s.totals.min_score,
            &s.totals.max_score,
        ) {
            let _ = writeln!(out, "平均分 {mean}，最低 {min}，最高 {max}");
        }
    }

    if !report.diagnostics.is_empty() {
        out.push_str("\n提示：\n");
        for d in &report.diagnostics {
            let place = match d.at {
                Location::Sheet => "全表".to_string(),
                Location::Setting { .. } => "设置".to_string(),
                Location::Node { node, .. } => format!("“{}”", report.nodes[node].name),
                Location::Funds { row, .. } => format!("资金“{}”", report.funds[row].name),
                Location::Project { row, .. } => format!("项目第{}行", row + 1),
            };
            let level = match d.severity {
                jixiao::diagnostic::Severity::Error => "错误",
                jixiao::diagnostic::Severity::Warning => "注意",
                jixiao::diagnostic::Severity::Info => "说明",
                jixiao::diagnostic::Severity::Hint => "提示",
            };
            let _ = writeln!(out, "  [{level}] {place}：{}", d.message);
        }
    }
    out
}
