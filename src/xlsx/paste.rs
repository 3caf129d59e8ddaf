//! A block pasted from Excel with its header row: the rows it describes, placed at the cursor
//! (the header was read by the same column mapping as a file). Here, in the spreadsheet
//! module the page loads to read the block, not in the calculator every page loads first. Groups named like the sheet's
//! (产出指标 / 数量指标) take the pasted rows in, and a blank template's rows (no name, nothing
//! filled in) give way to them, handing on the 比较方式 they were preset to; an indicator
//! named like one already there (a template's 预算执行率, or a block pasted again) is that
//! row, updated, and every filled cell the block changes is listed.

use super::mapping::{comparison_in, counted_against, join_note, UNREAD_RULE};
use crate::cell::{parse_cell, Cell};
use crate::comparison::Comparison;
use crate::model::{DeclaredTotal, FundsRow, Meta, Node, ProjectRow, Rule, Sheet, SheetKind, Text};
use crate::settings::Resolved;
use crate::summary::{self, project_key};
use serde::Serialize;
use std::collections::{BTreeSet, HashMap, VecDeque};

/// What a paste did.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Pasted {
    /// Rows added: groups and indicators (or 汇总表 projects).
    pub added: usize,
    /// Rows of the sheet the block updated (named like one of its rows).
    pub filled: usize,
    /// 汇总表 rows of the block whose project is one of a workbook's sheets': its row there is
    /// worked out from that sheet, so neither written nor added again (corrected in the sheet).
    pub from_sheets: usize,
    /// A blank template's rows the block took the place of.
    pub replaced: usize,
    /// Filled cells the block changed: `完工时间的年度指标值 ≥3天 → 3天内`.
    pub overwritten: Vec<String>,
    /// Filled cells of the rows it updated that the block leaves blank, in a column it fills
    /// in other rows (`完工时间的偏差原因`): kept, as a blank pasted cell keeps the row's, and
    /// said, since pasted in Excel it would have cleared the cell.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub kept: Vec<String>,
    /// The columns (by label) some row of the block fills: a blank there is said as kept.
    #[serde(skip)]
    given: BTreeSet<&'static str>,
    /// The first row the block wrote (in printed order), for the cursor.
    pub first: Option<usize>,
    /// What the lines above the block's header filled in (a whole 自评表 copied): the
    /// 基本信息 fields by name (`项目名称`), then `资金情况 4 行`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub above: Vec<String>,
    /// The template's groups and named rows a whole table pasted over it has none of, taken
    /// out (`时效指标`), as opening the table gives none of them: a group once, for its rows.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub dropped: Vec<String>,
    /// The table's bottom line the block brought, kept as the sheet's declared figures for
    /// 审核 (`自评总分 95.4`, `自评等级 优`), as opening the table keeps them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub declared: Vec<String>,
    /// A 汇总表 block's 合计 not kept as the table's declared rate, as it sums only the block's
    /// projects (this many) and the table has other rows: 审核 would report a difference the
    /// unit never made.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub partial_total: Option<usize>,
    /// The 合计 rate the 汇总表 declared before rows were pasted among its own, kept: it is of
    /// the rows before, and 审核 checks it against the 合计 of them all, which the notice says.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub earlier_rate: Option<String>,
    /// Rows whose pasted 计分方法 counts the other way from the 比较方式 the row has
    /// (`每增加5%扣1分` over a ≥ row): not taken, its words kept in 备注, said as such.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub rules_unread: Vec<String>,
    /// A table of the other kind (a 部门整体 table on a 项目支出 sheet), as its head tells:
    /// the sheet's kind changed to it, or why not and what to do, in words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
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

/// A template's row just as the template has it (服务对象满意度 ≥ 90%, nothing typed): a
/// block that brings its group other rows (企业满意度) replaces it as it does a blank row, or
/// it stays beside them, unfilled, and its group's 分值 no longer adds up.
fn is_untouched_preset(node: &Node) -> bool {
    static PRESETS: std::sync::OnceLock<Vec<Node>> = std::sync::OnceLock::new();
    let presets = PRESETS.get_or_init(|| {
        let mut leaves = Vec::new();
        let mut stack: Vec<Node> = crate::templates::TEMPLATES
            .iter()
            .flat_map(|t| t.sheet().indicators)
            .collect();
        while let Some(node) = stack.pop() {
            if node.is_group() {
                stack.extend(node.children);
            } else if !name_of(&node).is_empty() {
                leaves.push(node);
            }
        }
        leaves
    });
    !node.is_group() && presets.contains(node)
}

fn name_of(node: &Node) -> &str {
    node.name.trim()
}

/// A group's name as many a unit's form writes it, with its 分值 (`产出指标（50分）`,
/// `效益指标(满分30分)`): the name without them, and the 分值.
fn with_points(name: &str) -> Option<(&str, &str)> {
    let inner = name.trim().strip_suffix(['）', ')'])?;
    let open = inner.rfind(['（', '('])?;
    let bracket = inner[open..].chars().next().map_or(0, char::len_utf8);
    let points = inner[open + bracket..].trim();
    let points = points.strip_prefix("满分").unwrap_or(points);
    let points = points.strip_suffix('分')?.trim();
    let plain = inner[..open].trim_end();
    let number = !points.is_empty()
        && points.chars().all(|c| c.is_ascii_digit() || c == '.')
        && points.parse::<rust_decimal::Decimal>().is_ok();
    (number && !plain.is_empty()).then_some((plain, points))
}

/// A pasted cell taken into the row's: a blank one leaves the row's as it is (listed when the
/// block fills that column elsewhere, `given`), and a filled cell of the row it changes is
/// listed (`完工时间的年度指标值 ≥3天 → 3天内`). The one rule of an indicator and a 汇总表 row
/// pasted over the sheet's.
fn take_cell<T>(done: &mut Pasted, name: &str, label: &'static str, own: &mut T, new: T)
where
    T: std::ops::Deref<Target = str> + PartialEq + std::fmt::Display,
{
    if new.trim().is_empty() {
        if !own.trim().is_empty() && done.given.contains(label) {
            done.kept.push(format!("{name}的{label}"));
        }
        return;
    }
    if *own == new {
        return;
    }
    if !own.trim().is_empty() {
        done.overwritten
            .push(format!("{name}的{label} {own} → {new}"));
    }
    *own = new;
}

/// A cell of a row, by the label a change to it is listed under.
type RowCell<R, T> = (&'static str, fn(&mut R) -> &mut T);

/// An indicator's cells a pasted row fills.
const LEAF_CELLS: [RowCell<Node, Text>; 9] = [
    ("分值", |n| &mut n.weight),
    ("年度指标值", |n| &mut n.target),
    ("实际完成值", |n| &mut n.actual),
    ("计量单位", |n| &mut n.unit),
    ("得分", |n| &mut n.score),
    ("申报完成率", |n| &mut n.declared.rate),
    ("申报得分", |n| &mut n.declared.score),
    ("偏差原因", |n| &mut n.reason),
    ("备注", |n| &mut n.note),
];

/// The cells of [`LEAF_CELLS`] that hold the unit's declared figures.
const DECLARED: [&str; 2] = ["申报完成率", "申报得分"];

/// A 汇总表 row's cells a pasted row fills (its 单位 and 项目 find the row, and stay).
const PROJECT_CELLS: [RowCell<ProjectRow, String>; 9] = [
    ("序号", |p| &mut p.seq),
    ("绩效目标", |p| &mut p.goal),
    ("预算数", |p| &mut p.budget),
    ("完成数", |p| &mut p.spent),
    ("分数", |p| &mut p.score),
    ("等级", |p| &mut p.grade),
    ("问题", |p| &mut p.problems),
    ("建议", |p| &mut p.suggestions),
    ("预算完成率", |p| &mut p.declared.rate),
];

/// Adds to `given` the labels of the indicator cells some leaf of `rows` fills.
fn given_leaf_cells(rows: &mut [Node], given: &mut BTreeSet<&'static str>) {
    for row in rows {
        if row.is_group() {
            given_leaf_cells(&mut row.children, given);
            continue;
        }
        for (label, cell) in LEAF_CELLS {
            // The unit's declared figures have no cell in the grid to clear (审核 shows them).
            if !cell(row).trim().is_empty() && !DECLARED.contains(&label) {
                given.insert(label);
            }
        }
    }
}

/// Updates a leaf with what a pasted one has; what the block leaves empty (a rule, a
/// comparison, the 分值) stays the sheet's. A filled cell it changes is listed.
fn update(leaf: &mut Node, mut from: Node, done: &mut Pasted) {
    let name = name_of(leaf).to_string();
    for (label, cell) in LEAF_CELLS {
        // A 得分 pasted as 不适用 is read as the mark, not as a blank cell left as it was.
        if label == "得分" && from.not_applicable {
            continue;
        }
        let new = std::mem::take(cell(&mut from));
        take_cell(done, &name, label, cell(leaf), new);
    }
    // A comparison only the pasted 计分方法 implies (`每增加5%扣1分`, none typed in the block)
    // leaves the row's own in place; words counting the other way from it are not taken.
    if let Some(words) = from.comparison_from_rule.take() {
        let against = from.comparison.and_then(|implied| {
            let own = leaf.comparison.map_or("", |c| c.symbol());
            counted_against(implied, leaf.comparison, own, &leaf.target)
        });
        if let Some(against) = against {
            from.rule = None;
            let kept = format!("{UNREAD_RULE}{words}");
            leaf.note = join_note(&kept, &leaf.note);
            done.rules_unread.push(format!(
                "{name}的{}，请改正计分方法或{}",
                against.said(&words),
                against.field
            ));
        }
        // The row's 比较方式, or its target's (`<5%`), stays as it is.
        if leaf.comparison.is_some() || comparison_in(&leaf.target).is_some() {
            from.comparison = None;
        }
    }
    if let Some(c) = from.comparison {
        if leaf.comparison.is_some_and(|own| own != c) {
            let own = leaf.comparison.map_or("", |o| o.symbol());
            done.overwritten
                .push(format!("{name}的比较方式 {own} → {}", c.symbol()));
        }
        leaf.comparison = Some(c);
    }
    let qualitative = leaf.comparison == Some(Comparison::Qualitative);
    leaf.rule = match (from.rule, leaf.rule.take()) {
        // A 预算执行率 scored from the 资金 block stays so; its figures go there (`paste`).
        (Some(Rule::BudgetExecution(_)), Some(own @ Rule::BudgetExecution(_))) => Some(own),
        (None, own) => own,
        // The row's kind named without parameters (阶梯扣分): the row's parameters stay. Not
        // 比率法: its name alone is a whole rule, so it sets the plain direction over a row's
        // 反向按比值. (A kind with no parameters is the row's own rule either way.)
        (Some(new), Some(own))
            if own.label() == new.label()
                && crate::rule_text::parse(new.label()) == Some(Some(new.clone()))
                && !matches!(new, Rule::Ratio(_)) =>
        {
            Some(own)
        }
        (Some(new), own) => {
            let words = |rule: Option<&Rule>| crate::rule_text::describe(rule, qualitative);
            let (was, now) = (words(own.as_ref()), words(Some(&new)));
            if was == now {
                // 比率法 over a row scored by its comparison: the same rule.
                own
            } else {
                // The kinds, or the parameters where the kind is the same.
                let kind = |rule: Option<&Rule>| match rule {
                    Some(r) if own.as_ref().map(Rule::label) != Some(new.label()) => {
                        r.label().to_string()
                    }
                    _ => words(rule),
                };
                let (was, now) = (kind(own.as_ref()), kind(Some(&new)));
                done.overwritten
                    .push(format!("{name}的计分方法 {was} → {now}"));
                Some(new)
            }
        }
    };
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

/// Whether every leaf under `nodes` has its 分值.
fn all_weighted(nodes: &[Node]) -> bool {
    nodes.iter().all(|n| {
        if n.is_group() {
            all_weighted(&n.children)
        } else {
            !n.weight.trim().is_empty()
        }
    })
}

/// A blank template's rows in `rows` give way to a block's `pasted` rows, which take the
/// 比较方式 they were preset to (成本指标's ≤) where they have none of their own. A row with
/// figures (numbers) is no 定性 one (可持续影响指标's preset): it keeps the comparison its
/// figures give; one rated in words (健全) takes it.
fn give_way(rows: &mut Vec<Node>, pasted: &mut [Node], done: &mut Pasted) {
    if pasted.is_empty() {
        return;
    }
    hand_on_comparison(rows, pasted);
    let before = rows.len();
    rows.retain(|c| {
        let named_in_block = || pasted.iter().any(|p| name_of(p) == name_of(c));
        !(is_blank(c) || (is_untouched_preset(c) && !named_in_block()))
    });
    done.replaced += before - rows.len();
}

/// The 比较方式 a blank template row among `rows` was preset to, handed on to the `pasted`
/// leaves that have none and are scored by it ([`give_way`]).
fn hand_on_comparison(rows: &[Node], pasted: &mut [Node]) {
    let preset = rows
        .iter()
        .filter(|c| !c.is_group() && is_blank(c))
        .find_map(|c| c.comparison);
    for leaf in pasted.iter_mut().filter(|c| !c.is_group()) {
        // A number (2000, ≥95%, 3天内, or 约100 refused at its cell), not words a 定性 row is
        // rated in (健全, 基本健全).
        let figure = |t: &str| match crate::cell::parse_cell(t.trim()) {
            Ok(c) => c.number().is_some(),
            Err(e) => matches!(e, crate::cell::CellError::Approximate(..)),
        };
        let figures = figure(&leaf.target) || figure(&leaf.actual);
        let fits = preset != Some(Comparison::Qualitative) || !figures;
        let by_comparison = matches!(leaf.rule, None | Some(Rule::Ratio(_)));
        if leaf.comparison.is_none() && by_comparison && fits {
            leaf.comparison = preset;
        }
    }
}

/// The names from a level down to a row: where the cursor goes after the paste.
type NamePath = Vec<String>;

/// Where a merge leaves a level.
struct Merged {
    /// The first row of the block, by its names from this level down.
    first: Option<NamePath>,
    /// Every row of the level now comes from the block.
    all_pasted: bool,
}

/// The leaves below `nodes`' groups (not `nodes` themselves), by name: a row of the block
/// whose group the block left out is the sheet's row of that name, wherever it is.
fn nested_leaves(nodes: &[Node]) -> HashMap<String, VecDeque<Vec<usize>>> {
    let mut found: HashMap<String, VecDeque<Vec<usize>>> = HashMap::new();
    let mut stack: Vec<(Vec<usize>, &Node)> = nodes
        .iter()
        .enumerate()
        .filter(|(_, n)| n.is_group())
        .map(|(i, n)| (vec![i], n))
        .collect();
    stack.reverse();
    while let Some((path, node)) = stack.pop() {
        for (i, child) in node.children.iter().enumerate().rev() {
            let mut at = path.clone();
            at.push(i);
            if child.is_group() {
                stack.push((at, child));
            } else if !name_of(child).is_empty() {
                found
                    .entry(name_of(child).to_string())
                    .or_default()
                    .push_front(at);
            }
        }
    }
    found
}

fn node_at<'a>(nodes: &'a mut [Node], path: &[usize]) -> &'a mut Node {
    let (first, rest) = path.split_first().expect("a position");
    rest.iter()
        .fold(&mut nodes[*first], |node, &i| &mut node.children[i])
}

/// The names from `nodes` down a position.
fn names_at(nodes: &[Node], path: &[usize]) -> NamePath {
    let mut level = nodes;
    path.iter()
        .map(|&i| {
            let node = &level[i];
            level = &node.children;
            node.name.to_string()
        })
        .collect()
}

/// Merges `pasted` into `siblings`: each row into the sheet's row of its name (a group's rows
/// into it, an indicator updated), the others added at `index`, in the block's order. Rows
/// are found by name through an index, so a block of thousands of rows is placed in one pass.
fn merge(siblings: &mut Vec<Node>, index: usize, pasted: Vec<Node>, done: &mut Pasted) -> Merged {
    let mut groups: HashMap<String, usize> = HashMap::new();
    let mut leaves: HashMap<String, VecDeque<usize>> = HashMap::new();
    for (i, n) in siblings
        .iter()
        .enumerate()
        .filter(|(_, n)| !name_of(n).is_empty())
    {
        if n.is_group() {
            groups.entry(name_of(n).to_string()).or_insert(i);
        } else {
            leaves
                .entry(name_of(n).to_string())
                .or_default()
                .push_back(i);
        }
    }
    let mut from_block = vec![false; siblings.len()];
    let mut first: Option<NamePath> = None;
    let mut pending: Vec<Node> = Vec::new();
    for (k, mut p) in pasted.into_iter().enumerate() {
        let name = name_of(&p).to_string();
        if p.is_group() {
            // The sheet's group by its name, or by the name a unit's form writes with its
            // 分值 (产出指标（50分）), which then gives the 分值 where the block has none.
            let at = groups.get(&name).copied().or_else(|| {
                let (plain, points) = with_points(&name)?;
                let at = *groups.get(plain)?;
                if p.weight.trim().is_empty() {
                    p.weight = points.into();
                }
                Some(at)
            });
            let Some(at) = at else {
                pending.push(p);
                continue;
            };
            let group = &mut siblings[at];
            if !p.weight.trim().is_empty() {
                group.weight = p.weight.clone();
            }
            // The group's 得分 as the block prints it: the unit's subtotal.
            if !p.declared.score.trim().is_empty() {
                group.declared.score = p.declared.score.clone();
            }
            // Its 备注 (a 本页小计 read as no group's, `build`), as a leaf's is taken.
            take_cell(done, &name, "备注", &mut group.note, p.note.clone());
            let weighted = all_weighted(&p.children);
            give_way(&mut group.children, &mut p.children, done);
            let end = group.children.len();
            let merged = merge(&mut group.children, end, p.children, done);
            // A group whose rows all come from the block, with their 分值, takes its 分值
            // from them, unless the block gives one.
            if merged.all_pasted && weighted && p.weight.trim().is_empty() {
                group.weight = Text::default();
            }
            from_block[at] = merged.all_pasted;
            if k == 0 {
                first = merged.first.map(|mut inner| {
                    inner.insert(0, name);
                    inner
                });
            }
        } else if let Some(at) = leaves.get_mut(&name).and_then(VecDeque::pop_front) {
            update(&mut siblings[at], p, done);
            done.filled += 1;
            from_block[at] = true;
            if k == 0 {
                first = Some(vec![name]);
            }
        } else {
            pending.push(p);
        }
    }
    // Indicators whose group the block left out: the sheet's row of that name further down.
    if pending
        .iter()
        .any(|p| !p.is_group() && !name_of(p).is_empty())
    {
        let mut nested = nested_leaves(siblings);
        pending.retain_mut(|p| {
            if p.is_group() {
                return true;
            }
            let Some(path) = nested.get_mut(name_of(p)).and_then(VecDeque::pop_front) else {
                return true;
            };
            if first.is_none() {
                first = Some(names_at(siblings, &path));
            }
            update(node_at(siblings, &path), std::mem::take(p), done);
            done.filled += 1;
            false
        });
    }
    let at = index.min(siblings.len());
    if first.is_none() {
        first = pending.first().map(|p| vec![p.name.to_string()]);
    }
    done.added += count(&pending);
    from_block.splice(at..at, pending.iter().map(|_| true));
    siblings.splice(at..at, pending);
    Merged {
        first,
        all_pasted: from_block.iter().all(|&b| b),
    }
}

/// The position of the group named `name` at `depth` (0: the top level).
fn group_at_depth(nodes: &[Node], depth: usize, name: &str) -> Option<Vec<usize>> {
    nodes.iter().enumerate().find_map(|(i, n)| {
        if !n.is_group() {
            return None;
        }
        if depth == 0 {
            return (name_of(n) == name).then(|| vec![i]);
        }
        let mut inner = group_at_depth(&n.children, depth - 1, name)?;
        inner.insert(0, i);
        Some(inner)
    })
}

/// The row at the end of `names` from `nodes` down, each level by its first row of that name.
fn position_of(nodes: &[Node], names: &[String]) -> Option<Vec<usize>> {
    let mut level = nodes;
    names
        .iter()
        .map(|name| {
            let i = level.iter().position(|n| n.name.as_str() == name)?;
            level = &level[i].children;
            Some(i)
        })
        .collect()
}

/// The rows under the row at `parent` (the top level for an empty position).
fn siblings_mut<'a>(tree: &'a mut Vec<Node>, parent: &[usize]) -> &'a mut Vec<Node> {
    parent.iter().fold(tree, |level, &i| &mut level[i].children)
}

/// Where row `index` (in printed order) sits, its position among its siblings at each level,
/// and whether it is a leaf.
fn position(tree: &[Node], index: usize) -> Option<(Vec<usize>, bool)> {
    let mut found = None;
    walk(tree, |path, node, i| {
        if i == index {
            found = Some((path.to_vec(), node.children.is_empty()));
        }
        i < index
    });
    found
}

/// The index in printed order of the row at a position.
fn index_of(tree: &[Node], position: &[usize]) -> Option<usize> {
    let mut found = None;
    walk(tree, |path, _, i| {
        if path == position {
            found = Some(i);
        }
        found.is_none()
    });
    found
}

/// Visits the rows in printed order with their positions and indices, while `visit` says go on
/// (without recursion: no depth of nesting overflows the stack).
fn walk(tree: &[Node], mut visit: impl FnMut(&[usize], &Node, usize) -> bool) {
    let mut stack: Vec<(&[Node], usize)> = vec![(tree, 0)];
    let mut path: Vec<usize> = Vec::new();
    let mut index = 0;
    while let Some(&(level, next)) = stack.last() {
        let depth = stack.len() - 1;
        let Some(node) = level.get(next) else {
            stack.pop();
            continue;
        };
        path.truncate(depth);
        path.push(next);
        stack[depth].1 += 1;
        if !visit(&path, node, index) {
            return;
        }
        index += 1;
        if !node.children.is_empty() {
            stack.push((&node.children, 0));
        }
    }
}

/// Places a pasted block's rows in `tree`: `rows` is a tree whose top level is at `depth`
/// (0 when the block names 一级 groups, 1 when it starts at 二级, 2 for indicators alone), and
/// `at` the row the cursor is on (in printed order). A group of the block named like one of
/// the sheet's at that depth goes into it, wherever the cursor is; the other rows go among
/// the cursor's rows at that depth, after the cursor's (under the cursor when it is a group
/// above that depth).
pub fn paste_rows(
    tree: &mut Vec<Node>,
    at: Option<usize>,
    depth: usize,
    rows: Vec<Node>,
) -> Pasted {
    let cursor = at.and_then(|index| position(tree, index));
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
    given_leaf_cells(&mut rows, &mut done.given);
    let mut first: Option<(Vec<usize>, NamePath)> = None;
    let mut here = Vec::new();
    for p in rows {
        let own = (depth > context.len() && p.is_group())
            .then(|| {
                let name = name_of(&p);
                group_at_depth(tree, depth, name)
                    .or_else(|| group_at_depth(tree, depth, with_points(name)?.0))
            })
            .flatten();
        let Some(path) = own else {
            here.push(p);
            continue;
        };
        let parent = path[..path.len() - 1].to_vec();
        let merged = merge(siblings_mut(tree, &parent), 0, vec![p], &mut done);
        if let (None, Some(names)) = (&first, merged.first) {
            first = Some((parent, names));
        }
    }
    let siblings = siblings_mut(tree, &context);
    if !here.is_empty() && siblings.iter().all(is_blank) {
        // Pasted into a blank template's level: its rows give way.
        give_way(siblings, &mut here, &mut done);
    }
    let merged = merge(siblings, index, here, &mut done);
    let first = first.or(merged.first.map(|names| (context.clone(), names)));
    done.first = first.and_then(|(from, names)| {
        let level: &[Node] = from
            .iter()
            .try_fold(&tree[..], |level, &i| level.get(i).map(|n| &n.children[..]))?;
        let mut path = from.clone();
        path.extend(position_of(level, &names)?);
        index_of(tree, &path)
    });
    done
}

/// Places pasted 汇总表 rows: each into the typed row of the same project
/// ([`project_key`], as the repeat check tells them), its filled cells taken; the others after
/// row `at` (at the end without one), in the block's order. A table of blank rows gives way to
/// them. The rows before `linked` are a workbook's sheets', worked out from them: a pasted row
/// of one of their projects is neither written there nor added (`from_sheets`). A reviewer's
/// 汇总表 copied to Excel, corrected there and pasted back updates its rows, as a pasted
/// indicator updates the row of its name, where the rows were added again beside them.
/// `settings`: what the rows' 等级 and 预算完成率 come to, which a pasted copy of them leaves
/// worked out rather than typed.
pub fn paste_projects(
    projects: &mut Vec<ProjectRow>,
    at: Option<usize>,
    linked: usize,
    rows: Vec<ProjectRow>,
    settings: &Resolved,
) -> Pasted {
    let linked = linked.min(projects.len());
    let blank = projects[linked..]
        .iter()
        .all(|p| *p == ProjectRow::default());
    let mut replaced = if blank { projects.len() - linked } else { 0 };
    if blank {
        projects.truncate(linked);
    }
    let mut index = at.map_or(projects.len(), |a| (a + 1).min(projects.len()));
    // Started at a blank row (one just added with ＋ 添加项目): the block begins there.
    if let Some(a) = at.filter(|&a| a >= linked && projects.get(a) == Some(&ProjectRow::default()))
    {
        projects.remove(a);
        (index, replaced) = (a, 1);
    }
    index = index.max(linked);
    let mut rows = rows;
    let given = PROJECT_CELLS
        .iter()
        .filter(|(_, cell)| rows.iter_mut().any(|r| !cell(r).trim().is_empty()))
        .map(|&(label, _)| label)
        .collect();
    let mut done = Pasted {
        replaced,
        given,
        ..Pasted::default()
    };
    let owned = |row: &ProjectRow| project_key(row).map(|(u, p)| (u.into_owned(), p.into_owned()));
    let mut typed: HashMap<(String, String), VecDeque<usize>> = HashMap::new();
    for (i, row) in projects.iter().enumerate() {
        if let Some(key) = owned(row) {
            typed.entry(key).or_default().push_back(i);
        }
    }
    let mut first: Option<Result<usize, usize>> = None;
    let mut added = Vec::new();
    for row in rows {
        match owned(&row).and_then(|key| typed.get_mut(&key)?.pop_front()) {
            Some(i) if i < linked => done.from_sheets += 1,
            Some(i) => {
                update_project(&mut projects[i], row, settings, &mut done);
                done.filled += 1;
                first.get_or_insert(Ok(i));
            }
            None => {
                first.get_or_insert(Err(added.len()));
                let mut row = row;
                leave_worked_out(&mut row, (true, true), settings);
                added.push(row);
            }
        }
    }
    done.added = added.len();
    projects.splice(index..index, added);
    // The first row the block wrote, where it is now: a row updated after `index` has moved
    // down by the rows added there.
    done.first = first.map(|f| match f {
        Ok(i) if i >= index => i + done.added,
        Ok(i) => i,
        Err(k) => index + k,
    });
    done
}

/// Takes a pasted 汇总表 row's filled cells into the row of its project; a filled cell it
/// changes is listed (`项目A的分数 85 → 88`). Its 单位 and 项目 stay as the row writes them.
/// A figure written otherwise (`1,200.00` for `1200`, as the exported form shows it and Excel
/// copies it) is no change, and a 等级 or 预算完成率 the row comes to stays worked out.
fn update_project(
    own: &mut ProjectRow,
    mut from: ProjectRow,
    settings: &Resolved,
    done: &mut Pasted,
) {
    let name = own.project.trim().to_string();
    let figure = |text: &str| match parse_cell(text) {
        Ok(Cell::Number(q)) => Some((q.value, q.percent, q.unit)),
        _ => None,
    };
    let worked_out = (
        own.grade.trim().is_empty(),
        own.declared.rate.trim().is_empty(),
    );
    for (label, cell) in PROJECT_CELLS {
        let new = std::mem::take(cell(&mut from));
        let own = cell(own);
        // A figure written otherwise (`1,200.00` for `1200`) is no change.
        let same_figure = figure(own).is_some_and(|f| figure(&new) == Some(f));
        if !same_figure {
            take_cell(done, &name, label, own, new);
        }
    }
    leave_worked_out(own, worked_out, settings);
}

/// The 等级 and 预算完成率 pasted into a row that had them worked out (`blank`: its grade,
/// its rate), left worked out again where the row comes to them: the grade of its score, the
/// rate of its amounts. Typed, they would stay as they are when the score or an amount is
/// corrected, the printed grade then not the one the 合计 counts.
fn leave_worked_out(row: &mut ProjectRow, blank: (bool, bool), settings: &Resolved) {
    let line = summary::read_row(0, row, settings, &mut Vec::new());
    if blank.0 && line.score.is_some() && line.grade.as_deref() == Some(row.grade.trim()) {
        row.grade.clear();
    }
    let rate = line.money.rate;
    let typed = parse_cell(&row.declared.rate);
    if blank.1 && matches!(typed, Ok(Cell::Number(q)) if q.percent && Some(q.value) == rate) {
        row.declared.rate.clear();
    }
}

/// Places a pasted block (`block`, a sheet as the column mapping read it) in `sheet` at row
/// `at`: its 汇总表 rows for a 汇总表, else its indicators, whose top level is at `depth`; what
/// the lines above its header say (its title; a whole 自评表 copied: 项目名称, the 资金 block),
/// read as a file's are, into 基本信息 and 资金情况; and its declared 总分 and 等级. `linked`:
/// how many of a 汇总表's first rows are a workbook's sheets', which a paste does not write.
pub fn paste(
    sheet: &mut Sheet,
    at: Option<usize>,
    depth: usize,
    linked: usize,
    block: Sheet,
) -> Pasted {
    let mut block = block;
    let mut declared = std::mem::take(&mut block.declared);
    let mut done = if sheet.kind == SheetKind::Summary {
        let (settings, _) = Resolved::read(&sheet.settings);
        let mut done = paste_projects(&mut sheet.projects, at, linked, block.projects, &settings);
        // Its 合计 is the table's only when its rows are all the table's: placed among rows
        // already there (on the page, a workbook's 汇总表 holds a row per sheet before the
        // typed ones) it sums the block's projects alone.
        let written = done.added + done.filled + done.from_sheets;
        let among_others = sheet.projects.len() != written;
        if among_others && !declared.rate.trim().is_empty() {
            declared.rate.clear();
            done.partial_total = Some(written);
        }
        let earlier = sheet.declared.rate.trim();
        if among_others && done.added > 0 && !earlier.is_empty() {
            done.earlier_rate = Some(earlier.to_string());
        }
        // Its title line (`2023年度…汇总表`), read as a sheet's is.
        meta_from_above(sheet, block.meta, &mut done);
        done
    } else {
        let mut done = Pasted::default();
        // A whole table over a template no one has typed in is the table, as opening it
        // gives it; placed among the template's rows, those it has none of would stay, their
        // 分值 in the sums (产出 50 over 80), and the grade shown as none.
        let over_template =
            as_a_template_left_it(&sheet.indicators) && is_whole_table(sheet, &block);
        let kind = kind_from_block(sheet, &block, over_template);
        if over_template {
            let template = std::mem::take(&mut sheet.indicators);
            let mut rows = std::mem::take(&mut block.indicators);
            compare_as_typed(&mut rows);
            presets_from_template(template, &mut rows, false, &mut done);
            done.first = first_written(&rows);
            sheet.indicators = rows;
        } else {
            let at = budget_from_above(sheet, &mut block, at, &mut done);
            let pasted = paste_rows(&mut sheet.indicators, at, depth, block.indicators);
            done = Pasted {
                added: done.added + pasted.added,
                filled: done.filled + pasted.filled,
                overwritten: [done.overwritten, pasted.overwritten].concat(),
                ..pasted
            };
        }
        done.kind = kind;
        meta_from_above(sheet, block.meta, &mut done);
        funds_from_above(&mut sheet.funds, block.funds, &mut done);
        figures_to_funds(sheet, &mut done);
        done
    };
    declared_from_block(&mut sheet.declared, declared, &mut done);
    done
}

/// A block of the other kind than the sheet's, as its head tells ([`super::form::kind_told`]):
/// a whole table over an untouched template (`over_template`: a new sheet, which the page
/// opens as a 项目支出 one) makes the sheet its kind, as opening the table does, with the
/// title of that kind's template where the sheet's is a template's and the block has none, and
/// that template's 资金 rows where the sheet's are still the blank ones of the other form.
/// Not over a sheet typed in, or 基本信息 only a 项目支出 sheet shows (项目名称, 主管部门,
/// 实际完成情况) would be hidden: the sheet stays its kind, and the words say why and what to
/// do. None when the kinds agree or the block's is not told.
fn kind_from_block(sheet: &mut Sheet, block: &Sheet, over_template: bool) -> Option<String> {
    let (own, pasted) = (sheet.kind, block.kind);
    if own == pasted || pasted == SheetKind::Summary || !super::form::kind_told(block) {
        return None;
    }
    let hidden = pasted == SheetKind::Department
        && [
            &sheet.meta.project,
            &sheet.meta.department,
            &sheet.meta.achieved,
        ]
        .iter()
        .any(|t| !t.trim().is_empty());
    if !over_template || hidden {
        let why = if hidden || !as_a_template_left_it(&sheet.indicators) {
            "本表已有填写的内容"
        } else {
            "粘贴的不是整张表格"
        };
        let (own, pasted) = (own.label(), pasted.label());
        return Some(format!(
            "粘贴的是{pasted}，本表是{own}；{why}，表格类型未改，仍按{own}检查：如要按{pasted}计分和检查，请新建一张{pasted}后再粘贴"
        ));
    }
    let templates: Vec<Sheet> = crate::templates::TEMPLATES
        .iter()
        .map(|t| t.sheet())
        .collect();
    let untouched_title = sheet.meta.title.trim().is_empty()
        || templates.iter().any(|t| t.meta.title == sheet.meta.title);
    let template = templates.into_iter().find(|t| t.kind == pasted)?;
    if untouched_title {
        // The block's own title, if it has one, is filled in as the lines above its header are.
        sheet.meta.title = match block.meta.title.trim() {
            "" => template.meta.title,
            _ => String::new(),
        };
    }
    if sheet.funds.iter().all(fund_is_blank) {
        sheet.funds = template.funds;
    }
    sheet.kind = pasted;
    Some(format!(
        "表格类型已按粘贴的表格改为{}（原为{}）",
        pasted.label(),
        own.label()
    ))
}

/// The 总分 and 等级 a block's 合计 and 评价等级 lines declare (a 汇总表's 合计 预算完成率, when
/// the block is the whole 汇总表), kept for 审核 to check as opening the table keeps them: each
/// the block gives replaces the sheet's (a whole table pasted again is the newer), said, and a
/// changed one listed as a cell the block changed. A block of a few rows has no 合计 and
/// leaves them as they were.
fn declared_from_block(own: &mut DeclaredTotal, from: DeclaredTotal, done: &mut Pasted) {
    for (label, own, new) in [
        ("自评总分", &mut own.total, from.total),
        ("自评等级", &mut own.grade, from.grade),
        ("合计的自评完成率", &mut own.rate, from.rate),
    ] {
        if new.trim().is_empty() || own.trim() == new.trim() {
            continue;
        }
        if !own.trim().is_empty() {
            done.overwritten.push(format!("{label} {own} → {new}"));
        }
        done.declared.push(format!("{label} {new}"));
        *own = new;
    }
}

/// Whether `tree` is a template's indicator rows as it gives them: nothing typed, the rows of
/// its groups blank or as preset (a blank row added or deleted is nothing typed).
fn as_a_template_left_it(tree: &[Node]) -> bool {
    static TEMPLATES: std::sync::OnceLock<Vec<Vec<(usize, Node)>>> = std::sync::OnceLock::new();
    let templates = TEMPLATES.get_or_init(|| {
        crate::templates::TEMPLATES
            .iter()
            .map(|t| rows_not_blank(&t.sheet().indicators, usize::MAX))
            .collect()
    });
    let most = templates.iter().map(Vec::len).max().unwrap_or(0);
    templates.contains(&rows_not_blank(tree, most + 1))
}

/// The rows of `tree` but blank leaves, each with its depth, without its rows or id: at most
/// `limit` and one more.
fn rows_not_blank(tree: &[Node], limit: usize) -> Vec<(usize, Node)> {
    let mut rows = Vec::new();
    walk(tree, |path, node, _| {
        if node.is_group() || !is_blank(node) {
            let row = Node {
                id: None,
                children: Vec::new(),
                ..node.clone()
            };
            rows.push((path.len(), row));
        }
        rows.len() <= limit
    });
    rows
}

/// Whether a block is a whole indicator table: its 分值 add up to the sheet's full marks (100),
/// as a 10号 form's 预算执行率 (from its 资金 block) and indicators do. A part of a table (产出指标
/// alone) does not, and leaves the template's other groups to be filled.
fn is_whole_table(sheet: &Sheet, block: &Sheet) -> bool {
    let full = crate::settings::Resolved::read(&sheet.settings)
        .0
        .total_weight;
    let calc = crate::engine::Calculator::new(Sheet {
        indicators: block.indicators.clone(),
        ..Sheet::new(sheet.kind)
    });
    calc.top_weight() == full && !full.is_zero()
}

/// Gives a whole table's `rows` what the template's row at the same place (the same names
/// down to it; a group named with its 分值 by its name without it) presets and the table
/// leaves empty: its rule and 比较方式, and a blank row's 比较方式 to its group's new rows. The
/// template's 分值 and figures are not the table's. Its rows the table has none of there are
/// taken out: in a group the table has, they give way to its rows, as to a part of a table
/// (`replaced`); a group the table has none of, or a row at the top, is listed once in
/// `done.dropped` (a group for all its rows). Only as deep as the template's groups go: a
/// table's deeper rows are its own. `in_group`: whether `template` is a group's rows.
fn presets_from_template(
    template: Vec<Node>,
    rows: &mut [Node],
    in_group: bool,
    done: &mut Pasted,
) {
    hand_on_comparison(&template, rows);
    let mut found: Vec<Option<usize>> = vec![None; template.len()];
    for (r, row) in rows.iter().enumerate() {
        let name = name_of(row);
        let plain = with_points(name).filter(|_| row.is_group()).map(|(p, _)| p);
        let same = |t: &Node| {
            t.is_group() == row.is_group()
                && !name_of(t).is_empty()
                && (name_of(t) == name || Some(name_of(t)) == plain)
        };
        match (0..template.len()).find(|&t| found[t].is_none() && same(&template[t])) {
            Some(t) => found[t] = Some(r),
            None => done.added += count(std::slice::from_ref(row)),
        }
    }
    for (own, at) in template.into_iter().zip(found) {
        let Some(row) = at.map(|r| &mut rows[r]) else {
            if own.is_group() || (!in_group && !name_of(&own).is_empty()) {
                done.dropped.push(name_of(&own).to_string());
            } else {
                done.replaced += 1;
            }
            continue;
        };
        if own.is_group() {
            presets_from_template(own.children, &mut row.children, true, done);
        } else {
            row.rule = row.rule.take().or(own.rule);
            row.comparison = row.comparison.or(own.comparison);
            done.filled += 1;
        }
    }
}

/// The first row a whole table wrote, in printed order, for the cursor: its first indicator
/// but a 预算执行率 scored from its 资金 block (which a part of a table places apart too).
fn first_written(rows: &[Node]) -> Option<usize> {
    let mut first = None;
    walk(rows, |_, node, i| {
        if !node.is_group() && !node.scored_from_funds() {
            first = Some(i);
        }
        first.is_none()
    });
    first
}

/// A 资金 block (`项目资金 | 年初预算数 | 全年预算数 | …`, a row per fund, or the form's 项目资金
/// line copied without its header) pasted at the indicator table, read as the 资金 table reads
/// a block pasted into it (`mapping::pasted_funds`): what the notice says instead of writing it
/// cell by cell into indicator rows, which no indicator header maps it to. A 资金 header the
/// reader refuses (headings it does not know) or one with no rows under it is said too, with
/// what to do. `None` for a block the reader takes for no 资金 block.
pub fn funds_block_notice(rows: &[Vec<String>]) -> Option<String> {
    let funds = super::mapping::pasted_funds(rows)?;
    let n = funds.rows.len();
    Some(if let Some(unread) = &funds.unread_header {
        format!(
            "粘贴的是项目资金栏，{}后，再点“资金情况”表第一行的名称格粘贴。资金不作为指标粘贴，未做任何改动。",
            unread.said()
        )
    } else if n == 0 {
        "粘贴的是项目资金栏的表头，其下没有资金行：资金不作为指标粘贴。未做任何改动。".to_string()
    } else {
        format!(
            "粘贴的是项目资金栏（{n} 行）：资金不作为指标粘贴，请点“资金情况”表第一行的名称格再粘贴，或以“打开文件”导入整张表。未做任何改动。"
        )
    })
}

/// The 预算执行率 a 资金 block above a block's header scores (its first row's 分值, the row
/// the reading of it puts first at the top level, as a file's is): it is the sheet's own
/// 预算执行率, wherever that is, updated as a row of its name is, and never a second one among
/// indicators pasted at a lower level. A sheet without one gets it first at the top level
/// (the cursor, `at`, moved down with the rows; returned).
fn budget_from_above(
    sheet: &mut Sheet,
    block: &mut Sheet,
    at: Option<usize>,
    done: &mut Pasted,
) -> Option<usize> {
    let budget = |n: &Node| !n.is_group() && matches!(n.rule, Some(Rule::BudgetExecution(_)));
    if block.funds.is_empty() || !block.indicators.first().is_some_and(budget) {
        return at;
    }
    let row = block.indicators.remove(0);
    let mut stack: Vec<&mut Node> = sheet.indicators.iter_mut().collect();
    while let Some(node) = stack.pop() {
        if budget(node) {
            update(node, row, done);
            done.filled += 1;
            return at;
        }
        stack.extend(node.children.iter_mut().rev());
    }
    sheet.indicators.insert(0, row);
    done.added += 1;
    at.map(|a| a + 1)
}

/// The 基本信息 the lines above a block's header name (`项目名称`, `主管部门`, its title):
/// each filled in, and a field filled differently listed as a cell the block changed.
fn meta_from_above(sheet: &mut Sheet, from: Meta, done: &mut Pasted) {
    let unit = if sheet.kind == SheetKind::Project {
        "实施单位"
    } else {
        "单位名称"
    };
    let own = &mut sheet.meta;
    for (label, own, new) in [
        ("标题", &mut own.title, from.title),
        ("项目名称", &mut own.project, from.project),
        ("主管部门", &mut own.department, from.department),
        (unit, &mut own.unit, from.unit),
        ("年度", &mut own.year, from.year),
        ("年度总体目标", &mut own.goal, from.goal),
        ("实际完成情况", &mut own.achieved, from.achieved),
        ("主要问题", &mut own.problems, from.problems),
        ("改进建议", &mut own.suggestions, from.suggestions),
        ("填报人", &mut own.preparer, from.preparer),
        ("审核人", &mut own.reviewer, from.reviewer),
        ("联系电话", &mut own.phone, from.phone),
        ("填报日期", &mut own.date, from.date),
    ] {
        if new.trim().is_empty() || own.trim() == new.trim() {
            continue;
        }
        if !own.trim().is_empty() {
            done.overwritten.push(format!("{label} {own} → {new}"));
        }
        *own = new;
        done.above.push(label.to_string());
    }
}

/// Whether a 资金 row has nothing typed beyond its name: a template's.
fn fund_is_blank(row: &FundsRow) -> bool {
    [
        row.initial.as_str(),
        &row.budget,
        &row.spent,
        &row.note,
        &row.declared.rate,
        &row.declared.score,
    ]
    .iter()
    .all(|t| t.trim().is_empty())
}

/// The 资金 block above a block's header, read as a file's is: it takes the place of a
/// template's blank rows, or fills the sheet's rows (a figure changed is listed) and adds the
/// others after them. Its first row, where that is its total ([`is_funds_total`]), fills the
/// sheet's top row (not 其中) whatever either calls it (资金总额, 年度资金总额): a sheet has
/// one, from which its 预算执行率 is scored. Its other rows fill those of their names: a block
/// of funds without a total (财政拨款, 其他资金) leaves the sheet's total as it was.
fn funds_from_above(funds: &mut Vec<FundsRow>, from: Vec<FundsRow>, done: &mut Pasted) {
    if from.is_empty() {
        return;
    }
    done.above.push(format!("资金情况 {} 行", from.len()));
    if funds.iter().all(fund_is_blank) {
        *funds = from;
        return;
    }
    let total = is_funds_total(&from);
    for (i, new) in from.into_iter().enumerate() {
        let same = |f: &FundsRow| f.name.trim() == new.name.trim() && f.part == new.part;
        let at = if i == 0 && total {
            funds.iter().position(|f| !f.part)
        } else {
            funds.iter().position(same)
        };
        let Some(own) = at.map(|at| &mut funds[at]) else {
            funds.push(new);
            continue;
        };
        let name = own.name.clone();
        let mut take = |label: &str, own: &mut String, new: &str| {
            if new.trim().is_empty() || own == new {
                return;
            }
            if !own.trim().is_empty() {
                done.overwritten
                    .push(format!("{name}的{label} {own} → {new}"));
            }
            *own = new.to_string();
        };
        take("年初预算数", &mut own.initial, &new.initial);
        take("全年预算数", &mut own.budget, &new.budget);
        take("全年执行数", &mut own.spent, &new.spent);
        take("备注", &mut own.note, &new.note);
        for (label, own, new) in [
            ("申报执行率", &mut own.declared.rate, &new.declared.rate),
            ("申报得分", &mut own.declared.score, &new.declared.score),
        ] {
            let mut text = own.to_string();
            take(label, &mut text, new);
            *own = text.into();
        }
    }
}

/// Whether a 资金 block's first row is its total: its 其中 rows follow it, or it is named as
/// the forms name theirs (年度资金总额, 全年预算（收支合计）, 合计, 总计).
fn is_funds_total(block: &[FundsRow]) -> bool {
    let Some(first) = block.first().filter(|f| !f.part) else {
        return false;
    };
    let named = ["总额", "合计", "总计"]
        .iter()
        .any(|t| first.name.contains(t));
    named || block.get(1).is_some_and(|f| f.part)
}

/// A 预算执行率 row scored from the 资金 block that a paste gave a 预算数 / 执行数: they are
/// typed into the block's first row (年度资金总额), as on the 10号 form, and the row keeps none.
fn figures_to_funds(sheet: &mut Sheet, done: &mut Pasted) {
    let Some(total) = sheet.funds.first_mut() else {
        return;
    };
    let mut stack: Vec<&mut Node> = sheet.indicators.iter_mut().collect();
    while let Some(node) = stack.pop() {
        if !(node.scored_from_funds() && node.children.is_empty()) {
            stack.extend(node.children.iter_mut());
            continue;
        }
        let name = total.name.clone();
        for (label, own, new) in [
            ("全年预算数", &mut total.budget, &mut node.target),
            ("全年执行数", &mut total.spent, &mut node.actual),
        ] {
            let new = std::mem::take(new).to_string();
            if new.trim().is_empty() || *own == new {
                continue;
            }
            if !own.trim().is_empty() {
                done.overwritten
                    .push(format!("{name}的{label} {own} → {new}"));
            }
            *own = new;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Calculator;
    use crate::model::SheetKind;
    use crate::rules::BudgetExecution;

    /// Pastes into the calculator's sheet, as the page does (it opens the result).
    fn paste_into(
        calc: &mut Calculator,
        at: Option<usize>,
        depth: usize,
        rows: Vec<Node>,
    ) -> Pasted {
        let mut sheet = calc.to_sheet();
        let mut block = Sheet::new(sheet.kind);
        block.indicators = rows;
        let done = paste(&mut sheet, at, depth, 0, block);
        *calc = Calculator::new(sheet);
        done
    }

    #[test]
    fn positions_and_indices_in_printed_order() {
        let tree = vec![
            Node::group(
                "甲",
                "",
                vec![
                    leaf("甲一", "", ""),
                    Node::group("甲二", "", vec![leaf("甲二一", "", "")]),
                ],
            ),
            leaf("乙", "", ""),
        ];
        let expected = [
            (vec![0], false),
            (vec![0, 0], true),
            (vec![0, 1], false),
            (vec![0, 1, 0], true),
            (vec![1], true),
        ];
        for (i, (path, leaf)) in expected.iter().enumerate() {
            assert_eq!(position(&tree, i), Some((path.clone(), *leaf)));
            assert_eq!(index_of(&tree, path), Some(i));
        }
        assert_eq!(position(&tree, 5), None);
    }

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
        let done = paste_into(&mut calc, Some(0), 0, pasted);
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
        // The template's rule and weight stay where the block has none; the figures go to
        // the 项目资金 block's 年度资金总额, from which the row is scored.
        let budget = calc.node(0).unwrap();
        assert!(matches!(
            budget.rule,
            Some(crate::model::Rule::BudgetExecution(BudgetExecution {
                from_funds: true
            }))
        ));
        assert_eq!((budget.target.as_str(), budget.actual.as_str()), ("", ""));
        let total = &calc.funds_rows()[0];
        assert_eq!(
            (total.budget.as_str(), total.spent.as_str()),
            ("200.00", "187.30")
        );
        assert_eq!(calc.score(0), Some(rust_decimal::Decimal::new(937, 2)));
        assert_eq!(done.first, Some(0));
        // 时效指标 keeps its blank row: nothing was pasted there.
        let timely = rows.iter().position(|r| r.trim() == "时效指标").unwrap();
        assert_eq!(rows[timely + 1].trim(), "");
    }

    /// A unit's table pasted with its printed figures: a worked-out 得分 and 完成率, a group's
    /// 得分, kept as declared for the review, into rows new and existing.
    #[test]
    fn a_pasted_tables_printed_figures_are_declared() {
        let mut calc = Calculator::new(crate::templates::find("project").unwrap().sheet());
        let mut budget = leaf("预算执行率", "200.00", "187.30");
        budget.declared.rate = "93.65%".into();
        budget.declared.score = "9".into();
        let mut area = leaf("完成改造面积", "≥2000", "2100");
        area.declared.score = "20".into();
        let mut quantity = Node::group("数量指标", "", vec![area]);
        quantity.declared.score = "20".into();
        let mut output = Node::group("产出指标", "", vec![quantity]);
        output.declared.score = "48".into();
        paste_into(&mut calc, Some(0), 0, vec![budget, output]);
        let declared = |name: &str| {
            let i = (0..calc.len())
                .find(|&i| calc.node(i).unwrap().name == name)
                .unwrap();
            calc.node(i).unwrap().declared.clone()
        };
        assert_eq!(
            (
                declared("预算执行率").rate.as_str(),
                declared("预算执行率").score.as_str()
            ),
            ("93.65%", "9"),
            "an existing row takes the block's figures"
        );
        assert_eq!(
            declared("产出指标").score,
            "48",
            "a group named like the sheet's"
        );
        assert_eq!(declared("数量指标").score, "20");
        assert_eq!(declared("完成改造面积").score, "20", "a row added");
        assert_eq!(
            calc.score(0),
            Some(rust_decimal::Decimal::new(937, 2)),
            "never scored"
        );
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
        paste_into(&mut calc, Some(0), 0, pasted);
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

    /// A finance officer's whole 自评表 pasted over the template: its 满意度 row is named
    /// otherwise (企业满意度), and the template's 服务对象满意度 ≥ 90%, never filled, stayed
    /// beside it: 1 项待填 and a 满意度 group whose 分值 did not add up.
    #[test]
    fn an_untouched_template_row_gives_way_to_a_blocks_rows() {
        let block = || {
            let mut firms = leaf("企业满意度", "≥90%", "92.3%");
            firms.weight = "10".into();
            vec![Node::group(
                "满意度指标",
                "",
                vec![Node::group("服务对象满意度指标", "", vec![firms])],
            )]
        };
        let mut calc = Calculator::new(crate::templates::find("project").unwrap().sheet());
        paste_into(&mut calc, Some(0), 0, block());
        let group = find(&calc, "服务对象满意度指标");
        let names: Vec<String> = (group + 1..calc.len())
            .map(|i| calc.node(i).unwrap().name.to_string())
            .collect();
        assert_eq!(names, ["企业满意度"]);
        assert_eq!(calc.score(find(&calc, "满意度指标")), Some(10.into()));
        // Typed into, it is the user's row and stays.
        let mut calc = Calculator::new(crate::templates::find("project").unwrap().sheet());
        let ours = find(&calc, "服务对象满意度");
        calc.edit(ours, crate::diagnostic::Field::Actual, "88%")
            .unwrap();
        paste_into(&mut calc, Some(0), 0, block());
        assert_eq!(
            calc.node(find(&calc, "服务对象满意度")).unwrap().actual,
            "88%"
        );
    }

    /// A helper pasting 82 indicators found: rows with figures pasted under 可持续影响指标, whose
    /// blank template row is 定性, became 定性 rows, their actuals hidden and unscored.
    #[test]
    fn rows_with_figures_take_no_qualitative_preset() {
        let mut calc = Calculator::new(crate::templates::find("project").unwrap().sheet());
        let mut lasting = leaf("长效机制覆盖社区数", "150", "178");
        lasting.weight = "10".into();
        let mut rated = leaf("制度建设", "健全", "基本健全");
        rated.weight = "10".into();
        let pasted = vec![Node::group(
            "效益指标",
            "",
            vec![Node::group("可持续影响指标", "", vec![lasting, rated])],
        )];
        paste_into(&mut calc, Some(0), 0, pasted);
        let lasting = find(&calc, "长效机制覆盖社区数");
        assert_eq!(calc.node(lasting).unwrap().comparison, None);
        assert_eq!(calc.score(lasting), Some(10.into()), "178 against 150");
        // A row with nothing to compare still takes the 定性 its place was preset to.
        let rated = find(&calc, "制度建设");
        assert_eq!(
            calc.node(rated).unwrap().comparison,
            Some(Comparison::Qualitative)
        );
    }

    fn find(calc: &Calculator, name: &str) -> usize {
        (0..calc.len())
            .find(|&i| calc.node(i).unwrap().name == name)
            .unwrap_or_else(|| panic!("no row {name}"))
    }

    /// A review found: indicators alone pasted on 成本指标's blank row lost its ≤; a block
    /// starting at 二级 pasted with the cursor on 预算执行率 made a second 数量指标; a block
    /// pasted again added its rows twice and replaced typed cells unsaid; a block with no 分值
    /// column cleared the template's group 分值.
    #[test]
    fn what_a_review_found() {
        let template = || Calculator::new(crate::templates::find("project").unwrap().sheet());
        let mut calc = template();
        let blank_cost = find(&calc, "成本指标") + 1;
        let mut unit_cost = leaf("单位成本", "500元", "480元");
        unit_cost.weight = "10".into();
        paste_into(&mut calc, Some(blank_cost), 2, vec![unit_cost]);
        let cost = find(&calc, "单位成本");
        assert_eq!(
            calc.node(cost).unwrap().comparison,
            Some(crate::comparison::Comparison::AtMost)
        );
        assert_eq!(calc.score(cost), Some(10.into()));
        // So with its 计分方法 saying 比率法.
        let mut calc = template();
        let mut unit_cost = leaf("单位成本", "500元", "480元");
        unit_cost.rule = crate::rule_text::parse("比率法").flatten();
        paste_into(&mut calc, Some(blank_cost), 2, vec![unit_cost]);
        let cost = find(&calc, "单位成本");
        let at_most = Some(crate::comparison::Comparison::AtMost);
        assert_eq!(calc.node(cost).unwrap().comparison, at_most);

        let mut calc = template();
        let block = vec![Node::group(
            "数量指标",
            "",
            vec![
                leaf("完成面积", "2000", "2100"),
                leaf("完成户数", "100", "90"),
            ],
        )];
        let done = paste_into(&mut calc, Some(0), 1, block.clone());
        assert_eq!(
            names(&calc)
                .iter()
                .filter(|n| n.trim() == "数量指标")
                .count(),
            1
        );
        assert_eq!(
            calc.parent(find(&calc, "完成面积")),
            Some(find(&calc, "数量指标"))
        );
        assert_eq!(done.first, Some(find(&calc, "完成面积")));
        assert_eq!(
            calc.node(find(&calc, "数量指标")).unwrap().weight,
            "",
            "all pasted, all weighted"
        );

        // Again, with one figure changed and a cell typed meanwhile: updated, not added, and
        // what it changed is said.
        let mut typed = calc.clone();
        typed
            .set(
                find(&typed, "完成户数"),
                crate::diagnostic::Field::Reason,
                "入户延期",
            )
            .unwrap();
        let mut again = block.clone();
        again[0].children[1].actual = "95".into();
        again[0].children[1].reason = "部分延期".into();
        let done = paste_into(&mut typed, Some(0), 1, again);
        assert_eq!((done.added, done.filled), (0, 2));
        assert_eq!(
            done.overwritten,
            [
                "完成户数的实际完成值 90 → 95",
                "完成户数的偏差原因 入户延期 → 部分延期"
            ]
        );
        assert_eq!(
            names(&typed)
                .iter()
                .filter(|n| n.trim() == "完成户数")
                .count(),
            1
        );

        // No 分值 column: the template's group 分值 stays.
        let mut calc = template();
        let unweighted = |name: &str| Node {
            name: name.into(),
            target: "1".into(),
            actual: "1".into(),
            ..Node::default()
        };
        paste_into(
            &mut calc,
            Some(0),
            1,
            vec![Node::group(
                "数量指标",
                "",
                vec![unweighted("甲"), unweighted("乙")],
            )],
        );
        assert_eq!(calc.node(find(&calc, "数量指标")).unwrap().weight, "20");
    }

    #[test]
    fn the_cursor_goes_to_the_first_row_of_the_block_after_rows_added_before_it() {
        let mut sheet = Sheet::new(SheetKind::Department);
        sheet.indicators = vec![Node::group("产出", "", vec![leaf("甲", "1", "1")])];
        let mut calc = Calculator::new(sheet);
        let done = paste_into(
            &mut calc,
            Some(0),
            0,
            vec![
                Node::group("产出", "", vec![leaf("乙", "1", "1")]),
                Node::group("其他", "", vec![leaf("丙", "1", "1")]),
            ],
        );
        assert_eq!(done.first, Some(find(&calc, "乙")));
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
        let done = paste_into(
            &mut calc,
            Some(1),
            2,
            vec![leaf("丙", "1", "1"), leaf("丁", "1", "1")],
        );
        assert_eq!(names(&calc), ["产出", "  甲", "  丙", "  丁", "  乙"]);
        assert_eq!((done.added, done.first), (2, Some(2)));
        // On the group: at the end of its rows.
        paste_into(&mut calc, Some(0), 2, vec![leaf("戊", "1", "1")]);
        assert_eq!(names(&calc).last().unwrap(), "  戊");
    }

    /// A unit's form names its groups with their 分值: pasted into the template, they are its
    /// groups (once each, the 分值 theirs), and the names typed in the sheet stay as they are.
    #[test]
    fn groups_named_with_their_weights_are_the_sheets_groups() {
        let mut calc = Calculator::new(crate::templates::find("project").unwrap().sheet());
        let before = names(&calc);
        let pasted = vec![
            Node::group(
                "产出指标（40分）",
                "",
                vec![Node::group(
                    "数量指标",
                    "",
                    vec![leaf("完成改造面积", "≥2000", "2100")],
                )],
            ),
            Node::group(
                "满意度指标(满分10分)",
                "",
                vec![Node::group(
                    "服务对象满意度指标",
                    "",
                    vec![leaf("服务对象满意度", "≥90%", "95%")],
                )],
            ),
            // A 分值 that is not one: a name like any other.
            Node::group("成本指标（≥90分）", "", vec![leaf("单位成本", "100", "90")]),
        ];
        paste_into(&mut calc, Some(0), 0, pasted);
        let groups: Vec<(String, String)> = (0..calc.len())
            .filter(|&i| calc.depth(i) == 0 && !calc.is_leaf(i))
            .map(|i| {
                let n = calc.node(i).unwrap();
                (n.name.to_string(), n.weight.to_string())
            })
            .collect();
        let top: Vec<&str> = before
            .iter()
            .filter(|n| !n.starts_with(' '))
            .map(String::as_str)
            .collect();
        assert!(
            top.contains(&"产出指标") && top.contains(&"满意度指标"),
            "{top:?}"
        );
        let named = |name: &str| groups.iter().filter(|(n, _)| n == name).count();
        assert_eq!(
            (named("产出指标"), named("满意度指标")),
            (1, 1),
            "{groups:?}"
        );
        assert_eq!(named("产出指标（40分）") + named("满意度指标(满分10分)"), 0);
        let weight = |name: &str| groups.iter().find(|(n, _)| n == name).unwrap().1.clone();
        assert_eq!(
            (weight("产出指标"), weight("满意度指标")),
            ("40".into(), "10".into())
        );
        assert_eq!(named("成本指标（≥90分）"), 1);
    }

    /// A block with its 合计 row and 评价等级 line, as the reader gives it.
    fn with_total(rows: Vec<Node>, total: &str, grade: &str) -> Sheet {
        let mut block = Sheet::new(SheetKind::Department);
        block.indicators = rows;
        block.declared.total = total.into();
        block.declared.grade = grade.into();
        block
    }

    /// A reviewer found: a pasted table's 合计 95.4 and 等级 优 were dropped, so 审核 had
    /// nothing to check against the leaves' 94.90. Pasted again, the newer table's replaces
    /// them, said; a few rows pasted (no 合计) leave them.
    #[test]
    fn a_pasted_tables_declared_total_and_grade_are_kept() {
        let mut sheet = Sheet::new(SheetKind::Department);
        sheet.indicators = vec![Node::group("履职效能", "", vec![leaf("甲", "1", "1")])];
        let table = || vec![Node::group("履职效能", "", vec![leaf("甲", "1", "1")])];
        let done = paste(&mut sheet, Some(0), 0, 0, with_total(table(), "95.4", "优"));
        assert_eq!(
            (sheet.declared.total.as_str(), sheet.declared.grade.as_str()),
            ("95.4", "优")
        );
        assert_eq!(done.declared, ["自评总分 95.4", "自评等级 优"]);
        assert!(done.overwritten.is_empty(), "{:?}", done.overwritten);

        let done = paste(&mut sheet, Some(0), 0, 0, with_total(table(), "96", "优"));
        assert_eq!(sheet.declared.total, "96");
        assert_eq!(
            done.declared,
            ["自评总分 96"],
            "the same 等级 is nothing new"
        );
        assert_eq!(done.overwritten, ["自评总分 95.4 → 96"]);

        let done = paste(
            &mut sheet,
            Some(1),
            2,
            0,
            with_total(vec![leaf("乙", "1", "1")], "", ""),
        );
        assert_eq!(
            (sheet.declared.total.as_str(), sheet.declared.grade.as_str()),
            ("96", "优")
        );
        assert!(done.declared.is_empty() && done.overwritten.is_empty());
    }

    /// A review found: a 汇总表 pasted with its title line kept the page's title and said
    /// nothing of it, where a sheet's paste takes the line above the header as its title.
    /// Its 合计 row's 完成率 is declared, as a sheet's 总分 is.
    #[test]
    fn a_pasted_summarys_title_line_and_total_rate_are_taken() {
        let mut sheet = crate::templates::find("summary").unwrap().sheet();
        let mut block = Sheet::new(SheetKind::Summary);
        block.meta.title = "2023年度荔湾区财政支出项目绩效重点评价汇总表".into();
        block.projects = vec![ProjectRow {
            project: "甲".into(),
            budget: "100".into(),
            spent: "90".into(),
            ..ProjectRow::default()
        }];
        block.declared.rate = "90.00%".into();
        let done = paste(&mut sheet, None, 0, 0, block);
        assert_eq!(
            sheet.meta.title,
            "2023年度荔湾区财政支出项目绩效重点评价汇总表"
        );
        assert_eq!(done.above, ["标题"]);
        assert_eq!(
            done.overwritten,
            ["标题 财政支出项目绩效评价汇总表 → 2023年度荔湾区财政支出项目绩效重点评价汇总表"]
        );
        assert_eq!(sheet.declared.rate, "90.00%");
        assert_eq!(done.declared, ["合计的自评完成率 90.00%"]);
    }

    /// A review found: a block of 项目04–05 with its 合计 95.00% pasted below 项目01–03 made
    /// 95.00% the table's declared 合计, which 审核 checked against the rate of all five
    /// projects, a difference the unit never made. Only a block that is the whole 汇总表
    /// declares its 合计; one among other rows (on the page, a workbook's rows from its
    /// sheets come first) leaves the declared rate as it was, and says why.
    #[test]
    fn a_summary_blocks_total_is_declared_only_when_it_is_the_whole_table() {
        let row = |p: &str| ProjectRow {
            project: p.into(),
            budget: "100".into(),
            spent: "95".into(),
            ..ProjectRow::default()
        };
        let block = |rows: Vec<ProjectRow>, rate: &str| {
            let mut block = Sheet::new(SheetKind::Summary);
            block.projects = rows;
            block.declared.rate = rate.into();
            block
        };
        let mut sheet = Sheet::new(SheetKind::Summary);
        sheet.projects = vec![row("项目01"), row("项目02"), row("项目03")];
        let done = paste(
            &mut sheet,
            Some(2),
            0,
            0,
            block(vec![row("项目04"), row("项目05")], "95.00%"),
        );
        assert_eq!(sheet.projects.len(), 5);
        assert_eq!(
            sheet.declared.rate, "",
            "the block's 合计 is of two projects"
        );
        assert_eq!(done.partial_total, Some(2));
        assert!(done.declared.is_empty() && done.overwritten.is_empty());

        // A rate declared before stays as it was.
        sheet.declared.rate = "90.00%".into();
        let done = paste(&mut sheet, None, 0, 0, block(vec![row("项目06")], "95.00%"));
        assert_eq!(sheet.declared.rate, "90.00%");
        assert_eq!(done.partial_total, Some(1));
        assert_eq!(
            done.earlier_rate.as_deref(),
            Some("90.00%"),
            "said, as it is of fewer rows"
        );

        // A workbook's 汇总表 on the page: its sheet's row, then a blank row added and pasted
        // at, which the block takes the place of.
        let mut sheet = Sheet::new(SheetKind::Summary);
        sheet.projects = vec![row("表格的项目"), ProjectRow::default()];
        let done = paste(
            &mut sheet,
            Some(1),
            0,
            0,
            block(vec![row("项目01"), row("项目02")], "95.00%"),
        );
        assert_eq!((done.added, done.replaced), (2, 1));
        assert_eq!(sheet.declared.rate, "");
        assert_eq!(done.partial_total, Some(2));

        // Over a table of blank rows, the block is the table: its 合计 is declared.
        let mut sheet = Sheet::new(SheetKind::Summary);
        sheet.projects = vec![ProjectRow::default(), ProjectRow::default()];
        let done = paste(
            &mut sheet,
            Some(0),
            0,
            0,
            block(vec![row("项目01"), row("项目02")], "95.00%"),
        );
        assert_eq!(sheet.declared.rate, "95.00%");
        assert_eq!(done.declared, ["合计的自评完成率 95.00%"]);
        assert_eq!(done.partial_total, None);
        assert_eq!(done.earlier_rate, None, "the block is the table");

        // A block without a 合计 among other rows: nothing to say.
        let done = paste(&mut sheet, Some(0), 0, 0, block(vec![row("项目03")], ""));
        assert_eq!(sheet.declared.rate, "95.00%");
        assert_eq!(done.partial_total, None);
    }

    /// A reviewer's: the 汇总表 copied to Excel, its 分数 corrected there and pasted back
    /// with its header, came in as a second set of rows beside the first, each said to repeat
    /// an earlier project. A row of a typed project updates it (its filled cells listed when
    /// changed); a workbook's rows from its sheets are neither written nor added again; new
    /// projects are added.
    #[test]
    fn a_summary_pasted_back_updates_its_projects() {
        let settings = || Resolved::read(&Default::default()).0;
        let row = |unit: &str, p: &str, score: &str| ProjectRow {
            unit: unit.into(),
            project: p.into(),
            budget: "100".into(),
            spent: "90".into(),
            score: score.into(),
            ..ProjectRow::default()
        };
        // Row 0 is a workbook sheet's; rows 1–2 are typed.
        let mut projects = vec![
            row("区教育局", "甲", "88"),
            row("区教育局", "乙", "80"),
            row("区卫健局", "丙", ""),
        ];
        let back = vec![
            row("区教育局", "甲", "99"),
            row("区教育局", "乙", "85"),
            // Width and spaces typed otherwise are the same project.
            row("区卫健局 ", "丙", "90"),
            row("区卫健局", "丁", "70"),
        ];
        let done = paste_projects(&mut projects, Some(2), 1, back, &settings());
        let rows: Vec<(&str, &str)> = projects
            .iter()
            .map(|p| (p.project.as_str(), p.score.as_str()))
            .collect();
        assert_eq!(
            rows,
            [("甲", "88"), ("乙", "85"), ("丙", "90"), ("丁", "70")]
        );
        assert_eq!(
            (done.added, done.filled, done.from_sheets, done.first),
            (1, 2, 1, Some(1))
        );
        assert_eq!(done.overwritten, ["乙的分数 80 → 85"]);
        assert_eq!(projects[2].unit, "区卫健局", "the row's own writing stays");

        // The exported form's own figures, as Excel shows and copies them: `1,200.00` for
        // `1200` and `85.00` for `85` are no change, and the 等级 and 预算完成率 the row comes
        // to stay worked out, not typed. A grade the row does not come to is taken.
        let mut projects = vec![ProjectRow {
            budget: "1200".into(),
            spent: "1080".into(),
            ..row("", "戊", "85")
        }];
        let copied = |grade: &str| ProjectRow {
            budget: "1,200.00".into(),
            spent: "1,080.00".into(),
            grade: grade.into(),
            declared: crate::model::DeclaredRate {
                rate: "90.00%".into(),
            },
            ..row("", "戊", "85.00")
        };
        let done = paste_projects(&mut projects, None, 0, vec![copied("良")], &settings());
        assert_eq!(done.overwritten, Vec::<String>::new());
        assert_eq!(
            projects[0],
            ProjectRow {
                budget: "1200".into(),
                spent: "1080".into(),
                ..row("", "戊", "85")
            }
        );
        let done = paste_projects(&mut projects, None, 0, vec![copied("优")], &settings());
        assert_eq!((done.filled, projects[0].grade.as_str()), (1, "优"));

        // As a whole 汇总表 with its 合计: its rows are the table's, so its 合计 is declared.
        let mut sheet = Sheet::new(SheetKind::Summary);
        sheet.projects = vec![row("", "甲", "88"), row("", "乙", "80")];
        let mut block = Sheet::new(SheetKind::Summary);
        block.projects = vec![row("", "甲", "88"), row("", "乙", "85")];
        block.declared.rate = "90.00%".into();
        let done = paste(&mut sheet, Some(0), 0, 0, block);
        assert_eq!((done.added, done.filled, done.first), (0, 2, Some(0)));
        assert_eq!(sheet.projects.len(), 2);
        assert_eq!(sheet.declared.rate, "90.00%");
        assert_eq!(done.partial_total, None);
    }

    /// A 汇总表 pasted with its 等级 and 预算完成率 columns, as a unit's form or the exported
    /// one has them: where the row comes to them they stay worked out, new rows too, so that
    /// correcting a score later grades it afresh (the printed grade had stayed 良 at 90 分).
    #[test]
    fn a_pasted_grade_the_score_gives_stays_worked_out() {
        let settings = Resolved::read(&Default::default()).0;
        let row = |p: &str, score: &str, grade: &str, rate: &str| ProjectRow {
            project: p.into(),
            budget: "100".into(),
            spent: "90".into(),
            score: score.into(),
            grade: grade.into(),
            declared: crate::model::DeclaredRate { rate: rate.into() },
            ..ProjectRow::default()
        };
        let mut projects = vec![row("甲", "80", "", "")];
        let block = vec![
            // Its score changed, with the grade it now comes to.
            row("甲", "92", "优", "90.00%"),
            row("乙", "89.00", "良", "90%"),
            // Not what the score gives, or no score: typed.
            row("丙", "89", "优", "91.00%"),
            row("丁", "", "良", ""),
        ];
        paste_projects(&mut projects, None, 0, block, &settings);
        let typed: Vec<(&str, &str)> = projects
            .iter()
            .map(|p| (p.grade.as_str(), p.declared.rate.as_str()))
            .collect();
        assert_eq!(typed, [("", ""), ("", ""), ("优", "91.00%"), ("良", "")]);
        // 乙 corrected to 90 is graded 优, as the 合计 counts it.
        projects[1].score = "90".into();
        let line = summary::read_row(0, &projects[1], &settings, &mut Vec::new());
        assert_eq!(line.grade.as_deref(), Some("优"));
    }

    /// A cell cleared in Excel and pasted back leaves the row's (a form pasted again with a
    /// cell not filled yet must not empty it), and says so where the block has the column:
    /// pasted in Excel, the cell would have been cleared.
    #[test]
    fn a_blank_pasted_cell_keeps_the_rows_and_is_said() {
        let mut calc = Calculator::new(Sheet::new(SheetKind::Department));
        let mut a = leaf("甲", "100", "90");
        a.reason = "进度滞后".into();
        a.note = "备注甲".into();
        let mut b = leaf("乙", "100", "95");
        b.reason = "原因乙".into();
        paste_into(&mut calc, None, 2, vec![a, b]);
        // 甲's 偏差原因 cleared; the block has no 备注 column at all.
        let back = vec![leaf("甲", "100", "92"), {
            let mut b = leaf("乙", "100", "95");
            b.reason = "原因乙".into();
            b
        }];
        let done = paste_into(&mut calc, None, 2, back);
        assert_eq!(done.overwritten, ["甲的实际完成值 90 → 92"]);
        assert_eq!(done.kept, ["甲的偏差原因"]);
        let a = calc.node(find(&calc, "甲")).unwrap();
        assert_eq!((a.reason.as_str(), a.note.as_str()), ("进度滞后", "备注甲"));
        // Nor a declared 得分 (no cell in the grid to clear), nor a 得分 pasted as 不适用.
        let with = |name: &str, declared: &str, na: bool| {
            let mut n = leaf(name, "100", "95");
            n.declared.score = declared.into();
            n.score = if na { "" } else { "8" }.into();
            n.not_applicable = na;
            n
        };
        paste_into(
            &mut calc,
            None,
            2,
            vec![with("甲", "9", false), with("乙", "9", false)],
        );
        let done = paste_into(
            &mut calc,
            None,
            2,
            vec![with("甲", "", true), with("乙", "9", false)],
        );
        assert_eq!(done.kept, Vec::<String>::new());

        // A 汇总表 row the same way: its 问题 cleared among rows that fill it.
        let settings = Resolved::read(&Default::default()).0;
        let row = |p: &str, problems: &str| ProjectRow {
            project: p.into(),
            budget: "100".into(),
            problems: problems.into(),
            ..ProjectRow::default()
        };
        let mut projects = vec![row("甲", "问题甲"), row("乙", "问题乙")];
        let back = vec![row("甲", ""), row("乙", "问题乙")];
        let done = paste_projects(&mut projects, None, 0, back, &settings);
        assert_eq!(done.kept, ["甲的问题"]);
        assert_eq!(projects[0].problems, "问题甲");
    }

    #[test]
    fn pasted_projects_go_after_the_cursor_and_replace_blank_rows() {
        let settings = || Resolved::read(&Default::default()).0;
        let mut projects = vec![ProjectRow::default()];
        let row = |p: &str| ProjectRow {
            project: p.into(),
            budget: "100".into(),
            spent: "90".into(),
            ..ProjectRow::default()
        };
        let done = paste_projects(
            &mut projects,
            Some(0),
            0,
            vec![row("甲"), row("乙")],
            &settings(),
        );
        assert_eq!((done.added, done.replaced, done.first), (2, 1, Some(0)));
        paste_projects(&mut projects, Some(0), 0, vec![row("丙")], &settings());
        let names: Vec<&str> = projects.iter().map(|p| p.project.as_str()).collect();
        assert_eq!(names, ["甲", "丙", "乙"]);
        // At a blank row just added among others: the block starts there, no blank left.
        projects.insert(1, ProjectRow::default());
        let done = paste_projects(
            &mut projects,
            Some(1),
            0,
            vec![row("丁"), row("戊")],
            &settings(),
        );
        assert_eq!((done.added, done.replaced, done.first), (2, 1, Some(1)));
        let names: Vec<&str> = projects.iter().map(|p| p.project.as_str()).collect();
        assert_eq!(names, ["甲", "丁", "戊", "丙", "乙"]);
    }
}
