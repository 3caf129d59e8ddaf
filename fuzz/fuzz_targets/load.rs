//! Any file a user can open: loading never panics; what loads evaluates, and saving then
//! loading again gives the same file.
#![no_main]
use jixiao::engine::Calculator;
use jixiao::load::{load, load_document};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|json: &str| {
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
