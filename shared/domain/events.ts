import type { NoteKind, Presence } from './enums.ts';
import type { NoteId, ParticipantId, SessionConfig, Table, TableId } from './state.ts';

/**
 * Facts, named `noun:verbed`. They are what the log stores and what `apply` folds;
 * they carry authorship and never travel to participants as they are.
 */
export type DomainEvent =
  | { type: 'session:created'; at: number; sessionId: string; code: string; facilitatorKeyHash: string; config: SessionConfig; tables: Table[] }
  | {
      type: 'participant:joined';
      at: number;
      participantId: ParticipantId;
      name: string;
      group: string;
      presence: Presence;
      tokenHash: string;
    }
  | { type: 'participant:left'; at: number; participantId: ParticipantId }
  | { type: 'participant:removed'; at: number; participantId: ParticipantId }
  | { type: 'participant:pinned'; at: number; participantId: ParticipantId; tableId: TableId | null }
  /** Seat changes; `null` unseats. One event seats a whole room when a round is planned. */
  | { type: 'seats:assigned'; at: number; seats: Record<ParticipantId, TableId | null> }
  | { type: 'host:assigned'; at: number; tableId: TableId; participantId: ParticipantId | null }
  | { type: 'round:started'; at: number; round: number; endsAt: number; durationMs: number }
  | { type: 'round:ended'; at: number; round: number }
  | { type: 'moving:started'; at: number; round: number; endsAt: number; durationMs: number }
  | { type: 'timer:paused'; at: number; remainingMs: number }
  | { type: 'timer:resumed'; at: number; endsAt: number }
  | { type: 'timer:extended'; at: number; byMs: number }
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
    }
  | { type: 'note:edited'; at: number; noteId: NoteId; text: string; kind: NoteKind | null }
  | { type: 'note:deleted'; at: number; noteId: NoteId }
  | { type: 'note:hidden'; at: number; noteId: NoteId; hidden: boolean }
  | { type: 'summary:written'; at: number; tableId: TableId; round: number; text: string }
  | { type: 'broadcast:sent'; at: number; broadcastId: string; text: string };

export type DomainEventType = DomainEvent['type'];
export type EventOf<T extends DomainEventType> = Extract<DomainEvent, { type: T }>;
