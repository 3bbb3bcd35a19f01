import { nanoid } from 'nanoid';
import type { Result } from '../../shared/protocol/errors.ts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FacilitatorSnapshot, ParticipantSnapshot } from '../../shared/protocol/views.ts';
import { connectError, createSession, joinSession, postJson, TestClient, type CreatedSession } from '../support/clients.ts';
import { cid } from '../support/ids.ts';
import { startServer, type TestServer } from '../support/server.ts';

/** A reply that must be a success, with its fields. */
function granted(result: Result<Record<string, any>>): Record<string, any> {
  if (!result.ok) throw new Error(`${result.error}: ${result.message}`);
  return result;
}

/** The log's length for a session: refusals must leave it as it was. */
async function logged(server: TestServer, sessionId: string): Promise<number> {
  return (await server.store.load(sessionId))!.length;
}

describe('admission: who gets in, and who comes back', () => {
  let server: TestServer;
  let session: CreatedSession;
  let facilitator: TestClient;
  const open: TestClient[] = [];
  const connect = async (token: string) => {
    const client = await TestClient.connect(server.url, token);
    open.push(client);
    return client;
  };

  beforeEach(async () => {
    server = await startServer();
    session = await createSession(server.url, { title: 'Digital identity and trust — a hybrid café', admission: 'lobby' });
    facilitator = await connect(session.facilitatorToken);
  });
  afterEach(async () => {
    for (const c of open.splice(0)) c.close();
    await server.stop();
  });

  it('keeps newcomers in the lobby until a facilitator lets them in, one at a time or all at once', async () => {
    const amina = await joinSession(server.url, session.code, { name: 'Amina Haddad' });
    expect(amina.waiting).toBe(true);
    const phone = await connect(amina.participantToken);
    expect((phone.snapshot as ParticipantSnapshot).me.waiting).toBe(true);
    const row = await facilitator.waitFor('roster:changed', (rows) => rows.some((r) => r.name === 'Amina Haddad'));
    expect(row.find((r) => r.name === 'Amina Haddad')).toMatchObject({ status: 'waiting' });

    // Waiting, she can leave or wait; nothing else is hers to do yet.
    const before = await logged(server, session.sessionId);
    expect(await phone.send('vote:cast', { themeId: cid('theme'), dots: 1 })).toMatchObject({
      ok: false,
      error: 'forbidden',
      message: expect.stringMatching(/lobby/),
    });
    expect(await logged(server, session.sessionId)).toBe(before);

    const id = row.find((r) => r.name === 'Amina Haddad')!.id;
    const admitted = phone.next('session:snapshot');
    expect(await facilitator.send('participant:admit', { participantId: id })).toEqual({ ok: true, admitted: 1 });
    expect(((await admitted) as ParticipantSnapshot).me.waiting).toBeUndefined();

    // Three more arrive while the first round runs; "let all in" seats them at once.
    expect(await facilitator.send('round:start', { round: 1 })).toEqual({ ok: true });
    const late = await Promise.all(['Jean Dupont', '王芳', 'Олена Коваль'].map((name) => joinSession(server.url, session.code, { name })));
    const phones = await Promise.all(late.map((j) => connect(j.participantToken)));
    expect(await facilitator.send('participant:admit', { all: true })).toEqual({ ok: true, admitted: 3 });
    for (const p of phones) expect((await p.waitFor('seat:changed')).table).not.toBeNull();
    expect(await facilitator.send('participant:admit', { all: true })).toEqual({ ok: true, admitted: 0 });
  });

  it('turns someone away: their phone is told, and their link stops working', async () => {
    const troll = await joinSession(server.url, session.code, { name: 'Totally Real Minister' });
    const phone = await connect(troll.participantToken);
    const rows = await facilitator.waitFor('roster:changed', (r) => r.some((x) => x.status === 'waiting'));
    const ended = phone.next('session:ended');
    expect(await facilitator.send('participant:decline', { participantId: rows[0]!.id })).toEqual({ ok: true });
    expect(await ended).toMatchObject({ reason: 'declined' });
    expect(await connectError(server.url, troll.participantToken)).toMatchObject({ data: { error: 'forbidden' } });
  });

  it('locks the session: nobody new gets in until it is unlocked', async () => {
    expect(await facilitator.send('session:lock', { locked: true })).toEqual({ ok: true });
    const before = await logged(server, session.sessionId);
    const refused = await postJson(`${server.url}/api/join/${session.code}`, { name: 'Late Lee', group: 'Academia', presence: 'room' });
    expect(refused).toMatchObject({ status: 410, body: { ok: false, error: 'closed', message: expect.stringMatching(/not taking new participants/) } });
    expect(await logged(server, session.sessionId)).toBe(before);
    expect(await facilitator.send('session:lock', { locked: false })).toEqual({ ok: true });
    expect((await joinSession(server.url, session.code, { name: 'Late Lee' })).waiting).toBe(true);
  });

  it('switches to open admission: the next newcomer takes part at once', async () => {
    const changed = facilitator.next('admission:changed');
    expect(await facilitator.send('session:admission', { admission: 'open' })).toEqual({ ok: true });
    expect(await changed).toEqual({ admission: 'open', locked: false });
    expect((await joinSession(server.url, session.code, { name: 'Kwame Mensah' })).waiting).toBe(false);
  });
});

describe('a removed person coming back', () => {
  let server: TestServer;
  let session: CreatedSession;
  let facilitator: TestClient;

  beforeEach(async () => {
    server = await startServer();
    session = await createSession(server.url, { title: 'An open café' });
    facilitator = await TestClient.connect(server.url, session.facilitatorToken);
  });
  afterEach(async () => {
    facilitator.close();
    await server.stop();
  });

  it('refuses the removed link, and sends the same browser to the lobby under any new name', async () => {
    const device = nanoid(32);
    const first = await joinSession(server.url, session.code, { name: 'Troll One', device });
    const firstRow = (await facilitator.waitFor('roster:changed', (r) => r.some((x) => x.name === 'Troll One'))).find((x) => x.name === 'Troll One')!;
    expect(await facilitator.send('participant:remove', { participantId: firstRow.id })).toEqual({ ok: true });
    expect(await connectError(server.url, first.participantToken)).toMatchObject({ data: { error: 'forbidden', message: expect.stringMatching(/removed/) } });

    // The session admits everyone at once, but not this browser any more.
    const again = await joinSession(server.url, session.code, { name: 'A Friendly Newcomer', device });
    expect(again.waiting).toBe(true);
    const rows = await facilitator.waitFor('roster:changed', (r) => r.some((x) => x.name === 'A Friendly Newcomer'));
    const row = rows.find((x) => x.name === 'A Friendly Newcomer')!;
    expect(row).toMatchObject({ status: 'waiting', fromRemovedDevice: true });
    // The facilitator learns that the device was removed, not who it was: the row names no one else.
    expect(JSON.stringify(rows)).not.toContain(firstRow.id);

    // Another browser gets in at once, as the session is open.
    expect((await joinSession(server.url, session.code, { name: 'Someone Else', device: nanoid(32) })).waiting).toBe(false);
  });
});

describe('co-facilitators and the creator’s key', () => {
  let server: TestServer;
  let session: CreatedSession;
  let creator: TestClient;

  beforeEach(async () => {
    server = await startServer();
    session = await createSession(server.url, { title: 'A café run by two' });
    creator = await TestClient.connect(server.url, session.facilitatorToken);
  });
  afterEach(async () => {
    creator.close();
    await server.stop();
  });

  it('gives a co-facilitator a link of their own, which the creator withdraws at once', async () => {
    const invited = granted(await creator.send('cofacilitator:invite', { label: 'Kenji Watanabe' }));
    expect(invited).toMatchObject({
      ok: true,
      label: 'Kenji Watanabe',
      token: expect.stringMatching(/^c\./),
      url: expect.stringContaining(`/facilitate/${session.sessionId}#c.`),
    });
    expect(invited.token).not.toBe(session.facilitatorToken);
    const co = await TestClient.connect(server.url, invited.token);
    expect((co.snapshot as FacilitatorSnapshot).me).toBe('cofacilitator');

    await joinSession(server.url, session.code, { name: 'Maria Silva' });
    expect(await co.send('round:start', { round: 1 })).toEqual({ ok: true });
    // Credentials stay the creator's to give and take.
    expect(await co.send('cofacilitator:invite', {})).toMatchObject({ ok: false, error: 'forbidden', message: expect.stringMatching(/created the session/) });
    expect(await co.send('facilitator:rekey', {})).toMatchObject({ ok: false, error: 'forbidden' });

    const ended = co.next('session:ended');
    expect(await creator.send('cofacilitator:revoke', { cofacilitatorId: invited.cofacilitatorId })).toEqual({ ok: true });
    expect(await ended).toMatchObject({ reason: 'removed' });
    expect(await connectError(server.url, invited.token)).toMatchObject({ data: { error: 'forbidden', message: expect.stringMatching(/withdrawn/) } });
    co.close();
  });

  it('lets the creator replace their own key: the old link stops working', async () => {
    const ended = creator.next('session:ended');
    const rekeyed = granted(await creator.send('facilitator:rekey', {}));
    expect(rekeyed).toMatchObject({ ok: true, token: expect.stringMatching(/^f\./) });
    expect(await ended).toMatchObject({ reason: 'removed' });
    expect(await connectError(server.url, session.facilitatorToken)).toMatchObject({ data: { error: 'unauthorised' } });
    const back = await TestClient.connect(server.url, rekeyed.token);
    expect((back.snapshot as FacilitatorSnapshot).me).toBe('creator');
    back.close();
  });
});

describe('a host’s summary', () => {
  it('stays its writer’s: the next host writes their own round’s, not over it', async () => {
    const server = await startServer();
    const session = await createSession(server.url, { title: 'Summaries by round', tables: [{ question: 'How should cities share mobility data?' }] });
    const facilitator = await TestClient.connect(server.url, session.facilitatorToken);
    const [ana, ben] = await Promise.all(
      ['Ana Pereira', 'Benedikt Schröder'].map(async (name) =>
        TestClient.connect(server.url, (await joinSession(server.url, session.code, { name })).participantToken),
      ),
    );
    expect(await facilitator.send('round:start', { round: 1 })).toEqual({ ok: true });
    const roster = (await facilitator.sync()) as FacilitatorSnapshot;
    const id = (name: string) => roster.participants.find((p) => p.name === name)!.id;
    expect(await facilitator.send('host:assign', { tableId: 't1', participantId: id('Ana Pereira') })).toEqual({ ok: true });
    expect(await ana!.send('summary:write', { tableId: 't1', round: 1, text: 'Open by default, with privacy by design.' })).toEqual({ ok: true });

    expect(await facilitator.send('host:assign', { tableId: 't1', participantId: id('Benedikt Schröder') })).toEqual({ ok: true });
    expect(await ben!.send('summary:write', { tableId: 't1', round: 1, text: 'Nothing was agreed.' })).toMatchObject({
      ok: false,
      error: 'forbidden',
      message: expect.stringMatching(/only they can change it/),
    });
    expect(((await facilitator.sync()) as FacilitatorSnapshot).summaries).toEqual([
      { tableId: 't1', round: 1, text: 'Open by default, with privacy by design.' },
    ]);
    for (const c of [facilitator, ana!, ben!]) c.close();
    await server.stop();
  });
});
