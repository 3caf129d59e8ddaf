//! One line per case, in the style of fend's `test_eval`: a leaf described in a few words, the
//! score it must get (or `!code` for the finding that leaves it unscored).
//!
//! `case(rule, comparison, 分值, 年度指标值, 实际完成值, 得分栏, expected)` where `rule` is
//! shorthand: "" (by the comparison), "ratio" (lower: W×T÷A), "budget", "step:S:P[:excl][@threshold]",
//! "interval[-rate]:min..max=points|…", "occ:P", "qual", "yes_no", "manual", "adj:bound".

use jixiao::engine::Calculator;
use jixiao::model::{Band, IntervalBasis, LowerVariant, Node, Rule, Sheet, SheetKind};
use jixiao::rules::{
    Adjustment, BudgetExecution, Coefficient, Interval, Manual, PerOccurrence, Qualitative, Ratio,
    Step, YesNo,
};

fn rule(spec: &str) -> Option<Rule> {
    let (kind, rest) = spec.split_once(':').unwrap_or((spec, ""));
    Some(match kind {
        "" => return None,
        "linear" => Rule::Ratio(Ratio {
            lower: LowerVariant::Linear,
        }),
        "ratio" => Rule::Ratio(Ratio {
            lower: LowerVariant::Ratio,
        }),
        "budget" => Rule::BudgetExecution(BudgetExecution::default()),
        "step" => {
            let (params, threshold) = rest.split_once('@').unwrap_or((rest, ""));
            let parts: Vec<&str> = params.split(':').collect();
            Rule::Step(Step {
                threshold: threshold.into(),
                step: parts[0].into(),
                points: parts[1].into(),
                inclusive: parts.get(2) != Some(&"excl"),
            })
        }
        "interval" | "interval-rate" => Rule::Interval(Interval {
            basis: if kind == "interval" {
                IntervalBasis::Actual
            } else {
                IntervalBasis::Rate
            },
            bands: rest
                .split('|')
                .map(|b| {
                    let (range, points) = b.split_once('=').unwrap();
                    let (min, max) = range.split_once("..").unwrap();
                    Band {
                        min: min.into(),
                        max: max.into(),
                        points: points.into(),
                    }
                })
                .collect(),
        }),
        "occ" => Rule::PerOccurrence(PerOccurrence {
            points: rest.into(),
        }),
        "qual" => Rule::Qualitative(Qualitative {}),
        "yes_no" => Rule::YesNo(YesNo {}),
        "manual" => Rule::Manual(Manual {}),
        "coefficient" => Rule::Coefficient(Coefficient {}),
        "adj" => Rule::Adjustment(Adjustment { bound: rest.into() }),
        other => panic!("unknown rule shorthand {other}"),
    })
}

/// Scores one leaf as a whole sheet and returns its score, or `!code` of its first error.
fn score_of(spec: &str, cmp: &str, w: &str, t: &str, a: &str, s: &str) -> String {
    score_under("{}", spec, cmp, w, t, a, s)
}

/// A sheet of one leaf, under the settings given as the file writes them.
fn one_leaf(settings: &str, spec: &str, cmp: &str, w: &str, t: &str, a: &str, s: &str) -> Sheet {
    let mut leaf = Node::leaf("指标", w, rule(spec));
    leaf.comparison = jixiao::comparison::Comparison::parse(cmp);
    leaf.target = t.into();
    leaf.actual = a.into();
    leaf.score = s.into();
    leaf.reason = "已说明".into();
    let mut sheet = Sheet::new(SheetKind::Project);
    sheet.settings = serde_json::from_str(settings).expect("settings as the file writes them");
    sheet.indicators = vec![leaf];
    sheet
}

fn score_under(
    settings: &str,
    spec: &str,
    cmp: &str,
    w: &str,
    t: &str,
    a: &str,
    s: &str,
) -> String {
    let calc = Calculator::new(one_leaf(settings, spec, cmp, w, t, a, s));
    match calc.score(0) {
        Some(score) => format!("{score:.2}"),
        None => {
            let d = calc.diagnostics();
            let first = d
                .iter()
                // The sheet's findings, and the note of a numeral read, are not the leaf's reason.
                .find(|d| {
                    !["total_weight_mismatch", "incomplete", "chinese_numeral"]
                        .contains(&d.problem.code())
                })
                .map(|d| d.problem.code())
                .unwrap_or("none");
            format!("!{first}")
        }
    }
}

#[track_caller]
fn case(spec: &str, cmp: &str, w: &str, t: &str, a: &str, s: &str, expected: &str) {
    let got = score_of(spec, cmp, w, t, a, s);
    assert_eq!(
        got, expected,
        "rule {spec:?} {cmp} W={w} T={t:?} A={a:?} S={s:?}"
    );
}

#[test]
fn domain_section_6() {
    case("", "≥", "8.04", "634.00", "554.75", "", "7.04"); // floats give 7.03
    case("", "≥", "13.09", "147.62", "140.91", "", "12.50"); // divide-first gives 12.49
    case("", "≥", "8", "100", "87", "", "6.96");
    case("", "≤", "10", "90", "99", "", "9.00");
    case("ratio", "≤", "10", "90", "99", "", "9.09");
    case("budget", "", "2", "16,061.02", "15,042.65", "", "1.87");
    case("step:5.0%:0.5", "≤", "2", "0%", "9.0%", "", "1.50");
}

#[test]
fn ratio_higher_is_better() {
    case("", "≥", "10", "100", "100", "", "10.00");
    case("", "≥", "10", "100", "150", "", "10.00"); // capped at W
    case("", ">", "10", "100", "99", "", "9.90");
    case("", "≥", "10", "95%", "95%以上", "", "!comparison_in_actual"); // was full marks
    case("", "≥", "2", "100%", "97.95%", "", "1.96");
    case("", "≥", "2", "25", "24", "", "1.92");
    case("", "≥", "5", "３", "２", "", "3.33");
    case("", "≥", "5", "≥90分", "85分", "", "4.72");
    case("", "", "5", "≥90分", "85分", "", "4.72"); // comparison read from the target
    case("", "≥", "3", "1,000", "333", "", "1.00"); // 0.999 → 1.00
    case("", "≥", "10", "100", "-5", "", "0.00"); // never below 0
    case("", "≥", "10", "0", "0", "", "10.00"); // target 0: defined, full marks
    case("", "≥", "10", "0", "-1", "", "0.00");
    // A negative target (a growth rate of −10% or better): met or not, against the target
    // itself, not against 0.
    case("", "≥", "10", "-10", "-5", "", "10.00");
    case("", "≥", "10", "-10", "-12", "", "0.00");
    case("", "≥", "10", "100", "", "", "!missing");
    case("", "≥", "10", "", "5", "", "!missing");
    case("", "≥", "", "100", "5", "", "!missing");
    case("", "≥", "10", "100", "五十", "", "5.00"); // Chinese numeral, reported as info
    case(
        "",
        "≥",
        "10",
        "100",
        "共1487宗其中1宗超期",
        "",
        "!unreadable",
    );
    case("", "≥", "10", "100", "1e5", "", "!unreadable");
    case("", "≥", "10%", "100", "5", "", "!percent_weight");
    case("", "≥", "-1", "100", "5", "", "!negative");
}

#[test]
fn rounding_is_half_away_from_zero_at_the_cent() {
    case("", "≥", "1", "8", "0.1", "", "0.01"); // 0.0125 → 0.01
    case("", "≥", "1", "200", "1", "", "0.01"); // 0.005 → 0.01
    case("", "≥", "1", "400", "1", "", "0.00"); // 0.0025 → 0.00
    case("", "≥", "3", "8", "7", "", "2.63"); // 2.625 → 2.63
    case("", "≥", "10", "16", "1", "", "0.63"); // 0.625 → 0.63
    case("", "≥", "2", "3", "1", "", "0.67"); // 0.666… → 0.67
    case("", "≥", "1", "3", "1", "", "0.33");
}

#[test]
fn lower_is_better_both_variants() {
    case("", "≤", "10", "90", "90", "", "10.00");
    case("", "≤", "10", "90", "80", "", "10.00");
    case("", "<", "10", "90", "99", "", "9.00");
    case("", "≤", "10", "90", "180", "", "0.00"); // A = 2T
    case("", "≤", "10", "90", "500", "", "0.00"); // far beyond: floor 0

    // The 完成率 stops at 0% with the score: (6 − 7) ÷ 3 = −33.33% meant nothing on a form.
    for (a, expected, words) in [
        ("7天", "0.00 0.00%", "一倍及以上"),
        ("4天", "6.67 66.67%", "按超出比例扣减"),
    ] {
        convention("{}", "", "≤", "10", "3天", a, "", expected, words);
    }
    case("ratio", "≤", "10", "90", "180", "", "5.00");
    case("ratio", "<", "10", "90", "99", "", "9.09");
    case("", "≤", "2", "100%", "98.22%", "", "2.00");
    case("", "≤", "2", "0%", "0%", "", "2.00"); // target 0, met
    case("", "≤", "2", "0", "3", "", "0.00"); // target 0, exceeded
    case("", "≤", "10", "≤-5%", "-3%", "", "0.00"); // 三公经费增长率: not met
    case("", "≤", "10", "≤-5%", "-6%", "", "10.00");
    case("", "", "4", "不超过3天", "4天", "", "2.67"); // 4 × (6 − 4) ÷ 3
    case("", "", "4", "不超过三天", "3天", "", "4.00");
    case("", "", "2", "一年事故次数低于 3次", "0 次", "", "2.00");
}

#[test]
fn comparisons_as_a_chinese_input_method_types_them() {
    case("", "", "10", "《=3天", "2天", "", "10.00"); // was =: 6.67
    case("", "", "10", "《3天", "4天", "", "6.67"); // <
    case("", "", "10", "》=0", "5", "", "10.00"); // was =: 0.00
    case("", "", "10", "=<3天", "4天", "", "6.67"); // was <, the same score
    case("", "", "10", "《预算法》 100", "90", "", "9.00"); // a title's, no comparison
                                                            // In the 比较方式 column too (a pasted table's, or a sheet file's): was ≥ or refused.
    case("", "《=", "10", "3", "4", "", "6.67");
    case("", "》=", "10", "4", "3", "", "7.50");
    case("", "《", "10", "3", "3", "", "10.00");
    let file = |cmp: &str| {
        let text = format!(
            r#"{{"format":"jixiao-sheet","version":2,"kind":"project","indicators":[{{"name":"指标","weight":"10","comparison":"{cmp}","target":"3","actual":"4"}}]}}"#
        );
        jixiao::load::load(&text).map(|s| s.indicators[0].comparison)
    };
    assert_eq!(
        file("《=").ok(),
        Some(Some(jixiao::comparison::Comparison::AtMost))
    );
    assert_eq!(
        file("》=").ok(),
        Some(Some(jixiao::comparison::Comparison::AtLeast))
    );
}

/// The 比较方式 column reads the words a target cell reads (`不超100人` is ≤): was refused,
/// the row scored as ≥.
#[test]
fn the_comparison_column_reads_the_words_a_cell_reads() {
    case("", "不超", "10", "3", "4", "", "6.67");
    case("", "未超", "10", "3", "4", "", "6.67");
    case("", "至多", "10", "3", "4", "", "6.67");
    case("", "最多", "10", "3", "4", "", "6.67");
    case("", "以内", "10", "3", "4", "", "6.67");
    case("", "不多于", "10", "3", "4", "", "6.67");
    case("", "不足", "10", "3", "4", "", "6.67");
    case("", "至少", "10", "4", "3", "", "7.50");
    case("", "最少", "10", "4", "3", "", "7.50");
    case("", "以上", "10", "4", "3", "", "7.50");
    case("", "不超", "10", "≥3", "4", "", "!comparison_conflict"); // ≤ against the target's ≥
}

#[test]
fn equals() {
    case("", "=", "5", "0", "0", "", "5.00");
    case("", "=", "5", "0", "1", "", "0.00");
    case("", "=", "5", "100", "100", "", "5.00");
    case("", "=", "5", "100", "80", "", "4.00");
}

#[test]
fn budget_execution() {
    case("budget", "", "10", "420.00", "404.25", "", "9.63");
    case("budget", "", "10", "2,000.00", "1,401.84", "", "7.01");
    case("budget", "", "10", "100", "120", "", "10.00"); // overspent: capped, flagged
    case("budget", "", "10", "0", "0", "", "!zero_budget");
    case("budget", "", "10", "100", "-1", "", "!negative");
}

#[test]
fn step_deduction() {
    case("step:5%:0.5", "≤", "2", "0%", "4.99%", "", "2.00");
    case("step:5%:0.5", "≤", "2", "0%", "5%", "", "1.50"); // （含）: the boundary counts
    case("step:5%:0.5:excl", "≤", "2", "0%", "5%", "", "2.00"); // 不含: it does not
    case("step:5%:0.5:excl", "≤", "2", "0%", "5.01%", "", "1.50");
    case("step:5%:0.5", "≤", "2", "0%", "10%", "", "1.00");
    case("step:5%:0.5", "≤", "2", "0%", "100%", "", "0.00"); // floor 0
    case("step:1%:0.1@95%", "≥", "1", "", "92.5%", "", "0.80"); // below 95%: 2 full points
    case("step:1%:0.1", "≥", "1", "95%", "96%", "", "1.00");
    case("step:0:0.1", "≤", "1", "0", "3", "", "!step_not_positive");
    case("step:5%:-1", "≤", "1", "0", "3", "", "!negative");
    // = 0 is met from below (DOMAIN.md §4): each step above 0 is deducted. Was 5.00, met.
    case("step:1:1", "=", "5", "0", "2", "", "3.00");
    case("step:1:1", "=", "5", "0起", "2起", "", "3.00");
    case("step:1:1", "", "5", "=0起", "2起", "", "3.00");
    case("step:1:1", "=", "5", "0", "0", "", "5.00");
    case("step:1:1", "=", "5", "0", "-1", "", "5.00");
    case("step:1%:0.1", "=", "1", "95%", "93%", "", "0.80"); // = any other target: as ≥
    case("step:1%:0.1", "=", "1", "95%", "99%", "", "1.00");
}

#[test]
fn interval_table() {
    let bands = "interval:90%..=5|80%..90%=4|60%..80%=3|..60%=0";
    case(bands, "", "5", "", "95%", "", "5.00");
    case(bands, "", "5", "", "90%", "", "5.00"); // half-open: 90 is in [90, ∞)
    case(bands, "", "5", "", "89.99%", "", "4.00");
    case(bands, "", "5", "", "60%", "", "3.00");
    case(bands, "", "5", "", "10%", "", "0.00");
    case("interval:80..=5", "", "5", "", "70", "", "0.00"); // in no band: 0, warned
    case(
        "interval-rate:100..=4|50..100=2",
        "",
        "4",
        "200",
        "150",
        "",
        "2.00",
    ); // rate 75%
    case("interval:90..=6", "", "5", "", "95", "", "!bad_band"); // points above W
    case("interval:90..80=1", "", "5", "", "95", "", "!bad_band"); // min ≥ max
}

#[test]
fn per_occurrence() {
    case("occ:1", "", "5", "", "0", "", "5.00");
    case("occ:1", "", "5", "", "无", "", "5.00");
    case("occ:1", "", "5", "", "2次", "", "3.00");
    case("occ:1", "", "5", "", "9", "", "0.00"); // floor 0
    case("occ:0.5", "", "2", "", "1", "", "1.50");
    case("occ:1", "", "5", "", "1.5", "", "!not_a_count");
    case("occ:1", "", "5", "", "-1", "", "!not_a_count");
}

#[test]
fn qualitative() {
    case("qual", "定性", "10", "", "达成", "9", "9.00");
    case("", "定性", "10", "", "达成", "8", "8.00"); // the comparison implies the rule
    case("qual", "", "10", "", "部分达成", "7.99", "7.99");
    case("qual", "", "10", "", "部分达成", "8", "8.00"); // outside [6, 8): counted, warned
    case("qual", "", "10", "", "未达成", "5", "5.00");
    case("qual", "", "10", "", "达成", "", "!missing");
    case("qual", "", "10", "", "达成", "11", "!score_out_of_range");
}

/// `convention(settings, rule, comparison, W, T, A, 得分栏, "score rate", words)`: the score and
/// rate under a sheet's own convention, and words its derivation must contain.
#[allow(clippy::too_many_arguments)]
#[track_caller]
fn convention(
    settings: &str,
    spec: &str,
    cmp: &str,
    w: &str,
    t: &str,
    a: &str,
    s: &str,
    expected: &str,
    words: &str,
) {
    let report = Calculator::new(one_leaf(settings, spec, cmp, w, t, a, s)).report();
    let node = &report.nodes[0];
    let got = format!(
        "{} {}",
        node.score.as_deref().unwrap_or("—"),
        node.rate.as_deref().unwrap_or("—")
    );
    assert_eq!(got, expected, "{settings} {spec} W={w} T={t} A={a} S={s}");
    let derivation = node.derivation.as_deref().unwrap_or_default();
    assert!(
        derivation.contains(words),
        "{derivation:?} should say {words:?}"
    );
}

#[test]
fn conventions_are_settings() {
    let none = "{}";
    // 37.24 ÷ 43.2: 86.20% and 8.62 of 10 nationally; 86% and 9 where both are whole numbers.
    convention(
        none,
        "",
        "≥",
        "10",
        "43.2",
        "37.24",
        "",
        "8.62 86.20%",
        "计算得8.62分",
    );
    let whole = r#"{"score_decimals":0,"rate_decimals":0}"#;
    convention(
        whole,
        "",
        "≥",
        "10",
        "43.2",
        "37.24",
        "",
        "9 86%",
        "完成率86%，计算得9分（本表约定：完成率四舍五入取整，得分四舍五入取整）",
    );
    // 1157.9 ÷ 2000 = 57.895%: 截位 57.89%, 进位 57.90%, the score likewise.
    let cut = r#"{"rate_rounding":"truncate","score_rounding":"truncate"}"#;
    convention(
        cut,
        "",
        "≥",
        "10",
        "2000",
        "1157.9",
        "",
        "5.78 57.89%",
        "完成率截位保留2位小数",
    );
    let up = r#"{"rate_rounding":"up","score_rounding":"up"}"#;
    convention(
        up,
        "",
        "≥",
        "10",
        "2000",
        "1157.1",
        "",
        "5.79 57.86%",
        "得分进位保留2位小数",
    );
    // Target 98%, actual 98%, weight 20: 19.6 where the actual is the coefficient.
    convention(
        none,
        "",
        "≥",
        "20",
        "98%",
        "98%",
        "",
        "20.00 100.00%",
        "得满分20分",
    );
    let coefficient = r#"{"actual_as_coefficient":true}"#;
    convention(
        coefficient,
        "",
        "≥",
        "20",
        "98%",
        "98%",
        "",
        "19.60 100.00%",
        "以实际完成值为得分系数",
    );
    convention(
        coefficient,
        "",
        "≥",
        "20",
        "90%",
        "105%",
        "",
        "20.00 116.67%",
        "计算得20分",
    );
    convention(
        coefficient,
        "",
        "≥",
        "20",
        "90",
        "85",
        "",
        "18.89 94.44%",
        "完成率94.44%",
    ); // not a percentage
       // 预算执行率 over 100%: capped at W nationally, W × rate where the sheet says so.
    convention(
        none,
        "budget",
        "",
        "10",
        "100",
        "105",
        "",
        "10.00 105.00%",
        "达到100%，得满分10分",
    );
    let uncapped = r#"{"budget_uncapped":true}"#;
    convention(
        uncapped,
        "budget",
        "",
        "10",
        "100",
        "105",
        "",
        "10.50 105.00%",
        "不设上限，计算得10.5分",
    );
    // 定性 bands 80 / 50: 5.5 of 10 is 部分达成 there, 未达成's band nationally.
    convention(
        none,
        "qual",
        "",
        "10",
        "",
        "部分达成",
        "5.5",
        "5.50 —",
        "（6–8分）",
    );
    let bands = r#"{"qualitative_bands":["80%","50%"]}"#;
    convention(
        bands,
        "qual",
        "",
        "10",
        "",
        "部分达成",
        "5.5",
        "5.50 —",
        "（5–8分）",
    );
    // 得分系数法: W × the coefficient typed in 实际完成值.
    convention(
        none,
        "coefficient",
        "",
        "10",
        "",
        "0.85",
        "",
        "8.50 —",
        "得分系数为0.85",
    );
    convention(
        none,
        "coefficient",
        "",
        "15",
        "",
        "87%",
        "",
        "13.05 —",
        "得分系数为87%，分值15分，计算得13.05分",
    );
    case(
        "coefficient",
        "",
        "10",
        "",
        "1.2",
        "",
        "!coefficient_out_of_range",
    );
    case(
        "coefficient",
        "",
        "10",
        "",
        "-0.1",
        "",
        "!coefficient_out_of_range",
    );
    case("coefficient", "", "10", "", "", "", "!missing");
}

#[test]
fn a_convention_out_of_range_is_refused_at_its_setting() {
    for bad in [
        r#"["60%","80%"]"#,
        r#"["80%"]"#,
        r#"["120%","60%"]"#,
        r#"["八成","60%"]"#,
    ] {
        let settings = format!(r#"{{"qualitative_bands":{bad}}}"#);
        let calc = Calculator::new(one_leaf(&settings, "qual", "", "10", "", "部分达成", "7"));
        let codes: Vec<_> = calc
            .diagnostics()
            .iter()
            .map(|d| d.problem.code())
            .collect();
        assert!(codes.contains(&"bad_setting"), "{bad}: {codes:?}");
        assert_eq!(
            calc.score(0).map(|s| s.to_string()).as_deref(),
            Some("7"),
            "{bad}"
        );
    }
}

#[test]
fn yes_no_manual_adjustment() {
    case("yes_no", "", "3", "", "是", "", "3.00");
    case("yes_no", "", "3", "", "√", "", "3.00");
    case("yes_no", "", "3", "", "否", "", "0.00");
    case("yes_no", "", "3", "", "未完成", "", "0.00");
    case("yes_no", "", "3", "", "也许", "", "!not_yes_no");
    case("yes_no", "", "3", "", "", "", "!missing");
    case("manual", "", "20", "", "", "19.99", "19.99");
    case("manual", "", "20", "", "", "19.995", "20.00");
    case("manual", "", "20", "", "", "20.5", "!score_out_of_range");
    case("manual", "", "20", "", "", "", "!missing");
    case("adj:5", "", "5", "", "", "", "0.00");
    case("adj:5", "", "", "", "", "+2", "2.00");
    case("adj:5", "", "5", "", "", "-3.5", "-3.50");
    case("adj:5", "", "5", "", "", "-6", "!adjustment_out_of_bound");
    // The words say which way: 扣1分 is −1 (it was added, turning 89.19 良 into 91.19 优).
    for (typed, score) in [
        ("扣1分", "-1.00"),
        ("减1分", "-1.00"),
        ("扣除1分", "-1.00"),
        ("减分1", "-1.00"),
        ("扣0.5", "-0.50"),
        ("1（扣分）", "-1.00"),
        ("加1分", "1.00"),
        ("加分 2", "2.00"),
        ("扣-1分", "-1.00"),
        ("-0.5（扣分）", "-0.50"),
        ("加减分：-1", "-1.00"),
        ("0（无加减分）", "0.00"),
        ("加-1", "!adjustment_two_ways"),
        ("加分，扣0.5分", "!adjustment_two_ways"),
        ("扣6分", "!adjustment_out_of_bound"),
    ] {
        case("adj:5", "", "5", "", "", typed, score);
    }
    // Typed where the form's 实际完成值 (or 年度指标值) column invites it, the score left blank:
    // said, never a silent 0; words alone there are a note.
    for typed in [
        "扣1分",
        "-1",
        "+0.5",
        "加0.5分",
        "减 0.5 分",
        "扣一分",
        "1（扣分）",
    ] {
        case("adj:5", "", "5", "", typed, "", "!adjustment_elsewhere");
    }
    // A note there, a bound as the target, nothing to add: no figure of the row's.
    for note in [
        "无加减分项",
        "0",
        "1",
        "较上年减少2起违纪",
        "2023年无加分和减分事项",
        "加强内控，新建3项制度",
    ] {
        case("adj:5", "", "5", "", note, "", "0.00");
    }
    case("adj:5", "", "5", "≤5分", "", "", "0.00");
    case("adj:5", "", "5", "加0.5分", "", "", "0.00");
    case("adj:5", "", "5", "", "扣1分", "-1", "-1.00");
    // A score typed by hand is the score, not what was taken off it.
    case("manual", "", "10", "", "", "扣1分", "!score_as_change");
    case("manual", "", "10", "", "", "10（未扣分）", "10.00");
    case("manual", "", "10", "", "", "5分（不扣分）", "5.00");
    case("qual", "", "10", "", "达成", "加1分", "!score_as_change");
}

/// The formula a leaf's explanation shows, for one leaf described as in [`case`].
fn formula_of(spec: &str, cmp: &str, w: &str, t: &str, a: &str) -> String {
    let mut leaf = Node::leaf("指标", w, rule(spec));
    leaf.comparison = jixiao::comparison::Comparison::parse(cmp);
    leaf.target = t.into();
    leaf.actual = a.into();
    leaf.reason = "已说明".into();
    let mut sheet = Sheet::new(SheetKind::Project);
    sheet.indicators = vec![leaf];
    let report = Calculator::new(sheet).report();
    report.nodes[0].formula.clone().unwrap_or_default()
}

#[track_caller]
fn formula_case(spec: &str, cmp: &str, w: &str, t: &str, a: &str, expected: &str) {
    assert_eq!(
        formula_of(spec, cmp, w, t, a),
        expected,
        "rule {spec:?} {cmp} W={w} T={t} A={a}"
    );
}

/// Each rule that divides shows its exact quotient, then the rounded score where rounding
/// changed it ("=7.035→7.04"), or four places of a quotient that does not end ("≈0.6667→0.67").
#[test]
fn each_division_shows_its_quotient() {
    formula_case(
        "",
        "≥",
        "8.04",
        "634.00",
        "554.75",
        "8.04×554.75÷634=7.035→7.04",
    );
    formula_case("", "≥", "2", "3", "1", "2×1÷3≈0.6667→0.67");
    formula_case("", "≥", "2", "25", "24", "2×24÷25=1.92");
    formula_case("", "≥", "2", "25", "-24", "2×-24÷25=-1.92→0");
    formula_case("", "≤", "5", "10", "12", "5×(2×10−12)÷10=4");
    formula_case("", "≤", "5", "10", "25", "5×(2×10−25)÷10=-2.5→0");
    formula_case("ratio", "≤", "5", "10", "12", "5×10÷12≈4.1667→4.17");
    formula_case(
        "budget",
        "",
        "10",
        "400",
        "363.13",
        "执行数363.13÷预算数400=90.78%；10×363.13÷400≈9.0783→9.08",
    );
    formula_case(
        "budget",
        "",
        "10",
        "400",
        "450",
        "执行数450÷预算数400=112.50%；10×450÷400=11.25，超过分值按10分计",
    );
    // W × A past 28 digits: the score is still exact (divided in integers), and the formula
    // shows it without the decimal quotient it cannot write.
    formula_case(
        "",
        "≥",
        "999999999999999",
        "999999999999999",
        "999999999999998",
        "999999999999999×999999999999998÷999999999999999→999999999999998",
    );
}

/// Issue 15 §3: the comparison written in a target, and actuals that are not actuals.
#[test]
fn the_comparison_written_in_the_target() {
    // Read from the target when the row has no comparison of its own.
    case("", "", "10", "≤3天", "2", "", "10.00");
    case("", "", "10", "3天内", "2天", "", "10.00");
    case("", "", "10", "3个工作日内", "2", "", "10.00");
    case("", "", "10", "最多3天", "4天", "", "6.67");
    case("", "", "10", "未超过3天", "3天", "", "10.00");
    // A column that says otherwise is an error at the cell, not a silent choice.
    case("", "≥", "10", "≤3天", "2", "", "!comparison_conflict");
    case("", "≤", "10", "≥2000件", "2100", "", "!comparison_conflict");
    // Strict stays strict: ≥ and >95% give different answers at exactly 95% (an error there,
    // a warning elsewhere); > at exactly 95% is not met (a warning).
    case("", "≥", "10", ">95%", "95%", "", "!comparison_conflict");
    case("", "≥", "10", ">95%", "90%", "", "9.47");
    case("", "≤", "10", "低于5%", "4%", "", "10.00");
    case("", "", "10", ">95%", "95%", "", "10.00");
    case("", ">", "10", ">95%", "96%", "", "10.00");
    case("", "<", "10", "<3天", "3天", "", "10.00");
    case("", "≥", "10", "≥95%", "95%", "", "10.00");
}

#[test]
fn an_actual_must_be_an_actual() {
    case("", "≥", "10", "95%", "≥95%", "", "!comparison_in_actual");
    case(
        "",
        "≥",
        "10",
        "95%",
        "不低于95%",
        "",
        "!comparison_in_actual",
    );
    case(
        "budget",
        "",
        "10",
        "420.00",
        "≤404.25",
        "",
        "!comparison_in_actual",
    );
    // One side a percentage, the other the same figure as a fraction.
    case("", "≥", "10", "95%", "0.98", "", "!scale_mismatch");
    case("", "≥", "10", "0.95", "98%", "", "!scale_mismatch");
    case("", "≤", "10", "5%", "0.04", "", "!scale_mismatch");
    // Different scales that are not a fraction of each other: scored as written, a warning.
    case("", "≥", "10", "95%", "98", "", "10.00");
    case("", "≥", "10", "100", "60%", "", "6.00");
}

/// Issue found by a new user: `1万人` against `9500人` scored 950000% and full marks.
#[test]
fn target_and_actual_in_units_of_one_size() {
    case("", "≥", "20", "1万人", "9500人", "", "!unit_size_mismatch");
    case(
        "",
        "≥",
        "20",
        "10000人",
        "0.95万人",
        "",
        "!unit_size_mismatch",
    );
    case(
        "",
        "≥",
        "20",
        "1.5万平方米",
        "14000平方米",
        "",
        "!unit_size_mismatch",
    );
    case("", "≥", "20", "1.2万", "12000", "", "!unit_size_mismatch");
    case(
        "",
        "≤",
        "10",
        "1亿元",
        "9000万元",
        "",
        "!unit_size_mismatch",
    );
    case(
        "budget",
        "",
        "10",
        "4,200,000元",
        "404.25万元",
        "",
        "!unit_size_mismatch",
    );
    // The same size on both sides: scored as written.
    case("", "≥", "20", "1万人", "0.95万人", "", "19.00");
    case("", "≥", "20", "10000人", "9500", "", "19.00");
    // A Chinese numeral keeps its size in its unit, as digits do: 一万人 is 1万人.
    case("", "≥", "20", "一万人", "0.95万人", "", "19.00");
    case("", "≥", "20", "一万人", "9500人", "", "!unit_size_mismatch");
    case("", "≥", "10", "95%", "96.5%", "", "10.00");
    // Different words, not sizes of one: left as they are.
    case("", "≥", "10", "100公里", "98千米", "", "9.80");
    case("", "≥", "10", "5个百分点", "4", "", "8.00");
    // Units of one kind named by different words (a tester's 2公里 against 1500米 got full marks,
    // a 完成率 of 75000%): refused as 2千米 against 1500米 is.
    case("", "≥", "10", "2公里", "1500米", "", "!unit_size_mismatch");
    case("", "≥", "10", "2千米", "1500米", "", "!unit_size_mismatch");
    case("", "≥", "10", "5厘米", "40毫米", "", "!unit_size_mismatch");
    case("", "≥", "10", "2吨", "1500千克", "", "!unit_size_mismatch");
    case("", "≥", "10", "2吨", "1500公斤", "", "!unit_size_mismatch");
    case("", "≥", "10", "20公斤", "1500克", "", "!unit_size_mismatch");
    case(
        "",
        "≥",
        "10",
        "3平方公里",
        "2500000平方米",
        "",
        "!unit_size_mismatch",
    );
    case("", "≥", "10", "100亩", "6公顷", "", "!unit_size_mismatch");
    case(
        "",
        "≥",
        "10",
        "100亩",
        "60000平方米",
        "",
        "!unit_size_mismatch",
    );
    case("", "≥", "10", "2万亩", "1500亩", "", "!unit_size_mismatch");
    // Volumes, and 斤 (half a 公斤), were scored as written: 2升 against 1500毫升 got full
    // marks with a 完成率 of 75000%, 100斤 against 60公斤 6 of 10.
    case("", "≥", "10", "2升", "1500毫升", "", "!unit_size_mismatch");
    case(
        "",
        "≥",
        "10",
        "2立方米",
        "1500升",
        "",
        "!unit_size_mismatch",
    );
    case(
        "",
        "≥",
        "10",
        "2万立方米",
        "15000立方米",
        "",
        "!unit_size_mismatch",
    );
    case("", "≥", "10", "100斤", "60公斤", "", "!unit_size_mismatch");
    case("", "≥", "10", "1万斤", "4吨", "", "!unit_size_mismatch");
    case("", "≥", "10", "2升", "1.5公升", "", "7.50");
    case("", "≥", "10", "2000毫升", "1500立方厘米", "", "7.50");
    case("", "≥", "10", "2千升", "1.5立方米", "", "7.50");
    case("", "≥", "10", "100斤", "60斤", "", "6.00");
    // The same size in other words, and a bare number in the unit written beside it: as written.
    case("", "≥", "10", "100公斤", "98千克", "", "9.80");
    case("", "≥", "10", "100平方千米", "98平方公里", "", "9.80");
    case("", "≥", "10", "5万平方米", "4.9万平方米", "", "9.80");
    case("", "≥", "10", "5吨", "4", "", "8.00");
    case("", "≥", "10", "2公里", "1.5", "", "7.50");
    case("", "≥", "10", "2 公里", "1.5 千米", "", "7.50");
    // A unit in brackets, as a form heads a column, is the unit in them.
    case(
        "",
        "≥",
        "10",
        "100（万元）",
        "900000元",
        "",
        "!unit_size_mismatch",
    );
    case(
        "",
        "≥",
        "10",
        "100万元",
        "900000（元）",
        "",
        "!unit_size_mismatch",
    );
    case("", "≥", "10", "100万元", "90（万元）", "", "9.00");
    case("", "≥", "10", "100 万元", "90 万元", "", "9.00");
    // Every rule that compares the actual with the target checks it.
    let rate = "interval-rate:100..=4|50..100=2";
    case(rate, "", "4", "1万人", "9500人", "", "!unit_size_mismatch");
    case(rate, "", "4", "10000人", "9500人", "", "2.00");
    case(
        "step:1%:0.1",
        "≥",
        "1",
        "1万人",
        "9500人",
        "",
        "!unit_size_mismatch",
    );
    case("step:1%:0.1", "≥", "1", "95%", "96%", "", "1.00");
}

/// Found by a tester: 一万二 was read as 10002 and 三千五 as 3005, 负一 as +1 (a 加减分 of 负一
/// added a point) and 万分之五 as the plain number 5.
#[test]
fn chinese_numerals_as_they_are_said() {
    case("", "≥", "50", "15000", "一万二", "", "40.00");
    case("", "≥", "50", "3500", "三千五", "", "50.00");
    case("", "≥", "10", "1500", "一千二", "", "8.00");
    case("", "≥", "10", "500", "二百五", "", "5.00");
    case("", "≥", "10", "30000", "两万三", "", "7.67");
    case("", "≥", "10", "20000", "一万零二", "", "5.00");
    case("", "≥", "10", "3500", "三千零五", "", "8.59");
    case("", "≥", "10", "210", "一百零五", "", "5.00");
    case("", "≥", "10", "一万五", "12000", "", "8.00");
    case("adj:5", "", "5", "", "", "负一", "-1.00");
    case("adj:5", "", "5", "", "", "负五", "-5.00");
    case("adj:5", "", "5", "", "", "负5", "-5.00");
    // 点 between numerals is a decimal point (was refused as two numbers).
    case("adj:5", "", "5", "", "", "负零点五", "-0.50");
    case("", "≥", "10", "1", "零点五", "", "5.00");
    case("", "≥", "10", "2", "一点五", "", "7.50");
    case("", "≥", "10", "三点二五", "3", "", "9.23");
    case("", "≥", "10", "百分之零点五", "0.4%", "", "8.00");
    case("", "≤", "10", "不超过一点五天", "2天", "", "6.67");
    case("adj:5", "", "5", "", "负一", "", "!adjustment_elsewhere");
    case("adj:5", "", "5", "", "负1", "", "!adjustment_elsewhere");
    case("", "≥", "10", "5", "负五", "", "0.00");
    // 万分之五 is 5‱, 千分之三 3‰, 百分之五 5%, each read as the figure written with its sign
    // (千分之三 as 0.3% against 2‰, read as 2 and ‰, scored 0).
    case("", "≤", "10", "千分之三", "2‰", "", "10.00");
    case("", "≤", "10", "万分之五", "3‱", "", "10.00");
    case("", "≤", "10", "万分之五", "6‱", "", "8.00");
    case("", "≤", "10", "万分之5", "10‱", "", "0.00");
    case("", "≤", "10", "千分之三", "4.5‰", "", "5.00");
    case("", "≤", "10", "千分之3", "4.5‰", "", "5.00");
    case("", "≤", "10", "3‰", "千分之四", "", "6.67");
    case("", "≥", "10", "百分之五", "4%", "", "8.00");
    case("", "≥", "10", "百分之五", "百分之四", "", "8.00");
    case("", "≥", "10", "5%", "5千分之", "", "!unreadable");
    // The note at the cell says the figure as it is used, with its %, ‰ or ‱.
    assert_eq!(
        said("{}", "", "≤", "10", "万分之五", "4‱", ""),
        ["年度指标值 chinese_numeral 已将中文数字读作 5‱"]
    );
    assert_eq!(
        said("{}", "", "≥", "10", "百分之五", "5%", ""),
        ["年度指标值 chinese_numeral 已将中文数字读作 5%"]
    );
    assert_eq!(
        said("{}", "", "≥", "10", "100", "负五", ""),
        ["实际完成值 chinese_numeral 已将中文数字读作 -5"]
    );
}

/// Found by a finance officer: 2周 against ≤3天 scored full marks (2 ≤ 3), 48小时 scored 0 with
/// a 完成率 of −1400%. Times in different units are not scored, and the cell says why.
#[test]
fn target_and_actual_times_in_one_unit() {
    case("", "≤", "10", "3天", "2周", "", "!time_unit_mismatch");
    case("", "≤", "10", "≤3天", "48小时", "", "!time_unit_mismatch");
    case("", "≥", "10", "12个月", "1年", "", "!time_unit_mismatch");
    // The same unit in other words, or a 工作日 (not a fixed number of 天): as written.
    case("", "≤", "10", "3天内", "2日", "", "10.00");
    case("", "≥", "10", "12个月", "12月", "", "10.00");
    case("", "≤", "10", "3个工作日", "2天", "", "10.00");
    let (score, _) = in_unit("", "天", "≤3", "2周");
    assert_eq!(score, None, "a bare target is in the row's 天");
    let said: Vec<String> = Calculator::new(one_leaf("{}", "", "≤", "10", "3天", "48小时", ""))
        .report()
        .diagnostics
        .into_iter()
        .filter(|d| d.code == "time_unit_mismatch")
        .map(|d| d.message)
        .collect();
    assert_eq!(
        said,
        ["年度指标值以“天”计，实际完成值以“小时”计：按所写数字计分会错，请把实际完成值换算成“天”后填写"]
    );
}

/// From the lead's notes: `41个` against `≤40万元` was scored as 41万元, `3150 天` against
/// `≥3000人次` as 105%. Units that measure different things (money, a count, a time, a length,
/// an area, a weight, a volume, a percentage) are not scored, and the actual's cell says why;
/// units of one measure in other words are scored as written.
#[test]
fn target_and_actual_in_units_of_one_measure() {
    case("", "≤", "10", "≤40万元", "41个", "", "!unit_kind_mismatch"); // was 9.75
    case(
        "",
        "≥",
        "10",
        "≥3000人次",
        "3150 天",
        "",
        "!unit_kind_mismatch",
    ); // was 10.00
    case("", "≤", "10", "≤30天", "20次", "", "!unit_kind_mismatch");
    case("", "≥", "10", "2公里", "3吨", "", "!unit_kind_mismatch");
    case(
        "",
        "≥",
        "10",
        "500平方米",
        "600米",
        "",
        "!unit_kind_mismatch",
    );
    case("", "≥", "10", "5万元", "6个月", "", "!unit_kind_mismatch");
    case("", "≥", "10", "≥95%", "98人", "", "!unit_kind_mismatch"); // was 10.00, a warning
    case(
        "",
        "≥",
        "10",
        "≥3000人次",
        "105%",
        "",
        "!unit_kind_mismatch",
    ); // was 0.35
    case(
        "budget",
        "",
        "10",
        "420万元",
        "404.25个",
        "",
        "!unit_kind_mismatch",
    ); // was 9.63
    let rate = "interval-rate:100..=4|50..100=2";
    case(rate, "", "4", "≤40万元", "41个", "", "!unit_kind_mismatch");
    // Units of one measure in other words, alternatives in brackets, a bare number: as written.
    case("", "≥", "10", "≥3000人次", "3150人", "", "10.00");
    case("", "≥", "10", "10个", "8项", "", "8.00");
    case("", "≥", "10", "10件", "8个", "", "8.00");
    case("", "≥", "10", "10次", "8场", "", "8.00");
    case("", "≥", "10", "10家", "8户", "", "8.00");
    case("", "≥", "10", "10所", "8家", "", "8.00");
    case("", "≥", "10", "10场（次）", "8场", "", "8.00");
    case("", "≥", "10", "10台（套）", "8套", "", "8.00");
    case("", "≥", "10", "100万元", "98", "", "9.80");
    case("", "≥", "10", "95%", "96%", "", "10.00");
    case("", "≥", "10", "5个百分点", "4%", "", "8.00");
    // Units not plainly one measure are not judged: 分, a rate, a word of its own.
    case("", "≥", "10", "95%", "90分", "", "9.47");
    case("", "≤", "10", "50元/人", "40元", "", "10.00");
    case("", "≥", "10", "10个", "8个项目", "", "8.00");
    // Counted alike, in units of different size: 1万人 against 9500人次 was 950000%.
    case(
        "",
        "≥",
        "20",
        "1万人",
        "9500人次",
        "",
        "!unit_size_mismatch",
    );
    // A bare number is in the row's 计量单位, as for units of different size.
    let mut sheet = one_leaf("{}", "", "≥", "10", "3000", "3150天", "");
    sheet.indicators[0].unit = "人次".into();
    assert_eq!(Calculator::new(sheet).score(0), None);
    let mut sheet = one_leaf("{}", "", "≥", "10", "3000", "3150人", "");
    sheet.indicators[0].unit = "人次".into();
    assert!(Calculator::new(sheet).score(0).is_some());
    assert_eq!(
        said("{}", "", "≤", "10", "≤40万元", "41个", ""),
        ["实际完成值 unit_kind_mismatch 年度指标值以“万元”计（金额），实际完成值以“个”计（数量），不是同一种量，无法比较计分：请填写以“万元”计的实际完成值；如年度指标值的单位写错了，请改正年度指标值"]
    );
}

/// A one-leaf sheet whose 计量单位 is `unit`: its score and what the unit-size check said.
fn in_unit(spec: &str, unit: &str, t: &str, a: &str) -> (Option<String>, Option<String>) {
    let mut sheet = one_leaf("{}", spec, "≥", "20", t, a, "");
    sheet.indicators[0].unit = unit.into();
    let calc = Calculator::new(sheet);
    let said = calc
        .report()
        .diagnostics
        .into_iter()
        .find(|d| d.code == "unit_size_mismatch")
        .map(|d| d.message);
    (calc.score(0).map(|s| format!("{s:.2}")), said)
}

/// A number without a unit is in the row's 计量单位.
#[test]
fn a_bare_number_is_in_the_rows_unit() {
    let scored = |unit: &str, t: &str, a: &str| {
        let (score, said) = in_unit("", unit, t, a);
        (score, said.is_some())
    };
    assert_eq!(scored("万人", "1", "9500人"), (None, true));
    assert_eq!(scored("人", "1万人", "9500"), (None, true));
    assert_eq!(scored("万人", "1", "0.95"), (Some("19.00".into()), false));
    assert_eq!(
        scored("万元", "420.00", "404.25万元"),
        (Some("19.25".into()), false)
    );
    assert_eq!(
        in_unit("", "人", "1万人", "9500").1.as_deref(),
        Some("年度指标值的单位是“万人”，实际完成值的是“人”，相差10000倍：按所写数字计分会错，请两格用同一单位填写")
    );
    // A 预算执行率's 计量单位 is its rate's (%), not its money's (分值 10 of the sheet's 20).
    let budget = |t: &str, a: &str| in_unit("budget", "%", t, a).0;
    assert_eq!(budget("420", "404.25"), Some("19.25".into()));
    assert_eq!(budget("420万", "404.25万"), Some("19.25".into()));
    assert_eq!(budget("4200000元", "404.25万元"), None);
    assert_eq!(
        in_unit("budget", "%", "420万", "404.25").1.as_deref(),
        Some("年度指标值的单位是“万”，实际完成值未写单位，不能确定两者是否同一单位：请在实际完成值后写明单位")
    );
    // Sizes too far apart for a number: said in words.
    let far = in_unit("", "人", "1亿亿亿人", "1人").1;
    assert!(far.is_some_and(|m| m.contains("相差10的24次方倍")));
    // 90 in a row counted in % is 90%: no "一个带%一个不带" warning over it; without the unit, one.
    let percent_said = |unit: &str| {
        let mut sheet = one_leaf("{}", "", "≥", "10", "不低于95%", "90", "");
        sheet.indicators[0].unit = unit.into();
        let report = Calculator::new(sheet).report();
        let said = report
            .diagnostics
            .iter()
            .any(|d| d.code == "percent_mismatch");
        (report.nodes[0].score.clone(), said)
    };
    assert_eq!(percent_said("%"), (Some("9.47".into()), false));
    assert_eq!(percent_said(""), (Some("9.47".into()), true));
}

/// Found opening forms as units send them (no 计量单位 column): `≤40万元` against `39.07` was
/// refused as "相差10000倍", a factor nobody typed. The row's unit is then the target's: 39.07
/// is 39.07万元, unless so read it is nearer the target counted without the unit's size
/// (`1万人` against `9500`), or the unit is a size alone (`1.2万`); refused, the message says
/// only what was typed.
#[test]
fn a_bare_actual_in_a_row_without_a_unit_is_in_the_targets() {
    let case = |unit: &str, t: &str, a: &str| match in_unit("", unit, t, a) {
        (Some(score), None) => score,
        (None, Some(said)) => said,
        other => panic!("{t} {a}: {other:?}"),
    };
    let bare = "年度指标值的单位是“万人”，实际完成值未写单位，不能确定两者是否同一单位：请在实际完成值后写明单位";
    assert_eq!(case("", "40万元", "40.5"), "20.00");
    assert_eq!(case("", "40万元", "39.07"), "19.54");
    assert_eq!(case("", "40千元", "39.07"), "19.54");
    assert_eq!(case("", "4亿元", "3.9"), "19.50");
    assert_eq!(case("", "2万人", "1.5"), "15.00");
    assert_eq!(case("", "2千米", "1.5"), "15.00");
    assert_eq!(case("", "2（万元）", "1.5"), "15.00");
    assert_eq!(case("", "2万元/户", "1.8"), "18.00");
    assert_eq!(case("", "3000人次", "3150"), "20.00");
    assert_eq!(case("万元", "40", "39.07"), "19.54");
    assert_eq!(case("万元", "40万元", "39.07"), "19.54");
    // Read in the target's unit, from a tenth to ten times the target it is scored; beyond,
    // the reading is a guess (50 against 1万人 is not 50万人) and refused.
    assert_eq!(case("", "1万人", "10"), "20.00");
    assert_eq!(case("", "1万人", "0.1"), "2.00");
    assert_eq!(case("", "1万人", "10.01"), bare);
    assert_eq!(case("", "1万人", "0.09"), bare);
    assert_eq!(case("", "1万人", "50"), bare);
    assert_eq!(case("", "1万人", "99"), bare);
    assert_eq!(case("", "1万人", "9500"), bare);
    assert_eq!(case("", "95万元", "0.95"), "年度指标值的单位是“万元”，实际完成值未写单位，不能确定两者是否同一单位：请在实际完成值后写明单位");
    assert_eq!(case("", "1千米", "31.6"), "年度指标值的单位是“千米”，实际完成值未写单位，不能确定两者是否同一单位：请在实际完成值后写明单位");
    assert_eq!(case("", "1千米", "9.5"), "20.00");
    assert_eq!(case("", "1.2万", "12000"), "年度指标值的单位是“万”，实际完成值未写单位，不能确定两者是否同一单位：请在实际完成值后写明单位");
    assert_eq!(case("", "40", "39.07万元"), "实际完成值的单位是“万元”，年度指标值未写单位，不能确定两者是否同一单位：请在年度指标值后写明单位");
    // A unit written in the row or the actual is not the target's: refused with the factor.
    assert_eq!(case("元", "40万元", "39.07"), "年度指标值的单位是“万元”，实际完成值的是“元”，相差10000倍：按所写数字计分会错，请两格用同一单位填写");
    assert_eq!(case("", "40万元", "39.07元"), "年度指标值的单位是“万元”，实际完成值的是“元”，相差10000倍：按所写数字计分会错，请两格用同一单位填写");
}

/// In a row whose 计量单位 is %, 95 against 0.98 scored 0.21 of 20 with nothing said, though
/// 95% against 0.98 is an error at the cell: the row's % makes both bare numbers percentages.
/// 九成 against 90% scored 2 of 20 with a 注意 only: 成 is read by no rule, and is refused
/// against a figure not in 成.
#[test]
fn bare_numbers_in_a_percent_row_are_percentages_and_tenths_are_refused() {
    let scored = |unit: &str, t: &str, a: &str| {
        let mut sheet = one_leaf("{}", "", "≥", "20", t, a, "");
        sheet.indicators[0].unit = unit.into();
        let report = Calculator::new(sheet).report();
        let said: Vec<String> = report
            .diagnostics
            .iter()
            .filter(|d| ["scale_mismatch", "tenths"].contains(&d.code))
            .map(|d| format!("{} {}", d.code, d.message))
            .collect();
        (
            report.nodes[0].score.clone().unwrap_or_default(),
            said.join("; "),
        )
    };
    let refused = |said: &str| (String::new(), said.to_string());
    let scored_as = |score: &str| (score.to_string(), String::new());
    assert_eq!(
        scored("%", "95", "0.98"),
        refused(
            "scale_mismatch 实际完成值0.98与年度指标值95%不在同一量级：如0.98指98%，请写成“98%”"
        )
    );
    assert_eq!(
        scored("%", "≥100", "0.95"),
        refused(
            "scale_mismatch 实际完成值0.95与年度指标值100%不在同一量级：如0.95指95%，请写成“95%”"
        )
    );
    assert_eq!(
        scored("%", "0.95", "98"),
        refused(
            "scale_mismatch 年度指标值0.95与实际完成值98%不在同一量级：如0.95指95%，请写成“95%”"
        )
    );
    assert_eq!(scored("%", "95", "98"), scored_as("20.00"));
    assert_eq!(scored("%", "1", "0.8"), scored_as("16.00")); // 0.8% of 1%
    assert_eq!(scored("", "95", "0.98"), scored_as("0.21")); // no unit: as written
    let tenths = "tenths “9成”以成计，与另一格的数不能直接比较：请写成百分比“90%”（一成即10%）";
    assert_eq!(scored("", "90%", "九成"), refused(tenths));
    assert_eq!(scored("", "90", "9成"), refused(tenths));
    assert_eq!(scored("%", "90", "九成"), refused(tenths));
    assert_eq!(scored("", "9成", "8成"), scored_as("17.78"));
    // A 预算执行率's % is its rate's: 1.9 of 200 万元 is no fraction of it.
    assert_eq!(
        in_unit("budget", "%", "200", "1.9").0.as_deref(),
        Some("0.19")
    );
}

/// The finding codes of a one-leaf sheet's cells (not the sheet's: a one-leaf 项目支出 table
/// has no 满意度 indicator, which is a hint of its own).
fn codes(cmp: &str, t: &str, a: &str) -> Vec<&'static str> {
    let mut leaf = Node::leaf("指标", "10", None);
    leaf.comparison = jixiao::comparison::Comparison::parse(cmp);
    leaf.target = t.into();
    leaf.actual = a.into();
    let mut sheet = Sheet::new(SheetKind::Project);
    sheet.settings.total_weight = "10".into();
    sheet.indicators = vec![leaf];
    Calculator::new(sheet)
        .diagnostics()
        .iter()
        .filter(|d| d.at != jixiao::diagnostic::Location::Sheet)
        .map(|d| d.problem.code())
        .collect()
}

#[test]
fn what_is_said_at_the_cell() {
    assert_eq!(codes(">", ">95%", "95%"), ["strict_not_exceeded"]);
    assert_eq!(codes("<", "<3天", "3天"), ["strict_not_exceeded"]);
    assert!(codes(">", ">95%", "96%").is_empty());
    assert_eq!(codes("≥", ">95%", "96%"), ["strictness_differs"]);
    assert_eq!(codes("≥", "95%", "98"), ["percent_mismatch"]);
    let mut leaf = Node::leaf("及时率", "10", None);
    leaf.comparison = jixiao::comparison::Comparison::parse(">");
    leaf.target = ">95%".into();
    leaf.actual = "95%".into();
    let mut sheet = Sheet::new(SheetKind::Project);
    sheet.indicators = vec![leaf.clone()];
    let report = Calculator::new(sheet).report();
    assert_eq!(
        report.nodes[0].derivation.as_deref(),
        Some("及时率实际完成95%，等于年度指标值，未满足“>95%”（不含等于）；按比率计算完成率100%，得10分")
    );
    let messages = |cmp: &str, target: &str, actual: &str| {
        let mut leaf = leaf.clone();
        leaf.comparison = jixiao::comparison::Comparison::parse(cmp);
        leaf.target = target.into();
        leaf.actual = actual.into();
        let mut sheet = Sheet::new(SheetKind::Project);
        sheet.indicators = vec![leaf];
        let report = Calculator::new(sheet).report();
        report
            .diagnostics
            .into_iter()
            .map(|d| d.message)
            .collect::<Vec<_>>()
    };
    assert!(messages("≥", ">95%", "95%").contains(
        &"比较方式为“≥”，但年度指标值中写的是“>”：请把比较方式改为“>”，或修改年度指标值".into()
    ));
    assert!(messages("≥", "≤3天", "2天").contains(
        &"比较方式为“≥”，但年度指标值中写的是“≤”：请把比较方式改为“≤”，或修改年度指标值".into()
    ));
    assert!(messages("≥", "95%", "0.98")
        .contains(&"实际完成值0.98与年度指标值95%不在同一量级：如0.98指98%，请写成“98%”".into()));
    assert!(messages("≥", "95%", "95%以上")
        .contains(&"实际完成值带有比较词（≥），像是年度指标值的写法：请填写实际完成的数值".into()));
}

/// A one-leaf sheet's derivation, its 计量单位 `unit`.
fn derivation_of(spec: &str, cmp: &str, unit: &str, t: &str, a: &str) -> String {
    let mut sheet = one_leaf("{}", spec, cmp, "10", t, a, "");
    sheet.indicators[0].unit = unit.into();
    let report = Calculator::new(sheet).report();
    report.nodes[0].derivation.clone().unwrap_or_default()
}

/// The words say each figure in its unit, as a 自评报告 writes it ("实际完成指标值112场（次）",
/// seed 002): the one typed after it, else the row's 计量单位, else the target's; a percentage
/// has none after its `%`. The formula stays arithmetic.
#[test]
fn derivations_say_the_units() {
    let said = |spec, cmp, unit, t, a| derivation_of(spec, cmp, unit, t, a);
    assert_eq!(
        said("", "≥", "平方米", "2000", "2100"),
        "指标实际完成2100平方米，达到年度指标值≥2000平方米，得满分10分"
    );
    assert_eq!(
        said("", "≥", "", "1000人", "950人"),
        "指标实际完成950人，年度指标值1000人，完成率95.00%，计算得9.5分"
    );
    assert_eq!(
        said("", "≤", "", "3天内", "2"),
        "指标实际完成2天，未超过年度指标值≤3天，得满分10分"
    );
    assert_eq!(
        said("", "≤", "元", "500", "520"),
        "指标实际完成520元，超过年度指标值≤500元，按超出比例扣减，计算得9.6分"
    );
    assert_eq!(
        said("ratio", "≤", "万元", "90", "99万元"),
        "指标实际完成99万元，超过年度指标值≤90万元，按指标值与实际值之比计算得9.09分"
    );
    assert_eq!(
        said("", "≥", "%", "90%", "87.65%"),
        "指标实际完成87.65%，年度指标值90%，完成率97.39%，计算得9.74分"
    );
    assert_eq!(
        said("", "≥", "%", "90", "87.65"),
        "指标实际完成87.65%，年度指标值90%，完成率97.39%，计算得9.74分"
    );
    assert_eq!(
        said("", "=", "次", "0", "1"),
        "年度指标值为0次，实际完成1次，未达到要求，得0分"
    );
    assert_eq!(
        said("", "≥", "", "100", "98"),
        "指标实际完成98，年度指标值100，完成率98.00%，计算得9.8分"
    );
    // A 计量单位 that says "nothing here" is none; 百分比 is %.
    for placeholder in ["/", "—", "-", "无"] {
        assert_eq!(
            said("", "≥", placeholder, "100", "98"),
            "指标实际完成98，年度指标值100，完成率98.00%，计算得9.8分"
        );
    }
    assert_eq!(
        said("", "≥", "百分比", "90", "85"),
        "指标实际完成85%，年度指标值90%，完成率94.44%，计算得9.44分"
    );
    assert_eq!(
        said("step:1:2", "≤", "", "0次", "2"),
        "指标为2次，每增加1（含）扣减2分，计算得6分"
    );
    assert_eq!(
        said("interval:90..=10|..90=5", "", "", "", "85分"),
        "指标为85分，在“90以下”一档，得5分"
    );
    assert_eq!(
        said("interval-rate:100..=10|..100=5", "", "人", "200", "150"),
        "指标为75%，在“100以下”一档，得5分"
    );
}

// Scores at the sheet's edges: places, scales and bands (issue 21's rules review).

/// `under(settings, …)`: [`case`] under a sheet's own settings.
#[allow(clippy::too_many_arguments)]
#[track_caller]
fn under(settings: &str, spec: &str, cmp: &str, w: &str, t: &str, a: &str, s: &str, want: &str) {
    let got = score_under(settings, spec, cmp, w, t, a, s);
    assert_eq!(
        got, want,
        "{settings} rule {spec:?} {cmp} W={w} T={t:?} A={a:?} S={s:?}"
    );
}

/// What a one-leaf sheet says at its cells: (field, code, message).
fn said(settings: &str, spec: &str, cmp: &str, w: &str, t: &str, a: &str, s: &str) -> Vec<String> {
    Calculator::new(one_leaf(settings, spec, cmp, w, t, a, s))
        .report()
        .diagnostics
        .into_iter()
        .filter_map(|d| match d.at {
            jixiao::diagnostic::Location::Node { field, .. } => {
                Some(format!("{} {} {}", field.label(), d.code, d.message))
            }
            _ => None,
        })
        .collect()
}

/// Full marks are the 分值 itself: one with more places than the sheet's scores cannot be
/// written, so it is not scored (0.5 of 0.5 showed 1 under 取整, and a total of 90 graded 良).
#[test]
fn a_weight_the_scores_places_cannot_write_is_not_scored() {
    let whole = r#"{"score_decimals":0}"#;
    let one = r#"{"score_decimals":1}"#;
    let no = "!places_beyond_score";
    under(whole, "yes_no", "", "0.5", "", "是", "", no);
    under(whole, "manual", "", "0.5", "", "", "0.5", no);
    under(whole, "manual", "", "99.5", "", "", "89", no);
    under(whole, "budget", "", "2.5", "100.00", "100.50", "", no);
    under(whole, "", "≥", "2.5", "100", "100", "", no);
    under(whole, "qual", "", "2.5", "", "达成", "2", no);
    under("{}", "", "≥", "3.335", "10", "10", "", no);
    under("{}", "yes_no", "", "9.995", "", "是", "", no);
    // Places as written, not as typed: 2.50 has one, 10.00 none.
    under(one, "yes_no", "", "2.50", "", "是", "", "2.50");
    under(whole, "", "≥", "10.00", "100", "90", "", "9.00");
    under(whole, "budget", "", "10.0", "100", "100.5", "", "10.00");
    under(one, "manual", "", "0.5", "", "", "0.5", "0.50");
    // A 加减分's 分值 is no full marks.
    under(whole, "adj:5", "", "2.5", "", "", "1", "1.00");
    assert_eq!(
        said(whole, "yes_no", "", "2.5", "", "是", ""),
        ["分值 places_beyond_score 分值2.5有1位小数，本表得分取整，满分写不出：请在“设置”中把得分小数位改为至少1位，或把分值改为整数"]
    );
    assert_eq!(
        said("{}", "yes_no", "", "3.335", "", "是", ""),
        ["分值 places_beyond_score 分值3.335有3位小数，本表得分保留2位小数，满分写不出：请在“设置”中把得分小数位改为至少3位，或把分值改为不超过2位小数"]
    );
}

/// A one-leaf sheet's explanation under its settings: the words, and the formula.
fn explained(settings: &str, spec: &str, w: &str, t: &str, a: &str) -> (String, String) {
    let cmp = if spec.starts_with("step") { "≤" } else { "" };
    let report = Calculator::new(one_leaf(settings, spec, cmp, w, t, a, "")).report();
    let node = &report.nodes[0];
    let words = node.derivation.clone().unwrap_or_default();
    (words, node.formula.clone().unwrap_or_default())
}

/// Points a rule gives or takes off with more places than the scores are scored, rounded as
/// any score is (0.5 a time under 取整 was left unscored, and a table rounding its scores to
/// whole numbers with 0.5-point deductions could no longer be reviewed): rounded, W − n × P
/// never exceeds a whole W, and a band's points never exceed their W. The explanation says
/// the rounding (得4.5分 stood beside a score of 5).
#[test]
fn points_with_more_places_than_the_scores_are_rounded() {
    let whole = r#"{"score_decimals":0}"#;
    let cut = r#"{"score_decimals":0,"score_rounding":"truncate"}"#;
    let bands = "interval:90%..=5|..90%=4.5";
    under(whole, "occ:0.5", "", "2", "", "1", "", "2.00");
    under(whole, "occ:0.5", "", "2", "", "3", "", "1.00");
    under(whole, "occ:0.5", "", "2", "", "5", "", "0.00");
    under(cut, "occ:0.5", "", "2", "", "1", "", "1.00");
    under(whole, "step:5%:0.5", "≤", "2", "0%", "9%", "", "2.00");
    under(
        r#"{"score_decimals":1}"#,
        "step:5%:0.5",
        "≤",
        "2",
        "0%",
        "9%",
        "",
        "1.50",
    );
    under(whole, bands, "", "5", "", "85%", "", "5.00");
    under(whole, bands, "", "5", "", "95%", "", "5.00");
    under(cut, bands, "", "5", "", "85%", "", "4.00");
    assert!(said(whole, "occ:0.5", "", "2", "", "1", "").is_empty());
    // A 加减分's bound is as a 分值 is: 2.5 typed under a bound of 2.5 was rounded past it, 3.
    under(
        whole,
        "adj:2.5",
        "",
        "",
        "",
        "",
        "2.5",
        "!places_beyond_score",
    );
    under(
        whole,
        "adj:2.5",
        "",
        "",
        "",
        "",
        "2",
        "!places_beyond_score",
    );
    under(whole, "adj:3", "", "", "", "", "2.5", "3.00");
    assert_eq!(
        said(whole, "adj:2.5", "", "", "", "", "2"),
        ["计分规则 places_beyond_score 加减分上限2.5有1位小数，本表得分取整，到上限的加减分写不出：请在“设置”中把得分小数位改为至少1位，或把加减分上限改为整数"]
    );
    let convention = "（本表约定：得分四舍五入取整）";
    assert_eq!(
        explained(whole, bands, "5", "", "85%"),
        (
            format!("指标为85%，在“90%以下”一档，得4.5分，取整为5分{convention}"),
            String::new()
        )
    );
    assert_eq!(
        explained("{}", "interval:90%..=5|..90%=4.555", "5", "", "85%").0,
        "指标为85%，在“90%以下”一档，得4.555分，保留2位小数为4.56分"
    );
    assert_eq!(
        explained("{}", bands, "5", "", "85%").0,
        "指标为85%，在“90%以下”一档，得4.5分"
    );
    assert_eq!(
        explained(whole, "occ:0.5", "2", "", "1"),
        (
            format!("发现1次，每次扣0.5分，得2分{convention}"),
            "2−0.5×1=1.5→2".into()
        )
    );
    assert_eq!(
        explained(whole, "occ:0.5", "2", "", "5").1,
        "2−0.5×5=-0.5，不低于0分"
    );
    assert_eq!(
        explained(whole, "step:5%:0.5", "2", "0%", "9%").1,
        "2−1×0.5=1.5→2"
    );
    assert_eq!(
        explained("{}", "step:5%:0.5", "2", "0%", "9%").1,
        "2−1×0.5=1.5"
    );
}

/// A score typed by hand with more places than the sheet's is rounded as any score is, and the
/// explanation says so: 19.995 stood as 20.00 with "得20分" beside it, the 19.995 typed gone.
#[test]
fn a_typed_score_with_more_places_says_its_rounding() {
    let words = |settings: &str, spec: &str, a: &str, s: &str| {
        let report = Calculator::new(one_leaf(settings, spec, "", "20", "", a, s)).report();
        let node = &report.nodes[0];
        (
            node.score.clone(),
            node.derivation.clone().unwrap_or_default(),
        )
    };
    let whole = r#"{"score_decimals":0}"#;
    let said = |score: &str, words: &str| (Some(score.to_string()), words.to_string());
    assert_eq!(
        words("{}", "manual", "", "19.995"),
        said(
            "20.00",
            "手动评分，得19.995分，保留2位小数为20.00分（已说明）"
        )
    );
    assert_eq!(
        words(whole, "manual", "", "17.5"),
        said(
            "18",
            "手动评分，得17.5分，取整为18分（已说明）（本表约定：得分四舍五入取整）",
        )
    );
    assert_eq!(
        words("{}", "manual", "", "19.50"),
        said("19.50", "手动评分，得19.5分（已说明）")
    );
    assert_eq!(
        words("{}", "qual", "达成", "19.995"),
        said(
            "20.00",
            "定性评价为“达成”（16–20分），评定得19.995分，保留2位小数为20.00分"
        )
    );
}

/// 预算执行率, 阶梯扣分 and 区间计分 compare figures too: one written as a fraction against a
/// percentage was scored as written (100% against 0.9366 got 0.04 of 4; 0.92 against bands in
/// % fell in the lowest), and a rate typed for an amount (93.66% against 16,061.02) got 0.01.
#[test]
fn every_rule_that_compares_checks_the_scale() {
    let scale = "!scale_mismatch";
    case("budget", "", "4", "100%", "0.9366", "", scale);
    case("budget", "", "4", "1", "93.66%", "", scale);
    case("budget", "", "4", "100%", "93.66%", "", "3.75");
    case(
        "budget",
        "",
        "4",
        "16,061.02",
        "93.66%",
        "",
        "!amount_is_percent",
    );
    case(
        "budget",
        "",
        "4",
        "100%",
        "16,030",
        "",
        "!amount_is_percent",
    );
    assert_eq!(
        in_unit("budget", "%", "100", "93.66%").0.as_deref(),
        Some("18.73")
    );
    case("step:5%:0.5", "≤", "4", "5%", "0.06", "", scale);
    case("step:5%:0.5@5%", "≤", "4", "", "0.06", "", scale);
    case("step:5%:0.5", "≤", "4", "", "9%", "", "3.50"); // from 0: no scale to differ
    let bands = "interval:90%..=5|80%..90%=4|..80%=0";
    case(bands, "", "5", "", "0.92", "", scale);
    case(bands, "", "5", "", "92%", "", "5.00");
    case(
        "interval:0.9..=5|0.8..0.9=4|..0.8=0",
        "",
        "5",
        "",
        "92%",
        "",
        scale,
    );
    case(
        "interval-rate:100..=4|50..100=2",
        "",
        "4",
        "95%",
        "0.9",
        "",
        scale,
    );
    assert_eq!(
        said("{}", bands, "", "5", "", "0.92", ""),
        ["实际完成值 scale_mismatch 实际完成值0.92与计分规则90%不在同一量级：如0.92指92%，请写成“92%”"]
    );
    assert_eq!(
        said("{}", "interval:0.9..=5|..0.9=0", "", "5", "", "95%", ""),
        ["计分规则 scale_mismatch 计分规则0.9与实际完成值95%不在同一量级：如0.9指90%，请写成“90%”"]
    );
    assert_eq!(
        said("{}", "budget", "", "4", "16,061.02", "93.66%", ""),
        ["实际完成值 amount_is_percent 此处填金额（万元），“93.66%”是百分比：请填写金额，执行率由金额算出"]
    );
    // Further apart than a fraction of the other: scored as written, and said, as the ratio
    // rule does (0.12 may be 0.12%).
    case("step:5%:0.5", "≤", "4", "5%", "0.12", "", "4.00");
    assert_eq!(
        said("{}", "step:5%:0.5", "≤", "4", "5%", "0.12", ""),
        ["实际完成值 percent_mismatch 年度指标值与实际完成值一个带%一个不带，已按数字本身计算，请核对单位"]
    );
    assert_eq!(
        said("{}", bands, "", "5", "", "0.3", ""),
        ["实际完成值 percent_mismatch 计分规则与实际完成值一个带%一个不带，已按数字本身计算，请核对单位"]
    );
}

/// Overlapping bands were taken first come (≥80% → 4 before ≥90% → 5 gave 95% 4 points): said
/// at the rule, and not scored where the value is in both and they differ.
#[test]
fn overlapping_bands_are_said_at_the_rule() {
    let overlap = "interval:80%..=4|90%..=5|..80%=0";
    case(overlap, "", "5", "", "95%", "", "!bands_overlap");
    case(overlap, "", "5", "", "85%", "", "4.00");
    case(overlap, "", "5", "", "70%", "", "0.00");
    case("interval:80%..=5|90%..=5", "", "5", "", "95%", "", "5.00");
    case(
        "interval:..90%=3|80%..=5",
        "",
        "5",
        "",
        "85%",
        "",
        "!bands_overlap",
    );
    case(
        "interval:80%..90%=4|85%..95%=5",
        "",
        "5",
        "",
        "87%",
        "",
        "!bands_overlap",
    );
    case(
        "interval:80%..90%=4|90%..=5",
        "",
        "5",
        "",
        "90%",
        "",
        "5.00",
    );
    assert_eq!(
        said("{}", overlap, "", "5", "", "95%", ""),
        ["计分规则 bands_overlap 区间表第1档（80%及以上）与第2档（90%及以上）重叠，数值落在这两档中，无法确定按哪一档计分：请调整各档的上下限，使各档互不重叠"]
    );
    let warned = "计分规则 bands_overlap 区间表第1档（80%及以上）与第2档（90%及以上）重叠：请调整各档的上下限，使各档互不重叠";
    assert_eq!(said("{}", overlap, "", "5", "", "85%", ""), [warned]);
    assert_eq!(
        said("{}", overlap, "", "5", "", "", ""),
        ["实际完成值 missing 请填写实际完成值", warned]
    );
    assert!(said(
        "{}",
        "interval:90%..=5|80%..90%=4|..80%=0",
        "",
        "5",
        "",
        "85%",
        ""
    )
    .is_empty());
}

/// A 预算执行率 is said by its rate, not by its score: 99.81% rounds to full marks of 2 and
/// was said "达到100%，得满分2分".
#[test]
fn a_budget_rate_short_of_100_is_said_so_whatever_it_rounds_to() {
    let none = "{}";
    let short = "指标为99.81%，未达100%，计算得2分";
    convention(
        none,
        "budget",
        "",
        "2",
        "16,061.02",
        "16,030.00",
        "",
        "2.00 99.81%",
        short,
    );
    let met = "为100.00%，达到100%，得满分2分";
    convention(
        none,
        "budget",
        "",
        "2",
        "16,061.02",
        "16,061.02",
        "",
        "2.00 100.00%",
        met,
    );
    let uncapped = r#"{"budget_uncapped":true}"#;
    let over = "为100.50%，按本表约定不设上限，计算得2.01分";
    convention(
        uncapped,
        "budget",
        "",
        "2",
        "100",
        "100.5",
        "",
        "2.01 100.50%",
        over,
    );
}

/// ‰ against % was compared as written: 3‰ against ≤0.45% scored 0 as 3 against 0.45, and
/// 0.45% against ≤3‰ full marks. ‰ is a tenth of %, ‱ a hundredth: the ratio rule takes both
/// as percentages at their true size and says so; a rule that would count them as written
/// refuses them at the cell.
#[test]
fn per_mille_against_percent_at_its_true_size() {
    case("", "≤", "10", "0.45%", "3‰", "", "10.00"); // was 0.00
    case("", "≤", "10", "3‰", "0.45%", "", "5.00"); // was 10.00
    case("", "≥", "10", "5‱", "0.1‰", "", "2.00");
    case("", "≥", "10", "0.5%", "千分之四", "", "8.00");
    case("", "≤", "10", "万分之五", "0.04%", "", "10.00");
    case("", "≤", "10", "3‰", "2‰", "", "10.00"); // one unit: as written
    formula_case("", "≤", "10", "3‰", "0.45%", "10×(2×0.3−0.45)÷0.3=5");
    formula_case("", "≥", "10", "5‱", "0.1‰", "10×0.01÷0.05=2");
    assert_eq!(
        derivation_of("", "≤", "", "0.45%", "3‰"),
        "指标实际完成3‰（即0.3%），未超过年度指标值≤0.45%，得满分10分"
    );
    // A bare number in a row counted in ‰ is in ‰.
    assert_eq!(
        derivation_of("", "≤", "‰", "0.45%", "3"),
        "指标实际完成3‰（即0.3%），未超过年度指标值≤0.45%，得满分10分"
    );
    assert_eq!(
        derivation_of("", "≥", "", "5‱", "0.1‰"),
        "指标实际完成0.1‰（即0.01%），年度指标值5‱（即0.05%），完成率20.00%，计算得2分"
    );
    // Steps and bands are counted in the figures as written: refused, never 3 against 0.5.
    case(
        "step:0.1%:1",
        "≤",
        "10",
        "0.5%",
        "3‰",
        "",
        "!unit_size_mismatch",
    );
    case(
        "step:0.1%:1@0.2%",
        "≤",
        "10",
        "",
        "3‰",
        "",
        "!scale_mismatch",
    );
    let rate = "interval-rate:100..=4|50..100=2";
    case(rate, "", "4", "0.5%", "4‰", "", "!unit_size_mismatch");
    case(
        "interval:0.5%..=4|..0.5%=0",
        "",
        "4",
        "",
        "4‰",
        "",
        "!scale_mismatch",
    );
    assert_eq!(
        said("{}", "step:0.1%:1", "≤", "10", "0.5%", "3‰", ""),
        ["实际完成值 unit_size_mismatch 年度指标值的单位是“%”，实际完成值的是“‰”，相差10倍：按所写数字计分会错，请两格用同一单位填写"]
    );
    // The figure is quoted with its ‰ or ‱ (it said 实际完成值9与计分规则5%…：如9指0.9%).
    assert_eq!(
        said("{}", "step:0.1%:1@0.2%", "≤", "10", "", "3‰", ""),
        ["实际完成值 scale_mismatch 实际完成值3‰与计分规则0.2%不在同一量级：如3‰指0.3%，请写成“0.3%”"]
    );
    assert_eq!(
        said("{}", "step:1%:1@5%", "≤", "10", "", "9‰", ""),
        ["实际完成值 scale_mismatch 实际完成值9‰与计分规则5%不在同一量级：如9‰指0.9%，请写成“0.9%”"]
    );
    assert_eq!(
        said("{}", "step:1%:1@5%", "≤", "10", "", "千分之九", ""),
        [
            "实际完成值 chinese_numeral 已将中文数字读作 9‰",
            "实际完成值 scale_mismatch 实际完成值9‰与计分规则5%不在同一量级：如9‰指0.9%，请写成“0.9%”"
        ]
    );
    assert_eq!(
        said("{}", "step:1%:1@5%", "≤", "10", "", "90‱", ""),
        ["实际完成值 scale_mismatch 实际完成值90‱与计分规则5%不在同一量级：如90‱指0.9%，请写成“0.9%”"]
    );
}

/// A 预算执行率 row counted in %, its 预算数 typed bare (16,061.02) and its 执行数 as the rate
/// (93.66%): the bare figure was read as 16,061.02% and scored 0.06 with only a hint. No rate
/// is aimed above 100%: refused at the 指标值, saying what was read and what to write.
#[test]
fn a_budget_rate_target_over_100_is_refused() {
    let budget = |t: &str, a: &str| in_unit("budget", "%", t, a).0;
    assert_eq!(budget("16,061.02", "93.66%"), None); // was 0.06
    assert_eq!(budget("100", "93.66%"), Some("18.73".into()));
    assert_eq!(budget("100%", "93.66"), Some("18.73".into()));
    assert_eq!(budget("16,061.02", "15,042.65"), Some("18.73".into()));
    case(
        "budget",
        "",
        "4",
        "120%",
        "100%",
        "",
        "!rate_target_over_100",
    );
    case("budget", "", "4", "100%", "93.66%", "", "3.75");
    let mut sheet = one_leaf("{}", "budget", "", "20", "16,061.02", "93.66%", "");
    sheet.indicators[0].unit = "%".into();
    let bare: Vec<String> = Calculator::new(sheet)
        .report()
        .diagnostics
        .into_iter()
        .filter(|d| d.code == "rate_target_over_100")
        .map(|d| d.message)
        .collect();
    assert_eq!(
        bare,
        ["计量单位为%，年度指标值“16,061.02”读作执行率16,061.02%，执行率的指标值不会超过100%：如指执行率，请填写100%；如是全年预算数，请写成“16,061.02万元”，实际完成值也填写全年执行数（带万元）"]
    );
    assert_eq!(
        said("{}", "budget", "", "4", "120%", "100%", ""),
        ["年度指标值 rate_target_over_100 年度指标值“120%”是执行率，执行率的指标值不会超过100%：如指执行率，请填写100%；如是全年预算数，请写成金额（带万元），实际完成值也填写全年执行数（带万元）"]
    );
}

/// Units in letters were no units the sizes knew: 2km against 1500m got full marks with a 完成率
/// of 75000%. They are the Chinese words they stand for.
#[test]
fn units_in_letters_are_the_units_they_stand_for() {
    case("", "≥", "10", "2km", "1500m", "", "!unit_size_mismatch"); // was 10.00
    case("", "≥", "10", "2km", "1500米", "", "!unit_size_mismatch");
    case("", "≥", "10", "2t", "1500kg", "", "!unit_size_mismatch");
    case("", "≥", "10", "2kg", "1500g", "", "!unit_size_mismatch");
    case("", "≥", "10", "2万㎡", "15000㎡", "", "!unit_size_mismatch");
    case("", "≥", "10", "2km", "1.5km", "", "7.50");
    case("", "≥", "10", "2km", "1.5公里", "", "7.50");
    case("", "≥", "10", "2KM", "1.5千米", "", "7.50");
    case("", "≥", "10", "2吨", "1.5t", "", "7.50");
    case("", "≥", "10", "4㎡", "3平方米", "", "7.50");
    assert_eq!(
        in_unit("", "m", "2km", "1500").1.as_deref(),
        Some("年度指标值的单位是“km”，实际完成值的是“m”，相差1000倍：按所写数字计分会错，请两格用同一单位填写")
    );
}

/// Under `budget_uncapped` nothing is capped: 10 × 400.01 ÷ 400 = 10.00025 rounds to 10, and
/// the formula said "超过分值按10分计" as if it had been.
#[test]
fn an_uncapped_budget_score_is_not_said_capped() {
    let uncapped = r#"{"budget_uncapped":true}"#;
    assert_eq!(
        explained(uncapped, "budget", "10", "400", "400.01").1,
        "执行数400.01÷预算数400=100.00%；10×400.01÷400≈10.0003→10"
    );
    assert_eq!(
        explained(uncapped, "budget", "10", "400", "450").1,
        "执行数450÷预算数400=112.50%；10×450÷400=11.25"
    );
    assert_eq!(
        explained("{}", "budget", "10", "400", "400.01").1,
        "执行数400.01÷预算数400=100.00%；10×400.01÷400=10.00025，超过分值按10分计"
    );
}

/// A figure written as an approximation was read as the figure: 近100 (fewer than 100) scored as
/// 100 met, 100余起 (more than 100) as within ≤100起, 约95% as 95%. Refused at the cell.
#[test]
fn an_approximate_figure_is_never_scored_as_exact() {
    case("", "≥", "10", "100", "近100", "", "!unreadable"); // was 10.00
    case("", "≥", "10", "100", "将近100", "", "!unreadable");
    case("", "≥", "10", "100", "接近100", "", "!unreadable");
    case("", "≥", "10", "100", "约100", "", "!unreadable");
    case("", "≥", "10", "100", "大约100", "", "!unreadable");
    case("", "≥", "10", "100", "约五十", "", "!unreadable"); // was 5.00
    case("", "≥", "10", "95%", "约95%", "", "!unreadable");
    case("", "≥", "10", "95%", "约为95%", "", "!unreadable");
    case("", "≥", "10", "3500", "约3,405.85左右？", "", "!unreadable");
    case("", "≥", "10", "3500", "3405.85左右", "", "!unreadable");
    case("", "≥", "10", "3500户", "3000户左右", "", "!unreadable");
    case("", "≥", "10", "3500户", "近3000户", "", "!unreadable");
    case("", "≥", "10", "100", "100上下", "", "!unreadable");
    case("", "≤", "10", "100起", "100余起", "", "!unreadable"); // was 10.00
    case("", "≥", "10", "100", "100余", "", "!unreadable");
    case("", "≥", "10", "100", "100多", "", "!unreadable");
    case("", "≥", "10", "120人次", "培训100余人次", "", "!unreadable");
    case("", "≥", "10", "120人", "一百多人", "", "!unreadable");
    case("", "≥", "10", "12万元", "10万余元", "", "!unreadable");
    case("", "≥", "10", "12万元", "10万多元", "", "!unreadable");
    case("", "≤", "10", "3个月", "3个多月", "", "!unreadable");
    case("", "≤", "10", "3天", "3天多", "", "!unreadable");
    case("", "≤", "10", "≤12月", "12月前后", "", "!unreadable"); // was 10.00
    case("", "≤", "10", "12月底前", "12月前后", "", "!unreadable"); // was 10.00
    case("", "≥", "10", "120人", "超100人", "", "!unreadable"); // was 8.33
    case("", "≥", "10", "100", "100多(含)", "", "!unreadable"); // was 10.00
    case("", "≥", "10", "100", "100余（含）", "", "!unreadable");
    // A target alike: 100余人 says no figure to reach.
    case("", "≥", "10", "100余人", "90人", "", "!unreadable");
    case("", "≥", "10", "约100", "90", "", "!unreadable");
    // Words that hold these characters, and the targets' words, are read as before.
    case("", "≥", "10", "100万元", "节约100万元", "", "10.00");
    case("", "≥", "10", "100户", "续约100户", "", "10.00");
    case("", "≥", "10", "100", "剩余100", "", "10.00");
    case("", "≥", "10", "100万元", "余额100万元", "", "10.00");
    case("", "≥", "10", "4台", "多媒体3台", "", "7.50");
    case("", "≥", "10", "4", "3多媒体", "", "7.50");
    case("", "≥", "10", "4个", "3个多功能室", "", "7.50");
    case("", "≥", "10", "100", "近期完成80", "", "8.00");
    case("", "≥", "10", "100", "约定80", "", "8.00");
    case("", "≥", "10", "100万元", "80万元结余", "", "8.00");
    case("", "≥", "10", "95%以上", "90%", "", "9.47");
    case("", "≥", "10", "100人次", "80人次", "", "8.00");
    case("", "≥", "10", "5个百分点", "3个百分点", "", "6.00");
    case("", "≤", "10", "3天内", "3天", "", "10.00");
    case("", "≥", "10", "100", "100以上", "", "!comparison_in_actual");
    // Refused as 不超过100人 is; was read as 100 (10.00).
    case(
        "",
        "≤",
        "10",
        "100人",
        "未超100人",
        "",
        "!comparison_in_actual",
    );
    case("", "", "10", "超过100人", "90人", "", "9.00");
    case("", "≤", "10", "不超100人", "90人", "", "10.00");
    case("", "", "10", "不超100人", "120人", "", "8.00"); // was 10.00, as ≥100
    case("", "", "10", "不超100人", "90人", "", "10.00"); // was 9.00
    case("", "", "10", "未超100万元", "90万元", "", "10.00"); // was 9.00
    case("", "", "10", "未超出3天", "2天", "", "10.00");
    case(
        "",
        "≥",
        "10",
        "100",
        "100(含)以上",
        "",
        "!comparison_in_actual",
    );
}

/// `100余人` against `90人` in a row counted in 人 was read as a unit 余人 beside 人.
#[test]
fn an_approximate_figure_in_a_row_with_a_unit_is_said_as_such() {
    let mut sheet = one_leaf("{}", "", "≥", "10", "90人", "100余人", "");
    sheet.indicators[0].unit = "人".into();
    let calc = Calculator::new(sheet);
    let codes: Vec<_> = calc
        .diagnostics()
        .iter()
        .filter(|d| d.at != jixiao::diagnostic::Location::Sheet)
        .map(|d| (d.problem.code(), d.message()))
        .collect();
    assert_eq!(calc.score(0), None);
    assert_eq!(
        codes,
        [(
            "unreadable",
            "实际完成值无法识别：“100余人”是概数（“余”），不能当作确切数值计分：请按实际填写确切数值，如“100人”".to_string()
        )]
    );
}

/// More ways of writing an approximation that were read as the figure: 几十人 as 10, 数百人 and
/// 上百人 as 100, 100来人, 100出头, 逾100人, ≈100 and ～100 as 100; 不到100 (fewer than 100) as
/// 100, which is now a comparison as 不足 is: refused in an actual, `<` in a target.
#[test]
fn approximations_in_other_words_are_never_scored_as_exact() {
    case("", "≥", "10", "20人", "几十人", "", "!unreadable"); // was 5.00
    case("", "≥", "10", "20人", "十几人", "", "!unreadable");
    case("", "≥", "10", "200人", "数百人", "", "!unreadable");
    case("", "≥", "10", "200人", "上百人", "", "!unreadable");
    case("", "≥", "10", "200人", "100来人", "", "!unreadable");
    case("", "≥", "10", "200", "100出头", "", "!unreadable");
    case("", "≤", "10", "100人", "逾100人", "", "!unreadable");
    case("", "≥", "10", "100", "≈100", "", "!unreadable");
    case("", "≥", "10", "100", "～100", "", "!unreadable");
    case("", "≥", "10", "100", "不到100", "", "!comparison_in_actual"); // was 10.00
    case("", "", "10", "不到5次", "8次", "", "4.00"); // was 10.00, as ≥
    case("", "", "10", "不到5次", "4次", "", "10.00");
    // Not approximations: a count named before the number, a source after it, a range.
    case("", "≥", "10", "20人", "人数十五人", "", "7.50");
    case("", "≥", "10", "200人", "100来自外省", "", "5.00");
    case("", "≥", "10", "5", "整改不到位3处", "", "6.00");
    case("", "≥", "10", "100", "80~100", "", "!unreadable");
}

/// Ordinary cells the approximation check refused: 数 ending a word (天数, 个数) before a
/// numeral, 多 and 来 starting a word after a measure (多元化, 来访, 来回), 失约, and 近 before
/// a span of time (近5年 is the last five years). They read as before.
#[test]
fn words_holding_approximation_characters_read_as_figures() {
    case("", "≥", "10", "20天", "培训天数十五天", "", "7.50");
    case("", "≥", "10", "24个", "完成个数十二个", "", "5.00");
    case("", "≥", "10", "24个", "覆盖乡镇数十二个", "", "5.00");
    case("", "≥", "10", "4个", "2个多元化项目", "", "5.00");
    case("", "≥", "10", "10个", "接待5个来访单位", "", "5.00");
    case("", "≥", "10", "6个", "3个来回", "", "5.00");
    case("", "≤", "10", "3次", "失约3次", "", "10.00");
    case("", "≥", "10", "10年", "近5年", "", "5.00");
    case("", "≥", "10", "6个月", "近三个月", "", "5.00");
    // Still approximations: 数十, 数百, 100多人, 3个多月, 100来人, 近3000户.
    case("", "≥", "10", "20人", "数十人", "", "!unreadable");
    case("", "≥", "10", "20", "数十", "", "!unreadable");
    case("", "≥", "10", "200", "数百", "", "!unreadable");
    case("", "≥", "10", "200人", "100多人", "", "!unreadable");
    case("", "≤", "10", "3个月", "3个多月", "", "!unreadable");
    case("", "≥", "10", "200人", "100来人", "", "!unreadable");
    case("", "≥", "10", "3500户", "近3000户", "", "!unreadable");
}

/// Approximations that still read as figures: a word in brackets or before a bracket, dots or
/// a space after it (3000户（左右） against 3500户 was 85.71%, 100（约） full marks).
#[test]
fn an_approximation_in_brackets_or_before_dots_is_refused() {
    case("", "≥", "10", "3500户", "3000户（左右）", "", "!unreadable"); // was 8.57
    case("", "≥", "10", "3500户", "（3000户左右）", "", "!unreadable");
    case("", "≥", "10", "100", "100（约）", "", "!unreadable"); // was 10.00
    case("", "≥", "10", "100", "100(大约)", "", "!unreadable");
    case("", "≥", "10", "3500户", "3000户左右…", "", "!unreadable");
    case("", "≥", "10", "3500户", "3000户左右 。", "", "!unreadable");
    case("", "≥", "10", "3500户", "3000余户左右", "", "!unreadable");
    // A note in brackets that is no approximation reads as before.
    case("", "≥", "10", "100", "80(已核实)", "", "8.00");
}
