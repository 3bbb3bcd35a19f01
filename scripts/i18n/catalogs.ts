import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkCatalog, checkEnglish, type Catalog, type Problem } from './check.ts';

/** Where the app's catalogs live: the client's, by language and role, and the readout's, by language. */
export const ROOT = join(import.meta.dirname, '..', '..');
export const CLIENT_LOCALES = join(ROOT, 'client', 'i18n', 'locales');
export const READOUT_LOCALES = join(ROOT, 'shared', 'harvest', 'i18n');

const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Catalog;

/** Every catalog set, as (namespace → English, and locale → catalog). */
export function loadCatalogs(): { namespace: string; english: Catalog; others: Map<string, Catalog> }[] {
  const sets: { namespace: string; english: Catalog; others: Map<string, Catalog> }[] = [];
  const locales = readdirSync(CLIENT_LOCALES).filter((l) => l !== 'en');
  for (const file of readdirSync(join(CLIENT_LOCALES, 'en'))) {
    const namespace = file.replace(/\.json$/, '');
    const others = new Map<string, Catalog>();
    for (const l of locales) {
      try {
        others.set(l, readJson(join(CLIENT_LOCALES, l, file)));
      } catch {
        others.set(l, {});
      }
    }
    sets.push({ namespace, english: readJson(join(CLIENT_LOCALES, 'en', file)), others });
  }
  const readout = new Map<string, Catalog>();
  for (const file of readdirSync(READOUT_LOCALES).filter((f) => f.endsWith('.json') && f !== 'en.json'))
    readout.set(file.replace(/\.json$/, ''), readJson(join(READOUT_LOCALES, file)));
  sets.push({ namespace: 'readout', english: readJson(join(READOUT_LOCALES, 'en.json')), others: readout });
  return sets;
}

export function checkAll(locales: readonly string[]): Problem[] {
  const problems: Problem[] = [];
  for (const { namespace, english, others } of loadCatalogs()) {
    problems.push(...checkEnglish(namespace, english));
    for (const locale of locales) if (locale !== 'en') problems.push(...checkCatalog(locale, namespace, english, others.get(locale) ?? {}));
  }
  return problems;
}
