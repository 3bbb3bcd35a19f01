import type { Commands, CommandName, PayloadOf, ReplyOf } from '../../shared/commands/index.ts';
import type { SeatingPreview } from '../../shared/domain/seating.ts';
import type { Refusal } from '../../shared/protocol/errors.ts';
import type { Clock } from '../clock.ts';
import type { ThemeSuggester } from '../harvest/suggestWorker.ts';
import type { SessionRuntime } from '../sessions/runtime.ts';
import { attributionCacheOf } from '../sessions/attribution.ts';
import { harvestFindings, myNotes, suggestInput } from '../views/harvest.ts';
import { buildReadout } from '../../shared/harvest/readout.ts';
import { toHtml } from '../../shared/harvest/render.ts';
import { Limits } from '../../shared/protocol/limits.ts';
import { ErrorCode, refuse } from '../../shared/protocol/errors.ts';
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
  /** Theme suggestions, on a worker thread shared by the process's sessions. */
  suggester: ThemeSuggester;
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
  'themes:suggest': async ({ runtime, input, suggester }) => {
    // A copy of the notes still to sort, taken between commands; the clustering runs on the worker.
    const copy = await runtime.read((state) => suggestInput(state, input.question));
    if (!copy) return refuse(ErrorCode.notFound, 'No such question.');
    const { clusters, duplicates } = await suggester.suggest(copy.notes, { language: copy.language });
    return { question: input.question, notes: copy.notes.length, clusters, duplicates };
  },
  'readout:preview': async ({ runtime, input, clock }) => {
    // Built from the state between commands, as publishing would build it; rendered after.
    const { readout, unresolved } = await runtime.read((state) => ({
      readout: buildReadout(state, {
        version: state.harvest.readouts.length + 1,
        minGroupSize: input.minGroupSize ?? Limits.defaultMinGroupSize,
        now: clock.now(),
        attribution: attributionCacheOf(state),
      }).readout,
      unresolved: harvestFindings(state).unresolved,
    }));
    return { html: toHtml(readout), unresolved };
  },
  ...audioReads,
};
