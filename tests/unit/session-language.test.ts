import { describe, expect, it } from 'vitest';
import { Language } from '../../shared/domain/enums.ts';
import { STAKEHOLDER_GROUPS } from '../../shared/domain/stakeholders.ts';
import { stakeholderStats } from '../../shared/harvest/readout.ts';
import { sessionSetupSchema } from '../../shared/protocol/schemas.ts';
import { Cafe, setup } from '../support/domain.ts';

/**
 * A café has a language: the stakeholder groups people pick from when they join, and the
 * readout, are in it, whatever language each person's own screen is in.
 */

describe('a café held in one of the six UN languages', () => {
  it('offers French groups in a café made in French, and lets Amélie join the civil society in French', () => {
    const cafe = new Cafe(setup({ language: 'fr', title: 'Construire ensemble l’infrastructure publique numérique' }));
    expect(cafe.state.config.language).toBe('fr');
    expect(cafe.state.config.stakeholderGroups).toEqual([
      'Gouvernement',
      'Secteur privé',
      'Société civile',
      'Communauté technique',
      'Milieu universitaire',
      'Autre',
    ]);
    const id = cafe.join('Amélie Dubois-Nkemelu', 'société civile');
    expect(cafe.state.participants.get(id)?.group).toBe('Société civile');
  });

  it.each([
    ['ar', 'المجتمع المدني'],
    ['zh', '民间社会'],
    ['es', 'Sociedad civil'],
    ['ru', 'Гражданское общество'],
  ] as const)('offers its groups in %s, so someone joins the civil society as "%s"', (language, civilSociety) => {
    const cafe = new Cafe(setup({ language }));
    expect(cafe.state.config.stakeholderGroups).toEqual(STAKEHOLDER_GROUPS[language]);
    const id = cafe.join('Nadia Al-Hashimi 王小明', civilSociety);
    expect(cafe.state.participants.get(id)?.group).toBe(civilSociety);
  });

  it('keeps English groups when no language is given, and the groups a facilitator wrote in any language', () => {
    expect(new Cafe().state.config.stakeholderGroups).toEqual([...STAKEHOLDER_GROUPS.en]);
    const own = ['Parlement', 'Jeunesse', 'Autre'];
    expect(new Cafe(setup({ language: 'ar', stakeholderGroups: own })).state.config.stakeholderGroups).toEqual(own);
  });

  it('refuses a language that is not one of the six', () => {
    expect(sessionSetupSchema.safeParse({ ...setup(), language: 'de' }).success).toBe(false);
    expect(sessionSetupSchema.safeParse({ ...setup(), language: '__proto__' }).success).toBe(false);
    expect(Object.values(Language)).toEqual(['en', 'fr', 'es', 'ar', 'zh', 'ru']);
  });

  it('counts each language’s own “Other” as the readout’s Other, never as a group of its own', () => {
    const groups = [...Array(4).fill('الحكومة'), ...Array(3).fill('أخرى'), 'القطاع الخاص'];
    expect(stakeholderStats(groups, 3).groups).toEqual([
      { group: 'الحكومة', count: 4 },
      { group: 'Other', count: 4 },
    ]);
    expect(stakeholderStats([...Array(3).fill('其他'), ...Array(3).fill('政府')], 3).groups).toEqual([
      { group: '政府', count: 3 },
      { group: 'Other', count: 3 },
    ]);
  });
});
