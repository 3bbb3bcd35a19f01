import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type App, type AppOptions } from '../../server/app.ts';
import { SqliteStore } from '../../server/store/sqlite.ts';
import type { Clock } from '../../server/clock.ts';

export interface TestServer {
  app: App;
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
  const app = createApp({
    store: new SqliteStore({ dataDir }),
    rate: { burst: 1000, perSecond: 1000 },
    httpWritesPerMinute: 100_000,
    ...options,
  });
  const { url } = await app.listen(0);
  return {
    app,
    url,
    dataDir,
    async stop() {
      await app.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
