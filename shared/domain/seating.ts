import {
  hashSeed,
  planAttempts,
  planRemaining as planWithEngine,
  planSeats,
  seatRound,
  type PlanRequest,
  type FiguredPlan,
  type RotationPerson,
  type RotationTable,
  type RoundRequest,
  type RoundSittings,
  type Seating,
} from '../rotation/index.ts';
import type { Participant, ParticipantId, SessionState, Table, TableId } from './state.ts';
import { activeParticipants } from './state.ts';

/**
 * The domain's side of the rotation engine (shared/rotation): it turns session state into the
 * engine's request and back. Seeds come from the session id and the round, so the same state always
 * gives the same seating, a preview shows exactly what "next round" will apply, and a replay of the
 * log reproduces every seat.
 */

export function fits(table: Table, participant: Participant): boolean {
  return table.mode === 'hybrid' || table.mode === participant.presence;
}

const byJoinOrder = (a: Participant, b: Participant) => a.joinedAt - b.joinedAt || (a.id < b.id ? -1 : 1);

const roundSeed = (state: SessionState, round: number) => hashSeed(state.id, 'round', round);
const seatSeed = (state: SessionState) => hashSeed(state.id, 'seat', state.round);
const reshuffleSeed = (state: SessionState, round: number, attempt: number) => hashSeed(state.id, 'round', round, 'reshuffle', attempt);

function tablesOf(state: SessionState): RotationTable[] {
  return state.tables.map((t) => ({ id: t.id, question: t.question, mode: t.mode, capacity: t.capacity, hostId: t.hostId }));
}

function personOf(p: Participant): RotationPerson {
  return { id: p.id, group: p.group, presence: p.presence, pinnedTo: p.pinnedTo };
}

/** Rounds 1..last in order, as the engine reads history: who sat where, for pairs met and questions discussed. */
function historyUpTo(state: SessionState, last: number): RoundSittings[] {
  const out: RoundSittings[] = [];
  for (let r = 1; r <= last; r++) if (state.sittings[r]) out.push(state.sittings[r]!);
  return out;
}

/** The seats people hold now, for active people at tables that exist: they stay when late joiners are seated. */
function currentSeats(state: SessionState): Record<ParticipantId, TableId> {
  const tables = new Set(state.tables.map((t) => t.id));
  const out: Record<ParticipantId, TableId> = {};
  for (const [pid, tid] of Object.entries(state.seats)) if (state.participants[pid]?.status === 'active' && tables.has(tid)) out[pid] = tid;
  return out;
}

/**
 * Seats those of `candidates` who have no seat (by default everyone active); returns only the new
 * seats. Everyone already seated stays put; each newcomer goes where they do the least harm: no
 * one they have met, a question they have not discussed, the stakeholder mix, and the smallest
 * table of a kind they fit. Candidates may be newcomers not yet in the state (a join being decided).
 * Seating the whole lobby is the first round of the plan `planRemaining` previews.
 */
export function seatUnseated(state: SessionState, candidates: Participant[] = activeParticipants(state)): Record<ParticipantId, TableId> {
  const fixed = currentSeats(state);
  const seen = new Set<ParticipantId>();
  const newcomers = [...candidates].sort(byJoinOrder).filter((p) => {
    if (p.status !== 'active' || fixed[p.id] || seen.has(p.id)) return false;
    seen.add(p.id);
    return true;
  });
  if (!newcomers.length) return {};
  const active = activeParticipants(state);
  const seated = active.filter((p) => fixed[p.id] && !seen.has(p.id));
  // Seating the whole lobby starts the plan the facilitator previews: take its first round, so they match.
  const wholeLobby = state.phase === 'lobby' && active.every((p) => fixed[p.id] || seen.has(p.id)) && newcomers.every((p) => state.participants[p.id]);
  if (wholeLobby) {
    const plan = planRequest(state, 1, [], fixed, {});
    if (planAttempts(plan) > 1) return newSeats(planSeats(plan).rounds[0]!.seats, newcomers);
  }
  const request: RoundRequest = {
    tables: tablesOf(state),
    people: [...seated, ...newcomers].sort(byJoinOrder).map(personOf),
    history: historyUpTo(state, state.round),
    fixed,
    seed: seatSeed(state),
  };
  return newSeats(seatRound(request).seats, newcomers);
}

function newSeats(seats: Seating, newcomers: Participant[]): Record<ParticipantId, TableId> {
  const added: Record<ParticipantId, TableId> = {};
  for (const p of newcomers) if (seats[p.id]) added[p.id] = seats[p.id]!;
  return added;
}

/**
 * Seating for `round`: hosts and pinned people stay, travellers move to new people and a question
 * they have not discussed. It is the first round of the plan `planRemaining` previews, so the
 * preview and what is applied never differ; when the plan is a single sequential pass, that first
 * round does not depend on the later ones, and only it is computed.
 */
export function planRound(state: SessionState, round: number): Record<ParticipantId, TableId | null> {
  const request = planRequest(state, round, historyUpTo(state, round - 1), undefined, {});
  const seats =
    planAttempts(request) === 1
      ? seatRound({ tables: request.tables, people: request.people, history: request.history, seed: request.seedFor(round) }).seats
      : planSeats(request).rounds[0]!.seats;
  const result: Record<ParticipantId, TableId | null> = {};
  for (const p of activeParticipants(state)) result[p.id] = seats[p.id] ?? null;
  return result;
}

function planRequest(
  state: SessionState,
  first: number,
  history: RoundSittings[],
  fixedFirst: Record<ParticipantId, TableId> | undefined,
  options: PlanOptions,
): PlanRequest {
  const attempt = options.attempt ?? 0;
  const rounds: number[] = [];
  for (let r = first; r <= state.config.rounds; r++) rounds.push(r);
  return {
    tables: tablesOf(state),
    people: activeParticipants(state).sort(byJoinOrder).map(personOf),
    history,
    rounds,
    seedFor: (round) => (attempt > 0 ? reshuffleSeed(state, round, attempt) : round === 1 && state.phase === 'lobby' ? seatSeed(state) : roundSeed(state, round)),
    ...(fixedFirst && Object.keys(fixedFirst).length ? { fixedFirst } : {}),
    ...(options.previous ? { previous: options.previous } : {}),
  };
}

export interface PlanOptions {
  /** 0 for the plan "next round" will follow; 1, 2, ... for reshuffles. */
  attempt?: number;
  /** The plan accepted earlier, by round: a replan moves as few people away from it as it can. */
  previous?: Readonly<Record<number, Seating>>;
}

/**
 * Seatings for every round still to come, with their figures (repeated pairs against a lower bound,
 * new questions, stakeholder mix, moves). Its first round is exactly what the next `planRound`
 * (or, in the lobby, seating everyone) will produce when attempt is 0 and nothing changes meanwhile.
 * In the lobby the plan starts with round 1 and keeps the seats already given; while a round runs,
 * it starts with the next; while people move, the seats they are moving to count as that round.
 */
export function planRemaining(state: SessionState, options: PlanOptions = {}): FiguredPlan {
  switch (state.phase) {
    case 'lobby':
      return planWithEngine(planRequest(state, 1, [], currentSeats(state), options));
    case 'round':
      return planWithEngine(planRequest(state, state.round + 1, historyUpTo(state, state.round), undefined, options));
    case 'moving': {
      const next: Record<ParticipantId, TableId[]> = {};
      for (const [pid, tid] of Object.entries(currentSeats(state))) next[pid] = [tid];
      return planWithEngine(planRequest(state, state.round + 1, [...historyUpTo(state, state.round - 1), next], undefined, options));
    }
    default:
      return planWithEngine(planRequest(state, state.config.rounds + 1, historyUpTo(state, state.round), undefined, options));
  }
}
