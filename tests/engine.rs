//! The calculator on small sheets that each show one behaviour of DOMAIN.md §4–§5.

use jixiao::diagnostic::{Field, Location, Severity};
use jixiao::engine::{Calculator, Changed, EditError};
use jixiao::model::{Node, ProjectRow, Rule, Sheet, SheetKind};
use jixiao::rules::{Adjustment, Manual, Qualitative, Ratio};
use rust_decimal::Decimal;
use std::str::FromStr;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn manual(name: &str, weight: &str, score: &str) -> Node {
    let mut n = Node::leaf(name, weight, Some(Rule::Manual(Manual {})));
    n.score = score.into();
    n.reason = "说明".into();
    n
}

fn sheet(indicators: Vec<Node>) -> Sheet {
    let mut s = Sheet::new(SheetKind::Department);
    s.indicators = indicators;
    s
}

fn codes(calc: &Calculator) -> Vec<&'static str> {
    calc.diagnostics()
        .iter()
        .map(|d| d.problem.code())
        .collect()
}

#[test]
fn not_applicable_leaves_rescale_the_total_and_say_how() {
    let mut na = manual("不适用项", "25", "");
    na.not_applicable = true;
    let calc = Calculator::new(sheet(vec![
        manual("甲", "25", "20"),
        manual("乙", "25", "20"),
        manual("丙", "25", "20"),
        na,
    ]));
    let total = calc.total().unwrap();
    assert_eq!(total.raw, d("60"));
    assert_eq!(total.value, d("80.00")); // 60 ÷ 75 × 100
    assert_eq!(total.grade, "良");
    assert!(total.complete, "a 不适用 leaf is not missing");
    let report = calc.report();
    assert_eq!(
        report.totals.rescale.unwrap().text,
        "有1项指标不适用，按适用指标分值折算：60.00×100÷75=80.00"
    );
    // A 加减分 taken off after the rescaling is written with a minus, not +-0.50.
    let mut sheet_with_penalty = calc.to_sheet();
    let mut penalty = Node::leaf(
        "工作表现加减分",
        "",
        Some(Rule::Adjustment(Adjustment { bound: "5".into() })),
    );
    penalty.score = "扣0.5分".into();
    sheet_with_penalty.indicators.push(penalty);
    let penalised = Calculator::new(sheet_with_penalty);
    assert_eq!(
        penalised.report().totals.rescale.unwrap().text,
        "有1项指标不适用，按适用指标分值折算：60.00×100÷75−0.50=79.50"
    );
    assert_eq!(
        report.nodes[3].status,
        jixiao::report::NodeStatus::NotApplicable
    );
    assert_eq!(
        report.nodes[3].derivation.as_deref(),
        Some("不适用，不参与计分")
    );
    assert!(
        !codes(&calc).contains(&"missing"),
        "a 不适用 leaf needs no score"
    );
}

#[test]
fn adjustments_add_outside_the_rescaling() {
    let mut na = manual("不适用项", "25", "");
    na.not_applicable = true;
    let mut bonus = Node::leaf(
        "加减分",
        "",
        Some(Rule::Adjustment(Adjustment { bound: "5".into() })),
    );
    bonus.score = "+2".into();
    let mut s = sheet(vec![
        manual("甲", "25", "20"),
        manual("乙", "25", "20"),
        manual("丙", "25", "20"),
        na,
        bonus,
    ]);
    s.settings.total_weight = "100".into();
    let calc = Calculator::new(s);
    let total = calc.total().unwrap();
    assert_eq!(total.raw, d("62"));
    assert_eq!(total.value, d("82.00")); // 60 × 100 ÷ 75 + 2
    let report = calc.report();
    assert!(report
        .totals
        .rescale
        .unwrap()
        .text
        .ends_with("60.00×100÷75+2.00=82.00"));
}

#[test]
fn a_penalty_can_take_the_total_below_the_lowest_band() {
    let mut penalty = Node::leaf(
        "减分",
        "",
        Some(Rule::Adjustment(Adjustment { bound: "5".into() })),
    );
    penalty.score = "-5".into();
    let mut s = sheet(vec![manual("甲", "2", "1"), penalty]);
    s.settings.total_weight = "2".into();
    let calc = Calculator::new(s);
    assert_eq!(calc.total().unwrap().value, d("-4"));
    assert_eq!(calc.total().unwrap().grade, "差");
}

#[test]
fn weights_roll_up_or_are_flagged() {
    // 管理效率 written as 50 but its children add to 49; 履职效能 left empty: derived, 50.
    let calc = Calculator::new(sheet(vec![
        Node::group(
            "履职效能",
            "",
            vec![manual("a", "20", "20"), manual("b", "30", "30")],
        ),
        Node::group("管理效率", "50", vec![manual("c", "49", "40")]),
    ]));
    assert_eq!(
        calc.weight(0),
        Some(d("50")),
        "an empty group 分值 is its children's sum"
    );
    let report = calc.report();
    let mismatch: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == "weight_mismatch")
        .collect();
    assert_eq!(mismatch.len(), 1);
    assert_eq!(
        mismatch[0].at,
        Location::Node {
            node: 3,
            field: Field::Weight
        }
    );
    assert_eq!(mismatch[0].message, "分值50与下级指标分值合计49不一致");
    // The top level adds to 100 as written (50 + 50), so the sheet total check passes.
    assert!(!codes(&calc).contains(&"total_weight_mismatch"));
    assert_eq!(
        calc.total().unwrap().value,
        d("90"),
        "the scores still add up"
    );
}

#[test]
fn the_top_level_must_add_up_to_the_sheet_total() {
    let calc = Calculator::new(sheet(vec![
        manual("a", "60", "60"),
        manual("b", "30", "30"),
    ]));
    let report = calc.report();
    let d = report
        .diagnostics
        .iter()
        .find(|d| d.code == "total_weight_mismatch")
        .unwrap();
    assert_eq!(d.message, "一级指标分值合计为90，应为100");
    assert_eq!(d.severity, Severity::Error);
}

#[test]
fn an_edit_returns_the_path_it_changed_and_updates_the_total() {
    let mut calc = Calculator::new(sheet(vec![Node::group(
        "一级",
        "100",
        vec![
            Node::group(
                "二级",
                "60",
                vec![manual("a", "30", "30"), manual("b", "30", "30")],
            ),
            manual("c", "40", "40"),
        ],
    )]));
    assert_eq!(calc.total().unwrap().value, d("100"));
    let changed = calc.set(2, Field::Score, "25.5").unwrap();
    assert_eq!(
        changed,
        Changed::Rows(vec![2, 1, 0]),
        "the leaf, its 二级, its 一级"
    );
    assert_eq!(calc.score(1), Some(d("55.5")));
    assert_eq!(calc.total().unwrap().value, d("95.5"));
    assert!(codes(&calc).is_empty(), "{:?}", codes(&calc));
    // A weight edit is checked against the parent at once.
    calc.set(3, Field::Weight, "20").unwrap();
    assert!(codes(&calc).contains(&"weight_mismatch"));
    calc.set(3, Field::Weight, "30").unwrap();
    assert!(!codes(&calc).contains(&"weight_mismatch"));
}

#[test]
fn a_full_recalculation_after_edits_changes_nothing() {
    let mut calc = Calculator::new(sheet(vec![Node::group(
        "一级",
        "60",
        vec![manual("a", "30", "30"), manual("b", "30", "12.5")],
    )]));
    calc.set(1, Field::Score, "27.25").unwrap();
    calc.set(2, Field::Weight, "20").unwrap();
    let (total, report) = (calc.total(), calc.report());
    assert_eq!(total.as_ref().unwrap().value, d("39.75"));
    calc.reevaluate();
    assert_eq!(calc.total(), total);
    assert_eq!(calc.report(), report);
}

#[test]
fn a_bad_cell_is_reported_there_and_the_rest_still_computes() {
    let mut calc = Calculator::new(sheet(vec![
        manual("a", "50", "45"),
        manual("b", "50", "40"),
    ]));
    calc.set(0, Field::Score, "待定").unwrap();
    let report = calc.report();
    assert_eq!(report.totals.total.as_deref(), Some("40.00"));
    assert!(!report.totals.complete);
    let at_cell = report
        .diagnostics
        .iter()
        .find(|d| {
            d.at == Location::Node {
                node: 0,
                field: Field::Score,
            }
        })
        .unwrap();
    assert_eq!(at_cell.severity, Severity::Error);
    assert_eq!(at_cell.message, "得分无法识别：没有找到数字");
    let whole = report
        .diagnostics
        .iter()
        .find(|d| d.code == "incomplete")
        .unwrap();
    assert_eq!(whole.message, "有1项指标未能计分，总分只包含已计分的指标");
    // The text is kept for the user to correct, not replaced.
    assert_eq!(calc.node(0).unwrap().score, "待定");
}

#[test]
fn marking_a_group_not_applicable_covers_its_leaves() {
    let mut calc = Calculator::new(sheet(vec![
        Node::group("甲", "50", vec![manual("a", "50", "50")]),
        Node::group(
            "乙",
            "50",
            vec![manual("b", "25", "20"), manual("c", "25", "20")],
        ),
    ]));
    calc.set(0, Field::NotApplicable, "是").unwrap();
    assert!(calc.is_not_applicable(1));
    assert_eq!(calc.total().unwrap().value, d("80.00")); // 40 ÷ 50 × 100
    calc.set(0, Field::NotApplicable, "否").unwrap();
    assert_eq!(calc.total().unwrap().value, d("90"));
}

#[test]
fn refused_edits_change_nothing() {
    let mut calc = Calculator::new(sheet(vec![manual("a", "100", "90")]));
    let before = calc.report();
    assert_eq!(
        calc.set(0, Field::Comparison, "大概"),
        Err(EditError::BadComparison("大概".into()))
    );
    assert_eq!(
        calc.set(0, Field::Level, "很好"),
        Err(EditError::BadLevel("很好".into()))
    );
    assert!(matches!(
        calc.set(0, Field::Rule, "{\"kind\":\"magic\"}"),
        Err(EditError::BadRule(_))
    ));
    assert_eq!(
        calc.set(7, Field::Score, "1"),
        Err(EditError::NoSuchNode(7))
    );
    assert_eq!(calc.report(), before);
    assert_eq!(
        EditError::BadComparison("大概".into()).to_string(),
        "比较方式“大概”无法识别，请填写 ≥、>、=、≤、< 或 定性"
    );
}

#[test]
fn changing_a_rule_rescores_the_leaf() {
    let mut leaf = Node::leaf("投诉次数", "10", None);
    leaf.comparison = Some(jixiao::comparison::Comparison::AtMost);
    leaf.target = "90".into();
    leaf.actual = "99".into();
    leaf.reason = "r".into();
    let mut calc = Calculator::new(sheet(vec![leaf]));
    assert_eq!(calc.score(0), Some(d("9.00")));
    calc.set(0, Field::Rule, r#"{"kind":"ratio","lower":"ratio"}"#)
        .unwrap();
    assert_eq!(calc.score(0), Some(d("9.09")));
    assert_eq!(
        calc.to_sheet().indicators[0].rule,
        Some(Rule::Ratio(Ratio {
            lower: jixiao::model::LowerVariant::Ratio
        }))
    );
}

#[test]
fn duplicate_ids_and_values_on_groups_are_flagged() {
    let mut a = manual("a", "50", "50");
    a.id = Some("x".into());
    let mut b = manual("b", "50", "50");
    b.id = Some("x".into());
    let mut g = Node::group("组", "100", vec![a, b]);
    g.actual = "100".into();
    let calc = Calculator::new(sheet(vec![g]));
    let report = calc.report();
    let dup = report
        .diagnostics
        .iter()
        .find(|d| d.code == "duplicate_id")
        .unwrap();
    assert_eq!(
        dup.at,
        Location::Node {
            node: 2,
            field: Field::Id
        }
    );
    assert_eq!(dup.message, "编号“x”与其他行重复");
    let group = report
        .diagnostics
        .iter()
        .find(|d| d.code == "group_has_leaf_values")
        .unwrap();
    assert_eq!(
        group.message,
        "这是含下级指标的分组，其实际完成值不参与计算（得分为下级得分之和）"
    );
    assert_eq!(calc.find("x"), Some(1));
}

#[test]
fn a_score_below_the_weight_asks_for_a_reason_until_one_is_written() {
    let mut calc = Calculator::new(sheet(vec![{
        let mut n = manual("a", "100", "90");
        n.reason = Default::default();
        n
    }]));
    assert!(codes(&calc).contains(&"missing_reason"));
    calc.set(0, Field::Reason, "受疫情影响，部分工作延期")
        .unwrap();
    assert!(!codes(&calc).contains(&"missing_reason"));
}

#[test]
fn a_row_with_figures_and_no_name_asks_for_its_name_until_one_is_typed() {
    let named = manual("甲", "50", "50");
    let mut nameless = manual("乙", "50", "50");
    nameless.name = " \u{3000}".into();
    // A template's row as it comes: its 分值 and comparison, nothing typed, no name yet.
    let mut untouched = Node::leaf("", "0", None);
    untouched.comparison = Some(jixiao::comparison::Comparison::AtLeast);
    let mut calc = Calculator::new(sheet(vec![named, nameless, untouched]));
    let unnamed = |calc: &Calculator| -> Vec<(Location, Severity)> {
        calc.diagnostics()
            .into_iter()
            .filter(|d| d.problem.code() == "unnamed")
            .map(|d| (d.at, d.severity()))
            .collect()
    };
    let at = Location::Node {
        node: 1,
        field: Field::Name,
    };
    assert_eq!(unnamed(&calc), [(at, Severity::Warning)]);
    assert!(calc
        .diagnostics()
        .iter()
        .any(|d| d.at == at && d.message().starts_with("请填写指标名称")));
    // The row still scores.
    assert_eq!(calc.total().unwrap().value, d("100"));
    // Counted among the warnings, kept right between edits.
    let warnings = |calc: &Calculator| calc.report().totals.warnings;
    let before = warnings(&calc);
    calc.set(1, Field::Name, "乙").unwrap();
    assert!(unnamed(&calc).is_empty());
    assert_eq!(warnings(&calc), before - 1);
    calc.set(1, Field::Name, "").unwrap();
    assert_eq!(unnamed(&calc), [(at, Severity::Warning)]);
    assert_eq!(warnings(&calc), before);
}

#[test]
fn a_group_with_no_name_asks_for_its_name() {
    let mut calc = Calculator::new(sheet(vec![Node::group(
        "",
        "100",
        vec![manual("甲", "100", "100")],
    )]));
    let at = Location::Node {
        node: 0,
        field: Field::Name,
    };
    let unnamed = |calc: &Calculator| {
        calc.diagnostics()
            .iter()
            .any(|d| d.at == at && d.problem.code() == "unnamed")
    };
    assert!(unnamed(&calc));
    calc.set(0, Field::Name, "产出指标").unwrap();
    assert!(!unnamed(&calc));
}

#[test]
fn the_summary_checks_printed_grades_and_zero_budgets() {
    let row = |seq: &str, budget: &str, spent: &str, score: &str, grade: &str| ProjectRow {
        seq: seq.into(),
        budget: budget.into(),
        spent: spent.into(),
        score: score.into(),
        grade: grade.into(),
        ..ProjectRow::default()
    };
    let mut s = Sheet::new(SheetKind::Summary);
    s.projects = vec![
        row("1", "100", "90", "89.99", "优"), // printed 优, the score gives 良
        row("2", "0", "0", "90", ""),
        row("3", "１,０００", "500", "", "中"),
    ];
    let calc = Calculator::new(s);
    let report = calc.report();
    let summary = report.summary.as_ref().unwrap();
    assert_eq!(summary.rows[0].grade.as_deref(), Some("良"));
    assert_eq!(summary.rows[1].rate, None);
    assert_eq!(
        summary.rows[2].grade.as_deref(),
        Some("中"),
        "no score: the printed grade counts"
    );
    assert_eq!(summary.totals.budget, "1,100.00");
    assert_eq!(summary.totals.spent, "590.00");
    assert_eq!(summary.totals.rate.as_deref(), Some("53.64%"));
    assert_eq!(summary.totals.mean_score.as_deref(), Some("90.00")); // (89.99 + 90) ÷ 2 = 89.995
    let messages: Vec<&str> = report
        .diagnostics
        .iter()
        .map(|d| d.message.as_str())
        .collect();
    assert!(
        messages.contains(&"填写的等级与按分数计算的等级“良”不一致"),
        "{messages:?}"
    );
    // A 汇总表 row cannot be marked 不适用, and its rate is the 预算完成率.
    assert!(messages.contains(&"预算数为0，无法计算预算完成率：请核对预算数"));
    assert!(
        !messages.iter().any(|m| m.starts_with("等级不是本表的等级")),
        "中 is one: {messages:?}"
    );

    // A score typed in the 等级 column, none of the grades: counted as typed, and said there.
    let mut s = Sheet::new(SheetKind::Summary);
    s.projects = vec![row("1", "100", "90", "", "85")];
    let report = Calculator::new(s).report();
    assert_eq!(report.summary.unwrap().rows[0].grade.as_deref(), Some("85"));
    let said: Vec<(&str, &str)> = report
        .diagnostics
        .iter()
        .map(|d| (d.code, d.message.as_str()))
        .collect();
    assert_eq!(
        said,
        [(
            "unknown_grade",
            "等级不是本表的等级（优、良、中、差）之一：请改为其中之一；如填的是分数，请填在分数列"
        )]
    );

    // `—` in the 等级 says "not filled", as an exported row without a score has it: once a
    // score is typed, its grade stands without a word.
    let mut s = Sheet::new(SheetKind::Summary);
    s.projects = vec![
        row("1", "100", "90", "91", "—"),
        row("2", "100", "90", "", "——"),
    ];
    let report = Calculator::new(s).report();
    let grades: Vec<Option<&str>> = report
        .summary
        .as_ref()
        .unwrap()
        .rows
        .iter()
        .map(|r| r.grade.as_deref())
        .collect();
    assert_eq!(grades, [Some("优"), None]);
    assert!(report.diagnostics.is_empty(), "{:?}", report.diagnostics);
}

/// Issue 15 §3, as it happened: in the 项目支出 template the 时效指标 row is preset to ≥;
/// typing `≤3天` and `2` scored 66.67% and 6.67 of 10. The target's comparison now sets the
/// row's, visibly (the update says so), and a comparison set by hand afterwards that disagrees
/// is an error at the cell.
#[test]
fn a_typed_target_sets_the_comparison_of_its_row() {
    use jixiao::comparison::Comparison;
    let mut calc = Calculator::new(jixiao::templates::find("project").unwrap().sheet());
    let timely = (0..calc.len())
        .find(|&i| {
            calc.is_leaf(i)
                && calc
                    .parent(i)
                    .is_some_and(|p| calc.node(p).unwrap().name == "时效指标")
        })
        .expect("the template's 时效指标 leaf");
    assert_eq!(
        calc.node(timely).unwrap().comparison,
        Some(Comparison::AtLeast)
    );
    for target in ["≤3天", "3天内", "3个工作日内", "最多3天"] {
        calc.set(timely, Field::Comparison, "≥").unwrap();
        let update = calc.edit(timely, Field::Target, target).unwrap();
        let set = update.comparison_set.expect("the row's comparison was set");
        assert_eq!(
            (set.before, set.after),
            (Some(Comparison::AtLeast), Some(Comparison::AtMost)),
            "{target}"
        );
        calc.edit(timely, Field::Actual, "2").unwrap();
        assert_eq!(calc.score(timely), Some(d("10")), "{target}: 10 of 10");
        // Nothing else changed: every other row is the template's.
        let template = Calculator::new(jixiao::templates::find("project").unwrap().sheet());
        for i in (0..calc.len()).filter(|&i| i != timely) {
            assert_eq!(calc.node(i), template.node(i), "{target}: row {i}");
        }
    }
    // The same edit again changes nothing more.
    let again = calc.edit(timely, Field::Target, "3天内").unwrap();
    assert_eq!(again.comparison_set, None);
    // Set by hand after the target: the conflict is an error at the cell, not a choice.
    let update = calc.edit(timely, Field::Comparison, "≥").unwrap();
    assert_eq!(
        update.comparison_set, None,
        "a hand-set comparison is not reported as set"
    );
    assert_eq!(calc.score(timely), None);
    let at_comparison = calc.diagnostics_at(timely);
    let conflict = at_comparison
        .iter()
        .find(|d| d.problem.code() == "comparison_conflict")
        .expect("a conflict at the cell");
    assert_eq!(conflict.severity(), Severity::Error);
    assert_eq!(
        conflict.at,
        Location::Node {
            node: timely,
            field: Field::Comparison
        }
    );
    // `>95%` is kept strict, never made ≥.
    calc.edit(timely, Field::Target, ">95%").unwrap();
    assert_eq!(
        calc.node(timely).unwrap().comparison,
        Some(Comparison::Greater)
    );
    // A target without a comparison leaves the row's as it is.
    calc.edit(timely, Field::Target, "95%").unwrap();
    assert_eq!(
        calc.node(timely).unwrap().comparison,
        Some(Comparison::Greater)
    );
}

/// What a reviewer types from a paper form: the 总分 and 等级, a 资金 row's 执行率 and 得分, a
/// 汇总表 row's 预算完成率 and the 合计's, kept as the unit's declared figures, never scored.
#[test]
fn declared_figures_outside_the_tree_are_typed() {
    use jixiao::engine::{FundField, MetaField, ProjectField};
    let mut calc = Calculator::new(sheet(vec![manual("甲", "100", "90")]));
    calc.insert_fund(0, jixiao::model::FundsRow::default());
    calc.insert_project(0, ProjectRow::default());
    calc.set_meta(MetaField::DeclaredTotal, "91");
    calc.set_meta(MetaField::DeclaredGrade, "优");
    calc.set_meta(MetaField::DeclaredRate, "95%");
    calc.set_fund(0, FundField::DeclaredRate, "93.65%").unwrap();
    calc.set_fund(0, FundField::DeclaredScore, "9.37").unwrap();
    calc.set_project(0, ProjectField::DeclaredRate, "96%")
        .unwrap();
    let s = calc.to_sheet();
    assert_eq!(
        (
            s.declared.total.as_str(),
            s.declared.grade.as_str(),
            s.declared.rate.as_str()
        ),
        ("91", "优", "95%")
    );
    assert_eq!(
        (
            s.funds[0].declared.rate.as_str(),
            s.funds[0].declared.score.as_str()
        ),
        ("93.65%", "9.37")
    );
    assert_eq!(s.projects[0].declared.rate, "96%");
    assert_eq!(calc.report().totals.total.as_deref(), Some("90.00"));
}

/// Every result says which grade a form may state, so that no view writes the rule again: none
/// while a leaf is unscored or the table has an error, the grade once both are cleared.
#[test]
fn the_final_grade_waits_for_every_score_and_no_errors() {
    let mut calc = Calculator::new(sheet(vec![
        manual("甲", "50", "45"),
        manual("乙", "50", ""),
    ]));
    let field = |u: &jixiao::engine::report::Update| {
        let json: serde_json::Value = serde_json::from_str(&u.to_json()).unwrap();
        (json["grade"].clone(), json["final_grade"].clone())
    };
    let unscored = calc.edit(0, Field::Score, "46").unwrap();
    assert_eq!(
        field(&unscored),
        (serde_json::json!("差"), serde_json::Value::Null)
    );
    let scored = calc.edit(1, Field::Score, "45").unwrap();
    assert_eq!(
        field(&scored),
        (serde_json::json!("优"), serde_json::json!("优"))
    );
    // 分值 no longer adding up to 100 is an error: the grade is provisional again.
    let error = calc.edit(1, Field::Weight, "40").unwrap();
    assert!(error.totals.errors > 0);
    assert_eq!(field(&error).1, serde_json::Value::Null);
    let report = serde_json::to_value(calc.report()).unwrap();
    assert_eq!(report["final_grade"], serde_json::Value::Null);
}

/// A 定性 score outside its level's band (部分达成 scored 41 of 50, whose band is [30, 40)) was a
/// 注意 under a final grade; DOMAIN §4 validates the score inside the band: it is an error,
/// and the form's grade waits for it.
#[test]
fn a_qualitative_score_outside_its_band_holds_the_grade() {
    let mut rated = Node::leaf("长效机制", "50", Some(Rule::Qualitative(Qualitative {})));
    rated.level = Some(jixiao::model::Level::Partly);
    rated.score = "41".into();
    rated.reason = "说明".into();
    let mut calc = Calculator::new(sheet(vec![manual("甲", "50", "45"), rated]));
    let report = calc.report();
    let found: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == "outside_level_band")
        .map(|d| (d.severity, d.message.as_str()))
        .collect();
    assert_eq!(
        found,
        [(
            Severity::Error,
            "“部分达成”的得分应在30到40分之间（不含上限）"
        )]
    );
    assert_eq!(report.totals.grade.as_deref(), Some("良"));
    assert_eq!(report.totals.final_grade(), None);
    let inside = calc.edit(1, Field::Score, "39").unwrap();
    assert_eq!(inside.totals.errors, 0);
    assert_eq!(inside.totals.final_grade(), Some("良"));
    // A level only read from words (一般, as 部分达成) may be the misreading: a warning.
    let mut worded = Node::leaf("长效机制", "50", Some(Rule::Qualitative(Qualitative {})));
    worded.actual = "一般".into();
    worded.score = "41".into();
    worded.reason = "说明".into();
    let report = Calculator::new(sheet(vec![manual("甲", "50", "45"), worded])).report();
    let found: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == "outside_level_band")
        .map(|d| d.severity)
        .collect();
    assert_eq!(found, [Severity::Warning]);
    assert_eq!(report.totals.final_grade(), Some("良"));
}

/// The update the page reads at every keystroke is written by hand for speed; it is the text
/// serde writes, byte for byte, also where it holds the user's words: a grade named with a
/// quote, a backslash and a line break, a rescale, findings and a changed 比较方式.
#[test]
fn an_updates_text_is_serdes() {
    use jixiao::model::GradeBand;
    let mut na = manual("不适用项", "25", "");
    na.not_applicable = true;
    let mut s = sheet(vec![
        manual("甲\"引号\"", "25", "20"),
        manual("乙\\", "25", ""),
        manual("丙", "25", "20"),
        na,
    ]);
    s.settings.grade_bands = vec![GradeBand {
        grade: "优\"秀\"\\\n".into(),
        min: "0".into(),
    }];
    s.settings.over_completion = "很多".into();
    let mut calc = Calculator::new(s);
    let check = |update: &jixiao::engine::report::Update| {
        assert_eq!(update.to_json(), serde_json::to_string(update).unwrap());
    };
    let update = calc.edit(1, Field::Score, "abc").unwrap();
    let places: Vec<_> = update.diagnostics.iter().map(|d| d.at).collect();
    assert!(
        places.contains(&Location::Node {
            node: 1,
            field: Field::Score
        }),
        "{places:?}"
    );
    assert!(
        places.iter().any(|p| matches!(p, Location::Setting { .. })),
        "{places:?}"
    );
    assert!(places.contains(&Location::Sheet), "{places:?}");
    check(&update);
    let update = calc.edit(1, Field::Score, "18").unwrap();
    assert!(update.totals.rescale.is_some(), "the total is rescaled");
    assert!(update.totals.grade.as_deref().unwrap().contains('"'));
    check(&update);
    check(&calc.update(&Changed::All));
    check(&calc.update(&Changed::Rows(Vec::new())));

    let mut calc = Calculator::new(jixiao::templates::find("project").unwrap().sheet());
    let leaf = (0..calc.len()).rev().find(|&i| calc.is_leaf(i)).unwrap();
    calc.set(leaf, Field::Comparison, "≥").unwrap();
    let update = calc.edit(leaf, Field::Target, "≤3天").unwrap();
    assert!(update.comparison_set.is_some());
    check(&update);
}

/// A 项目支出 tree's 提示 are kept between edits (src/engine/hints.rs): after each kind of change
/// that can move them they are what a calculator made afresh from the same sheet finds.
#[test]
fn kept_tree_hints_follow_every_change() {
    use jixiao::engine::FundField;
    let sheet = jixiao::load::load(include_str!("fixtures/filled_project.json")).unwrap();
    // Last year's sheet of the same project, its actuals above this year's targets.
    let mut last = sheet.clone();
    last.meta.year = "2022年度".into();
    let mut calc = Calculator::new(sheet);
    let row = |calc: &Calculator, name: &str| {
        (0..calc.len())
            .find(|&i| calc.node(i).unwrap().name == name)
            .unwrap_or_else(|| panic!("row {name}"))
    };
    let hints = |calc: &Calculator| -> Vec<String> {
        calc.diagnostics()
            .iter()
            .filter(|d| d.severity() == Severity::Hint)
            .map(|d| d.message())
            .collect()
    };
    let mut seen = std::collections::BTreeSet::new();
    let mut check = |calc: &Calculator, last: Option<&Sheet>, step: &str| {
        let mut fresh = Calculator::new(calc.to_sheet());
        fresh.set_last_year(last);
        let found = hints(calc);
        assert_eq!(found, hints(&fresh), "after {step}");
        seen.extend(found);
    };
    check(&calc, None, "loading");
    for (name, actual) in [("完成改造面积", "2,500"), ("验收合格率", "100%")] {
        let i = row(&calc, name);
        calc.set(i, Field::Actual, actual).unwrap();
        check(&calc, None, "typing an actual");
        let mut edited = calc.to_sheet();
        edited.meta.year = "2022年度".into();
        last = edited;
    }
    calc.set(row(&calc, "完成改造面积"), Field::Actual, "2100")
        .unwrap();
    calc.set(row(&calc, "验收合格率"), Field::Actual, "98%")
        .unwrap();
    calc.set_last_year(Some(&last));
    check(&calc, Some(&last), "setting last year's sheet");
    let satisfaction = row(&calc, "服务对象满意度");
    calc.set(satisfaction, Field::Weight, "0").unwrap();
    check(&calc, Some(&last), "a 分值 of 0 on the 满意度 row");
    calc.set(satisfaction, Field::Weight, "10").unwrap();
    calc.set(satisfaction, Field::Name, "群众评价").unwrap();
    check(&calc, Some(&last), "renaming it");
    let cost = row(&calc, "单位成本");
    calc.set(cost, Field::Comparison, "≥").unwrap();
    check(&calc, Some(&last), "a 成本 row compared ≥");
    calc.set(cost, Field::Rule, r#"{"kind":"manual"}"#).unwrap();
    check(&calc, Some(&last), "its rule changed");
    calc.set(cost, Field::Rule, "").unwrap();
    check(&calc, Some(&last), "its rule taken away");
    calc.set(cost, Field::Target, "≤400").unwrap();
    check(&calc, Some(&last), "a target typed with its comparison");
    let area = row(&calc, "完成改造面积");
    calc.set(area, Field::NotApplicable, "true").unwrap();
    check(&calc, Some(&last), "a row not applicable");
    calc.set(area, Field::NotApplicable, "false").unwrap();
    check(&calc, Some(&last), "applicable again");
    calc.set(area, Field::Target, "3000").unwrap();
    check(&calc, Some(&last), "a target raised above last year's");
    calc.set_fund(0, FundField::Spent, "20").unwrap();
    check(&calc, Some(&last), "spending far below the budget");
    calc.set_kind(SheetKind::Department);
    check(&calc, Some(&last), "another kind of sheet");
    calc.set_kind(SheetKind::Project);
    check(&calc, Some(&last), "back to 项目支出");
    calc.set(area, Field::Target, "2000").unwrap();
    check(&calc, Some(&last), "the target lowered again");
    calc.set(row(&calc, "时效指标"), Field::Name, "进度指标")
        .unwrap();
    check(&calc, Some(&last), "a kind of 产出 renamed");
    calc.remove(row(&calc, "进度指标")).unwrap();
    check(&calc, Some(&last), "a group removed");
    calc.set_last_year(None);
    check(&calc, None, "last year's sheet taken away");
    // Each kind of hint came and went along the way.
    for code in ["满意度", "成本指标", "时效", "执行率", "上年"] {
        assert!(
            seen.iter().any(|m| m.contains(code)),
            "no hint about {code}: {seen:?}"
        );
    }
}

fn seed(name: &str) -> Sheet {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    jixiao::load::load(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// The `budget_funds_mismatch` findings, as (row, field, message).
fn funds_disagreements(calc: &Calculator) -> Vec<(usize, Field, String)> {
    calc.diagnostics()
        .iter()
        .filter(|d| d.problem.code() == "budget_funds_mismatch")
        .map(|d| match d.at {
            Location::Node { node, field } => (node, field, d.message()),
            other => panic!("found away from the row: {other:?}"),
        })
        .collect()
}

/// What an edit left is what a fresh evaluation of the same sheet finds.
#[track_caller]
fn same_as_afresh(calc: &Calculator) {
    let fresh = Calculator::new(calc.to_sheet());
    assert_eq!(funds_disagreements(calc), funds_disagreements(&fresh));
    let sheet = calc.sheet_level_diagnostics();
    assert_eq!(
        calc.severity_counts(&sheet),
        fresh.severity_counts(&fresh.sheet_level_diagnostics())
    );
}

#[test]
fn a_budget_row_that_disagrees_with_the_funds_block_is_flagged_until_both_agree() {
    use jixiao::engine::FundField;
    for name in [
        "seed001_department.sheet.json",
        "seed003_department.sheet.json",
        "seed004_department.sheet.json",
    ] {
        let calc = Calculator::new(seed(name));
        assert_eq!(funds_disagreements(&calc), [], "{name} agrees with itself");
    }
    let mut calc = Calculator::new(seed("seed003_department.sheet.json"));
    let leaf = calc.budget_leaf().expect("seed 003 has a 预算完成率 row");
    let (_, warnings, _) = calc.severity_counts(&calc.sheet_level_diagnostics());

    // The clerk's steps: the 资金情况 row's 全年执行数 changed, the scored row not.
    let changed = calc.set_fund(0, FundField::Spent, "15,500.00").unwrap();
    assert!(matches!(&changed, Changed::Rows(rows) if rows.contains(&leaf)));
    assert_eq!(
        funds_disagreements(&calc),
        [(
            leaf,
            Field::Actual,
            "本行的执行数15,042.65万元与资金情况“部门整体支出”的全年执行数15,500.00万元不一致：\
             得分按本行计算，自评报告的基本情况按资金情况填写，请核对后使两处一致"
                .to_string()
        )]
    );
    let found = calc.diagnostics_at(leaf);
    let found = found
        .iter()
        .find(|d| d.problem.code() == "budget_funds_mismatch")
        .unwrap();
    assert_eq!(found.severity(), Severity::Warning);
    let sheet = calc.sheet_level_diagnostics();
    assert_eq!(calc.severity_counts(&sheet).1, warnings + 1);
    assert_eq!(
        calc.score(leaf),
        Some(d("1.87")),
        "still scored from the row"
    );
    same_as_afresh(&calc);

    // Made to agree at the row: the finding goes.
    calc.set(leaf, Field::Actual, "15500").unwrap();
    assert_eq!(funds_disagreements(&calc), []);
    same_as_afresh(&calc);

    // The 预算数 too; and a figure in 元 is the same money as one in 万元.
    calc.set(leaf, Field::Target, "16,061.03").unwrap();
    assert_eq!(funds_disagreements(&calc).len(), 1);
    assert_eq!(funds_disagreements(&calc)[0].1, Field::Target);
    assert!(funds_disagreements(&calc)[0].2.starts_with(
        "本行的预算数16,061.03万元与资金情况“部门整体支出”的全年预算数16,061.02万元不一致"
    ));
    calc.set(leaf, Field::Target, "160,610,200元").unwrap();
    assert_eq!(funds_disagreements(&calc), []);
    // A unit written as a column heading writes it is compared all the same.
    calc.set(leaf, Field::Target, "16,061.03（万元）").unwrap();
    assert!(funds_disagreements(&calc)[0]
        .2
        .starts_with("本行的预算数16,061.03万元与资金情况"));
    calc.set(leaf, Field::Target, "16,061.02（万元）").unwrap();
    assert_eq!(funds_disagreements(&calc), []);
    // A row counted in 元: its figures without a unit are 元.
    calc.set(leaf, Field::Unit, "元").unwrap();
    calc.set(leaf, Field::Target, "160610200").unwrap();
    calc.set(leaf, Field::Actual, "155,000,000").unwrap();
    assert_eq!(funds_disagreements(&calc), []);
    calc.set(leaf, Field::Target, "16,061.02").unwrap();
    assert!(funds_disagreements(&calc)[0].2.starts_with(
        "本行的预算数16,061.02元与资金情况“部门整体支出”的全年预算数16,061.02万元不一致"
    ));
    same_as_afresh(&calc);
    calc.set(leaf, Field::Unit, "万元").unwrap();
    calc.set(leaf, Field::Actual, "15500").unwrap();
    assert_eq!(funds_disagreements(&calc), []);
    same_as_afresh(&calc);

    // Either side empty: nothing to compare.
    calc.set_fund(0, FundField::Spent, "15,600").unwrap();
    assert_eq!(funds_disagreements(&calc).len(), 1);
    calc.set_fund(0, FundField::Spent, "").unwrap();
    assert_eq!(funds_disagreements(&calc), []);
    calc.set_fund(0, FundField::Spent, "15,600").unwrap();
    calc.set(leaf, Field::Actual, "").unwrap();
    assert_eq!(funds_disagreements(&calc), []);
    same_as_afresh(&calc);

    // The 资金 row that was compared taken away, and put back.
    calc.set(leaf, Field::Actual, "15,500.00").unwrap();
    let total = calc.remove_fund(0).unwrap();
    assert_eq!(funds_disagreements(&calc), []);
    calc.insert_fund(0, total);
    assert_eq!(funds_disagreements(&calc).len(), 1);
    same_as_afresh(&calc);
}

#[test]
fn a_budget_row_with_another_funds_rows_figures_is_that_rows_rate() {
    use jixiao::model::FundsRow;
    use jixiao::rules::BudgetExecution;
    let fund = |name: &str, budget: &str, spent: &str, part: bool| FundsRow {
        name: name.into(),
        budget: budget.into(),
        spent: spent.into(),
        part,
        ..FundsRow::default()
    };
    let budget_row = |name: &str, budget: &str, spent: &str| {
        let mut n = Node::leaf(
            name,
            "50",
            Some(Rule::BudgetExecution(BudgetExecution::default())),
        );
        n.target = budget.into();
        n.actual = spent.into();
        n.unit = "万元".into();
        n.reason = "说明".into();
        n
    };
    let mut s = sheet(vec![
        budget_row("基本支出预算执行率", "3,929.15", "3,882.09"),
        budget_row("项目支出预算执行率", "28,412.66", "27,553.20"),
    ]);
    s.funds = vec![
        fund("全年预算（收支合计）", "32,341.81", "31,435.28", false),
        fund("基本支出", "3,929.15", "3,882.09", true),
        fund("项目支出", "28,412.66", "27,553.20", true),
    ];
    let mut calc = Calculator::new(s);
    assert_eq!(funds_disagreements(&calc), []);
    // The 项目支出 row's 执行数 changed in the block: the row is then the total's, and is not.
    calc.set_fund(2, jixiao::engine::FundField::Spent, "27,553.21")
        .unwrap();
    let found = funds_disagreements(&calc);
    assert_eq!(
        found.iter().map(|(n, f, _)| (*n, *f)).collect::<Vec<_>>(),
        [(1, Field::Target), (1, Field::Actual)]
    );
    same_as_afresh(&calc);
}

/// The 资金 block's amounts are in 万元, and one written in 元 is read as the block's row shows
/// it: the 预算执行率 scored from that row is scored from the same figures, never 1,873,000 万元
/// against 200 (936500.00%, full marks) nor 200 against 2,000,000 (0.01%).
#[test]
fn a_budget_row_scored_from_funds_in_yuan_reads_them_in_wan() {
    use jixiao::engine::FundField;
    let mut calc = Calculator::new(jixiao::templates::find("project").unwrap().sheet());
    let leaf = calc.budget_leaf().unwrap();
    for (budget, spent) in [("200", "1,873,000.00元"), ("2,000,000元", "187.30")] {
        calc.set_fund(0, FundField::Budget, budget).unwrap();
        calc.set_fund(0, FundField::Spent, spent).unwrap();
        let outcome = calc.outcome(leaf).unwrap();
        let explained = calc.node_report(leaf).derivation.unwrap_or_default();
        assert_eq!(
            (outcome.rate, outcome.score),
            (Some(d("93.65")), Some(d("9.37"))),
            "{budget} / {spent}: {explained}"
        );
        same_as_afresh(&calc);
    }
}

/// A 分值 the score's places cannot write leaves its leaf unscored, so the total and the grade
/// wait (they were the unrounded sum: 90 graded 良 beside rows of 1 and 89), and a 不适用 row
/// of such a 分值 scores nothing to write.
#[test]
fn a_weight_beyond_the_scores_places_holds_the_total_and_grade() {
    let mut s = sheet(vec![
        manual("甲", "0.5", "0.5"),
        manual("乙", "99.5", "89.5"),
    ]);
    s.settings.score_decimals = 0;
    let report = Calculator::new(s.clone()).report();
    assert!(!report.totals.complete);
    assert_eq!(report.totals.final_grade(), None);
    let at: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == "places_beyond_score")
        .map(|d| d.at)
        .collect();
    assert_eq!(
        at,
        [0, 1].map(|node| Location::Node {
            node,
            field: Field::Weight
        })
    );
    s.indicators[0].not_applicable = true;
    s.indicators[1].weight = "100".into();
    let calc = Calculator::new(s);
    assert!(!codes(&calc).contains(&"places_beyond_score"));
    assert_eq!(calc.report().totals.total.as_deref(), Some("90"));
}

/// The rescaling shows the exact figure and the total it rounds to, as a leaf's formula does
/// (it wrote 63.02×100÷80=78.78, which is 78.775).
#[test]
fn the_rescaling_shows_its_rounding() {
    let rescaled = |leaves: Vec<Node>| {
        let report = Calculator::new(sheet(leaves)).report();
        report.totals.rescale.map(|r| r.text).unwrap_or_default()
    };
    let mut na = manual("不适用项", "20", "");
    na.not_applicable = true;
    assert_eq!(
        rescaled(vec![
            manual("甲", "50", "40"),
            manual("乙", "30", "23.02"),
            na.clone()
        ]),
        "有1项指标不适用，按适用指标分值折算：63.02×100÷80=78.775→78.78"
    );
    let mut na = manual("不适用项", "30", "");
    na.not_applicable = true;
    assert_eq!(
        rescaled(vec![manual("甲", "70", "60"), na]),
        "有1项指标不适用，按适用指标分值折算：60.00×100÷70≈85.7143→85.71"
    );
}

/// 其中 rows that miss their total by less than a cent are written with the places the
/// difference needs: 0.05元 read "合计299.70，与本行299.70不符（相差0.00）".
#[test]
fn a_funds_parts_mismatch_is_written_with_the_places_it_needs() {
    let said = |parts: [&str; 2]| {
        let mut s = Sheet::new(SheetKind::Project);
        s.funds = serde_json::from_str(&format!(
            r#"[{{"name":"年度资金总额","spent":"299.70"}},
                {{"name":"当年财政拨款","spent":"{}","part":true}},
                {{"name":"其他资金","spent":"{}","part":true}}]"#,
            parts[0], parts[1]
        ))
        .unwrap();
        Calculator::new(s)
            .report()
            .diagnostics
            .into_iter()
            .filter(|d| d.code == "funds_parts_mismatch")
            .map(|d| d.message)
            .collect::<Vec<_>>()
    };
    let tail = "：请核对本行或其中各行";
    assert_eq!(
        said(["2,810,000.45元", "186,999.60元"]),
        [format!(
            "其中各行全年执行数合计299.700005，与本行299.700000不符（相差0.000005）{tail}"
        )]
    );
    assert_eq!(
        said(["281.004", "18.70"]),
        [format!(
            "其中各行全年执行数合计299.704，与本行299.700不符（相差0.004）{tail}"
        )]
    );
    assert_eq!(
        said(["281.00", "18.60"]),
        [format!(
            "其中各行全年执行数合计299.60，与本行299.70不符（相差0.10）{tail}"
        )]
    );
    assert!(said(["2,810,000元", "187,000元"]).is_empty());
}

/// A group all of whose indicators are 不适用 showed a subtotal of 0.00 of its 分值, which reads
/// as scored 0: it is 不适用 with no score, in the report and an edit's update alike, and the
/// 自评报告 says so; a group with one indicator that applies keeps its subtotal.
#[test]
fn a_group_whose_every_indicator_is_not_applicable_is_not_applicable() {
    use jixiao::report::NodeStatus;
    let group = |name: &str, weight: &str, leaves: Vec<Node>| {
        let mut g = Node::leaf(name, weight, None);
        g.children = leaves;
        g
    };
    let mut na = manual("b", "30", "");
    na.not_applicable = true;
    let calc = Calculator::new(sheet(vec![
        group("产出", "60", vec![manual("a", "60", "54")]),
        group("效益", "30", vec![na]),
        group("满意度", "10", vec![manual("c", "10", "9")]),
    ]));
    let shown = |calc: &Calculator, i: usize| {
        let n = calc.node_report(i);
        (n.status, n.score)
    };
    assert_eq!(shown(&calc, 2), (NodeStatus::NotApplicable, None));
    assert_eq!(shown(&calc, 0), (NodeStatus::Group, Some("54.00".into())));
    assert_eq!(calc.report().totals.total.as_deref(), Some("90.00"));
    let said = jixiao::narrative::narrative(&calc.to_sheet())
        .sections
        .into_iter()
        .flat_map(|s| s.paragraphs)
        .map(|p| p.text())
        .find(|t| t.starts_with("其中"))
        .unwrap_or_default();
    assert!(said.contains("效益本年度不适用"), "{said}");
    // A CSV writes it no score and no 不适用 of its own, which would read back as its flag.
    #[cfg(feature = "xlsx")]
    {
        let csv = jixiao::xlsx::sheet_csv(&calc.to_sheet()).unwrap();
        assert!(
            csv.contains("\"一级\",\"效益\",\"30\",\"\",\"\",\"\",\"\",\"\",\"\",\"\","),
            "{csv}"
        );
        let Ok(jixiao::load::Document::Sheet(back)) =
            jixiao::xlsx::import_auto(csv.as_bytes(), "表.csv")
        else {
            panic!("a CSV holds one table");
        };
        assert!(
            !back.indicators[1].not_applicable && back.indicators[1].children[0].not_applicable
        );
    }
    // Marked back, the group scores again; in the update an edit gives, as in the report.
    let mut calc = calc;
    let update = calc.edit(3, Field::NotApplicable, "false").unwrap();
    let row = update.changed.iter().find(|r| r.index == 2).unwrap();
    assert_eq!(
        (row.status, row.score.as_deref()),
        (NodeStatus::Group, Some("0.00"))
    );
    let update = calc.edit(3, Field::NotApplicable, "true").unwrap();
    let row = update.changed.iter().find(|r| r.index == 2).unwrap();
    assert_eq!(
        (row.status, row.score.as_deref()),
        (NodeStatus::NotApplicable, None)
    );
}
