import { decideCommand, type CommandName, type PayloadOf } from '../../shared/commands/index.ts';
import { decideCreate } from '../../shared/commands/session.ts';
import type { Actor, CommandContext, Decision, Mint } from '../../shared/commands/spec.ts';
import { apply, replay } from '../../shared/domain/apply.ts';
import type { DomainEvent } from '../../shared/domain/events.ts';
import { previewSeating, type SeatingPreview } from '../../shared/domain/seating.ts';
import type { SessionState } from '../../shared/domain/state.ts';
import { checkRules } from '../../shared/rotation/index.ts';
import { sessionSetupSchema, type SessionSetup } from '../../shared/protocol/schemas.ts';

/** Compact fixtures for the pure core: a café in a few lines, time passed in by hand. */

/** What the shell would lend a decision, given by hand: ids and secrets, and a seating preview. */
interface Lent {
  participantId?: string;
  tokenHash?: string;
  rapporteurId?: string;
  deviceId?: string;
  readoutId?: string;
  cofacilitatorId?: string;
  preview?: SeatingPreview;
}
/** A command as the tests write it: its name, its payload, and what the shell would lend it. */
export type Command = { [K in CommandName]: { type: K } & Fields<K> & Lent }[CommandName];
/** zod infers an empty strict object as an index signature; a command with no fields is just its type. */
type Fields<K extends CommandName> = string extends keyof PayloadOf<K> ? unknown : PayloadOf<K>;

function mintOf(lent: Lent): Mint {
  return {
    participantId: () => lent.participantId ?? 'p-minted',
    rapporteurId: () => lent.rapporteurId ?? 'r-minted',
    deviceId: () => lent.deviceId ?? 'd-minted',
    readoutId: () => lent.readoutId ?? 'rd-minted',
    cofacilitatorId: () => lent.cofacilitatorId ?? 'c-minted',
    digest: (value) => `digest-of-${value}`,
    secret: (role) => ({ token: `${role}-token-for-${lent.tokenHash ?? 'h'}`, hash: lent.tokenHash ?? 'h' }),
  };
}

/** The whole state as text, Maps included, to prove a decision left it alone. */
function serialise(state: SessionState): string {
  return JSON.stringify(state, (_key, value: unknown) => (value instanceof Map ? { map: [...value] } : value));
}

/** Decides a command as the shell would, with what it lends given by hand in the command. */
export function decideAs(state: SessionState, command: Command, actor: Actor, now: number): Decision<Record<string, unknown>> {
  // What the shell lends is taken out of the payload, for the commands it lends it to.
  const { type, ...rest } = command;
  const lentTo: Record<string, (keyof Lent)[]> = {
    'participant:join': ['participantId', 'tokenHash'],
    'rapporteur:invite': ['rapporteurId', 'tokenHash'],
    'cofacilitator:invite': ['cofacilitatorId', 'tokenHash'],
    'facilitator:rekey': ['tokenHash'],
    'device:link': ['deviceId', 'tokenHash'],
    'readout:publish': ['readoutId'],
    'seating:accept': ['preview'],
  };
  const lent: Lent = {};
  const input: Record<string, unknown> = { ...rest };
  for (const key of lentTo[type] ?? []) {
    (lent as Record<string, unknown>)[key] = input[key];
    delete input[key];
  }
  const { preview } = lent;
  const ctx: CommandContext = {
    now,
    mint: mintOf(lent),
    link: (path) => `https://cafe.example${path}`,
    ...(preview ? { preview } : {}),
  };
  return decideCommand(state, type, input as PayloadOf<typeof type>, actor, ctx);
}

export const facilitator: Actor = { role: 'facilitator' };
export const system: Actor = { role: 'system' };
export const guest: Actor = { role: 'guest' };
export const participant = (participantId: string): Actor => ({ role: 'participant', participantId });

export const T0 = Date.UTC(2026, 10, 23, 9, 0, 0);

export function setup(overrides: Partial<SessionSetup> = {}): SessionSetup {
  return sessionSetupSchema.parse({
    title: 'Digital public infrastructure',
    tables: [
      { question: 'Who should govern digital identity?' },
      { question: 'How do we fund open infrastructure?' },
      { question: 'What does meaningful consultation look like?' },
    ],
    rounds: 3,
    roundSeconds: 20 * 60,
    movingSeconds: 2 * 60,
    autoAdvance: true,
    ...overrides,
  });
}

/** A running café whose commands must succeed; `log` keeps every fact in order. */
export class Cafe {
  readonly log: DomainEvent[];
  state: SessionState;
  now = T0;

  constructor(s: SessionSetup = setup()) {
    this.log = decideCreate(s, { sessionId: 's1', code: 'ABC234', facilitatorKeyHash: 'f-hash' }, this.now);
    this.state = replay(this.log);
  }

  /** Decides without applying, and proves the decision left the state alone. */
  try(command: Command, actor: Actor = facilitator): Decision<Record<string, unknown>> {
    const before = serialise(this.state);
    const decision = decideAs(this.state, command, actor, this.now);
    if (serialise(this.state) !== before) throw new Error(`deciding ${command.type} changed the state`);
    return decision;
  }

  do(command: Command, actor: Actor = facilitator) {
    const decision = this.try(command, actor);
    if (!decision.ok) throw new Error(`${command.type} refused: ${decision.error}: ${decision.message}`);
    for (const e of decision.events) {
      apply(this.state, e);
      this.log.push(e);
    }
    return decision;
  }

  /** Joins as the session's first group by default ("Government", or its own language's). */
  join(name: string, group = this.state.config.stakeholderGroups[0]!, presence: 'room' | 'remote' = 'room'): string {
    const participantId = `p-${name.toLowerCase().replace(/\W+/g, '-')}`;
    this.do({ type: 'participant:join', participantId, tokenHash: `h-${participantId}`, name, group, presence }, guest);
    return participantId;
  }

  joinMany(n: number, groups = this.state.config.stakeholderGroups.slice(0, 5)): string[] {
    return Array.from({ length: n }, (_, i) => this.join(`Person ${i + 1}`, groups[i % groups.length]));
  }

  advance(ms: number) {
    this.now += ms;
  }

  tableOf(pid: string) {
    return this.state.seats.get(pid);
  }

  /** What the facilitator's console previews (the server computes it on a worker, the same way). */
  preview(attempt?: number): SeatingPreview {
    return previewSeating(this.state, attempt === undefined ? {} : { attempt });
  }

  /** "Accept", as the server sends it to decide: completed with the preview it computed. */
  accept(preview: SeatingPreview, version = preview.version): Command {
    return { type: 'seating:accept', attempt: preview.attempt, version, preview };
  }
}

/** Seats by participant for one planned round, leaving out those who wait, as `state.seats` holds them. */
/** A planned round's seats as the state holds them: everyone with a table, as a Map. */
export function seated(seats: Record<string, string | null>): Map<string, string> {
  return new Map(Object.entries(seats).filter((e): e is [string, string] => e[1] !== null));
}

/** How many of the people in `plan` sit elsewhere in `actual`. */
export function movesFrom(
  plan: Record<string, string | null>,
  actual: Record<string, string | null | undefined> | ReadonlyMap<string, string>,
  except: string[] = [],
): number {
  const seatOf = (pid: string) => (actual instanceof Map ? actual.get(pid) : (actual as Record<string, string | null | undefined>)[pid]);
  const has = (pid: string) => (actual instanceof Map ? actual.has(pid) : Object.hasOwn(actual, pid));
  return Object.keys(plan).filter((pid) => !except.includes(pid) && has(pid) && (seatOf(pid) ?? null) !== plan[pid]).length;
}

/** The hard rules, checked on the seating the café holds now for `round` (see shared/rotation/rules.ts). */
export function rulesBroken(state: SessionState, round: number, fixed?: Record<string, string>) {
  const people = [...state.participants.values()]
    .filter((p) => p.status === 'active')
    .sort((a, b) => a.joinedAt - b.joinedAt || (a.id < b.id ? -1 : 1))
    .map((p) => ({ id: p.id, group: p.group, presence: p.presence, pinnedTo: p.pinnedTo }));
  const history = [];
  for (let r = 1; r < round; r++) if (state.sittings.get(r)) history.push(Object.fromEntries(state.sittings.get(r)!));
  const seats = Object.fromEntries(people.map((p) => [p.id, state.seats.get(p.id) ?? null]));
  return checkRules({ tables: state.tables, people, history, seed: 0, ...(fixed ? { fixed } : {}) }, seats);
}
