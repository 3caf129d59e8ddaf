//! The figures a unit declared in a sheet, where each is, and what the calculator makes of the
//! same place under any settings.

use crate::arith::{self, fixed, percent};
use crate::cell::{parse_cell, Cell};
use crate::engine::Calculator;
use crate::model::Sheet;
use rust_decimal::Decimal;
use serde::Serialize;

/// What a declared figure is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FigureField {
    /// An indicator's 完成率 (or a 汇总表 row's 预算完成率, or its 合计's).
    Rate,
    /// An indicator's 得分 (预算执行率 included).
    Score,
    /// A group's 得分: the sum of its children's.
    Subtotal,
    Total,
    Grade,
    /// A 资金 row's 执行率.
    FundsRate,
    /// A 资金 row's 得分.
    FundsScore,
}

impl FigureField {
    pub fn label(self) -> &'static str {
        match self {
            FigureField::Rate => "完成率",
            FigureField::Score => "得分",
            FigureField::Subtotal => "小计",
            FigureField::Total => "总分",
            FigureField::Grade => "等级",
            FigureField::FundsRate => "执行率",
            FigureField::FundsScore => "得分",
        }
    }

    /// The figure as a reader names it: 完成数量得分, 产出指标小计, 总分, 等级.
    pub fn describe(self, name: &str) -> String {
        match self {
            FigureField::Total | FigureField::Grade => self.label().to_string(),
            // A row named for its figure is it: 预算完成率's 完成率, 预算执行率's (its 执行率);
            // 验收合格率's 完成率 is another figure, and says so.
            _ if name.ends_with(self.label()) || self.is_rate() && name.ends_with("执行率") => {
                name.to_string()
            }
            _ if self.is_rate() && name.ends_with('率') => format!("{name}的{}", self.label()),
            _ => format!("{name}{}", self.label()),
        }
    }

    pub(crate) fn is_rate(self) -> bool {
        matches!(self, FigureField::Rate | FigureField::FundsRate)
    }
}

/// Where a figure is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Place {
    /// An indicator row, by its index in printed order.
    Node(usize),
    Funds(usize),
    Project(usize),
    /// The sheet's bottom line (总分, 等级, a 汇总表's 合计).
    Sheet,
}

/// A figure's value: a number (a rate in percent) or a grade.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    Number(Decimal),
    Grade(String),
}

impl Value {
    fn same(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::Number(a), Value::Number(b)) => a == b,
            (Value::Grade(a), Value::Grade(b)) => same_grade(a, b),
            _ => false,
        }
    }
}

/// Whether two grades are one, each in its short or its long form, as forms print them: 优 and
/// 优秀, 良 and 良好, 中 and 中等, 差 and 较差 (whichever a sheet's grade bands are named).
pub(super) fn same_grade(a: &str, b: &str) -> bool {
    fn short(g: &str) -> &str {
        match g.trim() {
            "优秀" => "优",
            "良好" => "良",
            "中等" => "中",
            "较差" => "差",
            g => g,
        }
    }
    short(a) == short(b)
}

/// One declared figure.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Figure {
    pub place: Place,
    pub field: FigureField,
    pub name: String,
    /// As typed.
    pub text: String,
    /// As read; `None` when it cannot be read as a figure.
    pub value: Option<Value>,
    /// A score typed by hand on a 定性, manual or 加减分 row: it is the row's own input, and is
    /// checked against its level's band (or [0, W]) rather than computed.
    pub entered: bool,
}

impl Figure {
    /// A 得分 the form left blank where it gives its rows' ([`Given`]): missing, not a figure.
    pub fn left_blank(&self) -> bool {
        self.value.is_none() && is_placeholder(&self.text)
    }
}

/// A declared number: a rate in percent (`86%`, or `0.862` read as a fraction), a score.
fn read_number(text: &str, rate: bool) -> Option<Value> {
    match parse_cell(text) {
        Ok(Cell::Number(q)) => {
            let v = if rate && !q.percent && q.value.abs() <= Decimal::TWO {
                arith::mul(q.value, Decimal::ONE_HUNDRED).ok()?
            } else {
                q.value
            };
            Some(Value::Number(v))
        }
        _ => None,
    }
}

/// A declared grade: `优`, or `等级：优` as jixiao prints it.
fn read_grade(text: &str) -> Option<Value> {
    let t = text.trim();
    let t = t
        .rsplit_once(['：', ':'])
        .map_or(t, |(_, grade)| grade)
        .trim();
    (!t.is_empty()).then(|| Value::Grade(t.to_string()))
}

/// A cell that says "nothing here": blank, a dash, `/`, `不适用`.
pub(super) fn is_placeholder(text: &str) -> bool {
    matches!(parse_cell(text), Ok(Cell::Blank))
        || matches!(text, "/" | "／" | "不适用" | "N/A" | "n/a" | "无")
}

fn figure(place: Place, field: FigureField, name: &str, text: &str) -> Option<Figure> {
    let text = text.trim();
    if text.is_empty() || is_placeholder(text) {
        return None;
    }
    let value = match field {
        FigureField::Grade => read_grade(text),
        _ => read_number(text, field.is_rate()),
    };
    Some(Figure {
        place,
        field,
        name: name.trim().to_string(),
        text: text.to_string(),
        value,
        entered: false,
    })
}

/// Whether row `i` prints a 得分 (or a subtotal) of its own.
fn declares_score(calc: &Calculator, i: usize) -> bool {
    calc.node(i)
        .is_some_and(|n| !is_placeholder(n.declared.score.trim()))
}

/// Where a form gives its rows' 得分: for each row, the nearest group above it that prints a
/// subtotal (`None`: the table's top), and how many leaves under each such place print one.
/// A leaf's 得分 left blank (or `—`, `不适用`) is missing where another leaf under the same place
/// prints one: under the top, or under a subtotal whose other rows have theirs. A form that
/// prints only its groups' subtotals (seed 003's 履职效能) leaves none blank.
struct Given {
    place: Vec<Option<usize>>,
    leaves: std::collections::HashMap<Option<usize>, usize>,
}

impl Given {
    fn new(calc: &Calculator) -> Given {
        let place: Vec<Option<usize>> = (0..calc.len())
            .map(|i| {
                let mut above = calc.parent(i);
                while let Some(g) = above {
                    if declares_score(calc, g) {
                        return Some(g);
                    }
                    above = calc.parent(g);
                }
                None
            })
            .collect();
        let mut leaves = std::collections::HashMap::new();
        for i in (0..calc.len()).filter(|&i| calc.is_leaf(i) && declares_score(calc, i)) {
            *leaves.entry(place[i]).or_insert(0) += 1;
        }
        Given { place, leaves }
    }

    fn left_blank(&self, calc: &Calculator, i: usize) -> bool {
        !declares_score(calc, i) && self.leaves.get(&self.place[i]).is_some_and(|&n| n > 0)
    }
}

/// Whether a row's score is typed by hand, not computed.
fn score_is_entered(calc: &Calculator, i: usize) -> bool {
    calc.node(i).is_some_and(crate::rules::score_is_entered)
}

/// Every figure the sheet declares, in the order a reader meets them: the indicator rows
/// (a row's rate, then its score), the 资金 rows, the 汇总表 rows, then the bottom line.
///
/// A row's score left blank where the form gives its rows' 得分 (most of them) is one too,
/// declared missing ([`Given`]).
pub fn declared(sheet: &Sheet, calc: &Calculator) -> Vec<Figure> {
    let mut out = Vec::new();
    // The rows whose 得分 we work out and the form would print on their own line (not a
    // 预算执行率 scored from the 资金 block, whose 得分 is that block's, below).
    let funded = calc.funded_leaf();
    let ours = |i: usize| {
        calc.is_leaf(i)
            && !calc.is_not_applicable(i)
            && !score_is_entered(calc, i)
            && funded != Some(i)
            && calc.score(i).is_some()
    };
    // The form gives its rows' 得分 when most of them have one: a reviewer who types in the
    // few figures in question leaves the rest blank, and is not told they are missing.
    let (rows, given) = (0..calc.len())
        .filter(|&i| ours(i))
        .fold((0, 0), |(rows, given), i| {
            (rows + 1, given + usize::from(declares_score(calc, i)))
        });
    let declares_scores = given * 2 > rows;
    let blank = Given::new(calc);
    for i in 0..calc.len() {
        let Some(node) = calc.node(i) else { continue };
        // A 不适用 row has left the table: nothing it prints is compared.
        if calc.is_not_applicable(i) {
            continue;
        }
        let leaf = calc.is_leaf(i);
        let score_field = if leaf {
            FigureField::Score
        } else {
            FigureField::Subtotal
        };
        // A group has no 完成率 of its own.
        if leaf {
            out.extend(figure(
                Place::Node(i),
                FigureField::Rate,
                &node.name,
                &node.declared.rate,
            ));
        }
        out.extend(figure(
            Place::Node(i),
            score_field,
            &node.name,
            &node.declared.score,
        ));
        let hand = leaf && node.declared.score.trim().is_empty() && score_is_entered(calc, i);
        if hand && !node.not_applicable {
            if let Some(mut f) = figure(Place::Node(i), FigureField::Score, &node.name, &node.score)
            {
                f.entered = true;
                out.push(f);
            }
        } else if leaf && declares_scores && ours(i) && blank.left_blank(calc, i) {
            out.push(Figure {
                place: Place::Node(i),
                field: FigureField::Score,
                name: node.name.trim().to_string(),
                text: node.declared.score.trim().to_string(),
                value: None,
                entered: false,
            });
        }
    }
    let scored = calc.budget_leaf().is_some();
    for (i, row) in sheet.funds.iter().enumerate() {
        let place = Place::Funds(i);
        out.extend(figure(
            place,
            FigureField::FundsRate,
            &row.name,
            &row.declared.rate,
        ));
        // A 资金 block's 得分 is the 预算执行率 row's: compared on its first row (年度资金总额).
        if i == 0 && scored {
            out.extend(figure(
                place,
                FigureField::FundsScore,
                &row.name,
                &row.declared.score,
            ));
        }
    }
    for (i, row) in sheet.projects.iter().enumerate() {
        let place = Place::Project(i);
        out.extend(figure(
            place,
            FigureField::Rate,
            &row.project,
            &row.declared.rate,
        ));
        // A typed 等级 is checked against the row's own 分数.
        if !row.score.trim().is_empty() {
            out.extend(figure(place, FigureField::Grade, &row.project, &row.grade));
        }
    }
    let d = &sheet.declared;
    out.extend(figure(Place::Sheet, FigureField::Rate, "合计", &d.rate));
    out.extend(figure(Place::Sheet, FigureField::Total, "总分", &d.total));
    out.extend(figure(Place::Sheet, FigureField::Grade, "等级", &d.grade));
    out
}

/// What the calculator makes of a figure's place; `None` where it has no figure there (a leaf
/// it cannot score, a total it cannot reach).
pub fn computed(calc: &Calculator, figure: &Figure) -> Option<Value> {
    let number = |v: Option<Decimal>| v.map(Value::Number);
    match (figure.place, figure.field) {
        (Place::Node(i), FigureField::Rate) => number(calc.outcome(i)?.rate),
        // A group with a row not scored yet has only part of its subtotal: none to compare.
        (Place::Node(i), _) => number(calc.score(i).filter(|_| calc.unscored(i) == 0)),
        (Place::Funds(i), FigureField::FundsRate) => number(calc.funds().rows.get(i)?.rate),
        (Place::Funds(0), FigureField::FundsScore) => number(calc.score(calc.budget_leaf()?)),
        (Place::Funds(_), _) => None,
        (Place::Project(i), FigureField::Rate) => number(calc.summary().rows.get(i)?.money.rate),
        (Place::Project(i), _) => {
            let score = calc.summary().rows.get(i)?.score?;
            Some(Value::Grade(calc.settings().grade(score).to_string()))
        }
        (Place::Sheet, FigureField::Rate) => number(calc.summary().rate),
        (Place::Sheet, FigureField::Grade) => {
            Some(Value::Grade(calc.total().filter(|t| t.complete)?.grade))
        }
        (Place::Sheet, _) => number(calc.total().filter(|t| t.complete).map(|t| t.value)),
    }
}

/// Why a declared figure has nothing to compare with, where that is no fault of the sheet: a
/// 完成率 on a row its rule scores without one (是否判断, 阶梯扣分, ≤ a target of 0, a score
/// typed by hand), an 执行率 on a 资金 row whose figures are not filled. Said, not compared.
/// `None` for every other figure: one the calculator works out, or cannot for a finding that
/// 检查 lists.
pub fn nothing_to_compare(calc: &Calculator, sheet: &Sheet, figure: &Figure) -> Option<String> {
    match (figure.place, figure.field) {
        (Place::Node(i), FigureField::Rate) => {
            calc.score(i)?;
            if calc.outcome(i)?.rate.is_some() {
                return None;
            }
            let how = calc
                .node_report(i)
                .derivation
                .map_or_else(String::new, |how| format!("（{how}）"));
            Some(format!(
                "{}按其计分规则没有完成率{how}：自评完成率{}无可核对，不计入申报数",
                figure.name, figure.text
            ))
        }
        (Place::Funds(k), FigureField::FundsRate) => {
            let row = sheet.funds.get(k)?;
            if calc.funds().rows.get(k)?.rate.is_some()
                || calc.diagnostics().iter().any(
                    |d| matches!(d.at, crate::diagnostic::Location::Funds { row, .. } if row == k),
                )
            {
                return None;
            }
            let missing = match (
                is_placeholder(row.budget.trim()),
                is_placeholder(row.spent.trim()),
            ) {
                (true, true) => "全年预算数和全年执行数",
                (true, false) => "全年预算数",
                (false, true) => "全年执行数",
                (false, false) => return None,
            };
            Some(format!(
                "{}未填{missing}，没有执行率：自评执行率{}无可核对，不计入申报数",
                figure.name, figure.text
            ))
        }
        _ => None,
    }
}

/// A problem the calculator finds with a score typed by hand (outside its level's band, out of
/// [0, W], written as a deduction, beyond a 加减分 bound or written both ways), in words;
/// `None` when it is in order.
pub fn entered_problem(calc: &Calculator, figure: &Figure) -> Option<String> {
    let Place::Node(i) = figure.place else {
        return None;
    };
    calc.diagnostics_at(i)
        .into_iter()
        .find(|d| {
            matches!(
                d.problem.code(),
                "outside_level_band"
                    | "score_out_of_range"
                    | "score_as_change"
                    | "adjustment_out_of_bound"
                    | "adjustment_two_ways"
            )
        })
        .map(|d| d.message())
}

/// Whether the calculator agrees with a declared figure.
pub fn agrees(calc: &Calculator, figure: &Figure) -> bool {
    if figure.entered {
        return figure.value.is_some() && entered_problem(calc, figure).is_none();
    }
    match (&figure.value, computed(calc, figure)) {
        (Some(declared), Some(ours)) => declared.same(&ours),
        _ => false,
    }
}

/// A value written as the sheet's settings write it.
pub fn written(calc: &Calculator, field: FigureField, value: &Value) -> String {
    match value {
        Value::Grade(g) => g.clone(),
        Value::Number(v) if field.is_rate() => percent(*v, calc.settings().rate_decimals),
        Value::Number(v) => fixed(*v, calc.settings().score_decimals),
    }
}

/// Where a figure is, as the sheet file names it: `indicators[1].children[0]`, `funds[0]`,
/// `projects[3]`, `total`, `grade`.
pub fn paths(calc: &Calculator) -> Vec<String> {
    let mut paths: Vec<String> = Vec::with_capacity(calc.len());
    let mut next_child = vec![0usize; calc.len()];
    let mut next_top = 0usize;
    for i in 0..calc.len() {
        let path = match calc.parent(i) {
            Some(p) => {
                let k = next_child[p];
                next_child[p] += 1;
                format!("{}.children[{k}]", paths[p])
            }
            None => {
                next_top += 1;
                format!("indicators[{}]", next_top - 1)
            }
        };
        paths.push(path);
    }
    paths
}

pub fn path_of(paths: &[String], place: Place, field: FigureField) -> String {
    match place {
        Place::Node(i) => paths.get(i).cloned().unwrap_or_default(),
        Place::Funds(i) => format!("funds[{i}]"),
        Place::Project(i) => format!("projects[{i}]"),
        Place::Sheet => match field {
            FigureField::Grade => "grade".to_string(),
            FigureField::Rate => "summary".to_string(),
            _ => "total".to_string(),
        },
    }
}
