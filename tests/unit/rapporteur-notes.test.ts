import { describe, expect, it } from 'vitest';
import { replay } from '../../shared/domain/apply.ts';
import type { DomainEvent } from '../../shared/domain/events.ts';
import { rapporteurNotes } from '../../server/views/moderation.ts';
import { replayable } from '../../server/realtime/fanout/replay.ts';
import { cafeCreated } from '../support/facts.ts';

/**
 * A rapporteur's board is held to the k rule on rounds as the facilitators' list is: where fewer
 * than three people wrote at a table in a round, its notes come without their round, and where
 * they sit in the list says nothing of it either.
 */

const joined = (i: number): DomainEvent => ({
  type: 'participant:joined',
  at: 0,
  participantId: `p${i}`,
  name: `P${i}`,
  group: 'G',
  presence: 'room',
  tokenHash: `h${i}`,
});
const note = (id: string, round: number, author: number, tableId = 't1'): DomainEvent => ({
  type: 'note:added',
  at: 0,
  noteId: id.padEnd(21, '_'),
  tableId,
  round,
  authorId: `p${author}`,
  text: id,
  kind: null,
});

describe('the rapporteur’s notes', () => {
  it('list a round not shown apart from the round it was written in', () => {
    // Table 1: three people in round 1, one of them alone again in round 2.
    const state = replay([cafeCreated(2, 8), joined(0), joined(1), joined(2), note('a', 1, 0), note('b', 1, 1), note('lonely', 2, 0), note('c', 1, 2)]);
    const list = rapporteurNotes(state).map((n) => [n.text, n.round]);
    expect(list).toContainEqual(['lonely', 0]);
    for (const id of ['a', 'b', 'c']) expect(list).toContainEqual([id, 1]);
    // Grouped by what the view shows: the note without its round first, not among round 2's.
    expect(list[0]).toEqual(['lonely', 0]);
  });

  it('never come as a replay to a link made after the version it claims', () => {
    const invited: DomainEvent = { type: 'rapporteur:invited', at: 0, rapporteurId: 'r'.padEnd(12, 'x'), label: 'R', tokenHash: 'rh' };
    const missed = [note('a', 1, 0), invited, note('b', 1, 1)];
    expect(replayable({ role: 'rapporteur', rapporteurId: 'r'.padEnd(12, 'x') }, missed)).toBe(false);
    expect(replayable({ role: 'rapporteur', rapporteurId: 'r'.padEnd(12, 'y') }, missed)).toBe(true);
    const cofacilitator: DomainEvent = { type: 'cofacilitator:invited', at: 0, cofacilitatorId: 'c'.padEnd(12, 'x'), label: 'C', tokenHash: 'ch' };
    expect(replayable({ role: 'cofacilitator', cofacilitatorId: 'c'.padEnd(12, 'x') }, [note('a', 1, 0), cofacilitator])).toBe(false);
    expect(replayable({ role: 'facilitator' }, [note('a', 1, 0), cofacilitator])).toBe(true);
  });
});
