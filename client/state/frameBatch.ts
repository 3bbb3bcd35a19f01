/**
 * Folds a burst of facts into one store update per frame. A plenary's joins reach the console
 * at hundreds a second (a roster row and a seating status each); rendered one by one they left
 * it a minute behind 2,000 joins. Facts keep their order; a snapshot supersedes what is queued.
 */
export interface FrameBatch<V> {
  push(change: (v: V) => V): void;
  /** Forgets queued changes, for a snapshot that already holds them. */
  drop(): void;
}

export type Schedule = (flush: () => void) => void;

/** The next frame while the page is shown; a hidden page gets no frames, so a timer instead. */
export const nextFrame: Schedule = (flush) => {
  if (typeof requestAnimationFrame === 'function' && typeof document !== 'undefined' && document.visibilityState === 'visible') requestAnimationFrame(flush);
  else setTimeout(flush, 50);
};

export function frameBatch<V>(apply: (change: (v: V) => V) => void, schedule: Schedule = nextFrame): FrameBatch<V> {
  let queued: ((v: V) => V)[] = [];
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    const changes = queued;
    queued = [];
    if (changes.length) apply((v) => changes.reduce((acc, change) => change(acc), v));
  };
  return {
    push(change) {
      queued.push(change);
      if (scheduled) return;
      scheduled = true;
      schedule(flush);
    },
    drop() {
      queued = [];
    },
  };
}
