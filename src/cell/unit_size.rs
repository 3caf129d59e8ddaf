//! How large a cell's unit is: `万人` is ten thousand 人, `亿元` a hundred million 元, and a
//! 周 seven 天.
//!
//! A number is read as written, its unit kept beside it (`1万人` is 1 and `万人`), so a target
//! and an actual written in units of different size would be compared as they stand: 1万人
//! against 9500人 is not 9500 ÷ 1, nor 2周 against ≤3天 two days. The leaf refuses to score
//! such a pair (rules/leaf.rs).

/// A unit split into its size, as a power of ten, and the unit it counts: `万人` → (4, `人`),
/// `千万元` → (7, `元`), `万` → (4, ``), `人` → (0, `人`). `百分点`, `百分比` and `十分` are
/// words of their own, not sizes.
pub fn split(unit: &str) -> (u32, &str) {
    let mut power = 0;
    let mut rest = unit;
    while let Some(c) = rest.chars().next() {
        power += match c {
            '十' => 1,
            '百' => 2,
            '千' => 3,
            '万' => 4,
            '亿' => 8,
            _ => break,
        };
        rest = &rest[c.len_utf8()..];
    }
    if rest.starts_with('分') {
        return (0, unit);
    }
    (power, rest)
}

/// Units of length, mass, area and volume that are words of their own, not a size before a
/// unit, and ‰ and ‱ (a tenth and a hundredth of %): (word, the unit it is a size of, as a
/// power of ten divided by a whole number). 千米 and 千克 are sizes already (`split`); 亩 is a
/// fifteenth of 公顷, 斤 half a 公斤.
const NAMED: [(&str, &str, i32, u8); 16] = [
    ("‰", "%", -1, 1),
    ("‱", "%", -2, 1),
    ("公里", "米", 3, 1),
    ("厘米", "米", -2, 1),
    ("毫米", "米", -3, 1),
    ("公斤", "克", 3, 1),
    ("吨", "克", 6, 1),
    ("斤", "克", 3, 2),
    ("平方公里", "平方米", 6, 1),
    ("平方千米", "平方米", 6, 1),
    ("公顷", "平方米", 4, 1),
    ("亩", "平方米", 4, 15),
    ("公升", "升", 0, 1),
    ("毫升", "升", -3, 1),
    ("立方米", "升", 3, 1),
    ("立方厘米", "升", -3, 1),
];

/// A unit's size: a power of ten of the unit it counts, divided by a whole number (15 for 亩,
/// 2 for 斤, else 1). No two such sizes of one unit are equal in other figures: 10ⁿ ÷ 15 and
/// 10ⁿ ÷ 2 are never a power of ten or each other.
type Size = (i32, u8);

/// The sizes of a target's unit and an actual's, where they count the same thing: `None`
/// where they do not (`人` and `元`). A unit left blank is the same thing as any, at the size
/// written before it (`1.2万` against `12000`); `5吨` against `4` is 4 吨.
fn sizes(target: &str, actual: &str) -> Option<(Size, Size)> {
    let (target, actual) = (split(unbracketed(target)), split(unbracketed(actual)));
    if target.1.is_empty() || actual.1.is_empty() {
        return Some(((target.0 as i32, 1), (actual.0 as i32, 1)));
    }
    let ((target_unit, target), (actual_unit, actual)) = (named(target), named(actual));
    // 万人 and 人次 count alike: 1万人 against 9500人次 is 10000 against 9500.
    let counted = |unit: &str| COUNTED.contains(&unit);
    (target_unit == actual_unit || counted(target_unit) && counted(actual_unit))
        .then_some((target, actual))
}

/// A unit written in letters or as one sign, as the Chinese word for it: `km` is 公里, `㎡`
/// 平方米. The single letters only in small letters (`M`, `T` and `G` are prefixes).
fn in_words(word: &str) -> &str {
    let lower = |w: &str| word.eq_ignore_ascii_case(w);
    match word {
        "m" => "米",
        "g" => "克",
        "t" => "吨",
        "㎞" => "公里",
        "㎝" => "厘米",
        "㎜" => "毫米",
        "㎏" => "公斤",
        "㎡" | "m²" => "平方米",
        "㎢" | "km²" => "平方公里",
        _ if lower("km") => "公里",
        _ if lower("cm") => "厘米",
        _ if lower("mm") => "毫米",
        _ if lower("kg") => "公斤",
        _ => word,
    }
}

/// A unit split by [`split`] as the unit it counts and its [`Size`] (`公里` is 10³ 米).
fn named((power, word): (u32, &str)) -> (&str, Size) {
    let word = in_words(word);
    match NAMED.iter().find(|(w, ..)| *w == word) {
        Some((_, of, p, divisor)) => (of, (power as i32 + p, *divisor)),
        None => (word, (power as i32, 1)),
    }
}

/// Whether a target in `target` and an actual in `actual` count the same thing in units of
/// different size: `万人` and `人`, `公里` and `米`, `亩` and `公顷`, `（万元）` and `元`. `公里` and
/// `千米` are one size.
pub fn differ(target: &str, actual: &str) -> bool {
    sizes(target, actual).is_some_and(|(t, a)| t != a)
}

/// Whether a figure in `target` and one in `actual` compare as written: one unit however
/// spelt (`公里` and `千米`, `（万元）` and `万元`), units counted alike at one size (`起` and
/// `次`, `人` and `人次`), or a unit left blank against any at no size (`3` against `2次`).
/// Not units that [`differ`] in size (`万人次` and `人`), nor units of other things.
pub fn compare_as_written(target: &str, actual: &str) -> bool {
    sizes(target, actual).is_some_and(|(t, a)| t == a)
}

/// How many times the larger of two units that [`differ`] is the smaller: `1000`, `15` (公顷
/// and 亩), `约666.67` (亩 and 平方米), `2` (公斤 and 斤).
pub fn times(target: &str, actual: &str) -> String {
    // Units that are not of one kind (never asked: they do not differ) are one apart.
    let (target, actual) = sizes(target, actual).unwrap_or(((0, 1), (0, 1)));
    ratio(target, actual).unwrap_or_else(|| format!("10的{}次方", target.0.abs_diff(actual.0)))
}

/// `times` worked out: the target's size over the actual's, (10^t ÷ d_t) ÷ (10^a ÷ d_a), the
/// larger over the smaller, to two places where it is not whole.
fn ratio((t, t_divisor): Size, (a, a_divisor): Size) -> Option<String> {
    // Beyond 10¹⁷ or so the number says less than 10的N次方 does (and in 64 bits, the module
    // links no formatting of wider integers for it).
    let ten = |n: i32| 10u64.checked_pow(n.max(0).unsigned_abs());
    let num = ten(t - a)?.checked_mul(u64::from(a_divisor))?;
    let den = ten(a - t)?.checked_mul(u64::from(t_divisor))?;
    let (num, den) = if num < den { (den, num) } else { (num, den) };
    // 四舍五入 to hundredths: (100 × num ÷ den + ½), whole.
    let hundredths = (num.checked_mul(200)? + den) / den.checked_mul(2)?;
    let exact = num.checked_mul(100)? % den == 0;
    let shown = format!("{}.{:02}", hundredths / 100, hundredths % 100);
    let shown = shown.trim_end_matches('0').trim_end_matches('.');
    Some(format!("{}{shown}", if exact { "" } else { "约" }))
}

/// How many places below 1 a unit of parts per hundred counts in: `%` 2, `‰` 3, `‱` 4, as
/// [`NAMED`] sizes them; `None` for any other unit.
pub fn percent_places(unit: &str) -> Option<u32> {
    let (0, word) = split(unbracketed(unit)) else {
        return None;
    };
    match named((0, word)) {
        ("%", (power @ -2..=0, 1)) => Some(power.abs_diff(2)),
        _ => None,
    }
}

/// Whether `unit` counts 元 (`元`, `万元`, `亿元`, `（万元）` as a form heads a column): its size
/// as a power of ten. `美元` is not 元.
pub fn money_power(unit: &str) -> Option<u32> {
    match split(unbracketed(unit)) {
        (power, "元") => Some(power),
        _ => None,
    }
}

/// A unit as a column heading writes it, `（万元）`, without its brackets.
pub fn unbracketed(unit: &str) -> &str {
    unit.trim().trim_matches(['(', ')', '（', '）'])
}

/// A unit of time, by the words written for it: `日` is `天`, `个月` is `月`. 工作日 is not one
/// of them: it is not a fixed number of 天.
fn time_unit(unit: &str) -> Option<&'static str> {
    Some(match unit.strip_prefix('个').unwrap_or(unit) {
        "秒" | "秒钟" => "秒",
        "分钟" => "分钟",
        "小时" | "钟头" => "小时",
        "天" | "日" | "自然日" => "天",
        "周" | "星期" => "周",
        "月" => "月",
        "年" => "年",
        _ => return None,
    })
}

/// Whether a target in `target` and an actual in `actual` are times in different units
/// (`天` and `周`, `天` and `小时`): compared as written, 2周 would meet ≤3天.
pub fn times_differ(target: &str, actual: &str) -> bool {
    let (target, actual) = (unbracketed(target), unbracketed(actual));
    matches!((time_unit(target), time_unit(actual)), (Some(t), Some(a)) if t != a)
}

/// What a unit measures, where it is plainly one thing: units of one measure are compared
/// (by size, [`differ`], or as times, [`times_differ`]); units of two are not the same thing
/// at all (`万元` and `个`, `人次` and `天`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Measure {
    Money,
    /// People, times, things, places counted: 人 and 人次, 个 and 项, 次 and 场, 家 and 户 are
    /// counted alike, as tables write them.
    Count,
    Time,
    Length,
    Area,
    Mass,
    Volume,
    Percent,
}

impl Measure {
    /// The measure as a message names it.
    pub fn name(self) -> &'static str {
        match self {
            Measure::Money => "金额",
            Measure::Count => "数量",
            Measure::Time => "时间",
            Measure::Length => "长度",
            Measure::Area => "面积",
            Measure::Mass => "重量",
            Measure::Volume => "体积",
            Measure::Percent => "百分比",
        }
    }
}

/// Words that count people, times and things. Not 期 (an issue, or a period of time), 分
/// (points or minutes), 度, 倍, nor a word that names what is counted (`个项目`).
const COUNTED: [&str; 46] = [
    "人", "人次", "名", "位", "个", "个次", "项", "件", "次", "场", "场次", "批", "批次", "家",
    "家次", "户", "户次", "所", "处", "台", "台次", "套", "辆", "车次", "架次", "座", "栋", "间",
    "条", "篇", "份", "本", "册", "张", "部", "支", "株", "棵", "宗", "例", "起", "单", "笔",
    "班次", "轮", "床",
];

/// What `unit` measures (a unit as written after a number or in the 计量单位 column), `None`
/// where that is not plain: a word of its own, a rate (`元/人`, `次/年`), a unit with a note
/// (`个（已完成）`). Alternatives in brackets or after `/` that measure one thing are that
/// thing (`台（套）`, `场(次)`).
pub fn measure(unit: &str) -> Option<Measure> {
    let mut parts = unit
        .split(['(', ')', '（', '）', '/'])
        .map(str::trim)
        .filter(|part| !part.is_empty());
    let first = measure_of(parts.next()?)?;
    parts
        .all(|part| measure_of(part) == Some(first))
        .then_some(first)
}

/// [`measure`] of a unit without brackets.
fn measure_of(unit: &str) -> Option<Measure> {
    if matches!(unit, "百分点" | "个百分点" | "百分比" | "百分率") || percent_places(unit).is_some()
    {
        return Some(Measure::Percent);
    }
    if money_power(unit).is_some() {
        return Some(Measure::Money);
    }
    let (_, counted) = split(unit);
    let once = counted.strip_prefix('个').unwrap_or(counted);
    if time_unit(counted).is_some() || matches!(once, "工作日" | "季度" | "旬") {
        return Some(Measure::Time);
    }
    match named((0, counted)).0 {
        "米" => Some(Measure::Length),
        "平方米" => Some(Measure::Area),
        "克" => Some(Measure::Mass),
        "升" => Some(Measure::Volume),
        counted if COUNTED.contains(&counted) => Some(Measure::Count),
        _ => None,
    }
}

/// Whether a target in `target` and an actual in `actual` are in units that both plainly
/// measure something, and not the same thing (`万元` and `个`): compared as written, 41个
/// would be scored as 41万元.
pub fn measures_differ(target: &str, actual: &str) -> bool {
    matches!((measure(target), measure(actual)), (Some(t), Some(a)) if t != a)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        assert_eq!(split("万人"), (4, "人"));
        assert_eq!(split("千万元"), (7, "元"));
        assert_eq!(split("亿元"), (8, "元"));
        assert_eq!(split("万"), (4, ""));
        assert_eq!(split("人次"), (0, "人次"));
        assert_eq!(split(""), (0, ""));
        assert_eq!(split("百分点"), (0, "百分点"));
        assert_eq!(split("个百分点"), (0, "个百分点"));
    }

    #[test]
    fn money() {
        assert_eq!(money_power("万元"), Some(4));
        assert_eq!(money_power(" （亿元） "), Some(8));
        assert_eq!(money_power("(元)"), Some(0));
        assert_eq!(money_power("美元"), None);
        assert_eq!(percent_places("%"), Some(2));
        assert_eq!(percent_places("（‰）"), Some(3));
        assert_eq!(percent_places("‱"), Some(4));
        assert_eq!(percent_places("万%"), None);
        assert_eq!(percent_places("元"), None);
        assert_eq!(money_power("万人"), None);
        assert_eq!(money_power(""), None);
    }

    #[test]
    fn what_differs() {
        assert!(differ("万人", "人"));
        assert!(differ("万人", ""));
        assert!(differ("", "亿"));
        assert!(differ("万元", "元"));
        assert!(differ("亿元", "万元"));
        assert!(!differ("万人", "万人"));
        assert!(!differ("人", ""));
        assert!(!differ("公里", "千米"));
        assert!(!differ("百分点", "%"));
        assert!(!differ("天", "个工作日"));
        // Units of one kind in words of their own.
        assert!(differ("公里", "米"));
        assert!(differ("公里", "厘米"));
        assert!(differ("毫米", "厘米"));
        assert!(differ("吨", "千克"));
        assert!(differ("公斤", "克"));
        assert!(differ("平方公里", "平方米"));
        assert!(differ("亩", "平方米"));
        assert!(differ("亩", "公顷"));
        assert!(differ("万亩", "亩"));
        assert!(differ("升", "毫升"));
        assert!(differ("立方米", "升"));
        assert!(differ("斤", "公斤"));
        assert!(differ("斤", "克"));
        assert!(differ("万斤", "吨"));
        assert!(!differ("公升", "升"));
        assert!(!differ("千升", "立方米"));
        assert!(!differ("立方厘米", "毫升"));
        assert!(!differ("斤", "斤"));
        assert!(!differ("升", "米"));
        assert!(differ("（万元）", "元"));
        assert!(differ("万元", "(元)"));
        assert!(!differ("公里", "千米"));
        assert!(!differ("公斤", "千克"));
        assert!(!differ("平方公里", "平方千米"));
        assert!(!differ("公顷", "万平方米"));
        assert!(!differ("（万元）", "万元"));
        assert!(!differ(" 米 ", "米"));
        assert!(!differ("吨", ""));
        assert!(!differ("米", "平方米"));
        assert!(!differ("吨", "米"));
        // ‰ is a tenth of %, ‱ a hundredth.
        assert!(differ("%", "‰"));
        assert!(differ("‰", "‱"));
        assert!(!differ("‰", ""));
        // Units in letters or signs, as the Chinese words for them.
        assert!(differ("km", "m"));
        assert!(differ("km", "米"));
        assert!(differ("t", "kg"));
        assert!(differ("㎡", "亩"));
        assert!(!differ("km", "公里"));
        assert!(!differ("KM", "km"));
        assert!(!differ("kg", "公斤"));
        assert!(!differ("㎡", "平方米"));
        assert!(!differ("m", "m"));
        assert!(!differ("m", "g"));
    }

    #[test]
    fn what_compares_as_written() {
        for (target, actual, compares) in [
            ("次", "起", true),
            ("人次", "人", true),
            ("公里", "千米", true),
            ("（万元）", "万元", true),
            ("", "次", true),
            ("个项目", "个项目", true),
            ("万人次", "人", false),
            ("万", "", false),
            ("天", "次", false),
            ("个", "个项目", false),
            ("次", "次/年", false),
        ] {
            assert_eq!(
                compare_as_written(target, actual),
                compares,
                "{target} {actual}"
            );
        }
    }

    #[test]
    fn how_many_times() {
        for (target, actual, said) in [
            ("万人", "人", "10000"),
            ("", "亿", "100000000"),
            ("公里", "米", "1000"),
            ("米", "公里", "1000"),
            ("厘米", "毫米", "10"),
            ("吨", "公斤", "1000"),
            ("平方公里", "平方米", "1000000"),
            ("亩", "公顷", "15"),
            ("公顷", "亩", "15"),
            ("亩", "平方米", "约666.67"),
            ("万亩", "平方公里", "约6.67"),
            ("十亩", "平方公里", "150"),
            ("亩", "千平方米", "1.5"),
            ("升", "毫升", "1000"),
            ("万立方米", "升", "10000000"),
            ("斤", "公斤", "2"),
            ("公斤", "斤", "2"),
            ("万斤", "吨", "5"),
            ("斤", "克", "500"),
            ("斤", "亩", "1"),
            ("亿亿亿人", "人", "10的24次方"),
            ("%", "‰", "10"),
            ("‱", "%", "100"),
        ] {
            assert_eq!(times(target, actual), said, "{target} {actual}");
        }
    }

    #[test]
    fn what_measures_differ() {
        use Measure::*;
        for (target, actual, differ) in [
            ("万元", "个", Some((Money, Count))),
            ("人次", "天", Some((Count, Time))),
            ("%", "人", Some((Percent, Count))),
            ("公里", "吨", Some((Length, Mass))),
            ("平方米", "米", Some((Area, Length))),
            ("立方米", "亩", Some((Volume, Area))),
            ("个月", "项", Some((Time, Count))),
            ("个工作日", "元", Some((Time, Money))),
            ("（万元）", "场（次）", Some((Money, Count))),
            // One measure in other words, sizes or alternatives.
            ("人", "人次", None),
            ("个", "项", None),
            ("件", "个", None),
            ("次", "场", None),
            ("家", "户", None),
            ("户", "所", None),
            ("天", "日", None),
            ("天", "个工作日", None),
            ("万元", "元", None),
            ("万人次", "人", None),
            ("台（套）", "套", None),
            ("%", "‰", None),
            ("%", "个百分点", None),
            ("亩", "公顷", None),
            // Not plainly one measure: never said to differ.
            ("", "个", None),
            ("分", "%", None),
            ("元/人", "元", None),
            ("次/年", "天", None),
            ("个", "个项目", None),
            ("个", "个（已完成）", None),
            ("月底", "月", None),
            ("期", "月", None),
            ("美元", "个", None),
        ] {
            assert_eq!(
                measures_differ(target, actual),
                differ.is_some(),
                "{target} {actual}"
            );
            if let Some((t, a)) = differ {
                assert_eq!((measure(target), measure(actual)), (Some(t), Some(a)));
            }
        }
        // Counted alike: by size, as one unit is.
        assert!(super::differ("万人", "人次"));
        assert!(super::differ("个", "千项"));
        assert!(!super::differ("人", "人次"));
        assert!(!super::differ("万人", "元"));
    }

    #[test]
    fn what_times_differ() {
        assert!(times_differ("天", "周"));
        assert!(times_differ("天", "小时"));
        assert!(times_differ("个月", "天"));
        assert!(times_differ("年", "月"));
        assert!(!times_differ("天", "日"));
        assert!(!times_differ("个月", "月"));
        assert!(!times_differ("周", "星期"));
        assert!(!times_differ("天", "个工作日"));
        assert!(!times_differ("天", ""));
        assert!(!times_differ("分", "分钟"));
        assert!(times_differ("（天）", "周"));
        assert!(!times_differ("(天)", " 日 "));
    }
}
