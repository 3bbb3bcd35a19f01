import type { Logger } from 'pino';
import type { Clock } from '../clock.ts';
import type { Planner } from '../sessions/planner.ts';
import type { ThemeSuggester } from '../harvest/suggestWorker.ts';
import type { SessionRegistry } from '../sessions/registry.ts';
import type { SessionRuntime } from '../sessions/runtime.ts';
import type { AudioHub } from './audio.ts';
import { PaceWatch } from '../moderation/pace.ts';
import { dispatcher } from './dispatch.ts';
import type { Fanout, Io } from './fanout/index.ts';
import { replayable } from './fanout/replay.ts';
import type { Limits } from '../security/limits.ts';
import { authenticate, type AppSocket } from './handshake.ts';
import { enterRooms, snapshotFor } from './presence.ts';

export interface RealtimeDeps {
  io: Io;
  registry: SessionRegistry;
  planner: Planner;
  suggester: ThemeSuggester;
  clock: Clock;
  logger: Logger;
  limits: Limits;
  fanout: Fanout;
  /** Whom Socket.IO's handshake accepts browsers from (see server/security/origin.ts). */
  trustProxy?: string;
  /** Base of the links handed out; the request's host when unset. */
  publicUrl?: string;
  /** Table audio: told when a connection in a call closes. */
  audio: AudioHub;
}

/** The socket side of the server: who connects (handshake), what they see first, what they may send. */
export function attachRealtime({ io, registry, planner, suggester, clock, logger, limits, fanout, publicUrl, audio }: RealtimeDeps): void {
  const runtimeOf = new WeakMap<AppSocket, SessionRuntime>();
  const pace = new PaceWatch(io, clock);
  const listen = dispatcher({ planner, suggester, clock, logger, limits, pace, link: (socket) => (path) => `${baseUrl(socket)}${path}` });

  const check = authenticate(registry, logger, runtimeOf, limits.guesses);
  io.use((socket, next) => void check(socket, next));
  io.on('connection', (socket: AppSocket) => {
    const runtime = runtimeOf.get(socket);
    if (!runtime) return void socket.disconnect(true);
    if (publicUrl) socket.data.publicUrl = publicUrl.replace(/\/$/, '');
    enterRooms(socket, runtime);
    // A client that says which version it saw hears only what it missed, if that is close enough;
    // anyone else gets their whole view. Same turn as entering the rooms: nothing falls between.
    const since = resumeFrom(socket);
    const missed = since !== null ? runtime.factsSince(since) : null;
    if (missed && replayable(socket.data, missed)) fanout.replay(socket, runtime.state, missed, since!);
    else socket.emit('session:snapshot', snapshotFor(socket, runtime), runtime.state.version);
    const dispatch = listen(socket, runtime);
    socket.onAny((event: string, ...args: unknown[]) => void dispatch(event, ...args));
    socket.on('disconnect', () => audio.disconnected(socket, runtime));
  });

  function resumeFrom(socket: AppSocket): number | null {
    const version: unknown = socket.handshake.auth?.version;
    return typeof version === 'number' && Number.isSafeInteger(version) && version > 0 ? version : null;
  }

  function baseUrl(socket: AppSocket): string {
    if (publicUrl) return publicUrl.replace(/\/$/, '');
    const host = socket.handshake.headers.host ?? 'localhost';
    const proto = socket.handshake.secure ? 'https' : 'http';
    return `${proto}://${host}`;
  }
}
