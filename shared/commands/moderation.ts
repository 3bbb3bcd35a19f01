import { z } from 'zod';
import { Phase } from '../domain/enums.ts';
import type { DomainEvent } from '../domain/events.ts';
import { notesBy, type Note } from '../domain/state.ts';
import { placeShown } from '../moderation/places.ts';
import { ErrorCode, refuse, type Refusal } from '../protocol/errors.ts';
import { ids } from '../protocol/ids.ts';
import { noteOr } from './lookups.ts';
import { accept, FACILITATORS, isRefusal, write } from './spec.ts';

/**
 * Moderation: what staff do about hostile notes, without learning who wrote them. Removing a named
 * person is a separate act, from the roster (`participant:remove`): the facilitator picks the
 * person, not a note. What each act shows to whom is written out in docs/moderation.md.
 */

const OPEN = [Phase.lobby, Phase.round, Phase.moving, Phase.harvest] as const;
/** Notes one bulk act may name: a screenful selected, with room to spare. */
export const BULK_NOTES = 500;
const noteIds = z.array(ids.client).min(1).max(BULK_NOTES);

/** Every note named, or the refusal for the first that is not there: a bulk act changes all or nothing. */
function notesOr(state: Parameters<typeof noteOr>[0], list: readonly string[]): Note[] | Refusal {
  const notes: Note[] = [];
  for (const id of new Set(list)) {
    const note = noteOr(state, id);
    if (isRefusal(note)) return note;
    notes.push(note);
  }
  return notes;
}

export const moderationCommands = {
  /** Hides or shows again one note or many: one fact each, so each table hears only of its own. */
  'note:hide': write({
    schema: z
      .strictObject({ id: ids.client.optional(), ids: noteIds.optional(), hidden: z.boolean() })
      .refine((c) => (c.id === undefined) !== (c.ids === undefined), { message: 'name one note (id) or several (ids), not both' }),
    roles: FACILITATORS,
    phases: OPEN,
    audience: ['table', 'self', 'facilitators', 'rapporteurs'],
    decide(state, c, _actor, ctx) {
      const notes = notesOr(state, c.ids ?? (c.id === undefined ? [] : [c.id]));
      if (isRefusal(notes)) return notes;
      const events: DomainEvent[] = notes.filter((n) => n.hidden !== c.hidden).map((n) => ({ type: 'note:hidden', at: ctx.now, noteId: n.id, hidden: c.hidden }));
      return accept(events, { changed: events.length });
    },
  }),

  /**
   * Mutes whoever wrote a note, without anyone on staff learning who. Their notes in that note's
   * (table, round) are hidden, as staff could have hidden them; their other notes leave the tables
   * while every staff view stays as it was (which notes went would trace where they sat); their new
   * notes are held for review. They alone are told. The reply is the same whoever it was, muted
   * before or not, present or gone.
   */
  'author:mute': write({
    schema: z.strictObject({ id: ids.client }),
    roles: FACILITATORS,
    phases: OPEN,
    audience: ['table', 'subject', 'facilitators'],
    decide(state, c, _actor, ctx) {
      const source = noteOr(state, c.id);
      if (isRefusal(source)) return source;
      const author = source.authorId;
      // A held note staff were shown without its place tells them no cell: then it alone is hidden.
      const placed = placeShown(state, source);
      const hide = placed
        ? notesBy(state, author).filter((n) => !n.deleted && !n.hidden && n.tableId === source.tableId && n.round === source.round)
        : source.hidden
          ? []
          : [source];
      return accept(
        [
          { type: 'author:muted', at: ctx.now, noteId: source.id, participantId: author, ...(placed ? {} : { unplaced: true as const }) },
          ...hide.map((n): DomainEvent => ({ type: 'note:hidden', at: ctx.now, noteId: n.id, hidden: true })),
        ],
        { noteId: source.id },
      );
    },
  }),

  /** Lets held notes through to their tables, where showing their place keeps their author among k. */
  'note:release': write({
    schema: z.strictObject({ ids: noteIds }),
    roles: FACILITATORS,
    phases: OPEN,
    audience: ['table', 'self', 'facilitators', 'rapporteurs'],
    decide(state, c, _actor, ctx) {
      const notes = notesOr(state, c.ids);
      if (isRefusal(notes)) return notes;
      const held = notes.filter((n) => n.held);
      if (held.some((n) => !placeShown(state, n))) {
        return refuse(
          ErrorCode.forbidden,
          'Releasing would show staff where its author sat, which with the note you muted them from narrows them to fewer than three people. It stays held; you can hide it.',
        );
      }
      const events: DomainEvent[] = held.map((n) => ({ type: 'note:released', at: ctx.now, noteId: n.id }));
      return accept(events, { changed: events.length });
    },
  }),

  /** Turns the word list on or off: it flags likely abuse in notes as they arrive, for staff to look at. */
  'wordlist:set': write({
    schema: z.strictObject({ on: z.boolean() }),
    roles: FACILITATORS,
    phases: OPEN,
    audience: ['facilitators'],
    decide(state, c, _actor, ctx) {
      if (state.moderation.wordList === c.on) return accept([], { on: c.on });
      return accept([{ type: 'wordlist:set', at: ctx.now, on: c.on }], { on: c.on });
    },
  }),
};
