//! Reading any cell that is not a plain number: full-width forms, words and units around the
//! number, Chinese numerals, and every error with its place.

use super::refusals::{approximation, check_surroundings, unpaired_bracket};
use super::words::{
    comparison_of, may_start_word, Found, COMPARISON_WORDS, NEXT_TO_THE_NUMBER_ONLY,
};
use super::{CellError, Quantity, Text, MAX_FRAC_DIGITS, MAX_INT_DIGITS, STACK_CHARS};
use crate::comparison::Comparison;
use crate::numerals;
use rust_decimal::Decimal;

/// What each normalized character of a cell turned out to be.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Role {
    Text,
    Keyword,
    Percent,
}

/// A run of characters that looks like an Arabic number.
#[derive(Clone, Copy)]
pub(super) struct Run {
    pub(super) start: usize,
    pub(super) end: usize,
}

pub(super) fn parse_general(chars: &[char]) -> Result<Quantity, CellError> {
    let mut stack = [Role::Text; STACK_CHARS];
    let mut heap = Vec::new();
    let roles: &mut [Role] = if chars.len() <= STACK_CHARS {
        &mut stack[..chars.len()]
    } else {
        heap.resize(chars.len(), Role::Text);
        &mut heap[..]
    };
    let mut found: [Found; 4] = [Found {
        start: 0,
        end: 0,
        comparison: Comparison::AtLeast,
        anywhere: false,
    }; 4];
    let mut words = 0;
    let mut percent = false;
    let mut percents = 0;
    // 百分之, 千分之 and 万分之: where the word is, and the sign it stands for. 千分之三 is 3‰ and
    // 万分之五 5‱, read as the figure written with the sign is (百分之五 is 5%).
    let mut fraction: Option<(usize, usize, char)> = None;

    // Comparison words and 百分之 first, so that their characters are not read as numerals.
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '%' {
            percent = true;
            percents += 1;
            roles[i] = Role::Percent;
            i += 1;
            continue;
        }
        if !may_start_word(c) {
            i += 1;
            continue;
        }
        if let Some((_, sign)) = [("百分之", '%'), ("千分之", '‰'), ("万分之", '‱')]
            .into_iter()
            .find(|(word, _)| starts_with(&chars[i..], word))
        {
            percent |= sign == '%';
            percents += 1;
            roles[i..i + 3].fill(Role::Keyword);
            fraction = Some((i, i + 3, sign));
            i += 3;
            continue;
        }
        if let Some((word, cmp)) = COMPARISON_WORDS
            .iter()
            .find(|(word, _)| starts_with(&chars[i..], word))
        {
            let len = word.chars().count();
            if let Some(slot) = found.get_mut(words) {
                *slot = Found {
                    start: i,
                    end: i + len,
                    comparison: *cmp,
                    anywhere: !NEXT_TO_THE_NUMBER_ONLY.contains(word),
                };
                words += 1;
            }
            roles[i..i + len].fill(Role::Keyword);
            i += len;
            continue;
        }
        i += 1;
    }

    let mut first = None;
    let mut runs = 0;
    let mut exponent = false;
    arabic_runs(chars, |run| {
        runs += 1;
        first.get_or_insert(run);
        exponent |= followed_by_exponent(chars, &run);
    });
    if exponent {
        return Err(CellError::Scientific);
    }
    // Several numbers say more than several % signs (`95%-100%` is a range).
    if percents > 1 && runs < 2 {
        return Err(CellError::SeveralPercents);
    }
    let (value, start, end, from_chinese_numeral) = match (runs, first) {
        (1, Some(run)) => {
            check_surroundings(chars, run)?;
            (
                read_number(chars[run.start..run.end].iter().copied())?,
                run.start,
                run.end,
                false,
            )
        }
        (0, _) => {
            let (value, start, end) = chinese_numeral(chars, roles)?;
            let (value, end) = size_kept_in_unit(chars, value, start, end);
            // A sign before a numeral is its own, as before digits: 负五 (-五) is −5.
            let signed = start > 0 && matches!(chars[start - 1], '-' | '+');
            let start = start - usize::from(signed);
            check_surroundings(chars, Run { start, end })?;
            let value = if chars[start] == '-' { -value } else { value };
            (value, start, end, true)
        }
        _ => {
            let mut texts = Vec::new();
            arabic_runs(chars, |r| {
                texts.push(chars[r.start..r.end].iter().collect())
            });
            return Err(CellError::SeveralNumbers(texts));
        }
    };

    if let Some(bracket) = unpaired_bracket(chars) {
        return Err(CellError::UnpairedBracket(bracket.to_string()));
    }
    let value = match fraction {
        Some((from, to, sign)) => {
            let mut value = value;
            let before = to <= start && chars[to..start].iter().all(|c| *c == ' ');
            if sign != '%' && !before {
                return Err(CellError::FractionWord(chars[from..to].iter().collect()));
            }
            // A sign before the word is the number's: -百分之5, 负百分之五.
            if before && from > 0 && matches!(chars[from - 1], '-' | '+') {
                if matches!(chars[start], '-' | '+') {
                    let text = chars[from - 1..end].iter().collect();
                    return Err(CellError::DoubleSign(text));
                }
                if chars[from - 1] == '-' {
                    value = -value;
                }
            }
            value
        }
        None => value,
    };
    let lead = match fraction {
        Some((from, to, _)) if to <= start => from,
        _ => start,
    };
    if let Some(e) = approximation(chars, |i| roles[i] == Role::Keyword, lead, end, value) {
        return Err(e);
    }
    // `3天内`, `3个工作日内`: 内 after a span of time is 以内.
    let mut comparison = comparison_of(&found[..words], chars, start, end);
    if let Some(word) = within(chars, roles, end) {
        roles[word].fill(Role::Keyword);
        comparison.get_or_insert(Comparison::AtMost);
    }

    let after: String = chars[end..]
        .iter()
        .zip(&roles[end..])
        .filter(|(_, role)| **role == Role::Text)
        .map(|(c, _)| *c)
        .collect();
    let after = after
        .trim_matches(|c: char| c.is_whitespace() || matches!(c, '.' | ',' | '，' | '、' | ';'));
    // 千分之三 has the unit of 3‰: the sign, then what follows the number.
    let unit: Text = match fraction {
        Some((_, _, sign)) if sign != '%' => format!("{sign}{after}").into(),
        _ => after.into(),
    };

    Ok(Quantity {
        value,
        percent,
        comparison,
        unit,
        from_chinese_numeral,
    })
}

/// Where a 内 that means 以内, or a 前 that means by a date, is: after the number and a span
/// of time or a count (`3天内`, `3个工作日内`, `2小时内`), 前 after a date only (`12月底前`,
/// `6月之前`; `3天前通知` is a lead time), and either ending the cell or followed by what is
/// done by then (`3天内完成`, `办结`, `到位`): not a word of its own (内设机构, 内审, 前后).
pub(super) fn within(
    chars: &[char],
    roles: &[Role],
    end: usize,
) -> Option<std::ops::RangeInclusive<usize>> {
    const MEASURE: &str = "天日月年周时小分钟秒个工作星期季度旬次件人户项底末号";
    const DATE: &str = "月日号底末年";
    let mut k = end;
    while k < chars.len()
        && k - end <= 6
        && roles[k] == Role::Text
        && (chars[k] == ' ' || MEASURE.contains(chars[k]))
    {
        k += 1;
    }
    let from = k;
    if matches!(chars.get(k), Some('之' | '以')) && chars.get(k + 1) == Some(&'前') {
        k += 1;
    }
    let word = *chars.get(k)?;
    let after_date = k > end && DATE.contains(chars[from - 1]);
    let meant = match word {
        '内' => from == k,
        '前' => after_date,
        _ => false,
    };
    let ends = chars
        .get(k + 1)
        .is_none_or(|c| "完办到结，,。；;、 )".contains(*c));
    (meant && ends && roles[k] == Role::Text).then_some(from..=k)
}

pub(super) fn starts_with(chars: &[char], word: &str) -> bool {
    let mut it = chars.iter();
    word.chars().all(|w| it.next() == Some(&w))
}

/// Visits the runs of digits (with `,` and `.` between digits) and the sign in front of each.
pub(super) fn arabic_runs(chars: &[char], mut visit: impl FnMut(Run)) {
    let digit = |i: usize| chars.get(i).is_some_and(|c| c.is_ascii_digit());
    let mut i = 0;
    while i < chars.len() {
        let starts = digit(i) || (chars[i] == '.' && digit(i + 1));
        if !starts {
            i += 1;
            continue;
        }
        let mut start = i;
        // A sign belongs to the number unless it sits between two numbers ("2-3", "95%-100%"
        // are ranges).
        let after_a_number = i > 1 && (chars[i - 2].is_ascii_digit() || chars[i - 2] == '%');
        if i > 0 && matches!(chars[i - 1], '-' | '+') && !after_a_number {
            start = i - 1;
        }
        let mut end = i;
        while end < chars.len() {
            let c = chars[end];
            if c.is_ascii_digit() || (matches!(c, ',' | '.') && digit(end + 1)) {
                end += 1;
            } else {
                break;
            }
        }
        visit(Run { start, end });
        i = end;
    }
}

/// `1e5`, `1E-3`: rejected as a whole instead of being read as two numbers.
pub(super) fn followed_by_exponent(chars: &[char], run: &Run) -> bool {
    if !matches!(chars.get(run.end), Some('e' | 'E')) {
        return false;
    }
    let mut k = run.end + 1;
    if matches!(chars.get(k), Some('+' | '-')) {
        k += 1;
    }
    chars.get(k).is_some_and(|c| c.is_ascii_digit())
}

/// Reads `[-+]D[D,]*[.D*]`: thousands separators must group by three, one decimal point at
/// most. The digits go straight into an integer mantissa with the scale as typed, so
/// `420.00` stays `420.00` and nothing is allocated.
pub(super) fn read_number(chars: impl Iterator<Item = char>) -> Result<Decimal, CellError> {
    let mut chars = chars.peekable();
    let negative = match chars.peek() {
        Some('-') => {
            chars.next();
            true
        }
        Some('+') => {
            chars.next();
            false
        }
        _ => false,
    };
    let mut mantissa: i128 = 0;
    let mut significant = 0usize; // integer digits after leading zeros
    let mut scale = 0usize;
    let mut in_fraction = false;
    let mut group = 0usize; // digits since the last comma (or the start)
    let mut commas = 0usize;
    for c in chars {
        match c {
            '0'..='9' => {
                let d = i128::from(c as u8 - b'0');
                if in_fraction {
                    scale += 1;
                    if scale > MAX_FRAC_DIGITS {
                        return Err(CellError::TooPrecise);
                    }
                } else {
                    group += 1;
                    if significant > 0 || d != 0 {
                        significant += 1;
                        if significant > MAX_INT_DIGITS {
                            return Err(CellError::TooLarge);
                        }
                    }
                }
                mantissa = mantissa * 10 + d;
            }
            ',' => {
                let bad_group = if commas == 0 {
                    !(1..=3).contains(&group)
                } else {
                    group != 3
                };
                if in_fraction || bad_group {
                    return Err(CellError::Grouping);
                }
                commas += 1;
                group = 0;
            }
            '.' => {
                if in_fraction {
                    return Err(CellError::SeveralDecimalPoints);
                }
                if commas > 0 && group != 3 {
                    return Err(CellError::Grouping);
                }
                in_fraction = true;
            }
            _ => return Err(CellError::NoNumber),
        }
    }
    if !in_fraction && commas > 0 && group != 3 {
        return Err(CellError::Grouping);
    }
    if negative {
        mantissa = -mantissa;
    }
    // At most 15 + 10 digits: always within Decimal's 28.
    Decimal::try_from_i128_with_scale(mantissa, scale as u32).map_err(|_| CellError::TooLarge)
}

/// A numeral ending in 万 or 亿 keeps that size in its unit, as a number in digits does:
/// 一千二百万 is 1200 and 万 like 1200万, 十二万人 12 and 万人 like 12万人. Read whole (12000000
/// and no unit), it was counted again in a row whose 计量单位 is 万元.
fn size_kept_in_unit(chars: &[char], value: Decimal, start: usize, end: usize) -> (Decimal, usize) {
    let power = match chars[..end].last() {
        Some('万') => 4,
        Some('亿') => 8,
        _ => return (value, end),
    };
    if end - start < 2 {
        return (value, end);
    }
    // The numeral's last step multiplied by that size, so the division is exact.
    let size = Decimal::from(10u64.pow(power));
    match value.checked_div(size) {
        Some(v) => (v.normalize(), end - 1),
        None => (value, end),
    }
}

/// With no Arabic digit in the cell, reads one Chinese numeral such as 三 in 不超过三天.
pub(super) fn chinese_numeral(
    chars: &[char],
    roles: &[Role],
) -> Result<(Decimal, usize, usize), CellError> {
    let mut found: Vec<(Decimal, usize, usize, String)> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if roles[i] == Role::Text && numerals::is_numeral_char(chars[i]) {
            let start = i;
            while i < chars.len() && roles[i] == Role::Text && numerals::is_numeral_char(chars[i]) {
                i += 1;
            }
            let text: String = chars[start..i].iter().collect();
            // 零点五, 三点二五: 点 between a numeral and digits is a decimal point (not in 两点,
            // 重点, 点位, 一点点, where no digit follows it).
            let digits = chars[(i + 1).min(chars.len())..]
                .iter()
                .zip(&roles[(i + 1).min(chars.len())..])
                .take_while(|(c, role)| **role == Role::Text && numerals::is_fraction_digit(**c))
                .count();
            if chars.get(i) == Some(&'点') && roles[i] == Role::Text && digits > 0 {
                let fraction = chars[i + 1..i + 1 + digits].iter().copied();
                let end = i + 1 + digits;
                let written: String = chars[start..end].iter().collect();
                if digits > MAX_FRAC_DIGITS {
                    return Err(CellError::TooPrecise);
                }
                if let Some(n) = numerals::parse_decimal(&text, fraction, MAX_FRAC_DIGITS as u32) {
                    found.push((n, start, end, written));
                    i = end;
                    continue;
                }
            }
            // A lone unit such as 万 in 万元 is part of a unit, not a number.
            if let Some(n) = numerals::parse(&text) {
                found.push((Decimal::from(n), start, i, text));
            }
        } else {
            i += 1;
        }
    }
    match found.len() {
        0 => Err(CellError::NoNumber),
        1 => {
            let (n, start, end, _) = found.pop().expect("one numeral");
            Ok((n, start, end))
        }
        _ => Err(CellError::SeveralNumbers(
            found.into_iter().map(|(_, _, _, t)| t).collect(),
        )),
    }
}
