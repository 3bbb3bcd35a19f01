import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AudioJoinView } from '../../shared/protocol/audio.ts';
import type { FacilitatorSnapshot } from '../../shared/protocol/views.ts';
import { createSession, joinSession, TestClient } from '../support/clients.ts';
import { spawnServer, type ServerProcess } from '../support/process.ts';
import { startRedis, type RedisServer } from '../support/redis.ts';

/**
 * A table's call across server processes on Redis: the device on one process, the remote people
 * on the others. Nothing about a call lives in one process's memory, so they find and reach each
 * other, and a move on a third process takes a person out of the call everywhere.
 */
describe('table audio across processes on Redis', () => {
  let redis: RedisServer;
  let servers: ServerProcess[];
  const clients: TestClient[] = [];
  /** Names the step whose acknowledgement did not come. */
  const step = async <T>(label: string, reply: Promise<T>): Promise<T> => {
    try {
      return await reply;
    } catch (error) {
      throw new Error(`${label}: ${(error as Error).message}`);
    }
  };
  const connect = async (url: string, token: string) => {
    const c = await TestClient.connect(url, token);
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    redis = await startRedis();
    servers = await Promise.all([0, 1, 2].map(() => spawnServer({ REDIS_URL: redis.url })));
  }, 120_000);

  afterAll(async () => {
    for (const c of clients) c.close();
    await Promise.all(servers.map((s) => s.stop()));
    await redis.stop();
  });

  it('joins, relays and takes out a moved member whichever process each connection is on', async () => {
    const [a, b, c] = servers.map((s) => s.url) as [string, string, string];
    const session = await createSession(a, {
      tables: [
        { name: 'Digital identity', question: 'Who should govern digital identity?', mode: 'hybrid', capacity: 6 },
        { name: 'Open funding', question: 'How do we fund open infrastructure?', mode: 'hybrid', capacity: 6 },
      ],
    });
    const facilitator = await connect(c, session.facilitatorToken);
    const remote = async (name: string, url: string) => {
      const { participantToken } = await joinSession(url, session.code, { name, presence: 'remote' });
      const client = await connect(url, participantToken);
      const snap = (await step(`the roster for ${name}`, facilitator.sync())) as FacilitatorSnapshot;
      await step(`${name}'s move`, facilitator.send('participant:move', { participantId: snap.participants.find((p) => p.name === name)!.id, tableId: 't1' }));
      await client.waitFor('seat:changed', (s) => s.table?.id === 't1');
      return client;
    };
    // The device connects at once, before another process may have heard of its link: it must stay.
    const link = (await step('the device link', facilitator.send('device:link', { tableId: 't1' }))) as { ok: true; url: string };
    const device = await connect(a, new URL(link.url).hash.slice(1));
    const thandiwe = await remote('Thandiwe Nkosi', b);
    const joao = await remote('João Guimarães', c);

    const d = (await step('the device joins', device.send('audio:join', { as: 'device', trouble: null }))) as unknown as AudioJoinView;
    const t = (await step('Thandiwe joins', thandiwe.send('audio:join', { as: 'member', trouble: null }))) as unknown as AudioJoinView;
    const j = (await step('João joins', joao.send('audio:join', { as: 'member', trouble: null }))) as unknown as AudioJoinView;
    expect(t.peers.map((p) => p.address)).toEqual([d.self.address]);
    expect(j.peers.map((p) => p.address).sort()).toEqual([d.self.address, t.self.address].sort());
    expect([t.self.number, j.self.number]).toEqual([1, 2]);
    await device.waitFor('audio:roster', (r) => r.members.length === 3);

    // An offer from process C reaches the device on A, and its answer goes back.
    const offer = { type: 'offer' as const, sdp: 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n' };
    expect(await joao.send('audio:signal', { to: d.self.address, description: offer })).toEqual({ ok: true });
    expect(await device.waitFor('audio:signal')).toEqual({ from: j.self.address, description: offer });
    expect(await device.send('audio:signal', { to: j.self.address, description: { ...offer, type: 'answer' } })).toEqual({ ok: true });
    await joao.waitFor('audio:signal');

    // The facilitator on C moves Thandiwe (on B) away: she is out of the call on every process.
    const without = device.next('audio:roster', (r) => !r.members.some((m) => m.address === t.self.address));
    const snap = (await facilitator.sync()) as FacilitatorSnapshot;
    await facilitator.send('participant:move', { participantId: snap.participants.find((p) => p.name === 'Thandiwe Nkosi')!.id, tableId: 't2' });
    expect(await thandiwe.waitFor('audio:ended')).toEqual({ tableId: 't1', reason: 'moved' });
    expect((await without).members.map((m) => m.address).sort()).toEqual([d.self.address, j.self.address].sort());
    expect(await device.send('audio:signal', { to: t.self.address, description: offer })).toMatchObject({ ok: false, error: 'not_found' });
    expect(await thandiwe.send('audio:signal', { to: d.self.address, description: offer })).toMatchObject({ ok: false, error: 'conflict' });
  });
});
