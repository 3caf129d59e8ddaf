// Modal dialogs: a title, a body and a row of buttons. A button's action returning false (or
// a promise of false) keeps the dialog open, e.g. to show why an import failed.
import { h } from './dom.js';

/**
 * Opens a dialog inside `root`. `actions`: [label, run, primary] — `run` may be async; while
 * it runs the buttons are disabled. Returns the <dialog>.
 */
export function openDialog(root, title, body, actions, { wide = false } = {}) {
  const buttons = actions.map(([label, run, primary]) => h('button', {
    type: 'button', class: primary ? 'jx-primary' : '',
    onclick: async () => {
      for (const b of buttons) b.disabled = true;
      let keep = false;
      try {
        keep = (await run?.()) === false;
      } finally {
        for (const b of buttons) b.disabled = false;
      }
      if (!keep) dialog.close();
    },
  }, label));
  const dialog = h('dialog', { class: wide ? 'jx-dialog jx-wide-dialog' : 'jx-dialog', 'aria-label': title },
    h('h3', {}, title), body, h('footer', {}, buttons));
  dialog.addEventListener('close', () => dialog.remove());
  root.append(dialog);
  dialog.showModal();
  return dialog;
}
