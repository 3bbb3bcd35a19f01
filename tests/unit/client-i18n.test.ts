import { describe, expect, it } from 'vitest';
import { Language } from '../../shared/domain/enums.ts';
import { checkAll, loadCatalogs } from '../../scripts/i18n/catalogs.ts';
import { checkCatalog, describeProblem, missingPluralForms } from '../../scripts/i18n/check.ts';

/**
 * Every catalog the app ships (each role's, and the readout's) says everything English says, in
 * all six session languages: what `npm run i18n:check` runs, inside `npm test`.
 */

describe('the catalogs in the six UN languages', () => {
  it('lack no message, add none, and each compiles with English’s placeholders and the language’s plural forms', () => {
    expect(checkAll(Object.values(Language)).map(describeProblem)).toEqual([]);
  });

  it('are all there: a file per role and language, and one readout catalog per language', () => {
    for (const { namespace, others } of loadCatalogs()) {
      for (const l of Object.values(Language).filter((l) => l !== 'en'))
        expect(Object.keys(others.get(l) ?? {}).length, `${l}/${namespace}`).toBeGreaterThan(0);
    }
  });
});

describe('the catalog check', () => {
  const english = {
    'p.table.members': '{count, plural, one {# person at this table} other {# people at this table}}',
    'p.composer.title': 'Add a note to {table}',
    'p.notes.mine': 'Yours',
  };

  it('names a key a translator forgot, and one English no longer has', () => {
    const fr = {
      'p.table.members': '{count, plural, one {# personne} other {# personnes}}',
      'p.composer.title': 'Ajouter une note à {table}',
      'p.old': 'Ancien',
    };
    expect(checkCatalog('fr', 'participant', english, fr).map((p) => [p.key, p.problem])).toEqual([
      ['p.notes.mine', 'missing'],
      ['p.old', 'extra'],
    ]);
  });

  it('catches a placeholder translated as a word, and a message that does not parse', () => {
    const es = {
      'p.table.members': '{count, plural, one {# persona} other {# personas}',
      'p.composer.title': 'Añadir una nota a {mesa}',
      'p.notes.mine': 'Tuya',
    };
    expect(checkCatalog('es', 'participant', english, es).map((p) => [p.key, p.problem])).toEqual([
      ['p.table.members', 'unparsable'],
      ['p.composer.title', 'placeholders'],
    ]);
  });

  it('asks Arabic for six plural forms and Russian for few and many, but Chinese for one', () => {
    const twoForms = '{count, plural, one {# a} other {# b}}';
    expect(missingPluralForms(twoForms, 'ar').sort()).toEqual(['count:few', 'count:many', 'count:two', 'count:zero']);
    expect(missingPluralForms(twoForms, 'ru').sort()).toEqual(['count:few', 'count:many']);
    expect(missingPluralForms('{count, plural, other {# 人}}', 'zh')).toEqual([]);
    // French "many" is for millions: left to "other".
    expect(missingPluralForms(twoForms, 'fr')).toEqual([]);
  });
});
