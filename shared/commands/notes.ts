import { z } from 'zod';
import { NoteKind, Phase, values } from '../domain/enums.ts';
import type { ParticipantId, SessionState, TableId } from '../domain/state.ts';
import { lastStartedRound, onTable } from '../domain/state.ts';
import { ErrorCode, refuse } from '../protocol/errors.ts';
import { ids } from '../protocol/ids.ts';
import { Limits } from '../protocol/limits.ts';
import { requiredText, roundNumber, text } from '../protocol/schemas.ts';
import { inPublishedReadout } from '../harvest/sources.ts';
import { tableOr } from './lookups.ts';
import { accept, alreadyDone, isRefusal, write, type Checked, type CommandContext } from './spec.ts';

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
    scope: 'seated',
    audience: ['table', 'self', 'facilitators', 'rapporteurs'],
    decide(state, c, actor, ctx) {
      const p = me(actor);
      const existing = state.notes.get(c.id);
      // A resend of an acknowledged note: acknowledge again, create nothing.
      if (existing) return existing.authorId === p.id ? alreadyDone({ noteId: c.id }) : refuse(ErrorCode.conflict, 'That note id is taken.');
      const table = tableOr(state, c.tableId);
      if (isRefusal(table)) return table;
      if (!satAt(state, p.id, c.tableId, c.round)) return refuse(ErrorCode.forbidden, 'You can only add notes at a table you sat at in that round.');
      // A muted author's note waits for a facilitator; the sender's reply is the same either way.
      const held = state.moderation.muted.has(p.id);
      const suspect = screened(state, c.text, ctx);
      return accept(
        [
          {
            type: 'note:added',
            at: ctx.now,
            noteId: c.id,
            tableId: c.tableId,
            round: c.round,
            authorId: p.id,
            text: c.text,
            kind: c.kind ?? null,
            ...(held ? { held: true as const } : {}),
            ...(suspect ? { suspect: true as const } : {}),
          },
        ],
        { noteId: c.id },
      );
    },
  }),

  'note:edit': write({
    schema: z.strictObject({ id: ids.client, text: requiredText(Limits.noteChars), kind }),
    roles: ['participant'],
    scope: 'author',
    phases: WRITING,
    audience: ['table', 'self', 'facilitators', 'rapporteurs'],
    decide(state, c, actor, ctx) {
      const note = ownNote(state, c.id, me(actor).id);
      if (isRefusal(note)) return note;
      // A muted author's notes from before the mute stay as staff last saw them, all alike: a reply
      // that differed for hidden ones would tell them which table and round staff muted them from.
      if (state.moderation.muted.has(note.authorId) && !note.held)
        return refuse(ErrorCode.forbidden, 'Your notes from before the facilitators’ review can no longer be changed.');
      if (note.deleted) return refuse(ErrorCode.conflict, 'That note was deleted.');
      if (note.hidden) return refuse(ErrorCode.forbidden, 'The facilitator has hidden that note.');
      if (inPublishedReadout(state, note.id)) return refuse(ErrorCode.conflict, FROZEN);
      const next = c.kind === undefined ? note.kind : c.kind;
      if (note.text === c.text && note.kind === next) return alreadyDone({ noteId: note.id });
      const suspect = state.moderation.wordList && ctx.screen ? { suspect: ctx.screen(c.text) } : {};
      return accept([{ type: 'note:edited', at: ctx.now, noteId: note.id, text: c.text, kind: next, ...suspect }], { noteId: note.id });
    },
  }),

  'note:delete': write({
    schema: z.strictObject({ id: ids.client }),
    roles: ['participant'],
    scope: 'author',
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

  /**
   * Flags ("reports") a note at a table the participant sits or sat at, for staff attention. Once
   * per person and note; staff see how many flags a note has, never whose.
   */
  'note:flag': write({
    schema: z.strictObject({ id: ids.client }),
    roles: ['participant'],
    phases: WRITING,
    audience: ['sender', 'facilitators'],
    decide(state, c, actor, ctx) {
      const p = me(actor);
      const note = state.notes.get(c.id);
      if (!note || !onTable(note) || !seenAt(state, p.id, note.tableId)) return refuse(ErrorCode.notFound, 'That note is not at your table.');
      if (note.authorId === p.id) return refuse(ErrorCode.conflict, 'That note is yours: you can edit or delete it instead.');
      if (state.moderation.flags.get(note.id)?.has(p.id)) return alreadyDone({ noteId: note.id });
      return accept([{ type: 'note:flagged', at: ctx.now, noteId: note.id, participantId: p.id }], { noteId: note.id });
    },
  }),

  'summary:write': write({
    schema: z.strictObject({ tableId: ids.table, round: roundNumber, text: text(Limits.summaryChars) }),
    roles: ['participant'],
    scope: 'host',
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
      // A muted host's summary is held like their notes: it stays with them, and the reply is the same.
      const held = state.moderation.muted.has(host);
      const current = held ? state.moderation.heldSummaries.get(c.tableId)?.get(c.round)?.text : state.summaries.get(c.tableId)?.get(c.round);
      if ((current ?? '') === c.text) return alreadyDone();
      return accept([
        { type: 'summary:written', at: ctx.now, tableId: c.tableId, round: c.round, text: c.text, by: host, ...(held ? { held: true as const } : {}) },
      ]);
    },
  }),
};

/** Whether the participant sat at that table during that round (or sits there now, in it). */
function satAt(state: SessionState, participantId: ParticipantId, tableId: TableId, round: number): boolean {
  if (state.phase === 'round' && state.round === round && state.seats.get(participantId) === tableId) return true;
  return state.sittings.get(round)?.get(participantId)?.includes(tableId) ?? false;
}

/** Whether the participant sits at that table now or sat there in some round: they have seen its notes. */
function seenAt(state: SessionState, participantId: ParticipantId, tableId: TableId): boolean {
  if (state.seats.get(participantId) === tableId) return true;
  for (const round of state.sittings.values()) if (round.get(participantId)?.includes(tableId)) return true;
  return false;
}

/** What the word list makes of a text, where the session turned it on and the shell lent it. */
function screened(state: SessionState, text: string, ctx: CommandContext): boolean {
  return state.moderation.wordList && (ctx.screen?.(text) ?? false);
}

function ownNote(state: SessionState, noteId: string, participantId: ParticipantId) {
  const note = state.notes.get(noteId);
  if (!note) return refuse(ErrorCode.notFound, 'No such note.');
  if (note.authorId !== participantId) return refuse(ErrorCode.forbidden, 'You can only change your own notes.');
  return note;
}
