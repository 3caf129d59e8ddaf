//! 提示 `conservative_target`'s second half: a target set below what the same project already
//! achieved last year (above it, for an indicator where less is better). Last year's sheet is
//! in the workbook: the page and `jixiao score --last-year` hand it over, and [`previous`]
//! picks it out (same project, same 实施单位 where both name one, the year before).

use super::Calculator;
use crate::cell::{parse_cell, Quantity};
use crate::comparison::Comparison;
use crate::diagnostic::Problem;
use crate::model::{Meta, Node, Rule, Sheet, SheetKind};
use std::borrow::Cow;

/// What last year's sheet says each indicator achieved.
#[derive(Clone, Debug, Default)]
pub(super) struct LastYear {
    /// Its 年度, as written.
    year: String,
    /// Each leaf's name and its 实际完成值 (read, and as written) where that is a figure, by
    /// name (a sorted list: the calculator has no hash map to link in for this alone).
    actuals: Vec<(String, Quantity, String)>,
}

impl LastYear {
    fn of(sheet: &Sheet) -> LastYear {
        let mut actuals = Vec::new();
        let mut stack: Vec<&Node> = sheet.indicators.iter().rev().collect();
        while let Some(n) = stack.pop() {
            if n.children.is_empty() {
                if let Ok(Some(q)) = parse_cell(n.actual.trim()).map(|c| c.number().cloned()) {
                    actuals.push((n.name.trim().to_string(), q, n.actual.trim().to_string()));
                }
            }
            stack.extend(n.children.iter().rev());
        }
        // The first row of a name in printed order stands for it.
        actuals.sort_by(|a, b| a.0.cmp(&b.0));
        actuals.dedup_by(|later, first| later.0 == first.0);
        LastYear {
            year: sheet.meta.year.trim().to_string(),
            actuals,
        }
    }
}

/// The year a 年度 cell names (`2023`, `2023年`, `2023 年度`, `２０２３年`).
pub(crate) fn year_of(text: &str) -> Option<u32> {
    let digits: String = text
        .trim()
        .trim_end_matches(['年', '度'])
        .trim_end()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            c => c,
        })
        .collect();
    digits.parse().ok()
}

/// Among a workbook's sheets, the 项目支出 sheet of the same project a year before `this`.
pub fn previous<'a>(
    sheets: impl IntoIterator<Item = &'a Sheet>,
    this: &Sheet,
) -> Option<&'a Sheet> {
    previous_of(sheets, this.kind, &this.meta)
}

/// [`previous`] for a sheet of this kind and meta: the sheet of the year before that a 汇总表
/// takes for the same project (`projects::project_key`: （本级） and (本级) are one), where
/// the two name the same 实施单位 or one of them names none.
fn previous_of<'a>(
    sheets: impl IntoIterator<Item = &'a Sheet>,
    kind: SheetKind,
    meta: &Meta,
) -> Option<&'a Sheet> {
    let year = year_of(&meta.year)?;
    let (unit, project) = named(kind, meta)?;
    sheets.into_iter().find(|s| {
        named(s.kind, &s.meta).is_some_and(|(other, name)| {
            name == project && (unit.is_empty() || other.is_empty() || other == unit)
        }) && year_of(&s.meta.year).and_then(|y| y.checked_add(1)) == Some(year)
    })
}

/// A sheet's 单位 and 项目 as a 汇总表 compares them, if it may have a last year's sheet: only
/// a 项目支出 sheet named by its 项目, whose targets are held against last year's actuals.
fn named(kind: SheetKind, meta: &Meta) -> Option<(Cow<'_, str>, Cow<'_, str>)> {
    if kind != SheetKind::Project || meta.project.trim().is_empty() {
        return None;
    }
    let ((_, unit, name), _) = super::projects::project_key(kind, meta)?;
    Some((unit, name))
}

impl Calculator {
    /// Last year's sheet of this project (or none): its actuals are what this year's targets
    /// are held against.
    pub fn set_last_year(&mut self, last: Option<&Sheet>) {
        self.last_year = last.map(LastYear::of);
        self.structure_hints.take();
    }

    /// Among `sheets` (a workbook's others), this project's sheet of the year before, set as
    /// last year's; its 年度, or none when none of them is that sheet.
    pub fn pick_last_year<'a>(
        &mut self,
        sheets: impl IntoIterator<Item = &'a Sheet>,
    ) -> Option<&str> {
        let found = previous_of(sheets, self.kind, &self.meta);
        self.set_last_year(found);
        self.last_year()
    }

    /// The 年度 of last year's sheet, when one was set.
    pub fn last_year(&self) -> Option<&str> {
        self.last_year.as_ref().map(|l| l.year.as_str())
    }

    /// Each ratio-scored leaf whose target falls short of the same indicator's actual last
    /// year, in the direction the indicator counts.
    pub(super) fn below_last_year(&self, found: &mut Vec<Problem>) {
        let Some(last) = &self.last_year else { return };
        for i in (0..self.slots.len()).filter(|&i| self.is_leaf(i)) {
            let node = &self.nodes[i];
            if !matches!(node.rule, None | Some(Rule::Ratio(_))) || node.not_applicable {
                continue;
            }
            let name = node.name.trim();
            let Ok(at) = last.actuals.binary_search_by(|a| a.0.as_str().cmp(name)) else {
                continue;
            };
            let (_, before, written) = &last.actuals[at];
            let Ok(target) = parse_cell(node.target.trim()) else {
                continue;
            };
            let Some(target) = target.number() else {
                continue;
            };
            // Figures in units of different size (十万 is 10 and 万, 0.95万人) are not compared
            // as they stand.
            let comparable = target.percent == before.percent
                && (target.unit.is_empty() || before.unit.is_empty() || target.unit == before.unit)
                && !crate::cell::unit_size::differ(&target.unit, &before.unit);
            let comparison = node
                .comparison
                .or(target.comparison)
                .unwrap_or(Comparison::AtLeast);
            let conservative = match comparison {
                Comparison::AtLeast | Comparison::Greater => target.value < before.value,
                Comparison::AtMost | Comparison::Less => target.value > before.value,
                Comparison::Equal | Comparison::Qualitative => false,
            };
            if comparable && conservative {
                found.push(Problem::TargetBelowLastYear {
                    name: node.name.trim().to_string(),
                    target: node.target.trim().to_string(),
                    year: last.year.clone(),
                    actual: written.clone(),
                    less_is_better: matches!(comparison, Comparison::AtMost | Comparison::Less),
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::previous;
    use crate::engine::Calculator;
    use crate::load::load;
    use crate::model::{Node, Sheet};

    fn this_year() -> Sheet {
        load(include_str!("../../tests/fixtures/filled_project.json")).unwrap()
    }

    /// The same project a year before, with these actuals.
    fn last_year(actuals: &[(&str, &str)]) -> Sheet {
        let mut sheet = this_year();
        sheet.meta.year = "2022年度".into();
        fn set(nodes: &mut [Node], name: &str, actual: &str) {
            for n in nodes {
                if n.name == name {
                    n.actual = actual.into();
                }
                set(&mut n.children, name, actual);
            }
        }
        for (name, actual) in actuals {
            set(&mut sheet.indicators, name, actual);
        }
        sheet
    }

    fn hints(sheet: &Sheet, last: Option<&Sheet>) -> Vec<String> {
        let mut calc = Calculator::new(sheet.clone());
        calc.set_last_year(last);
        calc.diagnostics()
            .iter()
            .filter(|d| {
                matches!(
                    d.problem,
                    crate::diagnostic::Problem::TargetBelowLastYear { .. }
                )
            })
            .map(|d| format!("{}: {}", d.problem.code(), d.message()))
            .collect()
    }

    #[test]
    fn a_target_below_last_years_actual_is_conservative() {
        let sheet = this_year();
        let last = last_year(&[
            ("完成改造面积", "2,500"),
            ("单位成本", "480"),
            ("验收合格率", "96%"),
        ]);
        assert_eq!(
            hints(&sheet, Some(&last)),
            [
                "conservative_target: “完成改造面积”年度指标值2000低于上年（2022年）实际完成值2,500：目标设置偏保守，建议不低于上年实际水平",
                // Last year it took 2 days; this year's target allows 3.
                "conservative_target: “完工时间”年度指标值3天内高于上年（2022年）实际完成值2天：目标设置偏保守，建议不高于上年实际水平",
                "conservative_target: “单位成本”年度指标值500高于上年（2022年）实际完成值480：目标设置偏保守，建议不高于上年实际水平",
            ]
        );
        // Without last year's sheet, or with the hint switched off: nothing.
        assert!(hints(&sheet, None).is_empty());
        let mut off = sheet.clone();
        off.settings.hints_off = vec!["conservative_target".into()];
        assert!(hints(&off, Some(&last)).is_empty());
    }

    #[test]
    fn a_target_at_or_beyond_last_years_actual_is_not() {
        let sheet = this_year();
        // 2000 against 2000 and 1,800; a cost of 500 against 500 and 520; a percentage
        // against a count is not compared; 3天内 against 3 and 4 days; 定性 rows have no figure.
        // A target of 十万 (10 and 万) is not below a last year of 95,000: units of another size
        // are not compared as they stand.
        let mut tenfold = sheet.clone();
        tenfold.indicators[1].children[0].children[0].target = "十万".into();
        assert_eq!(
            tenfold.indicators[1].children[0].children[0].name,
            "完成改造面积"
        );
        let last = last_year(&[("完成改造面积", "95,000")]);
        let found = hints(&tenfold, Some(&last));
        assert!(
            !found.iter().any(|h| h.contains("完成改造面积")),
            "{found:?}"
        );
        for actuals in [
            [
                ("完成改造面积", "2000"),
                ("单位成本", "500"),
                ("验收合格率", "100%"),
                ("完工时间", "3天"),
            ],
            [
                ("完成改造面积", "1,800"),
                ("单位成本", "520"),
                ("验收合格率", "101"),
                ("完工时间", "4天"),
            ],
        ] {
            assert!(
                hints(&sheet, Some(&last_year(&actuals))).is_empty(),
                "{actuals:?}"
            );
        }
    }

    #[test]
    fn last_years_sheet_is_the_same_project_a_year_before() {
        let sheet = this_year();
        let mut other_project = last_year(&[]);
        other_project.meta.project = "背街小巷整治".into();
        let mut other_unit = last_year(&[]);
        other_unit.meta.unit = "白云街道".into();
        let mut two_years = last_year(&[]);
        two_years.meta.year = "2021".into();
        let mut right = last_year(&[]);
        right.meta.year = "2022年".into();
        let mut no_unit = last_year(&[]);
        no_unit.meta.unit = String::new();
        no_unit.meta.year = "2022".into();
        let sheets = [
            other_project,
            other_unit,
            two_years,
            right.clone(),
            sheet.clone(),
        ];
        assert_eq!(previous(&sheets, &sheet), Some(&right));
        assert_eq!(previous(&sheets[..3], &sheet), None);
        // A sheet that names no 实施单位 may be the same project's.
        assert_eq!(previous([&no_unit], &sheet), Some(&no_unit));
        // Its 实施单位 and 项目 written with other brackets or spaces: the same project.
        let mut bracketed = sheet.clone();
        bracketed.meta.unit = "石井街道（本级）".into();
        let mut written_otherwise = right.clone();
        written_otherwise.meta.unit = "石井街道 (本级)".into();
        written_otherwise.meta.project = "老旧小区\u{3000}微改造".into();
        assert_eq!(
            previous([&written_otherwise], &bracketed),
            Some(&written_otherwise)
        );
        // A sheet without a project name or a year has no last year.
        let mut unnamed = sheet.clone();
        unnamed.meta.project = " ".into();
        assert_eq!(previous(&sheets, &unnamed), None);
        let mut undated = sheet.clone();
        undated.meta.year = "本年".into();
        assert_eq!(previous(&sheets, &undated), None);
    }
}
