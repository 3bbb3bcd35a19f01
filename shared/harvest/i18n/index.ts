import { setupI18n, type I18n } from '@lingui/core';
import { compileMessage } from '@lingui/message-utils/compileMessage';
import { Language, type SetAsideReason } from '../../domain/enums.ts';
import type { Fate } from '../types.ts';
import { LANGUAGE_PACKS, type MessageId } from './catalogs.ts';

export type { MessageId } from './catalogs.ts';

/** What a renderer needs to write the readout's fixed wording in one language. */
export interface ReadoutWords {
  language: Language;
  dir: 'ltr' | 'rtl';
  // Functions, not methods: renderers take them out of the object (`const { t } = words`).
  t: (id: MessageId, values?: Record<string, string | number>) => string;
  /** "A, B and C" in the language. */
  list: (items: readonly string[]) => string;
  /** An ISO day (`YYYY-MM-DD`) written out: "23 November 2026". */
  day: (iso: string) => string;
}

// Compiled once per language: catalogs are constants of the program, not session data.
const compiled = new Map<Language, I18n>();

function i18nFor(language: Language): I18n {
  let i18n = compiled.get(language);
  if (!i18n) {
    const pack = LANGUAGE_PACKS[language];
    const messages = Object.fromEntries(
      Object.entries(pack.messages).map(([id, message]) => {
        const tokens = compileMessage(message);
        // A bare string would look uncompiled to Lingui; a one-token array does not.
        return [id, typeof tokens === 'string' ? [tokens] : tokens];
      }),
    );
    i18n = setupI18n({ locale: language, locales: [pack.intl], messages: { [language]: messages } });
    compiled.set(language, i18n);
  }
  return i18n;
}

export function isLanguage(x: unknown): x is Language {
  return typeof x === 'string' && Object.values(Language).includes(x as Language);
}

export function readoutWords(language: Language): ReadoutWords {
  const pack = LANGUAGE_PACKS[language];
  const i18n = i18nFor(language);
  const lists = new Intl.ListFormat(pack.intl, { style: 'long', type: 'conjunction' });
  const days = new Intl.DateTimeFormat(pack.intl, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  return {
    language,
    dir: pack.dir,
    t: (id, values) => i18n._(id, values),
    list: (items) => lists.format(items),
    day: (iso) => {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
      return m ? days.format(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : iso;
    },
  };
}

const SET_ASIDE: Record<SetAsideReason, MessageId> = { 'off-topic': 'fate.off-topic', duplicate: 'fate.duplicate', abusive: 'fate.abusive' };

/** The one sentence for a note's fate, as the appendix and a participant's phone give it. */
export function describeFate(fate: Fate, words: ReadoutWords = readoutWords(Language.en)): string {
  switch (fate.kind) {
    case 'theme':
      return words.t('fate.theme', { theme: fate.theme });
    case 'merged':
      return words.t('fate.merged', { theme: fate.theme, from: fate.from });
    case 'set-aside':
      return words.t(SET_ASIDE[fate.reason]);
    case 'withheld':
      return words.t('fate.withheld');
    case 'unused':
      return words.t('fate.unused');
  }
}
