//! jixiao (绩效): exact scoring of Chinese budget performance evaluation tables.
//!
//! The public API: the [`Calculator`] and its [`report`] types; the sheet format ([`model`],
//! [`workbook`], the [`rules`] a leaf is scored by) with [`load`] and the built-in
//! [`templates`]; reading one cell ([`cell`]); the findings ([`diagnostic`]); and the Excel and
//! batch entry points ([`xlsx`], [`batch`]). Everything else is the crate's own.
//! ARCHITECTURE.md maps the modules and the rules between them.

#[cfg(all(feature = "xlsx", not(target_arch = "wasm32")))]
pub mod batch;
pub mod cell;
pub mod comparison;
pub mod diagnostic;
pub mod engine;
/// Reading and writing files on disk, for the command line.
#[cfg(not(target_arch = "wasm32"))]
pub mod files;
mod json_text;
pub mod library;
pub mod load;
pub mod model;
pub mod narrative;
pub mod report_keys;
pub mod review;
pub mod rule_text;
pub mod rules;
pub mod templates;
pub mod workbook;
#[cfg(feature = "xlsx")]
pub mod xlsx;

pub use engine::report;
pub use engine::Calculator;

pub(crate) mod arith;
pub(crate) mod derivation;
pub(crate) mod funds;
pub(crate) mod hints;
pub(crate) mod json_path;
pub(crate) mod numerals;
pub(crate) mod settings;
pub(crate) mod summary;
#[cfg(target_arch = "wasm32")]
mod wasm;
