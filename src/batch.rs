//! Scoring many sheet files at once into one 汇总表: each file is read and evaluated on its
//! own, and a file that cannot be read is reported without stopping the batch.

use crate::load::{load_document, Document};
use crate::model::{Sheet, SheetKind};
use crate::workbook::Workbook;
use std::path::{Path, PathBuf};

/// The outcome of one input file.
#[derive(Clone, Debug, PartialEq)]
pub struct FileResult {
    pub path: PathBuf,
    /// The sheets it held (a workbook holds several), or why it could not be read.
    pub sheets: Result<Vec<Sheet>, String>,
}

/// The files a batch reads: the files given, and in the folders given every .json, .xlsx and
/// .csv file (recursively, in name order).
pub fn collect(inputs: &[PathBuf]) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for input in inputs {
        if input.is_dir() {
            let mut found = Vec::new();
            walk(input, &mut found);
            found.sort();
            files.extend(found);
        } else {
            files.push(input.clone());
        }
    }
    files
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            walk(&path, out);
        } else if matches!(
            path.extension()
                .and_then(|e| e.to_str())
                .map(str::to_ascii_lowercase)
                .as_deref(),
            Some("json" | "xlsx" | "csv")
        ) {
            out.push(path);
        }
    }
}

/// Reads one file: a sheet or workbook file (JSON), or an .xlsx / .csv table.
pub fn read_file(path: &Path) -> Result<Vec<Sheet>, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("无法读取：{e}"))?;
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let is_json = name.to_ascii_lowercase().ends_with(".json") || bytes.first() == Some(&b'{');
    let document = if is_json {
        let text = String::from_utf8(bytes).map_err(|_| "不是 UTF-8 文本".to_string())?;
        load_document(&text).map_err(|e| e.to_string())?
    } else {
        crate::xlsx::import_auto(&bytes, name).map_err(|e| e.to_string())?
    };
    Ok(match document {
        Document::Sheet(mut s) => {
            // A table from elsewhere names no project: the file's name is the best name it has.
            if !is_json && s.kind != SheetKind::Summary && s.meta.project.is_empty() {
                s.meta.project = path
                    .file_stem()
                    .and_then(|n| n.to_str())
                    .unwrap_or("")
                    .to_string();
            }
            vec![s]
        }
        Document::Workbook(w) => {
            let mut summary = w.summary;
            let mut sheets = w.sheets;
            // A workbook's typed 汇总表 rows are projects too.
            if !summary.projects.is_empty() {
                summary.kind = SheetKind::Summary;
                sheets.push(summary);
            }
            sheets
        }
    })
}

/// Reads every file, calling `progress` after each, and gathers what could be read into a
/// workbook: the evaluated sheets become its 汇总表's rows; 汇总表 files add their rows.
pub fn run(files: &[PathBuf], mut progress: impl FnMut(usize)) -> (Workbook, Vec<FileResult>) {
    let mut workbook = Workbook::new("批量汇总");
    let mut results = Vec::with_capacity(files.len());
    for (i, path) in files.iter().enumerate() {
        let sheets = read_file(path);
        if let Ok(sheets) = &sheets {
            for sheet in sheets {
                if sheet.kind == SheetKind::Summary {
                    workbook
                        .summary
                        .projects
                        .extend(sheet.projects.iter().cloned());
                } else {
                    workbook.sheets.push(sheet.clone());
                }
            }
        }
        results.push(FileResult {
            path: path.clone(),
            sheets,
        });
        progress(i + 1);
    }
    (workbook, results)
}
