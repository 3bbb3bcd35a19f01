import pino from 'pino';
import { createApp } from './app.ts';
import { readEnv } from './config.ts';
import { SqliteStore } from './store/sqlite.ts';

const env = readEnv();
const logger = pino({ level: env.LOG_LEVEL });
const store = new SqliteStore({ dataDir: env.TABLEHOP_DATA_DIR, synchronous: env.TABLEHOP_SQLITE_SYNC });
const app = createApp({
  store,
  logger,
  publicUrl: env.PUBLIC_URL,
  rate: { burst: env.TABLEHOP_RATE_BURST, perSecond: env.TABLEHOP_RATE_PER_SECOND },
  httpWritesPerMinute: env.TABLEHOP_HTTP_PER_MINUTE,
  trustProxy: env.TRUST_PROXY,
});

const { url } = await app.listen(env.PORT, env.HOST);
logger.info(`Tablehop is running at ${url} (data in ${env.TABLEHOP_DATA_DIR})`);

let closing = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (closing) process.exit(1);
    closing = true;
    app.close().then(() => process.exit(0), () => process.exit(1));
  });
}
