import { fitsKind, type Problem } from './model.ts';
import { ConflictKind, type RoundRequest } from './types.ts';

/**
 * Who must sit where before anyone travels. Seats that already exist win (they are the room as it
 * is), then hosts (they stay with their question), then pins in join order while the table has a
 * seat. A pin or hosting that cannot be kept is reported, and that person travels this round.
 */
export function resolveAnchors(problem: Problem, request: RoundRequest) {
  const { anchor, cap, kind, presence, personIndex, tableIndex, conflicts } = problem;
  const count = new Int32Array(problem.nt);
  const hostOf = new Map<number, number>();

  for (const [pid, tid] of Object.entries(request.fixed ?? {})) {
    const p = personIndex.get(pid);
    const t = tableIndex.get(tid);
    if (p === undefined || t === undefined) continue;
    anchor[p] = t;
    problem.kept[p] = 1;
    count[t]!++;
  }

  request.tables.forEach((table, t) => {
    if (table.hostId === null) return;
    const p = personIndex.get(table.hostId);
    if (p === undefined || hostOf.has(p)) return;
    hostOf.set(p, t);
    if (anchor[p] !== -1) return;
    if (!fitsKind(kind[t]!, presence[p]!) || count[t]! >= cap[t]!) {
      conflicts.push({ kind: ConflictKind.hostInvalid, personId: table.hostId, tableId: table.id });
      return;
    }
    problem.hostOf[t] = p;
    anchor[p] = t;
    count[t]!++;
  });

  request.people.forEach((person, p) => {
    if (person.pinnedTo === null) return;
    const hosted = hostOf.get(p);
    if (hosted !== undefined && request.tables[hosted]!.id !== person.pinnedTo) {
      conflicts.push({ kind: ConflictKind.pinOverruledByHost, personId: person.id, tableId: person.pinnedTo });
      return;
    }
    if (anchor[p] !== -1) return;
    const t = tableIndex.get(person.pinnedTo);
    if (t === undefined || !fitsKind(kind[t]!, presence[p]!)) {
      conflicts.push({ kind: ConflictKind.pinInvalid, personId: person.id, tableId: person.pinnedTo });
      return;
    }
    if (count[t]! >= cap[t]!) {
      conflicts.push({ kind: ConflictKind.pinOverflow, personId: person.id, tableId: person.pinnedTo });
      return;
    }
    anchor[p] = t;
    count[t]!++;
  });
}
