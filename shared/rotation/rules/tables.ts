import type { RotationTable } from '../types.ts';
import { anchoredAt, fits, isTraveller, minimumOf, seatedBefore, sizeOf, type Cafe } from './cafe.ts';
import { Rule, type Violation } from './rule.ts';

/**
 * The rules on tables: who must sit where, how many a table seats, which tables stay empty, and who
 * waits. In the engine's order: hosts stay and pins hold, presence fits, capacity holds; no open
 * table seats fewer than the minimum while any seating of the same people avoids it (a table closes
 * instead); a table stays empty only while opening it would bring others below the minimum; and
 * someone waits only when no seat is left for them, and then those who sat in the most earlier rounds
 * wait first (waiting rotates).
 */
export function tableRules(cafe: Cafe, out: Violation[]) {
  anchors(cafe, out);
  for (const table of cafe.request.tables) {
    const fixedHere = cafe.members.get(table.id)!.filter((pid) => cafe.fixed[pid] === table.id).length;
    if (sizeOf(cafe, table.id) > Math.max(table.capacity, fixedHere)) {
      out.push({ rule: Rule.overCapacity, tableId: table.id, detail: `${sizeOf(cafe, table.id)} at a table of ${table.capacity}` });
    }
  }
  belowMinimum(cafe, out);
  leftEmpty(cafe, out);
  waiting(cafe, out);
  imbalance(cafe, out);
}

/**
 * Whether a host or pinned person sitting elsewhere could be at their (open) table without costing
 * the minimum size: by taking a free seat there while the table they leave keeps its minimum (or
 * empties), or by exchanging with a traveller there who fits their table. (The table's own people
 * then number the same, so it keeps its minimum too.)
 */
function anchorReachable(cafe: Cafe, pid: string, table: RotationTable): boolean {
  const at = cafe.seats[pid];
  const from = at ? cafe.tables.get(at) : undefined;
  if (sizeOf(cafe, table.id) < table.capacity) {
    if (!from) return true;
    const rest = sizeOf(cafe, from.id) - 1;
    if (rest === 0 || rest >= minimumOf(cafe, from)) return true;
  }
  if (!from) return false;
  return cafe.members.get(table.id)!.some((q) => !anchoredAt(cafe, q, table.id) && fits(from, cafe.people.get(q)!));
}

/**
 * An empty table may leave its host or pins without a seat there only when it could not have
 * opened (`couldOpen`: the people it needs are not to be had without leaving others below their
 * minimum or waiting), and when no open table of its mode without anchors could have closed in its
 * place (its people and the anchors fitting at the anchored table instead).
 */
function closingExcused(cafe: Cafe, table: RotationTable): boolean {
  if (sizeOf(cafe, table.id) > 0) return false;
  if (couldOpen(cafe, table)) return false;
  // Another table of the mode with no anchors could have closed instead: its people and the anchors
  // together at this one, leaving the tables the anchors sit at now empty or at their minimum.
  const own = [...cafe.people.keys()].filter(
    (pid) => cafe.hostOf.get(pid)?.id === table.id || (!cafe.hostOf.has(pid) && cafe.fixed[pid] === undefined && cafe.people.get(pid)!.pinnedTo === table.id),
  );
  return !cafe.request.tables.some((u) => {
    if (u.id === table.id || u.mode !== table.mode || sizeOf(cafe, u.id) === 0 || !onlyTravellers(cafe, u.id)) return false;
    const together = new Set([...own, ...cafe.members.get(u.id)!]).size;
    if (together > table.capacity || together < minimumOf(cafe, table)) return false;
    const leaving = new Map<string, number>();
    for (const pid of own) {
      const at = cafe.seats[pid];
      if (at && at !== u.id) leaving.set(at, (leaving.get(at) ?? 0) + 1);
    }
    return [...leaving].every(([tid, gone]) => {
      const rest = sizeOf(cafe, tid) - gone;
      return rest === 0 || rest >= minimumOf(cafe, cafe.tables.get(tid)!);
    });
  });
}
const onlyTravellers = (cafe: Cafe, tid: string) => cafe.members.get(tid)!.every((pid) => !anchoredAt(cafe, pid, tid));

/**
 * Whether an empty table could have opened at its minimum: with the people waiting who fit it, plus
 * whoever other tables can spare without dropping below their own minimum (or the new table's).
 */
function couldOpen(cafe: Cafe, table: RotationTable): { supply: number } | null {
  let fitting = 0;
  let waiting = 0;
  for (const [pid, person] of cafe.people) {
    if (!fits(table, person)) continue;
    fitting++;
    if (cafe.seats[pid] === null) waiting++;
  }
  const minimum = minimumOf(cafe, table);
  let supply = waiting;
  for (const u of cafe.request.tables) {
    const size = sizeOf(cafe, u.id);
    if (u.id === table.id || size === 0) continue;
    const spare = size - Math.max(minimumOf(cafe, u), minimum);
    if (spare <= 0) continue;
    const movers = cafe.members.get(u.id)!.filter((pid) => !anchoredAt(cafe, pid, u.id) && fits(table, cafe.people.get(pid)!)).length;
    supply += Math.min(spare, movers);
  }
  return supply >= minimum && fitting >= minimum ? { supply } : null;
}

function anchors(cafe: Cafe, out: Violation[]) {
  const { fixed, seats, tables, people } = cafe;
  for (const [pid, tid] of Object.entries(fixed)) {
    if (people.has(pid) && tables.has(tid) && seats[pid] !== tid)
      out.push({ rule: Rule.fixedMoved, personId: pid, tableId: tid, detail: 'a kept seat changed' });
  }
  for (const [pid, table] of cafe.hostOf) {
    if (fixed[pid] !== undefined || seats[pid] === table.id || !fits(table, people.get(pid)!)) continue;
    if (sizeOf(cafe, table.id) === 0 ? closingExcused(cafe, table) : !anchorReachable(cafe, pid, table)) continue;
    out.push({ rule: Rule.hostMoved, personId: pid, tableId: table.id, detail: 'the host left their table' });
  }
  for (const person of cafe.request.people) {
    const table = person.pinnedTo ? tables.get(person.pinnedTo) : undefined;
    if (!table || fixed[person.id] !== undefined || cafe.hostOf.has(person.id) || seats[person.id] === table.id || !fits(table, person)) continue;
    if (sizeOf(cafe, table.id) === 0 ? closingExcused(cafe, table) : !anchorReachable(cafe, person.id, table)) continue;
    out.push({ rule: Rule.pinBroken, personId: person.id, tableId: table.id, detail: 'not at the pinned table' });
  }
}

/**
 * A table seats fewer than its minimum only when no seating of the same people avoids that (for
 * instance two remote people and no table but a remote one), and even then not when its people
 * could join another table that is open. With seats kept as they are (late joiners seated around
 * everyone else), only the newcomers choose: one of them below the minimum breaks the rule if a
 * table at least as full had a seat for them.
 */
function belowMinimum(cafe: Cafe, out: Violation[]) {
  const kept = Object.keys(cafe.fixed).length > 0;
  const avoidable = !kept && noTableBelowMinimumPossible(cafe);
  for (const table of cafe.request.tables) {
    const size = sizeOf(cafe, table.id);
    const minimum = minimumOf(cafe, table);
    if (size === 0 || size >= minimum) continue;
    const here = cafe.members.get(table.id)!;
    if (here.every((pid) => cafe.fixed[pid] === table.id)) continue;
    let broken: boolean;
    if (kept) {
      broken = here.some(
        (pid) =>
          cafe.fixed[pid] === undefined &&
          !anchoredAt(cafe, pid, table.id) &&
          cafe.request.tables.some((u) => u.id !== table.id && sizeOf(cafe, u.id) >= size && sizeOf(cafe, u.id) < u.capacity && fits(u, cafe.people.get(pid)!)),
      );
    } else {
      // The rule binds where at least the minimum could sit there: two remote people, alone in
      // their presence, may sit together at a remote table even if a hybrid one could take them.
      const mergeable =
        here.every((pid) => !anchoredAt(cafe, pid, table.id)) &&
        cafe.request.tables.some(
          (u) => u.id !== table.id && sizeOf(cafe, u.id) > 0 && sizeOf(cafe, u.id) + size <= u.capacity && here.every((pid) => fits(u, cafe.people.get(pid)!)),
        );
      broken = (avoidable && seatedWhoFit(cafe, table) >= minimum) || mergeable;
    }
    if (broken) out.push({ rule: Rule.belowMinimum, tableId: table.id, detail: `${size} at ${table.id}, below the minimum of ${minimum}` });
  }
}

function seatedWhoFit(cafe: Cafe, table: RotationTable): number {
  let count = 0;
  for (const [pid, person] of cafe.people) if (cafe.seats[pid] && cafe.tables.has(cafe.seats[pid]) && fits(table, person)) count++;
  return count;
}

/**
 * Whether the people seated could sit with no open table below its minimum, tables free to close.
 * Within a mode, opening the tables with the most seats is never worse, so it is enough to try how
 * many tables of each mode open; for each choice, room people go to room and hybrid tables and
 * remote people to remote and hybrid ones, which is feasible exactly when the intervals for how
 * many of each go to hybrid tables meet.
 */
function noTableBelowMinimumPossible(cafe: Cafe): boolean {
  let room = 0;
  let remote = 0;
  for (const [pid, person] of cafe.people) {
    if (!cafe.seats[pid] || !cafe.tables.has(cafe.seats[pid])) continue;
    if (person.presence === 'remote') remote++;
    else room++;
  }
  const sums = (mode: RotationTable['mode']) => {
    const list = cafe.request.tables.filter((t) => t.mode === mode && t.capacity > 0).sort((a, b) => b.capacity - a.capacity);
    const low = [0];
    const high = [0];
    for (const t of list) {
      low.push(low[low.length - 1]! + minimumOf(cafe, t));
      high.push(high[high.length - 1]! + t.capacity);
    }
    return { low, high };
  };
  const r = sums('room');
  const e = sums('remote');
  const h = sums('hybrid');
  for (let kr = 0; kr < r.low.length; kr++) {
    const yLo = Math.max(0, room - r.high[kr]!);
    const yHi = Math.min(room, room - r.low[kr]!);
    if (yLo > yHi) continue;
    for (let ke = 0; ke < e.low.length; ke++) {
      const zLo = Math.max(0, remote - e.high[ke]!);
      const zHi = Math.min(remote, remote - e.low[ke]!);
      if (zLo > zHi) continue;
      // Hybrid tables take between yLo + zLo and yHi + zHi people: some count of them must fit that.
      // Both sums grow with the count, so the most tables whose minimums fit yHi + zHi seat the most.
      const fit = lastAtMost(h.low, yHi + zHi);
      if (fit >= 0 && h.high[fit]! >= yLo + zLo) return true;
    }
  }
  return false;
}

/** The last index of an ascending list whose value is at most x, or -1 (a binary search: plenaries have a thousand tables of a kind). */
function lastAtMost(list: readonly number[], x: number): number {
  let lo = 0;
  let hi = list.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]! <= x) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/**
 * An empty table should have opened if the people waiting who fit it, together with the people other
 * tables can spare without dropping below the minimum, fill its minimum; or, in a café with fewer
 * people who fit it than the minimum, if some of them wait.
 */
function leftEmpty(cafe: Cafe, out: Violation[]) {
  for (const table of cafe.request.tables) {
    if (sizeOf(cafe, table.id) > 0 || table.capacity <= 0) continue;
    const open = couldOpen(cafe, table);
    if (open) {
      out.push({ rule: Rule.leftEmpty, tableId: table.id, detail: `${table.id} is empty though ${open.supply} people could open it` });
      continue;
    }
    let fitting = 0;
    let waitingHere = 0;
    for (const [pid, person] of cafe.people) {
      if (!fits(table, person)) continue;
      fitting++;
      if (cafe.seats[pid] === null) waitingHere++;
    }
    if (waitingHere > 0 && fitting < minimumOf(cafe, table)) {
      // Too few people fit it for the minimum to apply, and some of them wait: they could sit here.
      out.push({ rule: Rule.leftEmpty, tableId: table.id, detail: `${table.id} is empty while ${waitingHere} who fit it wait` });
    }
  }
}

function waiting(cafe: Cafe, out: Violation[]) {
  const { request, seats } = cafe;
  // Per presence, the seated traveller who would be last in line for a seat.
  const lastSeated = new Map<string, string>();
  for (const person of request.people) {
    if (!isTraveller(cafe, person.id)) continue;
    const last = lastSeated.get(person.presence);
    if (last === undefined || seatedBefore(cafe, last, person.id)) lastSeated.set(person.presence, person.id);
  }
  // Opening a closed table may seat more than the seats open tables spare: the most any seating
  // at or above every open table's minimum sits (kept seats aside, which restrict it otherwise).
  const seated = request.people.filter((p) => seats[p.id] !== null).length;
  // Exact only where everyone fits every table and nobody is anchored (hosts and pins hold seats the
  // count below ignores; a hybrid seat a room person takes is not a remote person's): elsewhere it
  // over-counts and would fault the engine's own seatings (a review found it flag remote people
  // waiting for hybrid seats that hosts and pins held).
  const exact = Object.keys(cafe.fixed).length === 0 && nobodyAnchored(cafe) && everyoneFitsEverywhere(cafe);
  // (`mostWhoCouldSit` counts for one kind of table: only asked where that is exact.)
  const short = exact && mostWhoCouldSit(cafe) > seated;
  for (const person of request.people) {
    if (seats[person.id] !== null) continue;
    if (short) {
      out.push({ rule: Rule.waitingUnfair, personId: person.id, detail: `waiting while a seating with other tables open seats more than ${seated}` });
    }
    const free = request.tables.find((t) => fits(t, person) && sizeOf(cafe, t.id) > 0 && sizeOf(cafe, t.id) < t.capacity);
    if (free) out.push({ rule: Rule.waitingWithRoom, personId: person.id, tableId: free.id, detail: 'waiting while a seat is free' });
    const last = lastSeated.get(person.presence);
    if (last !== undefined && seatedBefore(cafe, person.id, last)) {
      out.push({
        rule: Rule.waitingUnfair,
        personId: person.id,
        tableId: seats[last] ?? undefined,
        withId: last,
        detail: `waiting while ${last}, who sat in as many earlier rounds or more, has a seat`,
      });
    }
  }
}

/**
 * Same-mode tables within one person of each other: a gap of two or more is allowed only if nobody
 * could close it by moving over, i.e. unless the bigger table holds only anchors or the smaller one
 * is full. A table that one more person would leave below its minimum (an empty one, say) is not a
 * smaller table here (whether it should have opened, or grown, are the rules above).
 */
function imbalance(cafe: Cafe, out: Violation[]) {
  const { request, members } = cafe;
  const size = (t: RotationTable) => sizeOf(cafe, t.id);
  const movers = new Map(request.tables.map((t) => [t.id, members.get(t.id)!.filter((pid) => !anchoredAt(cafe, pid, t.id)).length]));
  const byMode = new Map<string, RotationTable[]>();
  for (const t of request.tables) byMode.set(t.mode, [...(byMode.get(t.mode) ?? []), t]);
  for (const list of byMode.values()) {
    // A table sheds a traveller only if it stays at its minimum: min size outranks an even spread.
    const shed = list.filter((t) => movers.get(t.id)! > 0 && size(t) - 1 >= minimumOf(cafe, t)).sort((a, b) => size(b) - size(a));
    // ...and a table takes one only if that brings it to its minimum: nobody is moved to a table too small to hold the rule.
    const room = list.filter((t) => size(t) > 0 && size(t) < t.capacity && size(t) + 1 >= minimumOf(cafe, t)).sort((a, b) => size(a) - size(b));
    if (shed[0] && room[0] && size(shed[0]) >= size(room[0]) + 2) {
      out.push({ rule: Rule.sizeImbalance, tableId: shed[0].id, detail: `${size(shed[0])} at ${shed[0].id} but ${size(room[0])} at ${room[0].id}` });
    }
  }
}

/** All tables hybrid, or all of one presence with only people of that presence. */
function everyoneFitsEverywhere(cafe: Cafe): boolean {
  const modes = new Set(cafe.request.tables.filter((t) => t.capacity > 0).map((t) => t.mode));
  if (modes.size !== 1) return modes.size === 0;
  const [mode] = modes;
  return mode === 'hybrid' || cafe.request.people.every((p) => p.presence === mode);
}

/** No hosts and no pins: their seats are not free for the count of who could sit. */
function nobodyAnchored(cafe: Cafe): boolean {
  return cafe.request.tables.every((t) => t.hostId === null) && cafe.request.people.every((p) => p.pinnedTo === null);
}

/**
 * The most people any seating sits with every open table between its minimum and capacity, tables
 * free to open or close, where everyone fits every table (the only place it is asked): opening the
 * tables with the most seats is never worse, since the minimums of the tables taken and their seats
 * both grow with how many open, so the most tables whose minimums the people fill seat the most.
 */
function mostWhoCouldSit(cafe: Cafe): number {
  const people = cafe.request.people.length;
  const open = cafe.request.tables.filter((t) => t.capacity > 0).sort((a, b) => b.capacity - a.capacity);
  let minimums = 0;
  let seats = 0;
  for (const t of open) {
    if (minimums + minimumOf(cafe, t) > people) break;
    minimums += minimumOf(cafe, t);
    seats += t.capacity;
  }
  return Math.min(people, seats);
}
