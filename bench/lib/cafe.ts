import type { Collected, CommandReport, NoteRunReport, SeatRecord } from './api.ts';
import { account, type Delivery } from './accounting.ts';
import { benchNow } from './clock.ts';
import { startGenerators, stopGenerators, type Generator } from './generators.ts';
import { loadAverage, runQueueWaitSeconds } from './procfs.ts';
import { summarise, type Summary } from './samples.ts';
import { waitForQuiet } from './quiet.ts';
import { GROUPS, planCafe, split, type Plan, type Spread } from './sessions.ts';
import type { ProbeStats } from './servers.ts';
import { startTarget, type Target, type TargetSpec } from './target.ts';

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
  /**
   * How the facilitator moves people on: `preview` asks for the next seating and accepts it
   * before ending the round (as the console does), `direct` just ends the round.
   */
  rotation: 'preview' | 'direct';
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
  /** The same, slice by slice (the targets take turns slice by slice): paired with another target's, a ratio the machine's drift moves less. */
  sliceCpuMsPerNote: number[];
  serverLoopDelayP99: number;
  serverLoopDelayMax: number;
  /** Garbage-collection pauses in the server during the round: total and longest, ms. */
  serverGc: { totalMs: number; maxMs: number };
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
    /** Server CPU seconds spent on the whole ramp: steadier than its duration on a busy machine. */
    serverCpuSeconds: number;
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
    /** With `rotation: preview`: the slowest session's preview and accept round trips, ms (before round:end, not in the rotation time). */
    preview?: { previewMs: number; acceptMs: number };
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

/** One round's writing, possibly in several slices interleaved with another target's. */
interface Writing {
  round: number;
  ratePerTable: number;
  slices: NoteRunReport[][];
  /** Server CPU ms per acknowledged note in each slice. */
  sliceCpu: number[];
  cpu: number;
  wall: number;
  serverWaitSeconds: number;
  generatorWaitSeconds: number;
  redisCpu?: number;
  loopP99: number;
  loopMax: number;
  gcTotal: number;
  gcMax: number;
  startAt: number;
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

function roundResult(w: Writing, tables: number, collected: Collected[]): RoundResult {
  const { round } = w;
  const reports = w.slices.flat();
  const pick = (key: 'peerLatency' | 'facilitatorLatency' | 'ackLatency' | 'editAckLatency') => collected.map((c) => c[key][round] ?? new Float64Array());
  const refused: Record<string, number> = {};
  for (const r of reports) merge(refused, r.refused);
  const acked = sum(reports.map((r) => r.acked));
  // Per slice, the busiest generator; then the busiest slice.
  const generatorShare = Math.max(...w.slices.map((slice) => Math.max(...slice.map((r) => r.cpuSeconds / Math.max(r.wallSeconds, 1e-9)))));
  return {
    round,
    ratePerTable: w.ratePerTable,
    plannedNotesPerSecond: w.ratePerTable * tables,
    sent: sum(reports.map((r) => r.sent)),
    acked,
    edits: sum(reports.map((r) => r.edits)),
    refused,
    ackTimeouts: sum(reports.map((r) => r.ackTimeouts)),
    latency: summarise([...pick('peerLatency'), ...pick('facilitatorLatency')]),
    peers: summarise(pick('peerLatency')),
    facilitator: summarise(pick('facilitatorLatency')),
    ack: summarise(pick('ackLatency')),
    editAck: summarise(pick('editAckLatency')),
    sendLag: summarise(reports.map((r) => r.sendLag)),
    wallSeconds: w.wall,
    serverCpuSeconds: w.cpu,
    serverCpuShare: w.cpu / w.wall,
    serverCpuMsPerNote: acked ? (w.cpu * 1000) / acked : NaN,
    sliceCpuMsPerNote: w.sliceCpu,
    serverLoopDelayP99: w.loopP99,
    serverLoopDelayMax: w.loopMax,
    serverGc: { totalMs: w.gcTotal, maxMs: w.gcMax },
    timeline: timeline(collected, round, w.startAt),
    serverCpuWait: w.serverWaitSeconds / w.wall,
    generatorCpuWait: w.generatorWaitSeconds / w.wall,
    generatorCpuShare: generatorShare,
    ...(w.redisCpu === undefined ? {} : { redisCpuSeconds: w.redisCpu }),
  };
}

/**
 * One café against one target, step by step: join ramp and seating, hosts, rounds of notes
 * (in slices, so two targets can take turns), a rotation. Nothing here asserts a figure.
 */
export class Cafe {
  private generators: Generator[] = [];
  private plan!: Plan;
  private tables = 0;
  private idle: ProbeStats[] = [];
  private idleRss = 0;
  private joined: ProbeStats[] = [];
  private joinedRss = 0;
  private join?: CafeResult['join'];
  private readonly seatsByRound = new Map<number, SeatRecord[]>();
  private readonly writings = new Map<number, Writing>();
  private rotation?: CafeResult['rotation'];
  private loadBefore = loadAverage();

  private constructor(
    readonly target: Target,
    private readonly options: CafeOptions,
    private readonly log: (line: string) => void,
    private readonly machineBusyBefore: number,
  ) {}

  static async open(spec: TargetSpec, options: CafeOptions, log: (line: string) => void, machineBusyBefore: number): Promise<Cafe> {
    const { kind } = spec;
    const target = await startTarget(kind, kind === 'app' ? options.processes : 1, options.cpuProfDir, spec.entry ?? options.appEntry, spec.label);
    const cafe = new Cafe(target, options, log, machineBusyBefore);
    try {
      await cafe.setUp();
    } catch (error) {
      await cafe.close(error);
      throw error;
    }
    return cafe;
  }

  private async setUp() {
    const { target, options } = this;
    this.idle = await Promise.all(target.servers.map((s) => s.stats({ gc: true })));
    this.idleRss = sum(target.servers.map((s) => s.rss().rss));
    this.plan = await planCafe(target, options.participants, options.tableSize, options.spread);
    this.tables = sum(this.plan.sessions.map((s) => s.tables));
    this.generators = await startGenerators(options.generators);
    const blocks = split(this.plan.participants, this.generators.length);
    await Promise.all(
      this.generators.map((g, i) =>
        g.rpc.call('init', { index: i, seed: options.seed, participants: blocks[i]!, facilitators: i === 0 ? this.plan.facilitators : [], groups: GROUPS }),
      ),
    );
    await this.gen0.rpc.call('connectFacilitators');
  }

  private get gen0(): Generator {
    return this.generators[0]!;
  }

  /** Everyone joins over HTTP and connects, then the facilitator seats them: timed to the last seat. */
  async joinAndSeat(): Promise<void> {
    const { target, options, generators } = this;
    this.log(`${target.label}: ${options.participants} participants join…`);
    const joinStart = benchNow();
    const cpu0 = target.cpuSeconds();
    const joins = await Promise.all(generators.map((g) => g.rpc.call('join', { concurrency: 64, connect: true })));
    const connectedAt = Math.max(...joins.map((j) => j.connectedAt));
    const seating = await facilitatorAll(this.gen0, this.plan, 'seating:assign', {});
    const seated = await seatsFor(generators, 0);
    const seatedAt = Math.max(...seated.seats.map((s) => s.at));
    const errors: Record<string, number> = {};
    for (const j of joins) merge(errors, j.errors);
    this.join = {
      seconds: (seatedAt - joinStart) / 1000,
      httpAndConnectSeconds: (connectedAt - joinStart) / 1000,
      seatingSeconds: (seatedAt - Math.min(...seating.map((s) => s.sentAt))) / 1000,
      seatingAck: Math.max(...seating.map((s) => s.ackAt - s.sentAt)),
      serverCpuSeconds: target.cpuSeconds() - cpu0,
      failures: sum(joins.map((j) => j.failed)) + seated.missing,
      errors,
    };
    this.seatsByRound.set(0, seated.seats);
    this.joined = await Promise.all(target.servers.map((s) => s.stats({ gc: true })));
    this.joinedRss = sum(target.servers.map((s) => s.rss().rss));
    await assignHosts(this.gen0, seated.seats);
  }

  async startRound(round: number): Promise<void> {
    await facilitatorAll(this.gen0, this.plan, 'round:start', { round });
    await sleep(300);
  }

  /** Writes notes for `seconds` at `ratePerTable`, then waits for the last deliveries. */
  async write(round: number, ratePerTable: number, seconds: number): Promise<void> {
    const { target, generators, options } = this;
    this.log(`${target.label}: round ${round}, ${ratePerTable} note/s per table for ${seconds} s…`);
    const cpu0 = target.cpuSeconds();
    const wait0 = target.waitSeconds();
    const genWait0 = generators.map((g) => runQueueWaitSeconds(g.child.pid!));
    const wall0 = benchNow();
    const redis0 = target.redis?.cpuSeconds();
    await Promise.all(target.servers.map((s) => s.stats({ resetLoop: true })));
    const startAt = benchNow() + 300;
    const reports = await Promise.all(
      generators.map((g) => g.rpc.call('runNotes', { round, ratePerTable, durationMs: seconds * 1000, editFraction: options.editFraction, startAt })),
    );
    // Every acknowledgement is in; wait for the last deliveries to land before reading the counters.
    await Promise.all(generators.map((g) => g.rpc.call('quiesce', 500, 15_000)));
    const loops = await Promise.all(target.servers.map((s) => s.stats()));
    const w: Writing = this.writings.get(round) ?? {
      round,
      ratePerTable,
      slices: [],
      sliceCpu: [],
      cpu: 0,
      wall: 0,
      serverWaitSeconds: 0,
      generatorWaitSeconds: 0,
      loopP99: 0,
      loopMax: 0,
      gcTotal: 0,
      gcMax: 0,
      startAt,
    };
    w.slices.push(reports);
    const cpu = target.cpuSeconds() - cpu0;
    const acked = sum(reports.map((r) => r.acked));
    w.sliceCpu.push(acked ? (cpu * 1000) / acked : NaN);
    w.cpu += cpu;
    w.wall += (benchNow() - wall0) / 1000;
    w.serverWaitSeconds += target.waitSeconds() - wait0;
    w.generatorWaitSeconds += Math.max(...generators.map((g, i) => runQueueWaitSeconds(g.child.pid!) - genWait0[i]!));
    if (redis0 !== undefined) w.redisCpu = (w.redisCpu ?? 0) + target.redis!.cpuSeconds() - redis0;
    w.loopP99 = Math.max(w.loopP99, ...loops.map((l) => l.eventLoop.p99));
    w.loopMax = Math.max(w.loopMax, ...loops.map((l) => l.eventLoop.max));
    w.gcTotal += sum(loops.map((l) => l.gc.totalMs));
    w.gcMax = Math.max(w.gcMax, ...loops.map((l) => l.gc.maxMs));
    this.writings.set(round, w);
  }

  /** Ends round `round`: timed from the facilitator's emit to each participant's new seat. */
  async rotate(round: number): Promise<void> {
    const { target, generators } = this;
    this.log(`${target.label}: rotation…`);
    const preview = this.options.rotation === 'preview' ? await this.previewAndAccept() : undefined;
    const cpu0 = target.cpuSeconds();
    const ends = await facilitatorAll(this.gen0, this.plan, 'round:end', { round });
    const moved = await seatsFor(generators, round + 1);
    this.seatsByRound.set(round + 1, moved.seats);
    this.rotation = {
      participants: moved.seats.length,
      missing: moved.missing,
      latency: summarise([Float64Array.from(moved.seats.map((s) => s.at - ends[s.session]!.sentAt))]),
      roundEndAck: summarise([Float64Array.from(ends.map((e) => e.ackAt - e.sentAt))]),
      seatPayloadBytes: summarise([Float64Array.from(moved.seats.map((s) => s.bytes))]),
      serverCpuSeconds: target.cpuSeconds() - cpu0,
      ...(preview ? { preview } : {}),
    };
  }

  /** The facilitator previews the next seating and accepts it, as the console does before "next round". */
  private async previewAndAccept(): Promise<{ previewMs: number; acceptMs: number }> {
    const times = await Promise.all(
      this.plan.sessions.map(async (_, s) => {
        const shown = await this.gen0.rpc.call('facilitator', s, 'seating:preview', {});
        if (!shown.ok) throw new Error(`seating:preview refused: ${shown.error} ${shown.message}`);
        const { version, attempt } = shown.reply as { version: number; attempt: number };
        const accepted = await this.gen0.rpc.call('facilitator', s, 'seating:accept', { attempt, version });
        if (!accepted.ok) throw new Error(`seating:accept refused: ${accepted.error} ${accepted.message}`);
        return { previewMs: shown.ackAt - shown.sentAt, acceptMs: accepted.ackAt - accepted.sentAt };
      }),
    );
    return { previewMs: Math.max(...times.map((t) => t.previewMs)), acceptMs: Math.max(...times.map((t) => t.acceptMs)) };
  }

  async result(): Promise<CafeResult> {
    const { target, options, generators } = this;
    const collected = await Promise.all(generators.map((g) => g.rpc.call('collect')));
    const participantsSeen = sum(collected.map((c) => c.participants));
    const phaseMessages = sum(collected.map((c) => c.phaseMessages));
    const inbound: Record<string, number> = {};
    for (const c of collected) merge(inbound, c.inbound);
    for (const k of Object.keys(inbound)) inbound[k] = inbound[k]! / Math.max(1, participantsSeen);
    const disconnects: Record<string, number> = {};
    for (const c of collected) merge(disconnects, c.disconnects);
    const rounds = [...this.writings.values()].sort((a, b) => a.round - b.round).map((w) => roundResult(w, this.tables, collected));
    const refusals: Record<string, number> = {};
    for (const r of rounds) merge(refusals, r.refused);
    const joinedHeap = sum(this.joined.map((j) => j.memory.heapUsed));
    const idleHeap = sum(this.idle.map((j) => j.memory.heapUsed));
    return {
      target: target.label,
      processes: target.servers.length,
      spread: options.spread,
      participants: options.participants,
      sessions: this.plan.sessions.length,
      tables: this.tables,
      join: this.join!,
      rounds,
      rotation: this.rotation,
      delivery: account(collected, this.seatsByRound),
      timers: {
        phaseMessagesPerParticipant: phaseMessages / Math.max(1, participantsSeen),
        perRound: phaseMessages / Math.max(1, participantsSeen) / Math.max(1, rounds.length),
        duringWriting: sum(collected.map((c) => c.phaseMessagesDuringWriting)),
      },
      inboundPerParticipant: inbound,
      refusals,
      disconnects,
      server: {
        cpuSeconds: target.cpuSeconds(),
        peakRssBytes: sum(target.servers.map((s) => s.rss().peak)),
        idleRssBytes: this.idleRss,
        joinedRssBytes: this.joinedRss,
        rssPerParticipantBytes: (this.joinedRss - this.idleRss) / options.participants,
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
      loadAverage: { before: this.loadBefore, after: loadAverage() },
      machineBusyBefore: this.machineBusyBefore,
    };
  }

  async close(error?: unknown): Promise<void> {
    if (error) for (const s of this.target.servers) this.log(`--- ${s.kind} server output (last lines) ---\n${s.output().slice(-4000)}`);
    await stopGenerators(this.generators);
    await this.target.stop();
  }
}

/** Writing time in turns of at most `slice` seconds, so two targets can alternate. */
function slices(seconds: number, slice: number): number[] {
  const n = Math.max(1, Math.ceil(seconds / slice));
  return Array.from({ length: n }, () => seconds / n);
}

/**
 * Who writes first in turn `i`: the order rotates, so each target writes first in some turns and
 * a cost tied to a place in the turn does not land on the same target every time. Each round's
 * first turn still starts with the first target.
 */
export function turnOrder<T>(targets: readonly T[], i: number): T[] {
  const k = i % Math.max(targets.length, 1);
  return [...targets.slice(k), ...targets.slice(0, k)];
}

/**
 * The whole café against each target. With several targets they run side by side and take
 * turns writing in slices of `sliceSeconds`, so a burst of other work on a shared machine
 * lands on both rather than on one; join ramps and rotations still run one target at a time.
 */
export async function runCafes(specs: TargetSpec[], options: CafeOptions, log: (line: string) => void, sliceSeconds = 5): Promise<CafeResult[]> {
  const busy = await waitForQuiet(options.waitQuiet, log);
  const cafes: Cafe[] = [];
  try {
    for (const spec of specs) cafes.push(await Cafe.open(spec, options, log, busy));
    const turns = specs.length > 1 ? slices(options.duration, sliceSeconds) : [options.duration];
    for (const c of cafes) await c.joinAndSeat();
    for (const c of cafes) await c.startRound(1);
    for (const [i, t] of turns.entries()) for (const c of turnOrder(cafes, i)) await c.write(1, options.rate, t);
    if (options.burst > 0) {
      for (const c of cafes) await c.rotate(1);
      for (const c of cafes) await c.startRound(2);
      for (const [i, t] of turns.entries()) for (const c of turnOrder(cafes, i)) await c.write(2, options.rate * options.burst, t);
    }
    const results: CafeResult[] = [];
    for (const c of cafes) results.push(await c.result());
    return results;
  } catch (error) {
    for (const c of cafes) for (const s of c.target.servers) log(`--- ${c.target.label} output (last lines) ---\n${s.output().slice(-4000)}`);
    throw error;
  } finally {
    for (const c of cafes) await c.close();
  }
}

export async function runCafe(kind: 'app' | 'baseline', options: CafeOptions, log: (line: string) => void): Promise<CafeResult> {
  return (await runCafes([{ kind }], options, log))[0]!;
}
