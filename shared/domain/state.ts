import type { Readout } from '../harvest/types.ts';
import type { LowerBound, PlanFigures } from '../rotation/index.ts';
import type { Admission, Language, NoteKind, ParticipantStatus, Phase, Presence, SetAsideReason, TableMode } from './enums.ts';

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
  /** Seconds before each round's end that screens warn; absent in older logs (one minute). */
  warningSeconds?: number;
  /** Optional, and absent from logs written before they existed: the readout's date, place and language. */
  date?: string;
  place?: string;
  language?: Language;
  /** The join form asks for an organisation (for the attribution check only); absent in older logs: not asked. */
  askOrganisation?: boolean;
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
  /** Only the attribution check and the facilitator's roster use it; no other role ever receives it. */
  organisation: string | null;
  /** Other spellings of the name (another script), given at join: only the attribution check reads them. */
  aliases: string[];
  presence: Presence;
  /** SHA-256 of the participant token; the token itself is never stored. */
  tokenHash: string;
  joinedAt: number;
  status: ParticipantStatus;
  /** A facilitator's pin: every later round keeps them at this table. */
  pinnedTo: TableId | null;
  /** SHA-256 of the key the joining browser keeps; a removed device is known again by it. */
  deviceHash: string | null;
  /** Joined from a device that was removed from this session: the facilitators are told so. */
  fromRemovedDevice: boolean;
}

/** A co-facilitator's own credential, revocable at once. */
export interface CoFacilitator {
  id: string;
  label: string;
  tokenHash: string;
  revoked: boolean;
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
  /** Hidden by staff: gone from the tables; staff see it marked. */
  hidden: boolean;
  /** Written after its author was muted: only facilitators see it, until one of them releases it. */
  held: boolean;
  /**
   * Its author was muted after writing it: gone from the tables, and unchanged in every staff view,
   * because seeing which notes went would tell staff where that one person sat, round by round.
   */
  withheld: boolean;
  /** The session's word list found likely abuse in it when it arrived: for staff attention, never a block. */
  suspect: boolean;
}

export type Timer =
  { status: 'idle' } | { status: 'running'; endsAt: number; durationMs: number } | { status: 'paused'; remainingMs: number; durationMs: number };

export interface Broadcast {
  id: string;
  text: string;
  at: number;
  /** When the facilitator chose to take it down; null keeps it until read and dismissed. */
  expiresAt: number | null;
  /** The phase and round it was sent in: the projector shows it no longer than that. */
  phase: Phase;
  round: number;
}

export interface SessionState {
  id: SessionId;
  /** Number of events folded in; the log's expected version for the next append. */
  version: number;
  code: string;
  /** SHA-256 of the creator's facilitator key; the creator can rotate it. */
  facilitatorKeyHash: string;
  cofacilitators: Map<string, CoFacilitator>;
  createdAt: number;
  /** Who gets in: at once, or through the lobby. */
  admission: Admission;
  /** Locked: no new joins at all. */
  locked: boolean;
  /** Hashes of the device keys of people removed from the session. */
  removedDevices: Set<string>;
  config: SessionConfig;
  phase: Phase;
  /** Current round in `round`, the round people are heading to in `moving`, 0 in the lobby. */
  round: number;
  timer: Timer;
  tables: Table[];
  /*
   * Every collection keyed by an id is a Map: ids come from outside, and a plain object indexed
   * with "__proto__" or "constructor" reaches Object.prototype (one such fact once stopped every
   * session on a server). Lookups go through `get`/`has`, which see own entries only.
   */
  participants: Map<ParticipantId, Participant>;
  tokenIndex: Map<string, ParticipantId>;
  /** Where each active participant sits now (or goes next, while moving). */
  seats: Map<ParticipantId, TableId>;
  /** Everyone who sat at each table in each round, for notes written late and for rotation history. */
  sittings: Map<number, Map<ParticipantId, TableId[]>>;
  notes: Map<NoteId, Note>;
  tableNotes: Map<TableId, NoteId[]>;
  /**
   * Who wrote what staff see at each table in each round: for each author, how many of their notes
   * there are neither deleted nor held. Moderation's k rule asks it for every note; counted from the
   * notes, each answer was a scan of the table's notes, which grows all round. Kept by `apply` alone.
   */
  cellWriters: Map<TableId, Map<number, Map<ParticipantId, number>>>;
  noteSeq: number;
  /** Host summaries, by table then round. */
  summaries: Map<TableId, Map<number, string>>;
  /** Who wrote each summary, by table then round: only they may rewrite it (absent in older logs). */
  summaryAuthors: Map<TableId, Map<number, ParticipantId>>;
  broadcast: Broadcast | null;
  /**
   * Command ids of the commands that are not idempotent by themselves (an extension, a broadcast),
   * so that a resend of one already committed is answered as done and changes nothing. Absent
   * from facts written before they carried one.
   */
  commandIds: Set<string>;
  /** Who each join key made (by the key's digest), so that a join resent after a lost answer gets the same participant. */
  joinKeys: Map<string, ParticipantId>;
  /** Rapporteur links the facilitator issued, by rapporteur id. */
  rapporteurs: Map<string, Rapporteur>;
  /** Each table's device link (the laptop that carries the room into the table's audio), by table. */
  devices: Map<TableId, TableDevice>;
  harvest: HarvestState;
  /** The seating plan the facilitator accepted, if any: later rounds follow it where it still fits. */
  plan: AcceptedPlan | null;
  /**
   * The version of the last fact that changes what a seating plan depends on (people, seats, hosts,
   * pins, phase, the accepted plan). Notes, timers and the harvest leave it alone, so a preview does
   * not go stale each time somebody writes a note.
   */
  seatingVersion: number;
  moderation: ModerationState;
}

/**
 * What staff did about hostile notes, and what the server keeps to itself to do it without
 * unmasking anyone: who is muted, who flagged what. No view carries any of it as it is.
 */
export interface ModerationState {
  /** Whether arriving notes are checked against the word list (server/moderation/words.ts). */
  wordList: boolean;
  /** Authors muted from one of their notes: their new notes are held. */
  muted: Set<ParticipantId>;
  /**
   * Device-key hashes of muted authors: whoever joins again from one of them, under any name, is
   * muted from the start, quietly (no roster mark: that would point at the muted person's device).
   */
  mutedDevices: Set<string>;
  /**
   * Summaries a muted host wrote, by table then round: theirs alone to see. Staff do not see them
   * either: staff know who hosts each table, so a held summary would name the muted person.
   */
  heldSummaries: Map<TableId, Map<number, { text: string; by: ParticipantId }>>;
  /** Who flagged each note: a participant flags a note once; staff see how many, never who. */
  flags: Map<NoteId, Set<ParticipantId>>;
  /**
   * For each muted author, the (table, round) cells staff have been shown to be theirs: the cells of
   * the notes they were muted from, and of their held notes released since. A held note's place is
   * shown to staff only while these cells and its own still fit at least three people.
   */
  known: Map<ParticipantId, Set<string>>;
  /** Keys the order of staff lists and table histories (server/views/order.ts); never sent to anyone. */
  orderKey: string;
}

/** A (table, round) cell, as `ModerationState.known` holds it. */
export const cellKey = (tableId: TableId, round: number): string => `${round}:${tableId}`;

/** Seats by round number, then participant; `null` waits for a seat. As facts carry it (JSON). */
export type PlannedRounds = Record<number, Record<ParticipantId, TableId | null>>;
/** The same in the state: the inner seatings have no prototype, so no id can reach Object.prototype. */
export type PlannedSeatings = Map<number, Record<ParticipantId, TableId | null>>;

export interface AcceptedPlan {
  /** 0 for the first plan shown, 1, 2… for reshuffles. */
  attempt: number;
  at: number;
  /** The rounds still to come when it was accepted. */
  rounds: PlannedSeatings;
  /** Its figures as previewed when accepted. */
  figures: PlanFigures & { lowerBound: LowerBound };
  /** The session's seating version right after it was accepted. */
  version: number;
}

/**
 * The link a facilitator gave for a table's device. One per table: issuing another replaces it, and
 * the device that held the old one stops being the table's device.
 */
export interface TableDevice {
  deviceId: string;
  /** SHA-256 of the device token. */
  tokenHash: string;
  at: number;
}

export interface Rapporteur {
  id: string;
  label: string;
  /** SHA-256 of the rapporteur token. */
  tokenHash: string;
  revoked: boolean;
}

export type ThemeId = string;
/** A guiding question, keyed `q1`, `q2`… by distinct question text in table order. */
export type QuestionKey = string;

export interface Theme {
  id: ThemeId;
  question: QuestionKey;
  name: string;
  keyFinding: boolean;
  noteIds: NoteId[];
  /** Set once merged: its notes and votes count for that theme from then on. */
  mergedInto: ThemeId | null;
  /**
   * For the readout: the notes of this theme the rapporteur chose to quote (absent: none is
   * quoted; every note still counts toward the theme), and the rapporteur's finding for this
   * theme in a sentence or two.
   */
  quotes?: NoteId[];
  synthesis?: string;
}

export interface SetAside {
  reason: SetAsideReason;
  detail: string;
}

/**
 * A text that goes into the readout, as the attribution check and the redactions name it:
 * `note:<noteId>`, `summary:<tableId>:<round>`, `theme:<themeId>`, `synthesis:<questionKey>`,
 * `theme-synthesis:<themeId>`, `takeaway:<n>`.
 */
export type SourceRef = string;

export interface PublishedReadout {
  readoutId: string;
  version: number;
  readout: Readout;
  /** Which appendix number each note got; stays on the server, for `readout:mine`. */
  noteNumbers: Map<NoteId, string>;
}

export interface HarvestState {
  themes: Map<ThemeId, Theme>;
  /** Notes set aside, with the reason. A note is in at most one theme or set aside, never both. */
  setAside: Map<NoteId, SetAside>;
  /** The readout's copy of a note's or a host summary's text after a redaction or a rephrasing; originals never change. */
  quotes: Map<SourceRef, string>;
  syntheses: Map<QuestionKey, string>;
  /** Dots by participant, then theme. */
  votes: Map<ParticipantId, Map<ThemeId, number>>;
  votesPerParticipant: number;
  /** Attribution findings kept on purpose, by finding key. */
  kept: Map<string, { reason: string }>;
  readouts: PublishedReadout[];
  /** The rapporteur's takeaways across all questions. */
  takeaways?: string[];
  /**
   * Notes their author edited after a rapporteur had sorted them (or set them aside): shown as
   * "changed since sorted" until a rapporteur places them again. Absent in states made before.
   */
  changed?: Set<NoteId>;
}

export const DEFAULT_VOTES_PER_PARTICIPANT = 3;

export function emptyHarvest(): HarvestState {
  return {
    themes: new Map(),
    setAside: new Map(),
    quotes: new Map(),
    syntheses: new Map(),
    votes: new Map(),
    votesPerParticipant: DEFAULT_VOTES_PER_PARTICIPANT,
    kept: new Map(),
    readouts: [],
    takeaways: [],
    changed: new Set(),
  };
}

export interface Question {
  key: QuestionKey;
  text: string;
  tableIds: TableId[];
}

/** Distinct questions across tables, in table order: several tables may share one question. */
export function questionsOf(state: Pick<SessionState, 'tables'>): Question[] {
  const byText = new Map<string, Question>();
  for (const t of state.tables) {
    const norm = t.question.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('en');
    let q = byText.get(norm);
    if (!q) byText.set(norm, (q = { key: `q${byText.size + 1}`, text: t.question, tableIds: [] }));
    q.tableIds.push(t.id);
  }
  return [...byText.values()];
}

export function questionOfTable(state: Pick<SessionState, 'tables'>, tableId: TableId): Question | undefined {
  return questionsOf(state).find((q) => q.tableIds.includes(tableId));
}

/** Follows merges to the theme that now holds a theme's notes and votes. */
export function liveTheme(harvest: HarvestState, themeId: ThemeId): Theme | undefined {
  let theme = harvest.themes.get(themeId);
  for (let hops = 0; theme?.mergedInto && hops < 1000; hops++) theme = harvest.themes.get(theme.mergedInto);
  return theme;
}

export function tableById(state: SessionState, tableId: TableId): Table | undefined {
  return state.tables.find((t) => t.id === tableId);
}

export function activeParticipants(state: SessionState): Participant[] {
  return [...state.participants.values()].filter((p) => p.status === 'active');
}

export function membersOf(state: SessionState, tableId: TableId): ParticipantId[] {
  const members: ParticipantId[] = [];
  for (const [pid, tid] of state.seats) if (tid === tableId) members.push(pid);
  return members;
}

export { remainingMs } from './timer.ts';

/** The highest round that has begun: sittings are recorded when a round starts. */
export function lastStartedRound(state: SessionState): number {
  let last = 0;
  for (const r of state.sittings.keys()) last = Math.max(last, r);
  return last;
}

/** Every note one participant wrote, at any table: a scan, for the rare acts that need it (muting). */
export function notesBy(state: SessionState, participantId: ParticipantId): Note[] {
  const notes: Note[] = [];
  for (const note of state.notes.values()) if (note.authorId === participantId) notes.push(note);
  return notes;
}

/**
 * Whether a note counts among the writers staff see at its table and round, for moderation's k
 * rule: not deleted, and not held (staff never see a held note's place, so it must not change what
 * others show). Hidden and withheld notes still count: staff see them, marked.
 */
export function countsTowardK(note: Pick<Note, 'deleted' | 'held'>): boolean {
  return !note.deleted && !note.held;
}

/** One more or one fewer note by an author, in a cell's count of writers; an author at none leaves it. */
export function countNoteBy(authors: Map<ParticipantId, number>, authorId: ParticipantId, by: 1 | -1): void {
  const count = (authors.get(authorId) ?? 0) + by;
  if (count > 0) authors.set(authorId, count);
  else authors.delete(authorId);
}

/** Whether participants see a note at its table: not deleted, hidden, held or withheld. */
export function onTable(note: Note): boolean {
  return !note.deleted && !note.hidden && !note.held && !note.withheld;
}
