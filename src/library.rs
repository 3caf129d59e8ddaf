//! The 指标库: indicators to start a row from, with the unit, comparison, typical target and
//! rule they are usually written with. Kept as data (`library/indicators.json`) and compiled
//! in: the five seeds' indicators, the templates' (the 重点评价 共性指标 among them) and the
//! common ones of a 项目支出 form's 产出 / 效益 / 满意度. A target is where a user starts, not a
//! standard: they change it to their plan.

use crate::comparison::Comparison;
use crate::model::Rule;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// An indicator of the library.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LibraryEntry {
    pub name: String,
    /// Where it usually stands: `产出指标/数量指标`.
    pub group: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub unit: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comparison: Option<Comparison>,
    /// A typical 年度指标值 (empty where only the plan can say: 单位成本, 受益人数).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub target: String,
    /// The rule, where the comparison does not decide it (是 / 否, scored by hand, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<Rule>,
    /// Where it comes from: `种子003`, `模板`, `常用`.
    pub source: String,
    /// What it measures, or how it is worked out.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// Every indicator of the library, in the file's order. The file is checked by the tests, so
/// reading it cannot fail.
pub fn entries() -> &'static [LibraryEntry] {
    static ENTRIES: OnceLock<Vec<LibraryEntry>> = OnceLock::new();
    ENTRIES.get_or_init(|| {
        serde_json::from_str(include_str!("../library/indicators.json"))
            .expect("the library is valid (checked by tests)")
    })
}

/// The indicators a typed name matches, best first, at most `limit`: the name itself, names
/// starting with it, names containing it, groups containing it (`满意度`), then names holding
/// its characters in order (`满意` finds `服务对象满意度`, `资金到位` finds `扶贫资金到位率`).
/// Spaces and quotation marks are ignored.
pub fn search(query: &str, limit: usize) -> Vec<&'static LibraryEntry> {
    let query = plain(query);
    if query.is_empty() {
        return Vec::new();
    }
    let mut found: Vec<(u8, usize, usize, &LibraryEntry)> = entries()
        .iter()
        .enumerate()
        .filter_map(|(k, e)| {
            let name = plain(&e.name);
            let rank = if name == query {
                0
            } else if name.starts_with(&query) {
                1
            } else if name.contains(&query) {
                2
            } else if plain(&e.group).contains(&query) {
                3
            } else if in_order(&query, &name) {
                4
            } else {
                return None;
            };
            Some((rank, name.chars().count(), k, e))
        })
        .collect();
    found.sort_unstable_by_key(|&(rank, len, k, _)| (rank, len, k));
    found.into_iter().take(limit).map(|(.., e)| e).collect()
}

fn plain(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '“' | '”' | '"' | '‘' | '’' | '\''))
        .collect()
}

/// Whether every character of `query` appears in `name`, in order.
fn in_order(query: &str, name: &str) -> bool {
    let mut rest = name.chars();
    query.chars().all(|q| rest.any(|c| c == q))
}
