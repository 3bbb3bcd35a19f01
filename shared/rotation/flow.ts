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

  node(): number {
    this.first.push(-1);
    return this.first.length - 1;
  }

  /** An arc whose k-th unit (from 0) costs `marginal(k)`. Returns its id for `flowOn`. */
  arc(from: number, to: number, capacity: number, marginal: Marginal = () => 0): number {
    const id = this.to.length;
    for (const [a, b] of [
      [from, to],
      [to, from],
    ] as const) {
      this.to.push(b);
      this.next.push(this.first[a]!);
      this.first[a] = this.to.length - 1;
      this.cap.push(0);
      this.flow.push(0);
      this.marginal.push(marginal);
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

  /** Sends up to `amount` units from source to sink at least cost; returns the units sent and their cost. */
  run(source: number, sink: number, amount: number): { sent: number; cost: number } {
    const nodes = this.first.length;
    let sent = 0;
    let cost = 0;
    const dist = new Float64Array(nodes);
    const via = new Int32Array(nodes);
    const queued = new Uint8Array(nodes);
    while (sent < amount) {
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
              queued[b] = 1;
              queue.push(b);
            }
          }
        }
      }
      if (dist[sink] === Infinity) break;
      for (let b = sink; b !== source; ) {
        const e = via[b]!;
        if ((e & 1) === 0) this.flow[e]!++;
        else this.flow[e ^ 1]!--;
        b = this.to[e ^ 1]!;
      }
      cost += dist[sink]!;
      sent++;
    }
    return { sent, cost };
  }
}
