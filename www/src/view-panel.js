// A view shown in place of the indicator table (审核, 自评报告): its button pressed while it is
// open, the page told when it opens or closes, and drawn again after each change while open.
// A subclass has `button`, `section`, `render()` and, for the first drawing, `loading()`.
export class ViewPanel {
  /** `toggled(open)`: the page shows the view in place of the table, or the table again. */
  constructor(toggled) {
    this.toggled = toggled;
    this.pending = false;
  }

  get open() {
    return !this.section.hidden;
  }

  toggle(open = !this.open) {
    this.section.hidden = !open;
    this.button.setAttribute('aria-pressed', String(open));
    this.toggled(open);
    if (open) {
      this.loading();
      this.render();
    }
  }

  /**
   * Draws the view again once the event that changed the sheet is over: a cell committed by
   * Tab or by a click elsewhere is redrawn after the focus has landed, and keeps it. A view
   * drawn at once in between (before a print: `settled()`) is not drawn again.
   */
  renderSoon() {
    if (!this.open || this.pending) return;
    this.pending = true;
    setTimeout(() => {
      if (!this.pending) return;
      this.pending = false;
      this.render();
    });
  }

  /** Drawn as the sheet now is: a drawing asked for by `renderSoon` is no longer needed. */
  settled() {
    this.pending = false;
  }
}
