import type { Logger } from 'pino';
import type { Socket } from 'socket.io';
import { ErrorCode, type Refusal } from '../../shared/protocol/errors.ts';
import type { ClientToServerEvents, InterServerEvents, SocketData, VersionedEvents } from '../../shared/protocol/events.ts';
import { waitFor, type Budget } from '../security/limits.ts';
import { hashToken, parseToken, sameSecret } from '../security/tokens.ts';
import type { SessionRegistry } from '../sessions/registry.ts';
import type { SessionRuntime } from '../sessions/runtime.ts';
import { StoreUnavailable } from '../store/types.ts';
import { deviceOf } from './device.ts';

export type AppSocket = Socket<ClientToServerEvents, VersionedEvents, InterServerEvents, SocketData>;

/** Refusals at the handshake reach the client as `connect_error` with `data: { error, message }`. */
function handshakeError(error: Refusal['error'], message: string): Error {
  return Object.assign(new Error(message), { data: { error, message } });
}

/**
 * Who is on the other end: the credential in `auth.token` names a role and a session, and only
 * its hash is compared with what the log holds. On success the socket carries its role, and the
 * runtime of its session is remembered for the dispatcher.
 */
export function authenticate(registry: SessionRegistry, logger: Logger, runtimeOf: WeakMap<AppSocket, SessionRuntime>, guesses: Budget) {
  return async (socket: AppSocket, next: (err?: Error) => void) => {
    const address = socket.handshake.address;
    // Guessing codes or credentials is throttled per address: every miss costs, hits are free.
    const refused = (error: Refusal['error'], message: string) => {
      void guesses.take(address);
      next(handshakeError(error, message));
    };
    try {
      const waiting = await guesses.blocked(address);
      if (waiting !== null)
        return next(handshakeError(ErrorCode.rateLimited, `Too many wrong codes or links from this address; try again in ${waitFor(waiting)}.`));
      const token: unknown = socket.handshake.auth?.token;
      const parsed = parseToken(token);
      if (!parsed) return refused(ErrorCode.unauthorised, 'Missing or malformed credentials.');
      const runtime = parsed.role === 'd' ? await registry.byCode(parsed.code) : await registry.get(parsed.sessionId);
      if (!runtime) return refused(ErrorCode.notFound, 'No such session.');
      await runtime.sync();
      runtimeOf.set(socket, runtime);
      const state = runtime.state;
      switch (parsed.role) {
        case 'd':
          socket.data = { sessionId: state.id, role: 'display' };
          return next();
        case 'f':
          if (!sameSecret(hashToken(token as string), state.facilitatorKeyHash)) return refused(ErrorCode.unauthorised, 'This facilitator link is not valid.');
          socket.data = { sessionId: state.id, role: 'facilitator' };
          return next();
        case 'c': {
          const hash = hashToken(token as string);
          const c = [...state.cofacilitators.values()].find((x) => sameSecret(hash, x.tokenHash));
          if (!c) return refused(ErrorCode.unauthorised, 'This facilitator link is not valid.');
          if (c.revoked) return next(handshakeError(ErrorCode.forbidden, 'This co-facilitator link was withdrawn.'));
          socket.data = { sessionId: state.id, role: 'cofacilitator', cofacilitatorId: c.id };
          return next();
        }
        case 'p': {
          const participantId = state.tokenIndex.get(hashToken(token as string));
          const p = participantId ? state.participants.get(participantId) : undefined;
          if (!p) return refused(ErrorCode.unauthorised, 'This participant link is not valid.');
          if (p.status === 'removed') return next(handshakeError(ErrorCode.forbidden, 'The facilitator removed you from this session.'));
          if (p.status === 'left') return next(handshakeError(ErrorCode.forbidden, 'You left this session; join again with the code.'));
          if (p.status === 'declined') return next(handshakeError(ErrorCode.forbidden, 'A facilitator did not let this join in.'));
          socket.data = { sessionId: state.id, role: 'participant', participantId: p.id };
          return next();
        }
        case 'r': {
          const hash = hashToken(token as string);
          const r = [...state.rapporteurs.values()].find((x) => sameSecret(hash, x.tokenHash));
          if (!r) return refused(ErrorCode.unauthorised, 'This rapporteur link is not valid.');
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
      if (error instanceof StoreUnavailable)
        return next(handshakeError(ErrorCode.unavailable, 'The server cannot read this session right now; it will try again.'));
      logger.error({ err: error }, 'handshake failed');
      next(handshakeError(ErrorCode.internal, 'The server could not check these credentials.'));
    }
  };
}
