//! Properties that must hold for any input: nothing panics, what is displayed adds up, an edit
//! gives the same result as evaluating afresh, and rounding agrees with integer arithmetic.

use jixiao::cell::parse_cell;
use jixiao::diagnostic::Field;
use jixiao::engine::report::NodeStatus;
use jixiao::engine::Calculator;
use jixiao::model::{
    Band, Declared, IntervalBasis, Level, LowerVariant, Node, Rule, Sheet, SheetKind, Text,
};
use jixiao::rules::{
    Adjustment, BudgetExecution, Interval, Manual, PerOccurrence, Qualitative, Ratio, Step, YesNo,
};
use proptest::prelude::*;
use rust_decimal::Decimal;
use std::str::FromStr;

/// Cell texts users and files really produce, good and bad.
const TEXTS: &[&str] = &[
    "",
    " ",
    "—",
    "——",
    "/",
    "0",
    "1",
    "2",
    "5",
    "10",
    "20",
    "100",
    "0.5",
    "1.87",
    "-3",
    "−2",
    "95%",
    "100%",
    "9.0%",
    "97.95%",
    "0%",
    "120%",
    "746.67%",
    "1万人",
    "9500人",
    "0.95万",
    "23,460.84",
    "1,401.84",
    "3,4",
    "９６．２５％",
    "≥90分",
    "95%以上",
    "不超过三天",
    "一年事故次数低于 3次",
    "基本满意",
    "达成",
    "部分达成",
    "未达成",
    "是",
    "否",
    "无",
    "abc",
    "1e400",
    "NaN",
    "Infinity",
    "-0",
    "99999999999999999999999999999",
    "0.00000000001",
    "999999999999999",
    "1.2.3",
    "2次",
    "十五",
    "两万",
    "≤",
    "<5",
    "=0",
    "80-90",
    "百分之九十",
    "\u{3000}12\u{3000}",
    // Names the 项目支出 hints look for (a 满意度 indicator, the kinds of 产出, 成本's direction).
    "产出指标",
    "效益指标",
    "服务对象满意度",
    "成本指标",
    "数量指标",
    "节约成本",
];

fn text() -> impl Strategy<Value = Text> {
    prop_oneof![
        4 => proptest::sample::select(TEXTS).prop_map(str::to_string),
        1 => "[0-9,.%≥≤<>=\\-一二三十百千万以上以下不超过 ]{0,12}",
        1 => any::<String>(),
    ]
    .prop_map(Text::from)
}

fn rule() -> impl Strategy<Value = Option<Rule>> {
    prop_oneof![
        3 => Just(None),
        1 => Just(Some(Rule::Ratio(Ratio { lower: LowerVariant::Linear }))),
        1 => Just(Some(Rule::Ratio(Ratio { lower: LowerVariant::Ratio }))),
        1 => Just(Some(Rule::BudgetExecution(BudgetExecution::default()))),
        1 => (text(), text(), text(), any::<bool>()).prop_map(|(threshold, step, points, inclusive)| {
            Some(Rule::Step(Step { threshold, step, points, inclusive }))
        }),
        1 => (prop::collection::vec((text(), text(), text()), 0..4), any::<bool>()).prop_map(
            |(bands, rate)| Some(Rule::Interval(Interval {
                basis: if rate { IntervalBasis::Rate } else { IntervalBasis::Actual },
                bands: bands.into_iter().map(|(min, max, points)| Band { min, max, points }).collect(),
            }))
        ),
        1 => text().prop_map(|points| Some(Rule::PerOccurrence(PerOccurrence { points }))),
        1 => Just(Some(Rule::Qualitative(Qualitative {}))),
        1 => Just(Some(Rule::YesNo(YesNo {}))),
        1 => Just(Some(Rule::Manual(Manual {}))),
        1 => text().prop_map(|bound| Some(Rule::Adjustment(Adjustment { bound }))),
    ]
}

fn comparison() -> impl Strategy<Value = Option<jixiao::comparison::Comparison>> {
    use jixiao::comparison::Comparison::*;
    proptest::option::of(proptest::sample::select(vec![
        AtLeast,
        Greater,
        Equal,
        AtMost,
        Less,
        Qualitative,
    ]))
}

fn leaf() -> impl Strategy<Value = Node> {
    (
        (text(), rule(), comparison(), text(), text()),
        (
            text(),
            proptest::option::of(proptest::sample::select(vec![
                Level::Met,
                Level::Partly,
                Level::NotMet,
            ])),
        ),
        (text(), prop::bool::weighted(0.15), text(), text()),
    )
        .prop_map(
            |(
                (weight, rule, comparison, target, actual),
                (score, level),
                (name, not_applicable, reason, declared),
            )| Node {
                id: None,
                name,
                weight,
                rule,
                comparison,
                target,
                actual,
                unit: Text::default(),
                level,
                score,
                not_applicable,
                reason,
                note: Text::default(),
                declared: Declared {
                    rate: Text::default(),
                    score: declared,
                },
                opinion: Text::default(),
                children: Vec::new(),
            },
        )
}

fn tree() -> impl Strategy<Value = Node> {
    leaf().prop_recursive(4, 40, 5, |inner| {
        (
            text(),
            text(),
            prop::collection::vec(inner, 1..5),
            prop::bool::weighted(0.05),
        )
            .prop_map(|(name, weight, children, not_applicable)| Node {
                name,
                weight,
                children,
                not_applicable,
                ..Node::default()
            })
    })
}

fn sheet() -> impl Strategy<Value = Sheet> {
    (
        prop::collection::vec(tree(), 0..4),
        prop::sample::select(vec![SheetKind::Department, SheetKind::Project]),
    )
        .prop_map(|(indicators, kind)| {
            let mut s = Sheet::new(kind);
            s.indicators = indicators;
            s
        })
}

fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

/// What is displayed adds up: a group is the sum of its children's displayed scores, and
/// the total (before any 不适用 rescaling) is the sum of the displayed leaf scores.
fn assert_adds_up(calc: &Calculator) {
    let report = calc.report();
    let mut leaf_sum = Decimal::ZERO;
    for n in &report.nodes {
        if n.leaf {
            if let Some(s) = &n.score {
                leaf_sum += dec(s);
            }
        } else {
            let children: Decimal = calc
                .children(n.index)
                .filter_map(|c| report.nodes[c].score.as_deref())
                .map(dec)
                .sum();
            // A group none of whose leaves applies shows no score (its sum is 0).
            let shown = match n.score.as_deref() {
                Some(s) => dec(s),
                None if n.status == NodeStatus::NotApplicable => Decimal::ZERO,
                None => panic!("group {} without a score", n.index),
            };
            assert_eq!(shown, children, "group {}", n.index);
        }
    }
    if let Some(raw) = &report.totals.raw_total {
        assert_eq!(dec(raw), leaf_sum);
        if report.totals.rescale.is_none() {
            assert_eq!(report.totals.total, report.totals.raw_total);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, .. ProptestConfig::default() })]

    #[test]
    fn reading_any_cell_never_panics(s in text()) {
        let _ = parse_cell(&s);
    }

    /// The shortcut for plain numbers reads exactly what the general reader reads: a leading
    /// space sends the same text down the general path.
    #[test]
    fn the_plain_number_shortcut_agrees_with_the_general_reader(
        s in "-?[0-9]{1,17}(,[0-9]{1,4}){0,3}(\\.[0-9]{0,12})?%?"
    ) {
        prop_assert_eq!(parse_cell(&s), parse_cell(&format!(" {s}")));
    }

    #[test]
    fn any_sheet_evaluates_and_adds_up(sheet in sheet()) {
        let calc = Calculator::new(sheet.clone());
        assert_adds_up(&calc);
        for d in calc.diagnostics() {
            prop_assert!(!d.message().is_empty());
        }
        // Saving and loading gives back the same sheet.
        let json = calc.to_sheet().to_json();
        prop_assert_eq!(jixiao::load::load(&json).unwrap(), sheet);
    }

    #[test]
    fn an_edit_equals_evaluating_afresh(
        sheet in sheet(),
        edits in prop::collection::vec((any::<prop::sample::Index>(), 0usize..10, text()), 1..8),
    ) {
        let mut calc = Calculator::new(sheet);
        if calc.is_empty() {
            return Ok(());
        }
        let fields = [Field::Weight, Field::Target, Field::Actual, Field::Score, Field::Reason,
            Field::NotApplicable, Field::Comparison, Field::Level, Field::Name, Field::Unit];
        for (at, field, value) in edits {
            let id = at.index(calc.len());
            let value = match fields[field] {
                Field::NotApplicable => if value.len() % 2 == 0 { "true".to_string() } else { "false".to_string() },
                Field::Comparison => ["≥", "≤", "=", "定性", "", "<"][value.len() % 6].to_string(),
                Field::Level => ["达成", "部分达成", "未达成", ""][value.len() % 4].to_string(),
                Field::Unit => ["万人", "人", "", "万元", "%"][value.len() % 5].to_string(),
                _ => value.to_string(),
            };
            let changed = calc.set(id, fields[field], &value).unwrap();
            let fresh = Calculator::new(calc.to_sheet());
            let report = calc.report();
            prop_assert_eq!(&report, &fresh.report());
            // What an edit sends to a view agrees with the whole report.
            let update = calc.update(&changed);
            // The text the page gets is serde's, written faster (engine/update_json.rs).
            prop_assert_eq!(update.to_json(), serde_json::to_string(&update).unwrap());
            prop_assert_eq!(&update.totals.total, &report.totals.total);
            prop_assert_eq!(&update.totals.grade, &report.totals.grade);
            prop_assert_eq!((update.totals.errors, update.totals.warnings), (report.totals.errors, report.totals.warnings));
            prop_assert_eq!(update.totals.hints, report.totals.hints);
            prop_assert_eq!((update.totals.scored, update.totals.unscored), (report.totals.scored, report.totals.unscored));
            let count = |s| report.nodes.iter().filter(|n| n.status == s).count() as u32;
            prop_assert_eq!((report.totals.scored, report.totals.unscored), (count(NodeStatus::Scored), count(NodeStatus::Unscored)));
            for row in &update.changed {
                let node = &report.nodes[row.index];
                prop_assert_eq!((row.status, &row.weight, &row.score, &row.rate), (node.status, &node.weight, &node.score, &node.rate));
                let explained = calc.explain(row.index).unwrap();
                prop_assert_eq!((&explained.derivation, &explained.formula), (&node.derivation, &node.formula));
            }
            if let jixiao::engine::Changed::Rows(rows) = &changed {
                prop_assert_eq!(rows[0], id);
            }
            assert_adds_up(&calc);
        }
    }

    /// W × A ÷ T rounded half away from zero, against integer arithmetic on cents:
    /// with W = w/100, A = a/100, T = t/100 the score in cents is exactly w·a/t.
    #[test]
    fn ratio_rounding_matches_integer_arithmetic(w in 1u64..=10_000, t in 1u64..=10_000_000, frac in 0u64..10_000) {
        let a = t * frac / 10_000; // A < T, so the leaf is scored W × A ÷ T
        prop_assume!(a < t);
        let (w, a, t) = (i128::from(w), i128::from(a), i128::from(t));
        let expected_cents = (2 * w * a + t) / (2 * t); // round half up; all values ≥ 0
        let mut leaf = Node::leaf("x", &cents(w), Some(Rule::Ratio(Ratio { lower: LowerVariant::Linear })));
        leaf.target = cents(t).into();
        leaf.actual = cents(a).into();
        leaf.reason = "r".into();
        let mut sheet = Sheet::new(SheetKind::Project);
        sheet.indicators = vec![leaf];
        let calc = Calculator::new(sheet);
        let got = calc.score(0).unwrap();
        prop_assert_eq!(got, Decimal::from_i128_with_scale(expected_cents, 2));
    }
}

fn cents(v: i128) -> String {
    format!("{}.{:02}", v / 100, v % 100)
}

#[test]
fn a_deep_tree_neither_overflows_the_stack_nor_the_sums() {
    let mut node = Node::leaf("底", "1", Some(Rule::Manual(Manual {})));
    node.score = "1".into();
    for i in 0..5_000 {
        node = Node::group(&format!("第{i}层"), "1", vec![node]);
    }
    let mut sheet = Sheet::new(SheetKind::Department);
    sheet.indicators = vec![node];
    let calc = Calculator::new(sheet);
    assert_eq!(calc.total().unwrap().value, Decimal::ONE);
    let rebuilt = calc.to_sheet();
    assert_eq!(
        Calculator::new(rebuilt).total().unwrap().value,
        Decimal::ONE
    );
    assert_eq!(calc.len(), 5_001);
}
