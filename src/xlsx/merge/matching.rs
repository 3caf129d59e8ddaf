//! Matching a returned form's rows to the sheet's: 汇总表 rows by 单位 and 项目, indicators by
//! their path of names, so a form sorted or filtered in Excel still matches.

use crate::model::IndicatorRows;

/// For each row of `after`, the row of `before` it is: the row with the same name under the
/// same groups' names, else (a row renamed) the row at the same place and depth, when that
/// one is not taken.
pub(super) fn match_rows(before: &IndicatorRows, after: &IndicatorRows) -> Vec<Option<usize>> {
    let paths = |rows: &IndicatorRows| -> Vec<Vec<String>> {
        // Parents come before their children: each row's path extends its parent's.
        let mut paths: Vec<Vec<String>> = Vec::with_capacity(rows.nodes.len());
        for (i, node) in rows.nodes.iter().enumerate() {
            let mut path = match rows.parents[i] {
                IndicatorRows::TOP => Vec::new(),
                p => paths[p as usize].clone(),
            };
            path.push(node.name.to_string());
            paths.push(path);
        }
        paths
    };
    match_keys(&paths(before), &paths(after), |b, a| {
        before.depths[b] == after.depths[a]
    })
}

/// For each key of `after`, the index of an equal key of `before`, each taken once, in order;
/// the keys left then pair by position where `same_place(before, after)` allows (a row
/// renamed where it was).
pub(super) fn match_keys<K: Eq + std::hash::Hash>(
    before: &[K],
    after: &[K],
    same_place: impl Fn(usize, usize) -> bool,
) -> Vec<Option<usize>> {
    let mut by_key: std::collections::HashMap<&K, std::collections::VecDeque<usize>> =
        std::collections::HashMap::new();
    for (b, key) in before.iter().enumerate() {
        by_key.entry(key).or_default().push_back(b);
    }
    let mut used = vec![false; before.len()];
    let mut matched: Vec<Option<usize>> = after
        .iter()
        .map(|key| {
            let b = by_key.get_mut(key)?.pop_front()?;
            used[b] = true;
            Some(b)
        })
        .collect();
    for (a, m) in matched.iter_mut().enumerate() {
        if m.is_none() && a < used.len() && !used[a] && same_place(a, a) {
            used[a] = true;
            *m = Some(a);
        }
    }
    matched
}
