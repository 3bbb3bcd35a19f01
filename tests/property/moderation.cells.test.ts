import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { apply, replay } from '../../shared/domain/apply.ts';
import type { DomainEvent } from '../../shared/domain/events.ts';
import { cafeCreated } from '../support/facts.ts';
import type { SessionState } from '../../shared/domain/state.ts';
import { cellsBeforeFacts, cellsTouched, writersAt } from '../../server/views/moderation.ts';

/**
 * The k rule reads each (table, round)'s writers from a count `apply` keeps, not from the notes.
 * Over random runs of note facts (added, some held, now and then under an id already used; deleted,
 * twice even; released, of notes held or not; hidden; authors muted), the count must be what the
 * notes themselves say: a count one off would show staff a round at two writers. Seeded, so a
 * failure is reproducible.
 */

const SEED = Number(process.env.CELLS_SEED ?? 20261202);
const TABLES = 3;
const PEOPLE = 6;

type Step =
  { kind: 'add'; table: number; round: number; author: number; held: boolean; again?: number } | { kind: 'delete' | 'release' | 'hide' | 'mute'; note: number };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('add' as const),
      table: fc.nat({ max: TABLES - 1 }),
      round: fc.integer({ min: 1, max: 2 }),
      author: fc.nat({ max: PEOPLE - 1 }),
      held: fc.boolean(),
      // Now and then the id of a note added before: no decision allows it, and the count must still hold.
      again: fc.oneof({ weight: 7, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.nat({ max: 40 }) }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constantFrom('delete' as const, 'release' as const, 'hide' as const, 'mute' as const), note: fc.nat({ max: 40 }) }),
  },
);

/**
 * The facts of a café where these steps happen, from its creation on. `decided`: only facts a
 * decision would append (no release of a note not held, no second delete, no repeated id).
 */
function factsOf(steps: Step[], decided = false): DomainEvent[] {
  const events: DomainEvent[] = [cafeCreated(TABLES, 8)];
  for (let i = 0; i < PEOPLE; i++)
    events.push({ type: 'participant:joined', at: 0, participantId: `p${i}`, name: `P${i}`, group: 'G', presence: 'room', tokenHash: `h${i}` });
  const added: { id: string; author: string; held: boolean; deleted: boolean }[] = [];
  for (const step of steps) {
    if (step.kind === 'add') {
      const reused = step.again === undefined || decided ? undefined : added[step.again % Math.max(1, added.length)];
      const id = reused?.id ?? `n${added.length}`;
      if (!reused) added.push({ id, author: `p${step.author}`, held: step.held, deleted: false });
      else Object.assign(reused, { author: `p${step.author}`, held: step.held, deleted: false });
      events.push({
        type: 'note:added',
        at: 0,
        noteId: id,
        tableId: `t${step.table + 1}`,
        round: step.round,
        authorId: `p${step.author}`,
        text: 'x',
        kind: null,
        ...(step.held ? { held: true as const } : {}),
      });
      continue;
    }
    const note = added[step.note % Math.max(1, added.length)];
    if (!note) continue;
    if (decided && ((step.kind === 'delete' && note.deleted) || (step.kind === 'release' && (!note.held || note.deleted)))) continue;
    if (step.kind === 'delete') events.push({ type: 'note:deleted', at: 0, noteId: note.id });
    if (step.kind === 'release') events.push({ type: 'note:released', at: 0, noteId: note.id });
    if (step.kind === 'delete') note.deleted = true;
    if (step.kind === 'release') note.held = false;
    if (step.kind === 'hide') events.push({ type: 'note:hidden', at: 0, noteId: note.id, hidden: true });
    if (step.kind === 'mute') events.push({ type: 'author:muted', at: 0, noteId: note.id, participantId: note.author });
  }
  return events;
}

function cafe(steps: Step[]): SessionState {
  return replay(factsOf(steps));
}

/** The writers of a (table, round) counted from the notes themselves, as the k rule once scanned them. */
function counted(state: SessionState, tableId: string, round: number): Set<string> {
  const authors = new Set<string>();
  for (const n of state.notes.values()) if (n.tableId === tableId && n.round === round && !n.deleted && !n.held) authors.add(n.authorId);
  return authors;
}

describe('the writers the k rule counts at each table and round', () => {
  it('are always those the notes show, whatever was added, held, deleted, released or hidden', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 80 }), (steps) => {
        const state = cafe(steps);
        for (let t = 1; t <= TABLES; t++) {
          for (const round of [1, 2]) {
            expect(writersAt(state, { tableId: `t${t}`, round })).toBe(counted(state, `t${t}`, round).size);
          }
        }
      }),
      { seed: SEED, numRuns: 400 },
    );
  });

  it('do not count a note deleted twice, or released when it was never held, twice over', () => {
    const state = cafe([
      { kind: 'add', table: 0, round: 1, author: 0, held: false },
      { kind: 'add', table: 0, round: 1, author: 1, held: true },
      { kind: 'delete', note: 0 },
      { kind: 'delete', note: 0 },
      { kind: 'release', note: 0 },
      { kind: 'release', note: 1 },
      { kind: 'release', note: 1 },
    ]);
    expect(writersAt(state, { tableId: 't1', round: 1 })).toBe(1);
    expect(state.cellWriters.get('t1')?.get(1)).toEqual(new Map([['p1', 1]]));
  });

  it('are known before any run of facts the same way live and in a replay, which has only the state after', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 80 }), fc.nat(), (steps, cut) => {
        // Only what decisions append: a replay reads the past from them (a release was of a held note).
        const facts = factsOf(steps, true);
        const at = 1 + PEOPLE + (cut % (facts.length - PEOPLE));
        const state = replay(facts.slice(0, at));
        const missed = facts.slice(at);
        // Live: read before the facts are applied. Replay: worked out after, from the notes.
        const live = cellsTouched(state, missed);
        // What a facilitator connected all along was shown of each cell: its count after each fact, when it moved.
        const along = new Map([...live].map(([key, cell]) => [key, [...cell.shown]]));
        for (const e of missed) {
          apply(state, e);
          for (const [key, counts] of along) if (writersAt(state, live.get(key)!) !== counts.at(-1)) counts.push(writersAt(state, live.get(key)!));
        }
        const replayed = cellsBeforeFacts(state, missed);
        expect([...replayed.keys()]).toEqual([...live.keys()]);
        for (const [key, cell] of replayed) expect(cell.shown.filter((w, i) => i === 0 || w !== cell.shown[i - 1])).toEqual(along.get(key));
      }),
      { seed: SEED, numRuns: 400 },
    );
  });
});
