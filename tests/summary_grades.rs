//! A 汇总表 grades every row by its own grade bands (it is the reviewer's table): a row from a
//! workbook's sheet that the sheet's own bands grade otherwise says so at its 等级, on screen
//! and in the 检查结果 of the Excel file written from it.

use calamine::{Reader, Xlsx};
use jixiao::engine::Calculator;
use jixiao::load::load;
use jixiao::model::{GradeBand, ProjectRow, Sheet};
use jixiao::workbook::Workbook;
use std::io::Cursor;

/// Grade bands from their lower bounds, 优 down to 差.
fn bands(mins: [&str; 4]) -> Vec<GradeBand> {
    ["优", "良", "中", "差"]
        .into_iter()
        .zip(mins)
        .map(|(grade, min)| GradeBand {
            grade: grade.into(),
            min: min.into(),
        })
        .collect()
}

/// The filled 项目支出 form of tests/fixtures (94.51), graded by `own` bands.
fn sheet(own: [&str; 4]) -> Sheet {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/filled_project.json"
    );
    let mut sheet = load(&std::fs::read_to_string(path).unwrap()).unwrap();
    sheet.settings.grade_bands = bands(own);
    sheet
}

/// The findings of a workbook's 汇总表 (of `summary` bands) of that sheet, as shown.
fn said(own: [&str; 4], summary: [&str; 4]) -> Vec<String> {
    let mut wb = Workbook::new("示例");
    wb.sheets = vec![sheet(own)];
    wb.summary.settings.grade_bands = bands(summary);
    let calc = Calculator::new(wb.summary_sheet());
    calc.diagnostics()
        .iter()
        .map(|d| format!("{:?} {}: {}", d.at, d.problem.code(), d.message()))
        .collect()
}

const DEFAULT: [&str; 4] = ["90", "80", "60", "0"];

#[test]
fn a_row_its_sheet_grades_otherwise_says_so_at_its_grade() {
    let at = "Project { row: 0, field: Grade } sheet_grade_differs";
    assert_eq!(said(["95", "85", "60", "0"], DEFAULT), [format!("{at}: 该表格按其自身设置评为良（良≥85），汇总表按本表的等级设置评为优（优≥90），等级分布按优计：如两者应一致，请把该表格或本表“设置”中的等级区间改为相同")]);
    assert_eq!(said(DEFAULT, ["95", "85", "60", "0"]), [format!("{at}: 该表格按其自身设置评为优（优≥90），汇总表按本表的等级设置评为良（良≥85），等级分布按良计：如两者应一致，请把该表格或本表“设置”中的等级区间改为相同")]);
    // Other bands that grade it alike, and the same bands: nothing to say.
    assert_eq!(said(["85", "75", "60", "0"], DEFAULT), Vec::<String>::new());
    assert_eq!(
        said(["95", "85", "60", "0"], ["95", "85", "60", "0"]),
        Vec::<String>::new()
    );
}

#[test]
fn a_typed_row_is_graded_by_the_summary_alone() {
    let mut summary = Sheet::new(jixiao::model::SheetKind::Summary);
    summary.settings.grade_bands = bands(["95", "85", "60", "0"]);
    summary.projects = vec![ProjectRow {
        project: "外部评价项目".into(),
        score: "94.51".into(),
        ..ProjectRow::default()
    }];
    assert!(Calculator::new(summary).diagnostics().is_empty());
}

#[test]
fn the_summarys_excel_file_says_it_in_its_findings() {
    let mut wb = Workbook::new("示例");
    wb.sheets = vec![sheet(["95", "85", "60", "0"])];
    let bytes = jixiao::xlsx::summary_to_xlsx(&wb.summary_sheet(), None).unwrap();
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).unwrap();
    let findings = book.worksheet_range("检查结果").unwrap();
    let found = findings.cells().any(|(_, _, d)| {
        d.to_string()
            .contains("该表格按其自身设置评为良（良≥85），汇总表按本表的等级设置评为优（优≥90）")
    });
    assert!(found);
}
