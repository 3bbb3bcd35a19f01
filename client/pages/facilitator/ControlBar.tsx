import { useT, type MessageId } from '../../i18n/i18n.ts';
import { once } from '../../net/commandIds.ts';
import { useFacilitator } from '../../state/facilitator.ts';
import { activeCount, controls, lobby } from '../../state/facilitatorSelectors.ts';
import { ConfirmButton } from '../../ui/ConfirmButton.tsx';
import { Countdown } from '../../ui/Countdown.tsx';
import { RoundWarning } from '../../ui/RoundWarning.tsx';
import { RapporteurInvite } from '../harvest/RapporteurInvite.tsx';
import { run } from './session.ts';
import { useAction } from './useAction.ts';

const PHASE: Record<string, MessageId> = {
  lobby: 'phase.lobby',
  round: 'phase.round',
  moving: 'phase.moving',
  harvest: 'phase.harvest',
  closed: 'phase.closed',
};

/** The running order of the café: one row, the next step always the prominent button. */
export function ControlBar() {
  const t = useT();
  const view = useFacilitator((s) => s.view)!;
  const c = controls(view);
  const { busy, act } = useAction();
  const { session } = view;
  const waiting = lobby(view).length;

  return (
    <section className="controlbar" aria-label={t('f.controls')} data-testid="controls">
      <div className="controlbar__status">
        <p className="phase-pill" data-testid="phase" data-phase={session.phase}>
          {t(PHASE[session.phase]!, { round: session.round, rounds: session.rounds })}
        </p>
        <Countdown timer={session.timer} className="countdown--bar" warnMs={session.phase === 'round' ? (session.warnMs ?? 0) : undefined} />
        <RoundWarning session={session} className="round-warning--bar" />
        <p className="muted">{t('f.joined', { count: activeCount(view) })}</p>
      </div>
      <div className="controlbar__actions">
        {c.seat && (
          <button
            type="button"
            className={`btn ${session.phase === 'lobby' && waiting > 0 ? 'btn--secondary' : 'btn--ghost'}`}
            disabled={busy !== null || waiting === 0}
            aria-busy={busy === 'seat'}
            onClick={() =>
              void act(
                'seat',
                async () => {
                  const r = await run('seating:assign', {});
                  return r;
                },
                t('f.done.seated'),
              )
            }
          >
            {t('f.seatEveryone')}
            {waiting > 0 && <span className="btn__count">{waiting}</span>}
          </button>
        )}
        {c.start !== null && (
          <button
            type="button"
            className="btn btn--primary"
            disabled={busy !== null}
            aria-busy={busy === 'start'}
            onClick={() => void act('start', () => run('round:start', { round: c.start! }), t('f.done.started', { round: c.start! }))}
          >
            {session.phase === 'moving' ? t('f.nextRound', { round: c.start }) : t('f.start')}
          </button>
        )}
        {c.pause && (
          <button
            type="button"
            className="btn btn--secondary"
            disabled={busy !== null}
            onClick={() => void act('pause', () => run('timer:pause', {}), t('f.done.paused'))}
          >
            {t('f.pause')}
          </button>
        )}
        {c.resume && (
          <button
            type="button"
            className="btn btn--primary"
            disabled={busy !== null}
            onClick={() => void act('resume', () => run('timer:resume', {}), t('f.done.resumed'))}
          >
            {t('f.resume')}
          </button>
        )}
        {c.extend &&
          [1, 5].map((minutes) => (
            <button
              key={minutes}
              type="button"
              className="btn btn--secondary"
              disabled={busy !== null}
              title={t('f.extendLabel', { minutes })}
              onClick={() =>
                void act(
                  `extend${minutes}`,
                  () => once(`extend:${minutes}`, (commandId) => run('timer:extend', { minutes, commandId })),
                  t('f.done.extended', { minutes }),
                )
              }
            >
              {t('f.extend', { minutes })}
            </button>
          ))}
        {c.end !== null && (
          // Ending a round sends everyone on and cannot be undone; after the last one comes the harvest.
          <ConfirmButton
            className="btn btn--primary"
            confirm={c.lastRound ? t('f.endLastConfirm', { round: c.end }) : t('f.endConfirm', { round: c.end })}
            onConfirm={() => void act('end', () => run('round:end', { round: c.end! }), t('f.done.ended', { round: c.end! }))}
            disabled={busy !== null}
          >
            {c.lastRound ? t('f.endLast', { round: c.end }) : t('f.end', { round: c.end })}
          </ConfirmButton>
        )}
        <span className="controlbar__spacer" />
        <RapporteurInvite />
        {c.harvest && (
          <ConfirmButton
            className="btn btn--ghost"
            confirm={t('f.harvestConfirm')}
            onConfirm={() => void act('harvest', () => run('harvest:open', {}), t('f.done.harvest'))}
            disabled={busy !== null}
          >
            {t('f.harvest')}
          </ConfirmButton>
        )}
        {c.close && (
          <ConfirmButton
            className="btn btn--ghost btn--danger-text"
            confirm={t('f.closeConfirm')}
            onConfirm={() => void act('close', () => run('session:close', {}), t('f.done.closed'))}
            disabled={busy !== null}
          >
            {t('f.close')}
          </ConfirmButton>
        )}
      </div>
    </section>
  );
}
