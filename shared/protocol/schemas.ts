import { z } from 'zod';
import { Presence, TableMode, values } from '../domain/enums.ts';
import { Limits } from './limits.ts';

/**
 * Schemas of what comes in over HTTP, and the text and number shapes the command table's schemas
 * (shared/commands/) are built from. Types are inferred from these, never written twice. Every
 * object is strict: an unknown field is a malformed request, not something to ignore.
 */

/** Free text from a client, normalised and bounded (see `Limits`). */
export const text = (max: number) =>
  z
    .string()
    .max(max * 4) // bound the work before normalising
    .transform((s) => s.normalize('NFC').replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '').trim())
    .pipe(z.string().max(max, { message: `at most ${max} characters` }));

export const requiredText = (max: number) => text(max).pipe(z.string().min(1, { message: 'must not be empty' }));

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

export function describeZodError(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}
