//! A workbook: several evaluated sheets (projects) and their 汇总表 in one file.
//!
//! The 汇总表 has two kinds of rows: one per sheet of the workbook, derived from that sheet's
//! evaluation whenever it is shown (never stored, so it cannot fall out of date; the engine
//! computes them, `engine/projects.rs`), and rows typed directly (projects evaluated
//! elsewhere, as in seed 000), kept in `summary.projects`.

use crate::model::{Sheet, SheetKind};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

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

/// A 单位 or 项目 name as people mean it: the one comparison of whether two sheets or rows
/// are one project (a 汇总表's rows, `summary::same_projects`; a workbook's sheets,
/// `engine::projects`; last year's sheet, `engine::last_year`; a workbook read back from its
/// forms; a 汇总表 file batched beside the sheets it was made from). A full-width letter,
/// digit or sign is its ASCII form (（本级） is (本级), ２０２３ is 2023), curly quotes are
/// straight, and spaces of every kind, the full-width U+3000 and the no-break U+00A0 among
/// them, are left out. Only compared, never shown: a name is shown as typed. Borrowed when the
/// name is so already.
pub fn name_key(name: &str) -> Cow<'_, str> {
    let meant = |c: char| match c {
        c if c.is_whitespace() || c == '\u{200b}' || c == '\u{feff}' => None,
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0),
        '“' | '”' => Some('"'),
        '‘' | '’' => Some('\''),
        c => Some(c),
    };
    if name.chars().all(|c| meant(c) == Some(c)) {
        Cow::Borrowed(name)
    } else {
        Cow::Owned(name.chars().filter_map(meant).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::name_key;

    /// Names one project's: as people mean them, whatever the width of the brackets, digits
    /// and letters, the quotes, or the spaces typed.
    #[test]
    fn names_are_compared_as_people_mean_them() {
        for (a, b, same) in [
            ("昌华街道办事处（本级）", "昌华街道办事处(本级)", true),
            ("昌华街道办事处（本级）", "昌华街道 办事处（本级）", true),
            (
                "昌华街道办事处（本级）",
                " 昌华街道办事处\u{3000}（本级）\u{a0}",
                true,
            ),
            ("２０２３年ＰＰＰ项目", "2023年PPP项目", true),
            ("“厕所革命”专项", "\"厕所革命\"专项", true),
            ("甲单位", "乙单位", false),
            ("昌华街道办事处（本级）", "昌华街道办事处【本级】", false),
            ("PPP项目", "ppp项目", false),
        ] {
            assert_eq!(name_key(a) == name_key(b), same, "{a} / {b}");
        }
        // Shown as typed: only a name that differs from its key is copied.
        assert!(matches!(
            name_key("石井街道"),
            std::borrow::Cow::Borrowed(_)
        ));
    }
}
