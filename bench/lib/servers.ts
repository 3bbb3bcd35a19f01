import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { getJson } from './http.ts';
import { cpuSeconds, rss } from './procfs.ts';
import { freePort, spawnWithFileLimit, stopChild, tail } from './spawn.ts';

export interface ProbeStats {
  pid: number;
  memory: NodeJS.MemoryUsage;
  cpuSeconds: number;
  eventLoop: { p50: number; p99: number; max: number };
  gc: { count: number; totalMs: number; maxMs: number };
}

/** One server process under test, app or baseline, with its probe. */
export interface ServerProcess {
  kind: 'app' | 'baseline';
  url: string;
  pid: number;
  child: ChildProcess;
  stats(options?: { gc?: boolean; resetLoop?: boolean }): Promise<ProbeStats>;
  cpuSeconds(): number;
  rss(): { rss: number; peak: number };
  output(): string;
  stop(): Promise<void>;
}

export interface ServerOptions {
  /** Extra environment (REDIS_URL, limits). */
  env?: Record<string, string>;
  /** Directory for a V8 CPU profile, written when the process exits. */
  cpuProfDir?: string;
  /** Another app entry point, to measure a patched copy of the server against the same load. */
  entry?: string;
  /** Where to keep the server's last output lines when it stops (warnings and errors, at LOG_LEVEL=warn). */
  logFile?: string;
}

/**
 * Settings the benchmark changes from production's defaults, and why:
 * - the command burst is 300 so the scripted facilitator can name 250 table hosts at once
 *   (participants send under 1 command a second, far below the default 5 a second);
 * - logs at warn, as an operator would run a busy event.
 */
export const APP_ENV: Record<string, string> = {
  TABLEHOP_RATE_BURST: '300',
  // Simulated participants write faster than people do; the pace is not what is measured.
  TABLEHOP_NOTE_BURST: '300',
  TABLEHOP_NOTES_PER_MINUTE: '6000',
  LOG_LEVEL: 'warn',
};

/**
 * Node's flags as `npm start` gives them (package.json), for the app and the relay alike, so the
 * ratio between them is the code's and not the tuning's. A young generation of 64 MB: a note's
 * fan-out makes short-lived views and frames, and at the default 16 MB the scavenger ran often
 * enough to cost the app about 6 % of its CPU per note (GC pauses 191 against 112 ms in one round).
 */
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=64'];

async function startServer(kind: 'app' | 'baseline', entry: string, options: ServerOptions): Promise<ServerProcess> {
  const port = await freePort();
  const probePort = await freePort();
  const dataDir = kind === 'app' ? mkdtempSync(join(tmpdir(), 'tablehop-bench-')) : undefined;
  const flags = [...SERVER_NODE_FLAGS, '--expose-gc', '--import', 'tsx', '--import', './bench/lib/probe.mjs'];
  // Default file names: tsx's loader thread writes a profile too, and a fixed name would let it overwrite the main one.
  if (options.cpuProfDir) flags.push('--cpu-prof', `--cpu-prof-dir=${join(options.cpuProfDir, `${kind}-${port}`)}`);
  const child = spawnWithFileLimit([process.execPath, ...flags, entry], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      BENCH_PROBE_PORT: String(probePort),
      ...(dataDir ? { TABLEHOP_DATA_DIR: dataDir } : {}),
      ...(kind === 'app' ? APP_ENV : {}),
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = tail(child);
  const url = `http://127.0.0.1:${port}`;
  const probe = `http://127.0.0.1:${probePort}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${kind} server exited with ${child.exitCode}:\n${output()}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${kind} server did not start within 60 s:\n${output()}`);
    }
    try {
      const health = await fetch(`${url}/healthz`);
      await getJson(`${probe}/`);
      if (health.ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const pid = child.pid!;
  return {
    kind,
    url,
    pid,
    child,
    stats: ({ gc = false, resetLoop = false } = {}) => getJson(`${probe}/${gc ? 'gc' : ''}${resetLoop ? '?reset' : ''}`),
    cpuSeconds: () => cpuSeconds(pid),
    rss: () => rss(pid),
    output,
    async stop() {
      await stopChild(child);
      if (options.logFile && output().trim()) {
        mkdirSync(dirname(options.logFile), { recursive: true });
        writeFileSync(options.logFile, output());
      }
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The app as production runs it: `server/main.ts`, configured by environment. */
export const startApp = (options: ServerOptions = {}) => startServer('app', options.entry ?? 'server/main.ts', options);
export const startBaseline = (options: ServerOptions = {}) => startServer('baseline', 'bench/baseline-server.ts', options);
