import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParticipantSnapshot } from '../../shared/protocol/views.ts';
import { createSession, joinSession, TestClient } from '../support/clients.ts';
import { cid } from '../support/ids.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { axeViolations, describeViolations, launch, phoneContext, SCREENSHOTS } from './support/browser.ts';

/**
 * A facilitator on a laptop beats a troll mid-round: the hostile note was written 200 notes ago,
 * the search finds it, the facilitator hides it and mutes whoever wrote it; the troll's phone,
 * and only theirs, says so.
 */

const SCREEN = { width: 1366, height: 800 };
const HOSTILE = 'This whole café is a farce and you are all idiots';
const OTHERS = ['Zanele Mokoena', 'Øystein Bråten', 'Nguyễn Thị Lan', 'فاطمة الزهراء', 'Jürgen Weiß', 'Aigerim Bekova', 'Tomás Aranda', 'Priya Raghunathan'];
const POINTS = [
  'Digital identity should stay optional for public services',
  'Fund the maintainers, not only the launches',
  'Consultations need translation budgets from the start',
  'Publish the minutes in plain language within a week',
  'Les données publiques doivent rester ouvertes',
  'يجب أن تبقى الهوية الرقمية اختيارية',
];

describe('moderation in real browsers', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('finds a hostile note 200 notes later, hides it and mutes its author, on a laptop; the author’s phone alone says so', async () => {
    const session = await createSession(server.url, { rounds: 2 });
    const staff = await TestClient.connect(server.url, session.facilitatorToken);

    // The troll joins on their phone.
    const phone = await (await phoneContext(browser)).newPage();
    await phone.goto(session.joinUrl);
    await phone.getByLabel('Your name').fill('Kwame Mensah');
    await phone.getByLabel('Government', { exact: true }).check();
    await phone.getByLabel('In the room', { exact: true }).check();
    await phone.getByRole('button', { name: 'Join the café' }).click();
    await phone.getByTestId('lobby').waitFor();
    // Eight others, on their own sockets.
    const others: TestClient[] = [];
    for (const name of OTHERS) others.push(await TestClient.connect(server.url, (await joinSession(server.url, session.code, { name })).participantToken));

    expect(await staff.send('seating:assign', {})).toMatchObject({ ok: true, seated: 9 });
    expect(await staff.send('round:start', { round: 1 })).toEqual({ ok: true });
    await phone.getByTestId('composer').waitFor();
    await phone.getByLabel('Your note').fill(HOSTILE);
    await phone.getByRole('button', { name: 'Send' }).click();
    await phone.getByTestId('notes-current').getByText(HOSTILE).waitFor();

    // Then 200 notes from everyone else, at their own tables.
    const seats = others.map((c) => c.received('seat:changed').at(-1)?.table?.id ?? (c.snapshot as ParticipantSnapshot).seat.table!.id);
    for (let i = 0; i < 200; i++) {
      const k = i % others.length;
      const result = await others[k]!.send('note:add', {
        id: cid(`n-${i}`),
        tableId: seats[k]!,
        round: 1,
        text: `${POINTS[i % POINTS.length]} (${i})`,
        kind: 'idea',
      });
      expect(result, `note ${i}`).toMatchObject({ ok: true });
    }

    // The facilitator, on a laptop, opens moderation during the round.
    const laptop = await browser.newContext({ viewport: SCREEN, deviceScaleFactor: 1, bypassCSP: true, locale: 'en-GB' });
    laptop.setDefaultTimeout(10_000);
    const console_ = await laptop.newPage();
    await console_.goto(session.facilitatorUrl);
    await console_.getByTestId('open-moderation').click();
    const moderation = console_.getByTestId('moderation');
    await expect.poll(() => moderation.getByTestId('mod-count').textContent()).toBe('100 of 201 notes');
    await shot(console_, '19-moderation-open.laptop.1366x800');
    await moderation.getByTestId('mod-search').fill('FARCE idiots');
    await expect.poll(() => moderation.getByTestId('mod-count').textContent()).toBe('1 of 1 note');
    const row = moderation.getByTestId('mod-note').filter({ hasText: HOSTILE });
    await row.getByRole('button', { name: 'Hide' }).click();
    await console_.getByTestId('toasts').getByText('1 note hidden').waitFor();
    await row.getByText('Hidden', { exact: true }).waitFor();
    // Nothing the facilitator sees names the troll.
    await row.getByRole('button', { name: 'Mute its author' }).click();
    await expect.poll(() => row.getByRole('group').last().textContent()).toContain('you do not learn who it is');
    await row.getByRole('button', { name: 'Yes, do it' }).click();
    await console_.getByTestId('toasts').getByText('Muted. Only its author was told.').waitFor();

    const violations = await axeViolations(console_);
    expect(violations, describeViolations(violations)).toEqual([]);
    await moderation.scrollIntoViewIfNeeded();
    await shot(console_, '20-moderation-muted.laptop.1366x800');

    // The troll's phone: the note is gone from their table, and the notice is theirs alone.
    await phone.getByTestId('muted-notice').waitFor();
    await expect.poll(() => phone.getByTestId('notes-current').getByText(HOSTILE).count()).toBe(0);
    await shot(phone, '21-muted-notice.phone');
    for (const other of others) expect(other.received('moderation:muted')).toEqual([]);
    // The roster row of the troll did not move: still active, still seated.
    const roster = (await staff.sync()) as { participants: { name: string; status: string; tableId: string | null }[] };
    expect(roster.participants.find((p) => p.name === 'Kwame Mensah')).toMatchObject({ status: 'active', tableId: expect.any(String) });

    for (const c of [staff, ...others]) c.close();
  }, 120_000);
});

async function shot(page: Page, name: string) {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), animations: 'disabled' });
}
