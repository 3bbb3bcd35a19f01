import nlp from 'compromise';
import { AFTER_CONNECTOR } from './phrases.ts';
import { CAP_WORD, ci, pointsToSomeone, ROLE_TITLES_ALT, SAYING_EN, SAYING_FR, TITLES_ALT, WB, WE } from './patterns.ts';
import { opensSentence } from './sentences.ts';
import type { Hit, Span } from './types.ts';

/**
 * People whether or not they are on the roster: compromise's person recogniser, titles ("Dr
 * Okafor", "Mme Diallo"), roles held by one person ("the minister", "Mme la Ministre") and
 * capitalised names next to a verb of saying.
 */

const TITLED_NAME_RE = new RegExp(`${WB}(?:${TITLES_ALT})\\.?\\s+${CAP_WORD}(?:\\s+${CAP_WORD})?`, 'gu');
const ROLE_NAME_RE = new RegExp(`${WB}(?:${ROLE_TITLES_ALT})\\s+${CAP_WORD}(?:\\s+${CAP_WORD})?`, 'gu');
const OF_CAP = (of: string) => `(?:\\s+(?:${of})\\s*(?:${ci('the')}\\s+|${ci('la')}\\s+|${ci("l['’]")})?${CAP_WORD}(?:\\s+(?:of\\s+|de\\s+|du\\s+|des\\s+)?${CAP_WORD})*)?`;
/** Roles held by one identifiable person: "the minister", "Mme la Ministre", "the CEO of Acme". */
const ROLE_REFERENCE_RE = new RegExp(
  [
    `${WB}${ci('the|our|their|your')}\\s+(?:${ci('deputy|vice|former|junior')}\\s+)?${ci('minister|ambassador|ceo|mayor|governor|senator|commissioner|secretary-general|director-general|permanent secretary|chief executive|prime minister')}${WE}${OF_CAP('of|for|from')}`,
    `${WB}${ci('the')}\\s+${ci('head|director|chair|president|founder|boss')}\\s+(?:of|at)\\s+(?:the\\s+)?${CAP_WORD}(?:\\s+(?:of\\s+)?${CAP_WORD})*`,
    `${WB}(?:Mme|Madame|M\\.|Monsieur)\\s+(?:la|le|l['’])\\s*${ci('ministre|ambassadrice|ambassadeur|présidente|président|directrice|directeur|maire|préfète|préfet|sénatrice|sénateur|députée|député')}${WE}${OF_CAP("de|du|des|d['’]")}`,
    `${WB}${ci("le|la|l['’]")}\\s*${ci('ministre|ambassadeur|ambassadrice|maire|préfet|préfète')}${WE}${OF_CAP("de|du|des|d['’]")}`,
  ].join('|'),
  'gu',
);
/** Two or three capitalised words next to a verb of saying: "Chidi Okonkwo argued". */
const NAME_SAYING_RE = new RegExp(`${WB}(\\p{Lu}[\\p{Ll}\\p{M}'’-]+(?:\\s+\\p{Lu}[\\p{Ll}\\p{M}'’-]+){0,2})\\s+(?:${SAYING_EN}|${SAYING_FR})${WE}`, 'gu');

export function personHits(text: string, sentences: readonly Span[]): Hit[] {
  const hits: Hit[] = [];
  const push = (start: number, end: number) => {
    let e = end;
    while (e > start && /[\s.,;:!?'’")\]]/u.test(text[e - 1]!)) e--;
    if (e > start) hits.push({ kind: 'person-name', start, end: e, replacement: '[name withheld]' });
  };
  for (const person of nlp(text).people().json({ offset: true }) as { offset: { start: number; length: number } }[]) {
    const start = person.offset.start;
    const surface = text.slice(start, start + person.offset.length);
    // compromise tags lone capitalised pronoun-like words now and then; a person has letters.
    if (!/\p{L}{2,}/u.test(surface) || !/^\p{Lu}/u.test(surface)) continue;
    push(start, start + person.offset.length);
  }
  for (const re of [TITLED_NAME_RE, ROLE_NAME_RE, ROLE_REFERENCE_RE]) {
    re.lastIndex = 0;
    for (const m of text.matchAll(re)) {
      // "M" alone is a title only with its dot: "M. Dupont".
      if (/^M\s/.test(m[0])) continue;
      push(m.index, m.index + m[0].length);
    }
  }
  for (const m of text.matchAll(NAME_SAYING_RE)) {
    const subject = m[1]!;
    if (AFTER_CONNECTOR.test(text.slice(Math.max(0, m.index - 6), m.index))) continue;
    const atStart = opensSentence(sentences, m.index);
    if (!pointsToSomeone(subject, atStart)) continue;
    const first = subject.split(/\s+/)[0]!;
    if (atStart && /^(?:The|A|An|Our|My|Le|La|Les|Un|Une)$/.test(first)) continue;
    push(m.index, m.index + subject.length);
  }
  return hits;
}
