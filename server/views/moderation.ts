import type { Note, ParticipantId, SessionState } from '../../shared/domain/state.ts';
import { K, placeShown } from '../../shared/moderation/places.ts';
import type { ModerationSettingsView, NoteView, StaffNoteView } from '../../shared/protocol/views.ts';
import { noteView } from './common.ts';
import { rankOf, sortByCell, staffOrder } from './order.ts';

/**
 * What facilitators see of notes for moderation: every note, hidden and held ones marked, with how
 * many flagged it and what the word list found; never its author, who flagged it, or whether its
 * author is muted. A held note never comes with its table and round (shared/moderation/places.ts),
 * and every held note is marked so alike. Staff see notes on or off the tables exactly as the tables
 * do: a difference between the two would tell a facilitator with a participant login a cell.
 */
export function staffNoteView(state: SessionState, note: Note): StaffNoteView {
  const view: StaffNoteView = {
    id: note.id,
    tableId: note.tableId,
    round: note.round,
    text: note.text,
    kind: note.kind,
    edited: note.edited,
    rank: rankOf(state, note),
  };
  // A (table, round) with fewer than k writers comes without its round: staff see who sat where.
  if (!note.held && writersAt(state, note) < K) view.round = 0;
  if (note.hidden) view.hidden = true;
  if (note.held) {
    view.held = true;
    if (!placeShown(note)) Object.assign(view, { tableId: '', round: 0, placeWithheld: true });
  }
  const flags = state.moderation.flags.get(note.id)?.size ?? 0;
  if (flags > 0) view.flags = flags;
  if (note.suspect) view.suspect = true;
  return view;
}

/**
 * How many people wrote the notes staff see at this note's table and round: deleted and held notes
 * do not count (staff never see a held note's place, so it must not change what others show).
 */
export function writersAt(state: SessionState, note: Pick<Note, 'tableId' | 'round'>): number {
  return cellAt(state, note).writers;
}

/** What staff see of a note's (table, round): how many people wrote there, and how many notes each. */
export interface Cell {
  writers: number;
  /** How many of this author's notes there staff see (neither deleted nor held). */
  notesBy(authorId: ParticipantId): number;
}

/** Read from the count `apply` keeps, in constant time, however many notes the table has. */
export function cellAt(state: SessionState, note: Pick<Note, 'tableId' | 'round'>): Cell {
  const authors = state.cellWriters.get(note.tableId)?.get(note.round);
  return { writers: authors?.size ?? 0, notesBy: (authorId) => authors?.get(authorId) ?? 0 };
}

/** The notes staff see at a (table, round): deleted and held ones left out. */
export function notesAt(state: SessionState, note: Pick<Note, 'tableId' | 'round'>): Note[] {
  const notes: Note[] = [];
  for (const id of state.tableNotes.get(note.tableId) ?? []) {
    const n = state.notes.get(id);
    if (n && n.round === note.round && !n.deleted && !n.held) notes.push(n);
  }
  return notes;
}

/** Every note that still exists, for the facilitators' snapshot, in staff order. */
export function staffNotes(state: SessionState): StaffNoteView[] {
  const views: StaffNoteView[] = [];
  for (const note of state.notes.values()) if (!note.deleted) views.push(staffNoteView(state, note));
  // Sorted by what the view shows: a held note without its place goes first, by rank alone, so
  // where it sits in the list does not give its table away either.
  return sortByCell(
    state,
    views,
    (v) => v.tableId,
    (v) => v.round,
    (v) => v.rank,
  );
}

/** Rapporteurs sort and quote what the tables saw: hidden notes marked, held ones not at all. */
export function rapporteurNotes(state: SessionState): NoteView[] {
  const notes: Note[] = [];
  for (const note of state.notes.values()) if (!note.deleted && !note.held) notes.push(note);
  return staffOrder(state, notes).map(noteView);
}

export function moderationSettings(state: SessionState): ModerationSettingsView {
  return { wordList: state.moderation.wordList };
}
