import { describe, expect, it } from 'vitest';
import {
  liveDuplicates,
  liveSuggestions,
  NO_FILTERS,
  patchHarvest,
  placement,
  progress,
  range,
  ROUND_HIDDEN,
  ROUND_HIDDEN_FILTER,
  restorePlaces,
  undoCreate,
  visibleNotes,
} from '../../client/state/board.ts';
import { invitation, type DisplayView } from '../../client/state/display.ts';
import type { HarvestView, NoteView, ThemeView } from '../../shared/protocol/views.ts';

/**
 * The rapporteur's board as a rapporteur meets it: search in any case and without accents,
 * filters, shift-click ranges, suggestions that shrink as notes find a place, and an undo that
 * puts back exactly what the last action moved, wherever each note stood.
 */

const note = (id: string, text: string, over: Partial<NoteView> = {}): NoteView => ({ id, tableId: 't1', round: 1, text, kind: null, edited: false, ...over });
const theme = (id: string, noteIds: string[], over: Partial<ThemeView> = {}): ThemeView => ({
  id,
  question: 'q1',
  name: id,
  keyFinding: false,
  noteIds,
  mergedInto: null,
  votes: 0,
  synthesis: '',
  quotes: [],
  ...over,
});
const harvest = (over: Partial<HarvestView> = {}): HarvestView => ({
  votesPerParticipant: 3,
  voters: 0,
  themes: [],
  setAside: [],
  quotes: {},
  syntheses: {},
  findings: [],
  unresolved: 0,
  readouts: [],
  takeaways: [],
  changed: [],
  ...over,
});

const notes = [
  note('n1', 'L’électricité manque dans les villages', { tableId: 't2', round: 2, kind: 'idea' }),
  note('n2', 'Power cuts take the towers down', { kind: 'idea' }),
  note('n3', 'Électricité : panneaux solaires pour les écoles'),
  note('n4', 'Coffee break please :)', { hidden: true }),
  note('n5', 'Data is too expensive'),
];

describe('the board’s search and filters', () => {
  const h = harvest({ themes: [theme('power', ['n2'])], setAside: [{ noteId: 'n5', reason: 'off-topic', detail: '' }] });
  const place = placement(h);
  const ids = (f: Partial<typeof NO_FILTERS>, changed: string[] = []) => visibleNotes(notes, place, { ...NO_FILTERS, ...f }, new Set(changed)).map((n) => n.id);

  it('finds notes by every word typed, whatever the case and the accents', () => {
    expect(ids({ search: 'electricite' })).toEqual(['n1', 'n3']);
    expect(ids({ search: 'ÉLECTRICITÉ villages' })).toEqual(['n1']);
    expect(ids({ search: 'nothing like this' })).toEqual([]);
  });

  it('shows notes to sort, in themes, set aside (hidden ones there too), changed since sorted, or all', () => {
    expect(ids({})).toEqual(['n1', 'n3']);
    expect(ids({ status: 'sorted' })).toEqual(['n2']);
    expect(ids({ status: 'aside' })).toEqual(['n4', 'n5']);
    expect(ids({ status: 'changed' }, ['n2'])).toEqual(['n2']);
    expect(ids({ status: 'all' })).toEqual(['n1', 'n2', 'n3', 'n4', 'n5']);
  });

  it('filters by table, round and kind', () => {
    expect(ids({ status: 'all', table: 't2' })).toEqual(['n1']);
    expect(ids({ status: 'all', round: 1 })).toEqual(['n2', 'n3', 'n4', 'n5']);
    expect(ids({ status: 'all', kind: 'idea' })).toEqual(['n1', 'n2']);
    expect(ids({ status: 'all', kind: 'none' })).toEqual(['n3', 'n4', 'n5']);
  });

  it('filters the notes whose round is not shown (fewer than three writers there) apart from every round', () => {
    const thin = [...notes, note('n6', 'Ferry timetables online', { tableId: 't3', round: ROUND_HIDDEN })];
    const shown = (f: Partial<typeof NO_FILTERS>) => visibleNotes(thin, place, { ...NO_FILTERS, status: 'all', ...f }, new Set()).map((n) => n.id);
    expect(shown({ round: ROUND_HIDDEN_FILTER })).toEqual(['n6']);
    expect(shown({ round: 0 })).toEqual(['n1', 'n2', 'n3', 'n4', 'n5', 'n6']);
    expect(shown({ round: 1 })).not.toContain('n6');
  });

  it('selects a range with shift, in the order shown, either way', () => {
    expect(range(notes, 'n2', 'n4')).toEqual(['n2', 'n3', 'n4']);
    expect(range(notes, 'n4', 'n2')).toEqual(['n2', 'n3', 'n4']);
    expect(range(notes, null, 'n3')).toEqual(['n3']);
  });
});

describe('suggestions on the board', () => {
  const suggestions = {
    question: 'q1',
    notes: 5,
    clusters: [
      { noteIds: ['n1', 'n3', 'n2'], name: 'Électricité · villages', keywords: [] },
      { noteIds: ['n5', 'n4'], name: 'Data', keywords: [] },
    ],
    duplicates: [{ noteIds: ['n1', 'n3'] }],
  };

  it('drop the notes that found a place meanwhile, and the suggestions left with fewer than two or dismissed', () => {
    const place = placement(harvest({ themes: [theme('power', ['n2', 'n4'])] }));
    expect(liveSuggestions(suggestions, place, new Set()).map((c) => c.noteIds)).toEqual([['n1', 'n3']]);
    expect(liveSuggestions(suggestions, place, new Set(['n1']))).toEqual([]);
    expect(liveDuplicates(suggestions, place)).toEqual([['n1', 'n3']]);
    expect(liveDuplicates(suggestions, placement(harvest({ setAside: [{ noteId: 'n3', reason: 'duplicate', detail: '' }] })))).toEqual([]);
  });
});

describe('undo', () => {
  const h = harvest({
    themes: [theme('power', ['n2', 'n3']), theme('old', ['n5'], { mergedInto: 'power' })],
    setAside: [{ noteId: 'n4', reason: 'abusive', detail: 'insult' }],
  });

  it('puts each note back where it stood: unsorted, in its theme, or aside with its reason', () => {
    expect(restorePlaces(['n1', 'n2', 'n3', 'n4', 'n5'], placement(h))).toEqual([
      { name: 'notes:sort', payload: { noteIds: ['n1'], themeId: null } },
      { name: 'notes:sort', payload: { noteIds: ['n2', 'n3'], themeId: 'power' } },
      { name: 'notes:sort', payload: { noteIds: ['n5'], themeId: 'old' } },
      { name: 'notes:setAside', payload: { noteIds: ['n4'], reason: 'abusive', detail: 'insult' } },
    ]);
  });

  it('of an accepted suggestion deletes the theme and sends notes that stood elsewhere back there', () => {
    expect(undoCreate('new', ['n1', 'n2'], placement(h))).toEqual([
      { name: 'theme:delete', payload: { id: 'new' } },
      { name: 'notes:sort', payload: { noteIds: ['n2'], themeId: 'power' } },
    ]);
  });
});

describe('the harvest in parts', () => {
  it('applies tallies, findings and changed notes without touching the rest', () => {
    const h = harvest({ themes: [theme('a', ['n1'], { votes: 1 }), theme('b', [], { mergedInto: 'a', votes: 0 })] });
    const next = patchHarvest(h, { votes: { byTheme: [{ themeId: 'a', votes: 4 }], voters: 2 }, changed: ['n1'] });
    expect(next.themes.map((t) => t.votes)).toEqual([4, 0]);
    expect(next.voters).toBe(2);
    expect(next.changed).toEqual(['n1']);
    expect(next.themes[0]!.noteIds).toBe(h.themes[0]!.noteIds);
    expect(progress(notes, harvest({ themes: [theme('a', ['n1', 'n2'])], setAside: [{ noteId: 'n5', reason: 'duplicate', detail: '' }] }))).toEqual({
      total: 5,
      sorted: 2,
      aside: 2,
      unsorted: 1,
    });
  });

  it('has the room display invite people to join, then to read the readout, and a closed café invite nobody', () => {
    const base = { session: { phase: 'harvest' }, harvest: null } as unknown as DisplayView;
    expect(invitation(base)).toBe('join');
    expect(invitation({ ...base, harvest: { votesPerParticipant: 3, voters: 0, questions: [], readoutUrl: '/r/x' } })).toBe('readout');
    expect(invitation({ ...base, session: { ...base.session, phase: 'closed' } })).toBe('none');
  });
});
