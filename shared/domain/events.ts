import type { Readout } from '../harvest/types.ts';
import type { Admission, NoteKind, Presence, SetAsideReason } from './enums.ts';
import type { LowerBound, PlanFigures } from '../rotation/index.ts';
import type { NoteId, ParticipantId, PlannedRounds, QuestionKey, SessionConfig, SourceRef, Table, TableId, ThemeId } from './state.ts';

/**
 * Facts, named `noun:verbed`. They are what the log stores and what `apply` folds;
 * they carry authorship and never travel to participants as they are.
 */
export type DomainEvent =
  | {
      type: 'session:created';
      at: number;
      sessionId: string;
      code: string;
      facilitatorKeyHash: string;
      config: SessionConfig;
      tables: Table[];
      admission?: Admission;
      /** Whether arriving notes are checked against the word list (absent: off). */
      wordList?: boolean;
      /** The secret that orders staff lists (absent in older logs: the first facilitator key's hash stands in). */
      orderKey?: string;
    }
  | {
      type: 'participant:joined';
      at: number;
      participantId: ParticipantId;
      name: string;
      group: string;
      /** Absent in logs written before organisations were asked for. */
      organisation?: string | null;
      /** Other spellings of the name the participant gave (another script); only the attribution check reads them. */
      aliases?: string[];
      presence: Presence;
      tokenHash: string;
      /** SHA-256 of the joining browser's device key (absent in older logs, or from a browser that sent none). */
      deviceHash?: string | null;
      /** In the lobby until admitted: the session admits by hand, or the device was removed before. */
      waiting?: boolean;
      fromRemovedDevice?: boolean;
      /** Digest of the joining browser's key for this join (absent in older logs or without one): a resend finds this participant. */
      joinKeyHash?: string;
    }
  | { type: 'participant:admitted'; at: number; participantId: ParticipantId }
  | { type: 'participant:declined'; at: number; participantId: ParticipantId }
  | { type: 'admission:set'; at: number; admission: Admission }
  | { type: 'session:locked'; at: number; locked: boolean }
  | { type: 'cofacilitator:invited'; at: number; cofacilitatorId: string; label: string; tokenHash: string }
  | { type: 'cofacilitator:revoked'; at: number; cofacilitatorId: string }
  /** The creator's facilitator key was replaced; the old one stops working. */
  | { type: 'facilitator:rekeyed'; at: number; facilitatorKeyHash: string }
  /** `from`: the seat they had, for whoever must hear a table lost a member (absent in older logs). */
  | { type: 'participant:left'; at: number; participantId: ParticipantId; from?: TableId | null }
  | { type: 'participant:removed'; at: number; participantId: ParticipantId; from?: TableId | null }
  | { type: 'participant:pinned'; at: number; participantId: ParticipantId; tableId: TableId | null }
  /**
   * Seat changes; `null` unseats. One event seats a whole room when a round is planned. `from`
   * holds where each of them sat before (absent in logs written before it was recorded), so the
   * fan-out tells people of their move from the fact alone.
   */
  | { type: 'seats:assigned'; at: number; seats: Record<ParticipantId, TableId | null>; from?: Record<ParticipantId, TableId | null> }
  /** `previous`: who hosted the table before (absent in older logs). */
  | { type: 'host:assigned'; at: number; tableId: TableId; participantId: ParticipantId | null; previous?: ParticipantId | null }
  /** The facilitator accepted a previewed plan for the remaining rounds; round ends follow it where it still fits. */
  | { type: 'seating:planned'; at: number; attempt: number; rounds: PlannedRounds; figures: PlanFigures & { lowerBound: LowerBound } }
  | { type: 'round:started'; at: number; round: number; endsAt: number; durationMs: number }
  | { type: 'round:ended'; at: number; round: number }
  | { type: 'moving:started'; at: number; round: number; endsAt: number; durationMs: number }
  | { type: 'timer:paused'; at: number; remainingMs: number }
  | { type: 'timer:resumed'; at: number; endsAt: number }
  | { type: 'timer:extended'; at: number; byMs: number; commandId?: string }
  | { type: 'warning:set'; at: number; seconds: number }
  | { type: 'harvest:opened'; at: number }
  | { type: 'session:closed'; at: number }
  | {
      type: 'note:added';
      at: number;
      noteId: NoteId;
      tableId: TableId;
      round: number;
      authorId: ParticipantId;
      text: string;
      kind: NoteKind | null;
      /** Its author is muted: it waits for a facilitator. */
      held?: true;
      /** The word list found likely abuse in it. */
      suspect?: true;
    }
  /** `suspect`: what the word list found in the new words (absent: it was off, or an older log). */
  | { type: 'note:edited'; at: number; noteId: NoteId; text: string; kind: NoteKind | null; suspect?: boolean }
  | { type: 'note:deleted'; at: number; noteId: NoteId }
  /**
   * `mute`: this hide is the first a mute makes, and carries the mute (what `author:muted` says).
   * A mute that hides notes appends exactly the facts a hide of those notes would, so nothing that
   * counts facts (the session's version on every frame) tells a mute from a hide.
   */
  | { type: 'note:hidden'; at: number; noteId: NoteId; hidden: boolean; mute?: { from: NoteId; participantId: ParticipantId; cells: string[] } }
  // Moderation: the author behind a note muted without anyone learning who, flags, the word list.
  /** Muted from `noteId`: their notes leave the tables and their new ones are held. Told to them alone. */
  /**
   * `cells`: the (table, round) cells this mute shows staff to be the author's (the note's own, and
   * those whose notes it took off the tables with `note:hidden` facts in the same batch). Older logs
   * lack it: then every note of the author was withheld from the tables, and `unplaced` said staff
   * learnt no cell.
   */
  | { type: 'author:muted'; at: number; noteId: NoteId; participantId: ParticipantId; cells?: string[]; unplaced?: true }
  /** A held note let through to its table by a facilitator. */
  | { type: 'note:released'; at: number; noteId: NoteId }
  /** `participantId` flagged the note; staff only ever see the count. */
  | { type: 'note:flagged'; at: number; noteId: NoteId; participantId: ParticipantId }
  | { type: 'wordlist:set'; at: number; on: boolean }
  /** `by`: the host who wrote it (absent in older logs). */
  /** `held`: written by a muted host, kept for them alone (ModerationState.heldSummaries). */
  | { type: 'summary:written'; at: number; tableId: TableId; round: number; text: string; by?: ParticipantId; held?: true }
  | { type: 'broadcast:sent'; at: number; broadcastId: string; text: string; expiresAt?: number; commandId?: string }
  // The harvest: rapporteurs, themes, the attribution check's resolutions, votes and readouts.
  | { type: 'rapporteur:invited'; at: number; rapporteurId: string; label: string; tokenHash: string }
  | { type: 'rapporteur:revoked'; at: number; rapporteurId: string }
  /** A table's device link was issued; it replaces the table's earlier one (`previous`), if any. */
  | { type: 'device:linked'; at: number; tableId: TableId; deviceId: string; tokenHash: string; previous: string | null }
  | { type: 'theme:created'; at: number; themeId: ThemeId; question: QuestionKey; name: string }
  | { type: 'theme:renamed'; at: number; themeId: ThemeId; name: string }
  | { type: 'theme:marked'; at: number; themeId: ThemeId; keyFinding: boolean }
  | { type: 'theme:merged'; at: number; themeId: ThemeId; into: ThemeId }
  | { type: 'theme:deleted'; at: number; themeId: ThemeId }
  /** Into a theme, or back to unsorted with `null`; clears a set-aside. */
  | { type: 'note:sorted'; at: number; noteId: NoteId; themeId: ThemeId | null }
  | { type: 'note:sidelined'; at: number; noteId: NoteId; reason: SetAsideReason; detail: string }
  /** Many notes into one theme at once (or back to unsorted with `null`): a rapporteur's bulk sort, one fact. */
  | { type: 'notes:sorted'; at: number; noteIds: NoteId[]; themeId: ThemeId | null }
  | { type: 'notes:sidelined'; at: number; noteIds: NoteId[]; reason: SetAsideReason; detail: string }
  /** A merge undone: the theme stands again with its own notes and dots. */
  | { type: 'theme:unmerged'; at: number; themeId: ThemeId }
  /** A note of the theme chosen as a quote for the readout, or no longer. */
  | { type: 'quote:chosen'; at: number; themeId: ThemeId; noteId: NoteId; chosen: boolean }
  /** The rapporteur's finding for a theme, in a sentence or two; empty removes it. */
  | { type: 'theme:synthesised'; at: number; themeId: ThemeId; text: string }
  /** The rapporteur's key takeaways across questions, the whole list each time. */
  | { type: 'takeaways:written'; at: number; texts: string[] }
  /** The readout's copy of a note or summary; `null` goes back to the original words. */
  | { type: 'quote:edited'; at: number; source: SourceRef; text: string | null }
  | { type: 'synthesis:written'; at: number; question: QuestionKey; text: string }
  | { type: 'vote:configured'; at: number; votesPerParticipant: number }
  | { type: 'vote:recorded'; at: number; participantId: ParticipantId; themeId: ThemeId; dots: number }
  | { type: 'finding:kept'; at: number; key: string; reason: string }
  /** The suggested redaction applied: `text` is the source's whole new readout text. */
  | { type: 'finding:redacted'; at: number; key: string; source: SourceRef; text: string }
  | { type: 'readout:published'; at: number; readoutId: string; version: number; readout: Readout; noteNumbers: Record<NoteId, string> };

export type DomainEventType = DomainEvent['type'];
export type EventOf<T extends DomainEventType> = Extract<DomainEvent, { type: T }>;
