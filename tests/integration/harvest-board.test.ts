import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cafeSample, loadLabelledCafe } from '../../bench/lib/labelled-notes.ts';
import type { HarvestPatch, ParticipantSnapshot, RapporteurSnapshot } from '../../shared/protocol/views.ts';
import { createSession, joinSession, TestClient, type CreatedSession } from '../support/clients.ts';
import { cid } from '../support/ids.ts';
import { startServer, type TestServer } from '../support/server.ts';

/**
 * The harvest over real sockets, as it costs the server: suggestions computed on the worker for a
 * rapporteur (never for a participant), a whole board sorted in a handful of commands, joins
 * during the harvest that send the staff nothing unless the newcomer's name is in the readout,
 * votes that send the tallies alone, a preview only staff can ask for, and the room display's
 * vote. Every "nothing arrived" is checked after a round trip on the same socket, which the
 * server answers after anything it sent before.
 */

describe('the harvest board over sockets', () => {
  let server: TestServer;
  let session: CreatedSession;
  let facilitator: TestClient;
  let rapporteur: TestClient;
  let display: TestClient;
  const people: TestClient[] = [];
  const cafe = loadLabelledCafe();
  const sample = cafeSample(cafe, 60, 'board').filter((n) => n.question === 'q1');
  const noteIds: string[] = [];

  beforeAll(async () => {
    server = await startServer();
    session = await createSession(server.url, {
      title: 'Meaningful access',
      tables: [{ question: cafe.questions[0]!.text }, { question: cafe.questions[0]!.text }, { question: cafe.questions[1]!.text }],
      rounds: 1,
    });
    facilitator = await TestClient.connect(server.url, session.facilitatorToken);
    const invite = await facilitator.send('rapporteur:invite', {});
    if (!invite.ok) throw new Error(invite.message);
    rapporteur = await TestClient.connect(server.url, invite.token);
    display = await TestClient.connect(server.url, `d.${session.code}`);
    for (const name of ['Wanjiku Kamau', 'Jürgen Weiß', 'Σοφία Παπαδοπούλου', 'Nguyễn Thị Lan', 'Siobhán Ní Bhriain', 'Kwame Mensah']) {
      const { participantToken } = await joinSession(server.url, session.code, { name });
      people.push(await TestClient.connect(server.url, participantToken));
    }
    await facilitator.send('seating:assign', {});
    await facilitator.send('round:start', { round: 1 });
    const onQ1: { client: TestClient; tableId: string }[] = [];
    for (const p of people) {
      const seat = ((await p.sync()) as ParticipantSnapshot).seat.table!;
      if (seat.id !== 't3') onQ1.push({ client: p, tableId: seat.id });
    }
    for (const [i, note] of sample.entries()) {
      const { client, tableId } = onQ1[i % onQ1.length]!;
      const id = cid(`board-${i}`);
      expect(await client.send('note:add', { id, tableId, round: 1, text: note.text })).toMatchObject({ ok: true });
      noteIds.push(id);
    }
  });

  afterAll(async () => {
    for (const c of [facilitator, rapporteur, display, ...people]) c?.close();
    await server?.stop();
  });

  it('suggests themes for a question’s notes still to sort, to staff only', async () => {
    const suggested = await rapporteur.send('themes:suggest', { question: 'q1' });
    if (!suggested.ok) throw new Error(suggested.message);
    expect(suggested.notes).toBe(sample.length);
    expect(suggested.clusters.length).toBeGreaterThan(2);
    for (const c of suggested.clusters) {
      expect(c.noteIds.every((id: string) => noteIds.includes(id))).toBe(true);
      expect(c.name).not.toBe('');
    }
    expect(await people[0]!.send('themes:suggest', { question: 'q1' })).toMatchObject({ ok: false, error: 'forbidden' });
    expect(await rapporteur.send('themes:suggest', { question: 'q9' })).toMatchObject({ ok: false, error: 'not_found' });

    // Accepting every suggestion is one command each; what was accepted is no longer suggested.
    for (const [i, c] of suggested.clusters.entries()) {
      expect(await rapporteur.send('theme:create', { id: cid(`theme-${i}`), question: 'q1', name: c.name, noteIds: c.noteIds })).toMatchObject({
        ok: true,
        sorted: c.noteIds.length,
      });
    }
    const again = await rapporteur.send('themes:suggest', { question: 'q1' });
    expect(again).toMatchObject({
      ok: true,
      notes: sample.length - suggested.clusters.reduce((s: number, c: { noteIds: string[] }) => s + c.noteIds.length, 0),
    });
  });

  it('sorts what is left in one command, all or nothing', async () => {
    const { harvest } = (await rapporteur.sync()) as RapporteurSnapshot;
    const sorted = new Set(harvest.themes.flatMap((t) => t.noteIds));
    const left = noteIds.filter((id) => !sorted.has(id));
    const into = harvest.themes[0]!.id;
    const before = rapporteur.received('harvest:changed').length;
    expect(await rapporteur.send('notes:sort', { noteIds: [...left, 'nope'], themeId: into })).toMatchObject({ ok: false, error: 'invalid' });
    expect(await rapporteur.send('notes:sort', { noteIds: left, themeId: into })).toEqual({ ok: true, sorted: left.length });
    await rapporteur.sync();
    // One command, one view.
    expect(rapporteur.received('harvest:changed').length).toBe(before + 1);
  });

  it('sends the staff nothing when people join whose names no published text holds, and the findings when one does', async () => {
    const { harvest } = (await rapporteur.sync()) as RapporteurSnapshot;
    const theme = harvest.themes[0]!;
    // A quote that names someone not (yet) in the room.
    const named = cid('named-quote');
    const writer = people.find((p) => ((p.snapshot as ParticipantSnapshot).seat.table?.id ?? 't3') !== 't3')!;
    const tableId = (writer.snapshot as ParticipantSnapshot).seat.table!.id;
    expect(await writer.send('note:add', { id: named, tableId, round: 1, text: 'As Achieng Otieno said, towers need solar power.' })).toMatchObject({
      ok: true,
    });
    expect(await rapporteur.send('notes:sort', { noteIds: [named], themeId: theme.id })).toMatchObject({ ok: true });
    expect(await rapporteur.send('quote:choose', { noteId: named, chosen: true })).toEqual({ ok: true });
    await rapporteur.sync();
    const seen = () => ({ views: rapporteur.received('harvest:changed').length, patches: rapporteur.received('harvest:patch').length });
    const before = seen();
    for (const name of ['Tevita Taufa', 'Ingrid Haugen', 'Chen Jiayi', 'Aroha Ngata', 'Dmitri Volkov']) await joinSession(server.url, session.code, { name });
    await rapporteur.sync();
    expect(seen()).toEqual(before);

    // Achieng joins: the quote now names someone in the room; the staff get the findings, not the board.
    const patched = rapporteur.next('harvest:patch');
    await joinSession(server.url, session.code, { name: 'Achieng Otieno' });
    const patch: HarvestPatch = await patched;
    expect(Object.keys(patch)).toEqual(['findings']);
    expect(patch.findings!.findings.some((f) => f.source === `note:${named}` && f.match.includes('Achieng Otieno'))).toBe(true);
    expect(rapporteur.received('harvest:changed').length).toBe(before.views);
  });

  it('sends the tallies alone for a vote, to the staff, and the vote to the room display', async () => {
    expect(await facilitator.send('round:end', { round: 1 })).toEqual({ ok: true });
    const ballot = ((await people[0]!.sync()) as ParticipantSnapshot).ballot!;
    expect(ballot.open).toBe(true);
    const views = rapporteur.received('harvest:changed').length;
    const patched = rapporteur.next('harvest:patch', (p) => p.votes !== undefined);
    expect(await people[0]!.send('vote:cast', { themeId: ballot.themes[0]!.id, dots: 2 })).toEqual({ ok: true, dotsLeft: 1 });
    const patch = await patched;
    expect(patch.votes).toEqual({ byTheme: [{ themeId: ballot.themes[0]!.id, votes: 2 }], voters: 1 });
    await rapporteur.sync();
    expect(rapporteur.received('harvest:changed').length).toBe(views);
    // Voters never see the tallies; the room sees how many voted, under the themes' names, and
    // no dots while voting is open: a screen that changed with each vote would show each choice.
    expect(people[1]!.received('harvest:patch')).toEqual([]);
    const shown = await display.waitFor('display:harvest', (h) => h?.voters === 1);
    expect(shown!.questions[0]!.themes).toContainEqual({ name: ballot.themes[0]!.name, votes: null });
    expect(shown!.questions.flatMap((q) => q.themes).every((th) => th.votes === null)).toBe(true);
    expect(shown!.readoutUrl).toBeNull();
  });

  it('previews the readout for staff only, announcing nothing', async () => {
    const preview = await rapporteur.send('readout:preview', { minGroupSize: 3 });
    if (!preview.ok) throw new Error(preview.message);
    expect(preview.html).toContain('<h1 dir="auto">Meaningful access</h1>');
    expect(preview.unresolved).toBeGreaterThan(0);
    expect(await facilitator.send('readout:preview', {})).toMatchObject({ ok: true });
    expect(await people[0]!.send('readout:preview', {})).toMatchObject({ ok: false, error: 'forbidden' });
    await people[0]!.sync();
    expect(people[0]!.received('readout:published')).toEqual([]);
  });
});
