import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  asSittings,
  checkRules,
  planSeats,
  randomRound,
  repeatedPairsLowerBound,
  roundFigures,
  seatRound,
  type RotationPerson,
  type RotationTable,
  type RoundRequest,
  type RoundSittings,
  type Seating,
} from '../../shared/rotation/index.ts';

/**
 * Random cafés, seated round after round while people join late, leave, get pinned, moved by hand
 * mid-round and made hosts; every seating is held to the hard rules by the independent checker.
 * Seeded, so a failure is reproducible; failing seeds found so far are kept as named cases below.
 */

/** Fixed so failures reproduce; ROTATION_SEED and ROTATION_RUNS (a multiplier) explore further from the command line. */
const SEED = Number(process.env.ROTATION_SEED ?? 20261123);
const RUNS = Number(process.env.ROTATION_RUNS ?? 1);
/** Plans search hard on small cafés; on a busy two-core machine a run of them takes a while. */
const SLOW = 60_000;

interface Cafe {
  tables: RotationTable[];
  people: RotationPerson[];
}

const modes = ['room', 'room', 'hybrid', 'remote'] as const;

const cafeArb = fc
  .record({
    tables: fc.array(fc.record({ mode: fc.constantFrom(...modes), capacity: fc.integer({ min: 2, max: 8 }), question: fc.integer({ min: 0, max: 5 }) }), {
      minLength: 1,
      maxLength: 9,
    }),
    people: fc.array(fc.record({ group: fc.integer({ min: 0, max: 4 }), remote: fc.boolean() }), { minLength: 0, maxLength: 48 }),
    hosts: fc.array(fc.nat(), { maxLength: 4 }),
    pins: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 4 }),
  })
  .map(({ tables, people, hosts, pins }): Cafe => {
    const ts: RotationTable[] = tables.map((t, i) => ({ id: `t${i}`, question: `q${t.question}`, mode: t.mode, capacity: t.capacity, hostId: null }));
    const ps: RotationPerson[] = people.map((p, i) => ({ id: `p${i}`, group: `g${p.group}`, presence: p.remote ? 'remote' : 'room', pinnedTo: null }));
    // Hosts and pins as the domain allows them: at a table that takes the person.
    for (const h of hosts) {
      const table = ts[h % ts.length]!;
      const host = ps.find((p) => !ts.some((t) => t.hostId === p.id) && (table.mode === 'hybrid' || table.mode === p.presence));
      if (host && !table.hostId) table.hostId = host.id;
    }
    for (const [who, where] of pins) {
      const p = ps[who % Math.max(1, ps.length)];
      const table = ts[where % ts.length]!;
      if (p && (table.mode === 'hybrid' || table.mode === p.presence)) p.pinnedTo = table.id;
    }
    return { tables: ts, people: ps };
  });

/**
 * Cafés where people wait: a few small tables, mostly hybrid or remote, a host now and then, and up
 * to twice as many people as seats, the remote ones competing for the hybrid seats. The bound once
 * took the first round's seats for every round's here, though a later round may open other tables.
 */
const waitingArb = fc
  .record({
    capacities: fc.array(fc.integer({ min: 2, max: 4 }), { minLength: 2, maxLength: 5 }),
    modes: fc.array(fc.constantFrom('hybrid', 'hybrid', 'remote', 'room'), { minLength: 5, maxLength: 5 }),
    over: fc.double({ min: 0.5, max: 2, noNaN: true }),
    remoteShare: fc.double({ min: 0, max: 0.6, noNaN: true }),
    hosted: fc.boolean(),
  })
  .map(({ capacities, modes, over, remoteShare, hosted }): Cafe => {
    const tables: RotationTable[] = capacities.map((capacity, i) => ({ id: `t${i}`, question: `q${i}`, mode: modes[i]!, capacity, hostId: null }));
    const seats = capacities.reduce((a, b) => a + b, 0);
    const count = Math.max(2, Math.round(seats * over));
    const people: RotationPerson[] = Array.from({ length: count }, (_, i) => ({
      id: `p${i}`,
      group: `g${i % 3}`,
      presence: i < count * remoteShare ? 'remote' : 'room',
      pinnedTo: null,
    }));
    const host = people[0]!;
    const table = tables.find((t) => t.mode === 'hybrid' || t.mode === host.presence);
    if (hosted && table) table.hostId = host.id;
    return { tables, people };
  });

/** What happens between rounds: someone leaves, someone arrives, a pin, a manual move during the round. */
const eventArb = fc.oneof(
  fc.record({ kind: fc.constant('leave' as const), who: fc.nat() }),
  fc.record({ kind: fc.constant('join' as const), group: fc.integer({ min: 0, max: 4 }), remote: fc.boolean() }),
  fc.record({ kind: fc.constant('pin' as const), who: fc.nat(), where: fc.nat() }),
  fc.record({ kind: fc.constant('move' as const), who: fc.nat(), where: fc.nat() }),
  fc.record({ kind: fc.constant('host' as const), who: fc.nat(), where: fc.nat() }),
);

const fits = (t: RotationTable, p: RotationPerson) => t.mode === 'hybrid' || t.mode === p.presence;

/** Plays a café through its rounds and returns every request and seating, for the properties to judge. */
function play(cafe: Cafe, rounds: number, events: { kind: string; who?: number; where?: number; group?: number; remote?: boolean }[][], seed: number) {
  const tables = cafe.tables.map((t) => ({ ...t }));
  let people = cafe.people.map((p) => ({ ...p }));
  const history: RoundSittings[] = [];
  const log: { request: RoundRequest; seats: Seating }[] = [];
  let joined = people.length;
  for (let r = 0; r < rounds; r++) {
    const request: RoundRequest = { tables: tables.map((t) => ({ ...t })), people: people.map((p) => ({ ...p })), history: [...history], seed: seed + r };
    const { seats } = seatRound(request);
    log.push({ request, seats });
    const sittings: Record<string, string[]> = {};
    for (const [pid, tid] of Object.entries(seats)) if (tid) sittings[pid] = [tid];
    for (const e of events[r] ?? []) {
      const someone = people.length ? people[(e.who ?? 0) % people.length] : undefined;
      const table = tables[(e.where ?? 0) % tables.length]!;
      switch (e.kind) {
        case 'leave':
          if (!someone) break;
          people = people.filter((p) => p !== someone);
          for (const t of tables) if (t.hostId === someone.id) t.hostId = null;
          break;
        case 'join': {
          // A late joiner is seated at once by the same engine, everyone else kept where they are.
          const newcomer: RotationPerson = { id: `late${joined++}`, group: `g${e.group}`, presence: e.remote ? 'remote' : 'room', pinnedTo: null };
          const fixed: Record<string, string> = {};
          for (const [pid, tids] of Object.entries(sittings)) if (people.some((p) => p.id === pid)) fixed[pid] = tids[tids.length - 1]!;
          const joinRequest: RoundRequest = {
            tables: tables.map((t) => ({ ...t })),
            people: [...people, newcomer].map((p) => ({ ...p })),
            history: [...history],
            fixed,
            seed: seed + 100 + r,
          };
          const joinSeats = seatRound(joinRequest).seats;
          log.push({ request: joinRequest, seats: joinSeats });
          people = [...people, newcomer];
          if (joinSeats[newcomer.id]) sittings[newcomer.id] = [joinSeats[newcomer.id]!];
          break;
        }
        case 'pin':
          if (someone && fits(table, someone) && !tables.some((t) => t.hostId === someone.id)) someone.pinnedTo = table.id;
          break;
        case 'move':
          // A manual move mid-round: they sat at both tables this round.
          if (someone && sittings[someone.id] && fits(table, someone) && !tables.some((t) => t.hostId === someone.id)) sittings[someone.id]!.push(table.id);
          break;
        case 'host':
          if (someone && sittings[someone.id]?.at(-1) === table.id && !tables.some((t) => t.hostId === someone.id) && !someone.pinnedTo)
            table.hostId = someone.id;
          break;
      }
    }
    history.push(sittings);
  }
  return log;
}

describe('every hard rule holds in every round', () => {
  it(
    'for random cafés through late joins, departures, pins, manual moves and new hosts',
    () => {
      fc.assert(
        fc.property(
          cafeArb,
          fc.integer({ min: 1, max: 4 }),
          fc.array(fc.array(eventArb, { maxLength: 4 }), { minLength: 4, maxLength: 4 }),
          fc.nat(),
          (cafe, rounds, events, seed) => {
            for (const { request, seats } of play(cafe, rounds, events, seed)) {
              expect(checkRules(request, seats)).toEqual([]);
            }
          },
        ),
        { seed: SEED, numRuns: 120 * RUNS },
      );
    },
    SLOW,
  );

  it(
    'for whole plans, and for the random baseline the benchmark compares against',
    () => {
      fc.assert(
        fc.property(cafeArb, fc.integer({ min: 1, max: 4 }), fc.nat(), (cafe, rounds, seed) => {
          const plan = planSeats({ ...cafe, history: [], rounds: Array.from({ length: rounds }, (_, i) => i + 1), seedFor: (r) => seed + r });
          plan.rounds.forEach((r, i) => expect(checkRules(plan.requests[i]!, r.seats)).toEqual([]));
          const request = plan.requests[plan.requests.length - 1]!;
          expect(checkRules(request, randomRound(request).seats)).toEqual([]);
        }),
        { seed: SEED + 1, numRuns: 40 * RUNS },
      );
    },
    SLOW,
  );
});

describe('the figures', () => {
  it(
    'never put the lower bound above what a plan or a random shuffle actually repeats',
    () => {
      fc.assert(
        fc.property(cafeArb, fc.integer({ min: 2, max: 4 }), fc.nat(), (cafe, rounds, seed) => {
          const roundNumbers = Array.from({ length: rounds }, (_, i) => i + 1);
          const bound = repeatedPairsLowerBound({ ...cafe, history: [], rounds }).total;
          const plan = planSeats({ ...cafe, history: [], rounds: roundNumbers, seedFor: (r) => seed + r });
          const engine = plan.rounds.reduce((sum, r, i) => sum + roundFigures(plan.requests[i]!, r.seats).repeatedPairs, 0);
          const history: RoundSittings[] = [];
          let shuffled = 0;
          for (const r of roundNumbers) {
            const request = { ...cafe, history: [...history], seed: seed + 50 + r };
            const seats = randomRound(request).seats;
            shuffled += roundFigures(request, seats).repeatedPairs;
            history.push(asSittings(seats));
          }
          expect(bound).toBeLessThanOrEqual(engine);
          expect(bound).toBeLessThanOrEqual(shuffled);
        }),
        { seed: SEED + 2, numRuns: 40 * RUNS },
      );
    },
    SLOW,
  );

  it(
    'never put the lower bound above a plan where people wait (more people than seats, few seats for remote people)',
    () => {
      fc.assert(
        fc.property(waitingArb, fc.integer({ min: 2, max: 4 }), fc.nat(), (cafe, rounds, seed) => {
          const bound = repeatedPairsLowerBound({ ...cafe, history: [], rounds }).total;
          const plan = planSeats({ ...cafe, history: [], rounds: Array.from({ length: rounds }, (_, i) => i + 1), seedFor: (r) => seed + r, effort: 0.3 });
          plan.rounds.forEach((r, i) => expect(checkRules(plan.requests[i]!, r.seats)).toEqual([]));
          const engine = plan.rounds.reduce((sum, r, i) => sum + roundFigures(plan.requests[i]!, r.seats).repeatedPairs, 0);
          expect(bound).toBeLessThanOrEqual(engine);
        }),
        { seed: SEED + 5, numRuns: 40 * RUNS },
      );
    },
    SLOW,
  );

  it(
    'never score a seating above the best mix the numbers allow',
    () => {
      fc.assert(
        fc.property(cafeArb, fc.nat(), (cafe, seed) => {
          const request = { ...cafe, history: [], seed };
          for (const seats of [seatRound(request).seats, randomRound(request).seats]) {
            const f = roundFigures(request, seats);
            expect(f.crossGroupPairs).toBeLessThanOrEqual(f.bestCrossGroupPairs);
          }
        }),
        { seed: SEED + 3, numRuns: 80 * RUNS },
      );
    },
    SLOW,
  );
});

describe('cases the properties found', () => {
  it('does not count someone waiting for the only table they fit as seated there (bound above the truth)', () => {
    const cafe: Cafe = {
      tables: [{ id: 't0', question: 'q0', mode: 'room', capacity: 2, hostId: null }],
      people: ['p0', 'p1', 'p2'].map((id) => ({ id, group: 'g0', presence: 'room' as const, pinnedTo: null })),
    };
    // Two seats, three people: whoever waits in round 1 sits in round 2, with someone new.
    expect(repeatedPairsLowerBound({ ...cafe, history: [], rounds: 2 }).total).toBe(0);
    const plan = planSeats({ ...cafe, history: [], rounds: [1, 2], seedFor: (r) => r });
    expect(plan.rounds.map((r) => r.seats.p2)).toEqual([null, 't0']);
    expect(plan.rounds.reduce((sum, r, i) => sum + roundFigures(plan.requests[i]!, r.seats).repeatedPairs, 0)).toBe(0);
  });
});

describe('determinism', () => {
  it(
    'gives the same seating for the same request and seed',
    () => {
      fc.assert(
        fc.property(cafeArb, fc.nat(), (cafe, seed) => {
          const request = { ...cafe, history: [], seed };
          expect(seatRound(request)).toEqual(seatRound(structuredClone(request)));
        }),
        { seed: SEED + 4, numRuns: 40 * RUNS },
      );
    },
    SLOW,
  );
});
