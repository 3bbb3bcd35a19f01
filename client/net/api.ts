import type { Refusal } from '../../shared/protocol/errors.ts';
import type { z } from 'zod';
import type { joinSchema, SessionSetup } from '../../shared/protocol/schemas.ts';
import type { Phase } from '../../shared/domain/enums.ts';
import { deviceKey } from '../state/storage.ts';

/** The HTTP half of the protocol: what happens before a socket exists. Never throws. */

export interface CreatedSession {
  ok: true;
  sessionId: string;
  code: string;
  facilitatorToken: string;
  facilitatorUrl: string;
  joinUrl: string;
  displayUrl: string;
}

export interface JoinInfo {
  ok: true;
  sessionId: string;
  code: string;
  title: string;
  description: string;
  stakeholderGroups: string[];
  /** The facilitator chose to ask for an organisation. */
  askOrganisation: boolean;
  phase: Phase;
}

export interface Joined {
  ok: true;
  sessionId: string;
  participantToken: string;
  participantUrl: string;
  /** In the lobby until a facilitator lets them in. */
  waiting: boolean;
}

const offline: Refusal = { ok: false, error: 'unavailable', message: 'The server could not be reached. Check the connection and try again.' };

async function call<T>(path: string, init: RequestInit = {}): Promise<T | Refusal> {
  try {
    const headers = new Headers(init.headers);
    headers.set('content-type', 'application/json');
    const res = await fetch(path, { ...init, headers });
    const body = (await res.json()) as T | Refusal;
    return body;
  } catch {
    return offline;
  }
}

export const api = {
  createSession: (setup: SessionSetup) => call<CreatedSession>('/api/sessions', { method: 'POST', body: JSON.stringify(setup) }),
  sessionSetup: (sessionId: string, token: string) =>
    call<{ ok: true; setup: SessionSetup }>(`/api/sessions/${encodeURIComponent(sessionId)}/setup`, { headers: { authorization: `Bearer ${token}` } }),
  joinInfo: (code: string) => call<JoinInfo>(`/api/join/${encodeURIComponent(code)}`),
  /** `joinKey`: one per join attempt, the same on every retry of it (client/net/commandIds.ts `once`). */
  join: (code: string, request: Omit<z.input<typeof joinSchema>, 'device' | 'joinKey'>, joinKey: string) =>
    call<Joined>(`/api/join/${encodeURIComponent(code)}`, { method: 'POST', body: JSON.stringify({ ...request, device: deviceKey(), joinKey }) }),
};
