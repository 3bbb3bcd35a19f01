import { describe, expect, it } from 'vitest';
import { commands } from '../../shared/commands/index.ts';
import { isWarning } from '../../shared/domain/timer.ts';
import { displaySnapshot } from '../../server/views/display.ts';
import { Cafe, participant, setup } from '../support/domain.ts';

/** The end-of-round warning: one minute ahead unless the facilitator chose otherwise, on every screen. */

describe('the end-of-round warning', () => {
  it('is one minute ahead by default, and whatever the café was made with', () => {
    expect(displaySnapshot(new Cafe().state).session.warnMs).toBe(60_000);
    expect(displaySnapshot(new Cafe(setup({ warningSeconds: 180 })).state).session.warnMs).toBe(180_000);
    expect(displaySnapshot(new Cafe(setup({ warningSeconds: 0 })).state).session.warnMs).toBe(0);
  });

  it('is changed by a facilitator mid-round, once; a participant cannot', () => {
    const cafe = new Cafe();
    const [ana] = cafe.joinMany(4);
    cafe.do({ type: 'seating:assign' });
    cafe.do({ type: 'round:start', round: 1 });
    expect(cafe.try({ type: 'timer:warning', seconds: 300 }, participant(ana!))).toMatchObject({ ok: false, error: 'forbidden' });
    cafe.do({ type: 'timer:warning', seconds: 300 });
    expect(displaySnapshot(cafe.state).session.warnMs).toBe(300_000);
    expect(cafe.try({ type: 'timer:warning', seconds: 300 })).toMatchObject({ ok: true, events: [] });
    const schema = commands['timer:warning'].schema;
    expect(schema.safeParse({ seconds: -1 }).success).toBe(false);
    expect(schema.safeParse({ seconds: 601 }).success).toBe(false);
    expect(schema.safeParse({ seconds: 30 }).success).toBe(true);
  });

  it('shows only in a round, inside the lead, before time is up', () => {
    expect(isWarning('round', 61_000, 60_000)).toBe(false);
    expect(isWarning('round', 60_000, 60_000)).toBe(true);
    expect(isWarning('round', 1, 60_000)).toBe(true);
    expect(isWarning('round', 0, 60_000)).toBe(false);
    expect(isWarning('round', 30_000, 0)).toBe(false);
    expect(isWarning('moving', 30_000, 60_000)).toBe(false);
    expect(isWarning('round', null, 60_000)).toBe(false);
  });
});
