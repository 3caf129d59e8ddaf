//! The scoring rules of DOMAIN.md §4, one file per kind. Each file holds its kind's parameters
//! (as the sheet file writes them), its checks and score, its explanation in words with its
//! arithmetic line, and the findings only it makes. This file lists the kinds and scores a leaf
//! by whichever its row names.
//!
//! Adding a kind: a file that implements [`Kind`] and a line in [`rule_kinds!`] below; the
//! label table the page reads ([`catalog`]) follows from that line. Each kind's file names its
//! own `Worked` (how a score came about) and `Finding` (what only it finds); the enums
//! [`Worked`] and [`RuleFinding`] here hold any kind's.
//!
//! Every formula has its one division last (`W × A ÷ T`, `W × (2T − A) ÷ T`), so a result that
//! is exactly a half cent rounds the way 四舍五入 says. Every operation is checked; a bad or
//! missing cell is reported at its field and leaves this leaf unscored, never the sheet.

mod adjustment;
mod budget_execution;
mod coefficient;
mod interval;
mod leaf;
mod manual;
mod per_occurrence;
mod qualitative;
mod ratio;
mod step;
mod yes_no;

pub use adjustment::Adjustment;
pub use budget_execution::BudgetExecution;
pub use coefficient::Coefficient;
pub use interval::{Band, Interval, IntervalBasis};
pub(crate) use leaf::{chosen_comparison, weight_problem};
pub use manual::Manual;
pub use per_occurrence::PerOccurrence;
pub use qualitative::{Level, Qualitative};
pub use ratio::{LowerVariant, Ratio};
pub use step::Step;
pub use yes_no::YesNo;

use crate::arith::Overflow;
use crate::cell::{is_blank_text, parse_cell, Cell};
use crate::comparison::Comparison;
use crate::derivation::{Derivation, Explained};
use crate::diagnostic::{Field, Problem, Severity};
use crate::json_text::CellsText;
use crate::model::Node;
use crate::settings::Resolved;
use leaf::Leaf;
use rust_decimal::Decimal;
use serde::de::{self, value::MapAccessDeserializer, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};
use std::fmt;

/// What a rule kind is. Its parameters' type implements this.
pub(crate) trait Kind {
    /// The kind's name in files (`"kind": "step"`); what serde reads and writes.
    const NAME: &'static str;
    /// The name users know it by (阶梯扣分).
    const LABEL: &'static str;
    /// How a score came about, kept as numbers and put into words only when shown.
    type Worked;
    /// The findings only this kind makes ([`NoFinding`] for none).
    type Finding: KindFinding;

    /// Scores the leaf; `Ok(None)` when a cell it needs is missing or unreadable (the leaf's
    /// findings say which).
    fn score(
        &self,
        leaf: &mut Leaf,
        weight: Option<Decimal>,
    ) -> Result<Option<Scored<Self::Worked>>, Overflow>;

    /// The derivation in words, and its arithmetic where there is any.
    fn explain(worked: &Self::Worked, node: &Node) -> Explained;

    /// The score before rounding, where the kind divides (to 28 digits; worked out only when
    /// shown). `None` for a kind without a division, or past exact decimal arithmetic.
    fn raw(_worked: &Self::Worked) -> Option<Decimal> {
        None
    }

    /// Whether the actual met the target, as the kind compared them: exactly, not by the
    /// rounded rate (99.996 of 100 is 100.00% and not met; 95% does not meet >95%; 5.5% does
    /// not meet ≤5% though a step of 1% takes nothing off). `None` for a kind that compares no
    /// actual with a target, or where the row has none the kind can compare.
    fn met(_worked: &Self::Worked) -> Option<bool> {
        None
    }
}

/// A finding one rule kind makes, rendered where all findings are ([`crate::diagnostic`]).
pub(crate) trait KindFinding {
    /// The stable machine-readable name.
    fn code(&self) -> &'static str;
    fn severity(&self) -> Severity;
    /// The Chinese message; `field` is the label of the cell it is at.
    fn write(&self, field: &str, f: &mut fmt::Formatter<'_>) -> fmt::Result;
}

/// The findings of a kind that makes none of its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoFinding {}

impl KindFinding for NoFinding {
    fn code(&self) -> &'static str {
        match *self {}
    }
    fn severity(&self) -> Severity {
        match *self {}
    }
    fn write(&self, _: &str, _: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {}
    }
}

/// A score with its rate (where the kind has one) and how it came about.
pub(crate) struct Scored<W> {
    pub(crate) score: Decimal,
    pub(crate) rate: Option<Decimal>,
    pub(crate) worked: W,
}

impl<W> Scored<W> {
    fn map<V>(self, f: impl FnOnce(W) -> V) -> Scored<V> {
        Scored {
            score: self.score,
            rate: self.rate,
            worked: f(self.worked),
        }
    }
}

/// The kinds, each as `Variant(its parameters' type) => how it works out, what only it finds;`
/// (the last two are its [`Kind`] types, named for the public enums). From this list come
/// [`Rule`] (written `{"kind": …, parameters}`), [`Worked`], [`RuleFinding`], the names files
/// use, and the dispatch between them.
macro_rules! rule_kinds {
    ($($variant:ident($kind:ty) => $worked:ty, $finding:ty;)*) => {
        /// How a leaf's score is computed (DOMAIN.md §4): the kind and its parameters, as typed.
        /// Written `{"kind": …, parameters}`; read by [`RuleVisitor`].
        #[derive(Clone, Debug, PartialEq, Eq, Serialize)]
        #[serde(tag = "kind", rename_all = "snake_case")]
        pub enum Rule {
            $($variant($kind)),*
        }

        /// A kind as files name it (`"kind": "step"`), refused where it is written when no
        /// kind has that name.
        #[derive(Clone, Copy, Deserialize)]
        #[serde(rename_all = "snake_case")]
        enum KindName {
            $($variant),*
        }

        /// The parameters of the kind `name`, read from `params` (the rest of the object).
        fn read_params<'de, D: Deserializer<'de>>(name: KindName, params: D) -> Result<Rule, D::Error> {
            match name {
                $(KindName::$variant => <$kind>::deserialize(params).map(Rule::$variant)),*
            }
        }

        /// How a leaf's score came about, by its kind.
        #[derive(Clone, Debug, PartialEq, Eq)]
        pub enum Worked {
            $($variant($worked)),*
        }

        /// A finding that only one kind makes.
        #[derive(Clone, Debug, PartialEq, Eq)]
        pub enum RuleFinding {
            $($variant($finding)),*
        }

        impl Rule {
            /// The rule's name as users know it.
            pub fn label(&self) -> &'static str {
                match self {
                    $(Rule::$variant(_) => <$kind as Kind>::LABEL),*
                }
            }

            fn score(
                &self,
                leaf: &mut Leaf,
                weight: Option<Decimal>,
            ) -> Result<Option<Scored<Worked>>, Overflow> {
                match self {
                    $(Rule::$variant(rule) => {
                        Ok(rule.score(leaf, weight)?.map(|s| s.map(Worked::$variant)))
                    })*
                }
            }
        }

        impl Worked {
            pub(crate) fn explain(&self, node: &Node) -> Explained {
                match self {
                    $(Worked::$variant(w) => <$kind as Kind>::explain(w, node)),*
                }
            }

            pub(crate) fn raw(&self) -> Option<Decimal> {
                match self {
                    $(Worked::$variant(w) => <$kind as Kind>::raw(w)),*
                }
            }

            pub(crate) fn met(&self) -> Option<bool> {
                match self {
                    $(Worked::$variant(w) => <$kind as Kind>::met(w)),*
                }
            }
        }

        impl RuleFinding {
            pub(crate) fn code(&self) -> &'static str {
                match self {
                    $(RuleFinding::$variant(f) => f.code()),*
                }
            }

            pub(crate) fn severity(&self) -> Severity {
                match self {
                    $(RuleFinding::$variant(f) => f.severity()),*
                }
            }

            pub(crate) fn write(&self, field: &str, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                match self {
                    $(RuleFinding::$variant(finding) => finding.write(field, f)),*
                }
            }
        }

        /// Every kind as (its name in files, its label), in the order the page offers them.
        pub const KINDS: &[(&str, &str)] = &[$((<$kind as Kind>::NAME, <$kind as Kind>::LABEL)),*];
    };
}

rule_kinds! {
    Ratio(Ratio) => ratio::Worked, ratio::Finding;
    BudgetExecution(BudgetExecution) => budget_execution::Worked, budget_execution::Finding;
    Step(Step) => step::Worked, step::Finding;
    Interval(Interval) => interval::Worked, interval::Finding;
    PerOccurrence(PerOccurrence) => per_occurrence::Worked, per_occurrence::Finding;
    Qualitative(Qualitative) => qualitative::Worked, qualitative::Finding;
    YesNo(YesNo) => yes_no::Worked, yes_no::Finding;
    Manual(Manual) => manual::Worked, NoFinding;
    Coefficient(Coefficient) => coefficient::Worked, coefficient::Finding;
    Adjustment(Adjustment) => adjustment::Worked, adjustment::Finding;
}

impl<'de> Deserialize<'de> for Rule {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Rule, D::Error> {
        deserializer.deserialize_map(RuleVisitor)
    }
}

/// Reads a rule in one pass when `kind` comes first, as jixiao writes it: the rest of the
/// object is then read straight into the kind's parameters. Otherwise the object is gathered
/// first (a field given twice is refused, as in the one pass), and an error in it is placed at
/// the rule rather than at its field. (serde's derive for a tagged enum gathers every rule,
/// which made rules the costliest part of opening a large sheet in the browser.)
struct RuleVisitor;

impl<'de> Visitor<'de> for RuleVisitor {
    type Value = Rule;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a rule: {\"kind\": …}")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Rule, A::Error> {
        let Some(first) = map.next_key::<String>()? else {
            return Err(de::Error::missing_field("kind"));
        };
        if first == "kind" {
            let name: KindName = map.next_value()?;
            return read_params(name, MapAccessDeserializer::new(map));
        }
        // The parameters are kept as text; the kind, a name, is read as text where it stands
        // (a number or a list there is the wrong type, said at its place).
        let mut fields: Vec<(String, CellsText)> = vec![(first, map.next_value()?)];
        let mut kind: Option<String> = None;
        while let Some(key) = map.next_key::<String>()? {
            if kind.is_some() && key == "kind" || fields.iter().any(|(k, _)| *k == key) {
                return Err(de::Error::custom(format_args!("duplicate field `{key}`")));
            }
            if key == "kind" {
                kind = Some(map.next_value()?);
            } else {
                let value = map.next_value()?;
                fields.push((key, value));
            }
        }
        let kind = kind.ok_or_else(|| de::Error::missing_field("kind"))?;
        // Written again with `kind` first and read the one-pass way, so that the parameters'
        // readers are compiled once, for the files' own reader: reading them from the gathered
        // object as well was a second set, 4.6 KB gzipped of the page's module.
        let mut text = format!(
            "{{\"kind\":{}",
            serde_json::to_string(&kind).unwrap_or_default()
        );
        for (key, CellsText(value)) in &fields {
            text.push(',');
            text.push_str(&serde_json::to_string(key).unwrap_or_default());
            text.push(':');
            text.push_str(value);
        }
        text.push('}');
        serde_json::from_str(&text).map_err(|e| de::Error::custom(without_place(&e)))
    }
}

/// A message of serde_json's without the place it adds ("… at line 1 column 40"), which here
/// would be a place in the text written above, not in the file: the caller places the error
/// at the rule.
fn without_place(e: &serde_json::Error) -> String {
    let message = e.to_string();
    let place = format!(" at line {} column {}", e.line(), e.column());
    match message.strip_suffix(&place) {
        Some(bare) => bare.to_string(),
        None => message,
    }
}

/// What evaluating one leaf gives.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    /// The leaf's 分值, when readable (also for a 不适用 leaf: the rescaling needs it).
    pub weight: Option<Decimal>,
    /// The score, rounded; `None` when the leaf cannot be scored or is not applicable.
    pub score: Option<Decimal>,
    /// The completion rate in percent, rounded, uncapped; where the rule has one.
    pub rate: Option<Decimal>,
    pub derivation: Derivation,
    pub findings: Vec<(Field, Problem)>,
    /// A 加减分 item: added to the total, outside the rescaling.
    pub adjustment: bool,
}

/// The end of a deduction's formula, W − n × P: below 0 it is 0 (=-0.5，不低于0分); else the
/// score it rounds to where P has more places than the scores (=1.5→2).
fn deducted(left: Decimal, score: Decimal) -> String {
    if crate::arith::is_negative(left) {
        let floor = crate::derivation::floor_note(left);
        format!("={}{floor}", crate::arith::plain(left))
    } else {
        crate::derivation::result(Some(left), score)
    }
}

/// Whether actual `a` meets target `t` by `cmp` (strict > and < not at the target itself, = as
/// a ratio row scores it: against 0 from below, else as ≥); `None` where the two are not
/// written alike, one in % and one not (a bare figure in a row counted in % is in %) or in
/// different units.
fn meets(
    cmp: Comparison,
    t: &crate::cell::Quantity,
    a: &crate::cell::Quantity,
    unit: &str,
) -> Option<bool> {
    let percent = |q: &crate::cell::Quantity| {
        q.percent || q.unit.is_empty() && crate::cell::row_unit(unit) == "%"
    };
    if percent(t) != percent(a) || t.unit != a.unit {
        return None;
    }
    Some(cmp.met(t.value, a.value))
}

/// Scores a leaf.
pub fn evaluate_leaf(node: &Node, settings: &Resolved) -> Outcome {
    let adjustment = matches!(node.rule, Some(Rule::Adjustment(_)));
    let mut leaf = Leaf::new(node, settings);
    // A name cleared with the figures left, or a row pasted without one: the row scores, and
    // reaches the report and the printed form as an indicator with no name.
    if is_blank_text(&node.name) && !node.nothing_typed() {
        leaf.find(Field::Name, Problem::Unnamed);
    }
    let weight = leaf.weight(adjustment);
    let (score, rate, derivation) = if node.not_applicable {
        (None, None, Derivation::NotApplicable)
    } else {
        // Full marks are the 分值 itself: one the score's places cannot write is not scored.
        // A 加减分's 分值 is no score. A rule's points need no such check: the score they give is
        // rounded like any other, and a band's points or W − n × P (at most W) rounded never
        // exceed a W the places can write.
        let scorable = match weight {
            Some(w) if !adjustment && !leaf.writable(Field::Weight, w, false) => None,
            w => w,
        };
        match score(node, &mut leaf, scorable) {
            Ok(Some(scored)) => (
                Some(scored.score),
                scored.rate,
                Derivation::Rule(scored.worked),
            ),
            Ok(None) => (None, None, Derivation::Unscored),
            Err(Overflow) => {
                leaf.find(Field::Actual, Problem::Overflow);
                (None, None, Derivation::Unscored)
            }
        }
    };
    if let (Some(s), Some(w)) = (score, weight) {
        if s < w && !adjustment && is_blank_text(&node.reason) {
            leaf.find(Field::Reason, Problem::MissingReason);
        }
    }
    if !node.not_applicable {
        crate::hints::of_leaf(node, &mut leaf.findings);
    }
    leaf.findings.retain(|(_, p)| settings.shows(p));
    Outcome {
        weight,
        score,
        rate,
        derivation,
        findings: leaf.findings,
        adjustment,
    }
}

/// A row without a rule is scored by its comparison: 定性 → qualitative, anything else → ratio.
fn score(
    node: &Node,
    leaf: &mut Leaf,
    weight: Option<Decimal>,
) -> Result<Option<Scored<Worked>>, Overflow> {
    match &node.rule {
        Some(rule) => rule.score(leaf, weight),
        None if node.comparison == Some(Comparison::Qualitative) => {
            Rule::Qualitative(Qualitative {}).score(leaf, weight)
        }
        None => Rule::Ratio(Ratio::default()).score(leaf, weight),
    }
}

/// Whether a row's 得分 is typed by hand (手动评分, 定性评价, 加减分) rather than worked out: a
/// 得分 written on any other row is the unit's declared figure, not the row's input.
pub fn score_is_entered(node: &Node) -> bool {
    match &node.rule {
        Some(Rule::Manual(_) | Rule::Qualitative(_) | Rule::Adjustment(_)) => true,
        Some(_) => false,
        None => node.comparison == Some(Comparison::Qualitative),
    }
}

/// The 比较方式 a target typed into `node` sets on its row: the comparison written in the
/// target (`≤3天`, `3天内`, `>95%`), where the row's rule compares at all (ratio and step
/// rules; a 定性 row keeps its column). A file's row is never changed this way: there a
/// column and a target that disagree are an error at the cell.
pub fn comparison_typed_in_target(node: &Node) -> Option<Comparison> {
    let compares = match &node.rule {
        None => node.comparison != Some(Comparison::Qualitative),
        Some(Rule::Ratio(_) | Rule::Step(_)) => true,
        Some(_) => false,
    };
    if !compares {
        return None;
    }
    match parse_cell(&node.target) {
        Ok(Cell::Number(q)) => q.comparison,
        _ => None,
    }
}

/// The tables the page shows choices from, taken from here so that they are never written
/// twice: the rule kinds with their labels, the comparisons, the qualitative levels and the
/// default grade bands.
#[derive(Clone, Debug, Serialize)]
pub struct Catalog {
    /// (name in files, label), in the order offered.
    pub rules: Vec<(&'static str, &'static str)>,
    /// As written in files and shown.
    pub comparisons: Vec<&'static str>,
    pub levels: Vec<&'static str>,
    pub grade_bands: Vec<crate::model::GradeBand>,
    /// The 提示 a sheet can switch off: (code, what it points out).
    pub hints: Vec<(&'static str, &'static str)>,
}

/// The page's choices ([`Catalog`]).
pub fn catalog() -> Catalog {
    Catalog {
        rules: KINDS.to_vec(),
        comparisons: Comparison::ALL.iter().map(|c| c.symbol()).collect(),
        levels: Level::ALL.iter().map(|l| l.label()).collect(),
        grade_bands: crate::model::default_grade_bands(),
        hints: crate::hints::HINTS.to_vec(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_is_named_as_serde_writes_it() {
        for (name, label) in KINDS {
            let json = format!(r#"{{"kind":"{name}"}}"#);
            // A kind with required parameters still names itself in the error, not "unknown variant".
            match serde_json::from_str::<Rule>(&json) {
                Ok(rule) => {
                    assert_eq!(rule.label(), *label);
                    let written = serde_json::to_string(&rule).unwrap();
                    assert_eq!(written, json, "{name}");
                }
                Err(e) => assert!(e.to_string().contains("missing field"), "{name}: {e}"),
            }
        }
        assert_eq!(KINDS.len(), 10);
    }

    #[test]
    fn a_rule_reads_the_same_whichever_field_comes_first() {
        let first: Rule =
            serde_json::from_str(r#"{"kind":"step","step":"5%","points":"0.5"}"#).unwrap();
        let later: Rule =
            serde_json::from_str(r#"{"step":"5%","points":"0.5","kind":"step"}"#).unwrap();
        assert_eq!(first, later);
        // Nested values, numbers, escapes and spaces come through the rewriting unchanged.
        let bands = r#""bands":[{"min":"90%","points":10,"max":null},{"min":"0","points":"0"}]"#;
        let first: Rule =
            serde_json::from_str(&format!(r#"{{"kind":"interval","basis":"rate",{bands}}}"#))
                .unwrap();
        let later: Rule = serde_json::from_str(&format!(
            "{{ {bands} ,\n \"basis\": \"rate\", \"kind\": \"interval\" }}"
        ))
        .unwrap();
        assert_eq!(first, later);
        assert!(
            matches!(&first, Rule::Interval(i) if i.bands.len() == 2 && i.bands[0].points == "10")
        );
        for json in [
            r#"{"kind":"step","step":"5%","step":"9%","points":"1"}"#,
            r#"{"step":"5%","step":"9%","kind":"step","points":"1"}"#,
        ] {
            let error = serde_json::from_str::<Rule>(json).unwrap_err().to_string();
            assert!(error.contains("duplicate field `step`"), "{json}: {error}");
        }
        for json in [
            r#"{"kind":"manual","step":"5%"}"#,
            r#"{"step":"5%","kind":"manual"}"#,
        ] {
            let error = serde_json::from_str::<Rule>(json).unwrap_err().to_string();
            assert!(error.contains("unknown field `step`"), "{json}: {error}");
        }
        // A kind that is not a name is the wrong type, first or later.
        for (json, said) in [
            (r#"{"points":"1","kind":5}"#, "invalid type: integer `5`"),
            (r#"{"points":"1","kind":null}"#, "invalid type: null"),
            (
                r#"{"points":"1","kind":["step"]}"#,
                "invalid type: sequence",
            ),
        ] {
            let error = serde_json::from_str::<Rule>(json).unwrap_err().to_string();
            assert!(error.contains(said), "{json}: {error}");
        }
        // A float among the parameters is read as the cell it would be with `kind` first.
        let float = r#""step":"5%","points":10766970284.312402"#;
        let first: Rule = serde_json::from_str(&format!(r#"{{"kind":"step",{float}}}"#)).unwrap();
        let later: Rule = serde_json::from_str(&format!(r#"{{{float},"kind":"step"}}"#)).unwrap();
        assert_eq!(first, later);
        // Read from the gathered object, an error names no place in the text written for it.
        let error = serde_json::from_str::<Rule>(r#"{"pionts":"1","kind":"step","step":"5%"}"#)
            .unwrap_err()
            .to_string();
        assert_eq!(error.matches(" at line ").count(), 1, "{error}");
        assert!(error.contains("unknown field `pionts`"), "{error}");
        for json in [r#"{"kind":"magic"}"#, r#"{"points":"1","kind":"magic"}"#] {
            let error = serde_json::from_str::<Rule>(json).unwrap_err().to_string();
            assert!(error.contains("unknown variant `magic`"), "{json}: {error}");
        }
    }
}
