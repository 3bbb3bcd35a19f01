import nlp from 'compromise';
import commonNameWords from './words/common-name-words.json';
import functionWords from './words/function-words.json';
import nameParticles from './words/name-particles.json';
import organisationAcronyms from './words/organisation-acronyms.json';
import organisationGeneric from './words/organisation-generic.json';
import organisationHeads from './words/organisation-heads.json';
import pronounsAfter from './words/pronouns-after.json';
import roleNouns from './words/role-nouns.json';
import sayingVerbs from './words/saying-verbs.json';
import selfIdentification from './words/self-identification.json';
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
export const SELF = selfIdentification;
export const ENGLISH_WORDS: ReadonlySet<string> = new Set(functionWords.en);
export const FRENCH_WORDS: ReadonlySet<string> = new Set(functionWords.fr);
export const ORG_HEADS = organisationHeads;
const GOVERNMENT_HEADS = new Set([...organisationHeads.government.en, ...organisationHeads.government.fr.map((w) => w.toLowerCase())]);
const OTHER_HEADS = new Set([...organisationHeads.other.en, ...organisationHeads.other.fr.map((w) => w.toLowerCase())]);
const FRENCH_HEADS = new Set([...organisationHeads.government.fr, ...organisationHeads.other.fr]);

/**
 * Whether a word makes a capitalised phrase an institution's name, and which kind: English heads
 * as written ("Ministry", "Foundation"), French ones in either case ("ministère", "Banque").
 */
export function headNoun(word: string): 'government' | 'organisation' | null {
  const french = FRENCH_HEADS.has(word.toLowerCase());
  const key = french ? word.toLowerCase() : word;
  if (GOVERNMENT_HEADS.has(key)) return 'government';
  if (OTHER_HEADS.has(key)) return 'organisation';
  return null;
}
export const isFrenchHead = (word: string) => FRENCH_HEADS.has(word.toLowerCase());

export const GOVERNMENT_ACRONYMS: ReadonlySet<string> = new Set(organisationAcronyms.government);
export const KNOWN_ACRONYMS: ReadonlySet<string> = new Set([...organisationAcronyms.government, ...organisationAcronyms.known]);
export const NOT_ORGANISATIONS: ReadonlySet<string> = new Set(organisationAcronyms.notOrganisations);

const LEXICON = (nlp.model() as { one: { lexicon: Record<string, string | string[]> } }).one.lexicon;
const NAME_TAGS = new Set(['FirstName', 'MaleName', 'FemaleName', 'LastName', 'Person', 'Honorific']);
const PLACE_TAGS = new Set(['Country', 'City', 'Region', 'Place', 'Continent', 'Demonym']);

function lexiconTags(word: string): string[] {
  // The lexicon is a plain object: only its own keys are words.
  if (!Object.hasOwn(LEXICON, word)) return [];
  const tags = LEXICON[word];
  return tags === undefined ? [] : Array.isArray(tags) ? tags : [tags];
}

/**
 * A name part that is also an ordinary word: flagged only where it reads as a proper noun. Words
 * compromise knows as names of people or organisations ("Maria", "Microsoft") are not ordinary.
 */
export function isCommonWord(foldedWord: string): boolean {
  if (COMMON_NAME_WORDS.has(foldedWord)) return true;
  const tags = lexiconTags(foldedWord);
  return tags.length > 0 && !tags.some((t) => NAME_TAGS.has(t) || t === 'Organization');
}

export const isPlaceWord = (foldedWord: string) => lexiconTags(foldedWord).some((t) => PLACE_TAGS.has(t));

/** What compromise knows as a person's or an organisation's name ("maria", "microsoft"). */
export const isNameWord = (foldedWord: string) => lexiconTags(foldedWord).some((t) => NAME_TAGS.has(t) || t === 'Organization');

/** What compromise knows a word as an organisation ("microsoft", "unesco"). */
export const isOrganisationWord = (foldedWord: string) => lexiconTags(foldedWord).includes('Organization');

/**
 * A word too ordinary to name an organisation on its own: an English word compromise knows, a
 * word organisations share ("Cloud", "Society", "Populaire") or a French or English function word.
 */
export const isEverydayWord = (foldedWord: string) =>
  isCommonWord(foldedWord) || ORG_GENERIC.has(foldedWord) || ENGLISH_WORDS.has(foldedWord) || FRENCH_WORDS.has(foldedWord);
