import nlp from 'compromise';
import commonNameWords from './words/common-name-words.json';
import nameParticles from './words/name-particles.json';
import organisationGeneric from './words/organisation-generic.json';
import pronounsAfter from './words/pronouns-after.json';
import roleNouns from './words/role-nouns.json';
import sayingVerbs from './words/saying-verbs.json';
import titles from './words/titles.json';

/**
 * The word lists the check reads, kept as data in `words/*.json` (each says what it is for), and
 * what compromise's lexicon knows about a word. Lists of folded words become sets; lists matched
 * inside patterns stay as written.
 */

export const COMMON_NAME_WORDS: ReadonlySet<string> = new Set(commonNameWords.words);
export const NAME_PARTICLES: ReadonlySet<string> = new Set(nameParticles.words);
export const ORG_GENERIC: ReadonlySet<string> = new Set(organisationGeneric.words);
export const PRONOUN_AFTER: ReadonlySet<string> = new Set(pronounsAfter.words);
export const TITLES = titles.people;
export const ROLE_TITLES = titles.roles;
export const SAYING = sayingVerbs;
export const ROLE_NOUNS = roleNouns;

const LEXICON = (nlp.model() as { one: { lexicon: Record<string, string | string[]> } }).one.lexicon;
const NAME_TAGS = new Set(['FirstName', 'MaleName', 'FemaleName', 'LastName', 'Person', 'Honorific']);
const PLACE_TAGS = new Set(['Country', 'City', 'Region', 'Place', 'Continent', 'Demonym']);

function lexiconTags(word: string): string[] {
  // The lexicon is a plain object: only its own keys are words.
  if (!Object.hasOwn(LEXICON, word)) return [];
  const tags = LEXICON[word];
  return tags === undefined ? [] : Array.isArray(tags) ? tags : [tags];
}

/** A name part that is also an ordinary word: flagged only where it reads as a proper noun. */
export function isCommonWord(foldedWord: string): boolean {
  if (COMMON_NAME_WORDS.has(foldedWord)) return true;
  const tags = lexiconTags(foldedWord);
  return tags.length > 0 && !tags.some((t) => NAME_TAGS.has(t));
}

export const isPlaceWord = (foldedWord: string) => lexiconTags(foldedWord).some((t) => PLACE_TAGS.has(t));
