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

/// Whether a target in `target` and an actual in `actual` count the same thing in units of
/// different size. A unit left blank is the same thing as any; `公里` and `千米` are not
/// compared (different words, not different sizes of one).
pub fn differ(target: &str, actual: &str) -> bool {
    let (target_power, target_unit) = split(target);
    let (actual_power, actual_unit) = split(actual);
    target_power != actual_power
        && (target_unit == actual_unit || target_unit.is_empty() || actual_unit.is_empty())
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
    matches!((time_unit(target), time_unit(actual)), (Some(t), Some(a)) if t != a)
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
    }
}
