// The page's own search in the indicator table (Ctrl+F while in the calculator). The browser's
// find sees only the rows in the document, and a long table draws only those near the view
// (row-window.js): this one looks through every row's data, and shows each match by drawing
// and scrolling to its row, the way a spreadsheet's find does.
import { h, setText, imeKey, typedIn } from './dom.js';

/** The cells searched, in the order a match in a row is shown. */
const FIELDS = ['name', 'target', 'actual', 'level', 'unit', 'reason', 'weight', 'score'];

/** Text as it is searched: full-width characters as their half-width forms (９６．２５％ is
 * 96.25%), letters in lower case, and no thousands separators (1,180.00 is found by 1180). */
export function searchable(text) {
  return String(text ?? '').normalize('NFKC').toLowerCase().replace(/(\d),(?=\d{3}(?!\d))/g, '$1');
}

/** The column key where a row's text matches `needle` (already `searchable`), or null. */
function matchIn(data, needle) {
  for (const field of FIELDS) {
    if (searchable(data[field]).includes(needle)) return field === 'level' ? 'actual' : field;
  }
  return null;
}

export class FindBar {
  /** `view`: the SheetView searched. */
  constructor(view) {
    this.view = view;
    this.matches = [];
    this.shown = -1;
    this.returnTo = null;
    // An input method's word is searched for once committed, not its pinyin.
    this.input = h('input', { type: 'search', placeholder: '查找指标、指标值、偏差原因…', 'aria-label': '在指标表中查找', autocomplete: 'off',
      ...typedIn(() => this.#search()) });
    this.status = h('span', { class: 'jx-hint', role: 'status' });
    // The row found, said to a screen reader: on screen it is the row marked and scrolled to.
    this.said = h('span', { class: 'jx-sr', 'aria-live': 'polite' });
    // The table redrawn (rows inserted, removed, moved): the matches are counted again, and
    // Enter goes on from the row being edited.
    view.onRender = () => {
      if (!this.element.hidden && this.input.value.trim()) this.#search({ show: false });
    };
    this.input.addEventListener('keydown', (e) => {
      // Enter and Escape while a word is composed are the input method's.
      if (imeKey(e)) return;
      if (e.key === 'Enter') {
        e.preventDefault();
        this.#step(e.shiftKey ? -1 : 1);
      } else if (e.key === 'Escape') {
        e.preventDefault();
        this.close(true);
      }
    });
    const button = (text, label, onclick) => h('button', { type: 'button', 'aria-label': label, onclick }, text);
    this.element = h('div', { class: 'jx-find jx-no-print', role: 'search', hidden: true },
      this.input, this.status, this.said,
      button('↑', '上一个（Shift+Enter）', () => this.#step(-1)),
      button('↓', '下一个（Enter）', () => this.#step(1)),
      button('✕', '关闭查找（Esc）', () => this.close(true)));
  }

  /** Shows the bar with the caret in it (the text selected, to type a new search). */
  open() {
    const active = this.element.getRootNode().activeElement;
    if (!this.element.contains(active)) {
      this.returnTo = this.view.position();
      // Opened from outside the table (a field of 基本信息, the 查找 button): the focus goes
      // back there when nothing is found, not to the page.
      this.returnEl = active;
    }
    this.element.hidden = false;
    this.input.focus();
    this.input.select();
    if (this.input.value) this.#search();
  }

  /** Hides the bar; with `edit`, the row found (else the cell the search began from) is
   * edited at its matching cell. */
  close(edit = false) {
    this.element.hidden = true;
    const found = this.matches[this.shown];
    this.view.showFound(null);
    if (!edit) return;
    if (found) this.view.focus(found.index, found.key);
    else if (this.returnTo) this.view.focus(this.returnTo.index, this.returnTo.key);
    else if (this.returnEl?.isConnected) this.returnEl.focus();
  }

  #search({ show = true } = {}) {
    const needle = searchable(this.input.value.trim());
    this.matches = [];
    if (needle) {
      this.view.rows.forEach((row, index) => {
        const key = matchIn({ ...row.data, weight: row.data.weight || row.node.weight, score: row.data.score || row.node.score }, needle);
        if (key) this.matches.push({ index, key });
      });
    }
    // The first match at or after the row the search began from, as a browser's find does.
    const from = (show ? this.returnTo?.index : null) ?? this.view.current ?? 0;
    const next = this.matches.findIndex((m) => m.index >= from);
    this.shown = this.matches.length ? Math.max(0, next) : -1;
    if (show) this.#show();
    else {
      this.shown = -1;
      setText(this.status, this.matches.length ? `${this.matches.length} 个匹配` : '无匹配');
    }
  }

  #step(by) {
    if (!this.matches.length) return;
    // After a redraw nothing is shown: the first match from the row being edited.
    if (this.shown < 0) {
      const from = this.view.current ?? 0;
      const next = this.matches.findIndex((m) => m.index >= from);
      this.shown = (next < 0 ? 0 : next) - (by > 0 ? 1 : 0);
    }
    this.shown = (this.shown + by + this.matches.length) % this.matches.length;
    this.#show();
  }

  #show() {
    const found = this.matches[this.shown];
    setText(this.status, !this.input.value.trim() ? '' : found ? `${this.shown + 1} / ${this.matches.length}` : '无匹配');
    const row = found ? this.view.rows[found.index] : null;
    setText(this.said, row ? `第${found.index + 1}行：${row.data.name || row.node.name || '（未命名）'}` : '');
    this.view.showFound(found?.index ?? null);
  }
}
