//! `jixiao batch`, `export` and `import`.

use indicatif::{ProgressBar, ProgressStyle};
use jixiao::engine::Calculator;
use jixiao::files::{Access, FileError};
use jixiao::load::{load_document, Document};
use jixiao::xlsx;
use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;

/// Batches at least this large show a progress bar (on a terminal).
const PROGRESS_FROM: usize = 20;

/// What a 汇总表 is written as, by the output file's extension.
#[derive(Clone, Copy)]
enum Format {
    Xlsx,
    Csv,
    Json,
}

/// Where a 汇总表 is to be written, checked before any file is read (a batch of thousands of
/// files takes a while, which a wrong extension or a missing folder would waste): its format,
/// or what to change.
fn output_format(path: &Path) -> Result<Format, String> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let format = match ext.as_deref() {
        Some("xlsx") => Format::Xlsx,
        Some("csv") => Format::Csv,
        Some("json") => Format::Json,
        _ => return Err("请用 .xlsx、.csv 或 .json 作为输出文件的扩展名".to_string()),
    };
    if path.is_dir() {
        return Err(FileError::IsDirectory.to_string());
    }
    let folder = path.parent().filter(|f| !f.as_os_str().is_empty());
    match folder.map(std::fs::metadata) {
        Some(Ok(m)) if !m.is_dir() => Err(FileError::NotADirectory.to_string()),
        Some(Err(e)) => Err(FileError::from_io(&e, Access::Write).to_string()),
        _ => Ok(format),
    }
}

pub fn run(inputs: &[std::path::PathBuf], output: Option<&Path>) -> ExitCode {
    let format = match output.map(|o| (o, output_format(o))) {
        Some((o, Err(message))) => {
            eprintln!("无法写出 {}：{message}", o.display());
            return ExitCode::from(2);
        }
        Some((_, Ok(format))) => Some(format),
        None => None,
    };
    let found = jixiao::batch::collect(inputs);
    for (dir, why) in &found.unreadable_folders {
        eprintln!("✖ {}：无法打开这个文件夹：{why}", dir.display());
    }
    for (file, why) in &found.not_tables {
        eprintln!("ℹ {}：{why}", file.display());
    }
    let skipped: Vec<String> = [
        (
            found.repeated_files,
            "个重复的文件（重复给出，或经链接再次到达）",
        ),
        (
            found.looping_links,
            "个指回所在文件夹或其上级的链接（会无限循环）",
        ),
        (
            found.repeated_folders,
            "个已读过的文件夹（重复给出，或经链接再次到达）",
        ),
    ]
    .iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, what)| format!("{n} {what}"))
    .collect();
    if !skipped.is_empty() {
        eprintln!("已跳过 {}：每个文件只计算一次", skipped.join("，"));
    }
    let mut files = found.files;
    // The 汇总表 a batch wrote before, among its files when written into their folder: read
    // again, its rows would be typed projects beside the files they came from, counted twice.
    if let Some(written) = output.and_then(|o| std::fs::canonicalize(o).ok()) {
        let before = files.len();
        files.retain(|f| std::fs::canonicalize(f).map_or(true, |f| f != written));
        if files.len() < before {
            eprintln!(
                "已跳过 {}：它是要写出的汇总表（上次汇总的结果），计入会使项目重复",
                output.map_or(String::new(), |o| o.display().to_string())
            );
        }
    }
    if files.is_empty() {
        eprintln!("没有找到要计算的文件（{}）", jixiao::batch::TABLE_FILES);
        return ExitCode::from(2);
    }
    let bar = (files.len() >= PROGRESS_FROM && std::io::stderr().is_terminal()).then(|| {
        let bar = ProgressBar::new(files.len() as u64);
        bar.set_style(
            ProgressStyle::with_template("{bar:40} {pos}/{len} 个文件  {elapsed_precise}")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        bar
    });
    // The files are read on every core, each as soon as a thread is free: the bar counts the
    // files done, in whatever order they finish, and is left at its end, every file read.
    let (workbook, results) = jixiao::batch::run(&files, |n| {
        if let Some(bar) = &bar {
            bar.set_position(n as u64);
        }
    });
    if let Some(bar) = bar {
        bar.finish();
        // The bar is left on its line, full; what follows starts on a line of its own.
        eprintln!();
    }
    // Forms returned from Excel are read as they are now; which cells were edited is said.
    for (path, edited) in results
        .iter()
        .filter_map(|r| r.edited.as_ref().map(|e| (&r.path, e)))
    {
        eprintln!("ℹ {}：{edited}", path.display());
    }
    let failed: Vec<_> = results.iter().filter(|r| r.sheets.is_err()).collect();
    for f in &failed {
        if let Err(message) = &f.sheets {
            eprintln!("✖ {}：{message}", f.path.display());
        }
    }
    copies(&results);
    repeated_projects(&workbook, &results);
    typed_again(&workbook, &results);
    other_years(&workbook, &results);
    let mut summary = workbook.summary_sheet();
    if summary.projects.is_empty() {
        // Nothing to sum: an empty 汇总表 written over last time's would lose it for nothing.
        let why = if failed.len() == files.len() {
            format!("{} 个文件都无法读取，没有可汇总的项目", files.len())
        } else {
            "所给文件中没有可汇总的项目".to_string()
        };
        let advice = if failed.is_empty() {
            ""
        } else {
            "。请按上面各文件的说明改正后再汇总"
        };
        match output {
            Some(path) if path.exists() => {
                eprintln!("{why}：未写出 {}，原有的文件未改动{advice}", path.display())
            }
            Some(path) => eprintln!("{why}：未写出 {}{advice}", path.display()),
            None => eprintln!("{why}{advice}"),
        }
        return ExitCode::from(2);
    }
    // One sequence over the 汇总表 written: a 汇总表 file among the files brings its rows
    // numbered as they were there, from 1 again.
    for (i, row) in summary.projects.iter_mut().enumerate() {
        row.seq = (i + 1).to_string();
    }
    match (output, format) {
        (Some(path), Some(format)) => {
            let written =
                write_summary(&summary, workbook.left_out_note().as_deref(), path, format);
            if written != ExitCode::SUCCESS {
                return written;
            }
        }
        _ => {
            let calc = Calculator::new(summary.clone());
            let printed = crate::print_out(&crate::table::render(&calc, &calc.report()));
            if printed != ExitCode::SUCCESS {
                return printed;
            }
        }
    }
    let report = Calculator::new(summary).report();
    if let Some(s) = &report.summary {
        let grades: Vec<String> = s
            .totals
            .distribution()
            .map(|(grade, count)| format!("{grade} {count}"))
            .collect();
        let mut not_tables = match found.not_tables.len() {
            0 => String::new(),
            n => format!("；另有 {n} 个文件不是表格，未读取"),
        };
        let copies = results.iter().filter(|r| r.copy_of.is_some()).count();
        if copies > 0 {
            not_tables += &format!("；{copies} 个文件与前面的文件内容完全相同，只计入一次");
        }
        eprintln!(
            "已汇总 {} 个文件中的 {} 个项目（{} 个文件无法读取{not_tables}）：预算数合计 {}，完成数合计 {}，完成率 {}；{}",
            files.len(),
            s.rows.len(),
            failed.len(),
            s.totals.budget,
            s.totals.spent,
            s.totals.rate.as_deref().unwrap_or("—"),
            grades.join("，")
        );
        // The rows the 合计 counts as 无分数: no score, no grade typed.
        let unscored: Vec<usize> = (0..s.rows.len())
            .filter(|&i| s.rows[i].grade.is_none())
            .collect();
        if !unscored.is_empty() {
            eprintln!(
                "其中 {} 个项目没有分数（评分表尚未填完或表中有错误），未计入等级分布：",
                s.totals.no_score
            );
            // The 汇总表's first rows are the counted sheets', in the files' order; the rest
            // were typed in a 汇总表 file.
            let paths = sheet_paths(&results);
            let counted = workbook.counted_sheets();
            for i in unscored {
                let row = &s.rows[i];
                let named: Vec<&str> = [&row.unit, &row.project]
                    .into_iter()
                    .map(|t| t.trim())
                    .filter(|t| !t.is_empty())
                    .collect();
                let named = if named.is_empty() {
                    "未命名项目".to_string()
                } else {
                    named.join(" ")
                };
                match counted.get(i).and_then(|&sheet| paths.get(sheet)) {
                    Some(path) => eprintln!("  · {}：{named}", path.display()),
                    None => eprintln!("  · 汇总表第 {} 行：{named}", i + 1),
                }
            }
        }
    }
    if failed.is_empty() && found.unreadable_folders.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// Says which files hold one project (a unit's corrected file beside its first one), every
/// file of it in one line: the 汇总表 counts each, and only the user knows which one stands.
fn repeated_projects(workbook: &jixiao::workbook::Workbook, results: &[jixiao::batch::FileResult]) {
    let paths = sheet_paths(results);
    // Two copies of a year the 汇总表 leaves out are not counted at all (said apart).
    let left_out: Vec<usize> = workbook.other_years().iter().map(|&(o, _)| o).collect();
    // Each project's first sheet with the later ones, in the order of their first sheets.
    let mut projects: Vec<(usize, Vec<usize>)> = Vec::new();
    let mut place = std::collections::HashMap::new();
    for (earlier, later) in workbook.repeated_projects() {
        if left_out.contains(&earlier) {
            continue;
        }
        let at = *place.entry(earlier).or_insert_with(|| {
            projects.push((earlier, Vec::new()));
            projects.len() - 1
        });
        projects[at].1.push(later);
    }
    for (first, later) in projects {
        let mut files: Vec<&Path> = Vec::new();
        for sheet in later.iter().chain([&first]) {
            match paths.get(*sheet) {
                Some(path) if !files.contains(path) => files.push(path),
                _ => {}
            }
        }
        let meta = &workbook.sheets[first].meta;
        // A 部门整体 form names no project: its 单位, as the 汇总表 row is named.
        let name = jixiao::engine::row_name(workbook.sheets[first].kind, meta);
        // A 部门整体 form's name is its 单位: said once.
        let mut named: Vec<&str> = [meta.unit.as_str(), name, meta.year.as_str()]
            .into_iter()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .collect();
        named.dedup();
        let times = later.len() + 1;
        let (counted, advice) = if times == 2 {
            (
                "两次".to_string(),
                "如其中一个是修改后的版本，请移走旧的再汇总",
            )
        } else {
            (
                format!(" {times} 次"),
                "如其中有修改后的版本，请只留下要汇总的那一个再汇总",
            )
        };
        let files = match files.as_slice() {
            [only] => format!("{} 中的 {times} 张表格", only.display()),
            [rest @ .., first] => format!(
                "{} 与 {}",
                rest.iter()
                    .map(|p| p.display().to_string())
                    .collect::<Vec<_>>()
                    .join("、"),
                first.display()
            ),
            [] => continue,
        };
        eprintln!(
            "⚠ {files} 是同一项目（{}），汇总表计入了{counted}：{advice}",
            named.join("，")
        );
    }
}

/// Says which files are byte for byte an earlier file (a copy under another name): read once.
fn copies(results: &[jixiao::batch::FileResult]) {
    for r in results {
        if let Some(original) = &r.copy_of {
            eprintln!(
                "ℹ {} 与 {} 内容完全相同，是同一个文件的两份：只计入一次",
                r.path.display(),
                original.display()
            );
        }
    }
}

/// Says which projects a 汇总表 file among the files types in again beside the file they come
/// from (a 汇总表 written before, under another name or elsewhere): the 汇总表 counts both.
fn typed_again(workbook: &jixiao::workbook::Workbook, results: &[jixiao::batch::FileResult]) {
    let key = |unit: &str, project: &str| {
        let key = jixiao::workbook::name_key;
        (key(unit).into_owned(), key(project).into_owned())
    };
    let paths = sheet_paths(results);
    let mut from_sheets = std::collections::HashMap::new();
    for i in workbook.counted_sheets() {
        let sheet = &workbook.sheets[i];
        let (meta, name) = (
            &sheet.meta,
            jixiao::engine::row_name(sheet.kind, &sheet.meta),
        );
        if !name.is_empty() {
            from_sheets.entry(key(&meta.unit, name)).or_insert(i);
        }
    }
    let typed_in = results
        .iter()
        .flat_map(|r| std::iter::repeat_n(r.path.as_path(), r.rows));
    for (row, summary) in workbook.summary.projects.iter().zip(typed_in) {
        let Some(&sheet) = from_sheets.get(&key(&row.unit, &row.project)) else {
            continue;
        };
        let Some(path) = paths.get(sheet) else {
            continue;
        };
        eprintln!(
            "⚠ 汇总表文件 {} 中的项目“{}”与 {} 是同一项目，汇总表计入了两次：如这个汇总表文件是以前汇总的结果，请把它移出要汇总的文件再汇总",
            summary.display(),
            row.project.trim(),
            path.display()
        );
    }
}

/// Says which files hold a year of a project the 汇总表 leaves out (last year's sheet kept for
/// comparison beside this year's): a 汇总表 is of one year.
fn other_years(workbook: &jixiao::workbook::Workbook, results: &[jixiao::batch::FileResult]) {
    let paths = sheet_paths(results);
    let year = |meta: &jixiao::model::Meta| {
        meta.year
            .trim()
            .trim_end_matches(['年', '度'])
            .trim_end()
            .to_string()
    };
    for (out, standing) in workbook.other_years() {
        let (Some(a), Some(b)) = (paths.get(out), paths.get(standing)) else {
            continue;
        };
        let (old, kept) = (&workbook.sheets[out].meta, &workbook.sheets[standing].meta);
        let name = jixiao::engine::row_name(workbook.sheets[out].kind, old);
        eprintln!(
            "ℹ {} 中“{name}”的{}年度表格未计入汇总表：汇总表只计一个年度，计入的是 {} 中它{}年度的表格",
            a.display(),
            year(old),
            b.display(),
            year(kept)
        );
    }
}

/// The file of each of the workbook's sheets: they are the files' sheets, in the files' order.
fn sheet_paths(results: &[jixiao::batch::FileResult]) -> Vec<&Path> {
    results
        .iter()
        .flat_map(|r| std::iter::repeat_n(r.path.as_path(), *r.sheets.as_ref().unwrap_or(&0)))
        .collect()
}

/// Writes the 汇总表 to `path` as `format`, with `note` (which files' sheets it leaves out) in
/// the forms people read; a sheet file (.json) holds its rows alone, as typed rows.
fn write_summary(
    summary: &jixiao::model::Sheet,
    note: Option<&str>,
    path: &Path,
    format: Format,
) -> ExitCode {
    let bytes = match format {
        Format::Xlsx => xlsx::summary_to_xlsx(summary, note).map_err(|e| e.to_string()),
        Format::Csv => xlsx::summary_csv(summary, note)
            .map(String::into_bytes)
            .map_err(|e| e.to_string()),
        // As the page writes a 汇总表's JSON: opened again its rows are typed ones, and keep no
        // `sheet_grade`, the grade of a sheet they no longer come from.
        Format::Json => {
            let mut typed = summary.clone();
            for row in &mut typed.projects {
                row.sheet_grade = None;
            }
            Ok(typed.to_json().into_bytes())
        }
    };
    match bytes {
        Ok(bytes) => crate::write_output(path, &bytes),
        Err(message) => {
            crate::not_written(path, &message);
            ExitCode::from(2)
        }
    }
}

pub fn export(file: &Path, output: &Path) -> ExitCode {
    let text = match crate::read_json_input(file) {
        Ok(t) => t,
        Err(status) => return status,
    };
    let bytes = match load_document(&text) {
        Ok(Document::Sheet(s)) => xlsx::sheet_to_xlsx(&s),
        Ok(Document::Workbook(w)) => xlsx::workbook_to_xlsx(&w),
        Err(e) => {
            eprintln!("{}：{e}", crate::input_name(file));
            return ExitCode::from(2);
        }
    };
    match bytes {
        Ok(bytes) => crate::write_output(output, &bytes),
        Err(e) => {
            eprintln!("无法写出 {}：{e}", output.display());
            ExitCode::from(2)
        }
    }
}

/// The 自评报告 of a sheet file as a .docx.
pub fn report(file: &Path, output: &Path) -> ExitCode {
    let text = match crate::read_json_input(file) {
        Ok(t) => t,
        Err(status) => return status,
    };
    let sheet = match load_document(&text) {
        Ok(Document::Sheet(s)) => s,
        Ok(Document::Workbook(_)) => {
            eprintln!(
                "{}：这是工作簿；自评报告按一张评分表生成，请先导出其中一张表",
                crate::input_name(file)
            );
            return ExitCode::from(2);
        }
        Err(e) => {
            eprintln!("{}：{e}", crate::input_name(file));
            return ExitCode::from(2);
        }
    };
    // A 汇总表 has no 自评报告 of its own (the page offers none): written, it was a 部门整体
    // report of empty sections.
    if sheet.kind == jixiao::model::SheetKind::Summary {
        eprintln!(
            "{}：这是项目汇总表，没有自评报告；自评报告按一个项目或部门的评分表生成（jixiao report 评分表.json -o 报告.docx），请对各项目的评分表分别生成",
            crate::input_name(file)
        );
        return ExitCode::from(2);
    }
    match xlsx::report_to_docx(&sheet) {
        Ok(bytes) => crate::write_output(output, &bytes),
        Err(e) => {
            eprintln!("无法写出 {}：{e}", output.display());
            ExitCode::from(2)
        }
    }
}

pub fn import(file: &Path, output: Option<&Path>) -> ExitCode {
    let bytes = match crate::read_input(file) {
        Ok(b) => b,
        Err(status) => return status,
    };
    let name = file.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let imported = match xlsx::import(&bytes, name) {
        Ok(imported) => imported,
        Err(e) => {
            eprintln!("{}：{e}", crate::input_name(file));
            return ExitCode::from(2);
        }
    };
    // A form returned from Excel: which of its cells were edited, and taken.
    if let Some(message) = imported.changes.message() {
        eprintln!("{}：{message}", crate::input_name(file));
    }
    let json = match imported.document {
        Document::Sheet(s) => s.to_json(),
        Document::Workbook(w) => w.to_json(),
    };
    match output {
        Some(path) => crate::write_output(path, json.as_bytes()),
        None => crate::print_out(&json),
    }
}
