import { z } from 'zod';
import { Phase } from '../domain/enums.ts';
import { ErrorCode, refuse } from '../protocol/errors.ts';
import { ids } from '../protocol/ids.ts';
import { Limits } from '../protocol/limits.ts';
import { paths } from '../protocol/paths.ts';
import { text } from '../protocol/schemas.ts';
import { accept, alreadyDone, FACILITATORS, write } from './spec.ts';

/**
 * Credentials of the people who run a session: co-facilitators, each with a key of their own that
 * the creator can withdraw at once; the creator's own key, which they can replace; and rapporteur
 * links. Tokens go to the one person asking; the log keeps only their hashes.
 */

const OPEN = [Phase.lobby, Phase.round, Phase.moving, Phase.harvest] as const;
const label = z.strictObject({ label: text(Limits.rapporteurLabelChars).optional() });

export const staffCommands = {
  'cofacilitator:invite': write({
    schema: label,
    roles: ['facilitator'],
    phases: OPEN,
    audience: ['facilitators'],
    decide(state, c, _actor, ctx) {
      const cofacilitatorId = ctx.mint.cofacilitatorId();
      if (state.cofacilitators.has(cofacilitatorId)) return refuse(ErrorCode.conflict, 'That co-facilitator id is taken.');
      const { token, hash } = ctx.mint.secret('cofacilitator');
      const name = c.label || `Co-facilitator ${state.cofacilitators.size + 1}`;
      return accept([{ type: 'cofacilitator:invited', at: ctx.now, cofacilitatorId, label: name, tokenHash: hash }], {
        cofacilitatorId,
        label: name,
        token,
        url: ctx.link(paths.facilitator(state.id, token)),
      });
    },
  }),

  'cofacilitator:revoke': write({
    schema: z.strictObject({ cofacilitatorId: ids.cofacilitator }),
    roles: ['facilitator'],
    phases: OPEN,
    audience: ['facilitators', 'subject'],
    decide(state, c, _actor, ctx) {
      const co = state.cofacilitators.get(c.cofacilitatorId);
      if (!co) return refuse(ErrorCode.notFound, 'No such co-facilitator.');
      if (co.revoked) return alreadyDone();
      return accept([{ type: 'cofacilitator:revoked', at: ctx.now, cofacilitatorId: co.id }]);
    },
  }),

  /** The creator replaces their own key (a link shared too widely): the old one stops at once. */
  'facilitator:rekey': write({
    schema: z.strictObject({}),
    roles: ['facilitator'],
    phases: OPEN,
    audience: ['sender'],
    decide(state, _c, _actor, ctx) {
      const { token, hash } = ctx.mint.secret('facilitator');
      return accept([{ type: 'facilitator:rekeyed', at: ctx.now, facilitatorKeyHash: hash }], { token, url: ctx.link(paths.facilitator(state.id, token)) });
    },
  }),

  'rapporteur:invite': write({
    schema: label,
    roles: FACILITATORS,
    phases: OPEN,
    audience: ['facilitators'],
    decide(state, c, _actor, ctx) {
      const rapporteurId = ctx.mint.rapporteurId();
      if (state.rapporteurs.has(rapporteurId)) return refuse(ErrorCode.conflict, 'That rapporteur id is taken.');
      const { token, hash } = ctx.mint.secret('rapporteur');
      const name = c.label || `Rapporteur ${state.rapporteurs.size + 1}`;
      return accept([{ type: 'rapporteur:invited', at: ctx.now, rapporteurId, label: name, tokenHash: hash }], {
        rapporteurId,
        label: name,
        token,
        url: ctx.link(paths.rapporteur(state.id, token)),
      });
    },
  }),

  'rapporteur:revoke': write({
    schema: z.strictObject({ rapporteurId: ids.rapporteur }),
    roles: FACILITATORS,
    phases: OPEN,
    audience: ['facilitators', 'subject'],
    decide(state, c, _actor, ctx) {
      const r = state.rapporteurs.get(c.rapporteurId);
      if (!r) return refuse(ErrorCode.notFound, 'No such rapporteur.');
      if (r.revoked) return alreadyDone();
      return accept([{ type: 'rapporteur:revoked', at: ctx.now, rapporteurId: r.id }]);
    },
  }),
};
