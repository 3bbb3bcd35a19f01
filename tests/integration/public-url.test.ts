import { afterEach, describe, expect, it } from 'vitest';
import type { DisplaySnapshot, FacilitatorSnapshot } from '../../shared/protocol/views.ts';
import { createSession, TestClient } from '../support/clients.ts';
import { startServer, type TestServer } from '../support/server.ts';

/**
 * A facilitator runs the café from their laptop as localhost, with PUBLIC_URL set to the address
 * phones can reach: the console and the projector are told it, so their links and QR codes use it.
 */

let server: TestServer | undefined;
const clients: TestClient[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await server?.stop();
  server = undefined;
});

async function screens(s: TestServer) {
  const session = await createSession(s.url);
  const console_ = await TestClient.connect(s.url, session.facilitatorToken);
  const display = await TestClient.connect(s.url, `d.${session.code}`);
  clients.push(console_, display);
  return { console: console_.snapshot as FacilitatorSnapshot, display: display.snapshot as DisplaySnapshot };
}

describe('the public address of the café', () => {
  it('is given to the console and the projector when PUBLIC_URL is set, without its trailing slash', async () => {
    server = await startServer({ publicUrl: 'https://cafe.example.org/' });
    const seen = await screens(server);
    expect(seen.console.publicUrl).toBe('https://cafe.example.org');
    expect(seen.display.publicUrl).toBe('https://cafe.example.org');
  });

  it('is null without PUBLIC_URL: each page uses its own address', async () => {
    server = await startServer();
    const seen = await screens(server);
    expect(seen.console.publicUrl).toBeNull();
    expect(seen.display.publicUrl).toBeNull();
  });
});
