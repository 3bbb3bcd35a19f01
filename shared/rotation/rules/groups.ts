import { anchoredAt, fits, isTraveller, seenQuestion, type Cafe } from './cafe.ts';
import { Rule, type Violation } from './rule.ts';

/**
 * No table of a single stakeholder group while the café's mix allows otherwise. Checked as: a table
 * whose people all belong to one group (two or more of them) breaks the rule when one exchange of two
 * travellers would mix it without making the other table single-group and without sending anyone
 * more back to a question they discussed (the rule above this one). Table sizes do not change in an
 * exchange, so the rules on tables are untouched. It is a local test: a seating can pass it and still
 * have a single-group table that only several exchanges at once would mix.
 */
export function groupRules(cafe: Cafe, out: Violation[]) {
  const { request, members, people } = cafe;
  const travellersAt = new Map<string, string[]>();
  for (const t of request.tables)
    travellersAt.set(
      t.id,
      members.get(t.id)!.filter((pid) => !anchoredAt(cafe, pid, t.id)),
    );
  for (const table of request.tables) {
    const here = members.get(table.id)!;
    if (here.length < 2) continue;
    const group = people.get(here[0]!)!.group;
    if (here.some((pid) => people.get(pid)!.group !== group)) continue;
    const exchange = findExchange(cafe, table.id, group, travellersAt);
    if (exchange) {
      out.push({
        rule: Rule.singleGroup,
        tableId: table.id,
        personId: exchange[0],
        withId: exchange[1],
        detail: `everyone at ${table.id} is ${group}; exchanging ${exchange[0]} and ${exchange[1]} would mix it`,
      });
    }
  }
}

function findExchange(cafe: Cafe, tid: string, group: string, travellersAt: Map<string, string[]>): [string, string] | null {
  const { request, members, people, tables } = cafe;
  const table = tables.get(tid)!;
  for (const p of travellersAt.get(tid)!) {
    const person = people.get(p)!;
    for (const other of request.tables) {
      if (other.id === tid || !fits(other, person)) continue;
      const there = members.get(other.id)!;
      for (const q of travellersAt.get(other.id)!) {
        const them = people.get(q)!;
        if (them.group === group || !fits(table, them)) continue;
        // The other table must keep someone of another group than p's, or p would make it single-group.
        if (there.length > 1 && !there.some((x) => x !== q && people.get(x)!.group !== group)) continue;
        const before = Number(seenQuestion(cafe, p, table)) + Number(seenQuestion(cafe, q, other));
        const after = Number(seenQuestion(cafe, p, other)) + Number(seenQuestion(cafe, q, table));
        if (after <= before && isTraveller(cafe, q)) return [p, q];
      }
    }
  }
  return null;
}
