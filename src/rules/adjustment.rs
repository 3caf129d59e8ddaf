//! 加减分 (DOMAIN.md §4): a bonus or penalty entered in the score cell, within ±`bound`, added
//! to the total outside the rescaling of 不适用 rows.

use super::leaf::Leaf;
use super::{Kind, KindFinding, RuleFinding, Scored};
use crate::arith::{plain, Overflow};
use crate::derivation::Explained;
use crate::diagnostic::{Field, Problem, Severity};
use crate::model::{Node, Text};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Adjustment {
    #[serde(deserialize_with = "crate::model::text")]
    pub bound: Text,
}

/// The bonus or penalty as entered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Worked {
    value: Decimal,
    bound: Decimal,
}

/// What only 加减分 finds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Finding {
    /// A bonus or penalty beyond its bound.
    OutOfBound { bound: Decimal },
    /// Written both ways: `加-1`, `加分，扣0.5分`.
    TwoWays { text: String },
    /// A figure typed where the actual goes (`扣1分`, as a form's 实际完成值 column invites),
    /// with the score cell blank: counted nowhere, it would leave the total as if nothing was
    /// added or taken off.
    Elsewhere { text: String },
}

impl KindFinding for Finding {
    fn code(&self) -> &'static str {
        match self {
            Finding::OutOfBound { .. } => "adjustment_out_of_bound",
            Finding::TwoWays { .. } => "adjustment_two_ways",
            Finding::Elsewhere { .. } => "adjustment_elsewhere",
        }
    }

    fn severity(&self) -> Severity {
        Severity::Error
    }

    fn write(&self, field: &str, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Finding::OutOfBound { bound } => {
                write!(f, "加减分应在−{0}到+{0}分之间", plain(*bound))
            }
            Finding::TwoWays { text } => write!(
                f,
                "“{text}”既像加分又像扣分：扣分请写作 -1 或 扣1分，加分写作 1 或 加1分"
            ),
            Finding::Elsewhere { text } => write!(
                f,
                "加减分填在{field}中的“{text}”未计入总分：请把它填在本行的得分栏（扣分写作 -1 或 扣1分，加分写作 1 或 加1分）"
            ),
        }
    }
}

/// Which way a score cell's words say a figure goes: 扣1分, 减0.5分, 扣除1分, 减分1, 1（扣分）
/// take it off; 加1分, 加分1 add it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Change {
    Add,
    Deduct,
    Both,
}

/// The way a score cell's words send its figure, if they say one (see [`Change`]). The item's
/// own name (加减分) says neither, nor does a word denied (未扣分, 不扣分, 无加减分).
pub(crate) fn written_change(text: &str) -> Option<Change> {
    let text = text.replace("加减分", "").replace("加减", "");
    let chars: Vec<char> = text.chars().collect();
    let said = |words: &[char]| {
        chars.iter().enumerate().any(|(i, c)| {
            words.contains(c) && !(i > 0 && matches!(chars[i - 1], '未' | '不' | '无' | '没'))
        })
    };
    let deduct = said(&['扣', '减']);
    let add = said(&['加']);
    match (add, deduct) {
        (true, true) => Some(Change::Both),
        (true, false) => Some(Change::Add),
        (false, true) => Some(Change::Deduct),
        (false, false) => None,
    }
}

/// A figure of the 加减分 typed in the row's 实际完成值 instead of its score: the cell is a
/// change and nothing else, a non-zero number with its sign or its word (`扣1分`, `-1`, `+0.5`,
/// `减 0.5 分`, `扣一分`). Anything more is a note (`较上年减少2起违纪`, `无加分和减分事项`,
/// `0`, `1`), and the 年度指标值 is where a bound is written (`≤5分`).
fn typed_elsewhere(node: &Node) -> Option<String> {
    let text = node.actual.trim();
    let Ok(crate::cell::Cell::Number(q)) = crate::cell::parse_cell(text) else {
        return None;
    };
    let bare = text.chars().all(|c| {
        c.is_ascii_digit()
            || c.is_whitespace()
            || "+-−.．分扣减除加负（）()一二三四五六七八九十两半".contains(c)
    });
    let signed = written_change(text).is_some() || text.starts_with(['+', '-', '−', '负']);
    (bare && signed && !q.value.is_zero()).then(|| text.to_string())
}

impl Kind for Adjustment {
    const NAME: &'static str = "adjustment";
    const LABEL: &'static str = "加减分";
    type Worked = Worked;
    type Finding = Finding;

    #[inline(never)]
    fn score(
        &self,
        leaf: &mut Leaf,
        _weight: Option<Decimal>,
    ) -> Result<Option<Scored<Worked>>, Overflow> {
        let bound = leaf.parameter(&self.bound);
        // A bound the score's places cannot write: a change at it would be rounded past it
        // (2.5 typed under a bound of 2.5 scored 3 where scores are whole numbers).
        let bound = bound.filter(|b| leaf.writable(Field::Rule, b.value, true));
        let value = match leaf.optional(Field::Score, &leaf.node.score) {
            // 扣1分 is −1: the words say which way, never a second sign (扣-1分).
            Ok(Some(q)) => match written_change(&leaf.node.score) {
                None => Some(q.value),
                Some(Change::Add) if !q.value.is_sign_negative() => Some(q.value),
                Some(Change::Deduct) => Some(-q.value.abs()),
                Some(_) => {
                    let text = leaf.node.score.trim().to_string();
                    leaf.find(
                        Field::Score,
                        Problem::Rule(RuleFinding::Adjustment(Finding::TwoWays { text })),
                    );
                    None
                }
            },
            Ok(None) => match typed_elsewhere(leaf.node) {
                Some(text) => {
                    leaf.find(
                        Field::Actual,
                        Problem::Rule(RuleFinding::Adjustment(Finding::Elsewhere { text })),
                    );
                    None
                }
                None => Some(Decimal::ZERO),
            },
            Err(()) => None,
        };
        let (Some(bound), Some(value)) = (bound, value) else {
            return Ok(None);
        };
        if value.abs() > bound.value {
            leaf.find(
                Field::Score,
                Problem::Rule(RuleFinding::Adjustment(Finding::OutOfBound {
                    bound: bound.value,
                })),
            );
            return Ok(None);
        }
        let value = leaf.round(value);
        Ok(Some(Scored {
            score: value,
            rate: None,
            worked: Worked {
                value,
                bound: bound.value,
            },
        }))
    }

    fn explain(w: &Worked, _node: &Node) -> Explained {
        Explained::text(if w.value.is_zero() {
            "无加分项，无减分项，得0分".to_string()
        } else if w.value.is_sign_positive() {
            format!("加{}分（上限{}分）", plain(w.value), plain(w.bound))
        } else {
            format!("扣{}分（上限{}分）", plain(w.value.abs()), plain(w.bound))
        })
    }
}
