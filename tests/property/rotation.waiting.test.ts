import { describe, expect, it } from 'vitest';
import { asSittings, checkRules, createRng, seatRound, type RotationPerson, type RotationTable, type RoundSittings } from '../../shared/rotation/index.ts';

/**
 * The rule that nobody waits while a seating with other tables open seats more must never fault the
 * engine's own seatings. A review drew 150 cafés (seeds 7000–7149: room, hybrid and remote tables,
 * as many remote as room people or more, hosts and pins at hybrid tables) and found 11 rounds
 * flagged: the count of who could sit ignored the hybrid seats hosts and pins hold.
 */
describe('the waiting rule against the engine', () => {
  it('finds nothing to fault in three rounds of 150 drawn cafés with hosts and pins at hybrid tables', () => {
    const faults: string[] = [];
    for (let seed = 0; seed < 150; seed++) {
      const r0 = createRng(seed + 7000);
      const rng = () => r0.next();
      const ri = (a: number, b: number) => a + Math.floor(rng() * (b - a + 1));
      const nt = ri(2, 10);
      const tables: RotationTable[] = Array.from({ length: nt }, (_, t) => ({
        id: `t${t}`,
        question: `q${t % ri(1, nt)}`,
        mode: (['room', 'room', 'hybrid', 'remote'] as const)[ri(0, 3)]!,
        capacity: ri(2, 9),
        hostId: null,
      }));
      const seats = tables.reduce((a, t) => a + t.capacity, 0);
      const n = ri(2, Math.round(seats * 1.2));
      const remoteShare = rng();
      const people: RotationPerson[] = Array.from({ length: n }, (_, i) => ({
        id: `p${i}`,
        group: `g${ri(0, 3)}`,
        presence: rng() < remoteShare ? 'remote' : 'room',
        pinnedTo: rng() < 0.1 ? `t${ri(0, nt - 1)}` : null,
      }));
      for (const t of tables) if (rng() < 0.4) t.hostId = `p${ri(0, n - 1)}`;
      const minTableSize = rng() < 0.3 ? ri(2, 5) : undefined;
      const history: RoundSittings[] = [];
      for (let r = 0; r < 3; r++) {
        const request = { tables, people, history: [...history], seed: seed * 10 + r, effort: 0.3, ...(minTableSize ? { minTableSize } : {}) };
        const { seats: seating } = seatRound(request);
        for (const v of checkRules(request, seating)) faults.push(`seed ${seed + 7000} round ${r + 1}: ${v.rule} ${v.detail}`);
        history.push(asSittings(seating));
      }
    }
    expect(faults).toEqual([]);
  });
});
