import { useId, useState } from 'react';
import { Limits } from '../../../shared/protocol/limits.ts';
import { useT } from '../../i18n/i18n.ts';
import { useRapporteur } from '../../state/rapporteur.ts';
import { report } from '../../ui/toast.tsx';
import { run } from './session.ts';

const FORMATS = ['pdf', 'html', 'md', 'docx', 'json', 'csv'] as const;

/**
 * Preview, then publish. The preview is the readout as publishing would make it now, rendered by
 * the server as the public page is, and seen only here; publishing re-runs the check and is
 * refused while anything is unresolved.
 */
export function PublishPanel() {
  const t = useT();
  const id = useId();
  const view = useRapporteur((s) => s.view)!;
  const [k, setK] = useState<number>(Limits.defaultMinGroupSize);
  const [busy, setBusy] = useState<'preview' | 'publish' | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  const latest = view.harvest.readouts.at(-1);
  const harvest = view.session.phase === 'harvest';
  const kOk = Number.isInteger(k) && k >= Limits.minMinGroupSize && k <= Limits.maxMinGroupSize;
  return (
    <section className="card stack" aria-labelledby="publish-title" data-testid="publish">
      <h2 id="publish-title" className="section-title">
        {t('h.publish')}
      </h2>
      {!harvest && <p className="muted">{t('h.publishAfterRounds')}</p>}
      <div className="row row--wrap">
        <label htmlFor={id}>{t('h.minGroup')}</label>
        <input
          id={id}
          className="input input--small"
          type="number"
          min={Limits.minMinGroupSize}
          max={Limits.maxMinGroupSize}
          value={k}
          onChange={(e) => setK(Number(e.target.value))}
        />
      </div>
      <div className="row row--wrap">
        <button
          type="button"
          className="btn btn--secondary"
          disabled={busy !== null || !kOk}
          aria-busy={busy === 'preview'}
          onClick={async () => {
            setBusy('preview');
            try {
              const result = await run('readout:preview', { minGroupSize: k });
              if (result.ok) setPreview(result.html);
              else report(result, '');
            } finally {
              setBusy(null);
            }
          }}
        >
          {preview ? t('b.previewAgain') : t('b.preview')}
        </button>
        <button
          type="button"
          className="btn btn--primary"
          disabled={busy !== null || !harvest || !kOk}
          aria-busy={busy === 'publish'}
          onClick={async () => {
            setBusy('publish');
            try {
              if (report(await run('readout:publish', { minGroupSize: k }), t('h.done.published'))) setPreview(null);
            } finally {
              setBusy(null);
            }
          }}
        >
          {latest ? t('h.republish') : t('h.publishNow')}
        </button>
      </div>
      {preview && (
        <div className="stack stack--sm" data-testid="preview">
          <p className="notice">{t('b.previewNotice')}</p>
          {/* The server's own rendering, sandboxed: no script runs in it, its styles stay inside. */}
          <iframe className="preview" title={t('b.previewTitle')} srcDoc={preview} sandbox="" />
        </div>
      )}
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
