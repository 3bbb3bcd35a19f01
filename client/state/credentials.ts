import { keys, readJson, writeJson } from './storage.ts';

/** What this browser remembers so a reload (or a phone that slept) keeps its place. */

export interface ParticipantCredentials {
  token: string;
  code: string;
  name: string;
  /** Learnt from the first snapshot; keys the outbox. */
  participantId?: string;
}

export const participantCredentials = {
  get: (sessionId: string) => readJson<ParticipantCredentials>(keys.participant(sessionId)),
  set: (sessionId: string, creds: ParticipantCredentials) => writeJson(keys.participant(sessionId), creds),
  forget: (sessionId: string) => {
    writeJson(keys.participant(sessionId), null);
    writeJson(keys.participantView(sessionId), null);
  },
};

export interface FacilitatedSession {
  sessionId: string;
  token: string;
  title: string;
  code: string;
  createdAt: number;
}

const MAX_REMEMBERED = 20;

export const facilitatedSessions = {
  list: (): FacilitatedSession[] => readJson<FacilitatedSession[]>(keys.facilitated) ?? [],
  get: (sessionId: string) => facilitatedSessions.list().find((s) => s.sessionId === sessionId) ?? null,
  remember(entry: FacilitatedSession) {
    const others = facilitatedSessions.list().filter((s) => s.sessionId !== entry.sessionId);
    writeJson(keys.facilitated, [entry, ...others].slice(0, MAX_REMEMBERED));
  },
  update(sessionId: string, patch: Partial<FacilitatedSession>) {
    const list = facilitatedSessions.list();
    const i = list.findIndex((s) => s.sessionId === sessionId);
    if (i < 0) return;
    list[i] = { ...list[i]!, ...patch };
    writeJson(keys.facilitated, list);
  },
};
