//! Where in a JSON text an error is: `indicators[0].children[2].weight`.
//!
//! serde_json reports an error's line and column; this scanner walks the text up to that point
//! and names the value being read. It replaces `serde_path_to_error`, which wraps every
//! deserializer and cost a tenth of the wasm module's size.

/// The path of the value being read when serde_json stopped at `line`/`column` (1-based;
/// the column counts bytes up to and including the last byte consumed).
pub fn path_at(text: &str, line: usize, column: usize) -> String {
    let end = byte_offset(text, line, column);
    let bytes = text.as_bytes();
    let mut frames: Vec<Frame> = Vec::new();
    let mut i = 0;
    while i < end.min(bytes.len()) {
        match bytes[i] {
            b'{' => frames.push(Frame::Object {
                key: None,
                expecting_key: true,
            }),
            b'[' => frames.push(Frame::Array { index: 0 }),
            b'}' | b']' => {
                frames.pop();
            }
            b',' => match frames.last_mut() {
                Some(Frame::Array { index }) => *index += 1,
                Some(Frame::Object { expecting_key, .. }) => *expecting_key = true,
                None => {}
            },
            b':' => {
                if let Some(Frame::Object { expecting_key, .. }) = frames.last_mut() {
                    *expecting_key = false;
                }
            }
            b'"' => {
                let (string, next) = read_string(bytes, i + 1);
                if let Some(Frame::Object {
                    key,
                    expecting_key: true,
                }) = frames.last_mut()
                {
                    *key = Some(string);
                }
                i = next;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    let mut path = String::new();
    for frame in &frames {
        match frame {
            Frame::Object { key: Some(k), .. } => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(k);
            }
            Frame::Object { key: None, .. } => {}
            Frame::Array { index } => {
                path.push('[');
                path.push_str(&index.to_string());
                path.push(']');
            }
        }
    }
    path
}

enum Frame {
    Object {
        key: Option<String>,
        expecting_key: bool,
    },
    Array {
        index: usize,
    },
}

/// The byte just after `column` bytes of line `line`.
fn byte_offset(text: &str, line: usize, column: usize) -> usize {
    let mut start = 0;
    for _ in 1..line {
        match text[start..].find('\n') {
            Some(n) => start += n + 1,
            None => return text.len(),
        }
    }
    (start + column).min(text.len())
}

/// Reads a string body starting after its opening quote; returns it and the index after
/// the closing quote. Escapes are kept as written except `\"` and `\\`.
fn read_string(bytes: &[u8], mut i: usize) -> (String, usize) {
    let mut out = Vec::new();
    while i < bytes.len() {
        match bytes[i] {
            b'"' => return (String::from_utf8_lossy(&out).into_owned(), i + 1),
            b'\\' if i + 1 < bytes.len() => {
                match bytes[i + 1] {
                    b'"' | b'\\' => out.push(bytes[i + 1]),
                    other => out.extend_from_slice(&[b'\\', other]),
                }
                i += 2;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    (String::from_utf8_lossy(&out).into_owned(), i)
}

#[cfg(test)]
mod tests {
    use super::path_at;

    /// The path of the error serde_json gives for `text` read as `T`.
    fn path_of<T: serde::de::DeserializeOwned + std::fmt::Debug>(text: &str) -> String {
        let e = serde_json::from_str::<T>(text).unwrap_err();
        path_at(text, e.line(), e.column())
    }

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Row {
        name: String,
        #[serde(default)]
        flag: bool,
        #[serde(default)]
        children: Vec<Row>,
    }

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Doc {
        rows: Vec<Row>,
    }

    #[test]
    fn names_the_value_being_read() {
        assert_eq!(
            path_of::<Doc>(r#"{"rows":[{"name":"a","flg":true}]}"#),
            "rows[0].flg"
        );
        assert_eq!(
            path_of::<Doc>("{\"rows\":[{\"name\":\"中文\"},\n {\"name\":\"b\",\"children\":[{\"name\":\"c\",\"flag\":\"yes\"}]}]}"),
            "rows[1].children[0].flag"
        );
        assert_eq!(
            path_of::<Doc>(r#"{"rows":[{"name":"a"},{"flag":true}]}"#),
            "rows[1]"
        );
        assert_eq!(path_of::<Doc>(r#"{"rows":{"name":"a"}}"#), "rows");
        assert_eq!(
            path_of::<Doc>(r#"{"rows":[{"name":"a \" b","x":1}]}"#),
            "rows[0].x"
        );
        assert_eq!(path_of::<Doc>(r#"{"rows":[],"extra":1}"#), "extra");
    }
}
