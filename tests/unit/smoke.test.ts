import { describe, expect, it } from 'vitest';
import { Cafe, participant } from '../support/domain.ts';

describe('smoke', () => {
  it('runs three rounds', () => {
    const cafe = new Cafe();
    const people = cafe.joinMany(12);
    cafe.do({ type: 'seating:assign' });
    cafe.do({ type: 'round:start', round: 1 });
    const p = people[0]!;
    cafe.do({ type: 'note:add', id: 'note-0001', tableId: cafe.tableOf(p)!, round: 1, text: 'hello' }, participant(p));
    cafe.do({ type: 'round:end', round: 1 });
    expect(cafe.state.phase).toBe('moving');
    cafe.do({ type: 'round:start', round: 2 });
    expect(cafe.state.round).toBe(2);
  });
});
