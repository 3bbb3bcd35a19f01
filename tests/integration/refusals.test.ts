import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectError, createSession, joinSession, postJson, TestClient, type CreatedSession } from '../support/clients.ts';
import { Limits } from '../../shared/protocol/limits.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { cid } from '../support/ids.ts';

/** Bad input gets a clear error and changes nothing; nothing a client sends brings the server down. */
describe('refusals', () => {
  let server: TestServer;
  let session: CreatedSession;
  let facilitator: TestClient;
  let participant: TestClient;
  let participantToken: string;

  const version = async () => (await server.app.registry.get(session.sessionId))!.state.version;
  const healthy = async () => (await fetch(`${server.url}/healthz`)).status === 200;

  beforeAll(async () => {
    server = await startServer({ rate: { burst: 1000, perSecond: 1000 } });
    session = await createSession(server.url);
    ({ participantToken } = await joinSession(server.url, session.code, { name: 'Dana' }));
    await joinSession(server.url, session.code, { name: 'Eli' });
    facilitator = await TestClient.connect(server.url, session.facilitatorToken);
    participant = await TestClient.connect(server.url, participantToken);
    await facilitator.send('round:start', { round: 1 });
  });

  afterAll(async () => {
    facilitator.close();
    participant.close();
    await server.stop();
  });

  describe('over HTTP', () => {
    it('refuses malformed JSON, oversize bodies and unknown fields with a reason', async () => {
      const malformed = await fetch(`${server.url}/api/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"title": ' });
      expect(malformed.status).toBe(400);
      expect(await malformed.json()).toMatchObject({ ok: false, error: 'invalid', message: expect.stringMatching(/JSON/) });

      const huge = await postJson(`${server.url}/api/sessions`, { title: 'x'.repeat(Limits.maxHttpBodyBytes + 1) });
      expect(huge).toMatchObject({ status: 413, body: { ok: false, error: 'too_large' } });

      const unknown = await postJson(`${server.url}/api/sessions`, {
        title: 'T',
        tables: [{ question: 'Q' }],
        rounds: 1,
        roundSeconds: 600,
        movingSeconds: 0,
        autoAdvance: false,
        admin: true,
      });
      expect(unknown).toMatchObject({ status: 400, body: { error: 'invalid', message: expect.stringMatching(/admin/) } });

      const missing = await postJson(`${server.url}/api/sessions`, { title: '   ', tables: [], rounds: 99 });
      expect(missing.status).toBe(400);
      expect(missing.body.message).toMatch(/title: must not be empty/);
      expect(missing.body.message).toMatch(/rounds/);
    });

    it('refuses joins to unknown sessions and with a group not on the list', async () => {
      expect(await postJson(`${server.url}/api/join/ZZZZZZ`, { name: 'Ada', group: 'Government', presence: 'room' })).toMatchObject({
        status: 404,
        body: { error: 'not_found' },
      });
      const before = await version();
      const badGroup = await postJson(`${server.url}/api/join/${session.code}`, { name: 'Ada', group: 'Lobbyists', presence: 'room' });
      expect(badGroup).toMatchObject({ status: 400, body: { error: 'invalid', message: expect.stringMatching(/group: must be one of/) } });
      const badPresence = await postJson(`${server.url}/api/join/${session.code}`, { name: 'Ada', group: 'Academia', presence: 'moon' });
      expect(badPresence.status).toBe(400);
      expect(await version()).toBe(before);
    });

    it('refuses to hand out a setup without the facilitator key', async () => {
      const res = await fetch(`${server.url}/api/sessions/${session.sessionId}/setup`, { headers: { authorization: `Bearer ${participantToken}` } });
      expect(res.status).toBe(401);
      const ok = await fetch(`${server.url}/api/sessions/${session.sessionId}/setup`, { headers: { authorization: `Bearer ${session.facilitatorToken}` } });
      expect((await ok.json()).setup.tables).toHaveLength(3);
    });
  });

  describe('at the handshake', () => {
    it('refuses missing, malformed, forged and unknown credentials', async () => {
      expect(await connectError(server.url, undefined)).toMatchObject({ data: { error: 'unauthorised' } });
      expect(await connectError(server.url, { $gt: '' })).toMatchObject({ data: { error: 'unauthorised' } });
      const forged = session.facilitatorToken.replace(/\.[^.]+$/, '.' + 'x'.repeat(32));
      expect(await connectError(server.url, forged)).toMatchObject({ data: { error: 'unauthorised', message: 'This facilitator link is not valid.' } });
      const forgedParticipant = participantToken.replace(/\.[^.]+$/, '.' + 'y'.repeat(32));
      expect(await connectError(server.url, forgedParticipant)).toMatchObject({ data: { error: 'unauthorised' } });
      expect(await connectError(server.url, `p.NoSuchSessio.${'z'.repeat(32)}`)).toMatchObject({ data: { error: 'not_found' } });
      expect(await connectError(server.url, 'd.QQQQQQ')).toMatchObject({ data: { error: 'not_found' } });
    });

    it('shuts out a removed participant for good', async () => {
      const { participantToken: token } = await joinSession(server.url, session.code, { name: 'Troll' });
      const troll = await TestClient.connect(server.url, token);
      const id = (troll.snapshot as { me: { id: string } }).me.id;
      const ended = troll.next('session:ended');
      const disconnected = new Promise((r) => troll.socket.once('disconnect', r));
      expect(await facilitator.send('participant:remove', { participantId: id })).toEqual({ ok: true });
      expect(await ended).toMatchObject({ reason: 'removed' });
      await disconnected;
      expect(await connectError(server.url, token)).toMatchObject({ data: { error: 'forbidden', message: expect.stringMatching(/removed/) } });
    });
  });

  describe('on the socket', () => {
    it('refuses malformed payloads with the field at fault, changing nothing', async () => {
      const before = await version();
      const table = (await participant.waitFor('seat:changed')).table!.id;
      const cases: [string, unknown, RegExp][] = [
        ['note:add', { id: 'short', tableId: table, round: 1, text: 'x' }, /id: must be a client id/],
        ['note:add', { id: 'note-000001__________', tableId: table, round: 1, text: '   ' }, /text: must not be empty/],
        ['note:add', { id: 'note-000001__________', tableId: table, round: 1, text: 'x'.repeat(1001) }, /text: at most 1000 characters/],
        ['note:add', { id: 'note-000001__________', tableId: table, round: '1', text: 'x' }, /round/],
        ['note:add', { id: 'note-000001__________', tableId: table, round: 1, text: 'x', kind: 'rant' }, /kind/],
        ['note:add', { id: 'note-000001__________', tableId: table, round: 1, text: 'x', authorId: 'someone-else' }, /authorId/],
        ['note:add', 'just a string', /expected object/i],
        ['note:add', null, /expected object/i],
        ['timer:extend', { minutes: 1e9, commandId: cid('extend-huge') }, /minutes/],
        ['timer:extend', { minutes: 1.5, commandId: cid('extend-half') }, /minutes/],
      ];
      for (const [event, payload, message] of cases) {
        // Each from a role that may send the command: a role that may not is refused before its payload is read.
        const sender = event.startsWith('timer:') ? facilitator : participant;
        const result = await (sender.socket as any).timeout(2000).emitWithAck(event, payload);
        expect(result, `${event} ${JSON.stringify(payload)?.slice(0, 60)}`).toMatchObject({
          ok: false,
          error: 'invalid',
          message: expect.stringMatching(message),
        });
      }
      expect(await version()).toBe(before);
    });

    it('refuses commands from the wrong role, and unknown commands', async () => {
      const before = await version();
      expect(await participant.send('round:end', { round: 1 })).toMatchObject({ ok: false, error: 'forbidden', message: 'Only the facilitator can do this.' });
      expect(await participant.send('participant:remove', { participantId: 'NoSuchPerson01' })).toMatchObject({ ok: false, error: 'forbidden' });
      expect(await facilitator.send('note:add', { id: 'note-fac-001_________', tableId: 't1', round: 1, text: 'x' })).toMatchObject({
        ok: false,
        error: 'forbidden',
      });
      const display = await TestClient.connect(server.url, `d.${session.code}`);
      expect(await display.send('broadcast:send', { text: 'hijack', commandId: cid('hijack') })).toMatchObject({ ok: false, error: 'forbidden' });
      for (const event of ['admin:wipe', 'toString', '__proto__', 'constructor']) {
        expect(await (participant.socket as any).timeout(2000).emitWithAck(event, {})).toMatchObject({ ok: false, error: 'unknown_command' });
      }
      display.close();
      expect(await version()).toBe(before);
    });

    it('ignores a command sent without an acknowledgement callback', async () => {
      const before = await version();
      (participant.socket as any).emit('broadcast:send', { text: 'no ack' });
      (facilitator.socket as any).emit('broadcast:send', { text: 'no ack' });
      // Commands on one connection are handled in order: once a later one is answered, the first was dropped.
      await participant.caughtUp();
      await facilitator.caughtUp();
      expect(await version()).toBe(before);
    });

    it('closes a connection that sends more than the message cap, and stays up for everyone else', async () => {
      const big = io(server.url, { auth: { token: participantToken }, transports: ['websocket'], reconnection: false, forceNew: true });
      await new Promise((r) => big.once('connect', () => r(null)));
      const closed = new Promise<string>((r) => big.once('disconnect', r));
      big.emit('note:add', { id: 'note-huge-0001_______', tableId: 't1', round: 1, text: 'x'.repeat(100_000) }, () => {});
      expect(await closed).toMatch(/transport close|transport error/);
      expect(await healthy()).toBe(true);
      expect(await facilitator.send('clock:ping', { t0: 1 })).toMatchObject({ ok: true, t0: 1 });
    });

    it('rate-limits a participant who floods, across their sockets', async () => {
      const strict = await startServer({ rate: { burst: 5, perSecond: 0.1 } });
      const s = await createSession(strict.url);
      const { participantToken: token } = await joinSession(strict.url, s.code, { name: 'Fast' });
      const a = await TestClient.connect(strict.url, token);
      const b = await TestClient.connect(strict.url, token);
      const results = [];
      for (let i = 0; i < 8; i++) results.push(await (i % 2 ? a : b).send('note:delete', { id: 'note-missing-1_______' }));
      // In the lobby there is nothing to delete yet: each is refused for its phase, until the budget runs out.
      expect(results.slice(0, 5).map((r) => r.ok || r.error)).toEqual(Array(5).fill('wrong_phase'));
      const limited = results.filter((r) => !r.ok && r.error === 'rate_limited');
      expect(limited).toHaveLength(3);
      expect(limited[0]).toMatchObject({ message: expect.stringMatching(/Too many requests/) });
      a.close();
      b.close();
      await strict.stop();
    });
  });
});
