//! A written .xlsx edited as Excel edits it (a cell's stored value changed in the worksheet's
//! XML), or with its hidden worksheet emptied: the files users send back, for the tests.
#![allow(dead_code)]

use std::io::Cursor;

/// An .xlsx file with one part's XML changed, as an edit in Excel changes it.
pub fn edited(bytes: &[u8], part: &str, edit: impl Fn(&str) -> String) -> Vec<u8> {
    use std::io::{Read, Write};
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let mut found = false;
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        let name = file.name().unwrap().to_string();
        let mut content = Vec::new();
        file.read_to_end(&mut content).unwrap();
        if name == part {
            let text = edit(std::str::from_utf8(&content).unwrap());
            assert_ne!(text.as_bytes(), content, "the edit changed {part}");
            content = text.into_bytes();
            found = true;
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&content).unwrap();
    }
    assert!(found, "no part {part}");
    out.finish().unwrap().into_inner()
}

/// A worksheet's XML with cell `reference` (`I9`) holding `text`, typed in as Excel stores it
/// when it cannot share the string (inline).
pub fn with_text(xml: &str, reference: &str, text: &str) -> String {
    let (start, open_end, end) = cell_at(xml, reference);
    let style = xml[start..open_end]
        .split_once(" s=\"")
        .and_then(|(_, rest)| rest.split_once('"'))
        .map_or(String::new(), |(s, _)| format!(" s=\"{s}\""));
    format!(
        "{}<c r=\"{reference}\"{style} t=\"inlineStr\"><is><t>{text}</t></is></c>{}",
        &xml[..start],
        &xml[end..]
    )
}

/// Where cell `reference` is in a worksheet's XML: its start, the end of its opening tag, and
/// its end.
fn cell_at(xml: &str, reference: &str) -> (usize, usize, usize) {
    let start = xml
        .find(&format!("<c r=\"{reference}\""))
        .unwrap_or_else(|| panic!("no cell {reference}"));
    let open_end = start + xml[start..].find('>').unwrap();
    let end = if xml[..=open_end].ends_with("/>") {
        open_end + 1
    } else {
        open_end + xml[open_end..].find("</c>").unwrap() + 4
    };
    (start, open_end, end)
}

/// The row (counted from 1, as Excel numbers it) of the written form's 自评表 that holds the
/// cell `text`: where a test types into it as a user would.
pub fn form_row(written: &[u8], text: &str) -> usize {
    use calamine::{Data, Reader, Xlsx};
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(written)).unwrap();
    let range = book.worksheet_range("自评表").unwrap();
    1 + range
        .rows()
        .position(|r| r.contains(&Data::String(text.into())))
        .unwrap_or_else(|| panic!("no row holds {text}"))
}

/// The worksheet parts of a written file, in order (rust_xlsxwriter names them sheetN).
pub fn worksheet_part(n: usize) -> String {
    format!("xl/worksheets/sheet{n}.xml")
}

/// A file with its hidden worksheet emptied, as when the visible form is copied into a
/// workbook of one's own.
pub fn without_hidden_copy(bytes: &[u8]) -> Vec<u8> {
    let archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let last = (1..)
        .take_while(|n| archive.index_for_name(&worksheet_part(*n)).is_some())
        .last()
        .unwrap();
    let hidden = edited(bytes, &worksheet_part(last), |xml| {
        let start = xml.find("<sheetData>").unwrap();
        let end = xml.find("</sheetData>").unwrap() + "</sheetData>".len();
        format!("{}<sheetData/>{}", &xml[..start], &xml[end..])
    });
    assert_eq!(
        jixiao::xlsx::read(&hidden, "x.xlsx").unwrap().embedded,
        None
    );
    hidden
}

/// The first worksheet of a written file saved as CSV by Excel: each cell as it shows, a
/// merged range's text in its first cell and its other cells empty.
pub fn saved_as_csv(bytes: &[u8]) -> String {
    use calamine::Reader;
    let table = jixiao::xlsx::read(bytes, "x.xlsx")
        .unwrap()
        .tables
        .remove(0);
    let mut rows = table.rows;
    let mut book = calamine::Xlsx::new(Cursor::new(bytes)).unwrap();
    for region in book.merge_cells_by_sheet_name(&table.name).unwrap() {
        for r in region.start.0..=region.end.0 {
            for c in region.start.1..=region.end.1 {
                let cell = rows
                    .get_mut(r as usize)
                    .and_then(|row| row.get_mut(c as usize));
                if let (Some(cell), false) = (cell, (r, c) == region.start) {
                    cell.clear();
                }
            }
        }
    }
    let quoted = |cell: &String| {
        if cell.contains([',', '"', '\n', '\r']) {
            format!("\"{}\"", cell.replace('"', "\"\""))
        } else {
            cell.clone()
        }
    };
    let lines: Vec<String> = rows
        .iter()
        .map(|row| row.iter().map(quoted).collect::<Vec<_>>().join(","))
        .collect();
    format!("\u{feff}{}\r\n", lines.join("\r\n"))
}

/// A file with cell `reference` (`L9`) of worksheet part `part` holding the number `value`
/// in number format `code` (`h:mm`), as Excel stores a time or a date typed there: the format
/// added to the styles, the number to the cell.
pub fn with_formatted_number(
    bytes: &[u8],
    part: &str,
    reference: &str,
    value: &str,
    code: &str,
) -> Vec<u8> {
    let count = |xml: &str, list: &str| -> usize {
        let at = xml.find(&format!("<{list} count=\"")).unwrap() + list.len() + 9;
        xml[at..at + xml[at..].find('"').unwrap()].parse().unwrap()
    };
    let added = std::cell::Cell::new(0);
    let styled = edited(bytes, "xl/styles.xml", |xml| {
        let formats = count(xml, "numFmts");
        let style = count(xml, "cellXfs");
        added.set(style);
        xml.replace(
            &format!("<numFmts count=\"{formats}\">"),
            &format!(
                "<numFmts count=\"{}\"><numFmt numFmtId=\"300\" formatCode=\"{code}\"/>",
                formats + 1
            ),
        )
        .replace(
            &format!("<cellXfs count=\"{style}\">"),
            &format!("<cellXfs count=\"{}\">", style + 1),
        )
        .replace(
            "</cellXfs>",
            "<xf numFmtId=\"300\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/></cellXfs>",
        )
    });
    let style = added.get();
    edited(&styled, part, |xml| {
        let (start, _, end) = cell_at(xml, reference);
        format!(
            "{}<c r=\"{reference}\" s=\"{style}\"><v>{value}</v></c>{}",
            &xml[..start],
            &xml[end..]
        )
    })
}
