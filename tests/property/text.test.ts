import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lengthOf, normaliseAnyText, normaliseText, PLAIN } from '../../shared/protocol/text.ts';

/**
 * Latin text takes a short path through normalisation (trimming only) and length (UTF-16 units).
 * Whatever comes in, the short path must give what every step gives, and a length what counting
 * code points gives. Drawn from characters either side of every edge the short path draws:
 * controls, the soft hyphen, the combining marks that start at U+0300, bidirectional controls,
 * zero-width characters, Arabic, emoji. Seeded, so a failure is reproducible.
 */

const SEED = Number(process.env.TEXT_SEED ?? 20261202);

const edges = [
  '\t',
  '\n',
  '\r',
  '\u0000',
  '\u001F',
  ' ',
  'a',
  'Z',
  '~',
  '\u007F',
  '\u0080',
  '\u009F',
  '\u00A0',
  '\u00AC',
  '\u00AD',
  '\u00AE',
  'é',
  'ß',
  'Ł',
  '\u02FF',
  '\u0300',
  '\u0301',
  '\u034F',
  '\u0627',
  '\u0653',
  '\u064E',
  '\u061C',
  '\u200B',
  '\u200D',
  '\u200E',
  '\u202E',
  '\u2066',
  '\uFEFF',
  '\u1100',
  '\u1161',
  '\u212B',
  '😀',
  '\uFE0F',
  '\uD800',
  '\uDC00',
];
const character = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...edges) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
);
const someText = fc.array(character, { maxLength: 40 }).map((cs) => cs.join(''));
const latinText = fc.array(fc.constantFrom(...edges.filter((c) => PLAIN.test(c))), { maxLength: 40 }).map((cs) => cs.join(''));

describe('the short path for Latin text', () => {
  it('normalises any text exactly as every step would', () => {
    fc.assert(
      fc.property(fc.oneof(someText, latinText), (text) => {
        expect(normaliseText(text)).toBe(normaliseAnyText(text));
      }),
      { seed: SEED, numRuns: 3000 },
    );
  });

  it('counts any text in code points, as people count characters', () => {
    fc.assert(
      fc.property(fc.oneof(someText, latinText), (text) => {
        expect(lengthOf(text)).toBe([...text].length);
      }),
      { seed: SEED, numRuns: 3000 },
    );
  });

  it('takes the short path only where every step leaves the text as it is: each character and each pair', () => {
    const plain: string[] = [];
    for (let code = 0; code < 0x300; code++) if (PLAIN.test(String.fromCharCode(code))) plain.push(String.fromCharCode(code));
    // Tab, line feed, printable ASCII and Latin-1 but the soft hyphen, Latin Extended, IPA, modifiers.
    expect(plain.length).toBe(2 + 95 + 13 + 594);
    let differ = 0;
    for (const a of plain) {
      if (normaliseText(a) !== normaliseAnyText(a)) differ++;
      for (const b of plain) if (normaliseText(a + b) !== normaliseAnyText(a + b)) differ++;
    }
    expect(differ).toBe(0);
  });

  it('still takes a combining accent into its letter, and the soft hyphen out', () => {
    expect(normaliseText('  Jose\u0301 ')).toBe('José');
    expect(normaliseText('co\u00ADoperation')).toBe('cooperation');
    expect(normaliseText('Déjà vu, Łódź')).toBe('Déjà vu, Łódź');
  });
});
