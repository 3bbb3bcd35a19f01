import { useEffect, useId } from 'react';
import type { PlanFiguresView, PreviewRoundView } from '../../../shared/protocol/views.ts';
import { DEFAULT_MIN_TABLE_SIZE } from '../../../shared/rotation/types.ts';
import { intlLocale, useLocale, useT, type MessageId } from '../../i18n/i18n.ts';
import { useFacilitator } from '../../state/facilitator.ts';
import { groupColorIndex } from '../../state/facilitatorSelectors.ts';
import { newQuestionShare, percent, previewRound, previewStatus, roundSpan, type PreviewStatus } from '../../state/seatingSelectors.ts';
import { groupColor } from './groupColors.ts';
import { acceptPreview, loadPreview, reshuffle } from './seating.ts';

const CONFLICT: Record<string, MessageId> = {
  'pin-overflow': 'f.plan.conflict.pinOverflow',
  'pin-invalid': 'f.plan.conflict.pinInvalid',
  'pin-overruled-by-host': 'f.plan.conflict.pinOverruled',
  'host-invalid': 'f.plan.conflict.hostInvalid',
  'host-table-closed': 'f.plan.conflict.hostTableClosed',
  'pin-table-closed': 'f.plan.conflict.pinTableClosed',
};

const CLOSED: Record<string, MessageId> = {
  'too-few-people': 'f.plan.closed.tooFew',
  'none-fit': 'f.plan.closed.noneFit',
};

export function usePercent() {
  const locale = useLocale();
  return (share: number) => new Intl.NumberFormat(intlLocale(locale), { style: 'percent', maximumFractionDigits: 0 }).format(percent(share) / 100);
}

/**
 * "Next seating": who would sit where next, with the figures that say how good it is, before it is
 * applied. Accept makes the round end (or "Seat everyone") apply exactly this; Reshuffle shows
 * another plan; Refresh when the café changed since.
 */
export function SeatingPanel() {
  const t = useT();
  const id = useId();
  const view = useFacilitator((s) => s.view)!;
  const preview = useFacilitator((s) => s.preview);
  const status = previewStatus(view, preview);
  const { phase, round } = view.session;
  const lobby = phase === 'lobby';

  // A new phase or round has a new "next seating": ask for it (the accepted plan's, if there is one).
  useEffect(() => {
    void loadPreview();
  }, [phase, round]);
  // Seating the lobby as the accepted plan says moves the seating version on: look again rather than
  // call the accepted plan stale (the server answers that it still fits, or how it was adjusted).
  const acceptedButStale = status === 'stale' && !!preview.data?.accepted;
  useEffect(() => {
    if (acceptedButStale) void loadPreview({ attempt: 'same' });
  }, [acceptedButStale, view.seating.version]);

  const data = preview.data;
  const first = data?.rounds[0];
  const busy = preview.busy;
  const guard = (fn: () => unknown) => () => {
    if (!busy) void fn();
  };

  return (
    <section className="card plan stack" aria-labelledby={`${id}-title`} data-testid="seating-preview" data-status={status}>
      <div className="plan__head">
        <div className="stack stack--xs">
          <h2 id={`${id}-title`} className="section-title">
            {t('f.plan.title')}
            {first && <span className="plan__round">{t('f.plan.roundN', { round: first.round })}</span>}
            {status === 'accepted' && <span className="badge badge--ok">{t('f.plan.acceptedBadge')}</span>}
            {data && data.attempt > 0 && status !== 'accepted' && <span className="badge">{t('f.plan.reshuffleN', { n: data.attempt })}</span>}
          </h2>
          <p className="plan__status" data-testid="plan-status" aria-live="polite">
            {statusText(t, status, lobby, first, !!view.seating.plan)}
          </p>
        </div>
        <div className="plan__actions">
          {status === 'stale' && (
            <button
              type="button"
              className="btn btn--primary"
              aria-disabled={busy !== null}
              aria-busy={busy === 'load'}
              onClick={guard(() => loadPreview({ attempt: 'same' }))}
            >
              {t('f.plan.refresh')}
            </button>
          )}
          {data && data.rounds.length > 0 && (
            <button type="button" className="btn btn--secondary" aria-disabled={busy !== null} aria-busy={busy === 'reshuffle'} onClick={guard(reshuffle)}>
              {t('f.plan.reshuffle')}
            </button>
          )}
          {(status === 'proposal' || status === 'adjusted') && first && (
            <button type="button" className="btn btn--primary" aria-disabled={busy !== null} aria-busy={busy === 'accept'} onClick={guard(acceptPreview)}>
              {t('f.plan.accept')}
            </button>
          )}
        </div>
      </div>

      {preview.error && (
        <p className="notice notice--error" role="alert">
          {preview.error}
        </p>
      )}

      {data && first && (
        <div className={`stack plan__body ${status === 'stale' ? 'plan__body--stale' : ''}`} aria-busy={busy !== null}>
          <Figures figures={data.figures} rounds={data.roundNumbers} />
          <RoundSeating round={first} />
          {data.roundNumbers.length > 1 && (
            <div className="stack stack--sm">
              <label className="check">
                <input
                  type="checkbox"
                  checked={preview.detail === 'all'}
                  onChange={(e) => void loadPreview({ attempt: 'same', detail: e.target.checked ? 'all' : 'next' })}
                />
                {t('f.plan.showAll', { count: data.roundNumbers.length - 1, rounds: roundSpan(data.roundNumbers.slice(1)) })}
              </label>
              {preview.detail === 'all' &&
                data.rounds.slice(1).map((r) => (
                  <details key={r.round} className="plan__later" data-testid="preview-later">
                    <summary>
                      <span className="plan__later-title">{t('f.plan.roundN', { round: r.round })}</span> <RoundLine round={r} />
                    </summary>
                    <RoundSeating round={r} />
                  </details>
                ))}
            </div>
          )}
        </div>
      )}
      {data && !first && <p className="muted">{t('f.plan.nothing')}</p>}
    </section>
  );
}

function statusText(t: ReturnType<typeof useT>, status: PreviewStatus, lobby: boolean, first: PreviewRoundView | undefined, hasPlan: boolean): string {
  switch (status) {
    case 'loading':
      return t('f.plan.loading');
    case 'stale':
      return t('f.plan.stale');
    case 'accepted':
      return lobby ? t('f.plan.acceptedLobby') : t('f.plan.accepted');
    case 'adjusted':
      return t('f.plan.adjusted', { count: first?.figures.moves ?? 0 });
    case 'proposal':
      return hasPlan ? t('f.plan.replaces') : lobby ? t('f.plan.proposalLobby') : t('f.plan.proposal');
  }
}

/** The plan's figures over every remaining round. */
function Figures({ figures, rounds }: { figures: PlanFiguresView; rounds: number[] }) {
  const t = useT();
  const pct = usePercent();
  return (
    <div className="stack stack--xs">
      <p className="eyebrow">{rounds.length > 1 ? t('f.plan.over', { rounds: roundSpan(rounds) }) : t('f.plan.for', { round: rounds[0] ?? '' })}</p>
      <dl className="figures" data-testid="plan-figures">
        <div className="figure">
          <dt>{t('f.plan.pairs')}</dt>
          <dd>
            <strong data-testid="figure-pairs">{figures.extraMeetings}</strong>
            <span>
              {t('f.plan.pairsOf')} · {t('f.plan.bound', { bound: figures.lowerBound })}
            </span>
          </dd>
        </div>
        {figures.distinctRepeatedPairs !== null && (
          <div className="figure">
            <dt>{t('f.plan.distinct')}</dt>
            <dd>
              <strong data-testid="figure-distinct">{figures.distinctRepeatedPairs}</strong>
              <span>
                {t('f.plan.distinctOf')}
                {figures.distinctLowerBound !== null && <> · {t('f.plan.bound', { bound: figures.distinctLowerBound })}</>}
              </span>
            </dd>
          </div>
        )}
        <div className="figure">
          <dt>{t('f.plan.mix')}</dt>
          <dd>
            <strong>{pct(figures.diversity)}</strong>
            <span>{t('f.plan.mixOf')}</span>
          </dd>
        </div>
        <div className="figure">
          <dt>{t('f.plan.newQuestion')}</dt>
          <dd>
            <strong>{pct(figures.newQuestionShare)}</strong>
            <span>{t('f.plan.newQuestionOf')}</span>
          </dd>
        </div>
        {figures.waiting > 0 && (
          <div className="figure figure--warn">
            <dt>{t('f.plan.waiting')}</dt>
            <dd>
              <strong>{figures.waiting}</strong>
              <span>{t('f.plan.waitingOf')}</span>
            </dd>
          </div>
        )}
      </dl>
    </div>
  );
}

/** One round's figures in a line, for the later rounds' headings. */
function RoundLine({ round }: { round: PreviewRoundView }) {
  const t = useT();
  const pct = usePercent();
  const share = newQuestionShare(round);
  return (
    <span className="muted">
      {t('f.plan.line', { pairs: round.figures.repeatedPairs, mix: pct(round.figures.diversity), newQuestion: share === null ? '–' : pct(share) })}
    </span>
  );
}

/** Who sits where in one round: per table the names, hosts and pins marked; then who waits and what could not be kept. */
function RoundSeating({ round }: { round: PreviewRoundView }) {
  const t = useT();
  const view = useFacilitator((s) => s.view)!;
  const { tables, waiting, conflicts } = previewRound(view, round);
  const tableName = new Map(view.tables.map((t) => [t.id, t.name]));
  return (
    <div className="stack stack--sm">
      <ol className="ptables" aria-label={t('f.plan.tablesIn', { round: round.round })} data-testid="preview-round" data-round={round.round}>
        {tables.map(({ table, people }) => (
          <li key={table.id} className="ptable" data-testid="preview-table" data-table-id={table.id}>
            <p className="ptable__head">
              <span className="ptable__name">{table.name}</span>
              <span className="ptable__count">{t('f.plan.people', { count: people.length, capacity: table.capacity })}</span>
            </p>
            {people.length === 0 ? (
              <p className="muted ptable__empty">{t('f.plan.emptyTable')}</p>
            ) : (
              <ul className="ptable__people">
                {people.map((p) => (
                  <li key={p.id} className="pperson" data-testid="preview-person" data-participant-id={p.id}>
                    <span className="person__dot" style={{ background: groupColor(groupColorIndex(view, p.group)) }} aria-hidden="true" />
                    <span className="pperson__name">{p.name}</span>
                    {p.host && <span className="badge badge--host">{t('f.host')}</span>}
                    {p.pinned && <span className="badge">{t('f.pinned')}</span>}
                    {p.remote && <span className="badge">{t('f.remote')}</span>}
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ol>
      {waiting.length > 0 && (
        <p className="notice" data-testid="preview-waiting">
          <strong>{t('f.plan.waitingList', { count: waiting.length })}</strong> {waiting.map((p) => p.name).join(', ')}
        </p>
      )}
      {round.closed.length > 0 && (
        <div className="notice" data-testid="preview-closed">
          <strong>{t('f.plan.closedList', { count: round.closed.length })}</strong>
          <ul className="plan__conflicts">
            {round.closed.map((c) => (
              <li key={c.tableId}>
                {t(CLOSED[c.reason] ?? 'f.plan.closed.tooFew', { table: tableName.get(c.tableId) ?? c.tableId, minimum: DEFAULT_MIN_TABLE_SIZE })}
              </li>
            ))}
          </ul>
        </div>
      )}
      {conflicts.length > 0 && (
        <ul className="notice plan__conflicts" data-testid="preview-conflicts">
          {conflicts.map((c, i) => (
            <li key={i}>{t(CONFLICT[c.kind] ?? 'f.plan.conflict.pinInvalid', { name: c.name, table: c.table })}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The accepted plan's figures on the dashboard, for as long as it has rounds to come. */
export function PlanSummary() {
  const t = useT();
  const pct = usePercent();
  const plan = useFacilitator((s) => s.view?.seating.plan);
  if (!plan) return null;
  const f = plan.figures;
  return (
    <p className="plan-summary" data-testid="plan-summary">
      <span className="badge badge--ok">{t('f.plan.summaryBadge')}</span>
      <span>
        {t('f.plan.summary', {
          rounds: roundSpan(plan.rounds),
          pairs: f.extraMeetings,
          bound: f.lowerBound,
          mix: pct(f.diversity),
          newQuestion: pct(f.newQuestionShare),
        })}
      </span>
    </p>
  );
}
