//! The 自评报告 written from the table: every number in its text is the evaluation's (or what
//! the user typed), for every fixture, and it reads as the seeds write theirs.

use jixiao::engine::Calculator;
use jixiao::load::load;
use jixiao::model::{Node, Sheet};
use jixiao::narrative::{narrative, Span};
use std::collections::HashSet;
use std::path::Path;

fn fixtures() -> Vec<(String, Sheet)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut out: Vec<(String, Sheet)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.to_string_lossy();
            name.ends_with(".json") && !name.ends_with("expected.json")
        })
        .map(|p| {
            let sheet = load(&std::fs::read_to_string(&p).unwrap()).unwrap();
            (p.file_name().unwrap().to_string_lossy().to_string(), sheet)
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// Everything the user typed, one string to look pieces up in.
fn typed(sheet: &Sheet) -> String {
    fn walk(nodes: &[Node], out: &mut String) {
        for n in nodes {
            for t in [&n.name, &n.target, &n.actual, &n.unit, &n.reason] {
                out.push_str(t);
                out.push('\n');
            }
            if let Some(level) = n.level {
                out.push_str(level.label());
            }
            walk(&n.children, out);
        }
    }
    let m = &sheet.meta;
    let mut out = [
        &m.title,
        &m.unit,
        &m.project,
        &m.department,
        &m.goal,
        &m.achieved,
        &m.problems,
        &m.suggestions,
    ]
    .map(|s| s.as_str())
    .join("\n");
    for f in &sheet.funds {
        out.push_str(&f.name);
        out.push('\n');
    }
    walk(&sheet.indicators, &mut out);
    out
}

#[test]
fn every_number_in_the_report_is_the_evaluations() {
    for (name, sheet) in fixtures() {
        if !sheet.projects.is_empty() {
            continue; // a 汇总表 has no 自评报告
        }
        let report = Calculator::new(sheet.clone()).report();
        let mut figures: HashSet<String> = HashSet::new();
        for n in &report.nodes {
            figures.extend(
                [&n.weight, &n.score, &n.rate]
                    .into_iter()
                    .flatten()
                    .cloned(),
            );
        }
        for f in &report.funds {
            figures.extend(
                [
                    &f.initial, &f.budget, &f.spent, &f.rate, &f.weight, &f.score,
                ]
                .into_iter()
                .flatten()
                .cloned(),
            );
        }
        figures.extend(
            [&report.totals.total, &report.totals.grade]
                .into_iter()
                .flatten()
                .cloned(),
        );
        let derivations: HashSet<String> = report
            .nodes
            .iter()
            .filter_map(|n| n.derivation.clone())
            .chain(report.totals.rescale.iter().map(|r| r.text.clone()))
            .collect();
        let typed = typed(&sheet);
        let text = narrative(&sheet);
        let mut figures_seen = 0;
        for section in &text.sections {
            for p in &section.paragraphs {
                for span in &p.spans {
                    match span {
                        Span::Words(t) => assert!(
                            !t.chars().any(|c| c.is_ascii_digit() || c == '%'),
                            "{name}: a number in the report's own words: {t:?}"
                        ),
                        Span::Figure(f) => {
                            figures_seen += 1;
                            assert!(figures.contains(f), "{name}: {f} is not the evaluation's")
                        }
                        Span::Derivation(d) => {
                            assert!(derivations.contains(d), "{name}: {d}")
                        }
                        Span::Typed(t) => {
                            assert!(typed.contains(t.as_str()), "{name}: {t:?} was not typed")
                        }
                    }
                }
            }
        }
        assert!(figures_seen > 0, "{name}: the report has figures");
    }
}

#[test]
fn seed003_reads_as_its_report_does() {
    let (_, sheet) = fixtures()
        .into_iter()
        .find(|(n, _)| n.starts_with("seed003"))
        .unwrap();
    let text = narrative(&sheet);
    assert_eq!(
        text.title,
        "2021年度广州市白云区人民政府石井街道办事处部门整体支出绩效自评报告"
    );
    let headings: Vec<&str> = text.sections.iter().map(|s| s.heading.as_str()).collect();
    assert_eq!(
        headings,
        [
            "一、基本情况",
            "二、绩效目标及完成情况",
            "三、自评结论",
            "四、存在的问题及原因",
            "五、改进措施"
        ]
    );
    let conclusion: Vec<String> = text.sections[2]
        .paragraphs
        .iter()
        .map(|p| p.text())
        .collect();
    assert_eq!(
        conclusion[0],
        "经自评，广州市白云区人民政府石井街道办事处总分90.25分，等级为“优”。"
    );
    assert!(
        conclusion
            .iter()
            .any(|p| p == "预算完成率为93.66%，未达100%，计算得1.87分。"),
        "{conclusion:#?}"
    );
    // A 加减分 item with nothing added or taken lost no points.
    assert!(
        !conclusion.iter().any(|p| p.contains("无加分项")),
        "{conclusion:#?}"
    );
}

/// The parts of a written .docx, by name.
fn parts(bytes: &[u8]) -> std::collections::HashMap<String, String> {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut file = zip.by_index(i).unwrap();
            let mut text = String::new();
            file.read_to_string(&mut text).unwrap();
            (file.name().unwrap().to_string(), text)
        })
        .collect()
}

/// The text of each paragraph of a WordprocessingML document, failing on XML that is not
/// well-formed; and how many table rows it has.
fn paragraphs(xml: &str) -> (Vec<String>, usize) {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let (mut out, mut rows, mut current, mut in_text) = (Vec::new(), 0, String::new(), false);
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) if e.name().as_ref() == "w:t" => in_text = true,
            Event::End(e) if e.name().as_ref() == "w:t" => in_text = false,
            Event::Text(t) if in_text => current.push_str(&t.xml10_content()),
            Event::GeneralRef(r) if in_text => {
                current.push_str(match &*r {
                    "amp" => "&",
                    "lt" => "<",
                    "gt" => ">",
                    "quot" => "\"",
                    other => panic!("unexpected entity {other}"),
                });
            }
            Event::End(e) if e.name().as_ref() == "w:p" => out.push(std::mem::take(&mut current)),
            Event::End(e) if e.name().as_ref() == "w:tr" => rows += 1,
            Event::Eof => break,
            _ => {}
        }
    }
    (out, rows)
}

#[test]
fn the_report_as_a_word_document() {
    for (name, sheet) in fixtures() {
        if !sheet.projects.is_empty() {
            continue;
        }
        let bytes = jixiao::xlsx::report_to_docx(&sheet).unwrap();
        let parts = parts(&bytes);
        let mut names: Vec<&str> = parts.keys().map(String::as_str).collect();
        names.sort_unstable();
        assert_eq!(
            names,
            ["[Content_Types].xml", "_rels/.rels", "word/document.xml"]
        );
        let (text, rows) = paragraphs(&parts["word/document.xml"]);
        let expected = narrative(&sheet);
        assert_eq!(text[0], expected.title, "{name}");
        // Every paragraph of the report, in order, then the appendix.
        let written: Vec<String> = expected
            .sections
            .iter()
            .flat_map(|s| {
                std::iter::once(s.heading.clone()).chain(s.paragraphs.iter().map(|p| p.text()))
            })
            .collect();
        assert_eq!(text[1..=written.len()], written[..], "{name}");
        let report = Calculator::new(sheet.clone()).report();
        assert_eq!(
            rows,
            report.nodes.len() + 2,
            "{name}: header, every row, 总分"
        );
        assert!(text.last().unwrap().starts_with("自评等级："), "{name}");
    }
}
