//! Excel and CSV in and out: round trips, the printed-form layout read back, numbers stored as
//! numbers, and malformed files.

use calamine::{Data, Reader, Xlsx};
use jixiao::engine::Calculator;
use jixiao::load::{load, Document};
use jixiao::workbook::Workbook;
use jixiao::xlsx::{self, build, detect, read, SpreadsheetError};
use std::io::Cursor;

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
    assert_eq!(report.total.as_deref(), Some("94.90"));
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
        (s.budget.as_str(), s.spent.as_str(), s.rate.as_deref()),
        ("23,460.84", "22,793.18", Some("97.15%"))
    );
}

#[test]
fn csv_summaries_import_and_export() {
    let csv = xlsx::summary_csv(&fixture("seed000_summary.sheet.json")).unwrap();
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
                Calculator::new(s).report().summary.unwrap().rate.as_deref(),
                Some("97.15%")
            );
        }
        Document::Workbook(_) => panic!("a CSV holds one table"),
    }
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
