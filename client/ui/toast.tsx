import { create } from 'zustand';
import type { Result } from '../../shared/protocol/errors.ts';
import { useT } from '../i18n/i18n.ts';
import { describeRefusal } from './refusal.ts';

/** One line of feedback for every action, announced politely to screen readers. */

interface Toast {
  id: number;
  kind: 'ok' | 'error';
  text: string;
}

const useToasts = create<{ toasts: Toast[] }>(() => ({ toasts: [] }));

/** What is on screen now (for tests). */
export const shownToasts = (): readonly { kind: string; text: string }[] => useToasts.getState().toasts;
let nextId = 1;
const LIFETIME_MS = 4500;

export function toast(kind: Toast['kind'], text: string): void {
  const id = nextId++;
  // One at a time: the newest replaces the last, so feedback never piles up over the screen.
  useToasts.setState({ toasts: [{ id, kind, text }] });
  setTimeout(() => useToasts.setState((s) => ({ toasts: s.toasts.filter((x) => x.id !== id) })), LIFETIME_MS);
}

/** Shows `success` when the server accepted, its reason when it refused; returns whether it accepted. */
export function report(result: Result<object>, success: string): boolean {
  if (result.ok) toast('ok', success);
  else toast('error', describeRefusal(result));
  return result.ok;
}

export function Toasts() {
  const t = useT();
  const toasts = useToasts((s) => s.toasts);
  return (
    <div className="toasts" aria-live="polite" data-testid="toasts">
      {toasts.map((x) => (
        <p key={x.id} className={`toast toast--${x.kind}`} role={x.kind === 'error' ? 'alert' : undefined}>
          <span className="visually-hidden">{x.kind === 'error' ? t('toast.error') : t('toast.ok')}</span>
          {x.text}
        </p>
      ))}
    </div>
  );
}
