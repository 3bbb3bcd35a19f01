/**
 * `npm run bench:faults`: seeded kill loops under real phones (socket.io clients) that write notes
 * and resend every unacknowledged one with the same client note id, as the phone's outbox does.
 *
 * - sqlite: one process on the embedded file, SIGKILLed and started again on the same port.
 * - redis: three processes on a real redis-server (appendonly yes, appendfsync always); the loop
 *   SIGKILLs an app process (started again on its port) or, every third kill, redis-server itself.
 *
 * Each backend first runs the same loop without kills (the baseline, in the same run: the same
 * seeded moments are marked and nothing is killed), then with them. Printed for each: notes acknowledged, present in the log afterwards, lost (acknowledged but
 * not in the log), duplicated (a note id appended twice), and the time from a kill until a phone is
 * back (its next note acknowledged), p50 and max over every phone of every kill.
 * See docs/faults.md.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { createClient } from 'redis';
import { io, type Socket } from 'socket.io-client';
import { createRng, type Rng } from '../shared/rotation/prng.ts';
import { createSession, joinSession } from '../tests/support/clients.ts';
import { spawnServer, type ServerProcess } from '../tests/support/process.ts';
import { freePort, startRedis, type RedisServer } from '../tests/support/redis.ts';
import { ms, renderTable } from './lib/table.ts';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '1' },
    phones: { type: 'string', default: '12' },
    kills: { type: 'string', default: '4' },
    only: { type: 'string' },
    'no-baseline': { type: 'boolean', default: false },
  },
});
const SEED = Number(values.seed);
const PHONES = Number(values.phones);
const KILLS = Number(values.kills);
const log = (line: string) => process.stderr.write(`${line}\n`);
const sleep = (t: number) => new Promise((r) => setTimeout(r, t));
/** Note ids are nanoid-sized (21 characters), as the phone makes them. */
const noteId = (run: string, phone: number, k: number) => `${run}-${phone}-${k}`.padEnd(21, '_').slice(0, 21);
const TEXTS = [
  'Open standards first',
  'Les données publiques restent publiques',
  'الهوية الرقمية اختيارية',
  'Fund the maintainers',
  'Barrierefreiheit von Anfang an',
  'Consulta pública antes de decidir',
];

interface Result {
  backend: string;
  run: string;
  kills: number;
  acknowledged: number;
  present: number;
  lost: number;
  duplicated: number;
  unsent: number;
  back: number[];
}

/**
 * A phone: one connection at a time to one of the urls (a load balancer's choice after a drop),
 * a note written every 150–350 ms, and an outbox resending what has no ack with the same id.
 */
class Phone {
  socket: Socket | null = null;
  tableId = '';
  readonly outbox = new Map<string, string>();
  readonly acked = new Set<string>();
  private written = 0;
  private writing = true;
  private stopped = false;
  private attempt = 0;

  constructor(
    private readonly run: string,
    private readonly index: number,
    private readonly urls: () => string[],
    private readonly token: string,
    private readonly rng: Rng,
  ) {}

  /** When each acknowledgement arrived: a phone is back after a kill at its first ack after it. */
  readonly ackTimes: number[] = [];

  backAfter(t: number): number | undefined {
    const at = this.ackTimes.find((a) => a > t);
    return at === undefined ? undefined : at - t;
  }

  async start(): Promise<void> {
    await this.connect();
    void this.writeLoop();
    void this.flushLoop();
  }

  /** Connects (trying the urls in turn) until the view arrives; resolves when this phone is back. */
  connect(): Promise<void> {
    return new Promise((resolve) => {
      const tryOnce = () => {
        if (this.stopped) return resolve();
        const urls = this.urls();
        const url = urls[(this.index + this.attempt++) % urls.length]!;
        const socket = io(url, { auth: { token: this.token }, transports: ['websocket'], reconnection: false, forceNew: true, timeout: 2000 });
        socket.once('session:snapshot', (snap: { seat?: { table?: { id: string } | null } }) => {
          this.socket = socket;
          this.tableId = snap.seat?.table?.id ?? this.tableId;
          socket.once('disconnect', () => {
            this.socket = null;
            void this.connect();
          });
          resolve();
        });
        socket.once('connect_error', () => {
          socket.close();
          setTimeout(tryOnce, 200);
        });
        socket.once('disconnect', () => {
          if (this.socket !== socket) setTimeout(tryOnce, 200);
        });
      };
      tryOnce();
    });
  }

  private async writeLoop(): Promise<void> {
    while (this.writing) {
      const id = noteId(this.run, this.index, this.written);
      this.outbox.set(id, `${TEXTS[this.written % TEXTS.length]} (${this.index}.${this.written})`);
      this.written++;
      await sleep(150 + this.rng.int(200));
    }
  }

  /** The outbox: every note without an ack is sent, and sent again with the same id until one comes. */
  private async flushLoop(): Promise<void> {
    const inFlight = new Set<string>();
    while (!this.stopped) {
      const socket = this.socket;
      if (socket?.connected && this.tableId) {
        for (const [id, text] of this.outbox) {
          if (inFlight.has(id)) continue;
          inFlight.add(id);
          (socket.timeout(3000) as any)
            .emitWithAck('note:add', { id, tableId: this.tableId, round: 1, text })
            .then((ack: { ok: boolean }) => {
              if (ack.ok) {
                this.outbox.delete(id);
                this.acked.add(id);
                this.ackTimes.push(Date.now());
              }
            })
            .catch(() => undefined)
            .finally(() => inFlight.delete(id));
        }
      }
      await sleep(100);
    }
  }

  stopWriting(): void {
    this.writing = false;
  }

  close(): void {
    this.stopped = true;
    this.socket?.disconnect();
  }
}

interface Backend {
  name: string;
  urls: () => string[];
  /** Kills something chosen by the rng and starts it again; resolves once it is started. */
  kill(rng: Rng, k: number): Promise<void>;
  noteIds(sessionId: string): Promise<string[]>;
  stop(): Promise<void>;
}

async function sqliteBackend(): Promise<Backend> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tablehop-faults-'));
  const port = await freePort();
  const env = { TABLEHOP_DATA_DIR: dataDir, PORT: String(port) };
  let server: ServerProcess = await spawnServer(env);
  return {
    name: 'SQLite, 1 process',
    urls: () => [server.url],
    async kill() {
      await server.kill();
      server = await spawnServer(env);
    },
    async noteIds(sessionId) {
      // The process holds the file exclusively: stop it, then read the log as it is on disk.
      await server.stop();
      const db = new Database(join(dataDir, 'tablehop.sqlite'), { readonly: true });
      const rows = db.prepare("SELECT data FROM events WHERE session_id = ? AND type = 'note:added'").pluck().all(sessionId) as string[];
      db.close();
      server = await spawnServer(env);
      return rows.map((r) => (JSON.parse(r) as { noteId: string }).noteId);
    },
    async stop() {
      await server.kill();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function redisBackend(): Promise<Backend> {
  const redis: RedisServer = await startRedis();
  const ports = await Promise.all([freePort(), freePort(), freePort()]);
  const envs = ports.map((p) => ({ REDIS_URL: redis.url, PORT: String(p) }));
  const servers: ServerProcess[] = await Promise.all(envs.map((e) => spawnServer(e)));
  return {
    name: 'Redis, 3 processes',
    urls: () => servers.map((s) => s.url),
    async kill(rng, k) {
      if (k % 3 === 2) {
        log('  kill redis-server');
        await redis.kill();
        await sleep(300 + rng.int(700));
        await redis.start();
        return;
      }
      const i = rng.int(servers.length);
      log(`  kill app process ${i}`);
      await servers[i]!.kill();
      servers[i] = await spawnServer(envs[i]!);
    },
    async noteIds(sessionId) {
      const r = createClient({ url: redis.url });
      await r.connect();
      const entries = await r.xRange(`tablehop:{${sessionId}}:log`, '-', '+');
      await r.close();
      return (entries ?? [])
        .map((e) => JSON.parse(e.message.e as string) as { type: string; noteId?: string })
        .filter((e) => e.type === 'note:added')
        .map((e) => e.noteId!);
    },
    async stop() {
      await Promise.all(servers.map((s) => s.kill()));
      await redis.stop();
    },
  };
}

async function loop(backend: Backend, run: string, kills: number, seed: number, dry: boolean): Promise<Result> {
  const rng = createRng(seed);
  const url = backend.urls()[0]!;
  const session = await createSession(url, {
    tables: [{ question: 'Who should govern digital identity?' }, { question: 'What should stay public?' }],
    roundSeconds: 3600,
  });
  const tokens: string[] = [];
  for (let i = 0; i < PHONES; i++)
    tokens.push(
      (await joinSession(url, session.code, { name: `${['Aiyana Whitehorse-Delacroix', 'محمد عبد الرحمن', 'Zhang Wei', 'Nguyễn Thị Minh Khai'][i % 4]} ${i}` }))
        .participantToken,
    );
  const facilitator = io(url, { auth: { token: session.facilitatorToken }, transports: ['websocket'], reconnection: false, forceNew: true });
  await new Promise((r) => facilitator.once('session:snapshot', r));
  await (facilitator.timeout(20_000) as any).emitWithAck('round:start', { round: 1 });
  facilitator.disconnect();

  const phones = tokens.map((t, i) => new Phone(run, i, backend.urls, t, createRng(seed * 1000 + i)));
  await Promise.all(phones.map((p) => p.start()));
  const back: number[] = [];
  for (let k = 0; k < kills; k++) {
    await sleep(1000 + rng.int(1500));
    const killedAt = Date.now();
    // The baseline marks the same moments and kills nothing: its "back" is the gap to a phone's next ack.
    if (!dry) await backend.kill(rng, k);
    // A phone is back when a note it wrote is acknowledged again (phones that never lost their
    // process are back at their next ack). A guard, not a timing: 60 s.
    const guard = Date.now() + 60_000;
    while (phones.some((p) => p.backAfter(killedAt) === undefined) && Date.now() < guard) await sleep(20);
    const times = phones.map((p) => p.backAfter(killedAt) ?? Infinity);
    back.push(...times);
    log(`  ${run}: ${dry ? 'mark' : 'kill'} ${k + 1}/${kills}, every phone back after ${ms(Math.max(...times))} ms`);
  }
  for (const p of phones) p.stopWriting();
  // The outboxes drain: no new notes, every unacknowledged one resent until acknowledged (or 30 s).
  const until = Date.now() + 30_000;
  while (phones.some((p) => p.outbox.size > 0) && Date.now() < until) await sleep(100);
  for (const p of phones) p.close();

  const ids = await backend.noteIds(session.sessionId);
  const inLog = new Set(ids);
  const acked = phones.flatMap((p) => [...p.acked]);
  return {
    backend: backend.name,
    run,
    kills: dry ? 0 : kills,
    acknowledged: acked.length,
    present: acked.filter((id) => inLog.has(id)).length,
    lost: acked.filter((id) => !inLog.has(id)).length,
    duplicated: ids.length - inLog.size,
    unsent: phones.reduce((n, p) => n + p.outbox.size, 0),
    back,
  };
}

const pct = (xs: number[], q: number) => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};

const started = Date.now();
const results: Result[] = [];
const backends: [string, () => Promise<Backend>][] = [
  ['sqlite', sqliteBackend],
  ['redis', redisBackend],
];
for (const [name, make] of backends) {
  if (values.only && values.only !== name) continue;
  log(`${name}: starting`);
  const backend = await make();
  try {
    if (!values['no-baseline']) results.push(await loop(backend, `b${name[0]}`, KILLS, SEED, true));
    results.push(await loop(backend, `k${name[0]}`, KILLS, SEED, false));
  } finally {
    await backend.stop();
  }
}

console.log(`\nFault loops: ${PHONES} phones, ${KILLS} kills a backend, seed ${SEED} (${((Date.now() - started) / 1000).toFixed(0)} s in all)\n`);
console.log(
  renderTable(
    ['backend', 'run', 'kills', 'acknowledged', 'present', 'lost', 'duplicated', 'never acked', 'phone back p50 ms', 'max ms'],
    results.map((r) => [
      r.backend,
      r.kills ? 'kill loop' : 'baseline (no kills)',
      String(r.kills),
      String(r.acknowledged),
      String(r.present),
      String(r.lost),
      String(r.duplicated),
      String(r.unsent),
      ms(pct(r.back, 0.5)),
      ms(Math.max(...r.back)),
    ]),
  ),
);
const bad = results.filter((r) => r.lost > 0 || r.duplicated > 0);
if (bad.length) {
  console.log(`\nLOST OR DUPLICATED in: ${bad.map((r) => `${r.backend} ${r.run}`).join(', ')}`);
  process.exitCode = 1;
}
process.exit();
