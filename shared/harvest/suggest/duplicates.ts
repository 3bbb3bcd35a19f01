import { normaliseText } from './text.ts';

/**
 * Near-duplicates: the same note posted twice, or retyped with another case, punctuation, an
 * abbreviation or a word moved ("72 hours" / "72h", "especially" / "esp."). Compared on the
 * characters of the text itself, folded, not on stems: two different short notes can share every
 * content word ("data cost" / "cost of data?") and still be two contributions, while a retyped
 * note keeps nearly every character trigram.
 */
export function foldForDuplicates(text: string): string {
  return normaliseText(text)
    .toLowerCase()
    .normalize('NFD')
    .replace(/(?<=\p{Script=Latin})\p{M}+/gu, '')
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}\p{M}]+/gu, ' ')
    .trim();
}

export function characterTrigrams(text: string): Set<string> {
  const padded = ` ${foldForDuplicates(text)} `;
  const grams = new Set<string>();
  const chars = [...padded];
  for (let i = 0; i + 3 <= chars.length; i++) grams.add(chars.slice(i, i + 3).join(''));
  return grams;
}

export function trigramSimilarity(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (!a.size || !b.size) return 0;
  let common = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const g of small) if (large.has(g)) common++;
  // Dice: the share of trigrams the two texts have in common.
  return (2 * common) / (a.size + b.size);
}

/** Union-find over the pairs found similar; groups of two or more, members ascending. */
export function groupPairs(n: number, pairs: readonly [number, number][]): number[][] {
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  for (const [a, b] of pairs) {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
  const groups = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const root = find(i);
    const group = groups.get(root) ?? [];
    group.push(i);
    groups.set(root, group);
  }
  return [...groups.values()].filter((group) => group.length >= 2);
}
