import type { z } from 'zod';
import type { Phase } from '../domain/enums.ts';
import type { DomainEvent } from '../domain/events.ts';
import type { SeatingPreview } from '../domain/seating.ts';
import type { AttributionCache } from '../harvest/attribution/index.ts';
import type { CoFacilitator, Participant, ParticipantId, Rapporteur, SessionState, Table, TableId } from '../domain/state.ts';
import { ErrorCode, refuse, type Refusal } from '../protocol/errors.ts';

/**
 * The shape of one command in the command table. Each family of commands (shared/commands/*.ts)
 * declares each of its commands once: the schema of what a client sends, who may send it, in
 * which phases, the pure decision, the reply it acknowledges with and who hears its facts. The
 * event map, the socket dispatch, the permission matrix and what each client may offer are all
 * derived from these declarations (shared/commands/index.ts).
 */

/** Who can be behind a command. `guest` joins over HTTP; `system` is the server's own clock. */
export const ActorRole = {
  /** The person who created the session, with its first key. */
  facilitator: 'facilitator',
  /** Invited by the creator with a credential of their own, revocable at once. */
  cofacilitator: 'cofacilitator',
  participant: 'participant',
  rapporteur: 'rapporteur',
  display: 'display',
  /** A table's device: the laptop opened from the link the console gives for one table. */
  device: 'device',
  guest: 'guest',
  system: 'system',
} as const;
export type ActorRole = (typeof ActorRole)[keyof typeof ActorRole];

export type Actor =
  | { role: 'facilitator' }
  | { role: 'cofacilitator'; cofacilitatorId: string }
  | { role: 'participant'; participantId: ParticipantId }
  | { role: 'rapporteur'; rapporteurId: string }
  | { role: 'display' }
  | { role: 'device'; tableId: TableId; deviceId: string }
  | { role: 'guest' }
  | { role: 'system' };

/**
 * The actor once the table's gate has checked them against the state: a participant still in the
 * session, a rapporteur whose link stands. Decisions never look either up again.
 */
export type Checked =
  | { role: 'facilitator' }
  | { role: 'cofacilitator'; cofacilitator: CoFacilitator }
  | { role: 'participant'; participant: Participant }
  | { role: 'rapporteur'; rapporteur: Rapporteur }
  | { role: 'display' }
  | { role: 'device'; table: Table }
  | { role: 'guest' }
  | { role: 'system' };

/** Whoever runs the room: the creator and the co-facilitators they invited. */
export const FACILITATORS = [ActorRole.facilitator, ActorRole.cofacilitator] as const;

/** Where a command comes from. */
export const Channel = { socket: 'socket', http: 'http', clock: 'clock' } as const;
export type Channel = (typeof Channel)[keyof typeof Channel];

/**
 * Who hears the facts a command makes. Declared for the permission matrix and the docs; the
 * server's fan-out (server/realtime/fanout/) sends exactly these.
 */
export const Audience = {
  /** Every connection of the session: participants, staff and displays. */
  session: 'session',
  /** The participants seated at the table concerned. */
  table: 'table',
  /** The acting participant's own connections (a phone and a laptop). */
  self: 'self',
  /** The participant the command is about, privately (someone moved, removed). */
  subject: 'subject',
  facilitators: 'facilitators',
  rapporteurs: 'rapporteurs',
  displays: 'displays',
  /** The sender's acknowledgement only: nothing is broadcast. */
  sender: 'sender',
} as const;
export type Audience = (typeof Audience)[keyof typeof Audience];

/**
 * What the shell lends a decision: the time, ids and secrets it makes, links on its public
 * address, and work it did off the session (a seating preview from the planner's worker). A
 * decision stays pure: the same state, input and context always decide the same.
 */
export interface CommandContext {
  now: number;
  mint: Mint;
  /** An absolute link to a path of this server (PUBLIC_URL when set). */
  link(path: string): string;
  /** For `seating:accept`: the preview the planner computed for this attempt and version. */
  preview?: SeatingPreview;
  /** The session's attribution cache, when the shell keeps one: the check then re-scans only what changed. */
  attribution?: AttributionCache;
  /** Whether the word list finds likely abuse in a text (server/moderation/words.ts); checked only where a session turned it on. */
  screen?: (text: string) => boolean;
}

export interface Mint {
  participantId(): string;
  rapporteurId(): string;
  cofacilitatorId(): string;
  readoutId(): string;
  deviceId(): string;
  /**
   * A credential for a role: the token goes to the one person (or device), only its hash into the
   * log. With `from` (a client's join key) the same key always makes the same token, so a resent
   * join can be answered again without the log ever holding the token.
   */
  secret(role: 'participant' | 'rapporteur' | 'cofacilitator' | 'facilitator' | 'device', from?: string): { token: string; hash: string };
  /** A one-way digest of something a client holds (a device key), to recognise it without keeping it. */
  digest(value: string): string;
}

/** What a command decided: facts to append and the reply for the sender, or a refusal. */
export type Decision<R extends object = object> = { ok: true; events: DomainEvent[]; reply: R } | Refusal;

export const accept = <R extends object = object>(events: DomainEvent[], reply: R = {} as R): Decision<R> => ({ ok: true, events, reply });
/** Accepted and already true: a resend or a double click. Nothing is appended. */
export const alreadyDone = <R extends object = object>(reply: R = {} as R): Decision<R> => ({ ok: true, events: [], reply });

export function isRefusal(x: unknown): x is Refusal {
  return typeof x === 'object' && x !== null && 'ok' in x && x.ok === false;
}

interface Common<S extends z.ZodType> {
  /** What a client sends; strict, so an unknown field is a malformed request. */
  schema: S;
  /** Who may send it. Facilitators act as rapporteurs too; `system` is the clock. */
  roles: readonly ActorRole[];
  /**
   * Whether someone waiting in the lobby may send it (leaving, the clock, a resync): everything
   * else waits until they are admitted.
   */
  fromLobby?: boolean;
  /** Phases in which it is accepted; in any other it is refused with `wrongPhase`. */
  phases: readonly Phase[];
  /** The refusal outside those phases, in words the sender can act on. */
  wrongPhase?: string;
  audience: readonly Audience[];
  via?: Channel;
  /**
   * What the facilitator's console may offer beyond phase and role: a timer in a given state.
   * Data, so the server can tell each client what it may do without a second copy of the rules.
   */
  offerWhen?: { timer?: readonly ('idle' | 'running' | 'paused')[] };
  /**
   * Needs a seating preview, which the shell has the planner's worker compute (seconds for a
   * plenary) before the command runs, for `attempt` of the input or the accepted plan's.
   */
  needsPreview?: boolean;
  /** A pace of its own on top of the sender's command budget: notes, so nobody floods a table. */
  pace?: 'notes';
  /**
   * Whose it is among participants, for the permission matrix and its test: only someone seated
   * at the table in that round, only the table's host, or only the note's author. The decision
   * enforces it; this says it where a reader of the table sees it.
   */
  scope?: 'seated' | 'host' | 'author';
}

/** Changes the session: decides facts, which are committed before the reply goes out. */
export interface WriteSpec<S extends z.ZodType, R extends object> extends Common<S> {
  kind: 'write';
  decide(state: SessionState, input: z.output<S>, actor: Checked, ctx: CommandContext): Decision<R>;
}

/**
 * Only reads: answered by the shell (server/realtime/reads.ts) from the state between commands,
 * after the same gate as a write (role, phase, a participant still in, a link still valid).
 */
export interface ReadSpec<S extends z.ZodType, R extends object> extends Common<S> {
  kind: 'read';
  /** Type-level only: the reply the shell answers with. */
  reply?: R;
  /** Costs as much as a write or more (a seating preview), so it is limited as one. */
  costly?: boolean;
}

export type CommandSpec<S extends z.ZodType = z.ZodType, R extends object = object> = WriteSpec<S, R> | ReadSpec<S, R>;

/** Type-level only: the channel a declared command comes through, kept as a literal for the event map. */
declare const channel: unique symbol;
export type Via<V extends Channel> = { readonly [channel]?: V };

/** Declares a write; the reply type is inferred from `decide`, the channel from `via` (the socket by default). */
export function write<S extends z.ZodType, R extends object, V extends Channel = 'socket'>(
  spec: Omit<WriteSpec<S, R>, 'kind' | 'via'> & { via?: V },
): WriteSpec<S, R> & Via<V> {
  return { kind: 'write', ...spec };
}

/** Declares a read with the reply type the shell answers with: `read<Reply>()({ … })`. */
export function read<R extends object>() {
  return <S extends z.ZodType>(spec: Omit<ReadSpec<S, R>, 'kind' | 'reply'>): ReadSpec<S, R> => ({ kind: 'read', ...spec });
}

/** The refusal for a role a command does not take, in the words the product has always used. */
export function forbiddenFor(roles: readonly ActorRole[], actor: Actor): Refusal {
  if (actor.role === 'display') return refuse(ErrorCode.forbidden, 'The room display can only watch.');
  if (actor.role === 'device') return refuse(ErrorCode.forbidden, 'A table device only carries its table’s audio.');
  if (actor.role === 'cofacilitator' && roles.includes('facilitator'))
    return refuse(ErrorCode.forbidden, 'Only the facilitator who created the session can do this.');
  const staff = roles.includes('facilitator') || roles.includes('cofacilitator');
  if (roles.includes('rapporteur') && staff) return refuse(ErrorCode.forbidden, 'Only a rapporteur or the facilitator can do this.');
  if (staff) return refuse(ErrorCode.forbidden, 'Only the facilitator can do this.');
  if (roles.includes('guest')) return refuse(ErrorCode.forbidden, 'Join with the session code.');
  if (roles.includes('system')) return refuse(ErrorCode.forbidden, 'Only the clock ends a phase on time.');
  if (roles.includes('participant')) return refuse(ErrorCode.forbidden, 'Only participants can do this.');
  return refuse(ErrorCode.forbidden, 'Nobody can do this.');
}
