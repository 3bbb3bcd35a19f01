import type { SessionState } from '../../shared/domain/state.ts';
import type { DisplaySnapshot, DisplayTable } from '../../shared/protocol/views.ts';
import { displayBroadcast, memberCounts, sessionHeader } from './common.ts';
import { displayHarvest } from './harvest.ts';

/** The projector: public facts only, counts instead of names. */
export function displayTables(state: SessionState): { tables: DisplayTable[]; joinedCount: number } {
  const counts = memberCounts(state);
  const flows = state.phase === 'moving' ? movingFlows(state) : new Map<string, Map<string, number>>();
  let joinedCount = 0;
  for (const p of state.participants.values()) if (p.status === 'active') joinedCount++;
  return {
    joinedCount,
    tables: state.tables.map((t) => ({
      id: t.id,
      name: t.name,
      question: t.question,
      mode: t.mode,
      memberCount: counts.get(t.id) ?? 0,
      flows: [...(flows.get(t.id) ?? new Map<string, number>())].map(([tableId, count]) => ({ tableId, count })),
    })),
  };
}

/** From each table of the round just ended, how many go to each table next. */
function movingFlows(state: SessionState): Map<string, Map<string, number>> {
  const flows = new Map<string, Map<string, number>>();
  for (const [pid, tables] of state.sittings.get(state.round - 1) ?? []) {
    const from = tables[tables.length - 1];
    const to = state.seats.get(pid);
    if (!from || !to) continue;
    const row = flows.get(from) ?? new Map<string, number>();
    row.set(to, (row.get(to) ?? 0) + 1);
    flows.set(from, row);
  }
  return flows;
}

export function displaySnapshot(state: SessionState): DisplaySnapshot {
  return { role: 'display', session: sessionHeader(state), broadcast: displayBroadcast(state), ...displayTables(state), harvest: displayHarvest(state) };
}
