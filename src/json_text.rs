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
        let mut text = String::new();
        Writer(&mut text).deserialize(deserializer)?;
        Ok(JsonText(text))
    }
}

/// Writes the value it is handed to the end of its text.
struct Writer<'a>(&'a mut String);

impl<'de> DeserializeSeed<'de> for Writer<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl Writer<'_> {
    fn string(&mut self, s: &str) {
        // serde_json's escaping: a str cannot fail to be written.
        self.0
            .push_str(&serde_json::to_string(s).unwrap_or_default());
    }
}

impl<'de> Visitor<'de> for Writer<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<(), E> {
        self.0.push_str(if v { "true" } else { "false" });
        Ok(())
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<(), E> {
        self.0.push_str(itoa::Buffer::new().format(v));
        Ok(())
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<(), E> {
        self.0.push_str(itoa::Buffer::new().format(v));
        Ok(())
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<(), E> {
        // As serde_json writes a float it read (no JSON text holds NaN or an infinity).
        let number =
            serde_json::Number::from_f64(v).map_or_else(|| "null".into(), |n| n.to_string());
        self.0.push_str(&number);
        Ok(())
    }
    fn visit_str<E: de::Error>(mut self, v: &str) -> Result<(), E> {
        self.string(v);
        Ok(())
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.0.push_str("null");
        Ok(())
    }
    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        self.visit_unit()
    }
    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        self.0.push('[');
        let mut first = true;
        loop {
            let at = self.0.len();
            if !first {
                self.0.push(',');
            }
            if seq.next_element_seed(Writer(&mut *self.0))?.is_none() {
                self.0.truncate(at);
                break;
            }
            first = false;
        }
        self.0.push(']');
        Ok(())
    }
    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<(), A::Error> {
        self.0.push('{');
        let mut first = true;
        while let Some(key) = map.next_key::<String>()? {
            if !first {
                self.0.push(',');
            }
            first = false;
            self.string(&key);
            self.0.push(':');
            map.next_value_seed(Writer(&mut *self.0))?;
        }
        self.0.push('}');
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
