import { Language } from '../domain/enums.ts';
import { OTHER_GROUP_NAMES } from '../domain/stakeholders.ts';
import type { Note, NoteId, ParticipantId, SessionState, TableId, Theme, ThemeId } from '../domain/state.ts';
import { lastStartedRound, liveTheme, questionsOf } from '../domain/state.ts';
import { checkTexts, foldString, type AttributionCache } from './attribution/index.ts';
import { quotable, quoteOf, readoutTexts, rosterOf, sourceRef } from './sources.ts';
import { isLanguage } from './i18n/index.ts';
import {
  KeptReason,
  keptReasonOf,
  LeftOut,
  type AppendixEntry,
  type Fate,
  type Method,
  type Readout,
  type ReadoutQuestion,
  type ReadoutTheme,
  type RoundSpan,
  type StakeholderStats,
  type Takeaway,
} from './types.ts';

/**
 * What the readout needs beyond what the session state held when it was written. The domain
 * supplies these from the state (see `readoutInputFromState`); tests and a preview may pass
 * them directly.
 */
export interface ReadoutInput {
  /** The notes the rapporteur chose to quote, by theme (a merged theme's choices count for the theme it went into). */
  quotes: ReadonlyMap<ThemeId, readonly NoteId[]>;
  /** The rapporteur's finding for a theme, by theme. */
  themeSyntheses: ReadonlyMap<ThemeId, string>;
  /** The rapporteur's takeaways across questions; none: the key findings stand in. */
  takeaways: readonly string[];
  /** Attribution findings kept on purpose, counted by reason. */
  kept: ReadonlyMap<KeptReason, number>;
}

export interface ReadoutOptions {
  version: number;
  /** k: the smallest group shown on its own, and the fewest writers a (question, round) cell needs to keep its round. */
  minGroupSize: number;
  now: number;
  /** Overrides what the state supplies. */
  input?: Partial<ReadoutInput>;
  /** The session's attribution cache, for counting kept findings without a cold check. */
  attribution?: AttributionCache;
}

/** Most takeaways drawn from key findings when the rapporteur wrote none. */
const MAX_DRAWN_TAKEAWAYS = 8;

/**
 * Reads the readout's inputs from the state, where the state has them: per-theme quotes and
 * syntheses and cross-question takeaways are optional fields the harvest commands do not set
 * yet, so their absence means "nothing chosen". Kept findings are counted only while the
 * check still finds them in the texts as they stand.
 */
export function readoutInputFromState(state: SessionState, attribution?: AttributionCache): ReadoutInput {
  const quotes = new Map<ThemeId, readonly NoteId[]>();
  const themeSyntheses = new Map<ThemeId, string>();
  for (const theme of state.harvest.themes.values()) {
    if (theme.quotes?.length) quotes.set(theme.id, theme.quotes);
    if (theme.synthesis) themeSyntheses.set(theme.id, theme.synthesis);
  }
  const kept = new Map<KeptReason, number>();
  if (state.harvest.kept.size) {
    for (const finding of checkTexts(readoutTexts(state), rosterOf(state), attribution)) {
      const decision = state.harvest.kept.get(finding.key);
      if (!decision) continue;
      const reason = keptReasonOf(decision.reason);
      kept.set(reason, (kept.get(reason) ?? 0) + 1);
    }
  }
  return { quotes, themeSyntheses, takeaways: state.harvest.takeaways ?? [], kept };
}

/**
 * Builds the readout from a session's state: pure and deterministic. Nothing in it maps to a
 * person: notes are numbered N1… in an order derived from the question, what became of them,
 * the rounds as shown and their words (never who wrote them or when); the only dates are days;
 * a round is shown only for cells of at least k writers.
 */
export function buildReadout(state: SessionState, options: ReadoutOptions): { readout: Readout; noteNumbers: Record<NoteId, string> } {
  const { harvest } = state;
  const input = { ...readoutInputFromState(state, options.attribution), ...options.input };
  const questions = questionsOf(state);
  const k = options.minGroupSize;

  const votes = new Map<ThemeId, number>();
  for (const ballot of harvest.votes.values()) {
    for (const [themeId, dots] of ballot) {
      const live = liveTheme(harvest, themeId);
      if (live && dots > 0) votes.set(live.id, (votes.get(live.id) ?? 0) + dots);
    }
  }

  // Which theme holds each note, and under what name it was first grouped.
  const placed = new Map<NoteId, { live: Theme; origin: Theme }>();
  for (const theme of harvest.themes.values()) {
    const live = liveTheme(harvest, theme.id);
    if (!live) continue;
    for (const noteId of theme.noteIds) placed.set(noteId, { live, origin: theme });
  }

  const fateOf = (note: Note): Fate => {
    if (note.hidden) return { kind: 'withheld' };
    const p = placed.get(note.id);
    if (p) return p.live.id === p.origin.id ? { kind: 'theme', theme: p.live.name } : { kind: 'merged', theme: p.live.name, from: p.origin.name };
    const aside = harvest.setAside.get(note.id);
    if (aside) return { kind: 'set-aside', reason: aside.reason };
    return { kind: 'unused' };
  };

  // Chosen quotes, by the theme that now holds them; only notes still in it and quotable.
  const chosen = new Set<NoteId>();
  for (const [themeId, noteIds] of input.quotes) {
    const live = liveTheme(harvest, themeId);
    if (!live) continue;
    for (const noteId of noteIds) if (placed.get(noteId)?.live.id === live.id && quotable(state, noteId)) chosen.add(noteId);
  }

  const questionOf = new Map<TableId, string>();
  for (const q of questions) for (const tableId of q.tableIds) questionOf.set(tableId, q.key);
  const byQuestion = new Map<string, Note[]>();
  for (const note of state.notes.values()) {
    if (note.deleted || note.held) continue;
    const q = questionOf.get(note.tableId);
    if (!q) continue;
    const list = byQuestion.get(q) ?? [];
    list.push(note);
    byQuestion.set(q, list);
  }

  const participantsOf = (tableIds: ReadonlySet<TableId> | null) => {
    const ids = new Set<ParticipantId>();
    for (const round of state.sittings.values()) {
      for (const [pid, tables] of round) if (!tableIds || tables.some((t) => tableIds.has(t))) ids.add(pid);
    }
    return [...ids].map((pid) => state.participants.get(pid)).filter((p) => p !== undefined);
  };

  const appendix: AppendixEntry[] = [];
  const noteNumbers = new Map<NoteId, string>();
  const outQuestions: ReadoutQuestion[] = [];
  const keyFindings: (Takeaway & { votes: number })[] = [];
  const leftOut = new Map<LeftOut, number>();

  for (const [i, q] of questions.entries()) {
    const live = [...harvest.themes.values()]
      .filter((t) => t.question === q.key && !t.mergedInto)
      .map((t) => ({ theme: t, votes: votes.get(t.id) ?? 0 }))
      .sort((a, b) => Number(b.theme.keyFinding) - Number(a.theme.keyFinding) || b.votes - a.votes || compareText(a.theme.name, b.theme.name));
    const themeRank = new Map(live.map((t, rank) => [t.theme.id, rank]));
    const notes = byQuestion.get(q.key) ?? [];
    const spans = roundSpans(notes, k);

    const entries = notes.map((note) => {
      const fate = fateOf(note);
      const liveId = fate.kind === 'theme' || fate.kind === 'merged' ? placed.get(note.id)!.live.id : null;
      const text = liveId ? quoteOf(state, sourceRef.note(note.id), note.text) : note.text;
      // Folded once here, not at every comparison: folding is the costly part of sorting text.
      return {
        note,
        fate,
        liveId,
        rank: fateRank(fate, liveId ? (themeRank.get(liveId) ?? 0) : 0),
        rounds: spans.get(note.round) ?? null,
        text,
        key: [foldString(fateKey(fate)), foldString(text)] as const,
      };
    });
    // Each (fate, rounds shown) group gets consecutive numbers, so the appendix can print ranges.
    const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    entries.sort(
      (a, b) =>
        a.rank - b.rank ||
        byKey(a.key[0], b.key[0]) ||
        byKey(fateKey(a.fate), fateKey(b.fate)) ||
        (a.rounds?.from ?? 0) - (b.rounds?.from ?? 0) ||
        byKey(a.key[1], b.key[1]) ||
        byKey(a.text, b.text) ||
        byKey(a.note.id, b.note.id),
    );
    const quotesOf = new Map<ThemeId, { ref: string; text: string }[]>();
    const figures = new Map<ThemeId, { notes: number; tables: Set<TableId> }>();
    for (const e of entries) {
      const ref = `N${appendix.length + 1}`;
      noteNumbers.set(e.note.id, ref);
      appendix.push({ ref, question: i + 1, rounds: e.rounds, fate: e.fate });
      if (e.liveId) {
        const f = figures.get(e.liveId) ?? { notes: 0, tables: new Set<TableId>() };
        f.notes++;
        f.tables.add(e.note.tableId);
        figures.set(e.liveId, f);
        if (chosen.has(e.note.id)) quotesOf.set(e.liveId, [...(quotesOf.get(e.liveId) ?? []), { ref, text: e.text }]);
      } else {
        const category = leftOutOf(e.fate);
        if (category) leftOut.set(category, (leftOut.get(category) ?? 0) + 1);
      }
    }

    const themes: ReadoutTheme[] = live.map(({ theme, votes: v }) => ({
      name: theme.name,
      keyFinding: theme.keyFinding,
      synthesis: input.themeSyntheses.get(theme.id) ?? '',
      notes: figures.get(theme.id)?.notes ?? 0,
      tables: figures.get(theme.id)?.tables.size ?? 0,
      votes: v,
      quotes: quotesOf.get(theme.id) ?? [],
    }));
    for (const t of themes) if (t.keyFinding) keyFindings.push({ text: t.name, question: i + 1, votes: t.votes });

    outQuestions.push({
      number: i + 1,
      question: q.text,
      summary: harvest.syntheses.get(q.key) ?? '',
      notes: notes.length,
      tables: new Set(notes.map((n) => n.tableId)).size,
      themes,
      stakeholders: stakeholderStats(
        participantsOf(new Set(q.tableIds)).map((p) => p.group),
        k,
      ),
    });
  }

  const everyone = participantsOf(null);
  const remote = everyone.filter((p) => p.presence === 'remote').length;
  const cast = [...votes.values()].reduce((s, n) => s + n, 0);
  const method: Method = {
    tables: state.tables.length,
    rounds: roundsHeld(state),
    roundMinutes: Math.round(state.config.roundSeconds / 60),
    questions: questions.length,
    notes: appendix.length,
    participants: stakeholderStats(
      everyone.map((p) => p.group),
      k,
    ),
    remote: remote >= k && everyone.length - remote >= k ? remote : null,
    votes: cast > 0 ? { perParticipant: harvest.votesPerParticipant, cast } : null,
    kept: Object.values(KeptReason)
      .map((reason) => ({ reason, count: input.kept.get(reason) ?? 0 }))
      .filter((x) => x.count > 0),
  };

  const written = input.takeaways.map((t) => t.trim()).filter(Boolean);
  const takeaways: Takeaway[] = written.length
    ? written.map((text) => ({ text, question: null }))
    : keyFindings
        .sort((a, b) => b.votes - a.votes || (a.question ?? 0) - (b.question ?? 0) || compareText(a.text, b.text))
        .slice(0, MAX_DRAWN_TAKEAWAYS)
        .map(({ text, question }) => ({ text, question }));

  const language = isLanguage(state.config.language) ? state.config.language : Language.en;
  const readout: Readout = {
    format: 'tablehop-readout',
    schemaVersion: 2,
    version: options.version,
    language,
    title: state.config.title,
    description: state.config.description,
    event: { date: state.config.date ?? null, place: state.config.place ?? null },
    published: new Date(options.now).toISOString().slice(0, 10),
    method,
    takeaways,
    questions: outQuestions,
    setAside: Object.values(LeftOut)
      .map((category) => ({ category, count: leftOut.get(category) ?? 0 }))
      .filter((x) => x.count > 0),
    appendix,
  };
  // The fact carries plain JSON; `apply` turns it back into a Map.
  return { readout, noteNumbers: Object.fromEntries(noteNumbers) };
}

/** Rounds that began (a note written in a round proves it began, for logs without sittings). */
function roundsHeld(state: SessionState): number {
  let rounds = lastStartedRound(state);
  for (const note of state.notes.values()) rounds = Math.max(rounds, note.round);
  return rounds;
}

/** Themes in the readout's order first, then what was left out, by category. */
function fateRank(fate: Fate, themeRank: number): number {
  switch (fate.kind) {
    case 'theme':
    case 'merged':
      return themeRank;
    case 'set-aside':
      return 10_000 + Object.values(LeftOut).indexOf(fate.reason);
    case 'withheld':
      return 20_000;
    case 'unused':
      return 30_000;
  }
}

/** Within a theme, the notes placed directly come before those merged in, by the name they came from. */
function fateKey(fate: Fate): string {
  return fate.kind === 'merged' ? `1${fate.from}` : '0';
}

function leftOutOf(fate: Fate): LeftOut | null {
  switch (fate.kind) {
    case 'set-aside':
      return fate.reason;
    case 'withheld':
      return LeftOut.withheld;
    case 'unused':
      return LeftOut.unused;
    case 'theme':
    case 'merged':
      return null;
  }
}

/**
 * The k rule for the appendix (issue 12): a (question, round) cell written by fewer than k
 * distinct people would let whoever knew the seating narrow a note down to one or two writers.
 * Rounds are taken in order and merged with the next until a span has k writers; a short tail
 * joins the span before it; if even the whole question has fewer than k writers, no round is
 * given at all (the question is, since the theme tells it anyway).
 */
export function roundSpans(notes: readonly Pick<Note, 'round' | 'authorId'>[], k: number): Map<number, RoundSpan | null> {
  const writers = new Map<number, Set<ParticipantId>>();
  for (const n of notes) {
    const set = writers.get(n.round) ?? new Set<ParticipantId>();
    set.add(n.authorId);
    writers.set(n.round, set);
  }
  const groups: { rounds: number[]; writers: Set<ParticipantId> }[] = [];
  let open: { rounds: number[]; writers: Set<ParticipantId> } | null = null;
  for (const round of [...writers.keys()].sort((a, b) => a - b)) {
    open ??= { rounds: [], writers: new Set() };
    open.rounds.push(round);
    for (const w of writers.get(round)!) open.writers.add(w);
    if (open.writers.size >= k) {
      groups.push(open);
      open = null;
    }
  }
  const spans = new Map<number, RoundSpan | null>();
  if (open) {
    const last = groups.at(-1);
    if (!last) {
      for (const round of open.rounds) spans.set(round, null);
      return spans;
    }
    last.rounds.push(...open.rounds);
  }
  for (const g of groups) {
    const span = { from: g.rounds[0]!, to: g.rounds.at(-1)! };
    for (const round of g.rounds) spans.set(round, span);
  }
  return spans;
}

/** Locale-independent, so the same input sorts the same on every machine. */
export function compareText(a: string, b: string): number {
  const fa = foldString(a);
  const fb = foldString(b);
  if (fa !== fb) return fa < fb ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Counts by stakeholder group, showing only groups of at least `k`. Smaller groups are folded
 * into "Other" (as is a group named "Other" in any session language); if "Other" itself would hold fewer than `k`, the smallest shown groups join it
 * until it does, so no small count can be recovered by subtracting from the total. Below `k`
 * in all, only the total is given.
 */
export function stakeholderStats(groups: readonly string[], k: number): StakeholderStats {
  const total = groups.length;
  if (total < k) return { total, minGroupSize: k, groups: [] };
  const counts = new Map<string, number>();
  for (const g of groups) counts.set(g, (counts.get(g) ?? 0) + 1);
  const shown = [...counts]
    .filter(([g, n]) => n >= k && foldString(g) !== 'other' && !OTHER_GROUP_NAMES.has(g.toLowerCase()))
    .map(([group, count]) => ({ group, count }))
    .sort((a, b) => b.count - a.count || compareText(a.group, b.group));
  let other = total - shown.reduce((sum, g) => sum + g.count, 0);
  while (other > 0 && other < k && shown.length) other += shown.pop()!.count;
  return { total, minGroupSize: k, groups: other > 0 ? [...shown, { group: 'Other', count: other }] : shown };
}
