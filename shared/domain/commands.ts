import type { CommandPayload } from '../protocol/schemas.ts';
import type { CommandSchemas, JoinRequest } from '../protocol/schemas.ts';
import type { Phase } from './enums.ts';
import type { SeatingPreview } from './seating.ts';
import type { ParticipantId } from './state.ts';

/** zod infers an empty strict object as an index signature; a command with no fields is just its type. */
type Fields<K extends DomainCommandName> = string extends keyof CommandPayload<K> ? unknown : CommandPayload<K>;
type FromProtocol<K extends DomainCommandName> = { type: K } & Fields<K>;

/** Protocol commands that change a session (the transport-only ones are left out). */
export type DomainCommandName = Exclude<keyof CommandSchemas, 'clock:ping' | 'session:sync' | 'readout:mine' | 'seating:preview' | ShellCompleted>;
/** Commands the shell completes with ids and secrets it makes (or, for a plan, the seconds of work it did on a worker), so `decide` stays pure and quick. */
type ShellCompleted = 'rapporteur:invite' | 'readout:publish' | 'seating:accept';

export type Command =
  | { [K in DomainCommandName]: FromProtocol<K> }[DomainCommandName]
  /** Ids and token hashes are made by the shell, so `decide` stays pure. */
  | ({ type: 'participant:join'; participantId: ParticipantId; tokenHash: string } & JoinRequest)
  | ({ type: 'rapporteur:invite'; rapporteurId: string; tokenHash: string } & CommandPayload<'rapporteur:invite'>)
  | ({ type: 'readout:publish'; readoutId: string } & CommandPayload<'readout:publish'>)
  /** With the preview the shell computed (or had cached) for that attempt and version: `previewSeating`'s result. */
  | ({ type: 'seating:accept'; preview: SeatingPreview } & CommandPayload<'seating:accept'>)
  /** The clock says a phase's time is up; stale when phase or round moved on meanwhile. */
  | { type: 'timer:expire'; phase: Phase; round: number };

export type CommandType = Command['type'];
export type CommandOf<T extends CommandType> = Extract<Command, { type: T }>;

export type Actor =
  | { role: 'facilitator' }
  | { role: 'participant'; participantId: ParticipantId }
  | { role: 'rapporteur'; rapporteurId: string }
  | { role: 'guest' }
  | { role: 'system' };
