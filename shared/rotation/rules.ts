import type { RotationPerson, RotationTable, RoundRequest, Seating } from './types.ts';

/**
 * The hard rules, checked literally on a finished seating and written independently of the engine
 * (no shared code), so tests and the benchmark can hold any seating to them: the engine's, a
 * baseline's, or one a facilitator edited by hand.
 */

export const Rule = {
  missing: 'missing',
  unknownTable: 'unknown-table',
  fixedMoved: 'fixed-moved',
  hostMoved: 'host-moved',
  pinBroken: 'pin-broken',
  misfit: 'misfit',
  overCapacity: 'over-capacity',
  waitingWithRoom: 'waiting-with-room',
  sizeImbalance: 'size-imbalance',
  sentBack: 'sent-back',
} as const;
export type Rule = (typeof Rule)[keyof typeof Rule];

export interface Violation {
  rule: Rule;
  personId?: string;
  tableId?: string;
  detail: string;
}

const fits = (table: RotationTable, person: RotationPerson) => table.mode === 'hybrid' || table.mode === person.presence;

export function checkRules(request: RoundRequest, seats: Seating): Violation[] {
  const out: Violation[] = [];
  const tables = new Map(request.tables.map((t) => [t.id, t]));
  const people = new Map(request.people.map((p) => [p.id, p]));
  const fixed = request.fixed ?? {};
  const hostOf = new Map<string, RotationTable>();
  for (const t of request.tables) if (t.hostId && people.has(t.hostId) && !hostOf.has(t.hostId)) hostOf.set(t.hostId, t);

  const members = new Map<string, string[]>(request.tables.map((t) => [t.id, []]));
  for (const person of request.people) {
    if (!(person.id in seats)) {
      out.push({ rule: Rule.missing, personId: person.id, detail: 'not in the seating' });
      continue;
    }
    const tid = seats[person.id];
    if (tid === null || tid === undefined) continue;
    const table = tables.get(tid);
    if (!table) {
      out.push({ rule: Rule.unknownTable, personId: person.id, tableId: tid, detail: 'no such table' });
      continue;
    }
    members.get(tid)!.push(person.id);
    if (!fits(table, person)) out.push({ rule: Rule.misfit, personId: person.id, tableId: tid, detail: `${person.presence} at a ${table.mode} table` });
  }

  /** Someone who must be exactly where they are: a kept seat, a host at their table, a pin kept. */
  const anchoredAt = (pid: string, tid: string) =>
    fixed[pid] === tid || (fixed[pid] === undefined && (hostOf.get(pid)?.id === tid || (people.get(pid)?.pinnedTo === tid && !hostOf.has(pid))));
  const size = (tid: string) => members.get(tid)!.length;
  const onlyAnchors = (tid: string) => members.get(tid)!.every((pid) => anchoredAt(pid, tid));
  const fixedAt = (tid: string) => members.get(tid)!.filter((pid) => fixed[pid] === tid).length;

  for (const [pid, tid] of Object.entries(fixed)) {
    if (people.has(pid) && tables.has(tid) && seats[pid] !== tid) out.push({ rule: Rule.fixedMoved, personId: pid, tableId: tid, detail: 'a kept seat changed' });
  }
  for (const [pid, table] of hostOf) {
    if (fixed[pid] !== undefined || seats[pid] === table.id || !fits(table, people.get(pid)!)) continue;
    if (size(table.id) < table.capacity || !onlyAnchors(table.id)) out.push({ rule: Rule.hostMoved, personId: pid, tableId: table.id, detail: 'the host left their table' });
  }
  for (const person of request.people) {
    const table = person.pinnedTo ? tables.get(person.pinnedTo) : undefined;
    if (!table || fixed[person.id] !== undefined || hostOf.has(person.id) || seats[person.id] === table.id || !fits(table, person)) continue;
    if (size(table.id) < table.capacity || !onlyAnchors(table.id)) out.push({ rule: Rule.pinBroken, personId: person.id, tableId: table.id, detail: 'not at the pinned table' });
  }
  for (const table of request.tables) {
    if (size(table.id) > Math.max(table.capacity, fixedAt(table.id))) {
      out.push({ rule: Rule.overCapacity, tableId: table.id, detail: `${size(table.id)} at a table of ${table.capacity}` });
    }
  }
  for (const person of request.people) {
    if (seats[person.id] !== null) continue;
    const free = request.tables.find((t) => fits(t, person) && size(t.id) < t.capacity);
    if (free) out.push({ rule: Rule.waitingWithRoom, personId: person.id, tableId: free.id, detail: 'waiting while a seat is free' });
  }

  // Same-kind sizes: a gap of two or more is allowed only if nobody could close it by moving over,
  // i.e. unless the bigger table holds only anchors or the smaller one is full.
  const sizes = new Map(request.tables.map((t) => [t.id, size(t.id)]));
  const movers = new Map(request.tables.map((t) => [t.id, members.get(t.id)!.filter((pid) => !anchoredAt(pid, t.id)).length]));
  const byMode = new Map<string, RotationTable[]>();
  for (const t of request.tables) byMode.set(t.mode, [...(byMode.get(t.mode) ?? []), t]);
  /** The biggest tables that could shed someone and the smallest with a free seat: three each is enough to judge a one-person move. */
  const extremes = new Map<string, { shed: RotationTable[]; room: RotationTable[] }>();
  for (const [mode, list] of byMode) {
    const shed = list.filter((t) => movers.get(t.id)! > 0).sort((a, b) => sizes.get(b.id)! - sizes.get(a.id)!);
    const room = list.filter((t) => sizes.get(t.id)! < t.capacity).sort((a, b) => sizes.get(a.id)! - sizes.get(b.id)!);
    extremes.set(mode, { shed: shed.slice(0, 3), room: room.slice(0, 3) });
    if (shed[0] && room[0] && sizes.get(shed[0].id)! >= sizes.get(room[0].id)! + 2) {
      out.push({ rule: Rule.sizeImbalance, tableId: shed[0].id, detail: `${sizes.get(shed[0].id)} at ${shed[0].id} but ${sizes.get(room[0].id)} at ${room[0].id}` });
    }
  }
  /** Whether moving one traveller from `from` to `to` (same mode) would leave a gap someone could close. */
  const gapAfterMove = (mode: string, from: RotationTable, to: RotationTable) => {
    const { shed, room } = extremes.get(mode)!;
    const sizeAfter = (t: RotationTable) => sizes.get(t.id)! + (t.id === to.id ? 1 : t.id === from.id ? -1 : 0);
    const shedsAfter = (t: RotationTable) => (t.id === to.id ? true : t.id === from.id ? movers.get(t.id)! > 1 : movers.get(t.id)! > 0);
    const roomAfter = (t: RotationTable) => sizeAfter(t) < t.capacity;
    let biggest = -Infinity;
    let smallest = Infinity;
    for (const t of [from, to, shed.find((x) => x.id !== from.id && x.id !== to.id)]) if (t && shedsAfter(t)) biggest = Math.max(biggest, sizeAfter(t));
    for (const t of [from, to, room.find((x) => x.id !== from.id && x.id !== to.id)]) if (t && roomAfter(t)) smallest = Math.min(smallest, sizeAfter(t));
    return biggest >= smallest + 2;
  };

  // Back to a known question while a same-kind table with a new one could take them without breaking the size rule.
  const seenBy = new Map<string, Set<string>>();
  for (const round of request.history) {
    for (const [pid, tids] of Object.entries(round)) {
      for (const tid of tids) {
        const q = tables.get(tid)?.question;
        if (q === undefined) continue;
        if (!seenBy.has(pid)) seenBy.set(pid, new Set());
        seenBy.get(pid)!.add(q);
      }
    }
  }
  for (const person of request.people) {
    const tid = seats[person.id];
    if (!tid || anchoredAt(person.id, tid)) continue;
    const here = tables.get(tid);
    const seen = seenBy.get(person.id);
    if (!here || !seen?.has(here.question)) continue;
    for (const there of byMode.get(here.mode)!) {
      if (there.id === tid || seen.has(there.question) || size(there.id) >= there.capacity) continue;
      if (!gapAfterMove(here.mode, here, there)) {
        out.push({ rule: Rule.sentBack, personId: person.id, tableId: there.id, detail: `back to a question they discussed while ${there.id} has room` });
        break;
      }
    }
  }
  return out;
}
