import type { DomainEvent } from '../domain/events.ts';
import type { Result } from './errors.ts';
import type { CommandInput, CommandName } from './schemas.ts';
import type {
  BallotView,
  BroadcastView,
  HarvestView,
  MyNotesView,
  RapporteurRow,
  ReadoutLink,
  DisplayTable,
  NoteView,
  ParticipantRow,
  PhaseView,
  SeatingPreviewView,
  SeatingStatusView,
  SeatView,
  Snapshot,
  SummaryView,
  TableHistoryView,
  TableRow,
} from './views.ts';

type Ack<T extends object = object> = (result: Result<T>) => void;
type Command<K extends CommandName, T extends object = object> = (payload: CommandInput<K>, ack: Ack<T>) => void;

/** Commands (`noun:verb`), each acknowledged with one `Result`. */
export interface ClientToServerEvents {
  'clock:ping': Command<'clock:ping', { t0: number; serverNow: number }>;
  'session:sync': Command<'session:sync'>;
  'seating:assign': Command<'seating:assign', { seated: number; waiting: number }>;
  'seating:preview': Command<'seating:preview', SeatingPreviewView>;
  /** `version`: the seating version once the plan is accepted. */
  'seating:accept': Command<'seating:accept', { version: number }>;
  'round:start': Command<'round:start'>;
  'round:end': Command<'round:end'>;
  'timer:pause': Command<'timer:pause'>;
  'timer:resume': Command<'timer:resume'>;
  'timer:extend': Command<'timer:extend'>;
  'harvest:open': Command<'harvest:open'>;
  'session:close': Command<'session:close'>;
  'participant:move': Command<'participant:move'>;
  'participant:remove': Command<'participant:remove'>;
  'participant:leave': Command<'participant:leave'>;
  'host:assign': Command<'host:assign'>;
  'broadcast:send': Command<'broadcast:send'>;
  'note:add': Command<'note:add', { noteId: string }>;
  'note:edit': Command<'note:edit', { noteId: string }>;
  'note:delete': Command<'note:delete', { noteId: string }>;
  'note:hide': Command<'note:hide', { noteId: string }>;
  'summary:write': Command<'summary:write'>;
  'rapporteur:invite': Command<'rapporteur:invite', { rapporteurId: string; label: string; token: string; url: string }>;
  'rapporteur:revoke': Command<'rapporteur:revoke'>;
  'theme:create': Command<'theme:create', { themeId: string }>;
  'theme:rename': Command<'theme:rename'>;
  'theme:mark': Command<'theme:mark'>;
  'theme:merge': Command<'theme:merge'>;
  'theme:delete': Command<'theme:delete'>;
  'note:sort': Command<'note:sort'>;
  'note:setAside': Command<'note:setAside'>;
  'quote:edit': Command<'quote:edit'>;
  'synthesis:write': Command<'synthesis:write'>;
  'vote:configure': Command<'vote:configure'>;
  'vote:cast': Command<'vote:cast', { dotsLeft: number }>;
  'finding:keep': Command<'finding:keep'>;
  'finding:redact': Command<'finding:redact', { source: string; text: string }>;
  'readout:publish': Command<'readout:publish', { readoutId: string; version: number; url: string }>;
  'readout:mine': Command<'readout:mine', MyNotesView>;
}

/** Facts (`noun:verbed`), already cut to the receiving role's view. */
export interface ServerToClientEvents {
  /** The whole view, on connect and whenever a delta would not do. */
  'session:snapshot': (snapshot: Snapshot) => void;
  'phase:changed': (phase: PhaseView) => void;
  'note:added': (note: NoteView) => void;
  'note:edited': (note: NoteView) => void;
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
  /** Facilitators: the rapporteur links issued. */
  'rapporteurs:changed': (rows: RapporteurRow[]) => void;
  /** Everyone, from the harvest on: the themes to vote on (names only). */
  'ballot:changed': (ballot: BallotView) => void;
  /** A participant's own dots, to that participant only. */
  'ballot:mine': (mine: { dots: Record<string, number>; dotsLeft: number }) => void;
  /** Everyone: a readout was published at this public link. */
  'readout:published': (link: ReadoutLink) => void;
  /** This connection's credentials stopped working (removed, or the session closed). */
  'session:ended': (reason: { reason: 'removed' | 'left' | 'closed'; message: string }) => void;
}

/** Between server processes sharing sessions through Redis. */
export interface InterServerEvents {
  /** Facts a process committed, so the others keep their copy of the session current. */
  'session:appended': (message: { sessionId: string; fromVersion: number; events: DomainEvent[] }) => void;
}

export interface SocketData {
  sessionId: string;
  role: 'facilitator' | 'participant' | 'display' | 'rapporteur';
  participantId?: string;
  rapporteurId?: string;
}
