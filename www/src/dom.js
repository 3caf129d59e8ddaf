// Building the page from data. Text is always set as text (textContent, value, attributes),
// never parsed as HTML, so whatever users type or import is shown exactly as written.

/**
 * Creates an element: `props` sets attributes, properties (value, checked, …), `class`,
 * `text`, `dataset` and `on…` listeners; children are elements or strings (as text).
 */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value == null || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key === 'text') el.textContent = value;
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'value' || key === 'checked' || key === 'selected' || key === 'disabled') el[key] = value;
    // Through the CSSOM: a Content-Security-Policy without 'unsafe-inline' refuses style="…".
    else if (key === 'style') el.style.cssText = String(value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child == null || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : String(child));
  }
}

/**
 * Sets an element's text only when it differs: writing the same text still replaces the text
 * node, and the browser lays out and repaints it (on every keystroke, for the bar).
 */
export function setText(el, text) {
  if (el.textContent !== text) el.textContent = text;
}

/** Sets an attribute only when it differs (see setText). */
export function setAttr(el, name, value) {
  if (el.getAttribute(name) !== value) el.setAttribute(name, value);
}

/** A section's heading: the heading is its name alone, as a screen reader lists and reads it;
 * the hint and the section's buttons stand beside it, not inside it. */
export function sectionHead(title, hint, ...tools) {
  return h('div', { class: 'jx-section-head' }, h('h2', {}, title), hint ? h('span', { class: 'jx-hint' }, hint) : null, ...tools);
}

/** Replaces an element's content with the given children. */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** An <option> list for a <select>, selecting `current`. */
export function options(list, current) {
  return list.map(([value, label]) => h('option', { value, selected: value === current }, label));
}

/** Whether a keydown is the input method's, not the page's: a key pressed while a word is
 * composed (Enter to commit it, Escape to drop it), or Safari's Enter that commits a word,
 * sent after compositionend with isComposing false but keyCode 229. */
export function imeKey(e) {
  return e.isComposing || e.keyCode === 229;
}

/**
 * The editor of a cell of text (an indicator's name, 指标值, 偏差原因; a 资金 row's name; a
 * 汇总表 project's words; a 基本信息 field): a text area one line high. A text input drops the
 * line breaks a cell may hold (typed with Alt+Enter in Excel, pasted, read from a file) from
 * its value, so that one key typed in the cell changed its text unseen. Alt+Enter types a
 * line break, as in Excel; Enter, with Shift or Ctrl too, types none and is left to the table
 * (a move down or up, a row inserted), as from an input. `props` as for `h`.
 */
export function lineField(props) {
  const el = h('textarea', { rows: 1, autocomplete: 'off', spellcheck: 'false', ...props, class: `jx-oneline ${props.class ?? ''}`.trim() });
  el.addEventListener('keydown', lineKeys);
  return el;
}

function lineKeys(e) {
  if (e.key !== 'Enter' || imeKey(e) || lineBreakKey(e)) return;
  e.preventDefault();
}

/**
 * Alt+Enter types a line break, as in Excel, in every field of words that holds one: a cell's
 * (`lineField`) and 基本信息's text areas of several lines, where Enter types one too but the
 * browser's own Alt+Enter typed nothing. The `onkeydown` of such a field; whether it was the key.
 */
export function lineBreakKey(e) {
  if (e.key !== 'Enter' || !e.altKey || e.shiftKey || e.ctrlKey || e.metaKey || imeKey(e)) return false;
  e.preventDefault();
  // The browser's own insertion keeps the caret and its undo.
  document.execCommand('insertText', false, '\n');
  return true;
}

/**
 * The `oninput` and `oncompositionend` of a field drawn afresh at each edit: `apply(value,
 * field)` at each key, but an input method's word only once committed (drawn mid-way, the
 * field would keep its pinyin), and then once the focus has settled: a word is also committed
 * when the field is left (a click on the next field), and drawing at once would replace the
 * field clicked before it took the focus. Nothing is applied when the field was drawn afresh
 * meanwhile (the browser's own input event after the word already took it), nor when the
 * next word has begun.
 */
export function typedIn(apply) {
  // The words begun in the field (one call for each field): a word committed is not applied
  // once the next has begun, as with an input method that commits on the next key (drawn
  // then, the field would lose the word being composed); that word's end applies both.
  let begun = 0;
  return {
    oninput: (e) => e.isComposing || apply(e.target.value, e.target),
    oncompositionstart: () => {
      begun++;
    },
    oncompositionend: (e) => {
      // Taken now: an event dispatched in a shadow root has no target once dispatched.
      const field = e.target;
      const word = begun;
      setTimeout(() => {
        if (field.isConnected && word === begun) apply(field.value, field);
      });
    },
  };
}

/** Redraws `container` with `draw()` without losing the caret of the input being typed into
 * (found again by its label, or as the 基本信息 field it is), nor the focus of a control drawn
 * afresh, never left to the page: a list found again by its label; a button by its place
 * among the buttons of its words as shown (the 删除 of the row now where the one pressed was,
 * in a sorted 汇总表 too, whose labels number the rows as kept), else the control now where
 * it was among its kind (a field's among the fields: never a button for a field). */
export function keepFocus(container, draw) {
  const active = container.getRootNode().activeElement;
  const inside = active != null && container.contains(active);
  const button = inside && active.tagName === 'BUTTON';
  const same = inside && !button ? sameField(active) : null;
  const caret = same ? [active.selectionStart, active.selectionEnd] : null;
  const before = inside ? controlsIn(container) : [];
  const alike = (el) => el.tagName === 'BUTTON' && el.textContent === active.textContent;
  const nth = button ? before.filter(alike).indexOf(active) : -1;
  // A field's place among the fields (a list's among the lists): in its stead a button (a
  // row's 删除, pressed by the Enter that ends the typing) would change what no one pointed at.
  const kin = (el) => button || (isField(active) ? isField(el) : el.tagName === active.tagName);
  const at = inside ? before.filter(kin).indexOf(active) : -1;
  draw();
  if (!inside || container.contains(active)) return;
  // Put back by the drawing itself (a 汇总表's cell, found by its row): left there.
  if (container.contains(container.getRootNode().activeElement)) return;
  const controls = controlsIn(container);
  const buttons = nth >= 0 ? controls.filter(alike) : [];
  const near = controls.filter(kin);
  const again = (same && controls.find(same)) ?? buttons[Math.min(nth, buttons.length - 1)]
    ?? (at >= 0 ? near[Math.min(at, near.length - 1)] : null);
  if (!again) return;
  again.focus();
  if (caret?.[0] != null && again.setSelectionRange && typeof again.selectionStart === 'number') again.setSelectionRange(caret[0], caret[1]);
}

/** A control typed into as text (not a button, a list, a box ticked). */
export const isField = (el) => el.tagName === 'TEXTAREA' || (el.tagName === 'INPUT' && !/^(checkbox|radio|button|submit|reset|file|color|range)$/.test(el.type));

const controlsIn = (container) => [...container.querySelectorAll('input, textarea, select, button')].filter((el) => !el.disabled);

/** A test that knows `field` again once redrawn, or null when nothing names it. */
function sameField(field) {
  const label = field.getAttribute('aria-label');
  if (label) return (el) => el.getAttribute('aria-label') === label;
  const meta = field.dataset?.meta;
  return meta ? (el) => el.dataset.meta === meta : null;
}
