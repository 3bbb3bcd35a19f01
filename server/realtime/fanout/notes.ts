import { onTable, type Note } from '../../../shared/domain/state.ts';
import { noteView, ownNoteView } from '../../views/common.ts';
import { staffNoteView } from '../../views/moderation.ts';
import { rooms } from '../rooms.ts';
import type { Batch, FactHandlers } from './batch.ts';

/**
 * Notes go to their table's room, the author's own connections (marked `mine`), the facilitators
 * (with what moderation needs) and the rapporteurs, nobody else: a note costs the same in a café of
 * 20 or 2,000. A held note reaches its author and the facilitators only.
 */
export const noteFacts: FactHandlers<'note:added' | 'note:edited' | 'note:deleted' | 'note:hidden' | 'summary:written'> = {
  'note:added'(batch, e) {
    sendNote(batch, batch.state.notes.get(e.noteId)!);
  },
  'note:edited'(batch, e) {
    sendNote(batch, batch.state.notes.get(e.noteId)!);
    batch.harvest ||= quoted(batch, e.noteId);
  },
  'note:deleted'(batch, e) {
    const note = batch.state.notes.get(e.noteId)!;
    if (note.held) {
      // A held note was only ever with its author and the facilitators, who may not know its table.
      batch.io.to(rooms.participant(note.authorId)).emit('note:removed', refOf(note));
      const { id, tableId } = staffNoteView(batch.state, note);
      batch.io.to(rooms.facilitators(batch.sid)).emit('note:removed', { id, tableId });
    } else batch.io.to([rooms.table(batch.sid, note.tableId), ...batch.staff, rooms.participant(note.authorId)]).emit('note:removed', refOf(note));
    batch.harvest ||= quoted(batch, e.noteId);
  },
  'note:hidden'(batch, e) {
    const note = batch.state.notes.get(e.noteId)!;
    if (e.hidden) {
      // Gone from the table as if deleted; staff see it marked.
      batch.io.to([rooms.table(batch.sid, note.tableId), rooms.participant(note.authorId)]).emit('note:removed', refOf(note));
      toStaff(batch, note, 'note:edited');
    } else sendNote(batch, note);
    batch.harvest ||= quoted(batch, e.noteId);
  },
  'summary:written'(batch, e) {
    const summary = { tableId: e.tableId, round: e.round, text: e.text };
    batch.io.to([rooms.table(batch.sid, e.tableId), ...batch.staff]).emit('summary:written', summary);
    batch.harvest = true;
  },
};

/** Whether a note is quoted in a theme, so changing it changes what the attribution check reads. */
function quoted(batch: Batch, noteId: string): boolean {
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
