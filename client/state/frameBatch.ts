/**
 * Folds a burst of facts into one store update per frame. A plenary's joins reach the console
 * at hundreds a second (a roster row and a seating status each); rendered one by one they left
 * it a minute behind 2,000 joins. Facts keep their order; a snapshot supersedes what is queued,
 * and a command's reply flushes first, so it never lands ahead of the facts that preceded it.
 */
export interface FrameBatch<V> {
  push(change: (v: V) => V): void;
  /** Applies what is queued now. */
  flush(): void;
  /** Forgets queued changes, for a snapshot that already holds them. */
  drop(): void;
}

export type Schedule = (flush: () => void) => void;

/**
 * The next frame, or a short timer, whichever comes first: a tab hidden after the frame was
 * asked for gets no frame (a facilitator switching to the projector's tab), and must not stall.
 */
export const nextFrame: Schedule = (flush) => {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    flush();
  };
  const timer = setTimeout(once, 100);
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(once);
};

export function frameBatch<V>(apply: (change: (v: V) => V) => void, schedule: Schedule = nextFrame): FrameBatch<V> {
  let queued: ((v: V) => V)[] = [];
  let scheduled = false;
  const flush = () => {
    const changes = queued;
    queued = [];
    if (changes.length) apply((v) => changes.reduce((acc, change) => change(acc), v));
  };
  return {
    push(change) {
      queued.push(change);
      if (scheduled) return;
      scheduled = true;
      schedule(() => {
        scheduled = false;
        flush();
      });
    },
    flush,
    drop() {
      queued = [];
    },
  };
}
