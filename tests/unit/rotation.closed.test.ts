import { describe, expect, it } from 'vitest';
import {
  checkRules,
  planRemaining,
  repeatedPairsLowerBound,
  type RotationPerson,
  type RotationTable,
  type RoundSittings,
} from '../../shared/rotation/index.ts';

// Nine people, five tables of four, a question each: three tables of three open every round.
const questions = ['Où manque-t-il des arbres ?', 'ما الذي يجعل الحي آمناً؟', 'Wie kommen wir zur Arbeit?', '¿Qué construirías primero?', '谁来照顾老人？'];
const tables: RotationTable[] = questions.map((question, i) => ({ id: `t${i}`, question, mode: 'room', capacity: 4, hostId: null }));
const names = [
  'Amina Al-Farouqi',
  'Bérénice Delacroix-Lefèvre',
  'Wang Xiuying',
  'Joaquín Hernández',
  'Fatima Zahra Benali',
  'Ludwig Oberhäuser',
  'Chen Jianguo',
  'María José Ortega',
  'Yasmin Haddad',
];
const groups = ['Government', 'Civil society', 'Academia'];
const people: RotationPerson[] = names.map((name, i) => ({ id: name, group: groups[(i + Math.floor(i / 3)) % 3]!, presence: 'room', pinnedTo: null }));

/** Seats written as one digit (the table) per person, in the order above. */
const round = (digits: string): Record<string, string> => Object.fromEntries(names.map((name, i) => [name, `t${digits[i]}`]));

function extraMeetings(rounds: readonly Record<string, string>[]): number {
  const met = new Map<string, number>();
  let extra = 0;
  for (const seats of rounds) {
    for (const [a, ta] of Object.entries(seats)) {
      for (const [b, tb] of Object.entries(seats)) {
        if (a >= b || ta !== tb) continue;
        const times = met.get(`${a}|${b}`) ?? 0;
        if (times > 0) extra++;
        met.set(`${a}|${b}`, times + 1);
      }
    }
  }
  return extra;
}

describe('a café whose tables close: nine people at five tables over four rounds', () => {
  it('has a bound of 6 extra meetings, which a plan keeping every rule reaches', () => {
    const bound = repeatedPairsLowerBound({ tables, people, history: [], rounds: 4 });
    // Any two sets of three of five tables share one, so nobody back at a question costs 2 a round;
    // the exhaustive search finds nothing under 6, nor under 3 distinct pairs.
    expect(bound.total).toBe(6);
    expect(bound.distinct).toBe(3);

    // The plan that reaches it: the same three tables for three rounds (no return, 3 repeats a round
    // after the first), then everyone has discussed those three questions, so three must go back.
    const plan = [round('000111222'), round('112022001'), round('221200110'), round('034403034')];
    const history: RoundSittings[] = [];
    for (const seats of plan) {
      expect(checkRules({ tables, people, history, seed: 0 }, seats)).toEqual([]);
      history.push(Object.fromEntries(Object.entries(seats).map(([pid, tid]) => [pid, [tid]])));
    }
    expect(extraMeetings(plan)).toBe(6);
  });

  it('is kept by the engine, which sends nobody back', () => {
    const plan = planRemaining({ tables, people, history: [], rounds: [1, 2, 3, 4], seedFor: (r) => r });
    expect(plan.figures.returns).toBe(0);
    expect(plan.figures.extraMeetings).toBeGreaterThanOrEqual(plan.figures.lowerBound.total);
    expect(plan.figures.lowerBound.total).toBe(6);
  });
});

describe('who waits while a closed table could seat them', () => {
  it('reports the two who wait at tables of 3 + 3 while the table of 8 stays closed, since 5 + 3 seats all eight', () => {
    const question = 'What would make this street safer at night?';
    const cafeTables: RotationTable[] = [8, 3, 3].map((capacity, i) => ({ id: `t${i}`, question, mode: 'room', capacity, hostId: null }));
    const people: RotationPerson[] = names.slice(0, 8).map((id, i) => ({ id, group: `g${i % 3}`, presence: 'room', pinnedTo: null }));
    const request = { tables: cafeTables, people, history: [], seed: 0 };
    const seats = Object.fromEntries(people.map((p, i) => [p.id, i < 3 ? 't1' : i < 6 ? 't2' : null]));
    const broken = checkRules(request, seats);
    expect(broken.filter((v) => v.rule === 'waiting-unfair').map((v) => v.personId)).toEqual([people[6]!.id, people[7]!.id]);
    // Opening the table of 8 for five of them and keeping one table of 3 seats everyone: nothing to report.
    const everyone = Object.fromEntries(people.map((p, i) => [p.id, i < 5 ? 't0' : 't1']));
    expect(checkRules(request, everyone)).toEqual([]);
  });
});
