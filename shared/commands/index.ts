import type { z } from 'zod';
import { Phase } from '../domain/enums.ts';
import { audioCommands } from './audio.ts';
import type { SessionState } from '../domain/state.ts';
import { ErrorCode, refuse, type Refusal } from '../protocol/errors.ts';
import { quickCheckOf, UNSURE } from '../protocol/quick.ts';
import { harvestCommands } from './harvest.ts';
import { moderationCommands } from './moderation.ts';
import { noteCommands } from './notes.ts';
import { peopleCommands } from './people.ts';
import { readoutCommands } from './readout.ts';
import { roundCommands } from './rounds.ts';
import type { Access, AccessRule } from './access.ts';
import { forbiddenFor, type Via, type Actor, type Checked, type CommandContext, type CommandSpec, type Decision } from './spec.ts';
import { staffCommands } from './staff.ts';
import { transportCommands } from './transport.ts';

/**
 * The command table: every command of every family, each declared once in its family's module.
 * Everything else is derived from it: the socket's event map and dispatch, the permission matrix
 * (docs/permissions.md and its test), and what each client may offer.
 */
export const families = {
  people: peopleCommands,
  rounds: roundCommands,
  notes: noteCommands,
  moderation: moderationCommands,
  harvest: harvestCommands,
  readout: readoutCommands,
  staff: staffCommands,
  transport: transportCommands,
  audio: audioCommands,
} as const;

type Families = typeof families;
type Table = { [F in keyof Families]: Families[F] }[keyof Families];
type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
export type Commands = UnionToIntersection<Table>;
export type CommandName = Extract<keyof Commands, string>;

export const commands = mergeFamilies() as unknown as Commands;
const byName = new Map<string, CommandSpec>(Object.entries(commands as unknown as Record<string, CommandSpec>));

/** What a client sends for a command, before parsing (strings untrimmed, ids unchecked). */
export type InputOf<K extends CommandName> = z.input<Commands[K]['schema']>;
/** The same once the boundary has parsed it. */
export type PayloadOf<K extends CommandName> = z.output<Commands[K]['schema']>;
/** What the command is acknowledged with on success (besides `ok: true`). */
export type ReplyOf<K extends CommandName> = Commands[K] extends { kind: 'write'; decide(...args: never[]): Decision<infer R> }
  ? R
  : Commands[K] extends { kind: 'read'; reply?: infer R }
    ? Exclude<R, undefined>
    : never;

type ViaOf<K extends CommandName> = Commands[K] extends Via<infer V> ? V : 'socket';
/** Commands a client sends over its socket (joins come over HTTP, expiries from the clock). */
export type SocketCommandName = { [K in CommandName]: ViaOf<K> extends 'socket' ? K : never }[CommandName];

export function specOf(name: string): CommandSpec | undefined {
  return byName.get(name);
}

/** Each command's quick yes, derived from its schema once (shared/protocol/quick.ts); absent where zod alone decides. */
const quickChecks = new Map(
  [...byName].flatMap(([name, spec]) => {
    const check = quickCheckOf(spec.schema);
    return check ? [[name, check] as const] : [];
  }),
);

/**
 * A command's input as the boundary parses it: zod's answer, or, for input the quick check is
 * sure of, the same answer without the walk through zod. Refusals are always zod's. Looked up by
 * name alone, so the quick check and the schema are always the same command's.
 */
export function parseInput(name: CommandName, input: unknown): z.ZodSafeParseResult<unknown> {
  const quick = quickChecks.get(name)?.(input) ?? UNSURE;
  return quick === UNSURE ? byName.get(name)!.schema.safeParse(input) : { success: true, data: quick };
}

export function isSocketCommand(name: string): name is SocketCommandName {
  const spec = byName.get(name);
  return spec !== undefined && (spec.via ?? 'socket') === 'socket';
}

/**
 * The gate every command passes before its rule: the role, a session still open, a participant
 * still in it, a rapporteur link still valid, the phase. Returns the checked actor.
 */
export function gate(state: SessionState, spec: CommandSpec, actor: Actor): Checked | Refusal {
  if (actor.role !== 'system' && !spec.roles.includes(actor.role)) return forbiddenFor(spec.roles, actor);
  if (state.phase === Phase.closed && !spec.phases.includes(Phase.closed)) return refuse(ErrorCode.closed, 'This session has closed.');
  let checked: Checked;
  switch (actor.role) {
    case 'participant': {
      const participant = state.participants.get(actor.participantId);
      const waiting = participant?.status === 'waiting';
      if (!participant || (participant.status !== 'active' && !waiting)) return refuse(ErrorCode.unauthorised, 'You are no longer part of this session.');
      if (waiting && !spec.fromLobby) return refuse(ErrorCode.forbidden, 'You are in the lobby: a facilitator will let you in.');
      checked = { role: 'participant', participant };
      break;
    }
    case 'cofacilitator': {
      const cofacilitator = state.cofacilitators.get(actor.cofacilitatorId);
      if (!cofacilitator || cofacilitator.revoked) return refuse(ErrorCode.unauthorised, 'This co-facilitator link was withdrawn.');
      checked = { role: 'cofacilitator', cofacilitator };
      break;
    }
    case 'rapporteur': {
      const rapporteur = state.rapporteurs.get(actor.rapporteurId);
      if (!rapporteur || rapporteur.revoked) return refuse(ErrorCode.unauthorised, 'This rapporteur link is no longer valid.');
      checked = { role: 'rapporteur', rapporteur };
      break;
    }
    case 'device': {
      const table = state.tables.find((t) => t.id === actor.tableId);
      if (!table || state.devices.get(table.id)?.deviceId !== actor.deviceId)
        return refuse(ErrorCode.unauthorised, 'This table device link was replaced; open the new one.');
      checked = { role: 'device', table };
      break;
    }
    default:
      checked = actor;
  }
  if (!spec.phases.includes(state.phase))
    return refuse(ErrorCode.wrongPhase, spec.wrongPhase ?? `Not possible while the session is in its ${state.phase} phase.`);
  return checked;
}

/**
 * Decides a write: the gate, then the family's rule. Pure: the state is never touched, time and
 * ids come in the context. `input` must have passed the command's schema.
 */
export function decideCommand<K extends CommandName>(
  state: SessionState,
  name: K,
  input: PayloadOf<K>,
  actor: Actor,
  ctx: CommandContext,
): Decision<ReplyOf<K> & object> {
  const spec = byName.get(name);
  if (!spec || spec.kind !== 'write') return refuse(ErrorCode.unknownCommand, 'No such command.');
  const checked = gate(state, spec, actor);
  if ('ok' in checked) return checked;
  return spec.decide(state, input, checked, ctx) as Decision<ReplyOf<K> & object>;
}

/**
 * When each command a role may send over its socket is accepted: derived from the table and sent
 * to each client in its snapshot, so a console offers what the server would accept and no client
 * keeps a copy of the rules.
 */
export function accessFor(role: Actor['role']): Access {
  const access: Record<string, AccessRule> = {};
  for (const [name, spec] of byName) {
    if (!spec.roles.includes(role) || (spec.via ?? 'socket') !== 'socket') continue;
    access[name] = { phases: spec.phases, ...(spec.offerWhen?.timer ? { timer: spec.offerWhen.timer } : {}) };
  }
  return access;
}

function mergeFamilies(): Record<string, CommandSpec> {
  const all = Object.create(null) as Record<string, CommandSpec>;
  for (const [family, table] of Object.entries(families)) {
    for (const [name, spec] of Object.entries(table as Record<string, CommandSpec>)) {
      if (name in all) throw new Error(`Command ${name} is declared twice (again in ${family}).`);
      if (!/^[a-z]+:[a-z][A-Za-z]*$/.test(name)) throw new Error(`Command ${name} is not named noun:verb.`);
      all[name] = spec;
    }
  }
  return all;
}
