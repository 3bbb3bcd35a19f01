import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cafeSample, loadLabelledCafe, type LabelledNote } from '../../bench/lib/labelled-notes.ts';
import type { FacilitatorSnapshot, ParticipantSnapshot } from '../../shared/protocol/views.ts';
import { createSession, joinSession, TestClient, type CreatedSession } from '../support/clients.ts';
import { cid } from '../support/ids.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { expectAccessible, laptopContext, launch, phoneContext, screenshotBoth } from './support/browser.ts';

/**
 * The harvest at scale in headless Chromium, at laptop size (1366×800). A café of 27 people at
 * nine tables writes 250 notes on three questions (a labelled set written for the tests); the
 * rapporteur opens the board during round 1 and watches notes arrive, then sorts all of them
 * with the server's suggestions, search, multi-select (pointer and keyboard), drag and drop and
 * undo; every action the rapporteur takes is counted, and the whole job, readout published,
 * must take fewer than 60. Then the readout side: a preview only staff see, every finding
 * resolved, publishing; a participant reads on their phone what became of their notes; the room
 * display swaps the vote for the readout's QR code and stops inviting people to join.
 */

const LAPTOP_800 = { width: 1366, height: 800 };
/** A note that names someone in the room (who joins through the browser), quoted later. */
const NAMING = 'Amaka Okafor from Safaricom says data bundles cost too much for families';
/** What Amaka writes on her phone. */
const AMAKA_NOTE = 'Free public wifi in markets and bus stations would change everything';

const NAMES = [
  'Jürgen Weiß',
  '小林 花子',
  'Олег Петров',
  'Nguyễn Thị Lan',
  'Siobhán Ní Bhriain',
  'محمد الأمين',
  'Zoë Lefèvre',
  'Kwabena Owusu-Ansah',
  'Priya Raghunathan',
  'Ingrid Haugen',
  'Tevita Taufa',
  'María José Fernández',
  'Chen Jiayi',
  'Aroha Ngata',
  'Dmitri Volkov',
  'Fatima Zahra Benali',
  'Lucía Quispe',
  'Sipho Dlamini',
  'Hana Novak',
  'Ahmad Karimi',
  'Mei Tanaka',
  'Tomás Aranda',
  'Zanele Mokoena',
  'Yusuf Demir',
  'Ana Lima',
  'Kofi Boateng',
];
const GROUPS = ['Government', 'Private sector', 'Civil society', 'Technical community', 'Academia'];

let server: TestServer;
let browser: Browser;
let session: CreatedSession;
let facilitator: TestClient;
let rapporteur: Page;
let amaka: Page;
let display: Page;
let console_: Page;
const clients: TestClient[] = [];
let notes: LabelledNote[];
/** The rapporteur's actions: every click, fill, key press, drag and selection they make. */
let actions = 0;

async function act<T>(what: () => Promise<T>): Promise<T> {
  actions++;
  return what();
}

const harvestOfFacilitator = async () => ((await facilitator.sync()) as FacilitatorSnapshot).harvest;

describe('the harvest of 250 notes in real browsers', () => {
  beforeAll(async () => {
    server = await startServer();
    browser = await launch();
    const cafe = loadLabelledCafe();
    // 249 written from sockets, and one by Amaka on her phone.
    notes = cafeSample(cafe, 249, 'e2e');
    session = await createSession(server.url, {
      title: 'Internet for everyone: a national café',
      date: '2026-11-23',
      place: 'Kigali',
      // Three tables per guiding question.
      tables: cafe.questions.flatMap((q, i) => [1, 2, 3].map((n) => ({ name: `Table ${i * 3 + n}`, question: q.text }))),
      rounds: 1,
      askOrganisation: true,
    });
    facilitator = await TestClient.connect(server.url, session.facilitatorToken);
  });

  afterAll(async () => {
    for (const c of [facilitator, ...clients]) c?.close();
    await browser?.close();
    await server?.stop();
  });

  it('asks for an organisation and other spellings of a name at join, and shows them to the facilitator only', async () => {
    amaka = await (await phoneContext(browser)).newPage();
    await amaka.goto(`${server.url}/join/${session.code}`);
    await amaka.getByLabel('Your name', { exact: true }).fill('Amaka Okafor');
    await amaka.getByLabel('Name in another script or spelling (optional)').fill('Амака Окафор');
    await amaka.getByLabel('Your organisation (optional)').fill('Safaricom PLC');
    await amaka.getByLabel('Government', { exact: true }).check();
    await amaka.getByLabel('In the room', { exact: true }).check();
    await expectAccessible(amaka, 'join form with organisation');
    await amaka.getByRole('button', { name: 'Join the café' }).click();
    await amaka.waitForURL(/\/p\//);
    for (const [i, name] of NAMES.entries()) {
      const { participantToken } = await joinSession(server.url, session.code, {
        name,
        group: GROUPS[i % GROUPS.length]!,
        ...(i % 4 === 0 ? { organisation: `Org ${String.fromCharCode(65 + i)} Holdings` } : {}),
      });
      clients.push(await TestClient.connect(server.url, participantToken));
    }
    const roster = ((await facilitator.sync()) as FacilitatorSnapshot).participants;
    expect(roster.find((p) => p.name === 'Amaka Okafor')).toMatchObject({ organisation: 'Safaricom PLC' });
    // The other spelling is for the check alone: nobody's view carries it.
    expect(JSON.stringify(roster)).not.toContain('Амака');
    expect(await facilitator.send('seating:assign', {})).toMatchObject({ ok: true });
    expect(await facilitator.send('round:start', { round: 1 })).toEqual({ ok: true });
    await amaka.getByLabel('Your note').fill(AMAKA_NOTE);
    await amaka.getByRole('button', { name: 'Send' }).click();
    await amaka.getByText(AMAKA_NOTE).first().waitFor();
  });

  it('shows the rapporteur notes as they arrive during round 1', async () => {
    const invite = await facilitator.send('rapporteur:invite', { label: 'Policy team' });
    if (!invite.ok) throw new Error(invite.message);
    rapporteur = await (await laptopContext(browser)).newPage();
    await rapporteur.setViewportSize(LAPTOP_800);
    await act(() => rapporteur.goto(invite.url));
    await rapporteur.getByRole('heading', { level: 1, name: 'Internet for everyone: a national café' }).waitFor();

    // Each note is written at a table that asked its question, by someone seated there.
    const byQuestion = new Map<string, TestClient[]>();
    const questionOf = new Map(((await facilitator.sync()) as FacilitatorSnapshot).questions.flatMap((q) => q.tableIds.map((t) => [t, q.text] as const)));
    const cafe = loadLabelledCafe();
    const textOf = new Map(cafe.questions.map((q) => [q.id, q.text]));
    for (const c of clients) {
      const seat = ((await c.sync()) as ParticipantSnapshot).seat.table!;
      const q = questionOf.get(seat.id)!;
      byQuestion.set(q, [...(byQuestion.get(q) ?? []), c]);
    }
    const written: Promise<unknown>[] = [];
    const naming = notes.findIndex((n) => n.idea === 'q1.price');
    for (const [i, note] of notes.entries()) {
      const writers = byQuestion.get(textOf.get(note.question)!)!;
      const writer = writers[i % writers.length]!;
      const seat = ((writer.snapshot as ParticipantSnapshot).seat.table ?? ((await writer.sync()) as ParticipantSnapshot).seat.table)!;
      written.push(writer.send('note:add', { id: cid(`e2e-${i}`), tableId: seat.id, round: 1, text: i === naming ? NAMING : note.text }));
      // The first half before the rapporteur looks; the rest while they watch.
      if (i === 124) {
        await Promise.all(written.splice(0));
        await expect.poll(() => rapporteur.getByTestId('note-card').count()).toBeGreaterThan(0);
      }
    }
    expect((await Promise.all(written)).every((r) => (r as { ok: boolean }).ok)).toBe(true);
    // The board shows the notes still to sort of the first question as they come in, with no reload.
    const amakaQuestion = questionOf.get(((await facilitator.sync()) as FacilitatorSnapshot).participants.find((p) => p.name === 'Amaka Okafor')!.tableId!);
    const q1 = notes.filter((n) => n.question === 'q1').length + (amakaQuestion === textOf.get('q1') ? 1 : 0);
    await expect.poll(() => rapporteur.getByTestId('shown').textContent()).toBe(`${q1} notes shown`);
    await expectAccessible(rapporteur, 'rapporteur board during the round');
    await screenshotBoth(rapporteur, 'harvest-01-board-during-round');
  });

  it('sorts the first question with suggestions: one trimmed and renamed, one dismissed, near-copies merged, the rest at once', async () => {
    const suggestions = rapporteur.getByTestId('suggestions');
    await act(() => suggestions.getByRole('button', { name: 'Suggest themes' }).click());
    await suggestions.getByTestId('suggestion').first().waitFor();
    await act(() => suggestions.getByRole('button', { name: /near-cop(y|ies) aside/ }).click());
    await rapporteur
      .getByTestId('toasts')
      .getByText(/near-cop(y|ies) set aside/)
      .waitFor();

    // The first suggestion, renamed and without one of its notes.
    const first = suggestions.getByTestId('suggestion').first();
    const size = Number(/(\d+) notes/.exec(await first.innerText())![1]);
    await act(() => first.getByLabel('Name of the suggested theme').fill('Digital skills for all ages'));
    await act(() => first.getByText(/^Its \d+ notes$/).click());
    await act(() => first.getByRole('checkbox').first().uncheck());
    await act(() => first.getByRole('button', { name: `Accept with ${size - 1} notes` }).click());
    await rapporteur.getByTestId('theme').filter({ hasText: 'Digital skills for all ages' }).waitFor();
    // One dismissed: it names nothing the rapporteur wants.
    const dismissed = suggestions.getByTestId('suggestion').last();
    const dismissedName = await dismissed.getByLabel('Name of the suggested theme').inputValue();
    await act(() => dismissed.getByRole('button', { name: 'Dismiss' }).click());
    await act(() => suggestions.getByRole('button', { name: /^Accept all \d+ suggestions$/ }).click());
    await rapporteur
      .getByTestId('toasts')
      .getByText(/\d+ themes created/)
      .waitFor();
    expect(await rapporteur.getByTestId('theme').filter({ hasText: dismissedName }).count()).toBe(0);
    await screenshotBoth(rapporteur, 'harvest-02-suggestions-accepted');
  });

  it('finds notes by search, selects them all and drags them onto a theme, and undoes a move', async () => {
    const cost = rapporteur
      .getByTestId('theme')
      .filter({ hasText: /bundles|data/i })
      .first();
    const costName = (await cost.getByRole('heading', { level: 3 }).textContent())!;
    await act(() => rapporteur.getByLabel('Search the notes').fill('prix'));
    await expect.poll(() => rapporteur.getByTestId('note-card').count()).toBeGreaterThan(0);
    const found = await rapporteur.getByTestId('note-card').count();
    await act(() => rapporteur.getByRole('button', { name: `Select the ${found} shown` }).click());
    // The theme is further down its list: scrolled to first, as a hand would before dragging.
    await act(() => cost.scrollIntoViewIfNeeded());
    await act(() => rapporteur.getByTestId('note-card').first().dragTo(cost));
    await rapporteur
      .getByTestId('toasts')
      .getByText(`${found === 1 ? '1 note' : `${found} notes`} moved to “${costName}”`)
      .waitFor();

    // Undo puts them back where they were.
    await act(() => rapporteur.getByTestId('undo').click());
    await expect.poll(() => rapporteur.getByTestId('note-card').count()).toBe(found);
    // And the same move again, without dragging: select, then "Move here" on the theme.
    await act(() => rapporteur.getByRole('button', { name: `Select the ${found} shown` }).click());
    await act(() => cost.getByRole('button', { name: /^Move \d+ notes? here$/ }).click());
    await expect.poll(() => rapporteur.getByTestId('note-card').count()).toBe(0);
  });

  it('selects with the keyboard alone and moves with the toolbar', async () => {
    await act(() => rapporteur.getByLabel('Search the notes').fill(''));
    await expect.poll(() => rapporteur.getByTestId('note-card').count()).toBeGreaterThan(0);
    const left = await rapporteur.getByTestId('note-card').count();
    // Tab into the list, select the first note and extend to the next ones with shift+arrows.
    await act(() => rapporteur.getByTestId('note-card').first().focus());
    await act(() => rapporteur.keyboard.press('Space'));
    await act(() => rapporteur.keyboard.press('Shift+End'));
    expect(await rapporteur.getByTestId('selected-count').textContent()).toBe(left === 1 ? '1 note selected' : `${left} notes selected`);
    // What is left of the first question is chatter: set aside as off-topic, in one command.
    await act(() => rapporteur.getByRole('button', { name: /^Set \d+ notes? aside$/ }).click());
    await expect.poll(() => rapporteur.getByTestId('shown').textContent()).toBe('No note shown');
  });

  it('sorts the second and third questions in a handful of actions each, merging two themes', async () => {
    for (const n of [2, 3]) {
      await act(() => rapporteur.getByRole('button', { name: new RegExp(`^Question ${n}`) }).click());
      const suggestions = rapporteur.getByTestId('suggestions');
      await act(() => suggestions.getByRole('button', { name: 'Suggest themes' }).click());
      await suggestions.getByTestId('suggestion').first().waitFor();
      const copies = suggestions.getByRole('button', { name: /near-cop(y|ies) aside/ });
      if (await copies.count()) await act(() => copies.click());
      await act(() => suggestions.getByRole('button', { name: /^Accept all \d+ suggestions$/ }).click());
      await rapporteur
        .getByTestId('toasts')
        .getByText(/\d+ themes created/)
        .waitFor();
      if (n === 2) {
        // Two themes that say the same thing: ticked and merged in one command.
        const themes = rapporteur.getByTestId('theme');
        await act(() => themes.nth(0).getByRole('checkbox').first().check());
        await act(() => themes.nth(1).getByRole('checkbox').first().check());
        await act(() => rapporteur.getByTestId('merge-bar').getByRole('button', { name: 'Merge' }).click());
        await rapporteur
          .getByTestId('toasts')
          .getByText(/1 theme merged into/)
          .waitFor();
      }
      // What the suggestions left: all selected at once and set aside.
      const left = await rapporteur.getByTestId('note-card').count();
      if (left) {
        await act(() => rapporteur.getByRole('button', { name: /^Select the \d+ shown$/ }).click());
        await act(() => rapporteur.getByRole('button', { name: /^Set \d+ notes? aside$/ }).click());
      }
      await expect.poll(() => rapporteur.getByTestId('shown').textContent()).toBe('No note shown');
    }
    const harvest = await harvestOfFacilitator();
    const inThemes = harvest.themes.reduce((s, t) => s + t.noteIds.length, 0);
    // Every note has a place, and nearly all of them in a theme.
    expect(inThemes + harvest.setAside.length).toBe(250);
    expect(inThemes).toBeGreaterThanOrEqual(225);
    await expectAccessible(rapporteur, 'rapporteur board sorted');
    await screenshotBoth(rapporteur, 'harvest-03-board-sorted');
  });

  it('shows the facilitator the harvest in the console and the vote on the room display', async () => {
    expect(await facilitator.send('round:end', { round: 1 })).toEqual({ ok: true });
    console_ = await (await laptopContext(browser)).newPage();
    await console_.goto(session.facilitatorUrl);
    const summary = console_.getByTestId('harvest-summary');
    await expect.poll(() => summary.getByTestId('sort-progress').textContent()).toMatch(/^250 of 250 notes placed, in \d+ themes$/);
    display = await (await laptopContext(browser)).newPage();
    await display.goto(`${server.url}/display/${session.code}`);
    await display.getByTestId('display-vote').waitFor();
    // People vote on their phones and from their sockets; the room sees the dots move.
    await amaka.getByTestId('ballot').waitFor();
    await amaka
      .getByRole('button', { name: /^Give a dot to/ })
      .first()
      .click();
    const ballot = ((await clients[0]!.sync()) as ParticipantSnapshot).ballot!;
    for (const [i, c] of clients.slice(0, 12).entries())
      expect(await c.send('vote:cast', { themeId: ballot.themes[i % 4]!.id, dots: 2 })).toMatchObject({ ok: true });
    await expect.poll(() => display.getByTestId('display-voters').textContent()).toBe('13 participants have voted');
    await expect.poll(() => summary.getByTestId('votes-summary').textContent()).toMatch(/^13 participants have voted/);
    await expectAccessible(console_, 'console harvest summary');
    await expectAccessible(display, 'display vote');
    await screenshotBoth(console_, 'harvest-04-console-summary', { fullPage: true });
    await screenshotBoth(display, 'harvest-05-display-vote');
  });

  it('makes the rapporteur quote, preview, resolve every finding and publish, all within 60 actions', async () => {
    await act(() => rapporteur.getByRole('button', { name: /^Question 1/ }).click());
    // Quote the note that names Amaka and her organisation: now its words are published, so checked.
    await act(() => rapporteur.getByLabel('Search the notes').fill('Safaricom'));
    await act(() => rapporteur.getByRole('radio', { name: /^All/ }).check());
    const where = /In “(.+)”/.exec(await rapporteur.getByTestId('note-card').first().innerText())![1]!;
    const theme = rapporteur.getByTestId('theme').filter({ has: rapporteur.getByRole('heading', { level: 3, name: where, exact: true }) });
    await act(() => theme.getByRole('button', { name: /^Details of “.+”: notes, finding and settings$/ }).click());
    await act(() => theme.getByRole('checkbox', { name: `Quote in the readout: ${NAMING}` }).check());
    await act(() => rapporteur.getByLabel(/^One takeaway a line/).fill('Data must get cheaper, as Jürgen Weiß put it.\nCommunity networks need spectrum.'));
    await act(() => rapporteur.getByRole('button', { name: 'Save takeaways' }).click());
    await expect.poll(() => rapporteur.getByTestId('unresolved').textContent()).toMatch(/^\d+ findings? to resolve$/);

    // The preview: the readout as it would be published, seen here only.
    await act(() => rapporteur.getByRole('button', { name: 'Preview' }).click());
    const preview = rapporteur.frameLocator('iframe[title="Preview of the readout"]');
    await preview.getByRole('heading', { level: 1, name: 'Internet for everyone: a national café' }).waitFor();
    expect(await preview.locator('body').innerText()).toContain('Amaka Okafor');
    expect(amaka.url()).toMatch(/\/p\//);
    expect(await amaka.getByTestId('my-readout').count()).toBe(0);

    // Resolve: the organisation kept (a public company named as a subject), the rest redacted.
    for (let guard = 0; guard < 10; guard++) {
      const open = rapporteur.getByTestId('finding').filter({ has: rapporteur.getByRole('button', { name: 'Redact' }) });
      if ((await open.count()) === 0) break;
      const finding = open.first();
      if ((await finding.getAttribute('data-kind')) === 'organisation') {
        await act(() => finding.getByRole('button', { name: 'Keep with a reason' }).click());
        await act(() => finding.getByLabel('Why keep it?').selectOption('public-role'));
        await act(() => finding.getByRole('button', { name: 'Keep', exact: true }).click());
        await rapporteur.getByTestId('toasts').getByText('Kept, with your reason.').last().waitFor();
      } else {
        await act(() => finding.getByRole('button', { name: 'Redact' }).click());
        await rapporteur.getByTestId('toasts').getByText('Redacted.').last().waitFor();
      }
    }
    await expect.poll(() => rapporteur.getByTestId('unresolved').textContent()).toBe('Nothing left to resolve');
    await act(() => rapporteur.getByRole('button', { name: 'Refresh the preview' }).click());
    await expect.poll(async () => preview.locator('body').innerText()).not.toContain('Amaka');
    await expectAccessible(rapporteur, 'rapporteur findings and preview');
    await screenshotBoth(rapporteur, 'harvest-06-preview', { fullPage: true });
    await act(() => rapporteur.getByRole('button', { name: 'Publish', exact: true }).click());
    await rapporteur.getByText('Version 1 is published.').waitFor();
    console.log(`rapporteur actions for 250 notes, readout published: ${actions}`);
    expect(actions).toBeLessThan(60);
  });

  it('shows a participant on their phone what became of their notes, and the display the readout’s QR code', async () => {
    await amaka.getByTestId('my-readout').waitFor();
    await amaka.getByRole('button', { name: 'What became of my notes?' }).click();
    const mine = amaka.getByTestId('my-note');
    await expect.poll(() => mine.count()).toBe(1);
    expect(await mine.first().innerText()).toContain(AMAKA_NOTE);
    expect(await mine.first().getByTestId('fate').textContent()).toMatch(
      /^(In theme “.+”|Merged into theme “.+” \(from “.+”\)|Set aside as (off-topic|a duplicate|abusive)|Not used in a theme)$/,
    );
    await expectAccessible(amaka, 'participant readout card');
    await screenshotBoth(amaka, 'harvest-07-my-notes');

    const [readout] = await Promise.all([amaka.context().waitForEvent('page'), amaka.getByRole('link', { name: 'Read the readout' }).click()]);
    await readout.getByRole('heading', { level: 1 }).waitFor();
    const text = await readout.locator('body').innerText();
    for (const secret of ['Amaka', 'Okafor', 'Jürgen', 'Weiß', 'Амака']) expect(text).not.toContain(secret);
    expect(text).toContain('Community networks need spectrum.');
    await screenshotBoth(readout, 'harvest-08-readout-phone', { fullPage: true });

    // The room display: the readout's QR code, and no invitation to join any more.
    await display.getByTestId('display-readout').waitFor();
    expect(await display.getByTestId('display-readout-url').textContent()).toMatch(/\/r\/[A-Za-z0-9_-]{12}\.[A-Za-z0-9_-]{24}$/);
    expect(await display.getByTestId('display-readout').getByRole('img').count()).toBe(1);
    expect(await facilitator.send('session:close', {})).toMatchObject({ ok: true });
    await expect.poll(() => display.getByTestId('display-phase').textContent()).toBe('Thank you');
    expect(await display.getByTestId('display-code').count()).toBe(0);
    await display.getByTestId('display-readout').waitFor();
    await expectAccessible(display, 'display readout');
    await screenshotBoth(display, 'harvest-09-display-readout');
  });
});
