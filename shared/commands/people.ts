import { z } from 'zod';
import type { DomainEvent } from '../domain/events.ts';
import { fits, planRound, seatUnseated, type SeatingPreview } from '../domain/seating.ts';
import type { Participant, ParticipantId, PlannedRounds, SessionState, Table, TableId } from '../domain/state.ts';
import { membersOf } from '../domain/state.ts';
import { ErrorCode, refuse, type Refusal } from '../protocol/errors.ts';
import { ids } from '../protocol/ids.ts';
import { Admission, values } from '../domain/enums.ts';
import { joinSchema } from '../protocol/schemas.ts';
import { DEFAULT_MIN_TABLE_SIZE, tableMinimum } from '../rotation/index.ts';
import type { SeatingPreviewView } from '../protocol/views.ts';
import { participantOr, tableOr } from './lookups.ts';
import { accept, alreadyDone, type Checked, FACILITATORS, isRefusal, read, write } from './spec.ts';

/**
 * People and seating: joining, leaving and removal, moves and pins, hosts, seating everyone, and
 * the seating plan a facilitator previews and accepts.
 */

const SEATING_OVER = 'Seating is over once the harvest opens.';
const BEFORE_HARVEST = ['lobby', 'round', 'moving'] as const;
const empty = z.strictObject({});

export const peopleCommands = {
  /** Over HTTP with the join code; the shell mints the id and the participant's token. */
  'participant:join': write({
    schema: joinSchema,
    roles: ['guest'],
    phases: ['lobby', 'round', 'moving', 'harvest'],
    audience: ['facilitators', 'displays', 'table'],
    via: 'http',
    decide(state, c, _actor, ctx) {
      // A join resent after its answer was lost gets the first answer, whatever changed since.
      const joinKeyHash = c.joinKey ? ctx.mint.digest(`join:${c.joinKey}`) : null;
      const earlier = joinKeyHash ? state.participants.get(state.joinKeys.get(joinKeyHash) ?? '') : undefined;
      if (earlier)
        return alreadyDone({
          participantId: earlier.id,
          participantToken: ctx.mint.secret('participant', c.joinKey).token,
          waiting: earlier.status === 'waiting',
        });
      if (state.locked) return refuse(ErrorCode.closed, 'This session is not taking new participants.');
      // Organisations are asked for only where the facilitator chose to: nobody's is kept otherwise.
      if (c.organisation && !state.config.askOrganisation) return refuse(ErrorCode.invalid, 'organisation: this session does not ask for one');
      const group = state.config.stakeholderGroups.find((g) => g.toLocaleLowerCase() === c.group.toLocaleLowerCase());
      if (!group) return refuse(ErrorCode.invalid, `group: must be one of ${state.config.stakeholderGroups.join(', ')}`);
      const participantId = ctx.mint.participantId();
      if (state.participants.has(participantId)) return refuse(ErrorCode.conflict, 'That participant already exists.');
      const { token, hash } = ctx.mint.secret('participant', c.joinKey);
      const deviceHash = c.device ? ctx.mint.digest(c.device) : null;
      // A device that was removed comes back through the lobby, whatever the session's admission.
      const fromRemovedDevice = deviceHash !== null && state.removedDevices.has(deviceHash);
      const waiting = state.admission === 'lobby' || fromRemovedDevice;
      const reply = { participantId, participantToken: token, waiting };
      // Other spellings of the name, for the attribution check only: each once, none the name itself.
      const aliases = [...new Set(c.aliases ?? [])].filter((a) => a.toLocaleLowerCase() !== c.name.toLocaleLowerCase());
      const joined: DomainEvent = {
        type: 'participant:joined',
        at: ctx.now,
        participantId,
        name: c.name,
        group,
        organisation: c.organisation ?? null,
        ...(aliases.length ? { aliases } : {}),
        presence: c.presence,
        tokenHash: hash,
        deviceHash,
        ...(waiting ? { waiting } : {}),
        ...(fromRemovedDevice ? { fromRemovedDevice } : {}),
        ...(joinKeyHash ? { joinKeyHash } : {}),
      };
      if (waiting) return accept([joined], reply);
      const newcomer: Participant = {
        id: participantId,
        name: c.name,
        group,
        organisation: c.organisation ?? null,
        aliases,
        presence: c.presence,
        tokenHash: hash,
        joinedAt: ctx.now,
        status: 'active',
        pinnedTo: null,
        deviceHash,
        fromRemovedDevice,
      };
      return accept([joined, ...seatLate(state, [newcomer], ctx.now)], reply);
    },
  }),

  /** Lets people in from the lobby: one, or everyone waiting. */
  'participant:admit': write({
    schema: z.strictObject({ participantId: ids.participant.optional(), all: z.literal(true).optional() }),
    roles: FACILITATORS,
    phases: ['lobby', 'round', 'moving', 'harvest'],
    audience: ['subject', 'facilitators', 'table', 'displays'],
    decide(state, c, _actor, ctx) {
      if (!c.all === !c.participantId) return refuse(ErrorCode.invalid, 'Name one participant, or all.');
      const waiting = [...state.participants.values()].filter((p) => p.status === 'waiting' && (c.all || p.id === c.participantId));
      if (!waiting.length) {
        const p = c.participantId ? state.participants.get(c.participantId) : undefined;
        if (c.participantId && !p) return refuse(ErrorCode.notFound, 'No such participant.');
        return p && p.status !== 'active' && p.status !== 'waiting'
          ? refuse(ErrorCode.conflict, `${p.name} is no longer asking to join.`)
          : alreadyDone({ admitted: 0 });
      }
      const admitted = waiting.map((p) => ({ type: 'participant:admitted', at: ctx.now, participantId: p.id }) as const);
      const seats = seatLate(
        state,
        waiting.map((p) => ({ ...p, status: 'active' as const })),
        ctx.now,
      );
      return accept([...admitted, ...seats], { admitted: waiting.length });
    },
  }),

  /** Turns someone in the lobby away; their link stops working. */
  'participant:decline': write({
    schema: z.strictObject({ participantId: ids.participant }),
    roles: FACILITATORS,
    phases: ['lobby', 'round', 'moving', 'harvest'],
    audience: ['subject', 'facilitators'],
    decide(state, c, _actor, ctx) {
      const p = participantOr(state, c.participantId);
      if (isRefusal(p)) return p;
      if (p.status === 'declined') return alreadyDone();
      if (p.status !== 'waiting') return refuse(ErrorCode.conflict, `${p.name} is not waiting in the lobby.`);
      return accept([{ type: 'participant:declined', at: ctx.now, participantId: p.id }]);
    },
  }),

  /** Whether newcomers take part at once or wait in the lobby; switched at any time. */
  'session:admission': write({
    schema: z.strictObject({ admission: z.enum(values(Admission)) }),
    roles: FACILITATORS,
    phases: ['lobby', 'round', 'moving', 'harvest'],
    audience: ['facilitators'],
    decide(state, c, _actor, ctx) {
      if (state.admission === c.admission) return alreadyDone();
      return accept([{ type: 'admission:set', at: ctx.now, admission: c.admission }]);
    },
  }),

  /** Stops new joins altogether (or takes them again); people already in stay. */
  'session:lock': write({
    schema: z.strictObject({ locked: z.boolean() }),
    roles: FACILITATORS,
    phases: ['lobby', 'round', 'moving', 'harvest'],
    audience: ['facilitators'],
    decide(state, c, _actor, ctx) {
      if (state.locked === c.locked) return alreadyDone();
      return accept([{ type: 'session:locked', at: ctx.now, locked: c.locked }]);
    },
  }),

  'participant:leave': write({
    schema: empty,
    roles: ['participant'],
    fromLobby: true,
    phases: ['lobby', 'round', 'moving', 'harvest'],
    audience: ['self', 'facilitators', 'table', 'displays'],
    decide(state, _c, actor, ctx) {
      const p = (actor as Extract<Checked, { role: 'participant' }>).participant;
      return accept([...unhost(state, p.id, ctx.now), { type: 'participant:left', at: ctx.now, participantId: p.id, from: state.seats.get(p.id) ?? null }]);
    },
  }),

  'participant:remove': write({
    schema: z.strictObject({ participantId: ids.participant }),
    roles: FACILITATORS,
    phases: ['lobby', 'round', 'moving', 'harvest'],
    audience: ['subject', 'facilitators', 'table', 'displays'],
    decide(state, c, _actor, ctx) {
      const p = participantOr(state, c.participantId);
      if (isRefusal(p)) return p;
      if (p.status === 'removed') return alreadyDone();
      return accept([...unhost(state, p.id, ctx.now), { type: 'participant:removed', at: ctx.now, participantId: p.id, from: state.seats.get(p.id) ?? null }]);
    },
  }),

  'participant:move': write({
    schema: z.strictObject({
      participantId: ids.participant,
      tableId: ids.table.nullable(),
      pin: z.boolean().optional(),
      /** The facilitator read the warning that the move leaves a table of one or two, and moves anyway. */
      smallTable: z.literal(true).optional(),
    }),
    roles: FACILITATORS,
    phases: BEFORE_HARVEST,
    wrongPhase: SEATING_OVER,
    audience: ['subject', 'facilitators', 'table', 'displays'],
    decide(state, c, _actor, ctx) {
      const table = seatFor(state, c.participantId, c.tableId);
      if (table && isRefusal(table)) return table;
      const small = c.smallTable ? null : smallTableLeft(state, c.participantId, c.tableId);
      if (small) return small;
      const events: DomainEvent[] = [];
      if (state.seats.get(c.participantId) !== (c.tableId ?? undefined)) events.push(...seatsFacts(state, { [c.participantId]: c.tableId }, ctx.now));
      const pin = c.pin ? c.tableId : c.pin === false ? null : undefined;
      if (pin !== undefined && state.participants.get(c.participantId)!.pinnedTo !== pin) {
        events.push({ type: 'participant:pinned', at: ctx.now, participantId: c.participantId, tableId: pin });
      }
      return accept(events);
    },
  }),

  'host:assign': write({
    schema: z.strictObject({ tableId: ids.table, participantId: ids.participant.nullable() }),
    roles: FACILITATORS,
    phases: BEFORE_HARVEST,
    wrongPhase: 'Hosting is over once the harvest opens.',
    audience: ['subject', 'facilitators', 'table'],
    decide(state, c, _actor, ctx) {
      const table = tableOr(state, c.tableId);
      if (isRefusal(table)) return table;
      if (table.hostId === c.participantId) return alreadyDone();
      if (c.participantId === null) return accept([{ type: 'host:assigned', at: ctx.now, tableId: table.id, participantId: null, previous: table.hostId }]);
      const p = state.participants.get(c.participantId);
      if (!p || p.status !== 'active') return refuse(ErrorCode.notFound, 'No such participant in the session.');
      if (state.seats.get(p.id) !== table.id) return refuse(ErrorCode.conflict, `Seat ${p.name} at ${table.name} before making them its host.`);
      return accept([...unhost(state, p.id, ctx.now), { type: 'host:assigned', at: ctx.now, tableId: table.id, participantId: p.id, previous: table.hostId }]);
    },
  }),

  'seating:assign': write({
    schema: empty,
    roles: FACILITATORS,
    phases: BEFORE_HARVEST,
    wrongPhase: SEATING_OVER,
    audience: ['subject', 'facilitators', 'table', 'displays'],
    decide(state, _c, _actor, ctx) {
      const seats = seatUnseated(state);
      const seated = Object.keys(seats).length;
      const waiting = [...state.participants.values()].filter((p) => p.status === 'active' && !state.seats.has(p.id) && !Object.hasOwn(seats, p.id)).length;
      return accept(seatsFacts(state, seats, ctx.now), { seated, waiting });
    },
  }),

  /** What the remaining rounds' seating would be; the planner's worker computes it, nothing changes. */
  'seating:preview': read<SeatingPreviewView>()({
    schema: z.strictObject({ attempt: z.int().min(0).max(1_000_000).optional(), detail: z.enum(['next', 'all']).optional() }),
    roles: FACILITATORS,
    phases: BEFORE_HARVEST,
    wrongPhase: SEATING_OVER,
    audience: ['sender'],
    costly: true,
    needsPreview: true,
  }),

  /**
   * Following a previewed plan from now on. The preview comes in the context (the shell had the
   * planner compute it off the session); it must be for the café as it is, or the facilitator is
   * told to look again.
   */
  'seating:accept': write({
    schema: z.strictObject({ attempt: z.int().min(0).max(1_000_000), version: z.int().min(1) }),
    roles: FACILITATORS,
    phases: BEFORE_HARVEST,
    wrongPhase: SEATING_OVER,
    audience: ['facilitators'],
    needsPreview: true,
    decide(state, c, _actor, ctx) {
      const preview: SeatingPreview | undefined = ctx.preview;
      if (!preview || c.version !== state.seatingVersion || preview.version !== state.seatingVersion || preview.attempt !== c.attempt) {
        return refuse(ErrorCode.conflict, 'The café changed since this preview (someone joined, left or was moved); look at the new one.');
      }
      if (preview.accepted) return alreadyDone({ version: state.seatingVersion });
      if (!preview.rounds.length) return refuse(ErrorCode.conflict, 'No rounds are left to plan.');
      const rounds: PlannedRounds = Object.fromEntries(preview.rounds.map((r) => [r.round, r.seats]));
      // One fact, so the seating version it leaves behind is the next version.
      return accept([{ type: 'seating:planned', at: ctx.now, attempt: c.attempt, rounds, figures: preview.figures }], { version: state.version + 1 });
    },
  }),
};

function seatFor(state: SessionState, participantId: ParticipantId, tableId: TableId | null): Refusal | Table | null {
  const p = participantOr(state, participantId);
  if (isRefusal(p)) return p;
  if (p.status !== 'active') return refuse(ErrorCode.conflict, `${p.name} is no longer in the session.`);
  if (tableId === null) return null;
  const table = tableOr(state, tableId);
  if (isRefusal(table)) return table;
  if (!fits(table, p)) {
    return refuse(ErrorCode.conflict, `${table.name} takes ${table.mode} participants only; ${p.name} is ${p.presence === 'room' ? 'in the room' : 'remote'}.`);
  }
  if (state.seats.get(participantId) !== tableId && membersOf(state, tableId).length >= table.capacity) {
    return refuse(ErrorCode.full, `${table.name} is full (${table.capacity} seats).`);
  }
  return table;
}

/** The host fact that ends a person's hosting, if they host a table. */
export function unhost(state: SessionState, participantId: ParticipantId, now: number, keep?: TableId | null): DomainEvent[] {
  return state.tables.filter((t) => t.hostId === participantId && t.id !== keep).map((t) => hostLeft(t.id, participantId, now));
}

/** The fact that a host no longer hosts a table (they left it, or were seated elsewhere). */
function hostLeft(tableId: TableId, previous: ParticipantId, now: number): DomainEvent {
  return { type: 'host:assigned', at: now, tableId, participantId: null, previous };
}

/**
 * The facts of a seating change: hosts seated away from their table stop hosting (said in a fact
 * of its own), then the new seats with where each person sat before, so whoever tells people of
 * their move needs nothing but the fact. Nothing when nobody's seat changes.
 */
export function seatsFacts(state: SessionState, seats: Record<ParticipantId, TableId | null>, now: number): DomainEvent[] {
  const pids = Object.keys(seats);
  if (!pids.length) return [];
  const from: Record<ParticipantId, TableId | null> = {};
  const events: DomainEvent[] = [];
  // Who hosts where, read once: asking every table for each person cost a 10,000-person round end
  // (1,250 tables) about 75 ms. In table order, as `unhost` gives them.
  const hosting = new Map<ParticipantId, TableId[]>();
  for (const t of state.tables) {
    if (!t.hostId) continue;
    const list = hosting.get(t.hostId);
    if (list) list.push(t.id);
    else hosting.set(t.hostId, [t.id]);
  }
  for (const pid of pids) {
    from[pid] = state.seats.get(pid) ?? null;
    for (const tableId of hosting.get(pid) ?? []) if (tableId !== seats[pid]) events.push(hostLeft(tableId, pid, now));
  }
  events.push({ type: 'seats:assigned', at: now, seats, from });
  return events;
}

/** Newcomers seated at once while a round runs or people move, so they can take part; else later. */
function seatLate(state: SessionState, newcomers: Participant[], now: number): DomainEvent[] {
  if (state.phase !== 'round' && state.phase !== 'moving') return [];
  return seatsFacts(state, seatUnseated(state, newcomers), now);
}

/** Round end's seats for the next round, as facts. */
export function nextRoundSeats(state: SessionState, round: number, now: number): DomainEvent[] {
  return seatsFacts(state, planRound(state, round), now);
}

/**
 * A manual move during the rounds that would leave a table below its minimum (one or two people at
 * a table of three seats or more), while the café has at least that many people: whoever sees seats
 * would know who wrote that table's notes. The minimum is the rotation's (`tableMinimum`), so the
 * rotation never plans what a move is warned about. Refused with the risk named, until the
 * facilitator confirms with `smallTable`.
 */
function smallTableLeft(state: SessionState, participantId: ParticipantId, to: TableId | null): Refusal | null {
  const from = state.seats.get(participantId) ?? null;
  // Before round 1 nobody has written yet, and seating everyone fills the tables anyway.
  if (from === to || (state.phase !== 'round' && state.phase !== 'moving')) return null;
  let active = 0;
  for (const p of state.participants.values()) if (p.status === 'active') active++;
  if (active < DEFAULT_MIN_TABLE_SIZE) return null;
  const after: [TableId | null, number][] = [
    [from, from ? membersOf(state, from).length - 1 : 0],
    [to, to ? membersOf(state, to).length + 1 : 0],
  ];
  for (const [tableId, count] of after) {
    const table = tableId ? state.tables.find((t) => t.id === tableId) : undefined;
    if (!table || count < 1 || count >= tableMinimum(table.capacity)) continue;
    return refuse(
      ErrorCode.conflict,
      `This leaves ${count === 1 ? 'one person' : count === 2 ? 'two people' : `${count} people`} at ${table.name}: anyone who sees seats would know who wrote its notes from then on. Move anyway only if you must.`,
    );
  }
  return null;
}
