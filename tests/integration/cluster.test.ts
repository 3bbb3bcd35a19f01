import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../shared/domain/events.ts';
import type { FacilitatorSnapshot, ParticipantSnapshot } from '../../shared/protocol/views.ts';
import { createSession, joinSession, settle, TestClient } from '../support/clients.ts';
import { spawnServer, type ServerProcess } from '../support/process.ts';
import { startRedis, type RedisServer } from '../support/redis.ts';
import { cid } from '../support/ids.ts';

/** Three server processes share sessions through a real Redis. */
describe('several server processes on Redis', () => {
  let redis: RedisServer;
  let servers: ServerProcess[];
  const clients: TestClient[] = [];

  const connect = async (url: string, token: string) => {
    const c = await TestClient.connect(url, token);
    clients.push(c);
    return c;
  };

  async function log(sessionId: string): Promise<DomainEvent[]> {
    const r = createClient({ url: redis.url });
    await r.connect();
    const entries = await r.xRange(`tablehop:{${sessionId}}:log`, '-', '+');
    await r.close();
    return (entries ?? []).map((e) => JSON.parse(e.message.e as string));
  }

  beforeAll(async () => {
    redis = await startRedis();
    servers = await Promise.all([0, 1, 2].map(() => spawnServer({ REDIS_URL: redis.url })));
  }, 60_000);

  afterAll(async () => {
    for (const c of clients) c.close();
    await Promise.all(servers.map((s) => s.stop()));
    await redis.stop();
  });

  /** A session created on A, with six people spread over the three processes, seated, round 1 under way. */
  async function cafeAcrossProcesses(setup: Parameters<typeof createSession>[1] = {}) {
    const [a, b, c] = servers.map((s) => s.url) as [string, string, string];
    const session = await createSession(a, { rounds: 3, ...setup });
    const facilitator = await connect(b, session.facilitatorToken);
    const people: { client: TestClient; token: string; url: string }[] = [];
    for (let i = 0; i < 6; i++) {
      const url = [a, b, c][Math.floor(i / 2) % 3]!;
      const { participantToken } = await joinSession([c, a, b][i % 3]!, session.code, { name: `Traveller ${i}` });
      people.push({ client: await connect(url, participantToken), token: participantToken, url });
    }
    expect(await facilitator.send('seating:assign', {})).toMatchObject({ ok: true, seated: 6 });
    expect(await facilitator.send('round:start', { round: 1 })).toEqual({ ok: true });
    await Promise.all(people.map((p) => p.client.waitFor('phase:changed', (ph) => ph.phase === 'round')));
    return { session, facilitator, people };
  }

  it('holds one participant to one budget, though their sockets are on two processes', async () => {
    const [a, b] = servers.map((s) => s.url) as [string, string];
    const session = await createSession(a);
    const { participantToken } = await joinSession(a, session.code, { name: 'Two Devices' });
    const phone = await connect(a, participantToken);
    const laptop = await connect(b, participantToken);
    const results = [];
    // Commands that change nothing but still spend the budget (30 at once in the default settings).
    for (let i = 0; i < 40; i++) results.push(await (i % 2 ? phone : laptop).send('note:delete', { id: cid(`nothing-${i}`) }));
    const limited = results.filter((r) => !r.ok && r.error === 'rate_limited');
    expect(results.length - limited.length).toBe(30);
    expect(limited).toHaveLength(10);
  });

  it('carries notes live between table peers on different processes', async () => {
    const { facilitator, people } = await cafeAcrossProcesses();
    const tableOf = (c: TestClient) => c.received('seat:changed').at(-1)!.table!.id;
    // Two people on different processes; the facilitator (on a third) seats them together if need be,
    // which moves the peer's socket between table rooms on another process.
    const [author, peer] = [people[0]!, people[2]!];
    expect(author.url).not.toBe(peer.url);
    if (tableOf(peer.client) !== tableOf(author.client)) {
      const moved = peer.client.next('seat:changed', (s) => s.table?.id === tableOf(author.client));
      const peerId = (peer.client.snapshot as ParticipantSnapshot).me.id;
      expect(await facilitator.send('participant:move', { participantId: peerId, tableId: tableOf(author.client), smallTable: true })).toEqual({ ok: true });
      await moved;
    }
    const received = peer.client.next('note:added');
    const dashboard = facilitator.next('note:added');
    expect(
      await author.client.send('note:add', { id: 'cross-process-01_____', tableId: tableOf(author.client), round: 1, text: 'Across processes' }),
    ).toMatchObject({ ok: true });
    expect(await received).toEqual({
      id: 'cross-process-01_____',
      tableId: tableOf(author.client),
      round: 1,
      text: 'Across processes',
      kind: null,
      edited: false,
    });
    expect(await dashboard).toMatchObject({ id: 'cross-process-01_____' });
    // Everyone's timer shows the same deadline, whichever process they are on.
    const deadlines = new Set(people.map((p) => JSON.stringify(p.client.received('phase:changed').at(-1)!.timer)));
    expect(deadlines.size).toBe(1);
  });

  it('advances a phase on time exactly once, though every process holds the timer', async () => {
    const { session, facilitator, people } = await cafeAcrossProcesses({ autoAdvance: true, movingSeconds: 0 });
    // With no moving time, the move ends the moment it starts: all three processes' timers fire at once.
    expect(await facilitator.send('round:end', { round: 1 })).toEqual({ ok: true });
    await Promise.all(people.map((p) => p.client.waitFor('phase:changed', (ph) => ph.phase === 'round' && ph.round === 2)));
    await settle(300);
    const events = await log(session.sessionId);
    expect(events.filter((e) => e.type === 'round:started').map((e) => (e as { round: number }).round)).toEqual([1, 2]);
    for (const p of people) expect(p.client.received('phase:changed').filter((ph) => ph.phase === 'round' && ph.round === 2)).toHaveLength(1);
  });

  it('lets exactly one of two facilitators on two processes move the café on', async () => {
    const { session, facilitator } = await cafeAcrossProcesses();
    const second = await connect(servers[2]!.url, session.facilitatorToken);
    for (const [command, round] of [
      ['round:end', 1],
      ['round:start', 2],
      ['round:end', 2],
    ] as const) {
      const results = await Promise.all([facilitator.send(command, { round }), second.send(command, { round })]);
      expect(
        results.filter((r) => r.ok),
        `${command} ${round}`,
      ).toHaveLength(1);
      expect(results.find((r) => !r.ok)).toMatchObject({ ok: false, error: expect.stringMatching(/conflict|wrong_phase/) });
    }
    const events = await log(session.sessionId);
    expect(events.filter((e) => e.type === 'round:ended')).toHaveLength(2);
    expect(events.filter((e) => e.type === 'round:started')).toHaveLength(2);
  });

  it('takes every note when people on three processes write to one session at once', async () => {
    const { session, people } = await cafeAcrossProcesses();
    // Every append races the other processes' appends for the same session log.
    const sends = people.flatMap((p, i) =>
      // 25 each: just under a participant's burst allowance.
      Array.from({ length: 25 }, (_, k) =>
        p.client.send('note:add', {
          id: cid(`race-${i}-${k}`),
          tableId: p.client.received('seat:changed').at(-1)!.table!.id,
          round: 1,
          text: `Race ${i}.${k}`,
        }),
      ),
    );
    const results = await Promise.all(sends);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.error)).toEqual([]);
    const events = await log(session.sessionId);
    expect(events.filter((e) => e.type === 'note:added')).toHaveLength(people.length * 25);
  });

  it('loses nothing and duplicates nothing when a process is killed mid-round', async () => {
    const { session, people } = await cafeAcrossProcesses();
    const victim = servers[0]!;
    const onVictim = people.filter((p) => p.url === victim.url);
    const survivors = servers.filter((s) => s !== victim).map((s) => s.url);
    expect(onVictim.length).toBeGreaterThan(0);

    // Each person on the doomed process writes five notes; the process dies while they are in flight.
    const outbox = onVictim.flatMap((p, i) =>
      Array.from({ length: 5 }, (_, k) => ({
        p,
        note: { id: cid(`survivor-${i}-${k}`), tableId: p.client.received('seat:changed').at(-1)!.table!.id, round: 1, text: `Note ${i}.${k}` },
      })),
    );
    const sending = outbox.map(({ p, note }) => p.client.send('note:add', note).catch(() => null));
    await victim.kill();
    const acked = (await Promise.all(sending)).filter((r) => r?.ok).length;

    // Their phones reconnect to the surviving processes and resend everything not known to be acknowledged (here: all of it).
    for (const [i, p] of onVictim.entries()) {
      const again = await connect(survivors[i % survivors.length]!, p.token);
      expect((again.snapshot as ParticipantSnapshot).seat.table?.id).toBe(p.client.received('seat:changed').at(-1)!.table!.id);
      for (const { note } of outbox.filter((o) => o.p === p)) expect(await again.send('note:add', note)).toMatchObject({ ok: true, noteId: note.id });
    }
    const view = (await connect(survivors[0]!, session.facilitatorToken)).snapshot as FacilitatorSnapshot;
    const ids = view.notes.map((n) => n.id).filter((id) => id.startsWith('survivor-'));
    expect(ids.sort()).toEqual(outbox.map((o) => o.note.id).sort());
    expect(acked).toBeLessThanOrEqual(outbox.length);
    const events = await log(session.sessionId);
    expect(events.filter((e) => e.type === 'note:added')).toHaveLength(outbox.length);

    servers[0] = await spawnServer({ REDIS_URL: redis.url });
  });

  it('keeps acknowledged notes through a Redis crash and restart', async () => {
    const { session, people } = await cafeAcrossProcesses();
    const p = people[0]!;
    const tableId = p.client.received('seat:changed').at(-1)!.table!.id;
    for (let k = 0; k < 10; k++)
      expect(await p.client.send('note:add', { id: cid(`redis-durable-${k}`), tableId, round: 1, text: `Kept ${k}` })).toMatchObject({ ok: true });
    await redis.kill();
    await redis.start();
    // A process that starts now knows only what Redis kept.
    const fresh = await spawnServer({ REDIS_URL: redis.url });
    try {
      const fac = await connect(fresh.url, session.facilitatorToken);
      const view = fac.snapshot as FacilitatorSnapshot;
      expect(
        view.notes
          .filter((n) => n.id.startsWith('redis-durable-'))
          .map((n) => n.text)
          .sort(),
      ).toEqual(Array.from({ length: 10 }, (_, k) => `Kept ${k}`).sort());
    } finally {
      await fresh.stop();
    }
  });
});
