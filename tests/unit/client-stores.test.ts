import { describe, expect, it, vi } from 'vitest';
import { emptyPreview, facilitatorReducers as f } from '../../client/state/facilitator.ts';
import { newQuestionShare, percent, previewRound, previewStatus, roundSpan, showsSeatingPanel } from '../../client/state/seatingSelectors.ts';
import { activeCount, controls, findWaiting, lobby, sameCard, tableCards } from '../../client/state/facilitatorSelectors.ts';
import { frameBatch } from '../../client/state/frameBatch.ts';
import { displayReducers, flowsByName, hasFlows, isCrowded, questionsOverview, type DisplayView } from '../../client/state/display.ts';
import {
  applyHistory,
  applyNote,
  applyPhase,
  applySeat,
  applySnapshot,
  applySummary,
  emptyParticipant,
  removeNote,
  type ParticipantState,
} from '../../client/state/participant.ts';
import { composerTarget, earlierRounds, notesThisRound, rotation, summaryRound, waitingCount } from '../../client/state/participantSelectors.ts';
import { changeNote } from '../../client/state/outbox.ts';
import type {
  DisplaySnapshot,
  FacilitatorSnapshot,
  NoteView,
  ParticipantSnapshot,
  PreviewRoundView,
  SeatingPreviewView,
  SeatView,
  SessionHeader,
} from '../../shared/protocol/views.ts';
import { accessFor } from '../../shared/commands/index.ts';

const header = (over: Partial<SessionHeader> = {}): SessionHeader => ({
  id: 's1',
  title: 'Café',
  description: '',
  code: 'ABC234',
  phase: 'round',
  round: 2,
  rounds: 3,
  autoAdvance: false,
  timer: { status: 'running', endsAt: 1_000_000, durationMs: 1_200_000 },
  ...over,
});

const n = (id: string, round: number, over: Partial<NoteView> = {}): NoteView => ({
  id,
  tableId: 't1',
  round,
  text: `text ${id}`,
  kind: null,
  edited: false,
  ...over,
});

const seat = (over: Partial<SeatView> = {}, notes: NoteView[] = []): SeatView => ({
  round: 2,
  isHost: false,
  stay: false,
  table: { id: 't1', name: 'Trust', question: 'Who?', mode: 'hybrid', videoUrl: null, memberCount: 4, hasHost: true, notes, summaries: [] },
  ...over,
});

function participant(notes: NoteView[] = []): ParticipantState {
  const snap: ParticipantSnapshot = {
    role: 'participant',
    session: header(),
    me: { id: 'p1', name: 'Ana', group: 'Academia', presence: 'room', isHost: false },
    seat: seat({}, notes),
    broadcast: null,
    ballot: null,
    myDots: {},
    readoutUrl: null,
  };
  return applySnapshot(emptyParticipant, snap);
}

describe('participant store', () => {
  it('applies a note twice as once, and a note already in the snapshot as nothing new', () => {
    const s0 = participant([n('a', 2)]);
    const s1 = applyNote(applyNote(s0, n('b', 2)), n('b', 2));
    expect(s1.seat!.table!.notes.map((x) => x.id)).toEqual(['a', 'b']);
    expect(applyNote(s1, n('a', 2)).seat!.table!.notes.map((x) => x.id)).toEqual(['a', 'b']);
  });

  it('replaces an edited note in place, so the list does not reorder', () => {
    const s = applyNote(participant([n('a', 2), n('b', 2)]), n('a', 2, { text: 'better', edited: true }));
    expect(s.seat!.table!.notes.map((x) => [x.id, x.text])).toEqual([
      ['a', 'better'],
      ['b', 'text b'],
    ]);
  });

  it('ignores notes for another table but settles our own late note in the outbox', () => {
    const pending = { id: 'late-note1', tableId: 't9', round: 1, text: 'late', kind: null, createdAt: 1 };
    const s = applyNote({ ...participant(), outbox: [pending] }, n('late-note1', 1, { tableId: 't9', mine: true }));
    expect(s.outbox).toEqual([]);
    expect(s.seat!.table!.notes).toEqual([]);
  });

  it('removes hidden or deleted notes, and only at its own table', () => {
    const s = participant([n('a', 2), n('b', 2)]);
    expect(removeNote(s, { id: 'a', tableId: 't1' }).seat!.table!.notes.map((x) => x.id)).toEqual(['b']);
    expect(removeNote(s, { id: 'a', tableId: 't2' })).toBe(s);
  });

  it('splits this round from earlier rounds, newest round and newest note first', () => {
    const s = participant([n('r1a', 1), n('r2a', 2), n('r1b', 1), n('r0', 0)]);
    expect(notesThisRound(s).map((x) => x.id)).toEqual(['r2a']);
    expect(earlierRounds(s).map((r) => [r.round, r.notes.map((x) => x.id)])).toEqual([
      [1, ['r1b', 'r1a']],
      [0, ['r0']],
    ]);
  });

  it('shows notes waiting on the device as pending until the server has them', () => {
    const pending = { id: 'mine-0001', tableId: 't1', round: 2, text: 'offline', kind: null, createdAt: 1 };
    const s = { ...participant([n('a', 2)]), outbox: [pending] };
    expect(notesThisRound(s).map((x) => [x.id, x.pending ?? false])).toEqual([
      ['a', false],
      ['mine-0001', true],
    ]);
    expect(waitingCount(s)).toBe(1);
    const acked = applyNote(s, n('mine-0001', 2, { mine: true, text: 'offline' }));
    expect(notesThisRound(acked).map((x) => [x.id, x.pending ?? false])).toEqual([
      ['a', false],
      ['mine-0001', false],
    ]);
  });

  it('shows my edits and deletions at once, before the server has them, and counts notes waiting rather than changes', () => {
    const s0 = participant([n('mine-a', 2, { mine: true }), n('mine-b', 1, { mine: true }), n('other', 2)]);
    let outbox = changeNote([], 'mine-a', 'edit', 'Said better', 5);
    outbox = changeNote(outbox, 'mine-a', 'edit', 'Said better still', 6);
    outbox = changeNote(outbox, 'mine-b', 'delete', '', 7);
    const s = { ...s0, outbox };
    expect(notesThisRound(s).map((x) => [x.id, x.text, x.pending ?? false, x.edited])).toEqual([
      ['mine-a', 'Said better still', true, true],
      ['other', 'text other', false, false],
    ]);
    expect(earlierRounds(s)).toEqual([]);
    expect(waitingCount(s)).toBe(2);
    // A note written and edited offline is one note waiting.
    const offline = { id: 'mine-c', tableId: 't1', round: 2, text: 'first words', kind: null, createdAt: 8 };
    expect(waitingCount({ ...s0, outbox: changeNote([offline], 'mine-c', 'edit', 'second words', 9) })).toBe(1);
  });

  it('remembers the table just left when a round ends, for notes written during the move', () => {
    const s0 = participant();
    expect(composerTarget(s0)).toEqual({ tableId: 't1', tableName: 'Trust', round: 2, late: false });
    const moving = applyPhase(s0, { phase: 'moving', round: 3, timer: { status: 'running', endsAt: 5, durationMs: 5 } });
    expect(composerTarget(moving)).toEqual({ tableId: 't1', tableName: 'Trust', round: 2, late: true });
    // Until the new seat arrives, the card does not guess.
    expect(rotation(moving)).toEqual({ kind: 'pending' });
    const seated = applySeat(moving, seat({ round: 3, table: { ...seat().table!, id: 't2', name: 'Access', question: 'How?' } }));
    expect(rotation(seated)).toEqual({ kind: 'move', tableName: 'Access', question: 'How?' });
    const next = applyPhase(seated, { phase: 'round', round: 3, timer: { status: 'running', endsAt: 9, durationMs: 9 } });
    expect(next.previousTable).toBeNull();
    expect(rotation(next)).toBeNull();
    expect(composerTarget(next)?.tableId).toBe('t2');
  });

  it('fills a new table from its history, keeping the marks on our own notes', () => {
    const moving = applyPhase(participant([n('a', 2, { mine: true })]), { phase: 'moving', round: 3, timer: { status: 'idle' } });
    // The seat names the table and our own note there; the rest follows once per table.
    const t2 = { ...seat().table!, id: 't2', historyFollows: true as const };
    const seated = applySeat(moving, seat({ round: 3, table: { ...t2, notes: [n('mine', 1, { tableId: 't2', mine: true })] } }));
    expect(seated.seat!.table!.notes.map((x) => x.id)).toEqual(['mine']);
    const filled = applyHistory(seated, {
      tableId: 't2',
      notes: [n('x', 1, { tableId: 't2' }), n('mine', 1, { tableId: 't2' }), n('y', 2, { tableId: 't2' })],
      summaries: [{ tableId: 't2', round: 1, text: 'Round one' }],
    });
    expect(filled.seat!.table!.notes.map((x) => [x.id, x.mine ?? false])).toEqual([
      ['x', false],
      ['mine', true],
      ['y', false],
    ]);
    expect(filled.seat!.table!.summaries).toHaveLength(1);
    expect(filled.seat!.table!.historyFollows).toBeUndefined();
    // History for a table we are not at changes nothing.
    expect(applyHistory(filled, { tableId: 't9', notes: [], summaries: [] })).toBe(filled);
  });

  it('keeps a host’s notes on screen between their seat and the table’s history', () => {
    const s0 = participant([n('a', 2), n('b', 2, { mine: true })]);
    const stay = applySeat(
      s0,
      seat({ round: 3, isHost: true, stay: true, table: { ...seat().table!, historyFollows: true, notes: [n('b', 2, { mine: true })] } }),
    );
    expect(stay.seat!.table!.notes.map((x) => x.id)).toEqual(['a', 'b']);
  });

  it('tells hosts to stay, and ignores a seat older than the one it has', () => {
    const moving = applyPhase(participant(), { phase: 'moving', round: 3, timer: { status: 'idle' } });
    const host = applySeat(moving, seat({ round: 3, isHost: true, stay: true }));
    expect(rotation(host)).toMatchObject({ kind: 'host', tableName: 'Trust' });
    expect(host.me!.isHost).toBe(true);
    expect(applySeat(host, seat({ round: 2 }))).toBe(host);
  });

  it('gives the host a summary box for the round under way or just ended', () => {
    const host = applySeat(participant(), seat({ isHost: true }));
    expect(summaryRound(host)).toBe(2);
    expect(summaryRound(applyPhase(host, { phase: 'moving', round: 3, timer: { status: 'idle' } }))).toBe(2);
    expect(summaryRound(participant())).toBeNull();
    const written = applySummary(applySummary(host, { tableId: 't1', round: 2, text: 'one' }), { tableId: 't1', round: 2, text: 'two' });
    expect(written.seat!.table!.summaries).toEqual([{ tableId: 't1', round: 2, text: 'two' }]);
  });
});

describe('facilitator store', () => {
  // Only the fields the dashboard reads; the harvest's fields belong to other screens.
  const snap = {
    role: 'facilitator',
    session: header({ phase: 'lobby', round: 0, timer: { status: 'idle' } }),
    stakeholderGroups: ['Government', 'Academia', 'Other'],
    roundSeconds: 1200,
    movingSeconds: 120,
    tables: [
      { id: 't1', name: 'Trust', question: 'Who?', mode: 'hybrid', capacity: 8, videoUrl: null, hostId: 'p2' },
      { id: 't2', name: 'Access', question: 'How?', mode: 'hybrid', capacity: 8, videoUrl: null, hostId: null },
    ],
    participants: [
      { id: 'p1', name: 'Ana', group: 'Academia', presence: 'room', status: 'active', tableId: 't1', pinnedTo: null, organisation: null },
      { id: 'p2', name: 'Ben', group: 'Government', presence: 'room', status: 'active', tableId: 't1', pinnedTo: null, organisation: null },
      { id: 'p3', name: 'Cy', group: 'Academia', presence: 'remote', status: 'active', tableId: null, pinnedTo: null, organisation: null },
      { id: 'p4', name: 'Di', group: 'Other', presence: 'room', status: 'removed', tableId: null, pinnedTo: null, organisation: null },
    ],
    notes: [n('a', 1), n('b', 1, { hidden: true }), n('c', 1, { tableId: 't2' })].map((note) => ({ ...note, rank: note.id })),
    summaries: [],
    broadcast: null,
    moderation: { wordList: false },
    seating: { version: 7, plan: null },
    // The rules the server sends the console, made from the command table as the server makes them.
    access: accessFor('facilitator'),
  } satisfies Partial<FacilitatorSnapshot> as unknown as FacilitatorSnapshot;

  it('builds table cards: host first, mix in group order, counts without hidden notes', () => {
    const [trust, access] = tableCards(f.snapshot(null, snap));
    expect(trust!.members.map((m) => m.name)).toEqual(['Ben', 'Ana']);
    expect(trust!.host?.name).toBe('Ben');
    expect(trust!.mix).toEqual([
      { group: 'Government', index: 0, count: 1 },
      { group: 'Academia', index: 1, count: 1 },
    ]);
    expect([trust!.noteCount, trust!.hiddenCount]).toEqual([1, 1]);
    expect(trust!.latest.map((x) => x.id)).toEqual(['b', 'a']);
    expect(access!.members).toEqual([]);
  });

  it('redraws only the card whose table a fact touched', () => {
    const v = f.snapshot(null, snap);
    const before = tableCards(v);
    const after = tableCards(f.note(f.roster(v, [snap.participants[2]!]), n('d', 1, { tableId: 't2' })));
    expect(sameCard(before[0]!, after[0]!)).toBe(true);
    expect(sameCard(before[1]!, after[1]!)).toBe(false);
    const moved = tableCards(f.roster(v, [{ ...snap.participants[2]!, tableId: 't1' }]));
    expect(sameCard(before[0]!, moved[0]!)).toBe(false);
  });

  it('lists active people without a seat as waiting, and leaves removed people out', () => {
    const v = f.snapshot(null, snap);
    expect(lobby(v).map((p) => p.name)).toEqual(['Cy']);
    expect(activeCount(v)).toBe(3);
  });

  it('finds waiting people by any part of their name, ignoring case and accents, and lists at most a page of them', () => {
    const crowd = Array.from({ length: 250 }, (_, i) => ({ ...snap.participants[2]!, id: `w${i}`, name: i === 200 ? 'Zoë Ndiaye' : `Person ${i}` }));
    const v = f.roster(f.snapshot(null, snap), crowd);
    expect(findWaiting(v, '', 100)).toMatchObject({ matching: 251 });
    expect(
      findWaiting(v, '', 100)
        .shown.map((p) => p.name)
        .slice(0, 2),
    ).toEqual(['Cy', 'Person 0']);
    expect(findWaiting(v, '', 100).shown).toHaveLength(100);
    expect(findWaiting(v, '  zoe ', 100).shown.map((p) => p.id)).toEqual(['w200']);
    expect(findWaiting(v, 'person 1', 5)).toMatchObject({ matching: 111 });
    expect(findWaiting(v, 'person 1', 5).shown).toHaveLength(5);
    expect(findWaiting(v, 'Ana', 100)).toEqual({ shown: [], matching: 0 });
  });

  it('upserts roster rows and notes by id, however often they arrive', () => {
    let v = f.snapshot(null, snap);
    const seated = { ...snap.participants[2]!, tableId: 't2' };
    v = f.roster(f.roster(v, [seated]), [seated]);
    expect(v.participants).toHaveLength(4);
    expect(lobby(v)).toEqual([]);
    v = f.note(f.note(v, n('d', 1)), n('d', 1));
    expect(v.notes.filter((x) => x.id === 'd')).toHaveLength(1);
    v = f.noteRemoved(v, { id: 'd' });
    expect(v.notes.some((x) => x.id === 'd')).toBe(false);
  });

  it('offers the controls that fit the phase', () => {
    const lobbyView = f.snapshot(null, snap);
    expect(controls(lobbyView)).toMatchObject({ start: 1, end: null, pause: false, extend: false, harvest: true });
    const round = f.phase(lobbyView, { phase: 'round', round: 3, timer: { status: 'paused', remainingMs: 5, durationMs: 9 } });
    expect(controls(round)).toMatchObject({ start: null, end: 3, lastRound: true, pause: false, resume: true, extend: true });
    const moving = f.phase(lobbyView, { phase: 'moving', round: 2, timer: { status: 'running', endsAt: 9, durationMs: 9 } });
    expect(controls(moving)).toMatchObject({ start: 2, end: null, pause: true });
    const closed = f.phase(lobbyView, { phase: 'closed', round: 3, timer: { status: 'idle' } });
    expect(controls(closed)).toMatchObject({ close: false, harvest: false, move: false, seat: false });
  });

  describe('the seating preview on the console', () => {
    const figures = {
      seated: 3,
      waiting: 0,
      repeatedPairs: 1,
      travellers: 2,
      newQuestion: 1,
      couldMeetNewQuestion: 2,
      returns: 1,
      fewestReturns: 1,
      singleGroupTables: 0,
      belowMinimum: 0,
      closedTables: 1,
      crossGroupPairs: 2,
      bestCrossGroupPairs: 2,
      diversity: 1,
      moves: null,
      conflicts: 1,
    };
    const round: PreviewRoundView = {
      round: 2,
      tables: [
        { tableId: 't1', memberIds: ['p1', 'p2', 'ghost'] },
        { tableId: 't2', memberIds: [] },
      ],
      waiting: ['p3'],
      figures,
      conflicts: [{ kind: 'pin-overflow', personId: 'p1', tableId: 't2' }],
      closed: [{ tableId: 't2', reason: 'too-few-people' }],
    };
    const preview = (over: Partial<SeatingPreviewView> = {}): SeatingPreviewView => ({
      version: 7,
      attempt: 0,
      accepted: false,
      figures: {
        extraMeetings: 1,
        distinctRepeatedPairs: 1,
        newQuestionShare: 0.5,
        returns: 1,
        fewestReturns: 1,
        singleGroupTables: 0,
        belowMinimum: 0,
        crossGroupPairs: 2,
        bestCrossGroupPairs: 2,
        diversity: 1,
        moves: null,
        waiting: 1,
        conflicts: 1,
        lowerBound: 1,
        distinctLowerBound: 1,
      },
      roundNumbers: [2, 3],
      rounds: [round],
      ...over,
    });
    const view = f.snapshot(null, {
      ...snap,
      session: header({ phase: 'round', round: 1 }),
      participants: snap.participants.map((p) => (p.id === 'p1' ? { ...p, pinnedTo: 't1' } : p)),
    });

    it('names who sits where, the host first, with pins, presence, waiting people and conflicts', () => {
      const { tables, waiting, conflicts } = previewRound(view, round);
      expect(tables.map((t) => t.people.map((p) => [p.name, p.host, p.pinned, p.remote]))).toEqual([
        [
          ['Ben', true, false, false],
          ['Ana', false, true, false],
        ],
        [],
      ]);
      expect(waiting.map((p) => [p.name, p.remote])).toEqual([['Cy', true]]);
      expect(conflicts).toEqual([{ kind: 'pin-overflow', name: 'Ana', table: 'Access' }]);
    });

    it('tells a fresh proposal from the accepted plan, an adjusted plan and a preview the café has moved past', () => {
      expect(previewStatus(view, emptyPreview)).toBe('loading');
      expect(previewStatus(view, { ...emptyPreview, data: preview() })).toBe('proposal');
      expect(previewStatus(view, { ...emptyPreview, data: preview({ accepted: true }) })).toBe('accepted');
      const planned = f.seating(view, { version: 7, plan: { attempt: 0, at: 1, rounds: [2, 3], figures: preview().figures } });
      expect(previewStatus(planned, { ...emptyPreview, data: preview() })).toBe('adjusted');
      expect(previewStatus(planned, { ...emptyPreview, data: preview({ attempt: 1 }) })).toBe('proposal');
      const moved = f.seating(view, { version: 9, plan: null });
      expect(previewStatus(moved, { ...emptyPreview, data: preview() })).toBe('stale');
      // A late, older seating status changes nothing.
      expect(f.seating(moved, { version: 8, plan: null })).toBe(moved);
    });

    it('shows the panel in the lobby and during a round that has another after it', () => {
      expect(showsSeatingPanel(f.snapshot(null, snap))).toBe(true);
      expect(showsSeatingPanel(view)).toBe(true);
      expect(showsSeatingPanel(f.phase(view, { phase: 'round', round: 3, timer: { status: 'idle' } }))).toBe(false);
      expect(showsSeatingPanel(f.phase(view, { phase: 'moving', round: 2, timer: { status: 'idle' } }))).toBe(false);
    });

    it('rounds shares down, so a plan short of the best never reads 100 %', () => {
      expect(percent(0.996)).toBe(99);
      expect(percent(0.58)).toBe(58);
      expect(newQuestionShare(round)).toBe(0.5);
      expect(newQuestionShare({ ...round, figures: { ...figures, travellers: 0 } })).toBeNull();
      expect([roundSpan([2, 3, 4]), roundSpan([3]), roundSpan([])]).toEqual(['2–4', '3', '']);
    });
  });
});

describe('facts in a burst', () => {
  it('reach the store in order, in one update per frame, and a snapshot drops what it already holds', () => {
    const frames: (() => void)[] = [];
    let state = '';
    let updates = 0;
    const batch = frameBatch<string>(
      (change) => {
        updates++;
        state = change(state);
      },
      (flush) => frames.push(flush),
    );
    for (const c of 'abc') batch.push((s) => s + c);
    expect([state, updates, frames.length]).toEqual(['', 0, 1]);
    frames.shift()!();
    expect([state, updates]).toEqual(['abc', 1]);

    batch.push((s) => s + 'd');
    batch.drop();
    batch.push((s) => s + 'e');
    frames.shift()!();
    expect([state, updates, frames.length]).toEqual(['abce', 2, 0]);

    // A command's reply flushes what came before it; the frame then finds nothing left to do.
    batch.push((s) => s + 'f');
    batch.flush();
    expect([state, updates]).toEqual(['abcef', 3]);
    frames.shift()!();
    expect(updates).toBe(3);
  });

  it('still arrive when no frame comes, as in a hidden tab', () => {
    vi.useFakeTimers();
    try {
      let state = 0;
      const batch = frameBatch<number>((change) => (state = change(state)));
      batch.push((n) => n + 1);
      batch.push((n) => n + 1);
      vi.advanceTimersByTime(99);
      expect(state).toBe(0);
      vi.advanceTimersByTime(1);
      expect(state).toBe(2);
      batch.push((n) => n + 1);
      vi.advanceTimersByTime(100);
      expect(state).toBe(3);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('display store, in a plenary', () => {
  const table = (i: number, question: string, memberCount: number) => ({ id: `t${i}`, name: `Table ${i}`, question, memberCount, flows: [] });
  it('lists each question once, in the order tables ask it, with its tables and people, once there are more tables than a screen holds', () => {
    const few = { tables: Array.from({ length: 12 }, (_, i) => table(i, 'Who pays?', 8)) } as unknown as DisplayView;
    expect(isCrowded(few)).toBe(false);
    const many = { tables: Array.from({ length: 13 }, (_, i) => table(i, i % 2 ? 'Who decides?' : 'Who pays?', i === 0 ? 0 : 8)) } as unknown as DisplayView;
    expect(isCrowded(many)).toBe(true);
    expect(questionsOverview(many)).toEqual([
      { question: 'Who pays?', tables: 7, seated: 48 },
      { question: 'Who decides?', tables: 6, seated: 48 },
    ]);
  });
});

describe('display store', () => {
  it('names where people go while moving, those who stay first', () => {
    const snap: DisplaySnapshot = {
      role: 'display',
      session: header({ phase: 'moving' }),
      joinedCount: 5,
      broadcast: null,
      harvest: null,
      tables: [
        { id: 't1', name: 'Trust', question: 'Who?', mode: 'hybrid', memberCount: 3, flows: [] },
        { id: 't2', name: 'Access', question: 'How?', mode: 'hybrid', memberCount: 2, flows: [] },
      ],
    };
    const v = displayReducers.snapshot(snap);
    expect(hasFlows(v)).toBe(false);
    const moved = displayReducers.tables(v, {
      joinedCount: 5,
      tables: [
        {
          ...snap.tables[0]!,
          flows: [
            { tableId: 't2', count: 2 },
            { tableId: 't1', count: 1 },
          ],
        },
        { ...snap.tables[1]!, flows: [{ tableId: 't1', count: 2 }] },
      ],
    });
    expect(hasFlows(moved)).toBe(true);
    expect(flowsByName(moved).map((x) => x.to)).toEqual([
      [
        { name: 'Trust', count: 1, stay: true },
        { name: 'Access', count: 2, stay: false },
      ],
      [{ name: 'Trust', count: 2, stay: false }],
    ]);
  });
});
