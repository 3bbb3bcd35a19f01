import { DEFAULT_MIN_TABLE_SIZE, tableMinimum, type RotationPerson, type RotationTable, type RoundRequest, type Seating } from '../types.ts';

/**
 * The checker's own reading of a request and a finished seating, written independently of the
 * engine (it shares no code with it), so the rules can be held against any seating: the engine's,
 * a baseline's, or one a facilitator edited by hand. Everything is keyed by id, in plain Maps.
 */
export interface Cafe {
  request: RoundRequest;
  seats: Seating;
  tables: Map<string, RotationTable>;
  people: Map<string, RotationPerson>;
  /** Join order: a person's position in `request.people`. */
  order: Map<string, number>;
  fixed: Readonly<Record<string, string>>;
  hostOf: Map<string, RotationTable>;
  /** Where each anchored person must sit (see `anchoredAt`), read once: the rules ask it for everyone, often. */
  anchor: Map<string, string>;
  /** Who sits at each table (tables in the request only). */
  members: Map<string, string[]>;
  /** Questions each person has discussed in earlier rounds, by their text. */
  seenBy: Map<string, Set<string>>;
  /** How many earlier rounds each person sat in. */
  sat: Map<string, number>;
  minimum: number;
}

export const fits = (table: RotationTable, person: RotationPerson) => table.mode === 'hybrid' || table.mode === person.presence;

export function readCafe(request: RoundRequest, seats: Seating): Cafe {
  const tables = new Map(request.tables.map((t) => [t.id, t]));
  const people = new Map(request.people.map((p) => [p.id, p]));
  const order = new Map(request.people.map((p, i) => [p.id, i]));
  const hostOf = new Map<string, RotationTable>();
  for (const t of request.tables) if (t.hostId && people.has(t.hostId) && !hostOf.has(t.hostId)) hostOf.set(t.hostId, t);
  const members = new Map<string, string[]>(request.tables.map((t) => [t.id, []]));
  for (const person of request.people) {
    const tid = seats[person.id];
    if (tid) members.get(tid)?.push(person.id);
  }
  const fixed = request.fixed ?? {};
  const anchor = new Map<string, string>();
  for (const person of request.people) {
    const tid = hostOf.get(person.id)?.id ?? person.pinnedTo;
    if (tid) anchor.set(person.id, tid);
  }
  // A kept seat outranks hosting and pins.
  for (const pid of Object.keys(fixed)) anchor.set(pid, fixed[pid]!);
  const seenBy = new Map<string, Set<string>>();
  const sat = new Map<string, number>();
  for (const round of request.history) {
    for (const pid in round) {
      sat.set(pid, (sat.get(pid) ?? 0) + 1);
      for (const tid of round[pid]!) {
        const q = tables.get(tid)?.question;
        if (q === undefined) continue;
        let seen = seenBy.get(pid);
        if (!seen) seenBy.set(pid, (seen = new Set()));
        seen.add(q);
      }
    }
  }
  return {
    request,
    seats,
    tables,
    people,
    order,
    fixed,
    hostOf,
    anchor,
    members,
    seenBy,
    sat,
    minimum: Math.max(1, request.minTableSize ?? DEFAULT_MIN_TABLE_SIZE),
  };
}

/** The fewest people this table may seat when open: the café's minimum, or its capacity if smaller. */
export const minimumOf = (cafe: Cafe, table: RotationTable) => tableMinimum(table.capacity, cafe.minimum);

export const sizeOf = (cafe: Cafe, tid: string) => cafe.members.get(tid)?.length ?? 0;

/** Someone who must be exactly where they are: a kept seat, a host at their table, a pin kept. */
export function anchoredAt(cafe: Cafe, pid: string, tid: string): boolean {
  return cafe.anchor.get(pid) === tid;
}

/** Seated and free to move: not kept, hosting or pinned where they sit. */
export function isTraveller(cafe: Cafe, pid: string): boolean {
  const tid = cafe.seats[pid];
  return !!tid && cafe.tables.has(tid) && !anchoredAt(cafe, pid, tid);
}

export const seenQuestion = (cafe: Cafe, pid: string, table: RotationTable) => cafe.seenBy.get(pid)?.has(table.question) ?? false;

/** Who is seated first when seats run out: whoever sat in fewer earlier rounds, then whoever joined first. */
export function seatedBefore(cafe: Cafe, a: string, b: string): boolean {
  const sa = cafe.sat.get(a) ?? 0;
  const sb = cafe.sat.get(b) ?? 0;
  return sa !== sb ? sa < sb : cafe.order.get(a)! < cafe.order.get(b)!;
}
