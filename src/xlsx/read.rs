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
    /// A cell merged over several rows is blank below its first, as in a CSV file or a block
    /// copied from Excel (an .xlsx file's merged cells are filled in, as the eye reads them).
    pub merged_cells_blank: bool,
    /// The numbers typed with more digits than their cell's format shows (99.5% typed into a
    /// cell formatted `0%`, which shows 100%), by row and column, as typed: see [`as_typed`].
    pub typed_digits: Vec<(usize, usize, String)>,
    /// The regions merged over more than one row, as filled in (first row, first column, last
    /// row, last column): below its first row a cell there repeats the text above it, not
    /// typed again. Two equal texts one under the other outside them were typed twice.
    pub merged_down: Vec<[usize; 4]>,
}

impl Table {
    /// Whether the cell at row `r`, column `c` is filled in from the one above it by a region
    /// merged down over both ([`Table::merged_down`]).
    pub fn merged_with_above(&self, r: usize, c: usize) -> bool {
        self.merged_down.iter().any(|&[top, left, bottom, right]| {
            top < r && r <= bottom && (left..=right).contains(&c)
        })
    }
}

/// What a file holds: its visible tables, and the sheet or workbook file that jixiao embeds
/// in the files it writes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Spreadsheet {
    pub tables: Vec<Table>,
    pub embedded: Option<String>,
}

impl Spreadsheet {
    /// One table of plain cells, as a CSV file or a block copied from Excel gives them: a cell
    /// merged over rows is blank below its first, and no format hides digits.
    pub fn of_cells(name: &str, rows: Vec<Vec<String>>) -> Self {
        Spreadsheet {
            tables: vec![Table {
                name: name.to_string(),
                rows,
                merged_cells_blank: true,
                typed_digits: Vec::new(),
                merged_down: Vec::new(),
            }],
            embedded: None,
        }
    }
}

/// Table `index` of `spreadsheet` with its numbers read as typed where their format shows
/// fewer digits. A table is read as its cells show (a unit's 完成率 pasted as values, 0.93654
/// formatted `0.00%`, is the 93.65% it printed); a form jixiao wrote is read as typed, since its
/// formats come from what was typed before: a figure typed over it with more digits than that
/// is what the user meant, though Excel shows it rounded.
///
/// Only the cells `typed_in` takes (by row and column) are read as typed.
pub fn as_typed(
    spreadsheet: &Spreadsheet,
    index: usize,
    typed_in: impl Fn(usize, usize) -> bool,
) -> std::borrow::Cow<'_, Spreadsheet> {
    let Some(table) = spreadsheet
        .tables
        .get(index)
        .filter(|t| !t.typed_digits.is_empty())
    else {
        return std::borrow::Cow::Borrowed(spreadsheet);
    };
    let mut rows = table.rows.clone();
    for (r, c, text) in table
        .typed_digits
        .iter()
        .filter(|(r, c, _)| typed_in(*r, *c))
    {
        if let Some(cell) = rows.get_mut(*r).and_then(|row| row.get_mut(*c)) {
            cell.clone_from(text);
        }
    }
    let mut typed = spreadsheet.clone();
    typed.tables[index].rows = rows;
    std::borrow::Cow::Owned(typed)
}

/// What a file is, told by its bytes rather than its name: a file renamed, or saved by another
/// program under the name it was given, is still what its bytes say. The one rule for every
/// reader of the user's files (the page's, `jixiao batch`, and `jixiao score`, which takes sheet
/// files alone): each kind that is no table is refused with what it is and what to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    /// No bytes at all.
    Empty,
    /// An Excel workbook (.xlsx, and .xlsm with macros): a zip holding `xl/workbook.xml`.
    Xlsx,
    /// A zip that cannot be opened as one (cut short, damaged), or an Excel workbook's zip
    /// without its workbook: read as an .xlsx, which says it is damaged.
    DamagedZip,
    /// Excel's binary workbook (.xlsb).
    Xlsb,
    /// A Word document (.docx).
    Word,
    /// A PowerPoint presentation (.pptx).
    PowerPoint,
    /// An OpenDocument spreadsheet (.ods).
    Ods,
    /// Any other zip: an archive of files.
    Archive,
    /// A workbook of Excel 97–2003 (.xls) or WPS (.et): an OLE compound file.
    OldExcel,
    /// A Word 97–2003 document (.doc, and WPS's .wps).
    OldWord,
    /// An Office file with a password: its content is encrypted in an OLE compound file.
    Encrypted,
    /// A PDF.
    Pdf,
    /// Anything else: text, read as a sheet file (JSON) or a CSV.
    Text,
}

impl FileKind {
    /// What the user is told of a file of this kind that is no table this calculator reads,
    /// with what to do; `None` for a kind that is read.
    pub fn refusal(self) -> Option<&'static str> {
        Some(match self {
            FileKind::Xlsb => {
                "这是 Excel 二进制工作簿（.xlsb），无法直接读取：请在 Excel 中另存为 .xlsx"
            }
            FileKind::Word => {
                "这是 Word 文档（.docx），不是表格：请改用评分表的 Excel 文件（.xlsx）或评分表文件（.json）；表格在文档中的，请复制到 Excel 中另存为 .xlsx"
            }
            FileKind::OldWord => {
                "这是旧版 Word 文档（.doc 或 WPS 文字的 .wps），不是表格：请改用评分表的 Excel 文件（.xlsx）或评分表文件（.json）；表格在文档中的，请复制到 Excel 中另存为 .xlsx"
            }
            FileKind::PowerPoint => {
                "这是 PowerPoint 演示文稿，不是表格：请改用评分表的 Excel 文件（.xlsx）或评分表文件（.json）"
            }
            FileKind::Ods => {
                "这是 OpenDocument 表格（.ods），无法直接读取：请在 WPS、LibreOffice 或 Excel 中另存为 .xlsx"
            }
            FileKind::Archive => {
                "这是压缩包，不是表格：请先解压，再读取其中的表格文件"
            }
            FileKind::OldExcel => {
                "这是旧版 .xls 文件（Excel 97–2003 或 WPS 表格的 .et），无法直接读取：请在 Excel 或 WPS 中另存为 .xlsx"
            }
            FileKind::Pdf => {
                "这是 PDF 文件，不是表格：请改用评分表的 Excel 文件（.xlsx）或评分表文件（.json）"
            }
            FileKind::Empty
            | FileKind::Xlsx
            | FileKind::DamagedZip
            | FileKind::Encrypted
            | FileKind::Text => return None,
        })
    }

    /// Whether the file is a spreadsheet or a document by its bytes: never a sheet file (JSON)
    /// or a CSV, whatever its name.
    pub fn is_binary(self) -> bool {
        !matches!(self, FileKind::Empty | FileKind::Text)
    }
}

/// What `bytes` are (see [`FileKind`]).
pub fn kind_of(bytes: &[u8]) -> FileKind {
    if bytes.is_empty() {
        return FileKind::Empty;
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return zip_kind(bytes);
    }
    if bytes.starts_with(b"\xD0\xCF\x11\xE0") {
        // The streams' names, in UTF-16, in the compound file's directory.
        let has = |name: &str| {
            let name: Vec<u8> = name.encode_utf16().flat_map(u16::to_le_bytes).collect();
            bytes.windows(name.len()).any(|w| w == name)
        };
        return if has("EncryptedPackage") {
            FileKind::Encrypted
        } else if has("WordDocument") {
            FileKind::OldWord
        } else {
            FileKind::OldExcel
        };
    }
    if bytes.starts_with(b"%PDF") {
        return FileKind::Pdf;
    }
    FileKind::Text
}

/// What a zip holds, by the names of its files.
fn zip_kind(bytes: &[u8]) -> FileKind {
    let Ok(archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return FileKind::DamagedZip;
    };
    let names: Vec<String> = archive
        .file_names()
        .filter_map(Result::ok)
        .map(|n| n.to_ascii_lowercase())
        .collect();
    let has = |wanted: &str| names.iter().any(|n| n == wanted);
    if has("xl/workbook.xml") {
        FileKind::Xlsx
    } else if has("xl/workbook.bin") {
        FileKind::Xlsb
    } else if has("word/document.xml") {
        FileKind::Word
    } else if has("ppt/presentation.xml") {
        FileKind::PowerPoint
    } else if has("mimetype") && has("content.xml") {
        FileKind::Ods
    } else if has("[content_types].xml") {
        // An Office file, but none of the above: what is left of an .xlsx.
        FileKind::DamagedZip
    } else {
        FileKind::Archive
    }
}

/// Reads an .xlsx or .csv file, by what its bytes are (see [`kind_of`]): a file that is no
/// table is refused with what it is.
pub fn read(bytes: &[u8], file_name: &str) -> Result<Spreadsheet, SpreadsheetError> {
    let kind = kind_of(bytes);
    if let Some(said) = kind.refusal() {
        return Err(SpreadsheetError::NotATable(said));
    }
    match kind {
        FileKind::Empty => Err(SpreadsheetError::Empty),
        FileKind::Encrypted => Err(SpreadsheetError::Encrypted),
        FileKind::Text => {
            let lower = file_name.to_lowercase();
            let excel = [".xlsx", ".xlsm", ".xls", ".et"]
                .into_iter()
                .find(|ext| lower.ends_with(ext));
            match excel {
                // Text under an Excel file's name: a web page or a text file a system
                // exported as "Excel", or a CSV renamed.
                Some(ext) => Err(SpreadsheetError::BadXlsx(format!(
                    "文件名是 {ext}，内容却是文本（可能是系统导出的网页或文本，或改了扩展名的 CSV）：请在 Excel 或 WPS 中打开，另存为 .xlsx"
                ))),
                None => read_csv(bytes),
            }
        }
        _ => read_xlsx(bytes),
    }
}

/// The most a part of an .xlsx file (a worksheet's XML, the shared strings) may take unpacked:
/// a 10,000-row table takes a few MB, and a zip bomb of a few MB unpacks to GBs.
const MAX_PART_BYTES: u64 = 200 << 20;

/// The most cells a worksheet's rows may hold, each row up to its last cell: every one is held
/// as text. A table of 10,000 rows of 20 columns holds 200,000; a stray cell at XFD1048576
/// adds one row of 16,384.
const MAX_CELLS: u64 = 1 << 20;

/// The cells a worksheet is held as, in rows, when a file says its cells are further out
/// (Excel's last cell is XFD1048576).
const MAX_ROWS: u32 = 1 << 20;
const MAX_COLUMNS: u32 = 1 << 14;

/// Refuses a file whose parts unpack to more than [`MAX_PART_BYTES`], by the sizes the zip
/// declares (which its reader holds them to), before anything is unpacked.
fn check_unpacked_sizes(bytes: &[u8]) -> Result<(), SpreadsheetError> {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(()); // calamine says it is damaged
    };
    for i in 0..zip.len() {
        let Ok(part) = zip.by_index_raw(i) else {
            continue;
        };
        if part.size() > MAX_PART_BYTES {
            return Err(SpreadsheetError::TooLarge(format!(
                "文件解压后过大（其中一部分解压后达 {} MB，最多支持 {} MB），可能不是正常的表格文件：请在 Excel 或 WPS 中打开，删除表格以外的内容，另存为 .xlsx 后再试",
                part.size() >> 20,
                MAX_PART_BYTES >> 20
            )));
        }
    }
    Ok(())
}

/// A cell's name as Excel writes it: `(0, 0)` is A1.
fn cell_name((row, column): (u32, u32)) -> String {
    let mut letters = Vec::new();
    let mut c = column as usize;
    loop {
        letters.push(char::from(b'A' + (c % 26) as u8));
        if c < 26 {
            break;
        }
        c = c / 26 - 1;
    }
    letters.iter().rev().collect::<String>() + &(u64::from(row) + 1).to_string()
}

/// A cell of a worksheet that holds something: a value, or a formula (or both).
struct SheetCell {
    at: (u32, u32),
    value: Data,
    formula: Option<String>,
}

/// A worksheet's cells that hold something, in one pass over those its file has (a range of
/// every cell out to the last would be as large as the last cell is far), in order. A
/// worksheet whose rows would hold more than [`MAX_CELLS`] is refused with the cell farthest
/// out, most often one typed or pasted far from the table by mistake.
fn worksheet_cells(
    book: &mut Xlsx<Cursor<&[u8]>>,
    name: &str,
) -> Result<Vec<SheetCell>, SpreadsheetError> {
    let damaged = |_| SpreadsheetError::BadXlsx(DAMAGED.to_string());
    let mut reader = match book.worksheet_cells_reader(name) {
        Ok(reader) => reader,
        // A chart sheet: no cells.
        Err(calamine::XlsxError::NotAWorksheet(_)) => return Ok(Vec::new()),
        Err(e) => return Err(damaged(e)),
    };
    let mut cells = Vec::new();
    // The cells the rows hold so far (a row counted again if its cells come apart), the row
    // being read and its length, and the cell farthest out.
    let (mut held, mut row, mut length, mut far) = (0u64, u32::MAX, 0u64, (0u32, 0u32));
    while let Some(cell) = reader.next_cell_with_formula().map_err(damaged)? {
        let formula = cell.formula.filter(|f| !f.is_empty());
        if matches!(cell.value, calamine::DataRef::Empty) && formula.is_none() {
            continue;
        }
        let (r, c) = cell.pos;
        if r >= MAX_ROWS || c >= MAX_COLUMNS {
            return Err(SpreadsheetError::BadXlsx(DAMAGED.to_string()));
        }
        if u64::from(r) + u64::from(c) >= u64::from(far.0) + u64::from(far.1) {
            far = (r, c);
        }
        if r != row {
            (row, length) = (r, 0);
        }
        if u64::from(c) + 1 > length {
            held += u64::from(c) + 1 - length;
            length = u64::from(c) + 1;
        }
        if held > MAX_CELLS {
            // Read on only to find the cell farthest out.
            continue;
        }
        cells.push(SheetCell {
            at: cell.pos,
            value: Data::from(cell.value),
            formula,
        });
    }
    if held > MAX_CELLS {
        return Err(SpreadsheetError::TooLarge(format!(
            "工作表“{name}”的内容太多或太分散（一直到单元格 {}，各行共 {held} 格，最多支持 {MAX_CELLS} 格），多半是表格以外误填的单元格：请在 Excel 或 WPS 中删除表格以外的行和列，保存后再试",
            cell_name(far),
        )));
    }
    cells.sort_by_key(|cell| cell.at);
    Ok(cells)
}

fn read_xlsx(bytes: &[u8]) -> Result<Spreadsheet, SpreadsheetError> {
    check_unpacked_sizes(bytes)?;
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| match e {
        calamine::XlsxError::Password => SpreadsheetError::Encrypted,
        _ => SpreadsheetError::BadXlsx(DAMAGED.to_string()),
    })?;
    let sheets: Vec<(String, bool)> = book
        .sheets_metadata()
        .iter()
        .map(|s| (s.name.clone(), s.visible == SheetVisible::Visible))
        .collect();
    let mut out = Spreadsheet::default();
    for (name, visible) in sheets {
        let cells = worksheet_cells(&mut book, &name)?;
        let values = || cells.iter().filter(|c| c.value != Data::Empty);
        if name == EMBEDDED_SHEET {
            // Written down its first column.
            let left = values().map(|c| c.at.1).min();
            let text: String = values()
                .filter(|c| Some(c.at.1) == left)
                .filter_map(|c| match &c.value {
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
        let last_row = cells.iter().map(|c| c.at.0 as usize).max();
        let mut rows: Vec<Vec<String>> = vec![Vec::new(); last_row.map_or(0, |r| r + 1)];
        // The rows from the first value to the last, as wide as the widest, as a range of
        // them reads, unless the values are far apart (then each row is as long as its last
        // cell).
        let (top, bottom) = (
            values().map(|c| c.at.0).min(),
            values().map(|c| c.at.0).max(),
        );
        let right = values().map(|c| c.at.1).max();
        if let (Some(top), Some(bottom), Some(right)) = (top, bottom, right) {
            let spanned = (u64::from(bottom - top) + 1) * (u64::from(right) + 1);
            if spanned <= MAX_CELLS {
                for row in &mut rows[top as usize..=bottom as usize] {
                    row.resize(right as usize + 1, String::new());
                }
            }
        }
        // Numbers with more digits than their format shows, kept as typed beside what the
        // cells show, when as short as a figure typed (a formula's result too).
        let mut typed_digits = Vec::new();
        for cell in &cells {
            let (r, c) = (cell.at.0 as usize, cell.at.1 as usize);
            let text = if cell.value == Data::Empty {
                // A formula whose result the file does not hold (a program other than Excel
                // or WPS wrote it, or saved it without calculating) would read as a blank
                // cell, a figure the unit filled in read as not filled. It is read as its
                // formula, `=C5/B5`, which the cell reader reports at the cell as a formula,
                // not a value. A result that is empty text (`=IF(C5="","",…)`) is a result,
                // and stays blank.
                format!("={}", cell.formula.as_deref().unwrap_or_default())
            } else {
                let shown = styles
                    .as_ref()
                    .and_then(|s| s.get(cell.at))
                    .and_then(|s| s.number_format.as_ref())
                    .map(|f| Shown::from_code(&f.format_code))
                    .unwrap_or_default();
                let (text, typed) = read_cell(&cell.value, shown);
                if let Some(typed) = typed {
                    typed_digits.push((r, c, typed));
                }
                text
            };
            let row = &mut rows[r];
            if row.len() <= c {
                row.resize(c + 1, String::new());
            }
            row[c] = text;
        }
        let mut merged_down = Vec::new();
        if let Ok(merged) = book.merge_cells_by_sheet_name(&name) {
            // A region merged out to the worksheet's last column (A1:XFD1) fills its rows as
            // far as it goes; the regions fill at most 2 × MAX_CELLS cells in all (a row
            // filled out to a region's last column counted whole).
            let mut room = 2 * MAX_CELLS;
            for region in merged {
                let Some(last) = rows.len().checked_sub(1) else {
                    break;
                };
                let (start, end) = (region.start, region.end);
                if start.0 as usize > last || end.0 < start.0 || end.1 < start.1 {
                    continue;
                }
                let height = u64::from(end.0.min(last as u32) - start.0) + 1;
                let reach = (u64::from(end.1) + 1).min(room / height);
                if reach <= u64::from(start.1) {
                    continue;
                }
                room -= height * reach;
                let end = (end.0.min(last as u32), reach as u32 - 1);
                fill_merged(&mut rows, start, end);
                if end.0 > start.0 {
                    merged_down.push([start.0, start.1, end.0, end.1].map(|n| n as usize));
                }
            }
        }
        out.tables.push(Table {
            name,
            rows,
            merged_cells_blank: false,
            typed_digits,
            merged_down,
        });
    }
    if out.tables.is_empty() && out.embedded.is_none() {
        return Err(SpreadsheetError::NoWorksheet);
    }
    Ok(out)
}

/// A merged region's value shown in every cell it covers, as the eye reads it.
pub(super) fn fill_merged(rows: &mut [Vec<String>], start: (u32, u32), end: (u32, u32)) {
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
/// `0.##`: up to two; General: as stored), as a percentage, with thousands separators, and
/// whether a time (`h:mm:ss`) shows its seconds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Shown {
    decimals: Option<u32>,
    required: u32,
    percent: bool,
    grouped: bool,
    seconds: bool,
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
                seconds: plain.contains(['s', 'S']),
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
            seconds: false,
        }
    }

    /// The number as this format shows it, rounded half away from zero.
    fn format(self, value: Decimal) -> String {
        self.write(value, self.decimals)
    }

    /// The number in this format's style (percent, separators, at least its decimals) with
    /// every digit it has, when the format shows fewer: `None` when it shows them all.
    fn every_digit(self, value: Decimal) -> Option<String> {
        let scale = self.scaled(value).normalize().scale();
        self.decimals
            .filter(|&d| scale > d)
            .map(|_| self.write(value, None))
    }

    fn scaled(self, value: Decimal) -> Decimal {
        if self.percent {
            value * Decimal::ONE_HUNDRED
        } else {
            value
        }
    }

    fn write(self, value: Decimal, decimals: Option<u32>) -> String {
        let value = self.scaled(value);
        let mut shown = match decimals {
            Some(d) => value
                .round_dp_with_strategy(d, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
                .normalize(),
            None => value.normalize(),
        };
        if shown.scale() < self.required {
            shown.rescale(self.required);
        }
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

/// A number as a cell of number format `code` shows it, as [`read`] reads it from a file.
pub(super) fn number_as_shown(value: f64, code: &str) -> String {
    cell_text(&Data::Float(value), Shown::from_code(code))
}

/// A number as a cell of number format `code` shows it, and with every digit it has when the
/// format shows fewer (see [`as_typed`]), as [`read`] reads it from a file.
pub(super) fn number_as_read(value: f64, code: &str) -> (String, Option<String>) {
    read_cell(&Data::Float(value), Shown::from_code(code))
}

/// A cell as text as Excel shows it ([`cell_text`]) and, a number whose format hides some of
/// its digits (99.5% in a cell formatted `0%`, which shows 100%), with them in the format's
/// style ([`Shown::every_digit`]): the number read once for both. It is taken with them only
/// when it is as short as a figure typed, a formula's result too (`=0.91*0.95`, 0.8645 in a
/// cell formatted `0%`, is 86.45%): a quotient's fifteen digits (`=C5/B5`, or 87 ÷ 98 pasted
/// as a value, 0.887755…) are what the cell shows, as a paste from Excel takes them
/// (`clipboard.js`).
fn read_cell(value: &Data, shown: Shown) -> (String, Option<String>) {
    match value {
        Data::Float(f) => match held(*f) {
            Some(d) => {
                let short = d.mantissa().unsigned_abs() < 10u128.pow(TYPED_DIGITS);
                let typed = short.then(|| shown.every_digit(d));
                (shown.format(d), typed.flatten())
            }
            None => (f.to_string(), None),
        },
        other => (cell_text(other, shown), None),
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
        // A date (2024-01-05 typed as a 完工日期, or 1/2 that Excel took for one) is the date,
        // not the day count Excel keeps it as: read as that number it would be scored.
        Data::DateTime(d) if d.is_datetime() => {
            let (y, m, day, h, min, s, _) = d.to_ymd_hms_milli();
            if (0.0..1.0).contains(&d.as_f64()) {
                // A time of day (12:30) has no date: Excel's day 0 is no day anyone typed.
                clock(
                    i64::from(h) * 3600 + i64::from(min) * 60 + i64::from(s),
                    shown,
                )
            } else if (h, min, s) == (0, 0, 0) {
                format!("{y}-{m:02}-{day:02}")
            } else {
                format!("{y}-{m:02}-{day:02} {h:02}:{min:02}")
            }
        }
        // A duration (1:30 formatted `[h]:mm`) is the hours and minutes Excel shows, not the
        // fraction of a day it keeps (0.0625), which would be scored as a count of 天 or 次.
        Data::DateTime(d) if d.is_duration() => {
            let seconds = (d.as_f64() * 86_400.0).round();
            if seconds.abs() < 1e12 {
                clock(seconds as i64, shown)
            } else {
                float_text(d.as_f64())
            }
        }
        other => other.to_string(),
    }
}

/// A time or duration of `seconds` as Excel shows it: `12:30`, `1:30`, `100:05:09`, the
/// seconds when its format shows them or they are not zero.
fn clock(seconds: i64, shown: Shown) -> String {
    let sign = if seconds < 0 { "-" } else { "" };
    let s = seconds.unsigned_abs();
    let (h, m, s) = (s / 3600, s / 60 % 60, s % 60);
    if shown.seconds || s != 0 {
        format!("{sign}{h}:{m:02}:{s:02}")
    } else {
        format!("{sign}{h}:{m:02}")
    }
}

/// The most significant digits of a number read as typed (see [`read_cell`]), as many as a
/// paste from Excel takes (`clipboard.js`).
const TYPED_DIGITS: u32 = 10;

/// A float as Excel holds it: 15 significant digits, the rest being a calculation's binary
/// noise (`=11*1.15` is cached as 12.649999999999999, which Excel shows and holds as 12.65;
/// 0.1 + 0.2 as 0.30000000000000004, which is 0.3). Rounded exactly, half away from zero, on
/// the shortest text that reads back as the float; `None` for what no decimal holds (NaN, an
/// infinity, beyond 28 digits).
fn held(f: f64) -> Option<Decimal> {
    Decimal::from_str(&f.to_string())
        .ok()?
        .round_sf_with_strategy(15, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
        .map(|d| d.normalize())
}

/// A float's text as Excel holds it ([`held`]): 1401.84 stays "1401.84", 420.0 is "420".
fn float_text(f: f64) -> String {
    held(f).map_or_else(|| f.to_string(), |d| d.to_string())
}

/// calamine's and zip's English errors, shortened for the user.
/// Why an Excel workbook's zip could not be read: what the library says of it is in English
/// and names its XML, of no use to the user; the file is damaged or cut short.
const DAMAGED: &str =
    "文件已损坏或不完整（可能没有下载或复制完整）：请在 Excel 或 WPS 中打开，另存为 .xlsx 后再试";

fn read_csv(bytes: &[u8]) -> Result<Spreadsheet, SpreadsheetError> {
    let text = csv_text(bytes)?;
    let delimiter = delimiter_of(&text);
    if let Some(line) = unclosed_quote(&text, delimiter) {
        return Err(SpreadsheetError::BadCsv {
            line,
            detail: "这一行的引号（\"）开始的内容直到文件末尾都没有结束，请检查是否少了一个引号"
                .to_string(),
        });
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        // Reading valid text from memory with rows of any length, the csv crate has no error
        // left to give; should it find one, its English text is not shown.
        let record = record.map_err(|e| SpreadsheetError::BadCsv {
            line: e.position().map_or(0, |p| p.line()),
            detail: "内容不符合 CSV 格式".to_string(),
        })?;
        rows.push(
            record
                .iter()
                .map(|c| without_guard(c.trim()).to_string())
                .collect(),
        );
    }
    if rows.is_empty() {
        return Err(SpreadsheetError::Empty);
    }
    Ok(Spreadsheet::of_cells("CSV", rows))
}

/// Tab-separated (a block saved from Excel as text) or comma-separated: whichever the first
/// lines have more of outside quotes, so that a tab typed inside a quoted title does not make
/// a comma-separated file read as tab-separated.
fn delimiter_of(text: &str) -> u8 {
    let (mut tabs, mut commas, mut quoted) = (0, 0, false);
    for c in text
        .lines()
        .take(20)
        .flat_map(|line| line.chars().chain(['\n']))
    {
        match c {
            '"' => quoted = !quoted,
            '\t' if !quoted => tabs += 1,
            ',' if !quoted => commas += 1,
            _ => {}
        }
    }
    if tabs > commas {
        b'\t'
    } else {
        b','
    }
}

/// A cell without the apostrophe jixiao's CSV puts before text a spreadsheet would run as a
/// formula (`'+新增改造面积`, csv.rs): opened again, the text is the one typed.
fn without_guard(cell: &str) -> &str {
    cell.strip_prefix('\'')
        .filter(|rest| rest.starts_with(super::csv::GUARDED))
        .unwrap_or(cell)
}

/// A CSV file's text. Excel saves CSV as UTF-8 with a byte-order mark, as UTF-16 with one
/// ("Unicode text"), or, on Chinese Windows, as GBK, which has no mark: bytes that are not
/// UTF-8 and have no mark are read as GB18030 (GBK and more). Bytes that are none of these are
/// refused at their line rather than shown as �.
fn csv_text(bytes: &[u8]) -> Result<String, SpreadsheetError> {
    let (encoding, body) = match encoding_rs::Encoding::for_bom(bytes) {
        Some((encoding, mark)) => (encoding, &bytes[mark..]),
        None => match std::str::from_utf8(bytes) {
            Ok(text) => return Ok(text.to_string()),
            Err(_) => (encoding_rs::GB18030, bytes),
        },
    };
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut text = String::with_capacity(
        decoder
            .max_utf8_buffer_length_without_replacement(body.len())
            .unwrap_or(usize::MAX / 2)
            .min(body.len() * 3 + 16),
    );
    let mut consumed = 0;
    loop {
        let (result, read) =
            decoder.decode_to_string_without_replacement(&body[consumed..], &mut text, true);
        consumed += read;
        match result {
            encoding_rs::DecoderResult::InputEmpty => return Ok(text),
            encoding_rs::DecoderResult::OutputFull => text.reserve(body.len() - consumed + 16),
            encoding_rs::DecoderResult::Malformed(..) => {
                let name = if encoding == encoding_rs::GB18030 {
                    "GBK"
                } else {
                    encoding.name()
                };
                return Err(SpreadsheetError::BadCsv {
                    line: text.matches('\n').count() as u64 + 1,
                    detail: format!(
                        "有按 {name} 编码无法识别的字节，请在 Excel 中另存为“CSV UTF-8（逗号分隔）”"
                    ),
                });
            }
        }
    }
}

/// The line where a quoted field opens and never closes, if one does. The csv crate reads
/// such a field to the end of the file without complaint, so a missing quote would import the
/// rest of the file as one cell. The rules are the crate's: a quote opens a field only as its
/// first character, `""` inside is a quote, and after the closing quote the field runs on
/// unquoted to the next delimiter or line end.
fn unclosed_quote(text: &str, delimiter: u8) -> Option<u64> {
    #[derive(Clone, Copy)]
    enum State {
        FieldStart,
        Unquoted,
        Quoted { opened: u64 },
        QuoteInQuoted { opened: u64 },
    }
    let mut line = 1;
    let mut state = State::FieldStart;
    for &b in text.as_bytes() {
        let ends_field = b == delimiter || b == b'\n' || b == b'\r';
        state = match state {
            State::FieldStart if b == b'"' => State::Quoted { opened: line },
            State::FieldStart | State::Unquoted if ends_field => State::FieldStart,
            State::FieldStart | State::Unquoted => State::Unquoted,
            State::Quoted { opened } if b == b'"' => State::QuoteInQuoted { opened },
            State::Quoted { opened } => State::Quoted { opened },
            State::QuoteInQuoted { opened } if b == b'"' => State::Quoted { opened },
            State::QuoteInQuoted { .. } if ends_field => State::FieldStart,
            State::QuoteInQuoted { .. } => State::Unquoted,
        };
        if b == b'\n' {
            line += 1;
        }
    }
    match state {
        State::Quoted { opened } => Some(opened),
        _ => None,
    }
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
    fn csv_in_utf16_with_its_mark() {
        let text = "指标名称\t分值\r\n满意度\t10\r\n";
        for (mark, big_endian) in [([0xff, 0xfe], false), ([0xfe, 0xff], true)] {
            let bytes: Vec<u8> = mark
                .into_iter()
                .chain(text.encode_utf16().flat_map(|u| {
                    if big_endian {
                        u.to_be_bytes()
                    } else {
                        u.to_le_bytes()
                    }
                }))
                .collect();
            let t = read(&bytes, "u.csv").unwrap();
            assert_eq!(
                t.tables[0].rows,
                vec![vec!["指标名称", "分值"], vec!["满意度", "10"]]
            );
        }
    }

    #[test]
    fn csv_bytes_of_no_encoding_it_knows_are_refused_at_their_line() {
        // Latin-1 "é" (0xe9) before a comma is neither UTF-8 nor GBK.
        let bytes = b"name,weight\ncaf\xe9,10\n";
        assert_eq!(
            read(bytes, "l.csv").unwrap_err().to_string(),
            "CSV 文件第2行无法读取：有按 GBK 编码无法识别的字节，请在 Excel 中另存为“CSV UTF-8（逗号分隔）”"
        );
    }

    #[test]
    fn an_unclosed_quote_is_found_where_it_opens() {
        for (text, line) in [
            ("a,b\n\"c,d\ne,f\n", Some(2)),
            ("a,\"b\"\"\n,c\n", Some(1)),
            ("a,\"b\nc\",d\ne,\"f\"\"g\"\n", None),
            ("a,b\"c\n", None),
            ("a,\"b\"c,\"\n", Some(1)),
            ("a\t\"b\n", Some(1)),
            ("a,\"\"\n", None),
        ] {
            let delimiter = if text.contains('\t') { b'\t' } else { b',' };
            assert_eq!(unclosed_quote(text, delimiter), line, "{text:?}");
        }
        assert_eq!(
            read("指标名称,分值\n\"满意度,10\n产出,20\n".as_bytes(), "q.csv")
                .unwrap_err()
                .to_string(),
            "CSV 文件第2行无法读取：这一行的引号（\"）开始的内容直到文件末尾都没有结束，请检查是否少了一个引号"
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
            matches!(read(b"\xd0\xcf\x11\xe0", "old.xls"), Err(SpreadsheetError::NotATable(m)) if m.contains("旧版 .xls"))
        );
    }

    /// A zip holding these files, each a byte.
    fn zip_of(names: &[&str]) -> Vec<u8> {
        use std::io::Write;
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for name in names {
            zip.start_file(*name, zip::write::SimpleFileOptions::default())
                .unwrap();
            zip.write_all(b"x").unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    /// An OLE compound file's signature, then a stream's name in UTF-16 as its directory
    /// holds it.
    fn ole_with(stream: &str) -> Vec<u8> {
        let mut bytes = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
        bytes.extend([0; 40]);
        bytes.extend(stream.encode_utf16().flat_map(u16::to_le_bytes));
        bytes
    }

    /// Every file is told by its bytes, whatever its name, and a file that is no table is
    /// refused once with what it is and what to do, in Chinese, never in the words of the
    /// library that tried to read it.
    #[test]
    fn a_file_is_what_its_bytes_say_whatever_its_name() {
        let word = zip_of(&["[Content_Types].xml", "_rels/.rels", "word/document.xml"]);
        let cases: Vec<(Vec<u8>, FileKind, &str)> = vec![
            (Vec::new(), FileKind::Empty, "文件是空的"),
            (
                zip_of(&["[Content_Types].xml", "xl/workbook.xml"]),
                FileKind::Xlsx,
                "",
            ),
            (
                word.clone(),
                FileKind::Word,
                "这是 Word 文档（.docx），不是表格",
            ),
            (
                zip_of(&["[Content_Types].xml", "xl/workbook.bin"]),
                FileKind::Xlsb,
                "另存为 .xlsx",
            ),
            (
                zip_of(&["[Content_Types].xml", "ppt/presentation.xml"]),
                FileKind::PowerPoint,
                "PowerPoint",
            ),
            (
                zip_of(&["mimetype", "content.xml"]),
                FileKind::Ods,
                "另存为 .xlsx",
            ),
            (
                zip_of(&["a.txt"]),
                FileKind::Archive,
                "这是压缩包，不是表格：请先解压",
            ),
            (
                zip_of(&["[Content_Types].xml", "docProps/app.xml"]),
                FileKind::DamagedZip,
                "文件已损坏或不完整",
            ),
            (
                b"PK\x03\x04 cut short".to_vec(),
                FileKind::DamagedZip,
                "文件已损坏或不完整",
            ),
            (ole_with("Workbook"), FileKind::OldExcel, "旧版 .xls"),
            (
                ole_with("WordDocument"),
                FileKind::OldWord,
                "旧版 Word 文档",
            ),
            (ole_with("EncryptedPackage"), FileKind::Encrypted, "密码"),
            (b"%PDF-1.7".to_vec(), FileKind::Pdf, "PDF"),
            ("指标名称,分值\n".as_bytes().to_vec(), FileKind::Text, ""),
        ];
        for (bytes, kind, said) in cases {
            assert_eq!(kind_of(&bytes), kind, "{said}");
            assert_eq!(
                kind.is_binary(),
                !matches!(kind, FileKind::Empty | FileKind::Text)
            );
            if said.is_empty() {
                continue;
            }
            for name in ["表.xlsx", "表.xls", "表.csv", "表.json"] {
                let e = read(&bytes, name).unwrap_err().to_string();
                assert!(e.contains(said), "{name}: {e}");
                assert!(e.contains("请"), "what to do: {e}");
                // Once: "如是旧版 .xls" was said after every reason, the .xls's own too.
                assert!(e.matches(".xls").count() <= 2, "{e}");
                let english = e
                    .split(|c: char| !c.is_ascii_alphabetic())
                    .filter(|w| {
                        w.len() > 1
                            && !["xlsx", "xlsm", "xls", "xlsb", "ods", "docx", "doc", "wps"]
                                .contains(w)
                            && !["et", "json", "Excel", "Word", "WPS", "PDF", "JSON"].contains(w)
                            && !["OpenDocument", "LibreOffice", "PowerPoint"].contains(w)
                    })
                    .collect::<Vec<_>>();
                assert!(english.is_empty(), "{english:?} in {e}");
            }
        }
        // Text under an Excel file's name: a web page a system exported as "Excel".
        let e = read(b"<html><table>", "export.xls")
            .unwrap_err()
            .to_string();
        assert!(e.contains("文件名是 .xls，内容却是文本"), "{e}");
        // A real workbook cut short: damaged, in Chinese, not calamine's XML error.
        let book = zip_of(&["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml"]);
        assert_eq!(
            read(&book, "x.xlsx").unwrap_err().to_string(),
            format!("这不是有效的 Excel 文件（.xlsx）：{DAMAGED}")
        );
        assert_eq!(
            read(&word, "renamed.xlsx").unwrap_err(),
            SpreadsheetError::NotATable(FileKind::Word.refusal().unwrap())
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
            ("General", 12.649999999999999, "12.65"),
            ("General", 0.1 + 0.2, "0.3"),
            ("General", 1401.84, "1401.84"),
            ("0%", 0.864_499_999_999_999_9, "86%"),
            ("General", 1e20, "100000000000000000000"),
            ("General", 123_456_789_012_345_680.0, "123456789012346000"),
        ] {
            assert_eq!(
                cell_text(&Data::Float(value), Shown::from_code(code)),
                text,
                "{code} {value}"
            );
        }
    }

    /// What a format hides is kept as typed, in the format's style, for jixiao's own forms.
    #[test]
    fn the_digits_a_format_hides_are_kept() {
        for (code, value, typed) in [
            ("0%", 0.995, Some("99.5%")),
            ("0", 520.4, Some("520.4")),
            ("#,##0.00", 1234.5678, Some("1,234.5678")),
            ("0.00", 420.0, None),
            ("0.00%", 0.9625, None),
            ("General", 0.123456789, None),
            // A calculation's binary noise is no digit anyone typed: Excel holds 15
            // significant digits, and so is a float read.
            ("0.00", 0.1 + 0.2, None),
            ("General", 0.1 + 0.2, None),
            ("General", 12.649999999999999, None),
            ("0%", 0.864_499_999_999_999_9, Some("86.45%")),
            ("0%", 0.955, Some("95.5%")),
        ] {
            assert_eq!(
                number_as_read(value, code).1.as_deref(),
                typed,
                "{code} {value}"
            );
        }
    }

    /// A number, a formula's result or a value pasted, is read with the digits its format hides
    /// only when it is as short as a figure typed: a quotient's fifteen digits are what the cell
    /// shows (87 ÷ 98 pasted as a value in a `0.00%` cell was read as 88.7755102040816% and
    /// refused, where it shows 88.78%).
    #[test]
    fn a_number_is_read_as_held_when_as_short_as_a_figure_typed() {
        for (code, value, read) in [
            ("0%", 0.864_499_999_999_999_9, ("86%", Some("86.45%"))),
            ("0", 12.649999999999999, ("13", Some("12.65"))),
            ("0.00%", 1.0 / 3.0, ("33.33%", None)),
            ("0.00", 404.25 / 431.0, ("0.94", None)),
            ("0.00%", 0.887_755_102_040_816_3, ("88.78%", None)),
            ("0.00", 50.0 / 3.0, ("16.67", None)),
            ("0%", 0.955_123_456_7, ("96%", Some("95.51234567%"))),
        ] {
            let (shown, typed) = read_cell(&Data::Float(value), Shown::from_code(code));
            assert_eq!((shown.as_str(), typed.as_deref()), read, "{code} {value}");
        }
    }

    #[test]
    fn a_date_is_read_as_the_date_not_its_day_count() {
        use calamine::{ExcelDateTime, ExcelDateTimeType};
        let date = |v| Data::DateTime(ExcelDateTime::new(v, ExcelDateTimeType::DateTime, false));
        assert_eq!(cell_text(&date(45296.0), Shown::default()), "2024-01-05");
        assert_eq!(
            cell_text(&date(44928.4375), Shown::default()),
            "2023-01-02 10:30"
        );
    }

    /// A time of day or a duration is read as Excel shows it, never as the fraction of a day
    /// it keeps (0.0625 for 1:30), which would be scored as a count.
    #[test]
    fn a_time_is_read_as_the_time_not_its_fraction_of_a_day() {
        use calamine::{ExcelDateTime, ExcelDateTimeType};
        let time = |v| Data::DateTime(ExcelDateTime::new(v, ExcelDateTimeType::DateTime, false));
        let duration =
            |v| Data::DateTime(ExcelDateTime::new(v, ExcelDateTimeType::TimeDelta, false));
        for (value, code, text) in [
            (time(0.5208333333333334), "h:mm", "12:30"),
            (time(0.5208333333333334), "h:mm:ss", "12:30:00"),
            (time(0.0), "h:mm", "0:00"),
            (duration(0.0625), "[h]:mm", "1:30"),
            (duration(0.0625), "[h]:mm:ss", "1:30:00"),
            (duration(4.170_243_055_555_555), "[h]:mm", "100:05:09"),
            (duration(-0.0625), "[h]:mm", "-1:30"),
        ] {
            assert_eq!(cell_text(&value, Shown::from_code(code)), text, "{code}");
        }
        assert_eq!(
            crate::cell::parse_cell("1:30").unwrap_err().to_string(),
            "“1:30”是时间，不是数值（Excel 会把 1:30 这类输入当成时间）：时长请换算成一个数值填写，如 1 小时 30 分钟写作 1.5 并把计量单位写作“小时”；如原本填的是比例，请换算成一个数值"
        );
    }
}
