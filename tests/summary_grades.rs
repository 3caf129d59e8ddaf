//! A 汇总表 grades every row by its own grade bands (it is the reviewer's table): a row from a
//! workbook's sheet that the sheet's own bands grade otherwise says so at its 等级, on screen
//! and in the 检查结果 of the Excel file written from it. A score with more places than the
//! 汇总表 keeps is said counted as its settings round it, and a row from a sheet is not told
//! to be retyped.

use calamine::{Reader, Xlsx};
use jixiao::engine::Calculator;
use jixiao::load::load;
use jixiao::model::{GradeBand, ProjectRow, Rounding, Sheet};
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

/// The 汇总表's findings at 分数 when it keeps `decimals` places, rounded so: of a row typed
/// with `typed`, or else of the row of the filled 项目支出 sheet (94.51).
fn rounded(typed: Option<&str>, decimals: u32, rounding: Rounding) -> Vec<String> {
    let mut wb = Workbook::new("示例");
    match typed {
        Some(score) => {
            wb.summary.projects = vec![ProjectRow {
                project: "外部评价项目".into(),
                score: score.into(),
                ..ProjectRow::default()
            }]
        }
        None => wb.sheets = vec![sheet(DEFAULT)],
    }
    wb.summary.settings.score_decimals = decimals;
    wb.summary.settings.score_rounding = rounding;
    let calc = Calculator::new(wb.summary_sheet());
    calc.diagnostics()
        .iter()
        .filter(|d| d.problem.code() == "score_rounded")
        .map(|d| d.message())
        .collect()
}

#[test]
fn a_score_rounded_is_said_as_the_summary_rounds_it_and_where_to_change_it() {
    assert_eq!(
        rounded(Some("98.98"), 1, Rounding::Truncate),
        ["分数的小数位多于本表保留的位数，按截位后的98.9计算合计和等级：如以此为准，请改为98.9"]
    );
    assert_eq!(rounded(Some("59.995"), 2, Rounding::HalfUp), ["分数的小数位多于本表保留的位数，按四舍五入后的60.00计算合计和等级：如以此为准，请改为60.00"]);
    assert_eq!(
        rounded(Some("90.01"), 0, Rounding::Up),
        ["分数的小数位多于本表保留的位数，按进位后的91计算合计和等级：如以此为准，请改为91"]
    );
    assert_eq!(rounded(None, 1, Rounding::Truncate), ["分数的小数位多于本表保留的位数，按截位后的94.5计算合计和等级：此行来自表格，分数随该表格；如要两处一致，请把该表格或本表“设置”中的得分小数位、得分取舍改为相同"]);
}

/// The findings of a 汇总表 of one typed row, its 分数 `score` and its 等级 `grade`, as shown.
fn typed_row(score: &str, grade: &str) -> Vec<String> {
    let mut summary = Sheet::new(jixiao::model::SheetKind::Summary);
    summary.projects = vec![ProjectRow {
        project: "外部评价项目".into(),
        score: score.into(),
        grade: grade.into(),
        ..ProjectRow::default()
    }];
    let calc = Calculator::new(summary);
    calc.diagnostics()
        .iter()
        .map(|d| format!("{:?} {}: {}", d.at, d.problem.code(), d.message()))
        .collect()
}

/// A grade typed where the score belongs is told what the 汇总表 takes (a score, or the grade
/// in its 等级 with the 分数 blank), never a 比较方式, which only an indicator row has; and
/// what it says works: the grade moved to 等级 is counted, without a finding.
#[test]
fn a_grade_typed_as_the_score_is_told_where_a_grade_goes() {
    let at = "Project { row: 0, field: Score } unreadable";
    assert_eq!(typed_row("优", ""), [format!("{at}: 分数无法识别：“优”是等级，不是分数：请填写项目的得分（如 92.5），等级按分数评定；没有得分的，请把分数留空，把“优”填在等级中")]);
    assert_eq!(typed_row(" 良 ", "良"), [format!("{at}: 分数无法识别：“良”是等级，不是分数：请填写项目的得分（如 92.5），等级按分数评定；没有得分的，请把分数留空，把“良”填在等级中")]);
    // A 定性 word that is no grade of the 汇总表's.
    assert_eq!(typed_row("达成", ""), [format!("{at}: 分数无法识别：“达成”是评价用语，不是分数：请填写项目的得分（如 92.5）；没有得分的，请把分数留空，在等级中填写本表的等级（优、良、中、差）之一")]);
    assert_eq!(typed_row("", "优"), Vec::<String>::new());
    assert_eq!(typed_row("92.5", ""), Vec::<String>::new());
}
