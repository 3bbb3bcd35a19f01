import confusables from 'unhomoglyph/data.json';
import { foldCodePoint } from './fold.ts';
import transliteration from './words/transliteration.json';

/**
 * The forms a text goes through before anything is matched, each with a map back to where its
 * characters came from, so a finding is always shown where it is in the text as written:
 *
 * 1. `clean`: default-ignorable code points removed (zero-width spaces and joiners, soft hyphens,
 *    bidi controls, variation selectors) and compatibility forms unified (NFKC: full-width
 *    letters, ligatures, "Ⅿ"). The finders' patterns run on this.
 * 2. `matchForm`: case folded, accents stripped from Latin, Greek and Cyrillic letters, then each
 *    word reduced to Latin letters: a word wholly in Cyrillic or Greek by transliteration
 *    ("Олег" → "oleg", "Σοφία" → "sofia"), any other Latin-script word, or one that mixes scripts
 *    or is made only of look-alikes, by its confusable skeleton (Unicode TR39's confusables.txt,
 *    as the unhomoglyph package ships it: Cyrillic "о" → "o", "m" → "rn"). Roster entries and
 *    texts go through the same steps, so "Оkаfоr" with Cyrillic letters meets "Okafor", and
 *    "Амака Окафор" meets "Amaka Okafor". Other scripts keep their letters.
 */

export interface Mapped {
  text: string;
  /** For each UTF-16 unit of `text`: where its source starts and ends in the input. */
  starts: number[];
  ends: number[];
}

/** The input span that produced `text.slice(start, end)`. */
export function sourceSpan(m: Mapped, start: number, end: number): { start: number; end: number } {
  if (end <= start) return { start: m.starts[start] ?? m.ends.at(-1) ?? 0, end: m.starts[start] ?? m.ends.at(-1) ?? 0 };
  return { start: m.starts[start]!, end: m.ends[end - 1]! };
}

const DEFAULT_IGNORABLE = /\p{Default_Ignorable_Code_Point}/u;
const MARK = /\p{M}/u;
const PLAIN_ASCII = /^[\x20-\x7e\n\t\r]*$/;

/** Default-ignorables out, NFKC cluster by cluster (a base character and the marks after it). */
export function clean(s: string): Mapped {
  const starts: number[] = [];
  const ends: number[] = [];
  if (PLAIN_ASCII.test(s)) {
    for (let i = 0; i < s.length; i++) {
      starts.push(i);
      ends.push(i + 1);
    }
    return { text: s, starts, ends };
  }
  let text = '';
  let cluster = '';
  let clusterStart = 0;
  let at = 0;
  const flush = (end: number) => {
    if (cluster) {
      const out = cluster.normalize('NFKC');
      text += out;
      for (let k = 0; k < out.length; k++) {
        starts.push(clusterStart);
        ends.push(end);
      }
    }
    cluster = '';
  };
  for (const cp of s) {
    if (DEFAULT_IGNORABLE.test(cp)) {
      at += cp.length;
      continue;
    }
    if (!MARK.test(cp) || !cluster) {
      flush(at);
      clusterStart = at;
    }
    cluster += cp;
    at += cp.length;
  }
  flush(at);
  return { text, starts, ends };
}

// ───────── the match form ─────────

/** confusables.txt's prototypes, for single code points; the prototype's own marks dropped. */
const PROTOTYPE = new Map<string, string>();
for (const [from, to] of Object.entries(confusables as Record<string, string>)) {
  if ([...from].length === 1) PROTOTYPE.set(from, to.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase());
}
const CYRILLIC = new Map(Object.entries(transliteration.cyrillic));
const GREEK = new Map(Object.entries(transliteration.greek));
const GREEK_DIGRAPHS = new Map(Object.entries(transliteration.greekDigraphs));

const LATIN = /\p{Script=Latin}/u;
const CYRILLIC_OR_GREEK = /[\p{Script=Cyrillic}\p{Script=Greek}]/u;
const LETTER = /\p{L}/u;
const ASCII_LETTERS = /^[a-z]+$/;
const WORD_RUN = /[\p{L}\p{M}\p{N}]+/gu;

/** Characters whose accents are folded: their decomposition and case are settled before words are read. */
const KEEP_WHOLE = new Set(['й', 'Й']);

/** Step one, per character: case and accents, as `fold` does, with a map. */
function foldCharacters(s: string): { chars: string[]; from: number[] } {
  const chars: string[] = [];
  const from: number[] = [];
  let afterAccentable = false;
  let i = 0;
  for (const cp of s) {
    let out: string;
    [out, afterAccentable] = foldCodePoint(cp, afterAccentable, KEEP_WHOLE);
    for (const ch of out) {
      chars.push(ch);
      from.push(i);
    }
    i += cp.length;
  }
  return { chars, from };
}

const skeletonOf = (ch: string) => PROTOTYPE.get(ch) ?? ch;
const transliterate = (ch: string) => CYRILLIC.get(ch) ?? GREEK.get(ch) ?? skeletonOf(ch);

/** One word's letters in Latin: transliterated, or by skeleton; see the module's comment. */
function latinise(word: string[]): string[] {
  let latin = false;
  let cyrillicOrGreek = false;
  for (const ch of word) {
    if (!LETTER.test(ch)) continue;
    if (LATIN.test(ch)) latin = true;
    else if (CYRILLIC_OR_GREEK.test(ch)) cyrillicOrGreek = true;
    else return word; // another script: kept as it is
  }
  if (!latin && !cyrillicOrGreek) return word; // digits only
  const allLookAlikes = word.every((ch) => !CYRILLIC_OR_GREEK.test(ch) || ASCII_LETTERS.test(skeletonOf(ch)));
  if (cyrillicOrGreek && !latin && !allLookAlikes) {
    const out: string[] = [];
    for (let k = 0; k < word.length; k++) {
      const pair = GREEK_DIGRAPHS.get(word[k]! + (word[k + 1] ?? ''));
      if (pair !== undefined) {
        out.push(pair, '');
        k++;
      } else out.push(transliterate(word[k]!));
    }
    return out.map((s) => [...s].map(skeletonOf).join(''));
  }
  // Latin, mixed or all look-alikes: the skeleton; a Cyrillic or Greek letter with no Latin twin is transliterated.
  return word.map((ch) => {
    const proto = skeletonOf(ch);
    return CYRILLIC_OR_GREEK.test(ch) && !ASCII_LETTERS.test(proto) ? [...transliterate(ch)].map(skeletonOf).join('') : proto;
  });
}

/** The match form of an already clean text; see the module's comment. */
export function matchForm(s: string): Mapped {
  const { chars, from } = foldCharacters(s);
  const joined = chars.join('');
  // Offsets of each character of `chars` in `joined`, to read words out of it.
  const offsets: number[] = [];
  let o = 0;
  for (const ch of chars) {
    offsets.push(o);
    o += ch.length;
  }
  const byOffset = new Map(offsets.map((off, k) => [off, k]));
  const out = [...chars];
  for (const m of joined.matchAll(WORD_RUN)) {
    const first = byOffset.get(m.index)!;
    const last = byOffset.get(m.index + m[0].length) ?? chars.length;
    const word = chars.slice(first, last);
    const latin = latinise(word);
    for (let k = 0; k < latin.length; k++) out[first + k] = latin[k]!;
  }
  let text = '';
  const starts: number[] = [];
  const ends: number[] = [];
  const sourceEnd = (k: number) => {
    // A character's source ends where the next character from elsewhere begins.
    for (let n = k + 1; n < from.length; n++) if (from[n] !== from[k]) return from[n]!;
    return s.length;
  };
  for (let k = 0; k < out.length; k++) {
    const piece = out[k]!.toLowerCase();
    if (!piece) continue;
    const end = sourceEnd(k);
    text += piece;
    for (let u = 0; u < piece.length; u++) {
      starts.push(from[k]!);
      ends.push(end);
    }
  }
  return { text, starts, ends };
}

/** The match form of a short phrase (a roster entry): clean, then matchForm. */
export const matchKey = (s: string): string => matchForm(clean(s).text).text;
