import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParticipantSnapshot } from '../../shared/protocol/views.ts';
import { createSession, joinSession, TestClient } from '../support/clients.ts';
import { cid } from '../support/ids.ts';
import { startServer, type TestServer } from '../support/server.ts';

/** What the table says before anyone drops off. */
const FIRST = 'Who is missing from this table?';

/** A phone that drops off and comes back says which version it saw, and hears only what it missed. */
describe('resuming from the version a client saw', () => {
  let server: TestServer;
  const open: TestClient[] = [];
  const connect = async (token: string, version?: unknown) => {
    const c = await TestClient.resume(server.url, token, version);
    open.push(c);
    return c;
  };

  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    for (const c of open) c.close();
    await server.stop();
  });

  /** Two people at one table, round 1 under way. */
  async function table() {
    const session = await createSession(server.url, { tables: [{ question: 'What does meaningful consultation look like?' }] });
    const facilitator = await connect(session.facilitatorToken);
    await facilitator.waitFor('session:snapshot');
    const amara = (await joinSession(server.url, session.code, { name: 'Amara Okonkwo-Lindqvist' })).participantToken;
    const yusuf = (await joinSession(server.url, session.code, { name: 'يوسف الحسيني' })).participantToken;
    const phone = await connect(amara);
    const other = await connect(yusuf);
    expect(await facilitator.send('round:start', { round: 1 })).toEqual({ ok: true });
    await Promise.all([phone, other].map((c) => c.waitFor('seat:changed', (s) => s.table !== null)));
    const tableId = phone.received('seat:changed').at(-1)!.table!.id;
    // A version lags by the last batch heard, and a window with a seating in it gets the whole
    // view (resume.anonymity.test.ts): the table talks once before anyone drops off.
    expect(await other.send('note:add', { id: cid(`first-${tableId}-${open.length}`), tableId, round: 1, text: FIRST })).toMatchObject({ ok: true });
    await Promise.all([phone, other].map((c) => c.waitFor('note:added', (n) => n.text === FIRST)));
    return { session, facilitator, amara, phone, other, tableId };
  }

  it('tells a phone that was away what happened meanwhile, in order, without its whole view again', async () => {
    const { facilitator, amara, phone, other, tableId } = await table();
    await phone.caughtUp();
    const seen = phone.seen!;
    phone.close();

    const texts = ['Consultations need translation from the start', 'Publish the drafts, not only the decisions', 'Pay people for their time'];
    for (const [i, text] of texts.entries())
      expect(await other.send('note:add', { id: cid(`while-away-${i}`), tableId, round: 1, text })).toMatchObject({ ok: true });
    expect(await facilitator.send('broadcast:send', { text: 'Five minutes left in this round', commandId: cid('five-left') })).toEqual({ ok: true });

    const back = await connect(amara, seen);
    await back.caughtUp();
    expect(back.received('session:snapshot')).toEqual([]);
    // At least once: the last batch the phone heard comes again (its version is where that batch began), and a note is replaced by its id.
    expect(
      back
        .received('note:added')
        .map((n) => n.text)
        .filter((t) => t !== FIRST),
    ).toEqual(texts);
    expect(back.received('broadcast:sent').map((b) => b.text)).toEqual(['Five minutes left in this round']);
    // Its last message said it has everything now: coming back once more, it hears nothing new.
    const again = await connect(amara, back.seen!);
    await again.caughtUp();
    expect(again.events).toEqual([]);
  });

  it('tells a phone that was away of a note written and then changed as the note stands now, an edit', async () => {
    const { amara, phone, other, tableId } = await table();
    await phone.caughtUp();
    const seen = phone.seen!;
    phone.close();

    const id = cid('written-then-changed');
    expect(await other.send('note:add', { id, tableId, round: 1, text: 'Translate the consultation papers' })).toMatchObject({ ok: true });
    expect(await other.send('note:edit', { id, text: 'Translate the consultation papers into every working language' })).toMatchObject({ ok: true });

    const back = await connect(amara, seen);
    await back.caughtUp();
    // Replayed facts are told from the note as it is now: both say it was edited, neither calls it new.
    const told = back.events.filter((e) => (e.payload as { id?: string }).id === id);
    expect(told.length).toBeGreaterThan(0);
    for (const e of told) {
      expect(e.event).toBe('note:edited');
      expect(e.payload).toMatchObject({ text: 'Translate the consultation papers into every working language', edited: true });
    }
  });

  it('gives the whole view to a phone too far behind, or that says no version at all', async () => {
    const { amara, phone, other, tableId } = await table();
    await phone.caughtUp();
    const seen = phone.seen!;
    phone.close();
    for (let i = 0; i < 501; i++)
      expect(await other.send('note:add', { id: cid(`far-behind-${i}`), tableId, round: 1, text: `Note ${i}` })).toMatchObject({ ok: true });

    const back = await connect(amara, seen);
    const snapshot = (await back.waitFor('session:snapshot')) as ParticipantSnapshot;
    expect(snapshot.seat.table!.notes).toHaveLength(501 + 1);
    expect(back.received('note:added')).toEqual([]);

    const fresh = await connect(amara);
    expect(((await fresh.waitFor('session:snapshot')) as ParticipantSnapshot).seat.table!.notes).toHaveLength(501 + 1);
  });

  it('keeps a replay to the replayed phone and its rooms: nobody else hears it twice', async () => {
    const { amara, phone, other, tableId, facilitator } = await table();
    await phone.caughtUp();
    const seen = phone.seen!;
    phone.close();
    expect(await other.send('note:add', { id: cid('only-once'), tableId, round: 1, text: 'Heard once by everyone' })).toMatchObject({ ok: true });
    const back = await connect(amara, seen);
    await back.caughtUp();
    await Promise.all([other.caughtUp(), facilitator.caughtUp()]);
    expect(back.received('note:added').filter((n) => n.id === cid('only-once'))).toHaveLength(1);
    expect(other.received('note:added').filter((n) => n.id === cid('only-once'))).toHaveLength(1);
    expect(facilitator.received('note:added').filter((n) => n.id === cid('only-once'))).toHaveLength(1);
  });
});
