import { useId } from 'react';
import { useT } from '../../i18n/i18n.ts';
import { facilitatedSessions } from '../../state/credentials.ts';
import { useFacilitator } from '../../state/facilitator.ts';
import { Qr } from '../../ui/Qr.tsx';
import { toast } from '../../ui/toast.tsx';

/** How people get in: the code to read aloud, the link to paste, the QR code to scan or print. */
export function JoinPanel({ sessionId }: { sessionId: string }) {
  const t = useT();
  const id = useId();
  const code = useFacilitator((s) => s.view!.session.code);
  // Behind a proxy, or run from a laptop as localhost, this page's own address is not the one phones can reach.
  const origin = useFacilitator((s) => s.view!.publicUrl) ?? location.origin;
  const joinUrl = `${origin}/join/${code}`;
  const copy = async (value: string, done: string) => {
    try {
      await navigator.clipboard.writeText(value);
      toast('ok', done);
    } catch {
      toast('error', t('f.copyFailed'));
    }
  };
  return (
    <section className="card stack join-panel print-area" aria-labelledby={`${id}-h`} data-testid="join-panel">
      <h2 id={`${id}-h`} className="section-title">
        {t('f.joinTitle')}
      </h2>
      <div className="join-panel__code-row">
        <Qr value={joinUrl} label={t('f.qrLabel', { url: joinUrl })} className="join-panel__qr" />
        <div className="stack stack--xs">
          <p className="eyebrow">{t('f.code')}</p>
          <p className="join-code" data-testid="join-code">
            {code}
          </p>
        </div>
      </div>
      <div className="field">
        <label htmlFor={`${id}-url`}>{t('f.joinLink')}</label>
        <div className="row">
          <input id={`${id}-url`} className="input input--small" readOnly value={joinUrl} data-testid="join-url" onFocus={(e) => e.target.select()} />
          <button type="button" className="btn btn--secondary btn--small" onClick={() => void copy(joinUrl, t('f.copied'))}>
            {t('f.copy')}
          </button>
        </div>
      </div>
      <div className="row row--wrap no-print">
        <a className="btn btn--secondary btn--small" href={`/display/${code}`} target="_blank" rel="noopener">
          {t('f.openDisplay')}
        </a>
        <button type="button" className="btn btn--ghost btn--small" onClick={() => window.print()}>
          {t('f.print')}
        </button>
        <button
          type="button"
          className="btn btn--ghost btn--small"
          onClick={() => void copy(`${origin}/facilitate/${sessionId}#${tokenOf(sessionId)}`, t('f.copiedFacilitator'))}
        >
          {t('f.copyFacilitator')}
        </button>
      </div>
    </section>
  );
}

function tokenOf(sessionId: string): string {
  return facilitatedSessions.get(sessionId)?.token ?? '';
}
