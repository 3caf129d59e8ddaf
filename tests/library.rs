//! The 指标库: every seed's and template's indicator is in it, every entry written with its own
//! typical target scores in full, and a typed name finds what a user means.

use jixiao::diagnostic::{Location, Severity};
use jixiao::engine::Calculator;
use jixiao::library::{entries, search};
use jixiao::load::load;
use jixiao::model::{Node, Rule, Sheet, SheetKind};
use std::collections::HashSet;
use std::path::Path;

fn leaf_names(nodes: &[Node], out: &mut Vec<String>) {
    for n in nodes {
        if n.children.is_empty() {
            if !n.name.trim().is_empty() {
                out.push(n.name.trim().to_string());
            }
        } else {
            leaf_names(&n.children, out);
        }
    }
}

#[test]
fn every_indicator_of_the_seeds_and_templates_is_in_the_library() {
    let library: HashSet<&str> = entries().iter().map(|e| e.name.as_str()).collect();
    assert_eq!(library.len(), entries().len(), "each name once");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut names = Vec::new();
    for path in std::fs::read_dir(dir.join("tests/fixtures")).unwrap() {
        let path = path.unwrap().path();
        let file = path.file_name().unwrap().to_string_lossy().to_string();
        if file.starts_with("seed") && file.ends_with(".sheet.json") {
            let sheet = load(&std::fs::read_to_string(&path).unwrap()).unwrap();
            leaf_names(&sheet.indicators, &mut names);
        }
    }
    for t in jixiao::templates::TEMPLATES {
        leaf_names(&t.sheet().indicators, &mut names);
    }
    assert!(names.len() > 80, "{}", names.len());
    let missing: Vec<&String> = names
        .iter()
        .filter(|n| !library.contains(n.as_str()))
        .collect();
    assert!(missing.is_empty(), "not in the library: {missing:?}");
}

/// An entry as a one-row sheet, filled as a unit that met its target would fill it.
fn met(entry: &jixiao::library::LibraryEntry) -> Option<Sheet> {
    let mut node = Node {
        name: entry.name.as_str().into(),
        weight: "10".into(),
        unit: entry.unit.as_str().into(),
        comparison: entry.comparison,
        target: entry.target.as_str().into(),
        rule: entry.rule.clone(),
        ..Node::default()
    };
    match &entry.rule {
        Some(Rule::YesNo(_)) => node.actual = "是".into(),
        Some(Rule::BudgetExecution(_)) => {
            node.target = "100".into();
            node.actual = "100".into();
        }
        Some(Rule::Manual(_)) => node.score = "10".into(),
        Some(Rule::Adjustment(_)) => node.score = "0".into(),
        Some(Rule::PerOccurrence(_)) => node.actual = "0".into(), // nothing to deduct
        _ if node.comparison == Some(jixiao::comparison::Comparison::Qualitative) => {
            node.level = Some(jixiao::model::Level::Met);
            node.score = "10".into();
        }
        _ if entry.target.is_empty() => return None,
        _ => node.actual = entry.target.as_str().into(),
    }
    let mut sheet = Sheet::new(SheetKind::Department);
    sheet.indicators = vec![node];
    Some(sheet)
}

#[test]
fn every_entry_met_scores_in_full() {
    let mut tried = 0;
    for entry in entries() {
        let Some(sheet) = met(entry) else { continue };
        tried += 1;
        let calc = Calculator::new(sheet);
        let report = calc.report();
        let errors: Vec<&str> = report
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error && matches!(d.at, Location::Node { .. }))
            .map(|d| d.message.as_str())
            .collect();
        assert!(errors.is_empty(), "{}: {errors:?}", entry.name);
        // The library does not teach what the hints warn of.
        let hints: Vec<&str> = report
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Hint && matches!(d.at, Location::Node { .. }))
            .map(|d| d.code)
            .collect();
        assert!(hints.is_empty(), "{}: {hints:?}", entry.name);
        let expected = if matches!(entry.rule, Some(Rule::Adjustment(_))) {
            "0.00" // a 加减分 item with nothing added or taken
        } else {
            "10.00"
        };
        assert_eq!(
            report.nodes[0].score.as_deref(),
            Some(expected),
            "{} as {:?}",
            entry.name,
            report.nodes[0]
        );
    }
    assert!(tried > 90, "{tried}");
}

fn names(query: &str, limit: usize) -> Vec<&'static str> {
    search(query, limit)
        .into_iter()
        .map(|e| e.name.as_str())
        .collect()
}

#[test]
fn a_typed_name_finds_what_the_user_means() {
    // The example: 满意度 offers 服务对象满意度 ≥ 90% first.
    let first = search("满意度", 8)[0];
    assert_eq!(
        (
            first.name.as_str(),
            first.comparison.map(|c| c.symbol()),
            first.target.as_str()
        ),
        ("服务对象满意度", Some("≥"), "90%")
    );
    assert_eq!(names("满意度", 8).len(), 5);
    assert!(names("满意度", 8).contains(&"城市环境提升满意度"));
    // The name itself first, then names starting with it, then containing it.
    assert_eq!(names("资金到位率", 3), ["资金到位率", "扶贫资金到位率"]);
    assert_eq!(names("预算执行", 3)[0], "预算执行率");
    // Quotation marks and spaces are not the user's to match.
    let sangong = names("三公", 8);
    assert!(sangong.contains(&"三公经费控制率"), "{sangong:?}");
    assert!(sangong.contains(&"“三公”经费控制情况"), "{sangong:?}");
    assert!(sangong.contains(&"“三公经费”控制率"), "{sangong:?}");
    // A group finds its indicators; characters in order find a longer name.
    assert!(names("时效指标", 8).contains(&"资金拨付及时率"));
    assert!(names("受益满意", 8).contains(&"受益群众满意度"));
    // At most `limit`; nothing for nothing.
    assert_eq!(names("率", 5).len(), 5);
    assert!(names("", 8).is_empty());
    assert!(names("   ", 8).is_empty());
    assert!(names("量子计算机", 8).is_empty());
}
