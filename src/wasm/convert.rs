//! Values across the boundary: results as plain objects, inputs as JSON text or names.

use crate::load::Document;
use crate::model::Sheet;
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// Plain objects with `null` for absent values, as the TypeScript types declare.
pub fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&format!("无法输出结果：{e}")))
}

/// Inputs arrive as JSON text: `JsValue` parameters would type the raw exports `any`.
pub fn from_json<T: DeserializeOwned>(json: &str, what: &str) -> Result<T, JsError> {
    serde_json::from_str(json).map_err(|e| JsError::new(&format!("{what}格式不对：{e}")))
}

/// A file opened, as both modules return it: its sheets as sheet files (JSON text) and a
/// workbook's 汇总表 (TypeScript: `OpenedDocument`).
#[derive(Serialize)]
pub struct OpenedDocument {
    kind: &'static str,
    name: String,
    sheets: Vec<String>,
    summary: Option<String>,
}

pub fn opened(document: Document) -> OpenedDocument {
    match document {
        Document::Sheet(sheet) => OpenedDocument {
            kind: "sheet",
            name: String::new(),
            sheets: vec![sheet.to_json()],
            summary: None,
        },
        Document::Workbook(w) => OpenedDocument {
            kind: "workbook",
            name: w.name,
            sheets: w.sheets.iter().map(Sheet::to_json).collect(),
            summary: Some(w.summary.to_json()),
        },
    }
}
