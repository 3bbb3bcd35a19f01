import { describe, expect, it } from 'vitest';
import { account } from '../../bench/lib/accounting.ts';
import type { AuthoredNote, Collected, SeatRecord } from '../../bench/lib/api.ts';
import { Recorder, Seen } from '../../bench/lib/recorder.ts';
import type { NoteView } from '../../shared/protocol/views.ts';

/**
 * The load benchmark's facilitator hears each note's round only once its (table, round) has three
 * writers (moderation's k rule). The accounting must tell the re-sends that rule calls for from ones
 * it does not, and from a round shown too early or never: a broken k rule must fail the bench.
 */
describe('the load bench counts what the k rule owes the facilitator', () => {
  const seats: SeatRecord[] = ['a', 'b', 'c'].map((p, idx) => ({ idx, session: 0, participantId: p, round: 0, tableId: 't1', isHost: false, at: 0, bytes: 0 }));

  /** Notes by the given authors at table t1 in round 1; the facilitator hears what `heard` says. */
  function run(authors: string[], heard: (say: (kind: 'added' | 'edited', noteIndex: number, round: number) => void) => void) {
    const recorder = new Recorder();
    const notes: AuthoredNote[] = authors.map((author, i) => ({ id: `n${i}`, author, session: 0, tableId: 't1', round: 1, accepted: true, edited: false }));
    recorder.authored.push(...notes);
    const staff = new Seen();
    // Every seat gets every note once (not what is under test here).
    const peers = seats.map(() => new Seen());
    for (const [i, n] of notes.entries()) for (const seen of peers) recorder.received('added', view(n, 1, i), seen, 0, 'participant');
    heard((kind, i, round) => recorder.received(kind, view(notes[i]!, round, i), staff, 0, 'facilitator'));
    return account([{ ...recorder.collect() } as unknown as Collected], new Map([[0, seats]]));
  }
  const view = (n: AuthoredNote, round: number, i: number): NoteView => ({ id: n.id, tableId: n.tableId, round, text: `${i}`, kind: null, edited: false });

  it('takes the one reveal owed when a third writer joins the cell as owed', () => {
    const d = run(['a', 'b', 'c'], (say) => {
      say('added', 0, 0);
      say('added', 1, 0);
      say('added', 2, 1);
      say('edited', 0, 1);
      say('edited', 1, 1);
    });
    expect(d).toMatchObject({ reveals: 2, unowedReveals: 0, wrongRounds: 0, extra: 0, duplicates: 0, lost: 0 });
  });

  it('counts a round that flaps back and forth with no writer changing as unowed', () => {
    const d = run(['a', 'b', 'c'], (say) => {
      say('added', 0, 0);
      say('added', 1, 0);
      say('added', 2, 1);
      say('edited', 0, 1);
      say('edited', 0, 0);
      say('edited', 0, 1);
      say('edited', 1, 1);
    });
    expect(d.unowedReveals).toBe(2);
    expect(d.wrongRounds).toBe(0);
  });

  it('counts a round shown while only two people wrote there as wrong', () => {
    const d = run(['a', 'b'], (say) => {
      say('added', 0, 1);
      say('added', 1, 1);
    });
    expect(d.wrongRounds).toBe(2);
  });

  it('counts a reveal owed but never sent as wrong', () => {
    const d = run(['a', 'b', 'c'], (say) => {
      say('added', 0, 0);
      say('added', 1, 0);
      say('added', 2, 1);
      say('edited', 1, 1);
    });
    expect(d).toMatchObject({ reveals: 1, unowedReveals: 0, wrongRounds: 1 });
  });
});
