import type { Refusal } from '../../shared/protocol/errors.ts';
import { currentLocale, t, type MessageId } from '../i18n/i18n.ts';

const BY_CODE: Record<Refusal['error'], MessageId> = {
  invalid: 'error.invalid',
  unauthorised: 'error.unauthorised',
  forbidden: 'error.forbidden',
  not_found: 'error.notFound',
  conflict: 'error.conflict',
  wrong_phase: 'error.wrongPhase',
  full: 'error.full',
  rate_limited: 'error.rateLimited',
  too_large: 'error.tooLarge',
  closed: 'error.closed',
  unknown_command: 'error.unknown',
  unavailable: 'error.unavailable',
  internal: 'error.internal',
};

/**
 * The server explains refusals in English sentences. In English they are the most precise thing
 * to show; in another language a translated sentence per error code is clearer than English.
 */
export function describeRefusal(refusal: Refusal): string {
  if (currentLocale() === 'en' && refusal.message) return refusal.message;
  return t(BY_CODE[refusal.error] ?? 'error.internal');
}
