/**
 * Why a rapporteur may keep a finding as it is: a closed set, so that "ok" can no longer publish a
 * participant's name. The readout's method statement counts findings kept per reason. No imports:
 * the client may show these labels without loading the check.
 */
export const KeepReason = {
  notAParticipant: 'not-a-participant',
  publicRole: 'public-role',
  askedToBeNamed: 'asked-to-be-named',
} as const;
export type KeepReason = (typeof KeepReason)[keyof typeof KeepReason];

export const KEEP_REASONS: readonly KeepReason[] = Object.values(KeepReason);

type Language = 'en' | 'fr' | 'es' | 'ar' | 'zh' | 'ru';

/** What each reason says, in each of the six session languages (no imports, hence the local type). */
const LABELS: Record<KeepReason, Record<Language, string>> = {
  'not-a-participant': {
    en: 'Not a person in this session',
    fr: 'Ce n’est pas une personne de cette session',
    es: 'No es una persona de esta sesión',
    ar: 'ليس شخصًا من هذه الجلسة',
    zh: '不是本场会议中的人',
    ru: 'Это не участник этой сессии',
  },
  'public-role': {
    en: 'Public figure named in a public role',
    fr: 'Personnalité publique nommée dans son rôle public',
    es: 'Figura pública nombrada en su función pública',
    ar: 'شخصية عامة مذكورة بصفتها العامة',
    zh: '以公职身份提及的公众人物',
    ru: 'Публичное лицо, названное в его публичной роли',
  },
  'asked-to-be-named': {
    en: 'The person asked to be named',
    fr: 'La personne a demandé à être nommée',
    es: 'La persona pidió que se la nombrara',
    ar: 'طلب الشخص ذكر اسمه',
    zh: '本人要求署名',
    ru: 'Человек просил назвать его',
  },
};

export function keepReasonLabel(reason: KeepReason, language: Language): string {
  return LABELS[reason][language];
}

export const isKeepReason = (value: unknown): value is KeepReason => typeof value === 'string' && (KEEP_REASONS as readonly string[]).includes(value);
