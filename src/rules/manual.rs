//! 手动评分 (DOMAIN.md §4): the score is entered by hand (0 ≤ score ≤ W), with its reason.

use super::leaf::Leaf;
use super::{Kind, NoFinding, Scored};
use crate::arith::{plain, Overflow};
use crate::derivation::Explained;
use crate::model::Node;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manual {}

/// The score as entered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Worked {
    score: Decimal,
}

impl Kind for Manual {
    const NAME: &'static str = "manual";
    const LABEL: &'static str = "手动评分";
    type Worked = Worked;
    type Finding = NoFinding;

    #[inline(never)]
    fn score(
        &self,
        leaf: &mut Leaf,
        weight: Option<Decimal>,
    ) -> Result<Option<Scored<Worked>>, Overflow> {
        let Some(w) = weight else { return Ok(None) };
        let Some(score) = leaf.entered_score(w) else {
            return Ok(None);
        };
        Ok(Some(Scored {
            score,
            rate: None,
            worked: Worked { score },
        }))
    }

    fn explain(w: &Worked, node: &Node) -> Explained {
        // In brackets inside a sentence: its own full stop would close the sentence twice.
        let reason = node.reason.trim().trim_end_matches(['。', '.', '；', ';']);
        Explained::text(if reason.is_empty() {
            format!("手动评分，得{}分", plain(w.score))
        } else {
            format!("手动评分，得{}分（{reason}）", plain(w.score))
        })
    }
}
