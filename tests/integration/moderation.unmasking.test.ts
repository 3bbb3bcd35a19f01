import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FacilitatorSnapshot, ParticipantSnapshot } from '../../shared/protocol/views.ts';
import { createSession, joinSession, TestClient, type CreatedSession } from '../support/clients.ts';
import { ManualClock } from '../support/clock.ts';
import { cid } from '../support/ids.ts';
import { startServer, type TestServer } from '../support/server.ts';

/**
 * Over real sockets, the ways a hostile reviewer found to learn who a muted troll is, or to let
 * the troll slip the mute, each told as what must now happen instead.
 */

const NAMES = [
  'Kwame Mensah',
  'Zanele Mokoena',
  'Øystein Bråten',
  'Nguyễn Thị Lan',
  'فاطمة الزهراء',
  'Jürgen Weiß',
  'Aigerim Bekova',
  'Tomás Aranda',
  'Priya Raghunathan',
];
const TROLL = 0;
const device = (i: number) => `dev${String(i + 700).padStart(29, '0')}`;

interface Person {
  name: string;
  id: string;
  client: TestClient;
}
interface Cafe {
  session: CreatedSession;
  facilitator: TestClient;
  people: Person[];
}

async function openCafe(server: TestServer): Promise<Cafe> {
  const session = await createSession(server.url, { rounds: 3 });
  const facilitator = await TestClient.connect(server.url, session.facilitatorToken);
  const people: Person[] = [];
  for (const [i, name] of NAMES.entries()) {
    const { participantToken } = await joinSession(server.url, session.code, { name, device: device(i) });
    const client = await TestClient.connect(server.url, participantToken);
    people.push({ name, id: (client.snapshot as ParticipantSnapshot).me.id, client });
  }
  return { session, facilitator, people };
}

/** Round 1 with t1 = the troll, Zanele, Øystein; t2 and t3 the others. */
async function firstRound(cafe: Cafe) {
  expect(await cafe.facilitator.send('seating:assign', {})).toMatchObject({ ok: true });
  const layout: Record<string, number[]> = { t1: [0, 1, 2], t2: [3, 4, 5], t3: [6, 7, 8] };
  const rows = ((await cafe.facilitator.sync()) as FacilitatorSnapshot).participants;
  for (const [tableId, who] of Object.entries(layout))
    for (const i of who) {
      if (rows.find((r) => r.id === cafe.people[i]!.id)?.tableId === tableId) continue;
      expect(await cafe.facilitator.send('participant:move', { participantId: cafe.people[i]!.id, tableId: null, smallTable: true })).toMatchObject({
        ok: true,
      });
    }
  for (const [tableId, who] of Object.entries(layout))
    for (const i of who) {
      if (rows.find((r) => r.id === cafe.people[i]!.id)?.tableId === tableId) continue;
      expect(await cafe.facilitator.send('participant:move', { participantId: cafe.people[i]!.id, tableId, smallTable: true })).toMatchObject({ ok: true });
    }
  expect(await cafe.facilitator.send('round:start', { round: 1 })).toEqual({ ok: true });
  await Promise.all(cafe.people.map((p) => p.client.waitFor('phase:changed', (ph) => ph.phase === 'round' && ph.round === 1)));
}

const write = (client: TestClient, label: string, text: string, tableId = 't1') =>
  client.send('note:add', { id: cid(label), tableId, round: 1, text, kind: 'idea' });

/** Mutes the troll from a note they wrote at t1, and waits for them to be told. */
async function muteTroll(cafe: Cafe, label: string) {
  const troll = cafe.people[TROLL]!.client;
  expect(await write(troll, label, 'Vous êtes tous des idiots')).toMatchObject({ ok: true });
  const told = troll.next('moderation:muted');
  expect(await cafe.facilitator.send('author:mute', { id: cid(label) })).toMatchObject({ ok: true });
  await told;
}

/** Everything sent to the table so far has arrived: a tablemate's note reached the other tablemate. */
async function tableCaughtUp(cafe: Cafe, label: string) {
  const mate = cafe.people[2]!.client;
  const arrives = mate.next('note:added', (n) => n.id === cid(label));
  expect(await write(cafe.people[1]!.client, label, 'Les données ouvertes doivent rester gratuites')).toMatchObject({ ok: true });
  await arrives;
}

const closeAll = (cafe: Cafe) => {
  for (const c of [cafe.facilitator, ...cafe.people.map((p) => p.client)]) c.close();
};

describe('moderation that tells nobody who the troll is', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ clock: new ManualClock() });
  });
  afterAll(async () => {
    await server.stop();
  });

  it('hiding a held note tells the table nothing, since the table never had it', async () => {
    const cafe = await openCafe(server);
    await firstRound(cafe);
    await muteTroll(cafe, 'h-source');
    expect(await write(cafe.people[TROLL]!.client, 'h-held', 'Held words')).toMatchObject({ ok: true });
    expect(await cafe.facilitator.send('note:hide', { ids: [cid('h-held')], hidden: true })).toMatchObject({ ok: true, changed: 1 });
    await tableCaughtUp(cafe, 'h-after');
    for (const mate of [cafe.people[1]!, cafe.people[2]!])
      expect(
        mate.client.received('note:removed').map((r) => r.id),
        mate.name,
      ).not.toContain(cid('h-held'));
    closeAll(cafe);
  }, 60_000);
  it('holds what a muted troll writes after rejoining from the same browser under a new name, with no mark on the roster', async () => {
    const cafe = await openCafe(server);
    await firstRound(cafe);
    await muteTroll(cafe, 'd-source');
    const again = await joinSession(server.url, cafe.session.code, { name: 'K. M.', device: device(TROLL) });
    const alt = await TestClient.connect(server.url, again.participantToken);
    const seat = (alt.snapshot as ParticipantSnapshot).seat.table!.id;
    const staffSees = cafe.facilitator.next('note:added', (n) => n.id === cid('d-evade'));
    expect(await write(alt, 'd-evade', 'Back, and not held?', seat)).toEqual({ ok: true, noteId: cid('d-evade') });
    expect(await staffSees).toMatchObject({ held: true });
    // Nobody at any table gets it.
    const mates = cafe.people.filter((_, i) => i !== TROLL);
    await Promise.all(mates.map((p) => p.client.caughtUp()));
    for (const p of mates)
      expect(
        p.client.received('note:added').map((n) => n.id),
        p.name,
      ).not.toContain(cid('d-evade'));
    // The roster row looks like anyone's who joins late.
    const row = ((await cafe.facilitator.sync()) as FacilitatorSnapshot).participants.find((r) => r.name === 'K. M.')!;
    const plain = ((await cafe.facilitator.sync()) as FacilitatorSnapshot).participants.find((r) => r.name === NAMES[1])!;
    expect(Object.keys(row).sort()).toEqual(Object.keys(plain).sort());
    expect(row.status).toBe('active');
    alt.close();
    closeAll(cafe);
  }, 60_000);
  it('keeps a muted host’s summary with the host: the table and staff never get it', async () => {
    const cafe = await openCafe(server);
    await firstRound(cafe);
    expect(await cafe.facilitator.send('host:assign', { tableId: 't1', participantId: cafe.people[TROLL]!.id })).toMatchObject({ ok: true });
    await muteTroll(cafe, 's-source');
    const troll = cafe.people[TROLL]!.client;
    const back = troll.next('summary:written');
    expect(await troll.send('summary:write', { tableId: 't1', round: 1, text: 'Résumé : vous êtes tous des idiots' })).toEqual({ ok: true });
    expect(await back).toEqual({ tableId: 't1', round: 1, text: 'Résumé : vous êtes tous des idiots' });
    await tableCaughtUp(cafe, 's-after');
    await cafe.facilitator.caughtUp();
    for (const p of cafe.people.slice(1)) expect(p.client.received('summary:written'), p.name).toEqual([]);
    expect(cafe.facilitator.received('summary:written')).toEqual([]);
    // A snapshot agrees: the host sees their own, the table and staff none.
    expect(((await troll.sync()) as ParticipantSnapshot).seat.table!.summaries).toEqual([
      { tableId: 't1', round: 1, text: 'Résumé : vous êtes tous des idiots' },
    ]);
    expect(((await cafe.people[1]!.client.sync()) as ParticipantSnapshot).seat.table!.summaries).toEqual([]);
    expect(((await cafe.facilitator.sync()) as FacilitatorSnapshot).summaries).toEqual([]);
    closeAll(cafe);
  }, 60_000);
  it('withholds the round of a table’s notes from staff until three people have written there', async () => {
    const cafe = await openCafe(server);
    await firstRound(cafe);
    const staff = cafe.facilitator;
    const first = staff.next('note:added', (n) => n.id === cid('w-1'));
    expect(await write(cafe.people[1]!.client, 'w-1', 'Identité : garder le choix')).toMatchObject({ ok: true });
    expect(await first).toMatchObject({ tableId: 't1', round: 0 });
    const second = staff.next('note:added', (n) => n.id === cid('w-2'));
    expect(await write(cafe.people[2]!.client, 'w-2', 'Open standards first')).toMatchObject({ ok: true });
    expect(await second).toMatchObject({ round: 0 });
    // A third writer: the round comes with every note of that table and round.
    const again = Promise.all(['w-1', 'w-2'].map((l) => staff.next('note:edited', (n) => n.id === cid(l))));
    const third = staff.next('note:added', (n) => n.id === cid('w-3'));
    expect(await write(cafe.people[0]!.client, 'w-3', 'الشفافية أولاً')).toMatchObject({ ok: true });
    expect(await third).toMatchObject({ round: 1 });
    expect((await again).map((n) => n.round)).toEqual([1, 1]);
    // One of them deletes theirs: back below three, the round goes again.
    const gone = staff.next('note:edited', (n) => n.id === cid('w-1'));
    expect(await cafe.people[0]!.client.send('note:delete', { id: cid('w-3') })).toMatchObject({ ok: true });
    expect(await gone).toMatchObject({ round: 0 });
    expect(((await staff.sync()) as FacilitatorSnapshot).notes.map((n) => n.round)).toEqual([0, 0]);
    closeAll(cafe);
  }, 60_000);
});
