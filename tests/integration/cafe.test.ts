import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ParticipantSnapshot, SeatView, TableHistoryView } from '../../shared/protocol/views.ts';
import { ManualClock } from '../support/clock.ts';
import { createSession, joinSession, TestClient, type CreatedSession } from '../support/clients.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { cid } from '../support/ids.ts';

const GROUPS = ['Government', 'Private sector', 'Civil society', 'Technical community', 'Academia', 'Other'];

interface Person {
  name: string;
  client: TestClient;
  seat: () => SeatView;
}

describe('a café of 3 tables and 12 participants over 3 rounds', () => {
  let server: TestServer;
  let clock: ManualClock;
  let session: CreatedSession;
  let facilitator: TestClient;
  let people: Person[];

  beforeEach(async () => {
    clock = new ManualClock();
    server = await startServer({ clock });
    session = await createSession(server.url);
    facilitator = await TestClient.connect(server.url, session.facilitatorToken);
    people = [];
    for (let i = 0; i < 12; i++) {
      const name = `Participant ${String.fromCharCode(65 + i)}`;
      const { participantToken } = await joinSession(server.url, session.code, { name, group: GROUPS[i % GROUPS.length] });
      const client = await TestClient.connect(server.url, participantToken);
      people.push({
        name,
        client,
        seat: () => client.received('seat:changed').at(-1) ?? (client.snapshot as ParticipantSnapshot).seat,
      });
    }
  });

  afterEach(async () => {
    for (const c of [facilitator, ...people.map((p) => p.client)]) c?.close();
    await server.stop();
  });

  const tableOf = (p: Person) => p.seat().table?.id;

  it('seats everyone, carries notes to table peers only, and rotates people to new questions', async () => {
    // The facilitator sees twelve people waiting in the lobby.
    expect(facilitator.received('roster:changed').flat().length + (facilitator.snapshot as any).participants.length).toBeGreaterThanOrEqual(12);

    const seated = await facilitator.send('seating:assign', {});
    expect(seated).toMatchObject({ ok: true, seated: 12, waiting: 0 });
    await Promise.all(people.map((p) => p.client.waitFor('seat:changed')));
    const sizes = new Map<string, number>();
    for (const p of people) sizes.set(tableOf(p)!, (sizes.get(tableOf(p)!) ?? 0) + 1);
    expect([...sizes.values()].sort()).toEqual([4, 4, 4]);

    // The first person at each table hosts it.
    const facilitatorView = await facilitator.sync();
    if (facilitatorView.role !== 'facilitator') throw new Error('expected the facilitator view');
    const hosts = new Map<string, string>();
    for (const row of facilitatorView.participants) if (row.tableId && !hosts.has(row.tableId)) hosts.set(row.tableId, row.id);
    for (const [tableId, participantId] of hosts) expect(await facilitator.send('host:assign', { tableId, participantId })).toEqual({ ok: true });

    expect(await facilitator.send('round:start', { round: 1 })).toEqual({ ok: true });
    await Promise.all(people.map((p) => p.client.waitFor('phase:changed', (ph) => ph.phase === 'round')));

    // Ana writes a note: her table peers and the facilitator see it, nobody else does.
    const ana = people[0]!;
    const anaTable = tableOf(ana)!;
    const peers = people.filter((p) => p !== ana && tableOf(p) === anaTable);
    const others = people.filter((p) => tableOf(p) !== anaTable);
    const peerReceipts = peers.map((p) => p.client.next('note:added'));
    const facilitatorReceipt = facilitator.next('note:added');
    const ack = await ana.client.send('note:add', {
      id: 'note-ana-0001________',
      tableId: anaTable,
      round: 1,
      text: 'Identity must stay optional',
      kind: 'idea',
    });
    expect(ack).toEqual({ ok: true, noteId: 'note-ana-0001________' });
    for (const note of await Promise.all(peerReceipts)) {
      expect(note).toEqual({ id: 'note-ana-0001________', tableId: anaTable, round: 1, text: 'Identity must stay optional', kind: 'idea', edited: false });
    }
    expect(await facilitatorReceipt).toMatchObject({ id: 'note-ana-0001________', text: 'Identity must stay optional' });
    expect(await ana.client.waitFor('note:added')).toMatchObject({ id: 'note-ana-0001________', mine: true });
    await Promise.all(others.map((o) => o.client.caughtUp()));
    for (const other of others) expect(other.client.received('note:added')).toEqual([]);

    // The same note sent again (a resend after a dropped ack) creates no duplicate.
    expect(await ana.client.send('note:add', { id: 'note-ana-0001________', tableId: anaTable, round: 1, text: 'Identity must stay optional' })).toEqual({
      ok: true,
      noteId: 'note-ana-0001________',
    });
    await peers[0]!.client.caughtUp();
    expect(peers[0]!.client.received('note:added')).toHaveLength(1);

    // Round 1 ends: travellers go to a new question, hosts stay.
    const questionsSeen = new Map(people.map((p) => [p.name, new Set([p.seat().table!.question])]));
    for (let round = 1; round <= 3; round++) {
      if (round === 3) {
        expect(await facilitator.send('round:end', { round })).toEqual({ ok: true });
        break;
      }
      const moving = people.map((p) => p.client.next('seat:changed', (s) => s.round === round + 1));
      expect(await facilitator.send('round:end', { round })).toEqual({ ok: true });
      await Promise.all(moving);
      for (const p of people) {
        const seat = p.seat();
        const isHost = [...hosts.values()].includes((p.client.snapshot as ParticipantSnapshot).me.id);
        expect(seat.stay).toBe(isHost);
        if (!isHost) expect(questionsSeen.get(p.name)!.has(seat.table!.question)).toBe(false);
        questionsSeen.get(p.name)!.add(seat.table!.question);
      }
      expect(await facilitator.send('round:start', { round: round + 1 })).toEqual({ ok: true });
    }

    // Whoever sits at Ana's first table in round 2 saw her round-1 note there.
    expect(facilitator.received('phase:changed').at(-1)).toMatchObject({ phase: 'harvest', round: 3 });
    const visitors = people.filter((p) => p.client.received('seat:changed').some((s) => s.round === 2 && s.table?.id === anaTable));
    expect(visitors.length).toBeGreaterThan(0);
    for (const v of visitors) {
      // The seat names the table; what earlier groups left there follows once for the whole table.
      const seat = v.client.received('seat:changed').find((s) => s.round === 2 && s.table?.id === anaTable)!;
      expect(seat.table!.historyFollows).toBe(true);
      const seatAt = v.client.events.findIndex((e) => e.payload === seat);
      const history = v.client.events.slice(seatAt).find((e) => e.event === 'table:history')!.payload as TableHistoryView;
      expect(history.tableId).toBe(anaTable);
      expect(history.notes.map((n) => n.text)).toContain('Identity must stay optional');
      expect(history.notes.find((n) => n.text === 'Identity must stay optional')).not.toHaveProperty('mine');
    }
    // Ana, if she comes back to her first table, finds her own note marked as hers.
    for (const seat of ana.client.received('seat:changed').filter((s) => s.table?.id === anaTable && s.round > 1)) {
      expect(seat.table!.notes).toEqual([expect.objectContaining({ id: 'note-ana-0001________', mine: true })]);
    }

    expect(await facilitator.send('session:close', {})).toEqual({ ok: true });
    expect(await ana.client.send('note:add', { id: 'note-ana-0002________', tableId: anaTable, round: 3, text: 'too late' })).toMatchObject({
      ok: false,
      error: 'closed',
    });
  });

  it('puts a participant who reconnects back in their seat with their notes', async () => {
    await facilitator.send('seating:assign', {});
    await facilitator.send('round:start', { round: 1 });
    await people[1]!.client.caughtUp();
    const ben = people[1]!;
    const table = tableOf(ben)!;
    await ben.client.send('note:add', { id: 'note-ben-0001________', tableId: table, round: 1, text: 'Fund maintenance, not only launches' });
    ben.client.close();

    const token = (ben.client.socket.auth as { token: string }).token;
    const again = await TestClient.connect(server.url, token);
    const snap = again.snapshot as ParticipantSnapshot;
    expect(snap.seat.table?.id).toBe(table);
    expect(snap.session.phase).toBe('round');
    expect(snap.seat.table?.notes).toEqual([
      { id: 'note-ben-0001________', tableId: table, round: 1, text: 'Fund maintenance, not only launches', kind: null, edited: false, mine: true },
    ]);
    again.close();
  });

  it('carries an edit and a deletion to table peers once, however often a flaky phone resends them', async () => {
    await facilitator.send('seating:assign', {});
    await facilitator.send('round:start', { round: 1 });
    await Promise.all(people.map((p) => p.client.waitFor('seat:changed')));
    const [author] = people as [Person];
    const table = tableOf(author)!;
    const peer = people.find((p) => p !== author && tableOf(p) === table)!;
    await author.client.send('note:add', { id: 'note-flaky-01________', tableId: table, round: 1, text: 'First thoughts' });

    const edited = peer.client.next('note:edited');
    // The same edit three times: sent, ack lost, resent from the outbox after a reconnect.
    for (let i = 0; i < 3; i++)
      expect(await author.client.send('note:edit', { id: 'note-flaky-01________', text: 'Second thoughts' })).toEqual({
        ok: true,
        noteId: 'note-flaky-01________',
      });
    expect(await edited).toMatchObject({ id: 'note-flaky-01________', text: 'Second thoughts', edited: true });
    const removed = peer.client.next('note:removed');
    for (let i = 0; i < 2; i++)
      expect(await author.client.send('note:delete', { id: 'note-flaky-01________' })).toEqual({ ok: true, noteId: 'note-flaky-01________' });
    expect(await removed).toEqual({ id: 'note-flaky-01________', tableId: table });
    await peer.client.caughtUp();
    expect(peer.client.received('note:edited')).toHaveLength(1);
    expect(peer.client.received('note:removed')).toHaveLength(1);
    // Only the author may change it, and a deleted note cannot come back by an edit.
    expect(await peer.client.send('note:delete', { id: 'note-flaky-01________' })).toMatchObject({ ok: false, error: 'forbidden' });
    expect(await author.client.send('note:edit', { id: 'note-flaky-01________', text: 'Third thoughts' })).toMatchObject({ ok: false, error: 'conflict' });
  });

  it('runs the timer on the server: pause, resume and extend', async () => {
    await facilitator.send('seating:assign', {});
    await facilitator.send('round:start', { round: 1 });
    const started = await people[0]!.client.waitFor('phase:changed', (p) => p.phase === 'round');
    expect(started.timer).toMatchObject({ status: 'running', endsAt: clock.now() + 1200_000, durationMs: 1200_000 });

    clock.advance(60_000);
    expect(await facilitator.send('timer:pause', {})).toEqual({ ok: true });
    expect((await people[0]!.client.next('phase:changed')).timer).toEqual({ status: 'paused', remainingMs: 1140_000, durationMs: 1200_000 });
    clock.advance(600_000);
    expect(await facilitator.send('timer:resume', {})).toEqual({ ok: true });
    expect((await people[0]!.client.next('phase:changed')).timer).toMatchObject({ status: 'running', endsAt: clock.now() + 1140_000 });
    expect(await facilitator.send('timer:extend', { minutes: 5, commandId: cid('extend-five') })).toEqual({ ok: true });
    expect((await people[0]!.client.next('phase:changed')).timer).toMatchObject({ endsAt: clock.now() + 1440_000, durationMs: 1500_000 });
    // Timer messages are deadlines: nothing arrives while time simply passes.
    const before = people[0]!.client.received('phase:changed').length;
    clock.advance(60_000);
    // Anything the clock set off would be queued in the session before this read, and sent before the ping's answer.
    await (await server.app.registry.get(session.sessionId))!.sync();
    await people[0]!.client.caughtUp();
    expect(people[0]!.client.received('phase:changed').length).toBe(before);
  });

  it('advances on its own when time is up, once, if the session says so', async () => {
    const auto = await createSession(server.url, { autoAdvance: true, rounds: 2, roundSeconds: 600, movingSeconds: 60 });
    const host = await TestClient.connect(server.url, auto.facilitatorToken);
    const { participantToken } = await joinSession(server.url, auto.code, { name: 'Chidi' });
    const chidi = await TestClient.connect(server.url, participantToken);
    await host.send('round:start', { round: 1 });
    await chidi.waitFor('phase:changed', (p) => p.phase === 'round');

    clock.advance(600_000);
    expect(await chidi.waitFor('phase:changed', (p) => p.phase === 'moving')).toMatchObject({ round: 2, timer: { status: 'running', durationMs: 60_000 } });
    clock.advance(60_000);
    expect(await chidi.waitFor('phase:changed', (p) => p.phase === 'round' && p.round === 2)).toMatchObject({ timer: { status: 'running' } });
    clock.advance(600_000);
    expect(await chidi.waitFor('phase:changed', (p) => p.phase === 'harvest')).toMatchObject({ round: 2, timer: { status: 'idle' } });
    await chidi.caughtUp();
    expect(chidi.received('phase:changed').map((p) => `${p.phase}${p.round}`)).toEqual(['round1', 'moving2', 'round2', 'harvest2']);
    host.close();
    chidi.close();
  });
});
