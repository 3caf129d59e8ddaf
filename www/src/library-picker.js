// The 指标库 while a new indicator is named: typing in the 指标名称 of a leaf row that has no
// target or actual yet lists the library's indicators that match (the core's searchIndicators,
// in the spreadsheet module, loaded on the first such keystroke); ↓ / ↑ choose, Enter or a
// click takes one (its name, and the 计量单位, 比较方式, 年度指标值 and rule the row has not set),
// Esc closes the list. Otherwise the cell keeps the table's keys.
import { h, fill, imeKey } from './dom.js';

const LIMIT = 8;

export class LibraryPicker {
  /**
   * `view`: the indicator table (SheetView); `spreadsheets()`: the spreadsheet module;
   * `pick(index, entry)`: the row takes the entry.
   */
  constructor(view, spreadsheets, pick) {
    this.view = view;
    this.spreadsheets = spreadsheets;
    this.pick = pick;
    this.list = h('ul', { class: 'jx-library', role: 'listbox', id: 'jx-library', 'aria-label': '指标库', hidden: true });
    view.element.append(this.list);
    this.input = null;
    this.entries = [];
    this.active = -1;
    this.asked = 0;
    view.table.addEventListener('input', (e) => this.#typed(e.target));
    // Captured before the table's own keys see them, only while the list is open.
    view.table.addEventListener('keydown', (e) => this.#key(e), true);
    view.table.addEventListener('focusout', () => setTimeout(() => {
      if (this.input && this.input.getRootNode().activeElement !== this.input) this.close();
    }));
    // The list is placed under its cell when shown: scrolling the table or the page, or
    // resizing the window, moves the cell away.
    this.onMove = () => this.close();
    view.element.addEventListener('scroll', this.onMove);
    this.list.addEventListener('mousedown', (e) => e.preventDefault()); // the input keeps the focus
  }

  /** The row of a name field that may take an indicator from the library, or null. */
  #row(input) {
    if (!(input instanceof HTMLTextAreaElement) || input.dataset.key !== 'name') return null;
    const index = Number(input.closest('[data-index]')?.dataset.index);
    const row = this.view.rows[index];
    if (!row?.node.leaf || row.data.target || row.data.actual) return null;
    return index;
  }

  async #typed(input) {
    const index = this.#row(input);
    if (index === null) {
      if (input === this.input) this.close();
      return;
    }
    const query = input.value.trim();
    const asked = ++this.asked;
    if (!query) return this.close();
    let found;
    try {
      found = (await this.spreadsheets()).searchIndicators(query, LIMIT);
    } catch {
      return; // no library: the cell is an ordinary cell
    }
    // A later keystroke asked again, or the focus moved on while the module loaded.
    if (asked !== this.asked || input.getRootNode().activeElement !== input) return;
    this.#show(input, index, found);
  }

  #show(input, index, found) {
    this.input = input;
    this.index = index;
    this.entries = found;
    this.active = -1;
    if (!found.length) return this.close();
    fill(this.list, found.map((e, k) => h('li', {
      role: 'option', id: `jx-library-${k}`, 'aria-selected': 'false',
      title: e.note || null, onclick: () => this.#take(k),
    }, h('strong', {}, e.name),
    h('span', { class: 'jx-library-target' }, [e.comparison === '定性' ? '定性' : e.comparison, e.target, e.target && e.unit && !e.target.endsWith(e.unit) ? e.unit : (e.target ? '' : e.unit)].filter(Boolean).join(' ')),
    h('small', {}, `${e.group} · ${e.source}`))));
    const box = input.getBoundingClientRect();
    this.list.style.left = `${Math.round(box.left)}px`;
    this.list.style.top = `${Math.round(box.bottom + 2)}px`;
    if (this.list.hidden) {
      window.addEventListener('scroll', this.onMove, { capture: true, passive: true });
      window.addEventListener('resize', this.onMove);
    }
    this.list.hidden = false;
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-controls', 'jx-library');
    input.setAttribute('aria-expanded', 'true');
    input.setAttribute('aria-autocomplete', 'list');
  }

  close() {
    window.removeEventListener('scroll', this.onMove, { capture: true });
    window.removeEventListener('resize', this.onMove);
    this.list.hidden = true;
    this.active = -1;
    if (this.input) {
      this.input.setAttribute('aria-expanded', 'false');
      this.input.removeAttribute('aria-activedescendant');
    }
  }

  get open() {
    return !this.list.hidden;
  }

  #key(e) {
    // Keys with a modifier are the table's (Alt+↑ moves the row, Ctrl+Enter inserts one), and
    // keys that compose a character are the input method's.
    if (!this.open || e.target !== this.input || e.altKey || e.ctrlKey || e.metaKey || imeKey(e)) return;
    const move = (k) => {
      this.active = k;
      [...this.list.children].forEach((li, j) => li.setAttribute('aria-selected', String(j === k)));
      if (k >= 0) this.input.setAttribute('aria-activedescendant', `jx-library-${k}`);
      else this.input.removeAttribute('aria-activedescendant');
    };
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      const n = this.entries.length;
      move(e.key === 'ArrowDown' ? (this.active + 1) % n : (this.active <= 0 ? n - 1 : this.active - 1));
    } else if (e.key === 'Enter' && this.active >= 0) {
      this.#take(this.active);
    } else if (e.key === 'Escape') {
      this.close();
    } else {
      if (e.key === 'Tab' || e.key === 'Enter') this.close();
      return;
    }
    e.preventDefault();
    e.stopPropagation();
  }

  #take(k) {
    const entry = this.entries[k];
    const index = this.index;
    this.close();
    if (entry) this.pick(index, entry);
  }
}
