// Undo and redo of every edit. An entry knows how to undo and redo itself; typing in one cell
// is one entry until the user moves on, so Ctrl+Z undoes a word, not a keystroke.

export class History {
  #done = [];
  #undone = [];
  #limit;

  constructor(limit = 500) {
    this.#limit = limit;
  }

  /**
   * Records an edit. `entry` has `undo()`, `redo()` and, to merge with the edit before it
   * (typing in the same cell), a `key` and a `merge(previous)` that returns the merged entry;
   * `done()`, if it has one, runs when its typing run ends.
   */
  push(entry) {
    const last = this.#done[this.#done.length - 1];
    if (last && entry.key && last.key === entry.key && !last.sealed) {
      const merged = entry.merge(last);
      // Typed and taken back (Esc restores the cell): no step, or the first Ctrl+Z after it
      // would seem to do nothing.
      if ('before' in merged && merged.before === merged.after) this.#done.pop();
      else this.#done[this.#done.length - 1] = merged;
    } else {
      if (last) this.#end(last);
      this.#done.push(entry);
      if (this.#done.length > this.#limit) this.#done.shift();
    }
    this.#undone.length = 0;
  }

  /** The step of the typing run in the cell `key`, while it goes on. */
  current(key) {
    const last = this.#done[this.#done.length - 1];
    return key && last && last.key === key && !last.sealed ? last : null;
  }

  /** Ends the current typing run: the next edit of the same cell is a new entry. */
  seal() {
    const last = this.#done[this.#done.length - 1];
    if (last) this.#end(last);
  }

  #end(entry) {
    if (entry.sealed) return;
    entry.sealed = true;
    entry.done?.();
  }

  get canUndo() {
    return this.#done.length > 0;
  }

  get canRedo() {
    return this.#undone.length > 0;
  }

  /** Undoes the last step. A step whose undo throws stays where it was, not lost. */
  undo() {
    const entry = this.#done[this.#done.length - 1];
    if (!entry) return false;
    entry.sealed = true;
    entry.undo();
    this.#undone.push(this.#done.pop());
    return true;
  }

  redo() {
    const entry = this.#undone[this.#undone.length - 1];
    if (!entry) return false;
    entry.redo();
    this.#done.push(this.#undone.pop());
    return true;
  }

  clear() {
    this.#done.length = 0;
    this.#undone.length = 0;
  }

  /** The steps, taken away (the history left empty), to be given back by `restore`. */
  stash() {
    this.seal();
    const kept = { done: [...this.#done], undone: [...this.#undone] };
    this.clear();
    return kept;
  }

  /** Steps `stash` took, in place of these. */
  restore(kept) {
    this.#done = [...kept.done];
    this.#undone = [...kept.undone];
  }
}

/**
 * An undo step for one cell: `apply(value)` writes it back. Steps with the same key in a row
 * (typing in one cell) merge into one; a null key never merges. `carry(from, to)`, for a cell
 * that names something (a row's name, a line of 主要问题), moves what is known by the name (the
 * 自评报告's rewrites) once the typing is done, and back and forth with undo and redo.
 */
export function cellStep(key, before, after, apply, carry = null) {
  const step = {
    key,
    before,
    after,
    carried: false,
    undo: () => {
      apply(step.before);
      if (step.carried) carry(step.after, step.before);
      step.carried = false;
    },
    redo: () => {
      apply(step.after);
      if (carry) carry(step.before, step.after);
      step.carried = Boolean(carry);
    },
    done: () => {
      if (carry && !step.carried) carry(step.before, step.after);
      step.carried = Boolean(carry);
    },
    merge: (previous) => {
      step.before = previous.before;
      return step;
    },
  };
  return step;
}
