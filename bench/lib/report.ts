import type { CafeResult, RoundResult } from './cafe.ts';
import type { StormResult } from './harvest-storm.ts';
import type { LimitResult } from './limit.ts';
import type { MemoryResult } from './memory.ts';
import type { Summary } from './samples.ts';
import { bytes, ms, num, renderTable, secs } from './table.ts';

const quad = (s: Summary | undefined) => (s && s.count ? `${ms(s.p50)} / ${ms(s.p95)} / ${ms(s.p99)} / ${ms(s.max)}` : '–');
const pair = (s: Summary | undefined) => (s && s.count ? `${ms(s.p50)} / ${ms(s.p99)}` : '–');
const total = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);
const listed = (r: Record<string, number>) =>
  total(r)
    ? Object.entries(r)
        .map(([k, v]) => `${k}:${v}`)
        .join(' ')
    : '0';

function worstSecond(x: RoundResult): string {
  const worst = x.timeline.reduce<RoundResult['timeline'][number] | undefined>((w, s) => (!w || s.worst > w.worst ? s : w), undefined);
  if (!worst) return '–';
  const over = x.timeline.filter((s) => s.worst > 25).length;
  return `${ms(worst.worst)} (${worst.second} s) · ${over} s over 25 ms`;
}

/**
 * A target's CPU per note over another's (the relay's), slice by slice: the targets write in turns
 * of a few seconds, so each pair ran on the machine as it was then, and the spread says how far
 * one run's ratio can be trusted. Null when nothing pairs.
 */
export function sliceRatios(mine: readonly number[], other: readonly number[]): { median: number; min: number; max: number } | null {
  // Slices pair only within one run, where every target took the same turns (a Redis column is a café of its own).
  if (mine.length !== other.length) return null;
  const ratios = mine
    .map((m, i) => m / other[i]!)
    // A slice with nothing acknowledged (NaN) or no CPU measured (0) says nothing of the ratio.
    .filter((r) => Number.isFinite(r) && r > 0)
    .sort((a, b) => a - b);
  if (!ratios.length) return null;
  const mid = ratios.length >> 1;
  const median = ratios.length % 2 ? ratios[mid]! : (ratios[mid - 1]! + ratios[mid]!) / 2;
  return { median, min: ratios[0]!, max: ratios.at(-1)! };
}

/** Paired slices as the report and the targets print them: "1.40 × (1.20–1.50)", or "–". */
export function ratiosText(r: ReturnType<typeof sliceRatios>): string {
  return r ? `${num(r.median, 2)} × (${num(r.min, 2)}–${num(r.max, 2)})` : '–';
}

export function pairedRatio(mine: readonly number[], other: readonly number[]): string {
  return ratiosText(sliceRatios(mine, other));
}

/** The café figures side by side, one column per run (app, baseline, app on Redis…). */
export function cafeTable(runs: CafeResult[]): string {
  const header = ['', ...runs.map((r) => r.target + (r.processes > 1 ? ` ${r.spread}` : ''))];
  const col = (f: (r: CafeResult) => string) => runs.map(f);
  const rounds = (n: number, f: (x: RoundResult) => string) => col((r) => (r.rounds[n] ? f(r.rounds[n]) : '–'));
  const baseline = runs.find((r) => r.target === 'baseline');
  const rows: (string[] | string)[] = [
    ['join ramp: all connected, joined, seated', ...col((r) => secs(r.join.seconds))],
    ['  HTTP joins + sockets / seating', ...col((r) => `${secs(r.join.httpAndConnectSeconds)} / ${secs(r.join.seatingSeconds)}`)],
    ['  server CPU for the ramp', ...col((r) => secs(r.join.serverCpuSeconds))],
    ['  failures', ...col((r) => `${r.join.failures}${total(r.join.errors) ? ` (${listed(r.join.errors)})` : ''}`)],
  ];
  for (const [n, label] of [
    [0, 'round 1'],
    [1, 'round 2'],
  ] as const) {
    if (!runs.some((r) => r.rounds[n])) continue;
    rows.push([`${label}: notes/s planned · sent · acked`, ...rounds(n, (x) => `${num(x.plannedNotesPerSecond)} · ${x.sent} · ${x.acked}`)]);
    rows.push(['  note latency p50/p95/p99/max ms', ...rounds(n, (x) => quad(x.latency))]);
    rows.push(['    to table peers', ...rounds(n, (x) => quad(x.peers))]);
    rows.push(['    to the facilitator', ...rounds(n, (x) => quad(x.facilitator))]);
    rows.push(['  ack p50/p99 ms (note:add · note:edit)', ...rounds(n, (x) => `${pair(x.ack)} · ${pair(x.editAck)}`)]);
    rows.push(['  server CPU: share of a core · ms/note', ...rounds(n, (x) => `${num(x.serverCpuShare * 100)} % · ${ms(x.serverCpuMsPerNote)}`)]);
    if (baseline?.rounds[n]) {
      const relay = baseline.rounds[n].sliceCpuMsPerNote;
      rows.push([
        '  CPU/note ÷ relay’s, paired slices: median (min–max)',
        ...rounds(n, (x) => (x === baseline.rounds[n] ? '–' : pairedRatio(x.sliceCpuMsPerNote, relay))),
      ]);
    }
    rows.push(['  server event-loop delay p99/max ms', ...rounds(n, (x) => `${ms(x.serverLoopDelayP99)} / ${ms(x.serverLoopDelayMax)}`)]);
    rows.push(['  server GC pauses: total · longest ms', ...rounds(n, (x) => `${ms(x.serverGc.totalMs)} · ${ms(x.serverGc.maxMs)}`)]);
    rows.push(['  worst second: latency max ms (at s)', ...rounds(n, (x) => worstSecond(x))]);
    rows.push(['  generator CPU share · send lag p99 ms', ...rounds(n, (x) => `${num(x.generatorCpuShare * 100)} % · ${ms(x.sendLag.p99)}`)]);
    rows.push(['  waiting for a CPU: server · generator', ...rounds(n, (x) => `${num(x.serverCpuWait * 100, 1)} % · ${num(x.generatorCpuWait * 100, 1)} %`)]);
    if (runs.some((r) => r.rounds[n]?.redisCpuSeconds !== undefined)) {
      rows.push(['  Redis CPU share', ...rounds(n, (x) => (x.redisCpuSeconds === undefined ? '–' : `${num((x.redisCpuSeconds / x.wallSeconds) * 100)} %`))]);
    }
  }
  if (runs.some((r) => r.rotation)) {
    rows.push([
      'rotation to every seat p50/p99/all ms',
      ...col((r) => (r.rotation ? `${ms(r.rotation.latency.p50)} / ${ms(r.rotation.latency.p99)} / ${ms(r.rotation.latency.max)}` : '–')),
    ]);
    rows.push([
      '  before it: preview · accept ms',
      ...col((r) => (r.rotation?.preview ? `${ms(r.rotation.preview.previewMs)} · ${ms(r.rotation.preview.acceptMs)}` : '–')),
    ]);
    rows.push(['  round:end ack ms · seats missing', ...col((r) => (r.rotation ? `${ms(r.rotation.roundEndAck.max)} · ${r.rotation.missing}` : '–'))]);
    rows.push([
      '  seat:changed payload p50/max',
      ...col((r) => (r.rotation ? `${bytes(r.rotation.seatPayloadBytes.p50)} / ${bytes(r.rotation.seatPayloadBytes.max)}` : '–')),
    ]);
  }
  rows.push(
    ['timer messages per participant per round', ...col((r) => `${num(r.timers.perRound, 2)} (while writing: ${r.timers.duringWriting})`)],
    ['deliveries expected · received', ...col((r) => `${r.delivery.expected} · ${r.delivery.received}`)],
    ['  lost · duplicated · extra · unknown', ...col((r) => `${r.delivery.lost} · ${r.delivery.duplicates} · ${r.delivery.extra} · ${r.delivery.unknown}`)],
    [
      '  k rule: rounds revealed · unowed · wrong',
      ...col((r) => `${r.delivery.reveals ?? 0} · ${r.delivery.unowedReveals ?? 0} · ${r.delivery.wrongRounds ?? 0}`),
    ],
    [
      'refusals · ack timeouts · disconnects',
      ...col((r) => `${listed(r.refusals)} · ${r.rounds.reduce((n, x) => n + x.ackTimeouts, 0)} · ${listed(r.disconnects)}`),
    ],
    ['server CPU seconds (whole run)', ...col((r) => num(r.server.cpuSeconds, 1))],
    ['server peak RSS', ...col((r) => bytes(r.server.peakRssBytes))],
    ['  RSS per participant (idle → seated)', ...col((r) => bytes(r.server.rssPerParticipantBytes))],
    ['  heap per participant after GC', ...col((r) => bytes(r.server.heapPerParticipantBytes))],
  );
  if (runs.some((r) => r.server.redis))
    rows.push([
      'Redis CPU s · peak RSS',
      ...col((r) => (r.server.redis ? `${num(r.server.redis.cpuSeconds, 1)} · ${bytes(r.server.redis.peakRssBytes)}` : '–')),
    ]);
  rows.push([
    'other work before the run · load average',
    ...col((r) => `${num(r.machineBusyBefore * 100)} % · ${r.loadAverage.before.toFixed(2)} → ${r.loadAverage.after.toFixed(2)}`),
  ]);
  return renderTable(header, rows);
}

export function memoryTable(runs: MemoryResult[]): string {
  const header = ['', ...runs.map((r) => `${r.target} (${r.connections} connections)`)];
  const col = (f: (r: MemoryResult) => string) => runs.map(f);
  const steps = runs[0]?.steps.map((s) => s.step) ?? [];
  return renderTable(header, [
    ...steps.map((step) => [`heap after GC: ${step}`, ...col((r) => bytes(r.steps.find((s) => s.step === step)?.heapUsed))]),
    ['heap per participant (created → seated)', ...col((r) => bytes(r.heapPerParticipant))],
    ['  of which the socket (joined → connected)', ...col((r) => bytes(r.heapPerConnection))],
    ['  of which session state (HTTP join)', ...col((r) => bytes(r.heapPerJoin))],
    ['external (buffers) per participant', ...col((r) => bytes(r.externalPerParticipant))],
    ['RSS per participant', ...col((r) => bytes(r.rssPerParticipant))],
    ['time to connect all sockets', ...col((r) => secs(r.connectSeconds))],
    ['failures', ...col((r) => String(r.failures))],
  ]);
}

export function limitTable(limit: LimitResult): string {
  const rows = limit.steps.map((s) =>
    s.error
      ? [String(s.participants), `error: ${s.error}`, '', '', '', '', '', '', '', '', '']
      : [
          String(s.participants),
          num(s.notesPerSecond),
          `${ms(s.p50)} / ${ms(s.p99)} / ${ms(s.max)}`,
          ms(s.ackP99),
          secs(s.joinSeconds),
          `${s.failures} · ${s.lost} · ${s.refused}`,
          `${num(s.serverCpuShare * 100)} %`,
          `${num(s.generatorCpuShare * 100)} %`,
          ms(s.sendLagP99),
          `${num(s.serverCpuWait * 100)} % · ${num(s.generatorCpuWait * 100)} %`,
          `${ms(s.gcMaxMs)} · ${ms(s.loopDelayMaxMs)}`,
        ],
  );
  const table = renderTable(
    [
      'P',
      'notes/s',
      'note p50/p99/max ms',
      'ack p99',
      'join',
      'fail·lost·refused',
      'server CPU',
      'generator CPU',
      'send lag p99',
      'CPU wait srv · gen',
      'GC · loop max ms',
    ],
    rows,
  );
  return `${table}\nlast P with note p99 under ${limit.boundMs} ms: ${limit.lastUnder ?? 'none'} (stopped: ${limit.stoppedBy})`;
}

/** The join storm with and without a harvest under way, one column per run. */
export function stormTable(runs: StormResult[]): string {
  const header = ['join storm', ...runs.map((r) => r.target)];
  const col = (f: (r: StormResult) => string) => runs.map(f);
  const rows: string[][] = [
    ['people joining · notes in the café', ...col((r) => `${r.participants} · ${r.notes}`)],
    ['notes in themes · quoted', ...col((r) => (r.harvest ? `${r.sorted} · ${r.quoted}` : '–'))],
    ['storm: all joined and connected', ...col((r) => (r.cutShort ? `${r.joined} in after ${secs(r.seconds)} (cut short)` : secs(r.seconds)))],
    ['  failures', ...col((r) => `${r.failures}${total(r.errors) ? ` (${listed(r.errors)})` : ''}`)],
    ['event-loop delay p50 / p99 / max ms', ...col((r) => `${ms(r.loopDelay.p50)} / ${ms(r.loopDelay.p99)} / ${ms(r.loopDelay.max)}`)],
    ['  target: p99 < 20 ms with a harvest', ...col((r) => (r.harvest ? (r.loopDelay.p99 < 20 ? 'met' : 'missed') : '–'))],
    ['server CPU · waiting for a CPU', ...col((r) => `${secs(r.serverCpuSeconds)} · ${num(r.serverCpuWait * 100, 1)} %`)],
    ['GC pauses total / longest ms', ...col((r) => `${ms(r.gc.totalMs)} / ${ms(r.gc.maxMs)}`)],
    ['rapporteur note:sort ack p50 / p99 ms', ...col((r) => pair(r.sortAck))],
    ['rapporteur themes:suggest ack p50 / p99 ms', ...col((r) => pair(r.suggestAck))],
    ['  rapporteur commands unanswered after 30 s', ...col((r) => (r.harvest ? String(r.rapporteurTimeouts ?? 0) : '–'))],
    ['harvest views · patches the rapporteur got', ...col((r) => (r.harvest ? `${r.harvestViews} · ${r.harvestPatches}` : '–'))],
    ['machine busy before', ...col((r) => `${num(r.machineBusyBefore * 100)} %`)],
  ];
  return renderTable(header, rows);
}
