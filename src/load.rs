//! Loading a sheet file: check what it is and which version, migrate older versions, and turn
//! every problem into a Chinese message that says where in the file it is.

use crate::json_text::JsonText;
use crate::model::{FundsRow, Rule, Sheet, SheetKind, FORMAT, FORMAT_VERSION};
use crate::rules::BudgetExecution;
use crate::workbook::{Workbook, WORKBOOK_FORMAT, WORKBOOK_VERSION};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use std::borrow::Cow;
use thiserror::Error;

/// Largest sheet file read. A 10,000-indicator sheet is about 3 MB.
pub const MAX_FILE_BYTES: usize = 32 * 1024 * 1024;

/// What is said of a file with nothing in it, of whatever kind it was to be (a sheet file, an
/// .xlsx, a CSV): the same words for each.
pub const EMPTY_FILE: &str = "文件是空的：请检查是否选对了文件，或文件是否没有保存、复制完整";

/// Why a file could not be loaded. Nothing of the user's data is changed by a failed load.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum LoadError {
    /// Nothing but white space: not a file cut short somewhere, but one with nothing in it.
    #[error("{EMPTY_FILE}")]
    Empty,
    #[error("文件太大（{} MB），最多支持 {} MB", .bytes / 1_048_576, MAX_FILE_BYTES / 1_048_576)]
    TooLarge { bytes: usize },
    #[error("不是有效的 JSON 文件：第{line}行第{column}列附近{what}")]
    Syntax {
        line: usize,
        column: usize,
        what: String,
    },
    #[error("这不是 jixiao 评分表文件（缺少 \"format\": \"{FORMAT}\"）")]
    NotASheet,
    #[error("这不是 jixiao 工作簿文件（缺少 \"format\": \"{WORKBOOK_FORMAT}\"）")]
    NotAWorkbook,
    #[error("此文件由较新版本的 jixiao 保存（格式版本 {found}），当前只能读取格式版本 {FORMAT_VERSION} 及以前的文件，请升级后再打开")]
    FutureVersion { found: u64 },
    #[error("格式版本“{0}”无法识别，应为不超过 {FORMAT_VERSION} 的正整数")]
    BadVersion(String),
    #[error("文件不是 UTF-8 编码：第{line}行第{column}列有无法识别的字节（请用 jixiao 保存的文件，或在编辑器中另存为 UTF-8）")]
    NotUtf8 { line: usize, column: usize },
    #[error("文件是 UTF-16 编码，但第{line}行第{column}列有无法识别的内容（文件可能已损坏；请在编辑器中另存为 UTF-8）")]
    NotUtf16 { line: usize, column: usize },
    #[error("{place}：{problem}")]
    Field {
        /// Where in the file, e.g. `indicators[0].children[2].weight（分值）`.
        place: String,
        problem: String,
        line: usize,
        column: usize,
    },
}

#[derive(Deserialize)]
struct Header {
    format: Option<JsonText>,
    version: Option<JsonText>,
}

/// A sheet file or a workbook file.
#[derive(Clone, Debug, PartialEq)]
pub enum Document {
    Sheet(Sheet),
    Workbook(Workbook),
}

/// Reads a sheet from JSON text.
pub fn load(json: &str) -> Result<Sheet, LoadError> {
    if let Some(sheet) = current_version::<Sheet>(json) {
        return Ok(sheet);
    }
    let json = check(json, FORMAT, FORMAT_VERSION, LoadError::NotASheet)?;
    let mut sheet = parse(json)?;
    migrate(&mut sheet);
    Ok(sheet)
}

/// Brings a sheet of an older format version to the current one. Version 1 typed a project's
/// 全年预算数 and 全年执行数 on its 预算执行率 row; version 2 types them, as the 10号 form does,
/// in the 项目资金 block (年度资金总额 and its 其中 rows), from which that row is scored. Only
/// the 自评表's own, top-level 预算执行率 moves: one under a group (a 重点评价's) stays as it
/// was. Every figure is kept: it moves, it is never dropped.
pub fn migrate(sheet: &mut Sheet) {
    if sheet.version >= FORMAT_VERSION {
        return;
    }
    sheet.version = FORMAT_VERSION;
    if sheet.kind != SheetKind::Project || !sheet.funds.is_empty() {
        return;
    }
    let Some(leaf) = sheet.indicators.iter_mut().find(|n| {
        n.children.is_empty() && matches!(&n.rule, Some(Rule::BudgetExecution(b)) if !b.from_funds)
    }) else {
        return;
    };
    leaf.rule = Some(Rule::BudgetExecution(BudgetExecution { from_funds: true }));
    let total = FundsRow {
        name: "年度资金总额".to_string(),
        budget: std::mem::take(&mut leaf.target).to_string(),
        spent: std::mem::take(&mut leaf.actual).to_string(),
        ..FundsRow::default()
    };
    sheet.funds = std::iter::once(total)
        .chain(PROJECT_FUNDS_PARTS.iter().map(|name| FundsRow {
            name: name.to_string(),
            part: true,
            ..FundsRow::default()
        }))
        .collect();
}

/// The 其中 rows of the 10号 form's 项目资金 block.
pub const PROJECT_FUNDS_PARTS: [&str; 3] = ["当年财政拨款", "上年结转资金", "其他资金"];

/// Reads a sheet file as it is stored, UTF-8 bytes, as [`load`] reads its text. A file
/// fetched or picked by the user arrives as bytes; reading them here spares turning them into
/// JavaScript text and back.
pub fn load_bytes(bytes: &[u8]) -> Result<Sheet, LoadError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge { bytes: bytes.len() });
    }
    load(utf8(bytes)?)
}

/// A sheet or workbook file's bytes as the text to load: UTF-8, with or without a byte-order
/// mark, or UTF-16 with its byte-order mark (Windows Notepad's "Unicode" and "Unicode big
/// endian"). Without a mark no other encoding can be told for sure, so GBK or Latin-1 bytes
/// are refused at the first one that is not UTF-8 rather than guessed at.
pub fn file_text(bytes: &[u8]) -> Result<Cow<'_, str>, LoadError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge { bytes: bytes.len() });
    }
    match utf16_text(bytes) {
        Some(text) => text.map(Cow::Owned),
        None => utf8(bytes).map(Cow::Borrowed),
    }
}

/// UTF-16 text after its byte-order mark, if the bytes start with one (neither mark can begin
/// UTF-8 text); an unpaired surrogate or a lone last byte is placed by line and column.
fn utf16_text(bytes: &[u8]) -> Option<Result<String, LoadError>> {
    let (units, big_endian) = match bytes {
        [0xff, 0xfe, rest @ ..] => (rest, false),
        [0xfe, 0xff, rest @ ..] => (rest, true),
        _ => return None,
    };
    let pairs = units.chunks_exact(2).map(|p| {
        if big_endian {
            u16::from_be_bytes([p[0], p[1]])
        } else {
            u16::from_le_bytes([p[0], p[1]])
        }
    });
    let mut text = String::with_capacity(units.len());
    for c in char::decode_utf16(pairs) {
        match c {
            Ok(c) => text.push(c),
            Err(_) => return Some(Err(utf16_error_after(&text))),
        }
    }
    if units.len() % 2 == 1 {
        return Some(Err(utf16_error_after(&text)));
    }
    Some(Ok(text))
}

/// Where the UTF-16 text stopped being readable, just after the `read` part.
fn utf16_error_after(read: &str) -> LoadError {
    let line_start = read.rfind('\n').map_or(0, |i| i + 1);
    LoadError::NotUtf16 {
        line: read.matches('\n').count() + 1,
        column: read[line_start..].chars().count() + 1,
    }
}

/// The bytes as text, or where the first byte that is not UTF-8 is (line and column counted
/// in characters, as an editor shows them).
fn utf8(bytes: &[u8]) -> Result<&str, LoadError> {
    std::str::from_utf8(bytes).map_err(|e| {
        let before = &bytes[..e.valid_up_to()];
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        // Everything before the bad byte is valid, so it can be counted as characters.
        let column = std::str::from_utf8(&before[line_start..]).map_or(0, |t| t.chars().count());
        LoadError::NotUtf8 {
            line: before.iter().filter(|&&b| b == b'\n').count() + 1,
            column: column + 1,
        }
    })
}

/// Reads a workbook from JSON text.
pub fn load_workbook(json: &str) -> Result<Workbook, LoadError> {
    let mut workbook = match current_version::<Workbook>(json) {
        Some(workbook) => workbook,
        None => {
            let json = check(
                json,
                WORKBOOK_FORMAT,
                WORKBOOK_VERSION,
                LoadError::NotAWorkbook,
            )?;
            let mut workbook: Workbook = parse(json)?;
            workbook.version = WORKBOOK_VERSION;
            workbook
        }
    };
    if workbook.summary.kind != SheetKind::Summary {
        return Err(summary_not_a_summary(json, workbook.summary.kind));
    }
    // Its sheets carry their own version (workbook version 1 held sheets of version 1).
    for sheet in workbook.sheets.iter_mut().chain([&mut workbook.summary]) {
        migrate(sheet);
    }
    Ok(workbook)
}

/// A workbook whose `summary` is a project's or a department's sheet, said at its `kind`: the
/// page would show that sheet under the 汇总表's title, and a batch took it without a word.
fn summary_not_a_summary(json: &str, kind: SheetKind) -> LoadError {
    struct Kind;
    impl<'de> Deserialize<'de> for Kind {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Kind, D::Error> {
            // Read again only to be placed: the error is the kind the workbook gave.
            let _ = serde::de::IgnoredAny::deserialize(d)?;
            Err(serde::de::Error::custom("summary"))
        }
    }
    #[derive(Deserialize)]
    struct Summary {
        #[allow(dead_code)]
        kind: Kind,
    }
    #[derive(Deserialize)]
    struct File {
        #[allow(dead_code)]
        summary: Summary,
    }
    let json = json.strip_prefix('\u{feff}').unwrap_or(json);
    let (line, column) = match serde_json::from_str::<File>(json) {
        Err(e) => (e.line(), e.column()),
        Ok(_) => (0, 0),
    };
    LoadError::Field {
        place: place(&crate::json_path::path_at(json, line, column)),
        problem: format!(
            "工作簿的汇总表应为 \"summary\"（{}），这里是 {}（{}）：项目的评分表请放在 sheets 中",
            SheetKind::Summary.label(),
            serde_json::to_string(&kind).unwrap_or_default(),
            kind.label(),
        ),
        line,
        column,
    }
}

/// The common case in one pass: a file of the current format and version that reads cleanly.
/// Anything else is read again by `check` and `parse`, header first, so that the message names
/// the real problem (not our file, a newer version) before any field. One pass instead of two
/// matters most in the browser, where the first load runs in the baseline compiler.
fn current_version<T: DeserializeOwned + FormatAndVersion>(json: &str) -> Option<T> {
    let json = current_text(json)?;
    let value: T = serde_json::from_str(json).ok()?;
    value.is_current().then_some(value)
}

/// The text a one-pass read takes: not over the size limit, without a byte-order mark.
fn current_text(json: &str) -> Option<&str> {
    (json.len() <= MAX_FILE_BYTES).then(|| json.strip_prefix('\u{feff}').unwrap_or(json))
}

/// What a file must say it is to be read without migration.
trait FormatAndVersion {
    const FORMAT: &'static str;
    const VERSION: u32;
    /// What the file says it is.
    fn header(&self) -> (&str, u32);
    /// Whether the file says it is of the current format and version.
    fn is_current(&self) -> bool {
        self.header() == (Self::FORMAT, Self::VERSION)
    }
}

impl FormatAndVersion for Sheet {
    const FORMAT: &'static str = FORMAT;
    const VERSION: u32 = FORMAT_VERSION;
    fn header(&self) -> (&str, u32) {
        (&self.format, self.version)
    }
}

impl FormatAndVersion for Workbook {
    const FORMAT: &'static str = WORKBOOK_FORMAT;
    const VERSION: u32 = WORKBOOK_VERSION;
    fn header(&self) -> (&str, u32) {
        (&self.format, self.version)
    }
}

/// Reads a sheet or a workbook, whichever the file is.
pub fn load_document(json: &str) -> Result<Document, LoadError> {
    match load(json) {
        Err(LoadError::NotASheet) => {
            load_workbook(json)
                .map(Document::Workbook)
                .map_err(|e| match e {
                    LoadError::NotAWorkbook => LoadError::NotASheet,
                    other => other,
                })
        }
        other => other.map(Document::Sheet),
    }
}

/// Checks size, `format` and `version`; returns the text without a byte-order mark.
fn check<'a>(
    json: &'a str,
    format: &str,
    current: u32,
    not_ours: LoadError,
) -> Result<&'a str, LoadError> {
    if json.len() > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge { bytes: json.len() });
    }
    let json = json.strip_prefix('\u{feff}').unwrap_or(json);
    if json.trim().is_empty() {
        return Err(LoadError::Empty);
    }
    let header: Header = serde_json::from_str(json).map_err(|e| syntax_or_shape(&e, &not_ours))?;
    // What the file says, as it wrote it: `"jixiao-sheet"`, `2`.
    let format_said = header.format.map(|JsonText(text)| text);
    let version_said = header.version.map(|JsonText(text)| text);
    if format_said
        .and_then(|f| serde_json::from_str::<String>(&f).ok())
        .as_deref()
        != Some(format)
    {
        return Err(not_ours);
    }
    let version = version_said
        .as_deref()
        .and_then(|v| v.parse::<u64>().ok())
        .ok_or_else(|| LoadError::BadVersion(version_said.unwrap_or_else(|| "（缺失）".into())))?;
    if version > u64::from(current) {
        return Err(LoadError::FutureVersion { found: version });
    }
    if version == 0 {
        return Err(LoadError::BadVersion(version.to_string()));
    }
    // Older versions read as the current one does; `migrate` then brings them up to date.
    Ok(json)
}

fn parse<T: DeserializeOwned>(json: &str) -> Result<T, LoadError> {
    serde_json::from_str(json).map_err(|e| LoadError::Field {
        place: place(&crate::json_path::path_at(json, e.line(), e.column())),
        problem: translate(&e),
        line: e.line(),
        column: e.column(),
    })
}

/// A syntax error, or (for the header pass) a top level that is not an object.
fn syntax_or_shape(e: &serde_json::Error, not_ours: &LoadError) -> LoadError {
    use serde_json::error::Category;
    match e.classify() {
        Category::Syntax | Category::Eof | Category::Io => LoadError::Syntax {
            line: e.line(),
            column: e.column(),
            what: match e.classify() {
                Category::Eof => "文件不完整（可能被截断）".to_string(),
                _ => syntax_detail(e).unwrap_or("有格式错误").to_string(),
            },
        },
        Category::Data => not_ours.clone(),
    }
}

/// The syntax errors serde_json names, in words a user can act on.
fn syntax_detail(e: &serde_json::Error) -> Option<&'static str> {
    let msg = e.to_string();
    Some(if msg.starts_with("recursion limit exceeded") {
        "嵌套层数太多（超过 128 层），文件可能已损坏"
    } else if msg.starts_with("number out of range") {
        "有超出可表示范围的数字（如 1e400），请改为正常数值"
    } else if msg.contains("surrogate")
        || msg.contains("hex escape")
        || msg.starts_with("invalid unicode code point")
    {
        "含有无效的 Unicode 字符（文件可能已损坏）"
    } else if msg.starts_with("control character") {
        "文本中含有未转义的控制字符"
    } else if msg.starts_with("invalid escape") {
        "文本中含有无效的转义（\\ 后的字符不对）"
    } else {
        return None;
    })
}

/// The Chinese name of a field of the format, where it has one.
fn label(field: &str) -> &'static str {
    match field {
        "format" => "文件类型",
        "version" => "格式版本",
        "kind" => "表格类型",
        "meta" => "基本信息",
        "settings" => "设置",
        "funds" => "资金情况",
        "indicators" => "指标",
        "children" => "下级指标",
        "projects" => "项目",
        "sheets" => "评分表",
        "summary" => "汇总表",
        "name" => "名称",
        "weight" => "分值",
        "rule" => "计分规则",
        "comparison" => "比较方式",
        "target" => "年度指标值",
        "actual" => "实际完成值",
        "unit" => "单位",
        "level" => "达成程度",
        "score" => "得分",
        "not_applicable" => "不适用",
        "reason" => "偏差原因",
        "budget" => "预算数",
        "spent" => "完成数",
        "grade" => "等级",
        "grade_bands" => "等级区间",
        "bands" => "区间表",
        "points" => "扣分/得分",
        "step" => "步长",
        "threshold" => "起点",
        "bound" => "加减分上限",
        _ => "",
    }
}

/// The path with the Chinese name of its last field, so users can find it.
fn place(path: &str) -> String {
    let last = path
        .rsplit('.')
        .next()
        .unwrap_or(path)
        .split('[')
        .next()
        .unwrap_or("");
    let label = if path.ends_with("rule.kind") {
        "计分规则类型"
    } else {
        label(last)
    };
    if path.is_empty() {
        "文件顶层".to_string()
    } else if label.is_empty() {
        format!("位置 {path}")
    } else {
        format!("位置 {path}（{label}）")
    }
}

/// serde's English messages, in Chinese. The shapes of these messages are stable in serde.
pub(crate) fn translate(e: &serde_json::Error) -> String {
    use serde_json::error::Category;
    if matches!(
        e.classify(),
        Category::Syntax | Category::Eof | Category::Io
    ) {
        return match syntax_detail(e) {
            Some(detail) => format!("{detail}（第{}行第{}列）", e.line(), e.column()),
            None => format!("JSON 格式错误（第{}行第{}列）", e.line(), e.column()),
        };
    }
    let msg = e.to_string();
    // Drop serde_json's " at line L column C" suffix: the place is reported separately.
    let msg = msg.split(" at line ").next().unwrap_or(&msg).to_string();
    if let Some(rest) = msg.strip_prefix("unknown field ") {
        if let Some(name) = rest.strip_suffix(", there are no fields") {
            return format!("未知字段“{}”（这里不需要任何参数）", unquote(name));
        }
        let (name, expected) = split_expected(rest);
        return format!("未知字段“{name}”（可用字段：{expected}）");
    }
    if let Some(rest) = msg.strip_prefix("missing field ") {
        let name = unquote(rest);
        return match label(name) {
            "" => format!("缺少必填字段“{name}”"),
            l => format!("缺少必填字段“{name}”（{l}）"),
        };
    }
    if let Some(rest) = msg.strip_prefix("unknown variant ") {
        let (name, expected) = split_expected(rest);
        return format!("取值“{name}”无法识别（可选：{expected}）");
    }
    if let Some(rest) = msg.strip_prefix("invalid type: ") {
        if let Some((found, expected)) = rest.split_once(", expected ") {
            return format!("类型不对：应为{}，实际是{}", kind(expected), kind(found));
        }
    }
    if let Some(rest) = msg.strip_prefix("invalid value: ") {
        if let Some((found, expected)) = rest.split_once(", expected ") {
            return format!("取值不对：应为{}，实际是{}", kind(expected), kind(found));
        }
    }
    if msg.starts_with("recursion limit exceeded") {
        return "指标嵌套层级太深".to_string();
    }
    if let Some(rest) = msg.strip_prefix("duplicate field ") {
        return format!("字段“{}”出现了两次", unquote(rest));
    }
    format!("无法读取（{msg}）")
}

fn unquote(s: &str) -> &str {
    s.trim().trim_matches('`')
}

/// Splits "`x`, expected one of `a`, `b`" into ("x", "a、b").
fn split_expected(rest: &str) -> (String, String) {
    let (name, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
    let expected = expected
        .trim_start_matches("one of ")
        .split(", ")
        .map(unquote)
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("、");
    (unquote(name).to_string(), expected)
}

/// serde's names of JSON kinds, in Chinese.
fn kind(s: &str) -> String {
    let s = s.trim();
    let value = s
        .split_once(' ')
        .map(|(_, v)| v.trim_matches('`').to_string());
    let with = |name: &str| match &value {
        Some(v) if !v.is_empty() => format!("{name} {v}"),
        _ => name.to_string(),
    };
    match s {
        _ if s.starts_with("integer") => with("整数"),
        _ if s.starts_with("floating point") => with("小数"),
        _ if s.starts_with("string") => with("文本"),
        _ if s.starts_with("boolean") => with("true/false"),
        "a string" => "文本".to_string(),
        "text or a number" => "文本或数字".to_string(),
        "a boolean" => "true 或 false".to_string(),
        "u32" | "u64" => "整数".to_string(),
        "a sequence" | "sequence" => "数组 [...]".to_string(),
        "a map" | "map" => "对象 {...}".to_string(),
        "null" | "unit value" => "null".to_string(),
        _ if s.starts_with("struct") || s.starts_with("internally tagged") => {
            "对象 {...}".to_string()
        }
        _ if s.starts_with("enum") => "对象 {...}".to_string(),
        _ => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(json: &str) -> String {
        load(json).unwrap_err().to_string()
    }

    #[test]
    fn loads_a_minimal_sheet() {
        let sheet = load(r#"{"format":"jixiao-sheet","version":1,"kind":"project"}"#).unwrap();
        assert_eq!(sheet.kind, crate::model::SheetKind::Project);
    }

    #[test]
    fn bytes_load_as_their_text_does() {
        let json = "\u{feff}{\"format\":\"jixiao-sheet\",\"version\":1,\"kind\":\"project\",\"indicators\":[{\"name\":\"产出\",\"weight\":\"10\"}]}";
        assert_eq!(load_bytes(json.as_bytes()), load(json));
        assert_eq!(
            load_bytes(b"{\"a\":1}").unwrap_err(),
            load("{\"a\":1}").unwrap_err()
        );
    }

    #[test]
    fn bytes_that_are_not_utf8_are_placed() {
        // GBK 指标 on the second line, where UTF-8 is expected.
        let bytes = b"{\"format\":\"jixiao-sheet\",\n\"name\":\"\xd6\xb8\xb1\xea\"}";
        assert_eq!(
            load_bytes(bytes).unwrap_err().to_string(),
            "文件不是 UTF-8 编码：第2行第10列有无法识别的字节（请用 jixiao 保存的文件，或在编辑器中另存为 UTF-8）"
        );
        // Columns count characters, not bytes.
        let bytes = ["\"产出".as_bytes(), &[0xff]].concat();
        assert!(matches!(
            load_bytes(&bytes),
            Err(LoadError::NotUtf8 { line: 1, column: 4 })
        ));
        let huge = vec![b' '; MAX_FILE_BYTES + 1];
        assert!(matches!(load_bytes(&huge), Err(LoadError::TooLarge { .. })));
    }

    #[test]
    fn utf16_with_its_mark_is_read_and_a_broken_one_placed() {
        let json = "{\"format\":\"jixiao-sheet\",\"version\":1,\n\"kind\":\"project\",\"indicators\":[{\"name\":\"产出\",\"weight\":\"10\"}]}";
        let le: Vec<u8> = [0xff, 0xfe]
            .into_iter()
            .chain(json.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let be: Vec<u8> = [0xfe, 0xff]
            .into_iter()
            .chain(json.encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(file_text(&le).unwrap(), json);
        assert_eq!(file_text(&be).unwrap(), json);
        // A high surrogate with no low one after "产" on line 2; a lone last byte where the
        // closing brace (line 2, column 60) would be.
        let mut broken = le[..2 + 2 * 3].to_vec();
        broken.extend("\n产".encode_utf16().flat_map(u16::to_le_bytes));
        broken.extend([0x00, 0xd8, b'a', 0x00]);
        assert_eq!(
            file_text(&broken),
            Err(LoadError::NotUtf16 { line: 2, column: 2 })
        );
        assert_eq!(
            file_text(&le[..le.len() - 1]).unwrap_err().to_string(),
            "文件是 UTF-16 编码，但第2行第60列有无法识别的内容（文件可能已损坏；请在编辑器中另存为 UTF-8）"
        );
        assert_eq!(
            file_text(b"{\"a\":\"\xe9\"}"),
            Err(LoadError::NotUtf8 { line: 1, column: 7 })
        );
    }

    #[test]
    fn explains_what_is_wrong_and_where() {
        assert_eq!(
            err("{\"format\":\"jixiao-sheet\",\n\"version\":1,"),
            "不是有效的 JSON 文件：第2行第12列附近文件不完整（可能被截断）"
        );
        assert_eq!(
            err(r#"{"a":1}"#),
            "这不是 jixiao 评分表文件（缺少 \"format\": \"jixiao-sheet\"）"
        );
        assert_eq!(
            err("[1,2]"),
            "这不是 jixiao 评分表文件（缺少 \"format\": \"jixiao-sheet\"）"
        );
        assert_eq!(
            err(r#"{"format":"jixiao-sheet","version":7,"kind":"project"}"#),
            "此文件由较新版本的 jixiao 保存（格式版本 7），当前只能读取格式版本 2 及以前的文件，请升级后再打开"
        );
        assert_eq!(
            err(r#"{"format":"jixiao-sheet","version":"一","kind":"project"}"#),
            "格式版本“\"一\"”无法识别，应为不超过 2 的正整数"
        );
        assert_eq!(
            err(r#"{"format":"jixiao-sheet","version":1,"kind":"project","indicators":[{"name":"a","weigth":"5"}]}"#),
            "位置 indicators[0].weigth：未知字段“weigth”（可用字段：id、name、weight、rule、comparison、target、actual、unit、level、score、not_applicable、reason、note、declared、opinion、children）"
        );
        assert_eq!(
            err(r#"{"format":"jixiao-sheet","version":1,"kind":"project","indicators":[{"name":"a","not_applicable":"yes"}]}"#),
            "位置 indicators[0].not_applicable（不适用）：类型不对：应为true 或 false，实际是文本 \"yes\""
        );
        assert_eq!(
            err(r#"{"format":"jixiao-sheet","version":1,"kind":"tabel"}"#),
            "位置 kind（表格类型）：取值“tabel”无法识别（可选：project、department、summary）"
        );
        assert_eq!(
            err(
                r#"{"format":"jixiao-sheet","version":1,"kind":"project","indicators":[{"name":"a","rule":{"kind":"step","points":"1"}}]}"#
            ),
            "位置 indicators[0].rule（计分规则）：缺少必填字段“step”（步长）"
        );
        assert_eq!(
            err(
                r#"{"format":"jixiao-sheet","version":1,"kind":"project","indicators":{"name":"a"}}"#
            ),
            "位置 indicators（指标）：类型不对：应为数组 [...]，实际是对象 {...}"
        );
    }

    /// A workbook's `summary` is a 汇总表: a project's sheet there was shown under the
    /// 汇总表's title, and a batch took it without a word.
    #[test]
    fn a_workbooks_summary_that_is_no_summary_is_refused_at_its_kind() {
        let workbook = |kind: &str| {
            format!(
                r#"{{"format":"jixiao-workbook","version":2,"sheets":[],
"summary":{{"format":"jixiao-sheet","version":2,"kind":"{kind}","meta":{{"project":"甲"}}}}}}"#
            )
        };
        let err = |kind: &str| load_document(&workbook(kind)).unwrap_err().to_string();
        assert_eq!(err("project"), "位置 summary.kind（表格类型）：工作簿的汇总表应为 \"summary\"（绩效评价汇总表），这里是 \"project\"（项目支出绩效自评表）：项目的评分表请放在 sheets 中");
        assert!(err("department").contains("这里是 \"department\"（部门整体支出绩效自评表）"));
        assert!(matches!(
            load_document(&workbook("summary")),
            Ok(Document::Workbook(_))
        ));
    }

    #[test]
    fn refuses_oversized_input_before_reading_it() {
        let big = " ".repeat(MAX_FILE_BYTES + 1);
        assert!(matches!(load(&big), Err(LoadError::TooLarge { .. })));
    }
}
