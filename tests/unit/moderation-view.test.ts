import { describe, expect, it } from 'vitest';
import type { StaffNoteView, TableRow } from '../../shared/protocol/views.ts';
import { emptyQuery, moderationList, roundsWithNotes } from '../../client/state/moderationSelectors.ts';
import { tableCards } from '../../client/state/facilitatorSelectors.ts';

/** What the moderation view lists, in which order, for what a facilitator types and ticks. */

const table = (id: string, name: string): TableRow => ({ id, name, question: 'Q', mode: 'hybrid', capacity: 8, videoUrl: null, hostId: null });
const tables = [table('t1', 'Table 1'), table('t2', 'Table 2')];
const note = (id: string, tableId: string, round: number, text: string, over: Partial<StaffNoteView> = {}): StaffNoteView => ({
  id,
  tableId,
  round,
  text,
  kind: null,
  edited: false,
  rank: id.split('').reverse().join(''),
  ...over,
});

const notes = [
  note('a1', 't1', 1, 'Le café était trop ÉTROIT'),
  note('b1', 't2', 1, 'Budgets should follow usage'),
  note('c2', 't1', 2, 'Who decides? Not you, idiots', { flags: 2 }),
  note('d2', 't1', 2, 'مرحبا بالجميع في المقهى', { kind: 'question' }),
  note('e2', 't2', 2, 'Fund maintenance', { hidden: true }),
  note('f0', '', 0, 'Held without its place', { held: true, placeWithheld: true }),
];

describe('the moderation list', () => {
  it('puts held notes without a place first, then the newest round, tables in order, keyed order within a table and round', () => {
    expect(moderationList(notes, tables, emptyQuery).map((n) => n.id)).toEqual(['f0', 'c2', 'd2', 'e2', 'a1', 'b1']);
    expect(roundsWithNotes(notes)).toEqual([2, 1]);
  });

  it('finds words whatever their case and accents, every word typed', () => {
    expect(moderationList(notes, tables, { ...emptyQuery, text: 'cafe etroit' }).map((n) => n.id)).toEqual(['a1']);
    expect(moderationList(notes, tables, { ...emptyQuery, text: 'IDIOTS' }).map((n) => n.id)).toEqual(['c2']);
    expect(moderationList(notes, tables, { ...emptyQuery, text: 'المقهى' }).map((n) => n.id)).toEqual(['d2']);
    expect(moderationList(notes, tables, { ...emptyQuery, text: 'cafe idiots' })).toEqual([]);
  });

  it('filters by table, round, kind, flags, hidden and held', () => {
    const ids = (q: Partial<typeof emptyQuery>) => moderationList(notes, tables, { ...emptyQuery, ...q }).map((n) => n.id);
    expect(ids({ table: 't2' })).toEqual(['e2', 'b1']);
    expect(ids({ round: 1 })).toEqual(['a1', 'b1']);
    expect(ids({ kind: 'question' })).toEqual(['d2']);
    expect(ids({ kind: 'none', round: 2 })).toEqual(['c2', 'e2']);
    expect(ids({ flagged: true })).toEqual(['c2']);
    expect(ids({ hidden: true })).toEqual(['e2']);
    expect(ids({ held: true })).toEqual(['f0']);
  });
});

describe('a table card on the console', () => {
  const card = (list: StaffNoteView[]) =>
    tableCards({ tables, participants: [], notes: list, summaries: [], stakeholderGroups: [] } as unknown as Parameters<typeof tableCards>[0])[0]!.latest.map(
      (n) => n.id,
    );

  it('shows three notes of its latest rounds, the latest round first, in the order the list holds them', () => {
    expect(card([note('a', 't1', 1, 'x'), note('b', 't1', 2, 'y'), note('c', 't1', 1, 'z')])).toEqual(['b', 'c', 'a']);
    expect(card([note('a', 't1', 1, 'x'), note('b', 't1', 2, 'y'), note('c', 't1', 2, 'z'), note('d', 't1', 2, 'w'), note('e', 't1', 2, 'v')])).toEqual([
      'e',
      'd',
      'c',
    ]);
  });
});
