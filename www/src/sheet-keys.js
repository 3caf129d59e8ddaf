// The indicator table's keys, as in a spreadsheet: Enter / Shift+Enter and ↑ / ↓ move along a
// column (from a list too, which Space opens), ← / → between cells at the ends of their text,
// Tab along a row and on to the next, Esc restores the cell; Alt+Shift+→ / ← demote / promote
// a row, Alt+↑ / ↓ move it, and Ctrl+Enter inserts a row below; Shift+F10 or the menu key opens
// the row's ⋯ menu (标记为不适用, 删除本行 and the rest), whose items ↑ / ↓ move along and Esc
// leaves.
import { EDIT_COLUMNS, editableKeys } from './sheet-columns.js';

/** The next row of `view` (in `step` direction) that can edit `key`, or null. */
function rowWith(view, index, key, step) {
  for (let j = index + step; j >= 0 && j < view.rows.length; j += step) {
    const row = view.rows[j];
    if (editableKeys(row.node, row.data).includes(key)) return j;
  }
  return null;
}

/** Handles a keydown in the table of `view` (a SheetView). */
export function sheetKeydown(view, e) {
  // Keys that compose a character are the input method's: the Enter that commits a word of
  // Chinese does not move on (keyCode 229: Safari's, with isComposing false).
  if (e.isComposing || e.keyCode === 229) return;
  const target = e.target;
  const tr = target.closest?.('[data-index]');
  if (!tr || !(target instanceof HTMLInputElement || target instanceof HTMLSelectElement)) return;
  const index = Number(tr.dataset.index);
  const key = target.dataset.key;
  if (!key) return;
  if (e.altKey && e.shiftKey && (e.key === 'ArrowRight' || e.key === 'ArrowLeft')) {
    e.preventDefault();
    view.on.action(e.key === 'ArrowRight' ? 'indent' : 'outdent', index);
    return;
  }
  if (e.altKey && !e.shiftKey && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
    e.preventDefault();
    view.on.action(e.key === 'ArrowUp' ? 'up' : 'down', index);
    return;
  }
  if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
    e.preventDefault();
    view.on.action('insert-after', index);
    return;
  }
  if (e.key === 'ContextMenu' || (e.shiftKey && e.key === 'F10')) {
    const menu = view.rows[index].tr.querySelector('details.jx-menu');
    if (!menu) return;
    e.preventDefault();
    menu.open = true;
    menu.querySelector('.jx-menu-items button')?.focus();
    return;
  }
  if (e.key === 'Escape' && target instanceof HTMLInputElement && target.dataset.before != null && target.value !== target.dataset.before) {
    e.preventDefault();
    target.value = target.dataset.before;
    target.dispatchEvent(new Event('input', { bubbles: true }));
    return;
  }
  const isInput = target instanceof HTMLInputElement && target.type === 'text';
  // A list (计分方法, 比较) moves along its column too: ↑ / ↓ changing its choice in passing
  // changed a row's comparison, or wiped its rule's parameters, unseen (Space opens it).
  const vertical = isInput || target instanceof HTMLSelectElement;
  const keys = EDIT_COLUMNS.filter((k) => view.rows[index].inputs[k]);
  let move = null;
  if (e.key === 'Enter' && !e.altKey) move = e.shiftKey ? 'up' : 'down';
  else if (e.key === 'ArrowDown' && vertical && !e.altKey) move = 'down';
  else if (e.key === 'ArrowUp' && vertical && !e.altKey) move = 'up';
  else if (e.key === 'ArrowRight' && isInput && target.selectionStart === target.value.length && target.selectionEnd === target.value.length) move = 'right';
  else if (e.key === 'ArrowLeft' && isInput && target.selectionStart === 0 && target.selectionEnd === 0) move = 'left';
  else if (e.key === 'Tab' && !e.altKey && !e.ctrlKey) {
    // Tab past the row's last cell goes on to the next row, as in a spreadsheet.
    if (!e.shiftKey && key === keys[keys.length - 1]) move = 'next-row';
    else if (e.shiftKey && key === keys[0]) move = 'previous-row';
  }
  if (!move) return;
  if (move === 'next-row' || move === 'previous-row') {
    const j = index + (move === 'next-row' ? 1 : -1);
    const row = view.rows[j];
    if (!row) return; // past the first or last row, Tab leaves the table as usual
    e.preventDefault();
    view.on.seal?.();
    const rowKeys = editableKeys(row.node, row.data);
    view.focus(j, move === 'next-row' ? rowKeys[0] : rowKeys[rowKeys.length - 1]);
    return;
  }
  e.preventDefault();
  view.on.seal?.();
  if (move === 'down' || move === 'up') {
    const j = rowWith(view, index, key, move === 'down' ? 1 : -1);
    if (j != null) view.focus(j, key);
  } else {
    const next = keys[keys.indexOf(key) + (move === 'right' ? 1 : -1)];
    if (next) view.focus(index, next);
  }
}
