import { createHmac } from 'node:crypto';
import type { Note, SessionState } from '../../shared/domain/state.ts';

/**
 * The order notes are listed in wherever writing order could point at someone: staff lists and a
 * table's history. Writing order lets anyone who watched the room (who sat down when, who was
 * typing) match notes to people; so notes are grouped by table and round, and ordered within each
 * by a hash of their id keyed with the session's secret, which no client ever receives. Ids are
 * made by the writer's device, so without the key a writer could choose where their notes land.
 * Participants still see notes at their own table arrive live, as they are written.
 */

// A note's id and the session's key never change, so neither does its rank: kept with the note object.
const ranks = new WeakMap<Note, string>();

export function rankOf(state: SessionState, note: Note): string {
  let rank = ranks.get(note);
  if (rank === undefined) {
    rank = createHmac('sha256', state.moderation.orderKey).update(note.id).digest('base64url').slice(0, 12);
    ranks.set(note, rank);
  }
  return rank;
}

/** By table (in the session's order), then round, then rank: the order of every staff list. */
export function staffOrder(state: SessionState, notes: Note[]): Note[] {
  const tableIndex = new Map(state.tables.map((t, i) => [t.id, i]));
  const keyed = notes.map((note) => ({ note, table: tableIndex.get(note.tableId) ?? -1, rank: rankOf(state, note) }));
  keyed.sort((a, b) => a.table - b.table || a.note.round - b.note.round || (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : 0));
  return keyed.map((k) => k.note);
}

/** One table's notes by round, then rank: the history a newcomer to the table receives. */
export function historyOrder(state: SessionState, notes: Note[]): Note[] {
  return staffOrder(state, notes);
}
