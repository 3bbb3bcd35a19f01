import { i18n, type Messages } from '@lingui/core';
import { useCallback, useSyncExternalStore } from 'react';
import type audio from './locales/en/audio.json';
import common from './locales/en/common.json';
import type display from './locales/en/display.json';
import type facilitator from './locales/en/facilitator.json';
import type harvest from './locales/en/harvest.json';
import type later from './locales/en/later.json';
import type participant from './locales/en/participant.json';

/**
 * The one i18n layer: Lingui's runtime with catalogs split by role, so the phone downloads only
 * the participant's strings. English is the source; a missing translation falls back to it.
 */

export const LOCALES = ['en', 'fr'] as const;
export type Locale = (typeof LOCALES)[number];
export type Namespace = 'common' | 'participant' | 'facilitator' | 'display' | 'harvest' | 'later' | 'audio';
export type MessageId =
  | keyof typeof common
  | keyof typeof participant
  | keyof typeof facilitator
  | keyof typeof display
  | keyof typeof harvest
  | keyof typeof later
  | keyof typeof audio;
export type Values = Record<string, string | number>;

const STORAGE_KEY = 'tablehop:locale';
// English is the source and the fallback, so it ships inside the code that uses it; other languages load on demand.
// Table audio's catalogs all travel with its code (client/audio/strings.ts), which few pages load.
const translations = import.meta.glob<Messages>(['./locales/*/*.json', '!./locales/en/*.json', '!./locales/*/audio.json'], { import: 'default' });
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

function activate(locale: Locale) {
  i18n.activate(locale, locale === 'en' ? ['en'] : [locale, 'en']);
  document.documentElement.lang = locale;
}

export function t(id: MessageId, values?: Values): string {
  const fallback = i18n.messages[id] === undefined ? english[id] : undefined;
  return i18n._(id, values, fallback === undefined ? undefined : { message: fallback as unknown as string });
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
