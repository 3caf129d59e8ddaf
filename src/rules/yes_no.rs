//! 是否判断 (DOMAIN.md §4): met gives W, not met gives 0; the actual holds the answer.

use super::leaf::Leaf;
use super::{Kind, KindFinding, RuleFinding, Scored};
use crate::arith::{plain, Overflow};
use crate::cell::parse_number;
use crate::derivation::Explained;
use crate::diagnostic::{Field, Problem, Severity};
use crate::model::Node;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct YesNo {}

const YES: &[&str] = &[
    "是",
    "达成",
    "已达成",
    "完成",
    "已完成",
    "有",
    "符合",
    "满足",
    "合格",
    "通过",
    "按时",
    "已",
    "√",
    "✓",
    "✔",
    "y",
    "yes",
    "true",
    "1",
    "对",
];
const NO: &[&str] = &[
    "否",
    "未达成",
    "未完成",
    "无",
    "没有",
    "不符合",
    "不满足",
    "不合格",
    "未通过",
    "未按时",
    "未",
    "×",
    "✗",
    "✘",
    "x",
    "n",
    "no",
    "false",
    "0",
    "错",
];

/// How a yes/no score came about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Worked {
    met: bool,
    weight: Decimal,
}

/// What only a yes/no row finds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Finding {
    /// A cell that is neither yes nor no.
    NotYesNo,
}

impl KindFinding for Finding {
    fn code(&self) -> &'static str {
        "not_yes_no"
    }

    fn severity(&self) -> Severity {
        Severity::Error
    }

    fn write(&self, field: &str, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{field}应填写“是”或“否”（也可填 达成/未达成、有/无、√/×）"
        )
    }
}

impl Kind for YesNo {
    const NAME: &'static str = "yes_no";
    const LABEL: &'static str = "是否判断";
    type Worked = Worked;
    type Finding = Finding;

    #[inline(never)]
    fn score(
        &self,
        leaf: &mut Leaf,
        weight: Option<Decimal>,
    ) -> Result<Option<Scored<Worked>>, Overflow> {
        let text = leaf.node.actual.trim().to_ascii_lowercase();
        let answer = if text.is_empty() || is_dash(&text) {
            leaf.find(Field::Actual, Problem::Missing);
            None
        } else if YES.contains(&text.as_str()) {
            Some(true)
        } else if NO.contains(&text.as_str()) {
            Some(false)
        } else {
            leaf.find(
                Field::Actual,
                Problem::Rule(RuleFinding::YesNo(Finding::NotYesNo)),
            );
            None
        };
        let (Some(w), Some(met)) = (weight, answer) else {
            return Ok(None);
        };
        Ok(Some(Scored {
            score: if met { w } else { Decimal::ZERO },
            rate: None,
            worked: Worked { met, weight: w },
        }))
    }

    fn explain(w: &Worked, _node: &Node) -> Explained {
        Explained::text(if w.met {
            format!("已达成，得满分{}分", plain(w.weight))
        } else {
            "未达成，得0分".to_string()
        })
    }
}

/// A dash or the like: the cell says "nothing here".
fn is_dash(text: &str) -> bool {
    matches!(parse_number(text), Ok(None))
}
