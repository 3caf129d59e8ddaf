//! A returned form whose columns were moved in Excel: one inserted for the unit's own notes, two
//! swapped. Excel moves whole columns, so the columns of the form's header row, found again by
//! their headings, say where every row's cells went; put back in the form's order, the form
//! reads as written and its edits are taken as usual.

use super::super::form;
use super::super::read::Table;

/// `returned` with its columns in the order of `untouched`'s (the form as written), and the
/// headings of the columns it has besides, which the form does not read; `None` when its
/// columns are the form's already, or its header row cannot be found whole. A heading the form
/// uses twice (分值, 得分) is found in the order it comes.
pub(super) fn realigned(untouched: &Table, returned: &Table) -> Option<(Table, Vec<String>)> {
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
    let identity = source.iter().enumerate().all(|(j, &c)| j == c);
    if identity {
        return None;
    }
    let dropped = returned.rows[header]
        .iter()
        .enumerate()
        .filter(|&(c, text)| !source.contains(&c) && !text.trim().is_empty())
        .map(|(_, text)| text.trim().to_string())
        .collect();
    let width = untouched.rows.iter().map(Vec::len).max().unwrap_or(0);
    // Columns past the headings (none on the forms) stay where they are, after them.
    let source: Vec<usize> = source.into_iter().chain(headings.len()..width).collect();
    let rows = returned
        .rows
        .iter()
        .map(|row| {
            source
                .iter()
                .map(|&c| row.get(c).cloned().unwrap_or_default())
                .collect()
        })
        .collect();
    let typed_digits = returned
        .typed_digits
        .iter()
        .filter_map(|(r, c, text)| {
            let to = source.iter().position(|s| s == c)?;
            Some((*r, to, text.clone()))
        })
        .collect();
    Some((
        Table {
            name: returned.name.clone(),
            rows,
            merged_cells_blank: returned.merged_cells_blank,
            typed_digits,
        },
        dropped,
    ))
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
        let (back, dropped) = realigned(
            &table(&[&headers, &form_row]),
            &table(&[&["汇总表"], &moved, &moved_row]),
        )
        .unwrap();
        assert_eq!(back.rows[1], headers.map(String::from));
        assert_eq!(
            back.rows[2],
            row.iter().map(|c| c.to_string()).collect::<Vec<_>>()
        );
        assert_eq!(
            back.rows[0],
            vec!["汇总表".to_string()]
                .into_iter()
                .chain((1..11).map(|_| String::new()))
                .collect::<Vec<_>>()
        );
        assert_eq!(dropped, ["备注（单位）"]);
    }

    #[test]
    fn the_forms_own_columns_and_a_header_not_found_whole_are_left() {
        let headers = form::SUMMARY_HEADERS;
        let form = table(&[&headers]);
        assert_eq!(realigned(&form, &form), None);
        assert_eq!(realigned(&form, &table(&[&headers[..10]])), None);
    }
}
