// A grid as a table for paper. A browser repeats a <thead> on each printed page, but never the
// header row of a grid of divs, nor of a CSS table (checked in Chromium): while printing, a
// grid gives way to this copy of what it shows.
import { h } from './dom.js';

const CONTROLS = new Set(['INPUT', 'SELECT', 'TEXTAREA']);
/** Cells that are not on paper: the row actions. */
const SKIPPED = ['jx-no-print', 'jx-col-menu'];

/** A grid cell's content without its fields (each prints as the `.jx-print` text placed
 * beside it); a button in a cell that prints is a label (a sort header, a sheet's name). */
function content(cell) {
  return [...cell.childNodes]
    .filter((n) => !CONTROLS.has(n.nodeName))
    .map((n) => (n.nodeName === 'BUTTON' ? n.textContent : n.cloneNode(true)));
}

/** The classes of `el` but the grid's own layout ones (`drop`). */
function classes(el, drop) {
  return [...el.classList].filter((c) => !drop.includes(c)).join(' ');
}

/**
 * The table: `head` the grid's header row, `body` and `foot` its rows (elements whose children
 * are the cells; `foot` the 合计 rows, marked bold). A cell marked `jx-span3` spans three
 * columns. `kind`, 'sheet' or 'summary', picks the columns' widths on paper.
 */
export function paperTable(label, head, body, foot = [], drop = [], kind = 'sheet') {
  const row = (tr, tag) => h('tr', { class: classes(tr, drop) },
    [...tr.children].filter((td) => !SKIPPED.some((c) => td.classList.contains(c))).map((td) =>
            h(tag, { class: classes(td, drop), 'data-cell': td.dataset.cell ?? null, colspan: td.classList.contains('jx-span3') ? 3 : null, scope: tag === 'th' ? 'col' : null }, content(td))));
  // The 合计 rows close the table once: a <tfoot> would repeat on every page.
  return h('table', { class: `jx-paper jx-${kind}-paper`, 'aria-label': label, 'aria-hidden': 'true' },
    h('thead', {}, row(head, 'th')),
    h('tbody', {}, body.map((tr) => row(tr, 'td')), foot.map((tr) => { const r = row(tr, 'td'); r.classList.add('jx-paper-total'); return r; })));
}
