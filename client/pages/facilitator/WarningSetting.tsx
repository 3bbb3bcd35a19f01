import { useId } from 'react';
import { useT } from '../../i18n/i18n.ts';
import { useFacilitator } from '../../state/facilitator.ts';
import { run } from './session.ts';
import { useAction } from './useAction.ts';

const CHOICES = [0, 60, 120, 300, 600];

/** How long before each round's end phones, the projector and this console warn. */
export function WarningSetting() {
  const t = useT();
  const id = useId();
  const warnMs = useFacilitator((s) => s.view!.session.warnMs ?? 0);
  const { busy, act } = useAction();
  const seconds = Math.round(warnMs / 1000);
  const choices = CHOICES.includes(seconds) ? CHOICES : [...CHOICES, seconds].sort((a, b) => a - b);
  return (
    <div className="card stack stack--xs">
      <label htmlFor={`${id}-w`} className="section-title">
        {t('f.warnLabel')}
      </label>
      <select
        id={`${id}-w`}
        className="input input--small"
        value={seconds}
        disabled={busy !== null}
        data-testid="warning-setting"
        onChange={(e) => {
          const next = Number(e.target.value);
          void act('warn', () => run('timer:warning', { seconds: next }), t('f.done.warning'));
        }}
      >
        {choices.map((s) => (
          <option key={s} value={s}>
            {s === 0 ? t('f.warnNone') : t('f.warnMinutes', { minutes: Math.round((s / 60) * 10) / 10 })}
          </option>
        ))}
      </select>
    </div>
  );
}
