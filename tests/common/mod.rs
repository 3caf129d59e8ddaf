//! Project sheet files generated for the batch tests and the batch benchmark.
#![allow(dead_code)]

use jixiao::model::{FundsRow, Node, Rule, Sheet, SheetKind};
use jixiao::rules::{BudgetExecution, Manual};
use rust_decimal::prelude::*;
use std::path::Path;

/// The eleven projects of seed 000 as the sheets their evaluators filled: a 预算执行率 leaf
/// (10 分) from the budget and spending, and the evaluation group's score for the other 90 分,
/// chosen so that each total is the 分数 the summary prints.
pub fn seed000_projects() -> Vec<Sheet> {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seed000_summary.sheet.json");
    let summary = jixiao::load::load(&std::fs::read_to_string(path).unwrap()).unwrap();
    summary
        .projects
        .iter()
        .map(|row| {
            let budget = Decimal::from_str(&row.budget.replace(',', "")).unwrap();
            let spent = Decimal::from_str(&row.spent.replace(',', "")).unwrap();
            let execution = (Decimal::TEN * spent / budget)
                .min(Decimal::TEN)
                .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
            let rest = Decimal::from_str(&row.score).unwrap() - execution;
            project(
                &row.unit,
                &row.project,
                &row.budget,
                &row.spent,
                &rest.to_string(),
                &row.problems,
                &row.suggestions,
            )
        })
        .collect()
}

fn project(
    unit: &str,
    name: &str,
    budget: &str,
    spent: &str,
    rest: &str,
    problems: &str,
    suggestions: &str,
) -> Sheet {
    let mut sheet = Sheet::new(SheetKind::Project);
    sheet.meta.unit = unit.to_string();
    sheet.meta.project = name.to_string();
    sheet.meta.problems = problems.to_string();
    sheet.meta.suggestions = suggestions.to_string();
    sheet.funds = vec![FundsRow {
        name: "项目资金".into(),
        budget: budget.to_string(),
        spent: spent.to_string(),
        ..FundsRow::default()
    }];
    let mut execution = Node::leaf(
        "预算执行率",
        "10",
        Some(Rule::BudgetExecution(BudgetExecution::default())),
    );
    execution.target = budget.into();
    execution.actual = spent.into();
    execution.unit = "万元".into();
    execution.reason = "见评价报告".into();
    let mut rest_leaf = Node::leaf(
        "产出及效益（评价组评分）",
        "90",
        Some(Rule::Manual(Manual {})),
    );
    rest_leaf.score = rest.into();
    rest_leaf.reason = "见评价报告".into();
    sheet.indicators = vec![execution, rest_leaf];
    sheet
}

/// A deterministic generator (xorshift), so every run makes the same files.
pub struct Rng(pub u64);

impl Rng {
    pub fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

/// `cents` as an amount in 万元 with two decimals and thousands separators ("1,234.56").
pub fn amount(cents: u64) -> String {
    let int = (cents / 100).to_string();
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    format!("{out}.{:02}", cents % 100)
}

/// Project `i` of a generated batch: the 项目支出 template with every indicator filled in, as
/// a unit would; its budget and spending in cents are returned with it.
pub fn generated_project(i: usize) -> (Sheet, u64, u64) {
    let mut rng = Rng(0x2545_F491_4F6C_DD1D ^ (i as u64 + 1).wrapping_mul(0x9E37_79B9));
    let mut sheet = jixiao::templates::find("project").unwrap().sheet();
    sheet.meta.unit = format!("第{}单位", i % 97 + 1);
    sheet.meta.project = format!("生成项目{:04}", i + 1);
    sheet.meta.year = "2023".into();
    let budget = 10_000 + rng.below(10_000_000);
    let spent = budget * (70 + rng.below(31)) / 100;
    let mut k = 0;
    fill(&mut sheet.indicators, &mut rng, &mut k, budget, spent);
    // The 10号 form's 项目资金: 年度资金总额, all of it 当年财政拨款.
    for row in &mut sheet.funds[..2] {
        row.budget = amount(budget);
        row.spent = amount(spent);
    }
    (sheet, budget, spent)
}

fn fill(nodes: &mut [Node], rng: &mut Rng, k: &mut usize, budget: u64, spent: u64) {
    for node in nodes {
        if node.is_group() {
            fill(&mut node.children, rng, k, budget, spent);
            continue;
        }
        *k += 1;
        node.reason = "无偏差".into();
        if matches!(&node.rule, Some(Rule::BudgetExecution(b)) if b.from_funds) {
            continue;
        }
        if matches!(node.rule, Some(Rule::BudgetExecution(_))) {
            node.target = amount(budget).into();
            node.actual = amount(spent).into();
            continue;
        }
        if node.name.is_empty() {
            node.name = format!("指标{k}").into();
        }
        match node.comparison {
            Some(jixiao::comparison::Comparison::Qualitative) => {
                node.target = "明显提升".into();
                node.actual = "达成".into();
                node.level = Some(jixiao::model::Level::Met);
                node.score = node.weight.clone();
            }
            Some(jixiao::comparison::Comparison::AtMost) => {
                node.target = "500".into();
                node.actual = (400 + rng.below(150)).to_string().into();
                node.unit = "万元".into();
            }
            _ => {
                if node.target.is_empty() {
                    node.target = (100 + rng.below(900)).to_string().into();
                    node.unit = "个".into();
                }
                node.actual = if node.target.ends_with('%') {
                    format!("{}.{}%", 80 + rng.below(20), rng.below(10))
                } else {
                    (node.target.parse::<u64>().unwrap_or(100) * (80 + rng.below(30)) / 100)
                        .to_string()
                }
                .into();
            }
        }
    }
}
