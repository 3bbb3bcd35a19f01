import { benchNow } from './clock.ts';
import { startGenerators, stopGenerators, type Generator } from './generators.ts';
import type { ProbeStats } from './servers.ts';
import { GROUPS, planCafe, split } from './sessions.ts';
import { startTarget } from './target.ts';

export interface MemoryStep {
  step: string;
  heapUsed: number;
  external: number;
  rss: number;
}

export interface MemoryResult {
  target: string;
  connections: number;
  sessions: number;
  steps: MemoryStep[];
  /** Heap growth per participant from sessions created to everyone joined, connected and seated. */
  heapPerParticipant: number;
  /** Of which the socket alone: connected minus joined-but-not-connected. */
  heapPerConnection: number;
  /** The part that is the session's state: participants, tokens, seats. */
  heapPerJoin: number;
  externalPerParticipant: number;
  rssPerParticipant: number;
  connectSeconds: number;
  failures: number;
}

/**
 * Heap per connected participant, measured after forced GCs: sessions created, then N joined
 * over HTTP (state only), then N sockets connected, then everyone seated (table rooms).
 */
export async function runMemory(
  kind: 'app' | 'baseline',
  connections: number,
  tableSize: number,
  generatorCount: number,
  log: (l: string) => void,
  appEntry?: string,
  label?: string,
): Promise<MemoryResult> {
  const target = await startTarget(kind, 1, undefined, appEntry, label);
  const server = target.servers[0]!;
  let generators: Generator[] = [];
  const steps: MemoryStep[] = [];
  const snap = async (step: string): Promise<ProbeStats> => {
    const s = await server.stats({ gc: true });
    steps.push({ step, heapUsed: s.memory.heapUsed, external: s.memory.external, rss: s.memory.rss });
    return s;
  };
  try {
    await snap('started');
    const plan = await planCafe(target, connections, tableSize, 'round-robin');
    await snap('sessions created');
    generators = await startGenerators(generatorCount);
    const blocks = split(plan.participants, generators.length);
    await Promise.all(
      generators.map((g, i) =>
        g.rpc.call('init', { index: i, seed: 1, participants: blocks[i]!, facilitators: i === 0 ? plan.facilitators : [], groups: GROUPS }),
      ),
    );
    await generators[0]!.rpc.call('connectFacilitators');
    log(`${target.label}: ${connections} participants join (HTTP only)…`);
    const joins = await Promise.all(generators.map((g) => g.rpc.call('join', { concurrency: 64, connect: false })));
    await snap('joined');
    log(`${target.label}: ${connections} sockets connect…`);
    const t0 = benchNow();
    const connects = await Promise.all(generators.map((g) => g.rpc.call('connectJoined', 128)));
    const connectSeconds = (benchNow() - t0) / 1000;
    await snap('connected');
    await Promise.all(plan.sessions.map((_, s) => generators[0]!.rpc.call('facilitator', s, 'seating:assign', {})));
    const seats = await Promise.all(generators.map((g) => g.rpc.call('awaitSeats', 0, 60_000)));
    await snap('seated');
    const at = (name: string) => steps.find((s) => s.step === name)!;
    const per = (a: string, b: string, key: 'heapUsed' | 'external' | 'rss') => (at(b)[key] - at(a)[key]) / connections;
    return {
      target: target.label,
      connections,
      sessions: plan.sessions.length,
      steps,
      heapPerParticipant: per('sessions created', 'seated', 'heapUsed'),
      heapPerConnection: per('joined', 'connected', 'heapUsed'),
      heapPerJoin: per('sessions created', 'joined', 'heapUsed'),
      externalPerParticipant: per('sessions created', 'seated', 'external'),
      rssPerParticipant: per('sessions created', 'seated', 'rss'),
      connectSeconds,
      failures: [...joins, ...connects].reduce((n, j) => n + j.failed, 0) + seats.reduce((n, s) => n + s.missing, 0),
    };
  } finally {
    await stopGenerators(generators);
    await target.stop();
  }
}
