//! Every JSON example in docs/FORMAT.md is a complete sheet (or workbook): it loads,
//! round-trips, evaluates, and gives the figures written in the `<!-- expect … -->` comment
//! above it. A workbook is checked through its 汇总表.

use jixiao::engine::Calculator;
use jixiao::load::{load, load_document, Document};

#[test]
fn every_example_in_the_format_page_loads_and_gives_its_figures() {
    let page =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/FORMAT.md")).unwrap();
    let mut expect: Option<String> = None;
    let mut defaults_written_out = false;
    let mut block: Option<String> = None;
    let mut checked = 0;
    for line in page.lines() {
        if let Some(b) = block.as_mut() {
            if line == "```" {
                let json = block.take().unwrap();
                let sheet = match load_document(&json).unwrap_or_else(|e| panic!("{e}\n{json}")) {
                    Document::Sheet(_) => load(&json).unwrap(),
                    Document::Workbook(workbook) => {
                        assert_eq!(
                            workbook.to_json(),
                            json,
                            "examples are written in the canonical form"
                        );
                        workbook.summary_sheet()
                    }
                };
                let workbook = json.contains("\"jixiao-workbook\"");
                if workbook {
                    // Checked above, as a whole.
                } else if std::mem::take(&mut defaults_written_out) {
                    assert_eq!(load(&sheet.to_json()).unwrap(), sheet, "{json}");
                } else {
                    assert_eq!(
                        sheet.to_json(),
                        json,
                        "examples are written in the canonical form"
                    );
                }
                let report = Calculator::new(sheet).report();
                for item in expect.take().unwrap_or_default().split_whitespace() {
                    let (key, value) = item.split_once('=').unwrap();
                    match key {
                        "total" => {
                            assert_eq!(report.totals.total.as_deref(), Some(value), "{json}")
                        }
                        "grade" => {
                            assert_eq!(report.totals.grade.as_deref(), Some(value), "{json}")
                        }
                        "funds" => {
                            let rates: Vec<&str> = report
                                .funds
                                .iter()
                                .filter_map(|f| f.rate.as_deref())
                                .collect();
                            assert_eq!(rates.join(","), value);
                        }
                        "summary" => assert_eq!(
                            report.summary.as_ref().unwrap().totals.rate.as_deref(),
                            Some(value)
                        ),
                        other => panic!("unknown expectation {other}"),
                    }
                }
                // Apart from the 偏差原因 reminders, the examples are clean.
                let errors: Vec<&str> = report
                    .diagnostics
                    .iter()
                    .filter(|d| d.severity == jixiao::diagnostic::Severity::Error)
                    .map(|d| d.message.as_str())
                    .collect();
                assert!(errors.is_empty(), "{errors:?}\n{json}");
                checked += 1;
            } else {
                b.push_str(line);
                b.push('\n');
            }
            continue;
        }
        if line == "<!-- defaults written out -->" {
            defaults_written_out = true;
        } else if let Some(rest) = line.strip_prefix("<!-- expect ") {
            expect = Some(rest.trim_end_matches("-->").trim().to_string());
        } else if line == "```json" {
            block = Some(String::new());
        }
    }
    assert!(checked >= 8, "only {checked} examples found");
}
