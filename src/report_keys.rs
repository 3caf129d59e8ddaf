//! How the 自评报告 knows its paragraphs, so that a rewrite finds its paragraph again: by what
//! the paragraph is written about. The report (`narrative.rs`) names them here, and the
//! calculator (`engine`) keeps the user's rewrites under these keys.
//!
//! A rewrite of a paragraph written about an indicator row is kept under the row's id
//! ([`id_key`], `goals/row/@服务对象满意度-1`), the row given one when the rewrite is first kept
//! (`Calculator::set_report_paragraph`): an id moves with its row and nothing else changes it,
//! whereas a name says nothing of which row a rewrite was about once two rows have it (seed 001
//! has 采购意向公开合规性 twice), and a row's order among the rows of its name changes when a
//! row is moved, inserted, pasted, deleted or renamed. Kept by the name, a row of that name
//! inserted above by any of these (a paste, an undone delete) would take the rewrite. Kept by
//! the id, a rename carries nothing for a row, and no edit has to be caught before it moves
//! one. On the page a row whose name is its own is still known by its name
//! (`goals/row/服务对象满意度`), rows that share one by their ids, and a row of a shared name
//! without an id by its order among them ([`nth_key`], `…#2`), which only a sheet without
//! rewrites has (while the sheet keeps any, every row that shares its name has an id).
//!
//! A file may keep a row's rewrite under a name: one written before rewrites were kept by
//! ids, or by hand (docs/FORMAT.md). Loaded, a rewrite kept under a name only one row has
//! is that row's, and one under a key an earlier version numbered among the paragraphs of one
//! section (`…#2`, the 2nd of that section's paragraphs of rows of that name) is the row the
//! report finds in that place still (`narrative::legacy_keys`): the calculator moves it to the
//! row's id (`Calculator::bind_report_keys`; in the page, the spreadsheet module's, which holds
//! the report writer the calculator's own module leaves out). One kept under a name no row has
//! stays where it is, set aside, until a row takes the name.
//!
//! 资金 rows and lines of 主要问题 or 改进建议 have no ids: a 资金 row's paragraph is known by
//! its name, a line by its words, and a rename carries its rewrite ([`rename`],
//! [`retype_line`]) when the names say unambiguously which is whose. Two 资金 rows of one name
//! are told apart by their order (`…#2`).

use crate::model::{ReportEdit, ReportPiece};

/// A 一级 or 二级 group heading its indicators in 二、绩效目标及完成情况.
pub const GROUP: &str = "goals/group/";
/// An indicator in 二、绩效目标及完成情况.
pub const INDICATOR: &str = "goals/row/";
/// An indicator's score in 三、自评结论.
pub const SCORE: &str = "conclusion/score/";
/// An indicator's reason for lost points in 四、存在的问题.
pub const REASON: &str = "problems/reason/";
/// An indicator's target met many times over, in 四、存在的问题.
pub const TARGET: &str = "problems/target/";
/// A 资金 row in 一、基本情况.
pub const FUNDS: &str = "basics/funds/";

/// The sections whose lines of typed text are paragraphs: 主要问题 in 四、存在的问题,
/// 改进建议 in 五、改进措施.
pub const PROBLEMS: &str = "problems";
pub const MEASURES: &str = "measures";

/// Every paragraph written about one indicator row.
pub const ROW: [&str; 5] = [GROUP, INDICATOR, SCORE, REASON, TARGET];

/// The paragraph of 三、自评结论 that gives each 一级 group's score: its parts are known by the
/// group's name (`score:产出指标`), so that a group moved keeps its figures.
pub const GROUPS: &str = "conclusion/groups";
/// A 一级 group's parts in [`GROUPS`]: its name, score, 分值 and the 分值 of its indicators
/// marked 不适用.
pub const GROUP_NAME: &str = "name:";
pub const GROUP_SCORE: &str = "score:";
pub const GROUP_WEIGHT: &str = "weight:";
pub const GROUP_NOT_APPLICABLE: &str = "not_applicable:";
const GROUP_PARTS: [&str; 4] = [GROUP_NAME, GROUP_SCORE, GROUP_WEIGHT, GROUP_NOT_APPLICABLE];

/// What was renamed.
#[derive(Clone, Copy)]
pub enum Renamed {
    /// An indicator row or a group.
    Row,
    /// A 资金 row.
    Funds,
}

/// The key of the paragraph `prefix` (one of the lists above) written about `name`.
pub fn key(prefix: &str, name: &str) -> String {
    format!("{prefix}{}", name.trim())
}

/// The key of the paragraph `prefix` written about the row whose id is `id`, where rows share
/// its name.
pub fn id_key(prefix: &str, id: &str) -> String {
    format!("{prefix}@{}", id.trim())
}

/// The key of the paragraph `prefix` written about the `nth` (from 1) of the rows named `name`
/// while it has no id: the first is known by the name alone.
pub fn nth_key(prefix: &str, name: &str, nth: usize) -> String {
    if nth > 1 {
        format!("{}#{nth}", key(prefix, name))
    } else {
        key(prefix, name)
    }
}

/// A name and order as [`nth_key`] writes them: `X#2` → (`X`, 2), `X` → (`X`, 1).
pub fn split_nth(rest: &str) -> (&str, usize) {
    rest.rsplit_once('#')
        .and_then(|(name, n)| Some((name, n.parse::<usize>().ok().filter(|n| *n > 1)?)))
        .unwrap_or((rest, 1))
}

/// The key of the paragraph a line of typed text gives (`problems`, `measures`).
pub fn line_key(section: &str, line: &str) -> String {
    format!("{section}/typed/{}", line.trim())
}

/// The non-blank lines of typed text, each a paragraph of the report.
pub fn lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines().map(str::trim).filter(|l| !l.is_empty())
}

/// A row or a 资金 row renamed from `old` to `new`, `names` being every such row's name after
/// the edit: a 资金 row's rewrites, and a group's parts in [`GROUPS`], move to the new name
/// when the name was this row's alone and the new one is. An indicator row's rewrites are kept
/// under its id, which a rename leaves as it is: one kept under a name is a deleted row's, and
/// stays there.
pub fn rename<'a>(
    edits: &mut [ReportEdit],
    what: Renamed,
    names: impl Iterator<Item = &'a str>,
    old: &str,
    new: &str,
) {
    let (old, new) = (old.trim(), new.trim());
    // A row without a name has no paragraph of its own to take or give.
    if edits.is_empty() || old == new || old.is_empty() || new.is_empty() {
        return;
    }
    let (mut olds, mut news) = (0, 0);
    for name in names.map(str::trim) {
        olds += usize::from(name == old);
        news += usize::from(name == new);
    }
    if olds != 0 || news != 1 {
        return;
    }
    match what {
        Renamed::Funds => move_keys(edits, &[FUNDS], old, new),
        Renamed::Row => {
            let groups = edits.iter_mut().filter(|e| e.key == GROUPS);
            for piece in groups.flat_map(|e| &mut e.text) {
                if let ReportPiece::Table(part) = piece {
                    if let Some(to) = GROUP_PARTS
                        .iter()
                        .find(|p| *part == key(p, old))
                        .map(|p| key(p, new))
                    {
                        *part = to;
                    }
                }
            }
        }
    }
}

/// Moves the rewrites under `old`'s keys to `new`'s. A rewrite already kept under a new key (a
/// paragraph of a deleted row of that name) keeps it, and the one moving stays where it is.
fn move_keys(edits: &mut [ReportEdit], prefixes: &[&str], old: &str, new: &str) {
    for prefix in prefixes {
        let (from, to) = (key(prefix, old), key(prefix, new));
        if edits.iter().any(|e| e.key == to) {
            continue;
        }
        if let Some(e) = edits.iter_mut().find(|e| e.key == from) {
            e.key = to;
        }
    }
}

/// Moves the rewrite of a line of `section`'s typed text when the edit changed one line and
/// kept the others, and the line is still mostly what it was: a line of 主要问题 corrected
/// keeps its paragraph's rewrite. A line added, removed or repeated, several lines changed at
/// once (a paste), or a line replaced by another (资金拨付较慢 → 资产管理不规范) moves nothing:
/// a line has nothing to be known by but its words.
pub fn retype_line(edits: &mut [ReportEdit], section: &str, old: &str, new: &str) {
    if edits.is_empty() {
        return;
    }
    let (before, after): (Vec<&str>, Vec<&str>) = (lines(old).collect(), lines(new).collect());
    if before.len() != after.len() {
        return;
    }
    let mut changed = before.iter().zip(&after).filter(|(b, a)| b != a);
    let (Some((from, to)), None) = (changed.next(), changed.next()) else {
        return;
    };
    let once = |lines: &[&str], line: &str| lines.iter().filter(|l| **l == line).count() == 1;
    if once(&before, from) && once(&after, to) && corrected(from, to) {
        let prefix = format!("{section}/typed/");
        move_keys(edits, &[prefix.as_str()], from, to);
    }
}

/// Whether `to` is `from` corrected rather than another line: what they begin and end with
/// in common is at least half the shorter.
fn corrected(from: &str, to: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (from.chars().collect(), to.chars().collect());
    let shorter = a.len().min(b.len());
    let head = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let tail = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take(shorter - head)
        .take_while(|(x, y)| x == y)
        .count();
    (head + tail) * 2 >= shorter
}
