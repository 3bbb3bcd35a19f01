import type { AudioEndedView, AudioRosterView, AudioSignalView, CallMembership } from './audio.ts';
import type { Result } from './errors.ts';
import type { InputOf, ReplyOf, SocketCommandName } from '../commands/index.ts';
import type {
  AdmissionView,
  BallotView,
  CoFacilitatorRow,
  BroadcastView,
  DisplayHarvest,
  HarvestPatch,
  HarvestView,
  ModerationSettingsView,
  PaceView,
  RapporteurRow,
  ReadoutLink,
  DisplayTable,
  NoteView,
  ParticipantRow,
  PhaseView,
  SeatingStatusView,
  SeatView,
  Snapshot,
  StaffNoteView,
  SummaryView,
  TableHistoryView,
  TableRow,
} from './views.ts';

/**
 * Commands (`noun:verb`), each acknowledged with one `Result`: derived from the command table
 * (shared/commands/), where each is declared once with its schema and reply.
 */
export type ClientToServerEvents = {
  [K in SocketCommandName]: (payload: InputOf<K>, ack: (result: Result<ReplyOf<K> & object>) => void) => void;
};

/** Facts (`noun:verbed`), already cut to the receiving role's view. */
export interface ServerToClientEvents {
  /** The whole view, on connect and whenever a delta would not do. */
  'session:snapshot': (snapshot: Snapshot) => void;
  'phase:changed': (phase: PhaseView) => void;
  /** Participants and rapporteurs get a `NoteView`; facilitators the `StaffNoteView` moderation needs. */
  'note:added': (note: NoteView | StaffNoteView) => void;
  'note:edited': (note: NoteView | StaffNoteView) => void;
  /** Deleted by its author or hidden by the facilitator: gone from participants' screens. */
  'note:removed': (ref: { id: string; tableId: string }) => void;
  'summary:written': (summary: SummaryView) => void;
  /** A participant's own seat changed: a new table for the next round, or a manual move. */
  'seat:changed': (seat: SeatView) => void;
  /** Member count and host presence of the participant's table. */
  'table:changed': (table: { id: string; memberCount: number; hasHost: boolean }) => void;
  /** Follows the `seat:changed` of a seating, once per table, to those just seated there. */
  'table:history': (history: TableHistoryView) => void;
  'broadcast:sent': (broadcast: BroadcastView) => void;
  /** Facilitators: participants whose row changed. */
  'roster:changed': (rows: ParticipantRow[]) => void;
  /** Facilitators: tables whose host or settings changed. */
  'tables:changed': (rows: TableRow[]) => void;
  /** Facilitators: something a seating plan depends on changed (a preview is now stale), or a plan was accepted. */
  'seating:changed': (seating: SeatingStatusView) => void;
  /** Displays: the table map with counts and, while moving, where people go. */
  'display:tables': (payload: { tables: DisplayTable[]; joinedCount: number }) => void;
  /** Facilitators and rapporteurs: the harvest as it stands, findings of the attribution check included. */
  'harvest:changed': (harvest: HarvestView) => void;
  /** Facilitators and rapporteurs: the parts of the harvest view that changed without a rapporteur's command (votes, findings). */
  'harvest:patch': (patch: HarvestPatch) => void;
  /** Displays: the vote as it stands, then the readout's link. */
  'display:harvest': (harvest: DisplayHarvest | null) => void;
  /** Facilitators: the rapporteur links issued. */
  'rapporteurs:changed': (rows: RapporteurRow[]) => void;
  /** Everyone, from the harvest on: the themes to vote on (names only). */
  'ballot:changed': (ballot: BallotView) => void;
  /** A participant's own dots, to that participant only. */
  'ballot:mine': (mine: { dots: Record<string, number>; dotsLeft: number }) => void;
  /** Everyone: a readout was published at this public link. */
  'readout:published': (link: ReadoutLink) => void;
  /** Who is in the table's call: to its members, its device and its host only. */
  'audio:roster': (roster: AudioRosterView) => void;
  /** An offer, answer or candidates from another member of this connection's call. */
  'audio:signal': (signal: AudioSignalView) => void;
  /** This connection is no longer in the call it joined. */
  'audio:ended': (ended: AudioEndedView) => void;
  /** This connection's credentials stopped working (removed, or the session closed). */
  'session:ended': (reason: { reason: 'removed' | 'left' | 'closed' | 'declined'; message: string }) => void;
  /** Facilitators: who gets in, and whether joins are taken. */
  'admission:changed': (admission: AdmissionView) => void;
  /** Facilitators: the moderation settings (the word list on or off). */
  'moderation:changed': (settings: ModerationSettingsView) => void;
  /** Facilitators: people held back by the note pace in the last minute, counted without naming anyone. */
  'moderation:pace': (pace: PaceView) => void;
  /** One participant, privately: a facilitator muted their notes (nobody else is told, nor learns who). */
  'moderation:muted': (notice: { at: number }) => void;
  /** Facilitators: the co-facilitators invited, and who was withdrawn. */
  'cofacilitators:changed': (rows: CoFacilitatorRow[]) => void;
}

/**
 * What travels on the wire: each event above with the session's version after its payload. A
 * message from the fan-out carries the version its batch of facts started from (everything up to
 * it reached this connection before), a snapshot the version it shows; the client hands the
 * highest back as `auth.version` when it reconnects, and hears only what it missed.
 */
export type VersionedEvents = {
  [E in keyof ServerToClientEvents]: (payload: Parameters<ServerToClientEvents[E]>[0], version?: number) => void;
};

/**
 * Between server processes: nothing. Each process follows the session logs itself (the store's
 * `follow`) and tells its own connections, so no broadcast travels between processes.
 */
export type InterServerEvents = Record<never, never>;

export interface SocketData {
  sessionId: string;
  role: 'facilitator' | 'cofacilitator' | 'participant' | 'display' | 'rapporteur' | 'device';
  participantId?: string;
  rapporteurId?: string;
  cofacilitatorId?: string;
  /** A table device's table and link. */
  tableId?: string;
  deviceId?: string;
  /** The call this connection is in, if any (server/realtime/audio.ts). */
  audio?: CallMembership;
  /** PUBLIC_URL without its trailing slash, when the operator set one: the base of every link a screen shows. */
  publicUrl?: string;
}
