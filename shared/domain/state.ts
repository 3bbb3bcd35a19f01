import type { NoteKind, ParticipantStatus, Phase, Presence, TableMode } from './enums.ts';

export type SessionId = string;
export type TableId = string;
export type ParticipantId = string;
export type NoteId = string;

export interface SessionConfig {
  title: string;
  description: string;
  rounds: number;
  roundSeconds: number;
  movingSeconds: number;
  autoAdvance: boolean;
  stakeholderGroups: string[];
}

export interface Table {
  id: TableId;
  name: string;
  question: string;
  videoUrl: string | null;
  mode: TableMode;
  capacity: number;
  /** The table host stays across rounds and briefs newcomers. */
  hostId: ParticipantId | null;
}

export interface Participant {
  id: ParticipantId;
  name: string;
  group: string;
  presence: Presence;
  /** SHA-256 of the participant token; the token itself is never stored. */
  tokenHash: string;
  joinedAt: number;
  status: ParticipantStatus;
  /** A facilitator's pin: every later round keeps them at this table. */
  pinnedTo: TableId | null;
}

export interface Note {
  id: NoteId;
  tableId: TableId;
  round: number;
  authorId: ParticipantId;
  text: string;
  kind: NoteKind | null;
  /** Order of arrival in the session; never sent to participants. */
  seq: number;
  createdAt: number;
  edited: boolean;
  deleted: boolean;
  hidden: boolean;
}

export type Timer =
  | { status: 'idle' }
  | { status: 'running'; endsAt: number; durationMs: number }
  | { status: 'paused'; remainingMs: number; durationMs: number };

export interface Broadcast {
  id: string;
  text: string;
  at: number;
}

export interface SessionState {
  id: SessionId;
  /** Number of events folded in; the log's expected version for the next append. */
  version: number;
  code: string;
  facilitatorKeyHash: string;
  createdAt: number;
  config: SessionConfig;
  phase: Phase;
  /** Current round in `round`, the round people are heading to in `moving`, 0 in the lobby. */
  round: number;
  timer: Timer;
  tables: Table[];
  participants: Record<ParticipantId, Participant>;
  tokenIndex: Record<string, ParticipantId>;
  /** Where each active participant sits now (or goes next, while moving). */
  seats: Record<ParticipantId, TableId>;
  /** Everyone who sat at each table in each round, for notes written late and for rotation history. */
  sittings: Record<number, Record<ParticipantId, TableId[]>>;
  notes: Record<NoteId, Note>;
  tableNotes: Record<TableId, NoteId[]>;
  noteSeq: number;
  /** Host summaries, by table then round. */
  summaries: Record<TableId, Record<number, string>>;
  broadcast: Broadcast | null;
}

export function tableById(state: SessionState, tableId: TableId): Table | undefined {
  return state.tables.find((t) => t.id === tableId);
}

export function activeParticipants(state: SessionState): Participant[] {
  return Object.values(state.participants).filter((p) => p.status === 'active');
}

export function membersOf(state: SessionState, tableId: TableId): ParticipantId[] {
  const members: ParticipantId[] = [];
  for (const [pid, tid] of Object.entries(state.seats)) if (tid === tableId) members.push(pid);
  return members;
}

export function hostedTable(state: SessionState, participantId: ParticipantId): Table | undefined {
  return state.tables.find((t) => t.hostId === participantId);
}

export function remainingMs(timer: Timer, now: number): number | null {
  switch (timer.status) {
    case 'idle':
      return null;
    case 'running':
      return Math.max(0, timer.endsAt - now);
    case 'paused':
      return timer.remainingMs;
  }
}

/** The highest round that has begun: sittings are recorded when a round starts. */
export function lastStartedRound(state: SessionState): number {
  let last = 0;
  for (const r of Object.keys(state.sittings)) last = Math.max(last, Number(r));
  return last;
}
