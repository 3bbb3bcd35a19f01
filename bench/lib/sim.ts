import type { ParticipantSnapshot, SeatView, Snapshot } from '../../shared/protocol/views.ts';
import type { ParticipantSpec, SeatRecord } from './api.ts';
import { openSocket, type BenchSocket } from './client.ts';
import { benchNow } from './clock.ts';
import { Seen, type Recorder } from './recorder.ts';

export interface Seat {
  round: number;
  tableId: string | null;
  memberCount: number;
  isHost: boolean;
}

/** Counters every participant in a generator adds to; the orchestrator reads them once. */
export interface Tallies {
  inbound: Record<string, number>;
  phaseMessages: number;
  phaseMessagesDuringWriting: number;
  disconnects: Record<string, number>;
  writing: boolean;
  closing: boolean;
}

/** One simulated participant: its credentials, its socket, and what it has been told. */
export class Sim {
  token: string | undefined;
  socket: BenchSocket | undefined;
  participantId = '';
  seat: Seat | undefined;
  /** Seat arrivals by the round they are for, with the payload kept to measure its size later. */
  readonly seats = new Map<number, { at: number; seat: Seat; payload: SeatView }>();
  readonly seen = new Seen();
  noteSeq = 0;

  constructor(
    readonly spec: ParticipantSpec,
    private readonly recorder: Recorder,
    private readonly tallies: Tallies,
  ) {}

  /** Opens the socket and resolves at the first snapshot, or with the refusal that stopped it. */
  connect(timeoutMs: number): Promise<string | null> {
    const socket = openSocket(this.spec.url, this.token!, this.spec.address);
    this.socket = socket;
    const t = this.tallies;
    socket.onAny((event: string) => {
      t.inbound[event] = (t.inbound[event] ?? 0) + 1;
      if (event === 'phase:changed') {
        t.phaseMessages++;
        if (t.writing) t.phaseMessagesDuringWriting++;
      }
    });
    socket.on('note:added', (n) => this.recorder.received('added', n, this.seen, benchNow(), 'participant'));
    socket.on('note:edited', (n) => this.recorder.received('edited', n, this.seen, benchNow(), 'participant'));
    socket.on('seat:changed', (seat) => this.seated(seat, benchNow()));
    socket.on('disconnect', (reason) => {
      if (!t.closing) t.disconnects[reason] = (t.disconnects[reason] ?? 0) + 1;
    });
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve('connect_timeout'), timeoutMs);
      socket.once('session:snapshot', (snapshot: Snapshot) => {
        clearTimeout(timer);
        if (snapshot.role === 'participant') this.snapshot(snapshot);
        resolve(null);
      });
      socket.once('connect_error', (err: Error & { data?: { error?: string } }) => {
        clearTimeout(timer);
        resolve(err.data?.error ?? err.message);
      });
    });
  }

  private snapshot(snapshot: ParticipantSnapshot) {
    this.participantId = snapshot.me.id;
    if (snapshot.seat.table) this.seated(snapshot.seat, benchNow());
  }

  private seated(view: SeatView, at: number) {
    const seat: Seat = { round: view.round, tableId: view.table?.id ?? null, memberCount: view.table?.memberCount ?? 0, isHost: view.isHost };
    this.seat = seat;
    this.seats.set(view.round, { at, seat, payload: view });
    this.recorder.lastInboundAt = at;
  }

  seatRecord(round: number): SeatRecord | undefined {
    const s = this.seats.get(round);
    if (!s) return undefined;
    return {
      idx: this.spec.idx,
      session: this.spec.session,
      participantId: this.participantId,
      round,
      tableId: s.seat.tableId,
      isHost: s.seat.isHost,
      at: s.at,
      bytes: Buffer.byteLength(JSON.stringify(s.payload)),
    };
  }

  get connected(): boolean {
    return this.socket?.connected ?? false;
  }
}
