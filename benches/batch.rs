//! `cargo bench --bench batch`: summarising a batch of 1,000 generated project files (issue 4),
//! read from disk, scored and written out as the 汇总表, for sheet files (JSON) and .xlsx files,
//! on every core and on one.

use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use std::path::PathBuf;

#[path = "../tests/common/mod.rs"]
mod common;

const FILES: usize = 1_000;

/// Writes the batch once; returns the folder (kept for the run) and its files.
fn batch(dir: &std::path::Path, xlsx: bool) -> Vec<PathBuf> {
    (0..FILES)
        .map(|i| {
            let (sheet, _, _) = common::generated_project(i);
            let path = if xlsx {
                let p = dir.join(format!("p{i:04}.xlsx"));
                std::fs::write(&p, jixiao::xlsx::sheet_to_xlsx(&sheet).unwrap()).unwrap();
                p
            } else {
                let p = dir.join(format!("p{i:04}.json"));
                std::fs::write(&p, sheet.to_json()).unwrap();
                p
            };
            path
        })
        .collect()
}

fn summarise(c: &mut Criterion) {
    let mut group = c.benchmark_group("batch_1000_files");
    group.sample_size(10);
    for (label, xlsx) in [("json", false), ("xlsx", true)] {
        let dir = tempfile::tempdir().unwrap();
        let files = batch(dir.path(), xlsx);
        group.bench_function(format!("{label}_to_summary"), |b| {
            b.iter(|| {
                let (workbook, results) = jixiao::batch::run(&files, |_| {});
                assert!(results.iter().all(|r| r.sheets.is_ok()));
                black_box(workbook.summary_sheet())
            })
        });
        // The same on one thread: what reading on every core gains.
        group.bench_function(format!("{label}_to_summary_one_thread"), |b| {
            b.iter(|| {
                let (workbook, results) = jixiao::batch::run_on(&files, 1, |_| {});
                assert!(results.iter().all(|r| r.sheets.is_ok()));
                black_box(workbook.summary_sheet())
            })
        });
    }
    let dir = tempfile::tempdir().unwrap();
    let files = batch(dir.path(), false);
    let (workbook, _) = jixiao::batch::run(&files, |_| {});
    let summary = workbook.summary_sheet();
    group.bench_function("write_summary_xlsx", |b| {
        b.iter(|| black_box(jixiao::xlsx::sheet_to_xlsx(&summary).unwrap()))
    });
    group.bench_function("write_summary_csv", |b| {
        b.iter(|| black_box(jixiao::xlsx::summary_csv(&summary, None).unwrap()))
    });
    group.finish();
}

criterion_group!(benches, summarise);
criterion_main!(benches);
