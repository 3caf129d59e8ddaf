//! Golden fixtures: the seed reports written out as complete sheets (`tests/fixtures/*.sheet.json`)
//! and, beside each, the figures the published report prints (`*.expected.json`). Every figure
//! of DOMAIN.md §6 comes out of these files through the full pipeline: load, evaluate, report.

use jixiao::diagnostic::Location;
use jixiao::engine::Calculator;
use jixiao::load::load;
use jixiao::report::Report;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn fixtures() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/fixtures")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.to_string_lossy().ends_with(".sheet.json"))
        .collect();
    files.sort();
    assert!(files.len() >= 6, "fixtures missing: {files:?}");
    files
}

/// "一级/二级/三级" names of every row, in printed order.
fn paths(report: &Report) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(report.nodes.len());
    for n in &report.nodes {
        let p = match n.parent {
            Some(parent) => format!("{}/{}", out[parent], n.name),
            None => n.name.clone(),
        };
        out.push(p);
    }
    out
}

/// A row by its name path, or by `#id`.
fn row(report: &Report, paths: &[String], key: &str) -> usize {
    let found: Vec<usize> = match key.strip_prefix('#') {
        Some(id) => report
            .nodes
            .iter()
            .filter(|n| n.id.as_deref() == Some(id))
            .map(|n| n.index)
            .collect(),
        None => (0..paths.len()).filter(|&i| paths[i] == key).collect(),
    };
    assert_eq!(found.len(), 1, "exactly one row should be {key:?}");
    found[0]
}

fn diagnostic_key(
    report: &Report,
    paths: &[String],
    d: &jixiao::report::DiagnosticReport,
) -> String {
    let place = match d.at {
        Location::Sheet => "sheet".to_string(),
        Location::Setting { field } => format!("setting:{field:?}"),
        Location::Node { node, .. } => paths[node].clone(),
        Location::Funds { row, .. } => format!("funds:{}", report.funds[row].name),
        Location::Project { row, .. } => {
            format!("project:{}", report.summary.as_ref().unwrap().rows[row].seq)
        }
    };
    format!("{}@{}", d.code, place)
}

fn check(path: &Path) {
    let name = path.file_name().unwrap().to_string_lossy().to_string();
    let text = std::fs::read_to_string(path).unwrap();
    let sheet = load(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(
        sheet.to_json(),
        text,
        "{name}: loading then saving must change nothing"
    );

    let expected_path = PathBuf::from(
        path.to_string_lossy()
            .replace(".sheet.json", ".expected.json"),
    );
    let expected: Value = serde_json::from_str(&std::fs::read_to_string(&expected_path).unwrap())
        .unwrap_or_else(|e| panic!("{}: {e}", expected_path.display()));

    let report = Calculator::new(sheet).report();
    let paths = paths(&report);
    let s = |v: &Value| v.as_str().unwrap().to_string();

    if let Some(total) = expected.get("total") {
        assert_eq!(
            report.totals.total.as_deref(),
            Some(s(total).as_str()),
            "{name}: total"
        );
    }
    if let Some(grade) = expected.get("grade") {
        assert_eq!(
            report.totals.grade.as_deref(),
            Some(s(grade).as_str()),
            "{name}: grade"
        );
    }
    if let Some(complete) = expected.get("complete") {
        assert_eq!(
            Some(report.totals.complete),
            complete.as_bool(),
            "{name}: complete"
        );
    }
    for (key, value) in expected
        .get("scores")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        let i = row(&report, &paths, key);
        assert_eq!(
            report.nodes[i].score.as_deref(),
            Some(s(value).as_str()),
            "{name}: score of {key}"
        );
    }
    for (key, value) in expected
        .get("rates")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        let i = row(&report, &paths, key);
        assert_eq!(
            report.nodes[i].rate.as_deref(),
            Some(s(value).as_str()),
            "{name}: rate of {key}"
        );
    }
    for (key, value) in expected
        .get("derivations")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        let i = row(&report, &paths, key);
        assert_eq!(
            report.nodes[i].derivation.as_deref(),
            Some(s(value).as_str()),
            "{name}: derivation of {key}"
        );
    }
    for (key, value) in expected
        .get("funds")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        let f = report
            .funds
            .iter()
            .find(|f| &f.name == key)
            .unwrap_or_else(|| panic!("{name}: funds row {key}"));
        assert_eq!(
            f.rate.as_deref(),
            Some(s(value).as_str()),
            "{name}: rate of {key}"
        );
    }
    if let Some(summary) = expected.get("summary") {
        let got = report.summary.as_ref().expect("a summary");
        assert_eq!(got.totals.budget, s(&summary["budget"]), "{name}: Σ预算数");
        assert_eq!(got.totals.spent, s(&summary["spent"]), "{name}: Σ完成数");
        assert_eq!(
            got.totals.rate.as_deref(),
            Some(s(&summary["rate"]).as_str()),
            "{name}: 合计完成率"
        );
        let grades: BTreeMap<String, usize> = got
            .totals
            .grades
            .iter()
            .map(|g| (g.grade.clone(), g.count))
            .collect();
        for (grade, count) in summary["grades"].as_object().unwrap() {
            assert_eq!(
                grades.get(grade).copied(),
                count.as_u64().map(|c| c as usize),
                "{name}: count of {grade}"
            );
        }
        let rows = summary["rows"].as_array().unwrap();
        assert_eq!(rows.len(), got.rows.len());
        for (want, have) in rows.iter().zip(&got.rows) {
            assert_eq!(have.seq, s(&want["seq"]));
            assert_eq!(
                have.rate.as_deref(),
                Some(s(&want["rate"]).as_str()),
                "{name}: rate of project {}",
                have.seq
            );
            assert_eq!(
                have.grade.as_deref(),
                Some(s(&want["grade"]).as_str()),
                "{name}: grade of project {}",
                have.seq
            );
        }
    }
    // The findings must be exactly these: a new warning on a published report is a regression.
    let mut got: Vec<String> = report
        .diagnostics
        .iter()
        .filter(|d| d.severity != jixiao::diagnostic::Severity::Info)
        .map(|d| diagnostic_key(&report, &paths, d))
        .collect();
    got.sort();
    let mut want: Vec<String> = expected["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(s)
        .collect();
    want.sort();
    assert_eq!(got, want, "{name}: diagnostics");
}

#[test]
fn every_fixture_reproduces_its_published_figures() {
    for path in fixtures() {
        check(&path);
    }
}

#[test]
fn seed003_shows_each_derivation_and_flags_the_conservative_target() {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seed003_department.sheet.json"),
    )
    .unwrap();
    let calc = Calculator::new(load(&text).unwrap());
    let report = calc.report();
    // Every scored leaf explains itself.
    for n in report.nodes.iter().filter(|n| n.leaf) {
        let d = n.derivation.as_deref().unwrap_or("");
        assert!(d.contains('分'), "{}: {d}", n.name);
    }
    let over = report
        .diagnostics
        .iter()
        .find(|d| d.code == "conservative_target")
        .expect("the 746.67% indicator is flagged");
    assert_eq!(
        over.message,
        "完成率746.67%，达到120%以上：年度指标值可能设定偏保守，建议参照上年实际完成值和行业标准调高"
    );
    assert_eq!(over.severity, jixiao::diagnostic::Severity::Hint);
}

/// A template's title is the form's, as it prints at the top of the paper: the 部门整体 ones
/// printed their picker description (部门整体支出绩效自评表（管理效能＋履职效能，含加减分）).
#[test]
fn every_template_is_titled_as_its_form() {
    for t in jixiao::templates::TEMPLATES {
        let sheet = jixiao::load::load(t.json()).unwrap();
        let title = sheet.meta.title.as_str();
        assert!(
            title.ends_with('表') && !title.contains('（'),
            "{}: {title}",
            t.id
        );
    }
}
