import { agglomerate } from './agglomerate.ts';
import { characterTrigrams, foldForDuplicates, groupPairs, trigramSimilarity } from './duplicates.ts';
import { scanPairs, similarityGraph } from './graph.ts';
import { type SuggestLanguage } from './languages.ts';
import { characteristicWords, themeName } from './names.ts';
import { Tokeniser } from './tokens.ts';
import { buildVectors, type Vectors } from './vectors.ts';

export { SuggestLanguage, isSuggestLanguage } from './languages.ts';

/**
 * Suggested themes for one guiding question's notes: groups of notes that express the same idea,
 * each with a name made of its most characteristic words, and groups of near-duplicates that can
 * be merged in one action. Pure and deterministic: no clock, no randomness, no state kept between
 * calls; the same notes, in any order, give the same suggestions. The server runs it on a worker
 * thread (server/harvest/suggestWorker.ts). The method and its measured agreement with a labelled
 * café are in docs/harvest.md.
 */

export interface SuggestNote {
  id: string;
  text: string;
  /** The note's language if known (`en`, `fr`, or any other tag); guessed between English and French if not. */
  language?: string;
}

export interface SuggestOptions {
  /** The session's language: stems notes whose language cannot be told. */
  language: SuggestLanguage;
}

export interface SuggestedTheme {
  /** Most central note first. */
  noteIds: string[];
  name: string;
  /** Up to five characteristic words, most characteristic first, as the notes spelt them. */
  keywords: string[];
}

export interface DuplicateGroup {
  /** In code-point order of the ids. */
  noteIds: string[];
}

export interface Suggestions {
  /** Largest first. Notes that resemble no other note are in no theme. */
  clusters: SuggestedTheme[];
  duplicates: DuplicateGroup[];
}

/**
 * The engine's settings, chosen on the labelled café in tests/fixtures/suggest-cafe.json where a
 * broad range of values scores alike (docs/harvest.md shows the sweep).
 */
export const SuggestTuning = {
  /** Nearest notes in each note's neighbourhood. */
  neighbours: 10,
  /** Weight of shared neighbours against the direct cosine. */
  secondOrder: 0.7,
  /** Direct cosines kept in the graph without shared neighbours. */
  floor: 0.05,
  /** Blended similarities kept as edges. */
  prune: 0.01,
  /** Average similarity two groups need to be joined. */
  threshold: 0.15,
  /** Direct cosine above which two notes are compared as possible duplicates… */
  duplicateCandidate: 0.5,
  /** …and the share of character trigrams they must have in common. */
  duplicateTrigrams: 0.8,
  keywords: 5,
  /** Characters of a note that are read: the protocol allows 1,000; anything beyond is ignored. */
  noteChars: 4000,
} as const;

export function suggestThemes(input: readonly SuggestNote[], options: SuggestOptions): Suggestions {
  const seen = new Set<string>();
  for (const note of input) {
    if (seen.has(note.id)) throw new RangeError(`Note ${note.id} is given twice.`);
    seen.add(note.id);
  }
  // One order whatever the caller's, so ties break the same way.
  const notes = [...input].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const n = notes.length;
  if (n === 0) return { clusters: [], duplicates: [] };

  const texts = notes.map((note) => note.text.slice(0, SuggestTuning.noteChars));
  const tokeniser = new Tokeniser(options.language);
  const tokenised = notes.map((note, i) => tokeniser.tokenise(texts[i]!, note.language));
  const vectors = buildVectors(tokenised, options.language);

  // Duplicates first: a note posted three times is one voice in the clustering, else its copies
  // fill one another's neighbourhoods and its restatements in other words are crowded out.
  const duplicateGroups = findDuplicates(texts, vectors);
  const repOf = Int32Array.from({ length: n }, (_, i) => i);
  for (const group of duplicateGroups) for (const i of group) repOf[i] = group[0]!;
  const reps: number[] = [];
  const copies = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    if (repOf[i] === i) reps.push(i);
    else copies.set(repOf[i]!, [...(copies.get(repOf[i]!) ?? []), i]);
  }
  const sizes = reps.map((i) => 1 + (copies.get(i)?.length ?? 0));
  const m = reps.length;
  const edges = similarityGraph(
    reps.map((i) => vectors.rows[i]!),
    vectors.keys.length,
    SuggestTuning,
  );
  const groups = agglomerate(m, edges, SuggestTuning.threshold, sizes);

  const df = new Map<string, number>();
  vectors.keys.forEach((key, i) => df.set(key, vectors.df[i]!));
  const weight = (a: number, b: number) => edges.get(a < b ? a * m + b : b * m + a) ?? 0;
  const clusters: SuggestedTheme[] = [];
  for (const group of groups) {
    if (group.reduce((total, r) => total + sizes[r]!, 0) < 2) continue;
    // Most central first: the note most like the rest of its theme, each note followed by its copies.
    const centrality = new Map(group.map((r) => [r, group.reduce((c, q) => (q === r ? c : c + weight(r, q) * sizes[q]!), 0)]));
    const ordered = [...group].sort((a, b) => centrality.get(b)! - centrality.get(a)! || a - b);
    const members = ordered.flatMap((r) => [reps[r]!, ...(copies.get(reps[r]!) ?? [])]);
    const keywords = characteristicWords(members, vectors.noteKeys, tokenised, df, n, SuggestTuning.keywords);
    clusters.push({ noteIds: members.map((i) => notes[i]!.id), name: themeName(keywords), keywords });
  }
  clusters.sort((a, b) => b.noteIds.length - a.noteIds.length || (a.noteIds[0]! < b.noteIds[0]! ? -1 : 1));
  const duplicates = duplicateGroups.map((group) => ({ noteIds: group.map((i) => notes[i]!.id) }));
  return { clusters, duplicates };
}

/** Groups of near-duplicate notes, by index, each ascending. */
function findDuplicates(texts: readonly string[], vectors: Vectors): number[][] {
  const n = texts.length;
  const grams = texts.map(() => null as Set<string> | null);
  const gramsOf = (i: number) => (grams[i] ??= characterTrigrams(texts[i]!));
  const pairs: [number, number][] = [];
  scanPairs(vectors.rows, vectors.keys.length, (i, j, s) => {
    if (s >= SuggestTuning.duplicateCandidate && trigramSimilarity(gramsOf(i), gramsOf(j)) >= SuggestTuning.duplicateTrigrams) pairs.push([i, j]);
  });
  // Notes with no shared content word ("?", "+1") meet no other: duplicates only when they read the same.
  const first = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    if (vectors.rows[i]!.terms.length) continue;
    const folded = foldForDuplicates(texts[i]!);
    if (!folded) continue;
    const j = first.get(folded);
    if (j === undefined) first.set(folded, i);
    else pairs.push([j, i]);
  }
  return groupPairs(n, pairs);
}
