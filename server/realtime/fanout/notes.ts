import { onTable, type Note } from '../../../shared/domain/state.ts';
import { noteView, ownNoteView } from '../../views/common.ts';
import { K } from '../../../shared/moderation/places.ts';
import { cellAt, notesAt, staffNoteView } from '../../views/moderation.ts';
import { rooms } from '../rooms.ts';
import type { Batch, FactHandlers } from './batch.ts';

/**
 * Notes go to their table's room, the author's own connections (marked `mine`), the facilitators
 * (with what moderation needs) and the rapporteurs, nobody else: a note costs the same in a café of
 * 20 or 2,000. A held note reaches its author and the facilitators only.
 */
export const noteFacts: FactHandlers<'note:added' | 'note:edited' | 'note:deleted' | 'note:hidden' | 'summary:written'> = {
  'note:added'(batch, e) {
    const note = batch.state.notes.get(e.noteId)!;
    // The event as the note stands now (a replay of this fact to a reconnecting phone may find it edited since).
    sendNote(batch, note);
    writersChanged(batch, note);
  },
  'note:edited'(batch, e) {
    sendNote(batch, batch.state.notes.get(e.noteId)!);
    batch.findings ||= placed(batch, e.noteId);
    // Edited after a rapporteur placed it: marked "changed since sorted" on their board.
    batch.changedNotes ||= batch.state.harvest.changed?.has(e.noteId) ?? false;
  },
  'note:deleted'(batch, e) {
    const note = batch.state.notes.get(e.noteId)!;
    if (note.held) {
      // A held note was only ever with its author and the facilitators, who may not know its table.
      batch.io.to(rooms.participant(note.authorId)).emit('note:removed', refOf(note));
      const { id, tableId } = staffNoteView(batch.state, note);
      batch.io.to(rooms.facilitators(batch.sid)).emit('note:removed', { id, tableId });
    } else {
      batch.io.to([rooms.table(batch.sid, note.tableId), ...batch.staff, rooms.participant(note.authorId)]).emit('note:removed', refOf(note));
      writersChanged(batch, note);
    }
    batch.findings ||= placed(batch, e.noteId);
  },
  'note:hidden'(batch, e) {
    if (e.mute) told(batch, e.mute.participantId, e.at);
    const note = batch.state.notes.get(e.noteId)!;
    if (e.hidden) {
      // Gone from the table as if deleted; staff see it marked. A table hears of it only if it had
      // it: a removal of a note it never received (a held one) would say a muted person sits there.
      const wasOnTable = !note.held && !note.withheld && !note.deleted;
      batch.io
        .to(wasOnTable ? [rooms.table(batch.sid, note.tableId), rooms.participant(note.authorId)] : rooms.participant(note.authorId))
        .emit('note:removed', refOf(note));
      toStaff(batch, note, 'note:edited');
    } else sendNote(batch, note);
    batch.findings ||= placed(batch, e.noteId);
  },
  'summary:written'(batch, e) {
    // Host summaries are the tables' working notes: not published, not checked.
    const summary = { tableId: e.tableId, round: e.round, text: e.text };
    // A muted host's summary goes back to them alone, as their held notes do.
    if (e.held && e.by) {
      batch.io.to(rooms.participant(e.by)).emit('summary:written', summary);
      return;
    }
    batch.io.to([rooms.table(batch.sid, e.tableId), ...batch.staff]).emit('summary:written', summary);
  },
};

/**
 * When a note's author came into or left its (table, round) and the number of writers there crossed
 * k, facilitators get that cell's other notes again: with their round now, or without it.
 */
export function writersChanged(batch: Batch, note: Note): void {
  if (note.held || !batch.present(rooms.facilitators(batch.sid))) return;
  const cell = cellAt(batch.state, note);
  const own = cell.notesBy(note.authorId);
  const crossed = note.deleted ? own === 0 && cell.writers === K - 1 : own === 1 && cell.writers === K;
  if (!crossed) return;
  for (const n of notesAt(batch.state, note)) if (n.id !== note.id) toFacilitators(batch, n, 'note:edited');
}

/** Whether a note is in a theme, so changing it may change what the readout publishes (a quote, a merged theme's name). */
function placed(batch: Batch, noteId: string): boolean {
  for (const theme of batch.state.harvest.themes.values()) if (theme.noteIds.includes(noteId)) return true;
  return false;
}

export const refOf = (note: Note) => ({ id: note.id, tableId: note.tableId });

/** A note as it now stands, to each audience that may see it in that state. */
export function sendNote(batch: Batch, note: Note, event: 'note:added' | 'note:edited' = note.edited || note.hidden ? 'note:edited' : 'note:added'): void {
  const author = rooms.participant(note.authorId);
  if (onTable(note)) batch.io.to(rooms.table(batch.sid, note.tableId)).except(author).emit(event, noteView(note));
  // Its author sees it unless staff took it off the table (hidden, or withheld when they were muted).
  if (!note.hidden && !note.withheld) batch.io.to(author).emit(event, ownNoteView(note));
  toStaff(batch, note, event);
}

/** Facilitators get the moderation view; rapporteurs what the tables see, hidden notes marked, never held ones. */
export function toStaff(batch: Batch, note: Note, event: 'note:added' | 'note:edited'): void {
  toFacilitators(batch, note, event);
  const rapporteurs = rooms.rapporteurs(batch.sid);
  if (!note.held && batch.present(rapporteurs)) batch.io.to(rapporteurs).emit(event, noteView(note));
}

export function toFacilitators(batch: Batch, note: Note, event: 'note:added' | 'note:edited'): void {
  const facilitators = rooms.facilitators(batch.sid);
  if (batch.present(facilitators)) batch.io.to(facilitators).emit(event, staffNoteView(batch.state, note));
}

/** The muted person alone hears of their mute, privately, whichever fact carried it. */
export function told(batch: Batch, participantId: string, at: number): void {
  batch.io.to(rooms.participant(participantId)).emit('moderation:muted', { at });
}
