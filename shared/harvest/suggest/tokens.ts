import { guessLanguage, isSuggestLanguage, languageTools, type SuggestLanguage, type LanguageTools } from './languages.ts';
import { foldStem, normaliseText } from './text.ts';

/** One content word of a note: what it is matched as, and how it was written. */
export interface Term {
  /** The folded stem: the unit the engine counts and compares. */
  key: string;
  /** The word as written, lower case, for naming a theme in the participants' own words. */
  surface: string;
}

export interface Tokenised {
  language: SuggestLanguage | null;
  terms: Term[];
}

const DIGITS_ONLY = /^[\p{N}.,]+$/u;
const LATIN_OR_DIGIT = /^[\p{Script=Latin}\p{N}]$/u;

/**
 * Splits notes into content words. One instance per engine call: it owns the segmenters and
 * stemmers it creates, and nothing survives the call.
 */
export class Tokeniser {
  private readonly segmenters = new Map<string, Intl.Segmenter>();
  private readonly tools = new Map<SuggestLanguage, LanguageTools>();
  /** Word → term, per language: notes repeat the same few hundred words, and stemming is the cost. */
  private readonly memo = new Map<string, Term | null>();

  constructor(private readonly fallback: SuggestLanguage) {}

  tokenise(text: string, language?: string): Tokenised {
    const words = this.words(normaliseText(text), language ?? this.fallback);
    const chosen = language === undefined ? guessLanguage(words, this.fallback) : isSuggestLanguage(language) ? language : null;
    const tools = chosen ? this.toolsFor(chosen) : null;
    const terms: Term[] = [];
    for (const word of words) {
      const memoKey = `${chosen ?? ''}\u0000${word}`;
      let term = this.memo.get(memoKey);
      if (term === undefined) {
        term = this.term(word, tools);
        this.memo.set(memoKey, term);
      }
      if (term) terms.push(term);
    }
    return { language: chosen, terms };
  }

  private term(word: string, tools: LanguageTools | null): Term | null {
    if (DIGITS_ONLY.test(word)) return null;
    const content = tools ? tools.content(word) : word.replace(/'/g, '');
    if (!content || (content.length < 2 && LATIN_OR_DIGIT.test(content))) return null;
    return { key: foldStem(tools ? tools.stem(content) : content), surface: content };
  }

  private words(text: string, language: string): string[] {
    const words: string[] = [];
    for (const segment of this.segmenter(language).segment(text)) {
      if (segment.isWordLike) words.push(segment.segment.toLowerCase());
    }
    return words;
  }

  private segmenter(language: string): Intl.Segmenter {
    let segmenter = this.segmenters.get(language);
    if (!segmenter) {
      // A language tag Intl cannot read falls back to the root rules, which segment every script.
      let locale: string[] = [];
      try {
        locale = Intl.Segmenter.supportedLocalesOf(language);
      } catch {
        locale = [];
      }
      segmenter = new Intl.Segmenter(locale, { granularity: 'word' });
      this.segmenters.set(language, segmenter);
    }
    return segmenter;
  }

  private toolsFor(language: SuggestLanguage): LanguageTools {
    let tools = this.tools.get(language);
    if (!tools) {
      tools = languageTools(language);
      this.tools.set(language, tools);
    }
    return tools;
  }
}
