import type { SeatingPreview } from '../../shared/domain/seating.ts';
import type { SessionState, Table } from '../../shared/domain/state.ts';
import type { PlanFiguresView, SeatingPreviewView, SeatingStatusView } from '../../shared/protocol/views.ts';

/** Seating plans as facilitators see them: participant ids, which the console turns into names. */

/**
 * A plan's figures as the console shows them. A plan accepted before the engine counted distinct
 * pairs, returns and single-group tables carries `repeatedPairs` (its extra meetings) and none of
 * those: they show as unknown.
 */
function figuresView(figures: SeatingPreview['figures']): PlanFiguresView {
  const kept: Partial<SeatingPreview['figures']> & { repeatedPairs?: number } = figures;
  const known = (x: number | undefined) => (typeof x === 'number' ? x : null);
  return {
    ...figures,
    extraMeetings: kept.extraMeetings ?? kept.repeatedPairs ?? 0,
    distinctRepeatedPairs: known(kept.distinctRepeatedPairs),
    returns: known(kept.returns),
    fewestReturns: known(kept.fewestReturns),
    singleGroupTables: known(kept.singleGroupTables),
    belowMinimum: known(kept.belowMinimum),
    lowerBound: figures.lowerBound.total,
    distinctLowerBound: known(figures.lowerBound.distinct),
  };
}

export function seatingStatus(state: SessionState): SeatingStatusView {
  const plan = state.plan;
  const rounds = plan ? [...plan.rounds.keys()].sort((a, b) => a - b) : [];
  // Once its last round has started, a plan is history.
  const ahead =
    plan && state.phase !== 'harvest' && state.phase !== 'closed' && rounds.some((r) => r > state.round || (r === state.round && state.phase !== 'round'));
  return {
    version: state.seatingVersion,
    plan: ahead ? { attempt: plan.attempt, at: plan.at, rounds, figures: figuresView(plan.figures) } : null,
  };
}

export function previewView(preview: SeatingPreview, tables: readonly Pick<Table, 'id'>[], detail: 'next' | 'all'): SeatingPreviewView {
  const rounds = detail === 'all' ? preview.rounds : preview.rounds.slice(0, 1);
  return {
    version: preview.version,
    attempt: preview.attempt,
    accepted: preview.accepted,
    figures: figuresView(preview.figures),
    roundNumbers: preview.rounds.map((r) => r.round),
    rounds: rounds.map((r) => {
      const members = new Map<string, string[]>(tables.map((t) => [t.id, []]));
      const waiting: string[] = [];
      for (const [pid, tid] of Object.entries(r.seats)) {
        if (tid === null) waiting.push(pid);
        else members.get(tid)?.push(pid);
      }
      return {
        round: r.round,
        tables: [...members].map(([tableId, memberIds]) => ({ tableId, memberIds })),
        waiting,
        figures: r.figures,
        conflicts: r.conflicts,
        closed: r.closed ?? [],
      };
    }),
  };
}
