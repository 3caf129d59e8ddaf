//! The spreadsheet module's binding: reading .xlsx / .csv tables (with a column-mapping step
//! when a table's headers are not recognised), writing sheets, the 汇总表 and workbooks as
//! .xlsx laid out like the printed forms, and sheets and the 汇总表 as CSV. Documents cross as
//! JSON text (the calculator module holds them), files as bytes (`Uint8Array`).

use super::convert::{from_json, opened, optional_text_arg, position, text_arg, to_js};
use crate::load::{load, load_workbook};
use crate::xlsx::{self, Choice, ColumnRole, ImportKind, Mapping, ALL_ROLES};
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = r#"
/** Review mode (docs/REVIEW.md): the unit's figures beside ours, row by row. */
export type FigureStatus =
  | "none" | "reproduced" | "explained" | "doubtful" | "unexplained" | "follows" | "not_compared";
export interface ReviewFigure { declared: string; computed: string | null; status: FigureStatus }
export type ReviewPlace =
  | { in: "node"; node: number } | { in: "funds"; row: number } | { in: "project"; row: number }
  | { in: "summary" } | { in: "total" } | { in: "grade" };
export interface ReviewRow {
  place: ReviewPlace; name: string; depth: number; leaf: boolean; weight: string | null;
  rate: ReviewFigure; score: ReviewFigure; entered: boolean; not_applicable: boolean; notes: string[];
  /** Whether the row keeps a 审核意见: every indicator, and the bottom line's first row. */
  takes_opinion: boolean; opinion: string;
}
export interface ConventionFound {
  index: number; id: string; label: string; reproduces: number; of: number; contradicts: number;
}
export interface ReviewTable {
  figures: number; reproduced: number; explained: number; doubtful: number; unexplained: number;
  slips: number; not_compared: number;
  /** The counts in words, as the page and the review workbook head the table; "" when nothing is declared. */
  counts: string;
  rows: ReviewRow[]; conventions: ConventionFound[]; sheet_errors: string[];
}
/** The 自评报告 (src/narrative.rs): where each span's text comes from. */
export type ReportSource = "words" | "figure" | "derivation" | "typed" | "status" | "written" | "missing" | "pending";
/** `name`: a part from the table, by which an edit of the paragraph keeps it; `unit`: the
 * user's word after a 待定 figure, shown in `text` before its marker (73.01分（待定）), which
 * an edit gives back to the words after the part. */
export interface ReportSpan { from: ReportSource; text: string; name?: string; unit?: string }
/** `edited`: rewritten by the user; `added`: written where the table gives no paragraph;
 * `set_aside`: a rewrite whose paragraph the table no longer gives, and why (left out of the
 * Word document); `to_write`: a note asking for what the table does not give yet (尚未填写…),
 * not rewritten, marked in the Word document. */
export interface ReportParagraph {
  key: string; spans: ReportSpan[]; edited?: boolean; added?: boolean; to_write?: boolean; set_aside?: "gone" | "not_here" | "empty";
}
export interface ReportSection {
  key: "basics" | "goals" | "conclusion" | "problems" | "measures"; heading: string;
  paragraphs: ReportParagraph[];
}
/** `signed`: the closing lines, the table's 单位 and 填报日期 where it names them;
 * `evaluation`: a 重点评价's report (绩效评价报告), not a 自评. */
export interface Narrative { title: string; sections: ReportSection[]; signed: string[]; evaluation: boolean }
/** A rule as the sheet file writes it (`{"kind": "yes_no"}`, `{"kind": "step", "step": "5%", …}`). */
export type LibraryRule = { kind: string; [parameter: string]: string };
/** An indicator of the 指标库 (library/indicators.json): how it is usually written. */
export interface LibraryEntry {
  name: string; group: string; unit?: string; comparison?: string; target?: string;
  rule?: LibraryRule; source: string; note?: string;
}
/** What a column of an imported table holds. */
export type ColumnRole =
  | "depth" | "level1" | "level1_weight" | "level1_score" | "level2" | "level2_weight"
  | "level2_score" | "indicator" | "weight" | "rule" | "comparison" | "target" | "actual"
  | "unit" | "rate" | "coefficient" | "score" | "reason" | "note" | "declared_grade"
  | "seq" | "unit_name" | "project" | "goal" | "budget" | "spent" | "project_rate"
  | "project_score" | "grade" | "problems" | "suggestions";
/** What a table becomes: an indicator tree (a sheet) or 汇总表 rows. */
export type ImportKind = "indicators" | "summary";
/** How to read one table: its header row and what each column holds (null: skip it). */
/** `stacked`: the header is on two rows, `header_row` and the one above it. */
export interface Mapping {
  table: number; header_row: number; stacked?: boolean; kind: ImportKind; roles: (ColumnRole | null)[];
}
export interface TablePreview {
  name: string; rows: number; mapping: Mapping | null; headers: string[]; sample: string[][];
  /** For each column of the header row: empty, given a role, or a column a form computes
   * (完成率). A column not understood is left out unless the user gives it a role. */
  understood: boolean[];
  /** Every column is understood: read at once, without a mapping step. */
  certain: boolean;
}
/** What a pasted block did: rows added, rows of the sheet it updated (named like a row of
 * the block), `from_sheets`: 汇总表 rows of a project a workbook's sheet gives (left as they
 * are), blank template rows it replaced, the filled cells it changed (in words), and
 * the first row it wrote (for the cursor); `kept`: filled cells of updated rows the block has
 * blank in a column it fills elsewhere, kept (`甲的偏差原因`), absent when none; `above`: what the lines above its header filled
 * (基本信息 fields by name, then `资金情况 4 行`), absent when none; `dropped`: the template's
 * groups and named rows a whole table pasted over it had none of, taken out, absent when none;
 * `declared`: the 总分, 等级 (a 汇总表's 合计 完成率) its 合计 lines declared, kept for 审核
 * (`自评总分 95.4`), absent when none; `partial_total`: a 汇总表 block's 合计 not kept, as
 * the table has other rows than the block's, the number of projects it sums; `earlier_rate`:
 * the 合计 rate the 汇总表 declared before, of fewer rows than it now has, kept; `kind`: a
 * table of the other kind pasted, the sheet's kind changed to it or why not (in words, also
 * among the `said` of `PastedTable`). */
export interface Pasted {
  added: number; filled: number; from_sheets: number; replaced: number; overwritten: string[]; first: number | null;
  kept?: string[]; above?: string[]; dropped?: string[]; declared?: string[]; partial_total?: number;
  earlier_rate?: string; kind?: string;
}
/** A 资金 row of a pasted 资金 block: its name (`其中：` taken off a 其中 row, `part`) and its
 * figures as the block holds them, a bare figure of a block stated in 元 / 千元 / 亿元 written
 * with that unit; a figure absent where the block has no such column (the table's stays), "" for
 * a blank cell of one it has. */
export interface PastedFund { name: string; initial?: string; budget?: string; spent?: string; part: boolean }
/** A block pasted at the 资金情况 table read as the 10号 form's 资金 block: `named` false for
 * figures under a header alone (the table's rows keep their names); `above` and `left_out`, the
 * lines before its header and after its 资金 rows that hold text (a title, the form's next part),
 * not read; `unread_header`, for a 资金 header that cannot be placed (本年预算 | 本年支出, no
 * budget column named), nothing read, why and what to do (`其表头中的“本年预算”…`, ending in the
 * advice); `unread_columns`, headings not known beside known ones (实际支付), their cells not
 * read; `no_total`, for rows that are 其中 rows without their 年度资金总额 (or 合计): the table's
 * first row is the total, left as it is. */
export interface PastedFunds {
  named: boolean; rows: PastedFund[]; above: number; left_out: number; unread_header?: string;
  unread_columns?: string[]; no_total?: boolean;
}
/** A sheet with a pasted block placed in it: the sheet file (JSON text) to open, what the
 * paste did, how many total rows (合计, 小计) and repeated header rows of the block were left
 * out, and in words its rows read otherwise than it shows them (a blank name carried down) and
 * what its lines above the header and signature lines hold that no field keeps. */
export interface PastedTable { sheet: string; pasted: Pasted; totals: number; headers: number; said: string[] }
/** What a file holds, with a guessed mapping per table for the user to confirm. `embedded`:
 * a form jixiao wrote, with its hidden copy; `form`: one without it. Both open without a
 * mapping step. */
export interface SpreadsheetPreview { embedded: boolean; form: boolean; tables: TablePreview[] }
/** What the user fixed for one table in the mapping step; the columns are guessed again. */
export interface Choice { header_row?: number | null; kind?: ImportKind | null }
export interface ColumnRoleInfo { role: ColumnRole; label: string; kind: ImportKind }
/** A file opened: its sheets as sheet files (JSON text), and a workbook's 汇总表. */
export interface OpenedDocument {
  kind: "sheet" | "workbook"; name: string; sheets: string[]; summary: string | null;
  /** What opening it did beyond reading it: a returned form's edited cells it took, what a
   * table's signature lines hold that no field keeps. */
  message: string | null;
}
"#;

fn error(e: impl std::fmt::Display) -> JsError {
    JsError::new(&e.to_string())
}

/// The roles a mapping step offers, with the names users see.
#[wasm_bindgen(js_name = columnRoles, unchecked_return_type = "ColumnRoleInfo[]")]
pub fn column_roles() -> Result<JsValue, JsError> {
    #[derive(Serialize)]
    struct Info {
        role: ColumnRole,
        label: &'static str,
        kind: ImportKind,
    }
    let list: Vec<Info> = ALL_ROLES
        .iter()
        .map(|&role| Info {
            role,
            label: role.label(),
            kind: role.kind(),
        })
        .collect();
    to_js(&list)
}

/// The tables of an .xlsx or .csv file, each with a guessed mapping. `choices` (the JSON text
/// of a `Choice[]`, one per table) keeps a header row or kind the user fixed.
#[wasm_bindgen(js_name = previewSpreadsheet, unchecked_return_type = "SpreadsheetPreview")]
pub fn preview_spreadsheet(
    bytes: &[u8],
    #[wasm_bindgen(unchecked_param_type = "string")] file_name: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "string")] choices: JsValue,
) -> Result<JsValue, JsError> {
    let file_name = &text_arg(file_name, "file_name")?;
    let choices = optional_text_arg(choices, "choices")?;
    let spreadsheet = xlsx::read(bytes, file_name).map_err(error)?;
    let choices: Vec<Choice> = match choices {
        Some(json) => from_json(&json, "表头选择")?,
        None => Vec::new(),
    };
    to_js(&xlsx::preview(&spreadsheet, &choices))
}

/// Reads a file: with `mapping` (the JSON text of a `Mapping`) that table as mapped; without,
/// the sheet or workbook a file written by jixiao carries, else the first recognised table.
#[wasm_bindgen(js_name = importSpreadsheet, unchecked_return_type = "OpenedDocument")]
pub fn import_spreadsheet(
    bytes: &[u8],
    #[wasm_bindgen(unchecked_param_type = "string")] file_name: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "string")] mapping: JsValue,
) -> Result<JsValue, JsError> {
    let file_name = &text_arg(file_name, "file_name")?;
    let mapping = optional_text_arg(mapping, "mapping")?;
    let (document, message) = match mapping {
        Some(json) => {
            let mapping: Mapping = from_json(&json, "列对应关系")?;
            let spreadsheet = xlsx::read(bytes, file_name).map_err(error)?;
            let imported = xlsx::import_mapped(&spreadsheet, &mapping).map_err(error)?;
            let message = imported.changes.message();
            (imported.document, message)
        }
        None => {
            let imported = xlsx::import(bytes, file_name).map_err(error)?;
            let message = imported.changes.message();
            (imported.document, message)
        }
    };
    to_js(&opened(document, message))
}

/// A block of cells pasted from Excel (the JSON text of `string[][]`) as a one-table file.
fn pasted_block(rows: JsValue) -> Result<xlsx::Spreadsheet, JsError> {
    let rows: Vec<Vec<String>> = from_json(&text_arg(rows, "rows")?, "粘贴的单元格")?;
    Ok(xlsx::Spreadsheet::of_cells("粘贴的内容", rows))
}

/// A pasted block (the JSON text of `string[][]`) with its guessed mapping, as
/// `previewSpreadsheet` gives a file's tables; `choices` keeps what the user fixed.
#[wasm_bindgen(js_name = previewTable, unchecked_return_type = "SpreadsheetPreview")]
pub fn preview_table(
    #[wasm_bindgen(unchecked_param_type = "string")] rows: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "string")] choices: JsValue,
) -> Result<JsValue, JsError> {
    let block = pasted_block(rows)?;
    let choices: Vec<Choice> = match optional_text_arg(choices, "choices")? {
        Some(json) => from_json(&json, "表头选择")?,
        None => Vec::new(),
    };
    to_js(&xlsx::preview(&block, &choices))
}

/// A pasted block (the JSON text of `string[][]`) read through `mapping` (the JSON text of a
/// `Mapping`) and placed in `sheet` (the sheet file's JSON text) after row `at`: the rows it
/// describes (indicators, or 汇总表 projects), merged into the sheet's own by name. `linked`:
/// how many of a workbook's 汇总表's first rows are its sheets' (left as they are).
#[wasm_bindgen(js_name = pasteTable, unchecked_return_type = "PastedTable")]
pub fn paste_table(
    #[wasm_bindgen(unchecked_param_type = "string")] rows: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] mapping: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] sheet: JsValue,
    at: Option<f64>,
    linked: Option<f64>,
) -> Result<JsValue, JsError> {
    #[derive(Serialize)]
    struct PastedTable {
        sheet: String,
        pasted: xlsx::Pasted,
        totals: usize,
        headers: usize,
        said: Vec<String>,
    }
    let block = pasted_block(rows)?;
    let mapping: Mapping = from_json(&text_arg(mapping, "mapping")?, "列对应关系")?;
    let mut target = load(&text_arg(sheet, "sheet")?).map_err(error)?;
    let at = at.map(|a| position(a, "at")).transpose()?;
    let linked = linked.map(|l| position(l, "linked")).transpose()?;
    let (read, reading) =
        xlsx::build_reading_into(&block, &mapping, &target.settings).map_err(error)?;
    let depth = xlsx::top_depth(&mapping);
    let pasted = xlsx::paste(&mut target, at, depth, linked.unwrap_or(0), read);
    to_js(&PastedTable {
        sheet: target.to_json(),
        totals: reading.totals,
        headers: reading.headers,
        // What its lines hold that no field keeps, said as opening the table says it.
        said: [
            reading.said(),
            Vec::from_iter(xlsx::untaken_said(&reading.signature_untaken)),
            pasted.rules_unread.clone(),
            Vec::from_iter(pasted.kind.clone()),
        ]
        .concat(),
        pasted,
    })
}

/// A block pasted at the indicator table (the JSON text of `string[][]`) that no header maps:
/// when it is a 资金 block, what to say instead of writing it into indicator rows.
#[wasm_bindgen(js_name = fundsBlockNotice)]
pub fn funds_block_notice(
    #[wasm_bindgen(unchecked_param_type = "string")] rows: JsValue,
) -> Result<Option<String>, JsError> {
    let rows: Vec<Vec<String>> = from_json(&text_arg(rows, "rows")?, "粘贴的单元格")?;
    Ok(xlsx::funds_block_notice(&rows))
}

/// A block pasted at the 资金情况 table (the JSON text of `string[][]`) read as a 资金 block, by
/// its label or header (the core's one reader of them, `xlsx::pasted_funds`); undefined for a
/// block of values, which the page writes from the cell pasted at.
#[wasm_bindgen(js_name = pastedFunds, unchecked_return_type = "PastedFunds | undefined")]
pub fn pasted_funds(
    #[wasm_bindgen(unchecked_param_type = "string")] rows: JsValue,
) -> Result<JsValue, JsError> {
    #[derive(Serialize)]
    struct PastedFund {
        name: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        initial: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        budget: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        spent: Option<String>,
        part: bool,
    }
    #[derive(Serialize)]
    struct PastedFunds {
        named: bool,
        rows: Vec<PastedFund>,
        above: usize,
        left_out: usize,
        #[serde(skip_serializing_if = "Option::is_none")]
        unread_header: Option<String>,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        unread_columns: Vec<String>,
        #[serde(skip_serializing_if = "std::ops::Not::not")]
        no_total: bool,
    }
    let rows: Vec<Vec<String>> = from_json(&text_arg(rows, "rows")?, "粘贴的单元格")?;
    let Some(read) = xlsx::pasted_funds(&rows) else {
        return Ok(JsValue::UNDEFINED);
    };
    // A column the block has not is no figure of it: the table's stays.
    let fund = |f: crate::model::FundsRow| PastedFund {
        name: f.name,
        initial: read.has_initial.then_some(f.initial),
        budget: read.has_budget.then_some(f.budget),
        spent: read.has_spent.then_some(f.spent),
        part: f.part,
    };
    to_js(&PastedFunds {
        named: read.named,
        rows: read.rows.into_iter().map(fund).collect(),
        above: read.above,
        left_out: read.left_out,
        unread_header: read.unread_header.as_ref().map(xlsx::UnreadHeader::said),
        unread_columns: read.unread_columns,
        no_total: read.no_total,
    })
}

/// A sheet file (JSON text) as an .xlsx file laid out like its printed form; a workbook's
/// 汇总表 with `note` under it, saying which of the workbook's sheets it leaves out.
#[wasm_bindgen(js_name = sheetToXlsx)]
pub fn sheet_to_xlsx(
    #[wasm_bindgen(unchecked_param_type = "string")] json: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "string")] note: JsValue,
) -> Result<Vec<u8>, JsError> {
    let json = &text_arg(json, "json")?;
    let note = optional_text_arg(note, "note")?;
    let sheet = load(json).map_err(error)?;
    xlsx::summary_to_xlsx(&sheet, note.as_deref()).map_err(error)
}

/// The 指标库's indicators a typed name matches, best first, at most `limit`.
#[wasm_bindgen(js_name = searchIndicators, unchecked_return_type = "LibraryEntry[]")]
pub fn search_indicators(
    #[wasm_bindgen(unchecked_param_type = "string")] query: JsValue,
    limit: f64,
) -> Result<JsValue, JsError> {
    let query = &text_arg(query, "query")?;
    let limit = super::convert::position(limit, "limit")?;
    to_js(&crate::library::search(query, limit))
}

/// A sheet file (JSON text)'s 自评报告 as paragraphs of spans, each saying whether it comes
/// from the table, with the user's edits: what the page's report editor shows.
#[wasm_bindgen(js_name = reportNarrative, unchecked_return_type = "Narrative")]
pub fn report_narrative(
    #[wasm_bindgen(unchecked_param_type = "string")] json: JsValue,
) -> Result<JsValue, JsError> {
    let json = &text_arg(json, "json")?;
    let sheet = load(json).map_err(error)?;
    to_js(&crate::narrative::narrative(&sheet))
}

/// A sheet file (JSON text) with its report rewrites bound to their rows' ids, when some were
/// kept under the keys of a version before row ids (`…#2`), which only the report writer can
/// place: the sheet file to keep in its place (JSON text), else undefined. The calculator's own
/// module leaves them as they are (`Calculator::bind_report_keys`).
#[wasm_bindgen(js_name = bindReportKeys)]
pub fn bind_report_keys(
    #[wasm_bindgen(unchecked_param_type = "string")] json: JsValue,
) -> Result<Option<String>, JsError> {
    let json = &text_arg(json, "json")?;
    let sheet = load(json).map_err(error)?;
    let keys = |edits: &[crate::model::ReportEdit]| {
        edits.iter().map(|e| e.key.clone()).collect::<Vec<_>>()
    };
    let before = keys(&sheet.report);
    let calc = crate::Calculator::new(sheet);
    Ok((keys(calc.report_edits()) != before).then(|| calc.to_sheet().to_json()))
}

/// A sheet file (JSON text)'s 自评报告 as a Word document (.docx), its indicator table appended.
#[wasm_bindgen(js_name = reportToDocx)]
pub fn report_to_docx(
    #[wasm_bindgen(unchecked_param_type = "string")] json: JsValue,
) -> Result<Vec<u8>, JsError> {
    let json = &text_arg(json, "json")?;
    let sheet = load(json).map_err(error)?;
    xlsx::report_to_docx(&sheet).map_err(error)
}

/// A sheet file (JSON text) reviewed, as the .xlsx a reviewer hands back: a 审核表 of the
/// unit's figures beside ours with each difference and 审核意见, then the form as scored.
#[wasm_bindgen(js_name = reviewToXlsx)]
pub fn review_to_xlsx(
    #[wasm_bindgen(unchecked_param_type = "string")] json: JsValue,
) -> Result<Vec<u8>, JsError> {
    let json = &text_arg(json, "json")?;
    let sheet = load(json).map_err(error)?;
    xlsx::review_to_xlsx(&sheet).map_err(error)
}

/// A sheet file (JSON text) reviewed, row by row: the unit's declared figures beside ours, each
/// difference explained (docs/REVIEW.md). Here, not in the calculator every page loads first:
/// a reviewer opens the unit's spreadsheet, which loads this module anyway.
#[wasm_bindgen(js_name = reviewTable, unchecked_return_type = "ReviewTable")]
pub fn review_table(
    #[wasm_bindgen(unchecked_param_type = "string")] json: JsValue,
) -> Result<JsValue, JsError> {
    let json = &text_arg(json, "json")?;
    let sheet = load(json).map_err(error)?;
    to_js(&crate::review::table(&sheet))
}

/// The sheet file (JSON text) scored by convention `index` of a review's `conventions` (its
/// settings, or for `budget_weight_20` its 预算执行率 rows' 分值), as JSON text; `undefined`
/// when it already is.
#[wasm_bindgen(js_name = applyConvention)]
pub fn apply_convention(
    #[wasm_bindgen(unchecked_param_type = "string")] json: JsValue,
    index: f64,
) -> Result<Option<String>, JsError> {
    let json = &text_arg(json, "json")?;
    let sheet = load(json).map_err(error)?;
    let index = position(index, "index")?;
    Ok(crate::review::apply_convention(&sheet, index).map(|s| s.to_json()))
}

/// A workbook file (JSON text) as an .xlsx file: the 汇总表, then a worksheet per sheet.
#[wasm_bindgen(js_name = workbookToXlsx)]
pub fn workbook_to_xlsx(
    #[wasm_bindgen(unchecked_param_type = "string")] json: JsValue,
) -> Result<Vec<u8>, JsError> {
    let json = &text_arg(json, "json")?;
    let workbook = load_workbook(json).map_err(error)?;
    xlsx::workbook_to_xlsx(&workbook).map_err(error)
}

/// A sheet file (JSON text) as CSV, evaluated: its 资金 rows, a line per indicator with its
/// result and derivation, the total (what the page's 表格 → CSV writes).
#[wasm_bindgen(js_name = sheetCsv)]
pub fn sheet_csv(
    #[wasm_bindgen(unchecked_param_type = "string")] json: JsValue,
) -> Result<String, JsError> {
    let json = &text_arg(json, "json")?;
    let sheet = load(json).map_err(error)?;
    xlsx::sheet_csv(&sheet).map_err(error)
}

/// A 汇总表 (sheet file, JSON text) as CSV with its 合计 row; a workbook's with `note` after
/// it, saying which of the workbook's sheets it leaves out.
#[wasm_bindgen(js_name = summaryCsv)]
pub fn summary_csv(
    #[wasm_bindgen(unchecked_param_type = "string")] json: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "string")] note: JsValue,
) -> Result<String, JsError> {
    let json = &text_arg(json, "json")?;
    let note = optional_text_arg(note, "note")?;
    let sheet = load(json).map_err(error)?;
    xlsx::summary_csv(&sheet, note.as_deref()).map_err(error)
}
