import type { Rng } from './prng.ts';
import { Kind, PresenceClass, type Problem } from './model.ts';

/**
 * How many people each table gets, decided before anyone is placed.
 *
 * The rule: people are spread as evenly over all tables as their presence allows (a global water
 * level), which fixes how many travellers each kind of table (room, remote, hybrid) receives; within
 * a kind every table then sits at the kind's level L or L + 1, except a table its anchors (host, pins)
 * hold above it or its capacity holds below it. So sizes of same-kind tables differ by at most one
 * wherever anchors and capacities let them. When there are more people than seats they fit, the
 * latest joiners wait (people come in join order).
 */

export interface Sizes {
  /** 1 when the person has a seat this round: anchors always, travellers while seats last. */
  seated: Uint8Array;
  /** Each table's allowed size range; a search move may take a table anywhere within it. */
  lo: Int32Array;
  hi: Int32Array;
  /** The sizes construction fills to: lo, plus one at as many tables as the kind's count requires. */
  target: Int32Array;
  anchored: Int32Array;
}

/** The highest level L with sum of clamp(L, base, ceiling) <= total; lo/hi are each table's size at L and L + 1. */
export function waterFill(base: readonly number[], ceiling: readonly number[], total: number) {
  const at = (level: number) => base.reduce((sum, b, i) => sum + Math.max(b, Math.min(level, ceiling[i]!)), 0);
  let low = 0;
  let high = Math.max(0, ...ceiling);
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (at(mid) <= total) low = mid;
    else high = mid - 1;
  }
  const lo = base.map((b, i) => Math.max(b, Math.min(low, ceiling[i]!)));
  const hi = base.map((b, i) => Math.max(b, Math.min(low + 1, ceiling[i]!)));
  return { level: low, lo, hi, remainder: total - lo.reduce((a, b) => a + b, 0) };
}

export function planSizes(problem: Problem, rng: Rng, preferBig?: (t: number) => number): Sizes {
  const { n, nt, anchor, presence, kind, cap } = problem;
  const anchored = new Int32Array(nt);
  for (let p = 0; p < n; p++) if (anchor[p]! >= 0) anchored[anchor[p]!]!++;
  const ceiling = Array.from(cap, (c, t) => Math.max(c, anchored[t]!));
  const free = [0, 0, 0];
  for (let t = 0; t < nt; t++) free[kind[t]!]! += ceiling[t]! - anchored[t]!;

  // Join order decides who waits; a room person and a remote person compete only for hybrid seats.
  const seated = new Uint8Array(n);
  let room = 0;
  let remote = 0;
  for (let p = 0; p < n; p++) {
    if (anchor[p]! >= 0) {
      seated[p] = 1;
      continue;
    }
    const r = room + (presence[p] === PresenceClass.room ? 1 : 0);
    const m = remote + (presence[p] === PresenceClass.remote ? 1 : 0);
    if (r <= free[Kind.room]! + free[Kind.hybrid]! && m <= free[Kind.remote]! + free[Kind.hybrid]! && r + m <= free[0]! + free[1]! + free[2]!) {
      seated[p] = 1;
      room = r;
      remote = m;
    }
  }

  // How many travellers each kind takes: what an even spread over all tables would give it, within what presence allows.
  const all = Array.from({ length: nt }, (_, t) => t);
  const anchoredTotal = anchored.reduce((a, b) => a + b, 0);
  const global = waterFill(
    all.map((t) => anchored[t]!),
    ceiling,
    anchoredTotal + room + remote,
  );
  const desired = [0, 0, 0];
  let extra = global.remainder;
  for (let t = 0; t < nt; t++) {
    let size = global.lo[t]!;
    if (extra > 0 && global.hi[t]! > size) {
      size++;
      extra--;
    }
    desired[kind[t]!]! += size - anchored[t]!;
  }
  const clamp = (x: number, a: number, b: number) => Math.max(a, Math.min(b, x));
  let toRoom = clamp(desired[Kind.room]!, Math.max(0, room - free[Kind.hybrid]!), Math.min(room, free[Kind.room]!));
  let toRemote = clamp(desired[Kind.remote]!, Math.max(0, remote - free[Kind.hybrid]!), Math.min(remote, free[Kind.remote]!));
  let overflow = room + remote - toRoom - toRemote - free[Kind.hybrid]!;
  if (overflow > 0) {
    const more = Math.min(overflow, Math.min(room, free[Kind.room]!) - toRoom);
    toRoom += more;
    overflow -= more;
    toRemote += Math.min(overflow, Math.min(remote, free[Kind.remote]!) - toRemote);
  }
  const travellers = [toRoom, toRemote, room + remote - toRoom - toRemote];

  const lo = new Int32Array(nt);
  const hi = new Int32Array(nt);
  const target = new Int32Array(nt);
  for (const k of [Kind.room, Kind.remote, Kind.hybrid]) {
    const tables = all.filter((t) => kind[t] === k);
    if (!tables.length) continue;
    const base = tables.map((t) => anchored[t]!);
    const fill = waterFill(
      base,
      tables.map((t) => ceiling[t]!),
      base.reduce((a, b) => a + b, 0) + travellers[k]!,
    );
    // Which tables take the one extra person is free; prefer the ones the caller asks for, then chance.
    const growable = tables
      .map((t, i) => ({ t, i, key: (preferBig?.(t) ?? 0) + rng.next() * 0.5 }))
      .filter(({ i }) => fill.hi[i]! > fill.lo[i]!)
      .sort((a, b) => b.key - a.key);
    const grow = new Set(growable.slice(0, fill.remainder).map((g) => g.t));
    tables.forEach((t, i) => {
      lo[t] = fill.lo[i]!;
      hi[t] = fill.hi[i]!;
      target[t] = fill.lo[i]! + (grow.has(t) ? 1 : 0);
    });
  }
  return { seated, lo, hi, target, anchored };
}
