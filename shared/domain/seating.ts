import {
  asSittings,
  checkRules,
  ClosedReason,
  Rule,
  tableMinimum,
  figurePlan,
  hashSeed,
  planRemaining as planWithEngine,
  planSeats,
  roundOutline,
  seatRound,
  Weight,
  type ClosedTable,
  type Conflict,
  type PlanRequest,
  type FiguredPlan,
  type RotationPerson,
  type RotationTable,
  type RoundRequest,
  type RoundSittings,
  type Seating,
} from '../rotation/index.ts';
import { repairByMoves } from './repair.ts';
import type { AcceptedPlan, Participant, ParticipantId, SessionConfig, SessionState, Table, TableId } from './state.ts';

/**
 * The domain's side of the rotation engine (shared/rotation): it turns session state into the
 * engine's request and back. Seeds come from the session id and the round, so the same state always
 * gives the same seating and a replay of the log reproduces every seat.
 *
 * Two ways a round gets its seats. With a plan the facilitator accepted (`seating:accept`, from a
 * `previewSeating`), the plan's round is applied as it is while it still keeps the hard rules for the
 * café as it is now and seats exactly the people present; otherwise that one round is re-seated as
 * close to the plan as the rules allow. Without a plan, the next round alone is seated, on the
 * engine's bounded step budget: cheap enough for the end of a round, which blocks the session.
 */

/** What seating depends on: a session state, or the trimmed copy `seatingInput` sends to a worker. */
export interface SeatingState {
  id: string;
  phase: SessionState['phase'];
  round: number;
  config: Pick<SessionConfig, 'rounds'>;
  tables: readonly Table[];
  participants: ReadonlyMap<ParticipantId, SeatingPerson>;
  seats: ReadonlyMap<ParticipantId, TableId>;
  sittings: SessionState['sittings'];
  plan: AcceptedPlan | null;
  seatingVersion: number;
}

export type SeatingPerson = Pick<Participant, 'id' | 'group' | 'presence' | 'pinnedTo' | 'joinedAt' | 'status'>;

/** A copy of exactly what seating needs (no names, notes or tokens), small enough to hand to a worker thread. */
export function seatingInput(state: SessionState): SeatingState {
  const participants = new Map<ParticipantId, SeatingPerson>();
  for (const p of state.participants.values()) {
    if (p.status === 'active')
      participants.set(p.id, { id: p.id, group: p.group, presence: p.presence, pinnedTo: p.pinnedTo, joinedAt: p.joinedAt, status: p.status });
  }
  return {
    id: state.id,
    phase: state.phase,
    round: state.round,
    config: { rounds: state.config.rounds },
    // Copies: `apply` changes seats, sittings and hosts in place, and the copy is read later, elsewhere.
    tables: state.tables.map((t) => ({ ...t })),
    participants,
    seats: new Map(state.seats),
    sittings: structuredClone(state.sittings),
    // Replaced, never changed, by `apply`.
    plan: state.plan,
    seatingVersion: state.seatingVersion,
  };
}

export function fits(table: Pick<Table, 'mode'>, participant: Pick<Participant, 'presence'>): boolean {
  return table.mode === 'hybrid' || table.mode === participant.presence;
}

const byJoinOrder = (a: SeatingPerson, b: SeatingPerson) => a.joinedAt - b.joinedAt || (a.id < b.id ? -1 : 1);

const roundSeed = (state: SeatingState, round: number) => hashSeed(state.id, 'round', round);
const seatSeed = (state: SeatingState) => hashSeed(state.id, 'seat', state.round);
const reshuffleSeed = (state: SeatingState, round: number, attempt: number) => hashSeed(state.id, 'round', round, 'reshuffle', attempt);
/** The seed a round is searched with: the accepted plan's reshuffle, if it was one. */
const seedOf = (state: SeatingState, round: number, attempt = state.plan?.attempt ?? 0) =>
  attempt > 0 ? reshuffleSeed(state, round, attempt) : roundSeed(state, round);

function activeParticipants(state: SeatingState): SeatingPerson[] {
  return [...state.participants.values()].filter((p) => p.status === 'active');
}

function tablesOf(state: SeatingState): RotationTable[] {
  return state.tables.map((t) => ({ id: t.id, question: t.question, mode: t.mode, capacity: t.capacity, hostId: t.hostId }));
}

function personOf(p: SeatingPerson): RotationPerson {
  return { id: p.id, group: p.group, presence: p.presence, pinnedTo: p.pinnedTo };
}

const peopleOf = (state: SeatingState) => activeParticipants(state).sort(byJoinOrder).map(personOf);

/** Rounds 1..last in order, as the engine reads history: who sat where, for pairs met and questions discussed. */
function historyUpTo(state: SeatingState, last: number): RoundSittings[] {
  const out: RoundSittings[] = [];
  for (let r = 1; r <= last; r++) {
    const round = state.sittings.get(r);
    if (round) out.push(asRecord(round));
  }
  return out;
}

/** The seats people hold now, for active people at tables that exist: they stay when late joiners are seated. */
function currentSeats(state: SeatingState): Record<ParticipantId, TableId> {
  const tables = new Set(state.tables.map((t) => t.id));
  const out = Object.create(null) as Record<ParticipantId, TableId>;
  for (const [pid, tid] of state.seats) if (state.participants.get(pid)?.status === 'active' && tables.has(tid)) out[pid] = tid;
  return out;
}

/**
 * A round's sittings as the engine reads them. The keys are participant ids from the state; the
 * record has no prototype all the same, so a lookup of any other name finds nothing.
 */
function asRecord(round: ReadonlyMap<ParticipantId, TableId[]>): RoundSittings {
  // One copy, not two (Object.fromEntries then assign): at 10,000 people this is read every round end.
  const out = Object.create(null) as Record<ParticipantId, TableId[]>;
  for (const [pid, tids] of round) out[pid] = tids;
  return out;
}

const nonEmpty = (seats: Record<string, string>) => (Object.keys(seats).length ? seats : undefined);

/**
 * The first round still to be seated and what counts as its history: round 1 in the lobby (keeping
 * the seats already given), the next round while one runs, and while people move, the round after the
 * one they are moving to (their new seats count as that round).
 */
function upcoming(state: SeatingState): { first: number; history: RoundSittings[]; fixed?: Record<ParticipantId, TableId> } {
  switch (state.phase) {
    case 'lobby': {
      const fixed = nonEmpty(currentSeats(state));
      return { first: 1, history: [], ...(fixed ? { fixed } : {}) };
    }
    case 'round':
      return { first: state.round + 1, history: historyUpTo(state, state.round) };
    case 'moving': {
      const next: Record<ParticipantId, TableId[]> = {};
      for (const [pid, tid] of Object.entries(currentSeats(state))) next[pid] = [tid];
      return { first: state.round + 1, history: [...historyUpTo(state, state.round - 1), next] };
    }
    default:
      return { first: state.config.rounds + 1, history: historyUpTo(state, state.round) };
  }
}

/**
 * Whether a planned round can be applied as it is: it seats exactly the people present, and it
 * keeps every hard rule (`checkRules`) against the café as it is now: hosts, pins, presence,
 * capacity, even sizes, seats already given, and nobody sent back to a question they have discussed
 * (a manual move mid-round counts both tables).
 */
function plannedFits(state: SeatingState, seats: Seating, history: readonly RoundSittings[], fixed?: Record<ParticipantId, TableId>): boolean {
  const people = peopleOf(state);
  if (Object.keys(seats).length !== people.length || people.some((p) => !(p.id in seats))) return false;
  return checkRules({ tables: tablesOf(state), people, history, seed: 0, ...(fixed ? { fixed } : {}) }, seats).length === 0;
}

/** Whether the accepted plan's next round still fits the café (see `plannedFits`). */
export function acceptedPlanFits(state: SeatingState): boolean {
  const { first, history, fixed } = upcoming(state);
  const seats = state.plan?.rounds.get(first);
  return seats !== undefined && plannedFits(state, seats, history, fixed);
}

/**
 * Seats those of `candidates` who have no seat (by default everyone active); returns only the new
 * seats. Everyone already seated stays put; each newcomer goes where they do the least harm: no
 * one they have met, a question they have not discussed, the stakeholder mix, and the smallest
 * table of a kind they fit. Candidates may be newcomers not yet in the state (a join being decided).
 * Seating the whole lobby follows round 1 of an accepted plan: as it is while it fits, else as
 * closely as the rules allow (a manual move made since stays).
 */
export function seatUnseated(state: SeatingState, candidates: SeatingPerson[] = activeParticipants(state)): Record<ParticipantId, TableId> {
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
  const wholeLobby = state.phase === 'lobby' && active.every((p) => fixed[p.id] || seen.has(p.id)) && newcomers.every((p) => state.participants.has(p.id));
  const planned = wholeLobby ? state.plan?.rounds.get(1) : undefined;
  if (planned) {
    const kept = nonEmpty(fixed);
    return newSeats(plannedFits(state, planned, [], kept) ? planned : repairRound(state, planned, [], seatSeed(state), kept), newcomers);
  }
  const request: RoundRequest = {
    tables: tablesOf(state),
    people: [...seated, ...newcomers].sort(byJoinOrder).map(personOf),
    history: historyUpTo(state, state.round),
    fixed,
    seed: seatSeed(state),
  };
  return noLoneNewcomers(state, request, newSeats(seatRound(request).seats, newcomers), newcomers);
}

/**
 * Newcomers the engine put at a table nobody sat at, leaving fewer than three there, go instead to
 * the smallest table they fit where people already sit and there is room: staff see seats, so a table of one or two
 * would name the writer of its notes. A table the newcomers fill to three stays open; a pin is kept;
 * a move any other hard rule of the engine forbids is not made. Sizes may then differ by two or more
 * beside a table left empty: the engine's even-sizes rule would rather seat one person alone.
 */
function noLoneNewcomers(
  state: SeatingState,
  request: RoundRequest,
  added: Record<ParticipantId, TableId>,
  newcomers: SeatingPerson[],
): Record<ParticipantId, TableId> {
  const fixed = request.fixed ?? {};
  // Every hard rule but even sizes, which an empty table would otherwise force on a lone newcomer.
  const broken = () => checkRules(request, { ...fixed, ...added }).filter((v) => v.rule !== Rule.sizeImbalance).length;
  const count = new Map<TableId, number>();
  const already = new Map<TableId, number>();
  for (const tid of Object.values(fixed)) {
    count.set(tid, (count.get(tid) ?? 0) + 1);
    already.set(tid, (already.get(tid) ?? 0) + 1);
  }
  for (const p of newcomers) if (added[p.id]) count.set(added[p.id]!, (count.get(added[p.id]!) ?? 0) + 1);
  for (const p of newcomers) {
    const at = added[p.id];
    const capacity = state.tables.find((t) => t.id === at)?.capacity ?? 0;
    if (!at || p.pinnedTo || (already.get(at) ?? 0) > 0 || (count.get(at) ?? 0) >= tableMinimum(capacity)) continue;
    let best: Table | null = null;
    for (const t of state.tables) {
      const n = count.get(t.id) ?? 0;
      // Only a table someone already sat at: seating a whole lobby opens tables as the engine says.
      if (t.id === at || (already.get(t.id) ?? 0) === 0 || n >= t.capacity || !fits(t, p)) continue;
      if (!best || n < (count.get(best.id) ?? 0)) best = t;
    }
    if (!best) continue;
    // The engine's other hard rules (capacity, presence, pins) still hold, or the newcomer stays put.
    const before = broken();
    added[p.id] = best.id;
    if (broken() > before) {
      added[p.id] = at;
      continue;
    }
    count.set(at, (count.get(at) ?? 1) - 1);
    count.set(best.id, (count.get(best.id) ?? 0) + 1);
  }
  return added;
}

function newSeats(seats: Seating, newcomers: SeatingPerson[]): Record<ParticipantId, TableId> {
  const added: Record<ParticipantId, TableId> = {};
  for (const p of newcomers) if (seats[p.id]) added[p.id] = seats[p.id]!;
  return added;
}

/**
 * Seating for `round`, applied when the round before it ends: hosts and pinned people stay,
 * travellers move to new people and a question they have not discussed. The accepted plan's round
 * when it still fits (a validity check, nothing more), or that round repaired with as few moves as
 * the rules allow (`repairRound`); without a plan, this one round is searched on the engine's step
 * budget. Planning the whole remaining café, with restarts, is left to `previewSeating`, off the
 * session.
 */
export function planRound(state: SeatingState, round: number): Record<ParticipantId, TableId | null> {
  return roundSeating(state, round).seats;
}

/**
 * `planRound` with what the facilitator should hear about the round: the tables it leaves empty
 * (too few people for the minimum size, or nobody who fits them) and whose hosting or pin it could
 * not keep. The domain can record `closed` with the seats (for instance on `seats:assigned`) so the
 * console shows which tables are closed this round and why.
 */
export function roundSeating(
  state: SeatingState,
  round: number,
): { seats: Record<ParticipantId, TableId | null>; closed: ClosedTable[]; conflicts: Conflict[] } {
  const history = historyUpTo(state, round - 1);
  const planned = state.plan?.rounds.get(round);
  const request: RoundRequest = { tables: tablesOf(state), people: peopleOf(state), history, seed: seedOf(state, round) };
  const seats = !planned
    ? seatRound(request).seats
    : plannedFits(state, planned, history)
      ? planned
      : repairRound(state, planned, history, seedOf(state, round));
  const result: Record<ParticipantId, TableId | null> = {};
  for (const p of activeParticipants(state)) result[p.id] = seats[p.id] ?? null;
  return { seats: result, closed: emptyTables(state, result), conflicts: roundOutline(request).conflicts };
}

/** The tables a seating leaves empty, and why: nobody seated fits them, or too few people for every table to seat the minimum. */
function emptyTables(state: SeatingState, seats: Seating): ClosedTable[] {
  const used = new Set(Object.values(seats).filter((t): t is string => t !== null));
  const seated = activeParticipants(state).filter((p) => seats[p.id]);
  return state.tables
    .filter((t) => !used.has(t.id))
    .map((t) => ({ tableId: t.id, reason: seated.some((p) => fits(t, p)) ? ClosedReason.tooFewPeople : ClosedReason.noneFit }));
}

/** Cafés up to this many people x tables are repaired rule by rule (`repairByMoves`); larger ones by the engine. */
const REPAIR_BY_MOVES = 20_000;
/** How many times the engine's repair opens up more tables before it searches the whole round. */
const REPAIR_STEPS = 3;
/**
 * In a repair, a move away from the accepted plan ranks right after repeated meetings, above the
 * mix (`Weight.repairMove` in the engine): few moves, but never at the price of a rule, a new
 * question or a repeated meeting.
 */
const REPAIR_MOVE = Weight.repairMove;

/**
 * A planned round that no longer fits, repaired with as few moves as the rules allow. Searching the
 * round again with the plan as `previous` moves far more people than a change needs (the engine ranks
 * moves after the mix). Instead everyone starts in their planned seat, except newcomers (waiting),
 * and hosts and pinned people whose table changed (at that table). For cafés up to a few hundred
 * people, the rules that this breaks are then fixed one at a time with the fewest moves
 * (`repairByMoves`). Larger cafés, or a repair that gets stuck, go to the engine: everyone who need
 * not move is kept as a fixed seat and the others are seated around them; where that breaks a rule
 * (a size, a question someone has now discussed, a pin that needs a full table), the people at the
 * tables involved are opened up too; as a last resort the whole round is searched, with moves
 * weighed just below new questions. Deterministic, and cheap enough for the end of a round.
 */
function repairRound(state: SeatingState, planned: Seating, history: readonly RoundSittings[], seed: number, fixed?: Record<ParticipantId, TableId>): Seating {
  const tables = tablesOf(state);
  const people = peopleOf(state);
  const request: RoundRequest = { tables, people, history, seed, ...(fixed ? { fixed } : {}) };
  const known = new Set(tables.map((t) => t.id));
  if (people.length * tables.length <= REPAIR_BY_MOVES) {
    const start: Seating = {};
    for (const p of people) {
      const host = tables.find((t) => t.hostId === p.id);
      const pin =
        p.pinnedTo &&
        known.has(p.pinnedTo) &&
        fits(
          tables.find((t) => t.id === p.pinnedTo)!,
          p,
        )
          ? p.pinnedTo
          : undefined;
      const seat = planned[p.id];
      start[p.id] = fixed?.[p.id] ?? host?.id ?? pin ?? (seat && known.has(seat) ? seat : null);
    }
    const repaired = repairByMoves(request, planned, start, 4 * people.length);
    if (repaired) return repaired;
  }
  const open = new Set<ParticipantId>();
  for (const p of people) {
    const seat = planned[p.id];
    if (!seat || !known.has(seat) || (p.pinnedTo && known.has(p.pinnedTo) && seat !== p.pinnedTo)) open.add(p.id);
  }
  for (const t of tables) if (t.hostId && state.participants.get(t.hostId)?.status === 'active' && planned[t.hostId] !== t.id) open.add(t.hostId);
  for (let step = 0; step < REPAIR_STEPS; step++) {
    const keep: Record<ParticipantId, TableId> = { ...fixed };
    for (const p of people) if (!open.has(p.id) && !(p.id in keep) && planned[p.id]) keep[p.id] = planned[p.id]!;
    const seats = seatRound({ ...request, fixed: keep, previous: planned, moveWeight: REPAIR_MOVE }).seats;
    const broken = checkRules(request, seats);
    if (!broken.length) return seats;
    const involved = new Set<TableId>();
    for (const v of broken) {
      if (v.tableId) involved.add(v.tableId);
      if (v.personId) {
        open.add(v.personId);
        const at = seats[v.personId];
        if (at) involved.add(at);
      }
    }
    for (const p of people) if (involved.has(seats[p.id] ?? '')) open.add(p.id);
  }
  return seatRound({ ...request, previous: planned, moveWeight: REPAIR_MOVE }).seats;
}

function planRequest(state: SeatingState, options: PlanOptions): PlanRequest {
  const { first, history, fixed } = upcoming(state);
  const attempt = options.attempt ?? 0;
  const rounds: number[] = [];
  for (let r = first; r <= state.config.rounds; r++) rounds.push(r);
  return {
    tables: tablesOf(state),
    people: peopleOf(state),
    history,
    rounds,
    seedFor: (round) =>
      attempt > 0 ? reshuffleSeed(state, round, attempt) : round === 1 && state.phase === 'lobby' ? seatSeed(state) : roundSeed(state, round),
    ...(fixed ? { fixedFirst: fixed } : {}),
    ...(options.previous ? { previous: options.previous } : {}),
  };
}

export interface PlanOptions {
  /** 0 for the first plan shown; 1, 2, ... for reshuffles. */
  attempt?: number;
  /** The plan accepted earlier, by round: a replan moves as few people away from it as it can. */
  previous?: Readonly<Record<number, Seating>>;
}

/**
 * Seatings for every round still to come, with their figures (repeated pairs against a lower bound,
 * new questions, stakeholder mix, moves), searched whole: restarts for small cafés, then each round
 * polished against the others. In the lobby the plan starts with round 1 and keeps the seats already
 * given; while a round runs, it starts with the next; while people move, the seats they are moving to
 * count as that round. Costly (up to seconds for 2,000 people, mostly the figures): the server runs it
 * on a worker thread.
 */
export function planRemaining(state: SeatingState, options: PlanOptions = {}): FiguredPlan {
  return planWithEngine(planRequest(state, options));
}

export interface SeatingPreview extends FiguredPlan {
  /** The seating version it was made for: accepting it is refused once the café has changed. */
  version: number;
  attempt: number;
  /** True when these are the accepted plan's rounds, still fitting the café. */
  accepted: boolean;
}

/**
 * What the facilitator previews; the attempt defaults to the accepted plan's. For the accepted plan's
 * attempt: the plan itself while its next round still fits (that is what the round end applies), or
 * else the plan adjusted to what changed: its next round repaired exactly as the round end will
 * repair it, the rounds after replanned close to it. For any other attempt (a reshuffle, or no plan
 * yet): a fresh plan for every remaining round, `planRemaining(state, { attempt })`; it is not held
 * close to the accepted plan, since a reshuffle is asked for to see something different.
 */
export function previewSeating(state: SeatingState, options: { attempt?: number } = {}): SeatingPreview {
  const plan = state.plan;
  const attempt = options.attempt ?? plan?.attempt ?? 0;
  const meta = { version: state.seatingVersion, attempt };
  if (!plan || attempt !== plan.attempt) return { ...planRemaining(state, { attempt }), ...meta, accepted: false };
  const request = planRequest(state, { attempt });
  const [first, ...later] = request.rounds;
  const previous = Object.fromEntries(plan.rounds);
  const planned = first === undefined ? undefined : plan.rounds.get(first);
  if (first === undefined || !planned) return { ...planRemaining(state, { attempt, previous }), ...meta, accepted: false };
  if (acceptedPlanFits(state)) {
    const rounds = request.rounds.filter((r) => plan.rounds.has(r));
    return {
      ...figurePlan(
        { ...request, rounds },
        rounds.map((r) => plan.rounds.get(r)!),
      ),
      ...meta,
      accepted: true,
    };
  }
  // The next round exactly as the round end would repair it, then the rest replanned after it, near the plan.
  const { history, fixed } = upcoming(state);
  const repaired = repairRound(state, planned, history, first === 1 && state.phase === 'lobby' ? seatSeed(state) : seedOf(state, first), fixed);
  const rest = later.length
    ? planSeats({ ...request, history: [...history, asSittings(repaired)], rounds: later, previous, moveWeight: REPAIR_MOVE }).rounds.map((r) => r.seats)
    : [];
  return { ...figurePlan({ ...request, previous }, [repaired, ...rest]), ...meta, accepted: false };
}
