import { describe, expect, it } from 'vitest';
import { checkRules, planFigures, planSeats, roundFigures, type RotationPerson, type RotationTable } from '../../shared/rotation/index.ts';
import { KNOWN_DESIGNS } from '../../shared/rotation/known.ts';

/**
 * The classic instances from the literature, as a facilitator would set them up: one question for
 * the whole café, tables of the same size, nobody hosting. The engine must find the known optima.
 */

const NAMES = [
  'Aïcha Benali',
  'Оксана Коваленко',
  'محمد الفارسي',
  '陈晓明',
  'José María Fernández-Ortega',
  'Ngozi Okonkwo-Adeyemi',
  'Søren Kierkegaard-Møller',
  'Priya Raghunathan',
];

function cafe(people: number, tables: number, capacity: number) {
  const ts: RotationTable[] = Array.from({ length: tables }, (_, i) => ({
    id: `t${i + 1}`,
    question: 'What would make our city liveable in 2040?',
    mode: 'room',
    capacity,
    hostId: null,
  }));
  const ps: RotationPerson[] = Array.from({ length: people }, (_, i) => ({
    id: `p${i + 1}`,
    group: `${NAMES[i % NAMES.length]} circle ${i % 4}`,
    presence: 'room',
    pinnedTo: null,
  }));
  return { tables: ts, people: ps };
}

function seatAllRounds(people: number, tables: number, capacity: number, rounds: number) {
  const plan = planSeats({ ...cafe(people, tables, capacity), history: [], rounds: Array.from({ length: rounds }, (_, i) => i + 1), seedFor: (r) => 1000 + r });
  const figured = plan.rounds.map((r, i) => ({ request: plan.requests[i]!, seats: r.seats, figures: roundFigures(plan.requests[i]!, r.seats) }));
  return { plan, figures: planFigures(figured) };
}

describe('the designs the engine starts from', () => {
  it('are resolvable packings: each round seats everyone once, and no two people sit together twice', () => {
    for (const design of KNOWN_DESIGNS) {
      const met = new Set<number>();
      for (const round of design.rounds) {
        expect(round).toHaveLength(design.tables);
        expect(round.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: design.tables * design.size }, (_, i) => i));
        for (const table of round) {
          expect(table).toHaveLength(design.size);
          for (const a of table)
            for (const b of table)
              if (a < b) {
                expect(met.has(a * 1000 + b)).toBe(false);
                met.add(a * 1000 + b);
              }
        }
      }
    }
  });
});

describe('the classic instances', () => {
  it('seats Kirkman’s fifteen schoolgirls three by three for seven days, each pair walking together once', () => {
    const { plan, figures } = seatAllRounds(15, 5, 3, 7);
    expect(figures.extraMeetings).toBe(0);
    plan.rounds.forEach((r, i) => expect(checkRules(plan.requests[i]!, r.seats)).toEqual([]));
  });

  it('seats 32 social golfers in fours for ten rounds, nobody playing with anyone twice (8-4-10)', { timeout: 60_000 }, () => {
    const { plan, figures } = seatAllRounds(32, 8, 4, 10);
    expect(figures.extraMeetings).toBe(0);
    expect(figures.distinctRepeatedPairs).toBe(0);
    plan.rounds.forEach((r, i) => expect(checkRules(plan.requests[i]!, r.seats)).toEqual([]));
  });
});

describe('a hosted café where the rules, not the pairs, are tight', () => {
  const GROUPS = ['Ministère de l’Environnement', 'شركة المياه الوطنية', 'Civil society', 'Universidad de Chile', 'Технічна спільнота'];

  /** 30 people, 6 from each of 5 groups, at 6 tables of 5, each with its own question and a host who stays. */
  function hostedCafe() {
    const people: RotationPerson[] = Array.from({ length: 30 }, (_, i) => ({
      id: `p${i + 1}`,
      group: GROUPS[(i * 7) % 5]!,
      presence: 'room',
      pinnedTo: null,
    }));
    const tables: RotationTable[] = Array.from({ length: 6 }, (_, i) => ({
      id: `t${i + 1}`,
      question: `${['Water', 'Housing', 'Transport', 'Schools', 'Parks', 'Jobs'][i]}: what would you change first?`,
      mode: 'room',
      capacity: 5,
      hostId: people[i]!.id,
    }));
    return { tables, people };
  }

  it('seats the 24 travellers for 5 rounds with nobody meeting anyone twice, hosts included, and nobody back at a question', { timeout: 30_000 }, () => {
    for (const seed of [1, 2]) {
      const plan = planSeats({ ...hostedCafe(), history: [], rounds: [1, 2, 3, 4, 5], seedFor: (r) => seed * 100 + r });
      const figured = plan.rounds.map((r, i) => ({ request: plan.requests[i]!, seats: r.seats, figures: roundFigures(plan.requests[i]!, r.seats) }));
      const figures = planFigures(figured);
      expect(figures.extraMeetings).toBe(0);
      expect(figures.returns).toBe(0);
      expect(figures.singleGroupTables).toBe(0);
      plan.rounds.forEach((r, i) => {
        expect(checkRules(plan.requests[i]!, r.seats)).toEqual([]);
        for (let t = 1; t <= 6; t++) expect(r.seats[`p${t}`]).toBe(`t${t}`);
      });
    }
  });
});
