//! `jixiao`: scores sheet files from a shell.
//!
//! `jixiao score FILE` prints the evaluation as JSON (`--table` for a readable table).
//! Exit status: 0 evaluated without errors, 1 evaluated but the sheet has errors, 2 the file
//! could not be read or is not a sheet.

mod batch;
mod table;

use clap::{Parser, Subcommand};
use jixiao::cell::{parse_cell, Cell};
use jixiao::engine::Calculator;
use jixiao::load::load;
use jixiao::templates::{self, TEMPLATES};
use std::io::Read;
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
    },
    /// 批量计算多个文件（评分表 JSON、工作簿、Excel 或 CSV；可给文件夹），输出汇总表
    Batch {
        /// 文件或文件夹（文件夹中的 .json、.xlsx、.csv 全部读取）
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// 汇总表输出到 .xlsx、.csv 或 .json 文件；不指定时打印表格
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// 导出为 Excel（版式同纸质表格）：jixiao export 自评表.json -o 自评表.xlsx
    Export {
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
    /// 显示一个单元格内容会被如何读取，如 jixiao read "95%以上"
    Read { text: String },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Score { file, table } => score(&file, table),
        Command::Batch { inputs, output } => batch::run(&inputs, output.as_deref()),
        Command::Export { file, output } => batch::export(&file, &output),
        Command::Import { file, output } => batch::import(&file, output.as_deref()),
        Command::Templates => {
            for t in TEMPLATES {
                println!("{:<24}{}\n{:<24}{}", t.id, t.name, "", t.description);
            }
            ExitCode::SUCCESS
        }
        Command::Template { id } => match templates::find(&id) {
            Some(t) => {
                print!("{}", t.json());
                ExitCode::SUCCESS
            }
            None => {
                let ids: Vec<&str> = TEMPLATES.iter().map(|t| t.id).collect();
                eprintln!("没有模板“{id}”；可用模板：{}", ids.join("、"));
                ExitCode::from(2)
            }
        },
        Command::Read { text } => {
            match parse_cell(&text) {
                Ok(Cell::Blank) => println!("空白（未填写 / 不适用）"),
                Ok(Cell::Number(q)) => {
                    println!("数值：{}{}", q.value, if q.percent { "%" } else { "" });
                    if let Some(c) = q.comparison {
                        println!("比较方式：{c}");
                    }
                    if !q.unit.is_empty() {
                        println!("单位：{}", q.unit);
                    }
                    if q.from_chinese_numeral {
                        println!("（由中文数字读出）");
                    }
                }
                Err(e) => {
                    println!("无法识别：{e}");
                    return ExitCode::from(1);
                }
            }
            ExitCode::SUCCESS
        }
    }
}

fn score(file: &PathBuf, as_table: bool) -> ExitCode {
    let text = if file.as_os_str() == "-" {
        let mut s = String::new();
        std::io::stdin().read_to_string(&mut s).map(|_| s)
    } else {
        std::fs::read_to_string(file)
    };
    let text = match text {
        Ok(t) => t,
        Err(e) => {
            eprintln!("无法读取 {}：{e}", file.display());
            return ExitCode::from(2);
        }
    };
    let sheet = match load(&text) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{}：{e}", file.display());
            return ExitCode::from(2);
        }
    };
    let calc = Calculator::new(sheet);
    let report = calc.report();
    if as_table {
        print!("{}", table::render(&calc, &report));
    } else {
        match serde_json::to_string_pretty(&report) {
            Ok(json) => println!("{json}"),
            Err(e) => {
                eprintln!("无法输出结果：{e}");
                return ExitCode::from(2);
            }
        }
    }
    if report.errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
