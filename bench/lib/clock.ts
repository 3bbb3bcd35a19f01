/**
 * Milliseconds on a clock every bench process shares: `timeOrigin + now()` is monotonic within
 * a process, and the orchestrator measures each generator's offset to its own over IPC, so a
 * note sent in one process and received in another is timed on one scale.
 */
let offset = 0;

export function benchNow(): number {
  return performance.timeOrigin + performance.now() - offset;
}

export function setClockOffset(ms: number): void {
  offset = ms;
}
