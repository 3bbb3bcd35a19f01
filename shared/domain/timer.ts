import type { Timer } from './state.ts';

/**
 * Milliseconds left on a timer at `now` (on the server's clock), or null when none is set. The
 * server and every client count down with this one function, so all screens show the same second.
 */
export function remainingMs(timer: Pick<Timer & { status: 'running' }, 'status' | 'endsAt'> | { status: 'idle' } | { status: 'paused'; remainingMs: number }, now: number): number | null {
  switch (timer.status) {
    case 'idle':
      return null;
    case 'running':
      return Math.max(0, timer.endsAt - now);
    case 'paused':
      return Math.max(0, timer.remainingMs);
  }
}
