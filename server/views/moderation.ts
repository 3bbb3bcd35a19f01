import type { Note, SessionState } from '../../shared/domain/state.ts';
import { placeShown } from '../../shared/moderation/places.ts';
import type { ModerationSettingsView, NoteView, StaffNoteView } from '../../shared/protocol/views.ts';
import { noteView } from './common.ts';
import { rankOf, sortByCell, staffOrder } from './order.ts';

/**
 * What facilitators see of notes for moderation: every note, hidden and held ones marked, with how
 * many flagged it and what the word list found; never its author, who flagged it, or whether its
 * author is muted. A note whose author was muted after writing it (`withheld`) looks exactly as it
 * did: which notes went would trace where that one person sat.
 */
export function staffNoteView(state: SessionState, note: Note): StaffNoteView {
  const view: StaffNoteView = { id: note.id, tableId: note.tableId, round: note.round, text: note.text, kind: note.kind, edited: note.edited, rank: rankOf(state, note) };
  if (note.hidden) view.hidden = true;
  if (note.held) {
    view.held = true;
    if (!placeShown(state, note)) Object.assign(view, { tableId: '', round: 0, placeWithheld: true });
  }
  const flags = state.moderation.flags.get(note.id)?.size ?? 0;
  if (flags > 0) view.flags = flags;
  if (note.suspect) view.suspect = true;
  return view;
}

/** Every note that still exists, for the facilitators' snapshot, in staff order. */
export function staffNotes(state: SessionState): StaffNoteView[] {
  const views: StaffNoteView[] = [];
  for (const note of state.notes.values()) if (!note.deleted) views.push(staffNoteView(state, note));
  // Sorted by what the view shows: a held note without its place goes first, by rank alone, so
  // where it sits in the list does not give its table away either.
  return sortByCell(state, views, (v) => v.tableId, (v) => v.round, (v) => v.rank);
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
