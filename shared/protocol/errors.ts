/** Every refusal carries one of these codes and a sentence a person can act on. */
export const ErrorCode = {
  invalid: 'invalid',
  unauthorised: 'unauthorised',
  forbidden: 'forbidden',
  notFound: 'not_found',
  conflict: 'conflict',
  wrongPhase: 'wrong_phase',
  full: 'full',
  rateLimited: 'rate_limited',
  tooLarge: 'too_large',
  closed: 'closed',
  unknownCommand: 'unknown_command',
  unavailable: 'unavailable',
  internal: 'internal',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export type Ok<T extends object = object> = { ok: true } & T;
/** A refusal; a `rate_limited` one says when to try again, so a phone's outbox can pace itself. */
export type Refusal = { ok: false; error: ErrorCode; message: string; retryAfterMs?: number };
/** The one acknowledgement shape of every command. */
export type Result<T extends object = object> = Ok<T> | Refusal;

export function refuse(error: ErrorCode, message: string): Refusal {
  return { ok: false, error, message };
}
