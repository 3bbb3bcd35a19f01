import type { Entities } from './entities.ts';
import { AFTER_CONNECTOR } from './phrases.ts';
import { CAP_WORD, ci, leadingLittleWords, pointsToSomeone, ROLE_TITLES_ALT, SAYING_EN, SAYING_FR, TITLES_ALT, WB, WE } from './patterns.ts';
import { opensSentence } from './sentences.ts';
import type { EntityNoun, Hit, Span } from './types.ts';
import { headNoun } from './words.ts';

/**
 * People whether or not they are on the roster: compromise's person recogniser (entities.ts), titles ("Dr
 * Okafor", "Mme Diallo"), roles held by one person ("the minister", "Mme la Ministre") and
 * capitalised names next to a verb of saying.
 */

const TITLED_NAME_RE = new RegExp(`${WB}(?:${TITLES_ALT})\\.?\\s+${CAP_WORD}(?:\\s+${CAP_WORD}){0,2}`, 'gu');
const ROLE_NAME_RE = new RegExp(`${WB}(?:${ROLE_TITLES_ALT})\\s+${CAP_WORD}(?:\\s+${CAP_WORD})?`, 'gu');
const OF_CAP = (of: string) =>
  `(?:\\s+(?:${of})\\s*(?:${ci('the')}\\s+|${ci('la')}\\s+|${ci("l['’]")})?${CAP_WORD}(?:\\s+(?:of\\s+|de\\s+|du\\s+|des\\s+)?${CAP_WORD})*)?`;
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
/** Two or three capitalised words before a relative clause about a person: "Mercy Wanjiku, who leads…". */
const NAME_WHO_RE = new RegExp(`${WB}(\\p{Lu}[\\p{Ll}\\p{M}'’-]+(?:\\s+\\p{Lu}[\\p{Ll}\\p{M}'’-]+){1,2}),\\s+(?:who|whose|qui)${WE}`, 'gu');
/** Two or three capitalised words next to a verb of saying: "Chidi Okonkwo argued". */
const NAME_SAYING_RE = new RegExp(`${WB}(\\p{Lu}[\\p{Ll}\\p{M}'’-]+(?:\\s+\\p{Lu}[\\p{Ll}\\p{M}'’-]+){0,2})\\s+(?:${SAYING_EN}|${SAYING_FR})${WE}`, 'gu');

export function personHits(text: string, sentences: readonly Span[], entities: Entities): Hit[] {
  const hits: Hit[] = [];
  const push = (start: number, end: number, noun: EntityNoun = 'person') => {
    let e = end;
    while (e > start && /[\s.,;:!?'’")\]]/u.test(text[e - 1]!)) e--;
    if (e > start) hits.push({ kind: 'person', start, end: e, noun });
  };
  for (const span of entities.people) {
    const surface = text.slice(span.start, span.end);
    // compromise tags lone capitalised pronoun-like words now and then; a person has letters.
    if (!/\p{L}{2,}/u.test(surface) || !/^\p{Lu}/u.test(surface)) continue;
    push(span.start, span.end);
  }
  for (const [re, noun] of [
    [TITLED_NAME_RE, 'person'],
    [ROLE_NAME_RE, 'person'],
    [ROLE_REFERENCE_RE, 'official'],
  ] as const) {
    re.lastIndex = 0;
    for (const m of text.matchAll(re)) {
      // "M" alone is a title only with its dot: "M. Dupont".
      if (/^M\s/.test(m[0])) continue;
      push(m.index, m.index + m[0].length, noun);
    }
  }
  for (const m of text.matchAll(NAME_WHO_RE)) {
    const subject = m[1]!;
    if (subject.split(/\s+/).some((w) => headNoun(w) !== null) || AFTER_CONNECTOR.test(text.slice(Math.max(0, m.index - 6), m.index))) continue;
    push(m.index, m.index + subject.length);
  }
  for (const m of text.matchAll(NAME_SAYING_RE)) {
    // "As Amaka Okafor said": the name starts after the sentence's own capitalised little words.
    const skip = leadingLittleWords(m[1]!);
    if (skip >= m[1]!.length) continue;
    const subject = m[1]!.slice(skip);
    m.index += skip;
    if (AFTER_CONNECTOR.test(text.slice(Math.max(0, m.index - 6), m.index))) continue;
    const atStart = opensSentence(sentences, m.index);
    if (!pointsToSomeone(subject, atStart)) continue;
    const first = subject.split(/\s+/)[0]!;
    // "the Federal Foreign Office said": an institution speaking, or the end of a longer name.
    if (subject.split(/\s+/).some((w) => headNoun(w) !== null) || /\p{Lu}[\p{L}\p{M}'’-]*\s+$/u.test(text.slice(Math.max(0, m.index - 30), m.index))) continue;
    if (atStart && /^(?:The|A|An|Our|My|Le|La|Les|Un|Une)$/.test(first)) continue;
    push(m.index, m.index + subject.length);
  }
  return hits;
}
