import { describe, expect, it } from 'vitest';
import { acknowledge, enqueue, isTransient, markFailed, parseOutbox, sendable, type PendingNote } from '../../client/state/outbox.ts';

const note = (id: string, createdAt: number): PendingNote => ({ id, tableId: 't1', round: 1, text: `note ${id}`, kind: null, createdAt });

describe('the offline outbox', () => {
  it('keeps a note once, whatever the number of times it is queued', () => {
    const a = note('note-aaaaaaaa', 1);
    expect(enqueue(enqueue([], a), a)).toEqual([a]);
  });

  it('sends oldest first and skips notes the server refused for good', () => {
    const a = note('note-aaaaaaaa', 3);
    const b = note('note-bbbbbbbb', 1);
    const c = note('note-cccccccc', 2);
    const outbox = markFailed([a, b, c], c.id, { error: 'forbidden', message: 'no' });
    expect(sendable(outbox).map((n) => n.id)).toEqual([b.id, a.id]);
    expect(outbox.find((n) => n.id === c.id)?.failed?.error).toBe('forbidden');
  });

  it('drops a note on its acknowledgement and leaves the others', () => {
    const a = note('note-aaaaaaaa', 1);
    const b = note('note-bbbbbbbb', 2);
    expect(acknowledge([a, b], a.id)).toEqual([b]);
    expect(acknowledge([b], a.id)).toEqual([b]);
  });

  it('retries what a reconnect may fix, and not what it will not', () => {
    expect(isTransient('unavailable')).toBe(true);
    expect(isTransient('rate_limited')).toBe(true);
    expect(isTransient('internal')).toBe(true);
    expect(isTransient('forbidden')).toBe(false);
    expect(isTransient('invalid')).toBe(false);
    expect(isTransient('wrong_phase')).toBe(false);
  });

  it('survives a round trip through storage and ignores anything malformed', () => {
    const a = note('note-aaaaaaaa', 1);
    expect(parseOutbox(JSON.parse(JSON.stringify([a, { id: 3 }, null, 'x'])))).toEqual([a]);
    expect(parseOutbox(null)).toEqual([]);
    expect(parseOutbox({ not: 'a list' })).toEqual([]);
  });
});
