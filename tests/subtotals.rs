//! A 小计 row of an imported 自评表: the subtotal of the group it is printed under, found by
//! the column its label sits in, by its 分值, or by the group its label names.

use jixiao::load::Document;
use jixiao::model::Sheet;
use jixiao::review::{check, Review};
use jixiao::xlsx;

/// A unit's 自评表 as a CSV (merged cells blank below their first row): 产出指标 over 数量指标
/// (40) and 质量指标 (10), then `subtotal` as the row after the last 质量 row. The unit's one
/// slip: 建设里程 declared 17.55 where 554.75 ÷ 634.00 × 20 = 17.50.
fn unit(subtotal: &str) -> String {
    format!(
        "2024年度项目支出绩效自评表\n\
         项目名称,社区服务提升,,实施单位,某街道办事处,,年度,2024\n\
         一级指标,二级指标,三级指标,分值,年度指标值,实际完成值,完成率,得分,偏差原因及改进措施\n\
         产出指标,数量指标,培训人次,20,100人次,87人次,87%,17.4,场地不足\n\
         ,,建设里程,20,634.00米,554.75米,87.50%,17.55,天气\n\
         ,质量指标,验收合格率,10,≥95%,96%,101.05%,10,\n\
         {subtotal}\n\
         效益指标,社会效益指标,受益人数,30,1000人,900人,90%,27,人口流出\n\
         满意度指标,服务对象满意度指标,服务对象满意度,20,≥90%,88%,97.78%,19.56,等候时间长\n\
         总分,,,100,,,,91.51,\n"
    )
}

fn import(csv: &str) -> Sheet {
    match xlsx::import_auto(csv.as_bytes(), "自评表.csv").unwrap() {
        Document::Sheet(s) => s,
        Document::Workbook(_) => panic!("a sheet"),
    }
}

/// The differences as `name:field=slip`, each consequence as `>name:field`; the sheet's errors
/// after a `|`.
fn summary(review: &Review) -> String {
    let field = |f| {
        serde_json::to_value(f)
            .unwrap()
            .as_str()
            .unwrap()
            .to_string()
    };
    let mut parts = Vec::new();
    for d in &review.differences {
        let mut s = format!(
            "{}:{}={}",
            d.name,
            field(d.field),
            d.convention.unwrap_or("slip")
        );
        for c in &d.consequences {
            s += &format!(">{}:{}", c.name, field(c.field));
        }
        parts.push(s);
    }
    for e in &review.sheet_errors {
        parts.push(format!("|{e}"));
    }
    parts.join(" ")
}

#[track_caller]
fn case(subtotal: &str, expected: &str) {
    let review = check(&import(&unit(subtotal)));
    assert_eq!(summary(&review), expected, "小计 row: {subtotal}");
}

/// What the unit's one slip comes to when its 产出 subtotal is read as 产出's.
const ONE_SLIP: &str = "建设里程:score=slip>产出指标:subtotal>总分:total";

#[test]
fn a_subtotal_is_the_group_its_label_sits_under() {
    // In the 一级 column, after the 二级 质量指标's rows: 产出指标's (50), not 质量指标's.
    case("小计,,,50,,,,44.95,", ONE_SLIP);
    case("小计,,,,,,,44.95,", ONE_SLIP);
    // In the 二级 column: 质量指标's.
    case(",小计,,10,,,,10,", "建设里程:score=slip>总分:total");
    // Unless the 分值 the row gives is another open group's and not the label's group's: a
    // 小计 typed in the first column after each 二级 group's rows (产出指标 got 质量's 10 as
    // its subtotal, a false 差错), or one in the 二级 column giving 产出's 50.
    case("小计,,,10,,,,10,", "建设里程:score=slip>总分:total");
    case(",小计,,50,,,,44.95,", ONE_SLIP);
    // In the leaves' column, or merged across every name column: the group whose 分值 it gives.
    case(",,小计,50,,,,44.95,", ONE_SLIP);
    case("小计,小计,小计,50,,,,44.95,", ONE_SLIP);
    case(",,小计,10,,,,10,", "建设里程:score=slip>总分:total");
    case(",小计,小计,10,,,,10,", "建设里程:score=slip>总分:total");
    // Nothing says which: the innermost, as before.
    case(
        ",,小计,,,,,44.95,",
        "建设里程:score=slip 质量指标:subtotal=slip 总分:total=slip",
    );
}

/// The unit's own file: merged cells filled in as Excel shows them, 10分 typed for a score.
#[test]
fn the_units_workbook_finds_its_one_slip() {
    use rust_xlsxwriter::{Format, Workbook};
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("自评表").unwrap();
    let rows: [[&str; 9]; 10] = [
        ["2024年度项目支出绩效自评表", "", "", "", "", "", "", "", ""],
        [
            "项目名称",
            "社区服务提升",
            "",
            "实施单位",
            "某街道办事处",
            "",
            "年度",
            "2024",
            "",
        ],
        [
            "一级指标",
            "二级指标",
            "三级指标",
            "分值",
            "年度指标值",
            "实际完成值",
            "完成率",
            "得分",
            "偏差原因及改进措施",
        ],
        [
            "产出指标",
            "数量指标",
            "培训人次",
            "20",
            "100人次",
            "87人次",
            "87%",
            "17.4",
            "场地不足",
        ],
        [
            "",
            "",
            "建设里程",
            "20",
            "634.00米",
            "554.75米",
            "87.5%",
            "17.55",
            "天气",
        ],
        [
            "",
            "质量指标",
            "验收合格率",
            "10",
            "≥95%",
            "96%",
            "101.05%",
            "10分",
            "",
        ],
        ["小计", "", "", "50", "", "", "", "44.95", ""],
        [
            "效益指标",
            "社会效益指标",
            "受益人数",
            "30",
            "1000人",
            "900人",
            "90.00%",
            "27.00",
            "人口流出",
        ],
        [
            "满意度指标",
            "服务对象满意度指标",
            "服务对象满意度",
            "20",
            "≥90%",
            "88%",
            "97.78%",
            "19.56",
            "等候时间长",
        ],
        ["总分", "", "", "100", "", "", "", "91.51", ""],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, text) in row.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            match text.parse::<f64>() {
                Ok(n) if r > 2 => ws.write_number(r, c, n).map(|_| ()),
                _ => ws.write_string(r, c, *text).map(|_| ()),
            }
            .unwrap();
        }
    }
    let plain = Format::new();
    ws.merge_range(3, 0, 5, 0, "产出指标", &plain).unwrap();
    ws.merge_range(3, 1, 4, 1, "数量指标", &plain).unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let Document::Sheet(sheet) = xlsx::import_auto(&bytes, "unit.xlsx").unwrap() else {
        panic!("a sheet");
    };
    let review = check(&sheet);
    assert_eq!(summary(&review), ONE_SLIP);
    assert_eq!(
        (
            review.figures,
            review.reproduced,
            review.unexplained,
            review.slips
        ),
        (12, 9, 3, 1)
    );
}

#[test]
fn a_subtotal_labelled_with_its_groups_name_is_that_groups() {
    case("产出指标小计,,,50,,,,44.95,", ONE_SLIP);
    case("产出小计,,,50,,,,44.95,", ONE_SLIP);
    case("产出指标 合计,,,50,,,,44.95,", ONE_SLIP);
    case(
        "产出指标小计,产出指标小计,产出指标小计,50,,,,44.95,",
        ONE_SLIP,
    );
    case(",,产出小计,50,,,,44.95,", ONE_SLIP);
    case(",质量小计,,10,,,,10,", "建设里程:score=slip>总分:total");
    // A group already closed: 数量指标's rows add up to 34.95, not the 44.95 printed.
    case(
        "数量指标小计,,,50,,,,44.95,",
        "数量指标:subtotal=slip 建设里程:score=slip 总分:total=slip",
    );
}

/// An indicator whose name ends in 合计, with its own target and actual, is scored, not taken
/// for its group's subtotal; and a pasted block's notice counts a named subtotal it leaves out.
#[test]
fn an_indicator_named_as_a_total_is_still_an_indicator() {
    let csv = "一级指标,三级指标,分值,年度指标值,实际完成值,得分\n\
               资金,资金到位率,50,100,100,50\n\
               ,资金合计,50,100,90,45\n\
               资金小计,,100,,,95\n";
    let sheet = import(csv);
    let leaves: Vec<&str> = sheet.indicators[0]
        .children
        .iter()
        .map(|n| n.name.as_str())
        .collect();
    assert_eq!(leaves, ["资金到位率", "资金合计"]);
    assert_eq!(sheet.indicators[0].declared.score, "95");
    let review = check(&sheet);
    assert_eq!(summary(&review), "");
    assert_eq!((review.figures, review.reproduced), (3, 3));

    let read = xlsx::read(unit("产出指标小计,,,50,,,,44.95,").as_bytes(), "表.csv").unwrap();
    let mapping = xlsx::detect(&read).tables[0].mapping.clone().unwrap();
    let totals = |read, mapping| xlsx::build_counting(read, mapping).unwrap().1;
    assert_eq!(totals(&read, &mapping), 2, "产出指标小计 and 总分");
    let read = xlsx::read(csv.as_bytes(), "表.csv").unwrap();
    let mapping = xlsx::detect(&read).tables[0].mapping.clone().unwrap();
    assert_eq!(totals(&read, &mapping), 1, "资金小计 alone");
}

/// The unit's 自评表 with a 序号 column first, which the import does not read, and `subtotal`
/// typed from it: a 小计 merged across 序号 and the name columns comes in its first cell alone.
fn numbered(subtotal: &str) -> String {
    let lines: Vec<String> = unit("@")
        .lines()
        .enumerate()
        .map(|(i, line)| match (i, line) {
            (0 | 1, _) => line.to_string(),
            (2, _) => format!("序号,{line}"),
            (_, "@") => subtotal.to_string(),
            _ => format!("{},{line}", i - 2),
        })
        .collect();
    lines.join("\n")
}

/// A 小计 in the 序号 column was left out of the tree without its figure being credited, and
/// without being counted among the rows a pasted block's notice says it skipped (the count
/// tested the name columns alone, and the tree the same columns by another test): it is the
/// subtotal its place gives, and counted, by the one test the tree is built with.
#[test]
fn a_subtotal_in_a_first_column_not_read_is_credited_and_counted() {
    for subtotal in ["小计,,,,50,,,,44.95,", "产出指标小计,,,,50,,,,44.95,"] {
        let csv = numbered(subtotal);
        assert_eq!(summary(&check(&import(&csv))), ONE_SLIP, "{subtotal}");
        let read = xlsx::read(csv.as_bytes(), "表.csv").unwrap();
        let mapping = xlsx::detect(&read).tables[0].mapping.clone().unwrap();
        let (_, totals) = xlsx::build_counting(&read, &mapping).unwrap();
        assert_eq!(totals, 2, "{subtotal} and 总分");
    }
}

/// A 小计 whose label names no group (本页小计, 小计（本页）, 以上小计) became a 一级 indicator
/// worth its 分值: 一级指标分值合计为150, a false 差错 at it and at the 总分. It is the subtotal of
/// the open group whose 分值 it gives; giving none (a page need not be a group), what it
/// declares is kept in the 备注 of the group it is under, said not checked, and a pasted
/// block carries it there.
#[test]
fn a_subtotal_naming_no_group_is_never_an_indicator() {
    case("本页小计,,,50,,,,44.95,", ONE_SLIP);
    case("小计（本页）,,,50,,,,44.95,", ONE_SLIP);
    case("以上小计,,,50,,,,44.95,", ONE_SLIP);
    case(",,本页小计,50,,,,44.95,", ONE_SLIP);
    case(",本页小计,,10,,,,10,", "建设里程:score=slip>总分:total");
    let unchecked = "建设里程:score=slip>总分:total";
    case("本页小计,,,,,,,44.95,", unchecked);
    case("本页小计,,,40,,,,34.95,", unchecked);
    let quality = |sheet: &Sheet| sheet.indicators[0].children[1].note.to_string();
    assert_eq!(
        quality(&import(&unit("本页小计,,,40,,,,34.95,"))),
        "本页小计（分值40，得分34.95）未写明是哪一组的小计，未核对"
    );
    let read = xlsx::read(unit("以上小计,,,,,,,44.95,").as_bytes(), "表.csv").unwrap();
    let mapping = xlsx::detect(&read).tables[0].mapping.clone().unwrap();
    let (block, totals) = xlsx::build_counting(&read, &mapping).unwrap();
    assert_eq!(totals, 2, "以上小计 and 总分");
    let mut sheet = jixiao::templates::find("project").unwrap().sheet();
    xlsx::paste(&mut sheet, None, xlsx::top_depth(&mapping), 0, block);
    let quality = sheet
        .indicators
        .iter()
        .flat_map(|n| &n.children)
        .find(|n| n.name == "质量指标")
        .unwrap();
    assert_eq!(
        quality.note,
        "以上小计（得分44.95）未写明是哪一组的小计，未核对"
    );
}
