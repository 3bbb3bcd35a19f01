import { readFileSync } from 'node:fs';

/**
 * Scores an attribution check against the annotated corpus (tests/unit/attribution-corpus.json):
 * per kind, how many expected findings it found (recall) and how many of its findings were
 * expected (the rest are false positives). A finding counts when it overlaps an expected one of
 * the same kind. Takes the check as a function so the benchmark can score an older version of
 * it, whose kinds it maps onto today's with `kindOf`.
 */

export interface CorpusCase {
  text: string;
  expect: { kind: string; match: string }[];
  why?: string;
  /** Written after the check was tuned, and first run on it as it stood. */
  heldOut?: boolean;
}
export interface Corpus {
  roster: { names: string[]; organisations: string[]; aliases?: string[] };
  sentences: CorpusCase[];
}
export interface Reported {
  kind: string;
  start: number;
  end: number;
  match: string;
}
export type Check = (text: string, source: string) => readonly Reported[];

export interface Tally {
  expected: number;
  found: number;
  reported: number;
  correct: number;
}
export interface Score {
  tally: Map<string, Tally>;
  all: Tally;
  misses: string[];
  falsePositives: string[];
}

export function loadCorpus(): Corpus {
  return JSON.parse(readFileSync(new URL('../unit/attribution-corpus.json', import.meta.url), 'utf8')) as Corpus;
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;
const empty = (): Tally => ({ expected: 0, found: 0, reported: 0, correct: 0 });

export function score(corpus: Corpus, check: Check, kindOf: (kind: string) => string = (k) => k): Score {
  const tally = new Map<string, Tally>();
  const of = (kind: string) => {
    let t = tally.get(kind);
    if (!t) tally.set(kind, (t = empty()));
    return t;
  };
  const misses: string[] = [];
  const falsePositives: string[] = [];
  for (const [i, s] of corpus.sentences.entries()) {
    const actual = check(s.text, `s${i}`).map((f) => ({ ...f, kind: kindOf(f.kind) }));
    const spans = s.expect.map((e) => {
      const start = s.text.indexOf(e.match);
      if (start < 0) throw new Error(`corpus error: "${e.match}" is not in "${s.text}"`);
      return { ...e, start, end: start + e.match.length };
    });
    for (const e of spans) {
      of(e.kind).expected++;
      if (actual.some((f) => f.kind === e.kind && overlaps(f, e))) of(e.kind).found++;
      else misses.push(`${e.kind}: "${e.match}" in "${s.text}"`);
    }
    for (const f of actual) {
      of(f.kind).reported++;
      if (spans.some((e) => e.kind === f.kind && overlaps(f, e))) of(f.kind).correct++;
      else falsePositives.push(`${f.kind}: "${f.match}" in "${s.text}"`);
    }
  }
  const all = empty();
  for (const t of tally.values()) for (const k of ['expected', 'found', 'reported', 'correct'] as const) all[k] += t[k];
  return { tally, all, misses, falsePositives };
}

export const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);
export const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

/** One table row per kind: expected, reported, recall, false positives. */
export function scoreRows(s: Score, kinds: readonly string[]): string[] {
  const row = (name: string, t: Tally) =>
    `| ${name.padEnd(19)} | ${String(t.expected).padStart(3)} | ${String(t.reported).padStart(3)} | ${pct(ratio(t.found, t.expected)).padStart(7)} | ${String(t.reported - t.correct).padStart(3)} |`;
  return [...kinds.map((k) => row(k, s.tally.get(k) ?? empty())), row('overall', s.all)];
}
