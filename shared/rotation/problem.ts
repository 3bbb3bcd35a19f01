import { resolveAnchors } from './anchors.ts';
import { Kind, kindOfMode, pairKey, PresenceClass, type Problem } from './model.ts';
import type { RoundRequest, RoundSittings } from './types.ts';
import { Weight } from './weights.ts';

export function compile(request: RoundRequest): Problem {
  const ids = request.people.map((p) => p.id);
  const personIndex = new Map(ids.map((id, i) => [id, i]));
  const tableIds = request.tables.map((t) => t.id);
  const tableIndex = new Map(tableIds.map((id, i) => [id, i]));
  const n = ids.length;
  const nt = tableIds.length;

  const groupIds = new Map<string, number>();
  const group = new Int32Array(n);
  const presence = new Uint8Array(n);
  request.people.forEach((p, i) => {
    if (!groupIds.has(p.group)) groupIds.set(p.group, groupIds.size);
    group[i] = groupIds.get(p.group)!;
    presence[i] = p.presence === 'remote' ? PresenceClass.remote : PresenceClass.room;
  });

  // Tables share a question by its exact text: discussing it anywhere counts as discussing it.
  const questionIds = new Map<string, number>();
  const kind = new Uint8Array(nt);
  const cap = new Int32Array(nt);
  const question = new Int32Array(nt);
  request.tables.forEach((t, i) => {
    kind[i] = kindOfMode[t.mode];
    cap[i] = Math.max(0, t.capacity);
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
    kind,
    cap,
    question,
    nq,
    anchor: new Int32Array(n).fill(-1),
    seen: new Uint8Array(n * nq),
    met: new Set(),
    nbrStart: new Int32Array(n + 1),
    nbr: new Int32Array(0),
    prev: new Int32Array(n).fill(-1),
    moveWeight: request.moveWeight ?? Weight.move,
    conflicts: [],
  };
  readHistory(problem, request.history);
  if (request.previous) {
    for (const [pid, tid] of Object.entries(request.previous)) {
      const p = personIndex.get(pid);
      const t = tid === null ? undefined : tableIndex.get(tid);
      if (p !== undefined && t !== undefined) problem.prev[p] = t;
    }
  }
  resolveAnchors(problem, request);
  return problem;
}

function readHistory(problem: Problem, history: readonly RoundSittings[]) {
  const { n, nq, personIndex, tableIndex, question, seen, met } = problem;
  for (const sittings of history) {
    const members = new Map<number, number[]>();
    for (const [pid, tids] of Object.entries(sittings)) {
      const p = personIndex.get(pid);
      if (p === undefined) continue; // gone since: nobody can meet them again
      for (const tid of tids) {
        const t = tableIndex.get(tid);
        if (t === undefined) continue;
        seen[p * nq + question[t]!] = 1;
        let list = members.get(t);
        if (!list) members.set(t, (list = []));
        if (!list.includes(p)) list.push(p);
      }
    }
    // Someone moved mid-round is taken to have met everyone at every table they sat at.
    for (const list of members.values()) {
      for (let i = 0; i < list.length; i++) for (let j = i + 1; j < list.length; j++) met.add(pairKey(problem, list[i]!, list[j]!));
    }
  }
  const degree = new Int32Array(n);
  for (const key of met) {
    degree[Math.floor(key / n)]!++;
    degree[key % n]!++;
  }
  const start = new Int32Array(n + 1);
  for (let p = 0; p < n; p++) start[p + 1] = start[p]! + degree[p]!;
  const nbr = new Int32Array(start[n]!);
  const fill = start.slice(0, n);
  for (const key of met) {
    const a = Math.floor(key / n);
    const b = key % n;
    nbr[fill[a]!++] = b;
    nbr[fill[b]!++] = a;
  }
  problem.nbrStart = start;
  problem.nbr = nbr;
}
