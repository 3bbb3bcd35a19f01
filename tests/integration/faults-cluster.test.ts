import { once } from 'node:events';
import { createClient } from 'redis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../shared/domain/events.ts';
import type { FacilitatorSnapshot } from '../../shared/protocol/views.ts';
import { createSession, joinSession, TestClient } from '../support/clients.ts';
import { cid } from '../support/ids.ts';
import { spawnServer, type ServerProcess } from '../support/process.ts';
import { startRedis, type RedisServer } from '../support/redis.ts';

/**
 * Faults at the edges of several processes on Redis: a process that dies between committing a
 * fact and telling anyone, and a Redis connection that drops in the middle of writing.
 */
describe('faults across processes on Redis', { timeout: 120_000 }, () => {
  let redis: RedisServer;
  const servers: ServerProcess[] = [];
  const clients: TestClient[] = [];

  const connect = async (url: string, token: string) => {
    const c = await TestClient.connect(url, token);
    clients.push(c);
    return c;
  };
  const alive = (s: ServerProcess) => s.child.exitCode === null && s.child.signalCode === null;
  /** Asks a process's readiness until it says it can take writes again (Redis back and followed). */
  async function ready(s: ServerProcess): Promise<void> {
    for (;;) {
      const res = await fetch(`${s.url}/readyz`);
      if (res.ok) return;
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async function log(sessionId: string): Promise<DomainEvent[]> {
    const r = createClient({ url: redis.url });
    await r.connect();
    const entries = await r.xRange(`tablehop:{${sessionId}}:log`, '-', '+');
    await r.close();
    return (entries ?? []).map((e) => JSON.parse(e.message.e as string) as DomainEvent);
  }

  /** One table, so everyone reads everyone; people and the facilitator on the processes given. */
  async function cafe(urls: { author: string; peers: string[]; facilitator: string }) {
    const session = await createSession(urls.facilitator, { tables: [{ question: 'Who should govern digital identity?' }] });
    const facilitator = await connect(urls.facilitator, session.facilitatorToken);
    const names = ['Aiyana Whitehorse-Delacroix', 'محمد عبد الرحمن', 'Zhang Wei'];
    const tokens: string[] = [];
    for (const name of names.slice(0, 1 + urls.peers.length)) tokens.push((await joinSession(urls.facilitator, session.code, { name })).participantToken);
    const author = await connect(urls.author, tokens[0]!);
    const peers = await Promise.all(urls.peers.map((url, i) => connect(url, tokens[i + 1]!)));
    expect(await facilitator.send('round:start', { round: 1 })).toEqual({ ok: true });
    await Promise.all([author, ...peers].map((p) => p.waitFor('seat:changed', (seat) => seat.table !== null)));
    const tableId = author.received('seat:changed').at(-1)!.table!.id;
    return { session, facilitator, author, peers, tableId, tokens };
  }

  beforeAll(async () => {
    redis = await startRedis();
  }, 60_000);

  afterEach(async () => {
    for (const c of clients.splice(0)) c.close();
    await Promise.all(servers.splice(0).map((s) => s.stop()));
  });

  afterAll(async () => {
    await redis.stop();
  });

  it('shows every other phone and the console a note whose process died right after committing it', async () => {
    // A dies the moment its append of a note is committed: before applying it, telling anyone, or acknowledging it.
    const doomed = await spawnServer({ REDIS_URL: redis.url, TABLEHOP_FAULT_DIE_AFTER_APPEND: 'note:added' });
    const [b, c] = await Promise.all([spawnServer({ REDIS_URL: redis.url }), spawnServer({ REDIS_URL: redis.url })]);
    servers.push(doomed, b, c);
    const { session, facilitator, author, peers, tableId, tokens } = await cafe({ author: doomed.url, peers: [b.url, c.url], facilitator: c.url });

    const id = cid('committed-then-died');
    const seen = [...peers, facilitator].map((client) => client.next('note:added', (n) => n.id === id, 2000));
    const sentAt = Date.now();
    const ack = author.send('note:add', { id, tableId, round: 1, text: 'Identity must stay optional for public services' });
    const cut = new Promise<'cut off'>((resolve) => author.socket.once('disconnect', () => resolve('cut off')));
    const notes = await Promise.all(seen);
    const within = Date.now() - sentAt;

    expect(notes.map((n) => n.text)).toEqual(Array(3).fill('Identity must stay optional for public services'));
    expect(within).toBeLessThan(2000);
    // The writer never heard back: its process was gone first.
    expect(await Promise.race([ack.catch(() => 'timed out'), cut])).toBe('cut off');
    if (alive(doomed)) await once(doomed.child, 'exit');
    expect(doomed.child.signalCode).toBe('SIGKILL');
    expect((await log(session.sessionId)).filter((e) => e.type === 'note:added')).toHaveLength(1);

    // The phone resends it to a living process, as its outbox does: acknowledged, not doubled.
    const again = await connect(b.url, tokens[0]!);
    expect(await again.send('note:add', { id, tableId, round: 1, text: 'Identity must stay optional for public services' })).toEqual({ ok: true, noteId: id });
    expect(((await facilitator.sync()) as FacilitatorSnapshot).notes.filter((n) => n.id === id)).toHaveLength(1);
  });

  it('stays up when Redis goes away in the middle of writes, refuses with `unavailable`, and delivers everything once it is back', async () => {
    const [b, c] = await Promise.all([spawnServer({ REDIS_URL: redis.url }), spawnServer({ REDIS_URL: redis.url })]);
    servers.push(b, c);
    const { facilitator, author, peers, tableId, tokens } = await cafe({ author: b.url, peers: [c.url], facilitator: c.url });
    const notes = Array.from({ length: 30 }, (_, k) => ({ id: cid(`redis-drop-${k}`), tableId, round: 1, text: `Written while Redis restarts, ${k}` }));

    // Thirty notes in flight; Redis dies under them.
    const sending = notes.map((n) => author.send('note:add', n).catch(() => null));
    await redis.kill();
    const answers = await Promise.all(sending);
    for (const a of answers) if (a && !a.ok) expect(a.error).toBe('unavailable');
    expect([b, c].every(alive)).toBe(true);

    await redis.start();
    // Both processes say they can write again, and answer.
    await Promise.all([b, c].map(ready));
    const phone = await connect(b.url, tokens[0]!);
    for (const n of notes) expect(await phone.send('note:add', n)).toMatchObject({ ok: true, noteId: n.id });
    expect([b, c].every(alive)).toBe(true);

    // Everyone on the other process hears every note exactly once, whatever happened to the first try.
    for (const watcher of [peers[0]!, facilitator]) {
      await Promise.all(notes.map((n) => watcher.waitFor('note:added', (x) => x.id === n.id)));
      await watcher.caughtUp();
      const ids = watcher
        .received('note:added')
        .map((x) => x.id)
        .filter((x) => x.startsWith('redis-drop-'));
      expect(new Set(ids).size).toBe(notes.length);
      expect(ids).toHaveLength(notes.length);
    }
  });
});
