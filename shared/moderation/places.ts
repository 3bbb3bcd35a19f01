import type { Note, ParticipantId, SessionState, TableId } from '../domain/state.ts';
import { cellKey } from '../domain/state.ts';
import { Limits } from '../protocol/limits.ts';

/**
 * Where a muted author's held notes were written, and whether staff may be shown it.
 *
 * Staff see seats, so they can know who sat at each table in each round. Once they know two
 * (table, round) cells of one author, only the people who sat at both remain: with tables of five
 * and a few rounds that is usually one person. Staff know the cell of the note they muted someone
 * from; every held note they see at another cell, or release to its table, adds one. So a held
 * note shows its place, and can be released, only while everyone who sat at all of those cells
 * still numbers at least k (the readout's k, three by default).
 */

export const K = Limits.defaultMinGroupSize;

/** How many people sat at every one of these cells (`round:tableId`), the author among them; counting stops once below `atLeast`. */
export function candidates(state: SessionState, cells: Iterable<string>, atLeast: number = K): number {
  let people: Set<ParticipantId> | null = null;
  for (const cell of cells) {
    const colon = cell.indexOf(':');
    const round = Number(cell.slice(0, colon));
    const tableId: TableId = cell.slice(colon + 1);
    const here = new Set<ParticipantId>();
    for (const [pid, tables] of state.sittings.get(round) ?? []) if ((people === null || people.has(pid)) && tables.includes(tableId)) here.add(pid);
    people = here;
    if (people.size < atLeast) break;
  }
  return people?.size ?? 0;
}

/** Whether showing staff this note's table and round keeps its author among at least k people. */
export function placeShown(state: SessionState, note: Note): boolean {
  if (!note.held) return true;
  const known = state.moderation.known.get(note.authorId);
  const cell = cellKey(note.tableId, note.round);
  if (known?.has(cell)) return true;
  return candidates(state, [...(known ?? []), cell]) >= K;
}
