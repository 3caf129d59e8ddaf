//! Comparison words around a number (`≥90分`, `95%以上`, `不超过三天`): which one says how the
//! number compares when a cell has several.

use crate::comparison::Comparison;

/// Comparison words, longest first so that 不低于 wins over 低于 and 大于等于 over 大于.
/// Where a cell has several, the one next to the number says how to compare
/// (`最多跑一次事项占比≥90%` is ≥).
pub(super) const COMPARISON_WORDS: &[(&str, Comparison)] = &[
    ("大于或等于", Comparison::AtLeast),
    ("小于或等于", Comparison::AtMost),
    ("大于等于", Comparison::AtLeast),
    ("小于等于", Comparison::AtMost),
    ("不低于", Comparison::AtLeast),
    ("不少于", Comparison::AtLeast),
    ("不小于", Comparison::AtLeast),
    ("及以上", Comparison::AtLeast),
    ("或以上", Comparison::AtLeast),
    ("不超过", Comparison::AtMost),
    ("不高于", Comparison::AtMost),
    ("不多于", Comparison::AtMost),
    ("不大于", Comparison::AtMost),
    ("及以下", Comparison::AtMost),
    ("或以下", Comparison::AtMost),
    ("未超过", Comparison::AtMost),
    ("不超出", Comparison::AtMost),
    ("未超出", Comparison::AtMost),
    ("不超", Comparison::AtMost),
    ("未超", Comparison::AtMost),
    ("至少", Comparison::AtLeast),
    ("最少", Comparison::AtLeast),
    ("最低", Comparison::AtLeast),
    ("最多", Comparison::AtMost),
    ("最高", Comparison::AtMost),
    ("不足", Comparison::Less),
    ("不到", Comparison::Less),
    ("以上", Comparison::AtLeast),
    ("大于", Comparison::Greater),
    ("高于", Comparison::Greater),
    ("超过", Comparison::Greater),
    ("多于", Comparison::Greater),
    ("至多", Comparison::AtMost),
    ("以下", Comparison::AtMost),
    ("以内", Comparison::AtMost),
    ("之内", Comparison::AtMost),
    ("小于", Comparison::Less),
    ("低于", Comparison::Less),
    ("少于", Comparison::Less),
    ("等于", Comparison::Equal),
    (">=", Comparison::AtLeast),
    ("<=", Comparison::AtMost),
    ("=>", Comparison::AtLeast),
    ("=<", Comparison::AtMost),
    // A Chinese input method types < and > as 《 and 》.
    ("《=", Comparison::AtMost),
    ("》=", Comparison::AtLeast),
    ("≥", Comparison::AtLeast),
    ("≧", Comparison::AtLeast),
    ("≤", Comparison::AtMost),
    ("≦", Comparison::AtMost),
    (">", Comparison::Greater),
    ("<", Comparison::Less),
    ("=", Comparison::Equal),
];

/// Words that compare only right before the number (`最多3天`, `不超100人`); elsewhere they are
/// words of the indicator (`最低生活保障对象100户`, `不足部分补齐100%`, `不到位问题3个`,
/// `未超期办结100件`).
pub(super) const NEXT_TO_THE_NUMBER_ONLY: [&str; 8] = [
    "最少", "最低", "最多", "最高", "不足", "不到", "不超", "未超",
];

/// The comparison `word` says on its own, as the 比较方式 column holds it: a word of
/// [`COMPARISON_WORDS`] (full-width forms read as a cell reads them: `＜＝` is `<=`), or a 《
/// or 》 alone. The words that compare only next to a number, and 以上, 以下, 以内, compare
/// here too: the column holds nothing else.
pub(crate) fn comparison_word(word: &str) -> Option<Comparison> {
    let word: String = word.chars().map(super::normalize_char).collect();
    match word.trim() {
        "《" => Some(Comparison::Less),
        "》" => Some(Comparison::Greater),
        word => COMPARISON_WORDS
            .iter()
            .find(|(w, _)| *w == word)
            .map(|(_, comparison)| *comparison),
    }
}

/// A comparison word found in a cell: where it is, and what it says.
#[derive(Clone, Copy)]
pub(super) struct Found {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) comparison: Comparison,
    pub(super) anywhere: bool,
}

/// The comparison a cell says for its number at `start..end`: the word right before the
/// number, else the first after it, else the first anywhere that counts anywhere. A 《 or 》
/// alone (a Chinese input method's < and >) compares only right before the number and as the
/// cell's only one: a pair is a title's (《预算法》).
pub(super) fn comparison_of(
    found: &[Found],
    chars: &[char],
    start: usize,
    end: usize,
) -> Option<Comparison> {
    let only_blanks = |from: usize, to: usize| chars[from..to].iter().all(|c| *c == ' ');
    let before = found
        .iter()
        .rev()
        .find(|f| f.end <= start && only_blanks(f.end, start));
    let after = || found.iter().find(|f| f.start >= end);
    let anywhere = || found.iter().find(|f| f.anywhere);
    let guillemet = || {
        let at = chars[..start].iter().rposition(|c| *c != ' ')?;
        let alone = chars.iter().filter(|c| matches!(c, '《' | '》')).count() == 1;
        match chars[at] {
            '《' if alone => Some(Comparison::Less),
            '》' if alone => Some(Comparison::Greater),
            _ => None,
        }
    };
    before
        .map(|f| f.comparison)
        .or_else(guillemet)
        .or_else(|| after().or_else(anywhere).map(|f| f.comparison))
}

/// Whether a comparison word (or 百分之, 千分之, 万分之) can start with `c`; skips the word list
/// for most chars.
pub(super) fn may_start_word(c: char) -> bool {
    matches!(
        c,
        '大' | '小'
            | '不'
            | '未'
            | '最'
            | '及'
            | '或'
            | '至'
            | '以'
            | '之'
            | '高'
            | '超'
            | '多'
            | '低'
            | '少'
            | '等'
            | '百'
            | '千'
            | '万'
            | '>'
            | '<'
            | '='
            | '≥'
            | '≧'
            | '≤'
            | '≦'
            | '《'
            | '》'
    )
}

#[cfg(test)]
mod tests {
    use crate::cell::{parse_cell, Cell};
    use crate::comparison::Comparison::{self, *};

    fn comparison(text: &str) -> Option<Comparison> {
        match parse_cell(text) {
            Ok(Cell::Number(q)) => q.comparison,
            other => panic!("{text:?} gave {other:?}"),
        }
    }

    /// The 比较方式 column reads every word of the cells' one list, alone, as the cells do.
    #[test]
    fn the_comparison_column_reads_each_word_of_the_list() {
        for (word, expected) in super::COMPARISON_WORDS {
            assert_eq!(Comparison::parse(word), Some(*expected), "{word}");
        }
        assert_eq!(Comparison::parse("《"), Some(Less));
        assert_eq!(Comparison::parse("》"), Some(Greater));
    }

    #[test]
    fn as_a_chinese_input_method_types_them() {
        assert_eq!(comparison("《=3天"), Some(AtMost));
        assert_eq!(comparison("《3天"), Some(Less));
        assert_eq!(comparison("》=90%"), Some(AtLeast));
        assert_eq!(comparison("》 90%"), Some(Greater));
        assert_eq!(comparison("=>90"), Some(AtLeast));
        assert_eq!(comparison("=<90"), Some(AtMost));
        assert_eq!(comparison("《预算法》100%"), None); // a title's
        assert_eq!(comparison("按《预算法》要求≥100%"), Some(AtLeast));
        assert_eq!(comparison("3天《"), None);
    }
}
