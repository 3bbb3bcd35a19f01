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

function readHistory(problem: Problem, history: readonly RoundSittings[], alsoMet: readonly RoundSittings[], pairs: boolean) {
  const { n, nq, personIndex, tableIndex, question, seen, sat } = problem;
  const adjacent: number[][] = Array.from({ length: n }, () => []);
  for (const [i, sittings] of [...history, ...(pairs ? alsoMet : [])].entries()) {
    const counts = i < history.length;
    const members = new Map<number, number[]>();
    for (const pid in sittings) {
      const p = personIndex.get(pid);
      if (p === undefined) continue; // gone since: nobody can meet them again
      if (counts) sat[p]!++;
      for (const tid of sittings[pid]!) {
        const t = tableIndex.get(tid);
        if (t === undefined) continue;
        if (counts) seen[p * nq + question[t]!] = 1;
        let list = members.get(t);
        if (!list) members.set(t, (list = []));
        if (!list.includes(p)) list.push(p);
      }
    }
    if (!pairs) continue;
    // Someone moved mid-round is taken to have met everyone at every table they sat at.
    for (const list of members.values()) {
      for (let i = 0; i < list.length; i++) {
        for (let j = i + 1; j < list.length; j++) {
          adjacent[list[i]!]!.push(list[j]!);
          adjacent[list[j]!]!.push(list[i]!);
        }
      }
    }
  }
  // Everyone each person met, once each and in order: `hasMet` is then a binary search.
  const start = new Int32Array(n + 1);
  for (let p = 0; p < n; p++) {
    const list = adjacent[p]!.sort((a, b) => a - b);
    let unique = 0;
    for (let k = 0; k < list.length; k++) if (k === 0 || list[k] !== list[k - 1]) list[unique++] = list[k]!;
    list.length = unique;
    start[p + 1] = start[p]! + unique;
  }
  const nbr = new Int32Array(start[n]!);
  for (let p = 0; p < n; p++) nbr.set(adjacent[p]!, start[p]);
  problem.nbrStart = start;
  problem.nbr = nbr;
}
