import { allPairs, minSameGroupPairs, sameGroupPairs } from './diversity.ts';
import { hasMet } from './model.ts';
import { compile } from './problem.ts';
import { questionReturns } from './rules/index.ts';
import type { RoundRequest, Seating } from './types.ts';

/** The figures a facilitator sees for one round's seating, all against the same request it was made for. */
export interface RoundFigures {
  seated: number;
  waiting: number;
  /** Pairs at one table who had already sat together in an earlier round. */
  repeatedPairs: number;
  /** Seated people free to move: neither hosting nor pinned nor kept in place. */
  travellers: number;
  /** Travellers at a question they had not discussed before. */
  newQuestion: number;
  /** Travellers who still had a question left to discuss: the ones a new question was possible for. */
  couldMeetNewQuestion: number;
  /** Travellers back at a question they discussed, and the fewest any seating keeping the rules above allows. */
  returns: number;
  fewestReturns: number;
  /** Tables of two or more people, all of one stakeholder group. */
  singleGroupTables: number;
  /** Open tables below the minimum size, and tables left empty (closed) this round. */
  belowMinimum: number;
  closedTables: number;
  crossGroupPairs: number;
  bestCrossGroupPairs: number;
  /** crossGroupPairs / bestCrossGroupPairs (1 when nobody sits with anyone). */
  diversity: number;
  /** People whose table differs from the previous plan's, when the request had one. */
  moves: number | null;
  /** Whose hosting or pin could not be kept (see the engine's conflicts). */
  conflicts: number;
}

export function roundFigures(request: RoundRequest, seats: Seating): RoundFigures {
  const problem = compile(request);
  const { n, nt, anchor, seen, nq, question, kind, presence, tableIndex, ids, minSize } = problem;
  const tableOf = new Int32Array(n).fill(-1);
  for (let p = 0; p < n; p++) {
    const tid = seats[ids[p]!];
    if (tid) tableOf[p] = tableIndex.get(tid) ?? -1;
  }
  const members: number[][] = Array.from({ length: nt }, () => []);
  for (let p = 0; p < n; p++) if (tableOf[p]! >= 0) members[tableOf[p]!]!.push(p);
  let repeatedPairs = 0;
  for (const list of members) {
    for (let i = 0; i < list.length; i++) for (let j = i + 1; j < list.length; j++) if (hasMet(problem, list[i]!, list[j]!)) repeatedPairs++;
  }
  let seated = 0;
  let travellers = 0;
  let newQuestion = 0;
  let possible = 0;
  let moves = 0;
  for (let p = 0; p < n; p++) {
    const before = request.previous?.[ids[p]!];
    if (before !== undefined && before !== (seats[ids[p]!] ?? null)) moves++;
    const t = tableOf[p]!;
    if (t < 0) continue;
    seated++;
    if (anchor[p] === t) continue;
    travellers++;
    if (!seen[p * nq + question[t]!]) newQuestion++;
    for (let u = 0; u < nt; u++) {
      if ((kind[u] === 2 || kind[u] === presence[p]) && !seen[p * nq + question[u]!]) {
        possible++;
        break;
      }
    }
  }
  let singleGroupTables = 0;
  let belowMinimum = 0;
  let closedTables = 0;
  for (let t = 0; t < nt; t++) {
    const list = members[t]!;
    if (!list.length) closedTables++;
    else if (list.length < minSize[t]!) belowMinimum++;
    if (list.length >= 2 && list.every((p) => problem.group[p] === problem.group[list[0]!])) singleGroupTables++;
  }
  const returns = questionReturns(request, seats);
  const cross = allPairs(problem, tableOf) - sameGroupPairs(problem, tableOf);
  const best = allPairs(problem, tableOf) - minSameGroupPairs(problem, tableOf);
  return {
    seated,
    waiting: n - seated,
    repeatedPairs,
    travellers,
    newQuestion,
    couldMeetNewQuestion: possible,
    returns: returns.actual.length,
    fewestReturns: returns.fewest,
    singleGroupTables,
    belowMinimum,
    closedTables,
    crossGroupPairs: cross,
    bestCrossGroupPairs: best,
    diversity: best > 0 ? cross / best : 1,
    moves: request.previous ? moves : null,
    conflicts: problem.conflicts.length,
  };
}

/** Figures for a whole plan: sums over its rounds, distinct pairs meeting again, and the share of travellers who met a new question every round. */
export interface PlanFigures {
  /** Every time a pair sits together again (in any later round, planned or real): what the lower bound's total bounds. */
  extraMeetings: number;
  /** Pairs who sit together again at least once in the plan, each counted once. */
  distinctRepeatedPairs: number;
  /** Of everyone who travelled in at least one planned round: the share whose question was new to them every time. */
  newQuestionShare: number;
  /** Travellers back at a question they discussed, summed over rounds, and the fewest the rule allowed each round. */
  returns: number;
  fewestReturns: number;
  singleGroupTables: number;
  belowMinimum: number;
  crossGroupPairs: number;
  bestCrossGroupPairs: number;
  diversity: number;
  moves: number | null;
  waiting: number;
  conflicts: number;
}

export interface FiguredRound {
  request: RoundRequest;
  seats: Seating;
  figures: RoundFigures;
}

export function planFigures(rounds: readonly FiguredRound[]): PlanFigures {
  const travelled = new Set<string>();
  const missed = new Set<string>();
  const repeated = new Set<string>();
  for (const { request, seats } of rounds) {
    const problem = compile(request);
    const members = new Map<number, number[]>();
    for (let p = 0; p < problem.n; p++) {
      const id = problem.ids[p]!;
      const t = seats[id] ? problem.tableIndex.get(seats[id]) : undefined;
      if (t === undefined) continue;
      let list = members.get(t);
      if (!list) members.set(t, (list = []));
      list.push(p);
      if (problem.anchor[p] === t) continue;
      travelled.add(id);
      if (problem.seen[p * problem.nq + problem.question[t]!]) missed.add(id);
    }
    for (const list of members.values()) {
      for (let i = 0; i < list.length; i++) {
        for (let j = i + 1; j < list.length; j++) {
          if (!hasMet(problem, list[i]!, list[j]!)) continue;
          const [a, b] = [problem.ids[list[i]!]!, problem.ids[list[j]!]!].sort();
          repeated.add(`${a}\u0000${b}`);
        }
      }
    }
  }
  const sum = (f: (r: RoundFigures) => number) => rounds.reduce((a, r) => a + f(r.figures), 0);
  const cross = sum((r) => r.crossGroupPairs);
  const best = sum((r) => r.bestCrossGroupPairs);
  const anyMoves = rounds.some((r) => r.figures.moves !== null);
  return {
    extraMeetings: sum((r) => r.repeatedPairs),
    distinctRepeatedPairs: repeated.size,
    newQuestionShare: travelled.size ? (travelled.size - missed.size) / travelled.size : 1,
    returns: sum((r) => r.returns),
    fewestReturns: sum((r) => r.fewestReturns),
    singleGroupTables: sum((r) => r.singleGroupTables),
    belowMinimum: sum((r) => r.belowMinimum),
    crossGroupPairs: cross,
    bestCrossGroupPairs: best,
    diversity: best > 0 ? cross / best : 1,
    moves: anyMoves ? sum((r) => r.moves ?? 0) : null,
    waiting: sum((r) => r.waiting),
    conflicts: sum((r) => r.conflicts),
  };
}
