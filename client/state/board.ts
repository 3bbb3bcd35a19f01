import type { InputOf } from '../../shared/commands/index.ts';
import type { NoteKind, SetAsideReason } from '../../shared/domain/enums.ts';
import type { HarvestPatch, HarvestView, NoteView, SuggestionsView, ThemeView } from '../../shared/protocol/views.ts';

/**
 * The rapporteur's board as pure functions of the harvest view: where each note stands, which
 * notes the search and filters show, what a suggestion still proposes, and the commands that
 * undo the last action. Components call these; they hold no rules of their own.
 */

/** Where a note stands: in a theme (the one standing after merges), set aside, or still to sort. */
export type Place = { kind: 'theme'; themeId: string; live: string } | { kind: 'aside'; reason: SetAsideReason; detail: string } | { kind: 'unsorted' };

export interface Placement {
  of(noteId: string): Place;
  /** Follows merges: the theme that now holds a theme's notes. */
  live(themeId: string): string;
}

export function placement(harvest: Pick<HarvestView, 'themes' | 'setAside'>): Placement {
  const themes = new Map(harvest.themes.map((t) => [t.id, t]));
  const live = (id: string) => {
    let theme = themes.get(id);
    for (let hops = 0; theme?.mergedInto && hops < 100; hops++) theme = themes.get(theme.mergedInto);
    return theme?.id ?? id;
  };
  const inTheme = new Map<string, string>();
  for (const t of harvest.themes) for (const id of t.noteIds) inTheme.set(id, t.id);
  const aside = new Map(harvest.setAside.map((a) => [a.noteId, a]));
  return {
    of(noteId) {
      const themeId = inTheme.get(noteId);
      if (themeId) return { kind: 'theme', themeId, live: live(themeId) };
      const a = aside.get(noteId);
      return a ? { kind: 'aside', reason: a.reason, detail: a.detail } : { kind: 'unsorted' };
    },
    live,
  };
}

export const Status = { unsorted: 'unsorted', sorted: 'sorted', aside: 'aside', changed: 'changed', all: 'all' } as const;
export type Status = (typeof Status)[keyof typeof Status];

export interface Filters {
  search: string;
  /** A table id, or '' for every table. */
  table: string;
  /** A round number, ROUND_HIDDEN_FILTER for notes whose round is not shown, or 0 for every round. */
  round: number;
  kind: NoteKind | '' | 'none';
  status: Status;
}

/**
 * The round a note comes with where fewer than three people wrote at its table in that round: not
 * shown (the server's k rule; a facilitator, who sees who sat where, can open a rapporteur link).
 */
export const ROUND_HIDDEN = 0;
/** The round filter's value for those notes, 0 being every round. */
export const ROUND_HIDDEN_FILTER = -1;

/** The round a note carries when the round filter holds this value (0 still means every round). */
export const roundOfFilter = (value: number): number => (value === ROUND_HIDDEN_FILTER ? ROUND_HIDDEN : value);

export const NO_FILTERS: Filters = { search: '', table: '', round: 0, kind: '', status: 'unsorted' };

/** Lower case, accents and other marks dropped: "Électricité" is found by "electricite". */
export function searchable(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase();
}

/**
 * The notes the board shows, in the order they arrived: every word of the search must occur
 * (in any order), and each filter must hold. Hidden notes show only among those set aside.
 */
export function visibleNotes(notes: readonly NoteView[], place: Placement, filters: Filters, changed: ReadonlySet<string>): NoteView[] {
  const words = searchable(filters.search).split(/\s+/).filter(Boolean);
  return notes.filter((n) => {
    if (filters.table && n.tableId !== filters.table) return false;
    if (filters.round && n.round !== roundOfFilter(filters.round)) return false;
    if (filters.kind === 'none' ? n.kind !== null : filters.kind && n.kind !== filters.kind) return false;
    const p = place.of(n.id);
    switch (filters.status) {
      case 'unsorted':
        if (p.kind !== 'unsorted' || n.hidden) return false;
        break;
      case 'sorted':
        if (p.kind !== 'theme') return false;
        break;
      case 'aside':
        if (p.kind !== 'aside' && !n.hidden) return false;
        break;
      case 'changed':
        if (!changed.has(n.id)) return false;
        break;
      case 'all':
        break;
    }
    if (!words.length) return true;
    const text = searchable(n.text);
    return words.every((w) => text.includes(w));
  });
}

/** Ids from `anchor` to `to` in the order shown (both included): a shift-click's range. */
export function range(shown: readonly { id: string }[], anchor: string | null, to: string): string[] {
  const a = anchor ? shown.findIndex((n) => n.id === anchor) : -1;
  const b = shown.findIndex((n) => n.id === to);
  if (a < 0 || b < 0) return [to];
  const [from, end] = a < b ? [a, b] : [b, a];
  return shown.slice(from, end + 1).map((n) => n.id);
}

/** A suggestion as it still stands: only notes still to sort, and gone once fewer than two remain. */
export function liveSuggestions(suggestions: SuggestionsView | undefined, place: Placement, dismissed: ReadonlySet<string>): SuggestionsView['clusters'] {
  if (!suggestions) return [];
  return suggestions.clusters
    .map((c) => ({ ...c, noteIds: c.noteIds.filter((id) => place.of(id).kind === 'unsorted') }))
    .filter((c) => c.noteIds.length >= 2 && !dismissed.has(suggestionKey(c)));
}

/** Near-copy groups with at least two notes still to sort: all but the first can go aside as duplicates. */
export function liveDuplicates(suggestions: SuggestionsView | undefined, place: Placement): string[][] {
  if (!suggestions) return [];
  return suggestions.duplicates.map((d) => d.noteIds.filter((id) => place.of(id).kind === 'unsorted')).filter((ids) => ids.length >= 2);
}

/** A suggestion's identity across re-renders, for dismissing it: its first note, which is its most central. */
export function suggestionKey(cluster: { noteIds: readonly string[] }): string {
  return cluster.noteIds[0] ?? '';
}

/** A command the board sends, as its name and payload. */
export type BoardCommand = { [K in BoardCommandName]: { name: K; payload: InputOf<K> } }[BoardCommandName];
type BoardCommandName = 'notes:sort' | 'notes:setAside' | 'theme:delete' | 'theme:unmerge' | 'theme:rename' | 'quote:choose';

/**
 * The commands that put notes back where they stood before a move: grouped by where each was,
 * so undoing a bulk move of a hundred notes from three places is three commands.
 */
export function restorePlaces(noteIds: readonly string[], place: Placement): BoardCommand[] {
  const byTheme = new Map<string, string[]>();
  const byAside = new Map<string, { reason: SetAsideReason; detail: string; ids: string[] }>();
  const unsorted: string[] = [];
  for (const id of noteIds) {
    const p = place.of(id);
    if (p.kind === 'theme') byTheme.set(p.themeId, [...(byTheme.get(p.themeId) ?? []), id]);
    else if (p.kind === 'aside') {
      const key = `${p.reason}\u0000${p.detail}`;
      const group = byAside.get(key) ?? { reason: p.reason, detail: p.detail, ids: [] };
      group.ids.push(id);
      byAside.set(key, group);
    } else unsorted.push(id);
  }
  return [
    ...(unsorted.length ? [{ name: 'notes:sort' as const, payload: { noteIds: unsorted, themeId: null } }] : []),
    ...[...byTheme].map(([themeId, ids]) => ({ name: 'notes:sort' as const, payload: { noteIds: ids, themeId } })),
    ...[...byAside.values()].map((g) => ({
      name: 'notes:setAside' as const,
      payload: { noteIds: g.ids, reason: g.reason, ...(g.detail ? { detail: g.detail } : {}) },
    })),
  ];
}

/** What undoes accepting a suggestion: the theme goes (its notes back to unsorted), and notes that stood elsewhere go back there. */
export function undoCreate(themeId: string, noteIds: readonly string[], place: Placement): BoardCommand[] {
  return [
    { name: 'theme:delete', payload: { id: themeId } },
    ...restorePlaces(
      noteIds.filter((id) => place.of(id).kind !== 'unsorted'),
      place,
    ),
  ];
}

/** The harvest view with a patch applied: the tallies, the findings or the changed notes that moved. */
export function patchHarvest(harvest: HarvestView, patch: HarvestPatch): HarvestView {
  let next = harvest;
  if (patch.votes) {
    const byTheme = new Map(patch.votes.byTheme.map((v) => [v.themeId, v.votes]));
    next = { ...next, voters: patch.votes.voters, themes: next.themes.map((t): ThemeView => ({ ...t, votes: t.mergedInto ? 0 : (byTheme.get(t.id) ?? 0) })) };
  }
  if (patch.findings) next = { ...next, ...patch.findings };
  if (patch.changed) next = { ...next, changed: patch.changed };
  return next;
}

/** Sort progress of a harvest, for the facilitator's console: notes placed, set aside, still to sort. */
export function progress(
  notes: readonly NoteView[],
  harvest: Pick<HarvestView, 'themes' | 'setAside'>,
): { total: number; sorted: number; aside: number; unsorted: number } {
  const place = placement(harvest);
  let sorted = 0;
  let aside = 0;
  let total = 0;
  for (const n of notes) {
    total++;
    const p = place.of(n.id);
    if (p.kind === 'theme') sorted++;
    else if (p.kind === 'aside' || n.hidden) aside++;
  }
  return { total, sorted, aside, unsorted: total - sorted - aside };
}
