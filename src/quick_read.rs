//! A fast reader for sheet files as jixiao writes them; `serde_json` reads everything else.
//!
//! Why: opening a sheet of 10,000 indicators is the first thing the page does, and in the
//! browser it runs before V8 has optimized any of our code. serde's derived readers go through
//! many small generic calls per field; in V8's baseline compiler that made reading the file
//! the larger half of a cold start. This reader walks the bytes of the indicator tree once, by
//! hand, and lays the rows out in printed order as it goes ([`IndicatorRows`], the calculator's
//! own layout), so no tree is built only to be taken apart. It is only a shortcut: on anything
//! it is not sure of (an escape in a string, a number where a text is expected, an unknown or
//! repeated field, a rule a kind does not take) it gives up and the caller reads the file with
//! serde, which gives the same sheet or the precise error. The small parts of a file (meta,
//! settings, funds, projects, and enum values other than comparisons and rule kinds) are handed
//! to serde directly. `tests/quick_read.rs` checks that whatever this reader returns, serde
//! returns too.

use crate::comparison::Comparison;
use crate::model::{Band, IndicatorRows, Node, RuleFields, RuleKind, Sheet, SheetKind, Text};
use serde::de::DeserializeOwned;

/// Deeper trees are left to serde, whose limit of 128 nested JSON values a tree reaches at
/// some 60 levels of indicators (real tables have three or four).
const MAX_DEPTH: usize = 32;

/// The sheet in `json`, or `None` when this reader leaves the file to serde.
pub fn read_sheet(json: &str) -> Option<Sheet> {
    let (mut sheet, rows) = read_rows(json)?;
    sheet.indicators = rows.into_tree();
    Some(sheet)
}

/// The sheet in `json` with its indicators as rows in printed order (`sheet.indicators` is
/// empty), or `None` when this reader leaves the file to serde.
pub fn read_rows(json: &str) -> Option<(Sheet, IndicatorRows)> {
    read_rows_bytes(json.as_bytes())
}

/// [`read_rows`] on a file's bytes, which need not have been checked as UTF-8: each string is
/// checked as it is taken (the text of a file is mostly names and numbers, and numbers are
/// ASCII), and everything else this reader accepts is ASCII. So a file read here is UTF-8;
/// one that is not is left to the caller, which says where it is not.
pub fn read_rows_bytes(json: &[u8]) -> Option<(Sheet, IndicatorRows)> {
    let mut r = Reader {
        bytes: json,
        at: 0,
        // Some 150 bytes a row in a compact file; reserved, not touched, where it is more.
        rows: IndicatorRows {
            nodes: Vec::with_capacity(json.len() / 150 + 8),
            parents: Vec::with_capacity(json.len() / 150 + 8),
            depths: Vec::with_capacity(json.len() / 150 + 8),
        },
    };
    let sheet = r.sheet()?;
    r.whitespace();
    (r.at == r.bytes.len()).then_some((sheet, r.rows))
}

/// The high bit of each byte of `word` (little-endian) that is a quote, a backslash or a
/// control character, and possibly of some bytes after the first such byte (a borrow can
/// carry into them), never before it: the lowest set bit marks the first one exactly.
#[inline(always)]
fn special_bytes(word: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGH;
    let quote = zero(word ^ (ONES * u64::from(b'"')));
    let backslash = zero(word ^ (ONES * u64::from(b'\\')));
    let control = word.wrapping_sub(ONES * 0x20) & !word & HIGH;
    quote | backslash | control
}

/// Puts `value` in a slot that holds its type's empty default (a field seen for the first
/// time, a row pushed empty), without dropping the default. The default owns no memory, so
/// nothing is lost; not dropping it spares a chain of calls per field of every row in the
/// browser's baseline compiler.
fn fill<T: Default + PartialEq>(slot: &mut T, value: T) {
    let empty = std::mem::replace(slot, value);
    debug_assert!(empty == T::default(), "a slot filled twice");
    std::mem::forget(empty);
}

/// What may follow a number or a literal.
fn is_delimiter(b: u8) -> bool {
    matches!(b, b',' | b'}' | b']' | b':' | b' ' | b'\n' | b'\r' | b'\t')
}

/// Field names as numbers, so that matching a key is one comparison instead of a string
/// comparison per candidate: the length and the first seven bytes. Names longer than seven
/// bytes are also compared in full where they are matched.
mod field {
    /// [`tag`] at run time. `window` is the key's first eight bytes followed by whatever comes
    /// after it in the file, when the file has eight bytes from the key on; the bytes past the
    /// key are masked off. (Read this way, a tag is a few instructions, not a loop.)
    #[inline(always)]
    pub fn tag_of(key: &[u8], window: Option<&[u8; 8]>) -> u64 {
        match window {
            Some(window) => {
                let word = u64::from_le_bytes(*window);
                let word = match key.len() {
                    0..=7 => word & ((1u64 << (8 * key.len())) - 1),
                    _ => word,
                };
                (word << 8) | length(key)
            }
            None => tag_at_end(key),
        }
    }

    /// [`tag`] of a key within eight bytes of the end of the file (which is then not JSON),
    /// out of line: its loop would otherwise sit in every object reader.
    #[cold]
    #[inline(never)]
    fn tag_at_end(key: &[u8]) -> u64 {
        tag(key)
    }

    /// The length in the low byte; 255 for any longer key, which no field name is.
    const fn length(key: &[u8]) -> u64 {
        if key.len() < 255 {
            key.len() as u64
        } else {
            255
        }
    }

    /// A field name's tag: its length and first seven bytes.
    pub const fn tag(key: &[u8]) -> u64 {
        let mut tag = length(key);
        let mut i = 0;
        while i < 7 && i < key.len() {
            tag |= (key[i] as u64) << (8 * (i + 1));
            i += 1;
        }
        tag
    }

    pub const ACTUAL: u64 = tag(b"actual");
    pub const BANDS: u64 = tag(b"bands");
    pub const BASIS: u64 = tag(b"basis");
    pub const BOUND: u64 = tag(b"bound");
    pub const CHILDREN: u64 = tag(b"children");
    pub const COMPARISON: u64 = tag(b"comparison");
    pub const ID: u64 = tag(b"id");
    pub const INCLUSIVE: u64 = tag(b"inclusive");
    pub const KIND: u64 = tag(b"kind");
    pub const LEVEL: u64 = tag(b"level");
    pub const LOWER: u64 = tag(b"lower");
    pub const MAX: u64 = tag(b"max");
    pub const MIN: u64 = tag(b"min");
    pub const NAME: u64 = tag(b"name");
    pub const NOT_APPLICABLE: u64 = tag(b"not_applicable");
    pub const NOTE: u64 = tag(b"note");
    pub const POINTS: u64 = tag(b"points");
    pub const REASON: u64 = tag(b"reason");
    pub const RULE: u64 = tag(b"rule");
    pub const SCORE: u64 = tag(b"score");
    pub const STEP: u64 = tag(b"step");
    pub const TARGET: u64 = tag(b"target");
    pub const THRESHOLD: u64 = tag(b"threshold");
    pub const UNIT: u64 = tag(b"unit");
    pub const WEIGHT: u64 = tag(b"weight");
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
    /// The indicator rows read so far.
    rows: IndicatorRows,
}

/// The fields of an object, one bit each, to refuse a field written twice (serde does).
#[derive(Default)]
struct Seen(u32);

impl Seen {
    fn has(&self, bit: u32) -> bool {
        self.0 & (1 << bit) != 0
    }

    fn first(&mut self, bit: u32) -> Option<()> {
        if self.has(bit) {
            return None;
        }
        self.0 |= 1 << bit;
        Some(())
    }
}

// The byte-level helpers are inlined by hand: in the browser's baseline compiler, which runs
// the first load, every call is paid (`take` alone was half a million calls at 10,000 rows).
impl<'a> Reader<'a> {
    /// Skips whitespace. The files jixiao writes have none, so what is inlined is one look at
    /// the next byte, and the loop is out of line: in the browser, every loop inlined into the
    /// row readers made the optimizing compile that runs beside the first load longer.
    #[inline(always)]
    fn whitespace(&mut self) {
        if let Some(b' ' | b'\n' | b'\r' | b'\t') = self.bytes.get(self.at) {
            self.skip_whitespace();
        }
    }

    #[cold]
    #[inline(never)]
    fn skip_whitespace(&mut self) {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.bytes.get(self.at) {
            self.at += 1;
        }
    }

    /// Skips whitespace and takes `byte`.
    #[inline(always)]
    fn expect(&mut self, byte: u8) -> Option<()> {
        self.take(byte).then_some(())
    }

    /// Skips whitespace and takes `byte` if it is next. (Whitespace is looked for only when
    /// `byte` is not next: compact files have none, and a call costs in the baseline compiler.)
    #[inline(always)]
    fn take(&mut self, byte: u8) -> bool {
        if self.peek() != byte {
            self.whitespace();
            if self.peek() != byte {
                return false;
            }
        }
        self.at += 1;
        true
    }

    /// The next byte; 0, which no JSON token starts with, at the end.
    #[inline(always)]
    fn peek(&self) -> u8 {
        match self.bytes.get(self.at) {
            Some(b) => *b,
            None => 0,
        }
    }

    /// A string without escapes, borrowed from the input, if it is UTF-8.
    fn string(&mut self) -> Option<&'a str> {
        let (bytes, ascii) = self.string_scan()?;
        if ascii {
            // SAFETY: every byte is below 0x80 (`string_scan` says so only then), and a run of
            // ASCII bytes is UTF-8. Most strings of a sheet (every number) are ASCII; checking
            // them again was some 60,000 calls of the standard check at 10,000 rows.
            Some(unsafe { std::str::from_utf8_unchecked(bytes) })
        } else {
            std::str::from_utf8(bytes).ok()
        }
    }

    /// The bytes of a string without escapes (an object's key is matched on these).
    ///
    /// Nearly every key closes within the eight bytes after its opening quote; that case is
    /// read here without a loop, and longer keys by the general scan, out of line. (In the
    /// browser each loop inlined into the functions reading rows made their optimized
    /// compilation, which runs on the page's other core while a sheet loads, costlier.)
    #[inline(always)]
    fn string_bytes(&mut self) -> Option<&'a [u8]> {
        let quote = self.at;
        if let Some([b'"', rest @ ..]) = self.bytes.get(quote..quote + 9) {
            let mask = special_bytes(u64::from_le_bytes(rest.try_into().ok()?));
            // The first quote, backslash or control byte; 8 when there is none.
            let len = (mask.trailing_zeros() / 8) as usize;
            if let Some(key) = self.key_closed_at(quote, rest, len) {
                return Some(key);
            }
        }
        self.long_string_bytes()
    }

    /// The key `rest[..len]` when the special byte at `len` is its closing quote, the reader
    /// then put after that quote (`rest` starts just after the opening quote at `quote`).
    #[inline(always)]
    fn key_closed_at(&mut self, quote: usize, rest: &'a [u8], len: usize) -> Option<&'a [u8]> {
        if !matches!(rest.get(len), Some(b'"')) {
            return None;
        }
        self.at = quote + 1 + len + 1;
        Some(&rest[..len])
    }

    /// [`Self::string_bytes`] of a key that does not close within eight bytes, or is not
    /// where a key usually is (after whitespace, at the end of the file).
    #[inline(never)]
    fn long_string_bytes(&mut self) -> Option<&'a [u8]> {
        // Up to sixteen bytes (`comparison`, `not_applicable`) from two words.
        let quote = self.at;
        if let Some([b'"', rest @ ..]) = self.bytes.get(quote..quote + 17) {
            let (low, high) = rest.split_at(8);
            let first = special_bytes(u64::from_le_bytes(low.try_into().ok()?));
            let len = if first != 0 {
                (first.trailing_zeros() / 8) as usize
            } else {
                let second = special_bytes(u64::from_le_bytes(high.try_into().ok()?));
                8 + (second.trailing_zeros() / 8) as usize
            };
            if let Some(key) = self.key_closed_at(quote, rest, len) {
                return Some(key);
            }
        }
        Some(self.string_scan()?.0)
    }

    /// The bytes of a string without escapes, and whether they are all ASCII (a `false` may
    /// also be said of an ASCII string: the bytes just after it can count).
    #[inline(always)]
    fn string_scan(&mut self) -> Option<(&'a [u8], bool)> {
        const HIGH: u64 = 0x8080_8080_8080_8080;
        self.expect(b'"')?;
        let start = self.at;
        // Any byte of the string with its high bit set, and maybe some just after it.
        let mut high = 0u64;
        // Eight bytes at a time up to the first that is not plain text: most strings are
        // short, so the position is taken from the mask, not found byte by byte.
        while let Some(chunk) = self.bytes.get(self.at..self.at + 8) {
            let word = u64::from_le_bytes(chunk.try_into().ok()?);
            high |= word & HIGH;
            let mask = special_bytes(word);
            if mask != 0 {
                self.at += (mask.trailing_zeros() / 8) as usize;
                break;
            }
            self.at += 8;
        }
        loop {
            match *self.bytes.get(self.at)? {
                b'"' => break,
                // Escapes go to serde; raw control characters are an error there.
                b'\\' | 0..=0x1f => return None,
                b => {
                    high |= u64::from(b & 0x80);
                    self.at += 1;
                }
            }
        }
        let s = &self.bytes[start..self.at];
        self.at += 1;
        Some((s, high == 0))
    }

    /// Visits each `"key": value` of an object; `field` reads the value after the colon and is
    /// given the key and its tag ([`field::tag_of`]).
    fn object(
        &mut self,
        mut field: impl FnMut(&mut Self, &'a [u8], u64) -> Option<()>,
    ) -> Option<()> {
        self.expect(b'{')?;
        if self.take(b'}') {
            return Some(());
        }
        loop {
            let key = self.string_bytes()?;
            let start = self.at - 1 - key.len();
            let window = self.bytes.get(start..).and_then(<[u8]>::first_chunk::<8>);
            let tag = field::tag_of(key, window);
            self.expect(b':')?;
            field(self, key, tag)?;
            if self.take(b'}') {
                return Some(());
            }
            self.expect(b',')?;
        }
    }

    /// Visits each element of an array.
    fn array(&mut self, mut element: impl FnMut(&mut Self) -> Option<()>) -> Option<()> {
        self.expect(b'[')?;
        if self.take(b']') {
            return Some(());
        }
        loop {
            element(self)?;
            if self.take(b']') {
                return Some(());
            }
            self.expect(b',')?;
        }
    }

    /// The text of one JSON value, found by skipping it, for serde to read (and check).
    fn value_text(&mut self) -> Option<&'a str> {
        self.whitespace();
        let start = self.at;
        let mut depth = 0usize;
        loop {
            match *self.bytes.get(self.at)? {
                b'{' | b'[' => {
                    depth += 1;
                    self.at += 1;
                }
                b'}' | b']' => {
                    depth = depth.checked_sub(1)?;
                    self.at += 1;
                }
                b'"' => self.skip_string()?,
                b',' | b':' | b' ' | b'\n' | b'\r' | b'\t' if depth > 0 => self.at += 1,
                _ => {
                    // A number or a literal runs to the next delimiter.
                    let len = self.bytes[self.at..]
                        .iter()
                        .position(|b| is_delimiter(*b) || *b == b'"')
                        .unwrap_or(self.bytes.len() - self.at);
                    if len == 0 {
                        return None;
                    }
                    self.at += len;
                }
            }
            if depth == 0 {
                return std::str::from_utf8(&self.bytes[start..self.at]).ok();
            }
        }
    }

    /// Skips a string, escapes and all (serde checks it when it reads the value).
    fn skip_string(&mut self) -> Option<()> {
        self.at += 1;
        loop {
            match *self.bytes.get(self.at)? {
                b'"' => {
                    self.at += 1;
                    return Some(());
                }
                b'\\' => self.at += 2,
                _ => self.at += 1,
            }
        }
    }

    /// One value read by serde, out of line: rare fields only, kept out of the row readers.
    #[inline(never)]
    fn serde<T: DeserializeOwned>(&mut self) -> Option<T> {
        serde_json::from_str(self.value_text()?).ok()
    }

    /// A text field: a JSON string. Numbers and null, which serde turns into text, go to serde.
    fn text(&mut self) -> Option<Text> {
        self.string().map(Text::from)
    }

    /// A text field of an object, seen for the first time (`bit` of `seen`), read into its
    /// empty slot.
    #[inline(always)]
    fn text_field(&mut self, seen: &mut Seen, bit: u32, slot: &mut Text) -> Option<()> {
        seen.first(bit)?;
        fill(slot, self.text()?);
        Some(())
    }

    /// A comparison as jixiao writes it (its symbol); other spellings go to serde.
    fn comparison(&mut self) -> Option<Comparison> {
        let start = self.at;
        let written = self.string().and_then(Comparison::from_symbol);
        written.or_else(|| {
            self.at = start;
            self.serde()
        })
    }

    fn boolean(&mut self) -> Option<bool> {
        self.whitespace();
        let rest = &self.bytes[self.at..];
        let (value, len) = if rest.starts_with(b"true") {
            (true, 4)
        } else if rest.starts_with(b"false") {
            (false, 5)
        } else {
            return None;
        };
        self.at += len;
        // `truex` is not a literal.
        match self.bytes.get(self.at) {
            Some(b) if !is_delimiter(*b) => None,
            _ => Some(value),
        }
    }

    fn sheet(&mut self) -> Option<Sheet> {
        let mut format = None;
        let mut version = None;
        let mut kind = None;
        let mut sheet = Sheet::new(SheetKind::Project);
        let mut seen = Seen::default();
        self.object(|r, key, _| {
            match key {
                b"format" => {
                    seen.first(0)?;
                    format = Some(r.string()?.to_string());
                }
                b"version" => {
                    seen.first(1)?;
                    version = Some(r.serde()?);
                }
                b"kind" => {
                    seen.first(2)?;
                    kind = Some(r.serde()?);
                }
                b"meta" => {
                    seen.first(3)?;
                    sheet.meta = r.serde()?;
                }
                b"settings" => {
                    seen.first(4)?;
                    sheet.settings = r.serde()?;
                }
                b"funds" => {
                    seen.first(5)?;
                    sheet.funds = r.serde()?;
                }
                b"indicators" => {
                    seen.first(6)?;
                    r.rows(IndicatorRows::TOP, 0)?;
                }
                b"projects" => {
                    seen.first(7)?;
                    sheet.projects = r.serde()?;
                }
                _ => return None,
            }
            Some(())
        })?;
        sheet.format = format?;
        sheet.version = version?;
        sheet.kind = kind?;
        Some(sheet)
    }

    /// The rows of an `indicators` or `children` array, appended in printed order.
    ///
    /// `rule` and `band` are kept out of line: in the browser each is then compiled by V8's
    /// optimizing compiler on its own once it runs often, in a fraction of the time one
    /// function holding all of it took (which a two-core machine takes from the load itself).
    fn rows(&mut self, parent: u32, depth: u16) -> Option<()> {
        if usize::from(depth) > MAX_DEPTH {
            return None;
        }
        self.array(|r| {
            let id = r.rows.nodes.len();
            r.rows.push(Node::default(), parent, depth);
            r.node(id, depth)
        })
    }

    /// One row, read into a local and put in its place (`rows[id]`, pushed empty before its
    /// children are read) at the end.
    fn node(&mut self, id: usize, depth: u16) -> Option<()> {
        let mut node = Node::default();
        let mut seen = Seen::default();
        self.object(|r, key, tag| {
            match tag {
                field::NAME => r.text_field(&mut seen, 0, &mut node.name)?,
                field::WEIGHT => r.text_field(&mut seen, 1, &mut node.weight)?,
                field::TARGET => r.text_field(&mut seen, 2, &mut node.target)?,
                field::ACTUAL => r.text_field(&mut seen, 3, &mut node.actual)?,
                field::COMPARISON if key == b"comparison" => {
                    seen.first(4)?;
                    node.comparison = Some(r.comparison()?);
                }
                field::REASON => r.text_field(&mut seen, 5, &mut node.reason)?,
                field::RULE => {
                    seen.first(6)?;
                    let rule = r.rule()?.into_rule::<serde_json::Error>().ok()?;
                    fill(&mut node.rule, Some(rule));
                }
                field::CHILDREN if key == b"children" => {
                    seen.first(7)?;
                    r.rows(id as u32, depth + 1)?;
                }
                field::ID => {
                    seen.first(8)?;
                    fill(&mut node.id, Some(r.text()?));
                }
                field::UNIT => r.text_field(&mut seen, 9, &mut node.unit)?,
                field::LEVEL => {
                    seen.first(10)?;
                    node.level = Some(r.serde()?);
                }
                field::SCORE => r.text_field(&mut seen, 11, &mut node.score)?,
                field::NOT_APPLICABLE if key == b"not_applicable" => {
                    seen.first(12)?;
                    node.not_applicable = r.boolean()?;
                }
                field::NOTE => r.text_field(&mut seen, 13, &mut node.note)?,
                _ => return None,
            }
            Some(())
        })?;
        fill(self.rows.nodes.get_mut(id)?, node);
        Some(())
    }

    #[inline(never)]
    fn rule(&mut self) -> Option<RuleFields> {
        let mut kind = None;
        let mut rule = RuleFields::of_kind(RuleKind::Ratio); // the kind is set at the end
        let mut seen = Seen::default();
        self.object(|r, key, tag| {
            match tag {
                field::KIND => {
                    seen.first(0)?;
                    kind = Some(RuleKind::from_name(r.string()?)?);
                }
                field::LOWER => {
                    seen.first(1)?;
                    rule.lower = Some(r.serde()?);
                }
                field::THRESHOLD if key == b"threshold" => {
                    seen.first(2)?;
                    rule.threshold = Some(r.text()?);
                }
                field::STEP => {
                    seen.first(3)?;
                    rule.step = Some(r.text()?);
                }
                field::POINTS => {
                    seen.first(4)?;
                    rule.points = Some(r.text()?);
                }
                field::INCLUSIVE if key == b"inclusive" => {
                    seen.first(5)?;
                    rule.inclusive = Some(r.boolean()?);
                }
                field::BASIS => {
                    seen.first(6)?;
                    rule.basis = Some(r.serde()?);
                }
                field::BANDS => {
                    seen.first(7)?;
                    let mut bands = Vec::new();
                    r.array(|r| {
                        bands.push(r.band()?);
                        Some(())
                    })?;
                    rule.bands = Some(bands);
                }
                field::BOUND => {
                    seen.first(8)?;
                    rule.bound = Some(r.text()?);
                }
                _ => return None,
            }
            Some(())
        })?;
        rule.kind = kind?;
        Some(rule)
    }

    #[inline(never)]
    fn band(&mut self) -> Option<Band> {
        let mut band = Band::default();
        let mut seen = Seen::default();
        self.object(|r, _, tag| {
            match tag {
                field::MIN => r.text_field(&mut seen, 0, &mut band.min)?,
                field::MAX => r.text_field(&mut seen, 1, &mut band.max)?,
                field::POINTS => r.text_field(&mut seen, 2, &mut band.points)?,
                _ => return None,
            }
            Some(())
        })?;
        // A band's points are required.
        seen.has(2).then_some(band)
    }
}

#[cfg(test)]
mod tests {
    use super::special_bytes;
    use crate::comparison::Comparison;

    #[test]
    fn the_symbols_are_what_files_hold() {
        for c in Comparison::ALL {
            let written = serde_json::to_string(&c).unwrap();
            assert_eq!(written, format!("\"{}\"", c.symbol()));
        }
    }

    #[test]
    fn the_first_special_byte_is_found_exactly() {
        for (text, first) in [
            (&b"abcdefgh"[..], None),
            (b"\xe6\x8c\x87\xe6\xa0\x87\x30\x31", None), // 指标01
            (b"abc\"defg", Some(3)),
            (b"\"bcdefgh", Some(0)),
            (b"abcdefg\\", Some(7)),
            (b"ab\ncdefg", Some(2)),
            (b"\x1f\"\"\"\"\"\"\"", Some(0)),
            (b"\x00\x01abcdef", Some(0)),
            (b"ab \x7f\x80\xff!#", None),
        ] {
            let mask = special_bytes(u64::from_le_bytes(text.try_into().unwrap()));
            let found = (mask != 0).then(|| mask.trailing_zeros() as usize / 8);
            assert_eq!(found, first, "{text:?}");
        }
    }

    /// A reader at the start of `bytes`.
    fn reader(bytes: &[u8]) -> super::Reader<'_> {
        super::Reader {
            bytes,
            at: 0,
            rows: crate::model::IndicatorRows::default(),
        }
    }

    proptest::proptest! {
        #[test]
        fn a_key_has_one_tag(key in "[a-z_]{0,20}") {
            let bytes = key.as_bytes();
            let tag = super::field::tag(bytes);
            proptest::prop_assert_eq!(super::field::tag_of(bytes, None), tag);
            // Read from a file: the key, its closing quote and whatever follows.
            let file = [bytes, b"\":\"x\",\"y\":1}"].concat();
            let window = file.first_chunk::<8>();
            proptest::prop_assert_eq!(super::field::tag_of(bytes, window), tag);
        }

        #[test]
        fn a_string_said_to_be_ascii_is_ascii(
            text in proptest::collection::vec(
                proptest::prop_oneof![0x20u8..0x80, 0x80u8..=0xff], 0..40),
            after in proptest::collection::vec(proptest::num::u8::ANY, 0..12),
        ) {
            let text: Vec<u8> = text.into_iter().filter(|b| !matches!(b, b'"' | b'\\')).collect();
            let file = [&b"\""[..], &text, b"\"", &after].concat();
            let mut r = reader(&file);
            let (bytes, ascii) = r.string_scan().unwrap();
            proptest::prop_assert_eq!(bytes, &text[..]);
            proptest::prop_assert!(!ascii || text.is_ascii());
            if text.is_ascii() && after.is_ascii() {
                proptest::prop_assert!(ascii);
            }
            // And the string taken is the text exactly when the text is UTF-8.
            r.at = 0;
            proptest::prop_assert_eq!(r.string(), std::str::from_utf8(&text).ok());
        }

        #[test]
        fn a_key_is_read_as_the_general_scan_reads_it(
            blank in proptest::sample::select(vec![&b""[..], b" ", b"\n  "]),
            text in proptest::collection::vec(
                proptest::prop_oneof![
                    8 => b'a'..=b'z',
                    1 => proptest::sample::select(vec![b'"', b'\\', 0x01, b'_', 0xe6, 0x88]),
                ],
                0..22),
            after in proptest::collection::vec(proptest::num::u8::ANY, 0..10),
        ) {
            let file = [blank, b"\"", &text, b"\"", &after].concat();
            let (mut quick, mut general) = (reader(&file), reader(&file));
            let key = quick.string_bytes();
            proptest::prop_assert_eq!(key, general.string_scan().map(|(bytes, _)| bytes));
            if key.is_some() {
                proptest::prop_assert_eq!(quick.at, general.at);
            }
        }

        #[test]
        fn agrees_with_looking_at_each_byte(word: u64) {
            let bytes = word.to_le_bytes();
            let first = bytes.iter().position(|b| matches!(b, b'"' | b'\\' | 0..=0x1f));
            let mask = special_bytes(word);
            let found = (mask != 0).then(|| mask.trailing_zeros() as usize / 8);
            proptest::prop_assert_eq!(found, first);
        }
    }
}
