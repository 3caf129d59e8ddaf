//! Editing one cell: the row is read again and, for a score or a weight, each ancestor's sums
//! are adjusted by the difference up to the total.

use super::row_state::{
    check_group_weight, read_group, score_leaf, Contribution, Severities, State,
};
use super::{Calculator, Changed, EditError, NodeId, NONE};
use crate::comparison::Comparison;
use crate::diagnostic::Field;
use crate::model::{IndicatorRows, Level, Node, Rule};

impl Calculator {
    /// Changes one field of one row and re-evaluates what depends on it: the row, and for a
    /// score or weight its ancestors up to the total. Returns the rows whose results changed.
    pub fn set(&mut self, id: NodeId, field: Field, value: &str) -> Result<Changed, EditError> {
        if id >= self.nodes.len() {
            return Err(EditError::NoSuchNode(id));
        }
        // A figure typed leaves the tree's shape and wording as they were (hints.rs).
        if !matches!(
            field,
            Field::Actual
                | Field::Score
                | Field::Level
                | Field::Reason
                | Field::Unit
                | Field::Note
                | Field::DeclaredRate
                | Field::DeclaredScore
                | Field::Opinion
        ) {
            self.structure_hints.take();
        }
        let node = &mut self.nodes[id];
        let is_group = self.slots[id].first_child != NONE;
        match field {
            Field::Id => {
                let v = value.trim();
                node.id = (!v.is_empty()).then(|| v.into());
                self.find_duplicate_ids();
                return Ok(Changed::All);
            }
            Field::Name => node.name = value.into(),
            Field::Weight => node.weight = value.into(),
            Field::Target => {
                node.target = value.into();
                // Typing `≤3天` says how to compare: the row follows it (the page shows the
                // change and undoes it with the target).
                if !is_group {
                    if let Some(c) = crate::rules::comparison_typed_in_target(node) {
                        node.comparison = Some(c);
                    }
                }
            }
            Field::Actual => node.actual = value.into(),
            // A number written without a unit is in the row's 计量单位 (rules/leaf.rs
            // check_unit_size): the row is scored again.
            Field::Unit => node.unit = value.into(),
            Field::Score => node.score = value.into(),
            Field::Reason => node.reason = value.into(),
            Field::Note => {
                node.note = value.into();
                return Ok(Changed::Rows(vec![id]));
            }
            // Kept beside the scores, never scored.
            Field::DeclaredRate | Field::DeclaredScore | Field::Opinion => {
                *match field {
                    Field::DeclaredRate => &mut node.declared.rate,
                    Field::DeclaredScore => &mut node.declared.score,
                    _ => &mut node.opinion,
                } = value.into();
                return Ok(Changed::Rows(vec![id]));
            }
            Field::Comparison => {
                let v = value.trim();
                node.comparison = if v.is_empty() {
                    None
                } else {
                    Some(
                        Comparison::parse(v)
                            .ok_or_else(|| EditError::BadComparison(v.to_string()))?,
                    )
                };
            }
            Field::Level => {
                let v = value.trim();
                node.level = if v.is_empty() {
                    None
                } else {
                    Some(Level::parse(v).ok_or_else(|| EditError::BadLevel(v.to_string()))?)
                };
            }
            Field::Rule => {
                let v = value.trim();
                node.rule = if v.is_empty() {
                    None
                } else {
                    Some(
                        serde_json::from_str::<Rule>(v)
                            .map_err(|e| EditError::BadRule(e.to_string()))?,
                    )
                };
            }
            Field::NotApplicable => {
                let flag = match value.trim() {
                    "true" | "是" | "1" | "不适用" => true,
                    "false" | "否" | "0" | "" => false,
                    other => return Err(EditError::BadFlag(other.to_string())),
                };
                if node.not_applicable != flag {
                    node.not_applicable = flag;
                    if is_group {
                        // A group's flag reaches every leaf below it: evaluate afresh.
                        self.evaluate_all();
                        return Ok(Changed::All);
                    }
                }
            }
        }
        Ok(Changed::Rows(self.refresh(id)))
    }

    /// Re-evaluates one row and carries the differences up to the total.
    pub(super) fn refresh(&mut self, id: NodeId) -> Vec<NodeId> {
        let parent = self.slots[id].parent;
        let inherited = parent != NONE && self.slots[parent as usize].not_applicable;
        let settings = &self.settings;
        let node = &self.nodes[id];
        let slot = &mut self.slots[id];
        let before_contribution = Contribution::of(slot);
        let before_severities = Severities::of_state(&slot.state);
        let (before_score, before_unscored, before_weight) =
            (slot.score, slot.unscored, slot.weight);
        slot.not_applicable = node.not_applicable || inherited;
        match &mut slot.state {
            State::Leaf(outcome) => {
                *outcome = score_leaf(node, slot.not_applicable, settings, &self.funds_rows).into();
                slot.score = outcome.score.unwrap_or_default();
                slot.unscored = u32::from(!slot.not_applicable && outcome.score.is_none());
                slot.weight = outcome.weight.unwrap_or_default();
            }
            State::Group(group) => {
                let fresh = read_group(node);
                group.declared = fresh.declared;
                group.findings = fresh.findings;
                check_group_weight(group);
                slot.weight = group.declared.unwrap_or(group.children_weight);
            }
        }
        let after_contribution = Contribution::of(slot);
        self.totals.sub(before_contribution);
        self.totals.add(after_contribution);
        let mut severities = self
            .totals
            .row_severities
            .replace(before_severities, Severities::of_state(&slot.state));

        let d_score = slot.score - before_score;
        let d_unscored = slot.unscored as i64 - before_unscored as i64;
        let mut d_weight = slot.weight - before_weight;
        let mut changed = vec![id];
        let mut parent = slot.parent;
        while parent != NONE {
            let p = &mut self.slots[parent as usize];
            p.score += d_score;
            p.unscored = (p.unscored as i64 + d_unscored) as u32;
            if let State::Group(g) = &mut p.state {
                if !d_weight.is_zero() {
                    g.children_weight += d_weight;
                    let before = Severities::of(&g.findings);
                    check_group_weight(g);
                    severities = severities.replace(before, Severities::of(&g.findings));
                    let before = p.weight;
                    p.weight = g.declared.unwrap_or(g.children_weight);
                    d_weight = p.weight - before;
                }
            }
            changed.push(parent as usize);
            parent = p.parent;
        }
        if !d_weight.is_zero() {
            self.totals.top_weight += d_weight;
        }
        self.totals.row_severities = severities;
        changed
    }

    /// Replaces the whole indicator tree and evaluates it afresh.
    pub(super) fn replace_tree(&mut self, indicators: Vec<Node>) {
        self.nodes.clear();
        self.slots.clear();
        self.first_top = NONE;
        self.link(IndicatorRows::from_tree(indicators));
        self.evaluate_all();
    }
}
