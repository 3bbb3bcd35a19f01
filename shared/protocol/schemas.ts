import { z } from 'zod';
import { Admission, Language, Presence, TableMode, values } from '../domain/enums.ts';
import { ids } from './ids.ts';
import { Limits } from './limits.ts';
import { UNSURE, withQuick } from './quick.ts';
import { isMeaningfulName, lengthOf, normaliseName, normaliseText } from './text.ts';

/**
 * Schemas of what comes in over HTTP, and the text and number shapes the command table's schemas
 * (shared/commands/) are built from. Types are inferred from these, never written twice. Every
 * object is strict: an unknown field is a malformed request, not something to ignore.
 */

const atMost = (max: number) => ({ message: `at most ${max} characters` });

/** How long a text may be before it is normalised: invisible padding is not worth normalising. */
const rawMax = (max: number) => max * 4;
const notEmpty = (s: string) => s.length > 0;
const fits = (max: number) => (s: string) => lengthOf(s) <= max;
const quickText = (max: number, required: boolean) => {
  const raw = rawMax(max);
  const within = fits(max);
  return (v: unknown) => {
    if (typeof v !== 'string' || v.length > raw) return UNSURE;
    const s = normaliseText(v);
    return within(s) && (!required || notEmpty(s)) ? s : UNSURE;
  };
};

/**
 * Free text from a client, normalised once here (shared/protocol/text.ts) and counted after, in
 * characters as people count them. A text far over the limit is refused before the work of
 * normalising it, with the same message: the limit is the limit, whatever invisible padding did.
 * The quick check beside it (shared/protocol/quick.ts) takes the same steps from the same pieces.
 */
export const text = (max: number) =>
  withQuick(z.string().max(rawMax(max), atMost(max)).transform(normaliseText).refine(fits(max), atMost(max)), quickText(max, false));

export const requiredText = (max: number) => withQuick(text(max).refine(notEmpty, { message: 'must not be empty' }), quickText(max, true));

/** A display name: free text's rules, on one line, with nothing invisible, that names someone. */
export const displayName = z
  .string()
  .max(Limits.displayNameChars * 4, atMost(Limits.displayNameChars))
  .transform(normaliseName)
  .refine((s) => lengthOf(s) <= Limits.displayNameChars, atMost(Limits.displayNameChars))
  .refine(isMeaningfulName, { message: 'must be a name: at least two characters, with a letter or a digit' });

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
  /** Seconds before each round's end that every screen warns; one minute when not given, 0 for none. */
  warningSeconds: z.int().min(0).max(Limits.maxWarningSeconds).optional(),
  /** `lobby`: newcomers wait until a facilitator admits them. Open by default. */
  admission: z.enum(values(Admission)).optional(),
  /** The join form asks for an organisation, which only the attribution check and the facilitators see. */
  askOrganisation: z.boolean().optional(),
  /** Check arriving notes against the word list, which flags likely abuse for staff (off by default). */
  wordList: z.boolean().optional(),
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
  name: displayName,
  group: requiredText(Limits.stakeholderGroupChars),
  /**
   * Optional, and only where the session asks for it; used by the readout's attribution check,
   * seen by the facilitators, never by rapporteurs or other participants.
   */
  organisation: text(Limits.organisationChars)
    .transform((s) => s || undefined)
    .optional(),
  /** Other spellings of the name (the same name in another script): only the attribution check reads them, nobody sees them. */
  aliases: z.array(displayName).max(Limits.maxAliases).optional(),
  presence: z.enum(values(Presence)),
  /** The key this browser keeps for itself (shared/protocol/ids.ts); optional for scripts and old pages. */
  device: ids.device.optional(),
  /**
   * One key per join attempt (nanoid(), made by the browser and kept until an answer comes): a
   * resend after a lost answer is answered with the same participant and token. Optional for scripts.
   */
  joinKey: ids.client.optional(),
});
export type JoinRequest = z.infer<typeof joinSchema>;

/**
 * A refusal's reason, naming the fields at fault and never echoing values: unknown keys are named
 * cut short, three at most (a 28 kB key once came back whole), and so are paths.
 */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => {
      const message =
        issue.code === 'unrecognized_keys'
          ? `unknown ${issue.keys.length === 1 ? 'field' : 'fields'} ${issue.keys
              .slice(0, 3)
              .map((k) => JSON.stringify(k.slice(0, 40)))
              .join(', ')}${issue.keys.length > 3 ? ` and ${issue.keys.length - 3} more` : ''}`
          : issue.message;
      const path = issue.path.map((p) => String(p).slice(0, 40)).join('.');
      return path ? `${path}: ${message}` : message;
    })
    .join('; ');
}
