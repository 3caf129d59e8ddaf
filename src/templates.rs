//! The blank tables users start from, kept as sheet files in `templates/` and compiled in.

use crate::load::load;
use crate::model::Sheet;

/// A blank table to start from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Template {
    /// Stable name used by the CLI and the page.
    pub id: &'static str,
    /// The name users see.
    pub name: &'static str,
    pub description: &'static str,
    json: &'static str,
}

impl Template {
    /// The template as a sheet. The files are checked by the tests, so this cannot fail.
    pub fn sheet(&self) -> Sheet {
        load(self.json).expect("templates are valid sheets (checked by tests)")
    }

    /// The template file as shipped.
    pub fn json(&self) -> &'static str {
        self.json
    }
}

/// Every template, in the order they are offered.
pub const TEMPLATES: &[Template] = &[
    Template {
        id: "project",
        name: "项目支出绩效自评表",
        description:
            "预算执行率10分 + 产出指标50分 + 效益指标30分 + 满意度指标10分（全国通用权重）",
        json: include_str!("../templates/project.json"),
    },
        Template {
        id: "key-evaluation",
        name: "项目支出绩效评价表（重点评价）",
        description:
            "财预〔2020〕10号共性框架：决策20分 + 过程20分 + 产出30分 + 效益30分，分值可调，产出与效益合计不低于60%",
        json: include_str!("../templates/key_evaluation.json"),
    },
    Template {
        id: "department-efficiency",
        name: "部门整体支出绩效自评表（履职效能＋管理效率）",
        description: "履职效能50分 + 管理效率50分，结构同增城区荔湖街道2023年自评表",
        json: include_str!("../templates/department_efficiency.json"),
    },
    Template {
        id: "department-management",
        name: "部门整体支出绩效自评表（管理效能＋履职效能，含加减分）",
        description:
            "管理效能45分 + 履职效能55分（含加减分±5分），计分规则同白云区石井街道2021年自评报告",
        json: include_str!("../templates/department_management.json"),
    },
    Template {
        id: "summary",
        name: "绩效评价汇总表",
        description: "多个项目一表汇总：预算数、完成数、完成率、分数、等级，合计行按合计数计算",
        json: include_str!("../templates/summary.json"),
    },
];

/// The template with this id.
pub fn find(id: &str) -> Option<&'static Template> {
    TEMPLATES.iter().find(|t| t.id == id)
}

/// What is said of an id that names no template: the ids there are.
pub fn unknown(id: &str) -> String {
    let ids: Vec<&str> = TEMPLATES.iter().map(|t| t.id).collect();
    format!("没有模板“{id}”；可用模板：{}", ids.join("、"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Calculator;

    #[test]
    fn every_template_loads_rolls_up_and_round_trips() {
        for t in TEMPLATES {
            let sheet = t.sheet();
            assert_eq!(sheet.to_json(), t.json, "{}: canonical file", t.id);
            let calc = Calculator::new(sheet);
            let codes: Vec<&str> = calc
                .diagnostics()
                .iter()
                .map(|d| d.problem.code())
                .collect();
            for bad in [
                "weight_mismatch",
                "total_weight_mismatch",
                "unreadable",
                "duplicate_id",
                "bad_setting",
            ] {
                assert!(!codes.contains(&bad), "{}: {bad} in {codes:?}", t.id);
            }
        }
        assert_eq!(find("project").unwrap().name, "项目支出绩效自评表");
        assert!(find("key-evaluation").is_some());
        assert!(find("nope").is_none());
    }

    /// 财预〔2020〕10号: 产出 and 效益 carry at least 60% of a 重点评价 table; weights are the
    /// user's to change, and the check follows them.
    #[test]
    fn key_evaluation_checks_the_output_and_benefit_share() {
        use crate::diagnostic::Field;
        let share = |calc: &Calculator| {
            calc.diagnostics()
                .into_iter()
                .find(|d| d.problem.code() == "output_benefit_share")
                .map(|d| d.message())
        };
        let mut calc = Calculator::new(find("key-evaluation").unwrap().sheet());
        let top: Vec<_> = calc.top_level().collect();
        let names: Vec<&str> = top
            .iter()
            .map(|&i| calc.node(i).unwrap().name.as_str())
            .collect();
        assert_eq!(names, ["决策", "过程", "产出", "效益"]);
        assert_eq!(share(&calc), None, "30 + 30 of 100");
        // 决策 30, 过程 20, 产出 30, 效益 20: 50 of 100.
        calc.set(top[0], Field::Weight, "30").unwrap();
        calc.set(top[3], Field::Weight, "20").unwrap();
        assert_eq!(
            share(&calc).as_deref(),
            Some("产出、效益指标分值合计50分，占一级指标分值合计100分的50.00%，低于财预〔2020〕10号“原则上不低于60%”的要求：请调整各一级指标分值")
        );
        // Exactly 60% is enough.
        calc.set(top[0], Field::Weight, "20").unwrap();
        calc.set(top[1], Field::Weight, "20").unwrap();
        calc.set(top[3], Field::Weight, "30").unwrap();
        assert_eq!(share(&calc), None);
        // A 项目支出 self-evaluation (no 决策 / 过程) is not this framework.
        let project = Calculator::new(find("project").unwrap().sheet());
        assert_eq!(share(&project), None);
    }

    /// Seed 001's 收支 is its 基本支出 and 项目支出 together (3,929.15 + 28,412.66 = 32,341.81):
    /// the template marks them 其中, so that parts that do not add up to the total are said.
    #[test]
    fn department_efficiency_funds_parts_add_up_to_the_total() {
        let mismatches = |budgets: [&str; 3]| {
            let mut sheet = find("department-efficiency").unwrap().sheet();
            for (row, budget) in sheet.funds.iter_mut().zip(budgets) {
                row.budget = budget.into();
            }
            Calculator::new(sheet)
                .diagnostics()
                .iter()
                .filter(|d| d.problem.code() == "funds_parts_mismatch")
                .count()
        };
        assert_eq!(mismatches(["32,341.81", "3,929.15", "28,412.66"]), 0);
        assert_eq!(mismatches(["32,341.81", "3,929.15", "28,421.66"]), 1);
    }
}
