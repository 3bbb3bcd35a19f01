import { describe, expect, it } from 'vitest';
import { applySeat, applySnapshot, emptyParticipant, type ParticipantState } from '../../client/state/participant.ts';
import { rotation } from '../../client/state/participantSelectors.ts';
import { shownToasts, toast } from '../../client/ui/toast.tsx';
import type { ParticipantSnapshot, SeatView, SessionHeader } from '../../shared/protocol/views.ts';

/** A phone during a round: moved by the facilitator, or named host, and told at once. */

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
  warnMs: 60_000,
  ...over,
});

const seatAt = (id: string, name: string, over: Partial<SeatView> = {}): SeatView => ({
  round: 2,
  isHost: false,
  stay: false,
  table: { id, name, question: `Question at ${name}`, mode: 'room', videoUrl: null, memberCount: 4, hasHost: false, notes: [], summaries: [] },
  ...over,
});

function phoneAt(session: SessionHeader, seat: SeatView): ParticipantState {
  const snap: ParticipantSnapshot = {
    role: 'participant',
    session,
    me: { id: 'p1', name: 'Nguyễn Thị Lan', group: 'Academia', presence: 'room', isHost: false },
    seat,
    broadcast: null,
    ballot: null,
    myDots: {},
    readoutUrl: null,
  };
  return applySnapshot(emptyParticipant, snap);
}

describe('a phone moved during a round', () => {
  it('shows the same “move to” card as a rotation, until read', () => {
    const before = phoneAt(header(), seatAt('t1', 'Trust'));
    expect(rotation(before)).toBeNull();
    const moved = applySeat(before, seatAt('t2', 'Funding'));
    expect(rotation(moved)).toEqual({ kind: 'move', tableName: 'Funding', question: 'Question at Funding', midRound: true });
    expect(rotation({ ...moved, movedMidRound: null })).toBeNull();
  });

  it('shows no card for a seat that only changed its host, nor for a seating before the round', () => {
    const phone = phoneAt(header(), seatAt('t1', 'Trust'));
    expect(rotation(applySeat(phone, seatAt('t1', 'Trust', { isHost: true })))).toBeNull();
    const lobby = phoneAt(header({ phase: 'lobby', round: 0, timer: { status: 'idle' } }), seatAt('t1', 'Trust', { round: 0 }));
    expect(rotation(applySeat(lobby, seatAt('t2', 'Funding', { round: 0 })))).toBeNull();
  });

  it('learns it hosts from the seat, in the lobby as mid-round', () => {
    const lobby = phoneAt(header({ phase: 'lobby', round: 0, timer: { status: 'idle' } }), seatAt('t1', 'Trust', { round: 0 }));
    const named = applySeat(lobby, seatAt('t1', 'Trust', { round: 0, isHost: true }));
    expect(named.seat?.isHost).toBe(true);
    expect(named.me?.isHost).toBe(true);
  });
});

describe('toasts', () => {
  it('show one at a time: the newest replaces the last', () => {
    toast('ok', 'Note sent');
    toast('ok', 'Summary saved');
    toast('error', 'You are offline: it will be sent when you reconnect');
    expect(shownToasts().map((x) => x.text)).toEqual(['You are offline: it will be sent when you reconnect']);
  });
});
