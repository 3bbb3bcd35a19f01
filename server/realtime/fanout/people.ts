import type { FactHandlers } from './batch.ts';
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
    const { harvest, summaries } = batch.state;
    // A new name on the roster can only matter to texts already written: themes, syntheses, summaries.
    batch.harvest ||= harvest.themes.size > 0 || harvest.syntheses.size > 0 || summaries.size > 0;
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
