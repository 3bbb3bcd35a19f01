import type { RoundRequest, Seating } from '../types.ts';
import { fits, readCafe } from './cafe.ts';
import { groupRules } from './groups.ts';
import { returnsOf } from './questions.ts';
import { Rule, type Violation } from './rule.ts';
import { tableRules } from './tables.ts';

export { Rule, type Violation } from './rule.ts';
export type { Returns } from './questions.ts';

/** Travellers back at a question they discussed, and the fewest any seating keeping the rules above the question rule could have. */
export function questionReturns(request: RoundRequest, seats: Seating) {
  return returnsOf(readCafe(request, seats));
}

/**
 * The rules, checked literally on a finished seating, in the order they rank: hosts stay, pins hold,
 * presence fits, capacity; no open table below the minimum size, tables closed only when needed;
 * nobody waits while a seat is free, and waiting rotates; same-mode tables within one person of
 * each other; no traveller back at a question they discussed while a seating exists that sends fewer
 * back (decided exactly); no single-group table that one exchange would mix. Written independently
 * of the engine, so tests and the benchmark can hold any seating to them.
 */
export function checkRules(request: RoundRequest, seats: Seating): Violation[] {
  const out: Violation[] = [];
  const cafe = readCafe(request, seats);
  for (const person of request.people) {
    if (!(person.id in seats)) {
      out.push({ rule: Rule.missing, personId: person.id, detail: 'not in the seating' });
      continue;
    }
    const tid = seats[person.id];
    if (tid === null || tid === undefined) continue;
    const table = cafe.tables.get(tid);
    if (!table) out.push({ rule: Rule.unknownTable, personId: person.id, tableId: tid, detail: 'no such table' });
    else if (!fits(table, person)) out.push({ rule: Rule.misfit, personId: person.id, tableId: tid, detail: `${person.presence} at a ${table.mode} table` });
  }
  tableRules(cafe, out);
  const returns = returnsOf(cafe);
  if (returns.actual.length > returns.fewest) {
    for (const pid of returns.actual) {
      out.push({
        rule: Rule.sentBack,
        personId: pid,
        tableId: seats[pid]!,
        detail: `back at a question they discussed: ${returns.actual.length} travellers are, where a seating with ${returns.fewest} exists`,
      });
    }
  }
  groupRules(cafe, out);
  return out;
}
