import { describe, expect, it } from 'vitest';
import {
  acknowledge,
  changeNote,
  enqueue,
  isTransient,
  keyOf,
  markFailed,
  markSent,
  parseOutbox,
  sendable,
  type PendingNote,
} from '../../client/state/outbox.ts';

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
    expect(sendable(outbox).map(keyOf)).toEqual([b.id, a.id]);
    expect(outbox.find((n) => keyOf(n) === c.id)?.failed?.error).toBe('forbidden');
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

  it('rewrites or drops a note that never left the phone, so deleted words never do', () => {
    const a = note('note-aaaaaaaa', 1);
    expect(changeNote([a], a.id, 'edit', 'Better words', 5)).toEqual([{ ...a, text: 'Better words' }]);
    expect(changeNote([a], a.id, 'delete', '', 5)).toEqual([]);
    // Refused for good, it is not on the server either: an edit gives it another chance.
    const refused = markFailed(markSent([a], a.id), a.id, { error: 'invalid', message: 'too long' });
    expect(changeNote(refused, a.id, 'edit', 'Shorter', 5)).toEqual([{ ...a, text: 'Shorter' }]);
  });

  it('queues a change after a note that may be on the server, one waiting change per note', () => {
    const a = markSent([note('note-aaaaaaaa', 1)], 'note-aaaaaaaa');
    const edited = changeNote(a, 'note-aaaaaaaa', 'edit', 'First edit', 5);
    expect(sendable(edited).map((n) => ('change' in n ? `${n.change}:${n.text}` : n.id))).toEqual(['note-aaaaaaaa', 'edit:First edit']);
    // The last edit is the text; a deletion makes the edits moot.
    const twice = changeNote(edited, 'note-aaaaaaaa', 'edit', 'Second edit', 6);
    expect(twice.map((n) => ('change' in n ? `${n.change}:${n.text}` : n.id))).toEqual(['note-aaaaaaaa', 'edit:Second edit']);
    const gone = changeNote(twice, 'note-aaaaaaaa', 'delete', '', 7);
    expect(gone.map((n) => ('change' in n ? n.change : n.id))).toEqual(['note-aaaaaaaa', 'delete']);
    // A note of mine the server has (not in the outbox at all) gets its change queued too.
    expect(changeNote([], 'note-server01', 'delete', '', 8)).toMatchObject([{ change: 'delete', noteId: 'note-server01' }]);
  });

  it('survives a round trip through storage and ignores anything malformed', () => {
    const a = note('note-aaaaaaaa', 1);
    const c = changeNote([], 'note-server01', 'edit', 'New words', 2)[0]!;
    expect(parseOutbox(JSON.parse(JSON.stringify([a, c, { id: 3 }, { change: 'edit', text: 'x', createdAt: 1 }, null, 'x'])))).toEqual([a, c]);
    expect(parseOutbox(null)).toEqual([]);
    expect(parseOutbox({ not: 'a list' })).toEqual([]);
  });
});
