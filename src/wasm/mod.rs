//! The JavaScript binding: a thin layer over the core, compiled only for wasm32.
//!
//! Two modules are built from this crate. The calculator (`calculator`, the default build) is
//! all a page needs to edit and score; the spreadsheet module (`spreadsheet`, built with the
//! `xlsx` feature) reads and writes .xlsx / .csv and is fetched only when a user opens or
//! exports a spreadsheet, so the first load stays small. They exchange sheet files as JSON
//! text. Every entry point returns errors as JS exceptions with a Chinese message; nothing
//! here panics (see DEVELOPERS.md).

mod convert;

#[cfg(not(feature = "xlsx"))]
mod calculator;
#[cfg(feature = "xlsx")]
mod spreadsheet;
