import type { NoteKind } from '../../shared/domain/enums.ts';
import type { StaffNoteView, TableRow } from '../../shared/protocol/views.ts';

/**
 * The moderation view's list, derived from the console's store: every note, filtered and searched,
 * newest round first. Within a round, tables keep the session's order and each (table, round) keeps
 * the server's keyed order (`rank`), never writing order: "newest first" goes no finer than the
 * round, because the order notes were written in could point at who wrote them.
 */

export interface ModerationQuery {
  text: string;
  /** A table id, or '' for all. */
  table: string;
  /** A round, or 0 for all. */
  round: number;
  /** A kind, 'none' for notes without one, or '' for all. */
  kind: NoteKind | 'none' | '';
  flagged: boolean;
  hidden: boolean;
  held: boolean;
}

export const emptyQuery: ModerationQuery = { text: '', table: '', round: 0, kind: '', flagged: false, hidden: false, held: false };

/** Case and accents folded, so "cafe" finds "Café" and "ETRE" finds "être". */
export const fold = (s: string): string => s.normalize('NFKD').replace(/\p{M}/gu, '').toLocaleLowerCase();

// A café's notes are searched on every keystroke: each text is folded once, kept with its view.
const folded = new WeakMap<StaffNoteView, string>();
function foldedText(note: StaffNoteView): string {
  let text = folded.get(note);
  if (text === undefined) folded.set(note, (text = fold(note.text)));
  return text;
}

export function matches(note: StaffNoteView, q: ModerationQuery, words: readonly string[]): boolean {
  if (q.table && note.tableId !== q.table) return false;
  if (q.round && note.round !== q.round) return false;
  if (q.kind && (q.kind === 'none' ? note.kind !== null : note.kind !== q.kind)) return false;
  if (q.flagged && !note.flags && !note.suspect) return false;
  if (q.hidden && !note.hidden) return false;
  if (q.held && !note.held) return false;
  if (words.length) {
    const text = foldedText(note);
    for (const w of words) if (!text.includes(w)) return false;
  }
  return true;
}

/** Matching notes in the view's order: held notes shown without their place first, then newest round first. */
export function moderationList(notes: readonly StaffNoteView[], tables: readonly TableRow[], q: ModerationQuery): StaffNoteView[] {
  const words = fold(q.text).split(/\s+/).filter(Boolean);
  const order = new Map(tables.map((t, i) => [t.id, i]));
  const out = notes.filter((n) => matches(n, q, words));
  const place = (n: StaffNoteView) => (n.placeWithheld ? 0 : 1);
  return out.sort(
    (a, b) =>
      place(a) - place(b) ||
      b.round - a.round ||
      (order.get(a.tableId) ?? -1) - (order.get(b.tableId) ?? -1) ||
      (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : 0),
  );
}

/** The rounds that have notes, newest first, for the round filter. */
export function roundsWithNotes(notes: readonly StaffNoteView[]): number[] {
  const rounds = new Set<number>();
  for (const n of notes) if (n.round > 0) rounds.add(n.round);
  return [...rounds].sort((a, b) => b - a);
}
