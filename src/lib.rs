//! jixiao (绩效): exact scoring of Chinese budget performance evaluation tables.
pub mod arith;
#[cfg(all(feature = "xlsx", not(target_arch = "wasm32")))]
pub mod batch;
pub mod cell;
pub mod comparison;
pub mod derivation;
pub mod diagnostic;
pub mod engine;
#[cfg(not(target_arch = "wasm32"))]
pub mod files;
pub mod funds;
pub mod json_path;
pub mod load;
pub mod model;
pub mod numerals;
pub mod report;
pub mod rules;
pub mod settings;
pub mod summary;
pub mod templates;
#[cfg(target_arch = "wasm32")]
pub mod wasm;
pub mod workbook;
#[cfg(feature = "xlsx")]
pub mod xlsx;
