import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import type { Result } from '../../shared/protocol/errors.ts';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/protocol/events.ts';

export type BenchSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A real Socket.IO client as a phone would open it, minus the reconnection a benchmark must not hide. */
export function openSocket(url: string, token: string, localAddress?: string): BenchSocket {
  const options = {
    auth: { token },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    // No per-message compression: the server does not offer it (Socket.IO's default) and notes are small.
    perMessageDeflate: false,
    // Passed through to `ws` at runtime though engine.io-client's types leave it out.
    ...(localAddress ? { localAddress } : {}),
  } as unknown as Partial<ManagerOptions & SocketOptions>;
  return io(url, options);
}

type LooseEmitter = {
  timeout(ms: number): { emit(event: string, payload: unknown, ack: (err: Error | null, result: Result<Record<string, unknown>>) => void): void };
};

/** Emits a command and resolves with its acknowledgement, or `timedOut` — never rejects. */
export function command(
  socket: BenchSocket,
  event: string,
  payload: unknown,
  timeoutMs: number,
): Promise<{ result?: Result<Record<string, unknown>>; timedOut: boolean }> {
  return new Promise((resolve) => {
    (socket as unknown as LooseEmitter).timeout(timeoutMs).emit(event, payload, (err, result) => {
      resolve(err ? { timedOut: true } : { result, timedOut: false });
    });
  });
}
