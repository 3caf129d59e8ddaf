//! The 自评报告 (`crate::narrative`) as a Word document (.docx): the title, the five parts in
//! the government document style units hand in (黑体 headings, 仿宋 三号 body with a two-character
//! indent, fixed 28-point lines, A4), and the indicator table as its appendix. WordprocessingML
//! written directly: a handful of parts in a zip, the zip writer rust_xlsxwriter already uses.

use super::SpreadsheetError;
use crate::engine::report::NodeStatus;
use crate::engine::Calculator;
use crate::model::Sheet;
use crate::narrative::narrative;
use std::io::Write;

type Result<T> = std::result::Result<T, SpreadsheetError>;

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/></Types>"#;

const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

const DOCUMENT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdFooter" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/></Relationships>"#;

/// The page number at the foot of each page, as a 公文 numbers them: — 1 —.
const FOOTER: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:ftr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:rFonts w:ascii="宋体" w:hAnsi="宋体" w:eastAsia="宋体"/><w:sz w:val="28"/></w:rPr><w:t xml:space="preserve">— </w:t></w:r><w:r><w:rPr><w:rFonts w:ascii="宋体" w:hAnsi="宋体" w:eastAsia="宋体"/><w:sz w:val="28"/></w:rPr><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:rPr><w:sz w:val="28"/></w:rPr><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:rPr><w:sz w:val="28"/></w:rPr><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:rPr><w:sz w:val="28"/></w:rPr><w:t>1</w:t></w:r><w:r><w:rPr><w:sz w:val="28"/></w:rPr><w:fldChar w:fldCharType="end"/></w:r><w:r><w:rPr><w:rFonts w:ascii="宋体" w:hAnsi="宋体" w:eastAsia="宋体"/><w:sz w:val="28"/></w:rPr><w:t xml:space="preserve"> —</w:t></w:r></w:p></w:ftr>"#;

/// Text as XML character data.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // Characters XML 1.0 does not allow are left out, never written: Word refuses a
            // document with one.
            c if ((c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r'))
                || matches!(c, '\u{FFFE}' | '\u{FFFF}') => {}
            c => out.push(c),
        }
    }
    out
}

/// A run of text in a font (东亚 and Latin), size in half-points, bold or not. Its lines (a
/// 年度总体目标 typed as 1.… 2.… on lines of their own) are broken as typed, and its tabs are
/// Word's (`<w:tab/>`): a line break or a tab inside `<w:t>` is shown by Word as a space.
fn run(text: &str, font: &str, size: u32, bold: bool) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let lines: Vec<String> = text
        .split('\n')
        .map(|line| {
            line.split('\t')
                .map(|part| format!(r#"<w:t xml:space="preserve">{}</w:t>"#, escape(part)))
                .collect::<Vec<_>>()
                .join("<w:tab/>")
        })
        .collect();
    format!(
        r#"<w:r><w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:eastAsia="{font}"/>{}<w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr>{}</w:r>"#,
        if bold { "<w:b/>" } else { "" },
        lines.join("<w:br/>")
    )
}

/// The body text's line: 28 points exactly, as the document standard sets it. First in a
/// paragraph's properties, as the schema orders them (spacing, ind, jc).
const LINE: &str = r#"<w:spacing w:line="560" w:lineRule="exact"/>"#;

fn title(text: &str) -> String {
    format!(
        r#"<w:p><w:pPr>{LINE}<w:jc w:val="center"/></w:pPr>{}</w:p>"#,
        run(text, "方正小标宋简体", 44, false)
    )
}

fn heading(text: &str) -> String {
    format!(
        r#"<w:p><w:pPr>{LINE}<w:ind w:firstLineChars="200" w:firstLine="640"/></w:pPr>{}</w:p>"#,
        run(text, "黑体", 32, false)
    )
}

/// A line at the right, as a report closes with its unit and date.
fn signed(text: &str) -> String {
    format!(
        r#"<w:p><w:pPr>{LINE}<w:jc w:val="right"/></w:pPr>{}</w:p>"#,
        run(text, "仿宋_GB2312", 32, false)
    )
}

fn body(text: &str) -> String {
    format!(
        r#"<w:p><w:pPr>{LINE}<w:ind w:firstLineChars="200" w:firstLine="640"/><w:jc w:val="both"/></w:pPr>{}</w:p>"#,
        run(text, "仿宋_GB2312", 32, false)
    )
}

/// A body paragraph that asks for what the table does not give yet, highlighted as Word marks
/// text to fill in: seen at once on screen and on paper, not handed in as the report's words.
fn to_write(text: &str) -> String {
    body(text).replacen("</w:rPr>", r#"<w:highlight w:val="yellow"/></w:rPr>"#, 1)
}

/// A table cell: its width in twentieths of a point, its text, left or right aligned.
fn cell(width: u32, text: &str, right: bool, bold: bool) -> String {
    format!(
        r#"<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr><w:p><w:pPr><w:jc w:val="{}"/></w:pPr>{}</w:p></w:tc>"#,
        if right { "right" } else { "left" },
        run(text, "仿宋_GB2312", 21, bold)
    )
}

/// The appendix's columns: header, width in twentieths of a point (together the A4 page's
/// 8,844 between its margins), figures right-aligned.
const TABLE_COLUMNS: [(&str, u32, bool); 7] = [
    ("指标名称", 2100, false),
    ("分值", 650, true),
    ("年度指标值", 1250, false),
    ("实际完成值", 1250, false),
    ("完成率", 1150, true),
    ("得分", 950, true),
    ("偏差原因及改进措施", 1494, false),
];

/// The 资金 table's columns, as the form's (`write::funds_head`), its label first: with the
/// 分值 and 得分 of the 10号 form's 项目资金, or without them, the others sharing their width.
/// Each the same page width as the indicators'.
const FUNDS_COLUMNS: [(&str, u32, bool); 7] = [
    ("", 2100, false),
    ("年初预算数", 1200, true),
    ("全年预算数", 1200, true),
    ("全年执行数", 1200, true),
    ("分值", 900, true),
    ("执行率", 1150, true),
    ("得分", 1094, true),
];
const FUNDS_COLUMNS_UNSCORED: [(&str, u32, bool); 5] = [
    ("", 2844, false),
    ("年初预算数", 1500, true),
    ("全年预算数", 1500, true),
    ("全年执行数", 1500, true),
    ("执行率", 1500, true),
];

/// A table's opening: its width, borders and columns, and its header row, which repeats on
/// each page.
fn table_head(columns: &[(&str, u32, bool)]) -> String {
    let borders = ["top", "left", "bottom", "right", "insideH", "insideV"]
        .map(|side| format!(r#"<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>"#))
        .join("");
    let mut xml = format!(
        r#"<w:tbl><w:tblPr><w:tblW w:w="{}" w:type="dxa"/><w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>{}</w:tblGrid>"#,
        columns.iter().map(|c| c.1).sum::<u32>(),
        columns
            .iter()
            .map(|(_, w, _)| format!(r#"<w:gridCol w:w="{w}"/>"#))
            .collect::<String>()
    );
    xml.push_str(r#"<w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>"#);
    for (label, width, _) in columns {
        xml.push_str(&cell(*width, label, false, true));
    }
    xml.push_str("</w:tr>");
    xml
}

/// The 资金 block, above the indicators as on the 10号 form: each row's amounts, its 执行率,
/// and on the row a 预算执行率 is scored from its 分值 and 得分, in columns the form of the
/// sheet's kind has, or any sheet where a row is scored so. None without rows.
fn funds_table(calc: &Calculator, report: &crate::engine::report::Report) -> String {
    if report.funds.is_empty() {
        return String::new();
    }
    let head = super::write::funds_head(calc.kind());
    let scored = head.scored_columns
        || report
            .funds
            .iter()
            .any(|f| f.weight.is_some() || f.score.is_some());
    let mut columns = if scored {
        FUNDS_COLUMNS.to_vec()
    } else {
        FUNDS_COLUMNS_UNSCORED.to_vec()
    };
    columns[0].0 = head.label;
    let mut xml = table_head(&columns);
    for f in &report.funds {
        let name = if f.part {
            format!("\u{3000}其中：{}", f.name.trim())
        } else {
            f.name.trim().to_string()
        };
        let mut texts = vec![
            Some(name),
            f.initial.clone(),
            f.budget.clone(),
            f.spent.clone(),
        ];
        if scored {
            texts.extend([f.weight.clone(), f.rate.clone(), f.score.clone()]);
        } else {
            texts.push(f.rate.clone());
        }
        xml.push_str("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
        for ((_, width, right), text) in columns.iter().zip(&texts) {
            xml.push_str(&cell(*width, text.as_deref().unwrap_or(""), *right, false));
        }
        xml.push_str("</w:tr>");
    }
    xml.push_str("</w:tbl>");
    // A line between the two tables, so that Word does not join them.
    xml.push_str(&body(""));
    xml
}

/// The report's appendix, the table it was written from: its 资金 block, then every
/// indicator row, indented by level, and the total; the grade as a 重点评价 (`evaluation`)
/// or a 自评 names it.
fn appendix(calc: &Calculator, evaluation: bool) -> String {
    let report = calc.report();
    let mut xml = funds_table(calc, &report);
    xml.push_str(&table_head(&TABLE_COLUMNS));
    for n in &report.nodes {
        let node = calc.node(n.index).expect("a row of the sheet");
        let indent = "\u{3000}".repeat(n.depth);
        // A 定性 row's words with its level, as the form writes them (2023-11-30前出台（达成）).
        let actual = super::write::actual_cell(node).into_owned();
        let score = match n.status {
            NodeStatus::NotApplicable => "不适用".to_string(),
            // A subtotal over nothing scored yet is blank, as the print leaves it.
            _ if crate::narrative::nothing_scored(calc, n.index) => String::new(),
            // One over some still unscored is provisional, as the print marks it.
            _ if crate::narrative::partly_scored(calc, n.index) => n
                .score
                .as_ref()
                .map_or_else(|| "—".to_string(), |s| format!("{s}（待定）")),
            _ => n.score.clone().unwrap_or_else(|| "—".to_string()),
        };
        // A figure with its unit, and a target with how it is compared (≥90%, ≤3天), as the
        // table shows them: the appendix has no columns of its own for either.
        let with_unit = |value: &str| {
            let value = value.trim();
            if crate::narrative::needs_unit(value, &node.unit) {
                format!("{value}{}", crate::cell::row_unit(&node.unit))
            } else {
                value.to_string()
            }
        };
        let symbol = node.comparison.map_or("", |c| match c {
            crate::comparison::Comparison::Qualitative => "",
            other => other.symbol(),
        });
        let target = with_unit(&node.target);
        let target = if target.is_empty() || says_comparison(&target) {
            target
        } else {
            format!("{symbol}{target}")
        };
        let texts = [
            format!("{indent}{}", n.name),
            n.weight.clone().unwrap_or_default(),
            if n.leaf { target } else { String::new() },
            if n.leaf {
                if node.level.is_some() && node.actual.trim().is_empty() {
                    actual
                } else {
                    with_unit(&actual)
                }
            } else {
                String::new()
            },
            n.rate.clone().unwrap_or_default(),
            score,
            if n.leaf {
                node.reason.to_string()
            } else {
                String::new()
            },
        ];
        xml.push_str("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
        for ((_, width, right), text) in TABLE_COLUMNS.iter().zip(&texts) {
            xml.push_str(&cell(*width, text, *right, !n.leaf));
        }
        xml.push_str("</w:tr>");
    }
    // A total before every indicator is scored, or over errors, is said to be provisional, and
    // why, as the report says it; never a grade.
    let totals = &report.totals;
    let scored = totals.scored > 0;
    let pending = totals.pending().filter(|_| scored);
    let total = match (totals.total.as_ref().filter(|_| scored), &pending) {
        (Some(total), Some(_)) => format!("{total}（待定）"),
        (Some(total), None) => total.clone(),
        (None, _) => "—".into(),
    };
    let grade = match &pending {
        Some(why) => format!("待定（{why}）"),
        None => totals.final_grade().unwrap_or("—").to_string(),
    };
    xml.push_str("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
    xml.push_str(&cell(TABLE_COLUMNS[0].1, "总分", false, true));
    for (k, (_, width, right)) in TABLE_COLUMNS.iter().enumerate().skip(1) {
        let text = if k == 5 { total.as_str() } else { "" };
        xml.push_str(&cell(*width, text, *right, true));
    }
    xml.push_str("</w:tr></w:tbl>");
    // With 不适用 rows the scores above add up to less than the 总分: the rescaling says how.
    if let Some(rescale) = &totals.rescale {
        xml.push_str(&body(&rescale.text));
    }
    let label = if evaluation {
        "评价等级"
    } else {
        "自评等级"
    };
    xml.push_str(&body(&format!("{label}：{grade}")));
    xml
}

/// The 自评报告 of a sheet as a .docx file.
pub fn report_to_docx(sheet: &Sheet) -> Result<Vec<u8>> {
    let text = narrative(sheet);
    let calc = Calculator::new(sheet.clone());
    let mut document = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>"#,
    );
    document.push_str(&title(&text.title));
    for section in &text.sections {
        document.push_str(&heading(&section.heading));
        // A paragraph the user emptied is left out, and so is one set aside: its row gone or
        // no longer in this section, it would read as a sentence without its subject.
        for (p, text) in section
            .paragraphs
            .iter()
            .map(|p| (p, p.document_text()))
            .filter(|(p, text)| !text.is_empty() && p.set_aside.is_none())
        {
            document.push_str(&if p.to_write {
                to_write(&text)
            } else {
                body(&text)
            });
        }
    }
    for line in &text.signed {
        document.push_str(&signed(line));
    }
    let meta = calc.meta();
    // The table by its own name where it has one (项目支出绩效评价表), else by its kind.
    let title = meta.title.trim();
    let form = if title.ends_with('表') {
        title.to_string()
    } else if text.evaluation {
        "项目支出绩效评价表".to_string()
    } else {
        calc.report().kind_label.to_string()
    };
    document.push_str(&heading(&format!("附件：{form}")));
    document.push_str(&appendix(&calc, text.evaluation));
    // A4 portrait, the document standard's margins (37 / 35 / 28 / 26 mm).
    document.push_str(r#"<w:sectPr><w:footerReference w:type="default" r:id="rIdFooter"/><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr></w:body></w:document>"#);

    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    let write = |e: std::io::Error| SpreadsheetError::Write(e.to_string());
    for (name, part) in [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", RELS),
        ("word/document.xml", document.as_str()),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS),
        ("word/footer1.xml", FOOTER),
    ] {
        zip.start_file(name, options)
            .map_err(|e| SpreadsheetError::Write(e.to_string()))?;
        zip.write_all(part.as_bytes()).map_err(write)?;
    }
    let cursor = zip
        .finish()
        .map_err(|e| SpreadsheetError::Write(e.to_string()))?;
    Ok(cursor.into_inner())
}

/// Whether a target says how it is compared (≥90%, 3天内, 不超过3天), so that no sign is put
/// before it.
fn says_comparison(text: &str) -> bool {
    match crate::cell::parse_cell(text.trim()) {
        Ok(crate::cell::Cell::Number(q)) => q.comparison.is_some(),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    /// Each table is as wide as the page between its margins.
    #[test]
    fn tables_fill_the_page_width() {
        let width = |columns: &[(&str, u32, bool)]| columns.iter().map(|c| c.1).sum::<u32>();
        assert_eq!(width(&super::TABLE_COLUMNS), 8844);
        assert_eq!(width(&super::FUNDS_COLUMNS), 8844);
        assert_eq!(width(&super::FUNDS_COLUMNS_UNSCORED), 8844);
    }

    #[test]
    fn text_xml_does_not_allow_is_left_out() {
        assert_eq!(
            super::escape("老旧\u{FFFF}小区\u{1}<改造>&\u{FFFE}\t"),
            "老旧小区&lt;改造&gt;&amp;\t"
        );
    }
}
