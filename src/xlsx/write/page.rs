//! Where a form is drawn: an Excel worksheet, or a grid of the cell texts a reader of the
//! file would see (`Page`), with the formats that show numbers as the reports write them.

use super::err;
use crate::cell::{parse_cell, Cell};
use crate::xlsx::read::Table;
use rust_decimal::Decimal;
use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Worksheet};

type Result<T> = std::result::Result<T, crate::xlsx::SpreadsheetError>;

/// A number format and its code: an Excel worksheet takes the one, a [`Grid`] shows the
/// number by the other, as a reader of the file sees it.
pub(super) struct NumberFormat {
    pub(super) format: Format,
    pub(super) code: String,
}

impl NumberFormat {
    pub(super) fn new(cell: &Format, code: &str) -> NumberFormat {
        let format = if code == "General" {
            cell.clone()
        } else {
            cell.clone().set_num_format(code)
        };
        NumberFormat {
            format,
            code: code.to_string(),
        }
    }
}

/// The cell formats of a form.
pub(super) struct Formats {
    pub(super) title: Format,
    pub(super) meta: Format,
    pub(super) header: Format,
    pub(super) text: Format,
    pub(super) group: Format,
    pub(super) number: NumberFormat,
    pub(super) score: NumberFormat,
    pub(super) group_score: NumberFormat,
    pub(super) percent: NumberFormat,
    pub(super) amount: NumberFormat,
    pub(super) total_label: Format,
    pub(super) total: NumberFormat,
}

impl Formats {
    pub(super) fn new() -> Formats {
        let cell = Format::new()
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::VerticalCenter)
            .set_font_name("宋体")
            .set_font_size(10.5);
        Formats {
            title: Format::new()
                .set_bold()
                .set_font_size(16)
                .set_font_name("宋体")
                .set_align(FormatAlign::Center),
            meta: Format::new().set_font_name("宋体").set_font_size(10.5),
            header: cell
                .clone()
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_text_wrap()
                .set_background_color(Color::RGB(0xDDE5F2)),
            text: cell.clone().set_text_wrap(),
            group: cell
                .clone()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Center),
            // General, not "0.##": Excel shows 10 in "0.##" as "10."
            number: NumberFormat::new(&cell, "General"),
            score: NumberFormat::new(&cell, "0.00"),
            group_score: NumberFormat::new(&cell.clone().set_bold(), "0.00"),
            percent: NumberFormat::new(&cell, "0.00%"),
            amount: NumberFormat::new(&cell, "#,##0.00"),
            total_label: cell.clone().set_bold().set_align(FormatAlign::Right),
            total: NumberFormat::new(&cell.set_bold(), "0.00"),
        }
    }
}

/// Where a form's cells go: an Excel worksheet, or a [`Grid`] of the texts a reader of that
/// worksheet sees.
pub(super) trait Page {
    fn text(&mut self, row: u32, col: u16, text: &str, format: &Format) -> Result<()>;
    fn number(&mut self, row: u32, col: u16, value: f64, format: &NumberFormat) -> Result<()>;
    fn blank(&mut self, row: u32, col: u16, format: &Format) -> Result<()>;
    fn merge(
        &mut self,
        first: (u32, u16),
        last: (u32, u16),
        text: &str,
        format: &Format,
    ) -> Result<()>;
    /// Column widths, A4 landscape fitted to its width, the rows above `frozen` kept in view.
    fn print_setup(&mut self, widths: &[f64], frozen: Option<u32>) -> Result<()>;
}

/// The most a cell holds, in UTF-16 units, as Excel counts them.
const CELL_LIMIT: usize = 32_767;

/// Text as a cell can hold it: longer text is cut, saying so (the file's hidden copy keeps it
/// whole), rather than the whole file refused for one long cell.
fn fitted(text: &str) -> std::borrow::Cow<'_, str> {
    if text.encode_utf16().count() <= CELL_LIMIT {
        return text.into();
    }
    const CUT: &str = "……（超出 Excel 单元格的长度上限，以下从略；全文保存在本文件的数据中）";
    let room = CELL_LIMIT - CUT.encode_utf16().count();
    let mut used = 0;
    let kept: String = text
        .chars()
        .take_while(|c| {
            used += c.len_utf16();
            used <= room
        })
        .collect();
    format!("{kept}{CUT}").into()
}

impl Page for Worksheet {
    fn text(&mut self, row: u32, col: u16, text: &str, format: &Format) -> Result<()> {
        self.write_string_with_format(row, col, &*fitted(text), format)
            .map_err(err)?;
        Ok(())
    }
    fn number(&mut self, row: u32, col: u16, value: f64, format: &NumberFormat) -> Result<()> {
        self.write_number_with_format(row, col, value, &format.format)
            .map_err(err)?;
        Ok(())
    }
    fn blank(&mut self, row: u32, col: u16, format: &Format) -> Result<()> {
        self.write_blank(row, col, format).map_err(err)?;
        Ok(())
    }
    fn merge(
        &mut self,
        first: (u32, u16),
        last: (u32, u16),
        text: &str,
        format: &Format,
    ) -> Result<()> {
        self.merge_range(first.0, first.1, last.0, last.1, &fitted(text), format)
            .map_err(err)?;
        Ok(())
    }
    fn print_setup(&mut self, widths: &[f64], frozen: Option<u32>) -> Result<()> {
        for (c, w) in widths.iter().enumerate() {
            self.set_column_width(c as u16, *w).map_err(err)?;
        }
        self.set_landscape();
        self.set_paper_size(9); // A4
        self.set_print_fit_to_pages(1, 0);
        if let Some(row) = frozen {
            self.set_freeze_panes(row, 0).map_err(err)?;
        }
        Ok(())
    }
}

/// A form's worksheet as the texts [`crate::xlsx::read`] reads from it (numbers as their format
/// shows them, merged cells filled in), without writing a file: what a returned form is
/// compared with.
#[derive(Default)]
pub(super) struct Grid {
    pub(super) rows: Vec<Vec<String>>,
    pub(super) merges: Vec<((u32, u32), (u32, u32))>,
    /// The numbers with more digits than their format shows, as the file read back has them
    /// (a score to 3 places under `0.00`), so that the form read back is read alike.
    pub(super) typed_digits: Vec<(usize, usize, String)>,
}

impl Grid {
    pub(super) fn put(&mut self, row: u32, col: u16, text: String) {
        let (row, col) = (row as usize, col as usize);
        if self.rows.len() <= row {
            self.rows.resize(row + 1, Vec::new());
        }
        let cells = &mut self.rows[row];
        if cells.len() <= col {
            cells.resize(col + 1, String::new());
        }
        cells[col] = text;
    }

    pub(super) fn into_table(mut self, name: String) -> Table {
        let mut merged_down = Vec::new();
        for (start, end) in std::mem::take(&mut self.merges) {
            crate::xlsx::read::fill_merged(&mut self.rows, start, end);
            if end.0 > start.0 {
                merged_down.push([start.0, start.1, end.0, end.1].map(|n| n as usize));
            }
        }
        Table {
            name,
            rows: self.rows,
            merged_cells_blank: false,
            typed_digits: self.typed_digits,
            merged_down,
        }
    }
}

impl Page for Grid {
    fn text(&mut self, row: u32, col: u16, text: &str, _: &Format) -> Result<()> {
        self.put(row, col, fitted(text).trim().to_string());
        Ok(())
    }
    fn number(&mut self, row: u32, col: u16, value: f64, format: &NumberFormat) -> Result<()> {
        let (shown, typed) = crate::xlsx::read::number_as_read(value, &format.code);
        self.put(row, col, shown);
        if let Some(typed) = typed {
            self.typed_digits.push((row as usize, col as usize, typed));
        }
        Ok(())
    }
    fn blank(&mut self, row: u32, col: u16, _: &Format) -> Result<()> {
        self.put(row, col, String::new());
        Ok(())
    }
    fn merge(&mut self, first: (u32, u16), last: (u32, u16), text: &str, _: &Format) -> Result<()> {
        self.put(first.0, first.1, fitted(text).trim().to_string());
        self.merges
            .push(((first.0, u32::from(first.1)), (last.0, u32::from(last.1))));
        Ok(())
    }
    fn print_setup(&mut self, _: &[f64], _: Option<u32>) -> Result<()> {
        Ok(())
    }
}

/// A decimal string as Excel's number (the nearest double, as Excel itself stores it).
pub(super) fn number(text: &str) -> Option<f64> {
    text.replace(',', "").parse::<f64>().ok()
}

/// Writes a typed value as a number when it is one (`16,061.02`, `93.66%`, `24`), keeping
/// the decimals as typed; otherwise as the text typed (`≥95%`, `是`, `不超过三天`). A number
/// Excel would show otherwise than typed (`约2000`, `007`, `¥500.00`, `+86`) is written as its
/// text: on the form, and read back from it, it stays what the user wrote.
pub(super) fn write_value(
    page: &mut impl Page,
    row: u32,
    col: u16,
    text: &str,
    fmt: &Formats,
) -> Result<()> {
    if let Ok(Cell::Number(q)) = parse_cell(text) {
        if q.comparison.is_none() && q.unit.is_empty() && !q.from_chinese_numeral {
            let decimals = q.value.scale();
            let digits = "0".repeat(decimals as usize);
            let point = if decimals > 0 { "." } else { "" };
            let grouped = text.contains(',') || text.contains('，');
            let code = match (q.percent, grouped) {
                (true, _) => format!("0{point}{digits}%"),
                (false, true) => format!("#,##0{point}{digits}"),
                (false, false) => format!("0{point}{digits}"),
            };
            let value = if q.percent {
                q.value / Decimal::ONE_HUNDRED
            } else {
                q.value
            };
            let shown_as_typed =
                |v: f64| crate::xlsx::read::number_as_shown(v, &code) == text.trim();
            if let Some(v) = number(&value.to_string()).filter(|&v| shown_as_typed(v)) {
                let right = fmt.text.clone().set_align(FormatAlign::Right);
                return page.number(row, col, v, &NumberFormat::new(&right, &code));
            }
        }
    }
    page.text(row, col, text, &fmt.text)
}

pub(super) fn write_number(
    page: &mut impl Page,
    row: u32,
    col: u16,
    value: Option<&str>,
    format: &NumberFormat,
    blank: &Format,
) -> Result<()> {
    match value.and_then(number) {
        Some(v) => page.number(row, col, v, format),
        None => page.blank(row, col, blank),
    }
}

/// "97.15%" as the number 0.9715.
pub(super) fn rate(text: Option<&str>) -> Option<String> {
    let t = text?.trim_end_matches('%');
    let d: Decimal = t.parse().ok()?;
    Some((d / Decimal::ONE_HUNDRED).to_string())
}
