//! Excel and CSV in and out: round trips, the printed-form layout read back, numbers stored as
//! numbers, and malformed files.

use calamine::{Data, Reader, Xlsx};
use jixiao::engine::Calculator;
use jixiao::load::{load, Document};
use jixiao::workbook::Workbook;
use jixiao::xlsx::{self, build, detect, read, SpreadsheetError};
use std::io::Cursor;

mod excel;
mod hostile;
use excel::{
    edited, form_row, saved_as_csv, with_formatted_number, with_text, without_hidden_copy,
    worksheet_part,
};

fn fixture(name: &str) -> jixiao::model::Sheet {
    load(
        &std::fs::read_to_string(format!(
            "{}/tests/fixtures/{name}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap(),
    )
    .unwrap()
}

#[test]
fn export_then_import_gives_back_the_same_sheet() {
    for name in [
        "seed001_department.sheet.json",
        "seed003_department.sheet.json",
        "seed000_summary.sheet.json",
        "domain_cases.sheet.json",
    ] {
        let sheet = fixture(name);
        let bytes = xlsx::sheet_to_xlsx(&sheet).unwrap();
        match xlsx::import_auto(&bytes, "out.xlsx").unwrap() {
            Document::Sheet(back) => assert_eq!(back, sheet, "{name}"),
            Document::Workbook(_) => panic!("{name}: a sheet was written"),
        }
    }
}

#[test]
fn a_workbook_round_trips_and_its_summary_has_a_worksheet() {
    let mut wb = Workbook::new("示例工作簿");
    wb.sheets = vec![
        fixture("seed001_department.sheet.json"),
        fixture("seed003_department.sheet.json"),
    ];
    wb.summary.projects = fixture("seed000_summary.sheet.json").projects;
    let bytes = xlsx::workbook_to_xlsx(&wb).unwrap();
    match xlsx::import_auto(&bytes, "wb.xlsx").unwrap() {
        Document::Workbook(back) => assert_eq!(back, wb),
        Document::Sheet(_) => panic!("a workbook was written"),
    }
    let book: Xlsx<_> = Xlsx::new(Cursor::new(&bytes)).unwrap();
    let names: Vec<String> = book.sheet_names();
    assert_eq!(names[0], "汇总表");
    assert_eq!(
        names.len(),
        4,
        "汇总表, two sheets, the hidden file: {names:?}"
    );
}

/// The cell of a worksheet whose text is `label`, and the cell `right` columns to its right.
fn right_of(range: &calamine::Range<Data>, label: &str, right: usize) -> Data {
    for (r, row) in range.rows().enumerate() {
        if let Some(c) = row
            .iter()
            .position(|d| matches!(d, Data::String(s) if s == label))
        {
            return range.get((r, c + right)).cloned().unwrap_or(Data::Empty);
        }
    }
    panic!("no cell {label}");
}

/// No one value refuses the whole export: text longer than a cell holds (32,767 UTF-16 units;
/// a character such as 𠀀 counts two) is cut on the form, saying so, and kept whole in the
/// file's copy; a project named with apostrophes at its ends names its worksheet without them.
#[test]
fn text_longer_than_a_cell_and_an_apostrophe_name_still_export() {
    let mut long = filled_project();
    long.indicators[0].reason = "原因".repeat(20_000).into();
    long.meta.goal = "𠀀".repeat(15_000);
    let mut quoted = filled_project();
    quoted.meta.project = "'引号'项目".into();
    // A name of characters that count two, and one that is the hidden sheet's but for case.
    let mut astral = filled_project();
    astral.meta.project = "𠀀".repeat(18);
    let mut hidden_name = filled_project();
    hidden_name.meta.project = "JIXIAO".into();
    let mut wb = Workbook::new("长文本");
    wb.sheets = vec![long.clone(), quoted, astral, hidden_name];
    for bytes in [
        xlsx::sheet_to_xlsx(&long).unwrap(),
        xlsx::workbook_to_xlsx(&wb).unwrap(),
    ] {
        let back = xlsx::import_auto(&bytes, "x.xlsx").unwrap();
        let first = match &back {
            Document::Sheet(s) => s,
            Document::Workbook(w) => &w.sheets[0],
        };
        assert!(first == &long, "the file's copy keeps every character");
        if let Document::Workbook(w) = &back {
            assert!(w == &wb, "the workbook comes back whole");
        }
    }
    let bytes = xlsx::sheet_to_xlsx(&long).unwrap();
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(&bytes)).unwrap();
    let range = book.worksheet_range("自评表").unwrap();
    let cut = range
        .cells()
        .find_map(|(_, _, d)| match d {
            Data::String(s) if s.starts_with("原因原因") => Some(s.clone()),
            _ => None,
        })
        .unwrap();
    assert!(cut.ends_with("全文保存在本文件的数据中）") && cut.encode_utf16().count() <= 32_767);
    let names = xlsx::workbook_to_xlsx(&wb)
        .map(|b| Xlsx::new(Cursor::new(b)).unwrap().sheet_names())
        .unwrap();
    assert!(names.contains(&"引号'项目".to_string()), "{names:?}");
    assert!(
        names.iter().all(|n| n.encode_utf16().count() <= 31),
        "{names:?}"
    );
}

/// A 汇总表 amount typed with more than two decimals is written with them all, so that the
/// form alone, and Excel's sums, have it.
#[test]
fn a_summary_amount_keeps_its_decimals_on_the_form() {
    let mut summary = fixture("seed000_summary.sheet.json");
    summary.projects[0].budget = "1,234.5678".into();
    let bytes = without_hidden_copy(&xlsx::sheet_to_xlsx(&summary).unwrap());
    let imported = xlsx::import(&bytes, "copy.xlsx").unwrap();
    // What it says it could not bring back names nothing a 汇总表 has not got.
    let message = imported.changes.message().unwrap_or_default();
    assert!(message.contains("已按表格中的单元格读入"), "{message}");
    assert!(!message.contains("指标"), "{message}");
    let Document::Sheet(back) = imported.document else {
        panic!("a 汇总表 was written");
    };
    assert_eq!(back.projects[0].budget, "1,234.5678");
    assert_eq!(scores(&back), scores(&summary));
}

/// 资金 rows named as a unit names them (`来源一`, `2023年资金`: texts the cells' reader finds
/// a figure in) come back from the form's cells, their figures and scores with them: the
/// form's `项目资金（万元）` label, merged over the names, heads the names whatever they are.
#[test]
fn funds_named_otherwise_come_back_from_the_form() {
    let mut sheet = filled_project();
    for (total, part) in [("来源一", "资金1"), ("2023年资金", "97.95%")] {
        let fund = |name: &str, budget: &str, spent: &str, part| jixiao::model::FundsRow {
            name: name.into(),
            budget: budget.into(),
            spent: spent.into(),
            part,
            ..Default::default()
        };
        sheet.funds = vec![
            fund(total, "200.00", "187.30", false),
            fund(part, "150.00", "140.00", true),
        ];
        let bytes = without_hidden_copy(&xlsx::sheet_to_xlsx(&sheet).unwrap());
        let Document::Sheet(back) = xlsx::import(&bytes, "copy.xlsx").unwrap().document else {
            panic!("a sheet was written");
        };
        let names: Vec<(&str, bool)> = back
            .funds
            .iter()
            .map(|f| (f.name.as_str(), f.part))
            .collect();
        assert_eq!(names, [(total, false), (part, true)]);
        assert_eq!(back.funds[0].budget, sheet.funds[0].budget);
        assert_eq!(scores(&back), scores(&sheet));
    }
}

/// A value Excel would show otherwise than typed is written as its text: read back from the
/// form alone it is what the user wrote, not the number in it; one shown as typed stays a
/// number Excel can add up.
#[test]
fn a_value_excel_would_show_otherwise_is_written_as_typed() {
    let mut sheet = filled_project();
    let typed = ["约2000", "007", "¥500.00", "+86"];
    let leaves = [(1, 0), (1, 3), (2, 0), (3, 0)];
    for (text, (g, i)) in typed.iter().zip(leaves) {
        sheet.indicators[g].children[i].children[0].actual = (*text).into();
    }
    let bytes = xlsx::sheet_to_xlsx(&sheet).unwrap();
    let Document::Sheet(back) = xlsx::import(&without_hidden_copy(&bytes), "copy.xlsx")
        .unwrap()
        .document
    else {
        panic!("a sheet was written");
    };
    let read: Vec<&str> = leaves
        .iter()
        .map(|&(g, i)| back.indicators[g].children[i].children[0].actual.as_str())
        .collect();
    assert_eq!(read, typed);
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(&bytes)).unwrap();
    let range = book.worksheet_range("自评表").unwrap();
    assert_eq!(right_of(&range, "验收合格率", 5), Data::Float(0.98));
    assert_eq!(right_of(&range, "约2000", 0), Data::String("约2000".into()));
}

#[test]
fn the_form_stores_numbers_as_numbers() {
    let bytes = xlsx::sheet_to_xlsx(&fixture("seed003_department.sheet.json")).unwrap();
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(&bytes)).unwrap();
    let range = book.worksheet_range("自评表").unwrap();
    assert_eq!(right_of(&range, "总分", 14), Data::Float(90.25));
    // 预算完成率: 全年预算数 as an amount, 完成率 as 0.9366 shown with a percent format.
    assert_eq!(right_of(&range, "预算完成率", 4), Data::Float(16061.02));
    assert_eq!(right_of(&range, "预算完成率", 7), Data::Float(0.9366));
    assert_eq!(right_of(&range, "预算完成率", 8), Data::Float(1.87));
    // A value typed with a comparison stays the text typed.
    assert_eq!(
        right_of(&range, "城市环境提升满意度", 4),
        Data::String("基本满意".into())
    );
    let summary = xlsx::sheet_to_xlsx(&fixture("seed000_summary.sheet.json")).unwrap();
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(&summary)).unwrap();
    let range = book.worksheet_range("汇总表").unwrap();
    assert_eq!(right_of(&range, "合计", 4), Data::Float(23460.84));
    assert_eq!(right_of(&range, "合计", 6), Data::Float(0.9715));
}

#[test]
fn the_printed_layout_reads_back_through_the_column_mapping() {
    // Without the hidden file: the visible form, merged group cells and all.
    let sheet = fixture("seed001_department.sheet.json");
    let mut spreadsheet = read(&xlsx::sheet_to_xlsx(&sheet).unwrap(), "x.xlsx").unwrap();
    spreadsheet.embedded = None;
    let preview = detect(&spreadsheet);
    let mapping = preview.tables[0]
        .mapping
        .clone()
        .expect("the form's header is recognised");
    let back = build(&spreadsheet, &mapping).unwrap();
    assert_eq!(back.meta.title, sheet.meta.title);
    let report = Calculator::new(back.clone()).report();
    assert_eq!(report.totals.total.as_deref(), Some("94.90"));
    let names = |s: &jixiao::model::Sheet| {
        s.indicators
            .iter()
            .map(|n| (n.name.clone(), n.weight.clone(), n.children.len()))
            .collect::<Vec<_>>()
    };
    assert_eq!(names(&back), names(&sheet));

    let summary = fixture("seed000_summary.sheet.json");
    let mut spreadsheet = read(&xlsx::sheet_to_xlsx(&summary).unwrap(), "s.xlsx").unwrap();
    spreadsheet.embedded = None;
    let mapping = detect(&spreadsheet).tables[0].mapping.clone().unwrap();
    let back = build(&spreadsheet, &mapping).unwrap();
    assert_eq!(back.projects.len(), 11);
    let report = Calculator::new(back).report();
    let s = report.summary.unwrap();
    assert_eq!(
        (
            s.totals.budget.as_str(),
            s.totals.spent.as_str(),
            s.totals.rate.as_deref()
        ),
        ("23,460.84", "22,793.18", Some("97.15%"))
    );
}

#[test]
fn csv_summaries_import_and_export() {
    let csv = xlsx::summary_csv(&fixture("seed000_summary.sheet.json"), None).unwrap();
    assert!(csv.starts_with('\u{feff}'));
    assert!(
        csv.contains("合计,,,\"23,460.84\",\"22,793.18\",97.15%"),
        "{}",
        csv.lines().nth(12).unwrap_or("")
    );
    match xlsx::import_auto(csv.as_bytes(), "s.csv").unwrap() {
        Document::Sheet(s) => {
            assert_eq!(s.projects.len(), 11, "the 合计 row is not a project");
            assert_eq!(
                Calculator::new(s)
                    .report()
                    .summary
                    .unwrap()
                    .totals
                    .rate
                    .as_deref(),
                Some("97.15%")
            );
        }
        Document::Workbook(_) => panic!("a CSV holds one table"),
    }
}

#[test]
fn a_sheet_as_csv_lists_its_funds_indicators_and_total() {
    let csv = xlsx::sheet_csv(&fixture("seed001_department.sheet.json")).unwrap();
    let body = csv
        .strip_prefix('\u{feff}')
        .expect("a byte-order mark for Excel");
    assert!(body.ends_with("\r\n"), "every line ends CRLF");
    let lines: Vec<&str> = body.trim_end_matches("\r\n").split("\r\n").collect();
    assert_eq!(
        lines[..6],
        [
            "\"2023年广州市增城区人民政府荔湖街道办事处部门整体支出绩效自评报告\"",
            "\"单位：广州市增城区人民政府荔湖街道办事处\",\"项目：\",\"年度：2023\"",
            "",
            "\"资金\",\"年初预算数（万元）\",\"预算数（万元）\",\"执行数（万元）\",\"执行率\",\"备注\"",
            "\"全年预算（收支合计）\",\"\",\"32,341.81\",\"31,435.28\",\"97.20%\",\"\"",
            "\"其中：基本支出\",\"\",\"3,929.15\",\"3,882.09\",\"98.80%\",\"\"",
        ]
    );
    assert!(lines.contains(&concat!(
        "\"层级\",\"指标名称\",\"分值\",\"计分方法\",\"比较方式\",\"年度指标值\",\"实际完成值\",",
        "\"计量单位\",\"完成率\",\"得分\",\"偏差原因及改进措施\",\"备注\",\"计分说明\""
    )));
    assert!(lines.contains(
        &"\"一级\",\"履职效能\",\"50\",\"\",\"\",\"\",\"\",\"\",\"\",\"48.90\",\"\",\"\",\"\""
    ));
    assert!(lines.contains(&concat!(
        "\"三级\",\"部门预算资金支出率\",\"10\",\"手动评分\",\"\",\"\",\"\",\"\",\"\",\"9.91\",\"\",\"\",",
        "\"手动评分，得9.91分\""
    )));
    assert_eq!(
        lines[lines.len() - 2..],
        ["", "\"总分\",\"94.90\",\"等级\",\"优\""]
    );

    // A project sheet: what was typed, the 完成率, the score and how it was reached.
    let csv = xlsx::sheet_csv(&filled_project()).unwrap();
    assert!(csv.contains(concat!(
                "\r\n\"一级\",\"预算执行率\",\"10\",\"预算执行率（取自资金表第一行）\",\"\",\"\",\"\",\"万元\",",
        "\"93.65%\",\"9.37\",\"尾款未付\",\"\",\"预算执行率为93.65%，未达100%，计算得9.37分\"\r\n"
    )));
    assert!(csv.ends_with("\r\n\r\n\"总分\",\"94.51\",\"等级\",\"优\"\r\n"));
}

/// A table with an error (here 分值 that no longer add up) has a total but no final grade yet:
/// every form written from it leaves the grade out, as the page's printed form does, while
/// the page shows it as provisional.
#[test]
fn no_form_states_a_grade_while_the_table_has_errors() {
    let mut sheet = filled_project();
    let totals = Calculator::new(sheet.clone()).report().totals;
    assert_eq!(totals.final_grade(), Some("优"));
    sheet.indicators[0].weight = "11".into();
    let totals = Calculator::new(sheet.clone()).report().totals;
    assert!(totals.complete && totals.errors > 0, "{totals:?}");
    assert_eq!(
        (totals.grade.as_deref(), totals.final_grade()),
        (Some("优"), None)
    );

    let csv = xlsx::sheet_csv(&sheet).unwrap();
    let last = csv.trim_end().lines().last().unwrap();
    assert!(
        last.starts_with("\"总分\",\"") && last.ends_with(",\"等级\",\"\""),
        "{last}"
    );

    let bytes = xlsx::sheet_to_xlsx(&sheet).unwrap();
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(&bytes)).unwrap();
    let range = book.worksheet_range("自评表").unwrap();
    let grade_cells: Vec<String> = range
        .cells()
        .filter_map(|(_, _, d)| match d {
            Data::String(s) if s.starts_with("等级：") => Some(s.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(grade_cells, ["等级：—"]);

    let report = jixiao::narrative::narrative(&sheet);
    let conclusion = report.sections[2].paragraphs[0].text();
    assert!(
        conclusion.starts_with("经自评")
            && !conclusion.contains("等级为")
            && conclusion.ends_with("（表中尚有错误，总分与等级待定）。"),
        "{conclusion}"
    );

    use std::io::Read;
    let docx = xlsx::report_to_docx(&sheet).unwrap();
    let mut zip = zip::ZipArchive::new(Cursor::new(docx)).unwrap();
    let mut document = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut document)
        .unwrap();
    // Said to be provisional, and why, as the report says it; never the grade.
    assert!(document.contains("自评等级：待定（表中有") && !document.contains("自评等级：优"));
}

/// A sheet's own CSV opened again keeps its 单位, 项目 and 年度 when one of them is blank: the
/// empty `单位：` took the next cell, `项目：老旧小区微改造`, for its value.
#[test]
fn a_sheets_csv_keeps_its_unit_project_and_year_when_one_is_blank() {
    for blank in ["unit", "project", "year"] {
        let mut sheet = filled_project();
        match blank {
            "unit" => sheet.meta.unit.clear(),
            "project" => sheet.meta.project.clear(),
            _ => sheet.meta.year.clear(),
        }
        let csv = xlsx::sheet_csv(&sheet).unwrap();
        let Document::Sheet(back) = xlsx::import_auto(csv.as_bytes(), "表.csv").unwrap() else {
            panic!("a CSV holds one table");
        };
        assert_eq!(
            (&back.meta.unit, &back.meta.project, &back.meta.year),
            (&sheet.meta.unit, &sheet.meta.project, &sheet.meta.year),
            "{blank} blank"
        );
    }
}

#[test]
fn a_sheet_as_csv_makes_formula_like_text_inert() {
    let sheet = load(
        r#"{"format": "jixiao-sheet", "version": 1, "kind": "project",
            "meta": {"title": "=HYPERLINK(\"http://x\",\"点我\")"},
            "indicators": [
              {"name": "@SUM(A1)", "weight": "10", "target": "95%", "actual": "-5%%", "reason": "+1+2"},
              {"name": "不适用", "weight": "10", "target": "1", "not_applicable": true},
              {"name": "加减分", "weight": "5", "rule": {"kind": "adjustment", "bound": "5"}, "score": "-0.50"}
            ]}"#,
    )
    .unwrap();
    let csv = xlsx::sheet_csv(&sheet).unwrap();
    let lines: Vec<&str> = csv.split("\r\n").collect();
    assert_eq!(
        lines[0],
        "\u{feff}\"'=HYPERLINK(\"\"http://x\"\",\"\"点我\"\")\""
    );
    // A project's line: its 实施单位, none here.
    assert_eq!(lines[1], "\"实施单位：\",\"项目：\",\"年度：\"");
    assert!(
        lines[4].starts_with("\"一级\",\"'@SUM(A1)\",\"10\",\"比率法\",\"\",\"95%\",\"'-5%%\","),
        "{}",
        lines[4]
    );
    assert!(lines[4].contains(",\"'+1+2\","), "{}", lines[4]);
    assert!(lines[5].contains(",\"不适用\","), "{}", lines[5]);
    // A negative figure is a number, not a formula: left as the report writes it.
    assert!(lines[6].contains(",\"-0.50\","), "{}", lines[6]);
    assert!(lines.iter().any(|l| l.starts_with("\"折算\",")), "{csv}");
    // Opened again, the text is the one typed, the guard's apostrophe gone.
    let Document::Sheet(back) = xlsx::import_auto(csv.as_bytes(), "表.csv").unwrap() else {
        panic!("a CSV holds one table");
    };
    assert_eq!(back.meta.title, sheet.meta.title);
    let first = &back.indicators[0];
    assert_eq!(
        (
            first.name.as_str(),
            first.actual.as_str(),
            first.reason.as_str()
        ),
        ("@SUM(A1)", "-5%%", "+1+2")
    );
}

/// What is guarded on writing is what is unguarded on reading: text led by a tab comes back
/// without the apostrophe, and text that starts with an apostrophe of its own keeps it.
#[test]
fn a_csv_takes_off_only_the_apostrophes_it_put_on() {
    let mut sheet = filled_project();
    let leaf = &mut sheet.indicators[1].children[0].children[0];
    leaf.reason = "\t说明".into();
    leaf.name = "'-5 是原文".into();
    let csv = xlsx::sheet_csv(&sheet).unwrap();
    let Document::Sheet(back) = xlsx::import_auto(csv.as_bytes(), "表.csv").unwrap() else {
        panic!("a CSV holds one table");
    };
    let leaf = &back.indicators[1].children[0].children[0];
    // (A cell's spaces and tabs around its text are not kept, in any table read.)
    assert_eq!(
        (leaf.name.as_str(), leaf.reason.as_str()),
        ("'-5 是原文", "说明")
    );
}

/// A tab typed in the title, written inside its quotes, does not make the sheet's CSV read as
/// tab-separated: it opens again.
#[test]
fn a_tab_in_a_quoted_title_does_not_change_how_the_csv_is_read() {
    let mut sheet = filled_project();
    sheet.meta.title = "项目支出绩效自评表\t2023".into();
    let csv = xlsx::sheet_csv(&sheet).unwrap();
    let Document::Sheet(back) = xlsx::import_auto(csv.as_bytes(), "表.csv").unwrap() else {
        panic!("a CSV holds one table");
    };
    assert_eq!(scores(&back), scores(&sheet));
}

#[test]
fn an_excel_error_value_in_a_pasted_summary_is_named_at_its_cell() {
    let csv = "序号,单位名称,项目名称,预算数,完成数,分数\n1,甲单位,项目一,100.00,#DIV/0!,90\n2,乙单位,项目二,200.00,190.00,85\n";
    let Document::Sheet(s) = xlsx::import_auto(csv.as_bytes(), "s.csv").unwrap() else {
        panic!("a CSV holds one table");
    };
    assert_eq!(s.projects[0].spent, "#DIV/0!", "kept as it was in the file");
    let calc = Calculator::new(s);
    let messages: Vec<String> = calc.diagnostics().iter().map(|d| d.message()).collect();
    assert!(
        messages
            .iter()
            .any(|m| m.contains("Excel 公式的错误值 #DIV/0!")),
        "{messages:?}"
    );
    let report = calc.report();
    let summary = report.summary.unwrap();
    assert_eq!(
        summary.rows[1].rate.as_deref(),
        Some("95.00%"),
        "the other row still computes"
    );
    // Its finding, in the workbook's 检查结果, names the project: a 汇总表 gathered from
    // several files numbers its 序号 file by file, and 项目第N行 named another row.
    let written = xlsx::sheet_to_xlsx(&calc.to_sheet()).unwrap();
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(written)).unwrap();
    let findings = book.worksheet_range("检查结果").unwrap();
    let places: Vec<String> = findings.rows().skip(1).map(|r| r[1].to_string()).collect();
    assert!(
        places.contains(&"“项目一”（序号1）".to_string()),
        "{places:?}"
    );
}

/// The 检查结果 worksheet names a row of the table by the row Excel shows it on, beside the
/// form: a row without a name (a template's) is 第14行 there, not its place in the tree.
#[test]
fn the_findings_worksheet_names_the_rows_excel_shows() {
    let mut sheet = jixiao::templates::find("project").unwrap().sheet();
    sheet.indicators[1].children[0].children[0].name = "完成户数".into();
    let written = xlsx::sheet_to_xlsx(&sheet).unwrap();
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(written)).unwrap();
    let form = book.worksheet_range("自评表").unwrap();
    let findings = book.worksheet_range("检查结果").unwrap();
    let name_at = |row: usize| form.rows().nth(row - 1).unwrap()[6].to_string();
    let mut seen = (0, 0);
    for line in findings.rows().skip(1) {
        let place = line[1].to_string();
        let Some(number) = place
            .split("第")
            .nth(1)
            .and_then(|p| p.strip_suffix("行）").or_else(|| p.strip_suffix('行')))
        else {
            continue;
        };
        let row: usize = number.parse().unwrap();
        if let Some(name) = place.strip_prefix('“').and_then(|p| p.split('”').next()) {
            assert_eq!(name_at(row), name, "{place}");
            seen.0 += 1;
        } else {
            assert_eq!(name_at(row), "", "{place}: an unnamed row");
            let weight = form.rows().nth(row - 1).unwrap()[7].to_string();
            assert!(!weight.is_empty(), "{place}: a row of the table");
            seen.1 += 1;
        }
    }
    assert!(seen.0 > 0 && seen.1 > 0, "{seen:?}");
}

#[test]
fn malformed_files_give_clear_errors() {
    let cases: Vec<(&[u8], &str, &str)> = vec![
        (b"", "empty.xlsx", "文件是空的"),
        (
            b"PK\x03\x04garbage",
            "bad.xlsx",
            "这不是有效的 Excel 文件（.xlsx）",
        ),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "old.xls", "旧版 .xls"),
        (
            "说明,内容\n这是一份说明,没有表头\n".as_bytes(),
            "notes.csv",
            "没有找到表头",
        ),
    ];
    for (bytes, name, message) in cases {
        let e = xlsx::import_auto(bytes, name).unwrap_err();
        assert!(e.to_string().contains(message), "{name}: {e}");
    }
    // A real file cut short.
    let bytes = xlsx::sheet_to_xlsx(&fixture("seed002_department.sheet.json")).unwrap();
    let e = xlsx::import_auto(&bytes[..bytes.len() / 2], "cut.xlsx").unwrap_err();
    assert!(matches!(e, SpreadsheetError::BadXlsx(_)), "{e}");
}

/// A 项目支出 sheet filled in: 预算执行率 on the top level, a 定性 leaf, ≤ and ≥ rows, an id
/// and a 备注 that the printed form does not show.
/// A block copied from Excel, as the page's paste hands it to the core: rows of cells.
fn pasted(rows: &[&[&str]]) -> xlsx::Spreadsheet {
    let cells = rows
        .iter()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    xlsx::Spreadsheet::of_cells("粘贴的内容", cells)
}

fn filled_project() -> jixiao::model::Sheet {
    fixture("filled_project.json")
}

/// What the scores of a sheet are: the total, the grade, each row's score, rate and status,
/// and each fund's rate.
fn scores(sheet: &jixiao::model::Sheet) -> Vec<String> {
    let report = Calculator::new(sheet.clone()).report();
    let mut out = vec![format!(
        "{:?} {:?}",
        report.totals.total, report.totals.grade
    )];
    out.extend(report.nodes.iter().map(|n| {
        format!(
            "{} {:?} {:?} {:?} {:?}",
            n.name, n.weight, n.score, n.rate, n.status
        )
    }));
    out.extend(
        report
            .funds
            .iter()
            .map(|f| format!("{} {:?}", f.name, f.rate)),
    );
    if let Some(s) = report.summary {
        out.push(format!(
            "{} {} {:?} {:?}",
            s.totals.budget, s.totals.spent, s.totals.rate, s.totals.grades
        ));
    }
    out
}

/// Issue 15 §2, as it happened: a 项目支出 sheet exported, its hidden worksheet removed, imported:
/// 预算执行率 came back as a name alone and the total dropped from 优 to 良. Every form jixiao
/// writes reads back from its visible cells alone to the same scores.
#[test]
fn every_form_reads_back_from_its_visible_cells_alone() {
    let mut sheets: Vec<(String, jixiao::model::Sheet)> = jixiao::templates::TEMPLATES
        .iter()
        .map(|t| (t.id.to_string(), t.sheet()))
        .collect();
    for name in [
        "domain_cases",
        "seed000_summary",
        "seed001_department",
        "seed002_department",
        "seed003_department",
        "seed004_department",
    ] {
        sheets.push((name.to_string(), fixture(&format!("{name}.sheet.json"))));
    }
    sheets.push(("filled project".to_string(), filled_project()));
    for (name, sheet) in &sheets {
        let bytes = without_hidden_copy(&xlsx::sheet_to_xlsx(sheet).unwrap());
        let imported = xlsx::import(&bytes, "copy.xlsx").unwrap_or_else(|e| panic!("{name}: {e}"));
        let Document::Sheet(back) = imported.document else {
            panic!("{name}: a sheet was written");
        };
        assert_eq!(scores(&back), scores(sheet), "{name}");
        assert_eq!(back.kind, sheet.kind, "{name}: kind");
        assert_eq!(back.settings, sheet.settings, "{name}: settings");
        assert_eq!(back.funds.len(), sheet.funds.len(), "{name}: funds");
        if sheet.kind != jixiao::model::SheetKind::Summary {
            assert_eq!(
                (&back.meta.unit, &back.meta.project, &back.meta.year),
                (&sheet.meta.unit, &sheet.meta.project, &sheet.meta.year),
                "{name}"
            );
        }
        // What the form has no place for is named as not come back: 主要问题 and 改进建议 too.
        if !sheet.indicators.is_empty() {
            let said = imported.changes.message().unwrap_or_default();
            assert!(said.contains("主要问题和改进建议"), "{name}: {said}");
        }
    }
    let (_, project) = sheets.last().unwrap();
    assert_eq!(
        Calculator::new(project.clone())
            .report()
            .totals
            .total
            .as_deref(),
        Some("94.51")
    );
}

/// A user's test: seed 003's form saved as CSV by Excel (a merged range's text in its first
/// cell alone) and opened again had its 工作表现加减分, a leaf at the 二级 level whose name the
/// form merges over the 二级 and 三级 columns, come back as a group holding an unnamed leaf.
/// Every form saved so reads back to the same rows and scores.
#[test]
fn a_form_saved_as_csv_by_excel_reads_back_to_the_same_rows() {
    let sheet = fixture("seed003_department.sheet.json");
    let csv = saved_as_csv(&xlsx::sheet_to_xlsx(&sheet).unwrap());
    assert!(
        csv.contains("\r\n,,,工作表现加减分,,,,5,加减分（±5分）,"),
        "the merged name in its first cell alone: {csv}"
    );
    let Document::Sheet(back) = xlsx::import_auto(csv.as_bytes(), "表.csv").unwrap() else {
        panic!("a CSV holds one table");
    };
    let adjustment = |s: &jixiao::model::Sheet| s.indicators[1].children.last().cloned().unwrap();
    let (as_written, as_read) = (adjustment(&sheet), adjustment(&back));
    assert_eq!(
        (
            as_read.name.as_str(),
            as_read.weight.as_str(),
            as_read.children.len()
        ),
        ("工作表现加减分", "5", 0),
        "{as_read:#?}"
    );
    assert_eq!(as_read.rule, as_written.rule);
    assert_eq!(scores(&back), scores(&sheet));
    assert_eq!(back.declared.total, "90.25");

    let templates = jixiao::templates::TEMPLATES
        .iter()
        .map(|t| (t.id.to_string(), t.sheet()));
    let fixtures = ["domain_cases", "seed001_department"]
        .map(|name| (name.to_string(), fixture(&format!("{name}.sheet.json"))));
    let filled = [("filled project".to_string(), filled_project())];
    for (name, sheet) in templates.chain(fixtures).chain(filled) {
        if sheet.indicators.is_empty() {
            continue;
        }
        let csv = saved_as_csv(&xlsx::sheet_to_xlsx(&sheet).unwrap());
        let Document::Sheet(back) = xlsx::import_auto(csv.as_bytes(), "表.csv").unwrap() else {
            panic!("{name}: a CSV holds one table");
        };
        assert_eq!(scores(&back), scores(&sheet), "{name}");
    }
}

/// A workbook keeping last year's sheet of a project: its 汇总表 leaves that sheet out and says
/// so under its table, and opened again (with its hidden copy or from its cells alone) the rows
/// typed into the 汇总表 are all there, each with its own figures, one named like the sheet
/// left out included, and the note is no row and no edit.
#[test]
fn a_workbook_with_last_years_sheet_keeps_its_typed_rows_through_excel() {
    let this_year = filled_project();
    let mut last_year = this_year.clone();
    last_year.meta.year = "2022".into();
    let mut wb = Workbook::new("示例工作簿");
    wb.sheets = vec![last_year, this_year.clone()];
    let typed = |seq: &str, unit: &str, project: &str, spent: &str| jixiao::model::ProjectRow {
        seq: seq.into(),
        unit: unit.into(),
        project: project.into(),
        budget: "100.00".into(),
        spent: spent.into(),
        score: "85.00".into(),
        ..Default::default()
    };
    wb.summary.projects = vec![
        typed("2", "乙单位", "项目X", "90.00"),
        typed("3", "丙单位", "项目Y", "80.00"),
        typed("4", &this_year.meta.unit, &this_year.meta.project, "70.00"),
    ];
    assert_eq!(
        wb.summary_sheet().projects.len(),
        4,
        "one row of the sheets, three typed"
    );
    let bytes = xlsx::workbook_to_xlsx(&wb).unwrap();
    let note = wb.left_out_note().expect("last year's sheet is left out");
    assert!(note.starts_with("未计入本汇总表：“"), "{note}");
    let cells = xlsx::read(&bytes, "wb.xlsx").unwrap();
    assert_eq!(cells.tables[0].name, "汇总表");
    let written: String = cells.tables[0]
        .rows
        .iter()
        .filter_map(|r| {
            r.first()
                .filter(|c| c.starts_with("未计入") || c.starts_with("同一项目"))
        })
        .cloned()
        .collect();
    assert_eq!(
        written, note,
        "the note is on the 汇总表's worksheet, a sentence a row"
    );
    for (how, bytes) in [
        ("with its hidden copy", bytes.clone()),
        ("from its cells", without_hidden_copy(&bytes)),
    ] {
        let imported = xlsx::import(&bytes, "wb.xlsx").unwrap();
        if how == "with its hidden copy" {
            assert_eq!(imported.changes.message(), None, "nothing was edited");
        }
        let Document::Workbook(back) = imported.document else {
            panic!("{how}: a workbook was written");
        };
        let rows: Vec<(&str, &str)> = back
            .summary
            .projects
            .iter()
            .map(|p| (p.project.as_str(), p.spent.as_str()))
            .collect();
        assert_eq!(
            rows,
            [
                ("项目X", "90.00"),
                ("项目Y", "80.00"),
                (this_year.meta.project.as_str(), "70.00")
            ],
            "{how}"
        );
        assert_eq!(back.sheets.len(), 2, "{how}");
        assert_eq!(
            scores(&back.summary_sheet()),
            scores(&wb.summary_sheet()),
            "{how}"
        );
    }
}

#[test]
fn a_workbook_reads_back_from_its_visible_cells_alone() {
    let mut wb = Workbook::new("示例工作簿");
    wb.sheets = vec![filled_project(), fixture("seed003_department.sheet.json")];
    wb.summary.projects = fixture("seed000_summary.sheet.json").projects;
    let bytes = without_hidden_copy(&xlsx::workbook_to_xlsx(&wb).unwrap());
    let Document::Workbook(back) = xlsx::import(&bytes, "wb.xlsx").unwrap().document else {
        panic!("a workbook was written");
    };
    assert_eq!(back.sheets.len(), 2);
    for (b, s) in back.sheets.iter().zip(&wb.sheets) {
        assert_eq!(scores(b), scores(s));
    }
    assert_eq!(scores(&back.summary_sheet()), scores(&wb.summary_sheet()));
}

/// A workbook whose 汇总表 grades by bands of its own (优≥85, one place), exported and reopened
/// from its visible cells: the 汇总表's 计分设置 line was printed but not taken back, so 87.0
/// and 86.5 went from 优 to 良 under a notice saying the scores were not affected.
#[test]
fn a_workbooks_summary_keeps_its_settings_from_its_visible_cells() {
    let sheet = load(
        r#"{"format":"jixiao-sheet","version":2,"kind":"project",
            "meta":{"unit":"甲单位","project":"甲项目","year":"2023"},
            "indicators":[{"name":"产出","weight":"100","rule":{"kind":"manual"},"score":"87","reason":"x"}]}"#,
    )
    .unwrap();
    let mut wb = Workbook::new("wb");
    wb.sheets = vec![sheet];
    wb.summary = load(
        r#"{"format":"jixiao-sheet","version":2,"kind":"summary","meta":{"title":"汇总表"},
            "settings":{"grade_bands":[{"grade":"优","min":"85"},{"grade":"良","min":"75"},
              {"grade":"中","min":"60"},{"grade":"差","min":"0"}],"score_decimals":1},
            "projects":[{"seq":"2","unit":"乙单位","project":"乙项目","budget":"100.00","spent":"90.00","score":"86.5"}]}"#,
    )
    .unwrap();
    let bytes = without_hidden_copy(&xlsx::workbook_to_xlsx(&wb).unwrap());
    let Document::Workbook(back) = xlsx::import(&bytes, "wb.xlsx").unwrap().document else {
        panic!("a workbook was written");
    };
    let rows = Calculator::new(back.summary_sheet())
        .report()
        .summary
        .unwrap()
        .rows;
    let graded: Vec<(Option<&str>, Option<&str>)> = rows
        .iter()
        .map(|r| (r.score.as_deref(), r.grade.as_deref()))
        .collect();
    assert_eq!(
        graded,
        [(Some("87.0"), Some("优")), (Some("86.5"), Some("优"))]
    );
    assert_eq!(back.summary.settings, wb.summary.settings);
}

/// A unit's file holding the forms of two projects, with no 汇总表 in front (here the one
/// written is hidden) and a 检查结果 worksheet among them: both projects are read, as a
/// workbook; the second was dropped without a word, from the page, `batch` and `check`.
#[test]
fn a_file_of_several_projects_forms_reads_every_project() {
    let mut wb = Workbook::new("两个项目");
    let mut second = filled_project();
    second.meta.project = "社区环境整治".into();
    second.indicators[3].children[0].children[0].actual = "92%".into();
    wb.sheets = vec![filled_project(), filled_project(), second];
    let bytes = without_hidden_copy(&xlsx::workbook_to_xlsx(&wb).unwrap());
    let bytes = edited(&bytes, "xl/workbook.xml", |xml| {
        xml.replacen(
            "<sheet name=\"汇总表\"",
            "<sheet state=\"hidden\" name=\"汇总表\"",
            1,
        )
    });
    // The middle worksheet holds findings, not a form.
    let bytes = edited(&bytes, &worksheet_part(3), |xml| {
        let start = xml.find("<sheetData>").unwrap();
        let end = xml.find("</sheetData>").unwrap() + "</sheetData>".len();
        let row = ["级别", "位置", "说明"]
            .iter()
            .zip(["A", "B", "C"])
            .map(|(t, c)| format!("<c r=\"{c}1\" t=\"inlineStr\"><is><t>{t}</t></is></c>"))
            .collect::<String>();
        format!(
            "{}<sheetData><row r=\"1\">{row}</row></sheetData>{}",
            &xml[..start],
            &xml[end..]
        )
    });
    wb.sheets.remove(1);
    let visible = read(&bytes, "两个项目.xlsx").unwrap();
    assert_eq!(visible.tables.len(), 3);
    let Document::Workbook(back) = xlsx::import(&bytes, "两个项目.xlsx").unwrap().document
    else {
        panic!("two projects make a workbook");
    };
    assert_eq!(back.sheets.len(), 2);
    for (b, s) in back.sheets.iter().zip(&wb.sheets) {
        assert_eq!(b.meta.project, s.meta.project);
        assert_eq!(scores(b), scores(s));
    }

    // A 汇总表 placed after the forms is the workbook's still: its typed rows were dropped.
    wb.summary.projects = fixture("seed000_summary.sheet.json").projects[..1].to_vec();
    let bytes = without_hidden_copy(&xlsx::workbook_to_xlsx(&wb).unwrap());
    let bytes = edited(&bytes, "xl/workbook.xml", |xml| {
        let start = xml.find("<sheet name=\"汇总表\"").unwrap();
        let end = start + xml[start..].find("/>").unwrap() + 2;
        let summary = &xml[start..end];
        let rest = format!("{}{}", &xml[..start], &xml[end..]);
        rest.replacen("</sheets>", &format!("{summary}</sheets>"), 1)
    });
    let Document::Workbook(back) = xlsx::import(&bytes, "两个项目.xlsx").unwrap().document
    else {
        panic!("two projects and their 汇总表 make a workbook");
    };
    assert_eq!(back.sheets.len(), 2);
    assert_eq!(back.summary.projects, wb.summary.projects);
}

/// Issue 15 §1, as it happened: `export`, 实际完成值 87.65% changed to 92% in Excel (stored as
/// 0.92 in a percent format), `import`: the old 87.65% came back with no word. The visible
/// cells are the document; the import says which cells it took.
#[test]
fn a_returned_form_keeps_every_edit_and_says_which() {
    let sheet = filled_project();
    let written = xlsx::sheet_to_xlsx(&sheet).unwrap();
    let returned = edited(&written, &worksheet_part(1), |xml| {
        xml.replace("<v>0.8765</v>", "<v>0.92</v>")
    });
    let imported = xlsx::import(&returned, "returned.xlsx").unwrap();
    let Document::Sheet(back) = &imported.document else {
        panic!("a sheet was written");
    };
    let leaf = &back.indicators[3].children[0].children[0];
    assert_eq!(
        (leaf.name.as_str(), leaf.actual.as_str()),
        ("服务对象满意度", "92.00%")
    );
    assert_eq!(
        Calculator::new(back.clone())
            .report()
            .totals
            .total
            .as_deref(),
        Some("94.77")
    );
    assert_eq!(
        imported.changes.message().as_deref(),
        Some("已采用表格中修改过的 1 个单元格：实际完成值（服务对象满意度） 87.65% → 92.00%。")
    );
    // What the form does not show comes from the hidden copy.
    let beneficiaries = &back.indicators[2].children[0].children[0];
    assert_eq!(beneficiaries.id.as_deref(), Some("beneficiaries"));
    assert_eq!(beneficiaries.note, "佐证：花名册");
    let mut expected = sheet.clone();
    expected.indicators[3].children[0].children[0].actual = "92.00%".into();
    assert_eq!(back, &expected, "nothing else changed");
    // Untouched, the file reads back exactly, with nothing to say.
    let untouched = xlsx::import(&written, "out.xlsx").unwrap();
    assert_eq!(untouched.document, Document::Sheet(sheet));
    assert_eq!(untouched.changes.message(), None);
}

/// A 资金 or 汇总表 amount is written as the number the calculator read, in 万元, for Excel to
/// sum: full-width (２８，４１２．６６) or in 元 or 亿元, not the figure typed counted as that
/// many 万元 (1.2345亿 was written 1.2345, 12,345,678.905元 as 12,345,678.905).
#[test]
fn an_amount_is_written_as_the_number_read_in_wan() {
    let mut sheet = fixture("seed001_department.sheet.json");
    sheet.funds[0].budget = "１．２３４５亿".into();
    sheet.funds[0].spent = "12,345,678.905元".into();
    sheet.funds[2].budget = "２８，４１２．６６".into();
    sheet.funds[2].spent = "约三千万".into();
    let written = xlsx::sheet_to_xlsx(&sheet).unwrap();
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(&written)).unwrap();
    let range = book.worksheet_range(&book.sheet_names()[0]).unwrap();
    let row = |name: &str| -> Vec<Data> {
        range
            .rows()
            .find(|r| r.first() == Some(&Data::String(name.into())))
            .unwrap_or_else(|| panic!("no row {name}"))
            .iter()
            .filter(|d| !matches!(d, Data::Empty))
            .cloned()
            .collect()
    };
    let total = row("全年预算（收支合计）");
    assert_eq!(
        total[1..3],
        [Data::Float(12345.0), Data::Float(1234.5678905)],
        "{total:?}"
    );
    let part = row("其中：项目支出");
    assert_eq!(
        part[1..3],
        [Data::Float(28412.66), Data::String("约三千万".into())],
        "{part:?}"
    );

    let mut summary = fixture("seed000_summary.sheet.json");
    summary.projects[0].budget = "4,200,000.125元".into();
    summary.projects[1].budget = "２８，４１２．６６".into();
    let written = xlsx::sheet_to_xlsx(&summary).unwrap();
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(&written)).unwrap();
    let range = book.worksheet_range(&book.sheet_names()[0]).unwrap();
    let budgets: Vec<Data> = range.rows().skip(3).take(2).map(|r| r[4].clone()).collect();
    assert_eq!(budgets, [Data::Float(420.0000125), Data::Float(28412.66)]);
}

/// The 汇总表's rows were written with every place they have (1.2345) but the 合计 under them
/// as `#,##0.00`: on paper, 2.23 under 1.2345 and 1. It shows its own places, as they do.
#[test]
fn a_summary_total_is_shown_with_the_places_of_its_rows() {
    let mut summary = fixture("seed000_summary.sheet.json");
    summary.projects.truncate(2);
    summary.projects[0].budget = "1.2345".into();
    summary.projects[1].budget = "1".into();
    let written = xlsx::sheet_to_xlsx(&summary).unwrap();
    let shown = read(&written, "汇总表.xlsx").unwrap();
    let total = shown.tables[0]
        .rows
        .iter()
        .find(|r| r.first().is_some_and(|c| c == "合计"))
        .expect("a 合计 row");
    assert_eq!(total[4], "2.2345", "{total:?}");
}

/// A form written before amounts were written in 万元 unrounded had a 资金 amount typed in 元
/// (`12,345,678.90元`) as the report's two places, 1234.57 formatted `#,##0.00`, while today's
/// writer, reading its hidden copy again, writes 1234.56789: opened again untouched, it reads
/// as unchanged, the amount as typed. A cell edited in such a form is still taken.
#[test]
fn an_amount_an_older_form_wrote_rounded_reads_as_unchanged() {
    let mut sheet = filled_project();
    sheet.funds[0].budget = "12,345,678.90元".into();
    let written = xlsx::sheet_to_xlsx(&sheet).unwrap();
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(&written)).unwrap();
    let range = book.worksheet_range("自评表").unwrap();
    let (row, column) = range
        .cells()
        .find(|(_, _, d)| **d == Data::Float(1234.56789))
        .map(|(r, c, _)| (r, c))
        .expect("the amount written in 万元");
    let reference = format!("{}{}", (b'A' + column as u8) as char, row + 1);
    let as_old = |value: &str| {
        with_formatted_number(&written, &worksheet_part(1), &reference, value, "#,##0.00")
    };
    let imported = xlsx::import(&as_old("1234.57"), "old.xlsx").unwrap();
    assert_eq!(imported.changes.message(), None);
    assert_eq!(imported.document, Document::Sheet(sheet.clone()));
    // Typed over in the old form: taken.
    let imported = xlsx::import(&as_old("1234.56"), "old.xlsx").unwrap();
    let Document::Sheet(back) = &imported.document else {
        panic!("a sheet was written");
    };
    assert_eq!(back.funds[0].budget, "1,234.56");

    // Typed with more than two places in another unit, the older writer put its digits in the
    // 万元 cell as typed (1.2345 for 1.2345亿, now written 12345): no edit either.
    let mut sheet = filled_project();
    sheet.funds[0].budget = "1.2345亿".into();
    let written = xlsx::sheet_to_xlsx(&sheet).unwrap();
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(&written)).unwrap();
    let range = book.worksheet_range("自评表").unwrap();
    let (row, column) = range
        .cells()
        .find(|(_, _, d)| **d == Data::Float(12345.0))
        .map(|(r, c, _)| (r, c))
        .expect("the amount written in 万元");
    let reference = format!("{}{}", (b'A' + column as u8) as char, row + 1);
    let old = with_formatted_number(
        &written,
        &worksheet_part(1),
        &reference,
        "1.2345",
        "#,##0.0000",
    );
    let imported = xlsx::import(&old, "old.xlsx").unwrap();
    assert_eq!(imported.changes.message(), None);
    assert_eq!(imported.document, Document::Sheet(sheet.clone()));

    // A 汇总表's 预算数 alike.
    let mut summary = fixture("seed000_summary.sheet.json");
    summary.projects[0].budget = "4,200,000.125元".into();
    let written = xlsx::sheet_to_xlsx(&summary).unwrap();
    let returned = with_formatted_number(&written, &worksheet_part(1), "E4", "420", "#,##0.00");
    let imported = xlsx::import(&returned, "old.xlsx").unwrap();
    assert_eq!(imported.changes.message(), None);
    assert_eq!(imported.document, Document::Sheet(summary.clone()));
    summary.projects[0].budget = "4,200,000.125元".into();
    let written = xlsx::sheet_to_xlsx(&summary).unwrap();
    let returned = with_formatted_number(
        &written,
        &worksheet_part(1),
        "E4",
        "4200000.125",
        "#,##0.000",
    );
    let imported = xlsx::import(&returned, "old.xlsx").unwrap();
    assert_eq!(imported.changes.message(), None);
    assert_eq!(imported.document, Document::Sheet(summary));
}

/// A figure typed in Excel with more digits than its cell's format shows (99.5% over a 98%
/// formatted `0%`, which Excel then shows as 100%; 520.4 over a 520 formatted `0`) is read as
/// typed, not as Excel rounds it on screen: the score is the one the figure typed gives, and
/// the edit is said. A 资金 amount typed with more than two decimals is written with them all,
/// so that the form alone, and Excel's own sums, have the amount typed.
#[test]
fn a_figure_typed_with_more_digits_than_its_cell_shows_is_read_as_typed() {
    let mut sheet = filled_project();
    sheet.funds[0].budget = "200.1234".into();
    let written = xlsx::sheet_to_xlsx(&sheet).unwrap();
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(&written)).unwrap();
    let range = book.worksheet_range("自评表").unwrap();
    let funds_row = range
        .rows()
        .find(|r| r.first() == Some(&Data::String("年度资金总额".into())))
        .unwrap();
    assert!(funds_row.contains(&Data::Float(200.1234)), "{funds_row:?}");
    let visible = xlsx::import(&without_hidden_copy(&written), "copy.xlsx").unwrap();
    let Document::Sheet(back) = &visible.document else {
        panic!("a sheet was written");
    };
    assert_eq!(scores(back), scores(&sheet));

    // The 实际完成值 column is L, the 得分 column O.
    let in_column = |xml: &str, column: char, from: &str, to: &str| {
        let at = xml
            .match_indices(&format!("<v>{from}</v>"))
            .map(|(i, _)| i)
            .find(|&i| {
                xml[..i]
                    .rfind("<c r=\"")
                    .is_some_and(|c| xml[c + 6..].starts_with(column))
            })
            .expect("the cell");
        format!("{}<v>{to}</v>{}", &xml[..at], &xml[at + from.len() + 7..])
    };
    let in_column_l = |xml: &str, from: &str, to: &str| in_column(xml, 'L', from, to);
    let returned = edited(&written, &worksheet_part(1), |xml| {
        in_column_l(&in_column_l(xml, "0.98", "0.995"), "520", "520.4")
    });
    // Results written to more places than two (a sheet that keeps 3 decimals) under the form's
    // `0.00`: untouched, the form comes back with nothing said.
    let mut three = sheet.clone();
    three.settings.score_decimals = 3;
    three.settings.rate_decimals = 3;
    let untouched = xlsx::import(&xlsx::sheet_to_xlsx(&three).unwrap(), "out.xlsx").unwrap();
    assert_eq!(untouched.changes.message(), None);
    assert!(untouched.document == Document::Sheet(three.clone()));

    for (bytes, hidden_copy) in [
        (returned.clone(), true),
        (without_hidden_copy(&returned), false),
    ] {
        let imported = xlsx::import(&bytes, "returned.xlsx").unwrap();
        let Document::Sheet(back) = &imported.document else {
            panic!("a sheet was written");
        };
        let leaf = |g: usize, i: usize| &back.indicators[1].children[g].children[i];
        assert_eq!(
            (leaf(1, 0).actual.as_str(), leaf(3, 0).actual.as_str()),
            ("99.5%", "520.4"),
            "hidden copy: {hidden_copy}"
        );
        let mut expected = sheet.clone();
        expected.indicators[1].children[1].children[0].actual = "99.5%".into();
        expected.indicators[1].children[3].children[0].actual = "520.4".into();
        assert_eq!(
            scores(back),
            scores(&expected),
            "hidden copy: {hidden_copy}"
        );
        if hidden_copy {
            assert_eq!(
                imported.changes.message().as_deref(),
                Some("已采用表格中修改过的 2 个单元格：实际完成值（验收合格率） 98% → 99.5%；实际完成值（单位成本） 520 → 520.4。")
            );
        }
    }

    // A worked-out figure typed over is declared as its cell shows it, as it prints: 单位成本's
    // 得分 9.6 typed as 9.7389 in its `0.00` cell declares 9.74, as a unit's formulas would.
    let returned = edited(&written, &worksheet_part(1), |xml| {
        in_column(xml, 'O', "9.6", "9.7389")
    });
    for (bytes, hidden_copy) in [
        (returned.clone(), true),
        (without_hidden_copy(&returned), false),
    ] {
        let imported = xlsx::import(&bytes, "returned.xlsx").unwrap();
        let Document::Sheet(back) = &imported.document else {
            panic!("a sheet was written");
        };
        let cost = &back.indicators[1].children[3].children[0];
        assert_eq!(
            cost.declared.score.as_str(),
            "9.74",
            "hidden copy: {hidden_copy}"
        );
    }

    // But a 得分 typed on a row scored by hand is its input, read as typed: 长效机制 (定性)
    // typed 7.125 over its 7.00.
    let returned = edited(&written, &worksheet_part(1), |xml| {
        in_column(xml, 'O', "7", "7.125")
    });
    for (bytes, hidden_copy) in [
        (returned.clone(), true),
        (without_hidden_copy(&returned), false),
    ] {
        let Document::Sheet(back) = xlsx::import(&bytes, "returned.xlsx").unwrap().document else {
            panic!("a sheet was written");
        };
        let lasting = &back.indicators[2].children[1].children[0];
        assert_eq!(
            (lasting.name.as_str(), lasting.score.as_str()),
            ("长效机制", "7.125"),
            "hidden copy: {hidden_copy}"
        );
    }

    // A sheet that keeps three places reads back from its visible cells as it computes: its
    // review finds nothing to say.
    let Document::Sheet(back) = xlsx::import(
        &without_hidden_copy(&xlsx::sheet_to_xlsx(&three).unwrap()),
        "copy.xlsx",
    )
    .unwrap()
    .document
    else {
        panic!("a sheet was written");
    };
    let review = jixiao::review::check(&back);
    assert_eq!(
        review.figures, review.reproduced,
        "{:#?}",
        review.differences
    );
}

/// A unit that rewords a header cell or two of the returned form (`实际完成值（2023年）`,
/// `自评得分`, `资金情况（万元）`, `2023年全年预算数`) has moved no column: the form reads back
/// whole, the values typed under the reworded headers taken, with its hidden copy and without.
/// Before, one reworded header lost the whole indicator table ("删除 17 行"), or the 资金 block
/// with the 预算执行率 scored from it.
#[test]
fn a_reworded_header_still_reads_as_the_forms_columns() {
    let sheet = filled_project();
    let written = xlsx::sheet_to_xlsx(&sheet).unwrap();
    let row_of = |text: &str| form_row(&written, text);
    let (header, leaf) = (row_of("计分说明"), row_of("完成改造面积"));
    let (funds, total) = (row_of("年初预算数"), row_of("年度资金总额"));
    let returned = edited(&written, &worksheet_part(1), |xml| {
        let xml = with_text(xml, &format!("L{header}"), "实际完成值（2023年）");
        let xml = with_text(&xml, &format!("O{header}"), "自评得分");
        let xml = with_text(&xml, &format!("L{leaf}"), "2050");
        let xml = with_text(&xml, &format!("A{funds}"), "资金情况（万元）");
        let xml = with_text(&xml, &format!("G{funds}"), "2023年全年预算数");
        with_text(&xml, &format!("G{total}"), "210")
    });
    let mut expected = sheet.clone();
    expected.indicators[1].children[0].children[0].actual = "2050".into();
    expected.funds[0].budget = "210".into();
    let imported = xlsx::import(&returned, "returned.xlsx").unwrap();
    let Document::Sheet(back) = &imported.document else {
        panic!("a sheet was written");
    };
    assert_eq!(back, &expected);
    assert_eq!(
        imported.changes.message().as_deref(),
        Some("已采用表格中修改过的 2 个单元格：全年预算数（年度资金总额） 200.00 → 210；实际完成值（完成改造面积） 2100 → 2050。")
    );
    let visible = xlsx::import(&without_hidden_copy(&returned), "copy.xlsx").unwrap();
    let Document::Sheet(copy) = &visible.document else {
        panic!("a sheet was written");
    };
    assert_eq!(scores(copy), scores(&expected));

    // Two headers swapped name their columns anew, no rewording: the columns are read by
    // their headings (as Excel moves a column with its heading), each change said.
    let swapped = edited(&written, &worksheet_part(1), |xml| {
        let xml = with_text(xml, &format!("K{header}"), "实际完成值");
        with_text(&xml, &format!("L{header}"), "年度指标值")
    });
    let imported = xlsx::import(&swapped, "returned.xlsx").unwrap();
    assert_eq!(imported.changes.unreadable, Vec::<String>::new());
    let Document::Sheet(back) = &imported.document else {
        panic!("a sheet was written");
    };
    let area = &back.indicators[1].children[0].children[0];
    assert_eq!(
        (area.target.as_str(), area.actual.as_str()),
        ("2100", "2000")
    );
    assert!(imported
        .changes
        .message()
        .unwrap()
        .contains("年度指标值（完成改造面积） 2000 → 2100"));
}

/// A 计分方法 typed in Excel in words that name no rule (`区间法`, where the form writes
/// `区间计分（…）`) is said and not taken: the row keeps its rule, not one guessed from the
/// words; the words are kept in 备注 when the form is read without its copy.
#[test]
fn a_rule_typed_in_words_it_cannot_read_is_said_and_the_rule_kept() {
    let sheet = filled_project();
    let written = xlsx::sheet_to_xlsx(&sheet).unwrap();
    let row = form_row(&written, "完成改造面积");
    let returned = edited(&written, &worksheet_part(1), |xml| {
        with_text(xml, &format!("I{row}"), "区间法")
    });
    let imported = xlsx::import(&returned, "returned.xlsx").unwrap();
    let Document::Sheet(back) = &imported.document else {
        panic!("a sheet was written");
    };
    assert_eq!(back, &sheet, "nothing taken");
    assert_eq!(
        imported.changes.message().as_deref(),
        Some("1 个计分方法无法识别，未采用，计分方法不变（可写：比率法、阶梯扣分（每5%扣0.5分）、区间计分（按完成率：90%≤x得5分；80%≤x<90%得4分）、按次扣分（每次扣1分）、定性评价、是否判断、手动评分、加减分；或在计算器中选择）：计分方法（完成改造面积） 比率法 → 区间法。")
    );
    let visible = xlsx::import(&without_hidden_copy(&returned), "copy.xlsx").unwrap();
    let Document::Sheet(copy) = &visible.document else {
        panic!("a sheet was written");
    };
    let leaf = &copy.indicators[1].children[0].children[0];
    assert_eq!(
        (leaf.note.as_str(), leaf.rule.is_none()),
        ("计分方法：区间法", true)
    );
    assert_eq!(scores(copy), scores(&sheet));
}

/// A returned form reshaped in Excel as units do: a column inserted for their own notes, two
/// swapped, the worksheet renamed, a copy of it added. The edit on it (验收合格率 98% → 95%) is
/// taken every time, or the worksheet it is on is named, never dropped in silence.
#[test]
fn a_form_with_columns_moved_or_its_worksheet_renamed_keeps_its_edits() {
    let sheet = filled_project();
    let written = xlsx::sheet_to_xlsx(&sheet).unwrap();
    let form = xlsx::read(&written, "returned.xlsx").unwrap();
    let Some(Ok(hidden)) = xlsx::embedded_document(&form) else {
        panic!("the form carries its sheet");
    };
    let table = &form.tables[0];
    // 验收合格率's 实际完成值 (column L), on row 15.
    let (row, column) = (14, 11);
    assert_eq!(table.rows[row][6], "验收合格率");
    // What every reading below must give: the one edit taken, nothing else.
    let mut expected = sheet.clone();
    expected.indicators[1].children[1].children[0].actual = "95%".into();
    let edited = |reshape: &dyn Fn(&mut xlsx::Spreadsheet)| {
        let mut returned = form.clone();
        returned.tables[0].rows[row][column] = "95%".into();
        reshape(&mut returned);
        let imported = xlsx::merge(&returned, hidden.clone()).unwrap();
        let Document::Sheet(back) = imported.document else {
            panic!("a sheet");
        };
        let message = imported.changes.message().unwrap_or_default();
        (back, imported.changes.adopted.len(), message)
    };
    let insert = |r: &mut xlsx::Spreadsheet| {
        for (i, line) in r.tables[0].rows.iter_mut().enumerate() {
            let text = if i == 12 {
                "单位备注"
            } else if i == row {
                "自己的话"
            } else {
                ""
            };
            line.insert(12, text.to_string());
        }
    };
    // 偏差原因及改进措施 and 计分说明, each with something written in it on some row.
    let swap = |r: &mut xlsx::Spreadsheet| {
        for line in r.tables[0].rows.iter_mut() {
            line.swap(15, 16);
        }
    };
    let rename = |r: &mut xlsx::Spreadsheet| r.tables[0].name = "Sheet1".into();

    let (back, adopted, message) = edited(&insert);
    assert_eq!((back, adopted), (expected.clone(), 1), "{message}");
    assert!(
        message.contains("已采用表格中修改过的 1 个单元格：实际完成值（验收合格率） 98% → 95%")
            && message.contains("表格中新增的列未读取：“自评表”的“单位备注”"),
        "{message}"
    );
    let (back, adopted, message) = edited(&swap);
    assert_eq!((back, adopted), (expected.clone(), 1), "{message}");
    // A column after the form's, without a heading: named by its letter.
    let (back, _, message) = edited(&|r| {
        for (i, line) in r.tables[0].rows.iter_mut().enumerate() {
            line.resize(17, String::new());
            line.push(if i == row {
                "写在表外".into()
            } else {
                String::new()
            });
        }
    });
    assert_eq!(back, expected.clone());
    assert!(
        message.contains("表格中新增的列未读取：“自评表”的“R列”"),
        "{message}"
    );
    let (back, _, message) = edited(&|r| {
        rename(r);
        insert(r);
    });
    assert_eq!(back, expected.clone(), "{message}");
    assert!(
        message.contains("工作表“自评表”已改名为“Sheet1”，已按改名后的工作表读取"),
        "{message}"
    );
    // The edit made on a copy of the worksheet: the copy is named, not read.
    let (back, _, message) = edited(&|r| {
        let mut copy = r.tables[0].clone();
        copy.name = "自评表 (2)".into();
        r.tables[0] = form.tables[0].clone();
        r.tables.push(copy);
    });
    assert_eq!(back, sheet.clone());
    assert!(
        message.contains("文件中另有工作表“自评表 (2)”，未读取"),
        "{message}"
    );
    // Cells inserted in the table alone, the 资金 block above it left where it was: not read
    // in an order that would take the block's figures from other columns.
    let (back, _, message) = edited(&|r| {
        let header = r.tables[0]
            .rows
            .iter()
            .position(|l| l[0] == "一级指标")
            .unwrap();
        for line in &mut r.tables[0].rows[header..] {
            line.insert(3, String::new());
        }
    });
    assert_eq!(back, sheet.clone());
    assert!(message.contains("版式改动较大"), "{message}");
    // Another worksheet gone and an unrelated one added: no rename.
    let (back, _, message) = edited(&|r| {
        r.tables[0].name = "说明".into();
        r.tables[0].rows[1][0] = "本文件的说明".into();
    });
    assert_eq!(back, sheet.clone());
    assert!(
        message.contains("文件中没有工作表“自评表”") && message.contains("另有工作表“说明”"),
        "{message}"
    );
}

/// A 定性 row's cell edited in the returned form: a level changed after the words is taken (it
/// was dropped, with nothing said), and words that are no level (较好) stay as typed, read as
/// the form's cells alone read them.
#[test]
fn a_qualitative_cell_edited_in_a_returned_form_is_read_as_its_cells_alone() {
    use jixiao::model::Level;
    let mut sheet = filled_project();
    sheet.indicators[2].children[1].children[0].actual = "2023-11-30前出台".into();
    let written = xlsx::sheet_to_xlsx(&sheet).unwrap();
    let row = form_row(&written, "长效机制");
    for (typed, actual, level) in [
        (
            "2023-11-30前出台（达成）",
            "2023-11-30前出台",
            Some(Level::Met),
        ),
        (
            "2024-01-31前出台（部分达成）",
            "2024-01-31前出台",
            Some(Level::Partly),
        ),
        ("较好", "较好", None),
    ] {
        let returned = edited(&written, &worksheet_part(1), |xml| {
            with_text(xml, &format!("L{row}"), typed)
        });
        let imported = xlsx::import(&returned, "returned.xlsx").unwrap();
        let alone = xlsx::import(&without_hidden_copy(&returned), "copy.xlsx").unwrap();
        for document in [&imported.document, &alone.document] {
            let Document::Sheet(back) = document else {
                panic!("a sheet");
            };
            let leaf = &back.indicators[2].children[1].children[0];
            assert_eq!(
                (leaf.actual.as_str(), leaf.level),
                (actual, level),
                "{typed}"
            );
        }
        let message = imported.changes.message().unwrap_or_default();
        assert!(
            message.contains(&format!(
                "实际完成值（长效机制） 2023-11-30前出台（部分达成） → {typed}"
            )),
            "{message}"
        );
    }
}

/// A 合计 row a unit typed above the form's 总分 is no edit of the 总分 row.
#[test]
fn a_sum_row_typed_above_the_total_is_no_edit_of_it() {
    let sheet = filled_project();
    let written = xlsx::sheet_to_xlsx(&sheet).unwrap();
    let mut returned = xlsx::read(&written, "returned.xlsx").unwrap();
    let Some(Ok(hidden)) = xlsx::embedded_document(&returned) else {
        panic!("the form carries its sheet");
    };
    let rows = &mut returned.tables[0].rows;
    let total = rows.iter().position(|r| r[0] == "总分").unwrap();
    let mut sum = vec![String::new(); rows[total].len()];
    (sum[0], sum[1], sum[7], sum[14]) = ("合计".into(), "100".into(), "100".into(), "94.51".into());
    rows.insert(total, sum);
    let imported = xlsx::merge(&returned, hidden).unwrap();
    assert_eq!(imported.document, Document::Sheet(sheet));
    let message = imported.changes.message().unwrap_or_default();
    assert!(!message.contains("总分 总分"), "{message}");
}

#[test]
fn not_applicable_typed_over_a_score_is_one_change() {
    let sheet = filled_project();
    let written = xlsx::sheet_to_xlsx(&sheet).unwrap();
    // 验收合格率's 得分, on the form's row 15.
    let returned = edited(&written, &worksheet_part(1), |xml| {
        with_text(xml, "O15", "不适用")
    });
    let imported = xlsx::import(&returned, "returned.xlsx").unwrap();
    let Document::Sheet(back) = &imported.document else {
        panic!("a sheet was written");
    };
    let leaf = &back.indicators[1].children[1].children[0];
    assert_eq!(leaf.name, "验收合格率");
    assert!(leaf.not_applicable);
    assert_eq!(leaf.declared, Default::default(), "no score declared blank");
    assert_eq!(
        imported.changes.message().as_deref(),
        Some("已采用表格中修改过的 1 个单元格：得分（验收合格率） 空 → 不适用。")
    );

    // And back: a score typed over 不适用 un-marks the row and is the unit's declared score.
    let written = xlsx::sheet_to_xlsx(back).unwrap();
    let returned = edited(&written, &worksheet_part(1), |xml| {
        with_text(xml, "O15", "9.5")
    });
    let imported = xlsx::import(&returned, "returned.xlsx").unwrap();
    let Document::Sheet(again) = &imported.document else {
        panic!("a sheet was written");
    };
    let leaf = &again.indicators[1].children[1].children[0];
    assert!(!leaf.not_applicable);
    assert_eq!(leaf.declared.score, "9.5");
}

#[test]
fn an_edited_result_is_kept_as_the_units_declared_figure() {
    let sheet = filled_project();
    let written = xlsx::sheet_to_xlsx(&sheet).unwrap();
    // The 总分 94.51 typed over as 99; 9.6 is both 成本指标's subtotal and 单位成本's score;
    // 产出指标's 49.4 is a cell merged over its four rows.
    let returned = edited(&written, &worksheet_part(1), |xml| {
        xml.replace("<v>94.51</v>", "<v>99</v>")
            .replace("<v>9.6</v>", "<v>10</v>")
            .replace("<v>49.4</v>", "<v>50</v>")
    });
    let imported = xlsx::import(&returned, "returned.xlsx").unwrap();
    let Document::Sheet(back) = &imported.document else {
        panic!("a sheet was written");
    };
    // Nothing scored changes: the figures typed over ours are kept beside them, and so is
    // every figure the form prints as we wrote it, the unit's all the same (as the form's
    // cells alone read).
    assert_eq!(scores(back), scores(&sheet));
    let output = &back.indicators[1];
    let cost = &output.children[3];
    let quality = &output.children[1];
    assert_eq!(
        [
            &output.declared.score,
            &cost.declared.score,
            &cost.children[0].declared.score,
            &cost.children[0].declared.rate,
            &quality.declared.score,
            &quality.children[0].declared.score,
            &quality.children[0].declared.rate,
        ]
        .map(|t| t.as_str()),
        ["50.00", "10.00", "10.00", "96.00%", "9.80", "9.80", "98.00%"]
    );
    assert_eq!(
        (back.declared.total.as_str(), back.declared.grade.as_str()),
        ("99.00", "优")
    );
    fn undeclared(nodes: &mut [jixiao::model::Node]) {
        for n in nodes {
            n.declared = Default::default();
            undeclared(&mut n.children);
        }
    }
    let mut rest = back.clone();
    undeclared(&mut rest.indicators);
    rest.funds
        .iter_mut()
        .for_each(|f| f.declared = Default::default());
    rest.declared = Default::default();
    assert_eq!(rest, sheet, "nothing else taken");
    let message = imported.changes.message().unwrap();
    assert!(
        message.starts_with("4 个计算结果单元格被改动，已作为申报数保留"),
        "{message}"
    );
    for change in [
        "得分（产出指标） 49.40 → 50.00",
        "得分（成本指标） 9.60 → 10.00",
        "得分（单位成本） 9.60 → 10.00",
        "总分 94.51 → 99.00",
    ] {
        assert!(message.contains(change), "{change}: {message}");
    }
    // And a reviewer sees where they differ.
    let review = jixiao::review::check(back);
    // The figures left as written count: 22 of 26 reproduced, and the whole-number rounding
    // that would explain the 10 is said not to explain the table, whose 9.80 stands against it.
    assert_eq!(
        (
            review.figures,
            review.reproduced,
            review.explained,
            review.unexplained
        ),
        (26, 22, 3, 1)
    );
    let cost = review
        .differences
        .iter()
        .find(|d| d.name == "单位成本")
        .unwrap();
    assert_eq!(cost.convention, Some("score_whole_number"));
    assert!(
        cost.message.contains("此约定不能解释整张表"),
        "{}",
        cost.message
    );
    assert_eq!(cost.consequences[0].name, "成本指标");
}

#[test]
fn a_returned_workbook_keeps_the_edits_of_each_worksheet() {
    let mut wb = Workbook::new("示例工作簿");
    wb.sheets = vec![filled_project(), fixture("seed003_department.sheet.json")];
    wb.summary.projects = fixture("seed000_summary.sheet.json").projects;
    let written = xlsx::workbook_to_xlsx(&wb).unwrap();
    // The second project's spending (15,042.65 → 15,500, in its 资金 block and its 预算完成率
    // row) in its own worksheet, and a typed 汇总表 row's 预算数 (420.00 → 430); the first row
    // of the 汇总表 is the first sheet's, computed from it.
    let returned = edited(&written, &worksheet_part(3), |xml| {
        xml.replace("<v>15042.65</v>", "<v>15500</v>")
    });
    let returned = edited(&returned, &worksheet_part(1), |xml| {
        xml.replacen("<v>420</v>", "<v>430</v>", 1)
            .replacen("<v>187.3</v>", "<v>190</v>", 1)
    });
    let imported = xlsx::import(&returned, "returned.xlsx").unwrap();
    let Document::Workbook(back) = &imported.document else {
        panic!("a workbook was written");
    };
    let rate = &back.sheets[1].indicators[0].children[0].children[0];
    assert_eq!(rate.actual, "15,500.00");
    assert_eq!(back.sheets[1].funds[0].spent, "15,500.00");
    assert_eq!(back.summary.projects[0].budget, "430.00");
    let changes = &imported.changes;
    assert_eq!(changes.adopted.len(), 3, "{changes:?}");
    assert_eq!(
        changes
            .from_sheets
            .iter()
            .map(|c| c.field)
            .collect::<Vec<_>>(),
        ["完成数"],
        "the first row is the first sheet's, computed: {changes:?}"
    );
    assert!(changes.ignored.is_empty(), "{changes:?}");
    let said = changes.message().unwrap_or_default();
    assert!(
        said.contains("汇总表中来自本工作簿表格的行有 1 个单元格被改动，未采用（这些行由各项目的表格得出，请在该项目自己的工作表中修改）"),
        "{said}"
    );
}

/// A typed 汇总表 row the form's reader passes over (left blank after ＋ 添加项目, or with
/// neither 项目 nor 预算数) is in the hidden copy only: a returned form keeps it and every
/// project after it. (It once took the place of the project below it, and the last project
/// was dropped, the 合计 with it.)
#[test]
fn a_summary_with_a_blank_row_comes_back_whole_from_excel() {
    let mut summary = fixture("seed000_summary.sheet.json");
    let only_a_problem = jixiao::model::ProjectRow {
        problems: "待补充项目名称".into(),
        ..Default::default()
    };
    summary.projects.insert(0, Default::default());
    summary.projects.insert(5, only_a_problem);
    let written = xlsx::sheet_to_xlsx(&summary).unwrap();
    let back = xlsx::import(&written, "汇总.xlsx").unwrap();
    assert_eq!(back.changes.message(), None);
    assert_eq!(back.document, Document::Sheet(summary.clone()));
    // With an edit in Excel: the row edited is the one that was, the rest as they were.
    // (The header is row 3; the 问题 column J.)
    let problems = format!("J{}", 3 + summary.projects.len());
    let returned = edited(&written, &worksheet_part(1), |xml| {
        with_text(xml, &problems, "已整改")
    });
    let back = xlsx::import(&returned, "汇总.xlsx").unwrap();
    let Document::Sheet(back) = back.document else {
        panic!("a 汇总表 was written");
    };
    assert_eq!(back.projects.len(), summary.projects.len());
    assert_eq!(back.projects.last().unwrap().problems, "已整改");
    assert_eq!(
        back.projects[..back.projects.len() - 1],
        summary.projects[..summary.projects.len() - 1]
    );
    // In a workbook, below the rows of its sheets.
    let mut wb = Workbook::new("示例工作簿");
    wb.sheets = vec![filled_project()];
    wb.summary.projects = vec![Default::default(), summary.projects[1].clone()];
    let back = xlsx::import(&xlsx::workbook_to_xlsx(&wb).unwrap(), "wb.xlsx").unwrap();
    assert_eq!(back.changes.message(), None);
    assert_eq!(back.document, Document::Workbook(wb));
}

/// A review found: the blank row filled in on its own line in Excel came back as a new row
/// beside the blank one, and a row the form does not show moved when a row above it was
/// deleted. Filled in on its line, it is that row; otherwise it stays after the row it followed.
#[test]
fn a_summarys_rows_the_form_does_not_show_keep_their_places() {
    let mut summary = fixture("seed000_summary.sheet.json");
    let half = jixiao::model::ProjectRow {
        problems: "待补充项目名称".into(),
        ..Default::default()
    };
    summary.projects.insert(0, Default::default());
    summary.projects.insert(3, half.clone());
    let written = xlsx::sheet_to_xlsx(&summary).unwrap();
    let header = |t: &xlsx::Table| {
        t.rows
            .iter()
            .position(|r| r.first().is_some_and(|c| c == "序号"))
            .unwrap()
    };
    // Its line filled in (and a header reworded, as the form's reader allows).
    let mut returned = read(&written, "汇总.xlsx").unwrap();
    let table = &mut returned.tables[0];
    let line = header(table) + 1;
    table.rows[line - 1][2] = "项目名称（全称）".into();
    for (c, typed) in [(2, "新项目"), (4, "10.00"), (5, "9.00")] {
        table.rows[line][c] = typed.into();
    }
    let imported = xlsx::merge(&returned, Document::Sheet(summary.clone())).unwrap();
    let Document::Sheet(back) = &imported.document else {
        panic!("a 汇总表");
    };
    assert_eq!(imported.changes.rows_added, 0, "{:?}", imported.changes);
    assert_eq!(back.projects.len(), summary.projects.len());
    let first = &back.projects[0];
    assert_eq!(
        (
            first.project.as_str(),
            first.budget.as_str(),
            first.spent.as_str()
        ),
        ("新项目", "10.00", "9.00")
    );
    assert_eq!(back.projects[1..], summary.projects[1..]);
    assert!(imported
        .changes
        .message()
        .unwrap_or_default()
        .contains("新项目"));
    // A row above the half row deleted: it stays after the one it followed.
    let mut returned = read(&written, "汇总.xlsx").unwrap();
    let table = &mut returned.tables[0];
    let line = header(table) + 2;
    table.rows.remove(line);
    let imported = xlsx::merge(&returned, Document::Sheet(summary.clone())).unwrap();
    let Document::Sheet(back) = &imported.document else {
        panic!("a 汇总表");
    };
    let mut expected = summary.projects.clone();
    expected.remove(1);
    assert_eq!(back.projects, expected);
}

/// A 汇总表 written with the note of the sheets its workbook leaves out, under its 合计, is
/// compared with its hidden copy as one without: a 合计 typed over in Excel is still said.
#[test]
fn a_summary_with_its_note_still_says_an_edited_total() {
    let summary = fixture("seed000_summary.sheet.json");
    let note = "未计入本汇总表：“某项目”的2022年度表格（计入的是它2023年度的表格）。同一项目有几个年度的表格时，汇总表只计一个年度的。";
    let written = xlsx::summary_to_xlsx(&summary, Some(note)).unwrap();
    let budget = Calculator::new(summary.clone())
        .report()
        .summary
        .unwrap()
        .totals
        .budget
        .replace(',', "");
    let returned = edited(&written, &worksheet_part(1), |xml| {
        assert!(
            xml.contains(&format!("<v>{budget}</v>")),
            "the 合计 is written as a number"
        );
        xml.replace(&format!("<v>{budget}</v>"), "<v>99999</v>")
    });
    let message = xlsx::import(&returned, "汇总.xlsx")
        .unwrap()
        .changes
        .message()
        .unwrap_or_default();
    assert!(
        message.contains("未采用") && message.contains("99,999.00"),
        "{message}"
    );
    assert_eq!(
        xlsx::import(&written, "汇总.xlsx")
            .unwrap()
            .changes
            .message(),
        None
    );
}

/// A review found: a returned workbook's 汇总表 sorted by 分数 in Excel counted a sheet's row as
/// a typed project, lost a typed one and doubled the 合计. Rows are matched by 单位 and 项目.
#[test]
fn a_returned_summary_sorted_in_excel_keeps_every_project_once() {
    let mut wb = Workbook::new("示例工作簿");
    wb.sheets = vec![filled_project(), fixture("seed003_department.sheet.json")];
    wb.summary.projects = fixture("seed000_summary.sheet.json").projects;
    let totals = |w: &Workbook| {
        let report = Calculator::new(w.summary_sheet()).report();
        let s = report.summary.unwrap();
        (s.totals.budget, s.totals.spent, s.rows.len())
    };
    let written = xlsx::workbook_to_xlsx(&wb).unwrap();
    let mut returned = read(&written, "wb.xlsx").unwrap();
    let summary = &mut returned.tables[0];
    let header = summary
        .rows
        .iter()
        .position(|r| r.first().is_some_and(|c| c == "序号"))
        .unwrap();
    let total = summary
        .rows
        .iter()
        .position(|r| r.first().is_some_and(|c| c == "合计"))
        .unwrap();
    // Sorted by 分数 (column 7), highest first, as Excel sorts the rows between header and 合计.
    summary.rows[header + 1..total].sort_by(|a, b| b[7].cmp(&a[7]));
    let imported = xlsx::merge(&returned, Document::Workbook(wb.clone())).unwrap();
    let Document::Workbook(back) = &imported.document else {
        panic!("a workbook");
    };
    assert_eq!(totals(back), totals(&wb));
    assert_eq!(back.sheets, wb.sheets);
    let mut projects: Vec<&str> = back
        .summary
        .projects
        .iter()
        .map(|p| p.project.as_str())
        .collect();
    let mut expected: Vec<&str> = wb
        .summary
        .projects
        .iter()
        .map(|p| p.project.as_str())
        .collect();
    projects.sort();
    expected.sort();
    assert_eq!(projects, expected);
    assert!(
        imported.changes.adopted.is_empty(),
        "{:?}",
        imported.changes
    );

    // A sheet's row deleted in Excel is kept, and said.
    let mut returned = read(&written, "wb.xlsx").unwrap();
    let at = returned.tables[0]
        .rows
        .iter()
        .position(|r| r.get(2).is_some_and(|c| c == "老旧小区微改造"))
        .unwrap();
    returned.tables[0].rows.remove(at);
    let imported = xlsx::merge(&returned, Document::Workbook(wb.clone())).unwrap();
    assert_eq!(imported.changes.kept, ["老旧小区微改造"]);
    assert!(imported
        .changes
        .message()
        .unwrap()
        .contains("由工作簿的表格计算的 1 行被删除，未采用：老旧小区微改造"));
}

/// jixiao's own exports carry the figures they print: read back as the unit's declared figures
/// (the worksheet alone, or the CSV), they check with no difference, and the CSV reads back to
/// the same tree and scores.
#[test]
fn an_export_checks_back_without_a_difference() {
    for name in [
        "seed001_department",
        "seed003_department",
        "seed004_department",
        "domain_cases",
    ] {
        let sheet = fixture(&format!("{name}.sheet.json"));
        let copy = without_hidden_copy(&xlsx::sheet_to_xlsx(&sheet).unwrap());
        let csv = xlsx::sheet_csv(&sheet).unwrap();
        let exports = [
            ("xlsx", copy, "copy.xlsx"),
            ("csv", csv.into_bytes(), "表.csv"),
        ];
        for (how, bytes, file) in exports {
            let imported = xlsx::import_auto(&bytes, file);
            let Document::Sheet(back) = imported.unwrap_or_else(|e| panic!("{name} {how}: {e}"))
            else {
                panic!("{name} {how}: a sheet");
            };
            assert_eq!(scores(&back), scores(&sheet), "{name} {how}");
            assert_eq!(back.funds.len(), sheet.funds.len(), "{name} {how}: funds");
            let review = jixiao::review::check(&back);
            assert!(review.figures > 5, "{name} {how}: {}", review.figures);
            assert_eq!(
                review.figures, review.reproduced,
                "{name} {how}: {:#?}",
                review.differences
            );
        }
    }
}

/// A table filled by hand elsewhere, with its own 完成率, 得分, subtotals, 总分 and 等级.
#[test]
fn a_foreign_tables_printed_figures_are_declared() {
    let csv = "\
一级指标,分值,得分,二级指标,分值,得分,三级指标,分值,年度指标值,实际完成值,完成率,得分
产出指标,20,19,数量指标,20,19,完成户数,10,100,96,96%,9
产出指标,20,19,数量指标,20,19,培训人次,10,200,200,100%,10
总分,,,,,,,,,,,19
自评等级：优,,,,,,,,,,,
";
    let Document::Sheet(s) = xlsx::import_auto(csv.as_bytes(), "单位填报.csv").unwrap() else {
        panic!("a sheet");
    };
    let group = &s.indicators[0];
    assert_eq!(group.declared.score, "19");
    assert_eq!(group.children[0].declared.score, "19");
    let leaf = &group.children[0].children[0];
    assert_eq!(
        (leaf.declared.rate.as_str(), leaf.declared.score.as_str()),
        ("96%", "9")
    );
    assert_eq!(leaf.score, "", "a worked-out score is not the row's input");
    assert_eq!(
        (s.declared.total.as_str(), s.declared.grade.as_str()),
        ("19", "优")
    );
    let review = jixiao::review::check(&s);
    // 9.60 printed whole as 9 (cut), and the sums follow; 19 of this table's 20 points is no
    // 优 under the national bands.
    let d = &review.differences;
    assert_eq!(d.len(), 2, "{d:#?}");
    assert_eq!(d[0].convention, Some("score_truncated"));
    let travel: Vec<&str> = d[0].consequences.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(
        travel,
        ["数量指标", "产出指标", "总分"],
        "in the order it travels"
    );
    assert_eq!((d[1].name.as_str(), d[1].convention), ("等级", None));
    assert_eq!((review.explained, review.unexplained), (4, 1));
}

/// A unit's table that closes with a 合计 row and states its grade on a line of its own under
/// it, or in a 自评等级 column: the grade is the declared one, compared with the total; it is
/// not an indicator that cannot be scored (which made a right total a slip), nor dropped.
#[test]
fn a_declared_grade_under_the_total_or_in_its_column_is_read() {
    let rows = "\
一级指标,二级指标,三级指标,分值,年度指标值,实际完成值,得分,{head}
产出指标,数量指标,完成户数,50,100,96,48,
产出指标,数量指标,培训人次,50,200,200,50,
合计,,,100,,,98,{total}
{under}";
    for (head, total, under, grade) in [
        ("", "", "自评等级：良,,,,,,,\n", "良"),
        ("", "", ",,,,,,,自评等级：良\n", "良"),
        ("自评等级", "良", "", "良"),
        ("等级评定", "", "等级评定达标率,,,,,,,\n", ""),
    ] {
        let csv = rows
            .replace("{head}", head)
            .replace("{total}", total)
            .replace("{under}", under);
        let Document::Sheet(s) = xlsx::import_auto(csv.as_bytes(), "单位填报.csv").unwrap()
        else {
            panic!("a sheet");
        };
        assert_eq!(
            (s.declared.total.as_str(), s.declared.grade.as_str()),
            ("98", grade),
            "{csv}"
        );
        let leaves = s.indicators[0].children[0].children.len();
        let review = jixiao::review::check(&s);
        if grade.is_empty() {
            // An indicator named with the word stays an indicator.
            assert_eq!(s.indicators.len(), 2, "{csv}");
            continue;
        }
        assert_eq!((s.indicators.len(), leaves), (1, 2), "{csv}");
        // 98 is 优: the 良 declared is the one difference, the total reproduced.
        let d: Vec<&str> = review.differences.iter().map(|d| d.name.as_str()).collect();
        assert_eq!(d, ["等级"], "{csv}");
    }

    // An indicator named 评价等级, with its figures, is an indicator; a 等级 given on an
    // indicator's own row is kept in its 备注.
    let csv = "\
一级指标,二级指标,三级指标,分值,年度指标值,实际完成值,得分,等级
产出指标,数量指标,完成户数,50,100,96,48,良
,,评价等级,50,200,200,50,
合计,,,100,,,98,优
";
    let Document::Sheet(s) = xlsx::import_auto(csv.as_bytes(), "单位填报.csv").unwrap() else {
        panic!("a sheet");
    };
    let leaves = &s.indicators[0].children[0].children;
    let names: Vec<&str> = leaves.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(names, ["完成户数", "评价等级"]);
    assert_eq!(leaves[0].note, "等级：良");
    assert_eq!(s.declared.grade, "优");
}

/// The review handed back: every row with the unit's figures, ours, the verdict, what each
/// difference is and the 审核意见; and the file opens again as the sheet, opinions and all.
#[test]
fn the_review_workbook() {
    let mut sheet = filled_project();
    let leaf = &mut sheet.indicators[1].children[3].children[0];
    assert_eq!(leaf.name, "单位成本");
    leaf.declared.score = "8.5".into();
    leaf.opinion = "扣分依据不足".into();
    sheet.declared.total = "93.41".into();
    let bytes = xlsx::review_to_xlsx(&sheet).unwrap();
    let read = xlsx::read(&bytes, "审核表.xlsx").unwrap();
    let review = &read.tables[0];
    assert_eq!(review.name, "审核表");
    assert!(
        review.rows[0][0].starts_with("审核表："),
        "{:?}",
        review.rows[0]
    );
    assert!(
        review.rows[1][0].starts_with("单位：石井街道    项目：老旧小区微改造    年度：2023    申报数 3 项：与计算一致 1，按计分约定可复现 0，无法解释 2（差错 1 处，另有 1 处因之不同）"),
        "{:?}",
        review.rows[1]
    );
    assert!(
        review
            .rows
            .iter()
            .any(|r| r[0].starts_with("审核单位（盖章）：")
                && r[0].contains("审核人：")
                && r[0].contains("审核日期：")),
        "signed by the reviewer and sealed by the reviewing office"
    );
    assert_eq!(
        review.rows[3],
        [
            "指标",
            "分值",
            "自评完成率",
            "审核完成率",
            "自评得分",
            "审核得分",
            "结论",
            "差异说明",
            "审核意见"
        ]
    );
    let row = review.rows.iter().find(|r| r[0] == "单位成本").unwrap();
    assert_eq!(&row[4..7], ["8.5", "9.60", "差错"]);
    assert!(
        row[7].contains("单位成本得分申报8.5，按本表规则应为9.60"),
        "{}",
        row[7]
    );
    assert_eq!(row[8], "扣分依据不足");
    let total = review.rows.iter().find(|r| r[0] == "总分").unwrap();
    assert_eq!(&total[4..7], ["93.41", "94.51", "随上游差异"]);
    assert_eq!(read.tables[1].name, "自评表", "the form as scored follows");
    let Document::Sheet(back) = xlsx::import_auto(&bytes, "审核表.xlsx").unwrap() else {
        panic!("a sheet");
    };
    assert_eq!(back, sheet);

    // A colleague changes the opinion in Excel: taken in, and said.
    let returned = edited(&bytes, "xl/sharedStrings.xml", |xml| {
        xml.replace("<t>扣分依据不足</t>", "<t>核减后同意</t>")
    });
    let imported = xlsx::import(&returned, "审核表.xlsx").unwrap();
    let Document::Sheet(back) = imported.document else {
        panic!("a sheet");
    };
    assert_eq!(
        back.indicators[1].children[3].children[0].opinion,
        "核减后同意"
    );
    let message = imported.changes.message().unwrap();
    assert!(
        message.contains("审核意见（单位成本） 扣分依据不足 → 核减后同意"),
        "{message}"
    );

    // The 总分 the unit declared, corrected in the 自评 column, is taken, and so is an opinion
    // written on the 总分 row (the bottom line's); one on the 等级 row, which keeps none, is
    // said, not dropped without a word.
    let at = 1 + review.rows.iter().position(|r| r[0] == "总分").unwrap();
    let grade_at = 1 + review.rows.iter().position(|r| r[0] == "等级").unwrap();
    let returned = edited(&bytes, &worksheet_part(1), |xml| {
        let xml = with_text(xml, &format!("E{at}"), "94.51");
        let xml = with_text(&xml, &format!("I{at}"), "总分需随之更正");
        with_text(&xml, &format!("I{grade_at}"), "等级不变")
    });
    let imported = xlsx::import(&returned, "审核表.xlsx").unwrap();
    let Document::Sheet(back) = imported.document else {
        panic!("a sheet");
    };
    assert_eq!(back.declared.total, "94.51");
    assert_eq!(back.declared.opinion, "总分需随之更正");
    let message = imported.changes.message().unwrap();
    assert!(
        message.contains("自评总分（总分） 93.41 → 94.51")
            && message.contains("审核意见（总分） 空 → 总分需随之更正")
            && message.contains("1 条审核意见写在等级、资金或汇总表项目的行，未采用")
            && message.contains("审核意见（等级） 空 → 等级不变"),
        "{message}"
    );
    // Written back, the 审核表 shows it on the 总分 row.
    let again = xlsx::review_to_xlsx(&back).unwrap();
    let read = xlsx::read(&again, "审核表.xlsx").unwrap();
    let total = read.tables[0].rows.iter().find(|r| r[0] == "总分").unwrap();
    assert_eq!(total[8], "总分需随之更正");
}

/// An evaluator's table scored 分值 × 得分系数 (重点评价 tables print one): each row is scored by
/// its coefficient, and its printed 得分 checked against it.
#[test]
fn a_coefficient_column_scores_its_rows() {
    let csv = "\
一级指标,分值,二级指标,分值,三级指标,分值,评分标准,实际完成值,得分系数,得分
决策,20,项目立项,10,立项依据充分性,5,依据充分得满分,有可研报告,0.8,4
决策,20,项目立项,10,立项程序规范性,5,程序规范得满分,,90%,4
决策,20,绩效目标,10,绩效目标合理性,10,目标合理得满分,,1,10
总分,,,,,,,,,18
";
    let Document::Sheet(s) = xlsx::import_auto(csv.as_bytes(), "重点评价.csv").unwrap() else {
        panic!("a sheet");
    };
    let first = &s.indicators[0].children[0].children[0];
    assert!(matches!(
        first.rule,
        Some(jixiao::model::Rule::Coefficient(_))
    ));
    assert_eq!(first.actual, "0.8");
    assert_eq!(
        first.note, "实际完成值：有可研报告；依据充分得满分",
        "nothing typed is lost"
    );
    let calc = Calculator::new(s.clone());
    assert_eq!(
        calc.score(2).map(|v| v.to_string()).as_deref(),
        Some("4.00")
    );
    let review = jixiao::review::check(&s);
    // 5 × 90% = 4.50 printed 4: the score cut to whole points, as every other score of the
    // table allows; the 总分 18 adds it up.
    assert_eq!(review.differences.len(), 1, "{:#?}", review.differences);
    let d = &review.differences[0];
    assert_eq!(
        (d.name.as_str(), d.computed.as_deref()),
        ("立项程序规范性", Some("4.50"))
    );
    assert_eq!(d.convention, Some("score_truncated"));
    assert_eq!(d.consequences.len(), 1);
}

/// The lines above a unit's table name it, in the ways units write them; 预算执行率 written in
/// the 一级 column with its 分值 beside it is a row of its own, scored as the national form does.
#[test]
fn a_units_table_keeps_its_unit_project_and_budget_row() {
    let csv = "\
2023年度项目支出绩效自评表,,,,,,,,,
实施单位：城南街道办事处    项目名称：养老服务补助,,,,,,,,,
评价年度,2023,,金额单位：万元,,,,,,
一级指标,分值,二级指标,分值,三级指标,分值,年度指标值,实际完成值,完成率,得分
预算执行率,10,,,,,250,240,96%,9.6
产出指标,90,数量指标,90,服务人次,90,3000,2850,95%,85.5
总分,,,,,,,,,95.1
";
    let Document::Sheet(s) = xlsx::import_auto(csv.as_bytes(), "城南街道.csv").unwrap() else {
        panic!("a sheet");
    };
    assert_eq!(
        (
            s.meta.unit.as_str(),
            s.meta.project.as_str(),
            s.meta.year.as_str()
        ),
        ("城南街道办事处", "养老服务补助", "2023")
    );
    assert_eq!(s.kind, jixiao::model::SheetKind::Project);
    let budget = &s.indicators[0];
    assert_eq!(
        (budget.name.as_str(), budget.weight.as_str()),
        ("预算执行率", "10")
    );
    assert!(budget.children.is_empty(), "a row, not a group: {budget:?}");
    assert!(matches!(
        budget.rule,
        Some(jixiao::model::Rule::BudgetExecution(_))
    ));
    let review = jixiao::review::check(&s);
    assert_eq!(
        review.figures, review.reproduced,
        "{:#?}",
        review.differences
    );
}

/// What a review found in the readers: a 层级 table's 总分 in its 得分 column, a row whose 层级
/// is blank, a 计分方法 beside a 得分系数, a 小计 row, a 资金 block's 得分.
#[test]
fn tables_read_as_units_write_them() {
    let read = |csv: &str| match xlsx::import_auto(csv.as_bytes(), "表.csv").unwrap() {
        Document::Sheet(s) => s,
        Document::Workbook(_) => panic!("a sheet"),
    };
    let levels = read("层级,指标名称,分值,年度指标值,实际完成值,得分\n一级,产出,100,,,\n三级,甲,50,100,90,45\n,乙,50,100,100,50\n总分,,100,,,93\n");
    assert_eq!(
        levels.declared.total, "93",
        "the 得分 column's, not the 分值 beside the label"
    );
    let group = &levels.indicators[0];
    let names: Vec<&str> = group.children.iter().map(|n| n.name.as_str()).collect();
    assert_eq!(names, ["甲", "乙"], "a blank 层级 is a sibling");
    assert_eq!(
        (
            group.children[0].target.as_str(),
            group.children[0].actual.as_str()
        ),
        ("100", "90")
    );

    let coefficient =
        read("指标名称,分值,计分方法,年度指标值,得分系数,得分\n甲,100,比率法,100,0.9,90\n");
    let row = &coefficient.indicators[0];
    assert!(matches!(
        row.rule,
        Some(jixiao::model::Rule::Coefficient(_))
    ));
    assert_eq!(row.note, "计分方法：比率法");
    assert_eq!(
        Calculator::new(coefficient.clone())
            .score(0)
            .map(|s| s.to_string())
            .as_deref(),
        Some("90.00")
    );

    let subtotal = read("一级指标,三级指标,分值,年度指标值,实际完成值,得分\n产出,甲,50,100,90,45\n产出,乙,50,100,87,43.5\n小计,,,,,88.5\n");
    assert_eq!(subtotal.indicators[0].declared.score, "88.5");

    let funds = read("资金,预算数,执行数,执行率,得分\n年度资金总额,250,240,96%,9.6\n\n指标名称,分值,计分方法,年度指标值,实际完成值\n预算执行率,10,预算执行率,250,240\n其余,90,手动评分,,\n");
    assert_eq!(
        (
            funds.funds[0].declared.rate.as_str(),
            funds.funds[0].declared.score.as_str()
        ),
        ("96%", "9.6")
    );
    let review = jixiao::review::check(&funds);
    assert_eq!(
        (review.figures, review.reproduced),
        (2, 2),
        "{:#?}",
        review.differences
    );
}

/// A 汇总表's review workbook heads its columns as the page does (项目, 分数, 自评等级…), not
/// as an indicator table's, and opens again as the sheet.
#[test]
fn a_summary_review_workbook_is_headed_for_projects() {
    let sheet = fixture("seed000_summary.sheet.json");
    let bytes = xlsx::review_to_xlsx(&sheet).unwrap();
    let read = xlsx::read(&bytes, "审核表.xlsx").unwrap();
    assert_eq!(
        read.tables[0].rows[3],
        [
            "项目",
            "分数",
            "自评完成率",
            "审核完成率",
            "自评等级",
            "审核等级",
            "结论",
            "差异说明",
            "审核意见"
        ]
    );
    let imported = xlsx::import(&bytes, "审核表.xlsx").unwrap();
    assert!(
        imported.changes.unreadable.is_empty(),
        "{:?}",
        imported.changes
    );
    assert!(imported.document == Document::Sheet(sheet));
}

/// A unit's own table with figures typed to more places than their cells show: what it fills
/// in (实际完成值 0.955 formatted `0%`, shown as 96%; 完成数 481.6 formatted `0`) is read as
/// typed, as the calculator's own forms are; what it printed as worked out (its 完成率, 得分)
/// as the cell shows it.
#[test]
fn a_units_table_is_read_as_typed_where_it_fills_in() {
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    let percent = rust_xlsxwriter::Format::new().set_num_format("0%");
    let whole = rust_xlsxwriter::Format::new().set_num_format("0");
    for (c, head) in [
        "三级指标",
        "分值",
        "年度指标值",
        "实际完成值",
        "完成率",
        "得分",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(0, c as u16, *head).unwrap();
    }
    ws.write_string(1, 0, "验收合格率").unwrap();
    ws.write_number(1, 1, 10).unwrap();
    ws.write_number_with_format(1, 2, 1, &percent).unwrap();
    ws.write_number_with_format(1, 3, 0.955, &percent).unwrap();
    ws.write_number_with_format(1, 4, 0.955, &percent).unwrap();
    ws.write_number_with_format(1, 5, 9.55, &whole).unwrap();
    ws.write_string(2, 0, "完成户数").unwrap();
    ws.write_number(2, 1, 10).unwrap();
    ws.write_number(2, 2, 500).unwrap();
    ws.write_number_with_format(2, 3, 481.6, &whole).unwrap();
    let written = book.save_to_buffer().unwrap();
    let Document::Sheet(sheet) = xlsx::import_auto(&written, "单位填报.xlsx").unwrap() else {
        panic!("a sheet");
    };
    let (rate, count) = (&sheet.indicators[0], &sheet.indicators[1]);
    assert_eq!(
        (
            rate.actual.as_str(),
            rate.declared.rate.as_str(),
            rate.declared.score.as_str()
        ),
        ("95.5%", "96%", "10")
    );
    assert_eq!(count.actual, "481.6");
    let calc = Calculator::new(sheet);
    assert_eq!(
        [calc.score(0), calc.score(1)].map(|s| s.map(|s| s.to_string())),
        [Some("9.55".to_string()), Some("9.63".to_string())]
    );
}

/// A file whose formulas were saved without their results (written by a program, not by Excel
/// or WPS, or saved without calculating): the unit's figure would read as a blank cell, as if
/// never filled in. It is read as its formula and named at its cell; a formula whose result is
/// empty text (`=IF(…,"",…)`) is that result, blank.
#[test]
fn a_formula_saved_without_its_result_is_read_as_the_formula() {
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    for (c, head) in [
        "三级指标",
        "分值",
        "年度指标值",
        "实际完成值",
        "得分",
        "备注",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(0, c as u16, *head).unwrap();
    }
    ws.write_string(1, 0, "完成户数").unwrap();
    ws.write_number(1, 1, 10).unwrap();
    ws.write_number(1, 2, 100).unwrap();
    ws.write_formula(1, 3, "=C2*0.96").unwrap();
    ws.write_formula(1, 4, "=D2/C2*B2").unwrap();
    ws.write_formula(1, 5, "=IF(D2>=C2,\"\",\"未完成\")")
        .unwrap()
        .set_formula_result(1, 5, "");
    let written = book.save_to_buffer().unwrap();
    // As a program other than Excel writes them: no cached results.
    let unsaved = edited(&written, &worksheet_part(1), |xml| {
        xml.replace("</f><v>0</v>", "</f>")
    });
    let table = &read(&unsaved, "单位填报.xlsx").unwrap().tables[0];
    assert_eq!(
        table.rows[1],
        ["完成户数", "10", "100", "=C2*0.96", "=D2/C2*B2", ""]
    );
    let Document::Sheet(sheet) = xlsx::import_auto(&unsaved, "单位填报.xlsx").unwrap() else {
        panic!("a sheet");
    };
    let leaf = &sheet.indicators[0];
    assert_eq!(
        (leaf.actual.as_str(), leaf.declared.score.as_str()),
        ("=C2*0.96", "=D2/C2*B2")
    );
    let report = Calculator::new(sheet.clone()).report();
    let at_actual: Vec<&str> = report
        .diagnostics
        .iter()
        .filter(|d| d.message.contains("=C2*0.96"))
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(at_actual.len(), 1, "{:#?}", report.diagnostics);
    assert!(at_actual[0].contains("公式"), "{}", at_actual[0]);
    // A reviewer is told the declared 得分 is a formula, not a figure that passed or failed.
    let review = jixiao::review::check(&sheet);
    assert_eq!(
        review.differences[0].message,
        "完成户数得分申报“=D2/C2*B2”无法识别：请填写数值，如“9.5”；未申报的请留空"
    );
    // Saved with its results, as Excel saves it, the same file reads its figures.
    let table = &read(&written, "单位填报.xlsx").unwrap().tables[0];
    assert_eq!(table.rows[1][3], "0");

    // Our own form returned so: the edit is the formula, named at its cell, not a blank.
    let form = xlsx::sheet_to_xlsx(&filled_project()).unwrap();
    let returned = edited(&form, &worksheet_part(1), |xml| {
        xml.replace("<v>0.8765</v>", "<f>0.9*0.95</f>")
    });
    let imported = xlsx::import(&returned, "returned.xlsx").unwrap();
    assert_eq!(
        imported.changes.message().as_deref(),
        Some("已采用表格中修改过的 1 个单元格：实际完成值（服务对象满意度） 87.65% → =0.9*0.95。")
    );
    let Document::Sheet(back) = imported.document else {
        panic!("a sheet");
    };
    let messages: Vec<String> = Calculator::new(back)
        .report()
        .diagnostics
        .into_iter()
        .map(|d| d.message)
        .filter(|m| m.contains("=0.9*0.95"))
        .collect();
    assert_eq!(
        messages,
        ["实际完成值无法识别：这是 Excel 公式（=0.9*0.95），不是数值：请直接填写数值；从 Excel 复制时请用“选择性粘贴 → 数值”，文件中的公式没有保存结果时，请在 Excel 或 WPS 中打开并保存后重新导入"]
    );
}

/// Formulas typed over a returned form, their results as Excel caches them: 17 digits of a
/// float of which Excel holds 15. `=11*1.15` in a General cell (12.649999999999999, shown and
/// held as 12.65) was refused as having too many places; `=0.91*0.95` in a `0%` cell (held
/// 0.8645, shown 86%) was read as 86% and scored 8.60 for 10 × 86.45 ÷ 100 = 8.645 → 8.65.
#[test]
fn a_formulas_result_is_read_as_excel_holds_it() {
    let written = xlsx::sheet_to_xlsx(&filled_project()).unwrap();
    let table = read(&written, "x.xlsx").unwrap().tables.remove(0);
    let row = |name: &str| table.rows.iter().position(|r| r[6] == name).unwrap() + 1;
    let part = worksheet_part(1);
    // A General cell (no style), and one formatted `0%`.
    let general = format!("L{}", row("完成改造面积"));
    let returned = edited(&written, &part, |xml| {
        let start = xml.find(&format!("<c r=\"{general}\"")).unwrap();
        let end = start + xml[start..].find("</c>").unwrap() + "</c>".len();
        let cell = format!("<c r=\"{general}\"><f>11*1.15</f><v>12.649999999999999</v></c>");
        format!("{}{cell}{}", &xml[..start], &xml[end..])
    });
    let percent = format!("L{}", row("验收合格率"));
    let cached = "<v>0.86449999999999994</v>";
    let returned = with_formatted_number(&returned, &part, &percent, "0.86449999999999994", "0%");
    let returned = edited(&returned, &part, |xml| {
        xml.replacen(cached, &format!("<f>0.91*0.95</f>{cached}"), 1)
    });
    for (how, bytes) in [
        ("with its copy", returned.clone()),
        ("from its cells", without_hidden_copy(&returned)),
    ] {
        let Document::Sheet(back) = xlsx::import(&bytes, "returned.xlsx").unwrap().document else {
            panic!("{how}: a sheet");
        };
        let report = Calculator::new(back).report();
        let scored: Vec<(&str, Option<&str>)> = report
            .nodes
            .iter()
            .filter(|n| ["完成改造面积", "验收合格率"].contains(&n.name.as_str()))
            .map(|n| (n.name.as_str(), n.score.as_deref()))
            .collect();
        assert_eq!(
            scored,
            [("完成改造面积", Some("0.13")), ("验收合格率", Some("8.65"))],
            "{how}: {:#?}",
            report.diagnostics
        );
    }
}

/// Lines typed in 基本信息 (年度总体目标 and 实际完成情况 are textareas) or in a 偏差原因 were
/// written raw inside `<w:t>` in the 自评报告 .docx, which Word shows as a space:
/// numbered lines ran together. Each line break is a `<w:br/>`, in the text and in the table.
#[test]
fn lines_typed_in_the_report_are_broken_in_word() {
    use std::io::Read;
    let mut sheet = filled_project();
    sheet.meta.goal = "1.完成3个小区微改造；\n2.惠及居民1000户。".into();
    sheet.meta.achieved = "1.已完成3个；\r\n2.惠及1020户。".into();
    sheet.indicators[2].children[0].children[0].reason =
        "一、部分住户外出；\n二、下年补做。".into();
    let bytes = xlsx::report_to_docx(&sheet).unwrap();
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut document = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut document)
        .unwrap();
    let broken = |a: &str, b: &str| format!("{a}</w:t><w:br/><w:t xml:space=\"preserve\">{b}");
    for (a, b) in [
        ("1.完成3个小区微改造；", "2.惠及居民1000户。"),
        ("1.已完成3个；", "2.惠及1020户。"),
        ("一、部分住户外出；", "二、下年补做。"),
    ] {
        assert!(document.contains(&broken(a, b)), "{a} / {b}");
    }
    // In the appended table (its cells' size, 10.5 points) as well as in the text.
    let in_table =
        r#"<w:szCs w:val="21"/></w:rPr><w:t xml:space="preserve">一、部分住户外出；</w:t><w:br/>"#;
    assert!(document.contains(in_table));
    assert!(!document.contains(['\n', '\r']));
}

/// A CSV opened again gives back what was typed in its rows and above them: a 汇总表's title,
/// 单位 and 年度, each project's 绩效目标, 问题 and 建议, and an indicator's 备注 (all of which
/// the CSVs once left out, so that a 汇总表 exported as CSV came back nameless).
#[test]
fn a_csv_opened_again_keeps_what_was_typed() {
    let summary = fixture("seed000_summary.sheet.json");
    let mut with_goal = summary.clone();
    with_goal.projects[0].goal = "改善泮塘五约人居环境".into();
    with_goal.meta.preparer = "李四".into();
    with_goal.meta.date = "2024年3月1日".into();
    // A workbook's, with the note of the sheets it left out after its 合计: no row.
    let note = "未计入本汇总表：“某项目”的2022年度表格（计入的是它2023年度的表格）。";
    let csv = xlsx::summary_csv(&with_goal, Some(note)).unwrap();
    assert!(csv.contains(&format!("\n\n{note}\n\n填报单位")), "{csv}");
    assert!(!csv.contains('\r'), "one line ending throughout: {csv:?}");
    let Document::Sheet(back) = xlsx::import_auto(csv.as_bytes(), "汇总.csv").unwrap() else {
        panic!("a CSV holds one table");
    };
    assert_eq!(
        (&back.meta.title, &back.meta.unit, &back.meta.year),
        (&summary.meta.title, &summary.meta.unit, &summary.meta.year)
    );
    assert_eq!(
        (back.meta.preparer.as_str(), back.meta.date.as_str()),
        ("李四", "2024年3月1日")
    );
    // With less above its header, what is there comes back, and nothing that was not: a
    // blank title stays blank (not the table's kind, nor the header's 序号).
    for (title, unit) in [("", ""), ("", "广州市荔湾区财政局"), ("汇总", "")] {
        let mut bare = summary.clone();
        bare.meta.title = title.into();
        bare.meta.unit = unit.into();
        bare.meta.year.clear();
        let csv = xlsx::summary_csv(&bare, Some(note)).unwrap();
        // Started by its header, a table for programs: no line of words under it.
        assert_eq!(
            csv.contains(note),
            !(title.is_empty() && unit.is_empty()),
            "{csv}"
        );
        let Document::Sheet(back) = xlsx::import_auto(csv.as_bytes(), "汇总.csv").unwrap() else {
            panic!("a CSV holds one table");
        };
        assert_eq!(
            (back.meta.title.as_str(), back.meta.unit.as_str()),
            (title, unit),
            "{csv}"
        );
        assert_eq!(back.projects.len(), summary.projects.len(), "{csv}");
    }
    assert_eq!(back.projects.len(), summary.projects.len());
    for (b, s) in back.projects.iter().zip(&with_goal.projects) {
        assert_eq!(
            (&b.project, &b.goal, &b.problems, &b.suggestions),
            (&s.project, &s.goal, &s.problems, &s.suggestions)
        );
    }
    assert_eq!(scores(&back), scores(&summary));

    let mut sheet = filled_project();
    sheet.indicators[1].children[0].children[0].note = "见附件3 验收报告".into();
    // What its row of the 汇总表 takes beside the 绩效目标, labels of others in its words.
    sheet.meta.problems = "部分楼栋进度滞后；改进建议：提前拨付，项目：二期未验收".into();
    sheet.meta.suggestions = "加强施工调度，按月通报".into();
    let csv = xlsx::sheet_csv(&sheet).unwrap();
    let Document::Sheet(back) = xlsx::import_auto(csv.as_bytes(), "表.csv").unwrap() else {
        panic!("a CSV holds one table");
    };
    assert_eq!(
        (back.meta.problems.as_str(), back.meta.suggestions.as_str()),
        (
            "部分楼栋进度滞后；改进建议：提前拨付，项目：二期未验收",
            "加强施工调度，按月通报"
        )
    );
    assert_eq!(back.meta.project, sheet.meta.project);
    assert_eq!(
        back.indicators[1].children[0].children[0].note,
        "见附件3 验收报告"
    );
    assert_eq!(scores(&back), scores(&sheet));
}

/// A sheet of 资金 alone (seeds 002 and 004: a department's execution rates) exported as CSV
/// did not open again: 没有找到表头, as its CSV has no indicator table. It reads back to the
/// same funds, rates, 单位 and 年度; and a CSV with an indicator table of another layout below
/// such a block is still read through that table, its rows kept.
#[test]
fn a_csv_of_funds_alone_opens_again() {
    for name in ["seed002_department", "seed004_department"] {
        let sheet = fixture(&format!("{name}.sheet.json"));
        let csv = xlsx::sheet_csv(&sheet).unwrap();
        let imported =
            xlsx::import(csv.as_bytes(), "资金.csv").unwrap_or_else(|e| panic!("{name}: {e}"));
        let Document::Sheet(back) = imported.document else {
            panic!("{name}: a sheet");
        };
        assert_eq!(scores(&back), scores(&sheet), "{name}");
        // Its printed rates come back as declared, as any form's printed figures do; its
        // amounts as shown (7,143.45 for 7143.45), the same numbers.
        let typed = |s: &jixiao::model::Sheet| {
            let amount = |t: &str| {
                (!t.is_empty()).then(|| {
                    rust_decimal::Decimal::from_str_exact(&t.replace(',', ""))
                        .unwrap()
                        .normalize()
                })
            };
            let funds = s.funds.iter();
            funds
                .map(|f| {
                    let figures = [&f.initial, &f.budget, &f.spent].map(|t| amount(t));
                    (f.name.clone(), figures, f.note.clone(), f.part)
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(typed(&back), typed(&sheet), "{name}");
        assert_eq!(back.kind, sheet.kind, "{name}");
        assert_eq!(
            (&back.meta.unit, &back.meta.year),
            (&sheet.meta.unit, &sheet.meta.year),
            "{name}"
        );
        // Nothing about indicators' notes: it has none.
        let said = imported.changes.message().unwrap_or_default();
        assert!(!said.contains("各指标的备注"), "{name}: {said}");
    }
    let sheet = fixture("seed002_department.sheet.json");
    let csv = xlsx::sheet_csv(&sheet).unwrap();
    let with_table = format!("{csv}\n指标名称,分值,得分\n预算执行率,10,9.95\n");
    let Document::Sheet(back) = xlsx::import_auto(with_table.as_bytes(), "表.csv").unwrap() else {
        panic!("a sheet");
    };
    assert_eq!(back.indicators.len(), 1, "{with_table}");
    assert_eq!(back.indicators[0].name, "预算执行率");
    assert_eq!(back.funds.len(), 1);
}

/// A sheet's own CSV writes its amounts and scores as typed, not as the table shows them: a
/// 执行数 of 12.345 written 12.35 opened again at a different rate and total, unsaid, and a
/// cell that could not be read was written empty.
#[test]
fn a_sheets_csv_keeps_amounts_as_typed() {
    let round_trip = |sheet: &jixiao::model::Sheet| {
        let csv = xlsx::sheet_csv(sheet).unwrap();
        match xlsx::import_auto(csv.as_bytes(), "表.csv").unwrap() {
            Document::Sheet(back) => back,
            Document::Workbook(_) => panic!("a CSV holds one table"),
        }
    };
    let mut sheet = fixture("seed001_department.sheet.json");
    sheet.funds[1].spent = "3,882.095".into();
    sheet.funds[2].budget = "待核".into();
    // A score typed by hand that the table refuses (12 of 10) is kept for the user to mend.
    let manual = &mut sheet.indicators[0].children[0].children[2];
    assert_eq!(manual.score, "9.91");
    manual.score = "12".into();
    let back = round_trip(&sheet);
    let typed = |s: &jixiao::model::Sheet| -> Vec<(String, String, String)> {
        s.funds
            .iter()
            .map(|f| (f.initial.clone(), f.budget.clone(), f.spent.clone()))
            .collect()
    };
    assert_eq!(typed(&back), typed(&sheet));
    assert_eq!(scores(&back), scores(&sheet));
    // The scores typed by hand too: 19, not 19.00.
    fn typed_scores(nodes: &[jixiao::model::Node], out: &mut Vec<String>) {
        for n in nodes {
            out.push(n.score.to_string());
            typed_scores(&n.children, out);
        }
    }
    let (mut before, mut after) = (Vec::new(), Vec::new());
    typed_scores(&sheet.indicators, &mut before);
    typed_scores(&back.indicators, &mut after);
    assert!(before.iter().any(|s| s == "19"));
    assert_eq!(after, before);

    let mut summary = fixture("seed000_summary.sheet.json");
    summary.projects[0].budget = "1,299.755".into();
    summary.projects[1].score = "89.995".into();
    let back = round_trip(&summary);
    let typed = |s: &jixiao::model::Sheet| -> Vec<(String, String, String)> {
        s.projects
            .iter()
            .map(|p| (p.budget.clone(), p.spent.clone(), p.score.clone()))
            .collect()
    };
    assert_eq!(typed(&back), typed(&summary));
    assert_eq!(scores(&back), scores(&summary));
    // The same figure typed otherwise (a batch's rows, drawn from sheets' cells) as shown.
    summary.projects[2].budget = "１００".into();
    let csv = xlsx::summary_csv(&summary, None).unwrap();
    assert!(csv.lines().any(|l| l.contains(",100.00,96.08,")), "{csv}");
}

/// A blank 汇总表 as CSV is a form to fill in Excel: it has its columns, and once filled it
/// opens again as a 汇总表. Before, it had only its title line.
#[test]
fn a_blank_summarys_csv_has_its_columns_and_opens_again_filled() {
    let blank = jixiao::templates::find("summary").unwrap().sheet();
    for csv in [
        xlsx::sheet_csv(&blank).unwrap(),
        xlsx::summary_csv(&blank, None).unwrap(),
    ] {
        assert!(
            csv.replace('"', "").contains("序号,单位名称,项目名称"),
            "{csv}"
        );
        let filled = format!("{csv}1,石井街道,社区微改造,,100,96.08,,94.12,,,\n");
        let Document::Sheet(back) = xlsx::import_auto(filled.as_bytes(), "汇总表.csv").unwrap()
        else {
            panic!("a CSV holds one table");
        };
        assert_eq!(back.kind, jixiao::model::SheetKind::Summary, "{filled}");
        assert_eq!(back.projects.len(), 1, "{filled}");
        assert_eq!(back.projects[0].spent, "96.08");
    }
}

/// A 汇总表's 单位名称 and 评价年度 come back from either of its CSVs.
#[test]
fn a_summarys_unit_and_year_come_back_from_its_csv() {
    let summary = fixture("seed000_summary.sheet.json");
    assert!(!summary.meta.unit.is_empty() && !summary.meta.year.is_empty());
    for csv in [
        xlsx::sheet_csv(&summary).unwrap(),
        xlsx::summary_csv(&summary, None).unwrap(),
    ] {
        let Document::Sheet(back) = xlsx::import_auto(csv.as_bytes(), "汇总表.csv").unwrap()
        else {
            panic!("a CSV holds one table");
        };
        assert_eq!(
            (&back.meta.title, &back.meta.unit, &back.meta.year),
            (&summary.meta.title, &summary.meta.unit, &summary.meta.year),
            "{csv}"
        );
        assert_eq!(scores(&back), scores(&summary));
    }
}

/// A 定性 row with words of its own where the actual goes (a date, 已完成) and its level chosen:
/// the forms write the words with the level after them, `2023-11-30前出台（部分达成）`, as the
/// page shows them, and read both back. Before, the form's cells alone lost the level
/// (请选择达成程度) and the CSV wrote the level over the words.
#[test]
fn a_qualitative_rows_words_and_level_both_come_back() {
    use jixiao::model::Level;
    let cases = [
        ("2023-11-30前出台管护办法", Some(Level::Partly), "7"),
        // No score yet: the level is kept all the same.
        ("2023-11-30前出台管护办法", Some(Level::Partly), ""),
        // A level's word where the actual goes, another level chosen: the one chosen stands.
        ("达成", Some(Level::Partly), "7"),
        ("", Some(Level::NotMet), "5"),
        ("较好", None, "9"),
    ];
    for (actual, level, score) in cases {
        let mut sheet = filled_project();
        let leaf = &mut sheet.indicators[2].children[1].children[0];
        assert_eq!(leaf.name, "长效机制");
        (leaf.actual, leaf.level, leaf.score) = (actual.into(), level, score.into());
        let row = |s: &jixiao::model::Sheet| {
            let leaf = &s.indicators[2].children[1].children[0];
            let level = leaf.level.map_or("", |l| l.label());
            (leaf.actual.trim().to_string(), level.to_string())
        };
        let written = xlsx::sheet_to_xlsx(&sheet).unwrap();
        let copied = xlsx::import(&without_hidden_copy(&written), "copy.xlsx").unwrap();
        let read_back = [
            copied.document,
            xlsx::import_auto(saved_as_csv(&written).as_bytes(), "excel.csv").unwrap(),
            xlsx::import_auto(xlsx::sheet_csv(&sheet).unwrap().as_bytes(), "own.csv").unwrap(),
        ];
        for (k, back) in read_back.into_iter().enumerate() {
            let Document::Sheet(back) = back else {
                panic!("a sheet");
            };
            // A level alone is written where the actual goes, and comes back as the level.
            let mut expected = row(&sheet);
            if actual.is_empty() {
                expected.0 = expected.1.clone();
            }
            assert_eq!(row(&back), expected, "{actual} {level:?}: read back {k}");
            assert_eq!(
                scores(&back),
                scores(&sheet),
                "{actual} {level:?}: read back {k}"
            );
        }
    }
    // Read from its cells alone, the form says what it could not bring back (备注 has no cell).
    let written = xlsx::sheet_to_xlsx(&filled_project()).unwrap();
    let copied = xlsx::import(&without_hidden_copy(&written), "copy.xlsx").unwrap();
    let message = copied.changes.message().unwrap_or_default();
    assert!(
        message.contains("已按表格中的单元格读入，计分不受影响；表格中不显示的内容（各指标的备注"),
        "{message}"
    );
    assert_eq!(
        xlsx::import(&written, "own.xlsx")
            .unwrap()
            .changes
            .message(),
        None
    );
}

/// A convention the rest of the table contradicts was marked 约定可复现 in the 结论 column, which
/// says the table is explained, while its note said it cannot explain the table.
#[test]
fn the_review_workbook_marks_a_convention_the_table_contradicts() {
    let json = r#"{"format":"jixiao-sheet","version":1,"kind":"project","settings":{"total_weight":"20"},
      "indicators":[
        {"name":"甲","weight":"10","target":"43.2","actual":"37.24","reason":"有","declared":{"score":"9"}},
        {"name":"乙","weight":"10","target":"420","actual":"404.25","reason":"有","declared":{"score":"9.63"}}]}"#;
    let sheet = jixiao::load::load(json).unwrap();
    let read = xlsx::read(&xlsx::review_to_xlsx(&sheet).unwrap(), "审核表.xlsx").unwrap();
    let rows = &read.tables[0].rows;
    assert!(
        rows[1][0].ends_with("按计分约定可复现 1（其中 1 处所按约定与表中其他申报数矛盾，不能解释整张表），无法解释 0"),
        "{:?}",
        rows[1]
    );
    let row = rows.iter().find(|r| r[0] == "甲").unwrap();
    assert!(row.contains(&"约定存疑".to_string()), "{row:?}");
}

/// A tester's report: a returned form with a line put above its title (附件1, as units do to
/// attach it to a document), or with its title row deleted, came back with 项目名称, 年度 and
/// 主管部门 cleared, said to be the unit's edits (“年度 2023 → 空”), and its title the 附件1;
/// a 汇总表 of 2022 so edited counted the 2023 sheet of its project. The form's head is found
/// where it is; a line that cannot be found keeps what was written there.
#[test]
fn a_line_above_the_title_or_the_title_deleted_keeps_the_forms_head() {
    let mut sheet = filled_project();
    sheet.meta.title = "2023年度项目支出绩效自评表".into();
    sheet.meta.department = "广州市白云区人民政府".into();
    let form = xlsx::read(&xlsx::sheet_to_xlsx(&sheet).unwrap(), "x.xlsx").unwrap();
    let Some(Ok(hidden)) = xlsx::embedded_document(&form) else {
        panic!("the form carries its sheet");
    };
    let attach = |s: &mut xlsx::Spreadsheet, label: &str| {
        let width = s.tables[0].rows[0].len();
        let mut line = vec![String::new(); width];
        line[0] = label.into();
        s.tables[0].rows.insert(0, line);
    };
    type Edit<'a> = &'a dyn Fn(&mut xlsx::Spreadsheet);
    let edits: [(&str, Edit); 4] = [
        ("附件1 above the title", &|s| attach(s, "附件1")),
        ("附件 2 and a blank line", &|s| {
            attach(s, "");
            attach(s, "附件 2");
        }),
        ("the title deleted", &|s| {
            s.tables[0].rows.remove(0);
        }),
        ("the title deleted, 附件1 above", &|s| {
            s.tables[0].rows.remove(0);
            attach(s, "附件1");
        }),
    ];
    for (how, edit) in edits {
        let mut returned = form.clone();
        edit(&mut returned);
        let imported = xlsx::merge(&returned, hidden.clone()).unwrap();
        assert_eq!(imported.changes.message(), None, "{how}");
        assert_eq!(imported.document, Document::Sheet(sheet.clone()), "{how}");
        // Without the hidden copy, what the cells hold.
        returned.embedded = None;
        let back = xlsx::read_form(&returned, 0).unwrap();
        let title = if how.starts_with("the title deleted") {
            ""
        } else {
            sheet.meta.title.as_str()
        };
        assert_eq!(
            (
                back.meta.title.as_str(),
                &back.meta.project,
                &back.meta.year,
                &back.meta.department,
                back.kind
            ),
            (
                title,
                &sheet.meta.project,
                &sheet.meta.year,
                &sheet.meta.department,
                sheet.kind
            ),
            "{how}"
        );
        assert_eq!(scores(&back), scores(&sheet), "{how}");
    }
    // The sheet's CSV, 附件1 above its title.
    let csv = xlsx::sheet_csv(&sheet).unwrap();
    let attached = csv.replacen('\u{feff}', "\u{feff}\"附件1\"\r\n", 1);
    let Document::Sheet(back) = xlsx::import_auto(attached.as_bytes(), "表.csv").unwrap() else {
        panic!("a CSV holds one table");
    };
    assert_eq!(
        (&back.meta.title, &back.meta.project, &back.meta.year),
        (&sheet.meta.title, &sheet.meta.project, &sheet.meta.year)
    );
    // The line edited after its labels is still the unit's edit.
    let mut returned = form.clone();
    attach(&mut returned, "附件1");
    let line = &mut returned.tables[0].rows[2];
    let edited = line[0].replace("年度：2023", "年度：2024");
    line.fill(edited);
    let imported = xlsx::merge(&returned, hidden.clone()).unwrap();
    assert_eq!(
        imported.changes.message().as_deref(),
        Some("已采用表格中修改过的 1 个单元格：年度 2023 → 2024。")
    );

    // A workbook's 汇总表 of 2022, keeping a project's sheets of 2022 and 2023: it counts the
    // 2022 one, 附件1 above its title or not.
    let mut last_year = filled_project();
    last_year.meta.year = "2022".into();
    last_year.indicators[1].children[0].children[0].actual = "2".into();
    let mut wb = Workbook::new("示例工作簿");
    wb.sheets = vec![last_year, filled_project()];
    wb.summary.meta.title = "2022年度汇总表".into();
    wb.summary.meta.year = "2022".into();
    let form = xlsx::read(&xlsx::workbook_to_xlsx(&wb).unwrap(), "wb.xlsx").unwrap();
    let Some(Ok(hidden)) = xlsx::embedded_document(&form) else {
        panic!("the file carries its workbook");
    };
    assert_eq!(form.tables[0].name, "汇总表");
    let mut returned = form.clone();
    attach(&mut returned, "附件1");
    let imported = xlsx::merge(&returned, hidden).unwrap();
    assert_eq!(imported.changes.message(), None);
    let Document::Workbook(back) = imported.document else {
        panic!("a workbook");
    };
    assert_eq!(back.summary.meta.year, "2022");
    assert_eq!(scores(&back.summary_sheet()), scores(&wb.summary_sheet()));
    assert_ne!(
        scores(&wb.summary_sheet()),
        scores(&{
            let mut other = wb.clone();
            other.summary.meta.year = "2023".into();
            other.summary_sheet()
        }),
        "the year chooses the sheet counted"
    );
    returned.embedded = None;
    let summary = xlsx::read_form(&returned, 0).unwrap();
    assert_eq!(
        (summary.meta.title.as_str(), summary.meta.year.as_str()),
        ("2022年度汇总表", "2022")
    );
}

/// A tester's report: the blank row between the 项目资金 block and 年度总体目标 deleted in Excel
/// turned the goal block into two 资金 rows named 年度总体目标 (six errors, the grade gone, the
/// import saying only 新增 2 行). The block ends at the form's next part, blank row or not: the
/// goal block, the indicator table's header, the signature line under a form of 资金 alone.
#[test]
fn the_funds_block_ends_at_the_forms_next_part_without_its_blank_row() {
    let mut sheet = filled_project();
    sheet.meta.goal = "完成3个小区改造".into();
    sheet.meta.achieved = "已完成3个小区改造".into();
    let fund = |name: &str, budget: &str, spent: &str, part: bool| jixiao::model::FundsRow {
        name: name.into(),
        budget: budget.into(),
        spent: spent.into(),
        part,
        ..Default::default()
    };
    sheet.funds = vec![
        fund("年度资金总额", "300", "280", false),
        fund("财政拨款", "300", "280", true),
    ];
    let mut without_goal = sheet.clone();
    without_goal.kind = jixiao::model::SheetKind::Department;
    without_goal.meta.project.clear();
    without_goal.meta.goal.clear();
    without_goal.meta.achieved.clear();
    let funds_alone = fixture("seed002_department.sheet.json");
    for (name, sheet) in [
        ("before the goal block", &sheet),
        ("before the indicator table", &without_goal),
        ("before the signature line", &funds_alone),
    ] {
        let form = xlsx::read(&xlsx::sheet_to_xlsx(sheet).unwrap(), "x.xlsx").unwrap();
        let Some(Ok(hidden)) = xlsx::embedded_document(&form) else {
            panic!("{name}: the form carries its sheet");
        };
        let mut returned = form.clone();
        let rows = &mut returned.tables[0].rows;
        let last_fund = rows
            .iter()
            .rposition(|r| r[0].starts_with("其中") || r[0] == sheet.funds.last().unwrap().name)
            .unwrap();
        assert!(rows[last_fund + 1].iter().all(String::is_empty), "{name}");
        rows.remove(last_fund + 1);
        let imported = xlsx::merge(&returned, hidden).unwrap();
        assert_eq!(imported.changes.message(), None, "{name}");
        assert_eq!(imported.document, Document::Sheet(sheet.clone()), "{name}");
        returned.embedded = None;
        let back = xlsx::read_form(&returned, 0).unwrap();
        assert_eq!(back.funds.len(), sheet.funds.len(), "{name}");
        assert_eq!(
            (&back.meta.goal, &back.meta.achieved, &back.meta.preparer),
            (&sheet.meta.goal, &sheet.meta.achieved, &sheet.meta.preparer),
            "{name}"
        );
        assert_eq!(scores(&back), scores(sheet), "{name}");
    }
}

/// A tester's report: a sheet's CSV wrote none of its settings, so that one graded by bands of
/// its own (优≥95) opened again graded by the national ones, and its places and rounding were
/// lost with them; a 汇总表's form stated none either, its grade distribution changed from its
/// cells alone or its CSV. Both write the form's 计分设置 line, read back by the form's reader;
/// a returned form with the line deleted keeps the settings, not the defaults.
#[test]
fn the_settings_come_back_from_a_csv_and_a_summarys_form() {
    let bands = |top: &str| {
        [("优", top), ("良", "80"), ("中", "60"), ("差", "0")]
            .map(|(grade, min)| jixiao::model::GradeBand {
                grade: grade.into(),
                min: min.into(),
            })
            .to_vec()
    };
    let mut sheet = filled_project();
    sheet.settings.grade_bands = bands("95");
    sheet.settings.score_decimals = 3;
    sheet.settings.score_rounding = jixiao::model::Rounding::Truncate;
    let default = {
        let mut s = sheet.clone();
        s.settings = Default::default();
        s
    };
    assert_ne!(
        scores(&sheet),
        scores(&default),
        "the settings change the grade"
    );
    let csv = xlsx::sheet_csv(&sheet).unwrap();
    let Document::Sheet(back) = xlsx::import_auto(csv.as_bytes(), "表.csv").unwrap() else {
        panic!("a CSV holds one table");
    };
    assert_eq!(back.settings, sheet.settings);
    assert_eq!(scores(&back), scores(&sheet));

    let mut summary = fixture("seed000_summary.sheet.json");
    summary.settings.grade_bands = bands("99");
    let mut default = summary.clone();
    default.settings = Default::default();
    assert_ne!(
        scores(&summary),
        scores(&default),
        "the bands change the grades"
    );
    let csv = xlsx::summary_csv(&summary, None).unwrap();
    let cells = without_hidden_copy(&xlsx::sheet_to_xlsx(&summary).unwrap());
    for (how, bytes, name) in [
        ("its CSV", csv.as_bytes(), "汇总.csv"),
        ("its form's cells", &cells[..], "汇总.xlsx"),
    ] {
        let Document::Sheet(back) = xlsx::import_auto(bytes, name).unwrap() else {
            panic!("{how}: a sheet");
        };
        assert_eq!(back.settings, summary.settings, "{how}");
        assert_eq!(scores(&back), scores(&summary), "{how}");
        assert_eq!(back.projects.len(), summary.projects.len(), "{how}");
    }

    for written in [sheet, summary] {
        let form = xlsx::read(&xlsx::sheet_to_xlsx(&written).unwrap(), "x.xlsx").unwrap();
        let Some(Ok(hidden)) = xlsx::embedded_document(&form) else {
            panic!("the form carries its sheet");
        };
        let mut returned = form.clone();
        let rows = &mut returned.tables[0].rows;
        let line = rows.iter().position(|r| r[0].starts_with("计分设置："));
        rows.remove(line.expect("the form states its settings"));
        let imported = xlsx::merge(&returned, hidden).unwrap();
        assert_eq!(imported.changes.message(), None);
        assert_eq!(imported.document, Document::Sheet(written));
    }
}

/// The 计分设置 line edited in a returned form was taken, but said as "计分设置 已修改 → 空",
/// as if the settings had been cleared: the settings that changed are said as they were and
/// as they are, as every other edit is.
#[test]
fn a_settings_line_edited_in_a_returned_form_says_what_changed() {
    let mut sheet = filled_project();
    sheet.settings.grade_bands = [("优", "85"), ("良", "75"), ("中", "60"), ("差", "0")]
        .map(|(grade, min)| jixiao::model::GradeBand {
            grade: grade.into(),
            min: min.into(),
        })
        .to_vec();
    sheet.settings.score_decimals = 1;
    let form = xlsx::read(&xlsx::sheet_to_xlsx(&sheet).unwrap(), "x.xlsx").unwrap();
    let Some(Ok(hidden)) = xlsx::embedded_document(&form) else {
        panic!("the form carries its sheet");
    };
    for (line, said) in [
        (
            "计分设置：等级优≥80、良≥70、中≥60、差≥0；得分保留1位小数；得分截位",
            "计分设置 等级优≥85、良≥75、中≥60、差≥0，得分四舍五入 → 等级优≥80、良≥70、中≥60、差≥0，得分截位",
        ),
        (
            "计分设置：等级优≥85、良≥75、中≥60、差≥0；预算执行率得分不设上限",
            "计分设置 得分保留1位小数，预算执行率得分以分值为上限 → 得分保留2位小数，预算执行率得分不设上限",
        ),
    ] {
        let mut returned = form.clone();
        let rows = &mut returned.tables[0].rows;
        let at = rows.iter().position(|r| r[0].starts_with("计分设置："));
        rows[at.expect("the form states its settings")][0] = line.into();
        let imported = xlsx::merge(&returned, hidden.clone()).unwrap();
        assert_eq!(
            imported.changes.message(),
            Some(format!("已采用表格中修改过的 1 个单元格：{said}。")),
        );
    }
}

/// A tester's report: without the hidden copy, a leaf above the deepest level (预算执行率 under
/// the table, 数量 under 产出) whose 分值 was left blank came back with its own name as its
/// 分值: the form merges such a leaf's name over the name columns, the 一级 or 二级 分值 among
/// them, and the reader took that column for the leaf's 分值 when its own was blank.
#[test]
fn a_blank_weight_on_a_leaf_above_the_deepest_level_stays_blank() {
    use jixiao::comparison::Comparison;
    use jixiao::model::{Node, Rule, Sheet, SheetKind};
    let leaf = |name: &str, weight: &str, target: &str, actual: &str| Node {
        name: name.into(),
        weight: weight.into(),
        comparison: Some(Comparison::AtLeast),
        target: target.into(),
        actual: actual.into(),
        ..Node::default()
    };
    let mut sheet = Sheet::new(SheetKind::Department);
    let mut budget = leaf("预算执行率", "", "100", "90");
    budget.comparison = None;
    budget.rule = Some(Rule::BudgetExecution(Default::default()));
    budget.unit = "万元".into();
    sheet.indicators = vec![
        budget,
        Node::group(
            "产出",
            "90",
            vec![
                leaf("数量", "", "10", "9"),
                Node::group("质量", "", vec![leaf("合格率", "90", "95%", "96%")]),
            ],
        ),
    ];
    let cells = without_hidden_copy(&xlsx::sheet_to_xlsx(&sheet).unwrap());
    let csv = saved_as_csv(&xlsx::sheet_to_xlsx(&sheet).unwrap());
    for (how, bytes, name) in [
        ("its form's cells", &cells[..], "表.xlsx"),
        ("saved as CSV by Excel", csv.as_bytes(), "表.csv"),
    ] {
        let Document::Sheet(back) = xlsx::import_auto(bytes, name).unwrap() else {
            panic!("{how}: a sheet");
        };
        // The leaves' (a group's blank 分值 is printed as its leaves' sum).
        let weights = |s: &Sheet| {
            let mut out = Vec::new();
            fn walk(nodes: &[Node], out: &mut Vec<(String, String)>) {
                for n in nodes {
                    if n.children.is_empty() {
                        out.push((n.name.to_string(), n.weight.to_string()));
                    }
                    walk(&n.children, out);
                }
            }
            walk(&s.indicators, &mut out);
            out
        };
        assert_eq!(weights(&back), weights(&sheet), "{how}");
        assert_eq!(scores(&back), scores(&sheet), "{how}");
    }
}

/// A time typed into a returned form is read as Excel shows it: 12:30 (`h:mm`) was read as
/// "1899-12-31 12:30", and a duration 1:30 (`[h]:mm`) as 0.0625, a fraction of a day that
/// against 3天内 scored full marks. Read as shown, the figure is refused at its cell, saying
/// what to write instead.
#[test]
fn a_time_typed_in_a_returned_form_is_read_as_shown_and_refused_at_its_cell() {
    let sheet = filled_project();
    let written = xlsx::sheet_to_xlsx(&sheet).unwrap();
    let row = form_row(&written, "完工时间");
    for (value, code, shown) in [
        ("0.52083333333333337", "h:mm", "12:30"),
        ("6.25E-2", "[h]:mm", "1:30"),
    ] {
        let returned = with_formatted_number(
            &written,
            &worksheet_part(1),
            &format!("L{row}"),
            value,
            code,
        );
        let imported = xlsx::import(&returned, "returned.xlsx").unwrap();
        let Document::Sheet(back) = &imported.document else {
            panic!("a sheet");
        };
        let leaf = &back.indicators[1].children[2].children[0];
        assert_eq!(
            (leaf.name.as_str(), leaf.actual.as_str()),
            ("完工时间", shown)
        );
        let message = imported.changes.message().unwrap_or_default();
        assert!(
            message.contains(&format!("实际完成值（完工时间） 2天 → {shown}")),
            "{message}"
        );
        let report = Calculator::new(back.clone()).report();
        let at_actual: Vec<&str> = report
            .diagnostics
            .iter()
            .filter(|d| d.message.contains(&format!("“{shown}”是时间")))
            .map(|d| d.message.as_str())
            .collect();
        assert_eq!(at_actual.len(), 1, "{:#?}", report.diagnostics);
        let node = report.nodes.iter().find(|n| n.name == "完工时间").unwrap();
        assert_eq!(node.score, None, "{code}: no score from a time");
    }
}

/// A hidden copy another program re-saved wrongly (a literal `_x000D_` in it unescaped into a
/// line break, which no JSON string holds) refused the whole file. The form's cells are read
/// alone instead, an edit in them taken, and the message says why.
#[test]
fn a_form_whose_hidden_copy_cannot_be_read_is_read_from_its_cells() {
    let mut sheet = filled_project();
    sheet.indicators[1].children[2].children[0].note = "见附件_x000D_".into();
    let written = xlsx::sheet_to_xlsx(&sheet).unwrap();
    let row = form_row(&written, "完工时间");
    let returned = edited(&written, &worksheet_part(1), |xml| {
        with_text(xml, &format!("L{row}"), "1天")
    });
    let resaved = edited(&returned, "xl/sharedStrings.xml", |xml| {
        xml.replace("_x005F_x000D_", "_x000D_")
    });
    assert!(matches!(
        xlsx::embedded_document(&read(&resaved, "resaved.xlsx").unwrap()),
        Some(Err(SpreadsheetError::Embedded(_)))
    ));
    let imported = xlsx::import(&resaved, "resaved.xlsx").unwrap();
    let Document::Sheet(back) = &imported.document else {
        panic!("a sheet");
    };
    let leaf = &back.indicators[1].children[2].children[0];
    assert_eq!(
        (leaf.name.as_str(), leaf.actual.as_str()),
        ("完工时间", "1天")
    );
    assert_eq!(back.kind, sheet.kind);
    let message = imported.changes.message().unwrap_or_default();
    assert!(
        message.starts_with("文件中随表保存的原始数据无法读取（")
            && message.contains("已改按表格中的单元格读入，表格中的修改都已采用")
            && message.contains("各指标的备注"),
        "{message}"
    );
}

/// A form written by a newer version of the calculator is refused as such, as before: its
/// cells were laid out by another writer, and are not read as if this one had written them.
#[test]
fn a_form_whose_hidden_copy_is_a_newer_version_is_refused() {
    let written = xlsx::sheet_to_xlsx(&filled_project()).unwrap();
    let newer = edited(&written, "xl/sharedStrings.xml", |xml| {
        assert!(
            xml.contains("\"version\": 2"),
            "the copy's version is in the shared strings"
        );
        xml.replacen("\"version\": 2", "\"version\": 9", 1)
    });
    let error = xlsx::import(&newer, "newer.xlsx").map(|_| ()).unwrap_err();
    assert!(error.to_string().contains('9'), "{error}");
}

/// Every template's kind survives its own CSV, as it does its form: a CSV of the 重点评价
/// template (项目支出绩效评价表), or of a project titled otherwise with no 项目名称, opened
/// again as a 部门整体 sheet, the .xlsx reader taking any title naming a 项目 and the CSV
/// reader only the exact 项目支出绩效自评表. Both now read the kind by one rule, and a
/// project's CSV names its 实施单位, as its form does, filled or not.
#[test]
fn a_sheets_kind_survives_its_csv_for_every_template() {
    let mut sheets: Vec<(String, jixiao::model::Sheet)> = jixiao::templates::TEMPLATES
        .iter()
        .map(|t| (t.id.to_string(), t.sheet()))
        .collect();
    for unit in ["", "石井街道"] {
        let mut custom = jixiao::templates::find("project").unwrap().sheet();
        custom.meta.title = "2023年度老旧小区微改造绩效自评表".into();
        custom.meta.unit = unit.into();
        sheets.push((format!("custom title, 单位 {unit:?}"), custom));
    }
    let mut filled = filled_project();
    filled.meta.project.clear();
    filled.meta.title = "绩效自评表（城南街道）".into();
    sheets.push(("filled, no 项目名称".into(), filled));
    for (name, sheet) in &sheets {
        let written = xlsx::sheet_to_xlsx(sheet).unwrap();
        let read_back = [
            (
                "own CSV",
                xlsx::sheet_csv(sheet).unwrap().into_bytes(),
                "own.csv",
            ),
            ("form's cells", without_hidden_copy(&written), "copy.xlsx"),
            (
                "form saved as CSV",
                saved_as_csv(&written).into_bytes(),
                "excel.csv",
            ),
        ];
        for (how, bytes, file) in read_back {
            let Document::Sheet(back) = xlsx::import_auto(&bytes, file).unwrap() else {
                panic!("{name}: a sheet");
            };
            assert_eq!(back.kind, sheet.kind, "{name}: {how}");
            assert_eq!(back.meta.title, sheet.meta.title, "{name}: {how}");
            assert_eq!(back.meta.unit, sheet.meta.unit, "{name}: {how}");
        }
    }
}

/// The row and the text of the first cell of `worksheet` in `written` that starts with `start`.
fn cell_starting(written: &[u8], worksheet: &str, start: &str) -> (usize, String) {
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(written)).unwrap();
    let range = book.worksheet_range(worksheet).unwrap();
    range
        .rows()
        .enumerate()
        .find_map(|(r, row)| match row.first() {
            Some(Data::String(s)) if s.starts_with(start) => Some((r + 1, s.clone())),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no cell starting {start}"))
}

/// `其中：` deleted before a 资金 row's name in a returned form was dropped, unsaid (the row's
/// being a part was compared nowhere): it is taken, as the form's cells alone read it, and said.
#[test]
fn a_funds_row_made_a_part_or_not_in_a_returned_form_is_taken() {
    let sheet = fixture("seed001_department.sheet.json");
    assert!(sheet.funds[1].part);
    let written = xlsx::sheet_to_xlsx(&sheet).unwrap();
    let worksheet = read(&written, "x.xlsx").unwrap().tables[0].name.clone();
    let (row, text) = cell_starting(&written, &worksheet, "其中：基本支出");
    assert_eq!(text, "其中：基本支出");
    let returned = edited(&written, &worksheet_part(1), |xml| {
        with_text(xml, &format!("A{row}"), "基本支出")
    });
    let imported = xlsx::import(&returned, "returned.xlsx").unwrap();
    let alone = xlsx::import(&without_hidden_copy(&returned), "copy.xlsx").unwrap();
    for document in [&imported.document, &alone.document] {
        let Document::Sheet(back) = document else {
            panic!("a sheet");
        };
        let parts: Vec<(&str, bool)> = back
            .funds
            .iter()
            .map(|f| (f.name.as_str(), f.part))
            .collect();
        assert_eq!(parts[1], ("基本支出", false), "{parts:?}");
        assert_eq!(parts[2].1, sheet.funds[2].part, "{parts:?}");
    }
    let message = imported.changes.message().unwrap_or_default();
    assert!(
        message.contains(
            "已采用表格中修改过的 1 个单元格：资金（基本支出） 其中：基本支出 → 基本支出"
        ),
        "{message}"
    );
}

/// `其中:` typed with the ASCII colon (as Excel's keyboard gives it) made the row a 资金 row of
/// its own, named `其中:基本支出`: it is a 其中 row, as the page reads it pasted.
#[test]
fn a_funds_row_marked_with_an_ascii_colon_is_a_part() {
    let sheet = fixture("seed001_department.sheet.json");
    let written = xlsx::sheet_to_xlsx(&sheet).unwrap();
    let worksheet = read(&written, "x.xlsx").unwrap().tables[0].name.clone();
    let (row, _) = cell_starting(&written, &worksheet, "其中：基本支出");
    for typed in ["其中:基本支出", "其中： 基本支出"] {
        let returned = edited(&written, &worksheet_part(1), |xml| {
            with_text(xml, &format!("A{row}"), typed)
        });
        let imported = xlsx::import(&returned, "returned.xlsx").unwrap();
        let alone = xlsx::import(&without_hidden_copy(&returned), "copy.xlsx").unwrap();
        for document in [&imported.document, &alone.document] {
            let Document::Sheet(back) = document else {
                panic!("a sheet");
            };
            assert_eq!(back.funds[1].name, "基本支出", "{typed}");
            assert!(back.funds[1].part, "{typed}");
        }
        assert_eq!(imported.changes.message(), None, "{typed}");
    }
}

/// 填报单位（盖章） edited in a returned form's signature line was dropped, unsaid, where the
/// head names the unit: the sheet keeps one unit, the head's (a project's 实施单位 need not be
/// who fills its form in), so the edit is said, not taken over it. Where the head names none,
/// the signature's unit is the sheet's, as before.
#[test]
fn a_signature_lines_unit_edited_in_a_returned_form_is_said_or_taken() {
    for head_unit in ["石井街道", ""] {
        let mut sheet = filled_project();
        sheet.meta.unit = head_unit.into();
        let written = xlsx::sheet_to_xlsx(&sheet).unwrap();
        let (row, line) = cell_starting(&written, "自评表", "填报单位（盖章）：");
        let signed = match line.split_once("    填报人") {
            Some((_, rest)) => format!("填报单位（盖章）：白云区财政局    填报人{rest}"),
            None => panic!("{line}"),
        };
        let returned = edited(&written, &worksheet_part(1), |xml| {
            with_text(xml, &format!("A{row}"), &signed)
        });
        let imported = xlsx::import(&returned, "returned.xlsx").unwrap();
        let Document::Sheet(back) = &imported.document else {
            panic!("a sheet");
        };
        let message = imported.changes.message().unwrap_or_default();
        if head_unit.is_empty() {
            assert_eq!(back.meta.unit, "白云区财政局");
            assert!(message.contains("单位名称 空 → 白云区财政局"), "{message}");
            assert!(!message.contains("签名栏"), "{message}");
        } else {
            assert_eq!(back.meta.unit, head_unit);
            assert!(
                message.contains("签名栏的填报单位（盖章）被改动，未采用")
                    && message.contains("填报单位（盖章） 石井街道 → 白云区财政局"),
                "{message}"
            );
        }
    }
}

/// The calculator's own CSVs open again as its own, with no columns to confirm: a sheet's
/// (when the page asked for the columns, it said the file held none of the calculator's data)
/// and a 汇总表's (which was said to have lost the data saved with it, as if the user had).
/// What each says is what a CSV is: cells alone, the sheet's 自评报告 rewrites not among them.
#[test]
fn the_calculators_own_csvs_open_again_as_its_own() {
    let opened = |csv: &str| {
        let form = xlsx::preview(&read(csv.as_bytes(), "表.csv").unwrap(), &[]).form;
        let imported = xlsx::import(csv.as_bytes(), "表.csv").unwrap();
        (form, imported.changes.message(), imported.document)
    };
    for name in ["filled_project.json", "seed001_department.sheet.json"] {
        let sheet = fixture(name);
        let (form, message, back) = opened(&xlsx::sheet_csv(&sheet).unwrap());
        let Document::Sheet(back) = back else {
            panic!("{name}: a sheet");
        };
        assert_eq!((form, scores(&back)), (true, scores(&sheet)), "{name}");
        assert_eq!(
            message.as_deref(),
            Some("CSV 文件只保存表格中的单元格，已按单元格读入，计分不受影响；各指标的审核意见、与计算结果不同的单位自评数、自评报告中改写的段落不在 CSV 中，如需要请打开本计算器保存的 .json 或 .xlsx 文件。"),
            "{name}"
        );
    }
    let mut workbook = Workbook::new("示例");
    workbook.sheets = vec![filled_project(), fixture("seed001_department.sheet.json")];
    workbook.summary.meta.title = "项目绩效评价汇总表".into();
    let summary = workbook.summary_sheet();
    let csv = xlsx::summary_csv(&summary, None).unwrap();
    let (form, message, back) = opened(&csv);
    let Document::Sheet(back) = back else {
        panic!("a 汇总表");
    };
    assert_eq!((form, message, back.projects.len()), (true, None, 2));
    // A form Excel saved as CSV has lost what its cells do not show: said so, as a CSV.
    let written = xlsx::sheet_to_xlsx(&filled_project()).unwrap();
    let (form, message, _) = opened(&saved_as_csv(&written));
    assert!(form);
    assert_eq!(
        message.as_deref(),
        Some("CSV 文件只保存表格中的单元格，已按单元格读入，计分不受影响；各指标的备注和审核意见、与计算结果不同的单位自评数、主要问题和改进建议、自评报告的段落不在 CSV 中，如需要请打开本计算器保存的 .json 或 .xlsx 文件。")
    );
}

/// A sheet's CSV opened again dropped its 审核意见 without a word, the notice naming only the
/// 自评报告's paragraphs; and a 汇总表's 分数 came back in its places, not as typed (91 as 91.0,
/// 88.00 as 88.0 under one place), where the CSV keeps every typed cell as written.
#[test]
fn a_csv_says_it_holds_no_opinions_and_keeps_a_summarys_scores_as_typed() {
    let mut sheet = filled_project();
    sheet.indicators[1].children[0].children[0].opinion = "佐证不足".into();
    let imported = xlsx::import(xlsx::sheet_csv(&sheet).unwrap().as_bytes(), "表.csv").unwrap();
    let message = imported.changes.message().unwrap();
    assert!(
        message.contains(
            "各指标的审核意见、与计算结果不同的单位自评数、自评报告中改写的段落不在 CSV 中"
        ),
        "{message}"
    );
    // Without the hidden copy, an .xlsx form's cells hold none either: said so.
    let cells = without_hidden_copy(&xlsx::sheet_to_xlsx(&sheet).unwrap());
    let message = xlsx::import(&cells, "表.xlsx")
        .unwrap()
        .changes
        .message()
        .unwrap();
    assert!(message.contains("（各指标的备注和审核意见、"), "{message}");

    let mut summary = fixture("seed000_summary.sheet.json");
    summary.settings.score_decimals = 1;
    for (row, typed) in ["91", "88.00", "82.06", ""].iter().enumerate() {
        summary.projects[row].score = (*typed).into();
    }
    let csv = xlsx::summary_csv(&summary, None).unwrap();
    let Document::Sheet(back) = xlsx::import_auto(csv.as_bytes(), "汇总.csv").unwrap() else {
        panic!("a 汇总表");
    };
    let typed: Vec<&str> = back.projects[..4]
        .iter()
        .map(|p| p.score.as_str())
        .collect();
    assert_eq!(typed, ["91", "88.00", "82.06", ""]);
    assert_eq!(scores(&back), scores(&summary));
}

/// A block with its header, pasted as the page pastes it over a row 指标020 scored by `own`:
/// the row's score after the paste, and the rule changes it lists.
fn paste_over_rule(own: &jixiao::model::Rule, cells: [&str; 5]) -> (String, String) {
    use jixiao::comparison::Comparison;
    use jixiao::model::{Node, Sheet};
    let mut sheet = Sheet::new(jixiao::model::SheetKind::Department);
    sheet.indicators = vec![Node {
        name: "指标020".into(),
        weight: "0.4".into(),
        rule: Some(own.clone()),
        comparison: Comparison::parse("≤"),
        target: "0%".into(),
        actual: "7.1%".into(),
        ..Node::default()
    }];
    let [weight, rule, cmp, target, actual] = cells;
    let row = ["指标020", weight, rule, cmp, target, actual];
    let head = [
        "指标名称",
        "分值",
        "计分方法",
        "比较方式",
        "年度指标值",
        "实际完成值",
    ];
    let block = pasted(&[&head, &row]);
    let mapping = detect(&block).tables[0].mapping.clone().unwrap();
    let read = build(&block, &mapping).unwrap();
    let done = xlsx::paste(&mut sheet, Some(0), xlsx::top_depth(&mapping), 0, read);
    let score = Calculator::new(sheet).report().nodes[0].score.clone();
    let said: Vec<String> = done
        .overwritten
        .into_iter()
        .filter(|s| s.contains("计分方法"))
        .collect();
    (score.unwrap_or_default(), said.join("; "))
}

/// A block pasted with its header over a row of the same name, as the page pastes it: the
/// rule its 计分方法 names is the row's (比率法 too, which was taken for a blank cell), and a
/// rule changed is said as other cells are; a blank 计分方法, or the row's kind named without
/// parameters, leaves the row's rule.
#[test]
fn a_pasted_blocks_rule_is_the_rows_and_is_said() {
    use jixiao::model::Rule;
    let step = Rule::Step(jixiao::rules::Step {
        threshold: "0%".into(),
        step: "5%".into(),
        points: "0.1".into(),
        inclusive: true,
    });
    let paste = |rule: &str, cmp: &str, target: &str, actual: &str| {
        paste_over_rule(&step, ["0.4", rule, cmp, target, actual])
    };
    let said = |words: &str| format!("指标020的计分方法 {words}");
    // 0.4 × 90 ÷ 95 = 0.3789…; 阶梯扣分 gave 0.30.
    assert_eq!(
        paste("比率法", "≥", "95%", "90%"),
        ("0.38".into(), said("阶梯扣分 → 比率法"))
    );
    assert_eq!(
        paste("是否判断", "", "", "是"),
        ("0.40".into(), said("阶梯扣分 → 是否判断"))
    );
    assert_eq!(
        paste("阶梯扣分（自0%起，每2%扣0.1分，含边界）", "", "", ""),
        (
            "0.10".into(),
            said(
                "阶梯扣分（自0%起，每5%扣0.1分，含边界） → 阶梯扣分（自0%起，每2%扣0.1分，含边界）"
            )
        )
    );
    assert_eq!(paste("", "", "", ""), ("0.30".into(), String::new()));
    assert_eq!(
        paste("阶梯扣分", "", "", ""),
        ("0.30".into(), String::new())
    );
}

/// A 5 KB file with a stray cell at XFD1048576 had the reader ask for 512 GB and abort: it
/// is read, the stray cell and all, holding only the cells there are. Cells so many and so
/// far apart that their rows would hold millions, and a part that unpacks to GBs, are refused,
/// saying where and what to do, before anything is held; a region merged out to the last
/// column fills no more than a table may hold.
#[test]
fn a_cell_far_from_the_table_is_read_and_a_file_too_large_unpacked_is_refused() {
    let bytes = xlsx::sheet_to_xlsx(&fixture("seed003_department.sheet.json")).unwrap();
    let name = read(&bytes, "表.xlsx").unwrap().tables[0].name.clone();
    let held = |rows: &[Vec<String>]| rows.iter().map(Vec::len).sum::<usize>();

    let far = read(
        &hostile::with_cell_at(&bytes, 1_048_576, "XFD1048576"),
        "表.xlsx",
    )
    .unwrap();
    let rows = &far.tables[0].rows;
    assert_eq!((rows.len(), rows[1_048_575].len()), (1_048_576, 16_384));
    assert_eq!(rows[1_048_575][16_383], "末格");
    assert!(held(rows) < 20_000, "{}", held(rows));
    // The table's rows read as before, each as far as its last cell.
    let filled = |row: &[String]| {
        row[..row.iter().rposition(|c| !c.is_empty()).map_or(0, |i| i + 1)].to_vec()
    };
    let table = read(&bytes, "表.xlsx").unwrap().tables.remove(0).rows;
    assert!(table.iter().zip(rows).all(|(a, b)| filled(a) == filled(b)));

    let too_large = |bytes: &[u8]| match read(bytes, "表.xlsx") {
        Err(SpreadsheetError::TooLarge(message)) => message,
        other => panic!("{:?}", other.map(|s| s.tables.len())),
    };
    // 70 rows reaching XFD: 1.1 million cells.
    let spread: Vec<(u32, String)> = (1000..1070).map(|r| (r, format!("XFD{r}"))).collect();
    let spread = too_large(&hostile::with_cells_at(&bytes, &spread));
    assert!(
        spread.starts_with(&format!(
            "工作表“{name}”的内容太多或太分散（一直到单元格 XFD1069，"
        )) && spread.contains("请在 Excel 或 WPS 中删除表格以外的行和列"),
        "{spread}"
    );
    // Beyond Excel's last row: no file Excel wrote.
    let beyond = hostile::with_cell_at(&bytes, 4_000_000_000, "A4000000000");
    assert!(matches!(
        read(&beyond, "表.xlsx"),
        Err(SpreadsheetError::BadXlsx(_))
    ));
    let bomb = too_large(&hostile::declaring(
        &bytes,
        "xl/sharedStrings.xml",
        300 << 20,
    ));
    assert!(bomb.starts_with("文件解压后过大（其中一部分解压后达 300 MB，最多支持 200 MB）"));

    // A40000 holds a cell, and A100:XFD40000 is merged: 653 million cells filled before.
    let merged = excel::edited(
        &hostile::with_cell_at(&bytes, 40_000, "A40000"),
        &excel::worksheet_part(1),
        |xml| {
            xml.replace(
                "</mergeCells>",
                "<mergeCell ref=\"A100:XFD40000\"/></mergeCells>",
            )
        },
    );
    let rows = &read(&merged, "表.xlsx").unwrap().tables[0].rows;
    assert_eq!(rows.len(), 40_000);
    assert!(held(rows) <= 3 << 20, "{}", held(rows));
}

/// 比率法 pasted over a row scored 比率法（反向按比值） is the plain direction, said as a rule
/// changed: it kept 反向按比值 without a word, 10 × 90 ÷ 99 = 9.09 where the block's rule
/// gives 10 × (2 × 90 − 99) ÷ 90 = 9.00 (DOMAIN.md §6). Named with its direction, or blank,
/// the row's rule stays.
#[test]
fn a_pasted_plain_ratio_is_the_plain_direction() {
    use jixiao::model::{LowerVariant, Rule};
    let by_quotient = Rule::Ratio(jixiao::rules::Ratio {
        lower: LowerVariant::Ratio,
    });
    let paste = |rule: &str| paste_over_rule(&by_quotient, ["10", rule, "≤", "90", "99"]);
    let said = "指标020的计分方法 比率法（反向按比值） → 比率法".to_string();
    assert_eq!(paste("比率法"), ("9.00".into(), said));
    assert_eq!(
        paste("比率法（反向按比值）"),
        ("9.09".into(), String::new())
    );
    assert_eq!(paste(""), ("9.09".into(), String::new()));
}

/// A kind with no parameters named over a row of that kind (比率法 aside, whose name is the
/// plain direction) is the row's own rule: it scores as before and nothing is said.
#[test]
fn a_pasted_kind_without_parameters_over_its_own_is_no_change() {
    use jixiao::model::Rule;
    use jixiao::rules::{Coefficient, YesNo};
    let same = |own: Rule, rule, actual| paste_over_rule(&own, ["0.4", rule, "", "", actual]);
    let nothing_said = |score: &str| (score.to_string(), String::new());
    assert_eq!(
        same(Rule::YesNo(YesNo {}), "是否判断", "否"),
        nothing_said("0.00")
    );
    assert_eq!(
        same(Rule::Coefficient(Coefficient {}), "得分系数法", "0.5"),
        nothing_said("0.20")
    );
}

/// The same typed over a returned form's 计分方法: the plain direction, said as an edit (as it
/// already was).
#[test]
fn a_returned_forms_plain_ratio_is_the_plain_direction() {
    use jixiao::model::{LowerVariant, Rule};
    let mut sheet = filled_project();
    let leaf = &mut sheet.indicators[1].children[0].children[0];
    assert_eq!(leaf.name, "完成改造面积");
    leaf.rule = Some(Rule::Ratio(jixiao::rules::Ratio {
        lower: LowerVariant::Ratio,
    }));
    let written = xlsx::sheet_to_xlsx(&sheet).unwrap();
    let row = form_row(&written, "完成改造面积");
    let returned = edited(&written, &worksheet_part(1), |xml| {
        with_text(xml, &format!("I{row}"), "比率法")
    });
    for (how, bytes) in [
        ("with its copy", returned.clone()),
        ("from its cells", without_hidden_copy(&returned)),
    ] {
        let imported = xlsx::import(&bytes, "returned.xlsx").unwrap();
        let Document::Sheet(back) = &imported.document else {
            panic!("a sheet was written");
        };
        let leaf = &back.indicators[1].children[0].children[0];
        let plain = Rule::Ratio(jixiao::rules::Ratio {
            lower: LowerVariant::Linear,
        });
        assert_eq!(leaf.rule, Some(plain), "{how}");
    }
    let imported = xlsx::import(&returned, "returned.xlsx").unwrap();
    assert_eq!(
        imported.changes.message().as_deref(),
        Some("已采用表格中修改过的 1 个单元格：计分方法（完成改造面积） 比率法（反向按比值） → 比率法。")
    );
}

/// A formula's long result in a General cell (`=2000/3`, held as 666.666666666667, which
/// Excel shows rounded to the column's width) is refused for its places, and the message at
/// its cell says why a cell that shows fewer holds them, and what to do; formatted to two
/// places, as it says, the cell is read as it shows them.
#[test]
fn a_long_result_in_a_general_cell_is_said_as_excel_holds_it() {
    let written = xlsx::sheet_to_xlsx(&filled_project()).unwrap();
    let table = read(&written, "x.xlsx").unwrap().tables.remove(0);
    let cell = format!(
        "L{}",
        table
            .rows
            .iter()
            .position(|r| r[6] == "完成改造面积")
            .unwrap()
            + 1
    );
    let part = worksheet_part(1);
    let cached = "<v>666.66666666666663</v>";
    let with_formula = |bytes: &[u8]| {
        edited(bytes, &part, |xml| {
            xml.replacen(cached, &format!("<f>2000/3</f>{cached}"), 1)
        })
    };
    let general = with_formula(&edited(&written, &part, |xml| {
        let start = xml.find(&format!("<c r=\"{cell}\"")).unwrap();
        let end = start + xml[start..].find("</c>").unwrap() + "</c>".len();
        format!(
            "{}<c r=\"{cell}\">{cached}</c>{}",
            &xml[..start],
            &xml[end..]
        )
    }));
    let two_places = with_formula(&with_formatted_number(
        &written,
        &part,
        &cell,
        "666.66666666666663",
        "0.00",
    ));
    let imported = |bytes: &[u8]| {
        let Document::Sheet(back) = xlsx::import(bytes, "returned.xlsx").unwrap().document else {
            panic!("a sheet");
        };
        Calculator::new(back).report()
    };
    for (how, bytes) in [
        ("with its copy", general.clone()),
        ("from its cells", without_hidden_copy(&general)),
    ] {
        let report = imported(&bytes);
        let at_cell: Vec<(&str, &str)> = report
            .diagnostics
            .iter()
            .filter(|d| {
                d.at == jixiao::diagnostic::Location::Node {
                    node: 3,
                    field: jixiao::diagnostic::Field::Actual,
                }
            })
            .map(|d| (d.code, d.message.as_str()))
            .collect();
        assert_eq!(
            at_cell,
            [("unreadable", "实际完成值无法识别：小数位数太多：超过10位。如是 Excel 公式算出的数（如 =1/3），Excel 按列宽四舍五入显示（如 0.333333），单元格中保存的却是算出的全部位数（0.333333333333333），读入的是保存的数：请按要计分的位数直接填写数值，或在 Excel 中把单元格格式设为这些小数位数（如“数值”保留2位）后重新导入")],
            "{how}"
        );
    }
    // 20 × 666.67 ÷ 2000 = 6.6667.
    let report = imported(&two_places);
    let scored = report
        .nodes
        .iter()
        .find(|n| n.name == "完成改造面积")
        .unwrap();
    assert_eq!(scored.score.as_deref(), Some("6.67"));
}

/// A 汇总表's 分数 read back from an .xlsx's visible cells, alone or in a workbook's 汇总表
/// worksheet: as typed (91 as 91, 88.00 as 88.00), not in the 汇总表's places (91.0, 88.0),
/// as a CSV already reads it.
#[test]
fn a_summarys_scores_read_back_from_its_cells_as_typed() {
    let mut summary = fixture("seed000_summary.sheet.json");
    summary.settings.score_decimals = 1;
    for (row, typed) in ["91", "88.00", "82.06", ""].iter().enumerate() {
        summary.projects[row].score = (*typed).into();
    }
    let alone = without_hidden_copy(&xlsx::summary_to_xlsx(&summary, None).unwrap());
    let Document::Sheet(back) = xlsx::import_auto(&alone, "汇总.xlsx").unwrap() else {
        panic!("a 汇总表");
    };
    let typed = |back: &jixiao::model::Sheet| -> Vec<String> {
        back.projects[..4]
            .iter()
            .map(|p| p.score.to_string())
            .collect()
    };
    assert_eq!(typed(&back), ["91", "88.00", "82.06", ""]);
    assert_eq!(scores(&back), scores(&summary));
    let mut wb = Workbook::new("wb");
    wb.sheets = vec![filled_project()];
    wb.summary = summary.clone();
    let bytes = without_hidden_copy(&xlsx::workbook_to_xlsx(&wb).unwrap());
    let Document::Workbook(back) = xlsx::import(&bytes, "wb.xlsx").unwrap().document else {
        panic!("a workbook was written");
    };
    assert_eq!(typed(&back.summary), ["91", "88.00", "82.06", ""]);
    assert_eq!(scores(&back.summary_sheet()), scores(&wb.summary_sheet()));
}

/// A one-row CSV (name, 分值, 年度指标值, 实际完成值, 得分) imported: its rule's kind, its score,
/// and the codes said at its 年度指标值 and 实际完成值.
fn imported_row(target: &str, actual: &str) -> (String, Option<String>, Vec<&'static str>) {
    use jixiao::diagnostic::{Field, Location};
    let csv =
        format!("指标名称,分值,年度指标值,实际完成值,得分\n培训人数,10,{target},{actual},10\n");
    let Document::Sheet(sheet) = xlsx::import_auto(csv.as_bytes(), "表.csv").unwrap() else {
        panic!("a sheet");
    };
    let kind = sheet.indicators[0].rule.as_ref().map_or("", |r| r.label());
    let report = Calculator::new(sheet.clone()).report();
    let at = |field| Location::Node { node: 0, field };
    let said = report
        .diagnostics
        .iter()
        .filter(|d| d.at == at(Field::Target) || d.at == at(Field::Actual))
        .map(|d| d.code)
        .collect();
    (kind.to_string(), report.nodes[0].score.clone(), said)
}

/// A row with approximate figures (约100人, 100余人) and a 得分 was imported as a 定性 row and
/// scored by its 得分, the approximations said nowhere: they were taken for words. They are
/// figures refused at their cells, and the row keeps the rule its comparison gives.
#[test]
fn an_imported_row_with_approximate_figures_is_no_qualitative_row() {
    let unread = vec!["unreadable"];
    let both = vec!["unreadable", "unreadable"];
    let ten = Some("10.00".to_string());
    assert_eq!(
        imported_row("约100人", "100余人"),
        ("".into(), None, both.clone())
    ); // was 定性
    assert_eq!(imported_row("100人", "100余人"), ("".into(), None, unread));
    assert_eq!(
        imported_row("约100人", "长期"),
        ("".into(), None, both.clone())
    );
    assert_eq!(
        imported_row("基本建立", "长期"),
        ("定性评价".into(), ten, vec![])
    );
}

/// A block pasted over the 项目支出 template, as the page pastes it: a row under 可持续影响指标
/// (whose blank row is 定性) with approximate figures became a 定性 row, scored by its 得分. It
/// keeps its figures' comparison, and the approximation is refused at its cell.
#[test]
fn a_pasted_row_with_approximate_figures_is_no_qualitative_row() {
    use jixiao::diagnostic::{Field, Location};
    let pasted = |target: &str, actual: &str| {
        let head = [
            "一级指标",
            "二级指标",
            "三级指标",
            "分值",
            "年度指标值",
            "实际完成值",
            "得分",
        ];
        let row = [
            "效益指标",
            "可持续影响指标",
            "长效机制",
            "10",
            target,
            actual,
            "10",
        ];
        let block = pasted(&[&head, &row]);
        let mapping = detect(&block).tables[0].mapping.clone().unwrap();
        let read = build(&block, &mapping).unwrap();
        let mut sheet = jixiao::templates::find("project").unwrap().sheet();
        xlsx::paste(&mut sheet, Some(0), xlsx::top_depth(&mapping), 0, read);
        let report = Calculator::new(sheet).report();
        let node = report
            .nodes
            .iter()
            .position(|n| n.name == "长效机制")
            .unwrap();
        let at = Location::Node {
            node,
            field: Field::Actual,
        };
        let said: Vec<&str> = report
            .diagnostics
            .iter()
            .filter(|d| d.at == at)
            .map(|d| d.code)
            .collect();
        (
            report.nodes[node].rule,
            report.nodes[node].score.clone(),
            said,
        )
    };
    let ratio = Some("比率法");
    let unread = vec!["unreadable"];
    assert_eq!(pasted("150个", "约178个"), (ratio, None, unread.clone())); // was 定性评价
    assert_eq!(pasted("约150个", "约178个"), (ratio, None, unread)); // was 定性评价
    assert_eq!(pasted("基本建立", "长期").0, Some("定性评价"));
}

/// A workbook written before a 部门整体 sheet's 汇总表 row was named by its 单位 has the
/// sheet's title in the row's 项目名称 cell, as that writer named it: opened again untouched,
/// sorted in Excel, or read from its cells alone, it reads as unchanged, every sheet and row as
/// it was (sorted or from its cells, it once came back as a typed row beside the sheet's, the
/// department counted twice). A name typed over it is still said.
#[test]
fn a_department_rows_name_an_older_writer_gave_reads_as_unchanged() {
    let mut wb = Workbook::new("示例工作簿");
    wb.sheets = vec![fixture("seed003_department.sheet.json"), filled_project()];
    wb.summary.projects = fixture("seed000_summary.sheet.json").projects;
    let department = &wb.sheets[0].meta;
    assert!(department.project.is_empty() && !department.unit.is_empty());
    let written = xlsx::workbook_to_xlsx(&wb).unwrap();
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(&written)).unwrap();
    let range = book.worksheet_range("汇总表").unwrap();
    let (row, _, _) = range
        .cells()
        .find(|(_, c, d)| *c == 2 && **d == Data::String(department.unit.clone()))
        .expect("the row named by its 单位");
    let name = format!("C{}", row + 1);
    let as_old = |text: &str| {
        edited(&written, &worksheet_part(1), |xml| {
            with_text(xml, &name, text)
        })
    };
    let imported = xlsx::import(&as_old(&department.title), "old.xlsx").unwrap();
    assert_eq!(imported.changes.message(), None);
    assert_eq!(imported.document, Document::Workbook(wb.clone()));
    // Sorted in Excel, the row moved: still that row, and nothing added.
    let mut sorted = read(&as_old(&department.title), "old.xlsx").unwrap();
    let rows = &mut sorted.tables[0].rows;
    let at = |name: &str| {
        rows.iter()
            .position(|r| r.first().is_some_and(|c| c == name))
    };
    let (header, total) = (at("序号").unwrap(), at("合计").unwrap());
    rows[header + 1..total].reverse();
    let imported = xlsx::merge(&sorted, Document::Workbook(wb.clone())).unwrap();
    assert!(imported.changes.is_empty(), "{:?}", imported.changes);
    let mut as_sorted = wb.clone();
    as_sorted.summary.projects.reverse();
    assert_eq!(imported.document, Document::Workbook(as_sorted));
    // Renamed in the older form: said, as a name typed over a sheet's row is, and not taken.
    let imported = xlsx::import(&as_old("石井街道"), "old.xlsx").unwrap();
    let renamed = &imported.changes.from_sheets;
    assert_eq!(
        renamed
            .iter()
            .map(|c| (c.field, c.after.as_str()))
            .collect::<Vec<_>>(),
        [("项目名称", "石井街道")],
        "{:?}",
        imported.changes
    );
    assert_eq!(imported.document, Document::Workbook(wb.clone()));
    // Its cells alone (the hidden copy lost): the row is the sheet's, not one typed.
    let alone = without_hidden_copy(&as_old(&department.title));
    let Document::Workbook(back) = xlsx::import(&alone, "old.xlsx").unwrap().document else {
        panic!("a workbook was written");
    };
    assert_eq!(back.summary.projects, wb.summary.projects);
}
