import type { Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents, VersionedEvents } from '../../shared/protocol/events.ts';

/** Every event arrives with the session's version after its payload (see `VersionedEvents`). */
export type AppSocket = Socket<VersionedEvents, ClientToServerEvents>;

/** Every fact the server sends, listed once so the connection registers a listener for each. */
export const INBOUND_EVENTS = [
  'session:snapshot',
  'phase:changed',
  'note:added',
  'note:edited',
  'note:removed',
  'summary:written',
  'seat:changed',
  'table:changed',
  'table:history',
  'broadcast:sent',
  'roster:changed',
  'tables:changed',
  'seating:changed',
  'display:tables',
  'session:ended',
  // The harvest (added by the harvest helper).
  'harvest:changed',
  'harvest:patch',
  'display:harvest',
  'rapporteurs:changed',
  'ballot:changed',
  'ballot:mine',
  'readout:published',
  'admission:changed',
  'cofacilitators:changed',
  // Table audio: only remote members, table devices and hosts ever receive these.
  'audio:roster',
  'audio:signal',
  'audio:ended',
  'moderation:changed',
  'moderation:pace',
  'moderation:muted',
] as const satisfies readonly (keyof ServerToClientEvents)[];

// Fails to compile when the protocol gains an event this list forgot.
type Missing = Exclude<keyof ServerToClientEvents, (typeof INBOUND_EVENTS)[number]>;
const _exhaustive: [Missing] extends [never] ? true : Missing = true;
void _exhaustive;

/** What a role's store does with each fact; events a role never receives are simply absent. */
export type Handlers = { [E in keyof ServerToClientEvents]?: ServerToClientEvents[E] };
