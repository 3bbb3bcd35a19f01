import { Language } from '../shared/domain/enums.ts';
import { checkAll } from './i18n/catalogs.ts';
import { describeProblem } from './i18n/check.ts';

/**
 * `npm run i18n:check`: fails when a language's catalog lacks a message English has, has one
 * English lacks, or has a message that does not compile, uses other placeholders, or lacks a
 * plural form the language needs. Covers the client's catalogs and the readout's.
 */
const problems = checkAll(Object.values(Language));
for (const p of problems) console.error(describeProblem(p));
if (problems.length) {
  console.error(`\n${problems.length} problem(s) in the catalogs.`);
  process.exit(1);
}
console.log(`Catalogs complete in ${Object.values(Language).join(', ')}.`);
