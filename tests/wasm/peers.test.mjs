// The side-by-side benchmark's workloads (scripts/peers/) against the core: its exact
// reference is integer arithmetic written apart from the core, so the two agreeing on every
// leaf checks both, and the float scorer shows the mistakes the benchmark counts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Calculator } from './load.mjs';
import { generate, reference, jixiaoSheet, exactCents, floatData, summaryEditTarget, summaryReference } from '../../scripts/peers/workload.mjs';
import { summary } from '../../scripts/workload.mjs';
import { evaluate as floatEvaluate, leafScores } from '../../scripts/peers/float.js';

const cents = (text) => {
  const [int, frac] = text.split('.');
  return BigInt(int) * 100n + BigInt(frac);
};

test('the reference rounds half away from zero, with the one division last', () => {
  assert.equal(exactCents({ kind: 'ratio', target: 63400, actual: 55475, weight: 804 }), 704n); // 7.035 → 7.04
  assert.equal(exactCents({ kind: 'ratio', target: 14762, actual: 14091, weight: 1309 }), 1250n); // 12.4953… → 12.50
  assert.equal(exactCents({ kind: 'lower', target: 300, actual: 350, weight: 2000 }), 1667n); // 16.666… → 16.67
  assert.equal(exactCents({ kind: 'step', target: 50, actual: 150, weight: 200 }), 100n); // 10.0% over: 2 steps
  assert.equal(exactCents({ kind: 'step', target: 50, actual: 149, weight: 200 }), 150n);
  assert.equal(exactCents({ kind: 'interval', target: 0, actual: 899, weight: 500 }), 400n);
});

test('every half-cent leaf really ends in a half cent, and the core scores each exactly', () => {
  const work = generate(1200, { precision: true });
  const ref = reference(work);
  const leaves = work.top.flatMap((t) => t.groups.flatMap((g) => g.leaves));
  for (const l of leaves) assert.equal((BigInt(l.actual) * BigInt(l.weight) * 10n) % BigInt(l.target) === 0n
    && ((BigInt(l.actual) * BigInt(l.weight) * 10n) / BigInt(l.target)) % 10n === 5n, true);
  const calc = Calculator.fromJson(JSON.stringify(jixiaoSheet(work)));
  const report = calc.report();
  const scores = report.nodes.filter((n) => n.leaf).map((n) => cents(n.score));
  assert.deepEqual(scores, ref.leaves);
  assert.equal(cents(report.total), ref.total);
  // The float scorer gets a share of them wrong: what the benchmark reports.
  const data = floatData(work);
  floatEvaluate(data);
  const wrong = leafScores(data).filter((s, i) => BigInt(Math.round(s * 100)) !== ref.leaves[i]).length;
  assert.ok(wrong > 50, `the float scorer missed ${wrong}`);
  calc.free();
});

test('on mixed rules the core agrees with the reference on every leaf and the total', () => {
  const work = generate(1000);
  const ref = reference(work);
  const calc = Calculator.fromJson(JSON.stringify(jixiaoSheet(work)));
  const report = calc.report();
  assert.deepEqual(report.nodes.filter((n) => n.leaf).map((n) => cents(n.score)), ref.leaves);
  assert.equal(cents(report.total), ref.total);
  calc.free();
});

test('on the 汇总表 the core agrees with the reference on every row rate and the 合计 rate', () => {
  const doc = summary(1000);
  const ref = summaryReference(doc);
  const calc = Calculator.fromJson(JSON.stringify(doc));
  const { summary: s } = calc.report();
  const hundredths = (rate) => cents(rate.replace('%', ''));
  assert.deepEqual(s.rows.map((r) => hundredths(r.rate)), ref.leaves);
  assert.equal(hundredths(s.rate), ref.total);
  // The edited row's two amounts move the 合计 rate, as the benchmark checks in the browser.
  const edit = summaryEditTarget(doc);
  const rates = edit.values.map((c) => calc.setProject(edit.project, 'spent', (c / 100).toFixed(2)).summary.rate);
  assert.notEqual(rates[0], rates[1]);
  calc.free();
});
