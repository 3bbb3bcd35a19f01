import { useEffect, useRef, useState } from 'react';
import { isWarning, remainingMs } from '../../shared/domain/timer.ts';
import type { PhaseView } from '../../shared/protocol/views.ts';
import { serverNow } from '../net/clock.ts';
import { useT } from '../i18n/i18n.ts';
import { useConnection } from '../state/connection.ts';

/**
 * "Round 2 ends in under 1 minute", on every screen at the same second, as long before the end as
 * the facilitator set. A phone buzzes once when it appears.
 */
export function RoundWarning({ session, className = '', buzz = false }: { session: PhaseView; className?: string; buzz?: boolean }) {
  const t = useT();
  const offsetMs = useConnection((s) => s.offsetMs);
  const [, wake] = useState(0);
  const warnMs = session.warnMs ?? 0;
  const left = remainingMs(session.timer, serverNow(offsetMs));
  const on = isWarning(session.phase, left, warnMs);
  useEffect(() => {
    if (session.timer.status !== 'running' || left === null || left === 0) return;
    // Wake when the warning starts, or when the round ends and it goes.
    const wait = on ? left : left - warnMs;
    const id = setTimeout(() => wake((n) => n + 1), Math.max(0, wait) + 5);
    return () => clearTimeout(id);
  });
  const buzzed = useRef<string | null>(null);
  const key = `${session.round}:${warnMs}`;
  useEffect(() => {
    if (!on || !buzz || buzzed.current === key) return;
    buzzed.current = key;
    try {
      navigator.vibrate?.([250, 100, 250]);
    } catch {
      // Not allowed here; the banner is enough.
    }
  }, [on, buzz, key]);
  if (!on) return null;
  return (
    <p className={`round-warning ${className}`} role="alert" data-testid="round-warning">
      {t('warning.round', { round: session.round, minutes: Math.max(1, Math.ceil(warnMs / 60_000)) })}
    </p>
  );
}
