import type { Timer } from './state.ts';

/**
 * Milliseconds left on a timer at `now` (on the server's clock), or null when none is set. The
 * server and every client count down with this one function, so all screens show the same second.
 */
export function remainingMs(
  timer: Pick<Timer & { status: 'running' }, 'status' | 'endsAt'> | { status: 'idle' } | { status: 'paused'; remainingMs: number },
  now: number,
): number | null {
  switch (timer.status) {
    case 'idle':
      return null;
    case 'running':
      return Math.max(0, timer.endsAt - now);
    case 'paused':
      return Math.max(0, timer.remainingMs);
  }
}

/** One minute unless the facilitator chose otherwise (sessions made before the setting had none). */
export const DEFAULT_WARNING_SECONDS = 60;

/** Seconds before a round's end that every screen warns. */
export function warningSeconds(config: { warningSeconds?: number }): number {
  return config.warningSeconds ?? DEFAULT_WARNING_SECONDS;
}

/** Whether a round's clock is inside its warning: running (or paused), time left, and no more than the lead. */
export function isWarning(phase: string, left: number | null, warnMs: number): boolean {
  return phase === 'round' && left !== null && left > 0 && warnMs > 0 && left <= warnMs;
}
