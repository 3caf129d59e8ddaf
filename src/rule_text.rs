//! A rule as the 计分方法 column of a printed form writes it, with its parameters, and read
//! back: `阶梯扣分（自95%起，每1%扣0.1分，含边界）`, `区间计分（按完成率：90%≤x得5分；80%≤x<90%得4分）`,
//! `按次扣分（每次扣1分）`, `加减分（±5分）`. The form then carries what scores a leaf, so a copy
//! of the visible worksheet alone reads back to the same scores.
//!
//! Parameters are written as typed; one that holds the separators (`，`, `；`, brackets) does
//! not read back, and the form's hidden copy still has it.

use crate::comparison::Comparison;
use crate::model::{Band, IntervalBasis, LowerVariant, Rule, Text};
use crate::rules::{
    Adjustment, BudgetExecution, Coefficient, Interval, Manual, PerOccurrence, Qualitative, Ratio,
    Step, YesNo,
};

/// The rule of a leaf in words, as the 计分方法 column shows it. A leaf without a rule is
/// scored by its comparison: 定性 (qualitative) or 比率法.
pub fn describe(rule: Option<&Rule>, qualitative: bool) -> String {
    let Some(rule) = rule else {
        return if qualitative {
            "定性评价"
        } else {
            "比率法"
        }
        .to_string();
    };
    match rule {
        Rule::Ratio(Ratio {
            lower: LowerVariant::Linear,
        }) => "比率法".to_string(),
        Rule::Ratio(Ratio {
            lower: LowerVariant::Ratio,
        }) => "比率法（反向按比值）".to_string(),
        Rule::Step(Step {
            threshold,
            step,
            points,
            inclusive,
        }) => {
            let from = if threshold.is_empty() {
                String::new()
            } else {
                format!("自{threshold}起，")
            };
            let edge = if *inclusive {
                "含边界"
            } else {
                "不含边界"
            };
            format!("阶梯扣分（{from}每{step}扣{points}分，{edge}）")
        }
        Rule::Interval(Interval { basis, bands }) => {
            let on = match basis {
                IntervalBasis::Actual => "按实际值",
                IntervalBasis::Rate => "按完成率",
            };
            let bands: Vec<String> = bands.iter().map(band).collect();
            format!("区间计分（{on}：{}）", bands.join("；"))
        }
        Rule::PerOccurrence(PerOccurrence { points }) => format!("按次扣分（每次扣{points}分）"),
        Rule::Adjustment(Adjustment { bound }) => format!("加减分（±{bound}分）"),
        Rule::BudgetExecution(BudgetExecution { from_funds: true }) => {
            format!("预算执行率（{FROM_FUNDS}）")
        }
        other => other.label().to_string(),
    }
}

/// How the 计分方法 column says a 预算执行率 is scored from the 资金 block.
const FROM_FUNDS: &str = "取自资金表第一行";

/// One band: `80%≤x<90%得4分`, `90%≤x得5分`, `x<80%得0分`, `其余得1分`.
fn band(b: &Band) -> String {
    let condition = match (b.min.is_empty(), b.max.is_empty()) {
        (false, false) => format!("{}≤x<{}", b.min, b.max),
        (false, true) => format!("{}≤x", b.min),
        (true, false) => format!("x<{}", b.max),
        (true, true) => "其余".to_string(),
    };
    format!("{condition}得{}分", b.points)
}

/// What a 计分方法 cell says: `Some(None)` for a blank one (the leaf is scored by its
/// comparison), `Some(Some(rule))` for a rule (比率法 too, which a blank 计分方法 also means,
/// but says so), `None` when the text names no rule this reads. A rule named without its
/// parameters (`阶梯扣分`) has them empty: the leaf then asks for them. Read as the forms
/// write it or as clerks do ([`read`]).
pub fn parse(text: &str) -> Option<Option<Rule>> {
    read(text).map(|r| r.rule)
}

/// A 计分方法 cell read: its rule, and the comparison its words imply, which only the
/// clerks' wording of a step deduction states (`每增加5%扣0.5分` is ≤, `每降低5%扣0.5分` ≥);
/// the step rule takes its direction from the row's comparison, so a reader of a table
/// sets it from these words where neither the 比较方式 column nor the target states one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Read {
    pub rule: Option<Rule>,
    pub comparison: Option<Comparison>,
}

/// [`parse`], with the comparison the words imply ([`Read`]).
pub fn read(text: &str) -> Option<Read> {
    let text: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let text = text.replace(['(', '（'], "（").replace([')', '）'], "）");
    if let Some(read) = in_clerks_words(&text) {
        return Some(read);
    }
    let rule = own_words(&text)?;
    Some(Read {
        rule,
        comparison: None,
    })
}

/// A rule as the calculator's own forms write it: `阶梯扣分（每5%扣0.5分，含边界）`.
fn own_words(text: &str) -> Option<Option<Rule>> {
    let (name, inside) = match text.split_once('（') {
        Some((name, rest)) => (name, rest.strip_suffix('）')?),
        None => (text, ""),
    };
    Some(Some(match name {
        "" if inside.is_empty() => return Some(None),
        "比率法" if inside.is_empty() => Rule::Ratio(Ratio {
            lower: LowerVariant::Linear,
        }),
        "比率法" if inside == "反向按比值" => Rule::Ratio(Ratio {
            lower: LowerVariant::Ratio,
        }),
        "比值" | "比值法" => Rule::Ratio(Ratio {
            lower: LowerVariant::Ratio,
        }),
        "预算执行率" => Rule::BudgetExecution(BudgetExecution {
            from_funds: inside == FROM_FUNDS,
        }),
        "阶梯扣分" => step(inside)?,
        "区间计分" => interval(inside)?,
        "按次扣分" => Rule::PerOccurrence(PerOccurrence {
            points: between(inside, "每次扣", "分").unwrap_or_default().into(),
        }),
        "定性评价" | "定性" => Rule::Qualitative(Qualitative {}),
        "是否判断" => Rule::YesNo(YesNo {}),
        "手动评分" => Rule::Manual(Manual {}),
        "得分系数法" | "得分系数" => Rule::Coefficient(Coefficient {}),
        "加减分" => Rule::Adjustment(Adjustment {
            bound: between(inside, "±", "分").unwrap_or("5").into(),
        }),
        _ => return None,
    }))
}

/// A rule as the seeds and clerks write it (DOMAIN.md §4), with nothing else in the cell:
/// `每发现一次扣1分` (按次扣分); `每增加5.0%（含）扣减0.5分`, `每下降2个百分点扣1分` (阶梯扣分,
/// counted from the target, a step of percentage points a step of %, the boundary counting
/// unless `（不含）` says otherwise, as a "full step" does). Points and steps are plain
/// numbers; anything else (`扣1-2分`, `酌情扣分`) is not read: a guess would score silently.
fn in_clerks_words(text: &str) -> Option<Read> {
    let text = text.replace('％', "%").replace(',', "，");
    let text = text.trim_end_matches('。');
    // 扣完为止 is the floor at 0 both rules have.
    let text = ["，扣完为止", "（扣完为止）", "扣完为止"]
        .iter()
        .find_map(|end| text.strip_suffix(end))
        .unwrap_or(text);
    let (condition, points) = text.split_once('扣')?;
    let points = points
        .strip_prefix('减')
        .unwrap_or(points)
        .strip_suffix('分')?;
    if !is_number(points) {
        return None;
    }
    let found = condition.strip_prefix('每').unwrap_or(condition);
    let once = ["发现", "出现"]
        .iter()
        .find_map(|word| found.strip_prefix(word))
        .is_some_and(|n| matches!(n, "一次" | "1次"));
    if once || condition == "每次" {
        return Some(Read {
            rule: Some(Rule::PerOccurrence(PerOccurrence {
                points: points.into(),
            })),
            comparison: None,
        });
    }
    let each = condition.strip_prefix('每')?;
    let (comparison, rest) = [
        ("增加", Comparison::AtMost),
        ("上升", Comparison::AtMost),
        ("提高", Comparison::AtMost),
        ("降低", Comparison::AtLeast),
        ("下降", Comparison::AtLeast),
        ("减少", Comparison::AtLeast),
    ]
    .iter()
    .find_map(|(word, c)| Some((*c, each.strip_prefix(word)?)))?;
    let (rest, inclusive) = match rest.strip_suffix("（含）") {
        Some(rest) => (rest, true),
        None => match rest.strip_suffix("（不含）") {
            Some(rest) => (rest, false),
            None => (rest, true),
        },
    };
    let step = rest
        .strip_suffix('%')
        .or_else(|| rest.strip_suffix("个百分点"))
        .filter(|s| is_number(s))?;
    Some(Read {
        rule: Some(Rule::Step(Step {
            threshold: Text::default(),
            step: format!("{step}%").into(),
            points: points.into(),
            inclusive,
        })),
        comparison: Some(comparison),
    })
}

/// Digits with at most one decimal point inside them: `1`, `0.5`, `5.0`.
fn is_number(text: &str) -> bool {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, "0"));
    !whole.is_empty()
        && !fraction.is_empty()
        && (whole.chars().chain(fraction.chars())).all(|c| c.is_ascii_digit())
}

/// The text between `start` and `end` (the last `end`), when `text` is exactly that.
fn between<'a>(text: &'a str, start: &str, end: &str) -> Option<&'a str> {
    text.strip_prefix(start)?.strip_suffix(end)
}

fn step(inside: &str) -> Option<Rule> {
    let mut threshold = Text::default();
    let (mut step, mut points) = (Text::default(), Text::default());
    let mut inclusive = true;
    for part in inside.split('，').filter(|p| !p.is_empty()) {
        if let Some(t) = between(part, "自", "起") {
            threshold = t.into();
        } else if let Some(rest) = between(part, "每", "分") {
            let (s, p) = rest.split_once('扣')?;
            (step, points) = (s.into(), p.into());
        } else {
            inclusive = match part {
                "含边界" => true,
                "不含边界" => false,
                _ => return None,
            };
        }
    }
    Some(Rule::Step(Step {
        threshold,
        step,
        points,
        inclusive,
    }))
}

fn interval(inside: &str) -> Option<Rule> {
    let (basis, list) = match inside.split_once('：') {
        Some(("按实际值", list)) => (IntervalBasis::Actual, list),
        Some(("按完成率", list)) => (IntervalBasis::Rate, list),
        Some(_) => return None,
        None => (IntervalBasis::Actual, inside),
    };
    let bands = list
        .split('；')
        .filter(|b| !b.is_empty())
        .map(|b| {
            let (condition, points) = b.rsplit_once('得')?;
            let points = points.strip_suffix('分')?;
            let (min, max) = match condition {
                "其余" => ("", ""),
                c => match (c.split_once("≤x"), c.strip_prefix("x<")) {
                    (Some((min, "")), _) => (min, ""),
                    (Some((min, rest)), _) => (min, rest.strip_prefix('<')?),
                    (None, Some(max)) => ("", max),
                    (None, None) => return None,
                },
            };
            Some(Band {
                min: min.into(),
                max: max.into(),
                points: points.into(),
            })
        })
        .collect::<Option<Vec<Band>>>()?;
    // A band table written without bands reads as one empty band: the leaf asks for it.
    let bands = if bands.is_empty() {
        vec![Band::default()]
    } else {
        bands
    };
    Some(Rule::Interval(Interval { basis, bands }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_rules_of_the_seeds_in_words() {
        let step = Rule::Step(Step {
            threshold: Text::default(),
            step: "5.0%".into(),
            points: "0.5".into(),
            inclusive: true,
        });
        assert_eq!(
            describe(Some(&step), false),
            "阶梯扣分（每5.0%扣0.5分，含边界）"
        );
        let bands = Rule::Interval(Interval {
            basis: IntervalBasis::Rate,
            bands: vec![
                Band {
                    min: "90%".into(),
                    max: "".into(),
                    points: "5".into(),
                },
                Band {
                    min: "80%".into(),
                    max: "90%".into(),
                    points: "4".into(),
                },
                Band {
                    min: "".into(),
                    max: "80%".into(),
                    points: "0".into(),
                },
            ],
        });
        assert_eq!(
            describe(Some(&bands), false),
            "区间计分（按完成率：90%≤x得5分；80%≤x<90%得4分；x<80%得0分）"
        );
        assert_eq!(describe(None, true), "定性评价");
        assert_eq!(describe(None, false), "比率法");
        for rule in [step, bands] {
            assert_eq!(parse(&describe(Some(&rule), false)), Some(Some(rule)));
        }
        // 比率法 is a rule named, which a paste sets over the row's (a blank one leaves it).
        assert_eq!(
            parse("比率法"),
            Some(Some(Rule::Ratio(Ratio {
                lower: LowerVariant::Linear
            })))
        );
        assert_eq!(parse(""), Some(None));
        assert_eq!(
            parse(" 阶梯扣分 (每5%扣0.5分，不含边界) ")
                .unwrap()
                .unwrap(),
            Rule::Step(Step {
                threshold: Text::default(),
                step: "5%".into(),
                points: "0.5".into(),
                inclusive: false
            })
        );
        assert_eq!(parse("按专家打分"), None);
        assert_eq!(
            parse("阶梯扣分（每5%）"),
            None,
            "a step that says nothing readable"
        );
        let no_points = parse("阶梯扣分（每5%扣分）").unwrap().unwrap();
        assert!(matches!(no_points, Rule::Step(Step { points, .. }) if points.is_empty()));
    }

    /// A 计分方法 typed as clerks write it was not read: seed 003's 差异率 row
    /// (`每增加5.0%（含）扣减0.5分`) became 比率法 and scored 2 for the seed's 1.5, and its
    /// `每发现一次扣1分` rows no rule at all.
    #[test]
    fn the_rules_as_clerks_write_them() {
        let occurrence = |points: &str| Read {
            rule: Some(Rule::PerOccurrence(PerOccurrence {
                points: points.into(),
            })),
            comparison: None,
        };
        let step = |step: &str, points: &str, inclusive: bool, comparison: Comparison| Read {
            rule: Some(Rule::Step(Step {
                threshold: Text::default(),
                step: step.into(),
                points: points.into(),
                inclusive,
            })),
            comparison: Some(comparison),
        };
        let (up, down) = (Comparison::AtMost, Comparison::AtLeast);
        for (words, rule) in [
            ("每发现一次扣1分", occurrence("1")),
            ("每发现1次扣0.5分", occurrence("0.5")),
            ("发现一次扣1分", occurrence("1")),
            ("每出现一次扣减2分，扣完为止", occurrence("2")),
            ("每次扣1分", occurrence("1")),
            ("每增加5.0%（含）扣减0.5分", step("5.0%", "0.5", true, up)),
            ("每增加5% (含) 扣减0.5分。", step("5%", "0.5", true, up)),
            ("每增加5%扣0.5分", step("5%", "0.5", true, up)),
            ("每增加5％（不含）扣0.5分", step("5%", "0.5", false, up)),
            ("每降低1%扣0.2分", step("1%", "0.2", true, down)),
            ("每下降2个百分点扣1分", step("2%", "1", true, down)),
        ] {
            assert_eq!(read(words), Some(rule), "{words}");
        }
        // Ambiguous or not all read: left unread, never guessed.
        for words in [
            "每发现一次扣1-2分",
            "发现问题酌情扣分",
            "每发现一处扣1分",
            "一次扣1分",
            "每增加5%扣分",
            "每增加一些扣0.5分",
            "每增加1天扣1分",
            "超过5%后每增加5%扣0.5分",
            "每增加5%（含）扣减0.5分，最多扣1分",
        ] {
            assert_eq!(read(words), None, "{words}");
        }
        // The calculator's own words imply no comparison: the row's column says it.
        assert_eq!(
            read("阶梯扣分（每5%扣0.5分，含边界）").map(|r| r.comparison),
            Some(None)
        );
    }

    fn param() -> impl Strategy<Value = String> {
        prop_oneof![
            Just(String::new()),
            "[0-9]{1,3}(\\.[0-9]{1,2})?%?",
            "[0-9]{1,2}(个|天|次)",
        ]
    }

    fn rule() -> impl Strategy<Value = Rule> {
        let band =
            (param(), param(), "[0-9]{1,2}(\\.[0-9])?").prop_map(|(min, max, points)| Band {
                min: min.into(),
                max: max.into(),
                points: points.into(),
            });
        prop_oneof![
            any::<bool>().prop_map(|r| Rule::Ratio(Ratio {
                lower: if r {
                    LowerVariant::Ratio
                } else {
                    LowerVariant::Linear
                }
            })),
            Just(Rule::BudgetExecution(BudgetExecution::default())),
            Just(Rule::BudgetExecution(BudgetExecution { from_funds: true })),
            (param(), param(), param(), any::<bool>()).prop_map(|(t, s, p, inclusive)| {
                Rule::Step(Step {
                    threshold: t.into(),
                    step: s.into(),
                    points: p.into(),
                    inclusive,
                })
            }),
            (any::<bool>(), proptest::collection::vec(band, 1..5)).prop_map(|(rate, bands)| {
                Rule::Interval(Interval {
                    basis: if rate {
                        IntervalBasis::Rate
                    } else {
                        IntervalBasis::Actual
                    },
                    bands,
                })
            }),
            param().prop_map(|p| Rule::PerOccurrence(PerOccurrence { points: p.into() })),
            Just(Rule::Qualitative(Qualitative {})),
            Just(Rule::YesNo(YesNo {})),
            Just(Rule::Manual(Manual {})),
            Just(Rule::Coefficient(Coefficient {})),
            "[0-9]{1,2}".prop_map(|b| Rule::Adjustment(Adjustment { bound: b.into() })),
        ]
    }

    proptest! {
        /// What the form writes reads back as the same rule.
        #[test]
        fn every_rule_reads_back_from_its_words(rule in rule()) {
            let words = describe(Some(&rule), false);
            prop_assert_eq!(parse(&words), Some(Some(rule)), "{}", words);
        }
    }
}
