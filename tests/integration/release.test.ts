import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../support/clock.ts';
import { createSession, joinSession, TestClient } from '../support/clients.ts';
import { startServer, type TestServer } from '../support/server.ts';

const MINUTE = 60_000;

/** A server runs event after event; a closed session must not stay in memory for good, nor be lost to those who come back. */
describe('closed sessions', () => {
  const cleanup: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn();
  });

  async function closedCafe(server: TestServer) {
    const session = await createSession(server.url);
    const { participantToken } = await joinSession(server.url, session.code, { name: 'Amina' });
    const facilitator = await TestClient.connect(server.url, session.facilitatorToken);
    const amina = await TestClient.connect(server.url, participantToken);
    cleanup.push(
      () => facilitator.close(),
      () => amina.close(),
    );
    expect(await facilitator.send('round:start', { round: 1 })).toEqual({ ok: true });
    const seat = await amina.waitFor('seat:changed');
    expect(
      await amina.send('note:add', { id: 'note-kept-after-close', tableId: seat.table!.id, round: 1, text: 'Publish the draft rules first' }),
    ).toMatchObject({ ok: true });
    expect(await facilitator.send('session:close', {})).toEqual({ ok: true });
    return { session, participantToken, facilitator, amina };
  }

  it('leave memory after ten minutes nobody asked for them, and load again from the store when someone does', async () => {
    const clock = new ManualClock();
    const server = await startServer({ clock });
    cleanup.push(() => server.stop());
    const { session, participantToken, amina } = await closedCafe(server);
    expect(server.app.registry.size).toBe(1);

    clock.advance(9 * MINUTE);
    // The facilitator opens the console again: the session counts as used now.
    const back = await TestClient.connect(server.url, session.facilitatorToken);
    cleanup.push(() => back.close());
    expect(back.snapshot?.session.phase).toBe('closed');
    clock.advance(9 * MINUTE);
    expect(server.app.registry.size).toBe(1);
    clock.advance(2 * MINUTE);
    expect(server.app.registry.size).toBe(0);

    // Someone still connected keeps their copy and can still read their own notes.
    const mine = await amina.send('readout:mine', {});
    expect(mine).toMatchObject({ ok: true });
    expect(JSON.stringify(mine)).toContain('Publish the draft rules first');

    // Someone coming back later gets the session from the store, closed, with their note.
    const later = await TestClient.connect(server.url, participantToken);
    cleanup.push(() => later.close());
    expect(later.snapshot?.session.phase).toBe('closed');
    expect(server.app.registry.size).toBe(1);
    expect(JSON.stringify(await later.send('readout:mine', {}))).toContain('Publish the draft rules first');
    clock.advance(11 * MINUTE);
    expect(server.app.registry.size).toBe(0);
  });

  it('stay as long as they are open, however long nobody touches them', async () => {
    const clock = new ManualClock();
    const server = await startServer({ clock });
    cleanup.push(() => server.stop());
    const session = await createSession(server.url, { autoAdvance: false });
    clock.advance(24 * 60 * MINUTE);
    expect(server.app.registry.size).toBe(1);
    const facilitator = await TestClient.connect(server.url, session.facilitatorToken);
    cleanup.push(() => facilitator.close());
    expect(facilitator.snapshot?.session.phase).toBe('lobby');
  });
});
