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
/// 将近, 接近, 约为, 约占 …), 逾, 超 (not 赶超; 不超 is ≤), ≈ or ～ right before the number, 几 / 上 before its 十 百 千 万
/// (`几十`, `上千`), 数 there too unless it ends a word (人数, 天数: `天数十五天`) or the numeral
/// goes on (`数十五` is 数 + 十五); 余, 多 or 几 right after the number or its size (`100余人`,
/// `10万多元`, `十几人`), and after its 个 only before a span of time (`3个多月`; not
/// `2个多元化项目`), each followed by the end, a note in brackets (`100多(含)`) or a measure
/// (not 余额, 多媒体); 来 right after the
/// number alone (`100来人`; not `5个来访单位`); 余 / 多 ending the cell after a measure (`3天多`,
/// `1年余`; not `100万元结余`); 左右, 上下, 出头 or 前后 (`12月前后`) ending the cell, or 约 / 左右 … in brackets
/// there (`3000户左右…`, `3000户（左右）`, `100（约）`). 近 before a span of time is "the last":
/// `近5年`. 近100 is fewer than 100, 100余 more and 约100 either: read as 100, a shortfall was
/// scored as met, and a count of 100余起 against ≤100起 as within it. Words that hold these
/// characters are read as before (节约100万元, 失约3次, 最近3年, 余额, 多媒体, 来自). `lead..end`
/// is the number as written (with 百分之 before it), `value` what it reads as; `keyword` says
/// which characters are comparison words. The cell suggested is the cell without the words when
/// that reads as the same figure, else the figure alone.
pub(super) fn approximation(
    chars: &[char],
    keyword: impl Fn(usize) -> bool,
    lead: usize,
    end: usize,
    value: rust_decimal::Decimal,
) -> Option<CellError> {
    /// What may follow 余 or 多 (人, 元, 万, 小时 …): a measure's first character.
    const MEASURE: &str =
        "人户次件项元台套个名家所场批篇份辆座间条处位例起天日月年周时小期平公千万亿米吨亩";
    let text = |r: std::ops::Range<usize>| chars[r].iter().collect::<String>();
    let at = |i: usize, set: &str| {
        chars
            .get(i)
            .is_some_and(|c| set.contains(*c) && !keyword(i))
    };
    // Each word: what is taken out of the cell, and what is said.
    type Span = std::ops::Range<usize>;
    let mut words: [Option<(Span, Span)>; 3] = [None, None, None];
    // After the number: its %, its 十 百 千 万 亿, its 个.
    let mut k = end;
    while at(k, " %‰‱") {
        k += 1;
    }
    let sized = at(k, "十百千万亿");
    k += usize::from(sized);
    let counted = at(k, "个");
    k += usize::from(counted);
    // The cell's end, before what closes a sentence or a bracket.
    let last = chars
        .iter()
        .rposition(|c| !" ?!.,;:、~…)]".contains(*c))
        .map_or(0, |i| i + 1);
    // Before: skip blanks, then 约为 and the like, then 约 or 近 not ending another word.
    let mut b = chars[..lead]
        .iter()
        .rposition(|c| *c != ' ')
        .map_or(0, |i| i + 1);
    let to = b;
    if b >= 2 && at(b - 1, "为占达合计有") && chars[b - 2] == '约' {
        b -= 1;
    }
    let prev = |i: usize, set: &str| i > 0 && at(i - 1, set);
    let in_word = |i: usize| {
        i > 0 && ('\u{4e00}'..='\u{9fff}').contains(&chars[i - 1]) && !prev(i, "约近有达共")
    };
    let approximate = b >= 1
        && match chars[b - 1] {
            '约' => !prev(
                b - 1,
                "节预签履违合契公条制简集特邀缔相守践毁解续租立失爽赴如",
            ),
            // 近5年, 近三个月: the last five years.
            '近' => !prev(b - 1, "最附临就邻靠亲") && !at(k, "年月日天周期"),
            '逾' | '≈' | '~' => true,
            // 超100人, 超1.2亿元: more than. In 不超100人 and 未超100人 the 超 is a comparison
            // word's (≤), not this.
            '超' => !prev(b - 1, "赶"),
            // 几十, 数百, 上千: tens, hundreds, thousands (not 人数十五人, 天数十五天).
            '几' | '上' => to == lead && at(lead, "十百千万亿") && !prev(b - 1, "人户次件项总"),
            '数' => {
                to == lead
                    && at(lead, "十百千万亿")
                    && !in_word(b - 1)
                    && !at(lead + 1, "一二三四五六七八九两零")
            }
            _ => false,
        };
    if approximate && !keyword(b - 1) {
        let from = b - 1 - usize::from(prev(b - 1, "大将接"));
        words[0] = Some((from..to, from..to));
    }
    // Right after: 余, 多 or 几 before the end or a measure (a span of time after 个); 来 after
    // the number alone.
    let next = k + 1;
    let measured = next >= last
        || at(next, "(")
        || if counted {
            at(next, "月小星钟礼")
        } else {
            at(next, MEASURE)
        };
    if (at(k, "余多几") && measured) || (at(k, "来") && !counted && measured) {
        words[1] = Some((k..next, k..next));
    }
    // Ending the cell: 余 / 多 after a measure, 左右, 上下, 出头 or 前后, or 约 … in brackets.
    let ending = |w: &str| {
        let n = w.chars().count();
        last >= end + n
            && w.chars()
                .zip(last - n..)
                .all(|(c, i)| chars[i] == c && !keyword(i))
    };
    if last > end + 1 && at(last - 1, "余多") && at(last - 2, "天日月年周时次件人户项元台套")
    {
        words[2] = Some((last - 1..last, last - 1..last));
    } else if let Some(w) = ["左右", "上下", "出头", "前后", "大约", "约", "余", "多"]
        .iter()
        .find(|w| ending(w))
    {
        let from = last - w.chars().count();
        let bracketed = from > end && chars[from - 1] == '(' && chars.get(last) == Some(&')');
        if bracketed {
            words[2] = Some((from - 1..last + 1, from..last));
        } else if w.chars().count() == 2 {
            words[2] = Some((from..last, from..last));
        }
    }
    if words[1].as_ref().map(|w| w.0.start) == words[2].as_ref().map(|w| w.0.start) {
        words[2] = None;
    }
    let word = words
        .iter()
        .flatten()
        .map(|(_, said)| text(said.clone()))
        .collect::<Vec<_>>();
    if word.is_empty() {
        return None;
    }
    let kept = chars
        .iter()
        .rposition(|c| !" ?!.,;:、~…".contains(*c))
        .map_or(0, |i| i + 1);
    let without = (0..kept)
        .filter(|i| !words.iter().flatten().any(|(r, _)| r.contains(i)))
        .map(|i| chars[i])
        .collect::<String>();
    let without = without.trim();
    let without = without
        .strip_prefix('(')
        .and_then(|w| w.strip_suffix(')'))
        .unwrap_or(without);
    // The cell without the words, if it reads as the figure (not 培训天十五天, 2个元化项目).
    let reads =
        matches!(super::parse_cell(without), Ok(super::Cell::Number(q)) if q.value == value);
    let exact = if reads {
        without.to_string()
    } else {
        let mut k = end;
        while at(k, "%‰‱") {
            k += 1;
        }
        text(lead..k)
    };
    // 数十人, 上千人, 十几人: no figure to give as an example (十人 is none of them).
    let digits = word
        .iter()
        .any(|w| ["数", "几", "上"].contains(&w.as_str()));
    Some(CellError::Approximate(
        text(0..chars.len()),
        word.join("”“"),
        if digits {
            String::new()
        } else {
            format!("，如“{exact}”")
        },
    ))
}
