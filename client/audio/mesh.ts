import type { AudioSignalView, IceCandidateView, SessionDescriptionView } from '../../shared/protocol/audio.ts';
import type { PeerState } from './store.ts';

/**
 * A table's call as a mesh: one peer connection to each other member, each carrying this page's
 * microphone one way and the member's voice the other. Tables are small (a device and up to four
 * or five remote people), so each page sends a handful of Opus streams of ~40 kbit/s; see
 * docs/audio.md for the measurements behind the choice.
 *
 * Who offers is fixed, so two offers never cross: whoever joins later calls everyone already in
 * the call, and only the caller restarts ICE when a connection fails.
 */

export interface MeshSignal {
  description?: SessionDescriptionView;
  candidates?: IceCandidateView[];
}

export interface MeshOptions {
  config: RTCConfiguration;
  /** The microphone, or null to listen only. */
  stream: MediaStream | null;
  send(to: string, signal: MeshSignal): Promise<boolean>;
  onState(address: string, state: PeerState): void;
}

/** ICE restarts a caller tries before it says the member could not be reached. */
const RESTARTS = 2;
/** A connection not up after this long is reported as failed (and restarted, by its caller). */
const CONNECT_MS = 12_000;
/** Candidates found within this long go in one message. */
const BATCH_MS = 40;

export class Mesh {
  private readonly peers = new Map<string, Peer>();
  private config: RTCConfiguration;

  constructor(private readonly options: MeshOptions) {
    this.config = options.config;
  }

  /** Calls a member already in the call. */
  call(address: string): void {
    if (this.peers.has(address)) return;
    const peer = this.open(address, true);
    void peer.offer();
  }

  async receive(signal: AudioSignalView): Promise<void> {
    let peer = this.peers.get(signal.from);
    if (!peer) {
      // Only an offer opens a connection; stray candidates or answers for a closed one are dropped.
      if (signal.description?.type !== 'offer') return;
      peer = this.open(signal.from, false);
    }
    await peer.receive(signal);
  }

  /** Hangs up on members who left the call. */
  keepOnly(addresses: ReadonlySet<string>): void {
    for (const address of [...this.peers.keys()]) if (!addresses.has(address)) this.drop(address);
  }

  drop(address: string): void {
    this.peers.get(address)?.close();
    this.peers.delete(address);
  }

  /** New TURN credentials: for connections made from now on, and for ICE restarts. */
  configure(config: RTCConfiguration): void {
    this.config = config;
    for (const peer of this.peers.values()) peer.configure(config);
  }

  /** The loudest each member was over the last second (0 to 1), from their packets' level header. */
  levels(): Map<string, number> {
    const levels = new Map<string, number>();
    for (const [address, peer] of this.peers) levels.set(address, peer.level());
    return levels;
  }

  close(): void {
    for (const address of [...this.peers.keys()]) this.drop(address);
  }

  private open(address: string, caller: boolean): Peer {
    const peer = new Peer(address, caller, this.config, this.options);
    this.peers.set(address, peer);
    return peer;
  }
}

class Peer {
  private readonly pc: RTCPeerConnection;
  private readonly audio = new Audio();
  private outgoing: IceCandidateView[] = [];
  private batchTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly early: RTCIceCandidateInit[] = [];
  private restarts = 0;
  private watchdog: ReturnType<typeof setTimeout> | undefined;
  private closed = false;

  constructor(
    private readonly address: string,
    private readonly caller: boolean,
    config: RTCConfiguration,
    private readonly options: MeshOptions,
  ) {
    this.pc = new RTCPeerConnection(config);
    const track = options.stream?.getAudioTracks()[0];
    if (track) this.pc.addTrack(track, options.stream!);
    else if (caller) this.pc.addTransceiver('audio', { direction: 'recvonly' });
    this.audio.autoplay = true;
    this.pc.ontrack = (e) => {
      this.audio.srcObject = e.streams[0] ?? new MediaStream([e.track]);
      this.audio.play().catch(() => undefined);
    };
    this.pc.onicecandidate = (e) => {
      if (e.candidate?.candidate) this.queue(e.candidate.toJSON());
      else this.flush();
    };
    this.pc.onconnectionstatechange = () => this.stateChanged();
    this.arm();
    options.onState(address, 'connecting');
  }

  async offer(iceRestart = false): Promise<void> {
    try {
      await this.pc.setLocalDescription(await this.pc.createOffer({ iceRestart }));
      await this.send({ description: this.description() });
    } catch {
      this.failed();
    }
  }

  async receive(signal: AudioSignalView): Promise<void> {
    try {
      const d = signal.description;
      if (d) {
        // An offer on an answered connection is the caller's ICE restart: answer it like the first.
        if (d.type === 'answer' && this.pc.signalingState !== 'have-local-offer') return;
        await this.pc.setRemoteDescription(d);
        for (const c of this.early.splice(0)) await this.pc.addIceCandidate(c).catch(() => undefined);
        if (d.type === 'offer') {
          if (this.pc.connectionState !== 'connected') this.arm();
          await this.pc.setLocalDescription(await this.pc.createAnswer());
          await this.send({ description: this.description() });
        }
      }
      for (const c of signal.candidates ?? []) {
        // Candidates may overtake the description they belong to; they wait for it.
        if (this.pc.remoteDescription) await this.pc.addIceCandidate(c).catch(() => undefined);
        else this.early.push(c);
      }
    } catch {
      this.failed();
    }
  }

  configure(config: RTCConfiguration): void {
    try {
      this.pc.setConfiguration(config);
    } catch {
      // A policy a connection cannot change is kept; only the credentials were new.
    }
  }

  level(): number {
    let loudest = 0;
    const now = performance.now();
    for (const receiver of this.pc.getReceivers()) {
      for (const source of receiver.getSynchronizationSources()) {
        if (now - source.timestamp < 1000) loudest = Math.max(loudest, source.audioLevel ?? 0);
      }
    }
    return loudest;
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.watchdog);
    clearTimeout(this.batchTimer);
    this.pc.close();
    this.audio.srcObject = null;
  }

  private description(): SessionDescriptionView {
    const d = this.pc.localDescription!;
    return { type: d.type as 'offer' | 'answer', sdp: d.sdp };
  }

  private send(signal: MeshSignal): Promise<boolean> {
    return this.closed ? Promise.resolve(false) : this.options.send(this.address, signal);
  }

  private queue(c: RTCIceCandidateInit) {
    this.outgoing.push({
      candidate: c.candidate!,
      sdpMid: c.sdpMid ?? null,
      sdpMLineIndex: c.sdpMLineIndex ?? null,
      usernameFragment: c.usernameFragment ?? null,
    });
    this.batchTimer ??= setTimeout(() => this.flush(), BATCH_MS);
  }

  private flush() {
    clearTimeout(this.batchTimer);
    this.batchTimer = undefined;
    while (this.outgoing.length) void this.send({ candidates: this.outgoing.splice(0, 32) });
  }

  private stateChanged() {
    if (this.closed) return;
    switch (this.pc.connectionState) {
      case 'connected':
        clearTimeout(this.watchdog);
        this.restarts = 0;
        this.options.onState(this.address, 'connected');
        break;
      case 'failed':
        this.failed();
        break;
      default:
        // new, connecting, and "disconnected", which often heals on its own within seconds.
        break;
    }
  }

  /**
   * Not connected in time, or broken: the member is said to be unreachable at once (the table
   * device shows it), and the caller tries ICE again a few times, which may still bring them in.
   */
  private failed() {
    if (this.closed) return;
    clearTimeout(this.watchdog);
    this.options.onState(this.address, 'failed');
    if (this.caller && this.restarts < RESTARTS) {
      this.restarts++;
      this.arm();
      this.pc.restartIce();
      void this.offer(true);
    }
  }

  private arm() {
    clearTimeout(this.watchdog);
    this.watchdog = setTimeout(() => this.pc.connectionState !== 'connected' && this.failed(), CONNECT_MS);
  }
}
