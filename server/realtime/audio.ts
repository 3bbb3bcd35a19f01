import { nanoid } from 'nanoid';
import type { Logger } from 'pino';
import { AudioLimits, callSeat, CallAs, nextNumber, type CallSeat } from '../../shared/commands/audio.ts';
import { gate, specOf, type PayloadOf } from '../../shared/commands/index.ts';
import { isRefusal } from '../../shared/commands/spec.ts';
import type { SessionState, TableId } from '../../shared/domain/state.ts';
import type { AudioEndedView, AudioJoinView, AudioMemberView, AudioRosterView, CallMembership, IceConfigView } from '../../shared/protocol/audio.ts';
import { ErrorCode, refuse, type Refusal } from '../../shared/protocol/errors.ts';
import type { SocketData } from '../../shared/protocol/events.ts';
import type { Clock } from '../clock.ts';
import { iceConfig, type AudioConfig } from '../security/turn.ts';
import type { SessionRuntime } from '../sessions/runtime.ts';
import type { Io } from './fanout/index.ts';
import type { AppSocket } from './handshake.ts';
import { actorOf } from './presence.ts';
import type { ReadRequest } from './reads.ts';
import { rooms } from './rooms.ts';

/**
 * Table audio's shell: who is in each table's call, and the relay of the browsers' signalling.
 *
 * A call is a Socket.IO room per table; each connection in it carries its membership on its socket
 * (`socket.data.audio`). Nothing is kept in this process's memory, so with several processes on
 * Redis a call spans them all: members are fetched through the adapter and messages reach a socket
 * wherever it is. Nothing is written to the session's log either.
 *
 * Membership is checked against the session each time it matters, not only at joining: before a
 * message is relayed (the sender and the recipient both still belong to this table's call now),
 * and before each roster goes out (whoever no longer belongs is taken out and told why). A rotation
 * therefore needs nothing more than a roster refresh of the tables it touched.
 */

const joinSpec = specOf('audio:join')!;

/** What a connection is in a call, as the server hears it from its socket (local or another process's). */
interface CallSocket {
  id: string;
  data: Partial<SocketData>;
  leave(room: string): unknown;
}

type Entry = CallSocket & { data: SocketData & { audio: CallMembership } };

export class AudioHub {
  /** One change at a time per call, so two people joining at once never get the same number. */
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(
    private readonly io: Io,
    private readonly config: AudioConfig,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  async join(socket: AppSocket, runtime: SessionRuntime, input: PayloadOf<'audio:join'>): Promise<AudioJoinView | Refusal> {
    const seat = this.seatOf(runtime.state, socket.data, input.as);
    if (isRefusal(seat)) return seat;
    const sid = runtime.id;
    const previous = socket.data.audio;
    if (previous) await this.leave(socket, runtime);
    const room = rooms.call(sid, seat.table.id);
    return this.serially(room, async () => {
      const who = socket.data.role === 'device' ? 'device' : socket.data.participantId!;
      // One voice per person and one device per table: a second connection takes over from the first.
      const members = (await this.members(runtime, seat.table.id)).filter((m) => m.id !== socket.id);
      const replaced = (m: Entry) => (seat.kind === 'device' && m.data.audio.kind === 'device') || m.data.audio.who === who;
      const staying = members.filter((m) => !replaced(m));
      // The device always has its place; remote people fill the rest.
      if (seat.kind === 'remote' && staying.filter((m) => m.data.audio.kind === 'remote').length >= AudioLimits.callMembers - 1) {
        return refuse(ErrorCode.full, `This table’s audio is full (${AudioLimits.callMembers - 1} remote people); use the table’s video link.`);
      }
      for (const m of members)
        if (replaced(m))
          this.evict(m, { tableId: seat.table.id, reason: m.data.audio.who === who && m.data.audio.kind === seat.kind ? 'elsewhere' : 'replaced' });
      const membership: CallMembership = {
        tableId: seat.table.id,
        who,
        as: input.as,
        address: `a${nanoid(15)}`,
        kind: seat.kind,
        number: seat.kind === 'device' ? 0 : nextNumber(staying.filter((m) => m.data.audio.kind === 'remote').map((m) => m.data.audio.number)),
        muted: false,
        cantHear: false,
        hand: false,
        showName: false,
        trouble: input.trouble,
      };
      socket.data.audio = membership;
      void socket.join(room);
      const state = runtime.state;
      this.sendRoster(state, seat.table.id, [...staying, socket as unknown as Entry]);
      return {
        tableId: seat.table.id,
        self: memberView(state, membership),
        peers: staying.map((m) => memberView(state, m.data.audio)),
        ice: this.ice(),
      };
    });
  }

  /** Relays an offer, an answer or candidates to one member of the sender's call. */
  async signal(socket: AppSocket, runtime: SessionRuntime, input: PayloadOf<'audio:signal'>): Promise<object | Refusal> {
    const me = socket.data.audio;
    if (!me || !socket.rooms.has(rooms.call(runtime.id, me.tableId))) return refuse(ErrorCode.conflict, 'You are not in a table’s audio; join it first.');
    if (!this.belongs(runtime.state, socket.data)) {
      await this.refresh(runtime, me.tableId);
      return refuse(ErrorCode.conflict, 'You are no longer at this table; join your new table’s audio.');
    }
    const members = await this.members(runtime, me.tableId);
    const to = members.find((m) => m.data.audio.address === input.to && m.id !== socket.id);
    // `members` only holds those who still belong: whoever moved away is out of reach at once.
    if (!to) return refuse(ErrorCode.notFound, 'That member has left the call.');
    this.io.to(to.id).emit('audio:signal', {
      from: me.address,
      ...(input.description ? { description: input.description } : {}),
      ...(input.candidates ? { candidates: input.candidates } : {}),
    });
    return {};
  }

  async state(socket: AppSocket, runtime: SessionRuntime, input: PayloadOf<'audio:state'>): Promise<object | Refusal> {
    const me = socket.data.audio;
    if (!me || !socket.rooms.has(rooms.call(runtime.id, me.tableId))) return refuse(ErrorCode.conflict, 'You are not in a table’s audio; join it first.');
    if (input.muted !== undefined) me.muted = input.muted;
    if (input.cantHear !== undefined) me.cantHear = input.cantHear;
    if (input.hand !== undefined) me.hand = input.hand;
    if (input.showName !== undefined) me.showName = input.showName;
    if (input.trouble !== undefined) me.trouble = input.trouble;
    await this.refresh(runtime, me.tableId);
    return {};
  }

  async leave(socket: AppSocket, runtime: SessionRuntime): Promise<object> {
    const me = socket.data.audio;
    if (!me) return {};
    socket.data.audio = undefined;
    void socket.leave(rooms.call(runtime.id, me.tableId));
    await this.refresh(runtime, me.tableId);
    return {};
  }

  /** The roster of one's table: for its call's members, its device and its host. */
  async roster(socket: AppSocket, runtime: SessionRuntime): Promise<AudioRosterView | Refusal> {
    const state = runtime.state;
    const tableId = this.tableToWatch(state, socket.data);
    if (isRefusal(tableId)) return tableId;
    const members = await this.members(runtime, tableId);
    return rosterView(state, tableId, members);
  }

  ice(): IceConfigView {
    return iceConfig(this.config, this.clock.now());
  }

  /** A connection closed: its call hears it left. */
  disconnected(socket: AppSocket, runtime: SessionRuntime): void {
    const me = socket.data.audio;
    if (me) this.refresh(runtime, me.tableId).catch((err) => this.logger.error({ err, sessionId: runtime.id }, 'audio roster refresh failed'));
  }

  /**
   * Seats or hosts changed at these tables (a rotation, a move, someone leaving, a new device link):
   * each call takes out who no longer belongs, and its members and host hear who is in it now.
   */
  tablesTouched(state: SessionState, tableIds: Iterable<TableId>): void {
    const withAudio = [...tableIds].filter((id) => state.tables.some((t) => t.id === id && t.mode !== 'room'));
    if (!withAudio.length) return;
    // One look across every touched call first (one request to the other processes, not one per
    // table): a rotation of 250 tables where a few have calls refreshes those few.
    this.io
      .in(withAudio.map((id) => rooms.call(state.id, id)))
      .fetchSockets()
      .then((sockets) => {
        const live = new Set(sockets.map((s) => (s.data as Partial<SocketData>).audio?.tableId));
        for (const tableId of withAudio) {
          if (!live.has(tableId)) continue;
          void this.serially(rooms.call(state.id, tableId), async () => this.sendRoster(state, tableId, await this.fetch(state, tableId)));
        }
      })
      .catch((err) => this.logger.error({ err, sessionId: state.id }, 'audio roster refresh failed'));
  }

  private refresh(runtime: SessionRuntime, tableId: TableId): Promise<void> {
    return this.serially(rooms.call(runtime.id, tableId), async () => this.sendRoster(runtime.state, tableId, await this.fetch(runtime.state, tableId)));
  }

  /** The call's members who still belong; the others are taken out and told. */
  private async members(runtime: SessionRuntime, tableId: TableId): Promise<Entry[]> {
    return this.stillIn(runtime.state, tableId, await this.fetch(runtime.state, tableId));
  }

  private stillIn(state: SessionState, tableId: TableId, sockets: Entry[]): Entry[] {
    return sockets.filter((m) => this.belongs(state, m.data) || (this.evict(m, { tableId, reason: this.whyNot(state, m.data) }), false));
  }

  private async fetch(state: SessionState, tableId: TableId): Promise<Entry[]> {
    const sockets = (await this.io.in(rooms.call(state.id, tableId)).fetchSockets()) as unknown as CallSocket[];
    // A socket in the room always carries its membership; one for another table would be a bug upstream.
    return sockets.filter((s): s is Entry => s.data.audio?.tableId === tableId);
  }

  /** Sends the roster to the members who still belong and to the table's host; takes out the rest. */
  private sendRoster(state: SessionState, tableId: TableId, sockets: Entry[]): void {
    const members = this.stillIn(state, tableId, sockets);
    const view = rosterView(state, tableId, members);
    const to = members.map((m) => m.id);
    const hostId = state.tables.find((t) => t.id === tableId)?.hostId;
    if (hostId && state.seats.get(hostId) === tableId) to.push(rooms.participant(hostId));
    if (to.length) this.io.to(to).emit('audio:roster', view);
  }

  private belongs(state: SessionState, data: Partial<SocketData>): boolean {
    const audio = data.audio;
    if (!audio) return false;
    const seat = this.seatOf(state, data, audio.as);
    return !isRefusal(seat) && seat.table.id === audio.tableId && seat.kind === audio.kind;
  }

  private whyNot(state: SessionState, data: Partial<SocketData>): AudioEndedView['reason'] {
    if (data.role === 'device') return 'replaced';
    const tableId = data.participantId ? state.seats.get(data.participantId) : undefined;
    return tableId !== data.audio?.tableId ? 'moved' : 'notAllowed';
  }

  private evict(member: CallSocket, ended: AudioEndedView): void {
    member.leave(rooms.call(this.sidOf(member), ended.tableId));
    // A socket of this process forgets its membership; one of another process keeps a stale copy,
    // which its own process ignores because the socket is no longer in the call's room.
    if (this.io.of('/').sockets.get(member.id) === member) member.data.audio = undefined;
    this.io.to(member.id).emit('audio:ended', ended);
  }

  private sidOf(member: CallSocket): string {
    return member.data.sessionId!;
  }

  /** The gate of `audio:join`, then the call's own rule. */
  private seatOf(state: SessionState, data: Partial<SocketData>, as: CallAs): CallSeat | Refusal {
    const checked = gate(state, joinSpec, actorOf({ data: data as SocketData }));
    if (isRefusal(checked)) return checked;
    return callSeat(state, checked, as);
  }

  /** The table whose roster a connection may see: its call's, its device's, or the one it hosts or sits at remotely. */
  private tableToWatch(state: SessionState, data: SocketData): TableId | Refusal {
    if (data.audio && this.belongs(state, data)) return data.audio.tableId;
    const asDevice = this.seatOf(state, data, CallAs.device);
    if (!isRefusal(asDevice)) return asDevice.table.id;
    const asMember = this.seatOf(state, data, CallAs.member);
    return isRefusal(asMember) ? asMember : asMember.table.id;
  }

  private serially<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const run = (this.queues.get(key) ?? Promise.resolve()).then(fn);
    const tail = run.catch(() => undefined);
    this.queues.set(key, tail);
    // The queue of a quiet call goes, so a long event does not keep one per table it ever had.
    void tail.then(() => this.queues.get(key) === tail && this.queues.delete(key));
    return run;
  }
}

function memberView(state: SessionState, m: CallMembership): AudioMemberView {
  const name = m.showName && m.kind === 'remote' ? state.participants.get(m.who)?.name : undefined;
  return {
    address: m.address,
    kind: m.kind,
    number: m.number,
    ...(name ? { name } : {}),
    muted: m.muted,
    cantHear: m.cantHear,
    hand: m.hand,
    trouble: m.trouble,
  };
}

function rosterView(state: SessionState, tableId: TableId, members: Entry[]): AudioRosterView {
  const views = members.map((m) => memberView(state, m.data.audio));
  views.sort((a, b) => (a.kind === b.kind ? a.number - b.number : a.kind === 'device' ? -1 : 1));
  return { tableId, members: views };
}

/** The hubs of the servers in this process, so the table of reads can reach its server's. */
const hubs = new WeakMap<object, AudioHub>();

export function registerHub(io: Io, hub: AudioHub): void {
  hubs.set(io, hub);
}

function hubOf(socket: AppSocket): AudioHub {
  const hub = hubs.get(socket.nsp.server);
  if (!hub) throw new Error('No audio hub for this server');
  return hub;
}

/** How the shell answers the audio family's reads (server/realtime/reads.ts). */
export const audioReads = {
  'audio:join': async ({ socket, runtime, input }: ReadRequest<'audio:join'>) => hubOf(socket).join(socket, runtime, input),
  'audio:signal': async ({ socket, runtime, input }: ReadRequest<'audio:signal'>) => hubOf(socket).signal(socket, runtime, input),
  'audio:state': async ({ socket, runtime, input }: ReadRequest<'audio:state'>) => hubOf(socket).state(socket, runtime, input),
  'audio:leave': async ({ socket, runtime }: ReadRequest<'audio:leave'>) => hubOf(socket).leave(socket, runtime),
  'audio:roster': async ({ socket, runtime }: ReadRequest<'audio:roster'>) => hubOf(socket).roster(socket, runtime),
  'audio:ice': async ({ socket }: ReadRequest<'audio:ice'>) => hubOf(socket).ice(),
};
