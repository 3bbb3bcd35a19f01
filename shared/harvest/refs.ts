import type { SourceRef } from '../domain/state.ts';

/** Parsed source references, as redactions and rephrasings name the texts of a readout. */
export type Source =
  | { kind: 'note'; noteId: string }
  | { kind: 'summary'; tableId: string; round: number }
  | { kind: 'theme'; themeId: string }
  | { kind: 'synthesis'; question: string }
  /** A theme's own finding, the rapporteur's sentence or two under its name. */
  | { kind: 'theme-synthesis'; themeId: string }
  /** One of the cross-question takeaways, by its place in the list (0-based). */
  | { kind: 'takeaway'; index: number };

export const sourceRef = {
  note: (noteId: string): SourceRef => `note:${noteId}`,
  summary: (tableId: string, round: number): SourceRef => `summary:${tableId}:${round}`,
  theme: (themeId: string): SourceRef => `theme:${themeId}`,
  synthesis: (question: string): SourceRef => `synthesis:${question}`,
  themeSynthesis: (themeId: string): SourceRef => `theme-synthesis:${themeId}`,
  takeaway: (index: number): SourceRef => `takeaway:${index}`,
};

export function parseSource(ref: SourceRef): Source | null {
  const [kind, a, b] = ref.split(':');
  if (!a) return null;
  switch (kind) {
    case 'note':
      return { kind, noteId: a };
    case 'summary':
      return b && /^\d+$/.test(b) ? { kind, tableId: a, round: Number(b) } : null;
    case 'theme':
      return { kind, themeId: a };
    case 'synthesis':
      return { kind, question: a };
    case 'theme-synthesis':
      return { kind, themeId: a };
    case 'takeaway':
      return /^\d{1,3}$/.test(a) ? { kind, index: Number(a) } : null;
    default:
      return null;
  }
}
