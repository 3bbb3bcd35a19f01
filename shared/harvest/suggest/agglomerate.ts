import FlatQueue from 'flatqueue';
import type { Edges } from './graph.ts';

/**
 * Average-linkage agglomerative clustering on a sparse similarity graph, stopped at a threshold:
 * repeatedly join the two groups whose notes are, on average over every pair between them, the
 * most similar, until no two groups reach `threshold`. Pairs with no edge count as 0, so a large
 * group only absorbs a note that resembles much of it, not one that shares a word with one note.
 *
 * Libraries for this (ml-hclust, for one) keep a dense n × n matrix and rescan it at every merge,
 * O(n³): 2.3 s for 1,000 notes here. With the graph's edges in a priority queue and each group's
 * links in a map, the work follows the edges, and a group's links move into the larger group.
 * There is no random step: the same notes give the same groups.
 */
export function agglomerate(n: number, edges: Edges, threshold: number, sizes: ArrayLike<number>): number[][] {
  const members: (number[] | null)[] = Array.from({ length: n }, (_, i) => [i]);
  // A node may stand for several notes (a note and its duplicates): it counts as that many.
  const weight = Float64Array.from({ length: n }, (_, i) => sizes[i]!);
  const links: (Map<number, number> | null)[] = Array.from({ length: n }, () => new Map());
  const version = new Int32Array(n);
  for (const [key, s] of edges) {
    const i = Math.floor(key / n);
    const j = key - i * n;
    const sum = s * weight[i]! * weight[j]!;
    links[i]!.set(j, sum);
    links[j]!.set(i, sum);
  }

  const queue = new FlatQueue<number>();
  const entryA: number[] = [];
  const entryB: number[] = [];
  const entryVa: number[] = [];
  const entryVb: number[] = [];
  const offer = (a: number, b: number, sum: number) => {
    const linkage = sum / (weight[a]! * weight[b]!);
    if (linkage < threshold) return;
    entryA.push(a);
    entryB.push(b);
    entryVa.push(version[a]!);
    entryVb.push(version[b]!);
    // Highest linkage first; the queue pops the lowest priority.
    queue.push(entryA.length - 1, -linkage);
  };
  for (let i = 0; i < n; i++) for (const [j, s] of links[i]!) if (i < j) offer(i, j, s);

  while (queue.length) {
    const e = queue.pop()!;
    let a = entryA[e]!;
    let b = entryB[e]!;
    if (!members[a] || !members[b] || version[a] !== entryVa[e] || version[b] !== entryVb[e]) continue;
    if (links[a]!.size < links[b]!.size) [a, b] = [b, a];
    // b joins a.
    const into = links[a]!;
    into.delete(b);
    for (const [c, s] of links[b]!) {
      if (c === a) continue;
      into.set(c, (into.get(c) ?? 0) + s);
      const theirs = links[c]!;
      theirs.set(a, (theirs.get(a) ?? 0) + s);
      theirs.delete(b);
    }
    members[a]!.push(...members[b]!);
    weight[a] = weight[a]! + weight[b]!;
    members[b] = null;
    links[b] = null;
    version[a]!++;
    version[b]!++;
    for (const [c, s] of into) offer(a, c, s);
  }
  return members.filter((m): m is number[] => m !== null);
}
