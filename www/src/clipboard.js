// A block copied from Excel or WPS: rows separated by line breaks, cells by tabs, and a cell
// that holds a line break, a tab or a quote wrapped in quotes (inner quotes doubled).

/** A paste handler giving `take(grid)` a copied block as rows of cells; a single cell is left
 * to the input's own paste, but for a `single` control that has none (a select). */
export function pastedBlock(take, { single = false } = {}) {
  return (e) => {
    const text = e.clipboardData?.getData('text/plain') ?? '';
    const grid = parseBlock(text) ?? (single && text.trim() ? [[text.trim()]] : null);
    if (!grid) return;
    e.preventDefault();
    take(grid);
  };
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
    const quoted = s[i] === '"' ? readQuoted(s, i + 1) : null;
    if (quoted) {
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
