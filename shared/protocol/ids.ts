import { z } from 'zod';

/**
 * The project's own id formats, in one place. An id from outside is accepted only when it has the
 * exact shape the project itself makes; anything else (`__proto__`, `constructor`, a 60-character
 * probe, an emoji) is refused at the boundary before it can reach a lookup. The state keeps its
 * collections in Maps as well, so a well-formed id that names nothing simply finds nothing.
 *
 * The server makes session, participant, co-facilitator and rapporteur ids, tables and questions; clients make the
 * ids of notes and themes with `nanoid()` (21 URL-safe characters), so a resend carries the same id
 * and is recognised.
 */
export const IdFormat = {
  /** nanoid(12), made by the server. */
  session: /^[A-Za-z0-9_-]{12}$/,
  /** nanoid(14), made by the server. */
  participant: /^[A-Za-z0-9_-]{14}$/,
  /** `r` + nanoid(11), made by the server. */
  rapporteur: /^r[A-Za-z0-9_-]{11}$/,
  /** `c` + nanoid(11), made by the server. */
  cofacilitator: /^c[A-Za-z0-9_-]{11}$/,
  /** `t1`, `t2` …, in the order the facilitator set the tables up. */
  table: /^t[1-9][0-9]{0,3}$/,
  /** `q1` …, one per distinct guiding question. */
  question: /^q[1-9][0-9]{0,3}$/,
  /** An attribution finding: `f` and a 22-character base-36 hash of its source and match. */
  finding: /^f[0-9a-z]{22}$/,
  /** nanoid(32), made once by a joining browser and kept there: a removed device is known again by it. */
  device: /^[A-Za-z0-9_-]{32}$/,
  /** nanoid(), made by a client for a note or a theme, so that a resend is recognised. */
  client: /^[A-Za-z0-9_-]{21}$/,
  /** A theme: nanoid(), or nanoid(12) as the rapporteur board made them until the ids were checked. */
  theme: /^(?:[A-Za-z0-9_-]{12}|[A-Za-z0-9_-]{21})$/,
  /** `<session id>.` + nanoid(24): a published readout's public link. */
  readout: /^[A-Za-z0-9_-]{12}\.[A-Za-z0-9_-]{24}$/,
  /** `a` + nanoid(15): a member's address in a table's call, drawn by the server at each join. */
  audio: /^a[A-Za-z0-9_-]{15}$/,
} as const;
export type IdKind = keyof typeof IdFormat;

const DESCRIPTION: Record<IdKind, string> = {
  session: 'a session id',
  participant: 'a participant id',
  rapporteur: 'a rapporteur id',
  cofacilitator: 'a co-facilitator id',
  table: 'a table id (t1, t2, …)',
  question: 'a question key (q1, q2, …)',
  finding: 'a finding key',
  client: 'a client id of 21 URL-safe characters (nanoid)',
  device: 'a device key of 32 URL-safe characters',
  theme: 'a theme id',
  readout: 'a readout id',
  audio: 'a call address',
};

export function isId(kind: IdKind, value: unknown): value is string {
  return typeof value === 'string' && IdFormat[kind].test(value);
}

/** A zod schema for one id kind; the message names the format, never echoes the input. */
export function idSchema(kind: IdKind) {
  return z.string().regex(IdFormat[kind], { message: `must be ${DESCRIPTION[kind]}` });
}

export const ids = {
  session: idSchema('session'),
  participant: idSchema('participant'),
  rapporteur: idSchema('rapporteur'),
  cofacilitator: idSchema('cofacilitator'),
  table: idSchema('table'),
  question: idSchema('question'),
  finding: idSchema('finding'),
  client: idSchema('client'),
  device: idSchema('device'),
  theme: idSchema('theme'),
  readout: idSchema('readout'),
  audio: idSchema('audio'),
};
