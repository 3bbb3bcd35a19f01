/**
 * The fewest repeats any plan can have in a tiny café whose tables close, found by exhaustive
 * search under the rules as `checkRules` judges them. The shape: n = m x s people, all alike to the
 * rules (no history, no anchors, everyone fits every table), T > m alike tables with one question
 * each, s the minimum table size. Then every round opens exactly m tables of s (more would leave one
 * below the minimum, fewer would leave a table empty that the others could open), and in each round
 * the travellers back at a known question must be the fewest any seating of that round's open tables
 * allows, given the rounds before.
 *
 * Every plan is a relabelling of one the search visits: round one seats people 0..s-1 at table 0 and
 * so on; round two's open tables are, up to a permutation of round one's tables and of the closed
 * ones, the first j of round one's and the first m - j of the others; and people who sat together
 * in round one are interchangeable, so in round two they take tables in increasing order. Branch and
 * bound: a partial plan is dropped once its count reaches the best complete one, which is sound
 * because counts only grow. The result is exact; when the search would pass its node budget it
 * gives up (null) and the caller falls back to the general arguments.
 */

export interface ClosedShape {
  people: number;
  tables: number;
  /** Tables open each round, each seating `size`. */
  open: number;
  size: number;
  rounds: number;
}

export interface FewestRepeats {
  /** Extra meetings: a pair meeting for the third time counts twice. */
  total: number;
  /** Pairs who meet again at least once. */
  distinct: number;
}

/** Steps (placements tried, in both searches' walks): 9 people at 5 tables over 4 rounds need some 8 million, under 0.2 s. */
const NODE_BUDGET = 12_000_000;

export function fewestRepeatsWithClosedTables(shape: ClosedShape, budget = NODE_BUDGET): FewestRepeats | null {
  const total = search(shape, 'total', budget);
  if (total === null) return null;
  const distinct = search(shape, 'distinct', budget);
  if (distinct === null) return null;
  return { total, distinct };
}

function combinations(of: number, pick: number): number[][] {
  const out: number[][] = [];
  const walk = (from: number, chosen: number[]) => {
    if (chosen.length === pick) return void out.push([...chosen]);
    for (let t = from; t < of; t++) walk(t + 1, [...chosen, t]);
  };
  walk(0, []);
  return out;
}

function search(shape: ClosedShape, objective: 'total' | 'distinct', budget: number): number | null {
  const { people: n, tables: nt, open: m, size: s, rounds } = shape;
  if (n !== m * s || m >= nt || m < 1 || rounds < 2) return 0;
  const allOpen = combinations(nt, m);
  // Round two: j of round one's tables stay open, the others open in their place.
  const secondOpen: number[][] = [];
  for (let j = Math.max(0, 2 * m - nt); j <= m; j++) {
    secondOpen.push([...Array.from({ length: j }, (_, i) => i), ...Array.from({ length: m - j }, (_, i) => m + i)]);
  }
  const met = new Int32Array(n * n);
  const visited = new Int32Array(n);
  const firstTable = new Int32Array(n);
  const seat = new Int32Array(n);
  const count = new Int32Array(nt);
  const members: number[][] = Array.from({ length: nt }, () => []);
  for (let p = 0; p < n; p++) {
    firstTable[p] = Math.floor(p / s);
    visited[p] = 1 << firstTable[p]!;
  }
  for (let p = 0; p < n; p++) for (let q = 0; q < n; q++) if (p !== q && firstTable[p] === firstTable[q]) met[p * n + q] = 1;
  let best = Infinity;
  let nodes = 0;

  /** The fewest returns a seating of these open tables can have, given who has sat where. */
  const fewestReturns = (tables: readonly number[]): number => {
    let fewest = Infinity;
    const walk = (p: number, returns: number) => {
      nodes++;
      if (returns >= fewest) return;
      if (p === n) return void (fewest = returns);
      for (const t of tables) {
        if (count[t]! >= s) continue;
        count[t]!++;
        walk(p + 1, returns + ((visited[p]! >> t) & 1));
        count[t]!--;
      }
    };
    walk(0, 0);
    return fewest;
  };

  const seatRound = (round: number, tables: readonly number[], p: number, cost: number, returnsLeft: number): boolean => {
    if (++nodes > budget) return false;
    if (cost >= best) return true;
    if (p === n) {
      if (returnsLeft !== 0) return true;
      if (round + 1 === rounds) best = cost;
      else return nextRound(round + 1, cost);
      return true;
    }
    for (const t of tables) {
      if (count[t]! >= s) continue;
      const back = (visited[p]! >> t) & 1;
      if (back > returnsLeft) continue;
      // Round two: people who sat together in round one take tables in increasing order.
      if (round === 1 && p > 0 && firstTable[p - 1] === firstTable[p] && seat[p - 1]! > t) continue;
      let add = 0;
      for (const q of members[t]!) {
        const times = met[p * n + q]!;
        if (objective === 'total' ? times > 0 : times === 1) add++;
      }
      for (const q of members[t]!) {
        met[p * n + q]!++;
        met[q * n + p]!++;
      }
      members[t]!.push(p);
      count[t]!++;
      seat[p] = t;
      const within = seatRound(round, tables, p + 1, cost + add, returnsLeft - back);
      count[t]!--;
      members[t]!.pop();
      for (const q of members[t]!) {
        met[p * n + q]!--;
        met[q * n + p]!--;
      }
      if (!within) return false;
    }
    return true;
  };

  const nextRound = (round: number, cost: number): boolean => {
    // Round `round` starts: last round's seats become history, and the tables empty.
    const saved = Int32Array.from(visited);
    const savedSeat = Int32Array.from(seat);
    if (round > 1) for (let p = 0; p < n; p++) visited[p] = visited[p]! | (1 << seat[p]!);
    const savedCount = Int32Array.from(count);
    const savedMembers = members.map((list) => [...list]);
    count.fill(0);
    for (const list of members) list.length = 0;
    let within = true;
    for (const tables of round === 1 ? secondOpen : allOpen) {
      const returns = fewestReturns(tables);
      if (!seatRound(round, tables, 0, cost, returns)) {
        within = false;
        break;
      }
    }
    visited.set(saved);
    seat.set(savedSeat);
    count.set(savedCount);
    members.forEach((list, t) => list.splice(0, list.length, ...savedMembers[t]!));
    return within;
  };

  if (!nextRound(1, 0)) return null;
  return best === Infinity ? 0 : best;
}
