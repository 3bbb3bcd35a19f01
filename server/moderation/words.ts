import BadWordsNext from 'bad-words-next';
import de from 'bad-words-next/lib/de';
import en from 'bad-words-next/lib/en';
import es from 'bad-words-next/lib/es';
import fr from 'bad-words-next/lib/fr';

/**
 * The optional word list: flags notes that likely carry abuse, for staff to look at first. It
 * never blocks or changes a note. bad-words-next (MIT) keeps small hand-made dictionaries per
 * language, with look-alike letters and repeated letters folded; English, French, German and
 * Spanish are loaded (docs/moderation.md says why this list and not another).
 */
// The library memoises checks; 0 breaks it (every check answers undefined), so it keeps one text,
// the last note checked, rather than a hundred notes of every session in this process.
const words = new BadWordsNext({ maxCacheSize: 1 });
for (const dictionary of [en, fr, de, es]) words.add(dictionary);

/** Whether the word list finds likely abuse in a text. */
export function screen(text: string): boolean {
  return words.check(text) === true;
}
