// The plain-JS scorer many portals hand-roll: numbers as binary floating point, rounding as
// Math.round(x × 100) ÷ 100, the whole table recomputed on every input event. The peer
// benchmark runs it to show what that costs in speed and in cents.

const round2 = (x) => Math.round(x * 100) / 100;

function leafScore(l) {
  switch (l.kind) {
    case 'ratio':
      return round2(Math.min(1, l.actual / l.target) * l.weight);
    case 'lower':
      return round2(l.actual <= l.target ? l.weight : Math.max(0, (l.weight * (2 * l.target - l.actual)) / l.target));
    case 'step':
      return Math.max(0, l.weight - 0.5 * Math.floor(Math.max(0, l.actual - l.target) / 0.05));
    default:
      return l.actual >= 0.9 ? 5 : l.actual >= 0.8 ? 4 : l.actual >= 0.6 ? 3 : 0;
  }
}

/** Scores every leaf and sums 二级, 一级 and the total; returns the total. */
export function evaluate(top) {
  let total = 0;
  for (const t of top) {
    let sum1 = 0;
    for (const g of t.groups) {
      let sum2 = 0;
      for (const l of g.leaves) {
        l.score = leafScore(l);
        sum2 += l.score;
      }
      g.score = sum2;
      sum1 += sum2;
    }
    t.score = sum1;
    total += sum1;
  }
  return total;
}

/** Every leaf's score in printed order (after `evaluate`). */
export function leafScores(top) {
  const out = [];
  for (const t of top) for (const g of t.groups) for (const l of g.leaves) out.push(l.score);
  return out;
}
