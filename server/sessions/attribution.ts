import type { SessionState } from '../../shared/domain/state.ts';
import { createAttributionCache, type AttributionCache } from '../../shared/harvest/attribution/index.ts';

/**
 * Each live session's attribution cache, shared by its commands (keeping and redacting findings,
 * publishing) and its views (the harvest view's findings, the ballot's redacted theme names), so
 * a re-check after one text changed scans only that text. Held by the session's state, it goes
 * when the runtime lets the session go.
 */
const caches = new WeakMap<SessionState, AttributionCache>();

export function attributionCacheOf(state: SessionState): AttributionCache {
  let cache = caches.get(state);
  if (!cache) caches.set(state, (cache = createAttributionCache()));
  return cache;
}
