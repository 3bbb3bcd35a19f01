import type { SessionState, SourceRef } from '../domain/state.ts';
import { liveTheme, questionsOf } from '../domain/state.ts';
import type { ReadoutText, Roster } from './attribution/index.ts';

export { parseSource, sourceRef, type Source } from './refs.ts';
import { sourceRef } from './refs.ts';

/** Whether a note may be quoted: still there, and not hidden by the facilitator. */
export function quotable(state: SessionState, noteId: string): boolean {
  const note = state.notes.get(noteId);
  return !!note && !note.deleted && !note.hidden && !note.held;
}

/** The readout's words for a note or summary: the rapporteur's copy when there is one. */
export function quoteOf(state: SessionState, ref: SourceRef, original: string): string {
  return state.harvest.quotes.get(ref) ?? original;
}

/**
 * Every text that goes into the readout, in a fixed order: each quoted note, each theme name,
 * each synthesis and each host summary. These are what the attribution check reads.
 */
export function readoutTexts(state: SessionState): ReadoutText[] {
  const texts: ReadoutText[] = [];
  const { harvest } = state;
  const themes = [...harvest.themes.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const theme of themes) {
    texts.push({ source: sourceRef.theme(theme.id), text: theme.name });
    if (!liveTheme(harvest, theme.id)) continue;
    for (const noteId of theme.noteIds) {
      if (!quotable(state, noteId)) continue;
      const ref = sourceRef.note(noteId);
      texts.push({ source: ref, text: quoteOf(state, ref, state.notes.get(noteId)!.text) });
    }
  }
  for (const q of questionsOf(state)) {
    const synthesis = harvest.syntheses.get(q.key);
    if (synthesis) texts.push({ source: sourceRef.synthesis(q.key), text: synthesis });
  }
  for (const table of state.tables) {
    for (const [round, text] of state.summaries.get(table.id) ?? []) {
      if (!text) continue;
      const ref = sourceRef.summary(table.id, round);
      texts.push({ source: ref, text: quoteOf(state, ref, text) });
    }
  }
  return texts;
}

/** Everyone who ever joined, with the organisations they gave: the check must know them all. */
export function rosterOf(state: SessionState): Roster {
  const names: string[] = [];
  const organisations: string[] = [];
  for (const p of state.participants.values()) {
    names.push(p.name);
    if (p.organisation) organisations.push(p.organisation);
  }
  return { names, organisations };
}
