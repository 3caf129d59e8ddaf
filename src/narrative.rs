//! The 自评报告 written from the table, in the seeds' structure: 一、基本情况, 二、绩效目标及完成情况,
//! 三、自评结论, 四、存在的问题及原因, 五、改进措施. A paragraph is spans, each saying where its
//! text comes from, so that every number in the report is the evaluation's (a `Figure`, written
//! as the report writes it, or a `Derivation`, the core's own words) or the user's (`Typed` in
//! the table, `Written` in the report); the report's own words (`Words`) hold none. A writer (a
//! .docx, the page's editor) joins them, and the page marks what came from the table.
//!
//! The user may rewrite a paragraph (the sheet's `report`, [`ReportEdit`]): the words become
//! theirs, and each part from the table they kept is named, so it is written as the table gives
//! it now. A paragraph is known by its key (`goals/row/服务对象满意度`; `report_keys` says how
//! rows of one name are told apart); an edit whose paragraph is gone, or one the user added,
//! stands at the end of its section, so nothing written is lost. One whose paragraph is gone is
//! set aside ([`SetAside`]): kept and shown, but left out of the Word document, where it would
//! read as a sentence without its subject.
//!
//! In the report's sentences a score is written as the seeds write theirs, without the zeros
//! the table pads it with (得9.8分, 得19分, 总分94.5分), as the rows' derivations, which the page
//! shows under the table too, already write them; the appended table keeps the table's places.

use crate::arith::plain;
use crate::comparison::Comparison;
use crate::engine::report::{NodeReport, NodeStatus, Report};
use crate::engine::Calculator;
use crate::model::{Node, ReportEdit, ReportPiece, Sheet, SheetKind};
use crate::report_keys;
use serde::Serialize;
use std::collections::HashSet;

/// Where a span's text comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// The report's wording around the figures; never a number.
    Words,
    /// A figure of the evaluation (a score, a rate, a total), as the report writes it.
    Figure,
    /// How a score came about, in the core's words.
    Derivation,
    /// What the user typed in the table: a name, a target, a reason.
    Typed,
    /// What the evaluation says of an indicator, in words: 已完成, 未完全完成, ….
    Status,
    /// What the user wrote in the report.
    Written,
    /// A part from the table that a rewritten paragraph kept but the paragraph no longer has
    /// (its row renamed or deleted, or no longer in this section: the paragraph is then
    /// [`SetAside`]): no text, kept by its name so that it comes back with the row.
    Missing,
    /// A part a rewritten paragraph kept that the table has but may not state yet: the grade
    /// and the total while indicators are unscored or the table has errors, the subtotal of a
    /// group some of whose indicators are not scored yet. Its text says it
    /// is 待定 and why (待定（尚有1项指标未计分）, 80.4（待定）), so that a report written before
    /// the table was finished never states either as final, nor leaves an empty “” where the
    /// grade was.
    Pending,
}

impl Source {
    /// Whether the text comes from the table (and follows it).
    pub fn from_table(self) -> bool {
        matches!(
            self,
            Source::Figure | Source::Derivation | Source::Typed | Source::Status
        )
    }
}

/// A piece of a paragraph.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Span {
    pub from: Source,
    pub text: String,
    /// A part from the table, by its name in the paragraph (`rate`, `name`): an edit of the
    /// paragraph keeps it by this name.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// The unit the user wrote after a 待定 figure, shown within it, before its marker
    /// (73.01分（待定）, not 73.01（待定）分): still the user's word, which an edit of the
    /// paragraph gives back to the words after the part. Empty for every other span.
    #[serde(skip_serializing_if = "str::is_empty")]
    pub unit: &'static str,
}

/// The unit a rewritten paragraph writes after a 待定 figure, which goes before its marker.
const PENDING_UNIT: &str = "分";

/// A paragraph of the report.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Paragraph {
    /// `<section>/<what>`: which paragraph this is, for the user's edit of it.
    pub key: String,
    pub spans: Vec<Span>,
    /// Rewritten by the user.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub edited: bool,
    /// Written by the user where the table gives no paragraph (added, or its paragraph gone).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub added: bool,
    /// A note asking for what the table does not give yet (`（尚未填写改进措施：…）`), not
    /// rewritten: a document marks it, so that it is not handed in as the report's words.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub to_write: bool,
    /// A rewrite whose paragraph the table no longer gives, and why: shown where the user can
    /// see it, never written into the Word document.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub set_aside: Option<SetAside>,
    /// The row it is written about, and which of its paragraphs it is (a prefix of
    /// `report_keys::ROW`).
    #[serde(skip)]
    row: Option<(&'static str, usize)>,
    /// The key an earlier version gave it, numbered among its section's paragraphs by
    /// [`unique_keys`]: a file written then keeps its rewrite under it.
    #[serde(skip)]
    legacy: String,
    /// A part an earlier version wrote in this paragraph and this one words otherwise, with
    /// the spans that say it now: a hand-given score's `derivation` (手动评分，得2.5分（its
    /// reason）, now 得2.5分（分值3分）), so that a rewrite which kept it still has it.
    #[serde(skip)]
    former: Vec<(&'static str, Vec<Span>)>,
}

/// Why a rewritten paragraph is set aside.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SetAside {
    /// What it was written about is no longer in the table: a row or 资金 row renamed or
    /// deleted, a line of 主要问题 or 改进建议 changed.
    Gone,
    /// What it was written about is still in the table, but the report no longer writes this
    /// paragraph: a row now at full marks has no reason among the problems, a row marked
    /// 不适用 no score in the conclusion.
    NotHere,
    /// A paragraph the report writes only while the table has what it says, and the table has
    /// it no longer: a 基本信息 field cleared (年度总体目标, 实际完成情况, the names), no total
    /// yet, fewer than two 一级 groups, no row 不适用 to rescale for.
    Empty,
}

impl Paragraph {
    /// The paragraph's text.
    pub fn text(&self) -> String {
        self.spans.iter().map(|s| s.text.as_str()).collect()
    }

    /// The text as a document writes it: a part of a rewrite the table no longer has
    /// (`Missing`) is left out with the words of its clause around it, so that no word dangles
    /// (受益人数：目标1000人，实际完成，未能计分 → 受益人数：目标1000人，未能计分). The page keeps
    /// those words, which are the user's, beside the part it marks missing.
    pub fn document_text(&self) -> String {
        const PAUSE: [char; 7] = ['，', '、', '；', '：', ',', ';', ':'];
        const MARKS: [char; 12] = [
            '，', '、', '；', '：', ',', ';', ':', '。', '！', '？', '!', '?',
        ];
        let words = |from: Source| matches!(from, Source::Written | Source::Words);
        let mut parts: Vec<(Source, String)> = self
            .spans
            .iter()
            .map(|s| (s.from, s.text.clone()))
            .collect();
        for k in 0..parts.len() {
            if parts[k].0 != Source::Missing {
                continue;
            }
            let (before, after) = parts.split_at_mut(k);
            // The clause's words: back to the mark before the part, on to the mark after it.
            if let Some((_, t)) = before.last_mut().filter(|(from, _)| words(*from)) {
                let keep = t
                    .rfind(MARKS)
                    .map_or(0, |i| i + t[i..].chars().next().map_or(0, char::len_utf8));
                t.truncate(keep);
            }
            let Some((_, t)) = after.get_mut(1).filter(|(from, _)| words(*from)) else {
                // Last in the paragraph: no pause left before nothing.
                if let (1, Some((from, l))) = (after.len(), before.last_mut()) {
                    if words(*from) && l.ends_with(PAUSE) {
                        l.pop();
                    }
                }
                continue;
            };
            let from = t.find(MARKS).unwrap_or(t.len());
            t.replace_range(..from, "");
            // One mark where the clause was: 1000人，未能计分, not 1000人，，未能计分.
            let left = before.iter_mut().rev().find(|(_, t)| !t.is_empty());
            match left {
                None => t.replace_range(..t.find(|c| !MARKS.contains(&c)).unwrap_or(t.len()), ""),
                Some((_, l)) if l.ends_with(MARKS) && t.starts_with(PAUSE) => {
                    t.remove(0);
                }
                Some((from, l)) if words(*from) && l.ends_with(PAUSE) && t.starts_with(MARKS) => {
                    l.pop();
                }
                _ => {}
            }
        }
        let text: String = parts.into_iter().map(|(_, t)| t).collect();
        // Nothing left but marks: nothing to write.
        if text
            .chars()
            .all(|c| MARKS.contains(&c) || c.is_whitespace())
        {
            String::new()
        } else {
            text
        }
    }
}

/// A part of the report under its heading.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Section {
    /// `basics`, `goals`, `conclusion`, `problems` or `measures`.
    pub key: &'static str,
    pub heading: String,
    pub paragraphs: Vec<Paragraph>,
}

/// The report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Narrative {
    pub title: String,
    pub sections: Vec<Section>,
    /// The lines that close it, as a 公文 closes: who writes it and when (the table's 单位 and
    /// 填报日期), where the table names them.
    pub signed: Vec<String>,
    /// A 重点评价's report (绩效评价报告, 三、评价结论), not a 自评.
    pub evaluation: bool,
}

/// Builds a paragraph from spans written one after another.
#[derive(Default)]
struct Writer {
    spans: Vec<Span>,
}

impl Writer {
    fn push(mut self, from: Source, name: &str, text: &str) -> Self {
        self.spans.push(Span {
            from,
            text: text.to_string(),
            name: name.to_string(),
            unit: "",
        });
        self
    }
    fn words(self, text: &str) -> Self {
        self.push(Source::Words, "", text)
    }
    fn figure(self, name: &str, text: &str) -> Self {
        self.push(Source::Figure, name, text)
    }
    fn typed(self, name: &str, text: &str) -> Self {
        self.push(Source::Typed, name, text.trim())
    }
    fn derivation(self, name: &str, text: &str) -> Self {
        self.push(Source::Derivation, name, text)
    }
    /// A target or an actual as typed, with the row's 计量单位 after it when it needs one
    /// (`needs_unit`), as a part of its own.
    fn amount(self, name: &str, text: &str, unit_name: &str, unit: &str) -> Self {
        let p = self.typed(name, text);
        if needs_unit(text, unit) {
            p.typed(unit_name, crate::cell::row_unit(unit))
        } else {
            p
        }
    }
    /// What the user typed that ends a sentence, and the sentence's full stop: the report
    /// writes its own, so the typed text brings none (材料价格上涨。 is written once, and a
    /// rewrite that goes on after it, `。已与供应商重新议价。`, does not get two); a text that
    /// ends in ！ or ？ keeps it and needs none.
    fn sentence(self, name: &str, text: &str) -> Self {
        let text = text
            .trim()
            .trim_end_matches(['。', '；', '，', '、', '：', ';', ',', ':'])
            .trim_end();
        let ended = text.ends_with(['！', '？', '!', '?', '…']);
        let p = self.typed(name, text);
        if ended {
            p
        } else {
            p.words("。")
        }
    }
    /// A row's target as typed, with the comparison the row is scored by in words (不超过500):
    /// a symbol does not belong in a sentence, and a target of 500 in a row compared by ≤ is
    /// no more than 500, not 500. A comparison the target says in words of its own (3天内,
    /// 95%以上) is left as typed.
    fn target(self, node: &crate::model::Node) -> Self {
        let text = node.target.trim();
        let (symbol, rest) = COMPARISON_SYMBOLS
            .iter()
            .find_map(|(symbol, c)| Some((Some(*c), text.strip_prefix(symbol)?.trim())))
            .filter(|(_, rest)| !rest.is_empty())
            .unwrap_or((None, text));
        let said = scored_comparison(node)
            .filter(|_| symbol.is_some() || !typed_comparison(text))
            .or(symbol)
            .and_then(comparison_in_words);
        match said {
            Some(words) => self.words(words),
            None => self,
        }
        .amount("target", rest, "target_unit", &node.unit)
    }
    /// The name of the row a paragraph is about: its name, or where it has none its place, as
    /// the page names it (第5行).
    fn subject(self, keys: &RowKeys, index: usize) -> Self {
        let row = &keys.rows[index];
        if row.name.is_empty() {
            self.figure("name", &format!("第{}行", index + 1))
        } else {
            self.typed("name", &row.name)
        }
    }
    fn status(self, text: &str) -> Self {
        self.push(Source::Status, "status", text)
    }
    fn done(self, key: String) -> Paragraph {
        Paragraph {
            to_write: key.ends_with(TO_WRITE),
            key,
            spans: self.spans,
            ..Paragraph::default()
        }
    }
    /// The paragraph `prefix` about the row `index`, known as [`RowKeys::key`] says.
    fn done_row(self, keys: &RowKeys, prefix: &'static str, index: usize) -> Paragraph {
        Paragraph {
            key: keys.key(prefix, index),
            spans: self.spans,
            row: Some((prefix, index)),
            // Numbered among the section's by `unique_keys`.
            legacy: report_keys::key(prefix, &keys.rows[index].name),
            ..Paragraph::default()
        }
    }
}

/// The comparisons typed before a figure (the longer spellings first).
const COMPARISON_SYMBOLS: [(&str, Comparison); 14] = [
    ("≥", Comparison::AtLeast),
    ("≧", Comparison::AtLeast),
    (">=", Comparison::AtLeast),
    ("＞＝", Comparison::AtLeast),
    ("≤", Comparison::AtMost),
    ("≦", Comparison::AtMost),
    ("<=", Comparison::AtMost),
    ("＜＝", Comparison::AtMost),
    (">", Comparison::Greater),
    ("＞", Comparison::Greater),
    ("<", Comparison::Less),
    ("＜", Comparison::Less),
    ("=", Comparison::Equal),
    ("＝", Comparison::Equal),
];

/// A comparison in a sentence (年度指标值不超过500元).
fn comparison_in_words(comparison: Comparison) -> Option<&'static str> {
    Some(match comparison {
        Comparison::AtLeast => "不低于",
        Comparison::Greater => "高于",
        Comparison::Equal => "等于",
        Comparison::AtMost => "不超过",
        Comparison::Less => "低于",
        Comparison::Qualitative => return None,
    })
}

/// The comparison a row's figure target is scored by: its 比较方式 column's, else one its
/// target says (the rules' [`crate::rules::chosen_comparison`]); `None` where neither says
/// one, the two contradict each other (the row is not scored), or the target is no figure
/// (是, 按时完成).
fn scored_comparison(node: &crate::model::Node) -> Option<Comparison> {
    let Ok(crate::cell::Cell::Number(target)) = crate::cell::parse_cell(node.target.trim()) else {
        return None;
    };
    let column = node.comparison.filter(|c| *c != Comparison::Qualitative);
    if column.is_none() && target.comparison.is_none() {
        return None;
    }
    crate::rules::chosen_comparison(column, target.comparison, Comparison::AtLeast).ok()
}

/// Whether a target says how it compares in words of its own (3天内, 不超过3天, 95%以上).
fn typed_comparison(text: &str) -> bool {
    matches!(
        crate::cell::parse_cell(text),
        Ok(crate::cell::Cell::Number(q)) if q.comparison.is_some()
    )
}

/// A derivation as a sentence of the report: a comparison the rule writes after 年度指标值 is
/// left out (超过年度指标值500元, not 超过年度指标值≤500元: the sentence says how it compares),
/// and one it quotes said in words (未满足“高于90%”). Only those the rule writes: a name or a
/// reason typed with a symbol in it is the user's. The page shows the derivation under the
/// table as the core writes it, where a symbol reads as in the table's 比较 column.
pub fn derivation_in_words(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let after = |lead: &str| out.ends_with(lead);
        let symbol = COMPARISON_SYMBOLS
            .iter()
            .find(|(s, _)| rest.starts_with(s))
            .and_then(|(s, c)| Some((*s, comparison_in_words(*c)?)));
        match symbol {
            Some((symbol, _)) if after("年度指标值") => rest = &rest[symbol.len()..],
            Some((symbol, words)) if after("未满足“") => {
                out.push_str(words);
                rest = &rest[symbol.len()..];
            }
            _ => {
                out.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    out
}

/// The total's rescaling as a sentence of the report: its figures without the zeros the table
/// pads them with (70×100÷90−2, not 70.00×100÷90−2.00), as the report writes its scores; the
/// exact figure after ≈ keeps its four places.
pub fn rescale_in_words(text: &str) -> String {
    fn flush(out: &mut String, figure: &mut String, exact: bool) {
        let figure = std::mem::take(figure);
        out.push_str(&if exact {
            figure
        } else {
            score_in_words(&figure)
        });
    }
    let (mut out, mut figure, mut exact) =
        (String::with_capacity(text.len()), String::new(), false);
    for c in text.chars() {
        if c.is_ascii_digit() || c == '.' {
            figure.push(c);
        } else {
            flush(&mut out, &mut figure, exact);
            exact = c == '≈';
            out.push(c);
        }
    }
    flush(&mut out, &mut figure, exact);
    out
}

/// A score in a sentence: without the zeros the table pads it with (49.40 → 49.4, 19.00 → 19).
pub fn score_in_words(score: &str) -> String {
    let score = score.trim();
    if score.contains('.')
        && score
            .chars()
            .all(|c| c.is_ascii_digit() || ".,-".contains(c))
    {
        score
            .trim_end_matches('0')
            .trim_end_matches('.')
            .to_string()
    } else {
        score.to_string()
    }
}

/// How each indicator row's paragraphs are known on the page (`report_keys` says why). A row
/// whose name is its own is known by its name, so that a view's key reads as what it is about;
/// rows that share a name by their ids; a row of a shared name without an id yet (there is no
/// rewrite in the sheet, or the calculator would have given it one) by its order among them,
/// `…#2`, until a rewrite is kept for it. A rewrite itself is kept under the row's id whatever
/// its name (`Calculator::set_report_paragraph`), and found by it first.
struct RowKeys {
    rows: Vec<RowKey>,
}

struct RowKey {
    /// The name, trimmed.
    name: String,
    id: Option<String>,
    /// Another row has the name.
    shared: bool,
    /// Its order among the rows of its name, from 1.
    nth: usize,
}

impl RowKeys {
    fn new(calc: &Calculator) -> RowKeys {
        let mut rows: Vec<RowKey> = (0..calc.len())
            .map(|i| {
                let node = calc.node(i).expect("a row of the sheet");
                RowKey {
                    name: node.name.trim().to_string(),
                    id: node
                        .id
                        .as_deref()
                        .map(str::trim)
                        .filter(|id| !id.is_empty())
                        .map(str::to_string),
                    shared: false,
                    nth: 1,
                }
            })
            .collect();
        let mut seen: std::collections::HashMap<String, usize> = Default::default();
        for row in &mut rows {
            let n = seen.entry(row.name.clone()).or_default();
            *n += 1;
            row.nth = *n;
        }
        for row in &mut rows {
            row.shared = seen[&row.name] > 1;
        }
        RowKeys { rows }
    }

    /// The key of the paragraph `prefix` about the row `index`.
    fn key(&self, prefix: &str, index: usize) -> String {
        let row = &self.rows[index];
        match (&row.id, row.shared) {
            (_, false) => report_keys::key(prefix, &row.name),
            (Some(id), true) => report_keys::id_key(prefix, id),
            (None, true) => report_keys::nth_key(prefix, &row.name, row.nth),
        }
    }

    /// Whether a row is blank: no name and nothing typed to report (a blank template's rows).
    fn blank(&self, calc: &Calculator, index: usize) -> bool {
        self.rows[index].name.is_empty() && calc.node(index).is_some_and(Node::nothing_typed)
    }
}

fn w() -> Writer {
    Writer::default()
}

/// The 自评报告 of a sheet, with the user's edits of it: those the calculator keeps, which a
/// key written by an earlier version has been moved from to its row's id where it says which
/// row it is about (`Calculator::new`).
pub fn narrative(sheet: &Sheet) -> Narrative {
    let calc = Calculator::new(sheet.clone());
    let report = calc.report();
    let meta = calc.meta();
    let subject = if sheet.kind == SheetKind::Project && !meta.project.trim().is_empty() {
        meta.project.trim()
    } else {
        meta.unit.trim()
    };
    // A 重点评价's table (项目支出绩效评价表) is an evaluation's, not a 自评.
    let evaluation = sheet.kind == SheetKind::Project
        && meta.title.contains("评价表")
        && !meta.title.contains("自评");
    let title = if meta.title.contains("报告") {
        meta.title.trim().to_string()
    } else {
        let kind = match (sheet.kind, evaluation) {
            (SheetKind::Project, true) => "绩效评价报告",
            (SheetKind::Project, false) => "绩效自评报告",
            _ => "部门整体支出绩效自评报告",
        };
        // The year as the calculator reads it (２０２３年 is 2023), as typed where it reads none.
        let year_of = crate::engine::last_year::year_of;
        let read = year_of(&meta.year);
        let year = read.map_or_else(
            || meta.year.trim().trim_end_matches(['年', '度']).to_string(),
            |y| y.to_string(),
        );
        // Not twice where the project's name begins with it (2023年老旧小区微改造项目), read
        // as the year is (２０２３年老旧小区微改造项目 too).
        let leading = subject.split_once('年').and_then(|(head, _)| year_of(head));
        let named =
            (read.is_some() && leading == read) || subject.starts_with(&format!("{year}年"));
        let year = if year.is_empty() || named {
            String::new()
        } else {
            format!("{year}年度")
        };
        format!("{year}{subject}{kind}")
    };
    let funded = calc.funded_leaf();
    let keys = RowKeys::new(&calc);
    let mut sections = vec![
        basics(&calc, &report, sheet.kind),
        goals(&calc, &report, &keys, funded),
        conclusion(&calc, &report, &keys, subject, evaluation),
        problems(&calc, &report, &keys),
        measures(&calc),
    ];
    for section in &mut sections {
        unique_keys(section);
    }
    let set_aside = |key: &str| set_aside(&calc, &keys, key);
    let typed_parts = |key: &str| typed_parts(&calc, &keys, key);
    apply_edits(
        &mut sections,
        &keys,
        calc.report_edits(),
        pending(&calc, &report).as_ref(),
        &set_aside,
        &typed_parts,
    );
    let signed = [&meta.unit, &meta.date]
        .into_iter()
        .map(|line| line.trim().to_string())
        .filter(|line| !line.is_empty())
        .collect();
    Narrative {
        title,
        sections,
        signed,
        evaluation,
    }
}

/// Two paragraphs of one key become `key`, `key#2`, … (a suffix no other paragraph has: a row
/// may be named `X#2` itself): the paragraphs of 资金 rows of one name. Before rows of one name
/// were known by their ids, this was how their paragraphs were told apart too, numbered among
/// the paragraphs of one section (`legacy`): the 2nd of the section's reasons of rows named
/// 验收合格率 was `problems/reason/验收合格率#2`, whichever row it was of that name.
fn unique_keys(section: &mut Section) {
    let mut taken: HashSet<String> = HashSet::new();
    for p in &mut section.paragraphs {
        let row = p.row.is_some();
        let base = if row {
            std::mem::take(&mut p.legacy)
        } else {
            p.key.clone()
        };
        let (mut legacy, mut n) = (base.clone(), 1);
        while !taken.insert(legacy.clone()) {
            n += 1;
            legacy = format!("{base}#{n}");
        }
        if row {
            p.legacy = legacy;
        }
    }
    let mut taken: HashSet<String> = HashSet::new();
    for p in &mut section.paragraphs {
        let base = p.key.clone();
        let mut n = 1;
        while !taken.insert(p.key.clone()) {
            n += 1;
            p.key = format!("{base}#{n}");
        }
    }
}

/// The keys an earlier version gave the paragraphs written about rows (`…#2` numbered among a
/// section's paragraphs, [`unique_keys`]), each with the row and which of its paragraphs it is:
/// for the calculator to move a rewrite kept under one to the row's id
/// (`Calculator::new`). Only the paragraphs the report writes now: a key whose paragraph is
/// not written says nothing of which row of its name it was.
#[cfg(not(all(target_arch = "wasm32", not(feature = "xlsx"))))]
pub(crate) fn legacy_keys(calc: &Calculator) -> Vec<(String, &'static str, usize)> {
    let report = calc.report();
    let keys = RowKeys::new(calc);
    let mut sections = [
        goals(calc, &report, &keys, calc.funded_leaf()),
        conclusion(calc, &report, &keys, "", false),
        problems(calc, &report, &keys),
    ];
    let mut out = Vec::new();
    for section in &mut sections {
        unique_keys(section);
        for p in &section.paragraphs {
            if let Some((prefix, row)) = p.row {
                out.push((p.legacy.clone(), prefix, row));
            }
        }
    }
    out
}

/// Whether a rewrite that no paragraph takes is set aside, and why: one written about a row, a
/// 资金 row, a line of typed text or a paragraph the report gives only sometimes. A paragraph
/// the user added (or kept under a key the report never gives) is theirs, and exported.
fn set_aside(calc: &Calculator, keys: &RowKeys, key: &str) -> Option<SetAside> {
    let here = |there: bool| {
        Some(if there {
            SetAside::NotHere
        } else {
            SetAside::Gone
        })
    };
    if report_keys::ROW.iter().any(|p| key.starts_with(p)) {
        return here(keyed_row(calc, keys, key).is_some());
    }
    if let Some(name) = key.strip_prefix(report_keys::FUNDS) {
        return here(
            calc.funds_rows()
                .iter()
                .any(|f| f.name.trim() == name.trim()),
        );
    }
    if [report_keys::PROBLEMS, report_keys::MEASURES]
        .iter()
        .any(|s| key.starts_with(&format!("{s}/typed/")))
    {
        return here(false);
    }
    let sometimes = [
        "basics/names",
        "goals/goal",
        "goals/achieved",
        "conclusion/total",
        report_keys::GROUPS,
        "conclusion/rescale",
    ];
    sometimes.contains(&key).then_some(SetAside::Empty)
}

/// The row a row's paragraph key names, while the table has it: by its id (`…/@id`), by its
/// name, or by its order among the rows of its name (`…/name#2`).
fn keyed_row(calc: &Calculator, keys: &RowKeys, key: &str) -> Option<usize> {
    let rest = report_keys::ROW.iter().find_map(|p| key.strip_prefix(p))?;
    let named = |name: &str, nth: usize| {
        keys.rows
            .iter()
            .enumerate()
            .filter(|(_, r)| r.name == name.trim())
            .nth(nth - 1)
            .map(|(i, _)| i)
    };
    match rest.strip_prefix('@').and_then(|id| calc.find(id)) {
        Some(row) => Some(row),
        None => named(rest, 1).or_else(|| {
            let (name, nth) = report_keys::split_nth(rest);
            (nth > 1).then(|| named(name, nth)).flatten()
        }),
    }
}

/// What the user typed in the table for the row a set-aside rewrite is about, while the table
/// has the row (its name, target, actual, 偏差原因): the rewrite shows them, as they are the
/// same in any section, so that it still says which indicator it was written about. What the
/// evaluation says of the row in that section (a rate, a derivation) is not carried over.
fn typed_parts(calc: &Calculator, keys: &RowKeys, key: &str) -> Vec<Span> {
    let Some((index, node)) = keyed_row(calc, keys, key).and_then(|i| Some((i, calc.node(i)?)))
    else {
        return Vec::new();
    };
    let mut p = w().subject(keys, index);
    if let Some(level) = &node.level {
        p = p.typed("level", level.label());
    }
    p.target(node)
        .amount("actual", &node.actual, "unit", &node.unit)
        .sentence("reason", &node.reason)
        .spans
        .into_iter()
        .filter(|s| s.from.from_table() && !s.text.is_empty())
        .collect()
}

/// What the table has but does not state yet, while the grade is not final (indicators
/// unscored, errors): why, and the total so far (`None` before anything is scored).
struct Pending {
    why: String,
    total: Option<String>,
    /// The subtotals of 一级 groups partly scored, by their parts' names (`score:产出指标`).
    groups: Vec<(String, String)>,
}

fn pending(calc: &Calculator, report: &Report) -> Option<Pending> {
    let totals = &report.totals;
    let groups = report
        .nodes
        .iter()
        .filter(|n| n.depth == 0 && partly_scored(calc, n.index))
        .filter_map(|n| {
            let key = report_keys::key(report_keys::GROUP_SCORE, n.name.trim());
            Some((key, score_in_words(n.score.as_ref()?)))
        })
        .collect();
    Some(Pending {
        why: totals.pending()?,
        total: totals
            .total
            .as_deref()
            .filter(|_| totals.scored > 0)
            .map(score_in_words),
        groups,
    })
}

impl Pending {
    /// A part a rewritten paragraph kept that is not final, said to be 待定 and why, as the
    /// printed form and the Word file's table say it (80.48（待定）, 待定（尚有1项指标未计分）):
    /// the grade, the total (with why, where the paragraph has no grade to say it), and the
    /// subtotal of a group partly scored (45（待定）).
    fn span(&self, name: &str, with_grade: bool) -> Option<Span> {
        let why = &self.why;
        let text = match (name, &self.total) {
            ("grade", _) | ("total", None) => format!("待定（{why}）"),
            ("total", Some(total)) if with_grade => format!("{total}（待定）"),
            ("total", Some(total)) => format!("{total}（待定：{why}）"),
            // A group's subtotal, some of its indicators not scored yet.
            _ => {
                let (_, score) = self.groups.iter().find(|(key, _)| key == name)?;
                format!("{score}（待定）")
            }
        };
        Some(Span {
            from: Source::Pending,
            text,
            name: name.to_string(),
            unit: "",
        })
    }
}

/// The user's paragraphs in place of the generated ones; the rest at the end of their section
/// (the last section when the key names none), `set_aside` saying which are set aside and
/// `typed_parts` what the table still has of the row one is about. A part
/// the table does not state yet is one of `pending`. A row's paragraph takes the rewrite kept
/// under the row's id first, and the one under its own key only if there is none: it is shown
/// under its own key (the calculator keeps a rewrite of it under the id), and a rewrite left
/// under that key (a file's) stands at the end, set aside.
fn apply_edits(
    sections: &mut [Section],
    keys: &RowKeys,
    edits: &[ReportEdit],
    pending: Option<&Pending>,
    set_aside: &dyn Fn(&str) -> Option<SetAside>,
    typed_parts: &dyn Fn(&str) -> Vec<Span>,
) {
    let mut used = vec![false; edits.len()];
    let take = |p: &mut Paragraph, key: &str, used: &mut [bool]| {
        if let Some(k) = (0..edits.len()).find(|&k| !used[k] && edits[k].key == key) {
            used[k] = true;
            p.spans = written(&edits[k].text, &p.spans, &p.former, pending);
            p.edited = true;
            p.to_write = false;
        }
    };
    let mut by_id = Vec::new();
    for p in sections.iter_mut().flat_map(|s| &mut s.paragraphs) {
        if let Some((prefix, row)) = p.row {
            if let Some(id) = &keys.rows[row].id {
                let key = report_keys::id_key(prefix, id);
                take(p, &key, &mut used);
                if p.edited && p.key != key {
                    by_id.push((p.key.clone(), key));
                }
            }
        }
    }
    for p in sections.iter_mut().flat_map(|s| &mut s.paragraphs) {
        if !p.edited {
            let key = p.key.clone();
            take(p, &key, &mut used);
        }
    }
    // A rewrite left under the key a paragraph taken by its id is shown by (a deleted row's,
    // kept by its name, when another row takes the name): that paragraph is shown by its id,
    // so that each key the page sends back is one paragraph's.
    for (own, id) in by_id {
        if (0..edits.len()).any(|k| !used[k] && edits[k].key == own) {
            if let Some(p) = sections
                .iter_mut()
                .flat_map(|s| &mut s.paragraphs)
                .find(|p| p.key == own)
            {
                p.key = id;
            }
        }
    }
    let last = sections.len() - 1;
    let shown = |key: &str| {
        edits.iter().any(|e| e.key == key)
            || sections
                .iter()
                .flat_map(|s| &s.paragraphs)
                .any(|p| p.key == key)
    };
    // A rewrite set aside whose row has a name of its own is shown by that name, as the row's
    // paragraphs are (when no other paragraph or rewrite has it).
    let keys_shown: Vec<String> = edits
        .iter()
        .map(|edit| {
            report_keys::ROW
                .iter()
                .find_map(|p| Some((*p, edit.key.strip_prefix(p)?.strip_prefix('@')?)))
                .and_then(|(prefix, id)| {
                    let row = keys.rows.iter().find(|r| r.id.as_deref() == Some(id))?;
                    (!row.shared && !row.name.is_empty())
                        .then(|| report_keys::key(prefix, &row.name))
                })
                .filter(|key| !shown(key))
                .unwrap_or_else(|| edit.key.clone())
        })
        .collect();
    for ((edit, key), _) in edits
        .iter()
        .zip(keys_shown)
        .zip(used)
        .filter(|(_, used)| !used)
    {
        let at = sections
            .iter()
            .position(|s| edit.key.split('/').next() == Some(s.key))
            .unwrap_or(last);
        sections[at].paragraphs.push(Paragraph {
            key,
            spans: written(&edit.text, &typed_parts(&edit.key), &[], pending),
            edited: true,
            added: true,
            set_aside: set_aside(&edit.key),
            ..Paragraph::default()
        });
    }
}

/// An edit's pieces as spans: the user's words, and each part from the table as the table now
/// gives it (said to be 待定 while it is not final, in the spans that now say a part an
/// earlier version wrote (`former`), a `Missing` span, without text, when the table no longer
/// has it).
fn written(
    text: &[ReportPiece],
    generated: &[Span],
    former: &[(&'static str, Vec<Span>)],
    pending: Option<&Pending>,
) -> Vec<Span> {
    let with_grade = text
        .iter()
        .any(|piece| matches!(piece, ReportPiece::Table(t) if t == "grade"));
    let mut spans: Vec<Span> = text
        .iter()
        .flat_map(|piece| match piece {
            ReportPiece::Words(t) => vec![Span {
                from: Source::Written,
                text: t.clone(),
                name: String::new(),
                unit: "",
            }],
            ReportPiece::Table(table) => pending
                .and_then(|p| p.span(table, with_grade))
                .or_else(|| {
                    generated
                        .iter()
                        .find(|s| s.from.from_table() && &s.name == table)
                        .cloned()
                })
                .map(|span| vec![span])
                .or_else(|| {
                    former
                        .iter()
                        .find(|(name, _)| name == table)
                        .map(|(_, spans)| spans.clone())
                })
                .unwrap_or_else(|| {
                    vec![Span {
                        from: Source::Missing,
                        text: String::new(),
                        name: table.clone(),
                        unit: "",
                    }]
                }),
        })
        .filter(|s| !s.text.is_empty() || s.from == Source::Missing)
        .collect();
    // A figure 待定 the user's words give its unit after (总分{total}分): the unit goes with
    // the figure, before the marker, on the page as in the Word document.
    for k in 1..spans.len() {
        let (before, after) = spans.split_at_mut(k);
        let (pending, next) = (&mut before[k - 1], &mut after[0]);
        if pending.from != Source::Pending || next.from != Source::Written {
            continue;
        }
        if let (Some(at), Some(rest)) = (
            pending.text.find('（'),
            next.text.strip_prefix(PENDING_UNIT),
        ) {
            pending.text.insert_str(at, PENDING_UNIT);
            pending.unit = PENDING_UNIT;
            next.text = rest.to_string();
        }
    }
    spans.retain(|s| !s.text.is_empty() || s.from == Source::Missing);
    spans
}

/// Each non-blank line of what the user typed, as a paragraph of its own.
fn lines(section: &str, text: &str) -> Vec<Paragraph> {
    report_keys::lines(text)
        .map(|l| {
            w().sentence("text", l)
                .done(report_keys::line_key(section, l))
        })
        .collect()
}

fn basics(calc: &Calculator, report: &Report, kind: SheetKind) -> Section {
    let meta = calc.meta();
    let mut paragraphs = Vec::new();
    let labelled: Vec<(&str, &str, &str)> = if kind == SheetKind::Project {
        vec![
            ("project", "项目名称：", &meta.project),
            ("department", "主管部门：", &meta.department),
            ("unit", "实施单位：", &meta.unit),
        ]
    } else {
        vec![("unit", "单位名称：", &meta.unit)]
    };
    let mut p = w();
    for (name, label, value) in labelled
        .into_iter()
        .filter(|(_, _, v)| !v.trim().is_empty())
    {
        p = p.words(label).typed(name, value).words("。");
    }
    if !p.spans.is_empty() {
        paragraphs.push(p.done("basics/names".to_string()));
    }
    for f in &report.funds {
        let (Some(budget), Some(spent)) = (&f.budget, &f.spent) else {
            continue;
        };
        let mut p = w()
            .words(if f.part { "其中" } else { "" })
            .typed("name", &f.name)
            .words("：");
        if let Some(initial) = &f.initial {
            p = p
                .words("年初预算数为")
                .figure("initial", initial)
                .words("万元，");
        }
        p = p
            .words("全年预算数为")
            .figure("budget", budget)
            .words("万元，全年执行数为")
            .figure("spent", spent)
            .words("万元");
        if let Some(rate) = &f.rate {
            p = p.words("，执行率为").figure("rate", rate);
        }
        if let (Some(score), Some(weight)) = (&f.score, &f.weight) {
            p = p
                .words("，预算执行率指标得")
                .figure("score", &score_in_words(score))
                .words("分（分值")
                .figure("weight", &score_in_words(weight))
                .words("分）");
        }
        paragraphs.push(
            p.words("。")
                .done(report_keys::key(report_keys::FUNDS, &f.name)),
        );
    }
    Section {
        key: "basics",
        heading: "一、基本情况".to_string(),
        paragraphs,
    }
}

fn goals(calc: &Calculator, report: &Report, keys: &RowKeys, funded: Option<usize>) -> Section {
    let meta = calc.meta();
    let mut paragraphs = Vec::new();
    if !meta.goal.trim().is_empty() {
        paragraphs.push(
            w().words("年度总体目标：")
                .sentence("goal", &meta.goal)
                .done("goals/goal".to_string()),
        );
    }
    if !meta.achieved.trim().is_empty() {
        paragraphs.push(
            w().words("实际完成情况：")
                .sentence("achieved", &meta.achieved)
                .done("goals/achieved".to_string()),
        );
    }
    for n in &report.nodes {
        let name = n.name.trim();
        if !n.leaf {
            // A 一级 or 二级 group heads the indicators under it.
            if n.depth <= 1 {
                // A group without a name heads nothing the report can name.
                if name.is_empty() {
                    continue;
                }
                let mut p = w().typed("name", name);
                if let Some(weight) = n.weight.as_ref().filter(|_| weighted(calc, n.index)) {
                    p = p
                        .words("（分值")
                        .figure("weight", &score_in_words(weight))
                        .words("分）");
                }
                paragraphs.push(p.done_row(keys, report_keys::GROUP, n.index));
            }
            continue;
        }
        if Some(n.index) == funded || keys.blank(calc, n.index) {
            continue;
        }
        let node = calc.node(n.index).expect("a row of the sheet");
        let mut p = w().subject(keys, n.index).words("：");
        if !node.target.trim().is_empty() {
            p = p.words("年度指标值").target(node).words("，");
        }
        let actual = node.actual.trim();
        // A 是否 row's actual is an answer (是, 按时, √), not an amount done.
        let yes_no = matches!(node.rule, Some(crate::model::Rule::YesNo(_)));
        // A 定性 row's level typed as its actual (达成) is its level, not an amount done.
        let level_typed = node.level.is_some()
            && (actual.is_empty() || crate::rules::Level::parse(actual) == node.level);
        if let (Some(level), true) = (&node.level, level_typed) {
            p = p
                .words("完成情况为“")
                .typed("level", level.label())
                .words("”，");
        } else if yes_no && !actual.is_empty() {
            p = p.words("完成情况为“").typed("actual", actual).words("”，");
        } else if !actual.is_empty() {
            // A 按次扣分 row counts what happened (problems found), not what was done; a 得分
            // 系数 row's actual is the coefficient the evaluator gave.
            p = p
                .words(match node.rule {
                    Some(crate::model::Rule::PerOccurrence(_)) => "实际发生",
                    Some(crate::model::Rule::Coefficient(_)) => "得分系数为",
                    _ => "实际完成",
                })
                .amount("actual", actual, "unit", &node.unit)
                .words("，");
        }
        // A 定性 row rated 达成 is done, though its band scores it below full marks (4.5 of 5).
        let achieved = node.level == Some(crate::model::Level::Met);
        let adjustment = matches!(node.rule, Some(crate::model::Rule::Adjustment(_)));
        p = p.status(match n.status {
            NodeStatus::NotApplicable => "本年度不适用",
            NodeStatus::Unscored => "未能计分",
            // A 加减分 is no target to complete: what it did is said (the conclusion gives
            // how much).
            _ if adjustment => match calc.score(n.index) {
                Some(s) if s.is_sign_negative() && !s.is_zero() => "有扣分",
                Some(s) if !s.is_zero() => "有加分",
                _ => "无加减分",
            },
            _ if achieved => "已完成",
            // Answered 否: all or nothing.
            _ if yes_no && lost_points(calc, n) => "未完成",
            // Within its target though its rule takes points off (2 found against ≤3次, each
            // one deducted): the target is done, the conclusion says what was deducted.
            _ if rule_met(calc, n.index) == Some(true) => "已完成",
            // Nothing earned (an actual of 0, twice a ≤ target, 未达成 rated 0): not done at
            // all, not partly.
            _ if lost_points(calc, n) && calc.score(n.index).is_some_and(|s| s.is_zero()) => {
                "未完成"
            }
            _ if lost_points(calc, n) => "未完全完成",
            // Short of its target though its score rounds to full marks (99.93% of 100%, 5.5%
            // of ≤5% with a first step of 1%): not met, as the seeds word a target nearly met.
            _ if short_of_target(calc, n.index) => "基本完成",
            _ => "已完成",
        });
        p = p.words("。");
        paragraphs.push(p.done_row(keys, report_keys::INDICATOR, n.index));
    }
    Section {
        key: "goals",
        heading: "二、绩效目标及完成情况".to_string(),
        paragraphs,
    }
}

fn conclusion(
    calc: &Calculator,
    report: &Report,
    keys: &RowKeys,
    subject: &str,
    evaluation: bool,
) -> Section {
    let mut paragraphs = Vec::new();
    let totals = &report.totals;
    if let Some(total) = &totals.total {
        let opening = w()
            .words(if evaluation {
                "经评价，"
            } else {
                "经自评，"
            })
            .typed("subject", subject);
        let p = if totals.scored == 0 {
            // Nothing scored yet: a total of 0 is no total (the table shows —).
            opening.words("总分与等级待定（表中指标尚未计分）")
        } else {
            let p = opening
                .words("总分")
                .figure("total", &score_in_words(total))
                .words("分");
            if let Some(grade) = totals.final_grade() {
                p.words("，等级为“").figure("grade", grade).words("”")
            } else if totals.unscored > 0 {
                p.words("（表中尚有未计分的指标，总分与等级待定）")
            } else if totals.errors > 0 {
                p.words("（表中尚有错误，总分与等级待定）")
            } else {
                p
            }
        };
        paragraphs.push(p.words("。").done("conclusion/total".to_string()));
    }
    let tops: Vec<&NodeReport> = report.nodes.iter().filter(|n| n.depth == 0).collect();
    if tops.len() > 1 {
        let mut p = w().words("其中");
        for (k, n) in tops.iter().enumerate() {
            if k > 0 {
                p = p.words("，");
            }
            // Marked so, or all of its indicators are.
            let not_applicable = n.status == NodeStatus::NotApplicable;
            // Named by the group, not its place: a group moved keeps its figures.
            let group = n.name.trim();
            p = p.typed(&report_keys::key(report_keys::GROUP_NAME, group), group);
            // A subtotal over indicators none of which is scored yet is no 0 (the print
            // leaves it blank).
            let score = n.score.as_ref().filter(|_| !nothing_scored(calc, n.index));
            // Some of its indicators not scored yet: what is scored so far, said to be
            // provisional as the 总分 is (the print marks the subtotal 待定).
            let partly = !not_applicable && partly_scored(calc, n.index);
            let score_key = report_keys::key(report_keys::GROUP_SCORE, group);
            // A 加减分 said as what it took off or added (扣2分), as the seeds say it: its
            // 分值 is its bound, not points it could earn.
            if is_adjustment(calc, n.index) && !not_applicable {
                p = match calc.score(n.index) {
                    Some(s) if s.is_zero() => p.words("无加减分"),
                    Some(s) => p
                        .words(if s.is_sign_negative() { "扣" } else { "加" })
                        .figure(&score_key, &plain(s.abs()))
                        .words("分"),
                    None => p.words("未计分"),
                };
                continue;
            }
            p = match (score, not_applicable) {
                (_, true) => p.words("本年度不适用"),
                (Some(s), false) => p
                    .words(if partly { "已计分部分得" } else { "得" })
                    .figure(&score_key, &score_in_words(s))
                    .words("分"),
                (None, false) => p.words("未计分"),
            };
            let weight = n.weight.as_ref().filter(|_| weighted(calc, n.index));
            if let Some(weight) = weight {
                p = p
                    .words("（分值")
                    .figure(
                        &report_keys::key(report_keys::GROUP_WEIGHT, group),
                        &score_in_words(weight),
                    )
                    .words("分");
                // Some of its indicators 不适用: the score is of the rest, as a reviewer reads
                // it (39.6 of the 40 that apply, not of 50).
                let not_applicable_weight = not_applicable_weight(calc, n.index);
                if !not_applicable && !not_applicable_weight.is_zero() {
                    p = p
                        .words("，其中不适用指标分值")
                        .figure(
                            &report_keys::key(report_keys::GROUP_NOT_APPLICABLE, group),
                            &plain(not_applicable_weight),
                        )
                        .words("分");
                }
                p = p.words(if partly {
                    "，尚有未计分的指标，得分待定）"
                } else {
                    "）"
                });
            } else if partly {
                p = p.words("（尚有未计分的指标，得分待定）");
            }
        }
        paragraphs.push(p.words("。").done(report_keys::GROUPS.to_string()));
    }
    for n in report
        .nodes
        .iter()
        .filter(|n| n.leaf && lost_points(calc, n))
    {
        // A score given by hand: its score and 分值, as the seeds give them (满分3分，得分2.5分);
        // its reason, which its derivation quotes, is said once, among the problems.
        if let (true, Some(score), Some(weight)) = (is_manual(calc, n.index), &n.score, &n.weight) {
            let said = w()
                .words("得")
                .figure("score", &score_in_words(score))
                .words("分（分值")
                .figure("weight", &score_in_words(weight))
                .words("分）")
                .spans;
            let mut p = w().subject(keys, n.index).words("：");
            p.spans.extend(said.iter().cloned());
            let mut p = p.words("。").done_row(keys, report_keys::SCORE, n.index);
            p.former = vec![("derivation", said)];
            paragraphs.push(p);
        } else if let Some(d) = &n.derivation {
            // A derivation names its indicator, but for a 定性 score.
            let name = n.name.trim();
            let named = d.starts_with(name) && !name.is_empty();
            let p = if named {
                w()
            } else {
                w().subject(keys, n.index).words("：")
            };
            paragraphs.push(
                p.derivation("derivation", &derivation_in_words(d))
                    .words("。")
                    .done_row(keys, report_keys::SCORE, n.index),
            );
        }
    }
    if let Some(r) = &totals.rescale {
        paragraphs.push(
            w().derivation("rescale", &rescale_in_words(&r.text))
                .words("。")
                .done("conclusion/rescale".to_string()),
        );
    }
    Section {
        key: "conclusion",
        heading: if evaluation {
            "三、评价结论"
        } else {
            "三、自评结论"
        }
        .to_string(),
        paragraphs,
    }
}

/// Whether a target or actual of the table needs the row's 计量单位 after it, to be read in a
/// sentence or a table without that column: not when the cell says its own unit (96.5%,
/// ９６．５％, 3天内, 2000平方米) or holds words rather than a figure, nor after words that
/// follow the figure (2000以上平方米 reads wrong).
pub(crate) fn needs_unit(text: &str, unit: &str) -> bool {
    let unit = crate::cell::row_unit(unit);
    // The figure ends the cell: in digits, or in Chinese numerals (两千).
    let ends = text
        .trim()
        .ends_with(|c: char| c.is_numeric() || "零〇一二两三四五六七八九十百千万亿".contains(c));
    !unit.is_empty()
        && ends
        && matches!(
            crate::cell::parse_cell(text.trim()),
            Ok(crate::cell::Cell::Number(q)) if !q.percent && q.unit.is_empty()
        )
}

/// A scored leaf below its 分值, or a 加减分 item taken off (its 分值 is its bound, not points
/// to lose).
fn lost_points(calc: &Calculator, n: &NodeReport) -> bool {
    let adjustment = is_adjustment(calc, n.index);
    let score = calc.score(n.index);
    n.status == NodeStatus::Scored
        && if adjustment {
            score.is_some_and(|s| s.is_sign_negative() && !s.is_zero())
        } else {
            matches!((score, calc.weight(n.index)), (Some(s), Some(w)) if s < w)
        }
}

/// Whether a leaf fell short of its target, whatever its score: its 完成率 below 100%; or, at
/// 100.00% or without a rate, as its rule compared the actual with the target, exactly (99.996
/// of 100 rounds to 100.00%, and 95% does not meet >95%).
fn short_of_target(calc: &Calculator, id: usize) -> bool {
    use rust_decimal::Decimal;
    match calc.leaf_rate(id) {
        Some(rate) if rate != Decimal::ONE_HUNDRED => rate < Decimal::ONE_HUNDRED,
        _ => rule_met(calc, id) == Some(false),
    }
}

/// Whether a leaf met its target as its rule compared the actual with it ([`crate::rules`]'s
/// `met`); `None` where the rule compares none.
fn rule_met(calc: &Calculator, id: usize) -> Option<bool> {
    calc.outcome(id).and_then(|o| match o.derivation {
        crate::derivation::Derivation::Rule(worked) => worked.met(),
        _ => None,
    })
}

/// Whether a group has indicators that apply under it and none of them is scored yet: its
/// subtotal is no 0 to state, the report says it is not scored and its table leaves it blank,
/// as the print does.
pub(crate) fn nothing_scored(calc: &Calculator, id: usize) -> bool {
    !calc.is_leaf(id) && calc.unscored(id) > 0 && !scored_under(calc, id)
}

/// Whether a group has indicators scored and others that apply not scored yet: its subtotal
/// is provisional, said so as the print says it (45（待定）), never as final.
pub(crate) fn partly_scored(calc: &Calculator, id: usize) -> bool {
    !calc.is_leaf(id) && calc.unscored(id) > 0 && scored_under(calc, id)
}

fn scored_under(calc: &Calculator, id: usize) -> bool {
    calc.children(id).any(|c| {
        if calc.is_leaf(c) {
            !calc.is_not_applicable(c) && calc.score(c).is_some()
        } else {
            scored_under(calc, c)
        }
    })
}

/// Whether a row is a 加减分 item: its 分值 is a bound, not points to earn.
fn is_adjustment(calc: &Calculator, id: usize) -> bool {
    calc.node(id)
        .is_some_and(|node| matches!(node.rule, Some(crate::model::Rule::Adjustment(_))))
}

/// Whether a row's score is given by hand (手动评分).
fn is_manual(calc: &Calculator, id: usize) -> bool {
    calc.node(id)
        .is_some_and(|node| matches!(node.rule, Some(crate::model::Rule::Manual(_))))
}

/// The 分值 of the indicators marked 不适用 under a group (加减分 items aside, as the total's
/// rescaling leaves them).
fn not_applicable_weight(calc: &Calculator, id: usize) -> rust_decimal::Decimal {
    calc.children(id)
        .map(|c| {
            if !calc.is_leaf(c) {
                not_applicable_weight(calc, c)
            } else if calc.is_not_applicable(c) && !is_adjustment(calc, c) {
                calc.weight(c).unwrap_or_default()
            } else {
                rust_decimal::Decimal::ZERO
            }
        })
        .sum()
}

/// Whether a group offers points: a group of 加减分 alone has a 分值 of 0, which the report
/// does not write (工作表现加减分（分值0分）).
fn weighted(calc: &Calculator, id: usize) -> bool {
    calc.weight(id).is_some_and(|w| !w.is_zero())
}

/// Whether a row's completion is so far over its target that 检查 finds the target too low.
fn conservative(calc: &Calculator, id: usize) -> bool {
    calc.diagnostics_at(id).iter().any(|d| {
        matches!(
            d.problem,
            crate::diagnostic::Problem::ConservativeTarget { .. }
        )
    })
}

/// The key's ending of a paragraph that asks for what the table does not give yet.
const TO_WRITE: &str = "/to_write";

/// What 五、改进措施 says while no 改进建议 is typed: that the unit's measures are still to be
/// written, and where. Never an empty heading, nor measures the report makes up: the seeds'
/// are the unit's own next steps (健全…评估, 优化…指标体系), which the table does not hold, and
/// the rows' 偏差原因及改进措施 are said in 四 already.
const MEASURES_TO_WRITE: &str =
    "（尚未填写改进措施：请在基本信息的“改进建议”中逐条填写下一步改进措施，或直接改写本段。）";

/// 五、改进措施: each line of the 改进建议 typed, else [`MEASURES_TO_WRITE`]. A rewrite of that
/// placeholder is the user's measures: kept, at the end of the section, once 改进建议 is typed.
fn measures(calc: &Calculator) -> Section {
    let mut paragraphs = lines(report_keys::MEASURES, &calc.meta().suggestions);
    if paragraphs.is_empty() {
        paragraphs.push(
            w().words(MEASURES_TO_WRITE)
                .done(format!("{}{TO_WRITE}", report_keys::MEASURES)),
        );
    }
    Section {
        key: "measures",
        heading: "五、改进措施".to_string(),
        paragraphs,
    }
}

/// What 四、存在的问题及原因 says while neither a row nor 主要问题 gives it anything: that the
/// problems are still to be written, and where. Never an empty heading, nor a report saying
/// there are none: the seeds state their problems however well the year went (seed 004:
/// 整体支出和项目绩效情况较为理想……实际工作中存在一些问题), and the table holds none to state.
const PROBLEMS_TO_WRITE: &str = "（尚未填写存在的问题及原因：请在基本信息的“主要问题”中逐条填写实际工作中存在的问题及原因，失分指标也可在其“偏差原因及改进措施”中说明，或直接改写本段。）";

/// [`PROBLEMS_TO_WRITE`] where every indicator got full marks: why the table gave nothing.
const PROBLEMS_TO_WRITE_AT_FULL_MARKS: &str = "（尚未填写存在的问题及原因：各项指标均获满分，仍请在基本信息的“主要问题”中逐条填写实际工作中存在的问题及原因，或直接改写本段。）";

/// Whether every indicator that applies is scored, at its 分值 and its target met, and at
/// least one is.
fn full_marks(calc: &Calculator, report: &Report) -> bool {
    let mut leaves = report
        .nodes
        .iter()
        .filter(|n| n.leaf && n.status != NodeStatus::NotApplicable)
        .peekable();
    leaves.peek().is_some()
        && leaves.all(|n| {
            n.status == NodeStatus::Scored
                && !lost_points(calc, n)
                && !short_of_target(calc, n.index)
        })
}

/// 四、存在的问题及原因: the reasons of the rows that lost points or fell short, the targets
/// set too low, each line of 主要问题 typed; else [`PROBLEMS_TO_WRITE`]. A rewrite of that
/// placeholder is the user's problems: kept, at the end of the section, once others are given.
fn problems(calc: &Calculator, report: &Report, keys: &RowKeys) -> Section {
    let mut paragraphs = Vec::new();
    // The unit's reason for a deviation: of a row that lost points, or fell short of its target
    // though its score rounds to full marks (基本完成).
    let explained = |n: &NodeReport| {
        n.leaf
            && (lost_points(calc, n)
                || (n.status == NodeStatus::Scored && short_of_target(calc, n.index)))
    };
    for n in report.nodes.iter().filter(|n| explained(n)) {
        let node = calc.node(n.index).expect("a row of the sheet");
        if !node.reason.trim().is_empty() {
            let p = w()
                .subject(keys, n.index)
                .words("：")
                .sentence("reason", &node.reason);
            paragraphs.push(p.done_row(keys, report_keys::REASON, n.index));
        }
    }
    // A target met many times over was set too low (seed 003: 完成率746.67%，指标值的设置过于
    // 保守): the finding 检查 gives at the row, unless the sheet switched it off.
    for n in report.nodes.iter().filter(|n| n.leaf) {
        let (Some(rate), true) = (&n.rate, conservative(calc, n.index)) else {
            continue;
        };
        let node = calc.node(n.index).expect("a row of the sheet");
        let mut p = w()
            .subject(keys, n.index)
            .words("：年度指标值")
            .target(node)
            .words("，实际完成")
            .amount("actual", &node.actual, "unit", &node.unit)
            .words("，完成率")
            .figure("rate", rate)
            .words("，指标值设定偏保守。");
        // The unit's own explanation (its 偏差原因) beside the finding, unless said above.
        if !node.reason.trim().is_empty() && !explained(n) {
            p = p.words("偏差原因：").sentence("reason", &node.reason);
        }
        paragraphs.push(p.done_row(keys, report_keys::TARGET, n.index));
    }
    paragraphs.extend(lines(report_keys::PROBLEMS, &calc.meta().problems));
    if paragraphs.is_empty() {
        let to_write = if full_marks(calc, report) {
            PROBLEMS_TO_WRITE_AT_FULL_MARKS
        } else {
            PROBLEMS_TO_WRITE
        };
        paragraphs.push(
            w().words(to_write)
                .done(format!("{}{TO_WRITE}", report_keys::PROBLEMS)),
        );
    }
    Section {
        key: "problems",
        heading: "四、存在的问题及原因".to_string(),
        paragraphs,
    }
}
