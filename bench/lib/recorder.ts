import type { NoteView } from '../../shared/protocol/views.ts';
import type { AuthoredNote, Collected } from './api.ts';
import { Samples } from './samples.ts';

type ByRound = Map<number, Samples>;

function sampleFor(map: ByRound, round: number): Samples {
  let s = map.get(round);
  if (!s) map.set(round, (s = new Samples()));
  return s;
}

function toRecord(map: ByRound): Record<number, Float64Array> {
  return Object.fromEntries([...map].map(([round, s]) => [round, s.toArray()]));
}

/** One receiver's memory of which note ids it has seen, to count duplicates. */
export class Seen {
  readonly added = new Set<string>();
  readonly edited = new Set<string>();
}

/**
 * Everything one generator measures about notes: latencies by round, receipts per note id
 * (the orchestrator compares them with who sat at the table), duplicates and strays.
 */
export class Recorder {
  readonly peer: ByRound = new Map();
  readonly facilitator: ByRound = new Map();
  readonly ack: ByRound = new Map();
  readonly editAck: ByRound = new Map();
  readonly authored: AuthoredNote[] = [];
  readonly receipts = new Map<string, [number, number]>();
  /** Per round, per wall-clock second of sending: deliveries and the worst latency, to tell a stall from a spread. */
  readonly timeline = new Map<number, Map<number, [number, number]>>();
  duplicates = { added: 0, edited: 0 };
  /**
   * Per note id, the round the facilitators last saw it with, and how many of their `note:edited`
   * only showed or withdrew that round: its (table, round) crossed k = 3 writers
   * (server/realtime/fanout/notes.ts `writersCrossed`). Checked against the rule in accounting.ts.
   */
  readonly staffRounds = new Map<string, { round: number; reveals: number }>();
  unknown = 0;
  lastInboundAt = 0;

  received(kind: 'added' | 'edited', note: NoteView, seen: Seen, at: number, role: 'participant' | 'facilitator'): void {
    this.lastInboundAt = at;
    if (role === 'facilitator') {
      const staff = this.staffRounds.get(note.id);
      if (!staff) this.staffRounds.set(note.id, { round: note.round, reveals: 0 });
      else {
        const revealed = kind === 'edited' && (staff.round === 0) !== (note.round === 0);
        staff.round = note.round;
        if (revealed) {
          staff.reveals++;
          return;
        }
      }
    }
    const set = kind === 'added' ? seen.added : seen.edited;
    if (set.has(note.id)) {
      this.duplicates[kind]++;
      return;
    }
    set.add(note.id);
    let r = this.receipts.get(note.id);
    if (!r) this.receipts.set(note.id, (r = [0, 0]));
    r[kind === 'added' ? 0 : 1]++;
    if (kind !== 'added' || note.mine) return;
    const sentAt = Number.parseFloat(note.text);
    if (!Number.isFinite(sentAt)) {
      this.unknown++;
      return;
    }
    const latency = at - sentAt;
    sampleFor(role === 'facilitator' ? this.facilitator : this.peer, note.round).add(latency);
    let seconds = this.timeline.get(note.round);
    if (!seconds) this.timeline.set(note.round, (seconds = new Map()));
    const second = Math.floor(sentAt / 1000);
    const slot = seconds.get(second);
    if (slot) {
      slot[0]++;
      if (latency > slot[1]) slot[1] = latency;
    } else seconds.set(second, [1, latency]);
  }

  acked(round: number, latency: number, edit: boolean): void {
    sampleFor(edit ? this.editAck : this.ack, round).add(latency);
  }

  collect(): Pick<
    Collected,
    'peerLatency' | 'facilitatorLatency' | 'ackLatency' | 'editAckLatency' | 'authored' | 'receipts' | 'duplicates' | 'staffRounds' | 'unknown' | 'timeline'
  > {
    return {
      peerLatency: toRecord(this.peer),
      facilitatorLatency: toRecord(this.facilitator),
      ackLatency: toRecord(this.ack),
      editAckLatency: toRecord(this.editAck),
      timeline: this.timeline,
      authored: this.authored,
      receipts: this.receipts,
      duplicates: this.duplicates,
      staffRounds: this.staffRounds,
      unknown: this.unknown,
    };
  }
}
