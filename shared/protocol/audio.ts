/**
 * What table audio sends each client. Types only: a value here would be bundled into every page's
 * shared chunk (see vite.config.ts), while only remote participants and table devices run audio.
 *
 * Nobody in a call is named by id. Each member has an address the server draws at random when they
 * join (a new one at every table and every join) and a number: "remote 1", "remote 2"… A name is
 * shown only when its owner chose to show it to their table.
 */

/** Who a call member is: the table's device (the room) or a remote participant. */
export type AudioKind = 'device' | 'remote';

/**
 * Why a member cannot be heard or hear others, as they reported it: no microphone permission (they
 * still listen), no network path to some member, or a browser or page that cannot do audio at all.
 */
export type AudioTrouble = 'microphone' | 'network' | 'unsupported';

export interface AudioMemberView {
  address: string;
  kind: AudioKind;
  /** "remote <number>" for remote members; 0 for the device. */
  number: number;
  /** Present only when the member chose to show their name to their table. */
  name?: string;
  muted: boolean;
  /** "Can't hear you": the room or a member is too quiet for them. */
  cantHear: boolean;
  hand: boolean;
  trouble: AudioTrouble | null;
}

/** Everyone in a table's call; sent to its members and to the table's host, nobody else. */
export interface AudioRosterView {
  tableId: string;
  members: AudioMemberView[];
}

/** An RTCIceServer, with short-lived TURN credentials where the server has a TURN secret. */
export interface IceServerView {
  urls: string[];
  username?: string;
  credential?: string;
}

export interface IceConfigView {
  iceServers: IceServerView[];
  iceTransportPolicy: 'all' | 'relay';
  /** When the TURN credentials stop working (ms since the epoch); ask `audio:ice` again before. */
  expiresAt: number | null;
}

/** The reply to `audio:join`: who you are in the call, whom to call, and how. */
export interface AudioJoinView {
  /** The table whose call this is: the one the server has you seated at, now. */
  tableId: string;
  self: AudioMemberView;
  /** Members already in the call: the newcomer sends each an offer. */
  peers: AudioMemberView[];
  ice: IceConfigView;
}

export interface SessionDescriptionView {
  type: 'offer' | 'answer';
  sdp: string;
}

export interface IceCandidateView {
  candidate: string;
  sdpMid: string | null;
  sdpMLineIndex: number | null;
  usernameFragment: string | null;
}

/** An offer, an answer or candidates from another member of the same call, by address. */
export interface AudioSignalView {
  from: string;
  description?: SessionDescriptionView;
  candidates?: IceCandidateView[];
}

/**
 * Why this connection is no longer in a call: seated elsewhere or unseated, another device or
 * another of your own connections took over, or no longer allowed (a host who stopped hosting).
 */
export interface AudioEndedView {
  tableId: string;
  reason: 'moved' | 'replaced' | 'elsewhere' | 'notAllowed';
}

/** What a table device sees on connecting: its table and the session's clock, nothing about people. */
export interface DeviceTableView {
  id: string;
  name: string;
  question: string;
  mode: 'room' | 'remote' | 'hybrid';
}

/**
 * A connection's place in a call, kept on its socket by the server (other server processes read it
 * with the socket). Never sent as it is: `who` names the participant.
 */
export interface CallMembership {
  tableId: string;
  /** A participant id, or `device` for a table device link. */
  who: string;
  as: 'member' | 'device';
  address: string;
  kind: AudioKind;
  number: number;
  muted: boolean;
  cantHear: boolean;
  hand: boolean;
  showName: boolean;
  trouble: AudioTrouble | null;
}
