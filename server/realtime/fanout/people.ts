import type { FactHandlers } from './batch.ts';
import { joinTouchesFindings } from '../../views/harvest.ts';
import { rooms } from '../rooms.ts';

/** People and seating: who joined or left, who sits where, who hosts. */
export const peopleFacts: FactHandlers<
  | 'participant:joined'
  | 'participant:admitted'
  | 'participant:declined'
  | 'participant:left'
  | 'participant:removed'
  | 'participant:pinned'
  | 'seats:assigned'
  | 'host:assigned'
  | 'seating:planned'
  | 'admission:set'
  | 'session:locked'
> = {
  'participant:joined'(batch, e) {
    // A new name matters to the readout only where a text already written could contain it: the
    // session's attribution cache takes the newcomer in and tells (a few set lookups per text).
    batch.findings ||= batch.staffPresent() && joinTouchesFindings(batch.state);
    batch.rosterRow(e.participantId);
    batch.displays = true;
  },
  'participant:admitted'(batch, e) {
    batch.rosterRow(e.participantId);
    batch.displays = true;
    batch.admitted.add(e.participantId);
  },
  'participant:declined'(batch, e) {
    batch.rosterRow(e.participantId);
    batch.io.to(rooms.participant(e.participantId)).emit('session:ended', { reason: 'declined', message: 'A facilitator did not let you in to this session.' });
    batch.io.in(rooms.participant(e.participantId)).disconnectSockets(true);
  },
  'admission:set': (batch) => void (batch.admission = true),
  'session:locked': (batch) => void (batch.admission = true),
  'participant:left'(batch, e) {
    batch.left(e.participantId, e.from ?? null);
    batch.io.to(rooms.participant(e.participantId)).emit('session:ended', { reason: 'left', message: 'You left this session.' });
    // They asked: their acknowledgement goes out before their connections close.
    setImmediate(() => batch.io.in(rooms.participant(e.participantId)).disconnectSockets(true));
  },
  'participant:removed'(batch, e) {
    batch.left(e.participantId, e.from ?? null);
    batch.io.to(rooms.participant(e.participantId)).emit('session:ended', { reason: 'removed', message: 'The facilitator removed you from this session.' });
    batch.io.in(rooms.participant(e.participantId)).disconnectSockets(true);
  },
  'participant:pinned'(batch, e) {
    batch.rosterRow(e.participantId);
  },
  'seats:assigned'(batch, e) {
    for (const pid of Object.keys(e.seats)) batch.left(pid, e.from && Object.hasOwn(e.from, pid) ? (e.from[pid] ?? null) : null);
  },
  'host:assigned'(batch, e) {
    batch.tablesChanged.add(e.tableId);
    if (e.previous) batch.hostsChanged.add(e.previous);
    if (e.participantId) batch.hostsChanged.add(e.participantId);
  },
  'seating:planned'() {
    // The consoles hear of the plan through `seating:changed`, which every seating fact brings.
  },
};
