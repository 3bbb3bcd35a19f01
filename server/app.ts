import compression from 'compression';
import express from 'express';
import expressStaticGzip from 'express-static-gzip';
import helmet from 'helmet';
import { existsSync } from 'node:fs';
import { createServer, type Server as HttpServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pino, { type Logger } from 'pino';
import type { RedisClientType } from 'redis';
import { Server } from 'socket.io';
import { Limits } from '../shared/protocol/limits.ts';
import { systemClock, type Clock } from './clock.ts';
import { apiErrors, apiRouter } from './http/api.ts';
import { healthRouter } from './http/health.ts';
import { audioAdapter } from './realtime/adapter.ts';
import { readoutRouter } from './http/readouts.ts';
import { AudioHub, registerHub } from './realtime/audio.ts';
import { Fanout, type Io } from './realtime/fanout/index.ts';
import { attachRealtime } from './realtime/socket.ts';
import { createLimits } from './security/limits.ts';
import { originPolicy } from './security/origin.ts';
import { socketHeaders } from './security/headers.ts';
import { hashToken, sameSecret } from './security/tokens.ts';
import { ThemeSuggester } from './harvest/suggestWorker.ts';
import { Planner } from './sessions/planner.ts';
import { noIceServers, type AudioConfig } from './security/turn.ts';
import { SessionRegistry } from './sessions/registry.ts';
import { StoreUnavailable, type Follower, type SessionStore } from './store/types.ts';

export interface AppOptions {
  store: SessionStore;
  /** Set when several processes share sessions: budgets and table audio's relay go through it (the logs are the store's). */
  redis?: RedisClientType;
  clock?: Clock;
  logger?: Logger;
  publicUrl?: string;
  /** Folder of the built client; the default is `dist/client` at the repository root. */
  clientDir?: string;
  rate?: { burst: number; perSecond: number };
  /** Notes one participant may write at once and per minute (default: 6, then 12 a minute). */
  notePace?: { burst: number; perMinute: number };
  httpWritesPerMinute?: number;
  trustProxy?: string;
  /** Where seating previews are computed: a worker thread (the default), or inline for debugging. */
  planner?: 'worker' | 'inline';
  /** Where theme suggestions are computed: a worker thread (the default), or inline for debugging. */
  suggester?: 'worker' | 'inline';
  /** How long a closed session stays in memory after its last use (default 10 minutes). */
  releaseClosedAfterMs?: number;
  /** Web origins besides this server's own whose pages may open a socket. */
  allowedOrigins?: readonly string[];
  /** Bearer token for GET /metrics; without one, the route does not exist. */
  metricsToken?: string;
  /** Serve the client's source maps (off by default). */
  serveSourceMaps?: boolean;
  /** Table audio's ICE servers and TURN secret; none by default (browsers on one network). */
  audio?: AudioConfig;
}

export interface App {
  http: HttpServer;
  io: Io;
  registry: SessionRegistry;
  logger: Logger;
  /** Restores open sessions, then listens; port 0 picks a free one. */
  listen(port?: number, host?: string): Promise<{ port: number; url: string }>;
  close(): Promise<void>;
}

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DISPLAY_REFRESH_MS = 500;

/** Builds the whole server without listening, so tests start it on an ephemeral port. */
export function createApp(options: AppOptions): App {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? pino({ level: 'silent' });
  const app = express();
  const http = createServer(app);
  const origins = originPolicy({ publicUrl: options.publicUrl, allowed: options.allowedOrigins });
  const io: Io = new Server(http, {
    maxHttpBufferSize: Limits.maxMessageBytes,
    allowRequest: (req, callback) =>
      origins.allows(req) ? callback(null, true) : callback(`Pages from ${String(req.headers.origin).slice(0, 100)} may not connect to this server.`, false),
    // Table audio's calls span processes through Redis; sessions do not need it (see adapter.ts).
    ...(options.redis ? { adapter: audioAdapter(options.redis, logger) } : {}),
    serveClient: false,
    // Phones on venue Wi-Fi drop quietly; notice within ~20 s rather than the default ~45 s.
    pingInterval: 10_000,
    pingTimeout: 10_000,
  });
  socketHeaders(io);

  const displayTimers = new Map<string, NodeJS.Timeout>();
  const audio = new AudioHub(io, options.audio ?? noIceServers, clock, logger);
  registerHub(io, audio);
  const fanout = new Fanout(
    io,
    (sessionId) => {
      // Displays need the table map, not every join: refresh at most twice a second.
      if (displayTimers.has(sessionId)) return;
      displayTimers.set(
        sessionId,
        setTimeout(() => {
          displayTimers.delete(sessionId);
          registry.get(sessionId).then(
            (r) => r && fanout.refreshDisplays(r.state),
            () => undefined,
          );
        }, DISPLAY_REFRESH_MS),
      );
    },
    (state, tables) => audio.tablesTouched(state, tables),
  );
  const registry = new SessionRegistry({ store: options.store, clock, fanout, logger }, { releaseClosedAfterMs: options.releaseClosedAfterMs });
  let follower: Follower | undefined;
  let restoring: NodeJS.Timeout | undefined;
  const planner = new Planner(logger, options.planner ?? 'worker');
  // One per process: the harvest of one session never runs on the event loop the others share.
  const suggester = new ThemeSuggester(logger, options.suggester ?? 'worker');
  const rate = options.rate ?? { burst: 30, perSecond: 5 };
  const limits = createLimits(
    { ...rate, httpPerMinute: options.httpWritesPerMinute ?? 600, ...(options.notePace ? { notes: options.notePace } : {}) },
    options.redis,
  );
  attachRealtime({ io, registry, planner, suggester, clock, logger, limits, fanout, publicUrl: options.publicUrl, audio });

  if (options.trustProxy) app.set('trust proxy', options.trustProxy);
  app.disable('x-powered-by');
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          'img-src': ["'self'", 'data:', 'blob:'],
          // Venues often serve over plain http on the local network; do not force https.
          'upgrade-insecure-requests': null,
        },
      },
      strictTransportSecurity: false,
    }),
  );
  // Phones on venue Wi-Fi pay for every byte; built files come precompressed (below), the rest here.
  app.use(compression());
  app.use((_req, res, next) => {
    res.locals.logger = logger;
    next();
  });
  app.use(healthRouter({ store: options.store, follower: () => follower }));
  if (options.metricsToken) {
    const expected = hashToken(`Bearer ${options.metricsToken}`);
    app.get('/metrics', (req, res) => {
      if (!sameSecret(hashToken(req.get('authorization') ?? ''), expected))
        return res.status(401).json({ ok: false, error: 'unauthorised', message: 'This route needs the metrics token.' });
      res
        .set('Cache-Control', 'no-store')
        .json({ ok: true, sessions: registry.size, connections: io.engine.clientsCount, uptimeSeconds: Math.round(process.uptime()) });
    });
  }
  // Published readouts: the public page and its exports, ahead of the client's routes.
  app.use(readoutRouter({ registry }));
  app.use('/api', apiRouter({ registry, publicUrl: options.publicUrl, limits }));
  app.use('/api', apiErrors);

  const clientDir = options.clientDir ?? join(ROOT, 'dist', 'client');
  if (!options.serveSourceMaps) app.use((req, res, next) => (req.path.endsWith('.map') ? res.status(404).end() : next()));
  if (existsSync(clientDir)) {
    // The build wrote .br and .gz beside each file; the browser gets the best it accepts.
    app.use(
      expressStaticGzip(clientDir, {
        enableBrotli: true,
        orderPreference: ['br', 'gz'],
        index: false,
        serveStatic: { index: false, maxAge: '1h', setHeaders: immutableAssets },
      }),
    );
    // Client-side routes (/join/ABC, /facilitate/…) all load the one page.
    app.get(/^\/(?!api\/|socket\.io\/).*/, (_req, res) => res.sendFile(join(clientDir, 'index.html'), { maxAge: 0 }));
  } else {
    app.get('/', (_req, res) => res.type('text').send('Tablehop server is running. Build the client with `npm run build`.'));
  }

  return {
    http,
    io,
    registry,
    logger,
    async listen(port = 0, host = '127.0.0.1') {
      // Follow the other processes' appends from before the sessions load, so none falls between.
      follower = await options.store.follow?.({ appended: (sessionId, version) => registry.appended(sessionId, version), missed: () => registry.catchUpAll() });
      const restored = await restoreOpen();
      await new Promise<void>((resolve, reject) => {
        http.once('error', reject);
        http.listen(port, host, () => resolve());
      });
      const address = http.address() as AddressInfo;
      const url = `http://${host === '0.0.0.0' ? 'localhost' : host}:${address.port}`;
      logger.info({ url, restored }, 'listening');
      return { port: address.port, url };
    },
    async close() {
      clearTimeout(restoring);
      await follower?.close();
      for (const t of displayTimers.values()) clearTimeout(t);
      await new Promise<void>((resolve) => void io.close(() => resolve()));
      await registry.dispose();
      await planner.close();
      await suggester.close();
      await options.store.close();
    },
  };

  /**
   * Brings back the open sessions. A store that cannot be read at start (a failed disk) does not
   * stop the process: it starts, is not ready (`/readyz`), and restores once the store answers.
   */
  async function restoreOpen(): Promise<number | 'later'> {
    try {
      return await registry.restoreOpen();
    } catch (error) {
      if (!(error instanceof StoreUnavailable)) throw error;
      logger.error({ err: error }, 'the store is unavailable: sessions will be restored once it is back');
      restoring = setTimeout(() => void restoreOpen().catch((err: unknown) => logger.error({ err }, 'restoring sessions failed')), 2000);
      return 'later';
    }
  }
}

function immutableAssets(res: ServerResponse, path: string) {
  // Vite fingerprints everything under assets/; the HTML must always be fresh.
  if (path.includes(`${join('assets', '')}`)) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
}
