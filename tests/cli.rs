//! The command-line scorer, run as a shell user would.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

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
        text.contains("[注意] “举办公益性展览和宣传次数、社区居民活动次数”：完成率746.67%"),
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
