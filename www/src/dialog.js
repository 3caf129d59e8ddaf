// Modal dialogs: a title, a body and a row of buttons. A button's action returning false (or
// a promise of false) keeps the dialog open, e.g. to show why an import failed.
import { h } from './dom.js';

/**
 * Opens a dialog inside `root`. `actions`: [label, run, primary] — `run` may be async; while
 * it runs the buttons are disabled. Returns the <dialog>.
 */
export function openDialog(root, title, body, actions, { wide = false, restore = null } = {}) {
  // The browser gives the focus back to what had it when the dialog opened; drawn again
  // meanwhile (a tab renamed), that is gone, and `restore` gives it to what stands there now.
  const opener = (root.getRootNode?.() ?? document).activeElement;
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
    h('h3', {}, title), h('div', { class: 'jx-dialog-body' }, body), h('footer', {}, buttons));
  dialog.addEventListener('close', () => {
    dialog.remove();
    if (restore && !opener?.isConnected) restore();
  });
  root.append(dialog);
  dialog.showModal();
  // A body taller than the dialog scrolls, and Chromium gives such a box the focus first: a
  // screen reader then reads the whole dialog as one name. The first field has it instead.
  const scope = root.getRootNode?.() ?? document;
  if (scope.activeElement?.classList?.contains('jx-dialog-body')) {
    dialog.querySelector('.jx-dialog-body :is(input, select, textarea, button):not(:disabled)')?.focus();
  }
  if (window.parent !== window) placeInView(dialog);
  return dialog;
}

/**
 * In a frame the host sizes to its content (embed.html), the middle of the frame, where a
 * modal dialog centres itself, may be far out of view: centre it in the part the user sees.
 * An IntersectionObserver's first report gives that part, across origins too.
 */
function placeInView(dialog) {
  if (typeof IntersectionObserver !== 'function') return;
  const seen = new IntersectionObserver(([entry]) => {
    seen.disconnect();
    const band = entry.intersectionRect;
    if (!entry.isIntersecting || band.height >= innerHeight - 1) return;
    dialog.style.top = `${Math.max(0, Math.floor(band.top))}px`;
    dialog.style.bottom = `${Math.max(0, Math.ceil(innerHeight - band.bottom))}px`;
    dialog.style.maxHeight = `calc(${Math.floor(band.height)}px - 2em)`;
  });
  seen.observe(document.documentElement);
}
