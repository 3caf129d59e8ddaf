//! An [`Update`] as JSON text, written directly rather than through serde_json.
//!
//! The page reads one at every keystroke. In the size-optimized wasm build, serde_json's writer
//! puts out an update one token at a time, each through a chain of calls: about 40% of a `set`.
//! Here the fixed parts of the text are written whole. The rare parts (a rescale, a changed
//! 比较方式, a finding in the settings) and text that needs escaping still go through
//! serde_json. The text is serde's, byte for byte: the tests compare them over many edits.

use super::report::{DiagnosticReport, NodeStatus, TotalReport, Update};
use crate::diagnostic::{Location, Severity};
use serde::Serialize;

impl Update {
    /// The update as JSON text, the same value [`Serialize`] writes.
    pub fn to_json(&self) -> String {
        let mut out = String::with_capacity(320 + 80 * self.changed.len());
        out.push_str(if self.full {
            r#"{"full":true,"changed":["#
        } else {
            r#"{"full":false,"changed":["#
        });
        for (k, row) in self.changed.iter().enumerate() {
            if k > 0 {
                out.push(',');
            }
            out.push_str(r#"{"index":"#);
            out.push_str(itoa::Buffer::new().format(row.index));
            out.push_str(r#","status":""#);
            out.push_str(status_name(row.status));
            out.push_str(r#"","weight":"#);
            text(&mut out, row.weight.as_deref());
            out.push_str(r#","score":"#);
            text(&mut out, row.score.as_deref());
            out.push_str(r#","rate":"#);
            text(&mut out, row.rate.as_deref());
            out.push('}');
        }
        out.push_str(r#"],"diagnostics":["#);
        for (k, d) in self.diagnostics.iter().enumerate() {
            if k > 0 {
                out.push(',');
            }
            diagnostic(&mut out, d);
        }
        out.push(']');
        totals(&mut out, &self.totals);
        out.push_str(r#","comparison_set":"#);
        match &self.comparison_set {
            None => out.push_str("null"),
            Some(change) => serde(&mut out, change),
        }
        out.push('}');
        out
    }
}

/// The totals as fields of the object being written, in [`TotalReport::write`]'s order.
fn totals(out: &mut String, t: &TotalReport) {
    out.push_str(r#","total":"#);
    text(out, t.total.as_deref());
    out.push_str(r#","raw_total":"#);
    text(out, t.raw_total.as_deref());
    out.push_str(r#","grade":"#);
    text(out, t.grade.as_deref());
    out.push_str(r#","final_grade":"#);
    text(out, t.final_grade());
    out.push_str(if t.complete {
        r#","complete":true,"rescale":"#
    } else {
        r#","complete":false,"rescale":"#
    });
    match &t.rescale {
        None => out.push_str("null"),
        Some(rescale) => serde(out, rescale),
    }
    out.push_str(r#","top_weight":"#);
    text(out, Some(&t.top_weight));
    for (name, n) in [
        (r#","errors":"#, t.errors),
        (r#","warnings":"#, t.warnings),
        (r#","hints":"#, t.hints),
        (r#","scored":"#, t.scored as usize),
        (r#","unscored":"#, t.unscored as usize),
    ] {
        out.push_str(name);
        out.push_str(itoa::Buffer::new().format(n));
    }
}

/// A finding as serde writes it, its location's fields flattened into it.
fn diagnostic(out: &mut String, d: &DiagnosticReport) {
    out.push_str(match d.severity {
        Severity::Error => r#"{"severity":"error","code":"#,
        Severity::Warning => r#"{"severity":"warning","code":"#,
        Severity::Info => r#"{"severity":"info","code":"#,
        Severity::Hint => r#"{"severity":"hint","code":"#,
    });
    text(out, Some(d.code));
    match d.at {
        Location::Sheet => out.push_str(r#","in":"sheet""#),
        Location::Node { node, field } => {
            out.push_str(r#","in":"node","node":"#);
            out.push_str(itoa::Buffer::new().format(node));
            out.push_str(r#","field":"#);
            serde(out, &field);
        }
        // The rarer places (settings, 资金 and 汇总表 rows): serde's object, its fields taken.
        other => {
            let mut fields = String::new();
            serde(&mut fields, &other);
            if let Some(inner) = fields.strip_prefix('{').and_then(|f| f.strip_suffix('}')) {
                out.push(',');
                out.push_str(inner);
            }
        }
    }
    out.push_str(r#","message":"#);
    text(out, Some(&d.message));
    out.push('}');
}

/// `null`, or a JSON string: figures and grades are written as they are; text with a quote, a
/// backslash or a control character is escaped by serde_json.
fn text(out: &mut String, value: Option<&str>) {
    match value {
        None => out.push_str("null"),
        Some(s) if !s.bytes().any(|b| b < 0x20 || b == b'"' || b == b'\\') => {
            out.push('"');
            out.push_str(s);
            out.push('"');
        }
        Some(s) => serde(out, s),
    }
}

fn serde<T: Serialize + ?Sized>(out: &mut String, value: &T) {
    // Writing to a String cannot fail, and the report types have no map keys that are not
    // text: serde_json has no error to give here.
    if let Ok(json) = serde_json::to_string(value) {
        out.push_str(&json);
    } else {
        out.push_str("null");
    }
}

/// The name serde writes for a status (`rename_all = "snake_case"`).
fn status_name(status: NodeStatus) -> &'static str {
    match status {
        NodeStatus::Group => "group",
        NodeStatus::Scored => "scored",
        NodeStatus::Unscored => "unscored",
        NodeStatus::NotApplicable => "not_applicable",
    }
}
