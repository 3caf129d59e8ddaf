// The indicator table's keys, as in a spreadsheet: Enter / Shift+Enter and ↑ / ↓ move along a
// column (from a list too, which Space opens), PageDown / PageUp a screenful, Ctrl+Home / End to
// its first or last row (or, in a cell being typed in, first to the start or end of its text),
// ← / → between cells at the ends of their text,
// Tab along a row, through its 计分参数 and on to the next, Esc restores the cell; Alt+Shift+→
// / ← demote / promote a row, Alt+↑ / ↓ move it, and Ctrl+Enter inserts a row below; Shift+F10
// or the menu key opens the row's ⋯ menu (标记为不适用, 删除本行 and the rest), whose items
// ↑ / ↓ move along and Esc leaves. The moves from a cell (`cellMove`) are 资金情况's too.
import { COLUMNS, EDIT_COLUMNS, editableKeys } from './sheet-columns.js';
import { imeKey, isField } from './dom.js';

/** The columns a cell may hold the focus in, left to right. */
const CELL_COLUMNS = COLUMNS.map((c) => c.key).filter((k) => k !== 'menu');

/** The rows PageDown / PageUp move by: a screenful, less a few for the bars over the table. */
function screenful() {
  return Math.max(1, Math.floor(window.innerHeight / 35) - 3);
}

/** Whether a key opens a row's actions (Shift+F10, or the menu key), as in a spreadsheet. */
export function actionsKey(e) {
  return e.key === 'ContextMenu' || (e.shiftKey && e.key === 'F10');
}

/**
 * The move a key asks for from a cell of a table typed in as a spreadsheet (this one, and
 * 资金情况, tables.js): 'down' / 'up' (Enter / Shift+Enter; ↑ / ↓ in a text field or a list),
 * 'PageDown' / 'PageUp', 'Home' / 'End' (Ctrl+Home / End, unless they move in the text:
 * `leavesText`), 'right' / 'left' (→ / ← at the end
 * of a field's text, or on a list, whose own arrows changed its choice in passing); null for a
 * key the field keeps. Not the keys of an input method's word (`imeKey`), asked first.
 */
export function cellMove(e) {
  const target = e.target;
  if (e.altKey) return null;
  const isInput = (target instanceof HTMLInputElement && target.type === 'text') || target instanceof HTMLTextAreaElement;
  // A list (计分方法, 比较) moves along its column too: ↑ / ↓ changing its choice in passing
  // changed a row's comparison, or wiped its rule's parameters, unseen (Space opens it).
  const vertical = isInput || target instanceof HTMLSelectElement;
  if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey) return e.shiftKey ? 'up' : 'down';
  if ((e.key === 'PageDown' || e.key === 'PageUp') && !e.ctrlKey && !e.metaKey) return e.key;
  if ((e.key === 'Home' || e.key === 'End') && (e.ctrlKey || e.metaKey) && !e.shiftKey) return !isInput || leavesText(target, e.key) ? e.key : null;
  if (e.key === 'ArrowDown' && vertical) return 'down';
  if (e.key === 'ArrowUp' && vertical) return 'up';
  const list = target instanceof HTMLSelectElement;
  if (e.key === 'ArrowRight' && (list || (isInput && target.selectionStart === target.value.length && target.selectionEnd === target.value.length))) return 'right';
  if (e.key === 'ArrowLeft' && (list || (isInput && target.selectionStart === 0 && target.selectionEnd === 0))) return 'left';
  return null;
}

/**
 * Whether Ctrl+Home / End (`key`) in `field` goes to the column's first / last row, as from a
 * cell in Excel: from one moved to (its text all selected, as a move leaves it), an empty one,
 * or the caret at that end of its line (as ← / → at the ends of a text). Else they go to that
 * end of the text, as in a cell edited in Excel and in any text area, and a text of several
 * lines keeps them: clicked into, a 偏差原因 of two lines went to the last row, whose text the
 * next key then replaced.
 */
function leavesText(field, key) {
  const { selectionStart: start, selectionEnd: end, value } = field;
  if (value.includes('\n')) return false;
  if (start === 0 && end === value.length) return true;
  return start === end && start === (key === 'Home' ? 0 : value.length);
}

/** The row a vertical move (`cellMove`'s) from row `index` goes to, of rows 0 to `last`
 * (beyond them for ↑ from the first or ↓ from the last), before a row that cannot take the
 * column is passed over. */
export function rowOfMove(move, index, last) {
  const page = screenful();
  return { down: index + 1, up: index - 1, PageDown: Math.min(last, index + page), PageUp: Math.max(0, index - page), Home: 0, End: last }[move];
}

/** The next row of `view` (in `step` direction) that can edit `key`, or null. */
function rowWith(view, index, key, step) {
  for (let j = index + step; j >= 0 && j < view.rows.length; j += step) {
    const row = view.rows[j];
    if (editableKeys(row.node, row.data).includes(key)) return j;
  }
  return null;
}

/** The controls of a row's 计分参数 under it (none when it has none). */
function paramControls(row) {
  return [...(row?.params?.querySelectorAll('input, select, button') ?? [])].filter((c) => !c.disabled);
}

/** Goes on to row `j`'s first cell (`forward`), or back to its last: the last of its 计分参数
 * when it has them, as Tab reaches them going forward. */
function tabToRow(view, j, forward) {
  const row = view.rows[j];
  const rowKeys = editableKeys(row.node, row.data);
  view.focus(j, forward ? rowKeys[0] : rowKeys[rowKeys.length - 1]);
  if (!forward) paramControls(view.rows[j]).pop()?.focus();
}

/** Tab in a row's 计分参数: past the last control to the next row, before the first back to
 * the row's own cells; between them, as the browser moves. */
function paramsKeydown(view, e, params) {
  if (e.key !== 'Tab' || e.altKey || e.ctrlKey) return;
  const index = Number(params.dataset.params);
  const controls = paramControls(view.rows[index]);
  const at = controls.indexOf(e.target);
  if (e.shiftKey && at === 0) {
    e.preventDefault();
    const keys = EDIT_COLUMNS.filter((k) => view.rows[index].inputs[k]);
    view.focus(index, keys[keys.length - 1]);
  } else if (!e.shiftKey && at === controls.length - 1 && view.rows[index + 1]) {
    e.preventDefault();
    view.on.seal?.();
    tabToRow(view, index + 1, true);
  }
}

/** Row `j`, or the nearest to it (on in `step` direction first) that can edit `key`. */
function rowNear(view, j, key, step) {
  return rowWith(view, j - step, key, step) ?? rowWith(view, j, key, -step);
}

/**
 * Keys on a cell that takes no input, which holds the focus after a click (view.focus):
 * the arrows and Enter move from it as from any cell, Tab to the row's next cell that takes
 * input; typing is said to go nowhere (`on.refused`), not taken by another field.
 */
function computedKeydown(view, e, cell) {
  const index = Number(cell.closest('[data-index]').dataset.index);
  const key = cell.dataset.cell;
  const row = view.rows[index];
  if (!row) return;
  const last = view.rows.length - 1;
  const jump = e.key === 'PageDown' || e.key === 'PageUp' || ((e.key === 'Home' || e.key === 'End') && (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey)
    ? rowOfMove(e.key, index, last) : null;
  if (jump != null) {
    e.preventDefault();
    view.focus(jump, key);
    return;
  }
  if (e.ctrlKey || e.metaKey || e.altKey) return;
  if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
    const next = CELL_COLUMNS[CELL_COLUMNS.indexOf(key) + (e.key === 'ArrowRight' ? 1 : -1)];
    if (next) view.focus(index, next);
  } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp' || e.key === 'Enter') {
    const j = index + (e.key === 'ArrowUp' || (e.key === 'Enter' && e.shiftKey) ? -1 : 1);
    if (view.rows[j]) view.focus(j, key);
  } else if (e.key === 'Tab') {
    const keys = editableKeys(row.node, row.data);
    const at = CELL_COLUMNS.indexOf(key);
    const next = e.shiftKey
      ? keys.filter((k) => CELL_COLUMNS.indexOf(k) < at).pop()
      : keys.find((k) => CELL_COLUMNS.indexOf(k) > at);
    if (next) view.focus(index, next);
    else if (view.rows[index + (e.shiftKey ? -1 : 1)]) tabToRow(view, index + (e.shiftKey ? -1 : 1), !e.shiftKey);
    else return; // past the first or last row, Tab leaves the table as usual
  } else if (e.key.length === 1 || e.key === 'Backspace' || e.key === 'Delete' || e.key === 'F2') {
    view.on.refused?.(index, key);
  } else {
    return;
  }
  e.preventDefault();
}

/** Handles a keydown in the table of `view` (a SheetView). */
export function sheetKeydown(view, e) {
  // Keys that compose a character are the input method's: the Enter that commits a word of
  // Chinese does not move on.
  if (imeKey(e)) return;
  const target = e.target;
  const params = target.closest?.('[data-params]');
  if (params) {
    paramsKeydown(view, e, params);
    return;
  }
  const tr = target.closest?.('[data-index]');
  // A cell that takes no input, focused (a 得分 its rule gives): the row's own keys work from it.
  const computed = Boolean(tr && target.dataset?.cell);
  const text = target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement;
  if (!tr || !(computed || text || target instanceof HTMLSelectElement)) return;
  const index = Number(tr.dataset.index);
  const key = target.dataset.key ?? target.dataset.cell;
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
  if (actionsKey(e)) {
    const menu = view.rows[index].tr.querySelector('details.jx-menu');
    if (!menu) return;
    e.preventDefault();
    menu.open = true;
    menu.querySelector('.jx-menu-items button')?.focus();
    return;
  }
  if (computed) {
    computedKeydown(view, e, target);
    return;
  }
  if (e.key === 'Escape' && text && target.dataset.before != null && target.value !== target.dataset.before) {
    e.preventDefault();
    target.value = target.dataset.before;
    target.dispatchEvent(new Event('input', { bubbles: true }));
    return;
  }
  const keys = EDIT_COLUMNS.filter((k) => view.rows[index].inputs[k]);
  let move = cellMove(e);
  if (!move && e.key === 'Tab' && !e.altKey && !e.ctrlKey) {
    // Tab past the row's last cell goes on to its 计分参数, then to the next row, as in a
    // spreadsheet.
    const inParams = paramControls(view.rows[index]);
    if (!e.shiftKey && key === keys[keys.length - 1] && inParams.length) {
      e.preventDefault();
      inParams[0].focus();
      return;
    }
    if (!e.shiftKey && key === keys[keys.length - 1]) move = 'next-row';
    else if (e.shiftKey && key === keys[0]) move = 'previous-row';
  }
  if (!move) return;
  if (move === 'next-row' || move === 'previous-row') {
    const j = index + (move === 'next-row' ? 1 : -1);
    if (!view.rows[j]) return; // past the first or last row, Tab leaves the table as usual
    e.preventDefault();
    view.on.seal?.();
    tabToRow(view, j, move === 'next-row');
    return;
  }
  if (move === 'PageDown' || move === 'PageUp' || move === 'Home' || move === 'End') {
    // A screenful of rows along the column, or its first or last row, as in a spreadsheet:
    // at ten thousand rows, Enter one row at a time was the only way down.
    const j = rowOfMove(move, index, view.rows.length - 1);
    const to = rowNear(view, j, key, move === 'PageDown' || move === 'Home' ? 1 : -1);
    // Already there: in a text field the key is the text's (to its end or start), the cell
    // typed in never selected for the next key to replace; a list's own PageDown or End
    // would change its choice.
    if (to === index && isField(e.target)) return;
    e.preventDefault();
    view.on.seal?.();
    if (to != null && to !== index) view.focus(to, key);
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
