import { onTable, type Note } from '../../../shared/domain/state.ts';
import { noteView, ownNoteView } from '../../views/common.ts';
import { K } from '../../../shared/moderation/places.ts';
import { cellNotes, rapporteurNoteView, staffNoteView, writersAt } from '../../views/moderation.ts';
import { staffOrder } from '../../views/order.ts';
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
 * Cells whose writers crossed k in this batch, however many facts took them there: facilitators
 * and rapporteurs get their other notes again, with their round now shown, or withheld again. In
 * the keyed order staff lists use (server/views/order.ts), not the order they were written.
 */
export function writersCrossed(batch: Batch): void {
  const facilitators = batch.present(rooms.facilitators(batch.sid));
  const rapporteurs = batch.present(rooms.rapporteurs(batch.sid));
  if (!facilitators && !rapporteurs) return;
  for (const cell of batch.cellsBefore.values()) {
    const now = writersAt(batch.state, cell) >= K;
    if (cell.shown.every((writers) => writers >= K === now)) continue;
    // Skipped: notes this batch has sent each as they now stand. What was sent counts, not what the
    // facts name (a mute names the note it started from, and sends staff nothing of it).
    for (const n of staffOrder(batch.state, cellNotes(batch.state, cell))) {
      if (facilitators && !batch.staffTold?.has(n.id)) toFacilitators(batch, n, 'note:edited');
      if (rapporteurs && !batch.rapporteursTold?.has(n.id)) toRapporteurs(batch, n, 'note:edited');
    }
  }
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
  if (!note.held && batch.present(rooms.rapporteurs(batch.sid))) toRapporteurs(batch, note, event);
}

/** What the tables saw of a note, to rapporteurs, with its round only where k people wrote there. */
function toRapporteurs(batch: Batch, note: Note, event: 'note:added' | 'note:edited'): void {
  batch.io.to(rooms.rapporteurs(batch.sid)).emit(event, rapporteurNoteView(batch.state, note));
  (batch.rapporteursTold ??= new Set()).add(note.id);
}

export function toFacilitators(batch: Batch, note: Note, event: 'note:added' | 'note:edited'): void {
  const facilitators = rooms.facilitators(batch.sid);
  if (!batch.present(facilitators)) return;
  batch.io.to(facilitators).emit(event, staffNoteView(batch.state, note));
  (batch.staffTold ??= new Set()).add(note.id);
}

/** The muted person alone hears of their mute, privately, whichever fact carried it. */
export function told(batch: Batch, participantId: string, at: number): void {
  batch.io.to(rooms.participant(participantId)).emit('moderation:muted', { at });
}
