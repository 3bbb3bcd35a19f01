import type { CafeResult, RoundResult } from './cafe.ts';
import type { LimitResult } from './limit.ts';
import type { MemoryResult } from './memory.ts';
import { ratiosText, sliceRatios } from './report.ts';
import { bytes, ms, renderTable, secs } from './table.ts';

export interface TargetCheck {
  target: string;
  measured: string;
  /** null: reported, no pass/fail (or not measured in this run). */
  met: boolean | null;
}

/**
 * The issue's targets against this run's measurements. The benchmark reports them; nothing
 * fails on them — a noisy machine must not turn a measurement into a red build.
 */
export function checkTargets(
  app: CafeResult | undefined,
  baseline: CafeResult | undefined,
  memory: MemoryResult | undefined,
  limit: LimitResult | undefined,
  compared?: CafeResult,
): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const r1 = app?.rounds[0];
  const r2 = app?.rounds[1];
  if (r1) {
    checks.push({ target: `note p99 < 25 ms at ${r1.plannedNotesPerSecond} notes/s`, measured: `${ms(r1.latency.p99)} ms`, met: r1.latency.p99 < 25 });
    const b1 = baseline?.rounds[0];
    if (b1) {
      const ratio = r1.latency.p99 / b1.latency.p99;
      checks.push({
        target: 'note p99 ≤ 1.5 × bare relay p99 (same run)',
        measured: `${ratio.toFixed(2)} × (${ms(r1.latency.p99)} vs ${ms(b1.latency.p99)} ms)`,
        met: ratio <= 1.5,
      });
      // Issue 18: the app's own work per note, against a relay that does none of it.
      const cpu = r1.serverCpuMsPerNote / b1.serverCpuMsPerNote;
      checks.push({
        target: `server CPU per note ≤ 1.31 × bare relay at ${r1.plannedNotesPerSecond} notes/s`,
        measured: `${cpu.toFixed(2)} × (${ms(r1.serverCpuMsPerNote)} vs ${ms(b1.serverCpuMsPerNote)} ms)`,
        met: cpu <= 1.31,
      });
    }
    const c1 = compared?.rounds[0];
    if (c1) checks.push(...beforeAndAfter(r1, c1, b1, compared.target));
  }
  if (r2) {
    checks.push({ target: `note p99 < 100 ms at ${r2.plannedNotesPerSecond} notes/s`, measured: `${ms(r2.latency.p99)} ms`, met: r2.latency.p99 < 100 });
    const b2 = baseline?.rounds[1];
    if (b2)
      checks.push({ target: '  (same, vs bare relay)', measured: `${(r2.latency.p99 / b2.latency.p99).toFixed(2)} × (${ms(b2.latency.p99)} ms)`, met: null });
  }
  if (app) {
    checks.push({
      target: `${app.participants} connected, joined and seated < 5 s, no failures`,
      measured: `${secs(app.join.seconds)}, ${app.join.failures} failures`,
      met: app.join.seconds < 5 && app.join.failures === 0,
    });
    if (app.rotation) {
      checks.push({
        target: `rotation reaches 99 % of ${app.participants} < 250 ms`,
        measured: `${ms(app.rotation.latency.p99)} ms (all: ${ms(app.rotation.latency.max)} ms)`,
        met: app.rotation.latency.p99 < 250 && app.rotation.missing === 0,
      });
    }
    if (app.delivery.reveals !== undefined) {
      const k = app.delivery;
      checks.push({
        target: 'staff see a round only at 3 writers (k rule)',
        measured: `${k.reveals} revealed, ${k.unowedReveals} unowed, ${k.wrongRounds} notes with the wrong round`,
        met: k.unowedReveals === 0 && k.wrongRounds === 0,
      });
    }
    checks.push({
      target: 'timers: deadlines, not ticks',
      measured: `${app.timers.perRound.toFixed(2)} phase:changed per participant per round, ${app.timers.duringWriting} while writing`,
      met: app.timers.duringWriting === 0,
    });
    const d = app.delivery;
    checks.push({
      target: 'zero lost or duplicated messages',
      measured: `${d.lost} lost, ${d.duplicates} duplicated, ${d.extra} extra of ${d.expected}`,
      met: d.lost === 0 && d.duplicates === 0 && d.extra === 0,
    });
    const refusals = Object.values(app.refusals).reduce((a, b) => a + b, 0) + app.rounds.reduce((n, x) => n + x.ackTimeouts, 0);
    checks.push({
      target: 'zero errors and refusals',
      measured: `${refusals} refused or unacknowledged, ${Object.values(app.disconnects).reduce((a, b) => a + b, 0)} disconnects`,
      met: refusals === 0 && Object.keys(app.disconnects).length === 0,
    });
  }
  if (memory) {
    checks.push({
      target: `heap per connected participant < 12 kB at ${memory.connections}`,
      measured: `${bytes(memory.heapPerParticipant)} (socket ${bytes(memory.heapPerConnection)}, state ${bytes(memory.heapPerJoin)})`,
      met: memory.heapPerParticipant < 12 * 1024,
    });
  }
  if (limit) {
    checks.push({ target: `largest P with note p99 < ${limit.boundMs} ms`, measured: `${limit.lastUnder ?? 'none'} (stopped: ${limit.stoppedBy})`, met: null });
  }
  return checks;
}

type Figures = Pick<RoundResult, 'serverCpuMsPerNote' | 'sliceCpuMsPerNote' | 'plannedNotesPerSecond'> & { latency: Pick<RoundResult['latency'], 'p99'> };

/** Within this, two builds' CPU per note is level: the same build in both columns measured 0.90–1.05 at 250 notes/s (docs/load.md). */
const RUN_NOISE = 0.05;

/**
 * Issue 18 asks for the load run "before and after, side by side with the bare relay", no worse
 * than the main it was written against. With a build before as the third column
 * (`--compare-label`), this build is set against it in the same run. CPU per note slice by slice
 * (each pair written in the same turn, so a busy moment lands on both): no worse when the median
 * of now ÷ before, as printed, is at most 1 + RUN_NOISE. Round 1's p99 ratio to the relay is
 * shown beside before's and not judged: the same code's moved from 1.14 to 2.45 × between runs.
 */
export function beforeAndAfter(after: Figures, before: Figures, relay: Figures | undefined, beforeLabel: string): TargetCheck[] {
  const rate = after.plannedNotesPerSecond;
  const ratio = (x: number, y: number | undefined) => (y !== undefined && Number.isFinite(x / y) && x / y > 0 ? x / y : null);
  const times = (x: number | null) => (x === null ? '–' : `${x.toFixed(2)} ×`);
  const slices = sliceRatios(after.sliceCpuMsPerNote, before.sliceCpuMsPerNote);
  // Judged as printed, so a median shown as 1.05 × is never called more than 1.05.
  const median = slices ? Number(slices.median.toFixed(2)) : NaN;
  const verdict = median < 1 - RUN_NOISE ? 'less' : median <= 1 + RUN_NOISE ? `level within ±${RUN_NOISE * 100} %` : 'more';
  const ofRelay = relay
    ? `; ${times(ratio(after.serverCpuMsPerNote, relay.serverCpuMsPerNote))} against ${times(ratio(before.serverCpuMsPerNote, relay.serverCpuMsPerNote))} the relay`
    : '';
  return [
    {
      target: `server CPU per note no worse than ${beforeLabel} at ${rate} notes/s`,
      measured: `${slices ? `${ratiosText(slices)} of it, paired slices: ${verdict}` : 'no slices pair'}${ofRelay}`,
      met: slices ? median <= 1 + RUN_NOISE : null,
    },
    {
      target: `  note p99 ÷ relay’s, against ${beforeLabel}’s (not judged: one run’s p99 moves too far)`,
      measured: relay ? `${times(ratio(after.latency.p99, relay.latency.p99))} against ${times(ratio(before.latency.p99, relay.latency.p99))}` : '– (no relay)',
      met: null,
    },
  ];
}

export function targetsTable(checks: TargetCheck[]): string {
  return renderTable(
    ['target', 'measured', ''],
    checks.map((c) => [c.target, c.measured, c.met === null ? '' : c.met ? 'met' : 'MISSED']),
  );
}
