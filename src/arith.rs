//! Exact decimal arithmetic, 四舍五入 and the way figures are written in the reports.
//!
//! Every operation is checked: `rust_decimal`'s operators panic on overflow, and a panic that
//! reaches the wasm boundary kills the module for the whole page. Overflow is an ordinary
//! error here, reported at the cell whose numbers caused it.

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

/// A result too large for exact decimal arithmetic (about 7.9 × 10²⁸).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Overflow;

pub fn add(a: Decimal, b: Decimal) -> Result<Decimal, Overflow> {
    a.checked_add(b).ok_or(Overflow)
}

pub fn sub(a: Decimal, b: Decimal) -> Result<Decimal, Overflow> {
    a.checked_sub(b).ok_or(Overflow)
}

/// `a × b`. Digits that fit in 64 bits are multiplied in i128 (the product is exact, at the
/// two scales added, as rust_decimal gives it); the rest by rust_decimal, out of line. Its
/// multiplication is long, and in the browser a function holding it was compiled again by
/// V8's optimizing compiler during a large sheet's first load, for a few thousand calls.
pub fn mul(a: Decimal, b: Decimal) -> Result<Decimal, Overflow> {
    match exact_product(a, b) {
        Some(product) => Ok(product),
        None => decimal_product(a, b),
    }
}

fn exact_product(a: Decimal, b: Decimal) -> Option<Decimal> {
    let (x, y) = (a.mantissa(), b.mantissa());
    if x == 0 || y == 0 {
        return Some(Decimal::ZERO);
    }
    let scale = a.scale() + b.scale();
    if scale > 28 {
        return None;
    }
    Decimal::try_from_i128_with_scale(mul_i128(x, y)?, scale).ok()
}

#[inline(never)]
fn decimal_product(a: Decimal, b: Decimal) -> Result<Decimal, Overflow> {
    a.checked_mul(b).ok_or(Overflow)
}

/// Division; callers handle a zero divisor themselves, because what it means is a domain rule.
pub fn div(a: Decimal, b: Decimal) -> Result<Decimal, Overflow> {
    a.checked_div(b).ok_or(Overflow)
}

/// `a × b ÷ c` with the one division last, so a result that is exactly a half cent stays exact
/// (DOMAIN.md §3: 140.91 ÷ 147.62 × 13.09 must give 12.495, not 12.49499…).
pub fn mul_div(a: Decimal, b: Decimal, c: Decimal) -> Result<Decimal, Overflow> {
    div(mul(a, b)?, c)
}

/// How a figure is brought to its places. 四舍五入 is the national rule; some localities' tables
/// cut the digits off (截位) or round every remainder up (进位), and a sheet can say so.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rounding {
    /// 四舍五入: half away from zero.
    #[default]
    HalfUp,
    /// 截位: toward zero (57.895% → 57.89%).
    Truncate,
    /// 进位: away from zero whenever anything is left (57.891% → 57.90%).
    Up,
}

impl Rounding {
    pub fn label(self) -> &'static str {
        match self {
            Rounding::HalfUp => "四舍五入",
            Rounding::Truncate => "截位",
            Rounding::Up => "进位",
        }
    }

    pub fn is_default(&self) -> bool {
        *self == Rounding::HalfUp
    }

    fn strategy(self) -> RoundingStrategy {
        match self {
            Rounding::HalfUp => RoundingStrategy::MidpointAwayFromZero,
            Rounding::Truncate => RoundingStrategy::ToZero,
            Rounding::Up => RoundingStrategy::AwayFromZero,
        }
    }
}

/// `a × b ÷ c` brought to `dp` places the way `mode` says (四舍五入 unless a sheet's convention
/// is otherwise), for a result only ever shown rounded. Computed exactly in integers when they
/// fit, which in the browser's first run is far cheaper than a 28-digit decimal division and
/// never rounds twice; else `round_with(mul_div)`. The result has exactly `dp` places.
pub fn mul_div_round(
    a: Decimal,
    b: Decimal,
    c: Decimal,
    dp: u32,
    mode: Rounding,
) -> Result<Decimal, Overflow> {
    match exact_mul_div_round(a, b, c, dp, mode) {
        Some(v) => Ok(v),
        None => {
            let mut v = round_with(mul_div(a, b, c)?, dp, mode);
            v.rescale(dp);
            Ok(v)
        }
    }
}

/// `a × b ÷ c` rounded to `dp` places in i128 arithmetic: with a = mₐ ÷ 10^sₐ and so on, the
/// result × 10^dp is mₐ·m_b·10^(dp + s_c) ÷ (m_c·10^(sₐ + s_b)). `None` when a step would
/// overflow or `c` is zero (the decimal path then decides).
fn exact_mul_div_round(
    a: Decimal,
    b: Decimal,
    c: Decimal,
    dp: u32,
    mode: Rounding,
) -> Option<Decimal> {
    let divisor = c.mantissa();
    if divisor == 0 || dp > 28 {
        return None;
    }
    let dividend = mul_i128(a.mantissa(), b.mantissa())?;
    let up = i64::from(dp + c.scale()) - i64::from(a.scale() + b.scale());
    let (dividend, divisor) = scaled(dividend, divisor, up)?;
    let (quotient, remainder) = (dividend / divisor, dividend % divisor);
    let away = match mode {
        Rounding::HalfUp => remainder.unsigned_abs().checked_mul(2)? >= divisor.unsigned_abs(),
        Rounding::Truncate => false,
        Rounding::Up => remainder != 0,
    };
    let rounded = match (away, (dividend < 0) == (divisor < 0)) {
        (false, _) => quotient,
        (true, true) => quotient + 1,
        (true, false) => quotient - 1,
    };
    Decimal::try_from_i128_with_scale(rounded, dp).ok()
}

/// `dividend ÷ divisor` made ready for integer division when the quotient must be multiplied
/// by 10^`up`: the dividend multiplied by it, or for a negative `up` the divisor by 10^−up.
#[inline(always)]
fn scaled(dividend: i128, divisor: i128, up: i64) -> Option<(i128, i128)> {
    let power = *POWERS_OF_TEN.get(usize::try_from(up.unsigned_abs()).ok()?)?;
    if up >= 0 {
        Some((mul_i128(dividend, power)?, divisor))
    } else {
        Some((dividend, mul_i128(divisor, power)?))
    }
}

/// 10⁰ to 10³⁸: every power of ten an i128 holds, looked up instead of multiplied out.
const POWERS_OF_TEN: [i128; 39] = {
    let mut powers = [1i128; 39];
    let mut i = 1;
    while i < powers.len() {
        powers[i] = powers[i - 1] * 10;
        i += 1;
    }
    powers
};

/// `x × y`, `None` on overflow. Factors that fit in 64 bits, as a sheet's nearly always do,
/// cannot overflow and skip the checked multiplication's long routine (in the browser's first
/// run a call some 20,000 times at 10,000 rows).
#[inline]
fn mul_i128(x: i128, y: i128) -> Option<i128> {
    if i128::from(x as i64) == x && i128::from(y as i64) == y {
        Some(x * y)
    } else {
        x.checked_mul(y)
    }
}

/// `x < 0`, read from the sign and the digits in place (a negative zero is not below zero).
/// In the browser's first run a decimal comparison is a chain of calls; the scoring rules ask
/// this of every weight, target and score.
#[inline]
pub fn is_negative(x: Decimal) -> bool {
    x.is_sign_negative() && !x.is_zero()
}

/// `x <= 0`, as [`is_negative`] reads it.
#[inline]
pub fn is_not_positive(x: Decimal) -> bool {
    x.is_sign_negative() || x.is_zero()
}

/// Whether two figures are within ten times each other (`a ≤ 10b` and `b ≤ 10a`, exactly):
/// beyond it, figures written in units of different size were more likely counted in one.
/// Too large to work out is not within.
pub fn within_tenfold(a: Decimal, b: Decimal) -> bool {
    let ten = |v: Decimal| v.checked_mul(Decimal::TEN);
    ten(a).is_some_and(|a10| b <= a10) && ten(b).is_some_and(|b10| a <= b10)
}

/// `x.max(Decimal::ZERO)`: zero when `x < 0`, else `x` as it is (a zero keeps its scale).
#[inline]
pub fn at_least_zero(x: Decimal) -> Decimal {
    if is_negative(x) {
        Decimal::ZERO
    } else {
        x
    }
}

/// `a + b` for the sums over rows, where one side is often zero (a leaf's 加减分 and 不适用
/// shares): a zero is told from the digits in place and the other side returned as it is, in
/// the order rust_decimal's addition looks (`0 + -0` is `-0`); only two numbers other than
/// zero go to the long addition, out of line. Panics on overflow as `+` does.
#[inline(always)]
pub fn plus(a: Decimal, b: Decimal) -> Decimal {
    match zero_side(a, b) {
        Some(sum) => sum,
        None => sum(a, b),
    }
}

/// `a.saturating_add(b)`, a zero on either side skipped as in [`plus`].
#[inline(always)]
pub fn saturating_plus(a: Decimal, b: Decimal) -> Decimal {
    match zero_side(a, b) {
        Some(sum) => sum,
        None => saturating_sum(a, b),
    }
}

/// The sum when one side is zero: the other side, as rust_decimal gives it.
#[inline(always)]
fn zero_side(a: Decimal, b: Decimal) -> Option<Decimal> {
    if a.is_zero() {
        Some(b)
    } else if b.is_zero() {
        Some(a)
    } else {
        None
    }
}

#[inline(never)]
fn sum(a: Decimal, b: Decimal) -> Decimal {
    a + b
}

#[inline(never)]
fn saturating_sum(a: Decimal, b: Decimal) -> Decimal {
    a.saturating_add(b)
}

/// 四舍五入: half away from zero, to `dp` decimal places. A value already within `dp` places
/// is returned as it is, as rust_decimal returns it, without the call: most scores (a band's
/// points, what a step deduction leaves) need no rounding.
#[inline(always)]
pub fn round(value: Decimal, dp: u32) -> Decimal {
    if value.scale() <= dp {
        value
    } else {
        round_places(value, dp)
    }
}

#[inline(never)]
fn round_places(value: Decimal, dp: u32) -> Decimal {
    value.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero)
}

/// `value` brought to `dp` places the way `mode` says ([`round`] for 四舍五入).
pub fn round_with(value: Decimal, dp: u32, mode: Rounding) -> Decimal {
    if value.scale() <= dp {
        value
    } else {
        value.round_dp_with_strategy(dp, mode.strategy())
    }
}

/// The number of whole `step`s in `x` (x ≥ 0, step > 0), exactly: a quotient just under an
/// integer never rounds up to it. Divided in integers when they fit (in the browser's first
/// run far cheaper than a 28-digit division checked by multiplication), else in decimals.
pub fn whole_steps(x: Decimal, step: Decimal) -> Result<Decimal, Overflow> {
    match exact_whole_steps(x, step) {
        Some(q) => Ok(q),
        None => decimal_whole_steps(x, step),
    }
}

/// `⌊x ÷ step⌋` in i128: with x = mₓ ÷ 10^sₓ and step = mₛ ÷ 10^sₛ, it is
/// ⌊mₓ·10^sₛ ÷ (mₛ·10^sₓ)⌋. `None` when a step would overflow or the signs are not as asked.
fn exact_whole_steps(x: Decimal, step: Decimal) -> Option<Decimal> {
    let (dividend, divisor) = (x.mantissa(), step.mantissa());
    if dividend < 0 || divisor <= 0 {
        return None;
    }
    let up = i64::from(step.scale()) - i64::from(x.scale());
    let (dividend, divisor) = scaled(dividend, divisor, up)?;
    Decimal::try_from_i128_with_scale(dividend / divisor, 0).ok()
}

/// [`whole_steps`] in decimals: the candidate quotient is checked by multiplication.
fn decimal_whole_steps(x: Decimal, step: Decimal) -> Result<Decimal, Overflow> {
    let mut q = div(x, step)?.floor();
    while q > Decimal::ZERO && mul(q, step)? > x {
        q -= Decimal::ONE;
    }
    while mul(q + Decimal::ONE, step)? <= x {
        q += Decimal::ONE;
    }
    Ok(q)
}

/// Writes `value` rounded to exactly `dp` places: 1.5 → "1.50".
pub fn fixed(value: Decimal, dp: u32) -> String {
    let mut v = round(value, dp);
    if v.is_zero() {
        v.set_sign_positive(true);
    }
    v.rescale(dp);
    v.to_string()
}

/// Writes an amount the way the reports do: thousands separators and `dp` places
/// (23460.84 → "23,460.84").
pub fn amount(value: Decimal, dp: u32) -> String {
    let text = fixed(value, dp);
    let (sign, rest) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text.as_str()),
    };
    let (int, frac) = match rest.find('.') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, ""),
    };
    let mut out = String::with_capacity(text.len() + int.len() / 3);
    out.push_str(sign);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out.push_str(frac);
    out
}

/// Writes a number without trailing zeros, as people write weights and points: 2.50 → "2.5", 5 → "5".
pub fn plain(value: Decimal) -> String {
    let mut v = value.normalize();
    if v.is_zero() {
        v.set_sign_positive(true);
    }
    v.to_string()
}

/// Writes a percentage already multiplied by 100: 96.25 → "96.25%".
pub fn percent(value: Decimal, dp: u32) -> String {
    let mut s = fixed(value, dp);
    s.push('%');
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn rates_are_rounded_exactly() {
        for (a, b, c, dp, expected) in [
            ("554.75", "8.04", "634.00", 2, "7.04"), // 7.035 exactly
            ("-554.75", "8.04", "634.00", 2, "-7.04"),
            ("84192.08", "100", "87354.08", 2, "96.38"),
            ("1", "100", "3", 2, "33.33"),
            ("2", "100", "3", 2, "66.67"),
            ("50", "100", "100", 2, "50.00"),
            ("1", "1", "8", 2, "0.13"), // 0.125
            ("1", "1", "-8", 2, "-0.13"),
            ("0", "100", "7", 2, "0.00"),
            ("96.25", "100", "100", 0, "96"),
        ] {
            let got = mul_div_round(d(a), d(b), d(c), dp, Rounding::HalfUp).unwrap();
            assert_eq!(got.to_string(), expected, "{a} × {b} ÷ {c}");
        }
        // Too large for i128: the decimal path gives the same answer.
        let big = d("79228162514264337593543950");
        assert_eq!(
            mul_div_round(big, d("1"), d("2"), 2, Rounding::HalfUp).unwrap(),
            round(mul_div(big, d("1"), d("2")).unwrap(), 2)
        );
    }

    use proptest::strategy::Just;

    /// Whole steps counted in integers and in decimals, as bytes (scale included).
    fn both_whole_steps(x: Decimal, step: Decimal) -> ([u8; 16], [u8; 16]) {
        let exact = exact_whole_steps(x, step).expect("fits in i128");
        let decimal = decimal_whole_steps(x, step).unwrap();
        (exact.serialize(), decimal.serialize())
    }

    proptest::proptest! {
        /// The sign tests are the comparisons with zero they stand for, negative zeros too; and
        /// `at_least_zero` gives what `max` gives, scale included.
        #[test]
        fn sign_tests_are_comparisons_with_zero(m in -3i64..3, scale in 0u32..4, negative_zero: bool) {
            let mut x = Decimal::new(m, scale);
            if negative_zero && m == 0 {
                x.set_sign_negative(true);
            }
            proptest::prop_assert_eq!(is_negative(x), x < Decimal::ZERO);
            proptest::prop_assert_eq!(is_not_positive(x), x <= Decimal::ZERO);
            let max = x.max(Decimal::ZERO);
            proptest::prop_assert_eq!(at_least_zero(x).serialize(), max.serialize());
        }

        /// Skipping a zero side gives what rust_decimal's addition gives, scale and sign of
        /// the result included (negative zeros and zeros with places too).
        #[test]
        fn a_sum_with_zero_is_the_sum(
            a in -3i64..3, sa in 0u32..4, na: bool,
            b in proptest::prop_oneof![-3i64..3, proptest::num::i64::ANY], sb in 0u32..4, nb: bool,
        ) {
            let signed = |m: i64, scale: u32, negative: bool| {
                let mut x = Decimal::new(m, scale);
                if negative && m == 0 {
                    x.set_sign_negative(true);
                }
                x
            };
            let (a, b) = (signed(a, sa, na), signed(b, sb, nb));
            for (x, y) in [(a, b), (b, a)] {
                proptest::prop_assert_eq!(plus(x, y).serialize(), (x + y).serialize());
                proptest::prop_assert_eq!(
                    saturating_plus(x, y).serialize(),
                    x.saturating_add(y).serialize()
                );
            }
        }

        /// Rounding a value already within the places is rust_decimal's rounding of it.
        #[test]
        fn rounding_what_needs_none_is_rust_decimals(m: i64, scale in 0u32..=28, dp in 0u32..=28) {
            let x = Decimal::new(m, scale);
            let theirs = x.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero);
            proptest::prop_assert_eq!(round(x, dp).serialize(), theirs.serialize());
        }

        /// A product in integers is rust_decimal's, byte for byte: zeros, signs, scales, and
        /// digits past 64 bits (which go to rust_decimal).
        #[test]
        fn products_in_integers_are_rust_decimals(
            a in proptest::prop_oneof![Just(0i64), -1000i64..1000, proptest::num::i64::ANY],
            sa in 0u32..=28,
            b in proptest::prop_oneof![Just(0i64), -1000i64..1000, proptest::num::i64::ANY],
            sb in 0u32..=28,
            wide: bool,
            negative_zero: bool,
        ) {
            let mut x = Decimal::new(a, sa);
            if negative_zero && a == 0 {
                x.set_sign_negative(true);
            }
            let y = if wide {
                Decimal::from_i128_with_scale(i128::from(b) * 1_000_000_000, sb)
            } else {
                Decimal::new(b, sb)
            };
            for (p, q) in [(x, y), (y, x)] {
                let ours = mul(p, q).map(|v| v.serialize());
                let theirs = p.checked_mul(q).map(|v| v.serialize()).ok_or(Overflow);
                proptest::prop_assert_eq!(ours, theirs, "{} × {}", p, q);
            }
        }

        /// Whole steps counted in integers are the ones counted in decimals, scale included.
        #[test]
        fn whole_steps_in_integers_agree_with_decimals(
            x in 0i64..100_000_000_000, sx in 0u32..8,
            step in 1i64..10_000_000, ss in 0u32..8,
        ) {
            let (x, step) = (Decimal::new(x, sx), Decimal::new(step, ss));
            let (exact, decimal) = both_whole_steps(x, step);
            proptest::prop_assert_eq!(exact, decimal, "{} ÷ {}", x, step);
        }

        /// And on the edges, where counting goes wrong: exact multiples of the step and one
        /// unit of the last place either side of them.
        #[test]
        fn whole_steps_on_the_edges(
            step in 1i64..100_000, ss in 0u32..5, k in 0i64..10_000, finer in 0u32..4,
            nudge in -1i64..=1,
        ) {
            let sx = ss + finer;
            let x = (step * k * 10i64.pow(finer) + nudge).max(0);
            let (x, step) = (Decimal::new(x, sx), Decimal::new(step, ss));
            let (exact, decimal) = both_whole_steps(x, step);
            proptest::prop_assert_eq!(exact, decimal, "{} ÷ {}", x, step);
        }

        /// The integer path agrees with rounding the decimal quotient.
        #[test]
        fn exact_rates_agree_with_decimal_division(
            a in -10_000_000_000_000i64..10_000_000_000_000, sa in 0u32..6,
            b in -1_000_000i64..1_000_000, sb in 0u32..4,
            c in 1i64..10_000_000_000_000, sc in 0u32..6, negative in proptest::bool::ANY,
            dp in 0u32..5, mode in 0usize..3,
        ) {
            let mode = [Rounding::HalfUp, Rounding::Truncate, Rounding::Up][mode];
            let (a, b) = (Decimal::new(a, sa), Decimal::new(b, sb));
            let c = Decimal::new(if negative { -c } else { c }, sc);
            let by_decimals = round_with(mul_div(a, b, c).unwrap(), dp, mode);
            let exact = exact_mul_div_round(a, b, c, dp, mode).expect("fits in i128");
            proptest::prop_assert_eq!(exact, by_decimals);
            proptest::prop_assert_eq!(exact.scale(), dp);
        }
    }

    #[test]
    fn truncates_and_rounds_up_as_asked() {
        let rate = |a: &str, c: &str, dp, mode| {
            mul_div_round(d(a), Decimal::ONE_HUNDRED, d(c), dp, mode)
                .unwrap()
                .to_string()
        };
        // 1157.9 ÷ 2000 = 57.895%: 四舍五入 57.90, 截位 57.89; 6708 ÷ 7143.45 = 93.904…%.
        assert_eq!(rate("1157.9", "2000", 2, Rounding::HalfUp), "57.90");
        assert_eq!(rate("1157.9", "2000", 2, Rounding::Truncate), "57.89");
        assert_eq!(rate("6708", "7143.45", 0, Rounding::Truncate), "93");
        assert_eq!(rate("6708", "7143.45", 0, Rounding::HalfUp), "94");
        assert_eq!(rate("6708", "7143.45", 1, Rounding::Up), "94.0");
        assert_eq!(rate("1", "4", 0, Rounding::Up), "25");
        assert_eq!(
            round_with(d("-1.231"), 2, Rounding::Up).to_string(),
            "-1.24"
        );
        assert_eq!(
            round_with(d("-1.239"), 2, Rounding::Truncate).to_string(),
            "-1.23"
        );
    }

    #[test]
    fn rounds_half_away_from_zero() {
        for (input, expected) in [
            ("7.035", "7.04"),
            ("12.495", "12.50"),
            ("-7.035", "-7.04"),
            ("1.8732", "1.87"),
            ("0.005", "0.01"),
            ("0.0049999", "0.00"),
        ] {
            assert_eq!(fixed(d(input), 2), expected, "{input}");
        }
    }

    #[test]
    fn multiply_before_divide_keeps_the_half_cent() {
        let w = d("13.09");
        let t = d("147.62");
        let a = d("140.91");
        let divide_first = a / t * w;
        assert_eq!(
            fixed(divide_first, 2),
            "12.49",
            "the trap this helper avoids"
        );
        assert_eq!(fixed(mul_div(w, a, t).unwrap(), 2), "12.50");
    }

    #[test]
    fn formats_amounts_like_the_reports() {
        assert_eq!(amount(d("23460.84"), 2), "23,460.84");
        assert_eq!(amount(d("420"), 2), "420.00");
        assert_eq!(amount(d("-1234567.891"), 2), "-1,234,567.89");
        assert_eq!(amount(d("100"), 2), "100.00");
        assert_eq!(percent(d("97.1540"), 2), "97.15%");
        assert_eq!(plain(d("2.50")), "2.5");
        assert_eq!(fixed(d("-0.001"), 2), "0.00");
    }

    #[test]
    fn whole_steps_counts_exactly() {
        assert_eq!(whole_steps(d("9.0"), d("5")).unwrap(), d("1"));
        assert_eq!(whole_steps(d("10"), d("5")).unwrap(), d("2"));
        assert_eq!(whole_steps(d("0"), d("5")).unwrap(), d("0"));
        // 1 ÷ 3 × 3 style traps: 0.9999… must not become a whole step.
        assert_eq!(
            whole_steps(d("0.9999999999"), d("0.3333333333")).unwrap(),
            d("3")
        );
        assert_eq!(
            whole_steps(d("0.9999999998"), d("0.3333333333")).unwrap(),
            d("2")
        );
    }

    #[test]
    fn overflow_is_an_error_not_a_panic() {
        assert_eq!(mul(Decimal::MAX, d("2")), Err(Overflow));
        assert_eq!(add(Decimal::MAX, Decimal::MAX), Err(Overflow));
    }
}
