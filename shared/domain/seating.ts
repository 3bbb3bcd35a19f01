import type { Participant, ParticipantId, SessionState, Table, TableId } from './state.ts';
import { activeParticipants } from './state.ts';

/**
 * A simple balanced seating: fills the emptiest compatible table, spreading stakeholder groups.
 * The rotation engine replaces `planRound` with one that minimises repeated encounters.
 */

export function fits(table: Table, participant: Participant): boolean {
  return table.mode === 'hybrid' || table.mode === participant.presence;
}

interface Tally {
  size: number;
  groups: Map<string, number>;
}

function tally(state: SessionState, seats: Record<ParticipantId, TableId>): Map<TableId, Tally> {
  const byTable = new Map<TableId, Tally>(state.tables.map((t) => [t.id, { size: 0, groups: new Map() }]));
  for (const [pid, tid] of Object.entries(seats)) {
    const t = byTable.get(tid);
    const p = state.participants[pid];
    if (!t || !p) continue;
    t.size++;
    t.groups.set(p.group, (t.groups.get(p.group) ?? 0) + 1);
  }
  return byTable;
}

function pickTable(
  state: SessionState,
  participant: Participant,
  tallies: Map<TableId, Tally>,
  penalty: (table: Table) => number = () => 0,
): Table | undefined {
  let best: Table | undefined;
  let bestScore = Infinity;
  for (const table of state.tables) {
    const t = tallies.get(table.id)!;
    if (!fits(table, participant) || t.size >= table.capacity) continue;
    // Size dominates so tables stay balanced; then avoid the participant's own group.
    const score = penalty(table) * 1_000_000 + t.size * 1_000 + (t.groups.get(participant.group) ?? 0);
    if (score < bestScore) {
      bestScore = score;
      best = table;
    }
  }
  return best;
}

function place(seats: Record<ParticipantId, TableId>, tallies: Map<TableId, Tally>, p: Participant, table: Table) {
  seats[p.id] = table.id;
  const t = tallies.get(table.id)!;
  t.size++;
  t.groups.set(p.group, (t.groups.get(p.group) ?? 0) + 1);
}

const byJoinOrder = (a: Participant, b: Participant) => a.joinedAt - b.joinedAt || (a.id < b.id ? -1 : 1);

/** Seats those of `candidates` who have no seat (by default everyone active); returns only the new seats. */
export function seatUnseated(state: SessionState, candidates: Participant[] = activeParticipants(state)): Record<ParticipantId, TableId> {
  const seats = { ...state.seats };
  const tallies = tally(state, seats);
  const added: Record<ParticipantId, TableId> = {};
  for (const p of [...candidates].sort(byJoinOrder)) {
    if (seats[p.id] || p.status !== 'active') continue;
    const pinned = p.pinnedTo ? state.tables.find((t) => t.id === p.pinnedTo) : undefined;
    const table = pinned && fits(pinned, p) ? pinned : pickTable(state, p, tallies);
    if (!table) continue;
    place(seats, tallies, p, table);
    added[p.id] = table.id;
  }
  return added;
}

/** Seating for `round`: hosts and pinned people stay, travellers move to a question they have not discussed. */
export function planRound(state: SessionState, round: number): Record<ParticipantId, TableId | null> {
  const seats: Record<ParticipantId, TableId> = {};
  const travellers: Participant[] = [];
  for (const p of activeParticipants(state).sort(byJoinOrder)) {
    const hosted = state.tables.find((t) => t.hostId === p.id);
    const anchor = hosted?.id ?? p.pinnedTo;
    if (anchor) seats[p.id] = anchor;
    else travellers.push(p);
  }
  const tallies = tally(state, seats);
  const questionsOf = (pid: ParticipantId) => {
    const seen = new Set<string>();
    for (let r = 1; r < round; r++) for (const tid of state.sittings[r]?.[pid] ?? []) seen.add(questionOf(state, tid));
    return seen;
  };
  for (const p of travellers) {
    const seen = questionsOf(p.id);
    const table = pickTable(state, p, tallies, (t) => (seen.has(t.question) ? 1 : 0));
    if (table) place(seats, tallies, p, table);
  }
  const result: Record<ParticipantId, TableId | null> = {};
  for (const p of activeParticipants(state)) result[p.id] = seats[p.id] ?? null;
  return result;
}

function questionOf(state: SessionState, tableId: TableId): string {
  return state.tables.find((t) => t.id === tableId)?.question ?? tableId;
}
