import { DEFAULT_STAKEHOLDER_GROUPS, Language } from './enums.ts';

/**
 * The stakeholder groups a new session offers when its facilitator names none, in the session's
 * language: the IGF's groups, as its secretariat names them in the six UN languages. The last
 * is each language's "Other", which the readout folds small groups into.
 */
export const STAKEHOLDER_GROUPS: Record<Language, readonly [string, ...string[]]> = {
  en: DEFAULT_STAKEHOLDER_GROUPS,
  fr: ['Gouvernement', 'Secteur privé', 'Société civile', 'Communauté technique', 'Milieu universitaire', 'Autre'],
  es: ['Gobierno', 'Sector privado', 'Sociedad civil', 'Comunidad técnica', 'Ámbito académico', 'Otro'],
  ar: ['الحكومة', 'القطاع الخاص', 'المجتمع المدني', 'المجتمع التقني', 'الأوساط الأكاديمية', 'أخرى'],
  zh: ['政府', '私营部门', '民间社会', '技术社群', '学术界', '其他'],
  ru: ['Правительство', 'Частный сектор', 'Гражданское общество', 'Техническое сообщество', 'Академические круги', 'Другое'],
};

export function defaultStakeholderGroups(language: Language = Language.en): string[] {
  return [...STAKEHOLDER_GROUPS[language]];
}

/** Every language's "Other", lower-cased: a group by any of these names is the readout's "Other". */
export const OTHER_GROUP_NAMES: ReadonlySet<string> = new Set(Object.values(STAKEHOLDER_GROUPS).map((groups) => groups[groups.length - 1]!.toLowerCase()));
