import { readFileSync } from 'node:fs';
import { createRng, hashSeed, shuffleInPlace, type Rng } from '../../shared/rotation/prng.ts';

/**
 * The labelled café of tests/fixtures/suggest-cafe.json, and larger sets made from it for timing:
 * a plenary's thousands of notes are the café's notes retyped the way people retype (a typo, a
 * word dropped, a different case, "+1" in front, two notes of one idea run together), each keeping
 * its label. The variants are easier to group than fresh writing would be, so figures measured
 * on them say how fast the engine is, not how well it reads.
 */

export interface LabelledNote {
  id: string;
  question: string;
  idea: string;
  group: string;
  language: string;
  text: string;
  duplicate?: string;
}

export interface LabelledCafe {
  questions: { id: string; text: string; ideas: { id: string; gist: string }[] }[];
  notes: LabelledNote[];
}

export function loadLabelledCafe(): LabelledCafe {
  return JSON.parse(readFileSync(new URL('../../tests/fixtures/suggest-cafe.json', import.meta.url), 'utf8')) as LabelledCafe;
}

export function labelsOf(notes: readonly LabelledNote[]): Map<string, string> {
  return new Map(notes.map((note) => [note.id, note.idea]));
}

const PREFIXES = ['+1 ', 'agree: ', 'Yes! ', 'Also ', 'Again: ', 'Table 4: ', 'from our table - '];

function retype(rng: Rng, text: string): string {
  const words = text.split(' ');
  switch (rng.int(5)) {
    case 0: {
      // A typo: two letters swapped inside a word.
      const w = rng.int(words.length);
      const word = words[w]!;
      if (word.length > 3) {
        const k = 1 + rng.int(word.length - 2);
        words[w] = word.slice(0, k - 1) + word[k] + word[k - 1] + word.slice(k + 1);
      }
      return words.join(' ');
    }
    case 1:
      if (words.length > 3) words.splice(rng.int(words.length), 1);
      return words.join(' ');
    case 2:
      return rng.int(2) ? text.toLowerCase() : text.toUpperCase();
    case 3:
      return PREFIXES[rng.int(PREFIXES.length)]! + text;
    default:
      return `${text}${['!!', '.', ' ...', '?', ''][rng.int(5)]}`;
  }
}

/** A seeded sample of `count` of the café's own notes, each in its own question. */
export function cafeSample(cafe: LabelledCafe, count: number, seed = 'sample'): LabelledNote[] {
  const rng = createRng(hashSeed('suggest-bench', seed, count));
  return shuffleInPlace(rng, [...cafe.notes]).slice(0, count);
}

/**
 * `count` notes for one question: the labelled notes first (all of them if they fit), then variants
 * of them, shuffled, with fresh ids that say nothing of the labels.
 */
export function plenaryNotes(cafe: LabelledCafe, count: number, seed = 'plenary'): LabelledNote[] {
  const rng = createRng(hashSeed('suggest-bench', seed, count));
  const originals = shuffleInPlace(rng, [...cafe.notes]);
  const byIdea = new Map<string, LabelledNote[]>();
  for (const note of originals) byIdea.set(note.idea, [...(byIdea.get(note.idea) ?? []), note]);
  const notes: LabelledNote[] = originals.slice(0, count).map((note) => ({ ...note, question: 'plenary' }));
  while (notes.length < count) {
    const source = originals[rng.int(originals.length)]!;
    const kin = byIdea.get(source.idea)!;
    let text = retype(rng, source.text);
    if (kin.length > 1 && rng.int(4) === 0) {
      // Two notes of one idea run together, as a table's scribe would.
      const other = kin[rng.int(kin.length)]!;
      text = `${text.split(' ').slice(0, 6).join(' ')} ${other.text.split(' ').slice(-5).join(' ')}`;
    }
    notes.push({ ...source, question: 'plenary', text, duplicate: undefined });
  }
  shuffleInPlace(rng, notes);
  return notes.map((note, i) => ({ ...note, id: `p${hashSeed(seed, i).toString(36)}` }));
}
