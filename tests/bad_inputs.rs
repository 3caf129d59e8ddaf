//! The catalogue of bad input that users and files really produce (issue 6): each gives a
//! specific Chinese message at its place, and the rest of the sheet still computes and keeps
//! what was typed.
//!
//! Cell cases go through both ways a value arrives: typed (an edit) and loaded (a file).

use jixiao::diagnostic::{Field, Location};
use jixiao::engine::Calculator;
use jixiao::load::{load, load_document};
use jixiao::model::{Band, Node, Rule, Sheet, SheetKind};
use jixiao::rules::{Interval, Manual, PerOccurrence, Qualitative, Step, YesNo};

/// 甲: the leaf under test (10 分, ratio 100 → 80 unless changed); 乙: 是 → 20 分, untouched.
fn sheet_with(a: Node) -> Sheet {
    let mut s = Sheet::new(SheetKind::Department);
    s.settings.total_weight = "30".into();
    let mut b = Node::leaf("乙", "20", Some(Rule::YesNo(YesNo {})));
    b.actual = "是".into();
    s.indicators = vec![a, b];
    s
}

fn ratio_leaf() -> Node {
    let mut a = Node::leaf("甲", "10", None);
    a.target = "100".into();
    a.actual = "80".into();
    a.reason = "进度滞后".into();
    a
}

fn field_text(n: &Node, field: Field) -> &str {
    match field {
        Field::Weight => &n.weight,
        Field::Target => &n.target,
        Field::Actual => &n.actual,
        Field::Score => &n.score,
        Field::Reason => &n.reason,
        _ => unreachable!("cell fields only"),
    }
}

fn set_field(n: &mut Node, field: Field, value: &str) {
    match field {
        Field::Weight => n.weight = value.into(),
        Field::Target => n.target = value.into(),
        Field::Actual => n.actual = value.into(),
        Field::Score => n.score = value.into(),
        _ => unreachable!("cell fields only"),
    }
}

/// The finding `code` at row 0's `field`, its message containing `fragment` (`input` names the
/// case when it fails).
#[track_caller]
fn expect_finding(calc: &Calculator, field: Field, code: &str, fragment: &str, input: &str) {
    let found = calc.diagnostics();
    let Some(d) = found
        .iter()
        .find(|d| d.at == Location::Node { node: 0, field } && d.problem.code() == code)
    else {
        let listed: Vec<_> = found
            .iter()
            .map(|d| (d.problem.code(), d.message()))
            .collect();
        panic!("{input:?} in {field:?}: no {code} at the cell; found {listed:?}");
    };
    assert!(
        d.message().contains(fragment),
        "{input:?}: message {:?} lacks {fragment:?}",
        d.message()
    );
}

/// The message at (row 0, `field`) with `code`, containing `fragment`; 乙 still scores 20; the
/// text typed is kept as typed; typed and loaded agree.
#[track_caller]
fn cell_case(leaf: Node, field: Field, input: &str, code: &str, fragment: &str) {
    // Typed into the page.
    let mut typed = Calculator::new(sheet_with(leaf.clone()));
    typed
        .set(0, field, input)
        .expect("a cell edit is never refused");
    // Read from a file.
    let mut from_file = leaf;
    set_field(&mut from_file, field, input);
    let loaded = Calculator::new(
        load(&sheet_with(from_file).to_json()).expect("the file loads despite the bad cell"),
    );
    for calc in [&typed, &loaded] {
        expect_finding(calc, field, code, fragment, input);
        assert_eq!(
            calc.score(1),
            Some(20.into()),
            "{input:?}: the other leaf still scores"
        );
        assert!(calc.total().is_some(), "{input:?}: a total is still shown");
        assert_eq!(
            field_text(&calc.to_sheet().indicators[0], field),
            input,
            "{input:?}: the text is kept as typed"
        );
    }
    assert_eq!(
        typed.report(),
        loaded.report(),
        "{input:?}: typed and loaded agree"
    );
}

fn actual(input: &str, code: &str, fragment: &str) {
    cell_case(ratio_leaf(), Field::Actual, input, code, fragment);
}
fn weight(input: &str, code: &str, fragment: &str) {
    cell_case(ratio_leaf(), Field::Weight, input, code, fragment);
}
fn target(input: &str, code: &str, fragment: &str) {
    cell_case(ratio_leaf(), Field::Target, input, code, fragment);
}

const NO_NUMBER: &str = "没有找到数字";

#[test]
fn text_and_junk_in_number_cells() {
    actual("abc", "unreadable", NO_NUMBER);
    actual("约", "unreadable", NO_NUMBER);
    actual("null", "unreadable", NO_NUMBER);
    actual("undefined", "unreadable", NO_NUMBER);
    actual("[object Object]", "unreadable", NO_NUMBER);
    actual("🙂", "unreadable", NO_NUMBER);
    actual("\u{0}", "unreadable", NO_NUMBER);
    actual("90 95", "unreadable", "含有多个数字（90、95）");
    actual("=SUM(A1:A3)", "unreadable", "Excel 公式（=SUM(A1:A3)）");
    actual("0x1F", "unreadable", "含有多个数字");
    actual(&"很长".repeat(300), "unreadable", "内容太长");
}

#[test]
fn numbers_javascript_and_excel_produce() {
    actual("NaN", "unreadable", NO_NUMBER);
    actual("Infinity", "unreadable", NO_NUMBER);
    actual("-Infinity", "unreadable", NO_NUMBER);
    actual("1e400", "unreadable", "科学计数法");
    actual("1E5", "unreadable", "科学计数法");
    actual("6.02e23", "unreadable", "科学计数法");
    actual("#DIV/0!", "unreadable", "Excel 公式的错误值 #DIV/0!");
    actual("#N/A", "unreadable", "#N/A");
    actual("#value!", "unreadable", "#VALUE!");
    actual("#REF!", "unreadable", "#REF!");
    actual("＃NAME？", "unreadable", "#NAME?");
}

/// Issue 15: what an outside hostile-input run found read as numbers (`--5` as −5, `(5)` as 5
/// with unit `)`, `@SUM(A1)` as 1, `<b>80</b>` as 80 with `<`, `5%%` as 5%, `一般` as 1).
#[test]
fn hostile_cells_are_refused_at_the_cell() {
    actual("--5", "unreadable", "两个正负号（--5）");
    actual("+-5", "unreadable", "两个正负号（+-5）");
    actual(
        "(5)",
        "unreadable",
        "（(5)）在会计记法中表示负数：如是负数请写作 -5",
    );
    actual("（80）", "unreadable", "会计记法");
    actual("@SUM(A1)", "unreadable", "Excel 公式（@SUM(A1)）");
    actual("+A1", "unreadable", "Excel 公式");
    actual("A1", "unreadable", "紧跟在字母后面");
    actual("<b>80</b>", "unreadable", "网页标记（<b>）");
    actual("5%%", "unreadable", "百分号多于一个");
    actual("80)", "unreadable", "括号不成对");
    weight("(5)", "unreadable", "会计记法");
    weight("@SUM(A1)", "unreadable", "Excel 公式");
    target("<b>100</b>", "unreadable", "网页标记");
    target("--100", "unreadable", "两个正负号");
}

/// A 定性 level word is never a number (`一般` was read as 1 with unit 般), and where a level
/// is expected it is read as the level it stands for.
#[test]
fn level_words_are_levels_never_numbers() {
    for word in [
        "一般",
        "较好",
        "好",
        "较差",
        "差",
        "优",
        "良",
        "中",
        "达成",
        "部分达成",
        "未达成",
        "达成年度指标",
        "部分达成年度指标并具有一定效果",
        "未达成年度指标且效果较差",
    ] {
        actual(word, "unreadable", &format!("“{word}”是定性评价的用语"));
        weight(word, "unreadable", "定性评价的用语");
    }
    use jixiao::model::Level;
    for (word, level) in [
        ("好", Level::Met),
        ("较好", Level::Met),
        ("优", Level::Met),
        ("良", Level::Met),
        ("一般", Level::Partly),
        ("中", Level::Partly),
        ("部分达成年度指标并具有一定效果", Level::Partly),
        ("部分达成年度指标，并具有一定效果", Level::Partly),
        ("较差", Level::NotMet),
        ("差", Level::NotMet),
        ("未达成年度指标且效果较差", Level::NotMet),
    ] {
        assert_eq!(Level::parse(word), Some(level), "{word}");
        // As the actual of a 定性 leaf: the level's band checks the score typed.
        let mut leaf = Node::leaf("甲", "10", Some(Rule::Qualitative(Qualitative {})));
        leaf.actual = word.into();
        leaf.score = "7".into();
        leaf.reason = "部分完成".into();
        let calc = Calculator::new(sheet_with(leaf));
        let in_band = level == Level::Partly;
        assert_eq!(calc.score(0), Some(7.into()), "{word}");
        let outside = calc
            .diagnostics()
            .iter()
            .any(|d| d.problem.code() == "outside_level_band");
        assert_eq!(
            outside, !in_band,
            "{word}: 7 of 10 is in 部分达成's band only"
        );
    }
    // Words with the level after them, as a form's cell is pasted, give that level where
    // none is chosen; the words stay as typed.
    for (cell, in_band) in [
        ("2023-11-30前出台（部分达成）", true),
        ("已出台(部分达成)", true),
        ("已完成（未达成）", false),
    ] {
        let mut leaf = Node::leaf("甲", "10", Some(Rule::Qualitative(Qualitative {})));
        leaf.actual = cell.into();
        leaf.score = "7".into();
        leaf.reason = "部分完成".into();
        let calc = Calculator::new(sheet_with(leaf));
        let codes: Vec<_> = calc
            .diagnostics()
            .iter()
            .map(|d| d.problem.code())
            .collect();
        assert!(!codes.contains(&"no_level"), "{cell}: {codes:?}");
        assert_eq!(
            codes.contains(&"outside_level_band"),
            !in_band,
            "{cell}: {codes:?}"
        );
        assert_eq!(calc.node(0).unwrap().actual, cell);
    }
}

/// The advice to set 比较方式 to 定性 was given at a 分值 and at a 资金 or 汇总表 amount too,
/// none of which has a 比较方式, and at a 预算执行率 row's 预算数 and 执行数, which the rule
/// compares without one: there the word is said to be no figure, with what to write.
#[test]
fn a_level_word_advises_a_comparison_only_where_there_is_one() {
    let message = |calc: &Calculator, field: Field| {
        calc.diagnostics()
            .iter()
            .find(|d| matches!(d.at, Location::Node { field: f, .. } if f == field))
            .map(|d| d.message())
    };
    let mut calc = Calculator::new(sheet_with(ratio_leaf()));
    calc.set(0, Field::Weight, "一般").unwrap();
    calc.set(0, Field::Actual, "达成").unwrap();
    assert_eq!(
        message(&calc, Field::Weight).as_deref(),
        Some("分值无法识别：“一般”是定性评价的用语，不是数值：请填写数值")
    );
    assert!(message(&calc, Field::Actual).is_some_and(|m| m.ends_with("请把比较方式设为“定性”")));
    // A 预算执行率 row has 预算数 and 执行数 where the others have figures: no 比较方式 either.
    let mut budget = Node::leaf(
        "预算执行率",
        "10",
        Some(Rule::BudgetExecution(
            jixiao::rules::BudgetExecution::default(),
        )),
    );
    budget.target = "1,200.00".into();
    budget.actual = "达成".into();
    let calc = Calculator::new(sheet_with(budget));
    assert_eq!(
        message(&calc, Field::Actual).as_deref(),
        Some("实际完成值无法识别：“达成”是定性评价的用语，不是金额：此行按预算执行率计分，请在年度指标值填写全年预算数、在实际完成值填写全年执行数（如 1,200.00）")
    );
    // Its 分值 is points, as any row's.
    let mut calc = calc;
    calc.set(0, Field::Weight, "较好").unwrap();
    assert_eq!(
        message(&calc, Field::Weight).as_deref(),
        Some("分值无法识别：“较好”是定性评价的用语，不是数值：请填写数值")
    );
    let said = calc.diagnostics();
    let at_actual = said.iter().find(|d| {
        matches!(
            d.at,
            Location::Node {
                field: Field::Actual,
                ..
            }
        )
    });
    assert!(at_actual
        .is_some_and(|d| d.problem.code() == "unreadable"
            && d.severity() == jixiao::diagnostic::Severity::Error));
    let summary = summary_of(&[("较好", "100")]);
    let said: Vec<&str> = summary
        .diagnostics
        .iter()
        .filter(|d| d.code == "unreadable")
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(
        said,
        ["预算数无法识别：“较好”是定性评价的用语，不是数值：请填写数值"]
    );
}

/// A 汇总表 of projects with these 预算数 and 完成数, evaluated.
fn summary_of(amounts: &[(&str, &str)]) -> jixiao::report::Report {
    let mut s = Sheet::new(SheetKind::Summary);
    s.projects = amounts
        .iter()
        .map(|&(budget, spent)| jixiao::model::ProjectRow {
            project: "项目".into(),
            budget: budget.into(),
            spent: spent.into(),
            ..Default::default()
        })
        .collect();
    Calculator::new(s).report()
}

/// A tester's: a row whose 预算数 was blank or unreadable (`约420`, `—`) left the 合计, its 完成数
/// too, and the rate of the rest read as the table's, said only at that row's cell. The 合计
/// says how many rows it leaves out, where it is explained and printed, and stops saying it
/// once they are filled; an edit keeps the count as evaluating afresh does.
#[test]
fn a_summary_total_says_the_rows_it_leaves_out() {
    use jixiao::engine::ProjectField;
    let said = |report: &jixiao::report::Report| -> Vec<String> {
        report
            .diagnostics
            .iter()
            .filter(|d| d.code == "out_of_sums")
            .map(|d| format!("{:?} {}", d.at, d.message))
            .collect()
    };
    let report = summary_of(&[("约420", "404.25"), ("100.00", ""), ("200.00", "190.00")]);
    assert_eq!(report.summary.as_ref().unwrap().totals.budget, "200.00");
    assert_eq!(
        said(&report),
        ["Sheet 合计未计入2个项目：其预算数、完成数有一项空着或无法识别（见该行），预算数合计、完成数合计和预算完成率只含其余项目；补全后即计入"]
    );
    let mut s = Sheet::new(SheetKind::Summary);
    s.projects = vec![
        jixiao::model::ProjectRow {
            project: "项目".into(),
            budget: "—".into(),
            spent: "404.25".into(),
            ..Default::default()
        };
        2
    ];
    let mut calc = Calculator::new(s);
    calc.set_project(0, ProjectField::Budget, "420.00").unwrap();
    let report = calc.report();
    assert_eq!(said(&report).len(), 1, "{:?}", said(&report));
    assert!(said(&report)[0].contains("未计入1个项目"));
    calc.set_project(1, ProjectField::Budget, "420").unwrap();
    assert_eq!(said(&calc.report()), Vec::<String>::new());
    assert_eq!(calc.report(), Calculator::new(calc.to_sheet()).report());
}

/// A 汇总表 amount that is a formula copied as text was added into 合计 as 1.
#[test]
fn a_formula_as_a_summary_amount_stays_out_of_the_total() {
    let report = summary_of(&[("@SUM(A1)", "5"), ("420.00", "404.25"), ("100.00", "—")]);
    let summary = report.summary.expect("a 汇总表");
    // The row is left out of both sums: 404.25 ÷ 420.00, not (5 + 404.25) ÷ 420.00.
    assert_eq!(
        (
            summary.totals.budget.as_str(),
            summary.totals.spent.as_str(),
            summary.totals.rate.as_deref()
        ),
        ("420.00", "404.25", Some("96.25%"))
    );
    let at_budget = report
        .diagnostics
        .iter()
        .find(|d| {
            d.at == Location::Project {
                row: 0,
                field: jixiao::diagnostic::RowField::Budget,
            }
        })
        .expect("a finding at the budget");
    assert!(
        at_budget.message.contains("Excel 公式（@SUM(A1)）"),
        "{}",
        at_budget.message
    );
    // A budget without its spending (—) stays out too, and the blank is asked for.
    let at_spent = report
        .diagnostics
        .iter()
        .find(|d| {
            d.at == Location::Project {
                row: 2,
                field: jixiao::diagnostic::RowField::Spent,
            }
        })
        .expect("a finding at the blank 完成数");
    assert_eq!(at_spent.message, "请填写完成数");
}

/// The 汇总表's and the 资金 block's amounts are in 万元: a sheet's 预算执行率 typed in 元
/// (12,345,678.90元) reached the 汇总表 as 12,345,678.90 万元, its 合计 ten thousand times too
/// large, with nothing said. An amount in 元 or 亿元 is read in 万元, exactly; the column's own
/// unit typed in the cell changes nothing; a percentage is refused.
#[test]
fn an_amount_in_yuan_is_read_in_wan() {
    use jixiao::model::FundsRow;
    let report = summary_of(&[
        ("12,345,678.90元", "12,000,000元"),
        ("420.00万元", "404.25万"),
        ("100", "95%"),
        ("1,180.00（万元）", "0.118亿元"),
    ]);
    let summary = report.summary.expect("a 汇总表");
    // 1,234.567890 + 420.00 + 1,180.00; 1,200.00 + 404.25 + 1,180.00: the 合计 with every
    // place read, as the printed rows show them (`budget_exact`).
    assert_eq!(
        (
            summary.totals.budget.as_str(),
            summary.totals.spent.as_str()
        ),
        ("2,834.56789", "2,784.25")
    );
    assert_eq!(summary.rows[0].budget.as_deref(), Some("1,234.57"));
    assert_eq!(summary.rows[0].budget_exact.as_deref(), Some("1,234.56789"));
    let refused: Vec<(usize, String)> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == "amount_is_percent")
        .filter_map(|d| match d.at {
            Location::Project { row, .. } => Some((row, d.message.clone())),
            _ => None,
        })
        .collect();
    assert_eq!(
        refused,
        [(
            2,
            // The 汇总表's rate is its 预算完成率.
            "此处填金额（万元），“95%”是百分比：请填写金额，预算完成率由金额算出".to_string()
        )]
    );
    // The same in the 资金 block: 150,426,500元 of 16,061.02万元 is 93.66%.
    let mut sheet = Sheet::new(SheetKind::Department);
    sheet.funds = vec![FundsRow {
        name: "年度资金总额".into(),
        budget: "16,061.02万元".into(),
        spent: "150,426,500元".into(),
        ..FundsRow::default()
    }];
    let report = Calculator::new(sheet).report();
    assert_eq!(report.funds[0].rate.as_deref(), Some("93.66%"));
}

/// A tester's: a 资金 row typed `1032.43` (万元, as the forms' figures are) and `781.59元` gave
/// 0.01%, unwarned, where 75.70% was meant. Figures in units of different size more than ten
/// times apart once read in 万元 are said at the one whose unit is not the forms'; figures a
/// clerk mixed on purpose (16,061.02万元 and 150,426,500元, 93.66%), or just ten times apart
/// (the bound an indicator's figures are read by), are not.
#[test]
fn amounts_tenfold_apart_in_different_units_are_said() {
    use jixiao::diagnostic::RowField;
    use jixiao::model::FundsRow;
    let said = |report: &jixiao::report::Report| -> Vec<(String, String)> {
        report
            .diagnostics
            .iter()
            .filter(|d| d.code == "amount_units_differ")
            .map(|d| (format!("{:?}", d.at), d.message.clone()))
            .collect()
    };
    let mut sheet = Sheet::new(SheetKind::Project);
    let fund = |budget: &str, spent: &str| FundsRow {
        name: "年度资金总额".into(),
        budget: budget.into(),
        spent: spent.into(),
        ..FundsRow::default()
    };
    sheet.funds = vec![fund("1032.43", "781.59元")];
    let report = Calculator::new(sheet.clone()).report();
    assert_eq!(report.funds[0].rate.as_deref(), Some("0.01%"));
    let at = Location::Funds {
        row: 0,
        field: RowField::Spent,
    };
    assert_eq!(
        said(&report),
        [(
            format!("{at:?}"),
            "预算数以“万元（未写单位）”计，执行数以“元”计，换算成万元后相差超过十倍：请核对两格的单位是否写对".to_string()
        )]
    );
    let warning = report
        .diagnostics
        .iter()
        .find(|d| d.code == "amount_units_differ");
    assert_eq!(
        warning.map(|d| d.severity),
        Some(jixiao::diagnostic::Severity::Warning)
    );
    sheet.funds = vec![
        fund("16,061.02万元", "150,426,500元"),
        fund("420", "4,042,500元"),
        fund("100", "100,000元"),
    ];
    assert_eq!(said(&Calculator::new(sheet).report()), []);

    // The 汇总表 reads its amounts by the same rule: at the 预算数 where only it names a unit.
    let report = summary_of(&[
        ("1,000元", "90"),
        ("100", "100元"),
        ("1,180.00（万元）", "0.118亿元"),
    ]);
    let at: Vec<String> = said(&report).into_iter().map(|(at, _)| at).collect();
    let project = |row, field| format!("{:?}", Location::Project { row, field });
    assert_eq!(
        at,
        [project(0, RowField::Budget), project(1, RowField::Spent)]
    );
    // In the 汇总表's own words: its column is 完成数, not the 资金 block's 执行数.
    assert_eq!(
        said(&report)[1].1,
        "预算数以“万元（未写单位）”计，完成数以“元”计，换算成万元后相差超过十倍：请核对两格的单位是否写对"
    );
    let over = summary_of(&[("100", "120")]);
    let message = |code| {
        over.diagnostics
            .iter()
            .find(|d| d.code == code)
            .map(|d| d.message.as_str())
    };
    assert_eq!(
        message("spent_over_budget"),
        Some("完成数超过预算数，请核对")
    );
}

/// An amount with a size alone (1.2亿) was read as that many 万元, and one in another unit
/// (100美元, 100天) too, the 合计 wrong with nothing said; 1亿元 was read right. A size alone
/// is of 元, as 万 is read (404.25万 is 404.25 万元); another unit is refused at its cell.
#[test]
fn an_amount_with_a_size_alone_is_that_size_and_another_unit_is_refused() {
    use jixiao::model::FundsRow;
    let report = summary_of(&[("1.2亿", "1.1亿"), ("3百万", "200万"), ("5千", "0.4万元")]);
    let summary = report.summary.expect("a 汇总表");
    let row = |i: usize| {
        let r = &summary.rows[i];
        (r.budget.as_deref(), r.spent.as_deref())
    };
    assert_eq!(row(0), (Some("12,000.00"), Some("11,000.00")));
    assert_eq!(row(1), (Some("300.00"), Some("200.00")));
    assert_eq!(row(2), (Some("0.50"), Some("0.40")));
    assert_eq!(
        (
            summary.totals.budget.as_str(),
            summary.totals.spent.as_str()
        ),
        ("12,300.50", "11,200.40")
    );

    let refused = |report: &jixiao::report::Report| -> Vec<String> {
        report
            .diagnostics
            .iter()
            .filter(|d| d.code == "amount_not_yuan")
            .map(|d| format!("{:?} {}", d.at, d.message))
            .collect()
    };
    let report = summary_of(&[("100美元", "90"), ("100", "100天")]);
    let said = refused(&report);
    assert_eq!(said.len(), 2, "{said:?}");
    assert!(
        said[0].contains(
            "此处填金额（万元），“100美元”的单位不是元：请换算成万元填写，或写明元、万元、亿元"
        ),
        "{said:?}"
    );
    assert!(said[1].contains("“100天”的单位不是元"), "{said:?}");

    // The 资金 block: 1亿 of 1亿元, 9000万 of 9000万元, 3百万 and 200万.
    let mut sheet = Sheet::new(SheetKind::Department);
    let row = |budget: &str, spent: &str| FundsRow {
        name: "资金".into(),
        budget: budget.into(),
        spent: spent.into(),
        ..FundsRow::default()
    };
    sheet.funds = vec![
        row("1亿", "9000万"),
        row("1亿元", "9000万元"),
        row("100美元", "90"),
        row("3百万", "200万"),
    ];
    let report = Calculator::new(sheet).report();
    let rates: Vec<Option<&str>> = report.funds.iter().map(|f| f.rate.as_deref()).collect();
    assert_eq!(
        rates,
        [Some("90.00%"), Some("90.00%"), None, Some("66.67%")]
    );
    let said = refused(&report);
    assert!(
        said.len() == 1 && said[0].contains("“100美元”的单位不是元"),
        "{said:?}"
    );
}

/// A 预算执行率 in a row whose 计量单位 is 万元: 1200万 against 1,100 is 1,100 of 1,200 万元
/// (it was refused as 10,000 times apart), and so is 一千二百万, which was read as 12,000,000
/// against 1,100 and scored 0.01% with only a note.
#[test]
fn wan_written_in_a_wan_yuan_row_is_that_row_s_unit() {
    use jixiao::rules::BudgetExecution;
    for target in ["1200万", "一千二百万", "1,200", "1200万元"] {
        let mut leaf = Node::leaf(
            "预算执行率",
            "10",
            Some(Rule::BudgetExecution(BudgetExecution::default())),
        );
        leaf.unit = "万元".into();
        leaf.target = target.into();
        leaf.actual = "1,100".into();
        leaf.reason = "部分资金未拨付".into();
        let calc = Calculator::new(sheet_with(leaf));
        let report = calc.report();
        assert_eq!(report.nodes[0].rate.as_deref(), Some("91.67%"), "{target}");
        assert_eq!(report.nodes[0].score.as_deref(), Some("9.17"), "{target}");
    }
    // A 计量单位 of % is the rate's: the figures are compared by their own units.
    let mut leaf = Node::leaf(
        "预算执行率",
        "10",
        Some(Rule::BudgetExecution(BudgetExecution::default())),
    );
    leaf.unit = "%".into();
    leaf.target = "1200万".into();
    leaf.actual = "1,100".into();
    let calc = Calculator::new(sheet_with(leaf));
    assert!(calc
        .diagnostics()
        .iter()
        .any(|d| d.problem.code() == "unit_size_mismatch"));
}

#[test]
fn numbers_too_big_too_precise_or_malformed() {
    actual("99999999999999999999999999999", "unreadable", "数字太大");
    actual("1234567890123456", "unreadable", "整数部分超过15位");
    actual("1.23456789012345", "unreadable", "小数位数太多");
    actual("1,2,3", "unreadable", "千分位逗号位置不对");
    actual("12,34.5", "unreadable", "千分位逗号位置不对");
    actual("3,4", "unreadable", "千分位逗号位置不对");
    actual("1.2.3", "unreadable", "小数点多于一个");
    weight("99999999999999999999999999999", "unreadable", "数字太大");
    weight("1e400", "unreadable", "科学计数法");
    target("1.2.3", "unreadable", "小数点多于一个");
}

#[test]
fn empty_and_dashes_are_not_filled_in() {
    actual("", "missing", "请填写实际完成值");
    actual("   ", "missing", "请填写实际完成值");
    actual("—", "missing", "请填写实际完成值");
    actual("--", "missing", "请填写实际完成值");
    actual("/", "missing", "请填写实际完成值");
    weight("", "missing", "请填写分值");
    weight("——", "missing", "请填写分值");
}

#[test]
fn weights_that_cannot_be_weights() {
    weight("abc", "unreadable", NO_NUMBER);
    weight("-5", "negative", "分值不能为负数");
    weight("50%", "percent_weight", "分值应为分数");
    // A target typed in the 分值 column (a Word table's row split in two) scored as 20 points.
    weight("≥20人次", "weight_not_points", "分值“≥20人次”不是分数");
    weight(
        "20人次",
        "weight_not_points",
        "比较方式和单位请写在年度指标值中",
    );
    weight("20人次（含）", "weight_not_points", "不是分数");
    weight(">20分", "weight_not_points", "不是分数");
    target("abc", "unreadable", NO_NUMBER);
    target("≥", "unreadable", NO_NUMBER);
    target("0", "zero_target", "目标值为0");
    target("-0", "zero_target", "目标值为0");
    actual("80%", "percent_mismatch", "一个带%一个不带");
}

/// 20分 and 20（分） are points; a group's 分值 is held to the same rule as a leaf's.
#[test]
fn a_weight_in_points_is_one() {
    let mut calc = Calculator::new(sheet_with(ratio_leaf()));
    // A cap (a 加减分's bound) and a note in brackets are points too.
    for points in [
        "10分",
        "10（分）",
        "10",
        "≤10分",
        "不超过10分",
        "10分以内",
        "10（满分）",
        "10分（满分）",
    ] {
        calc.set(0, Field::Weight, points).unwrap();
        assert_eq!(calc.weight(0), Some(10.into()), "{points}");
    }
    let group = Node::group("产出指标", "≥30", vec![ratio_leaf()]);
    let calc = Calculator::new(sheet_with(group));
    let codes: Vec<&str> = calc
        .diagnostics_at(0)
        .iter()
        .map(|d| d.problem.code())
        .collect();
    assert_eq!(codes, ["weight_not_points"]);
}

#[test]
fn minus_zero_is_zero_and_never_shown_as_minus() {
    let mut calc = Calculator::new(sheet_with(ratio_leaf()));
    calc.set(0, Field::Actual, "-0").unwrap();
    let row = &calc.report().nodes[0];
    assert_eq!(row.score.as_deref(), Some("0.00"));
    assert_eq!(row.rate.as_deref(), Some("0.00%"));
    calc.set(0, Field::Weight, "-0").unwrap();
    assert_eq!(calc.report().nodes[0].score.as_deref(), Some("0.00"));
    assert_eq!(calc.report().totals.total.as_deref(), Some("20.00"));
}

/// A leaf with `rule`, its other cells set by `fill`.
fn rule_leaf(rule: Rule, fill: impl FnOnce(&mut Node)) -> Node {
    let mut n = Node::leaf("甲", "10", Some(rule));
    n.reason = "说明".into();
    fill(&mut n);
    n
}

#[track_caller]
fn rule_case(leaf: Node, field: Field, code: &str, fragment: &str) {
    let text = field_or_rule_text(&leaf, field);
    let calc = Calculator::new(load(&sheet_with(leaf).to_json()).expect("loads"));
    expect_finding(&calc, field, code, fragment, &text);
    assert_eq!(
        calc.score(1),
        Some(20.into()),
        "the other leaf still scores"
    );
    assert_eq!(
        field_or_rule_text(&calc.to_sheet().indicators[0], field),
        text
    );
}

fn field_or_rule_text(n: &Node, field: Field) -> String {
    match field {
        Field::Rule => serde_json::to_string(&n.rule).unwrap(),
        Field::Level => format!("{:?}", n.level),
        other => field_text(n, other).to_string(),
    }
}

fn step(step: &str, points: &str) -> Rule {
    Rule::Step(Step {
        threshold: Default::default(),
        step: step.into(),
        points: points.into(),
        inclusive: true,
    })
}

fn band(min: &str, max: &str, points: &str) -> Band {
    Band {
        min: min.into(),
        max: max.into(),
        points: points.into(),
    }
}

#[test]
fn rule_parameters_and_answers_that_do_not_fit() {
    let with_actual = |rule: Rule, a: &str| {
        let a = jixiao::model::Text::from(a);
        rule_leaf(rule, move |n| {
            n.comparison = Some(jixiao::comparison::Comparison::AtMost);
            n.target = "0%".into();
            n.actual = a;
        })
    };
    rule_case(
        with_actual(step("0", "0.5"), "10%"),
        Field::Rule,
        "step_not_positive",
        "",
    );
    rule_case(
        with_actual(step("abc", "0.5"), "10%"),
        Field::Rule,
        "unreadable",
        NO_NUMBER,
    );
    rule_case(
        with_actual(step("5%", "1e400"), "10%"),
        Field::Rule,
        "unreadable",
        "科学计数法",
    );
    let occurrences = |a: &str| {
        let a = jixiao::model::Text::from(a);
        rule_leaf(
            Rule::PerOccurrence(PerOccurrence { points: "1".into() }),
            move |n| n.actual = a,
        )
    };
    rule_case(occurrences("若干"), Field::Actual, "unreadable", NO_NUMBER);
    rule_case(occurrences("2.5次"), Field::Actual, "not_a_count", "");
    rule_case(occurrences("-1"), Field::Actual, "not_a_count", "");
    let yes_no = |a: &str| {
        let a = jixiao::model::Text::from(a);
        rule_leaf(Rule::YesNo(YesNo {}), move |n| n.actual = a)
    };
    rule_case(yes_no("也许"), Field::Actual, "not_yes_no", "");
    rule_case(yes_no("100"), Field::Actual, "not_yes_no", "");
    let interval = |bands: Vec<Band>, a: &str| {
        let a = jixiao::model::Text::from(a);
        rule_leaf(
            Rule::Interval(Interval {
                basis: Default::default(),
                bands,
            }),
            move |n| n.actual = a,
        )
    };
    rule_case(
        interval(vec![band("90%", "80%", "5")], "85%"),
        Field::Rule,
        "bad_band",
        "",
    );
    rule_case(
        interval(vec![band("90%", "", "5")], "50%"),
        Field::Actual,
        "no_band",
        "",
    );
    let manual = |s: &str| {
        let s = jixiao::model::Text::from(s);
        rule_leaf(Rule::Manual(Manual {}), move |n| n.score = s)
    };
    rule_case(manual("12"), Field::Score, "score_out_of_range", "");
    rule_case(manual("-1"), Field::Score, "score_out_of_range", "");
    rule_case(manual("很好"), Field::Score, "unreadable", NO_NUMBER);
    let qualitative = |level: Option<jixiao::model::Level>, s: &str| {
        let s = jixiao::model::Text::from(s);
        rule_leaf(Rule::Qualitative(Qualitative {}), move |n| {
            n.level = level;
            n.score = s;
        })
    };
    rule_case(qualitative(None, "9"), Field::Level, "no_level", "");
    rule_case(
        qualitative(Some(jixiao::model::Level::Met), "5"),
        Field::Score,
        "outside_level_band",
        "",
    );
    let mut no_reason = manual("6");
    no_reason.reason.clear();
    rule_case(no_reason, Field::Reason, "missing_reason", "");
}

/// A file that cannot be opened: refused with this message, and nothing else happens.
#[track_caller]
fn file_refused(json: &str, fragment: &str) {
    let e = load(json).expect_err(json.get(..80.min(json.len())).unwrap_or(json));
    assert!(
        e.to_string().contains(fragment),
        "{:?} lacks {fragment:?}",
        e.to_string()
    );
    assert!(load_document(json).is_err());
}

const HEAD: &str = r#"{"format":"jixiao-sheet","version":1,"kind":"department","indicators":"#;

fn with_indicators(rest: &str) -> String {
    format!("{HEAD}{rest}}}")
}

#[test]
fn files_that_are_not_sheets() {
    file_refused("", "文件是空的");
    file_refused(" \n", "文件是空的");
    file_refused("你好", "不是有效的 JSON 文件");
    file_refused("null", "这不是 jixiao 评分表文件");
    file_refused("[]", "这不是 jixiao 评分表文件");
    file_refused("\"x\"", "这不是 jixiao 评分表文件");
    file_refused(
        r#"{"format":"excel","version":1}"#,
        "这不是 jixiao 评分表文件",
    );
    file_refused(
        r#"{"version":1,"indicators":[]}"#,
        "这不是 jixiao 评分表文件",
    );
    file_refused(
        &with_indicators(r#"[{"name":"a""#),
        "文件不完整（可能被截断）",
    );
    file_refused(
        r#"{"format":"jixiao-sheet","version":1,"kind":"department"} x"#,
        "不是有效的 JSON 文件",
    );
    file_refused(
        &with_indicators(r#"[{"name":"a","weight":NaN}]"#),
        "不是有效的 JSON 文件",
    );
}

#[test]
fn versions_from_the_future_and_nonsense_versions() {
    file_refused(
        r#"{"format":"jixiao-sheet","version":3}"#,
        "此文件由较新版本的 jixiao 保存（格式版本 3）",
    );
    file_refused(
        r#"{"format":"jixiao-sheet","version":999999999999}"#,
        "较新版本",
    );
    for v in ["\"1\"", "0", "-1", "1.5", "null"] {
        file_refused(
            &format!(r#"{{"format":"jixiao-sheet","version":{v}}}"#),
            "格式版本",
        );
    }
    file_refused(r#"{"format":"jixiao-sheet"}"#, "格式版本“（缺失）”");
}

#[test]
fn wrong_json_types_are_located_in_the_file() {
    file_refused(
        &with_indicators("{}"),
        "位置 indicators（指标）：类型不对：应为数组",
    );
    file_refused(
        &with_indicators(r#"[{"name":"a","weight":true}]"#),
        "indicators[0].weight（分值）：类型不对",
    );
    file_refused(
        &with_indicators(r#"[{"name":"a","weight":[1]}]"#),
        "类型不对",
    );
    file_refused(
        &with_indicators(r#"[{"name":"a","children":"x"}]"#),
        "indicators[0].children（下级指标）：类型不对",
    );
    file_refused(
        &with_indicators(r#"[{"name":"a","not_applicable":"yes"}]"#),
        "not_applicable（不适用）：类型不对：应为true 或 false",
    );
    file_refused(
        &with_indicators(r#"[{"name":"a","rule":{"kind":"magic"}}]"#),
        "rule.kind（计分规则类型）：取值“magic”无法识别",
    );
    file_refused(
        &with_indicators(r#"[{"name":"a","rule":{"step":"5"}}]"#),
        "缺少必填字段“kind”",
    );
    file_refused(
        &with_indicators(r#"[{"name":"a","rule":{"kind":"step"}}]"#),
        "缺少必填字段“step”（步长）",
    );
    file_refused(
        &with_indicators(r#"[{"name":"a","rule":{"kind":"yes_no","step":"5%"}}]"#),
        "未知字段“step”",
    );
    file_refused(
        &with_indicators(r#"[{"name":"a","rule":{"kind":"interval"}}]"#),
        "缺少必填字段“bands”（区间表）",
    );
    file_refused(
        &with_indicators(r#"[{"name":"a","comparison":"约"}]"#),
        "comparison（比较方式）：取值“约”无法识别",
    );
    file_refused(
        &with_indicators(r#"[{"name":"a","level":"很好"}]"#),
        "level（达成程度）：取值“很好”无法识别",
    );
    file_refused(
        r#"{"format":"jixiao-sheet","version":1,"kind":"budget"}"#,
        "kind（表格类型）：取值“budget”无法识别",
    );
    file_refused(
        &with_indicators(r#"[{"name":"a","wieght":"5"}]"#),
        "未知字段“wieght”",
    );
    file_refused(
        &with_indicators(r#"[{"name":"a","name":"b"}]"#),
        "字段“name”出现了两次",
    );
}

#[test]
fn damaged_files_say_what_is_damaged() {
    file_refused(
        &with_indicators(r#"[{"name":"a","weight":1e400}]"#),
        "indicators[0].weight（分值）：有超出可表示范围的数字",
    );
    file_refused(
        &with_indicators(r#"[{"name":"\ud800"}]"#),
        "含有无效的 Unicode 字符",
    );
    file_refused(
        &with_indicators("[{\"name\":\"a\u{1}\"}]"),
        "未转义的控制字符",
    );
    let deep = format!(
        "{}[]{}",
        r#"[{"name":"a","children":"#.repeat(200),
        "}]".repeat(200)
    );
    file_refused(&with_indicators(&deep), "嵌套");
}

#[test]
fn a_file_of_50_mb_is_refused_before_it_is_read() {
    let big = format!(
        r#"{{"format":"jixiao-sheet","version":1,"kind":"department","meta":{{"title":"{}"}}}}"#,
        "很".repeat(50 * 1024 * 1024 / 3)
    );
    file_refused(&big, "文件太大（50 MB），最多支持 32 MB");
}

#[test]
fn a_workbook_opened_as_a_sheet_is_named_for_what_it_is() {
    let workbook = jixiao::workbook::Workbook::new("工作簿").to_json();
    assert!(load(&workbook)
        .unwrap_err()
        .to_string()
        .contains("这不是 jixiao 评分表文件"));
    assert!(matches!(
        load_document(&workbook),
        Ok(jixiao::load::Document::Workbook(_))
    ));
}

#[test]
fn duplicate_ids_are_flagged_at_the_second_row_and_both_still_score() {
    let mut a = ratio_leaf();
    a.id = Some("A1".into());
    let mut b = ratio_leaf();
    b.id = Some("A1".into());
    b.name = "丙".into();
    let mut s = sheet_with(a);
    s.indicators.push(b);
    s.settings.total_weight = "40".into();
    let calc = Calculator::new(load(&s.to_json()).unwrap());
    let dup: Vec<_> = calc
        .diagnostics()
        .into_iter()
        .filter(|d| d.problem.code() == "duplicate_id")
        .collect();
    assert_eq!(dup.len(), 1);
    assert_eq!(
        dup[0].at,
        Location::Node {
            node: 2,
            field: Field::Id
        }
    );
    assert!(dup[0].message().contains("A1"));
    assert_eq!(calc.score(0), Some(8.into()));
    assert_eq!(calc.score(2), Some(8.into()));
}

/// A 预算执行率 typed with figures of its own that the 资金情况 block states otherwise: said at
/// the row's cell, loaded or typed, and the row still scores from what it holds.
#[test]
fn a_budget_row_that_the_funds_block_contradicts_is_said_at_the_cell() {
    let leaf = rule_leaf(
        Rule::BudgetExecution(jixiao::rules::BudgetExecution::default()),
        |n| {
            n.target = "100.00".into();
            n.actual = "90.00".into();
            n.unit = "万元".into();
        },
    );
    let mut s = sheet_with(leaf);
    s.funds = vec![jixiao::model::FundsRow {
        name: "部门整体支出".into(),
        budget: "100.00".into(),
        spent: "95.00".into(),
        ..Default::default()
    }];
    let mut calc = Calculator::new(load(&s.to_json()).expect("loads"));
    let fragment = "本行的执行数90.00万元与资金情况“部门整体支出”的全年执行数95.00万元不一致";
    expect_finding(
        &calc,
        Field::Actual,
        "budget_funds_mismatch",
        fragment,
        "90.00",
    );
    assert_eq!(calc.score(0), Some(9.into()));
    assert_eq!(
        calc.score(1),
        Some(20.into()),
        "the other leaf still scores"
    );
    s.funds[0].spent = "90".into();
    let mut agreed = Calculator::new(s);
    calc.set_fund(0, jixiao::engine::FundField::Spent, "90")
        .unwrap();
    assert_eq!(calc.report(), agreed.report(), "typed and loaded agree");
    assert!(calc
        .diagnostics()
        .iter()
        .all(|d| d.problem.code() != "budget_funds_mismatch"));
    // Typed at the row, the other way.
    agreed.set(0, Field::Actual, "90.5").unwrap();
    expect_finding(
        &agreed,
        Field::Actual,
        "budget_funds_mismatch",
        "90.50万元",
        "90.5",
    );
}

#[test]
fn settings_that_cannot_be_read_are_reported_and_defaults_used() {
    let s = load(
        r#"{"format":"jixiao-sheet","version":1,"kind":"department","settings":{"total_weight":"abc"},
            "indicators":[{"name":"a","weight":"10","rule":{"kind":"yes_no"},"actual":"是"}]}"#,
    )
    .unwrap();
    let calc = Calculator::new(s);
    let d = calc
        .diagnostics()
        .into_iter()
        .find(|d| matches!(d.at, Location::Setting { .. }))
        .expect("a setting diagnostic");
    assert!(d.message().contains("总分值"), "{}", d.message());
    assert_eq!(calc.report().totals.total.as_deref(), Some("10.00"));
}

#[test]
fn refused_edits_name_the_problem_and_change_nothing() {
    let cases: [(usize, Field, &str, &str); 5] = [
        (0, Field::Comparison, "大约", "比较方式“大约”无法识别"),
        (0, Field::Level, "很好", "达成程度“很好”无法识别"),
        (0, Field::NotApplicable, "也许", "“不适用”应为 是 或 否"),
        (0, Field::Rule, "{bad json", "计分规则无法识别"),
        (99, Field::Actual, "1", "没有第99行指标"),
    ];
    for (row, field, value, fragment) in cases {
        let mut calc = Calculator::new(sheet_with(ratio_leaf()));
        let before = calc.to_sheet().to_json();
        let e = calc.set(row, field, value).unwrap_err();
        assert!(e.to_string().contains(fragment), "{e} lacks {fragment}");
        assert_eq!(calc.to_sheet().to_json(), before);
    }
}

// ---------------------------------------------------------------------------------------------
// Files as disks and other programs give them (issue 15, item 5): sheet files in UTF-16 are
// read, in GBK or Latin-1 refused at their first bad byte; a CSV whose quote never closes is
// refused at the quote; reading stops one byte past the size limit; the system's errors are
// said in Chinese.
// ---------------------------------------------------------------------------------------------

mod files_as_they_arrive {
    use jixiao::files::{read, read_at_most, Access, FileError};
    use jixiao::load::{file_text, load_document, Document, LoadError, MAX_FILE_BYTES};
    use jixiao::xlsx::{import_auto, SpreadsheetError};
    use std::io::{self, ErrorKind, Read};

    const SHEET: &str = "{\"format\":\"jixiao-sheet\",\"version\":1,\"kind\":\"project\",\n\"meta\":{\"project\":\"绿化养护\"},\"indicators\":[{\"name\":\"满意度\",\"weight\":\"10\",\"rule\":{\"kind\":\"yes_no\"},\"actual\":\"是\"}]}";

    fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
        let mark = if big_endian {
            [0xfe, 0xff]
        } else {
            [0xff, 0xfe]
        };
        mark.into_iter()
            .chain(text.encode_utf16().flat_map(move |u| {
                if big_endian {
                    u.to_be_bytes()
                } else {
                    u.to_le_bytes()
                }
            }))
            .collect()
    }

    #[test]
    fn a_sheet_file_in_utf16_with_its_mark_loads_as_its_utf8_text_does() {
        let expected = load_document(SHEET).unwrap();
        for big_endian in [false, true] {
            let bytes = utf16(SHEET, big_endian);
            let text = file_text(&bytes).unwrap();
            assert_eq!(load_document(&text).unwrap(), expected);
        }
        let Document::Sheet(sheet) = expected else {
            panic!("a sheet")
        };
        assert_eq!(sheet.meta.project, "绿化养护");
        // A UTF-8 mark is kept for the loader, which reads past it.
        let marked = [&b"\xef\xbb\xbf"[..], SHEET.as_bytes()].concat();
        assert!(load_document(&file_text(&marked).unwrap()).is_ok());
    }

    #[test]
    fn gbk_and_latin1_sheet_files_are_refused_at_their_first_bad_byte() {
        let (gbk, _, _) = encoding_rs::GBK.encode(SHEET);
        assert_eq!(
            file_text(&gbk),
            Err(LoadError::NotUtf8 {
                line: 2,
                column: 20
            })
        );
        let latin1 = b"{\"format\":\"jixiao-sheet\",\"meta\":{\"project\":\"Caf\xe9\"}}";
        assert_eq!(
            file_text(latin1).unwrap_err().to_string(),
            "文件不是 UTF-8 编码：第1行第48列有无法识别的字节（请用 jixiao 保存的文件，或在编辑器中另存为 UTF-8）"
        );
        // A UTF-16 file cut in the middle of a character.
        let mut cut = utf16(SHEET, false);
        cut.pop();
        assert!(matches!(
            file_text(&cut),
            Err(LoadError::NotUtf16 { line: 2, .. })
        ));
    }

    #[test]
    fn a_csv_with_an_unclosed_quote_is_refused_at_the_line_of_the_quote() {
        let unclosed = "指标名称,分值,得分\n预算执行率,10,9\n\"满意度,20,18\n产出数量,70,65\n";
        match import_auto(unclosed.as_bytes(), "表.csv") {
            Err(SpreadsheetError::BadCsv { line, detail }) => {
                assert_eq!(line, 3);
                assert!(detail.contains("引号"), "{detail}");
            }
            other => panic!("an unclosed quote was read: {other:?}"),
        }
        // A quoted cell over two lines, and quotes doubled inside one, are fine.
        let closed = "指标名称,分值,得分\n\"预算\n执行率\",10,9\n\"满意度 \"\"高\"\"\",90,85\n";
        let Ok(Document::Sheet(sheet)) = import_auto(closed.as_bytes(), "表.csv") else {
            panic!("a well-formed CSV")
        };
        let names: Vec<&str> = sheet.indicators.iter().map(|n| n.name.as_str()).collect();
        assert_eq!(names, ["预算\n执行率", "满意度 \"高\""]);
    }

    /// A source that never ends, counting what was taken from it.
    struct Endless {
        given: usize,
    }

    impl Read for Endless {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            buf.fill(b' ');
            self.given += buf.len();
            Ok(buf.len())
        }
    }

    #[test]
    fn the_reader_stops_one_byte_past_its_limit() {
        let mut endless = Endless { given: 0 };
        assert_eq!(
            read_at_most(&mut endless, 1000),
            Err(FileError::TooLarge {
                size: None,
                limit: 1000
            })
        );
        assert_eq!(endless.given, 1001);
        assert_eq!(read_at_most(&b"12345"[..], 5), Ok(b"12345".to_vec()));

        let dir = tempfile::tempdir().unwrap();
        // A file the system knows is too large is refused by its size, before reading.
        let big = dir.path().join("big.json");
        std::fs::File::create(&big)
            .unwrap()
            .set_len(MAX_FILE_BYTES as u64 + 1)
            .unwrap();
        assert_eq!(
            read(&big).unwrap_err().to_string(),
            "文件太大（32.0 MB），最多支持 32 MB"
        );
        #[cfg(unix)]
        {
            let zero = dir.path().join("zero.json");
            std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
            assert_eq!(
                read(&zero),
                Err(FileError::TooLarge {
                    size: None,
                    limit: MAX_FILE_BYTES as u64
                })
            );
        }
    }

    #[test]
    fn the_systems_errors_are_said_in_chinese() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(
            read(&dir.path().join("missing.json")),
            Err(FileError::NotFound)
        );
        assert_eq!(read(dir.path()), Err(FileError::IsDirectory));
        // Permission is checked by kind: the tests may run as root, whom no file refuses.
        for (kind, access, message) in [
            (ErrorKind::PermissionDenied, Access::Read, "没有读取权限"),
            (ErrorKind::PermissionDenied, Access::Write, "没有写入权限"),
            (ErrorKind::NotFound, Access::Write, "要写入的文件夹不存在"),
            (
                ErrorKind::IsADirectory,
                Access::Write,
                "这是一个文件夹，不是文件",
            ),
        ] {
            let said = FileError::from_io(&io::Error::from(kind), access).to_string();
            assert!(said.starts_with(message), "{kind:?}: {said}");
        }
    }
}

/// A 汇总表 score typed with three places was counted and graded as rounded (59.995 as 60.00,
/// 中) with nothing said, the cell showing 59.995: a grade across a band's edge unseen.
#[test]
fn a_summary_score_with_more_places_than_kept_is_said_rounded() {
    let mut s = Sheet::new(SheetKind::Summary);
    s.projects = ["59.995", "82.1", "80"]
        .iter()
        .map(|score| jixiao::model::ProjectRow {
            project: format!("项目{score}").as_str().into(),
            score: (*score).into(),
            ..Default::default()
        })
        .collect();
    let report = Calculator::new(s).report();
    let rounded: Vec<(&Location, &str)> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == "score_rounded")
        .map(|d| (&d.at, d.message.as_str()))
        .collect();
    assert_eq!(rounded.len(), 1, "{rounded:?}");
    assert_eq!(
        rounded[0].0,
        &Location::Project {
            row: 0,
            field: jixiao::diagnostic::RowField::Score
        }
    );
    assert!(rounded[0].1.contains("按四舍五入后的60.00计算合计和等级"));
    assert_eq!(report.summary.unwrap().rows[0].grade.as_deref(), Some("中"));
}

/// Found by a tester: 2公里 against 1500米 scored full marks with a 完成率 of 75000%, as did 吨
/// against 千克 and 平方公里 against 平方米, and a 计量单位 written （万元） against 900000元.
/// Said at the actual's cell, with how far apart the two units are.
#[test]
fn units_of_one_kind_in_other_words_are_said_at_the_actual() {
    for (unit, target, actual, times) in [
        (
            "",
            "2公里",
            "1500米",
            "“公里”，实际完成值的是“米”，相差1000倍",
        ),
        ("", "2吨", "1500千克", "相差1000倍"),
        ("", "3平方公里", "2500000平方米", "相差1000000倍"),
        ("", "100亩", "6公顷", "相差15倍"),
        ("", "100亩", "60000平方米", "相差约666.67倍"),
        (
            "",
            "2升",
            "1500毫升",
            "“升”，实际完成值的是“毫升”，相差1000倍",
        ),
        ("", "100斤", "60公斤", "“斤”，实际完成值的是“公斤”，相差2倍"),
        ("", "1万斤", "4吨", "相差5倍"),
        ("", "3斤", "1200克", "相差500倍"),
        (
            "（万元）",
            "100",
            "900000元",
            "“（万元）”，实际完成值的是“元”，相差10000倍",
        ),
        ("公里", "2", "1500 米", "相差1000倍"),
    ] {
        let mut leaf = ratio_leaf();
        leaf.unit = unit.into();
        leaf.target = target.into();
        cell_case(leaf, Field::Actual, actual, "unit_size_mismatch", times);
    }
}

/// Units that measure different things are said at the actual, each with what it measures.
#[test]
fn units_of_different_measures_are_said_at_the_actual() {
    for (unit, target, actual, said) in [
        (
            "",
            "≤40万元",
            "41个",
            "“万元”计（金额），实际完成值以“个”计（数量）",
        ),
        (
            "",
            "≥3000人次",
            "3150 天",
            "“人次”计（数量），实际完成值以“天”计（时间）",
        ),
        (
            "",
            "≥95%",
            "98人",
            "“%”计（百分比），实际完成值以“人”计（数量）",
        ),
        (
            "",
            "2公里",
            "3亩",
            "“公里”计（长度），实际完成值以“亩”计（面积）",
        ),
        ("人次", "3000", "3150天", "请填写以“人次”计的实际完成值"),
    ] {
        let mut leaf = ratio_leaf();
        leaf.unit = unit.into();
        leaf.target = target.into();
        cell_case(leaf, Field::Actual, actual, "unit_kind_mismatch", said);
    }
}

/// A 千分之 or 万分之 with no number after it says where the number goes.
#[test]
fn a_fraction_word_after_its_number_is_said() {
    actual("5千分之", "unreadable", "“千分之”后面没有数字");
    actual("--五", "unreadable", "数字前有两个正负号");
}

/// An approximation (约, 近, 余, 多, 左右) is refused at its cell, saying the word and what to
/// write; the rest of the sheet still computes.
#[test]
fn an_approximate_figure_is_refused_at_its_cell() {
    actual(
        "约3,405.85左右？",
        "unreadable",
        "实际完成值无法识别：“约3,405.85左右?”是概数（“约”“左右”），不能当作确切数值计分：请按实际填写确切数值，如“3,405.85”",
    );
    actual("近100", "unreadable", "“近100”是概数（“近”）");
    actual("将近100", "unreadable", "是概数（“将近”）");
    actual("100多", "unreadable", "是概数（“多”）");
    actual("培训100余人次", "unreadable", "如“培训100人次”");
    actual("3000户左右", "unreadable", "如“3000户”");
    actual(
        "12月前后",
        "unreadable",
        "“12月前后”是概数（“前后”），不能当作确切数值计分：请按实际填写确切数值，如“12月”",
    );
    actual("超100人", "unreadable", "“超100人”是概数（“超”）");
    actual("100多(含)", "unreadable", "“100多(含)”是概数（“多”）");
    target("100余人", "unreadable", "“100余人”是概数（“余”）");
    target("约95%", "unreadable", "如“95%”");
    weight("约10", "unreadable", "是概数（“约”）");
}

/// The 资金 block refuses an approximate amount as one, not as a unit that is not money.
#[test]
fn an_approximate_amount_is_refused_as_one() {
    use jixiao::model::FundsRow;
    let mut sheet = Sheet::new(SheetKind::Department);
    sheet.funds = vec![
        FundsRow {
            name: "资金".into(),
            budget: "100万元左右".into(),
            spent: "90".into(),
            ..FundsRow::default()
        },
        FundsRow {
            name: "资金".into(),
            budget: "100".into(),
            spent: "90".into(),
            ..FundsRow::default()
        },
    ];
    let report = Calculator::new(sheet).report();
    let rates: Vec<Option<&str>> = report.funds.iter().map(|f| f.rate.as_deref()).collect();
    assert_eq!(rates, [None, Some("90.00%")]);
    let said: Vec<(&str, &str)> = report
        .diagnostics
        .iter()
        .map(|d| (d.code, d.message.as_str()))
        .collect();
    assert!(
        said.iter().any(|(code, message)| *code == "unreadable"
            && message.contains("“100万元左右”是概数（“左右”）")),
        "{said:?}"
    );
}

/// The cell suggested for an approximation reads as its figure: with every word taken out
/// (3000余户左右 gave 3000户左右, itself refused), a bracketed word with its brackets, else
/// the figure alone.
#[test]
fn an_approximations_suggestion_reads_as_its_figure() {
    actual(
        "3000余户左右",
        "unreadable",
        "是概数（“余”“左右”），不能当作确切数值计分：请按实际填写确切数值，如“3000户”",
    );
    actual(
        "3000户（左右）",
        "unreadable",
        "是概数（“左右”），不能当作确切数值计分：请按实际填写确切数值，如“3000户”",
    );
    actual("（3000户左右）", "unreadable", "如“3000户”");
    actual(
        "100（约）",
        "unreadable",
        "“100(约)”是概数（“约”），不能当作确切数值计分：请按实际填写确切数值，如“100”",
    );
    actual("3000户左右…", "unreadable", "如“3000户”");
    // A word standing for digits leaves no figure to give as an example (it gave 如“十人”).
    for cell in ["数十人", "几十人", "上千人", "十几人", "约数十人"] {
        let said = jixiao::cell::parse_cell(cell).unwrap_err().to_string();
        assert!(
            said.ends_with("不能当作确切数值计分：请按实际填写确切数值"),
            "{said}"
        );
    }
}
