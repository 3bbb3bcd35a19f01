import type { Logger } from 'pino';
import type { Socket } from 'socket.io';
import { ErrorCode, type Refusal } from '../../shared/protocol/errors.ts';
import type { ClientToServerEvents, InterServerEvents, ServerToClientEvents, SocketData } from '../../shared/protocol/events.ts';
import { hashToken, parseToken, sameSecret } from '../security/tokens.ts';
import type { SessionRegistry } from '../sessions/registry.ts';
import type { SessionRuntime } from '../sessions/runtime.ts';
import { deviceOf } from './device.ts';

export type AppSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

/** Refusals at the handshake reach the client as `connect_error` with `data: { error, message }`. */
function handshakeError(error: Refusal['error'], message: string): Error {
  return Object.assign(new Error(message), { data: { error, message } });
}

/**
 * Who is on the other end: the credential in `auth.token` names a role and a session, and only
 * its hash is compared with what the log holds. On success the socket carries its role, and the
 * runtime of its session is remembered for the dispatcher.
 */
export function authenticate(registry: SessionRegistry, logger: Logger, runtimeOf: WeakMap<AppSocket, SessionRuntime>) {
  return async (socket: AppSocket, next: (err?: Error) => void) => {
    try {
      const token: unknown = socket.handshake.auth?.token;
      const parsed = parseToken(token);
      if (!parsed) return next(handshakeError(ErrorCode.unauthorised, 'Missing or malformed credentials.'));
      const runtime = parsed.role === 'd' ? await registry.byCode(parsed.code) : await registry.get(parsed.sessionId);
      if (!runtime) return next(handshakeError(ErrorCode.notFound, 'No such session.'));
      await runtime.sync();
      runtimeOf.set(socket, runtime);
      const state = runtime.state;
      switch (parsed.role) {
        case 'd':
          socket.data = { sessionId: state.id, role: 'display' };
          return next();
        case 'f':
          if (!sameSecret(hashToken(token as string), state.facilitatorKeyHash)) return next(handshakeError(ErrorCode.unauthorised, 'This facilitator link is not valid.'));
          socket.data = { sessionId: state.id, role: 'facilitator' };
          return next();
        case 'p': {
          const participantId = state.tokenIndex.get(hashToken(token as string));
          const p = participantId ? state.participants.get(participantId) : undefined;
          if (!p) return next(handshakeError(ErrorCode.unauthorised, 'This participant link is not valid.'));
          if (p.status === 'removed') return next(handshakeError(ErrorCode.forbidden, 'The facilitator removed you from this session.'));
          if (p.status === 'left') return next(handshakeError(ErrorCode.forbidden, 'You left this session; join again with the code.'));
          socket.data = { sessionId: state.id, role: 'participant', participantId: p.id };
          return next();
        }
        case 'r': {
          const hash = hashToken(token as string);
          const r = [...state.rapporteurs.values()].find((x) => sameSecret(hash, x.tokenHash));
          if (!r) return next(handshakeError(ErrorCode.unauthorised, 'This rapporteur link is not valid.'));
          if (r.revoked) return next(handshakeError(ErrorCode.forbidden, 'The facilitator withdrew this rapporteur link.'));
          socket.data = { sessionId: state.id, role: 'rapporteur', rapporteurId: r.id };
          return next();
        }
        case 't': {
          const device = deviceOf(state, hashToken(token as string));
          if (!device) return next(handshakeError(ErrorCode.unauthorised, 'This table device link is not valid; the facilitator may have replaced it.'));
          socket.data = { sessionId: state.id, role: 'device', ...device };
          return next();
        }
      }
    } catch (error) {
      logger.error({ err: error }, 'handshake failed');
      next(handshakeError(ErrorCode.internal, 'The server could not check these credentials.'));
    }
  };
}
