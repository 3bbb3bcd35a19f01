import type { ChildProcess } from 'node:child_process';
import type { GeneratorApi } from './api.ts';
import { benchNow } from './clock.ts';
import { RpcClient } from './rpc.ts';
import { spawnWithFileLimit, stopChild, tail } from './spawn.ts';

export interface Generator {
  index: number;
  child: ChildProcess;
  rpc: RpcClient<GeneratorApi>;
  /** Half the best IPC round trip: how far apart two processes' clocks may still be. */
  clockError: number;
  output(): string;
}

/**
 * Estimates a generator's clock offset NTP-style over the IPC channel (best of 30 round
 * trips) and tells it to subtract that, so every process reports on the orchestrator's clock.
 */
async function syncClock(rpc: RpcClient<GeneratorApi>): Promise<number> {
  let best = { rtt: Infinity, offset: 0 };
  for (let i = 0; i < 30; i++) {
    const t0 = benchNow();
    const tg = await rpc.call('clock');
    const t1 = benchNow();
    if (t1 - t0 < best.rtt) best = { rtt: t1 - t0, offset: tg - (t0 + t1) / 2 };
  }
  await rpc.call('setOffset', best.offset);
  return best.rtt / 2;
}

export async function startGenerators(count: number): Promise<Generator[]> {
  return Promise.all(
    Array.from({ length: count }, async (_, index) => {
      const child = spawnWithFileLimit([process.execPath, '--import', 'tsx', 'bench/lib/generator.ts'], {
        stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
        serialization: 'advanced',
      });
      const output = tail(child);
      child.stderr?.on('data', (d: Buffer) => process.stderr.write(`[generator ${index}] ${d.toString()}`));
      const rpc = new RpcClient<GeneratorApi>(child);
      const clockError = await syncClock(rpc);
      return { index, child, rpc, clockError, output };
    }),
  );
}

export async function stopGenerators(generators: Generator[]): Promise<void> {
  await Promise.all(
    generators.map(async (g) => {
      await g.rpc.call('close').catch(() => undefined);
      await stopChild(g.child, 'SIGTERM', 5_000);
    }),
  );
}
