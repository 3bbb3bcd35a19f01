import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkTexts, FindingKind, type Finding } from '../../shared/harvest/attribution/index.ts';

/**
 * The attribution check against a corpus of tricky sentences, each annotated with every finding
 * a careful human would expect. Recall and precision are measured per kind and printed; roster
 * names and organisations must be found every time, and the rest must not fall below the floors
 * measured when the check was written (see docs/harvest.md).
 */

interface Expected {
  kind: FindingKind;
  match: string;
}
interface Corpus {
  roster: { names: string[]; organisations: string[] };
  sentences: { text: string; expect: Expected[]; why?: string }[];
}

const corpus: Corpus = JSON.parse(readFileSync(new URL('./attribution-corpus.json', import.meta.url), 'utf8'));

const FLOORS: Record<FindingKind, { recall: number; precision: number }> = {
  'roster-name': { recall: 1, precision: 0.95 },
  organisation: { recall: 1, precision: 0.95 },
  'person-name': { recall: 0.9, precision: 0.9 },
  email: { recall: 1, precision: 1 },
  phone: { recall: 1, precision: 1 },
  handle: { recall: 1, precision: 1 },
  url: { recall: 1, precision: 1 },
  attribution: { recall: 0.95, precision: 0.9 },
};

type Tally = { expected: number; found: number; reported: number; correct: number };

function evaluate() {
  const tally = Object.fromEntries(Object.values(FindingKind).map((k) => [k, { expected: 0, found: 0, reported: 0, correct: 0 }])) as Record<FindingKind, Tally>;
  const misses: string[] = [];
  const falsePositives: string[] = [];
  for (const [i, s] of corpus.sentences.entries()) {
    const actual = checkTexts([{ source: `s${i}`, text: s.text }], corpus.roster);
    const spans = s.expect.map((e) => {
      const start = s.text.indexOf(e.match);
      if (start < 0) throw new Error(`corpus error: "${e.match}" is not in "${s.text}"`);
      return { ...e, start, end: start + e.match.length };
    });
    const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;
    for (const e of spans) {
      tally[e.kind].expected++;
      if (actual.some((f) => f.kind === e.kind && overlaps(f, e))) tally[e.kind].found++;
      else misses.push(`${e.kind}: "${e.match}" in "${s.text}"`);
    }
    for (const f of actual as Finding[]) {
      tally[f.kind].reported++;
      if (spans.some((e) => e.kind === f.kind && overlaps(f, e))) tally[f.kind].correct++;
      else falsePositives.push(`${f.kind}: "${f.match}" in "${s.text}"`);
    }
  }
  return { tally, misses, falsePositives };
}

const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

describe('the attribution check on the corpus', () => {
  const { tally, misses, falsePositives } = evaluate();

  it('covers at least 60 sentences in several languages and scripts', () => {
    expect(corpus.sentences.length).toBeGreaterThanOrEqual(60);
    const scripts = [/\p{Script=Han}/u, /\p{Script=Cyrillic}/u, /\p{Script=Arabic}/u, /\p{Script=Greek}/u, /\p{Script=Hangul}/u, /\p{Script=Latin}/u];
    for (const script of scripts) expect(corpus.sentences.some((s) => script.test(s.text))).toBe(true);
  });

  it('reports recall and precision per kind, and never misses a roster name or organisation', () => {
    const rows = Object.entries(tally).map(([kind, t]) => `| ${kind.padEnd(12)} | ${String(t.expected).padStart(3)} | ${String(t.reported).padStart(3)} | ${pct(ratio(t.found, t.expected)).padStart(7)} | ${pct(ratio(t.correct, t.reported)).padStart(7)} |`);
    const all = Object.values(tally).reduce((a, t) => ({ expected: a.expected + t.expected, found: a.found + t.found, reported: a.reported + t.reported, correct: a.correct + t.correct }));
    rows.push(`| ${'overall'.padEnd(12)} | ${String(all.expected).padStart(3)} | ${String(all.reported).padStart(3)} | ${pct(ratio(all.found, all.expected)).padStart(7)} | ${pct(ratio(all.correct, all.reported)).padStart(7)} |`);
    console.log(
      [`Attribution check on ${corpus.sentences.length} sentences`, '| kind         | exp | rep |  recall | precision |', ...rows, '', 'Missed:', ...misses.map((m) => `  - ${m}`), 'False positives:', ...falsePositives.map((m) => `  - ${m}`)].join('\n'),
    );
    expect(misses.filter((m) => m.startsWith('roster-name') || m.startsWith('organisation'))).toEqual([]);
    for (const [kind, t] of Object.entries(tally) as [FindingKind, Tally][]) {
      expect(ratio(t.found, t.expected), `${kind} recall`).toBeGreaterThanOrEqual(FLOORS[kind].recall);
      expect(ratio(t.correct, t.reported), `${kind} precision`).toBeGreaterThanOrEqual(FLOORS[kind].precision);
    }
  });

  it('gives each finding a key that is the same on every run', () => {
    const texts = corpus.sentences.map((s, i) => ({ source: `s${i}`, text: s.text }));
    const first = checkTexts(texts, corpus.roster).map((f) => f.key);
    const second = checkTexts(texts, { names: [...corpus.roster.names], organisations: [...corpus.roster.organisations] }).map((f) => f.key);
    expect(second).toEqual(first);
    expect(new Set(first).size).toBe(first.length);
  });
});
