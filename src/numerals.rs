//! Chinese numerals as they appear in targets: 不超过三天, 十五次, 一百零五人, 两万.

/// Whether `c` can be part of a Chinese numeral.
pub fn is_numeral_char(c: char) -> bool {
    digit(c).is_some() || unit(c).is_some()
}

fn digit(c: char) -> Option<u64> {
    Some(match c {
        '零' | '〇' => 0,
        '一' | '壹' => 1,
        '二' | '两' | '贰' => 2,
        '三' | '叁' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陆' => 6,
        '七' | '柒' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    })
}

fn unit(c: char) -> Option<u64> {
    Some(match c {
        '十' | '拾' => 10,
        '百' | '佰' => 100,
        '千' | '仟' => 1_000,
        '万' => 10_000,
        '亿' => 100_000_000,
        _ => return None,
    })
}

/// Whether `c` is a digit after a decimal point (点): 零 to 九, not 两 (一点两 is no number).
pub fn is_fraction_digit(c: char) -> bool {
    c != '两' && digit(c).is_some()
}

/// Reads a Chinese numeral with 点 (`"三"` and `"二五"` of 三点二五, 3.25): the whole part as
/// [`parse`] reads it, then each digit after the point, as written (三点二零 is 3.20); `None`
/// where either part is no numeral, or past `max_places` places or exact arithmetic.
pub fn parse_decimal(
    whole: &str,
    fraction: impl Iterator<Item = char>,
    max_places: u32,
) -> Option<rust_decimal::Decimal> {
    let mut mantissa = i128::from(parse(whole)?);
    let mut places = 0;
    for c in fraction {
        let d = digit(c).filter(|_| is_fraction_digit(c))?;
        places += 1;
        if places > max_places {
            return None;
        }
        mantissa = mantissa.checked_mul(10)?.checked_add(i128::from(d))?;
    }
    rust_decimal::Decimal::try_from_i128_with_scale(mantissa, places).ok()
}

/// Reads a whole Chinese numeral (`"三"`, `"十五"`, `"一百零五"`, `"两万三千"`); `None` when the
/// characters do not form one (e.g. `"万"` alone, or two digits in a row such as `"三五"`).
///
/// A last digit right after a unit, with no 零 between, counts in the next lower unit, as it is
/// said: 一万二 is 12000, 三千五 3500, 二百五 250 (一万零二 is 10002).
pub fn parse(text: &str) -> Option<u64> {
    let mut total: u64 = 0; // completed 亿 sections
    let mut wan: u64 = 0; // a completed 万 section, below 亿
    let mut section: u64 = 0; // below 万
    let mut pending: Option<u64> = None; // a digit waiting for its unit
    let mut last_unit: Option<u64> = None; // the unit just read, if the last character was one
    let mut after_unit: Option<u64> = None; // the unit right before the pending digit
                                            // The pending digit as the last of its section: 一千二 is 1200, 一千二万 1200万.
    let last_digit = |pending: Option<u64>, after: Option<u64>, within: u64| {
        let d = pending.unwrap_or(0);
        match after {
            Some(u) if u <= within => d.checked_mul(u / 10),
            _ => Some(d),
        }
    };
    let mut seen = false;
    for c in text.chars() {
        seen = true;
        if let Some(d) = digit(c) {
            let after = last_unit.take();
            if d == 0 {
                continue; // 零 only holds a place: 一百零五
            }
            if pending.is_some() {
                return None; // "三五" is not a numeral
            }
            pending = Some(d);
            after_unit = after;
        } else if let Some(u) = unit(c) {
            last_unit = Some(u);
            match u {
                10 | 100 | 1_000 => {
                    // A bare 十 means 一十.
                    let d = pending.take().unwrap_or(1);
                    section = section.checked_add(d.checked_mul(u)?)?;
                }
                // 万 sizes what is below it since the last 亿 (一亿二千万 is 1.2亿, not
                // (1亿 + 2000) × 1万); 亿 sizes everything before it.
                10_000 => {
                    let d = last_digit(pending.take(), after_unit, 1_000)?;
                    let part = section.checked_add(d)?;
                    if part == 0 && wan == 0 && total == 0 {
                        return None; // "万" alone
                    }
                    wan = wan.checked_add(part)?.checked_mul(u)?;
                    section = 0;
                }
                _ => {
                    let d = last_digit(pending.take(), after_unit, 1_000)?;
                    let part = wan.checked_add(section)?.checked_add(d)?;
                    if part == 0 && total == 0 {
                        return None; // "亿" alone
                    }
                    total = total.checked_add(part)?.checked_mul(u)?;
                    (wan, section) = (0, 0);
                }
            }
        } else {
            return None;
        }
    }
    if !seen {
        return None;
    }
    total
        .checked_add(wan)?
        .checked_add(section)?
        .checked_add(last_digit(pending, after_unit, u64::MAX)?)
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn reads_common_numerals() {
        for (text, n) in [
            ("三", 3),
            ("十", 10),
            ("十五", 15),
            ("二十", 20),
            ("二十五", 25),
            ("一百零五", 105),
            ("两千", 2000),
            ("三万", 30000),
            ("一万二千", 12000),
            ("零", 0),
            ("壹佰", 100),
            ("一亿", 100_000_000),
            ("一亿二千万", 120_000_000),
            ("三亿零五百万", 305_000_000),
            ("两亿三千四百五十六万七千八百九十", 234_567_890),
            ("十万", 100_000),
            // A last digit right after a unit counts in the next lower one, as it is said; after
            // 零 it is a digit.
            ("一万二", 12_000),
            ("三千五", 3_500),
            ("一千二", 1_200),
            ("二百五", 250),
            ("一万五", 15_000),
            ("两万三", 23_000),
            ("一亿二", 120_000_000),
            ("二十万五", 205_000),
            ("一万二千五", 12_500),
            ("一千二万", 12_000_000),
            ("一万零二", 10_002),
            ("三千零五", 3_005),
            ("一千零二十", 1_020),
            ("一亿零二万", 100_020_000),
        ] {
            assert_eq!(parse(text), Some(n), "{text}");
        }
    }

    #[test]
    fn reads_decimals_with_dian() {
        use super::parse_decimal;
        for (whole, fraction, n) in [
            ("零", "五", "0.5"),
            ("一", "五", "1.5"),
            ("三", "二五", "3.25"),
            ("十二", "三零", "12.30"),
            ("一百零五", "五", "105.5"),
        ] {
            let read = parse_decimal(whole, fraction.chars(), 10).map(|d| d.to_string());
            assert_eq!(read.as_deref(), Some(n), "{whole}点{fraction}");
        }
        for (whole, fraction) in [
            ("一", "两"),
            ("一", "十"),
            ("万", "五"),
            ("一", "五五五五五五五五五五五"),
        ] {
            assert_eq!(
                parse_decimal(whole, fraction.chars(), 10),
                None,
                "{whole}点{fraction}"
            );
        }
    }

    #[test]
    fn rejects_what_is_not_a_numeral() {
        for text in ["", "万", "三五", "天", "三天"] {
            assert_eq!(parse(text), None, "{text}");
        }
    }
}
