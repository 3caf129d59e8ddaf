// Runs in the benchmark page (scripts/peers/peers.html), driven by scripts/peers/bench.mjs:
// one tool, one workload per page. `cold` loads the tool and the sheet from nothing and reads
// the total; `full`, `edit` and `scores` then work on what `cold` built. A workload named
// `summary-N` is a 汇总表 of N projects, its total the 合计 rate (`summaryTools`).
//
// Each tool gets its input in its natural form, fetched before the clock starts: jixiao the
// sheet file's bytes, as a page gets a file from fetch() or a file picker (reading them is
// timed), the spreadsheets an array of cells with formulas (parsed before the clock), the float
// scorer its objects.

const now = () => performance.now();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
/** "1,234.56", "97.05%" or 1234.56 → cents (hundredths) as a Number (exact for the sizes here). */
function cents(value) {
  if (typeof value === 'number') return Math.round(value * 100);
  const text = String(value).replace(/[,%]/g, '');
  if (!/^-?\d+(\.\d+)?$/.test(text)) return null;
  const [int, frac = ''] = text.split('.');
  const sign = int.startsWith('-') ? -1 : 1;
  const whole = Math.abs(Number(int)) * 100 + Number((frac + '00').slice(0, 2));
  // More than 2 places (a spreadsheet showing a raw float): round the shown value.
  const rest = frac.length > 2 ? Number(`0.${frac.slice(2)}`) : 0;
  return sign * (whole + (rest >= 0.5 ? 1 : 0));
}
const grouped = (c) => `${Math.floor(c / 100)}.${String(c % 100).padStart(2, '0')}`.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/**
 * A wasm-bindgen module as a page best loads it: the wasm is fetched and compiled (streaming)
 * while the glue loads, then instantiated. jixiao and IronCalc load the same way.
 */
async function loadWasmBindgen(glue, wasm) {
  const module = WebAssembly.compileStreaming(fetch(wasm));
  const m = await import(glue);
  const exports = await m.default({ module_or_path: await module });
  return { m, exports };
}

const tools = {
  jixiao: {
    input: (size) => fetch(`work/${size}.jixiao.json`).then((r) => r.arrayBuffer()).then((b) => new Uint8Array(b)),
    async load(bytes) {
      const { m, exports } = await loadWasmBindgen('./jixiao/jixiao.js', './jixiao/jixiao_bg.wasm');
      const calc = m.Calculator.fromBytes(bytes);
      return { m, calc, wasm: exports.memory, total: calc.totals().total };
    },
    full: (h) => h.calc.recalculate().total,
    // The new total only, as the spreadsheets are asked for it.
    edit: (h, edit, cents) => h.calc.editTotal(edit.row, 'actual', grouped(cents)),
    // What the page uses: what every changed row shows (score, rate, status), the totals, counts.
    editRows: (h, edit, cents) => h.calc.set(edit.row, 'actual', grouped(cents)).total,
    scores: (h) => h.calc.report().nodes.filter((n) => n.leaf).map((n) => cents(n.score)),
  },
  hyperformula: {
    input: (size) => fetch(`work/${size}.cells.json`).then((r) => r.json()),
    async load(sheet) {
      await new Promise((resolve, reject) => {
        const s = document.createElement('script');
        s.src = './hyperformula/hyperformula.full.min.js';
        s.onload = resolve;
        s.onerror = reject;
        document.head.append(s);
      });
      const hf = window.HyperFormula.buildFromArray(sheet.cells, { licenseKey: 'gpl-v3' });
      const at = { sheet: 0, col: 4, row: sheet.totalRow };
      return { hf, at, sheet, total: hf.getCellValue(at) };
    },
    full(h) {
      h.hf.rebuildAndRecalculate();
      return h.hf.getCellValue(h.at);
    },
    edit(h, edit, c) {
      h.hf.setCellContents({ sheet: 0, col: 2, row: edit.row }, c / 100);
      return h.hf.getCellValue(h.at);
    },
    scores: (h) => h.sheet.leafRows.map((row) => cents(h.hf.getCellValue({ sheet: 0, col: 4, row }))),
  },
  ironcalc: {
    input: (size) => fetch(`work/${size}.cells.json`).then((r) => r.json()),
    async load(sheet) {
      const { m, exports } = await loadWasmBindgen('./ironcalc/wasm.js', './ironcalc/wasm_bg.wasm');
      const model = new m.Model('bench', 'en', 'UTC', 'en');
      model.pauseEvaluation();
      sheet.cells.forEach((row, r) => {
        row.forEach((v, c) => {
          if (v !== null) model.setUserInput(0, r + 1, c + 1, String(v));
        });
      });
      model.resumeEvaluation();
      model.evaluate();
      const totalRow = sheet.totalRow + 1;
      return { model, totalRow, sheet, wasm: exports.memory, total: model.getFormattedCellValue(0, totalRow, 5) };
    },
    full(h) {
      h.model.evaluate();
      return h.model.getFormattedCellValue(0, h.totalRow, 5);
    },
    edit(h, edit, c) {
      h.model.setUserInput(0, edit.row + 1, 3, String(c / 100));
      return h.model.getFormattedCellValue(0, h.totalRow, 5);
    },
    scores: (h) => h.sheet.leafRows.map((row) => cents(h.model.getFormattedCellValue(0, row + 1, 5))),
  },
  float: {
    input: (size) => fetch(`work/${size}.float.json`).then((r) => r.json()),
    async load(top) {
      const m = await import('./float.js');
      const leaves = [];
      for (const t of top) for (const g of t.groups) for (const l of g.leaves) leaves.push(l);
      return { m, top, leaves, total: m.evaluate(top) };
    },
    full: (h) => h.m.evaluate(h.top),
    edit(h, edit, c) {
      h.leaves[edit.leaf].actual = c / 100;
      return h.m.evaluate(h.top);
    },
    scores: (h) => h.m.leafScores(h.top).map(cents),
  },
};

/**
 * The 汇总表: one edit of a project's 完成数 → the new 合计 rate. jixiao has one call for it, the
 * page's (`setProject`, which also returns the row and its findings); there is no bare one.
 * Its first 合计 is read from `report()`, what the page draws on opening a file.
 */
const summaryTools = {
  jixiao: {
    input: tools.jixiao.input,
    async load(bytes) {
      const { m, exports } = await loadWasmBindgen('./jixiao/jixiao.js', './jixiao/jixiao_bg.wasm');
      const calc = m.Calculator.fromBytes(bytes);
      return { m, calc, wasm: exports.memory, total: calc.report().summary.rate };
    },
    edit: (h, edit, c) => h.calc.setProject(edit.project, 'spent', grouped(c)).summary.rate,
    scores: (h) => h.calc.report().summary.rows.map((r) => cents(r.rate)),
  },
  hyperformula: {
    input: tools.hyperformula.input,
    async load(sheet) {
      const h = await tools.hyperformula.load(sheet);
      h.at = { sheet: 0, col: 3, row: sheet.totalRow };
      h.total = h.hf.getCellValue(h.at);
      return h;
    },
    edit(h, edit, c) {
      h.hf.setCellContents({ sheet: 0, col: 2, row: edit.row }, c / 100);
      return h.hf.getCellValue(h.at);
    },
    scores: (h) => h.sheet.rateRows.map((row) => cents(h.hf.getCellValue({ sheet: 0, col: 3, row }))),
  },
  ironcalc: {
    input: tools.ironcalc.input,
    async load(sheet) {
      const h = await tools.ironcalc.load(sheet);
      h.total = h.model.getFormattedCellValue(0, h.totalRow, 4);
      return h;
    },
    edit(h, edit, c) {
      h.model.setUserInput(0, edit.row + 1, 3, String(c / 100));
      return h.model.getFormattedCellValue(0, h.totalRow, 4);
    },
    scores: (h) => h.sheet.rateRows.map((row) => cents(h.model.getFormattedCellValue(0, row + 1, 4))),
  },
};

/** JS heap in use after a full collection (needs --js-flags=--expose-gc and precise memory). */
function heap() {
  window.gc();
  window.gc();
  return performance.memory.usedJSHeapSize;
}

/**
 * Times `fn` in blocks of enough calls to last ≥ 20 ms (the clock is coarse), `blocks` times;
 * the median time per call, in ms.
 */
function timed(fn, blocks) {
  let per = 1;
  const times = [];
  for (let b = 0; b < blocks; b++) {
    const start = now();
    for (let i = 0; i < per; i++) fn();
    const took = now() - start;
    times.push(took / per);
    if (took < 20) per = Math.min(per * Math.max(2, Math.ceil(20 / Math.max(took, 0.05))), 1 << 20);
  }
  // The first blocks find the block size; they are dropped when there are enough.
  return median(times.length > 4 ? times.slice(2) : times);
}

let current = null;

window.bench = {
  /** Loads tool and sheet from nothing to the first total; returns time, total and memory. */
  async cold(tool, size) {
    const t = (size.startsWith('summary') ? summaryTools : tools)[tool];
    const before = heap();
    let input = await t.input(size);
    const edit = await fetch(`work/${size}.edit.json`).then((r) => r.json());
    const start = now();
    const h = await t.load(input);
    const coldMs = now() - start;
    input = null;
    const jsHeap = heap() - before;
    const wasm = h.wasm ? h.wasm.buffer.byteLength : 0;
    current = { tool, t, h, edit };
    return { coldMs, total: cents(h.total), memory: { js: jsHeap, wasm, total: jsHeap + wasm } };
  },
  /** A full recalculation of everything, median ms. */
  full(blocks) {
    const { t, h } = current;
    return timed(() => t.full(h), blocks);
  },
  /**
   * One changed cell to the updated total read back, median ms; checks the total moved.
   * `rows`: through the tool's fuller edit call, where it has one (jixiao's `set`).
   */
  edit(blocks, rows = false) {
    const { t, h, edit } = current;
    const apply = rows ? t.editRows : t.edit;
    const totals = new Set();
    let k = 0;
    const ms = timed(() => totals.add(String(apply(h, edit, edit.values[k++ % 2]))), blocks);
    if (totals.size < 2) throw new Error(`${current.tool}：修改没有改变总分`);
    return ms;
  },
  /**
   * jixiao only: the 项目支出 template every user starts from, one 实际完成值 typed at a time
   * into its first 比率法 row, median ms of the bare edit (`editTotal`) and of the page's `set`.
   * Its update carries the sheet's findings and, on this kind of sheet, the tree's 提示, which
   * the generated 部门整体 sheets above have none of.
   */
  template(blocks) {
    const { Calculator } = current.h.m;
    const calc = Calculator.fromTemplate('project');
    const leaf = calc.report().nodes.find((n) => n.leaf && n.rule === '比率法').index;
    // Its 指标值 typed first, as a user fills the row.
    calc.set(leaf, 'target', '100');
    const values = ['95', '97.5'];
    let k = 0;
    const totals = new Set();
    const edit = timed(() => totals.add(calc.editTotal(leaf, 'actual', values[k++ % 2])), blocks);
    const set = timed(() => totals.add(calc.set(leaf, 'actual', values[k++ % 2]).total), blocks);
    if (totals.size < 2) throw new Error('jixiao：模板中的修改没有改变总分');
    calc.free();
    return { edit, set };
  },
  /** Every leaf's score and the total, in cents, after setting the edited leaf back. */
  scores() {
    const { t, h, edit } = current;
    const total = cents(t.edit(h, edit, edit.original));
    return { leaves: t.scores(h), total };
  },
};
