//! The 汇总表 rows of a workbook's sheets: each sheet evaluated, its total as the project's
//! score. The format (`crate::workbook`) stores only the rows typed directly.

use super::Calculator;
use crate::arith;
use crate::model::{GradeBand, Meta, Node, ProjectRow, Rule, Sheet, SheetKind};
use crate::summary;
use crate::workbook::{name_key, Workbook};
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

/// What makes two sheets one project in a 汇总表: the same kind, 单位, name and 年度, the name
/// being the one its 汇总表 row takes (its 项目, else its title), the 单位 and the name as
/// people mean them (`workbook::name_key`: （本级） and (本级) are one), the 年度 the year it
/// names (2023 and 2023年度 are one). Both in one 汇总表 count its money twice: a unit's
/// corrected file opened or batched beside its first one. Without a name (a unit's tables
/// told apart by nothing but their files) nothing is said.
///
/// A department has one 部门整体 form a year: it is known by its 单位 alone, whatever its title
/// says (2023年…自评报告 beside 2024年…), and only when it names no 单位 by its title, the years
/// written in it (2024年, 2024年度, 二〇二四年) taken out.
pub(super) fn project_key(kind: SheetKind, meta: &Meta) -> Option<(ProjectKey<'_>, Year<'_>)> {
    let unit = name_key(&meta.unit);
    let name = match kind {
        SheetKind::Department if !unit.is_empty() => Cow::Borrowed(""),
        SheetKind::Department => Cow::Owned(without_years(&name_key(row_name(kind, meta)))),
        _ => name_key(row_name(kind, meta)),
    };
    let year = meta.year.trim();
    (!name.is_empty() || kind == SheetKind::Department && !unit.is_empty()).then(|| {
        let year = super::last_year::year_of(year).map_or(Year::Text(year), Year::Number);
        ((kind, unit, name), year)
    })
}

/// A title (as compared, its digits ASCII) without the years written in it: four digits or
/// Chinese numerals followed by 年, or 年度.
fn without_years(title: &str) -> String {
    let chars: Vec<char> = title.chars().collect();
    let digit = |c: &char| c.is_ascii_digit() || "〇零一二三四五六七八九".contains(*c);
    let mut out = String::with_capacity(title.len());
    let mut i = 0;
    while i < chars.len() {
        let run = chars[i..].iter().take_while(|c| digit(c)).count();
        if run == 4 && chars.get(i + 4) == Some(&'年') {
            i += 5 + usize::from(chars.get(i + 5) == Some(&'度'));
            continue;
        }
        let end = i + run.max(1);
        out.extend(&chars[i..end]);
        i = end;
    }
    out
}

/// The name a sheet's 汇总表 row takes, as typed: its 项目名称; a 部门整体 sheet, which names no
/// project, its 单位; and only when it names neither, its title. A title is often the form's
/// caption (a pasted table's `表2：部门整体绩效指标评分表`, every department's): rows named by
/// it could not be told apart.
pub fn row_name(kind: SheetKind, meta: &Meta) -> &str {
    let (project, unit) = (meta.project.trim(), meta.unit.trim());
    if !project.is_empty() {
        project
    } else if kind == SheetKind::Department && !unit.is_empty() {
        unit
    } else {
        meta.title.trim()
    }
}

/// The name jixiao gave a sheet's 汇总表 row before [`row_name`] named a 部门整体 sheet's by its
/// 单位, where it differs from today's: its title. The files it wrote (a workbook .xlsx's
/// 汇总表) name the row so, and read back, that row is still the sheet's, not a project typed.
pub fn older_row_name(kind: SheetKind, meta: &Meta) -> Option<&str> {
    let (project, title) = (meta.project.trim(), meta.title.trim());
    let older = if project.is_empty() { title } else { project };
    (!older.is_empty() && older != row_name(kind, meta)).then_some(older)
}

/// A project across its years: kind, 单位 and name, as compared (`workbook::name_key`; a
/// 部门整体 sheet's name blank when it names a 单位).
pub(super) type ProjectKey<'a> = (SheetKind, Cow<'a, str>, Cow<'a, str>);

/// A sheet's 年度: the year it names, or its text when it names none (blank included).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(super) enum Year<'a> {
    Number(u32),
    Text(&'a str),
}

impl Calculator {
    /// The first of `sheets` that is this sheet's project again (see [`project_key`]).
    pub fn same_project_in<'a>(
        &self,
        sheets: impl IntoIterator<Item = Option<&'a Sheet>>,
    ) -> Option<usize> {
        let key = project_key(self.kind(), self.meta())?;
        sheets
            .into_iter()
            .position(|s| s.is_some_and(|s| project_key(s.kind, &s.meta).as_ref() == Some(&key)))
    }
}

impl Workbook {
    /// Each sheet that is the project of an earlier sheet again (see [`project_key`]), with
    /// that sheet: `(earlier, later)`, in the sheets' order.
    pub fn repeated_projects(&self) -> Vec<(usize, usize)> {
        let mut first = HashMap::new();
        let mut out = Vec::new();
        for (i, sheet) in self.sheets.iter().enumerate() {
            if let Some(key) = project_key(sheet.kind, &sheet.meta) {
                match first.get(&key) {
                    Some(&earlier) => out.push((earlier, i)),
                    None => {
                        first.insert(key, i);
                    }
                }
            }
        }
        out
    }

    /// Each sheet the 汇总表 leaves out as another year of a project (see [`other_years`]),
    /// with the sheet that stands for the project: `(left out, standing)`, in the sheets' order.
    pub fn other_years(&self) -> Vec<(usize, usize)> {
        other_years(self.sheets.iter().map(Some), &self.summary.meta.year)
    }

    /// The sheets that give the 汇总表 a row, in order: all but [`Workbook::other_years`]. The
    /// 汇总表's first rows are theirs, one each.
    pub fn counted_sheets(&self) -> Vec<usize> {
        let mut counted = vec![true; self.sheets.len()];
        for (out, _) in self.other_years() {
            counted[out] = false;
        }
        (0..self.sheets.len()).filter(|&i| counted[i]).collect()
    }

    /// What the 汇总表 says of the sheets it leaves out (see [`Workbook::other_years`]), on
    /// paper, in Excel and in CSV as on the page (`www/src/workbooks.js`, which names a sheet
    /// by its tab); `None` when it leaves none out. A sheet is named by its project (or title)
    /// and its 单位, as 部门整体 forms of several units may share a title; two copies of one
    /// sheet are named once.
    pub fn left_out_note(&self) -> Option<String> {
        let mut sheets: Vec<String> = Vec::new();
        for (out, standing) in self.other_years() {
            let (out, standing) = (&self.sheets[out], &self.sheets[standing]);
            // Named as typed.
            let (unit, name) = (out.meta.unit.trim(), row_name(out.kind, &out.meta));
            let unit = if unit.is_empty() || name.contains(unit) {
                String::new()
            } else {
                format!("（{unit}）")
            };
            let year = |s: &Sheet| super::last_year::year_of(&s.meta.year).unwrap_or_default();
            let said = format!(
                "“{name}”{unit}的{}年度表格（计入的是它{}年度的表格）",
                year(out),
                year(standing)
            );
            if !sheets.contains(&said) {
                sheets.push(said);
            }
        }
        (!sheets.is_empty()).then(|| {
            format!(
                "未计入本汇总表：{}。同一项目有几个年度的表格时，汇总表只计一个年度的（汇总表填了年度的，计该年度；否则计最新的），以免资金重复计入合计。",
                sheets.join("；")
            )
        })
    }

    /// The 汇总表 as shown: a row per counted sheet of the workbook (evaluated now; see
    /// [`Workbook::counted_sheets`]), then the rows typed directly, under the summary's own
    /// settings and meta.
    pub fn summary_sheet(&self) -> Sheet {
        let mut summary = self.summary.clone();
        let mut rows: Vec<ProjectRow> = self
            .counted_sheets()
            .into_iter()
            .enumerate()
            .map(|(k, i)| row_from_sheet(k + 1, &self.sheets[i]))
            .collect();
        rows.append(&mut summary.projects);
        summary.projects = rows;
        summary.kind = SheetKind::Summary;
        summary
    }
}

/// Among `sheets` (a missing one is passed over), each that a 汇总表 of `year` (the 年度 it
/// states, if it names one) leaves out as another year of a project, with the sheet that stands for the
/// project: `(left out, standing)`, in the sheets' order.
///
/// A 汇总表 is of one year. A workbook keeps last year's sheet of a project for what it
/// achieved (a target set below it is a 提示), or a unit has begun next year's: counted as
/// well, the project's money would be twice in the 合计. Of a project's sheets (the same kind,
/// 单位 and name) that name different years, the 汇总表's own year stands when one of them is
/// of it, else the latest; the others are left out. A sheet whose 年度 names no year is left
/// as it is.
pub fn other_years<'a>(
    sheets: impl IntoIterator<Item = Option<&'a Sheet>>,
    year: &str,
) -> Vec<(usize, usize)> {
    let year = super::last_year::year_of(year);
    // Each project and the year that stands for it so far, with its first sheet: a B-tree, as a
    // batch may hold thousands of projects (a list looked through for each took 0.6 s at
    // 10,000), and the page's module has no hash map.
    let mut standing: BTreeMap<ProjectKey<'_>, (u32, usize)> = BTreeMap::new();
    let mut dated = Vec::new();
    for (i, sheet) in sheets.into_iter().enumerate() {
        let Some(sheet) = sheet else { continue };
        let Some((key, Year::Number(y))) = project_key(sheet.kind, &sheet.meta) else {
            continue;
        };
        let best = standing.entry(key.clone()).or_insert((y, i));
        let stands = |y: u32| (Some(y) == year, y);
        if stands(y) > stands(best.0) {
            *best = (y, i);
        }
        dated.push((key, y, i));
    }
    dated
        .into_iter()
        .filter_map(|(key, y, i)| {
            let &(kept, at) = standing.get(&key)?;
            (y != kept).then_some((i, at))
        })
        .collect()
}

/// The 汇总表 row of one evaluated sheet: its unit, project and goal from the meta, its budget
/// and spending from its 预算执行率 leaf (or else its first 资金 row), its total as the score
/// once every applicable indicator is scored, and until then [`summary::PENDING`] (待定); with
/// a score, the band of the sheet's own grade bands it is graded in (`sheet_grade`), which the
/// 汇总表 holds against its own.
pub fn row_from_sheet(seq: usize, sheet: &Sheet) -> ProjectRow {
    let (budget, spent) = budget_of(sheet);
    let calc = Calculator::new(sheet.clone());
    // A sheet still being filled in, or with errors (分值 that do not add up…), has no score
    // yet, as its own form states no grade: a partial or doubtful total would count in the
    // grade distribution as if it were the project's result. Its 分数 says so, in the row
    // itself, so that every form and file written from the 汇总表 says it as the page does
    // (the 汇总表 reads it as no score, counted as 无分数).
    let (errors, _, _) = calc.severity_counts(&calc.sheet_level_diagnostics());
    let total = calc.total().filter(|t| t.complete && errors == 0);
    let score = total.as_ref().map_or_else(
        || summary::PENDING.to_string(),
        |t| arith::fixed(t.value, calc.settings().score_decimals),
    );
    let sheet_grade = total.map(|t| {
        let bands = &calc.settings().grade_bands;
        let min = bands.iter().find(|(g, _)| *g == t.grade);
        GradeBand {
            min: min.map_or_else(String::new, |(_, m)| arith::plain(*m)),
            grade: t.grade,
        }
    });
    let meta = &sheet.meta;
    ProjectRow {
        seq: seq.to_string(),
        unit: meta.unit.clone(),
        project: row_name(sheet.kind, meta).to_string(),
        goal: meta.goal.clone(),
        budget,
        spent,
        score,
        grade: String::new(),
        problems: meta.problems.clone(),
        suggestions: meta.suggestions.clone(),
        declared: Default::default(),
        sheet_grade,
    }
}

/// A sheet's budget and spending, as typed: the 预算执行率 leaf's (the first 资金 row's when
/// the leaf takes them from there), or else the first 资金 row's.
fn budget_of(sheet: &Sheet) -> (String, String) {
    let mut stack: Vec<&Node> = sheet.indicators.iter().collect();
    while let Some(node) = stack.pop() {
        if let Some(Rule::BudgetExecution(b)) = &node.rule {
            if b.from_funds {
                break;
            }
            // A figure without a unit is in the row's 计量单位: in a row counted in 元 (or
            // 亿元), the 汇总表 (in 万元) is given the unit with it.
            let unit = crate::cell::row_unit(&node.unit);
            let other_money =
                crate::cell::unit_size::money_power(unit).is_some_and(|power| power != 4);
            let with_unit = |text: &str| match crate::cell::parse_cell(text.trim()) {
                Ok(crate::cell::Cell::Number(q))
                    if q.unit.is_empty() && !q.percent && other_money =>
                {
                    format!("{}{unit}", text.trim())
                }
                _ => text.to_string(),
            };
            return (with_unit(&node.target), with_unit(&node.actual));
        }
        stack.extend(node.children.iter().rev());
    }
    sheet
        .funds
        .first()
        .map(|f| (f.budget.clone(), f.spent.clone()))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::FundsRow;
    use crate::rules::BudgetExecution;
    use crate::rules::Manual;

    fn project(unit: &str, budget: &str, spent: &str, score: &str) -> Sheet {
        let mut s = Sheet::new(SheetKind::Project);
        s.meta.unit = unit.into();
        s.meta.project = format!("{unit}的项目");
        s.funds = vec![FundsRow {
            name: "项目资金".into(),
            budget: budget.into(),
            spent: spent.into(),
            ..FundsRow::default()
        }];
        let mut leaf = Node::leaf("综合评分", "100", Some(Rule::Manual(Manual {})));
        leaf.score = score.into();
        leaf.reason = "见报告".into();
        s.indicators = vec![leaf];
        s
    }

    #[test]
    fn a_project_again_is_found_by_its_kind_unit_project_and_year() {
        let first = project("甲单位", "420.00", "404.25", "82.06");
        // The unit's corrected file: other figures, the same project (spaces aside).
        let mut corrected = project("甲单位", "420.00", "410.00", "85");
        corrected.meta.project = format!(" {} ", corrected.meta.project);
        let other_unit = project("乙单位", "420.00", "404.25", "82.06");
        let mut other_year = first.clone();
        other_year.meta.year = "2024".into();
        let mut other_kind = first.clone();
        other_kind.kind = SheetKind::Department;
        // Named by nothing but the unit: two tables of one unit are not taken for one.
        let mut unnamed = Sheet::new(SheetKind::Project);
        unnamed.meta.unit = "甲单位".into();
        let mut wb = Workbook::new("示例");
        wb.sheets = vec![
            first.clone(),
            unnamed.clone(),
            other_unit,
            other_year,
            other_kind,
            corrected.clone(),
            unnamed,
            first.clone(),
        ];
        assert_eq!(wb.repeated_projects(), [(0, 5), (0, 7)]);

        let calc = Calculator::new(corrected);
        let found = calc.same_project_in(wb.sheets[1..].iter().map(Some));
        assert_eq!(found, Some(4));
        assert_eq!(calc.same_project_in([None, Some(&first)]), Some(1));
        let unnamed = Calculator::new(Sheet::new(SheetKind::Project));
        assert_eq!(unnamed.same_project_in(wb.sheets.iter().map(Some)), None);
    }

    #[test]
    fn the_summary_derives_a_row_per_sheet_then_the_typed_rows() {
        let mut wb = Workbook::new("示例");
        wb.sheets = vec![
            project("甲单位", "420.00", "404.25", "82.06"),
            project("乙单位", "2,000.00", "1,401.84", "88"),
        ];
        wb.summary.projects = vec![ProjectRow {
            seq: "3".into(),
            project: "外部评价项目".into(),
            budget: "100.00".into(),
            spent: "96.08".into(),
            score: "94.12".into(),
            ..ProjectRow::default()
        }];
        let summary = wb.summary_sheet();
        assert_eq!(summary.projects.len(), 3);
        assert_eq!(summary.projects[0].project, "甲单位的项目");
        assert_eq!(summary.projects[1].score, "88.00");
        let report = Calculator::new(summary).report();
        let s = report.summary.unwrap();
        assert_eq!(s.totals.budget, "2,520.00");
        assert_eq!(s.totals.rate.as_deref(), Some("75.48%")); // 1,902.17 ÷ 2,520.00
        assert_eq!(s.totals.grades[0].count, 1);
        let back: Workbook = serde_json::from_str(&wb.to_json()).unwrap();
        assert_eq!(back, wb);
    }

    /// A workbook that keeps last year's sheet of a project (for what it achieved) has a
    /// 汇总表 of this year: the project's money once in the 合计, not twice.
    #[test]
    fn the_summary_leaves_out_a_projects_other_years() {
        let dated = |unit: &str, year: &str, spent: &str| {
            let mut s = project(unit, "420.00", spent, "82.06");
            s.meta.year = year.into();
            s
        };
        let mut wb = Workbook::new("示例");
        wb.sheets = vec![
            dated("甲单位", "2022年", "300.00"),
            dated("乙单位", "2023", "100.00"),
            dated("甲单位", "2023年度", "404.25"),
            // Two years back, beside last year's: left out too, for the latest.
            dated("甲单位", "2021", "200.00"),
            // Other units, another kind, a year that is not one: each stands.
            dated("丙单位", "2022", "100.00"),
            dated("乙单位", "明年", "100.00"),
        ];
        let mut department = dated("乙单位", "2022", "100.00");
        department.kind = SheetKind::Department;
        department.meta.project = "乙单位的项目".into();
        wb.sheets.push(department);
        assert_eq!(wb.other_years(), [(0, 2), (3, 2)]);
        assert_eq!(wb.counted_sheets(), [1, 2, 4, 5, 6]);
        let summary = wb.summary_sheet();
        let rows: Vec<(&str, &str, &str)> = summary
            .projects
            .iter()
            .map(|p| (p.seq.as_str(), p.unit.as_str(), p.spent.as_str()))
            .collect();
        assert_eq!(
            rows,
            [
                ("1", "乙单位", "100.00"),
                ("2", "甲单位", "404.25"),
                ("3", "丙单位", "100.00"),
                ("4", "乙单位", "100.00"),
                ("5", "乙单位", "100.00"),
            ]
        );
        let s = Calculator::new(summary).report().summary.unwrap();
        assert_eq!(s.totals.spent, "804.25");
        // Said on paper and in the files as on the page, each sheet by its project and year.
        assert_eq!(
            wb.left_out_note().as_deref(),
            Some("未计入本汇总表：“甲单位的项目”的2022年度表格（计入的是它2023年度的表格）；“甲单位的项目”的2021年度表格（计入的是它2023年度的表格）。同一项目有几个年度的表格时，汇总表只计一个年度的（汇总表填了年度的，计该年度；否则计最新的），以免资金重复计入合计。")
        );
        // Forms of several units under one title: each unit's named, not one for all.
        let mut units = Workbook::new("部门");
        for unit in ["甲单位", "乙单位"] {
            for year in ["2022", "2023"] {
                let mut s = dated(unit, year, "100.00");
                s.meta.project.clear();
                s.meta.title = "部门整体支出绩效自评表".into();
                units.sheets.push(s);
            }
        }
        let note = units.left_out_note().unwrap();
        assert!(
            note.starts_with("未计入本汇总表：“部门整体支出绩效自评表”（甲单位）的2022年度表格（计入的是它2023年度的表格）；“部门整体支出绩效自评表”（乙单位）的2022年度表格"),
            "{note}"
        );
        // Missing sheets (unreadable files) are passed over, the others keep their places.
        assert_eq!(
            other_years([None, Some(&wb.sheets[2]), None, Some(&wb.sheets[0])], ""),
            [(3, 1)]
        );
        // A 汇总表 that states its 年度 keeps that year's sheet: a unit has begun next year's.
        wb.summary.meta.year = "2022年度".into();
        assert_eq!(wb.other_years(), [(2, 0), (3, 0)]);
        wb.sheets[0].meta.year = "２０２２ 年".into();
        assert_eq!(wb.other_years(), [(2, 0), (3, 0)]);
        // Of a year no sheet of the project is of: the latest.
        wb.summary.meta.year = "2030".into();
        assert_eq!(wb.other_years(), [(0, 2), (3, 2)]);
        wb.sheets.truncate(2);
        assert_eq!(wb.left_out_note(), None);
    }

    /// A 单位 or name written with other brackets or spaces is the same project's: its other
    /// year left out of the 汇总表, its same year said to be counted twice.
    #[test]
    fn a_unit_written_otherwise_is_the_same_projects() {
        let dated = |unit: &str, year: &str| {
            let mut s = project(unit, "200.00", "182.74", "96.14");
            s.meta.project = "社区环境整治".into();
            s.meta.year = year.into();
            s
        };
        let mut wb = Workbook::new("示例");
        wb.sheets = vec![
            dated("昌华街道办事处（本级）", "2026"),
            dated("昌华街道办事处(本级)", "2025"),
            dated("昌华街道办事处\u{3000}（本级）", "2025"),
            dated("昌华街道 办事处（本级）\u{a0}", "2026"),
        ];
        assert_eq!(wb.other_years(), [(1, 0), (2, 0)]);
        assert_eq!(wb.repeated_projects(), [(1, 2), (0, 3)]);
        let calc = Calculator::new(wb.sheets[1].clone());
        assert_eq!(
            calc.same_project_in(wb.sheets[2..].iter().map(Some)),
            Some(0)
        );
        // Named in the note as typed.
        assert!(wb
            .left_out_note()
            .unwrap()
            .starts_with("未计入本汇总表：“社区环境整治”（昌华街道办事处(本级)）的2025年度表格"));
    }

    /// A department has one 部门整体 form a year, whatever year its title names: its 2023 and
    /// 2024 forms (seed 001's, `2024年…自评报告` beside `2023年…`) are one department's years.
    #[test]
    fn a_departments_forms_are_one_whatever_year_their_titles_name() {
        let department = |unit: &str, title: &str, year: &str| {
            let mut s = project(unit, "100.00", "90.00", "90");
            s.kind = SheetKind::Department;
            s.meta.project.clear();
            s.meta.title = title.into();
            s.meta.year = year.into();
            s
        };
        let unit = "荔湖街道办事处";
        let mut wb = Workbook::new("部门");
        wb.sheets = vec![
            department(unit, "2023年荔湖街道办事处部门整体支出绩效自评报告", "2023"),
            department(unit, "2024年荔湖街道办事处部门整体支出绩效自评报告", "2024"),
            // Its form under another title, the same year: counted twice, said.
            department(unit, "部门整体支出绩效自评表", "2024"),
            // Another department under the same title: its own.
            department(
                "石井街道",
                "2024年荔湖街道办事处部门整体支出绩效自评报告",
                "2023",
            ),
            // No 单位: known by its title, the year in it taken out.
            department("", "2023年度部门整体支出绩效自评表", "2023"),
            department("", "二〇二四年部门整体支出绩效自评表", "2024"),
            department("", "部门整体支出绩效评价报告", "2024"),
        ];
        assert_eq!(wb.other_years(), [(0, 1), (4, 5)]);
        assert_eq!(wb.repeated_projects(), [(1, 2)]);
        // Named as typed (the 单位 once, when the title names it).
        assert!(wb.left_out_note().unwrap().starts_with(
            "未计入本汇总表：“荔湖街道办事处”的2023年度表格（计入的是它2024年度的表格）；“2023年度部门整体支出绩效自评表”的2023年度表格"
        ));
    }

    /// A pasted table's caption is every department's title: its 汇总表 row is named by its 单位,
    /// a project's by its 项目名称, and by the title only when it names neither.
    #[test]
    fn a_row_is_named_by_its_project_or_unit_before_its_title() {
        let mut department = project("荔湖街道办事处", "100.00", "90.00", "90");
        department.kind = SheetKind::Department;
        department.meta.project.clear();
        department.meta.title = "表2：部门整体绩效指标评分表".into();
        assert_eq!(row_from_sheet(1, &department).project, "荔湖街道办事处");
        // As an older jixiao named it, in the files it wrote.
        fn older(s: &Sheet) -> Option<&str> {
            older_row_name(s.kind, &s.meta)
        }
        assert_eq!(older(&department), Some("表2：部门整体绩效指标评分表"));
        department.meta.project = "部门整体支出".into();
        assert_eq!(older(&department), None);
        assert_eq!(row_from_sheet(1, &department).project, "部门整体支出");
        department.meta.project.clear();
        department.meta.unit = " ".into();
        assert_eq!(
            row_from_sheet(1, &department).project,
            "表2：部门整体绩效指标评分表"
        );
        // A project sheet's 单位 is not its project: without a 项目名称, its title.
        let mut sheet = project("甲单位", "100.00", "90.00", "90");
        sheet.meta.title = "项目支出绩效自评表".into();
        assert_eq!(row_from_sheet(1, &sheet).project, "甲单位的项目");
        sheet.meta.project.clear();
        assert_eq!(row_from_sheet(1, &sheet).project, "项目支出绩效自评表");
    }

    #[test]
    fn the_years_a_title_names_are_taken_out() {
        for (title, without) in [
            ("2024年部门整体支出绩效自评报告", "部门整体支出绩效自评报告"),
            ("2024年度部门整体支出绩效自评表", "部门整体支出绩效自评表"),
            ("二〇二四年部门整体支出绩效自评表", "部门整体支出绩效自评表"),
            (
                "部门整体支出绩效自评表(二零二三年度)",
                "部门整体支出绩效自评表()",
            ),
            ("12345年计划", "12345年计划"),
            ("100年校庆", "100年校庆"),
        ] {
            assert_eq!(without_years(title), without, "{title}");
        }
    }

    /// 2023 and 2023年度 are one year: the same project twice, said, not taken for two.
    #[test]
    fn a_year_written_two_ways_is_one_year() {
        let mut a = project("甲单位", "420.00", "404.25", "82.06");
        a.meta.year = "2023".into();
        let mut b = a.clone();
        b.meta.year = " 2023年度".into();
        let mut wb = Workbook::new("示例");
        wb.sheets = vec![a, b];
        assert_eq!(wb.repeated_projects(), [(0, 1)]);
        assert_eq!(wb.other_years(), []);
    }

    #[test]
    fn budget_comes_from_the_budget_execution_leaf_first() {
        let mut s = project("丙单位", "1", "1", "90");
        let mut leaf = Node::leaf(
            "预算执行率",
            "10",
            Some(Rule::BudgetExecution(BudgetExecution::default())),
        );
        leaf.target = "634.00".into();
        leaf.actual = "554.75".into();
        s.indicators.push(leaf);
        let row = row_from_sheet(1, &s);
        assert_eq!(
            (row.budget.as_str(), row.spent.as_str()),
            ("634.00", "554.75")
        );
        // Counted in 元, its figures reach the 汇总表 (in 万元) with their unit, read as 万元
        // there: 160,610,200 元 is 16,061.02 万元, never 160,610,200 万元.
        s.indicators[1].unit = "元".into();
        s.indicators[1].target = "160,610,200".into();
        s.indicators[1].actual = "150,426,500元".into();
        let row = row_from_sheet(1, &s);
        assert_eq!(
            (row.budget.as_str(), row.spent.as_str()),
            ("160,610,200元", "150,426,500元")
        );
        let mut summary = Sheet::new(SheetKind::Summary);
        summary.projects = vec![row];
        let report = Calculator::new(summary).report();
        let totals = report.summary.unwrap().totals;
        assert_eq!(
            (
                totals.budget.as_str(),
                totals.spent.as_str(),
                totals.rate.as_deref()
            ),
            ("16,061.02", "15,042.65", Some("93.66%"))
        );
    }

    #[test]
    fn a_sheet_still_being_filled_in_or_with_errors_has_no_score_yet() {
        let mut s = project("丁单位", "100", "90", "80");
        s.indicators[0].weight = "90".into();
        s.indicators.push(Node::leaf("满意度", "10", None));
        assert_eq!(row_from_sheet(1, &s).score, "待定");
        s.indicators[1].target = "90%".into();
        s.indicators[1].actual = "95%".into();
        assert_eq!(row_from_sheet(1, &s).score, "90.00");
        // 分值 that no longer add up to 100: the total is no result yet.
        s.indicators[0].weight = "100".into();
        assert_eq!(row_from_sheet(1, &s).score, "待定");
    }
}
