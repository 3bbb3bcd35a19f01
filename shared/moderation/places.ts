import type { Note, ParticipantId, SessionState, TableId } from '../domain/state.ts';
import { cellKey } from '../domain/state.ts';
import { Limits } from '../protocol/limits.ts';

/**
 * Which (table, round) cells staff may learn to be one muted author's.
 *
 * Staff see seats, so they can know who sat at each table in each round. Once they know two cells
 * of one author, only the people who sat at both remain: with tables of five and a few rounds that
 * is usually one person. So staff are never shown a held note's place (not even whether it could
 * be shown: a "place withheld" mark on some held notes and not others is itself a clue), and a cell
 * becomes known to them only by an act whose cells, with every cell they already know of that
 * author, still fit at least k people (the readout's k, three by default): the note they muted
 * someone from, the notes that mute took off the tables, the held notes they release.
 *
 * Only people seated at a table when its round began count: a facilitator can walk logins of their
 * own through every table in the middle of a round, and those puppets must not make up the number.
 */

export const K = Limits.defaultMinGroupSize;

/** Who sat at this cell (`round:tableId`) from the start of its round. */
function seatedFromStart(state: SessionState, cell: string): Set<ParticipantId> {
  const colon = cell.indexOf(':');
  const round = Number(cell.slice(0, colon));
  const tableId: TableId = cell.slice(colon + 1);
  const here = new Set<ParticipantId>();
  for (const [pid, tables] of state.sittings.get(round) ?? []) if (tables[0] === tableId) here.add(pid);
  return here;
}

/** How many people sat at every one of these cells from their rounds' start; counting stops once below `atLeast`. */
export function candidates(state: SessionState, cells: Iterable<string>, atLeast: number = K): number {
  let people: Set<ParticipantId> | undefined;
  for (const cell of new Set(cells)) {
    const here = seatedFromStart(state, cell);
    const next = new Set<ParticipantId>();
    for (const pid of people ?? here) if (here.has(pid)) next.add(pid);
    people = next;
    if (people.size < atLeast) break;
  }
  return people?.size ?? 0;
}

/** The cells staff were shown to be this muted author's. */
export function knownCells(state: SessionState, author: ParticipantId): Set<string> {
  return new Set(state.moderation.known.get(author) ?? []);
}

/** Whether staff may also learn these cells of this author: all they would then know still fits k people. */
export function mayReveal(state: SessionState, author: ParticipantId, cells: Iterable<string>): boolean {
  return candidates(state, [...knownCells(state, author), ...cells]) >= K;
}

/** Whether staff see this note's table and round: always, except for a held note, whose place is never shown. */
export function placeShown(note: Note): boolean {
  return !note.held;
}

export const cellOf = (note: Note): string => cellKey(note.tableId, note.round);
