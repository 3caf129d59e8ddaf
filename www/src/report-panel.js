// 自评报告: the report written from the table (the core's reportNarrative, in the spreadsheet
// module, loaded when the report is first opened), shown in place of the indicator table and
// edited in place. The parts that come from the table (figures, names, derivations) are marked
// and cannot be typed into; they follow the table. The words around them are the user's to
// change: a changed paragraph is sent to the core as its words and the names of the parts it
// kept (setReportParagraph), saved with the sheet, one undo step per paragraph, and exported as
// written. The basic information and 项目资金 stay in view above, so the report follows them
// while it is open.
import { h, fill, sectionHead } from './dom.js';
import { cellStep } from './history.js';
import { ViewPanel } from './view-panel.js';

const FROM_TABLE = '来自表格（基本信息、资金或指标表），随表格更新；要改，请改表格，或删去后自己写';
const MISSING = '表格中已没有这一项：导出时略去；表格中再有即恢复';
// A rewrite the report no longer has a place for (the core's `set_aside`): why, on the page;
// the Word file leaves it out.
const SET_ASIDE = {
  gone: { part: '〔表中已无此项〕', note: '表格中已没有这一项（指标已删除，或资金、问题改了名），本段导出时略去；撤销删除或改回原名即恢复' },
  not_here: { part: '〔本节已不列此项〕', note: '该项仍在表中，但已不在本节（如指标已满分或不适用），本段导出时略去；改回即恢复' },
  // A paragraph written only while the table has what it says: a 基本信息 field emptied, no total yet.
  empty: { part: '〔表中暂无〕', note: '表格中暂无本段所写的内容（如基本信息中的该项已清空、总分尚未算出），本段导出时略去；填回即恢复' },
};
const PENDING = '总分与等级在全部指标计分、表中没有错误后才作数：届时自动改为最终结果';

/** Adds words to pieces, joined with the words before them. */
function addWords(out, text) {
  if (!text) return;
  const last = out[out.length - 1];
  if (last && 'words' in last) last.words += text;
  else out.push({ words: text });
}

/** A part from the table, and the user's word it shows within it (a 待定 figure's 分, which
 * the core puts before the marker as the Word file does: 73.01分（待定）) given back to the
 * words after it. */
function addPart(out, name, unit) {
  out.push({ table: name });
  addWords(out, unit ?? '');
}

/** A paragraph's content as the core keeps an edit of it: words, and parts from the table by
 * name, wherever the browser nested them. A line break pasted in (a <br>, or a line feed the
 * paragraph's pre-wrap keeps) is a line feed, which the Word file keeps as a line break; the
 * <br> the browser leaves last in a paragraph to show its last line is none. */
function pieces(paragraph) {
  const out = [];
  const walk = (el) => {
    for (const node of el.childNodes) {
      if (node.nodeType === Node.ELEMENT_NODE && node.dataset.table) addPart(out, node.dataset.table, node.dataset.unit);
      else if (node.nodeName === 'BR') addWords(out, node === paragraph.lastChild ? '' : '\n');
      else if (node.nodeType === Node.ELEMENT_NODE) walk(node);
      else addWords(out, node.textContent);
    }
  };
  walk(paragraph);
  return out;
}

/** Text pasted into a paragraph: its lines kept as line breaks within it (a paragraph is one
 * paragraph of the Word file, which keeps them so), without the blank lines and the spaces
 * around each break, nor breaks before or after it. */
function pastedLines(text) {
  return text.replace(/[^\S\r\n]*[\r\n]\s*/g, '\n').replace(/^\n|\n$/g, '');
}

/** The spans of a paragraph as the edit the user would make by leaving it as it is. */
function asPieces(spans) {
  const out = [];
  for (const s of spans) {
    if (s.name) addPart(out, s.name, s.unit);
    else addWords(out, s.text);
  }
  return out;
}

/**
 * A click on a part from the table leaves Chromium's caret inside the part, where nothing can
 * be typed and End does not move it: the caret goes beside the part, on the side nearer the
 * click, so that what the user types next lands there.
 */
function caretBesidePart(paragraph) {
  const selection = paragraph.getRootNode().getSelection?.() ?? document.getSelection();
  const at = selection?.isCollapsed ? selection.anchorNode : null;
  const part = (at?.nodeType === Node.TEXT_NODE ? at.parentElement : at)?.closest?.('[contenteditable="false"]');
  if (!part || part === paragraph || !paragraph.contains(part)) return;
  const range = document.createRange();
  if (selection.anchorOffset * 2 >= (at.textContent ?? '').length) range.setStartAfter(part);
  else range.setStartBefore(part);
  range.collapse(true);
  selection.removeAllRanges();
  selection.addRange(range);
}

export class ReportPanel extends ViewPanel {
  /**
   * `table`: the open table; `spreadsheets()`: the spreadsheet module; `history`; `notice`;
   * `page`: `changed()`; `exportReport()`: downloads the .docx; `toggled(open)`: the page shows
   * the report in place of the table, or the table again.
   */
  constructor(table, spreadsheets, history, notice, page, exportReport, toggled) {
    super(toggled);
    this.table = table;
    this.spreadsheets = spreadsheets;
    this.history = history;
    this.notice = notice;
    this.page = page;
    this.button = h('button', { type: 'button', 'aria-pressed': 'false', title: '由表格生成自评报告，可修改文字后导出 Word', onclick: () => this.toggle() }, '自评报告');
    this.title = h('p', { class: 'jx-report-title' });
    this.body = h('div', { class: 'jx-report-body' });
    // Closed as the Word file is: who writes it and when, from the table.
    this.signed = h('div', { class: 'jx-report-signed', title: FROM_TABLE });
    this.section = h('section', { class: 'jx-section jx-report', hidden: true, 'aria-label': '自评报告' },
      sectionHead('自评报告', '带底色的文字来自表格，随表格更新；其余文字可直接修改，修改随表格保存'),
      h('div', { class: 'jx-tools' }, h('button', { type: 'button', onclick: () => exportReport() }, '导出自评报告（Word）')),
      this.title, this.body, this.signed);
    /** Set while the page hears of an edit typed here: the paragraph being typed is the truth. */
    this.typing = false;
  }

  loading() {
    if (!this.body.childElementCount) this.title.textContent = '正在生成自评报告…';
  }

  /** Draws the report again (while open). */
  async render() {
    if (!this.open) return;
    let narrative;
    try {
      const xlsx = await this.spreadsheets();
      narrative = xlsx.reportNarrative(this.table.calc.toJson());
    } catch (error) {
      this.notice.show(`自评报告无法生成：${error?.message ?? error}`, 'error');
      return;
    }
    if (!this.open) return;
    // The paragraph being edited keeps the focus through the redrawing (an undo redraws).
    const active = this.section.getRootNode().activeElement;
    const focused = active && this.body.contains(active) ? active.dataset.key : null;
    this.title.textContent = narrative.title;
    fill(this.signed, narrative.signed.map((line) => h('p', {}, line)));
    fill(this.body, narrative.sections.map((s) => h('section', { class: 'jx-report-part', 'data-section': s.key },
      h('h3', {}, s.heading),
      s.paragraphs.map((p, k) => this.#paragraph(s, p, k)),
      h('button', { type: 'button', class: 'jx-report-add', onclick: () => this.#add(s) }, `＋ 在“${s.heading.replace(/^.、/, '')}”末尾添加段落`))));
    if (focused) this.#focus(focused);
  }

  /** Draws the report again after the change in hand, unless it was typed here. */
  renderSoon() {
    if (!this.typing) super.renderSoon();
  }

  #paragraph(section, p, k) {
    const text = h('p', {
      class: 'jx-report-text', contenteditable: 'true', role: 'textbox', spellcheck: 'false',
      'aria-label': `${section.heading}第${k + 1}段`, 'data-key': p.key,
      'data-placeholder': p.added ? '（新段落：在此输入；空段落导出时略去）' : '（本段已删去，导出时略去；可还原）',
    }, p.spans.map((s) => {
      if (!s.name) return s.text;
      const missing = s.from === 'missing';
      const aside = SET_ASIDE[p.set_aside];
      const title = missing ? aside?.note ?? MISSING : s.from === 'pending' ? PENDING : FROM_TABLE;
      return h('span', {
        class: `jx-from-table jx-from-${s.from}`, contenteditable: 'false', 'data-table': s.name, 'data-unit': s.unit, title,
      }, missing ? aside?.part ?? '〔表中已无此项〕' : s.text);
    }));
    // Before any edit, the paragraph as generated: an undo to it gives the generated one back.
    const generated = p.edited ? null : JSON.stringify(asPieces(p.spans));
    let before = p.edited ? JSON.stringify(asPieces(p.spans)) : null;
    // The paragraph as the sheet holds it, put back when an edit is refused.
    const copy = () => [...text.childNodes].map((n) => n.cloneNode(true));
    let kept = copy();
    text.addEventListener('input', () => {
      // Emptied, Chromium leaves a <br>: the paragraph is empty, and shows its placeholder.
      if (!text.textContent) text.replaceChildren();
      const after = JSON.stringify(pieces(text));
      if (!this.#edit(p.key, before, after === generated ? null : after)) {
        // Refused (the table waits, guard.js): the paragraph shows what the sheet still holds.
        text.replaceChildren(...kept);
        kept = copy();
        this.#focus(p.key);
        return;
      }
      before = after;
      kept = copy();
      controls.hidden = !p.added && after === generated;
      para.classList.toggle('jx-edited', !controls.hidden);
    });
    text.addEventListener('click', () => caretBesidePart(text));
    text.addEventListener('beforeinput', (e) => {
      // One paragraph is one paragraph: Enter adds none (添加段落 does), and nothing dropped in
      // comes with its markup.
      // Bold, italics and the like would show on screen and be lost: the report is plain text.
      if (['insertParagraph', 'insertLineBreak', 'insertFromDrop'].includes(e.inputType) || e.inputType.startsWith('format')) e.preventDefault();
    });
    text.addEventListener('paste', (e) => {
      e.preventDefault();
      const lines = pastedLines(e.clipboardData?.getData('text/plain') ?? '').split('\n');
      // The browser's own insertion keeps the caret and its undo; pasted HTML is never used. A
      // line feed inserted as text would split the paragraph in two (a <div>): a line break.
      lines.forEach((line, k) => {
        if (k) document.execCommand('insertLineBreak');
        if (line) document.execCommand('insertText', false, line);
      });
    });
    // Set aside: why, beside its button (a paragraph's row may come back, and its rewrite with it).
    const aside = SET_ASIDE[p.set_aside];
    const controls = h('span', { class: 'jx-report-controls', hidden: !p.edited },
      aside ? h('span', { class: 'jx-hint jx-report-aside' }, aside.note) : null,
      // Named with the paragraph it acts on: a screen reader heard only 删除 / 还原.
      h('button', { type: 'button', onclick: () => this.#restore(p.key, text),
        'aria-label': `${p.added ? '删除添加的段落' : '还原为表中生成的文字'}：${text.textContent.trim().slice(0, 20)}` }, p.added ? '删除' : '还原'));
    const para = h('div', { class: `jx-report-para${p.edited ? ' jx-edited' : ''}${aside ? ' jx-set-aside' : ''}` }, text, controls);
    return para;
  }

  /** A paragraph typed: sent to the core (null: as generated), one undo step per paragraph.
   * Returns whether the core took it; a refusal is said. */
  #edit(key, before, after) {
    const apply = (value) => this.table.calc.setReportParagraph(key, value);
    try {
      apply(after);
    } catch (error) {
      this.notice.show(error?.message ?? String(error), 'error');
      return false;
    }
    this.history.push(cellStep(`report:${key}`, before, after, async (value) => {
      apply(value);
      await this.render();
      // The paragraph undone or redone keeps the focus (and the next Ctrl+Z its keys).
      this.#focus(key);
    }));
    this.typing = true;
    try {
      this.page.changed();
    } finally {
      this.typing = false;
    }
    return true;
  }

  /** 还原 (the generated paragraph back) or 删除 (an added one gone): one undo step. */
  async #restore(key, text) {
    const before = JSON.stringify(pieces(text));
    this.#edit(key, before, null);
    this.history.seal();
    await this.render();
    this.#focus(key);
  }

  /** The caret at the end of the paragraph `key`; else on its section's 添加段落 button. */
  #focus(key) {
    const paragraph = this.body.querySelector(`[data-key="${CSS.escape(key)}"]`);
    if (!paragraph) {
      this.body.querySelector(`[data-section="${CSS.escape(key.split('/')[0])}"] .jx-report-add`)?.focus();
      return;
    }
    paragraph.focus();
    const selection = paragraph.getRootNode().getSelection?.() ?? document.getSelection();
    selection?.selectAllChildren(paragraph);
    selection?.collapseToEnd();
  }

  /** A new paragraph at the end of a section, with the caret in it. */
  async #add(section) {
    const n = 1 + Math.max(0, ...[...this.body.querySelectorAll('[data-key]')]
      .map((el) => el.dataset.key.match(new RegExp(`^${section.key}/added/(\\d+)$`))?.[1] ?? 0).map(Number));
    const key = `${section.key}/added/${n}`;
    this.#edit(key, null, '[]');
    this.history.seal();
    await this.render();
    this.#focus(key);
  }
}
