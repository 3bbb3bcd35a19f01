import { describe, expect, it } from 'vitest';
import { replay } from '../../shared/domain/apply.ts';
import { planRemaining, planRound, seatUnseated } from '../../shared/domain/seating.ts';
import { Cafe, participant, rulesBroken, seated, setup } from '../support/domain.ts';

function sixTables() {
  return new Cafe(
    setup({
      tables: Array.from({ length: 6 }, (_, i) => ({ question: `Question ${i + 1}` })),
      rounds: 4,
    }),
  );
}

// Previews plan whole cafés (up to a second of a core; more on a busy machine).
describe('seating a café with the rotation engine', { timeout: 60_000 }, () => {
  it('applies at the end of a round exactly the seating the facilitator previewed and accepted', () => {
    const cafe = sixTables();
    cafe.joinMany(30);
    cafe.do({ type: 'seating:assign' });
    cafe.do({ type: 'round:start', round: 1 });
    const preview = cafe.preview();
    expect(preview.rounds.map((r) => r.round)).toEqual([2, 3, 4]);
    cafe.do(cafe.accept(preview));
    cafe.do({ type: 'round:end', round: 1 });
    expect(cafe.state.seats).toEqual(seated(preview.rounds[0]!.seats));
    expect(preview.rounds[0]!.figures.repeatedPairs).toBe(0);
  });

  it('seats the whole lobby exactly as the accepted plan starts', () => {
    const cafe = sixTables();
    cafe.joinMany(30);
    const preview = cafe.preview();
    expect(preview.rounds.map((r) => r.round)).toEqual([1, 2, 3, 4]);
    cafe.do(cafe.accept(preview));
    cafe.do({ type: 'seating:assign' });
    expect(cafe.state.seats).toEqual(seated(preview.rounds[0]!.seats));
  });

  it('keeps the host with their question and sends everyone else to a new question, round after round', () => {
    const cafe = sixTables();
    const people = cafe.joinMany(30);
    cafe.do({ type: 'seating:assign' });
    const host = people[0]!;
    const hostTable = cafe.tableOf(host)!;
    cafe.do({ type: 'host:assign', tableId: hostTable, participantId: host });
    for (let round = 1; round <= 3; round++) {
      cafe.do({ type: 'round:start', round });
      cafe.do({ type: 'round:end', round });
      expect(cafe.tableOf(host)).toBe(hostTable);
      expect(rulesBroken(cafe.state, round + 1)).toEqual([]);
      // Six questions for four rounds: every traveller meets a new one, in the round just seated and the next one planned.
      expect(planRemaining({ ...cafe.state, phase: 'round', round }).rounds[0]!.figures.returns).toBe(0);
    }
  });

  it('keeps a manual move with a pin in every later round', () => {
    const cafe = sixTables();
    const people = cafe.joinMany(24);
    cafe.do({ type: 'seating:assign' });
    const pinned = people[5]!;
    const target = cafe.state.tables.find((t) => t.id !== cafe.tableOf(pinned))!.id;
    cafe.do({ type: 'participant:move', participantId: pinned, tableId: target, pin: true });
    for (let round = 1; round <= 3; round++) {
      cafe.do({ type: 'round:start', round });
      cafe.do({ type: 'round:end', round });
      expect(cafe.tableOf(pinned)).toBe(target);
    }
  });

  it('seats a late joiner during a round without moving anyone, and plans them into the next round', () => {
    const cafe = sixTables();
    cafe.joinMany(29);
    cafe.do({ type: 'seating:assign' });
    cafe.do({ type: 'round:start', round: 1 });
    const before = Object.fromEntries(cafe.state.seats);
    const late = cafe.join('Latecomer', 'Academia');
    const seat = cafe.tableOf(late)!;
    expect(seat).toBeDefined();
    expect(Object.fromEntries([...cafe.state.seats].filter(([pid]) => pid !== late))).toEqual(before);
    // The table short of a person got them: every table now seats five.
    expect([...cafe.state.seats.values()].filter((t) => t === seat)).toHaveLength(5);
    cafe.do({ type: 'round:end', round: 1 });
    expect(cafe.tableOf(late)).toBeDefined();
    expect(rulesBroken(cafe.state, 2)).toEqual([]);
  });

  it('frees the seat of someone who leaves and plans the next round without them', () => {
    const cafe = sixTables();
    const people = cafe.joinMany(30);
    cafe.do({ type: 'seating:assign' });
    cafe.do({ type: 'round:start', round: 1 });
    const leaver = people[3]!;
    cafe.do({ type: 'participant:leave' }, participant(leaver));
    expect(cafe.tableOf(leaver)).toBeUndefined();
    expect(planRound(cafe.state, 2)).not.toHaveProperty(leaver);
    cafe.do({ type: 'round:end', round: 1 });
    expect(cafe.tableOf(leaver)).toBeUndefined();
    expect(rulesBroken(cafe.state, 2)).toEqual([]);
  });

  it('gives the same seats when the same log is replayed, and different ones for a reshuffle', () => {
    const cafe = sixTables();
    cafe.joinMany(30);
    cafe.do({ type: 'seating:assign' });
    cafe.do({ type: 'round:start', round: 1 });
    const again = replay(cafe.log);
    expect(planRound(again, 2)).toEqual(planRound(cafe.state, 2));
    const reshuffled = planRemaining(cafe.state, { attempt: 1 });
    const first = planRemaining(cafe.state);
    expect(reshuffled.rounds[0]!.seats).not.toEqual(first.rounds[0]!.seats);
    expect(reshuffled.figures.returns).toBe(0);
    expect(Math.abs(reshuffled.figures.extraMeetings - first.figures.extraMeetings)).toBeLessThanOrEqual(2);
  });

  it('seats nobody who already has a seat, and only the candidates it is given', () => {
    const cafe = sixTables();
    cafe.joinMany(12);
    cafe.do({ type: 'seating:assign' });
    expect(seatUnseated(cafe.state)).toEqual({});
  });
});
