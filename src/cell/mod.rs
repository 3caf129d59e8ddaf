//! Reading one cell as people type or paste it (DOMAIN.md §3).
//!
//! Accepted: `23,460.84`, `96.25%`, full-width digits and punctuation (`９６．２５％`),
//! surrounding spaces, comparison words around the number (`≥90分`, `95%以上`, `不超过三天`,
//! `一年事故次数低于 3次`), Chinese numerals when no Arabic digit is present, and dashes, `/` or
//! nothing at all for "not filled". Anything else, an approximation too (`约100`, `近100`,
//! `100余人`, `3000户左右`), is a [`CellError`] whose message (Chinese) is shown at the cell.

use crate::comparison::Comparison;
use rust_decimal::Decimal;
use thiserror::Error;

mod general;
mod plain;
mod refusals;
pub mod unit_size;
mod words;

pub(crate) use words::comparison_word;

use general::{parse_general, starts_with};
use plain::fast_plain_number;
use refusals::{is_date, is_formula, is_time, markup, spreadsheet_error};

/// The text of an indicator's cell. Most cells are short (a number, a percentage, a short
/// name: 12 bytes hold `87,354.08`, `≥95%` or four Chinese characters), and such a text is
/// kept in the value itself, not in an allocation of its own: a sheet of 10,000 indicators
/// holds some 80,000 cell texts, and in the browser's first load every allocation is paid.
pub type Text = compact_str::CompactString;

/// Longest cell text read at all; a pasted document in one cell is an error, not work.
pub const MAX_CELL_CHARS: usize = 500;
/// Digits before the decimal point; 10¹⁵ 万元 is far beyond any budget and keeps products exact.
pub const MAX_INT_DIGITS: usize = 15;
/// Digits after the decimal point.
pub const MAX_FRAC_DIGITS: usize = 10;

/// A number read from a cell, with what was written around it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quantity {
    pub value: Decimal,
    /// Written with `%` (or 百分之): the value is the percentage as written (96.25, not 0.9625).
    pub percent: bool,
    /// A comparison written in the cell itself, e.g. `≥` from `≥90分` or from `95%以上`.
    pub comparison: Option<Comparison>,
    /// Text after the number, e.g. `分`, `天`, `万元` (kept inline, as a cell's text is: most
    /// cells have none, and a cell read in passing then frees nothing).
    pub unit: Text,
    /// Read from Chinese numerals (`三`): shown back to the user so a misreading is visible.
    pub from_chinese_numeral: bool,
}

/// What a cell holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Cell {
    /// Empty, a dash (`—`, `——`, `-`) or `/`: not filled / not applicable.
    Blank,
    Number(Quantity),
}

impl Cell {
    pub fn number(&self) -> Option<&Quantity> {
        match self {
            Cell::Number(q) => Some(q),
            Cell::Blank => None,
        }
    }
}

/// Why a cell could not be read. The message is what the user sees at the cell.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum CellError {
    #[error("没有找到数字")]
    NoNumber,
    #[error("含有多个数字（{}），无法判断取哪一个", .0.join("、"))]
    SeveralNumbers(Vec<String>),
    #[error("不支持科学计数法（如 1e5），请写出完整数字")]
    Scientific,
    #[error("千分位逗号位置不对，应每三位一个（如 23,460.84）")]
    Grouping,
    #[error("数字格式不对：小数点多于一个")]
    SeveralDecimalPoints,
    #[error("数字太大：整数部分超过{MAX_INT_DIGITS}位，超出可计算范围")]
    TooLarge,
    #[error("小数位数太多：超过{MAX_FRAC_DIGITS}位")]
    TooPrecise,
    #[error("内容太长（超过{MAX_CELL_CHARS}个字符），请只填写数字")]
    TooLong,
    /// A formula error copied out of Excel (`#DIV/0!`): its digits are not a value.
    #[error("这是 Excel 公式的错误值 {0}，不是数字：请先在 Excel 中修正公式，或直接填写数值")]
    SpreadsheetError(String),
    /// A formula copied as text (`=SUM(A1:A3)`, `@SUM(A1)`), or saved in a file without its
    /// result (a program other than Excel wrote it): its digits are a cell address.
    #[error(
        "这是 Excel 公式（{0}），不是数值：请直接填写数值；从 Excel 复制时请用“选择性粘贴 → 数值”，文件中的公式没有保存结果时，请在 Excel 或 WPS 中打开并保存后重新导入"
    )]
    Formula(String),
    /// `--5`, `+-5`: a sign typed twice; which one was meant is a guess.
    #[error("数字前有两个正负号（{0}）：请只保留一个，负数写作 -5")]
    DoubleSign(String),
    /// `80-`: a sign after the number, as some accounting exports write a negative.
    #[error("数字后面的正负号（{0}）无法识别：负数请写作 -{1}")]
    TrailingSign(String, String),
    /// `(5)`: accounting notation for −5, or a note in brackets; either reading is a guess.
    #[error("括号中的数字（{0}）在会计记法中表示负数：如是负数请写作 -{1}，否则请去掉括号")]
    Parenthesized(String, String),
    /// Digits right after a letter (`A1`, `PM2.5`): a cell address or a code, not a value.
    #[error("“{0}”中的数字紧跟在字母后面（像单元格地址或编号），不是数值：请只填写数值")]
    AfterLetter(String),
    /// HTML copied from a web page (`<b>80</b>`).
    #[error("含有网页标记（{0}）：请只粘贴文字内容")]
    Markup(String),
    /// `5%%`.
    #[error("百分号多于一个：请只写一个（如 95%）")]
    SeveralPercents,
    /// A bracket that closes nothing (`5)`).
    #[error("括号不成对（{0}）：请检查内容，只填写数值")]
    UnpairedBracket(String),
    /// A date (`2024-01-05`, `2024/1/5`): what a spreadsheet's date cell reads as, and what it
    /// makes of `1/2` typed where a number was meant.
    #[error(
        "“{0}”是日期，不是数值：如原本填的是数字（Excel 会把 1/2 这类输入当成日期），请把单元格设为“文本”后重新填写；时效指标请填写天数等数值"
    )]
    Date(String),
    /// A time or duration (`12:30`, `1:30`): what a spreadsheet's time cell reads as, and what
    /// it makes of a ratio typed as `1:30`. Its digits are no one count.
    #[error(
        "“{0}”是时间，不是数值（Excel 会把 1:30 这类输入当成时间）：时长请换算成一个数值填写，如 1 小时 30 分钟写作 1.5 并把计量单位写作“小时”；如原本填的是比例，请换算成一个数值"
    )]
    Time(String),
    /// `5千分之`: 千分之 and 万分之 say how the number after them counts.
    #[error("“{0}”后面没有数字：请把数字写在它后面（如 {0}三、{0}3）")]
    FractionWord(String),
    /// A figure written as an approximation (`约100`, `近100`, `100余人`, `3000户左右`): the
    /// cell as read, the word, and the cell without it as an example (`，如“100”`), none where
    /// the word stands for digits (`数十人`, `上千人`).
    #[error("“{0}”是概数（“{1}”），不能当作确切数值计分：请按实际填写确切数值{2}")]
    Approximate(String, String, String),
    /// A 定性 level word (`一般`, `达成`): never a number, whatever numeral it contains.
    #[error(
        "“{0}”是定性评价的用语，不是数值：请填写数值；如此指标按定性评价，请把比较方式设为“定性”"
    )]
    LevelWord(String),
}

/// Whether a cell holds nothing but blanks: `text.trim().is_empty()`, told from the first
/// character that is not a blank instead of trimming both ends (a filled cell, such as a
/// 偏差原因, is told by its first character).
pub fn is_blank_text(text: &str) -> bool {
    text.chars().all(char::is_whitespace)
}

/// A 计量单位 cell as it reads after a figure: none where it says "nothing here" (`/`, `—`,
/// `无`), `%` for `百分比`; else as typed, trimmed.
pub fn row_unit(unit: &str) -> &str {
    let unit = unit.trim();
    match unit {
        "百分比" | "百分率" => "%",
        "无" => "",
        _ if matches!(parse_cell(unit), Ok(Cell::Blank)) => "",
        _ => unit,
    }
}

/// Reads a cell.
pub fn parse_cell(text: &str) -> Result<Cell, CellError> {
    if text.is_empty() {
        return Ok(Cell::Blank);
    }
    match fast_plain_number(text.as_bytes()) {
        Some((value, percent)) => Ok(Cell::Number(Quantity {
            value,
            percent,
            comparison: None,
            unit: Text::const_new(""),
            from_chinese_numeral: false,
        })),
        None => parse_cell_general(text),
    }
}

/// Everything [`fast_plain_number`] does not take: words, units, full-width forms, blanks and
/// every error. Kept out of line so that the path nearly every cell takes stays a small
/// function, which the browser's baseline compiler runs fast and its optimizing compiler
/// compiles in little time (a loaded sheet of 10,000 indicators reads some 40,000 cells).
#[inline(never)]
fn parse_cell_general(text: &str) -> Result<Cell, CellError> {
    if text.len() > MAX_CELL_CHARS * 4 {
        return Err(CellError::TooLong);
    }
    let count = text.chars().count();
    if count > MAX_CELL_CHARS {
        return Err(CellError::TooLong);
    }
    // Short cells, nearly all of them, are read without touching the heap.
    let mut stack = [' '; STACK_CHARS];
    let mut heap = Vec::new();
    let chars: &mut [char] = if count <= STACK_CHARS {
        &mut stack[..count]
    } else {
        heap.resize(count, ' ');
        &mut heap[..]
    };
    for (slot, c) in chars.iter_mut().zip(text.chars()) {
        *slot = normalize_char(c);
    }
    let chars = trim_mut(chars);
    // 负80 is −80, 负五 −5, 负百分之五 −5% (at the start, or right after 百分之: 正负5% is a
    // range, 抱负 a word).
    let at = match chars {
        [a, b, '之', ..] if "百千万".contains(*a) && *b == '分' => 3,
        _ => 0,
    };
    if let ['负', next, ..] = chars[at.min(chars.len())..] {
        if next.is_ascii_digit() || crate::numerals::is_numeral_char(next) {
            chars[at] = '-';
        }
    }
    let chars: &[char] = chars;
    if is_blank(chars) {
        return Ok(Cell::Blank);
    }
    if let Some(e) = spreadsheet_error(chars) {
        return Err(CellError::SpreadsheetError(e));
    }
    if is_formula(chars) {
        return Err(CellError::Formula(chars.iter().collect()));
    }
    if let Some(tag) = markup(chars) {
        return Err(CellError::Markup(tag));
    }
    if is_date(chars) {
        return Err(CellError::Date(chars.iter().collect()));
    }
    if is_time(chars) {
        return Err(CellError::Time(chars.iter().collect()));
    }
    // No level word has a digit: a cell with one (nearly every cell here) is not looked up.
    if chars.len() <= LONGEST_LEVEL_WORD && !chars.iter().any(char::is_ascii_digit) {
        let text: String = chars.iter().collect();
        if crate::rules::Level::parse(&text).is_some() {
            return Err(CellError::LevelWord(text));
        }
    }
    parse_general(chars).map(Cell::Number)
}

/// The longest word [`crate::rules::Level::parse`] reads, in characters.
const LONGEST_LEVEL_WORD: usize = 16;

/// Cells up to this many characters are read in a stack buffer.
const STACK_CHARS: usize = 64;

/// Reads a cell that must hold a number (weights, points, thresholds): blank is `None`.
pub fn parse_number(text: &str) -> Result<Option<Quantity>, CellError> {
    Ok(match parse_cell(text)? {
        Cell::Blank => None,
        Cell::Number(q) => Some(q),
    })
}

/// Full-width forms to ASCII, and the other minus and space characters people paste.
pub(crate) fn normalize_char(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' | '\u{00A0}' | '\u{2002}'..='\u{200B}' | '\t' | '\r' | '\n' => ' ',
        '\u{2212}' | '\u{FE63}' => '-',
        '\u{3002}' => '.', // 。 typed for a decimal point on a Chinese keyboard
        _ => c,
    }
}

fn trim_mut(chars: &mut [char]) -> &mut [char] {
    let start = chars.iter().position(|c| !c.is_whitespace());
    let end = chars.iter().rposition(|c| !c.is_whitespace());
    match (start, end) {
        (Some(s), Some(e)) => &mut chars[s..=e],
        _ => &mut [],
    }
}

fn is_blank(chars: &[char]) -> bool {
    if chars.is_empty() {
        return true;
    }
    if chars.iter().all(|c| {
        matches!(
            c,
            '-' | '—' | '–' | '―' | '─' | '‐' | '‒' | '━' | '_' | ' ' | '/' | '\\'
        )
    }) {
        return true;
    }
    let is = |word: &str| chars.len() == word.chars().count() && starts_with(chars, word);
    is("不适用") || is("空") || is("N/A") || is("n/a") || is("NA") || is("na")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn num(text: &str) -> Quantity {
        match parse_cell(text) {
            Ok(Cell::Number(q)) => q,
            other => panic!("{text:?} gave {other:?}"),
        }
    }

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn the_inputs_of_domain_section_3() {
        // (text, value, percent, comparison, unit)
        let cases: &[(&str, &str, bool, Option<Comparison>, &str)] = &[
            ("23,460.84", "23460.84", false, None, ""),
            ("1,401.84", "1401.84", false, None, ""),
            ("96.25%", "96.25", true, None, ""),
            ("９６．２５％", "96.25", true, None, ""),
            ("  420.00 ", "420.00", false, None, ""),
            ("≥90分", "90", false, Some(Comparison::AtLeast), "分"),
            ("≥90 分", "90", false, Some(Comparison::AtLeast), "分"),
            ("95%以上", "95", true, Some(Comparison::AtLeast), ""),
            ("不超过三天", "3", false, Some(Comparison::AtMost), "天"),
            ("不超过3天", "3", false, Some(Comparison::AtMost), "天"),
            (
                "一年事故次数低于 3次",
                "3",
                false,
                Some(Comparison::Less),
                "次",
            ),
            (
                "有效可控率 50%以上",
                "50",
                true,
                Some(Comparison::AtLeast),
                "",
            ),
            ("> 95%", "95", true, Some(Comparison::Greater), ""),
            ("＞９５％", "95", true, Some(Comparison::Greater), ""),
            ("7", "7", false, None, ""),
            ("9170万元", "9170", false, None, "万元"),
            ("-0.5", "-0.5", false, None, ""),
            ("－０．５分", "-0.5", false, None, "分"),
            ("−3", "-3", false, None, ""),
            ("百分之九十五", "95", true, None, ""),
            ("112场（次）", "112", false, None, "场(次)"),
            ("0%", "0", true, None, ""),
            (".5", "0.5", false, None, ""),
            ("1,000", "1000", false, None, ""),
            ("10万元以内", "10", false, Some(Comparison::AtMost), "万元"),
            ("十五次", "15", false, None, "次"),
            // 负 before a Chinese numeral is a minus as before digits; 千分之 and 万分之 are
            // the figure with ‰ and ‱, as 百分之 is with %.
            ("负五", "-5", false, None, ""),
            ("负一万二千元", "-12000", false, None, "元"),
            ("-三", "-3", false, None, ""),
            ("万分之五", "5", false, None, "‱"),
            ("千分之三", "3", false, None, "‰"),
            ("千分之3", "3", false, None, "‰"),
            ("万分之 2.5", "2.5", false, None, "‱"),
            ("百分之五", "5", true, None, ""),
            ("负百分之四", "-4", true, None, ""),
            ("百分之负四", "-4", true, None, ""),
            ("-百分之4", "-4", true, None, ""),
            ("不超过千分之三", "3", false, Some(Comparison::AtMost), "‰"),
            // 点 between a numeral and digits is a decimal point; elsewhere a word.
            ("零点五", "0.5", false, None, ""),
            ("一点五", "1.5", false, None, ""),
            ("三点二五", "3.25", false, None, ""),
            ("十二点三零", "12.30", false, None, ""),
            ("百分之零点五", "0.5", true, None, ""),
            ("负零点五", "-0.5", false, None, ""),
            (
                "不超过一点五天",
                "1.5",
                false,
                Some(Comparison::AtMost),
                "天",
            ),
            ("二点五万", "2.5", false, None, "万"),
            ("两点", "2", false, None, "点"),
            ("一点点", "1", false, None, "点点"),
            ("重点三项", "3", false, None, "项"),
            ("3个百分点", "3", false, None, "个百分点"),
        ];
        for (text, value, percent, comparison, unit) in cases {
            let q = num(text);
            assert_eq!(q.value, d(value), "value of {text:?}");
            assert_eq!(q.percent, *percent, "percent of {text:?}");
            assert_eq!(q.comparison, *comparison, "comparison of {text:?}");
            assert_eq!(q.unit, *unit, "unit of {text:?}");
        }
        // 千分之 and 万分之 read as the figure written with the sign is, but for the note that
        // a numeral was read.
        for (words, sign) in [
            ("千分之三", "3‰"),
            ("千分之3", "3‰"),
            ("万分之五", "5‱"),
            ("不超过千分之三", "≤3‰"),
            ("负千分之三", "-3‰"),
            ("-千分之三", "-3‰"),
            ("千分之三以下", "3‰以下"),
            ("千分之三人", "3‰人"),
        ] {
            let mut q = num(words);
            q.from_chinese_numeral = false;
            assert_eq!(q, num(sign), "{words} as {sign}");
        }
    }

    #[test]
    fn what_a_target_says_about_the_comparison() {
        // (text, value, comparison, unit)
        let cases: &[(&str, &str, Option<Comparison>, &str)] = &[
            ("≤3天", "3", Some(Comparison::AtMost), "天"),
            ("3天内", "3", Some(Comparison::AtMost), "天"),
            ("3个工作日内", "3", Some(Comparison::AtMost), "个工作日"),
            ("30分钟内", "30", Some(Comparison::AtMost), "分钟"),
            ("3日内完成", "3", Some(Comparison::AtMost), "日完成"),
            ("最多3天", "3", Some(Comparison::AtMost), "天"),
            ("未超过3天", "3", Some(Comparison::AtMost), "天"),
            ("不超100人", "100", Some(Comparison::AtMost), "人"),
            ("未超100万元", "100", Some(Comparison::AtMost), "万元"),
            ("未超出3天", "3", Some(Comparison::AtMost), "天"),
            ("不超三天", "3", Some(Comparison::AtMost), "天"),
            ("未超期办结100件", "100", None, "件"),
            ("不超标企业100家", "100", None, "家"),
            ("最少2000件", "2000", Some(Comparison::AtLeast), "件"),
            ("不足5次", "5", Some(Comparison::Less), "次"),
            ("不到5次", "5", Some(Comparison::Less), "次"),
            ("整改不到位3处", "3", None, "处"),
            ("3项内容", "3", None, "项内容"),
            ("3天内部培训", "3", None, "天内部培训"),
            ("5个内设机构", "5", None, "个内设机构"),
            ("2次内审", "2", None, "次内审"),
            ("3天前通知", "3", None, "天前通知"),
            ("3天内办结", "3", Some(Comparison::AtMost), "天办结"),
            (
                "最多跑一次事项占比≥90%",
                "90",
                Some(Comparison::AtLeast),
                "",
            ),
            ("最低生活保障对象100户", "100", None, "户"),
            ("不足部分补齐100%", "100", None, ""),
            ("误差正负5%以内", "5", Some(Comparison::AtMost), ""),
            ("一年事故次数低于 3次", "3", Some(Comparison::Less), "次"),
            (">95%", "95", Some(Comparison::Greater), ""),
            ("<5", "5", Some(Comparison::Less), ""),
            ("< 5天", "5", Some(Comparison::Less), "天"),
            ("=100%", "100", Some(Comparison::Equal), ""),
            ("=12/年", "12", Some(Comparison::Equal), "/年"), // a rate, not a division
            ("12月底前", "12", Some(Comparison::AtMost), "月底"),
            ("12月之前", "12", Some(Comparison::AtMost), "月"),
            ("比以前提高10%", "10", None, ""),
            ("负80", "-80", None, ""),
        ];
        for (text, value, comparison, unit) in cases {
            let q = num(text);
            assert_eq!(q.value, d(value), "value of {text:?}");
            assert_eq!(q.comparison, *comparison, "comparison of {text:?}");
            assert_eq!(q.unit, *unit, "unit of {text:?}");
        }
        // 前后 is no 前 (by a date): 12月前后 is about December, an approximation.
        assert!(matches!(
            parse_cell("12月前后"),
            Err(CellError::Approximate(..))
        ));
    }

    #[test]
    fn hostile_cells_are_refused_not_misread() {
        let cases: &[(&str, CellError)] = &[
            ("--5", CellError::DoubleSign("--5".into())),
            ("+-5", CellError::DoubleSign("+-5".into())),
            ("(5)", CellError::Parenthesized("(5)".into(), "5".into())),
            ("（5）", CellError::Parenthesized("(5)".into(), "5".into())),
            (
                "(1,000.50)",
                CellError::Parenthesized("(1,000.50)".into(), "1,000.50".into()),
            ),
            ("@SUM(A1)", CellError::Formula("@SUM(A1)".into())),
            ("=SUM(A1:A3)", CellError::Formula("=SUM(A1:A3)".into())),
            ("=385+23.5", CellError::Formula("=385+23.5".into())),
            ("=1200*0.96", CellError::Formula("=1200*0.96".into())),
            ("=12/(3+1)", CellError::Formula("=12/(3+1)".into())),
            ("+A1", CellError::Formula("+A1".into())),
            ("<b>80</b>", CellError::Markup("<b>".into())),
            ("<td class=x>80", CellError::Markup("<td class=x>".into())),
            ("5%%", CellError::SeveralPercents),
            ("A1", CellError::AfterLetter("A1".into())),
            ("PM2.5", CellError::AfterLetter("PM2.5".into())),
            ("5)", CellError::UnpairedBracket(")".into())),
            ("80-", CellError::TrailingSign("80-".into(), "80".into())),
            ("80 －", CellError::TrailingSign("80 -".into(), "80".into())),
            ("80--", CellError::TrailingSign("80--".into(), "80".into())),
            ("[5]", CellError::Parenthesized("[5]".into(), "5".into())),
            (
                "95%-100%",
                CellError::SeveralNumbers(vec!["95".into(), "100".into()]),
            ),
            ("(5", CellError::UnpairedBracket("(".into())),
            ("2024-01-05", CellError::Date("2024-01-05".into())),
            (
                "2023-01-02 10:30",
                CellError::Date("2023-01-02 10:30".into()),
            ),
            ("2024/1/5", CellError::Date("2024/1/5".into())),
            ("12:30", CellError::Time("12:30".into())),
            ("1:30", CellError::Time("1:30".into())),
            ("100:05:09", CellError::Time("100:05:09".into())),
            ("-1:30", CellError::Time("-1:30".into())),
            ("１：３０", CellError::Time("1:30".into())),
            ("--五", CellError::DoubleSign("--五".into())),
            ("-百分之-5", CellError::DoubleSign("-百分之-5".into())),
            ("(五)", CellError::Parenthesized("(五)".into(), "五".into())),
            ("5千分之", CellError::FractionWord("千分之".into())),
            ("万分之0.00000000001", CellError::TooPrecise),
            ("零点零零零零零零零零零零一", CellError::TooPrecise),
            (
                "约100",
                CellError::Approximate("约100".into(), "约".into(), "，如“100”".into()),
            ),
            (
                "１００余人",
                CellError::Approximate("100余人".into(), "余".into(), "，如“100人”".into()),
            ),
            (
                "近 三千户",
                CellError::Approximate("近 三千户".into(), "近".into(), "，如“三千户”".into()),
            ),
            (
                "约百分之九十",
                CellError::Approximate(
                    "约百分之九十".into(),
                    "约".into(),
                    "，如“百分之九十”".into(),
                ),
            ),
            ("一般", CellError::LevelWord("一般".into())),
            ("达成", CellError::LevelWord("达成".into())),
            ("较好", CellError::LevelWord("较好".into())),
            (
                "部分达成年度指标并具有一定效果",
                CellError::LevelWord("部分达成年度指标并具有一定效果".into()),
            ),
        ];
        for (text, err) in cases {
            assert_eq!(parse_cell(text).as_ref(), Err(err), "{text:?}");
        }
        assert_eq!(
            CellError::FractionWord("千分之".into()).to_string(),
            "“千分之”后面没有数字：请把数字写在它后面（如 千分之三、千分之3）"
        );
        assert_eq!(
            CellError::Parenthesized("(5)".into(), "5".into()).to_string(),
            "括号中的数字（(5)）在会计记法中表示负数：如是负数请写作 -5，否则请去掉括号"
        );
        // Brackets that pair are read as before.
        assert_eq!(num("112场（次）").value, d("112"));
    }

    #[test]
    fn keeps_the_digits_as_typed() {
        // 420.00 stays 420.00 (scale 2), so nothing is lost between load and save.
        assert_eq!(num("420.00").value.to_string(), "420.00");
        assert_eq!(num("9.0%").value.to_string(), "9.0");
    }

    #[test]
    fn blanks() {
        for text in [
            "",
            "   ",
            "—",
            "——",
            "-",
            "--",
            "/",
            "N/A",
            "不适用",
            "\u{3000}",
        ] {
            assert_eq!(parse_cell(text), Ok(Cell::Blank), "{text:?}");
        }
    }

    #[test]
    fn errors_with_their_messages() {
        let cases: &[(&str, CellError)] = &[
            ("abc", CellError::NoNumber),
            ("基本满意", CellError::NoNumber),
            ("负责", CellError::NoNumber),
            (
                "共办理案件1487 宗，其中1 宗超期",
                CellError::SeveralNumbers(vec!["1487".into(), "1".into()]),
            ),
            (
                "80-90",
                CellError::SeveralNumbers(vec!["80".into(), "90".into()]),
            ),
            ("1e400", CellError::Scientific),
            ("2.5E-3", CellError::Scientific),
            ("3,4", CellError::Grouping),
            ("1.401,84", CellError::Grouping),
            ("1.2.3", CellError::SeveralDecimalPoints),
            ("12345678901234567890123456789", CellError::TooLarge),
            ("0.12345678901", CellError::TooPrecise),
        ];
        for (text, err) in cases {
            assert_eq!(parse_cell(text).as_ref(), Err(err), "{text:?}");
        }
        assert_eq!(
            CellError::SeveralNumbers(vec!["1487".into(), "1".into()]).to_string(),
            "含有多个数字（1487、1），无法判断取哪一个"
        );
        assert_eq!(
            parse_cell(&"9".repeat(600)),
            Err(CellError::TooLong),
            "a pasted document"
        );
    }

    proptest::proptest! {
        /// Every plain number is taken by the fast path (the general reader would give the same
        /// value, but some 40,000 cells of a large sheet should not go the long way).
        #[test]
        fn the_fast_path_takes_every_plain_number(
            whole in 0u64..1_000_000_000_000_000,
            fraction in proptest::option::of("[0-9]{1,3}"),
            with_commas: bool,
            negative: bool,
            percent: bool,
        ) {
            let int = if with_commas { grouped(whole) } else { whole.to_string() };
            let fraction = fraction.map(|f| format!(".{f}")).unwrap_or_default();
            let sign = if negative { "-" } else { "" };
            let text = format!("{sign}{int}{fraction}{}", if percent { "%" } else { "" });
            let (value, p) = fast_plain_number(text.as_bytes()).expect(&text);
            let expected = format!("{sign}{whole}{fraction}");
            proptest::prop_assert_eq!(value, Decimal::from_str_exact(&expected).unwrap());
            proptest::prop_assert_eq!(value.scale() as usize, fraction.len().saturating_sub(1));
            proptest::prop_assert_eq!(p, percent);
        }

        /// The words of an approximation anywhere around a number, or alone, never panic.
        #[test]
        fn approximation_words_anywhere_never_panic(
            text in "[0-9.%约近余多来几数上下左右出头前后逾超≈~节最人十百万个天为 ?()含-]{0,10}"
        ) {
            let _ = parse_cell(&text);
        }

        #[test]
        fn blank_is_what_trims_to_nothing(text in "[ \t\n\u{3000}\u{a0}\u{2003}\u{85}a0指-]{0,8}") {
            proptest::prop_assert_eq!(super::is_blank_text(&text), text.trim().is_empty());
        }

        /// The fast path is only a shortcut: where it takes a text, the general reader gives the
        /// same value at the same scale; and it never takes a text the general reader refuses.
        #[test]
        fn general_reader_agrees_with_the_fast_path(text in "-?[0-9,.]{0,22}%?") {
            let general = parse_cell_general(&text);
            if let Some((value, percent)) = fast_plain_number(text.as_bytes()) {
                let Ok(Cell::Number(q)) = general else {
                    panic!("{text:?}: fast {value}, general {general:?}");
                };
                proptest::prop_assert_eq!(q.value.to_string(), value.to_string(), "{:?}", text);
                proptest::prop_assert_eq!(q.percent, percent);
                proptest::prop_assert!(q.comparison.is_none() && q.unit.is_empty());
            }
        }
    }

    #[test]
    fn the_fast_path_takes_the_common_forms() {
        for (text, value, percent) in [
            ("404.25", "404.25", false),
            ("-3", "-3", false),
            ("23,460.84", "23460.84", false),
            ("96.25%", "96.25", true),
            ("420.00", "420.00", false),
            ("0.0000000001", "0.0000000001", false),
            ("999,999,999,999,999.99", "999999999999999.99", false),
            ("007", "7", false),
        ] {
            let (v, p) = fast_plain_number(text.as_bytes()).expect(text);
            assert_eq!((v.to_string().as_str(), p), (value, percent), "{text}");
        }
        for text in [
            "",
            "-",
            "%",
            ".5",
            "1.",
            "1,2345",
            "1,23",
            "1.2.3",
            "1e5",
            "+1",
            " 1",
            "1234567890123456789",
            "1234,567",
            ",123",
            "1,234,",
            "1,234.567,8",
            "-1,",
            "1000000000000000",
            "12345678901234.56789",
        ] {
            assert_eq!(fast_plain_number(text.as_bytes()), None, "{text:?}");
        }
    }

    /// Thousands separators as the reports write them: 1234567 → "1,234,567".
    fn grouped(whole: u64) -> String {
        let digits = whole.to_string();
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                out.push(',');
            }
            out.push(c);
        }
        out
    }

    #[test]
    fn chinese_numerals_are_marked_as_such() {
        assert!(num("不超过三天").from_chinese_numeral);
        assert!(!num("不超过3天").from_chinese_numeral);
        // A numeral ending in 万 or 亿 keeps that size in its unit, as 3万元 and 1200万 do.
        for (text, value, unit) in [
            ("三万元", "3", "万元"),
            ("一千二百万", "1200", "万"),
            ("十二万人", "12", "万人"),
            ("一亿二千万元", "12000", "万元"),
            ("三亿元", "3", "亿元"),
            ("一万二千元", "12000", "元"),
            ("十万", "10", "万"),
            ("一千二万", "1200", "万"),
            ("一万二", "12000", ""),
        ] {
            let q = num(text);
            assert_eq!((q.value, q.unit.as_str()), (d(value), unit), "{text}");
        }
    }
}
