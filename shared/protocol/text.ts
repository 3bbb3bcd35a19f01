/**
 * Text from outside, made safe to count, compare, store and show, once, at the boundary. Every
 * inbound text goes through `normaliseText`; display names through `normaliseName` as well.
 *
 * - Unicode NFC, so the same words are the same code points whatever keyboard typed them.
 * - Control characters go, except line breaks and tabs in free text; `\r\n` becomes `\n`.
 * - Bidirectional embeddings, overrides and isolates (U+202A–202E, U+2066–2069) go: they can make
 *   a note read backwards on other people's screens, or a name look like another. Every screen and
 *   export shows texts as isolates (`dir="auto"`, `<bdi>`), so right-to-left words still read right.
 *   The plain marks (LRM, RLM, ALM) stay: they only steer the characters next to them.
 * - Default-ignorable code points go (zero-width space, zero-width non-joiner, word joiner, soft
 *   hyphen, BOM, invisible operators, tag characters, Hangul fillers…): invisible, they disguise
 *   names and defeat matching. In free text the direction marks stay, and the zero-width joiner and
 *   variation selectors inside emoji sequences, where they are part of the picture; in names
 *   nothing invisible stays.
 */

// eslint-disable-next-line no-control-regex -- control characters are exactly what this removes.
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/gu;
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/gu;
const IGNORABLE = /\p{Default_Ignorable_Code_Point}/u;
const PICTOGRAPHIC = /\p{Extended_Pictographic}/u;
const SKIN_TONE = /[\u{1F3FB}-\u{1F3FF}]/u;
const ZWJ = '\u200D';
const VARIATION = new Set(['\uFE0E', '\uFE0F']);
/** Left-to-right, right-to-left and Arabic letter marks: invisible, but they place neighbouring words. */
const DIRECTION_MARKS = new Set(['\u200E', '\u200F', '\u061C']);

/**
 * Text in the Latin scripts as most notes come: tabs, line feeds and characters below U+0300 but
 * the C1 controls and the soft hyphen. NFC changes none of them (nothing below the combining marks
 * composes), and none is a control, a bidirectional control or default-ignorable, so such a text
 * needs trimming only. The full path below runs ICU's normaliser and Unicode property classes,
 * tens of microseconds a note on a busy server's cold caches; it stays the path for everything else.
 */
export const PLAIN = /^[\t\n\u0020-\u007E\u00A0-\u00AC\u00AE-\u02FF]*$/;
/** A UTF-16 unit that is half of a code point. */
const SURROGATE = /[\uD800-\uDFFF]/;

/** Free text: a note, a question, a summary, a theme's name. */
export function normaliseText(input: string): string {
  return PLAIN.test(input) ? input.trim() : normaliseAnyText(input);
}

/** Every step, for text of any script (exported so a test can hold the short path to it). */
export function normaliseAnyText(input: string): string {
  const nfc = input.normalize('NFC').replace(/\r\n?/g, '\n').replace(CONTROLS, '').replace(BIDI_CONTROLS, '');
  return dropIgnorables(nfc, true).trim();
}

/** A display name: one line, no invisible characters at all, spaces collapsed. */
export function normaliseName(input: string): string {
  return dropIgnorables(normaliseText(input), false).replace(/\s+/gu, ' ').trim();
}

/**
 * Whether a name names someone: at least two characters, and at least one letter or digit, so
 * "…", "!!!" or a name of invisible characters is not a name.
 */
export function isMeaningfulName(name: string): boolean {
  return [...name].length >= 2 && /[\p{L}\p{N}]/u.test(name);
}

/** Length as people count it: one per code point, whatever UTF-16 needs to store it. */
export function lengthOf(text: string): number {
  // Without surrogates, each UTF-16 unit is one code point.
  if (!SURROGATE.test(text)) return text.length;
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** In free text, direction marks and emoji joiners stay; in a name, nothing invisible does. */
function dropIgnorables(text: string, inText: boolean): string {
  if (!IGNORABLE.test(text)) return text;
  const chars = [...text];
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (!IGNORABLE.test(c) || (inText && (DIRECTION_MARKS.has(c) || partOfEmoji(chars, i)))) out += c;
  }
  return out;
}

/** A joiner between two pictographs, or a variation selector right after one (or a keycap digit). */
function partOfEmoji(chars: readonly string[], i: number): boolean {
  const c = chars[i]!;
  const before = chars[i - 1] ?? '';
  const after = chars[i + 1] ?? '';
  if (VARIATION.has(c)) return PICTOGRAPHIC.test(before) || /^[0-9#*]$/.test(before);
  if (c !== ZWJ) return false;
  // The pictograph before may carry a variation selector or a skin tone of its own.
  const base = VARIATION.has(before) || SKIN_TONE.test(before) ? (chars[i - 2] ?? '') : before;
  return PICTOGRAPHIC.test(base) && PICTOGRAPHIC.test(after);
}
