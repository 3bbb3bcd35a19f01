import { memo, useDeferredValue, useId, useMemo, useState } from 'react';
import { NoteKind, values } from '../../../../shared/domain/enums.ts';
import type { StaffNoteView } from '../../../../shared/protocol/views.ts';
import { useT } from '../../../i18n/i18n.ts';
import { useFacilitator } from '../../../state/facilitator.ts';
import { emptyQuery, moderationList, roundsWithNotes, type ModerationQuery } from '../../../state/moderationSelectors.ts';
import { ConfirmButton } from '../../../ui/ConfirmButton.tsx';
import { KIND_LABEL, KindTag } from '../../../ui/KindTag.tsx';
import { run } from '../session.ts';
import { useAction } from '../useAction.ts';
import { PaceBanner } from './PaceBanner.tsx';

/** Rows drawn at once: a plenary has tens of thousands of notes; the search finds the one that matters. */
const PAGE = 100;

/**
 * Every note of every table, for facilitators and co-facilitators during a live round: search,
 * filters, hide and show one or many, release held notes, mute whoever wrote a note. Loaded only
 * when opened, so the console's first screen does not pay for it.
 */
export function ModerationView({ table = '', onClose }: { table?: string; onClose: () => void }) {
  const t = useT();
  const view = useFacilitator((s) => s.view)!;
  const [query, setQuery] = useState<ModerationQuery>(() => ({ ...emptyQuery, table }));
  // Typing stays smooth while a plenary's list is filtered behind it.
  const deferred = useDeferredValue(query);
  const [limit, setLimit] = useState(PAGE);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const list = useMemo(() => moderationList(view.notes, view.tables, deferred), [view.notes, view.tables, deferred]);
  const rounds = useMemo(() => roundsWithNotes(view.notes), [view.notes]);
  const shown = list.slice(0, limit);
  const names = useMemo(() => new Map(view.tables.map((x) => [x.id, x.name])), [view.tables]);
  const set = (change: Partial<ModerationQuery>) => {
    setQuery((q) => ({ ...q, ...change }));
    setLimit(PAGE);
  };
  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  const ids = useId();

  return (
    <section className="mod stack" aria-labelledby={`${ids}-title`} data-testid="moderation">
      <div className="mod__head">
        <div className="stack stack--xs">
          <h2 id={`${ids}-title`} className="section-title">
            {t('m.title')}
          </h2>
          <p className="muted mod__intro">{t('m.intro')}</p>
        </div>
        <div className="row row--wrap mod__head-actions">
          <WordListSwitch on={view.moderation.wordList} />
          <button type="button" className="btn btn--secondary btn--small" onClick={onClose}>
            {t('m.back')}
          </button>
        </div>
      </div>
      <PaceBanner tables={names} />
      <form className="mod__tools" role="search" onSubmit={(e) => e.preventDefault()}>
        <label className="mod__search">
          <span className="visually-hidden">{t('m.search')}</span>
          <input
            type="search"
            className="input"
            placeholder={t('m.searchPlaceholder')}
            value={query.text}
            onChange={(e) => set({ text: e.target.value })}
            data-testid="mod-search"
          />
        </label>
        <label>
          <span className="visually-hidden">{t('m.table')}</span>
          <select className="input input--small" value={query.table} onChange={(e) => set({ table: e.target.value })}>
            <option value="">{t('m.allTables')}</option>
            {view.tables.map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span className="visually-hidden">{t('m.round')}</span>
          <select className="input input--small" value={query.round} onChange={(e) => set({ round: Number(e.target.value) })}>
            <option value={0}>{t('m.allRounds')}</option>
            {rounds.map((r) => (
              <option key={r} value={r}>
                {t('m.roundN', { round: r })}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span className="visually-hidden">{t('m.kind')}</span>
          <select className="input input--small" value={query.kind} onChange={(e) => set({ kind: e.target.value as ModerationQuery['kind'] })}>
            <option value="">{t('m.allKinds')}</option>
            {values(NoteKind).map((k) => (
              <option key={k} value={k}>
                {t(KIND_LABEL[k])}
              </option>
            ))}
            <option value="none">{t('m.noKind')}</option>
          </select>
        </label>
        <fieldset className="mod__checks">
          <legend className="visually-hidden">{t('m.filters')}</legend>
          {(['flagged', 'hidden', 'held'] as const).map((f) => (
            <label key={f} className="check">
              <input type="checkbox" checked={query[f]} onChange={(e) => set({ [f]: e.target.checked })} />
              {t(f === 'flagged' ? 'm.onlyFlagged' : f === 'hidden' ? 'm.onlyHidden' : 'm.onlyHeld')}
            </label>
          ))}
        </fieldset>
      </form>
      <div className="mod__bar row row--wrap row--between">
        <p className="muted" role="status" data-testid="mod-count">
          {t('m.count', { shown: shown.length, count: list.length })}
        </p>
        <div className="row row--wrap">
          <label className="check">
            <input
              type="checkbox"
              checked={shown.length > 0 && shown.every((n) => selected.has(n.id))}
              onChange={(e) => setSelected(e.target.checked ? new Set([...selected, ...shown.map((n) => n.id)]) : new Set())}
            />
            {t('m.selectAll')}
          </label>
          {selected.size > 0 && <BulkActions selected={selected} notes={view.notes} onDone={() => setSelected(new Set())} />}
        </div>
      </div>
      {list.length === 0 ? (
        <p className="muted">{t('m.none')}</p>
      ) : (
        <ol className="mod__list" data-testid="mod-list">
          {shown.map((note) => (
            <ModerationRow key={note.id} note={note} table={names.get(note.tableId) ?? ''} selected={selected.has(note.id)} onToggle={toggle} />
          ))}
        </ol>
      )}
      {list.length > shown.length && (
        <button type="button" className="btn btn--secondary" onClick={() => setLimit((l) => l + PAGE)}>
          {t('m.more', { count: Math.min(PAGE, list.length - shown.length) })}
        </button>
      )}
    </section>
  );
}

function WordListSwitch({ on }: { on: boolean }) {
  const t = useT();
  const { busy, act } = useAction();
  const id = useId();
  return (
    <label className="check mod__wordlist" title={t('m.wordListHelp')}>
      <input
        type="checkbox"
        checked={on}
        disabled={busy !== null}
        aria-describedby={`${id}-help`}
        onChange={(e) =>
          void act('words', () => run('wordlist:set', { on: e.target.checked }), t(e.target.checked ? 'm.done.wordListOn' : 'm.done.wordListOff'))
        }
      />
      {t('m.wordList')}
      <span id={`${id}-help`} className="visually-hidden">
        {t('m.wordListHelp')}
      </span>
    </label>
  );
}

function BulkActions({ selected, notes, onDone }: { selected: ReadonlySet<string>; notes: readonly StaffNoteView[]; onDone: () => void }) {
  const t = useT();
  const { busy, act } = useAction();
  const chosen = notes.filter((n) => selected.has(n.id));
  const ids = chosen.map((n) => n.id);
  const hide = chosen.filter((n) => !n.hidden).map((n) => n.id);
  const show = chosen.filter((n) => n.hidden).map((n) => n.id);
  const release = chosen.filter((n) => n.held).map((n) => n.id);
  return (
    <span className="row row--wrap mod__bulk" data-testid="mod-bulk">
      <span className="muted">{t('m.selected', { count: ids.length })}</span>
      {hide.length > 0 && (
        <ConfirmButton
          className="btn btn--secondary btn--small"
          confirm={t('m.hideConfirm', { count: hide.length })}
          disabled={busy !== null}
          onConfirm={() =>
            void act(
              'hide',
              () => run('note:hide', { ids: hide, hidden: true }),
              (reply) => {
                const changed = typeof reply.changed === 'number' ? reply.changed : hide.length;
                const missing = Array.isArray(reply.missing) ? reply.missing.length : 0;
                return missing > 0 ? t('m.done.hiddenSkipped', { count: changed, missing }) : t('m.done.hidden', { count: changed });
              },
            ).then((ok) => ok && onDone())
          }
        >
          {t('m.hideSelected')}
        </ConfirmButton>
      )}
      {show.length > 0 && (
        <ConfirmButton
          className="btn btn--ghost btn--small"
          confirm={t('m.showConfirm', { count: show.length })}
          disabled={busy !== null}
          onConfirm={() =>
            void act('show', () => run('note:hide', { ids: show, hidden: false }), t('m.done.shown', { count: show.length })).then((ok) => ok && onDone())
          }
        >
          {t('m.showSelected')}
        </ConfirmButton>
      )}
      {release.length > 0 && (
        <ConfirmButton
          className="btn btn--ghost btn--small"
          confirm={t('m.releaseConfirm', { count: release.length })}
          disabled={busy !== null}
          onConfirm={() =>
            void act('release', () => run('note:release', { ids: release }), t('m.done.released', { count: release.length })).then((ok) => ok && onDone())
          }
        >
          {t('m.releaseSelected')}
        </ConfirmButton>
      )}
      <button type="button" className="btn btn--ghost btn--small" onClick={onDone}>
        {t('m.clear')}
      </button>
    </span>
  );
}

/** One note: drawn again only when it, its table's name or its selection changed. */
const ModerationRow = memo(function ModerationRow({
  note,
  table,
  selected,
  onToggle,
}: {
  note: StaffNoteView;
  table: string;
  selected: boolean;
  onToggle: (id: string) => void;
}) {
  const t = useT();
  const { busy, act } = useAction();
  const id = useId();
  return (
    <li className={`mnote ${note.hidden ? 'mnote--hidden' : ''} ${note.held ? 'mnote--held' : ''}`} data-note-id={note.id} data-testid="mod-note">
      <input
        type="checkbox"
        className="mnote__check"
        checked={selected}
        onChange={() => onToggle(note.id)}
        aria-label={t('m.selectNote')}
        aria-describedby={`${id}-text`}
      />
      <div className="mnote__body">
        <p className="mnote__meta">
          {note.placeWithheld ? (
            <span className="badge" title={t('m.placeWithheldHelp')}>
              {t('m.placeWithheld')}
            </span>
          ) : (
            <span className="mnote__cell" title={note.round === 0 ? t('m.roundWithheldHelp') : undefined}>
              {note.round === 0 ? t('m.cellNoRound', { table }) : t('m.cell', { table, round: note.round })}
            </span>
          )}
          {note.kind && <KindTag kind={note.kind} />}
          {note.hidden && <span className="badge">{t('f.hidden')}</span>}
          {note.held && (
            <span className="badge badge--held" title={t('m.heldHelp')}>
              {t('m.held')}
            </span>
          )}
          {note.flags && (
            <span className="badge badge--flag" title={t('m.flagsHelp')} data-testid="mod-flags">
              {t('m.flags', { count: note.flags })}
            </span>
          )}
          {note.suspect && (
            <span className="badge badge--flag" title={t('m.suspectHelp')}>
              {t('m.suspect')}
            </span>
          )}
        </p>
        <p className="mnote__text" id={`${id}-text`}>
          {note.text}
        </p>
      </div>
      <div className="mnote__actions" role="group" aria-label={t('m.noteActions')}>
        {note.hidden ? (
          <button
            type="button"
            className="btn btn--ghost btn--small"
            disabled={busy !== null}
            onClick={() => void act('show', () => run('note:hide', { ids: [note.id], hidden: false }), t('m.done.shown', { count: 1 }))}
          >
            {t('m.show')}
          </button>
        ) : (
          <button
            type="button"
            className="btn btn--secondary btn--small"
            disabled={busy !== null}
            onClick={() => void act('hide', () => run('note:hide', { ids: [note.id], hidden: true }), t('m.done.hidden', { count: 1 }))}
          >
            {t('m.hide')}
          </button>
        )}
        {note.held && (
          <ConfirmButton
            className="btn btn--ghost btn--small"
            confirm={t('m.releaseConfirm', { count: 1 })}
            disabled={busy !== null}
            onConfirm={() => void act('release', () => run('note:release', { ids: [note.id] }), t('m.done.released', { count: 1 }))}
          >
            {t('m.release')}
          </ConfirmButton>
        )}
        <ConfirmButton
          className="btn btn--ghost btn--small btn--danger-text"
          confirm={t('m.muteConfirm')}
          disabled={busy !== null}
          onConfirm={() => void act('mute', () => run('author:mute', { id: note.id }), t('m.done.muted'))}
        >
          {t('m.mute')}
        </ConfirmButton>
      </div>
    </li>
  );
});
