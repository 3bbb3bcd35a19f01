import { ErrorCode, refuse, type Refusal } from '../protocol/errors.ts';
import type { SessionSetup } from '../protocol/schemas.ts';
import type { Actor, Command, CommandOf } from './commands.ts';
import { DEFAULT_STAKEHOLDER_GROUPS, unreachable } from './enums.ts';
import type { DomainEvent } from './events.ts';
import { decideHarvest } from './harvest.ts';
import { fits, planRound, seatUnseated } from './seating.ts';
import type { Participant, ParticipantId, PlannedRounds, SessionState, Table, TableId } from './state.ts';
import { lastStartedRound, membersOf, tableById } from './state.ts';

/** What a command decided: the facts to append, and what the sender is told. */
export type Decision = { ok: true; events: DomainEvent[]; reply?: Record<string, unknown> } | Refusal;

const DEFAULT_CAPACITY = 8;

const accept = (events: DomainEvent[], reply?: Record<string, unknown>): Decision => ({ ok: true, events, reply });
/** Accepted and already true: a resend or a double click. Nothing is appended. */
const alreadyDone = (reply?: Record<string, unknown>): Decision => ({ ok: true, events: [], reply });

/** The facts that start a session. The shell supplies ids, the join code and the key hash. */
export function decideCreate(
  setup: SessionSetup,
  ids: { sessionId: string; code: string; facilitatorKeyHash: string },
  now: number,
): DomainEvent[] {
  const tables: Table[] = setup.tables.map((t, i) => ({
    id: `t${i + 1}`,
    name: t.name || `Table ${i + 1}`,
    question: t.question,
    videoUrl: t.videoUrl ?? null,
    mode: t.mode ?? 'hybrid',
    capacity: t.capacity ?? DEFAULT_CAPACITY,
    hostId: null,
  }));
  return [
    {
      type: 'session:created',
      at: now,
      sessionId: ids.sessionId,
      code: ids.code,
      facilitatorKeyHash: ids.facilitatorKeyHash,
      config: {
        title: setup.title,
        description: setup.description ?? '',
        rounds: setup.rounds,
        roundSeconds: setup.roundSeconds,
        movingSeconds: setup.movingSeconds,
        autoAdvance: setup.autoAdvance,
        stakeholderGroups: setup.stakeholderGroups ?? [...DEFAULT_STAKEHOLDER_GROUPS],
        ...(setup.date ? { date: setup.date } : {}),
        ...(setup.place ? { place: setup.place } : {}),
        ...(setup.language ? { language: setup.language } : {}),
      },
      tables,
    },
  ];
}

/**
 * Validates and authorises one command against the state, and returns the facts it produces
 * or a refusal with a reason. Pure: the state is never touched, time comes in as `now`.
 */
export function decide(state: SessionState, command: Command, actor: Actor, now: number): Decision {
  if (state.phase === 'closed') return refuse(ErrorCode.closed, 'This session has closed.');
  switch (command.type) {
    case 'participant:join':
      return join(state, command, actor, now);
    case 'participant:leave':
      return leave(state, actor, now);
    case 'participant:remove':
      return asFacilitator(actor) ?? remove(state, command.participantId, now);
    case 'participant:move':
      return asFacilitator(actor) ?? move(state, command, now);
    case 'host:assign':
      return asFacilitator(actor) ?? assignHost(state, command, now);
    case 'seating:assign':
      return asFacilitator(actor) ?? seatEveryone(state, now);
    case 'seating:accept':
      return asFacilitator(actor) ?? acceptPlan(state, command, now);
    case 'round:start':
      return asFacilitator(actor) ?? startRound(state, command.round, now);
    case 'round:end':
      return asFacilitator(actor) ?? endRound(state, command.round, now);
    case 'timer:expire':
      return actor.role === 'system' ? expire(state, command, now) : refuse(ErrorCode.forbidden, 'Only the clock ends a phase on time.');
    case 'timer:pause':
      return asFacilitator(actor) ?? pause(state, now);
    case 'timer:resume':
      return asFacilitator(actor) ?? resume(state, now);
    case 'timer:extend':
      return asFacilitator(actor) ?? extend(state, command.minutes, now);
    case 'harvest:open':
      return asFacilitator(actor) ?? openHarvest(state, now);
    case 'session:close':
      return asFacilitator(actor) ?? accept([{ type: 'session:closed', at: now }]);
    case 'broadcast:send':
      return asFacilitator(actor) ?? accept([{ type: 'broadcast:sent', at: now, broadcastId: `b${state.version}`, text: command.text }]);
    case 'note:add':
      return addNote(state, command, actor, now);
    case 'note:edit':
      return editNote(state, command, actor, now);
    case 'note:delete':
      return deleteNote(state, command, actor, now);
    case 'note:hide':
      return asFacilitator(actor) ?? hideNote(state, command, now);
    case 'summary:write':
      return writeSummary(state, command, actor, now);
    case 'rapporteur:invite':
    case 'rapporteur:revoke':
    case 'theme:create':
    case 'theme:rename':
    case 'theme:mark':
    case 'theme:merge':
    case 'theme:delete':
    case 'note:sort':
    case 'note:setAside':
    case 'quote:edit':
    case 'synthesis:write':
    case 'vote:configure':
    case 'vote:cast':
    case 'finding:keep':
    case 'finding:redact':
    case 'readout:publish':
      return decideHarvest(state, command, actor, now);
    default:
      return unreachable(command);
  }
}

function asFacilitator(actor: Actor): Refusal | undefined {
  return actor.role === 'facilitator' || actor.role === 'system'
    ? undefined
    : refuse(ErrorCode.forbidden, 'Only the facilitator can do this.');
}

function activeParticipant(state: SessionState, actor: Actor): Participant | Refusal {
  if (actor.role !== 'participant') return refuse(ErrorCode.forbidden, 'Only participants can do this.');
  const p = state.participants.get(actor.participantId);
  if (!p || p.status !== 'active') return refuse(ErrorCode.unauthorised, 'You are no longer part of this session.');
  return p;
}

const isRefusal = (x: object): x is Refusal => 'ok' in x && x.ok === false;

function join(state: SessionState, c: CommandOf<'participant:join'>, actor: Actor, now: number): Decision {
  if (actor.role !== 'guest' && actor.role !== 'system') return refuse(ErrorCode.forbidden, 'Join with the session code.');
  if (state.participants.has(c.participantId)) return refuse(ErrorCode.conflict, 'That participant already exists.');
  const group = state.config.stakeholderGroups.find((g) => g.toLocaleLowerCase() === c.group.toLocaleLowerCase());
  if (!group) return refuse(ErrorCode.invalid, `group: must be one of ${state.config.stakeholderGroups.join(', ')}`);
  const joined: DomainEvent = {
    type: 'participant:joined',
    at: now,
    participantId: c.participantId,
    name: c.name,
    group,
    organisation: c.organisation ?? null,
    presence: c.presence,
    tokenHash: c.tokenHash,
  };
  // Late joiners are seated at once so they can take part in the round under way.
  if (state.phase !== 'round' && state.phase !== 'moving') return accept([joined]);
  const newcomer: Participant = {
    id: c.participantId,
    name: c.name,
    group,
    organisation: c.organisation ?? null,
    presence: c.presence,
    tokenHash: c.tokenHash,
    joinedAt: now,
    status: 'active',
    pinnedTo: null,
  };
  const seats = seatUnseated(state, [newcomer]);
  return accept(Object.keys(seats).length ? [joined, { type: 'seats:assigned', at: now, seats }] : [joined]);
}

function leave(state: SessionState, actor: Actor, now: number): Decision {
  const p = activeParticipant(state, actor);
  if (isRefusal(p)) return p;
  return accept([{ type: 'participant:left', at: now, participantId: p.id }]);
}

function remove(state: SessionState, participantId: ParticipantId, now: number): Decision {
  const p = state.participants.get(participantId);
  if (!p) return refuse(ErrorCode.notFound, 'No such participant.');
  if (p.status === 'removed') return alreadyDone();
  return accept([{ type: 'participant:removed', at: now, participantId }]);
}

function seatFor(state: SessionState, participantId: ParticipantId, tableId: TableId | null): Refusal | Table | null {
  const p = state.participants.get(participantId);
  if (!p) return refuse(ErrorCode.notFound, 'No such participant.');
  if (p.status !== 'active') return refuse(ErrorCode.conflict, `${p.name} is no longer in the session.`);
  if (tableId === null) return null;
  const table = tableById(state, tableId);
  if (!table) return refuse(ErrorCode.notFound, 'No such table.');
  if (!fits(table, p)) {
    return refuse(ErrorCode.conflict, `${table.name} takes ${table.mode} participants only; ${p.name} is ${p.presence === 'room' ? 'in the room' : 'remote'}.`);
  }
  if (state.seats.get(participantId) !== tableId && membersOf(state, tableId).length >= table.capacity) {
    return refuse(ErrorCode.full, `${table.name} is full (${table.capacity} seats).`);
  }
  return table;
}

function move(state: SessionState, c: CommandOf<'participant:move'>, now: number): Decision {
  if (state.phase === 'harvest') return refuse(ErrorCode.wrongPhase, 'Seating is over once the harvest opens.');
  const table = seatFor(state, c.participantId, c.tableId);
  if (table && isRefusal(table)) return table;
  const events: DomainEvent[] = [];
  const hosted = state.tables.find((t) => t.hostId === c.participantId);
  if (hosted && hosted.id !== c.tableId) events.push({ type: 'host:assigned', at: now, tableId: hosted.id, participantId: null });
  if (state.seats.get(c.participantId) !== (c.tableId ?? undefined)) {
    events.push({ type: 'seats:assigned', at: now, seats: { [c.participantId]: c.tableId } });
  }
  const pin = c.pin ? c.tableId : c.pin === false ? null : undefined;
  if (pin !== undefined && state.participants.get(c.participantId)!.pinnedTo !== pin) {
    events.push({ type: 'participant:pinned', at: now, participantId: c.participantId, tableId: pin });
  }
  return accept(events);
}

function assignHost(state: SessionState, c: CommandOf<'host:assign'>, now: number): Decision {
  if (state.phase === 'harvest') return refuse(ErrorCode.wrongPhase, 'Hosting is over once the harvest opens.');
  const table = tableById(state, c.tableId);
  if (!table) return refuse(ErrorCode.notFound, 'No such table.');
  if (table.hostId === c.participantId) return alreadyDone();
  if (c.participantId === null) return accept([{ type: 'host:assigned', at: now, tableId: table.id, participantId: null }]);
  const p = state.participants.get(c.participantId);
  if (!p || p.status !== 'active') return refuse(ErrorCode.notFound, 'No such participant in the session.');
  if (state.seats.get(p.id) !== table.id) return refuse(ErrorCode.conflict, `Seat ${p.name} at ${table.name} before making them its host.`);
  const events: DomainEvent[] = [];
  const previous = state.tables.find((t) => t.hostId === p.id);
  if (previous) events.push({ type: 'host:assigned', at: now, tableId: previous.id, participantId: null });
  events.push({ type: 'host:assigned', at: now, tableId: table.id, participantId: p.id });
  return accept(events);
}

function seatEveryone(state: SessionState, now: number): Decision {
  if (state.phase === 'harvest') return refuse(ErrorCode.wrongPhase, 'Seating is over once the harvest opens.');
  const seats = seatUnseated(state);
  const seated = Object.keys(seats).length;
  const waiting = [...state.participants.values()].filter((p) => p.status === 'active' && !state.seats.has(p.id) && !Object.hasOwn(seats, p.id)).length;
  return accept(seated ? [{ type: 'seats:assigned', at: now, seats }] : [], { seated, waiting });
}

/**
 * Following a previewed plan from now on. The preview comes with the command (the shell computed it
 * off the session, see `previewSeating`); it must be for the café as it is, or the facilitator is
 * told to look again.
 */
function acceptPlan(state: SessionState, c: CommandOf<'seating:accept'>, now: number): Decision {
  if (state.phase === 'harvest') return refuse(ErrorCode.wrongPhase, 'Seating is over once the harvest opens.');
  if (c.version !== state.seatingVersion || c.preview.version !== state.seatingVersion || c.preview.attempt !== c.attempt) {
    return refuse(ErrorCode.conflict, 'The café changed since this preview (someone joined, left or was moved); look at the new one.');
  }
  if (c.preview.accepted) return alreadyDone({ version: state.seatingVersion });
  if (!c.preview.rounds.length) return refuse(ErrorCode.conflict, 'No rounds are left to plan.');
  const rounds: PlannedRounds = Object.fromEntries(c.preview.rounds.map((r) => [r.round, r.seats]));
  // One fact, so the seating version it leaves behind is the next version.
  return accept([{ type: 'seating:planned', at: now, attempt: c.attempt, rounds, figures: c.preview.figures }], { version: state.version + 1 });
}

function startRound(state: SessionState, round: number, now: number): Decision {
  const durationMs = state.config.roundSeconds * 1000;
  const started: DomainEvent = { type: 'round:started', at: now, round, endsAt: now + durationMs, durationMs };
  switch (state.phase) {
    case 'lobby': {
      if (round !== 1) return refuse(ErrorCode.conflict, 'The café starts with round 1.');
      const seats = seatUnseated(state);
      const seatedAlready = state.seats.size;
      if (!seatedAlready && !Object.keys(seats).length) return refuse(ErrorCode.conflict, 'Nobody can be seated yet: wait for participants to join.');
      return accept(Object.keys(seats).length ? [{ type: 'seats:assigned', at: now, seats }, started] : [started]);
    }
    case 'moving':
      if (round !== state.round) return refuse(ErrorCode.conflict, `Round ${state.round} is next, not round ${round}.`);
      return accept([started]);
    case 'round':
      return refuse(ErrorCode.conflict, round === state.round ? `Round ${round} has already started.` : `Round ${state.round} is under way.`);
    case 'harvest':
    case 'closed':
      return refuse(ErrorCode.wrongPhase, 'The rounds are over.');
    default:
      return unreachable(state.phase);
  }
}

function endRound(state: SessionState, round: number, now: number): Decision {
  if (state.phase !== 'round') return refuse(ErrorCode.wrongPhase, 'No round is under way.');
  if (round !== state.round) return refuse(ErrorCode.conflict, `Round ${state.round} is under way, not round ${round}.`);
  return accept(afterRound(state, now));
}

/** Ending a round sends people to their next table, or to the harvest after the last round. */
function afterRound(state: SessionState, now: number): DomainEvent[] {
  const ended: DomainEvent = { type: 'round:ended', at: now, round: state.round };
  if (state.round >= state.config.rounds) return [ended, { type: 'harvest:opened', at: now }];
  const next = state.round + 1;
  const durationMs = state.config.movingSeconds * 1000;
  // Moving starts before the new seats land, so they count for the next round, not this one.
  return [
    ended,
    { type: 'moving:started', at: now, round: next, endsAt: now + durationMs, durationMs },
    { type: 'seats:assigned', at: now, seats: planRound(state, next) },
  ];
}

function expire(state: SessionState, c: CommandOf<'timer:expire'>, now: number): Decision {
  if (state.phase !== c.phase || state.round !== c.round) return refuse(ErrorCode.conflict, 'That phase has already moved on.');
  if (state.timer.status !== 'running' || state.timer.endsAt > now) return refuse(ErrorCode.conflict, 'Time is not up yet.');
  if (!state.config.autoAdvance) return alreadyDone();
  if (state.phase === 'round') return accept(afterRound(state, now));
  if (state.phase === 'moving') return startRound(state, state.round, now);
  return alreadyDone();
}

function pause(state: SessionState, now: number): Decision {
  if (state.phase !== 'round' && state.phase !== 'moving') return refuse(ErrorCode.wrongPhase, 'Only a round or a move can be paused.');
  if (state.timer.status === 'paused') return alreadyDone();
  if (state.timer.status !== 'running') return refuse(ErrorCode.conflict, 'The timer is not running.');
  return accept([{ type: 'timer:paused', at: now, remainingMs: Math.max(0, state.timer.endsAt - now) }]);
}

function resume(state: SessionState, now: number): Decision {
  if (state.timer.status === 'running') return alreadyDone();
  if (state.timer.status !== 'paused') return refuse(ErrorCode.conflict, 'The timer is not paused.');
  return accept([{ type: 'timer:resumed', at: now, endsAt: now + state.timer.remainingMs }]);
}

function extend(state: SessionState, minutes: number, now: number): Decision {
  if (state.phase !== 'round' && state.phase !== 'moving') return refuse(ErrorCode.wrongPhase, 'Only a round or a move can be extended.');
  if (state.timer.status === 'idle') return refuse(ErrorCode.conflict, 'The timer is not set.');
  return accept([{ type: 'timer:extended', at: now, byMs: minutes * 60_000 }]);
}

function openHarvest(state: SessionState, now: number): Decision {
  switch (state.phase) {
    case 'harvest':
      return alreadyDone();
    case 'round':
      return accept([{ type: 'round:ended', at: now, round: state.round }, { type: 'harvest:opened', at: now }]);
    case 'lobby':
    case 'moving':
      return accept([{ type: 'harvest:opened', at: now }]);
    case 'closed':
      return refuse(ErrorCode.closed, 'This session has closed.');
    default:
      return unreachable(state.phase);
  }
}

/** Whether the participant sat at that table during that round (or sits there now, in it). */
function satAt(state: SessionState, participantId: ParticipantId, tableId: TableId, round: number): boolean {
  if (state.phase === 'round' && state.round === round && state.seats.get(participantId) === tableId) return true;
  return state.sittings.get(round)?.get(participantId)?.includes(tableId) ?? false;
}

function addNote(state: SessionState, c: CommandOf<'note:add'>, actor: Actor, now: number): Decision {
  const p = activeParticipant(state, actor);
  if (isRefusal(p)) return p;
  const existing = state.notes.get(c.id);
  if (existing) {
    // A resend of an acknowledged note: acknowledge again, create nothing.
    return existing.authorId === p.id ? alreadyDone({ noteId: c.id }) : refuse(ErrorCode.conflict, 'That note id is taken.');
  }
  if (state.phase === 'lobby') return refuse(ErrorCode.wrongPhase, 'Notes open with round 1.');
  if (!tableById(state, c.tableId)) return refuse(ErrorCode.notFound, 'No such table.');
  if (!satAt(state, p.id, c.tableId, c.round)) return refuse(ErrorCode.forbidden, 'You can only add notes at a table you sat at in that round.');
  return accept(
    [{ type: 'note:added', at: now, noteId: c.id, tableId: c.tableId, round: c.round, authorId: p.id, text: c.text, kind: c.kind ?? null }],
    { noteId: c.id },
  );
}

function ownNote(state: SessionState, noteId: string, actor: Actor) {
  const p = activeParticipant(state, actor);
  if (isRefusal(p)) return p;
  const note = state.notes.get(noteId);
  if (!note) return refuse(ErrorCode.notFound, 'No such note.');
  if (note.authorId !== p.id) return refuse(ErrorCode.forbidden, 'You can only change your own notes.');
  return note;
}

function editNote(state: SessionState, c: CommandOf<'note:edit'>, actor: Actor, now: number): Decision {
  const note = ownNote(state, c.id, actor);
  if (isRefusal(note)) return note;
  if (note.deleted) return refuse(ErrorCode.conflict, 'That note was deleted.');
  if (note.hidden) return refuse(ErrorCode.forbidden, 'The facilitator has hidden that note.');
  const kind = c.kind === undefined ? note.kind : c.kind;
  if (note.text === c.text && note.kind === kind) return alreadyDone({ noteId: note.id });
  return accept([{ type: 'note:edited', at: now, noteId: note.id, text: c.text, kind }], { noteId: note.id });
}

function deleteNote(state: SessionState, c: CommandOf<'note:delete'>, actor: Actor, now: number): Decision {
  const note = ownNote(state, c.id, actor);
  if (isRefusal(note)) return note;
  if (note.deleted) return alreadyDone({ noteId: note.id });
  return accept([{ type: 'note:deleted', at: now, noteId: note.id }], { noteId: note.id });
}

function hideNote(state: SessionState, c: CommandOf<'note:hide'>, now: number): Decision {
  const note = state.notes.get(c.id);
  if (!note || note.deleted) return refuse(ErrorCode.notFound, 'No such note.');
  const events: DomainEvent[] = [];
  if (note.hidden !== c.hidden) events.push({ type: 'note:hidden', at: now, noteId: note.id, hidden: c.hidden });
  // The facilitator removes the author without ever learning who it was.
  if (c.removeAuthor && state.participants.get(note.authorId)?.status === 'active') {
    events.push({ type: 'participant:removed', at: now, participantId: note.authorId });
  }
  return accept(events, { noteId: note.id });
}

function writeSummary(state: SessionState, c: CommandOf<'summary:write'>, actor: Actor, now: number): Decision {
  const p = activeParticipant(state, actor);
  if (isRefusal(p)) return p;
  const table = tableById(state, c.tableId);
  if (!table) return refuse(ErrorCode.notFound, 'No such table.');
  if (table.hostId !== p.id) return refuse(ErrorCode.forbidden, 'Only the table host writes the summary.');
  if (c.round > lastStartedRound(state)) return refuse(ErrorCode.wrongPhase, 'That round has not started yet.');
  if ((state.summaries.get(c.tableId)?.get(c.round) ?? '') === c.text) return alreadyDone();
  return accept([{ type: 'summary:written', at: now, tableId: c.tableId, round: c.round, text: c.text }]);
}
