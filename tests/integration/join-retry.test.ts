import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { FacilitatorSnapshot, ParticipantSnapshot } from '../../shared/protocol/views.ts';
import { createSession, postJson, TestClient } from '../support/clients.ts';
import { cid } from '../support/ids.ts';
import { startServer, tempDataDir, type TestServer } from '../support/server.ts';

/**
 * A phone joins on a venue's Wi-Fi, the answer never comes back, and the person taps "Join" again:
 * the same join key brings back the same participant and the same token, never a second person.
 */
describe('a join whose answer was lost', () => {
  const cleanup: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn();
  });

  async function cafe(options: { dataDir?: string; admission?: 'open' | 'lobby' } = {}) {
    const server = await startServer(options.dataDir ? { dataDir: options.dataDir } : {});
    const session = await createSession(server.url, {
      title: 'Who should govern digital identity?',
      ...(options.admission ? { admission: options.admission } : {}),
    });
    return { server, session };
  }
  const join = (server: TestServer, code: string, body: Record<string, unknown>) =>
    postJson(`${server.url}/api/join/${code}`, { group: 'Government', presence: 'room', ...body });
  async function roster(server: TestServer, token: string) {
    const facilitator = await TestClient.connect(server.url, token);
    const snapshot = facilitator.snapshot as FacilitatorSnapshot;
    facilitator.close();
    return snapshot.participants;
  }

  it('answers the resent join with the same participant and token, and the token works', async () => {
    const { server, session } = await cafe();
    cleanup.push(() => server.stop());
    const joinKey = cid('join-nguyen-1');
    const first = await join(server, session.code, { name: 'Nguyễn Thị Minh Khai', joinKey });
    expect(first.status).toBe(201);
    // The answer is lost on the way; the phone sends the same join again, and again.
    const again = await join(server, session.code, { name: 'Nguyễn Thị Minh Khai', joinKey });
    const third = await join(server, session.code, { name: 'Nguyễn Thị Minh Khai', joinKey });
    expect(again).toEqual(first);
    expect(third).toEqual(first);

    expect((await roster(server, session.facilitatorToken)).map((p) => p.name)).toEqual(['Nguyễn Thị Minh Khai']);
    const phone = await TestClient.connect(server.url, again.body.participantToken);
    expect((phone.snapshot as ParticipantSnapshot).me.name).toBe('Nguyễn Thị Minh Khai');
    phone.close();
  });

  it('makes one participant when both tries arrive at once', async () => {
    const { server, session } = await cafe();
    cleanup.push(() => server.stop());
    const joinKey = cid('join-both-at-once');
    const [a, b] = await Promise.all([0, 1].map(() => join(server, session.code, { name: 'محمد عبد الرحمن', joinKey })));
    expect(a!.status).toBe(201);
    expect(b).toEqual(a);
    expect(await roster(server, session.facilitatorToken)).toHaveLength(1);
  });

  it('keeps the first answer when the retry comes after a restart, and in the lobby says it is still waiting', async () => {
    const dataDir = tempDataDir();
    cleanup.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const { server, session } = await cafe({ dataDir, admission: 'lobby' });
    const joinKey = cid('join-after-restart');
    const first = await join(server, session.code, { name: 'Aiyana Whitehorse-Delacroix', joinKey });
    expect(first.body).toMatchObject({ ok: true, waiting: true });
    await server.stop();

    const restarted = await startServer({ dataDir });
    cleanup.push(() => restarted.stop());
    const retry = await join(restarted, session.code, { name: 'Aiyana Whitehorse-Delacroix', joinKey });
    // The same participant and token (the link names the restarted server's own port).
    expect({ ...retry.body, participantUrl: undefined }).toEqual({ ...first.body, participantUrl: undefined });
    expect((await roster(restarted, session.facilitatorToken)).map((p) => [p.name, p.status])).toEqual([['Aiyana Whitehorse-Delacroix', 'waiting']]);
  });

  it('lets two people with the same name join with their own keys, and refuses a key of the wrong shape', async () => {
    const { server, session } = await cafe();
    cleanup.push(() => server.stop());
    const one = await join(server, session.code, { name: 'Zhang Wei', joinKey: cid('zhang-wei-phone-a') });
    const other = await join(server, session.code, { name: 'Zhang Wei', joinKey: cid('zhang-wei-phone-b') });
    expect(other.body.participantToken).not.toBe(one.body.participantToken);

    for (const joinKey of ['__proto__', 'short', 'x'.repeat(60), 42]) {
      const refused = await join(server, session.code, { name: 'Zhang Wei', joinKey });
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({ ok: false, error: 'invalid' });
      // Named, never echoed.
      expect(refused.body.message).toMatch(
        /^joinKey: (must be a client id of 21 URL-safe characters \(nanoid\)|Invalid input: expected string, received number)$/,
      );
    }
    expect((await roster(server, session.facilitatorToken)).map((p) => p.name)).toEqual(['Zhang Wei', 'Zhang Wei']);
  });
});
