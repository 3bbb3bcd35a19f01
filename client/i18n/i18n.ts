import { i18n, type Messages } from '@lingui/core';
import { useCallback, useSyncExternalStore } from 'react';
import { Language } from '../../shared/domain/enums.ts';
import type audio from './locales/en/audio.json';
import common from './locales/en/common.json';
import type display from './locales/en/display.json';
import type facilitator from './locales/en/facilitator.json';
import type harvest from './locales/en/harvest.json';
import type board from './locales/en/board.json';
import type later from './locales/en/later.json';
import type participant from './locales/en/participant.json';

/**
 * The one i18n layer: Lingui's runtime with catalogs split by role, so the phone downloads only
 * the participant's strings. English is the source; a missing translation falls back to it.
 */

/** The interface speaks the session languages (the six UN languages), so each has its catalog. */
export const LOCALES: readonly Language[] = Object.values(Language);
export type Locale = Language;
/** Each language in its own name and script, so a person finds theirs whatever is showing now. */
export const LANGUAGE_NAMES: Record<Locale, string> = { en: 'English', fr: 'Français', es: 'Español', ar: 'العربية', zh: '中文（简体）', ru: 'Русский' };
export type Namespace = 'common' | 'participant' | 'facilitator' | 'display' | 'harvest' | 'board' | 'later' | 'audio';
export type MessageId =
  | keyof typeof common
  | keyof typeof participant
  | keyof typeof facilitator
  | keyof typeof display
  | keyof typeof harvest
  | keyof typeof board
  | keyof typeof later
  | keyof typeof audio;
export type Values = Record<string, string | number>;

const STORAGE_KEY = 'tablehop:locale';
// English is the source and the fallback, so it ships inside the code that uses it; other languages load on demand.
// Each language and role is its own chunk, so a phone downloads one language's participant strings.
const translations = import.meta.glob<Messages>(['./locales/*/*.json', '!./locales/en/*.json'], { import: 'default' });
const loaded = new Set<string>();
const english: Messages = {};

/** Called by each role's chunk with its English strings, as it loads. */
export function registerEnglish(messages: Record<string, unknown>): void {
  const compiled = messages as unknown as Messages;
  Object.assign(english, compiled);
  i18n.load('en', { ...compiled });
}

registerEnglish(common);
const wanted = new Set<Namespace>();

export function detectLocale(): Locale {
  const saved = safeGet(STORAGE_KEY);
  if (isLocale(saved)) return saved;
  for (const lang of navigator.languages ?? [navigator.language]) {
    const base = lang.slice(0, 2).toLowerCase();
    if (isLocale(base)) return base;
  }
  return 'en';
}

function isLocale(x: unknown): x is Locale {
  return typeof x === 'string' && (LOCALES as readonly string[]).includes(x);
}

async function loadOne(locale: Locale, ns: Namespace): Promise<void> {
  const key = `${locale}/${ns}`;
  if (locale === 'en' || loaded.has(key)) return;
  const load = translations[`./locales/${key}.json`];
  if (!load) return;
  // A copy: Lingui merges later catalogs into the first object it was given.
  i18n.load(locale, { ...(await load()) });
  loaded.add(key);
}

async function loadWithFallback(locale: Locale, namespaces: Namespace[]): Promise<void> {
  await Promise.all(namespaces.map((ns) => loadOne(locale, ns)));
}

/** Loads a role's strings for the active language (and English, the fallback). */
export async function loadNamespace(ns: Namespace): Promise<void> {
  wanted.add(ns);
  const locale = currentLocale();
  await loadWithFallback(locale, [ns]);
}

export function currentLocale(): Locale {
  return isLocale(i18n.locale) ? i18n.locale : detectLocale();
}

/** Starts the i18n layer in the browser's (or the remembered) language. */
export async function initI18n(): Promise<void> {
  const locale = detectLocale();
  wanted.add('common');
  await loadWithFallback(locale, ['common']);
  activate(locale);
}

export async function setLocale(locale: Locale): Promise<void> {
  await loadWithFallback(locale, [...wanted]);
  safeSet(STORAGE_KEY, locale);
  activate(locale);
}

/** Languages written right to left: the document's `dir` follows the interface language. */
const RTL: ReadonlySet<Locale> = new Set<Locale>(['ar']);

export function directionOf(locale: Locale): 'ltr' | 'rtl' {
  return RTL.has(locale) ? 'rtl' : 'ltr';
}

/**
 * The locale numbers, dates and plurals are formatted in. Arabic keeps Western digits, as the
 * clock, the join code, note numbers and UN Arabic documents do; Chinese is Simplified.
 */
export function intlLocale(locale: Locale): string {
  return locale === 'ar' ? 'ar-u-nu-latn' : locale === 'zh' ? 'zh-CN' : locale;
}

function activate(locale: Locale) {
  i18n.activate(locale, locale === 'en' ? ['en'] : [intlLocale(locale), 'en']);
  document.documentElement.lang = locale;
  document.documentElement.dir = directionOf(locale);
}

const RTL_LETTERS = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/gu;

/**
 * A name, table or theme set into a sentence in the other direction (a Latin name in Arabic, an
 * Arabic one in English) is wrapped in Unicode isolates (FSI…PDI, the plain-text <bdi>), so its
 * letters and the digits and punctuation beside it keep their order. Others stay as they are.
 */
function isolated(values: Values | undefined, rtl: boolean): Values | undefined {
  if (!values) return values;
  let out: Values | undefined;
  for (const [key, value] of Object.entries(values)) {
    if (typeof value !== 'string') continue;
    const other = rtl ? /\p{L}/u.test(value.replace(RTL_LETTERS, '')) : value.search(RTL_LETTERS) >= 0;
    if (other) (out ??= { ...values })[key] = `\u2068${value}\u2069`;
  }
  return out ?? values;
}

export function t(id: MessageId, values?: Values): string {
  const fallback = i18n.messages[id] === undefined ? english[id] : undefined;
  const safe = isolated(values, isLocale(i18n.locale) && directionOf(i18n.locale) === 'rtl');
  return i18n._(id, safe, fallback === undefined ? undefined : { message: fallback as unknown as string });
}

function subscribe(onChange: () => void) {
  return i18n.on('change', onChange);
}

/** Re-renders the caller when the language changes. */
export function useT(): typeof t {
  const locale = useSyncExternalStore(subscribe, () => i18n.locale);
  // A new function per language, so memoised children that take `t` re-render too.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  return useCallback((id: MessageId, values?: Values) => t(id, values), [locale]);
}

export function useLocale(): Locale {
  return useSyncExternalStore(subscribe, currentLocale);
}

function safeGet(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function safeSet(key: string, value: string) {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
}
