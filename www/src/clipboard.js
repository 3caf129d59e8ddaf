// A block copied from Excel or WPS: rows separated by line breaks, cells by tabs, and a cell
// that holds a line break, a tab or a quote wrapped in quotes (inner quotes doubled); beside
// it, Excel's HTML, which holds each figure as typed.

/**
 * A paste handler giving `take(grid)` a copied block as rows of cells, each figure as Excel
 * holds it (`asTyped`; `grid.typed` counts those that differ from what it showed); a single
 * cell is left to the input's own paste, but for a `single` control that has none (a select),
 * or a figure Excel showed rounded, which goes in as it holds it.
 */
export function pastedBlock(take, { single = false } = {}) {
  return (e) => {
    const text = e.clipboardData?.getData('text/plain') ?? '';
    const html = e.clipboardData?.getData('text/html') ?? '';
    const block = parseBlock(text);
    const cell = block ? null : [[text.replace(/\r?\n$/, '')]];
    const typed = asTyped(block ?? cell, html);
    if (cell && typed && !single) {
      e.preventDefault();
      // The browser's own insertion keeps the caret and its undo.
      document.execCommand('insertText', false, cell[0][0]);
      return;
    }
    const grid = block ?? (single && cell[0][0].trim() ? [[cell[0][0].trim()]] : null);
    if (!grid) return;
    e.preventDefault();
    grid.typed = typed;
    take(grid);
  };
}

/**
 * Puts in `grid` each figure as Excel holds it where it showed it rounded: 0.955 formatted as
 * 0% is copied as the text 96%, and in Excel's HTML (WPS's too) as `x:num="0.955"`. A file is
 * read as typed (src/xlsx), so a paste is: the same table must not score differently pasted.
 * A value with more digits than a typed one (a formula's result, 0.94354838709677424) stays as
 * shown. Returns how many cells changed; none when the HTML's table is not the block's shape.
 */
export function asTyped(grid, html) {
  if (!html.includes('x:num')) return 0;
  const rows = [...new DOMParser().parseFromString(html, 'text/html').querySelectorAll('tr')];
  const width = (tr) => [...tr.cells].reduce((n, td) => n + (td.colSpan || 1), 0);
  if (rows.length !== grid.length || rows.some((tr, r) => width(tr) !== grid[r].length)) return 0;
  let changed = 0;
  rows.forEach((tr, r) => {
    let c = 0;
    for (const td of tr.cells) {
      const held = heldAs(td.getAttribute('x:num'), grid[r][c]);
      if (held != null) {
        grid[r][c] = held;
        changed++;
      }
      c += td.colSpan || 1;
    }
  });
  return changed;
}

/** The figure `shown` as Excel holds it (`num`), written as shown (a percentage as one), or null
 * when it is the same figure or not one to replace. */
function heldAs(num, shown) {
  if (!num || !/^-?\d+(\.\d+)?(E-?\d+)?$/i.test(num) || /E/i.test(num)) return null;
  if (num.replace(/^-|\./g, '').replace(/^0+/, '').length > 15) return null;
  const text = shown.trim();
  // Excel's 会计专用 format shows a zero as a dash, which means "not filled" here.
  if (/^[-—]$/.test(text)) return Number(num) === 0 ? '0' : null;
  const percent = /^-?[\d,]+(\.\d+)?%$/.test(text);
  if (!percent && !/^-?[\d,]+(\.\d+)?$/.test(text)) return null;
  const held = percent ? `${shiftPoint(num, 2)}%` : num;
  return plainFigure(held) === plainFigure(text) ? null : held;
}

/** `num` × 10^`places`, as decimal text. */
function shiftPoint(num, places) {
  const negative = num.startsWith('-');
  const [int, frac = ''] = num.replace('-', '').split('.');
  const digits = int + frac.padEnd(places, '0');
  const point = int.length + places;
  const whole = digits.slice(0, point).replace(/^0+(?=\d)/, '');
  const rest = digits.slice(point).replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${rest ? `.${rest}` : ''}`;
}

/** A figure's text without grouping, sign of zero or trailing zeros, to compare two. */
function plainFigure(text) {
  const t = text.replace(/[,%]/g, '');
  const [int, frac = ''] = t.replace('-', '').split('.');
  const value = `${int.replace(/^0+(?=\d)/, '')}.${frac.replace(/0+$/, '')}`.replace(/\.$/, '');
  return t.startsWith('-') && value !== '0' ? `-${value}` : value;
}

/** The rows of cells of a copied block, or null when the text is a single cell. */
export function parseBlock(text) {
  const lines = text.replace(/\r\n?/g, '\n');
  const s = lines.replace(/\n$/, '');
  // One empty cell copied from a spreadsheet (a line break alone): a block of it, which
  // empties the cell pasted at as Excel does; the input's own paste would leave it as it was.
  if (lines === '\n') return [['']];
  if (!s.includes('\t') && !s.includes('\n')) return null;
  const rows = [[]];
  let i = 0;
  for (;;) {
    let cell = '';
    let from = i;
    // Excel quotes a cell only whole: a quote that closes before other text (“放管服”改革…)
    // was typed in the cell.
    const quoted = s[i] === '"' ? readQuoted(s, i + 1) : null;
    if (quoted && (quoted.end === s.length || s[quoted.end] === '\t' || s[quoted.end] === '\n')) {
      cell = quoted.text;
      from = quoted.end;
    }
    const end = nextSeparator(s, from);
    cell += s.slice(from, end);
    rows[rows.length - 1].push(cell);
    if (end >= s.length) return rows;
    if (s[end] === '\n') rows.push([]);
    i = end + 1;
  }
}

/** The text of the one cell copied from a spreadsheet (Excel ends it with a line break, and
 * quotes it when it holds one), or null when several were copied. */
export function singleCell(text) {
  const grid = parseBlock(text);
  if (!grid) return text.replace(/\r?\n$/, '');
  return grid.length === 1 && grid[0].length === 1 ? grid[0][0] : null;
}

/** A quoted cell's text from just after its opening quote; null when it never closes. */
function readQuoted(s, from) {
  let text = '';
  let j = from;
  for (;;) {
    const q = s.indexOf('"', j);
    if (q < 0) return null;
    text += s.slice(j, q);
    if (s[q + 1] !== '"') return { text, end: q + 1 };
    text += '"';
    j = q + 2;
  }
}

function nextSeparator(s, from) {
  for (let k = from; k < s.length; k++) if (s[k] === '\t' || s[k] === '\n') return k;
  return s.length;
}
