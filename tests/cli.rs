//! The command-line scorer, run as a shell user would.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

mod excel;

fn jixiao(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run jixiao")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

#[test]
fn scores_the_seed_fixtures_as_json() {
    for (file, total, grade) in [
        (
            "tests/fixtures/seed001_department.sheet.json",
            "94.90",
            "优",
        ),
        (
            "tests/fixtures/seed003_department.sheet.json",
            "90.25",
            "优",
        ),
        ("tests/fixtures/domain_cases.sheet.json", "44.59", "差"),
    ] {
        let out = jixiao(&["score", file]);
        assert_eq!(out.status.code(), Some(0), "{file}: {}", stderr(&out));
        let report: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
        assert_eq!(report["total"], total, "{file}");
        assert_eq!(report["grade"], grade, "{file}");
    }
    let out = jixiao(&["score", "tests/fixtures/seed000_summary.sheet.json"]);
    let report: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(report["summary"]["rate"], "97.15%");
    assert_eq!(report["summary"]["spent"], "22,793.18");
}

#[test]
fn prints_a_readable_table() {
    let out = jixiao(&[
        "score",
        "--table",
        "tests/fixtures/seed003_department.sheet.json",
    ]);
    let text = stdout(&out);
    assert!(text.contains("总分 90.25，等级：优"), "{text}");
    assert!(
        text.contains("预算完成率为93.66%，未达100%，计算得1.87分"),
        "{text}"
    );
    assert!(
        text.contains("[提示] “举办公益性展览和宣传次数、社区居民活动次数”：完成率746.67%"),
        "{text}"
    );
    let out = jixiao(&[
        "score",
        "--table",
        "tests/fixtures/seed000_summary.sheet.json",
    ]);
    let text = stdout(&out);
    assert!(text.contains("等级分布：优 3，良 8，中 0，差 0"), "{text}");
    assert!(text.contains("23,460.84"), "{text}");
}

#[test]
fn exit_status_tells_errors_from_unreadable_files() {
    let dir = std::env::temp_dir().join(format!("jixiao-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let with_errors = dir.join("errors.json");
    std::fs::write(
        &with_errors,
        r#"{"format":"jixiao-sheet","version":1,"kind":"project","indicators":[{"name":"a","weight":"100","target":"100","actual":"待定"}]}"#,
    )
    .unwrap();
    let out = jixiao(&["score", with_errors.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "evaluated, with errors");
    let report: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(
        report["diagnostics"][0]["message"],
        "实际完成值无法识别：没有找到数字"
    );

    let not_json = dir.join("broken.json");
    std::fs::write(&not_json, "{\"format\": \"jixiao-sheet\", ").unwrap();
    let out = jixiao(&["score", not_json.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("不是有效的 JSON 文件"),
        "{}",
        stderr(&out)
    );

    let out = jixiao(&["score", "no/such/file.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("无法读取"));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn reads_a_sheet_from_standard_input() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(["score", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let sheet = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seed002_department.sheet.json"),
    )
    .unwrap();
    child.stdin.take().unwrap().write_all(&sheet).unwrap();
    let out = child.wait_with_output().unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["funds"][0]["rate"], "99.47%");
}

#[test]
fn lists_and_prints_templates_and_reads_cells() {
    let out = jixiao(&["templates"]);
    let text = stdout(&out);
    for id in [
        "project",
        "key-evaluation",
        "department-efficiency",
        "department-management",
        "summary",
    ] {
        assert!(text.contains(id), "{text}");
    }
    let out = jixiao(&["template", "project"]);
    let sheet = jixiao::load::load(&stdout(&out)).unwrap();
    assert_eq!(sheet.kind, jixiao::model::SheetKind::Project);
    let out = jixiao(&["template", "nope"]);
    assert_eq!(out.status.code(), Some(2));
    let out = jixiao(&["read", "９５％以上"]);
    assert_eq!(stdout(&out), "数值：95%\n比较方式：≥\n");
    let out = jixiao(&["read", "1e400"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stdout(&out),
        "无法识别：不支持科学计数法（如 1e5），请写出完整数字\n"
    );
}

// Files and arguments that are not what the command expects (issue 15, item 5): each gets a
// Chinese message at its file and exit status 2, or is read correctly; no English message of
// the system or a library reaches the user.

/// Runs jixiao with `stdin` as its standard input.
fn jixiao_with_input(args: &[&str], stdin: Stdio) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(stdin)
        .output()
        .expect("run jixiao")
}

/// Standard error, checked to hold no English message of the system or a library.
#[track_caller]
fn chinese_stderr(o: &Output) -> String {
    let err = stderr(o);
    for english in [
        "os error",
        "stream did not contain",
        "No such file",
        "Is a directory",
        "Permission denied",
        "error:",
        "panicked",
    ] {
        assert!(
            !err.contains(english),
            "{english:?} reached the user: {err}"
        );
    }
    err
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name),
    )
    .unwrap()
}

/// `text` in UTF-16 with its byte-order mark, as Notepad saves "Unicode" (little-endian).
fn utf16le_with_mark(text: &str) -> Vec<u8> {
    [0xff, 0xfe]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect()
}

#[test]
fn a_sheet_saved_by_notepad_as_unicode_is_scored() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("unicode.json");
    let text = String::from_utf8(fixture("seed003_department.sheet.json")).unwrap();
    std::fs::write(&file, utf16le_with_mark(&text)).unwrap();
    let out = jixiao(&["score", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", chinese_stderr(&out));
    let report: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(report["total"], "90.25");
}

/// An Excel file given to `score` is named as one, with the commands that read it, instead of
/// being called a text file in the wrong encoding.
#[test]
fn a_spreadsheet_given_to_score_says_which_command_reads_it() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("自评表.xlsx");
    let sheet =
        jixiao::load::load(std::str::from_utf8(&fixture("seed003_department.sheet.json")).unwrap())
            .unwrap();
    std::fs::write(&file, jixiao::xlsx::sheet_to_xlsx(&sheet).unwrap()).unwrap();
    let out = jixiao(&["score", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        chinese_stderr(&out),
        format!(
            "{}：这是 Excel 文件，不是评分表文件（JSON）：请先用 jixiao import 转为评分表文件，或用 jixiao check、jixiao batch 直接读取\n",
            file.display()
        )
    );
}

#[test]
fn gbk_latin1_and_binary_sheets_are_refused_at_their_first_bad_byte() {
    let dir = tempfile::tempdir().unwrap();
    let gbk = dir.path().join("gbk.json");
    let (bytes, _, _) = encoding_rs::GBK.encode(
        "{\"format\":\"jixiao-sheet\",\"version\":1,\"kind\":\"project\",\n\"meta\":{\"project\":\"绿化\"}}",
    );
    std::fs::write(&gbk, &bytes).unwrap();
    let latin1 = dir.path().join("latin1.json");
    std::fs::write(
        &latin1,
        b"{\"format\":\"jixiao-sheet\",\"version\":1,\"kind\":\"project\",\"meta\":{\"project\":\"caf\xe9\"}}",
    )
    .unwrap();
    for (file, place) in [(&gbk, "第2行第20列"), (&latin1, "第1行第77列")] {
        let out = jixiao(&["score", file.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(2));
        assert_eq!(
            chinese_stderr(&out),
            format!(
                "{}：文件不是 UTF-8 编码：{place}有无法识别的字节（请用 jixiao 保存的文件，或在编辑器中另存为 UTF-8）\n",
                file.display()
            )
        );
    }
    // The same file through export and batch.
    let out = jixiao(&["export", gbk.to_str().unwrap(), "-o", "x.xlsx"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(chinese_stderr(&out).contains("文件不是 UTF-8 编码：第2行第20列"));

    // Binary on standard input, through a pipe: every byte value in turn, so the first that is
    // not UTF-8 is 0x80, after the line feed at 10.
    let mut child = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(["score", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let binary: Vec<u8> = (0..=255u8).cycle().take(4096).collect();
    child.stdin.take().unwrap().write_all(&binary).unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        chinese_stderr(&out),
        "标准输入：文件不是 UTF-8 编码：第2行第118列有无法识别的字节（请用 jixiao 保存的文件，或在编辑器中另存为 UTF-8）\n"
    );
}

#[cfg(unix)]
#[test]
fn an_endless_file_stops_at_the_size_limit() {
    let dir = tempfile::tempdir().unwrap();
    let zero = dir.path().join("zero.json");
    std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
    let zero = zero.to_str().unwrap();
    let output = dir.path().join("out.xlsx");
    let output = output.to_str().unwrap();
    for args in [
        &["score", zero][..],
        &["export", zero, "-o", output],
        &["import", zero, "-o", output],
    ] {
        let out = jixiao(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert_eq!(
            chinese_stderr(&out),
            format!("无法读取 {zero}：文件太大（超过 32 MB），最多支持 32 MB\n"),
            "{args:?}"
        );
    }
    assert!(!dir.path().join("out.xlsx").exists());
    let out = jixiao_with_input(
        &["score", "-"],
        Stdio::from(std::fs::File::open("/dev/zero").unwrap()),
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        chinese_stderr(&out),
        "无法读取 标准输入：文件太大（超过 32 MB），最多支持 32 MB\n"
    );
}

#[test]
fn a_csv_with_an_unclosed_quote_is_refused_at_the_quote() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("表.csv");
    std::fs::write(
        &csv,
        "指标名称,分值,得分\n预算执行率,10,9\n\"满意度,20,18\n产出数量,70,65\n",
    )
    .unwrap();
    let json = dir.path().join("表.json");
    let out = jixiao(&[
        "import",
        csv.to_str().unwrap(),
        "-o",
        json.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        chinese_stderr(&out),
        format!(
            "{}：CSV 文件第3行无法读取：这一行的引号（\"）开始的内容直到文件末尾都没有结束，请检查是否少了一个引号\n",
            csv.display()
        )
    );
    assert!(!json.exists(), "nothing is written");
}

#[test]
fn a_csv_saved_as_unicode_text_is_imported() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("表.csv");
    std::fs::write(
        &csv,
        utf16le_with_mark("指标名称\t分值\t得分\r\n预算执行率\t10\t9\r\n满意度\t90\t85.5\r\n"),
    )
    .unwrap();
    let out = jixiao(&["import", csv.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", chinese_stderr(&out));
    let sheet = jixiao::load::load(&stdout(&out)).unwrap();
    let names: Vec<&str> = sheet.indicators.iter().map(|n| n.name.as_str()).collect();
    assert_eq!(names, ["预算执行率", "满意度"]);
}

#[test]
fn a_cell_starting_with_a_minus_is_read_not_taken_as_an_option() {
    for (text, said) in [
        ("-5", "数值：-5\n"),
        ("-0.5", "数值：-0.5\n"),
        ("-5%", "数值：-5%\n"),
    ] {
        let out = jixiao(&["read", text]);
        assert_eq!(out.status.code(), Some(0), "{text}: {}", stderr(&out));
        assert_eq!(stdout(&out), said, "{text}");
    }
    let out = jixiao(&["read", "--help"]);
    assert!(stdout(&out).contains("单元格内容"), "{}", stdout(&out));
}

#[test]
fn missing_files_folders_and_unwritable_places_are_said_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().to_str().unwrap();
    let sheet =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seed003_department.sheet.json");
    let sheet = sheet.to_str().unwrap();
    let nowhere = dir.path().join("没有这个文件夹").join("表.xlsx");
    let nowhere = nowhere.to_str().unwrap();
    for (args, message) in [
        (
            &["score", "no/such/file.json"][..],
            "无法读取 no/such/file.json：找不到文件，请检查路径和文件名".to_string(),
        ),
        (
            &["import", "no/such/file.xlsx"],
            "无法读取 no/such/file.xlsx：找不到文件，请检查路径和文件名".to_string(),
        ),
        (
            &["export", "no/such/file.json", "-o", "x.xlsx"],
            "无法读取 no/such/file.json：找不到文件，请检查路径和文件名".to_string(),
        ),
        (
            &["score", folder],
            format!("无法读取 {folder}：这是一个文件夹，不是文件"),
        ),
        (
            &["import", folder],
            format!("无法读取 {folder}：这是一个文件夹，不是文件"),
        ),
        (
            &["export", sheet, "-o", nowhere],
            format!("无法写出 {nowhere}：要写入的文件夹不存在，请先建立这个文件夹或换一个位置"),
        ),
        (
            &["export", sheet, "-o", folder],
            format!("无法写出 {folder}：这是一个文件夹，不是文件"),
        ),
        (
            &["batch", sheet, "-o", nowhere],
            format!("无法写出 {nowhere}：要写入的文件夹不存在，请先建立这个文件夹或换一个位置"),
        ),
    ] {
        let out = jixiao(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = chinese_stderr(&out);
        assert!(err.contains(&message), "{args:?}: {err}");
    }
}

/// Issue 15 §1 and §2, as reported: `jixiao export 表.json -o 表.xlsx`, 实际完成值 87.65% changed
/// to 92% in Excel (stored as 0.92 in a percent format), `jixiao import 表.xlsx`: the old value
/// came back, exit 0, no warning. And the visible form alone, its hidden worksheet removed,
/// lost 预算执行率 and dropped the total from 优 to 良.
#[test]
fn a_form_returned_from_excel_imports_with_its_edits() {
    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("表.xlsx");
    let out = jixiao(&[
        "export",
        "tests/fixtures/filled_project.json",
        "-o",
        xlsx.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let written = std::fs::read(&xlsx).unwrap();
    let returned = excel::edited(&written, &excel::worksheet_part(1), |xml| {
        xml.replace("<v>0.8765</v>", "<v>0.92</v>")
    });
    std::fs::write(&xlsx, &returned).unwrap();
    let out = jixiao(&["import", xlsx.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains(
            "已采用表格中修改过的 1 个单元格：实际完成值（服务对象满意度） 87.65% → 92.00%。"
        ),
        "{}",
        stderr(&out)
    );
    let sheet = jixiao::load::load(&stdout(&out)).unwrap();
    let report = jixiao::engine::Calculator::new(sheet).report();
    assert_eq!(report.totals.total.as_deref(), Some("94.77"));

    let copy = dir.path().join("复制的表.xlsx");
    std::fs::write(&copy, excel::without_hidden_copy(&written)).unwrap();
    let out = jixiao(&["import", copy.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // Nothing was edited; what the cells alone could not bring back is said.
    assert!(
        stderr(&out).contains("已按表格中的单元格读入，计分不受影响"),
        "{}",
        stderr(&out)
    );
    let report =
        jixiao::engine::Calculator::new(jixiao::load::load(&stdout(&out)).unwrap()).report();
    assert_eq!(
        (
            report.nodes[0].name.as_str(),
            report.nodes[0].score.as_deref()
        ),
        ("预算执行率", Some("9.37"))
    );
    assert_eq!(
        (
            report.totals.total.as_deref(),
            report.totals.grade.as_deref()
        ),
        (Some("94.51"), Some("优"))
    );
    // In a batch, where only the totals count, a line a file for 备注 is not said.
    let folder = dir.path().join("单位");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(
        folder.join("复制的表.xlsx"),
        excel::without_hidden_copy(&written),
    )
    .unwrap();
    let out = jixiao(&["batch", folder.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("94.51"), "{}", stdout(&out));
    assert!(!stderr(&out).contains("单元格读入"), "{}", stderr(&out));
}

#[test]
fn check_reviews_one_file_in_words() {
    let out = jixiao(&["check", "tests/fixtures/seed004_department.sheet.json"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("申报数 6 项，复现 5，约定可解释 1（其中 1 处"),
        "{text}"
    );
    assert!(
        text.contains(
            "部门整体支出执行率申报93%，按本表设置计算为93.90%；按“完成率截位取整”可复现"
        ),
        "{text}"
    );
    let out = jixiao(&["check", "tests/fixtures/seed003_department.sheet.json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
}

/// A score read as rounded to one place (9.6 for 9.63) under a declared total that adds up only
/// with 9.63: the convention does not explain the table, and the file's line says so rather
/// than passing it as explained (≈).
#[test]
fn check_does_not_pass_a_convention_the_table_contradicts() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("单位.json");
    let sheet = r#"{"format":"jixiao-sheet","version":1,"kind":"project","settings":{"total_weight":"10"},
      "indicators":[{"name":"满意度","weight":"10","target":"420","actual":"404.25","reason":"有",
        "declared":{"score":"9.6"}}],
      "declared":{"total":"9.63"}}"#;
    std::fs::write(&file, sheet).unwrap();
    let out = jixiao(&["check", file.to_str().unwrap()]);
    let text = stdout(&out);
    let first = text.lines().next().unwrap();
    assert!(first.starts_with('✗'), "{text}");
    assert!(
        first.ends_with(
            "约定可解释 1（其中 1 处所按的约定与表中其他申报数矛盾，不能解释整张表），无法解释 0"
        ),
        "{text}"
    );
    // The difference itself is marked as its file is, not ≈.
    let difference = text
        .lines()
        .find(|l| l.contains("满意度得分申报9.6"))
        .unwrap();
    assert!(difference.starts_with('✗'), "{text}");
}

/// A unit's table with one slip: 满意度's 得分 typed 8.5 for 9.63, and the group's 小计 and the
/// 总分 added up from it.
const ONE_SLIP: &str = r#"{"format":"jixiao-sheet","version":1,"kind":"project","settings":{"total_weight":"10"},
  "indicators":[{"name":"效益指标","weight":"10","declared":{"score":"8.5"},"children":[
    {"name":"满意度","weight":"10","target":"420","actual":"404.25","reason":"有","declared":{"rate":"96.25%","score":"8.5"}}]}],
  "declared":{"total":"8.5"}}"#;

#[test]
fn check_gives_one_json_object_for_one_file_or_many() {
    let dir = tempfile::tempdir().unwrap();
    let slip = dir.path().join("填错.json");
    std::fs::write(&slip, ONE_SLIP).unwrap();
    let broken = dir.path().join("坏.json");
    std::fs::write(&broken, "{").unwrap();
    let one = jixiao(&["check", "--json", slip.to_str().unwrap()]);
    assert_eq!(one.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_str(&stdout(&one)).unwrap();
    let file = &json["files"][0];
    assert_eq!(
        (
            &file["figures"],
            &file["reproduced"],
            &file["explained"],
            &file["unexplained"],
            &file["slips"]
        ),
        (&4.into(), &1.into(), &0.into(), &3.into(), &1.into())
    );
    let d = &file["differences"][0];
    assert_eq!(d["where"], "indicators[0].children[0]");
    assert_eq!(
        (&d["name"], &d["field"]),
        (&"满意度".into(), &"score".into())
    );
    assert_eq!(
        (&d["declared"], &d["computed"]),
        (&"8.5".into(), &"9.63".into())
    );
    assert_eq!(d["convention"], serde_json::Value::Null);
    let consequences: Vec<(&str, &str)> = d["consequences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["field"].as_str().unwrap(),
                c["computed"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(consequences, [("subtotal", "9.63"), ("total", "9.63")]);

    let many = jixiao(&[
        "check",
        "--json",
        slip.to_str().unwrap(),
        broken.to_str().unwrap(),
        "tests/fixtures/seed003_department.sheet.json",
    ]);
    assert_eq!(many.status.code(), Some(2), "an unreadable file wins");
    let json: serde_json::Value = serde_json::from_str(&stdout(&many)).unwrap();
    assert_eq!(json["files"].as_array().unwrap().len(), 3);
    assert!(json["files"][1]["error"].as_str().unwrap().contains("JSON"));
    assert_eq!(json["summary"]["unreadable"], 1);
    assert_eq!(json["summary"]["files"], 3);

    let lines = jixiao(&[
        "check",
        slip.to_str().unwrap(),
        "tests/fixtures/seed003_department.sheet.json",
    ]);
    let text = stdout(&lines);
    assert_eq!(
        text.lines().count(),
        3,
        "one line per file and a summary: {text}"
    );
    assert!(text.contains("✗") && text.contains("✓"), "{text}");
    assert!(text.contains("共 2 个表"), "{text}");
}

/// One 得分 mistyped makes its group's 小计 and the 总分 differ too: the listing gives them under
/// the slip, and the summary counted them as 3 无法解释 as if three slips. It says which is the
/// slip and which follow from it, in the words of the page's 审核 and its workbook.
#[test]
fn check_says_which_differences_are_slips_and_which_follow() {
    let dir = tempfile::tempdir().unwrap();
    let slip = dir.path().join("填错.json");
    std::fs::write(&slip, ONE_SLIP).unwrap();
    let one = jixiao(&["check", slip.to_str().unwrap()]);
    assert_eq!(one.status.code(), Some(1), "a figure differs");
    let text = stdout(&one);
    let first = text.lines().next().unwrap();
    assert!(
        first.ends_with(
            "申报数 4 项，复现 1，约定可解释 0，无法解释 3（差错 1 处，另有 2 处因之不同）"
        ),
        "{text}"
    );
    let many = jixiao(&[
        "check",
        slip.to_str().unwrap(),
        "tests/fixtures/seed003_department.sheet.json",
    ]);
    assert_eq!(many.status.code(), Some(1));
    let text = stdout(&many);
    assert!(
        text.ends_with("共 2 个表：申报数 45 项，复现 42，约定可解释 0，无法解释 3（差错 1 处，另有 2 处因之不同）；无法读取 0 个\n"),
        "{text}"
    );
    let json = jixiao(&["check", "--json", slip.to_str().unwrap()]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&json)).unwrap();
    let s = &json["summary"];
    assert_eq!(
        (&s["figures"], &s["unexplained"], &s["slips"]),
        (&4.into(), &3.into(), &1.into())
    );
}

#[test]
fn check_writes_the_review_workbook_for_one_table() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("审核表.xlsx");
    let file = "tests/fixtures/seed004_department.sheet.json";
    let done = jixiao(&["check", file, "--xlsx", out.to_str().unwrap()]);
    assert_eq!(done.status.code(), Some(1), "{}", stderr(&done));
    let bytes = std::fs::read(&out).unwrap();
    let read = jixiao::xlsx::read(&bytes, "审核表.xlsx").unwrap();
    assert_eq!(read.tables[0].name, "审核表");
    let other = "tests/fixtures/seed003_department.sheet.json";
    let two = jixiao(&["check", file, other, "--xlsx", out.to_str().unwrap()]);
    assert_eq!(two.status.code(), Some(2));
    assert!(
        stderr(&two).contains("只能为一个表写出"),
        "{}",
        stderr(&two)
    );
}

#[test]
fn writes_the_self_evaluation_report_as_a_word_document() {
    let dir = tempfile::tempdir().unwrap();
    let out_file = dir.path().join("报告.docx");
    let out = jixiao(&[
        "report",
        "tests/fixtures/seed003_department.sheet.json",
        "-o",
        out_file.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", chinese_stderr(&out));
    let bytes = std::fs::read(&out_file).unwrap();
    assert_eq!(&bytes[..2], b"PK", "a .docx (zip) file");
    // Unreadable input: exit 2, with the reason, and nothing written.
    let missing = dir.path().join("x.docx");
    let out = jixiao(&["report", "nope.json", "-o", missing.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(chinese_stderr(&out).contains("nope.json"));
    assert!(!missing.exists());
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, "{\"hello\": 1}").unwrap();
    let out = jixiao(&[
        "report",
        bad.to_str().unwrap(),
        "-o",
        missing.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(chinese_stderr(&out).contains("这不是 jixiao 评分表文件"));
    // A 汇总表 has no 自评报告: refused, saying what the command is for, and nothing written.
    let out = jixiao(&[
        "report",
        "tests/fixtures/seed000_summary.sheet.json",
        "-o",
        missing.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let said = chinese_stderr(&out);
    assert!(
        said.contains("seed000_summary.sheet.json：这是项目汇总表，没有自评报告"),
        "{said}"
    );
    assert!(
        said.contains("自评报告按一个项目或部门的评分表生成"),
        "{said}"
    );
    assert!(!missing.exists());
}

#[test]
fn score_holds_targets_against_last_years_sheet_from_a_workbook() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let this = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/filled_project.json"),
    )
    .unwrap();
    let mut last: serde_json::Value = serde_json::from_str(&this).unwrap();
    last["meta"]["year"] = "2022".into();
    last["indicators"][1]["children"][0]["children"][0]["actual"] = "2,500".into();
    let workbook = serde_json::json!({
        "format": "jixiao-workbook", "version": 2, "name": "两年",
        "sheets": [last], "summary": {"format": "jixiao-sheet", "version": 2, "kind": "summary"}
    });
    let book = dir.join("两年.json");
    std::fs::write(&book, workbook.to_string()).unwrap();
    let plain = jixiao(&["score", "--table", "tests/fixtures/filled_project.json"]);
    let held = jixiao(&[
        "score",
        "--table",
        "tests/fixtures/filled_project.json",
        "--last-year",
        book.to_str().unwrap(),
    ]);
    // A hint never changes the exit status.
    assert_eq!(held.status.code(), plain.status.code());
    let text = stdout(&held);
    assert!(
        text.contains("[提示] 全表：“完成改造面积”年度指标值2000低于上年（2022年）实际完成值2,500"),
        "{text}"
    );
    assert!(!stdout(&plain).contains("低于上年"));
    // A file without that project's last year says so and scores as without it.
    let unrelated = jixiao(&[
        "score",
        "--table",
        "tests/fixtures/filled_project.json",
        "--last-year",
        "tests/fixtures/seed003_department.sheet.json",
    ]);
    assert_eq!(stdout(&unrelated), stdout(&plain));
    assert!(
        stderr(&unrelated).contains("没有找到“老旧小区微改造”2023年度的上年评分表"),
        "{}",
        stderr(&unrelated)
    );
    // An unreadable one is an unreadable input.
    let bad = jixiao(&[
        "score",
        "tests/fixtures/filled_project.json",
        "--last-year",
        "Cargo.toml",
    ]);
    assert_eq!(bad.status.code(), Some(2));
}

/// The table on the terminal says a grade is provisional, and why, as the page does: while
/// indicators are unscored, or while the table has errors (here 分值 that do not add up).
#[test]
fn a_provisional_grade_is_said_so_on_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/filled_project.json"),
    )
    .unwrap();
    let mut sheet = jixiao::load::load(&text).unwrap();
    let whole = dir.path().join("whole.json");
    std::fs::write(&whole, sheet.to_json()).unwrap();
    sheet.indicators[0].weight = "11".into();
    let errors = dir.path().join("errors.json");
    std::fs::write(&errors, sheet.to_json()).unwrap();
    let said = |path: &Path| stdout(&jixiao(&["score", "--table", path.to_str().unwrap()]));
    let whole = said(&whole);
    assert!(whole.contains("等级：优\n"), "{whole}");
    let errors = said(&errors);
    assert!(
        errors.contains("等级：优（暂定：表中有 1 处错误，更正后等级才作数）"),
        "{errors}"
    );
}
