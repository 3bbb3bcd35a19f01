import { createHash, timingSafeEqual } from 'node:crypto';
import { customAlphabet, nanoid } from 'nanoid';

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
  const m = /^([A-Za-z0-9_-]{1,64})\.([A-Za-z0-9_-]{20,64})$/.exec(readoutId);
  return m ? { sessionId: m[1]! } : null;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

export function newToken(role: TokenRole, sessionId: string): string {
  return `${role}.${sessionId}.${nanoid(32)}`;
}

export type ParsedToken = { role: Exclude<TokenRole, 'd'>; sessionId: string } | { role: 'd'; code: string };

export function parseToken(token: unknown): ParsedToken | null {
  if (typeof token !== 'string' || token.length > 200) return null;
  const display = /^d\.([A-Z0-9]{4,12})$/.exec(token);
  if (display) return { role: 'd', code: display[1]! };
  const m = /^([fpr])\.([A-Za-z0-9_-]{1,64})\.[A-Za-z0-9_-]{20,64}$/.exec(token);
  return m ? { role: m[1] as 'f' | 'p' | 'r', sessionId: m[2]! } : null;
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
