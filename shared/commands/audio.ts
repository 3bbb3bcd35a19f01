import { z } from 'zod';
import type { AudioJoinView, AudioKind, AudioRosterView, IceConfigView } from '../protocol/audio.ts';
import type { Participant, SessionState, Table } from '../domain/state.ts';
import { ErrorCode, refuse, type Refusal } from '../protocol/errors.ts';
import { ids } from '../protocol/ids.ts';
import { paths } from '../protocol/paths.ts';
import { tableOr } from './lookups.ts';
import { accept, FACILITATORS, isRefusal, read, write, type Checked } from './spec.ts';

/**
 * Table audio: remote participants and the table's device in one call per table. The facilitator
 * issues each table's device link (a fact: only its hash is kept, and a new link replaces the old).
 * Everything else is signalling between the browsers of one table's call, relayed by the shell
 * (server/realtime/audio.ts) and never written to the log: an offer or an ICE candidate is no fact
 * anyone needs after a restart, and a call is rebuilt from scratch when a connection comes back.
 * Each relay passes the same gate as any command, then `callSeat` for the sender and the recipient.
 */

export const AudioLimits = {
  /** An audio-only offer from Chrome is 3–6 kB; with a dozen candidates inlined, about 9 kB. */
  sdpChars: 16_000,
  candidateChars: 1_000,
  /** Candidates travel in small batches (the browser finds several within milliseconds). */
  candidatesPerMessage: 32,
  /**
   * A mesh sends each voice to every other member: at 12 that is 11 streams up from each page
   * (~0.5 Mbit/s) and as many decoders. World Café tables are 4 to 8; docs/audio.md has the figures.
   */
  callMembers: 12,
} as const;

/** While people sit at tables. Seats are cleared by nothing before the session closes. */
const CALL_PHASES = ['lobby', 'round', 'moving', 'harvest'] as const;
const NOT_NOW = 'Table audio has ended with the session.';
const CALLERS = ['participant', 'device'] as const;
const empty = z.strictObject({});

/** How a participant takes part: a remote member, or the host's phone laid on the table as its device. */
export const CallAs = { member: 'member', device: 'device' } as const;
export type CallAs = (typeof CallAs)[keyof typeof CallAs];

const sessionDescription = z.strictObject({
  type: z.enum(['offer', 'answer']),
  sdp: z
    .string()
    .max(AudioLimits.sdpChars, { message: `at most ${AudioLimits.sdpChars} characters` })
    .refine((s) => s.startsWith('v=0'), { message: 'must be a session description' }),
});

const iceCandidate = z.strictObject({
  candidate: z.string().max(AudioLimits.candidateChars, { message: `at most ${AudioLimits.candidateChars} characters` }),
  sdpMid: z.string().max(64).nullable(),
  sdpMLineIndex: z.int().min(0).max(64).nullable(),
  usernameFragment: z.string().max(256).nullable(),
});

export const audioSignalSchema = z
  .strictObject({
    to: ids.audio,
    description: sessionDescription.optional(),
    candidates: z.array(iceCandidate).min(1).max(AudioLimits.candidatesPerMessage).optional(),
  })
  .refine((s) => s.description !== undefined || s.candidates !== undefined, { message: 'description or candidates: one is needed' });

export const audioCommands = {
  /**
   * A link that opens a laptop as the table's device. The token goes to the facilitator once; a
   * new link replaces the table's earlier one, whose device is told and disconnected.
   */
  'device:link': write({
    schema: z.strictObject({ tableId: ids.table }),
    roles: FACILITATORS,
    phases: CALL_PHASES,
    wrongPhase: NOT_NOW,
    audience: ['facilitators', 'subject'],
    decide(state, c, _actor, ctx) {
      const table = tableOr(state, c.tableId);
      if (isRefusal(table)) return table;
      if (table.mode === 'room') return refuse(ErrorCode.conflict, `${table.name} takes no remote participants, so it has no audio to carry.`);
      const deviceId = ctx.mint.deviceId();
      const { token, hash } = ctx.mint.secret('device');
      const previous = state.devices.get(table.id)?.deviceId ?? null;
      return accept([{ type: 'device:linked', at: ctx.now, tableId: table.id, deviceId, tokenHash: hash, previous }], {
        tableId: table.id,
        url: ctx.link(paths.device(state.id, token)),
      });
    },
  }),

  /** Joins the call of the table one sits at: the reply names the members to call and how. */
  'audio:join': read<AudioJoinView>()({
    schema: z.strictObject({
      as: z.enum(['member', 'device']),
      /** Known before joining: no microphone (listen only), or no audio in this browser at all. */
      trouble: z.enum(['microphone', 'unsupported']).nullable(),
    }),
    roles: CALLERS,
    phases: CALL_PHASES,
    wrongPhase: NOT_NOW,
    audience: ['sender', 'table'],
  }),

  /** An offer, an answer or ICE candidates for one member of the same call. */
  'audio:signal': read<object>()({
    schema: audioSignalSchema,
    roles: CALLERS,
    phases: CALL_PHASES,
    wrongPhase: NOT_NOW,
    audience: ['sender'],
  }),

  /** Mute, "can't hear you", a raised hand, showing one's name, or a connection problem. */
  'audio:state': read<object>()({
    schema: z.strictObject({
      muted: z.boolean().optional(),
      cantHear: z.boolean().optional(),
      hand: z.boolean().optional(),
      showName: z.boolean().optional(),
      trouble: z.enum(['microphone', 'network', 'unsupported']).nullable().optional(),
    }),
    roles: CALLERS,
    phases: CALL_PHASES,
    wrongPhase: NOT_NOW,
    audience: ['sender', 'table'],
  }),

  'audio:leave': read<object>()({
    schema: empty,
    roles: CALLERS,
    phases: CALL_PHASES,
    wrongPhase: NOT_NOW,
    audience: ['sender', 'table'],
  }),

  /** Who is in one's table's call: for its members, its device and its host. */
  'audio:roster': read<AudioRosterView>()({
    schema: empty,
    roles: CALLERS,
    phases: CALL_PHASES,
    wrongPhase: NOT_NOW,
    audience: ['sender'],
  }),

  /** Fresh ICE servers and TURN credentials, for a member whose credentials near their end. */
  'audio:ice': read<IceConfigView>()({
    schema: empty,
    roles: CALLERS,
    phases: CALL_PHASES,
    wrongPhase: NOT_NOW,
    audience: ['sender'],
  }),
};

/** Where, and as what, someone may be in a call right now. */
export interface CallSeat {
  table: Table;
  kind: AudioKind;
}

/**
 * Whether an actor may be in a table's call now, and as what: a remote participant seated at a
 * table that takes remote people, the host of such a table in the room (their phone as its device),
 * or the table's device link. People in the room never join on their own phones: every phone near
 * the table's device would feed the room's sound back into the call as echo.
 */
export function callSeat(state: SessionState, actor: Checked, as: CallAs): CallSeat | Refusal {
  switch (actor.role) {
    case 'device':
      if (actor.table.mode === 'room') return noAudio(actor.table);
      return { table: actor.table, kind: 'device' };
    case 'participant':
      return participantSeat(state, actor.participant, as);
    default:
      return refuse(ErrorCode.forbidden, 'Only people seated at a table, and its device, take part in its audio.');
  }
}

function participantSeat(state: SessionState, p: Participant, as: CallAs): CallSeat | Refusal {
  const tableId = state.seats.get(p.id);
  const table = tableId ? state.tables.find((t) => t.id === tableId) : undefined;
  if (!table) return refuse(ErrorCode.conflict, 'You have no table yet; table audio starts once you are seated.');
  if (table.mode === 'room') return noAudio(table);
  switch (as) {
    case 'device':
      if (table.hostId !== p.id || p.presence !== 'room')
        return refuse(ErrorCode.forbidden, 'Only the table’s host, in the room, can use their phone as the table device.');
      return { table, kind: 'device' };
    case 'member':
      if (p.presence !== 'remote') {
        return refuse(ErrorCode.forbidden, 'You are in the room: the table device carries your voice to remote people. A second microphone here would echo.');
      }
      return { table, kind: 'remote' };
  }
}

function noAudio(table: Table): Refusal {
  return refuse(ErrorCode.conflict, `${table.name} takes no remote participants, so it has no audio.`);
}

/** Smallest number not taken: "remote 1" leaves, and the next to join is "remote 1" again. */
export function nextNumber(taken: Iterable<number>): number {
  const used = new Set(taken);
  let n = 1;
  while (used.has(n)) n++;
  return n;
}
