//! The calculator's binding (the page's first and only module until a spreadsheet is
//! opened or written).
//!
//! A `Calculator` keeps the sheet inside wasm, so an edit re-evaluates only the edited row and
//! its ancestors. Results cross the boundary as plain objects whose decimals are strings
//! already rounded, so JavaScript never rounds a figure. Every entry point returns errors as
//! JS exceptions with a Chinese message; nothing here panics (ARCHITECTURE.md, Invariants).
//!
//! The TypeScript types below are written by hand (as IronCalc does) and checked by
//! `npm test`: the generated `.d.ts` must contain no `any`, a TypeScript consumer must
//! compile against it, and real results must have exactly the declared fields.

use super::convert::{
    bytes_arg, from_json, json_to_js, opened, position, text_arg, texts_arg, to_js, whole,
};
use crate::cell::{parse_cell, Cell};
use crate::diagnostic::Field;
use crate::engine::{other_years, row_from_sheet};
use crate::engine::{Calculator, Carried, Changed, EditError, FundField, MetaField, ProjectField};
use crate::load::{load, load_bytes, load_document};
use crate::model::{FundsRow, Node, ProjectRow, ReportPiece, Settings, Sheet, SheetKind};
use crate::templates::{self, TEMPLATES};
use crate::workbook::Workbook;
use serde::de::{DeserializeOwned, IntoDeserializer};
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = r#"
/** 比较方式. */
export type ComparisonSymbol = "≥" | ">" | "=" | "≤" | "<" | "定性";
/** 达成程度 of a qualitative leaf. */
export type LevelName = "达成" | "部分达成" | "未达成";
export type SheetKind = "project" | "department" | "summary";
/** Fields of an indicator row that `Calculator.set` edits. */
export type NodeField =
  | "id" | "name" | "weight" | "rule" | "comparison" | "target" | "actual" | "unit" | "level"
  | "score" | "not_applicable" | "reason" | "note" | "declared_rate" | "declared_score"
  | "opinion";
/** What a rename carries the 自评报告's rewrites for (`carryReport`). */
export type Carried = "row" | "funds" | "problems" | "suggestions";
export type MetaField =
  | "title" | "unit" | "project" | "year" | "department" | "goal" | "achieved" | "note"
  | "problems" | "suggestions" | "preparer" | "reviewer" | "phone" | "date"
  | "declared_total" | "declared_grade" | "declared_rate" | "opinion";
/** `part` takes "true" or "false". */
export type FundField =
  | "name" | "initial" | "budget" | "spent" | "note" | "part" | "declared_rate" | "declared_score";
export type ProjectField =
  | "seq" | "unit" | "project" | "goal" | "budget" | "spent" | "score" | "grade" | "problems"
  | "suggestions" | "declared_rate";
export type RowField = "seq" | "name" | "initial" | "budget" | "spent" | "score" | "grade";
export type SettingField =
  | "total_weight" | "grade_bands" | "over_completion" | "decimals" | "qualitative_bands"
  | "version";

export interface Band { min?: string; max?: string; points: string }
/** How a leaf is scored; parameters are text as typed. */
export type Rule =
  | { kind: "ratio"; lower?: "linear" | "ratio" }
    | { kind: "budget_execution"; from_funds?: boolean }
  | { kind: "step"; threshold?: string; step: string; points: string; inclusive?: boolean }
  | { kind: "interval"; basis?: "actual" | "rate"; bands: Band[] }
  | { kind: "per_occurrence"; points: string }
  | { kind: "qualitative" }
  | { kind: "yes_no" }
  | { kind: "manual" }
  | { kind: "coefficient" }
  | { kind: "adjustment"; bound: string };

/** A row of the indicator tree, as in the sheet file: every number is text as typed. */
export interface IndicatorNode {
  id?: string; name?: string; weight?: string; rule?: Rule; comparison?: ComparisonSymbol;
  target?: string; actual?: string; unit?: string; level?: LevelName; score?: string;
  not_applicable?: boolean; reason?: string; note?: string; declared?: Declared;
  opinion?: string; children?: IndicatorNode[];
}
export interface Meta {
  title?: string; unit?: string; project?: string; year?: string; department?: string;
  goal?: string; achieved?: string; note?: string; problems?: string; suggestions?: string;
  preparer?: string; reviewer?: string; phone?: string; date?: string;
}
export interface GradeBand { grade: string; min: string }
/** 四舍五入, 截位, 进位. */
export type Rounding = "half_up" | "truncate" | "up";
export interface Settings {
  total_weight?: string; grade_bands?: GradeBand[]; score_decimals?: number;
  rate_decimals?: number; over_completion?: string;
  score_rounding?: Rounding; rate_rounding?: Rounding; qualitative_bands?: [string, string];
  budget_uncapped?: boolean; actual_as_coefficient?: boolean;
}
/** Figures as the unit printed them: kept, compared, never scored. */
export interface Declared { rate?: string; score?: string }
export interface FundsRow {
  name: string; initial?: string; budget?: string; spent?: string; note?: string;
  declared?: Declared; part?: boolean;
}
export interface ProjectRow {
  seq?: string; unit?: string; project?: string; goal?: string; budget?: string; spent?: string;
  score?: string; grade?: string; problems?: string; suggestions?: string;
  declared?: { rate?: string };
  /** On a row from a sheet, scored: the band of the sheet's own grade bands it is graded in. */
  sheet_grade?: GradeBand;
}
/** A sheet file (docs/FORMAT.md). */
export interface Sheet {
  format: "jixiao-sheet"; version: number; kind: SheetKind; meta?: Meta; settings?: Settings;
  funds?: FundsRow[]; indicators?: IndicatorNode[]; projects?: ProjectRow[];
  /** 总分, 等级 (and a 汇总表's 合计 rate) as the unit printed them; the 审核意见 on them. */
  declared?: { total?: string; grade?: string; rate?: string; opinion?: string };
  /** The 自评报告's paragraphs as the user rewrote or added them. */
  report?: ReportEdit[];
}
/** The user's words, or a part from the table kept by its name in the paragraph. */
export type ReportPiece = { words: string } | { table: string };
/** A paragraph of the 自评报告 as the user wrote it, by the key of the paragraph it replaces. */
export interface ReportEdit { key: string; text: ReportPiece[] }

/** `hint` (提示): a weakness of the indicator itself, with a suggestion; never an error. */
export type Severity = "error" | "warning" | "info" | "hint";
/** Where a diagnostic belongs. */
export type DiagnosticPlace =
  | { in: "sheet" }
  | { in: "setting"; field: SettingField }
  | { in: "node"; node: number; field: NodeField }
  | { in: "funds"; row: number; field: RowField }
  | { in: "project"; row: number; field: RowField };
/** A finding with its stable code and the Chinese message shown at its place. */
export type Diagnostic = DiagnosticPlace & { severity: Severity; code: string; message: string };

export type NodeStatus = "group" | "scored" | "unscored" | "not_applicable";
export interface NodeReport {
  /** Position in printed order; diagnostics and edits refer to rows by it. */
  index: number; parent: number | null; depth: number; id: string | null; name: string;
  leaf: boolean; status: NodeStatus;
  weight: string | null;
  /** The 分值 as printed when the cell is a plain figure (１０, 10分, 2.50 as 10, 10, 2.50);
   * null when blank, unreadable or saying more (≤5分, 5（扣分）), printed as typed. */
  weight_read: string | null;
  score: string | null; rate: string | null; rule: string | null;
  derivation: string | null; formula: string | null;
}
export interface RescaleReport {
  not_applicable: number; scored: string; full_weight: string; applicable_weight: string;
  adjustment: string; text: string;
}
export interface FundsReport {
  name: string; part: boolean; initial: string | null; budget: string | null;
  spent: string | null;
  /** The amounts with every place read (1.2345 where `budget` says 1.23), as printed. */
  initial_exact: string | null; budget_exact: string | null; spent_exact: string | null;
  rate: string | null;
  /** 分值 and 得分 on the row a 预算执行率 is scored from (the 10号 form's 年度资金总额). */
  weight: string | null; score: string | null;
}
export interface ProjectReport {
  seq: string; unit: string; project: string; budget: string | null; spent: string | null;
  /** The amounts with every place read (420.1234 where `budget` says 420.12), as printed. */
  budget_exact: string | null; spent_exact: string | null;
  rate: string | null; score: string | null;
  /** The score with every place read (87.995 where `score` says 88.00), as printed. */
  score_exact: string | null; grade: string | null;
}
export interface GradeCount { grade: string; count: number }
/** The 汇总表's 合计 row and grade distribution. */
export interface SummaryTotals {
  budget: string; spent: string; rate: string | null; grades: GradeCount[];
  /** Projects in no grade (无分数): no score and no grade typed. A row from a sheet not yet
   * fully scored, or with errors, has 分数 待定; a typed row's blank 分数 stays blank. */
  no_score: number;
  mean_score: string | null; min_score: string | null; max_score: string | null;
}
export interface SummaryReport extends SummaryTotals { rows: ProjectReport[] }
/** The total and the counts a report and every update carry. */
export interface Totals {
  total: string | null; raw_total: string | null; grade: string | null;
  /** The grade a form may state: null until every applicable leaf is scored and the table
   * has no errors (`grade` is then provisional). */
  final_grade: string | null; complete: boolean;
  rescale: RescaleReport | null; top_weight: string; errors: number; warnings: number;
  /** 提示: reviewers' points about the indicators themselves. */
  hints: number;
  /** Leaves scored, and applicable leaves not scored yet (kept by the core as edits go). */
  scored: number; unscored: number;
}
/** What typing in one 汇总表 row changed: the row, the 合计, that row's findings and the
 * sheet's own (`in` "sheet" or "setting": all of them, replacing those before), the counts;
 * `full` when other rows' findings changed too (its names now repeat another row's, or no
 * longer do): the whole evaluation is then read again. */
export interface ProjectUpdate extends Totals {
  full: boolean; row: ProjectReport; summary: SummaryTotals; diagnostics: Diagnostic[];
}
/** A whole evaluation. */
export interface Report extends Totals {
  kind: SheetKind; kind_label: string; expected_weight: string; nodes: NodeReport[];
  funds: FundsReport[]; summary: SummaryReport | null; diagnostics: Diagnostic[];
}
/** What an edit changed in one row, as the table shows it; its explanation is `explain(index)`. */
export interface RowUpdate {
  index: number; status: NodeStatus; weight: string | null; score: string | null;
  rate: string | null;
}
/** What one edit changed: the changed rows, their findings and the sheet's, the totals and
 * counts. With `full`, redraw everything from `report()`. */
export interface Update extends Totals {
  full: boolean; changed: RowUpdate[]; diagnostics: Diagnostic[];
  /** The 比较方式 this edit set on its row: a typed target said how to compare (`≤3天`). */
  comparison_set: ComparisonChange | null;
}
/** How a leaf's score came about, in words and in arithmetic (null for a group). */
export interface Explanation { derivation: string | null; formula: string | null }
/** A row's 比较方式 before and after an edit. */
export interface ComparisonChange { before: ComparisonSymbol | null; after: ComparisonSymbol | null }
export interface TemplateInfo { id: string; name: string; description: string }
/** The choices the page offers, from the core: rule kinds as [name in files, label], the
 * comparisons, the qualitative levels, the default grade bands and the hints. */
export interface Catalog {
  rules: [string, string][]; comparisons: ComparisonSymbol[]; levels: LevelName[];
  grade_bands: GradeBand[];
  /** The 提示 a sheet can switch off (`hints_off`): [code, what it points out]. */
  hints: [string, string][];
}
/** A file opened: its sheets as sheet files (JSON text), and a workbook's 汇总表. */
export interface OpenedDocument {
  kind: "sheet" | "workbook"; name: string; sheets: string[]; summary: string | null;
  /** What opening it did beyond reading it: a returned form's edited cells it took. */
  message: string | null;
}
/** A 定性 row's 实际完成值 cell as pasted from a form: its words and the level it names. */
export interface LevelCell { words: string; level: LevelName | null; }
/** How one cell's text is read. */
export interface CellReading {
  blank: boolean; value: string | null; percent: boolean; comparison: ComparisonSymbol | null;
  unit: string; from_chinese_numeral: boolean; error: string | null;
}
"#;

/// A field name from JavaScript, read with the same names as the file format.
/// A name from JavaScript (a field, a kind) read as one of `T`'s variants; `arg` names the
/// parameter in the message when it is not text at all.
fn field<T: DeserializeOwned>(value: JsValue, arg: &str, what: &str) -> Result<T, JsError> {
    let name = text_arg(value, arg)?;
    T::deserialize(name.as_str().into_deserializer())
        .map_err(|_: serde::de::value::Error| JsError::new(&format!("没有“{name}”这个{what}")))
}

fn edit_error(e: EditError) -> JsError {
    JsError::new(&e.to_string())
}

/// A sheet being edited and evaluated.
#[wasm_bindgen(js_name = Calculator)]
pub struct JsCalculator {
    inner: Calculator,
}

#[wasm_bindgen(js_class = Calculator)]
impl JsCalculator {
    /// Loads a sheet file (JSON text); throws an Error with a Chinese message when it cannot.
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(
        #[wasm_bindgen(unchecked_param_type = "string")] json: JsValue,
    ) -> Result<JsCalculator, JsError> {
        let json = text_arg(json, "json")?;
        let sheet = load(&json).map_err(|e| JsError::new(&e.to_string()))?;
        // Freed before the rows are laid out, so that they take the file's memory
        // (see `from_bytes`).
        drop(json);
        Ok(JsCalculator {
            inner: Calculator::new(sheet),
        })
    }

    /// Loads a sheet file as stored, UTF-8 bytes (a `Uint8Array` or an `ArrayBuffer`, e.g.
    /// from `fetch(…).then((r) => r.arrayBuffer())` or `file.arrayBuffer()`): no JavaScript
    /// text is made of it first. Throws an Error with a Chinese message when it cannot.
    #[wasm_bindgen(js_name = fromBytes)]
    pub fn from_bytes(
        #[wasm_bindgen(unchecked_param_type = "Uint8Array | ArrayBuffer")] bytes: JsValue,
    ) -> Result<JsCalculator, JsError> {
        let bytes = bytes_arg(bytes, "bytes")?;
        let sheet = load_bytes(&bytes).map_err(|e| JsError::new(&e.to_string()))?;
        // The file's copy is freed before the rows are laid out and scored: the rows and their
        // slots then take its memory instead of growing the module's. Memory touched for the
        // first time is what costs in a first load (the system maps each page as it is first
        // written: 4 MB took 2–3.5 ms here, writing it again 0.1 ms).
        drop(bytes);
        Ok(JsCalculator {
            inner: Calculator::new(sheet),
        })
    }

    /// Starts from a built-in template (`listTemplates()` gives the ids).
    #[wasm_bindgen(js_name = fromTemplate)]
    pub fn from_template(
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
    ) -> Result<JsCalculator, JsError> {
        let id = &text_arg(id, "id")?;
        let template = templates::find(id).ok_or_else(|| JsError::new(&templates::unknown(id)))?;
        Ok(JsCalculator {
            inner: Calculator::new(template.sheet()),
        })
    }

    /// An empty sheet of a kind.
    #[wasm_bindgen(js_name = empty)]
    pub fn empty(
        #[wasm_bindgen(unchecked_param_type = "SheetKind")] kind: JsValue,
    ) -> Result<JsCalculator, JsError> {
        let kind: SheetKind = field(kind, "kind", "表格类型")?;
        Ok(JsCalculator {
            inner: Calculator::new(Sheet::new(kind)),
        })
    }

    /// The whole evaluation; `report(false)`: its rows without their derivation and formula,
    /// which `explain(node)` gives for a row when it is shown (a large sheet's report is then
    /// a fraction of the size).
    #[wasm_bindgen(unchecked_return_type = "Report")]
    pub fn report(&self, explanations: Option<bool>) -> Result<JsValue, JsError> {
        to_js(&self.inner.report_with(explanations != Some(false)))
    }

    /// Changes one field of one row; returns what changed: what the changed rows show in the
    /// table, the totals and counts. A row's explanation is `explain(node)`, asked for when it
    /// is shown.
    #[wasm_bindgen(unchecked_return_type = "Update")]
    pub fn set(
        &mut self,
        node: f64,
        #[wasm_bindgen(unchecked_param_type = "NodeField")] field_name: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] value: JsValue,
    ) -> Result<JsValue, JsError> {
        let node = position(node, "node")?;
        let value = &text_arg(value, "value")?;
        let f: Field = field(field_name, "field_name", "字段")?;
        json_to_js(
            &self
                .inner
                .edit(node, f, value)
                .map_err(edit_error)?
                .to_json(),
        )
    }

    /// How a row's score came about (the words and the arithmetic `report()` gives it).
    #[wasm_bindgen(unchecked_return_type = "Explanation")]
    pub fn explain(&self, node: f64) -> Result<JsValue, JsError> {
        let node = position(node, "node")?;
        let explanation = self
            .inner
            .explain(node)
            .ok_or_else(|| edit_error(EditError::NoSuchNode(node)))?;
        to_js(&explanation)
    }

    /// A leaf's rule in words with its parameters, as the printed form's 计分方法 column
    /// writes it (`阶梯扣分（每5%扣0.5分，含边界）`); undefined for a group.
    #[wasm_bindgen(js_name = ruleWords)]
    pub fn rule_words(&self, node: f64) -> Result<Option<String>, JsError> {
        let node = position(node, "node")?;
        self.inner
            .node(node)
            .ok_or_else(|| edit_error(EditError::NoSuchNode(node)))?;
        Ok(self.inner.rule_words(node))
    }

    /// Evaluates every row again (a full recalculation) and returns the totals. The page never
    /// needs it; `npm run bench` compares it with spreadsheets' recalculation.
    #[wasm_bindgen(unchecked_return_type = "Update")]
    pub fn recalculate(&mut self) -> Result<JsValue, JsError> {
        self.inner.reevaluate();
        self.totals()
    }

    /// Changes one field of one row like `set`, and returns only the new total as displayed
    /// (null while nothing is scored): for hosts that show just the total, such as a portal's
    /// form field. `set` also returns what every changed row shows, which a view redraws.
    #[wasm_bindgen(js_name = editTotal)]
    pub fn edit_total(
        &mut self,
        node: f64,
        #[wasm_bindgen(unchecked_param_type = "NodeField")] field_name: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] value: JsValue,
    ) -> Result<Option<String>, JsError> {
        let node = position(node, "node")?;
        let value = &text_arg(value, "value")?;
        let f: Field = field(field_name, "field_name", "字段")?;
        self.inner.set(node, f, value).map_err(edit_error)?;
        Ok(self.inner.total_shown())
    }

    /// The sheet's totals and sheet-level diagnostics, as after an edit that changed no row.
    #[wasm_bindgen(unchecked_return_type = "Update")]
    pub fn totals(&self) -> Result<JsValue, JsError> {
        json_to_js(&self.inner.update(&Changed::Rows(Vec::new())).to_json())
    }

    /// The sheet file, canonical JSON text; with `compact`, on one line (for storage: the same
    /// file without its indentation).
    #[wasm_bindgen(js_name = toJson)]
    pub fn to_json(&self, compact: Option<bool>) -> String {
        let sheet = self.inner.to_sheet();
        if compact == Some(true) {
            sheet.to_compact_json()
        } else {
            sheet.to_json()
        }
    }

    /// The sheet as an object.
    #[wasm_bindgen(unchecked_return_type = "Sheet")]
    pub fn sheet(&self) -> Result<JsValue, JsError> {
        to_js(&self.inner.to_sheet())
    }

    /// The sheet's 基本信息 (without building the whole sheet).
    #[wasm_bindgen(unchecked_return_type = "Meta")]
    pub fn meta(&self) -> Result<JsValue, JsError> {
        to_js(self.inner.meta())
    }

    /// Number of indicator rows.
    #[wasm_bindgen(getter)]
    pub fn length(&self) -> usize {
        self.inner.len()
    }

    /// The table's shape (without building the whole sheet), named as the file names it.
    #[wasm_bindgen(getter, unchecked_return_type = "SheetKind")]
    pub fn kind(&self) -> Result<JsValue, JsError> {
        to_js(&self.inner.kind())
    }

    /// The row's data as entered.
    #[wasm_bindgen(unchecked_return_type = "IndicatorNode")]
    pub fn node(&self, index: f64) -> Result<JsValue, JsError> {
        let index = position(index, "index")?;
        let node = self
            .inner
            .node(index)
            .ok_or_else(|| edit_error(EditError::NoSuchNode(index)))?;
        to_js(node)
    }

    /// Adds a row as the `index`-th child of `parent` (`undefined` for the top level);
    /// `node` is the JSON text of an `IndicatorNode`. Returns its index; redraw from `report()`.
    pub fn insert(
        &mut self,
        parent: Option<f64>,
        index: f64,
        #[wasm_bindgen(unchecked_param_type = "string")] node: JsValue,
    ) -> Result<usize, JsError> {
        let parent = parent.map(|p| position(p, "parent")).transpose()?;
        let index = position(index, "index")?;
        let node = &text_arg(node, "node")?;
        let node: Node = from_json(node, "指标行")?;
        self.inner.insert(parent, index, node).map_err(edit_error)
    }

    /// Deletes a row and everything under it.
    pub fn remove(&mut self, index: f64) -> Result<(), JsError> {
        let index = position(index, "index")?;
        self.inner.remove(index).map(|_| ()).map_err(edit_error)
    }

    /// Makes a row a child of the row above it; returns its new index.
    pub fn indent(&mut self, index: f64) -> Result<usize, JsError> {
        let index = position(index, "index")?;
        self.inner.indent(index).map_err(edit_error)
    }

    /// Makes a row a sibling of its parent; returns its new index.
    pub fn outdent(&mut self, index: f64) -> Result<usize, JsError> {
        let index = position(index, "index")?;
        self.inner.outdent(index).map_err(edit_error)
    }

    /// Moves a row among its siblings (-1 up, +1 down); returns its new index.
    #[wasm_bindgen(js_name = moveBy)]
    pub fn move_by(&mut self, index: f64, delta: f64) -> Result<usize, JsError> {
        let index = position(index, "index")?;
        let delta = whole(delta, "delta")?;
        self.inner.move_by(index, delta).map_err(edit_error)
    }

    /// The sheet's 基本信息 and kind.
    #[wasm_bindgen(js_name = setMeta)]
    pub fn set_meta(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "MetaField")] field_name: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] value: JsValue,
    ) -> Result<(), JsError> {
        let value = &text_arg(value, "value")?;
        let f: MetaField = field(field_name, "field_name", "基本信息字段")?;
        self.inner.set_meta(f, value);
        Ok(())
    }

    /// The 自评报告's rewrites written about a row's name (`row`), a 资金 row's (`funds`) or a
    /// line of 主要问题 / 改进建议 move from `before` to `after`: call it once a rename made
    /// through `set`, `setFund` or `setMeta` is done (a view, when the typing in the cell ends),
    /// with the value before it. `set` leaves them where they are, as a name typed a key at a
    /// time passes through others.
    #[wasm_bindgen(js_name = carryReport)]
    pub fn carry_report(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Carried")] what: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] before: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] after: JsValue,
    ) -> Result<(), JsError> {
        let what: Carried = field(what, "what", "改名的对象")?;
        let before = &text_arg(before, "before")?;
        let after = &text_arg(after, "after")?;
        self.inner.carry_report(what, before, after);
        Ok(())
    }

    /// A paragraph of the 自评报告 rewritten (the JSON text of its `ReportPiece[]`), added
    /// (a key no paragraph has), or given back as generated (`null`).
    #[wasm_bindgen(js_name = setReportParagraph)]
    pub fn set_report_paragraph(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string")] key: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string | null")] text: JsValue,
    ) -> Result<(), JsError> {
        let key = &text_arg(key, "key")?;
        let text: Option<Vec<ReportPiece>> = if text.is_null() || text.is_undefined() {
            None
        } else {
            Some(from_json(&text_arg(text, "text")?, "报告段落")?)
        };
        self.inner.set_report_paragraph(key, text);
        Ok(())
    }

    /// Whether the sheet keeps a 自评报告 rewrite under an earlier version's key (`…#2`) that
    /// only the spreadsheet module's report writer can bind to its row (`bindReportKeys`): the
    /// page has it bound before the table takes an edit.
    #[wasm_bindgen(js_name = legacyReportKeys)]
    pub fn legacy_report_keys(&self) -> bool {
        self.inner.has_legacy_report_keys()
    }

    /// Last year's sheet of this project, found among `sheets` (JSON texts: the workbook's
    /// other sheets; unreadable ones are passed over): this year's targets are held against
    /// its actuals (提示 `conservative_target`). Returns its 年度, or nothing when none is.
    #[wasm_bindgen(js_name = setLastYear)]
    pub fn set_last_year(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string[]")] sheets: Vec<JsValue>,
    ) -> Result<Option<String>, JsError> {
        let texts = texts_arg(sheets, "sheets")?;
        let sheets: Vec<Sheet> = texts.iter().filter_map(|t| load(t).ok()).collect();
        Ok(self.inner.pick_last_year(&sheets).map(str::to_string))
    }

    /// The first of `sheets` (JSON texts: the workbook's other sheets; unreadable ones are
    /// passed over) that is this sheet's project again: the same kind, 单位, 项目 and 年度, which
    /// a 汇总表 would count twice. Nothing when none is.
    #[wasm_bindgen(js_name = sameProjectIn)]
    pub fn same_project_in(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string[]")] sheets: Vec<JsValue>,
    ) -> Result<Option<u32>, JsError> {
        let texts = texts_arg(sheets, "sheets")?;
        let sheets: Vec<Option<Sheet>> = texts.iter().map(|t| load(t).ok()).collect();
        let found = self
            .inner
            .same_project_in(sheets.iter().map(Option::as_ref));
        Ok(found.map(|i| i as u32))
    }

    #[wasm_bindgen(js_name = setKind)]
    pub fn set_kind(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "SheetKind")] kind: JsValue,
    ) -> Result<(), JsError> {
        let kind: SheetKind = field(kind, "kind", "表格类型")?;
        self.inner.set_kind(kind);
        Ok(())
    }

    /// The settings as written.
    #[wasm_bindgen(unchecked_return_type = "Settings")]
    pub fn settings(&self) -> Result<JsValue, JsError> {
        to_js(self.inner.settings_source())
    }

    /// Replaces the settings (the JSON text of a `Settings`); everything is evaluated afresh.
    #[wasm_bindgen(js_name = setSettings)]
    pub fn set_settings(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string")] settings: JsValue,
    ) -> Result<(), JsError> {
        let settings = &text_arg(settings, "settings")?;
        let settings: Settings = from_json(settings, "设置")?;
        self.inner.set_settings(settings);
        Ok(())
    }

    /// Changes a field of a 资金 row; returns the rows it re-scored (a 预算执行率 that takes
    /// its figures from the first row) and the totals, as `set` does.
    #[wasm_bindgen(js_name = setFund, unchecked_return_type = "Update")]
    pub fn set_fund(
        &mut self,
        row: f64,
        #[wasm_bindgen(unchecked_param_type = "FundField")] field_name: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] value: JsValue,
    ) -> Result<JsValue, JsError> {
        let row = position(row, "row")?;
        let value = &text_arg(value, "value")?;
        let f: FundField = field(field_name, "field_name", "资金字段")?;
        let changed = self.inner.set_fund(row, f, value).map_err(edit_error)?;
        json_to_js(&self.inner.update(&changed).to_json())
    }

    #[wasm_bindgen(js_name = insertFund)]
    pub fn insert_fund(&mut self, index: f64) -> Result<usize, JsError> {
        let index = position(index, "index")?;
        Ok(self.inner.insert_fund(index, FundsRow::default()))
    }

    #[wasm_bindgen(js_name = removeFund)]
    pub fn remove_fund(&mut self, row: f64) -> Result<(), JsError> {
        let row = position(row, "row")?;
        self.inner.remove_fund(row).map(|_| ()).map_err(edit_error)
    }

    /// Changes one field of one 汇总表 row; returns that row, the 合计, the row's findings and
    /// the sheet's own.
    #[wasm_bindgen(js_name = setProject, unchecked_return_type = "ProjectUpdate")]
    pub fn set_project(
        &mut self,
        row: f64,
        #[wasm_bindgen(unchecked_param_type = "ProjectField")] field_name: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] value: JsValue,
    ) -> Result<JsValue, JsError> {
        let row = position(row, "row")?;
        let value = &text_arg(value, "value")?;
        let f: ProjectField = field(field_name, "field_name", "项目字段")?;
        to_js(&self.inner.edit_project(row, f, value).map_err(edit_error)?)
    }

    #[wasm_bindgen(js_name = insertProject)]
    pub fn insert_project(&mut self, index: f64) -> Result<usize, JsError> {
        let index = position(index, "index")?;
        Ok(self.inner.insert_project(index, ProjectRow::default()))
    }

    #[wasm_bindgen(js_name = removeProject)]
    pub fn remove_project(&mut self, row: f64) -> Result<(), JsError> {
        let row = position(row, "row")?;
        self.inner
            .remove_project(row)
            .map(|_| ())
            .map_err(edit_error)
    }
}

#[derive(Serialize)]
struct TemplateInfo {
    id: &'static str,
    name: &'static str,
    description: &'static str,
}

/// The rule kinds, comparisons, levels and default grade bands, for the page's choices.
#[wasm_bindgen(unchecked_return_type = "Catalog")]
pub fn catalog() -> Result<JsValue, JsError> {
    to_js(&crate::rules::catalog())
}

/// The built-in templates.
#[wasm_bindgen(js_name = listTemplates, unchecked_return_type = "TemplateInfo[]")]
pub fn list_templates() -> Result<JsValue, JsError> {
    let list: Vec<TemplateInfo> = TEMPLATES
        .iter()
        .map(|t| TemplateInfo {
            id: t.id,
            name: t.name,
            description: t.description,
        })
        .collect();
    to_js(&list)
}

#[derive(Serialize)]
struct CellReading {
    blank: bool,
    value: Option<String>,
    percent: bool,
    comparison: Option<crate::comparison::Comparison>,
    unit: String,
    from_chinese_numeral: bool,
    error: Option<String>,
}

/// How one cell's text is read.
#[wasm_bindgen(js_name = readCell, unchecked_return_type = "CellReading")]
pub fn read_cell(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
) -> Result<JsValue, JsError> {
    let text = &text_arg(text, "text")?;
    let reading = match parse_cell(text) {
        Ok(Cell::Blank) => CellReading {
            blank: true,
            value: None,
            percent: false,
            comparison: None,
            unit: String::new(),
            from_chinese_numeral: false,
            error: None,
        },
        Ok(Cell::Number(q)) => CellReading {
            blank: false,
            value: Some(q.value.to_string()),
            percent: q.percent,
            comparison: q.comparison,
            unit: q.unit.to_string(),
            from_chinese_numeral: q.from_chinese_numeral,
            error: None,
        },
        Err(e) => CellReading {
            blank: false,
            value: None,
            percent: false,
            comparison: None,
            unit: String::new(),
            from_chinese_numeral: false,
            error: Some(e.to_string()),
        },
    };
    to_js(&reading)
}

#[derive(Serialize)]
struct LevelCell<'a> {
    words: &'a str,
    level: Option<crate::model::Level>,
}

/// A 定性 row's 实际完成值 cell read as the forms write it (`2023-11-30前出台（达成）`): its
/// words and the level it names, as a form read from Excel takes them.
#[wasm_bindgen(js_name = readLevelCell, unchecked_return_type = "LevelCell")]
pub fn read_level_cell(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
) -> Result<JsValue, JsError> {
    let text = &text_arg(text, "text")?;
    let (words, level) = crate::model::Level::split_cell(text);
    to_js(&LevelCell { words, level })
}

/// Evaluates a sheet file (JSON text) in one call, e.g. from a portal's own scripts.
#[wasm_bindgen(unchecked_return_type = "Report")]
pub fn evaluate(
    #[wasm_bindgen(unchecked_param_type = "string")] json: JsValue,
) -> Result<JsValue, JsError> {
    let json = &text_arg(json, "json")?;
    let sheet = load(json).map_err(|e| JsError::new(&e.to_string()))?;
    to_js(&Calculator::new(sheet).report())
}

/// Reads a sheet file or a workbook file (JSON text) into sheet files, checking each.
#[wasm_bindgen(js_name = openDocument, unchecked_return_type = "OpenedDocument")]
pub fn open_document(
    #[wasm_bindgen(unchecked_param_type = "string")] json: JsValue,
) -> Result<JsValue, JsError> {
    let json = &text_arg(json, "json")?;
    let document = load_document(json).map_err(|e| JsError::new(&e.to_string()))?;
    to_js(&opened(document, None))
}

/// The 汇总表 row of one sheet (JSON text), evaluated now, numbered `seq`.
#[wasm_bindgen(js_name = projectRow, unchecked_return_type = "ProjectRow")]
pub fn project_row(
    #[wasm_bindgen(unchecked_param_type = "string")] json: JsValue,
    seq: f64,
) -> Result<JsValue, JsError> {
    let json = &text_arg(json, "json")?;
    let seq = position(seq, "seq")?;
    let sheet = load(json).map_err(|e| JsError::new(&e.to_string()))?;
    to_js(&row_from_sheet(seq, &sheet))
}

/// Among a workbook's sheets (JSON texts, in the tabs' order; unreadable ones are passed over),
/// each that its 汇总表 (of `year`, the 年度 it states, or blank) leaves out as another year of a
/// project (last year's sheet kept for what it achieved), with the sheet that stands for the
/// project: `[left out, standing]`, as `Workbook::summary_sheet` leaves them out.
#[wasm_bindgen(js_name = otherYears, unchecked_return_type = "Array<[number, number]>")]
pub fn other_years_of(
    #[wasm_bindgen(unchecked_param_type = "string[]")] sheets: Vec<JsValue>,
    #[wasm_bindgen(unchecked_param_type = "string")] year: JsValue,
) -> Result<JsValue, JsError> {
    let texts = texts_arg(sheets, "sheets")?;
    let year = text_arg(year, "year")?;
    let sheets: Vec<Option<Sheet>> = texts.iter().map(|t| load(t).ok()).collect();
    to_js(&other_years(sheets.iter().map(Option::as_ref), &year))
}

/// A workbook file (JSON text) from its name, its sheets and its 汇总表 (sheet files).
#[wasm_bindgen(js_name = workbookJson)]
pub fn workbook_json(
    #[wasm_bindgen(unchecked_param_type = "string")] name: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string[]")] sheets: Vec<JsValue>,
    #[wasm_bindgen(unchecked_param_type = "string")] summary: JsValue,
) -> Result<String, JsError> {
    let sheets = texts_arg(sheets, "sheets")?;
    let name = &text_arg(name, "name")?;
    let summary = &text_arg(summary, "summary")?;
    let mut workbook = Workbook::new(name);
    for (i, json) in sheets.iter().enumerate() {
        let sheet = load(json).map_err(|e| JsError::new(&format!("第{}个表格：{e}", i + 1)))?;
        workbook.sheets.push(sheet);
    }
    let mut summary = load(summary).map_err(|e| JsError::new(&format!("汇总表：{e}")))?;
    summary.kind = SheetKind::Summary;
    workbook.summary = summary;
    Ok(workbook.to_json())
}

/// The version of this build.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
