import { useId, useState } from 'react';
import { useT } from '../../i18n/i18n.ts';
import { useRapporteur } from '../../state/rapporteur.ts';
import { report } from '../../ui/toast.tsx';
import { run } from './session.ts';

const FORMATS = ['html', 'md', 'docx', 'json', 'csv'] as const;

/** Publishing: the server re-runs the check and refuses while anything is unresolved. */
export function PublishPanel() {
  const t = useT();
  const id = useId();
  const view = useRapporteur((s) => s.view)!;
  const [k, setK] = useState(5);
  const [busy, setBusy] = useState(false);
  const latest = view.harvest.readouts.at(-1);
  const harvest = view.session.phase === 'harvest';
  return (
    <section className="card stack" aria-labelledby="publish-title" data-testid="publish">
      <h2 id="publish-title" className="section-title">
        {t('h.publish')}
      </h2>
      {!harvest && <p className="muted">{t('h.publishAfterRounds')}</p>}
      <div className="row row--wrap">
        <label htmlFor={id}>{t('h.minGroup')}</label>
        <input id={id} className="input input--small" type="number" min={2} max={50} value={k} onChange={(e) => setK(Number(e.target.value))} />
      </div>
      <div>
        <button
          type="button"
          className="btn btn--primary"
          disabled={busy || !harvest}
          aria-busy={busy}
          onClick={async () => {
            setBusy(true);
            try {
              report(await run('readout:publish', { minGroupSize: k }), t('h.done.published'));
            } finally {
              setBusy(false);
            }
          }}
        >
          {latest ? t('h.republish') : t('h.publishNow')}
        </button>
      </div>
      {latest && (
        <div className="stack stack--sm" data-testid="published">
          <p>
            {t('h.publishedVersion', { version: latest.version })}{' '}
            <a href={latest.url} target="_blank" rel="noopener">
              {t('h.openReadout')}
            </a>
          </p>
          <p className="row row--wrap">
            {t('h.download')}
            {FORMATS.map((f) => (
              <a key={f} className="btn btn--ghost btn--small" href={`/api/readouts/${latest.readoutId}.${f}`} download>
                {f.toUpperCase()}
              </a>
            ))}
          </p>
        </div>
      )}
    </section>
  );
}
