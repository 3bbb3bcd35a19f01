import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';
import { BROWSER_ARGS, CHROMIUM, FAKE_MEDIA } from '../tests/e2e/support/browser.ts';
import { joinSession, postJson, TestClient } from '../tests/support/clients.ts';
import { startCoturn, type Coturn } from '../tests/support/coturn.ts';
import { AudioBridgeClient, janusInstalled, startJanus, type Janus } from './lib/janus.ts';
import { cpuSeconds, loadAverage, machineBusy } from './lib/procfs.ts';
import { treeCpuSeconds } from './lib/proctree.ts';
import { startApp, type ServerProcess } from './lib/servers.ts';
import { num, renderTable } from './lib/table.ts';

/**
 * What table audio costs the table device and the servers, for the media path the app uses (a mesh
 * of browsers, directly or relayed by coturn) and, when Debian's Janus is installed, for the
 * alternative (Janus's AudioBridge mixing the table). Real Chromium with fake microphones: the table
 * device in a browser of its own (its processes' CPU read from /proc), the remote members in another.
 * Each configuration is measured beside its baselines in the same run: the device alone in its call,
 * and a one-to-one call, the least any media path can send.
 *
 *   npm run bench:audio [-- --members 4 --seconds 20 --skip-janus]
 *
 * Needs Debian's chromium and coturn; `npm run bench:audio` builds the client first.
 */

const { values } = parseArgs({
  options: {
    members: { type: 'string', default: '4' },
    seconds: { type: 'string', default: '20' },
    'skip-janus': { type: 'boolean', default: false },
    out: { type: 'string', default: 'bench/results/audio.json' },
  },
});
const MEMBERS = Number(values.members);
const SECONDS = Number(values.seconds);
const WARMUP_MS = 4000;

interface Tracked {
  browser: Browser;
  pid: number;
  close(): Promise<void>;
}

/** A Chromium of its own, so its processes' CPU is one tree in /proc. */
async function launchTracked(): Promise<Tracked> {
  const server = await chromium.launchServer({
    executablePath: CHROMIUM,
    args: [...BROWSER_ARGS, ...FAKE_MEDIA, '--autoplay-policy=no-user-gesture-required'],
  });
  const browser = await chromium.connect(server.wsEndpoint());
  return { browser, pid: server.process().pid!, close: () => server.close() };
}

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

async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  await context.addInitScript(countPeerConnections);
  return context.newPage();
}

interface Traffic {
  sent: number;
  received: number;
  packetsSent: number;
  connections: number;
}

/** What a page's peer connections put on the network: UDP payload bytes (RTP, RTCP, STUN, DTLS). */
function traffic(page: Page): Promise<Traffic> {
  return page.evaluate(async () => {
    const pcs = (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs.filter((pc) => pc.connectionState === 'connected');
    const total = { sent: 0, received: 0, packetsSent: 0, connections: pcs.length };
    for (const pc of pcs) {
      (await pc.getStats()).forEach((s) => {
        if (s.type === 'transport') {
          total.sent += s.bytesSent ?? 0;
          total.received += s.bytesReceived ?? 0;
          total.packetsSent += s.packetsSent ?? 0;
        }
      });
    }
    return total;
  });
}

interface Row {
  path: string;
  scenario: string;
  remoteMembers: number;
  deviceConnections: number;
  deviceCpuShare: number;
  deviceUploadKbps: number;
  deviceUploadWireKbps: number;
  deviceDownloadKbps: number;
  appServerCpuShare: number | null;
  mediaServerCpuShare: number | null;
  mediaServer: string | null;
  membersCpuShare: number;
}

interface Probe {
  path: string;
  device: Page;
  devicePid: number;
  membersPid: number;
  app: ServerProcess | null;
  media: { name: string; pid: number } | null;
}

async function measure(p: Probe, scenario: string, remoteMembers: number): Promise<Row> {
  await new Promise((r) => setTimeout(r, WARMUP_MS));
  const t0 = performance.now();
  const device0 = treeCpuSeconds(p.devicePid);
  const members0 = treeCpuSeconds(p.membersPid);
  const app0 = p.app?.cpuSeconds() ?? 0;
  const media0 = p.media ? cpuSeconds(p.media.pid) : 0;
  const net0 = await traffic(p.device);
  await new Promise((r) => setTimeout(r, SECONDS * 1000));
  const net1 = await traffic(p.device);
  const seconds = (performance.now() - t0) / 1000;
  const kbps = (bytes: number) => (bytes * 8) / 1000 / seconds;
  const row: Row = {
    path: p.path,
    scenario,
    remoteMembers,
    deviceConnections: net1.connections,
    deviceCpuShare: (treeCpuSeconds(p.devicePid) - device0) / seconds,
    deviceUploadKbps: kbps(net1.sent - net0.sent),
    // Each UDP datagram also carries 28 bytes of IPv4 and UDP headers.
    deviceUploadWireKbps: kbps(net1.sent - net0.sent + 28 * (net1.packetsSent - net0.packetsSent)),
    deviceDownloadKbps: kbps(net1.received - net0.received),
    appServerCpuShare: p.app ? (p.app.cpuSeconds() - app0) / seconds : null,
    mediaServerCpuShare: p.media ? (cpuSeconds(p.media.pid) - media0) / seconds : null,
    mediaServer: p.media?.name ?? null,
    membersCpuShare: (treeCpuSeconds(p.membersPid) - members0) / seconds,
  };
  console.error(
    `  ${p.path} · ${scenario}: device ${num(row.deviceCpuShare * 100, 1)} % CPU, ${num(row.deviceUploadKbps)} kbit/s up over ${row.deviceConnections} connections`,
  );
  return row;
}

async function waitFor(label: string, check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out: ${label}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The app's table audio: a hybrid table, its device, and remote members joining one by one. */
async function meshRun(path: 'direct' | 'relay', coturn: Coturn, deviceBrowser: Tracked, membersBrowser: Tracked): Promise<Row[]> {
  const env: Record<string, string> =
    path === 'relay' ? { TABLEHOP_TURN_URLS: coturn.url, TABLEHOP_TURN_SECRET: coturn.secret, TABLEHOP_ICE_POLICY: 'relay' } : {};
  const app = await startApp({ env });
  const rows: Row[] = [];
  const pages: Page[] = [];
  try {
    const session = (
      await postJson(`${app.url}/api/sessions`, {
        title: 'Audio bench',
        tables: [{ name: 'Digital identity', question: 'Who should govern digital identity?', mode: 'hybrid', capacity: 12 }],
        rounds: 2,
        roundSeconds: 1800,
        movingSeconds: 60,
        autoAdvance: false,
      })
    ).body;
    const facilitator = await TestClient.connect(app.url, session.facilitatorToken);
    const link = (await facilitator.send('device:link', { tableId: 't1' })) as { ok: true; url: string };
    const device = await newPage(deviceBrowser.browser);
    pages.push(device);
    await device.goto(link.url);
    await device.getByTestId('device-start').click();
    await waitFor('device live', async () => (await device.getByTestId('device').getAttribute('data-status')) === 'live');
    const probe: Probe = {
      path: path === 'relay' ? 'mesh via coturn' : 'mesh, direct',
      device,
      devicePid: deviceBrowser.pid,
      membersPid: membersBrowser.pid,
      app,
      media: path === 'relay' ? { name: 'coturn', pid: coturn.pid } : null,
    };
    rows.push(await measure(probe, 'device alone in its call', 0));

    // Everyone is seated at the table and the round is on before anyone opens their page.
    const tokens: string[] = [];
    for (let i = 0; i < MEMBERS; i++) {
      const { participantToken } = await joinSession(app.url, session.code, { name: `Remote member ${i + 1}`, presence: 'remote' });
      tokens.push(participantToken);
    }
    const snap = (await facilitator.sync()) as { participants: { id: string }[] };
    for (const p of snap.participants) await facilitator.send('participant:move', { participantId: p.id, tableId: 't1' });
    await facilitator.send('round:start', { round: 1 });

    for (const [i, token] of tokens.entries()) {
      const member = await newPage(membersBrowser.browser);
      pages.push(member);
      await member.context().addInitScript(({ key, creds }) => localStorage.setItem(key, JSON.stringify(creds)), {
        key: `tablehop:participant:${session.sessionId}`,
        creds: { token, code: session.code, name: `Remote member ${i + 1}` },
      });
      await member.goto(`${app.url}/p/${session.sessionId}`);
      await member.getByTestId('audio-join').click();
      await member.getByTestId('audio-self').waitFor();
      await waitFor(`device connected to ${i + 1}`, async () => (await traffic(device)).connections === i + 1);
      if (i === 0) rows.push(await measure(probe, 'one remote member (1:1)', 1));
    }
    for (const member of pages.slice(1)) await waitFor('members connected', async () => (await traffic(member)).connections === MEMBERS);
    rows.push(await measure(probe, `${MEMBERS} remote members`, MEMBERS));
    facilitator.close();
  } finally {
    for (const page of pages)
      await page
        .context()
        .close()
        .catch(() => undefined);
    await app.stop();
  }
  return rows;
}

/** A page joining a Janus AudioBridge room: one stream up, the room's mix (without itself) down. */
async function joinBridge(page: Page, janus: Janus, room: number): Promise<AudioBridgeClient> {
  const client = await AudioBridgeClient.connect(janus.api);
  await client.createRoom(room);
  const offer = await page.evaluate(async () => {
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    const pc = new RTCPeerConnection();
    stream.getTracks().forEach((t) => pc.addTrack(t, stream));
    pc.ontrack = (e) => {
      const audio = new Audio();
      audio.srcObject = e.streams[0] ?? new MediaStream([e.track]);
      void audio.play().catch(() => undefined);
      (window as unknown as { __audio: HTMLAudioElement }).__audio = audio;
    };
    await pc.setLocalDescription(await pc.createOffer());
    await new Promise<void>((resolve) => {
      if (pc.iceGatheringState === 'complete') return resolve();
      pc.onicegatheringstatechange = () => pc.iceGatheringState === 'complete' && resolve();
      setTimeout(resolve, 3000);
    });
    (window as unknown as { __bridge: RTCPeerConnection }).__bridge = pc;
    return pc.localDescription!.sdp;
  });
  const answer = await client.join(room, offer);
  await page.evaluate((sdp) => (window as unknown as { __bridge: RTCPeerConnection }).__bridge.setRemoteDescription({ type: 'answer', sdp }), answer);
  await waitFor('bridge connected', async () => (await traffic(page)).connections === 1);
  return client;
}

async function janusRun(appUrl: string, deviceBrowser: Tracked, membersBrowser: Tracked): Promise<Row[]> {
  const janus = await startJanus();
  const rows: Row[] = [];
  const pages: Page[] = [];
  const clients: AudioBridgeClient[] = [];
  const keepAlive = setInterval(() => clients.forEach((c) => void c.keepAlive().catch(() => undefined)), 20_000);
  try {
    const room = 4242;
    const device = await newPage(deviceBrowser.browser);
    pages.push(device);
    // Any page of a secure origin (here the app's, served on loopback) may use the microphone.
    await device.goto(`${appUrl}/healthz`);
    clients.push(await joinBridge(device, janus, room));
    const probe: Probe = {
      path: 'Janus AudioBridge',
      device,
      devicePid: deviceBrowser.pid,
      membersPid: membersBrowser.pid,
      app: null,
      media: { name: 'janus', pid: janus.pid },
    };
    rows.push(await measure(probe, 'device alone in its call', 0));
    for (let i = 0; i < MEMBERS; i++) {
      const member = await newPage(membersBrowser.browser);
      pages.push(member);
      await member.goto(`${appUrl}/healthz`);
      clients.push(await joinBridge(member, janus, room));
      if (i === 0) rows.push(await measure(probe, 'one remote member (1:1)', 1));
    }
    rows.push(await measure(probe, `${MEMBERS} remote members`, MEMBERS));
  } finally {
    clearInterval(keepAlive);
    for (const c of clients) await c.destroy();
    for (const page of pages)
      await page
        .context()
        .close()
        .catch(() => undefined);
    await janus.stop();
  }
  return rows;
}

const busyBefore = await machineBusy(1000);
const loadBefore = loadAverage();
const coturn = await startCoturn();
const deviceBrowser = await launchTracked();
const membersBrowser = await launchTracked();
const rows: Row[] = [];
let janusNote = '';
try {
  console.error('mesh, browsers connecting directly…');
  rows.push(...(await meshRun('direct', coturn, deviceBrowser, membersBrowser)));
  console.error('mesh, every connection relayed by coturn…');
  rows.push(...(await meshRun('relay', coturn, deviceBrowser, membersBrowser)));
  if (values['skip-janus']) janusNote = 'Janus: skipped (--skip-janus).';
  else if (!janusInstalled()) janusNote = 'Janus: not installed (apt-get install janus), so the AudioBridge comparison was skipped.';
  else {
    console.error('Janus AudioBridge…');
    const app = await startApp();
    try {
      rows.push(...(await janusRun(app.url, deviceBrowser, membersBrowser)));
    } finally {
      await app.stop();
    }
  }
} finally {
  await deviceBrowser.close();
  await membersBrowser.close();
  await coturn.stop();
}

const pct = (v: number | null) => (v === null ? '–' : `${num(v * 100, 1)} %`);
const table = renderTable(
  ['media path · scenario', 'device CPU', 'device up kbit/s (wire)', 'device down kbit/s', 'app server CPU', 'media server CPU', 'members’ browsers CPU'],
  rows.map((r) => [
    `${r.path} · ${r.scenario}`,
    pct(r.deviceCpuShare),
    `${num(r.deviceUploadKbps)} (${num(r.deviceUploadWireKbps)})`,
    num(r.deviceDownloadKbps),
    pct(r.appServerCpuShare),
    r.mediaServer ? `${pct(r.mediaServerCpuShare)} ${r.mediaServer}` : '–',
    pct(r.membersCpuShare),
  ]),
);
console.log(`Table audio: the table device with ${MEMBERS} remote members, ${SECONDS} s per figure (CPU as a share of one core)\n`);
console.log(table);
if (janusNote) console.log(`\n${janusNote}`);
console.log(`\nOther work before the run: ${num(busyBefore * 100)} % of the machine; load average ${loadBefore.toFixed(2)} → ${loadAverage().toFixed(2)}.`);
mkdirSync(dirname(values.out), { recursive: true });
writeFileSync(values.out, JSON.stringify({ members: MEMBERS, seconds: SECONDS, at: new Date().toISOString(), busyBefore, rows }, null, 2));
