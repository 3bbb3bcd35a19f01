import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FacilitatorSnapshot, ParticipantSnapshot, RapporteurSnapshot, StaffNoteView } from '../../shared/protocol/views.ts';
import { createSession, joinSession, TestClient, type CreatedSession } from '../support/clients.ts';
import { ManualClock } from '../support/clock.ts';
import { cid } from '../support/ids.ts';
import { startServer, type TestServer } from '../support/server.ts';

/**
 * Moderation against a troll, over real sockets: the pace holds them back and staff see that
 * someone is, not who; staff mute them from one note and nobody else's screen learns anything but
 * that notes were hidden; their held notes reach only the facilitators; flags reach only staff.
 */

const NAMES = [
  'Zanele Mokoena',
  'Øystein Bråten',
  'Nguyễn Thị Lan',
  'Kwame Mensah',
  'فاطمة الزهراء',
  'Jürgen Weiß',
  'Aigerim Bekova',
  'Tomás Aranda',
  'Priya Raghunathan',
] as const;
const TROLL = 'Kwame Mensah';
/** Who sits where, by name, so three cafés on one server seat the same people together. */
const LAYOUT: Record<1 | 2 | 3, Record<string, (typeof NAMES)[number][]>> = {
  1: {
    t1: [TROLL, 'Zanele Mokoena', 'Øystein Bråten'],
    t2: ['Nguyễn Thị Lan', 'فاطمة الزهراء', 'Jürgen Weiß'],
    t3: ['Aigerim Bekova', 'Tomás Aranda', 'Priya Raghunathan'],
  },
  2: {
    t1: ['Nguyễn Thị Lan', 'Aigerim Bekova', 'Zanele Mokoena'],
    t2: [TROLL, 'فاطمة الزهراء', 'Tomás Aranda'],
    t3: ['Øystein Bråten', 'Jürgen Weiß', 'Priya Raghunathan'],
  },
  3: {
    t1: ['فاطمة الزهراء', 'Priya Raghunathan', 'Øystein Bråten'],
    t2: ['Zanele Mokoena', 'Jürgen Weiß', 'Tomás Aranda'],
    t3: [TROLL, 'Nguyễn Thị Lan', 'Aigerim Bekova'],
  },
};

interface Person {
  name: string;
  id: string;
  client: TestClient;
}

interface Cafe {
  session: CreatedSession;
  facilitator: TestClient;
  /** A co-facilitator who only watches: the staff screen whose frames are compared. */
  watcher: TestClient;
  display: TestClient;
  people: Person[];
  person(name: string): Person;
}

async function openCafe(server: TestServer, clock: ManualClock): Promise<Cafe> {
  const session = await createSession(server.url, { rounds: 3 });
  const facilitator = await TestClient.connect(server.url, session.facilitatorToken);
  const invited = await facilitator.send('cofacilitator:invite', { label: 'Watcher' });
  if (!invited.ok) throw new Error(invited.message);
  const watcher = await TestClient.connect(server.url, invited.token as string);
  const display = await TestClient.connect(server.url, `d.${session.code}`);
  const people: Person[] = [];
  for (const name of NAMES) {
    // A second apart: everyone joins in the same order in every café.
    clock.advance(1000);
    const { participantToken } = await joinSession(server.url, session.code, { name });
    const client = await TestClient.connect(server.url, participantToken);
    people.push({ name, id: (client.snapshot as ParticipantSnapshot).me.id, client });
  }
  const person = (name: string) => people.find((p) => p.name === name)!;
  return { session, facilitator, watcher, display, people, person };
}

/** Seats everyone as LAYOUT says for a round, by hand, and waits until each phone knows. */
async function seat(cafe: Cafe, round: 1 | 2 | 3) {
  for (const [tableId, names] of Object.entries(LAYOUT[round])) {
    for (const name of names) {
      const p = cafe.person(name);
      if (p.client.received('seat:changed').at(-1)?.table?.id === tableId) continue;
      const told = p.client.next('seat:changed', (s) => s.table?.id === tableId);
      const moved = await cafe.facilitator.send('participant:move', { participantId: p.id, tableId, smallTable: true });
      expect(moved, name).toMatchObject({ ok: true });
      await told;
    }
  }
}

async function startRound(cafe: Cafe, round: 1 | 2 | 3) {
  if (round === 1) expect(await cafe.facilitator.send('seating:assign', {})).toMatchObject({ ok: true });
  else expect(await cafe.facilitator.send('round:end', { round: round - 1 })).toEqual({ ok: true });
  await seat(cafe, round);
  // The display's table map is refreshed a moment after seats and phase change (at most twice a second).
  const refreshed = cafe.display.next('display:tables');
  expect(await cafe.facilitator.send('round:start', { round })).toEqual({ ok: true });
  await Promise.all([refreshed, ...cafe.people.map((p) => p.client.waitFor('phase:changed', (ph) => ph.phase === 'round' && ph.round === round))]);
}

async function write(cafe: Cafe, name: string, label: string, text: string, round: number) {
  const p = cafe.person(name);
  const tableId = p.client.received('seat:changed').at(-1)!.table!.id;
  const result = await p.client.send('note:add', { id: cid(label), tableId, round, text, kind: 'idea' });
  expect(result, label).toMatchObject({ ok: true });
}

/** Every screen has everything sent so far: a broadcast each must see, sent after it all. */
/** Each quiet moment's broadcast is a new command. */
let quieted = 0;
async function quiet(cafe: Cafe, label: string) {
  const screens = [cafe.watcher, cafe.display, ...cafe.people.map((p) => p.client)];
  const seen = screens.map((c) => c.next('broadcast:sent', (b) => b.text === label));
  expect(await cafe.facilitator.send('broadcast:send', { text: label, commandId: cid(`quiet-${++quieted}`) })).toMatchObject({ ok: true });
  await Promise.all(seen);
}

/** Round 1 at t1 and round 2 at t2: the troll writes two notes each time, among everyone else's. */
async function twoRounds(cafe: Cafe) {
  await startRound(cafe, 1);
  for (const [i, name] of NAMES.entries()) await write(cafe, name, `r1-${i}`, `Round one, point ${i}: open standards matter`, 1);
  await write(cafe, TROLL, 'troll-r1-a', 'You are all idiots and this café is a farce', 1);
  await write(cafe, TROLL, 'troll-r1-b', 'Nobody here has a clue', 1);
  await startRound(cafe, 2);
  for (const [i, name] of NAMES.entries()) await write(cafe, name, `r2-${i}`, `Round two, point ${i}: fund maintenance`, 2);
  await write(cafe, TROLL, 'troll-r2-a', 'Idiots again, at this table too', 2);
  await write(cafe, TROLL, 'troll-r2-b', 'Shut up, all of you', 2);
}

/**
 * A frame as an observer would compare it across cafés: ids of people, sessions and codes replaced
 * by what they stand for, and the keyed order (`rank`, a hash of the note id under each session's
 * own secret) left out.
 */
function normalise(cafe: Cafe, frames: string[], base: number): unknown[] {
  const names = new Map<string, string>([
    [cafe.session.sessionId, '<session>'],
    [cafe.session.code, '<code>'],
    ...cafe.people.map((p) => [p.id, `<${p.name}>`] as [string, string]),
  ]);
  const walk = (value: unknown): unknown => {
    if (typeof value === 'string') return names.get(value) ?? value;
    if (Array.isArray(value)) return value.map(walk);
    if (value && typeof value === 'object')
      return Object.fromEntries(
        Object.entries(value)
          .filter(([k]) => k !== 'rank')
          .map(([k, v]) => [k, walk(v)]),
      );
    return value;
  };
  // The session's version on each message counts every fact since the café began, so it is
  // compared as how far past the screen's version before the act it is: what a screen could read.
  const since = (packet: { data?: unknown[] }) => {
    const data = packet.data;
    if (Array.isArray(data) && typeof data[2] === 'number') data[2] -= base;
    return packet;
  };
  return frames.map((f) => walk(since(JSON.parse(f) as { data?: unknown[] })));
}

/** Records what each screen receives from the act on, for five seconds and until a last broadcast has reached all. */
async function record(cafe: Cafe, act: () => Promise<unknown>, meanwhile: () => Promise<void>) {
  await quiet(cafe, 'ready');
  const screens = new Map<string, TestClient>([
    ['watcher', cafe.watcher],
    ['display', cafe.display],
    ...cafe.people.map((p) => [p.name, p.client] as [string, TestClient]),
  ]);
  const from = new Map([...screens].map(([k, c]) => [k, c.frames.length]));
  const base = new Map([...screens].map(([k, c]) => [k, c.seen ?? 0]));
  const started = Date.now();
  const acted = await act();
  expect(acted).toMatchObject({ ok: true });
  await meanwhile();
  // The window the issue names: what any timer, throttle or late fan-out sends in the next five seconds.
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, 5000 - (Date.now() - started))));
  await quiet(cafe, 'end');
  const frames = new Map<string, unknown[]>();
  for (const [k, c] of screens)
    frames.set(
      k,
      normalise(
        cafe,
        c.frames.slice(from.get(k)).filter((f) => !f.includes('"broadcast:sent"')),
        base.get(k)!,
      ),
    );
  return frames;
}

describe('a troll at a live café', () => {
  /** A server with the real note pace, and one whose pace stays out of the way of longer stories. */
  let paced: TestServer;
  let server: TestServer;
  const clock = new ManualClock();

  beforeAll(async () => {
    paced = await startServer({ clock, notePace: { burst: 6, perMinute: 12 } });
    server = await startServer({ clock });
  });
  afterAll(async () => {
    await paced.stop();
    await server.stop();
  });

  it('holds the troll back at the note pace, and tells staff someone at their table was held back, not who', async () => {
    const cafe = await openCafe(paced, clock);
    await startRound(cafe, 1);
    const troll = cafe.person(TROLL);
    const tableId = troll.client.received('seat:changed').at(-1)!.table!.id;
    const results = [];
    for (let i = 0; i < 10; i++) results.push(await troll.client.send('note:add', { id: cid(`flood-${i}`), tableId, round: 1, text: `Spam ${i}`, kind: null }));
    expect(results.filter((r) => r.ok)).toHaveLength(6);
    expect(results.slice(6)).toEqual(Array(4).fill(expect.objectContaining({ ok: false, error: 'rate_limited', retryAfterMs: expect.any(Number) })));

    // A minute later the facilitators hear a count for the troll's table of three, and nothing else.
    const pace = cafe.watcher.next('moderation:pace');
    clock.advance(60_000);
    expect(await pace).toEqual({ at: clock.now(), tables: [{ tableId, people: 1 }], elsewhere: 0 });
    await quiet(cafe, 'after the minute');
    const wire = [...cafe.watcher.frames, ...cafe.facilitator.frames].filter((f) => f.includes('moderation:pace')).join('\n');
    expect(wire).not.toContain(troll.id);
    expect(wire).not.toContain(TROLL);
    for (const p of cafe.people) expect(p.client.received('moderation:pace'), p.name).toEqual([]);
    expect(cafe.display.received('moderation:pace')).toEqual([]);
  });

  it('mutes them from a note: every other screen receives only what hiding notes would have sent', async () => {
    // Three cafés, the same people seated alike and writing alike. In one the troll is muted; in
    // the others staff instead hide the notes of that table and round, or every note the troll wrote.
    const [muted, hidCell, hidAll] = await Promise.all([openCafe(server, clock), openCafe(server, clock), openCafe(server, clock)]);
    await Promise.all([twoRounds(muted), twoRounds(hidCell), twoRounds(hidAll)]);
    const meanwhile = (cafe: Cafe) => async () => {
      // Life goes on at other tables and this one: notes, an edit, a flag.
      await write(cafe, 'Zanele Mokoena', 'after-1', 'Consultation needs translation budgets', 2);
      await write(cafe, 'Tomás Aranda', 'after-2', 'Publish the minutes in plain language', 2);
      expect(
        await cafe.person('Tomás Aranda').client.send('note:edit', { id: cid('after-2'), text: 'Publish minutes in plain language, within a week' }),
      ).toMatchObject({ ok: true });
      expect(await cafe.person('فاطمة الزهراء').client.send('note:flag', { id: cid('after-2') })).toMatchObject({ ok: true });
    };
    const [m, c, a] = await Promise.all([
      record(muted, () => muted.facilitator.send('author:mute', { id: cid('troll-r2-a') }), meanwhile(muted)),
      // Every note the troll wrote at that table in that round, their ordinary one too (r2-3).
      record(hidCell, () => hidCell.facilitator.send('note:hide', { ids: ['r2-3', 'troll-r2-a', 'troll-r2-b'].map(cid), hidden: true }), meanwhile(hidCell)),
      record(
        hidAll,
        () => hidAll.facilitator.send('note:hide', { ids: ['r1-3', 'troll-r1-a', 'troll-r1-b', 'r2-3', 'troll-r2-a', 'troll-r2-b'].map(cid), hidden: true }),
        meanwhile(hidAll),
      ),
    ]);

    // Round 1's table and round 2's share only the troll (the rotation keeps people apart), so the
    // mute takes off the tables only the notes staff muted from and their cell's: every screen but
    // the troll's receives the same frames as if staff had hidden exactly those.
    expect(m.get('watcher')).toEqual(c.get('watcher'));
    expect(m.get('watcher')).not.toEqual(a.get('watcher'));
    expect(JSON.stringify(m.get('watcher'))).not.toMatch(/roster:changed|tables:changed|table:changed|seating:changed|moderation:muted/);
    expect(m.get('display')).toEqual(c.get('display'));
    for (const name of NAMES.filter((n) => n !== TROLL)) expect(m.get(name), name).toEqual(c.get(name));
    const removed = (name: string) =>
      (m.get(name) as { data: [string, { id: string }] }[]).filter((f) => f.data?.[0] === 'note:removed').map((f) => f.data[1].id);
    expect(removed('Nguyễn Thị Lan')).toEqual([]);
    expect(removed('فاطمة الزهراء')).toEqual(['r2-3', 'troll-r2-a', 'troll-r2-b'].map(cid));
    // The troll alone is told, privately.
    expect(muted.person(TROLL).client.received('moderation:muted')).toHaveLength(1);
    expect(hidAll.person(TROLL).client.received('moderation:muted')).toEqual([]);
    // Staff still see the troll in the café, seated as before.
    const staff = (await muted.watcher.sync()) as FacilitatorSnapshot;
    expect(staff.participants.find((r) => r.id === muted.person(TROLL).id)).toMatchObject({ status: 'active', tableId: 't2' });
    expect(JSON.stringify(staff)).not.toMatch(/muted/i);
    // Round 1's troll notes stay where they were, for staff and tables alike: nothing to diff.
    expect(staff.notes.find((n) => n.id === cid('troll-r1-a'))).not.toHaveProperty('hidden');
    const history = (await muted.person('Nguyễn Thị Lan').client.sync()) as ParticipantSnapshot;
    expect(history.seat.table!.notes.map((n) => n.id)).toContain(cid('troll-r1-a'));
    await closeAll([muted, hidCell, hidAll]);
  }, 60_000);

  it('holds what a muted troll writes next: it reaches the facilitators and the troll, nobody else', async () => {
    const cafe = await openCafe(server, clock);
    await twoRounds(cafe);
    expect(await cafe.facilitator.send('author:mute', { id: cid('troll-r2-a') })).toEqual({ ok: true, noteId: cid('troll-r2-a') });
    await quiet(cafe, 'muted');
    const troll = cafe.person(TROLL);

    // Staff never see a held note's place, even in the table and round they muted from.
    const held = cafe.watcher.next('note:added', (n) => n.id === cid('troll-r2-c'));
    await write(cafe, TROLL, 'troll-r2-c', 'I will keep going', 2);
    expect(await held).toMatchObject({ id: cid('troll-r2-c'), held: true, placeWithheld: true, tableId: '', round: 0 });
    // Round 3 at another table: with round 2's table, only the troll sat at both, so it cannot be released.
    await startRound(cafe, 3);
    const elsewhere = cafe.watcher.next('note:added', (n) => n.id === cid('troll-r3-a'));
    await write(cafe, TROLL, 'troll-r3-a', 'New table, same me', 3);
    expect(await elsewhere).toMatchObject({ held: true, placeWithheld: true, tableId: '', round: 0 });
    expect(await cafe.facilitator.send('note:release', { ids: [cid('troll-r3-a')] })).toMatchObject({ ok: false, error: 'forbidden' });
    await quiet(cafe, 'held');

    for (const p of cafe.people.filter((x) => x.name !== TROLL)) {
      expect(p.client.frames.join('\n'), p.name).not.toContain('I will keep going');
      expect(p.client.frames.join('\n'), p.name).not.toContain('New table, same me');
    }
    expect(cafe.display.frames.join('\n')).not.toContain('I will keep going');
    // The troll sees their own notes, waiting for review.
    expect(troll.client.received('note:added').find((n) => n.id === cid('troll-r3-a'))).toMatchObject({ mine: true, held: true });

    // Deleted by the troll, it leaves the facilitators' list without its table being told either.
    const gone = cafe.watcher.next('note:removed', (r) => r.id === cid('troll-r3-a'));
    expect(await troll.client.send('note:delete', { id: cid('troll-r3-a') })).toMatchObject({ ok: true });
    expect(await gone).toEqual({ id: cid('troll-r3-a'), tableId: '' });
    // Released (in round 3): it reaches its round-2 table as a new note, with no mark.
    const arrives = cafe.person('Tomás Aranda').client.next('note:added', (n) => n.id === cid('troll-r2-c'));
    expect(await cafe.facilitator.send('note:release', { ids: [cid('troll-r2-c')] })).toEqual({ ok: true, changed: 1 });
    expect(await arrives).toEqual({ id: cid('troll-r2-c'), tableId: 't2', round: 2, text: 'I will keep going', kind: 'idea', edited: false });
    await closeAll([cafe]);
  }, 30_000);

  it('shows staff a table’s round once a third writer’s held notes are released together', async () => {
    const cafe = await openCafe(server, clock);
    await startRound(cafe, 1);
    // Muted from a note at table 1 that the troll then deletes: staff know the troll sat there, and
    // nothing of theirs counts at that table yet.
    await write(cafe, TROLL, 'bait', 'Nobody here has a clue', 1);
    expect(await cafe.facilitator.send('author:mute', { id: cid('bait') })).toMatchObject({ ok: true });
    expect(await cafe.person(TROLL).client.send('note:delete', { id: cid('bait') })).toMatchObject({ ok: true });
    // Two people write at table 1: staff see their notes without the round.
    const first = cafe.watcher.next('note:added', (n) => n.id === cid('two-a'));
    await write(cafe, 'Zanele Mokoena', 'two-a', 'Publish the consultation calendar a year ahead', 1);
    await write(cafe, 'Øystein Bråten', 'two-b', 'Fund translation of every draft', 1);
    expect(await first).toMatchObject({ tableId: 't1', round: 0 });
    await write(cafe, TROLL, 'held-1', 'Open data should be the default', 1);
    await write(cafe, TROLL, 'held-2', 'And procurement rules public', 1);

    // Both held notes released in one command: three writers now, the troll with two notes of them.
    const shown = cafe.watcher.next('note:edited', (n) => n.id === cid('two-a') && n.round === 1);
    expect(await cafe.facilitator.send('note:release', { ids: [cid('held-1'), cid('held-2')] })).toEqual({ ok: true, changed: 2 });
    expect(await shown).toMatchObject({ id: cid('two-a'), tableId: 't1', round: 1 });
    await closeAll([cafe]);
  }, 30_000);

  it('takes a table’s round back from a co-facilitator who was away while it fell to two writers', async () => {
    const cafe = await openCafe(server, clock);
    const { screen: away, leave, back: comeBack } = await secondScreen(server, cafe, 'On the train');
    // Three people write at table 1: staff see the round.
    await threeWriters(cafe, away);
    expect(await cafe.facilitator.send('note:hide', { id: cid('x'), hidden: true })).toMatchObject({ ok: true });
    await away.waitFor('note:edited', (n) => n.id === cid('x') && (n as StaffNoteView).hidden === true);
    // Something later reaches them, so what they missed starts after the hide.
    const later = away.next('broadcast:sent', (b) => b.text === 'Ten minutes left');
    expect(await cafe.facilitator.send('broadcast:send', { text: 'Ten minutes left', commandId: cid('later') })).toMatchObject({ ok: true });
    await later;
    const version = leave();

    // While they are away: the troll is muted from the note already hidden (a mute that hides
    // nothing more), and one of the other two deletes theirs. Two people wrote there now.
    expect(await cafe.facilitator.send('author:mute', { id: cid('x') })).toMatchObject({ ok: true });
    expect(await cafe.person('Zanele Mokoena').client.send('note:delete', { id: cid('y') })).toMatchObject({ ok: true });

    const back = await comeBack(version);
    // Both notes left at that table come again without their round, the muted-from one too.
    expect(await back.waitFor('note:edited', (n) => n.id === cid('x'))).toMatchObject({ tableId: 't1', round: 0, hidden: true });
    expect(await back.waitFor('note:edited', (n) => n.id === cid('z'))).toMatchObject({ tableId: 't1', round: 0 });
    back.close();
    await closeAll([cafe]);
  }, 30_000);

  it('takes a round back from a co-facilitator who left just after the third writer showed it', async () => {
    const cafe = await openCafe(server, clock);
    const { screen: away, leave, back: comeBack } = await secondScreen(server, cafe, 'Flaky Wi-Fi');
    await threeWriters(cafe, away);
    // Gone with the third note's batch the last it heard: it resumes from that batch.
    const version = leave();
    expect(await cafe.person('Zanele Mokoena').client.send('note:delete', { id: cid('y') })).toMatchObject({ ok: true });

    const back = await comeBack(version);
    expect(await back.waitFor('note:edited', (n) => n.id === cid('x'))).toMatchObject({ tableId: 't1', round: 0 });
    back.close();
    await closeAll([cafe]);
  }, 30_000);

  it('tells a co-facilitator coming back nothing of a held note’s table, nor again a table that did not cross', async () => {
    const cafe = await openCafe(server, clock);
    const { screen: away, leave, back: comeBack } = await secondScreen(server, cafe, 'Back from lunch');
    await startRound(cafe, 1);
    await write(cafe, TROLL, 'bait', 'Nobody here has a clue', 1);
    expect(await cafe.facilitator.send('author:mute', { id: cid('bait') })).toMatchObject({ ok: true });
    await write(cafe, 'Zanele Mokoena', 'a', 'Publish the consultation calendar a year ahead', 1);
    // Two people wrote at table 2, and a third note comes there: no crossing, nothing owed again.
    await write(cafe, 'Nguyễn Thị Lan', 'b1', 'Translate every draft', 1);
    await write(cafe, 'فاطمة الزهراء', 'b2', 'نشر المسودات مبكرا', 1);
    // The muted troll's next note is held: staff see it without its place.
    const held = away.next('note:added', (n) => n.id === cid('h'));
    await write(cafe, TROLL, 'h', 'I will keep going', 1);
    expect(await held).toMatchObject({ held: true, placeWithheld: true, tableId: '', round: 0 });
    const version = leave();
    await write(cafe, 'Nguyễn Thị Lan', 'b3', 'And publish the comments', 1);

    // Back from the version the held note came with: the held note and table 2's new note again,
    // and nothing else; the broadcast after them is the sync point.
    const back = await comeBack(version);
    await back.waitFor('note:added', (n) => n.id === cid('b3'));
    const seen = back.next('broadcast:sent', (b) => b.text === 'Coffee is ready');
    expect(await cafe.facilitator.send('broadcast:send', { text: 'Coffee is ready', commandId: cid('coffee') })).toMatchObject({ ok: true });
    await seen;
    const notes = [...back.received('note:added'), ...back.received('note:edited')];
    expect(notes.map((n) => n.id).sort()).toEqual([cid('b3'), cid('h')].sort());
    expect(back.frames.join('\n')).not.toMatch(/"tableId":"t1"/);
    back.close();
    await closeAll([cafe]);
  }, 30_000);

  it('shows a rapporteur a table’s round only once three people wrote there, as it shows facilitators', async () => {
    const cafe = await openCafe(server, clock);
    // A facilitator who sees who sat where can open a rapporteur link of their own: the k rule holds there too.
    const { token, screen: rapporteur } = await rapporteurScreen(server, cafe);
    await twoWriters(cafe, rapporteur);
    // One writer at table 2: its round stays hidden whatever happens at table 1.
    await write(cafe, 'Jürgen Weiß', 'alone', 'Fund translation of every draft', 1);

    // The third writer: the rapporteur gets the table's earlier notes again, with their round.
    const shownX = rapporteur.next('note:edited', (n) => n.id === cid('x'));
    const shownY = rapporteur.next('note:edited', (n) => n.id === cid('y'));
    const third = rapporteur.next('note:added', (n) => n.id === cid('z'));
    await write(cafe, 'Øystein Bråten', 'z', 'Open data should be the default', 1);
    expect(await third).toMatchObject({ tableId: 't1', round: 1 });
    expect(await shownX).toMatchObject({ tableId: 't1', round: 1, edited: false });
    expect(await shownY).toMatchObject({ tableId: 't1', round: 1, edited: false });

    // A rapporteur opening the board afresh: the same, in a snapshot.
    const fresh = await TestClient.connect(server.url, token);
    const rounds = new Map((fresh.snapshot as RapporteurSnapshot).notes.map((n) => [n.id, n.round]));
    expect(rounds.get(cid('x'))).toBe(1);
    expect(rounds.get(cid('alone'))).toBe(0);
    // Deleted down to two writers: the round goes again.
    const hiddenAgain = rapporteur.next('note:edited', (n) => n.id === cid('x') && n.round === 0);
    expect(await cafe.person('Øystein Bråten').client.send('note:delete', { id: cid('z') })).toMatchObject({ ok: true });
    await hiddenAgain;
    for (const c of [rapporteur, fresh]) c.close();
    await closeAll([cafe]);
  }, 30_000);

  it('shows a rapporteur back from a dropped connection the round a third writer showed while they were away', async () => {
    const cafe = await openCafe(server, clock);
    const { token, screen: rapporteur } = await rapporteurScreen(server, cafe);
    await twoWriters(cafe, rapporteur);
    const version = rapporteur.seen;
    rapporteur.close();

    await write(cafe, 'Øystein Bråten', 'z', 'Fund translation of every draft', 1);
    const back = await TestClient.resume(server.url, token, version ?? undefined);
    // What they missed, and the table's earlier note again with the round it now has.
    // It resumes from the start of the last batch it heard (y's), so y comes again as it now stands.
    expect(await back.waitFor('note:added', (n) => n.id === cid('y'))).toMatchObject({ tableId: 't1', round: 1 });
    expect(await back.waitFor('note:added', (n) => n.id === cid('z'))).toMatchObject({ tableId: 't1', round: 1 });
    expect(await back.waitFor('note:edited', (n) => n.id === cid('x'))).toMatchObject({ tableId: 't1', round: 1 });
    back.close();
    await closeAll([cafe]);
  }, 30_000);

  it('shows a flagged note’s count to staff only, and counts each person once', async () => {
    const cafe = await openCafe(server, clock);
    await startRound(cafe, 1);
    await write(cafe, TROLL, 'rude', 'Shut up, all of you', 1);
    const [a, b] = [cafe.person('Zanele Mokoena'), cafe.person('Øystein Bråten')];
    const counted = cafe.watcher.next('note:edited', (n) => n.id === cid('rude') && (n as StaffNoteView).flags === 2);
    expect(await a.client.send('note:flag', { id: cid('rude') })).toEqual({ ok: true, noteId: cid('rude') });
    expect(await a.client.send('note:flag', { id: cid('rude') })).toEqual({ ok: true, noteId: cid('rude') });
    expect(await b.client.send('note:flag', { id: cid('rude') })).toEqual({ ok: true, noteId: cid('rude') });
    expect(await counted).toMatchObject({ flags: 2 });
    // Someone at another table never saw it, so cannot flag it.
    expect(await cafe.person('Jürgen Weiß').client.send('note:flag', { id: cid('rude') })).toMatchObject({ ok: false, error: 'not_found' });
    await quiet(cafe, 'flagged');
    // Nobody but the facilitators hears of flags; the staff frames never say who.
    for (const p of cafe.people) expect(p.client.frames.join('\n'), p.name).not.toMatch(/"flags"/);
    expect(cafe.display.frames.join('\n')).not.toMatch(/"flags"/);
    const staffWire = cafe.watcher.frames.filter((f) => f.includes('"flags"')).join('\n');
    for (const p of cafe.people) expect(staffWire).not.toContain(p.id);
    expect(((await cafe.facilitator.sync()) as FacilitatorSnapshot).notes.find((n) => n.id === cid('rude'))).toMatchObject({ flags: 2 });
    await closeAll([cafe]);
  });
});

describe('the word list', () => {
  it('marks likely abuse on arrival for facilitators only, once the session turns it on, and blocks nothing', async () => {
    const server = await startServer();
    const session = await createSession(server.url, { wordList: true });
    const facilitator = await TestClient.connect(server.url, session.facilitatorToken);
    expect((facilitator.snapshot as FacilitatorSnapshot).moderation).toEqual({ wordList: true });
    const tokens = await Promise.all(['Zanele Mokoena', 'Øystein Bråten', 'Jürgen Weiß'].map((name) => joinSession(server.url, session.code, { name })));
    const [author, peer] = await Promise.all(tokens.slice(0, 2).map((t) => TestClient.connect(server.url, t.participantToken)));
    expect(await facilitator.send('seating:assign', {})).toMatchObject({ ok: true });
    expect(await facilitator.send('round:start', { round: 1 })).toEqual({ ok: true });
    const tableId = (await author!.waitFor('seat:changed')).table!.id;
    await author!.waitFor('phase:changed', (p) => p.phase === 'round');
    // French abuse, accents and all: accepted, and marked for the facilitators.
    const marked = facilitator.next('note:added', (n) => n.id === cid('abuse'));
    expect(await author!.send('note:add', { id: cid('abuse'), tableId, round: 1, text: 'Espèce de connard', kind: null })).toMatchObject({ ok: true });
    expect(await marked).toMatchObject({ suspect: true });
    const plain = facilitator.next('note:added', (n) => n.id === cid('plain'));
    expect(
      await author!.send('note:add', { id: cid('plain'), tableId, round: 1, text: 'Les données publiques doivent rester ouvertes', kind: null }),
    ).toMatchObject({ ok: true });
    expect(await plain).not.toHaveProperty('suspect');
    // Turned off from the console: new notes are no longer checked.
    const changed = facilitator.next('moderation:changed');
    expect(await facilitator.send('wordlist:set', { on: false })).toEqual({ ok: true, on: false });
    expect(await changed).toEqual({ wordList: false });
    const unchecked = facilitator.next('note:added', (n) => n.id === cid('later'));
    expect(await author!.send('note:add', { id: cid('later'), tableId, round: 1, text: 'Quel bordel', kind: null })).toMatchObject({ ok: true });
    expect(await unchecked).not.toHaveProperty('suspect');
    // Participants never see the mark, whoever wrote the note.
    for (const c of [author!, peer!]) expect(c.frames.join('\n')).not.toContain('suspect');
    for (const c of [facilitator, author!, peer!]) c.close();
    await server.stop();
  });
});

describe('the readout of a café with a thin round', () => {
  it('merges a question’s round with fewer than three writers into the round before it', async () => {
    const clock = new ManualClock();
    const server = await startServer({ clock });
    const cafe = await openCafe(server, clock);
    await startRound(cafe, 1);
    // Table 1's question: three writers in round 1, and in round 2 one alone.
    for (const [i, name] of LAYOUT[1].t1!.entries()) await write(cafe, name, `q1-r1-${i}`, 'Identity should stay optional for public services', 1);
    await write(cafe, 'Jürgen Weiß', 'q2-r1', 'Budgets follow usage', 1);
    await startRound(cafe, 2);
    await write(cafe, 'Aigerim Bekova', 'q1-r2', 'A lone thought in round two', 2);
    expect(await cafe.facilitator.send('round:end', { round: 2 })).toEqual({ ok: true });
    expect(await cafe.facilitator.send('harvest:open', {})).toMatchObject({ ok: true });
    const published = await cafe.facilitator.send('readout:publish', { minGroupSize: 3 });
    if (!published.ok) throw new Error(published.message);
    const readout = await (await fetch(`${server.url}/api/readouts/${published.readoutId as string}.json`)).json();
    const q1 = (readout.appendix as { question: number; rounds: unknown }[]).filter((e) => e.question === 1);
    expect(q1).toHaveLength(4);
    // Round 2 alone would point at its one writer: it is told only as "rounds 1–2", like round 1's notes.
    for (const entry of q1) expect(entry.rounds).toEqual({ from: 1, to: 2 });
    await closeAll([cafe]);
    await server.stop();
  });
});

/** A co-facilitator's second screen, which can leave and come back from the version it last saw. */
async function secondScreen(server: TestServer, cafe: Cafe, label: string) {
  const invited = await cafe.facilitator.send('cofacilitator:invite', { label });
  if (!invited.ok) throw new Error(invited.message);
  const token = invited.token as string;
  const screen = await TestClient.connect(server.url, token);
  return {
    screen,
    leave: () => {
      const version = screen.seen;
      screen.close();
      return version;
    },
    back: (version: number | null) => TestClient.resume(server.url, token, version ?? undefined),
  };
}

/** A rapporteur's link, as a facilitator can make and open it, and a screen on it. */
async function rapporteurScreen(server: TestServer, cafe: Cafe) {
  const invite = await cafe.facilitator.send('rapporteur:invite', {});
  if (!invite.ok) throw new Error(invite.message);
  const token = invite.token as string;
  return { token, screen: await TestClient.connect(server.url, token) };
}

/** Round 1 at table 1: the troll writes x, then another writes y; the screen sees y without its round. */
async function twoWriters(cafe: Cafe, screen: TestClient) {
  await startRound(cafe, 1);
  await write(cafe, TROLL, 'x', 'Nobody here has a clue', 1);
  const second = screen.next('note:added', (n) => n.id === cid('y'));
  await write(cafe, 'Zanele Mokoena', 'y', 'Publish the consultation calendar a year ahead', 1);
  expect(await second).toMatchObject({ tableId: 't1', round: 0 });
}

/** Then a third writes z; the screen sees the round shown. */
async function threeWriters(cafe: Cafe, screen: TestClient) {
  await twoWriters(cafe, screen);
  const shown = screen.next('note:edited', (n) => n.id === cid('x') && n.round === 1);
  await write(cafe, 'Øystein Bråten', 'z', 'Fund translation of every draft', 1);
  await shown;
}

async function closeAll(cafes: Cafe[]) {
  for (const cafe of cafes) for (const c of [cafe.facilitator, cafe.watcher, cafe.display, ...cafe.people.map((p) => p.client)]) c.close();
}
