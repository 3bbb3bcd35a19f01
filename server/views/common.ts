import { onTable, type Note, type SessionState, type Table } from '../../shared/domain/state.ts';
import type { NoteView, PhaseView, SessionHeader, SummaryView, TableRow, TimerView } from '../../shared/protocol/views.ts';

export function timerView(state: SessionState): TimerView {
  return { ...state.timer };
}

export function phaseView(state: SessionState): PhaseView {
  return { phase: state.phase, round: state.round, timer: timerView(state) };
}

export function sessionHeader(state: SessionState): SessionHeader {
  return {
    id: state.id,
    title: state.config.title,
    description: state.config.description,
    code: state.code,
    rounds: state.config.rounds,
    autoAdvance: state.config.autoAdvance,
    ...phaseView(state),
  };
}

/** A note as anyone but its author sees it: no author, no time, no sequence. */
export function noteView(note: Note): NoteView {
  const view: NoteView = { id: note.id, tableId: note.tableId, round: note.round, text: note.text, kind: note.kind, edited: note.edited };
  if (note.hidden) view.hidden = true;
  return view;
}

export function ownNoteView(note: Note): NoteView {
  const view: NoteView = { ...noteView(note), mine: true };
  if (note.held) view.held = true;
  return view;
}

/**
 * Notes at a table in writing order, for the views to put in their own order (server/views/order.ts):
 * what its participants see (`onTable`), or with hidden ones too for staff. Never held ones.
 */
export function notesAt(state: SessionState, tableId: string, includeHidden = false): Note[] {
  const notes: Note[] = [];
  for (const id of state.tableNotes.get(tableId) ?? []) {
    const note = state.notes.get(id);
    if (note && (includeHidden ? !note.deleted && !note.held : onTable(note))) notes.push(note);
  }
  return notes;
}

export function summariesAt(state: SessionState, tableId: string): SummaryView[] {
  return [...(state.summaries.get(tableId) ?? [])].filter(([, text]) => text).map(([round, text]) => ({ tableId, round, text }));
}

export function tableRow(table: Table): TableRow {
  return {
    id: table.id,
    name: table.name,
    question: table.question,
    mode: table.mode,
    capacity: table.capacity,
    videoUrl: table.videoUrl,
    hostId: table.hostId,
  };
}

export function memberCounts(state: SessionState): Map<string, number> {
  const counts = new Map<string, number>(state.tables.map((t) => [t.id, 0]));
  for (const tid of state.seats.values()) counts.set(tid, (counts.get(tid) ?? 0) + 1);
  return counts;
}
