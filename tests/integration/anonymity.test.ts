import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FacilitatorSnapshot, NoteView, RapporteurSnapshot } from '../../shared/protocol/views.ts';
import { createSession, joinSession, TestClient, type CreatedSession } from '../support/clients.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { cid } from '../support/ids.ts';

/**
 * Chatham House on the wire: every frame a participant's socket receives over a whole session
 * is kept, and none may carry another participant's id, name or stakeholder group.
 */

const NAMES = [
  'Zanele Mokoena',
  'Øystein Bråten',
  'Nguyễn Thị Lan',
  'Kwame Mensah',
  'Siobhán Ní Bhriain',
  'Jürgen Weiß',
  'Aigerim Bekova',
  'Tomás Aranda',
  'Priya Raghunathan',
  'Hana Kobayashi',
  'Olusegun Adebayo',
  'Marta Wiśniewska',
];
// One distinctive group each, so a group string in a frame could only have come from its owner.
const GROUPS = NAMES.map((_, i) => `Stakeholder group ${String.fromCharCode(65 + i)}${String.fromCharCode(75 + i)}Q`);

describe('what participants receive over a whole session', () => {
  let server: TestServer;
  let session: CreatedSession;
  let facilitator: TestClient;
  const people: { name: string; group: string; id: string; client: TestClient }[] = [];

  beforeAll(async () => {
    server = await startServer();
    session = await createSession(server.url, { stakeholderGroups: GROUPS, rounds: 3 });
    facilitator = await TestClient.connect(server.url, session.facilitatorToken);
    for (const [i, name] of NAMES.entries()) {
      const { participantToken } = await joinSession(server.url, session.code, { name, group: GROUPS[i]!, presence: i % 4 === 0 ? 'remote' : 'room' });
      const client = await TestClient.connect(server.url, participantToken);
      people.push({ name, group: GROUPS[i]!, id: (client.snapshot as { me: { id: string } }).me.id, client });
    }
  });

  afterAll(async () => {
    facilitator.close();
    for (const p of people) p.client.close();
    await server.stop();
  });

  const seatOf = (c: TestClient) => c.received('seat:changed').at(-1)?.table;

  it('never carries another participant’s id, name or group, in any frame', async () => {
    // Run a whole café: seating, hosts, notes, edits, deletions, summaries, moderation, broadcast, rotations.
    await facilitator.send('seating:assign', {});
    await Promise.all(people.map((p) => p.client.waitFor('seat:changed')));
    const roster = (await facilitator.sync()) as FacilitatorSnapshot;
    const hostOf = new Map<string, string>();
    for (const row of roster.participants) if (row.tableId && !hostOf.has(row.tableId)) hostOf.set(row.tableId, row.id);
    for (const [tableId, participantId] of hostOf) await facilitator.send('host:assign', { tableId, participantId });
    await facilitator.send('broadcast:send', { text: 'Welcome, everyone', commandId: cid('welcome') });

    for (let round = 1; round <= 3; round++) {
      expect(await facilitator.send('round:start', { round })).toEqual({ ok: true });
      await Promise.all(people.map((p) => p.client.caughtUp()));
      for (const [i, p] of people.entries()) {
        const table = seatOf(p.client)!.id;
        const id = cid(`note-${round}-${i}`);
        // Each note names nobody: the test is about what the server adds, not what people write.
        expect(await p.client.send('note:add', { id, tableId: table, round, text: `Point ${round}.${i}`, kind: 'idea' })).toMatchObject({ ok: true });
        if (i % 3 === 0) await p.client.send('note:edit', { id, text: `Point ${round}.${i}, revised` });
        if (i % 5 === 0) await p.client.send('note:delete', { id });
      }
      for (const [tableId, hostId] of hostOf) {
        const host = people.find((p) => p.id === hostId)!;
        await host.client.send('summary:write', { tableId, round, text: `Round ${round} at ${tableId}: open standards` });
      }
      if (round === 2) await facilitator.send('note:hide', { id: cid('note-2-7'), hidden: true });
      expect(await facilitator.send('round:end', { round })).toEqual({ ok: true });
      await Promise.all(people.map((p) => p.client.caughtUp()));
    }
    const late = await joinSession(server.url, session.code, { name: 'Late Comer Extraordinaire', group: GROUPS[0]! });
    await facilitator.send('session:close', {});
    await Promise.all([facilitator, ...people.map((p) => p.client).filter((c) => c.socket.connected)].map((c) => c.caughtUp()));

    // The facilitator, who runs the room, did see names; the participants never see anyone else's.
    expect(facilitator.frames.join('\n')).toContain('Zanele Mokoena');
    for (const me of people) {
      const wire = me.client.frames.join('\n');
      expect(me.client.frames.length).toBeGreaterThan(20);
      for (const other of people) {
        if (other === me) continue;
        expect(wire, `${me.name} received ${other.name}'s id`).not.toContain(other.id);
        expect(wire, `${me.name} received ${other.name}'s name`).not.toContain(other.name);
        expect(wire, `${me.name} received ${other.name}'s group`).not.toContain(other.group);
      }
      expect(wire).not.toContain('Late Comer Extraordinaire');
      expect(wire).not.toContain(late.participantToken.split('.')[2]);
    }
  });

  it('marks authorship only as mine, and carries no time or order of writing', async () => {
    const allowed = new Set(['id', 'tableId', 'round', 'text', 'kind', 'edited', 'mine']);
    for (const me of people) {
      const notes: NoteView[] = [
        ...me.client.received('note:added'),
        ...me.client.received('note:edited'),
        ...me.client.received('seat:changed').flatMap((s) => s.table?.notes ?? []),
      ];
      // A table's history goes alike to everyone seated there, so it marks nobody's notes.
      const history = me.client.received('table:history').flatMap((h) => h.notes);
      for (const note of history) expect(Object.keys(note).sort()).toEqual(['edited', 'id', 'kind', 'round', 'tableId', 'text']);
      expect(notes.length).toBeGreaterThan(0);
      for (const note of notes) {
        for (const key of Object.keys(note)) expect(allowed.has(key), `unexpected note field ${key}`).toBe(true);
        if (note.mine) expect(note.id).toMatch(new RegExp(`^note-\\d-${people.indexOf(me)}_`));
        else expect(note.id).not.toMatch(new RegExp(`^note-\\d-${people.indexOf(me)}_`));
      }
    }
  });

  it('tells table members nothing about who hosts, beyond whether there is a host', async () => {
    for (const me of people) {
      for (const change of me.client.received('table:changed')) expect(Object.keys(change).sort()).toEqual(['hasHost', 'id', 'memberCount']);
      expect(me.client.received('roster:changed')).toEqual([]);
      expect(me.client.received('tables:changed')).toEqual([]);
    }
  });
});

describe('what rapporteurs and voters receive during a harvest', () => {
  let server: TestServer;
  let facilitator: TestClient;
  let rapporteur: TestClient;
  const voters: { name: string; group: string; organisation: string; id: string; client: TestClient }[] = [];

  beforeAll(async () => {
    server = await startServer();
    const session = await createSession(server.url, { stakeholderGroups: GROUPS.slice(0, 6), rounds: 1, askOrganisation: true });
    facilitator = await TestClient.connect(server.url, session.facilitatorToken);
    const invite = await facilitator.send('rapporteur:invite', {});
    if (!invite.ok) throw new Error(invite.message);
    rapporteur = await TestClient.connect(server.url, invite.token);
    for (const [i, name] of NAMES.slice(0, 6).entries()) {
      const organisation = `Organisation ${String.fromCharCode(80 + i)}${String.fromCharCode(70 + i)}X`;
      const { participantToken } = await joinSession(server.url, session.code, { name, group: GROUPS[i]!, organisation });
      const client = await TestClient.connect(server.url, participantToken);
      voters.push({ name, group: GROUPS[i]!, organisation, id: (client.snapshot as { me: { id: string } }).me.id, client });
    }
  });

  afterAll(async () => {
    for (const c of [facilitator, rapporteur, ...voters.map((v) => v.client)]) c.close();
    await server.stop();
  });

  it('gives the rapporteur notes, themes and tallies, but no participant’s id, name, group or organisation', async () => {
    await facilitator.send('round:start', { round: 1 });
    for (const [i, v] of voters.entries()) {
      const seat = (await v.client.sync()) as { seat: { table: { id: string } } };
      await v.client.send('note:add', { id: cid(`note-h-${i}`), tableId: seat.seat.table.id, round: 1, text: `Idea ${i}` });
    }
    const questions = (rapporteur.snapshot as RapporteurSnapshot).questions;
    for (const [i, q] of questions.entries())
      expect(await rapporteur.send('theme:create', { id: cid(`theme-${i}`), question: q.key, name: `Theme ${i}` })).toMatchObject({ ok: true });
    await facilitator.send('round:end', { round: 1 });
    // Each voter puts dots on a different theme.
    for (const [i, v] of voters.entries())
      expect(await v.client.send('vote:cast', { themeId: cid(`theme-${i % questions.length}`), dots: 1 + (i % 3) })).toMatchObject({ ok: true });
    expect(await rapporteur.send('readout:publish', {})).toMatchObject({ ok: true });
    await Promise.all([rapporteur, ...voters.map((v) => v.client)].map((c) => c.caughtUp()));

    const wire = rapporteur.frames.join('\n');
    expect(wire).toContain('Idea 3');
    expect(wire).toContain('"votes":');
    for (const v of voters) {
      expect(wire, `rapporteur received ${v.name}'s id`).not.toContain(v.id);
      expect(wire, `rapporteur received ${v.name}'s name`).not.toContain(v.name);
      expect(wire, `rapporteur received ${v.name}'s group`).not.toContain(v.group);
      expect(wire, `rapporteur received ${v.name}'s organisation`).not.toContain(v.organisation);
    }
  });

  it('tells each voter about their own dots only, and never the tally', async () => {
    for (const [i, me] of voters.entries()) {
      const wire = me.client.frames.join('\n');
      expect(me.client.received('ballot:changed').length).toBeGreaterThan(0);
      expect(me.client.received('ballot:mine')).toEqual([{ dots: { [cid(`theme-${i % 3}`)]: 1 + (i % 3) }, dotsLeft: 3 - (1 + (i % 3)) }]);
      expect(wire).not.toContain('"votes":');
      expect(wire).not.toContain('"voters":');
      expect(wire).not.toContain(me.organisation);
      for (const other of voters) {
        if (other === me) continue;
        expect(wire).not.toContain(other.id);
        expect(wire).not.toContain(other.name);
        expect(wire).not.toContain(other.group);
        expect(wire).not.toContain(other.organisation);
      }
    }
  });
});
