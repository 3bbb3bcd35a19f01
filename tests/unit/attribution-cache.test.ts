import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkTexts, createAttributionCache, redactAll, type Roster } from '../../shared/harvest/attribution/index.ts';

/**
 * The session's attribution cache takes newcomers in without a whole check: a join indexes the
 * new name alone and scans again only the texts it could match. Whatever order people join in
 * and texts are checked, the findings must be exactly those of a check without any cache. A
 * failing seed becomes a named test.
 */

const NAMES = [
  'Amaka Okafor',
  'Jürgen Weiß',
  'Σοφία Παπαδοπούλου',
  'Олег Петров',
  '小林 花子',
  'Will Turner',
  'Nguyễn Thị Lan',
  'محمد الأمين',
  'Zoë Lefèvre',
  'Cloud Nine',
  'Hope Mensah',
  'Priya Raghunathan',
];
const ORGANISATIONS = ['Internet Society (ISOC)', 'Acme Cloud', 'Safaricom PLC', 'Banque Populaire du Rwanda', 'Electronic Frontier Foundation'];
const ALIASES = ['Hanako Kobayashi', 'Sofia Papadopoulou', 'Mohamed Al-Amin'];
const TEXTS = [
  'Amaka Okafor argued for open APIs.',
  'Cloud costs doubled this year.',
  'As Sofia said, consent must be free.',
  'Will we fund maintenance? Hope is not a strategy.',
  'Olega Petrova? No: Oleg Petrov wrote the report.',
  'Selon la CNIL, le consentement doit être libre.',
  'See amakaokafor.net for the slides.',
  '小林さんの意見に賛成です。',
  'قال محمد الأمين إن البيانات مهمة.',
  'The EFF and Safaricom disagreed on encryption.',
  'Internet shutdowns hurt small businesses.',
  'Priya from the ministry asked for budgets.',
  'Nobody mentioned anyone here.',
  'Hanako Kobayashi chaired the table.',
];

const SEED = 1366;

describe('the attribution cache as people join', () => {
  it(`finds exactly what a check without a cache finds, whatever the order of joins and checks (seed ${SEED})`, () => {
    fc.assert(
      fc.property(
        fc.shuffledSubarray(NAMES, { minLength: 1 }),
        fc.shuffledSubarray(ORGANISATIONS),
        fc.shuffledSubarray(ALIASES),
        fc.array(fc.shuffledSubarray(TEXTS, { minLength: 1 }), { minLength: 1, maxLength: 6 }),
        (names, organisations, aliases, checks) => {
          const cache = createAttributionCache({ maxTexts: 8 });
          // People join one at a time; after each join, a check of some texts.
          for (let n = 1; n <= names.length; n++) {
            const roster: Roster = {
              names: names.slice(0, n),
              organisations: organisations.slice(0, Math.ceil((n * organisations.length) / names.length)),
              aliases: aliases.slice(0, Math.ceil((n * aliases.length) / names.length)),
            };
            const texts = checks[n % checks.length]!.map((text, i) => ({ source: `note:n${i}`, text }));
            expect(checkTexts(texts, roster, cache)).toEqual(checkTexts(texts, roster));
            expect(redactAll(texts[0]!.text, roster, cache)).toBe(redactAll(texts[0]!.text, roster));
          }
        },
      ),
      { seed: SEED, numRuns: 40 },
    );
  });

  it('scans again only the texts a newcomer could be named in', () => {
    const cache = createAttributionCache();
    const texts = TEXTS.map((text, i) => ({ source: `note:n${i}`, text }));
    const roster: Roster = { names: ['Amaka Okafor'], organisations: [], aliases: [] };
    checkTexts(texts, roster, cache);
    expect(cache.size).toBe(TEXTS.length);
    // A join whose name no text holds costs no scan at all.
    expect(cache.update({ ...roster, names: ['Amaka Okafor', 'Tevita Taufa'] })).toBe(0);
    expect(cache.size).toBe(TEXTS.length);
    // Priya joins: the one text that names her is scanned again, and now flags her as on the roster.
    expect(cache.update({ ...roster, names: ['Amaka Okafor', 'Tevita Taufa', 'Priya Raghunathan'] })).toBe(1);
    expect(cache.size).toBe(TEXTS.length - 1);
    // A changed roster (a name taken back) starts afresh.
    expect(cache.update({ ...roster, names: ['Tevita Taufa'] })).toBe(Infinity);
    expect(cache.size).toBe(0);
  });
});
