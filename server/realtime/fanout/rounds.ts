import type { FactHandlers } from './batch.ts';
import { rooms } from '../rooms.ts';
import { broadcastView } from '../../views/common.ts';

/** Rounds and the timer: everyone hears the phase once per command; broadcasts go to the whole session. */
export const roundFacts: FactHandlers<
  | 'session:created'
  | 'round:started'
  | 'round:ended'
  | 'moving:started'
  | 'timer:paused'
  | 'timer:resumed'
  | 'timer:extended'
  | 'warning:set'
  | 'harvest:opened'
  | 'session:closed'
  | 'broadcast:sent'
> = {
  'session:created'() {
    // A session's first fact is never fanned out: nobody is connected to it yet.
  },
  'round:started': (batch) => void (batch.phase = true),
  'round:ended': (batch) => void (batch.phase = true),
  'moving:started': (batch) => void (batch.phase = true),
  'timer:paused': (batch) => void (batch.phase = true),
  'timer:resumed': (batch) => void (batch.phase = true),
  'timer:extended': (batch) => void (batch.phase = true),
  'warning:set': (batch) => void (batch.phase = true),
  'harvest:opened'(batch) {
    batch.phase = true;
    batch.ballot = true;
  },
  'session:closed': (batch) => void (batch.phase = true),
  'broadcast:sent'(batch) {
    batch.io.to(rooms.session(batch.sid)).emit('broadcast:sent', broadcastView(batch.state)!);
  },
};
