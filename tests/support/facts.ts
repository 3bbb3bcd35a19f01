import type { EventOf } from '../../shared/domain/events.ts';
import type { Table } from '../../shared/domain/state.ts';

/**
 * The first fact of a bare café, for tests that build a session from facts rather than commands:
 * `tables` tables t1…tN of one question and one capacity, two rounds, one stakeholder group.
 */
export function cafeCreated(tables: number, capacity: number): EventOf<'session:created'> {
  const list: Table[] = Array.from({ length: tables }, (_, i) => ({
    id: `t${i + 1}`,
    name: `T${i + 1}`,
    question: 'Q',
    videoUrl: null,
    mode: 'hybrid',
    capacity,
    hostId: null,
  }));
  return {
    type: 'session:created',
    at: 0,
    sessionId: 's',
    code: 'C',
    facilitatorKeyHash: 'f',
    config: { title: 'T', description: '', rounds: 2, roundSeconds: 60, movingSeconds: 0, autoAdvance: false, stakeholderGroups: ['G'] },
    tables: list,
  };
}
