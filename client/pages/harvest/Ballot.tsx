import { useT } from '../../i18n/i18n.ts';
import { dotsLeft, useParticipantHarvest } from '../../state/harvest.ts';
import { report } from '../../ui/toast.tsx';
import { castDots } from './participantHarvest.ts';
import './strings.ts';

/** Dot voting: the themes of each question, the participant's own dots, and what is left. */
export function Ballot() {
  const t = useT();
  const ballot = useParticipantHarvest((s) => s.ballot);
  const myDots = useParticipantHarvest((s) => s.myDots);
  const left = useParticipantHarvest(dotsLeft);
  if (!ballot) return null;
  const questions = ballot.questions.filter((q) => ballot.themes.some((th) => th.question === q.key));
  return (
    <section className="card stack ballot" aria-labelledby="ballot-title" data-testid="ballot">
      <h2 id="ballot-title" className="card__title">
        {t('h.vote.title')}
      </h2>
      <p className="lead" role="status" data-testid="dots-left">
        {ballot.open ? t('h.vote.left', { count: left, total: ballot.votesPerParticipant }) : t('h.vote.closed')}
      </p>
      {questions.length === 0 && <p className="muted">{t('h.vote.none')}</p>}
      {questions.map((q) => (
        <section key={q.key} className="stack stack--sm" aria-label={q.text}>
          <h3 className="ballot__question">{q.text}</h3>
          <ul className="plain-list stack stack--sm">
            {ballot.themes
              .filter((th) => th.question === q.key)
              .map((th) => {
                const mine = myDots[th.id] ?? 0;
                return (
                  <li key={th.id} className="ballot__theme" data-testid="ballot-theme">
                    <span className="ballot__name">{th.name}</span>
                    <span className="ballot__dots" aria-hidden="true">
                      {'●'.repeat(mine)}
                    </span>
                    <span className="visually-hidden">{t('h.vote.mine', { count: mine })}</span>
                    {ballot.open && (
                      <span className="row">
                        <button
                          type="button"
                          className="btn btn--secondary btn--small"
                          aria-label={t('h.vote.less', { name: th.name })}
                          disabled={mine === 0}
                          onClick={async () => report(await castDots(th.id, mine - 1), t('h.vote.done'))}
                        >
                          −
                        </button>
                        <button
                          type="button"
                          className="btn btn--primary btn--small"
                          aria-label={t('h.vote.more', { name: th.name })}
                          disabled={left === 0}
                          onClick={async () => report(await castDots(th.id, mine + 1), t('h.vote.done'))}
                        >
                          +
                        </button>
                      </span>
                    )}
                  </li>
                );
              })}
          </ul>
        </section>
      ))}
    </section>
  );
}
