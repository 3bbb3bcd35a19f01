/** Closed sets of the domain, as `as const` objects with a derived union type. */

export const Phase = {
  lobby: 'lobby',
  round: 'round',
  moving: 'moving',
  harvest: 'harvest',
  closed: 'closed',
} as const;
export type Phase = (typeof Phase)[keyof typeof Phase];

/** Whether newcomers take part at once, or wait in the lobby until a facilitator admits them. */
export const Admission = {
  open: 'open',
  lobby: 'lobby',
} as const;
export type Admission = (typeof Admission)[keyof typeof Admission];

export const Role = {
  facilitator: 'facilitator',
  participant: 'participant',
  rapporteur: 'rapporteur',
  display: 'display',
} as const;
export type Role = (typeof Role)[keyof typeof Role];

/** Where a participant takes part from. */
export const Presence = {
  room: 'room',
  remote: 'remote',
} as const;
export type Presence = (typeof Presence)[keyof typeof Presence];

/** Which participants a table takes. */
export const TableMode = {
  room: 'room',
  remote: 'remote',
  hybrid: 'hybrid',
} as const;
export type TableMode = (typeof TableMode)[keyof typeof TableMode];

export const NoteKind = {
  idea: 'idea',
  question: 'question',
  agreement: 'agreement',
  disagreement: 'disagreement',
  action: 'action',
} as const;
export type NoteKind = (typeof NoteKind)[keyof typeof NoteKind];

export const ParticipantStatus = {
  active: 'active',
  /** Joined a session that admits people by hand (or came back from a removed device): in its lobby. */
  waiting: 'waiting',
  /** Turned away from the lobby by a facilitator. */
  declined: 'declined',
  left: 'left',
  removed: 'removed',
} as const;
export type ParticipantStatus = (typeof ParticipantStatus)[keyof typeof ParticipantStatus];

/** Why a rapporteur leaves a note out of the readout. */
export const SetAsideReason = {
  offTopic: 'off-topic',
  duplicate: 'duplicate',
  abusive: 'abusive',
} as const;
export type SetAsideReason = (typeof SetAsideReason)[keyof typeof SetAsideReason];

/**
 * The languages a session can be held in: the readout's fixed wording follows it. Adding one
 * here makes the compiler ask for its readout catalog (shared/harvest/i18n/catalogs.ts).
 */
export const Language = {
  en: 'en',
  fr: 'fr',
  es: 'es',
  ar: 'ar',
  zh: 'zh',
  ru: 'ru',
} as const;
export type Language = (typeof Language)[keyof typeof Language];

/** English stakeholder groups; a session in another language gets its own (shared/domain/stakeholders.ts). */
export const DEFAULT_STAKEHOLDER_GROUPS = ['Government', 'Private sector', 'Civil society', 'Technical community', 'Academia', 'Other'] as const;

export function values<T extends Record<string, string>>(set: T): [T[keyof T], ...T[keyof T][]] {
  return Object.values(set) as [T[keyof T], ...T[keyof T][]];
}

/** Compile-time exhaustiveness guard for switches over closed sets. */
export function unreachable(value: never): never {
  throw new Error(`Unhandled case: ${JSON.stringify(value)}`);
}
