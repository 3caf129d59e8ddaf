//! Values across the boundary: results as plain objects, inputs as JSON text or names.

use crate::load::Document;
use crate::model::Sheet;
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// Plain objects with `null` for absent values, as the TypeScript types declare: written as
/// JSON text and parsed by `JSON.parse`. serde-wasm-bindgen built them field by field across
/// the boundary, and its serializer was compiled for every result type beside serde_json's
/// (which writes sheet files anyway): 7 KB gzipped of the calculator's module.
pub fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    let text =
        serde_json::to_string(value).map_err(|e| JsError::new(&format!("无法输出结果：{e}")))?;
    json_to_js(&text)
}

/// A result already written as JSON text (an edit's `Update`: engine/update_json.rs).
pub fn json_to_js(text: &str) -> Result<JsValue, JsError> {
    js_sys::JSON::parse(text).map_err(|_| JsError::new("无法输出结果"))
}

/// Structured inputs (a row, settings) arrive as JSON text, checked here, rather than as objects.
pub fn from_json<T: DeserializeOwned>(json: &str, what: &str) -> Result<T, JsError> {
    serde_json::from_str(json)
        .map_err(|e| JsError::new(&format!("{what}格式不对：{}", crate::load::translate(&e))))
}

/// A file opened, as both modules return it: its sheets as sheet files (JSON text) and a
/// workbook's 汇总表 (TypeScript: `OpenedDocument`).
#[derive(Serialize)]
pub struct OpenedDocument {
    kind: &'static str,
    name: String,
    sheets: Vec<String>,
    summary: Option<String>,
    /// What opening it did beyond reading it, for the user: a returned form's edited cells.
    message: Option<String>,
}

pub fn opened(document: Document, message: Option<String>) -> OpenedDocument {
    match document {
        Document::Sheet(sheet) => OpenedDocument {
            kind: "sheet",
            name: String::new(),
            sheets: vec![sheet.to_compact_json()],
            summary: None,
            message,
        },
        Document::Workbook(w) => OpenedDocument {
            kind: "workbook",
            name: w.name,
            sheets: w.sheets.iter().map(Sheet::to_compact_json).collect(),
            summary: Some(w.summary.to_compact_json()),
            message,
        },
    }
}

/// A text argument from JavaScript. wasm-bindgen's own `&str` conversion trusts the caller: a
/// number or an object passed where text belongs reads memory out of bounds, a trap that
/// stops the module for the whole page. Taking the value and checking it here turns a wrong
/// argument into an ordinary Error with a Chinese message. A finite number is taken as its
/// text (`12.5` → "12.5"), as a host filling cells from its own data would mean.
pub fn text_arg(value: JsValue, name: &str) -> Result<String, JsError> {
    if let Some(text) = value.as_string() {
        return Ok(text);
    }
    if let Some(n) = value.as_f64() {
        return if n.is_finite() {
            Ok(n.to_string())
        } else {
            Err(JsError::new(&format!(
                "参数 {name} 不能是 {}",
                if n.is_nan() {
                    "NaN"
                } else {
                    "Infinity（无穷大）"
                }
            )))
        };
    }
    Err(JsError::new(&format!(
        "参数 {name} 应为文本，收到的是 {}",
        js_kind(&value)
    )))
}

/// A bytes argument: a `Uint8Array` (or an `ArrayBuffer`), copied into the module. Anything
/// else is an ordinary Error, as for text.
#[cfg(not(feature = "xlsx"))]
pub fn bytes_arg(value: JsValue, name: &str) -> Result<Vec<u8>, JsError> {
    use wasm_bindgen::JsCast;
    if let Some(array) = value.dyn_ref::<js_sys::Uint8Array>() {
        return Ok(array.to_vec());
    }
    if value.is_instance_of::<js_sys::ArrayBuffer>() {
        return Ok(js_sys::Uint8Array::new(&value).to_vec());
    }
    Err(JsError::new(&format!(
        "参数 {name} 应为 Uint8Array（文件的字节），收到的是 {}",
        js_kind(&value)
    )))
}

/// An optional text argument: `undefined` or `null` is none, anything else as `text_arg`.
#[cfg(feature = "xlsx")]
pub fn optional_text_arg(value: JsValue, name: &str) -> Result<Option<String>, JsError> {
    if value.is_undefined() || value.is_null() {
        Ok(None)
    } else {
        text_arg(value, name).map(Some)
    }
}

/// A row position from JavaScript: wasm-bindgen would turn NaN into 0 and -1 into 4294967295
/// without a word, editing a row nobody meant.
pub fn position(value: f64, name: &str) -> Result<usize, JsError> {
    if value.is_finite() && value >= 0.0 && value.fract() == 0.0 && value <= f64::from(u32::MAX) {
        Ok(value as usize)
    } else {
        Err(JsError::new(&format!(
            "参数 {name} 应为不小于 0 的整数，收到的是 {value}"
        )))
    }
}

/// A whole number from JavaScript (a move of -1 or +1 rows).
#[cfg(not(feature = "xlsx"))]
pub fn whole(value: f64, name: &str) -> Result<isize, JsError> {
    if value.is_finite() && value.fract() == 0.0 && value.abs() <= f64::from(i32::MAX) {
        Ok(value as isize)
    } else {
        Err(JsError::new(&format!(
            "参数 {name} 应为整数，收到的是 {value}"
        )))
    }
}

/// Text arguments in an array.
#[cfg(not(feature = "xlsx"))]
pub fn texts_arg(values: Vec<JsValue>, name: &str) -> Result<Vec<String>, JsError> {
    values.into_iter().map(|v| text_arg(v, name)).collect()
}

fn js_kind(value: &JsValue) -> &'static str {
    if value.is_undefined() {
        "undefined"
    } else if value.is_null() {
        "null"
    } else if value.is_string() {
        "文本"
    } else if value.as_bool().is_some() {
        "true/false"
    } else if value.is_function() {
        "函数"
    } else if value.is_object() {
        "对象"
    } else {
        "其他类型的值"
    }
}
