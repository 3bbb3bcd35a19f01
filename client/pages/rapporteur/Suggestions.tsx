import { useId, useMemo, useState } from 'react';
import { Limits } from '../../../shared/protocol/limits.ts';
import type { ThemeView } from '../../../shared/protocol/views.ts';
import { useT } from '../../i18n/i18n.ts';
import { liveDuplicates, liveSuggestions, suggestionKey } from '../../state/board.ts';
import { placement, useRapporteur } from '../../state/rapporteur.ts';
import { report } from '../../ui/toast.tsx';
import { acceptAll, createTheme, mergeCopies, moveNotes } from './actions.ts';
import { suggest } from './session.ts';

/**
 * Suggested themes for the question's notes still to sort, computed on the server: each can be
 * accepted whole or in part (untick notes), renamed before accepting, added to an existing theme
 * or dismissed; near-copies of one note are merged in one action (all but one set aside as
 * duplicates); "Accept all" makes every suggestion a theme at once.
 */
export function Suggestions({ questionKey, themes }: { questionKey: string; themes: ThemeView[] }) {
  const t = useT();
  const view = useRapporteur((s) => s.view)!;
  const suggestions = useRapporteur((s) => s.suggestions.get(questionKey));
  const dismissed = useRapporteur((s) => s.dismissed);
  const [busy, setBusy] = useState(false);
  const place = useMemo(() => placement(view), [view]);
  const clusters = liveSuggestions(suggestions, place, dismissed);
  const copies = liveDuplicates(suggestions, place);
  const copiesCount = copies.reduce((s, g) => s + g.length - 1, 0);
  return (
    <section className="suggestions card stack stack--sm" aria-labelledby={`sugg-${questionKey}`} data-testid="suggestions">
      <div className="row row--between row--wrap">
        <h3 id={`sugg-${questionKey}`} className="card__title">
          {t('b.suggested')}
        </h3>
        <button
          type="button"
          className="btn btn--secondary btn--small"
          aria-busy={busy}
          disabled={busy}
          onClick={async () => {
            setBusy(true);
            try {
              const result = await suggest(questionKey);
              if (!result.ok) report(result, '');
            } finally {
              setBusy(false);
            }
          }}
        >
          {suggestions ? t('b.suggestAgain') : t('b.suggest')}
        </button>
      </div>
      {!suggestions ? (
        <p className="muted">{t('b.suggestIntro')}</p>
      ) : (
        <>
          <p className="muted" role="status">
            {t('b.suggestedCount', { count: clusters.length, notes: suggestions.notes })}
          </p>
          <div className="row row--wrap">
            {clusters.length > 0 && (
              <button type="button" className="btn btn--primary btn--small" onClick={() => void acceptAll(questionKey, clusters)}>
                {t('b.acceptAll', { count: clusters.length })}
              </button>
            )}
            {copiesCount > 0 && (
              <button type="button" className="btn btn--ghost btn--small" onClick={() => void mergeCopies(copies)}>
                {t('b.mergeCopies', { count: copiesCount })}
              </button>
            )}
          </div>
          {clusters.length > 0 && (
            <ul className="plain-list stack stack--sm suggestions__list">
              {clusters.map((c) => (
                <Suggestion key={suggestionKey(c)} questionKey={questionKey} cluster={c} themes={themes} />
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}

function Suggestion({
  questionKey,
  cluster,
  themes,
}: {
  questionKey: string;
  cluster: { noteIds: string[]; name: string; keywords: string[] };
  themes: ThemeView[];
}) {
  const t = useT();
  const id = useId();
  const view = useRapporteur((s) => s.view)!;
  const [name, setName] = useState(cluster.name);
  const [left, setLeft] = useState<ReadonlySet<string>>(new Set());
  const [target, setTarget] = useState('');
  const texts = new Map(view.notes.map((n) => [n.id, n.text]));
  const kept = cluster.noteIds.filter((n) => !left.has(n));
  const dismiss = () => useRapporteur.setState((s) => ({ dismissed: new Set([...s.dismissed, suggestionKey(cluster)]) }));
  return (
    <li className="suggestion" data-testid="suggestion">
      <div className="row row--wrap">
        <label htmlFor={`${id}-name`} className="visually-hidden">
          {t('b.suggestionName')}
        </label>
        <input
          id={`${id}-name`}
          className="input input--small suggestion__name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          maxLength={Limits.themeNameChars}
        />
        <span className="muted">{t('b.notesCount', { count: kept.length })}</span>
      </div>
      <details>
        <summary>{t('b.suggestionNotes', { count: cluster.noteIds.length })}</summary>
        <fieldset className="plain-list suggestion__notes">
          <legend className="visually-hidden">{t('b.suggestionPick', { name })}</legend>
          {cluster.noteIds.map((noteId) => (
            <label key={noteId} className="check">
              <input
                type="checkbox"
                checked={!left.has(noteId)}
                onChange={() => {
                  const next = new Set(left);
                  if (next.has(noteId)) next.delete(noteId);
                  else next.add(noteId);
                  setLeft(next);
                }}
              />
              <span dir="auto">{texts.get(noteId) ?? ''}</span>
            </label>
          ))}
        </fieldset>
      </details>
      <div className="row row--wrap">
        <button
          type="button"
          className="btn btn--primary btn--small"
          disabled={!kept.length || !name.trim()}
          onClick={() => void createTheme(questionKey, name, kept)}
        >
          {t('b.accept', { count: kept.length })}
        </button>
        {themes.length > 0 && (
          <span className="row">
            <label htmlFor={`${id}-into`} className="visually-hidden">
              {t('b.addTo')}
            </label>
            <select id={`${id}-into`} className="input input--small" value={target} onChange={(e) => setTarget(e.target.value)}>
              <option value="">{t('b.addTo')}</option>
              {themes.map((th) => (
                <option key={th.id} value={th.id}>
                  {th.name}
                </option>
              ))}
            </select>
            <button
              type="button"
              className="btn btn--secondary btn--small"
              disabled={!target || !kept.length}
              onClick={() => void moveNotes(kept, target, themes.find((th) => th.id === target)?.name)}
            >
              {t('b.add')}
            </button>
          </span>
        )}
        <button type="button" className="btn btn--ghost btn--small" onClick={dismiss}>
          {t('b.dismiss')}
        </button>
      </div>
    </li>
  );
}
