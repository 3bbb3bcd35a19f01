import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type App, type AppOptions } from '../../server/app.ts';
import { SqliteStore } from '../../server/store/sqlite.ts';
import type { Clock } from '../../server/clock.ts';
import type { SessionStore } from '../../server/store/types.ts';

export interface TestServer {
  app: App;
  /** The session logs, to check what the server committed. */
  store: SessionStore;
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

export function tempDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'tablehop-test-'));
}

/** A real server on an ephemeral port, with its own SQLite file. */
export async function startServer(options: Partial<AppOptions> & { clock?: Clock; dataDir?: string } = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? tempDataDir();
  const store = options.store ?? new SqliteStore({ dataDir });
  const app = createApp({
    rate: { burst: 1000, perSecond: 1000 },
    notePace: { burst: 1000, perMinute: 60_000 },
    httpWritesPerMinute: 100_000,
    ...options,
    store,
  });
  const { url } = await app.listen(0);
  return {
    app,
    store,
    url,
    dataDir,
    async stop() {
      await app.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
