import type { Logger } from 'pino';
import type { Socket } from 'socket.io';
import type { Actor, Command } from '../../shared/domain/commands.ts';
import { ErrorCode, refuse, type Refusal, type Result } from '../../shared/protocol/errors.ts';
import type { ClientToServerEvents, InterServerEvents, ServerToClientEvents, SocketData } from '../../shared/protocol/events.ts';
import { commandSchemas, describeZodError, type CommandName } from '../../shared/protocol/schemas.ts';
import type { Snapshot } from '../../shared/protocol/views.ts';
import type { Clock } from '../clock.ts';
import { hashToken, newRapporteurId, newReadoutId, newToken, parseToken, sameSecret, TokenRole } from '../security/tokens.ts';
import { seatingInput } from '../../shared/domain/seating.ts';
import type { Planner } from '../sessions/planner.ts';
import type { SessionRegistry } from '../sessions/registry.ts';
import type { SessionRuntime } from '../sessions/runtime.ts';
import { displaySnapshot } from '../views/display.ts';
import { facilitatorSnapshot } from '../views/facilitator.ts';
import { myNotes, rapporteurSnapshot, readoutPath } from '../views/harvest.ts';
import { participantSnapshot } from '../views/participant.ts';
import { previewView } from '../views/seating.ts';
import type { Io } from './fanout.ts';
import { RateLimiter } from './rateLimit.ts';
import { rooms } from './rooms.ts';

type AppSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

export interface RealtimeDeps {
  io: Io;
  registry: SessionRegistry;
  planner: Planner;
  clock: Clock;
  logger: Logger;
  rate: { burst: number; perSecond: number };
  /** Base of the links handed out; the request's host when unset. */
  publicUrl?: string;
}

/** Refusals at the handshake reach the client as `connect_error` with `data: { error, message }`. */
function handshakeError(error: Refusal['error'], message: string): Error {
  return Object.assign(new Error(message), { data: { error, message } });
}

/**
 * Commands that only read: they are not rate-limited with writes and any role may send them.
 * `seating:preview` reads too, but it costs as much as a write or more, so it is limited as one.
 */
const READS = new Set<CommandName>(['clock:ping', 'session:sync', 'readout:mine']);

export function attachRealtime({ io, registry, planner, clock, logger, rate, publicUrl }: RealtimeDeps): void {
  const writes = new RateLimiter(rate.burst, rate.perSecond);
  const reads = new RateLimiter(rate.burst * 2, rate.perSecond * 4);
  const runtimeOf = new WeakMap<AppSocket, SessionRuntime>();

  io.use(async (socket, next) => {
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
          if (!sameSecret(hashToken(token as string), state.facilitatorKeyHash)) {
            return next(handshakeError(ErrorCode.unauthorised, 'This facilitator link is not valid.'));
          }
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
      }
    } catch (error) {
      logger.error({ err: error }, 'handshake failed');
      next(handshakeError(ErrorCode.internal, 'The server could not check these credentials.'));
    }
  });

  io.on('connection', (socket: AppSocket) => {
    const runtime = runtimeOf.get(socket);
    if (!runtime) return void socket.disconnect(true);
    enterRooms(socket, runtime);
    socket.emit('session:snapshot', snapshotFor(socket, runtime));

    const limiterKey = socket.data.participantId ? `${socket.data.sessionId}:${socket.data.participantId}` : socket.id;
    socket.on('disconnect', () => {
      if (!socket.data.participantId) {
        writes.forget(limiterKey);
        reads.forget(limiterKey);
      }
    });

    // One dispatcher per socket rather than a listener per command: ~5 kB less heap per connection.
    socket.onAny(async (event: string, ...args: unknown[]) => {
      const ack = args[args.length - 1];
      // Every command must be acknowledged; one without a callback has nobody to tell and is dropped.
      if (typeof ack !== 'function') return;
      if (!Object.hasOwn(commandSchemas, event)) return ack(refuse(ErrorCode.unknownCommand, `Unknown command "${event.slice(0, 40)}".`));
      const name = event as CommandName;
      const reply = (result: Result) => (ack as (r: Result) => void)(result);
      try {
        reply(await handle(socket, runtime, name, args.length > 1 ? args[0] : undefined));
      } catch (error) {
        logger.error({ err: error, command: name, sessionId: runtime.id }, 'command failed');
        reply(refuse(ErrorCode.internal, 'Something went wrong on the server; nothing was changed. Try again.'));
      }
    });
  });

  async function handle(socket: AppSocket, runtime: SessionRuntime, name: CommandName, payload: unknown): Promise<Result<Record<string, unknown>>> {
    const limiter = READS.has(name) ? reads : writes;
    const key = socket.data.participantId ? `${socket.data.sessionId}:${socket.data.participantId}` : socket.id;
    if (!limiter.take(key, clock.now())) return refuse(ErrorCode.rateLimited, 'Too many requests; wait a moment and try again.');
    const parsed = commandSchemas[name].safeParse(payload);
    if (!parsed.success) return refuse(ErrorCode.invalid, describeZodError(parsed.error));

    if (name === 'clock:ping') return { ok: true, ...(parsed.data as { t0: number }), serverNow: clock.now() };
    if (name === 'session:sync') {
      await runtime.sync();
      enterRooms(socket, runtime);
      socket.emit('session:snapshot', snapshotFor(socket, runtime));
      return { ok: true };
    }
    if (name === 'readout:mine') {
      if (socket.data.role !== 'participant') return refuse(ErrorCode.forbidden, 'Only participants have notes of their own.');
      await runtime.sync();
      return { ok: true, ...myNotes(runtime.state, socket.data.participantId!) };
    }
    if (name === 'seating:preview' || name === 'seating:accept') {
      if (socket.data.role !== 'facilitator') return refuse(ErrorCode.forbidden, 'Only the facilitator can do this.');
      // A copy of what seating depends on, taken between commands; the planning itself runs on a worker.
      const input = await runtime.read(seatingInput);
      if (input.phase === 'closed') return refuse(ErrorCode.closed, 'This session has closed.');
      if (input.phase === 'harvest') return refuse(ErrorCode.wrongPhase, 'Seating is over once the harvest opens.');
      if (name === 'seating:preview') {
        const { attempt, detail } = parsed.data as { attempt?: number; detail?: 'next' | 'all' };
        const preview = await planner.preview(input, attempt ?? input.plan?.attempt ?? 0);
        return { ok: true, ...previewView(preview, input.tables, detail ?? 'next') };
      }
      const { attempt, version } = parsed.data as { attempt: number; version: number };
      // Planning a café that has changed since would be wasted: decide refuses it anyway.
      if (version !== input.seatingVersion) return refuse(ErrorCode.conflict, 'The café changed since this preview (someone joined, left or was moved); look at the new one.');
      const preview = await planner.preview(input, attempt);
      const decision = await runtime.execute({ type: 'seating:accept', attempt, version, preview }, { role: 'facilitator' });
      return decision.ok ? { ok: true, ...decision.reply } : decision;
    }
    const actor = actorOf(socket);
    if (!actor) return refuse(ErrorCode.forbidden, 'The room display can only watch.');
    // Ids and secrets are made here, so the domain stays pure.
    if (name === 'rapporteur:invite') {
      const rapporteurId = newRapporteurId();
      const token = newToken(TokenRole.rapporteur, runtime.id);
      const decision = await runtime.execute({ type: name, ...(parsed.data as object), rapporteurId, tokenHash: hashToken(token) } as Command, actor);
      if (!decision.ok) return decision;
      return { ok: true, ...decision.reply, token, url: `${baseUrl(socket)}/rapporteur/${runtime.id}#${token}` };
    }
    if (name === 'readout:publish') {
      const readoutId = newReadoutId(runtime.id);
      const decision = await runtime.execute({ type: name, ...(parsed.data as object), readoutId } as Command, actor);
      return decision.ok ? { ok: true, ...decision.reply, url: readoutPath(readoutId) } : decision;
    }
    const decision = await runtime.execute({ type: name, ...(parsed.data as object) } as Command, actor);
    return decision.ok ? { ok: true, ...decision.reply } : decision;
  }

  function baseUrl(socket: AppSocket): string {
    if (publicUrl) return publicUrl.replace(/\/$/, '');
    const host = socket.handshake.headers.host ?? 'localhost';
    const proto = socket.handshake.secure ? 'https' : 'http';
    return `${proto}://${host}`;
  }
}

function actorOf(socket: AppSocket): Actor | null {
  switch (socket.data.role) {
    case 'facilitator':
      return { role: 'facilitator' };
    case 'participant':
      return { role: 'participant', participantId: socket.data.participantId! };
    case 'rapporteur':
      return { role: 'rapporteur', rapporteurId: socket.data.rapporteurId! };
    case 'display':
      return null;
  }
}

function enterRooms(socket: AppSocket, runtime: SessionRuntime) {
  const { sessionId: sid, role, participantId, rapporteurId } = socket.data;
  const wanted = [rooms.session(sid)];
  if (role === 'facilitator') wanted.push(rooms.facilitators(sid));
  if (role === 'display') wanted.push(rooms.displays(sid));
  if (role === 'rapporteur') wanted.push(rooms.rapporteurs(sid), rooms.rapporteur(sid, rapporteurId!));
  if (participantId) {
    wanted.push(rooms.participant(participantId));
    const tableId = runtime.state.seats.get(participantId);
    if (tableId) wanted.push(rooms.table(sid, tableId));
  }
  // A resync may follow a move: leave table rooms that no longer apply.
  for (const room of socket.rooms) if (room !== socket.id && !wanted.includes(room)) socket.leave(room);
  socket.join(wanted);
}

function snapshotFor(socket: AppSocket, runtime: SessionRuntime): Snapshot {
  switch (socket.data.role) {
    case 'facilitator':
      return facilitatorSnapshot(runtime.state);
    case 'rapporteur':
      return rapporteurSnapshot(runtime.state, socket.data.rapporteurId!);
    case 'display':
      return displaySnapshot(runtime.state);
    case 'participant':
      return participantSnapshot(runtime.state, socket.data.participantId!);
  }
}
