import type { NoteKind, Phase, Presence, TableMode } from '../domain/enums.ts';

/**
 * What each role is sent. Participants' views carry no other participant's id, name or group:
 * authorship reaches them only as `mine: true` on their own notes.
 */

export type TimerView =
  | { status: 'idle' }
  | { status: 'running'; endsAt: number; durationMs: number }
  | { status: 'paused'; remainingMs: number; durationMs: number };

export interface SessionHeader {
  id: string;
  title: string;
  description: string;
  code: string;
  phase: Phase;
  round: number;
  rounds: number;
  autoAdvance: boolean;
  timer: TimerView;
}

/** Phase, round and timer: everything that changes when the clock or the facilitator moves on. */
export type PhaseView = Pick<SessionHeader, 'phase' | 'round' | 'timer'>;

export interface NoteView {
  id: string;
  tableId: string;
  round: number;
  text: string;
  kind: NoteKind | null;
  edited: boolean;
  mine?: true;
  /** Only facilitators see hidden notes, marked. */
  hidden?: true;
}

export interface SummaryView {
  tableId: string;
  round: number;
  text: string;
}

export interface BroadcastView {
  id: string;
  text: string;
  at: number;
}

/** The table a participant sits at: its question, its notes across rounds, no names. */
export interface SeatTableView {
  id: string;
  name: string;
  question: string;
  mode: TableMode;
  videoUrl: string | null;
  memberCount: number;
  hasHost: boolean;
  notes: NoteView[];
  summaries: SummaryView[];
}

export interface MeView {
  id: string;
  name: string;
  group: string;
  presence: Presence;
  isHost: boolean;
}

export interface SeatView {
  round: number;
  table: SeatTableView | null;
  isHost: boolean;
  /** True when the participant stays where they were (hosts, pinned people). */
  stay: boolean;
}

export interface ParticipantSnapshot {
  role: 'participant';
  session: SessionHeader;
  me: MeView;
  seat: SeatView;
  broadcast: BroadcastView | null;
}

export interface TableRow {
  id: string;
  name: string;
  question: string;
  mode: TableMode;
  capacity: number;
  videoUrl: string | null;
  hostId: string | null;
}

export interface ParticipantRow {
  id: string;
  name: string;
  group: string;
  presence: Presence;
  status: 'active' | 'left' | 'removed';
  tableId: string | null;
  pinnedTo: string | null;
}

export interface FacilitatorSnapshot {
  role: 'facilitator';
  session: SessionHeader;
  stakeholderGroups: string[];
  roundSeconds: number;
  movingSeconds: number;
  tables: TableRow[];
  participants: ParticipantRow[];
  notes: NoteView[];
  summaries: SummaryView[];
  broadcast: BroadcastView | null;
}

export interface DisplayTable {
  id: string;
  name: string;
  question: string;
  mode: TableMode;
  memberCount: number;
  /** While moving: how many of those now at this table go to each other table. Counts only. */
  flows: { tableId: string; count: number }[];
}

export interface DisplaySnapshot {
  role: 'display';
  session: SessionHeader;
  joinedCount: number;
  tables: DisplayTable[];
  broadcast: BroadcastView | null;
}

export type Snapshot = ParticipantSnapshot | FacilitatorSnapshot | DisplaySnapshot;
