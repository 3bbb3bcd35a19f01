import type { Commands, CommandName, PayloadOf, ReplyOf } from '../../shared/commands/index.ts';
import type { SeatingPreview } from '../../shared/domain/seating.ts';
import type { Refusal } from '../../shared/protocol/errors.ts';
import type { Clock } from '../clock.ts';
import type { SessionRuntime } from '../sessions/runtime.ts';
import { myNotes } from '../views/harvest.ts';
import { previewView } from '../views/seating.ts';
import { audioReads } from './audio.ts';
import type { AppSocket } from './handshake.ts';
import { enterRooms, snapshotFor } from './presence.ts';

/** Commands of the table that only read, by name. */
export type ReadName = { [K in CommandName]: Commands[K] extends { kind: 'read' } ? K : never }[CommandName];

export interface ReadRequest<K extends ReadName> {
  socket: AppSocket;
  runtime: SessionRuntime;
  input: PayloadOf<K>;
  clock: Clock;
  /** For reads that declare `needsPreview`: what the planner computed. */
  preview?: SeatingPreview;
}

/**
 * How the shell answers each read the table declares (its role, phase and schema were checked by
 * the dispatcher already). The type makes sure every read has an answer.
 */
export const reads: { [K in ReadName]: (request: ReadRequest<K>) => Promise<ReplyOf<K> | Refusal> } = {
  'clock:ping': async ({ input, clock }) => ({ t0: input.t0, serverNow: clock.now() }),
  'session:sync': async ({ socket, runtime }) => {
    await runtime.sync();
    enterRooms(socket, runtime);
    socket.emit('session:snapshot', snapshotFor(socket, runtime), runtime.state.version);
    return {};
  },
  'readout:mine': async ({ socket, runtime }) => {
    await runtime.sync();
    return myNotes(runtime.state, socket.data.participantId!);
  },
  'seating:preview': async ({ runtime, input, preview }) => previewView(preview!, runtime.state.tables, input.detail ?? 'next'),
  ...audioReads,
};
