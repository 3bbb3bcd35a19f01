import { useEffect } from 'react';
import { useT, type MessageId } from '../../i18n/i18n.ts';
import { useConnection } from '../../state/connection.ts';
import { flowsByName, hasFlows, invitation, isCrowded, questionsOverview, TABLES_ON_SCREEN, useDisplay } from '../../state/display.ts';
import { DisplayReadout, DisplayVote } from './DisplayHarvest.tsx';
import { ConnectionBadge } from '../../ui/ConnectionBadge.tsx';
import { Countdown } from '../../ui/Countdown.tsx';
import { RoundWarning } from '../../ui/RoundWarning.tsx';
import { LanguageSwitch } from '../../ui/LanguageSwitch.tsx';
import { Qr } from '../../ui/Qr.tsx';
import { useLiveBroadcast } from '../../ui/liveBroadcast.ts';
import { startDisplay, stopDisplay } from './session.ts';

const PHASE: Record<string, MessageId> = {
  lobby: 'd.phase.lobby',
  round: 'd.phase.round',
  moving: 'd.phase.moving',
  harvest: 'd.phase.harvest',
  closed: 'd.phase.closed',
};

/** The projector at the front of the room: read from the back, never needs a mouse. */
export function DisplayApp({ code }: { code: string }) {
  const t = useT();
  const view = useDisplay((s) => s.view);
  const status = useConnection((s) => s.status);
  const live = useLiveBroadcast(view?.broadcast ?? null);

  useEffect(() => {
    startDisplay(code);
    return stopDisplay;
  }, [code]);

  // The projector's QR code must send phones to the address they can reach, not to this laptop's localhost.
  const joinUrl = `${view?.publicUrl ?? location.origin}/join/${code}`;
  if (status === 'refused') {
    return (
      <main id="main" className="display display--message">
        <h1>{t('d.notFound', { code })}</h1>
      </main>
    );
  }
  if (!view) {
    return (
      <main id="main" className="display display--message">
        <p role="status">{t('d.connecting')}</p>
      </main>
    );
  }
  const { session } = view;
  const moving = session.phase === 'moving' && hasFlows(view);
  const crowded = isCrowded(view);
  const questions = crowded ? questionsOverview(view) : [];
  // When not every question fits, the last place on screen says how many more there are.
  const questionsShown = questions.length > TABLES_ON_SCREEN ? TABLES_ON_SCREEN - 1 : questions.length;
  // Join while joining is open; the readout once it is published; a closed café invites nobody.
  const invite = invitation(view);
  return (
    <div className="display">
      <header className="display__top">
        <p className="display__title">{session.title}</p>
        <div className="display__tools">
          <ConnectionBadge />
          <LanguageSwitch />
        </div>
      </header>
      <main id="main" className="display__main">
        <section className="display__clock" aria-labelledby="display-phase">
          <h1 id="display-phase" className="display__phase" data-testid="display-phase">
            {t(PHASE[session.phase]!, { round: session.round, rounds: session.rounds })}
          </h1>
          <Countdown timer={session.timer} className="countdown--display" warnMs={session.phase === 'round' ? (session.warnMs ?? 0) : undefined} />
          <RoundWarning session={session} className="round-warning--display" />
          {live && (
            <p className="display__broadcast" data-testid="broadcast">
              {live.text}
            </p>
          )}
        </section>
        {view.harvest ? (
          <DisplayVote harvest={view.harvest} />
        ) : (
          <section className="display__tables" aria-labelledby="display-tables">
            <h2 id="display-tables" className="visually-hidden">
              {moving && !crowded ? t('d.whereNext') : t('d.tables')}
            </h2>
            {moving && <p className="display__hint">{t(crowded ? 'd.phoneShows' : 'd.whereNextHint')}</p>}
            {crowded ? (
              <ol className="dtables">
                {questions.slice(0, questionsShown).map((q) => (
                  <li key={q.question} className="dtable dtable--question" data-testid="display-question">
                    <p className="dtable__question">{q.question}</p>
                    <p className="dtable__count">{t('d.questionTables', { tables: q.tables, seated: q.seated })}</p>
                  </li>
                ))}
                {questionsShown < questions.length && (
                  <li className="dtable dtable--more">{t('d.moreQuestions', { count: questions.length - questionsShown })}</li>
                )}
              </ol>
            ) : (
              <ol className="dtables">
                {flowsByName(view).map(({ from, to }) => (
                  <li key={from.id} className="dtable" data-testid="display-table">
                    <p className="dtable__name">{from.name}</p>
                    <p className="dtable__question">{from.question}</p>
                    {moving ? (
                      <p className="dtable__flows">
                        {to.length === 0
                          ? t('d.nobodyHere')
                          : to.map((f) => (f.stay ? t('d.stay', { count: f.count }) : t('d.flow', { table: f.name, count: f.count }))).join(' · ')}
                      </p>
                    ) : (
                      <p className="dtable__count">{t('d.seated', { count: from.memberCount })}</p>
                    )}
                  </li>
                ))}
              </ol>
            )}
          </section>
        )}
        {invite === 'readout' && <DisplayReadout url={`${location.origin}${view.harvest!.readoutUrl!}`} />}
        {invite === 'join' && (
          <aside className="display__join" aria-labelledby="display-join">
            <h2 id="display-join" className="display__join-title">
              {t('d.join')}
            </h2>
            <Qr value={joinUrl} label={t('d.qrLabel', { url: joinUrl })} className="display__qr" />
            <p className="display__code" data-testid="display-code">
              {code}
            </p>
            <p className="display__url">{joinUrl.replace(/^https?:\/\//, '')}</p>
            <p className="display__joined">{t('d.joined', { count: view.joinedCount })}</p>
          </aside>
        )}
      </main>
    </div>
  );
}
