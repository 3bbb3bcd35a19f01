import type { Language } from '../../domain/enums.ts';
import en from './en.json';
import fr from './fr.json';
import es from './es.json';
import ar from './ar.json';
import zh from './zh.json';
import ru from './ru.json';

/**
 * The readout's fixed wording, one ICU MessageFormat catalog per session language (the same
 * format as the app's catalogs in client/i18n/locales). To add a language: add it to
 * `Language` (shared/domain/enums.ts), put `<lang>.json` beside these with every key of
 * `en.json`, and add its line here; tests/unit/readout-i18n.test.ts checks keys and
 * placeholders. Arabic is `{ dir: 'rtl', intl: 'ar', messages: ar }`.
 */

export type MessageId = keyof typeof en;
export type Catalog = Record<MessageId, string>;

export interface LanguagePack {
  /** Writing direction of the language: the HTML's `dir`, the PDF's alignment. */
  dir: 'ltr' | 'rtl';
  /** The locale Intl formats dates, numbers and lists with. */
  intl: string;
  messages: Catalog;
}

export const LANGUAGE_PACKS: Record<Language, LanguagePack> = {
  // British forms: "23 November 2026", no serial comma, as international secretariats write.
  en: { dir: 'ltr', intl: 'en-GB', messages: en },
  fr: { dir: 'ltr', intl: 'fr-FR', messages: fr },
  es: { dir: 'ltr', intl: 'es-ES', messages: es },
  // Western digits, as UN Arabic documents write numbers, and as note numbers (N12) already are.
  ar: { dir: 'rtl', intl: 'ar-u-nu-latn', messages: ar },
  zh: { dir: 'ltr', intl: 'zh-CN', messages: zh },
  ru: { dir: 'ltr', intl: 'ru-RU', messages: ru },
};
