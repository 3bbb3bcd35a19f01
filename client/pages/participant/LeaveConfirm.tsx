import { useEffect, useId, useRef, useState } from 'react';
import type { Result } from '../../../shared/protocol/errors.ts';
import { useT } from '../../i18n/i18n.ts';
import { describeRefusal } from '../../ui/refusal.ts';
import { Link } from '../../ui/Link.tsx';
import './laterStrings.ts';

/** Leaving asks once more, in place; the answer focuses "Leave" so a second tap (or Enter) confirms. */
export function LeaveConfirm({ leave, onCancel }: { leave: () => Promise<Result>; onCancel: () => void }) {
  const t = useT();
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const yes = useRef<HTMLButtonElement>(null);
  useEffect(() => yes.current?.focus(), []);
  const confirm = async () => {
    if (busy) return;
    setBusy(true);
    const result = await leave();
    setBusy(false);
    if (!result.ok) setError(describeRefusal(result));
  };
  return (
    <div className="leave leave--asking stack stack--sm" role="group" aria-labelledby={`${id}-q`}>
      <p id={`${id}-q`}>{t('p.leave.confirm')}</p>
      <div className="row row--wrap">
        <button type="button" className="btn btn--danger btn--small" ref={yes} aria-busy={busy} onClick={() => void confirm()}>
          {t('p.leave.yes')}
        </button>
        <button type="button" className="btn btn--ghost btn--small" onClick={onCancel}>
          {t('action.cancel')}
        </button>
      </div>
      {error && (
        <p className="notice notice--error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

/** After leaving: what became of the notes, and the way back in. */
export function LeftSession({ code }: { code: string | null }) {
  const t = useT();
  return (
    <section className="stack" data-testid="ended">
      <h1>{t('p.left.title')}</h1>
      <p>{t('p.left.body')}</p>
      <Link className="btn btn--primary btn--block" href={code ? `/join/${code}` : '/join'}>
        {t('p.left.again')}
      </Link>
    </section>
  );
}
