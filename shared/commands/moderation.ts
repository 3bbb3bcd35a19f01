import { z } from 'zod';
import { Phase } from '../domain/enums.ts';
import type { DomainEvent } from '../domain/events.ts';
import { notesBy, type Note, type ParticipantId } from '../domain/state.ts';
import { candidates, cellOf, K, knownCells, mayReveal, placeShown } from '../moderation/places.ts';
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

/** Every note named, or the refusal for the first that is not there: releasing changes all or nothing. */
function notesOr(state: Parameters<typeof noteOr>[0], list: readonly string[]): Note[] | Refusal {
  const notes: Note[] = [];
  for (const id of new Set(list)) {
    const note = noteOr(state, id);
    if (isRefusal(note)) return note;
    notes.push(note);
  }
  return notes;
}

/**
 * The notes a mute takes off the tables, and the cells that makes known to staff: the source note's
 * cell, then the author's other cells one at a time, most notes first, each only while every cell
 * staff would then know of this author still fits k people seated there from the start. Notes in
 * the other cells stay where they are, on the tables and in staff views alike: a note gone from a
 * table yet unchanged in the staff list would tell a facilitator with a participant login its cell.
 */
function withdrawal(state: Parameters<typeof noteOr>[0], source: Note): { hide: Note[]; cells: string[] } {
  const author: ParticipantId = source.authorId;
  const known = knownCells(state, author);
  const cells: string[] = [];
  if (placeShown(source)) {
    known.add(cellOf(source));
    cells.push(cellOf(source));
  }
  const byCell = new Map<string, Note[]>();
  for (const n of notesBy(state, author)) {
    if (n.deleted || n.hidden || n.held) continue;
    const list = byCell.get(cellOf(n));
    if (list) list.push(n);
    else byCell.set(cellOf(n), [n]);
  }
  const hide: Note[] = [];
  const order = [...byCell].sort(([a, x], [b, y]) => y.length - x.length || (a < b ? -1 : a > b ? 1 : 0));
  for (const [cell, notes] of order) {
    if (!known.has(cell)) {
      if (candidates(state, [...known, cell]) < K) continue;
      known.add(cell);
      cells.push(cell);
    }
    hide.push(...notes);
  }
  if (!placeShown(source) && !source.hidden && !hide.includes(source)) hide.push(source);
  return { hide, cells };
}

export const moderationCommands = {
  /** Hides or shows again one note or many: one fact each, so each table hears only of its own. */
  'note:hide': write({
    schema: z
      .strictObject({ id: ids.client.optional(), ids: noteIds.optional(), hidden: z.boolean() })
      .refine((c) => c.id === undefined || c.ids === undefined, { message: 'name one note (id) or several (ids), not both' }),
    roles: FACILITATORS,
    phases: OPEN,
    audience: ['table', 'self', 'facilitators', 'rapporteurs'],
    decide(state, c, _actor, ctx) {
      const named = [...new Set(c.ids ?? (c.id === undefined ? [] : [c.id]))];
      if (named.length === 0) return refuse(ErrorCode.invalid, 'Name the note to hide or show (id), or several (ids).');
      // A bulk act changes every note that is there and says which were not (deleted meanwhile,
      // or never in this session): one missing note does not undo a screenful of choices.
      const missing: string[] = [];
      const events: DomainEvent[] = [];
      for (const id of named) {
        const note = noteOr(state, id);
        if (isRefusal(note) || note.deleted) missing.push(id);
        else if (note.hidden !== c.hidden) events.push({ type: 'note:hidden', at: ctx.now, noteId: note.id, hidden: c.hidden });
      }
      if (c.id !== undefined && missing.length > 0) return refuse(ErrorCode.notFound, 'No such note.');
      return accept(events, missing.length > 0 ? { changed: events.length, missing } : { changed: events.length });
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
      const { hide, cells } = withdrawal(state, source);
      // The mute rides on the first hide it makes, so it appends as many facts as hiding those
      // notes would: the session's version, on every frame, must not tell a mute from a hide.
      const [first, ...rest] = hide;
      const events: DomainEvent[] = first
        ? [
            { type: 'note:hidden', at: ctx.now, noteId: first.id, hidden: true, mute: { from: source.id, participantId: source.authorId, cells } },
            ...rest.map((n): DomainEvent => ({ type: 'note:hidden', at: ctx.now, noteId: n.id, hidden: true })),
          ]
        : [{ type: 'author:muted', at: ctx.now, noteId: source.id, participantId: source.authorId, cells }];
      return accept(events, { noteId: source.id });
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
      // Each author's notes are weighed together with every cell staff already know of them: one
      // bulk release must not show what two single ones would be refused.
      const byAuthor = new Map<ParticipantId, Set<string>>();
      for (const n of held) (byAuthor.get(n.authorId) ?? byAuthor.set(n.authorId, new Set()).get(n.authorId)!).add(cellOf(n));
      for (const [author, cells] of byAuthor) {
        if (!mayReveal(state, author, cells)) {
          return refuse(
            ErrorCode.forbidden,
            'Releasing would show staff where its author sat, which with what staff already know of them narrows them to fewer than three people. It stays held; you can hide it.',
          );
        }
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
