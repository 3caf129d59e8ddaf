// 导出…: the open sheet or 汇总表 as Excel (laid out like the printed form), CSV or JSON, and the
// whole workbook as Excel or JSON. Every file is written by the core; an export that fails
// says why.
import { h } from './dom.js';
import { download } from './files.js';
import { openDialog } from './dialog.js';
import { summaryName } from './workbooks.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export class FileExport {
  /** `root`: where the dialog opens; `table`: the open table; `workbooks`: the workbooks
   * (Workbooks); `spreadsheets()`; `notice`. */
    /** `shownSummary()`: the 汇总表 as sorted and filtered on screen (JSON text), or null. */
  constructor(root, table, workbooks, spreadsheets, notice, shownSummary = () => null) {
    this.root = root;
    this.table = table;
    this.workbooks = workbooks;
    this.spreadsheets = spreadsheets;
    this.notice = notice;
    this.shownSummary = shownSummary;
  }

  #fileName(extension, name = this.workbooks.sheetName()) {
    return `${name.replace(/[\\/:*?"<>|]+/g, '_')}.${extension}`;
  }

  dialog() {
    const onSummary = this.workbooks.onSummary;
    const run = (fn) => async () => {
      try {
        await fn();
      } catch (error) {
        this.notice.show(`导出失败：${error?.message ?? error}`, 'error');
      }
    };
    const choice = (label, detail, fn) => h('button', { type: 'button', onclick: () => {
      dialog.close();
      run(fn)();
    } }, label, h('small', {}, detail));
    const current = onSummary ? '汇总表' : '当前表格';
    // Sorted or filtered on screen: that view can go out as it is, 合计 of its rows included.
    const shown = this.table.calc.sheet().kind === 'summary' ? this.shownSummary() : null;
    const dialog = openDialog(this.root, '导出', h('div', { class: 'jx-choices' },
      h('div', { class: 'jx-choice-group' }, current),
      choice(`${current} → Excel（.xlsx）`, onSummary
        ? '按打印表格排版：每个项目一行，含合计行，数值为数字，另附检查结果'
        : '按打印表格排版：合并的一级 / 二级指标、数值为数字，另附检查结果', () => this.#sheetXlsx()),
      onSummary
        ? choice('汇总表 → CSV', '每个项目一行，含合计行，Excel 可直接打开', () => this.#summaryCsv())
        : choice(`${current} → CSV`, '逐行列出指标、完成率与得分', () => this.#sheetCsv()),
      shown ? choice(`${current}（按当前排序与筛选）→ Excel（.xlsx）`, '只含筛选出的项目，按屏幕上的顺序，合计行按这些项目计算', () => this.#shownXlsx(shown)) : null,
      shown ? choice(`${current}（按当前排序与筛选）→ CSV`, '同上，CSV 格式', () => this.#shownCsv(shown)) : null,
      choice(`${current} → JSON`, '评分表文件，可再次打开、继续编辑', () => this.#json()),
      onSummary ? null : choice(`${current} → 自评报告（Word）`, '由表格生成：基本情况、绩效目标完成情况、自评结论与扣分说明、问题与改进措施，附指标表', () => this.report()),
      onSummary ? null : choice(`${current} → 审核表（Excel）`, '单位自评数与审核数逐项对照，差异说明与审核意见，附计分后的表格', () => this.review()),
      this.workbooks.store ? [
        h('div', { class: 'jx-choice-group' }, `整个工作簿“${this.workbooks.workbook()?.name ?? ''}”`),
        onSummary ? null : choice('汇总表 → Excel（.xlsx）', '工作簿中每张表格一行，加上直接录入的项目', () => this.#summaryXlsx()),
        choice('工作簿 → Excel（.xlsx）', '第一页汇总表，之后每张表格一页', () => this.workbook('xlsx')),
        choice('工作簿 → JSON', '全部表格与汇总表，一个文件备份或转交', () => this.workbook('json')),
      ] : null),
    [['取消']]);
  }

  /** The open table as a sheet file. A 汇总表 goes whole, as on screen: the rows its sheets
   * give as well as those typed (opened again, it is a new workbook's, all typed, so a row
   * keeps no `sheet_grade`, the grade of a sheet it no longer comes from). */
  #json() {
    let json = this.table.calc.toJson();
    if (this.workbooks.onSummary && json.includes('"sheet_grade"')) {
      const sheet = JSON.parse(json);
      for (const row of sheet.projects ?? []) delete row.sheet_grade;
      json = JSON.stringify(sheet);
    }
    download(this.#fileName('json'), json, 'application/json');
  }

  async #sheetCsv() {
    const xlsx = await this.spreadsheets();
    const json = this.table.calc.toJson();
    download(this.#fileName('csv'), xlsx.sheetCsv(json), 'text/csv;charset=utf-8');
    const left = notInCsv(JSON.parse(json), xlsx.reviewTable(json));
    if (left.length) {
      this.notice.show(`已导出 CSV。CSV 只有表格的单元格，其中的完成率、得分和总分是计算结果；表中的${left.join('、')}不在其中，打开 CSV 时不会带回：要完整保存，请导出 Excel（.xlsx）或 JSON。`, 'info');
    }
  }

  /** On a workbook's 汇总表, what it says of the sheets it leaves out (under its 合计 in the
   * files, as on screen); null elsewhere. */
  #note() {
    return this.workbooks.onSummary ? this.workbooks.leftOutNote : null;
  }

  async #sheetXlsx() {
    const xlsx = await this.spreadsheets();
    download(this.#fileName('xlsx'), xlsx.sheetToXlsx(this.table.calc.toJson(), this.#note()), XLSX_TYPE);
  }

  /** The 自评报告 of the open sheet, with the user's edits of it, as a Word document. */
  async report() {
    try {
      const xlsx = await this.spreadsheets();
      const json = this.table.calc.toJson();
      const narrative = xlsx.reportNarrative(json);
      // Named as the report is titled (…绩效自评报告, a 重点评价's 绩效评价报告, or the title a
      // sheet gives that is already a report's): the sheet's name with 自评报告 after it said it
      // twice, or said 自评 of an evaluation.
      download(this.#fileName('docx', narrative.title || `${this.workbooks.sheetName()}自评报告`), xlsx.reportToDocx(json),
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
      // A section still asking to be written (尚未填写…) would be handed in as it reads.
      const unwritten = narrative.sections.filter((s) => s.paragraphs.some((p) => p.to_write)).map((s) => `“${s.heading}”`);
      if (unwritten.length) {
        this.notice.show(`自评报告已导出，但${unwritten.join('、')}尚未填写：Word 文件中已用黄色标出，请在基本信息中填写或在自评报告中改写后再导出。`, 'info');
      }
    } catch (error) {
      this.notice.show(`导出失败：${error?.message ?? error}`, 'error');
    }
  }

  /** The review of the open sheet, as the workbook a reviewer hands back. */
  async review() {
    try {
      const xlsx = await this.spreadsheets();
      download(this.#fileName('xlsx', `${this.workbooks.sheetName()}审核表`), xlsx.reviewToXlsx(this.table.calc.toJson()), XLSX_TYPE);
    } catch (error) {
      this.notice.show(`导出失败：${error?.message ?? error}`, 'error');
    }
  }

  async #shownXlsx(json) {
    const xlsx = await this.spreadsheets();
    download(this.#fileName('xlsx', `${this.workbooks.sheetName()}（筛选）`), xlsx.sheetToXlsx(json, this.#note()), XLSX_TYPE);
  }

  async #shownCsv(json) {
    const xlsx = await this.spreadsheets();
    download(this.#fileName('csv', `${this.workbooks.sheetName()}（筛选）`), xlsx.summaryCsv(json, this.#note()), 'text/csv;charset=utf-8');
  }

  async #summaryCsv() {
    const xlsx = await this.spreadsheets();
    download(this.#fileName('csv'), xlsx.summaryCsv(this.table.calc.toJson(), this.#note()), 'text/csv;charset=utf-8');
  }

  async #summaryXlsx() {
    this.workbooks.flush();
    const xlsx = await this.spreadsheets();
    const doc = this.workbooks.summaryDocument();
    download(this.#fileName('xlsx', summaryName(this.workbooks.workbook()?.name ?? '')), xlsx.sheetToXlsx(doc.json, doc.note), XLSX_TYPE);
  }

  /** The current workbook as a workbook file (JSON text). The open table is taken as it is on
   * screen, not as stored: when storage is full, this export is what keeps the latest edits. */
  #workbookJson() {
    const workbooks = this.workbooks;
    workbooks.flush();
    // None when the browser keeps none this page can write (a newer version's store): the open
    // table alone.
    const workbook = workbooks.workbook() ?? { name: '工作簿', sheets: [] };
    const onSummary = workbooks.onSummary;
    const sheets = workbook.sheets
      .map((s) => (!onSummary && s.id === workbooks.sheetId ? this.table.calc.toJson() : workbooks.store.loadSheet(s.id)))
      .filter(Boolean);
    // A sheet opened while storage was full is in no tab yet: it goes last, as its tab would.
    if (!onSummary && !workbook.sheets.some((s) => s.id === workbooks.sheetId)) sheets.push(this.table.calc.toJson());
    const summary = (onSummary ? workbooks.typedSummaryJson() : workbooks.store.loadSummary(workbooks.workbookId))
      ?? '{"format":"jixiao-sheet","version":2,"kind":"summary"}';
    const json = this.table.engine.workbookJson(workbook.name, sheets, summary);
    // The open table is kept in the file: with storage full, it may now be left.
    workbooks.keptInFile();
    return json;
  }

  /** The whole workbook as `kind` ('json' or 'xlsx'). */
  async workbook(kind) {
    const named = this.workbooks.workbook()?.name ?? '工作簿';
    // A workbook named for its 汇总表 (2023年度汇总表) would give the 汇总表's own file name.
    const name = summaryName(named) === named ? `${named}（工作簿）` : named;
    if (kind === 'json') return download(this.#fileName('json', name), this.#workbookJson(), 'application/json');
    const xlsx = await this.spreadsheets();
    download(this.#fileName('xlsx', name), xlsx.workbookToXlsx(this.#workbookJson()), XLSX_TYPE);
  }
}

/** What a sheet holds that its CSV does not, in words, for the notice after a CSV is written: the
 * unit's declared figures 审核 does not find reproduced (`review`, `reviewTable`: the CSV prints
 * the calculator's figures, read back as declared), the 审核意见, the rewritten 自评报告. A
 * reviewer who saves a checked table as CSV would otherwise lose them unseen. */
export function notInCsv(sheet, review) {
  const declared = review.figures - review.reproduced + review.not_compared;
  let opinions = 0;
  const walk = (nodes) => {
    for (const node of nodes ?? []) {
      if (node.opinion?.trim()) opinions += 1;
      walk(node.children);
    }
  };
  walk(sheet.indicators);
  // The bottom line's, typed on the review's 总分 row.
  if (sheet.declared?.opinion?.trim()) opinions += 1;
  return [
    declared ? `与计算结果不同的单位自评数 ${declared} 项` : null,
    opinions ? `审核意见 ${opinions} 条` : null,
    sheet.report?.length ? `改写的自评报告段落 ${sheet.report.length} 段` : null,
  ].filter(Boolean);
}
