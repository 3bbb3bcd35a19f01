import type { ChildProcess } from 'node:child_process';
import { cpuSeconds, rss } from './procfs.ts';
import { freePort, spawnWithFileLimit, stopChild, tail } from './spawn.ts';

export interface RedisProcess {
  url: string;
  pid: number;
  child: ChildProcess;
  cpuSeconds(): number;
  rss(): { rss: number; peak: number };
  stop(): Promise<void>;
}

/**
 * A throwaway redis-server on a free port for the multi-process runs. Persistence is off
 * (`--save '' --appendonly no`): a benchmark measures the adapter's traffic, not disk writes.
 * A production deployment would keep AOF on, which costs some latency on writes.
 */
export async function startRedis(): Promise<RedisProcess> {
  const port = await freePort();
  const child = spawnWithFileLimit(
    ['redis-server', '--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--maxclients', '10000'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const output = tail(child);
  const deadline = Date.now() + 10_000;
  while (!/Ready to accept connections/.test(output())) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`redis-server did not start:\n${output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const pid = child.pid!;
  return {
    url: `redis://127.0.0.1:${port}`,
    pid,
    child,
    cpuSeconds: () => cpuSeconds(pid),
    rss: () => rss(pid),
    stop: () => stopChild(child),
  };
}
