import { lazy, Suspense, useEffect, useState } from 'react';
import { useT } from '../../i18n/i18n.ts';
import { useConnection } from '../../state/connection.ts';
import { useParticipant } from '../../state/participant.ts';
import { rotation, waitingCount } from '../../state/participantSelectors.ts';
import { BroadcastBanner } from '../../ui/BroadcastBanner.tsx';
import { ConnectionBadge } from '../../ui/ConnectionBadge.tsx';
import { Header } from '../../ui/Header.tsx';
import { Link } from '../../ui/Link.tsx';
import { primeAudio } from './alerts.ts';
import { Lobby } from './Lobby.tsx';
import { MyTable } from './MyTable.tsx';
import { LeftSession, preloadLater, RotationCard } from './later.ts';
import { dismissBroadcast, startParticipant, stopParticipant } from './session.ts';

// The harvest's screens (and their strings and styles) load when the harvest opens: most of a
// café is rounds, and the phone's first download stays within its budget.
const Ballot = lazy(() => import('../harvest/Ballot.tsx').then((m) => ({ default: m.Ballot })));
const MyReadout = lazy(() => import('../harvest/MyReadout.tsx').then((m) => ({ default: m.MyReadout })));

/** The phone app: one screen that follows the café's phase. */
export function ParticipantApp({ sessionId }: { sessionId: string }) {
  const t = useT();
  const [started, setStarted] = useState<'started' | 'no-credentials' | null>(null);
  const status = useConnection((s) => s.status);
  const refusal = useConnection((s) => s.refusal);
  const state = useParticipant();

  useEffect(() => {
    // Starting opens the connection (an effect by nature) and says whether this browser can take part.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setStarted(startParticipant(sessionId));
    // Sound is only allowed after a touch; the first one unlocks it for the rotation chime.
    window.addEventListener('pointerdown', primeAudio, { once: true });
    return () => {
      stopParticipant();
      window.removeEventListener('pointerdown', primeAudio);
    };
  }, [sessionId]);

  const confirmed = state.session !== null && !state.fromCache;
  useEffect(() => {
    if (confirmed) void preloadLater();
  }, [confirmed]);

  if (started === 'no-credentials') {
    return (
      <Shell>
        <section className="stack">
          <h1>{t('p.noCredentials.title')}</h1>
          <p>{t('p.noCredentials.body')}</p>
          <Link className="btn btn--primary btn--block" href="/join">
            {t('p.noCredentials.action')}
          </Link>
        </section>
      </Shell>
    );
  }

  if (state.ended?.reason === 'left') {
    return (
      <Shell>
        <Suspense fallback={null}>
          <LeftSession code={state.session?.code ?? null} />
        </Suspense>
      </Shell>
    );
  }

  if (state.ended || status === 'refused') {
    const declined = state.ended?.reason === 'declined';
    const removed = state.ended?.reason === 'removed' || refusal?.error === 'forbidden';
    const closed = state.ended?.reason === 'closed' || state.session?.phase === 'closed';
    const key = closed ? 'p.closed' : declined ? 'p.declined' : removed ? 'p.removed' : 'p.refused';
    return (
      <Shell>
        <section className="stack" data-testid="ended">
          <h1>{t(`${key}.title`)}</h1>
          <p>{t(`${key}.body`)}</p>
        </section>
      </Shell>
    );
  }

  const session = state.session;
  if (!session) {
    return (
      <Shell>
        <p className="loading" role="status">
          {t('p.connecting')}
        </p>
      </Shell>
    );
  }

  const move = rotation(state);
  const showCard = move !== null && state.dismissedRotation !== session.round;
  const broadcast = state.broadcast && state.dismissedBroadcast !== state.broadcast.id ? state.broadcast : null;

  return (
    <Shell waiting={waitingCount(state)}>
      {broadcast && <BroadcastBanner broadcast={broadcast} onDismiss={() => dismissBroadcast(broadcast.id)} />}
      {state.me?.muted && (
        // Told to this person alone: nobody else's screen changes, and nobody learns who they are.
        <section className="banner banner--private" role="status" data-testid="muted-notice">
          <p className="banner__text">
            <strong>{t('p.muted.title')}</strong> {t('p.muted.body')}
          </p>
        </section>
      )}
      {showCard ? (
        <Suspense fallback={<p className="loading">{t('app.loading')}</p>}>
          <RotationCard rotation={move} />
        </Suspense>
      ) : state.me?.waiting ? (
        <section className="stack" data-testid="waiting-admission" role="status">
          <h1>{t('p.admission.title')}</h1>
          <p>{t('p.admission.body')}</p>
        </section>
      ) : session.phase === 'closed' ? (
        <section className="stack" data-testid="ended">
          <h1>{t('p.closed.title')}</h1>
          <p>{t('p.closed.body')}</p>
          <Suspense fallback={null}>
            <MyReadout />
          </Suspense>
        </section>
      ) : session.phase === 'harvest' ? (
        <div className="stack stack--lg">
          <Suspense fallback={<p className="loading">{t('app.loading')}</p>}>
            <MyReadout />
            <Ballot />
          </Suspense>
          {state.seat?.table && <MyTable />}
        </div>
      ) : session.phase === 'lobby' || !state.seat?.table ? (
        <Lobby />
      ) : (
        <MyTable />
      )}
    </Shell>
  );
}

function Shell({ children, waiting = 0 }: { children: React.ReactNode; waiting?: number }) {
  return (
    <div className="page page--phone participant">
      <Header home={false}>
        <ConnectionBadge waiting={waiting} keepsNotes />
      </Header>
      <main id="main" className="participant__main">
        {children}
      </main>
    </div>
  );
}
