import express, { type Router } from 'express';
import type { Follower, SessionStore } from '../store/types.ts';

export interface HealthDeps {
  store: SessionStore;
  /** The process's follower of other processes' appends, when several share the store. */
  follower: () => Follower | undefined;
}

/** A probe's answer is reused this long: a load balancer polling every second costs one small write a second. */
const PROBE_TTL_MS = 1000;

/**
 * Liveness and readiness, for a process manager and a load balancer (docs/operations.md):
 * - `GET /healthz`: the process answers. Restart it when this fails.
 * - `GET /readyz`: it can take writes now: a real write to the store succeeded within the last
 *   second, and (with Redis) it is following the other processes' appends. Send it no new people
 *   while this fails; it recovers by itself when the disk or Redis does.
 * Neither says more than that: counts and versions are for operators with the metrics token.
 */
export function healthRouter({ store, follower }: HealthDeps): Router {
  const router = express.Router();
  let last: { at: number; result: Promise<string | null> } | undefined;

  const check = (): Promise<string | null> => {
    const now = Date.now();
    if (last && now - last.at < PROBE_TTL_MS) return last.result;
    const result = store.probe().then(
      () => (follower() && !follower()!.healthy() ? 'This server is not following the other processes (Redis).' : null),
      () => 'This server cannot save anything right now.',
    );
    last = { at: now, result };
    return result;
  };

  router.get('/healthz', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ ok: true });
  });
  router.get('/readyz', async (_req, res) => {
    const problem = await check();
    res.set('Cache-Control', 'no-store');
    if (problem) res.status(503).json({ ok: false, error: 'unavailable', message: problem });
    else res.json({ ok: true });
  });
  return router;
}
