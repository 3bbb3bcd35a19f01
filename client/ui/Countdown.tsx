import { useEffect, useState } from 'react';
import type { TimerView } from '../../shared/protocol/views.ts';
import { remainingMs } from '../../shared/domain/timer.ts';
import { formatClock, serverNow } from '../net/clock.ts';
import { useT } from '../i18n/i18n.ts';
import { useConnection } from '../state/connection.ts';

/**
 * Counts down locally from the server's deadline; the server never sends ticks. Only this
 * component re-renders, once per second of the clock, at the moment the second turns.
 *
 * Every render reads the time afresh: a countdown mounted a while ago (in the lobby, say) shows
 * the right second on the first frame of a round, not the second it last ticked at.
 */
export function Countdown({ timer, className, warnMs = 60_000 }: { timer: TimerView; className?: string; warnMs?: number }) {
  const t = useT();
  const offsetMs = useConnection((s) => s.offsetMs);
  const [, tick] = useState(0);
  const ms = remainingMs(timer, serverNow(offsetMs));
  useEffect(() => {
    if (timer.status !== 'running' || ms === null || ms === 0) return;
    // The display changes when the seconds left cross a whole second: wake just after that.
    const id = setTimeout(() => tick((n) => n + 1), (ms % 1000 || 1000) + 5);
    return () => clearTimeout(id);
  });
  if (ms === null) return null;
  const text = formatClock(ms);
  const state = timer.status === 'paused' ? 'paused' : ms === 0 ? 'over' : warnMs > 0 && ms <= warnMs ? 'ending' : 'running';
  return (
    <div className={`countdown countdown--${state} ${className ?? ''}`} data-testid="countdown" data-state={state}>
      {/* Announcing every second would drown a screen reader; the label carries the state instead. */}
      <span className="countdown__time" aria-hidden="true">
        {text}
      </span>
      <span className="visually-hidden">{t('timer.left', { time: text })}</span>
      {state === 'paused' && <span className="countdown__note">{t('timer.paused')}</span>}
      {state === 'over' && <span className="countdown__note">{t('timer.over')}</span>}
    </div>
  );
}
