//! Excel and CSV in and out (feature `xlsx`): tables read from .xlsx / .csv files are mapped
//! onto a sheet or a 汇总表, and sheets, the 汇总表 and whole workbooks are written to .xlsx
//! laid out like the printed forms, numbers as numbers.
//!
//! Every file this writes also carries its sheet (or workbook) file in a hidden worksheet, so
//! exporting then importing gives back exactly what was exported; a table from anywhere else
//! is read through a column mapping instead.

mod csv;
mod docx;
mod form;
mod mapping;
mod merge;
mod paste;
mod read;
mod write;

pub use self::csv::{sheet_csv, summary_csv};
pub use docx::report_to_docx;
pub use form::read_form;
pub use mapping::{
    build, build_counting, build_reading, build_reading_into, detect, detect_with, pasted_funds,
    top_depth, Against, Choice, ColumnRole, ImportKind, Mapping, PastedFunds, Preview, Reading,
    TablePreview, UnreadHeader, ALL_ROLES,
};
pub use merge::{merge, untaken_said, CellChange, Changes, Imported};
pub use paste::{funds_block_notice, paste, paste_projects, paste_rows, Pasted};
pub use read::{kind_of, read, FileKind, Spreadsheet, Table};
pub use write::{review_to_xlsx, sheet_to_xlsx, summary_to_xlsx, workbook_to_xlsx};

use thiserror::Error;

/// The name of the hidden worksheet that carries the sheet or workbook file.
pub(crate) const EMBEDDED_SHEET: &str = "jixiao";

/// Why a spreadsheet could not be read or written. The message is shown to the user.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum SpreadsheetError {
    #[error("{}", crate::load::EMPTY_FILE)]
    Empty,
    /// What is wrong with the file and what to do, said whole.
    #[error("这不是有效的 Excel 文件（.xlsx）：{0}")]
    BadXlsx(String),
    /// A file that is something else (a Word document, an old .xls): what it is, and what to
    /// do ([`FileKind::refusal`]).
    #[error("{0}")]
    NotATable(&'static str),
    /// A file, or a worksheet, too large to hold once unpacked: what is, and what to do.
    #[error("{0}")]
    TooLarge(String),
    #[error("文件有密码保护，请先在 Excel 中取消密码再导入")]
    Encrypted,
    #[error("文件中没有可读取的工作表")]
    NoWorksheet,
    #[error("CSV 文件第{line}行无法读取：{detail}")]
    BadCsv { line: u64, detail: String },
    #[error("没有找到表头：请确认表格前部有一行是“指标名称、分值……”或“序号、项目名称、预算数……”这样的列名")]
    NoHeader,
    #[error("请至少指定“指标名称”列（或一级 / 二级 / 三级指标列）")]
    NoNameColumn,
    #[error("请至少指定“项目名称”列")]
    NoProjectColumn,
    #[error("没有第{0}个工作表")]
    NoSuchTable(usize),
    /// One role given to two columns: only one could be read, so the mapping is refused, both
    /// columns named (`第4列（实际完成值）`), rather than the second column left out unsaid.
    #[error("{first}和{second}都选为“{role}”，但一种含义只能由一列读入：请把其中一列改为“（不导入）”或别的含义")]
    RoleTwice {
        role: &'static str,
        first: String,
        second: String,
    },
    #[error("文件中保存的评分表无法读取：{0}")]
    Embedded(String),
    #[error("无法生成 Excel 文件：{0}")]
    Write(String),
}

use crate::load::{load_document, Document, LoadError};

/// The sheet or workbook a file written by jixiao carries, read exactly.
pub fn embedded_document(spreadsheet: &Spreadsheet) -> Option<Result<Document, SpreadsheetError>> {
    spreadsheet
        .embedded
        .as_deref()
        .map(|json| load_document(json).map_err(|e| SpreadsheetError::Embedded(e.to_string())))
}

/// Whether a hidden copy was written in an older format version than this build writes (its
/// form was laid out by that version's writer).
fn older_format(json: &str) -> bool {
    #[derive(serde::Deserialize)]
    struct Header {
        format: String,
        version: u32,
    }
    match serde_json::from_str::<Header>(json.strip_prefix('\u{feff}').unwrap_or(json)) {
        Ok(h) if h.format == crate::model::FORMAT => h.version < crate::model::FORMAT_VERSION,
        Ok(h) if h.format == crate::workbook::WORKBOOK_FORMAT => {
            h.version < crate::workbook::WORKBOOK_VERSION
        }
        _ => false,
    }
}

/// Reads a file with no one to confirm a mapping: a form jixiao wrote (its visible cells, with
/// the hidden copy it carries supplying what they do not show), else the first table whose
/// header is recognised. Says which cells of a returned form were edited.
///
/// A hidden copy that cannot be read (another program re-saved it wrongly) does not refuse
/// the file: its visible cells are read alone, as for a form copied out of its workbook, and
/// the message says so. Only when they are no table either is the copy's error given.
pub fn import(bytes: &[u8], file_name: &str) -> Result<Imported, SpreadsheetError> {
    let spreadsheet = read(bytes, file_name)?;
    let mut unreadable_copy = None;
    match embedded_document(&spreadsheet) {
        Some(Ok(hidden)) => {
            if spreadsheet.embedded.as_deref().is_some_and(older_format) {
                return Ok(Imported {
                    document: hidden,
                    changes: Changes {
                        older_form: true,
                        ..Changes::default()
                    },
                });
            }
            return merge(&spreadsheet, hidden);
        }
        Some(Err(e)) => {
            // A copy this build cannot read whole (a newer format, a file too large) is not a
            // damaged one: the cells around it were laid out by another writer, and are not
            // read as if this one had written them.
            let whole = spreadsheet.embedded.as_deref().map(load_document);
            if let Some(Err(
                LoadError::FutureVersion { .. }
                | LoadError::BadVersion(_)
                | LoadError::TooLarge { .. },
            )) = whole
            {
                return Err(e);
            }
            unreadable_copy = Some(e);
        }
        None => {}
    }
    let mut changes = Changes::default();
    let document = match form::visible_document(&spreadsheet) {
        Some(document) => {
            // A 汇总表, or a sheet of 资金 alone, has no indicator rows to have lost notes of.
            let indicators = match &document {
                Document::Sheet(sheet) => !sheet.indicators.is_empty(),
                Document::Workbook(_) => true,
            };
            // A CSV has no hidden copy to have lost. A sheet's own CSV (`sheet_csv`) holds
            // every cell typed, 备注 and 主要问题 included: only the 审核's opinions, the
            // unit's declared figures where they differ from ours (the cells show ours) and
            // the report are not in it (nor in the form's cells).
            changes.csv = !kind_of(bytes).is_binary();
            let own_csv = spreadsheet
                .tables
                .iter()
                .any(|t| form::sheet_csv_header(t).is_some());
            changes.cells_alone = Some(match (indicators, own_csv) {
                (false, _) => "",
                (true, false) => "（各指标的备注和审核意见、与计算结果不同的单位自评数、主要问题和改进建议、自评报告的段落）",
                (true, true) => "（各指标的审核意见、与计算结果不同的单位自评数、自评报告中改写的段落）",
            });
            document
        }
        None => {
            let read = detect(&spreadsheet)
                .tables
                .into_iter()
                .find_map(|t| Some((t.mapping.clone()?, t)))
                .ok_or(SpreadsheetError::NoHeader)
                .and_then(|(mapping, t)| Ok((import_mapped(&spreadsheet, &mapping)?, t)));
            match read {
                Ok((imported, table)) => {
                    changes = imported.changes;
                    // With no one to confirm the columns, those left out are said.
                    changes.columns_unread = table.unread(&spreadsheet);
                    imported.document
                }
                // The copy's error says more of a file jixiao wrote than "no header".
                Err(e) => return Err(unreadable_copy.unwrap_or(e)),
            }
        }
    };
    changes.unreadable_copy = unreadable_copy.map(|e| match e {
        SpreadsheetError::Embedded(why) => why,
        other => other.to_string(),
    });
    Ok(Imported { document, changes })
}

/// A table read as `mapping` maps it (confirmed in the page's mapping step, or guessed), with
/// what it leaves out said: its signature lines, its total rows counted as a paste counts them.
pub fn import_mapped(
    spreadsheet: &Spreadsheet,
    mapping: &Mapping,
) -> Result<Imported, SpreadsheetError> {
    let (sheet, reading) = mapping::build_reading(spreadsheet, mapping)?;
    let summary_totals =
        (mapping.kind == ImportKind::Summary).then(|| !sheet.declared.rate.trim().is_empty());
    Ok(Imported {
        document: Document::Sheet(sheet),
        changes: Changes {
            rows_said: reading.said(),
            headers_repeated: reading.headers,
            totals_skipped: reading.totals,
            summary_totals,
            signature_untaken: reading.signature_untaken,
            ..Changes::default()
        },
    })
}

/// What a file holds, for the import step: whether it is a form jixiao wrote (read with no
/// mapping) and each table with a guessed mapping, keeping what the user fixed (`choices`).
pub fn preview(spreadsheet: &Spreadsheet, choices: &[Choice]) -> Preview {
    let mut preview = detect_with(spreadsheet, choices);
    preview.form = form::visible_document(spreadsheet).is_some();
    preview
}

/// [`import`]'s document alone.
pub fn import_auto(bytes: &[u8], file_name: &str) -> Result<Document, SpreadsheetError> {
    import(bytes, file_name).map(|i| i.document)
}
