import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParticipantSnapshot } from '../../shared/protocol/views.ts';
import { createSession, joinSession, TestClient, type CreatedSession } from '../support/clients.ts';
import { cid } from '../support/ids.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { axeViolations, describeViolations, launch, phoneContext, SCREENSHOTS } from './support/browser.ts';

/**
 * What the phones and the projector must not miss at a real café: people scroll down to write,
 * so a broadcast comes to them wherever they are; the projector drops it with its phase.
 */

const DISPLAY = { width: 1920, height: 1080 };
const OTHERS = ['Zanele Mokoena', 'Øystein Bråten', 'Nguyễn Thị Lan', 'فاطمة الزهراء', 'Jürgen Weiß', 'Aigerim Bekova', 'Tomás Aranda'];
const POINTS = [
  'Digital identity should stay optional for public services',
  'Fund the maintainers, not only the launches',
  'Consultations need translation budgets from the start',
  'Les données publiques doivent rester ouvertes',
  'يجب أن تبقى الهوية الرقمية اختيارية',
];

let server: TestServer;
let browser: Browser;
let session: CreatedSession;
let staff: TestClient;
let phone: Page;
let display: Page;
const others: TestClient[] = [];

/** The phone records each vibration it is asked for; the page cannot tell it from the real one. */
async function recordingVibrations(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const calls: unknown[] = [];
    (window as unknown as { vibrations: unknown[] }).vibrations = calls;
    Object.defineProperty(Navigator.prototype, 'vibrate', { configurable: true, value: (pattern: unknown) => (calls.push(pattern), true) });
  });
}

const vibrations = (page: Page) => page.evaluate(() => (window as unknown as { vibrations: unknown[] }).vibrations.length);

/** Whether an element is inside the part of the page the person sees now. */
function inViewport(page: Page, testId: string): Promise<boolean> {
  return page
    .getByTestId(testId)
    .first()
    .evaluate((el) => {
      const r = el.getBoundingClientRect();
      return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight;
    });
}

/** Seconds on the countdown a person sees. */
function countdownSeconds(page: Page): Promise<number> {
  return page
    .locator('[data-testid="countdown"] .countdown__time')
    .first()
    .evaluate((el) =>
      (el.textContent ?? '')
        .split(':')
        .map(Number)
        .reduce((acc, n) => acc * 60 + n, 0),
    );
}

async function shot(page: Page, name: string) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), animations: 'disabled' });
}

describe('phones and the projector during a round', () => {
  beforeAll(async () => {
    server = await startServer();
    browser = await launch();
    session = await createSession(server.url, {
      rounds: 3,
      roundSeconds: 10 * 60,
      tables: [{ question: 'Who should govern digital identity?' }, { question: 'How do we fund open infrastructure?' }],
    });
    staff = await TestClient.connect(server.url, session.facilitatorToken);

    const context = await phoneContext(browser);
    await recordingVibrations(context);
    phone = await context.newPage();
    await phone.goto(session.joinUrl);
    await phone.getByLabel('Your name').fill('Kwame Mensah');
    await phone.getByLabel('Government', { exact: true }).check();
    await phone.getByLabel('In the room', { exact: true }).check();
    await phone.getByRole('button', { name: 'Join the café' }).click();
    await phone.getByTestId('lobby').waitFor();
    for (const name of OTHERS) others.push(await TestClient.connect(server.url, (await joinSession(server.url, session.code, { name })).participantToken));

    const screen = await browser.newContext({ viewport: DISPLAY, deviceScaleFactor: 1, bypassCSP: true, locale: 'en-GB' });
    screen.setDefaultTimeout(10_000);
    display = await screen.newPage();
    await display.goto(session.displayUrl);
    await display.getByTestId('display-phase').waitFor();

    expect(await staff.send('seating:assign', {})).toMatchObject({ ok: true, seated: 8 });
    expect(await staff.send('round:start', { round: 1 })).toEqual({ ok: true });
    await phone.getByTestId('composer').waitFor();
  }, 60_000);

  afterAll(async () => {
    for (const c of [staff, ...others]) c?.close();
    await browser?.close();
    await server?.stop();
  });

  it('shows a broadcast on a phone scrolled down to write, buzzes, and lets it be dismissed', async () => {
    // A long round: the table's notes run well below the fold.
    const tableId = (await phone.getByTestId('my-table').getAttribute('data-table-id'))!;
    const neighbours = [];
    for (const c of others) {
      await c.caughtUp();
      const at = c.received('seat:changed').at(-1)?.table?.id ?? (c.snapshot as ParticipantSnapshot).seat.table?.id;
      if (at === tableId) neighbours.push(c);
    }
    expect(neighbours.length).toBeGreaterThan(0);
    for (let i = 0; i < 14; i++) {
      const result = await neighbours[i % neighbours.length]!.send('note:add', {
        id: cid(`long-${i}`),
        tableId,
        round: 1,
        text: `${POINTS[i % POINTS.length]} (${i + 1})`,
        kind: 'idea',
      });
      expect(result, `note ${i}`).toMatchObject({ ok: true });
    }
    await expect.poll(() => phone.getByTestId('notes-current').locator('li').count()).toBeGreaterThanOrEqual(14);
    await phone.getByTestId('composer').waitFor();
    await phone.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await expect.poll(() => phone.evaluate(() => window.scrollY)).toBeGreaterThan(300);
    const before = await vibrations(phone);

    expect(await staff.send('broadcast:send', { text: 'Two minutes left: write your key insight now', commandId: cid('two-minutes') })).toEqual({ ok: true });
    await phone.getByTestId('broadcast').waitFor();
    // Still scrolled down, and the notice is in front of them.
    expect(await phone.evaluate(() => window.scrollY)).toBeGreaterThan(300);
    expect(await inViewport(phone, 'broadcast')).toBe(true);
    await expect.poll(() => vibrations(phone)).toBe(before + 1);
    await shot(phone, '40-broadcast-scrolled.phone.390x844');
    const violations = await axeViolations(phone);
    expect(violations, describeViolations(violations)).toEqual([]);

    await phone.getByTestId('broadcast').getByRole('button', { name: 'Dismiss' }).click();
    await expect.poll(() => phone.getByTestId('broadcast').count()).toBe(0);
  }, 60_000);

  it('drops the broadcast from the projector when the round ends, and after a reload', async () => {
    await display.getByTestId('broadcast').getByText('Two minutes left: write your key insight now').waitFor();
    await shot(display, '41-broadcast-display.display.1920x1080');
    expect(await staff.send('round:end', { round: 1 })).toEqual({ ok: true });
    await expect.poll(() => display.getByTestId('display-phase').textContent()).toContain('Time to move');
    expect(await display.getByTestId('broadcast').count()).toBe(0);
    await display.reload();
    await expect.poll(() => display.getByTestId('display-phase').textContent()).toContain('Time to move');
    expect(await display.getByTestId('broadcast').count()).toBe(0);
    await shot(display, '42-moving-no-broadcast.display.1920x1080');
  }, 60_000);

  it('warns phones, the projector and the console before the round ends, as long before as the facilitator set', async () => {
    const console_ = await (
      await browser.newContext({ viewport: { width: 1366, height: 800 }, deviceScaleFactor: 1, bypassCSP: true, locale: 'en-GB' })
    ).newPage();
    await console_.goto(session.facilitatorUrl);
    await console_.getByTestId('controls').waitFor();
    expect(await staff.send('round:start', { round: 2 })).toEqual({ ok: true });
    // From the first frame of the round, the phone and the projector show the same second.
    await phone.getByTestId('composer').waitFor();
    const seconds = await Promise.all([phone, display, console_].map((p) => countdownSeconds(p)));
    expect(Math.max(...seconds) - Math.min(...seconds), `phone, display, console: ${seconds.join(', ')}`).toBeLessThanOrEqual(1);
    expect(Math.min(...seconds)).toBeGreaterThan(9 * 60);
    // Ten minutes left, the warning one minute ahead: nothing yet.
    expect(await phone.getByTestId('round-warning').count()).toBe(0);
    expect(await display.getByTestId('round-warning').count()).toBe(0);

    await phone.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    const before = await vibrations(phone);
    // The facilitator wants ten minutes' warning: the round is inside it at once, on every screen.
    await console_.getByLabel('Warn every screen before a round ends').selectOption('600');
    await console_.getByTestId('toasts').getByText('Warning time saved.').waitFor();
    await phone.getByTestId('round-warning').getByText('Round 2 ends in under 10 minutes').waitFor();
    expect(await inViewport(phone, 'round-warning')).toBe(true);
    await expect.poll(() => vibrations(phone)).toBe(before + 1);
    await display.getByTestId('round-warning').getByText('Round 2 ends in under 10 minutes').waitFor();
    expect(await display.getByTestId('countdown').getAttribute('data-state')).toBe('ending');
    await console_.getByTestId('controls').getByTestId('round-warning').waitFor();
    expect(await console_.getByTestId('countdown').getAttribute('data-state')).toBe('ending');
    await shot(phone, '43-round-warning.phone.390x844');
    await shot(display, '44-round-warning.display.1920x1080');
    await shot(console_, '45-round-warning.laptop.1366x800');
    const violations = await axeViolations(phone);
    expect(violations, describeViolations(violations)).toEqual([]);

    // Set back to none: gone everywhere.
    expect(await staff.send('timer:warning', { seconds: 0 })).toEqual({ ok: true });
    await phone.getByTestId('round-warning').waitFor({ state: 'detached' });
    await display.getByTestId('round-warning').waitFor({ state: 'detached' });
    await console_.context().close();
  }, 60_000);

  it('shows a phone moved mid-round the same card as a rotation, tells a host at once, and keeps every kind of note in sight', async () => {
    const roster = (await staff.sync()) as { participants: { id: string; name: string; tableId: string | null }[]; tables: { id: string; name: string }[] };
    const me = roster.participants.find((p) => p.name === 'Kwame Mensah')!;
    const other = roster.tables.find((x) => x.id !== me.tableId)!;
    const before = await vibrations(phone);
    const moved = await staff.send('participant:move', { participantId: me.id, tableId: other.id });
    if (!moved.ok && moved.error === 'conflict')
      expect(await staff.send('participant:move', { participantId: me.id, tableId: other.id, smallTable: true })).toMatchObject({ ok: true });
    const card = phone.getByTestId('rotation');
    await card.getByRole('heading', { name: `Move to ${other.name}` }).waitFor();
    await card.getByText('The facilitator moved you').waitFor();
    await expect.poll(() => vibrations(phone)).toBeGreaterThan(before);
    await shot(phone, '46-moved-mid-round.phone.390x844');
    await card.getByRole('button', { name: 'I’m on my way' }).click();
    await expect.poll(() => phone.getByTestId('my-table').getAttribute('data-table-id')).toBe(other.id);

    // Named host mid-round: the phone says so at once.
    expect(await staff.send('host:assign', { tableId: other.id, participantId: me.id })).toMatchObject({ ok: true });
    await phone.getByTestId('you-host').waitFor();

    // Every kind of note is on screen, none off the edge.
    await phone.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    const chips = await phone
      .locator('.chips .chip')
      .evaluateAll((els) => els.map((el) => ({ text: el.textContent, right: el.getBoundingClientRect().right, left: el.getBoundingClientRect().left })));
    expect(chips.map((c) => c.text)).toEqual(['Idea', 'Question', 'Agreement', 'Disagreement', 'Action']);
    for (const c of chips) expect(c.right, `${c.text} is off the screen`).toBeLessThanOrEqual(390);
    await shot(phone, '47-composer-chips.phone.390x844');
  }, 60_000);
});
