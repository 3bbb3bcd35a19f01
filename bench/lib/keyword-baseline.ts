import { type SuggestLanguage } from '../../shared/harvest/suggest/languages.ts';
import { Tokeniser } from '../../shared/harvest/suggest/tokens.ts';

/**
 * The naive baseline the suggestions are measured against: one cluster per shared keyword. Notes are
 * tokenised exactly as the engine does (same normalisation, stemming and stop words), so the figures
 * compare the grouping alone. A note with several shared keywords goes to the one the most notes
 * share (ties by the keyword's spelling); notes that share no keyword stay alone.
 */
export function keywordBaseline(
  notes: readonly { id: string; text: string; language?: string }[],
  language: SuggestLanguage,
): { noteIds: string[]; name: string }[] {
  const tokeniser = new Tokeniser(language);
  const keysOf = new Map<string, Set<string>>();
  const share = new Map<string, number>();
  for (const note of notes) {
    const keys = new Set(tokeniser.tokenise(note.text, note.language).terms.map((term) => term.key));
    keysOf.set(note.id, keys);
    for (const key of keys) share.set(key, (share.get(key) ?? 0) + 1);
  }
  const clusters = new Map<string, string[]>();
  for (const note of notes) {
    let best: string | null = null;
    for (const key of keysOf.get(note.id)!) {
      const n = share.get(key)!;
      if (n < 2) continue;
      if (best === null || n > share.get(best)! || (n === share.get(best)! && key < best)) best = key;
    }
    if (best === null) continue;
    const cluster = clusters.get(best) ?? [];
    cluster.push(note.id);
    clusters.set(best, cluster);
  }
  return [...clusters]
    .filter(([, ids]) => ids.length >= 2)
    .map(([name, noteIds]) => ({ name, noteIds }))
    .sort((a, b) => b.noteIds.length - a.noteIds.length || (a.name < b.name ? -1 : 1));
}
