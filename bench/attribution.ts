import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as current from '../shared/harvest/attribution/index.ts';
import { loadCorpus, score, scoreRows, type Check } from '../tests/support/attribution-score.ts';

/**
 * The attribution check, today's beside a baseline taken from git in the same run (by default
 * the merge base with main; `--baseline <rev>` for another), on the same machine and inputs:
 *
 * - time to check ~500 note texts against a 2,000-person roster from cold (roster indexed, every
 *   text scanned), and to re-check after one text changed (the baseline's module caches, today's
 *   per-session cache);
 * - recall and false positives on the corpus, with the baseline's kinds mapped onto today's
 *   (roster-name and person-name are both "person" now).
 *
 * Inputs are generated from a fixed seed, so every run measures the same texts.
 */

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name: string) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : undefined;
};
const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8' });
const baselineRev = arg('--baseline') ?? git('merge-base', 'HEAD', 'main').trim();
const TEXTS = Number(arg('--texts') ?? 500);
const PEOPLE = Number(arg('--people') ?? 2000);

interface Module {
  checkTexts: (
    texts: { source: string; text: string }[],
    roster: RosterArg,
    cache?: unknown,
  ) => { kind: string; start: number; end: number; match: string; key: string }[];
  createAttributionCache?: () => unknown;
}
type RosterArg = { names: string[]; organisations: string[]; aliases?: string[] };

async function loadBaseline(): Promise<Module> {
  const source = git('show', `${baselineRev}:shared/harvest/attribution.ts`);
  const file = join(root, 'bench/results/attribution-baseline.ts');
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, source);
  return (await import(pathToFileURL(file).href)) as Module;
}

// ───────── inputs ─────────

function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = rng(20240611);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;

const GIVEN = [
  'Amaka',
  'Chidi',
  'Ngozi',
  'Tunde',
  'Wanjiru',
  'Kofi',
  'Aïcha',
  'Fatou',
  'Jean-Baptiste',
  'Élodie',
  'Siobhán',
  'Jürgen',
  'Łukasz',
  'María José',
  'João',
  'Priya',
  'Arjun',
  'Nguyễn Thị',
  'Olumide',
  'Beatriz',
  'Søren',
  'Zoë',
  'Grace',
  'Will',
  'Hope',
  'Mark',
];
const FAMILY = [
  'Okafor',
  'Okonkwo',
  'Mwangi',
  'Diallo',
  'Ndiaye',
  'Kaboré',
  'Lefèvre',
  'Dubois',
  'Weiß',
  'Ní Bhriain',
  'Łukasiewicz',
  'de la Cruz',
  'Gonçalves',
  'Raghunathan',
  'Venkataraman',
  'Lan',
  'Adeyemi',
  'Haddad',
  'Kristensen',
  'Turner',
  'Rose',
  'Brown',
];
const OTHER_SCRIPTS = [
  'Олег Петров',
  'Анна Смирнова',
  'Σοφία Παπαδοπούλου',
  'Γιώργος Νικολάου',
  'محمد الأمين',
  'فاطمة الزهراء',
  '小林 花子',
  '王 伟',
  '김민수',
  '이지은',
];
const ORG_WORDS = ['Digital', 'Rights', 'Open', 'Data', 'Telecom', 'Networks', 'Okapi', 'Baobab', 'Sahel', 'Lakeside', 'Meridian', 'Kilimanjaro'];
const ORG_KINDS = ['Foundation', 'Labs', 'Ltd', 'Institute', 'Alliance', 'Ministry of ICT', 'Agency', 'Cooperative'];

function roster(people: number): RosterArg {
  const names = new Set<string>();
  while (names.size < people)
    names.add(
      random() < 0.1
        ? `${pick(OTHER_SCRIPTS)} ${names.size}`
        : `${pick(GIVEN)} ${pick(FAMILY)}${random() < 0.5 ? '' : `-${pick(FAMILY)}`} ${names.size.toString(36)}`,
    );
  const organisations = Array.from({ length: Math.round(people / 7) }, (_, i) => `${pick(ORG_WORDS)} ${pick(ORG_WORDS)} ${pick(ORG_KINDS)} ${i}`);
  return { names: [...names], organisations };
}

const PLAIN = [
  'Identity should stay optional for public services, and people need a way to appeal.',
  'Fund maintenance of open infrastructure, not only launches; budgets should say so.',
  'Consultation needs time, translation and a way to disagree without losing face.',
  'Publish the decision log so people can see what changed and why it changed.',
  'Start with the smallest group that can act and report back within a month.',
  'Les données de santé doivent rester dans le pays où elles sont collectées.',
  'Internet shutdowns hurt small businesses the most, especially in rural areas.',
  'Cloud costs doubled in two years and nobody budgeted for the egress fees.',
];
function notes(r: RosterArg, count: number): { source: string; text: string }[] {
  return Array.from({ length: count }, (_, i) => {
    const name = pick(r.names).split(' ').slice(0, 2).join(' ');
    const org = pick(r.organisations);
    const text = (() => {
      const u = random();
      if (u < 0.1) return `${name} argued that ${pick(PLAIN).toLowerCase()}`;
      if (u < 0.15) return `As the representative of ${org} said, ${pick(PLAIN).toLowerCase()}`;
      if (u < 0.2) return `Selon ${name}, ${pick(PLAIN).toLowerCase()}`;
      if (u < 0.25) return `In my ministry we found that ${pick(PLAIN).toLowerCase()} Call +254 712 345 678.`;
      return `${pick(PLAIN)} ${pick(PLAIN)}`;
    })();
    return { source: `note:n${i}`, text: `${text} (${i})` };
  });
}

// ───────── timing ─────────

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
function time(run: () => void): number {
  const t0 = performance.now();
  run();
  return performance.now() - t0;
}

/**
 * Cold: a roster never seen (a distinct extra name defeats the baseline's module caches) and, for
 * today's, a new cache. Warm: the same roster and cache as the run before, with one text changed
 * each time. Baseline and today alternate run by run, so a busy machine slows both alike.
 */
type Timing = { cold: number; warm: number; uncached: number };
function measure(modules: readonly Module[], r: RosterArg, texts: { source: string; text: string }[], runs: number) {
  const cold = modules.map(() => [] as number[]);
  for (let i = 0; i < runs; i++) {
    modules.forEach((m, k) => {
      const fresh = { ...r, names: [...r.names, `Cold Run ${i} ${k}`] };
      cold[k]!.push(time(() => m.checkTexts(texts, fresh, m.createAttributionCache?.())));
    });
  }
  const caches = modules.map((m) => m.createAttributionCache?.());
  modules.forEach((m, k) => m.checkTexts(texts, r, caches[k]));
  const warm = modules.map(() => [] as number[]);
  const edited = modules.map(() => [...texts]);
  for (let i = 0; i < runs * 5; i++) {
    modules.forEach((m, k) => {
      const at = (i * 37) % texts.length;
      edited[k]![at] = { ...edited[k]![at]!, text: `${edited[k]![at]!.text} edited ${i}` };
      warm[k]!.push(time(() => m.checkTexts(edited[k]!, r, caches[k])));
    });
  }
  // Today's decide path until the session runtime passes its cache: the same roster, no cache.
  const uncached = modules.map(() => [] as number[]);
  for (let i = 0; i < runs; i++) modules.forEach((m, k) => uncached[k]!.push(time(() => m.checkTexts(edited[k]!, r))));
  return modules.map((_, k) => ({ cold: median(cold[k]!), warm: median(warm[k]!), uncached: median(uncached[k]!) }));
}

// ───────── run ─────────

const baseline = await loadBaseline();
const r = roster(PEOPLE);
const texts = notes(r, TEXTS);
const now = current as unknown as Module;

console.log(
  `Load average at start: ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')} on ${cpus().length} cores (figures from a busy machine are noisy; the ratio is what to read)`,
);
console.log(
  `Attribution check: baseline ${baselineRev.slice(0, 7)} (shared/harvest/attribution.ts) beside today's, ${TEXTS} texts, ${PEOPLE} people, ${r.organisations.length} organisations`,
);
// Warm up both (module loading, JIT, compromise's first parse).
baseline.checkTexts(texts.slice(0, 20), r);
now.checkTexts(texts.slice(0, 20), r);
const [b, c] = measure([baseline, now], r, texts, Number(arg('--runs') ?? 5)) as [Timing, Timing];
const ms = (x: number) => `${x.toFixed(1)} ms`.padStart(10);
console.log('| measure                          |   baseline |      today | today/baseline |');
console.log('| -------------------------------- | ---------: | ---------: | -------------: |');
console.log(`| cold check (index + every text)  | ${ms(b.cold)} | ${ms(c.cold)} | ${(c.cold / b.cold).toFixed(2).padStart(13)}× |`);
console.log(`| re-check after one text changed  | ${ms(b.warm)} | ${ms(c.warm)} | ${(c.warm / b.warm).toFixed(2).padStart(13)}× |`);
// The baseline kept module-level caches, so a call without a cache was a warm re-check for it.
console.log(`| same roster, no cache passed     | ${ms(b.uncached)} | ${ms(c.uncached)} | ${(c.uncached / b.uncached).toFixed(2).padStart(13)}× |`);

const corpus = loadCorpus();
const categories = (k: string) => (k === 'roster-name' || k === 'person-name' ? 'person' : k);
const checkWith =
  (m: Module): Check =>
  (text, source) =>
    m.checkTexts([{ source, text }], corpus.roster);
const before = score(corpus, checkWith(baseline), categories);
const after = score(corpus, checkWith(now), categories);
const kinds = [...new Set([...after.tally.keys(), ...before.tally.keys()])].sort();
console.log(`\nCorpus: ${corpus.sentences.length} sentences. Recall and false positives (FP), baseline then today:`);
const rb = scoreRows(before, kinds);
const ra = scoreRows(after, kinds);
console.log('| kind                | exp | baseline: rep |  recall |  FP | today: rep |  recall |  FP |');
for (let i = 0; i < rb.length; i++) {
  const [, kind, exp, repB, recB, fpB] = rb[i]!.split('|').map((s) => s.trim());
  const [, , , repA, recA, fpA] = ra[i]!.split('|').map((s) => s.trim());
  console.log(
    `| ${kind!.padEnd(19)} | ${exp!.padStart(3)} | ${repB!.padStart(13)} | ${recB!.padStart(7)} | ${fpB!.padStart(3)} | ${repA!.padStart(10)} | ${recA!.padStart(7)} | ${fpA!.padStart(3)} |`,
  );
}
const heldOut = { ...corpus, sentences: corpus.sentences.filter((x) => x.heldOut) };
if (heldOut.sentences.length) {
  const hb = score(heldOut, checkWith(baseline), categories).all;
  const ha = score(heldOut, checkWith(now), categories).all;
  const line = (t: typeof hb) =>
    `${t.found}/${t.expected} found (${((100 * t.found) / Math.max(1, t.expected)).toFixed(1)} %), ${t.reported - t.correct} false positives`;
  console.log(`\nThe ${heldOut.sentences.length} sentences written after the check was tuned ("heldOut"): baseline ${line(hb)}; today ${line(ha)}`);
}
if (process.argv.includes('--verbose')) {
  console.log('\nToday, missed:\n' + after.misses.map((m) => `  - ${m}`).join('\n'));
  console.log('Today, false positives:\n' + after.falsePositives.map((m) => `  - ${m}`).join('\n'));
}
