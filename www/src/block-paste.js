// A block copied from Excel with its header row (a 自评表 or a 汇总表 copied whole: 一级 / 二级
// names in merged cells, a 合计 row) becomes the rows it describes, read by the spreadsheet
// module through the same column mapping as 打开文件 (the mapping step is shown when a column
// is not understood) and placed at the cursor as one undo step. A block of values alone is
// left to the table it was pasted into, written cell by cell.
import { loadFailure } from './load-error.js';

/** A notice's list: its first five items, and how many there are beyond them (`等 7 处`). */
const firstFive = (items, separator, unit) =>
  items.slice(0, 5).join(separator) + (items.length > 5 ? ` 等 ${items.length} ${unit}` : '');

export class BlockPaste {
  /**
   * `root`: where the mapping step opens; `table`: the open table; `spreadsheets()`: the
   * spreadsheet module; `history`, `notice`; `edits`: whole-sheet undo steps (Edits); `on`:
   * `linkedCount()` (汇总表 rows that come from sheets), `focusProject(row)`, `changed()`.
   */
  constructor(root, table, spreadsheets, history, notice, edits, on) {
    this.root = root;
    this.table = table;
    this.spreadsheets = spreadsheets;
    this.history = history;
    this.notice = notice;
    this.edits = edits;
    this.on = on;
  }

  /**
   * `grid` pasted at row `start` of the indicator table (`kind` 'indicators') or of the 汇总表
   * ('summary'); `byCell()` writes it cell by cell when it has no header the core recognises.
   */
  async paste(kind, start, grid, byCell) {
    if (grid.length < 2) return byCell();
    let xlsx;
    try {
      xlsx = await this.spreadsheets();
    } catch {
      return byCell();
    }
    const rows = JSON.stringify(grid);
    const preview = this.notice.attempt(() => xlsx.previewTable(rows));
    const table = preview?.tables[0];
    if (!table?.mapping) {
      // A 资金 block is not indicators: said, rather than written into their cells.
      const funds = kind === 'indicators' ? this.notice.attempt(() => xlsx.fundsBlockNotice(rows)) : null;
      if (funds) return this.notice.show(funds, 'error');
      return byCell();
    }
    if (table.mapping.kind !== kind) {
      const what = kind === 'summary' ? '指标评分表' : '项目汇总表';
      const where = kind === 'summary' ? '打开或新建一张表格后' : '到汇总表';
      this.notice.show(`粘贴的内容是一张${what}（按表头识别），请${where}再粘贴。未做任何改动。`, 'error');
      return;
    }
    // A workbook's 汇总表 rows from its sheets (first) are never written by a paste.
    const linked = kind === 'summary' ? this.on.linkedCount() : 0;
    const place = (mapping) => this.#place(kind, start, grid.typed, (sheet, at) => xlsx.pasteTable(rows, JSON.stringify(mapping), sheet, at, linked));
    if (table.certain) return place(table.mapping);
    let mappingDialog;
    try {
      ({ mappingDialog } = await import('./import-dialog.js'));
    } catch (error) {
      this.notice.show(loadFailure('列的核对', 'import-dialog.js', error, { retry: '再粘贴一次', note: '未做任何改动。' }).message, 'error');
      return;
    }
    mappingDialog(this.root, {
      fileName: '粘贴的内容',
      title: '粘贴的表格',
      action: '粘贴',
      hint: '粘贴的内容有表头，但有的列未能识别（已标出）。请核对每一列的含义，再粘贴。',
      preview,
      roles: xlsx.columnRoles(),
      reguess: (choices) => xlsx.previewTable(rows, JSON.stringify(choices)),
      submit: place,
    });
  }

  /**
   * Places a pasted table's rows at the cursor (`paste(sheet, at)` gives the sheet with them,
   * from the spreadsheet module): the sheet is opened as it comes back, one undo step, and a
   * word on what it did (`typed`: how many figures were taken as Excel holds them).
   */
  #place(kind, start, typed, paste) {
    const before = this.table.calc.toJson();
    // In a workbook's 汇总表 the first rows are its sheets': typed rows go after them.
    const at = kind === 'summary' ? Math.max(start, this.on.linkedCount() - 1) : start;
    let result;
    try {
      result = paste(before, at);
    } catch (error) {
      this.notice.show(`无法粘贴：${error?.message ?? error}。未做任何改动。`, 'error');
      return;
    }
    const done = result.pasted;
    if (!this.edits.restore(result.sheet, kind === 'indicators' && done.first != null ? { index: done.first, key: 'name' } : null)) return;
    const after = this.table.calc.toJson();
    if (after !== before) this.history.push(this.edits.snapshot(before, after));
    if (kind === 'summary' && done.first != null) this.on.focusProject(done.first);
    const parts = [`新增 ${done.added} 行`];
    if (done.filled) parts.push(`填入已有的 ${done.filled} 行`);
    // A workbook's sheet gives its 汇总表 row: a pasted copy of that row changes nothing there.
    if (done.from_sheets) parts.push(`${done.from_sheets} 行是工作簿中表格的项目，未改动（这些行由表格算出，请在该表格中修改）`);
    if (done.replaced) parts.push(`替换${kind === 'summary' ? '' : '模板'}空行 ${done.replaced} 行`);
    if (result.totals) parts.push(`跳过合计 / 小计 ${result.totals} 行`);
    if (result.headers) parts.push(`跳过表格中间重复的表头 ${result.headers} 行`);
    parts.push(...(result.said ?? []));
    if (done.above?.length) parts.push(`表头以上的内容已填入${kind === 'summary' ? '' : '基本信息与资金情况'}：${done.above.join('、')}`);
    // The 合计 row's 总分, the 评价等级 line: kept for 审核 to check, as opening the table keeps them.
    if (done.declared?.length) parts.push(`表格的合计已作为自评数，供审核核对：${done.declared.join('、')}`);
    // A 汇总表 block among other rows (a workbook's rows from its sheets too): its 合计 is not the table's.
    if (done.partial_total != null) parts.push(`粘贴内容的合计只含粘贴的 ${done.partial_total} 个项目，不是整张汇总表的合计，未作为自评数保留`);
    // The table's own declared 合计 is of the rows before: 审核 checks it against them all.
    if (done.earlier_rate) parts.push(`表中原有的合计自评完成率 ${done.earlier_rate} 是粘贴前各项目的，审核仍将它与现在全部项目的合计核对，差异不一定是填报差错`);
    // A whole table over the untouched template: the template's groups it has none of go,
    // named up to five, counted beyond (a template for another table can lose seven).
    const dropped = done.dropped ?? [];
    if (dropped.length) parts.push(`整张表格替代了空白模板，去掉了表格中没有的模板行：${firstFive(dropped, '、', '项')}`);
    const changed = done.overwritten ?? [];
    if (changed.length) parts.push(`改写了 ${changed.length} 个已填的单元格：${firstFive(changed, '；', '处')}`);
    // A blank pasted cell keeps the row's, where Excel would have cleared it: said, with what to do.
    const kept = done.kept ?? [];
    if (kept.length) parts.push(`粘贴内容中空白的单元格未清除已填的内容：${firstFive(kept, '、', '处')}（如要清空，请在表中删除）`);
    if (typed) parts.push(`${typed} 个数字按 Excel 中保存的值粘贴（Excel 显示的是四舍五入后的数）`);
    this.notice.show(`已按表头粘贴：${parts.join('，')}。可撤销。`, 'info');
    this.on.changed();
  }
}
