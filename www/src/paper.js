// A grid as a table for paper. A browser repeats a <thead> on each printed page, but never the
// header row of a grid of divs, nor of a CSS table (checked in Chromium): while printing, a
// grid gives way to this copy of what it shows.
import { h } from './dom.js';

const CONTROLS = new Set(['INPUT', 'SELECT', 'TEXTAREA']);
/** Cells that are not on paper: the row actions. */
const SKIPPED = ['jx-no-print', 'jx-col-menu'];

/** A grid cell's content without its fields (each prints as the `.jx-print` text placed
 * beside it) and without its findings said to screen readers (the paper is hidden from them,
 * and a column would count as written); a button in a cell that prints is a label (a sort
 * header, a sheet's name). */
function content(cell) {
  return [...cell.childNodes]
    .filter((n) => !CONTROLS.has(n.nodeName) && !n.classList?.contains('jx-sr'))
    // A button (a column's sort) prints as its words, without the screen's marks (▲).
    .map((n) => (n.nodeName === 'BUTTON' ? [...n.childNodes].filter((c) => c.getAttribute?.('aria-hidden') !== 'true').map((c) => c.textContent).join('') : n.cloneNode(true)));
}

/** The classes of `el` but the grid's own layout ones (`drop`). */
function classes(el, drop) {
  return [...el.classList].filter((c) => !drop.includes(c)).join(' ');
}

/**
 * The columns' widths on paper: each column named in `shares` (by its cells' `data-cell`) takes
 * its share of the width, the shares divided among those with text in some row, so that a
 * column blank in every row shrinks to its header and the others take its share (on a form to
 * be filled in by hand, `blank`, each takes its share all the same). The rest are given no
 * width, which leaves them the least they need (a figure kept on one line: its widest).
 */
function columnWidths(rows, shares, blank) {
  const keys = [...(rows[0]?.children ?? [])].map((td) => td.dataset.cell);
  const written = new Set(rows.flatMap((tr) => [...tr.children].filter((td) => td.textContent.trim()).map((td) => td.dataset.cell)));
  const shared = keys.filter((key) => shares[key] && (blank || written.has(key)));
  const total = shared.reduce((sum, key) => sum + shares[key], 0);
  return h('colgroup', {}, keys.map((key) => h('col', { style: shared.includes(key) ? `width: ${(100 * shares[key]) / total}%` : null })));
}

/**
 * The table: `head` the grid's header row, `body` and `foot` its rows (elements whose children
 * are the cells; `foot` the 合计 rows, marked bold). A cell marked `jx-span3` spans three
 * columns. `kind`, 'sheet' or 'summary', names the table for the stylesheet; with `shares` the
 * columns' widths are those of columnWidths (`blank`: a form to be filled in by hand).
 */
export function paperTable(label, head, body, foot = [], drop = [], { kind = 'sheet', shares = null, blank = false } = {}) {
  const row = (tr, tag) => h('tr', { class: classes(tr, drop) },
    [...tr.children].filter((td) => !SKIPPED.some((c) => td.classList.contains(c))).map((td) =>
            h(tag, { class: classes(td, drop), 'data-cell': td.dataset.cell ?? null, colspan: td.classList.contains('jx-span3') ? 3 : null, scope: tag === 'th' ? 'col' : null }, content(td))));
  const rows = body.map((tr) => row(tr, 'td'));
  // The 合计 rows close the table once: a <tfoot> would repeat on every page.
  return h('table', { class: `jx-paper jx-${kind}-paper`, 'aria-label': label, 'aria-hidden': 'true' },
    shares && columnWidths(rows, shares, blank),
    h('thead', {}, row(head, 'th')),
    h('tbody', {}, rows, foot.map((tr) => { const r = row(tr, 'td'); r.classList.add('jx-paper-total'); return r; })));
}
