// The side-by-side benchmark (issue 5): jixiao against what users would pick instead, in one
// headless Chromium session, interleaved so a noisy machine slows every tool alike.
//   HyperFormula (npm hyperformula) and IronCalc (npm @ironcalc/wasm): spreadsheet engines
//     given the same sheet as formulas (ROUND, MIN, MAX, IF, FLOOR, SUM);
//   float: the plain-JS scorer portals hand-roll (scripts/peers/float.js).
// And the 汇总表 (issue 21): the page benchmark's generated 汇总表 to jixiao as its file, to the
// spreadsheets as amounts with ROUND and SUM formulas; cold start and one 完成数 → 合计 rate.
// Figures are medians. Correctness is counted against exact integer arithmetic
// (scripts/peers/workload.mjs), not against the core.
import { copyFileSync, cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { root } from '../setup.mjs';
import { serve } from '../serve.mjs';
import { summary } from '../workload.mjs';
import { editTarget, floatData, formulaSheet, generate, jixiaoSheet, reference, summaryEditTarget, summaryReference, summarySheet } from './workload.mjs';

export const TOOLS = ['jixiao', 'hyperformula', 'ironcalc', 'float'];
export const LABELS = { jixiao: 'jixiao（Rust→wasm，精确小数）', hyperformula: 'HyperFormula 3.5', ironcalc: 'IronCalc 0.8', float: '手写 JS（浮点）' };
const SIZES = [100, 1_000, 10_000];
const PRECISION = 1_200;
export const SUMMARY_TOOLS = ['jixiao', 'hyperformula', 'ironcalc'];
const SUMMARY_SIZES = [1_000, 10_000];

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const nm = (p) => path.join(root, 'node_modules', p);

/** What each tool ships to the browser: the files a page must load to use it. */
function shipped(site) {
  const files = {
    jixiao: ['jixiao/jixiao.js', 'jixiao/jixiao_bg.wasm'],
    hyperformula: ['hyperformula/hyperformula.full.min.js'],
    ironcalc: ['ironcalc/wasm.js', 'ironcalc/wasm_bg.wasm', 'ironcalc/snippets/inline0.js'],
    float: ['float.js'],
  };
  return Object.fromEntries(
    Object.entries(files).map(([tool, list]) => {
      let raw = 0;
      let gzip = 0;
      for (const f of list) {
        const bytes = readFileSync(path.join(site, f));
        raw += bytes.length;
        gzip += gzipSync(bytes, { level: 9 }).length;
      }
      return [tool, { raw, gzip }];
    }),
  );
}

/** Writes the page, the tools and the workloads to a folder to serve. */
function prepareSite(site) {
  rmSync(site, { recursive: true, force: true });
  mkdirSync(path.join(site, 'work'), { recursive: true });
  for (const f of ['peers.html', 'runner.js', 'float.js']) copyFileSync(path.join(root, 'scripts/peers', f), path.join(site, f));
  mkdirSync(path.join(site, 'jixiao'));
  for (const f of ['jixiao.js', 'jixiao_bg.wasm']) copyFileSync(path.join(root, 'pkg', f), path.join(site, 'jixiao', f));
  mkdirSync(path.join(site, 'hyperformula'));
  copyFileSync(nm('hyperformula/dist/hyperformula.full.min.js'), path.join(site, 'hyperformula/hyperformula.full.min.js'));
  cpSync(nm('@ironcalc/wasm'), path.join(site, 'ironcalc'), { recursive: true });
  // The snippet's folder name carries a hash; the size count wants a fixed name.
  const snippets = path.join(site, 'ironcalc/snippets');
  const [dir] = readdirSync(snippets);
  copyFileSync(path.join(snippets, dir, 'inline0.js'), path.join(snippets, 'inline0.js'));

  const workloads = {};
  const write = (name, work) => {
    const sheet = formulaSheet(work);
    const target = editTarget(work);
    const leaves = work.top.flatMap((t) => t.groups.flatMap((g) => g.leaves));
    writeFileSync(path.join(site, 'work', `${name}.jixiao.json`), JSON.stringify(jixiaoSheet(work)));
    writeFileSync(path.join(site, 'work', `${name}.cells.json`), JSON.stringify(sheet));
    writeFileSync(path.join(site, 'work', `${name}.float.json`), JSON.stringify(floatData(work)));
    writeFileSync(
      path.join(site, 'work', `${name}.edit.json`),
      JSON.stringify({ ...target, row: sheet.leafRows[target.leaf], original: leaves[target.leaf].actual }),
    );
    workloads[name] = { leaves: work.count, reference: reference(work) };
  };
  for (const n of SIZES) write(String(n), generate(n));
  write('precision', generate(PRECISION, { precision: true }));
  for (const n of SUMMARY_SIZES) {
    const doc = summary(n);
    writeFileSync(path.join(site, 'work', `summary-${n}.jixiao.json`), JSON.stringify(doc));
    writeFileSync(path.join(site, 'work', `summary-${n}.cells.json`), JSON.stringify(summarySheet(doc)));
    writeFileSync(path.join(site, 'work', `summary-${n}.edit.json`), JSON.stringify(summaryEditTarget(doc)));
    workloads[`summary-${n}`] = { projects: n, reference: summaryReference(doc) };
  }
  return workloads;
}

/** Compares a tool's cents with the exact reference (a 汇总表's rates: its rows and the 合计). */
function check(got, ref) {
  let exact = 0;
  const wrong = [];
  ref.leaves.forEach((c, i) => {
    if (got.leaves[i] !== null && BigInt(got.leaves[i]) === c) exact += 1;
    else if (wrong.length < 3) wrong.push({ leaf: i, expected: Number(c), got: got.leaves[i] });
  });
  return { leaves: ref.leaves.length, exact, total_exact: got.total !== null && BigInt(got.total) === ref.total, examples: wrong };
}

/**
 * Runs every tool on every workload in `browser` (launched with --js-flags=--expose-gc and
 * --enable-precise-memory-info) and returns the figures. `rounds` cold starts per tool and
 * size, tools rotated each round.
 */
/** The pause between opening the page and a cold start (300 ms still left outliers). */
const SETTLE_MS = 1000;

export async function runPeers(browser, { rounds = 9, log = console.log } = {}) {
  const site = path.join(root, 'bench-results', 'peers-site');
  const workloads = prepareSite(site);
  const server = await serve({ dir: site });
  const results = { sizes: SIZES, precision_leaves: PRECISION, shipped: shipped(site), runs: {}, correctness: {} };
  for (const tool of TOOLS) {
    results.runs[tool] = Object.fromEntries(SIZES.map((n) => [n, { cold: [], full: [], edit: [], edit_rows: [], memory: [] }]));
    results.correctness[tool] = {};
  }
  // jixiao on the 项目支出 template (window.bench.template).
  results.template = { edit: [], set: [] };
  const sums = { sizes: SUMMARY_SIZES, runs: {}, correctness: {} };
  results.summary = sums;
  for (const tool of SUMMARY_TOOLS) {
    sums.runs[tool] = Object.fromEntries(SUMMARY_SIZES.map((n) => [n, { cold: [], edit: [] }]));
    sums.correctness[tool] = {};
  }

  async function inPage(tool, work, fn) {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      page.setDefaultTimeout(300_000);
      await page.goto(`${server.url}peers.html`);
      await page.waitForFunction(() => window.bench);
      // The browser goes on working for a while after a navigation, and after the previous
      // page closed (in its own processes, on the same two cores); a cold start measured then
      // measured the browser too: up to a fifth of the fastest tool's median, and single runs
      // twice as slow. Every tool's clock starts after the same pause.
      await page.waitForTimeout(SETTLE_MS);
      const cold = await page.evaluate(([t, w]) => window.bench.cold(t, w), [tool, work]);
      return await fn(page, cold);
    } finally {
      await context.close();
    }
  }

  for (let round = 0; round < rounds; round++) {
    for (const n of SIZES) {
      const order = TOOLS.map((_, i) => TOOLS[(i + round) % TOOLS.length]);
      for (const tool of order) {
        const blocks = n >= 10_000 && tool === 'ironcalc' ? 5 : 9;
        const r = await inPage(tool, String(n), async (page, cold) => {
          const full = await page.evaluate((b) => window.bench.full(b), blocks);
          const edit = await page.evaluate((b) => window.bench.edit(b), blocks);
          const editRows = tool === 'jixiao' ? await page.evaluate((b) => window.bench.edit(b, true), blocks) : null;
          const template = tool === 'jixiao' && n === SIZES[0] ? await page.evaluate((b) => window.bench.template(b), blocks) : null;
          const scores = round === 0 ? await page.evaluate(() => window.bench.scores()) : null;
          return { cold, full, edit, editRows, template, scores };
        });
        const slot = results.runs[tool][n];
        slot.cold.push(r.cold.coldMs);
        slot.full.push(r.full);
        slot.edit.push(r.edit);
        if (r.editRows !== null) slot.edit_rows.push(r.editRows);
        if (r.template) {
          results.template.edit.push(r.template.edit);
          results.template.set.push(r.template.set);
        }
        slot.memory.push(r.cold.memory);
        if (r.scores) results.correctness[tool][n] = check(r.scores, workloads[String(n)].reference);
      }
      log(`  第 ${round + 1}/${rounds} 轮，${n} 个指标：完成`);
    }
    for (const n of SUMMARY_SIZES) {
      const order = SUMMARY_TOOLS.map((_, i) => SUMMARY_TOOLS[(i + round) % SUMMARY_TOOLS.length]);
      for (const tool of order) {
        const r = await inPage(tool, `summary-${n}`, async (page, cold) => ({
          cold,
          edit: await page.evaluate(() => window.bench.edit(9)),
          scores: round === 0 ? await page.evaluate(() => window.bench.scores()) : null,
        }));
        sums.runs[tool][n].cold.push(r.cold.coldMs);
        sums.runs[tool][n].edit.push(r.edit);
        if (r.scores) sums.correctness[tool][n] = check(r.scores, workloads[`summary-${n}`].reference);
      }
      log(`  第 ${round + 1}/${rounds} 轮，${n} 个项目的汇总表：完成`);
    }
  }
  for (const tool of TOOLS) {
    const scores = await inPage(tool, 'precision', (page) => page.evaluate(() => window.bench.scores()));
    results.correctness[tool].precision = check(scores, workloads.precision.reference);
  }
  await server.close();

  results.medians = Object.fromEntries(
    TOOLS.map((tool) => [
      tool,
      Object.fromEntries(
        SIZES.map((n) => {
          const s = results.runs[tool][n];
          return [n, { cold_ms: median(s.cold), full_ms: median(s.full), edit_ms: median(s.edit), edit_rows_ms: s.edit_rows.length ? median(s.edit_rows) : null, memory_bytes: median(s.memory.map((m) => m.total)) }];
        }),
      ),
    ]),
  );
  results.template.medians = { edit_ms: median(results.template.edit), set_ms: median(results.template.set) };
  sums.medians = Object.fromEntries(
    SUMMARY_TOOLS.map((tool) => [tool, Object.fromEntries(SUMMARY_SIZES.map((n) => [n, { cold_ms: median(sums.runs[tool][n].cold), edit_ms: median(sums.runs[tool][n].edit) }]))]),
  );
  return results;
}

const fmtMs = (x) => (x >= 100 ? `${x.toFixed(0)} ms` : x >= 1 ? `${x.toFixed(1)} ms` : x >= 0.01 ? `${(x * 1000).toFixed(1)} µs` : `${(x * 1000).toFixed(2)} µs`);
const fmtKb = (n) => `${(n / 1024).toFixed(0)} KB`;
const fmtMb = (n) => `${(n / 1024 / 1024).toFixed(1)} MB`;

/** The table as markdown (README, the issue note) and the goal checks under it. */
export function markdown(results, machine) {
  const m = results.medians;
  const lines = [];
  lines.push(`测量环境：${machine}。中位数；每个工具、每种规模 ${results.runs.jixiao[SIZES[0]].cold.length} 次冷启动，轮流交错运行；每次打开页面后静置 ${SETTLE_MS} ms 再开始计时。`);
  lines.push('');
  const head = ['', ...TOOLS.map((t) => LABELS[t])];
  lines.push(`| ${head.join(' | ')} |`);
  lines.push(`|${head.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`);
  const row = (label, f) => lines.push(`| ${label} | ${TOOLS.map(f).join(' | ')} |`);
  for (const n of SIZES) row(`冷启动（加载＋实例化＋首次计算），${n.toLocaleString('en')} 个指标`, (t) => fmtMs(m[t][n].cold_ms));
  for (const n of SIZES) row(`全表重算，${n.toLocaleString('en')} 个指标`, (t) => fmtMs(m[t][n].full_ms));
  for (const n of SIZES) row(`改一格到总分更新，${n.toLocaleString('en')} 个指标`, (t) => fmtMs(m[t][n].edit_ms));
  for (const n of SIZES) row(`改一格并取回各变化行所显示的值、总分与计数（页面所用，set），${n.toLocaleString('en')} 个指标`, (t) => (m[t][n].edit_rows_ms === null ? '—' : fmtMs(m[t][n].edit_rows_ms)));
  const tm = results.template.medians;
  row('项目支出模板（每位用户的起点）填一行：改一格到总分 / 经 set（页面所用）', (t) => (t === 'jixiao' ? `${fmtMs(tm.edit_ms)} / ${fmtMs(tm.set_ms)}` : '—'));
  row('内存（JS 堆＋wasm 内存），10,000 个指标', (t) => fmtMb(m[t][10_000].memory_bytes));
  row('传输体积（原始 / gzip）', (t) => `${fmtKb(results.shipped[t].raw)} / ${fmtKb(results.shipped[t].gzip)}`);
  const p = results.correctness;
  row(`半分位得分算对（${results.precision_leaves.toLocaleString('en')} 个指标，如 554.75÷634.00×8.04=7.035→7.04）`, (t) => `${p[t].precision.exact.toLocaleString('en')}（${((100 * p[t].precision.exact) / p[t].precision.leaves).toFixed(1)}%）`);
  row('混合规则各指标得分算对（100 / 1,000 / 10,000）', (t) => SIZES.map((n) => `${p[t][n].exact}/${p[t][n].leaves}`).join('，'));
  row('总分精确（100 / 1,000 / 10,000 / 半分位）', (t) => [...SIZES, 'precision'].map((n) => (p[t][n].total_exact ? '是' : '否')).join(' / '));
  lines.push('');
  const j = m.jixiao[10_000];
  const fastestSheet = Math.min(m.hyperformula[10_000].cold_ms, m.ironcalc[10_000].cold_ms);
  lines.push(`目标（10,000 个指标）：改一格比 HyperFormula 快 ${(m.hyperformula[10_000].edit_ms / j.edit_ms).toFixed(0)} 倍（目标 ≥ 5 倍）；` +
    `冷启动比最快的电子表格快 ${(fastestSheet / j.cold_ms).toFixed(0)} 倍（目标 ≥ 10 倍）；` +
    `半分位得分 jixiao 错 ${p.jixiao.precision.leaves - p.jixiao.precision.exact} 个，` +
    `HyperFormula 错 ${p.hyperformula.precision.leaves - p.hyperformula.precision.exact} 个，IronCalc 错 ${p.ironcalc.precision.leaves - p.ironcalc.precision.exact} 个，手写浮点错 ${p.float.precision.leaves - p.float.precision.exact} 个。`);
  lines.push('');
  lines.push(...summaryMarkdown(results.summary));
  return lines.join('\n');
}

/** The 汇总表 table: every row's rate ROUND(完成数×100÷预算数, 2), the 合计 the rate of the sums. */
function summaryMarkdown(s) {
  const lines = [`汇总表（${s.sizes.map((n) => n.toLocaleString('en')).join(' / ')} 个项目；逐行预算完成率＝完成数×100÷预算数四舍五入到 2 位，合计行求和、按合计求完成率）：`, ''];
  const head = ['', ...SUMMARY_TOOLS.map((t) => LABELS[t])];
  lines.push(`| ${head.join(' | ')} |`);
  lines.push(`|${head.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`);
  const row = (label, f) => lines.push(`| ${label} | ${SUMMARY_TOOLS.map(f).join(' | ')} |`);
  const each = (f) => (t) => s.sizes.map((n) => f(t, n)).join(' / ');
  row('冷启动（加载＋实例化＋首个合计）', each((t, n) => fmtMs(s.medians[t][n].cold_ms)));
  row('改一个项目的完成数到合计完成率更新', each((t, n) => fmtMs(s.medians[t][n].edit_ms)));
  row('逐行完成率算对', each((t, n) => `${s.correctness[t][n].exact}/${s.correctness[t][n].leaves}`));
  row('合计完成率精确', each((t, n) => (s.correctness[t][n].total_exact ? '是' : '否')));
  return lines;
}
