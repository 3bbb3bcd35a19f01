import type { RotationTable } from '../types.ts';
import { anchoredAt, isTraveller, minimumOf, seenQuestion, sizeOf, type Cafe } from './cafe.ts';

/**
 * The rule on questions, decided exactly: a traveller may be back at a question they discussed only
 * if no seating that keeps the rules above it (the same people seated, hosts, pins and kept seats
 * where they are, presence, and table sizes as the size rule allows them) sends fewer travellers
 * back. The size rule fixes how many travellers each kind of table takes and leaves free which
 * tables of a kind take the one extra person; the fewest returns over all of that is a small
 * transportation problem. Travellers with the same presence and the same questions discussed are
 * interchangeable, and so are tables of one kind with one question, so it is solved on those
 * groups: a min-cost flow where a traveller at a question they know costs 1.
 */

export interface Returns {
  /** Travellers at a question they discussed in an earlier round. */
  actual: string[];
  /** The fewest any seating keeping the rules above could have. */
  fewest: number;
}

export function returnsOf(cafe: Cafe): Returns {
  const actual: string[] = [];
  for (const [pid] of cafe.people) {
    if (!isTraveller(cafe, pid)) continue;
    if (seenQuestion(cafe, pid, cafe.tables.get(cafe.seats[pid]!)!)) actual.push(pid);
  }
  return { actual, fewest: actual.length ? fewestReturns(cafe) : 0 };
}

type Mode = RotationTable['mode'];
const MODES: readonly Mode[] = ['room', 'remote', 'hybrid'];

/** Each open table's size range under the size rule, in travellers: [lo, hi]. */
function travellerRanges(cafe: Cafe) {
  const ranges = new Map<string, { lo: number; hi: number; table: RotationTable }>();
  for (const mode of MODES) {
    const open = cafe.request.tables.filter((t) => t.mode === mode && sizeOf(cafe, t.id) > 0);
    const anchorsAt = (t: RotationTable) => cafe.members.get(t.id)!.filter((pid) => anchoredAt(cafe, pid, t.id)).length;
    // The kind's level: the smallest table that has a traveller and is not full.
    let level = Infinity;
    for (const t of open) {
      const size = sizeOf(cafe, t.id);
      if (size - anchorsAt(t) > 0 && size < t.capacity) level = Math.min(level, size);
    }
    for (const t of open) {
      const size = sizeOf(cafe, t.id);
      const anchors = anchorsAt(t);
      let lo = size;
      let hi = size;
      if (level !== Infinity && size - anchors > 0) {
        const floor = size >= minimumOf(cafe, t) ? minimumOf(cafe, t) : size;
        lo = Math.max(anchors, floor, Math.min(size, level));
        hi = Math.max(size, Math.min(t.capacity, level + 1));
      }
      ranges.set(t.id, { lo: lo - anchors, hi: hi - anchors, table: t });
    }
  }
  return ranges;
}

function fewestReturns(cafe: Cafe): number {
  const ranges = travellerRanges(cafe);
  const flow = new Flow();
  const source = flow.node();
  const sink = flow.node();
  const modeNode = new Map<Mode, number>(MODES.map((m) => [m, flow.node()]));
  const modeTravellers = new Map<Mode, number>(MODES.map((m) => [m, 0]));
  // Tables of one mode and one question, pooled.
  const pools = new Map<string, { node: number; mode: Mode; question: string; lo: number; hi: number }>();
  for (const { lo, hi, table } of ranges.values()) {
    const key = `${table.mode}\u0000${table.question}`;
    let pool = pools.get(key);
    if (!pool) pools.set(key, (pool = { node: flow.node(), mode: table.mode, question: table.question, lo: 0, hi: 0 }));
    pool.lo += lo;
    pool.hi += hi;
  }
  // Travellers pooled by presence and the open questions they have discussed.
  const openQuestions = [...new Set([...pools.values()].map((p) => p.question))];
  const groups = new Map<string, { presence: string; seen: Set<string>; count: number }>();
  let travellers = 0;
  for (const [pid, person] of cafe.people) {
    if (!isTraveller(cafe, pid)) continue;
    travellers++;
    const mode = cafe.tables.get(cafe.seats[pid]!)!.mode;
    modeTravellers.set(mode, modeTravellers.get(mode)! + 1);
    // Which open questions they discussed, as one mark per question in a fixed order.
    const seenBy = cafe.seenBy.get(pid);
    let key = person.presence;
    for (const q of openQuestions) key += seenBy?.has(q) ? '1' : '0';
    const group = groups.get(key);
    if (group) group.count++;
    else groups.set(key, { presence: person.presence, seen: new Set(openQuestions.filter((q) => seenBy?.has(q))), count: 1 });
  }
  const pull = travellers + 1;
  let floors = 0;
  for (const pool of pools.values()) {
    floors += pool.lo;
    flow.arc(pool.node, modeNode.get(pool.mode)!, pool.lo, -pull);
    flow.arc(pool.node, modeNode.get(pool.mode)!, pool.hi - pool.lo, 0);
  }
  for (const mode of MODES) flow.arc(modeNode.get(mode)!, sink, modeTravellers.get(mode)!, 0);
  for (const group of groups.values()) {
    const node = flow.node();
    flow.arc(source, node, group.count, 0);
    for (const pool of pools.values()) {
      if (pool.mode !== 'hybrid' && pool.mode !== group.presence) continue;
      flow.arc(node, pool.node, group.count, group.seen.has(pool.question) ? 1 : 0);
    }
  }
  const { sent, cost } = flow.run(source, sink);
  // The seating itself is one solution, so every traveller is placed and every floor met.
  if (sent < travellers) return 0;
  return cost + floors * pull;
}

/** Min-cost flow by successive shortest paths (Bellman-Ford queue), each path filled to its narrowest arc. */
class Flow {
  private readonly head: number[] = [];
  private readonly to: number[] = [];
  private readonly next: number[] = [];
  private readonly cap: number[] = [];
  private readonly cost: number[] = [];

  node(): number {
    this.head.push(-1);
    return this.head.length - 1;
  }

  arc(from: number, to: number, capacity: number, cost: number) {
    if (capacity <= 0) return;
    for (const [a, b, c, k] of [
      [from, to, capacity, cost],
      [to, from, 0, -cost],
    ] as const) {
      this.to.push(b);
      this.cap.push(c);
      this.cost.push(k);
      this.next.push(this.head[a]!);
      this.head[a] = this.to.length - 1;
    }
  }

  run(source: number, sink: number): { sent: number; cost: number } {
    const n = this.head.length;
    let sent = 0;
    let total = 0;
    for (;;) {
      const dist = new Array<number>(n).fill(Infinity);
      const via = new Array<number>(n).fill(-1);
      const queued = new Array<boolean>(n).fill(false);
      dist[source] = 0;
      const queue = [source];
      for (let i = 0; i < queue.length; i++) {
        const a = queue[i]!;
        queued[a] = false;
        for (let e = this.head[a]!; e !== -1; e = this.next[e]!) {
          if (this.cap[e]! <= 0) continue;
          const b = this.to[e]!;
          if (dist[a]! + this.cost[e]! < dist[b]!) {
            dist[b] = dist[a]! + this.cost[e]!;
            via[b] = e;
            if (!queued[b]) {
              queued[b] = true;
              queue.push(b);
            }
          }
        }
      }
      if (dist[sink] === Infinity) return { sent, cost: total };
      let amount = Infinity;
      for (let b = sink; b !== source; b = this.to[via[b]! ^ 1]!) amount = Math.min(amount, this.cap[via[b]!]!);
      for (let b = sink; b !== source; b = this.to[via[b]! ^ 1]!) {
        this.cap[via[b]!]! -= amount;
        this.cap[via[b]! ^ 1]! += amount;
      }
      sent += amount;
      total += amount * dist[sink]!;
    }
  }
}
