import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AudioJoinView, AudioRosterView } from '../../shared/protocol/audio.ts';
import type { DeviceSnapshot, FacilitatorSnapshot } from '../../shared/protocol/views.ts';
import { connectError, createSession, joinSession, settle, TestClient, type CreatedSession } from '../support/clients.ts';
import { startServer, type TestServer } from '../support/server.ts';

/**
 * Table audio's signalling, on the wire: a table device and remote people at the hybrid table
 * "Digital identity" call each other through the server, which relays offers and candidates only
 * between members of one table's call in the current seating, by addresses it draws, never by id.
 */

const OFFER = { type: 'offer' as const, sdp: 'v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n' };
const ANSWER = { type: 'answer' as const, sdp: OFFER.sdp.replace('4611731400430051336', '5022331400430051337') };
const CANDIDATE = {
  candidate: 'candidate:842163049 1 udp 1677729535 192.0.2.7 46154 typ srflx raddr 0.0.0.0 rport 0 generation 0',
  sdpMid: '0',
  sdpMLineIndex: 0,
  usernameFragment: 'Xk3q',
};
const TURN_SECRET = 'a-shared-secret-for-coturn-tests';

interface Person {
  name: string;
  id: string;
  client: TestClient;
}

describe('table audio signalling', () => {
  let server: TestServer;
  let session: CreatedSession;
  let facilitator: TestClient;
  let device: TestClient;
  let deviceToken: string;
  const people = new Map<string, Person>();
  const person = (name: string) => people.get(name)!;
  const joins = new Map<string, AudioJoinView>();

  async function arrive(name: string, presence: 'room' | 'remote', tableId: string, group = 'Civil society') {
    const { participantToken } = await joinSession(server.url, session.code, { name, presence, group });
    const client = await TestClient.connect(server.url, participantToken);
    const id = (client.snapshot as { me: { id: string } }).me.id;
    expect(await facilitator.send('participant:move', { participantId: id, tableId })).toEqual({ ok: true });
    await client.waitFor('seat:changed', (s) => s.table?.id === tableId);
    people.set(name, { name, id, client });
    return client;
  }

  async function join(name: string, client: TestClient, as: 'member' | 'device' = 'member'): Promise<AudioJoinView> {
    const reply = await client.send('audio:join', { as, trouble: null });
    expect(reply, name).toMatchObject({ ok: true });
    joins.set(name, reply as unknown as AudioJoinView);
    return reply as unknown as AudioJoinView;
  }

  const lastRoster = (c: TestClient) => c.received('audio:roster').at(-1);
  const numbers = (r: AudioRosterView | undefined) => r?.members.map((m) => (m.kind === 'device' ? 'device' : `remote ${m.number}`));

  beforeAll(async () => {
    server = await startServer({
      audio: {
        stunUrls: ['stun:stun.cafe.example:3478'],
        turnUrls: ['turn:turn.cafe.example:3478?transport=udp'],
        turnSecret: TURN_SECRET,
        turnTtlSeconds: 3600,
        policy: 'relay',
      },
    });
    session = await createSession(server.url, {
      tables: [
        { name: 'Digital identity', question: 'Who should govern digital identity?', mode: 'hybrid', capacity: 6 },
        { name: 'Open funding', question: 'How do we fund open infrastructure?', mode: 'hybrid', capacity: 6 },
        { name: 'Consultation', question: 'What does meaningful consultation look like?', mode: 'room', capacity: 6 },
      ],
    });
    facilitator = await TestClient.connect(server.url, session.facilitatorToken);
    await arrive('Takeshi Yamamoto', 'room', 't1');
    await arrive('Ngozi Okafor', 'room', 't1');
    await arrive('Aïcha Benali', 'remote', 't1', 'Government');
    await arrive('Нурлан Абенов', 'remote', 't1', 'Academia');
    await arrive('María José Ortega', 'remote', 't2', 'Private sector');
    expect(await facilitator.send('host:assign', { tableId: 't1', participantId: person('Takeshi Yamamoto').id })).toEqual({ ok: true });
  });

  afterAll(async () => {
    for (const c of [facilitator, device, ...[...people.values()].map((p) => p.client)]) c?.close();
    await server.stop();
  });

  it('gives a table device link from the console; the device sees its table and nobody in it', async () => {
    expect(await facilitator.send('device:link', { tableId: 't3' })).toMatchObject({
      ok: false,
      error: 'conflict',
      message: 'Consultation takes no remote participants, so it has no audio to carry.',
    });
    const link = (await facilitator.send('device:link', { tableId: 't1' })) as { ok: true; tableId: string; url: string };
    expect(link).toMatchObject({ ok: true, tableId: 't1' });
    expect(link.url).toMatch(new RegExp(`/table/${session.sessionId}#t\\.${session.sessionId}\\.[A-Za-z0-9_-]{32}$`));
    deviceToken = new URL(link.url).hash.slice(1);
    device = await TestClient.connect(server.url, deviceToken);
    const snapshot = device.snapshot as DeviceSnapshot;
    expect(snapshot.role).toBe('device');
    expect(snapshot.table).toEqual({ id: 't1', name: 'Digital identity', question: 'Who should govern digital identity?', mode: 'hybrid' });
    const wire = device.frames.join('\n');
    for (const p of people.values()) expect(wire).not.toContain(p.id);
    expect(wire).not.toContain('Takeshi');
  });

  it('lets the device and the two remote people join, each knowing the others by address and number only', async () => {
    const d = await join('device', device, 'device');
    expect(d.peers).toEqual([]);
    expect(d.self).toMatchObject({ kind: 'device', number: 0, muted: false, trouble: null });
    expect(d.self.address).toMatch(/^a[A-Za-z0-9_-]{15}$/);
    // TURN credentials in coturn's REST scheme: "<expiry>:<random tag>", HMAC-SHA1 of it under the secret.
    const turn = d.ice.iceServers.find((s) => s.urls[0]!.startsWith('turn:'))!;
    expect(turn.username).toMatch(/^\d{10}:[A-Za-z0-9_-]{10}$/);
    expect(turn.credential).toBe(createHmac('sha1', TURN_SECRET).update(turn.username!).digest('base64'));
    expect(Number(turn.username!.split(':')[0]) * 1000).toBe(d.ice.expiresAt);
    expect(d.ice.iceTransportPolicy).toBe('relay');
    expect(d.ice.iceServers[0]).toEqual({ urls: ['stun:stun.cafe.example:3478'] });

    const aicha = await join('Aïcha Benali', person('Aïcha Benali').client);
    expect(aicha.self).toMatchObject({ kind: 'remote', number: 1 });
    expect(aicha.peers.map((p) => p.address)).toEqual([d.self.address]);
    const nurlan = await join('Нурлан Абенов', person('Нурлан Абенов').client);
    expect(nurlan.self).toMatchObject({ kind: 'remote', number: 2 });
    expect(nurlan.peers.map((p) => p.address)).toEqual([d.self.address, aicha.self.address]);

    await device.waitFor('audio:roster', (r) => r.members.length === 3);
    expect(numbers(lastRoster(device))).toEqual(['device', 'remote 1', 'remote 2']);
    // The host sees the call from their phone without being in it; the others in the room hear nothing of it.
    await person('Takeshi Yamamoto').client.waitFor('audio:roster', (r) => r.members.length === 3);
    expect(person('Ngozi Okafor').client.received('audio:roster')).toEqual([]);
    expect(person('María José Ortega').client.received('audio:roster')).toEqual([]);
  });

  it('relays an offer, its answer and candidates to the addressee alone, from an address', async () => {
    const d = joins.get('device')!;
    const nurlan = person('Нурлан Абенов').client;
    const aicha = person('Aïcha Benali').client;
    expect(await nurlan.send('audio:signal', { to: d.self.address, description: OFFER })).toEqual({ ok: true });
    const offer = await device.waitFor('audio:signal');
    expect(offer).toEqual({ from: joins.get('Нурлан Абенов')!.self.address, description: OFFER });

    expect(await device.send('audio:signal', { to: offer.from, description: ANSWER, candidates: [CANDIDATE] })).toEqual({ ok: true });
    expect(await nurlan.waitFor('audio:signal')).toEqual({ from: d.self.address, description: ANSWER, candidates: [CANDIDATE] });
    await settle(50);
    expect(aicha.received('audio:signal')).toEqual([]);
    expect(person('Takeshi Yamamoto').client.received('audio:signal')).toEqual([]);
  });

  it('keeps a remote person at another table out of this call, and tells them nothing of it', async () => {
    const maria = person('María José Ortega').client;
    const hers = await join('María José Ortega', maria);
    expect(hers.peers).toEqual([]);
    expect(hers.self.number).toBe(1);
    for (const target of ['device', 'Aïcha Benali']) {
      expect(await maria.send('audio:signal', { to: joins.get(target)!.self.address, description: OFFER })).toMatchObject({ ok: false, error: 'not_found' });
    }
    await settle(50);
    expect(device.received('audio:signal').filter((s) => s.from === hers.self.address)).toEqual([]);
    const wire = maria.frames.join('\n');
    for (const name of ['device', 'Aïcha Benali', 'Нурлан Абенов']) expect(wire).not.toContain(joins.get(name)!.self.address);
    expect(maria.received('audio:roster').every((r) => r.tableId === 't2')).toBe(true);
  });

  it('keeps people in the room off their own phones, except the host who may lay theirs on the table', async () => {
    const ngozi = person('Ngozi Okafor').client;
    expect(await ngozi.send('audio:join', { as: 'member', trouble: null })).toEqual({
      ok: false,
      error: 'forbidden',
      message: 'You are in the room: the table device carries your voice to remote people. A second microphone here would echo.',
    });
    expect(await ngozi.send('audio:join', { as: 'device', trouble: null })).toMatchObject({ ok: false, error: 'forbidden' });
    expect(await ngozi.send('audio:roster', {})).toMatchObject({ ok: false, error: 'forbidden' });
    expect(await person('Aïcha Benali').client.send('audio:join', { as: 'device', trouble: null })).toMatchObject({ ok: false, error: 'forbidden' });
    expect(await facilitator.send('audio:join' as never, { as: 'member', trouble: null } as never)).toMatchObject({ ok: false, error: 'forbidden' });

    const roster = await person('Takeshi Yamamoto').client.send('audio:roster', {});
    expect(numbers(roster as unknown as AudioRosterView)).toEqual(['device', 'remote 1', 'remote 2']);
  });

  it('shows mute, "can’t hear you", a raised hand, and a name only to those who chose to show it, at their table', async () => {
    const aicha = person('Aïcha Benali').client;
    expect(await aicha.send('audio:state', { cantHear: true, hand: true, showName: true })).toEqual({ ok: true });
    const roster = await device.waitFor('audio:roster', (r) => r.members.some((m) => m.cantHear));
    expect(roster.members.find((m) => m.number === 1 && m.kind === 'remote')).toEqual({
      address: joins.get('Aïcha Benali')!.self.address,
      kind: 'remote',
      number: 1,
      name: 'Aïcha Benali',
      muted: false,
      cantHear: true,
      hand: true,
      trouble: null,
    });
    expect(await person('Нурлан Абенов').client.send('audio:state', { muted: true, trouble: 'network' })).toEqual({ ok: true });
    const next = await person('Takeshi Yamamoto').client.waitFor('audio:roster', (r) => r.members.some((m) => m.muted));
    expect(next.members.find((m) => m.number === 2)).toMatchObject({ muted: true, trouble: 'network' });
    expect(next.members.find((m) => m.number === 2)).not.toHaveProperty('name');
    expect(person('María José Ortega').client.frames.join('\n')).not.toContain('Aïcha');
    expect(await aicha.send('audio:state', { cantHear: false, hand: false })).toEqual({ ok: true });
  });

  it('refuses what is malformed, and signals from outside any call', async () => {
    const nurlan = person('Нурлан Абенов').client;
    const to = joins.get('device')!.self.address;
    expect(await nurlan.send('audio:signal', { to: '__proto__', description: OFFER })).toMatchObject({
      ok: false,
      error: 'invalid',
      message: expect.stringContaining('call address'),
    });
    expect(await nurlan.send('audio:signal', { to, description: { type: 'offer', sdp: `v=0\r\n${'a'.repeat(16_001)}` } })).toMatchObject({
      ok: false,
      error: 'invalid',
    });
    expect(await nurlan.send('audio:signal', { to, description: { type: 'pranswer' as 'answer', sdp: OFFER.sdp } })).toMatchObject({
      ok: false,
      error: 'invalid',
    });
    expect(await nurlan.send('audio:signal', { to })).toMatchObject({ ok: false, error: 'invalid' });
    expect(await nurlan.send('audio:signal', { to, description: OFFER, participantId: 'x' } as never)).toMatchObject({ ok: false, error: 'invalid' });
    expect(await nurlan.send('audio:signal', { to, candidates: Array.from({ length: 33 }, () => CANDIDATE) })).toMatchObject({ ok: false, error: 'invalid' });
    expect(await person('Ngozi Okafor').client.send('audio:signal', { to, description: OFFER })).toMatchObject({ ok: false, error: 'conflict' });
    expect(await nurlan.send('audio:state', { muted: false, trouble: null })).toEqual({ ok: true });
  });

  it('takes a remote person out of the call the moment they are moved, and out of reach', async () => {
    const aicha = person('Aïcha Benali');
    const old = joins.get('Aïcha Benali')!.self.address;
    const without = device.next('audio:roster', (r) => !r.members.some((m) => m.address === old));
    expect(await facilitator.send('participant:move', { participantId: aicha.id, tableId: 't2' })).toEqual({ ok: true });
    expect(await aicha.client.waitFor('audio:ended')).toEqual({ tableId: 't1', reason: 'moved' });
    expect(numbers(await without)).toEqual(['device', 'remote 2']);
    expect(await device.send('audio:signal', { to: old, description: OFFER })).toMatchObject({ ok: false, error: 'not_found' });
    expect(await aicha.client.send('audio:signal', { to: joins.get('device')!.self.address, description: OFFER })).toMatchObject({
      ok: false,
      error: 'conflict',
    });

    // At her new table she joins its call, as its second remote member; its addresses are new to her.
    const again = await join('Aïcha Benali', aicha.client);
    expect(again.self.number).toBe(2);
    expect(again.self.address).not.toBe(old);
    expect(again.peers.map((p) => p.address)).toEqual([joins.get('María José Ortega')!.self.address]);
    // The next to join table 1 takes the number she left.
    expect(await facilitator.send('participant:move', { participantId: person('María José Ortega').id, tableId: 't1' })).toEqual({ ok: true });
    await person('María José Ortega').client.waitFor('audio:ended');
    expect((await join('María José Ortega', person('María José Ortega').client)).self.number).toBe(1);
  });

  it('lets a second connection of the same person take over, so one voice never comes twice', async () => {
    const { participantToken } = await joinSession(server.url, session.code, { name: 'Second Phone Test', presence: 'remote' });
    const first = await TestClient.connect(server.url, participantToken);
    const id = (first.snapshot as { me: { id: string } }).me.id;
    await facilitator.send('participant:move', { participantId: id, tableId: 't1' });
    await first.waitFor('seat:changed', (s) => s.table?.id === 't1');
    const second = await TestClient.connect(server.url, participantToken);
    const a = (await first.send('audio:join', { as: 'member', trouble: 'microphone' })) as unknown as AudioJoinView;
    expect(a.self.trouble).toBe('microphone');
    const b = (await second.send('audio:join', { as: 'member', trouble: null })) as unknown as AudioJoinView;
    expect(await first.waitFor('audio:ended')).toEqual({ tableId: 't1', reason: 'elsewhere' });
    expect(b.peers.map((p) => p.address)).not.toContain(a.self.address);
    const gone = device.next('audio:roster', (r) => !r.members.some((m) => m.address === b.self.address));
    expect(await second.send('audio:leave', {})).toEqual({ ok: true });
    await gone;
    first.close();
    second.close();
  });

  it('replaces a device: the host’s phone takes over from the laptop, and a new link shuts the old one out', async () => {
    const takeshi = person('Takeshi Yamamoto').client;
    const phone = await join('Takeshi Yamamoto', takeshi, 'device');
    expect(phone.self.kind).toBe('device');
    expect(await device.waitFor('audio:ended')).toEqual({ tableId: 't1', reason: 'replaced' });
    expect(await device.send('audio:join', { as: 'device', trouble: null })).toMatchObject({ ok: true });
    expect(await takeshi.waitFor('audio:ended', (e) => e.reason === 'replaced')).toEqual({ tableId: 't1', reason: 'replaced' });

    const link = (await facilitator.send('device:link', { tableId: 't1' })) as { ok: true; url: string };
    expect(await device.waitFor('session:ended')).toMatchObject({ reason: 'removed' });
    await settle(50);
    expect(device.socket.connected).toBe(false);
    expect((await connectError(server.url, deviceToken)).data).toMatchObject({ error: 'unauthorised' });
    const replacement = await TestClient.connect(server.url, new URL(link.url).hash.slice(1));
    expect((replacement.snapshot as DeviceSnapshot).table.id).toBe('t1');
    // The old device is gone from the call too.
    const roster = (await replacement.send('audio:roster', {})) as unknown as AudioRosterView;
    expect(roster.members.filter((m) => m.kind === 'device')).toEqual([]);
    replacement.close();
  });

  it('writes nothing of a call to the session’s log, and tells no participant another one’s id', async () => {
    const log = await server.store.readSince(session.sessionId, 0);
    expect(log.filter((e) => e.type.startsWith('audio')).length).toBe(0);
    expect(log.filter((e) => e.type === 'device:linked').length).toBe(2);
    const text = JSON.stringify(log);
    expect(text).not.toContain('v=0');
    expect(text).not.toContain('typ srflx');
    expect(text).not.toContain(deviceToken);

    const roster = (await facilitator.sync()) as FacilitatorSnapshot;
    for (const me of people.values()) {
      const wire = me.client.frames.join('\n');
      for (const row of roster.participants) if (row.id !== me.id) expect(wire, `${me.name} received ${row.name}'s id`).not.toContain(row.id);
      for (const other of people.values()) {
        // Aïcha chose to show her name to her table; nobody else's name travels.
        if (other === me || other.name === 'Aïcha Benali') continue;
        expect(wire, `${me.name} received ${other.name}'s name`).not.toContain(other.name);
      }
    }
  });
});

describe('a table’s call at its size limit', () => {
  it('takes eleven remote people, keeps a place for the table device, and tells a twelfth to use the video link', async () => {
    const server = await startServer();
    const session = await createSession(server.url, {
      tables: [{ name: 'Plenary corner', question: 'What should the plenary hear first?', mode: 'remote', capacity: 14 }],
    });
    const facilitator = await TestClient.connect(server.url, session.facilitatorToken);
    const clients: TestClient[] = [];
    try {
      for (let i = 1; i <= 12; i++) {
        const { participantToken } = await joinSession(server.url, session.code, { name: `Participante remota ${i}`, presence: 'remote' });
        const client = await TestClient.connect(server.url, participantToken);
        await facilitator.send('participant:move', { participantId: (client.snapshot as { me: { id: string } }).me.id, tableId: 't1' });
        await client.waitFor('seat:changed', (s) => s.table?.id === 't1');
        clients.push(client);
      }
      for (const client of clients.slice(0, 11)) expect(await client.send('audio:join', { as: 'member', trouble: null })).toMatchObject({ ok: true });
      expect(await clients[11]!.send('audio:join', { as: 'member', trouble: null })).toEqual({
        ok: false,
        error: 'full',
        message: 'This table’s audio is full (11 remote people); use the table’s video link.',
      });
      // A remote table has no device to take; the last member leaving frees a place.
      expect(await clients[0]!.send('audio:leave', {})).toEqual({ ok: true });
      expect(await clients[11]!.send('audio:join', { as: 'member', trouble: null })).toMatchObject({ ok: true, self: { number: 1 } });
    } finally {
      for (const c of [facilitator, ...clients]) c.close();
      await server.stop();
    }
  });
});
