import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession, TestClient, type CreatedSession } from '../support/clients.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { axeViolations, describeViolations, laptopContext, launch, phoneContext, screenshotBoth } from './support/browser.ts';

/**
 * The harvest in headless Chromium: the facilitator issues a rapporteur link from the console,
 * two people write notes on their phones (one naming the other), the rapporteur groups the notes
 * into a theme and sets one aside, resolves what the attribution check finds, and publishes;
 * a participant then votes, opens the readout and sees what became of their own notes.
 */

const AUDITS = 'As Jürgen Weiß said, audits must be public.';
const COFFEE = 'The coffee is cold.';
const STANDARDS = 'Open standards before any procurement.';

let server: TestServer;
let browser: Browser;
let session: CreatedSession;
let facilitatorSocket: TestClient;
let console_: Page;
let rapporteur: Page;
let amaka: Page;
let jurgen: Page;
let rapporteurLink: string;

async function expectAccessible(page: Page, name: string) {
  const violations = await axeViolations(page);
  expect(violations, `${name}:\n${describeViolations(violations)}`).toEqual([]);
}

async function joinOnPhone(name: string, group: string): Promise<Page> {
  const page = await (await phoneContext(browser)).newPage();
  await page.goto(`${server.url}/join/${session.code}`);
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel(group, { exact: true }).check();
  await page.getByLabel('In the room', { exact: true }).check();
  await page.getByRole('button', { name: 'Join the café' }).click();
  await page.waitForURL(/\/p\//);
  return page;
}

async function writeNote(page: Page, text: string) {
  await page.getByLabel('Your note').fill(text);
  await page.getByRole('button', { name: 'Send' }).click();
  await page.getByText(text).first().waitFor();
}

describe('the harvest in real browsers', () => {
  beforeAll(async () => {
    server = await startServer();
    browser = await launch();
    // Two tables share one question, so every note lands on the same board.
    session = await createSession(server.url, {
      title: 'Open infrastructure café',
      tables: [{ question: 'Who should pay for open infrastructure?' }, { question: 'Who should pay for open infrastructure?' }],
      rounds: 1,
    });
    facilitatorSocket = await TestClient.connect(server.url, session.facilitatorToken);
  });

  afterAll(async () => {
    facilitatorSocket?.close();
    await browser?.close();
    await server?.stop();
  });

  it('lets the facilitator invite a rapporteur from the console', async () => {
    console_ = await (await laptopContext(browser)).newPage();
    await console_.goto(session.facilitatorUrl);
    await console_.getByTestId('invite-rapporteur').click();
    await console_.getByLabel('Label (optional)').fill('Policy team');
    await console_.getByRole('button', { name: 'Create link' }).click();
    rapporteurLink = await console_.getByTestId('rapporteur-link').inputValue();
    expect(rapporteurLink).toMatch(new RegExp(`/rapporteur/${session.sessionId}#r\\.${session.sessionId}\\.`));
    await expectAccessible(console_, 'console with the rapporteur invitation');
  });

  it('has people write notes on their phones, one naming another', async () => {
    amaka = await joinOnPhone('Amaka Okafor', 'Government');
    jurgen = await joinOnPhone('Jürgen Weiß', 'Academia');
    expect(await facilitatorSocket.send('round:start', { round: 1 })).toEqual({ ok: true });
    await amaka.getByLabel('Your note').waitFor();
    await writeNote(amaka, AUDITS);
    await writeNote(amaka, COFFEE);
    await jurgen.getByLabel('Your note').waitFor();
    await writeNote(jurgen, STANDARDS);
  });

  it('lets the rapporteur group the notes into a theme and set one aside, without seeing who wrote them', async () => {
    rapporteur = await (await laptopContext(browser)).newPage();
    await rapporteur.goto(rapporteurLink);
    await rapporteur.getByRole('heading', { level: 1, name: 'Open infrastructure café' }).waitFor();
    // The token leaves the address bar at once.
    expect(new URL(rapporteur.url()).hash).toBe('');
    await rapporteur.getByLabel('Name of a new theme').fill('Public audits');
    await rapporteur.getByRole('button', { name: 'Create theme' }).click();
    await rapporteur.getByRole('heading', { level: 4, name: 'Public audits' }).waitFor();

    for (const text of [AUDITS, STANDARDS]) {
      const note = rapporteur.getByTestId('unsorted-note').filter({ hasText: text });
      await note.getByRole('combobox', { name: /Theme for the note/ }).selectOption({ label: 'Public audits' });
      await note.getByRole('button', { name: 'Move' }).click();
      await expect.poll(() => rapporteur.getByTestId('theme').filter({ hasText: text }).count()).toBe(1);
    }
    const coffee = rapporteur.getByTestId('unsorted-note').filter({ hasText: COFFEE });
    await coffee.getByRole('combobox', { name: 'Reason to set this note aside' }).selectOption('off-topic');
    await coffee.getByRole('button', { name: 'Set aside' }).click();
    await rapporteur.getByRole('heading', { name: '1 note set aside' }).waitFor();

    const page = await rapporteur.locator('main').innerText();
    expect(page).not.toContain('Amaka');
    expect(page).not.toMatch(/Government|Academia/);
    await expectAccessible(rapporteur, 'rapporteur board');
    await screenshotBoth(rapporteur, 'harvest-01-rapporteur-board', { fullPage: true });
  });

  it('lets participants vote with their dots once the harvest opens', async () => {
    expect(await facilitatorSocket.send('round:end', { round: 1 })).toEqual({ ok: true });
    await amaka.getByTestId('ballot').waitFor();
    await expect.poll(() => amaka.getByTestId('dots-left').textContent()).toBe('3 dots left of 3');
    await amaka.getByRole('button', { name: 'Give a dot to “Public audits”' }).click();
    await amaka.getByRole('button', { name: 'Give a dot to “Public audits”' }).click();
    await expect.poll(() => amaka.getByTestId('dots-left').textContent()).toBe('1 dot left of 3');
    await jurgen.getByRole('button', { name: 'Give a dot to “Public audits”' }).click();
    await expect.poll(() => rapporteur.getByTestId('theme-votes').first().textContent()).toBe('3 votes');
    await expectAccessible(amaka, 'participant ballot');
    await screenshotBoth(amaka, 'harvest-02-participant-ballot');
  });

  it('makes the rapporteur resolve the attribution findings before publishing', async () => {
    await expect.poll(() => rapporteur.getByTestId('unresolved').textContent()).toMatch(/^\d+ findings? to resolve$/);
    // Publishing now is refused by the server, with the reason.
    await rapporteur.getByRole('button', { name: 'Publish', exact: true }).click();
    await rapporteur.getByTestId('toasts').getByText(/attribution findings? (is|are) unresolved/).waitFor();
    const kinds = await rapporteur.getByTestId('finding').evaluateAll((els) => els.map((el) => el.getAttribute('data-kind')));
    expect(kinds).toEqual(expect.arrayContaining(['attribution', 'person']));
    await screenshotBoth(rapporteur, 'harvest-03-findings', { fullPage: true });
    // Redact until nothing is left: a redaction can resolve more than one finding at once.
    for (let guard = 0; guard < 10; guard++) {
      const open = rapporteur.getByTestId('finding').filter({ has: rapporteur.getByRole('button', { name: 'Redact' }) });
      if ((await open.count()) === 0) break;
      await open.first().getByRole('button', { name: 'Redact' }).click();
      await rapporteur.getByTestId('toasts').getByText('Redacted.').last().waitFor();
    }
    await expect.poll(() => rapporteur.getByTestId('unresolved').textContent()).toBe('Nothing left to resolve');
    await expect.poll(() => rapporteur.getByTestId('theme').first().innerText()).toContain('As was said, audits must be public.');
    await expectAccessible(rapporteur, 'rapporteur findings');
    await rapporteur.getByRole('button', { name: 'Publish', exact: true }).click();
    await rapporteur.getByText('Version 1 is published.').waitFor();
  });

  it('shows a participant the readout and what became of their own notes', async () => {
    await amaka.getByTestId('my-readout').waitFor();
    await amaka.getByRole('button', { name: 'What became of my notes?' }).click();
    const mine = amaka.getByTestId('my-note');
    await expect.poll(() => mine.count()).toBe(2);
    expect(await mine.filter({ hasText: AUDITS }).getByTestId('fate').textContent()).toBe('In theme “Public audits”');
    expect(await mine.filter({ hasText: COFFEE }).getByTestId('fate').textContent()).toBe('Set aside as off-topic');
    // Only her own notes.
    expect(await amaka.getByTestId('my-notes').innerText()).not.toContain(STANDARDS);
    await expectAccessible(amaka, 'participant readout card');
    await screenshotBoth(amaka, 'harvest-04-participant-my-notes', { fullPage: true });

    const [readout] = await Promise.all([amaka.context().waitForEvent('page'), amaka.getByRole('link', { name: 'Read the readout' }).click()]);
    await readout.getByRole('heading', { level: 1 }).waitFor();
    const text = await readout.locator('body').innerText();
    expect(text).toContain('Public audits');
    // Both notes count toward the theme; their words are quoted only if the rapporteur chooses them.
    expect(text).toMatch(/2 notes from [12] tables? · 3 votes/);
    expect(text).not.toContain('audits must be public');
    for (const secret of ['Amaka', 'Okafor', 'Jürgen', 'Weiß', 'Government', 'Academia']) expect(text).not.toContain(secret);
    await expectAccessible(readout, 'published readout');
    await screenshotBoth(readout, 'harvest-05-readout', { fullPage: true });
  });
});
