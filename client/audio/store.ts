import { create } from 'zustand';
import type { AudioEndedView, AudioMemberView, AudioRosterView } from '../../shared/protocol/audio.ts';

/**
 * Table audio as this page sees it: the call it is in (or why it is not), who else is in it, and
 * how each peer connection is doing. Written by the call (call.ts) from the server's messages and
 * the browser's connection events; components only read it and call the call's functions.
 */

/** Why this page has no working audio, in the words the page uses to say what to do. */
export type AudioProblem =
  /** Not https (nor localhost): browsers give no microphone and no calls to such pages. */
  | 'insecure'
  /** No WebRTC or no microphone API in this browser. */
  | 'unsupported'
  /** The microphone was refused: listening still works. */
  | 'microphone'
  /** No microphone on this device: listening still works. */
  | 'noMicrophone'
  /** Some members could not be reached: the network blocks calls. */
  | 'network';

export type PeerState = 'connecting' | 'connected' | 'failed';

export interface PeerStatus {
  state: PeerState;
  speaking: boolean;
}

export interface AudioState {
  /** off: not in a call; starting: asking for the microphone or joining; live: in the call. */
  status: 'off' | 'starting' | 'live';
  as: 'member' | 'device' | null;
  tableId: string | null;
  self: AudioMemberView | null;
  roster: AudioRosterView | null;
  /** By the peer's call address. */
  peers: ReadonlyMap<string, PeerStatus>;
  problem: AudioProblem | null;
  /** The server refused to join (in its words, or the code's translation). */
  refusal: string | null;
  /** Why the server took this page out of its call, when it was not a move. */
  ended: Exclude<AudioEndedView['reason'], 'moved'> | null;
  muted: boolean;
  cantHear: boolean;
  hand: boolean;
  showName: boolean;
  /** This page's own microphone, 0 to 1, for a level meter. */
  level: number;
}

export const quietAudio: AudioState = {
  status: 'off',
  as: null,
  tableId: null,
  self: null,
  roster: null,
  peers: new Map(),
  problem: null,
  refusal: null,
  ended: null,
  muted: false,
  cantHear: false,
  hand: false,
  showName: false,
  level: 0,
};

export const useAudio = create<AudioState>(() => quietAudio);

/**
 * The call itself (WebRTC, the microphone), loaded when a call starts or a host watches theirs:
 * people in the room at a hybrid table only see a note and never download it.
 */
export const engine = () => import('./call.ts');

/** What this page can do at all, before asking for anything. */
export function support(): 'insecure' | 'unsupported' | null {
  if (!window.isSecureContext) return 'insecure';
  if (!navigator.mediaDevices?.getUserMedia || typeof RTCPeerConnection === 'undefined') return 'unsupported';
  return null;
}

/** Sets one peer's status; a new Map, so subscribers see the change. */
export function setPeer(address: string, patch: Partial<PeerStatus>): void {
  useAudio.setState((s) => {
    const before = s.peers.get(address);
    const next = { state: 'connecting' as PeerState, speaking: false, ...before, ...patch };
    if (before && before.state === next.state && before.speaking === next.speaking) return s;
    const peers = new Map(s.peers);
    peers.set(address, next);
    return { peers };
  });
}

export function dropPeer(address: string): void {
  useAudio.setState((s) => {
    if (!s.peers.has(address)) return s;
    const peers = new Map(s.peers);
    peers.delete(address);
    return { peers };
  });
}

/** The other members of the call, the device first. */
export function othersIn(s: Pick<AudioState, 'roster' | 'self'>): AudioMemberView[] {
  return s.roster?.members.filter((m) => m.address !== s.self?.address) ?? [];
}
