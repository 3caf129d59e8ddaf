//! A 汇总表 row whose sheet has no score yet (not fully scored, or with errors) says 待定, and
//! the 合计 counts it as 无分数, in every form, file and table written from the 汇总表 as on
//! the page; a row typed into the 汇总表 keeps its 分数 as typed (blank stays blank) and is
//! counted as 无分数 all the same.

mod common;

use calamine::{Data, Reader, Xlsx};
use jixiao::engine::Calculator;
use jixiao::load::load;
use jixiao::model::{ProjectRow, Sheet};
use jixiao::workbook::Workbook;
use std::io::Cursor;
use std::path::Path;
use std::process::{Command, Output};

/// A project whose indicators are not scored yet: the blank template, named.
fn unscored() -> Sheet {
    let mut sheet = jixiao::templates::find("project").unwrap().sheet();
    sheet.meta.unit = "乙单位".into();
    sheet.meta.project = "未填完的项目".into();
    sheet
}

/// A workbook of a scored sheet, a sheet not yet scored, and a row typed with no 分数.
fn workbook() -> Workbook {
    let mut wb = Workbook::new("示例");
    wb.sheets = vec![common::seed000_projects().remove(0), unscored()];
    wb.summary.projects = vec![ProjectRow {
        unit: "丙单位".into(),
        project: "外部评价项目".into(),
        budget: "100.00".into(),
        spent: "96.08".into(),
        ..ProjectRow::default()
    }];
    wb
}

/// The 分数 cells and the 等级分布 line of the 汇总表 worksheet of an .xlsx file.
fn xlsx_scores(bytes: &[u8]) -> (Vec<Data>, String) {
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).unwrap();
    let range = book.worksheet_range("汇总表").unwrap();
    let rows: Vec<&[Data]> = range.rows().collect();
    let header = rows
        .iter()
        .position(|r| matches!(&r[0], Data::String(s) if s == "序号"))
        .expect("the header row");
    let score = rows[header]
        .iter()
        .position(|d| matches!(d, Data::String(s) if s == "分数"))
        .expect("a 分数 column");
    let scores = rows[header + 1..header + 4]
        .iter()
        .map(|r| r[score].clone())
        .collect();
    let grades = rows
        .iter()
        .flat_map(|r| r.iter())
        .find_map(|d| match d {
            Data::String(s) if s.starts_with("等级分布") => Some(s.clone()),
            _ => None,
        })
        .expect("the grade distribution");
    (scores, grades)
}

#[test]
fn a_sheet_without_a_score_is_pending_in_every_summary_written() {
    let wb = workbook();
    let summary = wb.summary_sheet();
    let typed: Vec<&str> = summary.projects.iter().map(|p| p.score.as_str()).collect();
    assert_eq!(typed, ["82.06", "待定", ""]);
    // The evaluation: 待定 is no score and no finding; both rows without one are 无分数.
    let calc = Calculator::new(summary.clone());
    let report = calc.report();
    let s = report.summary.as_ref().unwrap();
    assert_eq!(s.rows[1].score, None);
    assert_eq!(s.totals.no_score, 2);
    let distribution: Vec<(&str, usize)> = s.totals.distribution().collect();
    assert_eq!(
        distribution,
        [("优", 0), ("良", 1), ("中", 0), ("差", 0), ("无分数", 2)]
    );
    assert!(report.diagnostics.is_empty(), "{:?}", report.diagnostics);

    // Excel: the 汇总表 alone and a workbook's.
    let scored = Data::Float(82.06);
    for bytes in [
        jixiao::xlsx::summary_to_xlsx(&summary, None).unwrap(),
        jixiao::xlsx::workbook_to_xlsx(&wb).unwrap(),
    ] {
        let (scores, grades) = xlsx_scores(&bytes);
        assert_eq!(
            scores,
            [scored.clone(), Data::String("待定".into()), Data::Empty]
        );
        assert_eq!(
            grades,
            "等级分布：优 0 个，良 1 个，中 0 个，差 0 个，无分数 2 个"
        );
    }
    // CSV: the rows' 分数 as the form has them.
    let csv = jixiao::xlsx::summary_csv(&summary, None).unwrap();
    let score_of = |project: &str| {
        let line = csv.lines().find(|l| l.contains(project)).unwrap();
        line.split(',').nth(7).unwrap().to_string()
    };
    assert_eq!(score_of("未填完的项目"), "待定");
    assert_eq!(score_of("外部评价项目"), "");
    // Read back, as a 汇总表 of typed rows: the same rows, still without a finding.
    let back = jixiao::xlsx::import_auto(
        &jixiao::xlsx::summary_to_xlsx(&summary, None).unwrap(),
        "汇总表.xlsx",
    )
    .unwrap();
    let jixiao::load::Document::Sheet(back) = back else {
        panic!("one 汇总表")
    };
    assert_eq!(back.projects[1].score, "待定");
    let report = Calculator::new(back).report();
    assert_eq!(report.summary.unwrap().totals.no_score, 2);
    assert!(report.diagnostics.is_empty(), "{:?}", report.diagnostics);
}

fn jixiao(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run jixiao")
}

#[test]
fn a_batch_says_which_projects_have_no_score_in_its_table_and_files() {
    let dir = tempfile::tempdir().unwrap();
    let first = common::seed000_projects().remove(0);
    std::fs::write(dir.path().join("a.json"), first.to_json()).unwrap();
    std::fs::write(dir.path().join("b.json"), unscored().to_json()).unwrap();
    // On the terminal.
    let out = jixiao(&["batch", "a.json", "b.json"], dir.path());
    let table = String::from_utf8(out.stdout).unwrap();
    let row = table
        .lines()
        .find(|l| l.contains("未填完的项目"))
        .unwrap_or_else(|| panic!("{table}"));
    assert!(row.contains("待定"), "{table}");
    assert!(
        table.contains("等级分布：优 0，良 1，中 0，差 0，无分数 1"),
        "{table}"
    );
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("良 1，中 0，差 0，无分数 1"), "{err}");
    // As a sheet file: the row says it, and reads back as no score, without a finding.
    let out = jixiao(
        &["batch", "a.json", "b.json", "-o", "汇总表.json"],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(0));
    let summary = load(&std::fs::read_to_string(dir.path().join("汇总表.json")).unwrap()).unwrap();
    assert_eq!(summary.projects[1].score, "待定");
    let report = Calculator::new(summary).report();
    assert_eq!(report.summary.unwrap().totals.no_score, 1);
    assert!(report.diagnostics.is_empty(), "{:?}", report.diagnostics);
}
