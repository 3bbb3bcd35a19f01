import { Suspense } from 'react';
import { useT } from '../../i18n/i18n.ts';
import { useParticipant } from '../../state/participant.ts';
import { Composer } from './Composer.tsx';
import { LeaveSession } from './LeaveSession.tsx';
import { TableAudio } from './MyTable.tsx';

/** Before a seat or before round 1: who you are here, and what happens next. */
export function Lobby() {
  const t = useT();
  const session = useParticipant((s) => s.session)!;
  const me = useParticipant((s) => s.me);
  const table = useParticipant((s) => s.seat?.table ?? null);
  const hosting = useParticipant((s) => s.seat?.isHost === true);
  const harvest = session.phase === 'harvest';
  return (
    <section className="stack stack--lg lobby" data-testid="lobby">
      <div className="stack stack--sm">
        <p className="eyebrow" dir="auto">
          {session.title}
        </p>
        <h1>{me ? t('p.lobby.welcome', { name: me.name }) : t('p.lobby.welcomeAnon')}</h1>
      </div>
      {harvest ? (
        <p className="lead">{t('p.harvest.body')}</p>
      ) : table ? (
        <div className="card stack stack--sm" data-testid="table-card">
          <p className="eyebrow">{t('p.lobby.seated')}</p>
          <h2 className="table-name">{table.name}</h2>
          {/* Named before the café starts: told now, not when round 1 begins. */}
          {hosting && (
            <p className="badge badge--host" data-testid="you-host">
              {t('p.table.youHost')}
            </p>
          )}
          <p className="question">{table.question}</p>
          <p className="muted">{t('p.lobby.startsSoon')}</p>
        </div>
      ) : (
        <p className="lead">{t('p.lobby.waiting')}</p>
      )}
      {/* Remote people can greet their table (and try their microphone) before round 1. */}
      {!harvest && table && table.mode !== 'room' && (
        <Suspense fallback={null}>
          <TableAudio />
        </Suspense>
      )}
      <p className="chatham">
        <strong>{t('chatham.title')}</strong> {t('chatham.line')}
      </p>
      <LeaveSession />
      <Composer />
    </section>
  );
}
