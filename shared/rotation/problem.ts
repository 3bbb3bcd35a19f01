import { resolveAnchors } from './anchors.ts';
import { kindOfMode, PresenceClass, type Problem } from './model.ts';
import { resolveTables } from './sizes.ts';
import { DEFAULT_MIN_TABLE_SIZE, tableMinimum, type RoundRequest, type RoundSittings } from './types.ts';
import { Weight } from './weights.ts';

export interface CompileOptions {
  /**
   * Rounds that count for who has met whom but not for questions discussed: the later rounds of a
   * plan, when one of its rounds is searched again against all the others.
   */
  alsoMet?: readonly RoundSittings[];
  /**
   * Skip who has met whom (questions discussed and rounds sat are still read): for an outline of the
   * round, which tables open and whose anchor cannot be kept, which never look at pairs. At 10,000
   * people the pairs are most of a compile.
   */
  withoutPairs?: boolean;
}

/**
 * A request compiled for the search: people and tables numbered, history read into questions seen
 * and pairs met, anchors resolved (kept seats, hosts, pins), then which tables open and who is
 * seated this round (`resolveTables`).
 */
export function compile(request: RoundRequest, options: CompileOptions = {}): Problem {
  const ids = request.people.map((p) => p.id);
  const personIndex = new Map(ids.map((id, i) => [id, i]));
  const tableIds = request.tables.map((t) => t.id);
  const tableIndex = new Map(tableIds.map((id, i) => [id, i]));
  const n = ids.length;
  const nt = tableIds.length;

  const groupIds = new Map<string, number>();
  const group = new Int32Array(n);
  const presence = new Uint8Array(n);
  const sat = new Int32Array(n);
  request.people.forEach((p, i) => {
    if (!groupIds.has(p.group)) groupIds.set(p.group, groupIds.size);
    group[i] = groupIds.get(p.group)!;
    presence[i] = p.presence === 'remote' ? PresenceClass.remote : PresenceClass.room;
  });

  // Tables share a question by its exact text: discussing it anywhere counts as discussing it.
  const questionIds = new Map<string, number>();
  const kind = new Uint8Array(nt);
  const cap = new Int32Array(nt);
  const minSize = new Int32Array(nt);
  const minimum = Math.max(1, request.minTableSize ?? DEFAULT_MIN_TABLE_SIZE);
  const question = new Int32Array(nt);
  request.tables.forEach((t, i) => {
    kind[i] = kindOfMode[t.mode];
    cap[i] = Math.max(0, t.capacity);
    minSize[i] = tableMinimum(cap[i], minimum);
    if (!questionIds.has(t.question)) questionIds.set(t.question, questionIds.size);
    question[i] = questionIds.get(t.question)!;
  });
  const nq = questionIds.size;

  const problem: Problem = {
    n,
    nt,
    ids,
    tableIds,
    personIndex,
    tableIndex,
    groupNames: [...groupIds.keys()],
    group,
    presence,
    sat,
    kind,
    cap,
    minSize,
    question,
    nq,
    anchor: new Int32Array(n).fill(-1),
    hostOf: new Int32Array(nt).fill(-1),
    wish: new Int32Array(n).fill(-1),
    kept: new Uint8Array(n),
    open: new Uint8Array(nt).fill(1),
    closed: [],
    seated: new Uint8Array(n),
    seen: new Uint8Array(n * nq),
    nbrStart: new Int32Array(n + 1),
    nbr: new Int32Array(0),
    prev: new Int32Array(n).fill(-1),
    moveWeight: request.moveWeight ?? Weight.move,
    conflicts: [],
  };
  readHistory(problem, request.history, options.alsoMet ?? [], !options.withoutPairs);
  if (request.previous) {
    for (const [pid, tid] of Object.entries(request.previous)) {
      const p = personIndex.get(pid);
      const t = tid === null ? undefined : tableIndex.get(tid);
      if (p !== undefined && t !== undefined) problem.prev[p] = t;
    }
  }
  resolveAnchors(problem, request);
  resolveTables(problem);
  return problem;
}

/**
 * Questions discussed, rounds sat and everyone each person has met, from earlier rounds. At 10,000
 * people and a few rounds that is hundreds of thousands of pairs, so they go through flat typed
 * arrays: each round's sittings bucketed by table (a counting sort), every table's people counted
 * into their neighbours' lists, each list then sorted and made unique in place.
 */
function readHistory(problem: Problem, history: readonly RoundSittings[], alsoMet: readonly RoundSittings[], pairs: boolean) {
  const { n, nt, nq, personIndex, tableIndex, question, seen, sat } = problem;
  const rounds = [...history, ...(pairs ? alsoMet : [])];
  // Every table of every round as a run of people: members[groupEnd[g - 1] .. groupEnd[g]).
  const members: number[] = [];
  const groupEnd: number[] = [];
  const entryP: number[] = [];
  const entryT: number[] = [];
  const count = new Int32Array(nt + 1);
  const order = new Int32Array(n);
  for (let i = 0; i < rounds.length; i++) {
    const sittings = rounds[i]!;
    const counts = i < history.length;
    entryP.length = 0;
    entryT.length = 0;
    for (const pid in sittings) {
      const p = personIndex.get(pid);
      if (p === undefined) continue; // gone since: nobody can meet them again
      if (counts) sat[p]!++;
      const tids = sittings[pid]!;
      for (let k = 0; k < tids.length; k++) {
        const t = tableIndex.get(tids[k]!);
        if (t === undefined || tids.indexOf(tids[k]!) < k) continue;
        if (counts) seen[p * nq + question[t]!] = 1;
        entryP.push(p);
        entryT.push(t);
      }
    }
    if (!pairs) continue;
    // Someone moved mid-round is taken to have met everyone at every table they sat at.
    count.fill(0);
    for (const t of entryT) count[t + 1]!++;
    for (let t = 0; t < nt; t++) count[t + 1]! += count[t]!;
    const at = count.slice(0, nt);
    const byTable = entryP.length > order.length ? new Int32Array(entryP.length) : order;
    for (let e = 0; e < entryP.length; e++) byTable[at[entryT[e]!]!++] = entryP[e]!;
    for (let t = 0; t < nt; t++) {
      if (count[t + 1]! - count[t]! < 2) continue;
      for (let e = count[t]!; e < count[t + 1]!; e++) members.push(byTable[e]!);
      groupEnd.push(members.length);
    }
  }
  // Each person's neighbours, with repeats, then sorted and made unique: `hasMet` is a binary search.
  const degree = new Int32Array(n + 1);
  for (let g = 0, from = 0; g < groupEnd.length; from = groupEnd[g++]!) {
    const size = groupEnd[g]! - from;
    for (let e = from; e < groupEnd[g]!; e++) degree[members[e]! + 1]! += size - 1;
  }
  for (let p = 0; p < n; p++) degree[p + 1]! += degree[p]!;
  const all = new Int32Array(degree[n]!);
  const fill = degree.slice(0, n);
  for (let g = 0, from = 0; g < groupEnd.length; from = groupEnd[g++]!) {
    for (let a = from; a < groupEnd[g]!; a++) {
      const x = members[a]!;
      for (let b = from; b < groupEnd[g]!; b++) if (a !== b) all[fill[x]!++] = members[b]!;
    }
  }
  const start = new Int32Array(n + 1);
  let unique = 0;
  for (let p = 0; p < n; p++) {
    const list = all.subarray(degree[p], degree[p + 1]).sort();
    for (let k = 0; k < list.length; k++) if (k === 0 || list[k] !== list[k - 1]) all[unique++] = list[k]!;
    start[p + 1] = unique;
  }
  problem.nbrStart = start;
  problem.nbr = all.slice(0, unique);
}
