import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession } from '../support/clients.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { laptopContext, launch } from './support/browser.ts';

/**
 * Run from a laptop as localhost with PUBLIC_URL set: the projector's QR code and the console's
 * join link send phones to the public address, never to http://127.0.0.1.
 */

const PUBLIC = 'https://cafe.example.org';

describe('links and QR codes behind PUBLIC_URL', () => {
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startServer({ publicUrl: `${PUBLIC}/` });
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows the public join link on the console and the projector', async () => {
    const session = await createSession(server.url);
    const context = await laptopContext(browser);
    const console_ = await context.newPage();
    await console_.goto(session.facilitatorUrl.replace(PUBLIC, server.url));
    await expect.poll(() => console_.getByTestId('join-url').inputValue()).toBe(`${PUBLIC}/join/${session.code}`);
    await expect.poll(() => console_.getByRole('img', { name: new RegExp(`${PUBLIC}/join/${session.code}`) }).count()).toBe(1);

    const display = await context.newPage();
    await display.goto(`${server.url}/display/${session.code}`);
    await display.getByText(`cafe.example.org/join/${session.code}`).waitFor();
    expect(await display.getByText('127.0.0.1').count()).toBe(0);
    await context.close();
  }, 60_000);
});
