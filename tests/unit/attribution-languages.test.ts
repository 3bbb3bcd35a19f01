import { describe, expect, it } from 'vitest';
import { checkTexts, redact, type Roster } from '../../shared/harvest/attribution/index.ts';
import { languageOf } from '../../shared/harvest/attribution/rewrite.ts';

/**
 * A name found in a note is replaced by words in the note's own language, so a rapporteur can
 * accept the suggestion and leave a sentence its readers can read: "أحد المشاركين" in Arabic,
 * "一位参与者" in Chinese, never "a participant" in the middle of them. The verb keeps the
 * gender it had (اقترحت, предложила): the rapporteur rewords where agreement matters.
 */

const roster: Roster = {
  names: ['Nadia Al-Hashimi', 'نادية الهاشمي', '王芳', 'Ольга Смирнова', 'María José Fernández'],
  organisations: [],
  aliases: [],
};

function acceptAll(text: string): string {
  let out = text;
  for (let guard = 0; guard < 10; guard++) {
    const [first] = checkTexts([{ source: 'note:n1', text: out }], roster);
    if (!first) return out;
    out = redact(out, first);
  }
  throw new Error(`did not settle: ${out}`);
}

describe('suggestions in the language of the note', () => {
  it.each([
    ['اقترحت نادية الهاشمي أن تبقى الهوية الرقمية اختيارية.', 'اقترحت أحد المشاركين أن تبقى الهوية الرقمية اختيارية.'],
    ['王芳认为数字身份应当是可选的。', '一位参与者认为数字身份应当是可选的。'],
    ['Ольга Смирнова предложила сделать цифровую идентичность добровольной.', 'Один из участников предложила сделать цифровую идентичность добровольной.'],
    [
      'Según María José Fernández, la identidad digital debe ser opcional para todos.',
      'Según una persona participante, la identidad digital debe ser opcional para todos.',
    ],
  ])('%s', (note, redacted) => {
    expect(acceptAll(note)).toBe(redacted);
  });

  it('still writes English and French as before', () => {
    expect(acceptAll('Nadia Al-Hashimi said identity must stay optional.')).toBe('One participant said identity must stay optional.');
    expect(languageOf('Selon elle, l’identité numérique doit rester facultative.')).toBe('fr');
  });

  it('tells the languages apart by script, and Spanish from French by its short words', () => {
    expect(languageOf('ينبغي أن تبقى الهوية اختيارية')).toBe('ar');
    expect(languageOf('数字身份应当是可选的')).toBe('zh');
    expect(languageOf('Цифровая идентичность должна быть добровольной')).toBe('ru');
    expect(languageOf('La identidad digital debe ser opcional para los servicios públicos')).toBe('es');
    expect(languageOf('Le ministère doit publier les audits de la plateforme')).toBe('fr');
  });
});
