import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { CLIENT_LOCALES, ROOT } from './i18n/catalogs.ts';

/**
 * `npm run i18n:extract`: the message ids the client's code uses, read from its source (literal
 * `t('…')` calls, ids written as strings in tables, and `t(\`prefix.${…}\`)` families), set
 * against the English catalogs: ids used but missing from English fail; English ids nothing
 * uses are listed, so a translator is not asked for dead strings. The code calls its own `t(id)`
 * rather than Lingui's macros, which `lingui extract` would need, hence this reader.
 */

const CLIENT = join(ROOT, 'client');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'locales' ? [] : sources(path);
    return /\.(ts|tsx)$/.test(e.name) ? [path] : [];
  });
}

const english = new Map<string, string>();
for (const file of readdirSync(join(CLIENT_LOCALES, 'en'))) {
  for (const key of Object.keys(JSON.parse(readFileSync(join(CLIENT_LOCALES, 'en', file), 'utf8')) as object)) english.set(key, file.replace(/\.json$/, ''));
}

const used = new Set<string>();
const prefixes = new Set<string>();
const unknown: string[] = [];
for (const file of sources(CLIENT)) {
  const code = readFileSync(file, 'utf8');
  for (const m of code.matchAll(/\bt\(\s*'([\w.-]+)'/g)) {
    used.add(m[1]!);
    if (!english.has(m[1]!)) unknown.push(`${relative(ROOT, file)}: ${m[1]}`);
  }
  // Ids kept in tables (`{ idea: 'kind.idea' }`) and passed to t() later.
  // A literal that only starts ids ('p.removed', later `${key}.title`) names a family too.
  for (const m of code.matchAll(/'([a-z][\w-]*(?:\.[\w-]+)+)'/gi)) {
    if (english.has(m[1]!)) used.add(m[1]!);
    else prefixes.add(`${m[1]}.`);
  }
  for (const m of code.matchAll(/\bt\(\s*`([\w.-]*)\$\{/g)) prefixes.add(m[1]!);
}

const unused = [...english.keys()].filter((k) => !used.has(k) && ![...prefixes].some((p) => p && k.startsWith(p)));
console.log(`${used.size} ids used in client code, ${english.size} in the English catalogs, ${prefixes.size} id families built at run time.`);
if (unused.length) console.log(`Not found in the code (dynamic ids, or dead strings):\n  ${unused.join('\n  ')}`);
if (unknown.length) {
  console.error(`Used in the code but missing from English:\n  ${unknown.join('\n  ')}`);
  process.exit(1);
}
