//! What makes a cell not a number, said at the cell: a spreadsheet's error value, a formula,
//! markup copied from a web page, and what is written right around a number that makes it
//! something else (`--5`, `(5)`, `A1`).

use super::general::Run;
use super::CellError;

/// The error values Excel and WPS show in a cell whose formula failed.
pub(super) const SPREADSHEET_ERRORS: [&str; 10] = [
    "#DIV/0!",
    "#N/A",
    "#NAME?",
    "#NULL!",
    "#NUM!",
    "#REF!",
    "#VALUE!",
    "#SPILL!",
    "#CALC!",
    "#GETTING_DATA",
];

/// `#DIV/0!` and the like, in any case, as pasted.
pub(super) fn spreadsheet_error(chars: &[char]) -> Option<String> {
    if chars.first() != Some(&'#') || chars.len() > 13 {
        return None;
    }
    // ASCII only: full-width forms are already folded, and Unicode case tables cost the wasm
    // module some 14 KB.
    let text: String = chars.iter().map(char::to_ascii_uppercase).collect();
    SPREADSHEET_ERRORS
        .iter()
        .find(|e| **e == text)
        .map(|e| e.to_string())
}

/// Text that Excel runs as a formula, copied as text: `@…`, `=SUM(…)`, `+A1`, `=385+23.5`.
/// A comparison written with `=` (`=100%`, `=-5`) has no letter and no arithmetic and is not
/// one, nor is `-Infinity`.
pub(super) fn is_formula(chars: &[char]) -> bool {
    match chars {
        ['@', ..] => true,
        ['=', rest @ ..] => {
            // Arithmetic between figures: 12/年 and 1次/月 are rates, not divisions.
            rest.iter().any(char::is_ascii_alphabetic)
                || rest.windows(3).any(|w| {
                    w[0].is_ascii_digit()
                        && matches!(w[1], '+' | '-' | '*' | '/' | '^')
                        && (w[2].is_ascii_digit() || w[2] == '(')
                })
        }
        ['+' | '-', next, rest @ ..] => {
            next.is_ascii_alphabetic()
                && (rest.contains(&'(')
                    || rest.first().is_some_and(char::is_ascii_digit)
                    || rest
                        .windows(2)
                        .any(|w| w[0].is_ascii_alphabetic() && w[1].is_ascii_digit()))
        }
        _ => false,
    }
}

/// A date as a spreadsheet writes one: `2024-01-05` or `2024/1/5`, a time after it allowed.
pub(super) fn is_date(chars: &[char]) -> bool {
    let digits = |part: &[char], range: std::ops::RangeInclusive<usize>| {
        range.contains(&part.len()) && part.iter().all(char::is_ascii_digit)
    };
    let (day, time) = match chars.iter().position(|&c| c == ' ') {
        Some(at) => (&chars[..at], Some(&chars[at + 1..])),
        None => (chars, None),
    };
    let time_ok = time.is_none_or(|t| {
        let parts: Vec<&[char]> = t.split(|&c| c == ':').collect();
        (2..=3).contains(&parts.len()) && parts.iter().all(|p| digits(p, 1..=2))
    });
    let date_ok = ['-', '/'].iter().any(|&sep| {
        let parts: Vec<&[char]> = day.split(|&c| c == sep).collect();
        parts.len() == 3
            && digits(parts[0], 4..=4)
            && digits(parts[1], 1..=2)
            && digits(parts[2], 1..=2)
    });
    date_ok && time_ok
}

/// A time or duration as a spreadsheet writes one: `12:30`, `1:30`, `100:05:09`, `-1:30`.
pub(super) fn is_time(chars: &[char]) -> bool {
    let chars = chars.strip_prefix(&['-']).unwrap_or(chars);
    let mut parts = chars.split(|&c| c == ':');
    let hours = parts.next().unwrap_or_default();
    let rest: Vec<&[char]> = parts.collect();
    !hours.is_empty()
        && hours.iter().all(char::is_ascii_digit)
        && (1..=2).contains(&rest.len())
        && rest
            .iter()
            .all(|p| p.len() == 2 && p.iter().all(char::is_ascii_digit))
}

/// The first HTML tag in a cell (`<b>`, `</td>`), as copied from a web page. `<5`, `< 5天` and
/// `<=` are comparisons: a tag starts with a letter.
pub(super) fn markup(chars: &[char]) -> Option<String> {
    chars.iter().enumerate().find_map(|(i, &c)| {
        if c != '<' {
            return None;
        }
        let name = i + 1 + usize::from(chars.get(i + 1) == Some(&'/'));
        if !chars.get(name).is_some_and(char::is_ascii_alphabetic) {
            return None;
        }
        let close = chars[name..].iter().take(64).position(|&c| c == '>')?;
        Some(chars[i..=name + close].iter().collect())
    })
}

/// What is written right around a number that makes it something else: a second sign (`--5`),
/// accounting brackets (`(5)`, −5 or a note: either is a guess), a letter (`A1`).
pub(super) fn check_surroundings(chars: &[char], run: Run) -> Result<(), CellError> {
    let signed = matches!(chars[run.start], '-' | '+');
    let before = run.start.checked_sub(1).map(|i| chars[i]);
    let text = |from: usize, to: usize| chars[from..to].iter().collect::<String>();
    if signed && matches!(before, Some('-' | '+')) {
        return Err(CellError::DoubleSign(text(run.start - 1, run.end)));
    }
    let bracketed = matches!(
        (before, chars.get(run.end)),
        (Some('('), Some(')')) | (Some('['), Some(']'))
    );
    if bracketed {
        let digits = text(run.start + usize::from(signed), run.end);
        return Err(CellError::Parenthesized(
            text(run.start - 1, run.end + 1),
            digits,
        ));
    }
    let rest = &chars[run.end..];
    if rest.iter().any(|c| matches!(c, '-' | '+'))
        && rest.iter().all(|c| matches!(c, '-' | '+' | ' '))
    {
        let digits = text(run.start + usize::from(signed), run.end);
        let last = chars.len() - rest.iter().rev().take_while(|c| **c == ' ').count();
        return Err(CellError::TrailingSign(text(run.start, last), digits));
    }
    if !signed && before.is_some_and(|c| c.is_ascii_alphabetic()) {
        let word = chars[..run.start]
            .iter()
            .rposition(|c| !c.is_ascii_alphanumeric())
            .map_or(0, |i| i + 1);
        return Err(CellError::AfterLetter(text(word, run.end)));
    }
    Ok(())
}

/// The first bracket that closes nothing, or the last that is never closed.
pub(super) fn unpaired_bracket(chars: &[char]) -> Option<char> {
    let mut open = Vec::new();
    for &c in chars {
        match c {
            '(' | '[' => open.push(c),
            ')' | ']' if open.pop().is_none() => return Some(c),
            _ => {}
        }
    }
    open.pop()
}
