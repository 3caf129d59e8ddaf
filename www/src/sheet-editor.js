// Editing the indicator table: a keystroke goes to the core as one cell edit and only what it
// changed is redrawn; typing in one cell is one undo step, and a target typed with its
// comparison (`≤3天`) sets the row's 比较方式 in the same step. Rows are inserted, moved,
// indented and removed from the ⋯ menu and the keys, and a block of values pasted from Excel
// is written cell by cell.
import { h, keepFocus, sectionHead } from './dom.js';
import { cellStep } from './history.js';
import { PASTE_COLUMNS, editableKeys, pasteField, ruleKind } from './sheet-columns.js';
import { RULES } from './catalog.js';
import { newRule } from './rule-params.js';
import { FindBar } from './find-bar.js';
import { TableHeld } from './guard.js';

export class SheetEditor {
  /**
   * `table`: the open table; `view`: the indicator table (SheetView); `history`, `notice`;
   * `edits`: whole-sheet undo steps (Edits); `page`: what the page redraws: `renderAll(focus)`,
   * `totals(t)`, `detailSoon()`, `checks()`, `changed()`.
   */
  constructor(table, view, history, notice, edits, page) {
    this.table = table;
    this.view = view;
    this.history = history;
    this.notice = notice;
    this.edits = edits;
    this.page = page;
    /** Set while a row is redrawn under the caret: the focus leaving it ends no typing run. */
    this.redrawing = false;
    const button = (text, onclick) => h('button', { type: 'button', onclick }, text);
    /** The page's own search (Ctrl+F): it finds rows not drawn. */
    this.find = new FindBar(view);
    /** The 绩效指标 section: the tools above the table, and the table. */
    this.section = h('section', { class: 'jx-section' },
      sectionHead('绩效指标', '每次输入即时计算；Enter / 方向键移动，可从 Excel 粘贴整块'),
      h('div', { class: 'jx-tools' },
        button('＋ 添加一级指标', () => this.edits.reshape(() => this.table.calc.insert(undefined, 1e9, '{}'))),
        button('＋ 在当前行下方插入', () => this.action('insert-after', view.current ?? this.table.calc.length - 1)),
        button('＋ 插入下级指标', () => this.action('insert-child', view.current ?? 0)),
        button('查找', () => this.find.open())),
      this.find.element,
      view.element);
  }

  /**
   * An indicator taken from the 指标库 for row `i`: its name, and its 计量单位, 比较方式,
   * 年度指标值 and rule where the row has none (nothing typed is replaced). One undo step; the
   * caret goes on to what is left to fill.
   */
  takeFromLibrary(i, entry) {
    const row = this.view.rows[i];
    if (!row) return;
    const data = { ...row.data };
    const calc = this.table.calc;
    const filled = [];
    this.edits.reshape(() => {
      calc.set(i, 'name', entry.name);
      if (entry.rule && !data.rule) calc.set(i, 'rule', JSON.stringify(entry.rule));
      for (const [field, label] of [['comparison', '比较方式'], ['unit', '计量单位'], ['target', '年度指标值']]) {
        if (entry[field] && !data[field]) {
          calc.set(i, field, entry[field]);
          filled.push(`${label}“${entry[field]}”`);
        }
      }
      return i;
    });
    const next = this.view.rows[i];
    const keys = next ? editableKeys(next.node, next.data) : [];
    const key = [next?.data.target ? null : 'target', 'actual', 'level', 'score'].find((k) => k && keys.includes(k));
    if (key) this.view.focus(i, key);
    this.notice.show(`已从指标库选用“${entry.name}”${filled.length ? `，填入${filled.join('、')}` : ''}（来源：${entry.source}；可撤销）。`, 'info');
  }

  /** The current text of a row's field, as the history needs it. */
  #value(i, field) {
    const data = this.view.rows[i]?.data ?? {};
    if (field === 'rule') return data.rule ? JSON.stringify(data.rule) : '';
    if (field === 'not_applicable') return data.not_applicable ? 'true' : 'false';
    return data[field] ?? '';
  }

  /** A field of row `i` typed or chosen (`rule-kind`: a rule chosen by its kind). `typed`
   * names a rule's parameter typed in its own field (rule-params.js): its keys are one undo
   * step, as a cell's are. */
  edit(i, field, value, typed = null) {
    if (field === 'rule-kind') {
      const kind = value;
      field = 'rule';
      value = newRule(kind);
    }
    const before = this.#value(i, field);
    if (before === value) return;
    const comparison = this.#value(i, 'comparison');
    const update = this.#set(i, field, value);
    if (!update) return;
    // Choices are one step each; typing in a cell coalesces.
    const chosen = (field === 'rule' && !typed) || field === 'comparison' || field === 'level' || field === 'not_applicable';
    const key = chosen ? null : `n:${i}:${field}${typed ? `:${typed}` : ''}`;
    if (field === 'target') {
      // A comparison an earlier keystroke of this typing set (`3天内`) goes back when the
      // text no longer says it (`3天内部`): what the target says, the row says.
      const run = this.history.current(key);
      const started = run?.comparison?.before ?? comparison;
      if (!update.comparison_set && this.#value(i, 'comparison') !== started && this.table.engine.readCell(value).comparison === null) {
        this.#set(i, 'comparison', started);
        this.notice.show(`${this.#rowLabel(i)}的比较方式已恢复为“${started || '未设'}”：年度指标值中不再写明比较方式。`, 'info');
      }
    }
    const comparisons = field === 'target' ? { before: comparison, after: this.#value(i, 'comparison') } : null;
    this.history.push(this.#cellStep(i, field, key, before, value, comparisons));
    this.page.changed();
  }

  /**
   * The undo step of one cell. Typing a target can set the row's 比较方式 too (`≤3天`):
   * undoing and redoing restore it as it was before and after the typing, whatever each
   * keystroke did.
   */
  #cellStep(i, field, key, before, after, comparison) {
    // A row renamed takes its rewritten paragraphs of the 自评报告 with it, once typed.
    const carry = field === 'name' ? (from, to) => {
      this.table.calc.carryReport('row', from, to);
      this.page.changed();
    } : null;
    const step = cellStep(key, before, after, (v) => this.#set(i, field, v, { focus: true }), carry);
    step.comparison = comparison;
    const merge = step.merge;
    step.merge = (previous) => {
      merge(previous);
      if (previous.comparison) step.comparison = { before: previous.comparison.before, after: step.comparison.after };
      return step;
    };
    const restore = (wanted) => {
      if (step.comparison && this.#value(i, 'comparison') !== wanted) this.#set(i, 'comparison', wanted);
    };
    const { undo, redo } = step;
    step.undo = () => {
      undo();
      restore(step.comparison?.before);
    };
    step.redo = () => {
      redo();
      restore(step.comparison?.after);
    };
    return step;
  }

  /** Sends one cell to the core and redraws what changed. Returns the update, or null when
   * the core refused the value. */
  #set(i, field, value, { focus = false } = {}) {
    const view = this.view;
    let update;
    try {
      update = this.table.calc.set(i, field, value);
    } catch (error) {
      this.notice.show(error?.message ?? String(error), 'error');
      const input = view.rows[i]?.inputs[field];
      if (input) input.value = this.#value(i, field);
      return null;
    }
    const row = view.rows[i];
    if (field === 'rule') row.data.rule = value ? JSON.parse(value) : undefined;
    else if (field === 'not_applicable') row.data.not_applicable = value === 'true';
    else row.data[field] = value;
    const position = view.position();
    // A parameter typed under the row (rule-params.js), which is drawn again with the rule.
    const root = view.table.getRootNode();
    const inParams = root.activeElement?.closest?.(`[data-params="${i}"]`) != null;
    // An undo or redo leaves the caret after the text it brought back, as an editor does: the
    // text selected went with the next key typed.
    const end = ['rule', 'comparison', 'level', 'not_applicable'].includes(field) ? null : String(value ?? '').length;
    if (update.full) {
      this.page.renderAll(focus ? { index: i, key: field, caret: end } : position);
      return update;
    }
    view.apply(update);
    // The 项目资金 block shows the 分值 and 得分 of a 预算执行率 scored from it.
    if (row.data.rule?.kind === 'budget_execution') this.page.funds();
    const set = update.comparison_set;
    if (set) {
      // The target said how to compare: the row's 比较方式 follows, shown where it changed.
      row.data.comparison = set.after ?? undefined;
      this.notice.show(`${this.#rowLabel(i)}的比较方式已按年度指标值改为“${set.after}”（原为“${set.before ?? '未设'}”），可撤销。`, 'info');
    }
    // A 定性 row's words are typed under it (rule-params.js), not in its cell, which chooses
    // the level: undone or redone, the row is drawn again with them.
    const words = focus && field === 'actual' && ruleKind(row.data) === 'qualitative';
    // 不适用 set or taken back (by its menu, undo or redo): the row drawn again, its menu
    // offering the other way back.
    const marked = field === 'not_applicable';
    if (field === 'rule' || field === 'comparison' || field === 'level' || marked || set || words) {
      const caret = position?.index === i ? view.rows[i].inputs[position.key]?.selectionStart : null;
      // What the cell held when it was focused, for Esc to bring back: the input drawn afresh
      // is focused again, and must not take what was typed since for it.
      const before = position?.index === i ? view.rows[i].inputs[position.key]?.dataset.before : undefined;
      this.redrawing = true;
      try {
        if (inParams) keepFocus(view.table, () => view.rebuild(i));
        else view.rebuild(i);
        if (position?.index === i) {
          view.focus(i, position.key, caret);
          const input = view.rows[i].inputs[position.key];
          if (input && before != null) input.dataset.before = before;
        } else if (words) view.focus(i, 'actual');
        else if (marked && focus) view.focus(i, 'name');
      } finally {
        this.redrawing = false;
      }
      if (set) view.rows[i].cells.comparison?.classList.add('jx-flash');
    } else if (focus) {
      const input = row.inputs[field];
      if (input && input.value !== value) input.value = value;
      view.focus(i, field, end);
    }
    const table = this.table;
    table.sheetDiagnostics = [
      ...update.diagnostics.filter((d) => d.in === 'sheet' || d.in === 'setting'),
      ...(table.sheetDiagnostics ?? []).filter((d) => d.in === 'funds' || d.in === 'project'),
    ];
    this.page.totals(update);
    // The report keeps the totals and counts the bar and the explanation read.
    const { full, changed, diagnostics, comparison_set, ...totals } = update;
    table.report = { ...table.report, ...totals };
    this.page.detailSoon();
    this.page.checks();
    return update;
  }

  /** A row as a message names it: “完工时间”, or for a row not named yet, its group's. */
  #rowLabel(i) {
    const rows = this.view.rows;
    const name = rows[i]?.data.name;
    if (name) return `“${name}”`;
    const parent = rows[rows[i]?.node.parent]?.data.name;
    return parent ? `“${parent}”下未命名的指标` : `第${i + 1}行指标`;
  }

  /** Keys typed on row `i`'s cell `key`, which takes no input: said, with where to type. */
  refused(i, key) {
    const row = this.view.rows[i];
    if (!row) return;
    const kind = ruleKind(row.data);
    const why = !row.node.leaf
      ? (key === 'score' ? '分组的得分是下级指标得分之和' : '分组行只填名称和分值')
      : key === 'score' ? '这一行的得分按计分方法算出；如需直接给分，请把计分方法改为“手工打分”'
      : key === 'rate' ? '完成率由实际完成值和年度指标值算出'
      : (key === 'target' || key === 'actual') && kind === 'budget_execution' ? '这一行的预算数和执行数取自“项目资金”，请在那里填写'
      : key === 'comparison' ? '这一行的计分方法不用比较方式'
      : '这一格不填写';
    this.notice.show(`${this.#rowLabel(i)}：${why}，不能在此输入。`, 'info');
  }

  /** A row action from the ⋯ menu, the keys or the buttons above the table. */
  action(name, i) {
    const rows = this.view.rows;
    const calc = () => this.table.calc;
    const reshape = (apply) => this.edits.reshape(apply);
    switch (name) {
      case 'insert-after': {
        if (!rows.length) return reshape(() => calc().insert(undefined, 0, '{}'));
        const parent = rows[i]?.node.parent ?? undefined;
        const siblings = rows.filter((r) => r.node.parent === rows[i].node.parent).map((r) => r.node.index);
        return reshape(() => calc().insert(parent ?? undefined, siblings.indexOf(i) + 1, '{}'));
      }
      case 'insert-child':
        if (!rows.length) return reshape(() => calc().insert(undefined, 0, '{}'));
        return reshape(() => calc().insert(i, 1e9, '{}'));
      case 'indent':
        return reshape(() => calc().indent(i));
      case 'outdent':
        return reshape(() => calc().outdent(i));
      case 'up':
        return reshape(() => calc().moveBy(i, -1));
      case 'down':
        return reshape(() => calc().moveBy(i, 1));
      case 'remove': {
        const name = rows[i]?.node.name || `第${i + 1}行`;
        const below = rows[i]?.node.leaf ? '' : '及其全部下级指标';
        if (!window.confirm(`删除“${name}”${below}？（可撤销）`)) return;
        return reshape(() => {
          calc().remove(i);
          return Math.min(i, calc().length - 1);
        });
      }
      case 'toggle-na':
        this.edit(i, 'not_applicable', rows[i]?.data.not_applicable ? 'false' : 'true');
        // The menu closed over the item pressed: the keys go back to the row, as after the
        // other items, not to the page.
        if (rows[i]) this.view.focus(i, 'name');
        return;
    }
  }

  /**
   * Writes a block of values pasted into the table from row `start`, column `column` on. The
   * block's columns fall on the table's columns as they stand on screen, 完成率 included, as a
   * block copied from a form in Excel lines up with them: a cell on a figure the table works
   * out, or past the last column, is not written, and the notice says so.
   */
  paste(start, column, grid) {
    const calc = this.table.calc;
    const before = calc.toJson();
    const firstColumn = PASTE_COLUMNS.indexOf(column);
    let written = 0;
    let refused = 0;
    let computed = 0;
    let beyond = 0;
    let compared = 0;
    /** Set when the table takes no edit now (guard.js): that is what is said. */
    let held = null;
    const labels = new Map(RULES.map(([kind, label]) => [label, kind]));
    // The block's lines go to the rows that take its first column: a 二级 group between two
    // indicators (Excel's form has none) is passed over, not given a value it drops; pasted
    // at an indicator, a column of names or 分值 passes over the groups too, which Excel's form
    // keeps in columns of their own, and does not rename them.
    const leaves = this.view.rows[start]?.node.leaf;
    const rows = this.view.rows.map((row, index) => ({ row, index })).slice(start)
      .filter(({ row }) => pasteField(row, column) && (!leaves || row.node.leaf));
    grid.forEach((cells, r) => {
      const { row, index } = rows[r] ?? {};
      if (!row) return;
      cells.forEach((text, c) => {
        const key = PASTE_COLUMNS[firstColumn + c];
        const field = key && pasteField(row, key);
        if (!field) {
          if (!text.trim()) return;
          // A figure the table works out (完成率, a 得分 its rule gives) is ours to show.
          if (key) computed++;
          else beyond++;
          return;
        }
        let value = text.trim();
        let target = field;
        if (field === 'rule-kind') {
          const kind = labels.get(value) ?? (RULES.some(([k]) => k === value) ? value : null);
          if (kind == null) return refused++;
          target = 'rule';
          value = newRule(kind);
        }
        try {
          if (field === 'level') {
            // A 定性 row's 实际完成值 as a form shows it, read as a form read from Excel is:
            // 2023-11-30前出台（部分达成） is those words and that level, 达成 alone the level;
            // other words (已完成) are kept as typed, the core reading a level from them.
            const { words, level } = this.table.engine.readLevelCell(value);
            calc.set(index, 'level', level ?? '');
            calc.set(index, 'actual', words.trim() === level ? '' : words);
          } else if (calc.set(index, target, value).comparison_set) compared++;
          written++;
        } catch (error) {
          if (error instanceof TableHeld) held = error;
          else refused++;
        }
      });
    });
    if (held) {
      this.notice.show(held.message, 'error');
      return;
    }
    const left = Math.max(0, grid.length - rows.length);
    const after = calc.toJson();
    if (after !== before) this.history.push(this.edits.snapshot(before, after));
    this.page.renderAll({ index: start, key: column });
    const said = [];
    if (refused) said.push(`${refused} 个无法写入（如比较方式、计分方法不可识别），已跳过`);
    if (computed) said.push(`${computed} 个落在本行不可填写的格（如完成率、按规则计算的得分），未写入`);
    if (beyond) said.push(`${beyond} 个超出表格最右一列（偏差原因及改进措施），未粘贴`);
    if (left) said.push(`最后 ${left} 行下面没有可填的行，未粘贴`);
    if (grid.typed) said.push(`${grid.typed} 个数字按 Excel 中保存的值粘贴（Excel 显示的是四舍五入后的数）`);
    if (compared) said.push(`${compared} 行的比较方式已按年度指标值改变`);
    if (said.length) this.notice.show(`已粘贴 ${written} 个单元格；${said.join('；')}。可撤销。`, refused || left || beyond ? 'error' : 'info');
    this.page.changed();
  }
}
