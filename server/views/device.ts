import type { SessionState, TableId } from '../../shared/domain/state.ts';
import type { DeviceSnapshot } from '../../shared/protocol/views.ts';
import { sessionHeader } from './common.ts';

/** A table's device: its table, the clock and the broadcast. Nothing about who sits there. */
export function deviceSnapshot(state: SessionState, tableId: TableId): DeviceSnapshot {
  const table = state.tables.find((t) => t.id === tableId)!;
  return {
    role: 'device',
    session: sessionHeader(state),
    table: { id: table.id, name: table.name, question: table.question, mode: table.mode },
    broadcast: state.broadcast,
  };
}
