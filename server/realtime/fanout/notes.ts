import type { Note } from '../../../shared/domain/state.ts';
import { noteView, ownNoteView } from '../../views/common.ts';
import { rooms } from '../rooms.ts';
import type { Batch, FactHandlers } from './batch.ts';

/**
 * Notes go to their table's room, the author's own connections (marked `mine`) and the staff,
 * nobody else: a note costs the same in a café of 20 or 2,000.
 */
export const noteFacts: FactHandlers<'note:added' | 'note:edited' | 'note:deleted' | 'note:hidden' | 'summary:written'> = {
  'note:added'(batch, e) {
    sendNote(batch, batch.state.notes.get(e.noteId)!, 'upsert');
  },
  'note:edited'(batch, e) {
    sendNote(batch, batch.state.notes.get(e.noteId)!, 'upsert');
    batch.findings ||= placed(batch, e.noteId);
    // Edited after a rapporteur placed it: marked "changed since sorted" on their board.
    batch.changedNotes ||= batch.state.harvest.changed?.has(e.noteId) ?? false;
  },
  'note:deleted'(batch, e) {
    sendNote(batch, batch.state.notes.get(e.noteId)!, 'remove');
    batch.findings ||= placed(batch, e.noteId);
  },
  'note:hidden'(batch, e) {
    sendNote(batch, batch.state.notes.get(e.noteId)!, e.hidden ? 'hide' : 'upsert');
    batch.findings ||= placed(batch, e.noteId);
  },
  'summary:written'(batch, e) {
    // Host summaries are the tables' working notes: not published, not checked.
    const summary = { tableId: e.tableId, round: e.round, text: e.text };
    batch.io.to([rooms.table(batch.sid, e.tableId), ...batch.staff]).emit('summary:written', summary);
  },
};

/** Whether a note is in a theme, so changing it may change what the readout publishes (a quote, a merged theme's name). */
function placed(batch: Batch, noteId: string): boolean {
  for (const theme of batch.state.harvest.themes.values()) if (theme.noteIds.includes(noteId)) return true;
  return false;
}

function sendNote(batch: Batch, note: Note, change: 'upsert' | 'remove' | 'hide') {
  const author = rooms.participant(note.authorId);
  const table = rooms.table(batch.sid, note.tableId);
  if (change === 'upsert') {
    const event = note.edited || note.hidden ? 'note:edited' : 'note:added';
    // Peers and staff get the same anonymous view: one broadcast, encoded once.
    batch.io.to([table, ...batch.staff]).except(author).emit(event, noteView(note));
    batch.io.to(author).emit(event, ownNoteView(note));
    return;
  }
  const ref = { id: note.id, tableId: note.tableId };
  batch.io.to([table, author]).emit('note:removed', ref);
  if (change === 'hide') batch.io.to(batch.staff).emit('note:edited', noteView(note));
  else batch.io.to(batch.staff).emit('note:removed', ref);
}
