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
  const seenBy = new Map<string, Set<string>>();
  const sat = new Map<string, number>();
  for (const round of request.history) {
    for (const [pid, tids] of Object.entries(round)) {
      sat.set(pid, (sat.get(pid) ?? 0) + 1);
      for (const tid of tids) {
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
    fixed: request.fixed ?? {},
    hostOf,
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
  const fixed = cafe.fixed[pid];
  if (fixed !== undefined) return fixed === tid;
  if (cafe.hostOf.has(pid)) return cafe.hostOf.get(pid)!.id === tid;
  return cafe.people.get(pid)?.pinnedTo === tid;
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
