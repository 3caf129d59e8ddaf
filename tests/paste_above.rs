//! A whole 自评表 pasted at the indicator table: the lines above its header (项目名称, 主管部门,
//! 实施单位, the 资金 block) land where opening a file with them puts them.

use jixiao::engine::report::Report;
use jixiao::engine::Calculator;
use jixiao::model::{Sheet, SheetKind};
use jixiao::xlsx::{self, build, detect};

/// Rows of cells, one line a row, its cells between `|`, as the page hands a block to the core.
fn block(lines: &[&str]) -> xlsx::Spreadsheet {
    let cells = lines
        .iter()
        .map(|l| l.split('|').map(str::to_string).collect())
        .collect();
    xlsx::Spreadsheet::of_cells("粘贴的内容", cells)
}

/// `lines` pasted at row `at` of `sheet` as the page pastes a block with a header.
fn paste(sheet: &mut Sheet, at: usize, lines: &[&str]) -> xlsx::Pasted {
    let block = block(lines);
    let mapping = detect(&block).tables[0].mapping.clone().expect("a header");
    let read = build(&block, &mapping).unwrap();
    xlsx::paste(sheet, Some(at), xlsx::top_depth(&mapping), 0, read)
}

/// The 预算执行率's score in `report`.
fn budget_score(report: &Report) -> Option<&str> {
    report
        .nodes
        .iter()
        .find(|n| n.name == "预算执行率")?
        .score
        .as_deref()
}

fn project() -> Sheet {
    jixiao::templates::find("project").unwrap().sheet()
}

/// A unit's 自评表 copied whole: its title, 项目名称, 主管部门 and 实施单位, its 资金 block and
/// its indicators.
const FORM: [&str; 16] = [
    "XX社区居家养老服务项目支出绩效自评表（2025年度）||||||",
    "项目名称|XX社区居家养老服务项目|||||",
    "主管部门|XX区民政局||实施单位|XX街道办事处||",
    "项目资金|年初预算数|全年预算数|全年执行数|分值|执行率|得分",
    "年度资金总额|420.00|420.00|404.25|10|96.25%|9.63",
    "其中：当年财政拨款|400.00|400.00|390.00|—|—|—",
    "其中：上年结转资金|20.00|20.00|14.25|—|—|—",
    "||||||",
    "一级指标|二级指标|三级指标|年度指标值|实际完成值|分值|得分",
    "产出指标|数量指标|服务老人人数|≥3000人次|3150|25|25",
    "产出指标|数量指标|开展活动次数|≥24|22|25|22.92",
    "效益指标|社会效益指标|服务质量|优良|优良|30|30",
    "满意度指标|服务对象满意度指标|老人满意度|≥90%|92%|10|10",
    "合计||||||100",
    "||||||",
    "||||||",
];

/// Found pasting a whole form at the indicator table: only its indicators were taken, the
/// notice said nothing of the rest, 预算执行率 stayed 待计分 and the total lacked its 10 points.
#[test]
fn a_whole_form_pasted_fills_its_basic_information_and_funds() {
    let mut sheet = project();
    let done = paste(&mut sheet, 2, &FORM);
    let meta = &sheet.meta;
    assert_eq!(
        [
            &meta.project,
            &meta.department,
            &meta.unit,
            &meta.year,
            &meta.title
        ]
        .map(|s| s.as_str()),
        [
            "XX社区居家养老服务项目",
            "XX区民政局",
            "XX街道办事处",
            "2025",
            "XX社区居家养老服务项目支出绩效自评表（2025年度）"
        ]
    );
    let funds: Vec<String> = sheet
        .funds
        .iter()
        .map(|f| format!("{} {} {}", f.name, f.budget, f.spent))
        .collect();
    assert_eq!(
        funds,
        [
            "年度资金总额 420.00 404.25",
            "当年财政拨款 400.00 390.00",
            "上年结转资金 20.00 14.25"
        ]
    );
    assert_eq!(
        done.above,
        [
            "标题",
            "项目名称",
            "主管部门",
            "实施单位",
            "年度",
            "资金情况 3 行"
        ]
    );
    // The template's title is the form's: a field filled differently is listed as changed.
    assert_eq!(
        done.overwritten,
        ["标题 项目支出绩效自评表 → XX社区居家养老服务项目支出绩效自评表（2025年度）"]
    );
    let report = Calculator::new(sheet).report();
    assert_eq!(budget_score(&report), Some("9.63"));
    assert_eq!(report.totals.total.as_deref(), Some("97.55"));
}

/// Pasted again into a sheet with its own 资金 figures: the rows of the block's names are
/// filled, each figure changed listed; a name the sheet lacks is added after its rows.
#[test]
fn funds_above_a_block_fill_the_sheets_rows_of_their_names() {
    let mut sheet = project();
    sheet.funds[0].budget = "400.00".into();
    sheet.funds[0].spent = "404.25".into();
    let done = paste(&mut sheet, 2, &FORM);
    assert_eq!(
        done.overwritten[1..],
        ["年度资金总额的全年预算数 400.00 → 420.00"]
    );
    let names: Vec<&str> = sheet.funds.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(
        names,
        ["年度资金总额", "当年财政拨款", "上年结转资金", "其他资金"]
    );
    assert_eq!(sheet.funds[1].spent, "390.00");
    // Indicators alone, no lines above: nothing said of them.
    let done = paste(&mut sheet, 2, &FORM[8..10]);
    assert!(done.above.is_empty());
}

/// Found pasting the 资金 block alone at the indicator table: with no indicator header to
/// read, it was written cell by cell into indicator rows (项目资金 as an indicator's name,
/// 404.25 as a target). It is said to belong in 资金情况; a block of other figures is not.
#[test]
fn a_funds_block_pasted_at_the_indicators_is_said_to_belong_in_the_funds_table() {
    let said = |lines: &[&str]| {
        let cells: Vec<Vec<String>> = lines
            .iter()
            .map(|l| l.split('|').map(str::to_string).collect())
            .collect();
        xlsx::funds_block_notice(&cells)
    };
    assert_eq!(
        said(&FORM[3..7]).as_deref(),
        Some("粘贴的是项目资金栏（3 行）：资金不作为指标粘贴，请点“资金情况”表第一行的名称格再粘贴，或以“打开文件”导入整张表。未做任何改动。")
    );
    // The form's 项目资金 line copied alone, without its header, as the 资金 table reads it.
    assert_eq!(
        said(&["项目资金（万元）|年度资金总额|420|420|404.25"]).as_deref(),
        Some("粘贴的是项目资金栏（1 行）：资金不作为指标粘贴，请点“资金情况”表第一行的名称格再粘贴，或以“打开文件”导入整张表。未做任何改动。")
    );
    assert_eq!(said(&["100|80", "200|200"]), None);
    assert_eq!(said(&FORM[8..10]), None);
}

/// A tester's report: a 资金 block the 资金 table's reader refuses (a header of headings it does
/// not know, with its 项目资金 label or over the form's 资金 names) pasted at the indicator
/// table got no word: written cell by cell into indicator rows. It is said, with what to do.
#[test]
fn a_funds_block_the_reader_refuses_is_said_at_the_indicators() {
    let said = |lines: &[&str]| {
        let cells: Vec<Vec<String>> = lines
            .iter()
            .map(|l| l.split('|').map(str::to_string).collect())
            .collect();
        xlsx::funds_block_notice(&cells)
    };
    let refused = "粘贴的是项目资金栏，其表头中的“本年预算”“本年支出”未能识别，也未写明预算数列（年初预算数或全年预算数），无法判断各列是资金表的哪一列。请把“本年预算”“本年支出”改为“年初预算数”“全年预算数”“全年执行数”中对应的一个后，再点“资金情况”表第一行的名称格粘贴。资金不作为指标粘贴，未做任何改动。";
    assert_eq!(
        said(&["项目资金（万元）|本年预算|本年支出", "年度资金总额|200|190"]).as_deref(),
        Some(refused)
    );
    assert_eq!(
        said(&[
            "资金来源|本年预算|本年支出",
            "年度资金总额|200|190",
            "其中：财政拨款|200|190"
        ])
        .as_deref(),
        Some(refused)
    );
    // Its headings all known, 全年执行数 alone: the budget column it lacks is said, not a
    // heading to rename to what it is.
    assert_eq!(
        said(&["资金来源|全年执行数", "其他资金|90"]).as_deref(),
        Some("粘贴的是项目资金栏，其表头未写明预算数列（年初预算数或全年预算数），无法判断各列是资金表的哪一列。请在表头中加上“年初预算数”或“全年预算数”列后，再点“资金情况”表第一行的名称格粘贴。资金不作为指标粘贴，未做任何改动。")
    );
    // Only the heading it does not know (年初预算 over figures) is named.
    assert_eq!(
        said(&["项目资金|年初预算|全年预算数|全年执行数", "年度资金总额|200|200|190"]).as_deref(),
        Some("粘贴的是项目资金栏，其表头中的“年初预算”未能识别，无法判断各列是资金表的哪一列。请把“年初预算”改为“年初预算数”“全年预算数”“全年执行数”中对应的一个后，再点“资金情况”表第一行的名称格粘贴。资金不作为指标粘贴，未做任何改动。")
    );
    // A name column's heading is no refusal: the block is read, and said as a 资金 block.
    assert_eq!(
        said(&["序号|资金来源|年初预算数|全年预算数|全年执行数", "1|年度资金总额|200|200|190"]).as_deref(),
        Some("粘贴的是项目资金栏（1 行）：资金不作为指标粘贴，请点“资金情况”表第一行的名称格再粘贴，或以“打开文件”导入整张表。未做任何改动。")
    );
    assert_eq!(
        said(&["项目资金|年初预算数|全年预算数|全年执行数", ""]).as_deref(),
        Some("粘贴的是项目资金栏的表头，其下没有资金行：资金不作为指标粘贴。未做任何改动。")
    );
}

/// Indicators alone under the 资金 block (no 一级 / 二级 columns), pasted among a group's
/// rows: the 预算执行率 the block's 分值 scores is the sheet's own row, not a second one
/// among the pasted indicators; a sheet without one gets it first, as a file opened does.
#[test]
fn the_funds_blocks_budget_row_is_the_sheets_own() {
    let mut lines: Vec<&str> = FORM[..8].to_vec();
    lines.extend([
        "三级指标|年度指标值|实际完成值|分值|得分",
        "服务老人人数|≥3000人次|3150|25|25",
    ]);
    let budget_rows = |sheet: Sheet| {
        let calc = Calculator::new(sheet);
        let rows: Vec<String> = (0..calc.len())
            .map(|i| (calc.depth(i), calc.node(i).unwrap()))
            .filter(|(_, n)| n.name == "预算执行率")
            .map(|(depth, n)| format!("{depth} {} {:?}", n.weight, calc.score(0)))
            .collect();
        rows.join("; ")
    };
    let mut sheet = project();
    let done = paste(&mut sheet, 3, &lines);
    assert_eq!((done.added, done.filled, done.first), (1, 1, Some(3)));
    assert_eq!(budget_rows(sheet), "0 10 Some(9.63)");
    let mut sheet = project();
    sheet.indicators.remove(0);
    let done = paste(&mut sheet, 2, &lines);
    assert_eq!((done.added, done.filled, done.first), (2, 0, Some(3)));
    assert_eq!(budget_rows(sheet), "0 10 Some(9.63)");
}

/// A reviewer pasted a form from its 项目资金 row down: the 资金 block's label became the
/// sheet's title, and its 资金总额 a second top-level row beside the sheet's 年度资金总额, so
/// the 预算执行率 stayed scored from the sheet's 100 / 90. The block's top row fills the
/// sheet's, whatever each calls it; a line is the title only if it is one.
#[test]
fn a_form_pasted_from_its_funds_block_keeps_the_title_and_fills_the_top_funds_row() {
    let mut sheet = project();
    sheet.funds[0].budget = "100".into();
    sheet.funds[0].spent = "90".into();
    let done = paste(
        &mut sheet,
        2,
        &[
            "项目资金（万元）|年初预算数|全年预算数|全年执行数|分值|",
            "资金总额|200|200|150|10|",
            "其中：当年财政拨款|200|200|150||",
            "一级指标|二级指标|三级指标|年度指标值|实际完成值|分值",
            "产出指标|数量指标|培训人次|≥500|520|10",
        ],
    );
    assert_eq!(sheet.meta.title, "项目支出绩效自评表");
    assert_eq!(
        done.overwritten,
        [
            "年度资金总额的全年预算数 100 → 200",
            "年度资金总额的全年执行数 90 → 150"
        ]
    );
    let funds: Vec<String> = sheet
        .funds
        .iter()
        .map(|f| format!("{} {} {} {}", f.name, f.part, f.budget, f.spent))
        .collect();
    assert_eq!(
        funds[..2],
        ["年度资金总额 false 200 150", "当年财政拨款 true 200 150"]
    );
    assert_eq!(funds.len(), project().funds.len());
    assert_eq!(budget_score(&Calculator::new(sheet).report()), Some("7.50"));
    // A second reviewer's: a block of funds without a total (no 资金总额, no 其中) put
    // 财政拨款's 100 / 90 in 年度资金总额, scoring 9.00 from one fund. Its rows are matched by
    // name: the sheet's total, and the 7.50 scored from it, stay.
    let (mut sheet, head) = (project(), "项目资金|年初预算数|全年预算数|全年执行数|分值");
    (sheet.funds[0].budget, sheet.funds[0].spent) = ("200".into(), "150".into());
    let lines = [
        head,
        "财政拨款|100|100|90|",
        "其他资金|20|20|10|",
        "三级指标|分值",
        "培训|10",
    ];
    let done = paste(&mut sheet, 2, &lines);
    let funds = sheet
        .funds
        .iter()
        .map(|f| format!("{} {} {}", f.name, f.budget, f.spent));
    let funds: Vec<String> = funds.collect();
    assert_eq!(
        (funds[0].as_str(), &funds[4..], done.overwritten.len()),
        (
            "年度资金总额 200 150",
            &["财政拨款 100 90".to_string(), "其他资金 20 10".into()][..],
            0
        )
    );
    assert_eq!(budget_score(&Calculator::new(sheet).report()), Some("7.50"));
}

/// What a file's first line above its header is taken for the title: its first text, merged
/// across the line or not, a corner note beside it or not; never a label with its value beside
/// it, a 资金 block's header or row, or a 附件1. A second reviewer found real titles lost (and
/// the kind and year they name) beside a corner note, or typed as `项目名称：…`.
#[test]
fn only_a_title_is_taken_for_the_title() {
    let read = |above: &[&str]| {
        let mut lines = above.to_vec();
        lines.extend([
            "三级指标|年度指标值|实际完成值|分值",
            "培训人次|≥500|520|10",
        ]);
        let block = block(&lines);
        let mapping = detect(&block).tables[0].mapping.clone().expect("a header");
        build(&block, &mapping).unwrap()
    };
    let title = |above: &[&str]| read(above).meta.title;
    assert_eq!(title(&["XX项目支出绩效自评表|||"]), "XX项目支出绩效自评表");
    assert_eq!(
        title(&["XX项目绩效评价|XX项目绩效评价||"]),
        "XX项目绩效评价"
    );
    assert_eq!(
        title(&["附件1|||", "XX项目支出绩效评价表|||"]),
        "XX项目支出绩效评价表"
    );
    assert_eq!(
        title(&["附件1|XX项目支出绩效评价表||"]),
        "XX项目支出绩效评价表"
    );
    assert_eq!(
        title(&["XX项目支出绩效自评表|||单位：万元"]),
        "XX项目支出绩效自评表"
    );
    assert_eq!(title(&["XX项目绩效评价|||单位：万元"]), "XX项目绩效评价");
    let dated = read(&["2025年度XX项目绩效评价|||单位：万元"]);
    assert_eq!(
        (dated.kind, dated.meta.year.as_str()),
        (SheetKind::Project, "2025")
    );
    assert_eq!(
        title(&["XX项目支出绩效自评表|||填报单位：XX局"]),
        "XX项目支出绩效自评表"
    );
    assert_eq!(title(&["项目名称：XX项目|||"]), "项目名称：XX项目");
    assert_eq!(title(&["项目名称|XX项目||", "主管部门|XX局||"]), "");
    assert_eq!(title(&["项目名称：|XX项目||"]), "");
    assert_eq!(
        title(&[
            "项目资金（万元）|年初预算数|全年预算数|全年执行数",
            "资金总额|200|200|150"
        ]),
        ""
    );
    assert_eq!(title(&["资金总额|200|200|150"]), "");
}

/// The indicator table under a 资金 block in the cases below.
const TABLE: [&str; 2] = [
    "一级指标|二级指标|三级指标|年度指标值|实际完成值|分值|得分",
    "产出指标|数量指标|服务老人人数|≥3000人次|3150|90|90",
];

/// The first 资金 row's 全年预算数 / 全年执行数, or a 汇总表's 合计, in 万元 as the page shows them,
/// the block's lines read as opening a file with them reads them (a 资金 block above [`TABLE`]).
fn in_wan(lines: &[&str]) -> String {
    let lines: Vec<&str> = lines.iter().copied().chain(TABLE).collect();
    let summary = lines[..lines.len() - 2]
        .iter()
        .any(|l| l.contains("项目名称|"));
    let lines = if summary {
        &lines[..lines.len() - 2]
    } else {
        &lines[..]
    };
    let block = block(lines);
    let mapping = detect(&block).tables[0].mapping.clone().expect("a header");
    let report = Calculator::new(build(&block, &mapping).unwrap()).report();
    let shown = |s: &Option<String>| s.clone().unwrap_or_else(|| "—".into());
    match &report.summary {
        Some(s) => format!("{} / {}", s.totals.budget, s.totals.spent),
        None => match report.funds.first() {
            Some(f) => format!("{} / {}", shown(&f.budget), shown(&f.spent)),
            None => "没有资金行".into(),
        },
    }
}

/// An explorer's report: a form or 汇总表 stating its amounts in 元 for a whole block or column
/// (a corner note 单位：元, the block's label 项目资金（元）, a header 预算数（元）) was read as if
/// they were 万元, unsaid: 4,200,000元 came out as 4,200,000.00 万元, not 420.00. A figure with a
/// unit of its own keeps it; a unit that is no money (单位：分) changes nothing.
#[test]
fn amounts_in_a_unit_stated_for_their_block_or_column_are_read_in_wan() {
    #[rustfmt::skip]
    let cases: [(&[&str], &str); 13] = [
        (&["||||单位：元", "项目资金|年初预算数|全年预算数|全年执行数|分值", "年度资金总额|4200000|4,200,000|4,042,500|10"], "420.00 / 404.25"),
        (&["项目资金（元）||年初预算数|全年预算数|全年执行数|分值", "项目资金（元）|年度资金总额|4200000|4200000|4042500|10"], "420.00 / 404.25"),
        (&["项目资金|年初预算数|全年预算数（元）|全年执行数（元）|分值", "年度资金总额|420|4200000|4042500|10"], "420.00 / 404.25"),
        (&["项目资金（千元）||年初预算数|全年预算数|全年执行数|分值", "项目资金（千元）|年度资金总额|4200|4200|4042.5|10"], "420.00 / 404.25"),
        (&["||||单位：元", "项目资金|年初预算数|全年预算数|全年执行数|分值", "年度资金总额|420万元|420万元|404.25万元|10"], "420.00 / 404.25"),
        (&["||||单位：分", "项目资金|年初预算数|全年预算数|全年执行数|分值", "年度资金总额|420|420|404.25|10"], "420.00 / 404.25"),
        (&["||||单位：万元", "项目资金|年初预算数|全年预算数|全年执行数|分值", "年度资金总额|420|420|404.25|10"], "420.00 / 404.25"),
        (&["||||单位：元", "项目资金|年初预算数|全年预算数（万元）|全年执行数|分值", "年度资金总额|420|420|4042500|10"], "420.00 / 404.25"),
        (&["单位：元", "序号|单位名称|项目名称|预算数（万元）|完成数|分数", "1|XX街道|居家养老|420|4042500|90"], "420.00 / 404.25"),
        (&["序号|单位名称|项目名称|预算数（元）|完成数（元）|分数", "1|XX街道|居家养老|4,200,000|4,042,500|90"], "420.00 / 404.25"),
        (&["绩效评价汇总表|||||金额单位：元", "序号|单位名称|项目名称|预算数|完成数|分数", "1|XX街道|居家养老|4200000|4042500|90"], "420.00 / 404.25"),
        (&["单位：千元", "序号|单位名称|项目名称|预算数|完成数|分数", "1|XX街道|居家养老|4200|4042.5|90"], "420.00 / 404.25"),
        (&["单位：元", "序号|单位名称|项目名称|预算数|完成数|分数", "1|XX街道|居家养老|420万元|4042500|90"], "420.00 / 404.25"),
    ];
    for (lines, read) in cases {
        assert_eq!(in_wan(lines), read, "{lines:?}");
    }
}

/// The same explorer: a whole form pasted with its 资金 block labelled 项目资金（元） filled the
/// 资金情况 table with 4,200,000.00 under 全年预算数（万元）.
#[test]
fn a_pasted_funds_block_in_yuan_is_read_in_wan() {
    let mut sheet = project();
    let mut form = FORM;
    form[3] = "项目资金（元）|年初预算数|全年预算数|全年执行数|分值|执行率|得分";
    form[4] = "年度资金总额|4,200,000|4,200,000|4,042,500|10|96.25%|9.63";
    form[5] = "其中：当年财政拨款|4000000|4000000|3900000|—|—|—";
    form[6] = "其中：上年结转资金|200000|200000|142500|—|—|—";
    paste(&mut sheet, 2, &form);
    let report = Calculator::new(sheet).report();
    let funds: Vec<String> = report.funds[..3]
        .iter()
        .map(|f| format!("{:?} {:?}", f.budget, f.spent))
        .collect();
    assert_eq!(
        funds,
        [
            r#"Some("420.00") Some("404.25")"#,
            r#"Some("400.00") Some("390.00")"#,
            r#"Some("20.00") Some("14.25")"#,
        ]
    );
    assert_eq!(budget_score(&report), Some("9.63"));
}

/// The indicator rows of a report as the page shows them: each row's depth, name, 分值 and
/// 得分, then the total and its grade as a form may state it (none while 分值 do not add up).
fn rows_shown(report: &Report) -> Vec<String> {
    let mut rows: Vec<String> = report
        .nodes
        .iter()
        .map(|n| format!("{} {} {:?} {:?}", n.depth, n.name, n.weight, n.score))
        .collect();
    let totals = &report.totals;
    rows.push(format!("{:?} {:?}", totals.total, totals.final_grade()));
    rows
}

/// Found pasting a whole 10号 form over the blank 项目支出 template: the template's groups the
/// form has no rows for (质量指标, 时效指标, 成本指标, 可持续影响指标) stayed, blank, their 分值
/// in the sums (产出指标 50 over 80 of rows), and the grade was shown as none. Pasted over an
/// untouched template, a whole table is what opening it gives; a part of one (产出指标 alone)
/// still leaves the template's other groups to be filled.
#[test]
fn a_whole_form_pasted_over_the_blank_template_is_what_opening_it_gives() {
    let form = block(&FORM);
    let mapping = detect(&form).tables[0].mapping.clone().expect("a header");
    let opened = Calculator::new(build(&form, &mapping).unwrap()).report();
    // As the page pastes: into the sheet it holds, its cursor on 数量指标's blank row.
    let mut sheet = Calculator::new(project()).to_sheet();
    let done = paste(&mut sheet, 3, &FORM);
    let pasted = Calculator::new(sheet).report();
    assert_eq!(rows_shown(&pasted), rows_shown(&opened));
    assert_eq!(
        rows_shown(&pasted).last().unwrap(),
        r#"Some("97.55") Some("优")"#
    );
    assert_eq!(
        done.dropped,
        ["质量指标", "时效指标", "成本指标", "可持续影响指标"]
    );
    assert_eq!(
        done.first,
        Some(3),
        "the cursor on 服务老人人数, the first row written"
    );
    // Typed into (a 分值 changed), the sheet is the user's: nothing of it is taken out.
    let mut sheet = project();
    sheet.indicators[1].children[1].weight = "15".into();
    let done = paste(&mut sheet, 3, &FORM);
    assert!(done.dropped.is_empty());
    let names = |sheet: &Sheet| {
        let calc = Calculator::new(sheet.clone());
        (0..calc.len()).any(|i| calc.node(i).unwrap().name == "时效指标")
    };
    assert!(names(&sheet));
    // A part of a table (its 分值 add up to 60 of 100): the template's other groups stay.
    let mut sheet = project();
    let done = paste(&mut sheet, 3, &FORM[8..11]);
    assert!(done.dropped.is_empty());
    assert!(names(&sheet));
}

/// A sheet file of tests/fixtures exported as the page's CSV, read back as a pasted block is.
fn exported(name: &str) -> xlsx::Spreadsheet {
    let text = std::fs::read_to_string(format!("tests/fixtures/{name}")).unwrap();
    let sheet: Sheet = jixiao::load::load(&text).unwrap();
    xlsx::read(xlsx::sheet_csv(&sheet).unwrap().as_bytes(), "粘贴的内容").unwrap()
}

/// Found by review: a template row counted as filled when the block had a row of its name
/// anywhere (a 预算执行率 when the block had one), so pasted over a template that is not the
/// table's, rows of the template stayed blank in its own groups while the table's rows of
/// those names went into the table's: 荔湖's table over 管理效能＋履职效能 gave 49 rows, 分值
/// adding up to 113 and no grade (opened: 94.90 优); filled_project over 重点评价 gave 85.14
/// and no grade (opened: 94.51 优). Every whole table over every untouched template is now
/// what opening it gives, row for row, and the notice names each group taken out once.
#[test]
fn a_whole_table_over_any_untouched_template_is_what_opening_it_gives() {
    // The fixtures with an indicator table (seed002 and seed004 hold 资金 alone), each whole.
    let fixtures = [
        "filled_project.json",
        "seed001_department.sheet.json",
        "seed003_department.sheet.json",
    ];
    for fixture in fixtures {
        let block = exported(fixture);
        let mapping = detect(&block).tables[0].mapping.clone().expect("a header");
        let read = build(&block, &mapping).unwrap();
        let opened = Calculator::new(read.clone());
        assert_eq!(
            opened.top_weight(),
            100.into(),
            "{fixture} is a whole table"
        );
        let opened = opened.report();
        for template in jixiao::templates::TEMPLATES {
            let mut sheet = Calculator::new(template.sheet()).to_sheet();
            if sheet.kind == SheetKind::Summary {
                continue;
            }
            let depth = xlsx::top_depth(&mapping);
            let done = xlsx::paste(&mut sheet, Some(2), depth, 0, read.clone());
            let pasted = Calculator::new(sheet).report();
            let id = template.id;
            assert_eq!(
                rows_shown(&pasted),
                rows_shown(&opened),
                "{fixture} over {id}"
            );
            let dropped = |list: &[&str]| done.dropped == list;
            match (fixture, id) {
                ("seed001_department.sheet.json", "department-management") => {
                    assert_eq!(pasted.nodes.len(), 36, "as opened, not 48");
                    assert_eq!(
                        rows_shown(&pasted).last().unwrap(),
                        r#"Some("94.90") Some("优")"#
                    );
                    assert!(dropped(&[
                        "管理效能",
                        "机关正常运行",
                        "全力推动高质量发展",
                        "全面提升城市环境品质",
                        "持续提升社会治理能力",
                        "不断强化民生保障水平",
                        "进一步加强党的领导和党的建设",
                    ]));
                }
                ("filled_project.json", "key-evaluation") => {
                    assert_eq!(
                        rows_shown(&pasted).last().unwrap(),
                        r#"Some("94.51") Some("优")"#
                    );
                    assert!(dropped(&["决策", "过程", "产出", "效益"]));
                }
                ("filled_project.json", "project") => assert!(dropped(&[])),
                _ => {}
            }
        }
    }
}

/// A reviewer's: a whole form pasted with `项目负责人：李四` above its header and
/// `单位负责人：王五` under its table lost both without a word, the paste throwing away what the
/// reader returned of them. They are returned for the paste's notice, as opening says them;
/// the 填报人 beside them fills its field.
#[test]
fn what_a_pasted_forms_lines_keep_no_field_for_is_returned_to_be_said() {
    let block = block(&[
        "项目名称|道路维护|项目负责人：李四",
        "一级指标|二级指标|三级指标|分值|年度指标值|实际完成值",
        "产出指标|数量指标|维护里程|50|15公里|14.2公里",
        "填报人：张三|单位负责人：王五||||",
    ]);
    let mapping = detect(&block).tables[0].mapping.clone().expect("a header");
    let (read, reading) = xlsx::build_reading(&block, &mapping).unwrap();
    assert_eq!(
        reading.signature_untaken,
        ["项目负责人：李四", "单位负责人：王五"]
    );
    let mut sheet = project();
    let pasted = xlsx::paste(&mut sheet, Some(0), xlsx::top_depth(&mapping), 0, read);
    assert_eq!(sheet.meta.preparer, "张三");
    assert!(
        pasted.above.contains(&"填报人".to_string()),
        "{:?}",
        pasted.above
    );
}

/// A reviewer found: seed 001's 表2 as Excel copies it (`tests/fixtures/seed001-table2-pasted.tsv`),
/// pasted onto a new 部门整体 sheet, lost its 合计 row's 95.4 (not the leaves' 94.90) and its
/// 评价等级 line's 优, which opening the table keeps; 审核 had nothing to check them against.
#[test]
fn a_pasted_tables_total_and_grade_are_kept_for_the_review() {
    let tsv = include_str!("fixtures/seed001-table2-pasted.tsv");
    let lines: Vec<String> = tsv.lines().map(|l| l.replace('\t', "|")).collect();
    let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
    let mut sheet = jixiao::templates::find("department-efficiency")
        .unwrap()
        .sheet();
    let done = paste(&mut sheet, 0, &lines);
    assert_eq!(
        (sheet.declared.total.as_str(), sheet.declared.grade.as_str()),
        ("95.4", "优")
    );
    assert_eq!(done.declared, ["自评总分 95.4", "自评等级 优"]);
    let report = Calculator::new(sheet).report();
    assert_eq!(
        report.totals.total.as_deref(),
        Some("94.90"),
        "what 审核 checks 95.4 against"
    );
}

/// A reviewer found: a 汇总表 holding 项目01–03 and a block of 项目04–05 pasted below them with
/// its 合计 95.00%, which sums the two alone; 审核 then reported that 95.00% against the 合计 of
/// all five projects (92.00%), a difference the unit never made. The same block pasted into a
/// blank 汇总表 is the table, and 审核 checks its 合计.
#[test]
fn a_summary_blocks_total_among_other_rows_is_not_checked_by_the_review() {
    let lines = [
        "序号|单位名称|项目名称|预算数（万元）|完成数（万元）|预算完成率",
        "4|甲单位|项目04|100|95|95.00%",
        "5|甲单位|项目05|100|95|95.00%",
        "|合计||200|190|95.00%",
    ];
    let mut sheet = Sheet::new(SheetKind::Summary);
    sheet.projects = ["项目01", "项目02", "项目03"]
        .iter()
        .enumerate()
        .map(|(i, p)| jixiao::model::ProjectRow {
            seq: (i + 1).to_string(),
            unit: "甲单位".into(),
            project: (*p).into(),
            budget: "100".into(),
            spent: "90".into(),
            ..Default::default()
        })
        .collect();
    let done = paste(&mut sheet, 2, &lines);
    assert_eq!(done.added, 2);
    assert_eq!(
        Calculator::new(sheet.clone()).summary().rate,
        Some(rust_decimal::Decimal::from(92)),
        "the 合计 of all five"
    );
    let review = jixiao::review::check(&sheet);
    assert!(review.differences.is_empty(), "{:?}", review.differences);
    assert_eq!(sheet.declared.rate, "");
    assert_eq!(done.partial_total, Some(2), "said in the notice");

    let mut blank = jixiao::templates::find("summary").unwrap().sheet();
    let done = paste(&mut blank, 0, &lines);
    assert_eq!(done.partial_total, None);
    assert_eq!(blank.declared.rate, "95.00%");
    let review = jixiao::review::check(&blank);
    assert!(review.differences.is_empty(), "{:?}", review.differences);
    assert!(review.reproduced >= 1, "the 合计 is checked and agrees");
}

/// Seed 001's 表2 as Excel copies it, its title line first, one line a row.
fn seed001_table() -> Vec<String> {
    let tsv = include_str!("fixtures/seed001-table2-pasted.tsv");
    tsv.lines().map(|l| l.replace('\t', "|")).collect()
}

/// A clerk's tryout: seed 001's 部门整体 表2, pasted with its title line onto a new sheet (the
/// page opens a 项目支出 one), stayed a 项目支出 sheet: its 单位 filled in as 实施单位, the
/// 项目支出 form's 资金 rows, and 提示 asking for a 满意度指标 a department's table has none
/// of. Over the untouched template the sheet takes the table's kind, as opening it does, with
/// a 部门整体 form's 资金 rows, and says so.
#[test]
fn a_department_table_pasted_onto_a_new_sheet_makes_it_a_department_sheet() {
    let lines = seed001_table();
    let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
    let mut sheet = project();
    let done = paste(&mut sheet, 0, &lines);
    assert_eq!(sheet.kind, SheetKind::Department);
    assert_eq!(sheet.meta.title, "表2：部门整体绩效指标评分表");
    assert_eq!(sheet.meta.unit, "广州市增城区人民政府荔湖街道办事处");
    assert_eq!(done.above, ["标题", "单位名称", "年度"]);
    assert_eq!(done.overwritten, Vec::<String>::new());
    let funds: Vec<&str> = sheet.funds.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(funds, ["全年预算（收支合计）", "基本支出", "项目支出"]);
    assert_eq!(
        done.kind.as_deref(),
        Some("表格类型已按粘贴的表格改为部门整体支出绩效自评表（原为项目支出绩效自评表）")
    );
    let calc = Calculator::new(sheet);
    assert_eq!(calc.report().totals.total.as_deref(), Some("94.90"));
    let hints: Vec<String> = calc
        .diagnostics()
        .iter()
        .filter(|d| d.problem.severity() == jixiao::diagnostic::Severity::Hint)
        .map(|d| d.message())
        .collect();
    assert_eq!(hints, Vec::<String>::new(), "no 项目支出 提示");

    // Copied from its header row, the table does not say whose it is: the sheet stays as it is.
    let mut sheet = project();
    let done = paste(&mut sheet, 0, &lines[2..]);
    assert_eq!(
        (sheet.kind, sheet.meta.title.as_str()),
        (SheetKind::Project, "项目支出绩效自评表")
    );
    assert_eq!(done.kind, None);
}

/// The same table over a 项目支出 sheet typed in keeps the sheet's kind and everything typed,
/// and says why and what to do: a 项目名称 would be hidden on a 部门整体 sheet, rows typed
/// stay among the pasted ones. A project's table onto a new 部门整体 sheet makes it a
/// 项目支出 one.
#[test]
fn a_table_of_the_other_kind_over_a_sheet_typed_in_is_said_not_to_change_it() {
    let lines = seed001_table();
    let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
    let said = "粘贴的是部门整体支出绩效自评表，本表是项目支出绩效自评表；本表已有填写的内容，表格类型未改，仍按项目支出绩效自评表检查：如要按部门整体支出绩效自评表计分和检查，请新建一张部门整体支出绩效自评表后再粘贴";

    let mut named = project();
    named.meta.project = "道路维护".into();
    let done = paste(&mut named, 0, &lines);
    assert_eq!(named.kind, SheetKind::Project);
    assert_eq!(named.meta.project, "道路维护");
    assert_eq!(done.kind.as_deref(), Some(said));

    let mut typed = project();
    typed.indicators[1].children[0].children[0].name = "维护里程".into();
    let done = paste(&mut typed, 0, &lines);
    assert_eq!(typed.kind, SheetKind::Project);
    assert_eq!(done.kind.as_deref(), Some(said));
    let calc = Calculator::new(typed);
    assert!(calc.report().nodes.iter().any(|n| n.name == "维护里程"));

    // A few of its rows, under its title line, over the new sheet: not the whole table.
    let done = paste(&mut project(), 0, &lines[..6]);
    assert_eq!(done.kind.as_deref(), Some("粘贴的是部门整体支出绩效自评表，本表是项目支出绩效自评表；粘贴的不是整张表格，表格类型未改，仍按项目支出绩效自评表检查：如要按部门整体支出绩效自评表计分和检查，请新建一张部门整体支出绩效自评表后再粘贴"));

    let mut department = jixiao::templates::find("department-efficiency")
        .unwrap()
        .sheet();
    let done = paste(&mut department, 0, &FORM);
    assert_eq!(department.kind, SheetKind::Project);
    assert_eq!(
        department.meta.title,
        "XX社区居家养老服务项目支出绩效自评表（2025年度）"
    );
    assert_eq!(
        done.kind.as_deref(),
        Some("表格类型已按粘贴的表格改为项目支出绩效自评表（原为部门整体支出绩效自评表）")
    );
}
