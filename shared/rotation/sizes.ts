import { fitsKind, Kind, PresenceClass, type Problem } from './model.ts';
import type { Rng } from './prng.ts';
import { ClosedReason, ConflictKind } from './types.ts';

/**
 * How many people each table gets, decided before anyone is placed.
 *
 * The rule: people are spread as evenly over the open tables as their presence allows (a global
 * water level), which fixes how many travellers each kind of table (room, remote, hybrid) receives;
 * within a kind every table then sits at the kind's level L or L + 1, except a table its anchors
 * (host, pins) hold above it or its capacity holds below it. When there are more people than seats
 * they fit, those who have sat in the most earlier rounds wait (then the latest joiners), so that
 * waiting rotates round by round instead of falling on the same people.
 *
 * No open table seats fewer than the minimum (3 by default) while the people could avoid it: tables
 * close one at a time until every open table reaches it (`resolveTables`). A closed table's host and
 * pins sit elsewhere that round, so tables with anchors close last, and a table with a kept seat never.
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
  const at = (level: number) => {
    let sum = 0;
    for (let i = 0; i < base.length; i++) sum += Math.max(base[i]!, Math.min(level, ceiling[i]!));
    return sum;
  };
  let low = 0;
  let high = 0;
  for (const c of ceiling) high = Math.max(high, c);
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (at(mid) <= total) low = mid;
    else high = mid - 1;
  }
  const lo = base.map((b, i) => Math.max(b, Math.min(low, ceiling[i]!)));
  const hi = base.map((b, i) => Math.max(b, Math.min(low + 1, ceiling[i]!)));
  return { level: low, lo, hi, remainder: total - lo.reduce((a, b) => a + b, 0) };
}

interface Spread {
  seated: Uint8Array;
  seatedCount: number;
  lo: Int32Array;
  hi: Int32Array;
  anchored: Int32Array;
  /** Per kind: how many tables of the kind take one more than lo. */
  remainder: number[];
}

const KINDS = [Kind.room, Kind.remote, Kind.hybrid] as const;
/** Splits of the travellers between kinds tried when the even one leaves a table below its minimum. */
const SPLITS_TRIED = 400;

/** Who sits and how many each open table seats, for one choice of open tables and anchors. */
function spread(problem: Problem, anchor: Int32Array, open: Uint8Array, order: readonly number[]): Spread {
  const { n, nt, presence, kind, cap } = problem;
  const anchored = new Int32Array(nt);
  for (let p = 0; p < n; p++) if (anchor[p]! >= 0) anchored[anchor[p]!]!++;
  const ceiling = Array.from(cap, (c, t) => (open[t] ? Math.max(c, anchored[t]!) : anchored[t]!));
  const free = [0, 0, 0];
  for (let t = 0; t < nt; t++) free[kind[t]!]! += ceiling[t]! - anchored[t]!;

  // A room person and a remote person compete only for hybrid seats.
  const seated = new Uint8Array(n);
  let seatedCount = 0;
  let room = 0;
  let remote = 0;
  for (let p = 0; p < n; p++) {
    if (anchor[p]! >= 0) {
      seated[p] = 1;
      seatedCount++;
    }
  }
  for (const p of order) {
    const r = room + (presence[p] === PresenceClass.room ? 1 : 0);
    const m = remote + (presence[p] === PresenceClass.remote ? 1 : 0);
    if (r <= free[Kind.room]! + free[Kind.hybrid]! && m <= free[Kind.remote]! + free[Kind.hybrid]! && r + m <= free[0]! + free[1]! + free[2]!) {
      seated[p] = 1;
      seatedCount++;
      room = r;
      remote = m;
    }
  }

  // How many travellers each kind takes: what an even spread over all open tables would give it, within what presence allows.
  const all = Array.from({ length: nt }, (_, t) => t);
  let anchoredTotal = 0;
  for (const a of anchored) anchoredTotal += a;
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
  const fill = (toRoomKind: number, toRemoteKind: number) => {
    const travellers = [toRoomKind, toRemoteKind, room + remote - toRoomKind - toRemoteKind];
    const lo = new Int32Array(nt);
    const hi = new Int32Array(nt);
    const remainder = [0, 0, 0];
    for (const k of KINDS) {
      const tables = byKind[k]!;
      if (!tables.length) continue;
      const base = tables.map((t) => anchored[t]!);
      const ceilings = tables.map((t) => ceiling[t]!);
      const level = waterFill(base, ceilings, base.reduce((a, b) => a + b, 0) + travellers[k]!);
      tables.forEach((t, i) => {
        lo[t] = level.lo[i]!;
        hi[t] = level.hi[i]!;
      });
      remainder[k] = level.remainder;
    }
    return { lo, hi, remainder };
  };

  const byKind = KINDS.map((k) => all.filter((t) => kind[t] === k && open[t]));
  let sizes = fill(toRoom, toRemote);
  // The even spread may leave a table below its minimum that another split between the kinds
  // avoids (two remote people fill a hybrid table of three with one room person, and the other room
  // person sits at a room table rather than both kinds going short): in a small café, try them all.
  const belowAt = (x: ReturnType<typeof fill>) => {
    let count = 0;
    for (let t = 0; t < nt; t++) if (open[t] && x.hi[t]! > 0 && x.lo[t]! < problem.minSize[t]!) count++;
    return count;
  };
  const roomRange = [Math.max(0, room - free[Kind.hybrid]!), Math.min(room, free[Kind.room]!)] as const;
  const remoteRange = [Math.max(0, remote - free[Kind.hybrid]!), Math.min(remote, free[Kind.remote]!)] as const;
  let below = belowAt(sizes);
  if (below > 0 && (roomRange[1] - roomRange[0] + 1) * (remoteRange[1] - remoteRange[0] + 1) <= SPLITS_TRIED) {
    // The fewest tables below their minimum, then the split closest to the even one.
    let bestShift = 0;
    for (let r = roomRange[0]; r <= roomRange[1]; r++) {
      for (let m = remoteRange[0]; m <= remoteRange[1]; m++) {
        if (room + remote - r - m > free[Kind.hybrid]! || room + remote - r - m < 0) continue;
        const trial = fill(r, m);
        const trialBelow = belowAt(trial);
        const shift = Math.abs(r - toRoom) + Math.abs(m - toRemote);
        if (trialBelow < below || (trialBelow === below && shift < bestShift)) {
          sizes = trial;
          below = trialBelow;
          bestShift = shift;
        }
      }
    }
  }
  // Kept seats cannot move, so an even spread would put a newcomer at a table below its minimum
  // while a fuller one has room: place each newcomer as `keptPlacement` says instead.
  const hasKept = problem.kept.some((k, p) => k === 1 && anchor[p]! >= 0);
  if (hasKept && below > 0) sizes = keptPlacement(problem, anchor, open, seated, anchored, ceiling);
  const { lo, hi, remainder } = sizes;
  return { seated, seatedCount, lo, hi, anchored, remainder };
}

/**
 * Sizes around seats that cannot move (late joiners seated around everyone else). Each newcomer,
 * remote people first (fewer tables take them), goes to a table that their arrival brings to its
 * minimum (the fullest such), else the least full table already at its minimum, else the fullest
 * table below it: nobody is added to a table below the minimum while one at least as full has room.
 * A hybrid seat goes to someone only while the people of the other presence still to come can do
 * without it.
 */
function keptPlacement(problem: Problem, anchor: Int32Array, open: Uint8Array, seated: Uint8Array, anchored: Int32Array, ceiling: readonly number[]) {
  const { n, nt, kind, presence, minSize } = problem;
  const size = Int32Array.from(anchored);
  const newcomers: number[] = [];
  for (let p = 0; p < n; p++) if (anchor[p]! < 0 && seated[p]) newcomers.push(p);
  newcomers.sort((a, b) => presence[b]! - presence[a]! || a - b);
  const left = [0, 0];
  for (const p of newcomers) left[presence[p]!]!++;
  const freeOf = (k: number) => {
    let free = 0;
    for (let t = 0; t < nt; t++) if (open[t] && kind[t] === k) free += Math.max(0, ceiling[t]! - size[t]!);
    return free;
  };
  for (const p of newcomers) {
    const own = presence[p]!;
    const other = 1 - own;
    // Hybrid seats the other presence will need: those of them its own tables cannot hold.
    const needed = Math.max(0, left[other]! - freeOf(other === 0 ? Kind.room : Kind.remote));
    const hybridSpare = freeOf(Kind.hybrid) - needed;
    let completes = -1;
    let healthy = -1;
    let fullest = -1;
    for (let t = 0; t < nt; t++) {
      if (!open[t] || size[t]! >= ceiling[t]! || !fitsKind(kind[t]!, own)) continue;
      if (kind[t] === Kind.hybrid && hybridSpare <= 0) continue;
      if (size[t]! + 1 === minSize[t]!) {
        if (completes < 0 || size[t]! > size[completes]!) completes = t;
      } else if (size[t]! >= minSize[t]!) {
        if (healthy < 0 || size[t]! < size[healthy]!) healthy = t;
      } else if (fullest < 0 || size[t]! > size[fullest]!) fullest = t;
    }
    const at = completes >= 0 ? completes : healthy >= 0 ? healthy : fullest;
    left[own]!--;
    if (at >= 0) size[at]!++;
  }
  return { lo: Int32Array.from(size), hi: Int32Array.from(size), remainder: [0, 0, 0] };
}

/** Travellers in the order seats go to them: whoever sat in the fewest earlier rounds, then whoever joined first. */
function seatingOrder(problem: Problem, anchor: Int32Array): number[] {
  const order: number[] = [];
  for (let p = 0; p < problem.n; p++) if (anchor[p]! < 0) order.push(p);
  return order.sort((a, b) => problem.sat[a]! - problem.sat[b]! || a - b);
}

/**
 * How a choice of open tables fares, worst first: tables that may seat fewer than their minimum
 * although more people than the minimum could sit there; then people without a seat; then hosts
 * who cannot sit at their table, then pinned people; then tables below the minimum that too few could ever fill
 * (two remote people and a remote table: they sit together rather than wait, and at one table
 * rather than two). Lower is better, in that order.
 */
function shortfall(problem: Problem, open: Uint8Array, s: Spread, hostsMoved: number, pinsMoved: number): number[] {
  const { n, nt, kind, presence, minSize } = problem;
  const fitting = [0, 0, 0];
  for (let p = 0; p < n; p++) {
    if (!s.seated[p]) continue;
    for (const k of KINDS) if (fitsKind(k, presence[p]!)) fitting[k]!++;
  }
  let short = 0;
  let excused = 0;
  for (let t = 0; t < nt; t++) {
    if (!open[t] || s.hi[t] === 0 || s.lo[t]! >= minSize[t]!) continue;
    if (fitting[kind[t]!]! < minSize[t]!) excused++;
    else short++;
  }
  return [short, n - s.seatedCount, hostsMoved, pinsMoved, excused];
}

const worse = (a: readonly number[], b: readonly number[]) => {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! > b[i]!;
  return false;
};

/**
 * Decides which tables open this round and who has a seat. With every table open and nobody below
 * the minimum, that is all. Otherwise tables are opened one at a time, most wanted first, and each
 * stays open unless it makes things worse (`shortfall`): as many tables open as the minimum allows,
 * seating as many people as it allows. Most wanted: tables with a kept seat (always open), then with
 * a host or pins, then hybrid tables (they take everyone), then the ones whose question fewest of
 * the people have discussed (so closed tables rotate from round to round), a question no open table
 * asks yet, the most seats, the facilitator's order. A closed table's host and pins travel that
 * round, and the conflict is reported. Sets `open`, `seated` and `closed` on the problem.
 */
export function resolveTables(problem: Problem) {
  const { n, nt, cap, kept, question, kind } = problem;
  const everything = new Uint8Array(nt);
  for (let t = 0; t < nt; t++) everything[t] = cap[t]! > 0 ? 1 : 0;
  const keptAt = new Uint8Array(nt);
  for (let p = 0; p < n; p++) if (kept[p] && problem.anchor[p]! >= 0) keptAt[problem.anchor[p]!] = 1;
  for (let t = 0; t < nt; t++) if (keptAt[t]) everything[t] = 1;
  const noneFreed = new Uint8Array(n);
  let best = evaluate(problem, everything, noneFreed);

  if (best.score[0]! > 0 || best.score[4]! > 0) {
    const discussed = new Int32Array(problem.nq);
    for (let i = 0; i < n * problem.nq; i++) discussed[i % problem.nq]! += problem.seen[i]!;
    const anchorsAt = new Int32Array(nt);
    for (let p = 0; p < n; p++) if (problem.anchor[p]! >= 0) anchorsAt[problem.anchor[p]!]!++;
    const order = Array.from({ length: nt }, (_, t) => t)
      .filter((t) => everything[t] && !keptAt[t])
      .sort(
        (a, b) =>
          anchorsAt[b]! - anchorsAt[a]! ||
          Number(kind[b] === Kind.hybrid) - Number(kind[a] === Kind.hybrid) ||
          discussed[question[a]!]! - discussed[question[b]!]! ||
          cap[b]! - cap[a]! ||
          a - b,
      );
    const open = Uint8Array.from(keptAt);
    let current = evaluate(problem, open, noneFreed);
    const asked = new Set<number>();
    for (let t = 0; t < nt; t++) if (open[t]) asked.add(question[t]!);
    // A question not yet asked by an open table goes ahead of one that is, among tables alike so far.
    for (let i = 0; i < order.length; i++) {
      const fresh = order.slice(i).findIndex((t) => !asked.has(question[t]!));
      if (fresh > 0 && anchorsAt[order[i + fresh]!] === anchorsAt[order[i]!] && kind[order[i + fresh]!] === kind[order[i]!]) {
        order.splice(i, 0, ...order.splice(i + fresh, 1));
      }
      const t = order[i]!;
      open[t] = 1;
      const trial = evaluate(problem, open, noneFreed);
      if (worse(trial.score, current.score)) open[t] = 0;
      else {
        current = trial;
        asked.add(question[t]!);
      }
    }
    if (!worse(current.score, best.score)) best = current;
    // Anything short of perfect (a table below its minimum, someone waiting, an anchor moved) may still improve.
    if (best.score.some((x) => x > 0)) best = refine(problem, best, keptAt);
  }

  const { open, anchor, spread: s } = best;
  for (let p = 0; p < n; p++) {
    const t = problem.anchor[p]!;
    if (t < 0 || anchor[p] === t) continue;
    const hosting = problem.hostOf[t] === p;
    // A pin let go while its table is open is one the minimum size elsewhere needed: like a full table.
    const kind = hosting ? ConflictKind.hostTableClosed : open[t] ? ConflictKind.pinOverflow : ConflictKind.pinTableClosed;
    problem.conflicts.push({ kind, personId: problem.ids[p]!, tableId: problem.tableIds[t]! });
  }
  // Open tables nobody seated can reach are closed too.
  for (let t = 0; t < nt; t++) if (open[t] && s.hi[t] === 0 && !s.anchored[t]) open[t] = 0;
  // Anchors freed while their table stays open would still rather sit there: the search tries.
  for (let p = 0; p < n; p++) {
    const t = problem.anchor[p]!;
    if (t >= 0 && anchor[p] !== t && open[t]) problem.wish[p] = t;
  }
  problem.anchor.set(anchor);
  problem.open = open;
  problem.seated = s.seated;
  const fitsAnyone = (t: number) => {
    for (let p = 0; p < n; p++) if (s.seated[p] && fitsKind(kind[t]!, problem.presence[p]!)) return true;
    return false;
  };
  problem.closed = [];
  for (let t = 0; t < nt; t++)
    if (!open[t]) problem.closed.push({ tableId: problem.tableIds[t]!, reason: fitsAnyone(t) ? ClosedReason.tooFewPeople : ClosedReason.noneFit });
}

type Choice = ReturnType<typeof evaluate>;

/** Beyond this many tables, the choice of open tables is not refined by exchanges (people x tables^2 work). */
const REFINE_TABLES = 60;

/**
 * Opening tables one at a time cannot undo an early choice: two people at a hybrid table of three
 * are below its minimum where a room table of two would seat them at its own. So the choice is
 * then improved by closing a table, opening one, closing one and opening another, or letting a
 * table's pinned people sit elsewhere (a pin gives way before a host), while that makes it better
 * (`shortfall`, then more tables open).
 */
function refine(problem: Problem, start: Choice, keptAt: Uint8Array): Choice {
  const { n, nt, cap, anchor, hostOf, kept } = problem;
  if (nt > REFINE_TABLES) return start;
  const key = (c: Choice) => {
    let open = 0;
    for (let t = 0; t < nt; t++) open += c.open[t]!;
    return [...c.score, -open];
  };
  const pinnedAt = Array.from({ length: nt }, () => [] as number[]);
  for (let p = 0; p < n; p++) if (anchor[p]! >= 0 && !kept[p] && hostOf[anchor[p]!] !== p) pinnedAt[anchor[p]!]!.push(p);
  let best = start;
  let bestKey = key(best);
  for (let improved = true; improved;) {
    improved = false;
    const candidates: [Uint8Array, Uint8Array][] = [];
    for (let t = 0; t < nt; t++) {
      if (pinnedAt[t]!.length && best.open[t]) {
        const freed = Uint8Array.from(best.freed);
        const on = pinnedAt[t]!.some((p) => !freed[p]);
        for (const p of pinnedAt[t]!) freed[p] = on ? 1 : 0;
        candidates.push([best.open, freed]);
      }
      const host = hostOf[t]!;
      if (host >= 0 && anchor[host] === t && !kept[host] && best.open[t]) {
        // The table stays open without its host (and pins): the host may be needed elsewhere more.
        const freed = Uint8Array.from(best.freed);
        const on = !freed[host];
        freed[host] = on ? 1 : 0;
        for (const p of pinnedAt[t]!) freed[p] = on ? 1 : freed[p]!;
        candidates.push([best.open, freed]);
      }
      if (keptAt[t] || cap[t]! <= 0) continue;
      const flip = Uint8Array.from(best.open);
      flip[t] = flip[t] ? 0 : 1;
      candidates.push([flip, best.freed]);
      if (!best.open[t]) {
        // Opening a closed table for its host alone (its pinned people sitting elsewhere), or for neither.
        if (pinnedAt[t]!.length) {
          const freed = Uint8Array.from(best.freed);
          for (const p of pinnedAt[t]!) freed[p] = 1;
          candidates.push([flip, freed]);
        }
        if (host >= 0 && anchor[host] === t && !kept[host]) {
          const freed = Uint8Array.from(best.freed);
          for (const p of [host, ...pinnedAt[t]!]) freed[p] = 1;
          candidates.push([flip, freed]);
        }
        continue;
      }
      for (let u = 0; u < nt; u++) {
        if (best.open[u] || cap[u]! <= 0) continue;
        const exchange = Uint8Array.from(flip);
        exchange[u] = 1;
        candidates.push([exchange, best.freed]);
      }
    }
    for (const [open, freed] of candidates) {
      const trial = evaluate(problem, open, freed);
      const trialKey = key(trial);
      if (worse(bestKey, trialKey)) {
        best = trial;
        bestKey = trialKey;
        improved = true;
      }
    }
  }
  return best;
}

/** The spread for a choice of open tables: hosts and pins of closed tables travel, and so do pinned people `freed` says. */
function evaluate(problem: Problem, open: Uint8Array, freed: Uint8Array) {
  const anchor = Int32Array.from(problem.anchor);
  let hosts = 0;
  let pins = 0;
  for (let p = 0; p < problem.n; p++) {
    const t = anchor[p]!;
    if (t < 0 || problem.kept[p] || (open[t] && !freed[p])) continue;
    anchor[p] = -1;
    if (problem.hostOf[t] === p) hosts++;
    else pins++;
  }
  const spreadOf = spread(problem, anchor, open, seatingOrder(problem, anchor));
  return { open: Uint8Array.from(open), freed: Uint8Array.from(freed), anchor, spread: spreadOf, score: shortfall(problem, open, spreadOf, hosts, pins) };
}

/** The size plan for the open tables and the people seated (`resolveTables` first). */
export function planSizes(problem: Problem, rng: Rng, preferBig?: (t: number) => number): Sizes {
  const { nt, kind, open } = problem;
  // Exactly the people `resolveTables` seated: they all fit, so the order no longer matters.
  const order: number[] = [];
  for (let p = 0; p < problem.n; p++) if (problem.anchor[p]! < 0 && problem.seated[p]) order.push(p);
  const s = spread(problem, problem.anchor, open, order);
  const target = new Int32Array(nt);
  for (const k of KINDS) {
    const tables: number[] = [];
    for (let t = 0; t < nt; t++) if (kind[t] === k) tables.push(t);
    // Which tables take the one extra person is free; prefer the ones the caller asks for, then chance.
    const growable = tables
      .map((t) => ({ t, key: (preferBig?.(t) ?? 0) + rng.next() * 0.5 }))
      .filter(({ t }) => s.hi[t]! > s.lo[t]!)
      .sort((a, b) => b.key - a.key);
    const grow = new Set(growable.slice(0, s.remainder[k]).map((g) => g.t));
    for (const t of tables) target[t] = s.lo[t]! + (grow.has(t) ? 1 : 0);
  }
  return { seated: s.seated, lo: s.lo, hi: s.hi, target, anchored: s.anchored };
}
