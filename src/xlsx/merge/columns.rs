//! A returned form whose columns were moved in Excel: one inserted for the unit's own notes, two
//! swapped. Excel moves whole columns, so the columns of the form's header row, found again by
//! their headings, say where every row's cells went; put back in the form's order, the form
//! reads as written and its edits are taken as usual.

use super::super::form;
use super::super::read::Table;

/// What the columns of a returned form say: `returned` with them put back in the order of
/// `untouched`'s (the form as written) when they were moved (`None` when they are the form's
/// already), and the columns it has besides, which the form does not read, each named by its
/// heading (or its letter, without one) where anything is written under it. `None` when its
/// header row cannot be found whole, or the 资金 block above it did not move with the table
/// (cells inserted in the table alone): the form cannot then be read in its own order. A
/// heading the form uses twice (分值, 得分) is found in the order it comes.
pub(super) fn realigned(
    untouched: &Table,
    returned: &Table,
) -> Option<(Option<Table>, Vec<String>)> {
    let headings = untouched.rows.iter().find_map(|row| {
        [&form::INDICATOR_HEADERS[..], &form::SUMMARY_HEADERS[..]]
            .into_iter()
            .find(|headers| {
                row.len() >= headers.len() && row.iter().zip(headers.iter()).all(|(c, h)| c == h)
            })
    })?;
    let (header, source) = returned
        .rows
        .iter()
        .enumerate()
        .find_map(|(r, row)| Some((r, columns_of(headings, row)?)))?;
    let width = untouched.rows.iter().map(Vec::len).max().unwrap_or(0);
    // Columns past the headings (none on the forms) stay where they are, after them.
    let source: Vec<usize> = source.into_iter().chain(headings.len()..width).collect();
    // The columns anything is written in under the header, found in one pass over the cells
    // (a stray cell at XFD1048576 makes 16,384 columns of a million rows).
    let widest = returned.rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut used = vec![false; widest];
    for row in &returned.rows[header + 1..] {
        for (c, text) in row.iter().enumerate() {
            used[c] |= !text.trim().is_empty();
        }
    }
    let left = (0..widest)
        .filter(|&c| used[c] && !source.contains(&c))
        .map(|c| match returned.rows[header].get(c).map(|h| h.trim()) {
            Some(heading) if !heading.is_empty() => heading.to_string(),
            _ => format!("{}列", column_letters(c)),
        })
        .collect();
    if source.iter().enumerate().all(|(j, &c)| j == c) {
        return Some((None, left));
    }
    let moved = |row: &Vec<String>| -> Vec<String> {
        source
            .iter()
            .map(|&c| row.get(c).cloned().unwrap_or_default())
            .collect()
    };
    let funds_heading = |t: &Table| {
        t.rows
            .iter()
            .position(|r| r.iter().any(|c| c == "年初预算数"))
    };
    if let Some(at) = funds_heading(untouched) {
        let moved_with = funds_heading(returned)
            .is_some_and(|r| r < header && moved(&returned.rows[r]) == untouched.rows[at]);
        if !moved_with {
            return None;
        }
    }
    let typed_digits = returned
        .typed_digits
        .iter()
        .filter_map(|(r, c, text)| {
            let to = source.iter().position(|s| s == c)?;
            Some((*r, to, text.clone()))
        })
        .collect();
    // Each column of a merged region where its column is put back.
    let source = &source;
    let merged_down = returned
        .merged_down
        .iter()
        .flat_map(|&[top, left, bottom, right]| {
            (left..=right).filter_map(move |c| {
                let to = source.iter().position(|s| *s == c)?;
                Some([top, to, bottom, to])
            })
        })
        .collect();
    let table = Table {
        name: returned.name.clone(),
        rows: returned.rows.iter().map(moved).collect(),
        merged_cells_blank: returned.merged_cells_blank,
        typed_digits,
        merged_down,
    };
    Some((Some(table), left))
}

/// A column's letters as Excel names it: 0 is A, 17 is R, 26 is AA.
fn column_letters(mut c: usize) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(char::from(b'A' + (c % 26) as u8));
        if c < 26 {
            break;
        }
        c = c / 26 - 1;
    }
    letters.iter().rev().collect()
}

/// Where each of `headings` is in `row`, the n-th of a repeated heading at its n-th place;
/// `None` unless every one is there.
fn columns_of(headings: &[&str], row: &[String]) -> Option<Vec<usize>> {
    let mut taken = vec![false; row.len()];
    headings
        .iter()
        .map(|h| {
            let c = (0..row.len()).find(|&c| !taken[c] && row[c].trim() == *h)?;
            taken[c] = true;
            Some(c)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(rows: &[&[&str]]) -> Table {
        Table {
            name: "自评表".into(),
            rows: rows
                .iter()
                .map(|r| r.iter().map(|c| c.to_string()).collect())
                .collect(),
            merged_cells_blank: false,
            typed_digits: Vec::new(),
            merged_down: Vec::new(),
        }
    }

    #[test]
    fn a_column_inserted_and_two_swapped_are_put_back() {
        let headers = form::SUMMARY_HEADERS;
        let mut moved: Vec<&str> = headers.to_vec();
        moved.insert(3, "备注（单位）");
        moved.swap(9, 10);
        let form_row: Vec<&str> = (0..headers.len()).map(|_| "x").collect();
        let mut row: Vec<&str> = headers.to_vec();
        row[4] = "100";
        let mut moved_row = row.clone();
        moved_row.insert(3, "自己的备注");
        moved_row.swap(9, 10);
        let (back, left) = realigned(
            &table(&[&headers, &form_row]),
            &table(&[&["汇总表"], &moved, &moved_row]),
        )
        .unwrap();
        let back = back.unwrap();
        assert_eq!(back.rows[1], headers.map(String::from));
        assert_eq!(
            back.rows[2],
            row.iter().map(|c| c.to_string()).collect::<Vec<_>>()
        );
        assert_eq!(back.rows[0][0], "汇总表");
        assert_eq!(left, ["备注（单位）"]);
    }

    #[test]
    fn a_column_after_the_forms_is_named_by_its_heading_or_letter() {
        let headers = form::SUMMARY_HEADERS;
        let mut after: Vec<&str> = headers.to_vec();
        after.extend(["单位备注", ""]);
        let mut row: Vec<&str> = headers.to_vec();
        row.extend(["", "写在无标题的列"]);
        let (back, left) = realigned(&table(&[&headers]), &table(&[&after, &row])).unwrap();
        assert_eq!(back, None, "the form's own columns, where it put them");
        assert_eq!(left, ["M列"], "an empty column is not named");
    }

    #[test]
    fn the_forms_own_columns_and_a_header_not_found_whole_are_left() {
        let headers = form::SUMMARY_HEADERS;
        let form = table(&[&headers]);
        assert_eq!(realigned(&form, &form), Some((None, Vec::new())));
        assert_eq!(realigned(&form, &table(&[&headers[..10]])), None);
    }

    #[test]
    fn columns() {
        assert_eq!(
            [0, 11, 17, 25, 26, 27, 51, 52].map(column_letters),
            ["A", "L", "R", "Z", "AA", "AB", "AZ", "BA"]
        );
    }
}
