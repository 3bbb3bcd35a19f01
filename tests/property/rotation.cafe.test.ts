import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SessionState } from '../../shared/domain/state.ts';
import { checkRules } from '../../shared/rotation/index.ts';
import { Cafe, participant, seated, setup } from '../support/domain.ts';

/**
 * Whole cafés driven through the real commands: people join (also mid-round), leave, get moved and
 * pinned by the facilitator, become hosts, the facilitator accepts a previewed plan (or a reshuffle),
 * and rounds end; every seating the engine produces (the next round's, planned, followed from an
 * accepted plan or repaired from it, and each late joiner's) is held to the hard rules as the café
 * stood when it was made, and a plan accepted with nothing changed since is followed exactly.
 */

const SEED = Number(process.env.ROTATION_SEED ?? 20261124);
const RUNS = Number(process.env.ROTATION_RUNS ?? 1);

const GROUPS = ['Government', 'Private sector', 'Civil society', 'Technical community', 'Academia'];

/** The rules for the café's seats now, judged against the history as it stood when they were decided. */
function rulesBroken(state: SessionState, sittings: SessionState['sittings'], lastHistoryRound: number, fixed?: Record<string, string>, only?: Set<string>) {
  const people = [...state.participants.values()]
    .filter((p) => p.status === 'active' && (!only || only.has(p.id)))
    .sort((a, b) => a.joinedAt - b.joinedAt || (a.id < b.id ? -1 : 1))
    .map((p) => ({ id: p.id, group: p.group, presence: p.presence, pinnedTo: p.pinnedTo }));
  const history = [];
  for (let r = 1; r <= lastHistoryRound; r++) if (sittings.get(r)) history.push(Object.fromEntries(sittings.get(r)!));
  const seats = Object.fromEntries(people.map((p) => [p.id, state.seats.get(p.id) ?? null]));
  return checkRules({ tables: state.tables, people, history, seed: 0, ...(fixed ? { fixed } : {}) }, seats);
}

/** Whether a table of the same kind as this one has nobody at it. */
function besideEmpty(state: SessionState, tableId: string): boolean {
  const mode = state.tables.find((t) => t.id === tableId)?.mode;
  const seated = new Set(state.seats.values());
  return state.tables.some((t) => t.mode === mode && !seated.has(t.id));
}

const stepArb = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('join' as const), group: fc.integer({ min: 0, max: 4 }), remote: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('leave' as const), who: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('pin' as const), who: fc.nat(), where: fc.nat(), pin: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('host' as const), who: fc.nat() }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('next' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('accept' as const), attempt: fc.integer({ min: 0, max: 2 }) }) },
);

const cafeArb = fc.record({
  tables: fc.array(
    fc.record({
      mode: fc.constantFrom('room' as const, 'room' as const, 'hybrid' as const, 'remote' as const),
      capacity: fc.integer({ min: 2, max: 8 }),
      question: fc.integer({ min: 0, max: 4 }),
    }),
    { minLength: 2, maxLength: 6 },
  ),
  initial: fc.array(fc.record({ group: fc.integer({ min: 0, max: 4 }), remote: fc.boolean() }), { minLength: 1, maxLength: 30 }),
  steps: fc.array(stepArb, { maxLength: 24 }),
});

describe('a café run through its commands keeps every hard rule', () => {
  it('in every round the engine plans and for every late joiner it seats', () => {
    fc.assert(
      fc.property(cafeArb, ({ tables, initial, steps }) => {
        const cafe = new Cafe(
          setup({
            tables: tables.map((t) => ({ question: `Question ${t.question + 1}`, mode: t.mode, capacity: t.capacity })),
            rounds: 4,
          }),
        );
        let count = 0;
        const join = (group: number, remote: boolean) => cafe.join(`Person ${++count}`, GROUPS[group], remote ? 'remote' : 'room');
        for (const p of initial) join(p.group, p.remote);
        cafe.do({ type: 'seating:assign' });
        expect(rulesBroken(cafe.state, new Map(), 0, {})).toEqual([]);
        if (!cafe.try({ type: 'round:start', round: 1 }).ok) return;
        cafe.do({ type: 'round:start', round: 1 });
        const active = () => [...cafe.state.participants.values()].filter((p) => p.status === 'active');
        for (const step of steps) {
          if (cafe.state.phase === 'harvest') break;
          const people = active();
          const someone = people.length ? people[('who' in step ? step.who : 0) % people.length] : undefined;
          switch (step.kind) {
            case 'join': {
              const before = Object.fromEntries(cafe.state.seats);
              const sittings = structuredClone(cafe.state.sittings);
              const newcomer = join(step.group, step.remote);
              // A join seats the newcomer around everyone seated; someone already waiting is not part of it
              // (they get a seat at the next "seat everyone" or round), so the rules are judged for those two sets.
              // Uneven sizes beside a table left empty are the one exception: a lone newcomer joins a
              // table with people rather than open an empty one that would name them (issue 12).
              const broken = rulesBroken(cafe.state, sittings, cafe.state.round, before, new Set([...Object.keys(before), newcomer]));
              expect(broken.filter((v) => !(v.rule === 'size-imbalance' && besideEmpty(cafe.state, v.tableId!)))).toEqual([]);
              break;
            }
            case 'leave':
              if (someone) cafe.do({ type: 'participant:leave' }, participant(someone.id));
              break;
            case 'pin': {
              if (!someone) break;
              const table = cafe.state.tables[step.where % cafe.state.tables.length]!;
              const move = { type: 'participant:move' as const, participantId: someone.id, tableId: table.id, pin: step.pin };
              if (cafe.try(move).ok) cafe.do(move);
              break;
            }
            case 'host': {
              const seat = someone && cafe.state.seats.get(someone.id);
              if (seat && cafe.try({ type: 'host:assign', tableId: seat, participantId: someone.id }).ok)
                cafe.do({ type: 'host:assign', tableId: seat, participantId: someone.id });
              break;
            }
            case 'accept': {
              const preview = cafe.preview(step.attempt);
              if (cafe.try(cafe.accept(preview)).ok) cafe.do(cafe.accept(preview));
              break;
            }
            case 'next': {
              const round = cafe.state.round;
              const plan = cafe.state.plan;
              const unchanged = plan !== null && plan.version === cafe.state.seatingVersion && plan.rounds.get(round + 1) !== undefined;
              cafe.do({ type: 'round:end', round });
              if (cafe.state.phase !== 'moving') break;
              // The next round was planned from the rounds before it, with hosts and pins as they stood.
              expect(rulesBroken(cafe.state, cafe.state.sittings, round)).toEqual([]);
              if (unchanged) expect(cafe.state.seats).toEqual(seated(plan.rounds.get(round + 1)!));
              cafe.do({ type: 'round:start', round: round + 1 });
              break;
            }
          }
        }
      }),
      { seed: SEED, numRuns: 40 * RUNS },
    );
  }, 120_000);
});
