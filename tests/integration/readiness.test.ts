import { execFileSync } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSession, joinSession, TestClient } from '../support/clients.ts';
import { cid } from '../support/ids.ts';
import { startServer, tempDataDir, type TestServer } from '../support/server.ts';

/**
 * The data directory stops taking writes under a running server (a disk remounted read-only
 * after an error). Tests run as root, for whom file modes do not stop writes, and a read-only bind
 * mount would not reach the files the server already has open; marking the files and the
 * directory immutable does, for every descriptor, as a read-only disk would.
 */
const chattr = (flag: '+i' | '-i', dir: string) => {
  const files = readdirSync(dir).map((f) => join(dir, f));
  execFileSync('chattr', [flag, dir, ...files], { stdio: 'pipe' });
};
const readOnly = (dir: string) => chattr('+i', dir);
const writable = (dir: string) => chattr('-i', dir);

async function readiness(server: TestServer) {
  const res = await fetch(`${server.url}/readyz`);
  return { status: res.status, body: (await res.json()) as { ok: boolean; error?: string } };
}

/** Asks until readiness gives the status wanted (its answer is reused for a second). */
async function until(server: TestServer, status: number) {
  for (;;) {
    const r = await readiness(server);
    if (r.status === status) return r;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('readiness on a failing disk', () => {
  const cleanup: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn();
  });

  it('says not ready while the data directory is read-only, refuses notes as unavailable, stays alive, and recovers', async () => {
    const dataDir = tempDataDir();
    cleanup.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const server = await startServer({ dataDir });
    cleanup.push(() => server.stop());
    const session = await createSession(server.url, { tables: [{ question: 'Как сделать консультации доступными для всех?' }] });
    const token = (await joinSession(server.url, session.code, { name: 'Oluwaseun Adeyemi-Carvalho' })).participantToken;
    const facilitator = await TestClient.connect(server.url, session.facilitatorToken);
    cleanup.push(() => facilitator.close());
    const phone = await TestClient.connect(server.url, token);
    cleanup.push(() => phone.close());
    expect(await facilitator.send('round:start', { round: 1 })).toEqual({ ok: true });
    const tableId = (await phone.waitFor('seat:changed', (s) => s.table !== null)).table!.id;
    expect(await readiness(server)).toEqual({ status: 200, body: { ok: true } });

    readOnly(dataDir);
    let mounted = true;
    cleanup.push(() => void (mounted && writable(dataDir)));
    const note = { id: cid('written-on-ro-disk'), tableId, round: 1, text: 'Translation at every table, not on request' };
    expect(await phone.send('note:add', note)).toMatchObject({ ok: false, error: 'unavailable' });
    expect(await until(server, 503)).toMatchObject({ body: { ok: false, error: 'unavailable' } });
    // Alive all the while: a process manager must not restart it for this.
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);

    writable(dataDir);
    mounted = false;
    await until(server, 200);
    expect(await phone.send('note:add', note)).toEqual({ ok: true, noteId: note.id });
    expect(await facilitator.waitFor('note:added', (n) => n.id === note.id)).toMatchObject({ text: note.text });
  });
});
