/**
 * Text as the engine compares it. Notes arrive in whatever form a phone keyboard produced:
 * decomposed accents, zero-width joiners, soft hyphens, curly apostrophes. Everything that counts
 * or matches words goes through here first, so "accès" typed two ways is one word.
 */

const DEFAULT_IGNORABLE = /\p{Default_Ignorable_Code_Point}/gu;
const APOSTROPHES = /[\u2018\u2019\u02BC\u02BB\u2032\uFF07`´]/gu;

/** NFC, without default-ignorable code points (zero-width characters, soft hyphens, variation selectors). */
export function normaliseText(text: string): string {
  return text.normalize('NFC').replace(DEFAULT_IGNORABLE, '').replace(APOSTROPHES, "'");
}

const LATIN_MARKS = /(?<=\p{Script=Latin})\p{M}+/gu;

/**
 * A stem as it is matched: accents dropped from Latin letters only ("électr" meets "electr" and a
 * typed "acces" meets "accès"), since marks in other scripts are letters of their own.
 */
export function foldStem(stem: string): string {
  return stem.normalize('NFD').replace(LATIN_MARKS, '').normalize('NFC');
}
