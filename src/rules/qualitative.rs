//! 定性评价 (DOMAIN.md §4): a level is chosen (达成 / 部分达成 / 未达成) and the score entered by
//! hand, checked against the level's band of the weight W: [0.8W, W], [0.6W, 0.8W), [0, 0.6W),
//! or the edges the sheet's `qualitative_bands` set (80% / 50% in some provinces).
//! A row without a rule whose comparison is 定性 is scored this way.

use super::leaf::Leaf;
use super::{Kind, KindFinding, RuleFinding, Scored};
use crate::arith::{self, plain, Overflow};
use crate::derivation::{rounded_to, Explained};
use crate::diagnostic::{Field, Problem, Severity};
use crate::model::Node;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Qualitative {}

/// The level of a qualitative leaf and its band of the weight W.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Level {
    /// 达成: [0.8W, W].
    #[serde(
        rename = "达成",
        alias = "完全达成",
        alias = "全部达成",
        alias = "已达成"
    )]
    Met,
    /// 部分达成: [0.6W, 0.8W).
    #[serde(rename = "部分达成", alias = "基本达成")]
    Partly,
    /// 未达成: [0, 0.6W).
    #[serde(rename = "未达成", alias = "未完成")]
    NotMet,
}

impl Level {
    pub const ALL: [Level; 3] = [Level::Met, Level::Partly, Level::NotMet];

    pub fn label(self) -> &'static str {
        match self {
            Level::Met => "达成",
            Level::Partly => "部分达成",
            Level::NotMet => "未达成",
        }
    }

    /// A 定性 row's 实际完成值 cell as the forms and CSV write it (and the page shows it): the
    /// words typed where the actual goes with the level chosen after them in brackets
    /// (`2023-11-30前出台（达成）`), or either alone. [`Level::after_words`] reads it back.
    pub fn with_words(level: Option<Level>, words: &str) -> std::borrow::Cow<'_, str> {
        let words_trimmed = words.trim();
        match level {
            None => words.into(),
            Some(level) if words_trimmed.is_empty() || words_trimmed == level.label() => {
                level.label().into()
            }
            Some(level) => format!("{words_trimmed}（{}）", level.label()).into(),
        }
    }

    /// The words and the level of a cell written by [`Level::with_words`] with both.
    pub fn after_words(cell: &str) -> Option<(&str, Level)> {
        let cell = cell.trim();
        let inner = cell
            .strip_suffix('）')
            .and_then(|c| c.rsplit_once('（'))
            .or_else(|| cell.strip_suffix(')').and_then(|c| c.rsplit_once('(')))?;
        let (words, label) = inner;
        let level = Level::ALL.into_iter().find(|l| l.label() == label.trim())?;
        let words = words.trim_end();
        (!words.is_empty()).then_some((words, level))
    }

    /// Reads a level as typed in an actual-value cell: the three levels, the official long
    /// labels (达成年度指标 …), and the grade words 自评表 use. A word goes to the band of the
    /// share of the weight it stands for: 优 (90+) and 良 (80–90) within [0.8W, W], 中 (60–80)
    /// is [0.6W, 0.8W), 差 below; 好 / 较好 / 一般 / 较差 / 差 as 100 / 80 / 60 / 40 / 20%.
    pub fn parse(text: &str) -> Option<Level> {
        let word: String = text
            .chars()
            .filter(|c| !c.is_whitespace() && !matches!(c, '，' | ',' | '、' | '。' | '；'))
            .collect();
        Some(match word.as_str() {
            "达成" | "完全达成" | "全部达成" | "已达成" | "达到" | "已完成" | "完成"
            | "达成年度指标" | "达成年度目标" | "好" | "较好" | "优" | "优秀" | "良" | "良好" => {
                Level::Met
            }
            "部分达成"
            | "基本达成"
            | "部分完成"
            | "基本完成"
            | "一般"
            | "中"
            | "中等"
            | "部分达成年度指标并具有一定效果"
            | "部分达成并具有一定效果" => Level::Partly,
            "未达成"
            | "未完成"
            | "未达到"
            | "较差"
            | "差"
            | "未达成年度指标且效果较差"
            | "未达成且效果较差" => Level::NotMet,
            _ => return None,
        })
    }

    /// A 定性 row's 实际完成值 cell as the forms write it and a user pastes it: a level named
    /// alone (`达成`) is the row's level; words with a level after them
    /// (`2023-11-30前出台（达成）`) are those words and that level; other words are the words
    /// alone, a level word among them (较好) read when the row is scored, a guess the row does
    /// not state as its choice.
    pub fn split_cell(cell: &str) -> (&str, Option<Level>) {
        let trimmed = cell.trim();
        if let Some(level) = Level::ALL.into_iter().find(|l| l.label() == trimmed) {
            return (cell, Some(level));
        }
        match Level::after_words(cell) {
            Some((words, level)) => (words, Some(level)),
            None => (cell, None),
        }
    }

    /// The level a 定性 row's 实际完成值 gives where none is chosen: a level word
    /// ([`Level::parse`]), or the level named after the words (`2023-11-30前出台（部分达成）`,
    /// as pasted from a form).
    pub fn in_words(cell: &str) -> Option<Level> {
        Level::parse(cell).or_else(|| Level::after_words(cell).map(|(_, level)| level))
    }
}

/// The level, its band and the score entered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Worked {
    level: Option<Level>,
    low: Decimal,
    high: Decimal,
    typed: Decimal,
    score: Decimal,
}

/// What only a qualitative row finds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Finding {
    /// No level chosen.
    NoLevel,
    /// A score outside the band of its level; `inferred` when the level was read from the
    /// words of the 实际完成值 (较好, 基本完成) rather than chosen.
    OutsideLevelBand {
        level: Level,
        low: Decimal,
        high: Decimal,
        inferred: bool,
    },
}

impl KindFinding for Finding {
    fn code(&self) -> &'static str {
        match self {
            Finding::NoLevel => "no_level",
            Finding::OutsideLevelBand { .. } => "outside_level_band",
        }
    }

    /// A score outside the band of the level chosen is an error (DOMAIN §4: the score is
    /// validated inside the band): the form's grade waits for it, as for any error. A level
    /// only guessed from words (较好 scored 7 of 10) may be the guess that is wrong: a warning.
    /// A level not chosen yet is a cell still to fill.
    fn severity(&self) -> Severity {
        match self {
            Finding::NoLevel | Finding::OutsideLevelBand { inferred: true, .. } => {
                Severity::Warning
            }
            Finding::OutsideLevelBand {
                inferred: false, ..
            } => Severity::Error,
        }
    }

    fn write(&self, _field: &str, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Finding::NoLevel => write!(f, "请选择达成程度（达成 / 部分达成 / 未达成）"),
            Finding::OutsideLevelBand {
                level, low, high, ..
            } => write!(
                f,
                "“{}”的得分应在{}到{}分之间{}",
                level.label(),
                plain(*low),
                plain(*high),
                if *level == Level::Met {
                    ""
                } else {
                    "（不含上限）"
                }
            ),
        }
    }
}

fn finding(f: Finding) -> Problem {
    Problem::Rule(RuleFinding::Qualitative(f))
}

impl Kind for Qualitative {
    const NAME: &'static str = "qualitative";
    const LABEL: &'static str = "定性评价";
    type Worked = Worked;
    type Finding = Finding;

    #[inline(never)]
    fn score(
        &self,
        leaf: &mut Leaf,
        weight: Option<Decimal>,
    ) -> Result<Option<Scored<Worked>>, Overflow> {
        let level = leaf
            .node
            .level
            .or_else(|| Level::in_words(&leaf.node.actual));
        let Some(w) = weight else {
            return Ok(None);
        };
        let Some(typed) = leaf.entered_score(w) else {
            return Ok(None);
        };
        let score = leaf.round(typed);
        let (met_floor, partly_floor) = leaf.settings.qualitative_floors;
        let share = |floor: Decimal| arith::mul(w, floor);
        let (low, high, inside) = match level {
            Some(Level::Met) => {
                let low = share(met_floor)?;
                (low, w, score >= low && score <= w)
            }
            Some(Level::Partly) => {
                let (low, high) = (share(partly_floor)?, share(met_floor)?);
                (low, high, score >= low && score < high)
            }
            Some(Level::NotMet) => {
                let high = share(partly_floor)?;
                (Decimal::ZERO, high, score < high)
            }
            None => {
                leaf.find(Field::Level, finding(Finding::NoLevel));
                (Decimal::ZERO, w, true)
            }
        };
        if let (Some(level), false) = (level, inside) {
            leaf.find(
                Field::Score,
                finding(Finding::OutsideLevelBand {
                    level,
                    low: low.normalize(),
                    high: high.normalize(),
                    inferred: leaf.node.level.is_none(),
                }),
            );
        }
        Ok(Some(Scored {
            score,
            rate: None,
            worked: Worked {
                level,
                low,
                high,
                typed,
                score,
            },
        }))
    }

    fn explain(w: &Worked, _node: &Node) -> Explained {
        let rounded = rounded_to(w.typed, w.score);
        Explained::text(match w.level {
            Some(level) => format!(
                "定性评价为“{}”（{}–{}分），评定得{}分{rounded}",
                level.label(),
                plain(w.low),
                plain(w.high),
                plain(w.typed)
            ),
            None => format!("定性评价，评定得{}分{rounded}", plain(w.typed)),
        })
    }
}
