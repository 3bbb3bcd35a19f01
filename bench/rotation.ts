import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  asSittings,
  checkRules,
  createRng,
  hashSeed,
  planFigures,
  planRemaining,
  planSeats,
  randomRound,
  repeatedPairsLowerBound,
  roundFigures,
  seatRound,
  shiftRound,
  shuffle,
  type LowerBound,
  type RotationPerson,
  type RotationTable,
  type RoundRequest,
  type RoundSittings,
  type Seating,
} from '../shared/rotation/index.ts';

/**
 * The rotation benchmark: cafés from nine people to ten thousand, each seated for all its rounds by
 * the engine and by two baselines (a random shuffle that keeps the rules, and "everyone moves k
 * tables on"), with the figures the issue asks for. Instances are generated from fixed seeds, so
 * every run measures the same cafés. Times are on one core (Node runs the engine on its main thread;
 * the app runs previews on a worker thread, which is the same work); a round's time is the median of
 * several warm runs of the last round alone.
 */

export const GROUPS = ['Government', 'Private sector', 'Civil society', 'Technical community', 'Academia'] as const;
/** Skewed on purpose: the largest group is four times the smallest. */
export const GROUP_SHARE = [0.36, 0.24, 0.18, 0.13, 0.09] as const;

export interface Spec {
  name: string;
  people: number;
  tables: number;
  rounds: number;
  /** Distinct guiding questions; tables share them round-robin (1: one question for the whole café). */
  questions: number;
  hybridTables: number;
  remoteTables: number;
  remoteShare: number;
  hosts: number;
  /** Seats per table (one number for all, or one per table); by default the average plus two. */
  capacity?: number | readonly number[];
  /** Exact stakeholder groups, dealt in a seeded random order; by default the skewed shares above. */
  groups?: readonly { name: string; count: number }[];
  /** Why it is here, for the reader of the results. */
  about?: string;
}

const cafe = (
  name: string,
  people: number,
  tables: number,
  rounds: number,
  questions: number,
  hybridTables: number,
  remoteTables: number,
  remoteShare: number,
  hosts: number,
): Spec => ({
  name,
  people,
  tables,
  rounds,
  questions,
  hybridTables,
  remoteTables,
  remoteShare,
  hosts,
});
const plain = { hybridTables: 0, remoteTables: 0, remoteShare: 0, hosts: 0 } as const;

/** Today's five cafés: skewed groups, hybrid (and remote) tables, a few hosts. */
export const CAFES: Spec[] = [
  cafe('12 / 3', 12, 3, 3, 3, 1, 0, 0.17, 1),
  cafe('30 / 6', 30, 6, 4, 6, 2, 0, 0.14, 2),
  cafe('60 / 10', 60, 10, 5, 10, 3, 0, 0.12, 3),
  cafe('200 / 25', 200, 25, 5, 8, 6, 0, 0.08, 8),
  cafe('2000 / 250', 2000, 250, 5, 10, 30, 20, 0.1, 60),
];

/** Shapes that broke the method, the classic instances from the literature, and a plenary. */
export const SHAPES: Spec[] = [
  {
    name: 'Kirkman 15 / 5×3',
    people: 15,
    tables: 5,
    rounds: 7,
    questions: 1,
    capacity: 3,
    ...plain,
    about: 'Kirkman’s schoolgirls: 15 at 5 tables of 3 for 7 rounds, everyone meeting everyone once',
  },
  { name: 'Golfers 32 / 8×4 ×9', people: 32, tables: 8, rounds: 9, questions: 1, capacity: 4, ...plain, about: 'social golfers 8-4-9' },
  {
    name: 'Golfers 32 / 8×4 ×10',
    people: 32,
    tables: 8,
    rounds: 10,
    questions: 1,
    capacity: 4,
    ...plain,
    about: 'social golfers 8-4-10, the most rounds possible without a repeat',
  },
  { name: '40 / 5×8', people: 40, tables: 5, rounds: 4, questions: 5, capacity: 8, ...plain, about: 'tables that divide evenly: no single move frees a seat' },
  { name: '48 / 6×8', people: 48, tables: 6, rounds: 4, questions: 6, capacity: 8, ...plain, about: 'the same, six tables' },
  {
    name: '30 / 6×5 hosted',
    people: 30,
    tables: 6,
    rounds: 5,
    questions: 6,
    capacity: 5,
    ...plain,
    hosts: 6,
    groups: GROUPS.map((name) => ({ name, count: 6 })),
    about: '6 people in each of 5 groups, every table hosted: single-group tables are easy to fall into',
  },
  {
    name: '12+4 / 4×4',
    people: 16,
    tables: 4,
    rounds: 4,
    questions: 4,
    capacity: 4,
    ...plain,
    groups: [
      { name: 'Government', count: 12 },
      { name: 'Civil society', count: 4 },
    ],
    about: '12 government and 4 civil-society people: every table can have one of the four',
  },
  {
    name: '24 / 8,8,8,3',
    people: 24,
    tables: 4,
    rounds: 4,
    questions: 4,
    capacity: [8, 8, 8, 3],
    ...plain,
    about: 'a small table: capacity forces 12 returns to a known question',
  },
  { name: '9 / 5', people: 9, tables: 5, rounds: 4, questions: 5, ...plain, about: 'fewer people than 5 tables of 3: tables must close' },
  { name: '20 / 25', people: 20, tables: 25, rounds: 4, questions: 5, ...plain, about: 'many more tables than people' },
  cafe('10000 / 1250', 10_000, 1_250, 5, 10, 150, 100, 0.1, 300),
];

export const SPECS: Spec[] = [...CAFES, ...SHAPES];

export interface Instance {
  tables: RotationTable[];
  people: RotationPerson[];
}

export function build(spec: Spec): Instance {
  const rng = createRng(hashSeed('bench', spec.name));
  const perTable = Math.ceil(spec.people / spec.tables);
  // Hybrid and remote tables are spaced evenly along the list, so that they cover the questions evenly.
  const modes: RotationTable['mode'][] = [];
  for (let h = spec.hybridTables, r = spec.remoteTables; h > 0 || r > 0; h--, r--) {
    if (h > 0) modes.push('hybrid');
    if (r > 0) modes.push('remote');
  }
  const special = new Map(modes.map((mode, j) => [Math.floor((j * spec.tables) / modes.length), mode]));
  const modeOf = (i: number): RotationTable['mode'] => special.get(i) ?? 'room';
  // Questions are dealt to the hybrid and remote tables first, then onwards round the room tables,
  // so that every kind of table offers as many different questions as it can.
  const order = [
    ...Array.from({ length: spec.tables }, (_, i) => i).filter((i) => modeOf(i) !== 'room'),
    ...Array.from({ length: spec.tables }, (_, i) => i).filter((i) => modeOf(i) === 'room'),
  ];
  const questionOf = new Map(order.map((i, k) => [i, `Question ${(k % spec.questions) + 1}`]));
  const capacityOf = (i: number) => (spec.capacity === undefined ? perTable + 2 : typeof spec.capacity === 'number' ? spec.capacity : spec.capacity[i]!);
  const tables: RotationTable[] = Array.from({ length: spec.tables }, (_, i) => ({
    id: `t${i + 1}`,
    question: questionOf.get(i)!,
    mode: modeOf(i),
    capacity: capacityOf(i),
    hostId: null,
  }));
  const remoteCount = Math.round(spec.people * spec.remoteShare);
  const step = Math.round(spec.people / Math.max(1, remoteCount));
  const dealt = spec.groups
    ? shuffle(
        rng,
        spec.groups.flatMap((g) => Array.from({ length: g.count }, () => g.name)),
      )
    : null;
  const people: RotationPerson[] = Array.from({ length: spec.people }, (_, i) => {
    let group: string;
    if (dealt) group = dealt[i]!;
    else {
      let x = rng.next();
      let g = 0;
      while (g < GROUPS.length - 1 && x >= GROUP_SHARE[g]!) x -= GROUP_SHARE[g++]!;
      group = GROUPS[g]!;
    }
    return { id: `p${i + 1}`, group, presence: remoteCount > 0 && i % step === 1 && i / step < remoteCount ? 'remote' : 'room', pinnedTo: null };
  });
  // Hosts: the first tables get one, someone whose presence the table takes and who hosts nowhere else.
  const taken = new Set<string>();
  for (const table of tables.slice(0, spec.hosts)) {
    const host = people.find((p) => !taken.has(p.id) && (table.mode === 'hybrid' || table.mode === p.presence));
    if (!host) continue;
    taken.add(host.id);
    table.hostId = host.id;
  }
  return { tables, people };
}

type Method = 'engine' | 'random' | 'shift';

interface MethodFigures {
  extraMeetings: number;
  distinctRepeatedPairs: number;
  returns: number;
  fewestReturns: number;
  singleGroupTables: number;
  belowMinimum: number;
  newQuestionShare: number;
  diversity: number;
  ruleViolations: number;
  violationsByRule: Record<string, number>;
  /** One round alone (the round end without an accepted plan), median of warm runs. */
  roundMs: number;
  /** Every round: the engine's whole-plan search, or the baseline round after round. */
  planMs: number;
  /** The engine only: a full preview (plan, figures and lower bound), as the worker computes it. */
  previewMs?: number;
  /** The engine only: checking a planned round against the rules, as the round end does with an accepted plan. */
  checkMs?: number;
}

const roundsOf = (spec: Spec) => Array.from({ length: spec.rounds }, (_, i) => i + 1);
const planRequest = (spec: Spec, inst: Instance, method: Method) => ({
  tables: inst.tables,
  people: inst.people,
  history: [],
  rounds: roundsOf(spec),
  seedFor: (r: number) => hashSeed(spec.name, method, r),
});

function seatAll(method: Method, spec: Spec, inst: Instance): { seatings: Seating[]; requests: RoundRequest[] } {
  if (method === 'engine') {
    const plan = planSeats(planRequest(spec, inst, method));
    return { seatings: plan.rounds.map((r) => r.seats), requests: plan.requests };
  }
  const history: RoundSittings[] = [];
  const seatings: Seating[] = [];
  const requests: RoundRequest[] = [];
  for (const r of roundsOf(spec)) {
    const request: RoundRequest = { tables: inst.tables, people: inst.people, history: [...history], seed: hashSeed(spec.name, method, r) };
    const seats = method === 'random' ? randomRound(request).seats : shiftRound(request, seatings[seatings.length - 1] ?? null).seats;
    seatings.push(seats);
    requests.push(request);
    history.push(asSittings(seats));
  }
  return { seatings, requests };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Median of warm runs; one run when a single one takes over a second (the benchmark must stay within minutes). */
function timeIt(f: () => unknown, runs: number): number {
  let t0 = performance.now();
  f(); // warm-up: the first call also pays for compiling the code
  if (performance.now() - t0 > 1000) runs = 1;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    t0 = performance.now();
    f();
    times.push(performance.now() - t0);
  }
  return median(times);
}

function measure(method: Method, spec: Spec, inst: Instance): MethodFigures {
  const t0 = performance.now();
  const { seatings, requests } = seatAll(method, spec, inst);
  const firstPlanMs = performance.now() - t0;
  const figured = seatings.map((seats, i) => ({ request: requests[i]!, seats, figures: roundFigures(requests[i]!, seats) }));
  const plan = planFigures(figured);
  const violationsByRule: Record<string, number> = {};
  let violations = 0;
  seatings.forEach((seats, i) => {
    for (const v of checkRules(requests[i]!, seats)) {
      violations++;
      violationsByRule[v.rule] = (violationsByRule[v.rule] ?? 0) + 1;
    }
  });
  const lastRequest = requests[requests.length - 1]!;
  const big = spec.people >= 1000;
  const roundMs = timeIt(
    () =>
      method === 'engine'
        ? seatRound(lastRequest)
        : method === 'random'
          ? randomRound(lastRequest)
          : shiftRound(lastRequest, seatings[seatings.length - 2] ?? null),
    big ? 3 : 7,
  );
  const planMs = firstPlanMs > 1000 ? firstPlanMs : timeIt(() => seatAll(method, spec, inst), big ? 1 : 3);
  const out: MethodFigures = {
    extraMeetings: plan.extraMeetings,
    distinctRepeatedPairs: plan.distinctRepeatedPairs,
    returns: plan.returns,
    fewestReturns: plan.fewestReturns,
    singleGroupTables: plan.singleGroupTables,
    belowMinimum: plan.belowMinimum,
    newQuestionShare: plan.newQuestionShare,
    diversity: plan.diversity,
    ruleViolations: violations,
    violationsByRule,
    roundMs,
    planMs,
  };
  if (method === 'engine') {
    out.previewMs = timeIt(() => planRemaining(planRequest(spec, inst, method)), 1);
    out.checkMs = timeIt(() => checkRules(lastRequest, seatings[seatings.length - 1]!), big ? 3 : 7);
  }
  return out;
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const ms = (x: number) => (x < 10 ? x.toFixed(2) : x.toFixed(0));

interface Result {
  instance: Spec;
  remote: number;
  hosts: number;
  lowerBound: LowerBound;
  methods: Record<Method, MethodFigures>;
  targets: Record<string, boolean>;
}

function judge(spec: Spec, bound: LowerBound, methods: Record<Method, MethodFigures>): Record<string, boolean> {
  const e = methods.engine;
  const targets: Record<string, boolean> = {
    rulesKept: e.ruleViolations === 0 && methods.random.ruleViolations === 0,
    noTableBelowMinimum: e.belowMinimum === 0,
    extraMeetingsAtZeroBound: bound.total > 0 || e.extraMeetings === 0,
    distinctPairsAtZeroBound: bound.distinct > 0 || e.distinctRepeatedPairs === 0,
  };
  if (spec.name.startsWith('Kirkman') || spec.name.startsWith('Golfers')) targets.classicSolved = e.extraMeetings === 0;
  if (spec.people === 2000) {
    targets.previewUnder300ms = e.previewMs! < 300;
    targets.roundUnder50ms = e.roundMs < 50;
  }
  if (spec.people === 10_000) {
    targets.previewUnder3s = e.previewMs! < 3000;
    targets.roundUnder300ms = e.roundMs < 300;
  }
  return targets;
}

function main() {
  const results: Result[] = [];
  const only = process.env.BENCH_ONLY?.toLowerCase().split(',');
  const chosen = SPECS.filter((s) => !only || only.some((o) => s.name.toLowerCase().includes(o) || String(s.people) === o));
  for (const spec of chosen) {
    const inst = build(spec);
    const stage = (label: string, since: number) => process.stderr.write(`  ${spec.name}: ${label} ${(performance.now() - since).toFixed(0)} ms\n`);
    let t0 = performance.now();
    const bound = repeatedPairsLowerBound({ tables: inst.tables, people: inst.people, history: [], rounds: spec.rounds });
    stage('bound', t0);
    const methods = {} as Record<Method, MethodFigures>;
    for (const m of ['engine', 'random', 'shift'] as const) {
      t0 = performance.now();
      methods[m] = measure(m, spec, inst);
      stage(m, t0);
    }
    results.push({
      instance: spec,
      remote: inst.people.filter((p) => p.presence === 'remote').length,
      hosts: inst.tables.filter((t) => t.hostId).length,
      lowerBound: bound,
      methods,
      targets: judge(spec, bound, methods),
    });
  }

  const header = [
    'instance',
    'rounds',
    'method',
    'extra',
    'bound',
    'distinct',
    'bound',
    'returns',
    'single',
    'below',
    'mix',
    'round ms',
    'plan ms',
    'preview ms',
    'rules',
  ];
  const numeric = (i: number) => i >= 3 && i <= 13;
  const rows: string[][] = [];
  for (const r of results) {
    for (const m of ['engine', 'random', 'shift'] as const) {
      const f = r.methods[m];
      const engine = m === 'engine';
      rows.push([
        engine ? r.instance.name : '',
        engine ? String(r.instance.rounds) : '',
        m,
        String(f.extraMeetings),
        engine ? String(r.lowerBound.total) : '',
        String(f.distinctRepeatedPairs),
        engine ? String(r.lowerBound.distinct) : '',
        f.returns === f.fewestReturns ? String(f.returns) : `${f.returns} (${f.fewestReturns})`,
        String(f.singleGroupTables),
        String(f.belowMinimum),
        pct(f.diversity),
        ms(f.roundMs),
        ms(f.planMs),
        engine ? ms(f.previewMs!) : '',
        f.ruleViolations
          ? Object.entries(f.violationsByRule)
              .map(([rule, count]) => `${count} ${rule}`)
              .join(', ')
          : 'kept',
      ]);
    }
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (numeric(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w, i) => (numeric(i) ? `${'-'.repeat(w + 1)}:` : `${'-'.repeat(w + 2)}`)).join('|')}|`);
  for (const row of rows) console.log(line(row));
  console.log('');
  for (const r of results) {
    const missed = Object.entries(r.targets).filter(([, ok]) => !ok);
    console.log(`${r.instance.name}: ${missed.length ? `MISSED ${missed.map(([k]) => k).join(', ')}` : `all met (${Object.keys(r.targets).join(', ')})`}`);
  }

  const out = join(dirname(fileURLToPath(import.meta.url)), 'results', 'rotation.json');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify({ node: process.version, date: new Date().toISOString(), results }, null, 2)}\n`);
  console.log(`\nFigures written to ${out}`);
}

// Runs when started as a script; tests and experiments can import the instances without running it.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
