//! A JSON value kept as its compact text, read through serde's own data model.
//!
//! A file's header and a rule whose `kind` comes late are looked at before the rest is read
//! (`load.rs`, `rules/mod.rs`). Gathering such values as serde_json's `Value` brought its
//! reader, its ordered maps and its writer into the page's module for these rare paths; this
//! writes each value straight back out as text instead, and keeps the reader's own errors
//! (a syntax error stays one).

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use std::fmt;

/// A value as compact JSON text, its object's fields in the file's order.
#[derive(Debug, PartialEq, Eq)]
pub struct JsonText(pub String);

impl<'de> Deserialize<'de> for JsonText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<JsonText, D::Error> {
        written(deserializer, false).map(JsonText)
    }
}

/// The same, to be read again as cells: a float is kept as the text the cell reader makes of
/// it (`model::float_text`), as a JSON string. Written as a number and read again it could land
/// on the neighbouring float (serde_json reads floats fast, not exactly rounded), and the cell
/// would change its last digit.
#[derive(Debug, PartialEq, Eq)]
pub struct CellsText(pub String);

impl<'de> Deserialize<'de> for CellsText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<CellsText, D::Error> {
        written(deserializer, true).map(CellsText)
    }
}

/// The value `deserializer` holds, written out as text.
fn written<'de, D: Deserializer<'de>>(
    deserializer: D,
    floats_as_cells: bool,
) -> Result<String, D::Error> {
    let mut text = String::new();
    Writer::new(&mut text, floats_as_cells).deserialize(deserializer)?;
    Ok(text)
}

/// Writes the value it is handed to the end of its text.
struct Writer<'a> {
    out: &'a mut String,
    floats_as_cells: bool,
}

impl<'de> DeserializeSeed<'de> for Writer<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'a> Writer<'a> {
    fn new(out: &'a mut String, floats_as_cells: bool) -> Writer<'a> {
        Writer {
            out,
            floats_as_cells,
        }
    }

    /// A writer of the next value into the same text.
    fn inner(&mut self) -> Writer<'_> {
        Writer::new(self.out, self.floats_as_cells)
    }

    fn string(&mut self, s: &str) {
        // serde_json's escaping: a str cannot fail to be written.
        self.out
            .push_str(&serde_json::to_string(s).unwrap_or_default());
    }
}

impl<'de> Visitor<'de> for Writer<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<(), E> {
        self.out.push_str(if v { "true" } else { "false" });
        Ok(())
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<(), E> {
        self.out.push_str(itoa::Buffer::new().format(v));
        Ok(())
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<(), E> {
        self.out.push_str(itoa::Buffer::new().format(v));
        Ok(())
    }
    fn visit_f64<E: de::Error>(mut self, v: f64) -> Result<(), E> {
        if self.floats_as_cells {
            self.string(&crate::model::float_text(v));
        } else {
            // As serde_json writes a float it read (no JSON text holds NaN or an infinity).
            let number =
                serde_json::Number::from_f64(v).map_or_else(|| "null".into(), |n| n.to_string());
            self.out.push_str(&number);
        }
        Ok(())
    }
    fn visit_str<E: de::Error>(mut self, v: &str) -> Result<(), E> {
        self.string(v);
        Ok(())
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.out.push_str("null");
        Ok(())
    }
    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        self.visit_unit()
    }
    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
    fn visit_seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> Result<(), A::Error> {
        self.out.push('[');
        let mut first = true;
        loop {
            let at = self.out.len();
            if !first {
                self.out.push(',');
            }
            if seq.next_element_seed(self.inner())?.is_none() {
                self.out.truncate(at);
                break;
            }
            first = false;
        }
        self.out.push(']');
        Ok(())
    }
    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<(), A::Error> {
        self.out.push('{');
        let mut first = true;
        while let Some(key) = map.next_key::<String>()? {
            if !first {
                self.out.push(',');
            }
            first = false;
            self.string(&key);
            self.out.push(':');
            map.next_value_seed(self.inner())?;
        }
        self.out.push('}');
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::JsonText;

    #[test]
    fn a_value_is_kept_as_serde_json_writes_it() {
        for (json, kept) in [
            ("\"jixiao-sheet\"", "\"jixiao-sheet\""),
            ("\"引号\\\"与\\\\\"", "\"引号\\\"与\\\\\""),
            ("2", "2"),
            ("-3", "-3"),
            ("2.0", "2.0"),
            ("1e400", ""),
            ("99999999999999999999", "1e+20"),
            ("null", "null"),
            ("true", "true"),
            ("[]", "[]"),
            (" [1, \"a\", [null]] ", "[1,\"a\",[null]]"),
            ("{}", "{}"),
            (
                "{\"b\": 1, \"a\": {\"c\": [true]}}",
                "{\"b\":1,\"a\":{\"c\":[true]}}",
            ),
        ] {
            match serde_json::from_str::<JsonText>(json) {
                Ok(JsonText(text)) => assert_eq!(text, kept, "{json}"),
                Err(e) => assert!(kept.is_empty(), "{json}: {e}"),
            }
        }
    }

    #[test]
    fn the_readers_errors_stay_its_own() {
        let e = serde_json::from_str::<JsonText>("{\"a\": [1, }").unwrap_err();
        assert!(e.is_syntax(), "{e}");
        assert_eq!((e.line(), e.column()), (1, 11));
    }
}
