// The calculator's one stylesheet, adopted by the document (hosted page) or by the shadow root
// of <jixiao-calculator> (embedded: the portal's styles cannot reach in, ours cannot leak out).
// Every class is prefixed jx- for the light-DOM mount() case.

import { gridColumns } from './sheet-columns.js';

/**
 * The layout of a narrow calculator (a phone, a portal's side panel): the 基本信息 in one
 * column, tighter padding, the bar's result on a line of its own. Written once for the three
 * ways to be narrow: the calculator's own width (`data-narrow`, set as it is resized), the
 * `compact` attribute, and a small screen where resizes cannot be observed.
 */
const narrow = (jx) => `
${jx} .jx-meta { grid-template-columns: minmax(0, 1fr); }
${jx} .jx-meta-long { grid-column: auto; }
${jx} .jx-bar { padding: 6px 8px; gap: 6px 8px; position: static; }
${jx} .jx-main { padding: 8px 8px 20px; }
${jx} .jx-brand { display: none; }
${jx} .jx-result { margin-left: 0; }
${jx} .jx-tools { flex-wrap: wrap; }
${jx} .jx-signature { grid-template-columns: minmax(0, 1fr); }
`;

export const css = String.raw`
.jx {
  --jx-ink: #1d2733;
  --jx-muted: #5b6776;
  --jx-line: #d5dbe3;
  --jx-soft: #f3f5f8;
  --jx-group: #e8eef6;
  --jx-top: #dbe5f2;
  --jx-accent: #1f5fbf;
  --jx-error: #c0392b;
  --jx-warn: #a86b00;
  --jx-hint: #2f6f8f;
  --jx-ok: #1b7f3b;
  color: var(--jx-ink);
  /* Inherited from the host through the shadow root's boundary too (an old portal's reset of
     body text): each set back, so that only what the page says applies. */
  text-align: start; text-indent: 0; text-transform: none; text-shadow: none;
  letter-spacing: normal; word-spacing: normal; white-space: normal; word-break: normal;
  overflow-wrap: normal; direction: ltr; writing-mode: horizontal-tb;
  font: 14px/1.5 "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", system-ui, sans-serif;
  background: #fff;
  display: block;
  min-width: 0;
}
.jx *, .jx *::before, .jx *::after { box-sizing: border-box; }
.jx button, .jx input, .jx select, .jx textarea { font: inherit; color: inherit; }
.jx button {
  border: 1px solid var(--jx-line); background: #fff; border-radius: 6px; padding: 4px 10px;
  cursor: pointer; white-space: nowrap;
}
.jx button:hover { border-color: var(--jx-accent); }
.jx button:disabled { opacity: .45; cursor: default; border-color: var(--jx-line); }
.jx button.jx-primary { background: var(--jx-accent); border-color: var(--jx-accent); color: #fff; }
.jx :focus-visible { outline: 2px solid var(--jx-accent); outline-offset: 1px; }
.jx-print, .jx-paper, .jx-paper-errors { display: none; }
.jx-sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }

/* The bar: sheets, actions and the result. */
.jx-bar {
  display: flex; flex-wrap: wrap; align-items: center; gap: 8px 16px; padding: 10px 16px;
  border-bottom: 1px solid var(--jx-line); background: #fbfcfd;
}
/* On a page of its own the bar and the explanation stay in view; embedded in a portal they
   stay in place, so they never cover the portal's own header. */
.jx[data-layout="page"] .jx-bar { position: sticky; top: 0; z-index: 5; }
.jx[data-layout="page"] .jx-detail { position: sticky; bottom: 0; }
.jx-brand { font-weight: 700; font-size: 16px; letter-spacing: .05em; }
.jx-group-buttons { display: flex; flex-wrap: wrap; align-items: center; gap: 6px; }
.jx-group-buttons select { max-width: 16em; padding: 4px 6px; border: 1px solid var(--jx-line); border-radius: 6px; background: #fff; }
.jx-result { margin-left: auto; display: flex; align-items: center; gap: 10px; }
.jx-total { font-size: 13px; color: var(--jx-muted); }
.jx-total strong { font-size: 26px; color: var(--jx-ink); font-variant-numeric: tabular-nums; margin-left: 4px; }
.jx-grade {
  display: inline-flex; align-items: center; justify-content: center; min-width: 2.2em; height: 2.2em; padding: 0 .4em;
  border-radius: 8px; font-weight: 700; font-size: 18px; color: #fff; background: var(--jx-muted);
}
.jx-grade[data-grade="优"] { background: var(--jx-ok); }
.jx-grade[data-grade="良"] { background: var(--jx-accent); }
.jx-grade[data-grade="中"] { background: var(--jx-warn); }
.jx-grade[data-grade="差"] { background: var(--jx-error); }
.jx-grade[data-grade=""], .jx-grade[data-pending] { background: #aab3bf; }
.jx-grade[hidden] { display: none; }
.jx-incomplete { font-size: 12px; color: var(--jx-warn); }
.jx-incomplete[data-kind="summary"] { color: var(--jx-muted); font-size: 13px; }
.jx-checks { border-color: var(--jx-line); }
.jx-checks[data-errors]:not([data-errors="0"]) { border-color: var(--jx-error); color: var(--jx-error); }

.jx-notice { margin: 8px 16px 0; padding: 8px 12px; border-radius: 6px; border: 1px solid; display: grid; gap: 6px; }
.jx-notice[hidden], .jx-notice-line[hidden] { display: none; }
/* A line each for what was just done and for what became of saving it (notice.js). */
.jx-notice-line { display: flex; gap: 12px; align-items: center; }
.jx-notice-line:not([hidden]) ~ .jx-notice-line { border-top: 1px solid; padding-top: 6px; }
.jx-notice[data-kind="error"] { border-color: var(--jx-error); background: #fdf1ef; color: #7c1d12; }
.jx-fault { position: sticky; top: 0; z-index: 30; margin: 0; padding: 12px 16px; display: flex; gap: 12px; align-items: center; background: #fdf1ef; color: #7c1d12; border-bottom: 2px solid var(--jx-error); }
.jx-fault strong { white-space: nowrap; }
.jx-fault button { white-space: nowrap; }
.jx [inert] { opacity: 0.6; }
.jx-notice[data-kind="info"] { border-color: var(--jx-accent); background: #eef4fc; }
.jx-notice button { margin-left: auto; }
/* On a page of its own the table scrolls far below the bar: a notice floats above the
   explanation line, where it is seen whatever row is being edited. */
@media screen { .jx[data-layout="page"] .jx-main { padding-bottom: calc(24px + var(--jx-notice-room, 0px)); } }
.jx[data-layout="page"] .jx-notice { position: fixed; z-index: 6; left: 50%; transform: translateX(-50%); bottom: 76px;
  width: max-content; max-width: min(960px, calc(100vw - 32px)); margin: 0; box-shadow: 0 2px 10px rgba(0, 0, 0, 0.15); }
/* A cell the calculator changed itself (the 比较方式 a typed target set). */
@keyframes jx-flash { from { background: #ffe8a3; } to { background: transparent; } }
.jx-flash { animation: jx-flash 3s ease-out; }

/* Block layout, not grid: when the bar or the explanation changes, the sections below keep
   their cached layout instead of being laid out again with the whole table. */
.jx-main { padding: 12px 16px 24px; display: block; }
.jx-main > * + * { margin-top: 16px; }
/* Its hint and buttons go to the next line when the heading has no room, rather than squeeze
   the heading to a character a line (at 360 px, 资/金/情/况). */
.jx-section > h2, .jx-section-head { margin: 0 0 6px; }
.jx-section h2 { font-size: 15px; line-height: 22px; }
.jx-section-head { display: flex; flex-wrap: wrap; align-items: center; gap: 2px 10px; }
.jx-section-head > h2 { margin: 0; }
.jx-section-head > .jx-hint { font-size: 12px; color: var(--jx-muted); }
.jx .jx-title { font-size: 18px; font-weight: 700; border: 0; border-bottom: 1px dashed transparent; width: 100%; padding: 2px 0; background: transparent; }
.jx .jx-title:hover, .jx .jx-title:focus { border-bottom-color: var(--jx-line); }
.jx-meta { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(200px, 100%), 1fr)); gap: 8px 16px; }
.jx-meta label { display: grid; gap: 2px; font-size: 12px; color: var(--jx-muted); }
.jx-meta input, .jx-meta .jx-oneline { font-size: 14px; color: var(--jx-ink); border: 1px solid var(--jx-line); border-radius: 6px; padding: 5px 8px; }

/* Tables: the indicator grid (div rows sharing one column template) and the small tables. */
/* A scroll box's content does not size the page around it: its width is its container's
   (width 0, at least 100%), so in a portal's flex, grid or table column the table scrolls in
   its box instead of widening the portal's page past the window. */
.jx-scroll { overflow-x: auto; border: 1px solid var(--jx-line); border-radius: 8px; width: 0; min-width: 100%; }
.jx-grid {
  --jx-cols: ${gridColumns()};
  min-width: 1080px; font-variant-numeric: tabular-nums;
}
.jx-tr { display: grid; grid-template-columns: var(--jx-cols); border-bottom: 1px solid var(--jx-line); }
/* A block of rows (row-window.js) holds its rows' screen-reader texts (absolutely placed) in
   the table's scroll box. */
.jx-chunk { position: relative; }
.jx-head { position: sticky; top: 0; z-index: 2; background: var(--jx-soft); }
.jx-th { font-weight: 600; font-size: 12px; color: var(--jx-muted); padding: 6px; white-space: nowrap; }
.jx-td { min-width: 0; height: 34px; background: #fff; }
.jx-wide { grid-column: 1 / -1; }
.jx-empty > .jx-td { padding: 8px; color: var(--jx-muted); height: auto; }
.jx-table { border-collapse: separate; border-spacing: 0; width: 100%; min-width: 560px; font-variant-numeric: tabular-nums; }
.jx-table th {
  position: sticky; top: 0; background: var(--jx-soft); font-weight: 600; font-size: 12px; color: var(--jx-muted);
  text-align: left; padding: 6px 6px; border-bottom: 1px solid var(--jx-line); white-space: nowrap; z-index: 1;
}
.jx-table td { border-bottom: 1px solid var(--jx-line); padding: 0; vertical-align: middle; height: 34px; }
.jx-num { text-align: right; }
.jx-table td > input, .jx-table td > textarea, .jx-table td > select, .jx-td > input, .jx-td > textarea, .jx-td > select {
  width: 100%; height: 33px; border: 0; background: transparent; padding: 4px 6px; border-radius: 0; min-width: 0;
}
.jx-td > select, .jx-table td > select { padding: 4px 2px; }
.jx-table td > input:focus, .jx-table td > textarea:focus, .jx-td > input:focus, .jx-td > textarea:focus, .jx-td > select:focus { background: #fffdf2; outline: 2px solid var(--jx-accent); outline-offset: -2px; }
.jx-num > input { text-align: right; }
.jx-out { padding: 4px 8px; display: block; height: 33px; line-height: 25px; text-align: right; white-space: nowrap; overflow: hidden; }
/* In the indicator grid a cell is clipped only when its text may not fit (mayOverflow in
   sheet-columns.js): a clip per cell made every keystroke's frame several ms slower. */
.jx-td > .jx-out:not(.jx-clip) { overflow: visible; }
.jx-clip { text-overflow: ellipsis; }
/* Each cell's content is its own layout boundary: typing in one input is laid out there alone. */
.jx-td > input, .jx-td > select, .jx-td > textarea, .jx-name > input, .jx-name > textarea { contain: strict; }
/* A cell's text area (dom.js, lineField) looks as a text input does: one line, never a scroll
   bar or a handle; a line break it holds moves on to a line of its own, out of the box. On its
   line's baseline, a text area made a 资金 row 6px taller than an input did; in the middle it
   sits where the input sat, beside a 其中 row's mark too. */
.jx-oneline { resize: none; overflow: hidden; white-space: pre; vertical-align: middle; }
.jx-td > .jx-oneline, .jx-name > .jx-oneline, .jx-table td > .jx-oneline, .jx-scell > .jx-oneline { line-height: 25px; }
.jx-score .jx-out { font-weight: 600; }
.jx-out.jx-left { text-align: left; }
.jx-placeholder { color: #9aa5b3; font-weight: 400 !important; }
.jx-tbody .jx-td[data-cell] { cursor: text; }
.jx-row-edit > .jx-td { background: #fffef6; }
.jx-row-edit > .jx-td > input, .jx-row-edit > .jx-td > select, .jx-row-edit > .jx-td > textarea, .jx-row-edit .jx-name > input, .jx-row-edit .jx-name > textarea { box-shadow: inset 0 -1px 0 #c9d3df; }
.jx-check { width: auto; margin-right: 6px; }
.jx-name > .jx-text { flex: 1; min-width: 0; padding: 4px 6px; white-space: nowrap; line-height: 25px; }
.jx-name > .jx-text.jx-clip { overflow: hidden; }
.jx-col-name { position: sticky; left: 0; z-index: 1; }
.jx-th.jx-col-name { z-index: 3; background: var(--jx-soft); }
/* The ⋯ column keeps to the box's right edge when the table is wider than its box (a laptop
   about 1,080 px wide, a portal's column), so the edited row's menu is always in reach; open,
   its menu lies over the rows below and the header. */
.jx-col-menu { position: sticky; right: 0; z-index: 1; box-shadow: -1px 0 0 var(--jx-line); }
.jx-th.jx-col-menu { z-index: 3; background: var(--jx-soft); }
.jx-col-menu.jx-menu-open { z-index: 4; }
.jx-name { display: flex; align-items: center; height: 100%; }
.jx-name > input, .jx-name > textarea { flex: 1; height: 33px; border: 0; background: transparent; padding: 4px 6px; min-width: 0; }
.jx-name > input:focus, .jx-name > textarea:focus { background: #fffdf2; outline: 2px solid var(--jx-accent); outline-offset: -2px; }
.jx-level { flex: none; font-size: 11px; color: var(--jx-muted); border: 1px solid var(--jx-line); border-radius: 4px; padding: 0 4px; margin-right: 2px; }
.jx-row-group > .jx-td { background: var(--jx-group); }
.jx-row-group.jx-depth-0 > .jx-td { background: var(--jx-top); }
.jx-row-group .jx-name > input, .jx-row-group .jx-name > textarea, .jx-row-group .jx-name > .jx-text, .jx-row-group .jx-out { font-weight: 700; }
.jx-row-na > .jx-td { color: #98a2b0; }
.jx-row-na .jx-name > input, .jx-row-na .jx-name > textarea, .jx-row-na .jx-name > .jx-text { text-decoration: line-through; }
.jx-row-current > .jx-col-name { box-shadow: inset 3px 0 0 var(--jx-accent); }
.jx-row-found > .jx-td { background: #fff6c8; }
.jx-find { display: flex; gap: 6px; align-items: center; margin: 0 0 8px; }
.jx-find[hidden] { display: none; }
.jx-find input { width: 18em; }
/* On the hosted page the search stays under the bar while the table scrolls to what it found:
   scrolled away, typing in it would scroll the page back to it, away from the match. */
.jx[data-layout="page"] .jx-find { position: sticky; top: var(--jx-bar-height, 0); z-index: 4; padding: 6px 0; margin: 0; background: #fff; }
.jx-params > .jx-td { background: #fafbfc; padding: 4px 8px 6px 40px; font-size: 12px; color: var(--jx-muted); height: auto; overflow: visible; }
.jx-params label { display: inline-flex; align-items: center; gap: 4px; margin-right: 12px; }
.jx-params input { width: 6em; border: 1px solid var(--jx-line); border-radius: 4px; padding: 2px 4px; }
.jx-params .jx-words input { width: 18em; }
.jx-params select { border: 1px solid var(--jx-line); border-radius: 4px; padding: 1px 2px; }
.jx-band { display: inline-flex; gap: 4px; align-items: center; margin-right: 10px; }
.jx-band input { width: 4.5em; }
.jx-params button { padding: 0 6px; font-size: 12px; }

/* Findings at their cells. */
.jx-table td[data-severity="error"], .jx-td[data-severity="error"] { box-shadow: inset 0 -2px 0 var(--jx-error); background: #fdf1ef; }
.jx-table td[data-severity="warning"], .jx-td[data-severity="warning"] { box-shadow: inset 0 -2px 0 var(--jx-warn); background: #fff8e8; }
.jx-table td[data-severity="info"], .jx-td[data-severity="info"] { box-shadow: inset 0 -2px 0 #9fb3cc; }
.jx-table td[data-severity="hint"], .jx-td[data-severity="hint"] { box-shadow: inset 0 -2px 0 var(--jx-hint); }
.jx-table td[data-severity="missing"], .jx-td[data-severity="missing"] { box-shadow: inset 0 -1px 0 #d8b563; }
.jx-row-group > .jx-td[data-severity="error"] { background: #f9e1dd; }
.jx-over { color: var(--jx-warn); }

.jx-menu { position: relative; }
.jx-menu > summary { list-style: none; cursor: pointer; padding: 4px 8px; color: var(--jx-muted); border-radius: 4px; }
.jx-menu > summary::-webkit-details-marker { display: none; }
.jx-menu[open] > summary { background: var(--jx-soft); }
.jx-menu-items {
  position: absolute; right: 0; top: 100%; background: #fff; border: 1px solid var(--jx-line); border-radius: 8px;
  box-shadow: 0 6px 24px rgba(20, 40, 70, .14); padding: 4px; z-index: 10; display: grid; min-width: 10em;
}
.jx-menu-items button { border: 0; text-align: left; padding: 5px 10px; border-radius: 4px; }
.jx-menu-items button:hover { background: var(--jx-soft); }
.jx-tools { display: flex; flex-wrap: wrap; gap: 6px; margin: 0 0 6px; }
.jx-total-row > td { background: var(--jx-soft); font-weight: 700; }

/* The row explained, at the bottom of the screen. */
.jx-detail {
  z-index: 4; background: #fbfcfd; border-top: 1px solid var(--jx-line);
  padding: 8px 16px; font-size: 13px; min-height: 48px; box-shadow: 0 -4px 12px rgba(20, 40, 70, .06);
  /* A name of thousands of characters, or a long list of findings, scrolls here rather than
     covering the table it explains. */
  max-height: 30vh; overflow-y: auto; overflow-wrap: anywhere;
}
.jx-detail-title { font-weight: 700; margin-right: 8px; }
.jx-formula { color: var(--jx-muted); font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 12px; }
.jx-messages { margin: 4px 0 0; padding: 0; list-style: none; display: grid; gap: 2px; }
.jx-messages li::before { content: "● "; }
.jx-messages li[data-severity="error"] { color: var(--jx-error); }
.jx-messages li[data-severity="warning"] { color: var(--jx-warn); }
.jx-messages li[data-severity="info"] { color: var(--jx-muted); }
.jx-messages li[data-severity="hint"] { color: var(--jx-hint); }
.jx-messages li[data-severity="hint"]::before, .jx-problems li[data-severity="hint"] :is(button, .jx-problem-text)::before { content: "提示："; font-weight: 600; }

.jx-problems { border: 1px solid var(--jx-line); border-radius: 8px; padding: 8px 12px; }
.jx-problems[hidden] { display: none; }
.jx-problems ul { margin: 0; padding: 0; list-style: none; display: grid; gap: 2px; max-height: 40vh; overflow: auto; }
.jx-problems li :is(button, .jx-problem-text) { border: 0; padding: 2px 4px; text-align: left; white-space: normal; width: 100%; display: block; }
.jx-problems li[data-severity="error"] :is(button, .jx-problem-text) { color: var(--jx-error); }
.jx-problems li[data-severity="warning"] :is(button, .jx-problem-text) { color: var(--jx-warn); }

.jx-review[hidden], .jx-report[hidden], .jx-library[hidden] { display: none; }
.jx-library { position: fixed; z-index: 20; margin: 0; padding: 4px 0; list-style: none; background: #fff; border: 1px solid var(--jx-line); border-radius: 6px; box-shadow: 0 4px 16px rgba(0,0,0,.14); max-width: min(36em, 90vw); }
.jx-library li { padding: 4px 10px; cursor: pointer; display: grid; grid-template-columns: auto auto; column-gap: 10px; }
.jx-library li[aria-selected="true"], .jx-library li:hover { background: #e8f0fb; }
.jx-library-target { color: var(--jx-accent); text-align: right; }
.jx-library small { grid-column: 1 / -1; color: var(--jx-muted); }
.jx-report-title { font-size: 18px; font-weight: 600; text-align: center; margin: 8px 0; }
.jx-report-signed { text-align: right; margin: 16px 0 8px; }
.jx-report-signed > p { margin: 4px 0; }
.jx-report-part h3 { font-size: 15px; margin: 12px 0 4px; }
.jx-report-para { display: flex; gap: 8px; align-items: baseline; }
/* pre-wrap: a space typed is a space (not the non-breaking one the browser types where spaces
   would collapse), and a line break pasted in shows as the Word file will have it. */
.jx-report-text { flex: 1; margin: 2px 0; padding: 3px 6px; text-indent: 2em; line-height: 1.8; border: 1px solid transparent; border-radius: 3px; white-space: pre-wrap; }
.jx-report-text:hover { border-color: var(--jx-line, #ccc); }
.jx-report-text:focus { outline: 2px solid var(--jx-accent, #1f6feb); outline-offset: 0; }
.jx-report-text:empty::before { content: attr(data-placeholder); color: var(--jx-muted); }
.jx-edited > .jx-report-text { border-left: 3px solid var(--jx-hint); }
.jx-from-table { background: #eef3f8; border-radius: 2px; padding: 0 1px; cursor: default; }
.jx-from-derivation { background: #f3efe4; }
.jx-from-missing { background: #fbeaea; color: var(--jx-error, #b42318); font-size: 12px; }
.jx-from-pending { background: #fff4e5; color: var(--jx-warn, #b54708); }
.jx-report-add { margin: 4px 0 0 2em; font-size: 12px; }
.jx-review-head p { margin: 4px 0; }
.jx-review-counts[data-unexplained]:not([data-unexplained="0"]) { color: var(--jx-error); font-weight: 600; }
.jx-review-convention button { margin-left: 8px; }
.jx-review-table { min-width: 64em; }
.jx-review-table th[scope="row"] { text-align: left; font-weight: normal; position: sticky; left: 0; background: #fff; z-index: 1; min-width: 8em; max-width: 16em; white-space: normal; overflow-wrap: anywhere; }
.jx-review-table th.jx-rv-group { font-weight: 600; }
.jx-review-table td { padding: 2px 6px; }
.jx-review-table td > input { height: 28px; min-width: 5.5em; background: #fff; box-shadow: inset 0 0 0 1px var(--jx-line); border-radius: 4px; }
.jx-review-table td > input[data-field^="declared"] { text-align: right; }
.jx-review-table td:last-child > input { min-width: 14em; }
.jx-review-table .jx-rv-notes { min-width: 22em; white-space: normal; font-size: 12px; }
.jx-review-table tr.jx-rv-slip, .jx-review-table tr.jx-rv-slip > th { background: #fbe3e4; }
.jx-review-table tr.jx-rv-explained, .jx-review-table tr.jx-rv-explained > th { background: #fff6d6; }
.jx-review-table tr.jx-rv-follows, .jx-review-table tr.jx-rv-follows > th { background: #fdeee4; }
.jx-review-table tr.jx-rv-doubtful, .jx-review-table tr.jx-rv-doubtful > th { background: #fce0cc; }
.jx-review-table td.jx-rv-unexplained { color: var(--jx-error); font-weight: 600; }
.jx-review-table td.jx-rv-explained { color: var(--jx-warn); font-weight: 600; }
.jx-review-table td.jx-rv-doubtful { color: var(--jx-error); font-weight: 600; }
.jx-review-table .jx-rv-word, .jx-review-table td.jx-num { white-space: nowrap; }

.jx-dialog { border: 1px solid var(--jx-line); border-radius: 10px; padding: 16px 20px; max-width: min(36em, calc(100vw - 2em)); box-sizing: border-box; }
/* Its title and buttons stay in view; a body taller than the window (设置 on a phone) scrolls
   between them. Nothing in it is wider than the dialog: its fields shrink to its width. The
   body's padding keeps a focused field's outline clear of the edge it scrolls under. */
.jx-dialog[open] { display: flex; flex-direction: column; }
.jx-dialog > h3, .jx-dialog > footer { flex: none; }
.jx-dialog-body { flex: 0 1 auto; min-height: 0; min-width: 0; overflow: auto; overscroll-behavior: contain; padding: 4px; margin: -4px; }
.jx-dialog input, .jx-dialog select, .jx-dialog fieldset { min-width: 0; }
.jx-dialog select { max-width: 100%; }
.jx-dialog::backdrop { background: rgba(20, 30, 45, .35); }
.jx-dialog h3 { margin: 0 0 10px; font-size: 16px; }
.jx-dialog .jx-choices { display: grid; gap: 8px; }
.jx-dialog .jx-choices button { text-align: left; white-space: normal; padding: 8px 12px; }
.jx-dialog .jx-choices small { display: block; color: var(--jx-muted); }
.jx-dialog .jx-form { display: grid; grid-template-columns: minmax(0, 1fr); gap: 8px; }
.jx-dialog .jx-form label { display: grid; grid-template-columns: minmax(0, 1fr); gap: 2px; font-size: 12px; color: var(--jx-muted); }
.jx-dialog .jx-form input, .jx-dialog .jx-form select { border: 1px solid var(--jx-line); border-radius: 6px; padding: 4px 8px; font-size: 14px; color: var(--jx-ink); }
/* A checkbox beside its words, not centred on a line above them. */
.jx-dialog .jx-form label.jx-check { display: flex; align-items: center; gap: 6px; font-size: 13px; color: var(--jx-ink); }
.jx-dialog .jx-form label.jx-check > input { flex: none; }
.jx-dialog footer { display: flex; justify-content: flex-end; gap: 8px; margin-top: 14px; }
.jx-bands { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr) auto; gap: 6px; align-items: end; }

/* The workbook's tabs: its 汇总表, then one per sheet. */
.jx-tabs { display: flex; flex-wrap: wrap; align-items: flex-end; gap: 6px 12px; padding: 6px 16px 0; border-bottom: 1px solid var(--jx-line); background: #fbfcfd; }
.jx-tab-list { display: flex; flex-wrap: wrap; gap: 2px; min-width: 0; }
.jx .jx-tab {
  border: 1px solid var(--jx-line); border-bottom: 0; border-radius: 6px 6px 0 0; padding: 5px 12px; background: var(--jx-soft);
  max-width: 16em; overflow: hidden; text-overflow: ellipsis; color: var(--jx-muted); margin-bottom: -1px;
}
.jx .jx-tab[aria-selected="true"] { background: #fff; color: var(--jx-ink); font-weight: 600; border-color: var(--jx-line); box-shadow: inset 0 2px 0 var(--jx-accent); }
.jx .jx-tab-summary { font-weight: 600; }
.jx-tab-tools { display: flex; gap: 6px; margin-left: auto; padding-bottom: 4px; }
.jx-tab-tools button { font-size: 13px; padding: 2px 8px; }

.jx-meta-long { grid-column: span 2; }
.jx-signature { grid-template-columns: repeat(auto-fit, minmax(160px, 1fr)); }
.jx-signature .jx-out { font-size: 14px; color: var(--jx-ink); padding: 6px 0; }
.jx-part { color: var(--jx-muted); margin-right: 2px; }
/* "其中：" and the name on one line: the mark is 3em wide and its margin more. On a phone the
   table scrolls sideways rather than squeeze the name to nothing; the 其中 box and 删除 stay
   side by side. */
tr.jx-part-row td:first-child { padding-left: 1.5em; white-space: nowrap; }
tr.jx-part-row td:first-child input, tr.jx-part-row td:first-child textarea { width: calc(100% - 3.5em); min-width: 7em; }
.jx-funds td:last-child { white-space: nowrap; }
.jx-meta textarea:not(.jx-oneline) { font-size: 14px; color: var(--jx-ink); border: 1px solid var(--jx-line); border-radius: 6px; padding: 5px 8px; resize: vertical; min-height: 34px; field-sizing: content; max-height: 8em; }

/* The 汇总表: a grid of rows sharing one column template, in blocks skipped while out of view. */
.jx-sgrid {
  --jx-scols: 3.5em minmax(9em, 1fr) minmax(10em, 1.1fr) minmax(8em, 1fr) var(--jx-amount, 7.5em) var(--jx-amount, 7.5em) 6.5em 5.5em 4em minmax(9em, 1.2fr) minmax(9em, 1.2fr) 5em;
  min-width: 1180px; font-variant-numeric: tabular-nums;
}
.jx-srow { display: grid; grid-template-columns: var(--jx-scols); border-bottom: 1px solid var(--jx-line); }
.jx-shead { position: sticky; top: 0; z-index: 2; background: var(--jx-soft); }
.jx-sth { font-weight: 600; font-size: 12px; color: var(--jx-muted); padding: 6px; white-space: nowrap; overflow: hidden; }
.jx-scell { min-width: 0; height: 34px; background: #fff; }
/* Only text that may not fit its column is clipped (summary-view.js ROOM): a clip per cell
   made every keystroke's frame cost more the more rows the 汇总表 had. */
.jx-scell > .jx-out:not(.jx-clip) { overflow: visible; }
.jx-scell > .jx-out.jx-computed { color: var(--jx-muted); }
.jx-scell > input, .jx-scell > textarea { width: 100%; height: 33px; border: 0; background: transparent; padding: 4px 6px; min-width: 0; text-overflow: ellipsis; contain: strict; }
.jx-scell > input:focus, .jx-scell > textarea:focus { background: #fffdf2; outline: 2px solid var(--jx-accent); outline-offset: -2px; }
.jx-scell.jx-num > input { text-align: right; }
.jx-span3 { grid-column: span 3; }
.jx-sempty > .jx-scell { height: auto; padding: 12px; color: var(--jx-muted); }
.jx-sfoot { position: sticky; bottom: 0; z-index: 1; }
.jx-sfoot .jx-scell { background: var(--jx-soft); font-weight: 700; }
.jx-sfoot .jx-filtered-row .jx-scell { background: #eef4fc; }
.jx-linked > .jx-scell { background: #f8fafc; }
.jx-scell .jx-out.jx-left { text-align: left; text-overflow: ellipsis; }
.jx-scell[data-severity="error"] { box-shadow: inset 0 -2px 0 var(--jx-error); background: #fdf1ef; }
.jx-scell[data-severity="warning"] { box-shadow: inset 0 -2px 0 var(--jx-warn); background: #fff8e8; }
.jx-scell[data-severity="info"] { box-shadow: inset 0 -2px 0 #9fb3cc; }
.jx-scell[data-severity="hint"] { box-shadow: inset 0 -2px 0 var(--jx-hint); }
.jx .jx-link { border: 0; background: none; color: var(--jx-accent); text-decoration: underline; padding: 4px 8px; text-align: left; max-width: 100%; overflow: hidden; text-overflow: ellipsis; }
.jx-row-actions { display: flex; align-items: center; justify-content: center; font-size: 12px; }
.jx-row-actions .jx-hint { color: var(--jx-muted); }
.jx .jx-sort { border: 0; background: none; padding: 0; font: inherit; color: inherit; font-weight: 600; }
.jx-sort-mark { display: inline-block; width: 1em; font-size: 10px; color: var(--jx-accent); }
.jx-grade-cell { text-align: center; font-weight: 700; }
.jx-grade-cell[data-grade="优"] { color: var(--jx-ok); }
.jx-grade-cell[data-grade="良"] { color: var(--jx-accent); }
.jx-grade-cell[data-grade="中"] { color: var(--jx-warn); }
.jx-grade-cell[data-grade="差"] { color: var(--jx-error); }
.jx-filters { display: flex; flex-wrap: wrap; align-items: center; gap: 8px; margin-bottom: 6px; }
.jx-filters input, .jx-filters select { border: 1px solid var(--jx-line); border-radius: 6px; padding: 4px 8px; background: #fff; }
.jx-filters input { width: 16em; }
.jx-left-out { margin: 0 0 6px; color: var(--jx-muted); font-size: 13px; }
.jx-chart-box { margin: 10px 0 0; }
/* The grade bars and the score spread side by side at one scale (widths in the ratio of their
   drawings), the second under the first where both do not fit; each heading wraps in its box. */
.jx-charts { display: flex; flex-wrap: wrap; gap: 8px 28px; max-width: 860px; }
.jx-chart-part { min-width: 0; }
.jx-chart-grades { flex: 260 1 0; min-width: 15em; max-width: 330px; }
.jx-chart-scores { flex: 430 1 0; min-width: 22em; max-width: 540px; }
.jx-chart-head { display: flex; flex-wrap: wrap; justify-content: space-between; gap: 0 1em; font-size: 12px; margin: 0 0 4px; }
.jx-chart-title { font-weight: 700; font-size: 13px; }
.jx-chart { display: block; width: 100%; height: auto; font-size: 12px; fill: var(--jx-ink); }
.jx-chart .jx-chart-count { font-weight: 700; }

/* Dialogs: the export choices and the column mapping of an import. */
.jx-dialog .jx-choice-group { font-size: 12px; color: var(--jx-muted); margin-top: 6px; }
.jx .jx-danger { color: var(--jx-error); border-color: #e7b7b0; justify-self: start; }
.jx-wide-dialog { max-width: min(96vw, 1100px); width: 96vw; }
.jx-dialog-error { color: var(--jx-error); margin: 8px 0 0; }
.jx-dialog-error[hidden] { display: none; }
.jx-map-choices { display: flex; flex-wrap: wrap; gap: 8px 16px; margin: 8px 0; }
.jx-map-choices label { display: grid; gap: 2px; font-size: 12px; color: var(--jx-muted); }
.jx-map-choices input { width: 6em; }
.jx-map-choices input, .jx-map-choices select { border: 1px solid var(--jx-line); border-radius: 6px; padding: 4px 6px; font-size: 14px; color: var(--jx-ink); }
.jx-map-scroll { max-height: 50vh; overflow: auto; }
.jx-map-table { min-width: 0; }
.jx-map-table th { vertical-align: top; white-space: normal; min-width: 8em; }
.jx-map-table th select { display: block; width: 100%; margin-top: 4px; font-weight: 400; border: 1px solid var(--jx-line); border-radius: 4px; padding: 2px; }
.jx-map-header { color: var(--jx-ink); }
.jx-map-table th[data-unplaced] { background: #fff4d6; }
.jx-map-table th[data-unplaced] small { color: var(--jx-warn); font-weight: normal; }
.jx-map-table td .jx-out { max-width: 16em; text-overflow: ellipsis; font-size: 12px; }

.jx-dist { display: flex; gap: 12px; flex-wrap: wrap; font-size: 13px; margin-top: 6px; color: var(--jx-muted); }

/* On screen only: paper is the form, whatever the window it was printed from (printed from a
   phone, the narrow layout stacked 基本信息 and left a blank last page). */
@media screen {
  ${narrow('.jx[data-narrow]')}
  ${narrow('.jx[data-compact]')}
}
@media screen and (max-width: 560px) {
  ${narrow('.jx')}
}

@media (max-width: 900px) {
  .jx-bar { padding: 8px 10px; }
  .jx-main { padding: 10px 10px 24px; }
  .jx-result { margin-left: 0; }
  .jx-grid { --jx-cols: ${gridColumns({ name: 11, reason: 10 })}; }
}

@media print {
  .jx { font-size: 10.5pt; }
  .jx-bar .jx-group-buttons, .jx-tabs, .jx-filters, .jx-tools, .jx-hint, .jx-menu, .jx-col-menu, .jx-params, .jx-detail, .jx-problems, .jx-notice, .jx-dialog, .jx-no-print { display: none !important; }
  /* The bar's total and grade are the screen's: paper states them in the form's own 总分 row,
     the grade only once it is final. */
  .jx-bar, .jx[data-layout="page"] .jx-bar { display: none !important; }
  /* Another calculator on the page is being printed from its own 打印. */
  .jx[data-print-hidden] { display: none !important; }
  .jx-report-add, .jx-report-controls { display: none !important; }
  /* From the 自评报告 view the report is printed alone: not the form's head, funds or signature. */
  .jx[data-printing-report] .jx-main > :not(.jx-report), .jx[data-printing-report] .jx-report > .jx-section-head { display: none !important; }
  .jx-from-table { background: none; }
  .jx-from-missing { display: none; }
  /* Paper is the Word file: a rewrite set aside and an empty paragraph (its placeholder the
     screen's) are left out, and the paragraph being edited shows no focus ring. */
  .jx-set-aside, .jx-report-text:empty { display: none; }
  .jx-report-text, .jx-edited > .jx-report-text { border: 0; }
  .jx-report-text:focus { outline: none; caret-color: transparent; }
  .jx-grid { --jx-cols: ${gridColumns({ name: 11, reason: 10, menu: null })}; }
  .jx-main { padding: 0; }
  .jx-main > * + * { margin-top: 8pt; }
  .jx-scroll { overflow: visible; border: 0; }
  .jx-grid { min-width: 0; border: 1px solid #000; }
  /* The cells' own borders, as the indicator form's: a border round the table itself ran on
     down to the foot of the page where a row moved to the next (the 审核 printed). */
  .jx-table { min-width: 0; border-collapse: collapse; }
  /* On paper the indicator grid is printed as a real table (SheetView.preparePrint), whose
     header row the browser repeats on each page. */
  .jx-grid.jx-on-paper, .jx-sgrid.jx-on-paper { display: none; }
  /* The signature line printed as the indicator table's last row (SheetView.preparePrint) is
     kept with the 总分 and the last indicator row: never alone on the last page. */
  .jx-section.jx-on-paper { display: none; }
  .jx-sheet-paper :is(.jx-paper-total, .jx-paper-rescale, .jx-paper-findings, .jx-paper-signature) { break-before: avoid; }
  .jx-sheet-paper .jx-paper-group { break-after: avoid; }
  /* A section's heading goes to the page of what it heads, never alone at a page's foot (绩效指标
     was left under 资金情况, its table on the next page). */
  .jx-section-head { break-after: avoid; }
  .jx-paper .jx-paper-signature > td, .jx-paper .jx-paper-findings > td { border: 0; padding: 10pt 0 0; }
  .jx-paper .jx-paper-total td { font-weight: 600; }
  .jx-paper th, .jx-paper td.jx-num, .jx-paper td.jx-num > * { white-space: nowrap; }
  .jx-paper td[data-cell="seq"], .jx-paper td[data-cell="seq"] > * { white-space: nowrap; overflow-wrap: normal; }
  /* The columns' widths are the text's (PAPER_SHARES in sheet-view.js): a figure and the short
     words beside it are never broken; in 年度指标值 and 实际完成值 words (a 定性 row's) wrap
     where words part, a figure (jx-whole) not at all. The cell's padding is enough on paper,
     and the grid's own indent of each level. */
  .jx-sheet-paper td:is([data-cell="rule"], [data-cell="comparison"], .jx-whole) > * { white-space: nowrap; }
  .jx-sheet-paper td[data-cell="rule"] > .jx-rule-params { display: block; white-space: normal; font-size: 7.5pt; }
  .jx-sheet-paper td:is([data-cell="target"], [data-cell="actual"]) > * { word-break: keep-all; overflow-wrap: normal; }
  .jx-sheet-paper td.jx-wraps > * { overflow-wrap: anywhere; }
  .jx-sheet-paper .jx-out, .jx-sheet-paper .jx-name > .jx-text { padding: 0; }
  /* A header wraps only where words part, as 预算数 from its （万元）: no wider than its figures,
     nor broken mid-word. */
  .jx-summary-paper th { white-space: normal; word-break: keep-all; }
  /* The cell's padding is enough on paper; the screen's 8 px either side cost each column. */
  .jx-summary-paper .jx-out { padding: 0; }
  .jx-paper { display: table; width: 100%; border-collapse: collapse; font-variant-numeric: tabular-nums; }
  .jx-paper th { font-weight: 600; font-size: 9pt; text-align: left; padding: 2pt 3pt; border: 1px solid #000; }
  .jx-paper td { padding: 1pt 3pt; border: 1px solid #000; vertical-align: middle; box-shadow: none !important; background: none !important; }
  .jx-paper .jx-num { text-align: right; }
  .jx-paper .jx-row-group > td { font-weight: 600; }
  .jx-funded { display: none; }
  /* A chart's heading on the page of its drawing. */
  .jx-chart-part { break-inside: avoid; }
  .jx-sgrid { min-width: 0; border: 1px solid #000; }
  /* On A4 landscape 问题 and 建议 take what the figures leave, not six characters a line. */
  .jx-sgrid { --jx-scols: 2.4em 6.5em 7em 6em 6.2em 6.2em 6em 5em 2.8em minmax(8em, 1fr) minmax(8em, 1fr) 0; }
  .jx-sth, .jx-scell { border: 1px solid #000; color: #000; background: none !important; box-shadow: none !important; height: auto; }
  .jx-srow { border: 0; }
  .jx-shead, .jx-sfoot { position: static; }
  .jx-scell > input, .jx-scell > textarea { display: none; }
  .jx-table th, .jx-table td, .jx-th, .jx-td { border: 1px solid #000; color: #000; background: none !important; box-shadow: none !important; position: static; height: auto; }
  .jx-tr { border: 0; }
  .jx-head { position: static; }
  .jx-table td > input, .jx-table td > textarea, .jx-table td > select, .jx-td > input, .jx-td > textarea, .jx-td > select, .jx-name > input, .jx-name > textarea { display: none; }
  .jx-print { display: block; padding: 1pt 3pt; white-space: pre-wrap; overflow-wrap: anywhere; }
  .jx-out { height: auto; line-height: inherit; contain: none; }
  .jx-meta input, .jx-meta textarea, .jx-title { display: none; }
  .jx-print-title { font-size: 15pt; font-weight: 700; text-align: center; padding: 0 0 4pt; }
  .jx-paper-errors { display: block; margin-top: 6pt; font-size: 9pt; break-inside: avoid; }
  .jx-paper-errors p, .jx-paper-errors ol { margin: 2pt 0; }
  .jx-meta label { color: #000; }
  .jx-signature { display: flex; flex-wrap: wrap; gap: 6pt 18pt; break-inside: avoid; }
  .jx-signature label { display: flex; gap: 2pt; align-items: baseline; font-size: 10.5pt; }
  .jx-signature .jx-print { display: inline-block; min-width: 7em; border-bottom: 1px solid #000; }
  .jx-part { color: #000; }
  tr.jx-part-row td:first-child > .jx-print { display: inline; padding: 0; }
  .jx-grade { color: #000; background: none !important; border: 1.5px solid #000; }
  .jx-level { display: none; }
  .jx-placeholder { visibility: hidden; }
  /* A group's 分值 worked out from its children is printed as the screen and Excel show it. */
  .jx-paper .jx-derived { visibility: visible; color: inherit; font-weight: inherit !important; }
  .jx-name > .jx-text { white-space: normal; }
  .jx-out { white-space: pre-wrap; overflow-wrap: anywhere; }
  tr, .jx-tr { break-inside: avoid; }
  .jx-review-table { min-width: 0; }
  .jx-review-head button { display: none; }
  .jx-review-table td.jx-num, .jx-review-table td > .jx-out { white-space: nowrap; }
  .jx-review-table tr.jx-rv-slip, .jx-review-table tr.jx-rv-explained, .jx-review-table tr.jx-rv-follows, .jx-review-table tr.jx-rv-doubtful { background: none; }
  .jx-review-table .jx-rv-word { font-weight: 600; }
  .jx-review-table .jx-print[data-field^="declared"] { text-align: right; white-space: nowrap; }
  /* 审核意见 in the type of 差异说明 beside it, not the larger of the form's fields. */
  .jx-review-table td:last-child { min-width: 9em; font-size: 9pt; }
  /* On paper an indicator's name has a share of the width of its own (a cell's min-width does
     not hold in a table): beside one long 差异说明, 指标00001号 broke as 指标00001 / 号 and a
     long name ran to twelve lines, the notes column mostly empty. */
  .jx-review-table .jx-rv-notes { min-width: 0; }
  .jx-review-table th[scope="row"] { width: 16%; max-width: none; }
  .jx[data-printing-review] .jx-signature { display: none !important; }
  .jx-review-sign { display: flex; gap: 12em; margin-top: 10pt; }
  .jx-review-sign > span { min-width: 12em; border-bottom: 1px solid #000; }
}
`;

/**
 * The paper: A4 landscape, with "第 N 页 共 M 页" at the foot of each page. A browser applies
 * @page only from the document's own styles, never from a shadow root's, so this rule is
 * adopted by the document while printing (see printRules) and taken away after.
 */
const PAGE = `
@page {
  size: A4 landscape;
  margin: 12mm 12mm 14mm;
  @bottom-center { content: "第 " counter(page) " 页 共 " counter(pages) " 页"; font-size: 9pt; color: #000; }
}
`;

function constructed(text) {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(text);
  return sheet;
}

/** Puts the page rule into the document for a print (`on`), or takes it away after; with
 * `alone` (a calculator's root, printed from its own 打印), the rule that leaves the rest of the
 * host page off the paper too. Constructed stylesheets, so that a host's
 * Content-Security-Policy without 'unsafe-inline' still allows them. */
export function printRules(on, orientation = 'landscape', alone = null) {
  printRules.sheets ??= {
    landscape: constructed(PAGE),
    portrait: constructed(PAGE.replace('A4 landscape', 'A4 portrait')),
    alone: constructed(ALONE),
  };
  const ours = Object.values(printRules.sheets);
  const others = document.adoptedStyleSheets.filter((x) => !ours.includes(x));
  document.adoptedStyleSheets = on ? [...others, printRules.sheets[orientation], ...(alone ? [printRules.sheets.alone] : [])] : others;
  // Marked from the calculator up to the page's root, through the shadow roots it is in: what
  // is beside that path is the host page's, left off the paper.
  for (const marked of printRules.marked ?? []) marked.removeAttribute('data-jx-print-path');
  printRules.marked = [];
  for (let at = on ? alone : null; at; at = at === document.documentElement ? null : at.parentElement ?? at.getRootNode().host) {
    at.setAttribute('data-jx-print-path', '');
    printRules.marked.push(at);
  }
}

/** The host page's content beside the calculator printed alone (printRules), and the boxes
 * it sits in (a portal's modal, a scrolling pane, a page of height 100%) letting it run on
 * over pages: a height, an overflow or a fixed position of theirs cut the paper after the
 * first page, as if the form ended there. */
const ALONE = `
@media print {
  [data-jx-print-path] > :not([data-jx-print-path]) { display: none !important; }
  [data-jx-print-path] {
    position: static !important; overflow: visible !important; height: auto !important;
    max-height: none !important; transform: none !important; contain: none !important;
  }
}
`;

/** The calculators drawn in each document or shadow root that holds the stylesheet. */
const holders = new WeakMap();

/** Adopts the stylesheet into a document or shadow root, once, for calculator `holder`.
 * Constructed stylesheets set the browser floor's Firefox 101 and Safari 16.4 (package.json):
 * a <style> element instead would be refused by a policy without 'unsafe-inline', as ours is. */
export function adoptStyles(root, holder) {
  const sheet = (adoptStyles.sheet ??= constructed(css));
  if (!root.adoptedStyleSheets.includes(sheet)) {
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  }
  if (!holders.has(root)) holders.set(root, new Set());
  holders.get(root).add(holder);
}

/** Calculator `holder` is gone: the stylesheet leaves `root` with the last one drawn there (a
 * host's document keeps nothing of a `shadow: false` calculator it destroyed). */
export function releaseStyles(root, holder) {
  const held = holders.get(root);
  if (!held?.delete(holder) || held.size) return;
  root.adoptedStyleSheets = root.adoptedStyleSheets.filter((sheet) => sheet !== adoptStyles.sheet);
}
