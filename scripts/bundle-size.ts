/**
 * Gzipped JavaScript each route loads, read from the Vite manifest: the entry, the route's lazy
 * chunk, and everything those import statically. `--check` fails when the participant route is
 * over budget. Run after `npm run build`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

interface Chunk {
  file: string;
  imports?: string[];
  css?: string[];
}

const DIST = join(import.meta.dirname, '..', 'dist', 'client');
const BUDGET_KB = 100;
const manifest = JSON.parse(readFileSync(join(DIST, '.vite', 'manifest.json'), 'utf8')) as Record<string, Chunk>;

/** What each route loads on top of index.html (in English; another language adds its catalog). */
const ROUTES: Record<string, string[]> = {
  'participant (/join, /p/:sid)': ['pages/participant/index.ts'],
  'facilitator (/new, /facilitate/:sid)': ['pages/facilitator/index.ts'],
  'display (/display/:code)': ['pages/display/index.ts'],
  'home (/)': ['pages/home/Home.tsx'],
};

function closure(keys: string[]): Set<string> {
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    const chunk = manifest[key];
    if (!chunk) throw new Error(`${key} is not in the manifest; was the client rebuilt?`);
    seen.add(key);
    for (const dep of chunk.imports ?? []) visit(dep);
  };
  keys.forEach(visit);
  return seen;
}

const gz = (file: string) => gzipSync(readFileSync(join(DIST, file)), { level: 9 }).length;
// Decimal kilobytes (1 kB = 1000 bytes): the stricter reading of a "100 kB" budget.
const kb = (bytes: number) => (bytes / 1000).toFixed(1);

let participantKb = 0;
console.log(`${'route'.padEnd(40)} ${'JS gz kB'.padStart(9)} ${'CSS gz kB'.padStart(10)}  files`);
for (const [route, keys] of Object.entries(ROUTES)) {
  const chunks = [...closure(['index.html', ...keys])].map((k) => manifest[k]!);
  const js = chunks.reduce((sum, c) => sum + gz(c.file), 0);
  const css = [...new Set(chunks.flatMap((c) => c.css ?? []))].reduce((sum, f) => sum + gz(f), 0);
  if (route.startsWith('participant')) participantKb = js / 1000;
  console.log(`${route.padEnd(40)} ${kb(js).padStart(9)} ${kb(css).padStart(10)}  ${chunks.length}`);
}

// A phone in another language also loads that language's common and participant catalogs (one
// language at a time); the budget holds for the heaviest.
const languages = [...new Set(Object.keys(manifest).flatMap((k) => /^i18n\/locales\/(\w+)\//.exec(k)?.[1] ?? []))].sort();
const englishParticipantKb = participantKb;
for (const lang of languages) {
  const extra = ['common', 'participant'].map((ns) => manifest[`i18n/locales/${lang}/${ns}.json`]);
  if (extra.some((c) => !c)) continue;
  const total = englishParticipantKb + extra.reduce((sum, c) => sum + gz(c!.file), 0) / 1000;
  console.log(`${`participant in ${lang}`.padEnd(40)} ${total.toFixed(1).padStart(9)}`);
  participantKb = Math.max(participantKb, total);
}

if (process.argv.includes('--check') && participantKb > BUDGET_KB) {
  console.error(`The participant route loads ${participantKb.toFixed(1)} kB of gzipped JavaScript; the budget is ${BUDGET_KB} kB.`);
  process.exit(1);
}
