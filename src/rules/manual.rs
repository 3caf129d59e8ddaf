//! 手动评分 (DOMAIN.md §4): the score is entered by hand (0 ≤ score ≤ W), with its reason.

use super::leaf::Leaf;
use super::{Kind, NoFinding, Scored};
use crate::arith::{plain, Overflow};
use crate::derivation::{rounded_to, Explained};
use crate::model::Node;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manual {}

/// The score as entered, and as the sheet's places round it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Worked {
    typed: Decimal,
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
        let Some(typed) = leaf.entered_score(w) else {
            return Ok(None);
        };
        let score = leaf.round(typed);
        Ok(Some(Scored {
            score,
            rate: None,
            worked: Worked { typed, score },
        }))
    }

    fn explain(w: &Worked, node: &Node) -> Explained {
        // In brackets inside a sentence: its own full stop would close the sentence twice.
        let reason = node.reason.trim().trim_end_matches(['。', '.', '；', ';']);
        // A score typed with more places than the sheet's says what it was rounded to.
        let typed = format!(
            "手动评分，得{}分{}",
            plain(w.typed),
            rounded_to(w.typed, w.score)
        );
        Explained::text(if reason.is_empty() {
            typed
        } else {
            format!("{typed}（{reason}）")
        })
    }
}
