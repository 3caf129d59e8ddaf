// <jixiao-calculator>: the calculator as a custom element for a finance portal. Its styles
// live in a shadow root, so the portal's CSS cannot reach in and ours cannot leak out.
//
//   <jixiao-calculator template="project" autosave="my-portal"></jixiao-calculator>
//   <jixiao-calculator compact></jixiao-calculator>   // the narrow layout, for a side panel
//   el.sheet = {...} or '{"format":"jixiao-sheet",…}'  // load a sheet
//   el.sheet / el.evaluation                          // read it back (after `ready`)
//   el.addEventListener('jixiao-change', (e) => e.detail.sheet / e.detail.evaluation)
import { mount } from './app.js';

/** Marks the sheet objects a change event hands out, with the change they came from: a
 * framework binding the sheet both ways (Vue's `v-model`, React state) sets the same sheet
 * back, and it is not opened afresh. A proxy of it (Vue's reactive objects) reads the mark too;
 * a copy (JSON) does not, and is opened. */
const FROM_CHANGE = Symbol('jixiao.change');

export class JixiaoCalculator extends HTMLElement {
  static observedAttributes = ['template', 'compact'];
  #controller = null;
  #pending = null;
  #ready = false;
  /** How many changes the element has reported. */
  #changes = 0;

  connectedCallback() {
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
      onChange: (detail) => {
        const change = ++this.#changes;
        let sheet = null;
        const marked = {
          get sheet() {
            if (!sheet) {
              sheet = detail.sheet;
              Object.defineProperty(sheet, FROM_CHANGE, { value: change });
            }
            return sheet;
          },
          get evaluation() {
            return detail.evaluation;
          },
          get json() {
            return detail.json;
          },
        };
        this.dispatchEvent(new CustomEvent('jixiao-change', { detail: marked, bubbles: true, composed: true }));
      },
    });
    this.#pending = null;
    this.#controller.ready.then(
      () => {
        this.#ready = true;
        this.dispatchEvent(new CustomEvent('jixiao-ready', { bubbles: true, composed: true }));
      },
      (error) => this.dispatchEvent(new CustomEvent('jixiao-error', { detail: { message: String(error?.message ?? error) }, bubbles: true, composed: true })),
    );
  }

  disconnectedCallback() {
    this.#controller?.destroy();
    this.#controller = null;
    this.#ready = false;
  }

  attributeChangedCallback(name, old, value) {
    if (name === 'compact') this.#controller?.setCompact(value != null);
    if (name === 'template' && old != null && value && this.#controller) {
      this.#controller.ready.then(() => this.#controller.loadTemplate(value));
    }
  }

  /** Resolves when the engine has loaded and the sheet is drawn. */
  get ready() {
    return this.#controller?.ready ?? Promise.resolve();
  }

  /** The sheet (file format object), or null before `ready`. */
  get sheet() {
    return this.#ready ? this.#controller.getSheet() : null;
  }

  /** Loads a sheet: an object or JSON text (null: nothing). Throws (after ready) if it
   * cannot be read. */
  set sheet(value) {
    // Null, or the sheet of the latest change handed back by a two-way binding: nothing to open.
    if (value == null || (typeof value === 'object' && value[FROM_CHANGE] === this.#changes && this.#changes > 0)) return;
    if (this.#ready) this.#controller.setSheet(value);
    else if (this.#controller) this.#controller.ready.then(() => this.#controller.setSheet(value));
    else this.#pending = value;
  }

  /** The whole evaluation (total, grade, every row, diagnostics), or null before `ready`. */
  get evaluation() {
    return this.#ready ? this.#controller.report() : null;
  }
}

if (!customElements.get('jixiao-calculator')) customElements.define('jixiao-calculator', JixiaoCalculator);
