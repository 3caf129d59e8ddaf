//! The JavaScript binding: a thin layer over the core, compiled only for wasm32.
//!
//! Two modules are built from this crate. The calculator (`calculator`, the default build) is
//! all a page needs to edit and score; the spreadsheet module (`spreadsheet`, built with the
//! `xlsx` feature) reads and writes .xlsx / .csv and is fetched only when a user opens or
//! exports a spreadsheet, so the first load stays small. They exchange sheet files as JSON
//! text. Every entry point returns errors as JS exceptions with a Chinese message; nothing
//! here panics (ARCHITECTURE.md, Invariants).

mod convert;

#[cfg(not(feature = "xlsx"))]
mod calculator;
#[cfg(feature = "xlsx")]
mod spreadsheet;

/// Talc instead of Rust's default wasm allocator (dlmalloc): 6.7 KB smaller, and opening a
/// 10,000-indicator sheet (some 100,000 allocations) was a few ms faster in the browser, where
/// dlmalloc's large `malloc` was among the functions V8 optimized during the load.
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
