// First of all: a write to Object.prototype anywhere in the process must fail, not poison it.
import './security/tripwire.ts';
import pino from 'pino';
import { createClient } from 'redis';
import { createApp } from './app.ts';
import { audioConfig, readEnv } from './config.ts';
import { dieAfterAppend } from './store/faults.ts';
import { RedisStore } from './store/redis.ts';
import { SqliteStore } from './store/sqlite.ts';
import type { SessionStore } from './store/types.ts';

const env = readEnv();
const audio = audioConfig(env);
const logger = pino({ level: env.LOG_LEVEL });

// One process: the embedded SQLite log. Several processes: shared logs in Redis, which each follows.
// Without Redis a command fails at once (`unavailable`) rather than waiting in a queue for it.
const redis = env.REDIS_URL ? createClient({ url: env.REDIS_URL, disableOfflineQueue: true }) : undefined;
redis?.on('error', (err) => logger.error({ err }, 'redis'));
await redis?.connect();
let store: SessionStore = redis ? new RedisStore(redis) : new SqliteStore({ dataDir: env.TABLEHOP_DATA_DIR, synchronous: env.TABLEHOP_SQLITE_SYNC });
if (env.TABLEHOP_FAULT_DIE_AFTER_APPEND) {
  logger.warn({ fact: env.TABLEHOP_FAULT_DIE_AFTER_APPEND }, 'fault injection: this process dies right after appending such a fact');
  store = dieAfterAppend(store, env.TABLEHOP_FAULT_DIE_AFTER_APPEND);
}
const app = createApp({
  store,
  redis,
  logger,
  publicUrl: env.PUBLIC_URL,
  rate: { burst: env.TABLEHOP_RATE_BURST, perSecond: env.TABLEHOP_RATE_PER_SECOND },
  notePace: { burst: env.TABLEHOP_NOTE_BURST, perMinute: env.TABLEHOP_NOTES_PER_MINUTE },
  httpWritesPerMinute: env.TABLEHOP_HTTP_PER_MINUTE,
  trustProxy: env.TRUST_PROXY,
  allowedOrigins: env.TABLEHOP_ALLOWED_ORIGINS,
  metricsToken: env.TABLEHOP_METRICS_TOKEN,
  serveSourceMaps: env.TABLEHOP_SOURCEMAPS === '1',
  audio,
});

const { url } = await app.listen(env.PORT, env.HOST);
logger.info(`Tablehop is running at ${url} (${redis ? `sessions in Redis at ${env.REDIS_URL}` : `data in ${env.TABLEHOP_DATA_DIR}`})`);

let closing = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (closing) process.exit(1);
    closing = true;
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
