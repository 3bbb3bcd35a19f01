import type { SeatingPreview } from '../../shared/domain/seating.ts';
import type { SessionState, Table } from '../../shared/domain/state.ts';
import type { PlanFiguresView, SeatingPreviewView, SeatingStatusView } from '../../shared/protocol/views.ts';

/** Seating plans as facilitators see them: participant ids, which the console turns into names. */

function figuresView(figures: SeatingPreview['figures']): PlanFiguresView {
  return { ...figures, lowerBound: figures.lowerBound.total };
}

export function seatingStatus(state: SessionState): SeatingStatusView {
  const plan = state.plan;
  const rounds = plan ? [...plan.rounds.keys()].sort((a, b) => a - b) : [];
  // Once its last round has started, a plan is history.
  const ahead = plan && state.phase !== 'harvest' && state.phase !== 'closed' && rounds.some((r) => r > state.round || (r === state.round && state.phase !== 'round'));
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
      };
    }),
  };
}
