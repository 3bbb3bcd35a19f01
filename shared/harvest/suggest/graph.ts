import { dot, type Row } from './vectors.ts';

export interface GraphOptions {
  /** How many nearest notes each note lends its similarity through. */
  neighbours: number;
  /** The share of the shared-neighbour similarity in an edge; the rest is the direct cosine. */
  secondOrder: number;
  /** Direct cosines below this are left out of the graph unless the notes share neighbours. */
  floor: number;
  /** Edges weaker than this are dropped: they barely move an average, and they are most of the work. */
  prune: number;
}

/** Undirected weighted edges keyed `i * n + j` with i < j. */
export type Edges = Map<number, number>;

/**
 * The similarity graph the clustering runs on. Two notes of the same idea often share no word at
 * all ("data is expensive!!", "1GB costs more than a day's wage"), but they share neighbours
 * ("cost of data…"). So each edge blends the direct cosine with the cosine of the two notes'
 * neighbourhoods (each note and its k most similar notes), which links restatements through the
 * notes between them without linking notes that merely share one common word.
 *
 * Cosines come from an inverted index, so the cost follows the pairs that share a term, not n².
 */
/**
 * Calls `visit(i, j, cosine)` once for every pair of rows i < j that share a term, from an
 * inverted index, so the cost follows the pairs that share a term, not n².
 */
export function scanPairs(rows: readonly Row[], termCount: number, visit: (i: number, j: number, s: number) => void): void {
  const n = rows.length;
  // Postings in ascending row order, and where each row sits in each of its terms' lists, so that
  // row i meets only the rows after it: every pair is summed once.
  const postNote: number[][] = Array.from({ length: termCount }, () => []);
  const postWeight: number[][] = Array.from({ length: termCount }, () => []);
  const position = rows.map((row, i) =>
    Int32Array.from(row.terms, (t, p) => {
      postNote[t]!.push(i);
      postWeight[t]!.push(row.weights[p]!);
      return postNote[t]!.length - 1;
    }),
  );
  const acc = new Float64Array(n);
  const touched: number[] = [];
  for (let i = 0; i < n; i++) {
    const row = rows[i]!;
    for (let t = 0; t < row.terms.length; t++) {
      const term = row.terms[t]!;
      const notes = postNote[term]!;
      const weights = postWeight[term]!;
      const w = row.weights[t]!;
      for (let p = position[i]![t]! + 1; p < notes.length; p++) {
        const j = notes[p]!;
        if (acc[j] === 0) touched.push(j);
        acc[j] = acc[j]! + w * weights[p]!;
      }
    }
    for (const j of touched) {
      const s = acc[j]!;
      acc[j] = 0;
      visit(i, j, s);
    }
    touched.length = 0;
  }
}

export function similarityGraph(rows: readonly Row[], termCount: number, options: GraphOptions): Edges {
  const n = rows.length;
  const k = options.neighbours;
  const direct: Edges = new Map();
  // Each row's k nearest, best first (ties to the lower index), kept by insertion.
  const nearNote = Array.from({ length: n }, () => new Int32Array(k).fill(-1));
  const nearSim = Array.from({ length: n }, () => new Float64Array(k));
  const offer = (i: number, j: number, s: number) => {
    const notes = nearNote[i]!;
    const sims = nearSim[i]!;
    let p = k;
    while (p > 0 && (notes[p - 1] === -1 || sims[p - 1]! < s || (sims[p - 1] === s && notes[p - 1]! > j))) p--;
    if (p >= k) return;
    notes.copyWithin(p + 1, p, k - 1);
    sims.copyWithin(p + 1, p, k - 1);
    notes[p] = j;
    sims[p] = s;
  };
  scanPairs(rows, termCount, (i, j, s) => {
    if (s >= options.floor) direct.set(i * n + j, s);
    offer(i, j, s);
    offer(j, i, s);
  });
  // Each note with its nearest notes, weights normalised, is its neighbourhood profile; invert the
  // profiles, and every two notes in one list share that neighbour.
  const listNote: number[][] = Array.from({ length: n }, () => []);
  const listWeight: number[][] = Array.from({ length: n }, () => []);
  for (let i = 0; i < n; i++) {
    const notes = nearNote[i]!;
    const sims = nearSim[i]!;
    let norm = 1;
    for (let p = 0; p < k && notes[p] !== -1; p++) norm += sims[p]! * sims[p]!;
    norm = Math.sqrt(norm);
    listNote[i]!.push(i);
    listWeight[i]!.push(1 / norm);
    for (let p = 0; p < k && notes[p] !== -1; p++) {
      listNote[notes[p]!]!.push(i);
      listWeight[notes[p]!]!.push(sims[p]! / norm);
    }
  }
  const shared: Edges = new Map();
  for (let x = 0; x < n; x++) {
    const notes = listNote[x]!;
    const weights = listWeight[x]!;
    for (let a = 0; a < notes.length; a++) {
      for (let b = a + 1; b < notes.length; b++) {
        const i = notes[a]!;
        const j = notes[b]!;
        const key = i < j ? i * n + j : j * n + i;
        shared.set(key, (shared.get(key) ?? 0) + weights[a]! * weights[b]!);
      }
    }
  }

  const beta = options.secondOrder;
  const edges: Edges = new Map();
  for (const [key, s] of direct) {
    const w = (1 - beta) * s + beta * (shared.get(key) ?? 0);
    if (w >= options.prune) edges.set(key, w);
  }
  for (const [key, s] of shared) {
    if (direct.has(key)) continue;
    const i = Math.floor(key / n);
    const w = (1 - beta) * dot(rows[i]!, rows[key - i * n]!) + beta * s;
    if (w >= options.prune) edges.set(key, w);
  }
  return edges;
}
