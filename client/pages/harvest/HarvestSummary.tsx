import { useMemo } from 'react';
import { useT } from '../../i18n/i18n.ts';
import { progress } from '../../state/board.ts';
import { useFacilitator } from '../../state/facilitator.ts';
import './strings.ts';

/** Themes listed per question: the leading ones by votes; the rapporteurs' page has them all. */
const TOP = 5;

/**
 * The facilitator's view of the harvest, in the console: how far the sorting has gone, the themes
 * with their votes, how many attribution findings are still open, and the readout's link once
 * published. The rapporteurs do the work on their own page; the facilitator follows it here.
 */
export function HarvestSummary() {
  const t = useT();
  const view = useFacilitator((s) => s.view)!;
  const { harvest, notes, questions } = view;
  const p = useMemo(() => progress(notes, harvest), [notes, harvest]);
  const latest = harvest.readouts.at(-1);
  const standing = harvest.themes.filter((th) => !th.mergedInto);
  if (view.session.phase === 'lobby' && !standing.length) return null;
  const pct = p.total ? Math.round(((p.sorted + p.aside) / p.total) * 100) : 0;
  return (
    <section className="card stack stack--sm" aria-labelledby="harvest-summary-title" data-testid="harvest-summary">
      <h2 id="harvest-summary-title" className="section-title">
        {t('h.sum.title')}
      </h2>
      <div className="stack stack--xs">
        <p data-testid="sort-progress">{t('h.sum.progress', { placed: p.sorted + p.aside, total: p.total, themes: standing.length })}</p>
        <progress className="harvest-progress" max={p.total || 1} value={p.sorted + p.aside} aria-label={t('h.sum.progressLabel', { pct })} />
        <p className="muted">{t('h.sum.split', { sorted: p.sorted, aside: p.aside, unsorted: p.unsorted })}</p>
      </div>
      <p data-testid="votes-summary">{t('h.sum.votes', { voters: harvest.voters, perParticipant: harvest.votesPerParticipant })}</p>
      <p className={harvest.unresolved ? 'notice notice--error' : 'notice'} data-testid="findings-open">
        {harvest.unresolved ? t('h.unresolved', { count: harvest.unresolved }) : t('h.allResolved')}
      </p>
      {questions.map((q) => {
        const themes = standing.filter((th) => th.question === q.key).sort((a, b) => b.votes - a.votes || a.name.localeCompare(b.name));
        if (!themes.length) return null;
        return (
          <div key={q.key} className="stack stack--xs">
            <h3 className="harvest-summary__q">{q.text}</h3>
            <ol className="harvest-summary__themes">
              {themes.slice(0, TOP).map((th) => (
                <li key={th.id}>
                  <span dir="auto">{th.name}</span> <span className="muted">{t('h.sum.theme', { notes: th.noteIds.length, votes: th.votes })}</span>
                </li>
              ))}
            </ol>
            {themes.length > TOP && <p className="muted">{t('h.sum.more', { count: themes.length - TOP })}</p>}
          </div>
        );
      })}
      {latest && (
        <p data-testid="readout-link">
          {t('h.publishedVersion', { version: latest.version })}{' '}
          <a href={latest.url} target="_blank" rel="noopener">
            {t('h.openReadout')}
          </a>
        </p>
      )}
    </section>
  );
}
