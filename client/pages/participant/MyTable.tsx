import { lazy, Suspense } from 'react';
import { useT } from '../../i18n/i18n.ts';
import { useParticipant } from '../../state/participant.ts';
import { earlierRounds, notesThisRound, summaryRound } from '../../state/participantSelectors.ts';
import { Countdown } from '../../ui/Countdown.tsx';
import { Composer } from './Composer.tsx';
import { LeaveSession } from './LeaveSession.tsx';
import { NoteItem } from './NoteItem.tsx';
import { SummaryBox } from './later.ts';

// Table audio's panel loads only at tables that take remote people; its call, only when one starts.
export const TableAudio = lazy(() => import('../../audio/TableAudio.tsx'));

/** The table: its question, the clock, this round's notes as they arrive, and what came before. */
export function MyTable() {
  const t = useT();
  const state = useParticipant();
  const session = state.session!;
  const seat = state.seat!;
  const table = seat.table!;
  const current = notesThisRound(state);
  const earlier = earlierRounds(state);
  const summaryFor = summaryRound(state);
  const moving = session.phase === 'moving';

  return (
    <div className="my-table">
      <section className="table-head" aria-labelledby="table-name" data-testid="my-table" data-table-id={table.id}>
        <p className="eyebrow">
          {moving ? t('p.table.next', { round: session.round }) : t('p.table.round', { round: session.round, rounds: session.rounds })}
          {seat.isHost && (
            <span className="badge badge--host" data-testid="you-host">
              {t('p.table.youHost')}
            </span>
          )}
        </p>
        <h1 id="table-name" className="table-name" data-testid="table-name">
          {table.name}
        </h1>
        <p className="question">{table.question}</p>
        <Countdown timer={session.timer} className="countdown--hero" warnMs={session.phase === 'round' ? (session.warnMs ?? 0) : undefined} />
        <p className="muted table-meta">
          {t('p.table.members', { count: table.memberCount })}
          {table.hasHost && !seat.isHost ? ` · ${t('p.table.hasHost')}` : ''}
        </p>
        {state.me?.presence === 'remote' && table.videoUrl && (
          <a className="btn btn--secondary btn--block" href={table.videoUrl} target="_blank" rel="noopener noreferrer">
            {t('p.table.video')}
          </a>
        )}
      </section>

      {table.mode !== 'room' && (
        <Suspense fallback={null}>
          <TableAudio />
        </Suspense>
      )}

      {!moving && (
        <section className="notes" aria-labelledby="notes-now">
          <h2 id="notes-now" className="section-title" tabIndex={-1}>
            {t('p.notes.thisRound')} <span className="count">{current.length}</span>
          </h2>
          {current.length === 0 ? (
            <p className="muted empty">{t('p.notes.empty')}</p>
          ) : (
            <ol className="note-list" data-testid="notes-current">
              {current.map((n) => (
                <NoteItem key={n.id} note={n} />
              ))}
            </ol>
          )}
        </section>
      )}

      {summaryFor !== null && (
        <Suspense fallback={null}>
          <SummaryBox tableId={table.id} round={summaryFor} />
        </Suspense>
      )}

      {earlier.length > 0 && (
        <section className="notes notes--earlier" aria-labelledby="notes-earlier" data-testid="notes-earlier">
          <h2 id="notes-earlier" className="section-title">
            {t('p.notes.earlier')}
          </h2>
          {earlier.map((r) => (
            <details key={r.round} className="round-group">
              <summary>{t('p.notes.roundGroup', { round: r.round, count: r.notes.length })}</summary>
              {r.summary && (
                <div className="summary-quote">
                  <p className="eyebrow">{t('p.summary.label')}</p>
                  <p>{r.summary}</p>
                </div>
              )}
              <ol className="note-list">
                {r.notes.map((n) => (
                  <NoteItem key={n.id} note={n} />
                ))}
              </ol>
            </details>
          ))}
        </section>
      )}

      <LeaveSession />
      <Composer />
    </div>
  );
}
