import { z } from 'zod';
import { Phase, unreachable } from '../domain/enums.ts';
import type { DomainEvent } from '../domain/events.ts';
import type { SessionState } from '../domain/state.ts';
import { seatUnseated } from '../domain/seating.ts';
import { warningSeconds } from '../domain/timer.ts';
import { ErrorCode, refuse } from '../protocol/errors.ts';
import { Limits } from '../protocol/limits.ts';
import { ids } from '../protocol/ids.ts';
import { requiredText, roundNumber } from '../protocol/schemas.ts';
import { nextRoundSeats, seatsFacts } from './people.ts';
import { accept, alreadyDone, type Decision, FACILITATORS, write } from './spec.ts';

/**
 * Rounds and the timer: starting and ending rounds, the move between them, pausing and extending,
 * the clock's own expiry, opening the harvest, closing the session, and broadcasts.
 */

const OPEN = [Phase.lobby, Phase.round, Phase.moving, Phase.harvest] as const;
const empty = z.strictObject({});

export const roundCommands = {
  'round:start': write({
    schema: z.strictObject({ round: roundNumber }),
    roles: FACILITATORS,
    phases: [Phase.lobby, Phase.round, Phase.moving],
    wrongPhase: 'The rounds are over.',
    audience: ['session'],
    decide: (state, c, _actor, ctx) => startRound(state, c.round, ctx.now),
  }),

  'round:end': write({
    schema: z.strictObject({ round: roundNumber }),
    roles: FACILITATORS,
    phases: [Phase.round],
    wrongPhase: 'No round is under way.',
    audience: ['session'],
    decide(state, c, _actor, ctx) {
      if (c.round !== state.round) return refuse(ErrorCode.conflict, `Round ${state.round} is under way, not round ${c.round}.`);
      return accept(afterRound(state, ctx.now));
    },
  }),

  'timer:pause': write({
    schema: empty,
    roles: FACILITATORS,
    phases: [Phase.round, Phase.moving],
    wrongPhase: 'Only a round or a move can be paused.',
    audience: ['session'],
    offerWhen: { timer: ['running'] },
    decide(state, _c, _actor, ctx) {
      if (state.timer.status === 'paused') return alreadyDone();
      if (state.timer.status !== 'running') return refuse(ErrorCode.conflict, 'The timer is not running.');
      return accept([{ type: 'timer:paused', at: ctx.now, remainingMs: Math.max(0, state.timer.endsAt - ctx.now) }]);
    },
  }),

  'timer:resume': write({
    schema: empty,
    roles: FACILITATORS,
    phases: OPEN,
    audience: ['session'],
    offerWhen: { timer: ['paused'] },
    decide(state, _c, _actor, ctx) {
      if (state.timer.status === 'running') return alreadyDone();
      if (state.timer.status !== 'paused') return refuse(ErrorCode.conflict, 'The timer is not paused.');
      return accept([{ type: 'timer:resumed', at: ctx.now, endsAt: ctx.now + state.timer.remainingMs }]);
    },
  }),

  'timer:extend': write({
    schema: z.strictObject({ minutes: z.int().min(1).max(Limits.maxExtendMinutes), commandId: ids.client }),
    roles: FACILITATORS,
    phases: [Phase.round, Phase.moving],
    wrongPhase: 'Only a round or a move can be extended.',
    audience: ['session'],
    offerWhen: { timer: ['running', 'paused'] },
    decide(state, c, _actor, ctx) {
      // A second click adds a second extension; a resend of the first (its answer was lost) does not.
      if (state.commandIds.has(c.commandId)) return alreadyDone();
      if (state.timer.status === 'idle') return refuse(ErrorCode.conflict, 'The timer is not set.');
      return accept([{ type: 'timer:extended', at: ctx.now, byMs: c.minutes * 60_000, commandId: c.commandId }]);
    },
  }),

  /** The clock says a phase's time is up; stale when phase or round moved on meanwhile. */
  'timer:expire': write({
    schema: z.strictObject({ phase: z.enum([Phase.round, Phase.moving]), round: roundNumber }),
    roles: ['system'],
    phases: OPEN,
    audience: ['session'],
    via: 'clock',
    decide(state, c, _actor, ctx) {
      if (state.phase !== c.phase || state.round !== c.round) return refuse(ErrorCode.conflict, 'That phase has already moved on.');
      if (state.timer.status !== 'running' || state.timer.endsAt > ctx.now) return refuse(ErrorCode.conflict, 'Time is not up yet.');
      if (!state.config.autoAdvance) return alreadyDone();
      // Deadlines are absolute: the phase ended at its deadline, however late this runs (no process
      // was up then), and the next is timed from it, so a restart never lengthens a round or a move.
      const at = state.timer.endsAt;
      if (state.phase === 'round') return accept(afterRound(state, at));
      return startRound(state, state.round, at);
    },
  }),

  'harvest:open': write({
    schema: empty,
    roles: FACILITATORS,
    phases: OPEN,
    audience: ['session'],
    decide(state, _c, _actor, ctx) {
      switch (state.phase) {
        case 'harvest':
          return alreadyDone();
        case 'round':
          return accept([
            { type: 'round:ended', at: ctx.now, round: state.round },
            { type: 'harvest:opened', at: ctx.now },
          ]);
        case 'lobby':
        case 'moving':
          return accept([{ type: 'harvest:opened', at: ctx.now }]);
        case 'closed':
          return refuse(ErrorCode.closed, 'This session has closed.');
        default:
          return unreachable(state.phase);
      }
    },
  }),

  'session:close': write({
    schema: empty,
    roles: FACILITATORS,
    phases: OPEN,
    audience: ['session'],
    decide: (_state, _c, _actor, ctx) => accept([{ type: 'session:closed', at: ctx.now }]),
  }),

  /** How long before each round's end the screens warn: a session setting, changed at any time. */
  'timer:warning': write({
    schema: z.strictObject({ seconds: z.int().min(0).max(Limits.maxWarningSeconds) }),
    roles: FACILITATORS,
    phases: OPEN,
    audience: ['session'],
    decide(state, c, _actor, ctx) {
      if (warningSeconds(state.config) === c.seconds) return alreadyDone();
      return accept([{ type: 'warning:set', at: ctx.now, seconds: c.seconds }]);
    },
  }),

  'broadcast:send': write({
    // `minutes`: taken down by itself after that long; without it, it stays until each reader dismisses it.
    schema: z.strictObject({
      text: requiredText(Limits.broadcastChars),
      minutes: z.int().min(1).max(Limits.maxBroadcastMinutes).optional(),
      commandId: ids.client,
    }),
    roles: FACILITATORS,
    phases: OPEN,
    audience: ['session'],
    decide: (state, c, _actor, ctx) =>
      state.commandIds.has(c.commandId)
        ? alreadyDone()
        : accept([
            {
              type: 'broadcast:sent',
              at: ctx.now,
              broadcastId: `b${state.version}`,
              text: c.text,
              commandId: c.commandId,
              ...(c.minutes ? { expiresAt: ctx.now + c.minutes * 60_000 } : {}),
            },
          ]),
  }),
};

function startRound(state: SessionState, round: number, now: number): Decision {
  const durationMs = state.config.roundSeconds * 1000;
  const started: DomainEvent = { type: 'round:started', at: now, round, endsAt: now + durationMs, durationMs };
  switch (state.phase) {
    case 'lobby': {
      if (round !== 1) return refuse(ErrorCode.conflict, 'The café starts with round 1.');
      const seats = seatUnseated(state);
      if (!state.seats.size && !Object.keys(seats).length) return refuse(ErrorCode.conflict, 'Nobody can be seated yet: wait for participants to join.');
      return accept([...seatsFacts(state, seats, now), started]);
    }
    case 'moving':
      if (round !== state.round) return refuse(ErrorCode.conflict, `Round ${state.round} is next, not round ${round}.`);
      return accept([started]);
    case 'round':
      return refuse(ErrorCode.conflict, round === state.round ? `Round ${round} has already started.` : `Round ${state.round} is under way.`);
    case 'harvest':
    case 'closed':
      return refuse(ErrorCode.wrongPhase, 'The rounds are over.');
    default:
      return unreachable(state.phase);
  }
}

/** Ending a round sends people to their next table, or to the harvest after the last round. */
function afterRound(state: SessionState, now: number): DomainEvent[] {
  const ended: DomainEvent = { type: 'round:ended', at: now, round: state.round };
  if (state.round >= state.config.rounds) return [ended, { type: 'harvest:opened', at: now }];
  const next = state.round + 1;
  const durationMs = state.config.movingSeconds * 1000;
  // Moving starts before the new seats land, so they count for the next round, not this one.
  return [ended, { type: 'moving:started', at: now, round: next, endsAt: now + durationMs, durationMs }, ...nextRoundSeats(state, next, now)];
}
