import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileMessage } from '@lingui/message-utils/compileMessage';
import { describe, expect, it } from 'vitest';

const LOCALES = join(import.meta.dirname, '..', '..', 'client', 'i18n', 'locales');
const read = (lang: string, ns: string) => JSON.parse(readFileSync(join(LOCALES, lang, `${ns}.json`), 'utf8')) as Record<string, string>;
const namespaces = readdirSync(join(LOCALES, 'en')).map((f) => f.replace(/\.json$/, ''));

/** The names of the placeholders a message uses, e.g. {table} or {count, plural, …}. */
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

describe.each(namespaces)('the %s catalog', (ns) => {
  const en = read('en', ns);
  const fr = read('fr', ns);

  it('has a French string for every English one, and nothing else', () => {
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
  });

  it('uses the same placeholders in both languages', () => {
    for (const key of Object.keys(en)) expect(placeholders(fr[key] ?? ''), key).toEqual(placeholders(en[key]!));
  });

  it('compiles every message', () => {
    for (const [key, message] of [...Object.entries(en), ...Object.entries(fr)]) expect(() => compileMessage(message), key).not.toThrow();
  });
});
