//! The quick sheet reader (src/quick_read.rs) is only a shortcut: whatever it reads, serde
//! reads the same; files jixiao writes take it; and anything unusual is left to serde.

use jixiao::engine::Calculator;
use jixiao::model::{IndicatorRows, Sheet};
use jixiao::quick_read::{read_rows, read_rows_bytes, read_sheet};
use proptest::prelude::*;
use std::path::Path;

fn serde_read(json: &str) -> Option<Sheet> {
    serde_json::from_str(json).ok()
}

fn fixtures() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".sheet.json"))
        .map(|p| {
            (
                p.display().to_string(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    files.sort();
    assert!(files.len() >= 5, "the seed fixtures are there");
    files
}

#[test]
fn files_jixiao_writes_take_the_quick_path() {
    let mut files = fixtures();
    for t in jixiao::templates::TEMPLATES {
        files.push((t.id.to_string(), t.sheet().to_json()));
    }
    for (name, json) in &files {
        // As saved: the canonical form jixiao writes.
        let saved = serde_read(json).unwrap().to_json();
        let quick = read_sheet(&saved);
        assert!(quick.is_some(), "{name}: left to serde");
        assert_eq!(quick, serde_read(&saved), "{name}");
        // Compact, as the page stores it.
        let compact = serde_json::to_string(&serde_read(json).unwrap()).unwrap();
        assert_eq!(read_sheet(&compact), serde_read(&compact), "{name} compact");
    }
}

/// The page opens a sheet straight into rows (`load_rows`, `Calculator::from_rows`): the same
/// calculator as loading the tree and laying it out, whichever reader read the file.
#[test]
fn opening_as_rows_is_opening_as_a_tree() {
    for (name, json) in fixtures() {
        let sheet = jixiao::load::load(&json).unwrap();
        let (without, rows) = jixiao::load::load_rows(&json).unwrap();
        assert!(without.indicators.is_empty(), "{name}");
        assert_eq!(
            rows,
            IndicatorRows::from_tree(sheet.indicators.clone()),
            "{name}"
        );
        assert_eq!(rows.clone().into_tree(), sheet.indicators, "{name}");
        let from_rows = Calculator::from_rows(without, rows);
        let from_tree = Calculator::new(sheet);
        assert_eq!(from_rows.report(), from_tree.report(), "{name}");
        assert_eq!(from_rows.to_sheet(), from_tree.to_sheet(), "{name}");
        // Saved compactly, the quick reader reads it to the same rows.
        let compact = serde_json::to_string(&from_tree.to_sheet()).unwrap();
        let (_, quick) = read_rows(&compact).expect("a compact file takes the quick path");
        assert_eq!(
            Calculator::from_rows(jixiao::load::load_rows(&compact).unwrap().0, quick).report(),
            from_tree.report(),
            "{name}"
        );
    }
    // A file of an older version or with a problem still opens, through serde, or says why.
    assert!(jixiao::load::load_rows(r#"{"format":"jixiao-sheet","version":1,"kind":"project","indicators":[{"name":"A","weight":10}]}"#).is_ok());
    assert!(
        jixiao::load::load_rows(r#"{"format":"jixiao-sheet","version":9,"kind":"project"}"#)
            .is_err()
    );
}

#[test]
fn what_it_is_not_sure_of_goes_to_serde() {
    let base = r#"{"format":"jixiao-sheet","version":1,"kind":"department","indicators":[{"name":"A","weight":"10","target":"5","actual":"4"}]}"#;
    assert!(read_sheet(base).is_some());
    for (from, to) in [
        (r#""name":"A""#, r#""name":"A\"B""#),         // an escape
        (r#""weight":"10""#, r#""weight":10"#),        // a number for a text
        (r#""actual":"4""#, r#""actual":null"#),       // null for a text
        (r#""name":"A""#, r#""name":"A","name":"B""#), // a field twice
        (r#""name":"A""#, r#""nmae":"A""#),            // an unknown field
        (r#""name":"A""#, r#""comparisoX":"A""#),      // one like a known one
        (r#""name":"A""#, r#""comparison":"≥≥""#),     // an unknown comparison
    ] {
        let json = base.replace(from, to);
        assert_eq!(read_sheet(&json), None, "{json}");
    }
    // serde still reads those it can, as before.
    assert!(serde_read(&base.replace(r#""weight":"10""#, r#""weight":10"#)).is_some());
    // Trailing text and a broken end are errors for both.
    for json in [format!("{base} x"), base[..base.len() - 1].to_string()] {
        assert_eq!(read_sheet(&json), None);
        assert_eq!(serde_read(&json), None);
    }
}

/// jixiao writes a row's children last; a file that has fields after them reads the same.
#[test]
fn fields_after_children_go_to_their_row() {
    let json = r#"{"format":"jixiao-sheet","version":1,"kind":"department","indicators":[
        {"name":"产出","children":[{"name":"数量","children":[],"weight":"5","target":"10","actual":"9"}],
         "weight":"40","reason":"见说明","not_applicable":false,"id":"g1"},
        {"children":[{"name":"时效","weight":"10"}],"name":"效益"}]}"#;
    let quick = read_sheet(json).expect("the quick reader reads it");
    assert_eq!(Some(quick.clone()), serde_read(json));
    assert_eq!(quick.indicators[0].weight, "40");
    assert_eq!(quick.indicators[0].children[0].actual, "9");
    assert_eq!(quick.indicators[1].name, "效益");
}

/// Pieces of JSON, some valid in places and most not, to break a file with.
const SNIPPETS: &[&str] = &[
    "\"",
    "\\",
    ",",
    ":",
    "{",
    "}",
    "[",
    "]",
    "null",
    "true",
    "1",
    "-0.5",
    " ",
    "\n",
    "\"x\"",
    "\"name\":\"B\",",
    "\"rule\":{\"kind\":\"step\",\"step\":\"5%\",\"points\":\"1\"},",
    "\"kind\":\"interval\"",
    "\"bands\":[]",
    "\"points\":\"2\"",
    "\u{7}",
    "指标",
    "\"children\":[{}],",
    "\"not_applicable\":true,",
    "\"comparison\":\"<=\",",
    "\"level\":\"达成\",",
    "\"id\":\"r1\",",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, .. ProptestConfig::default() })]

    /// Break a real file anywhere with any piece: whenever the quick reader still reads a
    /// sheet, serde reads the same sheet.
    #[test]
    fn whatever_it_reads_serde_reads_the_same(
        file in 0usize..64,
        edits in prop::collection::vec((any::<prop::sample::Index>(), 0usize..4, prop::sample::select(SNIPPETS)), 1..4),
    ) {
        let files = fixtures();
        let (_, json) = &files[file % files.len()];
        let mut json = serde_json::to_string(&serde_read(json).unwrap()).unwrap();
        for (at, cut, snippet) in edits {
            let bounds: Vec<usize> = (0..=json.len()).filter(|i| json.is_char_boundary(*i)).collect();
            let start = bounds[at.index(bounds.len())];
            let end = bounds[(bounds.binary_search(&start).unwrap() + cut).min(bounds.len() - 1)];
            json.replace_range(start..end, snippet);
        }
        if let Some(quick) = read_sheet(&json) {
            prop_assert_eq!(Some(quick), serde_read(&json), "{}", json);
        }
    }

    /// Bytes that are not UTF-8 anywhere in a file: the quick reader, which checks only the
    /// strings it takes, never reads such a file; where it reads one, it is what the text
    /// reader reads.
    #[test]
    fn bytes_it_reads_are_utf8(
        file in 0usize..64,
        edits in prop::collection::vec((any::<prop::sample::Index>(), prop::sample::select(&[0x80u8, 0xbf, 0xc0, 0xe6, 0xff, b'"', b'a'][..])), 1..3),
    ) {
        let files = fixtures();
        let (_, json) = &files[file % files.len()];
        let mut bytes = serde_json::to_vec(&serde_read(json).unwrap()).unwrap();
        for (at, byte) in edits {
            let i = at.index(bytes.len());
            bytes[i] = byte;
        }
        match std::str::from_utf8(&bytes) {
            Ok(text) => prop_assert_eq!(read_rows_bytes(&bytes), read_rows(text)),
            Err(_) => prop_assert!(read_rows_bytes(&bytes).is_none()),
        }
    }
}

/// Opening a file from its bytes is opening it from its text.
#[test]
fn bytes_open_as_text_does() {
    for (name, json) in fixtures() {
        assert_eq!(
            jixiao::load::load_rows_bytes(json.as_bytes()),
            jixiao::load::load_rows(&json),
            "{name}"
        );
        let compact = serde_json::to_string(&serde_read(&json).unwrap()).unwrap();
        assert!(read_rows_bytes(compact.as_bytes()).is_some(), "{name}");
    }
}
