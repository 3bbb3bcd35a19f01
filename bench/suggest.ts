import { mkdirSync, writeFileSync } from 'node:fs';
import { suggestThemes, type SuggestNote } from '../shared/harvest/suggest/index.ts';
import { agreement, type Agreement } from './lib/agreement.ts';
import { keywordBaseline } from './lib/keyword-baseline.ts';
import { cafeSample, labelsOf, loadLabelledCafe, plenaryNotes, type LabelledNote } from './lib/labelled-notes.ts';
import { ms, renderTable } from './lib/table.ts';

/**
 * The suggestion benchmark (issue 13): the engine beside the naive baseline (one cluster per shared
 * keyword, same tokens), in the same run, on
 *
 * - the labelled café (tests/fixtures/suggest-cafe.json, 321 notes, 30 ideas over 3 questions),
 *   one call per question as the server makes them: agreement with the labels;
 * - 250 of its notes, per question: a café of 30 people over 3 rounds;
 * - 2,500 notes in one question (the café's notes and retyped variants of them): a plenary.
 *
 * Times are on one core, the median of warm runs after one discarded run; the machine is shared,
 * so compare the two columns of one run rather than runs of different days.
 */

const RUNS = 7;

interface Case {
  name: string;
  /** The calls the server would make: one per question. */
  calls: LabelledNote[][];
}

function byQuestion(notes: readonly LabelledNote[]): LabelledNote[][] {
  const groups = new Map<string, LabelledNote[]>();
  for (const note of notes) groups.set(note.question, [...(groups.get(note.question) ?? []), note]);
  return [...groups.values()];
}

const asInput = (notes: readonly LabelledNote[]): SuggestNote[] => notes.map(({ id, text }) => ({ id, text }));

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function measure(calls: SuggestNote[][], run: (notes: SuggestNote[]) => string[][]): { clusters: string[][]; ms: number } {
  let clusters: string[][] = [];
  const times: number[] = [];
  for (let r = 0; r <= RUNS; r++) {
    const start = performance.now();
    clusters = calls.flatMap(run);
    const elapsed = performance.now() - start;
    if (r > 0) times.push(elapsed);
  }
  return { clusters, ms: median(times) };
}

const cafe = loadLabelledCafe();
const cases: Case[] = [
  { name: `labelled café (${cafe.notes.length})`, calls: byQuestion(cafe.notes) },
  { name: '250 notes, 3 questions', calls: byQuestion(cafeSample(cafe, 250)) },
  { name: '2,500 notes, one question', calls: [plenaryNotes(cafe, 2500)] },
];

const rows: string[][] = [];
const results: Record<string, unknown>[] = [];
const fmt = (a: Agreement) => [
  a.ari.toFixed(3),
  `${(a.purity * 100).toFixed(1)} %`,
  `${(a.coverage * 100).toFixed(0)} %`,
  String(a.clusters),
  String(a.labelsFound),
];
for (const c of cases) {
  const labels = labelsOf(c.calls.flat());
  const inputs = c.calls.map(asInput);
  let duplicates = 0;
  const engine = measure(inputs, (notes) => {
    const result = suggestThemes(notes, { language: 'en' });
    duplicates += result.duplicates.length;
    return result.clusters.map((cluster) => cluster.noteIds);
  });
  const baseline = measure(inputs, (notes) => keywordBaseline(notes, 'en').map((cluster) => cluster.noteIds));
  const a = agreement(labels, engine.clusters);
  const b = agreement(labels, baseline.clusters);
  const ideas = new Set(labels.values()).size;
  rows.push([c.name, 'engine', ...fmt(a), String(duplicates / (RUNS + 1)), `${ms(engine.ms)} ms`]);
  rows.push(['', 'baseline', ...fmt(b), '', `${ms(baseline.ms)} ms`]);
  results.push({
    case: c.name,
    notes: labels.size,
    ideas,
    questions: c.calls.length,
    engine: { ...a, duplicateGroups: duplicates / (RUNS + 1), ms: engine.ms },
    baseline: { ...b, ms: baseline.ms },
  });
}

console.log(renderTable(['notes', 'method', 'ARI', 'purity', 'in a theme', 'themes', 'ideas found', 'duplicate groups', 'time'], rows));
console.log(`\nARI: adjusted Rand index against the labels (1 = the labels, 0 = chance), notes in no theme counted alone.`);
console.log(`Purity: of the notes in a theme, the share whose idea is their theme's most common one. Times: median of ${RUNS} warm runs.`);
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(new URL('./results/suggest.json', import.meta.url), `${JSON.stringify({ node: process.version, results }, null, 2)}\n`);
