//! `cargo bench`: full evaluation of 100 / 1,000 / 10,000-leaf sheets, and one changed cell.
//! Targets (issue 2): 10,000 leaves in under 5 ms; one edit in under 50 µs.

use criterion::{criterion_group, criterion_main, BatchSize, BenchmarkId, Criterion};
use jixiao::diagnostic::Field;
use jixiao::engine::Calculator;
use std::hint::black_box;

mod workload;

const SIZES: [usize; 3] = [100, 1_000, 10_000];

fn full_evaluation(c: &mut Criterion) {
    let mut group = c.benchmark_group("full_evaluation");
    for n in SIZES {
        let sheet = workload::sheet(n);
        group.bench_with_input(BenchmarkId::from_parameter(n), &sheet, |b, sheet| {
            b.iter_batched(
                || sheet.clone(),
                |s| black_box(Calculator::new(s)),
                BatchSize::LargeInput,
            )
        });
    }
    group.finish();
}

fn one_edit(c: &mut Criterion) {
    let mut group = c.benchmark_group("edit_one_cell");
    for n in SIZES {
        let mut calc = Calculator::new(workload::sheet(n));
        // A leaf in the middle of the sheet, edited back and forth so every edit changes it.
        let leaf = (0..calc.len())
            .filter(|&i| calc.is_leaf(i))
            .nth(n / 2)
            .unwrap();
        let values = ["1,234.56", "9,876.54"];
        let mut k = 0;
        group.bench_function(BenchmarkId::from_parameter(n), |b| {
            b.iter(|| {
                k ^= 1;
                let changed = calc.set(leaf, Field::Actual, values[k]).unwrap();
                black_box((changed, calc.total()))
            })
        });
    }
    group.finish();
}

fn report_and_load(c: &mut Criterion) {
    let mut group = c.benchmark_group("report_all_rows");
    for n in SIZES {
        let calc = Calculator::new(workload::sheet(n));
        group.bench_function(BenchmarkId::from_parameter(n), |b| {
            b.iter(|| black_box(calc.report()))
        });
    }
    group.finish();
    let mut group = c.benchmark_group("load_json");
    for n in SIZES {
        let json = workload::sheet(n).to_json();
        group.bench_function(BenchmarkId::from_parameter(n), |b| {
            b.iter(|| black_box(jixiao::load::load(&json).unwrap()))
        });
    }
    group.finish();
}

criterion_group!(benches, full_evaluation, one_edit, report_and_load);
criterion_main!(benches);
