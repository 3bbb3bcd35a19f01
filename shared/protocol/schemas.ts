import { z } from 'zod';
import { Language, NoteKind, Presence, SetAsideReason, TableMode, values } from '../domain/enums.ts';
import { ids } from './ids.ts';
import { Limits } from './limits.ts';

/**
 * One zod schema per inbound message. Types are inferred from these, never written twice.
 * Every object is strict: an unknown field is a malformed request, not something to ignore.
 */

const text = (max: number) =>
  z
    .string()
    .max(max * 4) // bound the work before normalising
    .transform((s) => s.normalize('NFC').replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '').trim())
    .pipe(z.string().max(max, { message: `at most ${max} characters` }));

const requiredText = (max: number) => text(max).pipe(z.string().min(1, { message: 'must not be empty' }));

const httpUrl = z
  .string()
  .trim()
  .max(Limits.urlChars)
  .refine((s) => /^https?:\/\/[^\s]+$/i.test(s) && URL.canParse(s), { message: 'must be an http(s) link' });

export const roundNumber = z.int().min(1).max(Limits.maxRounds);

export const tableSetupSchema = z.strictObject({
  name: text(Limits.tableNameChars).optional(),
  question: requiredText(Limits.questionChars),
  videoUrl: httpUrl.nullish(),
  mode: z.enum(values(TableMode)).optional(),
  capacity: z.int().min(Limits.minTableCapacity).max(Limits.maxTableCapacity).optional(),
});

export const sessionSetupSchema = z.strictObject({
  title: requiredText(Limits.titleChars),
  description: text(Limits.descriptionChars).optional(),
  /** The day the café takes place (ISO, `YYYY-MM-DD`) and where: printed on the readout. */
  date: z.iso.date().optional(),
  place: text(Limits.placeChars).optional(),
  /** The readout's language; English when not given. */
  language: z.enum(values(Language)).optional(),
  tables: z.array(tableSetupSchema).min(Limits.minTables).max(Limits.maxTables),
  rounds: roundNumber,
  roundSeconds: z.int().min(Limits.minRoundSeconds).max(Limits.maxRoundSeconds),
  movingSeconds: z.int().min(0).max(Limits.maxMovingSeconds),
  autoAdvance: z.boolean(),
  stakeholderGroups: z
    .array(requiredText(Limits.stakeholderGroupChars))
    .min(Limits.minStakeholderGroups)
    .max(Limits.maxStakeholderGroups)
    .refine((groups) => new Set(groups.map((g) => g.toLowerCase())).size === groups.length, { message: 'must not repeat a group' })
    .optional(),
});
export type SessionSetup = z.infer<typeof sessionSetupSchema>;
export type TableSetup = z.infer<typeof tableSetupSchema>;

export const joinSchema = z.strictObject({
  name: requiredText(Limits.displayNameChars),
  group: requiredText(Limits.stakeholderGroupChars),
  /** Optional; used only by the readout's attribution check, never shown to other participants. */
  organisation: text(Limits.organisationChars)
    .transform((s) => s || undefined)
    .optional(),
  presence: z.enum(values(Presence)),
});
export type JoinRequest = z.infer<typeof joinSchema>;

const empty = z.strictObject({});

/** Inbound Socket.IO commands, by event name. */
export const commandSchemas = {
  'clock:ping': z.strictObject({ t0: z.number().finite() }),
  'session:sync': empty,
  'seating:assign': empty,
  /** Facilitators: the seating the remaining rounds would get; a read, nothing changes. */
  'seating:preview': z.strictObject({ attempt: z.int().min(0).max(1_000_000).optional(), detail: z.enum(['next', 'all']).optional() }),
  /** Facilitators: follow the previewed plan; `version` is the preview's, refused once the café has changed. */
  'seating:accept': z.strictObject({ attempt: z.int().min(0).max(1_000_000), version: z.int().min(1) }),
  'round:start': z.strictObject({ round: roundNumber }),
  'round:end': z.strictObject({ round: roundNumber }),
  'timer:pause': empty,
  'timer:resume': empty,
  'timer:extend': z.strictObject({ minutes: z.int().min(1).max(Limits.maxExtendMinutes) }),
  'harvest:open': empty,
  'session:close': empty,
  'participant:move': z.strictObject({ participantId: ids.participant, tableId: ids.table.nullable(), pin: z.boolean().optional() }),
  'participant:remove': z.strictObject({ participantId: ids.participant }),
  'participant:leave': empty,
  'host:assign': z.strictObject({ tableId: ids.table, participantId: ids.participant.nullable() }),
  'broadcast:send': z.strictObject({ text: requiredText(Limits.broadcastChars) }),
  'note:add': z.strictObject({
    id: ids.client,
    tableId: ids.table,
    round: roundNumber,
    text: requiredText(Limits.noteChars),
    kind: z.enum(values(NoteKind)).nullish(),
  }),
  'note:edit': z.strictObject({ id: ids.client, text: requiredText(Limits.noteChars), kind: z.enum(values(NoteKind)).nullish() }),
  'note:delete': z.strictObject({ id: ids.client }),
  'note:hide': z.strictObject({ id: ids.client, hidden: z.boolean(), removeAuthor: z.boolean().optional() }),
  'summary:write': z.strictObject({ tableId: ids.table, round: roundNumber, text: text(Limits.summaryChars) }),
  // The harvest. Themes carry client-generated ids, like notes, so a resend creates nothing twice.
  'rapporteur:invite': z.strictObject({ label: text(Limits.rapporteurLabelChars).optional() }),
  'rapporteur:revoke': z.strictObject({ rapporteurId: ids.rapporteur }),
  'theme:create': z.strictObject({ id: ids.client, question: ids.question, name: requiredText(Limits.themeNameChars) }),
  'theme:rename': z.strictObject({ id: ids.client, name: requiredText(Limits.themeNameChars) }),
  'theme:mark': z.strictObject({ id: ids.client, key: z.boolean() }),
  'theme:merge': z.strictObject({ id: ids.client, into: ids.client }),
  'theme:delete': z.strictObject({ id: ids.client }),
  'note:sort': z.strictObject({ noteId: ids.client, themeId: ids.client.nullable() }),
  'note:setAside': z.strictObject({ noteId: ids.client, reason: z.enum(values(SetAsideReason)), detail: text(Limits.reasonChars).optional() }),
  /** The readout's wording of a note, or of a host's round summary; the original stays as written. */
  'quote:edit': z.union([
    z.strictObject({ noteId: ids.client, text: requiredText(Limits.noteChars) }),
    z.strictObject({ tableId: ids.table, round: roundNumber, text: requiredText(Limits.summaryChars) }),
  ]),
  'synthesis:write': z.strictObject({ question: ids.question, text: text(Limits.synthesisChars) }),
  'vote:configure': z.strictObject({ votesPerParticipant: z.int().min(1).max(Limits.maxVotesPerParticipant) }),
  'vote:cast': z.strictObject({ themeId: ids.client, dots: z.int().min(0).max(Limits.maxVotesPerParticipant) }),
  'finding:keep': z.strictObject({ key: ids.finding, reason: requiredText(Limits.reasonChars) }),
  'finding:redact': z.strictObject({ key: ids.finding }),
  'readout:publish': z.strictObject({ minGroupSize: z.int().min(Limits.minMinGroupSize).max(Limits.maxMinGroupSize).optional() }),
  /** A participant's own notes and what became of them. */
  'readout:mine': empty,
} as const;

export type CommandSchemas = typeof commandSchemas;
export type CommandName = keyof CommandSchemas;
export type CommandPayload<K extends CommandName> = z.infer<(typeof commandSchemas)[K]>;
/** What a client sends, before parsing (numbers may still be strings, strings still untrimmed). */
export type CommandInput<K extends CommandName> = z.input<(typeof commandSchemas)[K]>;

export function describeZodError(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}
