import { hash } from 'node:crypto';
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
    // SHA-256 of the secret then the id: a keyed hash nobody without the secret can steer, and a
    // tenth of the cost of an HMAC object per note (a plenary's snapshot ranks 24,000 notes).
    rank = hash('sha256', `${state.moderation.orderKey}\u0000${note.id}`, 'base64url').slice(0, 12);
    ranks.set(note, rank);
  }
  return rank;
}

/** By table (in the session's order), then round, then rank: the order of every staff list. */
export function staffOrder(state: SessionState, notes: Note[]): Note[] {
  return sortByCell(
    state,
    notes,
    (n) => n.tableId,
    (n) => n.round,
    (n) => rankOf(state, n),
  );
}

/** Sorts by (table index, round, rank), each key read once per item rather than once per comparison. */
export function sortByCell<T>(state: SessionState, items: T[], table: (x: T) => string, round: (x: T) => number, rank: (x: T) => string): T[] {
  const tableIndex = new Map(state.tables.map((t, i) => [t.id, i]));
  const keyed = items.map((item) => ({ item, key: (tableIndex.get(table(item)) ?? -1) * 1000 + round(item), rank: rank(item) }));
  keyed.sort((a, b) => a.key - b.key || (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : 0));
  return keyed.map((k) => k.item);
}

/** One table's notes by round, then rank: the history a newcomer to the table receives. */
export function historyOrder(state: SessionState, notes: Note[]): Note[] {
  return staffOrder(state, notes);
}
