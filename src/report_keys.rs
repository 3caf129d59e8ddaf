//! How the 自评报告 knows its paragraphs, so that a rewrite finds its paragraph again: by what
//! the paragraph is written about. A row's paragraphs are known by the row's name
//! (`goals/row/服务对象满意度`), a 资金 row's by its name, a line of 主要问题 or 改进建议 by its
//! words. The report (`narrative.rs`) names them here, and an edit of the table that renames
//! one of them (`engine`) moves the user's rewrite to the new name: otherwise renaming a row, or
//! correcting a word in a line of 主要问题, would leave the rewrite behind, at the end of its
//! section with its figures gone.
//!
//! Rows that share a name (seed 001 has 采购意向公开合规性 twice) are told apart by their ids
//! instead ([`id_key`], `goals/row/@采购意向公开合规性-2`): a name says nothing of which of them
//! a rewrite was about, and their order changes when a row is moved, inserted or deleted, or
//! (among the paragraphs of one section) when another row's score changes. An id moves with its
//! row and nothing else changes it. A row of a shared name that has no id yet is known by its
//! order among them ([`nth_key`], `…#2`) until a rewrite is kept for it, when the calculator
//! gives it one. A row whose name is its own keeps the name key, which a file without ids
//! has and a rename carries. Files written before this kept such rewrites under keys numbered
//! among the section's paragraphs (`…#2`): the report still finds them by that numbering, and
//! they stay under those keys.

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
/// A 一级 group's parts in [`GROUPS`]: its name, score and 分值.
pub const GROUP_NAME: &str = "name:";
pub const GROUP_SCORE: &str = "score:";
pub const GROUP_WEIGHT: &str = "weight:";
const GROUP_PARTS: [&str; 3] = [GROUP_NAME, GROUP_SCORE, GROUP_WEIGHT];

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

/// A row renamed from `old` to `new`, `names` being every such row's name after the edit: the
/// rewrites of its paragraphs (and a group's parts in [`GROUPS`]) move to the new name when the name was this row's
/// alone and the new one is. Among rows of one name, which paragraph is whose goes by their
/// order, which a rename changes: those stay where they are.
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
            move_keys(edits, &ROW, old, new);
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
