//! `jixiao check`: a unit's declared figures against ours, for one file or many
//! (docs/REVIEW.md).

use jixiao::model::Sheet;
use jixiao::review::{check, slips_said, Review};
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// One reviewed sheet, or a file that could not be read.
#[derive(Serialize)]
#[serde(untagged)]
enum Entry {
    Reviewed {
        file: String,
        #[serde(flatten)]
        review: Review,
    },
    Unreadable {
        file: String,
        error: String,
    },
}

#[derive(Default, Serialize)]
struct Summary {
    files: usize,
    figures: usize,
    reproduced: usize,
    explained: usize,
    unexplained: usize,
    slips: usize,
    unreadable: usize,
}

#[derive(Serialize)]
struct Output {
    files: Vec<Entry>,
    summary: Summary,
}

pub fn run(inputs: &[PathBuf], json: bool, xlsx: Option<&Path>) -> ExitCode {
    let found = jixiao::batch::collect(inputs);
    let mut entries = Vec::new();
    let mut sheets: Vec<Sheet> = Vec::new();
    for (dir, why) in &found.unreadable_folders {
        entries.push(Entry::Unreadable {
            file: dir.display().to_string(),
            error: format!("无法打开这个文件夹：{why}"),
        });
    }
    for path in &found.files {
        match jixiao::batch::read_file(path) {
            Ok((read, _)) => {
                let named = read.len() > 1;
                for (k, sheet) in read.iter().enumerate() {
                    entries.push(Entry::Reviewed {
                        file: entry_name(path, sheet, k, named),
                        review: check(sheet),
                    });
                }
                sheets.extend(read);
            }
            Err(error) => entries.push(Entry::Unreadable {
                file: path.display().to_string(),
                error,
            }),
        }
    }
    if entries.is_empty() {
        eprintln!("没有找到要审核的文件（{}）", jixiao::batch::TABLE_FILES);
        return ExitCode::from(2);
    }
    if let Some(out) = xlsx {
        let [sheet] = sheets.as_slice() else {
            eprintln!(
                "审核表（--xlsx）只能为一个表写出，这里有 {} 个",
                sheets.len()
            );
            return ExitCode::from(2);
        };
        let written = match jixiao::xlsx::review_to_xlsx(sheet) {
            Ok(bytes) => crate::write_output(out, &bytes),
            Err(e) => {
                eprintln!("无法写出审核表：{e}");
                ExitCode::from(2)
            }
        };
        if written != ExitCode::SUCCESS {
            return written;
        }
    }
    let mut summary = Summary {
        files: entries.len(),
        ..Summary::default()
    };
    for entry in &entries {
        match entry {
            Entry::Reviewed { review, .. } => {
                summary.figures += review.figures;
                summary.reproduced += review.reproduced;
                summary.explained += review.explained;
                summary.unexplained += review.unexplained;
                summary.slips += review.slips;
            }
            Entry::Unreadable { .. } => summary.unreadable += 1,
        }
    }
    let status = if summary.unreadable > 0 {
        ExitCode::from(2)
    } else if summary.explained + summary.unexplained > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    };
    let text = if json {
        let output = Output {
            files: entries,
            summary,
        };
        match serde_json::to_string_pretty(&output) {
            Ok(text) => text + "\n",
            Err(_) => {
                eprintln!("无法输出结果：审核结果无法写成 JSON");
                return ExitCode::from(2);
            }
        }
    } else if entries.len() == 1 {
        detailed(&entries[0])
    } else {
        let mut text: String = entries.iter().map(|e| line(e) + "\n").collect();
        text += &format!(
            "共 {} 个表：申报数 {} 项，复现 {}，约定可解释 {}，无法解释 {}{}；无法读取 {} 个\n",
            summary.files,
            summary.figures,
            summary.reproduced,
            summary.explained,
            summary.unexplained,
            slips_said(summary.unexplained, summary.slips),
            summary.unreadable
        );
        text
    };
    match crate::print_out(&text) {
        out if out == ExitCode::SUCCESS => status,
        failed => failed,
    }
}

/// A workbook's sheets are named after the file and the sheet.
fn entry_name(path: &Path, sheet: &Sheet, k: usize, named: bool) -> String {
    let file = path.display().to_string();
    if !named {
        return file;
    }
    let meta = &sheet.meta;
    let name = [&meta.project, &meta.title, &meta.unit]
        .into_iter()
        .find(|n| !n.trim().is_empty())
        .cloned()
        .unwrap_or_else(|| format!("第{}张表", k + 1));
    format!("{file} › {name}")
}

fn counts(review: &Review) -> String {
    // Said of the figures a convention explains, beside their count.
    let contradicted = match review.contradicted() {
        0 => String::new(),
        n => format!("（其中 {n} 处所按的约定与表中其他申报数矛盾，不能解释整张表）"),
    };
    format!(
        "申报数 {} 项，复现 {}，约定可解释 {}{contradicted}，无法解释 {}{}",
        review.figures,
        review.reproduced,
        review.explained,
        review.unexplained,
        slips_said(review.unexplained, review.slips)
    )
}

fn line(entry: &Entry) -> String {
    match entry {
        Entry::Reviewed { file, review } => {
            let mark = if review.differences.is_empty() {
                "✓"
            } else if review.unexplained == 0 && review.contradicted() == 0 {
                "≈"
            } else {
                "✗"
            };
            format!("{mark} {file}：{}", counts(review))
        }
        Entry::Unreadable { file, error } => format!("✖ {file}：{error}"),
    }
}

fn detailed(entry: &Entry) -> String {
    let Entry::Reviewed { review, .. } = entry else {
        return line(entry) + "\n";
    };
    let mut text = line(entry) + "\n";
    if review.figures == 0 {
        text += "  表中没有申报的完成率、得分、小计、总分或等级可供核对\n";
    }
    for d in &review.differences {
        // A convention the rest of the table contradicts explains nothing: ✗, as the file's line.
        let mark = if d.convention.is_some() && !d.doubtful() {
            "≈"
        } else {
            "✗"
        };
        text += &format!("\n{mark} {}\n", d.message);
        for c in &d.consequences {
            text += &format!(
                "    → {}：申报 {}，计算 {}\n",
                c.field.describe(&c.name),
                c.declared,
                c.computed.as_deref().unwrap_or("—")
            );
        }
    }
    if !review.not_compared.is_empty() {
        text += "\n无可核对（不计入申报数）：\n";
        for n in &review.not_compared {
            text += &format!("  · {}\n", n.message);
        }
    }
    if !review.sheet_errors.is_empty() {
        text += "\n表中错误（不影响审核结论）：\n";
        for e in &review.sheet_errors {
            text += &format!("  · {e}\n");
        }
    }
    text
}
