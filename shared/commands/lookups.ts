import { liveTheme } from '../domain/state.ts';
import type { Note, Participant, SessionState, Table, Theme } from '../domain/state.ts';
import { ErrorCode, refuse, type Refusal } from '../protocol/errors.ts';

/**
 * Lookups every family shares, each with the refusal the product gives when the thing is not
 * there. Ids were checked against their format at the boundary; these check they name something.
 */

export function tableOr(state: SessionState, tableId: string): Table | Refusal {
  return state.tables.find((t) => t.id === tableId) ?? refuse(ErrorCode.notFound, 'No such table.');
}

export function participantOr(state: SessionState, participantId: string): Participant | Refusal {
  return state.participants.get(participantId) ?? refuse(ErrorCode.notFound, 'No such participant.');
}

/** A note that still exists (a deleted one keeps only its id, so a late resend cannot revive it). */
export function noteOr(state: SessionState, noteId: string): Note | Refusal {
  const note = state.notes.get(noteId);
  return note && !note.deleted ? note : refuse(ErrorCode.notFound, 'No such note.');
}

export function themeOr(state: SessionState, themeId: string): Theme | Refusal {
  return state.harvest.themes.get(themeId) ?? refuse(ErrorCode.notFound, 'No such theme.');
}

export function mergedRefusal(state: SessionState, theme: Theme): Refusal {
  const into = liveTheme(state.harvest, theme.id);
  return refuse(ErrorCode.conflict, `“${theme.name}” was merged into “${into?.name ?? 'another theme'}”.`);
}

/** The theme holding a note now, if any. */
export function themeOf(state: SessionState, noteId: string): Theme | undefined {
  for (const theme of state.harvest.themes.values()) if (theme.noteIds.includes(noteId)) return theme;
  return undefined;
}
