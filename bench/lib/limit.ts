import { runCafe, type CafeOptions, type CafeResult } from './cafe.ts';

export interface LimitStep {
  participants: number;
  notesPerSecond: number;
  p50: number;
  p99: number;
  max: number;
  ackP99: number;
  joinSeconds: number;
  failures: number;
  lost: number;
  refused: number;
  serverCpuShare: number;
  generatorCpuShare: number;
  sendLagP99: number;
  serverCpuWait: number;
  generatorCpuWait: number;
  gcMaxMs: number;
  loopDelayMaxMs: number;
  error?: string;
}

export interface LimitResult {
  boundMs: number;
  steps: LimitStep[];
  /** The largest P whose note p99 stayed under the bound with nothing lost or refused. */
  lastUnder: number | null;
  /** Why the search stopped. */
  stoppedBy: string;
}

function step(r: CafeResult): LimitStep {
  const round = r.rounds[0]!;
  return {
    participants: r.participants,
    notesPerSecond: round.plannedNotesPerSecond,
    p50: round.latency.p50,
    p99: round.latency.p99,
    max: round.latency.max,
    ackP99: round.ack.p99,
    joinSeconds: r.join.seconds,
    failures: r.join.failures,
    lost: r.delivery.lost,
    refused: Object.values(r.refusals).reduce((a, b) => a + b, 0) + round.ackTimeouts,
    serverCpuShare: round.serverCpuShare,
    generatorCpuShare: round.generatorCpuShare,
    sendLagP99: round.sendLag.p99,
    serverCpuWait: round.serverCpuWait,
    generatorCpuWait: round.generatorCpuWait,
    gcMaxMs: round.serverGc.maxMs,
    loopDelayMaxMs: round.serverLoopDelayMax,
  };
}

/** Steps P up with short single-round cafés at the base rate until note p99 passes the bound. */
export async function findLimit(base: CafeOptions, participants: number[], duration: number, boundMs: number, log: (l: string) => void): Promise<LimitResult> {
  const result: LimitResult = { boundMs, steps: [], lastUnder: null, stoppedBy: 'ran out of steps' };
  for (const p of participants) {
    log(`limit search: P = ${p}`);
    let s: LimitStep;
    try {
      s = step(await runCafe('app', { ...base, participants: p, duration, burst: 0 }, log));
    } catch (error) {
      const n = NaN;
      result.steps.push({
        participants: p,
        notesPerSecond: n,
        p50: n,
        p99: n,
        max: n,
        ackP99: n,
        joinSeconds: n,
        failures: n,
        lost: n,
        refused: n,
        serverCpuShare: n,
        generatorCpuShare: n,
        sendLagP99: n,
        serverCpuWait: n,
        generatorCpuWait: n,
        gcMaxMs: n,
        loopDelayMaxMs: n,
        error: String((error as Error).message).split('\n')[0],
      });
      result.stoppedBy = `P = ${p} failed to run`;
      break;
    }
    result.steps.push(s);
    log(`  p99 ${s.p99.toFixed(1)} ms, join ${s.joinSeconds.toFixed(1)} s, failures ${s.failures}, lost ${s.lost}`);
    if (s.p99 > boundMs || s.failures > 0 || s.lost > 0 || s.refused > 0) {
      result.stoppedBy = s.p99 > boundMs ? `note p99 ${s.p99.toFixed(0)} ms at P = ${p}` : `failures, losses or refusals at P = ${p}`;
      break;
    }
    result.lastUnder = p;
  }
  return result;
}
