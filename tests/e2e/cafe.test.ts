import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../support/server.ts';
import { join } from 'node:path';
import { expectAccessible, LAPTOP, laptopContext, launch, phoneContext, SCREENSHOTS, screenshotBoth } from './support/browser.ts';

/**
 * One café from start to finish in headless Chromium: a facilitator on a laptop, six people on
 * phones in separate browser contexts, and the room display. The steps share one session, so
 * they run in order; each waits for what a person would see, never for a fixed time.
 */

const GROUPS = ['Government', 'Private sector', 'Civil society', 'Technical community', 'Academia', 'Government'];

interface Person {
  name: string;
  context: BrowserContext;
  page: Page;
  /** Table id per round, read from the screen. */
  tables: Record<number, string>;
}

let server: TestServer;
let browser: Browser;
let console_: Page;
let display: Page;
let joinUrl: string;
let sessionId: string;
/** The table the facilitator gives a host: it stays open every round, so its notes meet newcomers. */
let hostTable: string;
const people: Person[] = [];
const NOTE = 'Identity must stay optional for public services';

/** Seconds on the countdown a person sees. */
function countdownSeconds(page: Page): Promise<number> {
  return page
    .locator('[data-testid="countdown"] .countdown__time')
    .first()
    .evaluate((el) => {
      const parts = (el.textContent ?? '').split(':').map(Number);
      return parts.reduce((acc, n) => acc * 60 + n, 0);
    });
}

const tableOf = (page: Page) => page.getByTestId('my-table').getAttribute('data-table-id');

/** Where the "Next seating" panel puts each person, by name. */
async function previewedSeats(page: Page): Promise<Map<string, string>> {
  const seats = new Map<string, string>();
  const tables = page.getByTestId('seating-preview').getByTestId('preview-round').first().getByTestId('preview-table');
  for (const table of await tables.all()) {
    const id = (await table.getAttribute('data-table-id'))!;
    for (const name of await table.locator('.pperson__name').allTextContents()) seats.set(name, id);
  }
  return seats;
}

describe('a World Café in real browsers', () => {
  beforeAll(async () => {
    server = await startServer();
    browser = await launch();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('creates a session from the template in one click', async () => {
    const context = await laptopContext(browser);
    console_ = await context.newPage();
    await console_.goto(`${server.url}/`);
    await expect.poll(() => console_.getByRole('heading', { level: 1 }).textContent()).toContain('World Café');
    await expectAccessible(console_, 'home');
    await screenshotBoth(console_, '01-home');

    await console_.getByRole('link', { name: 'Create a session' }).click();
    await console_.getByRole('button', { name: 'Create this café' }).waitFor();
    await expectAccessible(console_, 'new session');
    await screenshotBoth(console_, '02-new-session', { fullPage: true });

    await console_.getByRole('button', { name: 'Create this café' }).click();
    await console_.getByTestId('controls').waitFor();
    // The facilitator token is kept on the device and taken out of the address bar.
    expect(new URL(console_.url()).hash).toBe('');
    sessionId = new URL(console_.url()).pathname.split('/').pop()!;
    joinUrl = await console_.getByTestId('join-url').inputValue();
    expect(joinUrl).toMatch(/\/join\/[A-Z0-9]{6}$/);
    await expect.poll(() => console_.getByTestId('table-card').count()).toBe(3);

    display = await (await laptopContext(browser)).newPage();
    await display.goto(`${server.url}/display/${joinUrl.split('/').pop()}`);
    await display.getByTestId('display-code').waitFor();
    expect(await display.getByTestId('display-table').count()).toBe(3);
  });

  it('six people join on phones through the join link', async () => {
    for (const [i, group] of GROUPS.entries()) {
      const context = await phoneContext(browser);
      const page = await context.newPage();
      const name = `Person ${i + 1}`;
      await page.goto(joinUrl);
      await page.getByLabel('Your name').fill(name);
      if (i === 0) {
        await expect.poll(() => page.getByTestId('chatham').textContent()).toContain('Chatham House');
        await expectAccessible(page, 'join');
        await screenshotBoth(page, '03-join');
      }
      await page.getByLabel(group, { exact: true }).check();
      await page.getByLabel(i === 5 ? 'Remotely' : 'In the room', { exact: true }).check();
      await page.getByRole('button', { name: 'Join the café' }).click();
      await page.getByTestId('lobby').waitFor();
      if (i === 0) {
        await expectAccessible(page, 'participant lobby');
        await screenshotBoth(page, '04-participant-lobby');
      }
      people.push({ name, context, page, tables: {} });
    }
    await expect.poll(() => console_.getByTestId('lobby').getByTestId('person').count()).toBe(6);
    await expect.poll(() => display.locator('.display__joined').textContent()).toContain('6 participants');
  });

  it('the facilitator sees the next seating before seating everyone', async () => {
    const panel = console_.getByTestId('seating-preview');
    // People joined after the console opened its preview: it says so, and Refresh brings everyone in.
    await expect.poll(() => panel.getAttribute('data-status')).toBe('stale');
    await panel.getByRole('button', { name: 'Refresh' }).click();
    await expect.poll(() => panel.getByTestId('preview-person').count()).toBe(6);
    await expect.poll(() => panel.getAttribute('data-status')).toBe('proposal');
    expect(await panel.getByRole('heading', { level: 2 }).textContent()).toContain('Round 1');
    // Two figures, each with its own fewest possible: every extra meeting, and the pairs that meet again counted once.
    await panel.getByTestId('plan-figures').getByText('Extra meetings').waitFor();
    await panel.getByTestId('plan-figures').getByText('Pairs meeting again').waitFor();
    await panel.getByText(/of the best possible/).waitFor();
    // Six people for three tables: one stays closed this round, and the console says which and why.
    await panel.getByText(/Closed this round/).waitFor();
    await expectAccessible(console_, 'console with the seating preview in the lobby');
    await screenshotBoth(console_, '05a-seating-lobby', { fullPage: true });
  });

  it('the facilitator seats everyone, makes a host and starts round 1', async () => {
    await console_.getByRole('button', { name: /Seat everyone/ }).click();
    await expect.poll(() => console_.getByTestId('lobby').getByTestId('person').count()).toBe(0);
    await console_.getByTestId('toasts').getByText('Everyone waiting has a seat').waitFor();

    // The first person at the first table with people hosts it (six people, at least three a table: one table stays closed).
    const firstCard = console_
      .getByTestId('table-card')
      .filter({ has: console_.getByTestId('person') })
      .first();
    hostTable = (await firstCard.getAttribute('data-table-id'))!;
    const firstPerson = firstCard.getByTestId('person').first();
    await firstPerson.getByRole('button', { name: /Manage/ }).click();
    await firstPerson.getByRole('button', { name: 'Make table host' }).click();
    await firstCard.locator('.badge--host').waitFor();

    await console_.getByRole('button', { name: 'Start round 1' }).click();
    await expect.poll(() => console_.getByTestId('phase').getAttribute('data-phase')).toBe('round');
    for (const p of people) {
      await p.page.getByTestId('my-table').waitFor();
      p.tables[1] = (await tableOf(p.page))!;
    }
    // Two tables of three rather than three of two: nobody sits where a table of two would name its authors.
    expect(new Set(people.map((p) => p.tables[1])).size).toBe(2);
    // isVisible() answers a promise: each phone is asked in turn, and the count is of the answers.
    await expect
      .poll(async () => (await Promise.all(people.map((p) => p.page.getByText('You host this table').isVisible()))).filter(Boolean).length)
      .toBeGreaterThan(0);
    await expectAccessible(console_, 'console in round 1');
    await screenshotBoth(console_, '05-console-round');
  });

  it('a note reaches the table peers and the dashboard, and no other table', async () => {
    const author = people.find((p) => p.tables[1] === hostTable)!;
    const table = author.tables[1]!;
    await author.page.getByRole('button', { name: 'Idea' }).click();
    await author.page.getByLabel('Your note').fill(NOTE);
    await author.page.getByRole('button', { name: 'Send' }).click();

    const peers = people.filter((p) => p !== author && p.tables[1] === table);
    const others = people.filter((p) => p.tables[1] !== table);
    expect(peers.length).toBeGreaterThan(0);
    for (const p of [author, ...peers]) await p.page.getByTestId('notes-current').getByText(NOTE).waitFor();
    await console_.locator(`[data-testid="table-card"][data-table-id="${table}"]`).getByText(NOTE).waitFor();
    // The note reached everyone who should see it; nobody else has it.
    for (const p of others) expect(await p.page.getByText(NOTE).count()).toBe(0);
    await expect.poll(() => author.page.locator('.note--pending').count()).toBe(0);
    await expectAccessible(author.page, 'my table');
    await screenshotBoth(author.page, '06-my-table');
    await screenshotBoth(peers[0]!.page, '07-my-table-peer');
  });

  it('+5 minutes shows on every phone and on the room display', async () => {
    const before = await countdownSeconds(people[0]!.page);
    await console_.getByRole('button', { name: '+5 min' }).click();
    const extended = before + 4 * 60;
    for (const page of [...people.map((p) => p.page), display, console_]) {
      await expect.poll(() => countdownSeconds(page), { timeout: 5000 }).toBeGreaterThan(extended);
    }

    await console_.getByRole('button', { name: 'Pause' }).click();
    for (const p of people) await p.page.locator('[data-testid="countdown"][data-state="paused"]').waitFor();
    await display.locator('[data-testid="countdown"][data-state="paused"]').waitFor();
    await console_.getByRole('button', { name: 'Resume' }).click();
    for (const p of people) await p.page.locator('[data-testid="countdown"][data-state="running"]').waitFor();

    await expectAccessible(display, 'display in a round');
    await screenshotBoth(display, '08-display-round');
  });

  it('fits the join code inside its card on the room display, even the widest code, on common screens', async () => {
    /** How far the code's letters stay inside the card's padding on each side, and their size. */
    const measure = (text: string | null) =>
      display.evaluate((wide) => {
        const card = document.querySelector('.display__join')!;
        const real = document.querySelector<HTMLElement>('[data-testid="display-code"]')!;
        // The widest possible code goes in a copy, next to the real one, so React's nodes are left alone.
        const code = wide ? (card.insertBefore(real.cloneNode(false), real) as HTMLElement) : real;
        if (wide) code.textContent = wide;
        const box = card.getBoundingClientRect();
        const pad = parseFloat(getComputedStyle(card).paddingLeft);
        const range = document.createRange();
        range.selectNodeContents(code);
        const letters = range.getBoundingClientRect();
        const result = { left: letters.left - (box.left + pad), right: box.right - pad - letters.right, px: parseFloat(getComputedStyle(code).fontSize) };
        if (wide) code.remove();
        return result;
      }, text);
    for (const [width, height] of [
      [1366, 768],
      [1920, 1080],
      [1280, 720],
    ] as const) {
      await display.setViewportSize({ width, height });
      for (const text of [null, 'WWWWWW']) {
        const fit = await measure(text);
        expect(fit.left, `${text ?? 'the code'} at ${width}×${height}`).toBeGreaterThanOrEqual(0);
        expect(fit.right, `${text ?? 'the code'} at ${width}×${height}`).toBeGreaterThanOrEqual(0);
        // Still large type, to be read from the back of the room.
        expect(fit.px).toBeGreaterThanOrEqual(36);
      }
      await display.screenshot({ path: join(SCREENSHOTS, `15-display-code.${width}x${height}.png`), animations: 'disabled' });
    }
    await display.setViewportSize(LAPTOP);
  });

  it('a broadcast appears as a banner on every phone and on the room display', async () => {
    const message = 'Five minutes left: agree on one key insight';
    await console_.getByLabel('Message', { exact: true }).fill(message);
    await console_.getByRole('button', { name: 'Send to all' }).click();
    for (const page of [...people.map((p) => p.page), display]) await page.getByTestId('broadcast').getByText(message).waitFor();
    await screenshotBoth(people[2]!.page, '08b-broadcast');
    await people[2]!.page.getByTestId('broadcast').getByRole('button', { name: 'Dismiss' }).click();
    await expect.poll(() => people[2]!.page.getByTestId('broadcast').count()).toBe(0);
  });

  let accepted: Map<string, string>;

  it('the facilitator previews the next seating, reshuffles it and accepts it', async () => {
    const panel = console_.getByTestId('seating-preview');
    await expect.poll(() => panel.getByRole('heading', { level: 2 }).textContent()).toContain('Round 2');
    await expect.poll(() => panel.getAttribute('data-status')).toBe('proposal');
    // The host stays at their table in the preview, marked as such.
    const host = panel.getByTestId('preview-person').filter({ has: console_.locator('.badge--host') });
    expect(await host.count()).toBe(1);

    const reshuffle = panel.getByRole('button', { name: 'Reshuffle' });
    await reshuffle.click();
    await panel.getByText('Reshuffle 1').waitFor();
    // Keyboard users stay where they were while the new plan arrives.
    expect(await reshuffle.evaluate((el) => el === document.activeElement)).toBe(true);
    accepted = await previewedSeats(console_);
    expect(accepted.size).toBe(6);

    await panel.getByRole('button', { name: 'Accept' }).click();
    await console_.getByTestId('toasts').getByText('Seating plan accepted').waitFor();
    await expect.poll(() => panel.getAttribute('data-status')).toBe('accepted');
    await console_
      .getByTestId('plan-summary')
      .getByText(/Rounds 2–3/)
      .waitFor();
    expect(await previewedSeats(console_)).toEqual(accepted);
    // The rounds after the next one are there on request, each with its own figures.
    await panel.getByLabel('Also show round 3').check();
    const later = panel.getByTestId('preview-later');
    await later.first().waitFor();
    await later.first().locator('summary').click();
    await expect.poll(() => later.first().getByTestId('preview-person').count()).toBe(6);
    await expectAccessible(console_, 'console with an accepted seating plan');
    await screenshotBoth(console_, '05b-seating-accepted', { fullPage: true });
  });

  it('the next round moves people, and they find the earlier notes at their new table', async () => {
    await console_.getByRole('button', { name: 'End round 1' }).click();
    // Ending a round cannot be undone: the console asks once more.
    await console_
      .getByRole('group', { name: /End round 1 now/ })
      .getByRole('button', { name: 'Yes, do it' })
      .click();
    for (const p of people) await p.page.getByTestId('rotation').waitFor();
    // One phone is told it hosts its table and stays; travellers are told where to go.
    await expect
      .poll(async () => (await Promise.all(people.map((p) => p.page.getByRole('heading', { name: /you host it/ }).count()))).reduce((a, b) => a + b))
      .toBe(1);
    const moving = await Promise.all(people.map((p) => p.page.getByRole('heading', { name: /^Move to/ }).isVisible()));
    expect(moving.filter(Boolean).length).toBeGreaterThan(0);
    await expect.poll(() => display.getByTestId('display-phase').textContent()).toContain('Time to move');
    await expect.poll(() => display.locator('.dtable__flows').first().textContent()).toMatch(/→|stay/);
    await expectAccessible(people[0]!.page, 'rotation card');
    for (const p of people) {
      if (await p.page.getByRole('heading', { name: /^Move to/ }).isVisible()) {
        await screenshotBoth(p.page, '09-rotation-move');
        break;
      }
    }
    await screenshotBoth(display, '10-display-moving');

    await console_.getByRole('button', { name: 'Start round 2' }).click();
    for (const p of people) {
      await p.page.getByTestId('my-table').waitFor();
      await expect.poll(() => p.page.getByTestId('rotation').count()).toBe(0);
      p.tables[2] = (await tableOf(p.page))!;
    }
    // Everyone sits exactly where the accepted preview said.
    expect(new Map(people.map((p) => [p.name, p.tables[2]!]))).toEqual(accepted);
    // The hosted table stays open, and its travellers leave for a new question, so others take their seats.
    const noteTable = hostTable;
    const newcomers = people.filter((p) => p.tables[2] === noteTable && p.tables[1] !== noteTable);
    expect(newcomers.length, 'somebody new sits at the table of the first note').toBeGreaterThan(0);
    for (const p of newcomers) {
      const earlier = p.page.getByTestId('notes-earlier');
      await earlier.locator('summary').first().click();
      await earlier.getByText(NOTE).waitFor();
      expect(await p.page.getByTestId('notes-current').getByText(NOTE).count()).toBe(0);
    }
    await screenshotBoth(newcomers[0]!.page, '11-new-table-earlier-notes');
  });

  it('a note written offline survives a reload and arrives exactly once', async () => {
    const p = people[3]!;
    const text = 'Written on dead venue Wi-Fi';
    await p.page.locator('html[data-offline-ready="true"]').waitFor({ state: 'attached' });
    await p.context.setOffline(true);
    await expect.poll(() => p.page.getByTestId('connection').getAttribute('data-status')).toBe('offline');
    await p.page.getByLabel('Your note').fill(text);
    await p.page.getByRole('button', { name: 'Send' }).click();
    await p.page.locator('.note--pending').getByText(text).waitFor();
    await expect.poll(() => p.page.getByTestId('connection').textContent()).toContain('1 note waiting');
    await screenshotBoth(p.page, '12-offline-pending');

    await p.page.reload();
    await p.page.locator('.note--pending').getByText(text).waitFor();
    expect(await p.page.getByTestId('connection').getAttribute('data-status')).toBe('offline');

    await p.context.setOffline(false);
    await expect.poll(() => p.page.getByTestId('connection').getAttribute('data-status'), { timeout: 15_000 }).toBe('connected');
    await expect.poll(() => p.page.locator('.note--pending').count(), { timeout: 15_000 }).toBe(0);
    await p.page.getByTestId('notes-current').getByText(text).waitFor();
    await console_.getByText(text).waitFor();

    const runtime = await server.app.registry.get(sessionId);
    const copies = [...runtime!.state.notes.values()].filter((n) => n.text === text);
    expect(copies).toHaveLength(1);
    expect(await console_.getByText(text).count()).toBe(1);
    expect(await p.page.getByText(text).count()).toBe(1);

    // Hiding it takes it off every phone at the table; the dashboard keeps it, marked.
    const row = console_.locator('.fnote').filter({ hasText: text });
    await row.getByRole('button', { name: 'Hide', exact: true }).click();
    await row.getByText('Hidden').waitFor();
    const table = p.tables[2]!;
    for (const q of people.filter((x) => x.tables[2] === table)) await expect.poll(() => q.page.getByText(text).count()).toBe(0);
  });

  it('a participant edits and deletes their notes, on line and off, and their table peer sees both', async () => {
    const author = people[0]!;
    const table = author.tables[2]!;
    const peer = people.find((p) => p !== author && p.tables[2] === table)!;
    const note = (page: Page, text: string) => page.getByTestId('notes-current').locator('.note').filter({ hasText: text });
    const write = async (text: string) => {
      await author.page.getByLabel('Your note').fill(text);
      await author.page.getByRole('button', { name: 'Send' }).click();
      await note(peer.page, text).waitFor();
    };

    // The phone's own clock is the test's: the five seconds Undo waits pass at once, when the story says so.
    await author.page.clock.install();
    const undoTimesOut = () => author.page.clock.fastForward(5_100);

    // Edit in place: the peer sees the new words, marked as edited.
    await write('Open source by default');
    await note(author.page, 'Open source by default').getByRole('button', { name: 'Edit' }).click();
    const editor = author.page.getByTestId('notes-current').getByLabel('Your note');
    await expect.poll(() => editor.evaluate((el) => el === document.activeElement)).toBe(true);
    await editor.fill('Open source by default, with money to maintain it');
    await expectAccessible(author.page, 'editing a note');
    await screenshotBoth(author.page, '16-note-edit');
    await author.page.getByTestId('notes-current').getByRole('button', { name: 'Save' }).click();
    await note(peer.page, 'with money to maintain it').getByText('Edited').waitFor();
    // Back from the editor, the keyboard is where it was.
    expect(await author.page.evaluate(() => document.activeElement?.textContent)).toBe('Edit');

    // Delete, change your mind, then delete for good: it leaves the peer's phone too.
    const mine = note(author.page, 'with money to maintain it');
    await mine.getByRole('button', { name: 'Delete' }).click();
    const undo = author.page.getByRole('button', { name: 'Undo' });
    await undo.waitFor();
    await screenshotBoth(author.page, '17-note-deleted-undo');
    await undo.click();
    await mine.getByRole('button', { name: 'Delete' }).click();
    await undoTimesOut();
    await expect.poll(() => note(peer.page, 'with money to maintain it').count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => author.page.getByText('with money to maintain it').count()).toBe(0);

    // Off line: an edit and a deletion wait on the phone with the note they change, and go out once.
    await write('Public money, public code');
    await write('Fund the maintainers');
    await author.context.setOffline(true);
    await expect.poll(() => author.page.getByTestId('connection').getAttribute('data-status')).toBe('offline');
    await note(author.page, 'Public money, public code').getByRole('button', { name: 'Edit' }).click();
    await author.page.getByTestId('notes-current').getByLabel('Your note').fill('Public money, public code, public audits');
    await author.page.getByTestId('notes-current').getByRole('button', { name: 'Save' }).click();
    await note(author.page, 'Fund the maintainers').getByRole('button', { name: 'Delete' }).click();
    await undoTimesOut();
    await expect.poll(() => author.page.getByRole('button', { name: 'Undo' }).count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => author.page.getByTestId('connection').textContent()).toContain('2 notes waiting');
    expect(await note(author.page, 'public audits').getByText('Waiting to send').count()).toBe(1);
    // Written and deleted off line, and the network back before Undo has timed out: those words never leave the phone.
    await author.page.getByLabel('Your note').fill('Something I would rather not have said');
    await author.page.getByRole('button', { name: 'Send' }).click();
    await note(author.page, 'rather not have said').getByRole('button', { name: 'Delete' }).click();

    await author.context.setOffline(false);
    await undoTimesOut();
    await note(peer.page, 'public audits').getByText('Edited').waitFor({ timeout: 15_000 });
    await expect.poll(() => note(peer.page, 'Fund the maintainers').count(), { timeout: 15_000 }).toBe(0);
    await expect.poll(() => author.page.getByRole('button', { name: 'Undo' }).count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => author.page.getByTestId('connection').textContent()).not.toContain('waiting');
    const log = await server.store.readSince(sessionId, 0);
    const facts = (type: string, text?: string) => log.filter((e) => e.type === type && (!text || JSON.stringify(e).includes(text)));
    expect(facts('note:edited', 'public audits')).toHaveLength(1);
    const funded = facts('note:added', 'Fund the maintainers')[0] as { noteId: string };
    expect(log.filter((e) => e.type === 'note:deleted' && e.noteId === funded.noteId)).toHaveLength(1);
    expect(JSON.stringify(log)).not.toContain('rather not have said');
  });

  it('the dashboard rebuilds from the server after a reload', async () => {
    await console_.reload();
    await console_.getByTestId('controls').waitFor();
    await expect.poll(() => console_.getByTestId('phase').getAttribute('data-phase')).toBe('round');
    await console_.getByText(NOTE).first().waitFor();
    expect(await console_.getByTestId('person').count()).toBe(6);
    await expectAccessible(console_, 'console with notes');
    await screenshotBoth(console_, '14-console-notes', { fullPage: true });
  });

  it('the facilitator moves a person to another table', async () => {
    const p = people[4]!;
    const from = p.tables[2]!;
    const row = console_.getByTestId('person').filter({ hasText: p.name });
    await row.getByRole('button', { name: /Manage/ }).click();
    const select = row.getByLabel(`Move ${p.name} to`);
    const target = (await select.locator('option').allTextContents()).find((name) => name && !name.startsWith('Move to'))!;
    await select.selectOption({ label: target });
    await row.getByRole('button', { name: 'Move', exact: true }).click();
    // Six people at two tables of three: the move leaves two behind (or one alone at the closed table), and the console says what that risks first.
    await row
      .getByRole('alert')
      .getByText(/anyone who sees seats would know who wrote its notes/)
      .waitFor();
    await screenshotBoth(console_, '14b-move-small-table');
    await row.getByRole('button', { name: 'Move anyway' }).click();
    // Moved during the round: the phone says so with the same card as a rotation.
    const card = p.page.getByTestId('rotation');
    await card.getByRole('heading', { name: `Move to ${target}` }).waitFor();
    await card.getByText('The facilitator moved you').waitFor();
    await card.getByRole('button', { name: 'I’m on my way' }).click();
    await expect.poll(() => p.page.getByTestId('table-name').textContent()).toBe(target);
    expect(await tableOf(p.page)).not.toBe(from);
    p.tables[2] = (await tableOf(p.page))!;
  });

  it('a removed participant is told so, and their link stops working', async () => {
    const p = people[5]!;
    const row = console_.getByTestId('person').filter({ hasText: p.name });
    await row.getByRole('button', { name: /Manage/ }).click();
    await row.getByRole('button', { name: 'Remove from session' }).click();
    await row.getByRole('button', { name: 'Yes, do it' }).click();
    await p.page.getByTestId('ended').getByText('The facilitator removed you').waitFor();
    await p.page.reload();
    await p.page.getByTestId('ended').waitFor();
    await expect.poll(() => console_.getByTestId('person').count()).toBe(5);
  });

  it('a participant leaves, and is asked to join again', async () => {
    const p = people[1]!;
    await p.page.getByRole('button', { name: 'Leave this session' }).click();
    await p.page.getByText('Leave this café?').waitFor();
    await expectAccessible(p.page, 'leaving');
    await screenshotBoth(p.page, '18-leave-confirm');
    await p.page.getByRole('button', { name: 'Leave', exact: true }).click();
    await p.page.getByTestId('ended').getByRole('heading', { name: 'You left this session' }).waitFor();
    await screenshotBoth(p.page, '19-left');
    // This phone forgets the session: no token, no saved view, nothing waiting.
    const remembered = await p.page.evaluate((sid) => Object.keys(localStorage).filter((k) => k.includes(sid)), sessionId);
    expect(remembered).toEqual([]);
    await expect.poll(() => console_.getByTestId('person').filter({ hasText: p.name }).count()).toBe(0);

    await p.page.reload();
    await p.page.getByRole('link', { name: 'Enter a code' }).waitFor();
    await p.page.goto(`${server.url}/p/${sessionId}`);
    await p.page.getByRole('heading', { name: 'You have not joined this café on this device' }).waitFor();
  });

  it('lets a person join with the keyboard alone, with a visible focus ring', async () => {
    const context = await phoneContext(browser);
    const page = await context.newPage();
    await page.goto(joinUrl);
    await page.getByLabel('Your name').focus();
    await page.keyboard.type('Keyboard Kim');
    await page.keyboard.press('Tab'); // past the optional other spelling of the name
    await page.keyboard.press('Tab'); // into the stakeholder groups
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Tab'); // into "where from"
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Tab'); // the join button
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      return { text: el.textContent, outline: getComputedStyle(el).outlineStyle, width: getComputedStyle(el).outlineWidth };
    });
    expect(focused.text).toBe('Join the café');
    expect(focused.outline).not.toBe('none');
    expect(parseFloat(focused.width)).toBeGreaterThanOrEqual(2);
    expect(await page.getByLabel('Remotely').isChecked()).toBe(true);
    await page.keyboard.press('Enter');
    // A late joiner is seated at once during a round.
    await page.getByTestId('my-table').waitFor();
    await context.close();
  });

  it('creates a session from the form, then starts another from its setup', async () => {
    await console_.goto(`${server.url}/new`);
    await console_.getByLabel('Title', { exact: true }).fill('Second café on open data');
    await console_.getByRole('button', { name: 'Add a table' }).click();
    await console_.getByLabel('Guiding question').last().fill('What should stay closed?');
    await console_.getByRole('button', { name: 'Create session' }).click();
    await console_.getByTestId('controls').waitFor();
    await expect.poll(() => console_.getByTestId('table-card').count()).toBe(4);

    await console_.goto(`${server.url}/new`);
    await console_.getByRole('button', { name: /Use its setup.*Second café on open data/ }).click();
    await expect.poll(() => console_.getByLabel('Title', { exact: true }).inputValue()).toBe('Second café on open data');
    expect(await console_.getByLabel('Guiding question').count()).toBe(4);
  });

  it('speaks French to a French browser, with a switch back to English', async () => {
    const context = await phoneContext(browser, { locale: 'fr-FR' });
    const page = await context.newPage();
    await page.goto(joinUrl);
    await page.getByRole('button', { name: 'Rejoindre le café' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    await screenshotBoth(page, '13-join-fr');
    await page.getByLabel('Langue').selectOption('en');
    await page.getByRole('button', { name: 'Join the café' }).waitFor();
    await context.close();
  });

  it('shows a plenary’s projector the questions and how many sit at each, not forty table cards', async () => {
    const tables = Array.from({ length: 40 }, (_, i) => ({ question: `How should region ${(i % 4) + 1} fund public code?` }));
    const res = await fetch(`${server.url}/api/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Regional plenary', tables, rounds: 2, roundSeconds: 600, movingSeconds: 60, autoAdvance: false }),
    });
    const { code } = (await res.json()) as { code: string };
    const context = await laptopContext(browser);
    const projector = await context.newPage();
    await projector.setViewportSize({ width: 1920, height: 1080 });
    await projector.goto(`${server.url}/display/${code}`);
    await projector.getByTestId('display-question').first().waitFor();
    expect(await projector.getByTestId('display-question').allTextContents()).toEqual(
      [1, 2, 3, 4].map((r) => `How should region ${r} fund public code?10 tables · nobody seated yet`),
    );
    expect(await projector.getByTestId('display-table').count()).toBe(0);
    // Everything fits on the screen at the front of the room.
    expect(await projector.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(1080);
    await expectAccessible(projector, 'plenary display');
    await projector.screenshot({ path: join(SCREENSHOTS, '20-display-plenary.1920x1080.png') });
    await context.close();
  });
});
