/**
 * A load generator process: simulated participants (and the facilitators) as real Socket.IO
 * clients, driven by the orchestrator over IPC. See bench/load.ts.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Collected, CommandReport, GeneratorApi, GeneratorInit, JoinReport, SeatReport } from './api.ts';
import { command, openSocket, type BenchSocket } from './client.ts';
import { benchNow, setClockOffset } from './clock.ts';
import { closeAgents, postJson } from './http.ts';
import { pool } from './pool.ts';
import { Recorder, Seen } from './recorder.ts';
import { serveRpc } from './rpc.ts';
import { Sim, type Tallies } from './sim.ts';
import { runNotes } from './writer.ts';

const CONNECT_TIMEOUT_MS = 30_000;
const COMMAND_TIMEOUT_MS = 60_000;

let init: GeneratorInit | undefined;
let sims: Sim[] = [];
const facilitators = new Map<number, { socket: BenchSocket; seen: Seen }>();
const recorder = new Recorder();
const tallies: Tallies = { inbound: {}, phaseMessages: 0, phaseMessagesDuringWriting: 0, disconnects: {}, writing: false, closing: false };
const loopDelay = monitorEventLoopDelay({ resolution: 5 });
loopDelay.enable();

/** Deterministic per generator, so two runs with one seed write the same notes in the same order. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
let rng = mulberry32(1);

function count(into: Record<string, number>, key: string) {
  into[key] = (into[key] ?? 0) + 1;
}

async function connectAll(targets: Sim[], concurrency: number, report: JoinReport) {
  await pool(targets, concurrency, async (sim) => {
    const error = await sim.connect(CONNECT_TIMEOUT_MS);
    if (error) {
      report.failed++;
      count(report.errors, `connect:${error}`);
    } else report.connected++;
  });
  report.connectedAt = benchNow();
}

const api: GeneratorApi = {
  init(value) {
    init = value;
    rng = mulberry32(value.seed * 7919 + value.index);
    sims = value.participants.map((spec) => new Sim(spec, recorder, tallies));
  },

  clock: () => benchNow(),

  setOffset(ms) {
    setClockOffset(ms);
  },

  async connectFacilitators() {
    for (const f of init!.facilitators) {
      const socket = openSocket(f.url, f.token);
      const seen = new Seen();
      socket.on('note:added', (n) => recorder.received('added', n, seen, benchNow(), 'facilitator'));
      socket.on('note:edited', (n) => recorder.received('edited', n, seen, benchNow(), 'facilitator'));
      socket.on('disconnect', (reason) => {
        if (!tallies.closing) count(tallies.disconnects, `facilitator:${reason}`);
      });
      await new Promise<void>((resolve, reject) => {
        socket.once('session:snapshot', () => resolve());
        socket.once('connect_error', (err) => reject(new Error(`facilitator could not connect: ${err.message}`)));
      });
      facilitators.set(f.session, { socket, seen });
    }
  },

  async join({ concurrency, connect }) {
    const report: JoinReport = { connected: 0, failed: 0, startedAt: benchNow(), joinedAt: 0, connectedAt: 0, errors: {} };
    const groups = init!.groups;
    await pool(sims, concurrency, async (sim) => {
      const { idx, url, code, address } = sim.spec;
      try {
        const names = init!.names;
        const name = names?.length ? names[idx % names.length]! : `Participant ${idx}`;
        const res = await postJson(`${url}/api/join/${code}`, { name, group: groups[idx % groups.length], presence: 'room' }, address);
        if (res.status !== 201) {
          report.failed++;
          return count(report.errors, `join:${res.body?.error ?? res.status}`);
        }
        sim.token = res.body.participantToken as string;
      } catch (error) {
        report.failed++;
        return count(report.errors, `join:${(error as NodeJS.ErrnoException).code ?? 'error'}`);
      }
      if (!connect) return;
      const error = await sim.connect(CONNECT_TIMEOUT_MS);
      if (error) {
        report.failed++;
        count(report.errors, `connect:${error}`);
      } else report.connected++;
    });
    report.joinedAt = benchNow();
    report.connectedAt = report.joinedAt;
    return report;
  },

  async connectJoined(concurrency) {
    const report: JoinReport = { connected: 0, failed: 0, startedAt: benchNow(), joinedAt: benchNow(), connectedAt: 0, errors: {} };
    await connectAll(
      sims.filter((s) => s.token && !s.socket),
      concurrency,
      report,
    );
    return report;
  },

  async facilitator(session, event, payload): Promise<CommandReport> {
    const f = facilitators.get(session);
    if (!f) throw new Error(`no facilitator for session ${session}`);
    const sentAt = benchNow();
    const { result, timedOut } = await command(f.socket, event, payload, COMMAND_TIMEOUT_MS);
    const ackAt = benchNow();
    if (timedOut || !result) return { ok: false, error: 'timeout', message: `${event} was not acknowledged`, sentAt, ackAt, reply: {} };
    if (!result.ok) return { ok: false, error: result.error, message: result.message, sentAt, ackAt, reply: {} };
    return { ok: true, sentAt, ackAt, reply: result };
  },

  async awaitSeats(round, timeoutMs): Promise<SeatReport> {
    const waiting = () => sims.filter((s) => s.connected && !s.seats.has(round));
    const deadline = benchNow() + timeoutMs;
    while (waiting().length && benchNow() < deadline) await new Promise((r) => setTimeout(r, 20));
    const seats = sims.flatMap((s) => s.seatRecord(round) ?? []);
    return { seats, missing: waiting().length };
  },

  runNotes: (plan) => runNotes(plan, sims, recorder, tallies, rng, init!.index),

  async quiesce(quietMs, maxMs) {
    const deadline = benchNow() + maxMs;
    while (benchNow() < deadline && benchNow() - recorder.lastInboundAt < quietMs) await new Promise((r) => setTimeout(r, 50));
  },

  collect(): Collected {
    const cpu = process.cpuUsage();
    return {
      ...recorder.collect(),
      phaseMessages: tallies.phaseMessages,
      phaseMessagesDuringWriting: tallies.phaseMessagesDuringWriting,
      participants: sims.filter((s) => s.socket).length,
      inbound: tallies.inbound,
      disconnects: tallies.disconnects,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      eventLoopP99: loopDelay.percentile(99) / 1e6,
    };
  },

  async close() {
    tallies.closing = true;
    for (const s of sims) s.socket?.disconnect();
    for (const f of facilitators.values()) f.socket.disconnect();
    closeAgents();
    setTimeout(() => process.exit(0), 50);
  },
};

serveRpc(api);
// If the orchestrator dies, so do we: no orphaned sockets holding the server's ports.
process.on('disconnect', () => process.exit(0));
