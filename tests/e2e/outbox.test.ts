import { rmSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession, joinSession, TestClient, type CreatedSession } from '../support/clients.ts';
import type { DomainEvent } from '../../shared/domain/events.ts';
import { SqliteStore } from '../../server/store/sqlite.ts';
import { startServer, tempDataDir, type TestServer } from '../support/server.ts';
import { launch, phoneContext } from './support/browser.ts';

/**
 * A phone in a basement room: the Wi-Fi drops, its owner keeps writing, the Wi-Fi comes back, and
 * the phone is put down. Everything written must reach the table once, with nobody touching it
 * again. Its own café, so that forty notes cannot push anything out of view in another story.
 */

const WORDS = ['Ideas from the floor', 'Idées de la salle', 'أفكار من القاعة', 'Ideas desde la sala', 'Ideen aus dem Saal', '来自现场的想法'];
const TEXTS = Array.from({ length: 40 }, (_, i) => `${WORDS[i % WORDS.length]} — ${i + 1}`);

/**
 * The real SQLite store, whose disk can hiccup: the next appends of notes fail with a plain error,
 * which the server answers `internal`, with no time to try again. Nothing is written by them.
 */
class HiccupStore extends SqliteStore {
  noteFailures = 0;
  override async append(sessionId: string, expectedVersion: number, events: DomainEvent[]): Promise<void> {
    if (this.noteFailures > 0 && events.some((e) => e.type === 'note:added')) {
      this.noteFailures--;
      throw new Error('the disk hiccuped (a test fault)');
    }
    return super.append(sessionId, expectedVersion, events);
  }
}

const dataDir = tempDataDir();
const store = new HiccupStore({ dataDir });
let server: TestServer;
let browser: Browser;
let session: CreatedSession;
let staff: TestClient;
let context: BrowserContext;
let phone: Page;
const peers: TestClient[] = [];

describe("a phone's outbox after a long time offline", () => {
  beforeAll(async () => {
    // A tight pace, as at a real event, so the forty come back against refusals: ten at once, then ten a second.
    server = await startServer({ store, notePace: { burst: 10, perMinute: 600 } });
    browser = await launch();
    session = await createSession(server.url, { tables: [{ question: 'Who should govern digital identity?' }] });
    staff = await TestClient.connect(server.url, session.facilitatorToken);

    context = await phoneContext(browser);
    phone = await context.newPage();
    await phone.goto(session.joinUrl);
    await phone.getByLabel('Your name').fill('Kwame Mensah');
    await phone.getByLabel('Government', { exact: true }).check();
    await phone.getByLabel('In the room', { exact: true }).check();
    await phone.getByRole('button', { name: 'Join the café' }).click();
    await phone.getByTestId('lobby').waitFor();
    for (const name of ['فاطمة الزهراء', 'Øystein Bråten'])
      peers.push(await TestClient.connect(server.url, (await joinSession(server.url, session.code, { name })).participantToken));

    expect(await staff.send('seating:assign', {})).toMatchObject({ ok: true, seated: 3 });
    expect(await staff.send('round:start', { round: 1 })).toEqual({ ok: true });
    await phone.getByTestId('composer').waitFor();
  }, 60_000);

  afterAll(async () => {
    for (const c of [staff, ...peers]) c?.close();
    await browser?.close();
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('forty notes written offline all arrive, exactly once, after reconnecting, with no other action', async () => {
    await phone.locator('html[data-offline-ready="true"]').waitFor({ state: 'attached' });
    await context.setOffline(true);
    await expect.poll(() => phone.getByTestId('connection').getAttribute('data-status')).toBe('offline');
    for (const text of TEXTS) {
      await phone.getByLabel('Your note').fill(text);
      await phone.getByRole('button', { name: 'Send' }).click();
    }
    await expect.poll(() => phone.locator('.note--pending').count()).toBe(40);

    // Back online; the person writes nothing more. The first note meets a disk hiccup (`internal`,
    // no time given), the eleventh the server's pace (`rate_limited`, with a time): the outbox goes on
    // by itself after both.
    store.noteFailures = 1;
    await context.setOffline(false);
    await expect.poll(() => phone.locator('.note--pending').count(), { timeout: 90_000, interval: 500 }).toBe(0);

    // In the log once each, and each of the table's other phones told once.
    expect(store.noteFailures).toBe(0);
    const log = (await server.store.load(session.sessionId))!;
    const added = log.filter((e) => e.type === 'note:added' && TEXTS.includes(e.text)).map((e) => (e.type === 'note:added' ? e.text : ''));
    expect(added.sort()).toEqual([...TEXTS].sort());
    for (const peer of peers) {
      await peer.caughtUp();
      const heard = peer
        .received('note:added')
        .map((n) => n.text)
        .filter((t) => TEXTS.includes(t));
      expect(heard.sort()).toEqual([...TEXTS].sort());
    }
  }, 180_000);
});
