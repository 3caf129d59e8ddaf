//! Edits outside the indicator tree: 基本信息, settings, 资金情况 rows and 汇总表 rows.
//! Settings change every score, so they evaluate afresh; the small tables are re-evaluated whole.

use super::{Calculator, Carried, Changed, EditError, FundField, MetaField, ProjectField};
use crate::model::{FundsRow, Node, ProjectRow, ReportEdit, ReportPiece, Settings, SheetKind};
use crate::settings::Resolved;
use crate::{funds, report_keys, summary};

/// Whose a rewrite kept under a row's key is, by the names in the table.
enum KeyOwner {
    /// The row of that name, the only one (its section's prefix and index).
    Row(&'static str, usize),
    /// Only the report writer can tell: an earlier version's `…#2`, or a name several rows share.
    Legacy,
    /// No row's key, one bound to a row's id already, or a name no row has (it may come back).
    Unknown,
}

impl Calculator {
    pub fn set_meta(&mut self, field: MetaField, value: &str) {
        let meta = &mut self.meta;
        let slot = match field {
            MetaField::Title => &mut meta.title,
            MetaField::Unit => &mut meta.unit,
            MetaField::Project => &mut meta.project,
            MetaField::Year => &mut meta.year,
            MetaField::Department => &mut meta.department,
            MetaField::Goal => &mut meta.goal,
            MetaField::Achieved => &mut meta.achieved,
            MetaField::Note => &mut meta.note,
            MetaField::Problems => &mut meta.problems,
            MetaField::Suggestions => &mut meta.suggestions,
            MetaField::Preparer => &mut meta.preparer,
            MetaField::Reviewer => &mut meta.reviewer,
            MetaField::Phone => &mut meta.phone,
            MetaField::Date => &mut meta.date,
            MetaField::DeclaredTotal => &mut self.declared.total,
            MetaField::DeclaredGrade => &mut self.declared.grade,
            MetaField::DeclaredRate => &mut self.declared.rate,
            MetaField::Opinion => &mut self.declared.opinion,
        };
        *slot = value.to_string();
    }

    /// Moves the 自评报告's rewrites written about what an edit renamed, `before` → `after`
    /// (`report_keys`): a row or a 资金 row by its name, a line of 主要问题 or 改进建议 by its
    /// words. Not done by `set`: typed a key at a time, a name passes through others (a
    /// letter, nothing) that a rewrite must not stop at, so a view calls it once the typing
    /// is done, with the value it began from.
    pub fn carry_report(&mut self, what: Carried, before: &str, after: &str) {
        let edits = &mut self.report_edits;
        match what {
            Carried::Row => {
                let names = self.nodes.iter().map(|n| n.name.as_str());
                report_keys::rename(edits, report_keys::Renamed::Row, names, before, after);
                // A rewrite kept under the new name (its row's gone) is this row's now.
                self.bind_report_keys();
            }
            Carried::Funds => {
                let names = self.funds_rows.iter().map(|r| r.name.as_str());
                report_keys::rename(edits, report_keys::Renamed::Funds, names, before, after);
            }
            Carried::Problems => {
                report_keys::retype_line(edits, report_keys::PROBLEMS, before, after)
            }
            Carried::Suggestions => {
                report_keys::retype_line(edits, report_keys::MEASURES, before, after)
            }
        }
    }

    /// The 自评报告's rewritten paragraphs, as the sheet keeps them.
    pub fn report_edits(&self) -> &[ReportEdit] {
        &self.report_edits
    }

    /// Replaces a paragraph of the 自评报告 with the user's text, adds it at the end of its
    /// section when no paragraph has the key, or (`None`) gives the generated one back. `key`
    /// is the paragraph's as the report gave it: a rewrite kept under that key (one the report
    /// shows set aside, or a file's) is changed where it is; else a paragraph written about a
    /// row is kept under the row's id, the row given one if it has none (`report_keys`).
    pub fn set_report_paragraph(&mut self, key: &str, text: Option<Vec<ReportPiece>>) {
        // Found before the keys are bound, which moves it (never drops or reorders it).
        let kept = self.report_edits.iter().position(|e| e.key == key);
        self.bind_report_keys();
        let at = kept.or_else(|| {
            let key = self.report_key(key, text.is_some());
            self.report_edits.iter().position(|e| e.key == key)
        });
        match (at, text) {
            (Some(at), Some(text)) => self.report_edits[at].text = text,
            (None, Some(text)) => {
                let key = self.report_key(key, true);
                self.report_edits.push(ReportEdit { key, text });
                // The first rewrite: rows of one name get their ids.
                self.bind_report_keys();
            }
            (Some(at), None) => {
                self.report_edits.remove(at);
            }
            (None, None) => {}
        }
    }

    /// The key a rewrite of the paragraph `key` (as the report gave it) is kept under: for a
    /// paragraph written about a row (by its name, its order among the rows of its name
    /// `…#2`, or its id) the row's id, which a rewrite kept (`give`) gives it if it has none;
    /// else `key`.
    fn report_key(&mut self, key: &str, give: bool) -> String {
        let Some((prefix, rest)) = report_keys::ROW
            .iter()
            .find_map(|p| Some((*p, key.strip_prefix(p)?)))
        else {
            return key.to_string();
        };
        if rest.starts_with('@') {
            return key.to_string();
        }
        // A row may be named `X#2` itself.
        let row = match self.named(rest) {
            rows if !rows.is_empty() => rows.first().copied(),
            _ => {
                let (name, nth) = report_keys::split_nth(rest);
                let rows = self.named(name);
                rows.get(nth - 1).copied().filter(|_| rows.len() > 1)
            }
        };
        match row {
            Some(row) if give || self.has_id(row) => report_keys::id_key(prefix, &self.row_id(row)),
            _ => key.to_string(),
        }
    }

    /// The rows named `name`.
    fn named(&self, name: &str) -> Vec<usize> {
        (0..self.nodes.len())
            .filter(|&i| self.nodes[i].name.trim() == name.trim())
            .collect()
    }

    fn has_id(&self, row: usize) -> bool {
        self.nodes[row]
            .id
            .as_deref()
            .is_some_and(|id| !id.trim().is_empty())
    }

    /// A row's id, given one if it has none: its name and its order among the rows of that
    /// name (`采购意向公开合规性-2`, as seed 001's are), or the next order no row's id has.
    fn row_id(&mut self, row: usize) -> String {
        if let Some(id) = self.nodes[row]
            .id
            .as_deref()
            .filter(|id| !id.trim().is_empty())
        {
            return id.trim().to_string();
        }
        let name = self.nodes[row].name.trim();
        let name = if name.is_empty() { "行" } else { name };
        let nth = self.nodes[..row]
            .iter()
            .filter(|n| n.name.trim() == self.nodes[row].name.trim())
            .count();
        let id = (nth + 1..)
            .map(|n| format!("{name}-{n}"))
            .find(|id| {
                !self
                    .nodes
                    .iter()
                    .any(|n| n.id.as_deref().map(str::trim) == Some(id))
            })
            .expect("an id no row has");
        self.nodes[row].id = Some(id.as_str().into());
        self.find_duplicate_ids();
        id
    }

    /// Binds the rewrites of rows to the rows' ids (`report_keys`), so that they stay with the
    /// rows they were written about whatever is done to the names or the order: a rewrite kept
    /// under a name only one row has is that row's; one under a key an earlier version gave
    /// (`…#2`, numbered among one section's paragraphs) is the row whose paragraph the report
    /// finds under that key still (`narrative::legacy_keys`); and while the sheet keeps any
    /// rewrite, every row that shares its name has an id, so that the report shows none of
    /// them under a key a file's rewrite may have. Done when a sheet is loaded, before a
    /// rewrite is kept, and when a rename is done; the report, which reads a copy of the
    /// sheet, binds them alike, so that its keys are the ones this calculator will take. A
    /// rewrite kept under a name no row has stays where it is (its row may come back); so does
    /// one whose row has a rewrite of that paragraph under its id already.
    pub(super) fn bind_report_keys(&mut self) {
        if self.report_edits.is_empty() {
            return;
        }
        let mut legacy = false;
        for k in 0..self.report_edits.len() {
            match self.owner_of_report_key(&self.report_edits[k].key) {
                KeyOwner::Row(prefix, row) => self.bind_report_edit(k, prefix, row),
                KeyOwner::Legacy => legacy = true,
                KeyOwner::Unknown => {}
            }
        }
        if legacy {
            self.bind_legacy_keys();
        }
        for row in 0..self.nodes.len() {
            let name = self.nodes[row].name.trim();
            if !name.is_empty() && !self.has_id(row) && self.named(name).len() > 1 {
                self.row_id(row);
            }
        }
    }

    /// Whose the rewrite kept under `key` is, as far as the calculator can tell by names.
    fn owner_of_report_key(&self, key: &str) -> KeyOwner {
        let Some((prefix, rest)) = report_keys::ROW
            .iter()
            .find_map(|p| Some((*p, key.strip_prefix(p)?)))
        else {
            return KeyOwner::Unknown;
        };
        if rest.starts_with('@') {
            return KeyOwner::Unknown;
        }
        match self.named(rest)[..] {
            [row] => KeyOwner::Row(prefix, row),
            [] if report_keys::split_nth(rest).1 > 1 => KeyOwner::Legacy,
            [] => KeyOwner::Unknown,
            _ => KeyOwner::Legacy,
        }
    }

    /// Whether a rewrite is kept under a key an earlier version gave that only the report
    /// writer can bind to its row (`bind_legacy_keys`). The page's first load, which holds no
    /// report writer, then has the spreadsheet module bind them before any edit can move a row
    /// and so change which row such a key names.
    pub fn has_legacy_report_keys(&self) -> bool {
        self.report_edits
            .iter()
            .any(|e| matches!(self.owner_of_report_key(&e.key), KeyOwner::Legacy))
    }

    /// The rewrites kept under keys an earlier version gave, each bound to the row whose
    /// paragraph the report finds under that key still: only the report writer knows which
    /// (`narrative::legacy_keys`).
    #[cfg(not(all(target_arch = "wasm32", not(feature = "xlsx"))))]
    fn bind_legacy_keys(&mut self) {
        for (key, prefix, row) in crate::narrative::legacy_keys(self) {
            if let Some(k) = self.report_edits.iter().position(|e| e.key == key) {
                self.bind_report_edit(k, prefix, row);
            }
        }
    }

    /// The calculator's own wasm module, the page's first load, writes no report: the report
    /// writer bound in for a file of before row ids was a tenth of the module. The spreadsheet
    /// module, which writes the report, binds them (`bindReportKeys`) as the page opens such a
    /// sheet (`has_legacy_report_keys`), before the table takes an edit, and the page keeps
    /// the sheet so bound.
    #[cfg(all(target_arch = "wasm32", not(feature = "xlsx")))]
    fn bind_legacy_keys(&mut self) {}

    /// Moves the rewrite `k` to the key of the paragraph `prefix` of the row `row` by its id,
    /// unless a rewrite is kept there already (that one is the row's: the report takes it
    /// first, and shows this one set aside).
    fn bind_report_edit(&mut self, k: usize, prefix: &str, row: usize) {
        let to = report_keys::id_key(prefix, &self.row_id(row));
        if !self.report_edits.iter().any(|e| e.key == to) {
            self.report_edits[k].key = to;
        }
    }

    /// Before `node` is inserted: an id it has that a row has already, and that a rewrite is
    /// kept under, is not the inserted row's (a copy of that row, pasted above it, would take
    /// the rewrite written about the row it was copied from).
    pub(super) fn report_before_insert(&self, node: &mut Node) {
        let id = node.id.as_deref().map(str::trim).unwrap_or_default();
        if !id.is_empty()
            && self
                .nodes
                .iter()
                .any(|n| n.id.as_deref().map(str::trim) == Some(id))
            && self.report_edits.iter().any(|e| {
                report_keys::ROW
                    .iter()
                    .any(|p| e.key == report_keys::id_key(p, id))
            })
        {
            node.id = None;
        }
        for child in &mut node.children {
            self.report_before_insert(child);
        }
    }

    /// The report's edits as a file gives them, each key once: a later edit of a key already
    /// used (a file edited by hand) is kept under a key of its own, never merged or dropped.
    pub(super) fn unique_edits(mut edits: Vec<ReportEdit>) -> Vec<ReportEdit> {
        // A few dozen edited paragraphs: a list, not a hash set (whose code every first load
        // would carry).
        for k in 1..edits.len() {
            let base = edits[k].key.clone();
            let mut n = 1;
            while edits[..k].iter().any(|e| e.key == edits[k].key) {
                n += 1;
                edits[k].key = format!("{base}（重复{n}）");
            }
        }
        edits
    }

    pub fn set_kind(&mut self, kind: SheetKind) {
        self.kind = kind;
    }

    /// The settings as written.
    pub fn settings_source(&self) -> &Settings {
        &self.settings_source
    }

    /// Replaces the settings and evaluates everything afresh.
    pub fn set_settings(&mut self, settings: Settings) {
        let (resolved, diagnostics) = Resolved::read(&settings);
        self.settings = resolved;
        self.setting_diagnostics = diagnostics;
        self.settings_source = settings;
        self.evaluate_all();
        self.refresh_tables();
    }

    fn refresh_tables(&mut self) {
        self.funds = funds::evaluate(&self.funds_rows, &self.settings);
        self.summary = summary::evaluate(&self.projects, &self.settings);
    }

    /// Changes a field of a 资金 row. The first row's figures also re-score a 预算执行率 that
    /// takes them from there, and every 资金 row's figures (and the first row's name, which its
    /// message names) are compared with a 预算执行率 that has its own: the rows whose results
    /// changed are returned.
    pub fn set_fund(
        &mut self,
        row: usize,
        field: FundField,
        value: &str,
    ) -> Result<Changed, EditError> {
        let r = self
            .funds_rows
            .get_mut(row)
            .ok_or(EditError::NoSuchRow(row))?;
        let slot = match field {
            FundField::Name => &mut r.name,
            FundField::Initial => &mut r.initial,
            FundField::Budget => &mut r.budget,
            FundField::Spent => &mut r.spent,
            FundField::Note => &mut r.note,
            FundField::DeclaredRate | FundField::DeclaredScore => {
                let slot = if field == FundField::DeclaredRate {
                    &mut r.declared.rate
                } else {
                    &mut r.declared.score
                };
                *slot = value.into();
                return Ok(Changed::Rows(Vec::new()));
            }
            FundField::Part => {
                r.part = match value.trim() {
                    "true" | "是" | "1" => true,
                    "false" | "否" | "0" | "" => false,
                    other => return Err(EditError::BadFlag(other.to_string())),
                };
                self.funds = funds::evaluate(&self.funds_rows, &self.settings);
                return Ok(Changed::Rows(Vec::new()));
            }
        };
        *slot = value.to_string();
        self.funds = funds::evaluate(&self.funds_rows, &self.settings);
        let figures = matches!(field, FundField::Budget | FundField::Spent);
        Ok(Changed::Rows(
            if figures || (row == 0 && field == FundField::Name) {
                self.refresh_budget_leaves(row == 0 && figures)
            } else {
                Vec::new()
            },
        ))
    }

    /// Adds a 资金情况 row at `index` (clamped to the end); returns its index.
    pub fn insert_fund(&mut self, index: usize, row: FundsRow) -> usize {
        let index = index.min(self.funds_rows.len());
        self.funds_rows.insert(index, row);
        self.funds = funds::evaluate(&self.funds_rows, &self.settings);
        self.refresh_budget_leaves(index == 0);
        index
    }

    pub fn remove_fund(&mut self, row: usize) -> Result<FundsRow, EditError> {
        if row >= self.funds_rows.len() {
            return Err(EditError::NoSuchRow(row));
        }
        let removed = self.funds_rows.remove(row);
        self.funds = funds::evaluate(&self.funds_rows, &self.settings);
        self.refresh_budget_leaves(row == 0);
        Ok(removed)
    }

    /// The first 预算执行率 row: its 执行率 is the sheet's, its score a 资金 block's 得分.
    pub fn budget_leaf(&self) -> Option<super::NodeId> {
        (0..self.nodes.len()).find(|&i| {
            self.is_leaf(i)
                && matches!(
                    self.nodes[i].rule,
                    Some(crate::model::Rule::BudgetExecution(_))
                )
        })
    }

    /// The 预算执行率 row scored from the first 资金 row, if there is one: its 分值 and 得分
    /// are that row's on the 10号 form.
    pub fn funded_leaf(&self) -> Option<super::NodeId> {
        (0..self.nodes.len()).find(|&i| self.is_leaf(i) && self.nodes[i].scored_from_funds())
    }

    /// Re-scores the 预算执行率 rows that depend on the 资金 rows: those with figures of their
    /// own, compared with the block (`funds::disagreements`), and with `funded` those that take
    /// their figures from its first row. Returns the rows whose results changed.
    fn refresh_budget_leaves(&mut self, funded: bool) -> Vec<super::NodeId> {
        let leaves: Vec<usize> = (0..self.nodes.len())
            .filter(|&i| {
                self.is_leaf(i)
                    && matches!(
                        &self.nodes[i].rule,
                        Some(crate::model::Rule::BudgetExecution(b)) if funded || !b.from_funds
                    )
            })
            .collect();
        let mut changed: Vec<usize> = leaves.into_iter().flat_map(|i| self.refresh(i)).collect();
        changed.sort_unstable();
        changed.dedup();
        changed
    }

    pub fn set_project(
        &mut self,
        row: usize,
        field: ProjectField,
        value: &str,
    ) -> Result<(), EditError> {
        let r = self
            .projects
            .get_mut(row)
            .ok_or(EditError::NoSuchRow(row))?;
        let slot = match field {
            ProjectField::Seq => &mut r.seq,
            ProjectField::Unit => &mut r.unit,
            ProjectField::Project => &mut r.project,
            ProjectField::Goal => &mut r.goal,
            ProjectField::Budget => &mut r.budget,
            ProjectField::Spent => &mut r.spent,
            ProjectField::Score => &mut r.score,
            ProjectField::Grade => &mut r.grade,
            ProjectField::Problems => &mut r.problems,
            ProjectField::Suggestions => &mut r.suggestions,
            ProjectField::DeclaredRate => &mut r.declared.rate,
        };
        *slot = value.to_string();
        self.summary
            .replace(row, &self.projects[row], &self.settings);
        if matches!(
            field,
            ProjectField::Seq | ProjectField::Unit | ProjectField::Project
        ) {
            self.summary.same_project = summary::same_projects(&self.projects);
        }
        Ok(())
    }

    /// Adds a 汇总表 row at `index` (clamped to the end); returns its index.
    pub fn insert_project(&mut self, index: usize, row: ProjectRow) -> usize {
        let index = index.min(self.projects.len());
        self.projects.insert(index, row);
        self.summary = summary::evaluate(&self.projects, &self.settings);
        index
    }

    pub fn remove_project(&mut self, row: usize) -> Result<ProjectRow, EditError> {
        if row >= self.projects.len() {
            return Err(EditError::NoSuchRow(row));
        }
        let removed = self.projects.remove(row);
        self.summary = summary::evaluate(&self.projects, &self.settings);
        Ok(removed)
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::{Calculator, FundField, ProjectField};
    use crate::model::{FundsRow, ProjectRow, Settings, Sheet, SheetKind};

    #[test]
    fn funds_projects_and_settings_are_re_evaluated() {
        let mut c = Calculator::new(Sheet::new(SheetKind::Summary));
        let row = c.insert_fund(5, FundsRow::default());
        assert_eq!(row, 0);
        c.set_fund(0, FundField::Budget, "7,704.69").unwrap();
        c.set_fund(0, FundField::Spent, "7,663.69").unwrap();
        assert_eq!(c.report().funds[0].rate.as_deref(), Some("99.47%"));
        c.insert_project(0, ProjectRow::default());
        c.set_project(0, ProjectField::Score, "89.99").unwrap();
        assert_eq!(
            c.report().summary.unwrap().rows[0].grade.as_deref(),
            Some("良")
        );
        let mut settings = Settings::default();
        settings.grade_bands[1].min = "85".into();
        c.set_settings(settings);
        assert_eq!(
            c.report().summary.unwrap().rows[0].grade.as_deref(),
            Some("良")
        );
        c.set_project(0, ProjectField::Score, "84").unwrap();
        assert_eq!(
            c.report().summary.unwrap().rows[0].grade.as_deref(),
            Some("中")
        );
        assert!(c.set_fund(3, FundField::Name, "x").is_err());
        c.remove_project(0).unwrap();
        assert!(c.report().summary.is_none());
    }

    /// A project counted twice (a unit's returned form opened beside the copy already in the
    /// workbook) doubled the 合计 with "没有发现问题". The later row says so, found again as
    /// names are typed, and the update says when other rows' findings changed.
    #[test]
    fn a_project_named_twice_is_found_as_names_are_typed() {
        let row = |unit: &str, project: &str| ProjectRow {
            unit: unit.into(),
            project: project.into(),
            budget: "100".into(),
            spent: "90".into(),
            ..ProjectRow::default()
        };
        let mut sheet = Sheet::new(SheetKind::Summary);
        sheet.projects = vec![
            row("石井街道", "老旧小区微改造"),
            row("石井街道", "道路保洁"),
            row(" 石井街道", "老旧小区微改造 "),
        ];
        let mut c = Calculator::new(sheet);
        let same = |c: &Calculator| -> Vec<(usize, String)> {
            c.diagnostics()
                .iter()
                .filter(|d| d.problem.code() == "same_project")
                .map(|d| match d.at {
                    crate::diagnostic::Location::Project { row, .. } => (row, d.message()),
                    _ => panic!("at a row"),
                })
                .collect()
        };
        assert_eq!(
            same(&c),
            [(2, "与第1行的单位名称、项目名称相同：同一项目计入两次，合计和等级分布会重复计算；如是同一项目，请只保留一行（来自工作簿表格的行，请删去或改正那张表格）".to_string())]
        );
        // Renamed, the row is no longer the same project, and every row's findings change.
        let update = c
            .edit_project(2, ProjectField::Project, "老旧小区微改造二期")
            .unwrap();
        assert!(update.full);
        assert!(same(&c).is_empty());
        let update = c
            .edit_project(1, ProjectField::Project, "老旧小区微改造")
            .unwrap();
        assert!(update.full);
        assert_eq!(same(&c)[0].0, 1);
        // An amount typed changes no names; the row's finding comes with its update, and the
        // findings stay listed by row (the page replaces one row's in place).
        let update = c.edit_project(1, ProjectField::Spent, "80").unwrap();
        assert!(!update.full);
        assert!(update.diagnostics.iter().any(|d| d.code == "same_project"));
        let rows: Vec<usize> = c
            .diagnostics()
            .iter()
            .filter_map(|d| match d.at {
                crate::diagnostic::Location::Project { row, .. } => Some(row),
                _ => None,
            })
            .collect();
        assert!(rows.windows(2).all(|w| w[0] <= w[1]), "{rows:?}");
        // Another unit's project of the same name is another project.
        let update = c.edit_project(1, ProjectField::Unit, "金沙街道").unwrap();
        assert!(update.full);
        assert!(same(&c).is_empty());
    }

    /// Rows pasted from another 汇总表 bring its 序号 (1, 2 under this table's 1, 2, 3): kept as
    /// typed, each repeat said at its 序号, and gone once it is numbered anew.
    #[test]
    fn a_seq_given_twice_is_said_at_the_later_row() {
        let row = |seq: &str, project: &str| ProjectRow {
            seq: seq.into(),
            project: project.into(),
            ..ProjectRow::default()
        };
        let mut sheet = Sheet::new(SheetKind::Summary);
        sheet.projects = vec![
            row("1", "道路保洁"),
            row("2", "老旧小区微改造"),
            row("3", "社区环境整治"),
            row(" 1", "河涌清淤"),
            row("２", "绿化养护"),
            row("", "公厕改造"),
            row("", "路灯维护"),
            row("—", "桥梁检测"),
            row("—", "排水改造"),
            row("/", "垃圾分类"),
            row("/", "旧村改造"),
        ];
        let mut c = Calculator::new(sheet);
        let said = |c: &Calculator| -> Vec<(usize, String)> {
            c.diagnostics()
                .iter()
                .filter(|d| d.problem.code() == "same_seq")
                .map(|d| match d.at {
                    crate::diagnostic::Location::Project {
                        row,
                        field: crate::diagnostic::RowField::Seq,
                    } => (row, d.message()),
                    _ => panic!("at a row's 序号"),
                })
                .collect()
        };
        assert_eq!(
            said(&c),
            [
                (3, "序号“1”与第1行的相同，打印出的汇总表会有两个“1”：请改为本行在表中的序号（从别的汇总表粘贴来的行带着它在原表中的序号）".to_string()),
                (4, "序号“２”与第2行的相同，打印出的汇总表会有两个“２”：请改为本行在表中的序号（从别的汇总表粘贴来的行带着它在原表中的序号）".to_string()),
            ]
        );
        assert_eq!(c.projects()[3].seq, " 1", "kept as typed");
        // Numbered anew, the row's finding goes, and the update says other rows' changed.
        let update = c.edit_project(3, ProjectField::Seq, "4").unwrap();
        assert!(update.full);
        assert_eq!(said(&c).len(), 1);
        let update = c.edit_project(4, ProjectField::Seq, "5").unwrap();
        assert!(update.full);
        assert!(said(&c).is_empty());
    }
}
