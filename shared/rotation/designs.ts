import { field } from './field.ts';
import { LinearFlow } from './flow.ts';
import { knownDesign } from './known.ts';
import { fitsKind } from './model.ts';
import { shuffleInPlace, type Rng } from './prng.ts';
import { Weight } from './weights.ts';
import type { ScheduleRound } from './schedule.ts';

/**
 * Starting plans from combinatorial designs, for cafés of a regular shape: the same people seated
 * every round, q open tables of s people each, everyone fitting every table, q a prime power and
 * s <= q. People sit in an s x q grid; with GF(q)'s arithmetic, round a seats at table j everyone
 * in cell (r, c) with a * r + c = j. Two cells share a table in two rounds a and b only if they are
 * the same cell (the rounds are mutually orthogonal Latin squares; a = 0 is "by column"), so q rounds
 * repeat no pair. When s divides q, splitting each row into q / s tables adds one more (row-mates
 * never met): with s = q that is the affine plane of order q, q + 1 rounds. For instance 32 people
 * at 8 tables of 4 get 9 rounds without a repeated pair, and 16 at 4 tables of 4 get 5. Where the
 * literature knows more rounds for the shape than the field gives (8-4-10, known.ts), and nobody
 * hosts, that schedule is taken instead.
 *
 * Which people go where in the grid decides the mix and the hosts: a table takes exactly one person
 * from each row, so rows are filled group by group (a table then gets one of each row's groups), and
 * hosts go in row 0, where they never share a table in the Latin rounds, each round's table holding
 * their cell mapped to their own table. The other tables of a round are matched to the cells' groups
 * so that as few people as possible meet a question again. Rounds beyond what the design gives are
 * left to the caller; the whole-plan search starts from the result.
 */
export function designStart(rounds: readonly ScheduleRound[], rng: Rng): (Int32Array | null)[] | null {
  const shape = regularShape(rounds);
  if (!shape) return null;
  const { tables, people, anchors, s } = shape;
  const q = tables.length;
  const F = field(q);
  if (!F || s > q || s < 2) return null;
  const first = rounds[0]!.problem;
  // The grid, row-major: hosts first in row 0, then everyone else by stakeholder group.
  const hosts = people.filter((p) => anchors.has(p));
  const others = shuffleInPlace(
    rng,
    people.filter((p) => !anchors.has(p)),
  );
  const groupSize = new Map<number, number>();
  for (const p of others) groupSize.set(first.group[p]!, (groupSize.get(first.group[p]!) ?? 0) + 1);
  others.sort((a, b) => groupSize.get(first.group[b]!)! - groupSize.get(first.group[a]!)! || first.group[a]! - first.group[b]!);
  const personAt = [...hosts, ...others];
  const cell = (r: number, c: number) => r * q + c;

  // Rounds of the design, as tables of cells: a = 0 .. q - 1, then the rows split (not when two hosts would share a table).
  const designs: number[][][] = [];
  for (let a = 0; a < q; a++) {
    const groups: number[][] = Array.from({ length: q }, () => []);
    for (let r = 0; r < s; r++) for (let c = 0; c < q; c++) groups[F.add(F.mul(a, r), c)]!.push(cell(r, c));
    designs.push(groups);
  }
  if (q % s === 0 && hosts.length <= 1) {
    const groups: number[][] = [];
    for (let r = 0; r < s; r++) for (let k = 0; k < q / s; k++) groups.push(Array.from({ length: s }, (_, i) => cell(r, k * s + i)));
    designs.push(groups);
  }
  // Where the literature has more rounds for this shape (and no host needs a fixed cell), take it.
  const known = hosts.length === 0 && rounds.length > designs.length ? knownDesign(q, s, designs.length) : null;
  if (known) designs.splice(0, designs.length, ...known.map((round) => round.map((table) => [...table])));
  mixCells(designs.slice(0, rounds.length), personAt, hosts.length, first.group, rng);

  const seen = new Uint8Array(first.n * first.nq);
  seen.set(first.seen);
  return rounds.map((round, i) => {
    const groups = designs[i];
    if (!groups) return null;
    const start = new Int32Array(first.n).fill(-1);
    const tables_ = groups.map((group) => group.map((c) => personAt[c]!));
    const tableOf = matchTables(round, tables_, tables, anchors, seen);
    tables_.forEach((group, g) => {
      for (const p of group) {
        start[p] = tableOf[g]!;
        seen[p * first.nq + round.problem.question[tableOf[g]!]!] = 1;
      }
    });
    return start;
  });
}

/**
 * Who sits in which cell does not change who meets whom, only the mix: people are exchanged between
 * cells (hosts stay in theirs) while that does not add single-group tables or same-group pairs over
 * the design's rounds. Filling the grid row by row with each group together makes most tables take
 * one person of each row's group; the exchanges then break the tables a homogeneous row would make
 * single-group (the rows split, for one).
 */
function mixCells(designs: readonly number[][][], personAt: number[], fixedCells: number, group: Int32Array, rng: Rng) {
  const cells = personAt.length;
  // Each cell's table in each round.
  const tableOf = designs.map((groups) => {
    const out = new Int32Array(cells);
    groups.forEach((g, i) => {
      for (const c of g) out[c] = i;
    });
    return out;
  });
  const costOf = (r: number, table: number) => {
    const counts = new Map<number, number>();
    for (const c of designs[r]![table]!) counts.set(group[personAt[c]!]!, (counts.get(group[personAt[c]!]!) ?? 0) + 1);
    let same = 0;
    for (const k of counts.values()) same += (k * (k - 1)) / 2;
    return (counts.size === 1 && designs[r]![table]!.length >= 2 ? Weight.singleGroup : 0) + same * Weight.sameGroup;
  };
  const around = (a: number, b: number) => {
    let cost = 0;
    designs.forEach((_, r) => {
      cost += costOf(r, tableOf[r]![a]!);
      if (tableOf[r]![b] !== tableOf[r]![a]) cost += costOf(r, tableOf[r]![b]!);
    });
    return cost;
  };
  if (cells - fixedCells < 2) return;
  for (let i = 0; i < MIX_TRIES * cells; i++) {
    const a = fixedCells + rng.int(cells - fixedCells);
    const b = fixedCells + rng.int(cells - fixedCells);
    if (group[personAt[a]!] === group[personAt[b]!]) continue;
    const before = around(a, b);
    [personAt[a], personAt[b]] = [personAt[b]!, personAt[a]!];
    if (around(a, b) > before) [personAt[a], personAt[b]] = [personAt[b], personAt[a]];
  }
}

/** Exchanges tried per cell when mixing the grid. */
const MIX_TRIES = 200;

interface Shape {
  tables: number[];
  people: number[];
  /** Anchored person -> their table, the same in every round. */
  anchors: Map<number, number>;
  s: number;
}

/** The café's shape if it is regular in every round (see `designStart`), else null. */
export function regularShape(rounds: readonly ScheduleRound[]): Shape | null {
  const first = rounds[0]!;
  const { n, nt, kind, presence } = first.problem;
  const tables: number[] = [];
  for (let t = 0; t < nt; t++) if (first.problem.open[t]) tables.push(t);
  const people: number[] = [];
  for (let p = 0; p < n; p++) if (first.problem.seated[p]) people.push(p);
  if (!tables.length || people.length % tables.length) return null;
  const s = people.length / tables.length;
  const anchors = new Map<number, number>();
  for (const p of people) if (first.problem.anchor[p]! >= 0) anchors.set(p, first.problem.anchor[p]!);
  if (new Set(anchors.values()).size !== anchors.size) return null;
  for (const { problem, sizes } of rounds) {
    for (let t = 0; t < nt; t++) {
      if (problem.open[t] !== first.problem.open[t]) return null;
      if (problem.open[t] && (sizes.lo[t]! > s || sizes.hi[t]! < s)) return null;
    }
    for (let p = 0; p < n; p++) {
      if (problem.seated[p] !== first.problem.seated[p]) return null;
      if ((problem.anchor[p]! >= 0 ? problem.anchor[p] : -1) !== (anchors.get(p) ?? -1)) return null;
    }
  }
  for (const p of people) for (const t of tables) if (!fitsKind(kind[t]!, presence[p]!)) return null;
  return { tables, people, anchors, s };
}

/** Each design group to a table: a host's group to the host's table, the rest so that fewest people meet a question again. */
function matchTables(round: ScheduleRound, groups: readonly number[][], tables: readonly number[], anchors: Map<number, number>, seen: Uint8Array): number[] {
  const { question, nq } = round.problem;
  const out = new Array<number>(groups.length).fill(-1);
  const taken = new Set<number>();
  groups.forEach((group, g) => {
    for (const p of group) {
      const t = anchors.get(p);
      if (t !== undefined) {
        out[g] = t;
        taken.add(t);
      }
    }
  });
  const freeGroups = groups.map((_, g) => g).filter((g) => out[g] === -1);
  const freeTables = tables.filter((t) => !taken.has(t));
  const flow = new LinearFlow();
  const source = flow.node();
  const sink = flow.node();
  const groupNode = freeGroups.map(() => flow.node());
  const tableNode = freeTables.map(() => flow.node());
  const arcs: { g: number; t: number; arc: number }[] = [];
  freeGroups.forEach((g, i) => {
    flow.arc(source, groupNode[i]!, 1, 0);
    freeTables.forEach((t, j) => {
      let cost = 0;
      for (const p of groups[g]!) cost += seen[p * nq + question[t]!]!;
      arcs.push({ g, t, arc: flow.arc(groupNode[i]!, tableNode[j]!, 1, cost) });
    });
  });
  freeTables.forEach((_, j) => flow.arc(tableNode[j]!, sink, 1, 0));
  flow.run(source, sink);
  for (const { g, t, arc } of arcs) if (flow.flowOn(arc)) out[g] = t;
  return out;
}
