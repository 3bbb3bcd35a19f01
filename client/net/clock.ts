import { remainingMs as remainingOn } from '../../shared/domain/timer.ts';
/**
 * The server owns every deadline; a phone only needs to know how far its clock is from the
 * server's. NTP-style: the sample with the shortest round trip has the least uncertainty.
 */

export interface ClockSample {
  /** Local time the ping left. */
  t0: number;
  /** Server time when it answered. */
  serverNow: number;
  /** Local time the answer arrived. */
  t1: number;
}

/** Milliseconds to add to `Date.now()` to get the server's time, or null without samples. */
export function estimateOffset(samples: readonly ClockSample[]): number | null {
  let best: ClockSample | undefined;
  for (const s of samples) {
    if (s.t1 < s.t0) continue;
    if (!best || s.t1 - s.t0 < best.t1 - best.t0) best = s;
  }
  return best ? best.serverNow - (best.t0 + best.t1) / 2 : null;
}

/** Milliseconds left on a timer, on the server's clock: this device's time plus its offset. */
export function remainingMs(timer: Parameters<typeof remainingOn>[0], localNow: number, offsetMs: number): number | null {
  return remainingOn(timer, localNow + offsetMs);
}

/** 83_000 → "1:23"; an hour or more → "1:02:03". Rounded up so "0:00" means time is up. */
export function formatClock(ms: number): string {
  const total = Math.ceil(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/**
 * The server's time now, by this device's clock and its offset. Screens read it while they draw,
 * on purpose: a countdown must show the right second on the first frame of a phase, not the
 * second of its last tick.
 */
export function serverNow(offsetMs: number): number {
  return Date.now() + offsetMs;
}
