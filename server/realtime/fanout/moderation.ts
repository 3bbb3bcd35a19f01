import type { Note } from '../../../shared/domain/state.ts';
import { moderationSettings } from '../../views/moderation.ts';
import { rooms } from '../rooms.ts';
import type { FactHandlers } from './batch.ts';
import { refOf, sendNote, told, toFacilitators } from './notes.ts';

/**
 * Moderation facts. Muting is told to the muted person alone: the notes it takes off the tables are
 * hidden as staff could have hidden them, seen so by staff and tables alike, and no roster row,
 * seat or count moves.
 */
export const moderationFacts: FactHandlers<'author:muted' | 'note:released' | 'note:flagged' | 'wordlist:set'> = {
  'author:muted'(batch, e) {
    const { state, sid } = batch;
    const gone = new Map<string, Note[]>();
    for (const note of state.notes.values()) {
      // Only a mute from an older log withheld notes without hiding them; today's mute hides, in
      // the same batch, exactly the notes it takes off the tables, and those were told of already.
      if (note.authorId !== e.participantId || !note.withheld || note.deleted || note.hidden || note.held) continue;
      const list = gone.get(note.tableId);
      if (list) list.push(note);
      else gone.set(note.tableId, [note]);
    }
    const author = rooms.participant(e.participantId);
    for (const [tableId, notes] of gone) for (const note of notes) batch.io.to([rooms.table(sid, tableId), author]).emit('note:removed', refOf(note));
    told(batch, e.participantId, e.at);
  },
  'note:released'(batch, e) {
    // To the tables and rapporteurs it is a new note; facilitators see its mark go.
    sendNote(batch, batch.state.notes.get(e.noteId)!, 'note:added');
  },
  'note:flagged'(batch, e) {
    // The count, to facilitators alone: the table, the author and the rapporteurs hear nothing.
    toFacilitators(batch, batch.state.notes.get(e.noteId)!, 'note:edited');
  },
  'wordlist:set'(batch) {
    batch.io.to(rooms.facilitators(batch.sid)).emit('moderation:changed', moderationSettings(batch.state));
  },
};
