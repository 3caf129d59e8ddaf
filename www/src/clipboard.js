// A block copied from Excel or WPS: rows separated by line breaks, cells by tabs, and a cell
// that holds a line break, a tab or a quote wrapped in quotes (inner quotes doubled); beside
// it, Excel's HTML, which holds each figure as typed. Word quotes nothing: its HTML's table
// says where a cell of several paragraphs ends.

/**
 * A paste handler giving `take(grid)` a copied block as rows of cells (`copiedBlock`), each
 * figure as Excel holds it (`asTyped`; `grid.typed` counts those that differ from what it
 * showed); a single cell is left to the field's own paste, but for a `single` control that has
 * none (a select), a figure Excel showed rounded, which goes in as it holds it, and a cell
 * copied with the line break Excel ends a copy with, which goes in without it: a text input
 * dropped it, a cell's text area (dom.js, lineField) would keep it.
 */
export function pastedBlock(take, { single = false } = {}) {
  return (e) => {
    const text = e.clipboardData?.getData('text/plain') ?? '';
    const html = e.clipboardData?.getData('text/html') ?? '';
    const block = copiedBlock(text, html);
    const cell = block ? null : [[text.replace(/\r\n?/g, '\n').replace(/\n$/, '')]];
    const typed = asTyped(block ?? cell, html);
    if (cell && (typed || cell[0][0] !== text) && !single) {
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
 * The rows of cells of a copied block, or null when it is one cell. The text says where cells
 * end (`parseBlock`) where it quotes a cell's line breaks, as Excel and WPS do; Word does not,
 * so a cell of two paragraphs read as two rows, the second a row of its own. Where the HTML's
 * table lays out to the text's tabs and line breaks, with those breaks inside its cells, its
 * cells are taken. Lines with no table (paragraphs of Word, a web page's list) go down the
 * rows, as Excel puts them.
 */
export function copiedBlock(text, html) {
  const block = parseBlock(text);
  const lines = text.replace(/\r\n?/g, '\n').replace(/\n$/, '');
  if (!block || !html || !lines.includes('\n') || !/<table\b/i.test(html)) return block;
  // As many rows as the text reads: Excel's layout (it quotes a cell's line breaks), not parsed.
  if ((html.match(/<tr\b/gi)?.length ?? 0) === block.length) return block;
  return fromTable(lines, block, tableRows(html)) ?? block;
}

/**
 * The HTML's table as the block, where the text (`lines`) is its cells laid out but not read
 * as such (`block`): a cell's paragraphs or <br> are line breaks in the text. A cell merged
 * over columns is an empty cell after it in Excel's text and none in Word's: the layout whose
 * tabs and line breaks are the text's is taken; null when neither is. The HTML says only how
 * many of the text's lines each cell has; their words are the text's (Word's HTML breaks its
 * source lines inside a sentence, which read as markup would put spaces between characters).
 */
function fromTable(lines, block, rows) {
  const { cells, widths } = laidOut(rows);
  // Excel's text lays its table out itself (quoting a cell's line breaks): read as it says.
  if (!rows.length || (rows.length === block.length && widths.every((w, r) => w === block[r].length))) return null;
  const full = widths.map((w) => Array(w).fill(''));
  const beside = widths.map((w) => Array(w).fill(false));
  for (const { td, r, c, across, down } of cells) {
    full[r][c] = cellText(td);
    for (let i = 0; i < down; i++) for (let j = 1; j < across; j++) beside[r + i][c + j] = true;
  }
  if (!full.some((row) => row.some((t) => t.includes('\n')))) return null;
  const word = full.map((row, r) => row.filter((_, c) => !beside[r][c]));
  const breaks = (s) => s.replace(/[^\t\n]/g, '');
  const told = breaks(lines.replace(/\v/g, '\n'));
  const grid = [full, word].find((g) => breaks(g.map((row) => row.join('\t')).join('\n')) === told);
  if (!grid) return null;
  const parts = lines.replace(/\v/g, '\n').split(/[\t\n]/);
  let k = 0;
  return grid.map((row) => row.map((t) => {
    const n = t.split('\n').length;
    k += n;
    return parts.slice(k - n, k).join('\n').replace(/[ \t]+$/gm, '').replace(/\n+$/, '');
  }));
}

// Elements that begin and end a line of a cell's text, as a browser shows them.
const LINES = /^(?:P|DIV|LI|UL|OL|TABLE|TR|H[1-6]|BLOCKQUOTE|PRE)$/;

/**
 * A cell's text as shown, for its lines (their words are the copied text's, `fromTable`): each
 * paragraph (Word's `<p class=MsoNormal>`) and <br> a line, the markup's own line breaks and
 * indenting no text, &nbsp; (Word's empty paragraph) a line. Read node by node, never through
 * innerHTML.
 */
function cellText(td) {
  const lines = [];
  let line = '';
  const end = () => {
    // A <br> ending a paragraph adds no line; markup whitespace between paragraphs is none.
    if (line.endsWith('\n')) lines.push(line.slice(0, -1));
    else if (/[^ ]/.test(line)) lines.push(line);
    line = '';
  };
  const walk = (node) => {
    for (const child of node.childNodes) {
      if (child.nodeType === 3) line += child.data.replace(/[ \t\n\r\f]+/g, ' ');
      else if (child.nodeName === 'BR') line += '\n';
      else if (child.nodeType === 1 && LINES.test(child.nodeName)) {
        end();
        walk(child);
        end();
      } else if (child.nodeType === 1) walk(child);
    }
  };
  walk(td);
  end();
  return lines.join('\n');
}

/**
 * Puts in `grid` each figure as Excel holds it where it showed it rounded: 0.955 formatted as
 * 0% is copied as the text 96%, and in Excel's HTML (WPS's too) as `x:num="0.955"`. A file is
 * read as typed (src/xlsx), so a paste is: the same table must not score differently pasted.
 * Returns how many cells changed; none when the HTML's table is not the block's shape.
 */
export function asTyped(grid, html) {
  if (!html.includes('x:num')) return 0;
  const rows = tableRows(html);
  const { cells, widths } = laidOut(rows);
  if (rows.length !== grid.length || widths.some((w, r) => w !== grid[r].length)) return 0;
  let changed = 0;
  for (const { td, r, c } of cells) {
    const held = heldAs(td.getAttribute('x:num'), grid[r][c]);
    if (held != null) {
      grid[r][c] = held;
      changed++;
    }
  }
  return changed;
}

/**
 * The rows of the copied HTML's tables. Only the cells are read. A stylesheet and cells' style
 * attributes (Excel's and Word's; a portal's page, or a file another program wrote, may hold
 * event handlers too) are left out before parsing: a page's Content-Security-Policy refuses
 * them as they are parsed, and says so in the console, though nothing of them is ever used.
 */
function tableRows(html) {
  const markup = html.replace(/<(style|script)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/\s(?:style|on[a-z]+)\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+)/gi, '');
  return [...new DOMParser().parseFromString(markup, 'text/html').querySelectorAll('tr')];
}

/**
 * The HTML table's cells at the row and column Excel's text gives them (and the columns and
 * rows each spans), and each row's width: a cell merged over columns (colspan) or rows
 * (rowspan, an 一级 name over its indicators) takes those places, and a row's next cell comes
 * after them, as the text has an empty cell there.
 */
function laidOut(rows) {
  const taken = rows.map(() => []);
  const cells = [];
  rows.forEach((tr, r) => {
    let c = 0;
    for (const td of tr.cells) {
      while (taken[r][c]) c++;
      const across = td.colSpan || 1;
      const down = Math.min(td.rowSpan || rows.length, rows.length - r);
      cells.push({ td, r, c, across, down });
      for (let i = 0; i < down; i++) for (let j = 0; j < across; j++) taken[r + i][c + j] = true;
      c += across;
    }
  });
  return { cells, widths: taken.map((row) => row.length) };
}

// BigInt's constants, not its literals (`10n`), which the bundle's older targets do not parse.
const [ZERO, ONE, TWO, TEN] = [0, 1, 2, 10].map(BigInt);

/**
 * The figure `shown` as Excel holds it (`num`), written as shown (a percentage as one), or null
 * when it is the same figure or not one to replace. Excel holds 15 significant digits and may
 * write more (0.95499999999999996 for 0.955). Taken only where the cell showed the held value
 * rounded to its places (0.955 as 96%): a scaled format (元 shown as 万元, 1234567 as 123.4567),
 * a % typed after a figure, or a date shows another figure, which stays as shown; and only a
 * figure as short as a typed one, not a formula's result.
 */
export function heldAs(num, shown) {
  const held = decimal(num ?? '');
  if (!held) return null;
  const exact = significant(held, 15);
  // More digits than anyone types (a formula's result, 0.943548387096774): as shown.
  if ((exact.m < ZERO ? -exact.m : exact.m).toString().length > 10) return null;
  const text = shown.trim();
  // Excel's 会计专用 format shows a zero as a dash, which means "not filled" here.
  if (/^[-—]$/.test(text)) return exact.m === ZERO ? '0' : null;
  const percent = /^-?[\d,]+(\.\d+)?%$/.test(text);
  if (!percent && !/^-?[\d,]+(\.\d+)?$/.test(text)) return null;
  const figure = decimal(text.replace(/[,%]/g, ''));
  const value = normal(percent ? { m: exact.m, s: exact.s - 2 } : exact);
  if (roundTo(value, figure.s).m !== figure.m) return null;
  const same = normal(figure);
  if (same.m === value.m && same.s === value.s) return null;
  return `${written(value)}${percent ? '%' : ''}`;
}

/** A figure's text (`-0.955`, `1.2E-3`) as an integer and its places, exactly; null when it
 * is not one. */
function decimal(text) {
  const parts = /^(-?)(\d+)(?:\.(\d+))?(?:E([+-]?\d+))?$/i.exec(text.trim());
  if (!parts) return null;
  const [, sign, int, frac = '', exponent = '0'] = parts;
  const m = BigInt(int + frac);
  return normal({ m: sign ? -m : m, s: frac.length - Number(exponent) });
}

/** Without trailing zeros after the point, and no places below the units. */
function normal({ m, s }) {
  if (s < 0) return { m: m * TEN ** BigInt(-s), s: 0 };
  while (s > 0 && m % TEN === ZERO) {
    m /= TEN;
    s -= 1;
  }
  return { m, s };
}

/** `d` to `places` (not fewer than 0), half away from zero. */
function roundTo(d, places) {
  if (d.s <= places) return { m: d.m * TEN ** BigInt(places - d.s), s: places };
  const unit = TEN ** BigInt(d.s - places);
  const size = d.m < ZERO ? -d.m : d.m;
  const q = size / unit + ((size % unit) * TWO >= unit ? ONE : ZERO);
  return { m: d.m < ZERO ? -q : q, s: places };
}

/** `d` to `n` significant digits, as Excel holds a number. */
function significant(d, n) {
  const digits = (d.m < ZERO ? -d.m : d.m).toString().length;
  return digits > n && d.s - (digits - n) >= 0 ? normal(roundTo(d, d.s - (digits - n))) : d;
}

/** A decimal as text: 0.955, -12.5, 1250. */
function written({ m, s }) {
  const digits = (m < ZERO ? -m : m).toString().padStart(s + 1, '0');
  const int = digits.slice(0, digits.length - s);
  return `${m < ZERO ? '-' : ''}${int}${s ? `.${digits.slice(digits.length - s)}` : ''}`;
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
    // was typed in the cell. And it quotes a cell for its line breaks: quotes around tabs are
    // a quote typed at a cell's start and one at another's end, not one cell (`"约520	次`).
    const quoted = s[i] === '"' ? readQuoted(s, i + 1) : null;
    const whole = quoted && (quoted.end === s.length || s[quoted.end] === '\t' || s[quoted.end] === '\n');
    if (whole && !quoted.text.includes('\t')) {
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
  // A merged cell (a form's title over several columns) is copied as its text and tabs for
  // the columns it spans: the one cell filled.
  const filled = grid.length === 1 ? grid[0].filter((cell) => cell.trim() !== '') : [];
  return filled.length === 1 ? filled[0] : null;
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
