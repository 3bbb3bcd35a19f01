import { useEffect, useState } from 'react';
import { useT, type MessageId } from '../../i18n/i18n.ts';
import { useConnection } from '../../state/connection.ts';
import { useRapporteur } from '../../state/rapporteur.ts';
import { ConnectionBadge } from '../../ui/ConnectionBadge.tsx';
import { Header } from '../../ui/Header.tsx';
import { Board } from './Board.tsx';
import { Findings } from './Findings.tsx';
import { PublishPanel } from './PublishPanel.tsx';
import { QuestionSynthesis, Takeaways } from './Writing.tsx';
import { rapporteurToken, startRapporteur, stopRapporteur } from './session.ts';

const PHASE: Record<string, MessageId> = {
  lobby: 'h.phase.lobby',
  round: 'h.phase.round',
  moving: 'h.phase.moving',
  harvest: 'h.phase.harvest',
  closed: 'h.phase.closed',
};

/** The rapporteur's workspace: sort notes into themes per question, check attribution, publish. */
export function RapporteurApp({ sessionId }: { sessionId: string }) {
  const t = useT();
  const [token] = useState(() => rapporteurToken(sessionId));
  const view = useRapporteur((s) => s.view);
  const ended = useRapporteur((s) => s.ended);
  const question = useRapporteur((s) => s.question);
  const status = useConnection((s) => s.status);
  const refusal = useConnection((s) => s.refusal);

  useEffect(() => {
    if (!token) return;
    startRapporteur(token);
    return stopRapporteur;
  }, [token]);

  if (!token || status === 'refused' || ended) {
    return (
      <div className="page page--narrow">
        <Header />
        <main id="main" className="stack" data-testid="rapporteur-refused">
          <h1>{t('h.noToken.title')}</h1>
          <p>{ended?.message ?? refusal?.message ?? t('h.noToken.body')}</p>
        </main>
      </div>
    );
  }

  return (
    <div className="page page--wide rapporteur">
      <Header>
        <ConnectionBadge />
      </Header>
      {!view ? (
        <main id="main">
          <p className="loading" role="status">
            {t('h.loading')}
          </p>
        </main>
      ) : (
        <main id="main" className="stack stack--lg rapporteur__main">
          <div className="row row--between row--wrap">
            <div className="stack stack--xs">
              <p className="eyebrow">{t('h.eyebrow', { label: view.rapporteur.label })}</p>
              <h1 className="rapporteur__title">{view.session.title}</h1>
            </div>
            <p className="phase-pill" data-testid="phase" data-phase={view.session.phase}>
              {t(PHASE[view.session.phase]!, { round: view.session.round, rounds: view.session.rounds })}
            </p>
          </div>
          <p className="chatham">{t('h.rule')}</p>
          <nav aria-label={t('h.questions')} className="question-tabs">
            {view.questions.map((q, i) => (
              <button
                key={q.key}
                type="button"
                className={`question-tab${q.key === question ? ' question-tab--active' : ''}`}
                title={q.text}
                aria-pressed={q.key === question}
                onClick={() => useRapporteur.setState({ question: q.key, selected: new Set(), anchor: null })}
              >
                <span className="question-tab__n">{t('h.questionN', { n: i + 1 })}</span>
                <span dir="auto">{q.text}</span>
              </button>
            ))}
          </nav>
          {question && <Board key={question} questionKey={question} />}
          {question && <QuestionSynthesis key={`s-${question}`} questionKey={question} />}
          <Takeaways />
          <Findings />
          <PublishPanel />
        </main>
      )}
    </div>
  );
}
