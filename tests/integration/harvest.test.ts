import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Readout } from '../../shared/harvest/types.ts';
import type { FacilitatorSnapshot, HarvestView, MyNotesView, ParticipantSnapshot, RapporteurSnapshot } from '../../shared/protocol/views.ts';
import { createSession, joinSession, postJson, TestClient, type CreatedSession } from '../support/clients.ts';
import { startServer, tempDataDir, type TestServer } from '../support/server.ts';
import { chromium } from 'playwright-core';
import { extractText, getDocumentProxy } from 'unpdf';
import { cid } from '../support/ids.ts';

const SCREENSHOTS = join(import.meta.dirname, '..', '.artifacts', 'screenshots');
const launch = () =>
  chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });

/**
 * A whole harvest over real sockets and HTTP: people with known names (several scripts) and
 * organisations write notes that mention each other; a rapporteur sorts them into themes, the
 * attribution check stops the first attempt to publish, the findings are resolved, and every
 * export is fetched, parsed back and searched for anything that could point to a person.
 */

const PEOPLE = [
  { name: 'Amaka Okafor', organisation: 'Safaricom PLC', group: 'Government' },
  { name: 'Jürgen Weiß', organisation: 'Mozilla Foundation', group: 'Government' },
  { name: '小林 花子', organisation: 'Banque Populaire du Rwanda', group: 'Government' },
  { name: 'Олег Петров', organisation: 'Acme Analytics Ltd', group: 'Government' },
  { name: 'Nguyễn Thị Lan', organisation: 'GIZ', group: 'Government' },
  { name: 'Siobhán Ní Bhriain', organisation: 'Electronic Frontier Foundation', group: 'Academia' },
  { name: 'محمد الأمين', organisation: 'Ministère de la Santé', group: 'Academia' },
  { name: 'Zoë Lefèvre', organisation: 'World Health Organization (WHO)', group: 'Private sector' },
];
/** Every string that must never reach a readout. */
const FORBIDDEN = [
  ...PEOPLE.flatMap((p) => [p.name, ...p.name.split(' ')].filter((s) => s.length > 1)),
  'Jurgen',
  'Weiss',
  'Nguyen',
  'Zoe',
  'Lefevre',
  ...PEOPLE.map((p) => p.organisation),
  'Safaricom',
  'Mozilla',
  'Banque Populaire',
  'Acme',
  'GIZ',
  'WHO',
  'Electronic Frontier',
  'Ministère',
  'amaka.okafor@example.org',
  '+254 712 345 678',
  '@oleg_p',
];

/** What each person writes, by round; several mention someone, which the check must catch. */
const NOTES: Record<number, string[]> = {
  1: [
    'As Jürgen Weiß said, Mozilla should fund security audits.',
    'Open standards before any procurement.',
    '小林さんの提案：公開APIを義務化する。',
    'Олег Петров wants a public sandbox run by Acme.',
    'Public money, public code.',
    'Ask amaka.okafor@example.org or call +254 712 345 678 for the dataset.',
    'The minister should publish the contracts.',
    'Open standards before any procurement!',
  ],
  2: [
    'Audits every year, paid from the core budget.',
    'Follow @oleg_p for the sandbox news.',
    'Consent must be revocable at any time.',
    'Safaricom already opened its payment APIs.',
    'This is a rant about the coffee.',
    'Maintenance needs a budget line, not a grant.',
    'Consent must be specific, not bundled.',
    'Audits should be published in full.',
  ],
};

/** The acknowledgement of a command that must succeed, with its reply fields. */
function accepted(result: { ok: boolean }): Record<string, any> {
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result)}`);
  return result;
}

/** The text of each page of a PDF, and each page's size in points, as pdf.js reads them. */
async function readPdf(bytes: Uint8Array): Promise<{ pages: string[]; sizes: [number, number][] }> {
  const pdf = await getDocumentProxy(bytes.slice());
  const { text } = await extractText(pdf, { mergePages: false });
  const sizes: [number, number][] = [];
  for (let i = 1; i <= pdf.numPages; i++) {
    const { width, height } = (await pdf.getPage(i)).getViewport({ scale: 1 });
    sizes.push([width, height]);
  }
  return { pages: text, sizes };
}

/** A minimal RFC 4180 reader, to prove the CSV parses back into the rows we meant. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

describe('a harvest published under the Chatham House Rule', () => {
  let server: TestServer;
  let session: CreatedSession;
  let facilitator: TestClient;
  let rapporteur: TestClient;
  let rapporteurToken: string;
  const people: { name: string; id: string; client: TestClient; notes: string[] }[] = [];
  let readoutUrl: string;
  let readoutId: string;
  const dataDir = tempDataDir();

  beforeAll(async () => {
    server = await startServer({ dataDir });
    session = await createSession(server.url, {
      title: 'Digital public infrastructure',
      date: '2026-11-23',
      place: 'Nairobi, Kenya',
      tables: [{ question: 'Who should govern digital identity?' }, { question: 'How do we fund open infrastructure?' }],
      rounds: 2,
      askOrganisation: true,
    });
    facilitator = await TestClient.connect(server.url, session.facilitatorToken);
    for (const p of PEOPLE) {
      const { participantToken } = await joinSession(server.url, session.code, p);
      const client = await TestClient.connect(server.url, participantToken);
      people.push({ name: p.name, id: (client.snapshot as ParticipantSnapshot).me.id, client, notes: [] });
    }
  });

  afterAll(async () => {
    for (const c of [facilitator, rapporteur, ...people.map((p) => p.client)]) c?.close();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const harvestOf = (c: TestClient) => c.received('harvest:changed').at(-1) ?? (c.snapshot as RapporteurSnapshot).harvest;

  it('lets the facilitator issue a rapporteur link, whose holder sees notes without names', async () => {
    expect(await joinSession(server.url, session.code, { name: 'X', organisation: 'y'.repeat(121) }).catch((e: Error) => e.message)).toMatch(
      /organisation: at most 120/,
    );
    const invite = accepted(await facilitator.send('rapporteur:invite', { label: 'Policy team' }));
    expect(invite).toMatchObject({ ok: true, label: 'Policy team', url: expect.stringContaining(`/rapporteur/${session.sessionId}#r.${session.sessionId}.`) });
    rapporteurToken = invite.token;
    rapporteur = await TestClient.connect(server.url, rapporteurToken);
    const snap = rapporteur.snapshot as RapporteurSnapshot;
    expect(snap.role).toBe('rapporteur');
    expect(snap.questions.map((q) => q.key)).toEqual(['q1', 'q2']);
    expect(JSON.stringify(snap)).not.toMatch(/Amaka|participants|organisation/);
    // The facilitator's roster carries organisations; nobody else's view does.
    const roster = (await facilitator.sync()) as FacilitatorSnapshot;
    expect(roster.participants.find((p) => p.name === 'Amaka Okafor')?.organisation).toBe('Safaricom PLC');
    expect(roster.rapporteurs).toEqual([{ id: invite.rapporteurId, label: 'Policy team', revoked: false }]);
  });

  it('runs two rounds of notes and host summaries that mention people and organisations', async () => {
    await facilitator.send('seating:assign', {});
    for (const round of [1, 2]) {
      expect(await facilitator.send('round:start', { round })).toEqual({ ok: true });
      for (const [i, p] of people.entries()) {
        const table = (await p.client.sync()) as ParticipantSnapshot;
        const id = cid(`note-${round}-${i}`);
        expect(await p.client.send('note:add', { id, tableId: table.seat.table!.id, round, text: NOTES[round]![i]! })).toMatchObject({ ok: true });
        p.notes.push(id);
      }
      if (round === 1) {
        const roster = (await facilitator.sync()) as FacilitatorSnapshot;
        const host = roster.participants.find((r) => r.tableId === 't1')!;
        await facilitator.send('host:assign', { tableId: 't1', participantId: host.id });
        const hostClient = people.find((p) => p.id === host.id)!.client;
        expect(
          await hostClient.send('summary:write', { tableId: 't1', round: 1, text: 'Nguyễn Thị Lan convinced us that identity must stay optional.' }),
        ).toEqual({ ok: true });
      }
      expect(await facilitator.send('round:end', { round })).toEqual({ ok: true });
    }
    expect((await rapporteur.sync()).session.phase).toBe('harvest');
  });

  it('lets the rapporteur group notes into themes, merge duplicates and set notes aside', async () => {
    const snap = (await rapporteur.sync()) as RapporteurSnapshot;
    const noteIn = (text: string) => snap.notes.find((n) => n.text === text)!;
    const qOf = (noteId: string) => snap.questions.find((q) => q.tableIds.includes(snap.notes.find((n) => n.id === noteId)!.tableId))!.key;
    const themes: Record<string, string> = {};
    const theme = async (key: string, question: string, name: string) => {
      const id = cid(`theme-${key}`);
      expect(await rapporteur.send('theme:create', { id, question, name })).toEqual({ ok: true, themeId: id, sorted: 0 });
      themes[key] = id;
    };
    const sorted: string[] = [];
    const put = async (text: string, key: string) => {
      const note = noteIn(text);
      const names: Record<string, string> = { standards: 'Open standards', audits: 'Independent audits', consent: 'Consent', funding: 'Public funding' };
      if (!themes[key]) await theme(key, qOf(note.id), names[key.split('-')[0]!]!);
      const target = themes[key]!;
      const res = await rapporteur.send('note:sort', { noteId: note.id, themeId: target });
      expect(res, text).toEqual({ ok: true });
      sorted.push(note.id);
    };
    // Notes land at whichever table their writer sat at; themes follow each note's question.
    for (const text of [NOTES[1]![0]!, NOTES[2]![0]!, NOTES[2]![7]!]) await put(text, `audits-${qOf(noteIn(text).id)}`);
    for (const text of [NOTES[1]![1]!]) await put(text, `standards-${qOf(noteIn(text).id)}`);
    for (const text of [NOTES[1]![4]!, NOTES[1]![3]!, NOTES[1]![5]!, NOTES[2]![5]!, NOTES[1]![6]!, NOTES[1]![2]!, NOTES[2]![3]!, NOTES[2]![1]!])
      await put(text, `funding-${qOf(noteIn(text).id)}`);
    for (const text of [NOTES[2]![2]!, NOTES[2]![6]!]) await put(text, `consent-${qOf(noteIn(text).id)}`);
    // A duplicate theme, then merged into the first.
    const dup = noteIn(NOTES[1]![7]!);
    const q = qOf(dup.id);
    await theme('dup', q, 'Standards first');
    expect(await rapporteur.send('note:sort', { noteId: dup.id, themeId: themes.dup! })).toEqual({ ok: true });
    const into = themes[`standards-${q}`] ?? themes[`funding-${q}`]!;
    expect(await rapporteur.send('theme:merge', { id: themes.dup!, into })).toEqual({ ok: true });
    expect(await rapporteur.send('note:setAside', { noteId: noteIn(NOTES[2]![4]!).id, reason: 'off-topic' })).toEqual({ ok: true });
    // Every sorted note quoted, so that every name in them is the check's business.
    for (const noteId of sorted) expect(await rapporteur.send('quote:choose', { noteId, chosen: true })).toEqual({ ok: true });
    expect(await rapporteur.send('theme:mark', { id: Object.values(themes)[0]!, key: true })).toEqual({ ok: true });
    expect(await rapporteur.send('synthesis:write', { question: 'q1', text: 'Governance needs audits and consent; Safaricom came up as an example.' })).toEqual(
      { ok: true },
    );
    expect(await rapporteur.send('synthesis:write', { question: 'q2', text: 'Public money should pay for maintenance, not only pilots.' })).toEqual({
      ok: true,
    });
    // A participant cannot do any of this.
    expect(await people[0]!.client.send('theme:create', { id: 'theme-nope-abcdef____', question: 'q1', name: 'x' })).toMatchObject({
      ok: false,
      error: 'forbidden',
    });
  });

  it('lets participants dot-vote on the themes, seeing only theme names and their own dots', async () => {
    expect(await facilitator.send('vote:configure', { votesPerParticipant: 3 })).toEqual({ ok: true });
    const voter = people[0]!.client;
    const ballot = voter.received('ballot:changed').at(-1)!;
    expect(ballot.votesPerParticipant).toBe(3);
    expect(Object.keys(ballot.themes[0]!).sort()).toEqual(['id', 'name', 'question']);
    for (const [i, p] of people.entries()) {
      const themeId = ballot.themes[i % ballot.themes.length]!.id;
      expect(await p.client.send('vote:cast', { themeId, dots: 2 })).toEqual({ ok: true, dotsLeft: 1 });
    }
    expect(await voter.send('vote:cast', { themeId: ballot.themes[1]!.id, dots: 2 })).toMatchObject({ ok: false, error: 'conflict' });
    const mine = await voter.waitFor('ballot:mine');
    expect(mine).toEqual({ dots: { [ballot.themes[0]!.id]: 2 }, dotsLeft: 1 });
    // The tallies reach the staff as a patch of the harvest view, not a rebuilt board.
    await rapporteur.waitFor('harvest:patch', (p) => p.votes?.voters === PEOPLE.length);
    expect(((await rapporteur.sync()) as RapporteurSnapshot).harvest.voters).toBe(PEOPLE.length);
    // Participants never see the tally.
    for (const p of people) expect(p.client.frames.join('\n')).not.toMatch(/"votes":/);
  });

  it('gives dots back to their voter when a theme is deleted, telling that voter only', async () => {
    const voter = people[7]!.client;
    expect(await facilitator.send('theme:create', { id: 'theme-scratch-abc____', question: 'q1', name: 'Scratch' })).toMatchObject({ ok: true });
    expect(await voter.send('vote:cast', { themeId: 'theme-scratch-abc____', dots: 1 })).toEqual({ ok: true, dotsLeft: 0 });
    const others = people.slice(0, 7).map((p) => p.client.received('ballot:mine').length);
    const back = voter.next('ballot:mine', (m) => m.dotsLeft === 1);
    expect(await facilitator.send('theme:delete', { id: 'theme-scratch-abc____' })).toEqual({ ok: true });
    expect((await back).dots['theme-scratch-abc____']).toBeUndefined();
    await Promise.all(people.map((p) => p.client.caughtUp()));
    // Other voters hear their own dots again, unchanged; never anyone else's.
    for (const [i, p] of people.slice(0, 7).entries()) {
      const mine = p.client.received('ballot:mine');
      expect(mine.length).toBe(others[i]! + 1);
      expect(mine.at(-1)!.dotsLeft).toBe(1);
    }
  });

  it('refuses to publish while the attribution check has unresolved findings', async () => {
    const refused = await rapporteur.send('readout:publish', {});
    expect(refused).toMatchObject({ ok: false, error: 'conflict', message: expect.stringMatching(/^\d+ attribution findings are unresolved/) });
    const harvest = ((await rapporteur.sync()) as RapporteurSnapshot).harvest;
    expect(harvest.unresolved).toBe(Number(/^(\d+)/.exec((refused as { message: string }).message)![1]));
    const kinds = new Set(harvest.findings.map((f) => f.kind));
    for (const kind of ['person', 'organisation', 'email', 'phone', 'handle', 'attribution']) expect(kinds, kind).toContain(kind);
    // The host's summary names someone, but summaries are the tables' working notes: never published, never checked.
    expect(harvest.findings.some((f) => f.source.startsWith('summary:'))).toBe(false);
  });

  it('publishes once every finding is redacted or kept with a reason', async () => {
    let harvest: HarvestView = ((await rapporteur.sync()) as RapporteurSnapshot).harvest;
    const minister = harvest.findings.find((f) => f.match.toLowerCase() === 'the minister')!;
    expect(await rapporteur.send('finding:keep', { key: minister.key, reason: 'The office, not a person in the room' } as never)).toMatchObject({
      ok: false,
      error: 'invalid',
    });
    expect(await rapporteur.send('finding:keep', { key: minister.key, reason: 'public-role' })).toEqual({ ok: true });
    // Redact the rest, one at a time: each redaction can make others disappear.
    for (let guard = 0; guard < 50; guard++) {
      harvest = ((await rapporteur.sync()) as RapporteurSnapshot).harvest;
      const open = harvest.findings.find((f) => !f.kept);
      if (!open) break;
      expect(await rapporteur.send('finding:redact', { key: open.key })).toMatchObject({ ok: true });
    }
    expect(harvest.unresolved).toBe(0);
    const published = accepted(await rapporteur.send('readout:publish', { minGroupSize: 3 }));
    expect(published).toMatchObject({ ok: true, version: 1, url: expect.stringMatching(/^\/r\//) });
    readoutUrl = published.url;
    readoutId = published.readoutId;
    expect(readoutId).not.toContain('note-');
  });

  it('tells every participant where the readout is', async () => {
    for (const p of people) expect(await p.client.waitFor('readout:published')).toEqual({ readoutId, version: 1, url: readoutUrl });
    const snap = (await people[3]!.client.sync()) as ParticipantSnapshot;
    expect(snap.readoutUrl).toBe(readoutUrl);
    // Voting closed with the readout.
    expect(snap.ballot?.open).toBe(false);
    expect(await people[3]!.client.send('vote:cast', { themeId: snap.ballot!.themes[0]!.id, dots: 0 })).toMatchObject({ ok: false, error: 'closed' });
  });

  describe('every export', () => {
    const fetchExport = async (ext: string, query = '') => {
      const res = await fetch(`${server.url}/api/readouts/${readoutId}.${ext}${query}`);
      expect(res.status, ext).toBe(200);
      return res;
    };
    const mustNotContain = (format: string, text: string) => {
      for (const secret of [...FORBIDDEN, ...people.map((p) => p.id), ...people.flatMap((p) => p.notes), session.sessionId]) {
        expect(text.includes(secret), `${format} contains ${secret}`).toBe(false);
      }
    };

    it('JSON parses back to the readout and names nobody', async () => {
      const res = await fetchExport('json');
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="digital-public-infrastructure-readout-v1-\d{4}-\d{2}-\d{2}\.json"$/);
      const text = await res.text();
      mustNotContain('JSON', text);
      const readout = JSON.parse(text) as Readout;
      expect(readout.questions.map((q) => q.question)).toEqual(['Who should govern digital identity?', 'How do we fund open infrastructure?']);
      expect(readout.appendix).toHaveLength(16);
      expect(readout.appendix.map((e) => e.fate.kind).sort()).toContain('merged');
      expect(readout.appendix.map((e) => e.fate.kind)).toContain('set-aside');
      expect(readout.method.participants).toEqual({
        total: 8,
        minGroupSize: 3,
        groups: [
          { group: 'Government', count: 5 },
          { group: 'Other', count: 3 },
        ],
      });
      expect(readout.method.kept).toEqual([{ reason: 'public-role', count: 1 }]);
      expect(readout.questions.flatMap((q) => q.themes).reduce((s, t) => s + t.votes, 0)).toBe(16);
      expect(readout.published).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(readout.event).toEqual({ date: '2026-11-23', place: 'Nairobi, Kenya' });
      expect(readout.language).toBe('en');
      expect(text).not.toMatch(/T\d{2}:\d{2}/);
      // Notes count toward their themes; the rapporteur quoted every one of them here, in their redacted wording.
      expect(readout.questions.flatMap((q) => q.themes).reduce((s, t) => s + t.notes, 0)).toBe(15);
      expect(readout.questions.flatMap((q) => q.themes.flatMap((t) => t.quotes))).toHaveLength(14);
    });

    it('CSV parses back, one fact a row, and names nobody', async () => {
      const res = await fetchExport('csv');
      expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
      const text = await res.text();
      mustNotContain('CSV', text);
      const rows = parseCsv(text);
      expect(rows[0]).toEqual(['section', 'question', 'theme', 'key_finding', 'notes', 'tables', 'votes', 'note', 'rounds', 'label', 'count', 'text']);
      expect(rows.every((r) => r.length === 12)).toBe(true);
      expect(rows.filter((r) => r[0] === 'appendix')).toHaveLength(16);
      expect(rows.find((r) => r[0] === 'readout' && r[9] === 'title')?.[11]).toBe('Digital public infrastructure');
    });

    it('Markdown names nobody', async () => {
      const res = await fetchExport('md');
      expect(res.headers.get('content-type')).toMatch(/^text\/markdown/);
      const text = await res.text();
      mustNotContain('Markdown', text);
      expect(text).toMatch(/^# Digital public infrastructure\n\n\*Readout of a World Café\* {2}\n\*\*23 November 2026 · Nairobi, Kenya\*\*/);
    });

    it('DOCX unzips to a document that names nobody, the same bytes every time', async () => {
      const res = await fetchExport('docx');
      expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
      const bytes = Buffer.from(await res.arrayBuffer());
      const again = Buffer.from(await (await fetchExport('docx')).arrayBuffer());
      expect(again.equals(bytes)).toBe(true);
      const zip = await JSZip.loadAsync(bytes);
      const xml = await zip.file('word/document.xml')!.async('string');
      const text = xml
        .replace(/<[^>]+>/g, ' ')
        .replace(/&amp;/g, '&')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&apos;/g, "'");
      mustNotContain('DOCX', text);
      for (const file of Object.keys(zip.files)) if (!zip.files[file]!.dir) mustNotContain(`DOCX ${file}`, await zip.file(file)!.async('string'));
      expect(text).toContain('Who should govern digital identity?');
      expect(text).toContain('Independent audits');
    });

    it('PDF comes in A4 and US Letter, with the notice on page 1, page numbers, every theme, naming nobody', async () => {
      for (const [query, size, name] of [
        ['', [595.28, 841.89], /-readout-v1-\d{4}-\d{2}-\d{2}\.pdf"$/],
        ['?paper=letter', [612, 792], /-readout-v1-\d{4}-\d{2}-\d{2}-letter\.pdf"$/],
      ] as const) {
        const res = await fetchExport('pdf', query);
        expect(res.headers.get('content-type')).toBe('application/pdf');
        expect(res.headers.get('content-disposition')).toMatch(name);
        const bytes = new Uint8Array(await res.arrayBuffer());
        // A second download is the same file: made once, then kept (a published version never changes).
        const again = new Uint8Array(await (await fetchExport('pdf', query)).arrayBuffer());
        expect(Buffer.from(again).equals(Buffer.from(bytes))).toBe(true);
        const pdf = await readPdf(bytes);
        expect(
          pdf.sizes.every(([w, h]) => Math.abs(w - size[0]) < 0.5 && Math.abs(h - size[1]) < 0.5),
          query,
        ).toBe(true);
        expect(pdf.pages[0]).toContain('Chatham House Rule. This readout does not attribute anything that was said to any person or');
        for (const [i, page] of pdf.pages.entries()) expect(page).toContain(`Page ${i + 1} of ${pdf.pages.length}`);
        const all = pdf.pages.join('\n');
        for (const theme of ['Independent audits', 'Open standards', 'Public funding', 'Consent']) expect(all).toContain(theme);
        mustNotContain(`PDF${query}`, all);
      }
      expect((await fetch(`${server.url}/api/readouts/${readoutId}.pdf?paper=a3`)).status).toBe(400);
      expect((await fetch(`${server.url}/api/readouts/${readoutId}.md?paper=letter`)).status).toBe(400);
    });

    it('HTML renders in Chromium, names nobody, and is saved as a screenshot', async () => {
      const res = await fetchExport('html');
      const html = await res.text();
      mustNotContain('HTML', html);
      const page = await fetch(`${server.url}${readoutUrl}`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      // The public page is the export plus its links to every format, and each link works.
      const pageHtml = await page.text();
      expect(pageHtml.replace(/<nav class="downloads"[^]*?<\/nav>\n/, '')).toBe(html);
      const links = [...pageHtml.matchAll(/<a href="([^"]+)" download>([^<]+)<\/a>/g)].map((m) => [m[2], m[1]!.replace(/&amp;/g, '&')]);
      expect(links.map(([label]) => label)).toEqual(['PDF (A4)', 'PDF (US Letter)', 'Word', 'Markdown', 'HTML', 'JSON (data)', 'CSV (data)']);
      for (const [label, href] of links) expect((await fetch(`${server.url}${href}`)).status, label).toBe(200);

      const browser = await launch();
      try {
        const tab = await browser.newPage({ viewport: { width: 1000, height: 900 } });
        await tab.goto(`${server.url}${readoutUrl}`);
        const headings = await tab.locator('h2').allInnerTexts();
        expect(headings).toContain('Question 1: Who should govern digital identity?');
        const visible = await tab.locator('body').innerText();
        mustNotContain('rendered HTML', visible);
        mkdirSync(SCREENSHOTS, { recursive: true });
        await tab.screenshot({ path: join(SCREENSHOTS, 'harvest-readout.png'), fullPage: true });
        // On paper, the links go and a theme does not split across pages.
        await tab.emulateMedia({ media: 'print' });
        expect(await tab.locator('nav.downloads').isVisible()).toBe(false);
        expect(
          await tab
            .locator('article.theme')
            .first()
            .evaluate((el) => getComputedStyle(el).breakInside),
        ).toBe('avoid');
      } finally {
        await browser.close();
      }
    });

    it('answers 404 for a link nobody published and for an unknown format', async () => {
      expect((await fetch(`${server.url}/r/${session.sessionId}.AAAAAAAAAAAAAAAAAAAAAAAA`)).status).toBe(404);
      expect((await fetch(`${server.url}/api/readouts/${readoutId}.xlsx`)).status).toBe(404);
    });
  });

  it('shows a participant, with their own token only, what became of their own notes', async () => {
    const me = people[4]!;
    const mine = (await me.client.send('readout:mine', {})) as { ok: true } & MyNotesView;
    expect(mine.readoutUrl).toBe(readoutUrl);
    expect(mine.notes.map((n) => n.id).sort()).toEqual([...me.notes].sort());
    expect(mine.notes.map((n) => n.text)).toEqual(expect.arrayContaining([NOTES[1]![4]!, NOTES[2]![4]!]));
    expect(mine.notes.find((n) => n.text === NOTES[2]![4]!)).toMatchObject({
      fate: { kind: 'set-aside', reason: 'off-topic' },
      fateText: 'Set aside as off-topic',
      ref: expect.stringMatching(/^N\d+$/),
    });
    expect(mine.notes.find((n) => n.text === NOTES[1]![4]!)?.fateText).toMatch(/^In theme “Public funding”|^Merged into theme/);
    // Nobody else's notes, and no way for staff to ask.
    expect(JSON.stringify(mine)).not.toContain(people[3]!.notes[0]);
    expect(await rapporteur.send('readout:mine', {})).toMatchObject({ ok: false, error: 'forbidden' });
    expect(await facilitator.send('readout:mine', {})).toMatchObject({ ok: false, error: 'forbidden' });
  });

  it('stops a withdrawn rapporteur link at once', async () => {
    const rapporteurId = harvestOf(facilitator) && ((await facilitator.sync()) as FacilitatorSnapshot).rapporteurs[0]!.id;
    const ended = rapporteur.next('session:ended');
    expect(await facilitator.send('rapporteur:revoke', { rapporteurId })).toEqual({ ok: true });
    expect(await ended).toMatchObject({ reason: 'removed' });
    const again = new TestClient(server.url, rapporteurToken);
    const error = await new Promise<{ data?: { error: string } }>((resolve) => again.socket.on('connect_error', (e) => resolve(e as never)));
    expect(error.data?.error).toBe('forbidden');
    again.close();
    const bad = await postJson(`${server.url}/api/join/${session.code}`, { name: 'Late', group: 'Government', presence: 'room', organisation: '' });
    expect(bad.status).toBe(201);
  });
  it('retires a replaced version, and keeps the readouts through a server restart', async () => {
    const second = accepted(await facilitator.send('readout:publish', {}));
    expect(second).toMatchObject({ ok: true, version: 2 });
    const old = await fetch(`${server.url}/api/readouts/${readoutId}.json`);
    expect(old.status).toBe(410);
    expect(await old.json()).toMatchObject({ latest: second.url });
    const before = await (await fetch(`${server.url}/api/readouts/${second.readoutId}.json`)).text();

    for (const c of [facilitator, rapporteur, ...people.map((p) => p.client)]) c.close();
    await server.stop();
    server = await startServer({ dataDir });
    expect(await (await fetch(`${server.url}/api/readouts/${second.readoutId}.json`)).text()).toBe(before);
    expect((await fetch(`${server.url}/api/readouts/${readoutId}.json`)).status).toBe(410);
  });
});
