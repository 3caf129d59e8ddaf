//! Any text a user can type or paste into a cell: reading it never panics, and spaces around
//! it change nothing. The padded text skips the reader's fast path for plain numbers, so this
//! also checks the fast path against the general reader.
#![no_main]
use jixiao::cell::{parse_cell, MAX_CELL_CHARS};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let cell = parse_cell(text);
    if text.chars().count() + 2 <= MAX_CELL_CHARS {
        assert_eq!(parse_cell(&format!(" {text} ")), cell, "spaces around {text:?}");
    }
});
