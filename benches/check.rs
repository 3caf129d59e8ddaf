//! `cargo bench --bench check`: a reviewer's batch (issue 17): 1,000 project tables with the
//! units' declared figures, read from disk and reviewed as `jixiao check` does. In one batch
//! every table agrees with ours; in the other every table has a slip, so that each is also
//! scored under every convention (the costly path).

use criterion::{criterion_group, criterion_main, Criterion};
use jixiao::engine::Calculator;
use jixiao::model::{IndicatorRows, Sheet};
use std::hint::black_box;
use std::path::{Path, PathBuf};

#[path = "../tests/common/mod.rs"]
mod common;

const FILES: usize = 1_000;

/// Table `i` with every figure declared as computed (a 得分 of 9.00 for 9.63 where `slip`).
fn declared(i: usize, slip: bool) -> Sheet {
    let (mut sheet, _, _) = common::generated_project(i);
    let report = Calculator::new(sheet.clone()).report();
    let mut rows = IndicatorRows::from_tree(std::mem::take(&mut sheet.indicators));
    for (node, shown) in rows.nodes.iter_mut().zip(&report.nodes) {
        if let Some(score) = &shown.score {
            node.declared.score = score.as_str().into();
        }
        if let Some(rate) = &shown.rate {
            node.declared.rate = rate.as_str().into();
        }
    }
    if slip {
        if let Some(leaf) = rows
            .nodes
            .iter_mut()
            .rev()
            .find(|n| !n.declared.score.is_empty())
        {
            leaf.declared.score = "0.01".into();
        }
    }
    sheet.indicators = rows.into_tree();
    sheet.declared.total = report.totals.total.clone().unwrap_or_default();
    sheet.declared.grade = report.totals.grade.clone().unwrap_or_default();
    sheet
}

fn batch(dir: &Path, slip: bool) -> Vec<PathBuf> {
    (0..FILES)
        .map(|i| {
            let path = dir.join(format!("t{i:04}.json"));
            std::fs::write(&path, declared(i, slip).to_json()).unwrap();
            path
        })
        .collect()
}

fn review(c: &mut Criterion) {
    let mut group = c.benchmark_group("check_1000_tables");
    group.sample_size(10);
    for (label, slip) in [("all_agree", false), ("each_with_a_slip", true)] {
        let dir = tempfile::tempdir().unwrap();
        let files = batch(dir.path(), slip);
        group.bench_function(label, |b| {
            b.iter(|| {
                let mut differences = 0;
                for file in &files {
                    let (sheets, _) = jixiao::batch::read_file(file).unwrap();
                    for sheet in &sheets {
                        differences += jixiao::review::check(sheet).differences.len();
                    }
                }
                assert_eq!(differences > 0, slip);
                black_box(differences)
            })
        });
    }
    group.finish();
}

criterion_group!(benches, review);
criterion_main!(benches);
