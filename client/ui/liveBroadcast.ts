import { useEffect, useState } from 'react';
import type { BroadcastView } from '../../shared/protocol/views.ts';
import { serverNow } from '../net/clock.ts';
import { useConnection } from '../state/connection.ts';

/** Whether a broadcast is still up at `serverNow` (the server's clock, not this device's). */
export function isLive(broadcast: BroadcastView, serverNow: number): boolean {
  return broadcast.expiresAt === null || serverNow < broadcast.expiresAt;
}

/**
 * The broadcast while it is up: a facilitator's "Come back to your tables" taken down after two
 * minutes disappears from every screen at the same second, whatever each device's clock says.
 */
export function useLiveBroadcast(broadcast: BroadcastView | null): BroadcastView | null {
  const offsetMs = useConnection((s) => s.offsetMs);
  const [, redraw] = useState(0);
  const expiresAt = broadcast?.expiresAt ?? null;
  useEffect(() => {
    if (expiresAt === null) return;
    const wait = expiresAt - serverNow(offsetMs);
    if (wait <= 0) return;
    const id = setTimeout(() => redraw((n) => n + 1), wait + 50);
    return () => clearTimeout(id);
  }, [expiresAt, offsetMs]);
  return broadcast && isLive(broadcast, serverNow(offsetMs)) ? broadcast : null;
}
