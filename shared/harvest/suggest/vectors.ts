import type { Tokenised } from './tokens.ts';

/** A note as a unit-length TF-IDF vector over the terms it shares with at least one other note. */
export interface Row {
  /** Term indices, ascending. */
  terms: Int32Array;
  weights: Float64Array;
}

export interface Vectors {
  rows: Row[];
  /** The term key of each index. */
  keys: string[];
  /** How many notes hold each term. */
  df: Int32Array;
  /** Each note's term keys (after the cross-language alignment), shared or not. */
  noteKeys: string[][];
}

/**
 * TF-IDF within the one question's notes: a word that every table writes ("data" under a data
 * question) weighs little, a word that a handful of notes share weighs most. The IDF is
 * ln((n + 1) / df), so a word that every note holds still counts a little: in three notes about
 * youth, "youth" is what they share. Term counts are dampened (1 + ln tf) because a note that
 * repeats a word is not more about it. Words only one note holds link nothing and are left out.
 *
 * A note in the other language keeps a word spelt the same as in the session's language ("wifi",
 * "permanent", "surveillance") as the same term, although the French stemmer cuts it otherwise.
 */
export function buildVectors(notes: readonly Tokenised[], main: string): Vectors {
  const mainKeyOf = new Map<string, string>();
  for (const note of notes) {
    if (note.language !== main) continue;
    for (const term of note.terms) if (!mainKeyOf.has(term.surface)) mainKeyOf.set(term.surface, term.key);
  }
  const noteKeys = notes.map((note) => note.terms.map((term) => (note.language !== main ? (mainKeyOf.get(term.surface) ?? term.key) : term.key)));
  const index = new Map<string, number>();
  const keys: string[] = [];
  const counts: number[] = [];
  for (const list of noteKeys) {
    for (const key of new Set(list)) {
      let i = index.get(key);
      if (i === undefined) {
        i = keys.length;
        index.set(key, i);
        keys.push(key);
        counts.push(0);
      }
      counts[i]!++;
    }
  }
  const df = Int32Array.from(counts);
  const n = notes.length;
  const rows = noteKeys.map((list): Row => {
    const tf = new Map<number, number>();
    for (const key of list) {
      const i = index.get(key)!;
      tf.set(i, (tf.get(i) ?? 0) + 1);
    }
    const entries: [number, number][] = [];
    let norm = 0;
    for (const [i, count] of tf) {
      if (df[i]! < 2) continue;
      const w = (1 + Math.log(count)) * Math.log((n + 1) / df[i]!);
      entries.push([i, w]);
      norm += w * w;
    }
    entries.sort((a, b) => a[0] - b[0]);
    norm = Math.sqrt(norm);
    return {
      terms: Int32Array.from(entries, ([i]) => i),
      weights: Float64Array.from(entries, ([, w]) => w / norm),
    };
  });
  return { rows, keys, df, noteKeys };
}

/** Cosine of two unit rows: a merge of their sorted term lists. */
export function dot(a: Row, b: Row): number {
  let s = 0;
  for (let i = 0, j = 0; i < a.terms.length && j < b.terms.length;) {
    const x = a.terms[i]!;
    const y = b.terms[j]!;
    if (x === y) s += a.weights[i++]! * b.weights[j++]!;
    else if (x < y) i++;
    else j++;
  }
  return s;
}
