import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import type { Server } from 'socket.io';

/**
 * Socket.IO answers /socket.io/ itself, before Express and helmet see the request: the same
 * security headers go on its answers here (long-polling responses and the WebSocket upgrade).
 */
const SOCKET_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-resource-policy': 'same-origin',
  // Polling answers already say `no-store` (engine.io sets it).
};

export function socketHeaders(io: Pick<Server, 'engine'>): void {
  const add = (headers: OutgoingHttpHeaders | IncomingHttpHeaders) => Object.assign(headers, SOCKET_HEADERS);
  io.engine.on('initial_headers', add);
  io.engine.on('headers', add);
}
