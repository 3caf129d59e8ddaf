// 审核: the unit's declared figures (自评) beside ours (审核) for every row, each difference
// marked and explained, a 审核意见 the reviewer types beside it, a convention the core found
// applied to the whole sheet in one click, and the review exported as the workbook a reviewer
// hands back. What is shown is the core's review (reviewTable, in the spreadsheet module: a
// reviewer opens the unit's Excel, which loads it anyway, and the first load stays lean); what
// is typed goes to the core as an edit of the row's declared figure or opinion, one undo step
// per cell.
import { h, fill, keepFocus, sectionHead } from './dom.js';
import { keepFocusClearOfSticky } from './clear-of-sticky.js';
import { cellStep } from './history.js';
import { pastedBlock } from './clipboard.js';
import { ViewPanel } from './view-panel.js';

/** How each verdict is said and marked. */
/** What the unit declared in a row's 得分 column, by where the row is. */
const SCORE_LABEL = { funds: '自评得分', project: '自评等级', total: '自评总分', grade: '自评等级' };

/** The rows with a 完成率 of their own besides the leaves: 资金 rows, projects, the 合计. */
const RATED = new Set(['funds', 'project', 'summary']);

const VERDICT = {
  reproduced: ['一致', 'jx-rv-same'],
  explained: ['约定可复现', 'jx-rv-explained'],
  // A convention other figures of the table contradict: it does not explain the table.
  doubtful: ['约定存疑', 'jx-rv-doubtful'],
  unexplained: ['差错', 'jx-rv-slip'],
  follows: ['随上游差异', 'jx-rv-follows'],
  // Declared where the table has no figure to compare (a 完成率 on a row its rule scores
  // without one): said in the notes, not counted.
  not_compared: ['不核对', ''],
};

/** The worse of a row's two figures, for its mark. */
function verdictOf(row) {
  for (const s of ['unexplained', 'doubtful', 'explained', 'follows', 'reproduced', 'not_compared']) {
    if (row.rate.status === s || row.score.status === s) return s;
  }
  return null;
}

/** The review's fields typed into, in the order of its columns: a pasted block's cells go along them. */
const PASTE_FIELDS = ['declared_rate', 'declared_score', 'opinion'];

export class ReviewPanel extends ViewPanel {
  /**
   * `table`: the open table; `spreadsheets()`: the spreadsheet module; `history`; `notice`;
   * `edits`: whole-sheet undo steps (a convention applied); `page`: `changed()`;
   * `exportReview()`: downloads the review workbook; `toggled(open)`: the page shows the
   * review in place of the table, or the table again.
   */
  constructor(table, spreadsheets, history, notice, edits, page, exportReview, toggled) {
    super(toggled);
    this.table = table;
    this.spreadsheets = spreadsheets;
    this.history = history;
    this.notice = notice;
    this.edits = edits;
    this.page = page;
    this.exportReview = exportReview;
    this.button = h('button', { type: 'button', 'aria-pressed': 'false', title: '核对单位填报的完成率、得分、小计、总分、等级', onclick: () => this.toggle() }, '审核');
    this.body = h('div', { class: 'jx-scroll' });
    // A figure or opinion moved to stays clear of the row's name, which stays at the left.
    keepFocusClearOfSticky(this.body, { cell: 'td', stuck: 'th[scope="row"]' });
    this.counts = h('p', { class: 'jx-review-counts' });
    this.found = h('div');
    this.errors = h('div');
    /** What the conventions and errors were last drawn from: redrawn only when it changes, so
     * that a button is never replaced under the pointer. */
    this.drawn = { found: null, errors: null };
    this.head = h('div', { class: 'jx-review-head' }, this.counts, this.found, this.errors,
      h('div', { class: 'jx-tools' }, h('button', { type: 'button', onclick: () => this.exportReview() }, '导出审核表（Excel）')));
    this.section = h('section', { class: 'jx-section jx-review', hidden: true, 'aria-label': '审核' },
      sectionHead('审核', '自评数为单位填报（可在此录入或修改），审核数由计分规则算出；差异逐项说明'),
      this.head, this.body);
  }

  loading() {
    if (!this.counts.textContent) this.counts.textContent = '正在核对单位填报的数字…';
  }

  /** Draws the review again (while open). */
  async render() {
    if (!this.open) return;
    let xlsx;
    try {
      xlsx = await this.spreadsheets();
    } catch (error) {
      this.notice.show(`审核无法进行：${error?.message ?? error}`, 'error');
      return;
    }
    this.#draw(xlsx);
  }

  /** Drawn at once with the module already loaded: before a print, which does not wait for
   * the next task, so that the paper compares what was just typed. */
  renderNow() {
    if (!this.loaded) return;
    this.#draw(this.loaded);
    this.settled();
  }

  #draw(xlsx) {
    if (!this.open) return;
    this.loaded = xlsx;
    let review;
    try {
      review = xlsx.reviewTable(this.table.calc.toJson());
    } catch (error) {
      this.notice.show(`审核无法进行：${error?.message ?? error}`, 'error');
      return;
    }
    keepFocus(this.section, () => {
      this.#head(review);
      this.#table(review);
    });
  }

  #head(review) {
    const { doubtful, unexplained } = review;
    // The counts as the core says them, in the review workbook too.
    this.counts.textContent = review.counts
      || '表中还没有单位填报的完成率、得分、小计、总分或等级：可在下表“自评”两栏录入，或打开单位填好的 Excel / CSV。';
    // Marked as a table with slips when a convention found is one the table contradicts too.
    this.counts.dataset.unexplained = String(unexplained + doubtful);
    const found = JSON.stringify(review.conventions);
    if (found !== this.drawn.found) {
      this.drawn.found = found;
      fill(this.found, review.conventions.map((c) => h('p', { class: 'jx-review-convention' },
        `“${c.label}”：本表 ${c.of} 处差异中，有 ${c.reproduces} 处按此约定可复现`,
        c.contradicts
          // Adopting it would break figures the table prints as we compute them.
          ? `；但另有 ${c.contradicts} 处按此约定反而不一致，不宜整表采用。`
          : h('span', {}, '。', h('button', { type: 'button', onclick: () => this.#apply(c) }, '本表按此约定计分')))));
    }
    const errors = JSON.stringify(review.sheet_errors);
    if (errors !== this.drawn.errors) {
      this.drawn.errors = errors;
      fill(this.errors, review.sheet_errors.length
        ? h('details', {}, h('summary', {}, `表中错误 ${review.sheet_errors.length} 处（不影响审核结论）`),
          h('ul', {}, review.sheet_errors.map((e) => h('li', {}, e))))
        : null);
    }
  }

  #table(review) {
    this.rows = review.rows;
    // A 汇总表's rows are projects, graded from their 分数.
    const summary = review.rows.some((row) => row.place.in === 'project');
    const rows = review.rows.map((row, k) => {
      const verdict = verdictOf(row);
      const [said, cls] = VERDICT[verdict] ?? ['', ''];
      const word = row.not_applicable && verdict === 'not_compared' ? '不适用·不核对' : said;
      const node = row.place.in === 'node' ? row.place.node : null;
      const setter = this.#setter(row.place);
      // What the unit printed, typed by the reviewer from a paper form: every row's, the 总分's
      // and 等级's too.
      const input = (field, value, label) => {
        // A row 不适用 has left the table: what the unit wrote there is shown, not compared,
        // and not typed into.
        if (row.not_applicable && field !== 'opinion') {
          return h('span', { class: 'jx-out', title: '该指标不适用：所填自评数照录，不核对' }, value);
        }
        const apply = setter?.(field);
        return apply
          ? h('input', { value, 'aria-label': `${row.name || `第${(node ?? row.place.row ?? 0) + 1}行`}的${label}`, 'data-field': field,
            onchange: (e) => {
              if (this.#edit(`review:${row.place.in}:${row.place.node ?? row.place.row ?? ''}:${field}`, apply, e.target.dataset.taken ?? value, e.target.value)) {
                e.target.dataset.taken = e.target.value;
              }
            },
            // A column copied from a paper form's spreadsheet goes down the rows, not into one.
            onpaste: pastedBlock((grid) => this.#paste(k, field, grid)) })
          : h('span', { class: 'jx-out' }, value);
      };
      const figure = (f) => h('td', { class: `jx-num jx-rv-${f.status}` }, f.computed ?? '—');
      return h('tr', { class: cls, 'data-row': k, 'data-place': row.place.in },
        h('th', { scope: 'row', class: row.leaf ? null : 'jx-rv-group', style: `padding-left: ${0.5 + row.depth * 1.2}em` }, row.name),
        h('td', { class: 'jx-num' }, row.weight ?? ''),
        // A group has no 完成率 of its own, nor a row scored by hand (定性, 手动, 加减分).
        h('td', {}, (row.leaf && !row.entered) || row.rate.declared || RATED.has(row.place.in) ? input('declared_rate', row.rate.declared, '自评完成率') : ''),
        figure(row.rate),
        h('td', {}, row.entered
          ? h('span', { class: 'jx-out', title: '手动评分、定性评价的得分是这一行自己填写的，在表格中修改' }, row.score.declared)
          : input('declared_score', row.score.declared, SCORE_LABEL[row.place.in] ?? (row.leaf ? '自评得分' : '自评小计'))),
        figure(row.score),
        h('td', { class: 'jx-rv-word' }, word),
        h('td', { class: 'jx-rv-notes' }, row.notes.map((n) => h('div', {}, n))),
        h('td', {}, row.takes_opinion ? input('opinion', row.opinion, '审核意见') : ''));
    });
    fill(this.body, h('table', { class: 'jx-table jx-review-table', 'aria-label': '审核表' },
      h('thead', {}, h('tr', {}, (summary
        ? ['项目', '分数', '自评完成率', '审核完成率', '自评等级', '审核等级', '结论', '差异说明', '审核意见']
        : ['指标', '分值', '自评完成率', '审核完成率', '自评得分', '审核得分', '结论', '差异说明', '审核意见'])
        .map((label) => h('th', { scope: 'col' }, label)))),
      h('tbody', {}, rows)));
  }

  /** How a review row's cells are typed into: the field's setter, or none for a field the
   * row does not have. */
  #setter(place) {
    // The calculator when the value is set, not when the setter was made: kept as an undo
    // step, the setter outlives a calculator an undo of the whole sheet or another tab replaces.
    const calc = () => this.table.calc;
    const fields = (map) => (field) => map[field];
    const opinion = (value) => calc().setMeta('opinion', value);
    switch (place.in) {
      case 'node': return (field) => (value) => calc().set(place.node, field, value);
      case 'funds': return fields({
        declared_rate: (value) => calc().setFund(place.row, 'declared_rate', value),
        // Only the 年度资金总额 row is scored (the 10号 form's 预算执行率).
        declared_score: place.row === 0 ? (value) => calc().setFund(place.row, 'declared_score', value) : undefined,
      });
      // A row from one of the workbook's sheets is that sheet's: typed in its own 审核.
      case 'project': return place.row < (this.page.linkedCount?.() ?? 0) ? null : fields({
        declared_rate: (value) => calc().setProject(place.row, 'declared_rate', value),
        declared_score: (value) => calc().setProject(place.row, 'grade', value),
      });
      // The bottom line's 审核意见 is the sheet's, on its first row (`takes_opinion`).
      case 'summary': return fields({ declared_rate: (value) => calc().setMeta('declared_rate', value), opinion });
      case 'total': return fields({ declared_score: (value) => calc().setMeta('declared_total', value), opinion });
      case 'grade': return fields({ declared_score: (value) => calc().setMeta('declared_grade', value), opinion });
      default: return null;
    }
  }

  /**
   * A block pasted at row `k`'s `field`: its lines down the rows, its cells along the fields
   * typed into (自评完成率, 自评得分, 审核意见), one undo step. From an indicator, the lines go
   * to the indicators under it, as a unit's 得分 column lists them (its groups' names in columns
   * of their own); from a group, to the rows of the table; from a 资金 or project row, to the
   * rows of its kind; never on to the 总分 or 等级. A cell with no field to go to (a 定性 row's
   * 得分, typed in the table) is left, and counted in the notice, as is one the core refused.
   */
  #paste(k, field, grid) {
    const rows = this.rows ?? [];
    const start = rows[k];
    if (!start) return;
    const leaves = start.place.in === 'node' && start.leaf;
    // The 总分 and 等级 copied together go on to the 等级.
    const kinds = start.place.in === 'total' ? ['total', 'grade'] : [start.place.in];
    const fits = (row) => kinds.includes(row.place.in) && (!leaves || row.leaf);
    const targets = [k, ...rows.map((_, i) => i).filter((i) => i > k && fits(rows[i]))];
    const calc = this.table.calc;
    const before = calc.toJson();
    let pasted = 0;
    let left = 0;
    const refused = [];
    grid.forEach((line, j) => line.forEach((text, c) => {
      const at = targets[j];
      const name = PASTE_FIELDS[PASTE_FIELDS.indexOf(field) + c];
      // Where the row shows a field to type in, as drawn.
      const shown = at != null && name && this.body.querySelector(`tr[data-row="${at}"] input[data-field="${name}"]`);
      const apply = shown && this.#setter(rows[at].place)?.(name);
      if (!apply) return void (left += 1);
      try {
        apply(text.trim());
        pasted += 1;
      } catch (error) {
        refused.push(`“${rows[at].name}”：${error?.message ?? error}`);
      }
    }));
    const after = calc.toJson();
    if (before !== after) {
      this.history.push(this.edits.snapshot(before, after));
      this.page.changed();
    }
    const said = [`已粘贴 ${pasted} 个单元格到审核表`];
    if (left) said.push(`${left} 个单元格没有对应的可填栏目（如定性指标的得分、小计行的完成率、表格以外），未粘贴`);
    if (refused.length) said.push(`${refused.length} 个单元格未能采用，如${refused[0]}`);
    this.notice.show(`${said.join('；')}（可撤销）。`, refused.length ? 'error' : 'info');
  }

  /** What is typed in the field in focus, taken as if it were left (the page is left). */
  takeTyped() {
    const field = this.section.getRootNode().activeElement;
    if (field?.dataset?.field && this.section.contains(field)) field.dispatchEvent(new Event('change'));
  }

  /** One cell typed: sent to the core, one undo step per cell; whether it was taken. */
  #edit(key, apply, before, after) {
    if (before === after) return false;
    try {
      apply(after);
    } catch (error) {
      this.notice.show(error?.message ?? String(error), 'error');
      return false;
    }
    // Recorded before the page hears of it, so that 撤销 is offered at once.
    this.history.push(cellStep(key, before, after, apply));
    this.page.changed();
    return true;
  }

  /** The sheet scored by a convention: one undo step holding the sheet before and after. */
  async #apply(convention) {
    const xlsx = await this.spreadsheets();
    const before = this.table.calc.toJson();
    const after = this.notice.attempt(() => xlsx.applyConvention(before, convention.index));
    if (!after || !this.edits.restore(after)) return;
    this.history.push(this.edits.snapshot(before, after));
    this.page.changed();
    // Most conventions are settings; 预算执行率按20分 and 越低越好按比值 change rows (分值, 计分方法).
    const where = convention.id === 'budget_weight_20' || convention.id === 'lower_ratio' ? '相关指标行' : '“设置”';
    this.notice.show(`本表已按“${convention.label}”计分（可在${where}中改回，或撤销）。`, 'info');
  }
}
