import type { Admission, NoteKind, ParticipantStatus, Phase, Presence, SetAsideReason, TableMode } from '../domain/enums.ts';
import type { Finding } from '../harvest/attribution/index.ts';
import type { Access } from '../commands/access.ts';
import type { DeviceTableView } from './audio.ts';
import type { Fate } from '../harvest/types.ts';
import type { ClosedTable, Conflict, PlanFigures, RoundFigures } from '../rotation/index.ts';

/**
 * What each role is sent. Participants' views carry no other participant's id, name or group:
 * authorship reaches them only as `mine: true` on their own notes.
 */

export type TimerView =
  { status: 'idle' } | { status: 'running'; endsAt: number; durationMs: number } | { status: 'paused'; remainingMs: number; durationMs: number };

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
  /** How long before a round's end every screen warns that it is ending; 0 or absent: no warning. The server always sends it. */
  warnMs?: number;
}

/** Phase, round and timer: everything that changes when the clock or the facilitator moves on. */
export type PhaseView = Pick<SessionHeader, 'phase' | 'round' | 'timer' | 'warnMs'>;

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
  /** Waiting for a facilitator: seen by facilitators, and by its author as their own. */
  held?: true;
}

/**
 * A note as facilitators see it: what moderation needs, and never who wrote it or who flagged it.
 * Every held note comes with `placeWithheld`, an empty `tableId` and round 0: its place is never
 * shown, so neither is whether it could be.
 */
export interface StaffNoteView extends NoteView {
  /** Orders notes within a (table, round): a keyed hash of the note id, unrelated to when it was written. */
  rank: string;
  /** How many participants flagged it; absent when none did. */
  flags?: number;
  /** The word list found likely abuse in it. */
  suspect?: true;
  placeWithheld?: true;
}

/** Facilitators: people held back by the note pace in a minute, by table where a table has at least three people; never who. */
export interface PaceView {
  /** When the minute counted ended. */
  at: number;
  tables: { tableId: string; people: number }[];
  /** At smaller tables, without a seat, or not counted by table for another reason, pooled when they number three or more. */
  elsewhere: number;
}

export interface ModerationSettingsView {
  wordList: boolean;
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
  /** Server time after which no screen shows it; null: until dismissed. */
  expiresAt: number | null;
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
  /**
   * Set on the seats of a seating: `notes` then holds only the viewer's own notes at this table,
   * and everything else arrives once per table in `table:history`, so a rotation of thousands
   * encodes each table's history once instead of once per person.
   */
  historyFollows?: true;
}

/** A table's notes and summaries for everyone just seated there: no `mine` marks, no authors. */
export interface TableHistoryView {
  tableId: string;
  notes: NoteView[];
  summaries: SummaryView[];
}

export interface MeView {
  id: string;
  name: string;
  group: string;
  presence: Presence;
  isHost: boolean;
  /** In the lobby, until a facilitator lets them in. */
  waiting?: true;
  /** A facilitator muted their notes: told to them alone. */
  muted?: true;
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
  /** The themes to vote on, from the harvest on; null before. */
  ballot: BallotView | null;
  /** This participant's own dots, by theme. Nobody else's. */
  myDots: Record<string, number>;
  /** The latest published readout, e.g. `/r/<id>`. */
  readoutUrl: string | null;
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
  status: ParticipantStatus;
  tableId: string | null;
  pinnedTo: string | null;
  /** What the participant gave on joining; only facilitators see it. */
  organisation: string | null;
  /** Joined from a browser that was removed from this session (which notes were theirs is not said). */
  fromRemovedDevice?: true;
}

/** Who gets in, and whether joins are taken at all. */
export interface AdmissionView {
  admission: Admission;
  locked: boolean;
}

export interface CoFacilitatorRow {
  id: string;
  label: string;
  revoked: boolean;
}

export interface FacilitatorSnapshot {
  role: 'facilitator';
  /** Where links and QR codes point: the operator's PUBLIC_URL, or null for this page's own origin. */
  publicUrl?: string | null;
  session: SessionHeader;
  stakeholderGroups: string[];
  roundSeconds: number;
  movingSeconds: number;
  tables: TableRow[];
  participants: ParticipantRow[];
  /** Every note, grouped by table and round and in keyed order within each: never in writing order. */
  notes: StaffNoteView[];
  summaries: SummaryView[];
  broadcast: BroadcastView | null;
  moderation: ModerationSettingsView;
  questions: QuestionView[];
  rapporteurs: RapporteurRow[];
  /** The facilitator can act as a rapporteur. */
  harvest: HarvestView;
  seating: SeatingStatusView;
  /** When each command this facilitator may send is accepted, from the command table. */
  access: Access;
  /** The creator, or a co-facilitator they invited. */
  me: 'creator' | 'cofacilitator';
  admission: AdmissionView;
  cofacilitators: CoFacilitatorRow[];
}

/** Figures plans carry since the engine kept the seating rules exactly: null in a plan accepted before. */
type LaterFigures = 'distinctRepeatedPairs' | 'returns' | 'fewestReturns' | 'singleGroupTables' | 'belowMinimum';

/**
 * A plan's figures over its rounds, with the lower bounds on extra meetings (every time a pair sits
 * together again) and on distinct pairs who meet again.
 */
export type PlanFiguresView = Omit<PlanFigures, LaterFigures> & { [K in LaterFigures]: number | null } & {
  lowerBound: number;
  distinctLowerBound: number | null;
};

/** Facilitators: where seating stands. `version` moves on with every change a plan depends on. */
export interface SeatingStatusView {
  version: number;
  /** The plan accepted, with its figures as previewed, while it has rounds to come. */
  plan: { attempt: number; at: number; rounds: number[]; figures: PlanFiguresView } | null;
}

export interface PreviewRoundView {
  round: number;
  /** Every table, in the session's order. */
  tables: { tableId: string; memberIds: string[] }[];
  /** People with no seat they fit free: they wait. */
  waiting: string[];
  figures: RoundFigures;
  /** Hosting or pins that cannot be kept this round. */
  conflicts: Conflict[];
  /** Tables left empty this round, and why (too few people for the minimum size, or nobody who fits). */
  closed: ClosedTable[];
}

/** `seating:preview`: the seating of the remaining rounds, for facilitators only. */
export interface SeatingPreviewView {
  /** The seating version it was made for; `seating:accept` is refused once the café has moved on. */
  version: number;
  attempt: number;
  /** The accepted plan itself, still fitting the café: nothing to accept. */
  accepted: boolean;
  /** Over every remaining round, whatever `detail` asked for. */
  figures: PlanFiguresView;
  /** The remaining rounds' numbers, e.g. [2, 3, 4]. */
  roundNumbers: number[];
  /** The next round only (`detail: 'next'`, the default) or all of them. */
  rounds: PreviewRoundView[];
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
  /** Where links and QR codes point: the operator's PUBLIC_URL, or null for this page's own origin. */
  publicUrl?: string | null;
  role: 'display';
  session: SessionHeader;
  joinedCount: number;
  tables: DisplayTable[];
  broadcast: BroadcastView | null;
  /** From the harvest on: the vote as it stands, then the readout's link. */
  harvest: DisplayHarvest | null;
}

/** What the room sees of the harvest: theme names (redacted) with their dots, counts only. */
export interface DisplayHarvest {
  votesPerParticipant: number;
  voters: number;
  /**
   * Each question with its themes (a few per question). `votes` is null while voting is open: a
   * projector that changes with every vote would show the room what each voter chose. Once the
   * readout is published, the final dots, most first.
   */
  questions: { text: string; themes: { name: string; votes: number | null }[]; more: number }[];
  /** The latest published readout's path, e.g. `/r/<id>`; voting is over once it is set. */
  readoutUrl: string | null;
}

/** A guiding question; several tables may share one. */
export interface QuestionView {
  key: string;
  text: string;
  tableIds: string[];
}

export interface RapporteurRow {
  id: string;
  label: string;
  revoked: boolean;
}

export interface ThemeView {
  id: string;
  question: string;
  name: string;
  keyFinding: boolean;
  noteIds: string[];
  mergedInto: string | null;
  /** Dots on this theme and on the themes merged into it. Counts only. */
  votes: number;
  /** The rapporteur's finding for this theme, in a sentence or two. */
  synthesis: string;
  /** The notes of this theme the readout quotes, in the order chosen. */
  quotes: string[];
}

/** A finding as facilitators and rapporteurs see it: where, what, the suggested redaction, and whether it was kept. */
export type FindingView = Omit<Finding, 'replacement'> & { kept: { reason: string } | null };

export interface ReadoutLink {
  readoutId: string;
  version: number;
  /** Path of the public page, e.g. `/r/<id>`. */
  url: string;
}

/** The rapporteur's working view of the harvest: no names, ids or groups of participants. */
export interface HarvestView {
  votesPerParticipant: number;
  /** How many participants have placed at least one dot. */
  voters: number;
  themes: ThemeView[];
  setAside: { noteId: string; reason: SetAsideReason; detail: string }[];
  /** The readout's wording of notes and summaries, by source, where it differs from the original. */
  quotes: Record<string, string>;
  syntheses: Record<string, string>;
  findings: FindingView[];
  unresolved: number;
  readouts: ReadoutLink[];
  /** The rapporteur's takeaways across questions. */
  takeaways: string[];
  /** Notes their author edited after they were sorted or set aside: to look at again. */
  changed: string[];
}

/**
 * Part of the harvest view, when only that part changed: a vote moves the tallies, a join that
 * names nobody in the readout moves nothing, an edit may change the findings. The board itself
 * comes whole in `harvest:changed` after a rapporteur's command.
 */
export interface HarvestPatch {
  votes?: { byTheme: { themeId: string; votes: number }[]; voters: number };
  findings?: Pick<HarvestView, 'findings' | 'unresolved'>;
  changed?: string[];
}

/** `themes:suggest`: suggested themes for one question's notes still to sort. */
export interface SuggestionsView {
  question: string;
  /** How many notes were looked at (those still to sort, not hidden). */
  notes: number;
  /** Largest first; a note like no other is in none. */
  clusters: { noteIds: string[]; name: string; keywords: string[] }[];
  /** Near-copies of one note, mergeable in one action. */
  duplicates: { noteIds: string[] }[];
}

/** `readout:preview`: the readout as it would be published now, for staff only. */
export interface ReadoutPreview {
  /** The same HTML the public page would show, without its download links. */
  html: string;
  /** Findings still to resolve before publishing. */
  unresolved: number;
}

export interface RapporteurSnapshot {
  role: 'rapporteur';
  session: SessionHeader;
  rapporteur: { id: string; label: string };
  tables: { id: string; name: string; question: string }[];
  questions: QuestionView[];
  notes: NoteView[];
  summaries: SummaryView[];
  harvest: HarvestView;
}

/** What participants vote on: theme names per question, nothing else. */
export interface BallotView {
  votesPerParticipant: number;
  /** Voting closes when a readout is published. */
  open: boolean;
  questions: { key: string; text: string }[];
  themes: { id: string; question: string; name: string }[];
}

/** `readout:mine`: a participant's own notes and what became of them in the published readout. */
export interface MyNotesView {
  readoutUrl: string | null;
  notes: { id: string; text: string; question: string; round: number; ref: string | null; fate: Fate | null; fateText: string }[];
}

/** A table's device: its table and the clock; who is in its call arrives with `audio:roster`. */
export interface DeviceSnapshot {
  role: 'device';
  session: SessionHeader;
  table: DeviceTableView;
  broadcast: BroadcastView | null;
}

export type Snapshot = ParticipantSnapshot | FacilitatorSnapshot | DisplaySnapshot | RapporteurSnapshot | DeviceSnapshot;
