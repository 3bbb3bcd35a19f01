import { z } from 'zod';
import { Phase } from '../domain/enums.ts';
import type { DomainEvent } from '../domain/events.ts';
import { ids } from '../protocol/ids.ts';
import { noteOr } from './lookups.ts';
import { unhost } from './people.ts';
import { accept, FACILITATORS, isRefusal, write } from './spec.ts';

/** Moderation: what staff do about a hostile note. */

export const moderationCommands = {
  'note:hide': write({
    schema: z.strictObject({ id: ids.client, hidden: z.boolean(), removeAuthor: z.boolean().optional() }),
    roles: FACILITATORS,
    phases: [Phase.lobby, Phase.round, Phase.moving, Phase.harvest],
    audience: ['table', 'self', 'facilitators', 'rapporteurs'],
    decide(state, c, _actor, ctx) {
      const note = noteOr(state, c.id);
      if (isRefusal(note)) return note;
      const events: DomainEvent[] = [];
      if (note.hidden !== c.hidden) events.push({ type: 'note:hidden', at: ctx.now, noteId: note.id, hidden: c.hidden });
      // The facilitator removes the author without ever learning who it was.
      if (c.removeAuthor && state.participants.get(note.authorId)?.status === 'active') {
        events.push(...unhost(state, note.authorId, ctx.now), { type: 'participant:removed', at: ctx.now, participantId: note.authorId, from: state.seats.get(note.authorId) ?? null });
      }
      return accept(events, { noteId: note.id });
    },
  }),
};
