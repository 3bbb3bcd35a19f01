import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParticipantSnapshot } from '../../shared/protocol/views.ts';
import { createSession, joinSession, TestClient, type CreatedSession } from '../support/clients.ts';
import { cid } from '../support/ids.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { axeViolations, describeViolations, launch, SCREENSHOTS } from './support/browser.ts';

/**
 * A facilitator reads their console on a 1366×800 laptop, in English and in French, with the
 * names and questions of a real international café: nothing is cut, nothing runs off its card,
 * and a 200 % zoom still fits. Ending a round asks first; a rapporteur link can be withdrawn.
 */

const SCREEN = { width: 1366, height: 800 };
const GROUPS = ['Gouvernements et organisations intergouvernementales', 'Secteur privé', 'Société civile', 'Communauté technique et universitaire'].map((g) =>
  g.slice(0, 40),
);
const NAMES = [
  'Maximiliane Auguste Wilhelmine von Hohenzollern-Sigmaringen',
  'Jean-Baptiste Dupont de la Tour d’Auvergne',
  'عبد الرحمن بن محمد بن إبراهيم آل عبد اللطيف',
  '欧阳王小明',
  'Александра Владимировна Константинопольская',
  'Nomvula Thandiwe Mkhize-Dlamini',
  'Nguyễn Thị Minh Khai Phạm',
  'Wolfeschlegelsteinhausenbergerdorffvoralternwarenge',
  'Tomás Aranda Beltrán de Guevara',
  'Priya Venkataraman Raghunathan',
];
const QUESTIONS = [
  'Comment les gouvernements, le secteur privé et la société civile peuvent-ils partager la gouvernance de l’identité numérique sans exclure les personnes qui n’ont ni téléphone ni connexion, et qui décide en cas de désaccord ?',
  'Who should pay for the open-source infrastructure that public services rely on, how do we keep its maintainers from burning out, and what would a fair contribution from the largest users look like in practice?',
  'كيف نضمن أن تكون المشاورات العامة حول الذكاء الاصطناعي مفتوحة لجميع أصحاب المصلحة، بما في ذلك المجتمعات التي لا تتحدث اللغات الرسمية؟',
  '如何让互联网治理的多利益相关方进程真正包容发展中国家的声音，并确保其建议被落实？',
];
const TABLE_NAMES = ['Gouvernance de l’identité numérique et inclusion', 'Infrastructure publique ouverte', 'المشاورات العامة', '多利益相关方'];

let server: TestServer;
let browser: Browser;
let session: CreatedSession;
let staff: TestClient;
const others: TestClient[] = [];

/** Every element of a card or of the control bar whose content is wider than its box, or that sticks out of its container. */
function overflowing(page: Page, container: string): Promise<string[]> {
  return page.evaluate((selector) => {
    const found: string[] = [];
    for (const box of document.querySelectorAll<HTMLElement>(selector)) {
      const outer = box.getBoundingClientRect();
      for (const el of [box, ...box.querySelectorAll<HTMLElement>('*')]) {
        if (el.closest('.visually-hidden') || el.getClientRects().length === 0) continue;
        const style = getComputedStyle(el);
        const what = `${el.className || el.tagName} “${(el.textContent ?? '').trim().slice(0, 40)}”`;
        // Content wider than its box: cut, or scrolled sideways.
        if (el.scrollWidth > el.clientWidth + 1 && style.display !== 'inline') found.push(`${what} is cut (${el.scrollWidth} > ${el.clientWidth})`);
        if (style.textOverflow === 'ellipsis' && style.overflow !== 'visible' && el.scrollWidth > el.clientWidth) found.push(`${what} ends in an ellipsis`);
        const r = el.getBoundingClientRect();
        if (r.left < outer.left - 1 || r.right > outer.right + 1)
          found.push(
            `${what} runs past the edge of ${selector} (${Math.round(r.left)}–${Math.round(r.right)} outside ${Math.round(outer.left)}–${Math.round(outer.right)})`,
          );
      }
    }
    return found;
  }, container);
}

async function shot(page: Page, name: string, fullPage = false) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage, animations: 'disabled' });
}

async function openConsole(locale: string, viewport = SCREEN, deviceScaleFactor = 1): Promise<Page> {
  const context = await browser.newContext({ viewport, deviceScaleFactor, bypassCSP: true, locale });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  await page.goto(session.facilitatorUrl);
  await page.getByTestId('table-card').first().waitFor();
  return page;
}

describe('the console on a laptop, at a real international café', () => {
  beforeAll(async () => {
    server = await startServer();
    browser = await launch();
    session = await createSession(server.url, {
      rounds: 3,
      stakeholderGroups: GROUPS,
      tables: QUESTIONS.map((question, i) => ({ name: TABLE_NAMES[i]!, question })),
    });
    staff = await TestClient.connect(server.url, session.facilitatorToken);
    for (const [i, name] of NAMES.entries()) {
      others.push(
        await TestClient.connect(server.url, (await joinSession(server.url, session.code, { name, group: GROUPS[i % GROUPS.length]! })).participantToken),
      );
    }
    expect(await staff.send('seating:assign', {})).toMatchObject({ ok: true, seated: NAMES.length });
    expect(await staff.send('round:start', { round: 1 })).toEqual({ ok: true });
    // Ten notes at the first person's table: more than its card shows.
    const writer = others[0]!;
    await writer.caughtUp();
    const tableId = writer.received('seat:changed').at(-1)?.table?.id ?? (writer.snapshot as ParticipantSnapshot).seat.table!.id;
    for (let i = 0; i < 10; i++) {
      expect(
        await writer.send('note:add', {
          id: cid(`console-${i}`),
          tableId,
          round: 1,
          text: `Keep identity optional for public services, point ${i + 1}`,
          kind: 'idea',
        }),
        `note ${i}`,
      ).toMatchObject({ ok: true });
    }
  }, 60_000);

  afterAll(async () => {
    for (const c of [staff, ...others]) c?.close();
    await browser?.close();
    await server?.stop();
  });

  it('shows every full name and every count inside its card, in English', async () => {
    const page = await openConsole('en-GB');
    await expect.poll(() => page.getByTestId('person').count()).toBe(NAMES.length);
    // Every name whole, as typed.
    const names = await page.locator('.person__name').allTextContents();
    for (const name of NAMES) expect(names).toContain(name);
    expect(await overflowing(page, '.tcard')).toEqual([]);
    expect(await overflowing(page, '.controlbar')).toEqual([]);
    // The next round's seating, too, names everyone in full.
    await page.getByTestId('preview-table').first().waitFor();
    expect(await overflowing(page, '.ptable')).toEqual([]);
    await shot(page, '30-console-long-names.laptop.1366x800.en', true);

    // The question is three lines on the card, whole on demand.
    const card = page.getByTestId('table-card').filter({ hasText: TABLE_NAMES[1]! });
    const question = card.getByTestId('table-question');
    expect(await question.evaluate((el) => el.scrollHeight > el.clientHeight + 1)).toBe(true);
    await card.getByRole('button', { name: 'Show the whole question' }).click();
    expect(await question.evaluate((el) => el.scrollHeight <= el.clientHeight + 1)).toBe(true);
    await card.getByRole('button', { name: 'Show less' }).waitFor();

    // The card shows its latest three notes; its count opens all ten, at that table.
    const busy = page.getByTestId('table-card').filter({ has: page.getByRole('button', { name: /10 notes/ }) });
    await busy.getByRole('button', { name: /10 notes/ }).click();
    await expect.poll(() => page.getByTestId('moderation').getByTestId('mod-count').textContent()).toBe('10 of 10 notes');
    await page.getByRole('button', { name: 'Back to the tables' }).click();

    const violations = await axeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    await page.context().close();
  }, 60_000);

  it('fits the French control bar and card headers, and still fits at 200 % zoom', async () => {
    const page = await openConsole('fr-FR');
    await page.getByRole('button', { name: 'Terminer le tour 1' }).waitFor();
    expect(await overflowing(page, '.controlbar')).toEqual([]);
    expect(await overflowing(page, '.tcard')).toEqual([]);
    await shot(page, '31-console-long-names.laptop.1366x800.fr');
    await page.context().close();

    // 200 % zoom on the same laptop: half the CSS pixels, twice the device pixels.
    const zoomed = await openConsole('fr-FR', { width: SCREEN.width / 2, height: SCREEN.height / 2 }, 2);
    await expect.poll(() => zoomed.getByTestId('person').count()).toBe(NAMES.length);
    // Nothing wider than the window once the console has drawn its cards: no sideways scrolling.
    await expect
      .poll(() =>
        zoomed.evaluate(() =>
          [...document.querySelectorAll<HTMLElement>('body *')]
            .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
            .map((el) => `${el.className || el.tagName} “${(el.textContent ?? '').slice(0, 30)}”`),
        ),
      )
      .toEqual([]);
    expect(await overflowing(zoomed, '.tcard')).toEqual([]);
    expect(await overflowing(zoomed, '.controlbar')).toEqual([]);
    // The control bar does not stay on top of a zoomed screen, hiding half of it.
    await zoomed.evaluate(() => window.scrollTo(0, 600));
    expect(await zoomed.locator('.controlbar').evaluate((el) => el.getBoundingClientRect().bottom)).toBeLessThanOrEqual(0);
    await shot(zoomed, '32-console-zoom-200.laptop.fr');
    await zoomed.context().close();
  }, 60_000);

  it('asks before ending a round, and withdraws a rapporteur link', async () => {
    const page = await openConsole('en-GB');
    await page.getByRole('button', { name: 'End round 1' }).click();
    const ask = page.getByRole('group', { name: /End round 1 now/ });
    await ask.waitFor();
    await ask.getByRole('button', { name: 'Cancel' }).click();
    expect(await staff.sync()).toMatchObject({ session: { phase: 'round', round: 1 } });

    const invite = await staff.send('rapporteur:invite', { label: 'Équipe de synthèse' });
    if (!invite.ok) throw new Error(invite.message);
    const rapporteur = await TestClient.connect(server.url, invite.token);
    await page.getByTestId('invite-rapporteur').click();
    const list = page.getByTestId('rapporteurs');
    await list.getByRole('button', { name: 'Withdraw Équipe de synthèse' }).click();
    await page
      .getByRole('group', { name: /Withdraw the link of Équipe de synthèse/ })
      .getByRole('button', { name: 'Yes, do it' })
      .click();
    await list.getByText('Withdrawn', { exact: true }).waitFor();
    expect(await rapporteur.waitFor('session:ended', () => true)).toMatchObject({ reason: 'removed' });
    rapporteur.close();
    await shot(page, '33-console-rapporteur-withdrawn.laptop.1366x800');
    await page.context().close();
  }, 60_000);
});
