import { ConvexFlow } from './flow.ts';
import { fitsKind, type Problem } from './model.ts';

/**
 * The stakeholder mix, scored as cross-group pairs: two people at one table from different groups.
 * The best the numbers allow is the most cross-group pairs any seating could reach with the same
 * table sizes, the same people anchored where they are (hosts, pins) and everyone at a table that
 * takes their presence. Equivalently it is the fewest same-group pairs, a convex transportation
 * problem (each further person of a group at a table adds as many same-group pairs as there already
 * are), solved exactly by min-cost flow. Score = actual / best, so 1 means as mixed as possible.
 */

const pairs = (x: number) => (x * (x - 1)) / 2;

export function sameGroupPairs(problem: Problem, tableOf: ArrayLike<number>): number {
  const G = Math.max(1, problem.groupNames.length);
  const count = new Int32Array(problem.nt * G);
  for (let p = 0; p < problem.n; p++) if (tableOf[p]! >= 0) count[tableOf[p]! * G + problem.group[p]!]!++;
  let same = 0;
  for (const c of count) same += pairs(c);
  return same;
}

export function allPairs(problem: Problem, tableOf: ArrayLike<number>): number {
  const size = new Int32Array(problem.nt);
  for (let p = 0; p < problem.n; p++) if (tableOf[p]! >= 0) size[tableOf[p]!]!++;
  let all = 0;
  for (const s of size) all += pairs(s);
  return all;
}

/**
 * The fewest same-group pairs any seating of these people with these table sizes and anchors could
 * have. Tables with the same free seats, kind and anchored groups are pooled: a group's cost at a
 * table is convex, so over g alike tables its best split is the most even one (and even splits of
 * every group fit the tables' sizes together, by rounding the uniform split), so the pool's k-th
 * person of a group adds what a person adds at level floor(k / g).
 */
export function minSameGroupPairs(problem: Problem, tableOf: ArrayLike<number>): number {
  const { n, nt, anchor, group, presence, kind } = problem;
  const G = Math.max(1, problem.groupNames.length);
  const size = new Int32Array(nt);
  const fixed = new Int32Array(nt * G);
  const supply = new Int32Array(G * 2);
  for (let p = 0; p < n; p++) {
    const t = tableOf[p]!;
    if (t < 0) continue;
    size[t]!++;
    if (anchor[p] === t) fixed[t * G + group[p]!]!++;
    else supply[group[p]! * 2 + presence[p]!]!++;
  }
  let base = 0;
  const pools = new Map<string, { t: number; count: number; free: number }>();
  for (let t = 0; t < nt; t++) {
    let anchored = 0;
    for (let g = 0; g < G; g++) {
      anchored += fixed[t * G + g]!;
      base += pairs(fixed[t * G + g]!);
    }
    const free = size[t]! - anchored;
    if (free <= 0) continue;
    const key = `${kind[t]}|${free}|${fixed.subarray(t * G, t * G + G).join(',')}`;
    const pool = pools.get(key);
    if (pool) pool.count++;
    else pools.set(key, { t, count: 1, free });
  }
  const flow = new ConvexFlow();
  const source = flow.node();
  const sink = flow.node();
  const poolNode = new Map<string, number>();
  for (const [key, { count, free }] of pools) {
    const node = flow.node();
    poolNode.set(key, node);
    flow.arc(node, sink, count * free);
  }
  let total = 0;
  for (let g = 0; g < G; g++) {
    // One node per (pool, group) carries the convex cost; travellers of either presence feed it.
    const at = new Map<string, number>();
    for (const [key, { t, count }] of pools) {
      const already = fixed[t * G + g]!;
      const node = flow.node();
      at.set(key, node);
      flow.arc(node, poolNode.get(key)!, pools.get(key)!.free * count, (k) => already + Math.floor(k / count), count);
    }
    for (let c = 0; c < 2; c++) {
      const units = supply[g * 2 + c]!;
      if (!units) continue;
      total += units;
      const from = flow.node();
      flow.arc(source, from, units);
      for (const [key, { t }] of pools) if (fitsKind(kind[t]!, c)) flow.arc(from, at.get(key)!, units);
    }
  }
  return base + flow.run(source, sink, total).cost;
}
