//! `jixiao batch`, `export` and `import`, run as a shell user would: seed 000's eleven projects
//! as sheet files give the summary's published 合计 and grades in every output format; a bad
//! file is reported and skipped; a generated batch of 1,000 projects adds up.

mod common;
mod excel;
mod hostile;

use calamine::{Data, Reader, Xlsx};
use jixiao::engine::Calculator;
use jixiao::load::{load, Document};
use jixiao::model::Sheet;
use std::io::Cursor;
use std::path::Path;
use std::process::{Command, Output};

fn jixiao(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run jixiao")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

/// Seed 000's projects written as files, the first six as sheet files (JSON), the rest as
/// .xlsx files exported by jixiao.
fn seed000_files(dir: &Path) {
    for (i, sheet) in common::seed000_projects().iter().enumerate() {
        let path = dir.join(format!("{:02}-{}", i + 1, sheet.meta.project));
        if i < 6 {
            std::fs::write(path.with_extension("json"), sheet.to_json()).unwrap();
        } else {
            std::fs::write(
                path.with_extension("xlsx"),
                jixiao::xlsx::sheet_to_xlsx(sheet).unwrap(),
            )
            .unwrap();
        }
    }
}

/// The 合计 and grades of a summary, as computed from the file.
fn totals(summary: &Sheet) -> (String, String, String, Vec<(String, usize)>) {
    let s = Calculator::new(summary.clone()).report().summary.unwrap();
    let grades = s
        .totals
        .grades
        .iter()
        .map(|g| (g.grade.clone(), g.count))
        .collect();
    (
        s.totals.budget,
        s.totals.spent,
        s.totals.rate.unwrap(),
        grades,
    )
}

fn published() -> (String, String, String, Vec<(String, usize)>) {
    (
        "23,460.84".into(),
        "22,793.18".into(),
        "97.15%".into(),
        vec![
            ("优".into(), 3),
            ("良".into(), 8),
            ("中".into(), 0),
            ("差".into(), 0),
        ],
    )
}

#[test]
fn seed000_as_project_files_gives_the_published_total_and_grades_as_json() {
    let dir = tempfile::tempdir().unwrap();
    seed000_files(dir.path());
    let out = jixiao(&["batch", ".", "-o", "汇总表.json"], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("已汇总 11 个文件中的 11 个项目（0 个文件无法读取）：预算数合计 23,460.84，完成数合计 22,793.18，完成率 97.15%；优 3，良 8，中 0，差 0"),
        "{}",
        text(&out.stderr)
    );
    let summary = load(&std::fs::read_to_string(dir.path().join("汇总表.json")).unwrap()).unwrap();
    assert_eq!(totals(&summary), published());
    // Run again, the 汇总表 it wrote into the folder is not read as one more file: its
    // projects would be counted twice.
    for _ in 0..2 {
        let again = jixiao(&["batch", ".", "-o", "汇总表.json"], dir.path());
        assert!(
            text(&again.stderr).contains(
                "已跳过 汇总表.json：它是要写出的汇总表（上次汇总的结果），计入会使项目重复"
            ),
            "{}",
            text(&again.stderr)
        );
        assert!(text(&again.stderr).contains("已汇总 11 个文件中的 11 个项目"));
        let again =
            load(&std::fs::read_to_string(dir.path().join("汇总表.json")).unwrap()).unwrap();
        assert_eq!(totals(&again), published());
    }
    // Kept under another name, it is read; each project it types in again is said.
    std::fs::rename(
        dir.path().join("汇总表.json"),
        dir.path().join("上次汇总.json"),
    )
    .unwrap();
    let again = jixiao(&["batch", ".", "-o", "再汇总.json"], dir.path());
    let stderr = text(&again.stderr);
    assert_eq!(
        stderr
            .matches("⚠ 汇总表文件 ./上次汇总.json 中的项目“")
            .count(),
        11,
        "{stderr}"
    );
    assert!(stderr.contains("是同一项目，汇总表计入了两次：如这个汇总表文件是以前汇总的结果，请把它移出要汇总的文件再汇总"));
    for written in ["上次汇总.json", "再汇总.json"] {
        std::fs::remove_file(dir.path().join(written)).unwrap();
    }
    // Each row is its project, scored from its sheet, in file order.
    let fixture = load(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seed000_summary.sheet.json"),
        )
        .unwrap(),
    )
    .unwrap();
    for (row, printed) in summary.projects.iter().zip(&fixture.projects) {
        assert_eq!(
            (
                &row.unit,
                &row.project,
                &row.budget,
                &row.spent,
                &row.score,
                &row.problems
            ),
            (
                &printed.unit,
                &printed.project,
                &printed.budget,
                &printed.spent,
                &printed.score,
                &printed.problems
            )
        );
    }
}

#[test]
fn seed000_summary_as_xlsx_shows_the_published_figures_in_its_cells() {
    let dir = tempfile::tempdir().unwrap();
    seed000_files(dir.path());
    let out = jixiao(&["batch", ".", "-o", "out.xlsx"], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let bytes = std::fs::read(dir.path().join("out.xlsx")).unwrap();
    // Read back exactly …
    match jixiao::xlsx::import_auto(&bytes, "out.xlsx").unwrap() {
        Document::Sheet(summary) => assert_eq!(totals(&summary), published()),
        Document::Workbook(_) => panic!("the 汇总表 is one sheet"),
    }
    // … and as Excel shows it: the 合计 row holds numbers.
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(&bytes)).unwrap();
    let range = book.worksheet_range("汇总表").unwrap();
    let total = range
        .rows()
        .find(|r| matches!(&r[0], Data::String(s) if s == "合计"))
        .expect("a 合计 row");
    assert_eq!(total[4], Data::Float(23460.84));
    assert_eq!(total[5], Data::Float(22793.18));
    assert_eq!(total[6], Data::Float(0.9715));
    let grades = range
        .rows()
        .flat_map(|r| r.iter())
        .find_map(|d| match d {
            Data::String(s) if s.starts_with("等级分布") => Some(s.clone()),
            _ => None,
        })
        .unwrap();
    assert_eq!(grades, "等级分布：优 3 个，良 8 个，中 0 个，差 0 个");
}

#[test]
fn seed000_summary_as_csv_has_the_published_total_row() {
    let dir = tempfile::tempdir().unwrap();
    seed000_files(dir.path());
    let out = jixiao(&["batch", ".", "-o", "out.csv"], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let csv = std::fs::read_to_string(dir.path().join("out.csv")).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert!(
        lines[0].starts_with("\u{feff}序号,单位名称,项目名称"),
        "{}",
        lines[0]
    );
    assert_eq!(lines.len(), 13, "header, 11 projects, 合计");
    assert!(
        lines[1].contains("泮塘五约核心区工作经费,,420.00,404.25,96.25%,82.06,良"),
        "{}",
        lines[1]
    );
    assert_eq!(
        lines[12],
        ",合计,,,\"23,460.84\",\"22,793.18\",97.15%,——,——,,"
    );
    let grades: Vec<&str> = lines[1..12]
        .iter()
        .map(|l| if l.contains(",优,") { "优" } else { "良" })
        .collect();
    assert_eq!(grades.iter().filter(|g| **g == "优").count(), 3);
}

#[test]
fn the_table_on_the_terminal_and_a_summary_file_as_input() {
    let dir = tempfile::tempdir().unwrap();
    let fixture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seed000_summary.sheet.json");
    std::fs::copy(&fixture, dir.path().join("summary.json")).unwrap();
    let out = jixiao(&["batch", "summary.json"], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("97.15%"),
        "{}",
        text(&out.stdout)
    );
    assert!(
        text(&out.stderr).contains("完成率 97.15%；优 3，良 8"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn a_bad_file_is_reported_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    seed000_files(dir.path());
    std::fs::write(
        dir.path().join("bad.json"),
        "{\"format\": \"jixiao-sheet\", \"version\": 1, \"kind\": \"project\",",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("broken.xlsx"),
        b"PK\x03\x04 not really a zip",
    )
    .unwrap();
    std::fs::write(dir.path().join("other.json"), "{\"name\": \"not a sheet\"}").unwrap();
    std::fs::write(dir.path().join("empty.csv"), "").unwrap();
    let out = jixiao(&["batch", ".", "-o", "out.json"], dir.path());
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    for (file, message) in [
        ("bad.json", "JSON"),
        ("broken.xlsx", "这不是有效的 Excel 文件"),
        ("other.json", "不是"),
        ("empty.csv", "文件是空的"),
    ] {
        let line = err
            .lines()
            .find(|l| l.contains(file))
            .unwrap_or_else(|| panic!("{file}: {err}"));
        assert!(line.starts_with('✖') && line.contains(message), "{line}");
    }
    assert!(
        err.contains("已汇总 15 个文件中的 11 个项目（4 个文件无法读取）"),
        "{err}"
    );
    let summary = load(&std::fs::read_to_string(dir.path().join("out.json")).unwrap()).unwrap();
    assert_eq!(totals(&summary), published());
}

#[test]
fn nothing_to_read_and_an_unknown_output_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let out = jixiao(&["batch", "."], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("没有找到要计算的文件"));
    seed000_files(dir.path());
    let out = jixiao(&["batch", ".", "-o", "out.pdf"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("请用 .xlsx、.csv 或 .json"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn export_then_import_on_the_command_line_gives_back_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let fixture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seed003_department.sheet.json");
    let out = jixiao(
        &["export", fixture.to_str().unwrap(), "-o", "表.xlsx"],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let out = jixiao(&["import", "表.xlsx", "-o", "back.json"], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let original = load(&std::fs::read_to_string(&fixture).unwrap()).unwrap();
    let back = load(&std::fs::read_to_string(dir.path().join("back.json")).unwrap()).unwrap();
    assert_eq!(back, original);
    let out = jixiao(&["import", "missing.xlsx"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("无法读取 missing.xlsx"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn a_generated_batch_of_1000_projects_is_summarised() {
    const N: usize = 1_000;
    let dir = tempfile::tempdir().unwrap();
    let (mut budget, mut spent) = (0u64, 0u64);
    let mut grades = std::collections::BTreeMap::<String, usize>::new();
    for i in 0..N {
        let (sheet, b, s) = common::generated_project(i);
        budget += b;
        spent += s;
        let report = Calculator::new(sheet.clone()).report();
        assert!(
            report
                .diagnostics
                .iter()
                .all(|d| d.severity != jixiao::diagnostic::Severity::Error),
            "{:?}",
            report.diagnostics
        );
        *grades.entry(report.totals.grade.unwrap()).or_default() += 1;
        std::fs::write(dir.path().join(format!("p{i:04}.json")), sheet.to_json()).unwrap();
    }
    let out = jixiao(&["batch", ".", "-o", "汇总表.csv"], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let csv = std::fs::read_to_string(dir.path().join("汇总表.csv")).unwrap();
    assert_eq!(csv.lines().count(), N + 2);
    let total = csv.lines().last().unwrap();
    assert!(
        total.starts_with(&format!(
            ",合计,,,\"{}\",\"{}\",",
            common::amount(budget),
            common::amount(spent)
        )),
        "{total}"
    );
    let err = text(&out.stderr);
    let expected: Vec<String> = ["优", "良", "中", "差"]
        .iter()
        .map(|g| format!("{g} {}", grades.get(*g).copied().unwrap_or(0)))
        .collect();
    assert!(err.contains(&expected.join("，")), "{err} vs {expected:?}");
    assert!(
        grades.len() > 1,
        "the generated scores spread over grades: {grades:?}"
    );
}

#[test]
fn a_table_from_elsewhere_is_named_after_its_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    for (r, row) in [
        ["指标名称", "分值", "得分"],
        ["预算执行", "10", "9.5"],
        ["产出效益", "90", "80.25"],
    ]
    .iter()
    .enumerate()
    {
        for (c, cell) in row.iter().enumerate() {
            match cell.parse::<f64>() {
                Ok(v) => ws.write_number(r as u32, c as u16, v).unwrap(),
                Err(_) => ws.write_string(r as u32, c as u16, *cell).unwrap(),
            };
        }
    }
    book.save(dir.path().join("某街道环境整治.xlsx")).unwrap();
    let out = jixiao(&["batch", ".", "-o", "out.json"], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let summary = load(&std::fs::read_to_string(dir.path().join("out.json")).unwrap()).unwrap();
    assert_eq!(summary.projects.len(), 1);
    assert_eq!(
        (
            summary.projects[0].project.as_str(),
            summary.projects[0].score.as_str()
        ),
        ("某街道环境整治", "89.75")
    );
}

// Folders whose links lead back up, the same file reached twice, and files that cannot be read
// the way a file system gives them (issue 15, item 5): every project counted once, what was
// skipped or could not be read said in Chinese, and no English message of the system.

/// Standard error, checked to hold no English message of the system.
#[track_caller]
fn chinese_stderr(o: &Output) -> String {
    let err = text(&o.stderr);
    for english in [
        "os error",
        "stream did not contain",
        "No such file",
        "error:",
    ] {
        assert!(
            !err.contains(english),
            "{english:?} reached the user: {err}"
        );
    }
    err
}

/// A folder `d` holding one project (seed 003) as a sheet file.
fn one_project(dir: &Path) -> std::path::PathBuf {
    let d = dir.join("d");
    std::fs::create_dir(&d).unwrap();
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seed003_department.sheet.json"),
        d.join("项目.json"),
    )
    .unwrap();
    d
}

const ONE_PROJECT: &str = "已汇总 1 个文件中的 1 个项目（0 个文件无法读取）：预算数合计 16,061.02";

#[cfg(unix)]
#[test]
fn a_link_back_to_its_own_folder_or_a_parent_is_not_followed() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let d = one_project(dir.path());
    symlink(".", d.join("self")).unwrap();
    symlink("..", d.join("up")).unwrap();
    std::fs::create_dir(d.join("sub")).unwrap();
    symlink("../..", d.join("sub").join("top")).unwrap();
    let out = jixiao(&["batch", "d/", "-o", "out.json"], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let err = chinese_stderr(&out);
    assert!(
        err.contains("已跳过 3 个指回所在文件夹或其上级的链接（会无限循环）：每个文件只计算一次"),
        "{err}"
    );
    assert!(err.contains(ONE_PROJECT), "{err}");
    let summary = load(&std::fs::read_to_string(dir.path().join("out.json")).unwrap()).unwrap();
    assert_eq!(summary.projects.len(), 1);
}

#[cfg(unix)]
#[test]
fn a_file_given_twice_or_also_reached_through_a_link_is_counted_once() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let d = one_project(dir.path());
    symlink("项目.json", d.join("链接.json")).unwrap();
    std::fs::create_dir(dir.path().join("e")).unwrap();
    symlink("../d", dir.path().join("e").join("d的链接")).unwrap();
    let out = jixiao(
        &[
            "batch",
            "d",
            "d/项目.json",
            "./d/项目.json",
            "e",
            "d",
            "-o",
            "out.json",
        ],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let err = chinese_stderr(&out);
    assert!(
        err.contains("已跳过 3 个重复的文件（重复给出，或经链接再次到达），2 个已读过的文件夹（重复给出，或经链接再次到达）：每个文件只计算一次"),
        "{err}"
    );
    assert!(err.contains(ONE_PROJECT), "{err}");

    // The library says the same, and keeps the file under its own path, not the link's.
    let found = jixiao::batch::collect(&[dir.path().join("e"), dir.path().join("d")]);
    assert_eq!(found.files, [dir.path().join("d").join("项目.json")]);
    assert_eq!(
        (
            found.repeated_files,
            found.repeated_folders,
            found.looping_links
        ),
        (1, 1, 0)
    );
}

#[cfg(unix)]
#[test]
fn an_endless_or_missing_file_in_a_batch_is_reported_and_the_batch_goes_on() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let d = one_project(dir.path());
    symlink("/dev/zero", d.join("zero.json")).unwrap();
    symlink("nowhere.json", d.join("broken.json")).unwrap();
    std::fs::write(d.join("gbk.json"), b"{\"format\":\"\xbc\xa8\xd0\xa7\"}").unwrap();
    let out = jixiao(
        &["batch", "d", "missing.xlsx", "-o", "out.json"],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(1));
    let err = chinese_stderr(&out);
    for line in [
        "✖ d/zero.json：文件太大（超过 32 MB），最多支持 32 MB",
        "✖ d/broken.json：找不到文件，请检查路径和文件名",
        "✖ d/gbk.json：文件不是 UTF-8 编码：第1行第12列有无法识别的字节",
        "✖ missing.xlsx：找不到文件，请检查路径和文件名",
        "已汇总 5 个文件中的 1 个项目（4 个文件无法读取）",
    ] {
        assert!(err.contains(line), "{line}: {err}");
    }
}

#[test]
fn a_sheet_file_in_utf16_is_read_in_a_batch() {
    let dir = tempfile::tempdir().unwrap();
    let d = one_project(dir.path());
    let sheet = std::fs::read_to_string(d.join("项目.json")).unwrap();
    std::fs::remove_file(d.join("项目.json")).unwrap();
    let utf16be: Vec<u8> = [0xfe, 0xff]
        .into_iter()
        .chain(sheet.encode_utf16().flat_map(u16::to_be_bytes))
        .collect();
    std::fs::write(d.join("unicode.json"), utf16be).unwrap();
    let out = jixiao(&["batch", "d", "-o", "out.json"], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(chinese_stderr(&out).contains(ONE_PROJECT));
}

/// A form returned from Excel in a batch is read as it is now, and the batch says which cells
/// were edited since it was written.
#[test]
fn a_returned_form_in_a_batch_counts_as_edited_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let sheet = filled_project();
    let written = jixiao::xlsx::sheet_to_xlsx(&sheet).unwrap();
    let returned = excel::edited(&written, &excel::worksheet_part(1), |xml| {
        xml.replace("<v>0.8765</v>", "<v>0.92</v>")
    });
    std::fs::write(dir.path().join("退回.xlsx"), returned).unwrap();
    std::fs::write(dir.path().join("原样.xlsx"), &written).unwrap();
    let out = jixiao(&["batch", ".", "-o", "汇总.json"], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("ℹ ./退回.xlsx：已采用表格中修改过的 1 个单元格：实际完成值（服务对象满意度） 87.65% → 92.00%。"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("ℹ ./原样.xlsx"),
        "untouched: no edit to say: {stderr}"
    );
    // Two versions of one project, both counted: said.
    assert!(
        stderr.contains("⚠ ./退回.xlsx 与 ./原样.xlsx 是同一项目"),
        "{stderr}"
    );
    let summary = load(&std::fs::read_to_string(dir.path().join("汇总.json")).unwrap()).unwrap();
    let scores: Vec<&str> = summary.projects.iter().map(|p| p.score.as_str()).collect();
    assert_eq!(scores, ["94.51", "94.77"], "原样 first, in name order");
}

/// Last year's form of a project beside this year's (kept for comparison, in its own file or in
/// the same workbook): the 汇总表 is of one year, takes the latest, and says which it left out.
#[test]
fn last_years_form_beside_this_years_is_left_out_of_the_summary_and_said() {
    let dir = tempfile::tempdir().unwrap();
    let mut this_year = filled_project();
    // Still being filled in: listed as unscored, by its own file.
    this_year.indicators[1].children[0].children[0].actual = "".into();
    let mut last_year = this_year.clone();
    last_year.meta.year = "2022年度".into();
    last_year.indicators = filled_project().indicators;
    assert_eq!(this_year.meta.year, "2023");
    let mut other = this_year.clone();
    other.meta.project = "另一个项目".into();
    std::fs::write(dir.path().join("a上年.json"), last_year.to_json()).unwrap();
    // Last year's file twice: neither is counted, so neither is said to be counted twice.
    std::fs::write(dir.path().join("a上年副本.json"), last_year.to_json()).unwrap();
    std::fs::write(dir.path().join("b本年.json"), this_year.to_json()).unwrap();
    std::fs::write(dir.path().join("c另一个.json"), other.to_json()).unwrap();
    // Written apart from the files (a 汇总表 among them would be read again).
    let outputs = tempfile::tempdir().unwrap();
    let output = |name: &str| outputs.path().join(name).to_string_lossy().into_owned();
    let out = jixiao(&["batch", ".", "-o", &output("汇总.json")], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains(&format!(
            "ℹ ./a上年.json 中“{}”的2022年度表格未计入汇总表：汇总表只计一个年度，计入的是 ./b本年.json 中它2023年度的表格",
            this_year.meta.project
        )),
        "{stderr}"
    );
    // Its copy is that file again, read once.
    assert!(
        stderr.contains(
            "ℹ ./a上年副本.json 与 ./a上年.json 内容完全相同，是同一个文件的两份：只计入一次"
        ),
        "{stderr}"
    );
    assert!(!stderr.contains("计入了两次"), "{stderr}");
    assert!(stderr.contains("已汇总 4 个文件中的 2 个项目"), "{stderr}");
    // The unscored rows named by the files they come from, past the files left out.
    let unit = &this_year.meta.unit;
    assert!(
        stderr.contains(&format!(
            "  · ./b本年.json：{unit} {}\n  · ./c另一个.json：{unit} 另一个项目",
            this_year.meta.project
        )),
        "{stderr}"
    );
    let summary = load(&std::fs::read_to_string(output("汇总.json")).unwrap()).unwrap();
    let rows: Vec<(&str, &str)> = summary
        .projects
        .iter()
        .map(|p| (p.seq.as_str(), p.project.as_str()))
        .collect();
    assert_eq!(
        rows,
        [("1", this_year.meta.project.as_str()), ("2", "另一个项目")]
    );
    // The form people read says it too, under its 合计 (last year's two copies once).
    let out = jixiao(&["batch", ".", "-o", &output("汇总.xlsx")], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let form =
        jixiao::xlsx::read(&std::fs::read(output("汇总.xlsx")).unwrap(), "汇总.xlsx").unwrap();
    let column: Vec<&str> = form.tables[0]
        .rows
        .iter()
        .filter_map(|r| r.first())
        .map(String::as_str)
        .collect();
    let note = format!(
        "未计入本汇总表：“{}”（{}）的2022年度表格（计入的是它2023年度的表格）。",
        this_year.meta.project, this_year.meta.unit
    );
    let at = column
        .iter()
        .position(|c| *c == note)
        .expect("the note, its list a row");
    assert!(
        column[at + 1].starts_with("同一项目有几个年度的表格时"),
        "{column:?}"
    );
    assert_eq!(column.iter().filter(|c| **c == "合计").count(), 1);
    assert_eq!(
        column[..at]
            .iter()
            .filter(|c| ["1", "2"].contains(c))
            .count(),
        2,
        "two projects: {column:?}"
    );
    // A CSV that starts with its header is for programs: no line of words under its rows.
    jixiao(&["batch", ".", "-o", &output("汇总.csv")], dir.path());
    let csv = std::fs::read_to_string(output("汇总.csv")).unwrap();
    assert!(
        csv.trim_start_matches('\u{feff}').starts_with("序号,") && !csv.contains("未计入"),
        "{csv}"
    );
    assert_eq!(csv.lines().count(), 4, "header, two projects, 合计: {csv}");
}

/// The filled 项目支出 form of tests/fixtures (2023, 94.51).
fn filled_project() -> Sheet {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/filled_project.json");
    load(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// 2023 and 2023年度 are one year: two files of one project, said to be counted twice.
#[test]
fn a_year_written_two_ways_is_one_project_twice() {
    let dir = tempfile::tempdir().unwrap();
    let sheet = filled_project();
    let mut again = sheet.clone();
    again.meta.year = "2023年度".into();
    std::fs::write(dir.path().join("a.json"), sheet.to_json()).unwrap();
    std::fs::write(dir.path().join("b.json"), again.to_json()).unwrap();
    let out = jixiao(&["batch", ".", "-o", "汇总.json"], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("⚠ ./b.json 与 ./a.json 是同一项目"),
        "{stderr}"
    );
}

/// A unit's 单位 written with half-width brackets or a space in one file is the same unit: its
/// project's other year is left out of the 汇总表 (450.00 was 250.00 and 200.00 summed), its
/// same year said to be counted twice; each named as typed.
#[test]
fn a_unit_written_with_other_brackets_or_spaces_is_one_project() {
    let dir = tempfile::tempdir().unwrap();
    let dated = |unit: &str, year: &str| {
        let mut sheet = filled_project();
        sheet.meta.unit = unit.into();
        sheet.meta.year = year.into();
        sheet
    };
    for (file, unit, year) in [
        ("a.json", "石井街道办事处（本级）", "2024"),
        ("b.json", "石井街道办事处(本级)", "2023"),
        ("c.json", "石井街道办事处\u{3000}（本级）", "2024"),
    ] {
        std::fs::write(dir.path().join(file), dated(unit, year).to_json()).unwrap();
    }
    let outputs = tempfile::tempdir().unwrap();
    let output = outputs.path().join("汇总.json");
    let out = jixiao(&["batch", ".", "-o", &output.to_string_lossy()], dir.path());
    let err = chinese_stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(
        err.contains("ℹ ./b.json 中“老旧小区微改造”的2023年度表格未计入汇总表"),
        "{err}"
    );
    assert!(
        err.contains("⚠ ./c.json 与 ./a.json 是同一项目（石井街道办事处（本级），老旧小区微改造，2024），汇总表计入了两次"),
        "{err}"
    );
    let summary = load(&std::fs::read_to_string(output).unwrap()).unwrap();
    assert_eq!(totals(&summary).0, "400.00");
}

// Read on every core (issue 21, item 6): the files are read by several threads, each taking the
// next file not yet taken, and finish in any order; the 汇总表, the results and what is said
// about them stay in the order of the files, and the progress counts the files done.

/// A mixed batch of `n` files in `dir`, in the order given: sheet files, .xlsx forms, a
/// workbook file, a 汇总表 file, and files that cannot be read (bad JSON, a broken .xlsx, one
/// that is not there), spread so that slow and quick files alternate.
fn mixed_batch(dir: &Path, n: usize) -> Vec<std::path::PathBuf> {
    let summary =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seed000_summary.sheet.json");
    (0..n)
        .map(|i| {
            let (sheet, _, _) = common::generated_project(i);
            // Names out of name order, so nothing relies on the folder's order.
            let path = dir.join(format!("{:03}-{i}", (i * 37) % n));
            match i % 11 {
                3 => {
                    let p = path.with_extension("json");
                    std::fs::write(&p, "{\"format\": \"jixiao-sheet\", \"version\": 1,").unwrap();
                    p
                }
                5 => {
                    let p = path.with_extension("xlsx");
                    std::fs::write(&p, b"PK\x03\x04 not really a zip").unwrap();
                    p
                }
                7 => path.with_extension("missing.json"),
                9 => {
                    let mut wb = jixiao::workbook::Workbook::new("两个项目");
                    wb.sheets = vec![sheet, common::generated_project(i + 1000).0];
                    let p = path.with_extension("json");
                    std::fs::write(&p, wb.to_json()).unwrap();
                    p
                }
                10 => {
                    // Six 汇总表 files, each its own (a copy byte for byte is read once).
                    let p = path.with_extension("json");
                    let mut typed = load(&std::fs::read_to_string(&summary).unwrap()).unwrap();
                    typed.meta.note = format!("第{i}份");
                    std::fs::write(&p, typed.to_json()).unwrap();
                    p
                }
                k if k % 2 == 0 => {
                    let p = path.with_extension("xlsx");
                    std::fs::write(&p, jixiao::xlsx::sheet_to_xlsx(&sheet).unwrap()).unwrap();
                    p
                }
                _ => {
                    let p = path.with_extension("json");
                    std::fs::write(&p, sheet.to_json()).unwrap();
                    p
                }
            }
        })
        .collect()
}

#[test]
fn a_batch_read_on_several_threads_is_the_batch_read_on_one() {
    const N: usize = 66;
    let dir = tempfile::tempdir().unwrap();
    let files = mixed_batch(dir.path(), N);
    let (one_workbook, one_results) = jixiao::batch::run_on(&files, 1, |_| {});

    // On one thread: the files in the order given, each with what it held or why not.
    let paths: Vec<_> = one_results.iter().map(|r| r.path.clone()).collect();
    assert_eq!(paths, files);
    let failed: Vec<usize> = (0..N).filter(|i| one_results[*i].sheets.is_err()).collect();
    let expected: Vec<usize> = (0..N).filter(|i| [3, 5, 7].contains(&(i % 11))).collect();
    assert_eq!(failed, expected);
    let projects: Vec<&str> = one_workbook
        .sheets
        .iter()
        .map(|s| s.meta.project.as_str())
        .collect();
    let mut in_order = Vec::new();
    for i in 0..N {
        match i % 11 {
            3 | 5 | 7 | 10 => {}
            9 => in_order.extend([i, i + 1000]),
            _ => in_order.push(i),
        }
    }
    let in_order: Vec<String> = in_order
        .iter()
        .map(|i| format!("生成项目{:04}", i + 1))
        .collect();
    assert_eq!(projects, in_order);
    assert_eq!(
        one_workbook.summary.projects.len(),
        6 * 11,
        "six 汇总表 files"
    );

    // On more threads than cores, and more than files: the very same.
    for threads in [2, 3, 8, N + 5] {
        let mut counts = Vec::new();
        let caller = std::thread::current().id();
        let (workbook, results) = jixiao::batch::run_on(&files, threads, |n| {
            assert_eq!(std::thread::current().id(), caller, "on the calling thread");
            counts.push(n);
        });
        assert_eq!(results, one_results, "{threads} threads");
        assert_eq!(workbook, one_workbook, "{threads} threads");
        assert_eq!(counts, (1..=N).collect::<Vec<_>>(), "{threads} threads");
    }
}

#[test]
fn the_progress_counts_every_file_once_and_ends_at_the_total() {
    let dir = tempfile::tempdir().unwrap();
    let files = mixed_batch(dir.path(), 25);
    let mut counts = Vec::new();
    let (_, results) = jixiao::batch::run(&files, |n| counts.push(n));
    assert_eq!(results.len(), 25);
    assert_eq!(counts, (1..=25).collect::<Vec<_>>());
    // Nothing to read: nothing to count.
    let mut counts = Vec::new();
    let (workbook, results) = jixiao::batch::run(&[], |n| counts.push(n));
    assert!(counts.is_empty() && results.is_empty() && workbook.sheets.is_empty());
}

#[test]
fn a_mixed_batch_says_what_it_could_not_read_in_the_order_given() {
    const N: usize = 44;
    let dir = tempfile::tempdir().unwrap();
    let files = mixed_batch(dir.path(), N);
    let names: Vec<String> = files
        .iter()
        .map(|f| f.file_name().unwrap().to_str().unwrap().to_string())
        .collect();
    let mut args = vec!["batch"];
    args.extend(names.iter().map(String::as_str));
    args.extend(["-o", "out.json"]);
    let out = jixiao(&args, dir.path());
    let err = chinese_stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    let said: Vec<&str> = err
        .lines()
        .filter_map(|l| l.strip_prefix("✖ ")?.split('：').next())
        .collect();
    let unreadable: Vec<&str> = (0..N)
        .filter(|i| [3, 5, 7].contains(&(i % 11)))
        .map(|i| names[i].as_str())
        .collect();
    assert_eq!(said, unreadable);
    assert!(
        err.contains(&format!(
            "已汇总 {N} 个文件中的 {} 个项目（12 个文件无法读取）",
            // Each eleven files: six projects, a workbook of two, a 汇总表 of eleven rows.
            4 * (6 + 2 + 11)
        )),
        "{err}"
    );
    // The rows: the projects in the order of their files, then the 汇总表 files' rows.
    let summary = load(&std::fs::read_to_string(dir.path().join("out.json")).unwrap()).unwrap();
    let rows = jixiao::batch::run_on(&files, 1, |_| {})
        .0
        .summary_sheet()
        .projects;
    let got: Vec<(&str, &str)> = summary
        .projects
        .iter()
        .map(|p| (p.project.as_str(), p.score.as_str()))
        .collect();
    let want: Vec<(&str, &str)> = rows
        .iter()
        .map(|p| (p.project.as_str(), p.score.as_str()))
        .collect();
    assert_eq!(got, want);
    assert_eq!(got[0].0, "生成项目0001");
}

/// On a terminal, the bar counts the files done and is left full: its last state is every
/// file read. (`script` gives the command a terminal; without it there is nothing to check.)
#[cfg(unix)]
#[test]
fn the_progress_bar_on_a_terminal_ends_full() {
    if Command::new("script").arg("--version").output().is_err() {
        eprintln!("no `script` here to give the batch a terminal: not checked");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    mixed_batch(dir.path(), 30);
    let n = std::fs::read_dir(dir.path()).unwrap().count();
    assert!(n >= 20, "enough files for a bar: {n}");
    let exe = env!("CARGO_BIN_EXE_jixiao").replace('\'', "'\\''");
    let out = Command::new("script")
        .args(["-qec", &format!("'{exe}' batch . -o out.json"), "/dev/null"])
        .current_dir(dir.path())
        .output()
        .expect("run script");
    let shown = String::from_utf8_lossy(&out.stdout);
    // Each state of the bar: "████░░░░ 12/27 个文件  00:00:00".
    let counts: Vec<(usize, usize)> = shown
        .split(['\r', '\n'])
        .filter_map(|l| {
            let (done, len) = l
                .split(" 个文件")
                .next()?
                .rsplit(' ')
                .next()?
                .split_once('/')?;
            Some((done.parse().ok()?, len.parse().ok()?))
        })
        .collect();
    assert!(!counts.is_empty(), "a bar is shown: {shown}");
    assert!(counts.iter().all(|&(_, len)| len == n), "{counts:?}");
    assert!(counts.windows(2).all(|w| w[0].0 <= w[1].0), "{counts:?}");
    assert_eq!(counts.last(), Some(&(n, n)), "{shown}");
    assert!(shown.contains(&format!("已汇总 {n} 个文件")), "{shown}");
}

/// A unit's corrected file batched beside its first one counts twice in the 汇总表: which files
/// hold the same project is said, and the batch still sums what it was given.
#[test]
fn the_same_project_in_two_files_is_said() {
    let dir = tempfile::tempdir().unwrap();
    let projects = common::seed000_projects();
    let first = &projects[0];
    let mut corrected = first.clone();
    corrected.meta.goal = "修改后的绩效目标".into();
    std::fs::write(dir.path().join("a.json"), first.to_json()).unwrap();
    std::fs::write(dir.path().join("b.json"), projects[1].to_json()).unwrap();
    std::fs::write(dir.path().join("c.json"), corrected.to_json()).unwrap();
    // A 汇总表 first adds rows, not a sheet: the files are still named right.
    std::fs::write(
        dir.path().join("0汇总.json"),
        std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seed000_summary.sheet.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let out = jixiao(&["batch", ".", "-o", "out.json"], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let err = chinese_stderr(&out);
    let said: Vec<&str> = err.lines().filter(|l| l.contains("同一项目")).collect();
    assert_eq!(said.len(), 3, "{err}");
    assert!(
        said[0].starts_with("⚠ ./c.json 与 ./a.json 是同一项目（"),
        "{err}"
    );
    assert!(said[0].contains(first.meta.project.trim()), "{err}");
    // The 汇总表 types two of them in again: each said, by the file it is computed from.
    for (said, (project, file)) in said[1..].iter().zip([
        (&first.meta.project, "a.json"),
        (&projects[1].meta.project, "b.json"),
    ]) {
        assert!(
            said.starts_with(&format!(
                "⚠ 汇总表文件 ./0汇总.json 中的项目“{}”与 ./{file} 是同一项目，汇总表计入了两次",
                project.trim()
            )),
            "{err}"
        );
    }
    let summary = load(&std::fs::read_to_string(dir.path().join("out.json")).unwrap()).unwrap();
    assert_eq!(summary.projects.len(), 3 + 11);
}

/// The projects a batch leaves without a score are named with their files: a reviewer with
/// hundreds of files is told which ones to open, not only how many.
#[test]
fn the_projects_left_without_a_score_are_named_with_their_files() {
    let dir = tempfile::tempdir().unwrap();
    let d = one_project(dir.path());
    let mut blank = jixiao::templates::find("project").unwrap().sheet();
    blank.meta.project = "未填完的项目".into();
    std::fs::write(d.join("未填完.json"), blank.to_json()).unwrap();
    let out = jixiao(&["batch", "d"], dir.path());
    let err = chinese_stderr(&out);
    let listed = err
        .split_once("未计入等级分布：\n")
        .map(|(_, rest)| rest)
        .unwrap_or_else(|| panic!("{err}"));
    assert!(err.contains("其中 1 个项目没有分数"), "{err}");
    assert_eq!(
        listed.lines().next(),
        Some(
            format!(
                "  · {}：未填完的项目",
                Path::new("d").join("未填完.json").display()
            )
            .as_str()
        )
    );
}

// A tester's batches of units' folders as they come: what `jixiao batch` reads of a folder and
// says of every file it does not read, how it knows a 部门整体 form, and what it writes (or
// leaves as it was) and how.

/// An Excel 97–2003 workbook as its first bytes show it: an OLE compound file whose directory
/// names a `Workbook` stream.
fn old_xls() -> Vec<u8> {
    let mut bytes = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    bytes.extend([0; 504]);
    bytes.extend("Workbook".encode_utf16().flat_map(u16::to_le_bytes));
    bytes
}

/// A zip of one text file: an archive, not a workbook.
fn a_zip() -> Vec<u8> {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    zip.start_file("说明.txt", zip::write::SimpleFileOptions::default())
        .unwrap();
    zip.write_all("说明".as_bytes()).unwrap();
    zip.finish().unwrap().into_inner()
}

/// The line of standard error about `file` (its path as the batch of `.` names it).
#[track_caller]
fn line_of<'a>(err: &'a str, file: &str) -> &'a str {
    let path = Path::new(".").join(file).display().to_string();
    err.lines()
        .find(|l| l.contains(&format!(" {path}：")))
        .unwrap_or_else(|| panic!("no line for {path}: {err}"))
}

/// A folder as a unit sends it: every table read (.xlsm, a workbook with macros, as .xlsx), an
/// old .xls or WPS .et refused with what to do and counted as not read, a Word report or a PDF
/// beside the tables listed as not read, and what is nobody's table (hidden files and folders,
/// Office's lock files, Windows' thumbnails) passed over in silence.
#[test]
fn a_folder_reads_xlsm_and_says_which_files_it_did_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let projects = common::seed000_projects();
    let put = |name: &str, bytes: &[u8]| std::fs::write(dir.path().join(name), bytes).unwrap();
    put("01.json", projects[0].to_json().as_bytes());
    put(
        "02.xlsm",
        &jixiao::xlsx::sheet_to_xlsx(&projects[1]).unwrap(),
    );
    put("03.xls", &old_xls());
    put("04.et", &old_xls());
    put(
        "05自评报告.docx",
        &jixiao::xlsx::report_to_docx(&projects[0]).unwrap(),
    );
    put("06.pdf", b"%PDF-1.7\n");
    // Named as an old .xls, an .xlsx inside: read by its bytes, as the help says.
    put(
        "07改名.xls",
        &jixiao::xlsx::sheet_to_xlsx(&projects[2]).unwrap(),
    );
    put(".DS_Store", b"\0\0\0\x01Bud1");
    put("~$02.xlsm", b"\x06tester");
    put("Thumbs.db", &old_xls());
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    std::fs::write(dir.path().join(".git").join("x.json"), "{}").unwrap();
    let outputs = tempfile::tempdir().unwrap();
    let output = outputs.path().join("汇总表.json");
    let out = jixiao(&["batch", ".", "-o", output.to_str().unwrap()], dir.path());
    let err = chinese_stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    for (file, mark, said) in [
        (
            "03.xls",
            "✖",
            "这是旧版 .xls 文件（Excel 97–2003 或 WPS 表格的 .et），无法直接读取：请在 Excel 或 WPS 中另存为 .xlsx",
        ),
        ("04.et", "✖", "这是旧版 .xls 文件"),
        (
            "05自评报告.docx",
            "ℹ",
            "这是 Word 文档，不是表格，未读取；表格在文档中的，请复制到 Excel 中另存为 .xlsx 再汇总",
        ),
        ("06.pdf", "ℹ", "这是 PDF 文件，不是表格，未读取；请用"),
    ] {
        let line = line_of(&err, file);
        assert!(line.starts_with(mark) && line.contains(said), "{line}");
    }
    for quiet in [".DS_Store", "~$", "Thumbs", ".git"] {
        assert!(!err.contains(quiet), "{quiet}: {err}");
    }
    assert!(
        err.contains(
            "已汇总 5 个文件中的 3 个项目（2 个文件无法读取；另有 2 个文件不是表格，未读取）"
        ),
        "{err}"
    );
    let summary = load(&std::fs::read_to_string(&output).unwrap()).unwrap();
    let names: Vec<&str> = summary
        .projects
        .iter()
        .map(|p| p.project.as_str())
        .collect();
    assert_eq!(
        names,
        [
            &projects[0].meta.project,
            &projects[1].meta.project,
            &projects[2].meta.project
        ]
    );
    // And `--help` says so: files are read by what their bytes are.
    let help = jixiao(&["batch", "--help"], dir.path());
    assert!(
        text(&help.stdout).contains(
            "文件夹中的 .json、.xlsx、.xlsm、.csv、.xls、.et、.xlsb、.ods 都按文件内容读取"
        ),
        "{}",
        text(&help.stdout)
    );
}

/// Seed 003's 部门整体 form under a title without its year, as a unit's forms are titled
/// from one year to the next.
fn department(year: &str) -> Sheet {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seed003_department.sheet.json");
    let mut sheet = load(&std::fs::read_to_string(path).unwrap()).unwrap();
    sheet.meta.title = "部门整体支出绩效自评表".into();
    sheet.meta.year = year.into();
    sheet
}

/// A 部门整体 form names no project: it is known by its title and 单位, as in JSON, from
/// whatever file it came. The same department in a .json and an .xlsx is said to be counted
/// twice, and two years of it as .xlsx are a department's years, its older one left out.
#[test]
fn a_department_form_is_known_by_its_title_and_unit_whatever_file_it_came_from() {
    let dir = tempfile::tempdir().unwrap();
    let outputs = tempfile::tempdir().unwrap();
    let output = |name: &str| outputs.path().join(name).to_string_lossy().into_owned();
    let this_year = department("2021");
    let xlsx = |sheet: &Sheet| jixiao::xlsx::sheet_to_xlsx(sheet).unwrap();
    std::fs::write(dir.path().join("石井街道.json"), this_year.to_json()).unwrap();
    std::fs::write(dir.path().join("石井街道（表格）.xlsx"), xlsx(&this_year)).unwrap();
    let out = jixiao(&["batch", ".", "-o", &output("两种文件.json")], dir.path());
    let err = chinese_stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    let said = format!(
        "⚠ {} 与 {} 是同一项目（广州市白云区人民政府石井街道办事处，2021），汇总表计入了两次",
        Path::new(".").join("石井街道（表格）.xlsx").display(),
        Path::new(".").join("石井街道.json").display(),
    );
    assert!(err.contains(&said), "{err}");
    let summary = load(&std::fs::read_to_string(output("两种文件.json")).unwrap()).unwrap();
    let names: Vec<&str> = summary
        .projects
        .iter()
        .map(|p| p.project.as_str())
        .collect();
    // Named by its 单位, not by the form's title, every department's.
    assert_eq!(names, ["广州市白云区人民政府石井街道办事处"; 2]);

    // Two years as .xlsx: this year's counts, last year's is said to be left out.
    let years = tempfile::tempdir().unwrap();
    std::fs::write(years.path().join("2020.xlsx"), xlsx(&department("2020"))).unwrap();
    std::fs::write(years.path().join("2021.xlsx"), xlsx(&this_year)).unwrap();
    let out = jixiao(&["batch", ".", "-o", &output("两年.json")], years.path());
    let err = chinese_stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(
        err.contains(&format!(
            "ℹ {} 中“广州市白云区人民政府石井街道办事处”的2020年度表格未计入汇总表：汇总表只计一个年度，计入的是 {} 中它2021年度的表格",
            Path::new(".").join("2020.xlsx").display(),
            Path::new(".").join("2021.xlsx").display(),
        )),
        "{err}"
    );
    let summary = load(&std::fs::read_to_string(output("两年.json")).unwrap()).unwrap();
    assert_eq!(summary.projects.len(), 1);
    assert_eq!(totals(&summary).0, "16,061.02");
}

/// Seed 001's 部门整体 form, titled 2023年…自评报告, beside its 2024 copy titled 2024年…: one
/// department's two years, the 2023 one left out (its 32,341.81 was counted twice).
#[test]
fn a_department_is_one_whatever_year_its_title_names() {
    let dir = tempfile::tempdir().unwrap();
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seed001_department.sheet.json");
    let last = load(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut this = last.clone();
    this.meta.title = this.meta.title.replace("2023年", "2024年");
    this.meta.year = "2024".into();
    std::fs::write(dir.path().join("Dep23.json"), last.to_json()).unwrap();
    std::fs::write(dir.path().join("Dep24.json"), this.to_json()).unwrap();
    let outputs = tempfile::tempdir().unwrap();
    let output = outputs.path().join("汇总.json");
    let out = jixiao(&["batch", ".", "-o", &output.to_string_lossy()], dir.path());
    let err = chinese_stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(
        err.contains("ℹ ./Dep23.json 中“广州市增城区人民政府荔湖街道办事处”的2023年度表格未计入汇总表：汇总表只计一个年度，计入的是 ./Dep24.json 中它2024年度的表格"),
        "{err}"
    );
    let summary = load(&std::fs::read_to_string(output).unwrap()).unwrap();
    assert_eq!(totals(&summary).0, "32,341.81");
}

/// A batch that reads no project (a path mistyped, every file unreadable) writes nothing: last
/// time's 汇总表 is not replaced by an empty one. It says so, and exits 2.
#[test]
fn a_batch_that_reads_no_project_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    seed000_files(dir.path());
    let out = jixiao(&["batch", ".", "-o", "汇总表.xlsx"], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let before = std::fs::read(dir.path().join("汇总表.xlsx")).unwrap();
    let bad = dir.path().join("坏");
    std::fs::create_dir(&bad).unwrap();
    std::fs::write(bad.join("空.json"), "").unwrap();
    std::fs::write(bad.join("损坏.xlsx"), b"PK\x03\x04 not really a zip").unwrap();
    for (inputs, said) in [
        (
            &["项目/01.json"][..],
            "1 个文件都无法读取，没有可汇总的项目",
        ),
        (&["坏"], "2 个文件都无法读取，没有可汇总的项目"),
    ] {
        for output in ["汇总表.xlsx", "新汇总表.csv"] {
            let args = [&["batch"][..], inputs, &["-o", output]].concat();
            let out = jixiao(&args, dir.path());
            let err = chinese_stderr(&out);
            assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
            let kept = if output == "汇总表.xlsx" {
                "，原有的文件未改动"
            } else {
                ""
            };
            assert!(
                err.contains(&format!(
                    "{said}：未写出 {output}{kept}。请按上面各文件的说明改正后再汇总"
                )),
                "{args:?}: {err}"
            );
            assert!(!err.contains("已汇总"), "{err}");
        }
        // On the terminal: no empty table either.
        let out = jixiao(&[&["batch"][..], inputs].concat(), dir.path());
        assert_eq!(out.status.code(), Some(2));
        assert_eq!(text(&out.stdout), "");
    }
    assert_eq!(
        std::fs::read(dir.path().join("汇总表.xlsx")).unwrap(),
        before
    );
    assert!(!dir.path().join("新汇总表.csv").exists());
}

/// A write that fails part-way (here the file size a shell allows, as the tester's disk full
/// did) leaves last time's 汇总表 whole and no part-written file beside it, and says that
/// nothing was written and why, in words.
#[cfg(unix)]
#[test]
fn a_write_that_fails_leaves_the_old_summary_whole() {
    let dir = tempfile::tempdir().unwrap();
    seed000_files(dir.path());
    let outputs = tempfile::tempdir().unwrap();
    let output = outputs.path().join("汇总表.xlsx");
    let out = jixiao(&["batch", ".", "-o", output.to_str().unwrap()], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let before = std::fs::read(&output).unwrap();
    assert!(
        before.len() > 8192,
        "larger than the limit: {}",
        before.len()
    );
    // At most 4 blocks (2 or 4 KB, as the shell counts them); the signal a write past them
    // sends is ignored, as the tester's shell did, so that the write fails with EFBIG.
    let out = Command::new("sh")
        .args([
            "-c",
            "trap '' XFSZ; ulimit -f 4 && exec \"$0\" \"$@\"",
            env!("CARGO_BIN_EXE_jixiao"),
            "batch",
            ".",
            "-o",
            output.to_str().unwrap(),
        ])
        .current_dir(dir.path())
        .output()
        .expect("run sh");
    let err = chinese_stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains(&format!(
            "无法写出 {0}：文件过大，超过了系统允许的单个文件大小，请换一个位置或联系管理员（文件没有写出，原有的 {0} 未改动）",
            output.display()
        )),
        "{err}"
    );
    assert_eq!(std::fs::read(&output).unwrap(), before);
    let left: Vec<_> = std::fs::read_dir(outputs.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left, ["汇总表.xlsx"]);
}

/// Where the 汇总表 goes is checked before a file is read: a batch of thousands of files
/// takes a while, which a wrong extension or a missing folder would waste. The message is the
/// only line: no file was read.
#[test]
fn where_the_summary_goes_is_checked_before_any_file_is_read() {
    let dir = tempfile::tempdir().unwrap();
    seed000_files(dir.path());
    std::fs::write(dir.path().join("空.json"), "").unwrap();
    std::fs::create_dir(dir.path().join("像文件的文件夹.xlsx")).unwrap();
    let nowhere = Path::new("没有这个文件夹").join("汇总表.xlsx");
    let nowhere = nowhere.to_str().unwrap();
    for (output, said) in [
        (
            "汇总表.pdf",
            "请用 .xlsx、.csv 或 .json 作为输出文件的扩展名",
        ),
        (
            nowhere,
            "要写入的文件夹不存在，请先建立这个文件夹或换一个位置",
        ),
        ("像文件的文件夹.xlsx", "这是一个文件夹，不是文件"),
        ("空.json/汇总表.xlsx", "路径中间有一段是文件而不是文件夹"),
    ] {
        let out = jixiao(&["batch", ".", "-o", output], dir.path());
        let err = chinese_stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{output}: {err}");
        assert!(
            err.starts_with(&format!("无法写出 {output}：{said}")),
            "{output}: {err}"
        );
        assert_eq!(err.lines().count(), 1, "nothing was read: {err}");
    }
}

/// On a terminal, what follows the progress bar starts on a line of its own: the bar is left
/// full on its line, and the first file's message is not written after it.
#[cfg(unix)]
#[test]
fn what_follows_the_progress_bar_starts_on_a_line_of_its_own() {
    if Command::new("script").arg("--version").output().is_err() {
        eprintln!("no `script` here to give the batch a terminal: not checked");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    for i in 0..24 {
        let (sheet, _, _) = common::generated_project(i);
        std::fs::write(dir.path().join(format!("p{i:02}.json")), sheet.to_json()).unwrap();
    }
    std::fs::write(dir.path().join("p25-空.json"), "").unwrap();
    let exe = env!("CARGO_BIN_EXE_jixiao").replace('\'', "'\\''");
    let out = Command::new("script")
        .args(["-qec", &format!("'{exe}' batch . -o out.json"), "/dev/null"])
        .current_dir(dir.path())
        .output()
        .expect("run script");
    let shown = String::from_utf8_lossy(&out.stdout);
    let bar_ends = shown.rfind("25/25 个文件").expect("a full bar");
    let after = &shown[bar_ends..];
    let message = after.find("✖").expect("the empty file's message");
    assert!(
        after[..message].ends_with('\n'),
        "on the bar's line: {:?}",
        &after[..message + "✖".len()]
    );
    assert!(after.contains("已汇总 25 个文件"), "{after}");
}

/// A file that is no table, whatever its name, says what it is and what to do, in Chinese:
/// not the XML library's English, not the .xls advice for every file. An Excel workbook renamed
/// .json is read as what it is; an empty file is empty, whether .json or .xlsx.
#[test]
fn a_file_that_is_no_table_says_what_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let project = &common::seed000_projects()[0];
    let put = |name: &str, bytes: &[u8]| std::fs::write(dir.path().join(name), bytes).unwrap();
    put(
        "Word改名.xlsx",
        &jixiao::xlsx::report_to_docx(project).unwrap(),
    );
    put("压缩包.xlsx", &a_zip());
    put("旧版.xls", &old_xls());
    put("空.json", b"");
    put("空.xlsx", b"");
    put(
        "表格改名.json",
        &jixiao::xlsx::sheet_to_xlsx(project).unwrap(),
    );
    let files = [
        "Word改名.xlsx",
        "压缩包.xlsx",
        "旧版.xls",
        "空.json",
        "空.xlsx",
        "表格改名.json",
    ];
    let out = jixiao(
        &[&["batch"][..], &files, &["-o", "out.json"]].concat(),
        dir.path(),
    );
    let err = chinese_stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    for (file, said) in [
        (
            "Word改名.xlsx",
            "这是 Word 文档（.docx），不是表格：请改用评分表的 Excel 文件（.xlsx）或评分表文件（.json）",
        ),
        (
            "压缩包.xlsx",
            "这是压缩包，不是表格：请先解压，再读取其中的表格文件",
        ),
        (
            "旧版.xls",
            "这是旧版 .xls 文件（Excel 97–2003 或 WPS 表格的 .et），无法直接读取：请在 Excel 或 WPS 中另存为 .xlsx",
        ),
        (
            "空.json",
            "文件是空的：请检查是否选对了文件，或文件是否没有保存、复制完整",
        ),
        (
            "空.xlsx",
            "文件是空的：请检查是否选对了文件，或文件是否没有保存、复制完整",
        ),
    ] {
        let line = err
            .lines()
            .find(|l| l.starts_with(&format!("✖ {file}：")))
            .unwrap_or_else(|| panic!("no line for {file}: {err}"));
        let (_, message) = line.split_once('：').unwrap();
        assert!(message.starts_with(said), "{line}");
    }
    assert!(
        !err.contains("表格改名"),
        "read as the workbook it is: {err}"
    );
    assert!(
        err.contains("已汇总 6 个文件中的 1 个项目（5 个文件无法读取）"),
        "{err}"
    );
    // `score` takes sheet files alone, and says so by the same rule.
    for (file, said) in [
        ("表格改名.json", "这是 Excel 文件，不是评分表文件（JSON）"),
        ("Word改名.xlsx", "这是 Word 文档（.docx），不是表格"),
        (
            "旧版.xls",
            "这是旧版 Excel 文件（.xls），不是评分表文件（JSON）",
        ),
        ("空.json", "文件是空的"),
    ] {
        let out = jixiao(&["score", file], dir.path());
        let err = chinese_stderr(&out);
        assert_eq!(out.status.code(), Some(2));
        assert!(err.starts_with(&format!("{file}：{said}")), "{err}");
    }
}

/// The 汇总表's 序号 is one sequence over the rows it writes: a 汇总表 file among the files
/// brings its own 序号 (1, 2, … again), which are its, not the output's. In the .xlsx the
/// 序号 are numbers, sorted 1, 2, 10 by Excel, not as text.
#[test]
fn the_summary_numbers_its_rows_once_over_every_file() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..10 {
        let (sheet, _, _) = common::generated_project(i);
        std::fs::write(dir.path().join(format!("a{i:02}.json")), sheet.to_json()).unwrap();
    }
    let typed = |names: &[&str]| {
        let mut summary = Sheet::new(jixiao::model::SheetKind::Summary);
        summary.projects = names
            .iter()
            .enumerate()
            .map(|(i, name)| jixiao::model::ProjectRow {
                seq: (i + 1).to_string(),
                unit: "外单位".into(),
                project: (*name).into(),
                budget: "100.00".into(),
                spent: "90.00".into(),
                score: "85".into(),
                ..Default::default()
            })
            .collect();
        summary
    };
    std::fs::write(
        dir.path().join("b汇总.csv"),
        jixiao::xlsx::summary_csv(&typed(&["甲", "乙"]), None).unwrap(),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("c汇总表.xlsx"),
        jixiao::xlsx::summary_to_xlsx(&typed(&["丙", "丁", "戊"]), None).unwrap(),
    )
    .unwrap();
    let outputs = tempfile::tempdir().unwrap();
    let output = |name: &str| outputs.path().join(name).to_string_lossy().into_owned();
    let expected: Vec<String> = (1..=15).map(|n| n.to_string()).collect();
    for name in ["汇总表.json", "汇总表.csv", "汇总表.xlsx"] {
        let out = jixiao(&["batch", ".", "-o", &output(name)], dir.path());
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    }
    let json = load(&std::fs::read_to_string(output("汇总表.json")).unwrap()).unwrap();
    let seqs: Vec<&str> = json.projects.iter().map(|p| p.seq.as_str()).collect();
    assert_eq!(seqs, expected);
    assert_eq!(json.projects[14].project, "戊");
    let csv = std::fs::read_to_string(output("汇总表.csv")).unwrap();
    let seqs: Vec<&str> = csv
        .lines()
        .skip(1)
        .take(15)
        .map(|l| l.split(',').next().unwrap())
        .collect();
    assert_eq!(seqs, expected);
    let bytes = std::fs::read(output("汇总表.xlsx")).unwrap();
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(&bytes)).unwrap();
    let range = book.worksheet_range("汇总表").unwrap();
    let seqs: Vec<Data> = range
        .rows()
        .skip_while(|r| r[0] != Data::String("序号".into()))
        .skip(1)
        .take_while(|r| r[0] != Data::String("合计".into()))
        .map(|r| r[0].clone())
        .collect();
    let numbers: Vec<Data> = (1..=15).map(|n| Data::Float(f64::from(n))).collect();
    assert_eq!(seqs, numbers);
    // And on the terminal.
    let out = jixiao(&["batch", "."], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let seqs: Vec<String> = text(&out.stdout)
        .lines()
        .filter_map(|l| l.strip_prefix("│ "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|first| first.chars().all(|c| c.is_ascii_digit()))
        .map(str::to_string)
        .collect();
    assert_eq!(seqs, expected);
}

/// A 5 KB file with a stray cell at XFD1048576 aborted the whole batch (“memory allocation of
/// 549755813888 bytes failed”): it is read. Stray cells too many and too far apart, and a zip
/// bomb, which took GBs, are each said at its file, and the batch goes on; `import` refuses
/// them with exit status 2.
#[test]
fn a_file_too_spread_out_or_unpacking_too_large_is_said_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    seed000_files(dir.path());
    let bytes = jixiao::xlsx::sheet_to_xlsx(&common::seed000_projects()[0]).unwrap();
    let far = hostile::with_cell_at(&bytes, 1_048_576, "XFD1048576");
    let out = dir.path().join("far.json");
    std::fs::write(dir.path().join("far.xlsx"), far).unwrap();
    let import = jixiao(&["import", "far.xlsx", "-o", "far.json"], dir.path());
    assert_eq!(import.status.code(), Some(0), "{}", chinese_stderr(&import));
    std::fs::remove_file(dir.path().join("far.xlsx")).unwrap();
    std::fs::remove_file(out).unwrap();

    let spread: Vec<(u32, String)> = (1000..1070).map(|r| (r, format!("XFD{r}"))).collect();
    let spread = hostile::with_cells_at(&bytes, &spread);
    std::fs::write(dir.path().join("spread.xlsx"), spread).unwrap();
    let bomb = hostile::declaring(&bytes, "xl/sharedStrings.xml", 1 << 30);
    std::fs::write(dir.path().join("bomb.xlsx"), bomb).unwrap();
    let out = jixiao(&["batch", ".", "-o", "out.json"], dir.path());
    let err = chinese_stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    for (file, message) in [
        ("spread.xlsx", "的内容太多或太分散（一直到单元格 XFD1069"),
        ("bomb.xlsx", "文件解压后过大（其中一部分解压后达 1024 MB"),
    ] {
        let line = line_of(&err, file);
        assert!(line.starts_with('✖') && line.contains(message), "{line}");
    }
    assert!(
        err.contains("已汇总 13 个文件中的 11 个项目（2 个文件无法读取）"),
        "{err}"
    );
    let summary = load(&std::fs::read_to_string(dir.path().join("out.json")).unwrap()).unwrap();
    assert_eq!(totals(&summary), published());

    let out = jixiao(&["import", "spread.xlsx", "-o", "spread.json"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(chinese_stderr(&out).contains("XFD1069"));
}

/// A 汇总表 written as JSON holds its rows as the page writes them (183d4ce): opened again
/// they are typed rows, so none keeps `sheet_grade`, the grade of a sheet it no longer comes
/// from, which warned of that sheet and took a typed score for one that follows it.
#[test]
fn a_summary_written_as_json_keeps_no_sheets_own_grade() {
    let dir = tempfile::tempdir().unwrap();
    for sheet in &common::seed000_projects()[..3] {
        let path = dir.path().join(format!("{}.json", sheet.meta.project));
        std::fs::write(path, sheet.to_json()).unwrap();
    }
    let out = jixiao(&["batch", ".", "-o", "汇总表.json"], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let written = std::fs::read_to_string(dir.path().join("汇总表.json")).unwrap();
    let summary = load(&written).unwrap();
    let rows: Vec<(&str, bool)> = summary
        .projects
        .iter()
        .map(|p| (p.score.as_str(), p.sheet_grade.is_some()))
        .collect();
    assert_eq!(
        rows,
        [("82.06", false), ("94.12", false), ("83.08", false)],
        "{written}"
    );
}

/// A file copied under other names (`seed001-dup.json` beside `seed001.json`, an .xlsx renamed
/// .xls beside it) is one file met again: read once and said, naming both. The same project in
/// files that differ (a .json and an .xlsx of one form) is left for the reviewer, every file of
/// it named in one line.
#[test]
fn a_copy_of_a_file_is_read_once_and_every_file_of_one_project_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seed001_department.sheet.json");
    let sheet = load(&std::fs::read_to_string(path).unwrap()).unwrap();
    let json = sheet.to_json();
    let xlsx = jixiao::xlsx::sheet_to_xlsx(&sheet).unwrap();
    let mut corrected = sheet.clone();
    corrected.meta.goal = "修改后的绩效目标".into();
    for (name, bytes) in [
        ("a.json", json.as_bytes()),
        ("b.xlsx", &xlsx),
        ("c.json", json.as_bytes()),
        ("d.xls", &xlsx),
        ("e.json", corrected.to_json().as_bytes()),
    ] {
        std::fs::write(dir.path().join(name), bytes).unwrap();
    }
    let outputs = tempfile::tempdir().unwrap();
    let output = outputs.path().join("汇总.json");
    let out = jixiao(&["batch", ".", "-o", &output.to_string_lossy()], dir.path());
    let err = chinese_stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    let unit = sheet.meta.unit.trim();
    assert!(
        err.contains("ℹ ./c.json 与 ./a.json 内容完全相同，是同一个文件的两份：只计入一次"),
        "{err}"
    );
    assert!(
        err.contains("ℹ ./d.xls 与 ./b.xlsx 内容完全相同，是同一个文件的两份：只计入一次"),
        "{err}"
    );
    let said: Vec<&str> = err.lines().filter(|l| l.contains("同一项目")).collect();
    assert_eq!(
        said,
        [format!(
            "⚠ ./b.xlsx、./e.json 与 ./a.json 是同一项目（{unit}，{}），汇总表计入了 3 次：如其中有修改后的版本，请只留下要汇总的那一个再汇总",
            sheet.meta.year.trim()
        )],
        "{err}"
    );
    assert!(
        err.contains("已汇总 5 个文件中的 3 个项目（0 个文件无法读取；2 个文件与前面的文件内容完全相同，只计入一次）"),
        "{err}"
    );
    let summary = load(&std::fs::read_to_string(output).unwrap()).unwrap();
    assert_eq!(summary.projects.len(), 3);

    // The library keeps each copy's place and says whose copy it is.
    let files: Vec<_> = ["a.json", "c.json"].map(|f| dir.path().join(f)).into();
    let (workbook, results) = jixiao::batch::run(&files, |_| {});
    assert_eq!(workbook.sheets.len(), 1);
    assert_eq!(results[1].sheets, Ok(0));
    assert_eq!(results[1].copy_of.as_deref(), Some(files[0].as_path()));

    // A table that names no project is named by its file; its copy is still the one file, its
    // 资金 summed once (`表 - 副本.csv`, as Windows names a copy).
    let nameless =
        "全年预算数,200,全年执行数,190\n指标名称,分值,年度指标值,实际完成值\n完成数,100,100,90\n";
    let files: Vec<_> = ["表.csv", "表 - 副本.csv"]
        .map(|f| dir.path().join(f))
        .into();
    for file in &files {
        std::fs::write(file, nameless).unwrap();
    }
    let (workbook, results) = jixiao::batch::run(&files, |_| {});
    assert_eq!(workbook.sheets.len(), 1, "{results:?}");
    assert_eq!(results[1].copy_of.as_deref(), Some(files[0].as_path()));
}
