/** Time and timers come in through this, so tests can run a café's clock by hand. */
export interface Clock {
  now(): number;
  /** Calls `fn` once at (or soon after) `at`; returns a cancel function. */
  at(at: number, fn: () => void): () => void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  at(at, fn) {
    const handle = setTimeout(fn, Math.max(0, at - Date.now()));
    handle.unref?.();
    return () => clearTimeout(handle);
  },
};
