// The strict compiler: `compileMessage` logs a parse error and returns the raw text, so nothing would fail.
import { compileMessageOrThrow } from '@lingui/message-utils/compileMessage';

/**
 * Whether every language's catalog says everything the English one says, in ICU MessageFormat
 * that Lingui compiles, with the same placeholders, and with every plural form the language
 * needs (Arabic has six, Russian four, Chinese one). Pure: catalogs in, problems out.
 */

export type Catalog = Readonly<Record<string, string>>;

export interface Problem {
  locale: string;
  namespace: string;
  key: string;
  problem: 'missing' | 'extra' | 'unparsable' | 'placeholders' | 'plural-forms' | 'empty';
  detail?: string;
}

type Token = string | [string, string?, Record<string, Token[] | string>?];

function compile(message: string): Token[] {
  const tokens = compileMessageOrThrow(message) as unknown;
  return Array.isArray(tokens) ? (tokens as Token[]) : [tokens as string];
}

/** The names of the placeholders a message uses, e.g. {table} or {count, plural, …}, sorted. */
export function placeholders(message: string): string[] {
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
  walk(compile(message));
  return [...names].sort();
}

/**
 * The plural categories whole counts up to 1000 fall in, and "other", which ICU always wants:
 * French's "many" (for millions) is left to "other", Arabic's 3–10 "few" and 11–99 "many" are not.
 */
function neededForms(locale: string): Set<string> {
  const rules = new Intl.PluralRules(locale);
  const needed = new Set<string>(['other']);
  for (let n = 0; n <= 1000; n++) needed.add(rules.select(n));
  return needed;
}

/** Each plural's missing categories for the locale ("few", "many"…); exact cases (=0) do not count. */
export function missingPluralForms(message: string, locale: string): string[] {
  const needed = neededForms(locale);
  const missing = new Set<string>();
  const walk = (tokens: unknown) => {
    if (!Array.isArray(tokens)) return;
    for (const t of tokens) {
      if (!Array.isArray(t) || typeof t[0] !== 'string' || !t[2] || typeof t[2] !== 'object') continue;
      const branches = t[2] as Record<string, unknown>;
      if (t[1] === 'plural') for (const c of needed) if (!Object.hasOwn(branches, c)) missing.add(`${t[0]}:${c}`);
      for (const branch of Object.values(branches)) walk(branch);
    }
  };
  walk(compile(message));
  return [...missing];
}

export function checkCatalog(locale: string, namespace: string, english: Catalog, other: Catalog): Problem[] {
  const problems: Problem[] = [];
  const at = (key: string, problem: Problem['problem'], detail?: string) => problems.push({ locale, namespace, key, problem, ...(detail ? { detail } : {}) });
  for (const key of Object.keys(english)) if (!Object.hasOwn(other, key)) at(key, 'missing');
  for (const [key, message] of Object.entries(other)) {
    if (!Object.hasOwn(english, key)) {
      at(key, 'extra');
      continue;
    }
    // Blank only where English is not: a separator may be a space in English and nothing in Chinese.
    if (typeof message !== 'string' || (message.trim() === '' && english[key]!.trim() !== '')) {
      at(key, 'empty');
      continue;
    }
    let names: string[];
    try {
      names = placeholders(message);
    } catch (e) {
      at(key, 'unparsable', (e as Error).message);
      continue;
    }
    const want = placeholders(english[key]!);
    if (names.join() !== want.join()) at(key, 'placeholders', `has {${names.join('}, {')}}, English has {${want.join('}, {')}}`);
    const forms = missingPluralForms(message, locale);
    if (forms.length) at(key, 'plural-forms', `lacks ${forms.join(', ')}`);
  }
  return problems;
}

/** English itself must compile too: every other catalog is measured against it. */
export function checkEnglish(namespace: string, english: Catalog): Problem[] {
  const problems: Problem[] = [];
  for (const [key, message] of Object.entries(english)) {
    try {
      compile(message);
      const forms = missingPluralForms(message, 'en');
      if (forms.length) problems.push({ locale: 'en', namespace, key, problem: 'plural-forms', detail: `lacks ${forms.join(', ')}` });
    } catch (e) {
      problems.push({ locale: 'en', namespace, key, problem: 'unparsable', detail: (e as Error).message });
    }
  }
  return problems;
}

export function describeProblem(p: Problem): string {
  return `${p.locale}/${p.namespace}: ${p.key} ${p.problem}${p.detail ? ` (${p.detail})` : ''}`;
}
