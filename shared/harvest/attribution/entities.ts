import nlp from 'compromise';
import { foldString } from './fold.ts';
import type { Span } from './types.ts';
import { ENGLISH_WORDS, FRENCH_WORDS, isNameWord } from './words.ts';

/**
 * compromise's named-entity recogniser (people and organisations), run only on the sentences
 * where it could find something: one with a capitalised word that is not an everyday word opening
 * the sentence. Most notes have none, and the parse is the check's most expensive step.
 */

export interface Entities {
  people: Span[];
  organisations: Span[];
}

const CAPITALISED = /(?<![\p{L}\p{M}\p{N}])\p{Lu}[\p{L}\p{M}'’-]*/gu;

/**
 * Whether compromise could find a name here: a capitalised word inside the sentence, or one
 * opening it that compromise knows as a name ("Maria wants…"). An unknown capitalised opening word
 * is left to the other finders ("Tunde said…" is a name next to a verb of saying).
 */
function worthParsing(sentence: string): boolean {
  for (const m of sentence.matchAll(CAPITALISED)) {
    if (m[0] === 'I') continue;
    const word = foldString(m[0]).replace(/['’].*$/, '');
    if (ENGLISH_WORDS.has(word) || FRENCH_WORDS.has(word)) continue;
    const opening = sentence.slice(0, m.index).trim() === '';
    if (!opening || isNameWord(word)) return true;
  }
  return false;
}

type Match = { offset: { start: number; length: number } };

export function entities(text: string, sentences: readonly Span[]): Entities {
  const found: Entities = { people: [], organisations: [] };
  for (const s of sentences) {
    const sentence = text.slice(s.start, s.end);
    if (!worthParsing(sentence)) continue;
    const doc = nlp(sentence);
    for (const p of doc.people().json({ offset: true }) as Match[])
      found.people.push({ start: s.start + p.offset.start, end: s.start + p.offset.start + p.offset.length });
    for (const o of doc.organizations().json({ offset: true }) as Match[])
      found.organisations.push({ start: s.start + o.offset.start, end: s.start + o.offset.start + o.offset.length });
  }
  return found;
}
