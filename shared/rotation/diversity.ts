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

/** The fewest same-group pairs any seating of these people with these table sizes and anchors could have. */
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
  const flow = new ConvexFlow();
  const source = flow.node();
  const sink = flow.node();
  const tableNode = Array.from({ length: nt }, () => flow.node());
  const free = new Int32Array(nt);
  for (let t = 0; t < nt; t++) {
    let anchored = 0;
    for (let g = 0; g < G; g++) anchored += fixed[t * G + g]!;
    free[t] = size[t]! - anchored;
    flow.arc(tableNode[t]!, sink, free[t]!);
  }
  let base = 0;
  let total = 0;
  for (let g = 0; g < G; g++) {
    // One node per (table, group) carries the convex cost; travellers of either presence feed it.
    const at = new Int32Array(nt).fill(-1);
    for (let t = 0; t < nt; t++) {
      base += pairs(fixed[t * G + g]!);
      if (free[t]! <= 0) continue;
      const already = fixed[t * G + g]!;
      at[t] = flow.node();
      flow.arc(at[t]!, tableNode[t]!, free[t]!, (k) => already + k);
    }
    for (let c = 0; c < 2; c++) {
      const units = supply[g * 2 + c]!;
      if (!units) continue;
      total += units;
      const from = flow.node();
      flow.arc(source, from, units);
      for (let t = 0; t < nt; t++) if (at[t]! >= 0 && fitsKind(kind[t]!, c)) flow.arc(from, at[t]!, units);
    }
  }
  return base + flow.run(source, sink, total).cost;
}
