//! A workbook: several evaluated sheets (projects) and their 汇总表 in one file.
//!
//! The 汇总表 has two kinds of rows: one per sheet of the workbook, derived from that sheet's
//! evaluation whenever it is shown (never stored, so it cannot fall out of date; the engine
//! computes them, `engine/projects.rs`), and rows typed directly (projects evaluated
//! elsewhere, as in seed 000), kept in `summary.projects`.

use crate::model::{Sheet, SheetKind};
use serde::{Deserialize, Serialize};

/// The value of the `format` field of a workbook file.
pub const WORKBOOK_FORMAT: &str = "jixiao-workbook";
/// The workbook format version this build writes.
pub const WORKBOOK_VERSION: u32 = 2;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Workbook {
    pub format: String,
    pub version: u32,
    /// The workbook's name (e.g. "2023年度荔湾区重点评价").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// The evaluated sheets, one per project.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sheets: Vec<Sheet>,
    /// The 汇总表: its settings, meta and the rows typed directly.
    pub summary: Sheet,
}

impl Workbook {
    pub fn new(name: &str) -> Workbook {
        Workbook {
            format: WORKBOOK_FORMAT.to_string(),
            version: WORKBOOK_VERSION,
            name: name.to_string(),
            sheets: Vec::new(),
            summary: Sheet::new(SheetKind::Summary),
        }
    }

    /// Writes the canonical JSON form.
    pub fn to_json(&self) -> String {
        crate::model::pretty(&serde_json::to_string(self).unwrap_or_default())
    }
}
