//! What the calculator tells the user about a sheet: each finding is typed, located at a cell,
//! and rendered to a Chinese message only at the edge.

use crate::cell::CellError;
use crate::rules::RuleFinding;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::fmt;

/// What completion may beat execution by, in percentage points, before the national platform
/// flags it (DOMAIN §8: 5; one province's monitoring uses 10). A macro so that the messages and
/// the list of hints, which are literals, say the figure the check uses.
macro_rules! execution_gap {
    () => {
        5
    };
}
pub(crate) use execution_gap;

/// How much a finding matters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The cell cannot be used as it is; what depends on it is not scored.
    Error,
    /// Scored, but the user should look: a reviewer would ask about it.
    Warning,
    /// How something was read or computed.
    Info,
    /// 提示: a weakness of the indicator itself, as a reviewer would point it out, with a
    /// suggestion. Never changes whether the sheet is in order (nor an exit code); a sheet
    /// can switch each off (`hints_off`).
    Hint,
}

/// A field of an indicator row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Id,
    Name,
    Weight,
    Rule,
    Comparison,
    Target,
    Actual,
    Unit,
    Level,
    Score,
    NotApplicable,
    Reason,
    Note,
    /// The unit's 完成率 as printed.
    DeclaredRate,
    /// The unit's 得分 (a group's subtotal) as printed.
    DeclaredScore,
    /// 审核意见.
    Opinion,
}

impl Field {
    /// The column header users know.
    pub fn label(self) -> &'static str {
        match self {
            Field::Id => "编号",
            Field::Name => "指标名称",
            Field::Weight => "分值",
            Field::Rule => "计分规则",
            Field::Comparison => "比较方式",
            Field::Target => "年度指标值",
            Field::Actual => "实际完成值",
            Field::Unit => "计量单位",
            Field::Level => "达成程度",
            Field::Score => "得分",
            Field::NotApplicable => "不适用",
            Field::Reason => "偏差原因",
            Field::Note => "备注",
            Field::DeclaredRate => "自评完成率",
            Field::DeclaredScore => "自评得分",
            Field::Opinion => "审核意见",
        }
    }
}

/// A field of a 资金情况 or 汇总表 row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RowField {
    /// A 汇总表 row's 序号.
    Seq,
    Name,
    Initial,
    Budget,
    Spent,
    Score,
    Grade,
}

impl RowField {
    pub fn label(self) -> &'static str {
        match self {
            RowField::Seq => "序号",
            RowField::Name => "名称",
            RowField::Initial => "年初预算数",
            RowField::Budget => "预算数",
            RowField::Spent => "完成数",
            RowField::Score => "分数",
            RowField::Grade => "等级",
        }
    }
}

/// A setting of the sheet.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SettingField {
    TotalWeight,
    GradeBands,
    OverCompletion,
    Decimals,
    QualitativeBands,
    Version,
}

impl SettingField {
    pub fn label(self) -> &'static str {
        match self {
            SettingField::TotalWeight => "总分值",
            SettingField::GradeBands => "等级区间",
            SettingField::OverCompletion => "超额完成提示线",
            SettingField::Decimals => "小数位数",
            SettingField::QualitativeBands => "定性分档",
            SettingField::Version => "格式版本",
        }
    }
}

/// Where a finding belongs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "in", rename_all = "snake_case")]
pub enum Location {
    /// The sheet as a whole (its total).
    Sheet,
    Setting {
        field: SettingField,
    },
    /// An indicator row, by its index in pre-order (the order rows are printed).
    Node {
        node: usize,
        field: Field,
    },
    /// A 资金情况 row.
    Funds {
        row: usize,
        field: RowField,
    },
    /// A 汇总表 row.
    Project {
        row: usize,
        field: RowField,
    },
}

impl Location {
    fn field_label(&self) -> &'static str {
        match self {
            Location::Sheet => "",
            Location::Setting { field } => field.label(),
            Location::Node { field, .. } => field.label(),
            // The 资金 block says it as the 10号 form does.
            Location::Funds {
                field: RowField::Budget,
                ..
            } => "全年预算数",
            Location::Funds {
                field: RowField::Spent,
                ..
            } => "全年执行数",
            Location::Funds { field, .. } | Location::Project { field, .. } => field.label(),
        }
    }

    /// What the table at this place calls money spent and its rate: the 汇总表's columns are
    /// 完成数 and 预算完成率; a 预算执行率 row and the 资金 block say 执行数 and 执行率.
    fn spent_words(&self) -> (&'static str, &'static str) {
        match self {
            Location::Project { .. } => ("完成数", "预算完成率"),
            _ => ("执行数", "执行率"),
        }
    }
}

/// What was found. Each variant is one stable `code`, and renders one Chinese message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// The cell's text cannot be read as a number.
    Unreadable(CellError),
    /// A 汇总表 row's 分数 that is a grade or a 定性 word (`优`, `达成`): unreadable, said as
    /// the 汇总表 takes a grade (in its 等级, the 分数 blank) rather than as a 比较方式, which
    /// only an indicator row has. `grade`: the word is one of the 汇总表's grades.
    GradeAsScore {
        word: String,
        grade: bool,
        grades: String,
    },
    /// A 定性 word (`达成`) in a 预算执行率 row's 预算数 or 执行数: unreadable, said as the
    /// amounts the row needs rather than as a 比较方式, which the rule does not use.
    LevelWordAsAmount { word: String },
    /// A value the rule needs is not filled.
    Missing,
    /// A weight or points value below zero.
    Negative,
    /// A weight written as a percentage.
    PercentWeight,
    /// A 分值 written with a comparison or a unit other than 分 (≥20人次, 20%以上): a target
    /// typed in the wrong column, not points.
    WeightNotPoints { written: String },
    /// Numbers too large to compute with exactly.
    Overflow,
    /// Target 0 or below for a ratio: the defined case (met or not), explained.
    ZeroTarget,
    /// 全年预算数 is 0: the execution rate cannot be computed.
    ZeroBudget,
    /// Spending above the budget.
    SpentOverBudget,
    /// What the actual is measured against (`other`: the target, or the rule's threshold or
    /// bands) and the actual disagree on `%`; computed with the numbers as written.
    PercentMismatch { other: &'static str },
    /// The comparison column and the comparison written in the target disagree: which one
    /// the user meant is not ours to choose.
    ComparisonConflict {
        column: &'static str,
        in_text: &'static str,
    },
    /// The comparison column and the target differ only in strictness (≥ and `>95%`): the
    /// column is used; they differ only where the actual is exactly the target.
    StrictnessDiffers {
        column: &'static str,
        in_text: &'static str,
    },
    /// An actual written like a target (`≥95%`, `95%以上`): what was achieved is not known.
    ComparisonInActual { comparison: &'static str },
    /// Target and actual on different scales, one a percentage and the other a fraction
    /// (95% against 0.98), or per thousand (9‰ against 5%): `written` probably means `meant`.
    ScaleMismatch {
        /// The figure as written, with its ‰ or ‱ (`0.98`, `9‰`).
        written: String,
        /// The percentage `written` would be.
        meant: Decimal,
        other_field: &'static str,
        other: crate::derivation::Shown,
    },
    /// Target and actual counted in units of different size (`1万人` against `9500人`; a
    /// number without a unit is in the row's 计量单位): not scored, as the numbers would be
    /// compared as written.
    UnitSizeMismatch {
        /// The target's unit and the actual's, `""` where neither the cell nor the row says.
        target: String,
        actual: String,
    },
    /// Target and actual times in different units (`≤3天` against `2周` or `48小时`): not
    /// scored, as the numbers would be compared as written.
    TimeUnitMismatch { target: String, actual: String },
    /// Target and actual in units that measure different things (`≤40万元` against `41个`,
    /// `≥3000人次` against `3150天`; `%` for a percentage): not scored, as the numbers would be
    /// compared as written.
    UnitKindMismatch { target: String, actual: String },
    /// Read from Chinese numerals; shown so that a misreading is visible.
    ChineseNumeral { value: Decimal, unit: String },
    /// A score entered outside [0, W].
    ScoreOutOfRange { max: Decimal },
    /// A 分值, or a 加减分's bound (`bound`), with more decimal places than the sheet keeps in
    /// a score (2.5 where scores are whole numbers): full marks, or a change at the bound,
    /// cannot be written in those places, and rounded would be shown as one score (3, above
    /// the 分值 or bound) and totalled as another. The leaf is not scored.
    PlacesBeyondScore {
        value: Decimal,
        decimals: u32,
        bound: bool,
    },
    /// A 汇总表 row naming the 单位 and 项目 of an earlier one (`first_row`, counted from 1).
    SameProject { first_row: usize },
    /// A 汇总表 row's 序号 as an earlier row's (`first_row`, counted from 1): printed, the table
    /// numbers two projects alike (rows pasted from another 汇总表 bring its numbers).
    SameSeq { first_row: usize, seq: String },
    /// An amount of the 资金 block or the 汇总表 written as a percentage.
    AmountIsPercent { written: String },
    /// An amount of the 资金 block or the 汇总表 in a unit that is not 元 (`100美元`, `3天`).
    AmountNotYuan { written: String },
    /// A budget and its spending written in units of different size that, read in 万元,
    /// are more than ten times apart (`1032.43`, in 万元, against `781.59元`): the rate is computed,
    /// but one unit is likely a slip (0.01% where 75.70% was meant). The units as written,
    /// `""` for none.
    AmountUnitsDiffer { budget: String, spent: String },
    /// A figure in 成 (`九成`, tenths) compared with one that is not: 9 against 90% or 90.
    Tenths { value: Decimal, meant: Decimal },
    /// A score written as what was added or taken off (`扣1分`), not the score.
    ScoreAsChange { text: String },
    /// Completion far above target: the target was probably set too low.
    ConservativeTarget { rate: Decimal, threshold: Decimal },
    /// A target short of what the same indicator achieved last year (`less_is_better`: above
    /// it, for a ≤ indicator). The same code as `ConservativeTarget`: one thing to switch off.
    TargetBelowLastYear {
        name: String,
        target: String,
        year: String,
        actual: String,
        less_is_better: bool,
    },
    /// A target or actual that stands for a value not given (`*`, `/`, `略`, `待定`, `暂无`).
    PlaceholderValue { text: String },
    /// A target no one can verify: no figure, date or yes / no criterion, only words such as
    /// 有所提高.
    UnmeasurableTarget { phrase: &'static str },
    /// A rate's target above 100%.
    PercentOver100 { value: Decimal },
    /// A 项目支出 table with no weighted 满意度 indicator.
    NoSatisfaction,
    /// 产出 without one of 数量 / 质量 / 时效 / 成本 (`dimension`), or 效益 with no indicator
    /// (`dimension` empty).
    MissingDimension {
        group: String,
        dimension: &'static str,
    },
    /// A 成本 indicator that counts higher as better.
    CostDirection {
        name: String,
        comparison: &'static str,
    },
    /// Indicators met far better than the money was spent.
    ExecutionGap {
        completion: Decimal,
        execution: Decimal,
    },
    /// Score below the weight and no 偏差原因 written.
    MissingReason,
    /// A row with no 指标名称 that is an indicator all the same: a group, or a leaf with
    /// something typed in it (a name cleared and the figures left, a pasted row with none to
    /// carry down). A warning, not `Missing`: the row scores, and without it the form and the
    /// 自评报告 would print an indicator with no name.
    Unnamed,
    /// A group's 分值 is not the sum of its children's.
    WeightMismatch {
        declared: Decimal,
        children: Decimal,
    },
    /// The top level does not add up to the sheet's total weight.
    TotalWeightMismatch { expected: Decimal, found: Decimal },
    /// 产出 and 效益 carry less than 60% of a 决策 / 过程 / 产出 / 效益 table (财预〔2020〕10号).
    OutputBenefitShare {
        weight: Decimal,
        total: Decimal,
        share: Decimal,
    },
    /// A 资金 block's 其中 rows do not add up to the row they are part of.
    FundsPartsMismatch { parts: Decimal, total: Decimal },
    /// A 预算执行率 scored from the 资金 block whose first row has no usable figures.
    FundsRowNeeded,
    /// A 预算执行率 scored from its own 预算数 and 执行数 (not from the 资金 block) whose
    /// figure (`spent`: 执行数, else 预算数) is not the first 资金 row's: the score and the
    /// 自评报告's 基本情况 would state different money.
    FundsDisagree {
        spent: bool,
        /// The row's figure and its unit (the cell's, the row's 计量单位, or 万元).
        row: Decimal,
        row_unit: String,
        funds: Decimal,
        funds_unit: String,
        /// The 资金 row's name (年度资金总额, 部门整体支出), as typed.
        funds_name: String,
    },
    /// A figure typed on a 预算执行率 row that takes its figures from the 资金 block.
    NotUsedForFunds,
    /// A group row with values that only leaves use.
    GroupHasLeafValues,
    /// Two rows with the same id.
    DuplicateId { id: String },
    /// Some leaves could not be scored: the total covers only the others.
    Incomplete { unscored: usize },
    /// Every leaf is 不适用: nothing to total.
    AllNotApplicable,
    /// 汇总表 rows whose amounts the 合计 leaves out (`SummaryResult::out_of_sums`).
    OutOfSums { rows: usize },
    /// A printed grade that differs from the grade of the score.
    GradeDiffers { computed: String },
    /// A 汇总表 row from a workbook's sheet that the sheet's own grade bands grade otherwise
    /// (`sheet`, 优 ≥ 85) than the 汇总表's do (`band`, 良 ≥ 80): the 汇总表's grade stands.
    SheetGradeDiffers {
        sheet: crate::model::GradeBand,
        band: crate::model::GradeBand,
    },
    /// A 汇总表 score typed with more places than the sheet keeps: counted, and graded, as
    /// rounded (59.995 as 60.00, 中), which the cell as typed does not show. `rounding` is how
    /// the 汇总表's settings round (四舍五入, 截位, 进位); a row `from_sheet` (a workbook's) is
    /// not typed here, and is changed in its sheet or by the settings.
    ScoreRounded {
        rounded: String,
        rounding: &'static str,
        from_sheet: bool,
    },
    /// A grade typed without a score that is none of the sheet's grades (a score typed in the
    /// 等级 column, say): counted as typed, and said.
    UnknownGrade { grades: String },
    /// The grade bands setting cannot be used; the defaults apply.
    BadGradeBands,
    /// A setting that cannot be read; the default applies.
    BadSetting,
    /// A finding only one rule kind makes; its file words it.
    Rule(RuleFinding),
}

impl Problem {
    /// The stable machine-readable name of the finding.
    pub fn code(&self) -> &'static str {
        match self {
            Problem::Unreadable(_)
            | Problem::GradeAsScore { .. }
            | Problem::LevelWordAsAmount { .. } => "unreadable",
            Problem::Missing => "missing",
            Problem::Negative => "negative",
            Problem::PercentWeight => "percent_weight",
            Problem::WeightNotPoints { .. } => "weight_not_points",
            Problem::Overflow => "overflow",
            Problem::ZeroTarget => "zero_target",
            Problem::ZeroBudget => "zero_budget",
            Problem::SpentOverBudget => "spent_over_budget",
            Problem::PercentMismatch { .. } => "percent_mismatch",
            Problem::ComparisonConflict { .. } => "comparison_conflict",
            Problem::ComparisonInActual { .. } => "comparison_in_actual",
            Problem::StrictnessDiffers { .. } => "strictness_differs",
            Problem::ScaleMismatch { .. } => "scale_mismatch",
            Problem::UnitSizeMismatch { .. } => "unit_size_mismatch",
            Problem::TimeUnitMismatch { .. } => "time_unit_mismatch",
            Problem::UnitKindMismatch { .. } => "unit_kind_mismatch",
            Problem::ChineseNumeral { .. } => "chinese_numeral",
            Problem::ScoreOutOfRange { .. } => "score_out_of_range",
            Problem::PlacesBeyondScore { .. } => "places_beyond_score",
            Problem::ScoreAsChange { .. } => "score_as_change",
            Problem::AmountIsPercent { .. } => "amount_is_percent",
            Problem::AmountNotYuan { .. } => "amount_not_yuan",
            Problem::AmountUnitsDiffer { .. } => "amount_units_differ",
            Problem::Tenths { .. } => "tenths",
            Problem::SameProject { .. } => "same_project",
            Problem::SameSeq { .. } => "same_seq",
            Problem::ConservativeTarget { .. } | Problem::TargetBelowLastYear { .. } => {
                "conservative_target"
            }
            Problem::PlaceholderValue { .. } => "placeholder_value",
            Problem::UnmeasurableTarget { .. } => "unmeasurable_target",
            Problem::PercentOver100 { .. } => "percent_over_100",
            Problem::NoSatisfaction => "no_satisfaction",
            Problem::MissingDimension { .. } => "missing_dimension",
            Problem::CostDirection { .. } => "cost_direction",
            Problem::ExecutionGap { .. } => "execution_gap",
            Problem::MissingReason => "missing_reason",
            Problem::Unnamed => "unnamed",
            Problem::WeightMismatch { .. } => "weight_mismatch",
            Problem::TotalWeightMismatch { .. } => "total_weight_mismatch",
            Problem::OutputBenefitShare { .. } => "output_benefit_share",
            Problem::FundsPartsMismatch { .. } => "funds_parts_mismatch",
            Problem::FundsRowNeeded => "funds_row_needed",
            Problem::FundsDisagree { .. } => "budget_funds_mismatch",
            Problem::NotUsedForFunds => "not_used_for_funds",
            Problem::GroupHasLeafValues => "group_has_leaf_values",
            Problem::DuplicateId { .. } => "duplicate_id",
            Problem::Incomplete { .. } => "incomplete",
            Problem::AllNotApplicable => "all_not_applicable",
            Problem::OutOfSums { .. } => "out_of_sums",
            Problem::GradeDiffers { .. } => "grade_differs",
            Problem::SheetGradeDiffers { .. } => "sheet_grade_differs",
            Problem::ScoreRounded { .. } => "score_rounded",
            Problem::UnknownGrade { .. } => "unknown_grade",
            Problem::BadGradeBands => "bad_grade_bands",
            Problem::BadSetting => "bad_setting",
            Problem::Rule(f) => f.code(),
        }
    }

    pub fn severity(&self) -> Severity {
        match self {
            Problem::Unreadable(_)
            | Problem::GradeAsScore { .. }
            | Problem::LevelWordAsAmount { .. }
            | Problem::Negative
            | Problem::PercentWeight
            | Problem::WeightNotPoints { .. }
            | Problem::Overflow
            | Problem::ZeroBudget
            | Problem::ComparisonConflict { .. }
            | Problem::ComparisonInActual { .. }
            | Problem::ScaleMismatch { .. }
            | Problem::UnitSizeMismatch { .. }
            | Problem::TimeUnitMismatch { .. }
            | Problem::UnitKindMismatch { .. }
            | Problem::ScoreOutOfRange { .. }
            | Problem::PlacesBeyondScore { .. }
            | Problem::ScoreAsChange { .. }
            | Problem::AmountIsPercent { .. }
            | Problem::AmountNotYuan { .. }
            | Problem::Tenths { .. }
            | Problem::WeightMismatch { .. }
            | Problem::TotalWeightMismatch { .. }
            | Problem::DuplicateId { .. }
            | Problem::Incomplete { .. }
            | Problem::AllNotApplicable
            | Problem::BadGradeBands
            | Problem::BadSetting => Severity::Error,
            Problem::Missing
            | Problem::SpentOverBudget
            | Problem::PercentMismatch { .. }
            | Problem::StrictnessDiffers { .. }
            | Problem::MissingReason
            | Problem::Unnamed
            | Problem::GroupHasLeafValues
            | Problem::FundsRowNeeded
            | Problem::FundsDisagree { .. }
            | Problem::NotUsedForFunds
            | Problem::OutputBenefitShare { .. }
            | Problem::FundsPartsMismatch { .. }
            | Problem::AmountUnitsDiffer { .. }
            | Problem::GradeDiffers { .. }
            | Problem::SheetGradeDiffers { .. }
            | Problem::ScoreRounded { .. }
            | Problem::SameProject { .. }
            | Problem::SameSeq { .. }
            | Problem::OutOfSums { .. }
            | Problem::UnknownGrade { .. } => Severity::Warning,
            Problem::ZeroTarget | Problem::ChineseNumeral { .. } => Severity::Info,
            Problem::ConservativeTarget { .. }
            | Problem::TargetBelowLastYear { .. }
            | Problem::PlaceholderValue { .. }
            | Problem::UnmeasurableTarget { .. }
            | Problem::PercentOver100 { .. }
            | Problem::NoSatisfaction
            | Problem::MissingDimension { .. }
            | Problem::CostDirection { .. }
            | Problem::ExecutionGap { .. } => Severity::Hint,
            Problem::Rule(f) => f.severity(),
        }
    }
}

/// A finding at its place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub at: Location,
    pub problem: Problem,
}

impl Diagnostic {
    pub fn new(at: Location, problem: Problem) -> Diagnostic {
        Diagnostic { at, problem }
    }

    pub fn severity(&self) -> Severity {
        self.problem.severity()
    }

    /// The Chinese message shown at the cell.
    pub fn message(&self) -> String {
        self.to_string()
    }
}

fn n(d: &Decimal) -> String {
    crate::arith::plain(*d)
}

/// An amount with thousands separators and at least two places, every place typed kept (two
/// figures that differ only in the third place must not be shown alike).
pub(crate) fn money(d: &Decimal) -> String {
    crate::arith::amount(*d, d.normalize().scale().max(2))
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let field = self.at.field_label();
        let (spent_word, rate_word) = self.at.spent_words();
        match &self.problem {
            // Most often an .xlsx's formula result in a General cell (=1/3), which Excel
            // shows rounded to the column's width: what it holds is what is read.
            Problem::Unreadable(e @ CellError::TooPrecise) => write!(
                f,
                "{field}无法识别：{e}。如是 Excel 公式算出的数（如 =1/3），Excel 按列宽四舍五入显示（如 0.333333），单元格中保存的却是算出的全部位数（0.333333333333333），读入的是保存的数：请按要计分的位数直接填写数值，或在 Excel 中把单元格格式设为这些小数位数（如“数值”保留2位）后重新导入"
            ),
            // The advice to set 比较方式 to 定性 is for an indicator's figures only: a 分值, an
            // amount or a 得分 has no 比较方式.
            Problem::Unreadable(CellError::LevelWord(word))
                if !matches!(
                    self.at,
                    Location::Node {
                        field: Field::Target | Field::Actual,
                        ..
                    }
                ) =>
            {
                write!(
                    f,
                    "{field}无法识别：“{word}”是定性评价的用语，不是数值：请填写数值"
                )
            }
            Problem::Unreadable(e) => write!(f, "{field}无法识别：{e}"),
            Problem::LevelWordAsAmount { word } => write!(
                f,
                "{field}无法识别：“{word}”是定性评价的用语，不是金额：此行按预算执行率计分，请在年度指标值填写全年预算数、在实际完成值填写全年执行数（如 1,200.00）"
            ),
            Problem::GradeAsScore {
                word,
                grade: true,
                ..
            } => write!(
                f,
                "{field}无法识别：“{word}”是等级，不是分数：请填写项目的得分（如 92.5），等级按分数评定；没有得分的，请把分数留空，把“{word}”填在等级中"
            ),
            Problem::GradeAsScore {
                word,
                grade: false,
                grades,
            } => write!(
                f,
                "{field}无法识别：“{word}”是评价用语，不是分数：请填写项目的得分（如 92.5）；没有得分的，请把分数留空，在等级中填写本表的等级（{grades}）之一"
            ),
            Problem::Missing => write!(f, "请填写{field}"),
            Problem::Negative => write!(f, "{field}不能为负数"),
            Problem::PercentWeight => write!(f, "分值应为分数，不能是百分数"),
            Problem::WeightNotPoints { written } => write!(
                f,
                "分值“{written}”不是分数：分值只写分数（如 20 或 20分），比较方式和单位请写在年度指标值中"
            ),
            Problem::Overflow => write!(f, "数值过大，无法精确计算"),
            Problem::ZeroTarget => write!(
                f,
                "目标值为0或负数，无法按比例计分：按实际值是否达到目标值判断，达到得满分，未达到得0分"
            ),
            // Only an indicator row can be marked 不适用; a 资金 or 汇总表 row's budget is
            // checked.
            Problem::ZeroBudget => match self.at {
                Location::Node { .. } => write!(
                    f,
                    "预算数为0，无法计算{rate_word}；如本项不适用，请标记为不适用"
                ),
                _ => write!(f, "预算数为0，无法计算{rate_word}：请核对{field}"),
            },
            Problem::SpentOverBudget => write!(f, "{spent_word}超过预算数，请核对"),
            Problem::PercentMismatch { other } => write!(
                f,
                "{other}与实际完成值一个带%一个不带，已按数字本身计算，请核对单位"
            ),
            Problem::ComparisonConflict { column, in_text } => write!(
                f,
                "比较方式为“{column}”，但年度指标值中写的是“{in_text}”：请把比较方式改为“{in_text}”，或修改年度指标值"
            ),
            Problem::StrictnessDiffers { column, in_text } => write!(
                f,
                "比较方式为“{column}”，年度指标值中写的是“{in_text}”，已按“{column}”计算：两者只在实际值恰好等于指标值时结果不同，请统一"
            ),
            Problem::ComparisonInActual { comparison } => write!(
                f,
                "实际完成值带有比较词（{comparison}），像是年度指标值的写法：请填写实际完成的数值"
            ),
            Problem::ScaleMismatch {
                written,
                meant,
                other_field,
                other,
            } => {
                let meant = n(meant);
                write!(
                    f,
                    "{field}{written}与{other_field}{other}不在同一量级：如{written}指{meant}%，请写成“{meant}%”"
                )
            }
            Problem::UnitSizeMismatch { target, actual }
                if target.is_empty() || actual.is_empty() =>
            {
                let (written, bare, unit) = if actual.is_empty() {
                    ("年度指标值", "实际完成值", target)
                } else {
                    ("实际完成值", "年度指标值", actual)
                };
                write!(
                    f,
                    "{written}的单位是“{unit}”，{bare}未写单位，不能确定两者是否同一单位：请在{bare}后写明单位"
                )
            }
            Problem::UnitSizeMismatch { target, actual } => {
                let times = crate::cell::unit_size::times(target, actual);
                write!(
                    f,
                    "年度指标值的单位是“{target}”，实际完成值的是“{actual}”，相差{times}倍：按所写数字计分会错，请两格用同一单位填写",
                )
            }
            Problem::TimeUnitMismatch { target, actual } => write!(
                f,
                "年度指标值以“{target}”计，实际完成值以“{actual}”计：按所写数字计分会错，请把实际完成值换算成“{target}”后填写"
            ),
            Problem::UnitKindMismatch { target, actual } => {
                let name = |unit: &str| {
                    crate::cell::unit_size::measure(unit).map_or("", |m| m.name())
                };
                write!(
                    f,
                    "年度指标值以“{target}”计（{}），实际完成值以“{actual}”计（{}），不是同一种量，无法比较计分：请填写以“{target}”计的实际完成值；如年度指标值的单位写错了，请改正年度指标值",
                    name(target),
                    name(actual)
                )
            }
            Problem::ChineseNumeral { value, unit } => {
                write!(f, "已将中文数字读作 {}{unit}", n(value))
            }
            Problem::ScoreOutOfRange { max } => {
                write!(f, "得分应在0到{}分之间", n(max))
            }
            Problem::PlacesBeyondScore {
                value,
                decimals,
                bound,
            } => {
                let places = value.normalize().scale();
                let (kept, fix) = match decimals {
                    0 => ("取整".to_string(), "整数".to_string()),
                    d => (format!("保留{d}位小数"), format!("不超过{d}位小数")),
                };
                let (what, reach) = if *bound {
                    ("加减分上限", "到上限的加减分")
                } else {
                    ("分值", "满分")
                };
                write!(
                    f,
                    "{what}{}有{places}位小数，本表得分{kept}，{reach}写不出：请在“设置”中把得分小数位改为至少{places}位，或把{what}改为{fix}",
                    n(value)
                )
            }
            Problem::SameProject { first_row } => write!(
                f,
                "与第{first_row}行的单位名称、项目名称相同：同一项目计入两次，合计和等级分布会重复计算；如是同一项目，请只保留一行（来自工作簿表格的行，请删去或改正那张表格）"
            ),
            Problem::SameSeq { first_row, seq } => write!(
                f,
                "序号“{seq}”与第{first_row}行的相同，打印出的汇总表会有两个“{seq}”：请改为本行在表中的序号（从别的汇总表粘贴来的行带着它在原表中的序号）"
            ),
            Problem::AmountIsPercent { written } => write!(
                f,
                "此处填金额（万元），“{written}”是百分比：请填写金额，{rate_word}由金额算出"
            ),
            Problem::AmountNotYuan { written } => write!(
                f,
                "此处填金额（万元），“{written}”的单位不是元：请换算成万元填写，或写明元、万元、亿元"
            ),
            Problem::AmountUnitsDiffer { budget, spent } => {
                let unit = |u: &str| match u {
                    "" => "万元（未写单位）".to_string(),
                    u => u.to_string(),
                };
                write!(
                    f,
                    "预算数以“{}”计，{spent_word}以“{}”计，换算成万元后相差超过十倍：请核对两格的单位是否写对",
                    unit(budget),
                    unit(spent)
                )
            }
            Problem::Tenths { value, meant } => write!(
                f,
                "“{}成”以成计，与另一格的数不能直接比较：请写成百分比“{}%”（一成即10%）",
                n(value),
                n(meant)
            ),
            Problem::ScoreAsChange { text } => write!(
                f,
                "“{text}”是加分或扣分，不是得分：请填写加减之后的得分（如分值10分扣1分，填9）"
            ),
                        Problem::ConservativeTarget { rate, threshold } => write!(
                f,
                "完成率{}%，达到{}%以上：年度指标值可能设定偏保守，建议参照上年实际完成值和行业标准调高",
                crate::arith::fixed(*rate, 2),
                n(threshold)
            ),
            Problem::TargetBelowLastYear {
                name,
                target,
                year,
                actual,
                less_is_better,
            } => {
                let year = year.trim_end_matches(['年', '度']);
                let (side, wanted) = if *less_is_better {
                    ("高于", "不高于")
                } else {
                    ("低于", "不低于")
                };
                write!(
                    f,
                    "“{name}”年度指标值{target}{side}上年（{year}年）实际完成值{actual}：目标设置偏保守，建议{wanted}上年实际水平"
                )
            }
            Problem::PlaceholderValue { text } => write!(
                f,
                "{field}“{text}”不是一个值，无法核验：请填写数值、日期或“是 / 否”，确实不涉及的指标请标记为不适用"
            ),
            Problem::UnmeasurableTarget { phrase } => write!(
                f,
                "年度指标值只写了“{phrase}”一类的描述，没有数值、日期或是否标准，无法核验完成情况：建议写成可衡量的目标，如“满意度≥90%”“12月底前完成”"
            ),
                        Problem::NoSatisfaction => write!(
                f,
                "本表没有计分的满意度指标：项目支出绩效自评原则上设服务对象满意度指标（10分），建议补充，如“服务对象满意度≥90%”"
            ),
            Problem::MissingDimension {
                group,
                dimension: "",
            } => write!(
                f,
                "“{group}”下还没有指标：建议至少设置一项社会效益、经济效益、生态效益或可持续影响指标"
            ),
            Problem::MissingDimension { group, dimension } => write!(
                f,
                "“{group}”下没有{dimension}指标：产出指标一般包括数量、质量、时效、成本四类，建议补充，或在说明中写明不设的理由"
            ),
            Problem::CostDirection { name, comparison } => write!(
                f,
                "“{name}”是成本指标，比较方式却是“{comparison}”（越高越好）：成本指标一般为“≤”（不超过），请核对"
            ),
            Problem::ExecutionGap {
                completion,
                execution,
            } => write!(
                f,
                concat!(
                    "产出、效益指标平均完成率{}%，高于预算执行率{}%达{}个百分点：任务完成得比钱花得好得多，请核对指标值是否偏低、执行数是否漏报（超过",
                    execution_gap!(),
                    "个百分点即为财政部平台的预警）"
                ),
                crate::arith::fixed(*completion, 2),
                crate::arith::fixed(*execution, 2),
                crate::arith::fixed(*completion - *execution, 2)
            ),
            Problem::PercentOver100 { value } => write!(
                f,
                "比率类指标的年度指标值为{}%，超过100%：请核对（完成率、达标率一类指标不会超过100%）",
                n(value)
            ),
            Problem::MissingReason => write!(f, "得分低于分值，请填写偏差原因及改进措施"),
            Problem::Unnamed => write!(
                f,
                "请填写指标名称：名称空着，打印的表和自评报告中这一行将没有名称"
            ),
            Problem::WeightMismatch { declared, children } => write!(
                f,
                "分值{}与下级指标分值合计{}不一致",
                n(declared),
                n(children)
            ),
            Problem::TotalWeightMismatch { expected, found } => write!(
                f,
                "一级指标分值合计为{}，应为{}",
                n(found),
                n(expected)
            ),
                        Problem::OutputBenefitShare {
                weight,
                total,
                share,
            } => write!(
                f,
                "产出、效益指标分值合计{}分，占一级指标分值合计{}分的{}%，低于财预〔2020〕10号“原则上不低于60%”的要求：请调整各一级指标分值",
                n(weight),
                n(total),
                crate::arith::fixed(*share, 2)
            ),
            Problem::FundsPartsMismatch { parts, total } => {
                // With the places the difference needs (0.45元 is 0.000045万元): at two it
                // read "合计299.70，与本行299.70不符（相差0.00）".
                let difference = (*parts - *total).abs();
                let places = [parts, total, &difference]
                    .iter()
                    .map(|d| d.normalize().scale())
                    .fold(2, u32::max);
                let written = |d: Decimal| crate::arith::amount(d, places);
                write!(
                    f,
                    "其中各行{field}合计{}，与本行{}不符（相差{}）：请核对本行或其中各行",
                    written(*parts),
                    written(*total),
                    written(difference)
                )
            }
                        Problem::FundsRowNeeded => write!(
                f,
                "本行按项目资金表第一行（年度资金总额）的全年预算数和全年执行数计分：请在那里填写或更正"
            ),
            Problem::FundsDisagree {
                spent,
                row,
                row_unit,
                funds,
                funds_unit,
                funds_name,
            } => {
                let (own, theirs) = if *spent {
                    ("执行数", "全年执行数")
                } else {
                    ("预算数", "全年预算数")
                };
                let place = if funds_name.is_empty() {
                    "资金情况第一行".to_string()
                } else {
                    format!("资金情况“{funds_name}”")
                };
                write!(
                    f,
                    "本行的{own}{}{row_unit}与{place}的{theirs}{}{funds_unit}不一致：得分按本行计算，自评报告的基本情况按资金情况填写，请核对后使两处一致",
                    money(row),
                    money(funds)
                )
            }
            Problem::NotUsedForFunds => write!(
                f,
                "本行的全年预算数、全年执行数取自项目资金表第一行，此处填写的{field}不参与计算：请填在项目资金表中"
            ),
            Problem::GroupHasLeafValues => write!(
                f,
                "这是含下级指标的分组，其{field}不参与计算（得分为下级得分之和）"
            ),
            Problem::DuplicateId { id } => write!(f, "编号“{id}”与其他行重复"),
            Problem::Incomplete { unscored } => write!(
                f,
                "有{unscored}项指标未能计分，总分只包含已计分的指标"
            ),
            Problem::AllNotApplicable => write!(f, "所有指标均标记为不适用，无法计算总分"),
            Problem::OutOfSums { rows } => write!(
                f,
                "合计未计入{rows}个项目：其预算数、完成数有一项空着或无法识别（见该行），预算数合计、完成数合计和预算完成率只含其余项目；补全后即计入"
            ),
            Problem::GradeDiffers { computed } => {
                write!(f, "填写的等级与按分数计算的等级“{computed}”不一致")
            }
            Problem::SheetGradeDiffers { sheet, band } => write!(
                f,
                "该表格按其自身设置评为{0}（{0}≥{1}），汇总表按本表的等级设置评为{2}（{2}≥{3}），等级分布按{2}计：如两者应一致，请把该表格或本表“设置”中的等级区间改为相同",
                sheet.grade, sheet.min, band.grade, band.min
            ),
            Problem::ScoreRounded {
                rounded,
                rounding,
                from_sheet: false,
            } => write!(
                f,
                "分数的小数位多于本表保留的位数，按{rounding}后的{rounded}计算合计和等级：如以此为准，请改为{rounded}"
            ),
            Problem::ScoreRounded {
                rounded,
                rounding,
                from_sheet: true,
            } => write!(
                f,
                "分数的小数位多于本表保留的位数，按{rounding}后的{rounded}计算合计和等级：此行来自表格，分数随该表格；如要两处一致，请把该表格或本表“设置”中的得分小数位、得分取舍改为相同"
            ),
            Problem::UnknownGrade { grades } => write!(
                f,
                "等级不是本表的等级（{grades}）之一：请改为其中之一；如填的是分数，请填在分数列"
            ),
            Problem::BadGradeBands => write!(
                f,
                "等级区间无法使用（每档需有等级名称和可识别的下限），已按默认 优≥90、良≥80、中≥60、差 计算"
            ),
            Problem::BadSetting => write!(f, "{field}无法识别，已按默认值计算"),
            Problem::Rule(finding) => finding.write(field, f),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_column() {
        let d = Diagnostic::new(
            Location::Node {
                node: 3,
                field: Field::Actual,
            },
            Problem::Unreadable(CellError::NoNumber),
        );
        assert_eq!(d.message(), "实际完成值无法识别：没有找到数字");
        assert_eq!(d.severity(), Severity::Error);
        let m = Diagnostic::new(
            Location::Node {
                node: 0,
                field: Field::Weight,
            },
            Problem::WeightMismatch {
                declared: Decimal::from(50),
                children: Decimal::new(495, 1),
            },
        );
        assert_eq!(m.message(), "分值50与下级指标分值合计49.5不一致");
    }
}
