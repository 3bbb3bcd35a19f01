import type { ParticipantId } from '../../shared/domain/state.ts';
import { paceView } from '../../shared/moderation/pace.ts';
import type { Clock } from '../clock.ts';
import type { Io } from '../realtime/fanout/index.ts';
import { rooms } from '../realtime/rooms.ts';
import type { SessionRuntime } from '../sessions/runtime.ts';

/** How long one count runs: from the first person held back, a minute. */
export const PACE_MINUTE_MS = 60_000;

/**
 * Counts the people the note pace holds back, per session, and tells the facilitators once a
 * minute, only when someone was (shared/moderation/pace.ts decides what may be said). Each process
 * counts the refusals it made: with several processes, each sends its own count.
 */
export class PaceWatch {
  private readonly minutes = new Map<string, { runtime: SessionRuntime; people: Set<ParticipantId> }>();

  constructor(
    private readonly io: Io,
    private readonly clock: Clock,
  ) {}

  held(runtime: SessionRuntime, participantId: ParticipantId): void {
    let minute = this.minutes.get(runtime.id);
    if (!minute) {
      minute = { runtime, people: new Set() };
      this.minutes.set(runtime.id, minute);
      this.clock.at(this.clock.now() + PACE_MINUTE_MS, () => this.report(runtime.id));
    }
    minute.people.add(participantId);
  }

  private report(sessionId: string): void {
    const minute = this.minutes.get(sessionId);
    this.minutes.delete(sessionId);
    if (!minute) return;
    const view = paceView(minute.runtime.state, minute.people, this.clock.now());
    if (view) this.io.to(rooms.facilitators(sessionId)).emit('moderation:pace', view);
  }
}
