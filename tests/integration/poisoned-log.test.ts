import { copyFileSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replay } from '../../shared/domain/apply.ts';
import { SqliteStore } from '../../server/store/sqlite.ts';
import type { DisplaySnapshot, FacilitatorSnapshot } from '../../shared/protocol/views.ts';
import { createSession, joinSession, postJson, TestClient } from '../support/clients.ts';
import { cid } from '../support/ids.ts';
import { spawnServer, type ServerProcess } from '../support/process.ts';
import { tempDataDir } from '../support/server.ts';

/**
 * A SQLite file written by the release before ids were checked (commit 309f959): a facilitator sent
 * `participant:remove {"participantId":"__proto__"}` and three more prototype names, each was
 * acknowledged and logged, and from then on every command in every session on that server was
 * refused, through restarts. The new server must start on that very file.
 */
const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'poisoned-309f959.sqlite');
const about = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'poisoned-309f959.json'), 'utf8')) as {
  healthy: { sessionId: string; code: string; facilitatorToken: string; participantToken: string };
  poisoned: { sessionId: string; code: string };
};

describe('a log poisoned by the release before ids were checked', () => {
  let dataDir: string;
  let server: ServerProcess;

  beforeAll(async () => {
    dataDir = tempDataDir();
    copyFileSync(FIXTURE, join(dataDir, 'tablehop.sqlite'));
    server = await spawnServer({ TABLEHOP_DATA_DIR: dataDir });
  });
  afterAll(async () => {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('holds the poisoning facts, and replays them without touching Object.prototype', async () => {
    const copy = tempDataDir();
    copyFileSync(FIXTURE, join(copy, 'tablehop.sqlite'));
    const log = new SqliteStore({ dataDir: copy });
    const events = (await log.load(about.poisoned.sessionId))!;
    await log.close();
    rmSync(copy, { recursive: true, force: true });
    expect(events.map((e) => e.type)).toEqual([
      'session:created',
      'participant:joined',
      'theme:deleted',
      'participant:removed',
      'rapporteur:revoked',
      'participant:removed',
    ]);
    expect(events.at(-1)).toMatchObject({ participantId: '__proto__' });

    // The old fold set `status` on Object.prototype, which the sealed prototype refuses with a throw.
    expect(Object.isSealed(Object.prototype)).toBe(true);
    const state = replay(events);
    expect([...state.participants.values()].map((p) => [p.name, p.status])).toEqual([['Jean Dupont', 'active']]);
    expect(state.harvest.themes.size).toBe(0);
    expect(state.rapporteurs.size).toBe(0);
  });

  it('starts, and loads the poisoned session: its room display and a newcomer get in', async () => {
    const { code } = about.poisoned;
    const joined = await postJson(`${server.url}/api/join/${code}`, { name: 'Nour Al-Haddad', group: 'Civil society', presence: 'room' });
    expect(joined.status).toBe(201);
    const display = await TestClient.connect(server.url, `d.${code}`);
    const snapshot = display.snapshot as DisplaySnapshot;
    expect(snapshot.session.id).toBe(about.poisoned.sessionId);
    expect(snapshot.joinedCount).toBe(2);
    display.close();
  });

  it('keeps the healthy session next door working: its facilitator, a participant, a new joiner and a note', async () => {
    const facilitator = await TestClient.connect(server.url, about.healthy.facilitatorToken);
    const amina = await TestClient.connect(server.url, about.healthy.participantToken);
    const late = await joinSession(server.url, about.healthy.code, { name: 'Late Comer' });
    const roster = await facilitator.waitFor('roster:changed');
    expect(roster.map((r) => r.name)).toEqual(['Late Comer']);
    expect(await facilitator.send('round:start', { round: 1 })).toEqual({ ok: true });
    const seat = await amina.waitFor('seat:changed');
    expect(await amina.send('note:add', { id: cid('after-poison'), tableId: seat.table!.id, round: 1, text: 'Still here' })).toEqual({
      ok: true,
      noteId: cid('after-poison'),
    });
    const after = (await facilitator.sync()) as FacilitatorSnapshot;
    expect(after.notes.map((n) => n.text)).toEqual(['Still here']);
    expect(late.participantToken).toMatch(/^p\./);
    facilitator.close();
    amina.close();
  });

  it('creates new sessions', async () => {
    const fresh = await createSession(server.url, { title: 'A café after the storm' });
    expect(fresh.code).toMatch(/^[A-Z0-9]{6}$/);
  });

  it('refuses the poisoning command now, with nothing appended', async () => {
    const fresh = await createSession(server.url, { title: 'A café the troll tries again' });
    const facilitator = await TestClient.connect(server.url, fresh.facilitatorToken);
    // The server holds its SQLite file exclusively, so the log's top is read through it: a sync
    // reads the store to its end and the snapshot carries that version.
    const logged = async () => {
      await facilitator.sync();
      return facilitator.seen;
    };
    const before = await logged();
    expect(before).toBeGreaterThan(0);
    for (const name of ['__proto__', 'constructor', 'toString', 'valueOf', 'isPrototypeOf', '__defineGetter__', 'propertyIsEnumerable']) {
      expect(await facilitator.send('participant:remove', { participantId: name })).toMatchObject({
        ok: false,
        error: 'invalid',
        message: 'participantId: must be a participant id',
      });
    }
    // Two prototype names happen to have the shape of a participant id (14 URL-safe characters);
    // the state's Maps hold no such person.
    for (const name of ['hasOwnProperty', 'toLocaleString']) {
      expect(await facilitator.send('participant:remove', { participantId: name })).toMatchObject({ ok: false, error: 'not_found' });
    }
    expect(await logged()).toBe(before);
    const fine = await joinSession(server.url, fresh.code, { name: 'Still Welcome' });
    expect(fine.participantToken).toMatch(/^p\./);
    facilitator.close();
  });
});
