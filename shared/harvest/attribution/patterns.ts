import { ENGLISH_WORDS, FRENCH_WORDS, ROLE_NOUNS, ROLE_TITLES, SAYING, TITLES } from './words.ts';

/** Pieces of the regular expressions the finders share: word edges, capitalised words, titles. */

/** Unicode word edges: `\b` only knows ASCII letters. */
export const WB = '(?<![\\p{L}\\p{M}\\p{N}])';
export const WE = '(?![\\p{L}\\p{M}\\p{N}])';

/** A word list as a case-insensitive pattern, so the rest of a regex can tell capitals apart (no `i` flag). */
export function ci(list: string): string {
  return `(?:${list.replace(/\p{L}/gu, (ch) => (ch.toLowerCase() !== ch.toUpperCase() ? `[${ch.toLowerCase()}${ch.toUpperCase()}]` : ch))})`;
}

/** A list of words or phrases as an alternation, in the list's order. */
export const alternation = (words: readonly string[]) => words.map((w) => w.replace(/[.*+?^${}()[\]\\]/g, '\\$&')).join('|');

export const TITLES_ALT = alternation(TITLES);
export const ROLE_TITLES_ALT = alternation(ROLE_TITLES);
export const SAYING_EN = ci(alternation(SAYING.en));
export const SAYING_FR = ci(alternation(SAYING.fr));
export const ROLE_NOUNS_EN = alternation(ROLE_NOUNS.en);
export const ROLE_NOUNS_FR = alternation(ROLE_NOUNS.fr);

export const CAP_WORD = "\\p{Lu}[\\p{L}\\p{M}'’-]*";
export const CAP_NAME = `${CAP_WORD}(?:\\s+${CAP_WORD}){0,2}`;

/** Subjects that point to nobody. */
export const ANONYMOUS_SUBJECT = new RegExp(
  `^(?:we|i|you|they|he|she|it|one|someone|somebody|everyone|everybody|nobody|no one|people|participants?|(?:a|one|another|some|several|many|most|few|other)\\s+(?:participants?|people|voices?|attendees?|members?|of us|of them)|others|many|some|several|most|all|this|that|these|those|the group|the table|the room|was|has been|it was|is|are|nous|moi|vous|eux|elles|on|toi|lui|elle|certains|certaines|plusieurs|beaucoup|tous|toutes|un participant|une participante|les participants|le groupe|la table|les données|le rapport|l['’]étude|the data|the report|the survey|the study|research|studies|evidence|the evidence|the law|la loi)$`,
  'iu',
);
const ROLE_NOUN_RE = new RegExp(`${WB}(?:${ROLE_NOUNS_EN}|${ROLE_NOUNS_FR})s?${WE}`, 'iu');
const DETERMINER = /^(?:the|a|an|our|my|their|your|le|la|les|un|une|mon|ma|notre|leur)$/i;

/** Whether a subject points to someone: a capitalised name, a title or a role; not "we" or "the data". */
export function pointsToSomeone(subject: string, atSentenceStart: boolean): boolean {
  const s = subject.trim().replace(/[,;:]+$/, '');
  if (!s || ANONYMOUS_SUBJECT.test(s)) return false;
  const words = s.split(/\s+/);
  const capitalised = words.some(
    (w, i) => /^\p{Lu}/u.test(w) && w !== 'I' && !(i === 0 && atSentenceStart && (DETERMINER.test(w) || ANONYMOUS_SUBJECT.test(w))),
  );
  return capitalised || ROLE_NOUN_RE.test(s);
}

export const cap = (s: string, upper: boolean) => (upper ? s[0]!.toUpperCase() + s.slice(1) : s);

/** How many characters of a capitalised subject are the sentence's little words ("As", "Per", "Selon") before the name. */
export function leadingLittleWords(subject: string): number {
  let skip = 0;
  for (const m of subject.matchAll(/\p{Lu}\p{Ll}*(\s+)/gu)) {
    if (m.index !== skip) break;
    const word = m[0].trim().toLowerCase();
    if (!ENGLISH_WORDS.has(word) && !FRENCH_WORDS.has(word)) break;
    skip += m[0].length;
  }
  return skip;
}
