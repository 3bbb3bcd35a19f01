import type { NoteId, SessionState, SourceRef, Theme } from '../domain/state.ts';
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

const byId = (a: Theme, b: Theme) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * The notes a theme quotes in the readout, in the order chosen: those still in it and quotable.
 * A quote chosen in a theme merged into another counts for that one (buildReadout reads the same).
 */
export function chosenQuotes(state: SessionState, theme: Theme): NoteId[] {
  return (theme.quotes ?? []).filter((id) => theme.noteIds.includes(id) && quotable(state, id));
}

/**
 * Exactly the people's and the rapporteur's words a readout would publish now, in a fixed order:
 * the name of every theme that stands and of every merged theme still named in a note's fate,
 * each standing theme's synthesis, each chosen quote (in its readout wording), each question's
 * synthesis, and the rapporteur's takeaways. These are what the attribution check reads. Notes
 * that are not quoted count toward their theme without their words; host summaries are the
 * tables' working notes and are not published. The title, description and questions are the
 * facilitator's public framing.
 */
export function readoutTexts(state: SessionState): ReadoutText[] {
  const texts: ReadoutText[] = [];
  const { harvest } = state;
  const questions = new Set(questionsOf(state).map((q) => q.key));
  const themes = [...harvest.themes.values()].filter((t) => questions.has(t.question)).sort(byId);
  for (const theme of themes) {
    const live = liveTheme(harvest, theme.id);
    if (!live) continue;
    // A merged theme's name is published in the appendix ("merged into Y, from X") while it holds a note.
    const named = theme === live || theme.noteIds.some((id) => quotable(state, id));
    if (named) texts.push({ source: sourceRef.theme(theme.id), text: theme.name });
    if (theme === live && theme.synthesis?.trim()) texts.push({ source: sourceRef.themeSynthesis(theme.id), text: theme.synthesis });
    for (const noteId of chosenQuotes(state, theme)) {
      const ref = sourceRef.note(noteId);
      texts.push({ source: ref, text: quoteOf(state, ref, state.notes.get(noteId)!.text) });
    }
  }
  for (const key of questions) {
    const synthesis = harvest.syntheses.get(key);
    if (synthesis?.trim()) texts.push({ source: sourceRef.synthesis(key), text: synthesis });
  }
  for (const [i, text] of (harvest.takeaways ?? []).entries()) {
    if (text.trim()) texts.push({ source: sourceRef.takeaway(i), text });
  }
  return texts;
}

/**
 * Everyone who ever joined, with the organisations and other spellings they gave: the check must
 * know them all. Appended to in join order, so a join only ever extends it (the session's
 * attribution cache then indexes the newcomer alone).
 */
export function rosterOf(state: SessionState): Roster {
  const names: string[] = [];
  const organisations: string[] = [];
  const aliases: string[] = [];
  for (const p of state.participants.values()) {
    names.push(p.name);
    if (p.organisation) organisations.push(p.organisation);
    if (p.aliases?.length) aliases.push(...p.aliases);
  }
  return { names, organisations, aliases };
}

/**
 * Whether a note is in the latest published readout (it has a number in its appendix): its
 * author can no longer change or delete it, so the readout and what a participant sees agree.
 */
export function inPublishedReadout(state: SessionState, noteId: NoteId): boolean {
  return state.harvest.readouts.at(-1)?.noteNumbers.has(noteId) ?? false;
}
