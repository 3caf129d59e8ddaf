// Generated indicator sheets for the page benchmark and browser tests: a 3-level tree
// (一级 → 二级 → leaves) mixing the common rules, values written as people type them.
// The same shape as benches/workload.rs.

/** A small deterministic generator (xorshift), so every run measures the same sheets. */
export function rng(seed) {
  let x = BigInt(seed) | 1n;
  return (n) => {
    x ^= (x << 13n) & 0xffffffffffffffffn;
    x ^= x >> 7n;
    x ^= (x << 17n) & 0xffffffffffffffffn;
    return Number(x % BigInt(n));
  };
}

const cents = (v) => {
  const s = (v / 100).toFixed(2);
  const [i, f] = s.split('.');
  return `${i.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${f}`;
};

function leaf(below, i) {
  const n = { name: `指标${i}`, weight: '2', reason: '偏差原因' };
  switch (below(6)) {
    case 0:
      Object.assign(n, { comparison: '≥', target: cents(10_000 + below(1_000_000)), actual: cents(10_000 + below(1_000_000)) });
      break;
    case 1:
      Object.assign(n, { target: '≥95%', actual: `${80 + below(25)}.${below(100)}%` });
      break;
    case 2:
      Object.assign(n, { comparison: '≤', target: cents(50_000), actual: cents(40_000 + below(30_000)) });
      break;
    case 3:
      Object.assign(n, { rule: { kind: 'step', step: '5%', points: '0.5' }, comparison: '≤', target: '0%', actual: `${below(20)}.${below(10)}%` });
      break;
    case 4:
      Object.assign(n, { rule: { kind: 'per_occurrence', points: '0.5' }, actual: `${below(3)}次` });
      break;
    default:
      Object.assign(n, { rule: { kind: 'yes_no' }, actual: below(4) === 0 ? '否' : '是' });
  }
  return n;
}

/** A sheet with exactly `leaves` leaves, 10 per 二级 group, spread over 4 一级 groups. */
export function sheet(leaves) {
  const below = rng(0x9e3779b9 ^ leaves);
  const top = [0, 1, 2, 3].map((i) => ({ name: `一级${i}`, children: [] }));
  let made = 0;
  for (let g = 0; made < leaves; g++) {
    const n = Math.min(10, leaves - made);
    const children = Array.from({ length: n }, (_, k) => leaf(below, made + k));
    made += n;
    top[g % 4].children.push({ name: `二级${g}`, weight: String(2 * n), children });
  }
  return {
    format: 'jixiao-sheet',
    version: 1,
    kind: 'department',
    settings: { total_weight: String(2 * leaves) },
    indicators: top.filter((t) => t.children.length),
  };
}

/** A 汇总表 of `projects` rows typed in (as seed 000, at scale), amounts in 万元. */
export function summary(projects) {
  const below = rng(0x85ebca6b ^ projects);
  return {
    format: 'jixiao-sheet',
    version: 1,
    kind: 'summary',
    meta: { title: `${projects} 个项目的汇总表` },
    projects: Array.from({ length: projects }, (_, i) => {
      const budget = 10_000 + below(100_000_000);
      return {
        seq: String(i + 1),
        unit: `第${(i % 97) + 1}单位`,
        project: `项目${i + 1}`,
        budget: cents(budget),
        spent: cents(Math.floor((budget * (70 + below(31))) / 100)),
        score: `${70 + below(28)}.${String(below(100)).padStart(2, '0')}`,
        problems: '（一）问题。',
        suggestions: '（一）建议。',
      };
    }),
  };
}
