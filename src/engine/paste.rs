//! A block pasted from Excel with its header row: the rows it describes, placed at the cursor
//! (the header was read by the same column mapping as a file). Groups named like the sheet's
//! (产出指标 / 数量指标) take the pasted rows in; a blank template's rows (no name, nothing
//! filled in) give way to them; a leaf of the same name with nothing filled in (a template's
//! 预算执行率) takes the pasted values.

use super::{Calculator, EditError, NodeId};
use crate::model::{Node, ProjectRow};
use serde::Serialize;

/// What a paste did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Pasted {
    /// Rows added: groups and indicators (or 汇总表 projects).
    pub added: usize,
    /// Rows of the sheet filled in from the block.
    pub filled: usize,
    /// A blank template's rows the block took the place of.
    pub replaced: usize,
    /// The first row the block wrote, for the cursor.
    pub first: Option<NodeId>,
}

/// A row of a blank template: no name, nothing filled in (its 分值 and comparison are the
/// template's).
fn is_blank(node: &Node) -> bool {
    node.children.iter().all(is_blank)
        && [
            &node.name,
            &node.target,
            &node.actual,
            &node.score,
            &node.reason,
        ]
        .iter()
        .all(|t| t.trim().is_empty())
}

/// A leaf with nothing achieved filled in yet (a template's may carry its target, as 服务对象
/// 满意度 carries 90%).
fn is_unfilled(node: &Node) -> bool {
    node.children.is_empty()
        && [&node.actual, &node.score, &node.reason]
            .iter()
            .all(|t| t.trim().is_empty())
}

fn same_name(a: &Node, b: &Node) -> bool {
    !a.name.trim().is_empty() && a.name.trim() == b.name.trim()
}

/// Fills an unfilled leaf with what a pasted one has; what the block leaves empty (a rule, a
/// comparison, the 分值) stays the sheet's.
fn fill(leaf: &mut Node, from: Node) {
    let keep = |own: &mut crate::model::Text, new: crate::model::Text| {
        if !new.trim().is_empty() {
            *own = new;
        }
    };
    keep(&mut leaf.weight, from.weight);
    keep(&mut leaf.target, from.target);
    keep(&mut leaf.actual, from.actual);
    keep(&mut leaf.unit, from.unit);
    keep(&mut leaf.score, from.score);
    keep(&mut leaf.reason, from.reason);
    keep(&mut leaf.note, from.note);
    leaf.rule = from.rule.or(leaf.rule.take());
    leaf.comparison = from.comparison.or(leaf.comparison);
    leaf.level = from.level.or(leaf.level);
    leaf.not_applicable |= from.not_applicable;
}

/// Pasting is typing: a leaf's target that says how to compare (`≥2000`, `3天内`) sets its
/// 比较方式 where the block has none.
fn compare_as_typed(nodes: &mut [Node]) {
    for node in nodes {
        if node.is_group() {
            compare_as_typed(&mut node.children);
        } else if node.comparison.is_none() {
            node.comparison = crate::rules::comparison_typed_in_target(node);
        }
    }
}

/// The leaves and groups in a tree.
fn count(nodes: &[Node]) -> usize {
    nodes.iter().map(|n| 1 + count(&n.children)).sum()
}

/// The position of an unfilled leaf named like `leaf` anywhere below `nodes`.
fn unfilled_named(nodes: &[Node], leaf: &Node) -> Option<Vec<usize>> {
    nodes.iter().enumerate().find_map(|(i, n)| {
        if n.is_group() {
            let mut inner = unfilled_named(&n.children, leaf)?;
            inner.insert(0, i);
            Some(inner)
        } else {
            (same_name(n, leaf) && is_unfilled(n)).then(|| vec![i])
        }
    })
}

fn node_at<'a>(nodes: &'a mut [Node], path: &[usize]) -> &'a mut Node {
    let (first, rest) = path.split_first().expect("a position");
    rest.iter()
        .fold(&mut nodes[*first], |node, &i| &mut node.children[i])
}

/// Where a merge leaves a level: the first row it wrote, and whether every row there now comes
/// from the block.
struct Merged {
    first: Option<Vec<usize>>,
    all_pasted: bool,
}

/// Merges `pasted` into `siblings`, new rows from `index` on.
fn merge(
    siblings: &mut Vec<Node>,
    mut index: usize,
    pasted: Vec<Node>,
    done: &mut Pasted,
) -> Merged {
    let mut first: Option<Vec<usize>> = None;
    let mut mark = |at: Vec<usize>| {
        if first.is_none() {
            first = Some(at);
        }
    };
    let mut from_block = vec![false; siblings.len()];
    for mut p in pasted {
        let found = siblings
            .iter()
            .position(|n| same_name(n, &p) && n.is_group() == p.is_group());
        match found {
            Some(at) if p.is_group() => {
                let group = &mut siblings[at];
                if !p.weight.trim().is_empty() {
                    group.weight = p.weight.clone();
                }
                // A blank template's rows give way before the block's are added after them;
                // the 比较方式 they were preset to (成本指标 ≤) goes to the rows that have none.
                let preset = group
                    .children
                    .iter()
                    .filter(|c| !c.is_group() && is_blank(c))
                    .find_map(|c| c.comparison);
                for leaf in p.children.iter_mut().filter(|c| !c.is_group()) {
                    if leaf.comparison.is_none() && leaf.rule.is_none() {
                        leaf.comparison = preset;
                    }
                }
                let before = group.children.len();
                group.children.retain(|c| !is_blank(c));
                done.replaced += before - group.children.len();
                let end = group.children.len();
                let merged = merge(&mut group.children, end, p.children, done);
                // A group whose rows all come from the block takes its 分值 from them, unless
                // the block gives one.
                if merged.all_pasted && p.weight.trim().is_empty() {
                    group.weight = Default::default();
                }
                from_block[at] = merged.all_pasted;
                if let Some(mut inner) = merged.first {
                    inner.insert(0, at);
                    mark(inner);
                }
            }
            Some(at) if is_unfilled(&siblings[at]) => {
                fill(&mut siblings[at], p);
                done.filled += 1;
                from_block[at] = true;
                mark(vec![at]);
            }
            // The same row further down (the block left out a group): filled where it is.
            _ if !p.is_group() && unfilled_named(siblings, &p).is_some() => {
                let path = unfilled_named(siblings, &p).expect("found above");
                fill(node_at(siblings, &path), p);
                done.filled += 1;
                mark(path);
            }
            _ => {
                done.added += count(std::slice::from_ref(&p));
                let at = index.min(siblings.len());
                siblings.insert(at, p);
                from_block.insert(at, true);
                mark(vec![at]);
                index = at + 1;
            }
        }
    }
    Merged {
        first,
        all_pasted: from_block.iter().all(|&b| b),
    }
}

impl Calculator {
    /// Places a pasted block's rows: `rows` is a tree whose top level is at `depth` (0 when
    /// the block names 一级 groups, 1 when it starts at 二级, 2 for indicators alone), and
    /// `at` the row the cursor is on. The block's rows go among the cursor's rows at that
    /// depth, after the cursor's; under the cursor when it is a group above that depth.
    pub fn paste_rows(
        &mut self,
        at: Option<NodeId>,
        depth: usize,
        rows: Vec<Node>,
    ) -> Result<Pasted, EditError> {
        let cursor = match at {
            Some(id) => Some((self.position(id)?, self.is_leaf(id))),
            None => None,
        };
        let (context, index) = match cursor {
            None => (Vec::new(), usize::MAX),
            // At or below the block's depth: among the cursor's (or its ancestor's) siblings.
            Some((pos, _)) if pos.len() > depth => (pos[..depth].to_vec(), pos[depth] + 1),
            // A leaf above that depth: beside it.
            Some((pos, true)) => {
                let (&last, parent) = pos.split_last().expect("a row has a position");
                (parent.to_vec(), last + 1)
            }
            // A group above that depth: at the end of its rows.
            Some((pos, false)) => (pos, usize::MAX),
        };
        let mut rows = rows;
        compare_as_typed(&mut rows);
        let mut done = Pasted::default();
        let first = self.reshape(|tree| {
            let siblings = super::shape::siblings_mut(tree, &context);
            // Pasted into a blank template's level: its rows give way.
            if siblings.iter().all(is_blank) && !rows.is_empty() {
                done.replaced += siblings.len();
                siblings.clear();
            }
            Ok(merge(siblings, index, rows, &mut done).first)
        })?;
        done.first = first.and_then(|inner| {
            let mut path = context.clone();
            path.extend(inner);
            self.at(&path)
        });
        Ok(done)
    }

    /// Places pasted 汇总表 rows at row `at` (at the end without one); a table of blank rows
    /// gives way to them.
    pub fn paste_projects(&mut self, at: Option<usize>, rows: Vec<ProjectRow>) -> Pasted {
        let blank = self.projects.iter().all(|p| *p == ProjectRow::default());
        let replaced = if blank { self.projects.len() } else { 0 };
        if blank {
            self.projects.clear();
        }
        let index = at.map_or(self.projects.len(), |a| (a + 1).min(self.projects.len()));
        let added = rows.len();
        self.projects.splice(index..index, rows);
        self.summary = crate::summary::evaluate(&self.projects, &self.settings);
        Pasted {
            added,
            filled: 0,
            replaced,
            first: (added > 0).then_some(index),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Sheet, SheetKind};

    fn leaf(name: &str, target: &str, actual: &str) -> Node {
        Node {
            name: name.into(),
            weight: "10".into(),
            target: target.into(),
            actual: actual.into(),
            ..Node::default()
        }
    }

    fn names(calc: &Calculator) -> Vec<String> {
        (0..calc.len())
            .map(|i| {
                let n = calc.node(i).unwrap();
                format!("{}{}", "  ".repeat(calc.depth(i)), n.name)
            })
            .collect()
    }

    #[test]
    fn a_whole_table_pasted_into_the_blank_project_template() {
        let mut calc = Calculator::new(crate::templates::find("project").unwrap().sheet());
        let pasted = vec![
            leaf("预算执行率", "200.00", "187.30"),
            Node::group(
                "产出指标",
                "",
                vec![
                    Node::group(
                        "数量指标",
                        "",
                        vec![
                            leaf("完成改造面积", "≥2000", "2100"),
                            leaf("改造户数", "100", "100"),
                        ],
                    ),
                    Node::group("质量指标", "", vec![leaf("验收合格率", "100%", "98%")]),
                ],
            ),
        ];
        let done = calc.paste_rows(Some(0), 0, pasted).unwrap();
        assert_eq!(
            (done.added, done.filled, done.replaced),
            (3, 1, 2),
            "three indicators added, 预算执行率 filled, two blank rows gone"
        );
        let rows = names(&calc);
        assert_eq!(
            &rows[..6],
            [
                "预算执行率",
                "产出指标",
                "  数量指标",
                "    完成改造面积",
                "    改造户数",
                "  质量指标"
            ]
        );
        assert_eq!(rows[6], "    验收合格率");
        // The template's rule and weight stay where the block has none.
        let budget = calc.node(0).unwrap();
        assert!(matches!(
            budget.rule,
            Some(crate::model::Rule::BudgetExecution)
        ));
        assert_eq!(
            (budget.target.as_str(), budget.actual.as_str()),
            ("200.00", "187.30")
        );
        assert_eq!(calc.score(0), Some(rust_decimal::Decimal::new(937, 2)));
        assert_eq!(done.first, Some(0));
        // 时效指标 keeps its blank row: nothing was pasted there.
        let timely = rows.iter().position(|r| r.trim() == "时效指标").unwrap();
        assert_eq!(rows[timely + 1].trim(), "");
    }

    /// What a user trying the page found: the 成本 row lost its ≤, a 满意度 row named like the
    /// template's was added beside it, and the template's group 分值 stayed over pasted rows.
    #[test]
    fn the_template_s_presets_go_to_the_pasted_rows() {
        let mut calc = Calculator::new(crate::templates::find("project").unwrap().sheet());
        let mut unit_cost = leaf("单位成本", "500元", "480元");
        unit_cost.weight = "10".into();
        let pasted = vec![
            Node::group(
                "产出指标",
                "",
                vec![Node::group("成本指标", "", vec![unit_cost])],
            ),
            Node::group(
                "效益指标",
                "",
                vec![Node::group(
                    "社会效益指标",
                    "",
                    vec![leaf("受益人数", "1000", "950")],
                )],
            ),
            // No 二级 name: the template's 服务对象满意度 is filled where it is.
            Node::group(
                "满意度指标",
                "",
                vec![leaf("服务对象满意度", "≥90%", "92%")],
            ),
        ];
        calc.paste_rows(Some(0), 0, pasted).unwrap();
        let find = |name: &str| {
            (0..calc.len())
                .find(|&i| calc.node(i).unwrap().name == name)
                .unwrap()
        };
        let cost = find("单位成本");
        assert_eq!(
            calc.node(cost).unwrap().comparison,
            Some(crate::comparison::Comparison::AtMost)
        );
        assert_eq!(calc.score(cost), Some(10.into()), "480 against ≤500: met");
        let satisfaction: Vec<usize> = (0..calc.len())
            .filter(|&i| calc.node(i).unwrap().name == "服务对象满意度")
            .collect();
        assert_eq!(satisfaction.len(), 1, "filled, not added beside");
        assert_eq!(calc.node(satisfaction[0]).unwrap().actual, "92%");
        // 社会效益指标's rows all come from the block: its 分值 is theirs (10), not the
        // template's 20; 效益指标 keeps 30 (可持续影响指标 is still the template's).
        let social = find("社会效益指标");
        assert_eq!(calc.node(social).unwrap().weight, "");
        assert_eq!(calc.weight(social), Some(10.into()));
        assert_eq!(calc.node(find("效益指标")).unwrap().weight, "30");
    }

    #[test]
    fn indicators_alone_go_after_the_cursor() {
        let mut sheet = Sheet::new(SheetKind::Department);
        sheet.indicators = vec![Node::group(
            "产出",
            "30",
            vec![leaf("甲", "1", "1"), leaf("乙", "1", "1")],
        )];
        let mut calc = Calculator::new(sheet);
        let done = calc
            .paste_rows(Some(1), 2, vec![leaf("丙", "1", "1"), leaf("丁", "1", "1")])
            .unwrap();
        assert_eq!(names(&calc), ["产出", "  甲", "  丙", "  丁", "  乙"]);
        assert_eq!((done.added, done.first), (2, Some(2)));
        // On the group: at the end of its rows.
        calc.paste_rows(Some(0), 2, vec![leaf("戊", "1", "1")])
            .unwrap();
        assert_eq!(names(&calc).last().unwrap(), "  戊");
    }

    #[test]
    fn pasted_projects_go_after_the_cursor_and_replace_blank_rows() {
        let mut calc = Calculator::new(Sheet::new(SheetKind::Summary));
        calc.insert_project(0, ProjectRow::default());
        let row = |p: &str| ProjectRow {
            project: p.into(),
            budget: "100".into(),
            spent: "90".into(),
            ..ProjectRow::default()
        };
        let done = calc.paste_projects(Some(0), vec![row("甲"), row("乙")]);
        assert_eq!((done.added, done.replaced, done.first), (2, 1, Some(0)));
        calc.paste_projects(Some(0), vec![row("丙")]);
        let projects: Vec<&str> = calc.projects().iter().map(|p| p.project.as_str()).collect();
        assert_eq!(projects, ["甲", "丙", "乙"]);
    }
}
