/**
 * Min-cost flow with convex arc costs, by successive shortest paths one unit at a time (SPFA, since
 * residual arcs carry negative costs). Convex means each next unit on an arc costs at least as much
 * as the last, which is what lets "how evenly can these people be spread" questions be answered
 * exactly: the cost of the k-th person of a kind at a table is a marginal that only grows.
 * Used for figures and bounds, never on the path that seats a round, so clarity beats speed here.
 */
export type Marginal = (unit: number) => number;

export class ConvexFlow {
  private readonly first: number[] = [];
  private readonly to: number[] = [];
  private readonly next: number[] = [];
  private readonly cap: number[] = [];
  private readonly flow: number[] = [];
  private readonly marginal: Marginal[] = [];
  private readonly step: number[] = [];

  node(): number {
    this.first.push(-1);
    return this.first.length - 1;
  }

  /**
   * An arc whose k-th unit (from 0) costs `marginal(k)`. `step` says the marginal is constant on
   * blocks of that many units (0..step-1, step..2*step-1, ...), so a path can carry a whole block
   * at once: a pool of g alike tables has marginals constant on blocks of g. Without a marginal the
   * cost is zero throughout. Returns the arc's id for `flowOn`.
   */
  arc(from: number, to: number, capacity: number, marginal?: Marginal, step = marginal ? 1 : Infinity): number {
    const id = this.to.length;
    const cost = marginal ?? zero;
    for (const [a, b] of [
      [from, to],
      [to, from],
    ] as const) {
      this.to.push(b);
      this.next.push(this.first[a]!);
      this.first[a] = this.to.length - 1;
      this.cap.push(0);
      this.flow.push(0);
      this.marginal.push(cost);
      this.step.push(step);
    }
    this.cap[id] = capacity;
    return id;
  }

  flowOn(arc: number): number {
    return this.flow[arc]!;
  }

  private residualCost(e: number): number {
    // Even ids run forward; their twin undoes the last unit sent.
    if ((e & 1) === 0) return this.flow[e]! < this.cap[e]! ? this.marginal[e]!(this.flow[e]!) : Infinity;
    const f = this.flow[e ^ 1]!;
    return f > 0 ? -this.marginal[e]!(f - 1) : Infinity;
  }

  /** How many units this residual arc carries at its current marginal. */
  private residualSpan(e: number): number {
    const step = this.step[e]!;
    if ((e & 1) === 0) {
      const f = this.flow[e]!;
      return Math.min(this.cap[e]! - f, step === Infinity ? Infinity : step - (f % step));
    }
    const f = this.flow[e ^ 1]!;
    return Math.min(f, step === Infinity ? Infinity : ((f - 1) % step) + 1);
  }

  /** Sends up to `amount` units from source to sink at least cost; returns the units sent and their cost. */
  run(source: number, sink: number, amount: number): { sent: number; cost: number } {
    const nodes = this.first.length;
    let sent = 0;
    let cost = 0;
    const dist = new Float64Array(nodes);
    const via = new Int32Array(nodes);
    const queued = new Uint8Array(nodes);
    const visits = new Int32Array(nodes);
    while (sent < amount) {
      visits.fill(0);
      dist.fill(Infinity);
      via.fill(-1);
      dist[source] = 0;
      const queue = [source];
      queued[source] = 1;
      for (let head = 0; head < queue.length; head++) {
        const a = queue[head]!;
        queued[a] = 0;
        for (let e = this.first[a]!; e !== -1; e = this.next[e]!) {
          const c = this.residualCost(e);
          if (c === Infinity) continue;
          const b = this.to[e]!;
          if (dist[a]! + c < dist[b]! - 1e-9) {
            dist[b] = dist[a]! + c;
            via[b] = e;
            if (!queued[b]) {
              // Without a negative cycle no node is queued more often than there are nodes. A cycle
              // (an arc whose marginal costs fall) would grow the queue until V8 aborts the process.
              if (++visits[b]! > nodes) throw new FlowDiverged();
              queued[b] = 1;
              queue.push(b);
            }
          }
        }
      }
      if (dist[sink] === Infinity) break;
      // As many units as every arc on the path carries at its present marginal.
      let push = amount - sent;
      for (let b = sink; b !== source;) {
        const e = via[b]!;
        push = Math.min(push, this.residualSpan(e));
        b = this.to[e ^ 1]!;
      }
      for (let b = sink; b !== source;) {
        const e = via[b]!;
        if ((e & 1) === 0) this.flow[e]! += push;
        else this.flow[e ^ 1]! -= push;
        b = this.to[e ^ 1]!;
      }
      cost += dist[sink]! * push;
      sent += push;
    }
    return { sent, cost };
  }
}

const zero: Marginal = () => 0;

/**
 * Min-cost flow with linear arc costs, by successive shortest paths (a Bellman-Ford queue, since
 * costs may be negative), each path filled up to its narrowest arc, so the number of rounds grows
 * with the number of arcs rather than the units sent. For the engine's rule on questions, where
 * thousands of travellers flow through a few hundred pooled arcs.
 */
export class LinearFlow {
  private readonly head: number[] = [];
  private readonly to: number[] = [];
  private readonly next: number[] = [];
  private readonly cap: number[] = [];
  private readonly cost: number[] = [];
  private readonly initial: number[] = [];

  node(): number {
    this.head.push(-1);
    return this.head.length - 1;
  }

  /** An arc; returns its id for `flowOn`. */
  arc(from: number, to: number, capacity: number, cost: number): number {
    const id = this.to.length;
    for (const [a, b, c, k] of [
      [from, to, Math.max(0, capacity), cost],
      [to, from, 0, -cost],
    ] as const) {
      this.to.push(b);
      this.cap.push(c);
      this.cost.push(k);
      this.initial.push(c);
      this.next.push(this.head[a]!);
      this.head[a] = this.to.length - 1;
    }
    return id;
  }

  flowOn(arc: number): number {
    return this.initial[arc]! - this.cap[arc]!;
  }

  run(source: number, sink: number, amount = Infinity): { sent: number; cost: number } {
    const nodes = this.head.length;
    const dist = new Float64Array(nodes);
    const via = new Int32Array(nodes);
    const queued = new Uint8Array(nodes);
    const queue = new Int32Array(nodes + 1);
    let sent = 0;
    let total = 0;
    while (sent < amount) {
      dist.fill(Infinity);
      via.fill(-1);
      dist[source] = 0;
      // A ring buffer: each node is queued at most once at a time.
      let head = 0;
      let tail = 0;
      queue[tail++] = source;
      queued[source] = 1;
      while (head !== tail) {
        const a = queue[head]!;
        head = head + 1 === queue.length ? 0 : head + 1;
        queued[a] = 0;
        const da = dist[a]!;
        for (let e = this.head[a]!; e !== -1; e = this.next[e]!) {
          if (this.cap[e]! <= 0) continue;
          const b = this.to[e]!;
          const d = da + this.cost[e]!;
          if (d < dist[b]!) {
            dist[b] = d;
            via[b] = e;
            if (!queued[b]) {
              queued[b] = 1;
              queue[tail] = b;
              tail = tail + 1 === queue.length ? 0 : tail + 1;
            }
          }
        }
      }
      if (dist[sink] === Infinity) break;
      let push = amount - sent;
      for (let b = sink; b !== source; b = this.to[via[b]! ^ 1]!) push = Math.min(push, this.cap[via[b]!]!);
      for (let b = sink; b !== source; b = this.to[via[b]! ^ 1]!) {
        this.cap[via[b]!]! -= push;
        this.cap[via[b]! ^ 1]! += push;
      }
      sent += push;
      total += push * dist[sink]!;
    }
    return { sent, cost: total };
  }
}

/** The costs given to a flow held a negative cycle (a marginal that falls along an arc): no least cost exists. */
export class FlowDiverged extends Error {
  constructor() {
    super('The flow found a negative cycle: an arc whose marginal costs fall.');
  }
}
