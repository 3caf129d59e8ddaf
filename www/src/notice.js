// The notice under the bar: what an import, a paste or an export did, why a value or a file
// was refused, that storage is full (with a button to export). A part of the page may speak on
// a line of its own (`about`): the workbooks kept in this browser say there that storage is
// full while the line above still says what the paste just done did, so that one message
// never hides another the user needs. Once the core has stopped, the fault banner speaks
// instead and notices are no longer shown.
import { h, fill } from './dom.js';

/** The line most messages are said on. */
const MAIN = 'main';

export class Notice {
  /** Each topic's line, in the order they are shown (the main one first). */
  #lines = new Map();

  /** `engineState.stopped` is set once the core has trapped (see guard.js). */
  constructor(engineState) {
    this.engineState = engineState;
    this.element = h('div', { class: 'jx-notice', role: 'alert', hidden: true });
    this.#line(MAIN);
  }

  /** Shows `message`; `kind` 'info' or 'error'; `action` an optional { label, run } button
   * (or a list of them). It takes the place of what its line said (`topic`: the main line
   * unless given). */
  show(message, kind = 'info', action, topic = MAIN) {
    if (this.engineState.stopped) return; // the fault message stays
    const line = this.#line(topic);
    const actions = [action ?? []].flat().map((a) => h('button', { type: 'button', onclick: a.run }, a.label));
    fill(line, h('span', {}, message), ...actions,
      h('button', { type: 'button', onclick: () => this.#hide(line) }, '关闭'));
    line.dataset.kind = kind;
    line.hidden = false;
    this.#shown();
  }

  /** Runs `fn` and returns what it returns; an error it throws is shown (on `topic`'s line),
   * and null returned. */
  attempt(fn, topic = MAIN) {
    try {
      return fn();
    } catch (error) {
      this.show(error?.message ?? String(error), 'error', undefined, topic);
      return null;
    }
  }

  /** Hides every information (not an error): after an undo or redo, what it said of the step
   * no longer holds. */
  hideInfo() {
    for (const line of this.#lines.values()) if (line.dataset.kind === 'info') this.#hide(line);
  }

  /** Hides a line showing a text that starts with `start`. */
  hideIf(start) {
    for (const line of this.#lines.values()) if (!line.hidden && line.textContent.startsWith(start)) this.#hide(line);
  }

  /** This notice as the part that speaks about `topic` has it: its messages go on a line of
   * their own, below the main one, and neither takes the other's place. */
  about(topic) {
    return {
      show: (message, kind, action) => this.show(message, kind, action, topic),
      attempt: (fn) => this.attempt(fn, topic),
      hideInfo: () => this.hideInfo(),
      hideIf: (start) => this.hideIf(start),
    };
  }

  #line(topic) {
    let line = this.#lines.get(topic);
    if (!line) {
      line = h('div', { class: 'jx-notice-line', hidden: true });
      this.#lines.set(topic, line);
      this.element.append(line);
    }
    return line;
  }

  #hide(line) {
    line.hidden = true;
    this.#shown();
  }

  /** The box shows while a line does, coloured as an error while one is. */
  #shown() {
    const shown = [...this.#lines.values()].filter((line) => !line.hidden);
    this.element.hidden = !shown.length;
    this.element.dataset.kind = shown.some((line) => line.dataset.kind === 'error') ? 'error' : 'info';
  }
}
