import { useId, useState, type FormEvent } from 'react';
import { Limits } from '../../../shared/protocol/limits.ts';
import { useT } from '../../i18n/i18n.ts';
import { useParticipant } from '../../state/participant.ts';
import { report } from '../../ui/toast.tsx';
import { send } from '../../net/commands.ts';
import './laterStrings.ts';

/** The host's summary of a round at their table, for the newcomers and the harvest. */
export function SummaryBox({ tableId, round }: { tableId: string; round: number }) {
  const t = useT();
  const id = useId();
  const saved = useParticipant((s) => s.seat?.table?.summaries.find((x) => x.round === round)?.text ?? '');
  const [text, setText] = useState(saved);
  const [busy, setBusy] = useState(false);
  // A summary saved from another device (or a resync) replaces the draft, as it renders.
  const [shown, setShown] = useState(saved);
  if (saved !== shown) {
    setShown(saved);
    setText(saved);
  }

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    report(await send('summary:write', { tableId, round, text }), t('p.summary.saved'));
    setBusy(false);
  };
  return (
    <form className="card stack stack--sm summary-box" onSubmit={(e) => void submit(e)} data-testid="summary-box">
      <label htmlFor={`${id}-s`} className="section-title">
        {t('p.summary.title', { round })}
      </label>
      <p id={`${id}-h`} className="field__hint">
        {t('p.summary.hint')}
      </p>
      <textarea
        id={`${id}-s`}
        className="input"
        rows={3}
        maxLength={Limits.summaryChars}
        value={text}
        aria-describedby={`${id}-h`}
        onChange={(e) => setText(e.target.value)}
      />
      <button type="submit" className="btn btn--secondary" disabled={busy || text === saved} aria-busy={busy}>
        {t('p.summary.save')}
      </button>
    </form>
  );
}
