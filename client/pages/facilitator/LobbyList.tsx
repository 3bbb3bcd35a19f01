import { useId, useState } from 'react';
import { useT } from '../../i18n/i18n.ts';
import { useFacilitator } from '../../state/facilitator.ts';
import { findWaiting, lobby } from '../../state/facilitatorSelectors.ts';
import { PersonRow } from './PersonRow.tsx';

/** Beyond this many, the list shows a search instead of everyone. */
const SHOWN = 100;

/** People who joined and wait for a seat. */
export function LobbyList() {
  const t = useT();
  const id = useId();
  const view = useFacilitator((s) => s.view)!;
  const [query, setQuery] = useState('');
  const count = lobby(view).length;
  const searching = count > SHOWN;
  // The search applies only while its box is on screen: seating people may take it away.
  const typed = searching ? query.trim() : '';
  const { shown, matching } = findWaiting(view, typed, SHOWN);
  return (
    <section className="card stack stack--sm" aria-labelledby="lobby-title" data-testid="lobby">
      <h2 id="lobby-title" className="section-title">
        {t('f.lobby')} <span className="count">{count}</span>
      </h2>
      {searching && (
        <div className="field">
          <label htmlFor={`${id}-find`}>{t('f.lobbyFind')}</label>
          <input
            id={`${id}-find`}
            type="search"
            className="input"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            autoComplete="off"
            aria-describedby={`${id}-hint`}
          />
          {/* The count changes with every join: a plain hint. Only a search's result is announced. */}
          <p id={`${id}-hint`} className="field__hint">
            {typed ? null : t('f.lobbyShown', { shown: shown.length, count: matching })}
          </p>
          <p className="field__hint" aria-live="polite">
            {!typed
              ? null
              : matching === 0
                ? t('f.lobbyNoMatch')
                : `${t('f.lobbyMatches', { count: matching })}${matching > shown.length ? ` ${t('f.lobbyFirst', { shown: shown.length })}` : ''}`}
          </p>
        </div>
      )}
      {count === 0 ? (
        <p className="muted">{t('f.lobbyEmpty')}</p>
      ) : (
        <ul className="people">
          {shown.map((p) => (
            <PersonRow key={p.id} person={p} tableId={null} isHost={false} />
          ))}
        </ul>
      )}
    </section>
  );
}
