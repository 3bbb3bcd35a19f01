/**
 * Folding: the form in which roster entries and texts are compared. Case-folds and strips accents
 * from Latin, Greek and Cyrillic letters (keeping the marks other scripts need, such as kana
 * voicing or Devanagari vowel signs), with compatibility forms (full-width letters, ligatures)
 * unified, and keeps a map back to the original offsets so a match can be shown where it was.
 */

/** Letters that do not decompose into a base letter and marks. */
export const SPECIAL_FOLDS = new Map<string, string>(
  Object.entries({
    ß: 'ss',
    ẞ: 'ss',
    æ: 'ae',
    Æ: 'ae',
    œ: 'oe',
    Œ: 'oe',
    ø: 'o',
    Ø: 'o',
    đ: 'd',
    Đ: 'd',
    ð: 'd',
    Ð: 'd',
    þ: 'th',
    Þ: 'th',
    ł: 'l',
    Ł: 'l',
    ı: 'i',
    ħ: 'h',
    Ħ: 'h',
    ŧ: 't',
    Ŧ: 't',
    ŀ: 'l',
    Ŀ: 'l',
    ĸ: 'k',
    ς: 'σ',
    '’': "'",
    '‘': "'",
    ʼ: "'",
    '‐': '-',
    '‑': '-',
    '–': '-',
    '—': '-',
  }),
);
export const ACCENTED_SCRIPTS = /[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}]/u;
const MARK = /\p{M}/u;
/** Scripts written without spaces between words (or with particles glued to names): match as substrings. */
const SPACELESS =
  '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}\\p{Script=Thai}\\p{Script=Lao}\\p{Script=Khmer}\\p{Script=Myanmar}\\p{Script=Tibetan}\\p{Script=Arabic}\\p{Script=Hebrew}';
export const SPACELESS_RE = new RegExp(`[${SPACELESS}]`, 'u');
const TOKEN_RE = new RegExp(`[${SPACELESS}\\p{M}]+|(?:(?![${SPACELESS}])[\\p{L}\\p{N}\\p{M}])+`, 'gu');

export interface Folded {
  text: string;
  /** Original UTF-16 offset of each folded character, plus one for the end. */
  map: number[];
}

/**
 * One code point folded: accents dropped from Latin, Greek and Cyrillic letters (and the marks that
 * follow them), special folds, compatibility forms, lower case. Returns what it became and whether
 * a mark that follows belongs to an accentable letter. `keepWhole` letters keep their mark (й).
 */
export function foldCodePoint(cp: string, afterAccentable: boolean, keepWhole?: ReadonlySet<string>): [string, boolean] {
  if (MARK.test(cp)) return [afterAccentable ? '' : cp, afterAccentable];
  if (keepWhole?.has(cp)) return [cp.toLowerCase(), true];
  const special = SPECIAL_FOLDS.get(cp);
  if (special !== undefined) return [special, true];
  const decomposed = cp.normalize('NFKD');
  const accentable = ACCENTED_SCRIPTS.test(decomposed[0] ?? '');
  const out = accentable ? decomposed.replace(/\p{M}/gu, '').toLowerCase() : cp.normalize('NFKC').toLowerCase();
  return [out.replace(/ς/g, 'σ'), accentable];
}

export function fold(s: string): Folded {
  let text = '';
  const map: number[] = [];
  let afterAccentable = false;
  let i = 0;
  for (const cp of s) {
    let out: string;
    [out, afterAccentable] = foldCodePoint(cp, afterAccentable);
    for (const ch of out) {
      text += ch;
      for (let k = 0; k < ch.length; k++) map.push(i);
    }
    i += cp.length;
  }
  map.push(s.length);
  return { text, map };
}

/** Case and accents folded: for comparing names and labels, and for sorting them. */
export const foldString = (s: string): string => fold(s).text;

export interface Token {
  text: string;
  /** Offsets in the folded text. */
  start: number;
  end: number;
}

/** Words of a folded text; a run of a spaceless script is one token. */
export function tokens(folded: string): Token[] {
  const out: Token[] = [];
  for (const m of folded.matchAll(TOKEN_RE)) out.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  return out;
}
