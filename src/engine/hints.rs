//! 提示 about a 项目支出 table as a whole (DOMAIN.md §7): what the 10号 framework expects the
//! indicator tree to have (a 满意度 indicator, 数量 / 质量 / 时效 / 成本 under 产出, something under
//! 效益), a 成本 indicator compared the wrong way, and indicators met far better than the money
//! was spent. Each is located at the sheet, the row named in its message. The hints of one
//! row's own cells are `crate::hints`.

use super::{Calculator, NodeId, NONE};
use crate::comparison::Comparison;
use crate::diagnostic::{execution_gap, Diagnostic, Location, Problem};
use crate::model::{Rule, SheetKind};
use rust_decimal::Decimal;

/// The kinds of 产出 indicator the 10号 framework names.
const DIMENSIONS: [&str; 4] = ["数量", "质量", "时效", "成本"];

impl Calculator {
    /// The tree's hints, for a 项目支出 sheet; none that the sheet switched off.
    pub(super) fn tree_hints(&self) -> Vec<Diagnostic> {
        if self.kind != SheetKind::Project || self.slots.is_empty() {
            return Vec::new();
        }
        let mut found = self
            .structure_hints
            .get_or_init(|| {
                let mut found = Vec::new();
                self.satisfaction(&mut found);
                self.dimensions(&mut found);
                self.cost_direction(&mut found);
                self.below_last_year(&mut found);
                found
            })
            .clone();
        // The one that moves with the figures, worked out at every ask.
        self.execution_gap(&mut found);
        found
            .into_iter()
            .filter(|p| self.settings.shows(p))
            .map(|p| Diagnostic::new(Location::Sheet, p))
            .collect()
    }

    fn name(&self, id: NodeId) -> &str {
        self.nodes[id].name.trim()
    }

    /// The row and its ancestors, nearest first.
    fn lineage(&self, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        std::iter::successors(Some(id), move |&i| {
            let p = self.slots[i].parent;
            (p != NONE).then_some(p as usize)
        })
    }

    fn leaves_under(&self, id: NodeId) -> Vec<NodeId> {
        let mut out = Vec::new();
        let mut stack = vec![id];
        while let Some(i) = stack.pop() {
            if self.is_leaf(i) {
                out.push(i);
            }
            stack.extend(self.children(i));
        }
        out
    }

    fn top_named(&self, prefix: &str) -> Option<NodeId> {
        self.top_level().find(|&i| self.name(i).starts_with(prefix))
    }

    /// A 满意度 indicator with a 分值: a leaf named so, or under a group named so.
    fn satisfaction(&self, found: &mut Vec<Problem>) {
        let weighted = (0..self.slots.len()).any(|i| {
            self.is_leaf(i)
                && self.weight(i).is_some_and(|w| w > Decimal::ZERO)
                && self.lineage(i).any(|a| self.name(a).contains("满意度"))
        });
        if !weighted {
            found.push(Problem::NoSatisfaction);
        }
    }

    /// 数量, 质量, 时效 and 成本 under 产出; at least one indicator under 效益.
    fn dimensions(&self, found: &mut Vec<Problem>) {
        if let Some(output) = self.top_named("产出") {
            let names: Vec<NodeId> = self.leaves_under(output);
            for dimension in DIMENSIONS {
                let present = names.iter().any(|&leaf| {
                    self.lineage(leaf)
                        .take_while(|&a| a != output)
                        .any(|a| self.name(a).contains(dimension))
                });
                if !present {
                    found.push(Problem::MissingDimension {
                        group: self.name(output).to_string(),
                        dimension,
                    });
                }
            }
        }
        if let Some(benefit) = self.top_named("效益") {
            if self.leaves_under(benefit).iter().all(|&l| l == benefit) {
                found.push(Problem::MissingDimension {
                    group: self.name(benefit).to_string(),
                    dimension: "",
                });
            }
        }
    }

    /// A leaf that is (or is under) a 成本 indicator and counts higher as better.
    fn cost_direction(&self, found: &mut Vec<Problem>) {
        for i in (0..self.slots.len()).filter(|&i| self.is_leaf(i)) {
            let node = &self.nodes[i];
            let name = self.name(i);
            if !self.lineage(i).any(|a| self.name(a).contains("成本"))
                || ["节约", "节省", "降低", "下降"]
                    .iter()
                    .any(|w| name.contains(w))
                || !matches!(node.rule, None | Some(Rule::Ratio(_)))
            {
                continue;
            }
            let comparison = node
                .comparison
                .or_else(|| crate::rules::comparison_typed_in_target(node))
                .unwrap_or(Comparison::AtLeast);
            if matches!(comparison, Comparison::AtLeast | Comparison::Greater) {
                found.push(Problem::CostDirection {
                    name: if name.is_empty() {
                        format!("第{}行", i + 1)
                    } else {
                        name.to_string()
                    },
                    comparison: comparison.symbol(),
                });
            }
        }
    }

    /// The mean completion of the 产出 and 效益 leaves (score ÷ 分值, at most 100%) against the
    /// 执行率: more than 5 points above it is the national platform's red flag.
    fn execution_gap(&self, found: &mut Vec<Problem>) {
        let Some(execution) = self.execution_rate() else {
            return;
        };
        let hundred = Decimal::ONE_HUNDRED;
        let rates: Vec<Decimal> = ["产出", "效益"]
            .iter()
            .filter_map(|p| self.top_named(p))
            .flat_map(|g| self.leaves_under(g))
            .filter_map(|leaf| {
                let (score, weight) = (self.score(leaf)?, self.weight(leaf)?);
                (weight > Decimal::ZERO).then(|| {
                    crate::arith::mul_div(score, hundred, weight)
                        .map_or(hundred, |r| r.min(hundred))
                })
            })
            .collect();
        if rates.is_empty() {
            return;
        }
        let Some(sum) = rates
            .iter()
            .try_fold(Decimal::ZERO, |a, r| a.checked_add(*r))
        else {
            return;
        };
        let Some(completion) = sum.checked_div(Decimal::from(rates.len())) else {
            return;
        };
        if completion - execution > Decimal::from(execution_gap!()) {
            found.push(Problem::ExecutionGap {
                completion: crate::arith::round(completion, 2),
                execution,
            });
        }
    }

    /// The 执行率: the 预算执行率 row's (as its slot keeps it: the row is not scored again at
    /// every key), else the first 资金 row's.
    fn execution_rate(&self) -> Option<Decimal> {
        match self.budget_leaf() {
            Some(i) => self.leaf_rate(i),
            None => self.funds.rows.first()?.rate,
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::comparison::Comparison;
    use crate::engine::Calculator;
    use crate::model::{Node, Sheet};

    fn hints(sheet: &Sheet) -> Vec<String> {
        Calculator::new(sheet.clone())
            .tree_hints()
            .iter()
            .map(|d| format!("{}: {}", d.problem.code(), d.message()))
            .collect()
    }

    fn template() -> Sheet {
        crate::templates::find("project").unwrap().sheet()
    }

    fn group<'a>(sheet: &'a mut Sheet, path: &[&str]) -> &'a mut Node {
        let mut level = &mut sheet.indicators;
        let (last, parents) = path.split_last().unwrap();
        for name in parents {
            level = &mut level.iter_mut().find(|n| n.name == *name).unwrap().children;
        }
        level.iter_mut().find(|n| n.name == *last).unwrap()
    }

    #[test]
    fn the_project_template_has_everything_the_framework_expects() {
        assert!(hints(&template()).is_empty(), "{:?}", hints(&template()));
    }

    #[test]
    fn no_satisfaction_indicator_or_one_weighted_0() {
        let mut sheet = template();
        group(
            &mut sheet,
            &["满意度指标", "服务对象满意度指标", "服务对象满意度"],
        )
        .weight = "0".into();
        assert_eq!(
            hints(&sheet),
            ["no_satisfaction: 本表没有计分的满意度指标：项目支出绩效自评原则上设服务对象满意度指标（10分），建议补充，如“服务对象满意度≥90%”"]
        );
        let mut sheet = template();
        sheet.indicators.retain(|n| n.name != "满意度指标");
        assert_eq!(hints(&sheet).len(), 1);
    }

    #[test]
    fn a_missing_kind_of_output_and_an_empty_benefit() {
        let mut sheet = template();
        group(&mut sheet, &["产出指标"])
            .children
            .retain(|n| n.name != "时效指标");
        group(&mut sheet, &["效益指标"]).children.clear();
        assert_eq!(
            hints(&sheet),
            [
                "missing_dimension: “产出指标”下没有时效指标：产出指标一般包括数量、质量、时效、成本四类，建议补充，或在说明中写明不设的理由",
                "missing_dimension: “效益指标”下还没有指标：建议至少设置一项社会效益、经济效益、生态效益或可持续影响指标",
            ]
        );
    }

    #[test]
    fn a_cost_counted_higher_as_better() {
        let mut sheet = template();
        let cost = &mut group(&mut sheet, &["产出指标", "成本指标"]).children[0];
        cost.name = "人均培训成本".into();
        cost.comparison = Some(Comparison::AtLeast);
        assert_eq!(
            hints(&sheet),
            ["cost_direction: “人均培训成本”是成本指标，比较方式却是“≥”（越高越好）：成本指标一般为“≤”（不超过），请核对"]
        );
        // A saving is counted higher as better.
        let cost = &mut group(&mut sheet, &["产出指标", "成本指标"]).children[0];
        cost.name = "成本节约率".into();
        assert!(hints(&sheet).is_empty());
    }

    #[test]
    fn indicators_met_far_better_than_the_money_was_spent() {
        let mut sheet = template();
        let fill = |nodes: &mut Vec<Node>| {
            let mut stack: Vec<&mut Node> = nodes.iter_mut().collect();
            while let Some(n) = stack.pop() {
                if !n.children.is_empty() {
                    stack.extend(n.children.iter_mut());
                } else if n.comparison == Some(Comparison::Qualitative) {
                    n.level = Some(crate::model::Level::Met);
                    n.score = n.weight.clone();
                } else if n.rule.is_none() {
                    n.target = "100".into();
                    n.actual = "100".into();
                }
            }
        };
        fill(&mut sheet.indicators);
        sheet.funds[0].budget = "100.00".into();
        sheet.funds[0].spent = "80.00".into();
        assert_eq!(
            hints(&sheet),
            ["execution_gap: 产出、效益指标平均完成率100.00%，高于预算执行率80.00%达20.00个百分点：任务完成得比钱花得好得多，请核对指标值是否偏低、执行数是否漏报（超过5个百分点即为财政部平台的预警）"]
        );
        // 6 points is flagged; exactly 5 is not.
        sheet.funds[0].spent = "94.00".into();
        assert_eq!(hints(&sheet).len(), 1);
        sheet.funds[0].spent = "95.00".into();
        assert!(hints(&sheet).is_empty());
        // Switched off.
        sheet.funds[0].spent = "50.00".into();
        sheet.settings.hints_off = vec!["execution_gap".into()];
        assert!(hints(&sheet).is_empty());
    }
}
