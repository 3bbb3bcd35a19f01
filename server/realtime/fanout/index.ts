import { SEATING_FACTS } from '../../../shared/domain/apply.ts';
import type { DomainEvent, DomainEventType } from '../../../shared/domain/events.ts';
import type { ParticipantId, SessionState, TableId } from '../../../shared/domain/state.ts';
import type { TableRow } from '../../../shared/protocol/views.ts';
import { phaseView, tableRow } from '../../views/common.ts';
import { displayTables } from '../../views/display.ts';
import type { HarvestPatch } from '../../../shared/protocol/views.ts';
import { ballotView, displayHarvest, dotsLeft, harvestFindings, harvestView, harvestVotes, myDots } from '../../views/harvest.ts';
import { participantSnapshot, SeatViews } from '../../views/participant.ts';
import { admissionView } from '../../views/facilitator.ts';
import { seatingStatus } from '../../views/seating.ts';
import { cellsBeforeFacts, type CellBefore } from '../../views/moderation.ts';
import type { AppSocket } from '../handshake.ts';
import { rooms } from '../rooms.ts';
import { Batch, versioned, type Handler, type Io, type Sink } from './batch.ts';
import { audioFacts } from './audio.ts';
import { harvestFacts } from './harvest.ts';
import { moderationFacts } from './moderation.ts';
import { noteFacts, writersCrossed } from './notes.ts';
import { peopleFacts } from './people.ts';
import { ReplaySink, type Kept } from './replay.ts';
import { roundFacts } from './rounds.ts';
import { staffFacts } from './staff.ts';

export type { Io } from './batch.ts';

/** What else a batch tells, besides the connections: the throttled display refresh, table audio. */
interface Hooks {
  displayChanged: (sessionId: string) => void;
  tablesTouched: (state: SessionState, tables: ReadonlySet<TableId>) => void;
}

/** Every fact's handler, by family; the type makes sure no fact is forgotten. */
const handlers: { [T in DomainEventType]: Handler<T> } = {
  ...peopleFacts,
  ...roundFacts,
  ...noteFacts,
  ...moderationFacts,
  ...harvestFacts,
  ...staffFacts,
  ...audioFacts,
};

/**
 * Turns committed facts into role-specific messages. Participants get views without other
 * people's ids, names or groups; the author of a note learns it is theirs through their own room.
 * Views are built only for audiences that are connected.
 *
 * Each process tells only its own connections (`io.local`), of every fact it applies: its own
 * commands' and those it read from the log after another process appended them. Nothing depends
 * on a broadcast between processes, so a fact committed by a process that died before telling
 * anyone still reaches everyone, from the others.
 */
export class Fanout {
  private readonly local: Sink;

  /** Whether anyone on this process is in a room: one function for every batch. */
  private readonly connected = (room: string): boolean => (this.io.of('/').adapter.rooms.get(room)?.size ?? 0) > 0;

  constructor(
    private readonly io: Io,
    /** Called when the table map changed, so displays can be refreshed (throttled by the caller). */
    private readonly displayChanged: (sessionId: string) => void = () => {},
    /**
     * Tables whose seats or host changed, for table audio to check who is still in each call. Told
     * by the process that committed the facts only: a call spans processes, one refresh does.
     */
    private readonly tablesTouched: (state: SessionState, tables: ReadonlySet<TableId>) => void = () => {},
  ) {
    this.local = io.local;
  }

  /**
   * Tells this process's connections of facts just applied to `state`; `own` when this process
   * committed them (rather than reading them from the log after another process did).
   */
  publish(state: SessionState, events: readonly DomainEvent[], own: boolean, cellsBefore: ReadonlyMap<string, CellBefore>): void {
    const base = state.version - events.length;
    const batch = new Batch(versioned(this.local, base), state, events, this.connected, cellsBefore);
    this.run(batch, { displayChanged: this.displayChanged, tablesTouched: own ? this.tablesTouched : () => {} });
  }

  /**
   * Tells one reconnecting socket what it missed since `since`: the same handlers, as if it had been
   * connected all along, sent to it alone. Its rooms are already those of the session as it is now;
   * the replay moves a copy of them as the facts do, so each message reaches it exactly when it
   * would have. The last message carries the session's version, so the client, once it has that
   * one, has everything.
   */
  replay(socket: AppSocket, state: SessionState, events: readonly DomainEvent[], since: number): void {
    const kept: Kept[] = [];
    const sink = new ReplaySink(new Set(socket.rooms), kept);
    // Only a facilitator's or a rapporteur's replay can owe the k rule's re-sends: nobody else's counts them.
    const staff = sink.rooms.has(rooms.facilitators(state.id)) || sink.rooms.has(rooms.rapporteurs(state.id));
    const cells = staff ? cellsBeforeFacts(state, events) : new Map<string, CellBefore>();
    const batch = new Batch(versioned(sink, since), state, events, (room) => sink.rooms.has(room), cells);
    this.run(batch, { displayChanged: () => {}, tablesTouched: () => {} });
    const emit = socket.emit.bind(socket) as unknown as (event: string, ...args: unknown[]) => void;
    kept.forEach(({ event, args }, i) => emit(event, args[0], i === kept.length - 1 ? state.version : since));
  }

  refreshDisplays(state: SessionState): void {
    const displays = this.local.to(rooms.displays(state.id));
    displays.emit('display:tables', displayTables(state), state.version);
    // From the harvest on, the vote and then the readout's link (throttled with the table map).
    if (state.phase === 'harvest' || state.phase === 'closed') displays.emit('display:harvest', displayHarvest(state), state.version);
  }

  private run(batch: Batch, hooks: Hooks): void {
    for (const e of batch.events) (handlers[e.type] as (b: Batch, fact: DomainEvent) => void)(batch, e);
    this.finish(batch, hooks);
  }

  private finish(batch: Batch, hooks: Hooks): void {
    const { io, state, sid } = batch;
    const facilitators = rooms.facilitators(sid);
    if (batch.phase) io.to(rooms.session(sid)).emit('phase:changed', phaseView(state));
    this.sendHarvest(batch);
    if (batch.ballot) {
      const ballot = ballotView(state);
      if (ballot) io.to(rooms.session(sid)).emit('ballot:changed', ballot);
    }
    if (batch.voters) {
      for (const pid of state.harvest.votes.keys())
        io.to(rooms.participant(pid)).emit('ballot:mine', { dots: myDots(state, pid), dotsLeft: dotsLeft(state, pid) });
    }
    writersCrossed(batch);
    const seatsChanged = this.moveSeats(batch, hooks);
    // Let in from the lobby: their phones swap the waiting screen for the café itself.
    for (const pid of batch.admitted) io.to(rooms.participant(pid)).emit('session:snapshot', participantSnapshot(state, pid));
    if (batch.admission && batch.present(facilitators)) io.to(facilitators).emit('admission:changed', admissionView(state));
    if (batch.roster.size && batch.present(facilitators)) io.to(facilitators).emit('roster:changed', [...batch.roster.values()]);
    if (batch.tablesChanged.size && batch.present(facilitators)) {
      const changed: TableRow[] = state.tables.filter((t) => batch.tablesChanged.has(t.id)).map(tableRow);
      io.to(facilitators).emit('tables:changed', changed);
    }
    if (seatsChanged || batch.phase || batch.displays) hooks.displayChanged(sid);
    // A preview the console holds is stale now; a few numbers, so it goes with every such change.
    if (batch.events.some((e) => SEATING_FACTS.has(e.type)) && batch.present(facilitators)) io.to(facilitators).emit('seating:changed', seatingStatus(state));
  }

  /**
   * The staff's harvest: the whole view after a rapporteur's command; otherwise only the parts
   * that moved (tallies after a vote, findings after an edit or a join that names someone), so a
   * join, a note or a vote never rebuilds the board. Nothing at all when no staff is connected.
   */
  private sendHarvest(batch: Batch): void {
    if (!batch.staffPresent()) return;
    const { io, state } = batch;
    if (batch.harvest) return void io.to(batch.staff).emit('harvest:changed', harvestView(state));
    const patch: HarvestPatch = {};
    if (batch.votes) patch.votes = harvestVotes(state);
    if (batch.findings) patch.findings = harvestFindings(state);
    if (batch.changedNotes) patch.changed = [...(state.harvest.changed ?? [])];
    if (patch.votes || patch.findings || patch.changed) io.to(batch.staff).emit('harvest:patch', patch);
  }

  /**
   * Moves sockets between table rooms and tells each moved participant their new seat, from the
   * seats the facts say people left. Room changes are grouped per table so a rotation of
   * thousands costs a few hundred operations.
   */
  private moveSeats(batch: Batch, hooks: Hooks): boolean {
    // Most batches (a note, a vote) move nobody: nothing to build.
    if (!batch.moved.size && !batch.hostsChanged.size && !batch.tablesChanged.size) return false;
    const { io, state, sid } = batch;
    const views = new SeatViews(state);
    const leaving = new Map<TableId, string[]>();
    const joining = new Map<TableId, string[]>();
    const touched = new Set<TableId>(batch.tablesChanged);
    const add = (map: Map<TableId, string[]>, tid: TableId, room: string) => {
      const list = map.get(tid);
      if (list) list.push(room);
      else map.set(tid, [room]);
    };
    let moves = 0;
    for (const [pid, previous] of batch.moved) {
      const now = state.seats.get(pid) ?? null;
      if (now === previous) continue;
      moves++;
      if (previous) {
        add(leaving, previous, rooms.participant(pid));
        touched.add(previous);
      }
      if (now) {
        add(joining, now, rooms.participant(pid));
        touched.add(now);
      }
    }
    // Each mover leaves the one table room they were in, not every room anyone left: a rotation
    // of 2,000 at 250 tables was 500,000 room removals.
    for (const [tid, members] of leaving) io.in(members).socketsLeave(rooms.table(sid, tid));
    for (const [tid, members] of joining) io.in(members).socketsJoin(rooms.table(sid, tid));
    // Everyone a seating names hears from it, including those told to stay (hosts, pinned people).
    // Each hears of their seat alone; what others wrote at the table goes once per table after.
    const seatedAt = new Map<TableId, string[]>();
    const told = new Set<ParticipantId>([...batch.moved.keys(), ...batch.hostsChanged]);
    for (const pid of told) {
      if (state.participants.get(pid)?.status !== 'active') continue;
      const seat = views.seatOfSeating(pid, batch.moved.has(pid) ? (batch.moved.get(pid) ?? undefined) : state.seats.get(pid));
      io.to(rooms.participant(pid)).emit('seat:changed', seat);
      if (seat.table) add(seatedAt, seat.table.id, rooms.participant(pid));
    }
    for (const [tid, recipients] of seatedAt) io.to(recipients).emit('table:history', views.history(tid));
    for (const tid of touched) {
      const table = state.tables.find((t) => t.id === tid);
      if (!table) continue;
      // Of the movers, only those who just joined this table are in its room.
      io.to(rooms.table(sid, tid))
        .except(joining.get(tid) ?? [])
        .emit('table:changed', { id: tid, memberCount: views.memberCount(tid), hasHost: table.hostId !== null });
    }
    if (touched.size) hooks.tablesTouched(state, touched);
    return moves > 0 || batch.hostsChanged.size > 0;
  }
}
