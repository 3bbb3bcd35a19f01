/**
 * How far a clustering agrees with labels. Notes a clustering leaves out (no suggested theme) count
 * as clusters of one: leaving a note alone is a decision too, right only for a note whose idea
 * nobody else expressed.
 */

export interface Agreement {
  /** Adjusted Rand index over every note: 1 is the labels exactly, 0 is what chance would give. */
  ari: number;
  /** Of the notes placed in a cluster, the share whose label is their cluster's most common one. */
  purity: number;
  /** The share of notes placed in a cluster of two or more. */
  coverage: number;
  /** Clusters of two or more notes. */
  clusters: number;
  /** Labels that are the most common label of at least one cluster. */
  labelsFound: number;
}

const pairs = (n: number) => (n * (n - 1)) / 2;

export function agreement(labels: ReadonlyMap<string, string>, clusters: readonly (readonly string[])[]): Agreement {
  const clusterOf = new Map<string, number>();
  clusters.forEach((cluster, c) => {
    for (const id of cluster) {
      if (!labels.has(id)) throw new Error(`Note ${id} has no label.`);
      if (clusterOf.has(id)) throw new Error(`Note ${id} is in two clusters.`);
      clusterOf.set(id, c);
    }
  });
  // Contingency counts, with each note left out as a cluster of its own.
  const cells = new Map<string, number>();
  const rows = new Map<string, number>();
  const columns = new Map<string, number>();
  for (const [id, label] of labels) {
    const c = clusterOf.get(id);
    const column = c === undefined ? `alone:${id}` : `c${c}`;
    const cell = `${column}\u0000${label}`;
    cells.set(cell, (cells.get(cell) ?? 0) + 1);
    rows.set(label, (rows.get(label) ?? 0) + 1);
    columns.set(column, (columns.get(column) ?? 0) + 1);
  }
  const sum = (values: Iterable<number>) => {
    let total = 0;
    for (const v of values) total += pairs(v);
    return total;
  };
  const index = sum(cells.values());
  const rowPairs = sum(rows.values());
  const columnPairs = sum(columns.values());
  const expected = (rowPairs * columnPairs) / pairs(labels.size || 1);
  const best = (rowPairs + columnPairs) / 2;
  const ari = best === expected ? (index === best ? 1 : 0) : (index - expected) / (best - expected);

  let placed = 0;
  let majority = 0;
  let counted = 0;
  const found = new Set<string>();
  for (const cluster of clusters) {
    if (cluster.length < 2) continue;
    counted++;
    const count = new Map<string, number>();
    for (const id of cluster) count.set(labels.get(id)!, (count.get(labels.get(id)!) ?? 0) + 1);
    let top = 0;
    let topLabel = '';
    for (const [label, n] of [...count].sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (n > top) [top, topLabel] = [n, label];
    }
    placed += cluster.length;
    majority += top;
    found.add(topLabel);
  }
  return {
    ari,
    purity: placed ? majority / placed : 0,
    coverage: labels.size ? placed / labels.size : 0,
    clusters: counted,
    labelsFound: found.size,
  };
}
