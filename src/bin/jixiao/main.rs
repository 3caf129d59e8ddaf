//! `jixiao`: scores sheet files from a shell.
//!
//! `jixiao score FILE` prints the evaluation as JSON (`--table` for a readable table).
//! Exit status: 0 evaluated without errors, 1 evaluated but the sheet has errors, 2 the file
//! could not be read or is not a sheet.

mod batch;
mod check;
mod table;

use clap::{Parser, Subcommand};
use jixiao::cell::{parse_cell, Cell};
use jixiao::engine::Calculator;
use jixiao::files::{self, FileError};
use jixiao::load::{file_text, load};
use jixiao::model::Sheet;
use jixiao::templates::{self, TEMPLATES};
use jixiao::xlsx::FileKind;
use std::io::Write;
use std::path::Path;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "jixiao",
    version,
    about = "预算绩效评分表计算器：精确到分，逐项说明得分",
    long_about = "预算绩效评分表计算器：精确到分，逐项说明得分。\n\n退出码：0 计算完成且无错误；1 计算完成但表中有错误；2 文件无法读取或不是评分表。"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// 计算评分表文件（JSON），输出结果；FILE 为 - 时从标准输入读取
    Score {
        file: PathBuf,
        /// 输出易读的表格，而不是 JSON
        #[arg(long)]
        table: bool,
        /// 上年的评分表或含上年表的工作簿：本年指标值低于同一项目上年实际完成值时提示
        #[arg(long, value_name = "FILE")]
        last_year: Option<PathBuf>,
    },
    /// 批量计算多个文件（评分表 JSON、工作簿、Excel 或 CSV；可给文件夹），输出汇总表
    Batch {
        // Files are read by what their bytes are (`batch::read_file`), whatever their names.
        #[arg(required = true, help = concat!(
            "文件或文件夹（文件夹中的 .json、.xlsx、.xlsm、.csv、.xls、.et、.xlsb、.ods 都按文件内容读取：",
            "实为 .xlsx 的照常汇总，无法读取的说明原因；其他文件列出不读；内容完全相同的文件只计一次）"
        ))]
        inputs: Vec<PathBuf>,
        /// 汇总表输出到 .xlsx、.csv 或 .json 文件；不指定时打印表格
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// 审核：将表中申报的完成率、得分、小计、总分、等级与计算结果逐项核对并说明差异
    /// （评分表 JSON、工作簿、Excel 或 CSV；可给文件夹）。退出码：0 全部复现，1 有差异，2 有文件无法读取
    Check {
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// 输出 JSON（一个对象，含每个文件的差异），而不是易读的报告
        #[arg(long)]
        json: bool,
        /// 另写出审核表（.xlsx：逐项列出自评数、审核数、差异说明，附计分后的表格）；只用于一个表
        #[arg(long, value_name = "审核表.xlsx")]
        xlsx: Option<PathBuf>,
    },
    /// 导出为 Excel（版式同纸质表格）：jixiao export 自评表.json -o 自评表.xlsx
    Export {
        file: PathBuf,
        #[arg(short, long)]
        output: PathBuf,
    },
    /// 由评分表生成自评报告（Word .docx）：jixiao report 表.json -o 报告.docx。
    /// 退出码：0 已写出，2 文件无法读取、不是评分表或是汇总表
    Report {
        file: PathBuf,
        #[arg(short, long)]
        output: PathBuf,
    },
    /// 从 Excel 或 CSV 导入为评分表文件：jixiao import 表.xlsx -o 表.json
    Import {
        file: PathBuf,
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// 列出内置模板
    Templates,
    /// 输出一个内置模板（评分表文件），如 jixiao template project > 自评表.json
    Template { id: String },
    /// 显示一个单元格内容会被如何读取，如 jixiao read "95%以上"、jixiao read -5
    Read {
        /// 单元格内容；以 - 开头的（如 -5、-0.5）也按内容读取
        #[arg(allow_hyphen_values = true)]
        text: String,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Score {
            file,
            table,
            last_year,
        } => score(&file, table, last_year.as_deref()),
        Command::Batch { inputs, output } => batch::run(&inputs, output.as_deref()),
        Command::Check { inputs, json, xlsx } => check::run(&inputs, json, xlsx.as_deref()),
        Command::Export { file, output } => batch::export(&file, &output),
        Command::Import { file, output } => batch::import(&file, output.as_deref()),
        Command::Report { file, output } => batch::report(&file, &output),
        Command::Templates => {
            let list: String = TEMPLATES
                .iter()
                .map(|t| format!("{:<24}{}\n{:<24}{}\n", t.id, t.name, "", t.description))
                .collect();
            print_out(&list)
        }
        Command::Template { id } => match templates::find(&id) {
            Some(t) => print_out(t.json()),
            None => {
                eprintln!("{}", templates::unknown(&id));
                ExitCode::from(2)
            }
        },
        Command::Read { text } => read_cell(&text),
    }
}

fn read_cell(text: &str) -> ExitCode {
    let (said, status) = match parse_cell(text) {
        Ok(Cell::Blank) => ("空白（未填写 / 不适用）\n".to_string(), ExitCode::SUCCESS),
        Ok(Cell::Number(q)) => {
            let mut said = format!("数值：{}{}\n", q.value, if q.percent { "%" } else { "" });
            if let Some(c) = q.comparison {
                said += &format!("比较方式：{c}\n");
            }
            if !q.unit.is_empty() {
                said += &format!("单位：{}\n", q.unit);
            }
            if q.from_chinese_numeral {
                said += "（由中文数字读出）\n";
            }
            (said, ExitCode::SUCCESS)
        }
        Err(e) => (format!("无法识别：{e}\n"), ExitCode::from(1)),
    };
    match print_out(&said) {
        out if out == ExitCode::SUCCESS => status,
        failed => failed,
    }
}

/// How messages name an input: its path, or 标准输入 for `-`.
pub(crate) fn input_name(file: &Path) -> String {
    if file.as_os_str() == "-" {
        "标准输入".to_string()
    } else {
        file.display().to_string()
    }
}

/// The bytes of an input file (`-`: standard input) within the size limit, or the reason it
/// cannot be read, said at the file.
pub(crate) fn read_input(file: &Path) -> Result<Vec<u8>, ExitCode> {
    let read = if file.as_os_str() == "-" {
        files::read_stdin()
    } else {
        files::read(file)
    };
    read.map_err(|e| {
        eprintln!("无法读取 {}：{e}", input_name(file));
        ExitCode::from(2)
    })
}

/// A sheet or workbook file's text (UTF-8, or UTF-16 with its byte-order mark).
pub(crate) fn read_json_input(file: &Path) -> Result<String, ExitCode> {
    let bytes = read_input(file)?;
    // A spreadsheet or a document given where a sheet file belongs would be "not UTF-8",
    // which says nothing of what to do: what it is, told by its bytes (`xlsx::kind_of`, the
    // rule every reader uses), and what to do here.
    let refused = match jixiao::xlsx::kind_of(&bytes) {
        FileKind::Xlsx | FileKind::DamagedZip => Some(
            "这是 Excel 文件，不是评分表文件（JSON）：请先用 jixiao import 转为评分表文件，或用 jixiao check、jixiao batch 直接读取",
        ),
        FileKind::OldExcel => Some(
            "这是旧版 Excel 文件（.xls），不是评分表文件（JSON）：请在 Excel 或 WPS 中另存为 .xlsx，再用 jixiao import、check 或 batch 读取",
        ),
        FileKind::Encrypted => Some(
            "这是有密码保护的 Excel 文件，不是评分表文件（JSON）：请先在 Excel 中取消密码，再用 jixiao import、check 或 batch 读取",
        ),
        other => other.refusal(),
    };
    if let Some(said) = refused {
        eprintln!("{}：{said}", input_name(file));
        return Err(ExitCode::from(2));
    }
    match file_text(&bytes) {
        Ok(text) => Ok(text.into_owned()),
        Err(e) => {
            eprintln!("{}：{e}", input_name(file));
            Err(ExitCode::from(2))
        }
    }
}

/// Writes an output file, whole or not at all; what went wrong is said at the file.
pub(crate) fn write_output(path: &Path, bytes: &[u8]) -> ExitCode {
    match files::write(path, bytes) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            not_written(path, &e.to_string());
            ExitCode::from(2)
        }
    }
}

/// Says that `path` was not written, and why: nothing of it was, and a file already there
/// is as it was (`files::write` replaces it whole or not at all).
pub(crate) fn not_written(path: &Path, why: &str) {
    let kept = if path.is_file() {
        format!("，原有的 {} 未改动", path.display())
    } else {
        String::new()
    };
    eprintln!("无法写出 {}：{why}（文件没有写出{kept}）", path.display());
}

/// Prints to standard output. A reader that stopped early (`| head`) ends the output quietly,
/// as other tools do, instead of the panic `print!` gives; other failures are said in Chinese.
pub(crate) fn print_out(text: &str) -> ExitCode {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            let why = FileError::from_io(&e, files::Access::Write);
            eprintln!("无法输出结果：{why}");
            ExitCode::from(2)
        }
    }
}

/// The sheet of `sheet`'s project a year before, from a sheet or a workbook file: none (and
/// a note on stderr) when the file holds no such sheet.
fn last_years_sheet(path: &Path, sheet: &Sheet) -> Result<Option<Sheet>, ExitCode> {
    let text = read_json_input(path)?;
    let sheets = match jixiao::load::load_document(&text) {
        Ok(jixiao::load::Document::Sheet(s)) => vec![s],
        Ok(jixiao::load::Document::Workbook(w)) => w.sheets,
        Err(e) => {
            eprintln!("{}：{e}", input_name(path));
            return Err(ExitCode::from(2));
        }
    };
    let found = jixiao::engine::last_year::previous(&sheets, sheet).cloned();
    let (project, year) = (sheet.meta.project.trim(), sheet.meta.year.trim());
    if project.is_empty() || year.is_empty() {
        eprintln!("本表没有填写项目名称或年度，无法对应上年评分表，不与上年比较");
    } else if found.is_none() {
        eprintln!(
            "{}：没有找到“{project}”{}年度的上年评分表（按项目名称、实施单位和年度对应），不与上年比较",
            input_name(path),
            year.trim_end_matches(['年', '度'])
        );
    }
    Ok(found)
}

fn score(file: &Path, as_table: bool, last_year: Option<&Path>) -> ExitCode {
    let text = match read_json_input(file) {
        Ok(text) => text,
        Err(status) => return status,
    };
    let sheet = match load(&text) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{}：{e}", input_name(file));
            return ExitCode::from(2);
        }
    };
    let last = match last_year.map(|path| last_years_sheet(path, &sheet)) {
        Some(Err(status)) => return status,
        Some(Ok(last)) => last,
        None => None,
    };
    let mut calc = Calculator::new(sheet);
    calc.set_last_year(last.as_ref());
    let report = calc.report();
    let printed = if as_table {
        print_out(&table::render(&calc, &report))
    } else {
        match serde_json::to_string_pretty(&report) {
            Ok(json) => print_out(&(json + "\n")),
            Err(_) => {
                eprintln!("无法输出结果：评分结果无法写成 JSON");
                return ExitCode::from(2);
            }
        }
    };
    if printed != ExitCode::SUCCESS {
        printed
    } else if report.totals.errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
