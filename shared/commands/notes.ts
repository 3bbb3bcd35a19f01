import { z } from 'zod';
import { NoteKind, Phase, values } from '../domain/enums.ts';
import type { ParticipantId, SessionState, TableId } from '../domain/state.ts';
import { lastStartedRound } from '../domain/state.ts';
import { ErrorCode, refuse } from '../protocol/errors.ts';
import { ids } from '../protocol/ids.ts';
import { Limits } from '../protocol/limits.ts';
import { requiredText, roundNumber, text } from '../protocol/schemas.ts';
import { inPublishedReadout } from '../harvest/sources.ts';
import { tableOr } from './lookups.ts';
import { accept, alreadyDone, isRefusal, write, type Checked } from './spec.ts';

/**
 * Notes and summaries: what participants write at their table, and the host's summary of a round.
 * Notes carry a client-made id, so a resend after a dropped connection creates nothing twice.
 */

const WRITING = [Phase.round, Phase.moving, Phase.harvest] as const;
const kind = z.enum(values(NoteKind)).nullish();
/** Publishing freezes the notes it counts: the readout and what its author sees must agree. */
const FROZEN = 'This note is in the published readout; it can no longer be changed.';
const me = (actor: Checked) => (actor as Extract<Checked, { role: 'participant' }>).participant;

export const noteCommands = {
  'note:add': write({
    schema: z.strictObject({ id: ids.client, tableId: ids.table, round: roundNumber, text: requiredText(Limits.noteChars), kind }),
    roles: ['participant'],
    phases: WRITING,
    wrongPhase: 'Notes open with round 1.',
    pace: 'notes',
    audience: ['table', 'self', 'facilitators', 'rapporteurs'],
    decide(state, c, actor, ctx) {
      const p = me(actor);
      const existing = state.notes.get(c.id);
      // A resend of an acknowledged note: acknowledge again, create nothing.
      if (existing) return existing.authorId === p.id ? alreadyDone({ noteId: c.id }) : refuse(ErrorCode.conflict, 'That note id is taken.');
      const table = tableOr(state, c.tableId);
      if (isRefusal(table)) return table;
      if (!satAt(state, p.id, c.tableId, c.round)) return refuse(ErrorCode.forbidden, 'You can only add notes at a table you sat at in that round.');
      return accept(
        [{ type: 'note:added', at: ctx.now, noteId: c.id, tableId: c.tableId, round: c.round, authorId: p.id, text: c.text, kind: c.kind ?? null }],
        { noteId: c.id },
      );
    },
  }),

  'note:edit': write({
    schema: z.strictObject({ id: ids.client, text: requiredText(Limits.noteChars), kind }),
    roles: ['participant'],
    phases: WRITING,
    audience: ['table', 'self', 'facilitators', 'rapporteurs'],
    decide(state, c, actor, ctx) {
      const note = ownNote(state, c.id, me(actor).id);
      if (isRefusal(note)) return note;
      if (note.deleted) return refuse(ErrorCode.conflict, 'That note was deleted.');
      if (note.hidden) return refuse(ErrorCode.forbidden, 'The facilitator has hidden that note.');
      if (inPublishedReadout(state, note.id)) return refuse(ErrorCode.conflict, FROZEN);
      const next = c.kind === undefined ? note.kind : c.kind;
      if (note.text === c.text && note.kind === next) return alreadyDone({ noteId: note.id });
      return accept([{ type: 'note:edited', at: ctx.now, noteId: note.id, text: c.text, kind: next }], { noteId: note.id });
    },
  }),

  'note:delete': write({
    schema: z.strictObject({ id: ids.client }),
    roles: ['participant'],
    phases: WRITING,
    audience: ['table', 'self', 'facilitators', 'rapporteurs'],
    decide(state, c, actor, ctx) {
      const note = ownNote(state, c.id, me(actor).id);
      if (isRefusal(note)) return note;
      if (note.deleted) return alreadyDone({ noteId: note.id });
      if (inPublishedReadout(state, note.id)) return refuse(ErrorCode.conflict, FROZEN);
      return accept([{ type: 'note:deleted', at: ctx.now, noteId: note.id }], { noteId: note.id });
    },
  }),

  'summary:write': write({
    schema: z.strictObject({ tableId: ids.table, round: roundNumber, text: text(Limits.summaryChars) }),
    roles: ['participant'],
    phases: WRITING,
    wrongPhase: 'That round has not started yet.',
    audience: ['table', 'facilitators', 'rapporteurs'],
    decide(state, c, actor, ctx) {
      const table = tableOr(state, c.tableId);
      if (isRefusal(table)) return table;
      const host = me(actor).id;
      if (table.hostId !== host) return refuse(ErrorCode.forbidden, 'Only the table host writes the summary.');
      if (c.round > lastStartedRound(state)) return refuse(ErrorCode.wrongPhase, 'That round has not started yet.');
      // A round's summary is its writer's: a later host writes their own round's, not over it.
      const writer = state.summaryAuthors.get(c.tableId)?.get(c.round);
      if (writer !== undefined && writer !== host) return refuse(ErrorCode.forbidden, 'The host of that round wrote its summary; only they can change it.');
      if ((state.summaries.get(c.tableId)?.get(c.round) ?? '') === c.text) return alreadyDone();
      return accept([{ type: 'summary:written', at: ctx.now, tableId: c.tableId, round: c.round, text: c.text, by: host }]);
    },
  }),
};

/** Whether the participant sat at that table during that round (or sits there now, in it). */
function satAt(state: SessionState, participantId: ParticipantId, tableId: TableId, round: number): boolean {
  if (state.phase === 'round' && state.round === round && state.seats.get(participantId) === tableId) return true;
  return state.sittings.get(round)?.get(participantId)?.includes(tableId) ?? false;
}

function ownNote(state: SessionState, noteId: string, participantId: ParticipantId) {
  const note = state.notes.get(noteId);
  if (!note) return refuse(ErrorCode.notFound, 'No such note.');
  if (note.authorId !== participantId) return refuse(ErrorCode.forbidden, 'You can only change your own notes.');
  return note;
}
