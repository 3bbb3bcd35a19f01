/** A growable array of float samples: hundreds of thousands of latencies without boxing each one. */
export class Samples {
  private data = new Float64Array(1024);
  private n = 0;

  add(value: number): void {
    if (this.n === this.data.length) {
      const bigger = new Float64Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.n++] = value;
  }

  get length(): number {
    return this.n;
  }

  /** A compact copy, cheap to send over IPC (advanced serialisation keeps typed arrays binary). */
  toArray(): Float64Array {
    return this.data.slice(0, this.n);
  }
}

export interface Summary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentiles over every sample (no histogram buckets, so no rounding). */
export function summarise(parts: readonly Float64Array[]): Summary {
  const total = parts.reduce((n, p) => n + p.length, 0);
  const all = new Float64Array(total);
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.length;
  }
  all.sort();
  const rank = (q: number) => (total ? all[Math.min(total - 1, Math.max(0, Math.ceil(q * total) - 1))]! : NaN);
  let sum = 0;
  for (const v of all) sum += v;
  return { count: total, p50: rank(0.5), p95: rank(0.95), p99: rank(0.99), max: total ? all[total - 1]! : NaN, mean: total ? sum / total : NaN };
}
