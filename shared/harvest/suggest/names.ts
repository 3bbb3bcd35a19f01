import type { Tokenised } from './tokens.ts';

/**
 * A suggested theme's characteristic words: those that many of its notes use and the question's
 * other notes rarely do. The score is the share of the theme's notes holding the term times the
 * term's lift over the whole question (capped, so a word used once by two notes of a pair does not
 * beat a word half the theme uses). Each word is shown as the theme's notes most often wrote it.
 */
export function characteristicWords(
  members: readonly number[],
  noteKeys: readonly string[][],
  notes: readonly Tokenised[],
  df: ReadonlyMap<string, number>,
  total: number,
  count: number,
): string[] {
  const inside = new Map<string, number>();
  const spellings = new Map<string, Map<string, number>>();
  for (const m of members) {
    const keys = noteKeys[m]!;
    const terms = notes[m]!.terms;
    const seen = new Set<string>();
    keys.forEach((key, t) => {
      const surface = terms[t]!.surface;
      const forms = spellings.get(key) ?? new Map<string, number>();
      forms.set(surface, (forms.get(surface) ?? 0) + 1);
      spellings.set(key, forms);
      if (seen.has(key)) return;
      seen.add(key);
      inside.set(key, (inside.get(key) ?? 0) + 1);
    });
  }
  const size = members.length;
  const scored = [...inside]
    .map(([key, k]) => {
      const share = k / size;
      const lift = Math.min(share / (df.get(key)! / total), 4);
      return { key, k, score: share * lift };
    })
    // A theme's word should be used by more than one of its notes, when it has such words at all.
    .filter((term, _, all) => term.k >= 2 || !all.some((other) => other.k >= 2))
    .sort((a, b) => b.score - a.score || b.k - a.k || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return scored.slice(0, count).map(({ key }) => spelling(spellings.get(key)!));
}

/** The most frequent form; ties to the shorter, then the first in code-point order. */
function spelling(forms: ReadonlyMap<string, number>): string {
  let best = '';
  let most = 0;
  for (const [form, n] of forms) {
    if (n > most || (n === most && (form.length < best.length || (form.length === best.length && form < best)))) {
      best = form;
      most = n;
    }
  }
  return best;
}

/** A theme's suggested name: its three most characteristic words, the first capitalised. */
export function themeName(words: readonly string[]): string {
  const name = words.slice(0, 3).join(' · ');
  return name.charAt(0).toLocaleUpperCase() + name.slice(1);
}
