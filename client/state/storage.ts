import { nanoid } from 'nanoid';

/**
 * localStorage that never throws: private browsing, a full disk or a blocked storage must
 * degrade to "not remembered", not to a broken page.
 */
export function readJson<T>(key: string): T | null {
  try {
    const raw = localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}

export function writeJson(key: string, value: unknown): void {
  try {
    if (value === null || value === undefined) localStorage.removeItem(key);
    else localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Not remembered across a reload; the page still works.
  }
}

/**
 * This browser's own key, made once and sent with every join: the server keeps only a hash of it,
 * per session, so someone removed from a session is known again if they come back from here.
 */
export function deviceKey(): string {
  let key = readJson<string>(keys.device);
  if (typeof key !== 'string' || !/^[A-Za-z0-9_-]{32}$/.test(key)) {
    key = nanoid(32);
    writeJson(keys.device, key);
  }
  return key;
}

export const keys = {
  device: 'tablehop:device',
  participant: (sessionId: string) => `tablehop:participant:${sessionId}`,
  participantView: (sessionId: string) => `tablehop:participant-view:${sessionId}`,
  outbox: (sessionId: string, participantId: string) => `tablehop:outbox:${sessionId}:${participantId}`,
  facilitated: 'tablehop:facilitated',
};
