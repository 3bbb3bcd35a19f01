import { compileMessage } from '@lingui/message-utils/compileMessage';
import { describe, expect, it } from 'vitest';
import { Language } from '../../shared/domain/enums.ts';
import { LANGUAGE_PACKS, type MessageId } from '../../shared/harvest/i18n/catalogs.ts';
import { describeFate, readoutWords } from '../../shared/harvest/i18n/index.ts';

/**
 * The readout's catalogs (shared/harvest/i18n): whoever adds a language adds a catalog, and
 * these say whether it is complete. Every language of a session has one.
 */

/** The names of the placeholders a message uses, e.g. {theme} or {count, plural, …}. */
function placeholders(message: string): string[] {
  const names = new Set<string>();
  const walk = (tokens: unknown) => {
    if (!Array.isArray(tokens)) return;
    for (const t of tokens) {
      if (Array.isArray(t) && typeof t[0] === 'string') {
        names.add(t[0]);
        if (t[2] && typeof t[2] === 'object') for (const branch of Object.values(t[2] as object)) walk(branch);
      }
    }
  };
  walk(compileMessage(message));
  return [...names].sort();
}

const english = LANGUAGE_PACKS.en.messages;

/** "A, B and C" as each language writes it: Arabic joins و to the next word, Chinese lists with 、. */
const LISTS: Record<Language, RegExp> = {
  en: /^A, B and C$/,
  fr: /^A, B et C$/,
  es: /^A, B y C$/,
  ar: /^A وB وC$/,
  zh: /^A、B和C$/,
  ru: /^A, B и C$/,
};

describe.each(Object.values(Language))('the readout catalog in %s', (language) => {
  const pack = LANGUAGE_PACKS[language];

  it('has every message of the English one, and nothing else', () => {
    expect(Object.keys(pack.messages).sort()).toEqual(Object.keys(english).sort());
  });

  it('uses the same placeholders as English, and compiles', () => {
    for (const [id, message] of Object.entries(pack.messages)) {
      expect(() => compileMessage(message), id).not.toThrow();
      expect(placeholders(message), id).toEqual(placeholders(english[id as MessageId]));
    }
  });

  it('writes counts, lists and days the way the language does', () => {
    const words = readoutWords(language);
    expect(words.dir).toBe(pack.dir);
    const one = words.t('theme.figures', { notes: 1, tables: 1, votes: 0 });
    const many = words.t('theme.figures', { notes: 12, tables: 3, votes: 7 });
    expect(one).not.toBe(many);
    // Every figure shows, in the order the language puts them (Chinese names the tables first).
    for (const n of ['12', '3', '7']) expect(many).toContain(n);
    expect(words.list(['A', 'B', 'C'])).toMatch(LISTS[language]);
    expect(words.day('2026-11-23')).toMatch(/23/);
    expect(words.day('2026-11-23')).toMatch(/2026/);
  });
});

describe('the readout in Arabic, Chinese and Russian', () => {
  it('runs right to left in Arabic, with the digits the notes are numbered in', () => {
    const ar = readoutWords(Language.ar);
    expect(ar.dir).toBe('rtl');
    expect(ar.t('theme.figures', { notes: 12, tables: 3, votes: 0 })).toBe('12 ملاحظة من 3 طاولات · لا أصوات');
    expect(ar.t('question.figuresNoTables', { notes: 2 })).toBe('ملاحظتان');
    expect(ar.day('2026-11-23')).toBe('23 نوفمبر 2026');
  });

  it('counts notes with the form each number takes in Russian', () => {
    const ru = readoutWords(Language.ru);
    expect([1, 3, 5, 21].map((notes) => ru.t('question.figuresNoTables', { notes }))).toEqual(['1 заметка', '3 заметки', '5 заметок', '21 заметка']);
  });

  it('says "page 2 of 5" and the fate of a note in Chinese', () => {
    const zh = readoutWords(Language.zh);
    expect(zh.t('page', { page: 2, pages: 5 })).toBe('第 2 页，共 5 页');
    expect(describeFate({ kind: 'theme', theme: '数字身份' }, zh)).toBe('归入主题“数字身份”');
  });
});

describe('the readout in English and in French', () => {
  it('differs in every fixed sentence a reader sees', () => {
    const en = readoutWords(Language.en);
    const fr = readoutWords(Language.fr);
    const values = {
      n: 1,
      count: 2,
      notes: 2,
      tables: 2,
      votes: 2,
      people: 2,
      rounds: 2,
      questions: 2,
      k: 3,
      minutes: 20,
      remote: 5,
      perParticipant: 3,
      cast: 9,
      themed: 1,
      from: 1,
      to: 2,
    };
    const more = { date: 'd', version: 1, groups: 'g', reasons: 'r', theme: 't', text: 't', refs: 'N1', page: 1, pages: 2 };
    // Words French writes as English does ("Question 1", "2 notes · 2 votes", "PDF (A4)").
    const same = new Set([
      'question',
      'rule.labelEnd',
      'sep.sentences',
      'download.pdf-a4',
      'download.pdf-letter',
      'download.docx',
      'download.md',
      'download.html',
      'group',
      'sep.items',
      'appendix.refs',
      'takeaway.from',
      'question.figuresNoTables',
      'theme.figuresNoTables',
      'page',
    ]);
    for (const id of Object.keys(english) as MessageId[]) {
      if (!same.has(id)) expect(fr.t(id, { ...values, ...more }), id).not.toBe(en.t(id, { ...values, ...more }));
    }
  });

  it('tells a participant the fate of a note in either language, from English by default', () => {
    expect(describeFate({ kind: 'set-aside', reason: 'off-topic' })).toBe('Set aside as off-topic');
    expect(describeFate({ kind: 'merged', theme: 'Audits', from: 'Audits again' }, readoutWords(Language.fr))).toBe(
      'Fusionnée dans le thème «\u00a0Audits\u00a0» (depuis «\u00a0Audits again\u00a0»)',
    );
    expect(readoutWords(Language.fr).t('page', { page: 2, pages: 5 })).toBe('Page 2 sur 5');
  });
});
