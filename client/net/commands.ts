import type { Refusal, Result } from '../../shared/protocol/errors.ts';
import type { ClientToServerEvents } from '../../shared/protocol/events.ts';
import type { InputOf, SocketCommandName } from '../../shared/commands/index.ts';
import type { AppSocket } from './socket.ts';

/**
 * Commands are plain functions: emit with an ack, resolve with the server's `Result`.
 * They never throw; a lost connection or a timeout is a refusal like any other.
 */

/** Commands a client sends over its socket, as the command table declares them. */
export type ClientCommand = SocketCommandName;
export type ResultOf<K extends ClientCommand> = Parameters<Parameters<ClientToServerEvents[K]>[1]>[0];

const TIMEOUT_MS = 10_000;
let socket: AppSocket | null = null;

/** Called by the connection when it opens and closes; components never see the socket. */
export function bindSocket(s: AppSocket | null): void {
  socket = s;
}

export function isConnected(): boolean {
  return socket?.connected ?? false;
}

/** Client-side refusals use the server's codes, so the UI has one way to explain a failure. */
export const notConnected: Refusal = { ok: false, error: 'unavailable', message: 'Not connected to the server.' };
export const timedOut: Refusal = { ok: false, error: 'unavailable', message: 'The server did not answer in time.' };

export async function send<K extends ClientCommand>(name: K, payload: InputOf<K>, timeoutMs = TIMEOUT_MS): Promise<ResultOf<K>> {
  // Not buffered while offline: a facilitator's click must not fire minutes later.
  if (!socket?.connected) return notConnected;
  try {
    const timed = socket.timeout(timeoutMs) as unknown as { emitWithAck(event: K, payload: InputOf<K>): Promise<ResultOf<K>> };
    return await timed.emitWithAck(name, payload);
  } catch {
    return timedOut;
  }
}

export type { Result };
