import { nanoid } from 'nanoid';
import type { SetAsideReason } from '../../../shared/domain/enums.ts';
import { t } from '../../i18n/i18n.ts';
import { restorePlaces, undoCreate, type BoardCommand } from '../../state/board.ts';
import { placement, useRapporteur } from '../../state/rapporteur.ts';
import { report, toast } from '../../ui/toast.tsx';
import { describeRefusal } from '../../ui/refusal.ts';
import { run } from './session.ts';

/**
 * What the board's buttons, keys and drops do: one command each (a bulk one where many notes
 * move), with the commands that undo it kept as the last action. The undo is worked out from
 * where things stood before the command, so it puts back exactly what the action moved.
 */

const state = () => useRapporteur.getState();
const place = () => placement(state().view!);

function remember(label: string, commands: BoardCommand[]) {
  useRapporteur.setState({ undo: commands.length ? { label, commands } : null });
}

function clearSelection() {
  useRapporteur.setState({ selected: new Set(), anchor: null });
}

async function send(command: BoardCommand) {
  // Each command's payload matches its name: BoardCommand pairs them.
  return run(command.name, command.payload as never);
}

/** Many notes into a theme, or back to unsorted (`null`), in one command. */
export async function moveNotes(noteIds: readonly string[], themeId: string | null, themeName?: string): Promise<boolean> {
  if (!noteIds.length) return false;
  const undo = restorePlaces(noteIds, place());
  const label = themeId ? t('b.did.moved', { count: noteIds.length, name: themeName ?? '' }) : t('b.did.unsorted', { count: noteIds.length });
  const ok = report(await run('notes:sort', { noteIds: [...noteIds], themeId }), label);
  if (ok) {
    remember(label, undo);
    clearSelection();
  }
  return ok;
}

export async function setAside(noteIds: readonly string[], reason: SetAsideReason, detail?: string): Promise<boolean> {
  if (!noteIds.length) return false;
  const undo = restorePlaces(noteIds, place());
  const label = t('b.did.setAside', { count: noteIds.length });
  const ok = report(await run('notes:setAside', { noteIds: [...noteIds], reason, ...(detail ? { detail } : {}) }), label);
  if (ok) {
    remember(label, undo);
    clearSelection();
  }
  return ok;
}

/** A new theme, with notes in it when given (a suggestion accepted, whole or in part, or the selection). */
export async function createTheme(question: string, name: string, noteIds: readonly string[] = []): Promise<string | null> {
  const id = nanoid();
  const undo = undoCreate(id, noteIds, place());
  const label = t('b.did.created', { name, count: noteIds.length });
  const ok = report(await run('theme:create', { id, question, name, ...(noteIds.length ? { noteIds: [...noteIds] } : {}) }), label);
  if (!ok) return null;
  remember(label, undo);
  if (noteIds.length) clearSelection();
  return id;
}

/** Every suggestion at once, each as a theme under its suggested name: one action, undone as one. */
export async function acceptAll(question: string, clusters: readonly { name: string; noteIds: readonly string[] }[]): Promise<void> {
  const undo: BoardCommand[] = [];
  let made = 0;
  for (const c of clusters) {
    const id = nanoid();
    const result = await run('theme:create', { id, question, name: c.name, noteIds: [...c.noteIds] });
    if (!result.ok) {
      toast('error', describeRefusal(result));
      break;
    }
    undo.push({ name: 'theme:delete', payload: { id } });
    made++;
  }
  if (!made) return;
  const label = t('b.did.acceptedAll', { count: made });
  toast('ok', label);
  remember(label, undo);
}

/** Near-copies merged: in each group the first stays, the others are set aside as duplicates, in one command. */
export async function mergeCopies(groups: readonly (readonly string[])[]): Promise<void> {
  const rest = groups.flatMap((g) => g.slice(1));
  if (!rest.length) return;
  const undo = restorePlaces(rest, place());
  const label = t('b.did.copies', { count: rest.length });
  if (report(await run('notes:setAside', { noteIds: rest, reason: 'duplicate' }), label)) remember(label, undo);
}

export async function mergeThemes(ids: readonly string[], into: string, intoName: string): Promise<boolean> {
  const label = t('b.did.merged', { count: ids.length, name: intoName });
  const ok = report(await run('themes:merge', { ids: [...ids], into }), label);
  if (ok)
    remember(
      label,
      ids.map((id) => ({ name: 'theme:unmerge' as const, payload: { id } })),
    );
  return ok;
}

export async function renameTheme(id: string, name: string): Promise<boolean> {
  const before = state().view!.harvest.themes.find((th) => th.id === id)?.name;
  const label = t('b.did.renamed', { name });
  const ok = report(await run('theme:rename', { id, name }), label);
  if (ok && before) remember(label, [{ name: 'theme:rename', payload: { id, name: before } }]);
  return ok;
}

export async function chooseQuote(noteId: string, chosen: boolean): Promise<boolean> {
  const label = chosen ? t('b.did.quoted') : t('b.did.unquoted');
  const ok = report(await run('quote:choose', { noteId, chosen }), label);
  if (ok) remember(label, [{ name: 'quote:choose', payload: { noteId, chosen: !chosen } }]);
  return ok;
}

/** Undoes the last action, command by command; stops at the first refusal and says why. */
export async function undoLast(): Promise<void> {
  const undo = state().undo;
  if (!undo) return;
  useRapporteur.setState({ undo: null });
  for (const command of undo.commands) {
    const result = await send(command);
    if (!result.ok) return void toast('error', describeRefusal(result));
  }
  toast('ok', t('b.did.undone', { label: undo.label }));
}
