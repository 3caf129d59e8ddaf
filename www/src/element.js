// <jixiao-calculator>: the calculator as a custom element for a finance portal. Its styles
// live in a shadow root, so the portal's CSS cannot reach in and ours cannot leak out.
//
//   <jixiao-calculator template="project" autosave="my-portal"></jixiao-calculator>
//   <jixiao-calculator compact></jixiao-calculator>   // the narrow layout, for a side panel
//   el.sheet = {...} or '{"format":"jixiao-sheet",…}'  // load a sheet
//   el.sheet / el.evaluation                          // read it back (after `ready`)
//   el.addEventListener('jixiao-change', (e) => e.detail.sheet / e.detail.evaluation)
import { mount } from './app.js';

/** Marks each sheet object a change event hands out with its JSON text, the element that
 * handed it out and the change it came from. A framework binding the sheet both ways (Vue's
 * `v-model`, React state) sets such a sheet back, sometimes after the next keystroke has
 * already made a newer one: unchanged, it is a state the calculator has had, and it is not
 * opened afresh (which would lose the caret, or the newer keystroke). A binding catches up
 * within moments of a change; an earlier change's sheet set back once the calculator has been
 * still for `CATCHING_UP` ms is a portal's 恢复 and is opened, and so is one from before the
 * last sheet the host set (the record it switched away from, switched back to at once) or one
 * another element handed out. A proxy of it (Vue's reactive objects) reads the mark too; a copy
 * (JSON) has none and is opened, and so is a marked sheet the host has changed. */
const HANDED_OUT = Symbol('jixiao.handedOut');
const CATCHING_UP = 1000;

export class JixiaoCalculator extends HTMLElement {
  static observedAttributes = ['template', 'compact'];
  #controller = null;
  #pending = null;
  /** The sheet the calculator is opening, until it is ready: kept if it is taken out first. */
  #opening = null;
  #ready = false;
  /** `ready` asked for while out of the page: settled by the calculator drawn when put in. */
  #waiting = null;
  /** How many change events there have been, and when the last was (see HANDED_OUT). */
  #changes = 0;
  #changedAt = 0;
  /** The first change of the sheet the host last set: what came before is not caught up with. */
  #hostSet = 0;

  connectedCallback() {
    // A `sheet` the host set before this element was defined (a script that ran before the
    // module) is an own property hiding the setter: taken in, and the setter uncovered.
    if (Object.prototype.hasOwnProperty.call(this, 'sheet')) {
      const value = this.sheet;
      delete this.sheet;
      this.sheet = value;
    }
    if (this.#controller) return;
    const shadow = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    const container = document.createElement('div');
    shadow.replaceChildren(container);
    this.#controller = mount(container, {
      template: this.getAttribute('template') || undefined,
      sheet: this.#pending ?? undefined,
      autosave: this.getAttribute('autosave') || false,
      wasm: this.getAttribute('wasm') || undefined,
      compact: this.hasAttribute('compact'),
      // A sheet set before the element was in the page, which cannot be read: said as one set
      // later is.
      onError: (error) => this.#sayError(error),
      onChange: (detail) => {
        const change = ++this.#changes;
        this.#changedAt = performance.now();
        const by = this;
        let sheet = null;
        const marked = {
          get sheet() {
            if (!sheet) {
              sheet = detail.sheet;
              Object.defineProperty(sheet, HANDED_OUT, { value: { json: JSON.stringify(sheet), change, by } });
            }
            return sheet;
          },
          get evaluation() {
            return detail.evaluation;
          },
          get json() {
            return detail.json;
          },
          get totals() {
            return detail.totals;
          },
        };
        this.dispatchEvent(new CustomEvent('jixiao-change', { detail: marked, bubbles: true, composed: true }));
      },
    });
    this.#opening = this.#pending;
    this.#pending = null;
    // (A calculator let go before it was ready, the element taken out meanwhile, says nothing.)
    const controller = this.#controller;
    // A `ready` asked for while out of the page is this calculator's once it is drawn; one let
    // go before that (the element taken out again) leaves it to the next.
    const waiting = this.#waiting;
    if (waiting) {
      const settle = (done) => {
        if (this.#controller !== controller) return;
        if (this.#waiting === waiting) this.#waiting = null;
        done();
      };
      controller.ready.then(() => settle(waiting.resolve), (error) => settle(() => waiting.reject(error)));
    }
    controller.ready.then(
      () => {
        if (this.#controller !== controller) return;
        this.#ready = true;
        this.#opening = null;
        this.dispatchEvent(new CustomEvent('jixiao-ready', { bubbles: true, composed: true }));
      },
      (error) => this.#controller === controller && this.#sayError(error),
    );
  }

  disconnectedCallback() {
    // Moved in the page (a tab widget putting it elsewhere): connected again at once, and
    // kept whole, undo and all. Taken out for longer: the engine is let go, and the sheet
    // kept for when it comes back.
    queueMicrotask(() => {
      if (this.isConnected || !this.#controller) return;
      // (With autosave the browser's storage keeps it, and gives it back.)
      if (this.#ready && !this.hasAttribute('autosave')) this.#pending = this.#controller.getSheet();
      // Taken out before it was ready: the sheet it was opening opens when it comes back.
      else if (!this.#ready) this.#pending = this.#opening;
      this.#opening = null;
      this.#controller.destroy();
      this.#controller = null;
      this.#ready = false;
    });
  }

  attributeChangedCallback(name, old, value) {
    if (name === 'compact') this.#controller?.setCompact(value != null);
    // Another template opens it; the same one set again (a framework rendering its
    // attributes anew) leaves the sheet as it is.
    if (name === 'template' && old != null && value && value !== old && this.#controller) {
      const controller = this.#controller;
      // (Taken out of the page meanwhile: it opens the attribute's template when put back.)
      controller.ready.then(() => this.#controller === controller && controller.loadTemplate(value));
    }
  }

  /** Resolves when the engine has loaded and the sheet is drawn: asked for before the element
   * is in the page (or while it is out), once it is put in and drawn. */
  get ready() {
    if (this.#waiting) return this.#waiting.promise;
    if (this.#controller) return this.#controller.ready;
    let settle;
    const promise = new Promise((resolve, reject) => (settle = { resolve, reject }));
    this.#waiting = { promise, ...settle };
    return promise;
  }

  /** The sheet (file format object), or null before `ready`; while the element is out of
   * the page, the sheet it will open again. */
  get sheet() {
    if (this.#ready) return this.#controller.getSheet();
    return this.#pending && typeof this.#pending === 'object' ? this.#pending : null;
  }

  /** Loads a sheet: an object or JSON text (null: nothing). Throws (after ready) if it
   * cannot be read; set before ready, such a sheet is said by a `jixiao-error` event. */
  set sheet(value) {
    // Null, or a change's sheet handed back unchanged by a two-way binding: nothing to open.
    if (value == null || this.#echo(value)) return;
    // Its opening is the next change: a binding handing back what came before it is no echo.
    this.#hostSet = this.#changes + 1;
    if (this.#ready) this.#controller.setSheet(value);
    else if (this.#controller) {
      const controller = this.#controller;
      // Taken out of the page before it was ready: kept for when it comes back (#opening). An
      // engine that did not load has been said already (jixiao-error, and in the calculator):
      // the sheet waits with it. A sheet that cannot be read is said as the failed load is.
      const open = () => {
        try {
          controller.setSheet(value);
        } catch (error) {
          this.#sayError(error);
        }
      };
      this.#opening = value;
      controller.ready.then(() => this.#controller === controller && open(), () => {});
    } else this.#pending = value;
  }

  /** Whether `value` is a change's sheet a binding hands back (see HANDED_OUT): this element's,
   * unchanged, since the sheet the host last set, and the last change's, or an earlier one's
   * while the calculator is still changing. */
  #echo(value) {
    const mark = typeof value === 'object' ? value[HANDED_OUT] : undefined;
    if (!mark || mark.by !== this || mark.change < this.#hostSet || JSON.stringify(value) !== mark.json) return false;
    return mark.change === this.#changes || performance.now() - this.#changedAt < CATCHING_UP;
  }

  /** Tells the host what went wrong (in Chinese, what to do): a `jixiao-error` event. */
  #sayError(error) {
    this.dispatchEvent(new CustomEvent('jixiao-error', { detail: { message: String(error?.message ?? error) }, bubbles: true, composed: true }));
  }

  /** The whole evaluation (total, grade, every row, diagnostics), or null before `ready`. */
  get evaluation() {
    return this.#ready ? this.#controller.report() : null;
  }
}

if (!customElements.get('jixiao-calculator')) customElements.define('jixiao-calculator', JixiaoCalculator);
