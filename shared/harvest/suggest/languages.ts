import { stopwords as englishStopWords } from '@orama/stopwords/english';
import { stopwords as frenchStopWords } from '@orama/stopwords/french';
import snowball from 'snowball-stemmers';

/**
 * The languages whose notes are stemmed and cleared of stop words. Notes in any other language
 * are still tokenised (Intl.Segmenter knows word boundaries in every script, including those
 * written without spaces) and clustered on their words as written.
 */
export const SuggestLanguage = { en: 'en', fr: 'fr' } as const;
export type SuggestLanguage = (typeof SuggestLanguage)[keyof typeof SuggestLanguage];

export function isSuggestLanguage(language: string): language is SuggestLanguage {
  return language === SuggestLanguage.en || language === SuggestLanguage.fr;
}

/**
 * Words that carry no theme in a café note, beyond the Snowball project's stop lists (which only
 * hold function words): the verbs and adverbs of recommending and agreeing that every table
 * writes whatever its idea ("we need…", "il faut…", "should really…").
 */
const ENGLISH_FILLER = [
  'need',
  'needs',
  'needed',
  'should',
  'must',
  'would',
  'could',
  'can',
  'also',
  'really',
  'just',
  'like',
  'get',
  'gets',
  'got',
  'make',
  'makes',
  'made',
  'think',
  'want',
  'wants',
  'way',
  'ways',
  'thing',
  'things',
  'lot',
  'lots',
  'please',
  'pls',
  'yes',
  'etc',
  'eg',
  'ie',
  'still',
  'even',
  'every',
  'much',
  'many',
  'one',
  'two',
  'three',
  'five',
  'six',
  'first',
  'next',
  'use',
  'used',
  'let',
  'us',
  'say',
  'said',
  'see',
  'go',
  'goes',
  'going',
  'well',
  'will',
  'maybe',
  'everyone',
  'everything',
  'someone',
  'something',
  'anyone',
  'people',
  'ppl',
  'agree',
  'already',
  'instead',
  'now',
  'today',
  'always',
  'dont',
  'cant',
  'isnt',
  'doesnt',
  'ok',
  'good',
  'great',
  'important',
  'issue',
  'issues',
  'problem',
  'problems',
];
const FRENCH_FILLER = [
  'faut',
  'falloir',
  'doit',
  'doivent',
  'devrait',
  'devraient',
  'peut',
  'peuvent',
  'pourrait',
  'être',
  'avoir',
  'fait',
  'faire',
  'font',
  'plus',
  'moins',
  'aussi',
  'tout',
  'tous',
  'toute',
  'toutes',
  'très',
  'trop',
  'peu',
  'bien',
  'comme',
  'déjà',
  'encore',
  'vraiment',
  'merci',
  'oui',
  'non',
  'beaucoup',
  'chaque',
  'quand',
  'où',
  'dont',
  'alors',
  'donc',
  'car',
  'là',
  'ça',
  'cas',
  'gens',
  'personnes',
  'chose',
  'choses',
  'besoin',
  'important',
  'problème',
  'problèmes',
  'entre',
  'après',
  'avant',
  'aucun',
  'aucune',
  'rien',
  'jamais',
  'toujours',
  'ni',
  'si',
  'autre',
  'autres',
  'même',
  'mêmes',
  'vers',
  'chez',
  'sous',
  'selon',
  'dès',
  'c',
  'd',
  'j',
  'l',
  'm',
  'n',
  's',
  't',
  'qu',
  'a',
  'ont',
  'est',
  'sont',
];

const STOP_WORDS: Readonly<Record<SuggestLanguage, ReadonlySet<string>>> = {
  en: new Set([...englishStopWords, 'a', ...ENGLISH_FILLER]),
  fr: new Set([...frenchStopWords, ...FRENCH_FILLER]),
};

/** French elided articles and pronouns ("l'accès", "d'internet", "qu'on"), whatever the apostrophe. */
const FRENCH_ELISION = /^(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu|quoiqu)'(?=.)/u;
/** English possessives and the contractions that the stop list spells with an apostrophe. */
const ENGLISH_POSSESSIVE = /'s?$/u;

export interface LanguageTools {
  language: SuggestLanguage;
  /** The word without elision or possessive, or null for a stop word. `word` is lower case. */
  content(word: string): string | null;
  stem(word: string): string;
}

/**
 * A language's stemmer and stop words. Snowball stemmers keep the word being stemmed inside the
 * object, so each call of the engine makes its own rather than share one across sessions.
 */
export function languageTools(language: SuggestLanguage): LanguageTools {
  const stops = STOP_WORDS[language];
  const stemmer = snowball.newStemmer(language === SuggestLanguage.en ? 'english' : 'french');
  switch (language) {
    case SuggestLanguage.en:
      return {
        language,
        content: (word) => {
          if (stops.has(word)) return null;
          const bare = word.replace(ENGLISH_POSSESSIVE, '');
          return bare && !stops.has(bare) && !stops.has(bare.replaceAll("'", '')) ? bare : null;
        },
        stem: (word) => stemmer.stem(word),
      };
    case SuggestLanguage.fr:
      return {
        language,
        content: (word) => {
          const bare = word.replace(FRENCH_ELISION, '');
          return bare && !stops.has(bare) ? bare : null;
        },
        stem: (word) => stemmer.stem(word),
      };
  }
}

const LATIN = /\p{Script=Latin}/u;

/**
 * The language of a note that came without one: the one whose stop words it uses more (a French
 * note in an English café says "des", "les", "pour"), else the session's. A note with no Latin
 * letter at all is in neither, and is not stemmed.
 */
export function guessLanguage(words: readonly string[], fallback: SuggestLanguage): SuggestLanguage | null {
  if (!words.some((word) => LATIN.test(word))) return null;
  let en = 0;
  let fr = 0;
  for (const word of words) {
    const english = STOP_WORDS.en.has(word);
    const french = STOP_WORDS.fr.has(word) || FRENCH_ELISION.test(word);
    if (english && !french) en++;
    if (french && !english) fr++;
  }
  if (en === fr) return fallback;
  return fr > en ? SuggestLanguage.fr : SuggestLanguage.en;
}
