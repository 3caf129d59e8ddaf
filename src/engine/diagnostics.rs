//! What the calculator found: at each row, in the settings, and about the sheet as a whole.

use super::{Calculator, NodeId};
use crate::diagnostic::{Diagnostic, Field, Location, Problem};
use rust_decimal::Decimal;

impl Calculator {
    /// Every finding of the sheet, in printed order: settings, rows, totals, funds, projects.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        let mut out = self.setting_diagnostics.clone();
        for (i, slot) in self.slots.iter().enumerate() {
            let findings = slot.state.findings();
            out.extend(findings.iter().map(|(field, problem)| {
                Diagnostic::new(
                    Location::Node {
                        node: i,
                        field: *field,
                    },
                    problem.clone(),
                )
            }));
        }
        for (i, id) in &self.duplicate_ids {
            out.push(Diagnostic::new(
                Location::Node {
                    node: *i,
                    field: Field::Id,
                },
                Problem::DuplicateId { id: id.clone() },
            ));
        }
        out.extend(self.sheet_diagnostics());
        out.extend(self.funds.diagnostics.iter().cloned());
        // The 汇总表's findings last, by row (the page replaces one row's in place), a row's
        // repeating another's among its own.
        let start = out.len();
        out.extend(self.summary.diagnostics.iter().cloned());
        if !self.summary.same_project.is_empty() {
            out.extend(self.summary.same_project.iter().cloned());
            out[start..].sort_by_key(|d| match d.at {
                Location::Project { row, .. } => row,
                _ => usize::MAX,
            });
        }
        out
    }

    /// Findings about the whole table: the top level's 分值 and an incomplete total.
    pub(super) fn sheet_diagnostics(&self) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        // The 汇总表's 合计 leaving rows out is said where the 合计 is explained and printed,
        // not only at those rows' cells: its rate reads as final otherwise.
        let rows = self.summary.out_of_sums;
        if rows > 0 {
            out.push(Diagnostic::new(
                Location::Sheet,
                Problem::OutOfSums { rows },
            ));
        }
        if self.slots.is_empty() {
            return out;
        }
        if self.totals.top_weight != self.settings.total_weight {
            out.push(Diagnostic::new(
                Location::Sheet,
                Problem::TotalWeightMismatch {
                    expected: self.settings.total_weight,
                    found: self.totals.top_weight,
                },
            ));
        }
        if self.totals.leaves > 0
            && self.totals.regular_weight > Decimal::ZERO
            && self.totals.regular_weight == self.totals.not_applicable_weight
        {
            out.push(Diagnostic::new(Location::Sheet, Problem::AllNotApplicable));
        }
        out.extend(self.output_benefit_share());
        out.extend(self.tree_hints());
        if self.totals.unscored > 0 {
            out.push(Diagnostic::new(
                Location::Sheet,
                Problem::Incomplete {
                    unscored: self.totals.unscored as usize,
                },
            ));
        }
        out
    }

    /// In a 决策 / 过程 / 产出 / 效益 table (财预〔2020〕10号's framework for 重点评价), 产出 and
    /// 效益 together carry at least 60% of the top level's 分值.
    fn output_benefit_share(&self) -> Option<Diagnostic> {
        let top: Vec<(&str, Decimal)> = self
            .top_level()
            .map(|id| {
                let name = self.nodes[id].name.trim();
                (name, self.weight(id).unwrap_or_default())
            })
            .collect();
        let named = |prefix: &str| top.iter().any(|(n, _)| n.starts_with(prefix));
        if !(named("决策") && named("过程")) {
            return None;
        }
        let weight: Decimal = top
            .iter()
            .filter(|(n, _)| n.starts_with("产出") || n.starts_with("效益"))
            .map(|(_, w)| *w)
            .sum();
        let total = self.totals.top_weight;
        let hundred = Decimal::ONE_HUNDRED;
        if total <= Decimal::ZERO || weight * hundred >= Decimal::from(60) * total {
            return None;
        }
        let share = crate::arith::mul_div(weight, hundred, total).ok()?;
        Some(Diagnostic::new(
            Location::Sheet,
            Problem::OutputBenefitShare {
                weight,
                total,
                share: crate::arith::round(share, 2),
            },
        ))
    }

    /// Findings located at one row (its own, and a duplicated id).
    pub fn diagnostics_at(&self, id: NodeId) -> Vec<Diagnostic> {
        let Some(slot) = self.slots.get(id) else {
            return Vec::new();
        };
        let findings = slot.state.findings();
        let mut out: Vec<Diagnostic> = findings
            .iter()
            .map(|(field, problem)| {
                Diagnostic::new(
                    Location::Node {
                        node: id,
                        field: *field,
                    },
                    problem.clone(),
                )
            })
            .collect();
        out.extend(
            self.duplicate_ids
                .iter()
                .filter(|(i, _)| *i == id)
                .map(|(i, dup)| {
                    Diagnostic::new(
                        Location::Node {
                            node: *i,
                            field: Field::Id,
                        },
                        Problem::DuplicateId { id: dup.clone() },
                    )
                }),
        );
        out
    }

    /// How many errors, warnings and hints the sheet has, without building the messages of
    /// its rows' findings; `sheet` is its [`Calculator::sheet_level_diagnostics`].
    pub fn severity_counts(&self, sheet: &[Diagnostic]) -> (usize, usize, usize) {
        let mut counts = self.totals.row_severities;
        for (_, id) in &self.duplicate_ids {
            counts.add(&Problem::DuplicateId { id: id.clone() });
        }
        for d in sheet
            .iter()
            .chain(&self.funds.diagnostics)
            .chain(&self.summary.diagnostics)
            .chain(&self.summary.same_project)
        {
            counts.add(&d.problem);
        }
        (counts.errors, counts.warnings, counts.hints)
    }

    /// Leaves scored, and applicable leaves not scored yet.
    pub fn leaf_counts(&self) -> (u32, u32) {
        let t = &self.totals;
        (t.leaves - t.not_applicable - t.unscored, t.unscored)
    }

    /// Findings about the whole sheet: settings and the total.
    pub fn sheet_level_diagnostics(&self) -> Vec<Diagnostic> {
        let mut out = self.setting_diagnostics.clone();
        out.extend(self.sheet_diagnostics());
        out
    }

    /// Where a finding is, as a list away from the table names it (the 检查结果 worksheet, a
    /// review's errors): a row by its name, a 汇总表 row by its project and 序号 (a 汇总表
    /// gathered from several files, or sorted, has 序号 that are not its row numbers), a row
    /// without a name by its number.
    pub fn place(&self, at: &Location) -> String {
        match *at {
            Location::Node { node, .. } => match self.node(node).map(|n| n.name.trim()) {
                Some(name) if !name.is_empty() => format!("“{name}”"),
                _ => format!("第{}行", node + 1),
            },
            Location::Funds { row, .. } => format!("资金第{}行", row + 1),
            Location::Project { row, .. } => match self.projects().get(row) {
                Some(p) if !p.project.trim().is_empty() => match p.seq.trim() {
                    "" => format!("“{}”", p.project.trim()),
                    seq => format!("“{}”（序号{seq}）", p.project.trim()),
                },
                _ => format!("项目第{}行", row + 1),
            },
            Location::Setting { .. } => "设置".to_string(),
            Location::Sheet => "全表".to_string(),
        }
    }
}
