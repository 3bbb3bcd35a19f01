import type { Refusal } from '../../../shared/protocol/errors.ts';
import type { SessionSetup } from '../../../shared/protocol/schemas.ts';
import { api } from '../../net/api.ts';
import { navigate } from '../../router.ts';
import { facilitatedSessions } from '../../state/credentials.ts';

/** Creates the session, remembers its facilitator link on this browser, and opens the console. */
export async function createAndOpen(setup: SessionSetup): Promise<Refusal | null> {
  const res = await api.createSession(setup);
  if (!res.ok) return res;
  facilitatedSessions.remember({ sessionId: res.sessionId, token: res.facilitatorToken, title: setup.title, code: res.code, createdAt: Date.now() });
  navigate(`/facilitate/${res.sessionId}#${res.facilitatorToken}`);
  return null;
}

/** An earlier session's setup, fetched with the facilitator token this browser kept for it. */
export async function earlierSetup(sessionId: string): Promise<SessionSetup | Refusal> {
  const known = facilitatedSessions.get(sessionId);
  if (!known) return { ok: false, error: 'unauthorised', message: 'This browser has no facilitator link for that session.' };
  const res = await api.sessionSetup(sessionId, known.token);
  return res.ok ? res.setup : res;
}
