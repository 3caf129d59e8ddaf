//! 提示: the weaknesses of an indicator itself that reviewers write in red (DOMAIN.md §7), each
//! with its reason and a suggestion, found while the table is filled. They never decide
//! whether a sheet is in order; a sheet can switch any of them off (`hints_off`).
//!
//! This file holds what one row shows by itself; the completion hint (`conservative_target`)
//! is the ratio rules' own (`Leaf::check_over_completion`).

use crate::cell::{parse_cell, Cell};
use crate::diagnostic::{Field, Problem};
use crate::model::Node;
use rust_decimal::Decimal;

/// Every hint, (code, what it points out), as the settings offer to switch them off.
pub const HINTS: [(&str, &str); 8] = [
    (
        "conservative_target",
        "完成率远超指标值（指标值可能偏保守）",
    ),
    (
        "unmeasurable_target",
        "指标值无法核验（如“基本满意”“有所提高”）",
    ),
    ("placeholder_value", "以“*”“/”“略”“待定”“暂无”代替数值"),
    ("percent_over_100", "比率类指标值超过100%"),
    ("no_satisfaction", "项目支出表没有满意度指标"),
    (
        "missing_dimension",
        "产出缺少数量 / 质量 / 时效 / 成本指标，效益没有指标",
    ),
    ("cost_direction", "成本指标按“≥”比较"),
    (
        "execution_gap",
        concat!(
            "指标完成率高于预算执行率",
            crate::diagnostic::execution_gap!(),
            "个百分点以上"
        ),
    ),
];

/// What units type for a value they do not give. `-` is read as "not filled", not this.
const PLACEHOLDERS: [&str; 5] = ["*", "/", "略", "待定", "暂无"];

/// Words that say which way things should go, not where they must arrive.
const VAGUE: [&str; 16] = [
    "基本满意",
    "有所提高",
    "有所提升",
    "有所改善",
    "有所增加",
    "进一步",
    "明显改善",
    "明显提升",
    "明显提高",
    "逐步",
    "不断",
    "持续",
    "较好",
    "良好",
    "显著",
    "稳步",
];

/// What makes a target checkable although it has no figure: a date or a yes / no criterion.
const CHECKABLE: [&str; 12] = [
    "年", "月", "日", "季度", "是", "否", "完成", "达成", "合格", "达标", "通过", "全部",
];

/// The hints of one leaf's own cells.
pub(crate) fn of_leaf(node: &Node, findings: &mut Vec<(Field, Problem)>) {
    for (field, text) in [(Field::Target, &node.target), (Field::Actual, &node.actual)] {
        let text = text.trim();
        if PLACEHOLDERS.contains(&text) {
            findings.push((
                field,
                Problem::PlaceholderValue {
                    text: text.to_string(),
                },
            ));
        }
    }
    if let Some(phrase) = unmeasurable(node.target.trim()) {
        findings.push((Field::Target, Problem::UnmeasurableTarget { phrase }));
    }
    if let Some(value) = percent_over_100(node) {
        findings.push((Field::Target, Problem::PercentOver100 { value }));
    }
}

/// The vague phrase of a target with no figure, date or yes / no criterion.
fn unmeasurable(target: &str) -> Option<&'static str> {
    if target
        .chars()
        .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
        || CHECKABLE.iter().any(|w| target.contains(w))
    {
        return None;
    }
    VAGUE.iter().copied().find(|w| target.contains(w))
}

/// The target of a rate (a name ending in 率, or the unit %) when it is a percentage above 100.
fn percent_over_100(node: &Node) -> Option<Decimal> {
    let unit_percent = node.unit.trim() == "%";
    if !(unit_percent || node.name.trim().ends_with('率')) {
        return None;
    }
    match parse_cell(&node.target) {
        Ok(Cell::Number(q)) if (q.percent || unit_percent) && q.value > Decimal::ONE_HUNDRED => {
            Some(q.value)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(name: &str, target: &str, actual: &str, unit: &str) -> Vec<&'static str> {
        let mut node = Node::leaf(name, "10", None);
        node.target = target.into();
        node.actual = actual.into();
        node.unit = unit.into();
        let mut found = Vec::new();
        of_leaf(&node, &mut found);
        found.iter().map(|(_, p)| p.code()).collect()
    }

    #[test]
    fn placeholders_are_hinted_and_a_dash_is_not() {
        for p in PLACEHOLDERS {
            assert_eq!(
                codes("培训人次", p, "100", ""),
                ["placeholder_value"],
                "{p}"
            );
            assert_eq!(
                codes("培训人次", "100", p, ""),
                ["placeholder_value"],
                "{p}"
            );
        }
        assert!(codes("培训人次", "-", "100", "").is_empty());
        assert!(codes("培训人次", "待定事项3项", "3", "").is_empty());
    }

    #[test]
    fn a_target_no_one_can_verify() {
        for t in [
            "基本满意",
            "有所提高",
            "进一步加强",
            "明显改善",
            "群众获得感不断增强",
        ] {
            assert_eq!(
                codes("群众满意度", t, "", ""),
                ["unmeasurable_target"],
                "{t}"
            );
        }
        for t in [
            "≥90%",
            "12月底前完成",
            "是",
            "持续开展4期",
            "按期完成",
            "社区居民",
            "",
            "进一步提升至95%",
        ] {
            assert!(codes("群众满意度", t, "", "").is_empty(), "{t}");
        }
    }

    #[test]
    fn a_rate_above_100_percent() {
        assert_eq!(
            codes("验收合格率", "120%", "100%", ""),
            ["percent_over_100"]
        );
        assert_eq!(codes("覆盖", "105", "100", "%"), ["percent_over_100"]);
        assert!(codes("验收合格率", "100%", "98%", "").is_empty());
        assert!(
            codes("培训人次", "120%", "100%", "").is_empty(),
            "not a rate"
        );
        assert!(
            codes("完成率", "150", "100", "个").is_empty(),
            "not a percentage"
        );
    }

    /// A sheet can switch a hint off; the others stay, and no hint counts as a problem.
    #[test]
    fn a_sheet_switches_a_hint_off() {
        use crate::engine::Calculator;
        use crate::model::{Sheet, SheetKind};
        let mut sheet = Sheet::new(SheetKind::Project);
        let mut vague = Node::leaf("群众满意度", "50", None);
        vague.target = "基本满意".into();
        let mut rate = Node::leaf("验收合格率", "50", None);
        rate.target = "120%".into();
        rate.actual = "100%".into();
        rate.reason = "返工".into();
        sheet.indicators = vec![vague, rate];
        let codes = |sheet: &Sheet| {
            let calc = Calculator::new(sheet.clone());
            assert_eq!(
                calc.severity_counts(&calc.sheet_level_diagnostics()).1,
                1,
                "the one warning: 请填写实际完成值"
            );
            let mut codes: Vec<&str> = calc
                .diagnostics()
                .iter()
                .filter(|d| d.severity() == crate::diagnostic::Severity::Hint)
                .map(|d| d.problem.code())
                .collect();
            codes.sort_unstable();
            codes
        };
        assert_eq!(codes(&sheet), ["percent_over_100", "unmeasurable_target"]);
        sheet.settings.hints_off = vec!["unmeasurable_target".into()];
        assert_eq!(codes(&sheet), ["percent_over_100"]);
    }

    /// The settings offer every hint there is, and only hints.
    #[test]
    fn the_list_of_hints_is_every_hint() {
        use crate::diagnostic::Severity;
        let d = Decimal::ONE;
        let all = [
            Problem::ConservativeTarget {
                rate: d,
                threshold: d,
            },
            Problem::UnmeasurableTarget {
                phrase: "基本满意"
            },
            Problem::PlaceholderValue { text: "*".into() },
            Problem::PercentOver100 { value: d },
            Problem::NoSatisfaction,
            Problem::MissingDimension {
                group: "产出".into(),
                dimension: "时效",
            },
            Problem::CostDirection {
                name: "成本".into(),
                comparison: "≥",
            },
            Problem::ExecutionGap {
                completion: d,
                execution: d,
            },
        ];
        let codes: Vec<&str> = all.iter().map(|p| p.code()).collect();
        assert_eq!(codes, HINTS.map(|(c, _)| c));
        assert!(all.iter().all(|p| p.severity() == Severity::Hint));
    }
}
