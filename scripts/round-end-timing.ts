/**
 * How long the session is blocked when the café moves on: `decide` for "seat everyone" in the lobby
 * and for "end round", which plan the next seating inside the session's queue (and, being
 * synchronous, block the event loop meanwhile). Cafés shaped like the rotation benchmark's five
 * instances are built through the domain's own commands. Where the domain has accepted plans
 * (`seating:accept`), it also times the round end that follows an accepted plan, unchanged and after
 * a late joiner, and the accept itself.
 *
 *   npx tsx scripts/round-end-timing.ts [runs per figure, default 5]
 *
 * Times are medians of warm runs on whatever else the machine is doing; compare runs made side by side.
 */
import { performance } from 'node:perf_hooks';
import { apply, replay } from '../shared/domain/apply.ts';
import type { Actor } from '../shared/commands/spec.ts';
import { decideCreate } from '../shared/commands/session.ts';
import { decideAs as decide, type Command } from '../tests/support/domain.ts';
import * as seating from '../shared/domain/seating.ts';
import type { SessionState } from '../shared/domain/state.ts';
import { CAFES, GROUP_SHARE, GROUPS, SHAPES, type Spec } from '../bench/rotation.ts';

const RUNS = Math.max(1, Number(process.argv[2] ?? 5));
const facilitator: Actor = { role: 'facilitator' };
const T0 = Date.UTC(2026, 10, 23, 9, 0, 0);

function must(state: SessionState, command: Command, actor: Actor = facilitator) {
  const decision = decide(state, command, actor, T0);
  if (!decision.ok) throw new Error(`${command.type}: ${decision.message}`);
  for (const e of decision.events) apply(state, e);
  return decision;
}

function lobby(spec: Spec): SessionState {
  const modes: ('room' | 'remote' | 'hybrid')[] = [];
  for (let h = spec.hybridTables, r = spec.remoteTables; h > 0 || r > 0; h--, r--) {
    if (h > 0) modes.push('hybrid');
    if (r > 0) modes.push('remote');
  }
  // Spaced evenly along the table list, as the benchmark does.
  const special = new Map(modes.map((m, j) => [Math.floor((j * spec.tables) / modes.length), m]));
  const mode = (i: number) => special.get(i) ?? 'room';
  const perTable = Math.ceil(spec.people / spec.tables);
  const tables = Array.from({ length: spec.tables }, (_, i) => ({ question: `Question ${(i % spec.questions) + 1}`, mode: mode(i), capacity: perTable + 2 }));
  const setup = { title: spec.name, tables, rounds: spec.rounds, roundSeconds: 1200, movingSeconds: 120, autoAdvance: false, stakeholderGroups: [...GROUPS] };
  const state = replay(decideCreate(setup, { sessionId: `timing-${spec.people}`, code: 'TIMING', facilitatorKeyHash: 'x' }, T0));
  const remote = Math.round(spec.people * spec.remoteShare);
  const step = Math.round(spec.people / Math.max(1, remote));
  for (let i = 0; i < spec.people; i++) {
    let g = 0;
    for (let acc: number = GROUP_SHARE[0]; (i + 0.5) / spec.people > acc && g < GROUPS.length - 1; acc += GROUP_SHARE[++g]!);
    const presence = i % step === 1 && i / step < remote ? 'remote' : 'room';
    must(
      state,
      { type: 'participant:join', participantId: `p${i + 1}`, tokenHash: `h${i + 1}`, name: `P${i + 1}`, group: GROUPS[g]!, presence },
      { role: 'guest' },
    );
  }
  return state;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Median milliseconds of `decide` for one command on one state (decide is pure, so it can run again and again). */
function time(state: SessionState, command: Command): number {
  decide(state, command, facilitator, T0); // warm
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    const decision = decide(state, command, facilitator, T0);
    ms.push(performance.now() - t);
    if (!decision.ok) throw new Error(`${command.type}: ${decision.message}`);
  }
  return median(ms);
}

// Read through the namespace, so this script also runs against a tree from before previews existed.
const previewSeating = (seating as Record<string, unknown>).previewSeating as
  ((state: SessionState, options: { attempt?: number }) => { version: number }) | undefined;
const accept = (state: SessionState): Command => {
  const preview = previewSeating!(state, { attempt: 0 });
  return { type: 'seating:accept', attempt: 0, version: preview.version, preview } as unknown as Command;
};

function timeOf(fn: () => unknown, runs = RUNS): number {
  fn();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    ms.push(performance.now() - t);
  }
  return median(ms);
}

const rows: string[][] = [];
// The benchmark's five cafés and its plenary (the other shapes test the rules, not the round end's time).
const only = process.env.TIMING_ONLY?.split(',');
for (const spec of [...CAFES, ...SHAPES.filter((s) => s.people >= 10_000)].filter((s) => !only || only.includes(String(s.people)))) {
  const state = lobby(spec);
  const seatEveryone = time(state, { type: 'seating:assign' });
  must(state, { type: 'seating:assign' });
  const hosted = new Set<string>();
  for (const table of state.tables.slice(0, spec.hosts)) {
    const host = [...state.seats].find(([pid, tid]) => tid === table.id && !hosted.has(pid))?.[0];
    if (!host) continue;
    hosted.add(host);
    must(state, { type: 'host:assign', tableId: table.id, participantId: host });
  }
  must(state, { type: 'round:start', round: 1 });
  const endFirst = time(state, { type: 'round:end', round: 1 });
  // The last transition, with the most history behind it.
  for (let r = 1; r < spec.rounds - 1; r++) {
    must(state, { type: 'round:end', round: r });
    must(state, { type: 'round:start', round: r + 1 });
  }
  const last = spec.rounds - 1;
  const endLast = time(state, { type: 'round:end', round: last });
  let planned = ['–', '–', '–', '–'];
  if (previewSeating) {
    const previewMs = timeOf(() => previewSeating(state, { attempt: 0 }), Math.min(RUNS, 3));
    const command = accept(state);
    const acceptMs = time(state, command);
    const withPlan = structuredClone(state);
    must(withPlan, command);
    const endPlanned = time(withPlan, { type: 'round:end', round: last });
    // A latecomer, and someone pinned to a table the plan did not give them.
    must(
      withPlan,
      { type: 'participant:join', participantId: 'late', tokenHash: 'late', name: 'Late', group: 'Academia', presence: 'room' },
      { role: 'guest' },
    );
    const next = withPlan.plan!.rounds.get(last + 1)!;
    const pinned = Object.keys(next).find((pid) => !withPlan.tables.some((t) => t.hostId === pid) && withPlan.participants.get(pid)?.presence === 'room')!;
    const target = withPlan.tables.find((t) => t.mode !== 'remote' && t.id !== next[pinned] && t.id !== withPlan.seats.get(pinned))!.id;
    must(withPlan, { type: 'participant:move', participantId: pinned, tableId: target, pin: true });
    const endAdjusted = time(withPlan, { type: 'round:end', round: last });
    planned = [previewMs.toFixed(0), acceptMs.toFixed(1), endPlanned.toFixed(1), endAdjusted.toFixed(1)];
  }
  rows.push([spec.name, seatEveryone.toFixed(1), endFirst.toFixed(1), `${endLast.toFixed(1)} (r${last})`, ...planned]);
}

const header = ['café', 'seat everyone', 'end round 1', 'end last round', 'preview (worker)', 'accept', 'end, plan kept', 'end, plan repaired'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
console.log(`ms, median of ${RUNS} warm runs of decide()`);
console.log(line(header));
console.log(`|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`);
for (const r of rows) console.log(line(r));
