import { describe, expect, it } from 'vitest';
import { callSeat, nextNumber } from '../../shared/commands/audio.ts';
import { gate, specOf } from '../../shared/commands/index.ts';
import { isRefusal, type Actor } from '../../shared/commands/spec.ts';
import { Cafe, participant, setup } from '../support/domain.ts';

/** Who may be in a table's call, decided from the session alone. */

function cafe() {
  const c = new Cafe(
    setup({
      tables: [
        { name: 'Digital identity', question: 'Who should govern digital identity?', mode: 'hybrid', capacity: 6 },
        { name: 'Consultation', question: 'What does meaningful consultation look like?', mode: 'room', capacity: 6 },
        { name: 'Online only', question: 'How do we fund open infrastructure?', mode: 'remote', capacity: 6 },
      ],
    }),
  );
  const host = c.join('Thandiwe Nkosi', 'Government', 'room');
  const roomie = c.join('Lars Øvergaard', 'Academia', 'room');
  const remote = c.join('Fatima Al-Zahra', 'Civil society', 'remote');
  const far = c.join('Diego Hernández', 'Private sector', 'remote');
  for (const [pid, tableId] of [
    [host, 't1'],
    [roomie, 't1'],
    [remote, 't1'],
    [far, 't3'],
  ] as const)
    c.do({ type: 'participant:move', participantId: pid, tableId });
  c.do({ type: 'host:assign', tableId: 't1', participantId: host });
  return { c, host, roomie, remote, far };
}

const seatOf = (c: Cafe, actor: Actor, as: 'member' | 'device') => {
  const checked = gate(c.state, specOf('audio:join')!, actor);
  if (isRefusal(checked)) return checked;
  const seat = callSeat(c.state, checked, as);
  return isRefusal(seat) ? seat : { table: seat.table.id, kind: seat.kind };
};

describe('a table’s call', () => {
  it('takes remote people and the host’s phone as the table device; nobody else in the room', () => {
    const { c, host, roomie, remote, far } = cafe();
    expect(seatOf(c, participant(remote), 'member')).toEqual({ table: 't1', kind: 'remote' });
    expect(seatOf(c, participant(far), 'member')).toEqual({ table: 't3', kind: 'remote' });
    expect(seatOf(c, participant(host), 'device')).toEqual({ table: 't1', kind: 'device' });
    expect(seatOf(c, participant(host), 'member')).toMatchObject({ ok: false, error: 'forbidden' });
    expect(seatOf(c, participant(roomie), 'member')).toMatchObject({ ok: false, message: expect.stringContaining('would echo') });
    expect(seatOf(c, participant(roomie), 'device')).toMatchObject({ ok: false, error: 'forbidden' });
    expect(seatOf(c, participant(remote), 'device')).toMatchObject({ ok: false, error: 'forbidden' });
  });

  it('follows the seating: a moved person belongs to their new table’s call at once, an unseated one to none', () => {
    const { c, remote } = cafe();
    c.do({ type: 'participant:move', participantId: remote, tableId: 't3' });
    expect(seatOf(c, participant(remote), 'member')).toEqual({ table: 't3', kind: 'remote' });
    c.do({ type: 'participant:move', participantId: remote, tableId: null });
    expect(seatOf(c, participant(remote), 'member')).toMatchObject({ ok: false, message: 'You have no table yet; table audio starts once you are seated.' });
  });

  it('gives a table device link only to tables that take remote people; a new link retires the old', () => {
    const { c } = cafe();
    expect(c.try({ type: 'device:link', tableId: 't2' })).toMatchObject({ ok: false, error: 'conflict' });
    expect(c.try({ type: 'device:link', tableId: 't9' })).toMatchObject({ ok: false, error: 'not_found' });
    const first = c.do({ type: 'device:link', tableId: 't1', deviceId: 'd-first', tokenHash: 'h-first' });
    expect(first.reply).toEqual({ tableId: 't1', url: 'https://cafe.example/table/s1#device-token-for-h-first' });
    expect(c.state.devices.get('t1')).toEqual({ deviceId: 'd-first', tokenHash: 'h-first', at: c.now });
    const device: Actor = { role: 'device', tableId: 't1', deviceId: 'd-first' };
    expect(seatOf(c, device, 'device')).toEqual({ table: 't1', kind: 'device' });

    c.do({ type: 'device:link', tableId: 't1', deviceId: 'd-second', tokenHash: 'h-second' });
    expect(seatOf(c, device, 'device')).toMatchObject({ ok: false, error: 'unauthorised', message: 'This table device link was replaced; open the new one.' });
    expect(seatOf(c, { role: 'device', tableId: 't1', deviceId: 'd-second' }, 'device')).toEqual({ table: 't1', kind: 'device' });
  });

  it('numbers remote members with the smallest number free', () => {
    expect(nextNumber([])).toBe(1);
    expect(nextNumber([1, 2, 4])).toBe(3);
    expect(nextNumber([2, 3])).toBe(1);
  });
});
