import { describe, expect, it } from 'vitest';
import { displayReducers } from '../../client/state/display.ts';
import { isLive } from '../../client/ui/liveBroadcast.ts';
import { participantSnapshot } from '../../server/views/participant.ts';
import { displaySnapshot } from '../../server/views/display.ts';
import { commands } from '../../shared/commands/index.ts';
import { Cafe, participant } from '../support/domain.ts';
import { cid } from '../support/ids.ts';

/**
 * "Two minutes left, then come back to the plenary": a facilitator's message reaches every
 * screen, can be taken down by itself after a few minutes, and does not outlive its phase on
 * the projector.
 */

function roundOne() {
  const cafe = new Cafe();
  const people = cafe.joinMany(6);
  cafe.do({ type: 'seating:assign' });
  cafe.do({ type: 'round:start', round: 1 });
  return { cafe, people };
}

describe('a broadcast with a time limit', () => {
  it('is taken down after the minutes the facilitator picked, on the server’s clock', () => {
    const { cafe, people } = roundOne();
    cafe.do({ type: 'broadcast:send', text: 'Two minutes left: write your key insight', minutes: 2, commandId: cid('broadcast-1') });
    const sent = participantSnapshot(cafe.state, people[0]!).broadcast!;
    expect(sent).toEqual({ id: expect.any(String), text: 'Two minutes left: write your key insight', at: cafe.now, expiresAt: cafe.now + 120_000 });
    expect(isLive(sent, cafe.now + 119_999)).toBe(true);
    expect(isLive(sent, cafe.now + 120_000)).toBe(false);
  });

  it('stays until dismissed when no limit is picked', () => {
    const { cafe, people } = roundOne();
    cafe.do({ type: 'broadcast:send', text: 'Coffee is in the hall', commandId: cid('broadcast-2') });
    const sent = participantSnapshot(cafe.state, people[0]!).broadcast!;
    expect(sent.expiresAt).toBeNull();
    expect(isLive(sent, cafe.now + 10 * 3_600_000)).toBe(true);
  });

  it('refuses a limit of no minutes or of more than an hour, and a participant’s broadcast, changing nothing', () => {
    const { cafe, people } = roundOne();
    // The boundary's schema, which every socket command passes before its rule.
    const schema = commands['broadcast:send'].schema;
    expect(schema.safeParse({ text: 'Back in two', commandId: cid('back'), minutes: 0 }).success).toBe(false);
    expect(schema.safeParse({ text: 'Back in two', commandId: cid('back'), minutes: 61 }).success).toBe(false);
    expect(schema.safeParse({ text: 'Back in two', commandId: cid('back'), minutes: 1.5 }).success).toBe(false);
    expect(schema.safeParse({ text: 'Back in two', commandId: cid('back'), minutes: 60 }).success).toBe(true);
    expect(cafe.try({ type: 'broadcast:send', text: 'x', minutes: 2, commandId: cid('broadcast-3') }, participant(people[0]!))).toMatchObject({
      ok: false,
      error: 'forbidden',
    });
    expect(cafe.state.broadcast).toBeNull();
  });
});

describe('the projector and a broadcast', () => {
  it('shows it in its round, drops it when the round ends, and a reload does not bring it back', () => {
    const { cafe, people } = roundOne();
    cafe.do({ type: 'broadcast:send', text: 'Two minutes left', commandId: cid('broadcast-4') });
    const during = displaySnapshot(cafe.state);
    expect(during.broadcast?.text).toBe('Two minutes left');

    cafe.do({ type: 'round:end', round: 1 });
    // The projector's store, on the phase fact alone.
    const { role: _role, ...view } = during;
    const after = displayReducers.phase(view, { phase: cafe.state.phase, round: cafe.state.round, timer: displaySnapshot(cafe.state).session.timer });
    expect(after.broadcast).toBeNull();
    // And a projector that reconnects now.
    expect(displaySnapshot(cafe.state).broadcast).toBeNull();
    // Phones keep it until their reader dismisses it.
    expect(participantSnapshot(cafe.state, people[0]!).broadcast?.text).toBe('Two minutes left');
  });

  it('keeps it when only the clock changes in the same round', () => {
    const { cafe } = roundOne();
    cafe.do({ type: 'broadcast:send', text: 'Five more minutes for everyone', commandId: cid('broadcast-5') });
    const { role: _role, ...view } = displaySnapshot(cafe.state);
    cafe.do({ type: 'timer:extend', minutes: 5, commandId: cid('extend') });
    const after = displayReducers.phase(view, { phase: cafe.state.phase, round: cafe.state.round, timer: displaySnapshot(cafe.state).session.timer });
    expect(after.broadcast?.text).toBe('Five more minutes for everyone');
    expect(displaySnapshot(cafe.state).broadcast?.text).toBe('Five more minutes for everyone');
  });
});
