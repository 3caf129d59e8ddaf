//! Generated indicator sheets for benchmarks: a 3-level tree (一级 → 二级 → leaves) with the
//! rules people actually mix, filled with values as typed ("95%", "1,234.56", "≥90分").

use jixiao::model::{Band, LowerVariant, Node, Rule, Sheet, SheetKind};
use jixiao::rules::{BudgetExecution, Interval, PerOccurrence, Ratio, Step, YesNo};

/// A small deterministic generator (xorshift), so every run measures the same sheet.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn cents(v: u64) -> String {
    let s = format!("{}.{:02}", v / 100, v % 100);
    // Thousands separators as people paste them from Excel.
    let (int, frac) = s.split_once('.').unwrap();
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    format!("{out}.{frac}")
}

fn leaf(rng: &mut Rng, i: usize) -> Node {
    let mut n = Node::leaf(&format!("指标{i}"), "2", None);
    n.reason = "偏差原因".into();
    match rng.below(8) {
        0 => {
            n.rule = Some(Rule::Ratio(Ratio {
                lower: LowerVariant::Linear,
            }));
            n.comparison = Some(jixiao::comparison::Comparison::AtLeast);
            n.target = cents(10_000 + rng.below(1_000_000)).into();
            n.actual = cents(10_000 + rng.below(1_000_000)).into();
        }
        1 => {
            n.target = "≥95%".into();
            n.actual = format!("{}.{}%", 80 + rng.below(25), rng.below(100)).into();
        }
        2 => {
            n.rule = Some(Rule::Ratio(Ratio {
                lower: LowerVariant::Linear,
            }));
            n.comparison = Some(jixiao::comparison::Comparison::AtMost);
            n.target = cents(50_000).into();
            n.actual = cents(40_000 + rng.below(30_000)).into();
        }
        3 => {
            n.rule = Some(Rule::Step(Step {
                threshold: Default::default(),
                step: "5%".into(),
                points: "0.5".into(),
                inclusive: true,
            }));
            n.comparison = Some(jixiao::comparison::Comparison::AtMost);
            n.target = "0%".into();
            n.actual = format!("{}.{}%", rng.below(20), rng.below(10)).into();
        }
        4 => {
            n.rule = Some(Rule::Interval(Interval {
                basis: Default::default(),
                bands: vec![
                    Band {
                        min: "90%".into(),
                        max: Default::default(),
                        points: "2".into(),
                    },
                    Band {
                        min: "80%".into(),
                        max: "90%".into(),
                        points: "1.5".into(),
                    },
                    Band {
                        min: Default::default(),
                        max: "80%".into(),
                        points: "0".into(),
                    },
                ],
            }));
            n.actual = format!("{}%", 70 + rng.below(30)).into();
        }
        5 => {
            n.rule = Some(Rule::PerOccurrence(PerOccurrence {
                points: "0.5".into(),
            }));
            n.actual = format!("{}次", rng.below(3)).into();
        }
        6 => {
            n.rule = Some(Rule::YesNo(YesNo {}));
            n.actual = if rng.below(4) == 0 { "否" } else { "是" }.into();
        }
        _ => {
            n.rule = Some(Rule::BudgetExecution(BudgetExecution::default()));
            n.target = cents(1_000_000 + rng.below(100_000_000)).into();
            n.actual = cents(900_000 + rng.below(100_000_000)).into();
        }
    }
    n
}

/// A sheet with exactly `leaves` leaves, 10 per 二级 group, 二级 groups spread over 4 一级.
pub fn sheet(leaves: usize) -> Sheet {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ leaves as u64);
    let per_group = 10.min(leaves.max(1));
    let groups = leaves.div_ceil(per_group);
    let mut top: Vec<Node> = (0..4)
        .map(|i| Node::group(&format!("一级{i}"), "", Vec::new()))
        .collect();
    let mut made = 0;
    for g in 0..groups {
        let n = per_group.min(leaves - made);
        let children: Vec<Node> = (0..n).map(|k| leaf(&mut rng, made + k)).collect();
        made += n;
        top[g % 4].children.push(Node::group(
            &format!("二级{g}"),
            &(2 * n).to_string(),
            children,
        ));
    }
    top.retain(|t| !t.children.is_empty());
    let mut sheet = Sheet::new(SheetKind::Department);
    sheet.settings.total_weight = (2 * leaves).to_string();
    sheet.indicators = top;
    sheet
}
