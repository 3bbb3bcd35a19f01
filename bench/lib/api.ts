/**
 * What the orchestrator and the load generators say to each other. Times are milliseconds on
 * the orchestrator's clock: each generator subtracts its measured offset before reporting.
 */

export interface ParticipantSpec {
  /** Global index: names, join order and the loopback source address derive from it. */
  idx: number;
  session: number;
  /** Server process this participant's HTTP join and socket go to. */
  url: string;
  code: string;
  /** 127.0.0.x source address, so per-address limits see a venue, not one host. */
  address: string;
}

export interface FacilitatorSpec {
  session: number;
  url: string;
  token: string;
}

export interface GeneratorInit {
  index: number;
  seed: number;
  participants: ParticipantSpec[];
  facilitators: FacilitatorSpec[];
  groups: string[];
  /** Names to join under, by participant index (cycled); without them, `Participant <idx>`. */
  names?: string[];
}

export interface JoinReport {
  /** Participants with a participant token and a socket that received its snapshot. */
  connected: number;
  failed: number;
  /** Time the first join request went out and the last snapshot arrived. */
  startedAt: number;
  joinedAt: number;
  connectedAt: number;
  errors: Record<string, number>;
}

export interface CommandReport {
  ok: boolean;
  error?: string;
  message?: string;
  sentAt: number;
  ackAt: number;
  reply: Record<string, unknown>;
}

export interface SeatRecord {
  idx: number;
  session: number;
  participantId: string;
  round: number;
  tableId: string | null;
  isHost: boolean;
  /** When this participant received the seat (orchestrator clock). */
  at: number;
  /** Bytes of the `seat:changed` payload as JSON: a rotation's cost grows with a table's notes. */
  bytes: number;
}

export interface SeatReport {
  seats: SeatRecord[];
  /** Participants still without a seat for that round when the wait gave up. */
  missing: number;
}

export interface NotePlan {
  round: number;
  /** Notes per table per second; each participant writes `rate / table size` per second. */
  ratePerTable: number;
  durationMs: number;
  editFraction: number;
  /** Shared start time, so generators begin together. */
  startAt: number;
}

export interface AuthoredNote {
  id: string;
  session: number;
  tableId: string;
  round: number;
  /** Who wrote it (generator and participant index): the k rule counts a cell's writers. */
  author: string;
  /** Acknowledged `ok`: only accepted notes are owed to their table. */
  accepted: boolean;
  /** An edit of it was acknowledged `ok`, so a `note:edited` is owed too. */
  edited: boolean;
}

export interface NoteRunReport {
  sent: number;
  edits: number;
  acked: number;
  refused: Record<string, number>;
  ackTimeouts: number;
  /** How late the scheduler sent notes: non-zero means the generator itself could not keep up. */
  sendLag: Float64Array;
  /** This generator's CPU seconds and wall seconds over the run: near 1 CPU/s means it was the bottleneck. */
  cpuSeconds: number;
  wallSeconds: number;
}

/** Everything a generator measured, gathered once at the end of a run. */
export interface Collected {
  /** Emit → receipt by a table peer (not the author), by note round. */
  peerLatency: Record<number, Float64Array>;
  /** Emit → receipt by the facilitator, by note round. */
  facilitatorLatency: Record<number, Float64Array>;
  /** Emit → acknowledgement, by note round. */
  ackLatency: Record<number, Float64Array>;
  editAckLatency: Record<number, Float64Array>;
  /** By round, then by wall-clock second of sending: [deliveries, worst latency]. */
  timeline: Map<number, Map<number, [number, number]>>;
  authored: AuthoredNote[];
  /** Receipts per note id over every client in this generator: [note:added, note:edited]. */
  receipts: Map<string, [number, number]>;
  duplicates: { added: number; edited: number };
  /** Per note id, as the facilitators last saw it: its round (0 while its cell has under 3 writers) and how many reveals came. */
  staffRounds: Map<string, { round: number; reveals: number }>;
  /** Notes received that name a note id nobody authored, or malformed text. */
  unknown: number;
  /** `phase:changed` messages per participant, and how many arrived while notes were being written. */
  phaseMessages: number;
  phaseMessagesDuringWriting: number;
  participants: number;
  /** Inbound messages by event name, summed over participants (not facilitators). */
  inbound: Record<string, number>;
  disconnects: Record<string, number>;
  cpuSeconds: number;
  eventLoopP99: number;
}

export interface GeneratorApi {
  init(init: GeneratorInit): void;
  /** This process's clock, for the orchestrator's offset estimate. */
  clock(): number;
  setOffset(ms: number): void;
  connectFacilitators(): Promise<void>;
  /** HTTP join then socket, `concurrency` participants at a time; `connect: false` joins only. */
  join(options: { concurrency: number; connect: boolean }): Promise<JoinReport>;
  /** Connects participants that joined without connecting (the memory measurement's second step). */
  connectJoined(concurrency: number): Promise<JoinReport>;
  facilitator(session: number, event: string, payload: unknown): Promise<CommandReport>;
  awaitSeats(round: number, timeoutMs: number): Promise<SeatReport>;
  runNotes(plan: NotePlan): Promise<NoteRunReport>;
  /** Resolves once nothing has arrived for `quietMs` (or after `maxMs`). */
  quiesce(quietMs: number, maxMs: number): Promise<void>;
  collect(): Collected;
  close(): Promise<void>;
}
