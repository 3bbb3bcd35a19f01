import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession, joinSession, postJson, TestClient, type CreatedSession } from '../support/clients.ts';
import { cid } from '../support/ids.ts';
import { startServer, type TestServer } from '../support/server.ts';

/** The handshake's outcome for a browser page at `origin`. */
function connectFrom(url: string, token: string, origin: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = io(url, { auth: { token }, transports: ['polling'], reconnection: false, forceNew: true, extraHeaders: { Origin: origin } });
    socket.on('connect', () => {
      socket.disconnect();
      resolve('connected');
    });
    socket.on('connect_error', (err) => {
      socket.disconnect();
      resolve(err.message);
    });
  });
}

describe('the edge of the server', () => {
  let server: TestServer;
  let session: CreatedSession;
  beforeAll(async () => {
    server = await startServer({ allowedOrigins: ['https://partner.example.org'], metricsToken: 'metrics-token-0123456789' });
    session = await createSession(server.url);
  });
  afterAll(async () => server.stop());

  it('accepts sockets from its own pages and the origins it lists, and refuses pages elsewhere', async () => {
    expect(await connectFrom(server.url, session.facilitatorToken, server.url)).toBe('connected');
    expect(await connectFrom(server.url, session.facilitatorToken, 'https://partner.example.org')).toBe('connected');
    expect(await connectFrom(server.url, session.facilitatorToken, 'https://evil.example.com')).not.toBe('connected');
    const res = await fetch(`${server.url}/socket.io/?EIO=4&transport=polling`, { headers: { Origin: 'https://evil.example.com' } });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ message: 'Pages from https://evil.example.com may not connect to this server.' });
  });

  it('puts security headers on Socket.IO’s own answers', async () => {
    const res = await fetch(`${server.url}/socket.io/?EIO=4&transport=polling`);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('tells liveness only on /healthz, and counts only to the holder of the metrics token', async () => {
    expect(await (await fetch(`${server.url}/healthz`)).json()).toEqual({ ok: true });
    expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
    const metrics = await fetch(`${server.url}/metrics`, { headers: { authorization: 'Bearer metrics-token-0123456789' } });
    expect(await metrics.json()).toMatchObject({ ok: true, sessions: expect.any(Number), connections: expect.any(Number) });
  });

  it('does not serve the client’s source maps', async () => {
    expect((await fetch(`${server.url}/assets/core.js.map`)).status).toBe(404);
  });
});

describe('guessing codes and links', () => {
  it('slows an address down after thirty misses, on every route that would tell whether a code exists', async () => {
    const server = await startServer();
    const session = await createSession(server.url);
    for (let i = 0; i < 30; i++) expect((await fetch(`${server.url}/api/join/ACDEF${'GHJKMNPQRTUVWXY34679'[i % 20]}`)).status, `guess ${i}`).toBe(404);
    // Out of misses, the address learns nothing more, not even about the real code.
    const real = await fetch(`${server.url}/api/join/${session.code}`);
    expect(real.status).toBe(429);
    expect(Number(real.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await postJson(`${server.url}/api/join/${session.code}`, { name: 'Ada Lovelace', group: 'Academia', presence: 'room' })).status).toBe(429);
    expect(
      await new Promise((resolve) => {
        const socket = io(server.url, { auth: { token: `d.${session.code}` }, transports: ['websocket'], reconnection: false, forceNew: true });
        socket.on('connect_error', (err: Error & { data?: unknown }) => resolve(err.data));
        socket.on('connect', () => resolve('connected'));
      }),
    ).toMatchObject({ error: 'rate_limited' });
    await server.stop();
  });
});

describe('budgets that hold across connections', () => {
  it('paces notes: a burst beyond six is refused kindly, with when to try again', async () => {
    const server = await startServer({ notePace: { burst: 6, perMinute: 12 } });
    const session = await createSession(server.url);
    const { participantToken } = await joinSession(server.url, session.code, { name: 'Fast Writer' });
    const facilitator = await TestClient.connect(server.url, session.facilitatorToken);
    const phone = await TestClient.connect(server.url, participantToken);
    expect(await facilitator.send('round:start', { round: 1 })).toEqual({ ok: true });
    const table = (await phone.waitFor('seat:changed')).table!.id;
    const results = [];
    for (let i = 0; i < 10; i++) results.push(await phone.send('note:add', { id: cid(`burst-${i}`), tableId: table, round: 1, text: `Point ${i}` }));
    expect(results.filter((r) => r.ok)).toHaveLength(6);
    expect(results[6]).toMatchObject({
      ok: false,
      error: 'rate_limited',
      message: expect.stringMatching(/faster than your table can read/),
      retryAfterMs: expect.any(Number),
    });
    // The facilitator's own budget is not the participant's.
    expect(await facilitator.send('broadcast:send', { text: 'Ten minutes left', commandId: cid('ten-minutes') })).toEqual({ ok: true });
    phone.close();
    facilitator.close();
    await server.stop();
  });
});
