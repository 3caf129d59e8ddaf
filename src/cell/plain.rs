//! The common case read fast: plain ASCII numbers such as `404.25`, `-3`, `23,460.84`, `96.25%`.

use super::{MAX_FRAC_DIGITS, MAX_INT_DIGITS};
use rust_decimal::Decimal;

/// The common case, plain ASCII such as `404.25`, `-3`, `23,460.84` or `96.25%`: exactly
/// `-?D{1,3}(,DDD)*(.D+)?%?` or `-?D+(.D+)?%?`, with at most 18 digits, of which at most
/// [`MAX_FRAC_DIGITS`] after the point and at most [`MAX_INT_DIGITS`] significant before it.
/// Gives the value (at the scale as typed) and whether it is a percentage; `None` sends the
/// cell to the general reader, which reads these same texts to the same value and gives every
/// other text its value or its error (`general_reader_agrees_with_the_fast_path` checks both).
pub(super) fn fast_plain_number(bytes: &[u8]) -> Option<(Decimal, bool)> {
    // Slice patterns, not `strip_suffix`: in the browser's baseline compiler every call costs.
    let (body, percent) = match bytes {
        [body @ .., b'%'] => (body, true),
        _ => (bytes, false),
    };
    let (digits, negative) = match body {
        [b'-', digits @ ..] => (digits, true),
        _ => (body, false),
    };
    // Eighteen digits and six separators at most; an i64 holds any 18 digits.
    if digits.len() > 18 + 6 {
        return None;
    }
    // Read as runs of digits (a tight loop each; counts come from positions, not from
    // bookkeeping per digit, which the browser's baseline compiler pays for every digit).
    // Wrapping: a text of more than 18 digits is refused below, whatever it summed to.
    let mut at = 0;
    let mut mantissa = 0u64;
    let first = digit_run(digits, &mut at, &mut mantissa);
    let mut whole_digits = first;
    // A group of one to three digits first, then groups of exactly three.
    if matches!(digits.get(at), Some(b',')) && first > 3 {
        return None;
    }
    while matches!(digits.get(at), Some(b',')) {
        let Some(&[a @ b'0'..=b'9', b @ b'0'..=b'9', c @ b'0'..=b'9']) = digits.get(at + 1..at + 4)
        else {
            return None;
        };
        let group = u64::from(a - b'0') * 100 + u64::from(b - b'0') * 10 + u64::from(c - b'0');
        mantissa = mantissa.wrapping_mul(1000).wrapping_add(group);
        whole_digits += 3;
        at += 4;
    }
    let whole = mantissa;
    let mut scale = 0;
    if matches!(digits.get(at), Some(b'.')) {
        at += 1;
        scale = digit_run(digits, &mut at, &mut mantissa);
        if scale == 0 {
            return None;
        }
    }
    if first == 0
        || at != digits.len()
        || whole_digits + scale > 18
        || scale > MAX_FRAC_DIGITS
        || whole >= WHOLE_LIMIT
    {
        return None;
    }
    let mantissa = mantissa as i64; // below 10^18
    let value = Decimal::new(if negative { -mantissa } else { mantissa }, scale as u32);
    Some((value, percent))
}

/// The integer part must stay below this: [`MAX_INT_DIGITS`] significant digits.
pub(super) const WHOLE_LIMIT: u64 = 10u64.pow(MAX_INT_DIGITS as u32);

/// Reads the digits from `at` on into `mantissa` (wrapping); gives how many there were.
#[inline(always)]
pub(super) fn digit_run(digits: &[u8], at: &mut usize, mantissa: &mut u64) -> usize {
    let start = *at;
    while let Some(&d @ b'0'..=b'9') = digits.get(*at) {
        *mantissa = mantissa.wrapping_mul(10).wrapping_add(u64::from(d - b'0'));
        *at += 1;
    }
    *at - start
}
