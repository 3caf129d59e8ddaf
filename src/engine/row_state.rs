//! What the calculator keeps per row (its links, its leaf's or group's results, the sums over
//! its subtree) and over the sheet, and how a row's results are worked out from its data.

use crate::arith::plus;
use crate::diagnostic::{Field, Problem, RowField, Severity};
use crate::model::{FundsRow, Node, Rule};
use crate::rules::{evaluate_leaf, Outcome};
use crate::settings::Resolved;
use rust_decimal::Decimal;

/// One row of the flattened tree: its links and results. The row's data is in
/// `Calculator::nodes` at the same index.
#[derive(Clone, Debug)]
pub(super) struct Slot {
    pub(super) parent: u32,
    pub(super) first_child: u32,
    pub(super) next_sibling: u32,
    pub(super) depth: u16,
    /// Not applicable, by its own flag or an ancestor's.
    pub(super) not_applicable: bool,
    pub(super) state: State,
    /// Over the subtree: Σ rounded scores of scored leaves.
    pub(super) score: Decimal,
    /// Over the subtree: applicable leaves without a score.
    pub(super) unscored: u32,
    /// The 分值 this row offers to its parent's roll-up: as written, or for a group with an
    /// empty 分值 the sum of its children's.
    pub(super) weight: Decimal,
}

#[derive(Clone, Debug)]
pub(super) enum State {
    Leaf(LeafState),
    Group(GroupState),
}

/// What a row keeps of its leaf's [`Outcome`]: all but the derivation, which is only shown,
/// and is worked out again when the row is explained ([`Calculator::outcome`]); keeping it
/// would double the size of every row's slot, which the first load of a large sheet pays for
/// in memory written. The rate is kept: every row the table shows has it, and working it out
/// again for every leaf was a quarter of a large sheet's report.
#[derive(Clone, Debug)]
pub(super) struct LeafState {
    pub(super) weight: Option<Decimal>,
    pub(super) score: Option<Decimal>,
    pub(super) rate: Option<Decimal>,
    pub(super) findings: Vec<(Field, Problem)>,
    pub(super) adjustment: bool,
}

impl From<Outcome> for LeafState {
    fn from(o: Outcome) -> LeafState {
        LeafState {
            weight: o.weight,
            score: o.score,
            rate: o.rate,
            findings: o.findings,
            adjustment: o.adjustment,
        }
    }
}

impl State {
    /// What was found at the row.
    pub(super) fn findings(&self) -> &[(Field, Problem)] {
        match self {
            State::Leaf(o) => &o.findings,
            State::Group(g) => &g.findings,
        }
    }
}

#[derive(Clone, Debug, Default)]
pub(super) struct GroupState {
    /// The 分值 as written, when readable and not empty.
    pub(super) declared: Option<Decimal>,
    /// Σ of the children's weights.
    pub(super) children_weight: Decimal,
    pub(super) findings: Vec<(Field, Problem)>,
}

/// Sheet-wide sums, kept up to date by differences like the subtree sums.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct Totals {
    pub(super) leaves: u32,
    /// Σ scores of every scored leaf, 加减分 included.
    pub(super) score: Decimal,
    pub(super) unscored: u32,
    /// Σ scores of 加减分 leaves.
    pub(super) adjustment: Decimal,
    /// Σ 分值 of ordinary (not 加减分) leaves, applicable or not.
    pub(super) regular_weight: Decimal,
    /// Σ 分值 of ordinary leaves marked 不适用.
    pub(super) not_applicable_weight: Decimal,
    pub(super) not_applicable: u32,
    /// Σ of the top-level rows' weights.
    pub(super) top_weight: Decimal,
    /// Errors, warnings and hints found at rows, so an edit's counts need no walk over the
    /// sheet.
    pub(super) row_severities: Severities,
}

/// How many errors, warnings and hints a list of findings holds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct Severities {
    pub(super) errors: usize,
    pub(super) warnings: usize,
    pub(super) hints: usize,
}

impl Severities {
    pub(super) fn add(&mut self, p: &Problem) {
        match p.severity() {
            Severity::Error => self.errors += 1,
            Severity::Warning => self.warnings += 1,
            Severity::Hint => self.hints += 1,
            Severity::Info => {}
        }
    }

    pub(super) fn of(findings: &[(Field, Problem)]) -> Severities {
        let mut s = Severities::default();
        findings.iter().for_each(|(_, p)| s.add(p));
        s
    }

    pub(super) fn of_state(state: &State) -> Severities {
        Severities::of(state.findings())
    }

    /// `self` with `before` replaced by `after` (counts never go below zero).
    pub(super) fn replace(self, before: Severities, after: Severities) -> Severities {
        Severities {
            errors: (self.errors + after.errors).saturating_sub(before.errors),
            warnings: (self.warnings + after.warnings).saturating_sub(before.warnings),
            hints: (self.hints + after.hints).saturating_sub(before.hints),
        }
    }
}

/// What one leaf contributes to the sheet-wide sums.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct Contribution {
    pub(super) score: Decimal,
    pub(super) unscored: u32,
    pub(super) adjustment: Decimal,
    pub(super) regular_weight: Decimal,
    pub(super) not_applicable_weight: Decimal,
    pub(super) not_applicable: u32,
}

impl Contribution {
    pub(super) fn of(slot: &Slot) -> Contribution {
        let State::Leaf(o) = &slot.state else {
            return Contribution::default();
        };
        let weight = o.weight.unwrap_or_default();
        let regular = !o.adjustment;
        Contribution {
            score: o.score.unwrap_or_default(),
            unscored: u32::from(!slot.not_applicable && o.score.is_none()),
            adjustment: if o.adjustment {
                o.score.unwrap_or_default()
            } else {
                Decimal::ZERO
            },
            regular_weight: if regular { weight } else { Decimal::ZERO },
            not_applicable_weight: if regular && slot.not_applicable {
                weight
            } else {
                Decimal::ZERO
            },
            not_applicable: u32::from(slot.not_applicable),
        }
    }
}

impl Totals {
    pub(super) fn add(&mut self, c: Contribution) {
        self.score = plus(self.score, c.score);
        self.unscored += c.unscored;
        self.adjustment = plus(self.adjustment, c.adjustment);
        self.regular_weight = plus(self.regular_weight, c.regular_weight);
        self.not_applicable_weight = plus(self.not_applicable_weight, c.not_applicable_weight);
        self.not_applicable += c.not_applicable;
    }

    pub(super) fn sub(&mut self, c: Contribution) {
        self.score -= c.score;
        self.unscored -= c.unscored;
        self.adjustment -= c.adjustment;
        self.regular_weight -= c.regular_weight;
        self.not_applicable_weight -= c.not_applicable_weight;
        self.not_applicable -= c.not_applicable;
    }
}

#[inline(never)]
pub(super) fn score_leaf(
    node: &Node,
    not_applicable: bool,
    settings: &Resolved,
    funds: &[FundsRow],
) -> Outcome {
    if node.scored_from_funds() {
        return score_funded(node, not_applicable, settings, funds.first());
    }
    let mut outcome = if not_applicable && !node.not_applicable {
        let mut own = node.clone();
        own.not_applicable = true;
        evaluate_leaf(&own, settings)
    } else {
        evaluate_leaf(node, settings)
    };
    if !not_applicable && matches!(node.rule, Some(Rule::BudgetExecution(_))) {
        outcome.findings.extend(crate::funds::disagreements(
            &node.target,
            &node.actual,
            &node.unit,
            funds,
        ));
    }
    outcome
}

/// A 预算执行率 scored from the 年度资金总额 row: that row's figures in place of its own, read
/// as the 资金 row reads them (in 万元: 1,873,000.00元 is 187.3, as that row shows it). The
/// 资金 row reports what is wrong with its cells; the leaf says where its figures come from,
/// and that any it has itself are not used.
fn score_funded(
    node: &Node,
    not_applicable: bool,
    settings: &Resolved,
    funds: Option<&FundsRow>,
) -> Outcome {
    let mut own = node.clone();
    own.not_applicable |= not_applicable;
    let in_wan = |text: &str, field| {
        crate::funds::amount(text, field, &mut |_, _| {})
            .map_or_else(String::new, crate::arith::plain)
    };
    own.target = funds
        .map_or_else(String::new, |f| in_wan(&f.budget, RowField::Budget))
        .into();
    own.actual = funds
        .map_or_else(String::new, |f| in_wan(&f.spent, RowField::Spent))
        .into();
    own.unit = "万元".into();
    let mut outcome = evaluate_leaf(&own, settings);
    outcome
        .findings
        .retain(|(field, _)| !matches!(field, Field::Target | Field::Actual));
    if outcome.score.is_none() && !own.not_applicable {
        outcome
            .findings
            .push((Field::Target, Problem::FundsRowNeeded));
    }
    for (field, text) in [(Field::Target, &node.target), (Field::Actual, &node.actual)] {
        if !text.trim().is_empty() {
            outcome.findings.push((field, Problem::NotUsedForFunds));
        }
    }
    outcome
}

/// A row's own state, before any sums: a group's declared 分值, a leaf scored by its rule.
pub(super) fn own_state(
    node: &Node,
    group: bool,
    not_applicable: bool,
    settings: &Resolved,
    funds: &[FundsRow],
) -> State {
    if group {
        State::Group(read_group(node))
    } else {
        State::Leaf(score_leaf(node, not_applicable, settings, funds).into())
    }
}

/// A group's own 分值 and the values on it that only leaves use.
#[inline(never)]
pub(super) fn read_group(node: &Node) -> GroupState {
    let mut findings = Vec::new();
    // Its rows' subtotal would have no name on the form.
    if crate::cell::is_blank_text(&node.name) {
        findings.push((Field::Name, Problem::Unnamed));
    }
    let declared = match crate::cell::parse_number(&node.weight) {
        Ok(Some(q)) => match crate::rules::weight_problem(&q, &node.weight) {
            Some(problem) => {
                findings.push((Field::Weight, problem));
                None
            }
            None => Some(q.value),
        },
        Ok(None) => None,
        Err(e) => {
            findings.push((Field::Weight, Problem::Unreadable(e)));
            None
        }
    };
    for (field, text) in [
        (Field::Target, &node.target),
        (Field::Actual, &node.actual),
        (Field::Score, &node.score),
    ] {
        if !crate::cell::is_blank_text(text) {
            findings.push((field, Problem::GroupHasLeafValues));
        }
    }
    if node.rule.is_some() {
        findings.push((Field::Rule, Problem::GroupHasLeafValues));
    }
    GroupState {
        declared,
        children_weight: Decimal::ZERO,
        findings,
    }
}

/// Replaces a group's mismatch finding with the current comparison of 分值 and children.
pub(super) fn check_group_weight(group: &mut GroupState) {
    group
        .findings
        .retain(|(_, p)| !matches!(p, Problem::WeightMismatch { .. }));
    if let Some(declared) = group.declared {
        if declared != group.children_weight {
            group.findings.push((
                Field::Weight,
                Problem::WeightMismatch {
                    declared,
                    children: group.children_weight,
                },
            ));
        }
    }
}
