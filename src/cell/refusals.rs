//! What makes a cell not a number, said at the cell: a spreadsheet's error value, a formula,
//! markup copied from a web page, and what is written right around a number that makes it
//! something else (`--5`, `(5)`, `A1`, an approximation such as `约100` or `100余人`).

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

/// A figure written as an approximation (概数), which no rule may score as exact: 约 or 近 (大约,
/// 将近, 接近, 约为, 约占 …), 逾, ≈ or ～ right before the number, 几 / 数 / 上 before its 十 百 千
/// 万 (`几十`, `数百`, `上千`); 余, 多, 来 or 几 right after it or its size (`100余人`, `10万多元`,
/// `100来人`, `十几人`, `3个多月`), or 余 / 多 ending the cell after a measure (`3天多`, `1年余`;
/// not `100万元结余`); 左右, 上下 or 出头 ending the cell (`3000户左右？`). 近100 is fewer than
/// 100, 100余 more and 约100 either: read as 100, a shortfall was scored as met, and a count of
/// 100余起 against ≤100起 as within it. Words that hold these characters are read as before
/// (节约100万元, 合约, 最近3年, 人数十五人, 余额, 多媒体, 多功能, 来自). `lead..end` is the number
/// as written (with 百分之 before it); `keyword` says which characters are comparison words.
pub(super) fn approximation(
    chars: &[char],
    keyword: impl Fn(usize) -> bool,
    lead: usize,
    end: usize,
) -> Option<CellError> {
    let text = |r: std::ops::Range<usize>| chars[r].iter().collect::<String>();
    let at = |i: usize, set: &str| {
        chars
            .get(i)
            .is_some_and(|c| set.contains(*c) && !keyword(i))
    };
    let mut words: [Option<std::ops::Range<usize>>; 2] = [None, None];
    // Before: skip blanks, then 约为 and the like, then 约 or 近 not ending another word.
    let mut k = chars[..lead]
        .iter()
        .rposition(|c| *c != ' ')
        .map_or(0, |i| i + 1);
    let to = k;
    if k >= 2 && at(k - 1, "为占达合计有") && chars[k - 2] == '约' {
        k -= 1;
    }
    let prev = |i: usize, set: &str| i > 0 && at(i - 1, set);
    let approximate = k >= 1
        && match chars[k - 1] {
            '约' => !prev(k - 1, "节预签履违合契公条制简集特邀缔相守践毁解续租立"),
            '近' => !prev(k - 1, "最附临就邻靠亲"),
            '逾' | '≈' | '~' => true,
            // 几十, 数百, 上千: tens, hundreds, thousands (not 人数十五人).
            '几' | '数' | '上' => {
                to == lead && at(lead, "十百千万亿") && !prev(k - 1, "人户次件项总")
            }
            _ => false,
        };
    if approximate && !keyword(k - 1) {
        let from = k - 1 - usize::from(prev(k - 1, "大将接"));
        words[0] = Some(from..to);
    }
    // After: 余, 多, 来 or 几 right after the number (its %, its 十 百 千 万 亿, its 个), not 余额
    // or 多媒体; or a word ending the cell.
    let mut k = end;
    while at(k, " %‰‱") {
        k += 1;
    }
    k += usize::from(at(k, "十百千万亿"));
    k += usize::from(at(k, "个"));
    let last = chars
        .iter()
        .rposition(|c| !" ?!.,;:、~".contains(*c))
        .map_or(0, |i| i + 1);
    if at(k, "余多来几") && !at(k + 1, "额媒功自源") {
        words[1] = Some(k..k + 1);
    } else if last > end + 1 && at(last - 1, "余多") && at(last - 2, "天日月年周时次件人户项元台套")
    {
        words[1] = Some(last - 1..last);
    } else if last >= end + 2
        && ["左右", "上下", "出头"].iter().any(|w| {
            w.chars()
                .zip(last - 2..)
                .all(|(c, i)| chars[i] == c && !keyword(i))
        })
    {
        words[1] = Some(last - 2..last);
    }
    let word = words
        .iter()
        .flatten()
        .map(|r| text(r.clone()))
        .collect::<Vec<_>>();
    if word.is_empty() {
        return None;
    }
    let exact = (0..last)
        .filter(|i| !words.iter().flatten().any(|r| r.contains(i)))
        .map(|i| chars[i])
        .collect::<String>();
    Some(CellError::Approximate(
        text(0..chars.len()),
        word.join("”“"),
        exact.trim().to_string(),
    ))
}
