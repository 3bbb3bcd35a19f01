import type { ParticipantId, SessionState, TableId } from '../domain/state.ts';
import type { PaceView } from '../protocol/views.ts';
import { K } from './places.ts';

/**
 * What staff see of the note pace: how many people it held back in a minute, by table, without
 * saying who. Staff see seats, so a count is given for a table only when at least k people who can
 * be counted sit there; everyone else held back (at smaller tables, without a seat, or muted, whose
 * place must not be traced) is pooled into `elsewhere`, given only when that pool too holds at least
 * k people. Nothing is sent when nobody would be counted, so a missing table says nothing either.
 */
export function paceView(state: SessionState, heldBack: Iterable<ParticipantId>, at: number): PaceView | null {
  const { muted } = state.moderation;
  const counted = (pid: ParticipantId) => state.participants.get(pid)?.status === 'active' && !muted.has(pid);
  const population = new Map<TableId, number>();
  for (const [pid, tableId] of state.seats) if (counted(pid)) population.set(tableId, (population.get(tableId) ?? 0) + 1);
  const byTable = (pid: ParticipantId): TableId | null => {
    const tableId = state.seats.get(pid);
    return tableId !== undefined && counted(pid) && (population.get(tableId) ?? 0) >= K ? tableId : null;
  };

  const tables = new Map<TableId, number>();
  let pooled = 0;
  for (const pid of new Set(heldBack)) {
    if (state.participants.get(pid)?.status !== 'active') continue;
    const tableId = byTable(pid);
    if (tableId === null) pooled++;
    else tables.set(tableId, (tables.get(tableId) ?? 0) + 1);
  }
  let pool = 0;
  for (const p of state.participants.values()) if (p.status === 'active' && byTable(p.id) === null) pool++;
  const elsewhere = pool >= K ? pooled : 0;
  if (tables.size === 0 && elsewhere === 0) return null;
  const order = new Map(state.tables.map((t, i) => [t.id, i]));
  return {
    at,
    tables: [...tables].sort(([a], [b]) => (order.get(a) ?? 0) - (order.get(b) ?? 0)).map(([tableId, people]) => ({ tableId, people })),
    elsewhere,
  };
}
