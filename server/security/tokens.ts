import { createHash, timingSafeEqual } from 'node:crypto';
import { customAlphabet, nanoid } from 'nanoid';
import { IdFormat, isId } from '../../shared/protocol/ids.ts';

/**
 * Credentials are `<role>.<sessionId>.<secret>` (a display uses `d.<code>`): the prefix routes
 * the handshake, the secret proves it. Only SHA-256 hashes of secrets are stored.
 */
export const TokenRole = { facilitator: 'f', participant: 'p', rapporteur: 'r', display: 'd' } as const;
export type TokenRole = (typeof TokenRole)[keyof typeof TokenRole];

/** Easy to read aloud: no 0/O, 1/I/L, 5/S, 2/Z, 8/B. */
export const JOIN_CODE_ALPHABET = 'ACDEFGHJKMNPQRTUVWXY34679';
export const JOIN_CODE_LENGTH = 6;
export const newJoinCode = customAlphabet(JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH);
export const newSessionId = () => nanoid(12);
export const newParticipantId = () => nanoid(14);
export const newRapporteurId = () => `r${nanoid(11)}`;
/** A readout's public link: the session id, then 24 random characters nobody can guess. */
export const newReadoutId = (sessionId: string) => `${sessionId}.${nanoid(24)}`;
export function parseReadoutId(readoutId: string): { sessionId: string } | null {
  return isId('readout', readoutId) ? { sessionId: readoutId.slice(0, readoutId.indexOf('.')) } : null;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

export function newToken(role: TokenRole, sessionId: string): string {
  return `${role}.${sessionId}.${nanoid(32)}`;
}

const DISPLAY_TOKEN = new RegExp(`^d\\.([${JOIN_CODE_ALPHABET}]{${JOIN_CODE_LENGTH}})$`);

export type ParsedToken = { role: Exclude<TokenRole, 'd'>; sessionId: string } | { role: 'd'; code: string };

export function parseToken(token: unknown): ParsedToken | null {
  if (typeof token !== 'string' || token.length > 200) return null;
  const display = DISPLAY_TOKEN.exec(token);
  if (display) return { role: 'd', code: display[1]! };
  const m = /^([fpr])\.([A-Za-z0-9_-]+)\.[A-Za-z0-9_-]{32}$/.exec(token);
  return m && IdFormat.session.test(m[2]!) ? { role: m[1] as 'f' | 'p' | 'r', sessionId: m[2]! } : null;
}

export function normaliseJoinCode(input: string): string {
  return input.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

/** Compares two hashes in constant time. */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
