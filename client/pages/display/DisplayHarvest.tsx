import type { DisplayHarvest } from '../../../shared/protocol/views.ts';
import { useT } from '../../i18n/i18n.ts';
import { Qr } from '../../ui/Qr.tsx';

/**
 * The harvest on the projector: the themes to vote on and how many have voted, then the final dots
 * (as bars readable from the back of the room) and the readout's QR code.
 */
export function DisplayVote({ harvest }: { harvest: DisplayHarvest }) {
  const t = useT();
  const most = Math.max(1, ...harvest.questions.flatMap((q) => q.themes.map((th) => th.votes ?? 0)));
  const shown = harvest.questions.filter((q) => q.themes.length);
  return (
    <section className="display__tables display__vote" aria-labelledby="display-vote" data-testid="display-vote">
      <h2 id="display-vote" className="display__hint">
        {harvest.readoutUrl ? t('d.vote.result') : t('d.vote.title', { count: harvest.votesPerParticipant })}
      </h2>
      <p className="display__voters" data-testid="display-voters">
        {t('d.vote.voters', { count: harvest.voters })}
      </p>
      {shown.length === 0 ? (
        <p className="display__hint">{t('d.vote.waiting')}</p>
      ) : (
        <div className="dvote">
          {shown.map((q) => (
            <section key={q.text} className="dvote__q" aria-label={q.text}>
              <p className="dtable__question">{q.text}</p>
              <ol className="dvote__themes">
                {q.themes.map((th) => (
                  <li key={th.name} className="dvote__theme">
                    <span className="dvote__name" dir="auto">
                      {th.name}
                    </span>
                    {th.votes !== null && (
                      <>
                        <span className="dvote__bar" style={{ inlineSize: `${Math.round((th.votes / most) * 100)}%` }} aria-hidden="true" />
                        <span className="dvote__dots">{t('d.vote.dots', { count: th.votes })}</span>
                      </>
                    )}
                  </li>
                ))}
              </ol>
              {q.more > 0 && <p className="muted">{t('d.vote.more', { count: q.more })}</p>}
            </section>
          ))}
        </div>
      )}
    </section>
  );
}

export function DisplayReadout({ url }: { url: string }) {
  const t = useT();
  return (
    <aside className="display__join" aria-labelledby="display-readout" data-testid="display-readout">
      <h2 id="display-readout" className="display__join-title">
        {t('d.readout.title')}
      </h2>
      <Qr value={url} label={t('d.qrLabel', { url })} className="display__qr" />
      <p className="display__url" data-testid="display-readout-url">
        {url.replace(/^https?:\/\//, '')}
      </p>
      <p className="display__joined">{t('d.readout.body')}</p>
    </aside>
  );
}
