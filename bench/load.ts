/**
 * `npm run bench:load`: a realistic café against the app in its own process, the same load
 * against a bare Socket.IO relay (bench/baseline-server.ts), heap per connection at 10,000
 * connections, and optionally the largest P under a latency bound. See docs/load.md.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { runCafes, type CafeOptions, type CafeResult } from './lib/cafe.ts';
import { runHarvestStorm, type StormResult } from './lib/harvest-storm.ts';
import { findLimit, type LimitResult } from './lib/limit.ts';
import { runMemory, type MemoryResult } from './lib/memory.ts';
import { readOptions } from './lib/options.ts';
import { cafeTable, limitTable, memoryTable, stormTable } from './lib/report.ts';
import { ROOT } from './lib/spawn.ts';
import type { TargetSpec } from './lib/target.ts';
import { checkTargets, targetsTable } from './lib/targets.ts';

const options = readOptions();
const log = (line: string) => process.stderr.write(`${line}\n`);
const started = new Date();

const cafeOptions: CafeOptions = {
  participants: options.participants,
  tableSize: options.tableSize,
  duration: options.duration,
  rate: options.rate,
  burst: options.burst,
  editFraction: options.editFraction,
  generators: options.generators,
  processes: 1,
  spread: 'round-robin',
  seed: options.seed,
  cpuProfDir: options.cpuProf ? join(ROOT, 'bench', 'results', 'profiles') : undefined,
  appEntry: options.appEntry,
  waitQuiet: options.waitQuiet,
  rotation: options.rotation,
};

// The third column's name: the build before, when named so; otherwise a patched copy.
const compareName = options.compareLabel ?? 'app (patched)';
const cafe: CafeResult[] = [];
let app: CafeResult | undefined;
let baseline: CafeResult | undefined;
let compared: CafeResult | undefined;
const memory: MemoryResult[] = [];
let limit: LimitResult | undefined;
const storms: StormResult[] = [];

if (options.parts.has('cafe')) {
  // App and baseline side by side, taking turns to write, so noise on a shared machine hits both.
  const specs: TargetSpec[] = [{ kind: 'app' }];
  if (options.baseline) specs.push({ kind: 'baseline' });
  if (options.compareEntry) specs.push({ kind: 'app', entry: options.compareEntry, label: compareName });
  const side = await runCafes(specs, cafeOptions, log);
  app = side[0];
  baseline = options.baseline ? side[1] : undefined;
  // Judged against only when named as the build before; a patched copy is a column to read.
  compared = options.compareLabel ? side[specs.length - 1] : undefined;
  cafe.push(...side);
  if (options.processes > 1) {
    const spreads = options.spread === 'both' ? (['round-robin', 'session'] as const) : [options.spread];
    for (const spread of spreads) {
      try {
        cafe.push(...(await runCafes([{ kind: 'app' }], { ...cafeOptions, processes: options.processes, spread }, log)));
      } catch (error) {
        log(`app on ${options.processes} processes (${spread}) failed: ${(error as Error).message}`);
      }
    }
  }
}
if (options.parts.has('memory')) {
  memory.push(await runMemory('app', options.connections, options.tableSize, options.generators, log, options.appEntry));
  if (options.baseline) memory.push(await runMemory('baseline', options.connections, options.tableSize, options.generators, log));
  if (options.compareEntry)
    memory.push(await runMemory('app', options.connections, options.tableSize, options.generators, log, options.compareEntry, compareName));
}
if (options.parts.has('harvest')) {
  // The same join storm into a café without a harvest and into one whose harvest is under way.
  const stormOptions = {
    participants: options.participants,
    notes: options.stormNotes,
    deadline: options.stormDeadline,
    generators: options.generators,
    waitQuiet: options.waitQuiet,
    seed: options.seed,
  };
  storms.push(await runHarvestStorm({ kind: 'app', harvest: false, entry: options.appEntry }, stormOptions, log));
  storms.push(await runHarvestStorm({ kind: 'app', harvest: true, entry: options.appEntry }, stormOptions, log));
  if (options.compareEntry)
    storms.push(await runHarvestStorm({ kind: 'app', harvest: true, entry: options.compareEntry, label: compareName }, stormOptions, log));
}
if (options.parts.has('limit')) {
  limit = await findLimit(cafeOptions, options.limitSteps, options.limitDuration, options.limitP99, log);
}

const commit = (() => {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT }).toString().trim();
  } catch {
    return 'unknown';
  }
})();
const meta = {
  startedAt: started.toISOString(),
  seconds: (Date.now() - started.getTime()) / 1000,
  commit,
  node: process.version,
  cpus: `${cpus().length} × ${cpus()[0]?.model ?? '?'}`,
  options: { ...options, parts: [...options.parts] },
};
const checks = checkTargets(
  app,
  baseline,
  memory.find((m) => m.target === 'app'),
  limit,
  compared,
);

const sections = [
  `Tablehop load benchmark · ${options.participants} participants at tables of ${options.tableSize} · ${options.duration} s per round · commit ${commit} · ${meta.cpus}`,
];
if (cafe.length) sections.push(cafeTable(cafe));
if (memory.length) sections.push(memoryTable(memory));
if (storms.length) sections.push(stormTable(storms));
if (limit) sections.push(limitTable(limit));
if (checks.length) sections.push(targetsTable(checks));
process.stdout.write(`\n${sections.join('\n\n')}\n`);

// Relative to the repository, as the default is; an absolute path stays as given.
const out = resolve(ROOT, options.out);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(
  out,
  JSON.stringify({ meta, cafe, memory, storms, limit, targets: checks }, (_k, v) => (v instanceof Float64Array ? undefined : v), 2),
);
log(`\nJSON written to ${out}`);
