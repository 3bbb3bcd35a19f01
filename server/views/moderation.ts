import type { DomainEvent } from '../../shared/domain/events.ts';
import { cellKey, countNoteBy, countsTowardK, type Note, type ParticipantId, type SessionState, type TableId } from '../../shared/domain/state.ts';
import { K, placeShown } from '../../shared/moderation/places.ts';
import type { ModerationSettingsView, NoteView, StaffNoteView } from '../../shared/protocol/views.ts';
import { noteView } from './common.ts';
import { rankOf, sortByCell } from './order.ts';

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
  if (!note.held) view.round = shownRound(state, note);
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
  // Read from the count `apply` keeps, in constant time, however many notes the table has.
  return state.cellWriters.get(note.tableId)?.get(note.round)?.size ?? 0;
}

/** The notes that count toward k at a (table, round) (shared/domain/state.ts `countsTowardK`). */
export function cellNotes(state: SessionState, cell: Pick<Note, 'tableId' | 'round'>): Note[] {
  return notesAtCell(state, cell, countsTowardK);
}

function notesAtCell(state: SessionState, cell: Pick<Note, 'tableId' | 'round'>, counts: (n: Note) => boolean): Note[] {
  const notes: Note[] = [];
  for (const id of state.tableNotes.get(cell.tableId) ?? []) {
    const n = state.notes.get(id);
    if (n && n.tableId === cell.tableId && n.round === cell.round && counts(n)) notes.push(n);
  }
  return notes;
}

/**
 * A (table, round) a batch of facts touched, and the counts of its writers facilitators may have
 * been shown it at: the count before a live batch; for a replay, every count along the facts missed.
 */
export interface CellBefore {
  tableId: TableId;
  round: number;
  shown: number[];
}

/**
 * The cells whose count of writers these facts change (a note added or deleted that was not held,
 * a note released), keyed by cell. A held note touches none: staff never learn its place, and a
 * re-send of its cell's notes would tell them.
 */
function touchedBy(state: SessionState, events: readonly DomainEvent[]): Map<string, CellBefore> {
  // Runs before every batch is applied, a note at a time at the base rate: no closure and no map
  // beyond the answer unless the batch has more than one fact.
  const cells = new Map<string, CellBefore>();
  // Notes added by these very facts, which the state read before them does not have yet.
  const added = events.length > 1 ? new Map<string, Pick<Note, 'tableId' | 'round' | 'held'>>() : undefined;
  for (const e of events) {
    let cell: Pick<Note, 'tableId' | 'round'> | undefined;
    if (e.type === 'note:added') {
      added?.set(e.noteId, { tableId: e.tableId, round: e.round, held: e.held ?? false });
      if (!e.held) cell = e;
    } else if (e.type === 'note:deleted' || e.type === 'note:released') {
      // A note's `held` changes only by its release, which touches its cell itself.
      const note = state.notes.get(e.noteId) ?? added?.get(e.noteId);
      if (note && (e.type === 'note:released' || !note.held)) cell = note;
    }
    if (cell) cells.set(cellKey(cell.tableId, cell.round), { tableId: cell.tableId, round: cell.round, shown: [] });
  }
  return cells;
}

/**
 * The cells a batch of facts may move across k, each with its writers before the batch: the
 * fan-out re-sends a cell's other notes when it crosses, however many facts took it there (a bulk
 * release, or another process's commands taken in at once). Read before the facts are applied.
 */
export function cellsTouched(state: SessionState, events: readonly DomainEvent[]): Map<string, CellBefore> {
  const cells = touchedBy(state, events);
  for (const cell of cells.values()) cell.shown.push(writersAt(state, cell));
  return cells;
}

/**
 * The same, for facts already applied: what a reconnecting facilitator missed. A client resumes from
 * the version its last message's batch started at, so the facts start with a batch it may have
 * heard whole; what it was shown of a cell is the count before them, or one somewhere along them.
 * So each touched cell's writers are counted before the first of them, from the notes as they now
 * stand (a note counted then if it was not added, released or deleted since, and is not held, or
 * was deleted since), then followed fact by fact. A cell is re-sent when any of those counts falls
 * on the other side of k from the count now: never a cell only a held note touched, and only in the
 * keyed order. Facts are those decisions append (a release is of a held note, a delete of a note
 * not deleted).
 */
export function cellsBeforeFacts(state: SessionState, events: readonly DomainEvent[]): Map<string, CellBefore> {
  const added = new Set<string>();
  const released = new Set<string>();
  const deleted = new Set<string>();
  for (const e of events) {
    if (e.type === 'note:added') added.add(e.noteId);
    if (e.type === 'note:released') released.add(e.noteId);
    if (e.type === 'note:deleted') deleted.add(e.noteId);
  }
  const countedBefore = (n: Note) => !added.has(n.id) && !released.has(n.id) && !n.held && (!n.deleted || deleted.has(n.id));
  const authors = new Map<string, Map<ParticipantId, number>>();
  const cells = touchedBy(state, events);
  for (const [key, cell] of cells) {
    const counts = new Map<ParticipantId, number>();
    for (const n of notesAtCell(state, cell, countedBefore)) countNoteBy(counts, n.authorId, 1);
    authors.set(key, counts);
    cell.shown.push(counts.size);
  }
  const bump = (note: Pick<Note, 'tableId' | 'round' | 'authorId'>, by: 1 | -1) => {
    const key = cellKey(note.tableId, note.round);
    const counts = authors.get(key);
    if (!counts) return;
    countNoteBy(counts, note.authorId, by);
    cells.get(key)!.shown.push(counts.size);
  };
  for (const e of events) {
    if (e.type === 'note:added' && !e.held) bump(e, 1);
    const note = e.type === 'note:released' || e.type === 'note:deleted' ? state.notes.get(e.noteId) : undefined;
    if (note && e.type === 'note:released') bump(note, 1);
    // A note deleted while held is held still: a release refuses a deleted note.
    if (note && e.type === 'note:deleted' && !note.held) bump(note, -1);
  }
  return cells;
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

/**
 * What rapporteurs see of a note: what the tables saw, hidden ones marked, and, as for facilitators,
 * no round where fewer than k people wrote at its table and round. A facilitator, who sees who sat
 * where, can open a rapporteur link of their own: the rule must hold there too.
 */
export function rapporteurNoteView(state: SessionState, note: Note): NoteView {
  return { ...noteView(note), round: shownRound(state, note) };
}

/** A note's round as staff may see it: 0 where fewer than k people wrote at its table and round, since staff see who sat where. */
function shownRound(state: SessionState, note: Note): number {
  return writersAt(state, note) < K ? 0 : note.round;
}

/**
 * Rapporteurs sort and quote what the tables saw: hidden notes marked, held ones not at all. In
 * staff order by what the view shows, so a round not shown is not given away by where its notes sit.
 */
export function rapporteurNotes(state: SessionState): NoteView[] {
  const views: { view: NoteView; rank: string }[] = [];
  for (const note of state.notes.values()) if (!note.deleted && !note.held) views.push({ view: rapporteurNoteView(state, note), rank: rankOf(state, note) });
  return sortByCell(
    state,
    views,
    (v) => v.view.tableId,
    (v) => v.view.round,
    (v) => v.rank,
  ).map((v) => v.view);
}

export function moderationSettings(state: SessionState): ModerationSettingsView {
  return { wordList: state.moderation.wordList };
}
