//! Writes a batch of generated project files for measuring `jixiao batch` from the shell:
//! `cargo run --release --example batch_files -- DIR [N]` writes N projects (10,000 unless
//! given) into DIR, every other one as an .xlsx form exported by jixiao, the rest as sheet
//! files (JSON); the same projects as `cargo bench --bench batch`.

#[path = "../tests/common/mod.rs"]
mod common;

fn main() {
    let mut args = std::env::args_os().skip(1);
    let Some(dir) = args.next().map(std::path::PathBuf::from) else {
        eprintln!("usage: batch_files DIR [N]");
        std::process::exit(2);
    };
    let n: usize = args
        .next()
        .and_then(|n| n.to_str()?.parse().ok())
        .unwrap_or(10_000);
    std::fs::create_dir_all(&dir).expect("create the folder");
    for i in 0..n {
        let (sheet, _, _) = common::generated_project(i);
        if i % 2 == 1 {
            let bytes = jixiao::xlsx::sheet_to_xlsx(&sheet).expect("export");
            std::fs::write(dir.join(format!("p{i:05}.xlsx")), bytes).expect("write");
        } else {
            std::fs::write(dir.join(format!("p{i:05}.json")), sheet.to_json()).expect("write");
        }
    }
    eprintln!("{n} project files in {}", dir.display());
}
