import { checkRules, Rule, type RotationTable, type RoundRequest, type Seating, type Violation } from '../rotation/index.ts';

/**
 * Repairs a planned round that no longer keeps the hard rules, moving as few people away from the
 * plan as it can, by fixing the broken rules one at a time. Each broken rule suggests a handful of
 * moves and swaps: a traveller at an oversized table to the smallest tables of its kind, someone
 * sent back to a question they know to (or in exchange with someone at) a table with a new one,
 * someone waiting to a free seat, a pinned person or host to their table. The step that leaves the
 * fewest rules broken wins, then the one that moves the fewest people from the plan, then the one
 * with the fewest repeated pairs. When no single step helps, two are tried together. Once every rule
 * holds, each person it moved is put back (each newcomer tried elsewhere) and the rules fixed again,
 * in case another choice moves fewer people. Returns null when it cannot get every rule kept, for
 * the caller to search the round with the engine.
 *
 * Every candidate is judged with `checkRules` itself, so whatever this returns keeps the rules by
 * the same literal reading the tests use. It costs a few hundred checks at most, each linear in the
 * café: meant for cafés of a few hundred people, where the engine's search (which ranks moves after
 * the mix) moves several times as many people as a change needs.
 */

const CANDIDATE_TABLES = 4;
const LOOKAHEAD = 8;
/** Second attempts after a first repair: how many, and how many fixes each may take. */
const POLISH_TRIES = 8;
const POLISH_STEPS = 4;

type Move = { person: string; to: string | null } | { swap: [string, string] };

export function repairByMoves(request: RoundRequest, planned: Seating, start: Seating, maxSteps: number): Seating | null {
  const tables = new Map(request.tables.map((t) => [t.id, t]));
  const people = new Map(request.people.map((p) => [p.id, p]));
  const fixed = request.fixed ?? {};
  const hostOf = new Map<string, string>();
  for (const t of request.tables) if (t.hostId && people.has(t.hostId) && !hostOf.has(t.hostId)) hostOf.set(t.hostId, t.id);
  const fits = (t: RotationTable, pid: string) => t.mode === 'hybrid' || t.mode === people.get(pid)!.presence;
  /** The table someone must sit at, if any: a kept seat, then hosting, then a pin. */
  const anchorOf = (pid: string): string | undefined => {
    if (fixed[pid]) return fixed[pid];
    if (hostOf.has(pid)) return hostOf.get(pid);
    const pin = people.get(pid)!.pinnedTo;
    return pin && tables.has(pin) && fits(tables.get(pin)!, pid) ? pin : undefined;
  };
  const movable = (seats: Seating, pid: string) => anchorOf(pid) === undefined || seats[pid] !== anchorOf(pid);

  const met = new Set<string>();
  for (const round of request.history) {
    const at = new Map<string, string[]>();
    for (const [pid, tids] of Object.entries(round)) for (const tid of tids) at.set(tid, [...(at.get(tid) ?? []), pid]);
    for (const list of at.values()) for (let i = 0; i < list.length; i++) for (let j = i + 1; j < list.length; j++) met.add(pairOf(list[i]!, list[j]!));
  }

  const judge = (seats: Seating) => {
    const broken = checkRules(request, seats);
    let moves = 0;
    for (const pid of people.keys()) if (pid in planned && (seats[pid] ?? null) !== planned[pid]) moves++;
    const at = new Map<string, string[]>();
    for (const pid of people.keys()) {
      const tid = seats[pid];
      if (tid) at.set(tid, [...(at.get(tid) ?? []), pid]);
    }
    let repeats = 0;
    for (const list of at.values())
      for (let i = 0; i < list.length; i++) for (let j = i + 1; j < list.length; j++) if (met.has(pairOf(list[i]!, list[j]!))) repeats++;
    return { seats, broken, key: [broken.length, moves, repeats] as const };
  };
  type Judged = ReturnType<typeof judge>;
  const better = (a: Judged, b: Judged | null) => !b || compare(a.key, b.key) < 0;

  const sizeOf = (seats: Seating) => {
    const size = new Map<string, number>(request.tables.map((t) => [t.id, 0]));
    for (const pid of people.keys()) {
      const tid = seats[pid];
      if (tid && size.has(tid)) size.set(tid, size.get(tid)! + 1);
    }
    return size;
  };
  /** The emptiest tables with a free seat that take this person, besides `not`. */
  const roomFor = (seats: Seating, pid: string, not?: string, mode?: string) => {
    const size = sizeOf(seats);
    return request.tables
      .filter((t) => t.id !== not && fits(t, pid) && (!mode || t.mode === mode) && size.get(t.id)! < t.capacity)
      .sort((a, b) => size.get(a.id)! - size.get(b.id)!)
      .slice(0, CANDIDATE_TABLES)
      .map((t) => t.id);
  };
  const membersOf = (seats: Seating, tid: string) => [...people.keys()].filter((pid) => seats[pid] === tid && movable(seats, pid));
  /** The fullest tables other than `not`: where people can be spared from. */
  const biggest = (seats: Seating, not: string) => {
    const size = sizeOf(seats);
    return request.tables
      .filter((t) => t.id !== not && size.get(t.id)! > 0)
      .sort((a, b) => size.get(b.id)! - size.get(a.id)!)
      .slice(0, CANDIDATE_TABLES)
      .map((t) => t.id);
  };
  const discussed = new Map<string, Set<string>>();
  for (const round of request.history) {
    for (const [pid, tids] of Object.entries(round)) {
      for (const tid of tids) {
        const q = tables.get(tid)?.question;
        if (q === undefined) continue;
        let set = discussed.get(pid);
        if (!set) discussed.set(pid, (set = new Set()));
        set.add(q);
      }
    }
  }

  function candidates(seats: Seating, broken: readonly Violation[]): Move[] {
    const out: Move[] = [];
    for (const v of broken) {
      const pid = v.personId;
      switch (v.rule) {
        case Rule.sizeImbalance:
        case Rule.overCapacity: {
          const from = v.tableId!;
          for (const m of membersOf(seats, from))
            for (const to of roomFor(seats, m, from, v.rule === Rule.sizeImbalance ? tables.get(from)?.mode : undefined)) out.push({ person: m, to });
          break;
        }
        case Rule.sentBack: {
          // To a table of the same mode with a question they have not discussed, or in exchange with someone there.
          if (!pid) break;
          const here = tables.get(seats[pid] ?? '');
          for (const t of request.tables) {
            if (!here || t.id === here.id || t.mode !== here.mode || discussed.get(pid)?.has(t.question)) continue;
            out.push({ person: pid, to: t.id });
            for (const q of membersOf(seats, t.id)) out.push({ swap: [pid, q] });
          }
          break;
        }
        case Rule.belowMinimum: {
          // Its people elsewhere (the table closes), or people from the biggest tables to it.
          const at = v.tableId!;
          for (const m of membersOf(seats, at)) for (const to of roomFor(seats, m, at)) out.push({ person: m, to });
          for (const donor of biggest(seats, at)) for (const m of membersOf(seats, donor)) if (fits(tables.get(at)!, m)) out.push({ person: m, to: at });
          break;
        }
        case Rule.leftEmpty: {
          const at = v.tableId!;
          for (const pidWaiting of people.keys()) if (seats[pidWaiting] === null && fits(tables.get(at)!, pidWaiting)) out.push({ person: pidWaiting, to: at });
          for (const donor of biggest(seats, at)) for (const m of membersOf(seats, donor)) if (fits(tables.get(at)!, m)) out.push({ person: m, to: at });
          break;
        }
        case Rule.waitingUnfair:
        case Rule.singleGroup:
          if (pid && v.withId) out.push({ swap: [pid, v.withId] });
          break;
        case Rule.pinBroken:
        case Rule.hostMoved:
        case Rule.fixedMoved:
          if (!pid || !v.tableId) break;
          out.push({ person: pid, to: v.tableId });
          for (const q of membersOf(seats, v.tableId)) if (q !== pid) out.push({ swap: [pid, q] });
          break;
        case Rule.waitingWithRoom:
        case Rule.missing:
        case Rule.unknownTable:
        case Rule.misfit:
          if (pid) for (const to of roomFor(seats, pid, seats[pid] ?? undefined)) out.push({ person: pid, to });
          break;
      }
    }
    return out;
  }

  const applyMove = (seats: Seating, m: Move): Seating => {
    if ('swap' in m) {
      const [p, q] = m.swap;
      return { ...seats, [p]: seats[q] ?? null, [q]: seats[p] ?? null };
    }
    return { ...seats, [m.person]: m.to };
  };
  const steps = (from: Judged): Judged[] => {
    const seen = new Set<string>();
    const out: Judged[] = [];
    for (const m of candidates(from.seats, from.broken)) {
      const key = JSON.stringify(m);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(judge(applyMove(from.seats, m)));
    }
    return out.sort((a, b) => compare(a.key, b.key));
  };

  const fix = (from: Judged, limit: number): Judged | null => {
    let current = from;
    for (let step = 0; step < limit && current.broken.length; step++) {
      const next = steps(current);
      let best: Judged | null = next[0] && next[0].key[0] < current.key[0] ? next[0] : null;
      if (!best) {
        // No single step breaks fewer rules: look one step further from the most promising ones.
        for (const first of next.slice(0, LOOKAHEAD)) {
          if (first.key[0] > current.key[0]) break;
          const second = steps(first)[0];
          if (second && second.key[0] < current.key[0] && better(second, best)) best = second;
        }
      }
      if (!best) return null;
      current = best;
    }
    return current.broken.length ? null : current;
  };

  let done = fix(judge(start), maxSteps);
  if (!done) return null;
  // Those whose anchor took them from their planned seat move whatever happens: nothing to win below that.
  let forced = 0;
  for (const pid of people.keys()) if (pid in planned && anchorOf(pid) !== undefined && anchorOf(pid) !== planned[pid]) forced++;
  if (done.key[1] <= forced) return done.seats;
  // Greedy fixes can move someone a different choice would have left alone: put each person moved
  // back in their planned seat (a newcomer at another table) and fix again; keep what moves fewer
  // people, or as few with fewer repeated pairs.
  for (let tries = 0, improved = true; improved && tries < POLISH_TRIES;) {
    improved = false;
    const retries: Seating[] = [];
    for (const pid of people.keys()) {
      if (!movable(done.seats, pid)) continue;
      if (pid in planned) {
        if ((done.seats[pid] ?? null) !== planned[pid]) retries.push({ ...done.seats, [pid]: planned[pid] ?? null });
      } else {
        for (const to of roomFor(done.seats, pid, done.seats[pid] ?? undefined)) retries.push({ ...done.seats, [pid]: to });
      }
    }
    for (const seats of retries) {
      if (tries++ >= POLISH_TRIES) break;
      const other = fix(judge(seats), POLISH_STEPS);
      if (other && compare(other.key, done.key) < 0) {
        done = other;
        improved = true;
        break;
      }
    }
  }
  return done.seats;
}

function pairOf(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

function compare(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}
