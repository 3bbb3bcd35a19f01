import type { Browser, BrowserContext, Page, WebSocket } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AudioConfig } from '../../server/security/turn.ts';
import type { FacilitatorSnapshot } from '../../shared/protocol/views.ts';
import { createSession, TestClient, type CreatedSession } from '../support/clients.ts';
import { startCoturn, type Coturn } from '../support/coturn.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { axeViolations, describeViolations, FAKE_MEDIA, laptopContext, launch, phoneContext, screenshotBoth } from './support/browser.ts';

/**
 * Hybrid tables in Chromium with fake microphones (each plays a tone). Two tables take remote
 * people; each has a laptop as its table device, opened from the link the console gives. Aïcha and
 * Нурлан are remote at "Digital identity", María at "Open funding". Every page's peer connections
 * are counted through a wrapper installed before the app loads, and read with getStats(), as a
 * tester would in the browser's console. The same story runs with the browsers talking directly,
 * and with every connection forced through a real coturn (relay only).
 */

interface Member {
  name: string;
  page: Page;
  frames: string[];
}

/** Installed before the app: remembers every RTCPeerConnection the page makes. */
function countPeerConnections() {
  const Native = window.RTCPeerConnection;
  const made: RTCPeerConnection[] = [];
  (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs = made;
  window.RTCPeerConnection = class extends Native {
    constructor(config?: RTCConfiguration) {
      super(config);
      made.push(this);
    }
  };
}

interface PeerStats {
  /** The connection's place among all the page ever made: stable while it lives. */
  index: number;
  bytes: number;
  level: number;
  local: string | null;
  remote: string | null;
  policy: string;
}

/** Inbound audio of each connected peer connection, and the kind of path it took. */
function peerStats(page: Page): Promise<PeerStats[]> {
  return page.evaluate(async () => {
    const all = (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs;
    const connected = all.map((pc, index) => ({ pc, index })).filter(({ pc }) => pc.connectionState === 'connected');
    return Promise.all(
      connected.map(async ({ pc, index }) => {
        const stats = await pc.getStats();
        let bytes = 0;
        let level = 0;
        let pairId: string | undefined;
        stats.forEach((s) => {
          if (s.type === 'inbound-rtp' && s.kind === 'audio') {
            bytes = s.bytesReceived ?? 0;
            level = s.audioLevel ?? 0;
          }
          if (s.type === 'transport') pairId = s.selectedCandidatePairId;
        });
        const pair = pairId ? stats.get(pairId) : undefined;
        return {
          index,
          bytes,
          level,
          local: pair ? (stats.get(pair.localCandidateId)?.candidateType ?? null) : null,
          remote: pair ? (stats.get(pair.remoteCandidateId)?.candidateType ?? null) : null,
          policy: pc.getConfiguration().iceTransportPolicy ?? 'all',
        };
      }),
    );
  });
}

/** The fake microphone plays a tone with pauses; its level, not the noise floor between tones. */
const TONE = 0.01;

/** A browser that refuses the microphone, as one does when the person says no. */
function refuseMicrophone() {
  navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));
}

/** A network that lets no call through: no candidate can ever be gathered. */
function blockCalls() {
  const Native = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends Native {
    constructor(config?: RTCConfiguration) {
      super({ ...config, iceServers: [], iceTransportPolicy: 'relay' });
    }
  };
}

/** Peer connections this page has open (not closed), connected or not. */
const openPeers = (page: Page) =>
  page.evaluate(() => (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs.filter((pc) => pc.connectionState !== 'closed').length);

const VARIANTS = [
  { title: 'browser to browser', relay: false },
  { title: 'every connection through coturn (relay only)', relay: true },
];

describe.each(VARIANTS)('table audio at hybrid tables, $title', ({ relay }) => {
  let coturn: Coturn | undefined;
  let server: TestServer;
  let browser: Browser;
  let session: CreatedSession;
  let facilitator: TestClient;
  let console_: Page;
  const devices = new Map<string, Member>();
  const remotes = new Map<string, Member>();
  const contexts: BrowserContext[] = [];

  async function open(name: string, kind: 'phone' | 'laptop', trouble?: () => void): Promise<Member> {
    const context = kind === 'phone' ? await phoneContext(browser) : await laptopContext(browser);
    contexts.push(context);
    await context.addInitScript(countPeerConnections);
    if (trouble) await context.addInitScript(trouble);
    const page = await context.newPage();
    const frames: string[] = [];
    page.on('websocket', (ws: WebSocket) => ws.on('framereceived', (f) => frames.push(String(f.payload))));
    return { name, page, frames };
  }

  async function joinRemotely(name: string, group: string, trouble?: () => void): Promise<Member> {
    const member = await open(name, 'phone', trouble);
    await member.page.goto(`${server.url}/join/${session.code}`);
    await member.page.getByLabel('Your name').fill(name);
    await member.page.getByLabel(group, { exact: true }).check();
    await member.page.getByLabel('Remotely', { exact: true }).check();
    await member.page.getByRole('button', { name: 'Join the café' }).click();
    // In the lobby before the café starts; seated at once when joining late.
    await member.page.locator('[data-testid="lobby"], [data-testid="my-table"]').first().waitFor();
    remotes.set(name, member);
    return member;
  }

  async function idOf(name: string): Promise<string> {
    const snap = (await facilitator.sync()) as FacilitatorSnapshot;
    return snap.participants.find((p) => p.name === name)!.id;
  }

  /** Where the facilitator's roster seats each remote person now. */
  async function seats(): Promise<Map<string, string>> {
    const snap = (await facilitator.sync()) as FacilitatorSnapshot;
    return new Map(snap.participants.filter((p) => remotes.has(p.name)).map((p) => [p.name, p.tableId!]));
  }

  /** The others in a page's call, as its roster shows them, all connected to it. */
  async function expectConnected(member: Member, others: number) {
    await expect.poll(() => member.page.getByTestId('audio-member').count(), { timeout: 15_000 }).toBe(others);
    await expect.poll(() => member.page.locator('[data-testid="audio-member"][data-state="connected"]').count(), { timeout: 15_000 }).toBe(others);
  }

  /**
   * Every other member's audio arrives: inbound bytes on each connection, and each one's level at
   * the tone at some moment (the loudest seen per connection while sampling).
   */
  async function expectHearing(member: Member, others: number) {
    const loudest = new Map<number, number>();
    await expect
      .poll(
        async () => {
          const stats = await peerStats(member.page);
          for (const s of stats) loudest.set(s.index, Math.max(loudest.get(s.index) ?? 0, s.level));
          return stats.length === others && stats.every((s) => s.bytes > 0 && loudest.get(s.index)! > TONE);
        },
        { timeout: 15_000, interval: 100, message: `${member.name} hears ${others} others` },
      )
      .toBe(true);
    const stats = await peerStats(member.page);
    for (const s of stats) {
      if (relay) expect(s, member.name).toMatchObject({ local: 'relay', remote: 'relay', policy: 'relay' });
      else expect(s.policy).toBe('all');
    }
  }

  /** The call addresses a page's frames name for one table: its rosters' members. */
  function addressesOf(member: Member, tableId: string): Set<string> {
    const found = new Set<string>();
    for (const frame of member.frames) {
      if (!frame.includes('"audio:roster"')) continue;
      const roster = JSON.parse(frame.slice(frame.indexOf('['))) as [string, { tableId: string; members: { address: string }[] }];
      if (roster[1].tableId === tableId) for (const m of roster[1].members) found.add(m.address);
    }
    return found;
  }

  beforeAll(async () => {
    let audio: AudioConfig | undefined;
    if (relay) {
      coturn = await startCoturn();
      audio = { stunUrls: [], turnUrls: [coturn.url], turnSecret: coturn.secret, turnTtlSeconds: 600, policy: 'relay' };
    }
    server = await startServer(audio ? { audio } : {});
    browser = await launch(FAKE_MEDIA);
    session = await createSession(server.url, {
      tables: [
        { name: 'Digital identity', question: 'Who should govern digital identity?', mode: 'hybrid', capacity: 6 },
        { name: 'Open funding', question: 'How do we fund open infrastructure?', mode: 'hybrid', capacity: 6 },
      ],
      rounds: 2,
    });
    facilitator = await TestClient.connect(server.url, session.facilitatorToken);
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    facilitator?.close();
    await server?.stop();
    await coturn?.stop();
  });

  it('seats three remote people and opens a table device at each table from the console', async () => {
    await joinRemotely('Aïcha Benali', 'Government');
    await joinRemotely('Нурлан Абенов', 'Academia');
    await joinRemotely('María José Ortega', 'Private sector');
    for (const [name, tableId] of [
      ['Aïcha Benali', 't1'],
      ['Нурлан Абенов', 't1'],
      ['María José Ortega', 't2'],
    ] as const) {
      expect(await facilitator.send('participant:move', { participantId: await idOf(name), tableId })).toEqual({ ok: true });
    }

    const consoleMember = await open('console', 'laptop');
    console_ = consoleMember.page;
    await console_.goto(`${server.url}/facilitate/${session.sessionId}#${session.facilitatorToken}`);
    for (const tableId of ['t1', 't2']) {
      const card = console_.locator(`[data-testid="table-card"][data-table-id="${tableId}"]`);
      await card.getByTestId('device-link-button').click();
      const link = await card.getByTestId('device-link').inputValue();
      expect(link).toMatch(new RegExp(`/table/${session.sessionId}#t\\.`));
      const device = await open(`device ${tableId}`, 'laptop');
      await device.page.goto(link);
      await device.page.getByTestId('device-start').click();
      // The token leaves the address bar once the page has it.
      expect(new URL(device.page.url()).hash).toBe('');
      devices.set(tableId, device);
    }
    if (!relay) await screenshotBoth(console_, '40-console-device-link', { fullPage: true });
    await expect.poll(() => devices.get('t1')!.page.getByTestId('device').getAttribute('data-status')).toBe('live');
  });

  it('lets each remote person join with one tap, in the lobby already; the device and both remote people at a table hear each other', async () => {
    for (const member of remotes.values()) {
      await member.page.getByTestId('lobby').getByTestId('table-audio').waitFor();
      await member.page.getByTestId('audio-join').click();
      await member.page.getByTestId('audio-self').waitFor();
    }
    const [aicha, nurlan, maria] = [...remotes.values()];
    const device1 = devices.get('t1')!;
    const device2 = devices.get('t2')!;
    for (const [member, others] of [
      [device1, 2],
      [aicha!, 2],
      [nurlan!, 2],
      [maria!, 1],
      [device2, 1],
    ] as const) {
      await expectConnected(member, others);
      await expectHearing(member, others);
    }
    expect(await device1.page.getByTestId('audio-count').textContent()).toBe('2 remote people connected');
    expect(await aicha!.page.getByTestId('audio-roster').textContent()).toContain('The room');
    if (!relay) {
      await screenshotBoth(device1.page, '41-table-device', { fullPage: true });
      await screenshotBoth(aicha!.page, '42-remote-table-audio', { fullPage: true });
      const violations = [...(await axeViolations(device1.page)), ...(await axeViolations(aicha!.page))];
      expect(violations, describeViolations(violations)).toEqual([]);
    }
  });

  it('shows the table device a remote person’s raised hand and "can’t hear you"', async () => {
    const nurlan = remotes.get('Нурлан Абенов')!;
    await nurlan.page.getByTestId('audio-hand').click();
    await nurlan.page.getByTestId('audio-cant-hear').click();
    const device = devices.get('t1')!.page;
    const member = device.locator('[data-testid="audio-member"]', { hasText: 'hand raised' });
    await expect.poll(() => member.textContent()).toContain('can’t hear you');
    await nurlan.page.getByTestId('audio-hand').click();
    await nurlan.page.getByTestId('audio-cant-hear').click();
    await expect.poll(() => device.locator('[data-testid="audio-member"]', { hasText: 'hand raised' }).count()).toBe(0);
  });

  it('tells the remote person at the other table nothing about this table’s call', async () => {
    const table1 = new Set<string>();
    for (const m of [devices.get('t1')!, remotes.get('Aïcha Benali')!, remotes.get('Нурлан Абенов')!]) for (const a of addressesOf(m, 't1')) table1.add(a);
    expect(table1.size).toBe(3);
    const maria = remotes.get('María José Ortega')!;
    const wire = maria.frames.join('\n');
    expect(wire).toContain('"audio:signal"');
    for (const address of table1) expect(wire).not.toContain(address);
    expect(wire).not.toContain('"tableId":"t1"');
    for (const name of ['Aïcha', 'Нурлан']) expect(wire).not.toContain(name);
  });

  it('after a rotation puts each remote person in their new table’s audio within 3 seconds, and out of the old one', async () => {
    // Round 1 starts: nobody moves, and the calls go on as they were.
    expect(await facilitator.send('round:start', { round: 1 })).toEqual({ ok: true });
    await remotes.get('Aïcha Benali')!.page.locator('.my-table [data-testid="table-audio"]').waitFor();
    expect(await openPeers(remotes.get('Aïcha Benali')!.page)).toBe(2);
    const before = await seats();
    expect(await facilitator.send('round:end', { round: 1 })).toEqual({ ok: true });
    const after = await seats();
    const moved = [...after].filter(([name, tableId]) => before.get(name) !== tableId).map(([name]) => name);
    expect(moved.length).toBeGreaterThan(0);
    const remotesAt = (tableId: string) => [...after].filter(([, t]) => t === tableId).map(([name]) => name);

    // Within 3 s of the seat change, every moved person's page is connected to exactly its new
    // table's members (its device and the other remote people there), hearing each of them.
    const deadline = Date.now() + 3000;
    for (const name of moved) {
      const member = remotes.get(name)!;
      const others = remotesAt(after.get(name)!).length; // the other remote people there, and the device
      await expect
        .poll(async () => (await peerStats(member.page)).filter((s) => s.bytes > 0).length === others && (await openPeers(member.page)) === others, {
          timeout: Math.max(0, deadline - Date.now()),
          interval: 100,
          message: `${name} in ${after.get(name)}'s audio within 3 s`,
        })
        .toBe(true);
    }
    // The devices now hold exactly the remote people seated at their tables.
    for (const [tableId, device] of devices) {
      const here = remotesAt(tableId).length;
      await expect.poll(() => device.page.getByTestId('audio-member').count(), { timeout: 5000 }).toBe(here);
      await expect.poll(() => openPeers(device.page), { timeout: 5000 }).toBe(here);
    }
    for (const name of moved) await expectHearing(remotes.get(name)!, remotesAt(after.get(name)!).length);
  });

  it.skipIf(relay)('tells a remote person why audio fails and what to do, and shows the table device who could not connect', async () => {
    expect(await facilitator.send('round:start', { round: 2 })).toEqual({ ok: true });
    const kofi = await joinRemotely('Kofi Boateng', 'Civil society', refuseMicrophone);
    const lena = await joinRemotely('Lena Schäfer', 'Technical community', blockCalls);
    // Two late joiners brought to one table leave their first table small; the facilitator moves anyway.
    for (const name of ['Kofi Boateng', 'Lena Schäfer']) {
      expect(await facilitator.send('participant:move', { participantId: await idOf(name), tableId: 't2', smallTable: true })).toEqual({ ok: true });
    }
    const device = devices.get('t2')!.page;
    for (const member of [kofi, lena]) {
      await member.page.locator('[data-testid="my-table"][data-table-id="t2"]').waitFor();
      await member.page.getByTestId('audio-join').click();
    }

    // No microphone: Kofi is told how to allow it, and listens meanwhile; the device sees it.
    await expect.poll(() => kofi.page.getByTestId('audio-problem').getAttribute('data-problem')).toBe('microphone');
    expect(await kofi.page.getByTestId('audio-problem').textContent()).toContain('allow the microphone for this site');
    const blocked = device.locator('[data-testid="audio-member"][data-trouble="microphone"]');
    await expect.poll(() => blocked.count()).toBe(1);
    expect(await blocked.textContent()).toContain('microphone blocked, listening only');
    await expect.poll(async () => (await peerStats(kofi.page)).some((s) => s.bytes > 0), { timeout: 15_000 }).toBe(true);

    // No path for calls: after the connection times out, Lena is told, and the device shows she could not connect.
    await expect.poll(() => lena.page.getByTestId('audio-problem').getAttribute('data-problem'), { timeout: 30_000 }).toBe('network');
    expect(await lena.page.getByTestId('audio-problem').textContent()).toContain('video link');
    const unreachable = device.locator('[data-testid="audio-member"][data-trouble="network"]');
    await expect.poll(() => unreachable.count(), { timeout: 30_000 }).toBe(1);
    expect(await unreachable.textContent()).toContain('could not connect');
    await screenshotBoth(device, '43-table-device-trouble', { fullPage: true });
    await screenshotBoth(lena.page, '44-remote-network-blocked', { fullPage: true });
  });
});
