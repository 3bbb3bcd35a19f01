import type { AudioEndedView, AudioJoinView, AudioRosterView, AudioTrouble, IceConfigView } from '../../shared/protocol/audio.ts';
import { send } from '../net/commands.ts';
import { listenLater } from '../net/connection.ts';
import { useConnection } from '../state/connection.ts';
import { describeRefusal } from '../ui/refusal.ts';
import { Mesh } from './mesh.ts';
import { dropPeer, quietAudio, setPeer, support, useAudio, type AudioProblem } from './store.ts';

/**
 * This page's part in its table's call: the microphone, joining, following the seat to each new
 * table, rejoining after a reconnection, and the mute, "can't hear you" and hand signals. One call
 * per page; the page says where it sits (`Place`) and the call follows.
 */

export interface Place {
  /** The table this page sits at now, or null (unseated, or a table with no remote people). */
  tableId: string | null;
  /** False once the session is over for this page. */
  open: boolean;
}

export interface Seat {
  read(): Place;
  subscribe(onChange: () => void): () => void;
}

const set = useAudio.setState;
const SAMPLE_MS = 250;
/** A member whose packets say this loud (0–1, from the level header) is speaking. */
const SPEAKING = 0.02;

let wanted = false;
let as: 'member' | 'device' = 'member';
let seat: Seat | null = null;
let stream: MediaStream | null = null;
let trouble: 'microphone' | 'unsupported' | null = null;
let network = false;
let mesh: Mesh | null = null;
/** The table of the call joined (as the server answered), and where the page sat when it asked. */
let joined: string | null = null;
let askedFrom: string | null = null;
/** A roster that came while the join was on its way (the server sends it before its reply). */
let early: AudioRosterView | null = null;
let busy = false;
let again = false;
let unsubscribe: (() => void)[] = [];
let sampler: ReturnType<typeof setInterval> | undefined;
let iceTimer: ReturnType<typeof setTimeout> | undefined;
let meter: { context: AudioContext; analyser: AnalyserNode; buffer: Float32Array<ArrayBuffer> } | null = null;

listenLater({
  'audio:roster': rosterArrived,
  'audio:signal': (signal) => void mesh?.receive(signal),
  'audio:ended': ended,
});

/**
 * Joins the call of the table the page sits at, asking for the microphone first (the browser asks
 * the person now, after their tap). Without a microphone the page still listens; without WebRTC it
 * still tells the table it could not connect.
 */
export async function startCall(role: 'member' | 'device', where: Seat): Promise<void> {
  stopFollowing();
  wanted = true;
  as = role;
  seat = where;
  set({ ...quietAudio, status: 'starting', as: role });
  const unable = support();
  trouble = unable ? 'unsupported' : null;
  let problem: AudioProblem | null = unable;
  if (!unable && !stream) {
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true } });
    } catch (error) {
      const name = (error as DOMException).name;
      trouble = 'microphone';
      problem = name === 'NotFoundError' || name === 'OverconstrainedError' ? 'noMicrophone' : 'microphone';
    }
  }
  if (!wanted) return;
  set({ problem });
  if (stream) startMeter(stream);
  unsubscribe = [
    where.subscribe(() => void follow()),
    useConnection.subscribe((s, before) => s.status === 'connected' && before.status !== 'connected' && reconnect()),
  ];
  sampler = setInterval(sample, SAMPLE_MS);
  await follow();
}

/** Leaves the call and lets go of the microphone. */
export async function stopCall(): Promise<void> {
  const wasIn = joined !== null;
  stopFollowing();
  hangUp();
  release();
  set(quietAudio);
  if (wasIn) await send('audio:leave', {});
}

/** The microphone's light goes off. */
function release(): void {
  stream?.getTracks().forEach((t) => t.stop());
  stream = null;
  void meter?.context.close();
  meter = null;
}

export function setMuted(muted: boolean): void {
  stream?.getAudioTracks().forEach((t) => (t.enabled = !muted));
  set({ muted });
  void send('audio:state', { muted });
}

export function setCantHear(cantHear: boolean): void {
  set({ cantHear });
  void send('audio:state', { cantHear });
}

export function setHand(hand: boolean): void {
  set({ hand });
  void send('audio:state', { hand });
}

export function setShowName(showName: boolean): void {
  set({ showName });
  void send('audio:state', { showName });
}

/** For a table's host who is not in the call: who is, kept current. */
export async function watchRoster(): Promise<void> {
  const reply = await send('audio:roster', {});
  if (reply.ok) rosterArrived(reply);
}

/** Joins, rejoins or leaves until the call matches where the page sits. */
async function follow(): Promise<void> {
  if (busy) {
    again = true;
    return;
  }
  busy = true;
  try {
    do {
      again = false;
      const place = seat?.read() ?? { tableId: null, open: false };
      if (!wanted || !place.open || place.tableId === null) {
        if (joined !== null) {
          hangUp();
          await send('audio:leave', {});
        }
        // The session is over for this page (closed, left, a replaced device link): so is the call.
        if (wanted && !place.open) {
          stopFollowing();
          release();
          set(quietAudio);
        }
        continue;
      }
      if (joined === null || place.tableId !== askedFrom) await join(place.tableId);
    } while (again && wanted);
  } finally {
    busy = false;
  }
}

async function join(from: string): Promise<void> {
  hangUp();
  askedFrom = from;
  early = null;
  set({ status: 'starting', refusal: null, ended: null });
  const reply = await send('audio:join', { as, trouble });
  if (!wanted) return;
  if (!reply.ok) {
    askedFrom = null;
    set({ status: 'off', refusal: describeRefusal(reply) });
    return;
  }
  const view: AudioJoinView = reply;
  joined = view.tableId;
  // The server seats us where the session says now, which may already be past a move we have not heard of.
  askedFrom = view.tableId === from ? from : view.tableId;
  network = false;
  const { muted, cantHear, hand, showName } = useAudio.getState();
  set({ status: 'live', tableId: view.tableId, self: view.self, peers: new Map() });
  // Set meanwhile by the listener, which TypeScript cannot see across the await.
  const pending = early as AudioRosterView | null;
  early = null;
  if (pending?.tableId === view.tableId) rosterArrived(pending);
  if (muted || cantHear || hand || showName) void send('audio:state', { muted, cantHear, hand, showName });
  stream?.getAudioTracks().forEach((t) => (t.enabled = !muted));
  if (trouble === 'unsupported') return;
  mesh = new Mesh({
    config: rtcConfig(view.ice),
    stream,
    send: async (to, signal) => (await send('audio:signal', { to, ...signal })).ok,
    onState: (address, state) => {
      setPeer(address, { state });
      reportNetwork();
    },
  });
  scheduleIce(view.ice);
  for (const peer of view.peers) if (peer.trouble !== 'unsupported') mesh.call(peer.address);
}

function rosterArrived(roster: AudioRosterView): void {
  const s = useAudio.getState();
  if (s.status === 'starting') {
    early = roster;
    return;
  }
  // A roster of a call this page has just left (or of a table it no longer hosts) is old news.
  if (joined !== null ? roster.tableId !== joined : s.status !== 'off') return;
  set({ roster });
  if (!mesh) return;
  const present = new Set(roster.members.map((m) => m.address));
  mesh.keepOnly(present);
  for (const address of s.peers.keys()) if (!present.has(address)) dropPeer(address);
}

function ended(e: AudioEndedView): void {
  if (e.tableId !== joined) return;
  hangUp();
  if (e.reason === 'moved') {
    // Seated elsewhere: the server knows where; join there (the seat may reach us a moment later).
    void follow();
    return;
  }
  stopFollowing();
  release();
  set({ ...quietAudio, ended: e.reason });
}

function reconnect(): void {
  // A new connection is in no call: join again, as the same person, with a new address.
  joined = null;
  hangUp();
  void follow();
}

function hangUp(): void {
  mesh?.close();
  mesh = null;
  joined = null;
  clearTimeout(iceTimer);
  set({ peers: new Map(), self: null, roster: null, tableId: null });
}

function stopFollowing(): void {
  wanted = false;
  for (const off of unsubscribe) off();
  unsubscribe = [];
  clearInterval(sampler);
  sampler = undefined;
}

/**
 * Says on this page when some members cannot be reached, and tells the table when this page is cut
 * off: from the table's device, or from everyone. One unreachable member is that member's trouble,
 * not everybody's: the device shows it from its own connection to them.
 */
function reportNetwork(): void {
  const { peers, roster, self, problem } = useAudio.getState();
  const failed = (address: string) => peers.get(address)?.state === 'failed';
  const someFail = [...peers.keys()].some(failed);
  if (someFail && !problem) set({ problem: 'network' });
  if (!someFail && problem === 'network') set({ problem: null });
  const device = roster?.members.find((m) => m.kind === 'device' && m.address !== self?.address);
  const cutOff = (device !== undefined && failed(device.address)) || (peers.size > 0 && [...peers.keys()].every(failed));
  if (cutOff === network) return;
  network = cutOff;
  const reported: AudioTrouble | null = trouble ?? (cutOff ? 'network' : null);
  void send('audio:state', { trouble: reported });
}

function rtcConfig(ice: IceConfigView): RTCConfiguration {
  return { iceServers: ice.iceServers, iceTransportPolicy: ice.iceTransportPolicy };
}

/** TURN credentials expire: fresh ones at half their life, for new connections and ICE restarts. */
function scheduleIce(ice: IceConfigView): void {
  clearTimeout(iceTimer);
  if (ice.expiresAt === null) return;
  const wait = Math.max(30_000, (ice.expiresAt - Date.now()) / 2);
  iceTimer = setTimeout(() => void refreshIce(), wait);
}

async function refreshIce() {
  const fresh = await send('audio:ice', {});
  if (fresh.ok && mesh) {
    mesh.configure(rtcConfig(fresh));
    scheduleIce(fresh);
  }
}

function startMeter(mic: MediaStream): void {
  if (meter) return;
  try {
    const context = new AudioContext();
    const analyser = context.createAnalyser();
    analyser.fftSize = 512;
    context.createMediaStreamSource(mic).connect(analyser);
    meter = { context, analyser, buffer: new Float32Array(analyser.fftSize) };
  } catch {
    // No meter: the call works without it.
  }
}

/** Who is speaking (from the level each member's packets carry), and this page's own level. */
function sample(): void {
  if (mesh) for (const [address, level] of mesh.levels()) setPeer(address, { speaking: level > SPEAKING });
  if (!meter) return;
  meter.analyser.getFloatTimeDomainData(meter.buffer);
  let sum = 0;
  for (const x of meter.buffer) sum += x * x;
  const level = Math.min(1, Math.sqrt(sum / meter.buffer.length) * 4);
  const muted = useAudio.getState().muted;
  const shown = muted ? 0 : Math.round(level * 20) / 20;
  if (shown !== useAudio.getState().level) set({ level: shown });
}
