import { nanoid } from 'nanoid';
import { useId, useState } from 'react';
import { SetAsideReason, values } from '../../../shared/domain/enums.ts';
import type { NoteView, ThemeView } from '../../../shared/protocol/views.ts';
import { useT, type MessageId } from '../../i18n/i18n.ts';
import { Limits } from '../../../shared/protocol/limits.ts';
import { placement, questionOfNote, quoteOf, useRapporteur } from '../../state/rapporteur.ts';
import { report } from '../../ui/toast.tsx';
import { run } from './session.ts';

export const REASONS: Record<SetAsideReason, MessageId> = {
  'off-topic': 'h.reason.offTopic',
  duplicate: 'h.reason.duplicate',
  abusive: 'h.reason.abusive',
};

/** One question: notes still to sort, the themes with their notes, the notes set aside, the synthesis. */
export function QuestionBoard({ questionKey }: { questionKey: string }) {
  const t = useT();
  const view = useRapporteur((s) => s.view)!;
  const question = view.questions.find((q) => q.key === questionKey)!;
  const notes = view.notes.filter((n) => questionOfNote(view, n) === questionKey);
  const { themeOf, aside } = placement(view);
  const themes = view.harvest.themes.filter((th) => th.question === questionKey && !th.mergedInto);
  const unsorted = notes.filter((n) => !themeOf.has(n.id) && !aside.has(n.id) && !n.hidden);
  const setAside = notes.filter((n) => aside.has(n.id) || n.hidden);
  const summaries = view.summaries.filter((s) => question.tableIds.includes(s.tableId));

  return (
    <section className="stack stack--lg" aria-labelledby={`q-${questionKey}`}>
      <h2 id={`q-${questionKey}`} className="section-title" dir="auto">
        {question.text}
      </h2>
      <div className="harvest-board">
        <section className="card stack" aria-labelledby={`unsorted-${questionKey}`} data-testid="unsorted">
          <h3 id={`unsorted-${questionKey}`} className="card__title">
            {t('h.unsorted', { count: unsorted.length })}
          </h3>
          {unsorted.length === 0 ? (
            <p className="muted">{t('h.unsortedNone')}</p>
          ) : (
            <ul className="plain-list stack stack--sm">
              {unsorted.map((n) => (
                <UnsortedNote key={n.id} note={n} themes={themes} />
              ))}
            </ul>
          )}
        </section>
        <section className="stack" aria-labelledby={`themes-${questionKey}`}>
          <h3 id={`themes-${questionKey}`} className="card__title">
            {t('h.themes')}
          </h3>
          <NewTheme questionKey={questionKey} />
          {themes.map((th) => (
            <ThemeCard key={th.id} theme={th} themes={themes} notes={notes.filter((n) => themeOf.get(n.id) === th.id || mergedInto(view.harvest.themes, themeOf.get(n.id)) === th.id)} />
          ))}
        </section>
      </div>
      {setAside.length > 0 && (
        <section className="card stack stack--sm" aria-labelledby={`aside-${questionKey}`}>
          <h3 id={`aside-${questionKey}`} className="card__title">
            {t('h.setAsideTitle', { count: setAside.length })}
          </h3>
          <ul className="plain-list stack stack--sm">
            {setAside.map((n) => (
              <li key={n.id} className="harvest-note harvest-note--aside">
                <p className="harvest-note__text">{n.text}</p>
                <p className="muted">{n.hidden ? t('h.hiddenByFacilitator') : t(REASONS[aside.get(n.id)!.reason])}</p>
                {!n.hidden && (
                  <button type="button" className="btn btn--ghost btn--small" onClick={async () => report(await run('note:sort', { noteId: n.id, themeId: null }), t('h.done.unsorted'))}>
                    {t('h.bringBack')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
      {summaries.length > 0 && (
        <section className="card stack stack--sm" aria-labelledby={`sum-${questionKey}`}>
          <h3 id={`sum-${questionKey}`} className="card__title">
            {t('h.summaries')}
          </h3>
          <ul className="plain-list stack stack--sm">
            {summaries.map((s) => (
              <li key={`${s.tableId}:${s.round}`}>
                <strong>{t('h.round', { round: s.round })}</strong> {view.harvest.quotes[`summary:${s.tableId}:${s.round}`] ?? s.text}
              </li>
            ))}
          </ul>
        </section>
      )}
      <Synthesis questionKey={questionKey} />
    </section>
  );
}

function mergedInto(themes: ThemeView[], id: string | undefined): string | undefined {
  let theme = themes.find((x) => x.id === id);
  for (let hops = 0; theme?.mergedInto && hops < 100; hops++) theme = themes.find((x) => x.id === theme!.mergedInto);
  return theme?.id;
}

function UnsortedNote({ note, themes }: { note: NoteView; themes: ThemeView[] }) {
  const t = useT();
  const id = useId();
  const [target, setTarget] = useState('');
  const [reason, setReason] = useState<SetAsideReason>('off-topic');
  return (
    <li className="harvest-note" data-testid="unsorted-note">
      <p className="harvest-note__text">{note.text}</p>
      <p className="muted">{t('h.round', { round: note.round })}</p>
      <div className="row row--wrap">
        <label className="visually-hidden" htmlFor={`${id}-theme`}>
          {t('h.themeFor', { text: note.text.slice(0, 40) })}
        </label>
        <select id={`${id}-theme`} className="input input--small" value={target} onChange={(e) => setTarget(e.target.value)} disabled={!themes.length}>
          <option value="">{themes.length ? t('h.pickTheme') : t('h.noThemesYet')}</option>
          {themes.map((th) => (
            <option key={th.id} value={th.id}>
              {th.name}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="btn btn--secondary btn--small"
          disabled={!target}
          onClick={async () => {
            if (report(await run('note:sort', { noteId: note.id, themeId: target }), t('h.done.sorted'))) setTarget('');
          }}
        >
          {t('h.sort')}
        </button>
        <label className="visually-hidden" htmlFor={`${id}-reason`}>
          {t('h.reasonFor')}
        </label>
        <select id={`${id}-reason`} className="input input--small" value={reason} onChange={(e) => setReason(e.target.value as SetAsideReason)}>
          {values(SetAsideReason).map((r) => (
            <option key={r} value={r}>
              {t(REASONS[r])}
            </option>
          ))}
        </select>
        <button type="button" className="btn btn--ghost btn--small" onClick={async () => report(await run('note:setAside', { noteId: note.id, reason }), t('h.done.setAside'))}>
          {t('h.setAside')}
        </button>
      </div>
    </li>
  );
}

function NewTheme({ questionKey }: { questionKey: string }) {
  const t = useT();
  const id = useId();
  const [name, setName] = useState('');
  return (
    <form
      className="row row--wrap"
      onSubmit={async (e) => {
        e.preventDefault();
        if (!name.trim()) return;
        if (report(await run('theme:create', { id: nanoid(), question: questionKey, name }), t('h.done.created'))) setName('');
      }}
    >
      <label htmlFor={id} className="visually-hidden">
        {t('h.newThemeLabel')}
      </label>
      <input id={id} className="input" value={name} onChange={(e) => setName(e.target.value)} placeholder={t('h.newThemePlaceholder')} maxLength={Limits.themeNameChars} />
      <button type="submit" className="btn btn--primary" disabled={!name.trim()}>
        {t('h.createTheme')}
      </button>
    </form>
  );
}

function ThemeCard({ theme, themes, notes }: { theme: ThemeView; themes: ThemeView[]; notes: NoteView[] }) {
  const t = useT();
  const id = useId();
  const view = useRapporteur((s) => s.view)!;
  const [name, setName] = useState(theme.name);
  const [into, setInto] = useState('');
  const others = themes.filter((x) => x.id !== theme.id);
  return (
    <article className={`card stack stack--sm theme${theme.keyFinding ? ' theme--key' : ''}`} aria-labelledby={`${id}-name`} data-testid="theme">
      <div className="row row--between row--wrap">
        <h4 id={`${id}-name`} className="theme__name">
          {theme.name}
        </h4>
        <p className="muted" data-testid="theme-votes">
          {t('h.votes', { count: theme.votes })}
        </p>
      </div>
      <label className="check">
        <input type="checkbox" checked={theme.keyFinding} onChange={async (e) => report(await run('theme:mark', { id: theme.id, key: e.target.checked }), t('h.done.marked'))} />
        {t('h.keyFinding')}
      </label>
      {notes.length === 0 ? (
        <p className="muted">{t('h.themeEmpty')}</p>
      ) : (
        <ul className="plain-list stack stack--sm">
          {notes.map((n) => (
            <ThemeNote key={n.id} note={n} quote={quoteOf(view, n)} />
          ))}
        </ul>
      )}
      <details className="theme__edit">
        <summary>{t('h.editTheme')}</summary>
        <div className="stack stack--sm">
          <form
            className="row row--wrap"
            onSubmit={async (e) => {
              e.preventDefault();
              report(await run('theme:rename', { id: theme.id, name }), t('h.done.renamed'));
            }}
          >
            <label htmlFor={`${id}-rename`} className="visually-hidden">
              {t('h.renameLabel')}
            </label>
            <input id={`${id}-rename`} className="input input--small" value={name} onChange={(e) => setName(e.target.value)} maxLength={Limits.themeNameChars} />
            <button type="submit" className="btn btn--secondary btn--small">
              {t('h.rename')}
            </button>
          </form>
          {others.length > 0 && (
            <div className="row row--wrap">
              <label htmlFor={`${id}-merge`} className="visually-hidden">
                {t('h.mergeLabel')}
              </label>
              <select id={`${id}-merge`} className="input input--small" value={into} onChange={(e) => setInto(e.target.value)}>
                <option value="">{t('h.mergeInto')}</option>
                {others.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
              </select>
              <button type="button" className="btn btn--secondary btn--small" disabled={!into} onClick={async () => report(await run('theme:merge', { id: theme.id, into }), t('h.done.merged'))}>
                {t('h.merge')}
              </button>
            </div>
          )}
          <button type="button" className="btn btn--ghost btn--danger-text btn--small" onClick={async () => report(await run('theme:delete', { id: theme.id }), t('h.done.deleted'))}>
            {t('h.deleteTheme')}
          </button>
        </div>
      </details>
    </article>
  );
}

function ThemeNote({ note, quote }: { note: NoteView; quote: string }) {
  const t = useT();
  const id = useId();
  const [text, setText] = useState(quote);
  return (
    <li className="harvest-note">
      <p className="harvest-note__text">{quote}</p>
      {quote !== note.text && <p className="muted">{t('h.rephrased')}</p>}
      <details>
        <summary>{t('h.editWording')}</summary>
        <form
          className="stack stack--sm"
          onSubmit={async (e) => {
            e.preventDefault();
            report(await run('quote:edit', { noteId: note.id, text }), t('h.done.rephrased'));
          }}
        >
          <label htmlFor={id}>{t('h.wordingLabel')}</label>
          <textarea id={id} className="input" rows={2} value={text} onChange={(e) => setText(e.target.value)} maxLength={Limits.noteChars} />
          <div className="row row--wrap">
            <button type="submit" className="btn btn--secondary btn--small">
              {t('h.saveWording')}
            </button>
            <button type="button" className="btn btn--ghost btn--small" onClick={async () => report(await run('note:sort', { noteId: note.id, themeId: null }), t('h.done.unsorted'))}>
              {t('h.unsort')}
            </button>
          </div>
        </form>
      </details>
    </li>
  );
}

function Synthesis({ questionKey }: { questionKey: string }) {
  const t = useT();
  const id = useId();
  const saved = useRapporteur((s) => s.view?.harvest.syntheses[questionKey] ?? '');
  const [text, setText] = useState(saved);
  return (
    <form
      className="card stack stack--sm"
      onSubmit={async (e) => {
        e.preventDefault();
        report(await run('synthesis:write', { question: questionKey, text }), t('h.done.synthesis'));
      }}
    >
      <label htmlFor={id} className="card__title">
        {t('h.synthesis')}
      </label>
      <textarea id={id} className="input" rows={4} value={text} onChange={(e) => setText(e.target.value)} maxLength={Limits.synthesisChars} />
      <div>
        <button type="submit" className="btn btn--secondary" disabled={text === saved}>
          {t('h.saveSynthesis')}
        </button>
      </div>
    </form>
  );
}
