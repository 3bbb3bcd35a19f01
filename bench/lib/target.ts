import { join } from 'node:path';
import { runQueueWaitSeconds } from './procfs.ts';
import { startRedis, type RedisProcess } from './redis.ts';
import { ROOT } from './spawn.ts';
import { startApp, startBaseline, type ServerProcess } from './servers.ts';

/** What a run is measured against: the app on one or more processes (sharing Redis), or the bare relay. */
export interface Target {
  label: string;
  kind: 'app' | 'baseline';
  servers: ServerProcess[];
  redis?: RedisProcess;
  /** CPU seconds of every server process together (Redis reported apart). */
  cpuSeconds(): number;
  /** Seconds the servers' main threads waited for a CPU, together. */
  waitSeconds(): number;
  stop(): Promise<void>;
}

/** Server output (warnings and errors) is kept here after each run, newest run overwriting. */
const logFile = (name: string) => join(ROOT, 'bench', 'results', 'logs', `${name.replace(/[^a-z0-9-]+/gi, '-')}.log`);

/** Which server a café runs against; `entry` and `label` name a patched copy of the app. */
export interface TargetSpec {
  kind: 'app' | 'baseline';
  entry?: string;
  label?: string;
}

export async function startTarget(kind: 'app' | 'baseline', processes: number, cpuProfDir?: string, appEntry?: string, label?: string): Promise<Target> {
  if (kind === 'baseline') {
    const server = await startBaseline({ cpuProfDir, logFile: logFile('baseline') });
    return {
      label: 'baseline',
      kind,
      servers: [server],
      cpuSeconds: () => server.cpuSeconds(),
      waitSeconds: () => runQueueWaitSeconds(server.pid),
      stop: () => server.stop(),
    };
  }
  const redis = processes > 1 ? await startRedis() : undefined;
  const servers: ServerProcess[] = [];
  try {
    // One after another: each restores open sessions from the shared store as it starts.
    for (let i = 0; i < processes; i++) {
      const name = `${label ?? 'app'}${processes > 1 ? `-${processes}x-${i + 1}` : ''}`;
      servers.push(await startApp({ cpuProfDir, entry: appEntry, logFile: logFile(name), env: redis ? { REDIS_URL: redis.url } : {} }));
    }
  } catch (error) {
    await Promise.all(servers.map((s) => s.stop()));
    await redis?.stop();
    throw error;
  }
  return {
    label: label ?? (processes > 1 ? `app ×${processes} (Redis)` : 'app'),
    kind,
    servers,
    redis,
    cpuSeconds: () => servers.reduce((sum, s) => sum + s.cpuSeconds(), 0),
    waitSeconds: () => servers.reduce((sum, s) => sum + runQueueWaitSeconds(s.pid), 0),
    async stop() {
      await Promise.all(servers.map((s) => s.stop()));
      await redis?.stop();
    },
  };
}
