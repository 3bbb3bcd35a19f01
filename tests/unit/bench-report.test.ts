import { describe, expect, it } from 'vitest';
import { pairedRatio } from '../../bench/lib/report.ts';
import { turnOrder, type CafeResult } from '../../bench/lib/cafe.ts';
import { readOptions } from '../../bench/lib/options.ts';
import { beforeAndAfter, checkTargets } from '../../bench/lib/targets.ts';

describe('the load benchmark’s paired CPU ratio', () => {
  it('sets each slice against the relay’s slice of the same turn, and gives the median and the range', () => {
    // Slice 3 ran while the machine was busy for both: its ratio is as good as the others.
    expect(pairedRatio([0.8, 0.9, 1.6, 0.7], [0.5, 0.6, 1.0, 0.5])).toBe('1.55 × (1.40–1.60)');
    expect(pairedRatio([0.6, 0.9, 0.7], [0.5, 0.6, 0.5])).toBe('1.40 × (1.20–1.50)');
  });

  it('leaves out slices with nothing acknowledged, and says so when none is left', () => {
    expect(pairedRatio([Number.NaN, 0.75], [0.5, 0.5])).toBe('1.50 × (1.50–1.50)');
    expect(pairedRatio([Number.NaN], [0.5])).toBe('–');
    expect(pairedRatio([], [])).toBe('–');
  });

  it('pairs nothing between cafés that took different turns, as a Redis column beside the relay’s run does', () => {
    expect(pairedRatio([0.75], [0.5, 0.5, 0.5, 0.5])).toBe('–');
  });
});

describe('issue 18’s before and after, side by side with the relay', () => {
  const round = (cpu: number, slices: number[], p99: number) => ({
    serverCpuMsPerNote: cpu,
    sliceCpuMsPerNote: slices,
    plannedNotesPerSecond: 250,
    latency: { p99 },
  });
  const relay = round(0.6, [0.6, 0.6, 0.6, 0.6], 4);

  it('judges CPU on the slices each build wrote in the same turn, and shows p99 beside before’s without judging it', () => {
    // Slice 2 ran while the machine was busy for both builds: its pair says as much as the others.
    const after = round(0.84, [0.8, 1.2, 0.8, 0.8], 5.2);
    const before = round(0.93, [0.9, 1.3, 0.9, 0.9], 6);
    expect(beforeAndAfter(after, before, relay, 'before').map((c) => [c.target, c.measured, c.met])).toEqual([
      ['server CPU per note no worse than before at 250 notes/s', '0.89 × (0.89–0.92) of it, paired slices: less; 1.40 × against 1.55 × the relay', true],
      ['  note p99 ÷ relay’s, against before’s (not judged: one run’s p99 moves too far)', '1.30 × against 1.50 ×', null],
    ]);
  });

  it('calls two builds level within a run’s noise, and misses only beyond it', () => {
    const cpu = (after: number[], before: number[]) => beforeAndAfter(round(1, after, 5), round(1, before, 5), relay, 'before')[0]!;
    expect(cpu([1.04, 1.04], [1, 1])).toMatchObject({
      met: true,
      measured: expect.stringContaining('1.04 × (1.04–1.04) of it, paired slices: level within ±5 %') as string,
    });
    expect(cpu([0.96, 0.96], [1, 1])).toMatchObject({ met: true, measured: expect.stringContaining('level') as string });
    expect(cpu([1.06, 1.06], [1, 1])).toMatchObject({ met: false, measured: expect.stringContaining('paired slices: more') as string });
    // The median decides, not one dear slice.
    expect(cpu([1.3, 0.9, 0.9], [1, 1, 1]).met).toBe(true);
    // Judged as printed: what reads 1.05 × is level, what reads 1.06 × is more.
    expect(cpu([1.052], [1])).toMatchObject({ met: true, measured: expect.stringContaining('1.05 × (1.05–1.05) of it, paired slices: level') as string });
    expect(cpu([1.056], [1])).toMatchObject({ met: false, measured: expect.stringContaining('1.06 × (1.06–1.06) of it, paired slices: more') as string });
  });

  it('judges nothing it could not measure: slices that do not pair, or none with notes', () => {
    const unpaired = beforeAndAfter(round(0.9, [0.9], 5), round(0.93, [0.9, 0.9], 6), relay, 'before');
    expect(unpaired[0]).toMatchObject({ measured: 'no slices pair; 1.50 × against 1.55 × the relay', met: null });
    const silent = beforeAndAfter(round(0.9, [Number.NaN, 0], 5), round(0.93, [0.9, 0.9], 6), relay, 'before');
    expect(silent[0]!.met).toBeNull();
  });

  it('needs no relay for the CPU verdict, and says where a figure needs one', () => {
    const checks = beforeAndAfter(round(0.9, [0.9], Number.NaN), round(0.93, [0.93], 6), undefined, 'before');
    expect(checks.map((c) => [c.measured, c.met])).toEqual([
      ['0.97 × (0.97–0.97) of it, paired slices: level within ±5 %', true],
      ['– (no relay)', null],
    ]);
    const broken = beforeAndAfter(round(0.9, [0.9], Number.NaN), round(0.93, [0.93], 6), round(0, [0], 0), 'before');
    expect(broken.map((c) => c.measured)).toEqual(['0.97 × (0.97–0.97) of it, paired slices: level within ±5 %; – against – the relay', '– against –']);
  });

  it('appears among the targets only when the third column is named as the build before', () => {
    // Only what the targets read of a café; the rest of a run's result plays no part here.
    const cafe = (target: string, r: ReturnType<typeof round>) =>
      ({
        target,
        participants: 2000,
        rounds: [{ ...r, ackTimeouts: 0 }],
        join: { seconds: 4, failures: 0 },
        timers: { perRound: 1.5, duringWriting: 0 },
        delivery: { lost: 0, duplicates: 0, extra: 0, expected: 10 },
        refusals: {},
        disconnects: {},
      }) as unknown as CafeResult;
    const app = cafe('app', round(0.87, [0.87], 5.2));
    const before = cafe('before (b09aa74)', round(0.93, [0.93], 6));
    const lines = (compared?: CafeResult, withRelay = true) =>
      checkTargets(app, withRelay ? cafe('baseline', relay) : undefined, undefined, undefined, compared)
        .map((c) => c.target)
        .filter((t) => t.includes('before (b09aa74)'));
    expect(lines()).toEqual([]);
    const both = [
      'server CPU per note no worse than before (b09aa74) at 250 notes/s',
      '  note p99 ÷ relay’s, against before (b09aa74)’s (not judged: one run’s p99 moves too far)',
    ];
    expect(lines(before)).toEqual(both);
    expect(lines(before, false)).toEqual(both);
  });
});

describe('the load benchmark’s turns', () => {
  it('rotates who writes first from turn to turn, starting each round with the first target', () => {
    const order = [0, 1, 2, 3].map((i) => turnOrder(['app', 'baseline', 'before'], i).join(' → '));
    expect(order).toEqual(['app → baseline → before', 'baseline → before → app', 'before → app → baseline', 'app → baseline → before']);
    expect(turnOrder(['app'], 3)).toEqual(['app']);
  });
});

describe('the load benchmark’s options', () => {
  it('names the third column as the build before only when asked, and never as a column the report looks for', () => {
    expect(readOptions(['--compare-entry', '/tmp/x/server/main.ts']).compareLabel).toBeUndefined();
    expect(readOptions(['--compare-entry', '/tmp/x/server/main.ts', '--compare-label', ' before (b09aa74) ']).compareLabel).toBe('before (b09aa74)');
    expect(() => readOptions(['--compare-label', 'before'])).toThrow(/give both/);
    for (const name of ['baseline', 'app', '  '])
      expect(() => readOptions(['--compare-entry', '/tmp/x/server/main.ts', '--compare-label', name])).toThrow(/other than/);
  });
});
