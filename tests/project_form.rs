//! The 10号 项目支出绩效自评表: its 项目资金 block scores the 预算执行率, old files move their
//! figures there, and the Excel form reads back from its visible cells to the same scores.

use jixiao::engine::{Calculator, FundField};
use jixiao::load::load;
use jixiao::model::Rule;

fn filled_v1() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/filled_project.json"
    ))
    .unwrap()
}

#[test]
fn a_version_1_project_moves_its_budget_figures_into_the_funds_block() {
    let text = filled_v1();
    assert!(
        text.contains("\"version\": 1"),
        "the fixture is an old file"
    );
    let sheet = load(&text).unwrap();
    assert_eq!(sheet.version, 2);
    let names: Vec<(&str, bool)> = sheet
        .funds
        .iter()
        .map(|f| (f.name.as_str(), f.part))
        .collect();
    assert_eq!(
        names,
        [
            ("年度资金总额", false),
            ("当年财政拨款", true),
            ("上年结转资金", true),
            ("其他资金", true)
        ]
    );
    assert_eq!(
        (
            sheet.funds[0].budget.as_str(),
            sheet.funds[0].spent.as_str()
        ),
        ("200.00", "187.30")
    );
    let leaf = &sheet.indicators[0];
    assert!(matches!(&leaf.rule, Some(Rule::BudgetExecution(b)) if b.from_funds));
    assert_eq!((leaf.target.as_str(), leaf.actual.as_str()), ("", ""));
    assert_eq!(
        leaf.reason.as_str(),
        "尾款未付",
        "the rest of the row stays"
    );
    let report = Calculator::new(sheet).report();
    assert_eq!(
        report.totals.total.as_deref(),
        Some("94.51"),
        "scored as before"
    );
    assert_eq!(report.funds[0].score.as_deref(), Some("9.37"));
    assert_eq!(report.funds[0].weight.as_deref(), Some("10"));
}

#[test]
fn typing_in_the_funds_block_re_scores_the_budget_row_and_checks_the_parts() {
    let mut calc = Calculator::new(load(&filled_v1()).unwrap());
    let changed = calc.set_fund(0, FundField::Spent, "200.00").unwrap();
    assert_eq!(changed, jixiao::engine::Changed::Rows(vec![0]));
    assert_eq!(calc.score(0).unwrap().to_string(), "10.00");
    calc.set_fund(1, FundField::Spent, "150").unwrap();
    calc.set_fund(3, FundField::Spent, "49.99").unwrap();
    let found: Vec<String> = calc
        .diagnostics()
        .iter()
        .filter(|d| d.problem.code() == "funds_parts_mismatch")
        .map(|d| d.message())
        .collect();
    assert_eq!(
        found,
        ["其中各行全年执行数合计199.99，与本行200.00不符（相差0.01）：请核对本行或其中各行"]
    );
    calc.set_fund(3, FundField::Spent, "50").unwrap();
    assert!(calc
        .diagnostics()
        .iter()
        .all(|d| d.problem.code() != "funds_parts_mismatch"));
    // A figure typed on the row itself is not used, and says so.
    calc.set(0, jixiao::diagnostic::Field::Target, "300")
        .unwrap();
    assert_eq!(calc.score(0).unwrap().to_string(), "10.00");
    assert!(calc
        .diagnostics_at(0)
        .iter()
        .any(|d| d.problem.code() == "not_used_for_funds"));
}

#[test]
fn the_excel_form_reads_back_from_its_visible_cells_to_the_same_scores() {
    let mut sheet = load(&filled_v1()).unwrap();
    sheet.meta.department = "广州市白云区人民政府".into();
    sheet.meta.goal = "完成3个小区微改造".into();
    sheet.meta.achieved = "完成3个小区微改造，惠及居民1020户".into();
    sheet.meta.preparer = "张三".into();
    sheet.meta.date = "2024年1月15日".into();
    sheet.funds[0].initial = "180.00".into();
    sheet.funds[1].budget = "200.00".into();
    sheet.funds[1].spent = "187.30".into();
    let bytes = jixiao::xlsx::sheet_to_xlsx(&sheet).unwrap();
    let mut file = jixiao::xlsx::read(&bytes, "表.xlsx").unwrap();
    file.tables.truncate(1); // the form alone, as if copied out of its workbook
    let back = jixiao::xlsx::read_form(&file, 0).expect("jixiao's form");
    let (ours, theirs) = (
        Calculator::new(sheet.clone()),
        Calculator::new(back.clone()),
    );
    assert_eq!(theirs.report().totals.total, ours.report().totals.total);
    assert_eq!(theirs.report().funds, ours.report().funds);
    assert_eq!(back.meta.department, sheet.meta.department);
    assert_eq!(back.meta.goal, sheet.meta.goal);
    assert_eq!(back.meta.achieved, sheet.meta.achieved);
    assert_eq!(back.meta.preparer, "张三");
    assert_eq!(back.meta.reviewer, "", "a blank signature line stays blank");
    assert_eq!(back.meta.date, sheet.meta.date);
    assert_eq!(back.indicators[0].reason.as_str(), "尾款未付");
    // The 重点评价 template's form reads back too.
    let key = jixiao::templates::find("key-evaluation").unwrap().sheet();
    let bytes = jixiao::xlsx::sheet_to_xlsx(&key).unwrap();
    let file = jixiao::xlsx::read(&bytes, "重点评价.xlsx").unwrap();
    let back = jixiao::xlsx::read_form(&file, 0).unwrap();
    let weights = |c: &Calculator| (0..c.len()).map(|i| c.weight(i)).collect::<Vec<_>>();
    assert_eq!(
        weights(&Calculator::new(back)),
        weights(&Calculator::new(key))
    );
}

#[test]
fn a_key_evaluation_feeds_its_score_and_grade_to_the_summary() {
    fn fill(nodes: &mut [jixiao::model::Node]) {
        for n in nodes {
            if !n.children.is_empty() {
                fill(&mut n.children);
                continue;
            }
            n.reason = "见评价报告".into();
            match &n.rule {
                Some(Rule::BudgetExecution(_)) => {
                    n.target = "500.00".into();
                    n.actual = "450.00".into();
                }
                _ if n.comparison == Some(jixiao::comparison::Comparison::Qualitative) => {
                    n.level = Some(jixiao::model::Level::Met);
                    n.score = n.weight.clone();
                }
                _ => n.actual = n.target.clone(),
            }
        }
    }
    let mut sheet = jixiao::templates::find("key-evaluation").unwrap().sheet();
    sheet.meta.unit = "荔湾区卫生健康局".into();
    sheet.meta.project = "基本公共卫生服务项目".into();
    fill(&mut sheet.indicators);
    // Every indicator met but 预算执行率 (90%): 100 − 4 × 10% = 99.60.
    let total = Calculator::new(sheet.clone()).report().totals;
    assert_eq!(total.total.as_deref(), Some("99.60"));
    // Its Excel form, read back from the visible cells alone, scores the same.
    let bytes = jixiao::xlsx::sheet_to_xlsx(&sheet).unwrap();
    let file = jixiao::xlsx::read(&bytes, "重点评价.xlsx").unwrap();
    let back = jixiao::xlsx::read_form(&file, 0).unwrap();
    assert_eq!(
        Calculator::new(back).report().totals.total.as_deref(),
        Some("99.60")
    );
    let mut workbook = jixiao::workbook::Workbook::new("2023年度重点评价");
    workbook.sheets.push(sheet);
    let summary = Calculator::new(workbook.summary_sheet()).report();
    let row = &summary.summary.unwrap().rows[0];
    assert_eq!(
        (
            row.project.as_str(),
            row.budget.as_deref(),
            row.score.as_deref(),
            row.grade.as_deref()
        ),
        (
            "基本公共卫生服务项目",
            Some("500.00"),
            Some("99.60"),
            Some("优")
        )
    );
}

#[test]
fn the_summary_form_reads_back_with_its_unit_year_and_signature() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/seed000_summary.sheet.json"
    ))
    .unwrap();
    let mut sheet = load(&text).unwrap();
    sheet.meta.year = "2023".into();
    sheet.meta.reviewer = "李四".into();
    let bytes = jixiao::xlsx::sheet_to_xlsx(&sheet).unwrap();
    let file = jixiao::xlsx::read(&bytes, "汇总表.xlsx").unwrap();
    let back = jixiao::xlsx::read_form(&file, 0).expect("jixiao's 汇总表");
    assert_eq!(
        (back.meta.unit.as_str(), back.meta.year.as_str()),
        (sheet.meta.unit.as_str(), "2023")
    );
    assert_eq!(back.meta.reviewer, "李四");
    assert_eq!(back.projects.len(), sheet.projects.len());
    let rate = |s: &jixiao::model::Sheet| {
        Calculator::new(s.clone())
            .report()
            .summary
            .unwrap()
            .totals
            .rate
    };
    assert_eq!(rate(&back), rate(&sheet));
}

#[test]
fn a_returned_form_takes_what_was_typed_in_its_funds_block_goal_and_signature() {
    let sheet = load(&filled_v1()).unwrap();
    let bytes = jixiao::xlsx::sheet_to_xlsx(&sheet).unwrap();
    let mut file = jixiao::xlsx::read(&bytes, "表.xlsx").unwrap();
    let hidden = jixiao::xlsx::embedded_document(&file).unwrap().unwrap();
    let form = &mut file.tables[0];
    let find = |rows: &[Vec<String>], start: &str| {
        rows.iter().position(|r| r[0].starts_with(start)).unwrap()
    };
    // 年初预算数 of 年度资金总额 (merged over three columns: the reader fills each).
    let total = find(&form.rows, "年度资金总额");
    for c in 3..6 {
        form.rows[total][c] = "180.00".into();
    }
    let goal = find(&form.rows, "年度总体目标") + 1;
    for c in 10..17 {
        form.rows[goal][c] = "惠及居民1020户".into();
    }
    let signature = find(&form.rows, "填报单位（盖章）");
    form.rows[signature][0] = form.rows[signature][0].replacen("填报人：", "填报人：张三", 1);
    let imported = jixiao::xlsx::merge(&file, hidden).unwrap();
    let jixiao::load::Document::Sheet(back) = imported.document else {
        panic!("a sheet")
    };
    assert_eq!(back.funds[0].initial, "180.00");
    assert_eq!(back.meta.achieved, "惠及居民1020户");
    assert_eq!(back.meta.preparer, "张三");
    let labels: Vec<&str> = imported.changes.adopted.iter().map(|c| c.field).collect();
    assert_eq!(
        labels,
        ["实际完成情况", "填报人", "年初预算数"],
        "{:?}",
        imported.changes
    );
}

/// A 预算执行率 scored from the 资金 block but not the table's first row, or without a 分值,
/// stays a row of the form's table; a returned form's edits land on the rows they were made on.
#[test]
fn a_funded_row_elsewhere_reads_back_where_it_is() {
    for blank_weight in [false, true] {
        let mut sheet = load(&filled_v1()).unwrap();
        let budget = sheet.indicators.remove(0);
        sheet.indicators.push(budget);
        let last = sheet.indicators.len() - 1;
        if blank_weight {
            sheet.indicators[last].weight = "".into();
        }
        let bytes = jixiao::xlsx::sheet_to_xlsx(&sheet).unwrap();
        let mut file = jixiao::xlsx::read(&bytes, "表.xlsx").unwrap();
        let hidden = jixiao::xlsx::embedded_document(&file).unwrap().unwrap();
        let form = &mut file.tables[0];
        let area = form
            .rows
            .iter()
            .position(|r| r.get(6).is_some_and(|c| c == "完成改造面积"))
            .unwrap();
        form.rows[area][11] = "1800".into();
        let back = jixiao::xlsx::read_form(&file, 0).unwrap();
        assert!(
            matches!(&back.indicators.last().unwrap().rule, Some(Rule::BudgetExecution(b)) if b.from_funds),
            "read back as the last row, scored from the block"
        );
        let imported = jixiao::xlsx::merge(&file, hidden).unwrap();
        let jixiao::load::Document::Sheet(merged) = imported.document else {
            panic!("a sheet")
        };
        let area = &merged.indicators[0].children[0].children[0];
        assert_eq!(
            (area.name.as_str(), area.actual.as_str()),
            ("完成改造面积", "1800"),
            "{:?}",
            imported.changes
        );
        assert_eq!(merged.indicators[last].actual.as_str(), "");
    }
}

/// A form written by a jixiao of format version 1 (another layout) comes back: its hidden copy
/// is taken as it is, and the message says Excel edits could not be checked cell by cell.
#[test]
fn a_form_of_an_older_version_opens_from_its_hidden_copy() {
    use std::io::{Read, Write};
    let sheet = load(&filled_v1()).unwrap();
    let bytes = jixiao::xlsx::sheet_to_xlsx(&sheet).unwrap();
    // The hidden copy as version 1 wrote it.
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let mut changed = false;
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).unwrap();
        let name = file.name().unwrap().to_string();
        let mut data = Vec::new();
        file.read_to_end(&mut data).unwrap();
        if name == "xl/sharedStrings.xml" {
            let text = String::from_utf8(data).unwrap();
            let old = text.replacen("\"version\": 2", "\"version\": 1", 1);
            changed = old != text;
            data = old.into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&data).unwrap();
    }
    assert!(changed, "the hidden copy names its version");
    let bytes = out.finish().unwrap().into_inner();
    let imported = jixiao::xlsx::import(&bytes, "旧版.xlsx").unwrap();
    assert!(imported.changes.older_form);
    assert!(imported
        .changes
        .message()
        .unwrap()
        .contains("此表由旧版 jixiao 导出"));
    let jixiao::load::Document::Sheet(back) = imported.document else {
        panic!("a sheet")
    };
    assert_eq!(
        back, sheet,
        "the hidden copy, migrated, nothing taken from the cells"
    );
}

/// jixiao's CSV of a 10号 form carries its header, its signature line and its 资金 备注, and
/// reads back with them.
#[test]
fn the_csv_keeps_the_forms_header_signature_and_funds_notes() {
    let mut sheet = load(&filled_v1()).unwrap();
    sheet.meta.department = "广州市白云区人民政府".into();
    sheet.meta.goal = "完成3个小区微改造".into();
    sheet.meta.achieved = "惠及居民1020户".into();
    sheet.meta.preparer = "张三".into();
    sheet.meta.date = "2024年1月15日".into();
    sheet.funds[1].note = "含追加10万元".into();
    let csv = jixiao::xlsx::sheet_csv(&sheet).unwrap();
    let jixiao::load::Document::Sheet(back) =
        jixiao::xlsx::import_auto(csv.as_bytes(), "表.csv").unwrap()
    else {
        panic!("a sheet")
    };
    let m = &back.meta;
    assert_eq!(
        [
            &m.department,
            &m.goal,
            &m.achieved,
            &m.preparer,
            &m.reviewer,
            &m.date
        ],
        [
            "广州市白云区人民政府",
            "完成3个小区微改造",
            "惠及居民1020户",
            "张三",
            "",
            "2024年1月15日"
        ]
    );
    assert_eq!(back.funds[1].note, "含追加10万元");
    assert!(back.funds[1].part);
    assert_eq!(
        Calculator::new(back).report().totals.total.as_deref(),
        Some("94.51")
    );
}

/// A new user's table: 上年结转资金 0 of 0 is an empty part, not an error that leaves the grade
/// provisional; a row of its own at 0 of 0 still has no rate to give, and says so.
#[test]
fn an_empty_part_of_the_funds_is_no_error() {
    let mut calc = Calculator::new(load(&filled_v1()).unwrap());
    calc.set_fund(2, FundField::Budget, "0").unwrap();
    calc.set_fund(2, FundField::Spent, "0.00").unwrap();
    let errors = |calc: &Calculator| {
        calc.diagnostics()
            .iter()
            .filter(|d| d.problem.code() == "zero_budget")
            .count()
    };
    assert_eq!(errors(&calc), 0);
    assert_eq!(calc.report().totals.errors, 0);
    calc.set_fund(2, FundField::Part, "false").unwrap();
    assert_eq!(errors(&calc), 1);
}
