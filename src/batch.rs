//! Scoring many sheet files at once into one 汇总表: each file is read and evaluated on its
//! own, and a file that cannot be read is reported without stopping the batch.

use crate::files::{Access, FileError};
use crate::load::{file_text, load_document, Document};
use crate::model::{ProjectRow, Sheet, SheetKind};
use crate::workbook::Workbook;
use std::collections::{HashMap, HashSet, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

/// The outcome of one input file.
#[derive(Clone, Debug, PartialEq)]
pub struct FileResult {
    pub path: PathBuf,
    /// How many sheets it put into the batch's workbook, in the files' order (a workbook holds
    /// several; a 汇总表 adds rows, not a sheet), or why it could not be read. The sheets
    /// themselves are held once, in the workbook: a copy of each here doubled the memory of a
    /// batch of thousands of files.
    pub sheets: Result<usize, String>,
    /// How many rows it typed into the 汇总表 (a 汇总表 file's projects), in the files' order.
    pub rows: usize,
    /// A form returned from Excel: which of its cells were edited since it was written (read
    /// as they are now).
    pub edited: Option<String>,
    /// The earlier file of the batch whose bytes this one's are, byte for byte (a file copied
    /// under another name): one file met twice, its sheets counted once, there (`sheets` is 0).
    pub copy_of: Option<PathBuf>,
}

/// The files a batch reads, each once, and what was left out on the way.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Inputs {
    pub files: Vec<PathBuf>,
    /// Files already in the batch when met again: given twice, or reached both directly and
    /// through a link.
    pub repeated_files: usize,
    /// Links back to the folder they are in or to a folder above it, which would lead round
    /// and round.
    pub looping_links: usize,
    /// Folders already read when met again: given twice, or reached both directly and through
    /// a link.
    pub repeated_folders: usize,
    /// Folders that could not be opened, and why.
    pub unreadable_folders: Vec<(PathBuf, FileError)>,
    /// Files met in the folders that are no table (a Word document, a PDF, a picture), with
    /// what they are and what to do, in the order met: not read, and said.
    pub not_tables: Vec<(PathBuf, &'static str)>,
}

/// The files a batch reads: the files given, and in the folders given every file that is a
/// table (recursively, in name order): sheet and workbook files (.json), Excel workbooks
/// (.xlsx, and .xlsm, with macros) and .csv; and those named as the spreadsheets it cannot
/// read (.xls, WPS's .et, .xlsb, .ods). Each is read by what its bytes are ([`read_file`]), as
/// when given by name: an .xlsx renamed .xls is read, an old .xls refused with what to do. Every
/// other file met in a folder is listed in [`Inputs::not_tables`] with what it is.
///
/// Met in a folder, a hidden file or folder (its name starting with `.`: `.DS_Store`, `.git`,
/// LibreOffice's `.~lock.表.xlsx#`), an Office or WPS lock file (`~$表.xlsx`, there while the
/// workbook is open) and Windows' `Thumbs.db` and `desktop.ini` are passed over in silence: they
/// are nobody's table, and each would be a line of noise for every folder. A file or folder given
/// by name is read whatever its name.
///
/// No file is taken twice, no folder read twice and no link back up the tree followed; links
/// are followed after everything reached directly, so a file is listed under its own path
/// rather than a link's.
pub fn collect(inputs: &[PathBuf]) -> Inputs {
    let mut walk = Walk::default();
    for input in inputs {
        if input.is_dir() {
            walk.folder(input);
        } else {
            walk.file(input);
        }
    }
    while !walk.links.is_empty() {
        for link in std::mem::take(&mut walk.links) {
            if leads_back_up(&link) {
                walk.found.looping_links += 1;
            } else if link.is_dir() {
                walk.folder(&link);
            } else {
                walk.met(&link);
            }
        }
    }
    walk.found
}

/// What one `collect` has found and seen so far.
#[derive(Default)]
struct Walk {
    found: Inputs,
    seen_files: HashSet<Identity>,
    seen_folders: HashSet<Identity>,
    /// Links met in folders, to follow once everything reached directly is listed.
    links: Vec<PathBuf>,
}

impl Walk {
    fn file(&mut self, path: &Path) {
        // A file the system cannot look at is kept, so that reading it says why.
        match identity(path) {
            Some(id) if !self.seen_files.insert(id) => self.found.repeated_files += 1,
            _ => self.found.files.push(path.to_path_buf()),
        }
    }

    fn folder(&mut self, dir: &Path) {
        if let Some(id) = identity(dir) {
            if !self.seen_folders.insert(id) {
                self.found.repeated_folders += 1;
                return;
            }
        }
        let entries: std::io::Result<Vec<std::fs::DirEntry>> =
            std::fs::read_dir(dir).and_then(|entries| entries.collect());
        let mut entries = match entries {
            Ok(entries) => entries,
            Err(e) => {
                let why = FileError::from_io(&e, Access::Read);
                self.found.unreadable_folders.push((dir.to_path_buf(), why));
                return;
            }
        };
        entries.sort_by_key(|e| e.file_name());
        for entry in entries {
            let path = entry.path();
            if passed_over(&path) {
                continue;
            }
            match entry.file_type() {
                Ok(t) if t.is_symlink() => self.links.push(path),
                Ok(t) if t.is_dir() => self.folder(&path),
                _ => self.met(&path),
            }
        }
    }

    /// A file met in a folder: taken if it is a table, else listed as not one.
    fn met(&mut self, path: &Path) {
        match not_a_table(path) {
            None => self.file(path),
            Some(why) => self.found.not_tables.push((path.to_path_buf(), why)),
        }
    }
}

/// Whether a file or folder met in a folder is passed over in silence (see [`collect`]).
fn passed_over(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    name.starts_with('.')
        || name.starts_with("~$")
        || name.eq_ignore_ascii_case("thumbs.db")
        || name.eq_ignore_ascii_case("desktop.ini")
}

/// Whether a link found in a folder leads to that folder or one above it.
fn leads_back_up(link: &Path) -> bool {
    let (Some(target), Some(folder)) = (identity(link), link.parent()) else {
        return false;
    };
    let folder = if folder.as_os_str().is_empty() {
        Path::new(".")
    } else {
        folder
    };
    std::fs::canonicalize(folder).is_ok_and(|folder| {
        folder
            .ancestors()
            .any(|a| identity(a).as_ref() == Some(&target))
    })
}

/// The files whose tables are read, as the messages name them. A folder's .xls, .et, .xlsb and
/// .ods are taken too, read by what their bytes are ([`read_file`]): an .xlsx renamed is read,
/// a real one refused with how to save it as .xlsx.
pub const TABLE_FILES: &str = ".json、.xlsx、.xlsm、.csv";

/// Why a file met in a folder is not read, by its name: `None` for a table, read (a sheet
/// file, an Excel workbook, a CSV) or refused by what its bytes are (an old .xls), as when it is
/// given by name.
fn not_a_table(path: &Path) -> Option<&'static str> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    Some(match ext.as_str() {
        "json" | "xlsx" | "xlsm" | "csv" | "xls" | "et" | "xlsb" | "ods" => return None,
        "docx" | "doc" | "wps" | "rtf" | "odt" => {
            "这是 Word 文档，不是表格，未读取；表格在文档中的，请复制到 Excel 中另存为 .xlsx 再汇总"
        }
        "pdf" => "这是 PDF 文件，不是表格，未读取；请用评分表的 Excel 文件（.xlsx）或评分表文件（.json）汇总",
        "zip" | "rar" | "7z" => "这是压缩包，未读取；请先解压，再汇总解压出的文件",
        _ => "不是表格，未读取（汇总读取 .json、.xlsx、.xlsm、.csv 文件）；是表格的，请在 Excel 中另存为 .xlsx",
    })
}

/// What makes two paths the same file or folder, through links: on Unix its device and inode
/// (hard links included), elsewhere its path with every link resolved.
#[cfg(unix)]
type Identity = (u64, u64);
#[cfg(not(unix))]
type Identity = PathBuf;

#[cfg(unix)]
fn identity(path: &Path) -> Option<Identity> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
}

#[cfg(not(unix))]
fn identity(path: &Path) -> Option<Identity> {
    std::fs::canonicalize(path).ok()
}

/// Reads one file: a sheet or workbook file (JSON), or an .xlsx / .csv table; a file that is
/// neither by its bytes (an Excel workbook renamed .json, a Word document renamed .xlsx) is
/// read or refused as what it is (`xlsx::kind_of`), whatever its name.
pub fn read_file(path: &Path) -> Result<(Vec<Sheet>, Option<String>), String> {
    let bytes = crate::files::read(path).map_err(|e| e.to_string())?;
    read_bytes(path, &bytes)
}

/// [`read_file`] of the bytes read from `path`.
fn read_bytes(path: &Path, bytes: &[u8]) -> Result<(Vec<Sheet>, Option<String>), String> {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let is_json = !crate::xlsx::kind_of(bytes).is_binary()
        && (name.to_ascii_lowercase().ends_with(".json") || bytes.first() == Some(&b'{'));
    let (document, edited) = if is_json {
        let text = file_text(bytes).map_err(|e| e.to_string())?;
        (load_document(&text).map_err(|e| e.to_string())?, None)
    } else {
        let mut imported = crate::xlsx::import(bytes, name).map_err(|e| e.to_string())?;
        // What a form's cells alone do not show (备注) is no figure of a 汇总表: unsaid here,
        // where it would be a line for each of a thousand files.
        imported.changes.cells_alone = None;
        (imported.document, imported.changes.message())
    };
    let sheets = match document {
        Document::Sheet(mut s) => {
            // A table from elsewhere that names nothing: the file's name is the best name it
            // has. Only then: a sheet is known by what it names, as the same sheet in JSON is.
            if !is_json && names_nothing(&s) {
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
    };
    Ok((sheets, edited))
}

/// Whether a sheet read from a table names nothing it is known by in a 汇总表: a project's
/// sheet no 项目名称 (the title of its form, 项目支出绩效自评表, is every project's); a
/// 部门整体 sheet, which names no project but is known by its title and 单位
/// (`Workbook::repeated_projects`, `other_years`), none of the three. A 汇总表 is rows.
fn names_nothing(sheet: &Sheet) -> bool {
    let meta = &sheet.meta;
    match sheet.kind {
        SheetKind::Summary => false,
        SheetKind::Project => meta.project.trim().is_empty(),
        SheetKind::Department => [&meta.project, &meta.title, &meta.unit]
            .iter()
            .all(|t| t.trim().is_empty()),
    }
}

/// Reads every file, calling `progress` after each, and gathers what could be read into a
/// workbook: the evaluated sheets become its 汇总表's rows; 汇总表 files add their rows.
///
/// The files are read on every core the process may use (`available_parallelism`), each
/// thread taking the next file not yet taken; the workbook and the results are in the order
/// of `files` all the same. `progress` is called on the calling thread with the number of
/// files done so far, as files are done (in whatever order): 1, 2, … up to `files.len()`.
pub fn run(files: &[PathBuf], progress: impl FnMut(usize)) -> (Workbook, Vec<FileResult>) {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    run_on(files, threads, progress)
}

/// [`run`] on at most `threads` threads, the calling thread one of them.
pub fn run_on(
    files: &[PathBuf],
    threads: usize,
    mut progress: impl FnMut(usize),
) -> (Workbook, Vec<FileResult>) {
    let mut batch = Gathered::new(files.len());
    let next = AtomicUsize::new(0);
    let take_next = || {
        let i = next.fetch_add(1, Ordering::Relaxed);
        files.get(i).map(|path| (i, path))
    };
    let (done, finished) = mpsc::channel::<(usize, Read)>();
    std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..threads.min(files.len()))
            .map(|_| {
                let done = done.clone();
                scope.spawn(move || {
                    while let Some((i, path)) = take_next() {
                        if done.send((i, read_one(path))).is_err() {
                            break;
                        }
                    }
                })
            })
            .collect();
        drop(done);
        // Owned here: should `progress` panic, the helpers' next send fails and they stop.
        let finished = finished;
        let mut count = 0;
        let mut add = |i, read| {
            batch.add(i, read);
            count += 1;
            progress(count);
        };
        // The calling thread reads files too, and takes in what the helpers have read between
        // its own files rather than waiting for each: a sheet file is read in microseconds,
        // and waking a waiting thread for every file would cost as much again.
        while let Some((i, path)) = take_next() {
            add(i, read_one(path));
            for (i, read) in finished.try_iter() {
                add(i, read);
            }
        }
        for (i, read) in finished {
            add(i, read);
        }
        // A file that made a helper panic ends the batch as it would on one thread.
        for helper in helpers {
            if let Err(panic) = helper.join() {
                std::panic::resume_unwind(panic);
            }
        }
    });
    batch.finish()
}

/// One file read, with what it adds to the workbook (taken apart by the thread that read it):
/// its sheets, or the rows of a 汇总表.
struct Read {
    result: FileResult,
    sheets: Vec<Sheet>,
    rows: Vec<ProjectRow>,
    /// What tells its bytes from other files' (see [`Fingerprint`]), when it was read.
    fingerprint: Option<Fingerprint>,
}

/// A file's length and a hash of its bytes: files that differ in it differ; files that agree
/// are compared byte for byte ([`same_bytes`]) before one is taken for a copy of the other.
type Fingerprint = (usize, u64);

fn fingerprint(bytes: &[u8]) -> Fingerprint {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut hasher);
    (bytes.len(), hasher.finish())
}

/// Whether two files hold the same bytes, read again now (only files whose fingerprints agree
/// are asked): a file that cannot be read again is taken for no copy, and read as its own.
fn same_bytes(a: &Path, b: &Path) -> bool {
    match (crate::files::read(a), crate::files::read(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

fn read_one(path: &Path) -> Read {
    let (read, edited, fingerprint) = match crate::files::read(path) {
        Err(e) => (Err(e.to_string()), None, None),
        // Only a file read is looked for among the others: one that cannot be read is said
        // for itself, as each copy of it needs mending (an empty file is every empty file).
        Ok(bytes) => match read_bytes(path, &bytes) {
            Ok((sheets, edited)) => (Ok(sheets), edited, Some(fingerprint(&bytes))),
            Err(e) => (Err(e), None, None),
        },
    };
    let (mut sheets, mut rows) = (Vec::new(), Vec::new());
    let count = read.map(|all| {
        for sheet in all {
            if sheet.kind == SheetKind::Summary {
                rows.extend(sheet.projects);
            } else {
                sheets.push(sheet);
            }
        }
        sheets.len()
    });
    Read {
        result: FileResult {
            path: path.to_path_buf(),
            sheets: count,
            rows: rows.len(),
            edited,
            copy_of: None,
        },
        sheets,
        rows,
        fingerprint,
    }
}

/// The workbook and results of a batch, built in the files' order from files read in any
/// order: a file read early waits until those before it are in.
struct Gathered {
    workbook: Workbook,
    results: Vec<FileResult>,
    /// From the first file not yet taken on: the files already read.
    waiting: VecDeque<Option<Read>>,
    /// The fingerprint of each file taken on, with the first file (its place) that had it.
    fingerprints: HashMap<Fingerprint, usize>,
}

impl Gathered {
    fn new(files: usize) -> Gathered {
        Gathered {
            workbook: Workbook::new("批量汇总"),
            results: Vec::with_capacity(files),
            waiting: VecDeque::new(),
            fingerprints: HashMap::new(),
        }
    }

    /// File `i`, read; it and those after it already read are taken if their turn has come.
    fn add(&mut self, i: usize, read: Read) {
        let slot = i - self.results.len();
        if self.waiting.len() <= slot {
            self.waiting.resize_with(slot + 1, || None);
        }
        self.waiting[slot] = Some(read);
        while let Some(Some(_)) = self.waiting.front() {
            if let Some(Some(read)) = self.waiting.pop_front() {
                self.take(read);
            }
        }
    }

    /// The next file in order: its sheets and rows into the workbook, unless its bytes are an
    /// earlier file's. A copy of a file (`表.xlsx` beside `表 - 副本.xlsx`) is that file met
    /// twice, not a project's second version: counted again, it was the same project twice in
    /// the 合计 and the grades, with nothing for the reviewer to choose between.
    fn take(&mut self, mut read: Read) {
        let here = self.results.len();
        if let Some(print) = read.fingerprint {
            let first = *self.fingerprints.entry(print).or_insert(here);
            if first != here && same_bytes(&self.results[first].path, &read.result.path) {
                read.result.copy_of = Some(self.results[first].path.clone());
                read.result.sheets = Ok(0);
                read.result.rows = 0;
                read.result.edited = None;
                self.results.push(read.result);
                return;
            }
        }
        self.workbook.sheets.extend(read.sheets);
        self.workbook.summary.projects.extend(read.rows);
        self.results.push(read.result);
    }

    fn finish(self) -> (Workbook, Vec<FileResult>) {
        debug_assert!(self.waiting.is_empty());
        (self.workbook, self.results)
    }
}

#[cfg(test)]
mod tests {
    use super::{not_a_table, TABLE_FILES};
    use std::path::Path;

    #[test]
    fn the_files_said_to_be_read_are_the_files_read() {
        for ext in TABLE_FILES.split('、') {
            assert_eq!(not_a_table(Path::new(&format!("表{ext}"))), None, "{ext}");
        }
        let other = not_a_table(Path::new("表.numbers")).unwrap();
        assert!(other.contains(TABLE_FILES), "{other}");
    }
}
