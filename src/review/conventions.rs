//! The conventions a checker tries when a unit's figure differs from ours: each a change to
//! the sheet's settings (or, for `budget_weight_20` and `lower_ratio`, to its rows), so that a
//! convention named here is one the sheet can adopt in one step, and scored by the same code.
//! docs/REVIEW.md gives the formula of each.

use crate::arith::Rounding;
use crate::comparison::Comparison;
use crate::model::{Node, Rule, Sheet};
use crate::rules::{LowerVariant, Ratio};

/// One way of scoring a table that some localities' tables follow.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Convention {
    /// The stable identifier (`rate_truncated`).
    pub id: &'static str,
    /// What it is, in words (完成率截位保留2位小数).
    pub label: &'static str,
    change: Change,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Change {
    Score(u32, Rounding),
    Rate(u32, Rounding),
    ActualAsCoefficient,
    BudgetWeight20,
    BudgetUncapped,
    QualitativeBands8050,
    LowerRatio,
}

const fn convention(id: &'static str, label: &'static str, change: Change) -> Convention {
    Convention { id, label, change }
}

use Change::*;
use Rounding::{HalfUp, Truncate, Up};

/// Every convention tried, in the order one is preferred when several reproduce a figure.
pub const CONVENTIONS: &[Convention] = &[
    convention("score_whole_number", "得分四舍五入取整", Score(0, HalfUp)),
    convention(
        "score_one_decimal",
        "得分四舍五入保留1位小数",
        Score(1, HalfUp),
    ),
    convention("score_truncated", "得分截位保留2位小数", Score(2, Truncate)),
    convention("score_truncated", "得分截位保留1位小数", Score(1, Truncate)),
    convention("score_truncated", "得分截位取整", Score(0, Truncate)),
    convention("score_rounded_up", "得分进位保留2位小数", Score(2, Up)),
    convention("score_rounded_up", "得分进位保留1位小数", Score(1, Up)),
    convention("score_rounded_up", "得分进位取整", Score(0, Up)),
    convention("rate_whole_number", "完成率四舍五入取整", Rate(0, HalfUp)),
    convention(
        "rate_one_decimal",
        "完成率四舍五入保留1位小数",
        Rate(1, HalfUp),
    ),
    convention("rate_truncated", "完成率截位保留2位小数", Rate(2, Truncate)),
    convention("rate_truncated", "完成率截位保留1位小数", Rate(1, Truncate)),
    convention("rate_truncated", "完成率截位取整", Rate(0, Truncate)),
    convention("rate_rounded_up", "完成率进位保留2位小数", Rate(2, Up)),
    convention("rate_rounded_up", "完成率进位保留1位小数", Rate(1, Up)),
    convention("rate_rounded_up", "完成率进位取整", Rate(0, Up)),
    convention(
        "actual_as_coefficient",
        "以百分比实际完成值为得分系数（分值×实际完成值）",
        ActualAsCoefficient,
    ),
    convention(
        "budget_weight_20",
        "预算执行率按20分计（20×执行率）",
        BudgetWeight20,
    ),
    convention("budget_uncapped", "预算执行率得分不设上限", BudgetUncapped),
    convention(
        "qualitative_bands_80_50",
        "定性分档100–80%、80–50%、50–0%",
        QualitativeBands8050,
    ),
    convention(
        "lower_ratio",
        "越低越好的指标未达标时按比值计分（分值×年度指标值÷实际完成值）",
        LowerRatio,
    ),
];

impl Convention {
    /// The sheet scored this way, or `None` when it already is (or the change does not apply).
    pub fn apply(&self, sheet: &Sheet) -> Option<Sheet> {
        let mut out = sheet.clone();
        let s = &mut out.settings;
        match self.change {
            Score(dp, mode) => {
                (s.score_decimals, s.score_rounding) = (dp, mode);
            }
            Rate(dp, mode) => {
                (s.rate_decimals, s.rate_rounding) = (dp, mode);
            }
            ActualAsCoefficient => s.actual_as_coefficient = true,
            BudgetUncapped => s.budget_uncapped = true,
            QualitativeBands8050 => {
                s.qualitative_bands = vec!["80%".to_string(), "50%".to_string()];
            }
            BudgetWeight20 => {
                let mut changed = false;
                walk(&mut out.indicators, &mut |node| {
                    if matches!(node.rule, Some(Rule::BudgetExecution(_)))
                        && node.weight.trim() == "10"
                    {
                        node.weight = "20".into();
                        changed = true;
                    }
                });
                return changed.then_some(out);
            }
            LowerRatio => {
                // The lower-is-better rows scored by the ratio rule, named or by default: a
                // row compared otherwise (≥, 定性, a step or a table) is left as it is.
                let mut changed = false;
                walk(&mut out.indicators, &mut |node| {
                    let ratio = match &node.rule {
                        Some(Rule::Ratio(r)) => r.lower != LowerVariant::Ratio,
                        None => node.children.is_empty(),
                        Some(_) => false,
                    };
                    let lower = node
                        .comparison
                        .or_else(|| crate::rules::comparison_typed_in_target(node))
                        .is_some_and(|c| matches!(c, Comparison::AtMost | Comparison::Less));
                    if ratio && lower {
                        // Only the formula changes: the rule's other parameters stay.
                        let mut rule = match &node.rule {
                            Some(Rule::Ratio(r)) => r.clone(),
                            _ => Ratio::default(),
                        };
                        rule.lower = LowerVariant::Ratio;
                        node.rule = Some(Rule::Ratio(rule));
                        changed = true;
                    }
                });
                return changed.then_some(out);
            }
        }
        (out.settings != sheet.settings).then_some(out)
    }

    /// Whether this convention is a way of rounding.
    pub fn rounds(&self) -> bool {
        matches!(self.change, Rate(..) | Score(..))
    }
}

/// Every row of a tree, without recursion.
fn walk(tree: &mut [Node], f: &mut impl FnMut(&mut Node)) {
    let mut stack: Vec<&mut Node> = tree.iter_mut().collect();
    while let Some(node) = stack.pop() {
        f(node);
        stack.extend(node.children.iter_mut());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_identifier_is_documented() {
        let doc = include_str!("../../docs/REVIEW.md");
        for c in CONVENTIONS {
            assert!(
                doc.contains(&format!("`{}`", c.id)),
                "{} in docs/REVIEW.md",
                c.id
            );
        }
    }
}
