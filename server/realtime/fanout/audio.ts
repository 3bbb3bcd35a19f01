import { rooms } from '../rooms.ts';
import type { FactHandlers } from './batch.ts';

/** Table audio's one fact: a new device link, which ends the old device's connections. */
export const audioFacts: FactHandlers<'device:linked'> = {
  'device:linked'(batch, e) {
    if (e.previous) {
      const old = rooms.device(batch.sid, e.previous);
      batch.io.to(old).emit('session:ended', { reason: 'removed', message: 'The facilitator replaced this table’s device link; open the new one.' });
      batch.io.in(old).disconnectSockets(true);
    }
    // Its call hears the device is gone (and the console's card, that the table changed).
    batch.tablesChanged.add(e.tableId);
  },
};
