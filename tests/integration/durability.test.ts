import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { FacilitatorSnapshot, ParticipantSnapshot } from '../../shared/protocol/views.ts';
import { ManualClock } from '../support/clock.ts';
import { createSession, joinSession, TestClient } from '../support/clients.ts';
import { spawnServer, type ServerProcess } from '../support/process.ts';
import { startServer, tempDataDir } from '../support/server.ts';
import { cid } from '../support/ids.ts';

/** Nothing acknowledged is lost: not to a crash, not to a restart. */
describe('durability', () => {
  const cleanup: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn();
  });

  it('keeps every acknowledged note, the seating, the phase and the timer through kill -9', async () => {
    const dataDir = tempDataDir();
    cleanup.push(() => rmSync(dataDir, { recursive: true, force: true }));
    let server: ServerProcess = await spawnServer({ TABLEHOP_DATA_DIR: dataDir });
    cleanup.push(() => server.kill());

    const session = await createSession(server.url, { autoAdvance: true });
    const tokens: string[] = [];
    for (let i = 0; i < 6; i++) tokens.push((await joinSession(server.url, session.code, { name: `Person ${i}` })).participantToken);
    const facilitator = await TestClient.connect(server.url, session.facilitatorToken);
    const people = await Promise.all(tokens.map((t) => TestClient.connect(server.url, t)));
    expect(await facilitator.send('round:start', { round: 1 })).toEqual({ ok: true });
    await Promise.all(people.map((p) => p.waitFor('seat:changed')));
    expect(await facilitator.send('timer:extend', { minutes: 3, commandId: cid('extend-three') })).toEqual({ ok: true });
    const before = (await facilitator.sync()) as FacilitatorSnapshot;

    // Six people write 60 notes as fast as they can; every ack is counted.
    const N = 60;
    const acks = await Promise.all(
      Array.from({ length: N }, (_, i) => {
        const p = people[i % people.length]!;
        const table = p.received('seat:changed').at(-1)!.table!.id;
        return p.send('note:add', { id: cid(`durable-note-${String(i).padStart(3, '0')}`), tableId: table, round: 1, text: `Acknowledged note ${i}` });
      }),
    );
    expect(acks.filter((a) => a.ok)).toHaveLength(N);
    // The moment the last ack is in, the process dies without any chance to flush.
    await server.kill();
    for (const c of [facilitator, ...people]) c.close();

    server = await spawnServer({ TABLEHOP_DATA_DIR: dataDir });
    const reconnected = await TestClient.connect(server.url, session.facilitatorToken);
    cleanup.push(() => reconnected.close());
    const after = reconnected.snapshot as FacilitatorSnapshot;
    expect(after.notes.map((n) => n.id).sort()).toEqual(Array.from({ length: N }, (_, i) => cid(`durable-note-${String(i).padStart(3, '0')}`)));
    expect(after.session).toEqual(before.session);
    expect(after.session).toMatchObject({ phase: 'round', round: 1, timer: { status: 'running', durationMs: 23 * 60_000 } });
    expect(after.participants.map((p) => [p.id, p.tableId]).sort()).toEqual(before.participants.map((p) => [p.id, p.tableId]).sort());

    // A participant comes back to the same seat, with their own notes marked as theirs.
    const back = await TestClient.connect(server.url, tokens[0]!);
    const seat = (back.snapshot as ParticipantSnapshot).seat;
    expect(seat.table?.id).toBe(before.participants.find((p) => p.name === 'Person 0')!.tableId);
    // All of them (a table's notes come in keyed order, not writing order: docs/moderation.md).
    expect(
      seat
        .table!.notes.filter((n) => n.mine)
        .map((n) => n.text)
        .sort(),
    ).toEqual(Array.from({ length: N / 6 }, (_, k) => `Acknowledged note ${k * 6}`).sort());
    // Resending an acknowledged note after the crash creates no duplicate.
    expect(await back.send('note:add', { id: 'durable-note-000_____', tableId: seat.table!.id, round: 1, text: 'Acknowledged note 0' })).toEqual({
      ok: true,
      noteId: 'durable-note-000_____',
    });
    const final = (await back.sync()) as ParticipantSnapshot;
    expect(final.seat.table!.notes.filter((n) => n.id === 'durable-note-000_____')).toHaveLength(1);
    back.close();
  });

  it('restores open sessions on start with their timers armed', async () => {
    const dataDir = tempDataDir();
    cleanup.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const clock = new ManualClock();
    const first = await startServer({ clock, dataDir });
    const session = await createSession(first.url, { autoAdvance: true, roundSeconds: 600, movingSeconds: 60 });
    await joinSession(first.url, session.code, { name: 'Ama' });
    const fac = await TestClient.connect(first.url, session.facilitatorToken);
    await fac.send('round:start', { round: 1 });
    fac.close();
    await first.stop();
    expect(clock.pending).toBe(0);

    const second = await startServer({ clock, dataDir });
    cleanup.push(() => second.stop());
    expect(clock.pending).toBe(1);
    const watcher = await TestClient.connect(second.url, session.facilitatorToken);
    clock.advance(600_000);
    expect(await watcher.waitFor('phase:changed', (p) => p.phase === 'moving')).toMatchObject({ round: 2 });
    watcher.close();
  });

  it('ends a round whose deadline passed while the server was down at once, and times the move from that deadline', async () => {
    const dataDir = tempDataDir();
    cleanup.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const clock = new ManualClock();
    const first = await startServer({ clock, dataDir });
    const session = await createSession(first.url, { autoAdvance: true, roundSeconds: 600, movingSeconds: 60 });
    await joinSession(first.url, session.code, { name: 'Nguyễn Thị Minh Khai' });
    const fac = await TestClient.connect(first.url, session.facilitatorToken);
    await fac.send('round:start', { round: 1 });
    const deadline = ((await fac.sync()) as FacilitatorSnapshot).session.timer;
    expect(deadline).toMatchObject({ status: 'running' });
    const endsAt = deadline.status === 'running' ? deadline.endsAt : 0;
    fac.close();
    await first.stop();

    // Down from a minute before the deadline to 40 s after it: nothing runs the clock meanwhile.
    clock.advance(600_000 + 40_000);
    const second = await startServer({ clock, dataDir });
    cleanup.push(() => second.stop());
    const watcher = await TestClient.connect(second.url, session.facilitatorToken);
    // Without any time passing after the restart, the round is over and the move has 20 s left, not 60.
    // (The restored session may have ended the round before this console connected: then its snapshot says so.)
    const restored = (watcher.snapshot as FacilitatorSnapshot).session;
    const moving = restored.phase === 'moving' ? restored : await watcher.waitFor('phase:changed', (p) => p.phase === 'moving');
    expect(moving).toMatchObject({ round: 2, timer: { status: 'running', endsAt: endsAt + 60_000 } });
    clock.advance(20_000);
    expect(await watcher.waitFor('phase:changed', (p) => p.phase === 'round' && p.round === 2)).toMatchObject({ timer: { endsAt: endsAt + 60_000 + 600_000 } });
    watcher.close();
  });
});
