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

/** What each reason says, in the languages readouts are written in now. */
export function keepReasonLabel(reason: KeepReason, language: 'en' | 'fr'): string {
  switch (reason) {
    case 'not-a-participant':
      return language === 'fr' ? 'Ce n’est pas une personne de cette session' : 'Not a person in this session';
    case 'public-role':
      return language === 'fr' ? 'Personnalité publique nommée dans son rôle public' : 'Public figure named in a public role';
    case 'asked-to-be-named':
      return language === 'fr' ? 'La personne a demandé à être nommée' : 'The person asked to be named';
  }
}

export const isKeepReason = (value: unknown): value is KeepReason => typeof value === 'string' && (KEEP_REASONS as readonly string[]).includes(value);
