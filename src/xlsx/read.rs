//! Reading .xlsx and .csv files into tables of cell text.

use super::{SpreadsheetError, EMBEDDED_SHEET};
use calamine::{Data, Reader, SheetVisible, Xlsx};
use rust_decimal::Decimal;
use std::io::Cursor;
use std::str::FromStr;

/// One worksheet as the text of its cells, as a user would read them on screen.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Table {
    pub name: String,
    pub rows: Vec<Vec<String>>,
}

/// What a file holds: its visible tables, and the sheet or workbook file that jixiao embeds
/// in the files it writes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Spreadsheet {
    pub tables: Vec<Table>,
    pub embedded: Option<String>,
}

/// Reads an .xlsx or .csv file (by its name, else by its content).
pub fn read(bytes: &[u8], file_name: &str) -> Result<Spreadsheet, SpreadsheetError> {
    if bytes.is_empty() {
        return Err(SpreadsheetError::Empty);
    }
    let lower = file_name.to_lowercase();
    let zip = bytes.starts_with(b"PK\x03\x04");
    if lower.ends_with(".xlsx") || lower.ends_with(".xlsm") || (zip && !lower.ends_with(".csv")) {
        read_xlsx(bytes)
    } else if lower.ends_with(".xls") && !zip {
        Err(SpreadsheetError::BadXlsx("这是旧版 .xls 文件".to_string()))
    } else {
        read_csv(bytes)
    }
}

fn read_xlsx(bytes: &[u8]) -> Result<Spreadsheet, SpreadsheetError> {
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| match e {
        calamine::XlsxError::Password => SpreadsheetError::Encrypted,
        other => SpreadsheetError::BadXlsx(describe(&other.to_string())),
    })?;
    let sheets: Vec<(String, bool)> = book
        .sheets_metadata()
        .iter()
        .map(|s| (s.name.clone(), s.visible == SheetVisible::Visible))
        .collect();
    let mut out = Spreadsheet::default();
    for (name, visible) in sheets {
        let range = book
            .worksheet_range(&name)
            .map_err(|e| SpreadsheetError::BadXlsx(describe(&e.to_string())))?;
        if name == EMBEDDED_SHEET {
            let text: String = range
                .rows()
                .filter_map(|r| r.first())
                .filter_map(|c| match c {
                    Data::String(s) => Some(s.as_str()),
                    _ => None,
                })
                .collect();
            if !text.is_empty() {
                out.embedded = Some(text);
            }
            continue;
        }
        if !visible {
            continue;
        }
        let styles = book.worksheet_style(&name).ok();
        let (top, left) = range.start().unwrap_or((0, 0));
        let mut rows: Vec<Vec<String>> = vec![Vec::new(); top as usize];
        for (r, row) in range.rows().enumerate() {
            let mut cells = vec![String::new(); left as usize];
            for (c, value) in row.iter().enumerate() {
                let at = (top + r as u32, left + c as u32);
                let shown = styles
                    .as_ref()
                    .and_then(|s| s.get(at))
                    .and_then(|s| s.number_format.as_ref())
                    .map(|f| Shown::from_code(&f.format_code))
                    .unwrap_or_default();
                cells.push(cell_text(value, shown));
            }
            rows.push(cells);
        }
        if let Ok(merged) = book.merge_cells_by_sheet_name(&name) {
            for region in merged {
                fill_merged(&mut rows, region.start, region.end);
            }
        }
        out.tables.push(Table { name, rows });
    }
    if out.tables.is_empty() && out.embedded.is_none() {
        return Err(SpreadsheetError::NoWorksheet);
    }
    Ok(out)
}

/// A merged region's value shown in every cell it covers, as the eye reads it.
fn fill_merged(rows: &mut [Vec<String>], start: (u32, u32), end: (u32, u32)) {
    let value = rows
        .get(start.0 as usize)
        .and_then(|r| r.get(start.1 as usize))
        .cloned()
        .unwrap_or_default();
    for r in start.0..=end.0.min(rows.len().saturating_sub(1) as u32) {
        let row = &mut rows[r as usize];
        for c in start.1..=end.1 {
            let c = c as usize;
            if row.len() <= c {
                row.resize(c + 1, String::new());
            }
            if row[c].is_empty() {
                row[c].clone_from(&value);
            }
        }
    }
}

/// How a number format shows a number: the digits after the point (`0.00`: exactly two;
/// `0.##`: up to two; General: as stored), as a percentage, with thousands separators.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Shown {
    decimals: Option<u32>,
    required: u32,
    percent: bool,
    grouped: bool,
}

impl Shown {
    /// Reads the first section of an Excel number format code (`#,##0.00;[Red]-#,##0.00`),
    /// leaving out quoted text, `[…]` colours and conditions, and escaped characters.
    fn from_code(code: &str) -> Shown {
        let mut plain = String::new();
        let mut chars = code.chars();
        while let Some(c) = chars.next() {
            match c {
                ';' => break,
                '"' => {
                    for q in chars.by_ref() {
                        if q == '"' {
                            break;
                        }
                    }
                }
                '[' => {
                    for q in chars.by_ref() {
                        if q == ']' {
                            break;
                        }
                    }
                }
                '\\' | '_' | '*' => {
                    chars.next();
                }
                _ => plain.push(c),
            }
        }
        if plain.eq_ignore_ascii_case("general") || !plain.contains(['0', '#']) {
            return Shown {
                percent: plain.contains('%'),
                ..Shown::default()
            };
        }
        let (int, frac) = plain.split_once('.').unwrap_or((&plain, ""));
        let placeholders =
            |s: &str, set: &[char]| s.chars().filter(|c| set.contains(c)).count() as u32;
        Shown {
            decimals: Some(placeholders(frac, &['0', '#', '?'])),
            required: placeholders(frac, &['0']),
            percent: plain.contains('%'),
            grouped: int.contains(','),
        }
    }

    /// The number as this format shows it, rounded half away from zero.
    fn format(self, value: Decimal) -> String {
        let value = if self.percent {
            value * Decimal::ONE_HUNDRED
        } else {
            value
        };
        let shown = match self.decimals {
            Some(d) => {
                let mut r = value
                    .round_dp_with_strategy(d, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
                    .normalize();
                if r.scale() < self.required {
                    r.rescale(self.required);
                }
                r
            }
            None => value.normalize(),
        };
        let mut text = if self.grouped {
            crate::arith::amount(shown, shown.scale())
        } else {
            shown.to_string()
        };
        if self.percent {
            text.push('%');
        }
        text
    }
}

/// A cell as text, as Excel shows it: a number in its cell's format (420 formatted `0.00` is
/// "420.00", 0.9625 formatted `0.00%` is "96.25%"); without a format, the shortest way that
/// reads back as the same number (1401.84 stays "1401.84").
fn cell_text(value: &Data, shown: Shown) -> String {
    let number = |text: String| match Decimal::from_str(&text) {
        Ok(d) => shown.format(d),
        Err(_) => text,
    };
    match value {
        Data::Empty => String::new(),
        Data::String(s) => s.trim().to_string(),
        Data::Int(i) => number(i.to_string()),
        Data::Float(f) => number(float_text(*f)),
        Data::Bool(b) => if *b { "是" } else { "否" }.to_string(),
        other => other.to_string(),
    }
}

fn float_text(f: f64) -> String {
    if f.is_finite() && f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        format!("{f}")
    }
}

/// calamine's and zip's English errors, shortened for the user.
fn describe(message: &str) -> String {
    if message.contains("Invalid Zip") || message.contains("invalid Zip") || message.contains("zip")
    {
        "文件已损坏或不是 .xlsx 格式".to_string()
    } else {
        message.to_string()
    }
}

fn read_csv(bytes: &[u8]) -> Result<Spreadsheet, SpreadsheetError> {
    // Excel saves CSV as UTF-8 with a byte-order mark, or, on Chinese Windows, as GBK.
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t.to_string(),
        Err(_) => encoding_rs::GB18030.decode(bytes).0.into_owned(),
    };
    let first = text.lines().next().unwrap_or("");
    let delimiter = if first.matches('\t').count() > first.matches(',').count() {
        b'\t'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| SpreadsheetError::BadCsv {
            line: e.position().map_or(0, |p| p.line()),
            detail: e.to_string(),
        })?;
        rows.push(record.iter().map(|c| c.trim().to_string()).collect());
    }
    if rows.is_empty() {
        return Err(SpreadsheetError::Empty);
    }
    Ok(Spreadsheet {
        tables: vec![Table {
            name: "CSV".to_string(),
            rows,
        }],
        embedded: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_in_utf8_with_bom_and_in_gbk() {
        let utf8 = "\u{feff}指标名称,分值\n预算执行率,10\n".as_bytes();
        let t = read(utf8, "a.csv").unwrap();
        assert_eq!(t.tables[0].rows[1], vec!["预算执行率", "10"]);
        let (gbk, _, _) = encoding_rs::GBK.encode("指标名称,分值\n满意度,10\n");
        let t = read(&gbk, "b.csv").unwrap();
        assert_eq!(t.tables[0].rows[1], vec!["满意度", "10"]);
        let tabs = "项目名称\t预算数\n甲\t1,000.00\n".as_bytes();
        assert_eq!(
            read(tabs, "c.csv").unwrap().tables[0].rows[1],
            vec!["甲", "1,000.00"]
        );
    }

    #[test]
    fn bad_files_say_what_is_wrong() {
        assert_eq!(read(b"", "x.xlsx"), Err(SpreadsheetError::Empty));
        assert!(matches!(
            read(b"PK\x03\x04 not really a zip", "x.xlsx"),
            Err(SpreadsheetError::BadXlsx(_))
        ));
        assert!(
            matches!(read(b"\xd0\xcf\x11\xe0", "old.xls"), Err(SpreadsheetError::BadXlsx(m)) if m.contains(".xls"))
        );
    }

    #[test]
    fn numbers_read_as_shown() {
        let general = Shown::default();
        assert_eq!(cell_text(&Data::Float(1401.84), general), "1401.84");
        assert_eq!(cell_text(&Data::Float(420.0), general), "420");
        assert_eq!(cell_text(&Data::Int(3), general), "3");
        assert_eq!(cell_text(&Data::String("  达成 ".into()), general), "达成");
        for (code, value, text) in [
            ("0.00%", 0.9625, "96.25%"),
            ("0%", 1.0, "100%"),
            ("0.00%", 0.97154, "97.15%"),
            ("#,##0.00", 420.0, "420.00"),
            ("#,##0.00", 23460.84, "23,460.84"),
            ("#,##0.00_ ;[Red]-#,##0.00", -1234.5, "-1,234.50"),
            ("\"¥\"#,##0.00", 1234.005, "1,234.01"),
            ("0.##", 10.0, "10"),
            ("0.##", 9.625, "9.63"),
            ("0.00", 0.125, "0.13"),
            ("0", 2.5, "3"),
            ("General", 0.1, "0.1"),
            ("@", 12.0, "12"),
        ] {
            assert_eq!(
                cell_text(&Data::Float(value), Shown::from_code(code)),
                text,
                "{code} {value}"
            );
        }
    }
}
