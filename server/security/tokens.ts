import { createHash, timingSafeEqual } from 'node:crypto';
import { customAlphabet, nanoid } from 'nanoid';
import type { Mint } from '../../shared/commands/spec.ts';
import { IdFormat, isId } from '../../shared/protocol/ids.ts';
import { JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH } from '../../shared/protocol/joinCode.ts';

/**
 * Credentials are `<role>.<sessionId>.<secret>` (a display uses `d.<code>`): the prefix routes
 * the handshake, the secret proves it. Only SHA-256 hashes of secrets are stored.
 */
export const TokenRole = { facilitator: 'f', cofacilitator: 'c', participant: 'p', rapporteur: 'r', display: 'd', device: 't' } as const;
export type TokenRole = (typeof TokenRole)[keyof typeof TokenRole];

export { normaliseJoinCode } from '../../shared/protocol/joinCode.ts';
export const newJoinCode = customAlphabet(JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH);
export const newSessionId = () => nanoid(12);
export const newParticipantId = () => nanoid(14);
export const newRapporteurId = () => `r${nanoid(11)}`;
export const newCofacilitatorId = () => `c${nanoid(11)}`;
/** A table device link's id: it names the link in the log and on the device's socket, never in a message. */
export const newDeviceId = () => `d${nanoid(11)}`;
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
  const m = /^([fcprt])\.([A-Za-z0-9_-]+)\.[A-Za-z0-9_-]{32}$/.exec(token);
  return m && IdFormat.session.test(m[2]!) ? { role: m[1] as Exclude<TokenRole, 'd'>, sessionId: m[2]! } : null;
}

/** Compares two hashes in constant time. */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The ids and secrets a decision asks for, made here so the domain stays pure. */
export function serverMint(sessionId: string): Mint {
  return {
    participantId: newParticipantId,
    rapporteurId: newRapporteurId,
    cofacilitatorId: newCofacilitatorId,
    readoutId: () => newReadoutId(sessionId),
    deviceId: newDeviceId,
    secret(role, from) {
      // Derived one-way from the key, with a label the log's digests never use: the log's
      // `joinKeyHash` and `tokenHash` reveal neither the key nor the token. Whoever holds the key
      // could replay the join and get this token anyway, so deriving it exposes nothing more.
      const token =
        from === undefined
          ? newToken(TokenRole[role], sessionId)
          : `${TokenRole[role]}.${sessionId}.${hashToken(`join-token:${sessionId}:${from}`).slice(0, 32)}`;
      return { token, hash: hashToken(token) };
    },
    // A device key is hashed with the session, so the same browser cannot be followed across sessions.
    digest: (value) => hashToken(`${sessionId}:${value}`),
  };
}
