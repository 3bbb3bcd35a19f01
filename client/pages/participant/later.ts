import { lazy } from 'react';
import { cacheLoadedShell } from '../../offline.ts';

/**
 * Parts of the phone app that are not on its first screen: the rotation card (only while moving),
 * the host's summary (hosts only), editing and undoing the deletion of a note (after a tap), and
 * the question before leaving and the screen after; their strings come with them (laterStrings.ts). They take what they need from
 * session.ts as props, so that it stays in the first download rather than in a chunk of its own. They stay out of the
 * first download, and all are fetched in the background once the app is connected, so that they are
 * there when needed: at rotation time, when every phone needs the card at once; and offline, since
 * a module that failed to load is not fetched again before a reload. The offline shell is cached
 * once they are in.
 */
const load = {
  rotation: () => import('./RotationCard.tsx'),
  summary: () => import('./SummaryBox.tsx'),
  notes: () => import('./NoteActions.tsx'),
  leave: () => import('./LeaveConfirm.tsx'),
};

export const RotationCard = lazy(() => load.rotation().then((m) => ({ default: m.RotationCard })));
export const SummaryBox = lazy(() => load.summary().then((m) => ({ default: m.SummaryBox })));
export const NoteEditor = lazy(() => load.notes().then((m) => ({ default: m.NoteEditor })));
export const NoteDeleted = lazy(() => load.notes().then((m) => ({ default: m.NoteDeleted })));
export const LeaveConfirm = lazy(() => load.leave().then((m) => ({ default: m.LeaveConfirm })));
export const LeftSession = lazy(() => load.leave().then((m) => ({ default: m.LeftSession })));

let preloaded: Promise<unknown> | null = null;

/** Loads the parts above, then caches everything loaded for the offline shell. */
export function preloadLater(): Promise<unknown> {
  return (preloaded ??= Promise.allSettled(Object.values(load).map((l) => l())).then(() => cacheLoadedShell()));
}
