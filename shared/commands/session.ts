import { defaultStakeholderGroups } from '../domain/stakeholders.ts';
import type { DomainEvent } from '../domain/events.ts';
import type { Table } from '../domain/state.ts';
import type { SessionSetup } from '../protocol/schemas.ts';

/**
 * A session's first fact, from the setup a facilitator posted (over HTTP, before any socket
 * exists). The shell supplies the session id, the join code and the facilitator key's hash.
 */

const DEFAULT_CAPACITY = 8;

export function decideCreate(
  setup: SessionSetup,
  made: { sessionId: string; code: string; facilitatorKeyHash: string; orderKey?: string },
  now: number,
): DomainEvent[] {
  const tables: Table[] = setup.tables.map((t, i) => ({
    id: `t${i + 1}`,
    name: t.name || `Table ${i + 1}`,
    question: t.question,
    videoUrl: t.videoUrl ?? null,
    mode: t.mode ?? 'hybrid',
    capacity: t.capacity ?? DEFAULT_CAPACITY,
    hostId: null,
  }));
  return [
    {
      type: 'session:created',
      at: now,
      sessionId: made.sessionId,
      code: made.code,
      facilitatorKeyHash: made.facilitatorKeyHash,
      config: {
        title: setup.title,
        description: setup.description ?? '',
        rounds: setup.rounds,
        roundSeconds: setup.roundSeconds,
        movingSeconds: setup.movingSeconds,
        autoAdvance: setup.autoAdvance,
        ...(setup.warningSeconds !== undefined ? { warningSeconds: setup.warningSeconds } : {}),
        stakeholderGroups: setup.stakeholderGroups ?? defaultStakeholderGroups(setup.language),
        ...(setup.date ? { date: setup.date } : {}),
        ...(setup.place ? { place: setup.place } : {}),
        ...(setup.language ? { language: setup.language } : {}),
        ...(setup.askOrganisation ? { askOrganisation: true } : {}),
      },
      tables,
      ...(setup.admission && setup.admission !== 'open' ? { admission: setup.admission } : {}),
      ...(setup.wordList ? { wordList: true } : {}),
      ...(made.orderKey ? { orderKey: made.orderKey } : {}),
    },
  ];
}
