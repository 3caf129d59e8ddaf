// Rows drawn only near the view. A long table is cut into blocks of rows; a block far from the
// view is an empty box as tall as its rows, and is drawn when it comes within a margin of the
// view and emptied again when it leaves: a sheet of ten thousand indicators then has a few
// dozen rows in the document, which is what opening it, every keystroke's frame and every
// redraw of a sorted 汇总表 cost (npm run bench). The table keeps its data; what is not drawn
// is drawn again from it. Screen readers still count every row (the tables set
// aria-rowcount / aria-rowindex), printing draws every row, and the page's own search
// (Ctrl+F) looks through the data, not the document.
import { h } from './dom.js';

/** How far beyond the view blocks are drawn: a quick scroll does not meet an empty box. */
const MARGIN_PX = 900;

export class RowWindow {
  #blocks = [];
  #observer = null;
  #count = 0;

  /**
   * `size`: rows per block; `rowHeight`: a row's height in px, until rows are measured;
   * `draw(i)`: row i's elements (drawn afresh); `drop(i)`: row i is no longer in the document;
   * `keep(i)`: row i must stay drawn (it holds the focus or is being edited).
   */
  constructor({ size, rowHeight, draw, drop = () => {}, keep = () => false }) {
    this.size = size;
    this.rowHeight = rowHeight;
    this.drawRow = draw;
    this.dropRow = drop;
    this.keep = keep;
  }

  /** Lays out `count` rows in `body`, replacing what it held: empty blocks, those in view
   * (and the one holding row `around`) drawn at once, so the first frame shows them. */
  mount(body, count, around = null) {
    this.#observer?.disconnect();
    this.#count = count;
    this.#blocks = [];
    this.body = body;
    const fragment = document.createDocumentFragment();
    for (let from = 0; from < count; from += this.size) {
      const rows = Math.min(this.size, count - from);
      const el = h('div', { class: 'jx-chunk', role: 'none', 'data-block': this.#blocks.length });
      el.style.height = `${rows * this.rowHeight}px`;
      this.#blocks.push({ el, from, to: from + rows, drawn: false });
      fragment.append(el);
    }
    body.replaceChildren(fragment);
    if (!count) return;
    if (around != null) this.ensure(around);
    this.#drawInView();
    this.#observer = new IntersectionObserver((entries) => this.#seen(entries), { rootMargin: `${MARGIN_PX}px 0px` });
    for (const block of this.#blocks) this.#observer.observe(block.el);
  }

  /** Draws row `i`'s block now if it is not (to focus or show that row). */
  ensure(i) {
    const block = this.#blockOf(i);
    if (block && !block.drawn) this.#draw(block);
  }

  /** Stops watching the view (the table is gone). */
  disconnect() {
    this.#observer?.disconnect();
    this.#observer = null;
  }

  #blockOf(i) {
    return i >= 0 && i < this.#count ? this.#blocks[Math.floor(i / this.size)] : null;
  }

  #draw(block) {
    const fragment = document.createDocumentFragment();
    for (let i = block.from; i < block.to; i++) fragment.append(...this.drawRow(i));
    block.el.replaceChildren(fragment);
    block.el.style.height = '';
    block.drawn = true;
  }

  #empty(block, height) {
    for (let i = block.from; i < block.to; i++) if (this.keep(i)) return;
    // A button or link of a row that has the keyboard's focus (the caret is in no input).
    if (block.el.contains(block.el.getRootNode().activeElement)) return;
    block.el.style.height = `${height}px`;
    block.el.replaceChildren();
    block.drawn = false;
    for (let i = block.from; i < block.to; i++) this.dropRow(i);
  }

  /** The blocks in the view as the table is laid out now (the observer draws those in its
   * margin after the first frame); the rows' height is measured from the first one drawn,
   * for the empty blocks' boxes. Bounded by the screen: a frame sized to its content is as
   * tall as the whole table. */
  #drawInView() {
    const top = this.body.getBoundingClientRect().top;
    const view = Math.min(window.innerHeight, window.screen?.height || window.innerHeight);
    const tall = this.size * this.rowHeight;
    const first = Math.max(0, Math.floor(-top / tall));
    const last = Math.min(this.#blocks.length - 1, Math.floor((view - top) / tall));
    for (let b = first; b <= last; b++) if (!this.#blocks[b].drawn) this.#draw(this.#blocks[b]);
    const sample = this.#blocks[first];
    if (first > last || !sample?.drawn) return;
    const real = sample.el.getBoundingClientRect().height / (sample.to - sample.from);
    if (real > 0 && Math.abs(real - this.rowHeight) > 1) this.#resize(real);
  }

  #resize(rowHeight) {
    this.rowHeight = rowHeight;
    for (const block of this.#blocks) if (!block.drawn) block.el.style.height = `${(block.to - block.from) * rowHeight}px`;
  }

  #seen(entries) {
    for (const entry of entries) {
      const block = this.#blocks[Number(entry.target.dataset.block)];
      if (!block) continue;
      if (entry.isIntersecting && !block.drawn) this.#draw(block);
      // (Not while the table is hidden: its blocks measure nothing then.)
      else if (!entry.isIntersecting && block.drawn && entry.boundingClientRect.height > 0) this.#empty(block, entry.boundingClientRect.height);
    }
  }
}
