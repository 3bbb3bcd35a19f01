import { useId, useState, type FormEvent } from 'react';
import { TableMode, type Language } from '../../../shared/domain/enums.ts';
import { Limits } from '../../../shared/protocol/limits.ts';
import { intlLocale, LANGUAGE_NAMES, LOCALES, useLocale, useT } from '../../i18n/i18n.ts';
import { facilitatedSessions } from '../../state/credentials.ts';
import { Header } from '../../ui/Header.tsx';
import { describeRefusal } from '../../ui/refusal.ts';
import { createAndOpen, earlierSetup } from './createSession.ts';
import { draftFrom, emptyTable, setupFrom, type SetupDraft, type TableDraft } from './setupForm.ts';
import { template } from './templates.ts';

/** Create a café in under a minute: one click from the template, or a short form. */
export function NewSession() {
  const t = useT();
  const locale = useLocale();
  const [draft, setDraft] = useState<SetupDraft>(() => draftFrom(template(locale), locale));
  const [busy, setBusy] = useState<'template' | 'form' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const earlier = facilitatedSessions.list();

  const create = async (which: 'template' | 'form') => {
    setBusy(which);
    setError(null);
    const refusal = await createAndOpen(which === 'template' ? template(locale) : setupFrom(draft));
    if (refusal) {
      setBusy(null);
      setError(describeRefusal(refusal));
    }
  };
  const duplicate = async (sessionId: string) => {
    const setup = await earlierSetup(sessionId);
    if ('ok' in setup) return setError(describeRefusal(setup));
    setDraft(draftFrom(setup, locale));
    setError(null);
    document.getElementById('setup-form')?.scrollIntoView({ behavior: 'smooth' });
    document.getElementById('setup-title')?.focus({ preventScroll: true });
  };
  const tpl = template(locale);

  return (
    <div className="page page--wide facilitator">
      <Header />
      <main id="main" className="stack stack--lg">
        <h1>{t('new.title')}</h1>
        {error && (
          <p className="notice notice--error" role="alert">
            {error}
          </p>
        )}
        <div className="new-grid">
          <div className="stack stack--lg">
            <section className="card card--accent stack" aria-labelledby="tpl-title" data-testid="template">
              <p className="eyebrow">{t('new.templateEyebrow')}</p>
              <h2 id="tpl-title" className="card__title">
                {tpl.title}
              </h2>
              <p className="muted">{t('new.templateMeta', { tables: tpl.tables.length, rounds: tpl.rounds, minutes: tpl.roundSeconds / 60 })}</p>
              <ol className="tpl-questions">
                {tpl.tables.map((table) => (
                  <li key={table.name}>
                    <strong>{table.name}</strong> — {table.question}
                  </li>
                ))}
              </ol>
              <div className="row">
                <button
                  type="button"
                  className="btn btn--primary"
                  onClick={() => void create('template')}
                  disabled={busy !== null}
                  aria-busy={busy === 'template'}
                >
                  {busy === 'template' ? t('new.creating') : t('new.useTemplate')}
                </button>
                <button type="button" className="btn btn--secondary" onClick={() => setDraft(draftFrom(template(locale), locale))}>
                  {t('new.editTemplate')}
                </button>
              </div>
            </section>
            {earlier.length > 0 && (
              <section className="card stack" aria-labelledby="dup-title">
                <h2 id="dup-title" className="card__title">
                  {t('new.duplicateTitle')}
                </h2>
                <ul className="plain-list divided">
                  {earlier.map((s) => (
                    <li key={s.sessionId} className="row row--between">
                      <span>
                        {s.title} <span className="muted">· {new Date(s.createdAt).toLocaleDateString(intlLocale(locale), { dateStyle: 'medium' })}</span>
                      </span>
                      <button type="button" className="btn btn--ghost btn--small" onClick={() => void duplicate(s.sessionId)}>
                        {t('new.duplicate')}
                        <span className="visually-hidden">: {s.title}</span>
                      </button>
                    </li>
                  ))}
                </ul>
              </section>
            )}
          </div>
          <SetupForm draft={draft} onChange={setDraft} busy={busy === 'form'} onSubmit={() => void create('form')} disabled={busy !== null} />
        </div>
      </main>
    </div>
  );
}

function SetupForm({
  draft,
  onChange,
  onSubmit,
  busy,
  disabled,
}: {
  draft: SetupDraft;
  onChange: (d: SetupDraft) => void;
  onSubmit: () => void;
  busy: boolean;
  disabled: boolean;
}) {
  const t = useT();
  const id = useId();
  const set = <K extends keyof SetupDraft>(key: K, value: SetupDraft[K]) => onChange({ ...draft, [key]: value });
  const setTable = (key: string, patch: Partial<TableDraft>) =>
    set(
      'tables',
      draft.tables.map((x) => (x.key === key ? { ...x, ...patch } : x)),
    );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit();
  };
  return (
    <form id="setup-form" className="card stack stack--lg" onSubmit={submit} aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`} className="card__title">
        {t('new.formTitle')}
      </h2>
      <div className="field">
        <label htmlFor="setup-title">{t('new.sessionTitle')}</label>
        <input id="setup-title" className="input" value={draft.title} maxLength={Limits.titleChars} required onChange={(e) => set('title', e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-desc`}>{t('new.description')}</label>
        <textarea
          id={`${id}-desc`}
          className="input"
          rows={2}
          value={draft.description}
          maxLength={Limits.descriptionChars}
          onChange={(e) => set('description', e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-lang`}>{t('new.language')}</label>
        <select
          id={`${id}-lang`}
          className="input"
          value={draft.language}
          aria-describedby={`${id}-lang-hint`}
          onChange={(e) => set('language', e.target.value as Language)}
        >
          {LOCALES.map((l) => (
            <option key={l} value={l} lang={l}>
              {LANGUAGE_NAMES[l]}
            </option>
          ))}
        </select>
        <span id={`${id}-lang-hint`} className="field__hint">
          {t('new.languageHint')}
        </span>
      </div>
      <fieldset className="stack">
        <legend className="section-title">{t('new.tables')}</legend>
        {draft.tables.map((table, i) => (
          <div key={table.key} className="table-draft stack stack--sm">
            <div className="row row--between">
              <p className="eyebrow">{t('new.tableN', { n: i + 1 })}</p>
              {draft.tables.length > 1 && (
                <button
                  type="button"
                  className="btn btn--ghost btn--small"
                  onClick={() =>
                    set(
                      'tables',
                      draft.tables.filter((x) => x.key !== table.key),
                    )
                  }
                >
                  {t('new.removeTable')}
                  <span className="visually-hidden"> {i + 1}</span>
                </button>
              )}
            </div>
            <div className="grid-2">
              <div className="field">
                <label htmlFor={`${table.key}-name`}>{t('new.tableName')}</label>
                <input
                  id={`${table.key}-name`}
                  className="input"
                  value={table.name}
                  maxLength={Limits.tableNameChars}
                  placeholder={t('new.tableN', { n: i + 1 })}
                  onChange={(e) => setTable(table.key, { name: e.target.value })}
                />
              </div>
              <div className="field">
                <label htmlFor={`${table.key}-mode`}>{t('new.mode')}</label>
                <select
                  id={`${table.key}-mode`}
                  className="input"
                  value={table.mode}
                  onChange={(e) => setTable(table.key, { mode: e.target.value as TableDraft['mode'] })}
                >
                  {Object.values(TableMode).map((m) => (
                    <option key={m} value={m}>
                      {t(m === 'room' ? 'new.modeRoom' : m === 'remote' ? 'new.modeRemote' : 'new.modeHybrid')}
                    </option>
                  ))}
                </select>
              </div>
            </div>
            <div className="field">
              <label htmlFor={`${table.key}-q`}>{t('new.question')}</label>
              <textarea
                id={`${table.key}-q`}
                className="input"
                rows={2}
                required
                value={table.question}
                maxLength={Limits.questionChars}
                onChange={(e) => setTable(table.key, { question: e.target.value })}
              />
            </div>
            <div className="field">
              <label htmlFor={`${table.key}-v`}>{t('new.video')}</label>
              <input
                id={`${table.key}-v`}
                className="input"
                type="url"
                inputMode="url"
                value={table.videoUrl}
                maxLength={Limits.urlChars}
                placeholder="https://"
                onChange={(e) => setTable(table.key, { videoUrl: e.target.value })}
              />
            </div>
          </div>
        ))}
        {draft.tables.length < Limits.maxTables && (
          <button type="button" className="btn btn--secondary" onClick={() => set('tables', [...draft.tables, emptyTable()])}>
            {t('new.addTable')}
          </button>
        )}
      </fieldset>
      <div className="grid-3">
        <div className="field">
          <label htmlFor={`${id}-rounds`}>{t('new.rounds')}</label>
          <input
            id={`${id}-rounds`}
            className="input"
            type="number"
            min={1}
            max={Limits.maxRounds}
            required
            value={draft.rounds}
            onChange={(e) => set('rounds', e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-rm`}>{t('new.roundMinutes')}</label>
          <input
            id={`${id}-rm`}
            className="input"
            type="number"
            min={Limits.minRoundSeconds / 60}
            max={Limits.maxRoundSeconds / 60}
            step="any"
            required
            value={draft.roundMinutes}
            onChange={(e) => set('roundMinutes', e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-mm`}>{t('new.movingMinutes')}</label>
          <input
            id={`${id}-mm`}
            className="input"
            type="number"
            min={0}
            max={Limits.maxMovingSeconds / 60}
            step="any"
            required
            value={draft.movingMinutes}
            onChange={(e) => set('movingMinutes', e.target.value)}
          />
        </div>
      </div>
      <label className="check">
        <input type="checkbox" checked={draft.autoAdvance} onChange={(e) => set('autoAdvance', e.target.checked)} />
        <span>
          {t('new.autoAdvance')}
          <span className="field__hint">{t('new.autoAdvanceHint')}</span>
        </span>
      </label>
      <label className="check">
        <input type="checkbox" checked={draft.askOrganisation ?? false} onChange={(e) => set('askOrganisation', e.target.checked)} />
        <span>
          {t('new.askOrganisation')}
          <span className="field__hint">{t('new.askOrganisationHint')}</span>
        </span>
      </label>
      <label className="check">
        <input type="checkbox" checked={draft.wordList ?? false} onChange={(e) => set('wordList', e.target.checked)} />
        <span>
          {t('new.wordList')}
          <span className="field__hint">{t('new.wordListHint')}</span>
        </span>
      </label>
      <button type="submit" className="btn btn--primary btn--large" disabled={disabled} aria-busy={busy}>
        {busy ? t('new.creating') : t('new.create')}
      </button>
    </form>
  );
}
