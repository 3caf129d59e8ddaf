// The side-by-side workloads of `npm run bench` (issue 5): indicator sheets generated once
// from a seed, written out for each tool in its own form, with the exact expected scores.
//
// A leaf holds integers only (cents, tenths of a percent), so the reference below is exact
// and independent of the core: BigInt arithmetic, rounded half away from zero.
//   ratio     ≥, capped:        W × A ÷ T, at most W           =ROUND(MIN(1,C/B)*D,2)
//   lower     ≤, linear:        W × (2T − A) ÷ T, 0 from 2T     =ROUND(IF(C<=B,D,MAX(0,D*(2*B-C)/B)),2)
//   step      ≤, 每超5%（含）扣0.5分 beyond the target             =MAX(0,D-0.5*FLOOR(MAX(0,C-B)/0.05,1))
//   interval  ≥90% 5, [80%,90%) 4, [60%,80%) 3, else 0          =IF(C>=0.9,5,IF(C>=0.8,4,IF(C>=0.6,3,0)))

import { rng } from '../workload.mjs';

const gcd = (a, b) => (b === 0n ? a : gcd(b, a % b));

/** A ratio leaf whose exact score W × A ÷ T ends in a half cent (x.xx5), below W. */
function halfCentLeaf(below) {
  for (;;) {
    const w = BigInt(100 + below(1900)); // 1.00 – 19.99
    const t = BigInt(10_000 + below(10_000_000)); // 100.00 – 100,099.99
    const g = gcd(10n * w, t);
    const stride = t / g; // A must be a multiple of this for W × A ÷ T to have 3 decimals
    const tenths = (10n * w) / g; // score in thousandths per stride
    if (tenths % 10n !== 5n || stride >= t) continue;
    const maxJ = (t - 1n) / stride;
    let j = BigInt(1 + below(Number(maxJ > 1_000_000n ? 1_000_000n : maxJ)));
    if (j % 2n === 0n) j -= 1n; // odd × odd multiple of 5 ends in 5
    if (j < 1n) continue;
    return { kind: 'ratio', target: Number(t), actual: Number(j * stride), weight: Number(w) };
  }
}

function mixedLeaf(below) {
  switch (below(4)) {
    case 0:
      return { kind: 'ratio', target: 10_000 + below(10_000_000), actual: 10_000 + below(10_000_000), weight: 100 + below(1900) };
    case 1: {
      const target = 10_000 + below(1_000_000);
      return { kind: 'lower', target, actual: Math.floor((target * (50 + below(170))) / 100), weight: 100 + below(1900) };
    }
    case 2: // tenths of a percent: target 0.0%–10.0%, actual up to 40.0%
      return { kind: 'step', target: below(101), actual: below(401), weight: 200 + 50 * below(5) };
    default:
      return { kind: 'interval', target: 0, actual: 400 + below(601), weight: 500 };
  }
}

/**
 * A sheet of `count` leaves: 10 per 二级 group, 二级 groups dealt round-robin to 4 一级 groups,
 * as benches/workload.rs and scripts/workload.mjs lay theirs out. `precision` makes every leaf
 * a half-cent ratio leaf.
 */
export function generate(count, { precision = false } = {}) {
  const below = rng((precision ? 0x2545f491 : 0x9e3779b9) ^ count);
  const top = [0, 1, 2, 3].map((i) => ({ name: `一级${i}`, groups: [] }));
  let made = 0;
  for (let g = 0; made < count; g++) {
    const n = Math.min(10, count - made);
    const leaves = Array.from({ length: n }, () => (precision ? halfCentLeaf(below) : mixedLeaf(below)));
    made += n;
    top[g % 4].groups.push({ name: `二级${g}`, leaves });
  }
  return { count, precision, top: top.filter((t) => t.groups.length) };
}

/** Rows in printed order (一级, its 二级, their leaves), as every tool lays them out. */
export function rows(work) {
  const out = [];
  for (const t of work.top) {
    out.push({ level: 1, item: t });
    for (const g of t.groups) {
      out.push({ level: 2, item: g });
      for (const leaf of g.leaves) out.push({ level: 3, item: leaf });
    }
  }
  return out;
}

const sumWeights = (leaves) => leaves.reduce((s, l) => s + l.weight, 0);

// ---- the exact reference -------------------------------------------------------------------

/** round(n ÷ d) half away from zero, n ≥ 0, d > 0. */
const roundDiv = (n, d) => (2n * n + d) / (2n * d);

/** The exact score of a leaf, in cents. */
export function exactCents(leaf) {
  const w = BigInt(leaf.weight);
  const t = BigInt(leaf.target);
  const a = BigInt(leaf.actual);
  switch (leaf.kind) {
    case 'ratio':
      return a >= t ? w : roundDiv(a * w, t);
    case 'lower':
      if (a <= t) return w;
      return a >= 2n * t ? 0n : roundDiv(w * (2n * t - a), t);
    case 'step': {
      const steps = a > t ? (a - t) / 50n : 0n; // 5.0% = 50 tenths; reaching a step counts
      const s = w - 50n * steps;
      return s > 0n ? s : 0n;
    }
    default:
      return a >= 900n ? 500n : a >= 800n ? 400n : a >= 600n ? 300n : 0n;
  }
}

/** Every leaf's exact score (cents, printed order) and the exact total. */
export function reference(work) {
  const leaves = [];
  for (const t of work.top) for (const g of t.groups) for (const l of g.leaves) leaves.push(exactCents(l));
  return { leaves, total: leaves.reduce((s, c) => s + c, 0n) };
}

// ---- each tool's form ----------------------------------------------------------------------

const fixed2 = (cents) => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
const grouped = (cents) => fixed2(cents).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
const percent = (tenths) => `${Math.floor(tenths / 10)}.${tenths % 10}%`;

/** The jixiao sheet file: values as people type them ("1,234.56", "15.3%"). */
export function jixiaoSheet(work) {
  const leaf = (l, i) => {
    const n = { name: `指标${i}`, weight: fixed2(l.weight), reason: '偏差原因' };
    switch (l.kind) {
      case 'ratio':
        return { ...n, comparison: '≥', target: grouped(l.target), actual: grouped(l.actual) };
      case 'lower':
        return { ...n, comparison: '≤', target: grouped(l.target), actual: grouped(l.actual) };
      case 'step':
        return { ...n, rule: { kind: 'step', step: '5%', points: '0.5' }, comparison: '≤', target: percent(l.target), actual: percent(l.actual) };
      default:
        return {
          ...n,
          rule: {
            kind: 'interval',
            bands: [
              { min: '90%', points: '5' },
              { min: '80%', max: '90%', points: '4' },
              { min: '60%', max: '80%', points: '3' },
              { max: '60%', points: '0' },
            ],
          },
          actual: percent(l.actual),
        };
    }
  };
  let i = 0;
  let total = 0;
  const indicators = work.top.map((t) => {
    const weight = t.groups.reduce((s, g) => s + sumWeights(g.leaves), 0);
    total += weight;
    return {
      name: t.name,
      weight: fixed2(weight),
      children: t.groups.map((g) => ({ name: g.name, weight: fixed2(sumWeights(g.leaves)), children: g.leaves.map((l) => leaf(l, i++)) })),
    };
  });
  return { format: 'jixiao-sheet', version: 1, kind: 'department', settings: { total_weight: fixed2(total) }, indicators };
}

/** A leaf's numbers as a spreadsheet holds them (what typing "1234.56" or "15.3%" stores). */
function cellValues(l) {
  if (l.kind === 'ratio' || l.kind === 'lower') return [l.target / 100, l.actual / 100];
  return [l.kind === 'interval' ? null : l.target / 1000, l.actual / 1000];
}

function leafFormula(kind, r) {
  switch (kind) {
    case 'ratio':
      return `=ROUND(MIN(1,C${r}/B${r})*D${r},2)`;
    case 'lower':
      return `=ROUND(IF(C${r}<=B${r},D${r},MAX(0,D${r}*(2*B${r}-C${r})/B${r})),2)`;
    case 'step':
      return `=MAX(0,D${r}-0.5*FLOOR(MAX(0,C${r}-B${r})/0.05,1))`;
    default:
      return `=IF(C${r}>=0.9,5,IF(C${r}>=0.8,4,IF(C${r}>=0.6,3,0)))`;
  }
}

/**
 * The same sheet as a spreadsheet user builds it: columns 名称 / 目标 / 实际 / 分值 / 得分, one
 * row per indicator in printed order, SUM formulas for the 二级 and 一级 subtotals and a 合计
 * row last. Numbers are numbers; formulas are text starting with "=".
 * Returns { cells: (string|number|null)[][], leafRows: number[], totalRow } (0-based rows).
 */
export function formulaSheet(work) {
  const cells = [];
  const leafRows = [];
  const topRows = [];
  for (const t of work.top) {
    const topRow = cells.length;
    topRows.push(topRow);
    cells.push([t.name, null, null, null, null]);
    const groupRows = [];
    for (const g of t.groups) {
      const groupRow = cells.length;
      groupRows.push(groupRow);
      cells.push([g.name, null, null, sumWeights(g.leaves) / 100, `=SUM(E${groupRow + 2}:E${groupRow + 1 + g.leaves.length})`]);
      g.leaves.forEach((l) => {
        const r = cells.length;
        leafRows.push(r);
        cells.push([`指标${leafRows.length - 1}`, ...cellValues(l), l.weight / 100, leafFormula(l.kind, r + 1)]);
      });
    }
    cells[topRow][3] = t.groups.reduce((s, g) => s + sumWeights(g.leaves), 0) / 100;
    cells[topRow][4] = `=SUM(${groupRows.map((r) => `E${r + 1}`).join(',')})`;
  }
  const totalRow = cells.length;
  cells.push(['合计', null, null, null, `=SUM(${topRows.map((r) => `E${r + 1}`).join(',')})`]);
  return { cells, leafRows, totalRow };
}

/** The plain-JS data a hand-written portal page would keep: numbers and the tree. */
export function floatData(work) {
  return work.top.map((t) => ({
    name: t.name,
    groups: t.groups.map((g) => ({ name: g.name, leaves: g.leaves.map((l) => { const [target, actual] = cellValues(l); return { kind: l.kind, target, actual, weight: l.weight / 100 }; }) })),
  }));
}

/**
 * The leaf edited in the edit benchmark: the middle ratio leaf, and two actual values (cents)
 * below its target, so every edit changes its score and the total.
 */
export function editTarget(work) {
  const all = [];
  for (const t of work.top) for (const g of t.groups) for (const l of g.leaves) all.push(l);
  let k = Math.floor(all.length / 2);
  while (all[k].kind !== 'ratio') k = (k + 1) % all.length;
  const t = all[k].target;
  return { leaf: k, values: [Math.floor(t / 3), Math.floor(t / 2)] };
}


// ---- the 汇总表 ------------------------------------------------------------------------------
//
// The generated 汇总表 of the page benchmark (scripts/workload.mjs `summary`). jixiao's rules
// (src/funds.rs, src/summary.rs; DOMAIN.md §2 C): a row's 预算完成率 is 完成数 × 100 ÷ 预算数,
// rounded half away from zero to 2 places (in percent); the 合计 row sums both columns and takes
// the rate of the sums, not the mean of the rates. In the spreadsheets, with a header row:
//   row rate   =ROUND(C×100/B,2)      合计   =SUM(B…)  =SUM(C…)  =ROUND(C合计×100/B合计,2)

/** "1,234.56" → 123456 (the generator writes every amount with 2 places). */
const amountCents = (text) => Number(text.replace(/[,.]/g, ''));

/** The 汇总表's amounts in cents, per project. */
export function summaryAmounts(doc) {
  return doc.projects.map((p) => ({ budget: amountCents(p.budget), spent: amountCents(p.spent) }));
}

/** Every row's exact rate and the 合计 rate, in hundredths of a percent (9705 = 97.05%). */
export function summaryReference(doc) {
  const rate = (spent, budget) => roundDiv(spent * 10_000n, budget);
  let budget = 0n;
  let spent = 0n;
  const leaves = summaryAmounts(doc).map((a) => {
    budget += BigInt(a.budget);
    spent += BigInt(a.spent);
    return rate(BigInt(a.spent), BigInt(a.budget));
  });
  return { leaves, total: rate(spent, budget) };
}

/**
 * The same 汇总表 as a spreadsheet user builds it: 项目名称 / 预算数 / 完成数 / 预算完成率 under a
 * header row, one row per project, the 合计 row last. Returns { cells, rateRows, totalRow }
 * (0-based rows; the rate is column D).
 */
export function summarySheet(doc) {
  const n = doc.projects.length;
  const cells = [['项目名称', '预算数', '完成数', '预算完成率']];
  summaryAmounts(doc).forEach((a, i) => {
    const r = i + 2;
    cells.push([doc.projects[i].project, a.budget / 100, a.spent / 100, `=ROUND(C${r}*100/B${r},2)`]);
  });
  const t = n + 2;
  cells.push(['合计', `=SUM(B2:B${n + 1})`, `=SUM(C2:C${n + 1})`, `=ROUND(C${t}*100/B${t},2)`]);
  return { cells, rateRows: Array.from({ length: n }, (_, i) => i + 1), totalRow: n + 1 };
}

/**
 * The row edited in the edit benchmark: from the middle, the first project with a budget of at
 * least 1.5× the mean, and two 完成数 (cents) within its budget far enough apart that the 合计
 * rate moves at 2 places even at 10,000 rows.
 */
export function summaryEditTarget(doc) {
  const amounts = summaryAmounts(doc);
  const mean = amounts.reduce((s, a) => s + a.budget, 0) / amounts.length;
  let k = Math.floor(amounts.length / 2);
  while (amounts[k].budget < 1.5 * mean) k = (k + 1) % amounts.length;
  const b = amounts[k].budget;
  return { project: k, row: k + 1, values: [Math.floor(b / 10), b], original: amounts[k].spent };
}
