import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands, decideCommand, gate, type CommandName, type PayloadOf } from '../../shared/commands/index.ts';
import { EVERYONE, permissionMatrix, permissionsMarkdown, Who } from '../../shared/commands/matrix.ts';
import { isRefusal, type Actor, type CommandSpec } from '../../shared/commands/spec.ts';
import type { Result } from '../../shared/protocol/errors.ts';
import type { FacilitatorSnapshot } from '../../shared/protocol/views.ts';
import { connectError, createSession, joinSession, TestClient, type CreatedSession } from '../support/clients.ts';
import { cid } from '../support/ids.ts';
import { samples, type SceneIds } from '../support/samples.ts';
import { startServer, type TestServer } from '../support/server.ts';

function granted(result: Result<Record<string, any>>): Record<string, any> {
  if (!result.ok) throw new Error(`${result.error}: ${result.message}`);
  return result;
}

describe('the permission matrix', () => {
  it('is written in docs/permissions.md from the command table itself', () => {
    expect(readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'permissions.md'), 'utf8')).toBe(permissionsMarkdown());
  });

  /**
   * The scene of docs/permissions.md, on a real server: a café in its first round, every kind of
   * person connected (or refused at the door), and the session's log to prove that refusals
   * change nothing.
   */
  describe('held by a real server', () => {
    let server: TestServer;
    let session: CreatedSession;
    let ids: SceneIds;
    const client = new Map<Who, TestClient>();
    const dead = new Map<Who, unknown>();
    const actors = new Map<Who, Actor>();
    let other: TestClient;

    const logged = async () => (await server.store.load(session.sessionId))!.length;

    beforeAll(async () => {
      server = await startServer();
      session = await createSession(server.url, {
        title: 'The permission matrix',
        tables: [{ question: 'Who should govern digital identity?' }, { question: 'How do we fund open infrastructure?' }],
      });
      const facilitator = await TestClient.connect(server.url, session.facilitatorToken);
      client.set(Who.facilitator, facilitator);
      actors.set(Who.facilitator, { role: 'facilitator' });

      const co = granted(await facilitator.send('cofacilitator:invite', { label: 'Co' }));
      client.set(Who.cofacilitator, await TestClient.connect(server.url, co.token));
      actors.set(Who.cofacilitator, { role: 'cofacilitator', cofacilitatorId: co.cofacilitatorId });
      const gone = granted(await facilitator.send('cofacilitator:invite', { label: 'Gone' }));
      granted(await facilitator.send('cofacilitator:revoke', { cofacilitatorId: gone.cofacilitatorId }));
      dead.set(Who.revokedCofacilitator, gone.token);

      const rapporteur = granted(await facilitator.send('rapporteur:invite', { label: 'Writer' }));
      client.set(Who.rapporteur, await TestClient.connect(server.url, rapporteur.token));
      actors.set(Who.rapporteur, { role: 'rapporteur', rapporteurId: rapporteur.rapporteurId });
      const withdrawn = granted(await facilitator.send('rapporteur:invite', { label: 'Withdrawn' }));
      granted(await facilitator.send('rapporteur:revoke', { rapporteurId: withdrawn.rapporteurId }));
      dead.set(Who.revokedRapporteur, withdrawn.token);

      const people: Partial<Record<Who, string>> = {};
      for (const who of [Who.host, Who.formerHost, Who.elsewhere, Who.removed, Who.left]) {
        people[who] = (await joinSession(server.url, session.code, { name: `Person who is ${who}` })).participantToken;
      }
      const roster = (await facilitator.sync()) as FacilitatorSnapshot;
      const idOf = (who: Who) => roster.participants.find((p) => p.name === `Person who is ${who}`)!.id;
      granted(await facilitator.send('participant:move', { participantId: idOf(Who.host), tableId: 't1' }));
      granted(await facilitator.send('participant:move', { participantId: idOf(Who.formerHost), tableId: 't1' }));
      granted(await facilitator.send('participant:move', { participantId: idOf(Who.elsewhere), tableId: 't2' }));
      granted(await facilitator.send('host:assign', { tableId: 't1', participantId: idOf(Who.formerHost) }));
      granted(await facilitator.send('round:start', { round: 1 }));
      // The former host hosted t1 in this round, then moved to t2; the host took over t1.
      // Leaves t1 with one person; the setup reads the small-table warning and moves anyway.
      granted(await facilitator.send('participant:move', { participantId: idOf(Who.formerHost), tableId: 't2', smallTable: true }));
      granted(await facilitator.send('host:assign', { tableId: 't1', participantId: idOf(Who.host) }));
      for (const who of [Who.host, Who.formerHost, Who.elsewhere]) {
        client.set(who, await TestClient.connect(server.url, people[who]!));
        actors.set(who, { role: 'participant', participantId: idOf(who) });
      }
      const note = cid('host-note');
      granted(await client.get(Who.host)!.send('note:add', { id: note, tableId: 't1', round: 1, text: 'Identity must stay optional' }));

      granted(await facilitator.send('participant:remove', { participantId: idOf(Who.removed) }));
      dead.set(Who.removed, people[Who.removed]);
      const leaver = await TestClient.connect(server.url, people[Who.left]!);
      granted(await leaver.send('participant:leave', {}));
      leaver.close();
      dead.set(Who.left, people[Who.left]);
      dead.set(Who.anonymous, undefined);

      granted(await facilitator.send('session:admission', { admission: 'lobby' }));
      const waiting = await joinSession(server.url, session.code, { name: 'Person who waits' });
      client.set(Who.waiting, await TestClient.connect(server.url, waiting.participantToken));
      actors.set(Who.waiting, {
        role: 'participant',
        participantId: ((await facilitator.sync()) as FacilitatorSnapshot).participants.find((p) => p.name === 'Person who waits')!.id,
      });
      granted(await facilitator.send('session:admission', { admission: 'open' }));

      client.set(Who.display, await TestClient.connect(server.url, `d.${session.code}`));
      actors.set(Who.display, { role: 'display' });
      // The table device's link carries its token in the fragment, as the console shows it.
      const device = granted(await facilitator.send('device:link', { tableId: 't2' }));
      client.set(Who.device, await TestClient.connect(server.url, decodeURIComponent(new URL(device.url as string).hash.slice(1))));
      const devices = (await server.app.registry.get(session.sessionId))!.state.devices;
      actors.set(Who.device, { role: 'device', deviceId: devices.get('t2')!.deviceId, tableId: 't2' });

      const elsewhere = await createSession(server.url, { title: 'The café next door' });
      other = await TestClient.connect(server.url, (await joinSession(server.url, elsewhere.code, { name: 'Neighbour' })).participantToken);

      ids = { table: 't1', otherTable: 't2', note, participant: idOf(Who.elsewhere), rapporteur: rapporteur.rapporteurId, cofacilitator: co.cofacilitatorId };
    });

    afterAll(async () => {
      for (const c of client.values()) c.close();
      other?.close();
      await server.stop();
    });

    it('refuses every refused cell, with the reason the matrix gives and nothing appended', async () => {
      const before = await logged();
      const expected = { role: 'forbidden', lobby: 'forbidden', scope: 'forbidden', phase: 'wrong_phase' } as const;
      let checked = 0;
      for (const row of permissionMatrix('round')) {
        for (const who of EVERYONE) {
          const cell = row.cells[who];
          const socket = client.get(who);
          if (cell.allowed || !socket) continue;
          if (cell.because === 'credential' || cell.because === 'session') continue;
          const result = await socket.send(row.command, samples[row.command](ids));
          expect(result, `${who} sending ${row.command}`).toMatchObject({ ok: false, error: expected[cell.because] });
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(200);
      expect(await logged()).toBe(before);
    });

    it('turns away at the door everyone whose credential no longer holds', async () => {
      for (const [who, token] of dead) {
        expect((await connectError(server.url, token)).data, who).toMatchObject({ error: expect.stringMatching(/^(unauthorised|forbidden)$/) });
      }
    });

    it('lets nothing a participant of another session sends reach this one', async () => {
      const before = await logged();
      // Leaving (theirs) last: it ends their connection.
      const rows = permissionMatrix('round').sort((a, b) => Number(a.command === 'participant:leave') - Number(b.command === 'participant:leave'));
      for (const row of rows) await other.send(row.command, samples[row.command](ids));
      expect(await logged()).toBe(before);
    });

    it('accepts every allowed cell as far as role, lobby, scope and phase go (checked on the pure core, which changes nothing)', async () => {
      const runtime = (await server.app.registry.get(session.sessionId))!;
      const ctx = {
        now: Date.now(),
        mint: {
          participantId: () => 'p',
          rapporteurId: () => 'r',
          cofacilitatorId: () => 'c',
          deviceId: () => 'd',
          readoutId: () => 'x',
          secret: () => ({ token: 't', hash: 'h' }),
          digest: () => 'd',
        },
        link: (p: string) => p,
      };
      for (const row of permissionMatrix('round')) {
        const spec = commands[row.command] as CommandSpec;
        for (const who of EVERYONE) {
          const actor = actors.get(who);
          if (!row.cells[who].allowed || !actor) continue;
          const input = spec.schema.parse(samples[row.command](ids)) as PayloadOf<CommandName>;
          const result = spec.kind === 'write' ? decideCommand(runtime.state, row.command, input as never, actor, ctx) : gate(runtime.state, spec, actor);
          if (isRefusal(result))
            expect([result.error, result.message], `${who} sending ${row.command}`).not.toEqual(
              expect.arrayContaining([expect.stringMatching(/^(forbidden|unauthorised|wrong_phase)$/)]),
            );
        }
      }
    });
  });
});
