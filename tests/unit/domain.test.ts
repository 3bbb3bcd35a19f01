import { describe, expect, it } from 'vitest';
import { commands } from '../../shared/commands/index.ts';
import { replay } from '../../shared/domain/apply.ts';
import { Cafe, facilitator, guest, participant, setup, system } from '../support/domain.ts';
import { cid } from '../support/ids.ts';

const MIN = 60_000;

/** A café with twelve people seated at three tables and round 1 under way. */
function roundOne() {
  const cafe = new Cafe();
  const people = cafe.joinMany(12);
  cafe.do({ type: 'seating:assign' });
  cafe.do({ type: 'round:start', round: 1 });
  return { cafe, people };
}

describe('creating and joining', () => {
  it('starts in the lobby with the tables, questions and default stakeholder groups', () => {
    const cafe = new Cafe();
    expect(cafe.state.phase).toBe('lobby');
    expect(cafe.state.tables.map((t) => [t.id, t.name, t.mode, t.capacity])).toEqual([
      ['t1', 'Table 1', 'hybrid', 8],
      ['t2', 'Table 2', 'hybrid', 8],
      ['t3', 'Table 3', 'hybrid', 8],
    ]);
    expect(cafe.state.config.stakeholderGroups).toEqual(['Government', 'Private sector', 'Civil society', 'Technical community', 'Academia', 'Other']);
  });

  it('lets a guest join with a group from the list, matched without regard to case', () => {
    const cafe = new Cafe();
    const id = cafe.join('Amaka', 'civil SOCIETY', 'remote');
    expect(cafe.state.participants.get(id)).toMatchObject({ name: 'Amaka', group: 'Civil society', presence: 'remote', status: 'active' });
    expect(cafe.state.tokenIndex.get(`h-${id}`)).toBe(id);
  });

  it('refuses a group that is not on the session list, and a participant id used twice', () => {
    const cafe = new Cafe();
    const refused = cafe.try({ type: 'participant:join', participantId: 'p1', tokenHash: 'h1', name: 'X', group: 'Lobbyists', presence: 'room' }, guest);
    expect(refused).toMatchObject({ ok: false, error: 'invalid' });
    cafe.join('Ola');
    expect(
      cafe.try({ type: 'participant:join', participantId: 'p-ola', tokenHash: 'h2', name: 'Ola', group: 'Government', presence: 'room' }, guest),
    ).toMatchObject({
      ok: false,
      error: 'conflict',
    });
  });

  it('seats a late joiner at once while a round is under way', () => {
    const { cafe } = roundOne();
    const late = cafe.join('Late Lee');
    expect(cafe.tableOf(late)).toBeDefined();
    expect(cafe.state.sittings.get(1)!.get(late)).toEqual([cafe.tableOf(late)]);
  });

  it('lets a participant leave, freeing their seat', () => {
    const { cafe, people } = roundOne();
    cafe.do({ type: 'participant:leave' }, participant(people[0]!));
    expect(cafe.state.participants.get(people[0]!)!.status).toBe('left');
    expect(cafe.tableOf(people[0]!)).toBeUndefined();
    expect(cafe.try({ type: 'participant:leave' }, participant(people[0]!))).toMatchObject({ ok: false, error: 'unauthorised' });
  });
});

describe('seating and hosts', () => {
  it('balances tables and spreads stakeholder groups', () => {
    const cafe = new Cafe();
    cafe.joinMany(12, ['Government', 'Government', 'Academia', 'Academia', 'Civil society', 'Civil society']);
    const decision = cafe.do({ type: 'seating:assign' });
    expect(decision.reply).toEqual({ seated: 12, waiting: 0 });
    for (const t of cafe.state.tables) {
      const groups = [...cafe.state.seats].filter(([, tid]) => tid === t.id).map(([pid]) => cafe.state.participants.get(pid)!.group);
      expect(groups).toHaveLength(4);
      for (const g of ['Government', 'Academia', 'Civil society']) expect(groups.filter((x) => x === g).length).toBeLessThanOrEqual(2);
    }
  });

  it('respects capacity and table modes, leaving those who do not fit waiting', () => {
    const cafe = new Cafe(
      setup({
        tables: [
          { question: 'In the room', mode: 'room', capacity: 2 },
          { question: 'Online', mode: 'remote', capacity: 2 },
        ],
      }),
    );
    const inRoom = [cafe.join('R1'), cafe.join('R2'), cafe.join('R3')];
    const remote = [cafe.join('V1', 'Academia', 'remote')];
    expect(cafe.do({ type: 'seating:assign' }).reply).toEqual({ seated: 3, waiting: 1 });
    expect(inRoom.map((p) => cafe.tableOf(p)).filter(Boolean)).toEqual(['t1', 't1']);
    expect(cafe.tableOf(remote[0]!)).toBe('t2');
  });

  it('moves a person by hand, refusing full tables and tables of the wrong kind', () => {
    const cafe = new Cafe(
      setup({
        tables: [
          { question: 'A', capacity: 2 },
          { question: 'B', mode: 'remote', capacity: 2 },
        ],
      }),
    );
    const [a, b, c] = [cafe.join('A'), cafe.join('B'), cafe.join('C')];
    cafe.do({ type: 'participant:move', participantId: a, tableId: 't1' });
    cafe.do({ type: 'participant:move', participantId: b, tableId: 't1', pin: true });
    expect(cafe.state.participants.get(b)!.pinnedTo).toBe('t1');
    expect(cafe.try({ type: 'participant:move', participantId: c, tableId: 't1' })).toMatchObject({ ok: false, error: 'full' });
    expect(cafe.try({ type: 'participant:move', participantId: c, tableId: 't2' })).toMatchObject({ ok: false, error: 'conflict' });
    expect(cafe.try({ type: 'participant:move', participantId: 'nobody', tableId: 't1' })).toMatchObject({ ok: false, error: 'not_found' });
    expect(cafe.try({ type: 'participant:move', participantId: c, tableId: 't9' })).toMatchObject({ ok: false, error: 'not_found' });
    cafe.do({ type: 'participant:move', participantId: a, tableId: null });
    expect(cafe.tableOf(a)).toBeUndefined();
  });

  it('makes a seated person host, one table at a time, and only the facilitator may', () => {
    const { cafe, people } = roundOne();
    const p = people[0]!;
    const table = cafe.tableOf(p)!;
    const elsewhere = cafe.state.tables.find((t) => t.id !== table)!.id;
    expect(cafe.try({ type: 'host:assign', tableId: table, participantId: p }, participant(p))).toMatchObject({ ok: false, error: 'forbidden' });
    expect(cafe.try({ type: 'host:assign', tableId: elsewhere, participantId: p })).toMatchObject({ ok: false, error: 'conflict' });
    cafe.do({ type: 'host:assign', tableId: table, participantId: p });
    expect(cafe.state.tables.find((t) => t.id === table)!.hostId).toBe(p);
    expect(cafe.do({ type: 'host:assign', tableId: table, participantId: p }).events).toEqual([]);
    // Moving the host elsewhere ends their hosting.
    cafe.do({ type: 'participant:move', participantId: p, tableId: elsewhere });
    expect(cafe.state.tables.find((t) => t.id === table)!.hostId).toBeNull();
  });
});

describe('rounds and the timer', () => {
  it('walks lobby → round 1 → moving → round 2 → … → harvest → closed', () => {
    const cafe = new Cafe();
    cafe.joinMany(6);
    const phases: string[] = [];
    const note = () => phases.push(`${cafe.state.phase}${cafe.state.round || ''}`);
    note();
    cafe.do({ type: 'round:start', round: 1 });
    note();
    for (const round of [1, 2, 3]) {
      cafe.do({ type: 'round:end', round });
      note();
      if (round < 3) {
        cafe.do({ type: 'round:start', round: round + 1 });
        note();
      }
    }
    cafe.do({ type: 'session:close' });
    note();
    expect(phases).toEqual(['lobby', 'round1', 'moving2', 'round2', 'moving3', 'round3', 'harvest3', 'closed3']);
  });

  it('seats anyone unseated when round 1 starts, and refuses to start an empty café', () => {
    const empty = new Cafe();
    expect(empty.try({ type: 'round:start', round: 1 })).toMatchObject({ ok: false, error: 'conflict' });
    const cafe = new Cafe();
    const people = cafe.joinMany(4);
    cafe.do({ type: 'round:start', round: 1 });
    for (const p of people) expect(cafe.tableOf(p)).toBeDefined();
  });

  it('refuses a second "start round" or "end round" for the same round (two clicks, two facilitators)', () => {
    const { cafe } = roundOne();
    expect(cafe.try({ type: 'round:start', round: 1 })).toMatchObject({ ok: false, error: 'conflict' });
    cafe.do({ type: 'round:end', round: 1 });
    expect(cafe.try({ type: 'round:end', round: 1 })).toMatchObject({ ok: false, error: 'wrong_phase' });
    expect(cafe.try({ type: 'round:start', round: 3 })).toMatchObject({ ok: false, error: 'conflict' });
    cafe.do({ type: 'round:start', round: 2 });
    expect(cafe.try({ type: 'round:start', round: 2 })).toMatchObject({ ok: false, error: 'conflict' });
    expect(cafe.try({ type: 'round:end', round: 1 })).toMatchObject({ ok: false, error: 'conflict' });
  });

  it('pauses, resumes and extends against the time passed in', () => {
    const { cafe } = roundOne();
    const endsAt = cafe.now + 20 * MIN;
    expect(cafe.state.timer).toEqual({ status: 'running', endsAt, durationMs: 20 * MIN });
    cafe.advance(5 * MIN);
    cafe.do({ type: 'timer:pause' });
    expect(cafe.state.timer).toEqual({ status: 'paused', remainingMs: 15 * MIN, durationMs: 20 * MIN });
    expect(cafe.do({ type: 'timer:pause' }).events).toEqual([]);
    cafe.do({ type: 'timer:extend', minutes: 1, commandId: cid('extend-one') });
    expect(cafe.state.timer).toEqual({ status: 'paused', remainingMs: 16 * MIN, durationMs: 21 * MIN });
    cafe.advance(30 * MIN);
    cafe.do({ type: 'timer:resume' });
    expect(cafe.state.timer).toEqual({ status: 'running', endsAt: cafe.now + 16 * MIN, durationMs: 21 * MIN });
    // Time that already ran out is not owed: +5 after the deadline counts from now.
    cafe.advance(20 * MIN);
    cafe.do({ type: 'timer:extend', minutes: 5, commandId: cid('extend-five') });
    expect(cafe.state.timer).toMatchObject({ status: 'running', endsAt: cafe.now + 5 * MIN });
  });

  it('extends once when the facilitator resends an extension whose answer was lost, and twice for two clicks', () => {
    const { cafe } = roundOne();
    const endsAt = cafe.state.timer.status === 'running' ? cafe.state.timer.endsAt : 0;
    const click = { type: 'timer:extend' as const, minutes: 1, commandId: cid('extend-lost-answer') };
    expect(cafe.do(click).events).toHaveLength(1);
    // The answer never reached the console; the same click goes again with the same id.
    expect(cafe.do(click)).toMatchObject({ ok: true, events: [] });
    expect(cafe.state.timer).toMatchObject({ endsAt: endsAt + MIN });
    // A second, new click is a second minute.
    cafe.do({ ...click, commandId: cid('extend-second-click') });
    expect(cafe.state.timer).toMatchObject({ endsAt: endsAt + 2 * MIN });
  });

  it('shows a resent broadcast once, and the same words sent again as a new one', () => {
    const { cafe } = roundOne();
    const words = { type: 'broadcast:send' as const, text: 'دقيقتان متبقيتان — two minutes left', commandId: cid('two-minutes-left') };
    const first = cafe.do(words).events;
    cafe.advance(1000);
    expect(cafe.do(words).events).toEqual([]);
    expect(cafe.state.broadcast).toMatchObject({ id: (first[0] as { broadcastId: string }).broadcastId, at: cafe.now - 1000 });
    expect(cafe.do({ ...words, commandId: cid('two-minutes-again') }).events).toHaveLength(1);
    expect(cafe.state.broadcast).toMatchObject({ at: cafe.now });
  });

  it('refuses timer controls outside a round or a move', () => {
    const cafe = new Cafe();
    expect(cafe.try({ type: 'timer:pause' })).toMatchObject({ ok: false, error: 'wrong_phase' });
    expect(cafe.try({ type: 'timer:resume' })).toMatchObject({ ok: false, error: 'conflict' });
    expect(cafe.try({ type: 'timer:extend', minutes: 5, commandId: cid('extend-late') })).toMatchObject({ ok: false, error: 'wrong_phase' });
  });

  it('advances on expiry only when time is up, only once, and only with auto-advance', () => {
    const { cafe } = roundOne();
    const expire = { type: 'timer:expire' as const, phase: 'round' as const, round: 1 };
    expect(cafe.try(expire, system)).toMatchObject({ ok: false, error: 'conflict' });
    expect(cafe.try(expire, facilitator)).toMatchObject({ ok: false, error: 'forbidden' });
    cafe.advance(20 * MIN);
    cafe.do(expire, system);
    expect(cafe.state.phase).toBe('moving');
    expect(cafe.try(expire, system)).toMatchObject({ ok: false, error: 'conflict' });
    cafe.advance(2 * MIN);
    cafe.do({ type: 'timer:expire', phase: 'moving', round: 2 }, system);
    expect(cafe.state).toMatchObject({ phase: 'round', round: 2 });

    const manual = new Cafe(setup({ autoAdvance: false }));
    manual.joinMany(3);
    manual.do({ type: 'round:start', round: 1 });
    manual.advance(20 * MIN);
    expect(manual.do({ type: 'timer:expire', phase: 'round', round: 1 }, system).events).toEqual([]);
    expect(manual.state.phase).toBe('round');
  });

  it('ends a phase at its deadline and times the next from it, however late the expiry runs', () => {
    // The server was down from minute 19 to minute 26 of a 20-minute round; the move lasts 2 minutes.
    const { cafe } = roundOne();
    const deadline = cafe.state.timer.status === 'running' ? cafe.state.timer.endsAt : 0;
    const move = cafe.state.config.movingSeconds * 1000;
    cafe.advance(26 * MIN);
    cafe.do({ type: 'timer:expire', phase: 'round', round: 1 }, system);
    expect(cafe.state).toMatchObject({ phase: 'moving', timer: { status: 'running', endsAt: deadline + move } });
    // The move's end passed too while it was down: round 2 starts as if it had started on time.
    cafe.do({ type: 'timer:expire', phase: 'moving', round: 2 }, system);
    expect(cafe.state).toMatchObject({ phase: 'round', round: 2, timer: { status: 'running', endsAt: deadline + move + 20 * MIN } });
  });

  it('opens the harvest from a round, ending it, and refuses to seat anyone after', () => {
    const { cafe, people } = roundOne();
    cafe.do({ type: 'harvest:open' });
    expect(cafe.state).toMatchObject({ phase: 'harvest', round: 1, timer: { status: 'idle' } });
    expect(cafe.try({ type: 'seating:assign' })).toMatchObject({ ok: false, error: 'wrong_phase' });
    expect(cafe.try({ type: 'participant:move', participantId: people[0]!, tableId: 't1' })).toMatchObject({ ok: false, error: 'wrong_phase' });
    expect(cafe.do({ type: 'harvest:open' }).events).toEqual([]);
  });

  it('refuses every command once closed', () => {
    const { cafe, people } = roundOne();
    cafe.do({ type: 'session:close' });
    expect(cafe.try({ type: 'broadcast:send', text: 'hello', commandId: cid('broadcast-closed') })).toMatchObject({ ok: false, error: 'closed' });
    expect(cafe.try({ type: 'participant:join', participantId: 'x', tokenHash: 'y', name: 'Z', group: 'Other', presence: 'room' }, guest)).toMatchObject({
      ok: false,
      error: 'closed',
    });
    expect(cafe.try({ type: 'note:delete', id: 'whatever-1' }, participant(people[0]!))).toMatchObject({ ok: false, error: 'closed' });
  });
});

describe('notes and summaries', () => {
  it('adds a note at the participant’s table, idempotently by its client id', () => {
    const { cafe, people } = roundOne();
    const p = people[0]!;
    const add = { type: 'note:add' as const, id: 'note-0001', tableId: cafe.tableOf(p)!, round: 1, text: 'Open standards first', kind: 'idea' as const };
    expect(cafe.do(add, participant(p)).events).toHaveLength(1);
    expect(cafe.do(add, participant(p))).toEqual({ ok: true, events: [], reply: { noteId: 'note-0001' } });
    expect(cafe.try(add, participant(people[1]!))).toMatchObject({ ok: false, error: 'conflict' });
    expect(cafe.state.tableNotes.get(cafe.tableOf(p)!)).toEqual(['note-0001']);
  });

  it('refuses notes at another table, in the lobby, or from someone who is not a participant', () => {
    const lobby = new Cafe();
    const [x] = lobby.joinMany(3);
    lobby.do({ type: 'seating:assign' });
    expect(lobby.try({ type: 'note:add', id: 'note-0001', tableId: lobby.tableOf(x!)!, round: 1, text: 'early' }, participant(x!))).toMatchObject({
      ok: false,
      error: 'wrong_phase',
    });
    const { cafe, people } = roundOne();
    const p = people[0]!;
    const other = cafe.state.tables.find((t) => t.id !== cafe.tableOf(p))!.id;
    expect(cafe.try({ type: 'note:add', id: 'note-0002', tableId: other, round: 1, text: 'x' }, participant(p))).toMatchObject({
      ok: false,
      error: 'forbidden',
    });
    expect(cafe.try({ type: 'note:add', id: 'note-0003', tableId: cafe.tableOf(p)!, round: 2, text: 'x' }, participant(p))).toMatchObject({
      ok: false,
      error: 'forbidden',
    });
    expect(cafe.try({ type: 'note:add', id: 'note-0004', tableId: cafe.tableOf(p)!, round: 1, text: 'x' }, facilitator)).toMatchObject({
      ok: false,
      error: 'forbidden',
    });
    expect(cafe.try({ type: 'note:add', id: 'note-0005', tableId: 't9', round: 1, text: 'x' }, participant(p))).toMatchObject({
      ok: false,
      error: 'not_found',
    });
  });

  it('accepts a note written offline for the round just ended, at the table of that round', () => {
    const { cafe, people } = roundOne();
    const p = people[0]!;
    const firstTable = cafe.tableOf(p)!;
    cafe.do({ type: 'round:end', round: 1 });
    cafe.do({ type: 'note:add', id: 'note-late-1', tableId: firstTable, round: 1, text: 'Written on the train' }, participant(p));
    expect(cafe.state.notes.get('note-late-1')).toMatchObject({ tableId: firstTable, round: 1 });
  });

  it('lets authors edit and delete only their own notes; a deleted note keeps no words', () => {
    const { cafe, people } = roundOne();
    const [author, other] = people as [string, string];
    cafe.do({ type: 'note:add', id: 'note-0001', tableId: cafe.tableOf(author)!, round: 1, text: 'First draft' }, participant(author));
    expect(cafe.try({ type: 'note:edit', id: 'note-0001', text: 'Hijack' }, participant(other))).toMatchObject({ ok: false, error: 'forbidden' });
    expect(cafe.try({ type: 'note:edit', id: 'note-9999', text: 'x' }, participant(author))).toMatchObject({ ok: false, error: 'not_found' });
    cafe.do({ type: 'note:edit', id: 'note-0001', text: 'Second draft', kind: 'question' }, participant(author));
    expect(cafe.state.notes.get('note-0001')).toMatchObject({ text: 'Second draft', kind: 'question', edited: true });
    expect(cafe.do({ type: 'note:edit', id: 'note-0001', text: 'Second draft' }, participant(author)).events).toEqual([]);
    expect(cafe.try({ type: 'note:delete', id: 'note-0001' }, participant(other))).toMatchObject({ ok: false, error: 'forbidden' });
    cafe.do({ type: 'note:delete', id: 'note-0001' }, participant(author));
    expect(cafe.state.notes.get('note-0001')).toMatchObject({ deleted: true, text: '' });
    expect(cafe.do({ type: 'note:delete', id: 'note-0001' }, participant(author)).events).toEqual([]);
    expect(cafe.try({ type: 'note:edit', id: 'note-0001', text: 'back' }, participant(author))).toMatchObject({ ok: false, error: 'conflict' });
    // A late resend of the original add does not bring it back.
    expect(cafe.do({ type: 'note:add', id: 'note-0001', tableId: cafe.tableOf(author)!, round: 1, text: 'First draft' }, participant(author)).events).toEqual(
      [],
    );
  });

  it('lets the facilitator hide a note, and mute its author without removing or naming them', () => {
    const { cafe, people } = roundOne();
    const troll = people[3]!;
    cafe.do({ type: 'note:add', id: 'note-abuse', tableId: cafe.tableOf(troll)!, round: 1, text: 'abuse' }, participant(troll));
    expect(cafe.try({ type: 'note:hide', id: 'note-abuse', hidden: true }, participant(people[0]!))).toMatchObject({ ok: false, error: 'forbidden' });
    // Removing the author from a note is gone: it told the facilitator who wrote it.
    expect(commands['note:hide'].schema.safeParse({ id: 'note-abuse', hidden: true, removeAuthor: true }).success).toBe(false);
    const decision = cafe.do({ type: 'author:mute', id: 'note-abuse' });
    expect(decision.reply).toEqual({ noteId: 'note-abuse' });
    expect(cafe.state.notes.get('note-abuse')!.hidden).toBe(true);
    // Still in the café, in the same seat: nothing about them changed but their notes.
    expect(cafe.state.participants.get(troll)!.status).toBe('active');
    expect(cafe.tableOf(troll)).toBeDefined();
    expect(cafe.try({ type: 'note:hide', id: 'note-none', hidden: true })).toMatchObject({ ok: false, error: 'not_found' });
  });

  it('lets only the table host write a round summary, for rounds that have started', () => {
    const { cafe, people } = roundOne();
    const host = people[0]!;
    const table = cafe.tableOf(host)!;
    cafe.do({ type: 'host:assign', tableId: table, participantId: host });
    const guestAtTable = people.find((p) => p !== host && cafe.tableOf(p) === table)!;
    expect(cafe.try({ type: 'summary:write', tableId: table, round: 1, text: 'x' }, participant(guestAtTable))).toMatchObject({
      ok: false,
      error: 'forbidden',
    });
    expect(cafe.try({ type: 'summary:write', tableId: table, round: 2, text: 'x' }, participant(host))).toMatchObject({ ok: false, error: 'wrong_phase' });
    cafe.do({ type: 'summary:write', tableId: table, round: 1, text: 'We agreed on open standards.' }, participant(host));
    expect(Object.fromEntries(cafe.state.summaries.get(table)!)).toEqual({ 1: 'We agreed on open standards.' });
    cafe.do({ type: 'round:end', round: 1 });
    // While moving, round 2 has not started: only round 1 can be summarised.
    expect(cafe.try({ type: 'summary:write', tableId: table, round: 2, text: 'x' }, participant(host))).toMatchObject({ ok: false, error: 'wrong_phase' });
  });

  it('sends a broadcast from the facilitator only', () => {
    const { cafe, people } = roundOne();
    expect(cafe.try({ type: 'broadcast:send', text: 'Five minutes left', commandId: cid('broadcast-five') }, participant(people[0]!))).toMatchObject({
      ok: false,
      error: 'forbidden',
    });
    cafe.do({ type: 'broadcast:send', text: 'Five minutes left', commandId: cid('broadcast-five') });
    expect(cafe.state.broadcast).toMatchObject({ text: 'Five minutes left', at: cafe.now });
  });

  it('lets the facilitator remove a participant, once', () => {
    const { cafe, people } = roundOne();
    cafe.do({ type: 'participant:remove', participantId: people[0]! });
    expect(cafe.do({ type: 'participant:remove', participantId: people[0]! }).events).toEqual([]);
    expect(cafe.try({ type: 'participant:remove', participantId: 'ghost' })).toMatchObject({ ok: false, error: 'not_found' });
    expect(cafe.try({ type: 'participant:remove', participantId: people[1]! }, participant(people[2]!))).toMatchObject({ ok: false, error: 'forbidden' });
  });
});

describe('the log', () => {
  it('replays to the same state it was built from', () => {
    const { cafe, people } = roundOne();
    cafe.do({ type: 'note:add', id: 'note-0001', tableId: cafe.tableOf(people[0]!)!, round: 1, text: 'x' }, participant(people[0]!));
    cafe.do({ type: 'round:end', round: 1 });
    expect(replay(cafe.log)).toEqual(cafe.state);
    expect(cafe.state.version).toBe(cafe.log.length);
  });
});
