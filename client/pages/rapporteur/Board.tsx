import { useId, useMemo, useRef, useState, type DragEvent, type KeyboardEvent, type MouseEvent } from 'react';
import { NoteKind, SetAsideReason, values } from '../../../shared/domain/enums.ts';
import type { NoteView } from '../../../shared/protocol/views.ts';
import { useT, type MessageId } from '../../i18n/i18n.ts';
import { range, ROUND_HIDDEN, ROUND_HIDDEN_FILTER, roundOfFilter, Status, visibleNotes, type Filters, type Place } from '../../state/board.ts';
import { placement, questionOfNote, useRapporteur } from '../../state/rapporteur.ts';
import { KIND_LABEL, KindTag } from '../../ui/KindTag.tsx';
import { moveNotes, setAside, undoLast } from './actions.ts';
import { NOTES_MIME } from './drag.ts';
import { ThemeColumn } from './ThemeColumn.tsx';

export const REASONS: Record<SetAsideReason, MessageId> = {
  'off-topic': 'h.reason.offTopic',
  duplicate: 'h.reason.duplicate',
  abusive: 'h.reason.abusive',
};

const STATUS_LABEL: Record<Status, MessageId> = {
  unsorted: 'b.status.unsorted',
  sorted: 'b.status.sorted',
  aside: 'b.status.aside',
  changed: 'b.status.changed',
  all: 'b.status.all',
};

/**
 * One question's board: the notes as compact cards with search and filters on the left, the
 * themes (and the suggestions) on the right. Notes are selected with the pointer (click, shift-
 * click for a range) or the keyboard (arrows, space, shift+arrows, Ctrl+A), then moved in one
 * command: dragged onto a theme, or with "Move here" on a theme or the toolbar's menu, which need
 * no dragging at all (WCAG 2.2, 2.5.7).
 */
export function Board({ questionKey }: { questionKey: string }) {
  const view = useRapporteur((s) => s.view)!;
  const filters = useRapporteur((s) => s.filters);
  const notes = useMemo(() => view.notes.filter((n) => questionOfNote(view, n) === questionKey), [view, questionKey]);
  const place = useMemo(() => placement(view), [view]);
  const changed = useMemo(() => new Set(view.harvest.changed), [view.harvest.changed]);
  const shown = useMemo(() => visibleNotes(notes, place, filters, changed), [notes, place, filters, changed]);
  const question = view.questions.find((q) => q.key === questionKey)!;
  return (
    <div className="board" data-testid="board">
      <section className="board__notes stack stack--sm" aria-labelledby={`notes-${questionKey}`}>
        <h2 id={`notes-${questionKey}`} className="visually-hidden">
          {question.text}
        </h2>
        <FilterBar questionKey={questionKey} notes={notes} shownCount={shown.length} />
        <SelectionBar questionKey={questionKey} shown={shown} />
        <NoteList shown={shown} place={place} changed={changed} />
      </section>
      <ThemeColumn questionKey={questionKey} notes={notes} />
    </div>
  );
}

function setFilters(change: Partial<Filters>) {
  useRapporteur.setState((s) => ({ filters: { ...s.filters, ...change } }));
}

function FilterBar({ questionKey, notes, shownCount }: { questionKey: string; notes: NoteView[]; shownCount: number }) {
  const t = useT();
  const id = useId();
  const view = useRapporteur((s) => s.view)!;
  const filters = useRapporteur((s) => s.filters);
  const question = view.questions.find((q) => q.key === questionKey)!;
  const tables = view.tables.filter((tb) => question.tableIds.includes(tb.id));
  // The round chosen stays on offer when no note is left in it (the last note without its round got it).
  const rounds = [...new Set([...notes.map((n) => n.round), ...(filters.round ? [roundOfFilter(filters.round)] : [])])].sort((a, b) => a - b);
  const place = placement(view);
  const counts = useMemo(() => {
    const c = { unsorted: 0, sorted: 0, aside: 0, changed: 0, all: notes.length };
    const changed = new Set(view.harvest.changed);
    for (const n of notes) {
      const p = place.of(n.id);
      if (p.kind === 'theme') c.sorted++;
      else if (p.kind === 'aside' || n.hidden) c.aside++;
      else c.unsorted++;
      if (changed.has(n.id)) c.changed++;
    }
    return c;
  }, [notes, view.harvest, place]);
  return (
    <div className="filters card" role="search" aria-label={t('b.filters')}>
      <div className="filters__search">
        <label htmlFor={`${id}-q`} className="visually-hidden">
          {t('b.search')}
        </label>
        <input
          id={`${id}-q`}
          type="search"
          className="input"
          placeholder={t('b.searchPlaceholder')}
          value={filters.search}
          onChange={(e) => setFilters({ search: e.target.value })}
          data-testid="search"
        />
        <p className="muted filters__count" role="status" data-testid="shown">
          {t('b.shown', { count: shownCount })}
        </p>
      </div>
      <fieldset className="segmented">
        <legend className="visually-hidden">{t('b.statusLegend')}</legend>
        {values(Status).map((s) => (
          <label key={s} className={`segmented__option${filters.status === s ? ' segmented__option--on' : ''}`}>
            <input type="radio" name={`${id}-status`} value={s} checked={filters.status === s} onChange={() => setFilters({ status: s })} />
            {t(STATUS_LABEL[s], { count: counts[s] })}
          </label>
        ))}
      </fieldset>
      <div className="row row--wrap filters__selects">
        <label className="filters__select">
          <span>{t('b.table')}</span>
          <select className="input input--small" value={filters.table} onChange={(e) => setFilters({ table: e.target.value })}>
            <option value="">{t('b.anyTable')}</option>
            {tables.map((tb) => (
              <option key={tb.id} value={tb.id}>
                {tb.name}
              </option>
            ))}
          </select>
        </label>
        <label className="filters__select">
          <span>{t('b.round')}</span>
          <select className="input input--small" value={filters.round} onChange={(e) => setFilters({ round: Number(e.target.value) })}>
            <option value={0}>{t('b.anyRound')}</option>
            {rounds.map((r) =>
              r === ROUND_HIDDEN ? (
                <option key={r} value={ROUND_HIDDEN_FILTER}>
                  {t('b.roundHidden')}
                </option>
              ) : (
                <option key={r} value={r}>
                  {t('h.round', { round: r })}
                </option>
              ),
            )}
          </select>
        </label>
        <label className="filters__select">
          <span>{t('b.kind')}</span>
          <select className="input input--small" value={filters.kind} onChange={(e) => setFilters({ kind: e.target.value as Filters['kind'] })}>
            <option value="">{t('b.anyKind')}</option>
            {values(NoteKind).map((k) => (
              <option key={k} value={k}>
                {t(KIND_LABEL[k])}
              </option>
            ))}
            <option value="none">{t('b.noKind')}</option>
          </select>
        </label>
      </div>
    </div>
  );
}

/** What to do with the selected notes: move them to a theme, set them aside, or undo the last action. */
function SelectionBar({ questionKey, shown }: { questionKey: string; shown: NoteView[] }) {
  const t = useT();
  const id = useId();
  const view = useRapporteur((s) => s.view)!;
  const selected = useRapporteur((s) => s.selected);
  const undo = useRapporteur((s) => s.undo);
  const [target, setTarget] = useState('');
  const [reason, setReason] = useState<SetAsideReason>('off-topic');
  const themes = view.harvest.themes.filter((th) => th.question === questionKey && !th.mergedInto);
  const ids = [...selected];
  const count = ids.length;
  return (
    <div className="selection card" aria-label={t('b.selectionBar')} role="toolbar" data-testid="selection-bar">
      <p className="selection__count" aria-live="polite" data-testid="selected-count">
        {t('b.selected', { count })}
      </p>
      <button
        type="button"
        className="btn btn--ghost btn--small"
        disabled={!shown.length}
        onClick={() => useRapporteur.setState({ selected: new Set(shown.map((n) => n.id)), anchor: null })}
      >
        {t('b.selectShown', { count: shown.length })}
      </button>
      <button
        type="button"
        className="btn btn--ghost btn--small"
        disabled={!count}
        onClick={() => useRapporteur.setState({ selected: new Set(), anchor: null })}
      >
        {t('b.clear')}
      </button>
      <span className="selection__group">
        <label htmlFor={`${id}-to`} className="visually-hidden">
          {t('b.moveTo')}
        </label>
        <select id={`${id}-to`} className="input input--small" value={target} onChange={(e) => setTarget(e.target.value)} disabled={!themes.length}>
          <option value="">{themes.length ? t('b.moveTo') : t('h.noThemesYet')}</option>
          {themes.map((th) => (
            <option key={th.id} value={th.id}>
              {th.name}
            </option>
          ))}
          <option value="__unsorted">{t('b.backToUnsorted')}</option>
        </select>
        <button
          type="button"
          className="btn btn--secondary btn--small"
          disabled={!count || !target}
          onClick={async () => {
            const to = target === '__unsorted' ? null : target;
            if (await moveNotes(ids, to, themes.find((th) => th.id === to)?.name)) setTarget('');
          }}
        >
          {t('b.move', { count })}
        </button>
      </span>
      <span className="selection__group">
        <label htmlFor={`${id}-why`} className="visually-hidden">
          {t('h.reasonFor')}
        </label>
        <select id={`${id}-why`} className="input input--small" value={reason} onChange={(e) => setReason(e.target.value as SetAsideReason)}>
          {values(SetAsideReason).map((r) => (
            <option key={r} value={r}>
              {t(REASONS[r])}
            </option>
          ))}
        </select>
        <button type="button" className="btn btn--ghost btn--small" disabled={!count} onClick={() => void setAside(ids, reason)}>
          {t('b.setAside', { count })}
        </button>
      </span>
      <button
        type="button"
        className="btn btn--ghost btn--small selection__undo"
        disabled={!undo}
        onClick={() => void undoLast()}
        title={undo?.label}
        data-testid="undo"
      >
        {undo ? t('b.undoWhat', { label: undo.label }) : t('b.undo')}
      </button>
    </div>
  );
}

/** Where a note stands, in words, for its card. */
function placeLabel(place: Place, themeName: (id: string) => string, t: ReturnType<typeof useT>): string | null {
  switch (place.kind) {
    case 'theme':
      return t('b.inTheme', { name: themeName(place.live) });
    case 'aside':
      return t(REASONS[place.reason]);
    case 'unsorted':
      return null;
  }
}

/**
 * The notes as a multi-select listbox: one tab stop, arrows move, space selects, shift+arrows
 * extend, Ctrl+A selects everything shown, Escape clears. Each card can be dragged (with the
 * rest of the selection) onto a theme.
 */
function NoteList({ shown, place, changed }: { shown: NoteView[]; place: ReturnType<typeof placement>; changed: ReadonlySet<string> }) {
  const t = useT();
  const view = useRapporteur((s) => s.view)!;
  const selected = useRapporteur((s) => s.selected);
  const anchor = useRapporteur((s) => s.anchor);
  const [active, setActive] = useState<string | null>(null);
  const list = useRef<HTMLUListElement>(null);
  const tables = useMemo(() => new Map(view.tables.map((tb) => [tb.id, tb.name])), [view.tables]);
  const themeName = (id: string) => view.harvest.themes.find((th) => th.id === id)?.name ?? '';
  const current = shown.some((n) => n.id === active) ? active : (shown[0]?.id ?? null);

  const select = (ids: string[], mode: 'toggle' | 'add' | 'only', anchorId: string | null) => {
    const next = new Set(mode === 'only' ? [] : selected);
    if (mode === 'toggle')
      for (const id of ids) {
        if (next.has(id)) next.delete(id);
        else next.add(id);
      }
    else for (const id of ids) next.add(id);
    useRapporteur.setState({ selected: next, anchor: anchorId });
  };
  const focus = (id: string) => {
    setActive(id);
    list.current?.querySelector<HTMLElement>(`[data-note="${CSS.escape(id)}"]`)?.focus();
  };

  const onClick = (e: MouseEvent, id: string) => {
    if (e.shiftKey) select(range(shown, anchor, id), 'add', anchor ?? id);
    else select([id], 'toggle', id);
    setActive(id);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (!current) return;
    const at = shown.findIndex((n) => n.id === current);
    const go = (to: number) => {
      const next = shown[Math.max(0, Math.min(shown.length - 1, to))]!;
      if (e.shiftKey) select(range(shown, anchor ?? current, next.id), 'add', anchor ?? current);
      focus(next.id);
    };
    switch (e.key) {
      case 'ArrowDown':
        e.preventDefault();
        return go(at + 1);
      case 'ArrowUp':
        e.preventDefault();
        return go(at - 1);
      case 'Home':
        e.preventDefault();
        return go(0);
      case 'End':
        e.preventDefault();
        return go(shown.length - 1);
      case ' ':
        e.preventDefault();
        if (e.shiftKey) return select(range(shown, anchor, current), 'add', anchor ?? current);
        return select([current], 'toggle', current);
      case 'Escape':
        return useRapporteur.setState({ selected: new Set(), anchor: null });
      case 'a':
        if (e.ctrlKey || e.metaKey) {
          e.preventDefault();
          useRapporteur.setState({ selected: new Set(shown.map((n) => n.id)), anchor: null });
        }
        return;
      case 'z':
        if (e.ctrlKey || e.metaKey) {
          e.preventDefault();
          void undoLast();
        }
    }
  };

  const onDragStart = (e: DragEvent, id: string) => {
    const ids = selected.has(id) ? [...selected] : [id];
    e.dataTransfer.setData(NOTES_MIME, JSON.stringify(ids));
    e.dataTransfer.setData('text/plain', t('b.dragging', { count: ids.length }));
    e.dataTransfer.effectAllowed = 'move';
  };

  if (!shown.length) return <p className="muted board__empty">{t('b.noneShown')}</p>;
  return (
    <ul ref={list} className="notes" role="listbox" aria-multiselectable="true" aria-label={t('b.notesLabel')} onKeyDown={onKeyDown} data-testid="notes">
      {shown.map((n) => {
        const p = place.of(n.id);
        const where = placeLabel(p, themeName, t);
        const isSelected = selected.has(n.id);
        return (
          <li
            key={n.id}
            role="option"
            aria-selected={isSelected}
            tabIndex={n.id === current ? 0 : -1}
            className={`ncard${isSelected ? ' ncard--selected' : ''}${p.kind !== 'unsorted' ? ' ncard--placed' : ''}`}
            data-note={n.id}
            data-testid="note-card"
            draggable
            onDragStart={(e) => onDragStart(e, n.id)}
            onClick={(e) => onClick(e, n.id)}
            onFocus={() => setActive(n.id)}
          >
            <span className="ncard__box" aria-hidden="true" />
            <span className="ncard__text" dir="auto">
              {n.text}
            </span>
            <span className="ncard__meta">
              <span>{tables.get(n.tableId) ?? n.tableId}</span>
              {n.round === ROUND_HIDDEN ? (
                <span title={t('b.roundHiddenHelp')}>{t('b.roundHiddenShort')}</span>
              ) : (
                <span>{t('b.roundShort', { round: n.round })}</span>
              )}
              {n.kind && <KindTag kind={n.kind} />}
              {changed.has(n.id) && <span className="ncard__flag">{t('b.changed')}</span>}
              {n.hidden && <span className="ncard__flag">{t('h.hiddenByFacilitator')}</span>}
              {where && <span className="ncard__where">{where}</span>}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
