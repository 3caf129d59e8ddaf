// 打开文件: sheet and workbook files (JSON), .xlsx and .csv. A file this calculator wrote opens
// from its visible cells (what was edited in Excel is said); any other table goes through the
// column-mapping step (import-dialog.js). A sheet joins the open workbook as a new tab; a
// 汇总表 or a workbook opens as a new workbook, so nothing on screen is overwritten, and a file
// that cannot be read says why and changes nothing.
import { h } from './dom.js';
import { loadFailure } from './load-error.js';

/** A file's bytes as text: UTF-16 after its byte-order mark, else UTF-8; null when they are
 * not (the decoders refuse rather than replace what they cannot read). */
function fileText(bytes) {
  const encoding = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : 'utf-8';
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** A file's name without its extension. */
const stem = (fileName) => fileName.replace(/\.[^.]+$/, '');

/**
 * What is said of the sheet a file opened and `name`, its twin in the workbook (the core's
 * `sameProjectIn`: the same kind, 单位, name and 年度, the name a sheet's 项目名称, a 部门整体
 * form's 单位, else its title), from `meta`, the opened sheet's, which the twin's equals: what
 * the two name alike, and what neither names. Two tables that name no project (nor a 部门整体
 * form's 单位) share only a title, often the form's caption or the file's name: not said to be
 * one project, but what to fill in to tell them apart.
 */
function twinSaid(kind, meta, name) {
  const has = (text) => Boolean(text?.trim());
  const department = kind === 'department';
  // Each part as said here, and as 基本信息 labels it.
  const parts = department
    ? [['单位', '单位名称', meta.unit], ['年度', '年度', meta.year]]
    : [['单位', '实施单位', meta.unit], ['项目', '项目名称', meta.project], ['年度', '年度', meta.year]];
  const alike = parts.filter(([, , text]) => has(text)).map(([part]) => part).join('、');
  const none = parts.filter(([, , text]) => !has(text));
  // `年度未填`, `单位、年度都未填`.
  const blank = none.length ? `${none.map(([part]) => part).join('、')}${none.length > 1 ? '都' : ''}未填` : '';
  if (!has(department ? meta.unit : meta.project)) {
    return `表名相同的${department ? '部门整体' : ''}表格“${name}”（${alike ? `${alike}也相同，` : ''}${blank}）：汇总表会把两张都计入；如这是修改后的版本，合计会重复，请删除旧的一张；如是不同的${department ? '单位' : '项目'}，请在基本信息中填写${none.map(([, label]) => label).join('、')}加以区分。`;
  }
  const what = department
    ? `同一单位${has(meta.year) ? '同一年度' : ''}的部门整体表格“${name}”${blank ? `（${blank}）` : ''}`
    : `同一项目的表格“${name}”（${alike}${blank ? `相同，${blank}` : '都相同'}）`;
  return `${what}：汇总表会把两张都计入，合计会重复；如这是修改后的版本，请删除旧的一张。`;
}

export class FileImport {
  /** `root`: where the mapping step opens; `table`: the open table (its engine);
   * `workbooks`: where what a file holds goes (Workbooks); `spreadsheets()`; `notice`. */
  constructor(root, table, workbooks, spreadsheets, notice) {
    this.root = root;
    this.table = table;
    this.workbooks = workbooks;
    this.spreadsheets = spreadsheets;
    this.notice = notice;
    /** The hidden file picker, put in the bar. */
    this.input = h('input', { type: 'file', accept: '.json,.xlsx,.xlsm,.csv,.txt,.xls,application/json', hidden: true, onchange: (e) => this.#import(e.target.files?.[0]) });
  }

  /** Asks the user for a file. */
  pick() {
    this.input.click();
  }

  /** Loads a sheet through the API: it replaces the sheet on screen (a new sheet when saved).
   * One whose content is the open sheet's (a host writing back a copy of what a change gave
   * it, as a store does) changes nothing: the caret, the undo steps and what is being typed
   * stay, and no change is told. */
  load(json) {
    const opened = this.table.engine.openDocument(json);
    if (opened.kind !== 'sheet') throw new Error('这是工作簿文件；请用“打开文件”导入');
    if (opened.sheets[0] === this.table.calc?.toJson(true)) return;
    this.workbooks.setSheet(opened.sheets[0]);
  }

  /** Puts what a file held where it belongs: a sheet into this workbook, a 汇总表 or a
   * workbook into a new workbook (so nothing on screen is overwritten). */
  #place(opened, fileName) {
    if (opened.kind === 'workbook') {
      const workbooks = this.workbooks;
      const name = opened.name || stem(fileName);
      if (!workbooks.store) {
        // Embedded, one table at a time: the file's first (a unit's file may hold the forms
        // of several projects), and what was left said.
        if (!opened.sheets.length) throw new Error('嵌入的计算器一次只编辑一张表格，这个工作簿文件中没有表格');
        const said = this.#placeSheet(this.table.engine.Calculator.fromJson(opened.sheets[0]), fileName);
        const more = opened.sheets.length - 1;
        return more ? `${said ?? ''}文件中另有 ${more} 张表格未打开：嵌入的计算器一次只编辑一张表格。` : said;
      }
      workbooks.addWorkbook(name, opened.sheets, opened.summary);
      return `已打开工作簿“${name}”（${opened.sheets.length} 张表格）。`;
    }
    return this.#placeSheet(this.table.engine.Calculator.fromJson(opened.sheets[0]), fileName);
  }

  /** A JSON file: a sheet is read once, from its bytes straight into its calculator (at ten
   * thousand indicators, reading it into sheet files first and then each into a calculator
   * doubled the wait); what is not one sheet in UTF-8 (a workbook, UTF-16 text as Notepad's
   * "Unicode" saves it, a file that is not ours) as text through openDocument, which says what
   * it is. Bytes that are not text in either (GBK, say) keep the core's own message: read as
   * text they would turn into � and be taken for what was typed. */
  async #openJson(file) {
    const bytes = new Uint8Array(await file.arrayBuffer());
    let calc;
    try {
      calc = this.table.engine.Calculator.fromBytes(bytes);
    } catch (error) {
      const text = fileText(bytes);
      if (text == null) throw error;
      return this.#place(this.table.engine.openDocument(text), file.name);
    }
    return this.#placeSheet(calc, file.name);
  }

  /** One sheet, read into `calc`: into this workbook, or (a 汇总表) a new one. */
  #placeSheet(calc, fileName) {
    const workbooks = this.workbooks;
    if (calc.kind === 'summary' && workbooks.store) {
      const json = calc.toJson(true);
      const title = calc.meta().title;
      calc.free();
      workbooks.addWorkbook(title || stem(fileName), [], json);
      // Counted in the 汇总表 now open (a new workbook: all its rows are the file's).
      return `已将“${fileName}”的 ${this.table.sheet?.projects?.length ?? 0} 个项目导入为新工作簿的汇总表。`;
    }
    // A table from elsewhere often has no name: the file's name is the best it has.
    const meta = calc.meta();
    if (!meta.project && !meta.title) calc.setMeta('title', stem(fileName));
    // Storage full is said on a line of its own, as the error it is; what opening the file
    // did (the cells edited in a returned form) is still said above it.
    const { twin: same, replaced, leftOut } = workbooks.addCalculator(calc, undefined, true);
    if (replaced) return `已打开“${fileName}”，代替了未填写过的初始表格。`;
    if (!same) return `已打开“${fileName}”。`;
    // Another year of a project than the one the 汇总表 counts: neither copy is counted.
    if (leftOut) {
      return `已打开“${fileName}”。工作簿中已有${same.identical ? '一张与它完全相同的表格' : '同一项目同一年度的表格'}“${same.name}”；汇总表计入的是该项目另一年度的表格，这两张都未计入。如是重复打开，请删除其中一张。`;
    }
    return same.identical
      ? `已打开“${fileName}”。工作簿中已有一张与它完全相同的表格“${same.name}”：汇总表会把两张都计入，如是重复打开，请删除其中一张。`
      : `已打开“${fileName}”。工作簿中已有${twinSaid(calc.kind, meta, same.name)}`;
  }

  async #import(file) {
    this.input.value = '';
    if (!file) return;
    const name = file.name;
    try {
      if (/\.(xlsx|xlsm|csv|txt|xls)$/i.test(name)) return await this.#importSpreadsheet(file);
      // A document (the 自评报告 exported as Word, a PDF) would be read as a sheet file and
      // refused as text that is not UTF-8, which says nothing to do.
      const document = /\.(docx?|wps|pdf|pptx?|dps)$/i.exec(name)?.[1].toLowerCase();
      if (document) {
        const kind = document === 'pdf' ? ' PDF 文档' : /^(ppt|dps)/.test(document) ? '演示文稿' : ' Word 文档';
        throw new Error(`这是${kind}，不是表格：请打开 Excel（.xlsx）、CSV 或本计算器保存的 .json 文件`);
      }
      this.#said(await this.#openJson(file));
    } catch (error) {
      this.notice.show(`无法打开“${name}”：${error?.message ?? error}。当前表格未受影响。`, 'error');
    }
  }

  /** What opening a file did, unless an error about it was said already (`null`). */
  #said(message) {
    if (message) this.notice.show(message, 'info');
  }

  async #importSpreadsheet(file) {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const xlsx = await this.spreadsheets();
    const preview = xlsx.previewSpreadsheet(bytes, file.name);
    if (preview.embedded || preview.form) {
      // A form this calculator wrote: its visible cells are read as they are now, and what
      // was edited in Excel is said.
      const opened = xlsx.importSpreadsheet(bytes, file.name);
      const placed = this.#place(opened, file.name);
      this.#said(placed && opened.message ? `${placed}${opened.message}` : placed);
      return;
    }
    // (Fetched when first needed: a failure is reported as the file's, by #import.)
    const { mappingDialog } = await import('./import-dialog.js').catch((error) => {
      throw loadFailure('列的核对', 'import-dialog.js', error, { retry: '再打开一次' });
    });
    mappingDialog(this.root, {
      fileName: file.name,
      preview,
      roles: xlsx.columnRoles(),
      reguess: (choices) => xlsx.previewSpreadsheet(bytes, file.name, JSON.stringify(choices)),
      submit: (mapping) => {
        const opened = xlsx.importSpreadsheet(bytes, file.name, JSON.stringify(mapping));
        const placed = this.#place(opened, file.name);
        this.#said(placed && opened.message ? `${placed}${opened.message}` : placed);
      },
    });
  }
}
