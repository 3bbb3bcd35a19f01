import { z } from 'zod';
import { Phase } from '../domain/enums.ts';
import type { NoteId, SessionState } from '../domain/state.ts';
import { buildReadout } from '../harvest/readout.ts';
import { chosenQuotes } from '../harvest/sources.ts';
import { ErrorCode, refuse } from '../protocol/errors.ts';
import { Limits } from '../protocol/limits.ts';
import { paths } from '../protocol/paths.ts';
import type { MyNotesView, ReadoutPreview } from '../protocol/views.ts';
import { currentFindings } from './harvest.ts';
import { accept, FACILITATORS, read, write } from './spec.ts';

/** The readout: previewing and publishing it, and each participant's view of what became of their own notes. */

const STAFF = [...FACILITATORS, 'rapporteur'] as const;
const minGroupSize = z.int().min(Limits.minMinGroupSize).max(Limits.maxMinGroupSize).optional();

export const readoutCommands = {
  /**
   * The readout as it would be published now, rendered as the public page renders it: staff only,
   * nothing announced to anyone. Answered by the shell (server/realtime/reads.ts).
   */
  'readout:preview': read<ReadoutPreview>()({
    schema: z.strictObject({ minGroupSize }),
    roles: STAFF,
    phases: [Phase.lobby, Phase.round, Phase.moving, Phase.harvest],
    audience: ['sender'],
    costly: true,
  }),

  'readout:publish': write({
    schema: z.strictObject({ minGroupSize }),
    roles: STAFF,
    phases: [Phase.harvest],
    wrongPhase: 'The readout is published during the harvest.',
    audience: ['session'],
    decide(state, c, _actor, ctx) {
      const readoutId = ctx.mint.readoutId();
      if (state.harvest.readouts.some((r) => r.readoutId === readoutId)) return refuse(ErrorCode.conflict, 'That readout id is taken.');
      const unresolved = currentFindings(state, ctx.attribution).filter((f) => !f.kept).length;
      if (unresolved > 0) {
        return refuse(
          ErrorCode.conflict,
          `${unresolved} attribution ${unresolved === 1 ? 'finding is' : 'findings are'} unresolved: redact, rephrase or keep each with a reason before publishing.`,
        );
      }
      const changed = changedQuotes(state).length;
      if (changed > 0) {
        return refuse(
          ErrorCode.conflict,
          `${changed === 1 ? 'A quoted note was' : `${changed} quoted notes were`} changed by ${changed === 1 ? 'its author' : 'their authors'} after sorting: look at ${changed === 1 ? 'it' : 'them'} again before publishing.`,
        );
      }
      const version = state.harvest.readouts.length + 1;
      const { readout, noteNumbers } = buildReadout(state, {
        version,
        minGroupSize: c.minGroupSize ?? Limits.defaultMinGroupSize,
        now: ctx.now,
        ...(ctx.attribution ? { attribution: ctx.attribution } : {}),
      });
      return accept([{ type: 'readout:published', at: ctx.now, readoutId, version, readout, noteNumbers }], {
        readoutId,
        version,
        url: paths.readout(readoutId),
      });
    },
  }),

  /** A participant's own notes and what became of them in the latest readout. */
  'readout:mine': read<MyNotesView>()({
    schema: z.strictObject({}),
    roles: ['participant'],
    phases: [Phase.lobby, Phase.round, Phase.moving, Phase.harvest, Phase.closed],
    audience: ['sender'],
  }),
};

/** Quoted notes their author changed after they were sorted: the rapporteur looks at them again before publishing. */
export function changedQuotes(state: SessionState): NoteId[] {
  const changed = state.harvest.changed;
  if (!changed?.size) return [];
  return [...state.harvest.themes.values()].flatMap((t) => chosenQuotes(state, t)).filter((id) => changed.has(id));
}
