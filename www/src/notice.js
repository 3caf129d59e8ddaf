// The notice under the bar: what an import, a paste or an export did, why a value or a file
// was refused, that storage is full (with a button to export). Once the core has stopped, the
// fault banner speaks instead and notices are no longer shown.
import { h, fill } from './dom.js';

export class Notice {
  /** `engineState.stopped` is set once the core has trapped (see guard.js). */
  constructor(engineState) {
    this.engineState = engineState;
    this.element = h('div', { class: 'jx-notice', role: 'alert', hidden: true });
  }

  /** Shows `message`; `kind` 'info' or 'error'; `action` an optional { label, run } button. */
  show(message, kind = 'info', action) {
    if (this.engineState.stopped) return; // the fault message stays
    fill(this.element, h('span', {}, message), action ? h('button', { type: 'button', onclick: action.run }, action.label) : null,
      h('button', { type: 'button', onclick: () => (this.element.hidden = true) }, '关闭'));
    this.element.dataset.kind = kind;
    this.element.hidden = false;
  }

  /** Runs `fn` and returns what it returns; an error it throws is shown, and null returned. */
  attempt(fn) {
    try {
      return fn();
    } catch (error) {
      this.show(error?.message ?? String(error), 'error');
      return null;
    }
  }

  /** Hides an information (not an error): after an undo or redo, what it said of the step no
   * longer holds. */
  hideInfo() {
    if (this.element.dataset.kind === 'info') this.element.hidden = true;
  }

  /** Hides the notice if it is showing a text that starts with `start`. */
  hideIf(start) {
    if (!this.element.hidden && this.element.textContent.startsWith(start)) this.element.hidden = true;
  }
}
