//! Any file a user can open: loading never panics; what loads evaluates, and saving then
//! loading again gives the same file. Whatever the quick reader reads, serde reads the same.
#![no_main]
use jixiao::engine::Calculator;
use jixiao::load::{load, load_document};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|json: &str| {
    if let Some(quick) = jixiao::quick_read::read_sheet(json) {
        let by_serde: Option<jixiao::model::Sheet> = serde_json::from_str(json).ok();
        assert_eq!(Some(quick), by_serde, "the quick reader and serde differ");
    }
    let _ = load_document(json);
    if let Ok(sheet) = load(json) {
        let saved = sheet.to_json();
        let again = load(&saved).expect("a saved sheet loads");
        assert_eq!(again.to_json(), saved, "save → load → save changed the file");
        let calc = Calculator::new(sheet);
        let _ = calc.report();
        let _ = calc.diagnostics();
    }
});
