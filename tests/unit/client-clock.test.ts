import { describe, expect, it } from 'vitest';
import { estimateOffset, formatClock, remainingMs } from '../../client/net/clock.ts';

describe('clock offset estimation', () => {
  it('has no estimate without samples', () => {
    expect(estimateOffset([])).toBeNull();
  });

  it('takes the midpoint of the round trip: a server 5 s ahead, 100 ms away', () => {
    // Sent at 1000, the server answered at 6050 (its clock), back at 1100.
    expect(estimateOffset([{ t0: 1000, serverNow: 6050, t1: 1100 }])).toBe(5000);
  });

  it('trusts the sample with the shortest round trip', () => {
    const samples = [
      { t0: 0, serverNow: 10_400, t1: 800 }, // slow: 800 ms round trip
      { t0: 1000, serverNow: 11_020, t1: 1040 }, // fast: 40 ms, offset 10 000
      { t0: 2000, serverNow: 12_300, t1: 2500 },
    ];
    expect(estimateOffset(samples)).toBe(10_000);
  });

  it('ignores samples whose local clock went backwards', () => {
    expect(estimateOffset([{ t0: 500, serverNow: 0, t1: 100 }])).toBeNull();
  });
});

describe('remaining time', () => {
  it('counts a running timer against the server clock', () => {
    // The server is 2 s ahead, so locally 8 s before the deadline is 6 s on the server.
    expect(remainingMs({ status: 'running', endsAt: 10_000 }, 2_000, 2_000)).toBe(6_000);
  });

  it('never goes below zero, holds still when paused, and is null when idle', () => {
    expect(remainingMs({ status: 'running', endsAt: 10_000 }, 20_000, 0)).toBe(0);
    expect(remainingMs({ status: 'paused', remainingMs: 42_000 }, 99_999, 123)).toBe(42_000);
    expect(remainingMs({ status: 'idle' }, 0, 0)).toBeNull();
  });

  it('formats minutes and seconds, rounding up so 0:00 means time is up', () => {
    expect(formatClock(0)).toBe('0:00');
    expect(formatClock(1)).toBe('0:01');
    expect(formatClock(83_000)).toBe('1:23');
    expect(formatClock(20 * 60_000)).toBe('20:00');
    expect(formatClock(3_723_000)).toBe('1:02:03');
  });
});
