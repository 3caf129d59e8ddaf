//! Review mode: declared figures against the calculator's, one line per case where a leaf is
//! enough, whole sheets for propagation and the seeds.

use jixiao::load::load;
use jixiao::model::{Node, Rule, Sheet, SheetKind};
use jixiao::review::{check, Review};
use jixiao::rules::{BudgetExecution, Qualitative};

/// The differences as `field=convention` (or `field=slip`), each consequence as `>field`.
fn summary(review: &Review) -> String {
    let mut parts = Vec::new();
    for d in &review.differences {
        let field = serde_json::to_value(d.field).unwrap();
        let mut s = format!(
            "{}={}",
            field.as_str().unwrap(),
            d.convention.unwrap_or("slip")
        );
        for c in &d.consequences {
            s += &format!(
                ">{}",
                serde_json::to_value(c.field).unwrap().as_str().unwrap()
            );
        }
        parts.push(s);
    }
    parts.join(" ")
}

/// One leaf of weight `w` (the rest of the table full marks, so that the top adds up to 100),
/// with a declared rate and score.
fn leaf_sheet(rule: Option<Rule>, w: &str, t: &str, a: &str, rate: &str, score: &str) -> Sheet {
    let mut leaf = Node::leaf("指标", w, rule);
    leaf.target = t.into();
    leaf.actual = a.into();
    leaf.reason = "已说明".into();
    leaf.declared.rate = rate.into();
    leaf.declared.score = score.into();
    let mut sheet = Sheet::new(SheetKind::Project);
    sheet.indicators = vec![leaf];
    sheet.settings.total_weight = w.into();
    sheet
}

#[track_caller]
fn case(w: &str, t: &str, a: &str, rate: &str, score: &str, expected: &str) {
    let review = check(&leaf_sheet(None, w, t, a, rate, score));
    assert_eq!(
        summary(&review),
        expected,
        "W={w} T={t} A={a} 申报 {rate} / {score}"
    );
    assert_eq!(
        review.figures,
        review.reproduced + review.explained + review.unexplained
    );
}

#[test]
fn figures_as_computed_are_reproduced() {
    case("10", "420", "404.25", "96.25%", "9.63", "");
    case("10", "420", "404.25", "0.9625", "9.63", ""); // a rate as the fraction Excel keeps
    case("10", "420", "404.25", "", "9.630", "");
    let review = check(&leaf_sheet(None, "10", "420", "404.25", "96.25%", "9.63"));
    assert_eq!((review.figures, review.reproduced), (2, 2));
}

#[test]
fn each_convention_is_named() {
    // 37.24 ÷ 43.2 = 86.20%, 8.62 of 10; printed 86% and 9.
    case(
        "10",
        "43.2",
        "37.24",
        "86%",
        "9",
        "rate=rate_whole_number score=score_whole_number",
    );
    case(
        "10",
        "43.2",
        "37.24",
        "86.2%",
        "8.6",
        "score=score_one_decimal",
    );
    // 1157.9 ÷ 2000 = 57.895%: 57.89% cut, 57.90% as rounded.
    case(
        "10",
        "2000",
        "1157.9",
        "57.89%",
        "5.79",
        "rate=rate_truncated",
    );
    case("10", "2000", "1157.9", "", "5.78", "score=score_truncated");
    // 1157.1 ÷ 2000 = 57.855%: 57.86% either way; 57.9% rounded up from one place.
    case("10", "2000", "1157.1", "57.9%", "", "rate=rate_one_decimal");
    // 1157.02 ÷ 2000 = 57.851%: 57.85% rounded or cut, 57.86% rounded up.
    case(
        "10",
        "2000",
        "1157.02",
        "57.86%",
        "5.79",
        "rate=rate_rounded_up",
    );
    // 1157.02 ÷ 2000 × 10 = 5.7851: 5.8 to one place; 1156.2 gives 5.781, 5.79 only rounded up.
    case(
        "10",
        "2000",
        "1157.02",
        "",
        "5.8",
        "score=score_one_decimal",
    );
    case("10", "2000", "1156.2", "", "5.79", "score=score_rounded_up"); // 5.781
                                                                        // Target 98%, actual 98%, weight 20 printed 19.6.
    case(
        "20",
        "98%",
        "98%",
        "",
        "19.6",
        "score=actual_as_coefficient",
    );
    // 每餐成本 ≤15 at 15.75, weight 10: 10 × 15 ÷ 15.75 = 9.52 and 95.24% (DOMAIN §4's ratio
    // variant), where the national linear formula gives 9.50 and 95.00%.
    case(
        "10",
        "≤15",
        "15.75",
        "95.24%",
        "9.52",
        "rate=lower_ratio>score",
    );
    case("10", "≤15", "15.75", "", "9.52", "score=lower_ratio");
    // Adopted, it changes the lower-is-better rows only: a ≥ row (or a 定性 one) keeps its
    // rule, and with it how it is scored.
    let lower = jixiao::review::CONVENTIONS
        .iter()
        .find(|c| c.id == "lower_ratio")
        .unwrap();
    let mut cost = Node::leaf("每餐成本", "10", None);
    cost.target = "≤15".into();
    cost.actual = "15.75".into();
    let mut served = Node::leaf("服务人次", "10", None);
    served.comparison = jixiao::comparison::Comparison::parse("≥");
    served.target = "100".into();
    served.actual = "90".into();
    let mut sheet = Sheet::new(SheetKind::Project);
    sheet.indicators = vec![cost, served];
    let adopted = lower.apply(&sheet).unwrap();
    assert_eq!(
        adopted.indicators[0].rule,
        Some(Rule::Ratio(jixiao::rules::Ratio {
            lower: jixiao::rules::LowerVariant::Ratio
        }))
    );
    assert_eq!(adopted.indicators[1].rule, None);
}

#[test]
fn budget_execution_conventions() {
    let budget = || Some(Rule::BudgetExecution(BudgetExecution::default()));
    let twenty = check(&leaf_sheet(budget(), "10", "420", "404.25", "", "19.25"));
    assert_eq!(summary(&twenty), "score=budget_weight_20");
    let uncapped = check(&leaf_sheet(budget(), "10", "100", "105", "", "10.5"));
    assert_eq!(summary(&uncapped), "score=budget_uncapped");
    let capped = check(&leaf_sheet(budget(), "10", "100", "105", "105%", "10"));
    assert_eq!(summary(&capped), "");
}

#[test]
fn a_qualitative_score_is_checked_against_its_band() {
    let qualitative = |level: &str, score: &str| {
        let mut sheet = leaf_sheet(
            Some(Rule::Qualitative(Qualitative {})),
            "10",
            "",
            level,
            "",
            "",
        );
        sheet.indicators[0].score = score.into();
        check(&sheet)
    };
    let inside = qualitative("部分达成", "7");
    assert_eq!((inside.figures, summary(&inside).as_str()), (1, ""));
    assert_eq!(
        summary(&qualitative("部分达成", "5.5")),
        "score=qualitative_bands_80_50"
    );
    let outside = qualitative("部分达成", "4");
    assert_eq!(summary(&outside), "score=slip");
    assert!(
        outside.differences[0]
            .message
            .contains("“部分达成”的得分应在6到8分之间"),
        "{}",
        outside.differences[0].message
    );
}

/// A project sheet of 100: 产出 50 (完成数量 40 scores 38.50, 完成质量 10) and 效益 50 (满意度
/// 50), declared as the unit printed them; computed total 98.50, 优.
fn project(declared: &[(&str, &str)]) -> Review {
    let mut json = String::from(
        r#"{"format":"jixiao-sheet","version":1,"kind":"project",
        "indicators":[
          {"name":"产出指标","weight":"50","declared":{"score":"$产出"},"children":[
            {"name":"完成数量","weight":"40","target":"420","actual":"404.25","reason":"有","declared":{"score":"$数量"}},
            {"name":"完成质量","weight":"10","target":"100%","actual":"100%","declared":{"score":"$质量"}}]},
          {"name":"效益指标","weight":"50","declared":{"score":"$效益"},"children":[
            {"name":"群众满意度","weight":"50","target":"90%","actual":"95%","declared":{"score":"$满意"}}]}],
        "declared":{"total":"$总分","grade":"$等级"}}"#,
    );
    for (key, value) in declared {
        json = json.replace(&format!("${key}"), value);
    }
    check(&load(&blank_placeholders(&json)).unwrap())
}

/// Placeholders not given are left blank.
fn blank_placeholders(json: &str) -> String {
    let mut out = String::new();
    let mut rest = json;
    while let Some(start) = rest.find('$') {
        out.push_str(&rest[..start]);
        let end = rest[start..].find('"').map_or(rest.len(), |e| start + e);
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

#[test]
fn a_slip_is_reported_once_at_its_origin() {
    // 完成数量 is 38.50; the unit wrote 28.5, and added up from there to a 良.
    let review = project(&[
        ("数量", "28.5"),
        ("质量", "10"),
        ("产出", "38.5"),
        ("满意", "50"),
        ("效益", "50"),
        ("总分", "88.5"),
        ("等级", "良"),
    ]);
    assert_eq!(summary(&review), "score=slip>subtotal>total>grade");
    let d = &review.differences[0];
    assert_eq!(d.at, "indicators[0].children[0]");
    assert_eq!(
        (d.declared.as_str(), d.computed.as_deref()),
        ("28.5", Some("38.50"))
    );
    assert!(
        d.message
            .contains("完成数量得分申报28.5，按本表规则应为38.50"),
        "{}",
        d.message
    );
    // One slip; its subtotal, total and grade follow from it.
    assert_eq!(
        (
            review.figures,
            review.reproduced,
            review.unexplained,
            review.slips
        ),
        (7, 3, 4, 1)
    );
    let consequence = &d.consequences[2];
    assert_eq!(
        (
            consequence.at.as_str(),
            consequence.declared.as_str(),
            consequence.computed.as_deref()
        ),
        ("grade", "良", Some("优"))
    );
}

#[test]
fn a_subtotal_that_does_not_add_up_is_its_own_slip() {
    let review = project(&[
        ("数量", "38.5"),
        ("质量", "10"),
        ("产出", "49.5"),
        ("满意", "50"),
        ("总分", "99.5"),
        ("等级", "优"),
    ]);
    assert_eq!(summary(&review), "subtotal=slip>total");
    assert!(
        review.differences[0]
            .message
            .contains("其下各项得分（按申报数）合计48.5"),
        "{}",
        review.differences[0].message
    );
}

/// A unit that added a row in Excel and left the group's 分值: the rows below add up past it,
/// so the group's figure cannot be checked, and the message says so (and how the unit got its
/// figure), not that the unit added up wrongly; what follows from it still follows.
#[test]
fn a_subtotal_over_rows_past_its_weight_blames_the_weights() {
    let review = |subtotal: &str, total: &str| {
        let json = r#"{"format":"jixiao-sheet","version":1,"kind":"project",
        "indicators":[
          {"name":"产出指标","weight":"50","declared":{"score":"$产出"},"children":[
            {"name":"完成数量","weight":"40","target":"420","actual":"404.25","reason":"有","declared":{"score":"38.5"}},
            {"name":"完成质量","weight":"10","target":"100%","actual":"100%","declared":{"score":"10"}},
            {"name":"完成时效","weight":"5","target":"100%","actual":"100%","declared":{"score":"5"}}]},
          {"name":"效益指标","weight":"50","declared":{"score":"50"},"children":[
            {"name":"群众满意度","weight":"50","target":"90%","actual":"95%","declared":{"score":"50"}}]}],
        "declared":{"total":"$总分"}}"#
            .replace("$产出", subtotal)
            .replace("$总分", total);
        check(&load(&json).unwrap())
    };
    // 53.5 of the rows' 55 scaled to the group's 50.
    let scaled = review("48.64", "98.64");
    assert_eq!(summary(&scaled), "subtotal=slip>total");
    let message = &scaled.differences[0].message;
    assert!(
        message.contains("产出指标小计申报48.64，是其下各项得分53.5按分值折算（53.5×50÷55）")
            && message.contains("下级指标分值合计55与分值50不一致，本表无法核对小计")
            && !message.contains("加总有误"),
        "{message}"
    );
    assert_eq!(
        scaled.sheet_errors,
        ["“产出指标”：分值50与下级指标分值合计55不一致"]
    );
    // Capped at the 分值: not scaled, and said as the sum it is not.
    let capped = review("50", "100");
    let message = &capped.differences[0].message;
    assert!(
        message.contains("产出指标小计申报50，其下各项得分合计53.5；下级指标分值合计55")
            && !message.contains("加总有误"),
        "{message}"
    );
}

/// A unit that declared only its 总分 added nothing up: the rows below are ours, so its total
/// is said to differ from ours, not to be an addition error.
#[test]
fn a_total_declared_alone_is_no_addition_error() {
    let review = project(&[("总分", "93")]);
    assert_eq!(summary(&review), "total=slip");
    let message = &review.differences[0].message;
    assert!(
        message.contains("总分申报93，按本表计算为98.50") && !message.contains("加总有误"),
        "{message}"
    );
}

#[test]
fn a_grade_that_contradicts_the_total() {
    let review = project(&[("总分", "98.50"), ("等级", "良")]);
    assert_eq!(summary(&review), "grade=slip");
    assert!(review.differences[0].message.contains("应为“优”"));
    // Written in its long form, as many forms print it, the grade is the same one.
    for long in ["优秀", "等级：优秀"] {
        let review = project(&[("总分", "98.50"), ("等级", long)]);
        assert_eq!(
            (summary(&review), review.reproduced),
            (String::new(), 2),
            "{long}"
        );
    }
    let review = project(&[("总分", "98.50"), ("等级", "良好")]);
    assert_eq!(summary(&review), "grade=slip");
}

#[test]
fn a_convention_and_a_slip_in_one_table() {
    // 38.50 printed whole as 39 (a convention), 满意度 50 typed as 45 (a slip); the total
    // adds both up.
    let review = project(&[
        ("数量", "39"),
        ("质量", "10"),
        ("满意", "45"),
        ("效益", "45"),
        ("总分", "94"),
    ]);
    assert_eq!(
        summary(&review),
        "score=score_whole_number>total score=slip>subtotal>total"
    );
    // The total follows from both: it counts once, as unexplained, and is no slip of its own.
    assert_eq!(
        (
            review.figures,
            review.explained,
            review.unexplained,
            review.slips
        ),
        (5, 1, 3, 1)
    );
    assert!(review.differences[0]
        .message
        .contains("此约定复现本表2处差异中的1处"));
}

#[test]
fn one_convention_for_the_whole_table() {
    let review = project(&[
        ("数量", "39"),
        ("质量", "10"),
        ("产出", "49"),
        ("满意", "50"),
        ("总分", "99"),
        ("等级", "优"),
    ]);
    assert_eq!(summary(&review), "score=score_whole_number>subtotal>total");
    assert!(review.differences[0]
        .message
        .contains("本表全部1处差异均由此约定复现"));
    assert_eq!(
        (review.reproduced, review.explained, review.unexplained),
        (3, 3, 0)
    );
}

#[test]
fn an_unreadable_declared_figure_is_said() {
    let review = project(&[("数量", "见附件"), ("质量", "10"), ("满意", "50")]);
    assert_eq!(summary(&review), "score=slip");
    assert!(review.differences[0].message.contains("“见附件”无法识别"));
}

/// An unreadable declared figure said only 请核对, not what to type instead.
#[test]
fn an_unreadable_declared_figure_says_what_to_type() {
    let review = check(&leaf_sheet(None, "10", "420", "404.25", "abc", "abc"));
    let messages: Vec<&str> = review
        .differences
        .iter()
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(
        messages,
        [
            "指标完成率申报“abc”无法识别：请填写数值，如“96.5%”；未申报的请留空",
            "指标得分申报“abc”无法识别：请填写数值，如“9.5”；未申报的请留空",
        ]
    );
}

/// A form that gives its rows' 得分 and leaves one blank declares it missing: said, not
/// passed over as agreeing (a unit's 91.50 rested on a 满意度 it never printed). A form that
/// prints its groups' subtotals alone (seed 003's 履职效能) leaves nothing blank.
#[test]
fn a_score_left_blank_is_said() {
    let messages = |review: &Review| -> Vec<String> {
        review
            .differences
            .iter()
            .map(|d| d.message.clone())
            .collect()
    };
    let review = project(&[("数量", "38.50"), ("质量", "10"), ("总分", "98.50")]);
    assert_eq!(summary(&review), "score=slip");
    assert_eq!(
        messages(&review),
        ["群众满意度得分未填写，计算得50.00，请补填或核对"]
    );
    assert_eq!((review.figures, review.unexplained), (4, 1));
    // Beside a row of its group that has one, a subtotal above it or not; `—` is blank too.
    let review = project(&[
        ("数量", "38.50"),
        ("质量", "—"),
        ("产出", "48.50"),
        ("满意", "50"),
    ]);
    assert_eq!(
        messages(&review),
        ["完成质量得分填写为“—”，计算得10.00，请补填或核对"]
    );
    // Subtotals alone, or a row under one: nothing is missing.
    let review = project(&[("产出", "48.50"), ("效益", "50"), ("总分", "98.50")]);
    assert_eq!(summary(&review), "");
    let review = project(&[("数量", "38.50"), ("质量", "10"), ("效益", "50")]);
    assert_eq!(summary(&review), "");
    // A few figures typed in to check them (a reviewer's from paper): the rest are not missing.
    let review = project(&[("数量", "38.50"), ("总分", "98.50")]);
    assert_eq!(summary(&review), "");
    // The unit's 总分 adds the blank up as nothing: it follows from it, no addition error.
    let review = project(&[("数量", "38.50"), ("质量", "10"), ("总分", "48.50")]);
    assert_eq!(summary(&review), "score=slip>total");
    // Or as ours, where it added up a figure it did not print (38.50 printed whole as 39).
    let review = project(&[("数量", "39"), ("质量", "10"), ("总分", "99")]);
    assert_eq!(
        summary(&review),
        "score=score_whole_number>total score=slip"
    );
    // Under a 一级 subtotal, each 二级 of one row: B is blank where A and C print theirs.
    let cousins = r#"{"format":"jixiao-sheet","version":1,"kind":"project",
      "settings":{"total_weight":"30"},
      "indicators":[{"name":"产出指标","weight":"30","declared":{"score":"30"},"children":[
        {"name":"数量指标","weight":"10","children":[
          {"name":"A","weight":"10","target":"10","actual":"10","declared":{"score":"10"}}]},
        {"name":"质量指标","weight":"10","children":[
          {"name":"B","weight":"10","target":"10","actual":"10"}]},
        {"name":"时效指标","weight":"10","children":[
          {"name":"C","weight":"10","target":"10","actual":"10","declared":{"score":"10"}}]}]}]}"#;
    let review = check(&load(cousins).unwrap());
    assert_eq!(
        messages(&review),
        ["B得分未填写，计算得10.00，请补填或核对"]
    );
}

/// The table's own errors, listed apart from the differences, name their rows: "年度指标值无法
/// 识别：没有找到数字" alone left a reviewer to search the table for it.
#[test]
fn the_tables_errors_name_their_rows() {
    let mut sheet = leaf_sheet(None, "10", "见附件", "404.25", "", "9.63");
    sheet.indicators[0].name = "受益人数".into();
    let review = check(&sheet);
    assert_eq!(
        review.sheet_errors.first().map(String::as_str),
        Some("“受益人数”：年度指标值无法识别：没有找到数字")
    );
    // Rows not scored yet are 待填, as the page's 检查 counts them, not errors of the table: a
    // blank template said 表中错误 1 处 where 检查 said none.
    let blank = jixiao::templates::TEMPLATES[0].sheet();
    assert!(
        check(&blank).sheet_errors.is_empty(),
        "{:?}",
        check(&blank).sheet_errors
    );
}

/// The seeds' tables, with the figures their reports print, check without an unexplained
/// difference; seed 004's "完成预算的93%" (6,708 ÷ 7,143.45 = 93.90%) is the rate cut to a
/// whole percent.
#[test]
fn the_seed_tables_check() {
    for (file, figures) in [
        ("seed000_summary", 23),
        ("seed001_department", 31),
        ("seed003_department", 41),
        ("seed004_department", 6),
    ] {
        let path = format!(
            "{}/tests/fixtures/{file}.sheet.json",
            env!("CARGO_MANIFEST_DIR")
        );
        let review = check(&load(&std::fs::read_to_string(path).unwrap()).unwrap());
        assert_eq!(review.figures, figures, "{file}");
        assert_eq!(review.unexplained, 0, "{file}: {:#?}", review.differences);
        if file == "seed004_department" {
            assert_eq!(summary(&review), "funds_rate=rate_truncated");
            let d = &review.differences[0];
            assert_eq!(
                (d.declared.as_str(), d.computed.as_deref()),
                ("93%", Some("93.90%"))
            );
            assert!(d.message.contains("完成率截位取整"), "{}", d.message);
        } else {
            assert_eq!(review.reproduced, figures, "{file}");
        }
    }
}

#[test]
fn a_convention_the_rest_of_the_table_contradicts_is_said_to_be_so() {
    // 8.62 printed as 9 would be whole numbers, but the same table prints 9.63 as 9.63.
    let json = r#"{"format":"jixiao-sheet","version":1,"kind":"project","settings":{"total_weight":"20"},
      "indicators":[
        {"name":"甲","weight":"10","target":"43.2","actual":"37.24","reason":"有","declared":{"score":"9"}},
        {"name":"乙","weight":"10","target":"420","actual":"404.25","reason":"有","declared":{"score":"9.63"}}]}"#;
    let review = check(&load(json).unwrap());
    let d = &review.differences[0];
    assert_eq!(d.convention, Some("score_whole_number"));
    assert!(
        d.message.ends_with(
            "按“得分四舍五入取整”可复现（但本表另有1处申报数按此约定并不成立，如乙得分申报9.63：此约定不能解释整张表）"
        ),
        "{}",
        d.message
    );
    // Its verdict is not 约定可复现, which says the table is explained: in the review table,
    // its workbook and the counts, as `jixiao check` says it.
    let sheet = load(json).unwrap();
    assert_eq!(review.contradicted(), 1);
    let table = jixiao::review::table(&sheet);
    assert_eq!((table.explained, table.doubtful), (1, 1));
    let row = table.rows.iter().find(|r| r.name == "甲").unwrap();
    assert_eq!(row.score.status, jixiao::review::FigureStatus::Doubtful);
    // 满意度 50 of 50 typed as 49: no convention gives 49.
    let review = project(&[("数量", "38.5"), ("质量", "10"), ("满意", "49")]);
    assert_eq!(summary(&review), "score=slip");
}

/// A row 不适用 showed — — in the review, on screen and on paper, where the form prints 不适用.
#[test]
fn a_row_not_applicable_says_so_in_the_review() {
    let json = r#"{"format":"jixiao-sheet","version":1,"kind":"project","settings":{"total_weight":"20"},
      "indicators":[
        {"name":"甲","weight":"10","target":"100","actual":"100"},
        {"name":"乙","weight":"10","target":"100","not_applicable":true,"reason":"本年度无此项"}]}"#;
    let table = jixiao::review::table(&load(json).unwrap());
    let score = |name: &str| {
        let row = table.rows.iter().find(|r| r.name == name).unwrap();
        row.score.computed.clone()
    };
    assert_eq!(score("乙").as_deref(), Some("不适用"));
    assert_eq!(score("甲").as_deref(), Some("10.00"));
}

/// The figures a 不适用 row declares are shown as written, marked not compared, on screen and
/// in the review workbook: they were dropped, so a 10 typed into the row's 自评得分 vanished
/// and the exported 审核表 showed the row empty though the sheet kept them.
#[test]
fn a_row_not_applicable_shows_what_it_declares() {
    use jixiao::review::FigureStatus;
    let json = r#"{"format":"jixiao-sheet","version":2,"kind":"project","settings":{"total_weight":"20"},
      "indicators":[
        {"name":"甲","weight":"10","target":"100","actual":"100","declared":{"score":"10"}},
        {"name":"乙","weight":"10","target":"100","not_applicable":true,"reason":"本年度无此项","declared":{"rate":"100%","score":"10"}}]}"#;
    let sheet = load(json).unwrap();
    let table = jixiao::review::table(&sheet);
    let row = table.rows.iter().find(|r| r.name == "乙").unwrap();
    assert_eq!(
        (
            row.not_applicable,
            row.rate.declared.as_str(),
            row.rate.status,
            row.score.declared.as_str(),
            row.score.status,
            row.score.computed.as_deref()
        ),
        (
            true,
            "100%",
            FigureStatus::NotCompared,
            "10",
            FigureStatus::NotCompared,
            Some("不适用")
        )
    );
    assert_eq!(
        row.notes,
        ["该指标不适用，所填自评数照录，不核对，不计入申报数"]
    );
    // Not counted: the one figure compared is 甲's.
    assert_eq!(
        (table.figures, table.reproduced, table.not_compared),
        (1, 1, 0)
    );
    // The review workbook writes them too.
    let bytes = jixiao::xlsx::review_to_xlsx(&sheet).unwrap();
    let read = jixiao::xlsx::read(&bytes, "审核表.xlsx").unwrap();
    let line = read.tables[0].rows.iter().find(|r| r[0] == "乙").unwrap();
    assert_eq!(
        line[1..8],
        [
            "10",
            "100%",
            "",
            "10",
            "不适用",
            "不适用·不核对",
            "该指标不适用，所填自评数照录，不核对，不计入申报数"
        ]
    );
}

#[test]
fn the_review_table_gives_every_row_its_figures_and_verdict() {
    use jixiao::review::{apply_convention, table, FigureStatus, RowPlace};
    let sheet = load(
        &std::fs::read_to_string(format!(
            "{}/tests/fixtures/seed004_department.sheet.json",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap(),
    )
    .unwrap();
    let t = table(&sheet);
    assert_eq!(
        (t.figures, t.reproduced, t.explained, t.unexplained),
        (6, 5, 1, 0)
    );
    let first = &t.rows[0];
    assert_eq!(first.place, RowPlace::Funds { row: 0 });
    assert_eq!(
        (
            first.rate.declared.as_str(),
            first.rate.computed.as_deref(),
            first.rate.status
        ),
        // The rest of the table prints rates to the hundredth (99.35%): the convention that
        // gives 93% does not explain it.
        ("93%", Some("93.90%"), FigureStatus::Doubtful)
    );
    assert_eq!(t.doubtful, 1);
    assert!(
        first.notes[0].contains("完成率截位取整"),
        "{:?}",
        first.notes
    );
    assert_eq!(t.rows[1].rate.status, FigureStatus::Reproduced);
    assert_eq!(t.conventions.len(), 1);
    let c = &t.conventions[0];
    assert_eq!((c.id, c.reproduces, c.of), ("rate_truncated", 1, 1));
    // Applied, the sheet cuts its rates to whole percents: 93% is then the sheet's own figure,
    // and the task rates printed with decimals are now the differences.
    let applied = apply_convention(&sheet, c.index).unwrap();
    assert_eq!(applied.settings.rate_decimals, 0);
    let after = check(&applied);
    assert_eq!(after.reproduced, 3, "{:#?}", after.differences);
    assert!(apply_convention(&applied, c.index).is_none(), "already so");

    // A leaf's rows carry the opinion typed beside them, and what follows from a slip says so.
    let mut typed = leaf_sheet(None, "10", "420", "404.25", "", "8.5");
    typed.indicators[0].opinion = "应为9.63分".into();
    typed.declared.total = "8.5".into();
    let t = table(&typed);
    let leaf = &t.rows[0];
    assert_eq!(
        (leaf.score.status, leaf.opinion.as_str()),
        (FigureStatus::Unexplained, "应为9.63分")
    );
    let total = t.rows.iter().find(|r| r.place == RowPlace::Total).unwrap();
    assert_eq!(total.score.status, FigureStatus::Follows);
    assert_eq!(total.notes, ["总分申报8.5，因指标得分的差异而不同"]);
}

/// A total that follows from two rows' scores was said twice, once per row:
/// `总分申报16.5，因甲得分的差异而不同 总分申报16.5，因乙得分的差异而不同`. One sentence names both.
#[test]
fn a_figure_following_from_several_differences_is_said_once() {
    use jixiao::review::{table, FigureStatus, RowPlace};
    let mut sheet = leaf_sheet(None, "10", "420", "404.25", "", "8.5");
    let mut second = sheet.indicators[0].clone();
    sheet.indicators[0].name = "甲".into();
    second.name = "乙".into();
    second.declared.score = "8".into();
    sheet.indicators.push(second);
    sheet.settings.total_weight = "20".into();
    sheet.declared.total = "16.5".into();
    let t = table(&sheet);
    let total = t.rows.iter().find(|r| r.place == RowPlace::Total).unwrap();
    assert_eq!(total.score.status, FigureStatus::Follows);
    assert_eq!(total.notes, ["总分申报16.5，因甲得分、乙得分的差异而不同"]);
}

/// What a review found: figures that are not figures, rows that have left the table, a total
/// rescaled for them, a score typed by hand that cannot be read, a convention that breaks the
/// sheet, and two variants of one convention.
#[test]
fn what_is_compared_and_how() {
    let sheet = |indicators: &str, declared: &str| {
        load(&format!(
            r#"{{"format":"jixiao-sheet","version":1,"kind":"project","indicators":[{indicators}],"declared":{{{declared}}}}}"#
        ))
        .unwrap()
    };
    // A dash, a slash, 不适用 say "nothing here"; a group has no 完成率.
    let placeholders = sheet(
        r#"{"name":"产出","weight":"100","declared":{"rate":"96%","score":"—"},"children":[
            {"name":"甲","weight":"100","target":"100","actual":"96","reason":"有","declared":{"rate":"/","score":"不适用"}}]}"#,
        r#""grade":"—""#,
    );
    let review = check(&placeholders);
    assert_eq!((review.figures, review.differences.len()), (0, 0));

    // A 不适用 row's figures are not compared; the total, rescaled for it (69.5 of 75 → 92.67),
    // follows from the leaf the unit got wrong.
    let rescaled = sheet(
        r#"{"name":"甲","weight":"50","target":"100","actual":"93","reason":"有","declared":{"score":"47.5"}},
           {"name":"乙","weight":"25","target":"100","actual":"88","reason":"有","declared":{"score":"22"}},
           {"name":"丙","weight":"25","target":"100","not_applicable":true,"declared":{"score":"0"}}"#,
        r#""total":"92.67""#,
    );
    let review = check(&rescaled);
    assert_eq!(
        summary(&review),
        "score=slip>total",
        "{:#?}",
        review.differences
    );

    // A 定性 score that cannot be read is not in order.
    let unreadable = sheet(
        r#"{"name":"甲","weight":"100","comparison":"定性","level":"达成","score":"abc","reason":"有"}"#,
        "",
    );
    let review = check(&unreadable);
    assert_eq!((review.figures, review.unexplained), (1, 1));
    assert!(review.differences[0].message.contains("“abc”无法识别"));

    // 预算执行率 as 20 × rate would take a table of 100 to 110: named, not borne out.
    let twenty = sheet(
        r#"{"name":"预算执行率","weight":"10","rule":{"kind":"budget_execution"},"target":"100","actual":"90","reason":"有","declared":{"score":"18"}},
           {"name":"其余","weight":"90","rule":{"kind":"manual"},"score":"90","reason":"有"}"#,
        "",
    );
    let review = check(&twenty);
    assert_eq!(review.differences[0].convention, Some("budget_weight_20"));
    assert!(
        review.differences[0].message.contains("会多出1处错误"),
        "{}",
        review.differences[0].message
    );
    let offered = jixiao::review::table(&twenty).conventions;
    assert_eq!(offered[0].contradicts, 1);

    // 57.89% is the rate cut to two places, 93% cut to whole percents: two variants, each
    // named for its own difference, neither for the whole table.
    let variants = sheet(
        r#"{"name":"甲","weight":"50","target":"2000","actual":"1157.9","reason":"有","declared":{"rate":"57.89%"}},
           {"name":"乙","weight":"50","target":"7143.45","actual":"6708","reason":"有","declared":{"rate":"93%"}}"#,
        "",
    );
    let review = check(&variants);
    for d in &review.differences {
        assert_eq!(d.convention, Some("rate_truncated"));
        assert!(
            d.message
                .ends_with("（此约定复现本表2处差异中的1处，与其余申报数不矛盾）"),
            "{}",
            d.message
        );
    }
    let offered = jixiao::review::table(&variants).conventions;
    assert_eq!(offered.len(), 2, "one per variant: {offered:?}");
}

/// A 汇总表 whose 合计 rate is the mean of its rows' rates, not Σ完成数 ÷ Σ预算数 (DOMAIN.md §2):
/// said so, with the division it should have been.
#[test]
fn a_total_rate_averaged_over_the_rows_is_named() {
    let review = check(
        &load(
            r#"{"format":"jixiao-sheet","version":1,"kind":"summary",
            "projects":[
              {"project":"甲","budget":"100","spent":"90"},
              {"project":"乙","budget":"300","spent":"297"}],
            "declared":{"rate":"94.50%"}}"#,
        )
        .unwrap(),
    );
    let d = &review.differences;
    assert_eq!(d.len(), 1, "{d:#?}");
    assert_eq!(
        d[0].message,
        "合计预算完成率申报94.50%，是各项目完成率的简单平均；合计行应按合计数计算：完成数合计387.00 ÷ 预算数合计400.00 = 96.75%：计算方法有误"
    );
}

/// A row named for its figure is not named twice in a message (预算执行率, not 预算执行率完成率);
/// 验收合格率's 完成率 is another figure than the 验收合格率, and is named so.
#[test]
fn a_row_named_for_its_rate_is_named_once() {
    let mut sheet = leaf_sheet(None, "10", "100", "93", "95%", "");
    sheet.indicators[0].name = "验收合格率".into();
    let review = check(&sheet);
    let message = &review.differences[0].message;
    assert!(
        message.starts_with("验收合格率的完成率申报95%，"),
        "{message}"
    );
    sheet.indicators[0].name = "预算执行率".into();
    let review = check(&sheet);
    let message = &review.differences[0].message;
    assert!(message.starts_with("预算执行率申报95%，"), "{message}");
}

/// A reviewer's case: seed 003's form handed in with its 总分 90.25 right and 等级 typed 良. Cut
/// to whole points every score gives 良, but from another total than the unit's own 90.25: the
/// grade contradicts the unit's 总分, a slip, and no convention is offered for it.
#[test]
fn a_grade_a_convention_gives_from_another_total_is_a_slip() {
    let path = format!(
        "{}/tests/fixtures/seed003_department.sheet.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let mut sheet = load(&std::fs::read_to_string(path).unwrap()).unwrap();
    for grade in ["良", "良好"] {
        sheet.declared.grade = grade.to_string();
        let review = check(&sheet);
        assert_eq!(
            summary(&review),
            "grade=slip",
            "{grade}: {:#?}",
            review.differences
        );
        assert!(
            review.differences[0].message.contains("应为“优”"),
            "{}",
            review.differences[0].message
        );
    }
}

/// A score declared above its row's 分值 (21 of 20) says so, not only what it should be.
#[test]
fn a_score_above_its_weight_says_so() {
    let review = check(&leaf_sheet(None, "20", "100", "95", "95%", "21"));
    assert_eq!(summary(&review), "score=slip");
    let message = &review.differences[0].message;
    assert!(
        message.contains("申报21，超过分值20，按本表规则应为19.00"),
        "{message}"
    );
    // Where the sheet's own rule scores above the 分值 (a 预算执行率 not capped), it is not said.
    let mut uncapped = leaf_sheet(
        Some(Rule::BudgetExecution(BudgetExecution::default())),
        "10",
        "100",
        "110",
        "110%",
        "11.5",
    );
    uncapped.settings.budget_uncapped = true;
    let review = check(&uncapped);
    let message = &review.differences[0].message;
    assert!(!message.contains("超过分值"), "{message}");
}

/// A table that rounds its scores to whole numbers with a 0.5-point 阶梯扣分 (10 − 0.5 = 9.5,
/// printed 10): the convention explains it. Rule points with more places than the scores left
/// the leaf unscored under 取整, so the convention was said to be contradicted by the table.
#[test]
fn a_whole_number_convention_explains_half_point_deductions() {
    let json = r#"{"format":"jixiao-sheet","version":2,"kind":"department","meta":{"title":"取整约定"},
      "declared":{"total":"100"},
      "indicators":[{"name":"管理","weight":"100","declared":{"score":"100"},"children":[
        {"name":"预算完成率","weight":"50","rule":{"kind":"ratio"},"comparison":"≥","target":"100%","actual":"99.2%","reason":"略","declared":{"score":"50"}},
        {"name":"预决算差异率","weight":"10","rule":{"kind":"step","step":"5%","points":"0.5"},"comparison":"≤","target":"0%","actual":"6%","reason":"略","declared":{"score":"10"}},
        {"name":"制度","weight":"40","rule":{"kind":"yes_no"},"actual":"是","declared":{"score":"40"}}]}]}"#;
    let review = check(&load(json).unwrap());
    assert_eq!(
        summary(&review),
        "score=score_whole_number>subtotal>total score=score_whole_number>subtotal>total"
    );
    assert_eq!(review.contradicted(), 0);
    assert!(review.differences[1]
        .message
        .ends_with("按“得分四舍五入取整”可复现（本表全部2处差异均由此约定复现）"));
}

/// A 完成率 declared on a row whose rule gives none (是否判断, 阶梯扣分, ≤ a target of 0, a score
/// typed by hand), or an 执行率 on a 资金 row left empty, has nothing to compare: said so, and
/// neither a figure nor a slip (`jixiao check` exited 1, 无法解释, while 检查 found nothing).
/// One the table cannot work out for a finding of 检查 is still a slip.
#[test]
fn a_rate_declared_where_the_rule_gives_none_is_not_compared() {
    #[track_caller]
    fn case(row: &str, expected: &str) {
        let json = format!(
            r#"{{"format":"jixiao-sheet","version":2,"kind":"project","settings":{{"total_weight":"10"}},
              "indicators":[{{"name":"甲","weight":"10","reason":"有",{row},"declared":{{"rate":"100%"}}}}]}}"#
        );
        let review = check(&load(&json).unwrap());
        let said: Vec<String> = review
            .not_compared
            .iter()
            .map(|n| format!("{}: {}", n.at, n.message))
            .chain(
                review
                    .differences
                    .iter()
                    .map(|d| format!("slip: {}", d.message)),
            )
            .collect();
        // Not a figure, and no slip (a manual row's own score is a figure, in order).
        let counts = (review.figures - review.reproduced, review.unexplained);
        assert_eq!(said.join(" | "), expected, "{row}");
        let figures = usize::from(review.not_compared.is_empty());
        assert_eq!(counts, (figures, figures), "{row}");
    }
    case(r#""rule":{"kind":"yes_no"},"actual":"是""#, "indicators[0]: 甲按其计分规则没有完成率（已达成，得满分10分）：自评完成率100%无可核对，不计入申报数");
    case(r#""rule":{"kind":"step","step":"5%","points":"0.5"},"comparison":"≤","target":"0%","actual":"9%""#, "indicators[0]: 甲按其计分规则没有完成率（甲为9%，每增加5%（含）扣减0.5分，计算得9.5分）：自评完成率100%无可核对，不计入申报数");
    case(r#""rule":{"kind":"ratio"},"comparison":"≤","target":"0","actual":"0""#, "indicators[0]: 甲按其计分规则没有完成率（甲实际完成0，未超过年度指标值≤0，得满分10分）：自评完成率100%无可核对，不计入申报数");
    case(r#""rule":{"kind":"manual"},"score":"9""#, "indicators[0]: 甲按其计分规则没有完成率（手动评分，得9分（有））：自评完成率100%无可核对，不计入申报数");
    // Not scored for a cell 检查 points out: still a slip.
    case(
        r#""rule":{"kind":"ratio"},"comparison":"≥","target":"100","actual":"abc""#,
        "slip: 甲完成率申报100%，本表此处无法计算：请先处理检查中指出的问题",
    );

    // An empty 其中 row of the 资金 block, its 0% declared (in/k.json).
    let json = r#"{"format":"jixiao-sheet","version":2,"kind":"project",
      "funds":[{"name":"年度资金总额","budget":"320","spent":"299.7"},{"name":"上年结转资金","part":true,"declared":{"rate":"0%"}}],
      "indicators":[{"name":"预算执行率","weight":"10","rule":{"kind":"budget_execution","from_funds":true},"reason":"尾款"},
        {"name":"改造小区数","weight":"90","comparison":"≥","target":"3","actual":"3","unit":"个"}]}"#;
    let review = check(&load(json).unwrap());
    assert_eq!((review.figures, review.unexplained), (0, 0));
    assert_eq!(
        review.not_compared[0].message,
        "上年结转资金未填全年预算数和全年执行数，没有执行率：自评执行率0%无可核对，不计入申报数"
    );
    // The review table shows it, with why, and does not count it.
    let table = jixiao::review::table(&load(json).unwrap());
    let row = &table.rows[1];
    assert_eq!(
        (
            row.rate.declared.as_str(),
            row.rate.status,
            table.not_compared
        ),
        ("0%", jixiao::review::FigureStatus::NotCompared, 1)
    );
    assert_eq!(row.notes, [review.not_compared[0].message.clone()]);
    let bytes = jixiao::xlsx::review_to_xlsx(&load(json).unwrap()).unwrap();
    let read = jixiao::xlsx::read(&bytes, "审核表.xlsx").unwrap();
    let line = read.tables[0]
        .rows
        .iter()
        .find(|r| r[0] == "上年结转资金")
        .unwrap();
    assert_eq!(line[2..7], ["0%", "", "", "", "不核对"]);
}

/// A 汇总表 row's 分数, shown where a 分值 would be, is shown as typed: 89.00 was shown 89 and
/// written to the review workbook with the format 0.
#[test]
fn a_projects_score_is_shown_as_typed() {
    let sheet = load(
        r#"{"format":"jixiao-sheet","version":2,"kind":"summary",
        "projects":[
          {"project":"甲","budget":"100","spent":"90","score":"89.00","grade":"良"},
          {"project":"乙","budget":"300","spent":"297","score":"93.5","grade":"优"}]}"#,
    )
    .unwrap();
    let table = jixiao::review::table(&sheet);
    let scores: Vec<_> = table.rows.iter().map(|r| r.weight.as_deref()).collect();
    assert_eq!(scores[..2], [Some("89.00"), Some("93.5")]);
    let bytes = jixiao::xlsx::review_to_xlsx(&sheet).unwrap();
    let read = jixiao::xlsx::read(&bytes, "审核表.xlsx").unwrap();
    let line = read.tables[0].rows.iter().find(|r| r[0] == "甲").unwrap();
    assert_eq!(line[1], "89.00");
}

/// What the review says of the 总分 of sheet `json`, its `$` the declared total.
fn total_said(json: &str, total: &str) -> String {
    check(&load(&json.replace('$', total)).unwrap())
        .differences
        .iter()
        .find(|d| d.at == "total")
        .map(|d| d.message.clone())
        .unwrap_or_default()
}

/// A total that cannot be computed here (a row below it cannot be scored) is still checked
/// against the rows the unit declared: 38.5 + 10 + 50 is 98.5, not the 99.5 declared.
#[test]
fn a_total_not_computed_is_still_added_up_from_the_declared_rows() {
    let json = r#"{"format":"jixiao-sheet","version":1,"kind":"project",
    "indicators":[
      {"name":"产出指标","weight":"50","children":[
        {"name":"完成数量","weight":"40","target":"420","actual":"404.25","reason":"有","declared":{"score":"38.5"}},
        {"name":"完成质量","weight":"10","target":"100%","actual":"","declared":{"score":"10"}}]},
      {"name":"效益指标","weight":"50","children":[
        {"name":"群众满意度","weight":"50","target":"90%","actual":"95%","declared":{"score":"50"}}]}],
    "declared":{"total":"$"}}"#;
    let said = total_said(json, "99.5");
    assert!(
        said.contains(
            "总分申报99.5，其下各项得分（按申报数）合计98.5：总分加总有误（其下有未能计分的行"
        ),
        "{said}"
    );
    // Added up right, it is not called an addition error.
    let right = total_said(json, "98.5");
    assert!(!right.contains("加总有误"), "{right}");
}

/// The same on a table scored by hand (a 部门整体 table's 得分 column, seed 001's 表2): a
/// score above its 分值 leaves the 总分 uncomputed, and the 合计 95.4 is still added up from
/// the scores the unit typed (1.5 + 94.4 = 95.9), not passed over.
#[test]
fn a_total_over_scores_typed_by_hand_is_added_up_when_one_is_out_of_range() {
    let json = r#"{"format":"jixiao-sheet","version":1,"kind":"department",
    "indicators":[
      {"name":"管理效率","weight":"100","children":[
        {"name":"资产盘点情况","weight":"1","rule":{"kind":"manual"},"score":"1.5"},
        {"name":"其余","weight":"99","rule":{"kind":"manual"},"score":"94.4","reason":"有"}]}],
    "declared":{"total":"$"}}"#;
    let said = |total: &str| total_said(json, total);
    let wrong = said("95.4");
    assert!(
        wrong.contains("总分申报95.4，其下各项得分（按申报数）合计95.9：总分加总有误"),
        "{wrong}"
    );
    assert!(!said("95.9").contains("加总有误"), "{}", said("95.9"));
}

/// A group with a row that cannot be scored has no subtotal here yet: the unit's 小计 is not
/// compared with the part scored (94.40, as if the row scored 0), and the review table shows
/// that part as the print does, 94.40（待定）.
#[test]
fn a_subtotal_partly_scored_is_not_compared_as_final() {
    let json = r#"{"format":"jixiao-sheet","version":1,"kind":"department",
    "indicators":[
      {"name":"管理效率","weight":"100","declared":{"score":"95.9"},"children":[
        {"name":"资产盘点情况","weight":"1","rule":{"kind":"manual"},"score":"1.5"},
        {"name":"其余","weight":"99","rule":{"kind":"manual"},"score":"94.4","reason":"有"}]}]}"#;
    let sheet = load(json).unwrap();
    let review = check(&sheet);
    let subtotal = review
        .differences
        .iter()
        .flat_map(|d| &d.consequences)
        .find(|c| c.at == "indicators[0]")
        .expect("the 小计 follows from the score out of range");
    assert_eq!(subtotal.computed, None);
    let table = jixiao::review::table(&sheet);
    let row = table.rows.iter().find(|r| r.name == "管理效率").unwrap();
    assert_eq!(row.score.computed.as_deref(), Some("94.40（待定）"));
}

/// A review done under a way of scoring other than the default (a convention adopted with
/// 本表按此约定计分) says so on the 审核表 itself: its rows read 一致 under it, and the signed
/// form must show why a 完成率 cut, not rounded, was accepted.
#[test]
fn the_review_workbook_states_the_way_of_scoring() {
    let json = r#"{"format":"jixiao-sheet","version":1,"kind":"project",
    "settings":{"rate_rounding":"truncate"},
    "indicators":[{"name":"知晓率","weight":"100","target":"90%","actual":"88%","reason":"有","declared":{"rate":"97.77%"}}]}"#;
    let bytes = jixiao::xlsx::review_to_xlsx(&load(json).unwrap()).unwrap();
    let read = jixiao::xlsx::read(&bytes, "审核表.xlsx").unwrap();
    let stated = read.tables[0]
        .rows
        .iter()
        .any(|r| r[0].starts_with("计分设置：") && r[0].contains("完成率截位"));
    assert!(stated, "{:?}", &read.tables[0].rows[..4]);
    // With the default way, no such line.
    let plain = json.replace(r#""settings":{"rate_rounding":"truncate"},"#, "");
    let bytes = jixiao::xlsx::review_to_xlsx(&load(&plain).unwrap()).unwrap();
    let read = jixiao::xlsx::read(&bytes, "审核表.xlsx").unwrap();
    assert!(!read.tables[0]
        .rows
        .iter()
        .any(|r| r[0].starts_with("计分设置：")));
}

/// The check of a sum not computed here says no addition error where none can be told: rows
/// whose 分值 do not add up to the group's (26 × 20 ÷ 25 = 20.8 is the unit's scaling, right),
/// and a 加减分 row out of its bound typed `扣6分` (84 + 9 − 6 = 87, right: its figure read as
/// a number loses its sign).
#[test]
fn a_sum_not_computed_here_is_no_addition_error_where_none_can_be_told() {
    let said = |json: &str| {
        check(&load(json).unwrap())
            .differences
            .iter()
            .map(|d| d.message.clone())
            .collect::<Vec<_>>()
            .join("\n")
    };
    let weights = said(
        r#"{"format":"jixiao-sheet","version":1,"kind":"department","indicators":[
        {"name":"管理效率","weight":"20","declared":{"score":"20.8"},"children":[
          {"name":"甲","weight":"10","rule":{"kind":"manual"},"score":"12"},
          {"name":"乙","weight":"15","rule":{"kind":"manual"},"score":"14","reason":"有"}]},
        {"name":"其他","weight":"80","children":[
          {"name":"丙","weight":"80","rule":{"kind":"manual"},"score":"80"}]}]}"#,
    );
    assert!(
        weights.contains("下级指标分值合计25与分值20不一致") && !weights.contains("加总有误"),
        "{weights}"
    );
    let deducted = said(
        r#"{"format":"jixiao-sheet","version":1,"kind":"department","indicators":[
        {"name":"甲","weight":"90","rule":{"kind":"manual"},"score":"84"},
        {"name":"丙","weight":"10","rule":{"kind":"manual"},"score":"9","reason":"有"},
        {"name":"加减分","rule":{"kind":"adjustment","bound":"5"},"score":"扣6分"}],
        "declared":{"total":"87"}}"#,
    );
    assert!(!deducted.contains("加总有误"), "{deducted}");
}

/// The reviewer's opinion on the bottom line stays on the 总分 row when the total cannot be
/// computed and nothing is declared (a 实际完成值 cleared after it was typed): the row is drawn
/// for it, and the 等级 row, drawn with a declared grade, never takes it.
#[test]
fn the_bottom_lines_opinion_keeps_its_row() {
    let json = |declared: &str| {
        format!(
            r#"{{"format":"jixiao-sheet","version":1,"kind":"project",
            "indicators":[{{"name":"完成数量","weight":"100","target":"420","actual":""}}],
            "declared":{{"opinion":"等级应为优"{declared}}}}}"#
        )
    };
    for declared in ["", r#","grade":"良""#] {
        let table = jixiao::review::table(&load(&json(declared)).unwrap());
        let holding: Vec<_> = table
            .rows
            .iter()
            .filter(|r| !r.opinion.is_empty())
            .map(|r| (r.name.as_str(), r.takes_opinion))
            .collect();
        assert_eq!(holding, [("总分", true)], "{declared}");
    }
}
