import { describe, expect, it } from 'vitest';
import { pairedRatio } from '../../bench/lib/report.ts';

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
