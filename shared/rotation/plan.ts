import { repeatedPairsLowerBound, type LowerBound } from './bound.ts';
import { planFigures, roundFigures, type PlanFigures, type RoundFigures } from './metrics.ts';
import { seatRound } from './round.ts';
import type { Conflict, RotationPerson, RotationTable, RoundRequest, RoundSittings, Seating } from './types.ts';

/**
 * A plan for every remaining round, for the facilitator to preview, accept or reshuffle. Rounds are
 * planned in order, each one treating the rounds planned before it as if they had happened, and
 * with the seed the live round would use, so round r of an accepted plan is exactly what
 * `seatRound` gives when round r comes, as long as nothing changed in between. When something did
 * (a late joiner, a departure, a pin), replanning with `previous` moves as few people as it can.
 */

export interface PlanRequest {
  tables: readonly RotationTable[];
  /** Everyone expected in the coming rounds, earliest joiner first. */
  people: readonly RotationPerson[];
  /** Rounds already held, oldest first. */
  history: readonly RoundSittings[];
  /** The round numbers to plan, in order. */
  rounds: readonly number[];
  seedFor: (round: number) => number;
  /** Seats that stay as they are in the first planned round (people already seated for it). */
  fixedFirst?: Readonly<Record<string, string>>;
  /** An earlier plan for the same rounds, by round number, to stay close to. */
  previous?: Readonly<Record<number, Seating>>;
  effort?: number;
}

export interface PlannedRound {
  round: number;
  seats: Seating;
  conflicts: Conflict[];
}

export interface Plan {
  rounds: PlannedRound[];
}

export interface FiguredPlan extends Plan {
  rounds: (PlannedRound & { figures: RoundFigures })[];
  figures: PlanFigures & { lowerBound: LowerBound };
}

/** The seatings alone: what a round needs, without the cost of the figures. */
export function planSeats(request: PlanRequest): Plan & { requests: RoundRequest[] } {
  const history = [...request.history];
  const rounds: PlannedRound[] = [];
  const requests: RoundRequest[] = [];
  request.rounds.forEach((round, i) => {
    const roundRequest: RoundRequest = {
      tables: request.tables,
      people: request.people,
      history: [...history],
      seed: request.seedFor(round),
      ...(i === 0 && request.fixedFirst ? { fixed: request.fixedFirst } : {}),
      ...(request.previous?.[round] ? { previous: request.previous[round] } : {}),
      ...(request.effort !== undefined ? { effort: request.effort } : {}),
    };
    const { seats, conflicts } = seatRound(roundRequest);
    rounds.push({ round, seats, conflicts });
    requests.push(roundRequest);
    history.push(asSittings(seats));
  });
  return { rounds, requests };
}

export function planRemaining(request: PlanRequest): FiguredPlan {
  const { rounds, requests } = planSeats(request);
  const figured = rounds.map((r, i) => ({ ...r, figures: roundFigures(requests[i]!, r.seats) }));
  const lowerBound = repeatedPairsLowerBound({
    tables: request.tables,
    people: request.people,
    history: request.history,
    rounds: request.rounds.length,
  });
  const figures = planFigures(figured.map((r, i) => ({ request: requests[i]!, seats: r.seats, figures: r.figures })));
  return { rounds: figured, figures: { ...figures, lowerBound } };
}

export function asSittings(seats: Seating): RoundSittings {
  const out: Record<string, string[]> = {};
  for (const [pid, tid] of Object.entries(seats)) if (tid) out[pid] = [tid];
  return out;
}
