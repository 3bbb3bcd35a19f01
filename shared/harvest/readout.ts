import type { Note, NoteId, SessionState, Theme } from '../domain/state.ts';
import { liveTheme, questionOfTable, questionsOf } from '../domain/state.ts';
import { foldString } from './attribution/index.ts';
import { quoteOf, sourceRef } from './sources.ts';
import { CHATHAM_HOUSE_RULE, type AppendixEntry, type Fate, type Readout, type ReadoutQuestion, type ReadoutTheme, type StakeholderStats } from './types.ts';

/**
 * Builds the readout from a session's state: pure and deterministic. Nothing in it maps to a
 * person: notes are numbered N1… in an order derived from the question, the round, what became
 * of them and their words (never who wrote them or when); the only date is the day.
 */
export function buildReadout(
  state: SessionState,
  options: { version: number; minGroupSize: number; now: number },
): { readout: Readout; noteNumbers: Record<NoteId, string> } {
  const { harvest } = state;
  const questions = questionsOf(state);
  const k = options.minGroupSize;

  const votes = new Map<string, number>();
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

  const byQuestion = new Map<string, Note[]>();
  for (const note of state.notes.values()) {
    if (note.deleted) continue;
    const q = questionOfTable(state, note.tableId);
    if (!q) continue;
    const list = byQuestion.get(q.key) ?? [];
    list.push(note);
    byQuestion.set(q.key, list);
  }

  const readoutText = (note: Note) => quoteOf(state, sourceRef.note(note.id), note.text);
  const themesOf = (questionKey: string): (ReadoutTheme & { id: string })[] => {
    const live = [...harvest.themes.values()].filter((t) => t.question === questionKey && !t.mergedInto);
    return live
      .map((t) => ({ id: t.id, name: t.name, keyFinding: t.keyFinding, votes: votes.get(t.id) ?? 0 }))
      .sort((a, b) => Number(b.keyFinding) - Number(a.keyFinding) || b.votes - a.votes || compareText(a.name, b.name))
      .map(({ id, ...rest }) => ({ ...rest, id, quotes: [] as { ref: string; text: string }[] }));
  };

  const appendix: AppendixEntry[] = [];
  const noteNumbers = new Map<NoteId, string>();
  const outQuestions: ReadoutQuestion[] = [];
  const participantsOf = (tableIds: Set<string> | null) => {
    const ids = new Set<string>();
    for (const round of state.sittings.values()) {
      for (const [pid, tables] of round) if (!tableIds || tables.some((t) => tableIds.has(t))) ids.add(pid);
    }
    return [...ids].map((pid) => state.participants.get(pid)).filter((p) => p !== undefined);
  };

  for (const [i, q] of questions.entries()) {
    const themes = themesOf(q.key);
    const themeRank = new Map(themes.map((t, rank) => [t.id, rank]));
    const notes = byQuestion.get(q.key) ?? [];
    const entries = notes.map((note) => {
      const fate = fateOf(note);
      const liveId = placed.get(note.id)?.live.id;
      const rank = fate.kind === 'theme' || fate.kind === 'merged' ? themeRank.get(liveId!) ?? 0 : fate.kind === 'set-aside' ? 10_000 + ['off-topic', 'duplicate', 'abusive'].indexOf(fate.reason) : fate.kind === 'withheld' ? 20_000 : 30_000;
      return { note, fate, liveId, rank, text: fate.kind === 'theme' || fate.kind === 'merged' ? readoutText(note) : note.text };
    });
    entries.sort((a, b) => a.rank - b.rank || a.note.round - b.note.round || compareText(a.text, b.text) || compareText(describeKey(a.fate), describeKey(b.fate)));
    for (const e of entries) {
      const ref = `N${appendix.length + 1}`;
      noteNumbers.set(e.note.id, ref);
      appendix.push({ ref, question: i + 1, round: e.note.round, fate: e.fate });
      if (e.liveId && (e.fate.kind === 'theme' || e.fate.kind === 'merged')) themes.find((t) => t.id === e.liveId)?.quotes.push({ ref, text: e.text });
    }

    const summaries: { round: number; text: string }[] = [];
    for (const tableId of q.tableIds) {
      for (const [round, text] of state.summaries.get(tableId) ?? []) {
        if (text) summaries.push({ round, text: quoteOf(state, sourceRef.summary(tableId, round), text) });
      }
    }
    summaries.sort((a, b) => a.round - b.round || compareText(a.text, b.text));

    outQuestions.push({
      number: i + 1,
      question: q.text,
      synthesis: harvest.syntheses.get(q.key) ?? '',
      noteCount: notes.filter((n) => !n.hidden).length,
      themes: themes.map(({ name, keyFinding, votes: v, quotes }) => ({ name, keyFinding, votes: v, quotes })),
      summaries,
      stakeholders: stakeholderStats(participantsOf(new Set(q.tableIds)).map((p) => p.group), k),
    });
  }

  const readout: Readout = {
    format: 'tablehop-readout',
    schemaVersion: 1,
    version: options.version,
    title: state.config.title,
    date: new Date(options.now).toISOString().slice(0, 10),
    rule: CHATHAM_HOUSE_RULE,
    participants: stakeholderStats(participantsOf(null).map((p) => p.group), k),
    questions: outQuestions,
    appendix,
  };
  // The fact carries plain JSON; `apply` turns it back into a Map.
  return { readout, noteNumbers: Object.fromEntries(noteNumbers) };
}

function describeKey(fate: Fate): string {
  return JSON.stringify(fate);
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
 * into "Other"; if "Other" itself would hold fewer than `k`, the smallest shown groups join it
 * until it does, so no small count can be recovered by subtracting from the total. Below `k`
 * in all, only the total is given.
 */
export function stakeholderStats(groups: readonly string[], k: number): StakeholderStats {
  const total = groups.length;
  if (total < k) return { total, minGroupSize: k, groups: [] };
  const counts = new Map<string, number>();
  for (const g of groups) counts.set(g, (counts.get(g) ?? 0) + 1);
  const shown = [...counts]
    .filter(([g, n]) => n >= k && foldString(g) !== 'other')
    .map(([group, count]) => ({ group, count }))
    .sort((a, b) => b.count - a.count || compareText(a.group, b.group));
  let other = total - shown.reduce((sum, g) => sum + g.count, 0);
  while (other > 0 && other < k && shown.length) other += shown.pop()!.count;
  return { total, minGroupSize: k, groups: other > 0 ? [...shown, { group: 'Other', count: other }] : shown };
}
