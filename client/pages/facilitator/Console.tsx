import { lazy, Suspense, useEffect, useState } from 'react';
import { useT } from '../../i18n/i18n.ts';
import { useConnection } from '../../state/connection.ts';
import { facilitatedSessions } from '../../state/credentials.ts';
import { useFacilitator } from '../../state/facilitator.ts';
import { showsSeatingPanel } from '../../state/seatingSelectors.ts';
import { ConnectionBadge } from '../../ui/ConnectionBadge.tsx';
import { Header } from '../../ui/Header.tsx';
import { Link } from '../../ui/Link.tsx';
import { HarvestSummary } from '../harvest/HarvestSummary.tsx';
import { AdmissionPanel } from './AdmissionPanel.tsx';
import { BroadcastForm } from './BroadcastForm.tsx';
import { ControlBar } from './ControlBar.tsx';
import { JoinPanel } from './JoinPanel.tsx';
import { LobbyList } from './LobbyList.tsx';
import { PlanSummary, SeatingPanel } from './SeatingPanel.tsx';
import { startFacilitator, stopFacilitator } from './session.ts';
import { StaffPanel } from './StaffPanel.tsx';
import { TableGrid } from './TableGrid.tsx';
import { WarningSetting } from './WarningSetting.tsx';

// Moderation is opened when needed, mid-round: its code is fetched then, not with the console.
const loadModeration = () => import('./moderation/ModerationView.tsx').then((m) => ({ default: m.ModerationView }));
const ModerationView = lazy(loadModeration);

/**
 * The facilitator's token arrives once in the URL fragment (never sent to the server in a request
 * line); it is kept on this browser so a reload works, and taken out of the address bar so it does
 * not end up on the projector.
 */
function tokenFor(sessionId: string): string | null {
  const fromHash = decodeURIComponent(location.hash.slice(1));
  // The creator's link starts f., a co-facilitator's c.
  if (fromHash.startsWith(`f.${sessionId}.`) || fromHash.startsWith(`c.${sessionId}.`)) {
    const known = facilitatedSessions.get(sessionId);
    facilitatedSessions.remember({ sessionId, token: fromHash, title: known?.title ?? '', code: known?.code ?? '', createdAt: known?.createdAt ?? Date.now() });
    history.replaceState(null, '', location.pathname);
    return fromHash;
  }
  return facilitatedSessions.get(sessionId)?.token ?? null;
}

export function Console({ sessionId }: { sessionId: string }) {
  const t = useT();
  const [token] = useState(() => tokenFor(sessionId));
  const view = useFacilitator((s) => s.view);
  const status = useConnection((s) => s.status);
  const moderating = useFacilitator((s) => s.moderating);
  const setModerating = (table: string | null) => useFacilitator.setState({ moderating: table });

  useEffect(() => {
    if (!token) return;
    startFacilitator(sessionId, token);
    return stopFacilitator;
  }, [sessionId, token]);

  if (!token || status === 'refused') {
    return (
      <div className="page page--narrow">
        <Header />
        <main id="main" className="stack">
          <h1>{t('f.noToken.title')}</h1>
          <p>{t('f.noToken.body')}</p>
          <Link href="/new" className="btn btn--primary">
            {t('f.noToken.action')}
          </Link>
        </main>
      </div>
    );
  }

  return (
    <div className="page page--wide facilitator console">
      <Header>
        <ConnectionBadge />
      </Header>
      {!view ? (
        <main id="main">
          <p className="loading" role="status">
            {t('f.loading')}
          </p>
        </main>
      ) : (
        <main id="main" className="console__main">
          <div className="console__head">
            <div className="stack stack--xs">
              <p className="eyebrow">{t('f.eyebrow', { code: view.session.code })}</p>
              <h1 className="console__title">{view.session.title}</h1>
              <PlanSummary />
            </div>
            {moderating === null && (
              <button
                type="button"
                className="btn btn--secondary"
                onClick={() => setModerating('')}
                onPointerEnter={() => void loadModeration()}
                data-testid="open-moderation"
              >
                {t('m.open')}
              </button>
            )}
          </div>
          <ControlBar />
          {moderating !== null ? (
            <Suspense
              fallback={
                <p className="loading" role="status">
                  {t('f.loading')}
                </p>
              }
            >
              <ModerationView table={moderating} onClose={() => setModerating(null)} />
            </Suspense>
          ) : (
            <>
              {showsSeatingPanel(view) && <SeatingPanel />}
              <div className="console__layout">
                <TableGrid />
                <aside className="console__side stack stack--lg" aria-label={t('f.sidebar')}>
                  {/* Before the café starts, getting people in matters most; after, the stragglers and the room. */}
                  {/* Once the rounds are over, the harvest is what the facilitator follows. */}
                  {(view.session.phase === 'harvest' || view.session.phase === 'closed') && <HarvestSummary />}
                  {view.session.phase === 'lobby' && <JoinPanel sessionId={sessionId} />}
                  <AdmissionPanel />
                  <LobbyList />
                  <BroadcastForm />
                  {(view.session.phase === 'round' || view.session.phase === 'moving') && <HarvestSummary />}
                  {view.session.phase !== 'harvest' && view.session.phase !== 'closed' && <WarningSetting />}
                  {view.session.phase !== 'lobby' && <JoinPanel sessionId={sessionId} />}
                  <StaffPanel sessionId={sessionId} />
                </aside>
              </div>
            </>
          )}
        </main>
      )}
    </div>
  );
}
