import { useId, useState, type DragEvent } from 'react';
import { Limits } from '../../../shared/protocol/limits.ts';
import type { NoteView, ThemeView } from '../../../shared/protocol/views.ts';
import { useT } from '../../i18n/i18n.ts';
import { placement, quoteOf, useRapporteur } from '../../state/rapporteur.ts';
import { ConfirmButton } from '../../ui/ConfirmButton.tsx';
import { report } from '../../ui/toast.tsx';
import { chooseQuote, createTheme, mergeThemes, moveNotes, renameTheme } from './actions.ts';
import { carriesNotes, droppedNotes } from './drag.ts';
import { run } from './session.ts';
import { Suggestions } from './Suggestions.tsx';

/** The themes of one question: suggestions, a new theme (with the selected notes), and each theme as a drop target. */
export function ThemeColumn({ questionKey, notes }: { questionKey: string; notes: NoteView[] }) {
  const t = useT();
  const view = useRapporteur((s) => s.view)!;
  const [checked, setChecked] = useState<ReadonlySet<string>>(new Set());
  const themes = view.harvest.themes.filter((th) => th.question === questionKey && !th.mergedInto);
  const place = placement(view);
  const byTheme = new Map<string, NoteView[]>();
  for (const n of notes) {
    const p = place.of(n.id);
    if (p.kind === 'theme') byTheme.set(p.live, [...(byTheme.get(p.live) ?? []), n]);
  }
  const toggle = (id: string) => {
    const next = new Set(checked);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setChecked(next);
  };
  const marked = themes.filter((th) => checked.has(th.id));
  return (
    <section className="board__themes stack stack--sm" aria-labelledby={`themes-${questionKey}`}>
      <h2 id={`themes-${questionKey}`} className="section-title">
        {t('b.themes', { count: themes.length })}
      </h2>
      <Suggestions questionKey={questionKey} themes={themes} />
      <NewTheme questionKey={questionKey} />
      {marked.length >= 2 && <MergeBar themes={marked} onDone={() => setChecked(new Set())} />}
      {themes.length === 0 ? (
        <p className="muted">{t('b.noThemes')}</p>
      ) : (
        <ul className="plain-list stack stack--sm" data-testid="themes">
          {themes.map((th) => (
            <ThemeCard key={th.id} theme={th} notes={byTheme.get(th.id) ?? []} checked={checked.has(th.id)} onCheck={() => toggle(th.id)} />
          ))}
        </ul>
      )}
    </section>
  );
}

/** A new theme by name; with notes selected, the theme takes them in the same command. */
function NewTheme({ questionKey }: { questionKey: string }) {
  const t = useT();
  const id = useId();
  const selected = useRapporteur((s) => s.selected);
  const [name, setName] = useState('');
  return (
    <form
      className="row row--wrap new-theme"
      onSubmit={async (e) => {
        e.preventDefault();
        if (!name.trim()) return;
        if (await createTheme(questionKey, name, [...selected])) setName('');
      }}
    >
      <label htmlFor={id} className="visually-hidden">
        {t('h.newThemeLabel')}
      </label>
      <input
        id={id}
        className="input input--small"
        value={name}
        onChange={(e) => setName(e.target.value)}
        placeholder={t('h.newThemePlaceholder')}
        maxLength={Limits.themeNameChars}
      />
      <button type="submit" className="btn btn--primary btn--small" disabled={!name.trim()}>
        {selected.size ? t('b.createWith', { count: selected.size }) : t('h.createTheme')}
      </button>
    </form>
  );
}

/** Several themes checked: merge them into one of them, in one command. */
function MergeBar({ themes, onDone }: { themes: ThemeView[]; onDone: () => void }) {
  const t = useT();
  const id = useId();
  const [into, setInto] = useState(themes[0]!.id);
  const target = themes.find((th) => th.id === into) ?? themes[0]!;
  return (
    <div className="merge-bar card row row--wrap" data-testid="merge-bar">
      <label htmlFor={id}>{t('b.mergeChecked', { count: themes.length })}</label>
      <select id={id} className="input input--small" value={target.id} onChange={(e) => setInto(e.target.value)}>
        {themes.map((th) => (
          <option key={th.id} value={th.id}>
            {th.name}
          </option>
        ))}
      </select>
      <button
        type="button"
        className="btn btn--secondary btn--small"
        onClick={async () => {
          if (
            await mergeThemes(
              themes.filter((th) => th.id !== target.id).map((th) => th.id),
              target.id,
              target.name,
            )
          )
            onDone();
        }}
      >
        {t('h.merge')}
      </button>
    </div>
  );
}

/**
 * A theme, compact: its name, how many notes and votes, a drop target for dragged notes, and
 * "Move here" for the selected notes (the same move without dragging). Opened, it shows its notes
 * (each can be chosen as a quote), its finding, and rename, key finding and delete.
 */
function ThemeCard({ theme, notes, checked, onCheck }: { theme: ThemeView; notes: NoteView[]; checked: boolean; onCheck: () => void }) {
  const t = useT();
  const id = useId();
  const selected = useRapporteur((s) => s.selected);
  const [over, setOver] = useState(false);
  const [open, setOpen] = useState(false);
  const onDragOver = (e: DragEvent) => {
    if (!carriesNotes(e)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'move';
    setOver(true);
  };
  const onDrop = (e: DragEvent) => {
    setOver(false);
    const ids = droppedNotes(e);
    if (!ids.length) return;
    e.preventDefault();
    void moveNotes(ids, theme.id, theme.name);
  };
  return (
    <li
      className={`tcard${theme.keyFinding ? ' tcard--key' : ''}${over ? ' tcard--over' : ''}`}
      data-testid="theme"
      onDragOver={onDragOver}
      onDragEnter={onDragOver}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <div className="tcard__head">
        <input
          id={`${id}-check`}
          type="checkbox"
          className="tcard__check"
          checked={checked}
          onChange={onCheck}
          aria-label={t('b.checkTheme', { name: theme.name })}
        />
        <h3 id={`${id}-name`} className="tcard__name" dir="auto">
          {theme.name}
        </h3>
        <p className="tcard__figures muted">
          <span data-testid="theme-count">{t('b.notesCount', { count: notes.length })}</span> ·{' '}
          <span data-testid="theme-votes">{t('h.votes', { count: theme.votes })}</span>
          {theme.quotes.length > 0 && <> · {t('b.quotesCount', { count: theme.quotes.length })}</>}
          {' · '}
          {/* On the figures' line, so a closed theme takes two lines; its whole name is in the accessible name. */}
          <button
            type="button"
            className="tcard__toggle"
            aria-expanded={open}
            aria-controls={`${id}-more`}
            aria-label={t('b.open', { name: theme.name })}
            onClick={() => setOpen(!open)}
          >
            {t('b.openShort')}
          </button>
        </p>
        {selected.size > 0 && (
          <button
            type="button"
            className="btn btn--secondary btn--small"
            onClick={() => void moveNotes([...selected], theme.id, theme.name)}
            aria-describedby={`${id}-name`}
          >
            {t('b.moveHere', { count: selected.size })}
          </button>
        )}
      </div>
      {open && (
        <div id={`${id}-more`} className="stack stack--sm tcard__more">
          <label className="check">
            <input
              type="checkbox"
              checked={theme.keyFinding}
              onChange={async (e) => report(await run('theme:mark', { id: theme.id, key: e.target.checked }), t('h.done.marked'))}
            />
            {t('h.keyFinding')}
          </label>
          <ThemeSynthesis theme={theme} />
          {notes.length === 0 ? (
            <p className="muted">{t('h.themeEmpty')}</p>
          ) : (
            <ul className="plain-list stack stack--xs">
              {notes.map((n) => (
                <ThemeNote key={n.id} note={n} quoted={theme.quotes.includes(n.id)} />
              ))}
            </ul>
          )}
          <Rename theme={theme} />
          <ConfirmButton
            className="btn btn--ghost btn--danger-text btn--small"
            confirm={t('b.deleteConfirm', { name: theme.name })}
            onConfirm={async () => void report(await run('theme:delete', { id: theme.id }), t('h.done.deleted'))}
          >
            {t('h.deleteTheme')}
          </ConfirmButton>
        </div>
      )}
    </li>
  );
}

/** The theme's finding: a sentence or two under its name in the readout. */
function ThemeSynthesis({ theme }: { theme: ThemeView }) {
  const t = useT();
  const id = useId();
  const [text, setText] = useState(theme.synthesis);
  return (
    <form
      className="stack stack--xs"
      onSubmit={async (e) => {
        e.preventDefault();
        report(await run('synthesis:write', { themeId: theme.id, text }), t('b.did.finding'));
      }}
    >
      <label htmlFor={id}>{t('b.themeFinding')}</label>
      <textarea id={id} className="input" rows={2} value={text} onChange={(e) => setText(e.target.value)} maxLength={Limits.themeSynthesisChars} />
      <div>
        <button type="submit" className="btn btn--secondary btn--small" disabled={text === theme.synthesis}>
          {t('b.saveFinding')}
        </button>
      </div>
    </form>
  );
}

function Rename({ theme }: { theme: ThemeView }) {
  const t = useT();
  const id = useId();
  const [name, setName] = useState(theme.name);
  return (
    <form
      className="row row--wrap"
      onSubmit={(e) => {
        e.preventDefault();
        if (name.trim() && name !== theme.name) void renameTheme(theme.id, name);
      }}
    >
      <label htmlFor={id} className="visually-hidden">
        {t('h.renameLabel')}
      </label>
      <input id={id} className="input input--small" value={name} onChange={(e) => setName(e.target.value)} maxLength={Limits.themeNameChars} />
      <button type="submit" className="btn btn--secondary btn--small" disabled={!name.trim() || name === theme.name}>
        {t('h.rename')}
      </button>
    </form>
  );
}

/** A note in a theme: quote it in the readout or not, reword the quote, or take it out. */
function ThemeNote({ note, quoted }: { note: NoteView; quoted: boolean }) {
  const t = useT();
  const id = useId();
  const view = useRapporteur((s) => s.view)!;
  const quote = quoteOf(view, note);
  const [text, setText] = useState(quote);
  return (
    <li className="tnote">
      <label className="check tnote__quote">
        <input type="checkbox" checked={quoted} onChange={(e) => void chooseQuote(note.id, e.target.checked)} disabled={note.hidden} />
        <span className="visually-hidden">{t('b.quoteThis')}</span>
        <span dir="auto">{quote}</span>
      </label>
      {quote !== note.text && <p className="muted">{t('h.rephrased')}</p>}
      {quoted && (
        <details>
          <summary>{t('h.editWording')}</summary>
          <form
            className="stack stack--xs"
            onSubmit={async (e) => {
              e.preventDefault();
              report(await run('quote:edit', { noteId: note.id, text }), t('h.done.rephrased'));
            }}
          >
            <label htmlFor={id}>{t('h.wordingLabel')}</label>
            <textarea id={id} className="input" rows={2} value={text} onChange={(e) => setText(e.target.value)} maxLength={Limits.noteChars} />
            <div>
              <button type="submit" className="btn btn--secondary btn--small">
                {t('h.saveWording')}
              </button>
            </div>
          </form>
        </details>
      )}
    </li>
  );
}
