import { cofacilitatorRows } from '../../views/facilitator.ts';
import { rapporteurRows } from '../../views/harvest.ts';
import { rooms } from '../rooms.ts';
import type { FactHandlers } from './batch.ts';

/** Credentials: the consoles hear the lists; a withdrawn credential's connections close at once. */
export const staffFacts: FactHandlers<'cofacilitator:invited' | 'cofacilitator:revoked' | 'facilitator:rekeyed' | 'rapporteur:invited' | 'rapporteur:revoked'> =
  {
    'cofacilitator:invited'(batch) {
      batch.io.to(rooms.facilitators(batch.sid)).emit('cofacilitators:changed', cofacilitatorRows(batch.state));
    },
    'cofacilitator:revoked'(batch, e) {
      batch.io.to(rooms.facilitators(batch.sid)).emit('cofacilitators:changed', cofacilitatorRows(batch.state));
      const room = rooms.cofacilitator(batch.sid, e.cofacilitatorId);
      batch.io.to(room).emit('session:ended', { reason: 'removed', message: 'The facilitator withdrew this co-facilitator link.' });
      batch.io.in(room).disconnectSockets(true);
    },
    'facilitator:rekeyed'(batch) {
      // Connections opened with the old key close; the console that asked reconnects with the new one,
      // which its acknowledgement carries: so the close waits until that acknowledgement has gone.
      const room = rooms.creator(batch.sid);
      setImmediate(() => {
        batch.io.to(room).emit('session:ended', { reason: 'removed', message: 'This facilitator link was replaced by a new one.' });
        batch.io.in(room).disconnectSockets(true);
      });
    },
    'rapporteur:invited'(batch) {
      batch.io.to(rooms.facilitators(batch.sid)).emit('rapporteurs:changed', rapporteurRows(batch.state));
    },
    'rapporteur:revoked'(batch, e) {
      batch.io.to(rooms.facilitators(batch.sid)).emit('rapporteurs:changed', rapporteurRows(batch.state));
      batch.io
        .to(rooms.rapporteur(batch.sid, e.rapporteurId))
        .emit('session:ended', { reason: 'removed', message: 'The facilitator withdrew this rapporteur link.' });
      batch.io.in(rooms.rapporteur(batch.sid, e.rapporteurId)).disconnectSockets(true);
    },
  };
