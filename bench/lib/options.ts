import { parseArgs } from 'node:util';
import type { Spread } from './sessions.ts';

export interface LoadOptions {
  participants: number;
  duration: number;
  rate: number;
  burst: number;
  editFraction: number;
  tableSize: number;
  generators: number;
  processes: number;
  spread: Spread | 'both';
  baseline: boolean;
  /** Idle connections for the memory measurement; 0 skips it. */
  connections: number;
  findLimit: boolean;
  limitSteps: number[];
  limitDuration: number;
  limitP99: number;
  cpuProf: boolean;
  appEntry?: string;
  /** A patched copy of the app to run side by side with the app and the baseline. */
  compareEntry?: string;
  /**
   * Names the third column as the build before a change (for example "before (b09aa74)"); the
   * targets then judge this build against it. Unset: a patched copy, "app (patched)", not judged.
   */
  compareLabel?: string;
  waitQuiet: number;
  rotation: 'preview' | 'direct';
  seed: number;
  out: string;
  /** Notes sorted into themes before the join storm of the harvest case. */
  stormNotes: number;
  /** Seconds after which the harvest case's storm is measured as it stands and stopped. */
  stormDeadline: number;
  /** Which parts to run: the café (app + baseline), the memory measurement, the join storm during a harvest, the limit search. */
  parts: Set<Part>;
}

export type Part = 'cafe' | 'memory' | 'harvest' | 'limit';

export const USAGE = `npm run bench:load -- [options]

  --participants, -p N   simulated participants (default 2000; sessions of up to 2000, tables of 8)
  --duration S           seconds of note writing per round (default 20)
  --rate R               notes per table per second in round 1 (default 1)
  --burst K              round 2 runs at K × the rate (default 4)
  --edit-fraction F      share of notes edited later (default 0.1)
  --table-size N         seats per table (default 8)
  --generators N         load generator processes (default 1)
  --processes N          app server processes sharing Redis (default 1)
  --spread MODE          with --processes: round-robin | session | both (default both)
  --skip-baseline        do not run the bare Socket.IO relay
  --connections N        idle connections for the heap measurement (default 10000; 0 skips)
  --find-limit           step P up until note p99 passes --limit-p99 (part of --all)
  --limit-steps LIST     P values to try (default 2000,4000,6000,8000,10000,12000,14000,16000,18000)
  --limit-duration S     seconds of writing per step (default 8)
  --limit-p99 MS         the latency bound of the search (default 250)
  --only PARTS           comma list of cafe,memory,harvest,limit (default: cafe,memory,harvest; --all adds limit)
  --storm-notes N        notes sorted into themes before the harvest case's join storm (default 500)
  --storm-deadline S     measure a storm still running after S seconds as it stands, and stop it (default 180)
  --all                  café, memory and the limit search
  --cpu-prof             write V8 CPU profiles of the servers to bench/results/profiles/
  --app-entry FILE       run this app entry instead of server/main.ts (to measure a patched copy)
  --compare-entry FILE   also run this app entry side by side, as a third column ("app (patched)")
  --compare-label NAME   names that column as the build before a change (for example
                         "before (b09aa74)"); the targets then judge this build against it
  --rotation MODE        preview (the console's preview + accept before "next round"; default) | direct
  --wait-quiet S         before each café, wait up to S s for other work to settle (default 120; 0: don't)
  --seed N               random seed (default 1)
  --out FILE             JSON results (default bench/results/load.json)
`;

/** The report finds columns by name: a third column called "app" or "baseline" would be taken for them. */
function compareLabel(label: string | undefined, entry: string | undefined): string | undefined {
  if (label === undefined) return undefined;
  if (entry === undefined) throw new Error('--compare-label names the --compare-entry column; give both');
  const name = label.trim();
  if (!name || name === 'app' || name === 'baseline') throw new Error('--compare-label must be a name other than "app" or "baseline"');
  return name;
}

export function readOptions(argv = process.argv.slice(2)): LoadOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      participants: { type: 'string', short: 'p' },
      duration: { type: 'string' },
      rate: { type: 'string' },
      burst: { type: 'string' },
      'edit-fraction': { type: 'string' },
      'table-size': { type: 'string' },
      generators: { type: 'string' },
      processes: { type: 'string' },
      spread: { type: 'string' },
      'skip-baseline': { type: 'boolean' },
      connections: { type: 'string' },
      'find-limit': { type: 'boolean' },
      'limit-steps': { type: 'string' },
      'limit-duration': { type: 'string' },
      'limit-p99': { type: 'string' },
      only: { type: 'string' },
      'storm-notes': { type: 'string' },
      'storm-deadline': { type: 'string' },
      all: { type: 'boolean' },
      'cpu-prof': { type: 'boolean' },
      'app-entry': { type: 'string' },
      'compare-entry': { type: 'string' },
      'compare-label': { type: 'string' },
      seed: { type: 'string' },
      'wait-quiet': { type: 'string' },
      rotation: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    process.exit(0);
  }
  const num = (v: string | undefined, fallback: number, name: string) => {
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a non-negative number`);
    return n;
  };
  const spread = values.spread ?? 'both';
  if (!['round-robin', 'session', 'both'].includes(spread)) throw new Error('--spread must be round-robin, session or both');
  const parts = new Set<Part>(
    values.only ? (values.only.split(',') as Part[]) : values.all ? ['cafe', 'memory', 'harvest', 'limit'] : ['cafe', 'memory', 'harvest'],
  );
  if (values['find-limit']) parts.add('limit');
  const connections = num(values.connections, 10_000, 'connections');
  if (connections === 0) parts.delete('memory');
  return {
    participants: Math.max(2, Math.round(num(values.participants, 2000, 'participants'))),
    duration: num(values.duration, 20, 'duration'),
    rate: num(values.rate, 1, 'rate'),
    burst: num(values.burst, 4, 'burst'),
    editFraction: num(values['edit-fraction'], 0.1, 'edit-fraction'),
    tableSize: Math.max(2, Math.round(num(values['table-size'], 8, 'table-size'))),
    generators: Math.max(1, Math.round(num(values.generators, 1, 'generators'))),
    processes: Math.max(1, Math.round(num(values.processes, 1, 'processes'))),
    spread: spread as LoadOptions['spread'],
    baseline: !values['skip-baseline'],
    connections,
    findLimit: parts.has('limit'),
    limitSteps: (values['limit-steps'] ?? '2000,4000,6000,8000,10000,12000,14000,16000,18000').split(',').map((s) => Math.round(num(s, 0, 'limit-steps'))),
    limitDuration: num(values['limit-duration'], 8, 'limit-duration'),
    limitP99: num(values['limit-p99'], 250, 'limit-p99'),
    cpuProf: values['cpu-prof'] ?? false,
    appEntry: values['app-entry'],
    compareEntry: values['compare-entry'],
    compareLabel: compareLabel(values['compare-label'], values['compare-entry']),
    waitQuiet: num(values['wait-quiet'], 120, 'wait-quiet'),
    rotation: values.rotation === 'direct' ? 'direct' : 'preview',
    seed: num(values.seed, 1, 'seed'),
    out: values.out ?? 'bench/results/load.json',
    stormNotes: Math.round(num(values['storm-notes'], 500, 'storm-notes')),
    stormDeadline: num(values['storm-deadline'], 180, 'storm-deadline'),
    parts,
  };
}
