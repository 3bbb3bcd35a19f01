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

export const keys = {
  participant: (sessionId: string) => `tablehop:participant:${sessionId}`,
  participantView: (sessionId: string) => `tablehop:participant-view:${sessionId}`,
  outbox: (sessionId: string, participantId: string) => `tablehop:outbox:${sessionId}:${participantId}`,
  facilitated: 'tablehop:facilitated',
};
