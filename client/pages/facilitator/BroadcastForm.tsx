import { useId, useState, type FormEvent } from 'react';
import { Limits } from '../../../shared/protocol/limits.ts';
import { once } from '../../net/commandIds.ts';
import { useT } from '../../i18n/i18n.ts';
import { useFacilitator } from '../../state/facilitator.ts';
import { run } from './session.ts';
import { useAction } from './useAction.ts';

const EXPIRY_MINUTES = [2, 5, 10, 30];

/** A short message to every phone and the room display. */
export function BroadcastForm() {
  const t = useT();
  const id = useId();
  const last = useFacilitator((s) => s.view?.broadcast ?? null);
  const [text, setText] = useState('');
  // 0: until each reader dismisses it (the projector drops it when the phase changes).
  const [minutes, setMinutes] = useState(0);
  const { busy, act } = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (
      await act(
        'send',
        () => once(`broadcast:${minutes}:${text}`, (commandId) => run('broadcast:send', minutes ? { text, minutes, commandId } : { text, commandId })),
        t('f.done.broadcast'),
      )
    )
      setText('');
  };
  return (
    <form className="card stack stack--sm" onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`} className="section-title">
        {t('f.broadcast')}
      </h2>
      <label htmlFor={`${id}-t`} className="visually-hidden">
        {t('f.broadcastLabel')}
      </label>
      <textarea
        id={`${id}-t`}
        className="input"
        rows={2}
        maxLength={Limits.broadcastChars}
        value={text}
        placeholder={t('f.broadcastPlaceholder')}
        onChange={(e) => setText(e.target.value)}
      />
      <div className="row row--wrap">
        <label htmlFor={`${id}-m`}>{t('f.broadcastFor')}</label>
        <select
          id={`${id}-m`}
          className="input input--small broadcast__for"
          value={minutes}
          onChange={(e) => setMinutes(Number(e.target.value))}
          data-testid="broadcast-for"
        >
          <option value={0}>{t('f.broadcastUntilDismissed')}</option>
          {EXPIRY_MINUTES.map((m) => (
            <option key={m} value={m}>
              {t('f.broadcastMinutes', { minutes: m })}
            </option>
          ))}
        </select>
      </div>
      <div className="row row--between">
        <span className="field__hint">{t('f.charsLeft', { count: Limits.broadcastChars - text.length })}</span>
        <button type="submit" className="btn btn--secondary btn--small" disabled={!text.trim() || busy !== null} aria-busy={busy !== null}>
          {t('f.broadcastSend')}
        </button>
      </div>
      {last && (
        <p className="muted last-broadcast">
          {t('f.broadcastLast')} “{last.text}”
        </p>
      )}
    </form>
  );
}
