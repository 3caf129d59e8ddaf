//! Evaluation of any sheet the page can build, then any sequence of edits: nothing panics,
//! and after every edit the incremental result equals a fresh evaluation of the saved sheet.
#![no_main]
use arbitrary::{Arbitrary, Unstructured};
use jixiao::diagnostic::Field;
use jixiao::engine::Calculator;
use jixiao::model::{Node, Sheet, SheetKind};
use libfuzzer_sys::fuzz_target;

/// Cell texts people type, mixed with whatever the fuzzer makes up.
const TEXTS: &[&str] = &[
    "", "0", "-0", "100", "95%", "≥90%", "1,401.84", "23,460.84", "不超过3天", "3.5天", "无",
    "是", "否", "2次", "—", "1e400", "99999999999999999999999999999", "0.000000001", "７８．５",
    "达成", "部分达成", "未达成", "true", "{\"kind\":\"step\",\"step\":\"5%\",\"points\":\"0.5\"}",
    "{\"kind\":\"interval\",\"bands\":[{\"min\":\"90%\",\"points\":\"5\"},{\"max\":\"90%\",\"points\":\"1\"}]}",
    "{\"kind\":\"per_occurrence\",\"points\":\"1\"}", "{\"kind\":\"yes_no\"}", "{\"kind\":\"manual\"}",
    "{\"kind\":\"adjustment\",\"bound\":\"5\"}", "{\"kind\":\"ratio\",\"lower\":\"ratio\"}",
    "{\"kind\":\"budget_execution\"}", "≤", "=", "定性", "<", ">",
];

const FIELDS: &[Field] = &[
    Field::Weight,
    Field::Target,
    Field::Actual,
    Field::Score,
    Field::NotApplicable,
    Field::Comparison,
    Field::Level,
    Field::Rule,
    Field::Reason,
];

fn text(u: &mut Unstructured) -> arbitrary::Result<String> {
    if u.ratio(3, 4)? {
        Ok(TEXTS[u.choose_index(TEXTS.len())?].to_string())
    } else {
        <&str>::arbitrary(u).map(str::to_string)
    }
}

fn node(u: &mut Unstructured, depth: u32) -> arbitrary::Result<Node> {
    let mut n = if depth < 3 && u.ratio(1, 3)? {
        let count = u.int_in_range(0..=4)?;
        let children = (0..count)
            .map(|_| node(u, depth + 1))
            .collect::<arbitrary::Result<Vec<_>>>()?;
        Node::group("组", &text(u)?, children)
    } else {
        Node::leaf("指标", &text(u)?, None)
    };
    let edits = u.int_in_range(0..=3)?;
    for _ in 0..edits {
        apply(&mut n, FIELDS[u.choose_index(FIELDS.len())?], text(u)?);
    }
    Ok(n)
}

/// Sets a field on a node before the sheet is built, as a file could hold it.
fn apply(n: &mut Node, field: Field, value: String) {
    match field {
        Field::Weight => n.weight = value.into(),
        Field::Target => n.target = value.into(),
        Field::Actual => n.actual = value.into(),
        Field::Score => n.score = value.into(),
        Field::Reason => n.reason = value.into(),
        Field::Level => n.level = jixiao::model::Level::parse(&value),
        Field::NotApplicable => n.not_applicable = value == "true",
        Field::Rule => n.rule = serde_json::from_str(&value).ok(),
        Field::Comparison => n.comparison = serde_json::from_str(&format!("\"{value}\"")).ok(),
        _ => {}
    }
}

fn run(u: &mut Unstructured) -> arbitrary::Result<()> {
    let mut sheet = Sheet::new(if u.arbitrary()? { SheetKind::Department } else { SheetKind::Project });
    let count = u.int_in_range(1..=6)?;
    for _ in 0..count {
        sheet.indicators.push(node(u, 0)?);
    }
    if u.arbitrary()? {
        sheet.settings.total_weight = text(u)?;
    }
    let mut calc = Calculator::new(sheet);
    let _ = calc.report();
    let edits = u.int_in_range(0..=8)?;
    for _ in 0..edits {
        if calc.is_empty() {
            break;
        }
        let id = u.choose_index(calc.len())?;
        let field = FIELDS[u.choose_index(FIELDS.len())?];
        let value = text(u)?;
        if calc.set(id, field, &value).is_ok() {
            let fresh = Calculator::new(calc.to_sheet());
            assert_eq!(calc.total(), fresh.total(), "total after setting {field:?} to {value:?}");
            assert_eq!(calc.diagnostics(), fresh.diagnostics(), "diagnostics after {field:?}");
            assert_eq!(calc.severity_counts(), fresh.severity_counts(), "counts after {field:?}");
        }
    }
    Ok(())
}

fuzz_target!(|data: &[u8]| {
    let _ = run(&mut Unstructured::new(data));
});
