import { useEffect, useState } from 'react';
import type { TimerView } from '../../shared/protocol/views.ts';
import { formatClock, remainingMs } from '../net/clock.ts';
import { useT } from '../i18n/i18n.ts';
import { useConnection } from '../state/connection.ts';

/**
 * Counts down locally from the server's deadline; the server never sends ticks. Only this
 * component re-renders every quarter second.
 */
export function Countdown({ timer, className }: { timer: TimerView; className?: string }) {
  const t = useT();
  const offsetMs = useConnection((s) => s.offsetMs);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (timer.status !== 'running') return;
    const id = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(id);
  }, [timer.status]);
  const ms = remainingMs(timer, now, offsetMs);
  if (ms === null) return null;
  const text = formatClock(ms);
  const state = timer.status === 'paused' ? 'paused' : ms === 0 ? 'over' : ms < 60_000 ? 'ending' : 'running';
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
