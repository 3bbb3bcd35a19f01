import LineBreaker from 'linebreak';
import type { FontChains, FontStyle, PdfFont } from './fonts.ts';

/**
 * Paragraph layout for the PDF, done here rather than by PDFKit because a readout mixes scripts
 * and directions in one line: an English sentence quoting Arabic, a Chinese note with a Latin
 * acronym. PDFKit sets a string in one font, left to right. Here each character goes to the
 * first font of its style's chain that has it, lines break where Unicode line breaking
 * (UAX #14) allows, and each line's pieces are put in visual order by a reduced form of the
 * Unicode bidirectional algorithm (UAX #9: strong letters, European numbers and neutrals; no
 * explicit embeddings, which people do not type). Within a piece, fontkit shapes the glyphs and
 * turns a right-to-left run around.
 */

export interface TextStyle {
  font: FontStyle;
  size: number;
  color: string;
}

export interface Span {
  text: string;
  style: TextStyle;
}

type BidiClass = 'L' | 'R' | 'EN' | 'WS' | 'ON';

export interface Piece {
  text: string;
  font: PdfFont;
  style: TextStyle;
  width: number;
  bidi: BidiClass;
  /** Resolved embedding level: odd is right to left. */
  level: number;
}

export interface Line {
  /** In visual order, left to right. */
  pieces: Piece[];
  /** Without trailing spaces. */
  width: number;
}

export interface LaidOut {
  lines: Line[];
  dir: 'ltr' | 'rtl';
}

const RTL = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Adlam}]/u;
const LETTER = /[\p{L}\p{M}]/u;
const DIGIT = /[0-9\u06F0-\u06F9\u0660-\u0669]/u;
const SPACE = /\s/u;
const STICKY = /[\p{Script=Inherited}\u200c\u200d]/u;
// A Map: the keys are characters of people's text.
const MIRROR = new Map(
  Object.entries({ '(': ')', ')': '(', '[': ']', ']': '[', '{': '}', '}': '{', '<': '>', '>': '<', '«': '»', '»': '«', '‹': '›', '›': '‹' }),
);

function bidiClass(ch: string): BidiClass {
  if (SPACE.test(ch)) return 'WS';
  if (DIGIT.test(ch)) return 'EN';
  if (LETTER.test(ch)) return RTL.test(ch) ? 'R' : 'L';
  return 'ON';
}

export class TextSetter {
  /** Advance widths at 1 pt, by font and text: a readout repeats its words. */
  private readonly widths = new Map<string, number>();

  constructor(private readonly fonts: FontChains) {}

  measure(font: PdfFont, text: string, size: number): number {
    const key = `${font.key}\u0000${text}`;
    let w = this.widths.get(key);
    if (w === undefined) {
      w = font.font.layout(text).advanceWidth / font.font.unitsPerEm;
      this.widths.set(key, w);
    }
    return w * size;
  }

  /** The first font of the chain that has `ch`, as a browser picks from a font stack; a mark stays with its letter. */
  private fontFor(ch: string, chain: readonly PdfFont[], current: PdfFont | null): PdfFont {
    const cp = ch.codePointAt(0)!;
    if (current && STICKY.test(ch) && current.font.hasGlyphForCodePoint(cp)) return current;
    for (const f of chain) if (f.font.hasGlyphForCodePoint(cp)) return f;
    return current ?? chain[0]!;
  }

  /** Splits spans into pieces of one font, one style and one bidi class, cut at every line-break opportunity. */
  private pieces(spans: readonly Span[]): { pieces: (Omit<Piece, 'level' | 'width'> & { start: number })[]; breaks: Set<number>; required: Set<number> } {
    const text = spans.map((s) => s.text).join('');
    const breaks = new Set<number>();
    const required = new Set<number>();
    const breaker = new LineBreaker(text);
    for (let bk = breaker.nextBreak(); bk; bk = breaker.nextBreak()) {
      breaks.add(bk.position);
      if (bk.required) required.add(bk.position);
    }
    const pieces: (Omit<Piece, 'level' | 'width'> & { start: number; end: number })[] = [];
    let offset = 0;
    for (const span of spans) {
      const chain = this.fonts[span.style.font];
      let current: PdfFont | null = null;
      for (const ch of span.text) {
        const at = offset;
        offset += ch.length;
        if (ch === '\n' || ch === '\r') continue;
        const font = this.fontFor(ch, chain, current);
        current = font;
        let cls = bidiClass(ch);
        const last = pieces.at(-1);
        // Marks join the letter before them, whatever their class.
        if (last && /\p{M}/u.test(ch) && last.end === at) cls = last.bidi;
        if (last && last.end === at && !breaks.has(at) && last.font === font && last.style === span.style && last.bidi === cls) {
          last.text += ch;
          last.end = offset;
        } else pieces.push({ text: ch, font, style: span.style, bidi: cls, start: at, end: offset });
      }
    }
    return { pieces: pieces.map(({ end: _end, ...p }) => p), breaks, required };
  }

  /** Lays a paragraph out in lines of at most `width` points. */
  layout(spans: readonly Span[], width: number, fallbackDir: 'ltr' | 'rtl'): LaidOut {
    const { pieces: raw, breaks, required } = this.pieces(spans);
    const firstStrong = raw.find((p) => p.bidi === 'L' || p.bidi === 'R');
    const dir = firstStrong ? (firstStrong.bidi === 'R' ? 'rtl' : 'ltr') : fallbackDir;
    const base = dir === 'rtl' ? 1 : 0;
    const levels = resolveLevels(
      raw.map((p) => p.bidi),
      base,
    );
    // Words: runs of pieces between break opportunities; a word keeps its trailing spaces.
    const words: { pieces: Piece[]; hard: boolean }[] = [];
    for (const [i, { start, ...p }] of raw.entries()) {
      const piece: Piece = { ...p, level: levels[i]!, width: this.measure(p.font, p.text, p.style.size) };
      const last = words.at(-1);
      if (!last || breaks.has(start)) words.push({ pieces: [piece], hard: required.has(start) });
      else last.pieces.push(piece);
    }

    const lines: Piece[][] = [];
    let line: Piece[] = [];
    let used = 0;
    const trailing = (ps: readonly Piece[]) => {
      let w = 0;
      for (let i = ps.length - 1; i >= 0 && ps[i]!.bidi === 'WS'; i--) w += ps[i]!.width;
      return w;
    };
    for (const word of words) {
      const full = word.pieces.reduce((s, p) => s + p.width, 0);
      const ink = full - trailing(word.pieces);
      if (line.length && (word.hard || used + ink > width)) {
        lines.push(line);
        line = [];
        used = 0;
      }
      if (!line.length && ink > width) {
        // Longer than a line (a link, a long number): cut it by characters.
        for (const chunk of this.cut(word.pieces, width)) lines.push(chunk);
        line = lines.pop()!;
        used = line.reduce((s, p) => s + p.width, 0);
        continue;
      }
      line.push(...word.pieces);
      used += full;
    }
    if (line.length) lines.push(line);
    return { dir, lines: lines.map((l) => this.visual(l, base)) };
  }

  /** Cuts a word too long for a line into lines, between characters. */
  private cut(pieces: readonly Piece[], width: number): Piece[][] {
    const out: Piece[][] = [[]];
    let used = 0;
    for (const p of pieces) {
      let rest = '';
      for (const ch of p.text) {
        const w = this.measure(p.font, rest + ch, p.style.size);
        if (used + w > width && (rest || out.at(-1)!.length)) {
          if (rest) out.at(-1)!.push({ ...p, text: rest, width: this.measure(p.font, rest, p.style.size) });
          out.push([]);
          used = 0;
          rest = ch;
        } else rest += ch;
      }
      if (rest) {
        const piece = { ...p, text: rest, width: this.measure(p.font, rest, p.style.size) };
        out.at(-1)!.push(piece);
        used += piece.width;
      }
    }
    return out.filter((l) => l.length);
  }

  /** One line in visual order (UAX #9, L1–L2): trailing spaces dropped, then runs reversed from the highest level down. */
  private visual(pieces: Piece[], base: number): Line {
    const kept = [...pieces];
    while (kept.length && kept.at(-1)!.bidi === 'WS') kept.pop();
    const max = Math.max(base, ...kept.map((p) => p.level));
    const lowestOdd = Math.max(1, base % 2 ? base : base + 1);
    for (let level = max; level >= lowestOdd; level--) {
      for (let i = 0; i < kept.length;) {
        if (kept[i]!.level < level) {
          i++;
          continue;
        }
        let j = i;
        while (j < kept.length && kept[j]!.level >= level) j++;
        const run = kept.slice(i, j).reverse();
        kept.splice(i, j - i, ...run);
        i = j;
      }
    }
    // Brackets and guillemets in a right-to-left run face the other way.
    const shown = kept.map((p) => (p.level % 2 && p.bidi === 'ON' ? { ...p, text: [...p.text].map((c) => MIRROR.get(c) ?? c).join('') } : p));
    return { pieces: shown, width: shown.reduce((s, p) => s + p.width, 0) };
  }
}

/**
 * Levels for a paragraph of pieces (UAX #9 W7, N1–N2, I1–I2, without explicit embeddings):
 * numbers after a left-to-right letter count as left to right; a neutral between two runs of
 * the same direction takes it, else the paragraph's.
 */
export function resolveLevels(classes: readonly BidiClass[], base: number): number[] {
  const sos = base % 2 ? 'R' : 'L';
  // W7: EN after L (or at the start of a left-to-right paragraph) is L.
  let lastStrong: 'L' | 'R' = sos;
  const types: ('L' | 'R' | 'EN' | 'N')[] = classes.map((c) => {
    if (c === 'L' || c === 'R') return (lastStrong = c);
    if (c === 'EN') return lastStrong === 'L' ? 'L' : 'EN';
    return 'N';
  });
  // N1–N2: neutrals between the same direction (numbers count as R) take it.
  const dirOf = (t: 'L' | 'R' | 'EN' | 'N') => (t === 'EN' ? 'R' : t);
  const resolved = types.map((t) => dirOf(t));
  for (let i = 0; i < resolved.length;) {
    if (resolved[i] !== 'N') {
      i++;
      continue;
    }
    let j = i;
    while (j < resolved.length && resolved[j] === 'N') j++;
    const before = i > 0 ? resolved[i - 1]! : sos;
    const after = j < resolved.length ? resolved[j]! : sos;
    const dir = before === after ? before : sos;
    for (let k = i; k < j; k++) resolved[k] = dir;
    i = j;
  }
  // I1–I2.
  return resolved.map((d, i) => {
    const isNumber = types[i] === 'EN';
    if (base % 2 === 0) return d === 'R' ? (isNumber ? base + 2 : base + 1) : base;
    return d === 'L' || isNumber ? base + 1 : base;
  });
}
