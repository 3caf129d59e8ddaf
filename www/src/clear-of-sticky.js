// A table wider than its box keeps cells of each row in place while it scrolls sideways
// (position: sticky: the indicator grid's names at the left, its ⋯ menus at the right). A cell
// the focus moves to (Tab, Shift+Tab, the arrow keys) may then lie under one of them: the
// browser scrolls a focused element into the box, but not clear of what stays over it, and a
// <select> partly in the box not at all. Here it is scrolled clear.

/**
 * Keeps what takes the focus in `box` (the scroll box) clear of the sticky cells (`stuck`, a
 * selector) of its row: those before its cell (`cell`, a selector) in the row stay at the left,
 * those after it at the right.
 */
export function keepFocusClearOfSticky(box, { cell, stuck }) {
  box.addEventListener('focusin', (e) => {
    const focused = e.target.closest?.(cell);
    const row = focused?.parentElement;
    if (!row || focused.matches(stuck)) return;
    // The part of the box no sticky cell of this row covers.
    const view = box.getBoundingClientRect();
    let left = view.left + box.clientLeft;
    let right = left + box.clientWidth;
    let before = true;
    for (const other of row.children) {
      if (other === focused) before = false;
      else if (other.matches(stuck)) {
        const r = other.getBoundingClientRect();
        if (before) left = Math.max(left, r.right);
        else right = Math.min(right, r.left);
      }
    }
    // (The element focused, not its cell: a cell across the row holds several.)
    const at = e.target.getBoundingClientRect();
    // The left edge first: one wider than the room shows its start.
    if (at.left < left) box.scrollLeft -= left - at.left;
    else if (at.right > right) box.scrollLeft += Math.min(at.right - right, at.left - left);
  });
}
