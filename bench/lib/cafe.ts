import type { Collected, CommandReport, NoteRunReport, SeatRecord } from './api.ts';
import { account, type Delivery } from './accounting.ts';
import { benchNow } from './clock.ts';
import { startGenerators, stopGenerators, type Generator } from './generators.ts';
import { loadAverage, runQueueWaitSeconds } from './procfs.ts';
import { summarise, type Summary } from './samples.ts';
import { waitForQuiet } from './quiet.ts';
import { GROUPS, planCafe, split, type Plan, type Spread } from './sessions.ts';
import { startTarget, type Target } from './target.ts';

export interface CafeOptions {
  participants: number;
  tableSize: number;
  /** Seconds of note writing per round. */
  duration: number;
  /** Notes per table per second in round 1. */
  rate: number;
  /** Round 2 runs at `rate × burst`; 0 skips the rotation and round 2 (the limit search). */
  burst: number;
  editFraction: number;
  generators: number;
  processes: number;
  spread: Spread;
  seed: number;
  cpuProfDir?: string;
  /** A patched copy of the server to measure instead of server/main.ts. */
  appEntry?: string;
  /** Seconds to wait for other work on the machine to settle before starting (0: do not wait). */
  waitQuiet: number;
}

export interface RoundResult {
  round: number;
  ratePerTable: number;
  plannedNotesPerSecond: number;
  sent: number;
  acked: number;
  edits: number;
  refused: Record<string, number>;
  ackTimeouts: number;
  /** Every delivery to a table peer or a facilitator. */
  latency: Summary;
  peers: Summary;
  facilitator: Summary;
  ack: Summary;
  editAck: Summary;
  /** How late the generators sent against their schedule; high means the generator, not the server, was short of CPU. */
  sendLag: Summary;
  wallSeconds: number;
  serverCpuSeconds: number;
  /** Server CPU seconds per wall second (1 = one core busy). */
  serverCpuShare: number;
  serverCpuMsPerNote: number;
  serverLoopDelayP99: number;
  serverLoopDelayMax: number;
  /** Each second of the round: deliveries and the worst note latency (ms), to tell a stall from a spread. */
  timeline: { second: number; deliveries: number; worst: number }[];
  /** The busiest generator's CPU per wall second while writing: near 1, the generator limits the run. */
  generatorCpuShare: number;
  /**
   * Share of the round the servers' and generators' main threads spent runnable but waiting for
   * a CPU. More than a few percent: other work on the machine, and the latencies show it.
   */
  serverCpuWait: number;
  generatorCpuWait: number;
  redisCpuSeconds?: number;
}

export interface CafeResult {
  target: string;
  processes: number;
  spread: Spread;
  participants: number;
  sessions: number;
  tables: number;
  join: {
    /** Start of the first join to the last participant's seat. */
    seconds: number;
    httpAndConnectSeconds: number;
    seatingSeconds: number;
    seatingAck: number;
    failures: number;
    errors: Record<string, number>;
  };
  rounds: RoundResult[];
  rotation?: {
    participants: number;
    missing: number;
    latency: Summary;
    roundEndAck: Summary;
    seatPayloadBytes: Summary;
    serverCpuSeconds: number;
  };
  delivery: Delivery;
  timers: { phaseMessagesPerParticipant: number; perRound: number; duringWriting: number };
  inboundPerParticipant: Record<string, number>;
  refusals: Record<string, number>;
  disconnects: Record<string, number>;
  server: {
    cpuSeconds: number;
    peakRssBytes: number;
    idleRssBytes: number;
    joinedRssBytes: number;
    rssPerParticipantBytes: number;
    idleHeapBytes: number;
    joinedHeapBytes: number;
    heapPerParticipantBytes: number;
    redis?: { cpuSeconds: number; peakRssBytes: number };
  };
  generators: { count: number; cpuSeconds: number; eventLoopP99: number; clockErrorMs: number };
  loadAverage: { before: number; after: number };
  /** Share of the machine's CPUs busy with other work just before the run (0 to 1). */
  machineBusyBefore: number;
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const merge = (into: Record<string, number>, from: Record<string, number>, prefix = '') => {
  for (const [k, v] of Object.entries(from)) into[prefix + k] = (into[prefix + k] ?? 0) + v;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function facilitatorAll(gen0: Generator, plan: Plan, event: string, payload: unknown): Promise<CommandReport[]> {
  const reports = await Promise.all(plan.sessions.map((_, s) => gen0.rpc.call('facilitator', s, event, payload)));
  const failed = reports.find((r) => !r.ok);
  if (failed) throw new Error(`${event} refused: ${failed.error} ${failed.message}`);
  return reports;
}

async function seatsFor(generators: Generator[], round: number): Promise<{ seats: SeatRecord[]; missing: number }> {
  const reports = await Promise.all(generators.map((g) => g.rpc.call('awaitSeats', round, 30_000)));
  return { seats: reports.flatMap((r) => r.seats), missing: sum(reports.map((r) => r.missing)) };
}

/** Names the first-seated participant of every table its host, as a facilitator would before round 1. */
async function assignHosts(gen0: Generator, seats: SeatRecord[]): Promise<void> {
  const hosts = new Map<string, SeatRecord>();
  for (const s of seats) {
    const key = `${s.session}|${s.tableId}`;
    if (s.tableId && (!hosts.has(key) || hosts.get(key)!.idx > s.idx)) hosts.set(key, s);
  }
  const bySession = new Map<number, SeatRecord[]>();
  for (const h of hosts.values()) (bySession.get(h.session) ?? bySession.set(h.session, []).get(h.session)!).push(h);
  await Promise.all(
    [...bySession].map(async ([session, list]) => {
      for (const h of list) {
        const r = await gen0.rpc.call('facilitator', session, 'host:assign', { tableId: h.tableId, participantId: h.participantId });
        if (!r.ok) throw new Error(`host:assign refused: ${r.error} ${r.message}`);
      }
    }),
  );
}

async function writeRound(
  target: Target,
  generators: Generator[],
  round: number,
  ratePerTable: number,
  options: CafeOptions,
): Promise<{ reports: NoteRunReport[]; cpu: number; wall: number; redisCpu?: number; loopP99: number; loopMax: number; startAt: number; serverWait: number; generatorWait: number }> {
  const cpu0 = target.cpuSeconds();
  const wait0 = target.waitSeconds();
  const genWait0 = generators.map((g) => runQueueWaitSeconds(g.child.pid!));
  const wall0 = benchNow();
  const redis0 = target.redis?.cpuSeconds();
  await Promise.all(target.servers.map((s) => s.stats({ resetLoop: true })));
  const startAt = benchNow() + 300;
  const reports = await Promise.all(
    generators.map((g) => g.rpc.call('runNotes', { round, ratePerTable, durationMs: options.duration * 1000, editFraction: options.editFraction, startAt })),
  );
  // Every acknowledgement is in; wait for the last deliveries to land before reading the counters.
  await Promise.all(generators.map((g) => g.rpc.call('quiesce', 500, 15_000)));
  const loops = await Promise.all(target.servers.map((s) => s.stats()));
  const wall = (benchNow() - wall0) / 1000;
  return {
    serverWait: (target.waitSeconds() - wait0) / wall,
    generatorWait: Math.max(...generators.map((g, i) => runQueueWaitSeconds(g.child.pid!) - genWait0[i]!)) / wall,
    reports,
    cpu: target.cpuSeconds() - cpu0,
    wall,
    redisCpu: redis0 === undefined ? undefined : target.redis!.cpuSeconds() - redis0,
    loopP99: Math.max(...loops.map((l) => l.eventLoop.p99)),
    loopMax: Math.max(...loops.map((l) => l.eventLoop.max)),
    startAt,
  };
}

function timeline(collected: Collected[], round: number, startAt: number): RoundResult['timeline'] {
  const seconds = new Map<number, [number, number]>();
  for (const c of collected) {
    for (const [second, [n, worst]] of c.timeline.get(round) ?? []) {
      const s = seconds.get(second) ?? [0, 0];
      seconds.set(second, [s[0] + n, Math.max(s[1], worst)]);
    }
  }
  const first = Math.floor(startAt / 1000);
  return [...seconds]
    .sort(([a], [b]) => a - b)
    .map(([second, [deliveries, worst]]) => ({ second: second - first, deliveries, worst: Math.round(worst * 10) / 10 }));
}

function roundResult(round: number, ratePerTable: number, tables: number, w: Awaited<ReturnType<typeof writeRound>>, collected: Collected[]): RoundResult {
  const pick = (key: 'peerLatency' | 'facilitatorLatency' | 'ackLatency' | 'editAckLatency') => collected.map((c) => c[key][round] ?? new Float64Array());
  const refused: Record<string, number> = {};
  for (const r of w.reports) merge(refused, r.refused);
  const acked = sum(w.reports.map((r) => r.acked));
  return {
    round,
    ratePerTable,
    plannedNotesPerSecond: ratePerTable * tables,
    sent: sum(w.reports.map((r) => r.sent)),
    acked,
    edits: sum(w.reports.map((r) => r.edits)),
    refused,
    ackTimeouts: sum(w.reports.map((r) => r.ackTimeouts)),
    latency: summarise([...pick('peerLatency'), ...pick('facilitatorLatency')]),
    peers: summarise(pick('peerLatency')),
    facilitator: summarise(pick('facilitatorLatency')),
    ack: summarise(pick('ackLatency')),
    editAck: summarise(pick('editAckLatency')),
    sendLag: summarise(w.reports.map((r) => r.sendLag)),
    wallSeconds: w.wall,
    serverCpuSeconds: w.cpu,
    serverCpuShare: w.cpu / w.wall,
    serverCpuMsPerNote: acked ? (w.cpu * 1000) / acked : NaN,
    serverLoopDelayP99: w.loopP99,
    serverLoopDelayMax: w.loopMax,
    timeline: timeline(collected, round, w.startAt),
    serverCpuWait: w.serverWait,
    generatorCpuWait: w.generatorWait,
    generatorCpuShare: Math.max(...w.reports.map((r) => r.cpuSeconds / Math.max(r.wallSeconds, 1e-9))),
    ...(w.redisCpu === undefined ? {} : { redisCpuSeconds: w.redisCpu }),
  };
}

/**
 * One café against one target: join ramp, seating, hosts, round 1 at the base rate with
 * edits, a rotation, round 2 at `burst` times the rate. Nothing here asserts a figure.
 */
export async function runCafe(kind: 'app' | 'baseline', options: CafeOptions, log: (line: string) => void): Promise<CafeResult> {
  const machineBusyBefore = await waitForQuiet(options.waitQuiet, log);
  const loadBefore = loadAverage();
  const target = await startTarget(kind, kind === 'app' ? options.processes : 1, options.cpuProfDir, options.appEntry);
  let generators: Generator[] = [];
  try {
    const idle = await Promise.all(target.servers.map((s) => s.stats({ gc: true })));
    const idleRss = sum(target.servers.map((s) => s.rss().rss));
    const plan = await planCafe(target, options.participants, options.tableSize, options.spread);
    const tables = sum(plan.sessions.map((s) => s.tables));
    generators = await startGenerators(options.generators);
    const blocks = split(plan.participants, generators.length);
    await Promise.all(
      generators.map((g, i) =>
        g.rpc.call('init', { index: i, seed: options.seed, participants: blocks[i]!, facilitators: i === 0 ? plan.facilitators : [], groups: GROUPS }),
      ),
    );
    const gen0 = generators[0]!;
    await gen0.rpc.call('connectFacilitators');

    log(`${target.label}: ${options.participants} participants join…`);
    const joinStart = benchNow();
    const joins = await Promise.all(generators.map((g) => g.rpc.call('join', { concurrency: 64, connect: true })));
    const connectedAt = Math.max(...joins.map((j) => j.connectedAt));
    const seating = await facilitatorAll(gen0, plan, 'seating:assign', {});
    const seated = await seatsFor(generators, 0);
    const seatedAt = Math.max(...seated.seats.map((s) => s.at));
    const joinErrors: Record<string, number> = {};
    for (const j of joins) merge(joinErrors, j.errors);
    const joined = await Promise.all(target.servers.map((s) => s.stats({ gc: true })));
    const joinedRss = sum(target.servers.map((s) => s.rss().rss));

    await assignHosts(gen0, seated.seats);
    await facilitatorAll(gen0, plan, 'round:start', { round: 1 });
    await sleep(300);

    log(`${target.label}: round 1, ${options.rate} note/s per table for ${options.duration} s…`);
    const w1 = await writeRound(target, generators, 1, options.rate, options);
    const seatsByRound = new Map<number, SeatRecord[]>([[0, seated.seats]]);
    let rotation: CafeResult['rotation'];
    let w2: Awaited<ReturnType<typeof writeRound>> | undefined;
    if (options.burst > 0) {
      log(`${target.label}: rotation…`);
      const cpu0 = target.cpuSeconds();
      const ends = await facilitatorAll(gen0, plan, 'round:end', { round: 1 });
      const moved = await seatsFor(generators, 2);
      const rotationCpu = target.cpuSeconds() - cpu0;
      seatsByRound.set(2, moved.seats);
      rotation = {
        participants: moved.seats.length,
        missing: moved.missing,
        latency: summarise([Float64Array.from(moved.seats.map((s) => s.at - ends[s.session]!.sentAt))]),
        roundEndAck: summarise([Float64Array.from(ends.map((e) => e.ackAt - e.sentAt))]),
        seatPayloadBytes: summarise([Float64Array.from(moved.seats.map((s) => s.bytes))]),
        serverCpuSeconds: rotationCpu,
      };
      await facilitatorAll(gen0, plan, 'round:start', { round: 2 });
      await sleep(300);
      log(`${target.label}: round 2, ${options.rate * options.burst} note/s per table for ${options.duration} s…`);
      w2 = await writeRound(target, generators, 2, options.rate * options.burst, options);
    }

    const collected = await Promise.all(generators.map((g) => g.rpc.call('collect')));
    const participantsSeen = sum(collected.map((c) => c.participants));
    const phaseMessages = sum(collected.map((c) => c.phaseMessages));
    const inbound: Record<string, number> = {};
    for (const c of collected) merge(inbound, c.inbound);
    for (const k of Object.keys(inbound)) inbound[k] = inbound[k]! / Math.max(1, participantsSeen);
    const disconnects: Record<string, number> = {};
    for (const c of collected) merge(disconnects, c.disconnects);
    const refusals: Record<string, number> = {};
    for (const w of [w1, w2]) for (const r of w?.reports ?? []) merge(refusals, r.refused);
    const rounds = [roundResult(1, options.rate, tables, w1, collected)];
    if (w2) rounds.push(roundResult(2, options.rate * options.burst, tables, w2, collected));
    const roundsRun = w2 ? 2 : 1;
    const peakRss = sum(target.servers.map((s) => s.rss().peak));
    const joinedHeap = sum(joined.map((j) => j.memory.heapUsed));
    const idleHeap = sum(idle.map((j) => j.memory.heapUsed));
    return {
      target: target.label,
      processes: target.servers.length,
      spread: options.spread,
      participants: options.participants,
      sessions: plan.sessions.length,
      tables,
      join: {
        seconds: (seatedAt - joinStart) / 1000,
        httpAndConnectSeconds: (connectedAt - joinStart) / 1000,
        seatingSeconds: (seatedAt - Math.min(...seating.map((s) => s.sentAt))) / 1000,
        seatingAck: Math.max(...seating.map((s) => s.ackAt - s.sentAt)),
        failures: sum(joins.map((j) => j.failed)) + seated.missing,
        errors: joinErrors,
      },
      rounds,
      rotation,
      delivery: account(collected, seatsByRound),
      timers: {
        phaseMessagesPerParticipant: phaseMessages / Math.max(1, participantsSeen),
        perRound: phaseMessages / Math.max(1, participantsSeen) / roundsRun,
        duringWriting: sum(collected.map((c) => c.phaseMessagesDuringWriting)),
      },
      inboundPerParticipant: inbound,
      refusals,
      disconnects,
      server: {
        cpuSeconds: target.cpuSeconds(),
        peakRssBytes: peakRss,
        idleRssBytes: idleRss,
        joinedRssBytes: joinedRss,
        rssPerParticipantBytes: (joinedRss - idleRss) / options.participants,
        idleHeapBytes: idleHeap,
        joinedHeapBytes: joinedHeap,
        heapPerParticipantBytes: (joinedHeap - idleHeap) / options.participants,
        ...(target.redis ? { redis: { cpuSeconds: target.redis.cpuSeconds(), peakRssBytes: target.redis.rss().peak } } : {}),
      },
      generators: {
        count: generators.length,
        cpuSeconds: sum(collected.map((c) => c.cpuSeconds)),
        eventLoopP99: Math.max(...collected.map((c) => c.eventLoopP99)),
        clockErrorMs: Math.max(...generators.map((g) => g.clockError)),
      },
      loadAverage: { before: loadBefore, after: loadAverage() },
      machineBusyBefore,
    };
  } catch (error) {
    for (const s of target.servers) log(`--- ${s.kind} server output (last lines) ---\n${s.output().slice(-4000)}`);
    throw error;
  } finally {
    await stopGenerators(generators);
    await target.stop();
  }
}
