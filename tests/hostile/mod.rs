//! Small .xlsx files that once broke the reader: stray cells far from the table, and a part
//! that says it unpacks to hundreds of MB (a zip bomb), made from a written file.
#![allow(dead_code)]

/// A written .xlsx with more cells in its first worksheet, below its rows, as stray cells
/// typed far from the table: each by its row number and its name (`XFD1048576`), in order.
pub fn with_cells_at(bytes: &[u8], cells: &[(u32, String)]) -> Vec<u8> {
    super::excel::edited(bytes, &super::excel::worksheet_part(1), |xml| {
        let rows: String = cells
            .iter()
            .map(|(row, name)| {
                format!(
                    "<row r=\"{row}\"><c r=\"{name}\" t=\"inlineStr\"><is><t>末格</t></is></c></row>"
                )
            })
            .collect();
        xml.replace("</sheetData>", &format!("{rows}</sheetData>"))
    })
}

/// A written .xlsx with one more cell, as [`with_cells_at`].
pub fn with_cell_at(bytes: &[u8], row: u32, name: &str) -> Vec<u8> {
    with_cells_at(bytes, &[(row, name.to_string())])
}

/// A written .xlsx whose `part` says, in both of the zip's headers, that it unpacks to `size`
/// bytes, as a zip bomb's does (its content left as it is).
pub fn declaring(bytes: &[u8], part: &str, size: u32) -> Vec<u8> {
    let mut bytes = bytes.to_vec();
    let name = part.as_bytes();
    let mut patched = 0;
    for i in 0..bytes.len().saturating_sub(46) {
        // (where the unpacked size is, where the name's length is, where the name is)
        let (size_at, length_at, name_at) = match &bytes[i..i + 4] {
            b"PK\x03\x04" => (22, 26, 30),
            b"PK\x01\x02" => (24, 28, 46),
            _ => continue,
        };
        let length = usize::from(u16::from_le_bytes([
            bytes[i + length_at],
            bytes[i + length_at + 1],
        ]));
        if bytes.get(i + name_at..i + name_at + length) == Some(name) {
            bytes[i + size_at..i + size_at + 4].copy_from_slice(&size.to_le_bytes());
            patched += 1;
        }
    }
    assert_eq!(patched, 2, "{part} in both headers");
    bytes
}
